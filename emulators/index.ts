import { createSimpleSalonEmulator } from './simple-salon';
import { createSimpleSimonEmulator } from './simple-simon';
import { createSimplyCrmEmulator } from './simply-crm';
import { createSynergistEmulator } from './synergist';
import type { VendorEmulator, VendorEmulatorOptions } from './shared/types';

/** Every vendor emulator by the vendor's short name, with the n8n credential type it serves. */
export const vendors = {
	'simple-simon': { credentialType: 'simpleSimonApi', create: createSimpleSimonEmulator },
	'simply-crm': { credentialType: 'simplyCrmApi', create: createSimplyCrmEmulator },
	'simple-salon': { credentialType: 'simpleSalonApi', create: createSimpleSalonEmulator },
	synergist: { credentialType: 'synergistApi', create: createSynergistEmulator },
} satisfies Record<string, { credentialType: string; create: (options?: VendorEmulatorOptions) => VendorEmulator }>;

export type VendorName = keyof typeof vendors;
export const vendorNames = Object.keys(vendors) as VendorName[];

/** Starts the named emulators (all by default); ports are free ones unless `basePort` is given. */
export async function startEmulators(
	names: VendorName[] = vendorNames,
	options: VendorEmulatorOptions & { basePort?: number } = {},
): Promise<Record<string, VendorEmulator>> {
	const started: Record<string, VendorEmulator> = {};
	for (const name of names) {
		const port = options.basePort ? options.basePort + vendorNames.indexOf(name) : options.port;
		const vendor = vendors[name].create({ ...options, port }) as VendorEmulator;
		await vendor.emulator.start();
		started[name] = vendor;
	}
	return started;
}
