import { delay } from 'business-pack-devkit';
import { fetch } from 'undici';

import { createSimpleSimonEmulator, type SimpleSimonEmulatorOptions } from './index';
import { COLLECTIONS, ENTITY_TABLES, type Collection, type Row } from './schemas';
import { LINKED_LOCATIONS, seedLocations } from './seed';

/** The seed is deterministic, so test tables can name seeded records before the server starts. */
const SEED = seedLocations(320);

type Json = Record<string, unknown>;

async function started(options: SimpleSimonEmulatorOptions = {}) {
	const vendor = createSimpleSimonEmulator(options);
	await vendor.emulator.start();
	return vendor;
}

type Vendor = Awaited<ReturnType<typeof started>>;

async function call(
	vendor: Vendor,
	method: string,
	path: string,
	init: {
		token?: string;
		json?: unknown;
		form?: Json;
		raw?: string;
		type?: string;
		headers?: Record<string, string>;
	} = {},
) {
	const headers: Record<string, string> = { ...init.headers };
	if (init.token) headers.authorization = `Bearer ${init.token}`;
	let body: string | undefined;
	if (init.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(init.json);
	} else if (init.form) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(init.form as Record<string, string>).toString();
	} else if (init.raw !== undefined) {
		headers['content-type'] = init.type ?? 'text/plain';
		body = init.raw;
	}
	const url = path.startsWith('http') ? path : `${vendor.emulator.url}${path}`;
	const res = await fetch(url, { method, headers, body });
	const text = await res.text();
	let parsed: unknown;
	try {
		parsed = text === '' ? undefined : JSON.parse(text);
	} catch {
		parsed = text;
	}
	return { status: res.status, headers: res.headers, body: parsed as Json & Json[] };
}

function loginBody(vendor: Vendor, overrides: Json = {}): Json {
	const { lickey, apiKey, username, password } = vendor.state.account;
	return { lickey, apiKey, username, password, ...overrides };
}

async function token(vendor: Vendor): Promise<string> {
	const res = await call(vendor, 'POST', '/login', { json: loginBody(vendor) });
	expect(res.status).toBe(200);
	return res.body.access_token as string;
}

const locations = (vendor: Vendor) => Array.from(vendor.state.locations.values());

describe('Simple-Simon emulator: login', () => {
	let vendor: Vendor;
	beforeAll(async () => (vendor = await started()));
	afterAll(async () => await vendor.emulator.stop());
	beforeEach(() => vendor.emulator.reset());

	it('returns a bearer token for the four documented inputs, as JSON or as a form', async () => {
		const json = await call(vendor, 'POST', '/login', { json: loginBody(vendor) });
		expect(json.status).toBe(200);
		expect(json.body).toEqual({
			access_token: expect.any(String),
			token_type: 'Bearer',
			expires_in: 1200,
		});
		const form = await call(vendor, 'POST', '/login', { form: loginBody(vendor) });
		expect(form.status).toBe(200);
		expect(form.body.access_token).not.toBe(json.body.access_token);
		expect(vendor.emulator.requests('login')).toHaveLength(2);
		expect(vendor.emulator.requests('login')[0].body).toEqual(loginBody(vendor));
		expect(vendor.state.logins).toBe(2);
		expect(vendor.state.account.lickey).toMatch(/^\d{16}$/);
	});

	it.each([
		[{ lickey: '123456789012345' }, 400, 'must be 16 digits'],
		[{ lickey: '1234-5678-9012-3456' }, 400, 'must be 16 digits'],
		[{ apiKey: undefined }, 400, "'apiKey' is required"],
		[{ lickey: '1'.repeat(16) }, 401, 'licence code or API key'],
		[{ apiKey: 'wrong' }, 401, 'licence code or API key'],
		[{ password: 'wrong' }, 401, 'username or password'],
	])('refuses %j with %i in the OData error envelope', async (overrides, status, message) => {
		const body = loginBody(vendor, overrides);
		for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
		const res = await call(vendor, 'POST', '/login', { json: body });
		expect(res.status).toBe(status);
		expect(res.body).toEqual({
			error: { code: expect.any(String), message: expect.stringContaining(message) },
		});
		expect(vendor.state.sessions.size).toBe(0);
	});

	it('refuses other encodings and methods', async () => {
		expect(
			(await call(vendor, 'POST', '/login', { raw: 'lickey=1', type: 'text/plain' })).status,
		).toBe(415);
		expect(
			(await call(vendor, 'POST', '/login', { raw: '{"lickey":', type: 'application/json' }))
				.status,
		).toBe(400);
		expect((await call(vendor, 'GET', '/login')).status).toBe(405);
	});

	it.each([
		['token', (b: unknown) => (b as Json).token],
		['accessToken', (b: unknown) => (b as Json).accessToken],
		['string', (b: unknown) => b],
		['text', (b: unknown) => b],
	] as const)('can answer in the %s shape, and that token works', async (shape, pick) => {
		vendor.state.loginResponse = shape;
		const res = await call(vendor, 'POST', '/login', { json: loginBody(vendor) });
		const value = pick(res.body);
		expect(typeof value).toBe('string');
		expect(
			(await call(vendor, 'GET', '/locations?$top=1', { token: value as string })).status,
		).toBe(200);
	});

	it('honours a custom login path', async () => {
		const other = await started({ loginPath: 'api/v1/auth/login/' });
		try {
			// Unknown paths need a token first, so a wrong login path answers 401 rather than 404.
			expect((await call(other, 'POST', '/login', { json: loginBody(other) })).status).toBe(401);
			const res = await call(other, 'POST', '/api/v1/auth/login', { json: loginBody(other) });
			expect(res.status).toBe(200);
			expect(other.emulator.requests('login')).toHaveLength(1);
			expect(other.credentialData()).toMatchObject({
				loginPath: '/api/v1/auth/login',
				url: other.emulator.url,
			});
		} finally {
			await other.emulator.stop();
		}
	});
});

describe('Simple-Simon emulator: bearer token', () => {
	it('answers 401 for a missing, unknown, expired or force-expired token', async () => {
		const vendor = await started({ sessionTtlMs: 150 });
		try {
			const missing = await call(vendor, 'GET', '/locations');
			expect(missing.status).toBe(401);
			expect(missing.headers.get('www-authenticate')).toBe('Bearer');
			expect(missing.body.error).toEqual({ code: 'Unauthorized', message: expect.any(String) });
			expect((await call(vendor, 'GET', '/locations', { token: 'nonsense' })).status).toBe(401);

			const first = await token(vendor);
			expect((await call(vendor, 'GET', '/locations?$top=1', { token: first })).status).toBe(200);
			await delay(200);
			const expired = await call(vendor, 'GET', '/locations?$top=1', { token: first });
			expect(expired.status).toBe(401);
			expect(expired.headers.get('www-authenticate')).toContain('invalid_token');

			const second = await token(vendor);
			vendor.emulator.inject({ when: { op: 'locations:get' }, action: { type: 'expireSessions' } });
			const id = locations(vendor)[0].Id;
			expect((await call(vendor, 'GET', `/locations/${id}`, { token: second })).status).toBe(401);
			expect(vendor.emulator.requests('locations:get')[0].fault).toBe('expireSessions');
			expect(vendor.emulator.requests('locations:list').map((r) => r.status)).toEqual([
				401, 401, 200, 401,
			]);
		} finally {
			await vendor.emulator.stop();
		}
	});
});

describe('Simple-Simon emulator: locations', () => {
	let vendor: Vendor;
	let bearer: string;
	beforeAll(async () => (vendor = await started()));
	afterAll(async () => await vendor.emulator.stop());
	beforeEach(async () => {
		vendor.emulator.reset();
		bearer = await token(vendor);
	});

	it('creates, reads, replaces and deletes a location', async () => {
		const created = await call(vendor, 'POST', '/locations', {
			token: bearer,
			json: {
				Name: "Café 't Hoekje - Terras",
				City: 'Utrecht',
				Country: 'NL',
				Latitude: 52.09,
				'@odata.type': '#SimpleSimon.Location',
			},
		});
		expect(created.status).toBe(201);
		const id = created.body.Id as string;
		expect(created.headers.get('location')).toBe(`${vendor.emulator.url}/locations/${id}`);
		expect(created.body).toMatchObject({
			Name: "Café 't Hoekje - Terras",
			City: 'Utrecht',
			IsActive: true,
			Street: null,
		});
		expect(vendor.state.locations.get(id)?.Latitude).toBe(52.09);

		const got = await call(vendor, 'GET', `/locations/${id.toUpperCase()}?$select=Name,City`, {
			token: bearer,
		});
		expect(got.status).toBe(200);
		expect(got.body).toEqual({
			'@odata.context': expect.stringContaining('$entity'),
			Name: "Café 't Hoekje - Terras",
			City: 'Utrecht',
		});

		// PUT replaces the whole entity: what is left out becomes null.
		const put = await call(vendor, 'PUT', `/locations/${id}`, {
			token: bearer,
			json: { ...created.body, Name: 'Renamed', City: undefined },
		});
		expect(put.status).toBe(200);
		expect(put.body).toMatchObject({
			Id: id,
			Name: 'Renamed',
			City: null,
			Latitude: 52.09,
			CreatedOn: created.body.CreatedOn,
		});
		const minimal = await call(vendor, 'PUT', `/locations/${id}`, {
			token: bearer,
			json: { Name: 'Minimal' },
			headers: { prefer: 'return=minimal' },
		});
		expect(minimal.status).toBe(204);
		expect(vendor.state.locations.get(id)).toMatchObject({ Name: 'Minimal', Latitude: null });

		expect((await call(vendor, 'DELETE', `/locations/${id}`, { token: bearer })).status).toBe(204);
		const gone = await call(vendor, 'GET', `/locations/${id}`, { token: bearer });
		expect(gone.status).toBe(404);
		expect(gone.body.error).toEqual({ code: 'NotFound', message: expect.stringContaining(id) });
		expect((await call(vendor, 'DELETE', `/locations/${id}`, { token: bearer })).status).toBe(404);
		expect(vendor.emulator.log.map((r) => r.op)).toEqual([
			'login',
			'locations:create',
			'locations:get',
			'locations:update',
			'locations:update',
			'locations:delete',
			'locations:get',
			'locations:delete',
		]);
	});

	it.each([
		['POST', '/locations', { json: { City: 'Gent' } }, 400, 'Name field is required'],
		[
			'POST',
			'/locations',
			{ json: { Name: 'X', Colour: 'red' } },
			400,
			"property 'Colour' does not exist",
		],
		[
			'POST',
			'/locations',
			{ json: { Name: 'X', Latitude: '52.1' } },
			400,
			"'Edm.Double' of property 'Latitude'",
		],
		['POST', '/locations', { json: { Name: 'X', CustomerId: '42' } }, 400, 'not a valid Guid'],
		[
			'POST',
			'/locations',
			{ json: { Name: 'X', Id: '0f8fad5b-d9cb-469f-a165-70867728950e' } },
			400,
			'generated by the server',
		],
		['POST', '/locations', { json: [{ Name: 'X' }] }, 400, 'must be a JSON object'],
		[
			'POST',
			'/locations',
			{ raw: '{"Name": "X"', type: 'application/json' },
			400,
			'not valid JSON',
		],
		['POST', '/locations', { form: { Name: 'X' } }, 415, 'application/json'],
		['GET', '/locations/42', {}, 400, "key value '42' is not a valid Guid"],
		['GET', '/locations/0f8fad5b-d9cb-469f-a165-70867728950e', {}, 404, 'No Location'],
		[
			'PATCH',
			'/locations/0f8fad5b-d9cb-469f-a165-70867728950e',
			{ json: { Name: 'X' } },
			405,
			'not allowed',
		],
		['GET', '/widgets', {}, 404, 'No HTTP resource'],
		['GET', '/locations/0f8fad5b-d9cb-469f-a165-70867728950e/pdf', {}, 404, 'No HTTP resource'],
	] as const)('%s %s %j → %i', async (method, path, init, status, message) => {
		const res = await call(vendor, method, path, { token: bearer, ...(init as object) });
		expect(res.status).toBe(status);
		expect(res.body).toEqual({
			error: { code: expect.any(String), message: expect.stringContaining(message) },
		});
		expect(vendor.state.locations.size).toBe(320);
	});

	it('refuses a PUT whose body names another key', async () => {
		const [a, b] = locations(vendor);
		const res = await call(vendor, 'PUT', `/locations/${a.Id}`, {
			token: bearer,
			json: { Id: b.Id, Name: 'X' },
		});
		expect(res.status).toBe(400);
		expect(vendor.state.locations.get(a.Id)?.Name).toBe(a.Name);
	});
});

// ---------------------------------------------------------------- all 13 collections

const rows = (vendor: Vendor, collection: Collection): Row[] =>
	Array.from(vendor.state.tables[collection].values());
const idOf = (vendor: Vendor, collection: Collection, index = 0) =>
	String(rows(vendor, collection)[index].Id);
/** A seeded location nothing refers to (the seed links only the first LINKED_LOCATIONS). */
const freeLocation = (vendor: Vendor, offset = 0) =>
	idOf(vendor, 'locations', LINKED_LOCATIONS + offset);

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const BYTES = Buffer.from(Array.from({ length: 700 }, (_, i) => (i * 37 + 11) % 256));

interface CrudCase {
	/** A full create body. */
	create: (v: Vendor) => Json;
	/** What the stored row shows for values the server normalises (dates, GUID case, numbers it makes). */
	stored?: Json;
	/** A PUT body with only some properties; everything else must become null or its default. */
	replace: (v: Vendor, created: Json) => Json;
	/** Properties the PUT keeps or defaults instead of nulling. */
	afterReplace?: (created: Json) => Json;
}

const CRUD: Record<Collection, CrudCase> = {
	customers: {
		create: () => ({
			Code: 'CUS-9001',
			Name: "Bakkerij 't Stoepje",
			Email: 'info@stoepje.nl',
			Phone: '+31 20 1234567',
			Street: 'Kerkstraat',
			HouseNumber: '12a',
			PostalCode: '1012 AB',
			City: 'Amsterdam',
			Country: 'NL',
			VatNumber: 'NL001234567B01',
			IsActive: false,
		}),
		replace: () => ({ Name: 'Stoepje B.V.' }),
		afterReplace: () => ({ IsActive: true }),
	},
	contacts: {
		create: (v) => ({
			FirstName: 'Anna',
			LastName: "O'Brien",
			Email: 'anna@example.nl',
			Phone: '+31 20 7654321',
			Mobile: '+31 6 12345678',
			JobTitle: 'Huismeester',
			CustomerId: idOf(v, 'customers', 3).toUpperCase(),
			LocationId: null,
		}),
		stored: {},
		replace: (v) => ({ LastName: 'Brien', LocationId: freeLocation(v) }),
	},
	locations: {
		create: (v) => ({
			Code: 'LOC-X',
			Name: 'Magazijn Gent',
			Street: 'Veldstraat',
			HouseNumber: '1',
			PostalCode: '9000',
			City: 'Gent',
			Country: 'BE',
			Phone: '+32 9 1234567',
			Email: 'gent@example.be',
			CustomerId: idOf(v, 'customers', 1),
			Remarks: 'Achteringang',
			Latitude: 51.05,
			Longitude: 3.72,
			IsActive: false,
		}),
		replace: () => ({ Name: 'Magazijn' }),
		afterReplace: () => ({ IsActive: true }),
	},
	workorders: {
		create: (v) => ({
			Description: "Storing 'Remeha' ketel",
			LocationId: freeLocation(v),
			CustomerId: idOf(v, 'customers', 2),
			Status: 'Planned',
			Priority: 2,
			PlannedDate: '2026-03-01T09:30:00+01:00',
			Reference: 'PO-1',
			Remarks: 'Sleutel bij buren',
		}),
		stored: { Number: 'WO-000151', PlannedDate: '2026-03-01T08:30:00.000Z' },
		replace: (v) => ({ Description: 'Alleen omschrijving', LocationId: freeLocation(v, 1) }),
		afterReplace: () => ({ Number: 'WO-000151', Status: 'Open' }),
	},
	equipment: {
		create: (v) => ({
			Name: 'Warmtepomp',
			LocationId: freeLocation(v),
			SerialNumber: 'SN-1',
			Brand: 'Daikin',
			Model: 'Altherma 3',
			InstallationDate: '2020-05-01',
			Remarks: 'Garantie tot 2027',
		}),
		stored: { InstallationDate: '2020-05-01T00:00:00.000Z' },
		replace: (v) => ({ Name: 'Warmtepomp 2', LocationId: freeLocation(v) }),
	},
	itemgroups: {
		create: () => ({ Code: 'GRP-X', Name: 'Zonnepanelen', Description: 'PV' }),
		replace: () => ({ Name: 'PV' }),
	},
	items: {
		create: (v) => ({
			Code: 'ART-X',
			Description: 'Knelkoppeling 15 mm',
			ItemGroupId: idOf(v, 'itemgroups', 2),
			Unit: 'st',
			Price: 3.25,
			IsActive: false,
		}),
		replace: (v) => ({
			Code: 'ART-Y',
			Description: 'Knelkoppeling 22 mm',
			ItemGroupId: idOf(v, 'itemgroups', 3),
		}),
		afterReplace: () => ({ IsActive: true }),
	},
	users: {
		create: () => ({
			Name: 'Kees Monteur',
			Email: 'kees@example.nl',
			Role: 'Field',
			Phone: '+31 6 87654321',
			IsActive: false,
		}),
		replace: () => ({ Name: 'Kees', Email: 'kees2@example.nl' }),
		afterReplace: () => ({ IsActive: true }),
	},
	plannings: {
		create: (v) => ({
			WorkOrderId: idOf(v, 'workorders', 4),
			UserId: idOf(v, 'users', 6),
			StartTime: '2026-02-03T08:00:00Z',
			EndTime: '2026-02-03T10:30:00.000Z',
			Remarks: 'Eerst bellen',
		}),
		stored: { StartTime: '2026-02-03T08:00:00.000Z' },
		replace: (v) => ({
			WorkOrderId: idOf(v, 'workorders', 4),
			UserId: idOf(v, 'users', 7),
			StartTime: '2026-02-04T08:00:00Z',
			EndTime: '2026-02-04T09:00:00Z',
		}),
		afterReplace: () => ({
			StartTime: '2026-02-04T08:00:00.000Z',
			EndTime: '2026-02-04T09:00:00.000Z',
		}),
	},
	workordersurveys: {
		create: (v) => ({
			WorkOrderId: idOf(v, 'workorders', 5),
			Name: 'Opleverlijst',
			Status: 'Completed',
			Answers: '{"Druk":"1,5 bar"}',
			CompletedOn: '2026-01-10T14:00:00Z',
		}),
		stored: { CompletedOn: '2026-01-10T14:00:00.000Z' },
		replace: (v) => ({ WorkOrderId: idOf(v, 'workorders', 5), Name: 'Opleverlijst v2' }),
		afterReplace: () => ({ Status: 'Open' }),
	},
	useditems: {
		create: (v) => ({
			WorkOrderId: idOf(v, 'workorders', 6),
			ItemId: idOf(v, 'items', 7),
			Description: 'Knelkoppeling',
			Quantity: 2.5,
			Unit: 'm',
			Price: 3.2,
		}),
		replace: (v) => ({ WorkOrderId: idOf(v, 'workorders', 6), Quantity: 1 }),
	},
	timesheets: {
		create: (v) => ({
			WorkOrderId: idOf(v, 'workorders', 7),
			UserId: idOf(v, 'users', 8),
			Date: '2026-02-03T00:00:00Z',
			Type: 'Travel',
			Hours: 1.25,
			Remarks: 'Files',
		}),
		stored: { Date: '2026-02-03T00:00:00.000Z' },
		replace: (v) => ({
			WorkOrderId: idOf(v, 'workorders', 7),
			UserId: idOf(v, 'users', 8),
			Date: '2026-02-04',
			Hours: 8,
		}),
		afterReplace: () => ({ Type: 'Work', Date: '2026-02-04T00:00:00.000Z' }),
	},
	attachments: {
		create: (v) => ({
			FileName: 'meterkast.bin',
			ContentType: 'application/octet-stream',
			Description: 'Foto meterkast',
			Content: BYTES.toString('base64'),
			WorkOrderId: idOf(v, 'workorders', 8),
		}),
		stored: { Size: BYTES.length },
		replace: () => ({ FileName: 'meterkast-2.bin' }),
		// Content, ContentType and the parent cannot change; a PUT that leaves them out keeps them.
		afterReplace: (created) => ({
			Content: created.Content,
			ContentType: created.ContentType,
			WorkOrderId: created.WorkOrderId,
			Size: BYTES.length,
		}),
	},
};

describe('Simple-Simon emulator: every collection', () => {
	let vendor: Vendor;
	let bearer: string;
	beforeAll(async () => (vendor = await started()));
	afterAll(async () => await vendor.emulator.stop());
	beforeEach(async () => {
		vendor.emulator.reset();
		bearer = await token(vendor);
	});

	it('seeds all 13 collections deterministically, with valid links and server fields', () => {
		const other = createSimpleSimonEmulator();
		for (const collection of COLLECTIONS) {
			expect(vendor.state.tables[collection].size).toBeGreaterThan(5);
			expect(rows(other, collection)).toEqual(rows(vendor, collection));
			for (const row of rows(vendor, collection)) {
				expect(String(row.Id)).toMatch(GUID);
				expect(String(row.CreatedOn)).toMatch(ISO_MS);
				expect(String(row.ModifiedOn) >= String(row.CreatedOn)).toBe(true);
				for (const [name, field] of Object.entries(ENTITY_TABLES[collection].fields)) {
					if (field.ref && row[name] != null)
						expect(vendor.state.tables[field.ref].has(String(row[name]))).toBe(true);
					if (field.required) expect(row[name]).not.toBeNull();
				}
				expect(ENTITY_TABLES[collection].check?.(row)).toBeUndefined();
			}
		}
		expect(vendor.state.tables.locations.size).toBe(320);
		expect(vendor.state.locations).toBe(vendor.state.tables.locations);
		expect(createSimpleSimonEmulator({ seedCount: 12 }).state.tables.locations.size).toBe(12);
	});

	it.each(COLLECTIONS)(
		'%s: create (201 + Location), get, list, PUT full replace, delete, 404 after',
		async (collection) => {
			const spec = CRUD[collection];
			const path = `/${collection}`;
			const body = spec.create(vendor);
			const before = vendor.state.tables[collection].size;
			const created = await call(vendor, 'POST', path, { token: bearer, json: body });
			expect(created.status).toBe(201);
			const id = created.body.Id as string;
			expect(id).toMatch(GUID);
			expect(created.headers.get('location')).toBe(`${vendor.emulator.url}${path}/${id}`);
			const normalised: Json = {};
			for (const [k, v] of Object.entries(body))
				normalised[k] = typeof v === 'string' && /Id$/.test(k) ? v.toLowerCase() : v;
			expect(created.body).toMatchObject({ ...normalised, ...spec.stored });
			expect(created.body.CreatedOn).toMatch(ISO_MS);
			expect(created.body.ModifiedOn).toBe(created.body.CreatedOn);
			// Every property of the type is present, in the table's order.
			expect(Object.keys(created.body)).toEqual([
				'@odata.context',
				'Id',
				...Object.keys(ENTITY_TABLES[collection].fields),
				'CreatedOn',
				'ModifiedOn',
			]);
			const { '@odata.context': context, ...stored } = created.body;
			expect(context).toBe(`${vendor.emulator.url}/$metadata#${collection}/$entity`);
			expect(vendor.state.tables[collection].get(id)).toEqual(stored);
			expect(vendor.state.tables[collection].size).toBe(before + 1);

			const got = await call(vendor, 'GET', `${path}/${id}`, { token: bearer });
			expect(got.status).toBe(200);
			expect(got.body).toEqual(created.body);

			const listed = await call(vendor, 'GET', `${path}?$filter=Id eq ${id}`, { token: bearer });
			expect(listed.status).toBe(200);
			expect(listed.body.value).toHaveLength(1);
			expect((listed.body.value as Json[])[0].Id).toBe(id);

			const replacement = spec.replace(vendor, created.body);
			const put = await call(vendor, 'PUT', `${path}/${id}`, { token: bearer, json: replacement });
			expect(put.status).toBe(200);
			const expected: Json = {};
			for (const [name, field] of Object.entries(ENTITY_TABLES[collection].fields))
				expected[name] = field.default ?? null;
			Object.assign(expected, replacement, spec.afterReplace?.(created.body));
			for (const [k, v] of Object.entries(expected))
				if (typeof v === 'string' && /Id$/.test(k)) expected[k] = v.toLowerCase();
			const replaced = Object.fromEntries(Object.entries(put.body).filter(([key]) => key !== '@odata.context'));
			expect(replaced).toEqual({
				Id: id,
				...expected,
				CreatedOn: created.body.CreatedOn,
				ModifiedOn: expect.stringMatching(ISO_MS),
			});
			expect(String(put.body.ModifiedOn) > String(created.body.ModifiedOn)).toBe(true);
			expect(vendor.state.tables[collection].get(id)).toEqual(replaced);

			const removed = await call(vendor, 'DELETE', `${path}/${id}`, { token: bearer });
			expect(removed.status).toBe(204);
			expect(vendor.state.tables[collection].has(id)).toBe(false);
			const gone = await call(vendor, 'GET', `${path}/${id}`, { token: bearer });
			expect(gone.status).toBe(404);
			expect(gone.body).toEqual({
				error: {
					code: 'NotFound',
					message: `No ${ENTITY_TABLES[collection].name} with the key '${id}' was found.`,
				},
			});
			expect(vendor.emulator.log.map((r) => r.op)).toEqual([
				'login',
				`${collection}:create`,
				`${collection}:get`,
				`${collection}:list`,
				`${collection}:update`,
				`${collection}:delete`,
				`${collection}:get`,
			]);
		},
	);

	const fkCases = COLLECTIONS.flatMap((collection) =>
		Object.entries(ENTITY_TABLES[collection].fields)
			.filter(([, field]) => field.ref)
			.map(([name, field]) => [collection, name, field.ref!] as const),
	);

	it.each(fkCases)(
		'%s.%s must name an existing %s (400 on create and on PUT)',
		async (collection, key, target) => {
			const missing = '0f8fad5b-d9cb-469f-a165-70867728950e';
			const body = { ...CRUD[collection].create(vendor) };
			// Attachments and contacts need exactly one / at least one parent: move the link to `key`.
			if (collection === 'attachments') delete body.WorkOrderId;
			if (collection === 'contacts') delete body.CustomerId;
			const res = await call(vendor, 'POST', `/${collection}`, {
				token: bearer,
				json: { ...body, [key]: missing },
			});
			expect(res.status).toBe(400);
			expect(res.body).toEqual({
				error: {
					code: 'BadRequest',
					message: `The ${ENTITY_TABLES[target].name} with the key '${missing}' named by '${key}' does not exist.`,
				},
			});
			const notGuid = await call(vendor, 'POST', `/${collection}`, {
				token: bearer,
				json: { ...body, [key]: 'LOC-1' },
			});
			expect(notGuid.status).toBe(400);
			expect((notGuid.body.error as Json).message).toBe(
				`The value of property '${key}' is not a valid Guid.`,
			);
			const seeded = rows(vendor, collection)[0];
			if (!ENTITY_TABLES[collection].fields[key].immutable) {
				const put = await call(vendor, 'PUT', `/${collection}/${String(seeded.Id)}`, {
					token: bearer,
					json: { ...seeded, [key]: missing },
				});
				expect(put.status).toBe(400);
				expect((put.body.error as Json).message).toContain(`named by '${key}' does not exist`);
			}
			expect(vendor.state.tables[collection].get(String(seeded.Id))).toEqual(seeded);
		},
	);

	it.each(
		COLLECTIONS.flatMap((collection) =>
			Object.entries(ENTITY_TABLES[collection].fields)
				.filter(([, field]) => field.required)
				.map(([name]) => [collection, name] as const),
		),
	)('%s without %s → 400 "field is required"', async (collection, name) => {
		const body = { ...CRUD[collection].create(vendor) };
		delete body[name];
		const res = await call(vendor, 'POST', `/${collection}`, { token: bearer, json: body });
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			error: { code: 'BadRequest', message: `The ${name} field is required.` },
		});
		const nulled = await call(vendor, 'POST', `/${collection}`, {
			token: bearer,
			json: { ...body, [name]: null },
		});
		expect(nulled.status).toBe(400);
		expect((nulled.body.error as Json).message).toBe(`The ${name} field is required.`);
	});

	it.each(COLLECTIONS)('%s refuses unknown and mistyped properties', async (collection) => {
		const table = ENTITY_TABLES[collection];
		const body = CRUD[collection].create(vendor);
		const unknown = await call(vendor, 'POST', `/${collection}`, {
			token: bearer,
			json: { ...body, Colour: 'red' },
		});
		expect(unknown.status).toBe(400);
		expect((unknown.body.error as Json).message).toBe(
			`The property 'Colour' does not exist on type 'SimpleSimon.${table.name}'. Make sure to only use property names that are defined by the type.`,
		);
		const [name, field] = Object.entries(table.fields).find(([, f]) => f.type === 'Edm.String')!;
		const mistyped = await call(vendor, 'POST', `/${collection}`, {
			token: bearer,
			json: { ...body, [name]: 42 },
		});
		expect(mistyped.status).toBe(400);
		expect((mistyped.body.error as Json).message).toBe(
			`Cannot convert a value of type 'number' to the expected type '${field.type}' of property '${name}'.`,
		);
		expect(vendor.emulator.log.filter((r) => r.op === `${collection}:create`)).toHaveLength(2);
	});

	const rules: Array<[Collection, (v: Vendor) => Json, string]> = [
		['contacts', () => ({ LastName: 'Los' }), 'A Contact must belong to a customer or a location'],
		[
			'locations',
			() => ({ Name: 'X', Country: 'NLD' }),
			"The value of property 'Country' must be an ISO 3166-1 alpha-2 code such as NL.",
		],
		[
			'customers',
			() => ({ Name: 'X', Email: 'geen-adres' }),
			"The value of property 'Email' is not a valid e-mail address.",
		],
		[
			'workorders',
			(v) => ({ Description: 'X', LocationId: freeLocation(v), Status: 'Done' }),
			"The value of property 'Status' must be one of Open, Planned, InProgress, Completed, Invoiced, Cancelled.",
		],
		[
			'workorders',
			(v) => ({ Description: 'X', LocationId: freeLocation(v), Priority: 6 }),
			"The value of property 'Priority' must be at most 5.",
		],
		[
			'workorders',
			(v) => ({ Description: 'X', LocationId: freeLocation(v), Priority: 2.5 }),
			"Cannot convert a value of type 'float' to the expected type 'Edm.Int32' of property 'Priority'.",
		],
		[
			'workorders',
			(v) => ({ Description: 'X', LocationId: freeLocation(v), PlannedDate: '2026-02-30' }),
			"The value of property 'PlannedDate' is not a valid Edm.DateTimeOffset",
		],
		[
			'workorders',
			(v) => ({ Description: 'X', LocationId: freeLocation(v), PlannedDate: '03/01/2026' }),
			"The value of property 'PlannedDate' is not a valid Edm.DateTimeOffset",
		],
		[
			'users',
			() => ({ Name: 'X', Email: 'x@example.nl', Role: 'Admin' }),
			"The value of property 'Role' must be one of Office, Field.",
		],
		[
			'plannings',
			(v) => ({
				WorkOrderId: idOf(v, 'workorders'),
				UserId: idOf(v, 'users'),
				StartTime: '2026-01-01T10:00:00Z',
				EndTime: '2026-01-01T11:00:00+01:00',
			}),
			'The EndTime of a Planning must be after its StartTime.',
		],
		[
			'timesheets',
			(v) => ({
				WorkOrderId: idOf(v, 'workorders'),
				UserId: idOf(v, 'users'),
				Date: '2026-01-01',
				Hours: 24.5,
			}),
			"The value of property 'Hours' must be at most 24.",
		],
		[
			'timesheets',
			(v) => ({
				WorkOrderId: idOf(v, 'workorders'),
				UserId: idOf(v, 'users'),
				Date: '2026-01-01',
				Hours: 0,
				Type: 'Work',
			}),
			"The value of property 'Hours' must be greater than 0.",
		],
		[
			'timesheets',
			(v) => ({
				WorkOrderId: idOf(v, 'workorders'),
				UserId: idOf(v, 'users'),
				Date: '2026-01-01',
				Hours: 2,
				Type: 'Pause',
			}),
			"The value of property 'Type' must be one of Work, Travel.",
		],
		[
			'useditems',
			(v) => ({ WorkOrderId: idOf(v, 'workorders'), Quantity: -1 }),
			"The value of property 'Quantity' must be greater than 0.",
		],
		[
			'workordersurveys',
			(v) => ({ WorkOrderId: idOf(v, 'workorders'), Name: 'X', Status: 'Closed' }),
			"The value of property 'Status' must be one of Open, Completed.",
		],
		[
			'attachments',
			() => ({ FileName: 'a.txt', Content: 'aGk=' }),
			'An Attachment belongs to exactly one parent',
		],
		[
			'attachments',
			(v) => ({
				FileName: 'a.txt',
				Content: 'aGk=',
				WorkOrderId: idOf(v, 'workorders'),
				CustomerId: idOf(v, 'customers'),
			}),
			'An Attachment belongs to exactly one parent',
		],
		[
			'attachments',
			(v) => ({ FileName: 'a.txt', Content: 'not base64!', LocationId: freeLocation(v) }),
			"The value of property 'Content' is not a valid base64 (Edm.Binary) value.",
		],
		[
			'attachments',
			(v) => ({ FileName: 'a.txt', Content: 'aGk', LocationId: freeLocation(v) }),
			"The value of property 'Content' is not a valid base64 (Edm.Binary) value.",
		],
		[
			'attachments',
			(v) => ({ FileName: 'a.txt', LocationId: freeLocation(v) }),
			'The Content field is required.',
		],
		[
			'attachments',
			(v) => ({
				FileName: 'a.txt',
				Content: 'aGk=',
				Size: 3,
				LocationId: freeLocation(v),
				Id: idOf(v, 'attachments'),
			}),
			'generated by the server',
		],
	];

	it.each(rules)('%s %j → 400 %s', async (collection, body, message) => {
		const res = await call(vendor, 'POST', `/${collection}`, { token: bearer, json: body(vendor) });
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			error: { code: 'BadRequest', message: expect.stringContaining(message) },
		});
		expect(vendor.state.tables[collection].size).toBe(
			rows(createSimpleSimonEmulator(), collection).length,
		);
	});

	it('numbers work orders WO-000151, WO-000152… unless a Number is given; a PUT keeps the number', async () => {
		const make = async (extra: Json = {}) =>
			await call(vendor, 'POST', '/workorders', {
				token: bearer,
				json: { Description: 'X', LocationId: freeLocation(vendor), ...extra },
			});
		expect((await make()).body).toMatchObject({
			Number: 'WO-000151',
			Status: 'Open',
			Priority: null,
		});
		expect((await make({ Number: 'EXT-7' })).body.Number).toBe('EXT-7');
		const third = await make({ Number: null });
		expect(third.body.Number).toBe('WO-000152');
		const put = await call(vendor, 'PUT', `/workorders/${String(third.body.Id)}`, {
			token: bearer,
			json: { Description: 'Y', LocationId: freeLocation(vendor) },
		});
		expect(put.body.Number).toBe('WO-000152');
		const renumbered = await call(vendor, 'PUT', `/workorders/${String(third.body.Id)}`, {
			token: bearer,
			json: { Description: 'Y', LocationId: freeLocation(vendor), Number: 'WO-9' },
		});
		expect(renumbered.body.Number).toBe('WO-9');
	});

	it('refuses to delete a row others refer to (409) until the children are gone', async () => {
		const location = freeLocation(vendor, 5);
		const wo = await call(vendor, 'POST', '/workorders', {
			token: bearer,
			json: { Description: 'Keten', LocationId: location },
		});
		const woId = String(wo.body.Id);
		const children: Array<[Collection, Json]> = [
			[
				'plannings',
				{
					WorkOrderId: woId,
					UserId: idOf(vendor, 'users'),
					StartTime: '2026-01-01T08:00:00Z',
					EndTime: '2026-01-01T09:00:00Z',
				},
			],
			[
				'timesheets',
				{ WorkOrderId: woId, UserId: idOf(vendor, 'users'), Date: '2026-01-01', Hours: 1 },
			],
			['useditems', { WorkOrderId: woId, Quantity: 1 }],
			['workordersurveys', { WorkOrderId: woId, Name: 'Check' }],
			['attachments', { WorkOrderId: woId, FileName: 'a.txt', Content: 'aGk=' }],
		];
		const ids: string[] = [];
		for (const [collection, body] of children) {
			const res = await call(vendor, 'POST', `/${collection}`, { token: bearer, json: body });
			expect(res.status).toBe(201);
			ids.push(String(res.body.Id));
		}
		const refused = await call(vendor, 'DELETE', `/locations/${location}`, { token: bearer });
		expect(refused.status).toBe(409);
		expect(refused.body).toEqual({
			error: {
				code: 'Conflict',
				message: `The Location '${location}' cannot be deleted because other records refer to it: 1 WorkOrder (LocationId). Delete those first.`,
			},
		});
		const blocked = await call(vendor, 'DELETE', `/workorders/${woId}`, { token: bearer });
		expect(blocked.status).toBe(409);
		expect((blocked.body.error as Json).message).toBe(
			`The WorkOrder '${woId}' cannot be deleted because other records refer to it: 1 Planning (WorkOrderId), 1 WorkOrderSurvey (WorkOrderId), 1 UsedItem (WorkOrderId), 1 TimeSheet (WorkOrderId), 1 Attachment (WorkOrderId). Delete those first.`,
		);
		expect(vendor.state.tables.workorders.has(woId)).toBe(true);
		for (const [i, [collection]] of children.entries()) {
			expect(
				(await call(vendor, 'DELETE', `/${collection}/${ids[i]}`, { token: bearer })).status,
			).toBe(204);
		}
		expect((await call(vendor, 'DELETE', `/workorders/${woId}`, { token: bearer })).status).toBe(
			204,
		);
		expect((await call(vendor, 'DELETE', `/locations/${location}`, { token: bearer })).status).toBe(
			204,
		);
		// Seeded parents are referenced too: a customer with locations, an item group with items.
		expect(
			(await call(vendor, 'DELETE', `/customers/${idOf(vendor, 'customers')}`, { token: bearer }))
				.status,
		).toBe(409);
		expect(
			(await call(vendor, 'DELETE', `/itemgroups/${idOf(vendor, 'itemgroups')}`, { token: bearer }))
				.status,
		).toBe(409);
		expect(
			(await call(vendor, 'DELETE', `/users/${idOf(vendor, 'users', 6)}`, { token: bearer }))
				.status,
		).toBe(409);
	});

	it('accepts the OData key syntax /collection({id}) for get, PUT, delete and the PDF', async () => {
		const id = idOf(vendor, 'workorders', 3);
		const got = await call(vendor, 'GET', `/workorders(${id})`, { token: bearer });
		expect(got.status).toBe(200);
		expect(got.body.Id).toBe(id);
		const quoted = await call(vendor, 'GET', `/workorders('${id.toUpperCase()}')`, {
			token: bearer,
		});
		expect(quoted.body.Id).toBe(id);
		const item = await call(vendor, 'POST', '/itemgroups', {
			token: bearer,
			json: { Name: 'Tijdelijk' },
		});
		const gid = String(item.body.Id);
		const put = await call(vendor, 'PUT', `/itemgroups(${gid})`, {
			token: bearer,
			json: { Name: 'Vast' },
		});
		expect(put.body.Name).toBe('Vast');
		expect((await call(vendor, 'GET', `/workorders(${id})/pdf`, { token: bearer })).status).toBe(
			200,
		);
		expect((await call(vendor, 'DELETE', `/itemgroups(Id=${gid})`, { token: bearer })).status).toBe(
			204,
		);
		expect(vendor.emulator.log.map((r) => r.op).slice(1)).toEqual([
			'workorders:get',
			'workorders:get',
			'itemgroups:create',
			'itemgroups:update',
			'workorders:pdf',
			'itemgroups:delete',
		]);
	});
});

describe('Simple-Simon emulator: attachments and PDFs', () => {
	let vendor: Vendor;
	let bearer: string;
	beforeAll(async () => (vendor = await started()));
	afterAll(async () => await vendor.emulator.stop());
	beforeEach(async () => {
		vendor.emulator.reset();
		bearer = await token(vendor);
	});

	it('round-trips binary content as base64, leaves it out of lists, and refuses to change it', async () => {
		const bytes = Buffer.concat([BYTES, Buffer.from([0, 255, 0x0d, 0x0a])]);
		const created = await call(vendor, 'POST', '/attachments', {
			token: bearer,
			json: {
				FileName: 'scan.pdf',
				ContentType: 'application/pdf',
				Content: bytes.toString('base64'),
				CustomerId: idOf(vendor, 'customers', 9),
			},
		});
		expect(created.status).toBe(201);
		const id = String(created.body.Id);
		expect(created.body.Size).toBe(bytes.length);
		const got = await call(vendor, 'GET', `/attachments/${id}`, { token: bearer });
		expect(Buffer.from(String(got.body.Content), 'base64').equals(bytes)).toBe(true);

		const listed = await call(vendor, 'GET', `/attachments?$filter=Id eq ${id}`, { token: bearer });
		expect(listed.body.value).toEqual([
			expect.not.objectContaining({ Content: expect.anything() }),
		]);
		expect((listed.body.value as Json[])[0]).toMatchObject({
			FileName: 'scan.pdf',
			Size: bytes.length,
		});
		for (const query of ['$select=Content', "$filter=Content eq 'x'", '$orderby=Content']) {
			const res = await call(vendor, 'GET', `/attachments?${query}`, { token: bearer });
			expect(res.status).toBe(400);
			expect((res.body.error as Json).message).toBe(
				"Could not find a property named 'Content' on type 'SimpleSimon.Attachment'.",
			);
		}
		const selected = await call(vendor, 'GET', `/attachments/${id}?$select=FileName,Content`, {
			token: bearer,
		});
		expect(selected.body).toEqual({
			'@odata.context': expect.any(String),
			FileName: 'scan.pdf',
			Content: bytes.toString('base64'),
		});

		// Read → merge → PUT sends Content, Size and the dates back unchanged: accepted.
		const full = Object.fromEntries(Object.entries(got.body).filter(([key]) => key !== '@odata.context'));
		const renamed = await call(vendor, 'PUT', `/attachments/${id}`, {
			token: bearer,
			json: { ...full, FileName: 'scan-2.pdf', Description: 'Getekend' },
		});
		expect(renamed.status).toBe(200);
		expect(renamed.body).toMatchObject({
			FileName: 'scan-2.pdf',
			Description: 'Getekend',
			Size: bytes.length,
		});
		for (const [name, value] of [
			['Content', 'aGk='],
			['ContentType', 'text/plain'],
			['CustomerId', idOf(vendor, 'customers', 8)],
		] as const) {
			const res = await call(vendor, 'PUT', `/attachments/${id}`, {
				token: bearer,
				json: { ...full, [name]: value },
			});
			expect(res.status).toBe(400);
			expect((res.body.error as Json).message).toBe(
				`The property '${name}' of a Attachment cannot be changed after it is created.`,
			);
		}
		const stored = vendor.state.tables.attachments.get(id)!;
		expect(Buffer.from(String(stored.Content), 'base64').equals(bytes)).toBe(true);
		expect(stored.FileName).toBe('scan-2.pdf');
	});

	it('accepts up to 10 MB of decoded content and refuses more', async () => {
		const limit = 10 * 1024 * 1024;
		const body = (size: number) => ({
			FileName: 'big.bin',
			Content: Buffer.alloc(size, 7).toString('base64'),
			LocationId: freeLocation(vendor),
		});
		const fits = await call(vendor, 'POST', '/attachments', { token: bearer, json: body(limit) });
		expect(fits.status).toBe(201);
		expect(fits.body.Size).toBe(limit);
		const over = await call(vendor, 'POST', '/attachments', {
			token: bearer,
			json: body(limit + 1),
		});
		expect(over.status).toBe(400);
		expect((over.body.error as Json).message).toBe(
			`The value of property 'Content' must not exceed ${limit} bytes.`,
		);
	});

	/** Checks the PDF is well-formed: header, trailer, and a startxref that points at the xref table. */
	function expectPdf(bytes: Buffer, text: string) {
		const body = bytes.toString('latin1');
		expect(body.startsWith('%PDF-1.4\n')).toBe(true);
		expect(body.trimEnd().endsWith('%%EOF')).toBe(true);
		const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(body)![1]);
		expect(body.slice(startxref, startxref + 4)).toBe('xref');
		const offsets = [...body.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
		expect(offsets).toHaveLength(6);
		offsets.forEach((offset, i) =>
			expect(body.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true),
		);
		const stream = /stream\n([\s\S]*?)\nendstream/.exec(body)![1];
		expect(Number(/\/Length (\d+)/.exec(body)![1])).toBe(Buffer.byteLength(stream, 'latin1'));
		expect(body).toContain(`(${text}`);
	}

	it.each([
		[
			'workorders',
			(row: Row) => `${String(row.Number)}.pdf`,
			(row: Row) => `Werkbon ${String(row.Number)}`,
		],
		[
			'workordersurveys',
			(row: Row, v: Vendor) =>
				`${String(v.state.tables.workorders.get(String(row.WorkOrderId))!.Number)} ${String(row.Name)}.pdf`,
			(row: Row) => String(row.Name),
		],
	] as const)(
		'GET /%s/{id}/pdf returns a small valid PDF naming the record',
		async (collection, fileName, title) => {
			const row = rows(vendor, collection)[2];
			const res = await fetch(`${vendor.emulator.url}/${collection}/${String(row.Id)}/pdf`, {
				headers: { authorization: `Bearer ${bearer}` },
			});
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('application/pdf');
			expect(res.headers.get('content-disposition')).toBe(
				`attachment; filename="${fileName(row, vendor)}"`,
			);
			expectPdf(Buffer.from(await res.arrayBuffer()), title(row));
			expect(vendor.emulator.requests(`${collection}:pdf`)).toHaveLength(1);

			const missing = await call(
				vendor,
				'GET',
				`/${collection}/0f8fad5b-d9cb-469f-a165-70867728950e/pdf`,
				{ token: bearer },
			);
			expect(missing.status).toBe(404);
			expect((missing.body.error as Json).code).toBe('NotFound');
			expect(
				(await call(vendor, 'POST', `/${collection}/${String(row.Id)}/pdf`, { token: bearer }))
					.status,
			).toBe(405);
			expect((await call(vendor, 'GET', `/${collection}/${String(row.Id)}/pdf`)).status).toBe(401);
		},
	);

	it('names the PDF after a new work order number', async () => {
		const wo = await call(vendor, 'POST', '/workorders', {
			token: bearer,
			json: { Description: 'Nieuw (met haakjes) \\ en é', LocationId: freeLocation(vendor) },
		});
		const res = await fetch(`${vendor.emulator.url}/workorders/${String(wo.body.Id)}/pdf`, {
			headers: { authorization: `Bearer ${bearer}` },
		});
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="WO-000151.pdf"');
		const body = Buffer.from(await res.arrayBuffer()).toString('latin1');
		expect(body).toContain('(Werkbon WO-000151)');
		expect(body).toContain('(Nieuw \\(met haakjes\\) \\\\ en \xe9)');
	});
});

describe('Simple-Simon emulator: OData queries', () => {
	let vendor: Vendor;
	let bearer: string;
	beforeAll(async () => {
		vendor = await started();
		bearer = await token(vendor);
	});
	afterAll(async () => await vendor.emulator.stop());

	const get = async (collection: string, query: Record<string, string>) =>
		await call(vendor, 'GET', `/${collection}?${new URLSearchParams(query).toString()}`, {
			token: bearer,
		});

	/** Follows @odata.nextLink from the first page to the last. */
	async function all(
		collection: string,
		query: Record<string, string>,
	): Promise<{ rows: Json[]; pages: number }> {
		const out: Json[] = [];
		let res = await get(collection, query);
		let pages = 1;
		for (;;) {
			expect(res.status).toBe(200);
			out.push(...(res.body.value as Json[]));
			const next = res.body['@odata.nextLink'] as string | undefined;
			if (!next) return { rows: out, pages };
			expect(next.startsWith(vendor.emulator.url)).toBe(true);
			res = await call(vendor, 'GET', next, { token: bearer });
			pages += 1;
		}
	}

	it('pages the 320 seeded locations 100 at a time with @odata.nextLink, none missing or repeated', async () => {
		const { rows: got, pages } = await all('locations', { $count: 'true' });
		expect(pages).toBe(4);
		expect(got.map((r) => r.Id)).toEqual(locations(vendor).map((l) => l.Id));
		expect(new Set(got.map((r) => r.Id)).size).toBe(320);
		const first = vendor.emulator.log.filter((r) => r.op === 'locations:list').at(-4)!;
		expect(first.query).toEqual({ $count: 'true' });
		const last = vendor.emulator.log.at(-1)!;
		expect(last.query).toEqual({ $count: 'true', $skip: '300' });
	});

	it('keeps $top, $filter and $orderby across pages and reports @odata.count', async () => {
		const first = await get('locations', {
			$top: '250',
			$skip: '10',
			$count: 'true',
			$filter: "Country eq 'NL'",
			$orderby: 'Name',
		});
		const nl = locations(vendor).filter((l) => l.Country === 'NL');
		expect(first.body['@odata.count']).toBe(nl.length);
		expect(first.body.value).toHaveLength(100);
		const next = new URL(first.body['@odata.nextLink'] as string);
		expect(Object.fromEntries(next.searchParams)).toEqual({
			$top: '150',
			$skip: '110',
			$count: 'true',
			$filter: "Country eq 'NL'",
			$orderby: 'Name',
		});
		const { rows: got } = await all('locations', {
			$top: '250',
			$skip: '10',
			$filter: "Country eq 'NL'",
			$orderby: 'Name',
		});
		expect(got).toHaveLength(Math.min(250, nl.length - 10));
		const sorted = [...nl].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
		expect(got.map((r) => r.Id)).toEqual(sorted.slice(10, 260).map((l) => l.Id));
	});

	it.each([7, 30, 149, 150, 1000])(
		'server page size %i: the pages of /workorders add up to every row exactly once',
		async (pageSize) => {
			vendor.state.pageSize = pageSize;
			try {
				const { rows: got, pages } = await all('workorders', { $count: 'true' });
				expect(pages).toBe(Math.max(1, Math.ceil(150 / pageSize)));
				expect(got.map((r) => r.Id)).toEqual(rows(vendor, 'workorders').map((r) => r.Id));
				expect(new Set(got.map((r) => r.Id)).size).toBe(150);
			} finally {
				vendor.state.pageSize = 100;
			}
		},
	);

	// Every operator and literal kind, on the entity types where they occur; each checked against a JS predicate.
	const filters: Array<[Collection, string, (r: Row) => boolean]> = [
		['locations', "City eq 'Amsterdam'", (l) => l.City === 'Amsterdam'],
		[
			'locations',
			"City ne 'Amsterdam' and Country eq 'NL'",
			(l) => l.City !== 'Amsterdam' && l.Country === 'NL',
		],
		['locations', "City eq '''s-Hertogenbosch'", (l) => l.City === "'s-Hertogenbosch"],
		['locations', "contains(Name,'''t Hoekje')", (l) => String(l.Name).includes("'t Hoekje")],
		[
			'workorders',
			"contains(Description, 'thermostaat ''Nest''')",
			(w) => String(w.Description).includes("thermostaat 'Nest'"),
		],
		[
			'locations',
			"startswith(PostalCode, '1012') or endswith(Name, 'Gent')",
			(l) => String(l.PostalCode).startsWith('1012') || String(l.Name).endsWith('Gent'),
		],
		['locations', 'not IsActive', (l) => !l.IsActive],
		['locations', 'IsActive eq false', (l) => l.IsActive === false],
		['customers', 'IsActive ne true', (c) => c.IsActive !== true],
		[
			'locations',
			"not (City eq 'Gent' or City eq 'Antwerpen') and IsActive eq true",
			(l) => !(l.City === 'Gent' || l.City === 'Antwerpen') && l.IsActive === true,
		],
		[
			'locations',
			"City eq 'Gent' or City eq 'Leeds' and IsActive eq false",
			(l) => l.City === 'Gent' || (l.City === 'Leeds' && l.IsActive === false),
		],
		[
			'locations',
			'CreatedOn ge 2024-03-01T00:00:00Z and CreatedOn lt 2024-03-08',
			(l) => String(l.CreatedOn) >= '2024-03-01' && String(l.CreatedOn) < '2024-03-08',
		],
		[
			'locations',
			'ModifiedOn gt 2024-04-01T14:00:00+02:00',
			(l) => Date.parse(String(l.ModifiedOn)) > Date.parse('2024-04-01T12:00:00Z'),
		],
		[
			'workorders',
			'PlannedDate le 2024-06-30T23:59:59.999Z',
			(w) => w.PlannedDate !== null && String(w.PlannedDate) <= '2024-06-30T23:59:59.999Z',
		],
		['workorders', 'PlannedDate eq null', (w) => w.PlannedDate === null],
		[
			'workorders',
			'PlannedDate ne null and Priority ge 4',
			(w) => w.PlannedDate !== null && Number(w.Priority) >= 4 && w.Priority !== null,
		],
		['workorders', 'Priority lt 2', (w) => w.Priority !== null && Number(w.Priority) < 2],
		['workorders', 'Priority gt -1 and Priority le 1', (w) => w.Priority === 1],
		[
			'workorders',
			"Status eq 'InProgress' or Status eq 'Completed'",
			(w) => w.Status === 'InProgress' || w.Status === 'Completed',
		],
		['locations', 'CustomerId eq null', (l) => l.CustomerId === null],
		[
			'locations',
			'Phone ne null and Latitude gt 52.3',
			(l) => l.Phone !== null && Number(l.Latitude) > 52.3,
		],
		['locations', 'Longitude le -1', (l) => Number(l.Longitude) <= -1],
		['locations', 'Longitude lt -1.5', (l) => Number(l.Longitude) < -1.5],
		['items', 'Price ge 100.5', (i) => Number(i.Price) >= 100.5],
		['items', 'Price gt 10 and Price lt 20', (i) => Number(i.Price) > 10 && Number(i.Price) < 20],
		[
			'timesheets',
			"Hours eq 0.5 and Type eq 'Travel'",
			(t) => t.Hours === 0.5 && t.Type === 'Travel',
		],
		['useditems', 'Quantity ge 3', (u) => Number(u.Quantity) >= 3],
		[
			'locations',
			"tolower(City) eq 'gent' and length(Code) eq 9",
			(l) => l.City === 'Gent' && String(l.Code).length === 9,
		],
		['locations', "toupper(City) eq 'LEEDS'", (l) => l.City === 'Leeds'],
		['customers', "trim(concat(Name, '  ')) eq Name", () => true],
		['customers', "indexof(Name, 'Vries') gt 0", (c) => String(c.Name).indexOf('Vries') > 0],
		[
			'workorders',
			'year(PlannedDate) eq 2024 and month(PlannedDate) eq 3',
			(w) => String(w.PlannedDate).startsWith('2024-03'),
		],
		['locations', `Id eq ${SEED[5].Id.toUpperCase()}`, (l) => l.Id === SEED[5].Id],
		[
			'locations',
			`CustomerId eq ${String(SEED[0].CustomerId)} or Id eq ${SEED[2].Id}`,
			(l) => l.CustomerId === SEED[0].CustomerId || l.Id === SEED[2].Id,
		],
		[
			'workorders',
			`LocationId eq ${SEED[7].Id} and Status ne 'Cancelled'`,
			(w) => w.LocationId === SEED[7].Id && w.Status !== 'Cancelled',
		],
		[
			'locations',
			`CustomerId ne ${String(SEED[0].CustomerId)}`,
			(l) => l.CustomerId !== SEED[0].CustomerId,
		],
		[
			'workorders',
			"Location/City eq 'Gent'",
			(w) => SEED.find((l) => l.Id === w.LocationId)?.City === 'Gent',
		],
		[
			'contacts',
			"Location/City eq 'Gent' or Customer/City eq 'Gent'",
			(c) =>
				SEED.find((l) => l.Id === c.LocationId)?.City === 'Gent' ||
				rows(vendor, 'customers').find((x) => x.Id === c.CustomerId)?.City === 'Gent',
		],
		[
			'plannings',
			'UserId eq null or EndTime gt 2024-06-01',
			(p) => Date.parse(String(p.EndTime)) > Date.parse('2024-06-01T00:00:00Z'),
		],
		[
			'attachments',
			"endswith(FileName, '.txt') and Size eq 42 and Description ne null",
			(a) => String(a.FileName).endsWith('.txt') && a.Size === 42 && a.Description !== null,
		],
		[
			'locations',
			"not startswith(Name, 'Hotel') and IsActive eq true or City eq 'Leeds'",
			(l) => (!String(l.Name).startsWith('Hotel') && l.IsActive === true) || l.City === 'Leeds',
		],
		[
			'locations',
			"City eq 'Gent' and not not not IsActive or not (Country eq 'NL') and IsActive",
			(l) => (l.City === 'Gent' && !l.IsActive) || (l.Country !== 'NL' && l.IsActive === true),
		],
	];

	it.each(filters)(
		'%s?$filter=%s selects exactly the matching rows',
		async (collection, filter, predicate) => {
			const expected = rows(vendor, collection)
				.filter(predicate)
				.map((r) => r.Id);
			expect(expected.length).toBeGreaterThan(0);
			if (filter !== "trim(concat(Name, '  ')) eq Name")
				expect(expected.length).toBeLessThan(vendor.state.tables[collection].size);
			const { rows: got } = await all(collection, { $filter: filter });
			expect(got.map((r) => r.Id)).toEqual(expected);
			expect(vendor.emulator.log.at(-1)?.op).toBe(`${collection}:list`);
		},
	);

	it.each([
		['City eq', 'Syntax error at position'],
		[
			"City eq 'open",
			"Syntax error: there is an unterminated string literal at position 8 in 'City eq 'open'.",
		],
		["City eq 'it''s", 'unterminated string literal at position 8'],
		["(City eq 'Gent'", 'Syntax error at position'],
		["City eq 'Gent')", 'Syntax error at position'],
		["City eq 'Gent' and", 'Syntax error at position'],
		["City EQ 'Gent'", 'Syntax error at position'],
		["City eq 'Gent' && IsActive", 'Syntax error at position'],
		["City in ('Gent','Leeds')", 'Syntax error at position'],
		['City', "The expression 'City' is of type 'Edm.String', but a boolean is required"],
		["Colour eq 'red'", "Could not find a property named 'Colour' on type 'SimpleSimon.Location'."],
		[
			"Customer/Colour eq 'red'",
			"Could not find a property named 'Colour' on type 'SimpleSimon.Customer'.",
		],
		[
			"City/Name eq 'red'",
			"The property 'City' on type 'SimpleSimon.Location' is not a navigation property.",
		],
		['City eq 5', "Found operand types 'Edm.String' and 'Edm.SByte' for operator kind 'Equal'."],
		["Id eq 'abc'", "Found operand types 'Edm.Guid' and 'Edm.String' for operator kind 'Equal'."],
		[
			`CustomerId eq '${String(SEED[0].CustomerId)}'`,
			"Found operand types 'Edm.Guid' and 'Edm.String' for operator kind 'Equal'.",
		],
		[
			"CreatedOn gt '2024-01-01'",
			"Found operand types 'Edm.DateTimeOffset' and 'Edm.String' for operator kind 'GreaterThan'.",
		],
		[
			'IsActive gt true',
			"Found operand types 'Edm.Boolean' and 'Edm.Boolean' for operator kind 'GreaterThan'.",
		],
		["Latitude eq '52'", "Found operand types 'Edm.Double' and 'Edm.String'"],
		['contains(City)', 'Syntax error at position 8'],
		[
			"contains(Latitude, 'x')",
			"No function signature for the function with name 'contains' matches the specified arguments. The function signatures considered are: contains(Edm.String Nullable=true, Edm.String Nullable=true).",
		],
		['length(CreatedOn) gt 5', "No function signature for the function with name 'length'"],
		["substringof('a', City)", "An unknown function with name 'substringof' was found."],
		['CreatedOn gt 2024-02-30', "The Date literal '2024-02-30' is not valid."],
		['CreatedOn gt 2024-02-03T25:00:00Z', 'Syntax error at position 17'],
		[
			'CreatedOn gt 2023-02-29T10:00:00Z',
			"The DateTimeOffset literal '2023-02-29T10:00:00Z' is not valid.",
		],
		['Latitude add 1 gt 2', "The expression 'Latitude add 1' (Add) is not supported in $filter."],
		['', "The query option '$filter' must not be empty."],
	])('refuses the malformed $filter %j with a 400 OData error', async (filter, message) => {
		const res = await get('locations', { $filter: filter });
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			error: { code: 'BadRequest', message: expect.stringContaining(message) },
		});
	});

	it('applies $orderby (several keys, asc/desc, nulls first) and $select', async () => {
		const { rows: got } = await all('locations', {
			$orderby: 'City desc, Name asc',
			$select: 'Name, City',
			$top: '150',
		});
		expect(got).toHaveLength(150);
		expect(Object.keys(got[0])).toEqual(['Name', 'City']);
		const expected = [...locations(vendor)]
			.sort((a, b) =>
				a.City === b.City
					? a.Name < b.Name
						? -1
						: a.Name > b.Name
							? 1
							: 0
					: a.City! < b.City!
						? 1
						: -1,
			)
			.slice(0, 150)
			.map((l) => `${l.City}|${l.Name}`);
		expect(got.map((r) => `${r.City}|${r.Name}`)).toEqual(expected);

		const byPriority = await all('workorders', {
			$orderby: 'Priority,PlannedDate desc',
			$select: 'Id,Priority,PlannedDate',
		});
		const prios = byPriority.rows.map((r) => r.Priority as number | null);
		const firstNonNull = prios.findIndex((p) => p !== null);
		expect(prios.slice(0, firstNonNull).every((p) => p === null)).toBe(true);
		expect(prios.slice(firstNonNull)).toEqual([...prios.slice(firstNonNull)].sort());
		const ones = byPriority.rows
			.filter((r) => r.Priority === 1 && r.PlannedDate !== null)
			.map((r) => String(r.PlannedDate));
		expect(ones).toEqual([...ones].sort().reverse());
	});

	it('$expand embeds the referenced row (or null) and combines with $select and $filter', async () => {
		const res = await get('workorders', {
			$select: 'Number,LocationId',
			$expand: 'Location,Customer',
			$filter: 'CustomerId eq null',
			$top: '3',
		});
		expect(res.status).toBe(200);
		const value = res.body.value as Json[];
		expect(value).toHaveLength(3);
		for (const row of value) {
			expect(Object.keys(row)).toEqual(['Number', 'LocationId', 'Location', 'Customer']);
			expect(row.Customer).toBeNull();
			const { ...location } = vendor.state.tables.locations.get(String(row.LocationId))!;
			expect(row.Location).toEqual(location);
		}
		const time = await get('timesheets', { $expand: 'WorkOrder,User', $top: '1' });
		const sheet = (time.body.value as Json[])[0];
		expect((sheet.WorkOrder as Json).Id).toBe(sheet.WorkOrderId);
		expect((sheet.User as Json).Id).toBe(sheet.UserId);
		const item = await get('items', { $expand: 'ItemGroup', $top: '1' });
		expect(((item.body.value as Json[])[0].ItemGroup as Json).Id).toBe(
			(item.body.value as Json[])[0].ItemGroupId,
		);
		const used = await get('useditems', { $expand: 'Item', $filter: 'ItemId eq null', $top: '1' });
		expect((used.body.value as Json[])[0].Item).toBeNull();

		const id = idOf(vendor, 'attachments', 1);
		const single = await call(
			vendor,
			'GET',
			`/attachments/${id}?$expand=Location&$select=FileName`,
			{ token: bearer },
		);
		expect(single.status).toBe(200);
		expect(Object.keys(single.body)).toEqual(['@odata.context', 'FileName', 'Location']);
		expect((single.body.Location as Json).Id).toBe(
			vendor.state.tables.attachments.get(id)!.LocationId,
		);
		expect(single.body.Location).not.toHaveProperty('Content');
	});

	it.each([
		[
			'locations',
			{ $orderby: 'Colour' },
			"Could not find a property named 'Colour' on type 'SimpleSimon.Location'.",
		],
		['locations', { $orderby: 'Name up' }, 'Syntax error in the $orderby'],
		['locations', { $select: 'Name,Colour' }, "Could not find a property named 'Colour'"],
		['locations', { $top: '-1' }, 'non-negative integer'],
		['locations', { $skip: 'ten' }, 'non-negative integer'],
		['locations', { $count: 'yes' }, 'not a valid count option'],
		['locations', { $search: 'Gent' }, "The query parameter '$search' is not supported."],
		[
			'locations',
			{ $expand: 'WorkOrders' },
			"Could not find a property named 'WorkOrders' on type 'SimpleSimon.Location'.",
		],
		[
			'locations',
			{ $expand: 'City' },
			"Property 'City' on type 'SimpleSimon.Location' is not a navigation property",
		],
		['workorders', { $expand: 'Location($select=Name)' }, 'Syntax error in the $expand'],
		[
			'itemgroups',
			{ $expand: 'Item' },
			"Could not find a property named 'Item' on type 'SimpleSimon.ItemGroup'.",
		],
	])('%s %j → 400', async (collection, query, message) => {
		const res = await get(collection, query as Record<string, string>);
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			error: { code: 'BadRequest', message: expect.stringContaining(message) },
		});
	});

	it('refuses list-only options on a single entity', async () => {
		const res = await call(vendor, 'GET', `/users/${idOf(vendor, 'users')}?$top=1`, {
			token: bearer,
		});
		expect(res.status).toBe(400);
		expect((res.body.error as Json).message).toBe(
			"The query parameter '$top' is not supported for a single entity.",
		);
	});

	it('$top/$skip/$count work on every collection', async () => {
		for (const collection of COLLECTIONS) {
			const all = rows(vendor, collection);
			const res = await get(collection, { $top: '3', $skip: '2', $count: 'true' });
			expect(res.status).toBe(200);
			expect(res.body['@odata.count']).toBe(all.length);
			expect((res.body.value as Json[]).map((r) => r.Id)).toEqual(all.slice(2, 5).map((r) => r.Id));
			expect(res.body['@odata.nextLink']).toBeUndefined();
			const none = await get(collection, { $top: '0' });
			expect(none.body.value).toEqual([]);
		}
	});

	it('can answer with a bare array (no envelope, no next link)', async () => {
		vendor.state.listShape = 'array';
		try {
			const res = await get('locations', { $top: '500', $skip: '290' });
			expect(Array.isArray(res.body)).toBe(true);
			expect(res.body.map((r) => r.Id)).toEqual(
				locations(vendor)
					.slice(290)
					.map((l) => l.Id),
			);
			expect((await get('locations', {})).body).toHaveLength(100);
			// Paging a bare array by $top/$skip covers every row once.
			const seen: unknown[] = [];
			for (let skip = 0; ; skip += 40) {
				const page = (await get('plannings', { $top: '40', $skip: String(skip) })).body;
				seen.push(...page.map((r) => r.Id));
				if (page.length < 40) break;
			}
			expect(seen).toEqual(rows(vendor, 'plannings').map((r) => r.Id));
		} finally {
			vendor.state.listShape = 'odata';
		}
	});
});

describe('Simple-Simon emulator: basePath and entityPaths', () => {
	it('serves entities under basePath with per-collection overrides; login stays at the root', async () => {
		const vendor = await started({
			basePath: '/odata/',
			entityPaths: { equipment: 'equipments', workorders: '/api/werkbonnen' },
			pageSize: 20,
		});
		try {
			expect(vendor.credentialData()).toMatchObject({ basePath: '/odata', loginPath: '/login' });
			expect((await call(vendor, 'POST', '/odata/login', { json: loginBody(vendor) })).status).toBe(
				401,
			);
			const bearer = await token(vendor);
			const list = await call(vendor, 'GET', '/odata/equipments?$top=25', { token: bearer });
			expect(list.status).toBe(200);
			expect(list.body['@odata.context']).toBe(`${vendor.emulator.url}/odata/$metadata#equipment`);
			const next = String(list.body['@odata.nextLink']);
			expect(next.startsWith(`${vendor.emulator.url}/odata/equipments?`)).toBe(true);
			expect((await call(vendor, 'GET', next, { token: bearer })).body.value).toHaveLength(5);
			expect((await call(vendor, 'GET', '/equipment', { token: bearer })).status).toBe(404);
			expect((await call(vendor, 'GET', '/odata/equipment', { token: bearer })).status).toBe(404);
			expect((await call(vendor, 'GET', '/locations', { token: bearer })).status).toBe(404);

			const created = await call(vendor, 'POST', '/odata/api/werkbonnen', {
				token: bearer,
				json: { Description: 'X', LocationId: freeLocation(vendor) },
			});
			expect(created.status).toBe(201);
			const id = String(created.body.Id);
			expect(created.headers.get('location')).toBe(
				`${vendor.emulator.url}/odata/api/werkbonnen/${id}`,
			);
			expect(
				(await call(vendor, 'GET', `/odata/api/werkbonnen(${id})/pdf`, { token: bearer })).status,
			).toBe(200);
			expect(
				(
					await call(vendor, 'GET', `/odata/customers/${idOf(vendor, 'customers')}`, {
						token: bearer,
					})
				).status,
			).toBe(200);
			expect(vendor.emulator.log.map((r) => r.op)).toEqual([
				undefined,
				'login',
				'equipment:list',
				'equipment:list',
				undefined,
				undefined,
				undefined,
				'workorders:create',
				'workorders:pdf',
				'customers:get',
			]);

			// The paths can be changed between requests (a test may move a collection); reset restores them.
			vendor.state.basePath = '';
			vendor.state.entityPaths = {};
			expect((await call(vendor, 'GET', '/equipment?$top=1', { token: bearer })).status).toBe(200);
			vendor.emulator.reset();
			expect(vendor.state.basePath).toBe('/odata');
			const again = await token(vendor);
			expect((await call(vendor, 'GET', '/odata/equipments?$top=1', { token: again })).status).toBe(
				200,
			);
		} finally {
			await vendor.emulator.stop();
		}
	});
});
