import type { IDataObject } from 'n8n-workflow';

import { createSimpleSalonEmulator } from '../../emulators/simple-salon';
import { newId, type CredentialSpec, type RunResult, type WorkflowJson } from './harness';
import { vendorSuite } from './vendor-suite';

/*
 * The Simple Salon slice in the released n8n: the pack installed as a community package, a credential imported with
 * partner token, company token, company ID, username and password only, workflows run with `n8n execute`, and the
 * emulator's request log as the witness: one login on the login host, every other call on the api_url it answered.
 */

const NODE = 'Simple Salon';
const suite = vendorSuite({
	label: 'simple-salon',
	nodeName: NODE,
	nodeType: 'simpleSalon',
	credentialType: 'simpleSalonApi',
	createEmulator: createSimpleSalonEmulator,
	workflows: (): WorkflowJson[] => [getClient],
});
const { credential, ops, workflow } = suite;
const getClient = workflow('get client', { resource: 'client', operation: 'get', clientId: '1111' });

const wire = () => suite.vendor.emulator.log.map((r) => [r.op, r.status]);
const bodies = (op: string) => suite.vendor.emulator.requests(op).map((r) => r.body as IDataObject);

/** Nothing a run exposes (output, errors, the whole run JSON) may contain a credential value or the login token. */
async function expectNoSecrets(run: RunResult) {
	const text = JSON.stringify(run.raw);
	const stored = await suite.n8n.readCredential(credential.id);
	for (const secret of [credential.data.password, credential.data.partnerToken, credential.data.companyToken, stored.sessionToken]) {
		expect(typeof secret === 'string' && secret.length > 3).toBe(true);
		expect(text).not.toContain(String(secret));
	}
}

describe('Simple Salon in a real n8n', () => {
	it('gets a client: one login with the partner and company tokens, then the call on the returned api_url', async () => {
		const run = await suite.n8n.execute(getClient.id!);
		expect(run.error).toBeUndefined();
		expect(run.output(NODE)).toEqual([expect.objectContaining({ client_id: 1111, firstname: 'Joe', company_id: 12345 })]);
		expect(ops()).toEqual(['login', 'client/get']);
		const [login, get] = suite.vendor.emulator.log;
		expect(login.path).toBe('/v1/login');
		expect(login.headers).toMatchObject({ 'x-partner-token': suite.vendor.state.partnerToken, 'x-company-token': suite.vendor.companyToken() });
		expect(login.body).toEqual({ username: 'api.user', password: 'Salon!2024', company_id: 12345 });
		expect(get.path).toBe('/api1/v1/client/get');
		expect(get.body).toEqual({ client_id: 1111 });
		const stored = await suite.n8n.readCredential(credential.id);
		expect(get.headers.authorization).toBe(`Bearer ${String(stored.sessionToken)}`);
		expect(stored.sessionApiUrl).toBe(`${suite.vendor.emulator.url}/api1`);
		expect(Date.parse(String(stored.sessionExpiry))).toBeGreaterThan(Date.now());
		await expectNoSecrets(run);
	});

	it('reuses the stored token on a second execution: no login', async () => {
		const run = await suite.n8n.execute(getClient.id!);
		expect(run.ok).toBe(true);
		expect(ops()).toEqual(['client/get']);
	});

	it('runs Get Many (Return All over four pages, and a Limit), Add, Update and Appointment Get Many', async () => {
		const all = workflow('all clients', { resource: 'client', operation: 'getAll', returnAll: true });
		const some = workflow('some clients', { resource: 'client', operation: 'getAll', returnAll: false, limit: 7, filters: { gender: 'Male' } });
		const add = workflow('add client', {
			resource: 'client',
			operation: 'add',
			firstName: 'Ada',
			lastName: 'Lovelace',
			additionalFields: { email: 'ada@example.com', date_of_birth: '1990-12-10T00:00:00', category_ids: '920' },
		});
		const update = workflow('update client', {
			resource: 'client',
			operation: 'update',
			clientId: '1115',
			updateFields: { firstname: 'Joseph', sms_reminders_enabled: false },
		});
		const appointments = workflow('appointments', {
			resource: 'appointment',
			operation: 'getAll',
			timeStart: '2025-03-04T00:00:00',
			timeEnd: '2025-03-05T00:00:00',
			returnAll: true,
		});
		// Add runs on its own afterwards: execute-batch orders runs by id, and Return All must count the seed only.
		const ids = await suite.n8n.importWorkflows([all, some, update, appointments]);
		const [allRun, someRun, updateRun, appointmentRun] = await suite.n8n.executeMany(ids);
		const addRun = await suite.n8n.execute(await suite.n8n.importWorkflow(add));

		expect(allRun.error).toBeUndefined();
		const clientIds = allRun.output(NODE).map((c) => Number(c.client_id));
		expect(clientIds).toHaveLength(320);
		expect(new Set(clientIds).size).toBe(320);
		const pages = bodies('client/list').filter((b) => (b.filters as IDataObject).gender === undefined);
		expect(pages).toEqual([1, 2, 3, 4].map((page) => ({ filters: {}, options: { page_number: page, rows_per_page: 100 } })));

		expect(someRun.output(NODE)).toHaveLength(7);
		expect(someRun.output(NODE).every((c) => c.gender === 'Male')).toBe(true);
		expect(bodies('client/list').filter((b) => (b.filters as IDataObject).gender === 'Male')).toEqual([
			{ filters: { gender: 'Male' }, options: { page_number: 1, rows_per_page: 7 } },
		]);

		expect(addRun.output(NODE)).toEqual([expect.objectContaining({ client_id: 1431, firstname: 'Ada', lastname: 'Lovelace', category_ids: [920] })]);
		expect(bodies('client/add')).toEqual([
			{ client: { firstname: 'Ada', lastname: 'Lovelace', email: 'ada@example.com', date_of_birth: '1990-12-10T00:00:00', category_ids: [920] } },
		]);
		expect(suite.vendor.state.clients.get(1431)?.email).toBe('ada@example.com');

		expect(bodies('client/update')).toEqual([{ client: { client_id: 1115, firstname: 'Joseph', sms_reminders_enabled: false } }]);
		expect(updateRun.output(NODE)).toEqual([expect.objectContaining({ client_id: 1115, firstname: 'Joseph', sms_reminders_enabled: false })]);

		expect(appointmentRun.output(NODE).map((a) => a.time_start)).toEqual([
			'2025-03-04T09:00:00+11:00',
			'2025-03-04T09:00:00+11:00',
			'2025-03-04T10:30:00+11:00',
			'2025-03-04T10:30:00+11:00',
			'2025-03-04T13:00:00+11:00',
			'2025-03-04T13:00:00+11:00',
			'2025-03-04T15:15:00+11:00',
			'2025-03-04T15:15:00+11:00',
		]);
		expect(bodies('appointment/list')).toEqual([
			{
				filters: { time_start: '2025-03-04T00:00:00', time_end: '2025-03-05T00:00:00' },
				options: { sort_expression: 'time_start', page_number: 1, rows_per_page: 100 },
			},
		]);
		expect(suite.vendor.emulator.requests('login')).toHaveLength(0);
		expect(suite.vendor.emulator.log.every((r) => r.path.startsWith('/api1/v1/'))).toBe(true);
	});

	it('recovers from one expiry with exactly one refresh (no login) over three executions', async () => {
		const before = (await suite.n8n.readCredential(credential.id)).sessionToken;
		suite.vendor.emulator.expireSessions();
		for (let run = 0; run < 3; run++) {
			const result = await suite.n8n.execute(getClient.id!);
			expect(result.error).toBeUndefined();
			expect(result.output(NODE)[0].client_id).toBe(1111);
		}
		expect(wire()).toEqual([
			['client/get', 401],
			['refresh', 200],
			['client/get', 200],
			['client/get', 200],
			['client/get', 200],
		]);
		// the refresh killed the old token
		expect(suite.vendor.state.sessions.get(String(before))?.revoked).toBe(true);
		expect((await suite.n8n.readCredential(credential.id)).sessionToken).not.toBe(before);
	});

	it('recovers from an expiry in the middle of a run without failing an item', async () => {
		const several = workflow(
			'get several clients',
			{ resource: 'client', operation: 'get', clientId: '={{ $json.id }}' },
			{ input: [{ id: 1120 }, { id: 1121 }, { id: 1122 }] },
		);
		const id = await suite.n8n.importWorkflow(several);
		// The first item's request goes through; the token dies just before the second item's.
		suite.vendor.emulator.inject({ when: { op: 'client/get' }, times: 1, action: { type: 'delay', ms: 0 } });
		suite.vendor.emulator.inject({ when: { op: 'client/get' }, times: 1, action: { type: 'expireSessions' } });
		const run = await suite.n8n.execute(id);
		expect(run.error).toBeUndefined();
		expect(run.output(NODE).map((c) => c.client_id)).toEqual([1120, 1121, 1122]);
		expect(wire()).toEqual([
			['client/get', 200],
			['client/get', 401],
			['refresh', 200],
			['client/get', 200],
			['client/get', 200],
		]);
	});

	it('fails a bad input with a clear message naming the field and item, before any request', async () => {
		const bad = workflow('bad client id', { resource: 'client', operation: 'get', clientId: '11 11' });
		const run = await suite.n8n.execute(await suite.n8n.importWorkflow(bad));
		expect(run.ok).toBe(false);
		expect(run.error?.message).toBe('The field "Client ID" has an invalid value "11 11" in item 0');
		expect(run.error?.node).toBe(NODE);
		expect(suite.vendor.emulator.log).toHaveLength(0);
	});

	it('continues on fail with an error item in place of each failing item', async () => {
		const mixed = workflow(
			'continue on fail',
			{ resource: 'client', operation: 'get', clientId: '={{ $json.id }}' },
			{ input: [{ id: 1111 }, { id: 999999 }, { id: 'x' }, { id: 1112 }], extra: { continueOnFail: true } },
		);
		const run = await suite.n8n.execute(await suite.n8n.importWorkflow(mixed));
		expect(run.error).toBeUndefined();
		const items = run.items(NODE);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0].json.client_id).toBe(1111);
		expect(items[1].json).toMatchObject({ error: 'Client 999999 was not found [CLIENTNOTFOUND]' });
		expect(items[2].json.error).toBe('The field "Client ID" has an invalid value "x" in item 2');
		expect(items[3].json.client_id).toBe(1112);
		expect(ops()).toEqual(['client/get', 'client/get', 'client/get']);
		await expectNoSecrets(run);
	});
});

describe('Simple Salon credential test in a real n8n', () => {
	afterAll(async () => await suite.n8n.stop());

	it('passes by really logging in, then calling the api_url with the new token', async () => {
		const fresh: CredentialSpec = { id: newId(), name: 'Simple Salon (credential test)', type: 'simpleSalonApi', data: suite.vendor.credentialData() };
		const result = await suite.n8n.testCredential(fresh);
		expect(result).toMatchObject({ status: 'OK' });
		expect(ops()).toEqual(['login', 'client/list']);
		const [, list] = suite.vendor.emulator.log;
		expect(list.path).toBe('/api1/v1/client/list');
		expect(list.headers.authorization).toMatch(/^Bearer [0-9a-f]{40}$/);
		expect(list.body).toEqual({ filters: {}, options: { rows_per_page: 1 } });
	}, 5 * 60 * 1000);

	it('fails for a wrong password with the vendor\'s message and without repeating the password', async () => {
		const wrong: CredentialSpec = {
			id: newId(),
			name: 'Simple Salon (wrong password)',
			type: 'simpleSalonApi',
			data: { ...suite.vendor.credentialData(), password: 'wrong & secret=pass' },
		};
		const result = await suite.n8n.testCredential(wrong);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/LOGINFAILED/);
		expect(result.message).not.toContain('wrong & secret=pass');
		expect(ops()).toEqual(['login']);
	}, 5 * 60 * 1000);
});
