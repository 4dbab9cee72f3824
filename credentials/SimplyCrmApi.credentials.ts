import { createHash } from 'node:crypto';
import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { scrub } from '../nodes/shared/scrub';
import { SessionRenewalRequired, guardSession, sessionBinding } from '../nodes/shared/session';

/** The instance URL as users paste it (with or without a trailing slash or /webservice.php). */
export function simplyCrmBaseUrl(url: unknown): string {
	return String(url ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/webservice\.php$/i, '')
		.replace(/\/+$/, '');
}

/** The fields a cached session was made from: a session outlives none of them (the password makes the mobile one). */
export const SIMPLY_CRM_LOGIN_FIELDS = ['url', 'username', 'accessKey', 'password'];

/** The mobile ("JSON Rest") API: one endpoint, operations chosen by the `_operation` form field. */
export const MOBILE_API_PATH = '/modules/Mobile/api.php';

/** Mobile operations that log in themselves with username + password instead of sending `_session`. */
const MOBILE_LOGIN_OPERATIONS = new Set(['login', 'loginAndFetchModules']);

export const MOBILE_PASSWORD_MISSING =
	"The Simply CRM Mobile API logs in with the user's password: fill in the Password field of the Simply CRM credential (the access key is not accepted there).";

/**
 * Credentials objects whose pending renewal must also open a mobile session. n8n hands `authenticate` and the
 * `preAuthentication` it triggers the same object, so a mobile request can ask for the mobile login and a webservice
 * request never pays for it.
 */
const mobileLoginWanted = new WeakSet<object>();

/** Set on a request once it asked for the mobile login, so a failing login cannot loop. */
const MOBILE_LOGIN_TRIED = Symbol('simplyCrmMobileLoginTried');

interface WebserviceReply {
	success?: boolean;
	result?: IDataObject;
	error?: { code?: string | number; message?: string; errorCode?: string; errorMessage?: string } | null;
}

function replyError(reply: WebserviceReply): { code: string; message: string } {
	// The docs say errorCode/errorMessage; vtiger sends code/message.
	return {
		code: String(reply.error?.code ?? reply.error?.errorCode ?? 'UNKNOWN'),
		message: String(reply.error?.message ?? reply.error?.errorMessage ?? 'Unknown error'),
	};
}

/** getchallenge, then login with md5(token + access key); one retry when another login replaced our token. */
async function login(helpers: IHttpRequestHelper['helpers'], credentials: ICredentialDataDecryptedObject): Promise<{ session: string; userId: string }> {
	const url = `${simplyCrmBaseUrl(credentials.url)}/webservice.php`;
	const username = String(credentials.username ?? '');
	for (let attempt = 0; ; attempt++) {
		const challenge = (await helpers.httpRequest({
			method: 'GET',
			url,
			qs: { operation: 'getchallenge', username },
			json: true,
		})) as WebserviceReply;
		const token = challenge?.result?.token;
		if (challenge?.success !== true || typeof token !== 'string') {
			const { code, message } = replyError(challenge ?? {});
			throw new Error(`Simply CRM refused the login challenge: ${message} [${code}]`);
		}
		const accessKey = createHash('md5')
			.update(token + String(credentials.accessKey ?? ''))
			.digest('hex');
		const reply = (await helpers.httpRequest({
			method: 'POST',
			url,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ operation: 'login', username, accessKey }).toString(),
			json: true,
		})) as WebserviceReply;
		// The docs name it sessionId; vtiger returns sessionName.
		const session = reply?.result?.sessionName ?? reply?.result?.sessionId;
		if (reply?.success === true && typeof session === 'string' && session !== '') {
			return { session, userId: String(reply.result?.userId ?? '') };
		}
		const { code, message } = replyError(reply ?? {});
		// Two logins as one user at once replace each other's challenge token; vtiger then answers
		// INVALID_USER_CREDENTIALS (or INVALID_AUTH_TOKEN once the token expired), so the loser starts over once.
		if ((code === 'INVALID_AUTH_TOKEN' || code === 'INVALID_USER_CREDENTIALS') && attempt === 0) continue;
		throw new Error(
			`Simply CRM login failed: ${message} [${code}]. Check the username and access key, and that this n8n's IP address is on the user's Whitelist IP list.`,
		);
	}
}

/** The form fields of a request body (plain object or URLSearchParams), as strings. */
function formFields(body: unknown): Record<string, string> | undefined {
	if (body instanceof URLSearchParams) return Object.fromEntries(body);
	if (isPlainObject(body)) {
		return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, String(value ?? '')]));
	}
	return undefined;
}

function isPlainObject(value: unknown): value is IDataObject {
	if (value === null || typeof value !== 'object') return false;
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
}

export function isMobileRequest(requestOptions: IHttpRequestOptions): boolean {
	return String(requestOptions.url ?? '')
		.replace(/[?#].*$/, '')
		.replace(/\/+$/, '')
		.endsWith(MOBILE_API_PATH);
}

/**
 * `_operation=login` with the user's real password. A refusal is kept as `mobileLoginError` (shown on each mobile
 * call until the credential changes) instead of failing: the webservice session stays usable.
 */
async function mobileLogin(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<{ mobileSession: string; mobileLoginError: string }> {
	const password = String(credentials.password ?? '');
	if (password === '') return { mobileSession: '', mobileLoginError: '' };
	let reply: WebserviceReply | string;
	try {
		reply = (await helpers.httpRequest({
			method: 'POST',
			url: `${simplyCrmBaseUrl(credentials.url)}${MOBILE_API_PATH}`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				_operation: 'login',
				username: String(credentials.username ?? ''),
				password,
			}).toString(),
			json: true,
		})) as WebserviceReply | string;
	} catch (error) {
		// A transport failure is not a refusal: it fails this request (and may be retried) but is not remembered.
		const failure = new Error(scrub(`Simply CRM Mobile API login failed: ${String((error as Error).message ?? error)}`, [password]));
		Object.assign(failure, { code: (error as { code?: unknown }).code });
		throw failure;
	}
	// api.php answers with Content-Type text/json.
	if (typeof reply === 'string') {
		try {
			reply = JSON.parse(reply) as WebserviceReply;
		} catch {
			reply = {};
		}
	}
	const session = (reply.result?.login as IDataObject | undefined)?.session;
	if (reply.success === true && (typeof session === 'string' || typeof session === 'number') && session !== '') {
		return { mobileSession: String(session), mobileLoginError: '' };
	}
	const { code, message } = replyError(reply);
	return {
		mobileSession: '',
		mobileLoginError: scrub(
			`Simply CRM refused the Mobile API login: ${message} [${code}]. Check the Password field of the credential (the user's real password, not the access key).`,
			[password],
		),
	};
}

export class SimplyCrmApi implements ICredentialType {
	name = 'simplyCrmApi';

	displayName = 'Simply CRM API';

	icon: Icon = { light: 'file:../icons/simplycrm.svg', dark: 'file:../icons/simplycrm.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-business-pack/n8n-nodes-business-pack#simply-crm-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Instance URL',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: 'https://yourcompany.simplycrm.com',
			required: true,
			description: 'The address you open Simply CRM at. The API lives at <URL>/webservice.php.',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The CRM user name (not the e-mail address) of the user the API acts as',
		},
		{
			displayName: 'Access Key',
			name: 'accessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The user's webservice Access Key from My Preferences (it is not the password). Also add this n8n's IP address to Whitelist IP there.",
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Only for Mobile API operations, which log in with the user's real password (the webservice operations use the access key)",
		},
		{
			displayName: 'Session Name',
			name: 'sessionName',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Session Binding',
			name: 'sessionBinding',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Mobile Session',
			name: 'mobileSession',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Mobile Login Error',
			name: 'mobileLoginError',
			type: 'hidden',
			default: '',
		},
	];

	/**
	 * The webservice login, plus the mobile login when a Mobile API request asked for it. A renewal asked for by a
	 * mobile request alone keeps the webservice session; a renewal for changed login fields drops the mobile session,
	 * so the next mobile request logs in with the new password.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const binding = sessionBinding(credentials, SIMPLY_CRM_LOGIN_FIELDS);
		const bound = credentials.sessionBinding === binding;
		const mobileWanted = mobileLoginWanted.delete(credentials);
		const output: IDataObject = { sessionBinding: binding };
		if (mobileWanted && bound && String(credentials.sessionName ?? '') !== '') {
			output.sessionName = credentials.sessionName;
			output.userId = credentials.userId ?? '';
		} else {
			const { session, userId } = await login(this.helpers, credentials);
			output.sessionName = session;
			output.userId = userId;
		}
		if (mobileWanted) Object.assign(output, await mobileLogin(this.helpers, credentials));
		else if (!bound) Object.assign(output, { mobileSession: '', mobileLoginError: '' });
		return output;
	}

	authenticate: IAuthenticate = async (credentials, requestOptions: IHttpRequestOptions) => {
		requestOptions.baseURL = simplyCrmBaseUrl(credentials.url);
		if (isMobileRequest(requestOptions)) return authenticateMobile(credentials, requestOptions);
		const sessionName = guardSession(requestOptions, credentials, 'sessionName', SIMPLY_CRM_LOGIN_FIELDS);
		// POST operations read their parameters from the form body only; GET ones from the query string. A body that is
		// not a plain object (multipart upload: Buffer, string, URLSearchParams, form data) is left as built.
		if (requestOptions.method === 'POST' && isPlainObject(requestOptions.body)) {
			requestOptions.body = { ...requestOptions.body, sessionName };
		} else {
			requestOptions.qs = { ...requestOptions.qs, sessionName };
		}
		return requestOptions;
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.url.trim().replace(/\\/+$/, "").replace(/\\/webservice\\.php$/i, "")}}',
			url: '/webservice.php',
			qs: { operation: 'listtypes' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'success', value: false, message: 'Simply CRM rejected the session' },
			},
		],
	};
}

type MobileMarked = IHttpRequestOptions & { [MOBILE_LOGIN_TRIED]?: boolean };

/**
 * Mobile API requests: login operations get the username and password; every other one gets the cached `_session`
 * (api.php reads form fields only). Without a mobile session the request asks n8n for a renewal once, which runs the
 * mobile login; a refused login is reported with the vendor's message.
 */
function authenticateMobile(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) {
	const fields = formFields(requestOptions.body);
	if (!fields) throw new Error('A Simply CRM Mobile API request must carry its parameters as form fields');
	const password = String(credentials.password ?? '');
	if (MOBILE_LOGIN_OPERATIONS.has(fields._operation)) {
		if (password === '') throw new Error(MOBILE_PASSWORD_MISSING);
		requestOptions.body = { ...fields, username: String(credentials.username ?? ''), password };
		return requestOptions;
	}
	mobileLoginWanted.add(credentials);
	const session = guardSession(requestOptions, credentials, 'mobileSession', SIMPLY_CRM_LOGIN_FIELDS);
	if (session === '') {
		const marked = requestOptions as MobileMarked;
		const bound = credentials.sessionBinding === sessionBinding(credentials, SIMPLY_CRM_LOGIN_FIELDS);
		const refusal = bound ? String(credentials.mobileLoginError ?? '') : '';
		if (password === '' || refusal !== '' || marked[MOBILE_LOGIN_TRIED]) {
			mobileLoginWanted.delete(credentials);
			throw new Error(
				password === ''
					? MOBILE_PASSWORD_MISSING
					: refusal || 'Simply CRM did not open a Mobile API session. Check the Password field of the credential.',
			);
		}
		marked[MOBILE_LOGIN_TRIED] = true;
		throw new SessionRenewalRequired();
	}
	mobileLoginWanted.delete(credentials);
	requestOptions.body = { ...fields, _session: session };
	return requestOptions;
}
