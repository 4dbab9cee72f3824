import { delay } from 'business-pack-devkit';

import { createSimpleSimonEmulator, type Location } from '../../../emulators/simple-simon';
import { seedLocations } from '../../../emulators/simple-simon/seed';
import type { NodeSetup, RunResult } from '../../kit/node-runner';
import { simpleSimonFixture } from './fixture';

/*
 * The session (login once, renew on 401 or expiry, no secret anywhere) seen through the Location resource, the one
 * entity whose routes the public docs state; then Location's own operations.
 */

/** The emulator's seed is deterministic, so test tables can name its records up front. */
const SEED = seedLocations(320);

const ss = simpleSimonFixture();

interface Setup {
	parameters: NodeSetup['parameters'];
	continueOnFail: boolean;
}
const setup = (parameters: NodeSetup['parameters'], continueOnFail = false): Setup => ({
	parameters,
	continueOnFail,
});
const runNode = async (
	{ parameters, continueOnFail }: Setup,
	input: Parameters<typeof ss.run>[1] = [{}],
): Promise<RunResult> => await ss.run(parameters, input, { continueOnFail });

const ops = () => ss.ops();
const seeded = () => Array.from(ss.vendor.state.tables.locations.values()) as unknown as Location[];
const listQueries = () => ss.requests('locations:list').map((r) => r.query);

function expectNoSecrets(text: string) {
	for (const secret of ss.secrets()) expect(text).not.toContain(secret);
}

beforeEach(() => {
	ss.vendor.state.pageSize = 100;
	ss.vendor.state.sessionTtlMs = 20 * 60 * 1000;
});

describe('Simple-Simon session handling', () => {
	it('[wire:login] logs in once with the four documented inputs, then a second run makes zero logins', async () => {
		const [a, b] = seeded();
		const first = await runNode(
			setup({ resource: 'location', operation: 'get', locationId: a.Id }),
		);
		expect(first.error).toBeUndefined();
		expect(first.items.map((i) => i.json)).toEqual([a]);
		expect(ops()).toEqual(['login', 'locations:get']);
		const login = ss.vendor.emulator.requests('login')[0];
		expect(login.method).toBe('POST');
		expect(login.path).toBe('/login');
		expect(login.contentType).toContain('application/json');
		expect(login.body).toEqual({
			lickey: ss.vendor.state.account.lickey,
			apiKey: ss.vendor.state.account.apiKey,
			username: ss.vendor.state.account.username,
			password: ss.vendor.state.account.password,
		});
		const get = ss.vendor.emulator.requests('locations:get')[0];
		expect(get.headers.authorization).toBe(`Bearer ${String(ss.credential.data.accessToken)}`);
		expect(ss.vendor.state.sessions.has(String(ss.credential.data.accessToken))).toBe(true);
		expect(ss.credential.updates).toBe(1);

		ss.vendor.emulator.clearLog();
		const second = await runNode(
			setup({ resource: 'location', operation: 'get', locationId: b.Id }),
			[{}, {}],
		);
		expect(second.error).toBeUndefined();
		expect(second.items.map((i) => i.json.Id)).toEqual([b.Id, b.Id]);
		expect(ops()).toEqual(['locations:get', 'locations:get']);
		expect(ss.vendor.state.logins).toBe(1);
	});

	it('after one forced expiry, three runs make exactly one login and no item fails', async () => {
		const id = seeded()[3].Id;
		await runNode(setup({ resource: 'location', operation: 'get', locationId: id }));
		ss.vendor.emulator.expireSessions();
		ss.vendor.emulator.clearLog();
		for (let run = 0; run < 3; run++) {
			const result = await runNode(
				setup({ resource: 'location', operation: 'get', locationId: id }),
			);
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.Id).toBe(id);
		}
		expect(ops()).toEqual([
			'locations:get',
			'login',
			'locations:get',
			'locations:get',
			'locations:get',
		]);
		expect(ss.vendor.emulator.log.map((r) => r.status)).toEqual([401, 200, 200, 200, 200]);
		expect(ss.credential.updates).toBe(2);
	});

	it('recovers when the token expires in the middle of a run over several items', async () => {
		const ids = seeded()
			.slice(0, 4)
			.map((l) => l.Id);
		ss.vendor.emulator.inject({
			when: { op: 'locations:get' },
			phase: 'before',
			times: 1,
			action: { type: 'expireSessions' },
		});
		await runNode(setup({ resource: 'location', operation: 'get', locationId: ids[0] }));
		ss.vendor.emulator.clearLog();
		ss.vendor.emulator.inject({
			when: { op: 'locations:get' },
			phase: 'before',
			times: 1,
			action: { type: 'expireSessions' },
		});
		const result = await runNode(
			setup({ resource: 'location', operation: 'get', locationId: '={{ $json.id }}' }),
			ids.map((id) => ({ id })),
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.Id)).toEqual(ids);
		expect(result.items.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(ops()).toEqual([
			'locations:get',
			'login',
			'locations:get',
			'locations:get',
			'locations:get',
			'locations:get',
		]);
	});

	it('logs in again when the token outlived its lifetime', async () => {
		ss.vendor.state.sessionTtlMs = 150;
		const id = seeded()[0].Id;
		await runNode(setup({ resource: 'location', operation: 'get', locationId: id }));
		await delay(200);
		ss.vendor.emulator.clearLog();
		const result = await runNode(setup({ resource: 'location', operation: 'get', locationId: id }));
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['locations:get', 'login', 'locations:get']);
	});

	it('logs in again when the credential was edited after the token was stored', async () => {
		const id = seeded()[0].Id;
		await runNode(setup({ resource: 'location', operation: 'get', locationId: id }));
		ss.credential.data.licenceKey = ss.vendor.state.account.lickey.replace(/(\d{4})(?=\d)/g, '$1 ');
		ss.vendor.emulator.clearLog();
		const result = await runNode(setup({ resource: 'location', operation: 'get', locationId: id }));
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['login', 'locations:get']);
		// Spaces in the licence code are for reading only; the 16 digits go over the wire.
		expect((ss.vendor.emulator.requests('login')[0].body as Record<string, string>).lickey).toBe(
			ss.vendor.state.account.lickey,
		);
	});

	it.each(['token', 'accessToken', 'string', 'text'] as const)(
		'accepts a login reply in the %s shape',
		async (shape) => {
			ss.vendor.state.loginResponse = shape;
			const result = await runNode(
				setup({ resource: 'location', operation: 'get', locationId: seeded()[1].Id }),
			);
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.Id).toBe(seeded()[1].Id);
			expect(ss.vendor.state.sessions.has(String(ss.credential.data.accessToken))).toBe(true);
		},
	);

	it('uses the login path and token field from the Advanced settings', async () => {
		const other = createSimpleSimonEmulator({ loginPath: '/api/v2/auth', loginResponse: 'token' });
		await other.emulator.start();
		try {
			ss.credential = ss.store.add(
				'simpleSimonApi',
				{
					...other.credentialData(),
					loginReplyField: 'token',
					accessToken: '',
					sessionBinding: '',
				},
				'other',
			);
			const result = await runNode(setup({ resource: 'location', operation: 'getAll', limit: 2 }));
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(2);
			expect(other.emulator.log.map((r) => `${r.method} ${r.path}`)).toEqual([
				'POST /api/v2/auth',
				'GET /locations',
			]);
		} finally {
			await other.emulator.stop();
		}
	});

	it('reports a refused login once, with the vendor message and no secret', async () => {
		ss.credential.data.password = 'not-the-password';
		const result = await runNode(
			setup({ resource: 'location', operation: 'get', locationId: seeded()[0].Id }),
		);
		expect(result.error?.message).toContain('The username or password is incorrect');
		expect(ops()).toEqual(['login']);
		expectNoSecrets(JSON.stringify({ m: result.error?.message, d: result.error?.description }));
		expect(JSON.stringify(result.error)).not.toContain('not-the-password');
	});

	it('refuses a licence code that is not 16 digits before sending anything', async () => {
		ss.credential.data.licenceKey = '1234 5678 9012 345';
		const result = await runNode(
			setup({ resource: 'location', operation: 'get', locationId: seeded()[0].Id }),
		);
		expect(result.error?.message).toContain('Licence Code must be 16 digits');
		expect(ss.vendor.emulator.log).toHaveLength(0);
	});
});

describe('Simple-Simon location operations', () => {
	it('creates a location from typed JSON and from key/value fields', async () => {
		const json = await runNode(
			setup({
				resource: 'location',
				operation: 'create',
				inputMode: 'json',
				json: JSON.stringify({
					Name: "Café 't Hoekje",
					City: 'Utrecht',
					Latitude: 52.09,
					IsActive: false,
				}),
			}),
		);
		expect(json.error).toBeUndefined();
		const created = ss.vendor.emulator.requests('locations:create')[0];
		expect(created.body).toEqual({
			Name: "Café 't Hoekje",
			City: 'Utrecht',
			Latitude: 52.09,
			IsActive: false,
		});
		expect(created.contentType).toContain('application/json');
		const out = json.items[0].json;
		expect(out).toMatchObject({
			Name: "Café 't Hoekje",
			City: 'Utrecht',
			Latitude: 52.09,
			IsActive: false,
		});
		expect(Object.keys(out).some((k) => k.startsWith('@odata'))).toBe(false);
		expect(ss.vendor.state.tables.locations.get(String(out.Id))).toEqual(out);

		const fields = await runNode(
			setup({
				resource: 'location',
				operation: 'create',
				fields: {
					field: [
						{ name: 'Name', value: 'Magazijn Noord' },
						{ name: 'PostalCode', value: '9711 AB' },
					],
				},
			}),
		);
		expect(fields.error).toBeUndefined();
		expect(ss.vendor.emulator.requests('locations:create')[1].body).toEqual({
			Name: 'Magazijn Noord',
			PostalCode: '9711 AB',
		});
		expect(ss.vendor.state.tables.locations.size).toBe(322);
	});

	it('updates only the given properties (read, merge, PUT the whole location)', async () => {
		const before = seeded()[7];
		const result = await runNode(
			setup({
				resource: 'location',
				operation: 'update',
				locationId: before.Id,
				fields: { field: [{ name: 'City', value: 'Zwolle' }] },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['login', 'locations:get', 'locations:update']);
		const put = ss.vendor.emulator.requests('locations:update')[0];
		expect(put.method).toBe('PUT');
		expect(put.path).toBe(`/locations/${before.Id}`);
		expect(put.body).toEqual({ ...before, City: 'Zwolle' });
		expect(result.items[0].json).toEqual({
			...before,
			City: 'Zwolle',
			ModifiedOn: expect.any(String),
		});
		expect(ss.vendor.state.tables.locations.get(before.Id)).toMatchObject({
			Name: before.Name,
			Street: before.Street,
			City: 'Zwolle',
		});
	});

	it('deletes a location; getting it afterwards fails with the vendor 404', async () => {
		// A location no work order, contact, equipment or attachment points at (else the vendor answers 409).
		const tables = Object.values(ss.vendor.state.tables);
		const id = seeded().find(
			(l) => !tables.some((t) => Array.from(t.values()).some((row) => row.LocationId === l.Id)),
		)!.Id;
		const result = await runNode(
			setup({ resource: 'location', operation: 'delete', locationId: id }),
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ id, deleted: true });
		expect(ss.vendor.emulator.requests('locations:delete')[0]).toMatchObject({
			method: 'DELETE',
			path: `/locations/${id}`,
			status: 204,
		});
		expect(ss.vendor.state.tables.locations.has(id)).toBe(false);

		const gone = await runNode(setup({ resource: 'location', operation: 'get', locationId: id }));
		expect(gone.error?.constructor.name).toBe('NodeApiError');
		expect(gone.error?.message).toContain(`No Location with the key '${id}' was found`);
		expect(gone.error?.message).toContain('[NotFound]');
		expect(gone.error?.httpCode).toBe('404');
	});

	it('Return All pages with $top/$skip: 320 locations in 4 requests, none missing or repeated', async () => {
		const result = await runNode(
			setup({ resource: 'location', operation: 'getAll', returnAll: true }),
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.Id)).toEqual(seeded().map((l) => l.Id));
		expect(result.items.every((i) => !Object.keys(i.json).some((k) => k.startsWith('@')))).toBe(
			true,
		);
		expect(listQueries()).toEqual([
			{ $top: '100', $count: 'true' },
			{ $top: '100', $skip: '100' },
			{ $top: '100', $skip: '200' },
			{ $top: '100', $skip: '300' },
		]);
		expect(ops().filter((op) => op === 'login')).toHaveLength(1);
	});

	it('Return All follows @odata.nextLink when the server pages smaller than asked', async () => {
		ss.vendor.state.pageSize = 30;
		const result = await runNode(
			setup({
				resource: 'location',
				operation: 'getAll',
				returnAll: true,
				rawFilter: "Country eq 'NL'",
			}),
		);
		expect(result.error).toBeUndefined();
		const expected = seeded()
			.filter((l) => l.Country === 'NL')
			.map((l) => l.Id);
		expect(expected.length).toBeGreaterThan(200);
		expect(result.items.map((i) => i.json.Id)).toEqual(expected);
		const queries = listQueries();
		expect(queries.length).toBeGreaterThan(3);
		expect(queries[0]).toEqual({ $filter: "Country eq 'NL'", $top: '100', $count: 'true' });
		// The second request is the server's own next link, not one the node made up.
		expect(queries[1]).toEqual({ $filter: "Country eq 'NL'", $top: '70', $skip: '30', $count: 'true' });
		expect(queries.every((q) => q.$filter === "Country eq 'NL'")).toBe(true);
	});

	it('Return All pages by $skip when the server sends bare arrays', async () => {
		ss.vendor.state.listShape = 'array';
		const result = await runNode(
			setup({ resource: 'location', operation: 'getAll', returnAll: true }),
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.Id)).toEqual(seeded().map((l) => l.Id));
		expect(listQueries().map((q) => q.$skip)).toEqual([undefined, '100', '200', '300']);
	});

	it('does not follow a next link to another host (the token would go there)', async () => {
		const first = seeded()
			.slice(0, 100)
			.map((l) => ({ ...l }));
		ss.vendor.emulator.inject({
			when: { op: 'locations:list' },
			action: {
				type: 'status',
				status: 200,
				body: { value: first, '@odata.nextLink': 'http://attacker.invalid/locations?$skip=100' },
			},
		});
		const result = await runNode(setup({ resource: 'location', operation: 'getAll', limit: 150 }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.Id)).toEqual(
			seeded()
				.slice(0, 150)
				.map((l) => l.Id),
		);
		expect(listQueries()).toEqual([{ $top: '100' }, { $top: '50', $skip: '100' }]);
	});

	it('Limit with filter, order and select asks for no more than needed', async () => {
		const result = await runNode(
			setup({
				resource: 'location',
				operation: 'getAll',
				limit: 130,
				rawFilter: "IsActive eq true and not startswith(Name, 'Hotel')",
				options: {
					sort: { rule: [{ field: 'City', direction: 'desc' }] },
					select: 'Id,Name,City',
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(130);
		expect(Object.keys(result.items[0].json)).toEqual(['Id', 'Name', 'City']);
		const base = {
			$filter: "IsActive eq true and not startswith(Name, 'Hotel')",
			$orderby: 'City desc',
			$select: 'Id,Name,City',
		};
		expect(listQueries()).toEqual([
			{ ...base, $top: '100' },
			{ ...base, $top: '30', $skip: '100' },
		]);
	});

	it('a malformed $filter fails with the vendor 400 message', async () => {
		const result = await runNode(
			setup({ resource: 'location', operation: 'getAll', rawFilter: "City eq 'Gent" }),
		);
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toContain('unterminated string literal');
		expect(result.error?.httpCode).toBe('400');
		expect(listQueries()).toHaveLength(1);
	});

	it('repeats a read after a 429 with Retry-After', async () => {
		ss.vendor.emulator.inject({
			when: { op: 'locations:get' },
			action: { type: 'status', status: 429, headers: { 'Retry-After': '0' } },
		});
		const result = await runNode(
			setup({ resource: 'location', operation: 'get', locationId: seeded()[0].Id }),
		);
		expect(result.error).toBeUndefined();
		expect(ss.vendor.emulator.requests('locations:get').map((r) => r.status)).toEqual([429, 200]);
	});
});

describe('Simple-Simon bad input and Continue On Fail', () => {
	const good = SEED[0].Id;
	it.each([
		[
			'an empty Location',
			{ operation: 'get', locationId: '={{ $json.v }}' },
			[good, ''],
			'The field "Location" is empty in item 1',
		],
		[
			'a path as Location',
			{ operation: 'get', locationId: '={{ $json.v }}' },
			[good, '../users'],
			'The field "Location" has an invalid value "../users" in item 1',
		],
		[
			'no fields',
			{ operation: 'create', fields: {} },
			[''],
			'The field "Fields" is empty in item 0',
		],
		[
			'invalid JSON',
			{ operation: 'create', inputMode: 'json', json: '={{ $json.v }}' },
			['{"Name": "Ok"}', '{"Name": '],
			'The field "Fields (JSON)" is not a valid JSON object in item 1',
		],
		[
			'a bad property name',
			{
				operation: 'update',
				locationId: good,
				fields: { field: [{ name: '={{ $json.v }}', value: 'x' }] },
			},
			['City', 'City name'],
			'The field "Fields to Update" has an invalid property name "City name" in item 1',
		],
	])(
		'%s fails with a NodeOperationError naming the field and item',
		async (_case, parameters, values, message) => {
			const result = await runNode(
				setup({ resource: 'location', ...parameters }),
				values.map((v) => ({ v })),
			);
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(message);
			expect(result.error?.context?.itemIndex).toBe(values.length - 1);
			// Only the valid item before the bad one reached the API (an update is a read and a write).
			const perItem = parameters.operation === 'update' ? 2 : 1;
			expect(ss.vendor.emulator.log.filter((r) => r.op !== 'login')).toHaveLength(
				perItem * (values.length - 1),
			);
		},
	);

	it('with Continue On Fail, bad items become error items paired to their input and the rest go on', async () => {
		const [a, b] = seeded();
		const missing = '0f8fad5b-d9cb-469f-a165-70867728950e';
		const result = await runNode(
			setup({ resource: 'location', operation: 'get', locationId: '={{ $json.id }}' }, true),
			[{ id: a.Id }, { id: 'not a guid!' }, { id: missing }, { id: b.Id }],
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(result.items[0].json.Id).toBe(a.Id);
		expect(result.items[1].json.error).toBe(
			'The field "Location" has an invalid value "not a guid!" in item 1',
		);
		expect(result.items[2].json).toMatchObject({
			error: expect.stringContaining(`No Location with the key '${missing}'`),
			httpCode: '404',
		});
		expect(result.items[3].json.Id).toBe(b.Id);
		expect(ss.vendor.emulator.requests('locations:get').map((r) => r.path)).toEqual([
			`/locations/${a.Id}`,
			`/locations/${missing}`,
			`/locations/${b.Id}`,
		]);
		expectNoSecrets(JSON.stringify(result.items));
	});
});
