import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { synergistSettings } from '../transport';
import { lookupLoader, type LookupSource } from './lookups';

/*
 * Dropdowns of the activity form, all from activities.json lookups (the reference keeps an area's lookups inside
 * the area). Loaders that depend on another field (categories on the activity type, contacts on the client) read it
 * from the Create fields or the Update Fields, and offer nothing until it is set.
 */

type Loader = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

/** The first of these parameters that is set (a plain string; expressions are not resolved in the editor). */
function current(ctx: ILoadOptionsFunctions, ...paths: string[]): string | undefined {
	for (const path of paths) {
		const value = ctx.getCurrentNodeParameter(path) as unknown;
		if ((typeof value === 'string' && value.trim() !== '' && !value.startsWith('=')) || typeof value === 'number') return String(value).trim();
	}
	return undefined;
}

/** A lookup that needs another field's value: no call (and no choices) until it is set. */
function dependentLoader(source: Omit<LookupSource, 'params'>, params: (ctx: ILoadOptionsFunctions) => Promise<IDataObject | undefined>): Loader {
	return async function (this: ILoadOptionsFunctions) {
		const wanted = await params(this);
		return wanted === undefined ? [] : await lookupLoader({ ...source, params: wanted }).call(this);
	};
}

/** A lookup in its natural order (by value) rather than by name: due times, priorities. */
function inValueOrder(loader: Loader): Loader {
	return async function (this: ILoadOptionsFunctions) {
		const options = await loader.call(this);
		return options.sort((a, b) => (typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : String(a.value).localeCompare(String(b.value))));
	};
}

/** A code typed without its company prefix gets the credential's company, as the node does when it sends it. */
async function prefixed(ctx: ILoadOptionsFunctions, code: string | undefined): Promise<string | undefined> {
	if (code === undefined) return undefined;
	return code.includes('/') ? code : `${(await synergistSettings(ctx)).company}/${code}`;
}

export const activityLoadOptions: Record<string, Loader> = {
	getActivityTypes: lookupLoader({
		area: 'activities',
		action: 'activitytypes',
		value: 'activitytypeCode',
		name: 'activitytypeDescription',
		description: (row) => `Code ${String(row.activitytypeCode)}`,
	}),
	getActivityCategories: dependentLoader({ area: 'activities', action: 'categories', value: 'lookupActivityCategory', name: 'lookupActivityCategory' }, async (ctx) => {
		const type = current(ctx, 'activityType', 'updateFields.activityType');
		return type === undefined ? undefined : { activitytype: type };
	}),
	getActivityClients: lookupLoader({
		area: 'activities',
		action: 'clientslist',
		params: { style: 'modeldata', modelstructure: 'clientslist' },
		value: 'clientCode',
		name: 'clientName',
		description: (row) => String(row.clientCode ?? ''),
	}),
	getActivityClientContacts: dependentLoader(
		{ area: 'activities', action: 'clientcontacts', value: 'clientcontactInternalRef', name: 'clientcontactFullName' },
		async (ctx) => {
			const client = await prefixed(ctx, current(ctx, 'clientCode', 'updateFields.clientCode'));
			return client === undefined ? undefined : { client };
		},
	),
	getActivityOwners: lookupLoader({ area: 'activities', action: 'owners', value: 'userUserId', name: 'userFullName' }),
	getActivitySecondaryOwners: lookupLoader({ area: 'activities', action: 'secondaryowners', value: 'userUserId', name: 'userFullName' }),
	getActivityPriorities: inValueOrder(
		lookupLoader({ area: 'activities', action: 'priorities', value: 'lookupActivityPriorityID', name: 'lookupActivityPriorityDescription' }),
	),
	getActivityStatuses: lookupLoader({ area: 'activities', action: 'status', value: 'lookupActivityStatus', name: 'lookupActivityStatus' }),
	getActivityTeams: lookupLoader({ area: 'activities', action: 'teams', value: 'teamCode', name: 'teamDescription' }),
	getActivityTimes: inValueOrder(lookupLoader({ area: 'activities', action: 'times', value: 'lookupTime', name: 'lookupTimeDisplay' })),
};
