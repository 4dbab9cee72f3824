import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { synergistSettings } from '../transport';
import { lookupLoader, type LookupSource } from './lookups';

/*
 * Dropdowns of the job form, from the jobs.json lookups (the reference lists clients "prior to job creation" through
 * jobs.json, not clients.json). Contacts need the client; the others take it, or the job, when it is set.
 */

type Loader = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

/** The first of these parameters that holds a plain value (expressions are not resolved in the editor). */
function current(ctx: ILoadOptionsFunctions, ...paths: string[]): string | undefined {
	for (const path of paths) {
		let value: unknown;
		try {
			value = ctx.getCurrentNodeParameter(path);
		} catch {
			continue;
		}
		if ((typeof value === 'string' && value.trim() !== '' && !value.startsWith('=')) || (typeof value === 'number' && value !== 0)) return String(value).trim();
	}
	return undefined;
}

/** A code typed without its company prefix gets the credential's company, as the node does when it sends it. */
async function prefixed(ctx: ILoadOptionsFunctions, code: string | undefined): Promise<string | undefined> {
	if (code === undefined) return undefined;
	return code.includes('/') ? code : `${(await synergistSettings(ctx)).company}/${code}`;
}

/** A lookup whose query depends on the form: `undefined` from `params` means "nothing to offer yet". */
function formLoader(source: Omit<LookupSource, 'params'>, params: (ctx: ILoadOptionsFunctions) => Promise<IDataObject | undefined>): Loader {
	return async function (this: ILoadOptionsFunctions) {
		const wanted = await params(this);
		return wanted === undefined ? [] : await lookupLoader({ ...source, params: wanted }).call(this);
	};
}

const CLIENT_PATHS = ['clientCode', 'updateFields.clientCode'];
const JOB_PATHS = ['jobNumber'];

/** `client=` when the form names one, else nothing. */
const clientParam = async (ctx: ILoadOptionsFunctions): Promise<IDataObject> => {
	const client = await prefixed(ctx, current(ctx, ...CLIENT_PATHS));
	return client === undefined ? {} : { client };
};

export const jobLoadOptions: Record<string, Loader> = {
	// rows=0 is "all rows" in the reference: a dropdown needs every client
	getJobClients: lookupLoader({
		area: 'jobs',
		action: 'clients',
		params: { rows: 0 },
		value: 'clientCode',
		name: 'clientName',
		description: (row) => `Code ${String(row.clientCode)}`,
	}),
	getJobContacts: formLoader({ area: 'jobs', action: 'contacts', value: 'clientcontactInternalRef', name: 'clientcontactFullName' }, async (ctx) => {
		const client = await clientParam(ctx);
		return client.client === undefined ? undefined : client;
	}),
	getJobProjects: formLoader({ area: 'jobs', action: 'projects', value: 'projectNo', name: 'projectName' }, clientParam),
	getJobCampaigns: formLoader({ area: 'jobs', action: 'campaigns', value: 'campaignNo', name: 'campaignName' }, clientParam),
	getJobTypes: formLoader(
		{ area: 'jobs', action: 'jobtypes', value: 'JobtypeCode', name: 'JobtypeDescription', description: (row) => `Code ${String(row.JobtypeCode)}` },
		async (ctx) => {
			const job = await prefixed(ctx, current(ctx, ...JOB_PATHS));
			return job === undefined ? {} : { job };
		},
	),
	getJobHandlers: lookupLoader({ area: 'jobs', action: 'handlers', value: 'userUserId', name: 'userFullName', description: (row) => `User ID ${String(row.userUserId)}` }),
	getJobTeams: lookupLoader({ area: 'jobs', action: 'teams', value: 'teamCode', name: 'teamDescription', description: (row) => `Code ${String(row.teamCode)}` }),
	getJobSalesStatuses: lookupLoader({ area: 'jobs', action: 'salesstatuses', value: 'salesreasonStatusReason', name: 'salesreasonStatusReasonDesc' }),
};
