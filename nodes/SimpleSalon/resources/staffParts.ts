import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** Pieces shared by the staff and service resources (operator, roster, resource, service). */

/** The ID a parameter holds (already checked by the endpoint before the request), for output items of calls that answer only `success`. */
export function idOf(ctx: IExecuteFunctions, name: string, itemIndex: number): number {
	return Number(String(ctx.getNodeParameter(name, itemIndex, '')).trim());
}

/** A `build` for list methods whose body has no `filters` (they take only `options`, or only an ID). */
export function withoutFilters(_ctx: IExecuteFunctions, _itemIndex: number, body: IDataObject): IDataObject {
	delete body.filters;
	return body;
}
