import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { expenseLineLoadOptions } from './expenseLines';
import { expenseSheetLoadOptions } from './expensesheets';
import { calendarLoadOptions } from './calendar';
import { purchaseLoadOptions } from './purchases';
import { jobLoadOptions } from './jobs';
import { viewLoadOptions } from './views';
import { activityLoadOptions } from './activities';
import { customFieldLoadOptions } from './customFields';

/*
 * The node's `methods.loadOptions`: every dropdown loader of the Synergist node. An area adds its loaders with one
 * spread line here (keep them in `methods/<area>.ts`; `lookupLoader` in ./lookups.ts covers most lookups).
 */
export const loadOptions: Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>> = {
	...viewLoadOptions,
	...activityLoadOptions,
	...jobLoadOptions,
	...purchaseLoadOptions,
	...calendarLoadOptions,
	...expenseSheetLoadOptions,
	...expenseLineLoadOptions,
	...customFieldLoadOptions,
};
