import { crypto, now } from 'business-pack-devkit';

import { Emulator, type EmulatorRequest, type EmulatorResponse, type Route } from '../shared/emulator';
import type { VendorEmulator, VendorEmulatorOptions } from '../shared/types';
import { AREAS } from './areas';
import { fail, ok, parse, type MethodCall, type MethodHandler } from './areas/types';
import * as schema from './schemas';
import {
	COMPANY_ID,
	FIRST_CLIENT_ID,
	OPERATORS,
	SERVICES,
	seedAppointments,
	seedClients,
	type SalonAppointment,
	type SalonClient,
	type SalonOperator,
} from './seed';

/*
 * Simple Salon API emulator. Everything is POST + JSON. Login happens on the environment's base URL
 * (`/v1/login`, with X-Partner-Token and X-Company-Token) and answers an `api_url`; every other method lives only
 * under that api_url (here `<emulator>/api1`, standing in for https://apiN.simplesalon.com) and wants
 * `Authorization: Bearer <token>`. Errors use the vendor envelope `{ success: false, error: Message }` on HTTP 200;
 * a missing, unknown or expired login token answers HTTP 401 with the same envelope (configurable).
 */

export interface SimpleSalonEmulatorOptions extends VendorEmulatorOptions {
	/** HTTP status for a missing, unknown or expired login token (default 401; 200 = only `success:false` in the body). */
	tokenErrorStatus?: 200 | 401;
	/** Largest rows_per_page served; larger requests are cut to it and the response says so (default 100). */
	maxRowsPerPage?: number;
	/** How long an expired token can still be refreshed (default 24 h: "not used in a long time" needs a new login). */
	refreshGraceMs?: number;
}

export interface SalonSession {
	token: string;
	operatorId: number;
	companyId: number;
	/** Path prefix of the api_url this token was issued for; the token works only there. */
	apiPrefix: string;
	expiresAt: number;
	revoked: boolean;
}

export interface SimpleSalonState {
	partnerToken: string;
	signingKey: string;
	companyId: number;
	clients: Map<number, SalonClient>;
	appointments: SalonAppointment[];
	operators: SalonOperator[];
	/** The services the salon offers (shared: appointments, POS and the service area all read them). */
	services: Array<(typeof SERVICES)[number] & Record<string, unknown>>;
	sessions: Map<string, SalonSession>;
	nextClientId: number;
	/** Path prefix of the api_url handed out by login and refresh; change it to make the company "move" host. */
	apiPrefix: string;
	/** A Message to return as `login_notice` on login, if any. */
	loginNotice?: { code: string; message: string; details: string[] };
	/** What happened to login tokens, for tests: a renewal must refresh once, not log in again. */
	counters: { logins: number; failedLogins: number; refreshes: number; failedRefreshes: number; switches: number; logouts: number; tokenRejections: number };
}

export type SimpleSalonEmulator = VendorEmulator<SimpleSalonState> & {
	/** The Company Token the partner would compute: lowercase hex HMAC-SHA256(signing key, "<partner>-<company>"). */
	companyToken(partnerToken?: string, companyId?: number): string;
};

/** The emulator's partner identity (test fixtures, not secrets). */
export const EMULATOR_PARTNER = { partner: 'PARTNER-EMU-7f3a91', signingKey: 'emulator-signing-key-qwerty' };
export const DEFAULT_SEED_COUNT = 320;
export { DEFAULT_ROWS_PER_PAGE } from './areas/types';
const API_PREFIX = '/api1';
const NO_COUNTS: SimpleSalonState['counters'] = { logins: 0, failedLogins: 0, refreshes: 0, failedRefreshes: 0, switches: 0, logouts: 0, tokenRejections: 0 };
/** What GET /v1/version answers (the docs: `build` "x.y.z", `version` "1.0"). */
export const EMULATOR_VERSION = { build: '4.12.7', version: '1.0' };


function utcExpiry(ms: number): string {
	return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}+00:00`;
}

/** Company-local wall clock (`YYYY-MM-DDTHH:MM:SS`) of a date input; the offset is ignored, as documented. */
export function wallClock(value: string): string | undefined {
	const m = schema.DATE_PATTERN.exec(value.trim());
	if (!m) return undefined;
	const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
	const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
	if (probe.getUTCMonth() !== Number(mo) - 1 || probe.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59) {
		return undefined;
	}
	return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

/** "only select Operator fields are included" (the docs' example shows them as an array; it is an object). */
function operatorOut(o: SalonOperator): Record<string, unknown> {
	return {
		company_id: o.company_id,
		display_name: o.display_name,
		firstname: o.firstname,
		lastname: o.lastname,
		operator_id: o.operator_id,
		role_id: o.role_id,
		username: o.username,
	};
}

/** `/v1/<method>` on the login host, `/<prefix>/v1/<method>` on an api_url host. */
function splitPath(path: string): { prefix: string; method: string } | undefined {
	const m = /^(\/[^/]+)?\/v1\/(.+?)\/?$/.exec(path);
	if (!m || m[1] === '/v1') return undefined;
	return { prefix: m[1] ?? '', method: m[2] };
}

export function createSimpleSalonEmulator(options: SimpleSalonEmulatorOptions = {}): SimpleSalonEmulator {
	const ttl = options.sessionTtlMs ?? 60 * 60 * 1000;
	const seedCount = options.seedCount ?? DEFAULT_SEED_COUNT;
	const maxRows = options.maxRowsPerPage ?? 100;
	const refreshGrace = options.refreshGraceMs ?? 24 * 60 * 60 * 1000;
	const tokenStatus = options.tokenErrorStatus ?? 401;

	const state: SimpleSalonState = {
		partnerToken: EMULATOR_PARTNER.partner,
		signingKey: EMULATOR_PARTNER.signingKey,
		companyId: COMPANY_ID,
		clients: new Map(),
		appointments: [],
		operators: OPERATORS.map((o) => ({ ...o })),
		services: SERVICES.map((service) => ({ ...service })),
		sessions: new Map(),
		nextClientId: FIRST_CLIENT_ID,
		apiPrefix: API_PREFIX,
		counters: { ...NO_COUNTS },
	};

	function seed() {
		state.clients = new Map(seedClients(seedCount).map((c) => [c.client_id, c]));
		state.appointments = seedAppointments(seedCount);
		state.operators = OPERATORS.map((o) => ({ ...o }));
		state.services = SERVICES.map((service) => ({ ...service }));
		state.sessions.clear();
		state.nextClientId = FIRST_CLIENT_ID + seedCount;
		state.apiPrefix = API_PREFIX;
		state.loginNotice = undefined;
		state.counters = { ...NO_COUNTS };
		for (const area of areas) area.reset?.();
	}
	const areas = AREAS.map((area) => area({ state, maxRows, baseUrl: () => emulator.url, now }));
	seed();

	const companyToken = (partnerToken = state.partnerToken, companyId = state.companyId) =>
		crypto.createHmac('sha256', state.signingKey).update(`${partnerToken}-${companyId}`, 'utf8').digest('hex');

	function issue(operator: SalonOperator): SalonSession {
		const session: SalonSession = {
			token: crypto.randomBytes(20).toString('hex'),
			operatorId: operator.operator_id,
			companyId: operator.company_id,
			apiPrefix: state.apiPrefix,
			expiresAt: now() + ttl,
			revoked: false,
		};
		state.sessions.set(session.token, session);
		return session;
	}

	function tokenReply(session: SalonSession, extra: object = {}): EmulatorResponse {
		return ok({
			api_url: `${emulator.url}${session.apiPrefix}`,
			expiry: utcExpiry(session.expiresAt),
			token: session.token,
			...extra,
		});
	}

	function tokenError(code: string, message: string): EmulatorResponse {
		state.counters.tokenRejections++;
		return fail(code, message, [], tokenStatus);
	}

	/** POST with a JSON object body (an empty body counts as `{}`), or the vendor's refusal. */
	function jsonBody(req: EmulatorRequest): { body: Record<string, unknown> } | { error: EmulatorResponse } {
		if (req.method !== 'POST') return { error: fail('METHODNOTALLOWED', `Use POST for ${req.path}`, [], 405) };
		if (req.rawBody.length === 0) return { body: {} };
		if (!/^application\/json\b/i.test(req.contentType)) {
			return { error: fail('INVALIDREQUEST', 'Content-Type must be application/json', ['Content-Type'], 400) };
		}
		if (req.bodyError !== undefined) return { error: fail('INVALIDJSON', `The request body is not valid JSON: ${req.bodyError}`, [], 400) };
		if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
			return { error: fail('INVALIDREQUEST', 'The request body must be a JSON object', [], 400) };
		}
		return { body: req.body as Record<string, unknown> };
	}

	function authorise(req: EmulatorRequest, prefix: string): { session: SalonSession } | { error: EmulatorResponse } {
		const header = req.headers.authorization ?? '';
		const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
		if (!m) return { error: tokenError('TOKENMISSING', 'Authorization: Bearer <login token> is required') };
		const session = state.sessions.get(m[1]);
		if (!session || session.revoked) return { error: tokenError('TOKENINVALID', 'The login token is not valid') };
		if (session.apiPrefix !== prefix) {
			return { error: tokenError('TOKENINVALID', 'The login token is not valid for this API URL; use the api_url returned with it') };
		}
		if (now() >= session.expiresAt) {
			return { error: tokenError('TOKENEXPIRED', 'The login token has expired; refresh it or log in again') };
		}
		return { session };
	}

	const login = (req: EmulatorRequest): EmulatorResponse => {
		const parsedBody = jsonBody(req);
		if ('error' in parsedBody) return parsedBody.error;
		const refuse = (code: string, message: string, details: string[] = []) => {
			state.counters.failedLogins++;
			return fail(code, message, details);
		};
		for (const name of ['user-agent', 'x-partner-token', 'x-company-token']) {
			if (!req.headers[name]) return refuse('MISSINGHEADER', `The ${name} header is required`, [name]);
		}
		const parsed = parse(schema.login, parsedBody.body);
		if ('error' in parsed) {
			state.counters.failedLogins++;
			return parsed.error;
		}
		const { username, password, company_id: companyId } = parsed.value;
		if (req.headers['x-partner-token'] !== state.partnerToken) return refuse('INVALIDPARTNERTOKEN', 'The Partner Token is not valid');
		if (req.headers['x-company-token'] !== companyToken(state.partnerToken, companyId)) {
			return refuse('INVALIDCOMPANYTOKEN', 'The Company Token is not valid for this Partner Token and Company ID');
		}
		const operator = state.operators.find(
			(o) => o.company_id === companyId && o.username === username && o.password === password,
		);
		if (!operator) return refuse('LOGINFAILED', 'Invalid username, password or company ID');
		state.counters.logins++;
		const session = issue(operator);
		return tokenReply(session, {
			operator: operatorOut(operator),
			...(state.loginNotice ? { login_notice: state.loginNotice } : {}),
		});
	};

	/** The session a body `token` names, if it is live on this api_url; otherwise the vendor's refusal. */
	function bodySession(token: string, prefix: string, graceMs = 0): { session: SalonSession } | { error: EmulatorResponse } {
		const session = state.sessions.get(token);
		if (!session || session.revoked || session.apiPrefix !== prefix) return { error: tokenError('TOKENINVALID', 'The login token is not valid') };
		if (now() >= session.expiresAt + graceMs) {
			const message = graceMs > 0 ? 'The login token expired too long ago to refresh; log in again' : 'The login token has expired; refresh it or log in again';
			return { error: tokenError('TOKENEXPIRED', message) };
		}
		return { session };
	}

	const notice = () => (state.loginNotice ? { login_notice: state.loginNotice } : {});

	/** Refresh, switch and logout carry the token in the body (the docs show no Authorization header for them). */
	const tokenMethods: Record<string, (req: EmulatorRequest, prefix: string) => EmulatorResponse> = {
		refresh(req, prefix) {
			const parsedBody = jsonBody(req);
			if ('error' in parsedBody) return parsedBody.error;
			const parsed = parse(schema.tokenOnly, parsedBody.body);
			if ('error' in parsed) return parsed.error;
			// "If your login token has expired and has not been used in a long time, you may need to log in again"
			const found = bodySession(parsed.value.token, prefix, refreshGrace);
			if ('error' in found) {
				state.counters.failedRefreshes++;
				return found.error;
			}
			// "the existing login token is deauthorised"; the new one lives on the api_url handed out now
			found.session.revoked = true;
			state.counters.refreshes++;
			const operator = state.operators.find((o) => o.operator_id === found.session.operatorId)!;
			return tokenReply(issue(operator), notice());
		},
		switch(req, prefix) {
			if (!req.headers['user-agent']) return fail('MISSINGHEADER', 'The user-agent header is required', ['user-agent']);
			const parsedBody = jsonBody(req);
			if ('error' in parsedBody) return parsedBody.error;
			const parsed = parse(schema.switchUser, parsedBody.body);
			if ('error' in parsed) return parsed.error;
			const found = bodySession(parsed.value.token, prefix);
			if ('error' in found) return found.error;
			const operator = state.operators.find(
				(o) => o.company_id === found.session.companyId && o.operator_id > 0 && o.pin > 0 && o.pin === parsed.value.pin,
			);
			if (!operator) return fail('INVALIDPIN', 'No operator in this company has that quick login PIN', ['pin']);
			found.session.revoked = true;
			state.counters.switches++;
			return tokenReply(issue(operator), { operator: operatorOut(operator), ...notice() });
		},
		logout(req, prefix) {
			const parsedBody = jsonBody(req);
			if ('error' in parsedBody) return parsedBody.error;
			const parsed = parse(schema.tokenOnly, parsedBody.body);
			if ('error' in parsed) return parsed.error;
			const found = bodySession(parsed.value.token, prefix, refreshGrace);
			if ('error' in found) return found.error;
			found.session.revoked = true;
			state.counters.logouts++;
			return ok({});
		},
	};

	/** The API methods, as data: what each validates with and what it does for an authorised session. */
	const methods: Record<string, MethodHandler> = {};

	for (const area of areas) {
		for (const [method, handler] of Object.entries(area.methods)) {
			if (method in methods || method in tokenMethods) throw new Error(`Simple Salon emulator: ${method} is defined twice`);
			methods[method] = handler;
		}
	}

	const apiHandler = (method: string) => (req: EmulatorRequest): EmulatorResponse => {
		const prefix = splitPath(req.path)?.prefix ?? '';
		if (prefix === '') {
			return fail('INVALIDAPIURL', `${method} is not served here: send API calls to the api_url returned by Login`, [], 404);
		}
		if (req.method !== 'POST') return fail('METHODNOTALLOWED', `Use POST for ${req.path}`, [], 405);
		if (method in tokenMethods) return tokenMethods[method](req, prefix);
		const auth = authorise(req, prefix);
		if ('error' in auth) return auth.error;
		const parsedBody = jsonBody(req);
		if ('error' in parsedBody) return parsedBody.error;
		const call: MethodCall = { session: auth.session, req };
		return methods[method](parsedBody.body, call);
	};

	const routes: Route[] = [
		{ method: '*', path: '/v1/login', handler: (req) => (req.method === 'POST' ? login(req) : fail('METHODNOTALLOWED', 'Use POST for /v1/login', [], 405)) },
		{ method: 'GET', path: '/v1/version', handler: () => ok(EMULATOR_VERSION) },
		...[...Object.keys(tokenMethods), ...Object.keys(methods)].flatMap((method): Route[] => [
			{ method: '*', path: `/:host/v1/${method}`, handler: apiHandler(method) },
			{ method: '*', path: `/v1/${method}`, handler: apiHandler(method) },
		]),
		...areas.flatMap((area) => area.routes ?? []),
	];

	const emulator = new Emulator({
		name: 'simple-salon',
		port: options.port,
		latencyMs: options.latencyMs,
		routes,
		opOf: (req) => splitPath(req.path)?.method,
		expireSessions: () => {
			const at = now() - 1;
			for (const session of state.sessions.values()) session.expiresAt = Math.min(session.expiresAt, at);
		},
		reset: seed,
	});

	return {
		emulator,
		state,
		companyToken,
		credentialData: () => {
			const operator = state.operators[0];
			return {
				environment: 'custom',
				customUrl: emulator.url,
				partnerToken: state.partnerToken,
				companyToken: companyToken(),
				companyId: state.companyId,
				username: operator.username,
				password: operator.password,
			};
		},
	};
}
