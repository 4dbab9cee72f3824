import {
	NodeApiError,
	type IDataObject,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type JsonObject,
} from 'n8n-workflow';

import { sendWithSession, type RequestContext, type VendorError, type VendorProtocol } from '../shared/transport';

/*
 * The only code that knows how Synergist talks: every call is `GET <server>/jsonapi/<area>.json` with all parameters
 * (the credential adds user, sha512password, version and company) in the query string, writes included, with
 * `input={"data":[…]}`. Answers carry `success`; request-level errors arrive as HTTP 404 with an XML body
 * (`<Responses><Error ErrorID="404002"><ErrorText>…`), data errors as `success:false` with `errorcode`/`errormessage`.
 */

export const SYNERGIST_CREDENTIAL = 'synergistApi';

/** The server address as users paste it: with or without a trailing slash or the /jsonapi path. */
export function synergistBaseUrl(url: unknown): string {
	return String(url ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/jsonapi$/i, '')
		.replace(/\/+$/, '');
}

/** The multi-record envelope of the reference (writes leave out the paging fields). */
export interface SynergistReply {
	success?: unknown;
	responsecode?: unknown;
	errorcode?: unknown;
	errormessage?: unknown;
	responsemessage?: unknown;
	warningmessage?: unknown;
	totalrows?: unknown;
	totalpages?: unknown;
	pagenumber?: unknown;
	pagerows?: unknown;
	data?: unknown;
}

/** ErrorIDs that mean the user + hash were not accepted: no credentials (404001) or invalid ones (404002). */
const CREDENTIALS_REJECTED = new Set(['404001', '404002']);

function bodyText(body: unknown): string | undefined {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return undefined;
}

function decodeXml(text: string): string {
	return text
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');
}

/** The `<Responses><Error ErrorID="…"><ErrorText>…</ErrorText>` document, if the body is one. */
export function xmlErrorOf(body: unknown): { id: string; text: string } | undefined {
	const text = bodyText(body);
	if (text === undefined || !/<Responses[\s>]/i.test(text)) return undefined;
	const id = /<Error\b[^>]*\bErrorID\s*=\s*["']?([^"'\s>]+)/i.exec(text)?.[1] ?? '';
	const message = /<ErrorText>([\s\S]*?)<\/ErrorText>/i.exec(text)?.[1] ?? '';
	return { id, text: decodeXml(message.trim()) };
}

/** The JSON envelope of a reply, whether n8n parsed it already or not. */
export function replyOf(body: unknown): SynergistReply | undefined {
	let value = body;
	const text = bodyText(body);
	if (text !== undefined) {
		try {
			value = JSON.parse(text);
		} catch {
			return undefined;
		}
	}
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as SynergistReply) : undefined;
}

/** Synergist's error in a response (404 + XML, another HTTP error, or `success:false`), if any. */
export function synergistErrorOf(statusCode: number, body: unknown): VendorError | undefined {
	const xml = xmlErrorOf(body);
	if (xml) return { message: xml.text || `Synergist answered HTTP ${statusCode}`, code: xml.id || undefined, httpCode: statusCode };
	const reply = replyOf(body);
	if (statusCode >= 400) {
		const message = typeof reply?.errormessage === 'string' && reply.errormessage !== '' ? reply.errormessage : `Synergist answered HTTP ${statusCode}`;
		return { message, httpCode: statusCode };
	}
	if (!reply) return { message: 'Synergist sent a response that is not JSON', httpCode: statusCode };
	if (reply.success === true || reply.success === 'true') return undefined;
	return {
		message: typeof reply.errormessage === 'string' && reply.errormessage !== '' ? reply.errormessage : 'Synergist reported an error without a message',
		code: reply.errorcode === undefined || reply.errorcode === '' ? undefined : String(reply.errorcode),
	};
}

export const synergistProtocol: VendorProtocol = {
	credentialType: SYNERGIST_CREDENTIAL,
	isSessionExpired(response: IN8nHttpFullResponse) {
		if (response.statusCode !== 404) return false;
		const xml = xmlErrorOf(response.body);
		return xml !== undefined && CREDENTIALS_REJECTED.has(xml.id);
	},
	errorOf(response: IN8nHttpFullResponse) {
		return synergistErrorOf(response.statusCode, response.body);
	},
};

export interface SynergistCall {
	/** The API area, e.g. `jobs` for /jsonapi/jobs.json. */
	area: string;
	action?: string;
	/** Further query parameters (company, view, job, page, rows…); a company here wins over the credential's. */
	params?: IDataObject;
	/** Rows for `input={"data":[…]}`. */
	input?: IDataObject[];
	/** Whether repeating the call after a failure is harmless. */
	idempotent: boolean;
	itemIndex?: number;
}

/** One Synergist call with the cached hash; returns the success envelope. */
export async function synergistRequest(ctx: RequestContext, call: SynergistCall): Promise<SynergistReply> {
	const build = (): IHttpRequestOptions => {
		const qs: IDataObject = {};
		if (call.action) qs.action = call.action;
		for (const [name, value] of Object.entries(call.params ?? {})) {
			if (value !== undefined && value !== '') qs[name] = value;
		}
		if (call.input) qs.input = JSON.stringify({ data: call.input });
		return { method: 'GET', url: `/jsonapi/${call.area}.json`, qs, json: true };
	};
	const response = await sendWithSession(ctx, synergistProtocol, build, { idempotent: call.idempotent, itemIndex: call.itemIndex });
	return replyOf(response.body) ?? {};
}

/** A row's field whose key spelling may vary (the reference mixes Uuid/UUID/uuid and the like). */
export function fieldOf(row: IDataObject, name: string): unknown {
	if (name in row) return row[name];
	const key = Object.keys(row).find((k) => k.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : row[key];
}

/** The rows of a reply's `data` (objects only). */
export function rowsOf(reply: SynergistReply): IDataObject[] {
	return Array.isArray(reply.data) ? (reply.data.filter((row) => row && typeof row === 'object') as IDataObject[]) : [];
}

/** The credential's company and first page number. */
export async function synergistSettings(ctx: RequestContext, itemIndex = 0): Promise<{ company: number; firstPage: number }> {
	const credentials = await ctx.getCredentials(SYNERGIST_CREDENTIAL, itemIndex);
	const company = Number(credentials.company);
	const firstPage = Number(credentials.firstPage ?? 1);
	return { company: Number.isFinite(company) ? company : 1, firstPage: firstPage === 0 ? 0 : 1 };
}

export interface PagedList {
	area: string;
	params: IDataObject;
	/** How many rows the user wants (Infinity for Return All). */
	wanted: number;
	/** `rows` per page; kept the same on every page, since pages are numbered in units of it. */
	pageSize: number;
	itemIndex: number;
	/** A record's identity, to drop one that moved onto the next page while paging. */
	keyOf?: (row: IDataObject) => unknown;
}

/**
 * Reads a list page by page with `page`/`rows` until `wanted` rows are in or the last page (`totalpages`) is read.
 * The reference says page numbering starts at 0 but every example sends page=1 and reports `pagenumber: 1`, so the
 * first page is the credential's First Page and every next page number is the one the server reported plus one:
 * a server that serves page 0 as page 1 is then not asked for page 1 twice, and a 0-based one is followed as is.
 */
export async function listPages(ctx: RequestContext, list: PagedList): Promise<IDataObject[]> {
	const { firstPage } = await synergistSettings(ctx, list.itemIndex);
	const rows = Math.max(1, Math.min(list.pageSize, Number.isFinite(list.wanted) ? list.wanted : list.pageSize));
	const results: IDataObject[] = [];
	const seen = new Set<unknown>();
	let page = firstPage;
	let base: number | undefined;
	for (;;) {
		const reply = await synergistRequest(ctx, {
			area: list.area,
			params: { ...list.params, page, rows },
			idempotent: true,
			itemIndex: list.itemIndex,
		});
		const reported = Number(reply.pagenumber ?? page);
		if (base === undefined) {
			base = Number.isFinite(reported) ? reported : page;
		} else if (reported !== page) {
			throw new NodeApiError(ctx.getNode(), { message: 'Unexpected page' } as JsonObject, {
				message: `Synergist answered page ${reported} when page ${page} was asked for`,
				description: 'Paging stopped so that no record is returned twice or left out. Check the First Page setting of the credential.',
				itemIndex: list.itemIndex,
			});
		}
		const pageRows = rowsOf(reply);
		for (const row of pageRows) {
			const key = list.keyOf?.(row);
			if (key !== undefined && key !== '' && seen.has(key)) continue;
			if (key !== undefined && key !== '') seen.add(key);
			results.push(row);
		}
		const totalPages = Number(reply.totalpages);
		const lastPage = Number.isFinite(totalPages) ? base + totalPages - 1 : Infinity;
		if (results.length >= list.wanted || pageRows.length < rows || reported >= lastPage) break;
		page = reported + 1;
	}
	return results.slice(0, list.wanted);
}
