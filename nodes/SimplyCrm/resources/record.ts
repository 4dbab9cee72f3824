import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { returnAllOrLimit, wantedCount } from '../../shared/paging';
import { checkFormat } from '../../shared/params';
import { OWNER_FIELD, fieldKind, writableFields } from '../methods/resourceMapping';
import { RECORD_ID, moduleField, recordIdField, recordIdParameter, textParameter } from './fields';
import { apiUserId, describeModule, isTrue, queryPages, vtqlString, webservice, type DescribeField, type ModuleDescription } from '../transport';

/** Webservice ids are `<module prefix>x<record number>`, e.g. 12x525. */
/** Module and field names go into VTQL unquoted, so only plain identifiers pass. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Modules whose records carry products and services (vtiger refuses to create them without LineItems). */
const INVENTORY_MODULES = new Set(['Quotes', 'SalesOrder', 'PurchaseOrder', 'Invoice']);

// ---------------------------------------------------------------- parameters



type MapperMode = 'add' | 'update' | 'upsert';

const columnsField = (mode: MapperMode, method: string): INodeProperties => ({
	displayName: 'Fields',
	description: "The values of the record's fields, as the module defines them. Map Automatically takes fields of the input item whose names match.",
	name: 'columns',
	type: 'resourceMapper',
	noDataExpression: true,
	default: { mappingMode: 'defineBelow', value: null },
	required: true,
	typeOptions: {
		loadOptionsDependsOn: ['module'],
		resourceMapper: {
			resourceMapperMethod: method,
			mode,
			fieldWords: { singular: 'field', plural: 'fields' },
			// Modules have dozens of fields: show the mandatory ones and let the user add the rest.
			addAllFields: false,
			multiKeyMatch: false,
			supportAutoMap: true,
			...(mode === 'add'
				? {}
				: {
						matchingFieldsLabels: {
							title: 'Field to Match On',
							description:
								mode === 'update'
									? 'How to find the record to update: its Record ID, or a field whose value identifies exactly one record'
									: 'The field whose value identifies the record: one match is updated, no match creates a record',
						},
					}),
		},
	},
});

const lineItemsField: INodeProperties = {
	displayName: 'Line Items',
	name: 'lineItems',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Line Item',
	default: {},
	description:
		'Products and services of a quote, sales order, purchase order or invoice: required to create one, and on update they replace the existing ones. Ignored for other modules.',
	options: [
		{
			displayName: 'Line Item',
			name: 'item',
			values: [
				{
					displayName: 'Comment',
					description: 'A note printed with this line',
					name: 'comment',
					type: 'string',
					default: '',
				},
				{
					displayName: 'Discount %',
					description: 'The discount on this line, in percent (0 to 100)',
					name: 'discount_percent',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
					default: 0,
				},
				{
					displayName: 'List Price',
					name: 'listprice',
					type: 'number',
					typeOptions: { numberPrecision: 2 },
					default: 0,
					description: 'Price of one unit',
				},
				{
					displayName: 'Product or Service ID',
					name: 'productid',
					type: 'string',
					default: '',
					placeholder: '14x5',
					description: 'Webservice ID of a product or service',
				},
				{
					displayName: 'Quantity',
					description: 'How many units of the product or service',
					name: 'quantity',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 1,
				},
			],
		},
	],
};

// ---------------------------------------------------------------- input

function invalid(ctx: IExecuteFunctions, itemIndex: number, message: string, description?: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${message} in item ${itemIndex}`, { itemIndex, description });
}

function moduleName(ctx: IExecuteFunctions, itemIndex: number): string {
	return checkFormat(ctx, textParameter(ctx, 'module', itemIndex, 'Module', 'Contacts'), NAME, itemIndex, 'Module', 'Contacts');
}

function recordId(ctx: IExecuteFunctions, itemIndex: number): string {
	return recordIdParameter(ctx, itemIndex);
}

interface MappedInput {
	values: IDataObject;
	matchingColumns: string[];
	autoMap: boolean;
}

/** The resource mapper's values: the fields set below, or (automatic mapping) the input item itself. */
function mappedInput(ctx: IExecuteFunctions, itemIndex: number): MappedInput {
	const mode = ctx.getNodeParameter('columns.mappingMode', itemIndex, 'defineBelow') as string;
	const matching = ctx.getNodeParameter('columns.matchingColumns', itemIndex, []) as unknown;
	const matchingColumns = Array.isArray(matching) ? matching.map(String).filter((name) => name !== '') : [];
	if (mode === 'autoMapInputData') {
		return { values: { ...ctx.getInputData()[itemIndex].json }, matchingColumns, autoMap: true };
	}
	const values = ctx.getNodeParameter('columns.value', itemIndex, {}) as IDataObject | null;
	return { values: { ...(values ?? {}) }, matchingColumns, autoMap: false };
}

interface RecordSchema {
	module: string;
	description: ModuleDescription;
	writable: Map<string, DescribeField>;
}

async function recordSchema(ctx: IExecuteFunctions, module: string, itemIndex: number): Promise<RecordSchema> {
	const description = await describeModule(ctx, module, itemIndex);
	return { module, description, writable: new Map(writableFields(description).map((field) => [field.name, field])) };
}

const labelOf = (field: DescribeField) => field.label || field.name;

const shown = (raw: unknown) => (typeof raw === 'object' ? JSON.stringify(raw) : String(raw));

/** A luxon DateTime, which is what n8n turns resource mapper date values into. */
function isDateTime(value: unknown): value is { toFormat(format: string): string } {
	return typeof value === 'object' && value !== null && typeof (value as { toFormat?: unknown }).toFormat === 'function';
}

/** Whether a date (and time) exists on the calendar and the clock: the pattern alone lets 2024-02-30 and 25:61 through. */
function realDateTime(date: string, hoursMinutes = '00:00', seconds = ':00'): boolean {
	const [y, m, d] = date.split('-').map(Number);
	const day = new Date(0);
	day.setUTCFullYear(y, m - 1, d);
	if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return false;
	const [h, min] = hoursMinutes.split(':').map(Number);
	return h <= 23 && min <= 59 && Number(seconds.slice(1)) <= 59;
}

/**
 * vtiger's `YYYY-MM-DD` / `YYYY-MM-DD HH:MM:SS`. The wall-clock time is kept as written (no time zone conversion):
 * vtiger reads it in the API user's settings.
 */
function vtigerDate(raw: unknown, withTime: boolean): string | undefined {
	if (isDateTime(raw)) return raw.toFormat(withTime ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd');
	if (raw instanceof Date && Number.isNaN(raw.getTime())) return undefined;
	const text = raw instanceof Date ? raw.toISOString() : String(raw).trim();
	if (text === '') return '';
	const parts = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
	if (!parts || !realDateTime(parts[1], parts[2], parts[3])) return undefined;
	return withTime ? `${parts[1]} ${parts[2] ?? '00:00'}${parts[3] ?? ':00'}` : parts[1];
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off']);

/** A value as vtiger wants it for this field; undefined leaves the field out (n8n's "not set"). */
function vtigerValue(ctx: IExecuteFunctions, field: DescribeField, raw: unknown, itemIndex: number): IDataObject[string] | undefined {
	if (raw === null || raw === undefined) return undefined;
	const fail = (expected: string) =>
		invalid(ctx, itemIndex, `The field "${labelOf(field)}" has an invalid value "${shown(raw)}"`, `${labelOf(field)} (${field.name}) expects ${expected}.`);
	switch (fieldKind(field)) {
		case 'boolean': {
			const word = String(raw).trim().toLowerCase();
			if (word === '') return undefined;
			if (TRUE_WORDS.has(word)) return '1';
			if (FALSE_WORDS.has(word)) return '0';
			throw fail('true or false');
		}
		case 'date':
		case 'datetime': {
			const withTime = fieldKind(field) === 'datetime';
			const text = vtigerDate(raw, withTime);
			if (text === undefined) throw fail(withTime ? 'a date and time like 2024-05-31 14:30:00' : 'a date like 2024-05-31');
			return text;
		}
		case 'time': {
			const text = String(raw).trim();
			const clock = /^(\d{1,2}:\d{2})(:\d{2})?$/.exec(text);
			if (text !== '' && !(clock && realDateTime('2000-01-01', clock[1], clock[2]))) throw fail('a time like 14:30');
			return text;
		}
		case 'number': {
			if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
			const text = String(raw).trim();
			if (text !== '' && !Number.isFinite(Number(text))) throw fail('a number');
			return text;
		}
		case 'reference': {
			const text = String(raw).trim();
			if (text !== '' && !RECORD_ID.test(text)) throw fail('a record ID like 12x525');
			return text;
		}
		case 'multipicklist':
			// vtiger stores several picklist values joined by ' |##| '.
			return Array.isArray(raw) ? raw.map(String).join(' |##| ') : String(raw);
		default:
			return typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
	}
}

/** The element to send: known writable fields only, so whole input items (with id, createdtime, …) can be mapped. */
function toElement(ctx: IExecuteFunctions, schema: RecordSchema, values: IDataObject, itemIndex: number): IDataObject {
	const element: IDataObject = {};
	for (const [name, raw] of Object.entries(values)) {
		const field = schema.writable.get(name);
		if (!field) continue;
		const value = vtigerValue(ctx, field, raw, itemIndex);
		if (value !== undefined) element[name] = value;
	}
	return element;
}

interface LineItemInput {
	productid?: unknown;
	quantity?: unknown;
	listprice?: unknown;
	discount_percent?: unknown;
	comment?: unknown;
}

/** Line items for inventory modules, checked before anything is sent; undefined when none are given. */
function lineItems(ctx: IExecuteFunctions, module: string, itemIndex: number, autoMap: boolean): IDataObject[] | undefined {
	if (!INVENTORY_MODULES.has(module)) return undefined;
	let lines = (ctx.getNodeParameter('lineItems', itemIndex, {}) as { item?: LineItemInput[] }).item ?? [];
	if (lines.length === 0 && autoMap) {
		// Automatic mapping also takes the LineItems array of the input item (e.g. from a Get).
		const fromItem = ctx.getInputData()[itemIndex].json.LineItems;
		if (Array.isArray(fromItem)) lines = fromItem as LineItemInput[];
	}
	if (lines.length === 0) return undefined;
	return lines.map((line, index) => {
		const name = (label: string) => `The field "${label}" of line item ${index + 1}`;
		const productid = String(line.productid ?? '').trim();
		if (!RECORD_ID.test(productid)) {
			throw invalid(ctx, itemIndex, `${name('Product or Service ID')} has an invalid value "${productid}"`, 'Expected a product or service ID like 14x5.');
		}
		const quantity = Number(line.quantity ?? 1);
		if (!Number.isFinite(quantity) || quantity <= 0) {
			throw invalid(ctx, itemIndex, `${name('Quantity')} has an invalid value "${shown(line.quantity)}"`, 'Expected a number above 0.');
		}
		const listprice = Number(line.listprice ?? 0);
		if (!Number.isFinite(listprice)) {
			throw invalid(ctx, itemIndex, `${name('List Price')} has an invalid value "${shown(line.listprice)}"`, 'Expected a number.');
		}
		const discount = Number(line.discount_percent ?? 0);
		if (!Number.isFinite(discount) || discount < 0 || discount > 100) {
			throw invalid(ctx, itemIndex, `${name('Discount %')} has an invalid value "${shown(line.discount_percent)}"`, 'Expected a percentage from 0 to 100.');
		}
		const out: IDataObject = { productid, quantity, listprice };
		if (discount > 0) out.discount_percent = discount;
		if (line.comment !== undefined && line.comment !== null && String(line.comment) !== '') out.comment = String(line.comment);
		return out;
	});
}

// ---------------------------------------------------------------- writes


async function createRecord(
	ctx: IExecuteFunctions,
	schema: RecordSchema,
	fields: IDataObject,
	lines: IDataObject[] | undefined,
	itemIndex: number,
): Promise<IDataObject> {
	const element: IDataObject = { ...fields };
	if (INVENTORY_MODULES.has(schema.module)) {
		if (!lines) {
			throw invalid(ctx, itemIndex, 'The field "Line Items" is empty', `${schema.module} records need at least one product or service line.`);
		}
		element.LineItems = lines;
	}
	if (schema.writable.has(OWNER_FIELD) && (element[OWNER_FIELD] === undefined || element[OWNER_FIELD] === '')) {
		const owner = await apiUserId(ctx, itemIndex);
		if (owner) element[OWNER_FIELD] = owner;
	}
	const missing = [...schema.writable.values()].filter(
		(field) => isTrue(field.mandatory) && (element[field.name] === undefined || element[field.name] === ''),
	);
	if (missing.length > 0) {
		const names = missing.map((field) => `"${labelOf(field)}"`).join(', ');
		throw invalid(
			ctx,
			itemIndex,
			missing.length === 1 ? `The field ${names} is required` : `The fields ${names} are required`,
			`${schema.module} records cannot be created without ${missing.map((field) => field.name).join(', ')}.`,
		);
	}
	return await webservice<IDataObject>(ctx, {
		operation: 'create',
		method: 'POST',
		params: { elementType: schema.module, element: JSON.stringify(element) },
		idempotent: false,
		itemIndex,
	});
}

/** vtiger's update replaces the whole record, so read it first and send it back with the changes merged in. */
async function mergeUpdate(
	ctx: IExecuteFunctions,
	id: string,
	changes: IDataObject,
	lines: IDataObject[] | undefined,
	itemIndex: number,
): Promise<IDataObject> {
	const current = await webservice<IDataObject>(ctx, { operation: 'retrieve', params: { id }, idempotent: true, itemIndex });
	const element: IDataObject = { ...current, ...changes, id };
	if (lines) element.LineItems = lines;
	return await webservice<IDataObject>(ctx, {
		operation: 'update',
		method: 'POST',
		params: { element: JSON.stringify(element) },
		idempotent: true,
		itemIndex,
	});
}

/** `field = 'value'` for each column to match on, with the value as it would be written. */
function matchConditions(ctx: IExecuteFunctions, schema: RecordSchema, columns: string[], element: IDataObject, itemIndex: number): string[] {
	if (columns.length === 0) {
		throw invalid(ctx, itemIndex, 'The field "Field to Match On" is empty', 'Choose the field whose value identifies the record.');
	}
	return columns.map((column) => {
		const field = schema.writable.get(column);
		if (!field) {
			throw invalid(ctx, itemIndex, `The field to match on "${column}" is not a writable field of ${schema.module}`, 'Refresh the field list and choose another field.');
		}
		const value = element[column];
		if (value === undefined || value === '') {
			throw invalid(ctx, itemIndex, `The field "${labelOf(field)}" to match on has no value`, 'Set a value for it: it identifies the record.');
		}
		return `${column} = ${vtqlString(value)}`;
	});
}

/** IDs of the records matching every condition (at most 100, plenty to tell one from many). */
async function findMatches(ctx: IExecuteFunctions, module: string, conditions: string[], itemIndex: number): Promise<string[]> {
	const rows = await webservice<IDataObject[]>(ctx, {
		operation: 'query',
		params: { query: `select id from ${module} where ${conditions.join(' and ')} limit 0, 100;` },
		idempotent: true,
		itemIndex,
	});
	return (Array.isArray(rows) ? rows : []).map((row) => String(row.id));
}

function ambiguous(ctx: IExecuteFunctions, module: string, conditions: string[], ids: string[], itemIndex: number): NodeOperationError {
	const count = ids.length >= 100 ? '100 or more' : String(ids.length);
	const shownIds = ids.slice(0, 10).join(', ') + (ids.length > 10 ? ', …' : '');
	return invalid(
		ctx,
		itemIndex,
		`${count} ${module} records match ${conditions.join(' and ')}`,
		`Only one record may match. Matching records: ${shownIds}. Match on a field with unique values.`,
	);
}

// ---------------------------------------------------------------- operations

const create: Operation = {
	value: 'create',
	name: 'Create',
	action: 'Create a record',
	description: 'Create a record in a module',
	properties: [moduleField, columnsField('add', 'getCreateColumns'), lineItemsField],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const module = moduleName(this, itemIndex);
		const input = mappedInput(this, itemIndex);
		const lines = lineItems(this, module, itemIndex, input.autoMap);
		const schema = await recordSchema(this, module, itemIndex);
		return await createRecord(this, schema, toElement(this, schema, input.values, itemIndex), lines, itemIndex);
	},
};

const get: Operation = {
	value: 'get',
	name: 'Get',
	action: 'Get a record',
	description: 'Get a record by its ID',
	properties: [recordIdField],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = recordId(this, itemIndex);
		return await webservice<IDataObject>(this, { operation: 'retrieve', params: { id }, idempotent: true, itemIndex });
	},
};

const update: Operation = {
	value: 'update',
	name: 'Update',
	action: 'Update a record',
	description: 'Change some fields of a record; the fields you do not set keep their values',
	properties: [moduleField, columnsField('update', 'getUpdateColumns'), lineItemsField],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const module = moduleName(this, itemIndex);
		const input = mappedInput(this, itemIndex);
		const lines = lineItems(this, module, itemIndex, input.autoMap);
		const matching = input.matchingColumns.length > 0 ? input.matchingColumns : ['id'];
		let id = '';
		if (matching.includes('id')) {
			id = String(input.values.id ?? '').trim();
			if (id === '') throw invalid(this, itemIndex, 'The field "Record ID" is empty', 'Set the ID of the record to update, e.g. 12x525.');
			if (!RECORD_ID.test(id)) throw invalid(this, itemIndex, `The field "Record ID" has an invalid value "${id}"`, 'Expected something like 12x525.');
		}
		const schema = await recordSchema(this, module, itemIndex);
		const prefix = schema.description.idPrefix;
		if (id && prefix && !id.startsWith(`${prefix}x`)) {
			throw invalid(this, itemIndex, `The record ID "${id}" is not a ${module} ID`, `${module} IDs start with ${prefix}x.`);
		}
		const changes = toElement(this, schema, input.values, itemIndex);
		if (!Object.keys(changes).some((name) => !matching.includes(name)) && !lines) {
			throw invalid(this, itemIndex, 'No field to update is set', 'Add at least one field to change.');
		}
		if (!id) {
			const conditions = matchConditions(this, schema, matching, changes, itemIndex);
			const ids = await findMatches(this, module, conditions, itemIndex);
			if (ids.length === 0) {
				throw invalid(this, itemIndex, `No ${module} record matches ${conditions.join(' and ')}`, 'Nothing was changed.');
			}
			if (ids.length > 1) throw ambiguous(this, module, conditions, ids, itemIndex);
			id = ids[0];
		}
		return await mergeUpdate(this, id, changes, lines, itemIndex);
	},
};

const upsert: Operation = {
	value: 'upsert',
	name: 'Create or Update',
	action: 'Create or update a record',
	description: 'Create a new record, or update the current one if it already exists (upsert)',
	properties: [moduleField, columnsField('upsert', 'getUpsertColumns'), lineItemsField],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const module = moduleName(this, itemIndex);
		const input = mappedInput(this, itemIndex);
		const lines = lineItems(this, module, itemIndex, input.autoMap);
		const schema = await recordSchema(this, module, itemIndex);
		const element = toElement(this, schema, input.values, itemIndex);
		const conditions = matchConditions(this, schema, input.matchingColumns, element, itemIndex);
		const ids = await findMatches(this, module, conditions, itemIndex);
		if (ids.length > 1) throw ambiguous(this, module, conditions, ids, itemIndex);
		if (ids.length === 1) return await mergeUpdate(this, ids[0], element, lines, itemIndex);
		return await createRecord(this, schema, element, lines, itemIndex);
	},
};

const remove: Operation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a record',
	description: 'Delete a record by its ID',
	properties: [recordIdField],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = recordId(this, itemIndex);
		const result = await webservice<IDataObject>(this, {
			operation: 'delete',
			method: 'POST',
			params: { id },
			idempotent: true,
			itemIndex,
		});
		return { id, ...result };
	},
};

// ---------------------------------------------------------------- get many

/** VTQL comparison per operator; like patterns wrap the value (% and _ in it act as wildcards too). */
const OPERATORS: Record<string, { vtql: string; pattern?: (value: string) => string }> = {
	equals: { vtql: '=' },
	notEquals: { vtql: '!=' },
	greaterThan: { vtql: '>' },
	lessThan: { vtql: '<' },
	greaterOrEqual: { vtql: '>=' },
	lessOrEqual: { vtql: '<=' },
	contains: { vtql: 'like', pattern: (value) => `%${value}%` },
	startsWith: { vtql: 'like', pattern: (value) => `${value}%` },
	endsWith: { vtql: 'like', pattern: (value) => `%${value}` },
	in: { vtql: 'in' },
};

interface Condition {
	field?: string;
	operator?: string;
	value?: unknown;
	listValue?: string;
}

interface ListOptions {
	combine?: string;
	fields?: string[];
	sortBy?: string;
	sortOrder?: string;
}

/** The values a condition compares with; `in` takes a list (comma-separated text or an array from an expression). */
function conditionValues(condition: Condition): string[] {
	const raw = condition.listValue ? condition.listValue : condition.value;
	if (condition.operator === 'in') {
		const list = Array.isArray(raw) ? raw : String(raw ?? '').split(',');
		return list.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
	}
	return [raw === undefined || raw === null ? '' : String(raw)];
}

/** A filter value as the field stores it (booleans as 1/0, references checked). */
function filterLiteral(ctx: IExecuteFunctions, field: DescribeField | undefined, name: string, value: string, like: boolean, position: number, itemIndex: number): string {
	const kind = name === 'id' ? 'reference' : field ? fieldKind(field) : 'text';
	if (kind === 'boolean' && !like) {
		const word = value.trim().toLowerCase();
		if (TRUE_WORDS.has(word)) return '1';
		if (FALSE_WORDS.has(word)) return '0';
		throw invalid(ctx, itemIndex, `The field "Value" of condition ${position} has an invalid value "${value}"`, `${name} is true or false.`);
	}
	// vtiger compares references on the number after the "x", and rejects values without one.
	if (kind === 'reference' && !like && !RECORD_ID.test(value.trim())) {
		throw invalid(ctx, itemIndex, `The field "Value" of condition ${position} has an invalid value "${value}"`, `${name} holds record IDs like 12x525.`);
	}
	return kind === 'reference' && !like ? value.trim() : value;
}

const getAll: Operation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many records',
	description: 'List the records of a module, optionally filtered and sorted',
	properties: [
		moduleField,
		...returnAllOrLimit(),
		{
			displayName: 'Filters',
			description: 'Conditions the records must meet; without any, every record of the module is returned',
			name: 'filters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Condition',
			default: {},
			options: [
				{
					displayName: 'Condition',
					name: 'condition',
					values: [
						{
							displayName: 'Field Name or ID',
							name: 'field',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getFields', loadOptionsDependsOn: ['module'] },
							default: '',
							description:
								'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						},
						{
							displayName: 'Operator',
							name: 'operator',
							type: 'options',
							options: [
								{ name: 'Contains', value: 'contains' },
								{ name: 'Ends With', value: 'endsWith' },
								{ name: 'Equals', value: 'equals' },
								{ name: 'Greater Than', value: 'greaterThan' },
								{ name: 'Greater Than or Equal', value: 'greaterOrEqual' },
								{ name: 'Is One Of', value: 'in', description: 'The value is a comma-separated list' },
								{ name: 'Less Than', value: 'lessThan' },
								{ name: 'Less Than or Equal', value: 'lessOrEqual' },
								{ name: 'Not Equals', value: 'notEquals' },
								{ name: 'Starts With', value: 'startsWith' },
							],
							default: 'equals',
							description: 'VTQL has no "is empty": it cannot compare with an empty value',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description: 'Booleans as true/false, dates as 2024-05-31, owners and references as IDs like 19x1',
						},
						{
							displayName: 'Value From List Name or ID',
							name: 'listValue',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getFieldValues', loadOptionsDependsOn: ['module', '&field'] },
							default: '',
							description:
								'For picklist and owner fields: a picklist value, user or group, used instead of Value. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						},
					],
				},
			],
		},
		{
			displayName: 'Options',
			description: 'Optional settings for the list',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Combine Conditions',
					name: 'combine',
					type: 'options',
					options: [
						{ name: 'All Must Match (AND)', value: 'and' },
						{ name: 'Any May Match (OR)', value: 'or' },
					],
					default: 'and',
					description: 'Whether every condition or any one must hold. VTQL has no brackets to mix the two.',
				},
				{
					displayName: 'Fields to Return Names or IDs',
					name: 'fields',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getFields', loadOptionsDependsOn: ['module'] },
					default: [],
					description:
						'Only these fields (and the ID) are returned; all when empty. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{
					displayName: 'Sort By Name or ID',
					name: 'sortBy',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getSortableFields', loadOptionsDependsOn: ['module'] },
					default: '',
					description:
						'Records with the same value stay in ID order, so pages never skip or repeat one. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{
					displayName: 'Sort Order',
					description: 'Whether to sort from low to high (A to Z, oldest first) or the other way round',
					name: 'sortOrder',
					type: 'options',
					options: [
						{ name: 'Ascending', value: 'asc' },
						{ name: 'Descending', value: 'desc' },
					],
					default: 'asc',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const module = moduleName(this, itemIndex);
		const wanted = wantedCount(this, itemIndex);
		const conditions = ((this.getNodeParameter('filters', itemIndex, {}) as { condition?: Condition[] }).condition ?? []).filter(
			(condition) => condition.field,
		);
		const options = this.getNodeParameter('options', itemIndex, {}) as ListOptions;
		const columns = (options.fields ?? []).filter((name) => name !== '');
		const sortBy = options.sortBy ?? '';

		// Names go into the query unquoted: anything but a plain identifier is refused before any request.
		const named = [
			...conditions.map((condition, index) => ({ name: String(condition.field), label: `Field of condition ${index + 1}` })),
			...columns.map((name) => ({ name, label: 'Fields to Return' })),
			...(sortBy ? [{ name: sortBy, label: 'Sort By' }] : []),
		];
		for (const { name, label } of named) {
			if (!NAME.test(name)) throw invalid(this, itemIndex, `The field "${label}" has an invalid field name "${name}"`, 'Field names are letters, digits and underscores.');
		}
		conditions.forEach((condition, index) => {
			if (!OPERATORS[condition.operator ?? '']) {
				throw invalid(this, itemIndex, `The field "Operator" of condition ${index + 1} has an unknown value "${String(condition.operator)}"`);
			}
			if (conditionValues(condition).every((value) => value === '')) {
				throw invalid(this, itemIndex, `The field "Value" of condition ${index + 1} is empty`, 'VTQL cannot compare with an empty value.');
			}
		});

		// the module's fields are only needed to check named fields and type condition values
		const needsFields = named.some(({ name }) => name !== 'id') || conditions.length > 0;
		const described = needsFields ? (await describeModule(this, module, itemIndex)).fields ?? [] : [];
		const fields = new Map(described.map((field) => [field.name, field]));
		for (const { name, label } of named) {
			if (name !== 'id' && !fields.has(name)) {
				throw invalid(this, itemIndex, `The field "${label}" names "${name}", which is not a field of ${module}`, 'Choose a field from the list.');
			}
		}
		const where = conditions.map((condition, index) => {
			const name = String(condition.field);
			const operator = OPERATORS[condition.operator ?? ''];
			const values = conditionValues(condition).map((value) =>
				filterLiteral(this, fields.get(name), name, value, operator.pattern !== undefined, index + 1, itemIndex),
			);
			if (operator.vtql === 'in') return `${name} in (${values.map(vtqlString).join(', ')})`;
			return `${name} ${operator.vtql} ${vtqlString(operator.pattern ? operator.pattern(values[0]) : values[0])}`;
		});
		const select = columns.length > 0 ? columns.join(', ') : '*';
		const joiner = options.combine === 'or' ? ' or ' : ' and ';
		// vtiger allows two order columns and one direction for both; the id keeps equal values in a stable order.
		const order = `${sortBy && sortBy !== 'id' ? `${sortBy}, id` : 'id'}${options.sortOrder === 'desc' ? ' desc' : ''}`;
		const query = `select ${select} from ${module}${where.length ? ` where ${where.join(joiner)}` : ''} order by ${order}`;
		return await queryPages(this, query, wanted, itemIndex);
	},
};

export const record: Resource = {
	value: 'record',
	name: 'Record',
	description: 'Contacts, organizations, leads, deals, tickets, quotes and every other module',
	operations: [create, get, update, upsert, remove, getAll],
	defaultOperation: 'get',
};
