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
import { readBody } from './bodies';
import {
	ODataError,
	isGuid,
	parseExpand,
	parseQueryOptions,
	parseSelect,
	project,
	sortRows,
	type QueryModel,
} from './odata';
import { tinyPdf } from './pdf';
import {
	COLLECTIONS,
	ENTITY_TABLES,
	navigations,
	propertyTypes,
	referencesTo,
	typeName,
	type Collection,
	type Row,
} from './schemas';
import { makeRow, seedTenant, type Location } from './seed';

export { COLLECTIONS, ENTITY_TABLES, type Collection, type Row } from './schemas';
export { LINKED_LOCATIONS, seedLocations, seedTenant, stableGuid, type Location } from './seed';

/*
 * Simple-Simon emulator. The public page documents only the login inputs (lickey, apiKey, username, password), a
 * bearer token that expires, and the REST-style OData routes for /locations. What it leaves open is settled the way an
 * ASP.NET Core OData service does it: POST /login (JSON or form), `Authorization: Bearer`, 401 on a bad token, the
 * OData v4 error envelope, server-driven paging with @odata.nextLink, GUID keys. All 13 collections are served by
 * one set of generic routes built from the entity table in schemas.ts.
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
	/** Prefix of every entity route, e.g. `/odata` (default none); the login stays at `loginPath`. */
	basePath?: string;
	/** Per-collection path overrides below `basePath`, e.g. `{ equipment: '/equipments' }`. */
	entityPaths?: Partial<Record<Collection, string>>;
}

export interface SimpleSimonAccount {
	lickey: string;
	apiKey: string;
	username: string;
	password: string;
}

export interface SimpleSimonState {
	account: SimpleSimonAccount;
	/** Every collection's rows by lower-case GUID; insertion order is the default order of the collection. */
	tables: Record<Collection, Map<string, Row>>;
	/** The same Map as `tables.locations`, typed. */
	locations: Map<string, Location>;
	/** Current route prefix and per-collection overrides (may be changed between requests). */
	basePath: string;
	entityPaths: Partial<Record<Collection, string>>;
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

function parseKey(raw: string): string {
	// OData key syntax may quote the key or name it: ('…') or (Id=…).
	const key = raw.replace(/^Id=/i, '').replace(/^'(.*)'$/, '$1');
	if (!isGuid(key))
		throw new ODataError(400, 'BadRequest', `The key value '${raw}' is not a valid Guid.`);
	return key.toLowerCase();
}

/** Leading slash, no trailing slash; '' for the root. */
function normalisePath(path: string | undefined): string {
	const trimmed = (path ?? '').trim().replace(/^\/+|\/+$/g, '');
	return trimmed === '' ? '' : `/${trimmed}`;
}

/** What a request path names: a collection, one of its rows, or a row's PDF. */
interface Target {
	collection: Collection;
	/** The collection's path as served (basePath + entity path). */
	path: string;
	key?: string;
	pdf?: boolean;
}

const PDF_COLLECTIONS = new Set<Collection>(['workorders', 'workordersurveys']);

// ---------------------------------------------------------------- the emulator

export function createSimpleSimonEmulator(
	options: SimpleSimonEmulatorOptions = {},
): VendorEmulator<SimpleSimonState> {
	const seedCount = options.seedCount ?? DEFAULT_SEED_COUNT;
	const loginPath = `/${(options.loginPath ?? '/login').replace(/^\/+|\/+$/g, '')}`;
	const tables = Object.fromEntries(COLLECTIONS.map((c) => [c, new Map<string, Row>()])) as Record<
		Collection,
		Map<string, Row>
	>;
	const state: SimpleSimonState = {
		account: demoAccount(),
		tables,
		locations: tables.locations as unknown as Map<string, Location>,
		basePath: normalisePath(options.basePath),
		entityPaths: { ...options.entityPaths },
		sessions: new Map(),
		loginPath,
		loginResponse: options.loginResponse ?? 'access_token',
		listShape: options.listShape ?? 'odata',
		pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
		sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
		logins: 0,
	};

	const seed = () => {
		const rows = seedTenant(seedCount);
		for (const collection of COLLECTIONS) {
			tables[collection].clear();
			for (const row of rows[collection]) tables[collection].set(String(row.Id), row);
		}
		state.sessions.clear();
		state.logins = 0;
		state.loginResponse = options.loginResponse ?? 'access_token';
		state.listShape = options.listShape ?? 'odata';
		state.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
		state.sessionTtlMs = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
		state.basePath = normalisePath(options.basePath);
		state.entityPaths = { ...options.entityPaths };
	};
	seed();

	const origin = (req: EmulatorRequest) => `http://${req.headers.host ?? '127.0.0.1'}`;

	const collectionPath = (collection: Collection) =>
		`${normalisePath(state.basePath)}${normalisePath(state.entityPaths[collection] ?? collection)}`;

	/** Resolves a path against the current basePath / entityPaths; `/x/{id}`, `/x({id})` and `…/pdf` forms. */
	const resolve = (rawPath: string): Target | undefined => {
		const path = rawPath.replace(/\/+$/, '');
		for (const collection of COLLECTIONS) {
			const base = collectionPath(collection);
			if (path === base) return { collection, path: base };
			if (!path.startsWith(base)) continue;
			const rest = path.slice(base.length);
			const match = /^(?:\/([^/()]+)|\(([^)]*)\))(\/pdf)?$/i.exec(rest);
			if (match) {
				return {
					collection,
					path: base,
					key: decodeURIComponent(match[1] ?? match[2]),
					pdf: match[3] !== undefined,
				};
			}
		}
		return undefined;
	};

	const models = new Map<string, QueryModel>();
	/** The query model of a collection: list rows leave heavy properties (attachment Content) out. */
	const modelOf = (collection: Collection, single = false): QueryModel => {
		const cacheKey = `${collection}:${single}`;
		let model = models.get(cacheKey);
		if (!model) {
			const table = ENTITY_TABLES[collection];
			model = {
				typeName: typeName(table),
				types: propertyTypes(table, single),
				navigation: Object.fromEntries(
					Object.entries(navigations(table)).map(([name, nav]) => [
						name,
						{
							key: nav.key,
							typeName: typeName(ENTITY_TABLES[nav.target]),
							types: propertyTypes(ENTITY_TABLES[nav.target]),
							find: (id: unknown) => tables[nav.target].get(String(id).toLowerCase()),
						},
					]),
				),
			};
			models.set(cacheKey, model);
		}
		return model;
	};

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

	// ------------------------------------------------------------ rows

	const label = (collection: Collection) => ENTITY_TABLES[collection].name;

	const find = (collection: Collection, raw: string): Row => {
		const id = parseKey(raw);
		const row = tables[collection].get(id);
		if (!row)
			throw new ODataError(
				404,
				'NotFound',
				`No ${label(collection)} with the key '${id}' was found.`,
			);
		return row;
	};

	/** A row as the API shows it: selected properties, then expanded navigation rows (or null). */
	const shape = (
		collection: Collection,
		row: Row,
		select: string[] | undefined,
		expand: string[],
		single: boolean,
	): Row => {
		const model = modelOf(collection, single);
		const expanded = expand.map((name): [string, Row | null] => {
			const nav = model.navigation[name];
			const target = row[nav.key] == null ? undefined : nav.find(row[nav.key]);
			return [name, target ? project(target, undefined, nav.types) : null];
		});
		return project(row, select, model.types, expanded);
	};

	const context = (req: EmulatorRequest, target: Target, suffix = '') =>
		`${origin(req)}${normalisePath(state.basePath)}/$metadata#${target.collection}${suffix}`;

	const list = (req: EmulatorRequest, target: Target): EmulatorResponse => {
		const { collection } = target;
		const model = modelOf(collection);
		const query = parseQueryOptions(req.query, model);
		let rows = Array.from(tables[collection].values());
		if (query.filter) rows = rows.filter(query.filter);
		rows = sortRows(rows, query.orderBy, model.types);
		const total = rows.length;
		const window = rows.slice(
			query.skip,
			query.top === undefined ? undefined : query.skip + query.top,
		);
		const page = window
			.slice(0, state.pageSize)
			.map((row) => shape(collection, row, query.select, query.expand, false));
		if (state.listShape === 'array') return ok(200, page);
		const body: Record<string, unknown> = { '@odata.context': context(req, target) };
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

	const entity = (
		req: EmulatorRequest,
		target: Target,
		row: Row,
		select?: string[],
		expand: string[] = [],
	) => ({
		'@odata.context': context(req, target, '/$entity'),
		...shape(target.collection, row, select, expand, true),
	});

	const get = (req: EmulatorRequest, target: Target): EmulatorResponse => {
		const row = find(target.collection, target.key!);
		for (const key of Object.keys(req.query)) {
			if (key.startsWith('$') && key !== '$select' && key !== '$expand')
				throw new ODataError(
					400,
					'BadRequest',
					`The query parameter '${key}' is not supported for a single entity.`,
				);
		}
		const model = modelOf(target.collection, true);
		const select =
			req.query.$select === undefined ? undefined : parseSelect(req.query.$select, model);
		const expand = req.query.$expand === undefined ? [] : parseExpand(req.query.$expand, model);
		return ok(200, entity(req, target, row, select, expand));
	};

	/** Foreign keys must name existing rows; cross-property rules of the type must hold. */
	const checkRow = (collection: Collection, row: Row) => {
		const table = ENTITY_TABLES[collection];
		for (const [name, field] of Object.entries(table.fields)) {
			if (!field.ref || row[name] == null) continue;
			if (!tables[field.ref].has(String(row[name]))) {
				throw new ODataError(
					400,
					'BadRequest',
					`The ${label(field.ref)} with the key '${String(row[name])}' named by '${name}' does not exist.`,
				);
			}
		}
		const problem = table.check?.(row);
		if (problem) throw new ODataError(400, 'BadRequest', problem);
	};

	const nextWorkOrderNumber = () => {
		let max = 0;
		for (const row of tables.workorders.values()) {
			const m = /^WO-(\d+)$/.exec(String(row.Number ?? ''));
			if (m) max = Math.max(max, Number(m[1]));
		}
		return `WO-${String(max + 1).padStart(6, '0')}`;
	};

	const create = (req: EmulatorRequest, target: Target): EmulatorResponse => {
		const { collection } = target;
		const values = readBody(req, collection, 'create');
		if (collection === 'workorders' && values.Number == null) values.Number = nextWorkOrderNumber();
		const id = randomUUID();
		const stamp = new Date(now()).toISOString();
		const row = makeRow(collection, id, values, stamp);
		checkRow(collection, row);
		tables[collection].set(id, row);
		return ok(201, entity(req, target, row), {
			Location: `${origin(req)}${target.path}/${id}`,
		});
	};

	/** PUT replaces the whole entity: properties left out become null (or their default). */
	const update = (req: EmulatorRequest, target: Target): EmulatorResponse => {
		const { collection } = target;
		const current = find(collection, target.key!);
		const id = String(current.Id);
		const values = readBody(req, collection, 'update', id);
		const table = ENTITY_TABLES[collection];
		for (const [name, field] of Object.entries(table.fields)) {
			if (!field.immutable) continue;
			if (values[name] === undefined) values[name] = current[name];
			else if (values[name] !== current[name]) {
				throw new ODataError(
					400,
					'BadRequest',
					`The property '${name}' of a ${table.name} cannot be changed after it is created.`,
				);
			}
		}
		// The work order number is the server's: a PUT that leaves it out keeps it.
		if (collection === 'workorders' && values.Number == null) values.Number = current.Number;
		let stamp = new Date(now()).toISOString();
		if (stamp <= String(current.ModifiedOn))
			stamp = new Date(Date.parse(String(current.ModifiedOn)) + 1).toISOString();
		const row = makeRow(collection, id, values, String(current.CreatedOn), stamp);
		checkRow(collection, row);
		tables[collection].set(id, row);
		if (/return=minimal/i.test(req.headers.prefer ?? ''))
			return { status: 204, headers: { 'OData-Version': '4.0' } };
		return ok(200, entity(req, target, row));
	};

	/** Rows elsewhere that name this one; a delete must not leave them dangling. */
	const dependants = (collection: Collection, id: string) => {
		const found: string[] = [];
		for (const { from, key } of referencesTo(collection)) {
			let count = 0;
			for (const row of tables[from].values()) if (row[key] === id) count += 1;
			if (count > 0) found.push(`${count} ${label(from)} (${key})`);
		}
		return found;
	};

	const remove = (_req: EmulatorRequest, target: Target): EmulatorResponse => {
		const { collection } = target;
		const row = find(collection, target.key!);
		const id = String(row.Id);
		const refs = dependants(collection, id);
		if (refs.length > 0) {
			throw new ODataError(
				409,
				'Conflict',
				`The ${label(collection)} '${id}' cannot be deleted because other records refer to it: ${refs.join(', ')}. Delete those first.`,
			);
		}
		tables[collection].delete(id);
		return { status: 204, headers: { 'OData-Version': '4.0' } };
	};

	const pdf = (_req: EmulatorRequest, target: Target): EmulatorResponse => {
		const row = find(target.collection, target.key!);
		let title: string;
		let fileName: string;
		let lines: string[];
		if (target.collection === 'workorders') {
			title = `Werkbon ${String(row.Number)}`;
			fileName = String(row.Number);
			const location = tables.locations.get(String(row.LocationId));
			lines = [
				String(row.Description),
				`Status: ${String(row.Status)}`,
				`Locatie: ${String(location?.Name ?? '')}`,
			];
		} else {
			const workOrder = tables.workorders.get(String(row.WorkOrderId));
			title = `${String(row.Name)}`;
			fileName = `${String(workOrder?.Number ?? 'survey')} ${String(row.Name)}`;
			lines = [`Werkbon ${String(workOrder?.Number ?? '')}`, `Status: ${String(row.Status)}`];
		}
		const safe = fileName.replace(/[^A-Za-z0-9._ -]+/g, '_').trim() || 'document';
		return {
			status: 200,
			headers: {
				'content-type': 'application/pdf',
				'Content-Disposition': `attachment; filename="${safe}.pdf"`,
			},
			raw: tinyPdf(title, lines),
		};
	};

	const notAllowed = (req: EmulatorRequest) =>
		odataError(
			405,
			'MethodNotAllowed',
			`The HTTP method '${req.method}' is not allowed for '${req.path}'.`,
		);

	const notFound = (req: EmulatorRequest) =>
		odataError(
			404,
			'NotFound',
			`No HTTP resource was found that matches the request URI '${req.path}'.`,
		);

	type Action = 'list' | 'create' | 'get' | 'update' | 'delete' | 'pdf';

	/** The operation a method + path resolves to (also the log label), or why not. */
	const actionOf = (
		req: EmulatorRequest,
	): { target?: Target; action?: Action; fail?: 404 | 405 } => {
		const target = resolve(req.path);
		if (!target) return { fail: 404 };
		if (target.pdf) {
			if (!PDF_COLLECTIONS.has(target.collection)) return { fail: 404 };
			return req.method === 'GET' ? { target, action: 'pdf' } : { target, fail: 405 };
		}
		const actions: Record<string, Action> =
			target.key === undefined
				? { GET: 'list', POST: 'create' }
				: { GET: 'get', PUT: 'update', DELETE: 'delete' };
		const action = actions[req.method];
		return action ? { target, action } : { target, fail: 405 };
	};

	const handlers: Record<Action, (req: EmulatorRequest, target: Target) => EmulatorResponse> = {
		list,
		create,
		get,
		update,
		delete: remove,
		pdf,
	};

	const dispatch = (req: EmulatorRequest): EmulatorResponse => {
		const denied = unauthorized(req);
		if (denied) return denied;
		const { target, action, fail } = actionOf(req);
		if (!target || !action) return fail === 405 ? notAllowed(req) : notFound(req);
		try {
			return handlers[action](req, target);
		} catch (error) {
			return fromError(error);
		}
	};

	const routes: Route[] = [
		{ method: 'POST', path: loginPath, handler: login },
		{ method: '*', path: loginPath, handler: notAllowed },
		// Entity routes move with basePath/entityPaths at run time, so every path goes through one dispatcher.
		...Array.from(
			{ length: 12 },
			(_, depth): Route => ({
				method: '*',
				path: Array.from({ length: depth + 1 }, (_, i) => `/:s${i}`).join(''),
				handler: dispatch,
			}),
		),
	];

	const opOf = (req: EmulatorRequest): string | undefined => {
		const path = req.path.replace(/\/+$/, '') || '/';
		if (path === loginPath) return 'login';
		const { target, action } = actionOf(req);
		return target && action ? `${target.collection}:${action}` : undefined;
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
			...(state.basePath ? { basePath: state.basePath } : {}),
		}),
	};
}
