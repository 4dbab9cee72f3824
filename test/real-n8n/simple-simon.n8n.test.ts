import type { IDataObject } from 'n8n-workflow';

import { createSimpleSimonEmulator } from '../../emulators/simple-simon';
import { newId, type CredentialSpec, type RunResult, type WorkflowJson } from './harness';
import { vendorSuite } from './vendor-suite';

/*
 * The Simple-Simon slice in the released n8n: the packed pack installed as a community package, a credential imported
 * without a token, workflows run with `n8n execute`, and the emulator's request log as the witness.
 */

const NODE = 'Simple-Simon';
let getLocation: WorkflowJson;
const suite = vendorSuite({
	label: 'simple-simon',
	nodeName: NODE,
	nodeType: 'simpleSimon',
	credentialType: 'simpleSimonApi',
	createEmulator: createSimpleSimonEmulator,
	workflows: (): WorkflowJson[] => [(getLocation = workflow('get location', { resource: 'location', operation: 'get', locationId: String(seeded()[0].Id) }))],
});
const { credential, ops, workflow } = suite;

const seeded = () => Array.from(suite.vendor.state.locations.values()) as unknown as IDataObject[];

function expectNoSecrets(run: RunResult) {
	const text = JSON.stringify(run.raw);
	for (const secret of [credential.data.password, credential.data.apiKey, credential.data.licenceKey, ...suite.vendor.state.sessions.keys()]) {
		expect(text).not.toContain(String(secret));
	}
}

describe('Simple-Simon in a real n8n', () => {
	it('gets a location: one login, then the bearer token stored with the credential', async () => {
		const run = await suite.n8n.execute(getLocation.id!);
		expect(run.error).toBeUndefined();
		expect(run.output(NODE)).toEqual([expect.objectContaining({ Id: seeded()[0].Id, Name: seeded()[0].Name })]);
		expect(ops()).toEqual(['login', 'locations:get']);
		const stored = await suite.n8n.readCredential(credential.id);
		expect(suite.vendor.emulator.requests('locations:get')[0].headers.authorization).toBe(`Bearer ${String(stored.accessToken)}`);
		expectNoSecrets(run);
	});

	it('reuses the stored token on a second execution: no login', async () => {
		const run = await suite.n8n.execute(getLocation.id!);
		expect(run.ok).toBe(true);
		expect(ops()).toEqual(['locations:get']);
	});

	it('creates, updates (read, merge, PUT), deletes, filters and returns all locations over four pages', async () => {
		const target = seeded()[7];
		const victim = seeded()[9];
		const create = workflow('create', {
			resource: 'location',
			operation: 'create',
			fields: { field: [{ name: 'Name', value: "Café 't Hoekje" }, { name: 'City', value: 'Utrecht' }] },
		});
		const update = workflow('update', {
			resource: 'location',
			operation: 'update',
			locationId: String(target.Id),
			fields: { field: [{ name: 'City', value: 'Zwolle' }] },
		});
		const remove = workflow('delete', { resource: 'location', operation: 'delete', locationId: String(victim.Id) });
		const filtered = workflow('filtered', { resource: 'location', operation: 'getAll', returnAll: true, filter: "City eq 'Zwolle'" });
		const all = workflow('all', { resource: 'location', operation: 'getAll', returnAll: true });
		const ids = await suite.n8n.importWorkflows([create, update, remove, filtered, all]);
		const runs: RunResult[] = [];
		for (const id of ids) runs.push(await suite.n8n.execute(id));
		const [createRun, updateRun, deleteRun, filteredRun, allRun] = runs;

		expect(createRun.error).toBeUndefined();
		expect(suite.vendor.emulator.requests('locations:create')[0].body).toEqual({ Name: "Café 't Hoekje", City: 'Utrecht' });
		const createdId = createRun.output(NODE)[0].Id;

		expect(updateRun.error).toBeUndefined();
		const put = suite.vendor.emulator.requests('locations:update')[0];
		expect(put.path).toBe(`/locations/${String(target.Id)}`);
		expect(put.body).toMatchObject({ Name: target.Name, City: 'Zwolle' });

		expect(deleteRun.output(NODE)[0]).toEqual({ id: victim.Id, deleted: true });

		expect(filteredRun.output(NODE).every((l) => l.City === 'Zwolle')).toBe(true);
		expect(filteredRun.output(NODE).map((l) => l.Id)).toContain(target.Id);
		expect(suite.vendor.emulator.requests('locations:list')[0].query.$filter).toBe("City eq 'Zwolle'");

		const listed = allRun.output(NODE).map((l) => l.Id);
		expect(listed).toHaveLength(seeded().length);
		expect(new Set(listed).size).toBe(listed.length);
		expect(listed).toContain(createdId);
		expect(listed).not.toContain(victim.Id);
		const pages = suite.vendor.emulator.requests('locations:list').slice(-4);
		expect(pages.map((r) => r.query.$skip ?? '0')).toEqual(['0', '100', '200', '300']);
		expect(ops()).not.toContain('login');
	});

	it('recovers from one expiry with exactly one login over three executions', async () => {
		suite.vendor.emulator.expireSessions();
		for (let run = 0; run < 3; run++) {
			const result = await suite.n8n.execute(getLocation.id!);
			expect(result.error).toBeUndefined();
		}
		expect(suite.vendor.emulator.log.map((r) => [r.op, r.status])).toEqual([
			['locations:get', 401],
			['login', 200],
			['locations:get', 200],
			['locations:get', 200],
			['locations:get', 200],
		]);
	});

	it('fails a bad input with a clear message naming the field and item, before any request', async () => {
		const run = await suite.n8n.execute(await suite.n8n.importWorkflow(workflow('bad id', { resource: 'location', operation: 'get', locationId: "1' or 1 eq 1" })));
		expect(run.ok).toBe(false);
		expect(run.error?.message).toMatch(/"Location ID".*item 0/);
		expect(suite.vendor.emulator.log).toHaveLength(0);
	});

	it('continues on fail with an error item in place of the failing item', async () => {
		const [a, b] = seeded();
		const mixed = workflow(
			'continue on fail',
			{ resource: 'location', operation: 'get', locationId: '={{ $json.id }}' },
			{ input: [{ id: a.Id }, { id: '00000000-0000-0000-0000-000000000000' }, { id: b.Id }], extra: { continueOnFail: true } },
		);
		const run = await suite.n8n.execute(await suite.n8n.importWorkflow(mixed));
		expect(run.error).toBeUndefined();
		const items = run.items(NODE);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.Id).toBe(a.Id);
		expect(String(items[1].json.error)).toContain('was found');
		expect(items[2].json.Id).toBe(b.Id);
		expectNoSecrets(run);
	});
});

describe('Simple-Simon credential test in a real n8n', () => {
	afterAll(async () => await suite.n8n.stop());

	it('passes by really logging in', async () => {
		const fresh: CredentialSpec = { id: newId(), name: 'Simple-Simon (credential test)', type: 'simpleSimonApi', data: suite.vendor.credentialData() };
		const result = await suite.n8n.testCredential(fresh);
		expect(result).toMatchObject({ status: 'OK' });
		expect(ops()[0]).toBe('login');
	}, 5 * 60 * 1000);

	it('fails for a wrong password without leaking it', async () => {
		const wrong: CredentialSpec = {
			id: newId(),
			name: 'Simple-Simon (wrong password)',
			type: 'simpleSimonApi',
			data: { ...suite.vendor.credentialData(), password: 'Wrong-Pass-4321' },
		};
		const result = await suite.n8n.testCredential(wrong);
		expect(result.status).toBe('Error');
		expect(result.message).not.toContain('Wrong-Pass-4321');
	}, 5 * 60 * 1000);
});
