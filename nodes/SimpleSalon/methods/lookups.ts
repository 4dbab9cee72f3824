import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { salonRequest } from '../transport';

/*
 * Dropdowns of the small lookup lists. The docs allow all rows at once (rows_per_page -1) for states, countries,
 * referral types and client categories, so each dropdown is one request.
 */

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name) || String(a.value).localeCompare(String(b.value));
const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());

async function allRows(ctx: ILoadOptionsFunctions, method: string, key: string, filters?: IDataObject): Promise<IDataObject[]> {
	const body: IDataObject = { options: { rows_per_page: -1 } };
	if (filters) body.filters = filters;
	const reply = await salonRequest(ctx, { method, body, idempotent: true });
	return Array.isArray(reply[key]) ? (reply[key] as IDataObject[]) : [];
}

/** States of the company's country, "Other" included; state 0 ("---") is the API's "no state". */
export async function getStates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await allRows(this, 'state/list', 'states', { include_other: true });
	return rows
		.map((s) => ({
			name: Number(s.state_id) === 0 ? 'None (---)' : text(s.name) || `State ${text(s.state_id)}`,
			value: Number(s.state_id),
			description: `ID ${text(s.state_id)}`,
		}))
		.sort(byName);
}

/** Countries by name; the value is the 2-letter code (the Country model has no numeric ID). */
export async function getCountries(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await allRows(this, 'country/list', 'countries');
	return rows
		.map((c) => ({
			name: text(c.name) || text(c.country_code),
			value: text(c.country_code),
			description: [text(c.country_code), text(c.currency_code)].filter((part) => part !== '').join(' · '),
		}))
		.sort(byName);
}

export async function getReferralTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await allRows(this, 'referral_type/list', 'referral_types');
	return rows
		.map((r) => ({ name: text(r.name) || `Referral Type ${text(r.referral_type_id)}`, value: Number(r.referral_type_id), description: `ID ${text(r.referral_type_id)}` }))
		.sort(byName);
}

export async function getClientCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await allRows(this, 'client_category/list', 'categories', {});
	return rows
		.map((c) => ({
			name: text(c.name) || `Category ${text(c.client_category_id)}`,
			value: Number(c.client_category_id),
			description: `ID ${text(c.client_category_id)}${c.add_to_new_clients === true ? ' · added to new clients' : ''}`,
		}))
		.sort(byName);
}

export const lookupLoaders = { getStates, getCountries, getReferralTypes, getClientCategories };
