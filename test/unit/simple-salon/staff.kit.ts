import type { IDataObject } from 'n8n-workflow';

import { createSimpleSalonEmulator, type SimpleSalonEmulator } from '../../../emulators/simple-salon';
import { SimpleSalonApi } from '../../../credentials/SimpleSalonApi.credentials';
import { SimpleSalon } from '../../../nodes/SimpleSalon/SimpleSalon.node';
import { CredentialStore, loadOptions, runNode, type NodeSetup, type RunResult, type StoredCredential } from '../../kit/node-runner';

/** One emulator and credential per test for the staff and service tests: run the node, read the wire. */
export interface StaffKit {
	salon: SimpleSalonEmulator;
	run(parameters: IDataObject, input?: IDataObject[], continueOnFail?: boolean): Promise<RunResult>;
	load(method: string, parameters?: IDataObject): Promise<Array<{ name: string; value: string | number | boolean; description?: string }>>;
	/** The JSON bodies sent to one method, in order. */
	bodies(op: string): IDataObject[];
	/** The API methods called, in order (login included). */
	ops(): string[];
	/** The JSON of the output items. */
	json(result: RunResult): IDataObject[];
}

export function useStaffKit(): StaffKit {
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

	beforeEach(async () => {
		salon = createSimpleSalonEmulator({ seedCount: 20 });
		await salon.emulator.start();
		store = new CredentialStore();
		credential = store.add('simpleSalonApi', { ...salon.credentialData(), sessionToken: '', sessionApiUrl: '', sessionExpiry: '', sessionBinding: '' });
	});
	afterEach(async () => await salon.emulator.stop());

	return {
		get salon() {
			return salon;
		},
		run: async (parameters, input = [{}], continueOnFail = false) => await runNode(setup(parameters, continueOnFail), input),
		load: async (method, parameters = {}) => await loadOptions(setup(parameters), method),
		bodies: (op) => salon.emulator.requests(op).map((r) => r.body as IDataObject),
		ops: () => salon.emulator.log.map((r) => r.op ?? ''),
		json: (result) => result.items.map((item) => item.json),
	};
}
