// `npm test`: lint, build, typecheck, unit tests, then the real-n8n suite; stops at the first failure.
import { spawnSync } from 'node:child_process';

const steps = [
	['lint', 'npm', ['run', 'lint']],
	['build', 'npm', ['run', 'build']],
	['typecheck', 'npx', ['tsc', '-p', 'tsconfig.test.json', '--noEmit']],
	// one standalone package per vendor (.cache/packages/*.tgz), then n8n's community-node lint rules on each, offline
	['vendor packages', 'npx', ['gulp', 'packages']],
	['vendor package lint', 'node', ['scripts/lint-packages.mjs']],
	['unit tests', 'npx', ['jest']],
	// the editor in headless chromium: every node found, opened, configured, a dropdown loaded from an emulator
	['browser test', 'npx', ['jest', '-c', 'jest.browser.config.js']],
	// the suite's global setup installs n8n on first use and packs the build made above
	['real-n8n suite', 'npx', ['jest', '-c', 'jest.n8n.config.js']],
	// the README's reliability table as this run measured it (`npm run docs:reliability` writes it into README.md)
	['reliability table', 'npx', ['tsx', 'scripts/reliability-table.ts', '--print']],
];

const clock = (ms) =>
	`${Math.floor(ms / 60000)}m${String(Math.round((ms % 60000) / 1000)).padStart(2, '0')}s`;
const env = { ...process.env, BUSINESS_PACK_BUILT: '1' };
const started = Date.now();
const done = [];
for (const [name, command, args] of steps) {
	console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
	const stepStarted = Date.now();
	const { status } = spawnSync(command, args, { stdio: 'inherit', env });
	done.push(`${name} ${clock(Date.now() - stepStarted)}`);
	if (status !== 0) {
		console.error(
			`\n✗ ${name} failed after ${clock(Date.now() - stepStarted)} (${done.join(', ')}; total ${clock(Date.now() - started)})`,
		);
		process.exit(status ?? 1);
	}
}
console.log(`\n✓ npm test passed in ${clock(Date.now() - started)}: ${done.join(', ')}`);
