import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { EntitySpec } from './entities';

/** Entity paths are segments like `/workorders` or `/api/v2/WorkOrders`: nothing that could leave the API. */
const PATH = /^\/?[A-Za-z0-9_.~-]+(?:\/[A-Za-z0-9_.~-]+)*\/?$/;

/**
 * "Options → Entity Path" of every operation on an entity: the collection path when this tenant's differs from the
 * documented pattern (only /locations is stated by the docs).
 */
export function entityPathOption(spec: EntitySpec): INodeProperties {
	return {
		displayName: 'Entity Path',
		name: 'entityPath',
		type: 'string',
		default: '',
		placeholder: spec.path,
		description: `Path of the ${spec.plural} collection, relative to the API URL and Base Path. Leave empty for ${spec.path}; set it only when your API documentation names it differently (e.g. ${spec.path.replace(/^\/(.)/, (_m, c: string) => `/${c.toUpperCase()}`)}).`,
	};
}

/** The collection path for this item: the Entity Path option if set, else the entity's default. */
export function entityPath(ctx: IExecuteFunctions, spec: EntitySpec, itemIndex: number): string {
	const raw = String(ctx.getNodeParameter('options.entityPath', itemIndex, '') ?? '').trim();
	if (raw === '') return spec.path;
	if (!PATH.test(raw) || raw.split('/').some((part) => part === '..' || part === '.')) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The field "Entity Path" has an invalid value "${raw}" in item ${itemIndex}`,
			{
				itemIndex,
				description: `Give a path such as ${spec.path}: letters, digits, dashes and slashes, no host and no query.`,
			},
		);
	}
	return `/${raw.replace(/^\/+|\/+$/g, '')}`;
}

/** `<collection>/<id>` with the ID escaped for a path segment. */
export function recordPath(collection: string, id: string): string {
	return `${collection}/${encodeURIComponent(id)}`;
}
