import {
	childProcess,
	clearTimeout,
	delay,
	fs,
	fsp,
	net,
	now,
	os,
	path,
	process,
	setTimeout,
} from 'business-pack-devkit';
import type { IDataObject } from 'n8n-workflow';

import type { N8nRuntime } from '../../scripts/install-n8n';
import { freePort, n8nEnv, type N8nInstance } from './harness';

/*
 * The pieces of an n8n queue-mode deployment for the real-n8n suite, all on 127.0.0.1 and thrown away afterwards:
 * Debian's redis-server and PostgreSQL (apt `redis-server postgresql`), and `n8n worker` processes that share one
 * harness instance's user folder (so the pack installed there is the one every worker loads).
 */

type Child = ReturnType<typeof childProcess.spawn>;

const spawned = new Set<number>();
const cleanups = new Set<() => void>();
// a crashed test run must not leave servers behind
process.on('exit', () => {
	for (const pid of spawned) signalGroup(pid, 'SIGKILL');
	for (const cleanup of cleanups) cleanup();
});

function signalGroup(pid: number, signal: NodeJS.Signals) {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

interface ExecOptions {
	env?: NodeJS.ProcessEnv;
	cwd?: string;
	input?: string;
}

function exec(
	command: string,
	args: string[],
	options: ExecOptions = {},
): Promise<{ code: number | null; out: string; err: string }> {
	return new Promise((resolve, reject) => {
		const child = childProcess.spawn(command, args, {
			env: options.env ?? process.env,
			cwd: options.cwd,
			stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
		});
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
		child.on('error', reject);
		child.on('close', (code) =>
			resolve({
				code,
				out: Buffer.concat(out).toString('utf8'),
				err: Buffer.concat(err).toString('utf8'),
			}),
		);
		if (options.input !== undefined) {
			// a child that exits before reading its input must not fail the suite with an unhandled EPIPE
			child.stdin?.on('error', () => undefined);
			child.stdin?.end(options.input);
		}
	});
}

async function execOk(
	command: string,
	args: string[],
	options: ExecOptions = {},
	detail = '',
): Promise<string> {
	const result = await exec(command, args, options);
	if (result.code !== 0)
		throw new Error(
			`${command} ${args.join(' ')} failed (exit ${result.code}):\n${result.out}${result.err}${detail ? `\n${detail}` : ''}`,
		);
	return result.out;
}

const tail = (text: string, lines = 30) => text.trimEnd().split('\n').slice(-lines).join('\n');

/** Waits until `ready()` is true, failing with `describe()` after `timeoutMs`. */
async function waitFor(
	what: string,
	ready: () => Promise<boolean> | boolean,
	timeoutMs: number,
	describe = () => '',
): Promise<void> {
	const started = now();
	while (!(await ready())) {
		if (now() - started > timeoutMs)
			throw new Error(`${what} not ready after ${timeoutMs} ms\n${describe()}`);
		await delay(200);
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Redis

export interface Redis {
	port: number;
	stop(): Promise<void>;
}

/** One `redis-server` answering PING on 127.0.0.1, with no persistence. */
export async function startRedis(): Promise<Redis> {
	const port = await freePort();
	const child = childProcess.spawn(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--protected-mode',
			'yes',
		],
		{ stdio: ['ignore', 'pipe', 'pipe'], detached: true },
	);
	const output: string[] = [];
	child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
	child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
	const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
	if (child.pid) spawned.add(child.pid);
	await Promise.race([
		spawnError,
		waitFor(
			'redis-server',
			() => ping(port),
			20000,
			() => output.join(''),
		),
	]);
	return { port, stop: () => stopChild(child, 'SIGTERM', 10000) };
}

function ping(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.setTimeout(1000);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data: Buffer) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

async function stopChild(child: Child, signal: NodeJS.Signals, graceMs: number): Promise<void> {
	const pid = child.pid;
	if (!pid) return;
	if (child.exitCode === null && child.signalCode === null) {
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		signalGroup(pid, signal);
		const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
	}
	spawned.delete(pid);
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL

export interface Postgres {
	port: number;
	database: string;
	user: string;
	/** Runs SQL with `psql` and returns its unaligned, tuples-only output. */
	query(sql: string): Promise<string>;
	/** A query's rows, as JSON (`SELECT … ` is wrapped in json_agg). */
	rows<T>(sql: string): Promise<T[]>;
	/** The n8n environment that points at this database. */
	env: Record<string, string>;
	stop(): Promise<void>;
}

/** Debian installs each major version under /usr/lib/postgresql/<major>/bin; the newest one present. */
function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root)
		? fs.readdirSync(root).filter((entry) => /^\d+$/.test(entry))
		: [];
	const major = majors
		.sort((a, b) => Number(b) - Number(a))
		.find((entry) => fs.existsSync(path.join(root, entry, 'bin', 'initdb')));
	if (!major)
		throw new Error(
			'PostgreSQL is not installed (apt-get install postgresql): no /usr/lib/postgresql/<major>/bin/initdb',
		);
	return path.join(root, major, 'bin');
}

/**
 * A throwaway cluster (initdb, trust auth, durability off for speed) on 127.0.0.1 and a free port, with a database
 * `n8n`. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user Debian's package creates.
 */
export async function startPostgres(): Promise<Postgres> {
	const bin = postgresBin();
	const port = await freePort();
	const asRoot = process.getuid?.() === 0;
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'business-pack-pg-'));
	const dataDir = path.join(dir, 'data');
	const logFile = path.join(dir, 'postgres.log');
	if (asRoot) {
		const ids = (await execOk('id', ['-u', 'postgres'])).trim();
		const gid = (await execOk('id', ['-g', 'postgres'])).trim();
		await fsp.chown(dir, Number(ids), Number(gid));
	}
	const asOwner = (command: string, args: string[], detail?: () => string) =>
		asRoot
			? execOk(
					'runuser',
					['-u', 'postgres', '--', path.join(bin, command), ...args],
					{},
					detail?.(),
				)
			: execOk(path.join(bin, command), args, {}, detail?.());
	const stopCluster = () => {
		if (!fs.existsSync(path.join(dataDir, 'postmaster.pid'))) return;
		const args = ['-D', dataDir, '-m', 'immediate', 'stop'];
		childProcess.spawnSync(
			asRoot ? 'runuser' : path.join(bin, 'pg_ctl'),
			asRoot ? ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), ...args] : args,
			{ stdio: 'ignore' },
		);
	};
	cleanups.add(stopCluster);

	await asOwner('initdb', [
		'-D',
		dataDir,
		'-A',
		'trust',
		'-U',
		'postgres',
		'-E',
		'UTF8',
		'--no-sync',
	]);
	const options = [
		`-h 127.0.0.1 -p ${port} -k ${dir}`,
		'-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
		'-c max_connections=200',
	].join(' ');
	await asOwner(
		'pg_ctl',
		['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options, 'start'],
		() => (fs.existsSync(logFile) ? tail(fs.readFileSync(logFile, 'utf8')) : ''),
	);
	const psql = (database: string, sql: string) =>
		execOk(
			'psql',
			[
				'-X',
				'-q',
				'-v',
				'ON_ERROR_STOP=1',
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				'postgres',
				'-d',
				database,
				'-At',
				'-c',
				sql,
			],
			{
				env: { ...process.env, PGCONNECT_TIMEOUT: '10' },
			},
		);
	await psql('postgres', 'CREATE DATABASE n8n');

	const instance: Postgres = {
		port,
		database: 'n8n',
		user: 'postgres',
		query: (sql) => psql('n8n', sql),
		async rows<T>(sql: string) {
			const out = await psql('n8n', `SELECT COALESCE(json_agg(q), '[]'::json) FROM (${sql}) q`);
			return JSON.parse(out) as T[];
		},
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
		},
		async stop() {
			stopCluster();
			cleanups.delete(stopCluster);
			await fsp.rm(dir, { recursive: true, force: true });
		},
	};
	return instance;
}

// ---------------------------------------------------------------------------------------------------------------
// n8n in queue mode

/** What every process of a queue-mode n8n (main, workers, CLI) shares: the queue on Redis and the Postgres database. */
export function queueEnv(redis: Redis, postgres: Postgres): Record<string, string> {
	return {
		...postgres.env,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		// n8n 2.x warns this becomes the only behaviour in 3.0; manual runs are not used here, but keep them on workers
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}

export interface Worker {
	name: string;
	pid: number;
	logFile: string;
	/** The execution ids this worker has started so far (its "Worker started execution <id>" log lines). */
	executions(): number[];
	stop(): Promise<void>;
}

/**
 * `n8n worker --concurrency=<n>` on the instance's user folder (its installed packages and encryption key), with
 * the given queue environment; resolves once the worker logs that it is ready.
 */
export async function startWorker(
	n8n: N8nInstance,
	options: { name: string; env: Record<string, string>; concurrency: number },
): Promise<Worker> {
	const logFile = path.join(n8n.userFolder, `${options.name}.log`);
	const out = fs.openSync(logFile, 'a');
	const child = childProcess.spawn(
		n8n.runtime.nodeBin,
		[n8n.runtime.n8nBin, 'worker', `--concurrency=${options.concurrency}`],
		{
			env: n8nEnv(n8n.runtime, n8n.userFolder, {
				...options.env,
				// each worker runs its own task runner broker for Code nodes
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			}),
			stdio: ['ignore', out, out],
			detached: true,
		},
	);
	fs.closeSync(out);
	const pid = child.pid;
	if (!pid) throw new Error(`could not spawn n8n worker ${options.name}`);
	spawned.add(pid);
	const read = () => fs.readFileSync(logFile, 'utf8');
	await waitFor(
		`n8n worker ${options.name}`,
		() => {
			if (child.exitCode !== null)
				throw new Error(`n8n worker ${options.name} exited (${child.exitCode}):\n${tail(read())}`);
			return read().includes('n8n worker is now ready');
		},
		180000,
		() => tail(read()),
	);
	return {
		name: options.name,
		pid,
		logFile,
		executions: () =>
			Array.from(read().matchAll(/Worker started execution (\d+)/g), (match) => Number(match[1])),
		// SIGTERM lets a worker finish its running jobs (n8n's graceful shutdown) before it exits
		stop: () => stopChild(child, 'SIGTERM', 45000),
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Executions in Postgres

export interface ExecutionRow {
	id: number;
	workflowId: string;
	status: string;
	mode: string;
	/** The run (IRun) as n8n stored it, when asked for. */
	data?: IDataObject;
}

/** n8n stores a run with `flatted`; its own copy, in the runtime's node_modules, turns the stored texts back into runs. */
const UNFLATTEN = `const { parse } = require('flatted'); let text = '';
process.stdin.on('data', (chunk) => (text += chunk)).on('end', () => process.stdout.write(JSON.stringify(JSON.parse(text).map((run) => parse(run)))));`;

/** Stored executions of these workflows with an id above `afterId`, oldest first; with their run data if `withData`. */
export async function readExecutions(
	postgres: Postgres,
	runtime: N8nRuntime,
	afterId: number,
	workflowIds: string[],
	{ withData = false } = {},
): Promise<ExecutionRow[]> {
	const ids = workflowIds.map((id) => `'${id.replace(/'/g, "''")}'`).join(',');
	const rows = await postgres.rows<ExecutionRow & { data?: string }>(
		`SELECT e.id, e."workflowId", e.status, e.mode${withData ? ', d.data' : ''} FROM execution_entity e` +
			`${withData ? ' JOIN execution_data d ON d."executionId" = e.id' : ''}` +
			` WHERE e.id > ${Number(afterId)} AND e."workflowId" IN (${ids}) ORDER BY e.id`,
	);
	if (!withData || rows.length === 0) return rows as ExecutionRow[];
	const runs = JSON.parse(
		await execOk(runtime.nodeBin, ['-e', UNFLATTEN], {
			cwd: runtime.dir,
			input: JSON.stringify(rows.map((row) => row.data)),
		}),
	) as IDataObject[];
	return rows.map((row, index) => ({ ...row, data: runs[index] }));
}

/**
 * CPU time (user + system, ms) used so far by the live processes of a process group — an n8n process started
 * detached leads its own group, with its task runner. Linux /proc only; 0 elsewhere.
 */
export function groupCpuMs(pgid: number | undefined): number {
	if (!pgid || !fs.existsSync('/proc/self/stat')) return 0;
	let ticks = 0;
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat = '';
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // exited meanwhile
		}
		// fields after "(comm)": state ppid pgrp … utime (14th field) stime (15th)
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
	}
	// USER_HZ is 100 on Linux
	return ticks * 10;
}
