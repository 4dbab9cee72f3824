import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { describeModule, isTrue, queryPages, webservice, type DescribeField } from '../transport';
import { fieldKind } from './resourceMapping';

interface ListTypes {
	types?: string[];
	information?: Record<string, { isEntity?: unknown; label?: string }>;
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** The module chosen in the node, or '' while it is empty or an expression the editor cannot resolve here. */
function chosenModule(ctx: ILoadOptionsFunctions): string {
	const module = String(ctx.getCurrentNodeParameter('module') ?? '');
	return module.startsWith('=') ? '' : module;
}

async function moduleFields(ctx: ILoadOptionsFunctions): Promise<DescribeField[]> {
	const module = chosenModule(ctx);
	if (!module) return [];
	return ((await describeModule(ctx, module)).fields ?? []).filter((field) => field.name);
}

const fieldOption = (field: DescribeField): INodePropertyOptions => ({
	name: field.label || field.name,
	value: field.name,
	description: field.name,
});

/** Entity modules the user can access, from `listtypes` (names are what the API wants, labels what users know). */
export async function getModules(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const result = await webservice<ListTypes>(this, { operation: 'listtypes', idempotent: true });
	const information = result?.information ?? {};
	return (result?.types ?? [])
		.filter((type) => information[type] === undefined || isTrue(information[type].isEntity))
		.map((type) => ({ name: information[type]?.label ? `${information[type].label} (${type})` : type, value: type }))
		.sort(byName);
}

/** Every field of the chosen module (for filters and the columns to return). */
export async function getFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await moduleFields(this)).map(fieldOption).sort(byName);
}

/** Fields worth sorting by: long texts, multi-value and file fields are left out. */
export async function getSortableFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const unsortable = new Set(['text', 'multipicklist', 'file', 'password']);
	return (await moduleFields(this))
		.filter((field) => !unsortable.has(field.type?.name ?? ''))
		.map(fieldOption)
		.sort(byName);
}

/** Users as owner options, from `select … from Users` (paged like any query). */
async function users(ctx: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await queryPages(ctx, 'select id, user_name, first_name, last_name from Users order by id', 1000);
	return rows
		.map((row) => {
			const name = `${String(row.first_name ?? '')} ${String(row.last_name ?? '')}`.trim();
			return { name: name ? `${name} (${String(row.user_name)})` : String(row.user_name), value: String(row.id) };
		})
		.sort(byName);
}

/** Groups as owner options. The docs say query works on entity modules only; where it is refused, no groups are offered. */
async function groups(ctx: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	let rows: IDataObject[];
	try {
		rows = await queryPages(ctx, 'select id, groupname from Groups order by id', 1000);
	} catch {
		return [];
	}
	return rows.map((row) => ({ name: `Group: ${String(row.groupname ?? row.id)}`, value: String(row.id) })).sort(byName);
}

/** Users and groups a record can be assigned to. */
async function owners(ctx: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return [...(await users(ctx)), ...(await groups(ctx))];
}

/**
 * Values of the field chosen in the same filter condition: its picklist values, or users and groups for owner
 * fields (users only for fields that refer to Users); nothing for other fields.
 */
export async function getFieldValues(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const name = String(this.getCurrentNodeParameter('&field') ?? '');
	if (!name) return [];
	const field = (await moduleFields(this)).find((candidate) => candidate.name === name);
	if (!field) return [];
	if (field.type?.name === 'owner') return await owners(this);
	if (fieldKind(field) === 'reference') return field.type?.refersTo?.includes('Users') ? await users(this) : [];
	return (field.type?.picklistValues ?? [])
		.filter((entry) => entry.value !== undefined)
		.map((entry) => ({ name: entry.label || String(entry.value), value: String(entry.value) }));
}
