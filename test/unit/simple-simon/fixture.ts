import type { INodeType } from 'n8n-workflow';

import { createSimpleSimonEmulator, type SimpleSimonEmulatorOptions, type SimpleSimonState } from '../../../emulators/simple-simon';
import type { VendorEmulator } from '../../../emulators/shared/types';
import { SimpleSimonApi } from '../../../credentials/SimpleSimonApi.credentials';
import { SimpleSimon } from '../../../nodes/SimpleSimon/SimpleSimon.node';
import { CredentialStore, runNode, type NodeSetup, type RunResult, type StoredCredential } from '../../kit/node-runner';

/**
 * One Simple-Simon emulator per test file, a fresh credential store per test. Use inside a describe-less file:
 *
 *   const ss = simpleSimonFixture();
 *   it('…', async () => { const result = await ss.run({ resource: 'customer', operation: 'get', … }); … });
 */
export function simpleSimonFixture(options: SimpleSimonEmulatorOptions = {}) {
	const fixture = {
		vendor: undefined as unknown as VendorEmulator<SimpleSimonState>,
		store: new CredentialStore(),
		credential: undefined as unknown as StoredCredential,
		/** Extra credential fields for the next test (e.g. { basePath: '/odata' }); reset before each test. */
		credentialOverrides: {} as Record<string, string>,
		setup(parameters: NodeSetup['parameters'], extra: Partial<NodeSetup> = {}): NodeSetup {
			return {
				node: (extra.node as INodeType | undefined) ?? new SimpleSimon(),
				credentialTypes: [new SimpleSimonApi()],
				store: fixture.store,
				credential: fixture.credential,
				parameters,
				...extra,
			};
		},
		/** Runs the action node once over `input` items. */
		async run(parameters: NodeSetup['parameters'], input: Parameters<typeof runNode>[1] = [{}], extra: Partial<NodeSetup> = {}, binaries: Parameters<typeof runNode>[2] = []): Promise<RunResult> {
			return await runNode(fixture.setup(parameters, extra), input, binaries);
		},
		/** The emulator's operation labels, in order (`login`, `workorders:list`, …). */
		ops: () => fixture.vendor.emulator.log.map((r) => r.op),
		/** Recorded requests of one operation label. */
		requests: (op: string) => fixture.vendor.emulator.requests(op),
		/** Values that must never appear in an output, error or log line. */
		secrets: () =>
			[
				fixture.vendor.state.account.lickey,
				fixture.vendor.state.account.apiKey,
				fixture.vendor.state.account.password,
				...fixture.vendor.state.sessions.keys(),
				String(fixture.credential.data.accessToken ?? ''),
			].filter((s) => s.length > 0),
		/** Replaces the stored credential with one using these extra fields (e.g. basePath). */
		useCredential(extra: Record<string, string>) {
			fixture.store = new CredentialStore();
			fixture.credential = fixture.store.add('simpleSimonApi', { ...fixture.vendor.credentialData(), ...extra, accessToken: '', sessionBinding: '' });
		},
	};

	beforeAll(async () => {
		fixture.vendor = createSimpleSimonEmulator(options);
		await fixture.vendor.emulator.start();
	});
	afterAll(async () => await fixture.vendor.emulator.stop());
	beforeEach(() => {
		fixture.vendor.emulator.reset();
		fixture.useCredential({});
	});
	return fixture;
}
