// Makes a lockfile `npm ci`-able against this project's registry snapshot, which lacks the other platforms'
// optional binaries (@swc/core-darwin-arm64, @msgpackr-extract/…-win32-x64, …): `npm install` then leaves them out
// of the lock, and `npm ci` refuses a lock that misses them. This adds an entry (version, optional, os/cpu) for each
// optional dependency a locked package names but the lock lacks; npm skips them on other platforms, as it would
// with a lock made against the full registry. Run after every `npm install`: node fill-optional-lock.mjs <lockfile>…
import fs from 'node:fs';

const OS = [
	'darwin',
	'win32',
	'linux',
	'freebsd',
	'android',
	'openharmony',
	'sunos',
	'openbsd',
	'netbsd',
	'aix',
];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el'];

for (const file of process.argv.slice(2)) {
	const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
	const packages = lock.packages;
	const added = [];
	for (const [location, meta] of Object.entries(packages)) {
		for (const [name, spec] of Object.entries(meta.optionalDependencies ?? {})) {
			let base = location;
			let found = false;
			for (;;) {
				if (packages[base ? `${base}/node_modules/${name}` : `node_modules/${name}`]) found = true;
				if (found || !base) break;
				const parent = base.lastIndexOf('/node_modules/');
				base = parent < 0 ? '' : base.slice(0, parent);
			}
			const version = spec.replace(/^[=^~]/, '');
			if (found || !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version)) continue;
			const entry = { version, optional: true };
			const os = OS.find((o) => name.includes(o));
			const cpu = CPU.find((c) => new RegExp(`[-_]${c}([-_.]|$)`).test(name));
			if (os) entry.os = [os];
			if (cpu) entry.cpu = [cpu];
			packages[`node_modules/${name}`] = entry;
			added.push(`${name}@${version}`);
		}
	}
	const [root, ...rest] = Object.entries(packages);
	lock.packages = Object.fromEntries([root, ...rest.sort(([a], [b]) => a.localeCompare(b, 'en'))]);
	fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
	console.log(`${file}: ${added.length ? `added ${added.join(', ')}` : 'nothing missing'}`);
}
