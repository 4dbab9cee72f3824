import {
	NodeApiError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { scrub } from './scrub';
import { markStale } from './session';

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

/** A vendor's error, in the vendor's own words. */
export interface VendorError {
	message: string;
	code?: string | number;
	description?: string;
	httpCode?: number;
}

/** What a vendor transport tells the shared request loop about its API. */
export interface VendorProtocol {
	credentialType: string;
	/** The vendor's own signal that the session is no longer valid (any status, any body). */
	isSessionExpired(response: IN8nHttpFullResponse): boolean;
	/** The vendor's error carried by this response (including errors inside HTTP 200 bodies), if any. */
	errorOf(response: IN8nHttpFullResponse): VendorError | undefined;
}

export interface SendOptions {
	/** Reads and idempotent writes may be repeated after a failure; other writes never once they may have arrived. */
	idempotent: boolean;
	itemIndex?: number;
	/** Repeats after transient failures (429, 5xx, dropped connections) — reads and idempotent writes only. */
	maxRetries?: number;
	/** Milliseconds before a request that got no answer is abandoned. */
	timeout?: number;
}

export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;
/** Connection failures where the request surely never reached the vendor, so even a non-idempotent write may repeat. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const MAY_HAVE_ARRIVED = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT', 'UND_ERR_SOCKET']);

/** The network error code buried in n8n's wrapped request error, if the failure happened below HTTP. */
export function networkCodeOf(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown; message?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	const message = String((error as { message?: unknown })?.message ?? '');
	const match = /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ECONNABORTED|EPIPE|ENOTFOUND|socket hang up|timeout of \d+ms exceeded|aborted)\b/i.exec(message);
	if (!match) return undefined;
	if (/socket hang up|aborted/i.test(match[1])) return 'ECONNRESET';
	if (/timeout/i.test(match[1])) return 'ETIMEDOUT';
	return match[1].toUpperCase();
}

/** Bounded exponential backoff with full jitter; a vendor's Retry-After (seconds or date) wins when present. */
export function backoffMs(attempt: number, retryAfter?: string): number {
	if (retryAfter) {
		const seconds = Number(retryAfter);
		const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
		if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, MAX_BACKOFF_MS);
	}
	const ceiling = Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt);
	return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** A body that is not the vendor's JSON (text or bytes where an object was expected). */
const unreadable = (body: unknown) => typeof body === 'string' || Buffer.isBuffer(body);

function header(response: IN8nHttpFullResponse, name: string): string | undefined {
	const value = (response.headers as IDataObject | undefined)?.[name];
	return value === undefined ? undefined : String(value);
}

/** Values that must never leave the node: whatever the credential put into the request. */
function secretsOf(request: IHttpRequestOptions): string[] {
	const secrets: string[] = [];
	const sensitive = /pass|secret|token|key|session|sha512|signature|auth|lickey/i;
	const collect = (source: unknown) => {
		if (!source || typeof source !== 'object') return;
		for (const [name, value] of Object.entries(source as IDataObject)) {
			// IDs (`session_id`, `tokenId`) and numbers are data, not secrets: masking them would garble vendor messages
			if (sensitive.test(name) && !/_id$|Id$/.test(name) && typeof value === 'string') {
				const text = String(value).replace(/^Bearer\s+/i, '');
				if (text.length >= 4) secrets.push(text);
			}
		}
	};
	collect(request.qs);
	collect(request.headers);
	collect(request.body);
	return secrets;
}

/**
 * A vendor's error as n8n's NodeApiError, with the vendor's own words kept: the message (plus ` [code]`), the
 * description and the HTTP status, every given secret scrubbed out.
 */
export function vendorApiError(ctx: RequestContext, error: VendorError, itemIndex?: number, secrets: string[] = []): NodeApiError {
	const message = `${scrub(error.message, secrets)}${error.code === undefined ? '' : ` [${String(error.code)}]`}`;
	// no `code` in the body: NodeApiError would take a vendor code for an HTTP status
	const body: JsonObject = { message: scrub(error.message, secrets) };
	const failure = new NodeApiError(ctx.getNode(), body, {
		message,
		description: error.description === undefined ? undefined : scrub(error.description, secrets),
		httpCode: error.httpCode === undefined ? undefined : String(error.httpCode),
		itemIndex,
	});
	// NodeApiError swaps messages that mention ENOTFOUND, ECONNRESET … (even inside RESOURCENOTFOUND) for generic text
	failure.message = message;
	if (error.code !== undefined) failure.context.vendorCode = String(error.code);
	return failure;
}

function apiError(ctx: RequestContext, error: VendorError, request: IHttpRequestOptions, itemIndex?: number): NodeApiError {
	return vendorApiError(ctx, error, itemIndex, secretsOf(request));
}

/**
 * The one request loop of the pack: sends through n8n's `httpRequestWithAuthentication` (the credential logs in and
 * caches the session), renews a session the vendor rejected once, repeats transient failures only where that is
 * safe, and turns vendor errors into `NodeApiError`s with the vendor's message and no secrets.
 */
/** The node's "Request Options" (retry limit, timeout) where the node has them: action nodes, per item. */
function userSettings(ctx: RequestContext, itemIndex = 0): { retryLimit?: number; timeout?: number } {
	if (!('getInputData' in ctx)) return {};
	const settings = ctx.getNodeParameter('requestOptions', itemIndex, {}) as IDataObject;
	const number = (value: unknown) => (value === undefined || value === '' || !Number.isFinite(Number(value)) ? undefined : Number(value));
	return { retryLimit: number(settings.retryLimit), timeout: number(settings.timeout) };
}

/** One pause shared by every item of a node run: when the vendor says "too many requests", the whole batch waits. */
const pauses = new WeakMap<object, { until: number; since: number }>();
/** 429s met while another item had already paused the batch: waited out, not counted against the Retry Limit, up to this many. */
const MAX_COLLATERAL_429 = 10;

/** A session renewal under way in this node run: items that meet the same dead session wait for it instead of logging in too. */
const renewals = new WeakMap<object, Promise<void>>();

function pauseOf(ctx: RequestContext): { until: number; since: number } {
	let pause = pauses.get(ctx);
	if (!pause) pauses.set(ctx, (pause = { until: 0, since: 0 }));
	return pause;
}

export async function sendWithSession(
	ctx: RequestContext,
	protocol: VendorProtocol,
	build: () => IHttpRequestOptions,
	options: SendOptions,
): Promise<IN8nHttpFullResponse> {
	const settings = userSettings(ctx, options.itemIndex);
	const maxRetries = Math.max(0, Math.floor(options.maxRetries ?? settings.retryLimit ?? DEFAULT_MAX_RETRIES));
	const pause = pauseOf(ctx);
	let previous: IHttpRequestOptions | undefined;
	let renewed = false;
	let waited = false;
	let collateral = 0;
	let finishRenewal: (() => void) | undefined;
	const endRenewal = () => {
		if (!finishRenewal) return;
		renewals.delete(ctx);
		finishRenewal();
		finishRenewal = undefined;
	};
	for (let attempt = 0; ; attempt++) {
		const waitMs = pause.until - Date.now();
		if (waitMs > 0) await sleep(waitMs);
		const sentAt = Date.now();
		const built = build();
		const request: IHttpRequestOptions = {
			...built,
			timeout: settings.timeout ?? built.timeout ?? options.timeout ?? DEFAULT_TIMEOUT_MS,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		if (previous) markStale(request, previous);
		previous = undefined;

		let response: IN8nHttpFullResponse;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				protocol.credentialType,
				request,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			endRenewal();
			const networkCode = networkCodeOf(error);
			const safeToRepeat = networkCode !== undefined && (options.idempotent || NEVER_SENT.has(networkCode));
			if (safeToRepeat && attempt < maxRetries) {
				await sleep(backoffMs(attempt));
				continue;
			}
			if (networkCode !== undefined && !options.idempotent && MAY_HAVE_ARRIVED.has(networkCode)) {
				throw apiError(
					ctx,
					{
						// no network code in the message: NodeApiError swaps messages naming ECONNRESET & co. for its generic "retry" text
						message: 'The connection broke after the request was sent: the change may or may not have been made',
						description: `${networkCode}: this write is not repeated automatically because repeating it could make it twice. Check in the app whether it happened before running the item again.`,
					},
					request,
					options.itemIndex,
				);
			}
			const message = String((error as Error).message ?? error);
			const description = (error as { description?: unknown }).description;
			throw apiError(
				ctx,
				{
					message: networkCode ? `${message} (${networkCode})` : message,
					description: typeof description === 'string' ? description : undefined,
					httpCode: Number((error as { httpCode?: unknown }).httpCode) || undefined,
				},
				request,
				options.itemIndex,
			);
		}

		endRenewal();

		if (!renewed && protocol.isSessionExpired(response)) {
			const underWay = renewals.get(ctx);
			if (underWay && !waited) {
				// another item is logging in again: retry with the session it stores
				waited = true;
				await underWay;
				attempt--;
				continue;
			}
			renewed = true;
			previous = request;
			renewals.set(ctx, new Promise<void>((resolve) => (finishRenewal = resolve)));
			attempt--;
			continue;
		}

		const status = response.statusCode;
		const transient = status === 429 || status === 502 || status === 503 || status === 504 || status === 500;
		// A 429 is refused before any work, so even non-idempotent writes may repeat it.
		if (transient && (options.idempotent || status === 429) && attempt < maxRetries) {
			const retryAfter = header(response, 'retry-after');
			const delayMs = backoffMs(attempt, retryAfter);
			if (status === 429 || retryAfter !== undefined) {
				// sent before another item paused the batch: a casualty of that pause, not a failure of this item
				if (status === 429 && pause.since >= sentAt && collateral < MAX_COLLATERAL_429) {
					collateral++;
					attempt--;
				}
				// the vendor is overloaded: every item of this run waits, not just this one
				if (Date.now() + delayMs > pause.until) {
					pause.until = Date.now() + delayMs;
					if (pause.since < sentAt) pause.since = Date.now();
				}
			} else {
				await sleep(delayMs);
			}
			continue;
		}

		const vendorError = protocol.errorOf(response);
		if (vendorError) {
			if (protocol.isSessionExpired(response)) {
				vendorError.description = 'The vendor rejected a freshly renewed session. Check the credential.';
			} else if (transient && !options.idempotent && status !== 429) {
				vendorError.description =
					'The vendor failed while handling this write: it may or may not have been made. It is not repeated automatically; check in the app before running the item again.';
			} else if (!options.idempotent && status < 400 && unreadable(response.body)) {
				// something answered the write with a page we cannot read (a proxy, a truncated body): it may have happened
				vendorError.description = `${vendorError.description ? `${vendorError.description} ` : ''}The answer could not be read, so this write may or may not have been made. It is not repeated automatically; check in the app before running the item again.`;
			}
			throw apiError(ctx, { httpCode: status, ...vendorError }, request, options.itemIndex);
		}
		return response;
	}
}
