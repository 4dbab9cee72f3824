import type { IDataObject } from 'n8n-workflow';

import { simpleSimonFixture } from './fixture';

const ss = simpleSimonFixture();

const callParams = (extra: IDataObject) => ({
	resource: 'customApiCall',
	operation: 'call',
	method: 'GET',
	...extra,
});
/** Seed rows may exist: the tests' own customers live in a city nobody else uses. */
const CITY = 'Nergenshuizen';
const onlyOurs = {
	parameter: [{ name: '$filter', value: `City eq '${CITY}'` }],
};
const customers = () => Array.from(ss.vendor.state.tables.customers.values()) as IDataObject[];

/** Three customers made through the node's own POST, then a clean request log. */
async function makeCustomers(
	names = ['Alpha Bakery', 'Bravo Plumbing', 'Charlie Dairy'],
): Promise<IDataObject[]> {
	const made: IDataObject[] = [];
	for (const Name of names) {
		const result = await ss.run(
			callParams({
				method: 'POST',
				path: '/customers',
				sendBody: true,
				body: JSON.stringify({ Name, City: CITY }),
			}),
		);
		expect(result.error).toBeUndefined();
		made.push(result.items[0].json);
	}
	ss.vendor.emulator.clearLog();
	return made;
}

describe('Custom API Call', () => {
	it('GET a list: one item per row, query on the wire, cached token', async () => {
		const made = await makeCustomers();
		const result = await ss.run(
			callParams({
				path: '/customers?$orderby=Name desc',
				queryParameters: {
					parameter: [
						{
							name: '$filter',
							value: `City eq '${CITY}' and Name ne 'Bravo Plumbing'`,
						},
						{ name: '$top', value: '10' },
					],
				},
			}),
		);
		expect(result.error).toBeUndefined();
		// the token from the POSTs before is reused: no new login
		expect(ss.ops()).toEqual(['customers:list']);
		const sent = ss.requests('customers:list')[0];
		expect(sent.method).toBe('GET');
		expect(sent.path).toBe('/customers');
		expect(sent.query).toEqual({
			$orderby: 'Name desc',
			$filter: `City eq '${CITY}' and Name ne 'Bravo Plumbing'`,
			$top: '10',
		});
		expect(sent.headers.authorization).toMatch(/^Bearer \S+/);
		expect(result.items.map((i) => i.json.Name)).toEqual(['Charlie Dairy', 'Alpha Bakery']);
		expect(result.items[0].json).toMatchObject({ Id: made[2].Id, City: CITY });
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		// OData annotations of the envelope stay out of the items
		expect(Object.keys(result.items[0].json).some((k) => k.startsWith('@'))).toBe(false);
	});

	it('splits a bare JSON array too, and keeps the whole reply as one item with Split Into Items off', async () => {
		await makeCustomers();
		ss.vendor.state.listShape = 'array';
		try {
			const split = await ss.run(
				callParams({
					path: '/customers',
					queryParameters: {
						parameter: [{ name: '$filter', value: `City eq '${CITY}'` }],
					},
				}),
			);
			expect(split.items.map((i) => i.json.Name)).toEqual([
				'Alpha Bakery',
				'Bravo Plumbing',
				'Charlie Dairy',
			]);
			const whole = await ss.run(
				callParams({
					path: '/customers',
					options: { splitIntoItems: false },
					queryParameters: {
						parameter: [{ name: '$filter', value: `City eq '${CITY}'` }],
					},
				}),
			);
			expect(whole.items).toHaveLength(1);
			expect((whole.items[0].json.data as IDataObject[]).map((c) => c.Name)).toEqual([
				'Alpha Bakery',
				'Bravo Plumbing',
				'Charlie Dairy',
			]);
		} finally {
			ss.vendor.state.listShape = 'odata';
		}
		const envelope = await ss.run(
			callParams({
				path: '/customers',
				options: { splitIntoItems: false },
				queryParameters: {
					parameter: [
						{ name: '$count', value: 'true' },
						{ name: '$filter', value: `City eq '${CITY}'` },
					],
				},
			}),
		);
		expect(envelope.items).toHaveLength(1);
		expect(envelope.items[0].json['@odata.count']).toBe(3);
		expect(envelope.items[0].json.value).toHaveLength(3);
	});

	it('POST sends the JSON body on the wire and returns the created row', async () => {
		const result = await ss.run(
			callParams({
				method: 'POST',
				path: '/customers',
				sendBody: true,
				body: '{"Name": "O\'Brien & Zn", "Country": "NL", "IsActive": true}',
			}),
		);
		expect(result.error).toBeUndefined();
		const sent = ss.requests('customers:create');
		expect(sent).toHaveLength(1);
		expect(sent[0].method).toBe('POST');
		expect(sent[0].path).toBe('/customers');
		expect(sent[0].contentType).toContain('application/json');
		expect(sent[0].body).toEqual({
			Name: "O'Brien & Zn",
			Country: 'NL',
			IsActive: true,
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			Name: "O'Brien & Zn",
			Country: 'NL',
			IsActive: true,
			Id: expect.any(String),
		});
		expect(customers().map((c) => c.Name)).toContain("O'Brien & Zn");
	});

	it('PUT and DELETE reach single records; an empty reply becomes { success: true }', async () => {
		const [alpha] = await makeCustomers(['Alpha Bakery']);
		const put = await ss.run(
			callParams({
				method: 'PUT',
				path: `/customers/${String(alpha.Id)}`,
				sendBody: true,
				body: { Name: 'Alpha Bakery BV', City: 'Zeist' },
			}),
		);
		expect(put.error).toBeUndefined();
		expect(ss.requests('customers:update')[0].body).toEqual({
			Name: 'Alpha Bakery BV',
			City: 'Zeist',
		});
		expect(put.items[0].json).toMatchObject({
			Id: alpha.Id,
			Name: 'Alpha Bakery BV',
			City: 'Zeist',
		});
		const del = await ss.run(
			callParams({ method: 'DELETE', path: `/customers/${String(alpha.Id)}` }),
		);
		expect(del.error).toBeUndefined();
		expect(ss.requests('customers:delete')).toHaveLength(1);
		expect(ss.requests('customers:delete')[0].body).toBeUndefined();
		expect(del.items.map((i) => i.json)).toEqual([{ success: true }]);
		expect(customers().some((c) => c.Id === alpha.Id)).toBe(false);
	});

	it.each([
		['https://evil.example/customers', 'Full URLs are not allowed'],
		['//evil.example/customers', 'Full URLs are not allowed'],
		['HTTP://127.0.0.1:1/customers', 'Full URLs are not allowed'],
		['customers', 'must start with /'],
		['/customers/../login', '. or .. segments'],
	])(
		'refuses the path %s before any request (the token never leaves the API)',
		async (path, why) => {
			const result = await ss.run(callParams({ path }));
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(
				`The field "Path" has an invalid value "${path}" in item 0`,
			);
			expect(result.error?.description).toContain(why);
			expect(ss.ops()).toEqual([]);
		},
	);

	it("passes a vendor error on as NodeApiError in the vendor's words, without secrets", async () => {
		const result = await ss.run(
			callParams({
				path: '/customers',
				queryParameters: {
					parameter: [{ name: '$filter', value: 'Nonsense eq 1' }],
				},
			}),
		);
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect((result.error as { httpCode?: string }).httpCode).toBe('400');
		expect(result.error?.message).toMatch(/Nonsense/);
		for (const secret of ss.secrets())
			expect(`${result.error?.message} ${result.error?.description ?? ''}`).not.toContain(secret);
		// a 400 is not repeated
		expect(ss.requests('customers:list')).toHaveLength(1);
	});

	it('does not repeat a POST whose connection broke, but repeats a GET', async () => {
		ss.vendor.emulator.inject({
			when: { op: 'customers:create' },
			phase: 'after',
			action: { type: 'reset' },
		});
		const post = await ss.run(
			callParams({
				method: 'POST',
				path: '/customers',
				sendBody: true,
				body: { Name: 'Once Only' },
			}),
		);
		expect(post.error?.message).toMatch(/may or may not have been made/);
		expect(ss.requests('customers:create')).toHaveLength(1);
		expect(customers().filter((c) => c.Name === 'Once Only')).toHaveLength(1);

		ss.vendor.emulator.inject({
			when: { op: 'customers:list' },
			action: { type: 'reset' },
		});
		const get = await ss.run(
			callParams({
				path: '/customers',
				queryParameters: { parameter: [{ name: '$top', value: '1' }] },
			}),
		);
		expect(get.error).toBeUndefined();
		expect(ss.requests('customers:list')).toHaveLength(2);
		expect(get.items).toHaveLength(1);
	});

	it('renews an expired token once and goes on', async () => {
		await makeCustomers(['Alpha Bakery']);
		ss.vendor.state.sessions.clear();
		const result = await ss.run(callParams({ path: '/customers', queryParameters: onlyOurs }));
		expect(result.error).toBeUndefined();
		expect(ss.ops()).toEqual(['customers:list', 'login', 'customers:list']);
		expect(result.items.map((i) => i.json.Name)).toEqual(['Alpha Bakery']);
	});

	it('refuses a body that is not a JSON object, naming "Body" and the item', async () => {
		const result = await ss.run(
			callParams({
				method: 'POST',
				path: '/customers',
				sendBody: true,
				body: '{"Name": ',
			}),
			[{}, {}],
			{ continueOnFail: true },
		);
		expect(result.items.map((i) => i.json.error)).toEqual([
			'The field "Body" is not a valid JSON object in item 0',
			'The field "Body" is not a valid JSON object in item 1',
		]);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(ss.ops()).toEqual([]);
	});
});
