import { randomUUID } from 'node:crypto';

import type { INodeProperties } from 'n8n-workflow';

import type { Collection, Row } from '../../../emulators/simple-simon';
import { ENTITY_LIST } from '../../../nodes/SimpleSimon/entities';
import { resources } from '../../../nodes/SimpleSimon/SimpleSimon.node';
import { simpleSimonFixture } from './fixture';

/*
 * The relationship helpers ("Get Many for <Parent>"): a Get Many whose $filter always holds `<Link> eq <parent ID>`,
 * ANDed with what the user builds. Each test checks the clause on the wire and that only the parent's rows come out.
 */

const ss = simpleSimonFixture();

beforeEach(() => {
	ss.vendor.state.pageSize = 100;
});

const rows = (collection: Collection) => Array.from(ss.vendor.state.tables[collection].values());

/** The parent with the most children (so "only the children" means something), and those children in order. */
function busiestParent(children: Collection, field: string): { id: string; children: Row[] } {
	const counts = new Map<string, number>();
	for (const row of rows(children)) {
		if (row[field] != null)
			counts.set(String(row[field]), (counts.get(String(row[field])) ?? 0) + 1);
	}
	const [id] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
	return { id, children: rows(children).filter((row) => row[field] === id) };
}

/** Two more children for the parent (the seed gives each location one work order at most). */
function addChildren(collection: Collection, template: Row): void {
	for (let n = 1; n <= 2; n++) {
		const id = randomUUID();
		const extra: Row = { ...template, Id: id, CreatedOn: `2025-0${n}-01T08:00:00.000Z` };
		if (collection === 'workorders') extra.Number = `WO-90000${n}`;
		ss.vendor.state.tables[collection].set(id, extra);
	}
}

const locator = (value: string) => ({ __rl: true, mode: 'list', value });

describe('Simple-Simon relationship helpers', () => {
	type Case = [
		what: string,
		resource: string,
		operation: string,
		parameter: string,
		children: Collection,
		field: string,
		asLocator: boolean,
	];
	const cases: Case[] = [
		[
			'the locations of a customer',
			'location',
			'getAllForCustomer',
			'customerId',
			'locations',
			'CustomerId',
			true,
		],
		[
			'the work orders of a location',
			'workOrder',
			'getAllForLocation',
			'locationId',
			'workorders',
			'LocationId',
			true,
		],
		[
			'the planning of a work order',
			'planning',
			'getAllForWorkOrder',
			'workOrderId',
			'plannings',
			'WorkOrderId',
			false,
		],
		['the planning of a user', 'planning', 'getAllForUser', 'userId', 'plannings', 'UserId', true],
		[
			'the used items of a work order',
			'usedItem',
			'getAllForWorkOrder',
			'workOrderId',
			'useditems',
			'WorkOrderId',
			false,
		],
		[
			'the time sheets of a work order',
			'timeSheet',
			'getAllForWorkOrder',
			'workOrderId',
			'timesheets',
			'WorkOrderId',
			false,
		],
	];

	it.each(cases)(
		'%s: $filter names the parent, only its rows come out',
		async (_what, resource, operation, parameter, collection, field, asLocator) => {
			addChildren(collection, busiestParent(collection, field).children[0]);
			const { id, children } = busiestParent(collection, field);
			expect(children.length).toBeGreaterThan(2);
			expect(rows(collection).length).toBeGreaterThan(children.length);
			const result = await ss.run({
				resource,
				operation,
				[parameter]: asLocator ? locator(id) : id,
				returnAll: true,
			});
			expect(result.error).toBeUndefined();
			expect(ss.ops()).toEqual(['login', `${collection}:list`]);
			expect(ss.requests(`${collection}:list`)[0]).toMatchObject({
				method: 'GET',
				path: `/${collection}`,
				query: { $filter: `${field} eq ${id}`, $top: '100' },
				status: 200,
			});
			expect(result.items.map((item) => item.json.Id)).toEqual(children.map((row) => row.Id));
			expect(result.items.every((item) => item.json[field] === id)).toBe(true);
			expect(
				result.items.every((item) => !Object.keys(item.json).some((key) => key.startsWith('@'))),
			).toBe(true);
		},
	);

	it('the work orders of a location, narrowed with a value holding a quote and a date', async () => {
		const location = rows('locations').find((row) =>
			rows('workorders').some((wo) => wo.LocationId === row.Id && String(wo.Remarks).includes("'")),
		)!;
		const id = String(location.Id);
		const result = await ss.run({
			resource: 'workOrder',
			operation: 'getAllForLocation',
			locationId: locator(id),
			limit: 10,
			filters: {
				conditions: [
					{ field: 'Remarks', operator: 'contains', value: "'bel" },
					{
						field: 'CreatedOn',
						operator: 'greaterThanOrEqual',
						valueType: 'dateTime',
						value: '2024-01-01T00:00:00Z',
					},
				],
			},
			options: { sort: { rule: [{ field: 'CreatedOn', direction: 'desc' }] } },
		});
		expect(result.error).toBeUndefined();
		expect(ss.requests('workorders:list')[0].query).toEqual({
			$filter: `LocationId eq ${id} and contains(Remarks,'''bel') and CreatedOn ge 2024-01-01T00:00:00Z`,
			$orderby: 'CreatedOn desc',
			$top: '10',
		});
		const expected = rows('workorders')
			.filter((wo) => wo.LocationId === id && String(wo.Remarks).includes("'bel"))
			.sort((a, b) => String(b.CreatedOn).localeCompare(String(a.CreatedOn)));
		expect(expected.length).toBeGreaterThan(0);
		expect(result.items.map((item) => item.json.Id)).toEqual(expected.map((row) => row.Id));
	});

	it('an "or" from the Match selector or the raw filter stays inside its own parentheses', async () => {
		const { id, children } = busiestParent('plannings', 'UserId');
		const result = await ss.run({
			resource: 'planning',
			operation: 'getAllForUser',
			userId: id,
			returnAll: true,
			filterMatch: 'or',
			filters: {
				conditions: [
					{ field: 'Remarks', operator: 'isNotEmpty' },
					{
						field: 'StartTime',
						operator: 'lessThan',
						valueType: 'dateTime',
						value: '2024-03-01T00:00:00Z',
					},
				],
			},
		});
		expect(result.error).toBeUndefined();
		expect(ss.requests('plannings:list')[0].query.$filter).toBe(
			`UserId eq ${id} and (Remarks ne null or StartTime lt 2024-03-01T00:00:00Z)`,
		);
		const expected = children.filter(
			(row) => row.Remarks !== null || String(row.StartTime) < '2024-03-01T00:00:00.000Z',
		);
		expect(result.items.map((item) => item.json.Id)).toEqual(expected.map((row) => row.Id));
		expect(result.items.length).toBeLessThan(rows('plannings').length);
	});

	it('Return All over several server pages keeps the parent clause on every next link', async () => {
		ss.vendor.state.pageSize = 2;
		const { id, children } = busiestParent('locations', 'CustomerId');
		expect(children.length).toBeGreaterThan(5);
		const result = await ss.run({
			resource: 'location',
			operation: 'getAllForCustomer',
			customerId: locator(id),
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.Id)).toEqual(children.map((row) => row.Id));
		const queries = ss.requests('locations:list').map((request) => request.query);
		expect(queries).toHaveLength(Math.ceil(children.length / 2));
		expect(queries.every((query) => query.$filter === `CustomerId eq ${id}`)).toBe(true);
	});

	it('Link Field renames the property the clause filters on', async () => {
		// Attachments of a work order, matched through a property the tenant names differently: the vendor says no.
		const { id } = busiestParent('attachments', 'WorkOrderId');
		const renamed = await ss.run({
			resource: 'attachment',
			operation: 'getAllForWorkOrder',
			workOrderId: id,
			options: { linkField: 'JobSheetId' },
		});
		expect(ss.requests('attachments:list')[0].query.$filter).toBe(`JobSheetId eq ${id}`);
		expect(renamed.error?.constructor.name).toBe('NodeApiError');
		expect(renamed.error?.httpCode).toBe('400');
		expect(renamed.error?.message).toContain('JobSheetId');

		// Contacts of a customer, matched on their location link instead.
		const { id: locationId, children } = busiestParent('contacts', 'LocationId');
		const relinked = await ss.run({
			resource: 'contact',
			operation: 'getAllForCustomer',
			customerId: locationId,
			returnAll: true,
			options: { linkField: 'LocationId' },
		});
		expect(relinked.error).toBeUndefined();
		expect(ss.requests('contacts:list')[0].query.$filter).toBe(`LocationId eq ${locationId}`);
		expect(relinked.items.map((item) => item.json.Id)).toEqual(children.map((row) => row.Id));
	});

	it('a Link Field that is not a property name is refused before sending', async () => {
		const result = await ss.run({
			resource: 'timeSheet',
			operation: 'getAllForUser',
			userId: rows('users')[0].Id as string,
			options: { linkField: 'UserId eq null or 1' },
		});
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'The field "Link Field" has an invalid property name "UserId eq null or 1" in item 0',
		);
		expect(ss.ops()).toEqual([]);
	});

	it('a bad parent ID is refused naming the parent field and the item', async () => {
		const good = String(rows('locations')[0].Id);
		const result = await ss.run(
			{
				resource: 'equipment',
				operation: 'getAllForLocation',
				locationId: '={{ $json.id }}',
				limit: 1,
			},
			[{ id: good }, { id: "x' or 1 eq 1" }],
		);
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			`The field "Location" has an invalid value "x' or 1 eq 1" in item 1`,
		);
		expect(ss.requests('equipment:list')).toHaveLength(1);
	});

	it('a parent ID that is not a GUID goes out quoted, and the vendor’s refusal comes back', async () => {
		const result = await ss.run({
			resource: 'usedItem',
			operation: 'getAllForItem',
			itemId: 'ART-1001',
		});
		expect(ss.requests('useditems:list')[0].query.$filter).toBe("ItemId eq 'ART-1001'");
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.httpCode).toBe('400');
	});

	it('offers one "Get Many for <Parent>" per link of every entity, listing the list endpoint', () => {
		for (const spec of ENTITY_LIST) {
			const resource = resources.find((r) => r.value === spec.resource)!;
			for (const link of spec.links) {
				const parent = ENTITY_LIST.find((e) => e.resource === link.parent)!;
				const value = `getAllFor${parent.resource.charAt(0).toUpperCase()}${parent.resource.slice(1)}`;
				const operation = resource.operations.find((op) => op.value === value);
				expect(operation).toMatchObject({
					name: `Get Many for ${parent.name}`,
					endpoints: [spec.listEndpoint],
				});
				const idField = operation!.properties[0];
				expect(idField.type).toBe(parent.searchable ? 'resourceLocator' : 'string');
				const options = operation!.properties.find((p) => p.name === 'options')!;
				const linkField = (options.options as INodeProperties[]).find(
					(o) => o.name === 'linkField',
				);
				expect(linkField).toMatchObject({ default: link.field });
				expect((options.options as INodeProperties[]).map((o) => o.name)).toContain('entityPath');
			}
		}
		expect(
			resources.find((r) => r.value === 'workOrder')!.operations.map((op) => op.action),
		).toEqual(
			expect.arrayContaining([
				'Get the work orders of a location',
				'Get the work orders of a customer',
			]),
		);
	});
});
