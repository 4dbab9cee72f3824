import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { createSimpleSalonEmulator, type SimpleSalonEmulator, type SimpleSalonEmulatorOptions } from '../../../emulators/simple-salon';
import { SimpleSalonApi } from '../../../credentials/SimpleSalonApi.credentials';
import { SimpleSalon } from '../../../nodes/SimpleSalon/SimpleSalon.node';
import { CredentialStore, runNode, type NodeSetup, type RunResult, type StoredCredential } from '../../kit/node-runner';

/** One emulator and credential per test for the client tests: run the node, read the wire. */
export interface ClientKit {
	salon: SimpleSalonEmulator;
	credential: StoredCredential;
	/** Starts a fresh emulator with other options (the default one is already running). */
	restart(options: SimpleSalonEmulatorOptions): Promise<void>;
	run(
		parameters: IDataObject,
		input?: IDataObject[],
		options?: { continueOnFail?: boolean; binaries?: Array<INodeExecutionData['binary'] | undefined> },
	): Promise<RunResult>;
	/** The JSON bodies sent to one method, in order. */
	bodies(op: string): IDataObject[];
	/** The operations on the wire, in order (login included; storage calls as `storage/upload|download`). */
	ops(): string[];
	/** The JSON of the output items. */
	json(result: RunResult): IDataObject[];
}

export function useClientKit(defaults: SimpleSalonEmulatorOptions = {}): ClientKit {
	let salon: SimpleSalonEmulator;
	let store: CredentialStore;
	let credential: StoredCredential;
	const setup = (parameters: IDataObject, continueOnFail = false): NodeSetup => ({
		node: new SimpleSalon(),
		credentialTypes: [new SimpleSalonApi()],
		store,
		credential,
		parameters,
		continueOnFail,
	});
	async function start(options: SimpleSalonEmulatorOptions) {
		await salon?.emulator.stop();
		salon = createSimpleSalonEmulator(options);
		await salon.emulator.start();
		store = new CredentialStore();
		credential = store.add('simpleSalonApi', { ...salon.credentialData(), sessionToken: '', sessionApiUrl: '', sessionExpiry: '', sessionBinding: '' });
	}

	beforeEach(async () => await start(defaults));
	afterAll(async () => await salon.emulator.stop());

	return {
		get salon() {
			return salon;
		},
		get credential() {
			return credential;
		},
		restart: start,
		run: async (parameters, input = [{}], options = {}) => await runNode(setup(parameters, options.continueOnFail), input, options.binaries),
		bodies: (op) => salon.emulator.requests(op).map((r) => r.body as IDataObject),
		ops: () => salon.emulator.log.map((r) => r.op ?? `${r.method} ${r.path}`),
		json: (result) => result.items.map((item) => item.json),
	};
}
