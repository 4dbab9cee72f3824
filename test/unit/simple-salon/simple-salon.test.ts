import { delay } from 'business-pack-devkit';

import { createSimpleSalonEmulator, type SimpleSalonEmulator } from '../../../emulators/simple-salon';
import { SimpleSalonApi } from '../../../credentials/SimpleSalonApi.credentials';
import { SimpleSalon } from '../../../nodes/SimpleSalon/SimpleSalon.node';
import { CredentialStore, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

let salon: SimpleSalonEmulator;
let store: CredentialStore;
let credential: StoredCredential;

const setup = (parameters: NodeSetup['parameters'], continueOnFail = false): NodeSetup => ({
	node: new SimpleSalon(),
	credentialTypes: [new SimpleSalonApi()],
	store,
	credential,
	parameters,
	continueOnFail,
});

const ops = () => salon.emulator.log.map((r) => r.op);
const statuses = () => salon.emulator.log.map((r) => `${r.op}:${r.status}`);
const bodies = (op: string) => salon.emulator.requests(op).map((r) => r.body as Record<string, unknown>);
const getClient = (clientId: string | number) => ({ resource: 'client', operation: 'get', clientId: String(clientId) });

async function useEmulator(options: Parameters<typeof createSimpleSalonEmulator>[0] = {}) {
	await salon?.emulator.stop();
	salon = createSimpleSalonEmulator(options);
	await salon.emulator.start();
	store = new CredentialStore();
	credential = store.add('simpleSalonApi', {
		...salon.credentialData(),
		sessionToken: '',
		sessionApiUrl: '',
		sessionExpiry: '',
		sessionBinding: '',
	});
}

beforeEach(async () => await useEmulator());
afterAll(async () => await salon.emulator.stop());

describe('Simple Salon session handling', () => {
	it('logs in on the login host with the partner and company tokens, then calls the api_url it was given', async () => {
		const result = await runNode(setup(getClient(1111)));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: expect.objectContaining({ client_id: 1111, firstname: 'Joe' }), pairedItem: { item: 0 } }]);
		expect(ops()).toEqual(['login', 'client/get']);

		const [login, get] = salon.emulator.log;
		expect(login.path).toBe('/v1/login');
		expect(login.method).toBe('POST');
		expect(login.contentType).toMatch(/^application\/json/);
		expect(login.headers['x-partner-token']).toBe(salon.state.partnerToken);
		expect(login.headers['x-company-token']).toBe(salon.companyToken());
		expect(login.headers['user-agent']).toMatch(/n8n-nodes-business-pack/);
		expect(login.body).toEqual({ username: 'api.user', password: 'Salon!2024', company_id: 12345 });

		expect(get.path).toBe('/api1/v1/client/get');
		expect(get.method).toBe('POST');
		expect(get.contentType).toMatch(/^application\/json/);
		expect(get.headers.authorization).toBe(`Bearer ${String(credential.data.sessionToken)}`);
		expect(get.headers['x-partner-token']).toBeUndefined();
		expect(get.body).toEqual({ client_id: 1111 });

		expect(credential.data.sessionApiUrl).toBe(`${salon.emulator.url}/api1`);
		expect(Date.parse(String(credential.data.sessionExpiry))).toBeGreaterThan(Date.now());
		expect(credential.updates).toBe(1);
	});

	it('reuses the stored token in the next execution: zero logins', async () => {
		await runNode(setup(getClient(1111)));
		salon.emulator.clearLog();
		const second = await runNode(setup(getClient(1112)), [{}, {}]);
		expect(second.error).toBeUndefined();
		expect(second.items.map((i) => i.json.client_id)).toEqual([1112, 1112]);
		expect(ops()).toEqual(['client/get', 'client/get']);
		expect(salon.state.counters.logins).toBe(1);
	});

	it('after a forced expiry (401) logs in once, repeats the request, and three later runs make exactly one login', async () => {
		await runNode(setup(getClient(1111)));
		const firstToken = credential.data.sessionToken;
		salon.emulator.expireSessions();
		salon.emulator.clearLog();
		for (let run = 0; run < 3; run++) {
			const result = await runNode(setup(getClient(1113)));
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.client_id).toBe(1113);
		}
		expect(statuses()).toEqual(['client/get:401', 'login:200', 'client/get:200', 'client/get:200', 'client/get:200']);
		expect(credential.data.sessionToken).not.toBe(firstToken);
		expect(credential.updates).toBe(2);
	});

	it('recognises a dead token reported only inside an HTTP 200 body', async () => {
		await useEmulator({ tokenErrorStatus: 200 });
		await runNode(setup(getClient(1111)));
		salon.emulator.expireSessions();
		salon.emulator.clearLog();
		for (let run = 0; run < 3; run++) expect((await runNode(setup(getClient(1114)))).error).toBeUndefined();
		expect(statuses()).toEqual(['client/get:200', 'login:200', 'client/get:200', 'client/get:200', 'client/get:200']);
		expect(salon.emulator.log[0].rawBody).toBe(JSON.stringify({ client_id: 1114 }));
	});

	it('renews a token whose announced expiry has passed before sending anything with it', async () => {
		await useEmulator({ sessionTtlMs: 1500 });
		await runNode(setup(getClient(1111)));
		await delay(1600);
		salon.emulator.clearLog();
		const result = await runNode(setup(getClient(1111)));
		expect(result.error).toBeUndefined();
		expect(statuses()).toEqual(['login:200', 'client/get:200']);
		expect(salon.state.counters.tokenRejections).toBe(0);
	});

	it('logs in again when a login field of the credential was edited after the token was stored', async () => {
		await runNode(setup(getClient(1111)));
		credential.data.customUrl = `${String(credential.data.customUrl)}/`;
		salon.emulator.clearLog();
		expect((await runNode(setup(getClient(1111)))).error).toBeUndefined();
		expect(ops()).toEqual(['login', 'client/get']);
	});

	it('fails clearly on a refused login, without any secret in the error', async () => {
		credential.data.password = 'wrong-password';
		const result = await runNode(setup(getClient(1111)));
		expect(result.error?.message).toMatch(/Simple Salon login failed: Invalid username, password or company ID \[LOGINFAILED\]/);
		const text = JSON.stringify({ m: result.error?.message, d: result.error?.description, c: result.error?.context });
		for (const secret of ['wrong-password', salon.state.partnerToken, salon.companyToken()]) expect(text).not.toContain(secret);
		expect(ops()).toEqual(['login']);
	});

	it('gives up after one renewal when the vendor keeps refusing the token', async () => {
		await runNode(setup(getClient(1111)));
		salon.emulator.clearLog();
		salon.emulator.inject({ when: { op: 'client/get' }, times: 5, action: { type: 'status', status: 401, body: { success: false, error: { code: 'TOKENINVALID', message: 'The login token is not valid', details: [] } } } });
		const result = await runNode(setup(getClient(1111)));
		expect(result.error?.message).toBe('The login token is not valid [TOKENINVALID]');
		expect(result.error?.description).toMatch(/freshly renewed session/);
		expect(ops()).toEqual(['client/get', 'login', 'client/get']);
		expect(JSON.stringify(result.error?.context ?? {})).not.toContain(String(credential.data.sessionToken));
	});
});

describe('Simple Salon clients', () => {
	it('gets only the requested fields', async () => {
		const result = await runNode(setup({ ...getClient(1120), options: { fields: 'client_id, email' } }));
		expect(bodies('client/get')).toEqual([{ client_id: 1120, fields: ['client_id', 'email'] }]);
		expect(Object.keys(result.items[0].json).sort()).toEqual(['client_id', 'email']);
	});

	it('Return All pages with page_number/rows_per_page 100 over more than three pages, no client missing or repeated', async () => {
		const result = await runNode(setup({ resource: 'client', operation: 'getAll', returnAll: true }));
		expect(result.error).toBeUndefined();
		const ids = result.items.map((i) => i.json.client_id as number);
		expect(ids).toHaveLength(320);
		expect(new Set(ids).size).toBe(320);
		expect(ids).toEqual([...salon.state.clients.keys()].sort((a, b) => a - b));
		expect(bodies('client/list')).toEqual([1, 2, 3, 4].map((page) => ({ filters: {}, options: { page_number: page, rows_per_page: 100 } })));
		expect(result.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('with a Limit keeps one page size so page numbers line up, and stops at the limit', async () => {
		const result = await runNode(setup({ resource: 'client', operation: 'getAll', returnAll: false, limit: 150 }));
		expect(result.items.map((i) => i.json.client_id)).toEqual([...salon.state.clients.keys()].slice(0, 150));
		expect(bodies('client/list').map((b) => b.options)).toEqual([
			{ page_number: 1, rows_per_page: 100 },
			{ page_number: 2, rows_per_page: 100 },
		]);
		salon.emulator.clearLog();
		const few = await runNode(setup({ resource: 'client', operation: 'getAll', limit: 5, filters: { lastname: 'Ng', gender: 'Female' } }));
		expect(bodies('client/list')).toEqual([{ filters: { lastname: 'Ng', gender: 'Female' }, options: { page_number: 1, rows_per_page: 5 } }]);
		expect(few.items.length).toBeGreaterThan(0);
		expect(few.items.every((i) => String(i.json.lastname).startsWith('Ng') && i.json.gender === 'Female')).toBe(true);
	});

	it('follows a smaller page size the server imposes', async () => {
		await useEmulator({ maxRowsPerPage: 40, seedCount: 130 });
		const result = await runNode(setup({ resource: 'client', operation: 'getAll', returnAll: true }));
		const ids = result.items.map((i) => i.json.client_id);
		expect(new Set(ids).size).toBe(130);
		expect(ids).toHaveLength(130);
		expect(bodies('client/list').map((b) => b.options)).toEqual([
			{ page_number: 1, rows_per_page: 100 },
			{ page_number: 2, rows_per_page: 40 },
			{ page_number: 3, rows_per_page: 40 },
			{ page_number: 4, rows_per_page: 40 },
		]);
	});

	it('adds a client wrapped in "client" with the fields given and the date of birth as salon-local digits', async () => {
		const result = await runNode(
			setup({
				resource: 'client',
				operation: 'add',
				firstName: 'Ada',
				lastName: 'Lovelace',
				additionalFields: {
					email: 'ada@example.com',
					date_of_birth: '1990-12-10T23:30:00.000Z',
					category_ids: '919, 920',
					address_state_id: 3,
					sms_promotions_enabled: false,
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(bodies('client/add')).toEqual([
			{
				client: {
					firstname: 'Ada',
					lastname: 'Lovelace',
					email: 'ada@example.com',
					date_of_birth: '1990-12-10T00:00:00',
					category_ids: [919, 920],
					address_state_id: 3,
					sms_promotions_enabled: false,
				},
			},
		]);
		expect(result.items[0].json).toMatchObject({ client_id: 1431, firstname: 'Ada', date_of_birth: '1990-12-10T00:00:00+11:00', category_ids: [919, 920] });
		expect(salon.state.clients.get(1431)?.email).toBe('ada@example.com');
	});

	it('never repeats an add the server may have made, but does repeat reads after a 429', async () => {
		await runNode(setup(getClient(1111)));
		salon.emulator.clearLog();
		salon.emulator.inject({ when: { op: 'client/add' }, phase: 'after', action: { type: 'status', status: 503, body: { success: false, error: { code: 'UNAVAILABLE', message: 'Try later' } } } });
		const add = await runNode(setup({ resource: 'client', operation: 'add', firstName: 'Once' }));
		expect(add.error?.message).toBe('Try later [UNAVAILABLE]');
		expect(add.error?.description).toMatch(/may or may not have been made/);
		expect(ops()).toEqual(['client/add']);
		expect([...salon.state.clients.values()].filter((c) => c.firstname === 'Once')).toHaveLength(1);

		salon.emulator.clearLog();
		salon.emulator.inject({ when: { op: 'client/get' }, action: { type: 'status', status: 429, headers: { 'retry-after': '0' }, body: { success: false } } });
		expect((await runNode(setup(getClient(1111)))).error).toBeUndefined();
		expect(statuses()).toEqual(['client/get:429', 'client/get:200']);
	});

	it('updates only the fields the user set', async () => {
		const before = { ...salon.state.clients.get(1115)! };
		const result = await runNode(
			setup({ resource: 'client', operation: 'update', clientId: '1115', updateFields: { firstname: 'Joseph', mobile: '', email_reminders_enabled: false } }),
		);
		expect(result.error).toBeUndefined();
		expect(bodies('client/update')).toEqual([{ client: { client_id: 1115, firstname: 'Joseph', mobile: '', email_reminders_enabled: false } }]);
		expect(result.items[0].json).toMatchObject({ client_id: 1115, firstname: 'Joseph', lastname: before.lastname, email: before.email, mobile: '' });
	});

	it('rejects bad input before sending anything, naming the field and the item', async () => {
		const cases: Array<[NodeSetup['parameters'], string]> = [
			[getClient('abc'), 'The field "Client ID" has an invalid value "abc" in item 0'],
			[getClient(''), 'The field "Client ID" is empty in item 0'],
			[{ resource: 'client', operation: 'add', firstName: '  ' }, 'The field "First Name" is empty in item 0'],
			[{ resource: 'client', operation: 'update', clientId: '1111', updateFields: {} }, 'The field "Update Fields" is empty in item 0'],
			[
				{ resource: 'client', operation: 'add', firstName: 'A', additionalFields: { category_ids: '919,x' } },
				'The field "Category IDs" has an invalid value "x" in item 0',
			],
			[
				{ resource: 'appointment', operation: 'getAll', timeStart: '2025-03-05T00:00:00', timeEnd: '2025-03-04T00:00:00' },
				'The field "To" must be later than "From" in item 0',
			],
			[{ resource: 'appointment', operation: 'getAll', timeStart: '2025-02-30', timeEnd: '2025-03-04' }, 'The field "From" has an invalid date "2025-02-30" in item 0'],
		];
		for (const [parameters, message] of cases) {
			const result = await runNode(setup(parameters));
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(message);
			expect(result.error?.context?.itemIndex).toBe(0);
		}
		expect(salon.emulator.log).toHaveLength(0);
	});

	it('names the item of a bad input in the second item', async () => {
		const result = await runNode(setup(getClient('={{$json.id}}')), [{ id: 1111 }, { id: '11-1' }]);
		expect(result.error?.message).toBe('The field "Client ID" has an invalid value "11-1" in item 1');
		expect(result.error?.context?.itemIndex).toBe(1);
	});

	it('turns a vendor error into a NodeApiError with the vendor message, code and details', async () => {
		const result = await runNode(setup({ resource: 'client', operation: 'update', clientId: '1111', updateFields: { address_state_id: 42 } }));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('client.address_state_id 42 is not a valid state ID [INVALIDPARAMETER]');
		expect(result.error?.description).toBe('Details: client.address_state_id');
	});

	it('with Continue On Fail emits an error item for the failing item and goes on', async () => {
		const result = await runNode(setup(getClient('={{$json.id}}'), true), [{ id: 1111 }, { id: 999999 }, { id: 'x' }, { id: 1112 }]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json.client_id).toBe(1111);
		expect(result.items[1].json.error).toBe('Client 999999 was not found [CLIENTNOTFOUND]');
		expect(result.items[2].json.error).toBe('The field "Client ID" has an invalid value "x" in item 2');
		expect(result.items[3].json.client_id).toBe(1112);
		expect(bodies('client/get')).toEqual([{ client_id: 1111 }, { client_id: 999999 }, { client_id: 1112 }]);
	});
});

describe('Simple Salon appointments', () => {
	it('lists a day of appointments with the wall-clock range and the filters given', async () => {
		const result = await runNode(
			setup({
				resource: 'appointment',
				operation: 'getAll',
				timeStart: '2025-03-04T00:00:00',
				timeEnd: '2025-03-05T00:00:00.000+01:00',
				returnAll: true,
				filters: { operator_id: '2222' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(bodies('appointment/list')).toEqual([
			{
				filters: { time_start: '2025-03-04T00:00:00', time_end: '2025-03-05T00:00:00', operator_id: 2222 },
				options: { sort_expression: 'time_start', page_number: 1, rows_per_page: 100 },
			},
		]);
		expect(result.items.map((i) => i.json.time_start)).toEqual([
			'2025-03-04T09:00:00+11:00',
			'2025-03-04T10:30:00+11:00',
			'2025-03-04T13:00:00+11:00',
			'2025-03-04T15:15:00+11:00',
		]);
		expect(result.items.every((i) => i.json.operator_id === 2222)).toBe(true);
	});

	it('returns eight weeks of appointments over more than three pages, each exactly once', async () => {
		const result = await runNode(
			setup({ resource: 'appointment', operation: 'getAll', timeStart: '2025-03-01', timeEnd: '2025-05-01', returnAll: true }),
		);
		expect(result.error).toBeUndefined();
		const ids = result.items.map((i) => i.json.appointment_id);
		expect(ids).toHaveLength(salon.state.appointments.length);
		expect(new Set(ids).size).toBe(ids.length);
		expect(salon.emulator.requests('appointment/list').length).toBeGreaterThan(3);
		const starts = result.items.map((i) => String(i.json.time_start));
		expect([...starts].sort()).toEqual(starts);
	});
});
