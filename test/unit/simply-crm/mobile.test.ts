import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { createSimplyCrmEmulator, type SimplyCrmState } from '../../../emulators/simply-crm';
import type { VendorEmulator } from '../../../emulators/shared/types';
import { SIMPLY_CRM_LOGIN_FIELDS, SimplyCrmApi } from '../../../credentials/SimplyCrmApi.credentials';
import { sessionBinding } from '../../../nodes/shared/session';
import { SimplyCrm } from '../../../nodes/SimplyCrm/SimplyCrm.node';
import { simplifyRecord } from '../../../nodes/SimplyCrm/resources/mobile';
import { CredentialStore, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

let vendor: VendorEmulator<SimplyCrmState>;
let store: CredentialStore;
let credential: StoredCredential;

const setup = (parameters: NodeSetup['parameters'], continueOnFail = false): NodeSetup => ({
	node: new SimplyCrm(),
	credentialTypes: [new SimplyCrmApi()],
	store,
	credential,
	parameters,
	continueOnFail,
});
const mobileOp = (operation: string, parameters: IDataObject = {}) => setup({ resource: 'mobile', operation, ...parameters });

const ops = () => vendor.emulator.log.map((r) => r.op);
const calls = (operation: string) => vendor.emulator.requests(`mobile:${operation}`);
const form = (operation: string, index = 0) => calls(operation)[index].body as Record<string, string>;
const stored = (module: string, id: string) => vendor.state.records[module].find((r) => r.values.id === id)!;
const live = (module: string) => vendor.state.records[module].filter((r) => !r.deleted);
const CONTACT = '12x141';

/** Every request to the mobile API is a form-encoded POST carrying the cached session. */
function expectMobileWire(operation: string, fields: Record<string, string>, index = 0) {
	const request = calls(operation)[index];
	expect(request.method).toBe('POST');
	expect(request.path).toBe('/modules/Mobile/api.php');
	expect(request.contentType).toContain('application/x-www-form-urlencoded');
	expect(request.query).toEqual({});
	expect(request.body).toEqual({ _operation: operation, _session: credential.data.mobileSession, ...fields });
}

/** The values that must never reach an output item or an error. */
function secrets(): string[] {
	return [
		String(credential.data.password),
		String(credential.data.accessKey),
		String(credential.data.sessionName),
		String(credential.data.mobileSession),
		...vendor.state.mobileSessions.keys(),
	].filter((s) => s.length >= 4);
}

function expectNoSecrets(value: unknown) {
	const text = JSON.stringify(value);
	for (const secret of secrets()) expect(text).not.toContain(secret);
}

/** Runs once so that both sessions are stored, then clears the log: the test sees only its own requests. */
async function loggedIn() {
	const warmup = await runNode(mobileOp('fetchRecord', { recordId: CONTACT }));
	expect(warmup.error).toBeUndefined();
	vendor.emulator.clearLog();
}

beforeAll(async () => {
	vendor = createSimplyCrmEmulator({ seedCount: 250 });
	await vendor.emulator.start();
});

afterAll(async () => await vendor.emulator.stop());

beforeEach(() => {
	vendor.emulator.reset();
	store = new CredentialStore();
	credential = store.add('simplyCrmApi', {
		...vendor.credentialData(),
		sessionName: '',
		sessionBinding: '',
		userId: '',
		mobileSession: '',
		mobileLoginError: '',
	});
});

describe('Simply CRM Mobile API: the cached session', () => {
	it('logs in to the mobile API once and reuses the stored session on the next run', async () => {
		const first = await runNode(mobileOp('fetchRecord', { recordId: CONTACT }));
		expect(first.error).toBeUndefined();
		expect(ops()).toEqual(['getchallenge', 'login', 'mobile:login', 'mobile:fetchRecord']);
		const login = calls('login')[0];
		expect(login.contentType).toContain('application/x-www-form-urlencoded');
		expect(login.body).toEqual({ _operation: 'login', username: 'admin', password: credential.data.password });
		expect(vendor.state.mobileSessions.has(String(credential.data.mobileSession))).toBe(true);
		expectMobileWire('fetchRecord', { record: CONTACT });

		vendor.emulator.clearLog();
		const second = await runNode(mobileOp('fetchRecord', { recordId: '12x142' }));
		expect(second.items[0].json.id).toBe('12x142');
		expect(ops()).toEqual(['mobile:fetchRecord']);
		expectNoSecrets([first.items, second.items]);
	});

	it('never logs in to the mobile API for webservice operations, even with a password set', async () => {
		const result = await runNode(setup({ resource: 'record', operation: 'get', recordId: CONTACT }));
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['getchallenge', 'login', 'retrieve']);
		expect(credential.data.mobileSession).toBe('');
	});

	it('renews an expired mobile session (1501 Login required) with one mobile login that later runs keep using', async () => {
		await loggedIn();
		const before = credential.data.mobileSession;
		const webserviceSession = credential.data.sessionName;
		vendor.emulator.expireSessions();
		for (let run = 0; run < 3; run++) {
			const result = await runNode(mobileOp('fetchRecord', { recordId: CONTACT }));
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.id).toBe(CONTACT);
		}
		expect(ops()).toEqual(['mobile:fetchRecord', 'mobile:login', 'mobile:fetchRecord', 'mobile:fetchRecord', 'mobile:fetchRecord']);
		expect(credential.data.mobileSession).not.toBe(before);
		// Only the mobile session was renewed: the webservice one is left for its own expiry handling.
		expect(credential.data.sessionName).toBe(webserviceSession);
		expect(form('fetchRecord', 3)._session).toBe(credential.data.mobileSession);
	});

	it('reports a wrong password with the vendor message, keeps webservice operations working, and does not retry it', async () => {
		credential.data.password = 'not-the-password';
		const failed = await runNode(mobileOp('fetchRecord', { recordId: CONTACT }));
		expect(failed.error?.message).toMatch(/Mobile API login: Authentication Failed \[1210\]/);
		expect(failed.error?.message).toMatch(/Password field/);
		expect(ops()).toEqual(['getchallenge', 'login', 'mobile:login']);
		expect(credential.data.mobileLoginError).toMatch(/Authentication Failed/);
		expectNoSecrets({ message: failed.error?.message, description: failed.error?.description });

		vendor.emulator.clearLog();
		const record = await runNode(setup({ resource: 'record', operation: 'get', recordId: CONTACT }));
		expect(record.error).toBeUndefined();
		expect(record.items[0].json.id).toBe(CONTACT);
		const again = await runNode(mobileOp('fetchRecord', { recordId: CONTACT }));
		expect(again.error?.message).toMatch(/Authentication Failed \[1210\]/);
		expect(ops()).toEqual(['retrieve']);

		// Fixing the password renews both sessions on the next run.
		credential.data.password = vendor.credentialData().password;
		const fixed = await runNode(mobileOp('fetchRecord', { recordId: CONTACT }));
		expect(fixed.error).toBeUndefined();
		expect(ops()).toEqual(['retrieve', 'getchallenge', 'login', 'mobile:login', 'mobile:fetchRecord']);
		expect(credential.data.mobileLoginError).toBe('');
	});

	it('retries a mobile login that got no answer instead of remembering it as refused', async () => {
		vendor.emulator.inject({ when: { op: 'mobile:login' }, action: { type: 'reset' } });
		const result = await runNode(mobileOp('fetchRecord', { recordId: CONTACT }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe(CONTACT);
		expect(ops()).toEqual(['getchallenge', 'login', 'mobile:login', 'mobile:login', 'mobile:fetchRecord']);
		expect(credential.data.mobileLoginError).toBe('');
	});

	it('without a password says the Mobile API needs the Password field, before sending anything', async () => {
		credential.data.password = '';
		const result = await runNode(mobileOp('listModuleRecords', { module: 'Contacts', limit: 5 }));
		expect(result.error?.message).toMatch(/Mobile API .*Password field/);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(vendor.emulator.log).toHaveLength(0);
	});

	it('keeps sessionName out of multipart and other non-object bodies (query string instead)', async () => {
		const api = new SimplyCrmApi();
		const credentials: ICredentialDataDecryptedObject = { ...vendor.credentialData(), sessionName: 'ws-session', mobileSession: '', mobileLoginError: '' };
		credentials.sessionBinding = sessionBinding(credentials, SIMPLY_CRM_LOGIN_FIELDS);
		const authenticate = api.authenticate as (c: ICredentialDataDecryptedObject, r: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
		const bodies = [Buffer.from('--x'), new Uint8Array([1]), 'a=b', new URLSearchParams({ a: 'b' })];
		for (const body of bodies) {
			const sent = await authenticate(credentials, { method: 'POST', url: '/webservice.php', body: body as IHttpRequestOptions['body'] });
			expect(sent.body).toBe(body);
			expect(sent.qs).toEqual({ sessionName: 'ws-session' });
		}
		const plain = await authenticate(credentials, { method: 'POST', url: '/webservice.php', body: { operation: 'delete' } });
		expect(plain.body).toEqual({ operation: 'delete', sessionName: 'ws-session' });
		expect(plain.qs).toBeUndefined();
	});
});

describe('Simply CRM Mobile API operations', () => {
	it('logs in with the password and outputs no session [wire:mobile:login]', async () => {
		await loggedIn();
		const result = await runNode(mobileOp('login'));
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['mobile:login']);
		expect(calls('login')[0].body).toEqual({ _operation: 'login', username: 'admin', password: credential.data.password });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ userid: '1', simply_version: '7.1.0', mobile_module_version: '1.2.1' });
		expect(result.items[0].json).not.toHaveProperty('session');
		expectNoSecrets(result.items);
	});

	it('logs in and outputs one item per module [wire:mobile:loginAndFetchModules]', async () => {
		await loggedIn();
		const result = await runNode(mobileOp('loginAndFetchModules'));
		expect(result.error).toBeUndefined();
		expect(calls('loginAndFetchModules')[0].body).toEqual({ _operation: 'loginAndFetchModules', username: 'admin', password: credential.data.password });
		expect(result.items.map((i) => i.json)).toContainEqual({ id: '12', name: 'Contacts', isEntity: true, label: 'Contacts', singular: 'Contact' });
		expect(result.items.map((i) => i.json.name)).not.toContain('Users');
		expectNoSecrets(result.items);
	});

	it('lists the filters of a module once each [wire:mobile:fetchModuleFilters]', async () => {
		await loggedIn();
		const result = await runNode(mobileOp('fetchModuleFilters', { module: 'Contacts' }));
		expect(result.error).toBeUndefined();
		expectMobileWire('fetchModuleFilters', { module: 'Contacts' });
		expect(result.items.map((i) => i.json)).toEqual([
			{ id: '122', name: 'My records', default: false, group: 'Mine', module: 'Contacts', moduleLabel: 'Contacts' },
			{ id: '121', name: 'All', default: true, group: 'Shared', module: 'Contacts', moduleLabel: 'Contacts' },
		]);
	});

	it('gets a filter with its count, and reports an unknown one [wire:mobile:filterDetailsWithCount]', async () => {
		await loggedIn();
		const result = await runNode(mobileOp('filterDetailsWithCount', { filterId: '121' }));
		expect(result.error).toBeUndefined();
		expectMobileWire('filterDetailsWithCount', { filterid: '121' });
		expect(result.items[0].json).toMatchObject({ viewname: 'All', moduleName: 'Contacts', count: String(live('Contacts').length) });
		const unknown = await runNode(mobileOp('filterDetailsWithCount', { filterId: '999' }));
		expect(unknown.error?.message).toBe('Simply CRM has no filter with ID 999');
		const bad = await runNode(mobileOp('filterDetailsWithCount', { filterId: 'All' }));
		expect(bad.error?.message).toBe('The field "Filter ID" has an invalid value "All" in item 0');
		expect(calls('filterDetailsWithCount')).toHaveLength(2);
	});

	it('lists the alerts [wire:mobile:fetchAllAlerts]', async () => {
		await loggedIn();
		const result = await runNode(mobileOp('fetchAllAlerts'));
		expect(result.error).toBeUndefined();
		expectMobileWire('fetchAllAlerts', {});
		expect(result.items.map((i) => i.json.name)).toEqual(['Idle Ticket Alert', 'New Ticket Alert', 'Pending Ticket Alert', 'Upcoming Opportunity']);
	});

	it('gets an alert with its message, and passes the vendor error on for an unknown one [wire:mobile:alertDetailsWithMessage]', async () => {
		await loggedIn();
		const result = await runNode(mobileOp('alertDetailsWithMessage', { alertId: '3' }));
		expect(result.error).toBeUndefined();
		expectMobileWire('alertDetailsWithMessage', { alertid: '3' });
		expect(result.items[0].json).toMatchObject({ alertid: '3', name: 'Pending Ticket Alert', message: expect.stringMatching(/^\d+$/) });
		const unknown = await runNode(mobileOp('alertDetailsWithMessage', { alertId: '77' }));
		expect(unknown.error?.message).toBe('Alert not found [1401]');
	});

	it('lists records page by page up to the limit, with search and sort [wire:mobile:listModuleRecords]', async () => {
		await loggedIn();
		const result = await runNode(mobileOp('listModuleRecords', { module: 'Contacts', returnAll: false, limit: 45 }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(45);
		expect(new Set(result.items.map((i) => i.json.id)).size).toBe(45);
		expect(calls('listModuleRecords').map((r) => (r.body as Record<string, string>).page)).toEqual(['1', '2', '3']);
		expectMobileWire('listModuleRecords', { module: 'Contacts', page: '1' });

		vendor.emulator.clearLog();
		const target = stored('Contacts', '12x150').values;
		const searched = await runNode(
			mobileOp('listModuleRecords', {
				module: 'Contacts',
				returnAll: true,
				options: { searchText: target.lastname, searchField: 'email', searchValue: target.email, orderBy: 'lastname', sortOrder: 'DESC', filterId: '121' },
			}),
		);
		expect(searched.error).toBeUndefined();
		expectMobileWire('listModuleRecords', {
			module: 'Contacts',
			searchText: target.lastname,
			searchField: JSON.stringify(['email', 'c', target.email]),
			filterid: '121',
			orderBy: 'lastname',
			sortOrder: 'DESC',
			page: '1',
		});
		expect(searched.items.map((i) => i.json.id)).toEqual(['12x150']);

		const noField = await runNode(mobileOp('listModuleRecords', { module: 'Contacts', options: { searchValue: 'x' } }));
		expect(noField.error?.message).toBe('The field "Search Field Name or ID" is empty in item 0');
	});

	it('gets a record, simplified by default, and refuses the "×" the docs print in IDs before sending [wire:mobile:fetchRecord]', async () => {
		await loggedIn();
		const sign = await runNode(mobileOp('fetchRecord', { recordId: '12×141' }));
		expect(sign.error?.message).toBe('The field "Record ID" has an invalid value "12×141" in item 0');
		expect(sign.error?.description).toMatch(/ASCII "x"/);
		const result = await runNode(mobileOp('fetchRecord', { recordId: ' 12x141 ' }));
		expect(result.error).toBeUndefined();
		expectMobileWire('fetchRecord', { record: CONTACT });
		const values = stored('Contacts', CONTACT).values;
		expect(result.items[0].json).toMatchObject({ id: CONTACT, lastname: values.lastname, assigned_user_id: values.assigned_user_id, cf_851: values.cf_851 });

		const raw = await runNode(mobileOp('fetchRecord', { recordId: CONTACT, simplify: false }));
		expect(raw.items[0].json.assigned_user_id).toEqual({ value: values.assigned_user_id, label: expect.any(String) });

		const bad = await runNode(mobileOp('fetchRecord', { recordId: '1/F667' }));
		expect(bad.error?.message).toBe('The field "Record ID" has an invalid value "1/F667" in item 0');
		expect(calls('fetchRecord')).toHaveLength(2);
	});

	it('gets a record flattened by Simplify, or in blocks without it [wire:mobile:fetchRecordWithGrouping]', async () => {
		await loggedIn();
		const grouped = await runNode(mobileOp('fetchRecordWithGrouping', { recordId: CONTACT, simplify: false }));
		expect(grouped.error).toBeUndefined();
		expectMobileWire('fetchRecordWithGrouping', { record: CONTACT });
		const record = grouped.items[0].json as IDataObject;
		expect(Array.isArray(record.blocks)).toBe(true);
		const flat = await runNode(mobileOp('fetchRecordWithGrouping', { recordId: CONTACT }));
		expect(flat.items[0].json).toEqual(simplifyRecord(record));
		expect(flat.items[0].json).toMatchObject({ id: CONTACT, lastname: stored('Contacts', CONTACT).values.lastname });
	});

	it('gets several records with the module the API needs, one item each [wire:mobile:fetchRecordsWithGrouping]', async () => {
		await loggedIn();
		const result = await runNode(mobileOp('fetchRecordsWithGrouping', { module: 'Contacts', recordIds: '12x142, 12x141 12x143' }));
		expect(result.error).toBeUndefined();
		expectMobileWire('fetchRecordsWithGrouping', { module: 'Contacts', ids: JSON.stringify(['12x142', '12x141', '12x143']) });
		expect(result.items.map((i) => i.json.id)).toEqual(['12x141', '12x142', '12x143']);
		expect(result.items[0].json.lastname).toBe(stored('Contacts', CONTACT).values.lastname);
		const none = await runNode(mobileOp('fetchRecordsWithGrouping', { module: 'Contacts', recordIds: '12x999999' }));
		expect(none.error).toBeUndefined();
		expect(none.items).toEqual([]);
	});

	it('describes a module [wire:mobile:describe]', async () => {
		await loggedIn();
		const result = await runNode(mobileOp('describe', { module: 'Contacts' }));
		expect(result.error).toBeUndefined();
		expectMobileWire('describe', { module: 'Contacts' });
		expect(result.items[0].json).toMatchObject({ name: 'Contacts', idPrefix: '12' });
	});

	it('creates a record, and updates only the given fields [wire:mobile:saveRecord]', async () => {
		await loggedIn();
		const created = await runNode(
			mobileOp('saveRecord', { module: 'Contacts', fields: { field: [{ name: 'lastname', value: "O'Neil" }, { name: 'assigned_user_id', value: '19x1' }] } }),
		);
		expect(created.error).toBeUndefined();
		expectMobileWire('saveRecord', { module: 'Contacts', values: JSON.stringify({ lastname: "O'Neil", assigned_user_id: '19x1' }) });
		const id = String(created.items[0].json.id);
		expect(created.items[0].json).toMatchObject({ lastname: "O'Neil", assigned_user_id: '19x1' });
		expect(stored('Contacts', id).values.lastname).toBe("O'Neil");

		const before = { ...stored('Contacts', CONTACT).values };
		const updated = await runNode(mobileOp('saveRecord', { module: 'Contacts', recordId: CONTACT, fields: { field: [{ name: 'title', value: 'Chief' }] } }));
		expect(updated.error).toBeUndefined();
		expectMobileWire('saveRecord', { module: 'Contacts', record: CONTACT, values: JSON.stringify({ title: 'Chief' }) }, 1);
		expect(stored('Contacts', CONTACT).values).toMatchObject({ title: 'Chief', email: before.email, lastname: before.lastname, phone: before.phone });

		const empty = await runNode(mobileOp('saveRecord', { module: 'Contacts' }));
		expect(empty.error?.message).toBe('The field "Fields" is empty in item 0');
		expect(calls('saveRecord')).toHaveLength(2);
	});

	it('drains every sync page with the same token and keeps the largest next token [wire:mobile:syncModuleRecords]', async () => {
		await loggedIn();
		const mine = live('Contacts').filter((r) => r.values.assigned_user_id === '19x1');
		const first = await runNode(mobileOp('syncModuleRecords', { module: 'Contacts' }));
		expect(first.error).toBeUndefined();
		expect(calls('syncModuleRecords').map((r) => r.body)).toEqual([
			{ _operation: 'syncModuleRecords', _session: credential.data.mobileSession, module: 'Contacts', syncToken: '', mode: 'PRIVATE', page: '0' },
			{ _operation: 'syncModuleRecords', _session: credential.data.mobileSession, module: 'Contacts', syncToken: '', mode: 'PRIVATE', page: '1' },
		]);
		expect(first.items).toHaveLength(1);
		const out = first.items[0].json as { updated: IDataObject[]; deleted: string[]; nextSyncToken: string };
		expect(out.updated).toHaveLength(mine.length);
		expect(out.updated[0]).toHaveProperty('lastname');
		expect(out.updated[0]).not.toHaveProperty('blocks');
		const newest = Math.max(...mine.map((r) => Date.parse(`${r.values.modifiedtime.replace(' ', 'T')}Z`) / 1000));
		expect(out.nextSyncToken).toBe(String(newest));

		await runNode(mobileOp('deleteRecords', { recordIds: mine[0].values.id }));
		vendor.emulator.clearLog();
		const next = await runNode(mobileOp('syncModuleRecords', { module: 'Contacts', syncFrom: out.nextSyncToken, options: { mode: 'PUBLIC' } }));
		expect(next.error).toBeUndefined();
		expectMobileWire('syncModuleRecords', { module: 'Contacts', syncToken: out.nextSyncToken, mode: 'PUBLIC', page: '0' });
		expect(next.items[0].json).toMatchObject({ updated: [], deleted: [mine[0].values.id] });
	});

	it('runs a query over every 99-row page, or once when it has a LIMIT [wire:mobile:query]', async () => {
		await loggedIn();
		const all = await runNode(mobileOp('query', { query: 'select * from Contacts', returnAll: true }));
		expect(all.error).toBeUndefined();
		expect(all.items).toHaveLength(250);
		expect(new Set(all.items.map((i) => i.json.id)).size).toBe(250);
		expect(calls('query').map((r) => r.body)).toEqual(
			['0', '1', '2'].map((page) => ({ _operation: 'query', _session: credential.data.mobileSession, query: 'select * from Contacts;', page })),
		);
		expect(typeof all.items[0].json.assigned_user_id).toBe('string');

		vendor.emulator.clearLog();
		const limited = await runNode(mobileOp('query', { query: 'select * from Contacts limit 7;', returnAll: false, limit: 2 }));
		expect(limited.items).toHaveLength(7);
		expectMobileWire('query', { query: 'select * from Contacts limit 7;', page: '0' });

		vendor.emulator.clearLog();
		const few = await runNode(mobileOp('query', { query: 'select * from Contacts;;', returnAll: false, limit: 5 }));
		expect(few.items).toHaveLength(5);
		expect(calls('query')).toHaveLength(1);
	});

	it('runs a grouped query for a module [wire:mobile:queryWithGrouping]', async () => {
		await loggedIn();
		const result = await runNode(
			mobileOp('queryWithGrouping', { module: 'Contacts', query: `select * from Contacts where id = '${CONTACT}'`, returnAll: true, simplify: false }),
		);
		expect(result.error).toBeUndefined();
		expectMobileWire('queryWithGrouping', { module: 'Contacts', query: `select * from Contacts where id = '${CONTACT}';`, page: '0' });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id: CONTACT, labelFields: ['firstname', 'lastname'] });
		expect(Array.isArray(result.items[0].json.blocks)).toBe(true);
	});

	it('gets the records related to a record, and the comments on it [wire:mobile:relatedRecordsWithGrouping]', async () => {
		await loggedIn();
		const account = stored('Contacts', CONTACT).values.account_id || live('Contacts').find((r) => r.values.account_id)!.values.account_id;
		const expected = live('Contacts').filter((r) => r.values.account_id === account).map((r) => r.values.id);
		const result = await runNode(mobileOp('relatedRecordsWithGrouping', { recordId: account, relatedModule: 'Contacts', returnAll: true }));
		expect(result.error).toBeUndefined();
		expectMobileWire('relatedRecordsWithGrouping', { record: account, relatedmodule: 'Contacts', page: '0' });
		expect(result.items.map((i) => i.json.id).sort()).toEqual([...expected].sort());
		expect(result.items[0].json.account_id).toBe(account);

		const comment = vendor.state.records.ModComments[0].values;
		const comments = await runNode(mobileOp('relatedRecordsWithGrouping', { recordId: comment.related_to, relatedModule: 'ModComments', returnAll: true }));
		expect(comments.items.map((i) => i.json.id)).toContain(comment.id);

		const unrelated = await runNode(mobileOp('relatedRecordsWithGrouping', { recordId: CONTACT, relatedModule: 'Accounts', returnAll: true }));
		expect(unrelated.error?.message).toMatch(/without a result/);
	});

	it('deletes one record with record, several with records, one item per ID [wire:mobile:deleteRecords]', async () => {
		await loggedIn();
		const one = await runNode(mobileOp('deleteRecords', { recordIds: '12x160' }));
		expect(one.error).toBeUndefined();
		expectMobileWire('deleteRecords', { record: '12x160' });
		expect(one.items.map((i) => i.json)).toEqual([{ id: '12x160', deleted: true }]);
		const many = await runNode(mobileOp('deleteRecords', { recordIds: '12x161,12x160' }));
		expectMobileWire('deleteRecords', { records: JSON.stringify(['12x161', '12x160']) }, 1);
		expect(many.items.map((i) => i.json)).toEqual([
			{ id: '12x161', deleted: true },
			{ id: '12x160', deleted: false },
		]);
		expect(stored('Contacts', '12x161').deleted).toBe(true);
	});

	it('adds a comment to a record, never repeating the write [wire:mobile:addRecordComment]', async () => {
		await loggedIn();
		const result = await runNode(mobileOp('addRecordComment', { recordId: CONTACT, comment: 'Called back, wants a quote' }));
		expect(result.error).toBeUndefined();
		expectMobileWire('addRecordComment', { values: JSON.stringify({ commentcontent: 'Called back, wants a quote', related_to: CONTACT }) });
		expect(result.items[0].json).toMatchObject({ commentcontent: 'Called back, wants a quote', related_to: CONTACT, assigned_user_id: '19x1' });
		expect(vendor.state.records.ModComments.at(-1)!.values).toMatchObject({ commentcontent: 'Called back, wants a quote', related_to: CONTACT });

		vendor.emulator.clearLog();
		vendor.emulator.inject({ when: { op: 'mobile:addRecordComment' }, phase: 'after', action: { type: 'status', status: 503 } });
		const lost = await runNode(mobileOp('addRecordComment', { recordId: CONTACT, comment: 'Twice?' }));
		expect(lost.error).toBeDefined();
		expect(calls('addRecordComment')).toHaveLength(1);
	});
});
