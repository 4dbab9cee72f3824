import { createHash, randomBytes, randomUUID } from 'node:crypto';

import { now } from 'business-pack-devkit';
import { z } from 'zod';

import {
	Emulator,
	type EmulatorRequest,
	type EmulatorResponse,
	type Route,
} from '../shared/emulator';
import type { VendorEmulator, VendorEmulatorOptions } from '../shared/types';
import { ODataError, isGuid, parseQueryOptions, parseSelect, project, sortRows } from './odata';
import { LOCATION_SCHEMA, LOCATION_TYPE, seedLocations, type Location } from './seed';

/*
 * Simple-Simon emulator. The public page documents only the login inputs (lickey, apiKey, username, password), a
 * bearer token that expires, and the REST-style OData routes for /locations. What it leaves open is settled the way an
 * ASP.NET Core OData service does it: POST /login (JSON or form), `Authorization: Bearer`, 401 on a bad token, the
 * OData v4 error envelope, server-driven paging with @odata.nextLink, GUID keys.
 */

/** The response shapes of the (undocumented) login endpoint the node must accept. */
export type LoginResponseShape = 'access_token' | 'token' | 'accessToken' | 'string' | 'text';

export interface SimpleSimonEmulatorOptions extends VendorEmulatorOptions {
	/** Where the login endpoint lives (default `/login`). */
	loginPath?: string;
	/** What the login endpoint returns (default `access_token`, OAuth style). */
	loginResponse?: LoginResponseShape;
	/** Server page size for collections (default 100). */
	pageSize?: number;
	/** `odata` (default): `{ value, @odata.nextLink }`; `array`: a bare JSON array and no next link. */
	listShape?: 'odata' | 'array';
}

export interface SimpleSimonAccount {
	lickey: string;
	apiKey: string;
	username: string;
	password: string;
}

export interface SimpleSimonState {
	account: SimpleSimonAccount;
	/** Insertion order is the default order of the collection. */
	locations: Map<string, Location>;
	sessions: Map<string, { username: string; expiresAt: number }>;
	loginPath: string;
	loginResponse: LoginResponseShape;
	listShape: 'odata' | 'array';
	pageSize: number;
	sessionTtlMs: number;
	/** Successful logins since the last reset. */
	logins: number;
}

export const DEFAULT_SEED_COUNT = 320;
export const DEFAULT_PAGE_SIZE = 100;
export const DEFAULT_SESSION_TTL_MS = 20 * 60 * 1000;

/** The demo tenant's login inputs, derived rather than written out: they are fixtures, not secrets. */
function demoAccount(): SimpleSimonAccount {
	const digest = createHash('sha256').update('simple-simon demo tenant').digest('hex');
	return {
		lickey: BigInt(`0x${digest.slice(0, 15)}`)
			.toString()
			.padStart(16, '4')
			.slice(-16)
			.replace(/^0/, '4'),
		apiKey: `ssapi_${digest.slice(16, 48)}`,
		username: 'api@devries-installatietechniek.nl',
		password: 'Werkbon-2024!',
	};
}

// ---------------------------------------------------------------- responses

function odataError(
	status: number,
	code: string,
	message: string,
	headers?: Record<string, string>,
): EmulatorResponse {
	return {
		status,
		headers: { 'OData-Version': '4.0', ...headers },
		body: { error: { code, message } },
	};
}

function fromError(error: unknown): EmulatorResponse {
	if (error instanceof ODataError) return odataError(error.status, error.code, error.message);
	throw error;
}

const ok = (status: number, body: unknown, headers?: Record<string, string>): EmulatorResponse => ({
	status,
	headers: { 'OData-Version': '4.0', ...headers },
	body,
});

// ---------------------------------------------------------------- request validation

const loginSchema = z.object({
	lickey: z.string({ required_error: "The field 'lickey' is required." }),
	apiKey: z.string({ required_error: "The field 'apiKey' is required." }),
	username: z.string({ required_error: "The field 'username' is required." }),
	password: z.string({ required_error: "The field 'password' is required." }),
});

const text = (max: number) =>
	z.string().max(max, `must be at most ${max} characters`).nullable().optional();
const guid = z.string().refine(isGuid, 'is not a valid Guid').nullable().optional();

const locationSchema = z
	.object({
		Code: text(20),
		Name: z
			.string({ required_error: 'The Name field is required.' })
			.trim()
			.min(1, 'The Name field is required.')
			.max(100, 'must be at most 100 characters'),
		Street: text(100),
		HouseNumber: text(10),
		PostalCode: text(10),
		City: text(60),
		Country: z
			.string()
			.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as NL')
			.nullable()
			.optional(),
		Phone: text(30),
		Email: z.string().email('is not a valid e-mail address').nullable().optional(),
		CustomerId: guid,
		Remarks: text(2000),
		Latitude: z.number().min(-90).max(90).nullable().optional(),
		Longitude: z.number().min(-180).max(180).nullable().optional(),
		IsActive: z.boolean().optional(),
	})
	.strict();

type LocationInput = z.infer<typeof locationSchema>;

function validationMessage(error: z.ZodError): string {
	const issue = error.issues[0];
	if (issue.code === 'unrecognized_keys') {
		return `The property '${issue.keys[0]}' does not exist on type '${LOCATION_TYPE}'. Make sure to only use property names that are defined by the type.`;
	}
	const property = String(issue.path[0] ?? '');
	if (issue.message.startsWith('The ')) return issue.message;
	if (issue.code === 'invalid_type') {
		return `Cannot convert a value of type '${issue.received}' to the expected type '${LOCATION_SCHEMA[property] ?? 'Edm.String'}' of property '${property}'.`;
	}
	return `The value of property '${property}' ${issue.message}.`;
}

/** The JSON body of a create or update, checked as strictly as the API's model binder would. */
function readLocationBody(
	req: EmulatorRequest,
	mode: 'create' | 'update',
	id?: string,
): LocationInput {
	const type = req.contentType.split(';')[0].trim().toLowerCase();
	if (type !== 'application/json') {
		throw new ODataError(
			415,
			'UnsupportedMediaType',
			`The request entity's media type '${type || '(none)'}' is not supported for this resource. Send application/json.`,
		);
	}
	if (req.bodyError !== undefined || req.body === undefined) {
		throw new ODataError(
			400,
			'BadRequest',
			`The request body is not valid JSON${req.bodyError ? `: ${req.bodyError}` : ''}.`,
		);
	}
	if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
		throw new ODataError(
			400,
			'BadRequest',
			`The request body must be a JSON object of type '${LOCATION_TYPE}'.`,
		);
	}
	const fields: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(req.body as Record<string, unknown>)) {
		// Instance annotations (@odata.context, @odata.etag) are allowed and ignored; computed dates cannot be set.
		if (
			key.startsWith('@') ||
			key.includes('@odata.') ||
			key === 'CreatedOn' ||
			key === 'ModifiedOn'
		)
			continue;
		fields[key] = value;
	}
	if ('Id' in fields) {
		if (mode === 'create') {
			throw new ODataError(
				400,
				'BadRequest',
				"The property 'Id' is generated by the server and cannot be set on create.",
			);
		}
		if (typeof fields.Id !== 'string' || fields.Id.toLowerCase() !== id) {
			throw new ODataError(
				400,
				'BadRequest',
				`The key in the request body does not match the key '${id}' in the URL.`,
			);
		}
		delete fields.Id;
	}
	const parsed = locationSchema.safeParse(fields);
	if (!parsed.success) throw new ODataError(400, 'BadRequest', validationMessage(parsed.error));
	return parsed.data;
}

function parseKey(raw: string): string {
	if (!isGuid(raw))
		throw new ODataError(400, 'BadRequest', `The key value '${raw}' is not a valid Guid.`);
	return raw.toLowerCase();
}

// ---------------------------------------------------------------- the emulator

export function createSimpleSimonEmulator(
	options: SimpleSimonEmulatorOptions = {},
): VendorEmulator<SimpleSimonState> {
	const seedCount = options.seedCount ?? DEFAULT_SEED_COUNT;
	const loginPath = `/${(options.loginPath ?? '/login').replace(/^\/+|\/+$/g, '')}`;
	const state: SimpleSimonState = {
		account: demoAccount(),
		locations: new Map(),
		sessions: new Map(),
		loginPath,
		loginResponse: options.loginResponse ?? 'access_token',
		listShape: options.listShape ?? 'odata',
		pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
		sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
		logins: 0,
	};

	const seed = () => {
		state.locations.clear();
		for (const location of seedLocations(seedCount)) state.locations.set(location.Id, location);
		state.sessions.clear();
		state.logins = 0;
		state.loginResponse = options.loginResponse ?? 'access_token';
		state.listShape = options.listShape ?? 'odata';
	};
	seed();

	const origin = (req: EmulatorRequest) => `http://${req.headers.host ?? '127.0.0.1'}`;

	/** The bearer check every entity route starts with; returns a 401 response when the token is missing or dead. */
	const unauthorized = (req: EmulatorRequest): EmulatorResponse | undefined => {
		const header = req.headers.authorization ?? '';
		const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
		if (!match) {
			return odataError(401, 'Unauthorized', 'Authorization has been denied for this request.', {
				'WWW-Authenticate': 'Bearer',
			});
		}
		const session = state.sessions.get(match[1]);
		if (!session || session.expiresAt <= now()) {
			if (session) state.sessions.delete(match[1]);
			return odataError(401, 'Unauthorized', 'The access token is invalid or has expired.', {
				'WWW-Authenticate':
					'Bearer error="invalid_token", error_description="The access token is invalid or has expired"',
			});
		}
		return undefined;
	};

	const guarded =
		(
			handler: (req: EmulatorRequest) => EmulatorResponse,
		): ((req: EmulatorRequest) => EmulatorResponse) =>
		(req) => {
			const denied = unauthorized(req);
			if (denied) return denied;
			try {
				return handler(req);
			} catch (error) {
				return fromError(error);
			}
		};

	const login = (req: EmulatorRequest): EmulatorResponse => {
		const type = req.contentType.split(';')[0].trim().toLowerCase();
		// The docs do not say how the four inputs travel; JSON and form bodies are both accepted.
		if (type !== 'application/json' && type !== 'application/x-www-form-urlencoded') {
			return odataError(
				415,
				'UnsupportedMediaType',
				`The media type '${type || '(none)'}' is not supported. Send application/json.`,
			);
		}
		if (
			req.bodyError !== undefined ||
			!req.body ||
			typeof req.body !== 'object' ||
			Array.isArray(req.body)
		) {
			return odataError(400, 'BadRequest', 'The login request body is missing or malformed.');
		}
		const parsed = loginSchema.safeParse(req.body);
		if (!parsed.success) return odataError(400, 'BadRequest', parsed.error.issues[0].message);
		const { lickey, apiKey, username, password } = parsed.data;
		if (!/^\d{16}$/.test(lickey))
			return odataError(400, 'BadRequest', 'The licence code (lickey) must be 16 digits.');
		const account = state.account;
		if (lickey !== account.lickey || apiKey !== account.apiKey) {
			return odataError(
				401,
				'InvalidLicence',
				'The licence code or API key is not valid, or API access is not active for this licence.',
			);
		}
		if (
			username.toLowerCase() !== account.username.toLowerCase() ||
			password !== account.password
		) {
			return odataError(401, 'InvalidCredentials', 'The username or password is incorrect.');
		}
		const token = randomBytes(32).toString('base64url');
		state.sessions.set(token, {
			username: account.username,
			expiresAt: now() + state.sessionTtlMs,
		});
		state.logins += 1;
		const expiresIn = Math.max(1, Math.round(state.sessionTtlMs / 1000));
		switch (state.loginResponse) {
			case 'token':
				return ok(200, { token, expires: new Date(now() + state.sessionTtlMs).toISOString() });
			case 'accessToken':
				return ok(200, { accessToken: token, expiresIn });
			case 'string':
				return ok(200, token);
			case 'text':
				return {
					status: 200,
					headers: { 'content-type': 'text/plain; charset=utf-8' },
					raw: token,
				};
			default:
				return ok(200, { access_token: token, token_type: 'Bearer', expires_in: expiresIn });
		}
	};

	const list = (req: EmulatorRequest): EmulatorResponse => {
		const query = parseQueryOptions(req.query, LOCATION_SCHEMA, LOCATION_TYPE);
		let rows = Array.from(state.locations.values()) as unknown as Array<Record<string, unknown>>;
		if (query.filter) rows = rows.filter(query.filter);
		rows = sortRows(rows, query.orderBy, LOCATION_SCHEMA);
		const total = rows.length;
		const window = rows.slice(
			query.skip,
			query.top === undefined ? undefined : query.skip + query.top,
		);
		const page = window.slice(0, state.pageSize).map((row) => project(row, query.select));
		if (state.listShape === 'array') return ok(200, page);
		const body: Record<string, unknown> = {
			'@odata.context': `${origin(req)}/$metadata#locations`,
		};
		if (query.count) body['@odata.count'] = total;
		body.value = page;
		if (window.length > state.pageSize) {
			const next = new URLSearchParams(req.query);
			next.set('$skip', String(query.skip + state.pageSize));
			if (query.top !== undefined) next.set('$top', String(query.top - state.pageSize));
			body['@odata.nextLink'] =
				`${origin(req)}${req.path.replace(/\/+$/, '')}?${next.toString().replace(/\+/g, '%20')}`;
		}
		return ok(200, body);
	};

	const entity = (req: EmulatorRequest, location: Location, select?: string[]) => ({
		'@odata.context': `${origin(req)}/$metadata#locations/$entity`,
		...project(location as unknown as Record<string, unknown>, select),
	});

	const find = (raw: string): Location => {
		const id = parseKey(raw);
		const location = state.locations.get(id);
		if (!location)
			throw new ODataError(404, 'NotFound', `No Location with the key '${id}' was found.`);
		return location;
	};

	const get = (req: EmulatorRequest): EmulatorResponse => {
		const location = find(req.params.id);
		for (const key of Object.keys(req.query)) {
			if (key.startsWith('$') && key !== '$select')
				throw new ODataError(
					400,
					'BadRequest',
					`The query parameter '${key}' is not supported for a single entity.`,
				);
		}
		const select =
			req.query.$select === undefined
				? undefined
				: parseSelect(req.query.$select, LOCATION_SCHEMA, LOCATION_TYPE);
		return ok(200, entity(req, location, select));
	};

	const toLocation = (id: string, input: LocationInput, created: string): Location => {
		const stamp = new Date(now()).toISOString();
		return {
			Id: id,
			Code: input.Code ?? null,
			Name: input.Name,
			Street: input.Street ?? null,
			HouseNumber: input.HouseNumber ?? null,
			PostalCode: input.PostalCode ?? null,
			City: input.City ?? null,
			Country: input.Country ?? null,
			Phone: input.Phone ?? null,
			Email: input.Email ?? null,
			CustomerId: input.CustomerId ? input.CustomerId.toLowerCase() : null,
			Remarks: input.Remarks ?? null,
			Latitude: input.Latitude ?? null,
			Longitude: input.Longitude ?? null,
			IsActive: input.IsActive ?? true,
			CreatedOn: created || stamp,
			ModifiedOn: stamp,
		};
	};

	const create = (req: EmulatorRequest): EmulatorResponse => {
		const input = readLocationBody(req, 'create');
		const id = randomUUID();
		const location = toLocation(id, input, '');
		state.locations.set(id, location);
		return ok(201, entity(req, location), { Location: `${origin(req)}/locations/${id}` });
	};

	/** PUT replaces the whole entity: properties left out become null (IsActive: true). */
	const update = (req: EmulatorRequest): EmulatorResponse => {
		const current = find(req.params.id);
		const input = readLocationBody(req, 'update', current.Id);
		const location = toLocation(current.Id, input, current.CreatedOn);
		state.locations.set(current.Id, location);
		if (/return=minimal/i.test(req.headers.prefer ?? ''))
			return { status: 204, headers: { 'OData-Version': '4.0' } };
		return ok(200, entity(req, location));
	};

	const remove = (req: EmulatorRequest): EmulatorResponse => {
		const location = find(req.params.id);
		state.locations.delete(location.Id);
		return { status: 204, headers: { 'OData-Version': '4.0' } };
	};

	const notAllowed = (req: EmulatorRequest) =>
		odataError(
			405,
			'MethodNotAllowed',
			`The HTTP method '${req.method}' is not allowed for '${req.path}'.`,
		);

	const routes: Route[] = [
		{ method: 'POST', path: loginPath, handler: login },
		{ method: '*', path: loginPath, handler: notAllowed },
		{ method: 'GET', path: '/locations', handler: guarded(list) },
		{ method: 'POST', path: '/locations', handler: guarded(create) },
		{ method: '*', path: '/locations', handler: guarded(notAllowed) },
		{ method: 'GET', path: '/locations/:id', handler: guarded(get) },
		{ method: 'PUT', path: '/locations/:id', handler: guarded(update) },
		{ method: 'DELETE', path: '/locations/:id', handler: guarded(remove) },
		{ method: '*', path: '/locations/:id', handler: guarded(notAllowed) },
		...['/:a', '/:a/:b', '/:a/:b/:c', '/:a/:b/:c/:d'].map(
			(path): Route => ({
				method: '*',
				path,
				handler: guarded((req) =>
					odataError(
						404,
						'NotFound',
						`No HTTP resource was found that matches the request URI '${req.path}'.`,
					),
				),
			}),
		),
	];

	const opOf = (req: EmulatorRequest): string | undefined => {
		const path = req.path.replace(/\/+$/, '') || '/';
		if (path === loginPath) return 'login';
		if (path === '/locations') {
			return req.method === 'GET'
				? 'locations:list'
				: req.method === 'POST'
					? 'locations:create'
					: undefined;
		}
		if (/^\/locations\/[^/]+$/.test(path)) {
			return (
				{ GET: 'locations:get', PUT: 'locations:update', DELETE: 'locations:delete' } as Record<
					string,
					string
				>
			)[req.method];
		}
		return undefined;
	};

	const emulator = new Emulator({
		name: 'simple-simon',
		port: options.port,
		latencyMs: options.latencyMs,
		routes,
		opOf,
		expireSessions: () => state.sessions.clear(),
		reset: seed,
	});

	return {
		emulator,
		state,
		credentialData: () => ({
			url: emulator.url,
			licenceKey: state.account.lickey,
			apiKey: state.account.apiKey,
			username: state.account.username,
			password: state.account.password,
			loginPath: state.loginPath,
			loginReplyField: 'access_token',
		}),
	};
}
