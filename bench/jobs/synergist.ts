import type { IDataObject } from 'n8n-workflow';
import { now } from 'business-pack-devkit';

import { createSynergistEmulator, type SynergistEmulator } from '../../emulators/synergist';
import { seedClients, seedJobs } from '../../emulators/synergist/seed';
import type { VendorEmulator } from '../../emulators/shared/types';
import { INPUT_NODE, type NodeSpec } from '../../test/real-n8n/harness';
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
 * Synergist: every call is a GET on /jsonapi/<area>.json with `user` + `sha512password` in the query string; the
 * hash comes from `users.json?action=GETSHA512` with the plain password (the login). Jobs work on jobs: create (one
 * job per call, from a template job), get by job number, list all of a company, and the Job Updated trigger (jobs
 * whose modified time falls in the window since the previous poll).
 */

const COMPANY = 1;
/** The template every created job copies (the seed's job 1 is a template). */
const TEMPLATE = '1/00000001';
const CLIENT = '1/F667';
/** Jobs the company has besides the ones a job reads or changes (the emulator's default seed). */
const BASE_JOBS = 240;
/** Get Many's default page size (nodes/Synergist/resources/job.ts JOB_PAGE_SIZE); the reference names no maximum. */
const LIST_PAGE = 50;
/** The trigger's page size (nodes/Synergist/SynergistTrigger.node.ts PAGE_SIZE). */
const POLL_PAGE = 100;
const LOGIN = 'Login';
const OURS = 'Synergist';
const TRIGGER = 'Synergist Trigger';
const DAY = 86_400;

const synergistOf = (vendor: VendorEmulator) => vendor as SynergistEmulator;

/** Company 1 gets `count` seeded jobs (job 1 the template; the seed's 6 jobs of company 8 stay); users and hashes stay. */
function seedSynergist(vendor: VendorEmulator, count: number): void {
	const { state } = synergistOf(vendor);
	state.jobs = new Map(seedJobs(count, seedClients()).map((job) => [job.jobNumber, job]));
	state.companies.get(COMPANY)!.nextJobNumber = count + 1;
}

const jobsOf = (vendor: VendorEmulator) =>
	[...synergistOf(vendor).state.jobs.values()].filter((job) => job.company === COMPANY);

// ------------------------------------------------------------------------------------------------ the user's nodes

const HASH = `={{ $('${LOGIN}').first().json.data[0].userPasswordSha512 }}`;

/** What a user types in: the server, user and password pasted in; GETSHA512 once per run. */
function loginNodes(ctx: RunContext): NodeSpec[] {
	const data = ctx.credentialData;
	return [
		onlyFirst(),
		httpRequestNode(LOGIN, {
			url: `${String(data.url)}/jsonapi/users.json`,
			qs: {
				user: String(data.username),
				password: String(data.password),
				action: 'GETSHA512',
				version: '3.2',
			},
		}),
	];
}

/** A jobs.json call with the hash from the login (query parameters may be expressions). */
function jobsCall(
	ctx: RunContext,
	name: string,
	qs: Record<string, string>,
	extra: { batchSize?: number; pagination?: IDataObject } = {},
): NodeSpec {
	return httpRequestNode(name, {
		url: `${String(ctx.credentialData.url)}/jsonapi/jobs.json`,
		qs: {
			user: String(ctx.credentialData.username),
			sha512password: HASH,
			version: '3.2',
			company: String(COMPANY),
			...qs,
		},
		...extra,
	});
}

/** Page by page (`page` counted by n8n) until the last page `totalpages` reports, then one item per row. */
function listPages(ctx: RunContext, qs: Record<string, string>, rows: number): NodeSpec[] {
	return [
		...loginNodes(ctx),
		jobsCall(
			ctx,
			'List Jobs',
			{ style: 'modeldata', modelstructure: 'jobslist', rows: String(rows), ...qs },
			{
				pagination: {
					paginationMode: 'updateAParameterInEachRequest',
					parameters: {
						parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }],
					},
					paginationCompleteWhen: 'other',
					completeExpression: '={{ $response.body.pagenumber >= $response.body.totalpages }}',
				},
			},
		),
		splitOut('data'),
	];
}

const ours = (ctx: RunContext, parameters: IDataObject): NodeSpec[] => [
	{
		name: OURS,
		type: ctx.nodeType('synergist'),
		parameters: {
			resource: 'job',
			...parameters,
			...(ctx.concurrency === undefined ? {} : { concurrency: ctx.concurrency }),
		},
		credentials: { synergistApi: ctx.credential },
	},
];

// ------------------------------------------------------------------------------------------------ the floor

type Query = Record<string, string | number>;

const url = (ctx: RunContext, area: string, query: Query) =>
	`${String(ctx.credentialData.url)}/jsonapi/${area}.json?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString()}`;

/** The envelope of a successful call (data problems come as `success: false` on HTTP 200). */
function succeeded(reply: IDataObject): IDataObject {
	if (reply.success !== true && reply.success !== 'true')
		throw new Error(`Synergist refused the call: ${String(reply.errormessage)}`);
	return reply;
}

/** GETSHA512, then a caller for jobs.json with the hash. */
async function floorLogin(ctx: RunContext): Promise<(query: Query) => Promise<IDataObject>> {
	const data = ctx.credentialData;
	const reply = await floorRequest({
		url: url(ctx, 'users', {
			user: String(data.username),
			password: String(data.password),
			action: 'GETSHA512',
			version: '3.2',
		}),
	});
	const hash = String((succeeded(reply).data as IDataObject[])[0].userPasswordSha512);
	const auth = {
		user: String(data.username),
		sha512password: hash,
		version: '3.2',
		company: COMPANY,
	};
	return async (query) =>
		succeeded(await floorRequest({ url: url(ctx, 'jobs', { ...auth, ...query }) }));
}

async function floorPerItem(input: JobInput, ctx: RunContext, query: (item: IDataObject) => Query) {
	const jobs = await floorLogin(ctx);
	await pool(input.items.length, ctx.concurrency, async (index) => {
		await jobs(query(input.items[index]));
	});
	return input.items.length;
}

async function floorPages(ctx: RunContext, query: Query, rows: number): Promise<number> {
	const jobs = await floorLogin(ctx);
	let found = 0;
	for (let page = 1; ; page++) {
		const reply = await jobs({
			style: 'modeldata',
			modelstructure: 'jobslist',
			...query,
			rows,
			page,
		});
		found += (reply.data as IDataObject[]).length;
		if (Number(reply.pagenumber) >= Number(reply.totalpages)) return found;
	}
}

// ------------------------------------------------------------------------------------------------ checks

function check(condition: boolean, message: string): asserts condition {
	if (!condition) throw new Error(`Synergist bench: ${message}`);
}

function expectRead(
	vendor: VendorEmulator,
	input: JobInput,
	outputCount: number,
	jobs: number,
): void {
	check(
		outputCount === input.expected,
		`expected ${input.expected} output items, got ${outputCount}`,
	);
	check(
		jobsOf(vendor).length === jobs,
		`a read changed the jobs (${jobsOf(vendor).length}, expected ${jobs})`,
	);
}

// ------------------------------------------------------------------------------------------------ jobs

const createInput = (item: IDataObject) =>
	JSON.stringify({
		data: [{ varJobTemplate: TEMPLATE, jobClientCode: CLIENT, jobDescription: item.description }],
	});

const create: BenchJob = {
	title: (n) => `create ${n.toLocaleString('en')} jobs`,
	prepare(vendor, n) {
		seedSynergist(vendor, BASE_JOBS);
		const marker = runMarker();
		return {
			marker,
			expected: n,
			items: Array.from({ length: n }, (_, i) => ({ description: `${marker}-${i}` })),
		};
	},
	ours: (_input, ctx) =>
		ours(ctx, {
			operation: 'create',
			templateJob: TEMPLATE,
			clientCode: CLIENT,
			additionalFields: { description: '={{ $json.description }}' },
		}),
	httpRequest: (_input, ctx) => [
		...loginNodes(ctx),
		inputItems(),
		jobsCall(
			ctx,
			'Create Job',
			{
				action: 'create',
				input: `={{ JSON.stringify({ data: [{ varJobTemplate: '${TEMPLATE}', jobClientCode: '${CLIENT}', jobDescription: $json.description }] }) }}`,
			},
			{ batchSize: ctx.concurrency },
		),
	],
	floor: (input, ctx) =>
		floorPerItem(input, ctx, (item) => ({ action: 'create', input: createInput(item) })),
	verify(vendor, input, outputCount) {
		const prefix = `${String(input.marker)}-`;
		const made = jobsOf(vendor).filter((job) => job.jobDescription.startsWith(prefix));
		const distinct = new Set(made.map((job) => job.jobDescription));
		check(
			made.length === input.expected,
			`${made.length} jobs created, expected ${input.expected}`,
		);
		check(distinct.size === input.expected, `${made.length - distinct.size} jobs created twice`);
		check(
			outputCount === input.expected,
			`expected ${input.expected} output items, got ${outputCount}`,
		);
	},
	minimumRequests: (n) => n,
};

const get: BenchJob = {
	title: (n) => `get ${n.toLocaleString('en')} jobs by number`,
	prepare(vendor, n) {
		seedSynergist(vendor, Math.max(n, BASE_JOBS));
		return {
			expected: n,
			items: jobsOf(vendor)
				.slice(0, n)
				.map((job) => ({ jobNumber: job.jobNumber })),
		};
	},
	ours: (_input, ctx) => ours(ctx, { operation: 'get', jobNumber: '={{ $json.jobNumber }}' }),
	httpRequest: (_input, ctx) => [
		...loginNodes(ctx),
		inputItems(),
		jobsCall(
			ctx,
			'Get Job',
			{ style: 'modeldata', modelstructure: 'jobdetails', job: '={{ $json.jobNumber }}' },
			{ batchSize: ctx.concurrency },
		),
	],
	floor: (input, ctx) =>
		floorPerItem(input, ctx, (item) => ({
			style: 'modeldata',
			modelstructure: 'jobdetails',
			job: String(item.jobNumber),
		})),
	verify: (vendor, input, outputCount) =>
		expectRead(vendor, input, outputCount, Math.max(input.expected, BASE_JOBS)),
	minimumRequests: (n) => n,
};

const list: BenchJob = {
	title: (n) => `list ${n.toLocaleString('en')} jobs (Return All)`,
	prepare(vendor, n) {
		seedSynergist(vendor, n);
		return { expected: n, items: [{}] };
	},
	// as a user leaves it: Return All with the default Options (one rows=0 request, "All in One Request" on)
	ours: (_input, ctx) => ours(ctx, { operation: 'getAll', returnAll: true }),
	httpRequest: (_input, ctx) => listPages(ctx, {}, LIST_PAGE),
	async floor(_input, ctx) {
		const jobs = await floorLogin(ctx);
		// "rows … 0 = return all rows"
		const reply = await jobs({ style: 'modeldata', modelstructure: 'jobslist', rows: 0 });
		return (reply.data as IDataObject[]).length;
	},
	verify: (vendor, input, outputCount) => expectRead(vendor, input, outputCount, input.expected),
	// rows=0 is "return all rows" in the reference: one request, whatever n
	minimumRequests: () => 1,
};

/** Where the trigger's previous poll read up to (epoch seconds); the prepared changes come a second later. */
const sinceOf = (input: JobInput) => Number(input.since);

const poll: BenchJob = {
	title: (n) => `poll ${n.toLocaleString('en')} updated jobs`,
	prepare(vendor, n) {
		seedSynergist(vendor, BASE_JOBS + n);
		const seconds = Math.floor(now() / 1000);
		// the newest n jobs changed a second after the trigger's last poll; their Date In (2016–2019) makes them updates
		const changed = jobsOf(vendor).slice(jobsOf(vendor).length - n);
		for (const job of changed) {
			job.jobTimeStampModified = seconds;
			job.jobRecommendedVersionNumber++;
			// the seed spreads Date In up to 2059; a job dated after the trigger's horizon counts as new, not updated
			job.jobDateIn = '2019-06-01';
		}
		return { expected: n, since: seconds - 1, items: [{ since: seconds - 1 }] };
	},
	// the poll job runs our trigger (below), not an action node
	ours: () => [],
	// what a user polls with: the modified-time window since the last run (the run's input), page by page
	httpRequest: (_input, ctx) =>
		listPages(
			ctx,
			{
				timestampfrom: `={{ $('${INPUT_NODE}').first().json.since }}`,
				timestampto: '={{ Math.floor(Date.now() / 1000) }}',
			},
			POLL_PAGE,
		),
	floor: (input, ctx) =>
		floorPages(
			ctx,
			{ timestampfrom: sinceOf(input), timestampto: Math.floor(now() / 1000) },
			POLL_PAGE,
		),
	verify: (vendor, input, outputCount) =>
		expectRead(vendor, input, outputCount, BASE_JOBS + input.expected),
	// rows=0 would read the whole window in one request
	minimumRequests: () => 1,
	trigger: {
		node: (ctx) => triggerNode(ctx),
		// workflow static data: the trigger's WindowState under `node:<name>` → `state` (getWorkflowStaticData('node'))
		staticData: (input) => {
			const since = sinceOf(input);
			return {
				[`node:${TRIGGER}`]: {
					state: {
						watching: `jobUpdated@${COMPANY}`,
						since,
						activatedAt: since - DAY,
						seen: {},
						known: {},
					},
				},
			};
		},
	},
};

function triggerNode(ctx: RunContext): NodeSpec {
	return {
		name: TRIGGER,
		type: ctx.nodeType('synergistTrigger'),
		parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'jobUpdated' },
		credentials: { synergistApi: ctx.credential },
	};
}

export const vendor: BenchVendor = {
	vendor: 'synergist',
	label: 'Synergist',
	createEmulator: ({ latencyMs }) => createSynergistEmulator({ latencyMs }),
	credentialType: 'synergistApi',
	loginOps: ['GETSHA512'],
	jobs: { create, get, list, poll },
};
