import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fieldOf } from '../transport';
import { lookupLoader } from './lookups';

const text = (row: IDataObject, name: string) => String(fieldOf(row, name) ?? '').trim();

/** Dropdowns of the Expense Line fields, from the area's own lookups (rows=0: the whole list at once). */
export const expenseLineLoadOptions: Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>> = {
	getExpenseLinePhases: lookupLoader({
		area: 'expenselines',
		action: 'phaseslist',
		params: { rows: 0 },
		value: 'phaseJobAndPhase',
		name: (row) => `${text(row, 'phaseJobAndPhase')} ${text(row, 'phaseJobDescription1stLine')} / ${text(row, 'phasePhaseDescription1stLine')}`.trim(),
	}),
	getExpenseLineSupplyTypes: lookupLoader({
		area: 'expenselines',
		action: 'supplytypes',
		params: { rows: 0 },
		value: 'supplytypesSupplyType',
		name: (row) => text(row, 'supplytypesDescription') || text(row, 'supplytypesSupplyType'),
		description: (row) => text(row, 'supplytypesSupplyType'),
	}),
};
