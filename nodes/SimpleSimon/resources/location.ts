import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { returnAllOrLimit, wantedCount } from '../../shared/paging';
import { checkFormat, jsonObject, keyValuePairs, requiredString } from '../../shared/params';
import { getCollection, simpleSimonRequest, withoutAnnotations } from '../transport';

/*
 * Location = a work address / job site. The public docs give only the routes (POST/GET /locations,
 * GET/PUT/DELETE /locations/{id}); property names come from the API documentation each customer is e-mailed, so the
 * node sends whatever properties the user names.
 */

const PATH = '/locations';

/** GUIDs or numbers; the id type is not documented, so both are allowed and anything else is refused before sending. */
const LOCATION_ID = /^[A-Za-z0-9-]+$/;
const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const locationIdField: INodeProperties = {
	displayName: 'Location ID',
	name: 'locationId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '0f8fad5b-d9cb-469f-a165-70867728950e',
	description: 'The ID of the location (work address)',
};

const inputFields = (what: string): INodeProperties[] => [
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		options: [
			{ name: 'Fields', value: 'fields', description: 'Name each property and its value' },
			{
				name: 'JSON',
				value: 'json',
				description: 'Write the properties as one JSON object (keeps numbers and booleans typed)',
			},
		],
		default: 'fields',
	},
	{
		displayName: what,
		name: 'fields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { inputMode: ['fields'] } },
		description: 'Property names as in the API documentation, e.g. Name, Street, PostalCode, City',
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'City' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: `${what} (JSON)`,
		name: 'json',
		type: 'json',
		default: '{\n  "Name": ""\n}',
		displayOptions: { show: { inputMode: ['json'] } },
		description: 'The properties as a JSON object, e.g. {"Name": "Head office", "City": "Utrecht"}',
	},
];

function locationId(ctx: IExecuteFunctions, itemIndex: number): string {
	const raw = requiredString(ctx, 'locationId', itemIndex, 'Location ID').replace(
		/^\{(.*)\}$/,
		'$1',
	);
	return checkFormat(
		ctx,
		raw,
		LOCATION_ID,
		itemIndex,
		'Location ID',
		'0f8fad5b-d9cb-469f-a165-70867728950e',
	);
}

/** The properties the user gave, checked: at least one, and every name a plain property name. */
function properties(ctx: IExecuteFunctions, itemIndex: number, label: string): IDataObject {
	const mode = ctx.getNodeParameter('inputMode', itemIndex, 'fields') as string;
	const fieldLabel = mode === 'json' ? `${label} (JSON)` : label;
	const values =
		mode === 'json'
			? jsonObject(ctx, 'json', itemIndex, fieldLabel)
			: keyValuePairs(ctx, 'fields', itemIndex);
	const names = Object.keys(values);
	if (names.length === 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The field "${fieldLabel}" is empty in item ${itemIndex}`,
			{
				itemIndex,
				description: 'Add at least one property, e.g. Name.',
			},
		);
	}
	const bad = names.find((name) => !PROPERTY_NAME.test(name));
	if (bad !== undefined) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The field "${fieldLabel}" has an invalid property name "${bad}" in item ${itemIndex}`,
			{
				itemIndex,
				description:
					'Property names are letters, digits and underscores, as in the API documentation.',
			},
		);
	}
	return values;
}

const create: Operation = {
	value: 'create',
	name: 'Create',
	action: 'Create a location',
	description: 'Create a work address',
	properties: inputFields('Fields'),
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const body = properties(this, itemIndex, 'Fields');
		const created = await simpleSimonRequest(this, {
			method: 'POST',
			path: PATH,
			body,
			headers: { Prefer: 'return=representation' },
			idempotent: false,
			itemIndex,
		});
		return withoutAnnotations(created);
	},
};

const selectOption: INodeProperties = {
	displayName: 'Fields to Return',
	name: 'select',
	type: 'string',
	default: '',
	placeholder: 'Name,City',
	description: 'Comma-separated properties to return ($select); empty returns all',
};

const get: Operation = {
	value: 'get',
	name: 'Get',
	action: 'Get a location',
	description: 'Get a work address by its ID',
	properties: [
		locationIdField,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [selectOption],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = locationId(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as { select?: string };
		const select = (options.select ?? '').trim();
		const location = await simpleSimonRequest(this, {
			method: 'GET',
			path: `${PATH}/${encodeURIComponent(id)}`,
			qs: select ? { $select: select } : undefined,
			idempotent: true,
			itemIndex,
		});
		return withoutAnnotations(location);
	},
};

const update: Operation = {
	value: 'update',
	name: 'Update',
	action: 'Update a location',
	description: 'Change some properties of a work address; the others keep their values',
	properties: [locationIdField, ...inputFields('Fields to Update')],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = locationId(this, itemIndex);
		const changes = properties(this, itemIndex, 'Fields to Update');
		const path = `${PATH}/${encodeURIComponent(id)}`;
		// PUT replaces the whole location, so read it first and send it back with the changes merged in.
		const current = withoutAnnotations(
			await simpleSimonRequest(this, { method: 'GET', path, idempotent: true, itemIndex }),
		);
		const merged = { ...current, ...changes };
		const updated = await simpleSimonRequest(this, {
			method: 'PUT',
			path,
			body: merged,
			headers: { Prefer: 'return=representation' },
			idempotent: true,
			itemIndex,
		});
		return updated === undefined ? merged : withoutAnnotations(updated);
	},
};

const remove: Operation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a location',
	description: 'Delete a work address by its ID',
	properties: [locationIdField],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = locationId(this, itemIndex);
		await simpleSimonRequest(this, {
			method: 'DELETE',
			path: `${PATH}/${encodeURIComponent(id)}`,
			idempotent: true,
			itemIndex,
		});
		return { id, deleted: true };
	},
};

const getAll: Operation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many locations',
	description: 'List work addresses, optionally filtered with OData',
	properties: [
		...returnAllOrLimit(),
		{
			displayName: 'Filter',
			name: 'filter',
			type: 'string',
			default: '',
			placeholder: "City eq 'Utrecht' and contains(Name, 'Bakkerij')",
			description:
				"An OData $filter expression: eq, ne, gt, ge, lt, le, and, or, not, contains(), startswith(), endswith(). Quote text with single quotes (write '' for a quote inside).",
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				selectOption,
				{
					displayName: 'Sort By',
					name: 'orderBy',
					type: 'string',
					default: '',
					placeholder: 'City asc, Name desc',
					description: 'An OData $orderby expression',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const wanted = wantedCount(this, itemIndex);
		const filter = (this.getNodeParameter('filter', itemIndex, '') as string).trim();
		const options = this.getNodeParameter('options', itemIndex, {}) as {
			select?: string;
			orderBy?: string;
		};
		const query: IDataObject = {};
		if (filter) query.$filter = filter;
		if (options.orderBy?.trim()) query.$orderby = options.orderBy.trim();
		if (options.select?.trim()) query.$select = options.select.trim();
		const rows = await getCollection(this, PATH, query, wanted, itemIndex);
		return rows.map(withoutAnnotations);
	},
};

export const location: Resource = {
	value: 'location',
	name: 'Location',
	description: 'Work addresses (job sites) that work orders are linked to',
	operations: [create, get, update, remove, getAll],
	defaultOperation: 'get',
};
