import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { collectPages, returnAllOrLimit, wantedCount } from '../../shared/paging';
import { checkFormat, keyValuePairs, requiredString } from '../../shared/params';
import { mobile } from '../mobileTransport';
import { checkRecordId, moduleField, recordIdField, recordIdParameter } from './fields';

/*
 * The Simply CRM Mobile ("JSON Rest") API, `modules/Mobile/api.php`: one operation per `_operation`. It logs in with
 * the user's password (the credential keeps that session), returns references as {value, label} and records as
 * grouped blocks, and pages by itself (20 rows for lists, 99 for queries and syncs).
 */

/** The list operation's page size (vtiger's list_max_entries_per_page). */
const LIST_PAGE_SIZE = 20;
/** Query, related records and sync pages (Mobile API_RECORD_FETCH_LIMIT). */
const QUERY_PAGE_SIZE = 99;

function recordId(ctx: IExecuteFunctions, itemIndex: number, name = 'recordId', label = 'Record ID'): string {
	return recordIdParameter(ctx, itemIndex, name, label);
}

/** A list of ids given as text (comma or space separated) or as an array from an expression. */
function recordIds(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const raw = ctx.getNodeParameter('recordIds', itemIndex, '') as unknown;
	const list = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\s,]+/))
		.map((id) => id.trim())
		.filter((id) => id !== '');
	if (list.length === 0) {
		throw new NodeOperationError(ctx.getNode(), `The field "Record IDs" is empty in item ${itemIndex}`, {
			itemIndex,
			description: 'Enter one or more record IDs such as 12x525, separated by commas.',
		});
	}
	return list.map((id) => checkRecordId(ctx, id, itemIndex, 'Record IDs', '12x525, 12x526'));
}

/** A {value, label} reference as mobile reads return it. */
function isReference(value: unknown): value is { value: unknown; label: unknown } {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && 'value' in value && 'label' in value;
}

/** A mobile record as a plain {field: value} object: grouped blocks flattened, references reduced to their ID. */
export function simplifyRecord(record: IDataObject): IDataObject {
	const plain = (value: unknown) => (isReference(value) ? value.value : value) as IDataObject[string];
	if (Array.isArray(record.blocks)) {
		const out: IDataObject = {};
		for (const block of record.blocks as IDataObject[]) {
			for (const field of (block.fields ?? []) as IDataObject[]) out[String(field.name)] = plain(field.value);
		}
		if (record.id !== undefined) out.id = record.id;
		if (record.LineItems !== undefined) out.LineItems = record.LineItems;
		return out;
	}
	return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, plain(value)]));
}

function shaped(ctx: IExecuteFunctions, itemIndex: number, records: unknown): IDataObject[] {
	const list = (Array.isArray(records) ? records : records ? [records] : []) as IDataObject[];
	return ctx.getNodeParameter('simplify', itemIndex, true) ? list.map(simplifyRecord) : list;
}

/** VTQL needs its closing ";", and the Mobile API looks for "LIMIT …;" to decide whether to page. */
function statement(ctx: IExecuteFunctions, itemIndex: number): string {
	return `${requiredString(ctx, 'query', itemIndex, 'Query').replace(/[\s;]+$/, '')};`;
}

/** The server's own test (Mobile_WS_Query): a query with a LIMIT clause runs once, as written. */
const HAS_LIMIT = /(.*) LIMIT[^;]+;/i;



const recordIdsField: INodeProperties = {
	displayName: 'Record IDs',
	name: 'recordIds',
	type: 'string',
	default: '',
	required: true,
	placeholder: '12x525, 12x526',
	description: 'One or more record IDs, separated by commas',
};

const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return each record as plain {field: value} pairs instead of Simply CRM\'s grouped blocks and {value, label} references',
};

const queryField: INodeProperties = {
	displayName: 'Query',
	name: 'query',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	required: true,
	placeholder: "select * from Contacts where mailingcity = 'Aarhus';",
	description:
		'A VTQL select statement (the closing ";" is added when missing). Without a LIMIT clause Simply CRM pages the results 99 rows at a time; with one it runs once as written and Return All / Limit are not used.',
};

const pagingFields = (what: string): INodeProperties[] =>
	returnAllOrLimit().map((property) =>
		property.name === 'limit' ? property : { ...property, description: `Whether to return all ${what} or only up to a given limit` },
	);

/** Query and Query With Grouping: run once when the query has a LIMIT, else page with `page` until nextPage is 0. */
async function runQuery(ctx: IExecuteFunctions, itemIndex: number, operation: string, params: IDataObject) {
	const query = statement(ctx, itemIndex);
	type Page = { records?: IDataObject[] | null; nextPage?: number | string };
	const fetch = async (page: number) =>
		await mobile<Page>(ctx, { operation, params: { ...params, query, page }, idempotent: true, itemIndex });
	if (HAS_LIMIT.test(query)) return shaped(ctx, itemIndex, (await fetch(0))?.records);
	const rows = await collectPages<IDataObject>(wantedCount(ctx, itemIndex), QUERY_PAGE_SIZE, async (pageIndex) => {
		const page = await fetch(pageIndex);
		return { items: page?.records ?? [], more: Number(page?.nextPage ?? 0) > 0 };
	});
	return shaped(ctx, itemIndex, rows);
}

const login: Operation = {
	value: 'login',
	name: 'Log In',
	action: 'Log in to the Mobile API',
	description: "Check the credential's password with a Mobile API login; outputs the user and versions, never the session",
	properties: [],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const result = await mobile<{ login?: IDataObject }>(this, { operation: 'login', idempotent: true, itemIndex });
		const details: IDataObject = { ...(result?.login ?? {}) };
		delete details.session;
		return details;
	},
};

const loginAndFetchModules: Operation = {
	value: 'loginAndFetchModules',
	name: 'Log In and Fetch Modules',
	action: 'Log in and list the modules',
	description: 'Log in to the Mobile API and output one item per module the user can use, with its ID number on this instance',
	properties: [],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const result = await mobile<{ modules?: IDataObject[] }>(this, { operation: 'loginAndFetchModules', idempotent: true, itemIndex });
		return result?.modules ?? [];
	},
};

const fetchModuleFilters: Operation = {
	value: 'fetchModuleFilters',
	name: 'Get Many Filters',
	action: 'Get the saved filters of a module',
	description: "List a module's saved list filters (custom views)",
	properties: [moduleField],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const module = requiredString(this, 'module', itemIndex, 'Module');
		const result = await mobile<{ filters?: Record<string, IDataObject[]>; moduleLabel?: string }>(this, {
			operation: 'fetchModuleFilters',
			params: { module },
			idempotent: true,
			itemIndex,
		});
		// vtiger lists a filter under several groups (e.g. Shared and Others); each filter is output once.
		const seen = new Map<string, IDataObject>();
		for (const [group, filters] of Object.entries(result?.filters ?? {})) {
			for (const filter of filters ?? []) {
				const id = String(filter.id);
				if (!seen.has(id)) seen.set(id, { ...filter, group, module, moduleLabel: result?.moduleLabel ?? module });
			}
		}
		return [...seen.values()];
	},
};

const filterDetailsWithCount: Operation = {
	value: 'filterDetailsWithCount',
	name: 'Get Filter',
	action: 'Get a filter with its record count',
	description: 'Get a saved list filter with the number of records it shows',
	properties: [
		{
			displayName: 'Filter ID',
			name: 'filterId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '121',
			description: 'The filter\'s ID, as "Get Many Filters" outputs it',
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const filterid = checkFormat(this, requiredString(this, 'filterId', itemIndex, 'Filter ID'), /^\d+$/, itemIndex, 'Filter ID', '121');
		const result = await mobile<{ filter?: IDataObject | null }>(this, {
			operation: 'filterDetailsWithCount',
			params: { filterid },
			idempotent: true,
			itemIndex,
		});
		// An unknown filter is no error for Simply CRM: it answers with filter null.
		if (!result?.filter) {
			throw new NodeApiError(this.getNode(), { message: `Simply CRM has no filter with ID ${filterid}` }, {
				message: `Simply CRM has no filter with ID ${filterid}`,
				itemIndex,
			});
		}
		return result.filter;
	},
};

const fetchAllAlerts: Operation = {
	value: 'fetchAllAlerts',
	name: 'Get Many Alerts',
	action: 'Get the mobile alerts',
	description: 'List the mobile alerts (such as pending tickets or upcoming opportunities)',
	properties: [],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const result = await mobile<{ alerts?: IDataObject[] }>(this, { operation: 'fetchAllAlerts', idempotent: true, itemIndex });
		return result?.alerts ?? [];
	},
};

const alertDetailsWithMessage: Operation = {
	value: 'alertDetailsWithMessage',
	name: 'Get Alert',
	action: 'Get an alert with its message',
	description: 'Get one mobile alert with its current message (for record alerts, the number of matching records)',
	properties: [
		{
			displayName: 'Alert ID',
			name: 'alertId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '3',
			description: 'The alert\'s ID, as "Get Many Alerts" outputs it',
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const alertid = requiredString(this, 'alertId', itemIndex, 'Alert ID');
		const result = await mobile<{ alert?: IDataObject }>(this, {
			operation: 'alertDetailsWithMessage',
			params: { alertid },
			idempotent: true,
			itemIndex,
		});
		return result?.alert ?? {};
	},
};

const listModuleRecords: Operation = {
	value: 'listModuleRecords',
	name: 'Get Many Records',
	action: 'Get many records of a module',
	description: 'List the records of a module, optionally searched, filtered and sorted (list columns only)',
	properties: [
		moduleField,
		...pagingFields('records'),
		{
			displayName: 'Options',
			description: 'Optional settings that narrow down or sort the records',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Filter ID',
					name: 'filterId',
					type: 'string',
					default: '',
					description: 'A saved filter to list, as "Get Many Filters" outputs it (default: the module\'s default filter)',
				},
				{
					displayName: 'Search Field Name or ID',
					name: 'searchField',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getFields', loadOptionsDependsOn: ['module'] },
					default: '',
					description:
						'Only records whose value in this field contains "Search Field Value". Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{
					displayName: 'Search Field Value',
					name: 'searchValue',
					type: 'string',
					default: '',
					description: 'The text the chosen search field must contain',
				},
				{
					displayName: 'Search Text',
					name: 'searchText',
					type: 'string',
					default: '',
					description: 'Only records with this text in any field',
				},
				{
					displayName: 'Sort By Name or ID',
					name: 'orderBy',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getFields', loadOptionsDependsOn: ['module'] },
					default: '',
					description:
						'Field to sort by (default: the most recently changed first). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{
					displayName: 'Sort Order',
					name: 'sortOrder',
					type: 'options',
					options: [
						{ name: 'Ascending', value: 'ASC' },
						{ name: 'Descending', value: 'DESC' },
					],
					default: 'ASC',
					description: 'Direction of "Sort By"',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const module = requiredString(this, 'module', itemIndex, 'Module');
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const text = (name: string) => String(options[name] ?? '').trim();
		const params: Record<string, string> = { module };
		if (text('searchText')) params.searchText = text('searchText');
		if (text('searchValue') && !text('searchField')) {
			throw new NodeOperationError(this.getNode(), `The field "Search Field Name or ID" is empty in item ${itemIndex}`, {
				itemIndex,
				description: 'Choose the field that "Search Field Value" is searched in.',
			});
		}
		// Simply's format: [field, "c" (contains), text].
		if (text('searchField')) params.searchField = JSON.stringify([text('searchField'), 'c', text('searchValue')]);
		if (text('filterId')) params.filterid = checkFormat(this, text('filterId'), /^\d+$/, itemIndex, 'Filter ID', '121');
		// vtiger sorts only when both the field and the order are sent.
		if (text('orderBy')) {
			params.orderBy = text('orderBy');
			params.sortOrder = text('sortOrder') || 'ASC';
		}
		return await collectPages<IDataObject>(wantedCount(this, itemIndex), LIST_PAGE_SIZE, async (pageIndex) => {
			const page = await mobile<{ records?: IDataObject[] | null; moreRecords?: boolean }>(this, {
				operation: 'listModuleRecords',
				params: { ...params, page: pageIndex + 1 },
				idempotent: true,
				itemIndex,
			});
			return { items: page?.records ?? [], more: page?.moreRecords === true };
		});
	},
};

const fetchRecord: Operation = {
	value: 'fetchRecord',
	name: 'Get Record',
	action: 'Get a record',
	description: 'Get a record with every field, custom fields included',
	properties: [recordIdField, simplifyField],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const record = recordId(this, itemIndex);
		const result = await mobile<{ record?: IDataObject }>(this, { operation: 'fetchRecord', params: { record }, idempotent: true, itemIndex });
		return shaped(this, itemIndex, result?.record);
	},
};

const fetchRecordWithGrouping: Operation = {
	value: 'fetchRecordWithGrouping',
	name: 'Get Record With Grouping',
	action: 'Get a record grouped in blocks',
	description: 'Get a record as blocks of labelled fields, the way the CRM shows it',
	properties: [recordIdField, simplifyField],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const record = recordId(this, itemIndex);
		const result = await mobile<{ record?: IDataObject }>(this, {
			operation: 'fetchRecordWithGrouping',
			params: { record },
			idempotent: true,
			itemIndex,
		});
		return shaped(this, itemIndex, result?.record);
	},
};

const fetchRecordsWithGrouping: Operation = {
	value: 'fetchRecordsWithGrouping',
	name: 'Get Records by IDs',
	action: 'Get several records by ID',
	description: 'Get several records of one module at once; one item per record found',
	properties: [moduleField, recordIdsField, simplifyField],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		// The docs leave `module` out, but Simply CRM refuses the call without it.
		const module = requiredString(this, 'module', itemIndex, 'Module');
		const ids = recordIds(this, itemIndex);
		const result = await mobile<{ records?: IDataObject[] | null }>(this, {
			operation: 'fetchRecordsWithGrouping',
			params: { module, ids: JSON.stringify(ids) },
			idempotent: true,
			itemIndex,
		});
		// Simply CRM answers records: null when none of the IDs was found.
		return shaped(this, itemIndex, result?.records ?? []);
	},
};

const describe: Operation = {
	value: 'describe',
	name: 'Describe Module',
	action: 'Describe a module',
	description: "Get a module's fields with their types, picklist values and UI types",
	properties: [moduleField],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const module = requiredString(this, 'module', itemIndex, 'Module');
		const result = await mobile<{ describe?: IDataObject }>(this, { operation: 'describe', params: { module }, idempotent: true, itemIndex });
		return result?.describe ?? {};
	},
};

const saveRecord: Operation = {
	value: 'saveRecord',
	name: 'Save Record',
	action: 'Create or update a record',
	description: 'Create a record, or with a Record ID change only the fields given (the others keep their values)',
	properties: [
		moduleField,
		{
			...recordIdField,
			required: false,
			description: 'The record to update. Leave empty to create a new record.',
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Field',
			default: {},
			description: 'Field values to save; reference fields take IDs such as 19x1',
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
						{ displayName: 'Value', description: 'The value to store in this field', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		simplifyField,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const module = requiredString(this, 'module', itemIndex, 'Module');
		const rawId = String(this.getNodeParameter('recordId', itemIndex, '') ?? '').trim();
		const record = rawId === '' ? '' : checkRecordId(this, rawId, itemIndex, 'Record ID');
		const values = keyValuePairs(this, 'fields', itemIndex);
		if (Object.keys(values).length === 0) {
			throw new NodeOperationError(this.getNode(), `The field "Fields" is empty in item ${itemIndex}`, {
				itemIndex,
				description: 'Add at least one field to save.',
			});
		}
		const result = await mobile<{ record?: IDataObject }>(this, {
			operation: 'saveRecord',
			params: { module, record: record || undefined, values: JSON.stringify(values) },
			// A create repeated after a lost answer would make the record twice; an update is harmless to repeat.
			idempotent: record !== '',
			itemIndex,
		});
		return shaped(this, itemIndex, result?.record);
	},
};

const syncModuleRecords: Operation = {
	value: 'syncModuleRecords',
	name: 'Sync Records',
	action: 'Get records changed since a sync token',
	description:
		'Get the records of a module changed or deleted since the last sync, as one item with the next sync token (custom fields are not included)',
	properties: [
		moduleField,
		{
			displayName: 'Sync Token',
			// Not a secret: the time of the last change seen. Named so the editor does not mask it.
			name: 'syncFrom',
			type: 'string',
			default: '',
			description: 'The "nextSyncToken" of the previous sync. Leave empty for the first sync, which returns every record.',
		},
		{
			displayName: 'Options',
			description: 'Optional settings for this operation',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Records',
					name: 'mode',
					type: 'options',
					options: [
						{ name: 'All I Can See', value: 'PUBLIC' },
						{ name: 'Assigned to Me', value: 'PRIVATE' },
					],
					default: 'PRIVATE',
					description: 'Whose records to sync (Simply CRM syncs only your own by default)',
				},
			],
		},
		simplifyField,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const module = requiredString(this, 'module', itemIndex, 'Module');
		const syncToken = String(this.getNodeParameter('syncFrom', itemIndex, '') ?? '').trim();
		if (syncToken !== '') checkFormat(this, syncToken, /^\d+$/, itemIndex, 'Sync Token', '1700000000');
		const mode = String((this.getNodeParameter('options', itemIndex, {}) as IDataObject).mode ?? 'PRIVATE');
		type SyncPage = { sync?: { nextSyncToken?: number | string; deleted?: string[]; updated?: IDataObject[]; nextPage?: number | string } };
		const updated: IDataObject[] = [];
		const deleted: string[] = [];
		// The same token goes with every page; each page's nextSyncToken covers only that page, so the largest one wins.
		let nextSyncToken = syncToken === '' ? 0 : Number(syncToken);
		for (let page = 0; ; ) {
			const result = await mobile<SyncPage>(this, {
				operation: 'syncModuleRecords',
				params: { module, syncToken, mode, page },
				idempotent: true,
				itemIndex,
			});
			const sync = result?.sync ?? {};
			updated.push(...(sync.updated ?? []));
			deleted.push(...(sync.deleted ?? []));
			const pageToken = Number(sync.nextSyncToken);
			if (Number.isFinite(pageToken) && pageToken > nextSyncToken) nextSyncToken = pageToken;
			const next = Number(sync.nextPage ?? 0);
			if (!(next > page)) break;
			page = next;
		}
		return { module, syncToken, nextSyncToken: String(nextSyncToken), updated: shaped(this, itemIndex, updated), deleted };
	},
};

const query: Operation = {
	value: 'query',
	name: 'Query',
	action: 'Run a VTQL query',
	description: 'Run a VTQL query; references come with their labels. One item per row.',
	properties: [queryField, ...pagingFields('rows'), simplifyField],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		return await runQuery(this, itemIndex, 'query', {});
	},
};

const queryWithGrouping: Operation = {
	value: 'queryWithGrouping',
	name: 'Query With Grouping',
	action: 'Run a VTQL query with grouped results',
	description: "Run a VTQL query and get each row in the module's blocks of labelled fields. One item per row.",
	properties: [
		{ ...moduleField, description: `The module the query reads. ${moduleField.description}` },
		queryField,
		...pagingFields('rows'),
		simplifyField,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const module = requiredString(this, 'module', itemIndex, 'Module');
		return await runQuery(this, itemIndex, 'queryWithGrouping', { module });
	},
};

const relatedRecordsWithGrouping: Operation = {
	value: 'relatedRecordsWithGrouping',
	name: 'Get Related Records',
	action: 'Get the related records of a record',
	description: 'Get the records of another module linked to a record, such as the contacts of an account or the comments on a ticket',
	properties: [
		recordIdField,
		{
			...moduleField,
			displayName: 'Related Module Name or ID',
			name: 'relatedModule',
			description:
				'The module of the related records. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		...pagingFields('records'),
		simplifyField,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const record = recordId(this, itemIndex);
		const relatedmodule = requiredString(this, 'relatedModule', itemIndex, 'Related Module');
		const rows = await collectPages<IDataObject>(wantedCount(this, itemIndex), QUERY_PAGE_SIZE, async (pageIndex) => {
			const page = await mobile<{ records?: IDataObject[] | null; nextPage?: number | string }>(this, {
				operation: 'relatedRecordsWithGrouping',
				params: { record, relatedmodule, page: pageIndex },
				idempotent: true,
				itemIndex,
			});
			return { items: page?.records ?? [], more: Number(page?.nextPage ?? 0) > 0 };
		});
		return shaped(this, itemIndex, rows);
	},
};

const deleteRecords: Operation = {
	value: 'deleteRecords',
	name: 'Delete Records',
	action: 'Delete records',
	description: 'Delete one or more records; one item per ID says whether it was deleted',
	properties: [recordIdsField],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const ids = recordIds(this, itemIndex);
		const result = await mobile<{ deleted?: Record<string, boolean> }>(this, {
			operation: 'deleteRecords',
			params: ids.length === 1 ? { record: ids[0] } : { records: JSON.stringify(ids) },
			idempotent: true,
			itemIndex,
		});
		return ids.map((id) => ({ id, deleted: result?.deleted?.[id] === true }));
	},
};

const addRecordComment: Operation = {
	value: 'addRecordComment',
	name: 'Add Comment',
	action: 'Add a comment to a record',
	description: 'Add a comment to a record, written by the credential\'s user',
	properties: [
		{ ...recordIdField, description: 'The record to comment on, e.g. a contact or a ticket' },
		{
			displayName: 'Comment',
			description: 'The text of the comment, as it appears on the record',
			name: 'comment',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
		},
		{
			displayName: 'Additional Fields',
			description: 'Optional details of the comment',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Reply To Comment ID',
					name: 'parentComment',
					type: 'string',
					default: '',
					placeholder: '34x1201',
					description: 'The comment this one answers',
				},
			],
		},
		simplifyField,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const relatedTo = recordId(this, itemIndex);
		const commentcontent = requiredString(this, 'comment', itemIndex, 'Comment');
		const values: IDataObject = { commentcontent, related_to: relatedTo };
		const parent = String((this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject).parentComment ?? '').trim();
		if (parent !== '') values.parent_comments = checkRecordId(this, parent, itemIndex, 'Reply To Comment ID', '34x1201');
		const result = await mobile<{ record?: IDataObject }>(this, {
			operation: 'addRecordComment',
			params: { values: JSON.stringify(values) },
			idempotent: false,
			itemIndex,
		});
		return shaped(this, itemIndex, result?.record);
	},
};

export const mobileApi: Resource = {
	value: 'mobile',
	name: 'Mobile API',
	description: "Simply CRM's Mobile (JSON Rest) API: search, grouped records, related records, comments, filters and alerts. Needs the credential's Password.",
	operations: [
		login,
		loginAndFetchModules,
		fetchModuleFilters,
		filterDetailsWithCount,
		fetchAllAlerts,
		alertDetailsWithMessage,
		listModuleRecords,
		fetchRecord,
		fetchRecordWithGrouping,
		fetchRecordsWithGrouping,
		describe,
		saveRecord,
		syncModuleRecords,
		query,
		queryWithGrouping,
		relatedRecordsWithGrouping,
		deleteRecords,
		addRecordComment,
	],
	defaultOperation: 'listModuleRecords',
};
