import {
	NodeApiError,
	NodeOperationError,
	jsonParse,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { jsonObject, requiredString } from '../../shared/params';
import { sendWithSession } from '../../shared/transport';
import { simplyCrmProtocol, webservice } from '../transport';

/** Set by the node and the credential; a user value would be overwritten or break the call. */
const RESERVED = new Set(['operation', 'sessionname']);

interface ParameterEntry {
	name?: string;
	value?: unknown;
	encodeAsJson?: boolean;
}

/** A form or query value: text as is, objects and arrays as JSON strings (how vtiger's `encoded` parameters arrive). */
function asWireValue(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/** JSON Parameters first, then the key/value pairs on top; every value a string. */
function callParameters(ctx: IExecuteFunctions, itemIndex: number): Record<string, string> {
	const params: Record<string, string> = {};
	for (const [name, value] of Object.entries(jsonObject(ctx, 'jsonParameters', itemIndex, 'JSON Parameters'))) {
		params[name] = asWireValue(value);
	}
	const pairs = (ctx.getNodeParameter('parameters', itemIndex, {}) as { parameter?: ParameterEntry[] }).parameter ?? [];
	for (const entry of pairs) {
		const name = String(entry.name ?? '').trim();
		if (name === '') continue;
		let value = entry.value;
		if (entry.encodeAsJson && typeof value === 'string') {
			try {
				value = jsonParse<unknown>(value);
			} catch {
				throw new NodeOperationError(ctx.getNode(), `The field "Parameters" has invalid JSON for "${name}" in item ${itemIndex}`, {
					itemIndex,
					description: 'Write a JSON value such as {"lastname": "Holm"}, or turn "Encode as JSON String" off.',
				});
			}
		}
		params[name] = entry.encodeAsJson ? JSON.stringify(value ?? null) : asWireValue(value);
	}
	for (const name of Object.keys(params)) {
		if (RESERVED.has(name.toLowerCase())) {
			throw new NodeOperationError(ctx.getNode(), `The parameter "${name}" cannot be set in item ${itemIndex}`, {
				itemIndex,
				description: 'The operation comes from "Operation Name" and the session from the credential.',
			});
		}
	}
	return params;
}

/** The `result` as items: a list of objects becomes one item each, anything else one item. */
function resultItems(result: unknown): IDataObject | IDataObject[] {
	const isObject = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);
	if (Array.isArray(result) && result.every(isObject)) return result as IDataObject[];
	if (isObject(result)) return result as IDataObject;
	return { result: result as IDataObject[string] };
}

/**
 * extendsession turns a browser login (PHPSESSID cookie) into a webservice session; n8n never has one, so vtiger
 * answers AUTHENTICATION_REQUIRED. That code also means "session gone", so through `webservice()` it would log in
 * again for nothing and blame the credential: send it once and explain instead.
 */
async function extendSession(ctx: IExecuteFunctions, method: 'GET' | 'POST', params: Record<string, string>, itemIndex: number) {
	const build = (): IHttpRequestOptions =>
		method === 'GET'
			? { method, url: '/webservice.php', qs: { operation: 'extendsession', ...params }, json: true }
			: {
					method,
					url: '/webservice.php',
					headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
					body: { operation: 'extendsession', ...params },
					json: true,
				};
	try {
		const response = await sendWithSession(ctx, { ...simplyCrmProtocol, isSessionExpired: () => false }, build, {
			idempotent: true,
			itemIndex,
		});
		const body = (typeof response.body === 'string' ? jsonParse<IDataObject>(response.body) : response.body) as IDataObject;
		return body?.result;
	} catch (error) {
		const failure = error instanceof NodeApiError ? error : new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
		failure.description =
			'extendsession only turns a logged-in browser session (PHPSESSID cookie) into an API session. n8n has none and does not need one: the credential logs in with the access key by itself.';
		throw failure;
	}
}

const call: Operation = {
	value: 'call',
	name: 'Call',
	action: 'Call a webservice operation',
	description: 'Call any webservice.php operation with the cached session, e.g. one Simply CRM adds later',
	properties: [
		{
			displayName: 'Operation Name',
			name: 'operationName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'retrieve_related',
			description:
				'The webservice operation, e.g. retrieve, revise, retrieve_related, logout. The session is added for you.',
		},
		{
			displayName: 'HTTP Method',
			description: 'How the parameters are sent: GET for reading operations, POST for operations that change data',
			name: 'method',
			type: 'options',
			options: [
				{ name: 'GET', value: 'GET', description: 'Parameters in the query string (reads such as retrieve, query, describe)' },
				{
					name: 'POST',
					value: 'POST',
					description: 'Parameters in a form-encoded body (writes such as create, update, revise, and logout)',
				},
			],
			default: 'GET',
		},
		{
			displayName: 'Idempotent',
			name: 'idempotent',
			type: 'boolean',
			default: false,
			displayOptions: { show: { method: ['POST'] } },
			description:
				'Whether repeating the call after a failure is harmless (an update, a delete). Leave off for calls that create something: they are then never repeated automatically. GET calls are always treated as reads.',
		},
		{
			displayName: 'Parameters',
			description: 'The parameters of the webservice operation, e.g. element or query; the session is added for you',
			name: 'parameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Parameter',
			default: {},
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [
						{ displayName: 'Name', description: 'The parameter name, e.g. element or query', name: 'name', type: 'string', default: '', placeholder: 'element' },
						{ displayName: 'Value', description: 'The value of this parameter', name: 'value', type: 'string', default: '' },
						{
							displayName: 'Encode as JSON String',
							name: 'encodeAsJson',
							type: 'boolean',
							default: false,
							description:
								'Whether the value is JSON to send as one JSON string, as vtiger expects for element or fieldTypeList (checked before sending)',
						},
					],
				},
			],
		},
		{
			displayName: 'JSON Parameters',
			name: 'jsonParameters',
			type: 'json',
			default: '{}',
			description:
				'More parameters as one JSON object. Objects and arrays inside are sent as JSON strings, so {"elementType": "Leads", "element": {"lastname": "Holm"}} works as is. A name also set under Parameters takes that value.',
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const operation = requiredString(this, 'operationName', itemIndex, 'Operation Name');
		const method = this.getNodeParameter('method', itemIndex, 'GET') as 'GET' | 'POST';
		const idempotent = method === 'GET' || (this.getNodeParameter('idempotent', itemIndex, false) as boolean);
		const params = callParameters(this, itemIndex);
		if (operation.toLowerCase() === 'extendsession') return resultItems(await extendSession(this, method, params, itemIndex));
		return resultItems(await webservice(this, { operation, method, params, idempotent, itemIndex }));
	},
};

export const customApiCall: Resource = {
	value: 'customApiCall',
	name: 'Custom API Call',
	description: 'Any webservice operation, with the session handled for you',
	operations: [call],
};
