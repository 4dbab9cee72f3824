import { env, log, process } from 'business-pack-devkit';

import { startEmulators, vendorNames, vendors, type VendorName } from './index';

// `npm run emulators [-- simply-crm synergist]`: start emulators on fixed ports and print how to log in to them.
async function main() {
	const asked = process.argv.slice(2).filter((a) => !a.startsWith('-')) as VendorName[];
	const unknown = asked.filter((name) => !vendorNames.includes(name));
	if (unknown.length) throw new Error(`Unknown emulator ${unknown.join(', ')}; choose from ${vendorNames.join(', ')}`);
	const basePort = Number(env.EMULATOR_BASE_PORT ?? 4101);
	const latencyMs = Number(env.EMULATOR_LATENCY_MS ?? 0);
	const started = await startEmulators(asked.length ? asked : vendorNames, { basePort, latencyMs });
	for (const [name, vendor] of Object.entries(started)) {
		log(`${name.padEnd(13)} ${vendor.emulator.url}   credential ${vendors[name as VendorName].credentialType}: ${JSON.stringify(vendor.credentialData())}`);
	}
	log('Request logs: GET <url>/__emulator/log. Ctrl+C stops.');
}

main().catch((error: Error) => {
	log(error.message);
	process.exit(1);
});
