import { crypto, now } from 'business-pack-devkit';

import { Emulator, type EmulatorRequest, type EmulatorResponse, type Route } from '../shared/emulator';
import type { VendorEmulator, VendorEmulatorOptions } from '../shared/types';
import { AREAS } from './areas';
import { fail, ok, page, parse, type MethodCall, type MethodHandler } from './areas/types';
import * as schema from './schemas';
import {
	CLIENT_CATEGORIES,
	COMPANY_ID,
	COMPANY_OFFSET,
	FIRST_CLIENT_ID,
	LOYALTY_CATEGORY_ID,
	OPERATORS,
	REFERRAL_TYPES,
	SERVICES,
	STATES,
	blankClient,
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
	counters: { logins: number; failedLogins: number; refreshes: number; tokenRejections: number };
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

function addMinutes(wall: string, minutes: number): string {
	return new Date(Date.parse(`${wall}Z`) + minutes * 60_000).toISOString().slice(0, 19);
}

function clientOut(client: SalonClient): Record<string, unknown> {
	const out: Record<string, unknown> = {
		...client,
		loyalty_member: client.category_ids.includes(LOYALTY_CATEGORY_ID),
	};
	// Expanded by default, like the docs' examples (address_state, categories, referral_type).
	const state = STATES.find((s) => s.state_id === client.address_state_id);
	if (client.address_state_id !== 0 && state) out.address_state = { ...state };
	if (client.category_ids.length > 0) {
		out.categories = CLIENT_CATEGORIES.filter((c) => client.category_ids.includes(c.client_category_id)).map((c) => ({
			client_category_id: c.client_category_id,
			name: c.name,
		}));
	}
	const referral = REFERRAL_TYPES.find((r) => r.referral_type_id === client.referral_type_id);
	if (referral) out.referral_type = { ...referral };
	return out;
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

function appointmentOut(a: SalonAppointment): Record<string, unknown> {
	return {
		appointment_id: a.appointment_id,
		client_id: a.client_id,
		comments: a.comments,
		company_id: a.company_id,
		date_created: a.date_created,
		duration: a.duration,
		flag_ids: a.flag_ids,
		operator_id: a.operator_id,
		price: a.price,
		resource_id: a.resource_id,
		service_id: a.service_id,
		show_on_appt_page: true,
		time_end: `${addMinutes(a.start, a.duration)}${COMPANY_OFFSET}`,
		time_start: `${a.start}${COMPANY_OFFSET}`,
		transaction_id: a.transaction_id,
		unconfirmed: a.unconfirmed,
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
		counters: { logins: 0, failedLogins: 0, refreshes: 0, tokenRejections: 0 },
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
		state.counters = { logins: 0, failedLogins: 0, refreshes: 0, tokenRejections: 0 };
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

	/** Refresh and logout carry the token in the body (the docs show no Authorization header for them). */
	const tokenMethods: Record<string, (req: EmulatorRequest, prefix: string) => EmulatorResponse> = {
		refresh(req, prefix) {
			const parsedBody = jsonBody(req);
			if ('error' in parsedBody) return parsedBody.error;
			const parsed = parse(schema.tokenOnly, parsedBody.body);
			if ('error' in parsed) return parsed.error;
			const session = state.sessions.get(parsed.value.token);
			if (!session || session.revoked || session.apiPrefix !== prefix) return tokenError('TOKENINVALID', 'The login token is not valid');
			if (now() >= session.expiresAt + refreshGrace) {
				return tokenError('TOKENEXPIRED', 'The login token expired too long ago to refresh; log in again');
			}
			session.revoked = true;
			state.counters.refreshes++;
			const operator = state.operators.find((o) => o.operator_id === session.operatorId)!;
			return tokenReply(issue(operator));
		},
		logout(req, prefix) {
			const parsedBody = jsonBody(req);
			if ('error' in parsedBody) return parsedBody.error;
			const parsed = parse(schema.tokenOnly, parsedBody.body);
			if ('error' in parsed) return parsed.error;
			const session = state.sessions.get(parsed.value.token);
			if (!session || session.revoked || session.apiPrefix !== prefix) return tokenError('TOKENINVALID', 'The login token is not valid');
			session.revoked = true;
			return ok({});
		},
	};

	function checkClientValues(client: schema.ClientInput, prefix: string): EmulatorResponse | undefined {
		const bad = (field: string, message: string) => fail('INVALIDPARAMETER', `${prefix}${field} ${message}`, [`${prefix}${field}`]);
		if (client.gender != null && !['Male', 'Female', ''].includes(client.gender)) return bad('gender', 'must be Male, Female or empty');
		if (client.address_state_id != null && !STATES.some((s) => s.state_id === client.address_state_id)) {
			return bad('address_state_id', `${client.address_state_id} is not a valid state ID`);
		}
		if (client.referral_type_id != null && client.referral_type_id !== 0 && !REFERRAL_TYPES.some((r) => r.referral_type_id === client.referral_type_id)) {
			return bad('referral_type_id', `${client.referral_type_id} is not a valid referral type ID`);
		}
		for (const id of client.category_ids ?? []) {
			if (!CLIENT_CATEGORIES.some((c) => c.client_category_id === id)) return bad('category_ids', `${id} is not a valid client category ID`);
		}
		if (client.preferred_operator_id != null && client.preferred_operator_id !== 0 && !state.operators.some((o) => o.operator_id === client.preferred_operator_id)) {
			return bad('preferred_operator_id', `${client.preferred_operator_id} is not a valid operator ID`);
		}
		if (client.referred_by_client_id != null && client.referred_by_client_id !== 0 && !state.clients.has(client.referred_by_client_id)) {
			return bad('referred_by_client_id', `${client.referred_by_client_id} is not a valid client ID`);
		}
		if (client.date_of_birth != null && client.date_of_birth !== '' && !wallClock(client.date_of_birth)) {
			return bad('date_of_birth', 'is not a valid date (see Dates)');
		}
		if (client.email != null && client.email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(client.email)) {
			return bad('email', 'is not a valid email address');
		}
		return undefined;
	}

	function applyClient(target: SalonClient, input: schema.ClientInput) {
		const record = target as unknown as Record<string, unknown>;
		for (const field of schema.WRITABLE_CLIENT_FIELDS) {
			const value = (input as Record<string, unknown>)[field];
			if (value === undefined || value === null) continue;
			record[field] = field === 'date_of_birth' && value !== '' ? `${wallClock(String(value))!.slice(0, 10)}T00:00:00${COMPANY_OFFSET}` : value;
		}
	}

	function clientById(id: number): SalonClient | EmulatorResponse {
		const client = state.clients.get(id);
		return client ?? fail('CLIENTNOTFOUND', `Client ${id} was not found`, ['client_id']);
	}

	const clientMatches = (f: schema.ClientFilter) => (c: SalonClient) => {
		const starts = (value: string, prefix?: string) => prefix === undefined || value.toLowerCase().startsWith(prefix.toLowerCase());
		if (f.company_id !== undefined && f.company_id !== 0 && f.company_id !== c.company_id) return false;
		if (!starts(c.firstname, f.firstname) || !starts(c.lastname, f.lastname)) return false;
		if (f.phone !== undefined && !starts(c.mobile, f.phone) && !starts(c.phone, f.phone)) return false;
		if (f.email !== undefined && c.email.toLowerCase() !== f.email.toLowerCase()) return false;
		if (f.barcode !== undefined && c.barcode !== f.barcode) return false;
		if (f.client_ids !== undefined && !f.client_ids.includes(c.client_id)) return false;
		if (f.client_category_id !== undefined && !c.category_ids.includes(f.client_category_id)) return false;
		if (f.gender !== undefined && c.gender !== f.gender) return false;
		if (f.operator_id !== undefined && c.preferred_operator_id !== f.operator_id) return false;
		if (f.referral_type_id !== undefined && c.referral_type_id !== f.referral_type_id) return false;
		for (const flag of ['email_promotions_enabled', 'email_reminders_enabled', 'sms_promotions_enabled', 'sms_reminders_enabled'] as const) {
			if (f[flag] !== undefined && c[flag] !== f[flag]) return false;
		}
		if (f.search !== undefined && f.search !== '') {
			const term = f.search.toLowerCase();
			if (![c.firstname, c.lastname, c.mobile, c.phone, c.barcode].some((v) => v.toLowerCase().startsWith(term))) return false;
		}
		return true;
	};

	/** The API methods, as data: what each validates with and what it does for an authorised session. */
	const methods: Record<string, MethodHandler> = {
		'client/get'(body) {
			const parsed = parse(schema.clientGet, body);
			if ('error' in parsed) return parsed.error;
			const client = clientById(parsed.value.client_id);
			if ('status' in client) return client;
			const full = clientOut(client);
			const fields = parsed.value.fields;
			if (!fields || fields.length === 0) return ok({ client: full });
			const unknown = fields.filter((f) => !(schema.CLIENT_FIELDS as readonly string[]).includes(f));
			if (unknown.length) return fail('INVALIDPARAMETER', `Unknown client field: ${unknown.join(', ')}`, unknown.map((f) => `fields.${f}`));
			return ok({ client: Object.fromEntries(fields.filter((f) => f in full).map((f) => [f, full[f]])) });
		},
		'client/list'(body) {
			const parsed = parse(schema.clientList, body);
			if ('error' in parsed) return parsed.error;
			const { filters, options: listOptions } = parsed.value;
			if (filters.company_id !== undefined && filters.company_id !== 0 && filters.company_id !== state.companyId) {
				return fail('INVALIDPARAMETER', `filters.company_id ${filters.company_id} is not a company you can access`, ['filters.company_id']);
			}
			let rows = [...state.clients.values()].filter(clientMatches(filters));
			const sort = listOptions?.sort_expression;
			if (sort !== undefined && sort !== '') {
				const [field, direction = 'asc'] = sort.trim().split(/\s+/);
				if (!['client_id', 'firstname', 'lastname'].includes(field) || !/^(asc|desc)$/i.test(direction)) {
					return fail('INVALIDPARAMETER', `options.sort_expression "${sort}" is not supported`, ['options.sort_expression']);
				}
				const key = field as 'client_id' | 'firstname' | 'lastname';
				const sign = /desc/i.test(direction) ? -1 : 1;
				rows = rows.sort((a, b) => sign * (String(a[key]).localeCompare(String(b[key])) || a.client_id - b.client_id));
			} else {
				rows = rows.sort((a, b) => a.client_id - b.client_id);
			}
			const paged = page(rows, listOptions, maxRows, true);
			if ('error' in paged) return paged.error!;
			return ok({ ...paged.meta, clients: paged.slice.map(clientOut) });
		},
		'client/add'(body) {
			const parsed = parse(schema.clientAdd, body);
			if ('error' in parsed) return parsed.error;
			const input = parsed.value.client;
			if (input.client_id != null) return fail('FIELDUPDATENOTALLOWED', 'client.client_id cannot be set', ['client.client_id']);
			if (input.company_id != null && input.company_id !== state.companyId) {
				return fail('INVALIDPARAMETER', `client.company_id ${input.company_id} is not your company`, ['client.company_id']);
			}
			// Undocumented, like any salon system: a client needs a name.
			if (!input.firstname?.trim() && !input.lastname?.trim()) {
				return fail('MISSINGPARAMETER', 'client.firstname or client.lastname is required', ['client.firstname']);
			}
			const invalid = checkClientValues(input, 'client.');
			if (invalid) return invalid;
			const client = blankClient(state.nextClientId++, state.companyId);
			// "omit this field altogether and the default categories for a new client will be automatically added"
			client.category_ids = CLIENT_CATEGORIES.filter((c) => c.add_to_new_clients).map((c) => c.client_category_id);
			applyClient(client, input);
			state.clients.set(client.client_id, client);
			return ok({ client: clientOut(client) });
		},
		'client/update'(body) {
			// The table wraps the fields in `client`; the docs' own example sends them flat. Both are accepted.
			const wrapped = 'client' in body;
			const parsed = parse(wrapped ? schema.clientAdd : schema.clientInput, body);
			if ('error' in parsed) return parsed.error;
			const input = (wrapped ? (parsed.value as { client: schema.ClientInput }).client : parsed.value) as schema.ClientInput;
			const prefix = wrapped ? 'client.' : '';
			if (input.client_id == null) return fail('MISSINGPARAMETER', `${prefix}client_id is required`, [`${prefix}client_id`]);
			const client = clientById(input.client_id);
			if ('status' in client) return client;
			if (input.company_id != null && input.company_id !== client.company_id) {
				return fail('FIELDUPDATENOTALLOWED', 'company_id cannot be changed', [`${prefix}company_id`]);
			}
			const invalid = checkClientValues(input, prefix);
			if (invalid) return invalid;
			applyClient(client, input);
			return ok({ client: clientOut(client) });
		},
		'appointment/list'(body) {
			const parsed = parse(schema.appointmentList, body);
			if ('error' in parsed) return parsed.error;
			const { filters: f, options: listOptions } = parsed.value;
			const from = wallClock(f.time_start);
			const to = wallClock(f.time_end);
			if (!from) return fail('INVALIDPARAMETER', 'filters.time_start is not a valid date (see Dates)', ['filters.time_start']);
			if (!to) return fail('INVALIDPARAMETER', 'filters.time_end is not a valid date (see Dates)', ['filters.time_end']);
			if (to <= from) return fail('INVALIDPARAMETER', 'filters.time_end must be after filters.time_start', ['filters.time_end']);
			if (f.company_id !== undefined && f.company_id !== 0 && f.company_id !== state.companyId) {
				return fail('INVALIDPARAMETER', `filters.company_id ${f.company_id} is not a company you can access`, ['filters.company_id']);
			}
			if (listOptions?.sort_expression !== undefined && listOptions.sort_expression !== 'time_start') {
				return fail('INVALIDPARAMETER', 'options.sort_expression can only be time_start', ['options.sort_expression']);
			}
			const grouped = (listOptions?.expanded_fields_grouped ?? []).map((e) => e.expanded_field);
			const unsupported = grouped.filter((g) => !['clients', 'operators', 'services'].includes(g));
			if (unsupported.length) {
				return fail('INVALIDPARAMETER', `Cannot expand ${unsupported.join(', ')}`, ['options.expanded_fields_grouped']);
			}
			const rows = state.appointments
				.filter((a) => a.start >= from && a.start < to)
				.filter((a) => f.appointment_ids === undefined || f.appointment_ids.includes(a.appointment_id))
				.filter((a) => f.client_id === undefined || a.client_id === f.client_id)
				.filter((a) => f.operator_id === undefined || a.operator_id === f.operator_id)
				.filter((a) => f.resource_id === undefined || a.resource_id === f.resource_id)
				.filter((a) => f.service_id === undefined || a.service_id === f.service_id)
				.filter((a) => f.unconfirmed === undefined || a.unconfirmed === f.unconfirmed)
				.sort((a, b) => a.start.localeCompare(b.start) || a.appointment_id - b.appointment_id);
			// The docs' list of "special cases" that allow -1 is missing, so the emulator allows none.
			const paged = page(rows, listOptions, maxRows, false);
			if ('error' in paged) return paged.error!;
			const out: Record<string, unknown> = { ...paged.meta, appointments: paged.slice.map(appointmentOut) };
			if (grouped.includes('clients')) {
				const ids = new Set(paged.slice.map((a) => a.client_id));
				out.clients = [...ids].map((id) => state.clients.get(id)).filter((c): c is SalonClient => !!c).map(clientOut);
			}
			if (grouped.includes('operators')) {
				const ids = new Set(paged.slice.map((a) => a.operator_id));
				out.operators = state.operators.filter((o) => ids.has(o.operator_id)).map(operatorOut);
			}
			if (grouped.includes('services')) {
				const ids = new Set(paged.slice.map((a) => a.service_id));
				out.services = state.services.filter((s) => ids.has(s.service_id)).map((s) => ({ ...s, company_id: state.companyId }));
			}
			return ok(out);
		},
	};

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
		{ method: 'GET', path: '/v1/version', handler: () => ok({ build: 'emulator', version: '1.0' }) },
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
