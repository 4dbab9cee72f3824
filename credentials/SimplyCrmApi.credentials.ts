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

import { guardSession, sessionBinding } from '../nodes/shared/session';

/** The instance URL as users paste it (with or without a trailing slash or /webservice.php). */
export function simplyCrmBaseUrl(url: unknown): string {
	return String(url ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/webservice\.php$/i, '')
		.replace(/\/+$/, '');
}

/** The fields a cached session was made from: a session outlives none of them. */
export const SIMPLY_CRM_LOGIN_FIELDS = ['url', 'username', 'accessKey'];

interface WebserviceReply {
	success?: boolean;
	result?: IDataObject;
	error?: { code?: string; message?: string; errorCode?: string; errorMessage?: string };
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

export class SimplyCrmApi implements ICredentialType {
	name = 'simplyCrmApi';

	displayName = 'Simply CRM API';

	icon: Icon = { light: 'file:../icons/simplycrm.svg', dark: 'file:../icons/simplycrm.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-business-pack/n8n-nodes-business-pack#simply-crm';

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
			description: "Only for Mobile API operations, which log in with the user's real password",
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
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { session, userId } = await login(this.helpers, credentials);
		return { sessionName: session, userId, sessionBinding: sessionBinding(credentials, SIMPLY_CRM_LOGIN_FIELDS) };
	}

	authenticate: IAuthenticate = async (credentials, requestOptions: IHttpRequestOptions) => {
		const sessionName = guardSession(requestOptions, credentials, 'sessionName', SIMPLY_CRM_LOGIN_FIELDS);
		requestOptions.baseURL = simplyCrmBaseUrl(credentials.url);
		// POST operations read their parameters from the form body only; GET ones from the query string.
		if (requestOptions.method === 'POST' && requestOptions.body && typeof requestOptions.body === 'object') {
			requestOptions.body = { ...(requestOptions.body as IDataObject), sessionName };
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
