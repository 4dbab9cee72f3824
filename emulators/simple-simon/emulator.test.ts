import { delay } from 'business-pack-devkit';
import { fetch } from 'undici';

import { createSimpleSimonEmulator, type SimpleSimonEmulatorOptions } from './index';
import { seedLocations, type Location } from './seed';

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
		['GET', '/customers', {}, 404, 'No HTTP resource'],
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

describe('Simple-Simon emulator: OData queries', () => {
	let vendor: Vendor;
	let bearer: string;
	beforeAll(async () => {
		vendor = await started();
		bearer = await token(vendor);
	});
	afterAll(async () => await vendor.emulator.stop());

	const list = async (query: Record<string, string>) =>
		await call(vendor, 'GET', `/locations?${new URLSearchParams(query).toString()}`, {
			token: bearer,
		});

	/** Follows @odata.nextLink from the first page to the last. */
	async function all(query: Record<string, string>): Promise<{ rows: Json[]; pages: number }> {
		const rows: Json[] = [];
		let res = await list(query);
		let pages = 1;
		for (;;) {
			expect(res.status).toBe(200);
			rows.push(...(res.body.value as Json[]));
			const next = res.body['@odata.nextLink'] as string | undefined;
			if (!next) return { rows, pages };
			expect(next.startsWith(vendor.emulator.url)).toBe(true);
			res = await call(vendor, 'GET', next, { token: bearer });
			pages += 1;
		}
	}

	it('pages the 320 seeded locations 100 at a time with @odata.nextLink, none missing or repeated', async () => {
		const { rows, pages } = await all({ $count: 'true' });
		expect(pages).toBe(4);
		expect(rows.map((r) => r.Id)).toEqual(locations(vendor).map((l) => l.Id));
		expect(new Set(rows.map((r) => r.Id)).size).toBe(320);
		const first = vendor.emulator.log.filter((r) => r.op === 'locations:list').at(-4)!;
		expect(first.query).toEqual({ $count: 'true' });
		const last = vendor.emulator.log.at(-1)!;
		expect(last.query).toEqual({ $count: 'true', $skip: '300' });
	});

	it('keeps $top across pages and reports @odata.count', async () => {
		const first = await list({
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
		expect(Object.fromEntries(next.searchParams)).toMatchObject({
			$top: '150',
			$skip: '110',
			$filter: "Country eq 'NL'",
		});
		const { rows } = await all({
			$top: '250',
			$skip: '10',
			$filter: "Country eq 'NL'",
			$orderby: 'Name',
		});
		expect(rows).toHaveLength(Math.min(250, nl.length - 10));
		const sorted = [...nl].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
		expect(rows.map((r) => r.Id)).toEqual(sorted.slice(10, 260).map((l) => l.Id));
	});

	const filters: Array<[string, (l: Location) => boolean]> = [
		["City eq 'Amsterdam'", (l) => l.City === 'Amsterdam'],
		[
			"City ne 'Amsterdam' and Country eq 'NL'",
			(l) => l.City !== 'Amsterdam' && l.Country === 'NL',
		],
		["City eq '''s-Hertogenbosch'", (l) => l.City === "'s-Hertogenbosch"],
		["contains(Name,'''t Hoekje')", (l) => l.Name.includes("'t Hoekje")],
		[
			"startswith(PostalCode, '1012') or endswith(Name, 'Gent')",
			(l) => !!l.PostalCode?.startsWith('1012') || l.Name.endsWith('Gent'),
		],
		['not IsActive', (l) => !l.IsActive],
		[
			"not (City eq 'Gent' or City eq 'Antwerpen') and IsActive eq true",
			(l) => !(l.City === 'Gent' || l.City === 'Antwerpen') && l.IsActive,
		],
		[
			'CreatedOn ge 2024-03-01T00:00:00Z and CreatedOn lt 2024-03-08',
			(l) => l.CreatedOn >= '2024-03-01' && l.CreatedOn < '2024-03-08',
		],
		[
			"ModifiedOn gt datetime'2024-04-01T12:00:00'",
			(l) => Date.parse(l.ModifiedOn) > Date.parse('2024-04-01T12:00:00Z'),
		],
		['CustomerId eq null', (l) => l.CustomerId === null],
		['Phone ne null and Latitude gt 52.3', (l) => l.Phone !== null && (l.Latitude ?? 0) > 52.3],
		['Longitude le -1', (l) => (l.Longitude ?? 0) <= -1],
		[
			"tolower(City) eq 'gent' and length(Code) eq 9",
			(l) => l.City === 'Gent' && (l.Code ?? '').length === 9,
		],
		[`Id eq ${SEED[5].Id.toUpperCase()}`, (l) => l.Id === SEED[5].Id],
		[
			`CustomerId eq guid'${SEED[0].CustomerId}' or Id eq ${SEED[2].Id}`,
			(l) => l.CustomerId === SEED[0].CustomerId || l.Id === SEED[2].Id,
		],
	];

	it.each(filters)('$filter=%s selects exactly the matching rows', async (filter, predicate) => {
		const expected = locations(vendor)
			.filter(predicate)
			.map((l) => l.Id);
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.length).toBeLessThan(320);
		const { rows } = await all({ $filter: filter });
		expect(rows.map((r) => r.Id)).toEqual(expected);
	});

	it.each([
		['City eq', 'Syntax error'],
		["City eq 'open", 'unterminated string'],
		["(City eq 'Gent'", 'Syntax error'],
		["City eq 'Gent')", 'Syntax error'],
		["City eq 'Gent' and", 'Syntax error'],
		['City', 'a boolean is required'],
		["Colour eq 'red'", "property named 'Colour'"],
		['City eq 5', 'incompatible types'],
		["Id eq 'abc'", 'incompatible types'],
		['IsActive gt true', 'incompatible types'],
		['contains(City)', 'expects 2 argument(s)'],
		["substringof('a', City)", "unknown function with name 'substringof'"],
		['CreatedOn gt 2024-13-45', 'not valid'],
		["guid'1234' eq Id", 'Guid literal'],
		["City eq 'Gent' && IsActive", "character '&'"],
		['', 'must not be empty'],
	])('refuses the malformed $filter %j with a 400', async (filter, message) => {
		const res = await list({ $filter: filter });
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			error: { code: 'BadRequest', message: expect.stringContaining(message) },
		});
	});

	it('applies $orderby and $select', async () => {
		const { rows } = await all({
			$orderby: 'City desc, Name asc',
			$select: 'Name, City',
			$top: '150',
		});
		expect(rows).toHaveLength(150);
		expect(Object.keys(rows[0])).toEqual(['Name', 'City']);
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
		expect(rows.map((r) => `${r.City}|${r.Name}`)).toEqual(expected);
	});

	it.each([
		[{ $orderby: 'Colour' }, "property named 'Colour'"],
		[{ $orderby: 'Name up' }, 'Syntax error in the $orderby'],
		[{ $select: 'Name,Colour' }, "property named 'Colour'"],
		[{ $top: '-1' }, 'non-negative integer'],
		[{ $skip: 'ten' }, 'non-negative integer'],
		[{ $count: 'yes' }, 'not a valid count option'],
		[{ $expand: 'Customer' }, "'$expand' is not supported"],
	])('refuses %j with a 400', async (query, message) => {
		const res = await list(query as Record<string, string>);
		expect(res.status).toBe(400);
		expect((res.body.error as Json).message).toContain(message);
	});

	it('can answer with a bare array (no envelope, no next link)', async () => {
		vendor.state.listShape = 'array';
		try {
			const res = await list({ $top: '500', $skip: '290' });
			expect(Array.isArray(res.body)).toBe(true);
			expect(res.body.map((r) => r.Id)).toEqual(
				locations(vendor)
					.slice(290)
					.map((l) => l.Id),
			);
			expect((await list({})).body).toHaveLength(100);
		} finally {
			vendor.state.listShape = 'odata';
		}
	});
});
