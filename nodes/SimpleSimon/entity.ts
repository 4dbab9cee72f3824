import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { Operation, Resource } from '../shared/execute';
import { returnAllOrLimit, wantedCount } from '../shared/paging';
import { jsonObject, keyValuePairs } from '../shared/params';
import { ENTITIES, crudEndpoints, type EntityKey, type EntitySpec, type Link } from './entities';
import { searchMethodOf } from './methods/listSearch';
import { buildFilter, filterProperties, odataGuid } from './odataFilter';
import { entityPath, entityPathOption, recordPath } from './paths';
import { getCollection, simpleSimonRequest, withoutAnnotations } from './transport';

/*
 * The five operations every Simple-Simon entity has, plus one filtered Get Many per parent it links to, built from the
 * entity's spec. The docs give no property names, so the node sends whatever properties the user names.
 */

/** IDs are GUIDs in the emulator and possibly numbers at a tenant: letters, digits, dashes, underscores, nothing else. */
const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A property or a navigation path (`Location/City`) in $select, $expand and $orderby. */
const PROPERTY_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*$/;

const article = (noun: string) => (/^[aeio]/i.test(noun) ? 'an' : 'a');
/** One record in words, where the entity's name alone reads badly ("a planning", "an equipment"). */
const SINGULAR: Partial<Record<EntityKey, string>> = {
	planning: 'planning entry',
	equipment: 'piece of equipment',
};
const one = (spec: EntitySpec) => SINGULAR[spec.resource] ?? spec.name.toLowerCase();
const aName = (spec: EntitySpec) => `${article(one(spec))} ${one(spec)}`;
const capitalised = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);

// ---------------------------------------------------------------- IDs

/** The parameter holding an entity's ID, e.g. `workOrderId`; the same for the record and for a parent. */
const idParameter = (key: EntityKey) => `${key}Id`;

/** Resource locators read as the entity ("Location"), plain ID fields as "Location ID". */
const idLabel = (spec: EntitySpec) => (spec.searchable ? spec.name : `${spec.name} ID`);

function idField(spec: EntitySpec, description: string): INodeProperties {
	const base = {
		displayName: idLabel(spec),
		name: idParameter(spec.resource),
		required: true,
		description,
	};
	if (!spec.searchable) {
		return {
			...base,
			type: 'string',
			default: '',
			placeholder: '0f8fad5b-d9cb-469f-a165-70867728950e',
		};
	}
	return {
		...base,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${aName(spec)}...`,
				typeOptions: { searchListMethod: searchMethodOf(spec), searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '0f8fad5b-d9cb-469f-a165-70867728950e',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*\\{?[A-Za-z0-9][A-Za-z0-9_-]*\\}?\\s*$',
							errorMessage: `Not a valid ${spec.name.toLowerCase()} ID`,
						},
					},
				],
			},
		],
	};
}

/** The ID in a record or parent field, checked before anything is sent: braces are dropped, paths and junk refused. */
function readId(ctx: IExecuteFunctions, spec: EntitySpec, itemIndex: number): string {
	const label = idLabel(spec);
	const raw = ctx.getNodeParameter(idParameter(spec.resource), itemIndex, '') as unknown;
	const value =
		raw && typeof raw === 'object' && !Array.isArray(raw) && 'value' in raw ? (raw as IDataObject).value : raw;
	const scalar = typeof value === 'number' || typeof value === 'string';
	// an object, list or boolean mapped from the input is a wrong value, not an empty one
	const text = scalar
		? String(value).trim().replace(/^\{\s*(.*?)\s*\}$/, '$1')
		: value === null || value === undefined
			? ''
			: JSON.stringify(value);
	if (text === '') {
		throw new NodeOperationError(
			ctx.getNode(),
			`The field "${label}" is empty in item ${itemIndex}`,
			{
				itemIndex,
				description: `Enter the ID of the ${one(spec)}, or map one from the input with an expression.`,
			},
		);
	}
	if (!scalar || !RECORD_ID.test(text)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The field "${label}" has an invalid value "${text}" in item ${itemIndex}`,
			{
				itemIndex,
				description:
					'Expected an ID such as 0f8fad5b-d9cb-469f-a165-70867728950e or 1042: letters, digits, dashes and underscores only.',
			},
		);
	}
	return text;
}

// ---------------------------------------------------------------- properties the user sends

function inputFields(spec: EntitySpec, label: string): INodeProperties[] {
	const examples = spec.exampleFields.join(', ');
	return [
		{
			displayName: 'Input Mode',
			description: "How you give the record's properties: one field at a time, or as one JSON object",
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
			displayName: label,
			name: 'fields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: { inputMode: ['fields'] } },
			// No guessing: "5" or "true" could as well be a code or a name, so typed values need JSON mode.
			description: `Property names as in the API documentation, e.g. ${examples}. Values are sent as text exactly as typed ("5" stays "5", "true" stays "true"); for numbers, true/false or empty (null) values use the JSON input mode.`,
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{
							displayName: 'Name',
							description: 'The property name as the API documentation spells it, e.g. Name or Description',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: spec.exampleFields[0],
						},
						{ displayName: 'Value', description: 'The value to store in this property (sent as text)', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: `${label} (JSON)`,
			name: 'json',
			type: 'json',
			default: `{\n  "${spec.exampleFields[0]}": ""\n}`,
			displayOptions: { show: { inputMode: ['json'] } },
			description: `The properties as a JSON object, e.g. {"${spec.exampleFields[0]}": "…"}. Numbers, true/false and null keep their type.`,
		},
	];
}

/** The properties the user gave, checked: at least one, and every name a plain property name. */
function readProperties(ctx: IExecuteFunctions, itemIndex: number, label: string): IDataObject {
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
			{ itemIndex, description: 'Add at least one property, e.g. Name.' },
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

// ---------------------------------------------------------------- query options

interface QueryOptions {
	select?: string;
	expand?: string;
	sort?: { rule?: Array<{ field?: string; direction?: string }> };
	linkField?: string;
}

const selectOption = (spec: EntitySpec): INodeProperties => ({
	displayName: 'Fields to Return',
	name: 'select',
	type: 'string',
	default: '',
	placeholder: `Id,${spec.exampleFields.slice(0, 2).join(',')}`,
	description: 'Comma-separated properties to return ($select); empty returns all of them',
});

function expandOption(spec: EntitySpec): INodeProperties {
	const navigations = spec.links.map((link) => link.field.replace(/Id$/, ''));
	return {
		displayName: 'Expand',
		name: 'expand',
		type: 'string',
		default: '',
		placeholder: navigations.join(',') || 'Location',
		description:
			navigations.length > 0
				? `Comma-separated linked records to include ($expand), e.g. ${navigations.join(', ')}`
				: 'Comma-separated linked records to include ($expand)',
	};
}

const sortOption: INodeProperties = {
	displayName: 'Sort',
	name: 'sort',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Sort Rule',
	default: {},
	description: 'The order of the results ($orderby); the first rule counts most',
	options: [
		{
			displayName: 'Rule',
			name: 'rule',
			values: [
				{
					displayName: 'Field',
					name: 'field',
					type: 'string',
					default: '',
					placeholder: 'Name',
					description: 'Property to sort by',
				},
				{
					displayName: 'Direction',
					description: 'Whether to sort from low to high (A to Z, oldest first) or the other way round',
					name: 'direction',
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
};

function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		description: 'Optional settings for this operation',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

function readOptions(ctx: IExecuteFunctions, itemIndex: number): QueryOptions {
	return ctx.getNodeParameter('options', itemIndex, {}) as QueryOptions;
}

/** A comma-separated list of property names, checked; undefined when empty. */
function propertyList(
	ctx: IExecuteFunctions,
	raw: string | undefined,
	label: string,
	itemIndex: number,
): string | undefined {
	const names = String(raw ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	if (names.length === 0) return undefined;
	for (const name of names) checkPropertyName(ctx, name, label, itemIndex, PROPERTY_PATH);
	return names.join(',');
}

function checkPropertyName(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	pattern: RegExp,
): string {
	if (!pattern.test(name)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The field "${label}" has an invalid property name "${name}" in item ${itemIndex}`,
			{
				itemIndex,
				description:
					'Property names are letters, digits and underscores, as in the API documentation.',
			},
		);
	}
	return name;
}

/** $select and $expand, shared by Get and Get Many. */
function shapeQuery(ctx: IExecuteFunctions, options: QueryOptions, itemIndex: number): IDataObject {
	const query: IDataObject = {};
	const select = propertyList(ctx, options.select, 'Fields to Return', itemIndex);
	const expand = propertyList(ctx, options.expand, 'Expand', itemIndex);
	if (select !== undefined) query.$select = select;
	if (expand !== undefined) query.$expand = expand;
	return query;
}

function orderBy(
	ctx: IExecuteFunctions,
	options: QueryOptions,
	itemIndex: number,
): string | undefined {
	const rules = (options.sort?.rule ?? [])
		.map((rule) => ({ field: String(rule.field ?? '').trim(), direction: rule.direction }))
		.filter((rule) => rule.field !== '');
	if (rules.length === 0) return undefined;
	return rules
		.map(({ field, direction }) => {
			checkPropertyName(ctx, field, 'Sort', itemIndex, PROPERTY_PATH);
			return `${field} ${direction === 'desc' ? 'desc' : 'asc'}`;
		})
		.join(',');
}

// ---------------------------------------------------------------- operations

function createOperation(spec: EntitySpec): Operation {
	return {
		value: 'create',
		name: 'Create',
		action: `Create ${aName(spec)}`,
		description: `Create ${aName(spec)} from the properties you give`,
		endpoints: [crudEndpoints(spec).create],
		properties: [...inputFields(spec, 'Fields'), optionsCollection([entityPathOption(spec)])],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const body = readProperties(this, itemIndex, 'Fields');
			const path = entityPath(this, spec, itemIndex);
			const created = await simpleSimonRequest(this, {
				method: 'POST',
				path,
				body,
				headers: { Prefer: 'return=representation' },
				idempotent: false,
				itemIndex,
			});
			return created === undefined ? body : withoutAnnotations(created);
		},
	};
}

function getOperation(spec: EntitySpec): Operation {
	return {
		value: 'get',
		name: 'Get',
		action: `Get ${aName(spec)}`,
		description: `Get ${aName(spec)} by its ID`,
		endpoints: [crudEndpoints(spec).get],
		properties: [
			idField(spec, `The ${one(spec)} to get`),
			optionsCollection([selectOption(spec), expandOption(spec), entityPathOption(spec)]),
		],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const id = readId(this, spec, itemIndex);
			const query = shapeQuery(this, readOptions(this, itemIndex), itemIndex);
			const path = entityPath(this, spec, itemIndex);
			const record = await simpleSimonRequest(this, {
				method: 'GET',
				path: recordPath(path, id),
				qs: query,
				idempotent: true,
				itemIndex,
			});
			return withoutAnnotations(record);
		},
	};
}

function updateOperation(spec: EntitySpec): Operation {
	const endpoints = crudEndpoints(spec);
	return {
		value: 'update',
		name: 'Update',
		action: `Update ${aName(spec)}`,
		description: `Change some properties of ${aName(spec)}; the others keep their values`,
		endpoints: [endpoints.get, endpoints.update],
		properties: [
			idField(spec, `The ${one(spec)} to update`),
			...inputFields(spec, 'Fields to Update'),
			optionsCollection([entityPathOption(spec)]),
		],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const id = readId(this, spec, itemIndex);
			const changes = readProperties(this, itemIndex, 'Fields to Update');
			const path = recordPath(entityPath(this, spec, itemIndex), id);
			// PUT replaces the whole record (a property left out becomes empty), so read it and send it back merged.
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
}

function deleteOperation(spec: EntitySpec): Operation {
	return {
		value: 'delete',
		name: 'Delete',
		action: `Delete ${aName(spec)}`,
		description: `Delete ${aName(spec)} by its ID`,
		endpoints: [crudEndpoints(spec).delete],
		properties: [
			idField(spec, `The ${one(spec)} to delete`),
			optionsCollection([entityPathOption(spec)]),
		],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const id = readId(this, spec, itemIndex);
			const path = entityPath(this, spec, itemIndex);
			await simpleSimonRequest(this, {
				method: 'DELETE',
				path: recordPath(path, id),
				idempotent: true,
				itemIndex,
			});
			return { id, deleted: true };
		},
	};
}

/** Reads the list options, builds the query (the required clauses ANDed with the user's filter) and fetches the rows. */
async function listRows(
	ctx: IExecuteFunctions,
	spec: EntitySpec,
	itemIndex: number,
	options: QueryOptions,
	required: string[],
): Promise<IDataObject[]> {
	const wanted = wantedCount(ctx, itemIndex);
	const query: IDataObject = {};
	const filter = buildFilter(ctx, itemIndex, required);
	if (filter !== undefined && filter !== '') query.$filter = filter;
	const sort = orderBy(ctx, options, itemIndex);
	if (sort !== undefined) query.$orderby = sort;
	Object.assign(query, shapeQuery(ctx, options, itemIndex));
	const path = entityPath(ctx, spec, itemIndex);
	const rows = await getCollection(ctx, path, query, wanted, itemIndex);
	return rows.map(withoutAnnotations);
}

const listOptions = (spec: EntitySpec): INodeProperties[] => [
	sortOption,
	selectOption(spec),
	expandOption(spec),
	entityPathOption(spec),
];

function getAllOperation(spec: EntitySpec): Operation {
	return {
		value: 'getAll',
		name: 'Get Many',
		action: `Get many ${spec.plural}`,
		description: `List ${spec.plural}, optionally filtered and sorted`,
		endpoints: [crudEndpoints(spec).getAll],
		properties: [
			...returnAllOrLimit(),
			...filterProperties(spec),
			optionsCollection(listOptions(spec)),
		],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			return await listRows(this, spec, itemIndex, readOptions(this, itemIndex), []);
		},
	};
}

/** "Get Many for Location" on work orders: a Get Many whose filter always includes `LocationId eq <the location>`. */
function getAllForOperation(spec: EntitySpec, link: Link): Operation {
	const parent = ENTITIES[link.parent];
	const linkField = link.field;
	return {
		value: `getAllFor${capitalised(parent.resource)}`,
		name: `Get Many for ${parent.name}`,
		action: `Get the ${spec.plural} of ${aName(parent)}`,
		description: `List the ${spec.plural} of one ${one(parent)}, optionally filtered and sorted`,
		endpoints: [crudEndpoints(spec).getAll],
		properties: [
			idField(parent, `The ${one(parent)} whose ${spec.plural} to get`),
			...returnAllOrLimit(),
			...filterProperties(spec),
			optionsCollection([
				{
					displayName: 'Link Field',
					name: 'linkField',
					type: 'string',
					default: linkField,
					placeholder: linkField,
					description: `Property of the ${spec.plural} that holds the ${one(parent)}'s ID. Change it only if your API documentation names it differently.`,
				},
				...listOptions(spec),
			]),
		],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const parentId = readId(this, parent, itemIndex);
			const options = readOptions(this, itemIndex);
			const field = checkPropertyName(
				this,
				String(options.linkField ?? '').trim() || link.field,
				'Link Field',
				itemIndex,
				PROPERTY_NAME,
			);
			return await listRows(this, spec, itemIndex, options, [`${field} eq ${odataGuid(parentId)}`]);
		},
	};
}

/** The resource of one entity: its operations built from the spec, then `extra` (file operations and the like). */
export function entityResource(spec: EntitySpec, extra: Operation[] = []): Resource {
	return {
		value: spec.resource,
		name: spec.name,
		description: spec.description,
		operations: [
			createOperation(spec),
			getOperation(spec),
			updateOperation(spec),
			deleteOperation(spec),
			getAllOperation(spec),
			...spec.links.map((link) => getAllForOperation(spec, link)),
			...extra,
		],
		defaultOperation: 'get',
	};
}
