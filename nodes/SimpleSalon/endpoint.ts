import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type INodePropertyOptions,
	type NodeParameterValue,
} from 'n8n-workflow';

import { optionalCollection, type Operation, type OperationResult } from '../shared/execute';
import { returnAllOrLimit, wantedCount } from '../shared/paging';
import { formatBytes } from './binary';
import { describeValue, salonId, salonIdList, salonWallClock } from './fields';
import { salonList, salonRequest } from './transport';

/*
 * Most Simple Salon methods are alike: a JSON body built from a few typed fields, an envelope with the record under a
 * singular key or the rows under a plural one. They are described as data (`SalonEndpoint`) and turned into n8n
 * operations here, so each resource file is a list of endpoints, not a copy of the same loop.
 */

export type SalonParamType =
	/** A Simple Salon ID: a whole number, positive unless `special` allows 0 / negative ones (e.g. -1 Walk In). */
	| 'id'
	/** Several IDs, comma-separated or an array from an expression. */
	| 'idList'
	| 'string'
	/** Several strings, comma-separated or an array. */
	| 'stringList'
	| 'number'
	| 'boolean'
	/** Salon local wall time: the digits are sent as given, without an offset (the API ignores offsets). */
	| 'dateTime'
	/** Only the date part, sent as `YYYY-MM-DDT00:00:00`. */
	| 'date'
	| 'options'
	/** A JSON object or array, for nested structures (POS sales, billing items, …). */
	| 'json';

export interface SalonParam {
	/** Where the value goes in the request body, dotted: `client_id`, `filters.operator_id`, `client.firstname`. */
	path: string;
	displayName: string;
	type: SalonParamType;
	/** The n8n parameter name; defaults to the last part of `path`. */
	name?: string;
	description?: string;
	placeholder?: string;
	default?: NodeParameterValue;
	/** For `options`. */
	options?: INodePropertyOptions[];
	/** A dropdown loaded from the API (for `id`, `idList` and `options`). */
	loadOptionsMethod?: string;
	/** For `id`: also allow 0 and negative IDs (the documented special values). */
	special?: boolean;
}

export interface SalonEndpoint {
	/** The method path after `/v1/`, e.g. `brand/list`. */
	method: string;
	value: string;
	name: string;
	action: string;
	description: string;
	/** Whether repeating the call after a failure is harmless (reads, updates, deletes); never for adds, sends, sales. */
	idempotent: boolean;
	/** Typed parameters the user must fill in. */
	required?: SalonParam[];
	/** Optional fields, under "Additional Fields" (or "Update Fields" when `updateFields` is set); only those set are sent. */
	additional?: SalonParam[];
	/** Label of the optional-field collection: "Update Fields" for updates (only what the user sets is sent). */
	additionalLabel?: 'Additional Fields' | 'Update Fields' | 'Options';
	/** List filters, under "Filters"; the body always carries `filters` (`{}` when none is set). */
	filters?: SalonParam[];
	/** A list method: rows under `key`, Limit / Return All with `options.page_number` / `rows_per_page`. */
	list?: {
		key: string;
		/** False for methods that return everything at once (they ignore paging). */
		pageable?: boolean;
		/** The docs allow `rows_per_page: -1` (all rows in one response): Return All then makes one request. */
		allowAll?: boolean;
		/** Extra `options` sent with every page (e.g. a sort). */
		options?: IDataObject;
	};
	/** Envelope key holding the result of a non-list method (`client`); without it, the envelope minus `success`. */
	result?: string;
	/** `expanded_fields` offered for this method (top level on gets, `options.expanded_fields` on lists). */
	expandable?: string[];
	/** Constant body parts. */
	body?: IDataObject;
	/** Final say over the body (cross-field checks, wrapping); throw NodeOperationError for bad input. */
	build?: (ctx: IExecuteFunctions, itemIndex: number, body: IDataObject) => IDataObject | Promise<IDataObject>;
	/** Turns the reply into output items; the default is described at `result`, plus `warnings` when the vendor sent some. */
	output?: (reply: IDataObject, ctx: IExecuteFunctions, itemIndex: number) => OperationResult;
}

const FILTERS = 'filters';
const EXPAND = 'expandedFields';

const paramName = (param: SalonParam) => param.name ?? param.path.split('.').pop()!;

const DROPDOWN_HINT = 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** The n8n property for one parameter. */
export function salonProperty(param: SalonParam, required: boolean): INodeProperties {
	const base = {
		displayName: param.displayName,
		name: paramName(param),
		default: param.default ?? '',
		description: param.description,
		placeholder: param.placeholder,
		required: required || undefined,
	};
	const dropdown = param.loadOptionsMethod
		? {
				displayName: param.displayName.endsWith('Name or ID') || param.displayName.endsWith('Names or IDs')
					? param.displayName
					: param.type === 'idList'
						? `${param.displayName.replace(/ IDs$/, '')} Names or IDs`
						: `${param.displayName.replace(/ ID$/, '')} Name or ID`,
				typeOptions: { loadOptionsMethod: param.loadOptionsMethod },
				description: param.description ? `${param.description}. ${DROPDOWN_HINT}.` : `${DROPDOWN_HINT}.`,
			}
		: undefined;
	switch (param.type) {
		case 'boolean':
			return { ...base, type: 'boolean', default: param.default ?? false };
		case 'number':
			return { ...base, type: 'number', default: param.default ?? 0 };
		case 'dateTime':
		case 'date':
			return { ...base, type: 'dateTime' };
		case 'options':
			return dropdown ? { ...base, ...dropdown, type: 'options' } : { ...base, type: 'options', options: param.options ?? [] };
		case 'idList':
			return dropdown ? { ...base, ...dropdown, type: 'multiOptions', default: [] } : { ...base, type: 'string' };
		case 'id':
			return dropdown ? { ...base, ...dropdown, type: 'options' } : { ...base, type: 'string' };
		case 'json':
			return { ...base, type: 'json', default: param.default ?? '' };
		default:
			return { ...base, type: 'string' };
	}
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** One parameter's value as the API wants it, or an error naming the field and the item. */
export function salonValue(ctx: IExecuteFunctions, param: SalonParam, raw: unknown, itemIndex: number): unknown {
	const label = param.displayName;
	const scalar = !['json', 'idList', 'stringList', 'date', 'dateTime'].includes(param.type);
	const listOfObjects = (param.type === 'idList' || param.type === 'stringList') && Array.isArray(raw) && raw.some((v) => typeof v === 'object' && v !== null);
	if ((scalar && typeof raw === 'object' && raw !== null) || listOfObjects) {
		// an object or array from an expression would go out as "[object Object]" or "a,b": refuse it instead
		throw new NodeOperationError(ctx.getNode(), `The field "${label}" has an invalid value ${describeValue(raw)} in item ${itemIndex}`, {
			itemIndex,
			description: 'Map one value into this field (e.g. {{ $json.id }}), not a whole object or list.',
		});
	}
	switch (param.type) {
		case 'id': {
			if (param.special && /^\s*-?\d+\s*$/.test(String(raw))) return Number(String(raw).trim());
			return salonId(ctx, '', itemIndex, label, raw);
		}
		case 'idList':
			return salonIdList(ctx, raw, itemIndex, label);
		case 'stringList':
			return (Array.isArray(raw) ? raw : String(raw ?? '').split(',')).map((v) => String(v).trim()).filter((v) => v !== '');
		case 'number': {
			const value = typeof raw === 'number' ? raw : Number(String(raw).trim());
			if (!Number.isFinite(value) || String(raw).trim() === '') {
				throw new NodeOperationError(ctx.getNode(), `The field "${label}" has an invalid number "${String(raw)}" in item ${itemIndex}`, {
					itemIndex,
				});
			}
			return value;
		}
		case 'boolean':
			if (typeof raw === 'boolean') return raw;
			if (raw === 'true' || raw === 1 || raw === '1') return true;
			if (raw === 'false' || raw === 0 || raw === '0') return false;
			throw new NodeOperationError(ctx.getNode(), `The field "${label}" must be true or false in item ${itemIndex}`, { itemIndex });
		case 'options': {
			// a fixed list is known here: a value from an expression that is not on it never reaches the server
			const known = param.loadOptionsMethod ? undefined : param.options;
			if (known?.length && !known.some((option) => String(option.value) === String(raw))) {
				throw new NodeOperationError(ctx.getNode(), `The field "${label}" has an invalid value "${String(raw)}" in item ${itemIndex}`, {
					itemIndex,
					description: `Choose one of: ${known.map((option) => String(option.value)).join(', ')}.`,
				});
			}
			return typeof raw === 'string' ? raw : String(raw ?? '');
		}
		case 'dateTime':
			return salonWallClock(ctx, raw, itemIndex, label);
		case 'date':
			return salonWallClock(ctx, raw, itemIndex, label, true);
		case 'json': {
			if (typeof raw === 'object' && raw !== null) return raw;
			try {
				const parsed = JSON.parse(String(raw)) as unknown;
				if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object or array');
				return parsed;
			} catch (error) {
				throw new NodeOperationError(ctx.getNode(), `The field "${label}" is not valid JSON in item ${itemIndex}`, {
					itemIndex,
					description: (error as Error).message,
				});
			}
		}
		default:
			return typeof raw === 'string' ? raw : String(raw ?? '');
	}
}

/** Sets `value` at a dotted path of `body`. */
export function setPath(body: IDataObject, path: string, value: unknown): void {
	const parts = path.split('.');
	let target = body;
	for (const part of parts.slice(0, -1)) {
		if (typeof target[part] !== 'object' || target[part] === null) target[part] = {};
		target = target[part] as IDataObject;
	}
	target[parts[parts.length - 1]] = value as IDataObject[string];
}

function collection(name: string, displayName: string, params: SalonParam[]): INodeProperties {
	return optionalCollection(name, displayName, params.map((p) => salonProperty(p, false)));
}

const collectionName = (label: string) => (label === 'Update Fields' ? 'updateFields' : label === 'Options' ? 'options' : 'additionalFields');

/** The request body an endpoint's parameters make for one item. */
export async function salonBody(ctx: IExecuteFunctions, endpoint: SalonEndpoint, itemIndex: number): Promise<IDataObject> {
	const body: IDataObject = JSON.parse(JSON.stringify(endpoint.body ?? {})) as IDataObject;
	for (const param of endpoint.required ?? []) {
		const raw = ctx.getNodeParameter(paramName(param), itemIndex, param.default ?? '') as unknown;
		if (isEmpty(raw) && param.type !== 'boolean' && param.type !== 'number') {
			throw new NodeOperationError(ctx.getNode(), `The field "${param.displayName}" is empty in item ${itemIndex}`, { itemIndex });
		}
		setPath(body, param.path, salonValue(ctx, param, raw, itemIndex));
	}
	const sets: Array<[SalonParam[] | undefined, string]> = [
		[endpoint.additional, collectionName(endpoint.additionalLabel ?? 'Additional Fields')],
		[endpoint.filters, FILTERS],
	];
	for (const [params, name] of sets) {
		if (!params?.length) continue;
		const chosen = ctx.getNodeParameter(name, itemIndex, {}) as IDataObject;
		for (const param of params) {
			const raw = chosen[paramName(param)];
			// only what the user set is sent: an update never clears a field it was not asked to
			if (isEmpty(raw)) continue;
			setPath(body, param.path, salonValue(ctx, param, raw, itemIndex));
		}
	}
	if (endpoint.list && body.filters === undefined) body.filters = {};
	if (endpoint.expandable?.length) {
		const expand = ctx.getNodeParameter(EXPAND, itemIndex, []) as string[];
		if (expand.length) {
			const value = expand.map((expanded_field) => ({ expanded_field }));
			if (endpoint.list) setPath(body, 'options.expanded_fields', value);
			else body.expanded_fields = value;
		}
	}
	return endpoint.build ? await endpoint.build(ctx, itemIndex, body) : body;
}

/** The default output: the record under `result` (or the envelope), with the vendor's warnings kept on the item. */
export function salonOutput(endpoint: SalonEndpoint, reply: IDataObject): IDataObject | IDataObject[] {
	const rest: IDataObject = { ...reply };
	const warnings = rest.warnings;
	delete rest.success;
	delete rest.warnings;
	const withWarnings = (json: IDataObject): IDataObject =>
		Array.isArray(warnings) && warnings.length > 0 ? { ...json, warnings } : json;
	if (!endpoint.result) return withWarnings(rest);
	const value = reply[endpoint.result];
	if (Array.isArray(value)) return (value as IDataObject[]).map((row) => withWarnings(typeof row === 'object' && row !== null ? row : { value: row }));
	if (typeof value === 'object' && value !== null) return withWarnings(value as IDataObject);
	return withWarnings({ [endpoint.result]: value as IDataObject[string] });
}

/** "Total size of request must be less than 4MB" (the docs, at client/image/update), read as 4,000,000 bytes. */
export const SALON_REQUEST_LIMIT = 4_000_000;

function valueAt(body: IDataObject, path: string): unknown {
	return path.split('.').reduce<unknown>((value, part) => (value && typeof value === 'object' ? (value as IDataObject)[part] : undefined), body);
}

/** Refuses a body Simple Salon would refuse for its size, naming the field that makes it so big. */
export function checkRequestSize(ctx: IExecuteFunctions, endpoint: SalonEndpoint, body: IDataObject, itemIndex: number): void {
	const size = Buffer.byteLength(JSON.stringify(body), 'utf8');
	if (size < SALON_REQUEST_LIMIT) return;
	const params = [...(endpoint.required ?? []), ...(endpoint.additional ?? []), ...(endpoint.filters ?? [])];
	const sized = params.map((param) => ({ param, bytes: Buffer.byteLength(JSON.stringify(valueAt(body, param.path) ?? ''), 'utf8') }));
	const biggest = sized.sort((a, b) => b.bytes - a.bytes)[0];
	const field = biggest ? `The field "${biggest.param.displayName}" (${formatBytes(biggest.bytes)})` : 'The request';
	throw new NodeOperationError(ctx.getNode(), `${field} makes the request too large in item ${itemIndex}: ${formatBytes(size)}`, {
		itemIndex,
		description: 'Simple Salon takes requests under 4 MB. Send less in this field, or split it over several items.',
	});
}

/** An n8n operation made from an endpoint description. */
export function salonOperation(endpoint: SalonEndpoint): Operation {
	const properties: INodeProperties[] = (endpoint.required ?? []).map((p) => salonProperty(p, true));
	if (endpoint.list && endpoint.list.pageable !== false) properties.push(...returnAllOrLimit());
	if (endpoint.filters?.length) properties.push(collection(FILTERS, 'Filters', endpoint.filters));
	if (endpoint.additional?.length) {
		const label = endpoint.additionalLabel ?? 'Additional Fields';
		properties.push(collection(collectionName(label), label, endpoint.additional));
	}
	if (endpoint.expandable?.length) {
		properties.push({
			displayName: 'Expanded Fields',
			name: EXPAND,
			type: 'multiOptions',
			default: [],
			description: 'Related records to embed in each result',
			options: endpoint.expandable.map((field) => ({ name: field.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()), value: field })),
		});
	}
	return {
		value: endpoint.value,
		name: endpoint.name,
		action: endpoint.action,
		description: endpoint.description,
		properties,
		endpoints: [endpoint.method],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const body = await salonBody(this, endpoint, itemIndex);
			checkRequestSize(this, endpoint, body, itemIndex);
			if (endpoint.list && endpoint.list.pageable !== false) {
				const wanted = wantedCount(this, itemIndex);
				const options = { ...(body.options as IDataObject | undefined), ...endpoint.list.options };
				if (wanted === Infinity && endpoint.list.allowAll) {
					// the docs allow "all rows" here: one request instead of pages
					const reply = await salonRequest(this, {
						method: endpoint.method,
						body: { ...body, options: { ...options, rows_per_page: -1 } },
						idempotent: endpoint.idempotent,
						itemIndex,
					});
					return endpoint.output ? endpoint.output(reply, this, itemIndex) : ((reply[endpoint.list.key] as IDataObject[]) ?? []);
				}
				return await salonList(this, {
					method: endpoint.method,
					listKey: endpoint.list.key,
					body: { ...body, options },
					wanted,
					idempotent: endpoint.idempotent,
					itemIndex,
				});
			}
			const reply = await salonRequest(this, { method: endpoint.method, body, idempotent: endpoint.idempotent, itemIndex });
			if (endpoint.output) return endpoint.output(reply, this, itemIndex);
			if (endpoint.list) return (reply[endpoint.list.key] as IDataObject[]) ?? [];
			return salonOutput(endpoint, reply);
		},
	};
}
