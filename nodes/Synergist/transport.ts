import {
	NodeApiError,
	type IDataObject,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type JsonObject,
} from 'n8n-workflow';

import {
	networkCodeOf,
	sendWithSession,
	vendorApiError,
	type RequestContext,
	type VendorError,
	type VendorProtocol,
} from '../shared/transport';

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

/**
 * Reads a whole list in one request: `rows=0` is "return all rows" in the reference. A server that caps or ignores it
 * answers fewer rows than its `totalrows`; the list is then read page by page, in pages of the rows that one answer
 * held (the server's own limit: asking for more would end paging early).
 */
export async function listAll(ctx: RequestContext, list: Omit<PagedList, 'wanted'>): Promise<IDataObject[]> {
	const reply = await synergistRequest(ctx, { area: list.area, params: { ...list.params, rows: 0 }, idempotent: true, itemIndex: list.itemIndex });
	const rows = rowsOf(reply);
	const total = Number(reply.totalrows);
	if (Number.isFinite(total) && rows.length < total) {
		return await listPages(ctx, { ...list, wanted: Infinity, pageSize: rows.length > 0 ? rows.length : list.pageSize });
	}
	if (!list.keyOf) return rows;
	const seen = new Set<unknown>();
	return rows.filter((row) => {
		const key = list.keyOf!(row);
		if (key === undefined || key === '') return true;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** A file Synergist handed out: print PDFs, `…inputfile` downloads, attachment and receipt views. */
export interface SynergistFile {
	data: Buffer;
	fileName?: string;
	mimeType?: string;
}

export interface SynergistDownloadCall extends SynergistCall {
	/** A base name for files the server names by extension only (prints come back as `".PDF"`). */
	fileName?: string;
}

const headerOf = (response: IN8nHttpFullResponse, name: string): string =>
	String((response.headers as IDataObject | undefined)?.[name] ?? '');

/** The file name in a `Content-Disposition` value (`attachment; filename="tmp.csv"`, or RFC 5987 `filename*=`). */
export function dispositionFileName(disposition: unknown): string | undefined {
	const text = typeof disposition === 'string' ? disposition : '';
	const extended = /filename\*\s*=\s*(?:[\w-]+'[^']*')?([^;]+)/i.exec(text)?.[1];
	if (extended) {
		try {
			return decodeURIComponent(extended.trim().replace(/^"|"$/g, '')) || undefined;
		} catch {
			// not percent-encoded after all: fall back to the plain filename
		}
	}
	const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(text);
	const name = (plain?.[2] ?? plain?.[1] ?? '').trim();
	return name === '' ? undefined : name;
}

/** A usable name: `".PDF"` (extension only) becomes `<base>.pdf`; none at all becomes the base, if there is one. */
function realFileName(name: string | undefined, base: string | undefined): string | undefined {
	const trimmed = name?.trim() ?? '';
	if (/^\.[A-Za-z0-9]+$/.test(trimmed)) return base ? `${base}${trimmed.toLowerCase()}` : undefined;
	return trimmed === '' ? base : trimmed;
}

/** Only a full `type/subtype` is a MIME type: receipts report just "application" (n8n then goes by the file name). */
function realMimeType(value: unknown): string | undefined {
	const text = typeof value === 'string' ? value.split(';')[0].trim() : '';
	return /^[\w.+-]+\/[\w.+-]+$/.test(text) ? text : undefined;
}

function bytesOf(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (body && typeof body === 'object') return Buffer.from(JSON.stringify(body), 'utf8');
	return Buffer.from(String(body ?? ''), 'utf8');
}

/** Whether a body is Synergist's JSON envelope rather than the file itself (checked on the first bytes only). */
function looksLikeEnvelope(bytes: Buffer, contentType: string): boolean {
	if (/json/i.test(contentType)) return true;
	const head = bytes.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart();
	return head.startsWith('{') && /"(success|responsecode|data)"/.test(bytes.subarray(0, 4096).toString('utf8'));
}

/** The base64 file inside an envelope row, whichever of the documented names carries it. */
function fileInRow(row: IDataObject): { base64?: string; fileName?: string; mimeType?: string; s3Get?: string } {
	const entries = Object.entries(row);
	const pick = (test: RegExp) => entries.find(([key, value]) => test.test(key) && typeof value === 'string' && value !== '')?.[1] as string | undefined;
	return {
		// attachmentBase64 (attachmentview), expensesheetAttachmentBase64Blob, variable_attachmentbase64blob (prints)
		base64: pick(/base64/i),
		// attachmentOriginalFilename, expensesheetAttachmentFilename, variable_attachmentfilename
		fileName: pick(/filename$/i) ?? dispositionFileName(pick(/contentdisposition$/i)),
		mimeType: realMimeType(pick(/contenttype$/i)),
		s3Get: pick(/s3urlget$/i),
	};
}

/** A download's answer is fine unless it is an XML fault, an HTTP error or a JSON envelope saying `success:false`. */
const downloadProtocol: VendorProtocol = {
	...synergistProtocol,
	errorOf(response: IN8nHttpFullResponse) {
		const bytes = bytesOf(response.body);
		if (xmlErrorOf(bytes) || response.statusCode >= 400) return synergistErrorOf(response.statusCode, bytes);
		if (!looksLikeEnvelope(bytes, headerOf(response, 'content-type'))) return undefined;
		return synergistErrorOf(response.statusCode, bytes);
	},
	isSessionExpired(response: IN8nHttpFullResponse) {
		return synergistProtocol.isSessionExpired({ ...response, body: bytesOf(response.body) });
	},
};

/**
 * Downloads a file Synergist hands out. The reference shows base64 inside the JSON `data` (`attachmentview`,
 * `…inputprint(s)`) and "sends the file to the browser" for `attachmentfile` / `…inputfile(s)` without showing the
 * answer, so both are read: an envelope's base64 field, a raw body with its Content-Type/Content-Disposition, or — for an
 * S3-stored attachment answered with only a pre-signed `…S3UrlGet` — the file fetched from that link.
 */
export async function synergistDownload(ctx: RequestContext, call: SynergistDownloadCall): Promise<SynergistFile> {
	const build = (): IHttpRequestOptions => {
		const qs: IDataObject = {};
		if (call.action) qs.action = call.action;
		for (const [name, value] of Object.entries(call.params ?? {})) {
			if (value !== undefined && value !== '') qs[name] = value;
		}
		if (call.input) qs.input = JSON.stringify({ data: call.input });
		return { method: 'GET', url: `/jsonapi/${call.area}.json`, qs, json: false, encoding: 'arraybuffer' };
	};
	const response = await sendWithSession(ctx, downloadProtocol, build, { idempotent: call.idempotent, itemIndex: call.itemIndex });
	const bytes = bytesOf(response.body);
	const contentType = headerOf(response, 'content-type');

	if (!looksLikeEnvelope(bytes, contentType)) {
		return {
			data: bytes,
			fileName: realFileName(dispositionFileName(headerOf(response, 'content-disposition')), call.fileName),
			mimeType: realMimeType(contentType),
		};
	}

	const reply = replyOf(bytes) ?? {};
	const row = rowsOf(reply)[0];
	const file = row ? fileInRow(row) : {};
	const fail = (message: string, description: string) =>
		vendorApiError(ctx, { message, description }, call.itemIndex);
	if (file.base64 !== undefined) {
		const text = file.base64.replace(/\s+/g, '');
		if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) {
			throw fail('Synergist sent a file that is not valid base64', `The ${call.area} ${call.action ?? 'read'} answer could not be decoded.`);
		}
		return { data: Buffer.from(text, 'base64'), fileName: realFileName(file.fileName, call.fileName), mimeType: file.mimeType };
	}
	if (file.s3Get !== undefined && /^https:\/\//i.test(file.s3Get)) {
		let s3: IN8nHttpFullResponse;
		try {
			s3 = (await ctx.helpers.httpRequest({
				method: 'GET',
				url: file.s3Get,
				encoding: 'arraybuffer',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: 120_000,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			// a pre-signed link is a key to the file while it lasts: only the error's kind goes into the message
			throw fail('Downloading the file from Synergist\'s S3 storage failed', networkCodeOf(error) ?? 'The storage did not answer.');
		}
		if (s3.statusCode >= 300) {
			throw fail(`Downloading the file from Synergist's S3 storage failed with HTTP ${s3.statusCode}`, 'Pre-signed links expire after 24 hours; run the item again.');
		}
		return {
			data: bytesOf(s3.body),
			fileName: realFileName(file.fileName, call.fileName),
			mimeType: file.mimeType ?? realMimeType(headerOf(s3, 'content-type')),
		};
	}
	throw fail('Synergist sent no file', typeof reply.responsemessage === 'string' && reply.responsemessage !== '' ? reply.responsemessage : 'The answer held no file content.');
}
