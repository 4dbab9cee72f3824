import { API_USER, createSynergistEmulator } from '../../emulators/synergist';
import { newId, type CredentialSpec, type RunResult, type WorkflowJson } from './harness';
import { vendorSuite } from './vendor-suite';

/*
 * The Synergist slice in the released n8n: the pack installed as a community package, a credential imported with the
 * plain password only, workflows run with `n8n execute`, and the emulator's request log as the witness of what went
 * over the wire (GETSHA512 is the login; every other call must carry sha512password and never the password).
 */

const NODE = 'Synergist';
const suite = vendorSuite({
	label: 'synergist',
	nodeName: NODE,
	nodeType: 'synergist',
	credentialType: 'synergistApi',
	createEmulator: createSynergistEmulator,
	workflows: (): WorkflowJson[] => [getJob],
});
const { credential, ops, workflow } = suite;
const getJob = workflow('get job', { resource: 'job', operation: 'get', jobNumber: '1/00000123' });

const logins = () => suite.vendor.emulator.requests('GETSHA512').length;

/** Everything a run exposes (output, error, the whole run JSON) must be free of the password and its hash. */
function expectNoSecrets(run: RunResult) {
	const text = JSON.stringify(run.raw);
	expect(text).not.toContain(API_USER.password);
	expect(text).not.toContain(encodeURIComponent(API_USER.password));
	expect(text).not.toContain(suite.vendor.currentHash());
}

describe('Synergist in a real n8n', () => {
	it('gets a job: one GETSHA512 with the plain password, then only the stored hash', async () => {
		const run = await suite.n8n.execute(getJob.id!);
		expect(run.error).toBeUndefined();
		expect(run.output(NODE)).toEqual([expect.objectContaining({ jobNumber: '1/00000123', jobTaxCode: 3 })]);
		expect(ops()).toEqual(['GETSHA512', 'jobs:GETJOB']);
		const [read] = suite.vendor.emulator.requests('jobs:GETJOB');
		expect(read.query).toMatchObject({ user: API_USER.login, sha512password: suite.vendor.currentHash(), version: '3.2', company: '1' });
		expect(read.query.password).toBeUndefined();
		const stored = await suite.n8n.readCredential(credential.id);
		expect(stored.sha512Password).toBe(suite.vendor.currentHash());
		expectNoSecrets(run);
	});

	it('reuses the stored hash on a second execution: no GETSHA512', async () => {
		const run = await suite.n8n.execute(getJob.id!);
		expect(run.ok).toBe(true);
		expect(ops()).toEqual(['jobs:GETJOB']);
	});

	it('runs Get Many (Return All over five pages), Get Many of a view and Create', async () => {
		const all = workflow('all jobs', { resource: 'job', operation: 'getAll', returnAll: true });
		const live = workflow('live jobs', { resource: 'job', operation: 'getAll', view: '-1303', returnAll: false, limit: 7 });
		const create = workflow('create job', {
			resource: 'job',
			operation: 'create',
			templateJob: '1/00000001',
			clientCode: 'WARD',
			additionalFields: { description: 'Launch & "web" #7 + print', dateIn: '2024-03-01T00:00:00', status: '2' },
		});
		const ids = await suite.n8n.importWorkflows([all, live, create]);
		const [allRun, liveRun, createRun] = await suite.n8n.executeMany(ids);

		expect(allRun.error).toBeUndefined();
		const numbers = allRun.output(NODE).map((job) => String(job.jobNumber));
		expect(numbers).toHaveLength(240);
		expect(new Set(numbers).size).toBe(240);
		const lists = suite.vendor.emulator.requests('jobs:LIST');
		const allPages = lists.filter((r) => r.query.view === undefined).map((r) => [r.query.page, r.query.rows]);
		expect(allPages).toEqual([
			['1', '50'],
			['2', '50'],
			['3', '50'],
			['4', '50'],
			['5', '50'],
		]);

		expect(liveRun.output(NODE)).toHaveLength(7);
		expect(liveRun.output(NODE).every((job) => job.jobStatus === 2)).toBe(true);
		expect(lists.filter((r) => r.query.view === '-1303').map((r) => [r.query.page, r.query.rows])).toEqual([['1', '7']]);

		expect(createRun.output(NODE)).toEqual([expect.objectContaining({ jobNumber: '1/00000241', jobRecommendedVersionNumber: 7 })]);
		const [wire] = suite.vendor.emulator.requests('jobs:CREATE');
		expect(JSON.parse(wire.query.input)).toEqual({
			data: [
				{
					varJobTemplate: '1/00000001',
					jobClientCode: '1/WARD',
					jobDescription: 'Launch & "web" #7 + print',
					jobDateIn: '2024-03-01',
					jobStatus: '2',
				},
			],
		});
		expect(suite.vendor.state.jobs.get('1/00000241')?.jobDescription).toBe('Launch & "web" #7 + print');
		expect(logins()).toBe(0);
	});

	it('recovers from one expiry with exactly one GETSHA512 over three executions', async () => {
		suite.vendor.emulator.expireSessions();
		for (let run = 0; run < 3; run++) {
			const result = await suite.n8n.execute(getJob.id!);
			expect(result.error).toBeUndefined();
			expect(result.output(NODE)[0].jobNumber).toBe('1/00000123');
		}
		expect(suite.vendor.emulator.log.map((r) => [r.op, r.status])).toEqual([
			['jobs:GETJOB', 404],
			['GETSHA512', 200],
			['jobs:GETJOB', 200],
			['jobs:GETJOB', 200],
			['jobs:GETJOB', 200],
		]);
		expect((await suite.n8n.readCredential(credential.id)).sha512Password).toBe(suite.vendor.currentHash());
	});

	it('recovers from an expiry in the middle of a run without failing an item', async () => {
		const several = workflow(
			'get several jobs',
			{ resource: 'job', operation: 'get', jobNumber: '={{ $json.job }}' },
			{ input: [{ job: '1/00000010' }, { job: '1/00000011' }, { job: '1/00000012' }] },
		);
		const id = await suite.n8n.importWorkflow(several);
		// The first item's request goes through; the hash dies just before the second item's.
		suite.vendor.emulator.inject({ when: { op: 'jobs:GETJOB' }, times: 1, action: { type: 'delay', ms: 0 } });
		suite.vendor.emulator.inject({ when: { op: 'jobs:GETJOB' }, times: 1, action: { type: 'expireSessions' } });
		const run = await suite.n8n.execute(id);
		expect(run.error).toBeUndefined();
		expect(run.output(NODE).map((job) => job.jobNumber)).toEqual(['1/00000010', '1/00000011', '1/00000012']);
		expect(suite.vendor.emulator.log.map((r) => [r.op, r.status])).toEqual([
			['jobs:GETJOB', 200],
			['jobs:GETJOB', 404],
			['GETSHA512', 200],
			['jobs:GETJOB', 200],
			['jobs:GETJOB', 200],
		]);
	});

	it('fails a bad input with a clear message naming the field and item, before any request', async () => {
		const bad = workflow('bad job number', { resource: 'job', operation: 'get', jobNumber: '1/0000 0510' });
		const run = await suite.n8n.execute(await suite.n8n.importWorkflow(bad));
		expect(run.ok).toBe(false);
		expect(run.error?.message).toBe('The field "Job Number" has an invalid value "1/0000 0510" in item 0');
		expect(run.error?.node).toBe(NODE);
		expect(suite.vendor.emulator.log).toHaveLength(0);
	});

	it('continues on fail with an error item in place of each failing item', async () => {
		const mixed = workflow(
			'continue on fail',
			{ resource: 'job', operation: 'get', jobNumber: '={{ $json.job }}' },
			{ input: [{ job: '1/00000007' }, { job: '1/09999999' }, { job: 'not a job' }, { job: '1/00000008' }], extra: { continueOnFail: true } },
		);
		const run = await suite.n8n.execute(await suite.n8n.importWorkflow(mixed));
		expect(run.error).toBeUndefined();
		const items = run.items(NODE);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0].json.jobNumber).toBe('1/00000007');
		expect(items[1].json).toMatchObject({ error: 'Job 1/09999999 was not found in company 1' });
		expect(items[2].json.error).toBe('The field "Job Number" has an invalid value "not a job" in item 2');
		expect(items[3].json.jobNumber).toBe('1/00000008');
		expect(ops()).toEqual(['jobs:GETJOB', 'jobs:GETJOB', 'jobs:GETJOB']);
		expectNoSecrets(run);
	});

	it('reports a vendor failure in Synergist\'s words with no secret in it', async () => {
		suite.vendor.emulator.inject({
			when: { op: 'jobs:GETJOB' },
			times: 10,
			action: {
				type: 'status',
				status: 500,
				headers: { 'content-type': 'text/xml' },
				raw: `<Responses><Error ErrorID="404999"><ErrorText>failed /jsonapi/jobs.json?user=user&amp;sha512password=${suite.vendor.currentHash()}</ErrorText></Error></Responses>`,
			},
		});
		const run = await suite.n8n.execute(getJob.id!);
		expect(run.ok).toBe(false);
		expect(run.error?.message).toBe('failed /jsonapi/jobs.json?user=user&sha512password=*** [404999]');
		expectNoSecrets(run);
	});
});

describe('Synergist credential test in a real n8n', () => {
	afterAll(async () => await suite.n8n.stop());

	it('passes by really logging in (GETSHA512, then the version call with the hash)', async () => {
		const fresh: CredentialSpec = { id: newId(), name: 'Synergist (credential test)', type: 'synergistApi', data: suite.vendor.credentialData() };
		const result = await suite.n8n.testCredential(fresh);
		expect(result).toMatchObject({ status: 'OK' });
		expect(ops()).toEqual(['GETSHA512', 'system:VERSION']);
		expect(suite.vendor.emulator.requests('system:VERSION')[0].query).toMatchObject({ sha512password: suite.vendor.currentHash(), action: 'version' });
	}, 5 * 60 * 1000);

	it('fails for a wrong password without repeating it', async () => {
		const wrong: CredentialSpec = {
			id: newId(),
			name: 'Synergist (wrong password)',
			type: 'synergistApi',
			data: { ...suite.vendor.credentialData(), password: 'wrong & secret=pass' },
		};
		const result = await suite.n8n.testCredential(wrong);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/invalid credentials supplied/);
		expect(result.message).not.toContain('wrong & secret=pass');
		expect(ops()).toEqual(['GETSHA512']);
	}, 5 * 60 * 1000);
});
