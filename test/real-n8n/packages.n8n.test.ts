import { childProcess, fs, path, repoRoot } from 'business-pack-devkit';
import type { IDataObject } from 'n8n-workflow';

import { createSimpleSalonEmulator } from '../../emulators/simple-salon';
import { createSimpleSimonEmulator } from '../../emulators/simple-simon';
import { createSimplyCrmEmulator } from '../../emulators/simply-crm';
import type { VendorEmulator } from '../../emulators/shared/types';
import { createSynergistEmulator } from '../../emulators/synergist';
import { createN8n, manualWorkflow, newId, packedTarball, type CredentialSpec, type N8nInstance, type NodeSpec } from './harness';

/*
 * The per-vendor packages (`npx gulp packages`) in the released n8n: each tarball installed alone into a fresh user
 * folder runs one workflow that logs in and reads. n8n 2.41 loads every node and credential a package lists or none
 * (PackageDirectoryLoader.loadAll has no per-node catch), so a node that runs proves its whole package loaded.
 * Then the pack and the Simple-Simon package side by side: node types are package-scoped, credential type names are
 * global, and this pins down what n8n does with the clash.
 */

const version = String((JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as IDataObject).version);
const tarballOf = (name: string) => path.join(repoRoot, '.cache', 'packages', `${name}-${version}.tgz`);

const simpleSimon = createSimpleSimonEmulator();
const firstLocation = () => Array.from(simpleSimon.state.tables.locations.values())[0] as unknown as IDataObject;

interface Case {
	name: string;
	vendor: VendorEmulator;
	/** The node's type inside its package and its display name (the workflow node's name). */
	nodeType: string;
	nodeName: string;
	credentialType: string;
	parameters: () => IDataObject;
	/** The emulator's operation labels: the login, then the read. */
	ops: string[];
	output: () => IDataObject;
}

const cases: Case[] = [
	{
		name: 'n8n-nodes-simple-simon',
		vendor: simpleSimon,
		nodeType: 'simpleSimon',
		nodeName: 'Simple-Simon',
		credentialType: 'simpleSimonApi',
		parameters: () => ({ resource: 'location', operation: 'get', locationId: { __rl: true, mode: 'id', value: String(firstLocation().Id) } }),
		ops: ['login', 'locations:get'],
		output: () => ({ Id: firstLocation().Id, Name: firstLocation().Name }),
	},
	{
		name: 'n8n-nodes-simply-crm',
		vendor: createSimplyCrmEmulator(),
		nodeType: 'simplyCrm',
		nodeName: 'Simply CRM',
		credentialType: 'simplyCrmApi',
		parameters: () => ({ resource: 'record', operation: 'get', recordId: '12x141' }),
		ops: ['getchallenge', 'login', 'retrieve'],
		output: () => ({ id: '12x141' }),
	},
	{
		name: 'n8n-nodes-simple-salon',
		vendor: createSimpleSalonEmulator(),
		nodeType: 'simpleSalon',
		nodeName: 'Simple Salon',
		credentialType: 'simpleSalonApi',
		parameters: () => ({ resource: 'client', operation: 'get', clientId: '1111' }),
		ops: ['login', 'client/get'],
		output: () => ({ client_id: 1111, firstname: 'Joe' }),
	},
	{
		name: 'n8n-nodes-synergist',
		vendor: createSynergistEmulator(),
		nodeType: 'synergist',
		nodeName: 'Synergist',
		credentialType: 'synergistApi',
		parameters: () => ({ resource: 'job', operation: 'get', jobNumber: '1/00000123' }),
		ops: ['GETSHA512', 'jobs:GETJOB'],
		output: () => ({ jobNumber: '1/00000123' }),
	},
];

const credentialFor = (c: Case): CredentialSpec => ({ id: newId(), name: `${c.nodeName} (emulator)`, type: c.credentialType, data: c.vendor.credentialData() });

const nodeFor = (c: Case, credential: CredentialSpec, packageName: string, name = c.nodeName): NodeSpec => ({
	name,
	type: `${packageName}.${c.nodeType}`,
	parameters: c.parameters(),
	credentials: { [c.credentialType]: { id: credential.id, name: credential.name } },
});

const installed = (n8n: N8nInstance) => fs.readdirSync(path.join(n8n.userFolder, '.n8n', 'nodes', 'node_modules'));

describe('per-vendor packages in a real n8n', () => {
	beforeAll(async () => {
		// builds the four tarballs from dist/ and checks each loads in plain Node (gulpfile.js)
		const built = childProcess.spawnSync('npx', ['gulp', 'packages'], { cwd: repoRoot, encoding: 'utf8' });
		if (built.status !== 0) throw new Error(`npx gulp packages failed:\n${built.stdout}\n${built.stderr}`);
		for (const c of cases) await c.vendor.emulator.start();
	}, 5 * 60 * 1000);

	afterAll(async () => {
		for (const c of cases) await c.vendor.emulator.stop();
	});

	it.each(cases.map((c) => [c.name, c] as const))('%s alone: installs, logs in and reads', async (name, c) => {
		const n8n = await createN8n({ tarballs: [tarballOf(name)], label: name });
		try {
			expect(installed(n8n)).toEqual([name]);
			const credential = credentialFor(c);
			await n8n.importCredentials([credential]);
			const id = await n8n.importWorkflow(manualWorkflow({ name: `${name}: one read`, nodes: [nodeFor(c, credential, name)] }));
			c.vendor.emulator.clearLog();
			const run = await n8n.execute(id);

			expect(run.error).toBeUndefined();
			expect(run.output(c.nodeName)).toEqual([expect.objectContaining(c.output())]);
			expect(c.vendor.emulator.log.map((r) => [r.op, r.status])).toEqual(c.ops.map((op) => [op, 200]));
		} finally {
			await n8n.dispose();
		}
	});

	describe('the pack and n8n-nodes-simple-simon side by side', () => {
		const vendorPackage = 'n8n-nodes-simple-simon';
		const c = cases[0];
		let n8n: N8nInstance;
		let pack: string;
		let credential: CredentialSpec;

		beforeAll(async () => {
			const tarball = await packedTarball();
			pack = path.basename(tarball).replace(/-\d+\.\d+\.\d+\.tgz$/, '');
			n8n = await createN8n({ tarballs: [tarball, tarballOf(vendorPackage)], label: 'pack-and-simple-simon' });
			// Test-only tag on the installed copies: each package's credential class adds a header naming its package,
			// so the emulator shows whose class n8n used. Nothing else about the classes changes.
			for (const name of [pack, vendorPackage]) {
				const file = path.join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', name, 'dist', 'credentials', 'SimpleSimonApi.credentials.js');
				fs.appendFileSync(
					file,
					`\n{ const Base = exports.SimpleSimonApi; exports.SimpleSimonApi = class SimpleSimonApi extends Base { constructor() { super(); const authenticate = this.authenticate; this.authenticate = async (credentials, options) => { const signed = await authenticate(credentials, options); signed.headers = { ...signed.headers, 'x-credential-package': ${JSON.stringify(name)} }; return signed; }; } }; }\n`,
				);
			}
			credential = credentialFor(c);
			await n8n.importCredentials([credential]);
		}, 10 * 60 * 1000);

		afterAll(async () => {
			await n8n?.dispose();
		});

		it("both packages' nodes run on one credential; one credential class serves both, and a session renewal crosses packages", async () => {
			const id = await n8n.importWorkflow(
				manualWorkflow({
					name: 'pack and vendor package',
					nodes: [nodeFor(c, credential, pack, 'From the pack'), nodeFor(c, credential, vendorPackage, 'From the Simple-Simon package')],
				}),
			);
			simpleSimon.emulator.clearLog();
			// the second node's read finds the token dead: its package's transport marks the request, the winning
			// credential class (maybe the other package's) must recognise the mark and log in again
			simpleSimon.emulator.inject({ when: { op: 'locations:get' }, skip: 1, action: { type: 'expireSessions' } });
			const run = await n8n.execute(id);
			simpleSimon.emulator.clearFaults();

			expect(run.error).toBeUndefined();
			expect(run.output('From the pack')).toEqual([expect.objectContaining(c.output())]);
			expect(run.output('From the Simple-Simon package')).toEqual([expect.objectContaining(c.output())]);
			expect(simpleSimon.emulator.log.map((r) => [r.op, r.status])).toEqual([
				['login', 200],
				['locations:get', 200],
				['locations:get', 401],
				['login', 200],
				['locations:get', 200],
			]);
			// n8n keeps the credential class of the package it loaded last (LoadNodesAndCredentials.getCredential
			// overwrites per loader; loaders come in directory-listing order of ~/.n8n/nodes/node_modules)
			const used = simpleSimon.emulator.requests('locations:get').map((r) => r.headers['x-credential-package']);
			const lastLoaded = installed(n8n).filter((name) => name.startsWith('n8n-nodes-')).pop();
			expect(used).toEqual([lastLoaded, lastLoaded, lastLoaded]);
		});

		it('n8n starts without an error or warning about the clash, lists the credential type twice and every node twice', async () => {
			await n8n.start();
			const types = path.join(n8n.userFolder, '.cache', 'n8n', 'public', 'types');
			const credentialTypes = JSON.parse(fs.readFileSync(path.join(types, 'credentials.json'), 'utf8')) as IDataObject[];
			const nodeTypes = JSON.parse(fs.readFileSync(path.join(types, 'nodes.json'), 'utf8')) as IDataObject[];

			// both packages' classes are listed; the editor keys credential types by name, so it shows one (the last)
			expect(credentialTypes.filter((t) => t.name === 'simpleSimonApi').map((t) => t.supportedNodes)).toEqual(
				expect.arrayContaining([
					[`${pack}.simpleSimon`, `${pack}.simpleSimonTrigger`],
					[`${vendorPackage}.simpleSimon`, `${vendorPackage}.simpleSimonTrigger`],
				]),
			);
			expect(credentialTypes.filter((t) => t.name === 'simpleSimonApi')).toHaveLength(2);
			// the node panel gets "Simple-Simon", its AI-tool variant and "Simple-Simon Trigger" from each package
			const simon = nodeTypes.filter((t) => String(t.displayName).startsWith('Simple-Simon')).map((t) => String(t.name));
			expect(simon.sort()).toEqual(
				[pack, vendorPackage].flatMap((name) => ['simpleSimon', 'simpleSimonTool', 'simpleSimonTrigger'].map((type) => `${name}.${type}`)).sort(),
			);
			const startLog = fs.readFileSync(path.join(n8n.userFolder, 'n8n-start.log'), 'utf8');
			expect(startLog).toMatch(/Editor is now accessible/);
			expect(startLog).not.toMatch(/simpleSimonApi|already (registered|exists)|Failed to load package|Skipping package/i);
			// the credential dialog's Test button works with whichever class won
			simpleSimon.emulator.clearLog();
			expect(await n8n.testCredential(credential)).toEqual(expect.objectContaining({ status: 'OK' }));
			expect(simpleSimon.emulator.log.map((r) => r.op)).toContain('login');
		});
	});
});
