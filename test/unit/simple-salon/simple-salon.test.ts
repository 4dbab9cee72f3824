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

	it('after a forced expiry (401) renews once with a refresh, repeats the request, and three later runs renew nothing more', async () => {
		await runNode(setup(getClient(1111)));
		const firstToken = credential.data.sessionToken;
		salon.emulator.expireSessions();
		salon.emulator.clearLog();
		for (let run = 0; run < 3; run++) {
			const result = await runNode(setup(getClient(1113)));
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.client_id).toBe(1113);
		}
		expect(statuses()).toEqual(['client/get:401', 'refresh:200', 'client/get:200', 'client/get:200', 'client/get:200']);
		expect(credential.data.sessionToken).not.toBe(firstToken);
		expect(credential.updates).toBe(2);
	});

	it('recognises a dead token reported only inside an HTTP 200 body', async () => {
		await useEmulator({ tokenErrorStatus: 200 });
		await runNode(setup(getClient(1111)));
		salon.emulator.expireSessions();
		salon.emulator.clearLog();
		for (let run = 0; run < 3; run++) expect((await runNode(setup(getClient(1114)))).error).toBeUndefined();
		expect(statuses()).toEqual(['client/get:200', 'refresh:200', 'client/get:200', 'client/get:200', 'client/get:200']);
		expect(salon.emulator.log[0].rawBody).toBe(JSON.stringify({ client_id: 1114 }));
	});

	it('renews a token whose announced expiry has passed before sending anything with it', async () => {
		await useEmulator({ sessionTtlMs: 1500 });
		await runNode(setup(getClient(1111)));
		await delay(1600);
		salon.emulator.clearLog();
		const result = await runNode(setup(getClient(1111)));
		expect(result.error).toBeUndefined();
		expect(statuses()).toEqual(['refresh:200', 'client/get:200']);
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
		expect(ops()).toEqual(['client/get', 'refresh', 'client/get']);
		expect(JSON.stringify(result.error?.context ?? {})).not.toContain(String(credential.data.sessionToken));
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
