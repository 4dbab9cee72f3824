/**
 * The pieces every Synergist emulator area is made of: the call an area handler gets, the area shape, the two error
 * forms (HTTP 404 + XML, or the JSON error envelope on 200), the success envelopes, paging, `input` parsing and
 * per-area state. One file per area under `areas/`; `areas/index.ts` assembles `AREAS`.
 */
import type { EmulatorRequest, EmulatorResponse, Route } from '../../shared/emulator';
import type { VendorEmulatorOptions } from '../../shared/types';
import { inputEnvelope, unsignedInt } from '../schemas';
import type { SynergistClient, SynergistCompany, SynergistJob, SynergistUser, SynergistView } from '../seed';

export interface SynergistEmulatorOptions extends VendorEmulatorOptions {
	/**
	 * Number of the first page. The reference's text says "page numbering starts at 0", yet every example sends
	 * page=1 and gets `"pagenumber": 1`, also when no page was sent. Default 1: page 0 (or none) is then served as
	 * page 1 and reported as `pagenumber: 1`. With 0, pages are 0-based throughout.
	 */
	firstPage?: 0 | 1;
	/** Page size when a read sends no `rows` (default 0 = all rows, as the examples without rows show pagerows 0). */
	defaultRows?: number;
	/** The most rows one answer holds (default none): rows=0 and larger `rows` are then served as pages of this size. */
	maxRows?: number;
	/** Accept the plain `password` on every call, as the real server does (default false, see ../index.ts). */
	acceptPlainPassword?: boolean;
}

export interface SynergistState {
	companies: Map<number, SynergistCompany>;
	users: SynergistUser[];
	clients: Map<string, SynergistClient>;
	/** Jobs by job number (`1/00000510`). */
	jobs: Map<string, SynergistJob>;
	views: SynergistView[];
	counters: { hashesIssued: number; credentialRejections: number; saltRotations: number; jobsCreated: number };
	/** Each area's own state, by key (see `areaState`); emptied by `reset()`, so every area re-seeds lazily. */
	extra: Map<string, unknown>;
}

/** One request as an area handler sees it. */
export interface Call {
	/** The query string with lower-cased names (the reference spells them in varying case); values as sent. */
	params: Record<string, string>;
	/** The lower-cased `action`, without a template code. */
	action?: string;
	/** What followed the action after a space (`purchaseinputprints -2096` → `-2096`), for `<templateCode>` actions. */
	actionArgument?: string;
	user: SynergistUser;
	state: SynergistState;
	options: Required<Pick<SynergistEmulatorOptions, 'firstPage' | 'defaultRows'>> & Pick<SynergistEmulatorOptions, 'maxRows'>;
	/** Current time in ms. */
	clock: number;
	/** The emulator's base URL (for URLs an area hands out, e.g. pre-signed uploads). */
	baseUrl: string;
	req: EmulatorRequest;
}

export type AreaHandler = (call: Call) => EmulatorResponse;

export interface Area {
	/** The model read (no `action`): list, filter, details or `style=modelstructure`. */
	read?: AreaHandler;
	/**
	 * `action=…` handlers, keyed by the lower-cased action as the checklist spells it. Actions that carry a template
	 * code after a space are keyed `'<action> <templatecode>'` and get the code in `call.actionArgument`.
	 */
	actions?: Record<string, AreaHandler>;
	/** Routes outside /jsonapi (e.g. a pre-signed upload host). */
	routes?: Route[];
}

/**
 * An area's own state, kept per emulator instance in `state.extra` and re-seeded after `reset()`:
 * `const sheets = areaState(call.state, 'expensesheets', () => seedSheets(call.state))`.
 */
export function areaState<T>(state: SynergistState, key: string, seed: () => T): T {
	if (!state.extra.has(key)) state.extra.set(key, seed());
	return state.extra.get(key) as T;
}

/** Request-level error: HTTP 404 with the XML body the reference documents. */
export class XmlFault extends Error {
	constructor(
		readonly errorId: number,
		text: string,
	) {
		super(text);
	}
}

/** Data-level error of a valid request: the JSON error envelope on HTTP 200. */
export class JsonFault extends Error {
	constructor(
		readonly code: number,
		message: string,
	) {
		super(message);
	}
}

/**
 * The documented ErrorIDs (404001–404004) and the ones this emulator uses for the rest of the 404000–404999 range:
 * 404500 invalid action, 404501 company, 404502 view, 404503 input, 404504 parameter, 404505 plain password.
 */
export const ERROR = {
	noCredentials: [404001, 'no credentials supplied'],
	invalidCredentials: [404002, 'invalid credentials supplied'],
	accountDisabled: [404003, 'account disabled'],
	notRecognized: [404004, 'request not recognized'],
} as const;

export const fault = ([id, text]: readonly [number, string]) => new XmlFault(id, text);

/** `invalid parameter <name> <value>` (404504). */
export const badParameter = (name: string, value: unknown) => new XmlFault(404504, `invalid parameter ${name} ${String(value ?? '')}`);

/** The reference's XML error document. */
export function xmlError(errorId: number, text: string): EmulatorResponse {
	const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	return {
		status: 404,
		headers: { 'content-type': 'text/xml; charset=UTF-8' },
		raw: `<Responses>\n    <Error ErrorID="${errorId}">\n        <ErrorText>${escaped}</ErrorText>\n    </Error>\n</Responses>`,
	};
}

export function jsonError(code: number, message: string): EmulatorResponse {
	return {
		status: 200,
		body: {
			responsecode: 0,
			responsestatus: 'ERROR',
			errorcode: code,
			errormessage: message,
			responsemessage: '',
			warningmessage: '',
			success: false,
		},
	};
}

/** The success envelope; `extra` adds `data`, `responsemessage`, `warningmessage`, paging or odd top-level arrays. */
export function okEnvelope(extra: Record<string, unknown>): EmulatorResponse {
	return {
		status: 200,
		body: {
			responsecode: 1,
			responsestatus: 'OK',
			errorcode: 0,
			errormessage: '',
			responsemessage: '',
			warningmessage: '',
			success: true,
			...extra,
		},
	};
}

/** A write's answer: "data processed successfully." with the written keys (or a workflow action's own message). */
export const written = (data?: unknown[], responsemessage = 'data processed successfully.', warningmessage = '') =>
	okEnvelope(data === undefined ? { responsemessage, warningmessage } : { responsemessage, warningmessage, data });

/**
 * Applies `page`/`rows` the way the examples show them and builds the multi-record envelope. `toRow` builds the model
 * of a record: only for the page's records, so a page of 50 over 20,000 records stays cheap.
 */
export function paged<T>(call: Call, rows: readonly T[], toRow: (row: T) => unknown = (row) => row): EmulatorResponse {
	const { params, options } = call;
	for (const name of ['page', 'rows']) {
		if (params[name] !== undefined && !unsignedInt.safeParse(params[name]).success) throw badParameter(name, params[name]);
	}
	const asked = params.rows === undefined ? options.defaultRows : Number(params.rows);
	// a server with a page size limit serves rows=0 (all) and larger pages as pages of its limit
	const size = options.maxRows !== undefined && (asked === 0 || asked > options.maxRows) ? options.maxRows : asked;
	const requested = params.page === undefined ? options.firstPage : Number(params.page);
	const pageNumber = Math.max(requested, options.firstPage);
	const index = pageNumber - options.firstPage;
	const totalpages = size > 0 ? Math.max(1, Math.ceil(rows.length / size)) : 1;
	const data = (size > 0 ? rows.slice(index * size, index * size + size) : index === 0 ? rows : []).map((row) => toRow(row));
	return okEnvelope({ totalrows: rows.length, totalpages, pagerows: size, pagenumber: pageNumber, data });
}

/** The company of the call (`company=`), which must be one of the user's; undefined when optional and absent. */
export function companyOf(call: Call, required: boolean): SynergistCompany | undefined {
	const raw = call.params.company;
	if (raw === undefined || raw === '') {
		if (required) throw new XmlFault(404501, 'company not specified');
		return undefined;
	}
	const company = unsignedInt.safeParse(raw).success ? call.state.companies.get(Number(raw)) : undefined;
	if (!company || !call.user.companies.includes(company.number)) throw new XmlFault(404501, `invalid company ${raw}`);
	return company;
}

/** The reference spells parameters in varying case (Activityid, activityID, Modelstructure): read them case-insensitively. */
export function lowerKeys(query: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(query).map(([key, value]) => [key.toLowerCase(), value]));
}

export const NOT_JSON = Symbol('not JSON');

export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

/** The rows of `input={"data":[{…}]}`; a missing or malformed input is the request-level error 404503. */
export function inputRows(call: Call): Array<Record<string, unknown>> {
	const raw = call.params.input;
	if (raw === undefined || raw === '') throw new XmlFault(404503, 'input not specified');
	const input = parseJson(raw);
	if (input === NOT_JSON) throw new XmlFault(404503, 'invalid input: not valid JSON');
	const envelope = inputEnvelope.safeParse(input);
	if (!envelope.success) throw new XmlFault(404503, 'invalid input: expected {"data":[{…}]}');
	return envelope.data.data;
}

/** `YYYY-MM-DD` from the loose date forms the reference shows, or undefined when it is no real date. */
export function normalDate(value: string): string | undefined {
	const [y, m, d] = value.split(/[-/]/).map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
	return date.toISOString().slice(0, 10);
}

/** The code without its company prefix (`1/00000510` → `00000510`), the "Simple" twin of a code. */
export const simple = (code: string) => code.slice(code.indexOf('/') + 1);

function fieldType(value: unknown, name: string): string {
	if (typeof value === 'boolean') return 'boolean';
	if (typeof value === 'number') return 'number';
	if (/Date|CustomField290/.test(name)) return 'date';
	return 'text';
}

/**
 * `style=modelstructure` for a model, from a sample row: one `{data, label, align, editable, fieldtype,
 * displayorder, mandatory}` per field, in the envelope the reference shows.
 */
export function modelStructure(sample: Record<string, unknown>, prefix: string, mandatory: ReadonlySet<string> = new Set()): EmulatorResponse {
	const fields = Object.entries(sample).map(([data, value], displayorder) => ({
		data,
		label: data.replace(new RegExp(`^${prefix}`), '').replace(/([a-z])([A-Z])/g, '$1 $2'),
		align: typeof value === 'number' ? 'right' : '',
		editable: !/Uuid|TimeStamp|VersionNumber|Description1stLine|FullName|Name$/.test(data),
		fieldtype: fieldType(value, data),
		displayorder,
		mandatory: mandatory.has(data),
	}));
	return okEnvelope({ totalrows: 0, totalpages: 1, pagerows: 0, pagenumber: 1, data: fields });
}

/** `style=`: modeldata (default) or modelstructure; anything else is 404504. */
export function styleOf(call: Call): 'modeldata' | 'modelstructure' {
	const style = (call.params.style ?? 'modeldata').toLowerCase();
	if (style !== 'modeldata' && style !== 'modelstructure') throw badParameter('style', call.params.style);
	return style;
}
