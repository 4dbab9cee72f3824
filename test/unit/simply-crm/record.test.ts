import type { IDataObject, INodePropertyOptions, INodeType, ResourceMapperFields } from 'n8n-workflow';

import { createSimplyCrmEmulator, type SimplyCrmState } from '../../../emulators/simply-crm';
import type { VendorEmulator } from '../../../emulators/shared/types';
import { SimplyCrmApi } from '../../../credentials/SimplyCrmApi.credentials';
import { SimplyCrm } from '../../../nodes/SimplyCrm/SimplyCrm.node';
import { CredentialStore, loadOptions, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

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

const ops = () => vendor.emulator.log.map((r) => r.op);
const form = (op: string, index = 0) => vendor.emulator.requests(op)[index].body as Record<string, string>;
const element = (op: string, index = 0) => JSON.parse(form(op, index).element) as IDataObject;
const queries = () => vendor.emulator.requests('query').map((r) => r.query.query);
const stored = (module: string, id: string) => vendor.state.records[module].find((r) => r.values.id === id && !r.deleted)?.values;

/** The kit calls loadOptions methods; a resource mapper method is called the same way by the editor. */
async function mapperFields(parameters: IDataObject, method: string): Promise<ResourceMapperFields> {
	const node = new SimplyCrm();
	const mapper = (node.methods.resourceMapping as Record<string, (...args: never[]) => Promise<unknown>>)[method];
	const wrapped = Object.assign(Object.create(node) as INodeType, { description: node.description, methods: { loadOptions: { [method]: mapper } } });
	return (await loadOptions({ ...setup(parameters), node: wrapped as INodeType }, method)) as unknown as ResourceMapperFields;
}

/** A resource mapper value as the editor stores it (manual mapping, with the schema it loaded). */
async function columns(module: string, method: string, value: IDataObject, matchingColumns: string[] = []): Promise<IDataObject> {
	const { fields } = await mapperFields({ module }, method);
	// What the editor did to load the schema is not part of the run under test.
	vendor.emulator.clearLog();
	return { mappingMode: 'defineBelow', value, matchingColumns, schema: fields, attemptToConvertTypes: false, convertFieldsToString: false };
}

const autoMap = (matchingColumns: string[] = []) => ({ mappingMode: 'autoMapInputData', value: null, matchingColumns, schema: [] });

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

describe('Simply CRM session', () => {
	it('logs in once with getchallenge + md5 login, then reuses the stored session [wire:webservice:getchallenge] [wire:webservice:login] [wire:webservice:retrieve]', async () => {
		const first = await runNode(setup({ resource: 'record', operation: 'get', recordId: '12x141' }));
		expect(first.error).toBeUndefined();
		expect(first.items[0].json).toMatchObject({ id: '12x141', lastname: 'Andersen' });
		expect(ops()).toEqual(['getchallenge', 'login', 'retrieve']);
		const challenge = vendor.emulator.requests('getchallenge')[0];
		expect(challenge.method).toBe('GET');
		expect(challenge.query.username).toBe('admin');
		const login = vendor.emulator.requests('login')[0];
		expect(login.method).toBe('POST');
		expect(login.contentType).toContain('application/x-www-form-urlencoded');
		expect((login.body as Record<string, string>).accessKey).toMatch(/^[0-9a-f]{32}$/);
		const retrieve = vendor.emulator.requests('retrieve')[0];
		expect(retrieve.method).toBe('GET');
		expect(retrieve.query).toMatchObject({ operation: 'retrieve', id: '12x141', sessionName: credential.data.sessionName });
		expect(credential.updates).toBe(1);

		vendor.emulator.clearLog();
		const second = await runNode(setup({ resource: 'record', operation: 'get', recordId: '12x142' }));
		expect(second.items[0].json.id).toBe('12x142');
		expect(ops()).toEqual(['retrieve']);
	});

	it('recovers from an expired session with one new login that later runs keep using', async () => {
		await runNode(setup({ resource: 'record', operation: 'get', recordId: '12x141' }));
		vendor.emulator.expireSessions();
		vendor.emulator.clearLog();
		for (let run = 0; run < 3; run++) {
			const result = await runNode(setup({ resource: 'record', operation: 'get', recordId: '12x143' }));
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.id).toBe('12x143');
		}
		expect(ops()).toEqual(['retrieve', 'getchallenge', 'login', 'retrieve', 'retrieve', 'retrieve']);
		expect(credential.updates).toBe(2);
	});

	it('logs in again when the credential was edited after the session was stored', async () => {
		await runNode(setup({ resource: 'record', operation: 'get', recordId: '12x141' }));
		credential.data.url = `${String(credential.data.url)}/`;
		vendor.emulator.clearLog();
		const result = await runNode(setup({ resource: 'record', operation: 'get', recordId: '12x141' }));
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['getchallenge', 'login', 'retrieve']);
	});

	it('never puts the access key or session into an error', async () => {
		vendor.emulator.inject({ when: { op: 'retrieve' }, times: 10, action: { type: 'status', status: 500, raw: 'boom' } });
		await runNode(setup({ resource: 'record', operation: 'get', recordId: '12x141' }));
		const result = await runNode(setup({ resource: 'record', operation: 'get', recordId: '12x141' }));
		const text = JSON.stringify({ message: result.error?.message, description: result.error?.description, context: result.error?.context });
		expect(result.error).toBeDefined();
		expect(text).not.toContain(String(credential.data.accessKey));
		expect(text).not.toContain(String(credential.data.sessionName));
	});
});

describe('Simply CRM record fields (resource mapper)', () => {
	it('builds Create columns from describe: mandatory required, picklists as options, typed, read-only left out', async () => {
		const { fields } = await mapperFields({ module: 'Contacts' }, 'getCreateColumns');
		const describe = vendor.emulator.requests('describe');
		expect(describe).toHaveLength(1);
		expect(describe[0].method).toBe('GET');
		expect(describe[0].query).toMatchObject({ operation: 'describe', elementType: 'Contacts' });
		const byId = new Map(fields.map((f) => [f.id, f]));
		// createdtime, modifiedtime, modifiedby, contact_no and id are editable: false in describe.
		for (const readOnly of ['createdtime', 'modifiedtime', 'modifiedby', 'contact_no', 'id']) expect(byId.has(readOnly)).toBe(false);
		expect(byId.get('lastname')).toMatchObject({ displayName: 'Last Name', required: true, type: 'string', display: true, canBeUsedToMatch: false });
		expect(byId.get('firstname')).toMatchObject({ required: false, type: 'string' });
		// The owner is mandatory in vtiger but defaults to the API user.
		expect(byId.get('assigned_user_id')).toMatchObject({ required: false, type: 'string' });
		expect(byId.get('assigned_user_id')?.displayName).toMatch(/^Assigned To/);
		expect(byId.get('leadsource')?.type).toBe('options');
		expect(byId.get('leadsource')?.options).toEqual(expect.arrayContaining([{ name: 'Web Site', value: 'Web Site' }]));
		expect(byId.get('emailoptout')?.type).toBe('boolean');
		expect(byId.get('birthday')?.type).toBe('dateTime');
		expect(byId.get('account_id')).toMatchObject({ type: 'string', displayName: 'Organization Name (ID)' });
		expect(byId.get('cf_851')).toMatchObject({ displayName: 'Customer Number', type: 'string' });
		expect(fields.filter((f) => f.required).map((f) => f.id)).toEqual(['lastname']);

		const accounts = await mapperFields({ module: 'Accounts' }, 'getCreateColumns');
		expect(accounts.fields.find((f) => f.id === 'employees')?.type).toBe('number');
	});

	it('offers the record ID as the default match of Update, and every field as a possible match of Upsert', async () => {
		const update = (await mapperFields({ module: 'Contacts' }, 'getUpdateColumns')).fields;
		expect(update[0]).toMatchObject({ id: 'id', displayName: 'Record ID', defaultMatch: true, canBeUsedToMatch: true });
		expect(update.find((f) => f.id === 'lastname')).toMatchObject({ required: false, canBeUsedToMatch: true, defaultMatch: false });
		const upsert = (await mapperFields({ module: 'Contacts' }, 'getUpsertColumns')).fields;
		expect(upsert.some((f) => f.id === 'id')).toBe(false);
		expect(upsert.find((f) => f.id === 'email')).toMatchObject({ canBeUsedToMatch: true, defaultMatch: false });
		expect(upsert.find((f) => f.id === 'lastname')?.required).toBe(true);
	});

	it('asks for a module before loading columns, without a request, and says when a module has nothing to write', async () => {
		const result = await mapperFields({ module: '' }, 'getCreateColumns');
		expect(result.fields).toEqual([]);
		expect(result.emptyFieldsNotice).toMatch(/module/);
		expect(vendor.emulator.log).toHaveLength(0);
		// Users are read-only through the webservice: describe marks every field editable: false.
		const users = await mapperFields({ module: 'Users' }, 'getUpdateColumns');
		expect(vendor.emulator.requests('describe')[0].query.elementType).toBe('Users');
		expect(users).toEqual({ fields: [], emptyFieldsNotice: 'Users has no fields the API lets you write' });
	});
});

describe('Simply CRM record writes', () => {
	it('creates a contact with typed fields as a form-encoded JSON element, owned by the API user [wire:webservice:create]', async () => {
		const result = await runNode(
			setup({
				resource: 'record',
				operation: 'create',
				module: 'Contacts',
				columns: await columns('Contacts', 'getCreateColumns', {
					lastname: "O'Brien",
					firstname: 'Ann',
					leadsource: 'Web Site',
					emailoptout: true,
					birthday: '1990-04-03T00:00:00',
					account_id: '11x101',
				}),
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['describe', 'create']);
		const create = vendor.emulator.requests('create')[0];
		expect(create.method).toBe('POST');
		expect(create.contentType).toContain('application/x-www-form-urlencoded');
		expect(form('create')).toMatchObject({ operation: 'create', elementType: 'Contacts' });
		expect(element('create')).toEqual({
			lastname: "O'Brien",
			firstname: 'Ann',
			leadsource: 'Web Site',
			emailoptout: '1',
			birthday: '1990-04-03',
			account_id: '11x101',
			assigned_user_id: credential.data.userId,
		});
		expect(credential.data.userId).toBe('19x1');
		const out = result.items[0].json;
		expect(out).toMatchObject({ lastname: "O'Brien", firstname: 'Ann', birthday: '1990-04-03', emailoptout: '1', assigned_user_id: '19x1' });
		expect(stored('Contacts', String(out.id))).toMatchObject({ lastname: "O'Brien", leadsource: 'Web Site' });
	});

	it('maps input items automatically: only writable fields of the module are sent, datetimes in vtiger format', async () => {
		const result = await runNode(setup({ resource: 'record', operation: 'create', module: 'Contacts', columns: autoMap() }), [
			{
				id: '12x141',
				createdtime: '2020-01-01 00:00:00',
				contact_no: 'CON999',
				lastname: 'Berg',
				donotcall: 'false',
				birthday: '1985-12-24T10:00:00.000Z',
				notAField: 'dropped',
				assigned_user_id: '19x5',
			},
		]);
		expect(result.error).toBeUndefined();
		expect(element('create')).toEqual({ lastname: 'Berg', donotcall: '0', birthday: '1985-12-24', assigned_user_id: '19x5' });
		expect(result.items[0].json).toMatchObject({ lastname: 'Berg', assigned_user_id: '19x5', contact_no: expect.stringMatching(/^CON\d+$/) });
		expect(result.items[0].json.id).not.toBe('12x141');
	});

	it('refuses a create without a mandatory field or with a malformed reference, before sending it', async () => {
		const missing = await runNode(setup({ resource: 'record', operation: 'create', module: 'Contacts', columns: autoMap() }), [{ firstname: 'Ann' }]);
		expect(missing.error?.message).toBe('The field "Last Name" is required in item 0');
		const reference = await runNode(setup({ resource: 'record', operation: 'create', module: 'Contacts', columns: autoMap() }), [
			{ lastname: 'X', account_id: 'Nordlys' },
		]);
		expect(reference.error?.message).toBe('The field "Organization Name" has an invalid value "Nordlys" in item 0');
		const date = await runNode(setup({ resource: 'record', operation: 'create', module: 'Contacts', columns: autoMap() }), [
			{ lastname: 'X', birthday: '24/12/1985' },
		]);
		expect(date.error?.message).toBe('The field "Birthdate" has an invalid value "24/12/1985" in item 0');
		// Mapped by hand, n8n itself checks the values against the column types (here: the picklist's options).
		const picklist = await runNode(
			setup({ resource: 'record', operation: 'create', module: 'Contacts', columns: await columns('Contacts', 'getCreateColumns', { lastname: 'X', leadsource: 'Billboard' }) }),
		);
		expect(picklist.error?.message).toBe("Invalid input for 'leadsource' [item 0]");
		expect(vendor.emulator.requests('create')).toHaveLength(0);
	});

	it('updates only the fields the user set: retrieve, merge, update, and untouched fields stay intact [wire:webservice:update]', async () => {
		const before = { ...stored('Contacts', '12x145') };
		expect(before.email).not.toBe('');
		const result = await runNode(
			setup({
				resource: 'record',
				operation: 'update',
				module: 'Contacts',
				columns: await columns('Contacts', 'getUpdateColumns', { id: '12x145', title: 'CEO', donotcall: false }, ['id']),
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['describe', 'retrieve', 'update']);
		const update = vendor.emulator.requests('update')[0];
		expect(update.method).toBe('POST');
		expect(update.contentType).toContain('application/x-www-form-urlencoded');
		expect(element('update')).toEqual({ ...before, title: 'CEO', donotcall: '0' });
		const after = stored('Contacts', '12x145');
		expect(after).toMatchObject({ email: before.email, phone: before.phone, lastname: before.lastname, cf_851: before.cf_851, title: 'CEO' });
		expect(result.items[0].json).toMatchObject({ id: '12x145', email: before.email, title: 'CEO' });
	});

	it('updates the one record found by another field, with the value escaped in the query', async () => {
		const target = { ...stored('Contacts', '12x150')! };
		const result = await runNode(
			setup({ resource: 'record', operation: 'update', module: 'Contacts', columns: autoMap(['email']) }),
			[{ email: target.email, department: 'Support' }],
		);
		expect(result.error).toBeUndefined();
		expect(queries()).toEqual([`select id from Contacts where email = '${target.email}' limit 0, 100;`]);
		expect(vendor.emulator.requests('retrieve')[0].query.id).toBe('12x150');
		expect(element('update')).toMatchObject({ id: '12x150', department: 'Support', lastname: target.lastname });
		expect(stored('Contacts', '12x150')?.department).toBe('Support');
	});

	it('refuses an update with a bad record ID, an ID of another module, or nothing to change', async () => {
		const bad = await runNode(setup({ resource: 'record', operation: 'update', module: 'Contacts', columns: autoMap(['id']) }), [
			{ id: '12×145', title: 'x' },
		]);
		expect(bad.error?.message).toBe('The field "Record ID" has an invalid value "12×145" in item 0');
		expect(vendor.emulator.log).toHaveLength(0);
		const other = await runNode(setup({ resource: 'record', operation: 'update', module: 'Contacts', columns: autoMap(['id']) }), [
			{ id: '11x101', title: 'x' },
		]);
		expect(other.error?.message).toBe('The record ID "11x101" is not a Contacts ID in item 0');
		const nothing = await runNode(setup({ resource: 'record', operation: 'update', module: 'Contacts', columns: autoMap(['id']) }), [
			{ id: '12x145', createdtime: 'x' },
		]);
		expect(nothing.error?.message).toBe('No field to update is set in item 0');
		expect(vendor.emulator.requests('retrieve', 'update')).toHaveLength(0);
	});

	it('upserts: creates when no record matches the chosen field', async () => {
		const email = "new.o'hara@example.com";
		const result = await runNode(
			setup({
				resource: 'record',
				operation: 'upsert',
				module: 'Contacts',
				columns: await columns('Contacts', 'getUpsertColumns', { email, lastname: "O'Hara" }, ['email']),
			}),
		);
		expect(result.error).toBeUndefined();
		expect(queries()).toEqual(["select id from Contacts where email = 'new.o''hara@example.com' limit 0, 100;"]);
		expect(vendor.emulator.requests('update')).toHaveLength(0);
		expect(element('create')).toEqual({ email, lastname: "O'Hara", assigned_user_id: '19x1' });
		expect(stored('Contacts', String(result.items[0].json.id))).toMatchObject({ email, lastname: "O'Hara" });
	});

	it('upserts: merges into the one record that matches, keeping its other fields', async () => {
		const target = { ...stored('Contacts', '12x160')! };
		const result = await runNode(
			setup({
				resource: 'record',
				operation: 'upsert',
				module: 'Contacts',
				columns: await columns('Contacts', 'getUpsertColumns', { cf_851: target.cf_851, mobile: '+45 11 22 33 44' }, ['cf_851']),
			}),
		);
		expect(result.error).toBeUndefined();
		expect(queries()).toEqual([`select id from Contacts where cf_851 = '${target.cf_851}' limit 0, 100;`]);
		expect(vendor.emulator.requests('create')).toHaveLength(0);
		expect(element('update')).toEqual({ ...target, mobile: '+45 11 22 33 44' });
		expect(stored('Contacts', '12x160')).toMatchObject({ ...target, mobile: '+45 11 22 33 44', modifiedtime: expect.any(String) });
	});

	it('upserts: refuses when several records match, naming how many, and writes nothing', async () => {
		const count = vendor.state.records.Contacts.filter((r) => r.values.lastname === "O'Brien").length;
		expect(count).toBeGreaterThan(1);
		const result = await runNode(
			setup({ resource: 'record', operation: 'upsert', module: 'Contacts', columns: autoMap(['lastname']) }),
			[{ lastname: "O'Brien", title: 'x' }],
		);
		expect(result.error?.message).toBe(`${count} Contacts records match lastname = 'O''Brien' in item 0`);
		expect(result.error?.description).toMatch(/^Only one record may match\. Matching records: 12x\d+, 12x\d+/);
		expect(vendor.emulator.requests('create', 'update', 'retrieve')).toHaveLength(0);
	});

	it('deletes a record [wire:webservice:delete]', async () => {
		const result = await runNode(setup({ resource: 'record', operation: 'delete', recordId: '12x147' }));
		expect(result.error).toBeUndefined();
		const remove = vendor.emulator.requests('delete')[0];
		expect(remove.method).toBe('POST');
		expect(remove.contentType).toContain('application/x-www-form-urlencoded');
		expect(remove.body).toMatchObject({ operation: 'delete', id: '12x147' });
		expect(result.items[0].json).toEqual({ id: '12x147', status: 'successful' });
		expect(stored('Contacts', '12x147')).toBeUndefined();
		const gone = await runNode(setup({ resource: 'record', operation: 'get', recordId: '12x147' }));
		expect(gone.error?.message).toMatch(/ACCESS_DENIED|Permission/i);
	});

	it('rejects a malformed record ID before sending anything, naming the field and item', async () => {
		const result = await runNode(setup({ resource: 'record', operation: 'get', recordId: '12×525' }));
		expect(result.error?.message).toBe('The field "Record ID" has an invalid value "12×525" in item 0');
		expect(vendor.emulator.log).toHaveLength(0);
	});

	it('with Continue On Fail, turns a vendor error into an error item and keeps going', async () => {
		const result = await runNode(setup({ resource: 'record', operation: 'get', recordId: '={{$json.id}}' }, true), [
			{ id: '12x141' },
			{ id: '12x999999' },
			{ id: '12x142' },
		]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.id).toBe('12x141');
		expect(String(result.items[1].json.error)).toMatch(/ACCESS_DENIED|Permission/i);
		expect(result.items[2].json.id).toBe('12x142');
	});
});

describe('Simply CRM inventory line items', () => {
	const quote = (lineItems: IDataObject) => ({
		resource: 'record',
		operation: 'create',
		module: 'Quotes',
		columns: autoMap(),
		lineItems,
	});

	it('creates a quote with its line items as LineItems in the element', async () => {
		const [router, second] = vendor.state.records.Products.map((r) => r.values);
		const result = await runNode(
			setup(
				quote({
					item: [
						{ productid: router.id, quantity: 2, listprice: 2490, discount_percent: 10, comment: 'Install included' },
						{ productid: second.id, quantity: 1, listprice: 99.5, discount_percent: 0, comment: '' },
					],
				}),
			),
			[{ subject: 'Network upgrade', quotestage: 'Created', account_id: '11x101' }],
		);
		expect(result.error).toBeUndefined();
		expect(form('create').elementType).toBe('Quotes');
		expect(element('create')).toEqual({
			subject: 'Network upgrade',
			quotestage: 'Created',
			account_id: '11x101',
			assigned_user_id: '19x1',
			LineItems: [
				{ productid: router.id, quantity: 2, listprice: 2490, discount_percent: 10, comment: 'Install included' },
				{ productid: second.id, quantity: 1, listprice: 99.5 },
			],
		});
		const out = result.items[0].json;
		expect(String(out.id)).toMatch(/^30x\d+$/);
		expect(Number(out.hdnSubTotal)).toBeGreaterThan(0);
	});

	it('refuses a quote without line items, or with a malformed product ID, before sending it', async () => {
		const none = await runNode(setup(quote({})), [{ subject: 'Empty', quotestage: 'Created', account_id: '11x101' }]);
		expect(none.error?.message).toBe('The field "Line Items" is empty in item 0');
		const bad = await runNode(setup(quote({ item: [{ productid: 'router', quantity: 1, listprice: 1 }] })), [
			{ subject: 'Bad', quotestage: 'Created', account_id: '11x101' },
		]);
		expect(bad.error?.message).toBe('The field "Product or Service ID" of line item 1 has an invalid value "router" in item 0');
		expect(vendor.emulator.requests('create')).toHaveLength(0);
	});

	it('ignores line items for modules without them', async () => {
		const result = await runNode(
			setup({ resource: 'record', operation: 'create', module: 'Contacts', columns: autoMap(), lineItems: { item: [{ productid: '24x1', quantity: 1, listprice: 1 }] } }),
			[{ lastname: 'Plain' }],
		);
		expect(result.error).toBeUndefined();
		expect(element('create')).toEqual({ lastname: 'Plain', assigned_user_id: '19x1' });
	});
});

describe('Simply CRM Get Many', () => {
	it('returns every record exactly once over four pages of 100, ordered by id [wire:webservice:query]', async () => {
		const result = await runNode(setup({ resource: 'record', operation: 'getAll', module: 'Contacts', returnAll: true }));
		expect(result.error).toBeUndefined();
		const ids = result.items.map((item) => item.json.id);
		expect(ids).toHaveLength(350);
		expect(new Set(ids).size).toBe(350);
		const query = vendor.emulator.requests('query')[0];
		expect(query.method).toBe('GET');
		expect(query.query.operation).toBe('query');
		expect(queries()).toEqual([
			'select * from Contacts order by id limit 0, 100;',
			'select * from Contacts order by id limit 100, 100;',
			'select * from Contacts order by id limit 200, 100;',
			'select * from Contacts order by id limit 300, 100;',
		]);
	});

	it('asks for only the rows still wanted: Limit 150 is two queries, the second for 50', async () => {
		const result = await runNode(setup({ resource: 'record', operation: 'getAll', module: 'Contacts', returnAll: false, limit: 150 }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(150);
		expect(queries()).toEqual(['select * from Contacts order by id limit 0, 100;', 'select * from Contacts order by id limit 100, 50;']);
	});

	it('filters, sorts by a field with the id as tiebreaker, and returns only the chosen fields', async () => {
		const result = await runNode(
			setup({
				resource: 'record',
				operation: 'getAll',
				module: 'Contacts',
				returnAll: true,
				filters: {
					condition: [
						{ field: 'lastname', operator: 'in', value: "Dahl, O'Brien" },
						{ field: 'emailoptout', operator: 'equals', value: 'true' },
						{ field: 'firstname', operator: 'contains', value: 'a', listValue: '' },
					],
				},
				options: { fields: ['lastname', 'firstname'], sortBy: 'lastname', sortOrder: 'desc' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(queries()).toEqual([
			"select lastname, firstname from Contacts where lastname in ('Dahl', 'O''Brien') and emailoptout = '1' and firstname like '%a%' order by lastname, id desc limit 0, 100;",
		]);
		const expected = vendor.state.records.Contacts.filter(
			(r) => ['Dahl', "O'Brien"].includes(r.values.lastname) && r.values.emailoptout === '1' && r.values.firstname.toLowerCase().includes('a'),
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(result.items.map((i) => i.json.id).sort()).toEqual(expected.map((r) => r.values.id).sort());
		expect(Object.keys(result.items[0].json).sort()).toEqual(['firstname', 'id', 'lastname']);
		expect(result.items[0].json.lastname).toBe("O'Brien");
	});

	it('uses a value picked from the list and combines conditions with OR', async () => {
		const result = await runNode(
			setup({
				resource: 'record',
				operation: 'getAll',
				module: 'Leads',
				returnAll: true,
				filters: {
					condition: [
						{ field: 'leadsource', operator: 'equals', value: '', listValue: 'Web Site' },
						{ field: 'assigned_user_id', operator: 'equals', value: '', listValue: '19x5' },
					],
				},
				options: { combine: 'or' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(queries()).toEqual(["select * from Leads where leadsource = 'Web Site' or assigned_user_id = '19x5' order by id limit 0, 100;"]);
		const expected = vendor.state.records.Leads.filter((r) => r.values.leadsource === 'Web Site' || r.values.assigned_user_id === '19x5');
		expect(result.items.map((i) => i.json.id)).toEqual(expected.map((r) => r.values.id));
	});

	it.each([
		["x' or 1=1 or lastname like '%", "select * from Contacts where lastname = 'x'' or 1=1 or lastname like ''%' order by id limit 0, 100;"],
		["x'; select * from Users;", "select * from Contacts where lastname = 'x''; select * from Users;' order by id limit 0, 100;"],
		["' or ''='", "select * from Contacts where lastname = ''' or ''''=''' order by id limit 0, 100;"],
	])('keeps the injection attempt %p inside the string literal, so it matches nothing', async (value, query) => {
		const result = await runNode(
			setup({ resource: 'record', operation: 'getAll', module: 'Contacts', returnAll: true, filters: { condition: [{ field: 'lastname', operator: 'equals', value }] } }),
		);
		expect(result.error).toBeUndefined();
		expect(queries()).toEqual([query]);
		expect(result.items).toHaveLength(0);
	});

	it('finds a record whose value really contains quotes, semicolons and "or 1=1"', async () => {
		const tricky = "O'Hara; or 1=1 --";
		const created = await runNode(setup({ resource: 'record', operation: 'create', module: 'Contacts', columns: autoMap() }), [{ lastname: tricky }]);
		expect(created.error).toBeUndefined();
		vendor.emulator.clearLog();
		const result = await runNode(
			setup({
				resource: 'record',
				operation: 'getAll',
				module: 'Contacts',
				returnAll: true,
				filters: { condition: [{ field: 'lastname', operator: 'contains', value: "'Hara; or 1=1" }] },
			}),
		);
		expect(queries()).toEqual(["select * from Contacts where lastname like '%''Hara; or 1=1%' order by id limit 0, 100;"]);
		expect(result.items.map((i) => i.json.id)).toEqual([created.items[0].json.id]);
	});

	it('refuses a malformed field name before any request, and an unknown one before querying', async () => {
		const malformed = await runNode(
			setup({
				resource: 'record',
				operation: 'getAll',
				module: 'Contacts',
				returnAll: true,
				filters: { condition: [{ field: 'lastname = lastname or id', operator: 'equals', value: 'x' }] },
			}),
		);
		expect(malformed.error?.message).toBe('The field "Field of condition 1" has an invalid field name "lastname = lastname or id" in item 0');
		const sort = await runNode(setup({ resource: 'record', operation: 'getAll', module: 'Contacts', returnAll: true, options: { sortBy: 'id; drop' } }));
		expect(sort.error?.message).toBe('The field "Sort By" has an invalid field name "id; drop" in item 0');
		const module = await runNode(setup({ resource: 'record', operation: 'getAll', module: 'Contacts where 1', returnAll: true }));
		expect(module.error?.message).toBe('The field "Module" has an invalid value "Contacts where 1" in item 0');
		expect(vendor.emulator.log).toHaveLength(0);

		const unknown = await runNode(
			setup({ resource: 'record', operation: 'getAll', module: 'Contacts', returnAll: true, options: { fields: ['lastname', 'salary'] } }),
		);
		expect(unknown.error?.message).toBe('The field "Fields to Return" names "salary", which is not a field of Contacts in item 0');
		expect(vendor.emulator.requests('query')).toHaveLength(0);
	});

	it('refuses values VTQL cannot take: empty values and non-IDs for reference fields', async () => {
		const empty = await runNode(
			setup({ resource: 'record', operation: 'getAll', module: 'Contacts', returnAll: true, filters: { condition: [{ field: 'email', operator: 'equals', value: '' }] } }),
		);
		expect(empty.error?.message).toBe('The field "Value" of condition 1 is empty in item 0');
		const reference = await runNode(
			setup({
				resource: 'record',
				operation: 'getAll',
				module: 'Contacts',
				returnAll: true,
				filters: { condition: [{ field: 'account_id', operator: 'equals', value: 'Nordlys' }] },
			}),
		);
		expect(reference.error?.message).toBe('The field "Value" of condition 1 has an invalid value "Nordlys" in item 0');
		expect(vendor.emulator.requests('query')).toHaveLength(0);
	});
});

describe('Simply CRM dropdowns', () => {
	const names = (options: INodePropertyOptions[]) => options.map((o) => o.value);

	it('lists entity modules from listtypes, and fields and sortable fields from describe', async () => {
		const modules = await loadOptions(setup({ resource: 'record', operation: 'create' }), 'getModules');
		expect(names(modules)).toEqual(expect.arrayContaining(['Contacts', 'Accounts', 'Leads', 'Quotes']));
		expect(names(modules)).not.toContain('Groups');
		expect(modules.find((m) => m.value === 'Accounts')?.name).toBe('Organizations (Accounts)');
		expect(vendor.emulator.requests('listtypes')[0].method).toBe('GET');

		const fields = await loadOptions(setup({ resource: 'record', operation: 'getAll', module: 'Contacts' }), 'getFields');
		expect(fields.find((f) => f.value === 'lastname')).toEqual({ name: 'Last Name', value: 'lastname', description: 'lastname' });
		expect(names(fields)).toEqual(expect.arrayContaining(['createdtime', 'id', 'cf_851']));
		const sortable = await loadOptions(setup({ resource: 'record', operation: 'getAll', module: 'Contacts' }), 'getSortableFields');
		expect(names(sortable)).toEqual(expect.arrayContaining(['lastname', 'createdtime']));
		expect(names(sortable)).not.toContain('description');
		expect(vendor.emulator.requests('describe').map((r) => r.query.elementType)).toEqual(['Contacts', 'Contacts']);
	});

	// The editor resolves "&field" against the path of the parameter being loaded; the kit's path is '', so "&field" reads key ''.
	const condition = (field: string) => ({ resource: 'record', operation: 'getAll', module: 'Contacts', '': { field } });

	it('offers the picklist values of the field chosen in a condition', async () => {
		const values = await loadOptions(setup(condition('leadsource')), 'getFieldValues');
		expect(names(values)).toEqual(expect.arrayContaining(['Web Site', 'Cold Call']));
		expect(await loadOptions(setup(condition('lastname')), 'getFieldValues')).toEqual([]);
	});

	it('offers users and, where the instance allows querying them, groups for owner fields', async () => {
		const owners = await loadOptions(setup(condition('assigned_user_id')), 'getFieldValues');
		expect(queries()).toEqual([
			'select id, user_name, first_name, last_name from Users order by id limit 0, 100;',
			'select id, groupname from Groups order by id limit 0, 100;',
		]);
		// Groups are not an entity module: vtiger refuses to query them (OPERATION_NOT_SUPPORTED), so only users are offered.
		expect(owners).toEqual([
			{ name: 'Administrator (admin)', value: '19x1' },
			{ name: 'Jonas Berg (jonas)', value: '19x6' },
			{ name: 'Mette Holm (mette)', value: '19x5' },
		]);
	});
});
