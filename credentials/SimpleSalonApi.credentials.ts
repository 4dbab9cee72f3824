import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { SessionRenewalRequired, guardSession, sessionBinding } from '../nodes/shared/session';

/** Where login happens; the API then names its own host (`api_url`, usually https://apiN.simplesalon.com). */
export const SIMPLE_SALON_LOGIN_URLS: Record<string, string> = {
	production: 'https://api.simplesalon.com',
	sandbox: 'https://sandbox-api.simplesalon.com',
};

/** Sent on every request: the docs ask for "a description of the software and version you are using". */
export const SIMPLE_SALON_USER_AGENT = 'n8n-nodes-business-pack/0.1 (n8n)';

/** The fields a cached login token was made from: a token outlives none of them. */
export const SIMPLE_SALON_LOGIN_FIELDS = ['environment', 'customUrl', 'partnerToken', 'companyToken', 'companyId', 'username', 'password'];

export function simpleSalonLoginUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'production');
	const url = environment === 'custom' ? String(credentials.customUrl ?? '') : SIMPLE_SALON_LOGIN_URLS[environment] ?? '';
	return url.trim().replace(/\/+$/, '').replace(/\/v1(\/login)?$/i, '');
}

interface LoginReply {
	success?: unknown;
	token?: unknown;
	api_url?: unknown;
	expiry?: unknown;
	error?: { code?: unknown; message?: unknown };
	code?: unknown;
	message?: unknown;
}

/** POST /v1/login with the partner and company tokens; answers the token, its expiry and the api_url to use. */
async function login(helpers: IHttpRequestHelper['helpers'], credentials: ICredentialDataDecryptedObject) {
	const base = simpleSalonLoginUrl(credentials);
	if (!/^https?:\/\/[^/]/i.test(base)) throw new Error('Simple Salon login failed: the Custom URL is not an http(s) address');
	const companyId = Number(credentials.companyId);
	if (!Number.isInteger(companyId) || companyId <= 0) throw new Error('Simple Salon login failed: the Company ID must be a whole number');
	const response = (await helpers.httpRequest({
		method: 'POST',
		url: `${base}/v1/login`,
		headers: {
			'Content-Type': 'application/json',
			'User-Agent': SIMPLE_SALON_USER_AGENT,
			'X-Partner-Token': String(credentials.partnerToken ?? ''),
			'X-Company-Token': String(credentials.companyToken ?? ''),
		},
		body: { username: String(credentials.username ?? ''), password: String(credentials.password ?? ''), company_id: companyId },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as IN8nHttpFullResponse;
	const reply = (response.body && typeof response.body === 'object' ? response.body : {}) as LoginReply;
	const { token, api_url: apiUrl, expiry } = reply;
	if (reply.success === true && typeof token === 'string' && token !== '' && typeof apiUrl === 'string' && /^https?:\/\//i.test(apiUrl)) {
		return { token, apiUrl: apiUrl.trim().replace(/\/+$/, ''), expiry: typeof expiry === 'string' ? expiry : '' };
	}
	// The Errors section of the docs is missing: read the Message from `error`, or flat code/message.
	const message = String(reply.error?.message ?? reply.message ?? `HTTP ${response.statusCode}`);
	const code = reply.error?.code ?? reply.code;
	throw new Error(
		`Simple Salon login failed: ${message}${code === undefined ? '' : ` [${String(code)}]`}. Check the partner token, company token, company ID, username and password, and that API access for this partner is enabled in Simple Salon (Account → Actions → API Settings).`,
	);
}

export class SimpleSalonApi implements ICredentialType {
	name = 'simpleSalonApi';

	displayName = 'Simple Salon API';

	icon: Icon = { light: 'file:../icons/simplesalon.svg', dark: 'file:../icons/simplesalon.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-business-pack/n8n-nodes-business-pack#simple-salon';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: 'https://api.simplesalon.com' },
				{ name: 'Sandbox', value: 'sandbox', description: 'https://sandbox-api.simplesalon.com (test company from the Partner Program)' },
				{ name: 'Custom URL', value: 'custom' },
			],
			default: 'production',
		},
		{
			displayName: 'Custom URL',
			name: 'customUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.simplesalon.com',
			description: 'The address login is sent to (<URL>/v1/login)',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Partner Token',
			name: 'partnerToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Partner Token of the integration partner (from Simple Salon\'s Partner Program)',
		},
		{
			displayName: 'Company Token',
			name: 'companyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Company Token your integration partner generated for this company (never the Signing Key)',
		},
		{
			displayName: 'Company ID',
			name: 'companyId',
			type: 'number',
			default: 0,
			required: true,
			description: 'The Company ID you log in to Simple Salon with',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The Simple Salon user the API acts as; its role decides what the node may do',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{ displayName: 'Session API URL', name: 'sessionApiUrl', type: 'hidden', default: '' },
		{ displayName: 'Session Expiry', name: 'sessionExpiry', type: 'hidden', default: '' },
		{ displayName: 'Session Binding', name: 'sessionBinding', type: 'hidden', default: '' },
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const session = await login(this.helpers, credentials);
		// An expiry already past on our clock means the clocks disagree: then rely on the API's 401s alone.
		const expiry = Date.parse(session.expiry);
		return {
			sessionToken: session.token,
			sessionApiUrl: session.apiUrl,
			sessionExpiry: Number.isFinite(expiry) && expiry > Date.now() ? session.expiry : '',
			sessionBinding: sessionBinding(credentials, SIMPLE_SALON_LOGIN_FIELDS),
		};
	}

	authenticate: IAuthenticate = async (credentials, requestOptions: IHttpRequestOptions) => {
		const token = guardSession(requestOptions, credentials, 'sessionToken', SIMPLE_SALON_LOGIN_FIELDS);
		// The login answer says when the token dies: renew before sending rather than spend a request on a 401.
		const expiry = Date.parse(String(credentials.sessionExpiry ?? ''));
		if (token !== '' && Number.isFinite(expiry) && Date.now() >= expiry) throw new SessionRenewalRequired();
		requestOptions.baseURL = String(credentials.sessionApiUrl ?? '') || simpleSalonLoginUrl(credentials);
		requestOptions.headers = {
			...requestOptions.headers,
			'Content-Type': 'application/json',
			'User-Agent': SIMPLE_SALON_USER_AGENT,
			Authorization: `Bearer ${token}`,
		};
		return requestOptions;
	};

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/v1/client/list',
			body: { filters: {}, options: { rows_per_page: 1 } } as IDataObject,
			json: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'success', value: false, message: 'Simple Salon refused the request made with the new login token' },
			},
		],
	};
}
