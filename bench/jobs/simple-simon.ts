import type { IDataObject } from 'n8n-workflow';

import { createSimpleSimonEmulator, type SimpleSimonState } from '../../emulators/simple-simon';
import { makeRow, stableGuid } from '../../emulators/simple-simon/seed';
import type { VendorEmulator } from '../../emulators/shared/types';
import type { NodeSpec } from '../../test/real-n8n/harness';
import type { BenchJob, BenchVendor, JobInput, RunContext } from '../types';
import {
	floorRequest,
	httpRequestNode,
	inputItems,
	onlyFirst,
	pool,
	runMarker,
	splitOut,
} from './kit';

/*
 * Simple-Simon: bearer token from POST /login, OData collections paged by the server (100 rows and an
 * @odata.nextLink). Every job works on customers, the collection the trigger's "New Customer" event watches.
 */

type SimpleSimon = VendorEmulator<SimpleSimonState>;
const NODE = 'Simple-Simon';
const TRIGGER = 'Simple-Simon Trigger';
/** The server's page size (emulator default; $top above it is cut to it). */
const PAGE = 100;
/** Poll job: the trigger's cursor; the prepared changes come after it, everything else is older. */
const CURSOR = '2030-01-01T00:00:00.000Z';
const CURSOR_MS = Date.parse(CURSOR);
/** Poll job: older customers left next to the prepared changes. */
const OLDER = 300;

const state = (vendor: VendorEmulator) => (vendor as SimpleSimon).state;
const customers = (vendor: VendorEmulator) => state(vendor).tables.customers;
const creds = (ctx: RunContext) => ctx.credentialData as Record<string, string>;

const ours = (ctx: RunContext, parameters: IDataObject): NodeSpec[] => [
	{
		name: NODE,
		type: ctx.nodeType('simpleSimon'),
		parameters: {
			resource: 'customer',
			...parameters,
			...(ctx.concurrency === undefined ? {} : { concurrency: ctx.concurrency }),
		},
		credentials: { simpleSimonApi: ctx.credential },
	},
];

/** What a user builds with HTTP Request nodes: log in (once), then the calls with the bearer token. */
const login = (ctx: RunContext): NodeSpec =>
	httpRequestNode('Login', {
		method: 'POST',
		url: `${ctx.baseUrl}/login`,
		json: {
			lickey: creds(ctx).licenceKey,
			apiKey: creds(ctx).apiKey,
			username: creds(ctx).username,
			password: creds(ctx).password,
		},
	});
const bearer = { Authorization: "=Bearer {{ $('Login').first().json.access_token }}" };
const perItem = (ctx: RunContext, call: NodeSpec): NodeSpec[] => [
	onlyFirst(),
	login(ctx),
	inputItems(),
	call,
];

async function floorLogin(ctx: RunContext): Promise<Record<string, string>> {
	const c = creds(ctx);
	const reply = await floorRequest<{ access_token: string }>({
		method: 'POST',
		url: `${ctx.baseUrl}/login`,
		json: { lickey: c.licenceKey, apiKey: c.apiKey, username: c.username, password: c.password },
	});
	return { authorization: `Bearer ${reply.access_token}` };
}

/** Follows @odata.nextLink from `url`; the rows read. */
async function floorPages(ctx: RunContext, url: string): Promise<number> {
	const headers = await floorLogin(ctx);
	let rows = 0;
	for (let next: string | undefined = url; next !== undefined; ) {
		const page: IDataObject = await floorRequest({ url: next, headers });
		rows += (page.value as unknown[]).length;
		next = page['@odata.nextLink'] as string | undefined;
	}
	return rows;
}

const nextLinkPaging = {
	paginationMode: 'responseContainsNextURL',
	nextURL: '={{ $response.body["@odata.nextLink"] }}',
	paginationCompleteWhen: 'other',
	completeExpression: '={{ !$response.body["@odata.nextLink"] }}',
};

/** Exactly `n` customers (extra ones dropped, missing ones added with CreatedOn before the poll cursor). */
function ensureCustomers(vendor: VendorEmulator, n: number): string[] {
	const table = customers(vendor);
	for (const [id, row] of table) if (String(row.CreatedOn) >= CURSOR) table.delete(id);
	const ids = [...table.keys()];
	for (const id of ids.slice(n)) table.delete(id);
	for (let i = ids.length; i < n; i++) {
		const id = stableGuid(`bench:customer:${i}`);
		table.set(
			id,
			makeRow('customers', id, { Name: `Bench customer ${i}` }, '2026-01-01T00:00:00.000Z'),
		);
		ids.push(id);
	}
	return ids.slice(0, n);
}

const expect = (condition: boolean, message: string) => {
	if (!condition) throw new Error(`simple-simon: ${message}`);
};

const create: BenchJob = {
	title: (n) => `create ${n.toLocaleString('en')} customers`,
	prepare(_vendor, n) {
		const marker = runMarker();
		return {
			marker,
			expected: n,
			items: Array.from({ length: n }, (_, i) => ({ Name: `${marker} ${i}` })),
		};
	},
	ours: (_input, ctx) =>
		ours(ctx, {
			operation: 'create',
			inputMode: 'fields',
			fields: { field: [{ name: 'Name', value: '={{ $json.Name }}' }] },
		}),
	httpRequest: (_input, ctx) =>
		perItem(
			ctx,
			httpRequestNode('Create Customer', {
				method: 'POST',
				url: `${ctx.baseUrl}/customers`,
				headers: bearer,
				json: { Name: '={{ $json.Name }}' },
				batchSize: ctx.concurrency,
			}),
		),
	async floor(input, ctx) {
		const headers = await floorLogin(ctx);
		await pool(input.items.length, ctx.concurrency, async (i) => {
			await floorRequest({
				method: 'POST',
				url: `${ctx.baseUrl}/customers`,
				headers,
				json: { Name: input.items[i].Name },
			});
		});
		return input.items.length;
	},
	verify(vendor, input, outputCount) {
		const names = [...customers(vendor).values()]
			.map((row) => String(row.Name))
			.filter((name) => name.startsWith(`${String(input.marker)} `));
		expect(
			names.length === input.expected,
			`${names.length} customers created, expected ${input.expected}`,
		);
		expect(new Set(names).size === names.length, 'a customer was created twice');
		expect(outputCount === input.expected, `${outputCount} items out, expected ${input.expected}`);
	},
	minimumRequests: (n) => n,
};

const get: BenchJob = {
	title: (n) => `get ${n.toLocaleString('en')} customers by ID`,
	prepare(vendor, n) {
		const ids = [...customers(vendor).keys()];
		const wanted = ids.length >= n ? ids.slice(0, n) : ensureCustomers(vendor, n);
		return { expected: n, items: wanted.map((id) => ({ id })) };
	},
	ours: (_input, ctx) =>
		ours(ctx, {
			operation: 'get',
			customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		}),
	httpRequest: (_input, ctx) =>
		perItem(
			ctx,
			httpRequestNode('Get Customer', {
				url: `=${ctx.baseUrl}/customers/{{ $json.id }}`,
				headers: bearer,
				batchSize: ctx.concurrency,
			}),
		),
	async floor(input, ctx) {
		const headers = await floorLogin(ctx);
		await pool(input.items.length, ctx.concurrency, async (i) => {
			await floorRequest({ url: `${ctx.baseUrl}/customers/${String(input.items[i].id)}`, headers });
		});
		return input.items.length;
	},
	verify(vendor, input, outputCount) {
		const paths = vendor.emulator
			.requests('customers:get')
			.filter((r) => r.status === 200)
			.map((r) => r.path);
		expect(
			paths.length === input.expected,
			`${paths.length} customers read, expected ${input.expected}`,
		);
		expect(new Set(paths).size === paths.length, 'a customer was read twice');
		expect(outputCount === input.expected, `${outputCount} items out, expected ${input.expected}`);
	},
	minimumRequests: (n) => n,
};

const list: BenchJob = {
	title: (n) => `list ${n.toLocaleString('en')} customers (Return All)`,
	prepare(vendor, n) {
		ensureCustomers(vendor, n);
		return { expected: n, items: [{}] };
	},
	ours: (_input, ctx) => ours(ctx, { operation: 'getAll', returnAll: true }),
	httpRequest: (_input, ctx) => [
		login(ctx),
		httpRequestNode('List Customers', {
			url: `${ctx.baseUrl}/customers`,
			headers: bearer,
			pagination: nextLinkPaging,
		}),
		splitOut('value'),
	],
	floor: async (_input, ctx) => await floorPages(ctx, `${ctx.baseUrl}/customers`),
	verify(vendor, input, outputCount) {
		expect(
			customers(vendor).size === input.expected,
			`${customers(vendor).size} customers on the server`,
		);
		expect(
			outputCount === input.expected,
			`${outputCount} customers listed, expected ${input.expected}`,
		);
	},
	maxPageSize: PAGE,
	minimumRequests: (n) => Math.ceil(n / PAGE),
};

const changesFilter = `CreatedOn ge ${CURSOR}`;
const changesOrder = 'CreatedOn asc,Id asc';

const poll: BenchJob = {
	title: (n) => `trigger poll over ${n.toLocaleString('en')} new customers`,
	prepare(vendor, n) {
		// a few hundred older customers, not the list job's 20,000: the emulator filters and sorts the whole table per page
		ensureCustomers(vendor, Math.min(customers(vendor).size, OLDER));
		const table = customers(vendor);
		for (let i = 0; i < n; i++) {
			const id = stableGuid(`bench:new-customer:${i}`);
			const at = new Date(CURSOR_MS + (i + 1) * 1000).toISOString();
			table.set(id, makeRow('customers', id, { Name: `New customer ${i}` }, at));
		}
		return { expected: n, items: [{}], apiRoot: vendor.emulator.url };
	},
	// the poll job runs our trigger (below), not an action node
	ours: () => [],
	httpRequest: (_input, ctx) => [
		login(ctx),
		httpRequestNode('New Customers', {
			url: `${ctx.baseUrl}/customers`,
			qs: { $filter: changesFilter, $orderby: changesOrder },
			headers: bearer,
			pagination: nextLinkPaging,
		}),
		splitOut('value'),
	],
	floor: async (_input, ctx) =>
		await floorPages(
			ctx,
			`${ctx.baseUrl}/customers?${new URLSearchParams({ $filter: changesFilter, $orderby: changesOrder }).toString()}`,
		),
	verify(_vendor, input, outputCount) {
		expect(
			outputCount === input.expected,
			`${outputCount} changes read, expected ${input.expected}`,
		);
	},
	maxPageSize: PAGE,
	minimumRequests: (n) => Math.ceil(n / PAGE),
	trigger: {
		node: (ctx) => ({
			name: TRIGGER,
			type: ctx.nodeType('simpleSimonTrigger'),
			parameters: {
				event: 'newCustomer',
				pollTimes: { item: [{ mode: 'everyHour' }] },
				options: {},
			},
			credentials: { simpleSimonApi: ctx.credential },
		}),
		// the trigger's TriggerState (SimpleSimonTrigger.node.ts): watching = API root + path | date field
		staticData: (input: JobInput) => ({
			[`node:${TRIGGER}`]: {
				watching: `${String(input.apiRoot)}/customers|CreatedOn`,
				cursor: CURSOR,
				seen: [],
			},
		}),
	},
};

export const vendor: BenchVendor = {
	vendor: 'simple-simon',
	label: 'Simple-Simon',
	createEmulator: ({ latencyMs }) =>
		createSimpleSimonEmulator({ latencyMs, sessionTtlMs: 24 * 3600 * 1000 }),
	credentialType: 'simpleSimonApi',
	loginOps: ['login'],
	jobs: { create, get, list, poll },
};
