import { randomUUID } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { Collection, Row } from '../../../emulators/simple-simon';
import { makeRow } from '../../../emulators/simple-simon/seed';
import { simpleSimonFixture } from './fixture';

/*
 * Every checklist route of the 13 entities (login aside) through the node, against the emulator: what went over the
 * wire, what came out of the node, and what the emulator holds afterwards.
 */

const ss = simpleSimonFixture();

// The emulator's reset reseeds the tables but leaves the server page size as the last test set it.
beforeEach(() => {
	ss.vendor.state.pageSize = 100;
});

const table = (collection: Collection) => ss.vendor.state.tables[collection];
const rows = (collection: Collection) => Array.from(table(collection).values());
const first = (collection: Collection) => rows(collection)[0];
const idOf = (collection: Collection, index = 0) => String(rows(collection)[index].Id);
const fields = (values: Record<string, string>) => ({
	inputMode: 'fields',
	fields: { field: Object.entries(values).map(([name, value]) => ({ name, value })) },
});
const json = (values: IDataObject) => ({ inputMode: 'json', json: JSON.stringify(values) });
/** Output items without OData annotations such as @odata.context. */
const annotated = (out: IDataObject) => Object.keys(out).filter((key) => key.includes('@'));

function expectNoSecrets(text: string) {
	for (const secret of ss.secrets()) expect(text).not.toContain(secret);
}

/** A row nobody refers to, straight into the emulator's table (what a Delete may remove without a 409). */
function insertLeaf(collection: Collection, values: Row): string {
	const id = randomUUID();
	table(collection).set(id, makeRow(collection, id, values, '2025-05-01T10:00:00.000Z'));
	return id;
}

const CONTENT = Buffer.from('Meterkast na de storing\n', 'utf8').toString('base64');

// ---------------------------------------------------------------- create

describe('Simple-Simon Create', () => {
	/** The properties, sent as Fields (text) or as JSON (typed); what goes over the wire is exactly these. */
	type Case = [
		tag: string,
		resource: string,
		collection: Collection,
		mode: 'fields' | 'json',
		values: () => IDataObject,
	];
	const cases: Case[] = [
		[
			'[wire:createCustomer]',
			'customer',
			'customers',
			'fields',
			() => ({ Name: "Bakkerij O'Brien", City: 'Utrecht', Country: 'NL' }),
		],
		[
			'[wire:createContact]',
			'contact',
			'contacts',
			'fields',
			() => ({ FirstName: 'Anna', LastName: 'de Boer', CustomerId: idOf('customers') }),
		],
		[
			'[wire:createLocation]',
			'location',
			'locations',
			'fields',
			() => ({ Name: 'Magazijn Noord', PostalCode: '9711 AB', CustomerId: idOf('customers') }),
		],
		[
			'[wire:createWorkOrder]',
			'workOrder',
			'workorders',
			'json',
			() => ({
				Description: 'Cv-ketel maakt geluid',
				LocationId: idOf('locations'),
				Priority: 2,
				PlannedDate: '2026-03-02T08:00:00.000Z',
			}),
		],
		[
			'[wire:createEquipment]',
			'equipment',
			'equipment',
			'fields',
			() => ({ Name: 'Warmtepomp', LocationId: idOf('locations'), SerialNumber: '00123' }),
		],
		[
			'[wire:createItemGroup]',
			'itemGroup',
			'itemgroups',
			'fields',
			() => ({ Code: 'FIT', Name: 'Fittingen' }),
		],
		[
			'[wire:createItem]',
			'item',
			'items',
			'json',
			() => ({
				Code: 'K-15',
				Description: 'Knie 15 mm',
				ItemGroupId: idOf('itemgroups'),
				Price: 1.25,
			}),
		],
		[
			'[wire:createUser]',
			'user',
			'users',
			'json',
			() => ({ Name: 'Kees Monteur', Email: 'kees@example.nl', Role: 'Field', IsActive: false }),
		],
		[
			'[wire:createPlanning]',
			'planning',
			'plannings',
			'json',
			() => ({
				WorkOrderId: idOf('workorders'),
				UserId: idOf('users', 6),
				StartTime: '2026-03-02T08:00:00.000Z',
				EndTime: '2026-03-02T10:30:00.000Z',
			}),
		],
		[
			'[wire:createWorkOrderSurvey]',
			'workOrderSurvey',
			'workordersurveys',
			'fields',
			() => ({ WorkOrderId: idOf('workorders'), Name: 'Opleverlijst' }),
		],
		[
			'[wire:createUsedItem]',
			'usedItem',
			'useditems',
			'json',
			() => ({ WorkOrderId: idOf('workorders'), ItemId: idOf('items'), Quantity: 2.5, Unit: 'm' }),
		],
		[
			'[wire:createTimeSheet]',
			'timeSheet',
			'timesheets',
			'json',
			() => ({
				WorkOrderId: idOf('workorders'),
				UserId: idOf('users', 6),
				Date: '2026-03-02T00:00:00.000Z',
				Type: 'Travel',
				Hours: 0.75,
			}),
		],
		[
			'[wire:createAttachment]',
			'attachment',
			'attachments',
			'json',
			() => ({
				FileName: 'meterkast.txt',
				ContentType: 'text/plain',
				Content: CONTENT,
				WorkOrderId: idOf('workorders'),
			}),
		],
	];

	it.each(cases)(
		'%s creates a %s with one POST',
		async (_tag, resource, collection, mode, values) => {
			const body = values();
			const before = table(collection).size;
			const parameters = mode === 'json' ? json(body) : fields(body as Record<string, string>);
			const result = await ss.run({ resource, operation: 'create', ...parameters });
			expect(result.error).toBeUndefined();
			expect(ss.ops()).toEqual(['login', `${collection}:create`]);
			const [post] = ss.requests(`${collection}:create`);
			expect(post).toMatchObject({
				method: 'POST',
				path: `/${collection}`,
				query: {},
				status: 201,
			});
			expect(post.contentType).toContain('application/json');
			expect(post.body).toEqual(body);

			expect(result.items).toHaveLength(1);
			const out = result.items[0].json;
			expect(out).toMatchObject(body);
			expect(out.Id).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
			expect(annotated(out)).toEqual([]);
			expect(result.items[0].pairedItem).toEqual({ item: 0 });
			expect(table(collection).size).toBe(before + 1);
			expect(table(collection).get(String(out.Id))).toEqual(out);
		},
	);

	it('sends key/value pairs as text exactly as typed; typed values need JSON mode', async () => {
		const location = idOf('locations');
		const text = await ss.run({
			resource: 'workOrder',
			operation: 'create',
			...fields({ Description: 'Lekkage', LocationId: location, Priority: '3' }),
		});
		expect(ss.requests('workorders:create')[0].body).toEqual({
			Description: 'Lekkage',
			LocationId: location,
			Priority: '3',
		});
		// The vendor refuses text for a number, in its own words.
		expect(text.error?.constructor.name).toBe('NodeApiError');
		expect(text.error?.message).toContain("Cannot convert a value of type 'string'");
		expect(text.error?.message).toContain("property 'Priority'");

		const typed = await ss.run({
			resource: 'workOrder',
			operation: 'create',
			...json({ Description: 'Lekkage', LocationId: location, Priority: 3, Reference: '0042' }),
		});
		expect(typed.error).toBeUndefined();
		expect(ss.requests('workorders:create')[1].body).toEqual({
			Description: 'Lekkage',
			LocationId: location,
			Priority: 3,
			Reference: '0042',
		});
		expect(typed.items[0].json).toMatchObject({ Priority: 3, Reference: '0042', Status: 'Open' });
		expect(typed.items[0].json.Number).toMatch(/^WO-\d{6}$/);
	});

	it('is never repeated after the POST may have reached the server', async () => {
		ss.vendor.emulator.inject({
			when: { op: 'customers:create' },
			action: { type: 'status', status: 503 },
		});
		const result = await ss.run({
			resource: 'customer',
			operation: 'create',
			...fields({ Name: 'Eenmalig' }),
		});
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(ss.requests('customers:create')).toHaveLength(1);
	});
});

// ---------------------------------------------------------------- get

describe('Simple-Simon Get', () => {
	type Case = [
		tag: string,
		resource: string,
		collection: Collection,
		parameter: string,
		index: number,
	];
	const cases: Case[] = [
		['[wire:getCustomer]', 'customer', 'customers', 'customerId', 3],
		['[wire:getContact]', 'contact', 'contacts', 'contactId', 1],
		['[wire:getLocation]', 'location', 'locations', 'locationId', 5],
		['[wire:getWorkOrder]', 'workOrder', 'workorders', 'workOrderId', 10],
		['[wire:getEquipment]', 'equipment', 'equipment', 'equipmentId', 2],
		['[wire:getItemGroup]', 'itemGroup', 'itemgroups', 'itemGroupId', 4],
		['[wire:getItem]', 'item', 'items', 'itemId', 7],
		['[wire:getUser]', 'user', 'users', 'userId', 8],
		['[wire:getPlanning]', 'planning', 'plannings', 'planningId', 3],
		['[wire:getWorkOrderSurvey]', 'workOrderSurvey', 'workordersurveys', 'workOrderSurveyId', 1],
		['[wire:getUsedItem]', 'usedItem', 'useditems', 'usedItemId', 2],
		['[wire:getTimeSheet]', 'timeSheet', 'timesheets', 'timeSheetId', 4],
		['[wire:getAttachment]', 'attachment', 'attachments', 'attachmentId', 0],
	];

	it.each(cases)('%s gets a %s by its ID', async (_tag, resource, collection, parameter, index) => {
		const row = rows(collection)[index];
		const result = await ss.run({ resource, operation: 'get', [parameter]: String(row.Id) });
		expect(result.error).toBeUndefined();
		expect(ss.ops()).toEqual(['login', `${collection}:get`]);
		expect(ss.requests(`${collection}:get`)[0]).toMatchObject({
			method: 'GET',
			path: `/${collection}/${String(row.Id)}`,
			query: {},
			status: 200,
		});
		expect(result.items.map((item) => item.json)).toEqual([row]);
		expect(annotated(result.items[0].json)).toEqual([]);
	});

	it('Fields to Return and Expand become $select and $expand', async () => {
		const workOrder = first('workorders');
		const location = table('locations').get(String(workOrder.LocationId))!;
		const result = await ss.run({
			resource: 'workOrder',
			operation: 'get',
			workOrderId: String(workOrder.Id),
			options: { select: ' Id, Number ,LocationId', expand: 'Location' },
		});
		expect(result.error).toBeUndefined();
		expect(ss.requests('workorders:get')[0].query).toEqual({
			$select: 'Id,Number,LocationId',
			$expand: 'Location',
		});
		expect(result.items[0].json).toEqual({
			Id: workOrder.Id,
			Number: workOrder.Number,
			LocationId: workOrder.LocationId,
			Location: location,
		});
	});

	it('refuses a property name that is not one before sending', async () => {
		const result = await ss.run({
			resource: 'workOrder',
			operation: 'get',
			workOrderId: idOf('workorders'),
			options: { select: 'Id,Number;drop' },
		});
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'The field "Fields to Return" has an invalid property name "Number;drop" in item 0',
		);
		expect(ss.ops()).toEqual([]);
	});
});

// ---------------------------------------------------------------- update

describe('Simple-Simon Update', () => {
	type Case = [
		tag: string,
		resource: string,
		collection: Collection,
		parameter: string,
		index: number,
		changes: IDataObject,
		mode: 'fields' | 'json',
	];
	const cases: Case[] = [
		[
			'[wire:updateCustomer]',
			'customer',
			'customers',
			'customerId',
			2,
			{ City: 'Zwolle' },
			'fields',
		],
		[
			'[wire:updateContact]',
			'contact',
			'contacts',
			'contactId',
			0,
			{ JobTitle: 'Monteur' },
			'fields',
		],
		[
			'[wire:updateLocation]',
			'location',
			'locations',
			'locationId',
			7,
			{ City: 'Zwolle' },
			'fields',
		],
		[
			'[wire:updateWorkOrder]',
			'workOrder',
			'workorders',
			'workOrderId',
			0,
			{ Status: 'Completed', Priority: 5 },
			'json',
		],
		[
			'[wire:updateEquipment]',
			'equipment',
			'equipment',
			'equipmentId',
			1,
			{ Brand: 'Nefit' },
			'fields',
		],
		[
			'[wire:updateItemGroup]',
			'itemGroup',
			'itemgroups',
			'itemGroupId',
			1,
			{ Description: "Koeling & 'airco'" },
			'fields',
		],
		['[wire:updateItem]', 'item', 'items', 'itemId', 3, { Price: 12.5, IsActive: false }, 'json'],
		['[wire:updateUser]', 'user', 'users', 'userId', 6, { Phone: '+31 6 11112222' }, 'fields'],
		[
			'[wire:updatePlanning]',
			'planning',
			'plannings',
			'planningId',
			2,
			{ Remarks: 'Sleutel bij de buren' },
			'fields',
		],
		[
			'[wire:updateWorkOrderSurvey]',
			'workOrderSurvey',
			'workordersurveys',
			'workOrderSurveyId',
			0,
			{ Status: 'Completed', CompletedOn: '2026-02-01T12:00:00.000Z' },
			'json',
		],
		['[wire:updateUsedItem]', 'usedItem', 'useditems', 'usedItemId', 1, { Quantity: 7 }, 'json'],
		[
			'[wire:updateTimeSheet]',
			'timeSheet',
			'timesheets',
			'timeSheetId',
			0,
			{ Hours: 2.25 },
			'json',
		],
		[
			'[wire:updateAttachment]',
			'attachment',
			'attachments',
			'attachmentId',
			2,
			{ Description: 'Na reparatie' },
			'fields',
		],
	];

	it.each(cases)(
		'%s changes only the given properties of a %s (read, merge, PUT)',
		async (_tag, resource, collection, parameter, index, changes, mode) => {
			const before = { ...rows(collection)[index] };
			const id = String(before.Id);
			const result = await ss.run({
				resource,
				operation: 'update',
				[parameter]: id,
				...(mode === 'json' ? json(changes) : fields(changes as Record<string, string>)),
			});
			expect(result.error).toBeUndefined();
			expect(ss.ops()).toEqual(['login', `${collection}:get`, `${collection}:update`]);
			expect(ss.requests(`${collection}:get`)[0]).toMatchObject({
				method: 'GET',
				path: `/${collection}/${id}`,
				query: {},
			});
			const [put] = ss.requests(`${collection}:update`);
			expect(put).toMatchObject({ method: 'PUT', path: `/${collection}/${id}`, status: 200 });
			// PUT replaces the record: everything read is sent back, with only the changes different.
			expect(put.body).toEqual({ ...before, ...changes });

			const after = table(collection).get(id)!;
			expect(after).toEqual({ ...before, ...changes, ModifiedOn: expect.any(String) });
			expect(String(after.ModifiedOn) > String(before.ModifiedOn)).toBe(true);
			expect(result.items.map((item) => item.json)).toEqual([after]);
			expect(annotated(result.items[0].json)).toEqual([]);
		},
	);

	it('a record that no longer exists fails on the read, before any PUT', async () => {
		const missing = '0f8fad5b-d9cb-469f-a165-70867728950e';
		const result = await ss.run({
			resource: 'timeSheet',
			operation: 'update',
			timeSheetId: missing,
			...fields({ Remarks: 'x' }),
		});
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toContain(`No TimeSheet with the key '${missing}' was found`);
		expect(result.error?.httpCode).toBe('404');
		expect(ss.ops()).toEqual(['login', 'timesheets:get']);
	});
});

// ---------------------------------------------------------------- delete

describe('Simple-Simon Delete', () => {
	type Case = [
		tag: string,
		resource: string,
		collection: Collection,
		parameter: string,
		values: () => Row,
	];
	const cases: Case[] = [
		['[wire:deleteCustomer]', 'customer', 'customers', 'customerId', () => ({ Name: 'Weg B.V.' })],
		[
			'[wire:deleteContact]',
			'contact',
			'contacts',
			'contactId',
			() => ({ LastName: 'Weg', CustomerId: idOf('customers') }),
		],
		['[wire:deleteLocation]', 'location', 'locations', 'locationId', () => ({ Name: 'Oud pand' })],
		[
			'[wire:deleteWorkOrder]',
			'workOrder',
			'workorders',
			'workOrderId',
			() => ({ Description: 'Vergissing', LocationId: idOf('locations'), Number: 'WO-900001' }),
		],
		[
			'[wire:deleteEquipment]',
			'equipment',
			'equipment',
			'equipmentId',
			() => ({ Name: 'Oude boiler', LocationId: idOf('locations') }),
		],
		['[wire:deleteItemGroup]', 'itemGroup', 'itemgroups', 'itemGroupId', () => ({ Name: 'Leeg' })],
		[
			'[wire:deleteItem]',
			'item',
			'items',
			'itemId',
			() => ({ Code: 'X-1', Description: 'Vervallen', ItemGroupId: idOf('itemgroups') }),
		],
		[
			'[wire:deleteUser]',
			'user',
			'users',
			'userId',
			() => ({ Name: 'Ex', Email: 'ex@example.nl' }),
		],
		[
			'[wire:deletePlanning]',
			'planning',
			'plannings',
			'planningId',
			() => ({
				WorkOrderId: idOf('workorders'),
				UserId: idOf('users'),
				StartTime: '2026-01-01T08:00:00.000Z',
				EndTime: '2026-01-01T09:00:00.000Z',
			}),
		],
		[
			'[wire:deleteWorkOrderSurvey]',
			'workOrderSurvey',
			'workordersurveys',
			'workOrderSurveyId',
			() => ({ WorkOrderId: idOf('workorders'), Name: 'Proef' }),
		],
		[
			'[wire:deleteUsedItem]',
			'usedItem',
			'useditems',
			'usedItemId',
			() => ({ WorkOrderId: idOf('workorders'), Quantity: 1 }),
		],
		[
			'[wire:deleteTimeSheet]',
			'timeSheet',
			'timesheets',
			'timeSheetId',
			() => ({
				WorkOrderId: idOf('workorders'),
				UserId: idOf('users'),
				Date: '2026-01-01T00:00:00.000Z',
				Hours: 1,
			}),
		],
		[
			'[wire:deleteAttachment]',
			'attachment',
			'attachments',
			'attachmentId',
			() => ({ FileName: 'weg.txt', Content: CONTENT, CustomerId: idOf('customers') }),
		],
	];

	it.each(cases)('%s deletes a %s', async (_tag, resource, collection, parameter, values) => {
		const id = insertLeaf(collection, values());
		const others = rows(collection).filter((row) => row.Id !== id);
		const result = await ss.run({
			resource,
			operation: 'delete',
			[parameter]: `{${id.toUpperCase()}}`,
		});
		expect(result.error).toBeUndefined();
		expect(ss.ops()).toEqual(['login', `${collection}:delete`]);
		// Braces around a pasted GUID are dropped; the rest of the ID is sent as given.
		expect(ss.requests(`${collection}:delete`)[0]).toMatchObject({
			method: 'DELETE',
			path: `/${collection}/${id.toUpperCase()}`,
			query: {},
			rawBody: '',
			status: 204,
		});
		expect(result.items).toEqual([
			{ json: { id: id.toUpperCase(), deleted: true }, pairedItem: { item: 0 } },
		]);
		expect(table(collection).has(id)).toBe(false);
		expect(rows(collection)).toEqual(others);
	});

	it('a record others still refer to stays, with the vendor 409 message', async () => {
		const location = first('locations');
		const result = await ss.run({
			resource: 'location',
			operation: 'delete',
			locationId: String(location.Id),
		});
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.httpCode).toBe('409');
		expect(result.error?.message).toContain('cannot be deleted because other records refer to it');
		expect(table('locations').get(String(location.Id))).toEqual(location);
	});
});

// ---------------------------------------------------------------- get many

describe('Simple-Simon Get Many', () => {
	type Condition = { field: string; operator: string; value?: string; valueType?: string };
	type Case = [
		tag: string,
		resource: string,
		collection: Collection,
		conditions: Condition[],
		filter: string,
		matches: (row: Row) => boolean,
	];
	const cases: Case[] = [
		[
			'[wire:listCustomers]',
			'customer',
			'customers',
			[{ field: 'Country', operator: 'equals', value: 'BE' }],
			"Country eq 'BE'",
			(row) => row.Country === 'BE',
		],
		[
			'[wire:listContacts]',
			'contact',
			'contacts',
			[{ field: 'LastName', operator: 'equals', value: "O'Neill" }],
			"LastName eq 'O''Neill'",
			(row) => row.LastName === "O'Neill",
		],
		[
			'[wire:listLocations]',
			'location',
			'locations',
			[{ field: 'City', operator: 'equals', value: "'s-Hertogenbosch" }],
			"City eq '''s-Hertogenbosch'",
			(row) => row.City === "'s-Hertogenbosch",
		],
		[
			'[wire:listWorkOrders]',
			'workOrder',
			'workorders',
			[
				{ field: 'Status', operator: 'equals', value: 'Planned' },
				{ field: 'Priority', operator: 'greaterThanOrEqual', value: '3', valueType: 'number' },
			],
			"Status eq 'Planned' and Priority ge 3",
			(row) => row.Status === 'Planned' && Number(row.Priority) >= 3,
		],
		[
			'[wire:listEquipment]',
			'equipment',
			'equipment',
			[{ field: 'Brand', operator: 'equals', value: 'Daikin' }],
			"Brand eq 'Daikin'",
			(row) => row.Brand === 'Daikin',
		],
		[
			'[wire:listItemGroups]',
			'itemGroup',
			'itemgroups',
			[{ field: 'Name', operator: 'startsWith', value: 'K' }],
			"startswith(Name,'K')",
			(row) => String(row.Name).startsWith('K'),
		],
		[
			'[wire:listItems]',
			'item',
			'items',
			[{ field: 'Price', operator: 'greaterThan', value: '400', valueType: 'number' }],
			'Price gt 400',
			(row) => Number(row.Price) > 400,
		],
		[
			'[wire:listUsers]',
			'user',
			'users',
			[{ field: 'Role', operator: 'equals', value: 'Office' }],
			"Role eq 'Office'",
			(row) => row.Role === 'Office',
		],
		[
			'[wire:listPlannings]',
			'planning',
			'plannings',
			[
				{
					field: 'StartTime',
					operator: 'greaterThanOrEqual',
					value: '2024-06-01T00:00:00Z',
					valueType: 'dateTime',
				},
			],
			'StartTime ge 2024-06-01T00:00:00Z',
			(row) => String(row.StartTime) >= '2024-06-01T00:00:00.000Z',
		],
		[
			'[wire:listWorkOrderSurveys]',
			'workOrderSurvey',
			'workordersurveys',
			[{ field: 'Status', operator: 'equals', value: 'Completed' }],
			"Status eq 'Completed'",
			(row) => row.Status === 'Completed',
		],
		[
			'[wire:listUsedItems]',
			'usedItem',
			'useditems',
			[{ field: 'ItemId', operator: 'isEmpty' }],
			'ItemId eq null',
			(row) => row.ItemId === null,
		],
		[
			'[wire:listTimeSheets]',
			'timeSheet',
			'timesheets',
			[{ field: 'Type', operator: 'equals', value: 'Travel' }],
			"Type eq 'Travel'",
			(row) => row.Type === 'Travel',
		],
		[
			'[wire:listAttachments]',
			'attachment',
			'attachments',
			[{ field: 'Description', operator: 'isNotEmpty' }],
			'Description ne null',
			(row) => row.Description !== null,
		],
	];

	it.each(cases)(
		'%s lists %s rows matching a UI-built filter, one item per row',
		async (_tag, resource, collection, conditions, filter, matches) => {
			const expected = rows(collection).filter(matches).slice(0, 3);
			expect(expected.length).toBeGreaterThan(0);
			const result = await ss.run({
				resource,
				operation: 'getAll',
				limit: 3,
				filters: { conditions },
			});
			expect(result.error).toBeUndefined();
			expect(ss.ops()).toEqual(['login', `${collection}:list`]);
			expect(ss.requests(`${collection}:list`)[0]).toMatchObject({
				method: 'GET',
				path: `/${collection}`,
				query: { $filter: filter, $top: '3' },
				status: 200,
			});
			expect(result.items.map((item) => item.json.Id)).toEqual(expected.map((row) => row.Id));
			expect(result.items.map((item) => item.pairedItem)).toEqual(
				expected.map(() => ({ item: 0 })),
			);
			for (const item of result.items) {
				expect(annotated(item.json)).toEqual([]);
				// List rows are the stored rows, except that attachments leave their content out.
				const stored = { ...table(collection).get(String(item.json.Id)) };
				if (collection === 'attachments') delete stored.Content;
				expect(item.json).toEqual(stored);
			}
		},
	);

	it('Sort, Fields to Return and Expand become $orderby, $select and $expand; the raw filter is ANDed', async () => {
		const result = await ss.run({
			resource: 'workOrder',
			operation: 'getAll',
			limit: 4,
			filters: { conditions: [{ field: 'Status', operator: 'equals', value: 'Open' }] },
			rawFilter: 'Priority eq 1 or Priority eq 2',
			options: {
				sort: {
					rule: [
						{ field: 'Priority', direction: 'desc' },
						{ field: 'Number', direction: 'asc' },
					],
				},
				select: 'Id,Number,Priority,LocationId',
				expand: 'Location',
			},
		});
		expect(result.error).toBeUndefined();
		expect(ss.requests('workorders:list')[0].query).toEqual({
			$filter: "Status eq 'Open' and (Priority eq 1 or Priority eq 2)",
			$orderby: 'Priority desc,Number asc',
			$select: 'Id,Number,Priority,LocationId',
			$expand: 'Location',
			$top: '4',
		});
		const expected = rows('workorders')
			.filter((row) => row.Status === 'Open' && (row.Priority === 1 || row.Priority === 2))
			.sort(
				(a, b) =>
					Number(b.Priority) - Number(a.Priority) ||
					String(a.Number).localeCompare(String(b.Number)),
			)
			.slice(0, 4);
		expect(expected).toHaveLength(4);
		expect(result.items.map((item) => item.json)).toEqual(
			expected.map((row) => ({
				Id: row.Id,
				Number: row.Number,
				Priority: row.Priority,
				LocationId: row.LocationId,
				Location: table('locations').get(String(row.LocationId)),
			})),
		);
	});

	it('Return All follows @odata.nextLink over several server pages, none missing or repeated', async () => {
		ss.vendor.state.pageSize = 7;
		const expected = rows('timesheets').filter((row) => row.Type === 'Work');
		expect(expected.length).toBeGreaterThan(35);
		const result = await ss.run({
			resource: 'timeSheet',
			operation: 'getAll',
			returnAll: true,
			filters: { conditions: [{ field: 'Type', operator: 'equals', value: 'Work' }] },
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.Id)).toEqual(expected.map((row) => row.Id));
		const queries = ss.requests('timesheets:list').map((request) => request.query);
		expect(queries.length).toBeGreaterThanOrEqual(6);
		expect(queries[0]).toEqual({ $filter: "Type eq 'Work'", $top: '100', $count: 'true' });
		// The later requests are the server's own next links (same query, $skip moved on, $top what is left).
		expect(queries[1]).toEqual({ $filter: "Type eq 'Work'", $top: '93', $skip: '7', $count: 'true' });
		expect(queries.map((q) => q.$skip ?? '0')).toEqual(queries.map((_q, i) => String(i * 7)));
		expect(ss.ops().filter((op) => op === 'login')).toHaveLength(1);
	});

	it('Return All pages with $top/$skip when the server sends bare arrays', async () => {
		ss.vendor.state.listShape = 'array';
		const result = await ss.run({ resource: 'location', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.Id)).toEqual(
			rows('locations').map((row) => row.Id),
		);
		expect(ss.requests('locations:list').map((request) => request.query)).toEqual([
			{ $top: '100', $count: 'true' },
			{ $top: '100', $skip: '100' },
			{ $top: '100', $skip: '200' },
			{ $top: '100', $skip: '300' },
		]);
	});

	it('Limit asks for no more than needed', async () => {
		const result = await ss.run({ resource: 'location', operation: 'getAll', limit: 130 });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.Id)).toEqual(
			rows('locations')
				.slice(0, 130)
				.map((row) => row.Id),
		);
		expect(ss.requests('locations:list').map((request) => request.query)).toEqual([
			{ $top: '100' },
			{ $top: '30', $skip: '100' },
		]);
	});

	it('a malformed raw filter fails with the vendor 400 message and no secret', async () => {
		const result = await ss.run({
			resource: 'customer',
			operation: 'getAll',
			rawFilter: "City eq 'Gent",
		});
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.httpCode).toBe('400');
		expect(result.error?.message).toContain('unterminated string literal');
		expect(ss.requests('customers:list')).toHaveLength(1);
		expectNoSecrets(
			JSON.stringify({ m: result.error?.message, d: result.error?.description, e: result.error }),
		);
	});

	it('a bad filter value is refused before sending, naming the field, condition and item', async () => {
		const result = await ss.run({
			resource: 'workOrder',
			operation: 'getAll',
			filters: {
				conditions: [
					{
						field: 'PlannedDate',
						operator: 'greaterThan',
						value: '31-02-2026',
						valueType: 'dateTime',
					},
				],
			},
		});
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'The field "Filters" has an invalid value "31-02-2026" in condition 1 of item 0',
		);
		expect(ss.ops()).toEqual([]);
	});
});

// ---------------------------------------------------------------- paths

describe('Simple-Simon Entity Path option and credential Base Path', () => {
	it('Entity Path points every operation at the tenant’s collection path', async () => {
		ss.vendor.state.entityPaths = { equipment: '/equipments' };
		const location = idOf('locations');
		const documented = await ss.run({ resource: 'equipment', operation: 'getAll', limit: 1 });
		expect(documented.error?.constructor.name).toBe('NodeApiError');
		expect(documented.error?.httpCode).toBe('404');

		const options = { entityPath: 'equipments/' };
		const created = await ss.run({
			resource: 'equipment',
			operation: 'create',
			...fields({ Name: 'Boiler', LocationId: location }),
			options,
		});
		expect(created.error).toBeUndefined();
		const id = String(created.items[0].json.Id);
		const got = await ss.run({ resource: 'equipment', operation: 'get', equipmentId: id, options });
		const updated = await ss.run({
			resource: 'equipment',
			operation: 'update',
			equipmentId: id,
			...fields({ Brand: 'Itho' }),
			options,
		});
		const listed = await ss.run({
			resource: 'equipment',
			operation: 'getAllForLocation',
			locationId: location,
			limit: 50,
			options,
		});
		const deleted = await ss.run({
			resource: 'equipment',
			operation: 'delete',
			equipmentId: id,
			options,
		});
		for (const result of [got, updated, listed, deleted]) expect(result.error).toBeUndefined();
		expect(got.items[0].json).toMatchObject({ Id: id, Name: 'Boiler' });
		expect(updated.items[0].json).toMatchObject({ Id: id, Name: 'Boiler', Brand: 'Itho' });
		expect(listed.items.map((item) => item.json.Id)).toContain(id);
		expect(deleted.items[0].json).toEqual({ id, deleted: true });
		expect(
			ss.vendor.emulator.log
				.filter((r) => r.op !== 'login')
				.map((r) => `${r.method} ${r.path} ${r.status}`),
		).toEqual([
			'GET /equipment 404',
			'POST /equipments 201',
			`GET /equipments/${id} 200`,
			`GET /equipments/${id} 200`,
			`PUT /equipments/${id} 200`,
			'GET /equipments 200',
			`DELETE /equipments/${id} 204`,
		]);
	});

	it('an Entity Path that could leave the API is refused before sending', async () => {
		const result = await ss.run({
			resource: 'customer',
			operation: 'getAll',
			options: { entityPath: '../admin' },
		});
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'The field "Entity Path" has an invalid value "../admin" in item 0',
		);
		expect(ss.ops()).toEqual([]);
	});

	it('the credential Base Path goes before every entity path, not before the login path', async () => {
		ss.vendor.state.basePath = '/odata';
		ss.useCredential({ basePath: '/odata/' });
		const customer = first('customers');
		const got = await ss.run({
			resource: 'customer',
			operation: 'get',
			customerId: String(customer.Id),
		});
		const listed = await ss.run({
			resource: 'location',
			operation: 'getAllForCustomer',
			customerId: String(customer.Id),
			limit: 2,
		});
		expect(got.error).toBeUndefined();
		expect(listed.error).toBeUndefined();
		expect(got.items[0].json).toEqual(customer);
		expect(ss.vendor.emulator.log.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'POST /login 200',
			`GET /odata/customers/${String(customer.Id)} 200`,
			'GET /odata/locations 200',
		]);
	});
});

// ---------------------------------------------------------------- bad input, errors, pairing

describe('Simple-Simon bad IDs, Continue On Fail and vendor errors', () => {
	it.each([
		['junk with a multiplication sign', '12×525'],
		['a path', '../users'],
		['a query', 'abc?$top=1'],
		['spaces inside', '12 525'],
	])('an ID with %s is refused before sending', async (_case, bad) => {
		const good = idOf('workorders');
		const result = await ss.run(
			{ resource: 'workOrder', operation: 'get', workOrderId: '={{ $json.id }}' },
			[{ id: good }, { id: bad }],
		);
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			`The field "Work Order ID" has an invalid value "${bad}" in item 1`,
		);
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(ss.requests('workorders:get').map((r) => r.path)).toEqual([`/workorders/${good}`]);
	});

	it('an empty ID is refused, for a resource locator too', async () => {
		const result = await ss.run({
			resource: 'customer',
			operation: 'delete',
			customerId: { __rl: true, mode: 'list', value: '' },
		});
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('The field "Customer" is empty in item 0');
		expect(ss.ops()).toEqual([]);
	});

	it.each([
		['no fields', { operation: 'create', fields: {} }, 'The field "Fields" is empty in item 0'],
		[
			'invalid JSON',
			{ operation: 'create', inputMode: 'json', json: '{"Name": ' },
			'The field "Fields (JSON)" is not a valid JSON object in item 0',
		],
		[
			'a bad property name',
			{ operation: 'update', userId: 'USERID', ...fields({ 'E-mail': 'x@example.nl' }) },
			'The field "Fields to Update" has an invalid property name "E-mail" in item 0',
		],
	])('%s is refused before sending', async (_case, parameters, message) => {
		const result = await ss.run({ resource: 'user', ...parameters });
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(message);
		expect(ss.ops()).toEqual([]);
	});

	it('with Continue On Fail, failing items become error items paired to their input', async () => {
		const [a, b] = rows('plannings');
		const missing = '0f8fad5b-d9cb-469f-a165-70867728950e';
		const result = await ss.run(
			{ resource: 'planning', operation: 'get', planningId: '={{ $json.id }}' },
			[{ id: String(a.Id) }, { id: '12×525' }, { id: missing }, { id: String(b.Id) }],
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(result.items[0].json).toEqual(a);
		expect(result.items[1].json.error).toBe(
			'The field "Planning ID" has an invalid value "12×525" in item 1',
		);
		expect(result.items[2].json).toMatchObject({
			error: expect.stringContaining(`No Planning with the key '${missing}' was found`),
			httpCode: '404',
		});
		expect(result.items[3].json).toEqual(b);
		expect(ss.requests('plannings:get').map((r) => r.path)).toEqual([
			`/plannings/${String(a.Id)}`,
			`/plannings/${missing}`,
			`/plannings/${String(b.Id)}`,
		]);
		expectNoSecrets(JSON.stringify(result.items));
	});

	it('a vendor 400 on create becomes a NodeApiError with the vendor message and no secret', async () => {
		const result = await ss.run({
			resource: 'planning',
			operation: 'create',
			...json({
				WorkOrderId: idOf('workorders'),
				UserId: idOf('users'),
				StartTime: '2026-03-02T10:00:00Z',
				EndTime: '2026-03-02T09:00:00Z',
			}),
		});
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.httpCode).toBe('400');
		expect(result.error?.message).toContain(
			'The EndTime of a Planning must be after its StartTime.',
		);
		expect(ss.requests('plannings:create')).toHaveLength(1);
		expectNoSecrets(
			JSON.stringify({
				m: result.error?.message,
				d: result.error?.description,
				c: result.error?.context,
			}),
		);
	});

	it('an expired token is renewed once in the middle of an update and no item fails', async () => {
		const ids = rows('useditems')
			.slice(0, 3)
			.map((row) => String(row.Id));
		await ss.run({ resource: 'usedItem', operation: 'get', usedItemId: ids[0] });
		ss.vendor.emulator.clearLog();
		ss.vendor.emulator.inject({
			when: { op: 'useditems:update' },
			phase: 'before',
			times: 1,
			action: { type: 'expireSessions' },
		});
		const result = await ss.run(
			{
				resource: 'usedItem',
				operation: 'update',
				usedItemId: '={{ $json.id }}',
				...fields({ Unit: 'doos' }),
				concurrency: 1,
			},
			ids.map((id) => ({ id })),
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.Unit)).toEqual(['doos', 'doos', 'doos']);
		expect(ss.ops()).toEqual([
			'useditems:get',
			'useditems:update',
			'login',
			'useditems:update',
			'useditems:get',
			'useditems:update',
			'useditems:get',
			'useditems:update',
		]);
	});
});
