import type { IDataObject } from 'n8n-workflow';

import { API_USER, createSynergistEmulator, type SynergistEmulator } from '../../../emulators/synergist';
import { tspendingState } from '../../../emulators/synergist/areas/tspending';
import { SynergistApi } from '../../../credentials/SynergistApi.credentials';
import { Synergist } from '../../../nodes/Synergist/Synergist.node';
import { CredentialStore, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

/** Pending Timesheet (tspending.json): every operation against the emulator, asserting the request on the wire. */

let vendor: SynergistEmulator;
let store: CredentialStore;
let credential: StoredCredential;

const setup = (parameters: IDataObject, continueOnFail = false): NodeSetup => ({
	node: new Synergist(),
	credentialTypes: [new SynergistApi()],
	store,
	credential,
	parameters: { resource: 'pendingTimesheet', ...parameters },
	continueOnFail,
});
const run = async (parameters: IDataObject) => await runNode(setup(parameters));
const ops = () => vendor.emulator.log.map((r) => r.op).filter((op) => op !== 'GETSHA512');
const last = (op: string) => vendor.emulator.requests(op).at(-1)!;
const inputOf = (op: string) => JSON.parse(last(op).query.input) as { data: IDataObject[] };
const entry = (no: number) => tspendingState(vendor.state).entries.get(no);
const credentialQuery = () => ({ user: API_USER.login, sha512password: vendor.currentHash(), version: '3.2' });
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
	vendor = createSynergistEmulator({ seedCount: 130 });
	await vendor.emulator.start();
});

afterAll(async () => await vendor.emulator.stop());

beforeEach(() => {
	vendor.emulator.reset();
	store = new CredentialStore();
	credential = store.add('synergistApi', { ...vendor.credentialData(), sha512Password: '', sessionBinding: '' });
});

describe('Synergist pending timesheet entries', () => {
	it("creates an entry with the reference's input keys, prefixing codes typed without a company [wire:tspending:create]", async () => {
		const result = await run({
			operation: 'create',
			jobAndPhase: '00000010.002',
			date: '2018-07-18T00:00:00',
			resourceCode: 'JON',
			additionalFields: { hoursNormal: 2.5, chargeCode: 'DES', workDone: 'Layouts & "hero" #2' },
		});
		expect(result.error).toBeUndefined();
		const [wire] = vendor.emulator.requests('tspending:CREATE');
		expect(wire.method).toBe('GET');
		expect(wire.path).toBe('/jsonapi/tspending.json');
		expect(wire.query).toMatchObject({ ...credentialQuery(), company: '1', action: 'create' });
		expect(JSON.parse(wire.query.input)).toEqual({
			data: [
				{
					tspJobAndPhase: '1/00000010.002',
					tspTimeDate: '2018-07-18',
					tspResourceCode: '1/JON',
					tspChargeCode: '1/DES',
					tspHoursNormal: 2.5,
					tspWorkDone: 'Layouts & "hero" #2',
				},
			],
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			tspEntryNo: 3636,
			tspJobAndPhase: '1/00000010.002',
			tspApprovalStatus: 'W',
			tspApprovalStatusName: 'Unsubmitted',
			tspChargeCodeDescription: 'Design',
			tspHoursNormal: 2.5,
			tspSubmit: 'Y',
		});
		expect(entry(3636)).toMatchObject({ tspResourceCode: '1/JON', tspWorkDone: 'Layouts & "hero" #2' });
	});

	it('takes the company of a create from its job and phase', async () => {
		const result = await run({ operation: 'create', jobAndPhase: '8/00800003.001', date: '2018-07-18', resourceCode: 'JON' });
		expect(result.error).toBeUndefined();
		expect(last('tspending:CREATE').query.company).toBe('8');
		expect(inputOf('tspending:CREATE').data[0]).toMatchObject({ tspJobAndPhase: '8/00800003.001', tspResourceCode: '8/JON' });
		expect(result.items[0].json.tspJobAndPhase).toBe('8/00800003.001');
	});

	it('rejects bad input before sending anything, naming the field and the item', async () => {
		const cases: Array<[IDataObject, string]> = [
			[{ operation: 'create', jobAndPhase: '1/00000010', date: '2018-07-18', resourceCode: 'JON' }, 'The field "Job and Phase" has an invalid value "1/00000010" in item 0'],
			[{ operation: 'create', jobAndPhase: '1/00000010.001', date: '18/07/2018', resourceCode: 'JON' }, 'The field "Date" has an invalid value "18/07/2018" in item 0'],
			[
				{ operation: 'create', jobAndPhase: '1/00000010.001', date: '2018-07-18', resourceCode: '8/JON' },
				'The field "Resource Code" names company 8 ("8/JON") but this timesheet entry is in company 1, in item 0',
			],
			[
				{ operation: 'create', jobAndPhase: '1/00000010.001', date: '2018-07-18', resourceCode: 'JON', additionalFields: { hoursOvertime1: 25 } },
				'The field "Overtime 1 Hours" has an invalid value "25" in item 0',
			],
			[{ operation: 'update', entryNumber: 2008, updateFields: {} }, 'No field to update in item 0'],
			[{ operation: 'get', entryNumber: 0 }, 'The field "Entry Number" is empty in item 0'],
			[{ operation: 'submit', entryNumber: 'abc' }, 'The field "Entry Number" has an invalid value "abc" in item 0'],
			[{ operation: 'getAll', filters: { companies: '1;8' } }, 'The field "Companies" has an invalid value "1;8" in item 0'],
			[
				{ operation: 'getAll', filters: { resourceCodes: '1/JON,8/JON' } },
				'The field "Resource Codes" names company 8 ("8/JON"), which is not listed, in item 0',
			],
			[{ operation: 'startTimer', entryNumber: 714, timerType: 'ot3' }, 'The field "Timer Type" has an invalid value "ot3" in item 0'],
		];
		for (const [parameters, message] of cases) {
			const result = await run(parameters);
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(message);
		}
		expect(vendor.emulator.log).toHaveLength(0);
	});

	it("passes Synergist's refusal of a create and does not repeat the write", async () => {
		const result = await run({ operation: 'create', jobAndPhase: '1/09999999.001', date: '2018-07-18', resourceCode: 'JON' });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('job and phase 1/09999999.001 not found [2002]');
		expect(ops()).toEqual(['tspending:CREATE']);
		expect(entry(3636)).toBeUndefined();
	});

	it('gets one entry with the details model, and reports a missing one as not found [wire:tspending:None]', async () => {
		const result = await run({ operation: 'get', entryNumber: 2008 });
		expect(result.error).toBeUndefined();
		expect(last('tspending:LIST').query).toEqual({ ...credentialQuery(), company: '1', style: 'modeldata', modelstructure: 'tspendingdetails', tspending: '2008' });
		expect(result.items.map((i) => i.json)).toEqual([
			expect.objectContaining({ tspEntryNo: 2008, tspResourceName: 'SYN_Jon', tspHoursOtime2: 1, tspApprovalStatus: 'W', tspTimeDate: '2015-09-28' }),
		]);

		const missing = await run({ operation: 'get', entryNumber: 99 });
		expect(missing.error?.constructor.name).toBe('NodeApiError');
		expect(missing.error?.message).toBe('Pending timesheet entry 99 was not found in company 1');
	});

	it('lists entries page by page with resource and date filters [wire:tspending:None]', async () => {
		const result = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { resourceCodes: 'JON', dateFrom: '2018-06-01', dateTo: '2018-06-30' },
			options: { pageSize: 2 },
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.tspEntryNo)).toEqual([3601, 3602, 3605, 3607, 3608]);
		expect(result.items[0].json).toMatchObject({ tspResourceCode: '1/JON', tspResourceName: 'SYN_Jon', tspChargeCodeDescription: 'Design' });
		const lists = vendor.emulator.requests('tspending:LIST');
		expect(lists.map((r) => [r.query.page, r.query.rows])).toEqual([
			['1', '2'],
			['2', '2'],
			['3', '2'],
		]);
		expect(lists[0].query).toEqual({
			...credentialQuery(),
			company: '1',
			style: 'modeldata',
			modelstructure: 'tspendingslist',
			resource: '1/JON',
			datefrom: '2018-06-01',
			dateto: '2018-06-30',
			page: '1',
			rows: '2',
		});
	});

	it('sends several companies and resources as the JSON arrays of the reference [wire:tspending:None]', async () => {
		const result = await run({ operation: 'getAll', returnAll: true, filters: { companies: '1, 8', resourceCodes: '1/JON, 8/jon', search: 'Homepage' } });
		expect(result.error).toBeUndefined();
		const [list] = vendor.emulator.requests('tspending:LIST');
		expect(list.query).toMatchObject({ company: '[1,8]', resource: '["1/JON","8/jon"]', search: 'Homepage' });
		expect(result.items.map((i) => i.json.tspEntryNo)).toEqual([3601]);

		const both = await run({ operation: 'getAll', returnAll: false, limit: 20, filters: { companies: '1,8', resourceCodes: '1/JON,8/JON' } });
		expect(both.items.map((i) => i.json.tspEntryNo)).toContain(3620);
		expect(last('tspending:LIST').query).toMatchObject({ page: '1', rows: '20' });
	});

	it("passes the server's XML error for a company the user may not read", async () => {
		const result = await run({ operation: 'getAll', returnAll: true, filters: { companies: '1,5' } });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('invalid company [1,5] [404501]');
		expect(vendor.emulator.log.at(-1)).toMatchObject({ op: 'tspending:LIST', status: 404 });
	});

	it('gets the fields of either model with style=modelstructure [wire:tspending:None]', async () => {
		const result = await run({ operation: 'getFields', model: 'tspendingslist' });
		expect(result.error).toBeUndefined();
		expect(last('tspending:STRUCTURE').query).toEqual({ ...credentialQuery(), company: '1', style: 'modelstructure', modelstructure: 'tspendingslist' });
		const fields = result.items.map((i) => i.json);
		expect(fields.map((f) => f.data)).toContain('tspResourceName');
		expect(fields.find((f) => f.data === 'tspJobAndPhase')).toMatchObject({ mandatory: true, fieldtype: 'text' });
	});

	it('lists the submitted entries of a resource, leaving out unsubmitted ones [wire:tspending:timesheetpendinglist]', async () => {
		const result = await run({ operation: 'getSubmitted', resourceCode: '1/JON', returnAll: true, filters: { job: '1/00000124' } });
		expect(result.error).toBeUndefined();
		expect(last('tspending:TIMESHEETPENDINGLIST').query).toEqual({
			...credentialQuery(),
			company: '1',
			action: 'timesheetpendinglist',
			resource: '1/JON',
			job: '1/00000124',
			rows: '0',
		});
		expect(result.items.map((i) => [i.json.tspEntryNo, i.json.tspApprovalStatus])).toEqual([
			[3601, 'A'],
			[3602, 'P'],
		]);
		expect(result.items[0].json).toMatchObject({ tspJobClientName: expect.any(String), tspTimerStatusNormal: '' });

		const all = await run({ operation: 'getSubmitted', resourceCode: 'JON', returnAll: true });
		expect(all.items.map((i) => i.json.tspApprovalStatus).sort()).toEqual(['A', 'P', 'Q', 'R']);
	});

	it('updates an entry with only the fields given, and passes a record version conflict [wire:tspending:update]', async () => {
		const result = await run({ operation: 'update', entryNumber: 2008, updateFields: { workDone: 'test', hoursOvertime1: 0.5 } });
		expect(result.error).toBeUndefined();
		expect(last('tspending:UPDATE').query).toMatchObject({ company: '1', action: 'update' });
		// no version given: the one read just before the update is sent (optimistic locking)
		expect(inputOf('tspending:UPDATE')).toEqual({ data: [{ tspEntryNo: 2008, tspWorkDone: 'test', tspHoursOtime1: 0.5, tspRecordVersionNumber: 4 }] });
		expect(result.items[0].json).toMatchObject({ tspEntryNo: 2008, tspRecordVersionNumber: 5, tspTimerStatusNormal: '' });
		expect(entry(2008)).toMatchObject({ tspWorkDone: 'test', tspHoursOtime1: 0.5, tspHoursNormal: 1 });

		const stale = await run({ operation: 'update', entryNumber: 2008, updateFields: { workDone: 'again', recordVersionNumber: 4 } });
		expect(stale.error?.message).toBe('TS pending record 2008 was changed by another user (record version 5) [2006]');
		expect(inputOf('tspending:UPDATE').data[0]).toEqual({ tspEntryNo: 2008, tspWorkDone: 'again', tspRecordVersionNumber: 4 });
		expect(entry(2008)?.tspWorkDone).toBe('test');
	});

	it('deletes an entry, and refuses to delete a submitted one [wire:tspending:delete]', async () => {
		const result = await run({ operation: 'delete', entryNumber: 714 });
		expect(result.error).toBeUndefined();
		expect(last('tspending:DELETE').query).toMatchObject({ company: '1', action: 'delete' });
		expect(inputOf('tspending:DELETE')).toEqual({ data: [{ tspEntryNo: 714 }] });
		expect(result.items[0].json).toMatchObject({ tspEntryNo: 714, tspending_recordversionnumber: 0 });
		expect(entry(714)).toBeUndefined();

		const locked = await run({ operation: 'delete', entryNumber: 3602 });
		expect(locked.error?.message).toBe('TS pending record 3602 is submitted and cannot be deleted [2003]');
		expect(entry(3602)).toBeDefined();
	});
});

describe('Synergist pending timesheet workflow', () => {
	it('gets an entry with the pendingtimesheet action [wire:tspending:pendingtimesheet]', async () => {
		const result = await run({ operation: 'getEntry', entryNumber: 686 });
		expect(result.error).toBeUndefined();
		expect(last('tspending:PENDINGTIMESHEET').query).toEqual({ ...credentialQuery(), company: '1', action: 'pendingtimesheet', tspending: '686' });
		expect(result.items.map((i) => i.json)).toEqual([
			expect.objectContaining({ tspEntryNo: 686, tspMatDescription: 'A2 Colour Proof', tspChargeCodeDescription: 'MAC Work', tspRecordVersionNumber: 11 }),
		]);
	});

	it('copies an entry into a new unsubmitted one [wire:tspending:pendingcopy]', async () => {
		const result = await run({ operation: 'copy', entryNumber: 3605 });
		expect(result.error).toBeUndefined();
		expect(last('tspending:PENDINGCOPY').query).toMatchObject({ action: 'pendingcopy', tspending: '3605' });
		expect(result.items[0].json).toEqual({ tspEntryNo: 3636, tspUuid: expect.stringMatching(/^[0-9A-F]{32}$/), message: 'TS pending 3605 record copied to 3636' });
		expect(entry(3636)).toMatchObject({ tspApprovalStatus: 'W', tspJobAndPhase: '1/00000072.001', tspHoursNormal: 1.5 });
	});

	it('submits an entry, and passes the refusal of a second submit [wire:tspending:pendingsubmit]', async () => {
		const result = await run({ operation: 'submit', entryNumber: 2008 });
		expect(result.error).toBeUndefined();
		expect(last('tspending:PENDINGSUBMIT').query).toEqual({ ...credentialQuery(), company: '1', action: 'pendingsubmit', tspending: '2008' });
		expect(result.items.map((i) => i.json)).toEqual([{ tspEntryNo: 2008, success: true, message: 'TS pending record(s) submitted' }]);
		expect(entry(2008)?.tspApprovalStatus).toBe('P');

		const again = await run({ operation: 'submit', entryNumber: 2008 });
		expect(again.error?.message).toBe('TS pending record 2008 is submitted: only unsubmitted records can be submitted [2003]');
		const empty = await run({ operation: 'submit', entryNumber: 714 });
		expect(empty.error?.message).toBe('TS pending record 714 has no hours to submit [2004]');
	});

	it('resubmits a queried entry [wire:tspending:pendingresubmit]', async () => {
		const result = await run({ operation: 'resubmit', entryNumber: 3605 });
		expect(result.error).toBeUndefined();
		expect(last('tspending:PENDINGRESUBMIT').query).toMatchObject({ company: '1', action: 'pendingresubmit', tspending: '3605' });
		expect(result.items[0].json).toEqual({ tspEntryNo: 3605, success: true, message: 'TS pending record resubmitted' });
		expect(entry(3605)?.tspApprovalStatus).toBe('P');
		const notQueried = await run({ operation: 'resubmit', entryNumber: 686 });
		expect(notQueried.error?.message).toMatch(/only queried or rejected records can be resubmitted \[2003\]$/);
	});

	it("turns the week summary's extra arrays into one item with a row per day [wire:tspending:timesheetsummary]", async () => {
		await run({ operation: 'create', jobAndPhase: '1/00000010.001', date: today(), resourceCode: 'JON', additionalFields: { hoursNormal: 3, hoursOvertime1: 1, chargeCode: 'HK' } });
		vendor.emulator.clearLog();
		const result = await run({ operation: 'getSummary' });
		expect(result.error).toBeUndefined();
		expect(last('tspending:TIMESHEETSUMMARY').query).toEqual({ ...credentialQuery(), company: '1', action: 'timesheetsummary' });
		expect(result.items).toHaveLength(1);
		const json = result.items[0].json as IDataObject & { days: IDataObject[] };
		expect(json.days).toHaveLength(7);
		expect(json.days.map((d) => d.label)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
		expect(json.days.find((d) => d.date === today())).toEqual({ date: today(), label: expect.any(String), total: 3, ot1Total: 1, ot2Total: 0 });
		expect(json.resource).toEqual({ tspTimeSheetHoursrequired: 37.5, tspTssResourceChargeable: 0, tspTssResourceNonChargeable: 4 });
		expect(json.totals).toMatchObject({ tspTssNonChargeableTotal: 3, tspTssChargeableTotal: 0 });
		expect(json.ot1Totals).toMatchObject({ tspTssNonChargeableOt1Total: 1 });
	});

	it("gets the company's timesheet settings [wire:tspending:companysettings]", async () => {
		const result = await run({ operation: 'getCompanySettings' });
		expect(result.error).toBeUndefined();
		expect(last('tspending:COMPANYSETTINGS').query).toEqual({ ...credentialQuery(), company: '1', action: 'companysettings' });
		expect(result.items.map((i) => i.json)).toEqual([expect.objectContaining({ companyNumber: 1, companyTimesheetapproval: true })]);
	});

	it('lists the jobs a resource can book to, in one request [wire:tspending:userjobslist]', async () => {
		const result = await run({ operation: 'getUserJobs', resourceCode: 'KAT' });
		expect(result.error).toBeUndefined();
		const wire = last('tspending:USERJOBSLIST');
		expect(wire.query).toEqual({ ...credentialQuery(), company: '1', action: 'userjobslist', resource: '1/KAT' });
		const numbers = result.items.map((i) => i.json.jobNumber);
		expect(numbers).toContain('1/00000123');
		expect(numbers.length).toBeGreaterThan(10);
		expect(vendor.emulator.requests('tspending:USERJOBSLIST')).toHaveLength(1);

		const unknown = await run({ operation: 'getUserJobs', resourceCode: 'NOBODY' });
		expect(unknown.items).toHaveLength(0);
		expect(unknown.error).toBeUndefined();
	});
});

describe('Synergist pending timesheet timers', () => {
	const BANDS = [
		['normal', 'Normal', 'tspHoursNormal'],
		['ot1', 'Ot1', 'tspHoursOtime1'],
		['ot2', 'Ot2', 'tspHoursOtime2'],
	] as const;
	const timer = async (operation: string, timerType: string, entryNumber = 714) => await run({ operation, entryNumber, timerType });
	const expectWire = (verb: string, band: string, entryNo = 714) =>
		expect(last(`tspending:TIMER${verb.toUpperCase()}${band.toUpperCase()}`).query).toEqual({
			...credentialQuery(),
			company: '1',
			action: `timer${verb}${band}`,
			tspending: String(entryNo),
		});
	/** Seconds as timed over HTTP: the given ones plus the little the calls took. */
	const expectAbout = (value: unknown, seconds: number) => {
		expect(value).toBeGreaterThanOrEqual(seconds);
		expect(value).toBeLessThan(seconds + 5);
	};
	/** Moves a running timer's start back, as if it had run that long. */
	const runFor = (band: (typeof BANDS)[number][0], seconds: number) => {
		const t = entry(714)!.timers[band];
		t.startedAt = (t.startedAt ?? Date.now()) - seconds * 1000;
	};

	it('starts a timer of each type [wire:tspending:timerstartnormal] [wire:tspending:timerstartot1] [wire:tspending:timerstartot2]', async () => {
		for (const [band, suffix] of BANDS) {
			const result = await timer('startTimer', band);
			expect(result.error).toBeUndefined();
			expectWire('start', band);
			expect(result.items[0].json).toMatchObject({ tspEntryNo: 714, [`tspTimerStatus${suffix}`]: 'RUNNING', [`tspending_timerstartdate${band}`]: today() });
		}
		expect(Object.values(entry(714)!.timers).map((t) => t.status)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
		const twice = await timer('startTimer', 'ot1');
		expect(twice.error?.message).toBe('timer ot1 of TS pending record 714 is running: cannot start (needs a stopped or no timer) [2003]');
	});

	it('pauses and resumes a timer of each type [wire:tspending:timerpausenormal] [wire:tspending:timerpauseot1] [wire:tspending:timerpauseot2] [wire:tspending:timerresumenormal] [wire:tspending:timerresumeot1] [wire:tspending:timerresumeot2]', async () => {
		for (const [band, suffix] of BANDS) {
			await timer('startTimer', band);
			runFor(band, 600);
			const paused = await timer('pauseTimer', band);
			expectWire('pause', band);
			expect(paused.items[0].json).toMatchObject({ [`tspTimerStatus${suffix}`]: 'PAUSED' });
			expectAbout(paused.items[0].json[`tspTimerElapsed${suffix}`], 600);
			const resumed = await timer('resumeTimer', band);
			expectWire('resume', band);
			expect(resumed.items[0].json).toMatchObject({ [`tspTimerStatus${suffix}`]: 'RUNNING' });
		}
		const notPaused = await timer('resumeTimer', 'normal');
		expect(notPaused.error?.message).toMatch(/is running: cannot resume \(needs a paused timer\) \[2003\]$/);
	});

	it('stops a timer of each type, booking the time into its hours [wire:tspending:timerstopnormal] [wire:tspending:timerstopot1] [wire:tspending:timerstopot2]', async () => {
		for (const [band, suffix, hours] of BANDS) {
			await timer('startTimer', band);
			runFor(band, 5400);
			const result = await timer('stopTimer', band);
			expect(result.error).toBeUndefined();
			expectWire('stop', band);
			expect(result.items[0].json).toMatchObject({ [`tspTimerStatus${suffix}`]: 'STOPPED', [hours]: 1.5 });
			expectAbout(result.items[0].json[`tspTimerElapsed${suffix}`], 5400);
			expect(entry(714)![hours]).toBe(1.5);
		}
	});

	it('cancels a timer of each type without booking time [wire:tspending:timercancelnormal] [wire:tspending:timercancelot1] [wire:tspending:timercancelot2]', async () => {
		for (const [band, suffix, hours] of BANDS) {
			await timer('startTimer', band);
			runFor(band, 3600);
			const result = await timer('cancelTimer', band);
			expect(result.error).toBeUndefined();
			expectWire('cancel', band);
			expect(result.items[0].json).toMatchObject({ [`tspTimerStatus${suffix}`]: '', [`tspTimerElapsed${suffix}`]: 0 });
			expect(entry(714)![hours]).toBe(0);
		}
		const idle = await timer('cancelTimer', 'ot2');
		expect(idle.error?.message).toMatch(/is not started: cannot cancel/);
	});

	it('discards a stopped timer of each type, taking its hours back [wire:tspending:timerdiscardnormal] [wire:tspending:timerdiscardot1] [wire:tspending:timerdiscardot2]', async () => {
		for (const [band, suffix, hours] of BANDS) {
			await timer('startTimer', band);
			runFor(band, 1800);
			await timer('stopTimer', band);
			expect(entry(714)![hours]).toBe(0.5);
			const result = await timer('discardTimer', band);
			expect(result.error).toBeUndefined();
			expectWire('discard', band);
			expect(result.items[0].json).toMatchObject({ [`tspTimerStatus${suffix}`]: '', [hours]: 0 });
		}
	});

	it('removes a stopped timer of each type, keeping its hours [wire:tspending:timerremovenormal] [wire:tspending:timerremoveot1] [wire:tspending:timerremoveot2]', async () => {
		for (const [band, suffix, hours] of BANDS) {
			await timer('startTimer', band);
			runFor(band, 900);
			await timer('stopTimer', band);
			const result = await timer('removeTimer', band);
			expect(result.error).toBeUndefined();
			expectWire('remove', band);
			expect(result.items[0].json).toMatchObject({ [`tspTimerStatus${suffix}`]: '', [hours]: 0.25 });
		}
		const running = await timer('startTimer', 'normal');
		expect(running.error).toBeUndefined();
		expect((await timer('removeTimer', 'normal')).error?.message).toMatch(/is running: cannot remove \(needs a stopped timer\)/);
	});

	it('reads the elapsed time of each type without changing the timer [wire:tspending:timerelapsednormal] [wire:tspending:timerelapsedot1] [wire:tspending:timerelapsedot2]', async () => {
		for (const [band, suffix] of BANDS) {
			await timer('startTimer', band);
			runFor(band, 120);
			const version = entry(714)!.tspRecordVersionNumber;
			const result = await timer('getTimerElapsed', band);
			expect(result.error).toBeUndefined();
			expectWire('elapsed', band);
			expect(result.items[0].json[`tspTimerStatus${suffix}`]).toBe('RUNNING');
			expectAbout(result.items[0].json[`tspTimerElapsed${suffix}`], 120);
			expect(entry(714)!.tspRecordVersionNumber).toBe(version);
		}
	});

	it("refuses to time a submitted entry, in Synergist's words", async () => {
		const result = await timer('startTimer', 'normal', 3602);
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('TS pending record 3602 is submitted and cannot be timed [2003]');
		expectWire('start', 'normal', 3602);
	});
});
