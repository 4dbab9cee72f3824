import { NodeOperationError, type IDataObject, type IExecuteFunctions, type IN8nHttpFullResponse } from 'n8n-workflow';

import { MOBILE_API_PATH, MOBILE_PASSWORD_MISSING } from '../../credentials/SimplyCrmApi.credentials';
import { sendWithSession, type VendorError, type VendorProtocol } from '../shared/transport';
import { simplyCrmProtocol } from './transport';

interface MobileEnvelope {
	success?: unknown;
	result?: unknown;
	error?: { code?: unknown; message?: unknown; errorCode?: unknown; errorMessage?: unknown } | null;
}

/** api.php answers with Content-Type text/json, so the body may still be a string. */
function envelope(response: IN8nHttpFullResponse): MobileEnvelope | undefined {
	let body = response.body as unknown;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			return undefined;
		}
	}
	return body && typeof body === 'object' ? (body as MobileEnvelope) : undefined;
}

/**
 * The webservice protocol with the mobile API's own signals: an expired `_session` is error 1501 "Login required"
 * (1501 also means "Module not specified" or "Values cannot be empty", which are no session problem), and codes may
 * be numbers.
 */
export const simplyCrmMobileProtocol: VendorProtocol = {
	credentialType: simplyCrmProtocol.credentialType,
	isSessionExpired(response) {
		const reply = envelope(response);
		return (
			reply?.success === false &&
			String(reply.error?.code ?? '') === '1501' &&
			/login required/i.test(String(reply.error?.message ?? ''))
		);
	},
	errorOf(response): VendorError | undefined {
		const reply = envelope(response);
		// vtiger emits {success:false, error:null} when an operation produced nothing (e.g. modules that are not related).
		if (response.statusCode < 400 && reply?.success === false && !reply.error) {
			return { message: 'Simply CRM answered without a result or an error message' };
		}
		return simplyCrmProtocol.errorOf(response);
	},
};

export interface MobileCall {
	/** The `_operation`, matched case-sensitively by Simply CRM. */
	operation: string;
	/** Form fields; objects and arrays must already be JSON strings (values, ids, records, searchField). */
	params?: Record<string, string | number | undefined>;
	/** Whether repeating the call after a failure is harmless. */
	idempotent: boolean;
	itemIndex: number;
}

/**
 * One `modules/Mobile/api.php` call: a form-encoded POST (the API reads form fields only) with the cached mobile
 * session added by the credential; returns `result` from the success envelope.
 */
export async function mobile<T = unknown>(ctx: IExecuteFunctions, call: MobileCall): Promise<T> {
	const credentials = await ctx.getCredentials('simplyCrmApi', call.itemIndex);
	if (String(credentials.password ?? '') === '') {
		throw new NodeOperationError(ctx.getNode(), MOBILE_PASSWORD_MISSING, {
			itemIndex: call.itemIndex,
			description: 'Mobile API operations log in with the password; the other resources only need the access key.',
		});
	}
	const body: IDataObject = { _operation: call.operation };
	for (const [key, value] of Object.entries(call.params ?? {})) {
		if (value !== undefined) body[key] = String(value);
	}
	const response = await sendWithSession(
		ctx,
		simplyCrmMobileProtocol,
		() => ({
			method: 'POST',
			url: MOBILE_API_PATH,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: { ...body },
			json: true,
		}),
		{ idempotent: call.idempotent, itemIndex: call.itemIndex },
	);
	return envelope(response)?.result as T;
}
