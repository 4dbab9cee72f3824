// Runs a TypeScript file with tsx (a devDependency): node scripts/run-ts.mjs <file.ts> [args…]
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const [file, ...args] = process.argv.slice(2);
if (!file) {
	console.error('usage: node scripts/run-ts.mjs <file.ts> [args…]');
	process.exit(2);
}
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const child = spawn(process.execPath, [tsx, file, ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
