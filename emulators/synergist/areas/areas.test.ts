import { API_USER, createSynergistEmulator } from '../index';
import { AREAS } from './index';
import { areaState, okEnvelope } from './types';

/** The area plumbing: per-instance area state restored by reset(), and `<templateCode>` actions. */
describe('Synergist emulator areas', () => {
	const vendor = createSynergistEmulator({ seedCount: 5 });
	const call = async (params: Record<string, string>) => {
		const query = new URLSearchParams({ user: API_USER.login, sha512password: vendor.currentHash(), version: '3.2', company: '1', ...params });
		const response = await fetch(`${vendor.emulator.url}/jsonapi/probe.json?${query.toString()}`);
		return { status: response.status, text: await response.text() };
	};

	beforeAll(async () => {
		AREAS.probe = {
			actions: {
				bump: (c) => {
					const counter = areaState(c.state, 'probe', () => ({ count: 0 }));
					counter.count++;
					return okEnvelope({ data: [{ count: counter.count }] });
				},
				'print <templatecode>': (c) => okEnvelope({ data: [{ template: c.actionArgument, action: c.action }] }),
			},
		};
		await vendor.emulator.start();
	});
	afterAll(async () => {
		delete AREAS.probe;
		await vendor.emulator.stop();
	});

	it('keeps an area\'s own state per emulator instance until reset()', async () => {
		await call({ action: 'bump' });
		expect(JSON.parse((await call({ action: 'bump' })).text).data).toEqual([{ count: 2 }]);
		const other = createSynergistEmulator({ seedCount: 5 });
		expect(other.state.extra.has('probe')).toBe(false);
		vendor.emulator.reset();
		expect(vendor.state.extra.size).toBe(0);
		expect(JSON.parse((await call({ action: 'bump' })).text).data).toEqual([{ count: 1 }]);
	});

	it('routes an action with a template code after a space to its <templateCode> handler', async () => {
		const reply = await call({ action: 'PRINT  -2096' });
		expect(JSON.parse(reply.text).data).toEqual([{ template: '-2096', action: 'print' }]);
		expect(vendor.emulator.log.at(-1)?.op).toBe('probe:PRINT -2096');
		const bare = await call({ action: 'print' });
		expect(bare.status).toBe(404);
		expect(bare.text).toContain('invalid action print');
	});
});
