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

import {
	simpleSimonApiRoot,
	simpleSimonBaseUrl,
	simpleSimonErrorMessage,
} from '../nodes/SimpleSimon/transport';
import { scrub } from '../nodes/shared/scrub';
import { guardSession, sessionBinding } from '../nodes/shared/session';

/** The licence code without the spaces or dashes it is often written with; undefined unless it is 16 digits. */
export function simpleSimonLicence(value: unknown): string | undefined {
	const digits = String(value ?? '').replace(/[\s.-]/g, '');
	return /^\d{16}$/.test(digits) ? digits : undefined;
}

/** The fields a cached bearer token was made from: a token outlives none of them. */
export const SIMPLE_SIMON_LOGIN_FIELDS = ['url', 'licenceKey', 'apiKey', 'username', 'password'];

export const SIMPLE_SIMON_DEFAULT_LOGIN_PATH = '/login';
export const SIMPLE_SIMON_DEFAULT_TOKEN_FIELD = 'access_token';

/** Where the common login replies keep the token, tried after the configured field. */
const COMMON_TOKEN_FIELDS = [
	'access_token',
	'token',
	'accessToken',
	'bearerToken',
	'jwt',
	'id_token',
];

function at(source: unknown, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>(
			(value, key) =>
				value && typeof value === 'object' ? (value as IDataObject)[key] : undefined,
			source,
		);
}

function usableToken(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const token = value
		.trim()
		.replace(/^"(.*)"$/s, '$1')
		.replace(/^Bearer\s+/i, '')
		.trim();
	return token !== '' && !/\s/.test(token) ? token : undefined;
}

/**
 * The bearer token in a login reply. The login reply is not documented, so besides the configured field this accepts
 * the usual shapes: `{ access_token }`, `{ token }`, `{ accessToken }`, the same under `data`/`result`, or a bare string.
 */
export function tokenFromLoginReply(body: unknown, loginReplyField: string): string | undefined {
	const bare = usableToken(body);
	if (bare !== undefined) return /^[{[]/.test(bare) ? undefined : bare;
	const fields = [loginReplyField, ...COMMON_TOKEN_FIELDS].filter((field) => field !== '');
	for (const container of [body, at(body, 'data'), at(body, 'result'), at(body, 'value')]) {
		for (const field of fields) {
			const token = usableToken(at(container, field));
			if (token !== undefined) return token;
		}
	}
	return undefined;
}

/** POST <login path> with lickey, apiKey, username and password; answers the bearer token. */
async function login(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const base = simpleSimonBaseUrl(credentials.url);
	if (!/^https?:\/\/[^/]/i.test(base)) {
		throw new Error(
			'Simple-Simon login failed: the API URL must be the http(s) address from the activation e-mail',
		);
	}
	const lickey = simpleSimonLicence(credentials.licenceKey);
	if (lickey === undefined) {
		throw new Error(
			'Simple-Simon login failed: the Licence Code must be 16 digits (spaces and dashes are ignored)',
		);
	}
	const loginPath = String(credentials.loginPath ?? '').trim() || SIMPLE_SIMON_DEFAULT_LOGIN_PATH;
	const apiKey = String(credentials.apiKey ?? '');
	const password = String(credentials.password ?? '');
	const response = (await helpers.httpRequest({
		method: 'POST',
		url: `${base}/${loginPath.replace(/^\/+/, '')}`,
		body: { lickey, apiKey, username: String(credentials.username ?? ''), password },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as IN8nHttpFullResponse;
	const secrets = [lickey, apiKey, password];
	if (response.statusCode >= 400) {
		const { message, code } = simpleSimonErrorMessage(response.body);
		const hint =
			response.statusCode === 401 || response.statusCode === 403
				? 'Check the licence code, API key, username and password, and that API access is active for this licence.'
				: response.statusCode === 404 || response.statusCode === 405
					? `Check the API URL and the Login Path ("${loginPath}") against the API documentation from the activation e-mail.`
					: 'Check the credential settings.';
		const detail = message ? `: ${scrub(message, secrets)}${code ? ` [${code}]` : ''}` : '';
		throw new Error(`Simple-Simon login failed (HTTP ${response.statusCode})${detail}. ${hint}`);
	}
	const loginReplyField =
		String(credentials.loginReplyField ?? '').trim() || SIMPLE_SIMON_DEFAULT_TOKEN_FIELD;
	const token = tokenFromLoginReply(response.body, loginReplyField);
	if (token === undefined) {
		const body = response.body as unknown;
		const fields =
			body && typeof body === 'object' ? Object.keys(body as IDataObject).join(', ') : typeof body;
		throw new Error(
			`Simple-Simon login answered without a token in "${loginReplyField}" (the reply has: ${fields || 'nothing'}). Set the Token Field to the name the API documentation gives.`,
		);
	}
	return token;
}

export class SimpleSimonApi implements ICredentialType {
	name = 'simpleSimonApi';

	displayName = 'Simple-Simon API';

	icon: Icon = {
		light: 'file:../icons/simplesimon.svg',
		dark: 'file:../icons/simplesimon.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-business-pack/n8n-nodes-business-pack#simple-simon-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API URL',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: 'https://api.example-tenant.simple-simon.com',
			required: true,
			description:
				'The API address in the e-mail Simon Support sends when they activate API access',
		},
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- the licence code is one of the four login secrets
		{
			displayName: 'Licence Code',
			name: 'licenceKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: '1234 5678 9012 3456',
			required: true,
			description:
				'Your 16-digit Simon licence code (sent as lickey). Spaces and dashes are ignored.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key from the API activation e-mail',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			placeholder: 'name@example.com',
			required: true,
			description:
				'Your Simon Office username, usually the e-mail address of a user with an active licence',
		},
		{
			displayName: 'Password',
			description: 'The password of that Simon Office user',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName:
				'Advanced: the public documentation does not give the login path, the name of the token in its reply or a base path for the entities. Change the fields below only if the API documentation from the activation e-mail says otherwise.',
			name: 'advancedNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Login Path',
			name: 'loginPath',
			type: 'string',
			default: SIMPLE_SIMON_DEFAULT_LOGIN_PATH,
			description: 'Path of the login endpoint, relative to the API URL',
		},
		{
			displayName: 'Token Field',
			name: 'loginReplyField',
			type: 'string',
			default: SIMPLE_SIMON_DEFAULT_TOKEN_FIELD,
			description:
				'Field of the login reply that holds the bearer token (dots for nested fields, e.g. data.token). If it is missing, token, accessToken and a bare string reply are accepted too.',
		},
		{
			displayName: 'Base Path',
			name: 'basePath',
			type: 'string',
			default: '',
			placeholder: '/odata',
			description:
				'Path between the API URL and the entity paths (e.g. /odata when work orders are at /odata/workorders). Empty when the entities sit right under the API URL. The Login Path does not use it.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Binding',
			name: 'sessionBinding',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const accessToken = await login(this.helpers, credentials);
		return { accessToken, sessionBinding: sessionBinding(credentials, SIMPLE_SIMON_LOGIN_FIELDS) };
	}

	authenticate: IAuthenticate = async (credentials, requestOptions: IHttpRequestOptions) => {
		const accessToken = guardSession(
			requestOptions,
			credentials,
			'accessToken',
			SIMPLE_SIMON_LOGIN_FIELDS,
		);
		requestOptions.baseURL = simpleSimonApiRoot(credentials);
		// The docs say only "a bearer token … as a header parameter"; the standard Authorization header is assumed.
		requestOptions.headers = { ...requestOptions.headers, Authorization: `Bearer ${accessToken}` };
		return requestOptions;
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.url.trim().replace(/\\/+$/, "") + ($credentials.basePath ? "/" + $credentials.basePath.trim().replace(/^\\/+|\\/+$/g, "") : "")}}',
			url: '/locations',
			qs: { $top: 1 },
		},
	};
}
