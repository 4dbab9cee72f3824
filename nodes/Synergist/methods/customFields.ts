import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { rowsOf, synergistRequest, synergistSettings } from '../transport';

/** Where each resource's custom fields are described: its details model read with `style=modelstructure`. */
const MODELS: Record<string, { area: string; modelstructure: string; prefix: string }> = {
	activity: { area: 'activities', modelstructure: 'activitydetails', prefix: 'activityCustomField' },
	job: { area: 'jobs', modelstructure: 'jobdetails', prefix: 'jobCustomField' },
};

/**
 * The installation's custom fields for the Custom Fields dropdown, read from the model structure, so fields added
 * in Synergist appear without a new node release (their numbers differ per installation).
 */
export async function getCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const model = MODELS[String(this.getCurrentNodeParameter('resource') ?? '')];
	if (!model) return [];
	const { company } = await synergistSettings(this);
	const reply = await synergistRequest(this, {
		area: model.area,
		params: { company, style: 'modelstructure', modelstructure: model.modelstructure },
		idempotent: true,
	});
	return rowsOf(reply)
		.filter((row) => String(row.data ?? '').startsWith(model.prefix) && row.editable !== false)
		.map((row) => ({
			name: `${String(row.label ?? row.data)} (${String(row.data)})`,
			value: String(row.data),
			description: row.fieldtype === undefined ? undefined : `Type: ${String(row.fieldtype)}`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export const customFieldLoadOptions = { getCustomFields };
