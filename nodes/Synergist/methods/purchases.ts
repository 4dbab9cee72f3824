import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fieldOf, listPages, rowsOf, synergistRequest } from '../transport';
import { isPlaceholder, lookupLoader } from './lookups';

/*
 * Dropdowns of the Purchase Order resource, all from purchases.json lookups: suppliers (paged), supply types (the
 * chosen supplier's default first), currencies, and the print / file templates of the chosen purchase order.
 */

/** The supplier code chosen in the current operation (create, change supplier), if any. */
function chosenSupplier(ctx: ILoadOptionsFunctions): string | undefined {
	for (const name of ['supplierCode', 'supplier']) {
		try {
			const value = ctx.getCurrentNodeParameter(name);
			if (typeof value === 'string' && /^\d+\/\S+$/.test(value.trim())) return value.trim();
		} catch {
			// the parameter is not on this operation
		}
	}
	return undefined;
}

/** Every supplier of the company, page by page (the list can be long: the reference shows 144 suppliers in 48 pages). */
async function getPurchaseSuppliers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await listPages(this, { area: 'purchases', params: { action: 'supplierslist' }, wanted: Infinity, pageSize: 200, itemIndex: 0 });
	return rows
		.map((row) => ({ value: String(fieldOf(row, 'supplierCode') ?? ''), name: String(fieldOf(row, 'supplierName') ?? '').trim(), row }))
		.filter(({ value, name }) => /^\d+\/\S+$/.test(value) && !isPlaceholder(name))
		.map(({ value, name, row }) => ({
			name: name || value,
			value,
			description: [value, fieldOf(row, 'supplierSupplytypeDescription')].filter((part) => typeof part === 'string' && part !== '').join(' · '),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** A template menu (`purchaseinputprints` / `purchaseinputfiles`): the template code is the last word of `menuClickAction`. */
function templateLoader(action: 'purchaseinputprints' | 'purchaseinputfiles') {
	return async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const purchase = String(this.getCurrentNodeParameter('purchaseId') ?? '').trim();
		// the menu is per purchase order: without one there is nothing to list yet
		if (!/^\d+$/.test(purchase) || Number(purchase) === 0) return [];
		const reply = await synergistRequest(this, { area: 'purchases', action, params: { purchase }, idempotent: true });
		return rowsOf(reply)
			.map((row: IDataObject) => ({
				value: String(fieldOf(row, 'menuClickAction') ?? '').trim().split(/\s+/).pop() ?? '',
				name: String(fieldOf(row, 'menuDescription') ?? '').trim(),
			}))
			.filter(({ value, name }) => value !== '' && !isPlaceholder(name))
			.map(({ value, name }) => ({ name: name || value, value, description: `Template ${value}` }))
			.sort((a, b) => a.name.localeCompare(b.name));
	};
}

export const purchaseLoadOptions: Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>> = {
	getPurchaseSuppliers,
	getPurchaseSupplyTypes: lookupLoader({
		area: 'purchases',
		action: 'supplytypes',
		params: (ctx) => {
			const supplier = chosenSupplier(ctx);
			return supplier ? { supplier } : {};
		},
		value: 'supplytypesSupplyType',
		name: 'supplytypesDescription',
		description: (row) => `${String(fieldOf(row, 'supplytypesSupplyType'))}${fieldOf(row, 'variable_selected') === true ? " (the supplier's)" : ''}`,
	}),
	// "- Base currency -" (code "") is a placeholder row and is dropped
	getPurchaseCurrencies: lookupLoader({
		area: 'purchases',
		action: 'currencies',
		value: 'currencyCode',
		name: 'currencyCurrencyName',
		description: (row) => String(fieldOf(row, 'currencyCode')),
	}),
	getPurchasePrintTemplates: templateLoader('purchaseinputprints'),
	getPurchaseFileTemplates: templateLoader('purchaseinputfiles'),
};
