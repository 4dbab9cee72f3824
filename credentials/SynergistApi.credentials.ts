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

import { scrub } from '../nodes/shared/scrub';
import { guardSession, sessionBinding } from '../nodes/shared/session';
import { fieldOf, replyOf, synergistBaseUrl, synergistErrorOf } from '../nodes/Synergist/transport';

/** The fields a cached hash was made from: it outlives none of them. */
export const SYNERGIST_LOGIN_FIELDS = ['url', 'username', 'loginMode', 'password'];

const SHA512_HEX = /^[0-9a-f]{128}$/i;

/** users.json?action=GETSHA512 with the plain password: the only request that ever carries it. */
async function fetchSha512(helpers: IHttpRequestHelper['helpers'], credentials: ICredentialDataDecryptedObject): Promise<string> {
	const password = String(credentials.password ?? '');
	const request: IHttpRequestOptions = {
		method: 'GET',
		url: `${synergistBaseUrl(credentials.url)}/jsonapi/users.json`,
		qs: {
			user: String(credentials.username ?? ''),
			password,
			action: 'GETSHA512',
			version: String(credentials.apiVersion || '3.2'),
		},
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: 60_000,
	};
	const response = (await helpers.httpRequest(request).then(
		(value: unknown) => value,
		(error: Error) => ({ networkError: scrub(String(error?.message ?? error), [password]) }),
	)) as IN8nHttpFullResponse | { networkError: string };
	if ('networkError' in response) {
		throw new Error(`Could not reach the Synergist server to get the password hash: ${response.networkError}`);
	}
	const error = synergistErrorOf(response.statusCode, response.body);
	if (error) {
		const code = error.code === undefined ? '' : ` [${String(error.code)}]`;
		throw new Error(`Synergist refused the login: ${scrub(error.message, [password])}${code}. Check the server URL, user name and password.`);
	}
	const data = replyOf(response.body)?.data;
	const row = Array.isArray(data) && data[0] && typeof data[0] === 'object' ? (data[0] as IDataObject) : {};
	const hash = fieldOf(row, 'userPasswordSha512');
	if (typeof hash !== 'string' || hash === '') throw new Error('Synergist answered GETSHA512 without userPasswordSha512');
	return hash;
}

export class SynergistApi implements ICredentialType {
	name = 'synergistApi';

	displayName = 'Synergist API';

	icon: Icon = { light: 'file:../icons/synergist.svg', dark: 'file:../icons/synergist.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-business-pack/n8n-nodes-business-pack#synergist-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: 'https://synergist.example.com',
			required: true,
			description:
				'The address of your Synergist server, without /jsonapi. Prefer https: Synergist sends the credentials in the URL of every call.',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The Synergist login ID the API acts as',
		},
		{
			displayName: 'Password Type',
			description: 'Whether you enter the password itself or its SHA-512 form; with the hash, the password is never stored in n8n',
			name: 'loginMode',
			type: 'options',
			options: [
				{
					name: 'Password',
					value: 'plain',
					description: 'Used once to get its SHA-512 form from the server (GETSHA512); only the hash is sent after that',
				},
				{
					name: 'SHA-512 Hash',
					value: 'sha512',
					description: 'The userPasswordSha512 value the server gave for your password; the password itself is never stored',
				},
			],
			default: 'plain',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The Synergist password, or with Password Type "SHA-512 Hash" the 128-character hash (userPasswordSha512 from users.json?action=GETSHA512)',
		},
		{
			displayName: 'Company',
			name: 'company',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 1,
			description: 'The Synergist company (data set) number: the prefix of your codes, e.g. 1 in job 1/00000510',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: '3.2',
			description: 'Sent as version= on every call. API 3.2 needs Synergist 12.2 or later.',
		},
		{
			displayName: 'First Page',
			name: 'firstPage',
			type: 'options',
			options: [
				{ name: '1 (as the API Examples Show)', value: 1 },
				{ name: '0 (as the API Text Says)', value: 0 },
			],
			default: 1,
			description:
				'The number of the first page of a list on your server. The reference says numbering starts at 0, but its examples start at 1.',
		},
		{
			displayName: 'SHA-512 Password',
			name: 'sha512Password',
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
		const binding = sessionBinding(credentials, SYNERGIST_LOGIN_FIELDS);
		if (credentials.loginMode === 'sha512') {
			const hash = String(credentials.password ?? '').trim();
			if (!SHA512_HEX.test(hash)) {
				throw new Error('The SHA-512 hash must be 128 hexadecimal characters. Choose Password Type "Password" to enter the password instead.');
			}
			return { sha512Password: hash, sessionBinding: binding };
		}
		return { sha512Password: await fetchSha512(this.helpers, credentials), sessionBinding: binding };
	}

	authenticate: IAuthenticate = async (credentials, requestOptions: IHttpRequestOptions) => {
		const hash = guardSession(requestOptions, credentials, 'sha512Password', SYNERGIST_LOGIN_FIELDS);
		const params: IDataObject = { ...requestOptions.qs };
		// Only GETSHA512 (in preAuthentication) ever carries the plain password.
		delete params.password;
		requestOptions.baseURL = synergistBaseUrl(credentials.url);
		requestOptions.qs = {
			user: String(credentials.username ?? ''),
			sha512password: hash,
			version: String(credentials.apiVersion || '3.2'),
			company: credentials.company,
			...params,
		};
		return requestOptions;
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.url.trim().replace(/\\/+$/, "").replace(/\\/jsonapi$/i, "")}}',
			url: '/jsonapi/system.json',
			qs: { action: 'version' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'Synergist refused the credentials: check the user name, the password or hash, and that the account is enabled',
				},
			},
		],
	};
}
