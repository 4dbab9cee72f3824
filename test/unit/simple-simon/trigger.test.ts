import { randomUUID } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { Collection, Row } from '../../../emulators/simple-simon';
import { makeRow } from '../../../emulators/simple-simon/seed';
import type { RecordedRequest } from '../../../emulators/shared/emulator';
import { SimpleSimonTrigger, instantOf } from '../../../nodes/SimpleSimon/SimpleSimonTrigger.node';
import { runPoll } from '../../kit/node-runner';
import { simpleSimonFixture } from './fixture';

const ss = simpleSimonFixture();

/** Changes are written into the emulator's tables with chosen dates, years after the seed and the host's clock. */
const T0 = Date.parse('2031-05-01T09:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

let staticData: IDataObject;
const state = () => staticData['node:Simple-Simon Trigger'] as IDataObject;

async function poll(
	parameters: IDataObject,
	node = new SimpleSimonTrigger(),
	mode: 'trigger' | 'manual' = 'trigger',
) {
	return await runPoll(ss.setup(parameters, { node, staticData }), mode);
}
/** What one poll emitted, as the records' JSON. */
async function emitted(parameters: IDataObject, node?: SimpleSimonTrigger): Promise<IDataObject[]> {
	const output = await poll(parameters, node);
	if (output !== null) expect(output[0].length).toBeGreaterThan(0); // nothing new is null, never an empty list
	return (output?.[0] ?? []).map((item) => item.json);
}
const ids = (records: IDataObject[]) => records.map((r) => String(r.Id));

const table = (collection: Collection) => ss.vendor.state.tables[collection];
const rows = (collection: Collection) => Array.from(table(collection).values());
const newestOf = (collection: Collection, field: string) =>
	rows(collection)
		.map((r) => String(r[field]))
		.filter((v) => v !== 'null')
		.sort()
		.pop()!;

/** A work order created at `createdOn` (and modified at `modifiedOn`), as the office would make it. */
function insertWorkOrder(createdOn: string, fields: Row = {}, modifiedOn = createdOn): string {
	const template = rows('workorders')[0];
	const id = randomUUID();
	const values: Row = {
		...template,
		Number: `WO-T${table('workorders').size}`,
		Status: 'Open',
		...fields,
	};
	table('workorders').set(id, makeRow('workorders', id, values, createdOn, modifiedOn));
	return id;
}
/** A change to a record, stamped `modifiedOn` like the server does. */
function touch(collection: Collection, id: string, modifiedOn: string, fields: Row = {}): void {
	const row = table(collection).get(id)!;
	table(collection).set(id, { ...row, ...fields, ModifiedOn: modifiedOn });
}
const listQueries = (op = 'workorders:list') => ss.requests(op).map((r) => r.query);

/** Runs `action` when the n-th request to `path` arrives (before the emulator answers it). */
function onRequest(path: string, n: number, action: () => void): () => void {
	const log = ss.vendor.emulator.log as RecordedRequest[];
	let count = 0;
	log.push = (...records: RecordedRequest[]) => {
		for (const record of records) if (record.path === path && ++count === n) action();
		return Array.prototype.push.apply(log, records);
	};
	return () => delete (log as { push?: unknown }).push;
}
let restoreLog: (() => void) | undefined;

const newWorkOrder = { event: 'newWorkOrder' };
const workOrderUpdated = { event: 'workOrderUpdated' };

beforeEach(() => {
	staticData = {};
	ss.vendor.state.pageSize = 100;
});
afterEach(() => {
	restoreLog?.();
	restoreLog = undefined;
	ss.vendor.state.entityPaths = {};
});

describe('Simple-Simon Trigger: activation', () => {
	it('starts at the newest CreatedOn on the server, emits nothing old, then emits a new work order once [wire:listWorkOrders]', async () => {
		const newest = newestOf('workorders', 'CreatedOn');
		expect(await poll(newWorkOrder)).toBeNull();

		// The server's newest value, not the n8n host's clock (the seed is years before it).
		expect(state()).toMatchObject({ cursor: newest });
		expect(Date.now() - Date.parse(newest)).toBeGreaterThan(100 * 24 * 3600_000);
		const [first, second] = listQueries();
		expect(
			ss.requests('workorders:list').every((r) => r.method === 'GET' && r.path === '/workorders'),
		).toBe(true);
		expect(first).toEqual({
			$filter: 'CreatedOn ne null',
			$orderby: 'CreatedOn desc',
			$top: '1',
			$select: 'Id,CreatedOn',
		});
		// The records of that instant are read and marked, so none of them comes back as new.
		expect(second).toEqual({
			$filter: `CreatedOn ge ${newest}`,
			$orderby: 'CreatedOn asc,Id asc',
			$top: '100',
		});
		const atNewest = rows('workorders').filter((r) => r.CreatedOn === newest);
		expect(state().seen).toEqual(atNewest.map((r) => `${String(r.Id)}@${newest}`));

		expect(await emitted(newWorkOrder)).toEqual([]);
		const id = insertWorkOrder(at(0), { Description: 'Storing cv-ketel' });
		const out = await emitted(newWorkOrder);
		expect(ids(out)).toEqual([id]);
		expect(out[0]).toMatchObject({
			Description: 'Storing cv-ketel',
			Status: 'Open',
			CreatedOn: at(0),
		});
		expect(Object.keys(out[0]).some((key) => key.includes('@odata'))).toBe(false);
		expect(state()).toEqual({
			watching: expect.any(String),
			cursor: at(0),
			seen: [`${id}@${at(0)}`],
		});
		expect(listQueries().pop()).toEqual({
			$filter: `CreatedOn ge ${newest}`,
			$orderby: 'CreatedOn asc,Id asc',
			$top: '100',
		});
		expect(await emitted(newWorkOrder)).toEqual([]);
		expect(listQueries().pop()).toEqual({
			$filter: `CreatedOn ge ${at(0)}`,
			$orderby: 'CreatedOn asc,Id asc',
			$top: '100',
		});
	});

	it('marks every record sharing the newest instant at activation as read (a bulk import)', async () => {
		const a = insertWorkOrder(at(0));
		const b = insertWorkOrder(at(0));
		const c = insertWorkOrder(at(0));
		expect(await poll(newWorkOrder)).toBeNull();
		expect(state().cursor).toBe(at(0));
		expect(new Set(state().seen as string[])).toEqual(
			new Set([a, b, c].map((id) => `${id}@${at(0)}`)),
		);
		expect(await emitted(newWorkOrder)).toEqual([]);
		// Saved in that same instant after activation: new.
		const d = insertWorkOrder(at(0));
		expect(ids(await emitted(newWorkOrder))).toEqual([d]);
	});

	it("an empty collection starts without a cursor: whatever appears later is new, whatever the server's clock says", async () => {
		table('timesheets').clear();
		const params = { event: 'newTimeSheet' };
		expect(await poll(params)).toBeNull();
		expect(state()).toEqual({ watching: expect.any(String), cursor: null, seen: [] });
		expect(listQueries('timesheets:list')).toEqual([
			{
				$filter: 'CreatedOn ne null',
				$orderby: 'CreatedOn desc',
				$top: '1',
				$select: 'Id,CreatedOn',
			},
		]);
		expect(await emitted(params)).toEqual([]);
		expect(listQueries('timesheets:list').pop()).toEqual({
			$filter: 'CreatedOn ne null',
			$orderby: 'CreatedOn asc,Id asc',
			$top: '100',
		});

		// A server clock years behind n8n's: still reported.
		const workOrderId = String(rows('workorders')[0].Id);
		const userId = String(rows('users')[0].Id);
		const id = randomUUID();
		const stamp = '2019-03-04T05:06:07.089Z';
		table('timesheets').set(
			id,
			makeRow(
				'timesheets',
				id,
				{ WorkOrderId: workOrderId, UserId: userId, Date: stamp, Hours: 2, Type: 'Work' },
				stamp,
			),
		);
		const out = await emitted(params);
		expect(out).toEqual([expect.objectContaining({ Id: id, Hours: 2, WorkOrderId: workOrderId })]);
		expect(state().cursor).toBe(stamp);
		expect(await emitted(params)).toEqual([]);
	});

	it('starts afresh, emitting nothing, when the event (and so the date field) changes', async () => {
		await poll(newWorkOrder);
		insertWorkOrder(at(0));
		expect(await poll(workOrderUpdated)).toBeNull();
		expect(state().cursor).toBe(newestOf('workorders', 'ModifiedOn'));
		expect(await emitted(workOrderUpdated)).toEqual([]);
	});
});

describe('Simple-Simon Trigger: each change once', () => {
	it('emits inserts and every later change exactly once across polls and a restart (new node, same static data)', async () => {
		const params = { ...workOrderUpdated, includeNew: true };
		expect(await poll(params)).toBeNull();

		const a = insertWorkOrder(at(1000));
		const b = insertWorkOrder(at(2000));
		expect(ids(await emitted(params))).toEqual([a, b]);

		touch('workorders', a, at(3000), { Status: 'Planned' });
		const restarted = new SimpleSimonTrigger();
		expect(await emitted(params, restarted)).toEqual([
			expect.objectContaining({ Id: a, Status: 'Planned' }),
		]);
		expect(await emitted(params, new SimpleSimonTrigger())).toEqual([]);

		// The same record changed again: a second change, so a second item.
		touch('workorders', a, at(4000), { Status: 'InProgress' });
		touch('workorders', b, at(4001), { Priority: 1 });
		expect(await emitted(params, new SimpleSimonTrigger())).toEqual([
			expect.objectContaining({ Id: a, Status: 'InProgress' }),
			expect.objectContaining({ Id: b, Priority: 1 }),
		]);
		expect(await emitted(params)).toEqual([]);
		expect(state().cursor).toBe(at(4001));
		expect(listQueries().pop()?.$filter).toBe(`ModifiedOn ge ${at(4001)}`);
	});

	it('two records with the same date at the cursor boundary are each emitted once', async () => {
		await poll(newWorkOrder);
		const first = insertWorkOrder(at(500));
		expect(ids(await emitted(newWorkOrder))).toEqual([first]);
		// Saved in the cursor's own millisecond, after the poll that saw the first.
		const second = insertWorkOrder(at(500));
		expect(ids(await emitted(newWorkOrder))).toEqual([second]);
		expect(new Set(state().seen as string[])).toEqual(
			new Set([first, second].map((id) => `${id}@${at(500)}`)),
		);
		// Two more sharing a newer instant: both, in Id order.
		const pair = [insertWorkOrder(at(900)), insertWorkOrder(at(900))].sort();
		expect(ids(await emitted(newWorkOrder))).toEqual(pair);
		expect(await emitted(newWorkOrder)).toEqual([]);
	});

	it('a failing poll (emulator fault half-way through the pages) moves nothing: the next poll emits it all once', async () => {
		await poll(newWorkOrder);
		const before = JSON.parse(JSON.stringify(state())) as IDataObject;
		ss.vendor.state.pageSize = 2;
		const created = [0, 1, 2, 3, 4].map((i) => insertWorkOrder(at(i * 1000)));
		ss.vendor.emulator.clearLog();
		restoreLog = onRequest('/workorders', 2, () =>
			ss.vendor.emulator.inject({
				when: { op: 'workorders:list' },
				action: {
					type: 'status',
					status: 400,
					body: { error: { code: 'BadRequest', message: 'Injected failure' } },
				},
			}),
		);
		await expect(poll(newWorkOrder)).rejects.toThrow('Injected failure');
		expect(ss.requests('workorders:list').map((r) => r.status)).toEqual([200, 400]);
		expect(state()).toEqual(before);

		expect(ids(await emitted(newWorkOrder))).toEqual(created);
		expect(state().cursor).toBe(at(4000));
		expect(await emitted(newWorkOrder)).toEqual([]);
	});
});

describe('Simple-Simon Trigger: events', () => {
	it('Work Order Updated emits a status change made through the API, stamped by the server', async () => {
		expect(await poll(workOrderUpdated)).toBeNull();
		const row = rows('workorders').find((r) => r.Status === 'Open')!;
		const base = ss.vendor.emulator.url;
		const account = ss.vendor.state.account;
		const login = await fetch(`${base}/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				lickey: account.lickey,
				apiKey: account.apiKey,
				username: account.username,
				password: account.password,
			}),
		});
		const token = ((await login.json()) as { access_token: string }).access_token;
		const fields = Object.fromEntries(Object.entries(row).filter(([key]) => key !== 'CreatedOn' && key !== 'ModifiedOn'));
		const put = await fetch(`${base}/workorders/${String(row.Id)}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify({ ...fields, Status: 'Completed' }),
		});
		expect(put.status).toBe(200);
		const stamped = String(table('workorders').get(String(row.Id))!.ModifiedOn);

		const out = await emitted(workOrderUpdated);
		expect(out).toEqual([
			expect.objectContaining({ Id: row.Id, Status: 'Completed', ModifiedOn: stamped }),
		]);
		expect(state().cursor).toBe(stamped);
		expect(await emitted(workOrderUpdated)).toEqual([]);
	});

	it('Work Order Updated skips new work orders unless "Include New Work Orders" is on', async () => {
		const other = { event: 'workOrderUpdated', includeNew: true };
		const withNew: IDataObject = {};
		await poll(workOrderUpdated);
		await runPoll(ss.setup(other, { node: new SimpleSimonTrigger(), staticData: withNew }));

		const created = insertWorkOrder(at(0));
		// CreatedOn and ModifiedOn stamped apart by a few milliseconds: still the creation.
		const createdApart = insertWorkOrder(at(1000), {}, at(1004));
		// Created and then changed before the poll: a change to it happened, so it counts as updated.
		const createdThenChanged = insertWorkOrder(at(2000), { Status: 'Planned' }, at(60_000));
		const existing = String(rows('workorders')[0].Id);
		touch('workorders', existing, at(3000), { Status: 'Cancelled' });

		expect(ids(await emitted(workOrderUpdated))).toEqual([existing, createdThenChanged]);
		const all = await runPoll(
			ss.setup(other, { node: new SimpleSimonTrigger(), staticData: withNew }),
		);
		expect((all?.[0] ?? []).map((i) => i.json.Id)).toEqual([
			created,
			createdApart,
			existing,
			createdThenChanged,
		]);
		// The skipped creations are not emitted later either, but their next change is.
		expect(await emitted(workOrderUpdated)).toEqual([]);
		touch('workorders', created, at(90_000), { Status: 'Planned' });
		expect(ids(await emitted(workOrderUpdated))).toEqual([created]);
	});

	it('New Work Order does not emit updates to work orders', async () => {
		await poll(newWorkOrder);
		const existing = String(rows('workorders')[3].Id);
		touch('workorders', existing, at(0), { Status: 'Completed' });
		expect(await emitted(newWorkOrder)).toEqual([]);
		const id = insertWorkOrder(at(1000));
		touch('workorders', id, at(2000), { Status: 'Planned' });
		expect(ids(await emitted(newWorkOrder))).toEqual([id]);
		expect(await emitted(newWorkOrder)).toEqual([]);
	});

	it.each([
		['newCustomer', 'customers', '/customers'],
		['newPlanning', 'plannings', '/plannings'],
		['newTimeSheet', 'timesheets', '/timesheets'],
	] as const)('%s watches %s by CreatedOn', async (event, collection, path) => {
		await poll({ event });
		expect(state().cursor).toBe(newestOf(collection, 'CreatedOn'));
		const template = rows(collection)[0];
		const id = randomUUID();
		table(collection).set(id, makeRow(collection, id, template, at(0)));
		const out = await emitted({ event });
		expect(ids(out)).toEqual([id]);
		expect(await emitted({ event })).toEqual([]);
		const last = ss.requests(`${collection}:list`).pop()!;
		expect(last.path).toBe(path);
		expect(last.query).toEqual({
			$filter: `CreatedOn ge ${at(0)}`,
			$orderby: 'CreatedOn asc,Id asc',
			$top: '100',
		});
	});
});

describe('Simple-Simon Trigger: options', () => {
	it('Other Entity (Custom): work order surveys by a custom date field (CompletedOn), New or Updated', async () => {
		const params = {
			event: 'custom',
			entity: 'workOrderSurvey',
			watch: 'newOrUpdated',
			options: { dateField: 'CompletedOn' },
		};
		expect(await poll(params)).toBeNull();
		const newest = newestOf('workordersurveys', 'CompletedOn');
		expect(state().cursor).toBe(newest);
		expect(listQueries('workordersurveys:list')[0]).toMatchObject({
			$filter: 'CompletedOn ne null',
			$orderby: 'CompletedOn desc',
		});

		const open = rows('workordersurveys').find((r) => r.CompletedOn === null)!;
		touch('workordersurveys', String(open.Id), at(5000), {
			Status: 'Completed',
			CompletedOn: at(4000),
		});
		// Changed, but not completed: not this trigger's business.
		const other = rows('workordersurveys').find((r) => r.CompletedOn === null && r.Id !== open.Id)!;
		touch('workordersurveys', String(other.Id), at(6000), { Name: 'Renamed' });
		expect(await emitted(params)).toEqual([
			expect.objectContaining({ Id: open.Id, Status: 'Completed', CompletedOn: at(4000) }),
		]);
		expect(listQueries('workordersurveys:list').pop()?.$filter).toBe(`CompletedOn ge ${newest}`);
		expect(await emitted(params)).toEqual([]);
		expect(listQueries('workordersurveys:list').pop()).toEqual({
			$filter: `CompletedOn ge ${at(4000)}`,
			$orderby: 'CompletedOn asc,Id asc',
			$top: '100',
		});
	});

	it('Other Entity (Custom) with an Entity Path: time sheets at /TimeSheets', async () => {
		ss.vendor.state.entityPaths = { timesheets: '/TimeSheets' };
		const params = {
			event: 'custom',
			entity: 'timeSheet',
			watch: 'new',
			options: { entityPath: 'TimeSheets/' },
		};
		await poll(params);
		const template = rows('timesheets')[0];
		const id = randomUUID();
		table('timesheets').set(id, makeRow('timesheets', id, template, at(0)));
		expect(ids(await emitted(params))).toEqual([id]);
		expect(ss.requests('timesheets:list').map((r) => r.path)).toEqual([
			'/TimeSheets',
			'/TimeSheets',
			'/TimeSheets',
		]);
	});

	it('Extra Filter is ANDed into $filter, and Fields to Return becomes $select keeping Id and the dates', async () => {
		const params = {
			...workOrderUpdated,
			options: {
				extraFilter: "Status eq 'Completed' or Status eq 'Invoiced'",
				fields: 'Number, Status',
			},
		};
		await poll(params);
		const cursor = String(state().cursor);
		const done = String(rows('workorders')[1].Id);
		const billed = String(rows('workorders')[2].Id);
		touch('workorders', done, at(1000), { Status: 'Completed' });
		touch('workorders', String(rows('workorders')[4].Id), at(2000), { Status: 'Planned' });
		touch('workorders', billed, at(3000), { Status: 'Invoiced' });
		const out = await emitted(params);
		expect(ids(out)).toEqual([done, billed]);
		expect(Object.keys(out[0]).sort()).toEqual([
			'CreatedOn',
			'Id',
			'ModifiedOn',
			'Number',
			'Status',
		]);
		expect(listQueries().pop()).toEqual({
			$filter: `ModifiedOn ge ${cursor} and (Status eq 'Completed' or Status eq 'Invoiced')`,
			$orderby: 'ModifiedOn asc,Id asc',
			$top: '100',
			$select: 'Id,ModifiedOn,CreatedOn,Number,Status',
		});
		// The activation's newest record is taken without the filter: the server's "now", not the newest match.
		expect(listQueries()[0]).toEqual({
			$filter: 'ModifiedOn ne null',
			$orderby: 'ModifiedOn desc',
			$top: '1',
			$select: 'Id,ModifiedOn',
		});
	});

	it('Clock Tolerance re-reads before the cursor: a record saved late with an earlier date is emitted, nothing twice', async () => {
		const params = { ...newWorkOrder, options: { lookBackSeconds: 60 } };
		await poll(params);
		const newest = Date.parse(String(state().cursor));
		expect(listQueries()[1].$filter).toBe(
			`CreatedOn ge ${new Date(newest - 60_000).toISOString()}`,
		);
		const a = insertWorkOrder(at(100_000));
		expect(ids(await emitted(params))).toEqual([a]);
		// Committed after that poll, stamped 30 s before its cursor.
		const late = insertWorkOrder(at(70_000));
		expect(ids(await emitted(params))).toEqual([late]);
		expect(listQueries().pop()?.$filter).toBe(`CreatedOn ge ${at(100_000 - 60_000)}`);
		expect(state().cursor).toBe(at(100_000));
		expect(state().seen).toEqual([`${late}@${at(70_000)}`, `${a}@${at(100_000)}`]);
		expect(await emitted(params)).toEqual([]);
	});

	it.each([
		[
			{ options: { dateField: 'Modified On' } },
			'The field "Date Field" has an invalid value "Modified On"',
		],
		[
			{ options: { entityPath: '../admin' } },
			'The field "Entity Path" has an invalid value "../admin"',
		],
		[
			{ options: { fields: 'Number, Status;drop' } },
			'The field "Fields to Return" has an invalid value "Status;drop"',
		],
		[
			{ options: { lookBackSeconds: -5 } },
			'The field "Clock Tolerance (Seconds)" has an invalid value "-5"',
		],
	])('bad option %j fails before any request', async (extra, message) => {
		await expect(poll({ ...newWorkOrder, ...extra })).rejects.toThrow(message);
		expect(ss.ops()).toEqual([]);
	});

	it('a Date Field that does not hold dates is named in the error', async () => {
		await expect(poll({ ...newWorkOrder, options: { dateField: 'Description' } })).rejects.toThrow(
			/The field "Date Field" names Description, but a Work Order has ".+" there, not a date/,
		);
		expect(state() ?? {}).toEqual({});
	});
});

describe('Simple-Simon Trigger: backlog and paging', () => {
	it('reads a backlog of 250 changes through many small server pages, each once, in order, even with ties', async () => {
		await poll(workOrderUpdated);
		ss.vendor.state.pageSize = 20;
		const all = rows('workorders');
		expect(all.length).toBeGreaterThan(0);
		const expected: string[] = [];
		// 205 changes, three at a time sharing a millisecond, then a run of 45 in one instant (more than a page).
		for (let i = 0; i < 205; i++) {
			const id = insertWorkOrder(at(0), {}, at(0));
			touch('workorders', id, at(1000 + Math.floor(i / 3)));
		}
		for (let i = 0; i < 45; i++) {
			const id = insertWorkOrder(at(0), {}, at(0));
			touch('workorders', id, at(5000));
		}
		const changed = rows('workorders')
			.filter((r) => String(r.ModifiedOn) >= at(1000))
			.sort(
				(x, y) =>
					String(x.ModifiedOn).localeCompare(String(y.ModifiedOn)) ||
					String(x.Id).localeCompare(String(y.Id)),
			);
		expected.push(...changed.map((r) => String(r.Id)));
		expect(expected).toHaveLength(250);
		ss.vendor.emulator.clearLog();

		const out = await emitted(workOrderUpdated);
		expect(ids(out)).toEqual(expected);
		const queries = listQueries();
		expect(queries.length).toBeGreaterThanOrEqual(13);
		// Each request starts at the last date read; the 45-record instant is stepped through with $skip.
		expect(queries.every((q) => q.$top === '100' && q.$orderby === 'ModifiedOn asc,Id asc')).toBe(
			true,
		);
		expect(queries.some((q) => q.$filter === `ModifiedOn ge ${at(5000)}` && q.$skip === '20')).toBe(
			true,
		);
		expect(state().cursor).toBe(at(5000));
		expect(state().seen).toHaveLength(45);
		expect(await emitted(workOrderUpdated)).toEqual([]);
	});

	it('a record changed while a long read is under way is neither lost nor shifts another one out', async () => {
		await poll(workOrderUpdated);
		ss.vendor.state.pageSize = 10;
		const changed = Array.from({ length: 30 }, (_, i) => {
			const id = insertWorkOrder(at(0), {}, at(0));
			touch('workorders', id, at(1000 + i * 10));
			return id;
		});
		ss.vendor.emulator.clearLog();
		// Before the second page is served, the first change of the backlog is changed again (moves to the end).
		restoreLog = onRequest('/workorders', 2, () =>
			touch('workorders', changed[0], at(9000), { Status: 'Planned' }),
		);
		const out = await emitted(workOrderUpdated);
		expect(ids(out)).toEqual([...changed, changed[0]]);
		expect(out.at(-1)).toMatchObject({ Status: 'Planned', ModifiedOn: at(9000) });
	});

	it('works with a server that sends bare JSON arrays', async () => {
		ss.vendor.state.listShape = 'array';
		ss.vendor.state.pageSize = 100;
		try {
			await poll(newWorkOrder);
			const created = Array.from({ length: 130 }, (_, i) => insertWorkOrder(at(i)));
			const out = await emitted(newWorkOrder);
			expect(ids(out)).toEqual(created);
			expect(await emitted(newWorkOrder)).toEqual([]);
		} finally {
			ss.vendor.state.listShape = 'odata';
		}
	});
});

describe('Simple-Simon Trigger: Fetch Test Event (manual mode)', () => {
	it('returns the newest record as a sample and leaves the cursor alone', async () => {
		const id = insertWorkOrder(at(0), { Description: 'Jaarlijkse keuring warmtepomp' });
		const output = await poll(newWorkOrder, undefined, 'manual');
		expect(output?.[0].map((i) => i.json)).toEqual([
			expect.objectContaining({ Id: id, Description: 'Jaarlijkse keuring warmtepomp' }),
		]);
		expect(listQueries()).toEqual([
			{ $filter: 'CreatedOn ne null', $orderby: 'CreatedOn desc', $top: '1' },
		]);
		expect(staticData).toEqual({});

		// Activated later, the sample did not count as emitted or read.
		await poll(newWorkOrder);
		expect(state().cursor).toBe(at(0));
	});

	it('applies Extra Filter and Fields to Return; no match gives no data (null)', async () => {
		const none = {
			...newWorkOrder,
			options: { extraFilter: "Status eq 'Invoiced' and Priority eq 99", fields: 'Number' },
		};
		expect(await poll(none, undefined, 'manual')).toBeNull();
		expect(listQueries()).toEqual([
			{
				$filter: "CreatedOn ne null and (Status eq 'Invoiced' and Priority eq 99)",
				$orderby: 'CreatedOn desc',
				$top: '1',
				$select: 'Id,CreatedOn,Number',
			},
		]);
	});
});

describe('instantOf', () => {
	it.each([
		['2026-01-05T09:00:00.123Z', '2026-01-05T09:00:00.1230000Z'],
		['2026-01-05T10:00:00.1234567+01:00', '2026-01-05T09:00:00.1234567Z'],
		['2026-01-05T09:00:00Z', '2026-01-05T09:00:00.0000000Z'],
		['2026-01-04T23:30:00-09:30', '2026-01-05T09:00:00.0000000Z'],
		['2026-01-05', '2026-01-05T00:00:00.0000000Z'],
	])('%s sorts as %s', (raw, sort) => {
		expect(instantOf(raw)?.sort).toBe(sort);
	});
	it.each([
		'',
		'Open',
		'2026-02-30T00:00:00Z',
		'2026-01-05T25:00:00Z',
		'2026-01-05T09:00:60Z',
		42,
		null,
	])('%j is not a date', (raw) => {
		expect(instantOf(raw)).toBeUndefined();
	});
});
