import { NodeApiError, type IDataObject, type IExecuteFunctions, type IHttpRequestOptions, type IN8nHttpFullResponse } from 'n8n-workflow';

import { collectPages } from '../shared/paging';
import { scrub } from '../shared/scrub';
import { sendWithSession, vendorApiError, type RequestContext, type VendorError, type VendorProtocol } from '../shared/transport';
import { SALON_CALL, SIMPLE_SALON_USER_AGENT, endSalonSession, simpleSalonLoginUrl, takeLoginNotice, type SalonCallMarks } from './session';

/*
 * The only code that knows how Simple Salon talks: every method is a JSON POST to `<api_url>/v1/<method>` (the
 * credential supplies api_url, the Bearer token and the headers), every answer carries `success`, and errors are a
 * Message `{ code, message, details }`. The docs' Errors section is missing, so codes are read loosely.
 */

/** Largest page the node asks for. The docs name no maximum (examples use 10); 100 is what the emulator serves. */
export const SALON_PAGE_SIZE = 100;

/** Ways of saying "this login token is no good" inside a `success:false` body (a 401 says it by itself). */
const TOKEN_GONE = /^(TOKEN(EXPIRED|INVALID|MISSING|REVOKED)|(EXPIRED|INVALID)TOKEN|LOGIN(EXPIRED|REQUIRED)|NOTLOGGEDIN|UNAUTHORI[SZ]ED)$/i;

interface Message {
	code?: unknown;
	message?: unknown;
	details?: unknown;
}

interface Envelope extends Message {
	success?: unknown;
	error?: Message | string;
	errors?: Message[];
	warnings?: Message[];
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
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as Envelope) : undefined;
}

/** The error Message of a reply: `error` as documented for Message fields, else `errors[0]`, else flat fields. */
function messageOf(reply: Envelope): Message {
	if (typeof reply.error === 'string') return { message: reply.error };
	if (reply.error && typeof reply.error === 'object') return reply.error;
	if (Array.isArray(reply.errors) && reply.errors[0]) return reply.errors[0];
	if (reply.message === undefined && Array.isArray(reply.warnings) && reply.warnings[0]) return reply.warnings[0];
	return { code: reply.code, message: reply.message, details: reply.details };
}

function vendorError(message: Message, fallback: string, httpCode?: number): VendorError {
	const details = Array.isArray(message.details) ? message.details.map(String).filter((d) => d !== '') : [];
	return {
		message: typeof message.message === 'string' && message.message !== '' ? message.message : fallback,
		code: message.code === undefined || message.code === '' ? undefined : String(message.code),
		description: details.length > 0 ? `Details: ${details.join('; ')}` : undefined,
		httpCode,
	};
}

export const simpleSalonProtocol: VendorProtocol = {
	credentialType: 'simpleSalonApi',
	isSessionExpired(response) {
		if (response.statusCode === 401) return true;
		const reply = envelope(response);
		return reply?.success === false && TOKEN_GONE.test(String(messageOf(reply).code ?? ''));
	},
	errorOf(response): VendorError | undefined {
		const reply = envelope(response);
		if (response.statusCode >= 400) {
			return vendorError(reply ? messageOf(reply) : {}, `Simple Salon answered HTTP ${response.statusCode}`, response.statusCode);
		}
		if (!reply) return { message: 'Simple Salon sent a response that is not JSON', httpCode: response.statusCode };
		if (reply.success === true) return undefined;
		return vendorError(messageOf(reply), 'Simple Salon reported an error without a message');
	},
};

export interface SalonCall {
	/** The method path after /v1/, e.g. `client/get`. */
	method: string;
	body: IDataObject;
	/** Whether repeating the call after a failure is harmless. */
	idempotent: boolean;
	itemIndex?: number;
	/** The method takes the login token in the body, not in the Authorization header (`switch`, `logout`). */
	tokenInBody?: boolean;
	/** The login token the call was made with is dead once it succeeds (`switch`, `logout`): the next request logs in. */
	endsSession?: boolean;	/** Extra request headers (e.g. `X-Online-Booking-Client-Token`); header values named like secrets never reach an error. */
	headers?: Record<string, string>;
}

/**
 * One API method with the cached login token; returns the whole success envelope (`success`, the data, `warnings`).
 * A `login_notice` that came with the token ("should be displayed directly to the user") is shown once, on the first
 * successful call of an action node made with that token: as a hint in n8n's output pane and in the `warnings`.
 */
export async function salonRequest<T extends IDataObject = IDataObject>(ctx: RequestContext, call: SalonCall): Promise<T> {
	const marks: SalonCallMarks = { tokenInBody: call.tokenInBody };
	const response = await sendWithSession(
		ctx,
		simpleSalonProtocol,
		() =>
			({
				method: 'POST',
				url: `/v1/${call.method}`,
				body: { ...call.body },
				json: true,
				...(call.headers ? { headers: { ...call.headers } } : {}),
				[SALON_CALL]: marks,
			}) as IHttpRequestOptions,
		{ idempotent: call.idempotent, itemIndex: call.itemIndex },
	);
	const reply = envelope(response) as T;
	if (call.endsSession) endSalonSession(marks.sessionUsed);
	if (typeof (ctx as Partial<IExecuteFunctions>).addExecutionHints === 'function') {
		const notice = takeLoginNotice(marks.sessionUsed);
		if (notice) {
			(ctx as IExecuteFunctions).addExecutionHints({ type: 'warning', location: 'outputPane', message: `Simple Salon login notice: ${notice.message}` });
			const warnings = Array.isArray(reply.warnings) ? (reply.warnings as IDataObject[]) : [];
			(reply as IDataObject).warnings = [...warnings, { ...notice, login_notice: true }];
		}
	}
	return reply;
}

/**
 * `GET /v1/version` on the login host (the one method that is not a POST to the api_url, and needs no login: the
 * docs' example sends no token). The reply is the envelope (`success`, `build`, `version`).
 */
export async function salonVersion(ctx: IExecuteFunctions, itemIndex?: number): Promise<IDataObject> {
	const credentials = await ctx.getCredentials(simpleSalonProtocol.credentialType, itemIndex);
	const base = simpleSalonLoginUrl(credentials);
	return await salonPlainRequest(ctx, { method: 'GET', url: `${base}/v1/version` }, itemIndex);
}

/**
 * Logs out a token the node got but does not keep (the one Switch Operator answers): `POST {api_url}/v1/logout`
 * straight to its own api_url. Best effort: a token left over simply expires.
 */
export async function salonDiscardSession(ctx: IExecuteFunctions, apiUrl: unknown, token: unknown): Promise<boolean> {
	if (typeof token !== 'string' || token === '' || typeof apiUrl !== 'string' || !/^https?:\/\/[^/]/i.test(apiUrl.trim())) return false;
	try {
		await salonPlainRequest(ctx, { method: 'POST', url: `${apiUrl.trim().replace(/\/+$/, '')}/v1/logout`, body: { token } });
		return true;
	} catch {
		return false;
	}
}

/** A request without the credential's login token; vendor errors become NodeApiErrors with no secret in them. */
async function salonPlainRequest(ctx: IExecuteFunctions, request: IHttpRequestOptions, itemIndex?: number): Promise<IDataObject> {
	const secrets = typeof (request.body as IDataObject | undefined)?.token === 'string' ? [String((request.body as IDataObject).token)] : [];
	let response: IN8nHttpFullResponse;
	try {
		response = (await ctx.helpers.httpRequest({
			...request,
			headers: { 'User-Agent': SIMPLE_SALON_USER_AGENT, ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 60_000,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		throw new NodeApiError(ctx.getNode(), { message: scrub(String((error as Error).message ?? error), secrets) }, { itemIndex });
	}
	const problem = simpleSalonProtocol.errorOf(response);
	if (problem) throw vendorApiError(ctx, problem, itemIndex, secrets);
	return (envelope(response) ?? {}) as IDataObject;
}

/**
 * A list method paged with `options.page_number` / `options.rows_per_page` until `wanted` rows are in. The page size
 * stays the same on every page (page numbers only line up that way); if the server answers a smaller
 * `rows_per_page` than asked, that one is used from then on. There is no "more" flag: a short page is the last.
 */
export async function salonList(
	ctx: RequestContext,
	call: SalonCall & { listKey: string; wanted: number },
): Promise<IDataObject[]> {
	let pageSize = Number.isFinite(call.wanted) ? Math.max(1, Math.min(SALON_PAGE_SIZE, call.wanted)) : SALON_PAGE_SIZE;
	let offset = 0;
	return await collectPages<IDataObject>(call.wanted, SALON_PAGE_SIZE, async () => {
		const options = (call.body.options as IDataObject | undefined) ?? {};
		// Ask for the page that starts at the next row, whatever size the server settled on.
		const pageNumber = Math.floor(offset / pageSize) + 1;
		const reply = await salonRequest(ctx, {
			...call,
			body: { ...call.body, options: { ...options, page_number: pageNumber, rows_per_page: pageSize } },
		});
		const rows = Array.isArray(reply[call.listKey]) ? (reply[call.listKey] as IDataObject[]) : [];
		const served = Number(reply.rows_per_page);
		if (Number.isInteger(served) && served > 0 && served < pageSize && offset === 0) pageSize = served;
		offset += rows.length;
		return { items: rows, more: rows.length >= pageSize };
	});
}
