import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { collectPages } from '../shared/paging';
import { sendWithSession, type RequestContext, type VendorError, type VendorProtocol } from '../shared/transport';

/** vtiger's ways of saying the session is gone (all inside HTTP 200 bodies). */
const SESSION_GONE = new Set(['INVALID_SESSIONID', 'SESSION_EXPIRED', 'SESSION_LEFT_IDLE', 'AUTHENTICATION_REQUIRED']);

interface Envelope {
	success?: unknown;
	result?: unknown;
	error?: { code?: unknown; message?: unknown; errorCode?: unknown; errorMessage?: unknown };
}

function envelope(response: IN8nHttpFullResponse): Envelope | undefined {
	let body = response.body as unknown;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			return undefined;
		}
	}
	return body && typeof body === 'object' ? (body as Envelope) : undefined;
}

function errorCode(reply: Envelope): string {
	// The docs say errorCode/errorMessage; vtiger sends code/message.
	return String(reply.error?.code ?? reply.error?.errorCode ?? '');
}

export const simplyCrmProtocol: VendorProtocol = {
	credentialType: 'simplyCrmApi',
	isSessionExpired(response) {
		const reply = envelope(response);
		return reply?.success === false && SESSION_GONE.has(errorCode(reply));
	},
	errorOf(response): VendorError | undefined {
		const reply = envelope(response);
		if (response.statusCode >= 400) {
			return {
				message: String(reply?.error?.message ?? reply?.error?.errorMessage ?? `Simply CRM answered HTTP ${response.statusCode}`),
				code: reply ? errorCode(reply) || undefined : undefined,
				httpCode: response.statusCode,
			};
		}
		if (!reply) return { message: 'Simply CRM sent a response that is not JSON', httpCode: response.statusCode };
		if (reply.success === true) return undefined;
		return {
			message: String(reply.error?.message ?? reply.error?.errorMessage ?? 'Simply CRM reported an error'),
			code: errorCode(reply) || undefined,
		};
	},
};

export interface WebserviceCall {
	operation: string;
	/** Parameters: in the query string for GET, in a form-encoded body for POST (vtiger reads POST ones from $_POST). */
	params?: IDataObject;
	method?: 'GET' | 'POST';
	/** Whether repeating the call after a failure is harmless. */
	idempotent: boolean;
	itemIndex?: number;
}

/** One `webservice.php` call with the cached session; returns `result` from the success envelope. */
export async function webservice<T = unknown>(ctx: RequestContext, call: WebserviceCall): Promise<T> {
	const method = call.method ?? 'GET';
	const response = await sendWithSession(
		ctx,
		simplyCrmProtocol,
		() =>
			method === 'GET'
				? { method, url: '/webservice.php', qs: { operation: call.operation, ...call.params }, json: true }
				: {
						method,
						url: '/webservice.php',
						headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
						body: { operation: call.operation, ...call.params },
						json: true,
					},
		{ idempotent: call.idempotent, itemIndex: call.itemIndex },
	);
	return envelope(response)?.result as T;
}

/** A VTQL string literal; vtiger's lexer knows only doubled quotes as an escape, so values cannot change the query. */
export function vtqlString(value: unknown): string {
	return `'${String(value).replace(/'/g, "''")}'`;
}

/** VTQL returns at most 100 rows per query. */
export const VTQL_PAGE_SIZE = 100;

/** Whether a describe/listtypes flag is set (vtiger sends booleans, some instances "1"/"true"). */
export const isTrue = (value: unknown): boolean => value === true || value === 1 || value === '1' || value === 'true';

export interface DescribeField {
	name: string;
	label?: string;
	mandatory?: unknown;
	editable?: unknown;
	type?: { name?: string; picklistValues?: Array<{ label?: string; value?: string }>; refersTo?: string[]; format?: string };
}

export interface ModuleDescription {
	name?: string;
	label?: string;
	idPrefix?: string;
	fields?: DescribeField[];
}

/** describe results per execution (or loader call) and module: one request however many items use them. */
const describeCache = new WeakMap<object, Map<string, ModuleDescription>>();

/** The module's `describe`, fetched once per execution. */
export async function describeModule(ctx: RequestContext, module: string, itemIndex?: number): Promise<ModuleDescription> {
	let cache = describeCache.get(ctx);
	if (!cache) describeCache.set(ctx, (cache = new Map()));
	const cached = cache.get(module);
	if (cached) return cached;
	const result = await webservice<ModuleDescription>(ctx, {
		operation: 'describe',
		params: { elementType: module },
		idempotent: true,
		itemIndex,
	});
	const description = result && typeof result === 'object' ? result : {};
	cache.set(module, description);
	return description;
}

/**
 * Runs a VTQL query (without limit and `;`) page by page with `limit offset, n;` until `wanted` rows are in or a
 * page comes back short; never asks for more rows than still wanted. The query needs a stable order.
 */
export async function queryPages(ctx: RequestContext, query: string, wanted: number, itemIndex?: number): Promise<IDataObject[]> {
	return await collectPages<IDataObject>(wanted, VTQL_PAGE_SIZE, async (pageIndex, pageSize) => {
		const rows = await webservice<IDataObject[]>(ctx, {
			operation: 'query',
			params: { query: `${query} limit ${pageIndex * VTQL_PAGE_SIZE}, ${pageSize};` },
			idempotent: true,
			itemIndex,
		});
		const list = Array.isArray(rows) ? rows : [];
		return { items: list, more: list.length === pageSize };
	});
}

/** The logged-in API user, the default owner of new records (its id is stored with the session at login). */
export async function apiUserId(ctx: IExecuteFunctions, itemIndex: number): Promise<string | undefined> {
	// one credential read per node run, not per created record (the user does not change within a run)
	let known = userIds.get(ctx);
	if (!known) {
		known = readApiUserId(ctx, itemIndex);
		userIds.set(ctx, known);
		known.catch(() => userIds.delete(ctx));
	}
	return await known;
}

const userIds = new WeakMap<object, Promise<string | undefined>>();

async function readApiUserId(ctx: IExecuteFunctions, itemIndex: number): Promise<string | undefined> {
	const stored = async () => String((await ctx.getCredentials('simplyCrmApi', itemIndex)).userId ?? '');
	let userId = await stored();
	if (userId === '') {
		// Never logged in yet: any authenticated read logs in and stores the user id.
		await webservice(ctx, { operation: 'listtypes', idempotent: true, itemIndex });
		userId = await stored();
	}
	return userId === '' ? undefined : userId;
}
