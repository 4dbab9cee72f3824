import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fieldOf, rowsOf, synergistRequest } from '../transport';

/** Placeholder rows lookups start with ("- Blank -", "- All -", "- Base currency -"): not choices. */
export const isPlaceholder = (label: string) => /^\s*-\s.*\s-\s*$/.test(label);

export interface LookupSource {
	area: string;
	action?: string;
	/** Further query parameters (the credential adds the company). */
	params?: IDataObject | ((ctx: ILoadOptionsFunctions) => IDataObject);
	/** The field holding the value to send (spelling may vary in case). */
	value: string;
	/** The field shown, or a function of the row. */
	name: string | ((row: IDataObject) => string);
	/** An optional description per row. */
	description?: (row: IDataObject) => string | undefined;
}

/** A dropdown loader over a lookup action (`jobs.json?action=jobtypes`): placeholders dropped, sorted by name. */
export function lookupLoader(source: LookupSource) {
	return async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const params = typeof source.params === 'function' ? source.params(this) : source.params;
		const reply = await synergistRequest(this, { area: source.area, action: source.action, params, idempotent: true });
		return rowsOf(reply)
			.map((row) => {
				const value = fieldOf(row, source.value);
				const name = typeof source.name === 'function' ? source.name(row) : String(fieldOf(row, source.name) ?? '');
				return { row, value, name };
			})
			.filter(({ value, name }) => value !== undefined && value !== null && String(value) !== '' && !isPlaceholder(name))
			.map(({ row, value, name }) => ({
				name: name || String(value),
				value: typeof value === 'number' ? value : String(value),
				description: source.description?.(row),
			}))
			.sort((a, b) => a.name.localeCompare(b.name));
	};
}
