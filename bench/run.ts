import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';
import {
	childProcess,
	delay,
	env,
	fs,
	log,
	now,
	path,
	process,
	repoRoot,
} from 'business-pack-devkit';

import {
	createN8n,
	INPUT_NODE,
	newId,
	OWNER,
	packNodeType,
	packedTarball,
	WEBHOOK_NODE,
	webhookWorkflow,
	type CredentialSpec,
	type N8nInstance,
	type NodeSpec,
	type RunResult,
	type WorkflowJson,
} from '../test/real-n8n/harness';
import type { VendorEmulator } from '../emulators/shared/types';
import { vendors as allVendors } from './jobs';
import { floorAgent, httpBatching } from './jobs/kit';
import { writeReport, type BenchResult, type Measurement, type Scenario } from './report';
import type { BenchJob, BenchVendor, Contender, JobInput, JobName, RunContext } from './types';

/*
 * `npm run bench`: one real n8n 2.41.1 with the packed pack, the vendors' emulators in this process with a fixed
 * latency, and per job three contenders — our node, the same work from n8n's HTTP Request node, a raw undici loop —
 * run alternating for several rounds. Workflows are started through webhooks on the running n8n; per-node start and
 * execution times come from the stored execution, requests and logins from the emulator's log, peak RSS from
 * /proc/<n8n pid>/status (VmHWM, reset before each run). See bench/README.md.
 */

// ------------------------------------------------------------------------------------------------ options

interface Options {
	latency: number;
	records: number;
	/** Records of the concurrency-1 scenario (one request after another: fewer keep the run short). */
	c1Records: number;
	list: number;
	poll: number;
	rounds: number;
	concurrency: number;
	rate: { requests: number; perMs: number };
	vendors: string[];
	jobs: JobName[];
	scenarios: string[] | undefined;
	/** `activation`: measure the poll n8n runs on activation; `scheduled`: the next scheduled one (≤ 1 min later). */
	pollMode: 'activation' | 'scheduled';
	out: string;
}

function parseOptions(argv: string[]): Options {
	const given = new Map<string, string>();
	for (let i = 0; i < argv.length; i++) {
		const match = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(argv[i]);
		if (!match) throw new Error(`unknown argument ${argv[i]} (see bench/README.md)`);
		given.set(match[1], match[2] ?? argv[++i] ?? '');
	}
	const number = (name: string, fallback: number) => {
		const value = given.has(name) ? Number(given.get(name)) : fallback;
		if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number`);
		given.delete(name);
		return value;
	};
	const list = (name: string) => {
		const value = given.get(name);
		given.delete(name);
		return value === undefined
			? undefined
			: value
					.split(',')
					.map((entry) => entry.trim())
					.filter(Boolean);
	};
	const records = number('records', 1000);
	// default: a tenth of the records per second, so the HTTP Request node's all-at-once run meets the limit
	const [requests, perMs] = (given.get('rate') ?? `${Math.max(5, Math.round(records / 10))}/1000`)
		.split('/')
		.map(Number);
	given.delete('rate');
	const options: Options = {
		latency: number('latency', 20),
		records,
		c1Records: number('c1-records', Math.min(records, 200)),
		list: number('list', 20000),
		poll: number('poll', 5000),
		rounds: Math.max(1, number('rounds', 3)),
		concurrency: Math.max(1, number('concurrency', 10)),
		rate: { requests, perMs },
		vendors: list('vendors') ?? allVendors.map((vendor) => vendor.vendor),
		jobs: (list('jobs') ?? ['create', 'get', 'list', 'poll']) as JobName[],
		scenarios: list('scenarios'),
		pollMode: given.get('poll-mode') === 'scheduled' ? 'scheduled' : 'activation',
		out: given.get('out') ?? path.join(repoRoot, 'bench', 'results'),
	};
	if (!['activation', 'scheduled', undefined].includes(given.get('poll-mode')))
		throw new Error('--poll-mode is activation or scheduled');
	given.delete('poll-mode');
	given.delete('out');
	if (given.size > 0)
		throw new Error(`unknown option --${[...given.keys()][0]} (see bench/README.md)`);
	return options;
}

// ------------------------------------------------------------------------------------------------ scenarios

/** Which contenders run a job, at which concurrency (undefined: the contender's default / all at once). */
function scenariosOf(job: JobName, n: number, options: Options): Scenario[] {
	const eq = options.concurrency;
	const all = Math.min(n, 1000);
	if (job === 'list' || job === 'poll') {
		return [
			{
				id: 'paged',
				title: 'pages in sequence',
				contenders: { ours: undefined, httpRequest: undefined, floor: undefined },
				rounds: options.rounds,
			},
		];
	}
	const scenarios: Scenario[] = [
		// the HTTP Request node at 1 item per batch shows n8n's own cost per item next to ours
		{
			id: 'c1',
			title: 'concurrency 1',
			contenders: { ours: 1, httpRequest: 1, floor: 1 },
			rounds: options.rounds,
		},
		{
			id: `c${eq}`,
			title: `concurrency ${eq}`,
			contenders: { ours: eq, httpRequest: eq, floor: eq },
			rounds: options.rounds,
		},
		{
			id: 'cN',
			title: `ours at ${all}, HTTP Request default (all at once)`,
			contenders: { ours: all, httpRequest: undefined, floor: undefined },
			rounds: options.rounds,
		},
	];
	if (job === 'create') {
		scenarios.push({
			id: 'rate',
			title: `rate limit ${options.rate.requests}/${options.rate.perMs} ms`,
			contenders: { ours: eq, httpRequest: undefined },
			rounds: 1,
			rateLimit: options.rate,
		});
	}
	return scenarios.filter(
		(scenario) => !options.scenarios || options.scenarios.includes(scenario.id),
	);
}

const sizeOf = (job: JobName, scenario: string, options: Options) =>
	job === 'list'
		? options.list
		: job === 'poll'
			? options.poll
			: scenario === 'c1'
				? options.c1Records
				: options.records;

// ------------------------------------------------------------------------------------------------ n8n REST (activation)

/** Signs in as the owner the harness set up and (de)activates workflows at run time (the poll job's trigger). */
function restClient(url: string) {
	let cookie: string | undefined;
	const call = async (method: string, pathname: string, body?: unknown): Promise<IDataObject> => {
		const headers: Record<string, string> = {
			'browser-id': 'business-pack-bench',
			'content-type': 'application/json',
		};
		if (cookie) headers.cookie = cookie;
		const response = await request(`${url}${pathname}`, {
			method: method as 'POST',
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.body.text();
		if (pathname === '/rest/login') {
			const setCookie = response.headers['set-cookie'];
			const lines = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
			cookie = lines.map((line) => line.split(';')[0]).find((pair) => pair.startsWith('n8n-auth='));
		}
		if (response.statusCode >= 400)
			throw new Error(
				`${method} ${pathname} answered ${response.statusCode}: ${text.slice(0, 300)}`,
			);
		return JSON.parse(text) as IDataObject;
	};
	const signIn = async () => {
		if (!cookie)
			await call('POST', '/rest/login', {
				emailOrLdapLoginId: OWNER.email,
				password: OWNER.password,
			});
	};
	return {
		async activate(workflowId: string) {
			await signIn();
			const { data } = (await call('GET', `/rest/workflows/${workflowId}`)) as {
				data: IDataObject;
			};
			await call('POST', `/rest/workflows/${workflowId}/activate`, { versionId: data.versionId });
		},
		async deactivate(workflowId: string) {
			await signIn();
			await call('POST', `/rest/workflows/${workflowId}/deactivate`, {});
		},
	};
}

// ------------------------------------------------------------------------------------------------ measuring

const procStatus = (pid: number) => fs.readFileSync(`/proc/${pid}/status`, 'utf8');
const kb = (status: string, field: string) =>
	Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);

/** Resets the peak RSS (VmHWM) of the n8n process; returns its current RSS in MB. */
function resetPeak(pid: number): number {
	fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
	return kb(procStatus(pid), 'VmRSS') / 1024;
}
const peakMb = (pid: number) => kb(procStatus(pid), 'VmHWM') / 1024;

type RunData = Record<string, Array<{ startTime?: number; executionTime?: number }>>;

/** From the first contender node's start to the end of the last node (Webhook and Input left out). */
function nodeWallMs(run: RunResult): number {
	const runData = ((run.raw.data as IDataObject)?.resultData as IDataObject)?.runData as
		| RunData
		| undefined;
	let start = Infinity;
	let end = 0;
	for (const [name, runs] of Object.entries(runData ?? {})) {
		if (name === WEBHOOK_NODE || name === INPUT_NODE) continue;
		for (const { startTime = 0, executionTime = 0 } of runs) {
			start = Math.min(start, startTime);
			end = Math.max(end, startTime + executionTime);
		}
	}
	return Number.isFinite(start) ? end - start : NaN;
}

/** Until the emulator has seen requests and then none for `quietMs`. */
async function untilQuiet(requests: unknown[], quietMs = 2000, timeoutMs = 300_000) {
	const started = now();
	for (let seen = -1; requests.length === 0 || requests.length !== seen; ) {
		if (now() - started > timeoutMs)
			throw new Error(`the poll did not finish within ${timeoutMs} ms`);
		seen = requests.length;
		await delay(quietMs);
	}
}

async function waitForExecution(
	n8n: N8nInstance,
	after: number,
	workflowId: string,
	timeoutMs = 180_000,
) {
	const started = now();
	for (;;) {
		const runs = await n8n.executionsAfter(after, [workflowId]);
		const done = runs.find((run) => run.status !== 'running' && run.status !== 'new');
		if (done) return done;
		if (now() - started > timeoutMs)
			throw new Error(`no execution of ${workflowId} after ${timeoutMs} ms`);
		await delay(250);
	}
}

const median = (values: number[]) => {
	const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// ------------------------------------------------------------------------------------------------ the bench

interface Lane {
	vendor: BenchVendor;
	emulator: VendorEmulator;
	credential: CredentialSpec;
	ctx: (concurrency: number | undefined) => RunContext;
}

interface Cell {
	lane: Lane;
	jobName: JobName;
	job: BenchJob;
	n: number;
	scenario: Scenario;
	contender: Contender;
	concurrency: number | undefined;
	/** Webhook workflows: id and path. */
	workflowId?: string;
	webhookPath?: string;
	/** The poll job's trigger: one workflow per round (each starts from the prepared cursor). */
	triggerIds?: string[];
	triggerNode?: string;
	samples: Measurement[];
}

async function buildPack(): Promise<string> {
	if (env.BUSINESS_PACK_BUILT !== '1') {
		log('[bench] npm run build (set BUSINESS_PACK_BUILT=1 to use dist/ as it is)');
		const built = childProcess.spawnSync('npm', ['run', 'build'], {
			cwd: repoRoot,
			stdio: 'inherit',
		});
		if (built.status !== 0) throw new Error('npm run build failed');
	}
	return await packedTarball();
}

async function main() {
	const options = parseOptions(process.argv.slice(2));
	const started = now();
	const selected = allVendors.filter((vendor) => options.vendors.includes(vendor.vendor));
	const missing = options.vendors.filter(
		(name) => !allVendors.some((vendor) => vendor.vendor === name),
	);
	if (missing.length) log(`[bench] no job file for ${missing.join(', ')}: left out`);
	if (selected.length === 0) throw new Error('no vendor to run');

	const lanes: Lane[] = [];
	for (const vendor of selected) {
		const emulator = vendor.createEmulator({ latencyMs: options.latency });
		await emulator.emulator.start();
		const credential: CredentialSpec = {
			id: newId(),
			name: `${vendor.label} (bench)`,
			type: vendor.credentialType,
			data: emulator.credentialData(),
		};
		const ctx = (concurrency: number | undefined): RunContext => ({
			baseUrl: emulator.emulator.url,
			credentialData: emulator.credentialData(),
			concurrency,
			credential: { id: credential.id, name: credential.name },
			nodeType: packNodeType,
		});
		lanes.push({ vendor, emulator, credential, ctx });
	}

	httpBatching.intervalMs = options.latency;
	const tarball = await buildPack();
	const n8n = await createN8n({ tarballs: [tarball], label: 'bench' });
	try {
		await n8n.importCredentials(lanes.map((lane) => lane.credential));

		// Workflows are built once per job from a first prepare's input: per-run data travels as webhook items.
		const cells: Cell[] = [];
		const workflows: WorkflowJson[] = [];
		const webhookIds: string[] = [];
		for (const lane of lanes) {
			for (const jobName of options.jobs) {
				const job = lane.vendor.jobs[jobName];
				const jobSize = sizeOf(jobName, '', options);
				if (!job || jobSize === 0) continue;
				const input = await job.prepare(lane.emulator, jobSize);
				for (const scenario of scenariosOf(jobName, jobSize, options)) {
					const n = sizeOf(jobName, scenario.id, options);
					if (n === 0) continue;
					for (const [contender, concurrency] of Object.entries(scenario.contenders) as Array<
						[Contender, number | undefined]
					>) {
						const cell: Cell = {
							lane,
							jobName,
							job,
							n,
							scenario,
							contender,
							concurrency,
							samples: [],
						};
						const ctx = lane.ctx(concurrency);
						if (contender === 'ours' && job.trigger) {
							const node = job.trigger.node(ctx);
							cell.triggerNode = node.name;
							cell.triggerIds = Array.from({ length: scenario.rounds }, () => {
								const workflow = triggerWorkflow(
									`bench ${lane.vendor.vendor} ${jobName} trigger`,
									node,
									job.trigger!.staticData(input),
									options.pollMode === 'scheduled',
								);
								workflows.push(workflow);
								return workflow.id!;
							});
						} else if (contender !== 'floor') {
							let nodes = contender === 'ours' ? job.ours(input, ctx) : job.httpRequest(input, ctx);
							// under a rate limit the HTTP Request node's failed items are counted, not fatal
							if (scenario.rateLimit)
								nodes = nodes.map((node, i) =>
									i === nodes.length - 1 ? { ...node, onError: 'continueRegularOutput' } : node,
								);
							const webhookPath = `bench-${lane.vendor.vendor}-${jobName}-${scenario.id}-${contender}`;
							const workflow = webhookWorkflow({ name: webhookPath, path: webhookPath, nodes });
							workflow.id = newId();
							workflows.push(workflow);
							webhookIds.push(workflow.id);
							Object.assign(cell, { workflowId: workflow.id, webhookPath });
						}
						cells.push(cell);
					}
				}
			}
		}
		log(`[bench] importing ${workflows.length} workflows`);
		await n8n.importWorkflows(workflows);
		const url = await n8n.start();
		const rest = restClient(url);
		for (const id of webhookIds) await rest.activate(id);
		const pid = n8n.pid!;
		log(
			`[bench] n8n ready (pid ${pid}) after ${Math.round((now() - started) / 1000)} s; ${cells.length} contender cells`,
		);

		// warm-up: one call of each of our workflows' credentials so that steady state has the session cached
		for (const lane of lanes) {
			const warm = cells.find(
				(cell) =>
					cell.lane === lane &&
					cell.contender === 'ours' &&
					cell.jobName === 'get' &&
					cell.webhookPath,
			);
			if (warm) {
				const input = await warm.job.prepare(lane.emulator, 1);
				await n8n.callWebhook(warm.webhookPath!, { items: input.items });
			}
		}

		const groups = new Map<string, Cell[]>();
		for (const cell of cells) {
			const key = `${cell.lane.vendor.vendor}|${cell.jobName}|${cell.scenario.id}`;
			groups.set(key, [...(groups.get(key) ?? []), cell]);
		}
		for (const [key, group] of groups) {
			const { scenario } = group[0];
			for (let round = 0; round < scenario.rounds; round++) {
				// alternate: each round starts with the next contender
				const order = group.map((_, i) => group[(i + round) % group.length]);
				for (const cell of order) {
					const sample = await runOnce(n8n, rest, pid, cell, round, options);
					cell.samples.push(sample);
					log(
						`[bench] ${key} ${cell.contender}${cell.concurrency === undefined ? '' : `@${cell.concurrency}`} round ${round + 1}: ` +
							`${Math.round(sample.wallMs)} ms, ${sample.requests} requests, ${sample.logins} logins` +
							`${sample.failures ? `, ${sample.failures} failed` : ''}${sample.verified === true ? '' : `, NOT VERIFIED: ${sample.verified}`}`,
					);
				}
			}
		}

		const result: BenchResult = {
			when: new Date().toISOString(),
			n8nVersion: n8n.runtime.version,
			options: {
				pollMode: options.pollMode,
				latencyMs: options.latency,
				records: options.records,
				list: options.list,
				poll: options.poll,
				rounds: options.rounds,
				concurrency: options.concurrency,
				rate: options.rate,
			},
			totalSeconds: Math.round((now() - started) / 1000),
			rows: cells.map((cell) => ({
				vendor: cell.lane.vendor.vendor,
				label: cell.lane.vendor.label,
				job: cell.jobName,
				title: cell.job.title(cell.n),
				n: cell.n,
				scenario: cell.scenario,
				contender: cell.contender,
				concurrency: cell.concurrency,
				minimumRequests: cell.job.minimumRequests(cell.n),
				maxPageSize: cell.job.maxPageSize,
				samples: cell.samples,
				medianWallMs: median(cell.samples.map((sample) => sample.wallMs)),
			})),
		};
		const table = await writeReport(result, options.out);
		log(`\n${table}`);
		log(
			`[bench] done in ${result.totalSeconds} s; results in ${path.relative(repoRoot, options.out)}/latest.{md,json,svg}`,
		);
	} finally {
		await n8n.dispose();
		for (const lane of lanes) await lane.emulator.emulator.stop();
		await floorAgent.close();
	}
}

function triggerWorkflow(
	name: string,
	node: NodeSpec,
	staticData: IDataObject,
	everyMinute: boolean,
): WorkflowJson {
	return {
		id: newId(),
		name,
		nodes: [
			{
				id: newId(),
				name: node.name,
				type: node.type,
				typeVersion: node.typeVersion ?? 1,
				position: [0, 0],
				// `--poll-mode scheduled` waits for a scheduled poll: every minute, n8n's shortest interval
				parameters: {
					...node.parameters,
					...(everyMinute ? { pollTimes: { item: [{ mode: 'everyMinute' }] } } : {}),
				} as never,
				...(node.credentials ? { credentials: node.credentials } : {}),
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		staticData,
	};
}

async function runOnce(
	n8n: N8nInstance,
	rest: ReturnType<typeof restClient>,
	pid: number,
	cell: Cell,
	round: number,
	options: Options,
): Promise<Measurement> {
	const { lane, job, n } = cell;
	const emulator = lane.emulator.emulator;
	const scheduled = cell.triggerIds !== undefined && options.pollMode === 'scheduled';
	// scheduled polls: the trigger's changes are made after its activation (below)
	let input: JobInput = await job.prepare(lane.emulator, scheduled ? 0 : n);
	emulator.clearLog();
	emulator.setRateLimit(
		cell.scenario.rateLimit ? { ...cell.scenario.rateLimit, retryAfter: true } : undefined,
	);
	let wallMs: number;
	let output = 0;
	let failures = 0;
	let rssBefore: number | undefined;
	let rssPeak: number | undefined;
	let jsonBytes: number | undefined;
	let clientMs: number | undefined;
	let requestAts: number[] | undefined;
	let firstFailure: string | undefined;
	try {
		if (cell.contender === 'floor') {
			const t0 = now();
			output = await job.floor(input, lane.ctx(cell.concurrency));
			wallMs = now() - t0;
		} else if (cell.triggerIds) {
			const workflowId = cell.triggerIds[round];
			let after = await n8n.lastExecutionId();
			if (scheduled) {
				// n8n polls once on activation, over no changes yet (the cursor stays); the measured poll is the next
				// scheduled one (every minute), not the activation's, which runs inside n8n's activation request
				await rest.activate(workflowId);
				await untilQuiet(emulator.log, 1000);
				after = await n8n.lastExecutionId();
				input = await job.prepare(lane.emulator, n);
				emulator.clearLog();
			}
			rssBefore = resetPeak(pid);
			const t0 = now();
			if (!scheduled) await rest.activate(workflowId);
			// reading n8n's database spawns a process, which stalls this one and the emulators in it: not while polling
			await untilQuiet(emulator.log, 2000, 300_000);
			const run = await waitForExecution(n8n, after, workflowId);
			clientMs = now() - t0;
			rssPeak = peakMb(pid);
			await rest.deactivate(workflowId);
			const records = run.output(cell.triggerNode!);
			output = records.length;
			jsonBytes = Buffer.byteLength(JSON.stringify(records));
			// the poll runs before n8n starts the execution: from its first request to the execution's start
			const seen = emulator.log;
			const startedAt = Date.parse(`${String(run.raw.startedAt).replace(' ', 'T')}Z`);
			wallMs = seen.length
				? (Number.isFinite(startedAt) ? startedAt : seen[seen.length - 1].at + emulator.latencyMs) -
					seen[0].at
				: NaN;
			requestAts = seen.map((r) => r.at - seen[0].at);
		} else {
			const after = await n8n.lastExecutionId();
			rssBefore = resetPeak(pid);
			const answer = await n8n.callWebhook(cell.webhookPath!, { items: input.items });
			rssPeak = peakMb(pid);
			clientMs = answer.ms;
			const items = Array.isArray(answer.body) ? (answer.body as IDataObject[]) : [];
			output = items.length;
			const failed = items.filter((item) => item.error !== undefined);
			failures = failed.length;
			if (failed.length) firstFailure = JSON.stringify(failed[0].error).slice(0, 300);
			if (cell.jobName === 'list' || cell.jobName === 'poll')
				jsonBytes = Buffer.byteLength(JSON.stringify(items));
			const [run] = (await n8n.executionsAfter(after, [cell.workflowId!])).slice(-1);
			if (!run)
				throw new Error(
					`no stored execution (webhook answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)})`,
				);
			if (!run.ok) throw new Error(`run failed: ${run.error?.message ?? run.status}`);
			wallMs = nodeWallMs(run);
		}
	} catch (error) {
		wallMs = NaN;
		failures = failures || n;
		return measurement(cell, lane, {
			wallMs,
			output,
			failures,
			verified: (error as Error).message,
		});
	} finally {
		emulator.setRateLimit(undefined);
	}
	let verified: true | string = true;
	// the HTTP Request node's rate-limited run is expected to lose items: its failures are the result
	const lossExpected = cell.scenario.rateLimit !== undefined && cell.contender === 'httpRequest';
	if (!lossExpected) {
		try {
			job.verify(lane.emulator, input, output - failures);
			if (failures) verified = `${failures} items failed`;
		} catch (error) {
			verified = (error as Error).message;
		}
	}
	return measurement(cell, lane, {
		wallMs,
		output,
		failures,
		verified,
		rssBefore,
		rssPeak,
		jsonBytes,
		clientMs,
		requestAts,
		firstFailure,
	});
}

function measurement(
	cell: Cell,
	lane: Lane,
	values: Omit<Measurement, 'requests' | 'logins' | 'rejected'>,
): Measurement {
	const requests = lane.emulator.emulator.log;
	return {
		...values,
		requests: requests.filter((r) => r.status !== 429).length,
		rejected: requests.filter((r) => r.status === 429).length,
		logins: requests.filter((r) => r.op !== undefined && lane.vendor.loginOps.includes(r.op))
			.length,
	};
}

main().catch((error: unknown) => {
	log(`[bench] failed: ${(error as Error).stack ?? String(error)}`);
	process.exitCode = 1;
});
