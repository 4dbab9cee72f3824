import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper, IN8nHttpFullResponse } from 'n8n-workflow';

import { fingerprint, sessionBinding } from '../shared/session';

/*
 * The life of a Simple Salon login token (docs §Authentication, notes §1.3), shared by the credential and the transport.
 *
 * The credential keeps the token, its api_url and expiry in hidden fields. When n8n asks it to renew (no token yet, a
 * 401, the announced expiry passed, or the transport saw the token refused), `renewSalonSession` first tries
 * `POST {api_url}/v1/refresh {token}` — which kills the old token and may name a new api_url — and logs in again only
 * when that fails. Renewal is single-flight per process: every caller holding the same old token awaits the one
 * renewal started for it, and a renewal that already finished is remembered for a while, so a late caller with the
 * dead token gets the new one instead of refreshing (or logging in) a second time.
 */

/** Where login happens; the API then names its own host (`api_url`, usually https://apiN.simplesalon.com). */
export const SIMPLE_SALON_LOGIN_URLS: Record<string, string> = {
	production: 'https://api.simplesalon.com',
	sandbox: 'https://sandbox-api.simplesalon.com',
};

/** Sent on every request: the docs ask for "a description of the software and version you are using". */
export const SIMPLE_SALON_USER_AGENT = 'n8n-nodes-business-pack/0.1 (n8n)';

/** The fields a cached login token was made from: a token outlives none of them. */
export const SIMPLE_SALON_LOGIN_FIELDS = ['environment', 'customUrl', 'partnerToken', 'companyToken', 'companyId', 'username', 'password'];

export function simpleSalonLoginUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'production');
	const url = environment === 'custom' ? String(credentials.customUrl ?? '') : SIMPLE_SALON_LOGIN_URLS[environment] ?? '';
	return url.trim().replace(/\/+$/, '').replace(/\/v1(\/login)?$/i, '');
}

/**
 * Set by the transport on a request (a symbol key, so it never reaches the wire): `tokenInBody` for the methods that
 * carry the login token in the body (switch, logout); `authenticate` notes there which token the request went with
 * (a one-way key, for the login notice and for ending the session after Log Out / Switch Operator).
 */
export const SALON_CALL = Symbol.for('n8n-nodes-business-pack.simpleSalonCall');

export interface SalonCallMarks {
	tokenInBody?: boolean;
	sessionUsed?: string;
}

/** The vendor's Message, e.g. a `login_notice` ("should be displayed directly to the user"). */
export interface SalonMessage {
	code?: string;
	message: string;
	details?: string[];
}

export interface SalonSession {
	token: string;
	apiUrl: string;
	/** UTC expiry as the API sent it; '' when unknown or already past on our clock (then the API's refusals decide). */
	expiry: string;
	notice?: SalonMessage;
}

interface TokenReply {
	success?: unknown;
	token?: unknown;
	api_url?: unknown;
	expiry?: unknown;
	login_notice?: unknown;
	error?: { code?: unknown; message?: unknown } | string;
	code?: unknown;
	message?: unknown;
}

/** A short one-way key for a token: tokens are never kept in clear outside the credential and the renewal in flight. */
export const tokenKey = (token: string) => fingerprint('simple-salon-token', token);

/** How long a finished renewal is remembered for callers that still hold the token it replaced. */
const RENEWAL_MEMORY_MS = 15 * 60 * 1000;
/** How long a token ended by Log Out / Switch Operator is remembered as dead. */
const ENDED_MEMORY_MS = 24 * 60 * 60 * 1000;
/** Pending login notices older than this are dropped unread. */
const NOTICE_MEMORY_MS = 60 * 60 * 1000;
const MAX_REMEMBERED = 1000;
/** Renewals followed in one call (a remembered result may itself have been renewed or ended since). */
const MAX_HOPS = 4;

interface Renewal {
	promise: Promise<SalonSession>;
	settledAt?: number;
}

/** Old token key (or '' + binding for a first login) → the renewal started for it. */
const renewals = new Map<string, Renewal>();
/** Token key → when it was ended (logged out, or switched away from). */
const ended = new Map<string, number>();
/** Token key → the login notice that came with it, until a request made with that token shows it. */
const notices = new Map<string, { notice: SalonMessage; at: number }>();

function prune(): void {
	const now = Date.now();
	for (const [key, renewal] of renewals) {
		if (renewal.settledAt !== undefined && now - renewal.settledAt > RENEWAL_MEMORY_MS) renewals.delete(key);
	}
	for (const [key, at] of ended) if (now - at > ENDED_MEMORY_MS) ended.delete(key);
	for (const [key, entry] of notices) if (now - entry.at > NOTICE_MEMORY_MS) notices.delete(key);
	for (const map of [renewals, ended, notices] as Array<Map<string, unknown>>) {
		// oldest first: Maps keep insertion order
		for (const key of map.keys()) {
			if (map.size <= MAX_REMEMBERED) break;
			map.delete(key);
		}
	}
}

/** Marks a token dead (Log Out, Switch Operator): the next request renews by logging in, without trying it first. */
export function endSalonSession(key: string | undefined): void {
	if (key === undefined) return;
	ended.set(key, Date.now());
	prune();
}

/** Whether this process already knows the token is dead: ended, or replaced by a refresh (done or in flight). */
export function isSalonSessionSuperseded(token: string): boolean {
	const key = tokenKey(token);
	return ended.has(key) || renewals.has(key);
}

/** The login notice that came with this token, once: the first request made with the token takes it. */
export function takeLoginNotice(key: string | undefined): SalonMessage | undefined {
	if (key === undefined) return undefined;
	const entry = notices.get(key);
	if (!entry) return undefined;
	notices.delete(key);
	return entry.notice;
}

function messageOf(value: unknown): SalonMessage | undefined {
	if (typeof value === 'string' && value.trim() !== '') return { message: value.trim() };
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const m = value as IDataObject;
	if (typeof m.message !== 'string' || m.message === '') return undefined;
	const details = Array.isArray(m.details) ? m.details.map(String).filter((d) => d !== '') : [];
	return { ...(m.code === undefined || m.code === '' ? {} : { code: String(m.code) }), message: m.message, ...(details.length ? { details } : {}) };
}

function cleanUrl(url: string): string {
	return url.trim().replace(/\/+$/, '');
}

/** The session a token reply carries, or undefined when it is not a success with a token and an http(s) api_url. */
function sessionOf(reply: TokenReply): SalonSession | undefined {
	const { token, api_url: apiUrl, expiry } = reply;
	if (reply.success !== true || typeof token !== 'string' || token === '' || typeof apiUrl !== 'string' || !/^https?:\/\/[^/]/i.test(apiUrl.trim())) {
		return undefined;
	}
	// An expiry already past on our clock means the clocks disagree: then rely on the API's refusals alone.
	const at = typeof expiry === 'string' ? Date.parse(expiry) : NaN;
	const notice = messageOf(reply.login_notice);
	return {
		token,
		apiUrl: cleanUrl(apiUrl),
		expiry: Number.isFinite(at) && at > Date.now() ? String(expiry) : '',
		...(notice ? { notice } : {}),
	};
}

function replyOf(response: IN8nHttpFullResponse): TokenReply {
	let body = response.body as unknown;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			body = undefined;
		}
	}
	return (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as TokenReply;
}

type Helpers = IHttpRequestHelper['helpers'];

/** POST /v1/login on the login host with the partner and company tokens. */
async function login(helpers: Helpers, credentials: ICredentialDataDecryptedObject): Promise<SalonSession> {
	const base = simpleSalonLoginUrl(credentials);
	if (!/^https?:\/\/[^/]/i.test(base)) throw new Error('Simple Salon login failed: the Custom URL is not an http(s) address');
	const companyId = Number(credentials.companyId);
	if (!Number.isInteger(companyId) || companyId <= 0) throw new Error('Simple Salon login failed: the Company ID must be a whole number');
	const response = (await helpers.httpRequest({
		method: 'POST',
		url: `${base}/v1/login`,
		headers: {
			'Content-Type': 'application/json',
			'User-Agent': SIMPLE_SALON_USER_AGENT,
			'X-Partner-Token': String(credentials.partnerToken ?? ''),
			'X-Company-Token': String(credentials.companyToken ?? ''),
		},
		body: { username: String(credentials.username ?? ''), password: String(credentials.password ?? ''), company_id: companyId },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as IN8nHttpFullResponse;
	const reply = replyOf(response);
	const session = sessionOf(reply);
	if (session) return session;
	// The Errors section of the docs is missing: read the Message from `error`, or flat code/message.
	const error = typeof reply.error === 'string' ? { message: reply.error } : reply.error;
	const message = String(error?.message ?? reply.message ?? `HTTP ${response.statusCode}`);
	const code = error && 'code' in error ? error.code : reply.code;
	throw new Error(
		`Simple Salon login failed: ${message}${code === undefined ? '' : ` [${String(code)}]`}. Check the partner token, company token, company ID, username and password, and that API access for this partner is enabled in Simple Salon (Account → Actions → API Settings).`,
	);
}

/** POST {api_url}/v1/refresh {token}: the new session, or undefined when the API would not refresh (then log in). */
async function refresh(helpers: Helpers, old: SalonSession): Promise<SalonSession | undefined> {
	try {
		const response = (await helpers.httpRequest({
			method: 'POST',
			url: `${old.apiUrl}/v1/refresh`,
			// the docs' example sends the token in the body and no Authorization header
			headers: { 'Content-Type': 'application/json', 'User-Agent': SIMPLE_SALON_USER_AGENT },
			body: { token: old.token },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 60_000,
		})) as IN8nHttpFullResponse;
		return sessionOf(replyOf(response));
	} catch {
		// Even a refresh that got no answer may have killed the old token: a new login is the safe way on.
		return undefined;
	}
}

function usable(session: SalonSession): boolean {
	if (isSalonSessionSuperseded(session.token)) return false;
	const at = Date.parse(session.expiry);
	return !Number.isFinite(at) || at > Date.now();
}

/** Starts the renewal of `old` (refresh, else login), or of nothing (login), under `key`, for every caller to share. */
function startRenewal(key: string, helpers: Helpers, credentials: ICredentialDataDecryptedObject, old: SalonSession | undefined): Renewal {
	const renewal: Renewal = {
		promise: (async () => {
			const fresh = (old && old.apiUrl !== '' && !ended.has(tokenKey(old.token)) ? await refresh(helpers, old) : undefined) ?? (await login(helpers, credentials));
			if (fresh.notice) notices.set(tokenKey(fresh.token), { notice: fresh.notice, at: Date.now() });
			return fresh;
		})(),
	};
	renewals.set(key, renewal);
	renewal.promise.then(
		() => {
			renewal.settledAt = Date.now();
			// A first login is not remembered: later callers without a token simply log in themselves.
			if (old === undefined) renewals.delete(key);
			prune();
		},
		() => {
			if (renewals.get(key) === renewal) renewals.delete(key);
		},
	);
	return renewal;
}

/**
 * A usable session for these credentials, replacing the one they hold: refresh it (once per process, however many
 * callers hold it), else log in. A login-field edit since the token was made means a new login, never a refresh.
 */
export async function renewSalonSession(helpers: Helpers, credentials: ICredentialDataDecryptedObject): Promise<SalonSession> {
	prune();
	const binding = sessionBinding(credentials, SIMPLE_SALON_LOGIN_FIELDS);
	const stored = String(credentials.sessionToken ?? '');
	let current: SalonSession | undefined =
		stored !== '' && credentials.sessionBinding === binding
			? { token: stored, apiUrl: cleanUrl(String(credentials.sessionApiUrl ?? '')), expiry: String(credentials.sessionExpiry ?? '') }
			: undefined;
	for (let hop = 0; hop < MAX_HOPS; hop++) {
		const key = current ? tokenKey(current.token) : fingerprint('simple-salon-login', binding);
		const renewal = renewals.get(key) ?? startRenewal(key, helpers, credentials, current);
		const next = await renewal.promise;
		if (usable(next)) return next;
		// remembered from earlier and replaced or ended since: renew that one in turn
		current = next;
	}
	throw new Error('Simple Salon: the login token kept being replaced while renewing it; run the node again');
}

/** The credential fields that hold a session. */
export function sessionFields(session: SalonSession, credentials: ICredentialDataDecryptedObject): IDataObject {
	return {
		sessionToken: session.token,
		sessionApiUrl: session.apiUrl,
		sessionExpiry: session.expiry,
		sessionBinding: sessionBinding(credentials, SIMPLE_SALON_LOGIN_FIELDS),
	};
}
