import type { IConnections, IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import {
	childProcess,
	crypto,
	env,
	fs,
	fsp,
	http,
	log,
	net,
	now,
	path,
	process,
	repoRoot,
	setTimeout,
	clearTimeout,
	delay,
	warn,
} from 'business-pack-devkit';

import {
	ensureN8n,
	ensureScanner,
	npmEnv,
	runtimeNames,
	type N8nRuntime,
	type RuntimeName,
} from '../../scripts/install-n8n';

/*
 * Drives the real, pinned n8n 2.41.1 — or, with `runtime: '1.123'`, the oldest supported 1.123.x — (see
 * scripts/install-n8n.ts) headless: a fresh user folder per instance, packages
 * laid out the way the UI's community-package install leaves them, CLI import/execute/export, and — for the
 * credential test button and the demo — a long-running `n8n start` on 127.0.0.1.
 */

const cacheDir = path.join(repoRoot, '.cache');
const usersDir = path.join(cacheDir, 'n8n-users');
const packDir = path.join(cacheDir, 'pack');
/** Every instance shares one key, so the pre-migrated template database fits them all. */
const ENCRYPTION_KEY = 'example-key-of-throwaway-test-instances';
const CLI_TIMEOUT_MS = 5 * 60 * 1000;

/** The owner created on `start()`; the demo prints it so the user can sign in. */
export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Business',
	lastName: 'Pack',
	password: 'Example-Pass-2026',
};

export interface Timing {
	op: string;
	ms: number;
	detail?: string;
}

export interface CredentialSpec {
	id: string;
	name: string;
	type: string;
	data: IDataObject;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
	active?: boolean;
	[key: string]: unknown;
}

export interface RunError {
	message: string;
	description?: string;
	/** The node that failed, when n8n names one. */
	node?: string;
	httpCode?: string;
}

export interface RunResult {
	workflowId: string;
	/** n8n's execution status: 'success', 'error', 'crashed', … */
	status: string;
	ok: boolean;
	error?: RunError;
	/** The `json` of every item a node put on an output (main[0] unless told). */
	output(nodeName: string, outputIndex?: number): IDataObject[];
	/** The full items (json, pairedItem, error …) of a node's output. */
	items(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** Nodes that ran, in run order. */
	nodesRun(): string[];
	/** The run as n8n reported it (IRun: data.resultData.runData, status, startedAt …). */
	raw: IDataObject;
	ms: number;
}

export interface N8nInstance {
	readonly userFolder: string;
	readonly runtime: N8nRuntime;
	/** Every CLI / REST call this instance made, with its wall time. */
	readonly timings: Timing[];
	/** http://127.0.0.1:<port> while `start()`ed, else undefined. */
	readonly url: string | undefined;
	/** The pid of the `n8n start` process (the one that runs the nodes) while started, else undefined. */
	readonly pid: number | undefined;
	/** The log file `n8n start` writes (stdout + stderr), kept across restarts. */
	readonly logFile: string;
	/**
	 * POSTs `body` to a published workflow's webhook on the running n8n (no sign-in; see webhookWorkflow) and returns
	 * the status and parsed answer — with `responseMode: 'lastNode'`, the last node's items once the run is over.
	 */
	callWebhook(webhookPath: string, body: unknown): Promise<{ status: number; body: unknown; ms: number }>;
	importCredentials(credentials: CredentialSpec[]): Promise<void>;
	importWorkflow(workflow: WorkflowJson): Promise<string>;
	importWorkflows(workflows: WorkflowJson[]): Promise<string[]>;
	execute(workflowId: string): Promise<RunResult>;
	/**
	 * One cold start for several workflows (`n8n execute-batch --retries=0`), results in the order given. They run
	 * one after another in ascending workflow-id order (n8n's query order); ids from newId() ascend in the order
	 * they were made, so workflows built one after another run in that order.
	 */
	executeMany(workflowIds: string[]): Promise<RunResult[]>;
	/** Marks a workflow active (`n8n publish:workflow`); `start()` then activates it, and a polling trigger polls at once. */
	publish(workflowId: string): Promise<void>;
	/** Marks a workflow inactive again (`n8n unpublish:workflow`). */
	unpublish(workflowId: string): Promise<void>;
	/**
	 * GET a path of the running n8n (started on demand) as its signed-in owner, e.g. `/types/nodes.json`;
	 * `body` is the parsed JSON, or `{ text }` for anything else (an icon).
	 */
	get(pathname: string): Promise<{ status: number; body: unknown }>;
	/** The id of the newest execution in the database (0 when none), to read later executions with `executionsAfter`. */
	lastExecutionId(): Promise<number>;
	/** Every stored execution of these workflows with an id above `afterId`, oldest first (any mode, e.g. trigger runs). */
	executionsAfter(
		afterId: number,
		workflowIds: string[],
	): Promise<Array<RunResult & { mode: string }>>;
	/** The credential's decrypted data as stored in n8n's database right now. */
	readCredential(credentialId: string): Promise<IDataObject>;
	/** What the credential dialog's "Test" button does: POST /rest/credentials/test on a running n8n (started on demand). */
	testCredential(credential: CredentialSpec): Promise<CredentialTestResult>;
	/** `setupOwner: false` leaves the owner account to be set up in the browser (the editor's setup page). */
	start(options?: { port?: number; setupOwner?: boolean }): Promise<string>;
	stop(): Promise<void>;
	/** Stops n8n and removes the user folder (kept when `keep` or BUSINESS_PACK_KEEP_N8N=1). */
	dispose(options?: { keep?: boolean }): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Processes

interface Finished {
	code: number | null;
	stdout: string;
	stderr: string;
	ms: number;
}

function run(
	command: string,
	args: string[],
	options: { cwd?: string; env: Record<string, string>; timeoutMs?: number },
): Promise<Finished> {
	const started = now();
	return new Promise((resolve, reject) => {
		const child = childProcess.spawn(command, args, {
			cwd: options.cwd ?? repoRoot,
			env: options.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? CLI_TIMEOUT_MS);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({
				code,
				stdout: Buffer.concat(stdout).toString('utf8'),
				stderr: Buffer.concat(stderr).toString('utf8'),
				ms: now() - started,
			});
		});
	});
}

const tail = (text: string, lines = 30) => text.trimEnd().split('\n').slice(-lines).join('\n');

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** This process's start in base 36 (10 characters), so ids from later runs sort after earlier ones too. */
const ID_EPOCH = now().toString(36).toUpperCase().padStart(10, '0');
let idSequence = 0;

/** A workflow or credential id in n8n's format (16 alphanumerics); the last is a digit because execute-batch needs one. */
export function newId(): string {
	// ASCII-ordered digits then capitals: ids sort (as n8n's database sorts them) in the order they were made
	const sequence = (idSequence++).toString(36).toUpperCase().padStart(4, '0');
	const bytes = crypto.randomBytes(2);
	return `${ID_EPOCH}${sequence}${ALPHANUMERIC[bytes[0] % 36]}${bytes[1] % 10}`;
}

/** The environment of every n8n process: only what we set, no inherited N8N_*, npm_* or NODE_ENV=test from jest. */
export function n8nEnv(
	runtime: N8nRuntime,
	userFolder: string,
	extra: Record<string, string> = {},
): Record<string, string> {
	const base: Record<string, string> = {};
	for (const [key, value] of Object.entries(npmEnv())) {
		if (!/^(N8N_|DB_|EXECUTIONS_|QUEUE_|NODE_ENV$|NODE_OPTIONS$|GENERIC_TIMEZONE$)/.test(key))
			base[key] = value;
	}
	const vars: Record<string, string> = {
		...base,
		PATH: `${path.dirname(runtime.nodeBin)}${path.delimiter}${env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		// the MCP registry module fetches api.n8n.io on start; nothing else here goes beyond 127.0.0.1
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		GENERIC_TIMEZONE: 'UTC',
		...runtime.env,
		...extra,
	};
	// 1.x has no mcp-registry module (nor the api.n8n.io fetch) and refuses unknown module names
	if (runtime.name === '1.123') delete vars.N8N_DISABLED_MODULES;
	return vars;
}

// ---------------------------------------------------------------------------------------------------------------
// Run output

/** The run JSON `n8n execute --rawOutput` prints after its log lines: from the first line starting with `{`. */
export function parseRunJson(stdout: string): IDataObject | undefined {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line.startsWith('{'));
	if (start < 0) return undefined;
	if (lines[start].trim() !== '{') return JSON.parse(lines[start]) as IDataObject;
	// pretty-printed: the object ends at the first unindented `}`
	const end = lines.findIndex((line, index) => index > start && line.trimEnd() === '}');
	if (end < 0) return undefined;
	return JSON.parse(lines.slice(start, end + 1).join('\n')) as IDataObject;
}

type RunData = Record<
	string,
	Array<{
		data?: { main?: Array<INodeExecutionData[] | null> };
		error?: IDataObject;
		startTime?: number;
	}>
>;

export function toRunResult(workflowId: string, raw: IDataObject, ms: number): RunResult {
	const resultData = ((raw.data as IDataObject | undefined)?.resultData ?? {}) as IDataObject;
	const runData = (resultData.runData ?? {}) as RunData;
	const rawError = resultData.error as IDataObject | undefined;
	const status = String(raw.status ?? (rawError ? 'error' : 'success'));
	let error: RunError | undefined;
	if (rawError) {
		const node = rawError.node as IDataObject | undefined;
		error = {
			message: String(rawError.message ?? ''),
			description: typeof rawError.description === 'string' ? rawError.description : undefined,
			node:
				typeof node?.name === 'string'
					? node.name
					: (resultData.lastNodeExecuted as string | undefined),
			httpCode:
				rawError.httpCode === undefined || rawError.httpCode === null
					? undefined
					: String(rawError.httpCode),
		};
	}
	const items = (nodeName: string, outputIndex = 0): INodeExecutionData[] => {
		const runs = runData[nodeName];
		if (!runs?.length) {
			throw new Error(
				`node "${nodeName}" did not run; nodes that ran: ${Object.keys(runData).join(', ') || 'none'}`,
			);
		}
		return runs[runs.length - 1].data?.main?.[outputIndex] ?? [];
	};
	return {
		workflowId,
		status,
		ok: status === 'success' && !rawError,
		error,
		items,
		output: (nodeName, outputIndex = 0) => items(nodeName, outputIndex).map((item) => item.json),
		nodesRun: () =>
			Object.entries(runData)
				.sort(([, a], [, b]) => (a[0]?.startTime ?? 0) - (b[0]?.startTime ?? 0))
				.map(([name]) => name),
		raw,
		ms,
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Workflows

export interface NodeSpec {
	name: string;
	type: string;
	parameters?: IDataObject;
	typeVersion?: number;
	credentials?: Record<string, { id: string; name: string }>;
	/** Shorthand for onError: 'continueRegularOutput' (n8n's "Continue" setting, what continueOnFail() reads). */
	continueOnFail?: boolean;
	onError?: INode['onError'];
	alwaysOutputData?: boolean;
}

export const MANUAL_TRIGGER = 'Manual Trigger';
export const INPUT_NODE = 'Input';

/**
 * Manual Trigger → (optional Code node "Input" emitting `input` as items) → nodes, connected in a chain.
 * Feed several items, including a bad one, to exercise continueOnFail and pairedItem.
 */
export function manualWorkflow(options: {
	name: string;
	id?: string;
	input?: IDataObject[];
	nodes: NodeSpec[];
}): WorkflowJson {
	const chain: INode[] = [
		{
			id: crypto.randomUUID(),
			name: MANUAL_TRIGGER,
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	if (options.input) {
		chain.push({
			id: crypto.randomUUID(),
			name: INPUT_NODE,
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [0, 0],
			parameters: { jsCode: `return ${JSON.stringify(options.input)}.map((json) => ({ json }));` },
		});
	}
	for (const spec of options.nodes) {
		const node: INode = {
			id: crypto.randomUUID(),
			name: spec.name,
			type: spec.type,
			typeVersion: spec.typeVersion ?? 1,
			position: [0, 0],
			parameters: (spec.parameters ?? {}) as INode['parameters'],
		};
		if (spec.credentials) node.credentials = spec.credentials;
		if (spec.continueOnFail) node.onError = 'continueRegularOutput';
		if (spec.onError) node.onError = spec.onError;
		if (spec.alwaysOutputData) node.alwaysOutputData = true;
		chain.push(node);
	}
	const connections: IConnections = {};
	chain.forEach((node, index) => {
		node.position = [index * 240, 0];
		const next = chain[index + 1];
		if (next) connections[node.name] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
	});
	return {
		id: options.id ?? newId(),
		name: options.name,
		nodes: chain,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

export const WEBHOOK_NODE = 'Webhook';

/**
 * Webhook (POST /webhook/<path>, answers with the last node's items when the run is over) → Code node "Input" that
 * turns the posted `{ items: [...] }` into items → nodes, chained. Publish it and start() n8n, then callWebhook():
 * one running n8n serves many runs in milliseconds each, instead of a cold `n8n execute` per run.
 */
export function webhookWorkflow(options: { name: string; id?: string; path: string; nodes: NodeSpec[] }): WorkflowJson {
	const workflow = manualWorkflow({ name: options.name, id: options.id, input: [], nodes: options.nodes });
	const [trigger, input] = workflow.nodes;
	Object.assign(trigger, {
		name: WEBHOOK_NODE,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: crypto.randomUUID(),
		parameters: { httpMethod: 'POST', path: options.path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
	});
	input.parameters = { jsCode: 'return ($input.first().json.body.items ?? []).map((json) => ({ json }));' };
	workflow.connections = Object.fromEntries(
		Object.entries(workflow.connections).map(([name, value]) => [name === MANUAL_TRIGGER ? WEBHOOK_NODE : name, value]),
	);
	return workflow;
}

const packageName = () =>
	String(
		(JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as IDataObject).name,
	);

/** The workflow type name of one of this pack's nodes once installed like a community package: `<pkg>.<node>`. */
export const packNodeType = (nodeName: string) => `${packageName()}.${nodeName}`;

// ---------------------------------------------------------------------------------------------------------------
// Pack

const newestMtime = (target: string): number => {
	const stat = fs.statSync(target);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of fs.readdirSync(target))
		newest = Math.max(newest, newestMtime(path.join(target, entry)));
	return newest;
};

/** `npm pack` of the repo (dist/ must be built) into .cache/pack/; reused while newer than dist/ and package.json. */
export async function packPack(): Promise<string> {
	const distDir = path.join(repoRoot, 'dist');
	if (!fs.existsSync(distDir)) throw new Error('dist/ is missing: run `npm run build` first');
	await fsp.mkdir(packDir, { recursive: true });
	const pkg = JSON.parse(
		fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
	) as IDataObject;
	const tarball = path.join(
		packDir,
		`${String(pkg.name).replace(/^@/, '').replace('/', '-')}-${String(pkg.version)}.tgz`,
	);
	const sources = Math.max(newestMtime(distDir), newestMtime(path.join(repoRoot, 'package.json')));
	if (fs.existsSync(tarball) && fs.statSync(tarball).mtimeMs > sources) return tarball;
	const packed = await run(
		'npm',
		['pack', '--pack-destination', packDir, '--ignore-scripts', '--json'],
		{ env: npmEnv() },
	);
	if (packed.code !== 0) throw new Error(`npm pack failed:\n${tail(packed.stderr)}`);
	const [{ filename }] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
	return path.join(packDir, path.basename(filename));
}

/** The tarball the jest global setup packed (or packs now when called outside the suite). */
export async function packedTarball(): Promise<string> {
	if (env.BUSINESS_PACK_PACK_ERROR)
		throw new Error(`the pack could not be built/packed: ${env.BUSINESS_PACK_PACK_ERROR}`);
	return env.BUSINESS_PACK_TARBALL ?? (await packPack());
}

export async function extractTarball(tarball: string, destination: string): Promise<void> {
	await fsp.rm(destination, { recursive: true, force: true });
	await fsp.mkdir(destination, { recursive: true });
	const untar = await run('tar', ['-xzf', tarball, '-C', destination, '--strip-components=1'], {
		env: npmEnv(),
	});
	if (untar.code !== 0) throw new Error(`tar -xzf ${tarball} failed: ${untar.stderr}`);
}

/** Lays a package tarball out as n8n's UI install does (CommunityPackagesService.downloadPackage in 2.41). */
async function installTarball(userFolder: string, tarball: string): Promise<string> {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const staging = path.join(nodesDir, `.staging-${newId()}`);
	await extractTarball(tarball, staging);
	const manifestFile = path.join(staging, 'package.json');
	const manifest = JSON.parse(await fsp.readFile(manifestFile, 'utf8')) as IDataObject;
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	delete manifest.optionalDependencies;
	if (Object.keys((manifest.dependencies as IDataObject | undefined) ?? {}).length > 0) {
		throw new Error(
			`${String(manifest.name)} has runtime dependencies; the harness installs dependency-free packages only`,
		);
	}
	await fsp.writeFile(manifestFile, JSON.stringify(manifest, null, 2));
	const name = String(manifest.name);
	const target = path.join(nodesDir, 'node_modules', name);
	await fsp.mkdir(path.dirname(target), { recursive: true });
	await fsp.rm(target, { recursive: true, force: true });
	await fsp.rename(staging, target);
	const ledgerFile = path.join(nodesDir, 'package.json');
	const ledger = (
		fs.existsSync(ledgerFile)
			? JSON.parse(await fsp.readFile(ledgerFile, 'utf8'))
			: { name: 'installed-nodes', private: true, dependencies: {} }
	) as { dependencies: IDataObject };
	ledger.dependencies[name] = String(manifest.version);
	await fsp.writeFile(ledgerFile, JSON.stringify(ledger, null, 2));
	return name;
}

/**
 * The pack's `require('n8n-workflow')` must get n8n's own copy, as in a real install (nothing above ~/.n8n/nodes
 * has one, so Node falls back to the NODE_PATH n8n sets to its own modules). A user folder here sits inside the
 * repo, whose node_modules/n8n-workflow (the devDependency, 2.41) would be found first; a link next to the
 * installed packages points that lookup at the runtime's copy instead.
 */
async function linkN8nWorkflow(runtime: N8nRuntime, userFolder: string) {
	const nested = path.join(runtime.dir, 'node_modules', 'n8n', 'node_modules', 'n8n-workflow');
	const own = fs.existsSync(nested)
		? nested
		: path.join(runtime.dir, 'node_modules', 'n8n-workflow');
	const link = path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-workflow');
	await fsp.mkdir(path.dirname(link), { recursive: true });
	await fsp.symlink(own, link, 'dir');
}

// ---------------------------------------------------------------------------------------------------------------
// Template database: a fresh user folder spends ~35 s in migrations, so migrate once per n8n version and copy.

async function ensureTemplate(runtime: N8nRuntime, timings?: Timing[]): Promise<string> {
	const lockHash = crypto
		.createHash('sha256')
		.update(fs.readFileSync(path.join(repoRoot, 'test', 'n8n-runtime', 'package-lock.json')))
		.digest('hex')
		.slice(0, 12);
	const template = path.join(cacheDir, 'n8n-template', `${runtime.version}-${lockHash}`);
	if (fs.existsSync(path.join(template, '.n8n', 'database.sqlite'))) return template;
	const building = `${template}.building-${newId()}`;
	await fsp.mkdir(building, { recursive: true });
	const migrated = await run(runtime.nodeBin, [runtime.n8nBin, 'list:workflow'], {
		env: n8nEnv(runtime, building, { N8N_RUNNERS_BROKER_PORT: String(await freePort()) }),
	});
	timings?.push({ op: 'migrate template database', ms: migrated.ms });
	if (migrated.code !== 0)
		throw new Error(
			`n8n could not create its database:\n${tail(migrated.stdout + migrated.stderr)}`,
		);
	await fsp.rm(template, { recursive: true, force: true });
	await fsp.rename(building, template);
	return template;
}

async function copyTemplate(template: string, userFolder: string) {
	const from = path.join(template, '.n8n');
	const to = path.join(userFolder, '.n8n');
	await fsp.mkdir(path.join(to, 'nodes'), { recursive: true });
	for (const file of await fsp.readdir(from)) {
		if (file.startsWith('database.sqlite'))
			await fsp.copyFile(path.join(from, file), path.join(to, file));
	}
}

// ---------------------------------------------------------------------------------------------------------------
// REST (only for what the CLI cannot do: the credential test)

interface RestResponse {
	status: number;
	body: IDataObject;
	cookies: string[];
}

function rest(
	url: string,
	method: string,
	body?: unknown,
	headers: Record<string, string> = {},
): Promise<RestResponse> {
	return new Promise((resolve, reject) => {
		const payload = body === undefined ? undefined : JSON.stringify(body);
		const request = http.request(
			url,
			{
				method,
				headers: {
					...headers,
					...(payload
						? {
								'content-type': 'application/json',
								'content-length': String(Buffer.byteLength(payload)),
							}
						: {}),
				},
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let parsed: IDataObject = {};
					try {
						parsed = JSON.parse(text) as IDataObject;
					} catch {
						parsed = { text };
					}
					resolve({
						status: response.statusCode ?? 0,
						body: parsed,
						cookies: response.headers['set-cookie'] ?? [],
					});
				});
			},
		);
		request.on('error', reject);
		request.setTimeout(60000, () => request.destroy(new Error(`${method} ${url} timed out`)));
		if (payload) request.write(payload);
		request.end();
	});
}

// ---------------------------------------------------------------------------------------------------------------
// Instances

type Child = ReturnType<typeof childProcess.spawn>;

const running = new Set<Child>();
process.on('exit', () => {
	for (const child of running) if (child.pid) killGroup(child.pid, 'SIGKILL');
});

function killGroup(pid: number, signal: 'SIGTERM' | 'SIGKILL') {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/** Reads the newest executions of the given workflows straight from n8n's database (used after execute-batch). */
const READ_EXECUTIONS = `
const [dbFile, afterId, ...ids] = process.argv.slice(1);
const sqlite3 = require('sqlite3');
const { parse } = require('flatted');
const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY);
const done = (error, rows) => { if (error) { console.error(error.message); process.exit(1); } process.stdout.write(JSON.stringify(rows)); db.close(); };
if (ids.length === 0) db.all('SELECT COALESCE(MAX(id), 0) AS id FROM execution_entity', done);
else db.all('SELECT e.id, e.workflowId, e.status, e.mode, e.startedAt, e.stoppedAt, e.finished, d.data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.id > ? AND e.workflowId IN (' + ids.map(() => '?').join(',') + ') ORDER BY e.id',
	[Number(afterId), ...ids], (error, rows) => done(error, rows && rows.map((row) => ({ ...row, data: parse(row.data) }))));
`;

/**
 * BUSINESS_PACK_N8N_RUNTIME=1.123 runs every suite (not only the compatibility smoke) against n8n 1.123.x, to see
 * what else differs there; unset, the pinned 2.41.1.
 */
function envRuntime(): RuntimeName | undefined {
	const name = env.BUSINESS_PACK_N8N_RUNTIME;
	if (!name) return undefined;
	if (!runtimeNames.includes(name as RuntimeName))
		throw new Error(
			`BUSINESS_PACK_N8N_RUNTIME must be one of ${runtimeNames.join(', ')}, not ${name}`,
		);
	return name as RuntimeName;
}

export async function createN8n(
	options: {
		tarballs?: string[];
		label?: string;
		/** '1.123': the oldest supported n8n instead of the pinned 2.41.1 (installed on first use). */
		runtime?: RuntimeName;
		/** Extra environment for every n8n process of this instance (CLI and start), e.g. DB_TYPE for Postgres. */
		env?: Record<string, string>;
	} = {},
): Promise<N8nInstance> {
	const timings: Timing[] = [];
	const timed = async <T>(
		op: string,
		detail: string | undefined,
		work: () => Promise<T>,
	): Promise<T> => {
		const started = now();
		try {
			return await work();
		} finally {
			timings.push({ op, ms: now() - started, ...(detail ? { detail } : {}) });
		}
	};

	const runtime = await ensureN8n({ quiet: true, runtime: options.runtime ?? envRuntime() });
	const template = await ensureTemplate(runtime, timings);
	const userFolder = path.join(usersDir, `${options.label ? `${options.label}-` : ''}${newId()}`);
	await copyTemplate(template, userFolder);
	if (runtime.name === '1.123') await linkN8nWorkflow(runtime, userFolder);
	for (const tarball of options.tarballs ?? []) {
		await timed('install tarball', path.basename(tarball), () =>
			installTarball(userFolder, tarball),
		);
	}
	const workDir = path.join(userFolder, 'harness');
	await fsp.mkdir(workDir, { recursive: true });
	const imported = new Set<string>();

	const cli = async (args: string[]): Promise<Finished> => {
		const finished = await run(runtime.nodeBin, [runtime.n8nBin, ...args], {
			env: n8nEnv(runtime, userFolder, { ...options.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) }),
		});
		timings.push({
			op: `n8n ${args[0]}`,
			ms: finished.ms,
			detail: args.slice(1).join(' ') || undefined,
		});
		return finished;
	};
	const cliOk = async (args: string[]): Promise<Finished> => {
		const finished = await cli(args);
		if (finished.code !== 0)
			throw new Error(
				`n8n ${args.join(' ')} failed (exit ${finished.code}):\n${tail(finished.stdout + finished.stderr)}`,
			);
		return finished;
	};
	const writeJson = async (name: string, value: unknown) => {
		const file = path.join(workDir, `${name}-${newId()}.json`);
		await fsp.writeFile(file, JSON.stringify(value, null, 2));
		return file;
	};
	const readExecutions = async (args: string[]): Promise<IDataObject[]> => {
		const read = await run(
			runtime.nodeBin,
			['-e', READ_EXECUTIONS, path.join(userFolder, '.n8n', 'database.sqlite'), ...args],
			{
				cwd: runtime.dir,
				env: npmEnv(),
			},
		);
		if (read.code !== 0) throw new Error(`reading executions failed: ${read.stderr}`);
		return JSON.parse(read.stdout) as IDataObject[];
	};

	let server: { child: Child; url: string; cookie: string; logFile: string } | undefined;

	const instance: N8nInstance = {
		userFolder,
		runtime,
		timings,
		get url() {
			return server?.url;
		},
		get pid() {
			return server?.child.pid;
		},
		logFile: path.join(userFolder, 'n8n-start.log'),

		async callWebhook(webhookPath, body) {
			if (!server) throw new Error('n8n is not started: publish the workflow, then start()');
			const started = now();
			for (;;) {
				const answer = await rest(`${server.url}/webhook/${webhookPath}`, 'POST', body);
				// n8n answers readiness before it has registered every published workflow's webhook
				const unregistered = answer.status === 404 && /is not registered/.test(JSON.stringify(answer.body));
				if (!unregistered || now() - started > 60_000)
					return { status: answer.status, body: answer.body, ms: now() - started };
				await delay(250);
			}
		},

		async importCredentials(credentials) {
			const file = await writeJson('credentials', credentials);
			await cliOk(['import:credentials', `--input=${file}`]);
			for (const credential of credentials) imported.add(credential.id);
		},

		async importWorkflow(workflow) {
			const [id] = await instance.importWorkflows([workflow]);
			return id;
		},

		async importWorkflows(workflows) {
			const withIds = workflows.map((workflow) => ({
				active: false,
				settings: {},
				...workflow,
				id: workflow.id ?? newId(),
			}));
			const file = await writeJson('workflows', withIds);
			await cliOk(['import:workflow', `--input=${file}`]);
			return withIds.map((workflow) => workflow.id);
		},

		async execute(workflowId) {
			const spawned = now();
			const finished = await cli(['execute', `--id=${workflowId}`, '--rawOutput']);
			const raw = parseRunJson(finished.stdout);
			if (raw) return toRunResult(workflowId, raw, finished.ms);
			// A run that fails before its first node (e.g. WorkflowHasIssuesError for a missing required parameter)
			// makes `n8n execute` report "No active execution found" instead of the run; n8n did store that run.
			const stored = (await readExecutions(['0', workflowId])).pop();
			const startedAt = stored ? Date.parse(`${String(stored.startedAt).replace(' ', 'T')}Z`) : 0;
			if (stored && startedAt >= spawned - 2000)
				return toRunResult(workflowId, stored, finished.ms);
			throw new Error(
				`n8n execute --id=${workflowId} printed no run (exit ${finished.code}):\n${tail(finished.stdout + finished.stderr)}`,
			);
		},

		async executeMany(workflowIds) {
			if (workflowIds.length === 0) return [];
			const [{ id: before }] = await readExecutions([]);
			const summaryFile = path.join(workDir, `batch-${newId()}.json`);
			// --retries=0: a retried workflow would hit the emulators twice
			const finished = await cli([
				'execute-batch',
				`--ids=${workflowIds.join(',')}`,
				'--retries=0',
				`--output=${summaryFile}`,
			]);
			const executions = await readExecutions([String(before), ...workflowIds]);
			const perWorkflowMs = Math.round(finished.ms / workflowIds.length);
			return workflowIds.map((workflowId) => {
				const execution = executions.filter((row) => row.workflowId === workflowId).pop();
				if (!execution) {
					const summary = fs.existsSync(summaryFile) ? fs.readFileSync(summaryFile, 'utf8') : '';
					const reported = (
						JSON.parse(summary || '{}') as { executions?: IDataObject[] }
					).executions?.find((entry) => entry.workflowId === workflowId);
					throw new Error(
						`execute-batch made no execution of ${workflowId}: ${String(reported?.error ?? `exit ${finished.code}`)}\n${tail(finished.stdout + finished.stderr, 12)}`,
					);
				}
				return toRunResult(workflowId, execution, perWorkflowMs);
			});
		},

		async publish(workflowId) {
			// 1.x has no publish:workflow; update:workflow sets the same active flag that `start` activates
			await cliOk(
				runtime.name === '1.123'
					? ['update:workflow', `--id=${workflowId}`, '--active=true']
					: ['publish:workflow', `--id=${workflowId}`],
			);
		},

		async unpublish(workflowId) {
			await cliOk(
				runtime.name === '1.123'
					? ['update:workflow', `--id=${workflowId}`, '--active=false']
					: ['unpublish:workflow', `--id=${workflowId}`],
			);
		},

		async get(pathname) {
			if (!server) await instance.start();
			if (!server) throw new Error('n8n did not start');
			const { url, cookie } = server;
			const { status, body } = await timed('GET', pathname, () =>
				rest(`${url}${pathname}`, 'GET', undefined, {
					cookie,
					'browser-id': 'business-pack-harness',
				}),
			);
			return { status, body };
		},

		async lastExecutionId() {
			const [{ id }] = await readExecutions([]);
			return Number(id);
		},

		async executionsAfter(afterId, workflowIds) {
			const rows = await readExecutions([String(afterId), ...workflowIds]);
			return rows.map((row) => ({
				...toRunResult(String(row.workflowId), row, 0),
				mode: String(row.mode),
			}));
		},

		async readCredential(credentialId) {
			const file = path.join(workDir, `credential-${newId()}.json`);
			await cliOk([
				'export:credentials',
				`--id=${credentialId}`,
				'--decrypted',
				`--output=${file}`,
			]);
			const exported = JSON.parse(await fsp.readFile(file, 'utf8')) as Array<CredentialSpec>;
			await fsp.rm(file, { force: true });
			const found = exported.find((credential) => credential.id === credentialId);
			if (!found) throw new Error(`credential ${credentialId} not found`);
			return found.data;
		},

		async testCredential(credential) {
			if (!imported.has(credential.id)) await instance.importCredentials([credential]);
			if (!server) await instance.start();
			if (!server) throw new Error('n8n did not start');
			const { url, cookie } = server;
			return await timed('credential test', credential.type, async () => {
				const response = await rest(
					`${url}/rest/credentials/test`,
					'POST',
					{
						credentials: {
							id: credential.id,
							name: credential.name,
							type: credential.type,
							data: credential.data,
						},
					},
					{ cookie, 'browser-id': 'business-pack-harness' },
				);
				if (response.status !== 200) {
					throw new Error(
						`POST /rest/credentials/test answered ${response.status}: ${JSON.stringify(response.body)}`,
					);
				}
				return response.body.data as unknown as CredentialTestResult;
			});
		},

		async start({ port, setupOwner = true } = {}) {
			if (server) return server.url;
			const listenPort = port ?? (await freePort());
			const url = `http://127.0.0.1:${listenPort}`;
			const logFile = path.join(userFolder, 'n8n-start.log');
			const out = fs.openSync(logFile, 'a');
			const child = childProcess.spawn(runtime.nodeBin, [runtime.n8nBin, 'start'], {
				env: n8nEnv(runtime, userFolder, {
					...options.env,
					N8N_PORT: String(listenPort),
					N8N_HOST: '127.0.0.1',
					N8N_EDITOR_BASE_URL: `http://localhost:${listenPort}`,
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				}),
				stdio: ['ignore', out, out],
				detached: true,
			});
			fs.closeSync(out);
			const pid = child.pid;
			if (!pid)
				throw new Error(`could not spawn n8n start: ${tail(fs.readFileSync(logFile, 'utf8'))}`);
			running.add(child);
			const started = now();
			let exited = false;
			child.once('exit', () => {
				exited = true;
				running.delete(child);
			});
			await timed('n8n start (until ready)', url, async () => {
				for (;;) {
					if (exited)
						throw new Error(`n8n start exited:\n${tail(fs.readFileSync(logFile, 'utf8'))}`);
					if (now() - started > 180000)
						throw new Error(
							`n8n start not ready after 180 s:\n${tail(fs.readFileSync(logFile, 'utf8'))}`,
						);
					const ready = await rest(`${url}/healthz/readiness`, 'GET').catch(() => undefined);
					// 1.x answers readiness before its REST routes exist; /rest/settings comes with them
					const settled =
						runtime.name !== '1.123' ||
						(await rest(`${url}/rest/settings`, 'GET').catch(() => undefined))?.status === 200;
					if (ready?.status === 200 && settled) break;
					await delay(250);
				}
			});
			if (!setupOwner) {
				server = { child, url, cookie: '', logFile };
				return url;
			}
			const headers = { 'browser-id': 'business-pack-harness' };
			let auth = await rest(`${url}/rest/owner/setup`, 'POST', OWNER, headers);
			if (auth.status !== 200) {
				auth = await rest(
					`${url}/rest/login`,
					'POST',
					{ emailOrLdapLoginId: OWNER.email, password: OWNER.password },
					headers,
				);
			}
			const cookie = auth.cookies
				.map((line) => line.split(';')[0])
				.find((pair) => pair.startsWith('n8n-auth='));
			if (auth.status !== 200 || !cookie) {
				killGroup(pid, 'SIGKILL');
				throw new Error(
					`could not sign in to n8n as its owner (${auth.status}): ${JSON.stringify(auth.body)}`,
				);
			}
			server = { child, url, cookie, logFile };
			return url;
		},

		async stop() {
			if (!server) return;
			const { child } = server;
			server = undefined;
			const pid = child.pid;
			if (!pid || child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			await timed('n8n stop', undefined, async () => {
				killGroup(pid, 'SIGTERM');
				const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 20000);
				await exited;
				clearTimeout(timer);
			});
		},

		async dispose({ keep = env.BUSINESS_PACK_KEEP_N8N === '1' } = {}) {
			await instance.stop();
			await recordTimings(userFolder, timings);
			if (!keep) await fsp.rm(userFolder, { recursive: true, force: true });
		},
	};
	return instance;
}

const timingsFile = path.join(cacheDir, 'real-n8n', 'timings.jsonl');

async function recordTimings(userFolder: string, timings: Timing[]) {
	await fsp.mkdir(path.dirname(timingsFile), { recursive: true });
	const instance = path.basename(userFolder);
	await fsp.appendFile(
		timingsFile,
		timings.map((timing) => `${JSON.stringify({ instance, ...timing })}\n`).join(''),
	);
}

// ---------------------------------------------------------------------------------------------------------------
// Scanner

export interface ScanResult {
	passed: boolean;
	message?: string;
	details?: string;
}

/** The scan CLI's file sets: the tarball leg lints compiled JS + package.json, the source leg the .ts sources. */
export const TARBALL_SCAN_PATTERNS = ['**/*.js', 'package.json'];

/** Runs `analyzePackage(dir, patterns)` from @n8n/scan-community-package (ESM, so in its own Node process). */
export async function analyzePackage(dir: string, patterns?: string[]): Promise<ScanResult> {
	const { scannerModule } = await ensureScanner({ quiet: true });
	const script = `
const scanner = await import(${JSON.stringify(`file://${scannerModule}`)});
const patterns = ${JSON.stringify(patterns ?? null)} ?? scanner.SOURCE_FILE_PATTERNS;
const result = await scanner.analyzePackage(${JSON.stringify(dir)}, patterns);
process.stdout.write('\\n' + JSON.stringify(result) + '\\n');
`;
	// eslint-plugin-n8n-nodes-base lints fixture file names instead of the real ones under NODE_ENV=test (jest's)
	const { NODE_ENV, ...scanEnv } = npmEnv();
	const finished = await run(process.execPath, ['--input-type=module', '-e', script], {
		env: NODE_ENV === 'test' ? scanEnv : npmEnv(),
	});
	const last = finished.stdout.trim().split('\n').pop() ?? '';
	if (finished.code !== 0 || !last.startsWith('{')) {
		throw new Error(
			`the scanner failed (exit ${finished.code}):\n${tail(finished.stdout + finished.stderr)}`,
		);
	}
	return JSON.parse(last) as ScanResult;
}

// ---------------------------------------------------------------------------------------------------------------
// Jest global setup (jest.n8n.config.js): n8n installed, template migrated, the pack built and packed once.

async function removeStaleUserFolders() {
	if (!fs.existsSync(usersDir)) return;
	for (const entry of await fsp.readdir(usersDir)) {
		const folder = path.join(usersDir, entry);
		if (now() - fs.statSync(folder).mtimeMs > 6 * 3600 * 1000)
			await fsp.rm(folder, { recursive: true, force: true });
	}
}

export default async function globalSetup(): Promise<void> {
	const started = now();
	const runtime = await ensureN8n({ quiet: true, runtime: envRuntime() });
	await ensureScanner({ quiet: true });
	await ensureTemplate(runtime);
	await removeStaleUserFolders();
	try {
		// scripts/test.mjs has just built; a direct `jest -c jest.n8n.config.js` builds here
		if (env.BUSINESS_PACK_BUILT !== '1') {
			const build = await run('npm', ['run', 'build'], { env: npmEnv() });
			if (build.code !== 0)
				throw new Error(`npm run build failed:\n${tail(build.stdout + build.stderr)}`);
		}
		env.BUSINESS_PACK_TARBALL = await packPack();
	} catch (error) {
		// the harness self-test does not need the pack; the suites that do fail with this message
		env.BUSINESS_PACK_PACK_ERROR = (error as Error).message;
		warn(`\n[real-n8n] no pack: ${(error as Error).message}`);
	}
	log(`\n[real-n8n] n8n ${runtime.version} ready, setup ${now() - started} ms`);
}
