import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** "Return All" and "Limit", the way n8n's own list operations offer them. */
export function returnAllOrLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** The number of results the user asked for: Infinity for Return All. */
export function wantedCount(ctx: IExecuteFunctions, itemIndex: number): number {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean) return Infinity;
	return ctx.getNodeParameter('limit', itemIndex, 50) as number;
}

export interface Page<T> {
	items: T[];
	/** False when the vendor said this was the last page. */
	more: boolean;
}

/**
 * Fetches pages in order until the vendor says there are no more or `wanted` results are in; never asks for a page
 * past what is needed. `fetchPage(index, size)` gets the zero-based page number and the page size to request.
 */
export async function collectPages<T>(
	wanted: number,
	maxPageSize: number,
	fetchPage: (pageIndex: number, pageSize: number) => Promise<Page<T>>,
): Promise<T[]> {
	const results: T[] = [];
	for (let pageIndex = 0; results.length < wanted; pageIndex++) {
		const pageSize = Math.min(maxPageSize, wanted - results.length);
		const page = await fetchPage(pageIndex, Number.isFinite(pageSize) ? pageSize : maxPageSize);
		results.push(...page.items);
		if (!page.more || page.items.length === 0) break;
	}
	return results.slice(0, wanted);
}
