import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fieldOf, rowsOf, synergistRequest } from '../transport';

/** The views.json types the reference names (`type=`); the loader of each is `get<Type>Views`. */
export const VIEW_TYPES = ['Organizations', 'Contacts', 'Activities', 'Opportunities', 'Jobs', 'Phases'] as const;

/**
 * A View dropdown loader: the saved views (views.json?type=<type>) of the credential's company, the user's default
 * first, after a "no view" entry (a read without a view returns every record of the company).
 */
export function viewLoader(type: string, noun = type.toLowerCase()) {
	return async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const reply = await synergistRequest(this, { area: 'views', params: { type }, idempotent: true });
		const views = rowsOf(reply)
			.map((row) => ({
				id: fieldOf(row, 'SettingsSettingsID'),
				description: String(fieldOf(row, 'SettingsDescription') ?? ''),
				isDefault: fieldOf(row, 'SettingsDefault') === true,
			}))
			.filter((view) => view.id !== undefined && view.id !== null && String(view.id) !== '')
			.sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.description.localeCompare(b.description));
		const label = noun.charAt(0).toUpperCase() + noun.slice(1);
		return [
			{ name: `All ${label} (No View)`, value: '', description: `Every one of the company's ${noun}` },
			...views.map((view) => ({
				name: view.description || String(view.id),
				value: String(view.id),
				description: `View ${String(view.id)}${view.isDefault ? ' (default)' : ''}`,
			})),
		];
	};
}

const NOUNS: Record<string, string> = { Organizations: 'organizations', Contacts: 'contacts', Activities: 'activities', Opportunities: 'opportunities', Jobs: 'jobs', Phases: 'phases' };

/** `getOrganizationsViews`, `getJobsViews`, … (see `viewLoaderName` in ../endpoint.ts), plus the older `getJobViews`. */
export const viewLoadOptions: Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>> = {
	...Object.fromEntries(VIEW_TYPES.map((type) => [`get${type}Views`, viewLoader(type, NOUNS[type])])),
	getJobViews: viewLoader('Jobs', 'jobs'),
};
