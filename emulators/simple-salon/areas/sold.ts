import { z } from 'zod';

import type { EmulatorRequest, EmulatorResponse } from '../../shared/emulator';
import type { SimpleSalonState } from '../index';
import { COMPANY_ID, COMPANY_OFFSET } from '../seed';
import { checkOnlineBookingClient } from './onlineBookingClientTokens';
import { TAX_RATES, productStore } from './products';
import { fail } from './types';

/*
 * What the areas of things sold to clients (memberships, packages, products, vouchers) share: the Dome the salon
 * belongs to, the online-booking-client filter, expanded fields with `fields` selection, grouped side-loads, dates and
 * the small catalogue records (products, vouchers) those sales point at.
 */

export const int = z.number().int();
/** "Omitted or null fields are left unchanged" (updates). */
export const opt = <T extends z.ZodTypeAny>(schema: T) => schema.nullable().optional();
export const money = z.number().finite();

export const expandedField = z.object({ expanded_field: z.string(), fields: z.array(z.string()).optional() }).strict();
export type ExpandedField = z.infer<typeof expandedField>;

/** The salon's Dome: the emulated company shares its catalogue (memberships, packages) with two sister locations. */
export const DOME_LOCATIONS = [
	{ company_id: COMPANY_ID, name: 'Salon on Chapel', dome: false, dome_company_id: 12300 },
	{ company_id: 12346, name: 'Salon on Lygon', dome: false, dome_company_id: 12300 },
	{ company_id: 12347, name: 'Salon on Collins', dome: false, dome_company_id: 12300 },
];
export const SISTER_LOCATIONS = DOME_LOCATIONS.map((c) => c.company_id).filter((id) => id !== COMPANY_ID);

/** Online booking (marketplace) clients and the company clients they are linked to. */
export const ONLINE_BOOKING_CLIENTS: Record<number, { company_id: number; client_id: number }> = {
	2828: { company_id: COMPANY_ID, client_id: 1111 },
};

/** Gift voucher types (the docs have no voucher endpoints; vouchers appear only inside client vouchers). */
export const VOUCHERS = [
	{ voucher_id: 7777, company_id: COMPANY_ID, name: '$100 Gift Voucher', type: 'cash', price: 100 },
	{ voucher_id: 7778, company_id: COMPANY_ID, name: '$50 voucher', type: 'cash', price: 50 },
	{ voucher_id: 7779, company_id: COMPANY_ID, name: 'Pamper Package Voucher', type: 'item', price: 150 },
];

/** The company's GST rate (the default tax_for_packages / tax_for_memberships / tax_for_products). */
export const GST = TAX_RATES[0];

/** A Tax Rate as embedded in a catalogue record (`tax`): the override, or the default rate when it is 0. */
export const taxRecord = (taxIdOverride: number) => ({ ...(TAX_RATES.find((t) => t.tax_id === taxIdOverride) ?? GST) });
export const isTaxRate = (taxId: number) => taxId === 0 || TAX_RATES.some((t) => t.tax_id === taxId);

/** GST included in a price (prices include tax in Australia). */
export const taxIn = (price: number) => Math.round((price - price / (1 + GST.rate / 100)) * 100) / 100;

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** Company-local wall clock of a date input (`YYYY-MM-DDTHH:MM:SS`); any offset is ignored, as documented. */
export function wall(value: string): string | undefined {
	const m = DATE.exec(value.trim());
	if (!m) return undefined;
	const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
	const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
	if (probe.getUTCMonth() !== Number(mo) - 1 || probe.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59) return undefined;
	return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

/** A wall-clock time as the API answers it: with the company's offset. */
export const local = (wallClock: string) => `${wallClock}${COMPANY_OFFSET}`;

/** The wall clock of a moment, in the company's zone. */
export function wallOf(ms: number): string {
	const [, sign, hh, mm] = /^([+-])(\d{2}):(\d{2})$/.exec(COMPANY_OFFSET)!;
	const offset = (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm)) * 60_000;
	return new Date(ms + offset).toISOString().slice(0, 19);
}

/** Checks `date_created_min` (inclusive) / `date_created_max` (exclusive) and answers a row test. */
export function createdRange(
	filters: { date_created_min?: string; date_created_max?: string },
): { error: EmulatorResponse } | { test: (created: string) => boolean } {
	const bounds: Record<string, string | undefined> = {};
	for (const key of ['date_created_min', 'date_created_max'] as const) {
		const value = filters[key];
		if (value === undefined) continue;
		bounds[key] = wall(value);
		if (!bounds[key]) return { error: fail('INVALIDPARAMETER', `filters.${key} is not a valid date (see Dates)`, [`filters.${key}`]) };
	}
	const { date_created_min: min, date_created_max: max } = bounds;
	return { test: (created) => (min === undefined || created >= min) && (max === undefined || created < max) };
}

/** The company a list is for: the user's own unless another location of the Dome is named. */
export function companyOf(companyId: number | undefined, path = 'filters.company_id'): { error: EmulatorResponse } | { company: number } {
	if (companyId === undefined || companyId === COMPANY_ID) return { company: COMPANY_ID };
	if (SISTER_LOCATIONS.includes(companyId)) return { company: companyId };
	return { error: fail('INVALIDPARAMETER', `${path} ${companyId} is not a company you can access`, [path]) };
}

export interface OnlineBookingFilter {
	client_id?: number;
	company_id?: number;
	online_booking_client_id?: number;
}

/**
 * The `online_booking_client_id` filter: "client_id must be omitted, and company_id must be specified. Must include the
 * X-Online-Booking-Client-Token HTTP header" (of that online booking client, see onlineBookingClientTokens.ts).
 * Answers the company clients the online booking client stands for.
 */
export function onlineBookingClients(
	state: SimpleSalonState,
	filters: OnlineBookingFilter,
	req: EmulatorRequest,
	now: number,
): { error: EmulatorResponse } | { clientIds?: number[] } {
	if (filters.online_booking_client_id === undefined) return {};
	if (filters.client_id !== undefined) {
		return { error: fail('INVALIDPARAMETER', 'filters.client_id must be omitted when filtering by filters.online_booking_client_id', ['filters.client_id']) };
	}
	if (filters.company_id === undefined) {
		return { error: fail('MISSINGPARAMETER', 'filters.company_id is required with filters.online_booking_client_id', ['filters.company_id']) };
	}
	const refused = checkOnlineBookingClient(state, req, filters.online_booking_client_id, now);
	if (refused) return { error: refused };
	const link = ONLINE_BOOKING_CLIENTS[filters.online_booking_client_id];
	return { clientIds: link && link.company_id === filters.company_id ? [link.client_id] : [] };
}

/** Only the named fields of a record, or an error naming the unknown ones. */
export function pick(record: Record<string, unknown>, fields: string[] | undefined, what: string, path: string): Record<string, unknown> | EmulatorResponse {
	if (!fields || fields.length === 0) return record;
	const known = new Set(Object.keys(record));
	const unknown = fields.filter((f) => !known.has(f));
	if (unknown.length) return fail('INVALIDPARAMETER', `Unknown ${what} field: ${unknown.join(', ')}`, [path]);
	return Object.fromEntries(fields.map((f) => [f, record[f]]));
}

export const isResponse = (value: unknown): value is EmulatorResponse =>
	typeof value === 'object' && value !== null && 'status' in value && 'body' in value && typeof (value as { status: unknown }).status === 'number';

/**
 * Embeds the requested expanded fields (`expanded_fields`, or `options.expanded_fields` on lists) in each record.
 * `expanders` names the fields the method documents; anything else is refused.
 */
export function expand(
	records: Array<Record<string, unknown>>,
	requested: ExpandedField[] | undefined,
	expanders: Record<string, (record: Record<string, unknown>) => unknown>,
	path: string,
): EmulatorResponse | undefined {
	if (!requested?.length) return undefined;
	for (const [index, entry] of requested.entries()) {
		const expander = expanders[entry.expanded_field];
		if (!expander) {
			return fail('INVALIDPARAMETER', `Cannot expand ${entry.expanded_field}; available: ${Object.keys(expanders).join(', ')}`, [
				`${path}[${index}].expanded_field`,
			]);
		}
		for (const record of records) {
			const value = expander(record);
			if (value === undefined) continue;
			const shaped = Array.isArray(value)
				? value.map((v: Record<string, unknown>) => pick(v, entry.fields, entry.expanded_field, `${path}[${index}].fields`))
				: pick(value as Record<string, unknown>, entry.fields, entry.expanded_field, `${path}[${index}].fields`);
			const problem = (Array.isArray(shaped) ? shaped : [shaped]).find(isResponse);
			if (problem) return problem;
			record[entry.expanded_field] = shaped;
		}
	}
	return undefined;
}

/** `options.expanded_fields_grouped`: de-duplicated related records at the top level of a list response. */
export function grouped(
	requested: ExpandedField[] | undefined,
	loaders: Record<string, () => Array<Record<string, unknown>>>,
): { error: EmulatorResponse } | { out: Record<string, unknown> } {
	const out: Record<string, unknown> = {};
	for (const [index, entry] of (requested ?? []).entries()) {
		const loader = loaders[entry.expanded_field];
		if (!loader) {
			return {
				error: fail('INVALIDPARAMETER', `Cannot expand ${entry.expanded_field}; available: ${Object.keys(loaders).join(', ')}`, [
					`options.expanded_fields_grouped[${index}].expanded_field`,
				]),
			};
		}
		const rows = loader().map((r) => pick(r, entry.fields, entry.expanded_field, `options.expanded_fields_grouped[${index}].fields`));
		const problem = rows.find(isResponse);
		if (problem) return { error: problem as EmulatorResponse };
		out[entry.expanded_field] = rows;
	}
	return { out };
}

/** Related records by ID, each once, in first-seen order. */
export function related<T>(ids: number[], find: (id: number) => T | undefined): T[] {
	return [...new Set(ids.filter((id) => id > 0))].map(find).filter((r): r is T => r !== undefined);
}

/** A client as side-loaded into list responses. */
export function clientRecord(state: SimpleSalonState, clientId: number): Record<string, unknown> | undefined {
	const client = state.clients.get(clientId);
	return client ? { ...client, category_ids: [...client.category_ids] } : undefined;
}

/** An operator as side-loaded into list responses (never the login details). */
export function operatorRecord(state: SimpleSalonState, operatorId: number): Record<string, unknown> | undefined {
	const o = state.operators.find((op) => op.operator_id === operatorId);
	return o
		? { operator_id: o.operator_id, company_id: o.company_id, display_name: o.display_name, firstname: o.firstname, lastname: o.lastname, role_id: o.role_id }
		: undefined;
}

/** "A minimal Product object, to provide the product name and brand name", from the products area's store. */
export function productRecord(state: SimpleSalonState, productId: number): Record<string, unknown> | undefined {
	const store = productStore(state);
	const p = store.products.get(productId);
	if (!p) return undefined;
	const brand = store.brands.find((b) => b.brand_id === p.brand_id);
	return { product_id: p.product_id, company_id: p.company_id, name: p.name, brand_id: p.brand_id, ...(brand ? { brand: { ...brand } } : {}), price: p.price };
}

export function serviceRecord(state: SimpleSalonState, serviceId: number): Record<string, unknown> | undefined {
	const s = state.services.find((service) => service.service_id === serviceId);
	return s ? { ...s, company_id: COMPANY_ID } : undefined;
}

export const companyRecord = (companyId: number) => {
	const c = DOME_LOCATIONS.find((company) => company.company_id === companyId);
	return c ? { ...c } : undefined;
};

/** A Discount on a sold item (the `discounts` expanded field). */
export interface SoldDiscount {
	discount_id: number;
	amount: number;
	original_price: number;
	discount_type_id: number;
	operator_id: number;
	date_created: string;
	transaction_id: number;
}

export function discountsOut(
	discounts: SoldDiscount[],
	item: { type: string; idField: string; id: number; company_id: number },
): Array<Record<string, unknown>> {
	return discounts.map((d, index) => ({
		discount_id: d.discount_id,
		amount: d.amount,
		[item.idField]: item.id,
		company_id: item.company_id,
		date_created: local(d.date_created),
		discount_type_id: d.discount_type_id,
		item_type: item.type,
		operator_id: d.operator_id,
		order: index + 1,
		original_price: d.original_price,
		tax_amount: -taxIn(d.amount),
		transaction_discount: false,
		transaction_id: d.transaction_id,
	}));
}

/** Sharing of a Dome catalogue item (`<entity>/sharing/update`): which sister locations have it. */
export function applySharing(
	shared: Set<number>,
	request: { company_ids: number[]; share: boolean; replace?: boolean | null },
): EmulatorResponse | undefined {
	const unknown = request.company_ids.filter((id) => id !== COMPANY_ID && !SISTER_LOCATIONS.includes(id));
	if (unknown.length) return fail('INVALIDPARAMETER', `company_ids ${unknown.join(', ')} are not locations of your Dome`, ['company_ids']);
	const named = request.company_ids.filter((id) => id !== COMPANY_ID);
	for (const id of SISTER_LOCATIONS) {
		if (named.includes(id)) {
			if (request.share) shared.add(id);
			else shared.delete(id);
		} else if (request.replace) {
			// "child companies not included in the company_ids list will also have their sharing updated to the opposite value"
			if (request.share) shared.delete(id);
			else shared.add(id);
		}
	}
	return undefined;
}

/** The body of `<entity>/sharing/update` beside the entity's ID. */
export const sharingFields = {
	company_ids: z.array(int).min(1),
	share: z.boolean(),
	replace: opt(z.boolean()),
};

/** Per-request list filters shared by the sold-item lists. */
export const soldFilterFields = {
	client_id: int.optional(),
	company_id: int.optional(),
	date_created_min: z.string().optional(),
	date_created_max: z.string().optional(),
	online_booking_client_id: int.optional(),
	operator_id: int.optional(),
	transaction_id: int.optional(),
};
