import { createSimplyCrmEmulator, type SimplyCrmState } from '../../../emulators/simply-crm';
import { fixtureAccessKey } from '../../../emulators/simply-crm/seed';
import type { VendorEmulator } from '../../../emulators/shared/types';
import { SimplyCrmApi } from '../../../credentials/SimplyCrmApi.credentials';
import { SimplyCrm } from '../../../nodes/SimplyCrm/SimplyCrm.node';
import { vtqlShape } from '../../../nodes/SimplyCrm/resources/query';
import { toUnixSeconds } from '../../../nodes/SimplyCrm/resources/sync';
import { CredentialStore, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

let vendor: VendorEmulator<SimplyCrmState>;
let store: CredentialStore;
let credential: StoredCredential;

const setup = (parameters: NodeSetup['parameters']): NodeSetup => ({
	node: new SimplyCrm(),
	credentialTypes: [new SimplyCrmApi()],
	store,
	credential,
	parameters,
});

const queries = () => vendor.emulator.requests('query').map((r) => r.query.query);

beforeAll(async () => {
	vendor = createSimplyCrmEmulator({ seedCount: 350 });
	await vendor.emulator.start();
});

afterAll(async () => await vendor.emulator.stop());

beforeEach(() => {
	vendor.emulator.reset();
	store = new CredentialStore();
	credential = store.add('simplyCrmApi', { ...vendor.credentialData(), sessionName: '', sessionBinding: '', userId: '' });
});

describe('Simply CRM Query resource', () => {
	it('pages a query without LIMIT or ORDER BY over 100-row pages ordered by id [wire:webservice:query]', async () => {
		const result = await runNode(
			setup({ resource: 'query', operation: 'run', query: 'select lastname, email from Contacts', returnAll: true }),
		);
		expect(result.error).toBeUndefined();
		expect(queries()).toEqual([
			'select lastname, email from Contacts order by id limit 0, 100;',
			'select lastname, email from Contacts order by id limit 100, 100;',
			'select lastname, email from Contacts order by id limit 200, 100;',
			'select lastname, email from Contacts order by id limit 300, 100;',
		]);
		for (const request of vendor.emulator.requests('query')) {
			expect(request.method).toBe('GET');
			expect(request.query.sessionName).toBe(credential.data.sessionName);
		}
		const ids = result.items.map((item) => item.json.id);
		expect(ids).toHaveLength(350);
		expect(new Set(ids).size).toBe(350);
		expect(Object.keys(result.items[0].json).sort()).toEqual(['email', 'id', 'lastname']);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it("keeps the user's ORDER BY, replaces the trailing ';' and stops at the Limit", async () => {
		const result = await runNode(
			setup({
				resource: 'query',
				operation: 'run',
				query: "select * from Contacts where mailingcountry = 'Denmark' order by lastname desc ; ",
				returnAll: false,
				limit: 120,
			}),
		);
		expect(result.error).toBeUndefined();
		expect(queries()).toEqual([
			"select * from Contacts where mailingcountry = 'Denmark' order by lastname desc limit 0, 100;",
			"select * from Contacts where mailingcountry = 'Denmark' order by lastname desc limit 100, 20;",
		]);
		expect(result.items).toHaveLength(120);
		const names = result.items.map((item) => String(item.json.lastname).toLowerCase());
		expect(names).toEqual([...names].sort().reverse());
	});

	it("runs a query with the user's own LIMIT exactly once, adding only the ';' (vtiger caps it at 100)", async () => {
		const result = await runNode(
			setup({ resource: 'query', operation: 'run', query: 'select id from Contacts LIMIT 150', returnAll: true }),
		);
		expect(result.error).toBeUndefined();
		expect(queries()).toEqual(['select id from Contacts LIMIT 150;']);
		expect(result.items).toHaveLength(100);

		vendor.emulator.clearLog();
		const offset = await runNode(
			setup({ resource: 'query', operation: 'run', query: 'select id from Contacts order by id limit 340, 5;', limit: 2 }),
		);
		expect(queries()).toEqual(['select id from Contacts order by id limit 340, 5;']);
		expect(offset.items.map((item) => item.json.id)).toEqual(['12x481', '12x482', '12x483', '12x484', '12x485']);
	});

	it('does not take LIMIT, ORDER BY or ; inside quoted values for clauses', async () => {
		const result = await runNode(
			setup({
				resource: 'query',
				operation: 'run',
				query: "select id from Contacts where description != 'no limit; order by phone' and lastname != 'O''Brien limit 5'",
				returnAll: false,
				limit: 3,
			}),
		);
		expect(result.error).toBeUndefined();
		expect(queries()).toEqual([
			"select id from Contacts where description != 'no limit; order by phone' and lastname != 'O''Brien limit 5' order by id limit 0, 3;",
		]);
		expect(result.items).toHaveLength(3);
	});

	it('returns the single row of select count(*) without paging', async () => {
		const result = await runNode(setup({ resource: 'query', operation: 'run', query: 'SELECT COUNT(*) FROM Leads', returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(queries()).toEqual(['SELECT COUNT(*) FROM Leads;']);
		expect(result.items.map((item) => item.json)).toEqual([{ count: '60' }]);
	});

	it('rejects two statements or an unclosed quote before sending anything', async () => {
		const twice = await runNode(setup({ resource: 'query', operation: 'run', query: 'select id from Leads; select id from Contacts;' }));
		expect(twice.error?.message).toBe('The field "Query" is invalid in item 0: it holds more than one statement; write a single query');
		const unclosed = await runNode(setup({ resource: 'query', operation: 'run', query: "select id from Leads where lastname = 'x" }));
		expect(unclosed.error?.message).toMatch(/The field "Query" is invalid in item 0: a quoted value is not closed/);
		expect(vendor.emulator.log).toHaveLength(0);
		expect(vtqlShape('select * from Leads where company like "%limit%";;')).toEqual({
			statement: 'select * from Leads where company like "%limit%"',
			hasLimit: false,
			hasOrderBy: false,
			isCount: false,
		});
	});

	it('passes a vendor syntax error through as the vendor said it', async () => {
		const result = await runNode(setup({ resource: 'query', operation: 'run', query: 'select id from Contacts where lastname' }));
		expect(queries()).toEqual(['select id from Contacts where lastname order by id limit 0, 50;']);
		expect(result.error?.message).toMatch(/QUERY_SYNTAX_ERROR/);
	});
});

describe('Simply CRM Module resource', () => {
	it('lists entity module types, one item per module [wire:webservice:listtypes]', async () => {
		const result = await runNode(setup({ resource: 'module', operation: 'listTypes' }));
		expect(result.error).toBeUndefined();
		const [request] = vendor.emulator.requests('listtypes');
		expect(request.method).toBe('GET');
		expect(request.query.sessionName).toBe(credential.data.sessionName);
		expect(request.query.fieldTypeList).toBeUndefined();
		const modules = result.items.map((item) => item.json);
		expect(modules).toContainEqual({ name: 'Contacts', label: 'Contacts', isEntity: true, singular: 'Contact' });
		expect(modules).toContainEqual(expect.objectContaining({ name: 'ModComments', isEntity: true }));
		expect(modules.every((m) => m.isEntity === true)).toBe(true);
		expect(modules.map((m) => m.name)).not.toContain('Currency');

		const all = await runNode(setup({ resource: 'module', operation: 'listTypes', options: { includeNonEntity: true } }));
		expect(all.items.map((item) => item.json)).toContainEqual(expect.objectContaining({ name: 'Currency', isEntity: false }));
		expect(all.items.length).toBeGreaterThan(result.items.length);
	});

	it('filters module types by field type with a JSON fieldTypeList', async () => {
		const result = await runNode(
			setup({ resource: 'module', operation: 'listTypes', options: { fieldTypeList: ['email'], includeNonEntity: true } }),
		);
		expect(result.error).toBeUndefined();
		expect(vendor.emulator.requests('listtypes')[0].query.fieldTypeList).toBe('["email"]');
		const names = result.items.map((item) => item.json.name);
		expect(names).toEqual(expect.arrayContaining(['Contacts', 'Leads']));
		expect(names).not.toContain('ModComments');
		expect(names).not.toContain('Currency');
	});

	it('describes a module as one item, or one item per field [wire:webservice:describe]', async () => {
		const whole = await runNode(setup({ resource: 'module', operation: 'describe', module: 'Contacts' }));
		expect(whole.error).toBeUndefined();
		const [request] = vendor.emulator.requests('describe');
		expect(request.method).toBe('GET');
		expect(request.query).toMatchObject({ operation: 'describe', elementType: 'Contacts', sessionName: credential.data.sessionName });
		expect(whole.items).toHaveLength(1);
		const description = whole.items[0].json as { name: string; idPrefix: string; fields: Array<{ name: string; mandatory: boolean }> };
		expect(description).toMatchObject({ name: 'Contacts', idPrefix: '12', isEntity: true });
		expect(description.fields.find((f) => f.name === 'lastname')?.mandatory).toBe(true);

		const perField = await runNode(setup({ resource: 'module', operation: 'describe', module: 'Contacts', options: { itemPerField: true } }));
		expect(perField.items.map((item) => item.json)).toEqual(description.fields);
		expect(perField.items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('names the empty Module field before sending', async () => {
		const result = await runNode(setup({ resource: 'module', operation: 'describe', module: '' }));
		expect(result.error?.message).toBe('The field "Module" is empty in item 0');
		expect(vendor.emulator.log).toHaveLength(0);
	});
});

describe('Simply CRM Sync resource', () => {
	// After every seeded change; the emulator compares modifiedtime strings, so any later second works.
	const T0 = Date.UTC(2030, 0, 1) / 1000;
	const at = (second: number) => new Date((T0 + second) * 1000).toISOString().replace('T', ' ').slice(0, 19);
	const DELETED = [10, 20, 31];

	/** 150 contacts changed one second apart after T0: even ones owned by admin, odd ones by mette; three deleted. */
	function changeContacts() {
		const contacts = vendor.state.records.Contacts.slice(0, 150);
		contacts.forEach((record, i) => {
			record.values.modifiedtime = at(i + 1);
			record.values.assigned_user_id = i % 2 === 0 ? '19x1' : '19x5';
			record.deleted = DELETED.includes(i);
		});
		return contacts;
	}

	const syncCalls = () => vendor.emulator.requests('sync');

	it('follows more across pages with each lastModifiedTime, syncType application as admin [wire:webservice:sync]', async () => {
		const contacts = changeContacts();
		const result = await runNode(
			setup({ resource: 'sync', operation: 'getChanges', since: T0, options: { syncType: 'application', module: 'Contacts' } }),
		);
		expect(result.error).toBeUndefined();
		expect(syncCalls().map((r) => r.method)).toEqual(['GET', 'GET']);
		expect(syncCalls().map((r) => r.query)).toEqual([
			{ operation: 'sync', modifiedTime: String(T0), elementType: 'Contacts', syncType: 'application', sessionName: credential.data.sessionName },
			{ operation: 'sync', modifiedTime: String(T0 + 100), elementType: 'Contacts', syncType: 'application', sessionName: credential.data.sessionName },
		]);
		const updated = result.items.filter((item) => item.json.changeType === 'updated');
		const deleted = result.items.filter((item) => item.json.changeType === 'deleted');
		expect(updated).toHaveLength(147);
		expect(updated[0].json).toEqual({ changeType: 'updated', ...contacts[0].values });
		expect(deleted.map((item) => item.json)).toEqual(DELETED.map((i) => ({ changeType: 'deleted', id: contacts[i].values.id })));
		expect(new Set(updated.map((item) => item.json.id)).size).toBe(147);
	});

	it('outputs one item with the cursor, and sends no syncType or module unless chosen', async () => {
		const contacts = changeContacts();
		const result = await runNode(
			setup({ resource: 'sync', operation: 'getChanges', since: new Date(T0 * 1000).toISOString(), options: { singleItem: true } }),
		);
		expect(result.error).toBeUndefined();
		expect(syncCalls().map((r) => r.query)).toEqual([
			{ operation: 'sync', modifiedTime: String(T0), sessionName: credential.data.sessionName },
		]);
		expect(result.items).toHaveLength(1);
		const { updated, deleted, lastModifiedTime } = result.items[0].json as { updated: Array<{ id: string; assigned_user_id: string }>; deleted: string[]; lastModifiedTime: number };
		// The server default: only records assigned to the API user (even indexes; 10 and 20 are deleted).
		expect(updated.map((r) => r.id)).toEqual(contacts.filter((_, i) => i % 2 === 0 && !DELETED.includes(i)).map((r) => r.values.id));
		expect(deleted).toEqual([contacts[10].values.id, contacts[20].values.id]);
		expect(lastModifiedTime).toBe(T0 + 149);
	});

	it('refuses application sync for a user who is not an admin', async () => {
		credential = store.add('simplyCrmApi', { ...vendor.credentialData(), username: 'mette', accessKey: fixtureAccessKey('mette'), sessionName: '', sessionBinding: '', userId: '' }, 'mette');
		const result = await runNode(setup({ resource: 'sync', operation: 'getChanges', since: T0, options: { syncType: 'application' } }));
		expect(syncCalls()).toHaveLength(1);
		expect(syncCalls()[0].query.syncType).toBe('application');
		expect(result.error?.message).toBe('Only admin users can perform application sync [ACCESS_DENIED]');
	});

	it('stops when the server says more without moving lastModifiedTime', async () => {
		vendor.emulator.inject({
			when: { op: 'sync' },
			times: 5,
			action: { type: 'status', status: 200, body: { success: true, result: { updated: [], deleted: [], lastModifiedTime: T0, more: true } } },
		});
		const result = await runNode(setup({ resource: 'sync', operation: 'getChanges', since: T0 }));
		expect(syncCalls()).toHaveLength(1);
		expect(result.error?.message).toBe(`Simply CRM reported more changes but its lastModifiedTime stayed at ${T0} in item 0`);
	});

	it('rejects a Since that is no moment before sending anything', async () => {
		const result = await runNode(setup({ resource: 'sync', operation: 'getChanges', since: 'next tuesday' }));
		expect(result.error?.message).toBe('The field "Since" has an invalid value "next tuesday" in item 0');
		const empty = await runNode(setup({ resource: 'sync', operation: 'getChanges', since: '' }));
		expect(empty.error?.message).toBe('The field "Since" is empty in item 0');
		expect(vendor.emulator.log).toHaveLength(0);
	});

	it('reads Unix seconds, milliseconds, offsets and editor dates in the workflow time zone', () => {
		expect(toUnixSeconds(1717000000, 'UTC')).toBe(1717000000);
		expect(toUnixSeconds('1717000000', 'UTC')).toBe(1717000000);
		expect(toUnixSeconds(1717000000123, 'UTC')).toBe(1717000000);
		expect(toUnixSeconds('2024-05-29T16:26:40Z', 'Europe/Copenhagen')).toBe(1717000000);
		expect(toUnixSeconds('2024-05-29T18:26:40+02:00', 'UTC')).toBe(1717000000);
		// Copenhagen is UTC+2 in summer and UTC+1 in winter.
		expect(toUnixSeconds('2024-05-29T18:26:40', 'Europe/Copenhagen')).toBe(1717000000);
		expect(toUnixSeconds('2024-01-15 10:00:00', 'Europe/Copenhagen')).toBe(Date.UTC(2024, 0, 15, 9) / 1000);
		expect(toUnixSeconds('2024-01-15', 'America/New_York')).toBe(Date.UTC(2024, 0, 15, 5) / 1000);
		expect(toUnixSeconds(new Date(1717000000000), 'UTC')).toBe(1717000000);
		expect(toUnixSeconds('soon', 'UTC')).toBeUndefined();
	});
});
