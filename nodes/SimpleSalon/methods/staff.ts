import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { salonRequest } from '../transport';

/*
 * Dropdowns of the salon's staff and services. Every one of these lists may be fetched whole with
 * `rows_per_page: -1` (the docs allow it for operators, operator levels, services, resources, categories and
 * roster types), so a dropdown is one request.
 */

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name) || String(a.value).localeCompare(String(b.value));

async function allRows(ctx: ILoadOptionsFunctions, method: string, key: string, filters?: IDataObject): Promise<IDataObject[]> {
	const body: IDataObject = { options: { rows_per_page: -1 } };
	if (filters) body.filters = filters;
	const reply = await salonRequest(ctx, { method, body, idempotent: true });
	return Array.isArray(reply[key]) ? (reply[key] as IDataObject[]) : [];
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());

/** Staff members (not the System Operator), by display name with the full name beside it. */
export async function getOperators(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await allRows(this, 'operator/list', 'operators', { is_system: false });
	return rows
		.map((o) => {
			const fullName = [text(o.firstname), text(o.lastname)].filter((part) => part !== '').join(' ');
			const display = text(o.display_name) || fullName || `Operator ${text(o.operator_id)}`;
			return {
				name: fullName && fullName !== display ? `${display} (${fullName})` : display,
				value: Number(o.operator_id),
				description: `ID ${text(o.operator_id)}`,
			};
		})
		.sort(byName);
}

/** Services with their base duration and price. */
export async function getServices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await allRows(this, 'service/list', 'services', {});
	return rows
		.map((s) => {
			const facts = [s.group_service === true ? 'group' : '', s.duration !== undefined ? `${text(s.duration)} min` : '', s.price !== undefined ? `price ${text(s.price)}` : '']
				.filter((fact) => fact !== '')
				.join(', ');
			return {
				name: text(s.name) || `Service ${text(s.service_id)}`,
				value: Number(s.service_id),
				description: `ID ${text(s.service_id)}${facts ? ` · ${facts}` : ''}`,
			};
		})
		.sort(byName);
}

/** Resources (rooms and equipment). */
export async function getResources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await allRows(this, 'resource/list', 'resources', {});
	return rows
		.map((r) => ({
			name: text(r.name) || `Resource ${text(r.resource_id)}`,
			value: Number(r.resource_id),
			description: text(r.description) || `ID ${text(r.resource_id)}`,
		}))
		.sort(byName);
}

/** Service categories, "No Category" (ID 0) included as the API lists it. */
export async function getCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await allRows(this, 'category/list', 'categories');
	return rows
		.map((c) => ({ name: text(c.name) || `Category ${text(c.category_id)}`, value: Number(c.category_id), description: `ID ${text(c.category_id)}` }))
		.sort(byName);
}

/** Roster types; Simple Salon refuses this list when advanced rostering is off, and the dropdown shows that error. */
export async function getRosterTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await allRows(this, 'roster_type/list', 'roster_types', {});
	return rows
		.map((t) => ({
			name: text(t.name) || `Roster Type ${text(t.roster_type_id)}`,
			value: Number(t.roster_type_id),
			description: t.allow_bookings === false ? 'Bookings not allowed' : 'Bookings allowed',
		}))
		.sort(byName);
}

/** Operator levels (they set level prices and durations of services). */
export async function getOperatorLevels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await allRows(this, 'operator_level/list', 'operator_levels');
	return rows
		.map((l) => ({ name: text(l.name) || `Level ${text(l.level_id)}`, value: Number(l.level_id), description: `ID ${text(l.level_id)}` }))
		.sort(byName);
}

export const staffLoaders = { getOperators, getServices, getResources, getCategories, getRosterTypes, getOperatorLevels };
