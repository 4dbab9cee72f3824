import { createSimpleSalonEmulator, EMULATOR_VERSION, type SimpleSalonEmulator } from '../../../emulators/simple-salon';
import { SimpleSalonApi } from '../../../credentials/SimpleSalonApi.credentials';
import { SimpleSalon } from '../../../nodes/SimpleSalon/SimpleSalon.node';
import { CredentialStore, runNode, type NodeSetup, type RunResult, type StoredCredential } from '../../kit/node-runner';

/*
 * The login token's life through the real node and n8n-core's request path: login, refresh instead of a second login,
 * refresh single-flight across parallel items, api_url moves, Switch Operator and Log Out ending the cached token.
 */

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
const getCompany = (id: string | number = 12345) => ({ resource: 'company', operation: 'get', findBy: 'company_id', companyId: String(id) });
const bearer = () => `Bearer ${String(credential.data.sessionToken)}`;

async function useEmulator(options: Parameters<typeof createSimpleSalonEmulator>[0] = {}) {
	await salon?.emulator.stop();
	salon = createSimpleSalonEmulator(options);
	await salon.emulator.start();
	store = new CredentialStore();
	credential = store.add('simpleSalonApi', { ...salon.credentialData(), sessionToken: '', sessionApiUrl: '', sessionExpiry: '', sessionBinding: '' });
}

/** Logs in once and forgets the requests, so a test starts with a cached token. */
async function loggedIn(): Promise<string> {
	expect((await runNode(setup(getCompany()))).error).toBeUndefined();
	salon.emulator.clearLog();
	return String(credential.data.sessionToken);
}

/** A raw API call with a given token: how the emulator judges a token the node no longer uses. */
async function rawCall(token: string, prefix = '/api1'): Promise<{ status: number; code?: string }> {
	const response = await fetch(`${salon.emulator.url}${prefix}/v1/company/get`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'user-agent': 'session-test/1.0', authorization: `Bearer ${token}` },
		body: JSON.stringify({ company_id: 12345 }),
	});
	const body = (await response.json()) as { error?: { code?: string } };
	return { status: response.status, code: body.error?.code };
}

/** Nothing a run shows (items, error message, description, context) may hold a password or any token. */
function expectNoSecrets(...runs: RunResult[]) {
	const text = JSON.stringify(
		runs.map((run) => ({ items: run.items, m: run.error?.message, d: run.error?.description, c: run.error?.context })),
	);
	const secrets = [salon.state.partnerToken, salon.companyToken(), ...salon.state.operators.map((o) => o.password), ...salon.state.sessions.keys()];
	for (const secret of secrets.filter((s) => s.length >= 4)) expect(text).not.toContain(secret);
}

beforeEach(async () => await useEmulator());
afterAll(async () => await salon.emulator.stop());

describe('Simple Salon login and refresh', () => {
	it('logs in on the login host with the partner and company tokens, then calls the api_url [wire:login]', async () => {
		const result = await runNode(setup(getCompany()));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: expect.objectContaining({ company_id: 12345, name: 'Glow Hair Fitzroy' }), pairedItem: { item: 0 } }]);
		expect(statuses()).toEqual(['login:200', 'company/get:200']);
		const [login, get] = salon.emulator.log;
		expect(login).toMatchObject({ method: 'POST', path: '/v1/login' });
		expect(login.headers).toMatchObject({ 'x-partner-token': salon.state.partnerToken, 'x-company-token': salon.companyToken() });
		expect(login.headers['user-agent']).toMatch(/n8n-nodes-business-pack/);
		expect(login.headers.authorization).toBeUndefined();
		expect(login.body).toEqual({ username: 'api.user', password: 'Salon!2024', company_id: 12345 });
		expect(get).toMatchObject({ method: 'POST', path: '/api1/v1/company/get', body: { company_id: 12345 } });
		expect(get.headers.authorization).toBe(bearer());
		expect(credential.data.sessionApiUrl).toBe(`${salon.emulator.url}/api1`);
		expectNoSecrets(result);
	});

	it('renews a token the API refused with one refresh, not a login, and the old token is dead [wire:refresh]', async () => {
		const oldToken = await loggedIn();
		salon.emulator.expireSessions();
		const result = await runNode(setup(getCompany(12346)));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ company_id: 12346, name: 'Glow Hair Richmond' });
		expect(statuses()).toEqual(['company/get:401', 'refresh:200', 'company/get:200']);
		const [refused, refresh, repeat] = salon.emulator.log;
		expect(refused.headers.authorization).toBe(`Bearer ${oldToken}`);
		// the docs' refresh sends the token in the body, to the api_url, without an Authorization header
		expect(refresh).toMatchObject({ method: 'POST', path: '/api1/v1/refresh', body: { token: oldToken } });
		expect(refresh.headers.authorization).toBeUndefined();
		expect(refresh.headers['content-type']).toMatch(/^application\/json/);
		const newToken = String(credential.data.sessionToken);
		expect(newToken).not.toBe(oldToken);
		expect(repeat.headers.authorization).toBe(`Bearer ${newToken}`);
		expect(salon.state.counters).toMatchObject({ logins: 1, refreshes: 1 });
		expect(salon.state.sessions.get(oldToken)?.revoked).toBe(true);
		expect(Date.parse(String(credential.data.sessionExpiry))).toBeGreaterThan(Date.now());
		expect(await rawCall(oldToken)).toEqual({ status: 401, code: 'TOKENINVALID' });
		expect((await rawCall(newToken)).status).toBe(200);

		// the next execution starts with the stored new token: nothing renewed
		salon.emulator.clearLog();
		expect((await runNode(setup(getCompany()))).error).toBeUndefined();
		expect(statuses()).toEqual(['company/get:200']);
		expectNoSecrets(result);
	});

	it('refreshes before sending when the announced expiry has passed (no request spent on a refusal)', async () => {
		await loggedIn();
		credential.data.sessionExpiry = new Date(Date.now() - 1000).toISOString();
		salon.emulator.expireSessions();
		const result = await runNode(setup(getCompany()));
		expect(result.error).toBeUndefined();
		expect(statuses()).toEqual(['refresh:200', 'company/get:200']);
		expect(salon.state.counters.tokenRejections).toBe(0);
	});

	it('logs in when the refresh is refused, e.g. a token unused for too long', async () => {
		await useEmulator({ refreshGraceMs: 0 });
		const oldToken = await loggedIn();
		salon.emulator.expireSessions();
		const result = await runNode(setup(getCompany()));
		expect(result.error).toBeUndefined();
		expect(statuses()).toEqual(['company/get:401', 'refresh:401', 'login:200', 'company/get:200']);
		expect(salon.emulator.requests('refresh')[0].body).toEqual({ token: oldToken });
		expect(salon.state.counters).toMatchObject({ logins: 2, refreshes: 0, failedRefreshes: 1 });
		expect(salon.emulator.log[3].headers.authorization).toBe(bearer());
	});

	it('logs in when the refresh answer is unusable (success:false on HTTP 200)', async () => {
		await loggedIn();
		salon.emulator.expireSessions();
		salon.emulator.inject({
			when: { op: 'refresh' },
			action: { type: 'status', status: 200, body: { success: false, error: { code: 'REFRESHFAILED', message: 'Cannot refresh', details: [] } } },
		});
		const result = await runNode(setup(getCompany()));
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['company/get', 'refresh', 'login', 'company/get']);
	});

	it('refreshes once for 5 items at concurrency 5: the first item meets the dead token alone, one refresh, all 5 succeed', async () => {
		const oldToken = await loggedIn();
		salon.emulator.expireSessions();
		// the refresh takes a while, so every item meets the dead token before it is renewed
		salon.emulator.inject({ when: { op: 'refresh' }, action: { type: 'delay', ms: 300 } });
		const ids = [12345, 12346, 12300, 12345, 12346];
		const result = await runNode(
			setup({ ...getCompany(), companyId: '={{ $json.id }}', concurrency: 5 }),
			ids.map((id) => ({ id })),
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.company_id)).toEqual(ids);
		expect(result.items.map((i) => i.pairedItem)).toEqual(ids.map((_, item) => ({ item })));

		const log = salon.emulator.log;
		const refused = log.filter((r) => r.op === 'company/get' && r.status === 401);
		const served = log.filter((r) => r.op === 'company/get' && r.status === 200);
		// item 0 runs alone before the others fan out, so only it meets the dead token
		expect(refused).toHaveLength(1);
		expect(refused.every((r) => r.headers.authorization === `Bearer ${oldToken}`)).toBe(true);
		expect(ops().filter((op) => op === 'refresh')).toHaveLength(1);
		expect(ops()).not.toContain('login');
		expect(served).toHaveLength(5);
		expect(served.every((r) => r.headers.authorization === bearer())).toBe(true);
		expect(served.map((r) => (r.body as { company_id: number }).company_id).sort()).toEqual([...ids].sort());
		expect(salon.state.counters).toMatchObject({ logins: 1, refreshes: 1, failedRefreshes: 0 });
		// one live session left: the renewed one every item stored
		expect([...salon.state.sessions.values()].filter((s) => !s.revoked).map((s) => s.token)).toEqual([credential.data.sessionToken]);
	});

	it('refreshes once for 5 parallel items whose token expired by the clock, without a single refused request', async () => {
		await loggedIn();
		credential.data.sessionExpiry = new Date(Date.now() - 1000).toISOString();
		const result = await runNode(setup({ ...getCompany(), concurrency: 5 }), [{}, {}, {}, {}, {}]);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		expect(statuses()).toEqual(['refresh:200', ...Array(5).fill('company/get:200')]);
	});

	it('a later execution still holding the replaced token takes the renewed one: no second refresh, no login', async () => {
		const oldToken = await loggedIn();
		const stale = { ...credential.data };
		salon.emulator.expireSessions();
		expect((await runNode(setup(getCompany()))).error).toBeUndefined();
		// another execution read the credential before the renewal was stored
		credential.data = { ...stale };
		salon.emulator.clearLog();
		const result = await runNode(setup(getCompany()));
		expect(result.error).toBeUndefined();
		expect(statuses()).toEqual(['company/get:200']);
		expect(salon.emulator.log[0].headers.authorization).not.toBe(`Bearer ${oldToken}`);
		expect(salon.state.counters).toMatchObject({ logins: 1, refreshes: 1 });
	});

	it('follows an api_url that changes on refresh: the repeat and every later request go to the new host', async () => {
		await loggedIn();
		salon.state.apiPrefix = '/api7';
		salon.emulator.expireSessions();
		const result = await runNode(setup(getCompany()));
		expect(result.error).toBeUndefined();
		expect(salon.emulator.log.map((r) => `${r.path}:${r.status}`)).toEqual([
			'/api1/v1/company/get:401',
			'/api1/v1/refresh:200',
			'/api7/v1/company/get:200',
		]);
		expect(credential.data.sessionApiUrl).toBe(`${salon.emulator.url}/api7`);
		salon.emulator.clearLog();
		expect((await runNode(setup({ resource: 'referralType', operation: 'getAll', returnAll: true }))).error).toBeUndefined();
		expect(salon.emulator.log.map((r) => `${r.path}:${r.status}`)).toEqual(['/api7/v1/referral_type/list:200']);
	});

	it('shows a login notice once, on the first item after the login, without any secret', async () => {
		salon.state.loginNotice = { code: 'MAINTENANCE', message: 'Simple Salon will be offline on Sunday from 2am', details: [] };
		const first = await runNode(setup(getCompany()));
		expect(first.error).toBeUndefined();
		expect(first.items[0].json.warnings).toEqual([
			{ code: 'MAINTENANCE', message: 'Simple Salon will be offline on Sunday from 2am', login_notice: true },
		]);
		const second = await runNode(setup(getCompany()));
		expect(second.items[0].json.warnings).toBeUndefined();
		expectNoSecrets(first, second);
	});

	it('fails clearly when the refresh and the login are both refused, without any secret in the error', async () => {
		await useEmulator({ refreshGraceMs: 0 });
		await loggedIn();
		salon.emulator.expireSessions();
		const wrong = `Wrong-${'Password'}-1`;
		credential.data.password = wrong;
		const result = await runNode(setup(getCompany()));
		expect(result.error?.message).toMatch(/Simple Salon login failed: Invalid username, password or company ID \[LOGINFAILED\]/);
		// the edited password makes the stored token someone else's: no refresh is tried with it
		expect(ops()).toEqual(['login']);
		const text = JSON.stringify({ m: result.error?.message, d: result.error?.description, c: result.error?.context });
		expect(text).not.toContain(wrong);
		expectNoSecrets(result);
	});
});

describe('Simple Salon Session resource', () => {
	it('switches operator by PIN: the cached token ends, the new session is logged out, the next request logs in [wire:switch]', async () => {
		const oldToken = await loggedIn();
		const result = await runNode(setup({ resource: 'session', operation: 'switchOperator', pin: '4567' }));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: { company_id: 12345, display_name: 'Ash', firstname: 'Ashley', lastname: 'Smith', operator_id: 2222, role_id: -2, username: 'ashley' },
				pairedItem: { item: 0 },
			},
		]);
		expect(statuses()).toEqual(['switch:200', 'logout:200']);
		const [switched, logout] = salon.emulator.log;
		expect(switched).toMatchObject({ method: 'POST', path: '/api1/v1/switch', body: { pin: 4567, token: oldToken } });
		expect(switched.headers.authorization).toBeUndefined();
		expect(switched.headers['user-agent']).toMatch(/n8n-nodes-business-pack/);
		const switchedToken = (logout.body as { token: string }).token;
		expect(salon.state.sessions.get(switchedToken)?.operatorId).toBe(2222);
		expect(salon.state.sessions.get(switchedToken)?.revoked).toBe(true);
		expect(salon.state.sessions.get(oldToken)?.revoked).toBe(true);
		expect(salon.state.counters).toMatchObject({ switches: 1, logouts: 1 });
		expect(await rawCall(oldToken)).toEqual({ status: 401, code: 'TOKENINVALID' });
		expect(await rawCall(switchedToken)).toEqual({ status: 401, code: 'TOKENINVALID' });

		// the cached token is known dead: straight to a new login as the credential's user, no refused request
		salon.emulator.clearLog();
		expect((await runNode(setup(getCompany()))).error).toBeUndefined();
		expect(statuses()).toEqual(['login:200', 'company/get:200']);
		expect(salon.state.sessions.get(String(credential.data.sessionToken))?.operatorId).toBe(2221);
		expectNoSecrets(result);
	});

	it('refuses a wrong PIN with the vendor error and keeps the cached token', async () => {
		await loggedIn();
		const result = await runNode(setup({ resource: 'session', operation: 'switchOperator', pin: '1111' }));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('No operator in this company has that quick login PIN [INVALIDPIN]');
		salon.emulator.clearLog();
		expect((await runNode(setup(getCompany()))).error).toBeUndefined();
		expect(statuses()).toEqual(['company/get:200']);
	});

	it('rejects a PIN that is not a number before any request', async () => {
		const result = await runNode(setup({ resource: 'session', operation: 'switchOperator', pin: '45a7' }));
		expect(result.error?.message).toBe('The field "PIN" must be digits only in item 0');
		expect(salon.emulator.log).toHaveLength(0);
	});

	it('logs out the cached token; the next request logs in again [wire:logout]', async () => {
		const oldToken = await loggedIn();
		const result = await runNode(setup({ resource: 'session', operation: 'logOut' }));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { loggedOut: true }, pairedItem: { item: 0 } }]);
		expect(statuses()).toEqual(['logout:200']);
		expect(salon.emulator.log[0]).toMatchObject({ method: 'POST', path: '/api1/v1/logout', body: { token: oldToken } });
		expect(salon.emulator.log[0].headers.authorization).toBeUndefined();
		expect(salon.state.sessions.get(oldToken)?.revoked).toBe(true);
		salon.emulator.clearLog();
		expect((await runNode(setup(getCompany()))).error).toBeUndefined();
		expect(statuses()).toEqual(['login:200', 'company/get:200']);
		expectNoSecrets(result);
	});
});

describe('Simple Salon System resource', () => {
	it('gets the API version with a GET on the login host, without logging in [wire:version]', async () => {
		const result = await runNode(setup({ resource: 'system', operation: 'getVersion' }));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { ...EMULATOR_VERSION }, pairedItem: { item: 0 } }]);
		expect(salon.emulator.log.map((r) => `${r.method} ${r.path}:${r.status}`)).toEqual(['GET /v1/version:200']);
		expect(salon.emulator.log[0].headers.authorization).toBeUndefined();
		expect(salon.emulator.log[0].rawBody).toBe('');
	});

	it('passes a failing version call on as the vendor error', async () => {
		salon.emulator.inject({ when: { pathPrefix: '/v1/version' }, action: { type: 'status', status: 503, body: { success: false, error: { code: 'MAINTENANCE', message: 'Down for maintenance', details: [] } } } });
		const result = await runNode(setup({ resource: 'system', operation: 'getVersion' }));
		expect(result.error?.message).toBe('Down for maintenance [MAINTENANCE]');
	});
});
