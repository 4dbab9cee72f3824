import { crypto, delay } from 'business-pack-devkit';
import type { IDataObject } from 'n8n-workflow';

import { API_USER, createSynergistEmulator } from '../../emulators/synergist';
import { attachmentBytes } from '../../emulators/synergist/areas/attachments';
import { expenseSheets } from '../../emulators/synergist/areas/expensesheets';
import { manualWorkflow, newId, packNodeType, type CredentialSpec, type NodeSpec, type RunResult, type WorkflowJson } from './harness';
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

	it('runs Get Many (Return All in one request, and over five pages with All in One Request off), Get Many of a view and Create', async () => {
		const all = workflow('all jobs', { resource: 'job', operation: 'getAll', returnAll: true });
		const paged = workflow('all jobs paged', { resource: 'job', operation: 'getAll', returnAll: true, options: { allInOneRequest: false } });
		const live = workflow('live jobs', { resource: 'job', operation: 'getAll', view: '-1303', returnAll: false, limit: 7 });
		const create = workflow('create job', {
			resource: 'job',
			operation: 'create',
			templateJob: '1/00000001',
			clientCode: 'WARD',
			additionalFields: { description: 'Launch & "web" #7 + print', dateIn: '2024-03-01T00:00:00', status: '2' },
		});
		const ids = await suite.n8n.importWorkflows([all, paged, live, create]);
		const [allRun, pagedRun, liveRun, createRun] = await suite.n8n.executeMany(ids);

		expect(allRun.error).toBeUndefined();
		const numbers = allRun.output(NODE).map((job) => String(job.jobNumber));
		expect(numbers).toHaveLength(240);
		expect(new Set(numbers).size).toBe(240);
		expect(pagedRun.error).toBeUndefined();
		expect(pagedRun.output(NODE).map((job) => String(job.jobNumber))).toEqual(numbers);
		const lists = suite.vendor.emulator.requests('jobs:LIST');
		const allLists = lists.filter((r) => r.query.view === undefined);
		// Return All by default: one request, rows=0 ("return all rows")
		expect(allLists.filter((r) => r.query.rows === '0').map((r) => [r.query.page, r.query.rows])).toEqual([[undefined, '0']]);
		const allPages = allLists.filter((r) => r.query.rows !== '0').map((r) => [r.query.page, r.query.rows]);
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
		// items 1 and 2 run at once (Concurrency): each may meet the dead hash, but only one login renews it
		const log = suite.vendor.emulator.log.map((r) => [r.op, r.status]);
		const login = log.findIndex(([op]) => op === 'GETSHA512');
		expect(log.filter(([op]) => op === 'GETSHA512')).toEqual([['GETSHA512', 200]]);
		expect(log.slice(0, login)).toEqual([['jobs:GETJOB', 200], ...log.slice(1, login).map(() => ['jobs:GETJOB', 404])]);
		expect(log.slice(login + 1)).toEqual(log.slice(1, login).map(() => ['jobs:GETJOB', 200]));
		expect(login).toBeGreaterThanOrEqual(2);
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

describe('Synergist acceptance chain in a real n8n', () => {
	const credentials = () => ({ synergistApi: { id: credential.id, name: credential.name } });
	const synergist = (name: string, parameters: IDataObject): NodeSpec => ({ name, type: packNodeType('synergist'), parameters, credentials: credentials() });
	const code = (name: string, jsCode: string): NodeSpec => ({ name, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode } });

	it('looks up client and job type → creates a job → reads its phase → logs time → lists a view over 5+ pages → uploads and downloads an attachment → submits and approves an expense sheet; no password after GETSHA512', async () => {
		const state = suite.vendor.state;
		const liveCount = [...state.jobs.values()].filter((job) => job.jobNumber.startsWith('1/') && job.jobStatus === 2 && !job.jobCompleted).length + 1;
		const pageSize = Math.max(1, Math.floor(liveCount / 6));
		const expectedPages = Math.ceil(liveCount / pageSize);
		expect(expectedPages).toBeGreaterThanOrEqual(5);
		const bytes = Buffer.concat([crypto.randomBytes(3000), Buffer.from([0, 255, 13, 10])]);
		const chain = manualWorkflow({
			name: 'Synergist: acceptance chain',
			nodes: [
				synergist('Clients', { resource: 'job', operation: 'getClients', returnAll: true }),
				code('Pick Client', "const client = $input.all().map((i) => i.json).find((c) => c.clientCode === '1/F667'); return [{ json: { clientCode: client.clientCode, clients: $input.all().length } }];"),
				synergist('Job Types', { resource: 'job', operation: 'getJobTypes' }),
				code(
					'Pick Type',
					"const type = $input.all().map((i) => i.json).find((t) => t.JobtypeDescription === 'Print'); return [{ json: { clientCode: $('Pick Client').first().json.clientCode, jobTypeCode: type.JobtypeCode, types: $input.all().length } }];",
				),
				synergist('Create Job', {
					resource: 'job',
					operation: 'create',
					templateJob: '1/00000001',
					clientCode: '={{ $json.clientCode }}',
					additionalFields: { description: 'Acceptance chain brochure', jobTypeCode: '={{ $json.jobTypeCode }}', status: '2' },
				}),
				synergist('Phase', { resource: 'phase', operation: 'get', phaseNumber: '={{ $json.jobNumber }}.001' }),
				synergist('Log Time', {
					resource: 'pendingTimesheet',
					operation: 'create',
					jobAndPhase: '={{ $json.phaseJobAndPhase }}',
					date: '2024-03-04T00:00:00',
					resourceCode: 'JON',
					additionalFields: { hoursNormal: 1.5, workDone: 'Chain & "layout"' },
				}),
				synergist('Live Jobs', { resource: 'job', operation: 'getAll', view: '-1303', returnAll: true, options: { pageSize } }),
				code('File', `return [{ json: {}, binary: { data: { data: ${JSON.stringify(bytes.toString('base64'))}, mimeType: 'application/pdf', fileName: 'chain brief.pdf' } } }];`),
				synergist('Upload', { resource: 'attachment', operation: 'create', activityId: 7730, binaryPropertyName: 'data', additionalFields: { description: 'chain brief' } }),
				synergist('Download', { resource: 'attachment', operation: 'download', attachmentId: '={{ $json.attachmentID }}', binaryPropertyName: 'out' }),
				code(
					'Bytes',
					"const buffer = await this.helpers.getBinaryDataBuffer(0, 'out'); const file = $input.first().binary.out; return [{ json: { base64: buffer.toString('base64'), fileName: file.fileName, mimeType: file.mimeType } }];",
				),
				synergist('Submit', { resource: 'expenseSheet', operation: 'submit', expenseSheets: '1791' }),
				synergist('Approve', { resource: 'expenseSheet', operation: 'approve', expenseSheets: '1791' }),
			],
		});
		const id = await suite.n8n.importWorkflow(chain);
		// a re-saved password on the server: the chain's first call meets the stale hash and logs in once
		suite.vendor.emulator.expireSessions();
		const run = await suite.n8n.execute(id);
		expect(run.error).toBeUndefined();
		expect(run.ok).toBe(true);

		// lookups (the dropdown sources)
		expect(suite.vendor.emulator.requests('jobs:CLIENTS').at(-1)!.query).toMatchObject({ action: 'clients', company: '1' });
		expect(run.output('Pick Client')[0]).toMatchObject({ clientCode: '1/F667' });
		expect(suite.vendor.emulator.requests('jobs:JOBTYPES')).toHaveLength(1);
		expect(run.output('Job Types').map((t) => t.JobtypeDescription)).toContain('Print');
		expect(run.output('Pick Type')[0]).toMatchObject({ jobTypeCode: '1/PRT' });

		// create job
		const created = run.output('Create Job');
		expect(created).toHaveLength(1);
		const jobNumber = String(created[0].jobNumber);
		expect(jobNumber).toMatch(/^1\/\d{8}$/);
		expect(JSON.parse(suite.vendor.emulator.requests('jobs:CREATE')[0].query.input)).toEqual({
			data: [{ varJobTemplate: '1/00000001', jobClientCode: '1/F667', jobDescription: 'Acceptance chain brochure', jobJobtypeCode: '1/PRT', jobStatus: '2' }],
		});
		expect(state.jobs.get(jobNumber)).toMatchObject({ jobClientCode: '1/F667', jobStatus: 2 });

		// its phase
		expect(run.output('Phase')).toEqual([expect.objectContaining({ phaseJobAndPhase: `${jobNumber}.001`, phaseJobNumber: jobNumber })]);
		expect(suite.vendor.emulator.requests('phases:LIST')[0].query).toMatchObject({ job: `${jobNumber}.001` });

		// time
		const [time] = suite.vendor.emulator.requests('tspending:CREATE');
		expect(JSON.parse(time.query.input).data[0]).toMatchObject({ tspJobAndPhase: `${jobNumber}.001`, tspResourceCode: '1/JON', tspHoursNormal: 1.5, tspWorkDone: 'Chain & "layout"' });
		expect(run.output('Log Time')[0]).toMatchObject({ tspJobAndPhase: `${jobNumber}.001` });

		// the view, every page once
		const live = run.output('Live Jobs').map((job) => String(job.jobNumber));
		expect(live).toHaveLength(liveCount);
		expect(new Set(live).size).toBe(liveCount);
		expect(live).toContain(jobNumber);
		const pages = suite.vendor.emulator.requests('jobs:LIST').map((r) => [r.query.view, r.query.page, r.query.rows]);
		expect(pages).toEqual(Array.from({ length: expectedPages }, (_, i) => ['-1303', String(i + 1), String(pageSize)]));

		// attachment round trip
		const upload = suite.vendor.emulator.requests('attachments:CREATE')[0];
		expect(JSON.parse(upload.query.input)).toEqual({
			data: [{ attachmentActivityID: '7730', attachmentDescription: 'chain brief', attachmentOriginalFilename: 'chain brief.pdf', variable_AttachmentBase64: bytes.toString('base64') }],
		});
		const attachmentId = run.output('Upload')[0].attachmentID as number;
		expect(attachmentBytes(state, attachmentId)?.equals(bytes)).toBe(true);
		expect(suite.vendor.emulator.requests('notesattachments:ATTACHMENTVIEW')[0].query).toMatchObject({ action: 'attachmentview', attachment: String(attachmentId) });
		expect(run.output('Bytes')[0]).toEqual({ base64: bytes.toString('base64'), fileName: 'chain brief.pdf', mimeType: 'application/pdf' });

		// expense sheet workflow
		expect(run.output('Submit')).toEqual([{ success: true, message: 'Expense sheet submitted.', expenseSheets: [1791] }]);
		expect(run.output('Approve')[0]).toMatchObject({ success: true, message: 'Expense sheet approved.' });
		expect(suite.vendor.emulator.requests('expensesheets:EXPENSESHEETAPPROVE')[0].query).toMatchObject({ action: 'expensesheetapprove', expensesheet: '1791' });
		expect(expenseSheets(state).sheets.get(1791)).toMatchObject({ status: 'S', approved: true });

		// the whole chain on the wire: exactly one login, and no plain password on any other request
		const log = suite.vendor.emulator.log;
		expect(log.filter((r) => r.op === 'GETSHA512')).toHaveLength(1);
		const login = log.findIndex((r) => r.op === 'GETSHA512');
		expect(log[login].query.password).toBe(API_USER.password);
		const carryingPassword = (r: (typeof log)[number]) =>
			Object.keys(r.query).some((key) => key.toLowerCase() === 'password') || /(^|[&?])password=/i.test(r.rawBody);
		expect(log.filter(carryingPassword).map((r) => r.seq)).toEqual([log[login].seq]);
		expect(log.slice(login + 1).every((r) => r.query.sha512password === suite.vendor.currentHash())).toBe(true);
		expect(log.map((r) => r.status).filter((status) => status !== 200)).toEqual([404]);
		expect(log.length).toBeGreaterThanOrEqual(expectedPages + 10);
		expectNoSecrets(run);
	}, 10 * 60 * 1000);

	it('fails a run with a wrong password: "invalid credentials supplied", no secret in the message or the run', async () => {
		const secret = 'wrong & secret=pass';
		const wrong: CredentialSpec = { id: newId(), name: 'Synergist (wrong password, run)', type: 'synergistApi', data: { ...suite.vendor.credentialData(), password: secret } };
		await suite.n8n.importCredentials([wrong]);
		const flow = manualWorkflow({
			name: 'Synergist: wrong password',
			nodes: [{ name: NODE, type: packNodeType('synergist'), parameters: { resource: 'job', operation: 'get', jobNumber: '1/00000123' }, credentials: { synergistApi: { id: wrong.id, name: wrong.name } } }],
		});
		const run = await suite.n8n.execute(await suite.n8n.importWorkflow(flow));
		expect(run.ok).toBe(false);
		expect(run.error?.message).toMatch(/invalid credentials supplied/);
		const text = JSON.stringify(run.raw);
		for (const value of [secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+'), API_USER.password, suite.vendor.currentHash()]) {
			expect(run.error?.message).not.toContain(value);
			expect(text).not.toContain(value);
		}
		expect(ops()).toEqual(['GETSHA512']);
		expect(suite.vendor.emulator.log[0].status).toBe(404);
	}, 10 * 60 * 1000);
});

describe('Synergist Trigger in a real n8n (activated, polling on each start)', () => {
	const trigger = (name: string, event: string) => ({
		id: crypto.randomUUID(),
		name,
		type: packNodeType('synergistTrigger'),
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: { event, pollTimes: { item: [{ mode: 'everyMinute' }] } },
		credentials: { synergistApi: { id: credential.id, name: credential.name } },
	});
	const watcher: WorkflowJson = {
		id: newId(),
		name: 'Synergist: watch jobs',
		nodes: [trigger('New Job', 'newJob'), trigger('Job Updated', 'jobUpdated')],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	let first = 0;

	/** A user working in Synergist: a call to the emulated API the way another client makes it. */
	async function api(params: Record<string, string>, input: IDataObject[]): Promise<IDataObject> {
		const query = new URLSearchParams({ user: API_USER.login, sha512password: suite.vendor.currentHash(), version: '3.2', company: '1', ...params });
		query.set('input', JSON.stringify({ data: input }));
		const response = await fetch(`${suite.vendor.emulator.url}/jsonapi/jobs.json?${query.toString()}`);
		const body = (await response.json()) as IDataObject;
		expect(body).toMatchObject({ success: true });
		return body;
	}
	const touchJob = async (jobNumber: string, description: string) => await api({ action: 'update' }, [{ jobNumber, jobDescription: description }]);
	const createJob = async (description: string) =>
		String(((await api({ action: 'create' }, [{ varJobTemplate: '1/00000001', jobClientCode: '1/F667', jobDescription: description }])).data as IDataObject[])[0].jobNumber);

	const pollOnce = async () => {
		await suite.n8n.start();
		for (let seen = -1, round = 0; round < 60; round++) {
			await delay(750);
			const runs = await suite.n8n.executionsAfter(first, [watcher.id!]);
			const busy = runs.some((run) => run.status === 'new' || run.status === 'running');
			if (!busy && suite.vendor.emulator.log.length === seen) break;
			seen = suite.vendor.emulator.log.length;
		}
		await suite.n8n.stop();
	};

	afterAll(async () => await suite.n8n.unpublish(watcher.id!));

	it('emits each new job and each job change exactly once over three polls after activation', async () => {
		await suite.n8n.importWorkflow(watcher);
		await suite.n8n.publish(watcher.id!);
		first = await suite.n8n.lastExecutionId();

		await touchJob('1/00000020', 'changed before activation');
		await delay(1100);
		await pollOnce(); // activation: nothing old
		expect(await suite.n8n.executionsAfter(first, [watcher.id!])).toEqual([]);

		await delay(1100);
		const a = await createJob('Trigger job A');
		await touchJob('1/00000021', 'first change');
		await pollOnce();

		await delay(1100);
		const b = await createJob('Trigger job B');
		await touchJob(a, 'A changed');
		await touchJob('1/00000022', 'another change');
		await pollOnce();

		await delay(1100);
		await touchJob('1/00000021', 'second change');
		await pollOnce();

		const executions = await suite.n8n.executionsAfter(first, [watcher.id!]);
		expect(executions.length).toBeGreaterThan(0);
		expect(executions.map((run) => run.status)).toEqual(executions.map(() => 'success'));
		const emitted = executions.flatMap((run) => {
			expect(run.mode).toBe('trigger');
			return ['New Job', 'Job Updated'].flatMap((node) =>
				run.nodesRun().includes(node) ? run.output(node).map((json) => `${node}:${String(json.jobNumber)}:${String(json.jobDescription1stLine ?? json.jobDescription ?? '')}`) : [],
			);
		});
		expect(emitted.sort()).toEqual(
			[
				`New Job:${a}:Trigger job A`,
				'Job Updated:1/00000021:first change',
				`New Job:${b}:Trigger job B`,
				`Job Updated:${a}:A changed`,
				'Job Updated:1/00000022:another change',
				'Job Updated:1/00000021:second change',
			].sort(),
		);
		const polls = suite.vendor.emulator.requests('jobs:LIST');
		expect(polls.length).toBeGreaterThanOrEqual(8);
		expect(polls.every((r) => r.query.timestampfrom !== undefined && r.query.timestampto !== undefined && r.query.password === undefined)).toBe(true);
		// every poll reads its window in one request
		expect(polls.every((r) => r.query.rows === '0' && r.query.page === undefined)).toBe(true);
	}, 15 * 60 * 1000);
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
