import { RoutingNode, type ExecuteContext } from 'n8n-core';
import type { IExecuteFunctions, INodeType } from 'n8n-workflow';

import { API_USER, createSynergistEmulator, type SynergistEmulator } from '../../../emulators/synergist';
import { SynergistApi } from '../../../credentials/SynergistApi.credentials';
import { Synergist } from '../../../nodes/Synergist/Synergist.node';
import { CredentialStore, loadOptions, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

let vendor: SynergistEmulator;
let store: CredentialStore;
let credential: StoredCredential;

const setup = (parameters: NodeSetup['parameters'], continueOnFail = false): NodeSetup => ({
	node: new Synergist(),
	credentialTypes: [new SynergistApi()],
	store,
	credential,
	parameters,
	continueOnFail,
});

const ops = () => vendor.emulator.log.map((r) => r.op);
const getJob = (jobNumber: string) => setup({ resource: 'job', operation: 'get', jobNumber });
const companyOneJobs = () =>
	[...vendor.state.jobs.values()]
		.filter((job) => job.company === 1)
		.map((job) => job.jobNumber)
		.sort();

beforeAll(async () => {
	vendor = createSynergistEmulator();
	await vendor.emulator.start();
});

afterAll(async () => await vendor.emulator.stop());

beforeEach(() => {
	vendor.emulator.reset();
	store = new CredentialStore();
	credential = store.add('synergistApi', { ...vendor.credentialData(), sha512Password: '', sessionBinding: '' });
});

/** Runs the credential's `test` request the way n8n's CredentialsTester does: a routing node with the request. */
async function testCredential() {
	const type = new SynergistApi();
	const tester: INodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: 'Runs a credential test request',
			defaults: { name: 'Credential Test' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'synergistApi', required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: type.test.request }, default: '' }],
		},
		async execute(this: IExecuteFunctions) {
			const decrypted = { id: credential.id, name: credential.name, type: credential.type, data: { ...credential.data } };
			return (await new RoutingNode(this as unknown as ExecuteContext, tester, decrypted).runNode()) ?? [[]];
		},
	};
	return await runNode({ ...setup({}), node: tester });
}

describe('Synergist credential and session', () => {
	it('passes the credential test by really logging in (GETSHA512, then the version call with the hash)', async () => {
		const result = await testCredential();
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ success: true, data: [{ variable_apiversion: '3.2' }] });
		expect(ops()).toEqual(['GETSHA512', 'system:VERSION']);
		expect(vendor.emulator.requests('system:VERSION')[0].query).toMatchObject({
			user: API_USER.login,
			sha512password: vendor.currentHash(),
			action: 'version',
			version: '3.2',
		});
		expect(vendor.emulator.requests('system:VERSION')[0].query.password).toBeUndefined();
	});

	it('fails the credential test for a wrong password, and for a hash the server no longer accepts', async () => {
		credential.data.password = 'wrong';
		expect((await testCredential()).error?.message).toMatch(/Synergist refused the login: invalid credentials supplied \[404002\]/);
		credential.data.loginMode = 'sha512';
		credential.data.password = vendor.currentHash();
		vendor.emulator.expireSessions();
		const stale = await testCredential();
		expect(stale.error).toBeDefined();
		expect(vendor.emulator.log.at(-1)).toMatchObject({ op: 'system:VERSION', status: 404 });
	});


	it('gets the SHA-512 once with the plain password, then sends only user + sha512password, also on the next run [wire:users:getsha512] [wire:jobs:None]', async () => {
		const first = await runNode(getJob('1/00000123'));
		expect(first.error).toBeUndefined();
		expect(first.items[0].json).toMatchObject({ jobNumber: '1/00000123', jobTaxCode: 3 });
		expect(ops()).toEqual(['GETSHA512', 'jobs:GETJOB']);

		const [login] = vendor.emulator.requests('GETSHA512');
		expect(login.method).toBe('GET');
		expect(login.path).toBe('/jsonapi/users.json');
		expect(login.query).toEqual({ user: API_USER.login, password: API_USER.password, action: 'GETSHA512', version: '3.2' });
		const [read] = vendor.emulator.requests('jobs:GETJOB');
		expect(read.query).toEqual({
			user: API_USER.login,
			sha512password: vendor.currentHash(),
			version: '3.2',
			company: '1',
			style: 'modeldata',
			modelstructure: 'jobdetails',
			job: '1/00000123',
		});
		expect(credential.data.sha512Password).toBe(vendor.currentHash());
		expect(credential.updates).toBe(1);

		vendor.emulator.clearLog();
		const second = await runNode(getJob('00000124'));
		expect(second.items[0].json.jobNumber).toBe('1/00000124');
		expect(ops()).toEqual(['jobs:GETJOB']);
		expect(vendor.emulator.log.every((r) => r.query.password === undefined)).toBe(true);
		expect(credential.updates).toBe(1);
	});

	it('recovers from an invalidated hash with one GETSHA512 that the next runs keep using', async () => {
		await runNode(getJob('1/00000001'));
		vendor.emulator.expireSessions();
		vendor.emulator.clearLog();
		for (let run = 0; run < 3; run++) {
			const result = await runNode(getJob('1/00000003'));
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.jobNumber).toBe('1/00000003');
		}
		expect(vendor.emulator.log.map((r) => [r.op, r.status])).toEqual([
			['jobs:GETJOB', 404],
			['GETSHA512', 200],
			['jobs:GETJOB', 200],
			['jobs:GETJOB', 200],
			['jobs:GETJOB', 200],
		]);
		expect(credential.updates).toBe(2);
		expect(credential.data.sha512Password).toBe(vendor.currentHash());
	});

	it('recovers in the middle of a run without failing the item', async () => {
		vendor.emulator.inject({ when: { op: 'jobs:GETJOB' }, times: 1, phase: 'before', action: { type: 'expireSessions' } });
		await runNode(getJob('1/00000001'));
		vendor.emulator.clearLog();
		// The first item's request goes through; the hash dies just before the second item's.
		vendor.emulator.inject({ when: { op: 'jobs:GETJOB' }, times: 1, action: { type: 'delay', ms: 0 } });
		vendor.emulator.inject({ when: { op: 'jobs:GETJOB' }, times: 1, action: { type: 'expireSessions' } });
		const result = await runNode(setup({ resource: 'job', operation: 'get', jobNumber: '={{$json.job}}', concurrency: 1 }), [
			{ job: '1/00000010' },
			{ job: '1/00000011' },
			{ job: '1/00000012' },
		]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.jobNumber)).toEqual(['1/00000010', '1/00000011', '1/00000012']);
		expect(vendor.emulator.log.map((r) => [r.op, r.status])).toEqual([
			['jobs:GETJOB', 200],
			['jobs:GETJOB', 404],
			['GETSHA512', 200],
			['jobs:GETJOB', 200],
			['jobs:GETJOB', 200],
		]);
	});

	it('logs in once when several items in flight meet the expired hash at the same time', async () => {
		await runNode(getJob('1/00000001'));
		vendor.emulator.clearLog();
		// item 0 runs alone (warm session), then items 1–4 go out together and all meet the dead hash
		vendor.emulator.inject({ when: { op: 'jobs:GETJOB' }, skip: 1, times: 1, action: { type: 'expireSessions' } });
		vendor.emulator.inject({ when: { op: 'GETSHA512' }, times: 1, action: { type: 'delay', ms: 200 } });
		const jobs = ['1/00000010', '1/00000011', '1/00000012', '1/00000013', '1/00000014'];
		const result = await runNode(setup({ resource: 'job', operation: 'get', jobNumber: '={{$json.job}}', concurrency: 5 }), jobs.map((job) => ({ job })));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.jobNumber)).toEqual(jobs);
		expect(result.items.map((i) => i.pairedItem)).toEqual(jobs.map((_, item) => ({ item })));
		expect(ops().filter((op) => op === 'GETSHA512')).toHaveLength(1);
		expect(vendor.emulator.log.filter((r) => r.op === 'jobs:GETJOB' && r.status === 200)).toHaveLength(5);
	});

	it('gets a new hash before the first request after the credential was edited', async () => {
		await runNode(getJob('1/00000001'));
		vendor.changePassword(API_USER.login, 'a-new-password');
		credential.data.password = 'a-new-password';
		vendor.emulator.clearLog();
		const result = await runNode(getJob('1/00000002'));
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['GETSHA512', 'jobs:GETJOB']);
	});

	it('uses an entered SHA-512 hash as is, never calling GETSHA512', async () => {
		credential.data.loginMode = 'sha512';
		credential.data.password = vendor.currentHash();
		const result = await runNode(getJob('1/00000005'));
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['jobs:GETJOB']);
		expect(vendor.emulator.log[0].query.sha512password).toBe(vendor.currentHash());

		vendor.emulator.expireSessions();
		const stale = await runNode(getJob('1/00000005'));
		expect(stale.error?.message).toBe('invalid credentials supplied [404002]');
		expect(stale.error?.description).toMatch(/rejected a freshly renewed session/);
		expect(vendor.emulator.requests('GETSHA512')).toHaveLength(0);
	});

	it('refuses a malformed SHA-512 hash before sending anything', async () => {
		credential.data.loginMode = 'sha512';
		credential.data.password = 'not-a-hash';
		const result = await runNode(getJob('1/00000005'));
		expect(result.error?.message).toMatch(/SHA-512 hash must be 128 hexadecimal characters/);
		expect(vendor.emulator.log).toHaveLength(0);
	});

	it('reports a wrong password in Synergist\'s words without repeating the password', async () => {
		credential.data.password = 'wrong & secret=pass';
		const result = await runNode(getJob('1/00000005'));
		expect(result.error?.message).toMatch(/Synergist refused the login: invalid credentials supplied \[404002\]/);
		const text = JSON.stringify({ m: result.error?.message, d: result.error?.description, c: result.error?.context });
		expect(text).not.toContain('wrong & secret=pass');
		expect(text).not.toContain(encodeURIComponent('wrong & secret=pass'));
		expect(ops()).toEqual(['GETSHA512']);
	});
});

describe('Synergist job slice', () => {
	it('returns every job of the company in one request with rows=0 by default [wire:jobs:None]', async () => {
		const result = await runNode(setup({ resource: 'job', operation: 'getAll', returnAll: true }));
		expect(result.error).toBeUndefined();
		const numbers = result.items.map((item) => item.json.jobNumber as string);
		expect(numbers).toHaveLength(240);
		expect(numbers).toEqual(companyOneJobs());
		const lists = vendor.emulator.requests('jobs:LIST');
		expect(lists).toHaveLength(1);
		expect(lists[0].query).toMatchObject({ company: '1', style: 'modeldata', modelstructure: 'jobslist', rows: '0' });
		expect(lists[0].query.page).toBeUndefined();
		expect(lists[0].query.view).toBeUndefined();
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('pages when the server caps rows=0, starting over in pages of the rows it answered at once', async () => {
		const capped = createSynergistEmulator({ maxRows: 100, seedCount: 130 });
		await capped.emulator.start();
		try {
			const cappedStore = new CredentialStore();
			const cappedCredential = cappedStore.add('synergistApi', { ...capped.credentialData(), sha512Password: '', sessionBinding: '' });
			const result = await runNode({ ...setup({ resource: 'job', operation: 'getAll', returnAll: true }), store: cappedStore, credential: cappedCredential });
			expect(result.error).toBeUndefined();
			const numbers = result.items.map((i) => i.json.jobNumber as string);
			expect(numbers).toHaveLength(130);
			expect(new Set(numbers).size).toBe(130);
			expect(capped.emulator.requests('jobs:LIST').map((r) => [r.query.page, r.query.rows])).toEqual([
				[undefined, '0'],
				['1', '100'],
				['2', '100'],
			]);
		} finally {
			await capped.emulator.stop();
		}
	});

	it('returns every job of the company exactly once over five pages of 50 when paging (page=1 first) [wire:jobs:None]', async () => {
		const result = await runNode(setup({ resource: 'job', operation: 'getAll', returnAll: true, options: { allInOneRequest: false } }));
		expect(result.error).toBeUndefined();
		const numbers = result.items.map((item) => item.json.jobNumber as string);
		expect(numbers).toHaveLength(240);
		expect(new Set(numbers).size).toBe(240);
		expect(numbers.slice().sort()).toEqual(companyOneJobs());
		const lists = vendor.emulator.requests('jobs:LIST');
		expect(lists.map((r) => [r.query.page, r.query.rows])).toEqual([
			['1', '50'],
			['2', '50'],
			['3', '50'],
			['4', '50'],
			['5', '50'],
		]);
		expect(lists[0].query).toMatchObject({ company: '1', style: 'modeldata', modelstructure: 'jobslist' });
		expect(lists[0].query.view).toBeUndefined();
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('follows the server\'s page numbers when the credential starts at page 0, never asking for a page twice', async () => {
		credential.data.firstPage = 0;
		const result = await runNode(setup({ resource: 'job', operation: 'getAll', returnAll: true, options: { pageSize: 50 } }));
		expect(result.error).toBeUndefined();
		const numbers = result.items.map((item) => item.json.jobNumber as string);
		expect(new Set(numbers).size).toBe(240);
		expect(numbers).toHaveLength(240);
		// The emulator numbers from 1 and serves page=0 as page 1: the next page asked for is 2.
		expect(vendor.emulator.requests('jobs:LIST').map((r) => r.query.page)).toEqual(['0', '2', '3', '4', '5']);
	});

	it('pages from 0 against a server that numbers from 0', async () => {
		const zeroBased = createSynergistEmulator({ firstPage: 0, seedCount: 130 });
		await zeroBased.emulator.start();
		try {
			const zeroStore = new CredentialStore();
			const zeroCredential = zeroStore.add('synergistApi', { ...zeroBased.credentialData(), sha512Password: '', sessionBinding: '' });
			expect(zeroCredential.data.firstPage).toBe(0);
			const result = await runNode({
				...setup({ resource: 'job', operation: 'getAll', returnAll: true, options: { pageSize: 40 } }),
				store: zeroStore,
				credential: zeroCredential,
			});
			expect(result.error).toBeUndefined();
			expect(new Set(result.items.map((i) => i.json.jobNumber)).size).toBe(130);
			expect(zeroBased.emulator.requests('jobs:LIST').map((r) => [r.query.page, r.query.rows])).toEqual([
				['0', '40'],
				['1', '40'],
				['2', '40'],
				['3', '40'],
			]);
		} finally {
			await zeroBased.emulator.stop();
		}
	});

	it('asks for exactly the limit in one request, or stops at the limit with one page size throughout when paging', async () => {
		const once = await runNode(setup({ resource: 'job', operation: 'getAll', returnAll: false, limit: 120 }));
		expect(once.items.map((i) => i.json.jobNumber)).toEqual(companyOneJobs().slice(0, 120));
		expect(vendor.emulator.requests('jobs:LIST').map((r) => [r.query.page, r.query.rows])).toEqual([['1', '120']]);
		vendor.emulator.clearLog();
		const result = await runNode(setup({ resource: 'job', operation: 'getAll', returnAll: false, limit: 120, options: { pageSize: 50 } }));
		expect(result.items).toHaveLength(120);
		expect(result.items.map((i) => i.json.jobNumber)).toEqual(companyOneJobs().slice(0, 120));
		expect(vendor.emulator.requests('jobs:LIST').map((r) => [r.query.page, r.query.rows])).toEqual([
			['1', '50'],
			['2', '50'],
			['3', '50'],
		]);
		vendor.emulator.clearLog();
		const few = await runNode(setup({ resource: 'job', operation: 'getAll', returnAll: false, limit: 5 }));
		expect(few.items).toHaveLength(5);
		expect(vendor.emulator.requests('jobs:LIST').map((r) => [r.query.page, r.query.rows])).toEqual([['1', '5']]);
	});

	it('lists the jobs of a view chosen from views.json, with filters [wire:views:None]', async () => {
		const views = await loadOptions(setup({ resource: 'job', operation: 'getAll' }), 'getJobViews');
		expect(views.map((v) => v.value)).toEqual(['', '-1303', '-1300', '-1305', '-1304']);
		expect(views[1]).toMatchObject({ name: 'Live jobs', description: 'View -1303 (default)' });
		expect(vendor.emulator.requests('views:LIST')[0].query).toMatchObject({ type: 'Jobs', company: '1' });

		const result = await runNode(
			setup({ resource: 'job', operation: 'getAll', view: '-1303', returnAll: true, filters: { client: 'WARD' } }),
		);
		expect(result.error).toBeUndefined();
		expect(result.items.length).toBeGreaterThan(0);
		expect(result.items.every((i) => i.json.jobStatus === 2 && i.json.jobClientCode === '1/WARD')).toBe(true);
		const [list] = vendor.emulator.requests('jobs:LIST');
		expect(list.query).toMatchObject({ view: '-1303', client: '1/WARD', rows: '0' });
		expect(list.query.page).toBeUndefined();
	});

	it("offers the installation's custom fields from the model structure, for jobs and activities [wire:jobs:None]", async () => {
		const jobFields = await loadOptions(setup({ resource: 'job', operation: 'create' }), 'getCustomFields');
		expect(jobFields.map((f) => f.value)).toEqual(expect.arrayContaining(['jobCustomField185', 'jobCustomField218', 'jobCustomField290']));
		expect(jobFields.every((f) => String(f.value).startsWith('jobCustomField'))).toBe(true);
		const structureRead = vendor.emulator.log.find((r) => r.query.style === 'modelstructure');
		expect(structureRead?.path).toBe('/jsonapi/jobs.json');
		expect(structureRead?.query).toMatchObject({ modelstructure: 'jobdetails', company: '1' });

		vendor.emulator.clearLog();
		const activityFields = await loadOptions(setup({ resource: 'activity', operation: 'create' }), 'getCustomFields');
		expect(activityFields.map((f) => f.value)).toEqual(expect.arrayContaining(['activityCustomField300', 'activityCustomField303']));
		expect(vendor.emulator.log.map((r) => [r.path, r.query.style, r.query.modelstructure])).toContainEqual(['/jsonapi/activities.json', 'modelstructure', 'activitydetails']);
	});

	it('creates a job with the input JSON of the reference example in the query string [wire:jobs:create]', async () => {
		const result = await runNode(
			setup({
				resource: 'job',
				operation: 'create',
				templateJob: '1/00000001',
				clientCode: 'MULTI',
				additionalFields: {
					description: 'Rebrand & "launch" #2 + web',
					dateIn: '2024-03-01T00:00:00',
					dateDue: '2024-04-15',
					status: '2',
					handlerUserId: 54,
					team: '1/DQS',
					jobTypeCode: 'WEB',
					contactId: 8600,
				},
				customFields: { field: [{ name: 'jobCustomField218', value: 'My New Text' }] },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([
			{ jobNumber: '1/00000241', jobUuid: expect.stringMatching(/^[0-9A-F]{32}$/), jobTimeStampModified: expect.any(Number), jobRecommendedVersionNumber: 7 },
		]);
		const [wire] = vendor.emulator.requests('jobs:CREATE');
		expect(wire.method).toBe('GET');
		expect(wire.query).toMatchObject({ action: 'create', company: '1', version: '3.2', user: API_USER.login });
		expect(JSON.parse(wire.query.input)).toEqual({
			data: [
				{
					varJobTemplate: '1/00000001',
					jobClientCode: '1/MULTI',
					jobDescription: 'Rebrand & "launch" #2 + web',
					jobDateIn: '2024-03-01',
					jobDateDue: '2024-04-15',
					jobJobtypeCode: '1/WEB',
					jobHandlerTeam: '1/DQS',
					jobStatus: '2',
					jobHandleruserid: '54',
					jobContactInternalRef: 8600,
					jobCustomField218: 'My New Text',
				},
			],
		});
		expect(vendor.state.jobs.get('1/00000241')).toMatchObject({ jobDescription: 'Rebrand & "launch" #2 + web', jobStatus: 2 });
	});

	it('passes Synergist\'s own error for a create it refuses, and does not repeat the write', async () => {
		const result = await runNode(setup({ resource: 'job', operation: 'create', templateJob: '1/00000001', clientCode: '1/NOPE' }));
		expect(result.error?.message).toBe('client 1/NOPE not found [2002]');
		expect(ops()).toEqual(['GETSHA512', 'jobs:CREATE']);
		expect(vendor.state.counters.jobsCreated).toBe(0);
	});

	it('rejects bad input before sending anything, naming the field and the item', async () => {
		const cases: Array<[NodeSetup['parameters'], string]> = [
			[{ resource: 'job', operation: 'get', jobNumber: '1/0000 0510' }, 'The field "Job Number" has an invalid value "1/0000 0510" in item 0'],
			[{ resource: 'job', operation: 'get', jobNumber: '  ' }, 'The field "Job Number" is empty in item 0'],
			[
				{ resource: 'job', operation: 'create', templateJob: '1/00000001', clientCode: '8/1244' },
				'The field "Client Code" names company 8 ("8/1244") but this job is in company 1, in item 0',
			],
			[
				{ resource: 'job', operation: 'create', templateJob: '1/00000001', clientCode: 'ACME', additionalFields: { dateIn: '31/12/2024' } },
				'The field "Date In" has an invalid value "31/12/2024" in item 0',
			],
			[
				{ resource: 'job', operation: 'create', templateJob: '1/00000001', clientCode: 'ACME', customFields: { field: [{ name: 'colour', value: 'x' }] } },
				'The field "Custom Fields" has an invalid value "colour" in item 0',
			],
			[{ resource: 'job', operation: 'getAll', view: '-13 03' }, 'The field "View" has an invalid value "-13 03" in item 0'],
		];
		for (const [parameters, message] of cases) {
			const result = await runNode(setup(parameters));
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(message);
			expect(result.error?.context?.itemIndex).toBe(0);
		}
		expect(vendor.emulator.log).toHaveLength(0);
	});

	it('with Continue On Fail, turns a failing item into an error item and keeps going', async () => {
		const result = await runNode(setup({ resource: 'job', operation: 'get', jobNumber: '={{$json.job}}' }, true), [
			{ job: '1/00000007' },
			{ job: '1/09999999' },
			{ job: 'not a job' },
			{ job: '1/00000008' },
		]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json.jobNumber).toBe('1/00000007');
		expect(result.items[1].json).toMatchObject({ error: 'Job 1/09999999 was not found in company 1', httpCode: '404' });
		expect(result.items[2].json.error).toBe('The field "Job Number" has an invalid value "not a job" in item 2');
		expect(result.items[3].json.jobNumber).toBe('1/00000008');
		expect(ops()).toEqual(['GETSHA512', 'jobs:GETJOB', 'jobs:GETJOB', 'jobs:GETJOB']);
	});

	it('never puts the password or its hash into an error', async () => {
		await runNode(getJob('1/00000001'));
		const hash = String(credential.data.sha512Password);
		vendor.emulator.inject({
			when: { op: 'jobs:GETJOB' },
			times: 10,
			action: {
				type: 'status',
				status: 500,
				headers: { 'content-type': 'text/xml' },
				raw: `<Responses><Error ErrorID="404999"><ErrorText>failed /jsonapi/jobs.json?user=user&amp;sha512password=${hash} (${hash})</ErrorText></Error></Responses>`,
			},
		});
		const failed = await runNode(getJob('1/00000001'));
		expect(failed.error?.message).toBe('failed /jsonapi/jobs.json?user=user&sha512password=*** (***) [404999]');
		expect(vendor.emulator.requests('jobs:GETJOB').length).toBeGreaterThan(2);
		vendor.emulator.clearFaults();
		vendor.emulator.inject({ when: { op: 'jobs:LIST' }, times: 10, action: { type: 'reset' } });
		const dropped = await runNode(setup({ resource: 'job', operation: 'getAll', returnAll: true }));
		expect(dropped.error).toBeDefined();
		for (const result of [failed, dropped]) {
			const text = JSON.stringify({ m: result.error?.message, d: result.error?.description, c: result.error?.context });
			expect(text).not.toContain(hash);
			expect(text).not.toContain(API_USER.password);
			expect(text).not.toContain(encodeURIComponent(API_USER.password));
		}
	});
});
