import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { viewLoadOptions } from './views';

/*
 * The node's `methods.loadOptions`: every dropdown loader of the Synergist node. An area adds its loaders with one
 * spread line here (keep them in `methods/<area>.ts`; `lookupLoader` in ./lookups.ts covers most lookups).
 */
export const loadOptions: Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>> = {
	...viewLoadOptions,
};
