import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import type { Operation } from '../../shared/execute';
import { collectPages, wantedCount } from '../../shared/paging';
import { salonBody, salonOperation, salonOutput, type SalonEndpoint, type SalonParam } from '../endpoint';
import { CLIENT_TOKEN_FIELD, CLIENT_TOKEN_HEADER, clientTokenProperty } from '../onlineBookingClient';
import { SALON_PAGE_SIZE, salonRequest } from '../transport';

/*
 * What the resources of things sold to clients (memberships, packages, products, vouchers) and their catalogue share:
 * lists that can attach related records (the API's grouped side-loads) and filter by an online booking client (which
 * needs that client's token as a header), gets with expanded fields, updates that send only what was set, and
 * operations whose reply is only `success` (delete, send, sharing) answering what was done.
 */

/** A grouped side-load of a list reply (`options.expanded_fields_grouped`) and how each row points at it. */
const RELATED: Record<string, { name: string; key: string; idField: string; description: string }> = {
	clients: { name: 'Client', key: 'client', idField: 'client_id', description: 'The client it was sold to, as `client`' },
	companies: { name: 'Company', key: 'company', idField: 'company_id', description: 'The location, as `company`' },
	memberships: { name: 'Membership', key: 'membership', idField: 'membership_id', description: 'The membership type, as `membership`' },
	operators: { name: 'Operator', key: 'operator', idField: 'operator_id', description: 'The staff member who sold it, as `operator`' },
	packages: { name: 'Package', key: 'package', idField: 'package_id', description: 'The package type, as `package`' },
	products: { name: 'Product', key: 'product', idField: 'product_id', description: 'The product, as `product`' },
	vouchers: { name: 'Voucher', key: 'voucher', idField: 'voucher_id', description: 'The voucher type, as `voucher`' },
};

// ---- parameters several resources use ----

export const soldBy = (path: string, description = 'The staff member who sold it'): SalonParam => ({
	path,
	displayName: 'Sold By',
	type: 'id',
	loadOptionsMethod: 'getOperators',
	description,
});

/** The filters every list of things sold to clients documents. */
export function soldFilters(): SalonParam[] {
	return [
		{ path: 'filters.client_id', displayName: 'Client ID', description: 'Only items sold to this client', type: 'id' },
		{
			path: 'filters.company_id',
			displayName: 'Company ID',
			type: 'id',
			description: 'The location; defaults to yours unless a client is given. Needed with Online Booking Client ID.',
		},
		{
			path: 'filters.date_created_min',
			displayName: 'Sold After',
			type: 'dateTime',
			description: 'Sold at or after this time, in the salon\'s local time (Simple Salon ignores time zone offsets)',
		},
		{
			path: 'filters.date_created_max',
			displayName: 'Sold Before',
			type: 'dateTime',
			description: 'Sold before this time (not included), in the salon\'s local time',
		},
		soldBy('filters.operator_id'),
		{
			path: 'filters.transaction_id',
			displayName: 'Transaction ID',
			type: 'id',
			special: true,
			description: 'Only those paid in this sale; 0 = only those not paid yet',
		},
		{
			path: 'filters.online_booking_client_id',
			displayName: 'Online Booking Client ID',
			type: 'id',
			description: 'A client of the online booking marketplace (not a salon client ID); needs the Online Booking Client Token and Company ID',
		},
	];
}

/** The online booking client's token, beside the Online Booking Client ID filter (sent as a header, not a filter). */
const onlineBookingTokenField: INodeProperties = clientTokenProperty(false, ' Needed with the Online Booking Client ID filter.');

// ---- building blocks ----

function nodeError(ctx: IExecuteFunctions, itemIndex: number, message: string, description?: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${message} in item ${itemIndex}`, { itemIndex, description });
}

/** Adds an option to the collection `name` of an operation's properties, keeping the options sorted. */
function addToCollection(properties: INodeProperties[], name: string, option: INodeProperties): INodeProperties[] {
	return properties.map((property) =>
		property.name === name && property.type === 'collection'
			? {
					...property,
					options: [...((property.options as INodeProperties[]) ?? []), option].sort((a, b) => a.displayName.localeCompare(b.displayName)),
				}
			: property,
	);
}

/** Checks amounts of a record before sending: not negative, whole where counted. */
export function checkAmounts(
	ctx: IExecuteFunctions,
	itemIndex: number,
	record: IDataObject | undefined,
	rules: Record<string, { label: string; whole?: boolean; min?: number }>,
): void {
	for (const [field, rule] of Object.entries(rules)) {
		const value = record?.[field];
		if (value === undefined) continue;
		const min = rule.min ?? 0;
		if (typeof value !== 'number' || value < min || (rule.whole && !Number.isInteger(value))) {
			throw nodeError(ctx, itemIndex, `The field "${rule.label}" has an invalid value "${String(value)}"`, `Use ${rule.whole ? 'a whole number' : 'a number'} of at least ${min}.`);
		}
	}
}

const EXPANDED_FIELD_PROPERTIES: INodeProperties = {
	displayName: 'Expanded Field Properties',
	name: 'expandedFieldProperties',
	type: 'string',
	default: '',
	placeholder: 'package_id,name',
	description: 'Comma-separated properties to keep in each expanded record (e.g. package_id,name); leave empty for all',
};

/** Restricts each requested expanded field to the properties the user listed (`{expanded_field, fields}`). */
function withExpandedFieldProperties(ctx: IExecuteFunctions, itemIndex: number, body: IDataObject): IDataObject {
	const fields = String(ctx.getNodeParameter(EXPANDED_FIELD_PROPERTIES.name, itemIndex, '') ?? '')
		.split(',')
		.map((f) => f.trim())
		.filter((f) => f !== '');
	if (fields.length === 0) return body;
	const options = body.options as IDataObject | undefined;
	const expanded = (body.expanded_fields ?? options?.expanded_fields) as IDataObject[] | undefined;
	if (!expanded?.length) {
		throw nodeError(ctx, itemIndex, 'The field "Expanded Field Properties" needs at least one Expanded Field');
	}
	for (const entry of expanded) entry.fields = fields;
	return body;
}

/** An operation with `expanded_fields` (and their `fields` selection). */
export function expandableOperation(endpoint: SalonEndpoint): Operation {
	const build = endpoint.build;
	const op = salonOperation({
		...endpoint,
		build: async (ctx, itemIndex, body) => withExpandedFieldProperties(ctx, itemIndex, build ? await build(ctx, itemIndex, body) : body),
	});
	return { ...op, properties: [...op.properties, EXPANDED_FIELD_PROPERTIES] };
}

/**
 * An update: the record wrapped under `wrapper` with its ID and only the fields the user set (Simple Salon leaves
 * omitted fields unchanged and ignores null, so nothing else is touched).
 */
export function updateEndpoint(
	endpoint: SalonEndpoint,
	wrapper: string,
	idField: string,
	/** Whether the body changes something outside the record (then the record may carry only its ID). */
	changesElsewhere: (body: IDataObject) => boolean = () => false,
): SalonEndpoint {
	const build = endpoint.build;
	return {
		...endpoint,
		additionalLabel: 'Update Fields',
		result: wrapper,
		build: async (ctx, itemIndex, raw) => {
			const body = build ? await build(ctx, itemIndex, raw) : raw;
			const record = (body[wrapper] as IDataObject | undefined) ?? {};
			if (Object.keys(record).filter((key) => key !== idField).length === 0 && !changesElsewhere(body)) {
				throw nodeError(ctx, itemIndex, 'The field "Update Fields" is empty', 'Add at least one field to change.');
			}
			return body;
		},
	};
}

/**
 * An operation whose reply is only `success`, or a few facts (delete, send, sharing, statuses): the item says what it
 * was about — the request body (or only its `echo` keys) — plus the reply, `extra`, and any warnings.
 */
export function doneOperation(endpoint: SalonEndpoint, extra: IDataObject, echo?: string[]): Operation {
	const op = salonOperation(endpoint);
	return {
		...op,
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const body = await salonBody(this, endpoint, itemIndex);
			const reply = await salonRequest(this, { method: endpoint.method, body, idempotent: endpoint.idempotent, itemIndex });
			const about = echo ? Object.fromEntries(echo.filter((key) => body[key] !== undefined).map((key) => [key, body[key]])) : body;
			return { ...about, ...(salonOutput(endpoint, reply) as IDataObject), ...extra };
		},
	};
}

/** Share a Dome catalogue item with child locations (`<entity>/sharing/update`). */
export function sharingEndpoint(entity: 'membership' | 'package', idParam: SalonParam): SalonEndpoint {
	return {
		method: `${entity}/sharing/update`,
		value: 'updateSharing',
		name: 'Update Sharing',
		action: `Update the sharing of a ${entity}`,
		description: `Share a Dome ${entity} with child locations, or stop sharing it`,
		idempotent: true,
		required: [
			idParam,
			{
				path: 'company_ids',
				displayName: 'Location IDs',
				type: 'idList',
				placeholder: '12346,12347',
				description: 'The company IDs of the child locations to change, comma-separated',
			},
			{ path: 'share', displayName: 'Share', type: 'boolean', default: true, description: `Whether to share the ${entity} with these locations (off: stop sharing it)` },
		],
		additional: [
			{
				path: 'replace',
				displayName: 'Opposite for Other Locations',
				type: 'boolean',
				description: `Whether the locations not listed get the opposite setting (e.g. only the listed ones share the ${entity}); otherwise they keep theirs`,
			},
		],
		additionalLabel: 'Options',
	};
}

// ---- lists ----

/** Puts each grouped side-load on the rows that point at it (`client_id` → `client`, …). */
function attachRelated(rows: IDataObject[], reply: IDataObject, groups: string[]): IDataObject[] {
	let out = rows;
	for (const group of groups) {
		const { key, idField } = RELATED[group];
		const side = Array.isArray(reply[group]) ? (reply[group] as IDataObject[]) : [];
		const byId = new Map(side.map((record) => [record[idField], record]));
		out = out.map((row) => (row[idField] !== undefined && byId.has(row[idField]) ? { ...row, [key]: byId.get(row[idField]) } : row));
	}
	return out;
}

export interface SoldList {
	endpoint: SalonEndpoint & { list: { key: string } };
	/** Grouped side-loads offered under "Include Related" (attached to each row). */
	related?: string[];
	/** Related records the API side-loads only with the online booking client filter. */
	relatedNeedsOnlineBooking?: boolean;
	/** Reply fields beside the rows that belong on each row when the row lacks them (e.g. the claim period). */
	replyFields?: string[];
}

/**
 * A paged list of things sold to clients: Limit / Return All over `page_number` / `rows_per_page`, related records
 * attached to each row, and the online booking client filter with its token header.
 */
export function soldListOperation(spec: SoldList): Operation {
	const build = spec.endpoint.build;
	const expandable = (spec.endpoint.expandable?.length ?? 0) > 0;
	const endpoint: SoldList['endpoint'] = expandable
		? {
				...spec.endpoint,
				build: async (ctx, itemIndex, body) => withExpandedFieldProperties(ctx, itemIndex, build ? await build(ctx, itemIndex, body) : body),
			}
		: spec.endpoint;
	const onlineBooking = endpoint.filters?.some((f) => f.path === 'filters.online_booking_client_id') ?? false;
	const base = salonOperation(endpoint);
	let properties = expandable ? [...base.properties, EXPANDED_FIELD_PROPERTIES] : base.properties;
	if (onlineBooking) properties = addToCollection(properties, 'filters', onlineBookingTokenField);
	if (spec.related?.length) {
		properties = [
			...properties,
			{
				displayName: 'Include Related',
				name: 'related',
				type: 'multiOptions',
				default: [],
				description: 'Related records to add to each result',
				options: spec.related
					.map((group): INodePropertyOptions => ({ name: RELATED[group].name, value: group, description: RELATED[group].description }))
					.sort((a, b) => a.name.localeCompare(b.name)),
			},
		];
	}
	return {
		...base,
		properties,
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const body = await salonBody(this, endpoint, itemIndex);
			const filters = (body.filters as IDataObject | undefined) ?? {};
			const chosen = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const token = onlineBooking ? String(chosen[CLIENT_TOKEN_FIELD] ?? '').trim() : '';
			if (filters.online_booking_client_id !== undefined) {
				// "client_id must be omitted, and company_id must be specified. Must include the X-Online-Booking-Client-Token"
				if (token === '') throw nodeError(this, itemIndex, 'The filter "Online Booking Client Token" is empty', 'The Online Booking Client ID filter needs the token of that client\'s login.');
				if (filters.company_id === undefined) throw nodeError(this, itemIndex, 'The filter "Company ID" is needed with "Online Booking Client ID"');
				if (filters.client_id !== undefined) throw nodeError(this, itemIndex, 'The filters "Client ID" and "Online Booking Client ID" cannot be used together');
				if (/[\r\n]/.test(token)) throw nodeError(this, itemIndex, 'The filter "Online Booking Client Token" has an invalid value');
			} else if (token !== '') {
				throw nodeError(this, itemIndex, 'The filter "Online Booking Client Token" is only used with "Online Booking Client ID"');
			}
			const groups = spec.related?.length ? (this.getNodeParameter('related', itemIndex, []) as string[]) : [];
			if (groups.length && spec.relatedNeedsOnlineBooking && filters.online_booking_client_id === undefined) {
				throw nodeError(this, itemIndex, 'The field "Include Related" needs the filter "Online Booking Client ID"', 'Simple Salon side-loads these records only for online booking clients.');
			}
			const options = { ...(body.options as IDataObject | undefined), ...endpoint.list.options };
			if (groups.length) options.expanded_fields_grouped = groups.map((expanded_field) => ({ expanded_field }));
			const wanted = wantedCount(this, itemIndex);
			let pageSize = Number.isFinite(wanted) ? Math.max(1, Math.min(SALON_PAGE_SIZE, wanted)) : SALON_PAGE_SIZE;
			let offset = 0;
			return await collectPages<IDataObject>(wanted, SALON_PAGE_SIZE, async () => {
				const pageBody = { ...body, options: { ...options, page_number: Math.floor(offset / pageSize) + 1, rows_per_page: pageSize } };
				const reply = await salonRequest(this, {
					method: endpoint.method,
					body: pageBody,
					idempotent: true,
					itemIndex,
					...(token === '' ? {} : { headers: { [CLIENT_TOKEN_HEADER]: token } }),
				});
				const raw = Array.isArray(reply[endpoint.list.key]) ? (reply[endpoint.list.key] as IDataObject[]) : [];
				// The server may serve fewer rows per page than asked: keep its size so page numbers line up.
				const served = Number(reply.rows_per_page);
				if (Number.isInteger(served) && served > 0 && served < pageSize && offset === 0) pageSize = served;
				offset += raw.length;
				const shared = Object.fromEntries((spec.replyFields ?? []).filter((f) => reply[f] !== undefined).map((f) => [f, reply[f]]));
				const rows = attachRelated(
					raw.map((row) => ({ ...shared, ...row })),
					reply,
					groups,
				);
				return { items: rows, more: raw.length >= pageSize };
			});
		},
	};
}
