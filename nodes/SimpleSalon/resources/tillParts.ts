import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../shared/execute';
import { salonOperation, salonProperty, salonValue, setPath, type SalonEndpoint, type SalonParam } from '../endpoint';

/** Pieces shared by the till resources (POS, terminals, payment and discount types). */

/**
 * "Must specify either X or Y" as the user sees it: a "… By" choice, then only the field chosen. `params[i].path`
 * is where the value goes; the choice's value is that path.
 */
export interface EitherOr {
	name: string;
	displayName: string;
	/** `choice` is how the option reads in the "… By" list. */
	params: Array<SalonParam & { choice: string }>;
}

/** The SalonParam of a choice, without how it reads in the list. */
const paramOf = (param: SalonParam & { choice: string }): SalonParam => {
	const copy: SalonParam & { choice?: string } = { ...param };
	delete copy.choice;
	return copy;
};

function eitherOrProperties(choice: EitherOr): INodeProperties[] {
	const first = choice.params[0].path;
	return [
		{
			displayName: choice.displayName,
			name: choice.name,
			type: 'options',
			noDataExpression: true,
			description: `How you identify it: ${choice.params.map((p) => p.choice).join(' or ')}; fill in only the field you choose`,
			default: first,
			options: choice.params.map((p) => ({ name: p.choice, value: p.path })).sort((a, b) => a.name.localeCompare(b.name)),
		},
		...choice.params.map(
			(param): INodeProperties => ({
				...salonProperty(paramOf(param), true),
				displayOptions: { show: { [choice.name]: [param.path] } },
			}),
		),
	];
}

function applyEitherOr(ctx: IExecuteFunctions, itemIndex: number, choice: EitherOr, body: IDataObject) {
	const chosen = ctx.getNodeParameter(choice.name, itemIndex, choice.params[0].path) as string;
	const param = choice.params.find((p) => p.path === chosen);
	if (!param) {
		throw new NodeOperationError(ctx.getNode(), `The field "${choice.displayName}" has an invalid value "${chosen}" in item ${itemIndex}`, { itemIndex });
	}
	const raw = ctx.getNodeParameter(param.name ?? param.path, itemIndex, '') as unknown;
	if (raw === undefined || raw === null || String(raw).trim() === '') {
		throw new NodeOperationError(ctx.getNode(), `The field "${param.displayName}" is empty in item ${itemIndex}`, { itemIndex });
	}
	setPath(body, param.path, salonValue(ctx, param, raw, itemIndex));
}

/** An operation whose endpoint takes one of two identifiers (`barcode` or `service_id`, `terminal_id` or `external_id`). */
export function eitherOrOperation(endpoint: SalonEndpoint, choice: EitherOr): Operation {
	const withChoice: SalonEndpoint = {
		...endpoint,
		async build(ctx, itemIndex, body) {
			applyEitherOr(ctx, itemIndex, choice, body);
			return endpoint.build ? await endpoint.build(ctx, itemIndex, body) : body;
		},
	};
	const operation = salonOperation(withChoice);
	operation.properties.splice(endpoint.required?.length ?? 0, 0, ...eitherOrProperties(choice));
	return operation;
}

/** The vendor's warnings of a reply, kept on the output item. */
export function withWarnings(reply: IDataObject, json: IDataObject): IDataObject {
	return Array.isArray(reply.warnings) && reply.warnings.length > 0 ? { ...json, warnings: reply.warnings } : json;
}

/** A number parameter as the request had it (already checked by the endpoint), for output items of calls that answer only `success`. */
export function numberOf(ctx: IExecuteFunctions, name: string, itemIndex: number): number | undefined {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (raw === undefined || raw === null || String(raw).trim() === '') return undefined;
	return Number(String(raw).trim());
}

/** The Company ID a till call may name: a Dome must name the child location. */
export const companyId = (description = 'The location using POS; defaults to your company (a Dome must name a child location)'): SalonParam => ({
	path: 'company_id',
	displayName: 'Company ID',
	type: 'id',
	description,
});
