import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import { collectPages } from '../shared/paging';
import {
	sendWithSession,
	type RequestContext,
	type VendorError,
	type VendorProtocol,
} from '../shared/transport';

/*
 * The only code that knows how Simple-Simon talks: a bearer token that dies with HTTP 401, OData error envelopes,
 * and collections that come as `{ value, @odata.nextLink }` or as bare arrays.
 */

export const CREDENTIAL_TYPE = 'simpleSimonApi';

/** The API URL as users paste it from the activation e-mail (with or without a trailing slash). */
export function simpleSimonBaseUrl(url: unknown): string {
	return String(url ?? '')
		.trim()
		.replace(/\/+$/, '');
}

/** The credential's Base Path (e.g. `/odata`) as `/odata`, or '' when none is set. */
export function simpleSimonBasePath(basePath: unknown): string {
	const path = String(basePath ?? '')
		.trim()
		.replace(/^\/+|\/+$/g, '');
	return path === '' ? '' : `/${path}`;
}

/** Where entity paths start: the API URL plus the credential's Base Path. */
export function simpleSimonApiRoot(credentials: { url?: unknown; basePath?: unknown }): string {
	return `${simpleSimonBaseUrl(credentials.url)}${simpleSimonBasePath(credentials.basePath)}`;
}

/** The vendor's message in an error reply: OData v4 `error.message`, v3 `odata.error`, ASP.NET `Message`, or plain text. */
export function simpleSimonErrorMessage(body: unknown): { message?: string; code?: string } {
	if (Buffer.isBuffer(body)) return simpleSimonErrorMessage(body.toString('utf8'));
	if (typeof body === 'string') {
		const text = body.trim();
		if (text.startsWith('{')) {
			try {
				return simpleSimonErrorMessage(JSON.parse(text));
			} catch {
				// not JSON after all; the text itself is the message
			}
		}
		return { message: text === '' || text.startsWith('<') ? undefined : text.slice(0, 300) };
	}
	if (!body || typeof body !== 'object') return {};
	const reply = body as IDataObject;
	const error = (reply.error ?? reply['odata.error']) as IDataObject | string | undefined;
	if (typeof error === 'string') {
		// OAuth-style login errors: { error: 'invalid_grant', error_description: '…' }
		return { message: String(reply.error_description ?? error), code: error };
	}
	if (error && typeof error === 'object') {
		const message = error.message;
		const text = message && typeof message === 'object' ? (message as IDataObject).value : message;
		return {
			message: text === undefined ? undefined : String(text),
			code: error.code === undefined || error.code === '' ? undefined : String(error.code),
		};
	}
	const message = reply.message ?? reply.Message ?? reply.detail ?? reply.title;
	return { message: message === undefined ? undefined : String(message) };
}

export const simpleSimonProtocol: VendorProtocol = {
	credentialType: CREDENTIAL_TYPE,
	isSessionExpired: (response) => response.statusCode === 401,
	errorOf(response): VendorError | undefined {
		const body = response.body as unknown;
		if (response.statusCode < 400) {
			if (typeof body === 'string' && /^\s*</.test(body)) {
				return {
					message: 'Simple-Simon answered with a web page instead of JSON',
					description:
						'Check that the API URL is the API address from the activation e-mail, not the web app.',
					httpCode: response.statusCode,
				};
			}
			return undefined;
		}
		const { message, code } = simpleSimonErrorMessage(body);
		return {
			message: message ?? `Simple-Simon answered HTTP ${response.statusCode}`,
			code,
			httpCode: response.statusCode,
		};
	},
};

export interface SimpleSimonCall {
	method: IHttpRequestMethods;
	/** Path under the API URL, e.g. `/locations`. */
	path?: string;
	/** An absolute URL (an `@odata.nextLink`) instead of `path` + `qs`. */
	url?: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	headers?: IDataObject;
	/** Whether repeating the call after a failure is harmless. */
	idempotent: boolean;
	itemIndex?: number;
	/** `arraybuffer` for file downloads (the body comes back as a Buffer). */
	encoding?: 'arraybuffer';
}

/** One API call with the cached bearer token; the parsed body, or undefined for an empty reply (204). */
export async function simpleSimonRequest<T = unknown>(
	ctx: RequestContext,
	call: SimpleSimonCall,
): Promise<T | undefined> {
	const response = await sendWithSession(
		ctx,
		simpleSimonProtocol,
		() => {
			const request: IHttpRequestOptions = {
				method: call.method,
				url: call.url ?? call.path ?? '/',
				headers: { Accept: 'application/json', ...call.headers },
				json: call.encoding === undefined,
			};
			if (call.encoding !== undefined) request.encoding = call.encoding;
			if (call.url === undefined && call.qs && Object.keys(call.qs).length > 0)
				request.qs = { ...call.qs };
			if (call.body !== undefined)
				request.body = Array.isArray(call.body) ? [...call.body] : { ...call.body };
			return request;
		},
		{ idempotent: call.idempotent, itemIndex: call.itemIndex },
	);
	return bodyOf<T>(response);
}

export interface Download {
	data: Buffer;
	contentType?: string;
	/** From Content-Disposition, when the server names the file. */
	fileName?: string;
}

/** A file download (PDFs, attachment content) with the cached bearer token. */
export async function simpleSimonDownload(
	ctx: RequestContext,
	call: Omit<SimpleSimonCall, 'encoding'>,
): Promise<Download> {
	const response = await sendWithSession(
		ctx,
		simpleSimonProtocol,
		() => {
			const request: IHttpRequestOptions = {
				method: call.method,
				url: call.url ?? call.path ?? '/',
				headers: { Accept: '*/*', ...call.headers },
				encoding: 'arraybuffer',
				json: false,
			};
			if (call.url === undefined && call.qs && Object.keys(call.qs).length > 0)
				request.qs = { ...call.qs };
			return request;
		},
		{ idempotent: call.idempotent, itemIndex: call.itemIndex },
	);
	const body = response.body as unknown;
	const data = Buffer.isBuffer(body)
		? body
		: body instanceof ArrayBuffer
			? Buffer.from(body)
			: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body ?? ''), 'utf8');
	const headers = (response.headers ?? {}) as Record<string, unknown>;
	const contentType = String(headers['content-type'] ?? '').split(';')[0].trim() || undefined;
	const disposition = String(headers['content-disposition'] ?? '');
	const named =
		/filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition)?.[1] ??
		/filename="?([^";]+)"?/i.exec(disposition)?.[1];
	let fileName: string | undefined;
	if (named) {
		try {
			fileName = decodeURIComponent(named.trim());
		} catch {
			fileName = named.trim();
		}
	}
	return { data, contentType, fileName };
}

function bodyOf<T>(response: IN8nHttpFullResponse): T | undefined {
	const body = response.body as unknown;
	if (body === undefined || body === null || body === '') return undefined;
	return body as T;
}

/** The page size the node asks for; Simple-Simon's own limit is not documented, 100 is the usual OData one. */
export const PAGE_SIZE = 100;

export interface ListPage {
	rows: IDataObject[];
	nextLink?: string;
	/** The collection's total, when `$count=true` was asked and the server answered it. */
	count?: number;
}

/**
 * Rows and next link of a collection reply. The docs do not say which shape comes back, so the usual ones are all
 * read: a bare array, OData v4 `{ value, @odata.nextLink }`, v3 `{ value, odata.nextLink }`, verbose `{ d: { results, __next } }`.
 */
export function listPage(body: unknown): ListPage | undefined {
	if (Array.isArray(body)) return { rows: body as IDataObject[] };
	if (!body || typeof body !== 'object') return undefined;
	const reply = body as IDataObject;
	const verbose = reply.d as IDataObject | IDataObject[] | undefined;
	if (Array.isArray(verbose)) return { rows: verbose };
	if (verbose && Array.isArray(verbose.results)) {
		const next = verbose.__next;
		return {
			rows: verbose.results as IDataObject[],
			nextLink: typeof next === 'string' && next !== '' ? next : undefined,
		};
	}
	if (!Array.isArray(reply.value)) return undefined;
	const next = reply['@odata.nextLink'] ?? reply['odata.nextLink'];
	// v4 `@odata.count`, v3 `odata.count` (a string there)
	const count = Number(reply['@odata.count'] ?? reply['odata.count']);
	return {
		rows: reply.value as IDataObject[],
		nextLink: typeof next === 'string' && next !== '' ? next : undefined,
		...(Number.isFinite(count) && (reply['@odata.count'] ?? reply['odata.count']) !== undefined ? { count } : {}),
	};
}

/** An entity without OData instance annotations (`@odata.context`, `@odata.etag`, …), as users want it in items. */
export function withoutAnnotations(entity: unknown): IDataObject {
	if (!entity || typeof entity !== 'object' || Array.isArray(entity)) return {};
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(entity as IDataObject)) {
		if (!key.startsWith('@') && !key.startsWith('odata.') && !key.includes('@odata.'))
			out[key] = value;
	}
	return out;
}

/** A next link as an absolute URL, or undefined when it points away from the API (the token must not go there). */
export function sameOriginLink(link: string, baseUrl: string): string | undefined {
	try {
		const base = new URL(`${simpleSimonBaseUrl(baseUrl)}/`);
		const next = new URL(link, base);
		return next.origin === base.origin ? next.toString() : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Up to `wanted` rows of a collection, in pages of PAGE_SIZE asked for with `$top`/`$skip`. Inside a page the server's
 * own `@odata.nextLink` is followed when it sends one (a smaller server page size); a server that sends bare arrays is
 * paged by `$skip` alone. No row is fetched twice, none past `wanted`.
 */
export async function getCollection(
	ctx: IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions,
	path: string,
	query: IDataObject,
	wanted: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const baseUrl = simpleSimonApiRoot(credentials);
	const followed = new Set<string>();
	let previousFirst: string | undefined;
	let total: number | undefined;
	const fail = (message: string, description: string) =>
		new NodeApiError(ctx.getNode(), { message }, { message, description, itemIndex });

	return await collectPages<IDataObject>(wanted, PAGE_SIZE, async (pageIndex, pageSize) => {
		const offset = pageIndex * PAGE_SIZE;
		const rows: IDataObject[] = [];
		let link: string | undefined;
		while (rows.length < pageSize) {
			const skip = offset + rows.length;
			const body = await simpleSimonRequest(
				ctx,
				link !== undefined
					? { method: 'GET', url: link, idempotent: true, itemIndex }
					: {
							method: 'GET',
							path,
							// Return All asks for the total once, so it stops at the last row instead of asking for an empty page
							qs: {
								...query,
								$top: pageSize - rows.length,
								...(skip > 0 ? { $skip: skip } : {}),
								...(wanted === Infinity && pageIndex === 0 && skip === 0 ? { $count: 'true' } : {}),
							},
							idempotent: true,
							itemIndex,
						},
			);
			const page = listPage(body);
			if (!page) {
				throw fail(
					'Simple-Simon answered a list request with something that is not a list',
					'Expected a JSON array or an OData object with "value". Check the API URL.',
				);
			}
			if (rows.length === 0 && page.rows.length > 0) {
				const first = JSON.stringify(page.rows[0]);
				if (pageIndex > 0 && first === previousFirst) {
					throw fail(
						'Simple-Simon sent the same page twice: it seems to ignore $skip',
						'Narrow the query with a filter and a limit instead of Return All.',
					);
				}
				previousFirst = first;
			}
			rows.push(...page.rows);
			if (page.count !== undefined) total = page.count;
			if (page.rows.length === 0 || page.nextLink === undefined) break;
			const next = sameOriginLink(page.nextLink, baseUrl);
			if (next !== undefined && followed.has(next)) {
				throw fail(
					'Simple-Simon sent a next link that was already followed',
					'The server paging loops; stopping.',
				);
			}
			// A next link to another host is not followed (it would carry the token there); $skip goes on instead.
			link = next;
			if (next !== undefined) followed.add(next);
		}
		const more = rows.length >= pageSize && (total === undefined || offset + rows.length < total);
		return { items: rows.slice(0, pageSize), more };
	});
}
