import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IN8nHttpFullResponse,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { SIMPLE_SALON_USER_AGENT, simpleSalonLoginUrl } from '../../../credentials/SimpleSalonApi.credentials';
import type { Operation, Resource } from '../../shared/execute';
import { networkCodeOf, sendWithSession, vendorApiError } from '../../shared/transport';
import { salonOperation, type SalonEndpoint, type SalonParam } from '../endpoint';
import { salonId } from '../fields';
import { simpleSalonProtocol } from '../transport';

/*
 * The company's Simple Salon account, as two resources: "Billing" (the subscription's plan and add-ons, invoices,
 * payment sources, the billing portal, signing up a new company) and "SMS Credit" (balance, quote, purchase,
 * transfer). Simple Salon answers these only for an Administrator user. Adding items, refreshing the subscription,
 * buying and transferring credit and signing up may cost money, so they are never repeated automatically.
 */

/** The company the credential logs in to: the documented default of the "required" company_id fields. */
export async function loggedInCompanyId(ctx: IExecuteFunctions, itemIndex: number): Promise<number> {
	const credentials = await ctx.getCredentials('simpleSalonApi', itemIndex);
	return Number(credentials.companyId);
}

export const companyIdParam = (path = 'company_id', description = 'Defaults to the company you log in to'): SalonParam => ({
	displayName: 'Company ID',
	path,
	name: 'company_id',
	type: 'id',
	default: '',
	placeholder: '12345',
	description,
});

/** A reply that carries nothing but `success` becomes a short confirmation item (with any warnings). */
export function confirmation(reply: IDataObject, facts: IDataObject): IDataObject {
	const warnings = reply.warnings;
	return Array.isArray(warnings) && warnings.length > 0 ? { ...facts, warnings } : facts;
}

/** An Operation with extra properties in front of those the endpoint describes (choices that steer `build`). */
export function withProperties(op: Operation, before: INodeProperties[]): Operation {
	return { ...op, properties: [...before, ...op.properties] };
}

const itemTypes: INodePropertyOptions[] = [
	{ name: 'ADLA Add-On', value: 'adla' },
	{ name: 'Plan', value: 'plan', description: 'The base subscription plan' },
	{ name: 'SMS Dedicated Number', value: 'sms_dedicated_number', description: 'A dedicated number for SMS add-on' },
];

const skipRefresh: SalonParam = {
	displayName: 'Skip Subscription Refresh',
	path: 'skip_billing_refresh',
	name: 'skipBillingRefresh',
	type: 'boolean',
	default: false,
	description:
		'Whether to leave the subscription as it is for now and run "Refresh Subscription" after the last of several changes. Otherwise the subscription is updated straight away, and if that fails the change is not made.',
};

/** Sends `skip_billing_refresh` only when set (omitted means false). */
function dropFalseSkip(body: IDataObject): IDataObject {
	if (body.skip_billing_refresh === false) delete body.skip_billing_refresh;
	return body;
}

async function defaultCompany(ctx: IExecuteFunctions, itemIndex: number, body: IDataObject): Promise<IDataObject> {
	// "required" yet "defaults to the logged in user's company ID": sent explicitly, as the credential's company
	if (body.company_id === undefined) body.company_id = await loggedInCompanyId(ctx, itemIndex);
	return body;
}

// ------------------------------------------------------------------------------------------------------------ Billing

const invoiceGet: SalonEndpoint = {
	method: 'account/billing/invoice/get',
	value: 'getInvoice',
	name: 'Get Invoice',
	action: 'Get a billing invoice',
	description: 'Get one of the invoices Simple Salon charged the company (plan, SMS top-ups)',
	idempotent: true,
	required: [{ path: 'billing_invoice_id', displayName: 'Invoice ID', description: 'The number of an invoice Simple Salon charged the company, e.g. 882277', type: 'id', placeholder: '882277' }],
	additional: [
		{
			path: 'generate_link',
			displayName: 'Generate Download Link',
			type: 'boolean',
			description: 'Whether to create a timed link to download the invoice (slower: Simple Salon asks the billing gateway for it)',
		},
	],
	additionalLabel: 'Options',
	result: 'billing_invoice',
};

const invoiceList: SalonEndpoint = {
	method: 'account/billing/invoice/list',
	value: 'getManyInvoices',
	name: 'Get Many Invoices',
	action: 'Get many billing invoices',
	description: 'List the invoices Simple Salon charged the company',
	idempotent: true,
	list: { key: 'billing_invoices' },
	filters: [
		companyIdParam('filters.company_id', 'The company the invoice was charged to'),
		{ path: 'filters.for_company_id', displayName: 'For Company ID', type: 'id', description: 'The company the invoice was charged for (e.g. a location billed to its Dome)' },
		{ displayName: 'From', path: 'filters.date_min', name: 'date_min', type: 'dateTime', default: '', description: 'Invoices on or after this date' },
		{ displayName: 'To', path: 'filters.date_max', name: 'date_max', type: 'dateTime', default: '', description: 'Invoices before this date (not included)' },
		{
			path: 'filters.status',
			displayName: 'Status',
			description: 'Only invoices whose payment succeeded, or only those whose payment failed',
			type: 'options',
			default: 'success',
			options: [
				{ name: 'Failure', value: 'failure' },
				{ name: 'Success', value: 'success' },
			],
		},
		{
			path: 'filters.type',
			displayName: 'Type',
			description: 'Only invoices of this kind',
			type: 'options',
			default: 'inclusion',
			options: [
				{ name: 'Activation', value: 'activation', description: 'Paying the plan to reactivate an account that was on hold' },
				{ name: 'Once-Off', value: 'once_off', description: 'A single charge, e.g. a data import' },
				{ name: 'Plan Inclusion', value: 'inclusion', description: 'The automatic plan invoice' },
				{ name: 'SMS Top-Up (Automatic)', value: 'smstopup_auto' },
				{ name: 'SMS Top-Up (Manual)', value: 'smstopup_manual' },
			],
		},
	],
};

const itemFields = (prefix: string): SalonParam[] => [
	{
		displayName: 'Value',
		path: `${prefix}value`,
		name: 'value',
		type: 'string',
		default: '',
		placeholder: 'pro',
		description: 'For a plan, the product code of the plan (see "Get Many Plans and Add-Ons"), e.g. starter, plus or pro',
	},
	{ displayName: 'Quantity', description: 'How many of this item the subscription has', path: `${prefix}quantity`, name: 'quantity', type: 'number', default: 1 },
	{ displayName: 'Bill at Dome', path: `${prefix}bill_at_dome`, name: 'bill_at_dome', type: 'boolean', default: false, description: 'Whether the company\'s Dome pays for this item' },
];

const itemAdd: SalonEndpoint = {
	method: 'account/billing/item/add',
	value: 'addItem',
	name: 'Add Subscription Item',
	action: 'Add a subscription item',
	description: 'Add a plan or add-on to a company\'s subscription (may be charged pro rata)',
	idempotent: false,
	required: [{ displayName: 'Type', description: 'The kind of item to add to the subscription, e.g. a plan or the ADLA add-on', path: 'billing_item.type', name: 'itemType', type: 'options', default: 'adla', options: itemTypes }, skipRefresh],
	additional: [
		...itemFields('billing_item.'),
		companyIdParam('billing_item.company_id', 'The company the item is for; defaults to the company you log in to'),
		{ path: 'billing_item.included_in_plan', displayName: 'Included in Plan', type: 'boolean', description: 'Whether the item is included in the base plan (free)' },
	],
	result: 'billing_item',
	build(ctx, itemIndex, body) {
		const item = body.billing_item as IDataObject;
		if (item.type === 'plan' && !item.value) {
			throw new NodeOperationError(ctx.getNode(), `The field "Value" is empty in item ${itemIndex}`, {
				itemIndex,
				description: 'A plan needs the product code of the plan in "Value", e.g. starter, plus or pro.',
			});
		}
		return dropFalseSkip(body);
	},
};

const itemUpdate: SalonEndpoint = {
	method: 'account/billing/item/update',
	value: 'updateItem',
	name: 'Update Subscription Item',
	action: 'Update a subscription item',
	description: 'Change a plan or add-on of a subscription, e.g. move to another plan; the fields you do not set keep their values',
	idempotent: true,
	required: [skipRefresh],
	additional: itemFields('billing_item.'),
	additionalLabel: 'Update Fields',
	result: 'billing_item',
	build(ctx, itemIndex, body) {
		const changes = (body.billing_item as IDataObject | undefined) ?? {};
		if (Object.keys(changes).length === 0) {
			throw new NodeOperationError(ctx.getNode(), `The field "Update Fields" is empty in item ${itemIndex}`, { itemIndex, description: 'Add at least one field to change.' });
		}
		const findBy = ctx.getNodeParameter('findItemBy', itemIndex, 'id') as string;
		if (findBy === 'id') {
			body.billing_item = { billing_item_id: salonId(ctx, 'billing_item_id', itemIndex, 'Item ID'), ...changes };
		} else {
			// "a type of either plan or adla (to automatically update the billing item for this company of that type)"
			const which: IDataObject = { type: ctx.getNodeParameter('itemKind', itemIndex, 'plan') as string };
			const company = String(ctx.getNodeParameter('companyId', itemIndex, '') ?? '').trim();
			if (company !== '') which.company_id = salonId(ctx, '', itemIndex, 'Company ID', company);
			body.billing_item = { ...which, ...changes };
		}
		return dropFalseSkip(body);
	},
};

const itemIdParam = (path = 'billing_item_id'): SalonParam => ({ displayName: 'Item ID', description: 'The number of the subscription item, e.g. 3425423', path, name: 'billing_item_id', type: 'id', default: '', placeholder: '3425423' });

const itemDelete: SalonEndpoint = {
	method: 'account/billing/item/delete',
	value: 'deleteItem',
	name: 'Delete Subscription Item',
	action: 'Delete a subscription item',
	description: 'Remove an add-on from a subscription',
	idempotent: true,
	required: [itemIdParam(), skipRefresh],
	build: (_ctx, _i, body) => dropFalseSkip(body),
	output: (reply, ctx, itemIndex) =>
		confirmation(reply, { deleted: true, billing_item_id: salonId(ctx, 'billing_item_id', itemIndex, 'Item ID') }),
};

const itemGet: SalonEndpoint = {
	method: 'account/billing/item/get',
	value: 'getItem',
	name: 'Get Subscription Item',
	action: 'Get a subscription item',
	description: 'Get a plan or add-on of a subscription',
	idempotent: true,
	required: [itemIdParam()],
	expandable: ['billing_product'],
	result: 'billing_item',
};

const itemList: SalonEndpoint = {
	method: 'account/billing/item/list',
	value: 'getManyItems',
	name: 'Get Many Subscription Items',
	action: 'Get many subscription items',
	description: 'List the plan and add-ons of a subscription',
	idempotent: true,
	list: { key: 'billing_items' },
	filters: [
		companyIdParam('filters.company_id', 'The company the items are for; defaults to the company you log in to'),
		{ path: 'filters.billed_to_company_id', displayName: 'Billed to Company ID', type: 'id', description: 'The company that pays for the items (e.g. the Dome)' },
		{ path: 'filters.type', displayName: 'Type', description: 'Only subscription items of this kind', type: 'options', default: 'plan', options: itemTypes },
	],
	expandable: ['billing_product'],
};

const linkGet: SalonEndpoint = {
	method: 'account/billing/link/get',
	value: 'getPortalLink',
	name: 'Get Billing Portal Link',
	action: 'Get a billing portal link',
	description: 'Get the address of the billing portal, where the owner updates payment details or changes plan',
	idempotent: true,
	additional: [
		companyIdParam(),
		{ path: 'return_url', displayName: 'Return URL', type: 'string', placeholder: 'https://example.com/done', description: 'Where the portal sends the user when they are done; defaults to the Simple Salon login page' },
	],
	additionalLabel: 'Options',
	build: (ctx, itemIndex, body) => defaultCompany(ctx, itemIndex, body),
};

const productList: SalonEndpoint = {
	method: 'account/billing/product/list',
	value: 'getManyProducts',
	name: 'Get Many Plans and Add-Ons',
	action: 'Get many plans and add ons',
	description: 'List the plans or add-ons Simple Salon sells, with prices and what they include',
	idempotent: true,
	list: { key: 'billing_products' },
	filters: [
		companyIdParam('filters.company_id', 'Prices for this company; defaults to the company you log in to unless a country is chosen'),
		{ path: 'filters.country_id', displayName: 'Country ID', type: 'id', description: 'Prices for a country instead of a company' },
		{ path: 'filters.type', displayName: 'Type', type: 'options', default: 'plan', options: itemTypes, description: 'Defaults to plans' },
	],
	async build(ctx, itemIndex, body) {
		const filters = body.filters as IDataObject;
		// "Specify either company_id or country_id"
		if (filters.company_id === undefined && filters.country_id === undefined) filters.company_id = await loggedInCompanyId(ctx, itemIndex);
		return body;
	},
};

const refresh: SalonEndpoint = {
	method: 'account/billing/refresh',
	value: 'refresh',
	name: 'Refresh Subscription',
	action: 'Refresh a subscription',
	description: 'Push the subscription item changes made with "Skip Subscription Refresh" to the subscription (may charge pro rata)',
	idempotent: false,
	additional: [companyIdParam()],
	additionalLabel: 'Options',
	build: (ctx, itemIndex, body) => defaultCompany(ctx, itemIndex, body),
	output: (reply) => confirmation(reply, { refreshed: true }),
};

const sourceList: SalonEndpoint = {
	method: 'account/billing/source/list',
	value: 'getManySources',
	name: 'Get Many Payment Sources',
	action: 'Get many payment sources',
	description: 'List the cards and direct debit accounts the subscription can be charged to',
	idempotent: true,
	// "Currently returns all results (no paging)"
	list: { key: 'billing_sources', pageable: false },
	filters: [
		companyIdParam('filters.company_id'),
		{
			path: 'filters.type',
			displayName: 'Type',
			description: 'Only payment sources of this kind',
			type: 'options',
			default: 'credit_card',
			options: [
				{ name: 'Credit Card', value: 'credit_card' },
				{ name: 'Direct Debit', value: 'direct_debit' },
			],
		},
	],
};

// ------------------------------------------------------------------------------------------------------------- Signup

const signupFields: INodeProperties[] = [
	{ displayName: 'Cancel URL', name: 'cancel_url', type: 'string', default: '', description: 'Where to go if the signup is cancelled before it is complete' },
	{ displayName: 'Dome', name: 'dome', type: 'boolean', default: false, description: 'Whether the new company is a Dome (a parent of several locations)' },
	{
		displayName: 'Dome Company ID',
		name: 'dome_company_id',
		type: 'string',
		default: '',
		description: 'Add the new company as a location of this Dome. The request is then made as the credential\'s user, who must belong to that Dome.',
	},
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'The email address of the new account' },
	{ displayName: 'Promo Code', description: 'A promotional code Simple Salon gave you, if any', name: 'promo_code', type: 'string', default: '' },
	{ displayName: 'Referral Code', name: 'referral_code', type: 'string', default: '', description: 'The code of the account that referred this one' },
	{ displayName: 'Server ID', name: 'server_id', type: 'number', default: 0, description: 'The server to add the new account to (ignored for a Dome location)' },
	{ displayName: 'Step', name: 'step', type: 'number', typeOptions: { minValue: 1 }, default: 1, description: 'The signup step' },
	{ displayName: 'Success URL', name: 'success_url', type: 'string', default: '', description: 'Where to go when the signup is complete' },
	{ displayName: 'Third Party Data', name: 'third_party_data', type: 'string', default: '', description: 'Data of a third party the signup comes from' },
	{ displayName: 'Third Party Redirect URL', name: 'third_party_redirect_url', type: 'string', default: '', description: 'Where to send a third party\'s user after a successful signup' },
	{ displayName: 'User Agent', name: 'user_agent', type: 'string', default: '', description: 'The browser user agent of the person signing up' },
];

const signup: Operation = {
	value: 'signUp',
	name: 'Sign Up Company',
	action: 'Sign up a company',
	description: 'Start the signup of a new Simple Salon company; the answer holds the address where it is completed (e.g. payment)',
	endpoints: ['account/billing/signup'],
	properties: [
		{
			displayName: 'Billing Items',
			name: 'billingItems',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Billing Item',
			default: { item: [{ type: 'plan', value: 'starter', quantity: 1 }] },
			required: true,
			description: 'What the new company subscribes to: a plan, and any add-ons',
			options: [
				{
					displayName: 'Item',
					name: 'item',
					values: [
						{ displayName: 'Type', description: 'The kind of item: a plan or an add-on', name: 'type', type: 'options', options: itemTypes, default: 'plan' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'For a plan, its product code, e.g. starter' },
						{ displayName: 'Quantity', description: 'How many of this item', name: 'quantity', type: 'number', typeOptions: { minValue: 1 }, default: 1 },
					],
				},
			],
		},
		{
			displayName: 'Verification Token',
			name: 'verificationToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The CAPTCHA response token of the signup form',
		},
		{ displayName: 'Additional Fields', description: 'Optional details of the new account', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options: signupFields },
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const entries = ((this.getNodeParameter('billingItems', itemIndex, {}) as { item?: IDataObject[] }).item ?? []).map((entry, n) => {
			const item: IDataObject = { type: entry.type, quantity: Number(entry.quantity ?? 1) };
			const value = String(entry.value ?? '').trim();
			if (value !== '') item.value = value;
			if (entry.type === 'plan' && value === '') {
				throw new NodeOperationError(this.getNode(), `The field "Value" of billing item ${n + 1} is empty in item ${itemIndex}`, {
					itemIndex,
					description: 'A plan needs its product code, e.g. starter.',
				});
			}
			return item;
		});
		if (entries.length === 0) {
			throw new NodeOperationError(this.getNode(), `The field "Billing Items" is empty in item ${itemIndex}`, { itemIndex, description: 'Add the plan to sign up for.' });
		}
		const token = String(this.getNodeParameter('verificationToken', itemIndex, '') ?? '').trim();
		if (token === '') throw new NodeOperationError(this.getNode(), `The field "Verification Token" is empty in item ${itemIndex}`, { itemIndex });
		const body: IDataObject = { billing_items: entries, verification_token: token };
		const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		for (const field of signupFields) {
			const value = extra[field.name];
			if (value === undefined || value === '') continue;
			if (field.name === 'dome_company_id') {
				if (!/^\d+$/.test(String(value).trim())) {
					throw new NodeOperationError(this.getNode(), `The field "Dome Company ID" has an invalid value "${String(value)}" in item ${itemIndex}`, { itemIndex });
				}
				body.dome_company_id = Number(String(value).trim());
			} else {
				body[field.name] = value;
			}
		}
		const credentials = await this.getCredentials('simpleSalonApi', itemIndex);
		const partnerToken = String(credentials.partnerToken ?? '');
		let reply: IDataObject;
		if (body.dome_company_id !== undefined && body.dome !== true) {
			// a location of a Dome: "an Authorization token for a user in that Dome company is required"
			const response = await sendWithSession(
				this,
				simpleSalonProtocol,
				() => ({ method: 'POST', url: '/v1/account/billing/signup', body, json: true, headers: { 'X-Partner-Token': partnerToken } }),
				{ idempotent: false, itemIndex },
			);
			reply = response.body as IDataObject;
		} else {
			reply = await signupWithPartnerToken(this, credentials, partnerToken, body, itemIndex);
		}
		const rest = { ...reply };
		delete rest.success;
		return rest;
	},
};

/**
 * A brand-new signup has no user yet: "the Partner Token header is required instead" of a login token. It goes to the
 * login host (there is no api_url without a login) with only the partner token, and is never repeated.
 */
async function signupWithPartnerToken(
	ctx: IExecuteFunctions,
	credentials: ICredentialDataDecryptedObject,
	partnerToken: string,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const secrets = [partnerToken, String(body.verification_token)];
	const fail = (message: string, code?: string, description?: string, httpCode?: number) =>
		vendorApiError(ctx, { message, code: code || undefined, description, httpCode }, itemIndex, secrets);
	let response: IN8nHttpFullResponse;
	try {
		response = (await ctx.helpers.httpRequest({
			method: 'POST',
			url: `${simpleSalonLoginUrl(credentials)}/v1/account/billing/signup`,
			headers: { 'Content-Type': 'application/json', 'User-Agent': SIMPLE_SALON_USER_AGENT, 'X-Partner-Token': partnerToken },
			body,
			json: true,
			timeout: 60_000,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		const code = networkCodeOf(error);
		throw fail(
			'The connection broke while signing up: the signup may or may not have been started',
			undefined,
			`${code ?? String((error as Error).message)}: a signup is not repeated automatically. Check in Simple Salon before running the item again.`,
		);
	}
	const problem = simpleSalonProtocol.errorOf(response);
	if (problem) throw fail(problem.message, problem.code === undefined ? undefined : String(problem.code), problem.description, problem.httpCode);
	return response.body as IDataObject;
}

/** "Skip Subscription Refresh" is always shown (it matters) but is a plain switch, not a required field. */
function optionalSkip(op: Operation): Operation {
	return { ...op, properties: op.properties.map((p) => (p.name === 'skipBillingRefresh' ? { ...p, required: undefined } : p)) };
}

export const billing: Resource = {
	value: 'billing',
	name: 'Billing',
	description: 'The company\'s Simple Salon subscription: plan and add-ons, invoices, payment sources (needs an Administrator user)',
	operations: [
		...[invoiceGet, invoiceList, itemAdd, itemDelete, itemGet, itemList, linkGet, productList, refresh, sourceList].map(salonOperation).map(optionalSkip),
		withProperties(optionalSkip(salonOperation(itemUpdate)), [
			{
				displayName: 'Find Item By',
				description: 'Whether to find the subscription item by its number or by its kind',
				name: 'findItemBy',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Item ID', value: 'id' },
					{ name: 'Type (Plan or ADLA Add-On)', value: 'type', description: 'The company\'s plan or ADLA add-on, whatever its ID' },
				],
				default: 'id',
			},
			{
				displayName: 'Item ID',
				description: 'The number of the subscription item, e.g. 3425423',
				name: 'billing_item_id',
				type: 'string',
				default: '',
				required: true,
				placeholder: '3425423',
				displayOptions: { show: { findItemBy: ['id'] } },
			},
			{
				displayName: 'Type',
				description: 'The kind of subscription item to change',
				name: 'itemKind',
				type: 'options',
				options: itemTypes.filter((t) => t.value !== 'sms_dedicated_number'),
				default: 'plan',
				displayOptions: { show: { findItemBy: ['type'] } },
			},
			{
				displayName: 'Company ID',
				name: 'companyId',
				type: 'string',
				default: '',
				placeholder: '12345',
				description: 'The company whose plan or add-on to change; defaults to the company you log in to',
				displayOptions: { show: { findItemBy: ['type'] } },
			},
		]),
		signup,
	],
	defaultOperation: 'getManyInvoices',
};

// --------------------------------------------------------------------------------------------------------- SMS Credit

const amountParam: SalonParam = { path: 'amount', displayName: 'Amount', type: 'number', default: 50, description: 'The amount of credit, in the company\'s currency (e.g. 50.00)' };

function positiveAmount(ctx: IExecuteFunctions, itemIndex: number, body: IDataObject): IDataObject {
	const amount = Number(body.amount);
	if (!(amount > 0) || Math.round(amount * 100) !== amount * 100) {
		throw new NodeOperationError(ctx.getNode(), `The field "Amount" has an invalid value "${String(body.amount)}" in item ${itemIndex}`, {
			itemIndex,
			description: 'Use an amount above 0 with at most two decimals, e.g. 50 or 25.50.',
		});
	}
	return body;
}

const purchaseFields: SalonParam[] = [
	{
		path: 'billing_source_external_id',
		displayName: 'Payment Source External ID',
		type: 'string',
		placeholder: 'card_1LjuCyBciFSC279T3522yyZW',
		description: 'The external ID of the card or account to charge (see Billing → Get Many Payment Sources); defaults to the company\'s default one',
	},
	companyIdParam(),
];

const balance: SalonEndpoint = {
	method: 'account/sms/balance',
	value: 'getBalance',
	name: 'Get Balance',
	action: 'Get the SMS balance',
	description: 'Get the SMS funds and free credits left, the price of a credit and the SMS settings',
	idempotent: true,
	additional: [companyIdParam()],
	additionalLabel: 'Options',
	result: 'balance',
};

const purchase: SalonEndpoint = {
	method: 'account/sms/purchase',
	value: 'purchase',
	name: 'Buy Credit',
	action: 'Buy SMS credit',
	description: 'Buy SMS credit, charged to the company\'s payment source (a processing fee may apply)',
	idempotent: false,
	required: [amountParam],
	additional: purchaseFields,
	build: positiveAmount,
};

const quote: SalonEndpoint = {
	method: 'account/sms/quote',
	value: 'quote',
	name: 'Get Quote',
	action: 'Get a quote for SMS credit',
	description: 'Get what buying an amount of SMS credit would cost, processing fee included',
	idempotent: true,
	required: [amountParam],
	additional: purchaseFields,
	build: positiveAmount,
	result: 'quote',
};

const transfer: SalonEndpoint = {
	method: 'account/sms/transfer',
	value: 'transfer',
	name: 'Transfer Credit',
	action: 'Transfer SMS credit',
	description: 'Move SMS funds and/or free credits to another company (e.g. another location)',
	idempotent: false,
	required: [{ path: 'destination_company_id', displayName: 'To Company ID', type: 'id', placeholder: '12346', description: 'The company that receives the credit' }],
	additional: [
		{ path: 'funds', displayName: 'Funds', type: 'number', description: 'The amount of paid funds to move, e.g. 10.00' },
		{ path: 'free_credits', displayName: 'Free Credits', type: 'number', description: 'The number of free credits to move' },
		{ ...companyIdParam('company_id', 'The company the credit comes from; defaults to the company you log in to'), displayName: 'From Company ID' },
	],
	build(ctx, itemIndex, body) {
		const funds = Number(body.funds ?? 0);
		const credits = Number(body.free_credits ?? 0);
		if (funds < 0 || credits < 0 || !Number.isInteger(credits)) {
			throw new NodeOperationError(ctx.getNode(), `The fields "Funds" and "Free Credits" must not be negative (Free Credits is a whole number) in item ${itemIndex}`, { itemIndex });
		}
		if (funds === 0 && credits === 0) {
			throw new NodeOperationError(ctx.getNode(), `Nothing to transfer in item ${itemIndex}`, {
				itemIndex,
				description: 'Set "Funds" or "Free Credits" (or both) under Additional Fields.',
			});
		}
		if (funds === 0) delete body.funds;
		if (credits === 0) delete body.free_credits;
		return body;
	},
};

export const smsCredit: Resource = {
	value: 'smsCredit',
	name: 'SMS Credit',
	description: 'The company\'s SMS balance: check, quote, buy and transfer credit (needs an Administrator user)',
	operations: [balance, purchase, quote, transfer].map(salonOperation),
	defaultOperation: 'getBalance',
};
