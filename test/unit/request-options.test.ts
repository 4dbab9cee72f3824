import { simpleSimonFixture } from './simple-simon/fixture';

/*
 * The shared transport's knobs, on the wire of a real emulator: Concurrency with a whole-batch pause when the vendor
 * rate-limits, the user's Retry Limit and Timeout.
 */

const ss = simpleSimonFixture();
const customers = () => [...ss.vendor.state.tables.customers.values()];

const createCustomers = (extra: Record<string, unknown> = {}) => ({
	resource: 'customer',
	operation: 'create',
	inputMode: 'fields',
	fields: { field: [{ name: 'Name', value: '={{ $json.name }}' }] },
	...extra,
});

describe('Concurrency, rate limits and Request Options', () => {
	afterEach(() => ss.vendor.emulator.setRateLimit(undefined));

	it('under a rate limit every item is created exactly once, the whole batch waiting out each Retry-After', async () => {
		await ss.run({ resource: 'customer', operation: 'getAll', limit: 1 });
		ss.vendor.emulator.clearLog();
		ss.vendor.emulator.setRateLimit({ requests: 8, perMs: 1000 });
		const names = Array.from({ length: 20 }, (_, i) => `Rate limited ${i}`);
		const result = await ss.run(createCustomers({ concurrency: 5 }), names.map((name) => ({ name })));

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.Name)).toEqual(names);
		expect(result.items.map((item) => item.pairedItem)).toEqual(names.map((_, item) => ({ item })));
		const created = customers().filter((row) => String(row.Name).startsWith('Rate limited'));
		expect(created.map((row) => row.Name).sort()).toEqual([...names].sort());

		const log = ss.vendor.emulator.log;
		const refused = log.filter((r) => r.status === 429);
		expect(refused.length).toBeGreaterThan(0);
		expect(log.filter((r) => r.status !== 429).map((r) => r.op)).toEqual(names.map(() => 'customers:create'));
		// after a 429 the batch pauses: nothing new is sent until the announced second is over (in-flight ones aside)
		for (const first of refused) {
			const resumed = log.filter((r) => r.seq > first.seq + 5 && r.at < first.at + 900);
			expect(resumed).toEqual([]);
		}
	}, 30_000);

	it('honours the Retry Limit: 1 retry means 2 attempts, then the item fails with the vendor message', async () => {
		const [row] = customers();
		ss.vendor.emulator.clearLog();
		ss.vendor.emulator.inject({ when: { op: 'customers:get' }, times: 5, action: { type: 'status', status: 503, body: { error: { message: 'Service down for maintenance' } } } });
		const result = await ss.run(
			{ resource: 'customer', operation: 'get', customerId: String(row.Id), requestOptions: { retryLimit: 1 } },
			[{}],
			{ continueOnFail: true },
		);
		expect(ss.requests('customers:get')).toHaveLength(2);
		expect(result.items[0].json.error).toContain('Service down for maintenance');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		ss.vendor.emulator.clearFaults();
	}, 30_000);

	it('honours the Timeout: a request that gets no answer is abandoned after it and, being a read, retried', async () => {
		const [row] = customers();
		ss.vendor.emulator.clearLog();
		ss.vendor.emulator.inject({ when: { op: 'customers:get' }, times: 1, action: { type: 'hang' } });
		const started = Date.now();
		const result = await ss.run({ resource: 'customer', operation: 'get', customerId: String(row.Id), requestOptions: { timeout: 300 } });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.Id).toBe(row.Id);
		expect(ss.requests('customers:get')).toHaveLength(2);
		expect(Date.now() - started).toBeLessThan(5000);
	}, 30_000);
});
