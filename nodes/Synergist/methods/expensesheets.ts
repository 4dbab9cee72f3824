import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fieldOf, rowsOf, synergistRequest } from '../transport';
import { lookupLoader } from './lookups';

/** The template code inside a print menu entry: `EXPENSESHEETINPUTFILE REPORT -1790` → `-1790`. */
export const templateCodeOf = (row: IDataObject) => /(-?\d+)\s*$/.exec(String(fieldOf(row, 'menuClickAction') ?? ''))?.[1];

/** The print templates of the sheet chosen in the same node (none until a sheet is given). */
async function getExpenseSheetPrintTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const sheet = String(this.getCurrentNodeParameter('expenseSheet') ?? '').trim();
	if (!/^\d+$/.test(sheet)) return [];
	const reply = await synergistRequest(this, { area: 'expensesheets', action: 'expensesheetinputprints', params: { expensesheet: sheet }, idempotent: true });
	return rowsOf(reply)
		.map((row) => ({ code: templateCodeOf(row), name: String(fieldOf(row, 'menuDescription') ?? '') }))
		.filter((row): row is { code: string; name: string } => row.code !== undefined)
		.map(({ code, name }) => ({ name: name || code, value: code, description: `Template ${code}` }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Dropdowns of the Expense Sheet resource. */
export const expenseSheetLoadOptions = {
	getExpenseClaimants: lookupLoader({
		area: 'expensesheets',
		action: 'supplierlist',
		value: 'supplierCode',
		name: 'supplierName',
		description: (row) => String(fieldOf(row, 'supplierCode') ?? ''),
	}),
	getExpenseSheetPrintTemplates,
};
