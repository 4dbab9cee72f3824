import { createSimplyCrmEmulator, type SimplyCrmState, type StoredRecord } from '../../../emulators/simply-crm';
import { MODULE_BY_NAME } from '../../../emulators/simply-crm/modules';
import { formatDateTime } from '../../../emulators/simply-crm/state';
import type { VendorEmulator } from '../../../emulators/shared/types';
import { SimplyCrmApi } from '../../../credentials/SimplyCrmApi.credentials';
import { SimplyCrmTrigger } from '../../../nodes/SimplyCrm/SimplyCrmTrigger.node';
import { CredentialStore, runPoll, type NodeSetup, type StoredCredential } from '../../kit/node-runner';
import type { IDataObject } from 'n8n-workflow';

/** The emulator's clock, pinned years away from the host's so a cursor taken from the host would show. */
const START_MS = Date.UTC(2031, 4, 1, 9, 0, 0);
const START_S = START_MS / 1000;
let clockMs = START_MS;
const tick = (seconds: number) => (clockMs += seconds * 1000);

let vendor: VendorEmulator<SimplyCrmState>;
let store: CredentialStore;
let credential: StoredCredential;
let staticData: IDataObject;

const setup = (parameters: IDataObject, node = new SimplyCrmTrigger(), data = staticData): NodeSetup => ({
	node,
	credentialTypes: [new SimplyCrmApi()],
	store,
	credential,
	parameters,
	staticData: data,
});
const contactsSync = { event: 'createdOrUpdated', scope: 'one', module: 'Contacts', source: 'sync', syncType: 'user' };
const cursor = () => staticData['node:Simply CRM Trigger'] as IDataObject;

/** What one poll emitted, as `id:event`. */
async function poll(parameters: IDataObject, node?: SimplyCrmTrigger, data = staticData): Promise<string[]> {
	const output = await runPoll(setup(parameters, node, data), 'trigger');
	return (output?.[0] ?? []).map((item) => `${String(item.json.id)}:${String(item.json._event)}`);
}

// State changes go straight into the emulator's records, stamped with its clock, as the CRM's own UI would make them.
function insert(module: string, fields: Record<string, string> = {}): StoredRecord {
	const definition = MODULE_BY_NAME.get(module)!;
	const crmid = vendor.state.nextCrmId++;
	const now = formatDateTime(clockMs);
	const values: Record<string, string> = Object.fromEntries(definition.fields.map((field) => [field.name, '']));
	Object.assign(values, { assigned_user_id: '19x1', ...fields, createdtime: now, modifiedtime: now, id: `${definition.idPrefix}x${crmid}` });
	const record: StoredRecord = { module, crmid, deleted: false, values };
	vendor.state.records[module].push(record);
	return record;
}
function update(record: StoredRecord, fields: Record<string, string> = { description: `changed at ${clockMs}` }): void {
	Object.assign(record.values, fields, { modifiedtime: formatDateTime(clockMs) });
}
function remove(record: StoredRecord): void {
	record.deleted = true;
	record.values.modifiedtime = formatDateTime(clockMs);
}
const idOf = (record: StoredRecord) => record.values.id;
const syncParams = () => vendor.emulator.requests('sync').map((r) => r.query);

beforeAll(async () => {
	vendor = createSimplyCrmEmulator({ seedCount: 20, clock: () => clockMs });
	await vendor.emulator.start();
});

afterAll(async () => await vendor.emulator.stop());

beforeEach(() => {
	clockMs = START_MS;
	vendor.emulator.reset();
	store = new CredentialStore();
	credential = store.add('simplyCrmApi', { ...vendor.credentialData(), sessionName: '', sessionBinding: '', userId: '' });
	staticData = {};
});

describe('Simply CRM Trigger', () => {
	it("starts at the server's clock (getchallenge serverTime) and emits nothing it found there [wire:webservice:getchallenge]", async () => {
		const before = insert('Contacts', { lastname: 'Already there' });
		expect(await poll(contactsSync)).toEqual([]);

		const challenge = vendor.emulator.requests('getchallenge')[0];
		expect(challenge.method).toBe('GET');
		expect(challenge.query).toEqual({ operation: 'getchallenge', username: 'admin' });
		expect(cursor().syncTime).toBe(START_S);
		// Years away from the n8n host's clock: the host's time was not used.
		expect(Math.abs(Number(cursor().syncTime) - Date.now() / 1000)).toBeGreaterThan(365 * 24 * 3600);
		// The record written in the activation second is marked as read, not sent later.
		expect(syncParams()[0]).toMatchObject({ modifiedTime: String(START_S - 1), elementType: 'Contacts' });
		expect(cursor().seen).toEqual([`${idOf(before)}@${formatDateTime(START_MS)}`]);

		tick(30);
		expect(await poll(contactsSync)).toEqual([]);
		expect(vendor.emulator.requests('getchallenge')).toHaveLength(2); // the activation's, then the login's
	});

	it('emits inserts, updates and deletes across three polls exactly once each [wire:webservice:sync]', async () => {
		// Two triggers on one instance, as a workflow watching every kind of change has them.
		const deletions: IDataObject = {};
		const deleted = { ...contactsSync, event: 'deleted' };
		const round = async () => [...(await poll(contactsSync)), ...(await poll(deleted, undefined, deletions))];
		expect(await round()).toEqual([]);
		vendor.emulator.clearLog();

		tick(10);
		const a = insert('Contacts', { lastname: 'Able' });
		const b = insert('Contacts', { lastname: 'Baker' });
		tick(5);
		expect(await round()).toEqual([`${idOf(a)}:created`, `${idOf(b)}:created`]);
		expect(cursor().syncTime).toBe(START_S + 10);

		tick(20);
		update(a);
		remove(b);
		const c = insert('Contacts', { lastname: 'Charlie' });
		expect(await round()).toEqual([`${idOf(a)}:updated`, `${idOf(c)}:created`, `${idOf(b)}:deleted`]);

		tick(20);
		update(c);
		remove(a);
		expect(await round()).toEqual([`${idOf(c)}:updated`, `${idOf(a)}:deleted`]);
		tick(60);
		expect(await round()).toEqual([]);

		// Each poll re-reads the cursor's own second (vtiger compares > on whole seconds), with the owner filter named.
		const sent = syncParams();
		expect(vendor.emulator.requests('sync').every((r) => r.method === 'GET' && r.query.sessionName === credential.data.sessionName)).toBe(true);
		expect(sent.map((q) => q.modifiedTime)).toEqual(
			[START_S - 1, START_S + 9, START_S + 34, START_S + 54].flatMap((time) => [String(time), String(time)]),
		);
		expect(sent.every((q) => q.elementType === 'Contacts' && q.syncType === 'user' && q.operation === 'sync')).toBe(true);
	});

	it('emits two records of the same second once each, when the second was written after the poll that saw the first', async () => {
		await poll(contactsSync);
		tick(10);
		const first = insert('Contacts', { lastname: 'First' });
		expect(await poll(contactsSync)).toEqual([`${idOf(first)}:created`]);

		// Same second, after that poll.
		const second = insert('Contacts', { lastname: 'Second' });
		expect(first.values.modifiedtime).toBe(second.values.modifiedtime);
		expect(await poll(contactsSync)).toEqual([`${idOf(second)}:created`]);
		expect(await poll(contactsSync)).toEqual([]);
		// The overlap asked for that second again each time; the remembered ids kept the repeats out.
		expect(syncParams().slice(-2).map((q) => q.modifiedTime)).toEqual([START_S + 9, START_S + 9].map(String));
		expect([...(cursor().seen as string[])].sort()).toEqual(
			[first, second].map((r) => `${idOf(r)}@${r.values.modifiedtime}`).sort(),
		);

		// Created in the cursor's second after the poll, then changed before the next one: still new to the workflow.
		const third = insert('Contacts', { lastname: 'Third' });
		tick(4);
		update(third);
		update(second);
		expect(await poll(contactsSync)).toEqual([`${idOf(second)}:updated`, `${idOf(third)}:created`]);

		// A delete in the cursor's second is also reported once (changing the event keeps the cursor).
		remove(first);
		const deleted = { ...contactsSync, event: 'deleted' };
		expect(await poll(deleted)).toEqual([`${idOf(first)}:deleted`]);
		expect(await poll(deleted)).toEqual([]);
	});

	it('drains more than 100 changes in one poll, following `more`', async () => {
		await poll(contactsSync);
		const inserted: StoredRecord[] = [];
		for (let second = 0; second < 25; second++) {
			tick(1);
			for (let n = 0; n < 10; n++) inserted.push(insert('Contacts', { lastname: `Bulk ${second}-${n}` }));
		}
		vendor.emulator.clearLog();
		const emitted = await poll(contactsSync);
		expect(emitted).toHaveLength(250);
		expect(new Set(emitted)).toEqual(new Set(inserted.map((r) => `${idOf(r)}:created`)));
		const pages = syncParams().map((q) => Number(q.modifiedTime));
		expect(pages).toEqual([START_S - 1, START_S + 10, START_S + 20]);
		expect(cursor().syncTime).toBe(START_S + 25);
		expect(await poll(contactsSync)).toEqual([]);
	});

	it('picks up after a restart (new node instance, same static data) without repeating anything', async () => {
		await poll(contactsSync);
		tick(5);
		const a = insert('Contacts', { lastname: 'Before restart' });
		expect(await poll(contactsSync)).toEqual([`${idOf(a)}:created`]);

		const b = insert('Contacts', { lastname: 'Same second, after' });
		tick(3);
		update(a);
		// A different node object and a new login: only the static data carries over.
		credential.data.sessionName = '';
		vendor.emulator.clearLog();
		expect((await poll(contactsSync, new SimplyCrmTrigger())).sort()).toEqual([`${idOf(a)}:updated`, `${idOf(b)}:created`].sort());
		expect(vendor.emulator.requests('getchallenge')).toHaveLength(1); // the login only: no second activation
		expect(syncParams()[0].modifiedTime).toBe(String(START_S + 4));
		expect(await poll(contactsSync, new SimplyCrmTrigger())).toEqual([]);
	});

	it('sends nothing and keeps its cursor when a poll fails half-way, then sends everything once', async () => {
		await poll(contactsSync);
		const inserted: StoredRecord[] = [];
		for (let n = 0; n < 150; n++) {
			if (n % 50 === 0) tick(1);
			inserted.push(insert('Contacts', { lastname: `Wave ${n}` }));
		}
		const before = JSON.stringify(cursor());
		vendor.emulator.clearLog();
		// The first page goes through (a no-op fault takes its turn), the second fails.
		vendor.emulator.inject({ when: { op: 'sync' }, action: { type: 'delay', ms: 0 } });
		vendor.emulator.inject({
			when: { op: 'sync' },
			action: { type: 'status', status: 200, body: { success: false, error: { code: 'DATABASE_QUERY_ERROR', message: 'Database error' } } },
		});
		await expect(runPoll(setup(contactsSync), 'trigger')).rejects.toThrow(/Database error/);
		expect(vendor.emulator.requests('sync')).toHaveLength(2);
		expect(JSON.stringify(cursor())).toBe(before);

		const emitted = await poll(contactsSync);
		expect(emitted).toHaveLength(150);
		expect(new Set(emitted).size).toBe(150);
		expect(await poll(contactsSync)).toEqual([]);
	});

	it('tells created from updated, and sends a record created and then updated between polls once, as created', async () => {
		const params = (event: string) => ({ ...contactsSync, event });
		await poll(params('created'));
		tick(5);
		const old = insert('Contacts', { lastname: 'Old' });
		expect(await poll(params('created'))).toEqual([`${idOf(old)}:created`]);

		tick(5);
		const fresh = insert('Contacts', { lastname: 'Fresh' });
		tick(2);
		update(fresh);
		update(old);
		// Created events only: the update of "old" is read (the cursor moves) but not sent.
		expect(await poll(params('created'))).toEqual([`${idOf(fresh)}:created`]);

		tick(5);
		update(old);
		update(fresh);
		const third = insert('Contacts', { lastname: 'Third' });
		expect(await poll(params('updated'))).toEqual([`${idOf(old)}:updated`, `${idOf(fresh)}:updated`]);
		// The third record's creation was read by the updated-only poll, so it is not sent later either.
		tick(5);
		expect(await poll(params('createdOrUpdated'))).toEqual([]);
		expect(third.values.createdtime).toBe(third.values.modifiedtime);

		tick(5);
		const fourth = insert('Contacts', { lastname: 'Fourth' });
		tick(1);
		update(fourth);
		tick(1);
		update(fourth);
		expect(await poll(params('createdOrUpdated'))).toEqual([`${idOf(fourth)}:created`]);
	});

	it('watches only the chosen module, or every module with its name taken from the id prefix', async () => {
		await poll(contactsSync);
		tick(5);
		const contact = insert('Contacts', { lastname: 'Contact' });
		const lead = insert('Leads', { lastname: 'Lead', company: 'Acme' });
		const output = await runPoll(setup(contactsSync), 'trigger');
		expect(output?.[0].map((i) => i.json.id)).toEqual([idOf(contact)]);
		expect(output?.[0][0].json).toMatchObject({ lastname: 'Contact', _event: 'created', _module: 'Contacts' });

		// All modules: no elementType on the wire; module names from listtypes + describe, asked once.
		staticData = {};
		const all = { ...contactsSync, scope: 'all' };
		await poll(all);
		tick(5);
		const lead2 = insert('Leads', { lastname: 'Lead 2', company: 'Acme' });
		const contact2 = insert('Contacts', { lastname: 'Contact 2' });
		vendor.emulator.clearLog();
		const everything = await runPoll(setup(all), 'trigger');
		expect(everything?.[0].map((i) => `${String(i.json.id)} ${String(i.json._event)} ${String(i.json._module)}`).sort()).toEqual(
			[`${idOf(lead2)} created Leads`, `${idOf(contact2)} created Contacts`].sort(),
		);
		expect(syncParams()[0].elementType).toBeUndefined();
		expect(vendor.emulator.requests('listtypes')).toHaveLength(1);
		expect(vendor.emulator.requests('describe').length).toBeGreaterThanOrEqual(2);
		tick(5);
		update(lead2);
		remove(lead);
		vendor.emulator.clearLog();
		expect(await poll(all)).toEqual([`${idOf(lead2)}:updated`]);
		tick(5);
		remove(contact2);
		const gone = await runPoll(setup({ ...all, event: 'deleted' }), 'trigger');
		// The lead's deletion was read (not wanted) by the previous poll; only the later one is sent.
		expect(gone?.[0].map((i) => i.json)).toEqual([{ id: idOf(contact2), _event: 'deleted', _module: 'Contacts' }]);
		expect(vendor.emulator.requests('listtypes', 'describe')).toHaveLength(0);
	});

	it('sees only records owned by the API user with Sync Type "User", their groups\' too, or every record with "Application"', async () => {
		for (const [syncType, owners] of [
			['user', ['19x1']],
			['userandgroup', ['19x1', '20x2']],
			['application', ['19x1', '19x5', '20x2']],
		] as const) {
			staticData = {};
			const params = { ...contactsSync, syncType };
			await poll(params);
			tick(5);
			const records = ['19x1', '19x5', '20x2'].map((owner) => insert('Contacts', { lastname: `Owned by ${owner}`, assigned_user_id: owner }));
			vendor.emulator.clearLog();
			const expected = records.filter((r) => (owners as readonly string[]).includes(r.values.assigned_user_id));
			expect(await poll(params)).toEqual(expected.map((r) => `${idOf(r)}:created`));
			expect(syncParams()[0]).toMatchObject({ syncType, elementType: 'Contacts' });
		}
	});

	it('polls one module with Query, whoever owns the records, paging by modifiedtime and id', async () => {
		const params = { ...contactsSync, source: 'query' };
		tick(60);
		const newest = insert('Contacts', { lastname: 'Newest before activation' });
		vendor.emulator.clearLog();
		expect(await poll(params)).toEqual([]);
		const stamp = formatDateTime(clockMs);
		expect(vendor.emulator.requests('query').map((r) => r.query.query)).toEqual([
			'select * from Contacts order by modifiedtime desc limit 1;',
			`select * from Contacts where modifiedtime >= '${stamp}' order by modifiedtime, id limit 0, 100;`,
		]);
		expect(cursor()).toMatchObject({ lastModified: stamp, seen: [`${idOf(newest)}@${stamp}`] });
		// Query compares the server's own modifiedtime text, so it needs neither serverTime nor sync.
		expect(vendor.emulator.requests('sync')).toHaveLength(0);
		expect(vendor.emulator.requests('getchallenge')).toHaveLength(1);

		// Same second as the cursor, another owner, then 130 in one second and 20 in the next: every row once.
		const sameSecond = insert('Contacts', { lastname: 'Same second', assigned_user_id: '19x5' });
		tick(1);
		const burst: StoredRecord[] = [];
		for (let n = 0; n < 130; n++) burst.push(insert('Contacts', { lastname: `Burst ${n}` }));
		tick(1);
		for (let n = 0; n < 20; n++) burst.push(insert('Contacts', { lastname: `Tail ${n}` }));
		update(newest);
		vendor.emulator.clearLog();
		const emitted = await poll(params);
		expect(emitted).toEqual([
			`${idOf(sameSecond)}:created`,
			...burst.slice(0, 130).map((r) => `${idOf(r)}:created`),
			// ordered by (modifiedtime, id): the older record comes first within its second
			`${idOf(newest)}:updated`,
			...burst.slice(130).map((r) => `${idOf(r)}:created`),
		]);
		const t1 = formatDateTime(clockMs - 1000);
		const t2 = formatDateTime(clockMs);
		expect(vendor.emulator.requests('query').map((r) => r.query.query)).toEqual([
			`select * from Contacts where modifiedtime >= '${stamp}' order by modifiedtime, id limit 0, 100;`,
			`select * from Contacts where modifiedtime >= '${t1}' order by modifiedtime, id limit 0, 100;`,
			`select * from Contacts where modifiedtime >= '${t1}' order by modifiedtime, id limit 100, 100;`,
		]);
		expect(vendor.emulator.requests('query').every((r) => r.method === 'GET')).toBe(true);
		expect(cursor().lastModified).toBe(t2);
		expect(await poll(params)).toEqual([]);
	});

	it('returns a sample in manual mode without touching the cursor, or nothing when there is nothing', async () => {
		await poll(contactsSync);
		const stored = JSON.stringify(cursor());
		tick(5);
		const latest = insert('Contacts', { lastname: 'Latest' });
		vendor.emulator.clearLog();
		const sample = await runPoll(setup(contactsSync), 'manual');
		expect(sample?.[0]).toHaveLength(1);
		expect(sample?.[0][0].json).toMatchObject({ id: idOf(latest), lastname: 'Latest', _event: 'created', _module: 'Contacts' });
		expect(vendor.emulator.requests('query').map((r) => r.query.query)).toEqual([
			'select * from Contacts order by modifiedtime desc limit 1;',
		]);
		expect(JSON.stringify(cursor())).toBe(stored);
		// The sample did not consume the change.
		expect(await poll(contactsSync)).toEqual([`${idOf(latest)}:created`]);

		vendor.state.records.Leads.length = 0;
		expect(await runPoll(setup({ ...contactsSync, module: 'Leads' }), 'manual')).toBeNull();

		// Deletions can only come from sync: the latest one within the last week of server time.
		tick(5);
		remove(latest);
		vendor.emulator.clearLog();
		const deleted = await runPoll(setup({ ...contactsSync, event: 'deleted' }), 'manual');
		expect(deleted?.[0].map((i) => i.json)).toEqual([{ id: idOf(latest), _event: 'deleted', _module: 'Contacts' }]);
		expect(syncParams()[0].modifiedTime).toBe(String(Math.floor(clockMs / 1000) - 7 * 24 * 3600));
	});

	it('rejects settings that cannot work, before sending anything', async () => {
		const cases: Array<[IDataObject, RegExp]> = [
			[{ ...contactsSync, source: 'query', event: 'deleted' }, /"Record Deleted" needs the field "Source" set to "Sync"/],
			[{ ...contactsSync, source: 'query', scope: 'all' }, /"Source" set to "Query" needs one module/],
			[{ ...contactsSync, module: '' }, /The field "Module" is empty/],
			[{ ...contactsSync, module: 'Contacts where 1=1' }, /The field "Module" has an invalid value/],
			[{ ...contactsSync, module: 'Users' }, /cannot be Users with Source "Sync"/],
		];
		for (const [params, message] of cases) {
			await expect(runPoll(setup(params), 'trigger')).rejects.toThrow(message);
		}
		expect(vendor.emulator.log).toHaveLength(0);
	});
});
