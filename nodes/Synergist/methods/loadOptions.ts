import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fieldOf, rowsOf, synergistRequest } from '../transport';

/** The saved job views (views.json?type=Jobs) of the credential's company, the user's default first. */
export async function getJobViews(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const reply = await synergistRequest(this, { area: 'views', params: { type: 'Jobs' }, idempotent: true });
	const views = rowsOf(reply)
		.map((row) => ({
			id: fieldOf(row, 'SettingsSettingsID'),
			description: String(fieldOf(row, 'SettingsDescription') ?? ''),
			isDefault: fieldOf(row, 'SettingsDefault') === true,
		}))
		.filter((view) => view.id !== undefined && view.id !== null && String(view.id) !== '')
		.sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.description.localeCompare(b.description));
	return [
		{ name: 'All Jobs (No View)', value: '', description: 'Every job of the company' },
		...views.map((view) => ({
			name: view.description || String(view.id),
			value: String(view.id),
			description: `View ${String(view.id)}${view.isDefault ? ' (default)' : ''}`,
		})),
	];
}
