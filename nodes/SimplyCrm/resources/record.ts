import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { collectPages, returnAllOrLimit, wantedCount } from '../../shared/paging';
import { checkFormat, keyValuePairs, requiredString } from '../../shared/params';
import { VTQL_PAGE_SIZE, vtqlString, webservice } from '../transport';

/** Webservice ids are `<module prefix>x<record number>`, e.g. 12x525. */
const RECORD_ID = /^\d+x\d+$/;

const moduleField: INodeProperties = {
	displayName: 'Module Name or ID',
	name: 'module',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getModules' },
	default: '',
	required: true,
	description:
		'The kind of record (Contacts, Accounts, Leads, …). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const recordIdField: INodeProperties = {
	displayName: 'Record ID',
	name: 'recordId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '12x525',
	description: 'The record\'s webservice ID: module prefix, "x", record number',
};

const fieldsField = (displayName: string, description: string): INodeProperties => ({
	displayName,
	name: 'fields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Field',
	default: {},
	description,
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Field Name or ID',
					name: 'name',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getFields', loadOptionsDependsOn: ['module'] },
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
});

function recordId(ctx: IExecuteFunctions, itemIndex: number): string {
	return checkFormat(ctx, requiredString(ctx, 'recordId', itemIndex, 'Record ID'), RECORD_ID, itemIndex, 'Record ID', '12x525');
}

/** The logged-in API user, the default owner of new records (its id is stored with the session at login). */
async function apiUserId(ctx: IExecuteFunctions, itemIndex: number): Promise<string | undefined> {
	const stored = async () => String((await ctx.getCredentials('simplyCrmApi', itemIndex)).userId ?? '');
	let userId = await stored();
	if (userId === '') {
		// Never logged in yet: any authenticated read logs in and stores the user id.
		await webservice(ctx, { operation: 'listtypes', idempotent: true, itemIndex });
		userId = await stored();
	}
	return userId === '' ? undefined : userId;
}

const create: Operation = {
	value: 'create',
	name: 'Create',
	action: 'Create a record',
	description: 'Create a record in a module',
	properties: [moduleField, fieldsField('Fields', 'Field values of the new record (mandatory fields are marked *)')],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const module = requiredString(this, 'module', itemIndex, 'Module');
		const element = keyValuePairs(this, 'fields', itemIndex);
		if (element.assigned_user_id === undefined || element.assigned_user_id === '') {
			const owner = await apiUserId(this, itemIndex);
			if (owner) element.assigned_user_id = owner;
		}
		return await webservice<IDataObject>(this, {
			operation: 'create',
			method: 'POST',
			params: { elementType: module, element: JSON.stringify(element) },
			idempotent: false,
			itemIndex,
		});
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
	properties: [
		{ ...moduleField, description: `${moduleField.description} Used to list the fields.`, required: false },
		recordIdField,
		fieldsField('Fields to Update', 'Only these fields change'),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = recordId(this, itemIndex);
		const changes = keyValuePairs(this, 'fields', itemIndex);
		if (Object.keys(changes).length === 0) {
			throw new NodeOperationError(this.getNode(), `The field "Fields to Update" is empty in item ${itemIndex}`, {
				itemIndex,
				description: 'Add at least one field to change.',
			});
		}
		// vtiger's update replaces the whole record, so read it first and send it back with the changes merged in.
		const current = await webservice<IDataObject>(this, { operation: 'retrieve', params: { id }, idempotent: true, itemIndex });
		return await webservice<IDataObject>(this, {
			operation: 'update',
			method: 'POST',
			params: { element: JSON.stringify({ ...current, ...changes, id }) },
			idempotent: true,
			itemIndex,
		});
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

const OPERATORS: Record<string, string> = {
	equals: '=',
	notEquals: '!=',
	greaterThan: '>',
	lessThan: '<',
	greaterOrEqual: '>=',
	lessOrEqual: '<=',
	contains: 'like',
	startsWith: 'like',
	endsWith: 'like',
};

interface Condition {
	field: string;
	operator: string;
	value: string;
}

/** VTQL for Get Many: conditions from the UI with every value escaped, and a stable order for offset paging. */
export function buildListQuery(module: string, conditions: Condition[], combine: string, sortBy: string, descending: boolean): string {
	const name = /^[A-Za-z_][A-Za-z0-9_]*$/;
	const where = conditions.map((condition) => {
		if (!name.test(condition.field)) throw new Error(`"${condition.field}" is not a field name`);
		const operator = OPERATORS[condition.operator];
		if (!operator) throw new Error(`"${condition.operator}" is not a known operator`);
		const raw = String(condition.value ?? '');
		const literal =
			condition.operator === 'contains'
				? vtqlString(`%${raw}%`)
				: condition.operator === 'startsWith'
					? vtqlString(`${raw}%`)
					: condition.operator === 'endsWith'
						? vtqlString(`%${raw}`)
						: vtqlString(raw);
		return `${condition.field} ${operator} ${literal}`;
	});
	const joiner = combine === 'or' ? ' or ' : ' and ';
	return `select * from ${module}${where.length ? ` where ${where.join(joiner)}` : ''} order by ${sortBy}${descending ? ' desc' : ''}`;
}

const getAll: Operation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many records',
	description: 'List the records of a module, optionally filtered',
	properties: [
		moduleField,
		...returnAllOrLimit(),
		{
			displayName: 'Filters',
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
								{ name: 'Less Than', value: 'lessThan' },
								{ name: 'Less Than or Equal', value: 'lessOrEqual' },
								{ name: 'Not Equals', value: 'notEquals' },
								{ name: 'Starts With', value: 'startsWith' },
							],
							default: 'equals',
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: 'Options',
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
					description: 'VTQL evaluates conditions left to right without brackets',
				},
				{
					displayName: 'Sort By',
					name: 'sortBy',
					type: 'string',
					default: 'id',
					description: 'Field name to sort by; the default (ID) keeps pages stable',
				},
				{
					displayName: 'Descending',
					name: 'descending',
					type: 'boolean',
					default: false,
					description: 'Whether to sort from the highest value down',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const module = requiredString(this, 'module', itemIndex, 'Module');
		const wanted = wantedCount(this, itemIndex);
		const conditions = ((this.getNodeParameter('filters', itemIndex, {}) as { condition?: Condition[] }).condition ?? []).filter(
			(c) => c.field,
		);
		const options = this.getNodeParameter('options', itemIndex, {}) as { combine?: string; sortBy?: string; descending?: boolean };
		let base: string;
		try {
			base = buildListQuery(module, conditions, options.combine ?? 'and', options.sortBy || 'id', options.descending ?? false);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `The field "Filters" is invalid in item ${itemIndex}: ${(error as Error).message}`, {
				itemIndex,
			});
		}
		return await collectPages<IDataObject>(wanted, VTQL_PAGE_SIZE, async (pageIndex, pageSize) => {
			const rows = await webservice<IDataObject[]>(this, {
				operation: 'query',
				params: { query: `${base} limit ${pageIndex * VTQL_PAGE_SIZE}, ${pageSize};` },
				idempotent: true,
				itemIndex,
			});
			const list = Array.isArray(rows) ? rows : [];
			return { items: list, more: list.length === pageSize };
		});
	},
};

export const record: Resource = {
	value: 'record',
	name: 'Record',
	description: 'Contacts, accounts, leads, deals, tickets and every other module',
	operations: [create, get, update, remove, getAll],
	defaultOperation: 'get',
};
