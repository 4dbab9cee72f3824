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

import {
	SALON_CALL,
	SIMPLE_SALON_LOGIN_FIELDS,
	SIMPLE_SALON_USER_AGENT,
	isSalonSessionSuperseded,
	type SalonCallMarks,
	renewSalonSession,
	sessionFields,
	simpleSalonLoginUrl,
	tokenKey,
} from '../nodes/SimpleSalon/session';
import { SessionRenewalRequired, guardSession } from '../nodes/shared/session';

export { SIMPLE_SALON_LOGIN_FIELDS, SIMPLE_SALON_LOGIN_URLS, SIMPLE_SALON_USER_AGENT, simpleSalonLoginUrl } from '../nodes/SimpleSalon/session';

export class SimpleSalonApi implements ICredentialType {
	name = 'simpleSalonApi';

	displayName = 'Simple Salon API';

	icon: Icon = { light: 'file:../icons/simplesalon.svg', dark: 'file:../icons/simplesalon.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-business-pack/n8n-nodes-business-pack#simple-salon-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			description: 'Which Simple Salon server to log in to: the live one, the partner sandbox, or another address',
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
			description: 'The password of that Simple Salon user',
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

	/**
	 * Called by n8n when there is no token yet, or when a request needs a new one (a 401, the expiry passed, or the
	 * transport saw the token refused): refresh the token once per process however many items ask, else log in.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return sessionFields(await renewSalonSession(this.helpers, credentials), credentials);
	}

	authenticate: IAuthenticate = async (credentials, requestOptions: IHttpRequestOptions) => {
		const token = guardSession(requestOptions, credentials, 'sessionToken', SIMPLE_SALON_LOGIN_FIELDS);
		// The login answer says when the token dies: renew before sending rather than spend a request on a 401.
		const expiry = Date.parse(String(credentials.sessionExpiry ?? ''));
		if (token !== '' && Number.isFinite(expiry) && Date.now() >= expiry) throw new SessionRenewalRequired();
		// Another item already refreshed this token (it is dead now) or logged it out: take the renewal, skip the 401.
		if (token !== '' && isSalonSessionSuperseded(token)) throw new SessionRenewalRequired();
		const marks = (requestOptions as IHttpRequestOptions & { [SALON_CALL]?: SalonCallMarks })[SALON_CALL];
		if (marks) marks.sessionUsed = tokenKey(token);
		requestOptions.baseURL = String(credentials.sessionApiUrl ?? '') || simpleSalonLoginUrl(credentials);
		const headers: IDataObject = { ...requestOptions.headers, 'Content-Type': 'application/json', 'User-Agent': SIMPLE_SALON_USER_AGENT };
		if (marks?.tokenInBody) {
			// switch and logout take the token in the body; their examples send no Authorization header
			requestOptions.body = { ...(requestOptions.body as IDataObject | undefined), token };
		} else {
			headers.Authorization = `Bearer ${token}`;
		}
		requestOptions.headers = headers;
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
