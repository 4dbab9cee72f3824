import { createSimplyCrmEmulator } from './index';
import { MOBILE_LIST_PAGE_SIZE, MOBILE_QUERY_PAGE_SIZE } from './mobile';
import { MODULE_BY_NAME } from './modules';
import { formatDateTime, type StoredRecord } from './state';

/** A reply as JSON.parse gives it: the assertions walk it freely, and its shape is what is under test. */
type Parsed = ReturnType<typeof JSON.parse>;
type Reply = { success: boolean; result?: Parsed; error?: { code: string | number; message: string } | null };

/** A grouped record's fields as {name: value}. */
const flat = (record: Parsed): Record<string, unknown> =>
	Object.fromEntries(
		(record.blocks as Array<{ fields: Array<{ name: string; value: unknown }> }>).flatMap((b) =>
			b.fields.map((f) => [f.name, f.value]),
		),
	);

describe('Simply CRM mobile API emulator', () => {
	const crm = createSimplyCrmEmulator({ seedCount: 250 });
	const { password } = crm.credentialData() as { password: string };
	let session = '';

	const post = async (body: string, contentType = 'application/x-www-form-urlencoded') => {
		const response = await fetch(`${crm.emulator.url}/modules/Mobile/api.php`, {
			method: 'POST',
			headers: { 'content-type': contentType },
			body,
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/json');
		return JSON.parse(await response.text()) as Reply;
	};
	const mobile = (fields: Record<string, string>) => post(new URLSearchParams(fields).toString());
	const call = (operation: string, fields: Record<string, string> = {}) =>
		mobile({ _operation: operation, _session: session, ...fields });
	const contacts = () => crm.state.records.Contacts;
	const live = (records: StoredRecord[]) => records.filter((r) => !r.deleted);

	beforeAll(async () => {
		await crm.emulator.start();
	});
	afterAll(async () => await crm.emulator.stop());
	beforeEach(async () => {
		crm.emulator.reset();
		session = (await mobile({ _operation: 'login', username: 'admin', password })).result.login.session;
		crm.emulator.clearLog();
	});

	describe('transport', () => {
		it('reads form fields only: a JSON body or a GET finds no operation (1404)', async () => {
			const json = await post(JSON.stringify({ _operation: 'login', username: 'admin', password }), 'application/json');
			expect(json).toEqual({ success: false, error: { code: 1404, message: 'Operation not found: ' } });
			const get = await fetch(`${crm.emulator.url}/modules/Mobile/api.php?_operation=login&username=admin`);
			expect(JSON.parse(await get.text())).toEqual({ success: false, error: { code: 1404, message: 'Operation not found: ' } });
		});

		it('matches _operation case-sensitively and only against its own operations', async () => {
			expect((await mobile({ _operation: 'LOGIN', username: 'admin', password })).error).toEqual({
				code: 1404,
				message: 'Operation not found: LOGIN',
			});
			expect((await mobile({ _operation: 'toString' })).error?.code).toBe(1404);
			expect(crm.emulator.requests('mobile:LOGIN')).toHaveLength(1);
		});

		it('answers 1501 "Login required" without or with a dead _session, and after expireSessions()', async () => {
			expect(await mobile({ _operation: 'fetchRecord', record: '12x141' })).toEqual({
				success: false,
				error: { code: 1501, message: 'Login required' },
			});
			expect((await call('fetchRecord', { _session: 'made-up', record: '12x141' })).error?.code).toBe(1501);
			expect((await call('fetchRecord', { record: '12x141' })).success).toBe(true);
			crm.emulator.expireSessions();
			expect((await call('fetchRecord', { record: '12x141' })).error).toEqual({ code: 1501, message: 'Login required' });
		});
	});

	describe('login', () => {
		it('logs in with the real password (not the access key) and returns the session', async () => {
			const { accessKey } = crm.credentialData() as { accessKey: string };
			expect(await mobile({ _operation: 'login', username: 'admin', password: accessKey })).toEqual({
				success: false,
				error: { code: 1210, message: 'Authentication Failed' },
			});
			expect((await mobile({ _operation: 'login', username: 'jonas', password: 'Jonas#Gone2023' })).error?.code).toBe(1210);
			const reply = await mobile({ _operation: 'login', username: 'ADMIN', password });
			expect(reply.result.login).toMatchObject({
				userid: '1',
				session: expect.stringMatching(/^[0-9a-f]{32}$/),
				simply_version: '7.1.0',
				mobile_module_version: '1.2.1',
			});
			expect(crm.state.mobileSessions.has(reply.result.login.session)).toBe(true);
		});

		it('loginAndFetchModules lists the entity modules with this instance\'s ids, without Users', async () => {
			const reply = await mobile({ _operation: 'loginAndFetchModules', username: 'admin', password });
			expect(reply.result.login.session).toEqual(expect.any(String));
			const modules = reply.result.modules as Array<{ id: string; name: string; isEntity: boolean }>;
			expect(modules).toEqual(expect.arrayContaining([{ id: '12', name: 'Contacts', isEntity: true, label: 'Contacts', singular: 'Contact' }]));
			expect(modules.map((m) => m.name)).not.toContain('Users');
			expect(modules.every((m) => m.isEntity)).toBe(true);
		});
	});

	describe('records', () => {
		it('describe adds uitype; needs a module; refuses non-entity modules', async () => {
			const reply = await call('describe', { module: 'Contacts' });
			expect(reply.result.describe).toMatchObject({ name: 'Contacts', idPrefix: '12' });
			expect(reply.result.describe.fields.find((f: { name: string }) => f.name === 'assigned_user_id')).toMatchObject({ uitype: 53, mandatory: true });
			expect((await call('describe')).error).toEqual({ code: 1501, message: 'Module not specified.' });
			expect((await call('describe', { module: 'Groups' })).error?.code).toBe('ACCESS_DENIED');
		});

		it('fetchRecord is flat with {value,label} references; unknown ids pass the webservice error through', async () => {
			const record = (await call('fetchRecord', { record: '12x141' })).result.record;
			const stored = contacts().find((r) => r.crmid === 141)!.values;
			expect(record.lastname).toBe(stored.lastname);
			expect(record.assigned_user_id).toEqual({ value: stored.assigned_user_id, label: expect.any(String) });
			expect(record.cf_851).toBe(stored.cf_851);
			expect((await call('fetchRecord', { record: '12x999999' })).error?.code).toBe('ACCESS_DENIED');
		});

		it('fetchRecordWithGrouping groups every field into the module\'s blocks, owner with the current user as default', async () => {
			const record = (await call('fetchRecordWithGrouping', { record: '12x141' })).result.record;
			expect(record.id).toBe('12x141');
			expect(record.blocks.map((b: { label: string }) => b.label)).toEqual([
				...new Set(MODULE_BY_NAME.get('Contacts')!.fields.map((f) => f.block)),
			]);
			const owner = record.blocks.flatMap((b: { fields: unknown[] }) => b.fields).find((f: { name: string }) => f.name === 'assigned_user_id');
			expect(owner).toMatchObject({ label: 'Assigned To', uitype: '53', type: { defaultValue: { value: '19x1', label: 'Administrator' } } });
			const stored = contacts().find((r) => r.crmid === 141)!.values;
			expect(flat(record)).toMatchObject({ lastname: stored.lastname, cf_851: stored.cf_851, account_id: { value: stored.account_id } });
		});

		it('fetchRecordsWithGrouping needs module (1501), takes a JSON id list, and gives null when none is found', async () => {
			expect((await call('fetchRecordsWithGrouping', { ids: '["12x141"]' })).error).toEqual({ code: 1501, message: 'Module not specified.' });
			const reply = await call('fetchRecordsWithGrouping', { module: 'Contacts', ids: JSON.stringify(['12x142', '12x141']) });
			expect(reply.result.records.map((r: { id: string }) => r.id)).toEqual(['12x141', '12x142']);
			expect((await call('fetchRecordsWithGrouping', { module: 'Contacts', ids: '["12x999999"]' })).result).toEqual({ records: null });
			expect((await call('fetchRecordsWithGrouping', { module: 'Contacts', alertid: '99' })).error?.code).toBe(1404);
		});

		it('saveRecord creates (owner mandatory), merges into an existing record, and refuses empty values', async () => {
			const missing = await call('saveRecord', { module: 'Contacts', values: JSON.stringify({ lastname: 'Mobile' }) });
			expect(missing.error).toEqual({ code: 'MANDATORY_FIELDS_MISSING', message: 'assigned_user_id does not have a value' });
			const created = await call('saveRecord', { module: 'Contacts', values: JSON.stringify({ lastname: 'Mobile', assigned_user_id: '19x1' }) });
			expect(created.result.record.id).toMatch(/^12x\d+$/);
			expect(flat(created.result.record)).toMatchObject({ lastname: 'Mobile', assigned_user_id: { value: '19x1', label: 'Administrator' } });

			const before = { ...contacts().find((r) => r.crmid === 141)!.values };
			const saved = await call('saveRecord', { module: 'Contacts', record: '12x141', values: JSON.stringify({ title: 'Owner' }) });
			expect(saved.result.record.id).toBe('12x141');
			expect(contacts().find((r) => r.crmid === 141)!.values).toMatchObject({ title: 'Owner', email: before.email, lastname: before.lastname });

			expect((await call('saveRecord', { module: 'Contacts', record: '12x999999', values: '{"title":"x"}' })).error).toEqual({
				code: 'RECORD_NOT_FOUND',
				message: 'Record does not exist',
			});
			expect((await call('saveRecord', { module: 'Contacts', values: '' })).error).toEqual({ code: 1501, message: 'Values cannot be empty!' });
			expect((await call('saveRecord', { module: 'Contacts', values: '{oops' })).error?.code).toBe(0);
		});

		it('deleteRecords takes record or a JSON records list and reports each id', async () => {
			expect((await call('deleteRecords', { record: '12x141' })).result).toEqual({ deleted: { '12x141': true } });
			expect((await call('deleteRecords', { records: JSON.stringify(['12x141', '12x142', '19x1']) })).result).toEqual({
				deleted: { '12x141': false, '12x142': true, '19x1': false },
			});
			expect(contacts().find((r) => r.crmid === 142)!.deleted).toBe(true);
		});

		it('addRecordComment saves a ModComments record owned by the caller and answers with it grouped', async () => {
			const reply = await call('addRecordComment', { values: JSON.stringify({ commentcontent: 'Called back', related_to: '12x141' }) });
			expect(flat(reply.result.record)).toMatchObject({
				commentcontent: 'Called back',
				related_to: { value: '12x141' },
				assigned_user_id: { value: '19x1' },
			});
			const stored = crm.state.records.ModComments.at(-1)!.values;
			expect(stored).toMatchObject({ commentcontent: 'Called back', related_to: '12x141', assigned_user_id: '19x1' });
			expect((await call('addRecordComment', { values: '' })).error?.code).toBe('MANDATORY_FIELDS_MISSING');
		});
	});

	describe('lists and queries', () => {
		it('listModuleRecords pages 20 at a time, newest change first, with searchText and searchField', async () => {
			const first = await call('listModuleRecords', { module: 'Contacts' });
			expect(first.result).toMatchObject({ moreRecords: true, page: '1', selectedFilter: '121', nameFields: ['firstname', 'lastname'] });
			expect(first.result.records).toHaveLength(MOBILE_LIST_PAGE_SIZE);
			const newest = live(contacts()).reduce((a, b) => (b.values.modifiedtime > a.values.modifiedtime ? b : a));
			expect(first.result.records[0].id).toBe(newest.values.id);
			const last = await call('listModuleRecords', { module: 'Contacts', page: String(Math.ceil(250 / MOBILE_LIST_PAGE_SIZE)) });
			expect(last.result.moreRecords).toBe(false);
			expect(last.result.records).toHaveLength(250 % MOBILE_LIST_PAGE_SIZE || MOBILE_LIST_PAGE_SIZE);

			const target = contacts().find((r) => r.crmid === 150)!.values;
			const byText = await call('listModuleRecords', { module: 'Contacts', searchText: target.email.toUpperCase() });
			expect(byText.result.records.map((r: { id: string }) => r.id)).toEqual([target.id]);
			const byField = await call('listModuleRecords', { module: 'Contacts', searchField: JSON.stringify(['email', 'c', target.email.slice(0, -3)]) });
			expect(byField.result.records.map((r: { id: string }) => r.id)).toContain(target.id);
			expect((await call('listModuleRecords', { module: 'Contacts', searchField: '["nope","c","x"]' })).error?.code).toBe('ACCESS_DENIED');
		});

		it('listModuleRecords applies filterid, and orderBy only together with sortOrder', async () => {
			const mine = await call('listModuleRecords', { module: 'Contacts', filterid: '122', page: '1' });
			const ids = mine.result.records.map((r: { id: string }) => r.id);
			expect(mine.result.selectedFilter).toBe('122');
			expect(ids.every((id: string) => contacts().find((r) => r.values.id === id)!.values.assigned_user_id === '19x1')).toBe(true);

			const sorted = await call('listModuleRecords', { module: 'Contacts', orderBy: 'lastname', sortOrder: 'ASC' });
			const names = sorted.result.records.map((r: { lastname: string }) => r.lastname.toLowerCase());
			expect(names).toEqual([...names].sort());
			const ignored = await call('listModuleRecords', { module: 'Contacts', orderBy: 'lastname' });
			expect(ignored.result.records[0].id).toBe((await call('listModuleRecords', { module: 'Contacts' })).result.records[0].id);
		});

		it('query pages implicitly at 99 rows without a LIMIT and resolves references', async () => {
			const page0 = await call('query', { query: 'select * from Contacts;' });
			expect(page0.result.records).toHaveLength(MOBILE_QUERY_PAGE_SIZE);
			expect(page0.result.nextPage).toBe(1);
			expect(page0.result.records[0].assigned_user_id).toEqual({ value: expect.stringMatching(/^(19|20)x\d+$/), label: expect.any(String) });
			const page2 = await call('query', { query: 'select * from Contacts', page: '2' });
			expect(page2.result).toMatchObject({ nextPage: 0 });
			expect(page2.result.records).toHaveLength(250 - 2 * MOBILE_QUERY_PAGE_SIZE);
			const limited = await call('query', { query: 'select * from Contacts limit 5;', page: '1' });
			expect(limited.result.records).toHaveLength(5);
			expect(limited.result.nextPage).toBe(0);
			expect((await call('query', { query: 'select * from Nope;' })).error?.code).toBe('ACCESS_DENIED');
		});

		it('queryWithGrouping shapes rows with the module\'s blocks and label fields', async () => {
			const reply = await call('queryWithGrouping', { module: 'Contacts', query: "select * from Contacts where id = '12x141';" });
			expect(reply.result.nextPage).toBe(0);
			expect(reply.result.records[0]).toMatchObject({ id: '12x141', labelFields: ['firstname', 'lastname'] });
			expect(flat(reply.result.records[0]).lastname).toBe(contacts().find((r) => r.crmid === 141)!.values.lastname);
			expect((await call('queryWithGrouping', { module: 'Nope', query: 'select * from Contacts limit 1;' })).error?.code).toBe('ACCESS_DENIED');
		});

		it('relatedRecordsWithGrouping finds records pointing at the record, comments included', async () => {
			const account = contacts().find((r) => r.values.account_id !== '')!.values.account_id;
			const expected = live(contacts()).filter((r) => r.values.account_id === account).map((r) => r.values.id);
			const reply = await call('relatedRecordsWithGrouping', { record: account, relatedmodule: 'Contacts' });
			expect(reply.result.records.map((r: { id: string }) => r.id).sort()).toEqual([...expected].sort());
			expect(reply.result.nextPage).toBe(0);

			const comment = crm.state.records.ModComments[0].values;
			const comments = await call('relatedRecordsWithGrouping', { record: comment.related_to, relatedmodule: 'ModComments' });
			expect(comments.result.records.map((r: { id: string }) => r.id)).toContain(comment.id);

			expect((await call('relatedRecordsWithGrouping', { relatedmodule: 'Contacts' })).error).toEqual({ code: 1001, message: 'Record id is empty' });
			expect(await call('relatedRecordsWithGrouping', { record: '12x141', relatedmodule: 'Accounts' })).toEqual({ success: false, error: null });
		});
	});

	describe('syncModuleRecords', () => {
		const sync = (fields: Record<string, string>) => call('syncModuleRecords', { module: 'Contacts', ...fields });

		it('first sync (empty token): my records newest first, 99 per page, no custom fields, no deletions', async () => {
			const mine = live(contacts()).filter((r) => r.values.assigned_user_id === '19x1');
			const page0 = (await sync({ syncToken: '' })).result.sync;
			expect(page0.updated).toHaveLength(MOBILE_QUERY_PAGE_SIZE);
			expect(page0.nextPage).toBe(1);
			expect(page0.deleted).toEqual([]);
			expect(page0.updated[0]).toMatchObject({ labelFields: ['firstname', 'lastname'] });
			const fields = flat(page0.updated[0]);
			expect(fields).not.toHaveProperty('cf_851');
			expect(fields.assigned_user_id).toEqual({ value: '19x1', label: 'Administrator' });
			const times = page0.updated.map((r: unknown) => String(flat(r).modifiedtime));
			expect(times).toEqual([...times].sort().reverse());
			expect(page0.nextSyncToken).toBe(Math.floor(Date.parse(`${times[0].replace(' ', 'T')}Z`) / 1000));

			const page1 = (await sync({ syncToken: '', page: '1' })).result.sync;
			expect(page0.updated.length + page1.updated.length).toBe(mine.length);
			expect(page1.nextPage).toBe(0);
			const everyone = (await sync({ syncToken: '', mode: 'PUBLIC', page: '2' })).result.sync;
			expect(everyone.nextPage).toBe(0);
			expect(everyone.updated).toHaveLength(250 - 2 * MOBILE_QUERY_PAGE_SIZE);
		});

		it('later syncs: changes since the token, deletions on page 0 only, the token returned when nothing is newer', async () => {
			const newest = Math.max(...contacts().map((r) => Date.parse(`${r.values.modifiedtime.replace(' ', 'T')}Z`)));
			const token = String(Math.floor(newest / 1000));
			expect((await sync({ syncToken: token })).result.sync).toEqual({ nextSyncToken: token, deleted: [], updated: [], nextPage: 0 });

			await call('saveRecord', { record: '12x141', values: '{"title":"Changed"}' });
			await call('deleteRecords', { record: '12x143' });
			const mineDeleted = contacts().find((r) => r.crmid === 143)!;
			const changed = (await sync({ syncToken: token, mode: 'PUBLIC' })).result.sync;
			expect(changed.updated.map((r: { id: string }) => r.id)).toEqual(['12x141']);
			expect(changed.deleted).toEqual([mineDeleted.values.id]);
			expect(changed.nextSyncToken).toBeGreaterThanOrEqual(Number(token));
			expect((await sync({ syncToken: token, mode: 'PUBLIC', page: '1' })).result.sync.deleted).toEqual([]);

			// PRIVATE leaves out what is not assigned to the caller.
			const owner = contacts().find((r) => r.crmid === 141)!.values.assigned_user_id;
			const privateSync = (await sync({ syncToken: token })).result.sync;
			expect(privateSync.updated.map((r: { id: string }) => r.id)).toEqual(owner === '19x1' ? ['12x141'] : []);
			expect(formatDateTime(Number(changed.nextSyncToken) * 1000) >= formatDateTime(newest)).toBe(true);
		});

		it('refuses an unknown module the way vtws_describe does', async () => {
			expect((await call('syncModuleRecords', { module: 'Nope' })).error?.code).toBe('ACCESS_DENIED');
		});
	});

	describe('filters and alerts', () => {
		it('fetchModuleFilters groups the seeded filters for the caller; filterDetailsWithCount counts', async () => {
			const reply = await call('fetchModuleFilters', { module: 'Contacts' });
			expect(reply.result).toEqual({
				filters: {
					Mine: [{ id: '122', name: 'My records', default: false }],
					Shared: [{ id: '121', name: 'All', default: true }],
					Others: [{ id: '121', name: 'All', default: true }],
				},
				moduleLabel: 'Contacts',
			});
			const all = (await call('filterDetailsWithCount', { filterid: '121' })).result.filter;
			expect(all).toEqual({
				cvid: '121',
				viewname: 'All',
				setdefault: '1',
				setmetrics: '0',
				moduleName: 'Contacts',
				status: '0',
				userName: 'admin',
				count: String(live(contacts()).length),
			});
			const mine = (await call('filterDetailsWithCount', { filterid: '122' })).result.filter;
			expect(mine.count).toBe(String(live(contacts()).filter((r) => r.values.assigned_user_id === '19x1').length));
			expect((await call('filterDetailsWithCount', { filterid: '999' })).result).toEqual({ filter: null });
		});

		it('shows the public "My records" filter as Shared to another user', async () => {
			session = (await mobile({ _operation: 'login', username: 'mette', password: 'Mette#Sales2024' })).result.login.session;
			const reply = await call('fetchModuleFilters', { module: 'Leads' });
			expect(reply.result.filters.Mine).toEqual([]);
			expect(reply.result.filters.Shared.map((f: { name: string }) => f.name)).toEqual(['All', 'My records']);
		});

		it('fetchAllAlerts lists the alerts; alertDetailsWithMessage counts the caller\'s matching records', async () => {
			const alerts = (await call('fetchAllAlerts')).result.alerts;
			expect(alerts.map((a: { name: string }) => a.name)).toEqual(['Idle Ticket Alert', 'New Ticket Alert', 'Pending Ticket Alert', 'Upcoming Opportunity']);
			expect(alerts[2]).toEqual({
				alertid: '3',
				name: 'Pending Ticket Alert',
				category: 'HelpDesk',
				refreshRate: 86400,
				description: 'Alert sent when ticket assigned is not yet closed',
				recordsLinked: true,
			});
			const count = async () => Number((await call('alertDetailsWithMessage', { alertid: '3' })).result.alert.message);
			const before = await count();
			const tickets = (crm.state.records.HelpDesk ??= []);
			const ticket = (crmid: number, ticketstatus: string, owner: string): StoredRecord => ({
				module: 'HelpDesk',
				crmid,
				deleted: false,
				values: { id: `99x${crmid}`, ticketstatus, assigned_user_id: owner, modifiedtime: '2024-01-01 00:00:00' },
			});
			tickets.push(ticket(900001, 'Open', '19x1'), ticket(900002, 'Closed', '19x1'), ticket(900003, 'Open', '19x5'));
			expect(await count()).toBe(before + 1);
			expect((await call('alertDetailsWithMessage', { alertid: '42' })).error).toEqual({ code: 1401, message: 'Alert not found' });
		});
	});
});
