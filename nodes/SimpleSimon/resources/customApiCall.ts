import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
} from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { jsonObject, requiredString } from '../../shared/params';
import { listPage, simpleSimonRequest, withoutAnnotations } from '../transport';

/*
 * Any route of the API with the cached bearer token: for entities, actions or paths the node does not know (the
 * public page documents only /locations). Only paths under the API URL are accepted so the token never leaves it.
 */

const METHODS: IHttpRequestMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Safe to repeat after a dropped connection; POST and PATCH could make a change twice. */
const IDEMPOTENT = new Set<IHttpRequestMethods>(['GET', 'PUT', 'DELETE']);

/** The path and its own query string, checked to be a path on the API (no scheme, no host, no way up). */
function apiPath(ctx: IExecuteFunctions, itemIndex: number): { path: string; qs: IDataObject } {
	const raw = requiredString(ctx, 'path', itemIndex, 'Path');
	const refuse = (why: string) =>
		new NodeOperationError(
			ctx.getNode(),
			`The field "Path" has an invalid value "${raw}" in item ${itemIndex}`,
			{
				itemIndex,
				description: `${why} Give a path relative to the API URL (and Base Path), e.g. /workorders or /workorders/{id}.`,
			},
		);
	if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(raw) || raw.startsWith('//') || raw.includes('\\')) {
		throw refuse(
			'Full URLs are not allowed: the login token is only sent to the API URL of the credential.',
		);
	}
	if (!raw.startsWith('/')) throw refuse('The path must start with /.');
	const [pathPart, query = ''] = raw.split(/\?(.*)/s, 2);
	if (/[\s#]/.test(pathPart)) throw refuse('The path cannot contain spaces or #.');
	if (pathPart.split('/').some((segment) => segment === '..' || segment === '.')) {
		throw refuse('The path cannot contain . or .. segments.');
	}
	const qs: IDataObject = {};
	for (const [key, value] of new URLSearchParams(query)) qs[key] = value;
	return { path: pathPart, qs };
}

/** The reply as items: one per row of a list (bare array or OData envelope) when splitting, else one. */
function replyItems(reply: unknown, split: boolean): IDataObject[] {
	if (reply === undefined || reply === null || reply === '') return [{ success: true }];
	if (split) {
		const page = listPage(reply);
		if (page) {
			return page.rows.map((row) =>
				row !== null && typeof row === 'object' && !Array.isArray(row)
					? withoutAnnotations(row)
					: { value: row as IDataObject[string] },
			);
		}
	}
	if (typeof reply === 'object' && !Array.isArray(reply)) return [reply as IDataObject];
	return [{ data: reply as IDataObject[string] }];
}

const call: Operation = {
	value: 'call',
	name: 'Make an API Call',
	action: 'Make an API call',
	description: 'Call any Simple-Simon route with the cached login token',
	endpoints: [],
	properties: [
		{
			displayName: 'Method',
			description: 'The HTTP method of the request: GET reads, POST creates, PUT and PATCH change, DELETE removes',
			name: 'method',
			type: 'options',
			options: METHODS.map((method) => ({ name: method, value: method })),
			default: 'GET',
		},
		{
			displayName: 'Path',
			name: 'path',
			type: 'string',
			default: '',
			required: true,
			placeholder: '/workorders',
			description:
				'The route relative to the API URL and Base Path of the credential, starting with /, e.g. /workorders or /workorders/0f8fad5b-d9cb-469f-a165-70867728950e. Full URLs are refused.',
		},
		{
			displayName: 'Query Parameters',
			name: 'queryParameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Parameter',
			default: {},
			description: 'Query string values, e.g. $filter, $orderby, $top',
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [
						{
							displayName: 'Name',
							description: 'The name of the query parameter, e.g. $filter or $top',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: '$filter',
						},
						{
							displayName: 'Value',
							description: 'The value of this query parameter',
							name: 'value',
							type: 'string',
							default: '',
						},
					],
				},
			],
		},
		{
			displayName: 'Send Body',
			name: 'sendBody',
			type: 'boolean',
			default: false,
			displayOptions: { show: { method: ['POST', 'PUT', 'PATCH', 'DELETE'] } },
			description: 'Whether to send a JSON body',
		},
		{
			displayName: 'Body',
			name: 'body',
			type: 'json',
			default: '{}',
			displayOptions: {
				show: { method: ['POST', 'PUT', 'PATCH', 'DELETE'], sendBody: [true] },
			},
			description:
				'The JSON object to send, e.g. {"Description": "Boiler service", "LocationId": "…"}',
		},
		{
			displayName: 'Options',
			description: 'Optional settings for this call',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Split Into Items',
					name: 'splitIntoItems',
					type: 'boolean',
					default: true,
					description:
						'Whether a list reply (a JSON array or an OData {"value": […]}) becomes one item per row. Off: the whole reply is one item. Only the page the server sent is returned (no paging).',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const method = this.getNodeParameter('method', itemIndex, 'GET') as IHttpRequestMethods;
		if (!METHODS.includes(method)) {
			throw new NodeOperationError(
				this.getNode(),
				`The field "Method" has an invalid value "${String(method)}" in item ${itemIndex}`,
				{ itemIndex, description: `Choose one of ${METHODS.join(', ')}.` },
			);
		}
		const { path, qs } = apiPath(this, itemIndex);
		const pairs =
			(
				this.getNodeParameter('queryParameters', itemIndex, {}) as {
					parameter?: Array<{ name?: string; value?: unknown }>;
				}
			).parameter ?? [];
		for (const { name, value } of pairs) {
			const key = String(name ?? '').trim();
			if (key !== '') qs[key] = value === undefined || value === null ? '' : String(value);
		}
		const sendBody =
			method !== 'GET' && (this.getNodeParameter('sendBody', itemIndex, false) as boolean);
		const body = sendBody ? jsonObject(this, 'body', itemIndex, 'Body') : undefined;
		const options = this.getNodeParameter('options', itemIndex, {}) as {
			splitIntoItems?: boolean;
		};

		const reply = await simpleSimonRequest(this, {
			method,
			path,
			qs,
			body,
			idempotent: IDEMPOTENT.has(method),
			itemIndex,
		});
		return replyItems(reply, options.splitIntoItems !== false);
	},
};

export const customApiCall: Resource = {
	value: 'customApiCall',
	name: 'Custom API Call',
	description: 'Any Simple-Simon route, with the login token handled for you',
	operations: [call],
};
