import { createSimplyCrmEmulator } from '../../../emulators/simply-crm';
import type { VendorEmulator } from '../../../emulators/shared/types';
import { SimplyCrmApi } from '../../../credentials/SimplyCrmApi.credentials';
import { SimplyCrm } from '../../../nodes/SimplyCrm/SimplyCrm.node';
import { buildListQuery } from '../../../nodes/SimplyCrm/resources/record';
import { CredentialStore, loadOptions, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

let vendor: VendorEmulator;
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

describe('Simply CRM record slice against the emulator', () => {
	it('logs in once with getchallenge + md5 login, then reuses the stored session on the next run', async () => {
		const first = await runNode(setup({ resource: 'record', operation: 'get', recordId: '12x141' }));
		expect(first.error).toBeUndefined();
		expect(first.items[0].json.id).toBe('12x141');
		expect(ops()).toEqual(['getchallenge', 'login', 'retrieve']);
		const login = vendor.emulator.requests('login')[0];
		expect(login.method).toBe('POST');
		expect(login.contentType).toContain('application/x-www-form-urlencoded');
		expect((login.body as Record<string, string>).accessKey).toMatch(/^[0-9a-f]{32}$/);
		const retrieve = vendor.emulator.requests('retrieve')[0];
		expect(retrieve.method).toBe('GET');
		expect(retrieve.query.sessionName).toBe(credential.data.sessionName);
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

	it('creates a record with a form-encoded JSON element, owned by the API user by default', async () => {
		const result = await runNode(
			setup({
				resource: 'record',
				operation: 'create',
				module: 'Contacts',
				fields: { field: [{ name: 'lastname', value: "O'Brien" }, { name: 'firstname', value: 'Ann' }] },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['getchallenge', 'login', 'listtypes', 'create']);
		const create = vendor.emulator.requests('create')[0];
		const body = create.body as Record<string, string>;
		expect(body.elementType).toBe('Contacts');
		expect(JSON.parse(body.element)).toEqual({ lastname: "O'Brien", firstname: 'Ann', assigned_user_id: credential.data.userId });
		expect(result.items[0].json).toMatchObject({ lastname: "O'Brien", firstname: 'Ann' });
		expect(String(result.items[0].json.id)).toMatch(/^12x\d+$/);
	});

	it('updates only the fields the user set (retrieve, merge, update)', async () => {
		const before = await runNode(setup({ resource: 'record', operation: 'get', recordId: '12x145' }));
		const result = await runNode(
			setup({ resource: 'record', operation: 'update', recordId: '12x145', fields: { field: [{ name: 'title', value: 'CEO' }] } }),
		);
		expect(result.error).toBeUndefined();
		const sent = JSON.parse((vendor.emulator.requests('update')[0].body as Record<string, string>).element);
		expect(sent).toEqual({ ...before.items[0].json, title: 'CEO' });
		// modifiedtime is the server's to change
		expect({ ...result.items[0].json, modifiedtime: '' }).toMatchObject({ ...before.items[0].json, title: 'CEO', modifiedtime: '' });
	});

	it('deletes a record', async () => {
		const result = await runNode(setup({ resource: 'record', operation: 'delete', recordId: '12x147' }));
		expect(result.error).toBeUndefined();
		expect(vendor.emulator.requests('delete')[0].body).toMatchObject({ id: '12x147' });
		const gone = await runNode(setup({ resource: 'record', operation: 'get', recordId: '12x147' }));
		expect(gone.error?.message).toMatch(/ACCESS_DENIED|Permission/i);
	});

	it('returns every record exactly once over more than three pages of 100', async () => {
		const result = await runNode(setup({ resource: 'record', operation: 'getAll', module: 'Contacts', returnAll: true }));
		expect(result.error).toBeUndefined();
		const ids = result.items.map((item) => item.json.id);
		expect(ids).toHaveLength(350);
		expect(new Set(ids).size).toBe(350);
		const queries = vendor.emulator.requests('query').map((r) => r.query.query);
		expect(queries).toEqual([
			'select * from Contacts order by id limit 0, 100;',
			'select * from Contacts order by id limit 100, 100;',
			'select * from Contacts order by id limit 200, 100;',
			'select * from Contacts order by id limit 300, 100;',
		]);
	});

	it('stops at the limit without fetching further pages, and escapes filter values', async () => {
		const result = await runNode(
			setup({
				resource: 'record',
				operation: 'getAll',
				module: 'Contacts',
				returnAll: false,
				limit: 5,
				filters: { condition: [{ field: 'lastname', operator: 'contains', value: "O'" }] },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(vendor.emulator.requests('query').map((r) => r.query.query)).toEqual([
			"select * from Contacts where lastname like '%O''%' order by id limit 0, 5;",
		]);
		expect(buildListQuery('Leads', [{ field: 'x', operator: 'equals', value: "a' or 1=1 --" }], 'and', 'id', false)).toBe(
			"select * from Leads where x = 'a'' or 1=1 --' order by id",
		);
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

	it('never puts the access key or session into an error', async () => {
		vendor.emulator.inject({ when: { op: 'retrieve' }, times: 10, action: { type: 'status', status: 500, raw: 'boom' } });
		await runNode(setup({ resource: 'record', operation: 'get', recordId: '12x141' }));
		const result = await runNode(setup({ resource: 'record', operation: 'get', recordId: '12x141' }));
		const text = JSON.stringify({ message: result.error?.message, description: result.error?.description, context: result.error?.context });
		expect(result.error).toBeDefined();
		expect(text).not.toContain(String(credential.data.accessKey));
		expect(text).not.toContain(String(credential.data.sessionName));
	});

	it('fills the module and field dropdowns from listtypes and describe', async () => {
		const modules = await loadOptions(setup({ resource: 'record', operation: 'create' }), 'getModules');
		expect(modules.map((m) => m.value)).toEqual(expect.arrayContaining(['Contacts', 'Accounts', 'Leads']));
		const fields = await loadOptions(setup({ resource: 'record', operation: 'create', module: 'Contacts' }), 'getFields');
		expect(fields.find((f) => f.value === 'lastname')?.name).toMatch(/\*$/);
	});
});
