import type { ICredentialType, INodeType } from 'n8n-workflow';

import { SimplyCrmApi } from '../../credentials/SimplyCrmApi.credentials';
import { SimplyCrm } from '../../nodes/SimplyCrm/SimplyCrm.node';

/** Every node and credential the pack ships, for tests that check all of them (README table, package.json). */
export const nodes: INodeType[] = [new SimplyCrm()];
export const credentials: ICredentialType[] = [new SimplyCrmApi()];
