import type { IDataObject } from 'n8n-workflow';

import { createSimpleSalonEmulator, type SimpleSalonEmulator } from '../../emulators/simple-salon';
import { FIRST_CLIENT_ID, seedClients } from '../../emulators/simple-salon/seed';
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
 * Simple Salon: login (partner + company tokens, user, password) answers a token and the `api_url` every other
 * method lives under; every method is a POST with a JSON body. Jobs work on clients: add, get by ID, list all
 * (`rows_per_page: -1` is documented for client/list: every client in one response) and the New Client trigger
 * (client IDs only grow: clients above the last one seen, newest first).
 */

/** Clients the salon has besides the ones a job adds or watches (the emulator's default seed). */
const BASE_CLIENTS = 320;
/** The largest page the API serves when paging (`rows_per_page` above it is cut to it; the docs name no maximum). */
const PAGE = 100;
const LOGIN = 'Login';
const OURS = 'Simple Salon';
const TRIGGER = 'Simple Salon Trigger';

const salonOf = (vendor: VendorEmulator) => vendor as SimpleSalonEmulator;

/** The salon's clients become `count` seeded ones (IDs from FIRST_CLIENT_ID up); sessions and the log stay. */
function seedSalon(vendor: VendorEmulator, count: number): void {
	const { state } = salonOf(vendor);
	state.clients = new Map(seedClients(count).map((client) => [client.client_id, client]));
	state.nextClientId = FIRST_CLIENT_ID + count;
}

// ------------------------------------------------------------------------------------------------ the user's nodes

/** What a user types into the login request: the credential's values, pasted in. */
function loginNodes(ctx: RunContext): NodeSpec[] {
	const data = ctx.credentialData;
	return [
		onlyFirst(),
		httpRequestNode(LOGIN, {
			method: 'POST',
			url: `${String(data.customUrl)}/v1/login`,
			headers: {
				'X-Partner-Token': String(data.partnerToken),
				'X-Company-Token': String(data.companyToken),
				'User-Agent': 'n8n HTTP Request',
			},
			json: {
				username: String(data.username),
				password: String(data.password),
				company_id: `={{ ${Number(data.companyId)} }}`,
			},
		}),
	];
}

const API = `={{ $('${LOGIN}').first().json.api_url }}`;
const BEARER = { Authorization: `=Bearer {{ $('${LOGIN}').first().json.token }}` };

/** One request per item after the login, with the items brought back. */
function perItem(
	ctx: RunContext,
	name: string,
	method: string,
	json: Record<string, string>,
): NodeSpec[] {
	return [
		...loginNodes(ctx),
		inputItems(),
		httpRequestNode(name, {
			method: 'POST',
			url: `${API}/v1/${method}`,
			headers: BEARER,
			json,
			batchSize: ctx.concurrency,
		}),
	];
}

/** client/list page by page (`options` replaced on every request), then one item per client. */
function listPages(
	ctx: RunContext,
	filters: string,
	sort: string | undefined,
	complete: string,
): NodeSpec[] {
	const options = `{ page_number: $pageCount + 1, rows_per_page: ${PAGE}${sort ? `, sort_expression: '${sort}'` : ''} }`;
	return [
		...loginNodes(ctx),
		httpRequestNode('List Clients', {
			method: 'POST',
			url: `${API}/v1/client/list`,
			headers: BEARER,
			// `options` (page number and size) comes from the pagination setting, on the first request too
			json: { filters },
			pagination: {
				paginationMode: 'updateAParameterInEachRequest',
				parameters: { parameters: [{ type: 'body', name: 'options', value: `={{ ${options} }}` }] },
				paginationCompleteWhen: 'other',
				completeExpression: `={{ ${complete} }}`,
			},
		}),
		splitOut('clients'),
	];
}

const ours = (ctx: RunContext, parameters: IDataObject): NodeSpec[] => [
	{
		name: OURS,
		type: ctx.nodeType('simpleSalon'),
		parameters: {
			resource: 'client',
			...parameters,
			...(ctx.concurrency === undefined ? {} : { concurrency: ctx.concurrency }),
		},
		credentials: { simpleSalonApi: ctx.credential },
	},
];

// ------------------------------------------------------------------------------------------------ the floor

interface Session {
	api: string;
	token: string;
}

async function floorLogin(ctx: RunContext): Promise<Session> {
	const data = ctx.credentialData;
	const reply = await floorRequest({
		method: 'POST',
		url: `${String(data.customUrl)}/v1/login`,
		headers: {
			'x-partner-token': String(data.partnerToken),
			'x-company-token': String(data.companyToken),
			'user-agent': 'undici floor',
		},
		json: { username: data.username, password: data.password, company_id: Number(data.companyId) },
	});
	return { api: String(succeeded(reply).api_url), token: String(reply.token) };
}

/** The envelope of a successful call; Simple Salon answers errors as `success: false` on HTTP 200. */
function succeeded(reply: IDataObject): IDataObject {
	if (reply.success !== true)
		throw new Error(`Simple Salon refused the call: ${JSON.stringify(reply.error)}`);
	return reply;
}

const call = async (session: Session, method: string, json: IDataObject) =>
	succeeded(
		await floorRequest({
			method: 'POST',
			url: `${session.api}/v1/${method}`,
			headers: { authorization: `Bearer ${session.token}` },
			json,
		}),
	);

async function floorPerItem(
	input: JobInput,
	ctx: RunContext,
	method: string,
	body: (item: IDataObject) => IDataObject,
) {
	const session = await floorLogin(ctx);
	await pool(input.items.length, ctx.concurrency, async (index) => {
		await call(session, method, body(input.items[index]));
	});
	return input.items.length;
}

// ------------------------------------------------------------------------------------------------ checks

function check(condition: boolean, message: string): asserts condition {
	if (!condition) throw new Error(`Simple Salon bench: ${message}`);
}

function expectRead(
	vendor: VendorEmulator,
	input: JobInput,
	outputCount: number,
	clients: number,
): void {
	check(
		outputCount === input.expected,
		`expected ${input.expected} output items, got ${outputCount}`,
	);
	check(
		salonOf(vendor).state.clients.size === clients,
		`a read changed the clients (${salonOf(vendor).state.clients.size}, expected ${clients})`,
	);
}

// ------------------------------------------------------------------------------------------------ jobs

const create: BenchJob = {
	title: (n) => `add ${n.toLocaleString('en')} clients`,
	prepare(vendor, n) {
		seedSalon(vendor, BASE_CLIENTS);
		const marker = runMarker();
		return {
			marker,
			expected: n,
			items: Array.from({ length: n }, (_, i) => ({
				firstname: 'Bench',
				lastname: `${marker}-${i}`,
			})),
		};
	},
	ours: (_input, ctx) =>
		ours(ctx, {
			operation: 'add',
			firstName: '={{ $json.firstname }}',
			additionalFields: { lastname: '={{ $json.lastname }}' },
		}),
	httpRequest: (_input, ctx) =>
		perItem(ctx, 'Add Client', 'client/add', {
			'client.firstname': '={{ $json.firstname }}',
			'client.lastname': '={{ $json.lastname }}',
		}),
	floor: (input, ctx) =>
		floorPerItem(input, ctx, 'client/add', (item) => ({
			client: { firstname: item.firstname, lastname: item.lastname },
		})),
	verify(vendor, input, outputCount) {
		const prefix = `${String(input.marker)}-`;
		const made = [...salonOf(vendor).state.clients.values()].filter((client) =>
			client.lastname.startsWith(prefix),
		);
		const distinct = new Set(made.map((client) => client.lastname));
		check(
			made.length === input.expected,
			`${made.length} clients added, expected ${input.expected}`,
		);
		check(distinct.size === input.expected, `${made.length - distinct.size} clients added twice`);
		check(
			outputCount === input.expected,
			`expected ${input.expected} output items, got ${outputCount}`,
		);
	},
	minimumRequests: (n) => n,
};

const get: BenchJob = {
	title: (n) => `get ${n.toLocaleString('en')} clients by ID`,
	prepare(vendor, n) {
		seedSalon(vendor, Math.max(n, BASE_CLIENTS));
		return {
			expected: n,
			items: Array.from({ length: n }, (_, i) => ({ clientId: FIRST_CLIENT_ID + i })),
		};
	},
	ours: (_input, ctx) => ours(ctx, { operation: 'get', clientId: '={{ $json.clientId }}' }),
	httpRequest: (_input, ctx) =>
		perItem(ctx, 'Get Client', 'client/get', { client_id: '={{ $json.clientId }}' }),
	floor: (input, ctx) =>
		floorPerItem(input, ctx, 'client/get', (item) => ({ client_id: item.clientId })),
	verify: (vendor, input, outputCount) =>
		expectRead(vendor, input, outputCount, Math.max(input.expected, BASE_CLIENTS)),
	minimumRequests: (n) => n,
};

const list: BenchJob = {
	title: (n) => `list ${n.toLocaleString('en')} clients (Return All)`,
	prepare(vendor, n) {
		seedSalon(vendor, n);
		return { expected: n, items: [{}] };
	},
	ours: (_input, ctx) => ours(ctx, { operation: 'getAll', returnAll: true }),
	// pages of the largest size served; the last page is the first one short of it
	httpRequest: (_input, ctx) =>
		listPages(ctx, '={{ {} }}', undefined, `$response.body.clients.length < ${PAGE}`),
	async floor(_input, ctx) {
		const session = await floorLogin(ctx);
		const reply = await call(session, 'client/list', {
			filters: {},
			options: { rows_per_page: -1 },
		});
		return (reply.clients as IDataObject[]).length;
	},
	verify: (vendor, input, outputCount) => expectRead(vendor, input, outputCount, input.expected),
	// "rows_per_page can be -1 to retrieve all clients": one request, whatever n
	minimumRequests: () => 1,
};

/** The New Client trigger's cursor: the highest client ID it has seen (see SimpleSalonTrigger's TriggerState). */
const cursorOf = (input: JobInput) => Number(input.lastClientId);

const poll: BenchJob = {
	title: (n) => `poll ${n.toLocaleString('en')} new clients`,
	prepare(vendor, n) {
		seedSalon(vendor, BASE_CLIENTS + n);
		return {
			expected: n,
			lastClientId: FIRST_CLIENT_ID + BASE_CLIENTS - 1,
			items: [{ lastClientId: FIRST_CLIENT_ID + BASE_CLIENTS - 1 }],
		};
	},
	// the poll job runs our trigger (below), not an action node
	ours: () => [],
	// what a user polls with: newest first until a page reaches the last client seen, then only the new ones
	httpRequest: (input, ctx) => [
		...listPages(
			ctx,
			'={{ {} }}',
			'client_id desc',
			`$response.body.clients.length < ${PAGE} || $response.body.clients[$response.body.clients.length - 1].client_id <= ${cursorOf(input)}`,
		),
		{
			name: 'New Clients',
			type: 'n8n-nodes-base.filter',
			typeVersion: 2,
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 1 },
					conditions: [
						{
							id: 'new-client',
							leftValue: '={{ $json.client_id }}',
							rightValue: `={{ ${cursorOf(input)} }}`,
							operator: { type: 'number', operation: 'gt' },
						},
					],
					combinator: 'and',
				},
				options: {},
			},
		},
	],
	async floor(input, ctx) {
		const session = await floorLogin(ctx);
		let found = 0;
		for (let page = 1; ; page++) {
			const reply = await call(session, 'client/list', {
				filters: {},
				options: { page_number: page, rows_per_page: PAGE, sort_expression: 'client_id desc' },
			});
			const ids = (reply.clients as IDataObject[]).map((client) => Number(client.client_id));
			found += ids.filter((id) => id > cursorOf(input)).length;
			if (ids.length < PAGE || ids[ids.length - 1] <= cursorOf(input)) return found;
		}
	},
	verify: (vendor, input, outputCount) =>
		expectRead(vendor, input, outputCount, BASE_CLIENTS + input.expected),
	maxPageSize: PAGE,
	// newest first in pages of the largest size served, until a page shows a known client or runs short: no total
	// tells where the new ones end (-1 would read every client on every poll)
	minimumRequests: (n) => Math.floor(n / PAGE) + 1,
	trigger: {
		node: (ctx) => triggerNode(ctx),
		// workflow static data: the trigger keeps its cursor under `node:<name>` (getWorkflowStaticData('node'))
		staticData: (input) => ({
			[`node:${TRIGGER}`]: {
				watching: 'clients',
				lastClientId: cursorOf(input),
				clientsUnsorted: false,
			},
		}),
	},
};

function triggerNode(ctx: RunContext): NodeSpec {
	return {
		name: TRIGGER,
		type: ctx.nodeType('simpleSalonTrigger'),
		parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'clientAdded' },
		credentials: { simpleSalonApi: ctx.credential },
	};
}

export const vendor: BenchVendor = {
	vendor: 'simple-salon',
	label: 'Simple Salon',
	// tokens outlive the bench (default 1 h): steady state means no renewal mid-run
	createEmulator: ({ latencyMs }) =>
		createSimpleSalonEmulator({ latencyMs, sessionTtlMs: 24 * 3600 * 1000 }),
	credentialType: 'simpleSalonApi',
	// a refresh renews the token in place of a login
	loginOps: ['login', 'refresh'],
	jobs: { create, get, list, poll },
};
