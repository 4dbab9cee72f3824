import {
	NodeApiError,
	NodeOperationError,
	jsonParse,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type JsonObject,
} from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { jsonObject, keyValuePairs, requiredString } from '../../shared/params';
import { scrub } from '../../shared/scrub';
import { networkCodeOf } from '../../shared/transport';

/** Failures where the webhook may have received the request (and created the record) before the connection broke. */
const MAY_HAVE_ARRIVED = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT', 'UND_ERR_SOCKET']);

interface WebhookReply {
	success?: unknown;
	result?: unknown;
	error?: { code?: unknown; message?: unknown; errorCode?: unknown; errorMessage?: unknown };
}

/** A form field value: vtiger reads strings, so nested values travel as JSON text. */
function formValue(value: unknown): string {
	if (value === null || value === undefined) return '';
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function payload(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const send = ctx.getNodeParameter('send', itemIndex, 'fields') as string;
	if (send === 'allInputFields') return { ...ctx.getInputData()[itemIndex].json };
	if (send === 'json') return jsonObject(ctx, 'json', itemIndex, 'JSON');
	return keyValuePairs(ctx, 'fields', itemIndex);
}

function replyOf(response: IN8nHttpFullResponse): WebhookReply | undefined {
	let body = response.body as unknown;
	if (typeof body === 'string') {
		try {
			body = jsonParse(body);
		} catch {
			return undefined;
		}
	}
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as WebhookReply) : undefined;
}

const send: Operation = {
	value: 'send',
	name: 'Send',
	action: 'Send an item to an incoming webhook',
	description: "Create a record through one of Simply CRM's incoming webhooks, without an API session",
	properties: [
		{
			displayName: 'Webhook URL',
			name: 'webhookUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://yourcompany.simplycrm.com/…',
			description:
				'The URL of the incoming webhook, copied from the module\'s settings in Simply CRM ("Record Creation"). It works without the API credential.',
		},
		{
			displayName: 'Send',
			description: 'Which fields of the input item are sent to the webhook',
			name: 'send',
			type: 'options',
			options: [
				{ name: 'All Input Fields', value: 'allInputFields', description: "Send the input item's fields as they are" },
				{ name: 'Fields', value: 'fields', description: 'Send the fields listed below' },
				{ name: 'JSON', value: 'json', description: 'Send a JSON object' },
			],
			default: 'fields',
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Field',
			default: {},
			description: "The webhook's parameters; include every mandatory parameter the webhook was set up with",
			displayOptions: { show: { send: ['fields'] } },
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{ displayName: 'Name', description: 'The field name the webhook expects, e.g. lastname', name: 'name', type: 'string', default: '' },
						{ displayName: 'Value', description: 'The value to send in this field', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: 'JSON',
			name: 'json',
			type: 'json',
			default: '{}',
			description: 'A JSON object whose keys are the webhook\'s parameters',
			displayOptions: { show: { send: ['json'] } },
		},
		{
			displayName: 'Content Type',
			description: 'How the fields are encoded in the request to the webhook',
			name: 'contentType',
			type: 'options',
			options: [
				{ name: 'Form', value: 'form', description: 'Form-encoded, as web forms post (values that are objects are sent as JSON text)' },
				{ name: 'JSON', value: 'json', description: 'A JSON body' },
			],
			default: 'form',
		},
		{
			displayName: 'Options',
			description: 'Optional settings for the request',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Timeout',
					name: 'timeout',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 30000,
					description: 'Milliseconds to wait for the webhook to answer before giving up',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const url = requiredString(this, 'webhookUrl', itemIndex, 'Webhook URL');
		if (!/^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/i.test(url)) {
			throw new NodeOperationError(this.getNode(), `The field "Webhook URL" is not an http(s) URL in item ${itemIndex}`, {
				itemIndex,
				description: 'Copy the whole URL from the webhook\'s settings in Simply CRM; it starts with https://.',
			});
		}
		const fields = payload(this, itemIndex);
		const contentType = this.getNodeParameter('contentType', itemIndex, 'form') as string;
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const request: IHttpRequestOptions =
			contentType === 'json'
				? { method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body: fields, json: true }
				: {
						method: 'POST',
						url,
						headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
						body: new URLSearchParams(Object.entries(fields).map(([key, value]): [string, string] => [key, formValue(value)])).toString(),
						json: true,
					};
		request.timeout = Number(options.timeout) || 30_000;
		request.returnFullResponse = true;
		request.ignoreHttpStatusErrors = true;

		// The webhook's URL is its only key: keep it out of every message.
		const secret = (text: string) => scrub(text, [url, url.replace(/^https?:\/\/[^/]+/i, '')]);
		let response: IN8nHttpFullResponse;
		try {
			// Deliberately without the credential: the webhook needs no session. Never repeated, as it creates a record.
			response = (await this.helpers.httpRequest(request)) as IN8nHttpFullResponse;
		} catch (error) {
			const code = networkCodeOf(error);
			const message = secret(String((error as Error).message ?? error));
			if (code && MAY_HAVE_ARRIVED.has(code)) {
				// No error code in the message: NodeApiError swaps messages naming one for its generic text.
				throw new NodeApiError(this.getNode(), { message } as JsonObject, {
					message: 'The connection broke after the request was sent: the record may or may not have been created',
					description: `${code}. The request is not repeated automatically because that could create the record twice. Check in Simply CRM before running the item again.`,
					itemIndex,
				});
			}
			throw new NodeApiError(this.getNode(), { message, ...(code ? { code } : {}) } as JsonObject, { itemIndex });
		}

		const reply = replyOf(response);
		const status = response.statusCode;
		if (status >= 400 || reply?.success === false) {
			// The docs' envelope says errorCode/errorMessage; vtiger-style replies say code/message: read both.
			const vendorMessage = reply?.error?.message ?? reply?.error?.errorMessage;
			const code = reply?.error?.code ?? reply?.error?.errorCode;
			const message = secret(String(vendorMessage ?? `Simply CRM answered HTTP ${status}`));
			const body: JsonObject = { message };
			if (code !== undefined) body.code = String(code);
			throw new NodeApiError(this.getNode(), body, {
				message: code === undefined ? message : `${message} [${String(code)}]`,
				httpCode: String(status),
				itemIndex,
			});
		}
		if (reply?.success === true) {
			return reply.result && typeof reply.result === 'object' ? (reply.result as IDataObject) : { result: reply.result as string };
		}
		// An answer without the {success, result} envelope (the format is undocumented): pass it on as it came.
		return reply ? (reply as IDataObject) : { statusCode: status, body: secret(String(response.body ?? '')) };
	},
};

export const incomingWebhook: Resource = {
	value: 'incomingWebhook',
	name: 'Incoming Webhook',
	description: "Create records through Simply CRM's incoming webhooks, without the API",
	operations: [send],
};
