import {
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchItems,
	type INodeListSearchResult,
} from 'n8n-workflow';

import { ENTITY_LIST, type EntitySpec } from '../entities';
import { odataString } from '../odataFilter';
import { listPage, simpleSimonRequest } from '../transport';

/*
 * The "From List" dropdowns of the searchable entities (customers, locations, users, item groups): 50 at a time by
 * name, narrowed server-side with contains(). Loaders use the default entity path (node options are not theirs to read);
 * the credential's Base Path applies as for every request.
 */

const PAGE = 50;

type SearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** The listSearch method of a searchable entity, e.g. `searchItemGroups`. */
export function searchMethodOf(spec: EntitySpec): string {
	return `search${spec.docName}s`;
}

async function search(
	ctx: ILoadOptionsFunctions,
	spec: EntitySpec,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const field = spec.searchable?.field ?? 'Name';
	const skip = Math.max(0, Math.floor(Number(paginationToken ?? 0)) || 0);
	const text = String(filter ?? '').trim();
	const qs: IDataObject = { $orderby: field, $top: PAGE };
	if (text !== '') qs.$filter = `contains(${field},${odataString(text)})`;
	if (skip > 0) qs.$skip = skip;
	const body = await simpleSimonRequest(ctx, {
		method: 'GET',
		path: spec.path,
		qs,
		idempotent: true,
	});
	const page = listPage(body);
	if (!page) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Simple-Simon answered the ${spec.plural} list with something that is not a list`,
			{ description: 'Check the API URL and Base Path of the credential.' },
		);
	}
	const results: INodeListSearchItems[] = [];
	for (const row of page.rows) {
		if (row?.Id === undefined || row.Id === null) continue;
		const label = [row[field], row.Code, row.Id].find(
			(value) => value !== undefined && value !== null && String(value).trim() !== '',
		);
		results.push({ name: String(label), value: String(row.Id) });
	}
	// A server page smaller than ours says so with a next link; a full page may have more behind it.
	const more = page.rows.length > 0 && (page.nextLink !== undefined || page.rows.length >= PAGE);
	return { results, paginationToken: more ? String(skip + page.rows.length) : undefined };
}

export const listSearch: Record<string, SearchMethod> = Object.fromEntries(
	ENTITY_LIST.filter((spec) => spec.searchable).map((spec): [string, SearchMethod] => [
		searchMethodOf(spec),
		async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
			return await search(this, spec, filter, paginationToken);
		},
	]),
);
