import { randomUUID } from 'node:crypto';

import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
	INodePropertyRegexValidation,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';

import type { Collection, Row } from '../../../emulators/simple-simon';
import { makeRow } from '../../../emulators/simple-simon/seed';
import { SimpleSimon } from '../../../nodes/SimpleSimon/SimpleSimon.node';
import { loadOptions } from '../../kit/node-runner';
import { simpleSimonFixture } from './fixture';

/*
 * The searchable dropdowns (resource locators) of customers, locations, users and item groups: the listSearch
 * methods as the editor calls them, and the locator values as the node reads them.
 */

const ss = simpleSimonFixture();

beforeEach(() => {
	ss.vendor.state.pageSize = 100;
});

const rows = (collection: Collection) => Array.from(ss.vendor.state.tables[collection].values());
const byName = (a: Row, b: Row) => {
	const [x, y] = [String(a.Name), String(b.Name)];
	return x === y ? 0 : x < y ? -1 : 1;
};

/**
 * Calls a listSearch method inside n8n-core's LoadOptionsContext. The kit only runs loadOptions methods, so the
 * search is wrapped in one (same context, same credentials helper).
 */
async function search(
	method: string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const node = new SimpleSimon();
	const fn = node.methods.listSearch[method];
	if (!fn) throw new Error(`No listSearch method ${method}`);
	const wrapper: INodeType = {
		description: node.description,
		methods: {
			loadOptions: {
				async run(this: ILoadOptionsFunctions) {
					return (await fn.call(
						this,
						filter,
						paginationToken,
					)) as unknown as INodePropertyOptions[];
				},
			},
		},
	};
	const result = await loadOptions(
		ss.setup({ resource: 'customer', operation: 'get' }, { node: wrapper }),
		'run',
	);
	return result as unknown as INodeListSearchResult;
}

describe('Simple-Simon searchable lists', () => {
	it.each([
		['searchCustomers', 'customers', "Café 't", "contains(Name,'Café ''t')"],
		['searchLocations', 'locations', 'Magazijn', "contains(Name,'Magazijn')"],
		['searchUsers', 'users', 'an', "contains(Name,'an')"],
		['searchItemGroups', 'itemgroups', 'ing', "contains(Name,'ing')"],
	] as const)(
		'%s narrows %s by name on the server, sorted by name',
		async (method, collection, filter, clause) => {
			const result = await search(method, filter);
			const expected = rows(collection)
				.filter((row) => String(row.Name).includes(filter))
				.sort(byName)
				.slice(0, 50);
			expect(expected.length).toBeGreaterThan(1);
			expect(ss.requests(`${collection}:list`)[0]).toMatchObject({
				method: 'GET',
				path: `/${collection}`,
				query: { $filter: clause, $orderby: 'Name', $top: '50' },
				status: 200,
			});
			expect(result.results).toEqual(expected.map((row) => ({ name: row.Name, value: row.Id })));
			expect(result.paginationToken).toBe(expected.length === 50 ? '50' : undefined);
		},
	);

	it('pages through all 320 locations 50 at a time with the token as $skip', async () => {
		const seen: string[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const page = await search('searchLocations', '', token);
			seen.push(...page.results.map((r) => String(r.value)));
			token = page.paginationToken;
			pages++;
		} while (token !== undefined && pages < 20);
		expect(pages).toBe(7);
		expect(seen).toEqual(
			rows('locations')
				.sort(byName)
				.map((row) => row.Id),
		);
		expect(ss.requests('locations:list').map((r) => r.query)).toEqual(
			Array.from({ length: 7 }, (_, i) => ({
				$orderby: 'Name',
				$top: '50',
				...(i > 0 ? { $skip: String(i * 50) } : {}),
			})),
		);
		expect(ss.ops().filter((op) => op === 'login')).toHaveLength(1);
	});

	it('a server page smaller than 50 still says there is more (its next link)', async () => {
		ss.vendor.state.pageSize = 10;
		const first = await search('searchUsers');
		expect(first.results).toHaveLength(10);
		expect(first.paginationToken).toBe('10');
		const second = await search('searchUsers', undefined, first.paginationToken);
		expect(ss.requests('users:list')[1].query).toEqual({
			$orderby: 'Name',
			$top: '50',
			$skip: '10',
		});
		expect(second.results.map((r) => r.value)).toEqual(
			rows('users')
				.sort(byName)
				.slice(10, 20)
				.map((row) => row.Id),
		);
	});

	it('shows the Code, then the ID, when a record has no name', async () => {
		const coded = randomUUID();
		const bare = randomUUID();
		ss.vendor.state.tables.itemgroups.set(
			coded,
			makeRow('itemgroups', coded, { Name: '', Code: 'ZZ-LEEG' }, '2025-01-01T00:00:00.000Z'),
		);
		ss.vendor.state.tables.itemgroups.set(
			bare,
			makeRow('itemgroups', bare, { Name: null }, '2025-01-01T00:00:00.000Z'),
		);
		const result = await search('searchItemGroups');
		expect(result.results).toEqual(
			expect.arrayContaining([
				{ name: 'ZZ-LEEG', value: coded },
				{ name: bare, value: bare },
			]),
		);
		expect(result.results).toHaveLength(rows('itemgroups').length);
		expect(result.results.every((r) => !('url' in r))).toBe(true);
	});

	it('uses the credential Base Path', async () => {
		ss.vendor.state.basePath = '/odata';
		ss.useCredential({ basePath: 'odata' });
		const result = await search('searchCustomers', 'Mulder');
		expect(result.results.length).toBeGreaterThan(0);
		expect(ss.vendor.emulator.log.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'POST /login 200',
			'GET /odata/customers 200',
		]);
	});

	it('a vendor error reaches the editor with the vendor message and no secret', async () => {
		ss.vendor.emulator.inject({
			when: { op: 'users:list' },
			action: {
				type: 'status',
				status: 403,
				body: { error: { code: 'Forbidden', message: 'The API user may not list users.' } },
			},
		});
		const failure = await search('searchUsers').catch((error: Error) => error);
		expect(failure).toBeInstanceOf(Error);
		expect((failure as Error).message).toContain('The API user may not list users.');
		const text = JSON.stringify({ m: (failure as Error).message, e: failure });
		for (const secret of ss.secrets()) expect(text).not.toContain(secret);
	});
});

describe('Simple-Simon resource locators in the node', () => {
	const node = new SimpleSimon();
	const properties = node.description.properties;
	const find = (name: string, resource: string, operation: string) =>
		properties.find(
			(p) =>
				p.name === name &&
				p.displayOptions?.show?.resource?.includes(resource) &&
				p.displayOptions?.show?.operation?.includes(operation),
		) as INodeProperties;

	it.each([
		['customer', 'customerId', 'searchCustomers'],
		['location', 'locationId', 'searchLocations'],
		['user', 'userId', 'searchUsers'],
		['itemGroup', 'itemGroupId', 'searchItemGroups'],
	])('%s IDs are searchable lists with a checked "By ID" mode', (resource, name, method) => {
		for (const operation of ['get', 'update', 'delete']) {
			const field = find(name, resource, operation);
			expect(field.type).toBe('resourceLocator');
			expect(field.default).toEqual({ mode: 'list', value: '' });
			const [list, byId] = field.modes!;
			expect(list).toMatchObject({
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: method, searchable: true },
			});
			expect(node.methods.listSearch[method]).toBeInstanceOf(Function);
			expect(byId).toMatchObject({ name: 'id', type: 'string' });
			const regex = new RegExp(
				(byId.validation![0] as INodePropertyRegexValidation).properties.regex,
			);
			for (const good of [
				'0f8fad5b-d9cb-469f-a165-70867728950e',
				'{0F8FAD5B-D9CB-469F-A165-70867728950E}',
				'1042',
			])
				expect(regex.test(good)).toBe(true);
			for (const bad of ['12×525', '../users', 'a b', '']) expect(regex.test(bad)).toBe(false);
		}
	});

	it('parent IDs of the relationship helpers are locators when the parent is searchable', () => {
		expect(find('locationId', 'workOrder', 'getAllForLocation').type).toBe('resourceLocator');
		expect(find('customerId', 'location', 'getAllForCustomer').type).toBe('resourceLocator');
		expect(find('userId', 'timeSheet', 'getAllForUser').type).toBe('resourceLocator');
		expect(find('itemGroupId', 'item', 'getAllForItemGroup').type).toBe('resourceLocator');
		expect(find('workOrderId', 'planning', 'getAllForWorkOrder').type).toBe('string');
		expect(find('workOrderId', 'workOrder', 'get').type).toBe('string');
	});

	it.each([
		['From List', { __rl: true, mode: 'list', value: 'ID' }],
		['By ID with braces', { __rl: true, mode: 'id', value: '{ID}' }],
		['a plain value', 'ID'],
	])('a locator given %s gets the record', async (_case, parameter) => {
		const user = rows('users')[3];
		const id = String(user.Id);
		const value =
			typeof parameter === 'string'
				? id
				: { ...parameter, value: parameter.value.replace('ID', id) };
		const result = await ss.run({ resource: 'user', operation: 'get', userId: value });
		expect(result.error).toBeUndefined();
		expect(ss.requests('users:get')[0].path).toBe(`/users/${id}`);
		expect(result.items[0].json).toEqual(user);
	});

	it('a locator value from an expression is checked per item', async () => {
		const good = String(rows('customers')[0].Id);
		const result = await ss.run(
			{
				resource: 'customer',
				operation: 'get',
				customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			[{ id: good }, { id: '12×525' }],
		);
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'The field "Customer" has an invalid value "12×525" in item 1',
		);
		expect(ss.requests('customers:get').map((r) => r.path)).toEqual([`/customers/${good}`]);
	});
});
