import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { webservice } from '../transport';

interface ListTypes {
	types?: string[];
	information?: Record<string, { isEntity?: boolean | string; label?: string }>;
}

interface Describe {
	fields?: Array<{ name: string; label?: string; mandatory?: boolean | string; editable?: boolean | string }>;
}

const truthy = (value: unknown) => value === true || value === '1' || value === 'true';

/** Entity modules the user can access, from `listtypes` (names are what the API wants, labels what users know). */
export async function getModules(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const result = await webservice<ListTypes>(this, { operation: 'listtypes', idempotent: true });
	const information = result?.information ?? {};
	return (result?.types ?? [])
		.filter((type) => information[type] === undefined || truthy(information[type].isEntity))
		.map((type) => ({ name: information[type]?.label ? `${information[type].label} (${type})` : type, value: type }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The chosen module's fields from `describe`, mandatory ones marked. */
export async function getFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const module = this.getCurrentNodeParameter('module') as string | undefined;
	if (!module) return [];
	const result = await webservice<Describe>(this, { operation: 'describe', params: { elementType: module }, idempotent: true });
	return (result?.fields ?? [])
		.map((field) => ({
			name: `${field.label ?? field.name}${truthy(field.mandatory) ? ' *' : ''}`,
			value: field.name,
			description: field.name,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
