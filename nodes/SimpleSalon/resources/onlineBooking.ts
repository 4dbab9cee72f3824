import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { collectPages, returnAllOrLimit, wantedCount } from '../../shared/paging';
import { salonBody, salonOperation, type SalonEndpoint, type SalonParam } from '../endpoint';
import { salonId, salonWallClock } from '../fields';
import { clientTokenOf, clientTokenProperty, salonClientRequest } from '../onlineBookingClient';
import { SALON_PAGE_SIZE } from '../transport';

/*
 * Online Booking: what the Simple Salon marketplace does for its consumers ("online booking clients", not a salon's
 * clients) — log in or register, keep their details, book or buy vouchers at a salon, cancel. Every call carries the
 * partner's login token; those made for a logged-in consumer also carry the consumer's token (see onlineBookingClient.ts).
 */

type TokenUse = 'required' | 'optional' | 'none';

const PROVIDERS = [
	{ name: 'Apple', value: 'apple' },
	{ name: 'Email', value: 'email' },
	{ name: 'Facebook', value: 'facebook' },
	{ name: 'Google', value: 'google' },
];

const VERIFICATION_TYPES = [
	{ name: 'Email', value: 'email' },
	{ name: 'Mobile', value: 'mobile' },
];

const onlineBookingClientId: SalonParam = {
	displayName: 'Online Booking Client ID',
	path: 'online_booking_client_id',
	name: 'onlineBookingClientId',
	type: 'id',
	default: '',
	placeholder: '2828',
	description: 'The logged-in client (online_booking_client_id in the Log In Client output); it must be the client the token belongs to',
};

const onlineBookingCompanyId: SalonParam = {
	displayName: 'Online Booking Company ID',
	path: 'online_booking_company_id',
	name: 'onlineBookingCompanyId',
	type: 'id',
	default: '',
	placeholder: '9494',
	description: "The salon's online booking store ID (online_booking_company_id, not its company ID) the client is using, so automated emails carry its branding",
};

const verificationType: SalonParam = {
	displayName: 'Verification Type',
	path: 'verification_type',
	name: 'verificationType',
	type: 'options',
	options: VERIFICATION_TYPES,
	default: 'mobile',
	description: 'Whether the code confirms the email address or the mobile number',
};

/** The client's writable details (Online Booking Client model), for Add Client and Update Client. */
const detailParams = (prefix: string): SalonParam[] => [
	{ displayName: 'Country Code', path: `${prefix}country_code`, name: 'countryCode', type: 'string', default: '', placeholder: 'AU', description: 'The 2-letter ISO 3166-1 code of the client\'s country' },
	{
		displayName: 'Email Reminders Enabled',
		path: `${prefix}email_reminders_enabled`,
		name: 'emailRemindersEnabled',
		type: 'boolean',
		default: true,
		description: 'Whether the client wants to hear about booking changes by email',
	},
	{ displayName: 'First Name', description: "The client's first name", path: `${prefix}firstname`, name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', description: "The client's last name", path: `${prefix}lastname`, name: 'lastName', type: 'string', default: '' },
	{ displayName: 'Mobile', description: "The client's mobile number", path: `${prefix}mobile`, name: 'mobile', type: 'string', default: '', placeholder: '0400000000' },
	{
		displayName: 'SMS Reminders Enabled',
		path: `${prefix}sms_reminders_enabled`,
		name: 'smsRemindersEnabled',
		type: 'boolean',
		default: true,
		description: 'Whether the client wants to hear about booking changes by SMS',
	},
];

const success = (extra: IDataObject = {}) => (reply: IDataObject): IDataObject => {
	const warnings = Array.isArray(reply.warnings) && reply.warnings.length > 0 ? { warnings: reply.warnings } : {};
	return { success: true, ...extra, ...warnings };
};

/** The reply without `success`; warnings kept when there are some. */
function replyOut(reply: IDataObject): IDataObject {
	const { success: _ok, ...rest } = reply;
	void _ok;
	if (Array.isArray(rest.warnings) && rest.warnings.length === 0) delete rest.warnings;
	return rest;
}

/** The client and, next to it, the token that later Online Booking steps need (the consumer's secret). */
function clientWithToken(reply: IDataObject): IDataObject {
	const client = (reply.online_booking_client as IDataObject | undefined) ?? {};
	const out: IDataObject = { ...client, token: reply.token as string };
	if (Array.isArray(reply.warnings) && reply.warnings.length > 0) out.warnings = reply.warnings;
	return out;
}

/** An endpoint described as data, with the client token as its first field (when it takes one) and in the header. */
function onlineBookingOperation(
	endpoint: SalonEndpoint,
	token: TokenUse,
	options: { tokenNote?: string; tokenNeeded?: (body: IDataObject) => boolean; tweak?: (properties: INodeProperties[]) => void } = {},
): Operation {
	const base = salonOperation(endpoint);
	const properties = token === 'none' ? base.properties : [clientTokenProperty(token === 'required', options.tokenNote), ...base.properties];
	options.tweak?.(properties);
	return {
		...base,
		properties,
		async execute(this: IExecuteFunctions, itemIndex: number) {
			let clientToken = token === 'none' ? undefined : clientTokenOf(this, itemIndex, token === 'required');
			const body = await salonBody(this, endpoint, itemIndex);
			if (clientToken === undefined && options.tokenNeeded?.(body)) clientToken = clientTokenOf(this, itemIndex, true);
			const reply = await salonClientRequest(this, { method: endpoint.method, body, idempotent: endpoint.idempotent, itemIndex, clientToken });
			if (endpoint.output) return endpoint.output(reply, this, itemIndex);
			const record = endpoint.result ? (reply[endpoint.result] as IDataObject | undefined) ?? {} : replyOut(reply);
			return Array.isArray(reply.warnings) && reply.warnings.length > 0 ? { ...record, warnings: reply.warnings } : record;
		},
	};
}

/** Update Client's new password: a masked field (SalonParam has no typeOptions), read by its `build`. */
function addPasswordField(properties: INodeProperties[]) {
	const updateFields = properties.find((p) => p.name === 'updateFields')!;
	updateFields.options = [
		...((updateFields.options ?? []) as INodeProperties[]),
		{
			displayName: 'Password',
			name: 'loginPassword',
			type: 'string' as const,
			typeOptions: { password: true },
			default: '',
			description: 'A new password (email logins only)',
		},
	].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

function fail(ctx: IExecuteFunctions, itemIndex: number, message: string, description?: string): never {
	throw new NodeOperationError(ctx.getNode(), `${message} in item ${itemIndex}`, { itemIndex, description });
}

const text = (ctx: IExecuteFunctions, name: string, itemIndex: number): string => {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	return raw === undefined || raw === null ? '' : String(raw).trim();
};

// ---- log in / register ----

/** The sign-in fields shared by Log In Client and Add Client: what each provider needs, checked before sending. */
const signInProperties: INodeProperties[] = [
	{
		displayName: 'Login Provider',
		name: 'loginProvider',
		type: 'options',
		noDataExpression: true,
		options: PROVIDERS,
		default: 'email',
		description: 'How the client signs in to Online Bookings',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		displayOptions: { show: { loginProvider: ['email', 'facebook'] } },
		description: 'The client\'s email address (required for an email login)',
	},
	{
		displayName: 'Password or Provider Token',
		name: 'loginPassword',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'The client\'s password for an email login; the access token from Google or Facebook; the ID token for Apple',
	},
	{
		displayName: 'Login Provider ID',
		name: 'loginProviderId',
		type: 'string',
		default: '',
		displayOptions: { show: { loginProvider: ['facebook', 'apple'] } },
		description: 'The client\'s Facebook ID (Facebook) or the authorisation code (Apple)',
	},
];

function signInValues(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const provider = text(ctx, 'loginProvider', itemIndex) || 'email';
	const values: IDataObject = { login_provider: provider };
	const email = provider === 'email' || provider === 'facebook' ? text(ctx, 'email', itemIndex) : '';
	const password = String(ctx.getNodeParameter('loginPassword', itemIndex, '') ?? '');
	const providerId = provider === 'facebook' || provider === 'apple' ? text(ctx, 'loginProviderId', itemIndex) : '';
	if (provider === 'email' && email === '') fail(ctx, itemIndex, 'The field "Email" is empty', 'An email login needs the client\'s email address.');
	if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail(ctx, itemIndex, `The field "Email" has an invalid value "${email}"`);
	if (password === '') {
		fail(ctx, itemIndex, 'The field "Password or Provider Token" is empty', provider === 'email' ? 'Enter the client\'s password.' : `Enter the ${provider} token of the client.`);
	}
	if ((provider === 'facebook' || provider === 'apple') && providerId === '') {
		fail(ctx, itemIndex, 'The field "Login Provider ID" is empty', provider === 'facebook' ? 'A Facebook login needs the Facebook ID.' : 'An Apple login needs the authorisation code.');
	}
	if (email !== '') values.email = email;
	values.login_password = password;
	if (providerId !== '') values.login_provider_id = providerId;
	return values;
}

function companyOf(ctx: IExecuteFunctions, itemIndex: number, collection: string): number | undefined {
	const chosen = ctx.getNodeParameter(collection, itemIndex, {}) as IDataObject;
	const raw = chosen.onlineBookingCompanyId;
	return raw === undefined || raw === '' ? undefined : salonId(ctx, '', itemIndex, 'Online Booking Company ID', raw);
}

const companyOption: INodeProperties = {
	displayName: 'Online Booking Company ID',
	name: 'onlineBookingCompanyId',
	type: 'string',
	default: '',
	placeholder: '9494',
	description: onlineBookingCompanyId.description,
};

const logIn: Operation = {
	value: 'logIn',
	name: 'Log In Client',
	action: 'Log in an online booking client',
	description: 'Log an online booking client in; the output carries the token later Online Booking steps need',
	endpoints: ['online_booking/client/login'],
	properties: [
		...signInProperties,
		{ displayName: 'Additional Fields', description: 'Optional details of the request', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options: [companyOption] },
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const body = signInValues(this, itemIndex);
		const company = companyOf(this, itemIndex, 'additionalFields');
		if (company !== undefined) body.online_booking_company_id = company;
		// Logging in again only makes another token: safe to repeat.
		return clientWithToken(await salonClientRequest(this, { method: 'online_booking/client/login', body, idempotent: true, itemIndex }));
	},
};

const addClientDetails = detailParams('');
const addClient: Operation = {
	value: 'addClient',
	name: 'Add Client',
	action: 'Add an online booking client',
	description: 'Register a new online booking client (a Google, Facebook or Apple client who already exists is logged in instead); the output carries their token',
	endpoints: ['online_booking/client/add'],
	properties: [
		...signInProperties,
		{
			displayName: 'Additional Fields',
			description: 'Optional details of the request',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				companyOption,
				...addClientDetails.map((param) => ({
					displayName: param.displayName,
					name: param.name ?? param.path,
					type: param.type === 'boolean' ? ('boolean' as const) : ('string' as const),
					default: param.default ?? (param.type === 'boolean' ? false : ''),
					placeholder: param.placeholder,
					description: param.description,
				})),
			].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const client = signInValues(this, itemIndex);
		const chosen = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		for (const param of addClientDetails) {
			const value = chosen[param.name ?? param.path];
			if (value === undefined || value === '') continue;
			client[param.path] = param.type === 'boolean' ? value === true : String(value).trim();
		}
		if (typeof client.country_code === 'string' && !/^[A-Za-z]{2}$/.test(client.country_code)) {
			fail(this, itemIndex, `The field "Country Code" has an invalid value "${client.country_code}"`, 'Use a 2-letter ISO 3166-1 code such as AU.');
		}
		if (typeof client.country_code === 'string') client.country_code = client.country_code.toUpperCase();
		const body: IDataObject = { online_booking_client: client };
		const company = companyOf(this, itemIndex, 'additionalFields');
		if (company !== undefined) body.online_booking_company_id = company;
		// The table puts login_provider at the top, the example inside online_booking_client; the example is followed.
		return clientWithToken(await salonClientRequest(this, { method: 'online_booking/client/add', body, idempotent: false, itemIndex }));
	},
};

// ---- the client's details and contact checks ----

const getClient = onlineBookingOperation(
	{
		method: 'online_booking/client/get',
		value: 'getClient',
		name: 'Get Client',
		action: 'Get an online booking client',
		description: 'Get the logged-in online booking client',
		idempotent: true,
		required: [onlineBookingClientId],
		result: 'online_booking_client',
	},
	'required',
);

const updateClient = onlineBookingOperation(
	{
		method: 'online_booking/client/update',
		value: 'updateClient',
		name: 'Update Client',
		action: 'Update an online booking client',
		description: 'Change the logged-in client\'s details; the fields you do not set keep their values',
		idempotent: true,
		required: [{ ...onlineBookingClientId, path: 'online_booking_client.online_booking_client_id' }],
		additionalLabel: 'Update Fields',
		additional: [
			...detailParams('online_booking_client.'),
			{ displayName: 'Email', path: 'online_booking_client.email', type: 'string', default: '', placeholder: 'name@email.com', description: 'A new email address has to be verified again' },
			onlineBookingCompanyId,
		],
		result: 'online_booking_client',
		build(ctx, itemIndex, body) {
			const client = body.online_booking_client as IDataObject;
			const password = (ctx.getNodeParameter('updateFields', itemIndex, {}) as IDataObject).loginPassword;
			if (typeof password === 'string' && password !== '') client.login_password = password;
			if (Object.keys(client).length < 2) fail(ctx, itemIndex, 'The field "Update Fields" is empty', 'Add at least one field to change.');
			if (typeof client.country_code === 'string') {
				if (!/^[A-Za-z]{2}$/.test(client.country_code)) fail(ctx, itemIndex, `The field "Country Code" has an invalid value "${client.country_code}"`, 'Use a 2-letter ISO 3166-1 code such as AU.');
				client.country_code = client.country_code.toUpperCase();
			}
			return body;
		},
	},
	'required',
	{ tweak: addPasswordField },
);

const resetPassword = onlineBookingOperation(
	{
		method: 'online_booking/client/reset_login_password',
		value: 'resetPassword',
		name: 'Send Password Reset',
		action: 'Send an online booking client a password reset email',
		description: 'Email the client a link to reset their password (email logins)',
		// it sends an email: never repeated automatically
		idempotent: false,
		required: [{ displayName: 'Email', path: 'email', type: 'string', default: '', placeholder: 'name@email.com', description: 'The email address the client logs in with' }],
		additional: [onlineBookingCompanyId],
		output: success(),
	},
	'none',
);

function verificationCode(ctx: IExecuteFunctions, itemIndex: number, body: IDataObject): IDataObject {
	const code = String(body.verification_code ?? '').trim();
	if (!/^\d{1,9}$/.test(code)) fail(ctx, itemIndex, `The field "Verification Code" has an invalid value "${code}"`, 'Enter the digits the client received, e.g. 7065.');
	return { ...body, verification_code: Number(code) };
}

const verify = onlineBookingOperation(
	{
		method: 'online_booking/client/verify',
		value: 'verify',
		name: 'Verify Email or Mobile',
		action: 'Verify an online booking client\'s email or mobile',
		description: 'Confirm the client\'s email address or mobile number with the code they received',
		idempotent: true,
		required: [
			onlineBookingClientId,
			verificationType,
			{ displayName: 'Verification Code', path: 'verification_code', name: 'verificationCode', type: 'string', default: '', placeholder: '7065', description: 'The code the client received' },
		],
		additional: [onlineBookingCompanyId],
		build: verificationCode,
		output: success(),
	},
	'optional',
	{
		tokenNote: ' Not needed to verify an email address.',
		tokenNeeded: (body) => body.verification_type !== 'email',
	},
);

const resendVerification = onlineBookingOperation(
	{
		method: 'online_booking/client/verify/resend',
		value: 'resendVerification',
		name: 'Resend Verification Code',
		action: 'Resend a verification code to an online booking client',
		description: 'Send the client a new message with the code to verify their email address or mobile number',
		// it sends a message: never repeated automatically
		idempotent: false,
		required: [onlineBookingClientId, verificationType],
		additional: [onlineBookingCompanyId],
		output: success(),
	},
	'required',
);

// ---- vouchers ----

const sendVoucher: Operation = {
	value: 'sendVoucher',
	name: 'Send Voucher',
	action: 'Send a voucher through Online Bookings',
	description: 'Send one of the client\'s purchased vouchers to someone by email, e.g. as a gift',
	endpoints: ['online_booking/client_voucher/send'],
	properties: [
		clientTokenProperty(true),
		{
			displayName: 'Identify Voucher By',
			description: "Whether you give the voucher's barcode or the client voucher number",
			name: 'voucherBy',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Barcode', value: 'barcode' },
				{ name: 'Client Voucher ID', value: 'id' },
			],
			default: 'id',
		},
		{
			displayName: 'Client Voucher ID',
			name: 'clientVoucherId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '2769',
			displayOptions: { show: { voucherBy: ['id'] } },
			description: 'The voucher the client bought (client_voucher_id)',
		},
		{
			displayName: 'Barcode',
			name: 'barcode',
			type: 'string',
			default: '',
			required: true,
			placeholder: '900000000123',
			displayOptions: { show: { voucherBy: ['barcode'] } },
			description: 'The barcode of the voucher the client bought',
		},
		{ displayName: 'Recipient Email', description: 'The email address the voucher is sent to', name: 'recipientEmail', type: 'string', placeholder: 'name@email.com', default: '', required: true },
		{ displayName: 'Recipient Name', description: 'The name of the person who receives the voucher', name: 'recipientName', type: 'string', default: '', required: true },
		{ displayName: 'Message', name: 'message', type: 'string', typeOptions: { rows: 3 }, default: '', required: true, description: 'The message sent with the voucher' },
		{ ...companyOption, required: true, description: 'The online booking store ID of the salon the voucher is from (for its branding)' },
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const clientToken = clientTokenOf(this, itemIndex, true);
		const body: IDataObject = {};
		if (text(this, 'voucherBy', itemIndex) === 'barcode') {
			const barcode = text(this, 'barcode', itemIndex);
			if (barcode === '') fail(this, itemIndex, 'The field "Barcode" is empty');
			body.barcode = barcode;
		} else {
			body.client_voucher_id = salonId(this, 'clientVoucherId', itemIndex, 'Client Voucher ID');
		}
		const email = text(this, 'recipientEmail', itemIndex);
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
			fail(this, itemIndex, email === '' ? 'The field "Recipient Email" is empty' : `The field "Recipient Email" has an invalid value "${email}"`);
		}
		body.email = email;
		for (const [name, key, label] of [
			['recipientName', 'name', 'Recipient Name'],
			['message', 'message', 'Message'],
		] as const) {
			const value = text(this, name, itemIndex);
			if (value === '') fail(this, itemIndex, `The field "${label}" is empty`);
			body[key] = value;
		}
		body.online_booking_company_id = salonId(this, 'onlineBookingCompanyId', itemIndex, 'Online Booking Company ID');
		// Sending twice would email the voucher twice: never repeated automatically.
		const reply = await salonClientRequest(this, { method: 'online_booking/client_voucher/send', body, idempotent: false, itemIndex, clientToken });
		const sent: IDataObject = body.barcode ? { barcode: body.barcode } : { client_voucher_id: body.client_voucher_id };
		return success({ ...sent, email })(reply);
	},
};

// ---- bookings ----

const getManyBookings: Operation = {
	value: 'getManyBookings',
	name: 'Get Many Bookings',
	action: 'Get many online bookings of a client',
	description: 'List the client\'s online bookings at every salon, newest first, with their status and whether they can be cancelled',
	endpoints: ['online_booking/client/appointment/list'],
	properties: [
		clientTokenProperty(true),
		{
			displayName: 'Online Booking Client ID',
			name: 'onlineBookingClientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '2828',
			description: onlineBookingClientId.description,
		},
		...returnAllOrLimit(),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const clientToken = clientTokenOf(this, itemIndex, true);
		const clientId = salonId(this, 'onlineBookingClientId', itemIndex, 'Online Booking Client ID');
		const wanted = wantedCount(this, itemIndex);
		// One page size for every page, so page numbers line up; `more_available` says when to stop (no totals here).
		const pageSize = Number.isFinite(wanted) ? Math.max(1, Math.min(SALON_PAGE_SIZE, wanted)) : SALON_PAGE_SIZE;
		return await collectPages<IDataObject>(wanted, SALON_PAGE_SIZE, async (pageIndex) => {
			const reply = await salonClientRequest(this, {
				method: 'online_booking/client/appointment/list',
				body: { filters: { online_booking_client_id: clientId }, options: { page_number: pageIndex + 1, rows_per_page: pageSize } },
				idempotent: true,
				itemIndex,
				clientToken,
			});
			const rows = Array.isArray(reply.online_booking_appointments) ? (reply.online_booking_appointments as IDataObject[]) : [];
			return { items: rows, more: reply.more_available === true };
		});
	},
};

const paymentsProperty = (required: boolean): INodeProperties => ({
	displayName: 'Payments',
	name: 'payments',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Payment',
	default: {},
	required: required || undefined,
	description: required ? 'How the client pays (at least one payment)' : 'How the client pays now, if the salon takes payment online',
	options: [
		{
			displayName: 'Payment',
			name: 'payment',
			values: [
				{
					displayName: 'Type',
					description: 'How this part of the booking is paid',
					name: 'type',
					type: 'options',
					options: [
						{ name: 'Stored Card (Slick)', value: 'slick' },
						{ name: 'Voucher', value: 'voucher' },
					],
					default: 'slick',
				},
				{
					displayName: 'Payment Method ID',
					name: 'paymentMethodId',
					type: 'string',
					default: '',
					placeholder: '3490',
					displayOptions: { show: { type: ['slick'] } },
					description: 'The client\'s stored card: its external_id from the client payment types of gateway slick',
				},
				{
					displayName: 'Voucher Barcode',
					description: 'The barcode of the voucher the client pays with',
					name: 'barcode',
					type: 'string',
					default: '',
					placeholder: '900000000123',
					displayOptions: { show: { type: ['voucher'] } },
				},
				{ displayName: 'Amount', description: 'How much is paid this way', name: 'amount', type: 'number', typeOptions: { minValue: 0, numberPrecision: 2 }, default: 0 },
			],
		},
	],
});

function paymentsOf(ctx: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const rows = ((ctx.getNodeParameter('payments', itemIndex, {}) as IDataObject).payment as IDataObject[] | undefined) ?? [];
	const payments = rows.map((row, n) => {
		const label = `Payments ${n + 1}`;
		const amount = Number(row.amount);
		if (!Number.isFinite(amount) || amount <= 0) fail(ctx, itemIndex, `The field "${label} → Amount" must be more than 0`);
		if (row.type === 'voucher') {
			const barcode = String(row.barcode ?? '').trim();
			if (barcode === '') fail(ctx, itemIndex, `The field "${label} → Voucher Barcode" is empty`);
			return { type: 'voucher', barcode, amount };
		}
		const id = salonId(ctx, '', itemIndex, `${label} → Payment Method ID`, row.paymentMethodId ?? '');
		return { type: 'slick', online_booking_client_payment_id: id, amount };
	});
	if (payments.filter((p) => p.type === 'slick').length > 1) {
		fail(ctx, itemIndex, 'The field "Payments" has more than one stored card payment', 'Simple Salon takes at most one payment of type Stored Card (Slick) per booking.');
	}
	return payments;
}

const book: Operation = {
	value: 'book',
	name: 'Book Appointments',
	action: 'Book appointments as an online booking client',
	description: 'Request appointments at a salon for the logged-in client; the output status says whether the salon confirmed them or has yet to accept',
	endpoints: ['online_booking/client/appointment/add'],
	properties: [
		clientTokenProperty(true),
		{ ...companyOption, required: true, description: 'The online booking store ID of the salon to book at (online_booking_company_id)' },
		{
			displayName: 'Appointments',
			description: 'The services to book, one entry per appointment',
			name: 'appointments',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Appointment',
			default: {},
			required: true,
			options: [
				{
					displayName: 'Appointment',
					name: 'appointment',
					values: [
						{ displayName: 'Operator ID', name: 'operatorId', type: 'string', default: '', placeholder: '2222', description: 'The staff member' },
						{
							displayName: 'Price',
							name: 'price',
							type: 'number',
							typeOptions: { minValue: 0, numberPrecision: 2 },
							default: 0,
							description: 'The price shown to the client online; the salon refuses a price that is no longer current',
						},
						{
							displayName: 'Redeem Via Membership',
							name: 'redeemViaMembership',
							type: 'boolean',
							default: false,
							description: 'Whether to pay by claiming one of the client\'s membership inclusion items',
						},
						{
							displayName: 'Redeem Via Package',
							name: 'redeemViaPackage',
							type: 'boolean',
							default: false,
							description: 'Whether to pay with a service from a package the client bought',
						},
						{ displayName: 'Service ID', description: 'The number of the service to book, e.g. 3333', name: 'serviceId', type: 'string', default: '', placeholder: '3333' },
						{
							displayName: 'Start Time',
							name: 'timeStart',
							type: 'dateTime',
							default: '',
							description: 'In the salon\'s local time: the digits are sent as given, without a time zone',
						},
					],
				},
			],
		},
		paymentsProperty(false),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const clientToken = clientTokenOf(this, itemIndex, true);
		const company = salonId(this, 'onlineBookingCompanyId', itemIndex, 'Online Booking Company ID');
		const rows = ((this.getNodeParameter('appointments', itemIndex, {}) as IDataObject).appointment as IDataObject[] | undefined) ?? [];
		if (rows.length === 0) fail(this, itemIndex, 'The field "Appointments" is empty', 'Add at least one appointment to book.');
		const appointments = rows.map((row, n) => {
			const label = `Appointments ${n + 1}`;
			const price = Number(row.price);
			if (!Number.isFinite(price) || price < 0) fail(this, itemIndex, `The field "${label} → Price" has an invalid value "${String(row.price)}"`);
			const appointment: IDataObject = {
				operator_id: salonId(this, '', itemIndex, `${label} → Operator ID`, row.operatorId ?? ''),
				service_id: salonId(this, '', itemIndex, `${label} → Service ID`, row.serviceId ?? ''),
				time_start: salonWallClock(this, row.timeStart, itemIndex, `${label} → Start Time`),
				price,
			};
			if (row.redeemViaMembership === true) appointment.redeem_via_membership = true;
			if (row.redeemViaPackage === true) appointment.redeem_via_package = true;
			return appointment;
		});
		const payments = paymentsOf(this, itemIndex);
		const body: IDataObject = { online_booking_company_id: company, online_booking_appointments: appointments };
		if (payments.length > 0) body.online_booking_payments = payments;
		// A booking (and its payment) must never be made twice: not repeated once it may have reached Simple Salon.
		return replyOut(await salonClientRequest(this, { method: 'online_booking/client/appointment/add', body, idempotent: false, itemIndex, clientToken }));
	},
};

const buyVouchers: Operation = {
	value: 'buyVouchers',
	name: 'Buy Vouchers',
	action: 'Buy vouchers as an online booking client',
	description: 'Buy gift vouchers at a salon for the logged-in client and pay for them',
	endpoints: ['online_booking/client/appointment/add'],
	properties: [
		clientTokenProperty(true),
		{ ...companyOption, required: true, description: 'The online booking store ID of the salon selling the vouchers (online_booking_company_id)' },
		{
			displayName: 'Vouchers',
			description: 'The vouchers to buy, one entry per voucher type',
			name: 'vouchers',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Voucher',
			default: {},
			required: true,
			options: [
				{
					displayName: 'Voucher',
					name: 'voucher',
					values: [
						{ displayName: 'Quantity', description: 'How many of this voucher to buy', name: 'quantity', type: 'number', typeOptions: { minValue: 1 }, default: 1 },
						{
							displayName: 'Total Price',
							name: 'price',
							type: 'number',
							typeOptions: { minValue: 0, numberPrecision: 2 },
							default: 0,
							description: 'The price of all of these vouchers together',
						},
						{ displayName: 'Voucher ID', name: 'voucherId', type: 'string', default: '', placeholder: '501', description: 'The kind of voucher the salon sells' },
					],
				},
			],
		},
		paymentsProperty(true),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const clientToken = clientTokenOf(this, itemIndex, true);
		const company = salonId(this, 'onlineBookingCompanyId', itemIndex, 'Online Booking Company ID');
		const rows = ((this.getNodeParameter('vouchers', itemIndex, {}) as IDataObject).voucher as IDataObject[] | undefined) ?? [];
		if (rows.length === 0) fail(this, itemIndex, 'The field "Vouchers" is empty', 'Add at least one voucher to buy.');
		const vouchers = rows.map((row, n) => {
			const label = `Vouchers ${n + 1}`;
			const quantity = Number(row.quantity);
			const price = Number(row.price);
			if (!Number.isInteger(quantity) || quantity < 1) fail(this, itemIndex, `The field "${label} → Quantity" has an invalid value "${String(row.quantity)}"`);
			if (!Number.isFinite(price) || price < 0) fail(this, itemIndex, `The field "${label} → Total Price" has an invalid value "${String(row.price)}"`);
			return { voucher_id: salonId(this, '', itemIndex, `${label} → Voucher ID`, row.voucherId ?? ''), price, quantity };
		});
		const payments = paymentsOf(this, itemIndex);
		// "Required if this is a client_vouchers purchase."
		if (payments.length === 0) fail(this, itemIndex, 'The field "Payments" is empty', 'A voucher purchase needs a payment.');
		const body: IDataObject = { online_booking_company_id: company, client_vouchers: vouchers, online_booking_payments: payments };
		// A purchase must never be made twice: not repeated once it may have reached Simple Salon.
		return replyOut(await salonClientRequest(this, { method: 'online_booking/client/appointment/add', body, idempotent: false, itemIndex, clientToken }));
	},
};

const cancelBooking = onlineBookingOperation(
	{
		method: 'online_booking/client/appointment/cancel',
		value: 'cancelBooking',
		name: 'Cancel Booking',
		action: 'Cancel an online booking',
		description: 'Cancel one of the client\'s online bookings; a deposit is refunded where it can be',
		// cancelling a cancelled booking changes nothing
		idempotent: true,
		required: [
			{
				displayName: 'Online Booking ID',
				path: 'online_booking_appointment_id',
				name: 'onlineBookingAppointmentId',
				type: 'id',
				default: '',
				placeholder: '9191',
				description: 'The booking to cancel (online_booking_appointment_id in Get Many Bookings)',
			},
		],
		output: (reply, ctx, itemIndex) => ({
			online_booking_appointment_id: salonId(ctx, 'onlineBookingAppointmentId', itemIndex, 'Online Booking ID'),
			...replyOut(reply),
		}),
	},
	'required',
);

export const onlineBooking: Resource = {
	value: 'onlineBooking',
	name: 'Online Booking',
	description: 'The Online Bookings marketplace\'s own clients: log in, register, book, buy vouchers, cancel',
	operations: [logIn, addClient, getClient, updateClient, resetPassword, verify, resendVerification, sendVoucher, getManyBookings, book, buyVouchers, cancelBooking],
	defaultOperation: 'logIn',
};
