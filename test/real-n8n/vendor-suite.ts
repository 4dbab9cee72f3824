import type { IDataObject } from 'n8n-workflow';

import type { VendorEmulator } from '../../emulators/shared/types';
import {
	createN8n,
	manualWorkflow,
	newId,
	packNodeType,
	packedTarball,
	type CredentialSpec,
	type N8nInstance,
	type NodeSpec,
	type WorkflowJson,
} from './harness';

export interface WorkflowOptions {
	input?: IDataObject[];
	extra?: Partial<NodeSpec>;
}

export interface VendorSuite<E extends VendorEmulator> {
	/** Set in beforeAll: a fresh n8n user folder with the packed pack installed. */
	n8n: N8nInstance;
	/** Set in beforeAll: the vendor's emulator, started. */
	vendor: E;
	/** The credential imported into n8n (its data points at the emulator once it has started). */
	credential: CredentialSpec;
	/** The operation labels of the emulator's request log, in order. */
	ops(): Array<string | undefined>;
	/** Manual Trigger → (optional Input) → the vendor node with these parameters, using the suite's credential. */
	workflow(name: string, parameters: IDataObject, options?: WorkflowOptions): WorkflowJson;
}

/**
 * One vendor's real-n8n suite: starts the emulator and an n8n with the packed pack, imports a credential that logs
 * in to the emulator (with no session) and the given workflows, clears the request log and faults before each test,
 * and tears both down at the end.
 */
export function vendorSuite<E extends VendorEmulator>(options: {
	label: string;
	/** The node's name in workflows (its display name). */
	nodeName: string;
	/** The node type's name inside the pack, e.g. `simplyCrm`. */
	nodeType: string;
	credentialType: string;
	createEmulator: () => E;
	/** Workflows imported once, built after the emulator has started. */
	workflows?: () => WorkflowJson[];
}): VendorSuite<E> {
	const credential: CredentialSpec = { id: newId(), name: `${options.nodeName} (emulator)`, type: options.credentialType, data: {} };
	const suite: VendorSuite<E> = {
		n8n: undefined as unknown as N8nInstance,
		vendor: undefined as unknown as E,
		credential,
		ops: () => suite.vendor.emulator.log.map((r) => r.op),
		workflow: (name, parameters, { input, extra } = {}) =>
			manualWorkflow({
				name: `${options.nodeName}: ${name}`,
				input,
				nodes: [
					{
						name: options.nodeName,
						type: packNodeType(options.nodeType),
						parameters,
						credentials: { [options.credentialType]: { id: credential.id, name: credential.name } },
						...extra,
					},
				],
			}),
	};

	beforeAll(async () => {
		suite.vendor = options.createEmulator();
		await suite.vendor.emulator.start();
		suite.n8n = await createN8n({ tarballs: [await packedTarball()], label: options.label });
		credential.data = suite.vendor.credentialData();
		await suite.n8n.importCredentials([credential]);
		const workflows = options.workflows?.() ?? [];
		if (workflows.length) await suite.n8n.importWorkflows(workflows);
	}, 15 * 60 * 1000);

	afterAll(async () => {
		await suite.n8n?.dispose();
		await suite.vendor?.emulator.stop();
	});

	beforeEach(() => {
		suite.vendor.emulator.clearLog();
		suite.vendor.emulator.clearFaults();
	});

	return suite;
}
