import * as crypto from 'node:crypto';

import { delay } from 'business-pack-devkit';
import type { IDataObject } from 'n8n-workflow';

import { createSimpleSimonEmulator } from '../../emulators/simple-simon';
import { manualWorkflow, newId, packNodeType, type CredentialSpec, type NodeSpec, type RunResult, type WorkflowJson } from './harness';
import { vendorSuite } from './vendor-suite';

/*
 * The Simple-Simon slice in the released n8n: the packed pack installed as a community package, a credential imported
 * without a token, workflows run with `n8n execute`, and the emulator's request log and state as the witness.
 */

const NODE = 'Simple-Simon';
let getLocation: WorkflowJson;
const suite = vendorSuite({
	label: 'simple-simon',
	nodeName: NODE,
	nodeType: 'simpleSimon',
	credentialType: 'simpleSimonApi',
	createEmulator: createSimpleSimonEmulator,
	workflows: (): WorkflowJson[] => [(getLocation = workflow('get location', { resource: 'location', operation: 'get', locationId: byId(String(rows('locations')[0].Id)) }))],
});
const { credential, ops, workflow } = suite;

const rows = (table: string) => Array.from(suite.vendor.state.tables[table as keyof typeof suite.vendor.state.tables].values()) as unknown as IDataObject[];
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const requests = (op: string) => suite.vendor.emulator.requests(op);

function expectNoSecrets(run: RunResult) {
	const text = JSON.stringify(run.raw);
	for (const secret of [credential.data.password, credential.data.apiKey, credential.data.licenceKey, ...suite.vendor.state.sessions.keys()]) {
		expect(text).not.toContain(String(secret));
	}
}

describe('Simple-Simon in a real n8n', () => {
	it('gets a location: one login, then the bearer token stored with the credential', async () => {
		const first = rows('locations')[0];
		const run = await suite.n8n.execute(getLocation.id!);
		expect(run.error).toBeUndefined();
		expect(run.output(NODE)).toEqual([expect.objectContaining({ Id: first.Id, Name: first.Name })]);
		expect(ops()).toEqual(['login', 'locations:get']);
		const stored = await suite.n8n.readCredential(credential.id);
		expect(requests('locations:get')[0].headers.authorization).toBe(`Bearer ${String(stored.accessToken)}`);
		expectNoSecrets(run);
	});

	it('reuses the stored token on a second execution: no login', async () => {
		const run = await suite.n8n.execute(getLocation.id!);
		expect(run.ok).toBe(true);
		expect(ops()).toEqual(['locations:get']);
	});

	it('returns all 320 locations over 7 server pages by following @odata.nextLink', async () => {
		suite.vendor.state.pageSize = 50;
		try {
			const run = await suite.n8n.execute(await suite.n8n.importWorkflow(workflow('all locations', { resource: 'location', operation: 'getAll', returnAll: true })));
			expect(run.error).toBeUndefined();
			const listed = run.output(NODE).map((l) => l.Id);
			expect(listed).toEqual(rows('locations').map((l) => l.Id));
			const pages = requests('locations:list');
			expect(pages).toHaveLength(7);
			// the first page is the node's own query; every later one is the server's next link, followed as given
			expect(pages.map((r) => r.query.$skip ?? '0')).toEqual(['0', '50', '100', '150', '200', '250', '300']);
			expect(ops()).not.toContain('login');
		} finally {
			suite.vendor.state.pageSize = 100;
		}
	});

	it('renews a token that expires between two items once, and no item fails', async () => {
		const customers = rows('customers').slice(0, 3);
		// the second item's request finds every session dead: exactly one login must follow, then all items succeed
		suite.vendor.emulator.inject({ when: { op: 'customers:get' }, skip: 1, action: { type: 'expireSessions' } });
		const run = await suite.n8n.execute(
			await suite.n8n.importWorkflow(
				workflow('three customers', { resource: 'customer', operation: 'get', customerId: byId('={{ $json.id }}'), concurrency: 1 }, { input: customers.map((c) => ({ id: c.Id })) }),
			),
		);
		expect(run.error).toBeUndefined();
		expect(run.output(NODE).map((c) => c.Id)).toEqual(customers.map((c) => c.Id));
		expect(suite.vendor.emulator.log.map((r) => [r.op, r.status])).toEqual([
			['customers:get', 200],
			['customers:get', 401],
			['login', 200],
			['customers:get', 200],
			['customers:get', 200],
		]);
	});

	it('fails a bad input with a clear message naming the field and item, before any request', async () => {
		const run = await suite.n8n.execute(
			await suite.n8n.importWorkflow(workflow('bad id', { resource: 'workOrder', operation: 'get', workOrderId: "1' or 1 eq 1" })),
		);
		expect(run.ok).toBe(false);
		expect(run.error?.message).toMatch(/"Work Order ID".*item 0/);
		expect(suite.vendor.emulator.log).toHaveLength(0);
	});

	it('continues on fail with an error item in place of the failing item', async () => {
		const [a, b] = rows('locations');
		const mixed = workflow(
			'continue on fail',
			{ resource: 'location', operation: 'get', locationId: byId('={{ $json.id }}') },
			{ input: [{ id: a.Id }, { id: '00000000-0000-0000-0000-000000000000' }, { id: b.Id }], extra: { continueOnFail: true } },
		);
		const run = await suite.n8n.execute(await suite.n8n.importWorkflow(mixed));
		expect(run.error).toBeUndefined();
		const items = run.items(NODE);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.Id).toBe(a.Id);
		expect(String(items[1].json.error)).toMatch(/not found|No .* was found|does not exist/i);
		expect(items[2].json.Id).toBe(b.Id);
		expectNoSecrets(run);
	});
});

describe('Simple-Simon acceptance chain in a real n8n', () => {
	const credentials = () => ({ simpleSimonApi: { id: credential.id, name: credential.name } });
	const simon = (name: string, parameters: IDataObject): NodeSpec => ({ name, type: packNodeType('simpleSimon'), parameters, credentials: credentials() });
	const code = (name: string, jsCode: string): NodeSpec => ({ name, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode } });
	const json = (expression: string) => ({ inputMode: 'json', json: `={{ JSON.stringify(${expression}) }}` });

	it('customer → location → work order → planning → time sheet and used item → filtered work orders of the location → attachment round trip → delete', async () => {
		const user = rows('users')[0];
		const item = rows('items')[0];
		const bytes = Buffer.concat([crypto.randomBytes(4000), Buffer.from([...Array(256).keys()])]);
		const chain = manualWorkflow({
			name: 'Simple-Simon: acceptance chain',
			nodes: [
				simon('Customer', { resource: 'customer', operation: 'create', fields: { field: [{ name: 'Name', value: "Bakkerij 't Stoepje" }, { name: 'City', value: 'Utrecht' }] } }),
				simon('Location', {
					resource: 'location',
					operation: 'create',
					fields: { field: [{ name: 'Name', value: "'t Stoepje, bakery" }, { name: 'City', value: 'Utrecht' }, { name: 'CustomerId', value: '={{ $json.Id }}' }] },
				}),
				simon('Work Order', {
					resource: 'workOrder',
					operation: 'create',
					...json(`{ Description: "Oven service 't Stoepje", LocationId: $json.Id, CustomerId: $('Customer').first().json.Id, PlannedDate: '2026-12-10T08:00:00Z', Priority: 2 }`),
				}),
				simon('Old Work Order', {
					resource: 'workOrder',
					operation: 'create',
					...json(`{ Description: "Oven service 't Stoepje", LocationId: $('Location').first().json.Id, PlannedDate: '2025-03-01T08:00:00Z' }`),
				}),
				simon('Planning', {
					resource: 'planning',
					operation: 'create',
					...json(`{ WorkOrderId: $('Work Order').first().json.Id, UserId: ${JSON.stringify(user.Id)}, StartTime: '2026-12-10T08:00:00Z', EndTime: '2026-12-10T10:30:00Z' }`),
				}),
				simon('Time Sheet', {
					resource: 'timeSheet',
					operation: 'create',
					...json(`{ WorkOrderId: $('Work Order').first().json.Id, UserId: ${JSON.stringify(user.Id)}, Date: '2026-12-10T08:00:00Z', Hours: 2.5, Type: 'Work' }`),
				}),
				simon('Used Item', {
					resource: 'usedItem',
					operation: 'create',
					...json(`{ WorkOrderId: $('Work Order').first().json.Id, ItemId: ${JSON.stringify(item.Id)}, Quantity: 2 }`),
				}),
				simon('Orders Of Location', {
					resource: 'workOrder',
					operation: 'getAllForLocation',
					locationId: byId("={{ $('Location').first().json.Id }}"),
					returnAll: true,
					filters: {
						conditions: [
							{ field: 'Description', operator: 'contains', value: "'t Stoepje" },
							{ field: 'PlannedDate', operator: 'greaterThanOrEqual', valueType: 'dateTime', value: '2026-12-01' },
						],
					},
					filterMatch: 'and',
				}),
				code('File', `return [{ json: {}, binary: { data: { data: ${JSON.stringify(bytes.toString('base64'))}, mimeType: 'image/png', fileName: 'oven plate.png' } } }];`),
				simon('Upload', {
					resource: 'attachment',
					operation: 'upload',
					attachTo: 'workOrder',
					parentWorkOrderId: "={{ $('Work Order').first().json.Id }}",
					binaryPropertyName: 'data',
					options: { description: 'type plate' },
				}),
				simon('Download', { resource: 'attachment', operation: 'download', attachmentId: '={{ $json.Id }}', binaryPropertyName: 'out' }),
				code(
					'Bytes',
					"const buffer = await this.helpers.getBinaryDataBuffer(0, 'out'); const file = $input.first().binary.out; return [{ json: { base64: buffer.toString('base64'), fileName: file.fileName, mimeType: file.mimeType } }];",
				),
				simon('Delete Attachment', { resource: 'attachment', operation: 'delete', attachmentId: "={{ $('Upload').first().json.Id }}" }),
				simon('Delete Used Item', { resource: 'usedItem', operation: 'delete', usedItemId: "={{ $('Used Item').first().json.Id }}" }),
				simon('Delete Time Sheet', { resource: 'timeSheet', operation: 'delete', timeSheetId: "={{ $('Time Sheet').first().json.Id }}" }),
				simon('Delete Planning', { resource: 'planning', operation: 'delete', planningId: "={{ $('Planning').first().json.Id }}" }),
				simon('Delete Work Order', { resource: 'workOrder', operation: 'delete', workOrderId: "={{ $('Work Order').first().json.Id }}" }),
				simon('Delete Old Work Order', { resource: 'workOrder', operation: 'delete', workOrderId: "={{ $('Old Work Order').first().json.Id }}" }),
				simon('Delete Location', { resource: 'location', operation: 'delete', locationId: byId("={{ $('Location').first().json.Id }}") }),
				simon('Delete Customer', { resource: 'customer', operation: 'delete', customerId: byId("={{ $('Customer').first().json.Id }}") }),
			],
		});
		const before = Object.fromEntries(Object.entries(suite.vendor.state.tables).map(([name, table]) => [name, table.size]));
		suite.vendor.emulator.expireSessions();
		const run = await suite.n8n.execute(await suite.n8n.importWorkflow(chain));
		expect(run.error).toBeUndefined();

		const customer = run.output('Customer')[0];
		const location = run.output('Location')[0];
		const order = run.output('Work Order')[0];
		expect(requests('customers:create')[0].body).toEqual({ Name: "Bakkerij 't Stoepje", City: 'Utrecht' });
		expect(requests('locations:create')[0].body).toEqual({ Name: "'t Stoepje, bakery", City: 'Utrecht', CustomerId: customer.Id });
		expect(requests('workorders:create')[0].body).toEqual({
			Description: "Oven service 't Stoepje",
			LocationId: location.Id,
			CustomerId: customer.Id,
			PlannedDate: '2026-12-10T08:00:00Z',
			Priority: 2,
		});
		expect(run.output('Planning')[0]).toMatchObject({ WorkOrderId: order.Id, UserId: user.Id });
		expect(run.output('Time Sheet')[0]).toMatchObject({ WorkOrderId: order.Id, Hours: 2.5 });
		expect(run.output('Used Item')[0]).toMatchObject({ WorkOrderId: order.Id, ItemId: item.Id, Quantity: 2 });

		// the UI-built filter: the location's ID, a value with a quote in it and a date, compiled into one $filter
		const list = requests('workorders:list');
		expect(list).toHaveLength(1);
		expect(list[0].query.$filter).toBe(
			`LocationId eq ${String(location.Id)} and contains(Description,'''t Stoepje') and PlannedDate ge 2026-12-01T00:00:00Z`,
		);
		expect(run.output('Orders Of Location').map((o) => o.Id)).toEqual([order.Id]);

		const upload = requests('attachments:create')[0].body as IDataObject;
		expect(upload).toEqual({ FileName: 'oven plate.png', ContentType: 'image/png', Description: 'type plate', Content: bytes.toString('base64'), WorkOrderId: order.Id });
		expect(run.output('Upload')[0]).not.toHaveProperty('Content');
		expect(run.output('Bytes')[0]).toEqual({ base64: bytes.toString('base64'), fileName: 'oven plate.png', mimeType: 'image/png' });

		// children first, then parents: everything the chain made is gone and nothing else changed
		expect(ops().filter((op) => op?.endsWith(':delete'))).toEqual([
			'attachments:delete',
			'useditems:delete',
			'timesheets:delete',
			'plannings:delete',
			'workorders:delete',
			'workorders:delete',
			'locations:delete',
			'customers:delete',
		]);
		expect(Object.fromEntries(Object.entries(suite.vendor.state.tables).map(([name, table]) => [name, table.size]))).toEqual(before);
		expect(suite.vendor.state.tables.customers.has(String(customer.Id))).toBe(false);
		// one login for the whole chain (the session was expired before it), and the token on every other call
		expect(ops().filter((op) => op === 'login')).toHaveLength(1);
		const stored = await suite.n8n.readCredential(credential.id);
		const log = suite.vendor.emulator.log;
		const loginAt = log.findIndex((r) => r.op === 'login');
		// before the login at most the expired token's one rejected call; after it, the stored token on every call
		expect(log.slice(0, loginAt).map((r) => [r.op, r.status])).toEqual(loginAt === 0 ? [] : [['customers:create', 401]]);
		expect(requests('customers:create').filter((r) => r.status === 201)).toHaveLength(1);
		expect(log.slice(loginAt + 1).every((r) => r.headers.authorization === `Bearer ${String(stored.accessToken)}`)).toBe(true);
		expectNoSecrets(run);
	});
});

describe('Simple-Simon Trigger in a real n8n (activated, polling on each start)', () => {
	const trigger = (name: string, event: string) => ({
		id: crypto.randomUUID(),
		name,
		type: packNodeType('simpleSimonTrigger'),
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: { event, pollTimes: { item: [{ mode: 'everyMinute' }] } },
		credentials: { simpleSimonApi: { id: credential.id, name: credential.name } },
	});
	const watcher: WorkflowJson = {
		id: newId(),
		name: 'Simple-Simon: watch work orders',
		nodes: [trigger('New Work Order', 'newWorkOrder'), trigger('Work Order Updated', 'workOrderUpdated')],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	let first = 0;
	let token = '';

	/** Someone working in Simple-Simon: calls to the emulated API the way another client makes them. */
	async function api(method: string, path: string, body?: IDataObject): Promise<IDataObject> {
		if (token === '') {
			const { lickey, apiKey, username, password } = suite.vendor.state.account;
			const login = await fetch(`${suite.vendor.emulator.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lickey, apiKey, username, password }) });
			token = String(((await login.json()) as IDataObject).access_token);
		}
		const response = await fetch(`${suite.vendor.emulator.url}${path}`, {
			method,
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		expect(response.status).toBeLessThan(300);
		return (await response.json()) as IDataObject;
	}
	const locationId = () => String(rows('locations')[0].Id);
	const createOrder = async (description: string) => String((await api('POST', '/workorders', { Description: description, LocationId: locationId() })).Id);
	const changeOrder = async (id: string, changes: IDataObject) => {
		const current = await api('GET', `/workorders/${id}`);
		await api('PUT', `/workorders/${id}`, { ...current, ...changes });
	};

	const pollOnce = async () => {
		await suite.n8n.start();
		for (let seen = -1, round = 0; round < 60; round++) {
			await delay(750);
			const runs = await suite.n8n.executionsAfter(first, [watcher.id!]);
			const busy = runs.some((run) => run.status === 'new' || run.status === 'running');
			if (!busy && suite.vendor.emulator.log.length === seen) break;
			seen = suite.vendor.emulator.log.length;
		}
		await suite.n8n.stop();
	};

	afterAll(async () => {
		await suite.n8n.unpublish(watcher.id!);
		await suite.n8n.stop();
	});

	it('emits each new work order and each change (status changes included) exactly once over three polls after activation', async () => {
		await suite.n8n.importWorkflow(watcher);
		await suite.n8n.publish(watcher.id!);
		first = await suite.n8n.lastExecutionId();
		const existing = String(rows('workorders')[0].Id);
		await changeOrder(existing, { Remarks: 'changed before activation' });
		await delay(50);
		await pollOnce(); // activation: nothing old
		expect(await suite.n8n.executionsAfter(first, [watcher.id!])).toEqual([]);

		await delay(50);
		const a = await createOrder('Trigger order A');
		await changeOrder(existing, { Status: 'Planned' });
		await pollOnce();

		await delay(50);
		const b = await createOrder('Trigger order B');
		await changeOrder(a, { Status: 'InProgress' });
		await pollOnce();

		await delay(50);
		await changeOrder(existing, { Status: 'Completed' });
		await pollOnce();

		const executions = await suite.n8n.executionsAfter(first, [watcher.id!]);
		expect(executions.length).toBeGreaterThan(0);
		expect(executions.map((run) => run.status)).toEqual(executions.map(() => 'success'));
		const emitted = executions.flatMap((run) => {
			expect(run.mode).toBe('trigger');
			return ['New Work Order', 'Work Order Updated'].flatMap((node) =>
				run.nodesRun().includes(node) ? run.output(node).map((json) => `${node}:${String(json.Id)}:${String(json.Status)}`) : [],
			);
		});
		expect(emitted.sort()).toEqual(
			[
				`New Work Order:${a}:Open`,
				`Work Order Updated:${existing}:Planned`,
				`New Work Order:${b}:Open`,
				`Work Order Updated:${a}:InProgress`,
				`Work Order Updated:${existing}:Completed`,
			].sort(),
		);
		// each poll asks only for what changed since its cursor, oldest first
		const polls = requests('workorders:list').filter((r) => String(r.query.$filter ?? '').includes(' ge '));
		expect(polls.length).toBeGreaterThan(0);
		expect(polls.every((r) => /^(CreatedOn|ModifiedOn) asc,Id asc$/.test(String(r.query.$orderby)))).toBe(true);
	}, 10 * 60 * 1000);
});

describe('Simple-Simon credential test in a real n8n', () => {
	afterAll(async () => await suite.n8n.stop());

	it('passes by really logging in', async () => {
		const fresh: CredentialSpec = { id: newId(), name: 'Simple-Simon (credential test)', type: 'simpleSimonApi', data: suite.vendor.credentialData() };
		const result = await suite.n8n.testCredential(fresh);
		expect(result).toMatchObject({ status: 'OK' });
		expect(ops()[0]).toBe('login');
	}, 5 * 60 * 1000);

	it('fails for a wrong password without leaking it', async () => {
		const wrong: CredentialSpec = {
			id: newId(),
			name: 'Simple-Simon (wrong password)',
			type: 'simpleSimonApi',
			data: { ...suite.vendor.credentialData(), password: 'Wrong-Pass-4321' },
		};
		const result = await suite.n8n.testCredential(wrong);
		expect(result.status).toBe('Error');
		expect(result.message).not.toContain('Wrong-Pass-4321');
	}, 5 * 60 * 1000);
});
