import { childProcess, log, process, repoRoot } from 'business-pack-devkit';
import type { IDataObject } from 'n8n-workflow';

import { startEmulators, vendors, type VendorName } from '../emulators';
import { OWNER, createN8n, manualWorkflow, newId, packNodeType, packPack, type WorkflowJson } from '../test/real-n8n/harness';
import { ensureN8n } from './install-n8n';

/*
 * `npm run demo [-- --keep]`: the pack working end to end. Starts the four emulators, installs the pinned n8n if
 * needed, installs the packed pack the way n8n's UI installs community nodes, runs one example workflow per vendor
 * and prints what each returned. With --keep, n8n stays up on http://localhost:5678 with everything imported.
 */

interface Example {
	vendor: VendorName;
	node: string;
	displayName: string;
	title: string;
	parameters: IDataObject;
	describe: (items: IDataObject[]) => string;
}

const EXAMPLES: Example[] = [
	{
		vendor: 'simple-simon',
		node: 'simpleSimon',
		displayName: 'Simple-Simon',
		title: 'List open work orders, newest plan first',
		parameters: {
			resource: 'workOrder',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: { conditions: [{ field: 'Status', operator: 'equals', value: 'Open' }] },
			options: { sort: { rule: [{ field: 'PlannedDate', direction: 'desc' }] }, expand: 'Location' },
		},
		describe: (items) =>
			items.map((w) => `${String(w.Number)} ${String(w.Description)} @ ${String((w.Location as IDataObject | null)?.City ?? '?')}`).join(', '),
	},
	{
		vendor: 'simply-crm',
		node: 'simplyCrm',
		displayName: 'Simply CRM',
		title: 'List contacts',
		parameters: { resource: 'record', operation: 'getAll', module: 'Contacts', returnAll: false, limit: 5 },
		describe: (items) => items.map((c) => `${String(c.firstname)} ${String(c.lastname)} [${String(c.id)}]`).join(', '),
	},
	{
		vendor: 'simple-salon',
		node: 'simpleSalon',
		displayName: 'Simple Salon',
		title: 'List clients',
		parameters: { resource: 'client', operation: 'getAll', returnAll: false, limit: 5 },
		describe: (items) => items.map((c) => `${String(c.firstname ?? '')} ${String(c.lastname ?? '')}`.trim()).join(', '),
	},
	{
		vendor: 'synergist',
		node: 'synergist',
		displayName: 'Synergist',
		title: 'List jobs',
		parameters: { resource: 'job', operation: 'getAll', returnAll: false, limit: 5 },
		describe: (items) => items.map((j) => `${String(j.jobNumber)} ${String(j.jobDescription1stLine ?? j.jobDescription ?? '')}`.trim()).join(', '),
	},
];

function run(command: string, args: string[]) {
	const result = childProcess.spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

async function main() {
	const keep = process.argv.includes('--keep');
	log('1/4  n8n 2.41.1 (installed into .cache/n8n on first use; a few minutes, with progress)');
	await ensureN8n();
	log('2/4  building and packing the pack');
	run('npm', ['run', '--silent', 'build']);
	const tarball = await packPack();
	log(`     ${tarball}`);

	log('3/4  starting the emulators and a fresh n8n user folder with the pack installed');
	const emulators = await startEmulators(undefined, keep ? { basePort: 4101 } : {});
	const n8n = await createN8n({ tarballs: [tarball], label: 'demo' });
	const credentials = EXAMPLES.map((example) => ({
		id: newId(),
		name: `${example.displayName} (emulator)`,
		type: vendors[example.vendor].credentialType,
		data: emulators[example.vendor].credentialData(),
	}));
	await n8n.importCredentials(credentials);
	const workflows: WorkflowJson[] = EXAMPLES.map((example, index) =>
		manualWorkflow({
			name: `Demo: ${example.displayName} – ${example.title}`,
			nodes: [
				{
					name: example.displayName,
					type: packNodeType(example.node),
					parameters: example.parameters,
					credentials: { [credentials[index].type]: { id: credentials[index].id, name: credentials[index].name } },
				},
			],
		}),
	);
	const ids = await n8n.importWorkflows(workflows);

	log('4/4  running one example workflow per vendor in n8n');
	let failed = 0;
	for (const [index, example] of EXAMPLES.entries()) {
		const result = await n8n.execute(ids[index]);
		const requests = emulators[example.vendor].emulator.log.length;
		if (result.ok) {
			const items = result.output(example.displayName);
			log(`  ✓ ${example.displayName.padEnd(13)} ${example.title}: ${items.length} items (${requests} requests, ${result.ms} ms)`);
			log(`      ${example.describe(items)}`);
		} else {
			failed++;
			log(`  ✗ ${example.displayName.padEnd(13)} ${example.title}: ${result.error?.message ?? 'failed'}`);
		}
	}

	if (keep) {
		const url = await n8n.start({ port: 5678 });
		log(`\nn8n is running on ${url.replace('127.0.0.1', 'localhost')} — log in as ${OWNER.email} / ${OWNER.password}.`);
		log('The example workflows and credentials are imported; the emulators run on 127.0.0.1:4101-4104. Ctrl+C stops.');
		const stop = async () => {
			await n8n.dispose({ keep: true });
			for (const vendor of Object.values(emulators)) await vendor.emulator.stop();
			process.exit(0);
		};
		process.on('SIGINT', () => void stop());
		process.on('SIGTERM', () => void stop());
		return;
	}
	await n8n.dispose();
	for (const vendor of Object.values(emulators)) await vendor.emulator.stop();
	log(failed ? `\n${failed} example(s) failed` : '\nAll four vendors worked in a real n8n.');
	process.exit(failed ? 1 : 0);
}

main().catch((error: Error) => {
	log(error.stack ?? error.message);
	process.exit(1);
});
