import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type INodePropertyOptions,
	type JsonObject,
	type NodeParameterValue,
} from 'n8n-workflow';

import { optionalCollection, type Operation, type OperationResult } from '../shared/execute';
import { returnAllOrLimit, wantedCount } from '../shared/paging';
import { fieldOf, listAll, listPages, rowsOf, synergistRequest, synergistSettings, type SynergistReply } from './transport';

/*
 * Most Synergist calls are alike: `GET <area>.json?action=…` with a few query parameters and maybe one
 * `input={"data":[{…}]}` record, answered by the same envelope. Each call is described once as data
 * (`SynergistEndpoint`) and turned into an n8n operation by `synergistOperation(…)`, so a resource file is a list of
 * endpoints. Special calls (binary, multi-step) plug in through `build` / `output`, or write their own `Operation`.
 */

export type SynergistParamType =
	/** A whole-number internal ID (activityID, poInternal, expensesheetInternalRef); 0 counts as "not set". */
	| 'id'
	/** A company-prefixed code (`1/F667`, `1/00000510`, `1/00001173.001`): validated, prefix added when missing. */
	| 'code'
	| 'string'
	| 'number'
	| 'boolean'
	/** Sent as `YYYY-MM-DD`. */
	| 'date'
	/** Sent zone-less as `YYYY-MM-DDTHH:MM:SS`, the digits as given (the calendar's form). */
	| 'dateTime'
	| 'options'
	/** A JSON object or array, for nested values. */
	| 'json';

/** How a `code` is checked: a job number, a phase (job + `.` + phase) or any other prefixed code. */
export type CodeFormat = 'job' | 'phase' | 'code';

const CODE_FORMATS: Record<CodeFormat, { pattern: RegExp; example: string }> = {
	job: { pattern: /^(?:(\d+)\/)?([A-Za-z0-9]{1,10})$/, example: '1/00000510' },
	phase: { pattern: /^(?:(\d+)\/)?([A-Za-z0-9]{1,10}\.[A-Za-z0-9]{1,10})$/, example: '1/00001173.001' },
	code: { pattern: /^(?:(\d+)\/)?([A-Za-z0-9_.-]{1,20})$/, example: '1/F667' },
};

export interface SynergistParam {
	/** The wire name: the query parameter (`job`, `view`) or the input field (`jobClientCode`). */
	key: string;
	displayName: string;
	type: SynergistParamType;
	/** Where the value goes; default: `input` for `required`/`additional` of an endpoint with `input`, else `query`. */
	target?: 'query' | 'input';
	/** The n8n parameter name; defaults to `key`. (Not `name`: n8n's linter would take the description for a property.) */
	parameter?: string;
	description?: string;
	placeholder?: string;
	default?: NodeParameterValue;
	/** For `options`. */
	options?: INodePropertyOptions[];
	/** A dropdown loaded from the API (for `id`, `code`, `string` and `options`). */
	loadOptionsMethod?: string;
	/** For `code`: which code (default `code`). */
	format?: CodeFormat;
	/** For `string`: a pattern the value must match, and how to describe it in the error ("1 to 4 letters"). */
	pattern?: { regex: RegExp; expected: string };
	/** Send the value as a string ("jobStatus": "2", "jobHandleruserid": "54"), as the reference's examples do. */
	asString?: boolean;
	/** For `boolean`: the values sent for true and false (e.g. `['Y', 'N']`); default true/false. */
	values?: [unknown, unknown];
	/** For `string`: a multi-line text box. */
	rows?: number;
	/** For `string`: several values, comma-separated; an array of plain values from an expression is taken as the list. */
	list?: boolean;
}

/** What one item's call is made of, before it is sent; `build` may change it. */
export interface SynergistCallParts {
	/** The company of the call (credential's, or the prefix of the `companyFrom` code); sent as `company=`. */
	company: number;
	/** Query parameters (besides `action`, which comes from the endpoint). */
	params: IDataObject;
	/** The `input` record (sent when it has fields or the endpoint says `input`). */
	input: IDataObject;
	/** Further `input` records, for calls that take several (bulk actions). */
	moreInput?: IDataObject[];
}

export interface SynergistEndpoint {
	/** The API area: `jobs` for /jsonapi/jobs.json. */
	area: string;
	/** The `action=` value, lower case as in the checklist; omitted for the model read. */
	action?: string;
	/**
	 * For actions whose template code goes inside the action value after a space (`purchaseinputprints -2096`): the
	 * parameter holding it. The endpoint key then ends in ` <templateCode>`, as in the checklist.
	 */
	templateCode?: SynergistParam;
	/** The n8n operation: value, name, action sentence ("Get a job") and description. */
	value: string;
	name: string;
	sentence: string;
	description: string;
	/** Whether repeating the call after a failure is harmless (reads, updates, deletes); never for creates or copies. */
	idempotent: boolean;
	/** `style=` (modeldata unless said; sent whenever `modelstructure` is). */
	style?: 'modeldata' | 'modelstructure';
	/** `modelstructure=` (`jobslist`, `jobdetails`). */
	modelstructure?: string;
	/** Constant query parameters. */
	params?: IDataObject;
	/** The call carries an `input` record; the value is its constant fields (`{}` for none). */
	input?: IDataObject;
	/** Typed parameters the user must fill in. */
	required?: SynergistParam[];
	/** Optional fields under "Additional Fields" (or `additionalLabel`); only those set are sent. */
	additional?: SynergistParam[];
	additionalLabel?: 'Additional Fields' | 'Update Fields' | 'Options';
	/** List filters under "Filters" (query parameters unless said). */
	filters?: SynergistParam[];
	/** The name of a `code` parameter whose company prefix decides the call's company (a job number, a template job). */
	companyFrom?: string;
	/** The record in the user's words, for errors ("this job is in company 1"); default "record". */
	noun?: string;
	/** Custom fields (`<prefix>CustomField<N>`) as name/value pairs into the input record, e.g. `jobCustomField`. */
	customFields?: string;
	/** A list read: Limit / Return All over `page`/`rows`. */
	list?: {
		/** Rows per page (default 50); the user can change it under Options. */
		pageSize?: number;
		/** A row's identity, to drop one that moved onto the next page while paging (e.g. `jobUuid`). */
		key?: string | ((row: IDataObject) => unknown);
		/** False for lookups that answer everything at once (no paging parameters are sent). */
		pageable?: boolean;
	};
	/** A **View** dropdown (`view=`) loaded from views.json of this `type` (`Jobs`, `Activities`, …) or a loader. */
	view?: { type?: string; loadOptionsMethod?: string; noun?: string };
	/** A read that must find one record: the error when `data` is empty. */
	single?: (parts: SynergistCallParts) => { message: string; description?: string };
	/**
	 * Optimistic locking: when the input lacks `field`, read the record first (the area's model read with the query
	 * `read(parts)`) and copy `field` from it. The endpoint then also calls `<area>:None`.
	 */
	lock?: { field: string; read: (parts: SynergistCallParts) => IDataObject; readField?: string };
	/** Further `<area>:<action>` keys this operation calls (for the coverage test). */
	alsoCalls?: string[];
	/** Final say over the call (cross-field checks, extra reads); throw NodeOperationError for bad input. */
	build?: (ctx: IExecuteFunctions, itemIndex: number, parts: SynergistCallParts) => SynergistCallParts | Promise<SynergistCallParts>;
	/**
	 * Turns the reply into output items (default: `data` rows, or the message when there are none; `warningMessage`
	 * kept). Not used by pageable lists, whose output is the rows of every page.
	 */
	output?: (reply: SynergistReply, ctx: IExecuteFunctions, itemIndex: number, parts: SynergistCallParts) => OperationResult | Promise<OperationResult>;
}

/** The coverage key of an endpoint: `<area>:<action>`, `None` for the model read, ` <templateCode>` for print variants. */
export function endpointKey(endpoint: Pick<SynergistEndpoint, 'area' | 'action' | 'templateCode'>): string {
	const action = endpoint.action === undefined ? 'None' : endpoint.action.toLowerCase();
	return `${endpoint.area}:${action}${endpoint.templateCode ? ' <templateCode>' : ''}`;
}

const paramName = (param: SynergistParam) => param.parameter ?? param.key;

const DROPDOWN_HINT = 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** The n8n property for one parameter. */
export function synergistProperty(param: SynergistParam, required: boolean): INodeProperties {
	const base = {
		displayName: param.displayName,
		name: paramName(param),
		default: param.default ?? '',
		description: param.description,
		placeholder: param.placeholder,
		required: required || undefined,
	};
	if (param.loadOptionsMethod && param.type !== 'boolean' && param.type !== 'json') {
		return {
			...base,
			displayName: /(Name or ID|Names or IDs)$/.test(param.displayName)
				? param.displayName
				: `${param.displayName.replace(/ (ID|Code)$/, '')} Name or ID`,
			type: 'options',
			typeOptions: { loadOptionsMethod: param.loadOptionsMethod },
			description: param.description ? `${param.description}. ${DROPDOWN_HINT}.` : `${DROPDOWN_HINT}.`,
		};
	}
	switch (param.type) {
		case 'boolean':
			return { ...base, type: 'boolean', default: param.default ?? false };
		case 'number':
		case 'id':
			return { ...base, type: 'number', default: param.default ?? 0 };
		case 'date':
		case 'dateTime':
			return { ...base, type: 'dateTime' };
		case 'options':
			return { ...base, type: 'options', options: param.options ?? [] };
		case 'json':
			return { ...base, type: 'json', default: param.default ?? '' };
		default:
			return param.rows ? { ...base, type: 'string', typeOptions: { rows: param.rows } } : { ...base, type: 'string' };
	}
}

function invalid(ctx: IExecuteFunctions, label: string, value: string, itemIndex: number, expected: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `The field "${label}" has an invalid value "${value}" in item ${itemIndex}`, {
		itemIndex,
		description: `Expected ${expected}.`,
	});
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** A code's parts: its company prefix (if typed) and the code itself; an error naming the field when malformed. */
export function parseCode(
	ctx: IExecuteFunctions,
	raw: unknown,
	itemIndex: number,
	label: string,
	format: CodeFormat = 'code',
): { company?: number; code: string } {
	// String([1]) is "1": a list or object from an expression must not pass for a code
	const value = typeof raw === 'object' && raw !== null ? shown(raw) : String(raw ?? '').trim();
	const { pattern, example } = CODE_FORMATS[format];
	const match = pattern.exec(value);
	if (!match) throw invalid(ctx, label, value, itemIndex, `a ${format === 'code' ? 'code' : `${format} number`} like ${example}`);
	return { company: match[1] === undefined ? undefined : Number(match[1]), code: match[2] };
}

/**
 * A code as Synergist wants it, `<company>/<code>`: a code typed without the prefix gets the call's company, and a
 * code of another company is refused before anything is sent.
 */
export function prefixedCode(
	ctx: IExecuteFunctions,
	raw: unknown,
	company: number,
	itemIndex: number,
	label: string,
	format: CodeFormat = 'code',
	noun = 'record',
): string {
	const parsed = parseCode(ctx, raw, itemIndex, label, format);
	if (parsed.company !== undefined && parsed.company !== company) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The field "${label}" names company ${parsed.company} ("${String(raw).trim()}") but this ${noun} is in company ${company}, in item ${itemIndex}`,
			{ itemIndex, description: `All codes of one ${noun} must belong to the same Synergist company.` },
		);
	}
	return `${company}/${parsed.code}`;
}

/** A value as an error shows it: text as is, a list or object as JSON (cut short). */
function shown(value: unknown): string {
	if (typeof value !== 'object' || value === null) return String(value ?? '').trim();
	let json: string;
	try {
		json = JSON.stringify(value) ?? String(value);
	} catch {
		json = Array.isArray(value) ? '[…]' : '{…}';
	}
	return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** A date value as text: a Date or Luxon DateTime (from an expression) as its ISO form, anything else as typed. */
function dateText(value: unknown): string {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
	if (value && typeof (value as { toISO?: unknown }).toISO === 'function') return String((value as { toISO(): string | null }).toISO());
	return shown(value);
}

// the date, then an optional time (fractions allowed), offset and [zone] as n8n and Luxon write them; nothing else
const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(?:Z|([+-])(\d{2}):?(\d{2}))?(?:\[([^\]]+)\])?$/i;

function knownZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/** The parts of a date or date and time, or undefined when it is not a real one (30 February, 25:00, +25:00, Mars/Olympus). */
function dateParts(text: string): { date: string; time?: string } | undefined {
	const m = DATE_TIME.exec(text);
	if (!m) return undefined;
	const [, y, mo, d, h, mi, s = '00', sign, oh = '00', om = '00', zone] = m;
	const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
	if (day.getUTCDate() !== Number(d) || day.getUTCMonth() !== Number(mo) - 1) return undefined;
	if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59)) return undefined;
	if (sign && (Number(oh) > 14 || Number(om) > 59)) return undefined;
	if (zone !== undefined && !knownZone(zone)) return undefined;
	return { date: `${y}-${mo}-${d}`, time: h === undefined ? undefined : `${h}:${mi}:${s}` };
}

/** A date as `YYYY-MM-DD` (the reference also shows slashes; this is the unambiguous form). */
export function dateOnly(ctx: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string {
	const text = dateText(value);
	const parts = dateParts(text);
	if (!parts) throw invalid(ctx, label, text, itemIndex, 'a date like 2024-05-31');
	return parts.date;
}

/** A wall-clock date and time, `YYYY-MM-DDTHH:MM:SS` without an offset (the digits are kept as typed). */
export function wallClock(ctx: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string {
	const text = dateText(value);
	const parts = dateParts(text);
	if (!parts) throw invalid(ctx, label, text, itemIndex, 'a date and time like 2024-05-31T14:30:00');
	return `${parts.date}T${parts.time ?? '00:00:00'}`;
}

/** One parameter's value as the API wants it, or an error naming the field and the item. */
export function synergistValue(
	ctx: IExecuteFunctions,
	param: SynergistParam,
	raw: unknown,
	itemIndex: number,
	company: number,
	noun?: string,
): unknown {
	const label = param.displayName;
	// a list field, or a text checked by a pattern (comma lists), takes an array of plain values as "a,b"
	const plainList = (param.list || param.pattern !== undefined) && Array.isArray(raw) && raw.every((v) => v === null || typeof v !== 'object');
	// true would pass for the code "true"
	if (typeof raw === 'boolean' && param.type === 'code') throw invalid(ctx, label, String(raw), itemIndex, 'a code, not true or false');
	if (typeof raw === 'object' && raw !== null && !plainList && param.type !== 'json' && param.type !== 'date' && param.type !== 'dateTime') {
		// an object or list from an expression would go out as "[object Object]" or "1,2" (Number([5]) is 5): refuse it
		throw invalid(ctx, label, shown(raw), itemIndex, `a single ${param.type === 'string' ? 'text' : param.type} value, not ${Array.isArray(raw) ? 'a list' : 'an object'}`);
	}
	const text = () => (typeof raw === 'string' ? raw.trim() : String(raw ?? '').trim());
	const out = (value: unknown) => (param.asString && value !== null && typeof value !== 'object' ? String(value) : value);
	switch (param.type) {
		case 'code':
			return prefixedCode(ctx, raw, company, itemIndex, label, param.format, noun);
		case 'id': {
			if (!/^\d+$/.test(text()) || Number(text()) <= 0) throw invalid(ctx, label, text(), itemIndex, 'a whole number above 0');
			return out(Number(text()));
		}
		case 'number': {
			const value = typeof raw === 'number' ? raw : Number(text());
			if (!Number.isFinite(value) || text() === '') throw invalid(ctx, label, text(), itemIndex, 'a number');
			return out(value);
		}
		case 'boolean': {
			let value: boolean;
			if (typeof raw === 'boolean') value = raw;
			else if (['true', '1', 'yes', 'y'].includes(text().toLowerCase())) value = true;
			else if (['false', '0', 'no', 'n'].includes(text().toLowerCase())) value = false;
			else throw invalid(ctx, label, text(), itemIndex, 'true or false');
			return param.values ? param.values[value ? 0 : 1] : out(value);
		}
		case 'date':
			return dateOnly(ctx, raw, label, itemIndex);
		case 'dateTime':
			return wallClock(ctx, raw, label, itemIndex);
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
		case 'options': {
			// a fixed list is known here: a value from an expression that is not on it never reaches the server
			const known = param.loadOptionsMethod ? undefined : param.options;
			if (known?.length && !known.some((option) => String(option.value) === text())) {
				throw invalid(ctx, label, text(), itemIndex, `one of ${known.map((option) => String(option.value)).join(', ')}`);
			}
			return out(raw);
		}
		default: {
			if (param.pattern && !param.pattern.regex.test(text())) throw invalid(ctx, label, text(), itemIndex, param.pattern.expected);
			return typeof raw === 'string' ? raw : String(raw ?? '');
		}
	}
}

const collectionName = (label: string) => (label === 'Update Fields' ? 'updateFields' : label === 'Options' ? 'options' : 'additionalFields');
const OPTIONS = 'options';

function collection(name: string, displayName: string, params: SynergistParam[]): INodeProperties {
	return optionalCollection(name, displayName, params.map((p) => synergistProperty(p, false)));
}

const listOptions = (pageSize: number): SynergistParam[] => [
	{
		key: 'allInOneRequest',
		displayName: 'All in One Request',
		type: 'boolean',
		default: true,
		description:
			'Whether Return All reads every row in one request (rows=0) and Limit asks for exactly that many rows. Turn off to read page by page, e.g. when a very large view times out.',
	},
	{
		key: 'pageSize',
		displayName: 'Page Size',
		type: 'number',
		default: pageSize,
		description:
			'How many rows to ask for per request (rows=) when reading page by page. Setting it turns paging on unless All in One Request is also set; use it when one large response times out or is too big.',
	},
];

/** The View dropdown's loader for a views.json type (`Jobs` → `getJobsViews`; see methods/views.ts). */
export const viewLoaderName = (type: string) => `get${type}Views`;

/** The call an endpoint's parameters make for one item. */
export async function synergistCallParts(ctx: IExecuteFunctions, endpoint: SynergistEndpoint, itemIndex: number): Promise<SynergistCallParts> {
	const noun = endpoint.noun;
	let company: number | undefined;
	if (endpoint.companyFrom) {
		const from = [...(endpoint.required ?? []), ...(endpoint.additional ?? [])].find((p) => paramName(p) === endpoint.companyFrom);
		const raw = from && ctx.getNodeParameter(endpoint.companyFrom, itemIndex, '');
		if (from && !isEmpty(raw)) company = parseCode(ctx, raw, itemIndex, from.displayName, from.format).company;
	}
	company ??= (await synergistSettings(ctx, itemIndex)).company;

	const parts: SynergistCallParts = { company, params: { ...endpoint.params, company }, input: { ...endpoint.input } };
	if (endpoint.modelstructure || endpoint.style) {
		parts.params.style = endpoint.style ?? 'modeldata';
		if (endpoint.modelstructure) parts.params.modelstructure = endpoint.modelstructure;
	}
	const put = (param: SynergistParam, value: unknown, fallback: 'query' | 'input') => {
		if ((param.target ?? fallback) === 'input') parts.input[param.key] = value as IDataObject[string];
		else parts.params[param.key] = value as IDataObject[string];
	};
	const writes = endpoint.input !== undefined ? 'input' : 'query';

	for (const param of endpoint.templateCode ? [...(endpoint.required ?? []), endpoint.templateCode] : (endpoint.required ?? [])) {
		const raw = ctx.getNodeParameter(paramName(param), itemIndex, param.default ?? '') as unknown;
		if (isEmpty(raw) || (param.type === 'id' && Number(raw) === 0)) {
			throw new NodeOperationError(ctx.getNode(), `The field "${param.displayName}" is empty in item ${itemIndex}`, {
				itemIndex,
				description: `Enter a value for "${param.displayName}", or map one from the input with an expression.`,
			});
		}
		if (param === endpoint.templateCode) continue;
		put(param, synergistValue(ctx, param, raw, itemIndex, company, noun), writes);
	}
	const sets: Array<[SynergistParam[] | undefined, string, 'query' | 'input']> = [
		[endpoint.additional, collectionName(endpoint.additionalLabel ?? 'Additional Fields'), writes],
		[endpoint.filters, 'filters', 'query'],
	];
	for (const [params, name, fallback] of sets) {
		if (!params?.length) continue;
		const chosen = ctx.getNodeParameter(name, itemIndex, {}) as IDataObject;
		for (const param of params) {
			const raw = chosen[paramName(param)];
			// only what the user set is sent: an update never clears a field it was not asked to
			if (isEmpty(raw) || (param.type === 'id' && Number(raw) === 0)) continue;
			put(param, synergistValue(ctx, param, raw, itemIndex, company, noun), fallback);
		}
	}
	if (endpoint.view) {
		const view = shown(ctx.getNodeParameter('view', itemIndex, ''));
		if (view !== '' && !/^-?\d+$|^[A-Za-z0-9_]+$/.test(view)) throw invalid(ctx, 'View', view, itemIndex, 'a view ID like -1303');
		if (view !== '') parts.params.view = view;
	}
	if (endpoint.customFields) {
		const prefix = endpoint.customFields;
		const custom = (ctx.getNodeParameter('customFields', itemIndex, {}) as { field?: Array<{ name: string; value: string }> }).field ?? [];
		for (const { name, value } of custom) {
			const key = String(name ?? '').trim();
			if (!new RegExp(`^${prefix}\\d+$`).test(key)) throw invalid(ctx, 'Custom Fields', key, itemIndex, `a field name like ${prefix}218`);
			parts.input[key] = value ?? '';
		}
	}
	const built = endpoint.build ? await endpoint.build(ctx, itemIndex, parts) : parts;
	if (endpoint.lock && isEmpty(built.input[endpoint.lock.field])) {
		const reply = await synergistRequest(ctx, {
			area: endpoint.area,
			params: { company: built.company, ...endpoint.lock.read(built) },
			idempotent: true,
			itemIndex,
		});
		const [row] = rowsOf(reply);
		const version = row === undefined ? undefined : fieldOf(row, endpoint.lock.readField ?? endpoint.lock.field);
		if (version === undefined) {
			throw new NodeApiError(ctx.getNode(), { message: 'Record not found' } as JsonObject, {
				message: `The ${endpoint.noun ?? 'record'} to change was not found`,
				description: `Synergist returned no ${endpoint.noun ?? 'record'} to read ${endpoint.lock.field} from.`,
				httpCode: '404',
				itemIndex,
			});
		}
		built.input[endpoint.lock.field] = version as IDataObject[string];
	}
	return built;
}

/** The `action=` value of one item's call (with the template code after a space where the endpoint takes one). */
function actionOf(ctx: IExecuteFunctions, endpoint: SynergistEndpoint, itemIndex: number): string | undefined {
	if (!endpoint.templateCode) return endpoint.action;
	const code = String(ctx.getNodeParameter(paramName(endpoint.templateCode), itemIndex, '') ?? '').trim();
	if (!/^-?[A-Za-z0-9_]+$/.test(code)) throw invalid(ctx, endpoint.templateCode.displayName, code, itemIndex, 'a template code like -2096');
	return `${endpoint.action} ${code}`;
}

/** The message of a reply, trimmed (the server sometimes ends it with a space). */
const messageOf = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The default output: `data` rows, or the success message when there are none; `warningMessage` kept on every item. */
export function synergistOutput(reply: SynergistReply): IDataObject[] {
	const warning = messageOf(reply.warningmessage);
	const rows = rowsOf(reply);
	const items = rows.length > 0 ? rows : [{ success: true, message: messageOf(reply.responsemessage) }];
	// success:true can still carry a partial failure ("1 of 2 Expense line deleted.")
	return items.map((row) => (warning === '' ? row : { ...row, warningMessage: warning }));
}

/** An n8n operation made from an endpoint description. */
export function synergistOperation(endpoint: SynergistEndpoint): Operation {
	const properties: INodeProperties[] = [];
	if (endpoint.templateCode) properties.push(synergistProperty(endpoint.templateCode, true));
	properties.push(...(endpoint.required ?? []).map((p) => synergistProperty(p, true)));
	if (endpoint.view) {
		const noun = endpoint.view.noun ?? 'records';
		properties.push({
			displayName: 'View Name or ID',
			name: 'view',
			type: 'options',
			typeOptions: { loadOptionsMethod: endpoint.view.loadOptionsMethod ?? viewLoaderName(endpoint.view.type ?? '') },
			default: '',
			description: `A saved Synergist query (view) that selects the ${noun}; none lists every one of the company. ${DROPDOWN_HINT}.`,
		});
	}
	const pageable = endpoint.list && endpoint.list.pageable !== false;
	if (pageable) properties.push(...returnAllOrLimit());
	if (endpoint.filters?.length) properties.push(collection('filters', 'Filters', endpoint.filters));
	if (endpoint.additional?.length) {
		const label = endpoint.additionalLabel ?? 'Additional Fields';
		properties.push(collection(collectionName(label), label, endpoint.additional));
	}
	if (endpoint.customFields) {
		properties.push({
			displayName: 'Custom Fields',
			name: 'customFields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Custom Field',
			default: {},
			description: `Fields named ${endpoint.customFields} plus a number, e.g. ${endpoint.customFields}218; the numbers differ per installation (needs Synergist 12.2)`,
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{
							displayName: 'Field Name or ID',
							name: 'name',
							type: 'options',
							// the installation's own custom fields, from the model structure (style=modelstructure)
							typeOptions: { loadOptionsMethod: 'getCustomFields' },
							default: '',
							description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						},
						{ displayName: 'Value', description: 'The value to store in this custom field', name: 'value', type: 'string', default: '' },
					],
				},
			],
		});
	}
	if (pageable && endpoint.additionalLabel !== 'Options') properties.push(collection(OPTIONS, 'Options', listOptions(endpoint.list?.pageSize ?? 50)));

	const endpoints = [endpointKey(endpoint), ...(endpoint.lock ? [`${endpoint.area}:None`] : []), ...(endpoint.alsoCalls ?? [])];
	return {
		value: endpoint.value,
		name: endpoint.name,
		action: endpoint.sentence,
		description: endpoint.description,
		properties,
		endpoints: [...new Set(endpoints)],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const action = actionOf(this, endpoint, itemIndex);
			const parts = await synergistCallParts(this, endpoint, itemIndex);
			const params: IDataObject = action ? { ...parts.params, action } : parts.params;
			if (pageable) {
				const wanted = wantedCount(this, itemIndex);
				const options = this.getNodeParameter(OPTIONS, itemIndex, {}) as { pageSize?: number; allInOneRequest?: boolean };
				const key = endpoint.list?.key;
				const keyOf = typeof key === 'function' ? key : key ? (row: IDataObject) => fieldOf(row, key) : undefined;
				const pageSize = Math.max(1, Number(options.pageSize) || endpoint.list?.pageSize || 50);
				// one request unless the user asks for paging (All in One Request off, or only a Page Size set)
				const allInOne = options.allInOneRequest ?? options.pageSize === undefined;
				if (allInOne && wanted === Infinity) return await listAll(this, { area: endpoint.area, params, pageSize, itemIndex, keyOf });
				return await listPages(this, {
					area: endpoint.area,
					params,
					wanted,
					pageSize: allInOne ? wanted : pageSize,
					itemIndex,
					keyOf,
				});
			}
			const hasInput = endpoint.input !== undefined || Object.keys(parts.input).length > 0;
			const reply = await synergistRequest(this, {
				area: endpoint.area,
				params,
				input: hasInput ? [parts.input, ...(parts.moreInput ?? [])] : undefined,
				idempotent: endpoint.idempotent,
				itemIndex,
			});
			if (endpoint.single && rowsOf(reply).length === 0) {
				const { message, description } = endpoint.single(parts);
				throw new NodeApiError(this.getNode(), { message: 'Not found' } as JsonObject, { message, description, httpCode: '404', itemIndex });
			}
			if (endpoint.output) return await endpoint.output(reply, this, itemIndex, parts);
			if (endpoint.list) return rowsOf(reply);
			return endpoint.single ? rowsOf(reply)[0] : synergistOutput(reply);
		},
	};
}
