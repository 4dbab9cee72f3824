import { createSimplyCrmEmulator, type SimplyCrmState } from '../../../emulators/simply-crm';
import type { VendorEmulator } from '../../../emulators/shared/types';
import { SimplyCrmApi } from '../../../credentials/SimplyCrmApi.credentials';
import { SimplyCrm } from '../../../nodes/SimplyCrm/SimplyCrm.node';
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

const ops = () => vendor.emulator.log.map((r) => r.op);
const form = (op: string, index = 0) => vendor.emulator.requests(op)[index].body as Record<string, string>;

/** A first call logs in and stores the session, so later logs show only the call under test. */
async function warmUp() {
	await runNode(setup({ resource: 'module', operation: 'listTypes' }));
	vendor.emulator.clearLog();
}

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

describe('Simply CRM Comment resource', () => {
	it('adds a comment as a ModComments create with a JSON element, owned by the API user', async () => {
		const result = await runNode(setup({ resource: 'comment', operation: 'add', recordId: '12x141', comment: "Called O'Brien back" }));
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['getchallenge', 'login', 'listtypes', 'create']);
		const create = vendor.emulator.requests('create')[0];
		expect(create.method).toBe('POST');
		expect(create.contentType).toContain('application/x-www-form-urlencoded');
		expect(create.query).toEqual({});
		const body = form('create');
		expect(body).toMatchObject({ operation: 'create', elementType: 'ModComments', sessionName: credential.data.sessionName });
		expect(JSON.parse(body.element)).toEqual({ commentcontent: "Called O'Brien back", related_to: '12x141', assigned_user_id: '19x1' });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ commentcontent: "Called O'Brien back", related_to: '12x141', assigned_user_id: '19x1' });
		expect(String(result.items[0].json.id)).toMatch(/^34x\d+$/);
	});

	it('is not repeated when the server fails after the comment may have been stored', async () => {
		await warmUp();
		vendor.emulator.inject({ when: { op: 'create' }, phase: 'after', action: { type: 'status', status: 503 } });
		const result = await runNode(setup({ resource: 'comment', operation: 'add', recordId: '12x141', comment: 'Once' }));
		expect(ops()).toEqual(['create']);
		expect(result.error).toBeDefined();
		expect(vendor.state.records.ModComments.filter((c) => c.values.commentcontent === 'Once')).toHaveLength(1);
	});

	it("gets a record's comments with the id escaped in VTQL, paged by id", async () => {
		await runNode(setup({ resource: 'comment', operation: 'add', recordId: '12x141', comment: 'Second note' }));
		vendor.emulator.clearLog();
		const all = await runNode(setup({ resource: 'comment', operation: 'getAll', recordId: '12x141', returnAll: true }));
		expect(all.error).toBeUndefined();
		const [request] = vendor.emulator.requests('query');
		expect(request.method).toBe('GET');
		expect(request.query.query).toBe("select * from ModComments where related_to = '12x141' order by id limit 0, 100;");
		expect(all.items.map((item) => item.json.related_to)).toEqual(['12x141', '12x141']);
		expect(all.items[1].json.commentcontent).toBe('Second note');

		vendor.emulator.clearLog();
		const one = await runNode(setup({ resource: 'comment', operation: 'getAll', recordId: '12x141', returnAll: false, limit: 1 }));
		expect(vendor.emulator.requests('query').map((r) => r.query.query)).toEqual([
			"select * from ModComments where related_to = '12x141' order by id limit 0, 1;",
		]);
		expect(one.items).toHaveLength(1);
	});

	it('rejects a record id that is not <prefix>x<number> before sending', async () => {
		const result = await runNode(setup({ resource: 'comment', operation: 'getAll', recordId: "12x141' or 1=1", returnAll: true }));
		expect(result.error?.message).toBe('The field "Record ID" has an invalid value "12x141\' or 1=1" in item 0');
		expect(vendor.emulator.log).toHaveLength(0);
	});
});

describe('Simply CRM Custom API Call resource', () => {
	it('calls a GET operation with parameters in the query string', async () => {
		const result = await runNode(
			setup({ resource: 'customApiCall', operation: 'call', operationName: 'retrieve', method: 'GET', parameters: { parameter: [{ name: 'id', value: '12x142' }] } }),
		);
		expect(result.error).toBeUndefined();
		const [request] = vendor.emulator.requests('retrieve');
		expect(request.method).toBe('GET');
		expect(request.query).toEqual({ operation: 'retrieve', id: '12x142', sessionName: credential.data.sessionName });
		expect(result.items.map((item) => item.json.id)).toEqual(['12x142']);
	});

	it('sends a POST form-encoded with objects of JSON Parameters as JSON strings, and a list result as items', async () => {
		const result = await runNode(
			setup({
				resource: 'customApiCall',
				operation: 'call',
				operationName: 'create',
				method: 'POST',
				jsonParameters: JSON.stringify({ elementType: 'Leads', element: { lastname: 'Vik', company: 'Fjord ApS', assigned_user_id: '19x1' } }),
			}),
		);
		expect(result.error).toBeUndefined();
		const create = vendor.emulator.requests('create')[0];
		expect(create.method).toBe('POST');
		expect(create.contentType).toContain('application/x-www-form-urlencoded');
		expect(form('create')).toEqual({
			operation: 'create',
			elementType: 'Leads',
			element: '{"lastname":"Vik","company":"Fjord ApS","assigned_user_id":"19x1"}',
			sessionName: credential.data.sessionName,
		});
		expect(result.items[0].json).toMatchObject({ lastname: 'Vik', company: 'Fjord ApS' });
		expect(String(result.items[0].json.id)).toMatch(/^10x\d+$/);

		vendor.emulator.clearLog();
		const rows = await runNode(
			setup({ resource: 'customApiCall', operation: 'call', operationName: 'query', parameters: { parameter: [{ name: 'query', value: "select lastname from Leads where company = 'Fjord ApS';" }] } }),
		);
		expect(rows.items.map((item) => item.json)).toEqual([{ lastname: 'Vik', id: result.items[0].json.id }]);
	});

	it('encodes a parameter as a JSON string when asked, and checks the JSON first', async () => {
		const element = '{\n  "lastname": "Holm",\n  "company": "Bach A/S",\n  "assigned_user_id": "19x1"\n}';
		const result = await runNode(
			setup({
				resource: 'customApiCall',
				operation: 'call',
				operationName: 'create',
				method: 'POST',
				parameters: { parameter: [{ name: 'elementType', value: 'Leads' }, { name: 'element', value: element, encodeAsJson: true }] },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(form('create').element).toBe('{"lastname":"Holm","company":"Bach A/S","assigned_user_id":"19x1"}');

		vendor.emulator.clearLog();
		const broken = await runNode(
			setup({
				resource: 'customApiCall',
				operation: 'call',
				operationName: 'create',
				method: 'POST',
				parameters: { parameter: [{ name: 'element', value: '{lastname: Holm', encodeAsJson: true }] },
			}),
		);
		expect(broken.error?.message).toBe('The field "Parameters" has invalid JSON for "element" in item 0');
		const reserved = await runNode(
			setup({ resource: 'customApiCall', operation: 'call', operationName: 'retrieve', jsonParameters: '{"sessionName": "mine"}' }),
		);
		expect(reserved.error?.message).toBe('The parameter "sessionName" cannot be set in item 0');
		expect(vendor.emulator.log).toHaveLength(0);
	});

	it('repeats a failed POST only when marked Idempotent', async () => {
		await warmUp();
		const params = {
			resource: 'customApiCall',
			operation: 'call',
			operationName: 'create',
			method: 'POST',
			jsonParameters: { elementType: 'Leads', element: { lastname: 'Retry', company: 'X', assigned_user_id: '19x1' } },
		};
		vendor.emulator.inject({ when: { op: 'create' }, action: { type: 'status', status: 503 } });
		const once = await runNode(setup(params));
		expect(once.error?.httpCode).toBe('503');
		expect(ops()).toEqual(['create']);

		vendor.emulator.clearLog();
		vendor.emulator.inject({ when: { op: 'create' }, action: { type: 'status', status: 503 } });
		const repeated = await runNode(setup({ ...params, idempotent: true }));
		expect(repeated.error).toBeUndefined();
		expect(ops()).toEqual(['create', 'create']);
		expect(repeated.items[0].json.lastname).toBe('Retry');
	});

	it('logs out with POST and sessionName in the form body; the next run logs in again [wire:webservice:logout]', async () => {
		await warmUp();
		const session = String(credential.data.sessionName);
		const result = await runNode(setup({ resource: 'customApiCall', operation: 'call', operationName: 'logout', method: 'POST', idempotent: true }));
		expect(result.error).toBeUndefined();
		const [logout] = vendor.emulator.requests('logout');
		expect(logout.method).toBe('POST');
		expect(logout.contentType).toContain('application/x-www-form-urlencoded');
		expect(logout.body).toEqual({ operation: 'logout', sessionName: session });
		// vtiger's spelling; the docs say "successful".
		expect(result.items.map((item) => item.json)).toEqual([{ message: 'successfull' }]);
		expect(vendor.state.sessions.has(session)).toBe(false);

		vendor.emulator.clearLog();
		const after = await runNode(setup({ resource: 'record', operation: 'get', recordId: '12x141' }));
		expect(after.error).toBeUndefined();
		expect(ops()).toEqual(['retrieve', 'getchallenge', 'login', 'retrieve']);
		expect(vendor.emulator.requests('retrieve')[0].query.sessionName).toBe(session);
		expect(credential.data.sessionName).not.toBe(session);
	});

	it('sends extendsession once and explains the vendor refusal [wire:webservice:extendsession]', async () => {
		await warmUp();
		const result = await runNode(
			setup({ resource: 'customApiCall', operation: 'call', operationName: 'extendsession', method: 'POST', parameters: { parameter: [{ name: 'username', value: 'admin' }] } }),
		);
		// No new login: the refusal is about the missing browser session, not ours.
		expect(ops()).toEqual(['extendsession']);
		const [request] = vendor.emulator.requests('extendsession');
		expect(request.method).toBe('POST');
		expect(request.contentType).toContain('application/x-www-form-urlencoded');
		expect(request.body).toEqual({ operation: 'extendsession', username: 'admin', sessionName: credential.data.sessionName });
		expect(result.error?.message).toBe('Authencation required [AUTHENTICATION_REQUIRED]');
		expect(result.error?.description).toMatch(/browser session \(PHPSESSID cookie\)/);
		expect(JSON.stringify(result.error)).not.toContain(String(credential.data.sessionName));
	});
});
