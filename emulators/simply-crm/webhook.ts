/**
 * Incoming webhooks (module settings → Record Creation): `POST /webhook/incoming/<token>` creates one record from
 * the request parameters, with no session. Simply documents neither URL nor wire format; this is the contract
 * the pack builds against: a form or JSON body, HTTP 200 for created and for refused records, 403/404 otherwise.
 */
import type { EmulatorRequest, EmulatorResponse } from '../shared/emulator';
import type { SimplyCrmBackend } from './backend';
import { postFields } from './php';
import { WsError } from './state';

export const WEBHOOK_PATH = '/webhook/incoming';
/** The operation label of webhook calls in the request log. */
export const WEBHOOK_OP = 'webhook:incoming';

function failure(status: number, code: string, message: string): EmulatorResponse {
	return { status, body: { success: false, error: { code, message } } };
}

/** The request's parameters as strings: a JSON object body or form fields; any other body carries none. */
function parametersOf(req: EmulatorRequest): Record<string, string> | undefined {
	const type = req.contentType.split(';')[0].trim().toLowerCase();
	if (type === 'application/json') {
		if (req.bodyError) return undefined;
		const body = req.body;
		if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
		const params: Record<string, string> = {};
		for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
			if (value === null || value === undefined) continue;
			params[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
		}
		return params;
	}
	return postFields(req);
}

export function createWebhookHandler(backend: SimplyCrmBackend) {
	return (req: EmulatorRequest): EmulatorResponse => {
		const webhook = backend.state.webhooks.get(req.params.token ?? '');
		if (!webhook) return failure(404, 'WEBHOOK_NOT_FOUND', 'No webhook exists for this URL');
		if (!webhook.active) return failure(403, 'WEBHOOK_INACTIVE', `Webhook "${webhook.name}" is not active`);
		if (req.method !== 'POST') return failure(405, 'METHOD_NOT_ALLOWED', 'Webhooks accept POST only');
		const params = parametersOf(req);
		if (!params) return failure(400, 'INVALID_REQUEST', 'The request body is not valid JSON');

		const missing = webhook.mandatory.filter((name) => (params[name] ?? '').trim() === '');
		if (missing.length > 0) {
			return failure(
				200,
				'MANDATORY_FIELDS_MISSING',
				`Mandatory parameters missing: ${missing.join(', ')}`,
			);
		}
		// Only mapped fields reach the record; unmapped parameters are dropped, as the settings page implies.
		const element: Record<string, string> = {};
		for (const [field, source] of Object.entries(webhook.fields)) {
			const value = 'value' in source ? source.value : params[source.param];
			if (value !== undefined) element[field] = value;
		}
		try {
			const record = backend.create(webhook.module, element, webhook.ownerId);
			return { status: 200, body: { success: true, result: { id: record.id } } };
		} catch (error) {
			if (error instanceof WsError) return failure(200, String(error.code), error.message);
			return failure(500, 'INTERNAL_SERVER_ERROR', 'Unknown Error while processing request');
		}
	};
}
