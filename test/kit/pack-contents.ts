import type { ICredentialType, INodeType } from 'n8n-workflow';

import { SimpleSalonApi } from '../../credentials/SimpleSalonApi.credentials';
import { SimpleSimonApi } from '../../credentials/SimpleSimonApi.credentials';
import { SimplyCrmApi } from '../../credentials/SimplyCrmApi.credentials';
import { SynergistApi } from '../../credentials/SynergistApi.credentials';
import { SimpleSalon } from '../../nodes/SimpleSalon/SimpleSalon.node';
import { SimpleSalonTrigger } from '../../nodes/SimpleSalon/SimpleSalonTrigger.node';
import { SimpleSimon } from '../../nodes/SimpleSimon/SimpleSimon.node';
import { SimpleSimonTrigger } from '../../nodes/SimpleSimon/SimpleSimonTrigger.node';
import { SimplyCrm } from '../../nodes/SimplyCrm/SimplyCrm.node';
import { SimplyCrmTrigger } from '../../nodes/SimplyCrm/SimplyCrmTrigger.node';
import { Synergist } from '../../nodes/Synergist/Synergist.node';
import { SynergistTrigger } from '../../nodes/Synergist/SynergistTrigger.node';

/** Every node and credential the pack ships, for tests that check all of them (README table, package.json). */
export const nodes: INodeType[] = [new SimpleSimon(), new SimpleSimonTrigger(), new SimplyCrm(), new SimplyCrmTrigger(), new SimpleSalon(), new SimpleSalonTrigger(), new Synergist(), new SynergistTrigger()];
export const credentials: ICredentialType[] = [new SimpleSimonApi(), new SimplyCrmApi(), new SimpleSalonApi(), new SynergistApi()];
