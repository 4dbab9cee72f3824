import type { IDataObject } from 'n8n-workflow';

import { API_USER, createSynergistEmulator, type SynergistEmulator } from '../../../emulators/synergist';
import { SynergistApi } from '../../../credentials/SynergistApi.credentials';
import { SynergistTrigger, activityCreatedOn } from '../../../nodes/Synergist/SynergistTrigger.node';
import { CredentialStore, runPoll, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

let vendor: SynergistEmulator;
let store: CredentialStore;
let credential: StoredCredential;
/** The shared clock of the emulator and the trigger (both read Date.now), in ms. */
let clock: number;
const START = Date.UTC(2027, 0, 12, 9, 0, 0);

const trigger = (event: string, staticData: IDataObject, parameters: IDataObject = {}): NodeSetup => ({
	node: new SynergistTrigger(),
	credentialTypes: [new SynergistApi()],
	store,
	credential,
	parameters: { event, ...parameters },
	staticData,
});

/** Runs one poll `seconds` after the previous one; returns the emitted rows (none → []). */
async function poll(setup: NodeSetup, seconds = 60) {
	clock += seconds * 1000;
	const output = await runPoll(setup);
	return output === null ? [] : output[0].map((item) => item.json);
}

/** A call to the emulated API the way another Synergist client would make it (a user working in Synergist). */
async function api(area: string, params: Record<string, string>, input?: IDataObject[]): Promise<IDataObject> {
	const query = new URLSearchParams({ user: API_USER.login, sha512password: vendor.currentHash(), version: '3.2', company: '1', ...params });
	if (input) query.set('input', JSON.stringify({ data: input }));
	const response = await fetch(`${vendor.emulator.url}/jsonapi/${area}.json?${query.toString()}`);
	const body = (await response.json()) as IDataObject;
	expect(body).toMatchObject({ success: true });
	return body;
}
const touchJob = async (jobNumber: string, description: string) =>
	await api('jobs', { action: 'update' }, [{ jobNumber, jobDescription: description }]);
const createJob = async () => {
	const body = await api('jobs', { action: 'create' }, [{ varJobTemplate: '1/00000001', jobClientCode: '1/F667', jobDescription: 'New brochure' }]);
	return (body.data as IDataObject[])[0].jobNumber as string;
};
const polledRequests = (op: string) => vendor.emulator.requests(op).map((r) => r.query);

beforeAll(async () => {
	vendor = createSynergistEmulator();
	await vendor.emulator.start();
});

afterAll(async () => await vendor.emulator.stop());

beforeEach(() => {
	clock = START;
	jest.spyOn(Date, 'now').mockImplementation(() => clock);
	vendor.emulator.reset();
	store = new CredentialStore();
	credential = store.add('synergistApi', { ...vendor.credentialData(), sha512Password: '', sessionBinding: '' });
});

afterEach(() => jest.restoreAllMocks());

describe('Synergist Trigger: jobs (timestampfrom/timestampto)', () => {
	it('first activation emits nothing old; a new job is emitted once over three polls and a restart', async () => {
		const staticData: IDataObject = {};
		await touchJob('1/00000005', 'changed before activation');
		expect(await poll(trigger('newJob', staticData), 1)).toEqual([]);
		const state = (staticData['node:Synergist Trigger'] as IDataObject).state as IDataObject;
		expect(state).toMatchObject({ watching: 'newJob@1', since: START / 1000 + 1 });

		clock += 5000;
		const created = await createJob();
		await touchJob('1/00000007', 'an old job changed: not new');
		const second = await poll(trigger('newJob', staticData));
		expect(second.map((row) => row.jobNumber)).toEqual([created]);
		// the poll asked for the changes since the previous poll (minus the clock tolerance) up to now
		const query = polledRequests('jobs:LIST').pop()!;
		expect(query).toMatchObject({ style: 'modeldata', modelstructure: 'jobslist', timestampfrom: String(START / 1000 + 1 - 60), timestampto: String(START / 1000 + 66) });

		expect(await poll(trigger('newJob', staticData))).toEqual([]);
		// a restart: a new node instance over the same static data
		expect(await poll({ ...trigger('newJob', staticData), node: new SynergistTrigger() })).toEqual([]);
		// its first update is a change, not a new job
		await touchJob(created, 'renamed');
		expect(await poll(trigger('newJob', staticData))).toEqual([]);
	});

	it('Job Updated emits each change once, including one in the same second as the previous poll', async () => {
		const staticData: IDataObject = {};
		const setup = trigger('jobUpdated', staticData, { toleranceSeconds: 0 });
		expect(await poll(setup, 0)).toEqual([]);

		await touchJob('1/00000003', 'first change');
		const first = await poll(setup, 10);
		expect(first.map((row) => [row.jobNumber, row.jobDescription1stLine])).toEqual([['1/00000003', 'first change']]);

		// a change in the very second the poll ran (after it read): the next window starts at that second
		await touchJob('1/00000004', 'same second');
		const created = await createJob();
		const second = await poll(setup, 10);
		expect(second.map((row) => row.jobNumber)).toEqual(['1/00000004']);
		expect(second.map((row) => row.jobNumber)).not.toContain(created);

		expect(await poll(setup, 10)).toEqual([]);
		await touchJob('1/00000003', 'second change');
		await touchJob(created, 'now an update');
		expect((await poll(setup, 10)).map((row) => row.jobNumber).sort()).toEqual(['1/00000003', created].sort());
	});

	it('re-reads the clock tolerance without repeating, and catches a change stamped behind n8n’s clock', async () => {
		const staticData: IDataObject = {};
		const setup = trigger('jobUpdated', staticData, { toleranceSeconds: 120 });
		await poll(setup, 0);
		await touchJob('1/00000003', 'seen');
		expect(await poll(setup, 30)).toHaveLength(1);
		// the server's clock is 90 s behind: the change carries a time before the last poll
		clock -= 90_000;
		await touchJob('1/00000008', 'late stamp');
		clock += 90_000;
		expect((await poll(setup, 30)).map((row) => row.jobNumber)).toEqual(['1/00000008']);
		expect(await poll(setup, 30)).toEqual([]);
	});

	it('surfaces a Synergist error as the vendor’s text and keeps the cursor', async () => {
		const staticData: IDataObject = {};
		const setup = trigger('jobUpdated', staticData);
		await poll(setup, 0);
		const before = JSON.stringify(staticData);
		vendor.emulator.inject({ when: { op: 'jobs:LIST' }, action: { type: 'status', status: 404, raw: '<Responses><Error ErrorID="404501"><ErrorText>invalid company 1</ErrorText></Error></Responses>' } });
		await touchJob('1/00000003', 'missed once, read next time');
		await expect(poll(setup)).rejects.toThrow('invalid company 1 [404501]');
		expect(JSON.stringify(staticData)).toBe(before);
		expect((await poll(setup)).map((row) => row.jobNumber)).toEqual(['1/00000003']);
	});

	it('reads every change since the cursor in one request (rows=0) and emits each once', async () => {
		const staticData: IDataObject = {};
		const setup = trigger('jobUpdated', staticData, { toleranceSeconds: 60 });
		await poll(setup, 0);
		const jobs = [...vendor.state.jobs.values()].filter((job) => job.company === 1 && !job.template).map((job) => job.jobNumber);
		expect(jobs.length).toBeGreaterThan(200);
		for (const jobNumber of jobs) await touchJob(jobNumber, 'bulk change');
		vendor.emulator.clearLog();
		const changed = await poll(setup, 30);
		expect(changed.map((row) => row.jobNumber).sort()).toEqual(jobs.slice().sort());
		expect(polledRequests('jobs:LIST')).toEqual([expect.objectContaining({ rows: '0', timestampfrom: String(START / 1000 - 60) })]);
		expect(polledRequests('jobs:LIST')[0].page).toBeUndefined();
		// the overlap re-read the next poll makes returns the same changes, which are not emitted again
		expect(await poll(setup, 30)).toEqual([]);
		expect(polledRequests('jobs:LIST')).toHaveLength(2);
	});

	it('reads page by page, every change once, from a server that caps rows=0', async () => {
		const capped = createSynergistEmulator({ maxRows: 100 });
		await capped.emulator.start();
		try {
			const cappedStore = new CredentialStore();
			const cappedCredential = cappedStore.add('synergistApi', { ...capped.credentialData(), sha512Password: '', sessionBinding: '' });
			const staticData: IDataObject = {};
			const setup = { ...trigger('jobUpdated', staticData, { toleranceSeconds: 60 }), store: cappedStore, credential: cappedCredential };
			await poll(setup, 0);
			const jobs = [...capped.state.jobs.values()].filter((job) => job.company === 1 && !job.template).map((job) => job.jobNumber);
			for (const jobNumber of jobs) {
				const query = new URLSearchParams({ user: API_USER.login, sha512password: capped.currentHash(), version: '3.2', company: '1', action: 'update' });
				query.set('input', JSON.stringify({ data: [{ jobNumber, jobDescription: 'bulk change' }] }));
				expect(await (await fetch(`${capped.emulator.url}/jsonapi/jobs.json?${query.toString()}`)).json()).toMatchObject({ success: true });
			}
			capped.emulator.clearLog();
			const changed = await poll(setup, 30);
			expect(changed.map((row) => row.jobNumber).sort()).toEqual(jobs.slice().sort());
			const pages = Math.ceil(jobs.length / 100);
			expect(capped.emulator.requests('jobs:LIST').map((r) => [r.query.page, r.query.rows])).toEqual([
				[undefined, '0'],
				...Array.from({ length: pages }, (_, i) => [String(i + 1), '100']),
			]);
		} finally {
			await capped.emulator.stop();
		}
	});

	it('manual mode returns a sample without touching the cursor', async () => {
		const staticData: IDataObject = {};
		const output = await runPoll(trigger('jobUpdated', staticData), 'manual');
		expect(output?.[0]).toHaveLength(1);
		expect(output?.[0][0].json).toHaveProperty('jobNumber');
		expect(staticData).toEqual({});
	});
});

describe('Synergist Trigger: activities and timesheet entries', () => {
	it('New Activity and Activity Updated split creations from changes', async () => {
		const news: IDataObject = {};
		const updates: IDataObject = {};
		await poll(trigger('newActivity', news), 0);
		await poll(trigger('activityUpdated', updates), 0);

		const created = await api('activities', { action: 'create' }, [{ activitySubject: 'Kick-off call', activityActivitytypeCode: 'COMM', activityClientCode: '1/F667' }]);
		const id = (created.data as IDataObject[])[0].activityID;
		clock += 1000;
		const [old] = (await api('activities', { style: 'modeldata', modelstructure: 'activitylist', rows: '1', page: '1' })).data as IDataObject[];
		await api('activities', { action: 'update' }, [{ activityID: old.activityID, activityRecordVersionNumber: old.activityRecordVersionNumber, activitySubject: 'Renamed' }]);

		expect((await poll(trigger('newActivity', news), 30)).map((row) => row.activityID)).toEqual([id]);
		clock -= 30_000;
		expect((await poll(trigger('activityUpdated', updates), 30)).map((row) => row.activityID)).toEqual([old.activityID]);
		expect(polledRequests('activities:LIST').pop()).toMatchObject({ modelstructure: 'activitylist', timestampfrom: expect.any(String), timestampto: expect.any(String) });
		expect(await poll(trigger('newActivity', news), 30)).toEqual([]);
		expect(await poll(trigger('activityUpdated', updates), 0)).toEqual([]);
	});

	it('reads the creation day from activityCreated', () => {
		expect(activityCreatedOn({ activityCreated: 'Created by SYN_Jon on 22/04/2015 at 1:02pm' })).toBe('2015-04-22');
		expect(activityCreatedOn({ activityCreated: '' })).toBeUndefined();
	});

	it('New Timesheet Entry emits a new pending entry once', async () => {
		const staticData: IDataObject = {};
		await poll(trigger('newTimesheetEntry', staticData), 0);
		const created = await api('tspending', { action: 'create' }, [{ tspJobAndPhase: '1/00000001.001', tspTimeDate: '2027-01-12', tspResourceCode: '1/JON' }]);
		const entry = (created.data as IDataObject[])[0].tspEntryNo;
		const first = await poll(trigger('newTimesheetEntry', staticData));
		expect(first.map((row) => row.tspEntryNo)).toEqual([entry]);
		expect(polledRequests('tspending:LIST').pop()).toMatchObject({ modelstructure: 'tspendingslist' });
		expect(await poll(trigger('newTimesheetEntry', staticData))).toEqual([]);
	});

	it('New Timesheet Entry emits an entry created and edited between two polls once, by its number', async () => {
		const staticData: IDataObject = {};
		await poll(trigger('newTimesheetEntry', staticData), 0);
		const created = await api('tspending', { action: 'create' }, [{ tspJobAndPhase: '1/00000001.001', tspTimeDate: '2027-01-12', tspResourceCode: '1/JON' }]);
		const entry = (created.data as IDataObject[])[0].tspEntryNo;
		await api('tspending', { action: 'update' }, [{ tspEntryNo: entry, tspWorkDone: 'edited before the poll' }]);
		const first = await poll(trigger('newTimesheetEntry', staticData));
		expect(first.map((row) => [row.tspEntryNo, Number(row.tspRecordVersionNumber) > 0])).toEqual([[entry, true]]);
		expect(await poll(trigger('newTimesheetEntry', staticData))).toEqual([]);
	});
});

describe('Synergist Trigger: status snapshots', () => {
	it('Expense Sheet Status Changed reports the old and new status once', async () => {
		const staticData: IDataObject = {};
		expect(await poll(trigger('expenseSheetStatusChanged', staticData), 0)).toEqual([]);
		await api('expensesheets', { action: 'expensesheetsubmit', expensesheet: '1786' });
		const changed = await poll(trigger('expenseSheetStatusChanged', staticData));
		expect(changed).toHaveLength(1);
		expect(changed[0]).toMatchObject({ expensesheetInternalRef: '1786', previousStatus: 'unsubmitted', status: 'submitted' });
		expect(polledRequests('expensesheets:EXPENSESHEETLIST').pop()).toMatchObject({ action: 'expensesheetlist', company: '1' });
		expect(await poll(trigger('expenseSheetStatusChanged', staticData))).toEqual([]);
	});

	it('Expense Sheet Status Changed reports a sheet created and submitted between two polls once', async () => {
		const staticData: IDataObject = {};
		await poll(trigger('expenseSheetStatusChanged', staticData), 0);
		const created = await api('expensesheets', { action: 'create' }, [{ expensesheetSupplierCode: '1/USER', expensesheetDescription: 'Made and sent at once', expensesheetCompany: 1 }]);
		const ref = String((created.data as IDataObject[])[0].expensesheetInternalRef);
		await api('expensesheets', { action: 'expensesheetsubmit', expensesheet: ref });
		const changed = await poll(trigger('expenseSheetStatusChanged', staticData));
		expect(changed.map((row) => [String(row.expensesheetInternalRef), row.previousStatus, row.status])).toEqual([[ref, '', 'submitted']]);
		// a sheet created and left unsubmitted is no status change
		await api('expensesheets', { action: 'create' }, [{ expensesheetSupplierCode: '1/USER', expensesheetDescription: 'Still a draft', expensesheetCompany: 1 }]);
		expect(await poll(trigger('expenseSheetStatusChanged', staticData))).toEqual([]);
	});

	it('Purchase Order Status Changed reads the details of changed orders only', async () => {
		const staticData: IDataObject = {};
		await poll(trigger('purchaseOrderStatusChanged', staticData), 0);
		const [order] = ((await api('purchases', { style: 'modeldata', modelstructure: 'purchaseorderlist', rows: '0' })).data as IDataObject[]).filter(
			(po) => po.poPONumber !== '{EST}' && po.poInternal !== 10008255,
		);
		await api('purchases', { action: 'approve', purchase: String(order.poInternal) });
		vendor.emulator.clearLog();
		const changed = await poll(trigger('purchaseOrderStatusChanged', staticData));
		expect(changed).toEqual([expect.objectContaining({ poInternal: order.poInternal, previousStatus: 'Ordered', status: 'Approved' })]);
		expect(polledRequests('purchases:LIST').filter((q) => q.modelstructure === 'purchaseorderdetails').map((q) => q.purchase)).toEqual([String(order.poInternal)]);
		expect(await poll(trigger('purchaseOrderStatusChanged', staticData))).toEqual([]);
	});
});
