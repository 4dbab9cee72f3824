import type { IDataObject } from 'n8n-workflow';
import { crypto } from 'business-pack-devkit';

import {
	createSimplyCrmEmulator,
	QUERY_ROW_LIMIT,
	type SimplyCrmEmulator,
} from '../../emulators/simply-crm';
import { SYNC_LIMIT } from '../../emulators/simply-crm/backend';
import { formatDateTime } from '../../emulators/simply-crm/state';
import type { VendorEmulator } from '../../emulators/shared/types';
import type { NodeSpec } from '../../test/real-n8n/harness';
import type { BenchJob, BenchVendor, RunContext } from '../types';
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
 * Simply CRM (vtiger 7 webservice): getchallenge + login with md5(token + access key) → sessionName; VTQL query pages
 * of at most 100 rows; sync returns 100 changes per call with `more`. Every job works on Contacts.
 */

const NODE = 'Simply CRM';
const TRIGGER = 'Simply CRM Trigger';
const ADMIN_ID = '19x1';
/** Poll job: the trigger's cursor; the prepared changes come after it (one a second), everything else is older. */
const CURSOR_S = Date.UTC(2030, 0, 1) / 1000;
const CURSOR_TEXT = formatDateTime(CURSOR_S * 1000);
/** Poll job: older contacts left next to the prepared changes. */
const OLDER = 300;

const crm = (vendor: VendorEmulator) => vendor as SimplyCrmEmulator;
const contacts = (vendor: VendorEmulator) => crm(vendor).state.records.Contacts;
const live = (vendor: VendorEmulator) => contacts(vendor).filter((record) => !record.deleted);
const creds = (ctx: RunContext) => ctx.credentialData as Record<string, string>;
const ws = (ctx: RunContext) => `${ctx.baseUrl}/webservice.php`;

const ours = (ctx: RunContext, parameters: IDataObject): NodeSpec[] => [
	{
		name: NODE,
		type: ctx.nodeType('simplyCrm'),
		parameters: {
			resource: 'record',
			...parameters,
			...(ctx.concurrency === undefined ? {} : { concurrency: ctx.concurrency }),
		},
		credentials: { simplyCrmApi: ctx.credential },
	},
];

/** getchallenge, then login with the md5 (n8n's `.hash('md5')` string function): two requests, as users build it. */
const login = (ctx: RunContext): NodeSpec[] => [
	httpRequestNode('Get Challenge', {
		url: ws(ctx),
		qs: { operation: 'getchallenge', username: creds(ctx).username },
	}),
	httpRequestNode('Login', {
		method: 'POST',
		url: ws(ctx),
		form: {
			operation: 'login',
			username: creds(ctx).username,
			accessKey: `={{ ($json.result.token + '${creds(ctx).accessKey}').hash('md5') }}`,
		},
	}),
];
const session = "={{ $('Login').first().json.result.sessionName }}";
const perItem = (ctx: RunContext, call: NodeSpec): NodeSpec[] => [
	onlyFirst(),
	...login(ctx),
	inputItems(),
	call,
];

async function floorLogin(ctx: RunContext): Promise<string> {
	const { username, accessKey } = creds(ctx);
	const challenge = await floorRequest<{ result: { token: string } }>({
		url: `${ws(ctx)}?${new URLSearchParams({ operation: 'getchallenge', username }).toString()}`,
	});
	const hash = crypto
		.createHash('md5')
		.update(challenge.result.token + accessKey)
		.digest('hex');
	const reply = await floorRequest<{ success: boolean; result: { sessionName: string } }>({
		method: 'POST',
		url: ws(ctx),
		form: { operation: 'login', username, accessKey: hash },
	});
	if (!reply.success) throw new Error(`floor login failed: ${JSON.stringify(reply)}`);
	return reply.result.sessionName;
}

async function floorGet<T>(ctx: RunContext, params: Record<string, string>): Promise<T> {
	const reply = await floorRequest<{ success: boolean; result: T; error?: unknown }>({
		url: `${ws(ctx)}?${new URLSearchParams(params).toString()}`,
	});
	if (!reply.success)
		throw new Error(`floor ${params.operation} failed: ${JSON.stringify(reply.error)}`);
	return reply.result;
}

/** Exactly `n` live contacts (the poll job's and extra ones dropped, missing ones added). */
function ensureContacts(vendor: VendorEmulator, n: number): string[] {
	const records = contacts(vendor);
	for (let i = records.length - 1; i >= 0; i--) {
		if (records[i].deleted || records[i].values.modifiedtime >= CURSOR_TEXT) records.splice(i, 1);
	}
	if (records.length > n) records.splice(n);
	for (let i = records.length; i < n; i++)
		crm(vendor).backend.create(
			'Contacts',
			{ lastname: `Bench ${i}`, assigned_user_id: ADMIN_ID },
			1,
		);
	return records.map((record) => record.values.id);
}

const expect = (condition: boolean, message: string) => {
	if (!condition) throw new Error(`simply-crm: ${message}`);
};

const listQuery = (offset: string) =>
	`select * from Contacts order by id limit ${offset}, ${QUERY_ROW_LIMIT};`;

const create: BenchJob = {
	title: (n) => `create ${n.toLocaleString('en')} contacts`,
	prepare(_vendor, n) {
		const marker = runMarker();
		return {
			marker,
			expected: n,
			items: Array.from({ length: n }, (_, i) => ({ lastname: `${marker} ${i}` })),
		};
	},
	ours: (_input, ctx) =>
		ours(ctx, {
			operation: 'create',
			module: 'Contacts',
			columns: {
				mappingMode: 'defineBelow',
				value: { lastname: '={{ $json.lastname }}' },
				matchingColumns: [],
				schema: [
					{
						id: 'lastname',
						displayName: 'lastname',
						required: true,
						defaultMatch: false,
						display: true,
						type: 'string',
						canBeUsedToMatch: true,
					},
				],
			},
		}),
	httpRequest: (_input, ctx) =>
		perItem(
			ctx,
			httpRequestNode('Create Contact', {
				method: 'POST',
				url: ws(ctx),
				form: {
					operation: 'create',
					sessionName: session,
					elementType: 'Contacts',
					element: `={{ JSON.stringify({ lastname: $json.lastname, assigned_user_id: $('Login').first().json.result.userId }) }}`,
				},
				batchSize: ctx.concurrency,
			}),
		),
	async floor(input, ctx) {
		const sessionName = await floorLogin(ctx);
		await pool(input.items.length, ctx.concurrency, async (i) => {
			const element = JSON.stringify({
				lastname: input.items[i].lastname,
				assigned_user_id: ADMIN_ID,
			});
			const reply = await floorRequest<{ success: boolean }>({
				method: 'POST',
				url: ws(ctx),
				form: { operation: 'create', sessionName, elementType: 'Contacts', element },
			});
			if (!reply.success) throw new Error(`floor create failed: ${JSON.stringify(reply)}`);
		});
		return input.items.length;
	},
	verify(vendor, input, outputCount) {
		const names = live(vendor)
			.map((r) => r.values.lastname)
			.filter((name) => name.startsWith(`${String(input.marker)} `));
		expect(
			names.length === input.expected,
			`${names.length} contacts created, expected ${input.expected}`,
		);
		expect(new Set(names).size === names.length, 'a contact was created twice');
		expect(outputCount === input.expected, `${outputCount} items out, expected ${input.expected}`);
	},
	minimumRequests: (n) => n,
};

const get: BenchJob = {
	title: (n) => `get ${n.toLocaleString('en')} contacts by ID`,
	prepare(vendor, n) {
		const ids = live(vendor).map((record) => record.values.id);
		return {
			expected: n,
			items: (ids.length >= n ? ids.slice(0, n) : ensureContacts(vendor, n)).map((id) => ({ id })),
		};
	},
	ours: (_input, ctx) => ours(ctx, { operation: 'get', recordId: '={{ $json.id }}' }),
	httpRequest: (_input, ctx) =>
		perItem(
			ctx,
			httpRequestNode('Get Contact', {
				url: ws(ctx),
				qs: { operation: 'retrieve', sessionName: session, id: '={{ $json.id }}' },
				batchSize: ctx.concurrency,
			}),
		),
	async floor(input, ctx) {
		const sessionName = await floorLogin(ctx);
		await pool(input.items.length, ctx.concurrency, async (i) => {
			await floorGet(ctx, { operation: 'retrieve', sessionName, id: String(input.items[i].id) });
		});
		return input.items.length;
	},
	verify(vendor, input, outputCount) {
		const ids = vendor.emulator.requests('retrieve').map((r) => r.query.id);
		expect(
			ids.length === input.expected,
			`${ids.length} contacts read, expected ${input.expected}`,
		);
		expect(new Set(ids).size === ids.length, 'a contact was read twice');
		expect(outputCount === input.expected, `${outputCount} items out, expected ${input.expected}`);
	},
	minimumRequests: (n) => n,
};

const list: BenchJob = {
	title: (n) => `list ${n.toLocaleString('en')} contacts (Return All)`,
	prepare(vendor, n) {
		ensureContacts(vendor, n);
		return { expected: n, items: [{}] };
	},
	ours: (_input, ctx) => ours(ctx, { operation: 'getAll', module: 'Contacts', returnAll: true }),
	httpRequest: (_input, ctx) => [
		...login(ctx),
		httpRequestNode('Query Contacts', {
			url: ws(ctx),
			qs: { operation: 'query', sessionName: session, query: listQuery('0') },
			pagination: {
				paginationMode: 'updateAParameterInEachRequest',
				parameters: {
					parameters: [
						{
							type: 'qs',
							name: 'query',
							value: `=${listQuery(`{{ $pageCount * ${QUERY_ROW_LIMIT} }}`)}`,
						},
					],
				},
				paginationCompleteWhen: 'other',
				completeExpression: `={{ $response.body.result.length < ${QUERY_ROW_LIMIT} }}`,
			},
		}),
		splitOut('result'),
	],
	async floor(_input, ctx) {
		const sessionName = await floorLogin(ctx);
		let rows = 0;
		for (let offset = 0; ; offset += QUERY_ROW_LIMIT) {
			const page = await floorGet<unknown[]>(ctx, {
				operation: 'query',
				sessionName,
				query: listQuery(String(offset)),
			});
			rows += page.length;
			if (page.length < QUERY_ROW_LIMIT) return rows;
		}
	},
	verify(vendor, input, outputCount) {
		expect(live(vendor).length === input.expected, `${live(vendor).length} contacts on the server`);
		expect(
			outputCount === input.expected,
			`${outputCount} contacts listed, expected ${input.expected}`,
		);
	},
	maxPageSize: QUERY_ROW_LIMIT,
	minimumRequests: (n) => Math.ceil(n / QUERY_ROW_LIMIT),
};

const poll: BenchJob = {
	title: (n) => `trigger poll over ${n.toLocaleString('en')} changed contacts`,
	prepare(vendor, n) {
		// a few hundred older contacts, not the list job's 20,000: the emulator scans the whole module per sync call
		ensureContacts(vendor, Math.min(live(vendor).length, OLDER));
		const records = contacts(vendor);
		for (let i = 0; i < n; i++) {
			crm(vendor).backend.create(
				'Contacts',
				{ lastname: `Changed ${i}`, assigned_user_id: ADMIN_ID },
				1,
			);
			const record = records[records.length - 1];
			// one change a second after the cursor: sync pages hold exactly 100
			record.values.createdtime = record.values.modifiedtime = formatDateTime(
				(CURSOR_S + i + 1) * 1000,
			);
		}
		return { expected: n, items: [{}] };
	},
	ours: () => [],
	httpRequest: (_input, ctx) => [
		...login(ctx),
		httpRequestNode('Sync Contacts', {
			url: ws(ctx),
			qs: {
				operation: 'sync',
				sessionName: session,
				elementType: 'Contacts',
				modifiedTime: String(CURSOR_S),
			},
			pagination: {
				paginationMode: 'updateAParameterInEachRequest',
				parameters: {
					parameters: [
						{
							type: 'qs',
							name: 'modifiedTime',
							value: '={{ $response.body.result.lastModifiedTime }}',
						},
					],
				},
				paginationCompleteWhen: 'other',
				completeExpression: '={{ !$response.body.result.more }}',
			},
		}),
		splitOut('result.updated'),
	],
	async floor(_input, ctx) {
		const sessionName = await floorLogin(ctx);
		let rows = 0;
		for (let since = CURSOR_S; ; ) {
			const page = await floorGet<{ updated: unknown[]; more: boolean; lastModifiedTime: number }>(
				ctx,
				{
					operation: 'sync',
					sessionName,
					elementType: 'Contacts',
					modifiedTime: String(since),
				},
			);
			rows += page.updated.length;
			if (!page.more) return rows;
			since = page.lastModifiedTime;
		}
	},
	verify(_vendor, input, outputCount) {
		expect(
			outputCount === input.expected,
			`${outputCount} changes read, expected ${input.expected}`,
		);
	},
	maxPageSize: SYNC_LIMIT,
	minimumRequests: (n) => Math.ceil(n / SYNC_LIMIT),
	trigger: {
		node: (ctx) => ({
			name: TRIGGER,
			type: ctx.nodeType('simplyCrmTrigger'),
			parameters: {
				event: 'createdOrUpdated',
				scope: 'one',
				module: 'Contacts',
				source: 'sync',
				syncType: 'user',
				pollTimes: { item: [{ mode: 'everyHour' }] },
			},
			credentials: { simplyCrmApi: ctx.credential },
		}),
		// the trigger's TriggerState (SimplyCrmTrigger.node.ts): watching = source:module:syncType
		staticData: () => ({
			[`node:${TRIGGER}`]: {
				watching: 'sync:Contacts:user',
				syncTime: CURSOR_S,
				lastModified: CURSOR_TEXT,
				seen: [],
				seenDeleted: [],
			},
		}),
	},
};

export const vendor: BenchVendor = {
	vendor: 'simply-crm',
	label: 'Simply CRM',
	createEmulator: ({ latencyMs }) => createSimplyCrmEmulator({ latencyMs }),
	credentialType: 'simplyCrmApi',
	loginOps: ['getchallenge', 'login'],
	jobs: { create, get, list, poll },
};
