import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { createSimpleSalonEmulator, type SimpleSalonEmulator } from '../../../emulators/simple-salon';
import { SimpleSalonApi } from '../../../credentials/SimpleSalonApi.credentials';
import { SimpleSalon } from '../../../nodes/SimpleSalon/SimpleSalon.node';
import { CredentialStore, loadOptions, runNode, type NodeSetup, type RunResult, type StoredCredential } from '../../kit/node-runner';

/** A fresh emulator and credential per test for the membership, package, product and voucher tests. */
export function useSoldKit() {
	let salon: SimpleSalonEmulator;
	let store: CredentialStore;
	let credential: StoredCredential;
	const setup = (parameters: IDataObject): NodeSetup => ({ node: new SimpleSalon(), credentialTypes: [new SimpleSalonApi()], store, credential, parameters });

	beforeEach(async () => {
		salon = createSimpleSalonEmulator();
		await salon.emulator.start();
		store = new CredentialStore();
		credential = store.add('simpleSalonApi', { ...salon.credentialData(), sessionToken: '', sessionApiUrl: '', sessionExpiry: '', sessionBinding: '' });
	});
	afterEach(async () => await salon.emulator.stop());

	return {
		get salon() {
			return salon;
		},
		run: async (parameters: IDataObject, input: IDataObject[] = [{}]): Promise<RunResult> => await runNode(setup(parameters), input),
		load: async (method: string): Promise<INodePropertyOptions[]> => await loadOptions(setup({}), method),
		/** The JSON bodies sent to one method, in order. */
		bodies: (op: string) => salon.emulator.requests(op).map((r) => r.body as IDataObject),
		/** The API methods called (login left out), in order. */
		calls: () => salon.emulator.log.map((r) => r.op).filter((op) => op !== 'login'),
		json: (result: RunResult) => result.items.map((item) => item.json),
		/** Asserts the run failed with a NodeOperationError naming the item, and sent nothing. */
		expectRefused(result: RunResult, message: string) {
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(message);
			expect(result.error?.context?.itemIndex).toBe(0);
			expect(salon.emulator.log.filter((r) => r.op !== 'login')).toHaveLength(0);
		},
	};
}
