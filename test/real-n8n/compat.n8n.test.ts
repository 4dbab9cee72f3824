import { crypto, delay, fs, path, repoRoot } from 'business-pack-devkit';
import type { IDataObject, INode } from 'n8n-workflow';

import { createSimpleSalonEmulator } from '../../emulators/simple-salon';
import { createSimpleSimonEmulator } from '../../emulators/simple-simon';
import { createSimplyCrmEmulator } from '../../emulators/simply-crm';
import { createSynergistEmulator } from '../../emulators/synergist';
import type { VendorEmulator } from '../../emulators/shared/types';
import { N8N_1X_VERSION, runtimeNames, type RuntimeName } from '../../scripts/install-n8n';
import {
	createN8n,
	manualWorkflow,
	newId,
	packNodeType,
	packedTarball,
	type CredentialSpec,
	type N8nInstance,
	type WorkflowJson,
} from './harness';

/*
 * The compatibility smoke, run against the pinned n8n 2.41.1 and the oldest supported n8n, 1.123.x (the last 1.x,
 * installed on first use by scripts/install-n8n.ts --runtime=1.123): the packed pack installed like the UI does,
 * every node and credential type listed by the editor's type files with its icons served, every trigger activated
 * and polling, and one workflow per vendor that logs in, then renews an expired session exactly once.
 * The tests of one runtime build on each other in order (the renewal needs the session of the first run).
 */

const PACKAGE = 'n8n-nodes-business-pack';
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};

interface VendorSmoke {
	vendor: string;
	create: () => VendorEmulator;
	/** The node's display name, used as the node name in workflows. */
	node: string;
	nodeType: string;
	credentialType: string;
	/** A read of one seeded record, and what of it must come out of n8n. */
	get: (vendor: VendorEmulator) => { parameters: IDataObject; expected: IDataObject };
	/** The trigger node's parameters (polling every minute; activation polls once), and the operation it polls. */
	trigger: IDataObject;
	poll: string;
	/** The operation that signs in with the user's fields. */
	signIn: string;
	/** The emulator operations: a first run without a session, a run after the session expired. */
	firstRun: string[];
	renewedRun: string[];
	/** The operation that (re)establishes the session: a login, or Simple Salon's token refresh. */
	renewal: string;
}

const everyMinute = { pollTimes: { item: [{ mode: 'everyMinute' }] } };
const smokes: VendorSmoke[] = [
	{
		vendor: 'Simple-Simon',
		create: createSimpleSimonEmulator,
		node: 'Simple-Simon',
		nodeType: 'simpleSimon',
		credentialType: 'simpleSimonApi',
		get: (vendor) => {
			const { state } = vendor as ReturnType<typeof createSimpleSimonEmulator>;
			const id = String([...state.tables.locations.values()][0].Id);
			return {
				parameters: {
					resource: 'location',
					operation: 'get',
					locationId: { __rl: true, mode: 'id', value: id },
				},
				expected: { Id: id },
			};
		},
		trigger: { event: 'newWorkOrder', ...everyMinute },
		poll: 'workorders:list',
		signIn: 'login',
		firstRun: ['login', 'locations:get'],
		// the expired bearer token is refused with 401, one login, the same call again
		renewedRun: ['locations:get', 'login', 'locations:get'],
		renewal: 'login',
	},
	{
		vendor: 'Simply CRM',
		create: () => createSimplyCrmEmulator(),
		node: 'Simply CRM',
		nodeType: 'simplyCrm',
		credentialType: 'simplyCrmApi',
		get: () => ({
			parameters: { resource: 'record', operation: 'get', recordId: '12x141' },
			expected: { id: '12x141' },
		}),
		trigger: {
			event: 'createdOrUpdated',
			scope: 'one',
			module: 'Contacts',
			source: 'sync',
			syncType: 'application',
			...everyMinute,
		},
		poll: 'sync',
		signIn: 'login',
		firstRun: ['getchallenge', 'login', 'retrieve'],
		renewedRun: ['retrieve', 'getchallenge', 'login', 'retrieve'],
		renewal: 'login',
	},
	{
		vendor: 'Simple Salon',
		create: createSimpleSalonEmulator,
		node: 'Simple Salon',
		nodeType: 'simpleSalon',
		credentialType: 'simpleSalonApi',
		get: () => ({
			parameters: { resource: 'client', operation: 'get', clientId: '1111' },
			expected: { client_id: 1111 },
		}),
		trigger: { event: 'appointmentAdded', ...everyMinute },
		poll: 'appointment/list',
		signIn: 'login',
		firstRun: ['login', 'client/get'],
		// Simple Salon renews an expired token with its refresh call, not a second login
		renewedRun: ['client/get', 'refresh', 'client/get'],
		renewal: 'refresh',
	},
	{
		vendor: 'Synergist',
		create: createSynergistEmulator,
		node: 'Synergist',
		nodeType: 'synergist',
		credentialType: 'synergistApi',
		get: () => ({
			parameters: { resource: 'job', operation: 'get', jobNumber: '1/00000123' },
			expected: { jobNumber: '1/00000123' },
		}),
		trigger: { event: 'newJob', ...everyMinute },
		poll: 'jobs:LIST',
		signIn: 'GETSHA512',
		firstRun: ['GETSHA512', 'jobs:GETJOB'],
		// a re-salted user's hash is refused, one GETSHA512 fetches the new one
		renewedRun: ['jobs:GETJOB', 'GETSHA512', 'jobs:GETJOB'],
		renewal: 'GETSHA512',
	},
];

/** The node type names the package.json `n8n.nodes` files declare, e.g. dist/nodes/SimplyCrm/SimplyCrm.node.js → simplyCrm. */
const declaredNodes = manifest.n8n.nodes.map((file) => {
	const base = path.basename(file, '.node.js');
	return `${PACKAGE}.${base[0].toLowerCase()}${base.slice(1)}`;
});
const declaredCredentials = manifest.n8n.credentials.map((file) => {
	const base = path.basename(file, '.credentials.js');
	return `${base[0].toLowerCase()}${base.slice(1)}`;
});

type Listed = {
	name: string;
	displayName: string;
	iconUrl?: string | { light: string; dark: string };
};
/** The n8n version each runtime must report. */
const expectedVersion: Record<RuntimeName, string> = {
	'2.41': (
		JSON.parse(
			fs.readFileSync(path.join(repoRoot, 'test', 'n8n-runtime', 'package.json'), 'utf8'),
		) as { dependencies: { n8n: string } }
	).dependencies.n8n,
	'1.123': N8N_1X_VERSION,
};

describe.each(runtimeNames)(
	'n8n %s with the pack (compatibility smoke)',
	(runtime: RuntimeName) => {
		let n8n: N8nInstance;
		const vendors = new Map<string, ReturnType<VendorSmoke['create']>>();
		const credentials = new Map<string, CredentialSpec>();
		const triggerCredentials = new Map<string, CredentialSpec>();
		const workflows = new Map<string, { id: string; expected: IDataObject }>();
		const triggers: WorkflowJson = {
			id: newId(),
			name: 'Compat: every trigger',
			nodes: [],
			connections: {},
			settings: { executionOrder: 'v1' },
		};
		const ops = (smoke: VendorSmoke) => vendors.get(smoke.vendor)!.emulator.log.map((r) => r.op);
		const clearLogs = () => vendors.forEach((vendor) => vendor.emulator.clearLog());

		beforeAll(
			async () => {
				for (const smoke of smokes) {
					const vendor = smoke.create();
					await vendor.emulator.start();
					vendors.set(smoke.vendor, vendor);
					const credential = (name: string): CredentialSpec => ({
						id: newId(),
						name: `${smoke.vendor} (${name})`,
						type: smoke.credentialType,
						data: vendor.credentialData(),
					});
					credentials.set(smoke.vendor, credential('emulator'));
					// the triggers log in with their own credential, so the action runs below start without a session
					triggerCredentials.set(smoke.vendor, credential('trigger'));
				}
				n8n = await createN8n({
					tarballs: [await packedTarball()],
					label: `compat-${runtime}`,
					runtime,
				});
				await n8n.importCredentials([...credentials.values(), ...triggerCredentials.values()]);
				const actions = smokes.map((smoke) => {
					const { parameters, expected } = smoke.get(vendors.get(smoke.vendor)!);
					const credential = credentials.get(smoke.vendor)!;
					const workflow = manualWorkflow({
						name: `Compat: ${smoke.vendor}`,
						nodes: [
							{
								name: smoke.node,
								type: packNodeType(smoke.nodeType),
								parameters,
								credentials: {
									[smoke.credentialType]: { id: credential.id, name: credential.name },
								},
							},
						],
					});
					workflows.set(smoke.vendor, { id: workflow.id!, expected });
					return workflow;
				});
				triggers.nodes = smokes.map((smoke, index) => {
					const credential = triggerCredentials.get(smoke.vendor)!;
					return {
						id: crypto.randomUUID(),
						name: `${smoke.vendor} Trigger`,
						type: packNodeType(`${smoke.nodeType}Trigger`),
						typeVersion: 1,
						position: [0, index * 200] as [number, number],
						parameters: smoke.trigger as INode['parameters'],
						credentials: { [smoke.credentialType]: { id: credential.id, name: credential.name } },
					};
				});
				await n8n.importWorkflows([...actions, triggers]);
			},
			20 * 60 * 1000,
		);

		afterAll(async () => {
			await n8n?.dispose();
			for (const vendor of vendors.values()) await vendor.emulator.stop();
		});

		it(`is n8n ${expectedVersion[runtime]}`, () => {
			expect(n8n.runtime.version).toBe(expectedVersion[runtime]);
		});

		it('lists all 8 nodes and 4 credentials of the pack in the editor, serves their icons, and activates every trigger', async () => {
			// published before the start, so `n8n start` activates it and every trigger polls once
			await n8n.publish(triggers.id!);
			try {
				const nodes = await n8n.get('/types/nodes.json');
				const types = await n8n.get('/types/credentials.json');
				expect([nodes.status, types.status]).toEqual([200, 200]);
				const ours = (nodes.body as Listed[]).filter((node) => node.name.startsWith(`${PACKAGE}.`));
				// the 4 action nodes are also offered to AI agents (usableAsTool): n8n adds `<name>Tool` variants
				expect(ours.map((node) => node.name).sort()).toEqual(
					[
						...declaredNodes,
						...smokes.map((smoke) => packNodeType(`${smoke.nodeType}Tool`)),
					].sort(),
				);
				expect(declaredNodes).toHaveLength(8);
				const ourCredentials = (types.body as Listed[]).filter((type) =>
					declaredCredentials.includes(type.name),
				);
				expect(ourCredentials.map((type) => type.name).sort()).toEqual(
					[...declaredCredentials].sort(),
				);
				expect(declaredCredentials).toHaveLength(4);

				// themed icons: both files of every node and credential are served as SVG
				const iconUrls = [...ours, ...ourCredentials].flatMap((listed) =>
					typeof listed.iconUrl === 'object'
						? [listed.iconUrl.light, listed.iconUrl.dark]
						: [listed.iconUrl],
				);
				expect(iconUrls.every((url) => typeof url === 'string')).toBe(true);
				for (const url of new Set(iconUrls as string[])) {
					const icon = await n8n.get(`/${url}`);
					expect({ url, status: icon.status }).toEqual({ url, status: 200 });
					expect(String((icon.body as { text?: string }).text)).toContain('<svg');
				}

				// activation polls every trigger once: each signs in to its vendor once and reads; wait until all are quiet
				for (let seen = -1, round = 0; round < 120; round++) {
					await delay(500);
					const total = smokes.reduce((sum, smoke) => sum + ops(smoke).length, 0);
					if (total === seen && smokes.every((smoke) => ops(smoke).includes(smoke.poll))) break;
					seen = total;
				}
				// per vendor: one sign-in, nothing refused, and the trigger's read last (Simply CRM asks for a challenge twice)
				const summary = (smoke: VendorSmoke) => {
					const log = vendors.get(smoke.vendor)!.emulator.log;
					return {
						signIns: log.filter((r) => r.op === smoke.signIn).length,
						refused: log.filter((r) => (r.status ?? 0) >= 400).map((r) => r.op),
						last: log.at(-1)?.op,
					};
				};
				expect(Object.fromEntries(smokes.map((smoke) => [smoke.vendor, summary(smoke)]))).toEqual(
					Object.fromEntries(
						smokes.map((smoke) => [smoke.vendor, { signIns: 1, refused: [], last: smoke.poll }]),
					),
				);
				expect(await n8n.executionsAfter(0, [triggers.id!])).toEqual([]);
			} finally {
				await n8n.stop();
				await n8n.unpublish(triggers.id!);
				clearLogs();
			}
		});

		it('runs one workflow per vendor: it signs in once and returns the record', async () => {
			const runs = await n8n.executeMany(smokes.map((smoke) => workflows.get(smoke.vendor)!.id));
			smokes.forEach((smoke, index) => {
				const run = runs[index];
				expect({ vendor: smoke.vendor, error: run.error }).toEqual({
					vendor: smoke.vendor,
					error: undefined,
				});
				expect(run.output(smoke.node)).toEqual([
					expect.objectContaining(workflows.get(smoke.vendor)!.expected),
				]);
			});
			expect(Object.fromEntries(smokes.map((smoke) => [smoke.vendor, ops(smoke)]))).toEqual(
				Object.fromEntries(smokes.map((smoke) => [smoke.vendor, smoke.firstRun])),
			);
		});

		it('renews an expired session exactly once per vendor, and stores it: the next run signs in no more', async () => {
			clearLogs();
			for (const vendor of vendors.values()) vendor.emulator.expireSessions();
			const ids = smokes.map((smoke) => workflows.get(smoke.vendor)!.id);
			const renewed = await n8n.executeMany(ids);
			smokes.forEach((smoke, index) => {
				expect({ vendor: smoke.vendor, error: renewed[index].error }).toEqual({
					vendor: smoke.vendor,
					error: undefined,
				});
				expect(renewed[index].output(smoke.node)).toEqual([
					expect.objectContaining(workflows.get(smoke.vendor)!.expected),
				]);
			});
			expect(Object.fromEntries(smokes.map((smoke) => [smoke.vendor, ops(smoke)]))).toEqual(
				Object.fromEntries(smokes.map((smoke) => [smoke.vendor, smoke.renewedRun])),
			);
			expect(smokes.map((smoke) => ops(smoke).filter((op) => op === smoke.renewal).length)).toEqual(
				smokes.map(() => 1),
			);

			// the renewed session was written back to the credential in n8n's database
			clearLogs();
			const again = await n8n.executeMany(ids);
			expect(again.map((run) => run.ok)).toEqual(smokes.map(() => true));
			expect(Object.fromEntries(smokes.map((smoke) => [smoke.vendor, ops(smoke)]))).toEqual(
				Object.fromEntries(smokes.map((smoke) => [smoke.vendor, smoke.firstRun.slice(-1)])),
			);
		});
	},
);
