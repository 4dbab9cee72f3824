import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { salonRequest } from '../transport';

/* Dropdowns of the membership and package types. The docs allow `rows_per_page: -1` for both: one request each. */

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());
const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name) || String(a.value).localeCompare(String(b.value));

async function allRows(ctx: ILoadOptionsFunctions, method: string, key: string): Promise<IDataObject[]> {
	const reply = await salonRequest(ctx, { method, body: { filters: {}, options: { rows_per_page: -1 } }, idempotent: true });
	return Array.isArray(reply[key]) ? (reply[key] as IDataObject[]) : [];
}

/** Membership types, with how they are paid. */
export async function getMemberships(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await allRows(this, 'membership/list', 'memberships');
	return rows
		.map((m) => {
			const paid =
				m.payment_type === 'recurring'
					? `${text(m.recurring_fee)} ${text(m.recurring_type)}`.trim()
					: m.payment_type === 'upfront'
						? `${text(m.setup_fee)} upfront`
						: '';
			return {
				name: text(m.name) || `Membership ${text(m.membership_id)}`,
				value: Number(m.membership_id),
				description: `ID ${text(m.membership_id)}${paid ? ` · ${paid}` : ''}`,
			};
		})
		.sort(byName);
}

/** Package types, with their price. */
export async function getPackages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await allRows(this, 'package/list', 'packages');
	return rows
		.map((p) => ({
			name: text(p.name) || `Package ${text(p.package_id)}`,
			value: Number(p.package_id),
			description: `ID ${text(p.package_id)}${p.price !== undefined ? ` · price ${text(p.price)}` : ''}`,
		}))
		.sort(byName);
}

export const membershipLoaders = { getMemberships, getPackages };
