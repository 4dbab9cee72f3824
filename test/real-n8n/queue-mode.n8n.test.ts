import { crypto, delay, log, now } from 'business-pack-devkit';
import type { IDataObject, INode } from 'n8n-workflow';

import type { Emulator } from '../../emulators/shared/emulator';
import { createSimpleSalonEmulator } from '../../emulators/simple-salon';
import { COMPANY_ID, blankClient } from '../../emulators/simple-salon/seed';
import { createSimpleSimonEmulator } from '../../emulators/simple-simon';
import { createSimplyCrmEmulator } from '../../emulators/simply-crm';
import { API_USER, createSynergistEmulator } from '../../emulators/synergist';
import {
	createN8n,
	newId,
	packNodeType,
	packedTarball,
	toRunResult,
	webhookWorkflow,
	type CredentialSpec,
	type N8nInstance,
	type WorkflowJson,
} from './harness';
import {
	groupCpuMs,
	queueEnv,
	readExecutions,
	startPostgres,
	startRedis,
	startWorker,
	type ExecutionRow,
	type Postgres,
	type Redis,
	type Worker,
} from './queue';

/*
 * n8n in queue mode, as users scale it out: Debian's redis-server and PostgreSQL on 127.0.0.1, one main process that
 * takes webhooks and runs the triggers, and `n8n worker` processes that run the executions. A batch of webhook
 * workflows of every vendor and one polling trigger per vendor go through it; the emulators' request logs, the
 * workers' own logs and n8n's execution table in Postgres are the witnesses.
 */

/** Emulator latency per request: the batch is bound by waiting on the vendor, as real syncs are. */
const LATENCY_MS = 50;
/** Records each workflow gets one by one (the node's Concurrency 1): 20 × 50 ms of vendor time per run. */
const ITEMS = 20;
/** Webhook runs per measured batch, spread evenly over the four vendors. */
const BATCH = 40;
/**
 * Jobs each worker takes at once (`n8n worker --concurrency`). Small on purpose: the batch must fill the workers'
 * slots, not the CI machine's two cores, so that a second worker shows as added capacity (production: 5–10+).
 */
const WORKER_CONCURRENCY = 2;
/** New records per vendor that the triggers must report, each exactly once. */
const NEW_RECORDS = 3;

const pollTimes = { item: [{ mode: 'everyMinute' }] };

interface Vendor {
	key: string;
	nodeName: string;
	nodeType: string;
	credentialType: string;
	/** The emulator op labels that make or renew a session (Simply CRM: the md5 login after its getchallenge). */
	loginOps: string[];
	emulator: Emulator;
	credentialData(): IDataObject;
	/** Parameters of a one-record get for `{{ $json.id }}`, run one item at a time. */
	get: IDataObject;
	/** The emulator op label of that get. */
	getOp: string;
	/** IDs of records the get finds. */
	ids(): string[];
	/** The record ID in the node's output and in the trigger's items. */
	idOf(json: IDataObject): string;
	trigger: { type: string; parameters: IDataObject };
	/** Creates a record the trigger must report, the way another client of the vendor would; returns its ID. */
	addRecord(label: string): Promise<string>;
}

function simpleSimon(): Vendor {
	const vendor = createSimpleSimonEmulator({ latencyMs: LATENCY_MS });
	let token = '';
	const api = async (method: string, route: string, body?: IDataObject): Promise<IDataObject> => {
		if (token === '') {
			const login = await fetch(`${vendor.emulator.url}/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(vendor.state.account),
			});
			token = String(((await login.json()) as IDataObject).access_token);
		}
		const response = await fetch(`${vendor.emulator.url}${route}`, {
			method,
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (response.status >= 300)
			throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
		return (await response.json()) as IDataObject;
	};
	return {
		key: 'simple-simon',
		nodeName: 'Simple-Simon',
		nodeType: 'simpleSimon',
		credentialType: 'simpleSimonApi',
		loginOps: ['login'],
		emulator: vendor.emulator,
		credentialData: () => vendor.credentialData(),
		getOp: 'locations:get',
		get: {
			resource: 'location',
			operation: 'get',
			locationId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		},
		ids: () => Array.from(vendor.state.locations.keys()).slice(0, ITEMS),
		idOf: (json) => String(json.Id),
		trigger: { type: 'simpleSimonTrigger', parameters: { event: 'newWorkOrder', pollTimes } },
		addRecord: async (label) => {
			// a fresh token each time: an expiry between two calls must not break the helper
			token = '';
			const locationId = Array.from(vendor.state.locations.keys())[0];
			return String(
				(await api('POST', '/workorders', { Description: label, LocationId: locationId })).Id,
			);
		},
	};
}

function simplyCrm(): Vendor {
	const vendor = createSimplyCrmEmulator({ latencyMs: LATENCY_MS });
	return {
		key: 'simply-crm',
		nodeName: 'Simply CRM',
		nodeType: 'simplyCrm',
		credentialType: 'simplyCrmApi',
		loginOps: ['login'],
		emulator: vendor.emulator,
		credentialData: () => vendor.credentialData(),
		get: { resource: 'record', operation: 'get', recordId: '={{ $json.id }}' },
		getOp: 'retrieve',
		ids: () => Array.from({ length: ITEMS }, (_, index) => `12x${141 + index}`),
		idOf: (json) => String(json.id),
		trigger: {
			type: 'simplyCrmTrigger',
			parameters: {
				event: 'createdOrUpdated',
				scope: 'one',
				module: 'Contacts',
				source: 'sync',
				syncType: 'application',
				pollTimes,
			},
		},
		addRecord: async (label) =>
			vendor.backend.create('Contacts', { lastname: label, assigned_user_id: '19x1' }, 1).id,
	};
}

function simpleSalon(): Vendor {
	const vendor = createSimpleSalonEmulator({ latencyMs: LATENCY_MS });
	return {
		key: 'simple-salon',
		nodeName: 'Simple Salon',
		nodeType: 'simpleSalon',
		credentialType: 'simpleSalonApi',
		// an expired Simple Salon token is renewed with a refresh call instead of a new login
		loginOps: ['login', 'refresh'],
		emulator: vendor.emulator,
		credentialData: () => vendor.credentialData(),
		get: { resource: 'client', operation: 'get', clientId: '={{ $json.id }}' },
		getOp: 'client/get',
		ids: () => Array.from(vendor.state.clients.keys()).slice(0, ITEMS).map(String),
		idOf: (json) => String(json.client_id),
		trigger: { type: 'simpleSalonTrigger', parameters: { event: 'clientAdded', pollTimes } },
		addRecord: async (label) => {
			const client = blankClient(vendor.state.nextClientId++, COMPANY_ID);
			client.firstname = label;
			vendor.state.clients.set(client.client_id, client);
			return String(client.client_id);
		},
	};
}

function synergist(): Vendor {
	const vendor = createSynergistEmulator({ latencyMs: LATENCY_MS });
	return {
		key: 'synergist',
		nodeName: 'Synergist',
		nodeType: 'synergist',
		credentialType: 'synergistApi',
		loginOps: ['GETSHA512'],
		emulator: vendor.emulator,
		credentialData: () => vendor.credentialData(),
		get: { resource: 'job', operation: 'get', jobNumber: '={{ $json.id }}' },
		getOp: 'jobs:GETJOB',
		ids: () => Array.from(vendor.state.jobs.keys()).slice(20, 20 + ITEMS),
		idOf: (json) => String(json.jobNumber),
		trigger: { type: 'synergistTrigger', parameters: { event: 'newJob', pollTimes } },
		addRecord: async (label) => {
			const query = new URLSearchParams({
				user: API_USER.login,
				sha512password: vendor.currentHash(),
				version: '3.2',
				company: '1',
				action: 'create',
			});
			query.set(
				'input',
				JSON.stringify({
					data: [{ varJobTemplate: '1/00000001', jobClientCode: '1/F667', jobDescription: label }],
				}),
			);
			const body = (await (
				await fetch(`${vendor.emulator.url}/jsonapi/jobs.json?${query.toString()}`)
			).json()) as IDataObject;
			if (body.success !== true)
				throw new Error(`creating a Synergist job failed: ${JSON.stringify(body)}`);
			return String((body.data as IDataObject[])[0].jobNumber);
		},
	};
}

const vendors: Vendor[] = [simpleSimon(), simplyCrm(), simpleSalon(), synergist()];
const credentials = new Map<string, CredentialSpec>(
	vendors.map((vendor) => [
		vendor.key,
		{ id: newId(), name: `${vendor.nodeName} (queue mode)`, type: vendor.credentialType, data: {} },
	]),
);
const credentialOf = (vendor: Vendor) => {
	const credential = credentials.get(vendor.key)!;
	return { [vendor.credentialType]: { id: credential.id, name: credential.name } };
};

const actionWorkflows = new Map<string, WorkflowJson>(
	vendors.map((vendor) => [
		vendor.key,
		webhookWorkflow({
			name: `${vendor.nodeName}: get records (queue mode)`,
			path: `queue-${vendor.key}-${crypto.randomUUID()}`,
			nodes: [
				{
					name: vendor.nodeName,
					type: packNodeType(vendor.nodeType),
					// one record at a time, so each run is bound by the vendor's latency and not by the CPU
					parameters: { ...vendor.get, concurrency: 1 },
					credentials: credentialOf(vendor),
				},
			],
		}),
	]),
);
const webhookPath = (vendor: Vendor) =>
	String(
		actionWorkflows.get(vendor.key)!.nodes.find((node) => node.type === 'n8n-nodes-base.webhook')!
			.parameters.path,
	);

const TRIGGER_NODE = 'Trigger';
const triggerWorkflows = new Map<string, WorkflowJson>(
	vendors.map((vendor) => [
		vendor.key,
		{
			id: newId(),
			name: `${vendor.nodeName}: watch (queue mode)`,
			nodes: [
				{
					id: crypto.randomUUID(),
					name: TRIGGER_NODE,
					type: packNodeType(vendor.trigger.type),
					typeVersion: 1,
					position: [0, 0],
					parameters: vendor.trigger.parameters as INode['parameters'],
					credentials: credentialOf(vendor),
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		},
	]),
);

let redis: Redis | undefined;
let postgres: Postgres | undefined;
let n8n: N8nInstance | undefined;
const workers: Worker[] = [];
let env: Record<string, string> = {};
const report: Record<string, unknown> = {};
const suiteStarted = now();

const pg = () => postgres!;
const main = () => n8n!;

const lastExecutionId = async () =>
	Number((await pg().query('SELECT COALESCE(MAX(id), 0) FROM execution_entity')).trim());
const inList = (ids: string[]) => ids.map((id) => `'${id.replace(/'/g, "''")}'`).join(',');
const executionsAfter = async (afterId: number, workflowIds: string[], withData = false) =>
	await readExecutions(pg(), main().runtime, afterId, workflowIds, { withData });

const logins = () =>
	Object.fromEntries(
		vendors.map((vendor) => [vendor.key, vendor.emulator.requests(...vendor.loginOps).length]),
	);
const clearLogs = () => vendors.forEach((vendor) => vendor.emulator.clearLog());
const totalRequests = () => vendors.reduce((sum, vendor) => sum + vendor.emulator.log.length, 0);

/** Waits until no emulator has seen a request for `quietMs` (n8n's polls and runs are over). */
async function settle(quietMs = 2500, timeoutMs = 120000) {
	const started = now();
	let seen = -1;
	let since = now();
	while (now() - started < timeoutMs) {
		const count = totalRequests();
		if (count !== seen) {
			seen = count;
			since = now();
		} else if (now() - since >= quietMs) return;
		await delay(250);
	}
	throw new Error(`the emulators did not settle within ${timeoutMs} ms`);
}

interface BatchResult {
	ms: number;
	logins: Record<string, number>;
	/** Executions each worker ran, by worker name. */
	byWorker: Record<string, number>;
	/** Get requests each vendor's emulator received. */
	gets: Record<string, number>;
	/** CPU time n8n spent per run (main and workers with their task runners), to tell a CPU-bound run apart. */
	cpuMsPerRun: number;
	executions: ExecutionRow[];
}

/** `count` webhook runs at once, round-robin over the vendors; every answer must carry the records asked for. */
async function runBatch(count: number, { keepLog = false } = {}): Promise<BatchResult> {
	const before = await lastExecutionId();
	if (!keepLog) clearLogs();
	const cpu = () =>
		groupCpuMs(main().pid) + workers.reduce((sum, worker) => sum + groupCpuMs(worker.pid), 0);
	const cpuBefore = cpu();
	const started = now();
	const answers = await Promise.all(
		Array.from({ length: count }, async (_, index) => {
			const vendor = vendors[index % vendors.length];
			const answer = await main().callWebhook(webhookPath(vendor), {
				items: vendor.ids().map((id) => ({ id })),
			});
			return { vendor, answer };
		}),
	);
	const ms = now() - started;
	const cpuMsPerRun = Math.round((cpu() - cpuBefore) / count);
	for (const { vendor, answer } of answers) {
		expect({ vendor: vendor.key, status: answer.status }).toEqual({
			vendor: vendor.key,
			status: 200,
		});
		expect((answer.body as IDataObject[]).map((json) => vendor.idOf(json))).toEqual(vendor.ids());
	}
	const workflowIds = vendors.map((vendor) => actionWorkflows.get(vendor.key)!.id!);
	const executions = await executionsAfter(before, workflowIds);
	expect(executions).toHaveLength(count);
	expect(executions.map((row) => `${row.mode}:${row.status}`)).toEqual(
		executions.map(() => 'webhook:success'),
	);
	const byWorker = Object.fromEntries(
		workers.map((worker) => {
			const ran = new Set(worker.executions());
			return [worker.name, executions.filter((row) => ran.has(Number(row.id))).length];
		}),
	);
	// every execution ran on a worker (their logs name it), none on main
	expect(Object.values(byWorker).reduce((sum, n) => sum + n, 0)).toBe(count);
	const gets = Object.fromEntries(
		vendors.map((vendor) => [vendor.key, vendor.emulator.requests(vendor.getOp).length]),
	);
	return { ms, logins: logins(), byWorker, gets, cpuMsPerRun, executions };
}

const zeroLogins = Object.fromEntries(vendors.map((vendor) => [vendor.key, 0]));
/** With a live session: one get per record and run, nothing repeated (`runs` spread evenly over the vendors). */
const exactGets = (runs: number) =>
	Object.fromEntries(vendors.map((vendor) => [vendor.key, (runs / vendors.length) * ITEMS]));

beforeAll(
	async () => {
		await Promise.all(vendors.map((vendor) => vendor.emulator.start()));
		for (const vendor of vendors) credentials.get(vendor.key)!.data = vendor.credentialData();
		[redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
		env = queueEnv(redis, postgres);
		n8n = await createN8n({ tarballs: [await packedTarball()], label: 'queue-mode', env });
		// the first CLI call on an empty Postgres runs n8n's migrations
		await n8n.importCredentials(Array.from(credentials.values()));
		const all = [...actionWorkflows.values(), ...triggerWorkflows.values()];
		await n8n.importWorkflows(all);
		// what `n8n publish:workflow` does (WorkflowRepository.publishVersion), for all eight in one statement
		await pg().query(
			`UPDATE workflow_entity SET active = true, "activeVersionId" = "versionId" WHERE id IN (${inList(all.map((w) => w.id!))})`,
		);
	},
	10 * 60 * 1000,
);

afterAll(
	async () => {
		report.wallMs = now() - suiteStarted;
		log(`\n[queue-mode] ${JSON.stringify(report, null, 2)}`);
		await Promise.all(workers.map((worker) => worker.stop()));
		await n8n?.dispose();
		await Promise.all([redis?.stop(), postgres?.stop()]);
		await Promise.all(vendors.map((vendor) => vendor.emulator.stop()));
	},
	3 * 60 * 1000,
);

const triggerIds = () => vendors.map((vendor) => triggerWorkflows.get(vendor.key)!.id!);
const MINUTES = 60 * 1000;
/** Results the later steps compare against. */
let twoWorkers: BatchResult | undefined;

describe('n8n queue mode: main + Redis + Postgres + two workers', () => {
	it(
		'starts; main activates the triggers, which poll once, log in once per vendor and emit nothing old',
		async () => {
			const [, ...running] = await Promise.all([
				main().start(),
				...['worker-1', 'worker-2'].map((name) =>
					startWorker(main(), { name, env, concurrency: WORKER_CONCURRENCY }),
				),
			]);
			workers.push(...running);
			for (let round = 0; round < 240; round++) {
				if (vendors.every((vendor) => vendor.emulator.log.length > 0)) break;
				await delay(500);
			}
			await settle();
			expect(await executionsAfter(0, triggerIds())).toEqual([]);
			report.activationLogins = logins();
			expect(Object.values(logins()).every((n) => n <= 1)).toBe(true);
		},
		10 * MINUTES,
	);

	it(
		'runs every vendor on both workers with the session main stored: one login per vendor in all',
		async () => {
			// a warm-up batch: the pack loads on both workers, and they log in only if main has not
			const prime = await runBatch(vendors.length * 2);
			report.prime = { logins: prime.logins, byWorker: prime.byWorker };
			const activation = report.activationLogins as Record<string, number>;
			for (const vendor of vendors)
				expect(prime.logins[vendor.key] + activation[vendor.key]).toBe(1);

			twoWorkers = await runBatch(BATCH);
			report.twoWorkers = {
				ms: twoWorkers.ms,
				cpuMsPerRun: twoWorkers.cpuMsPerRun,
				logins: twoWorkers.logins,
				byWorker: twoWorkers.byWorker,
			};
			expect(twoWorkers.logins).toEqual(zeroLogins);
			expect(twoWorkers.gets).toEqual(exactGets(BATCH));
			for (const worker of workers) expect(twoWorkers.byWorker[worker.name]).toBeGreaterThan(0);
		},
		10 * MINUTES,
	);

	it(
		'renews expired sessions with a few logins across both workers, then stores and shares the new ones',
		async () => {
			clearLogs();
			for (const vendor of vendors) vendor.emulator.expireSessions();
			const expired = await runBatch(BATCH, { keepLog: true });
			report.afterExpiry = { logins: expired.logins, byWorker: expired.byWorker };
			// at most one renewal per run in flight (workers × concurrency), plus a trigger poll on main
			const bound = workers.length * WORKER_CONCURRENCY + 1;
			for (const vendor of vendors) {
				expect(expired.logins[vendor.key]).toBeGreaterThanOrEqual(1);
				expect(expired.logins[vendor.key]).toBeLessThanOrEqual(bound);
			}
			const after = await runBatch(vendors.length * 2);
			expect(after.logins).toEqual(zeroLogins);
			expect(after.gets).toEqual(exactGets(vendors.length * 2));
		},
		10 * MINUTES,
	);

	it(
		'reports each new record exactly once: triggers poll on main only, their runs execute on the workers',
		async () => {
			const added = new Map<string, string[]>();
			for (const vendor of vendors) {
				const ids: string[] = [];
				for (let n = 0; n < NEW_RECORDS; n++)
					ids.push(await vendor.addRecord(`Queue mode ${vendor.key} ${n}`));
				added.set(vendor.key, ids);
			}
			const before = await lastExecutionId();
			clearLogs();
			// main restarts while the workers keep running; at activation every trigger polls from its stored cursor
			await main().stop();
			await main().start();
			const triggerRuns = async () =>
				(await executionsAfter(before, triggerIds(), true)).map((row) => {
					const vendor = vendors.find((v) => triggerWorkflows.get(v.key)!.id === row.workflowId)!;
					const run = toRunResult(row.workflowId, { status: row.status, data: row.data }, 0);
					const ids = run.ok
						? run.output(TRIGGER_NODE).map((json) => `${vendor.key}:${vendor.idOf(json)}`)
						: [];
					return { row, vendor: vendor.key, ids };
				});
			const expected = vendors
				.flatMap((vendor) => added.get(vendor.key)!.map((id) => `${vendor.key}:${id}`))
				.sort();
			for (let round = 0; round < 240; round++) {
				if ((await triggerRuns()).flatMap((run) => run.ids).length >= expected.length) break;
				await delay(500);
			}
			await settle();
			const runs = await triggerRuns();
			report.triggerEmits = Object.fromEntries(
				vendors.map((vendor) => [
					vendor.key,
					runs.filter((run) => run.vendor === vendor.key).flatMap((run) => run.ids).length,
				]),
			);
			report.triggerLogins = logins();
			expect(runs.flatMap((run) => run.ids).sort()).toEqual(expected);
			expect(runs.map((run) => `${run.row.mode}:${run.row.status}`)).toEqual(
				runs.map(() => 'trigger:success'),
			);
			const ranOnWorkers = new Set(workers.flatMap((worker) => worker.executions()));
			expect(runs.filter((run) => !ranOnWorkers.has(Number(run.row.id)))).toEqual([]);
			// main polled with the session the workers renewed
			expect(report.triggerLogins).toEqual(zeroLogins);
		},
		10 * MINUTES,
	);

	it(
		'takes clearly longer for the same batch with one worker',
		async () => {
			// SIGTERM: the worker finishes its jobs, then leaves
			await workers.pop()!.stop();
			const one = await runBatch(BATCH);
			report.oneWorker = {
				ms: one.ms,
				cpuMsPerRun: one.cpuMsPerRun,
				logins: one.logins,
				byWorker: one.byWorker,
			};
			expect(one.logins).toEqual(zeroLogins);
			expect(one.gets).toEqual(exactGets(BATCH));
			const two = twoWorkers!;
			report.runsPerSecond = {
				oneWorker: Number(((BATCH * 1000) / one.ms).toFixed(2)),
				twoWorkers: Number(((BATCH * 1000) / two.ms).toFixed(2)),
			};
			report.speedup = Number((one.ms / two.ms).toFixed(2));
			expect(two.ms).toBeLessThan(one.ms * 0.85);
		},
		10 * MINUTES,
	);
});
