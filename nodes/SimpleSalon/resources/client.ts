import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodePropertyOptions } from 'n8n-workflow';

import type { Resource } from '../../shared/execute';
import { salonOperation, type SalonParam } from '../endpoint';
import { salonId } from '../fields';

/*
 * The salon's clients. Expanded fields (address_state, categories, referral_type) come with every client and are set
 * through their IDs. Updates are partial: only the fields the user adds are sent, and null never clears anything —
 * the documented "none" values (ID 0, an empty category list) are offered as an explicit "Remove" choice.
 */

const clientIdParam = (path: string): SalonParam => ({
	displayName: 'Client ID',
	path,
	name: 'clientId',
	type: 'id',
	default: '',
	placeholder: '1111',
	description: 'The ID of the client in Simple Salon',
});

const genderOptions: INodePropertyOptions[] = [
	{ name: 'Female', value: 'Female' },
	{ name: 'Male', value: 'Male' },
	{ name: 'Not Set', value: '' },
];

const flag = (field: string, displayName: string, what: string): SalonParam => ({
	path: `client.${field}`,
	displayName,
	type: 'boolean',
	default: true,
	description: `Whether the client wants ${what}`,
});

/** The writable fields of the Client model (the same on add and update). */
const clientFields: SalonParam[] = [
	{ path: 'client.address_line1', displayName: 'Street Address', description: "The street and number of the client's address", type: 'string' },
	{ path: 'client.address_postcode', displayName: 'Postcode', description: "The postcode of the client's address", type: 'string' },
	{
		path: 'client.address_state_id',
		displayName: 'State Name or ID',
		type: 'id',
		special: true,
		loadOptionsMethod: 'getStates',
		description: 'The state of the postal address',
	},
	{ path: 'client.address_suburb', displayName: 'Suburb', description: "The suburb or town of the client's address", type: 'string' },
	{ path: 'client.barcode', displayName: 'Barcode', description: "The barcode on the client's loyalty card, if the salon uses one", type: 'string' },
	{
		path: 'client.category_ids',
		displayName: 'Category Names or IDs',
		type: 'idList',
		loadOptionsMethod: 'getClientCategories',
		description: "The client's categories; replaces the ones the client has. On Add, leave it out to get the default categories",
	},
	{ path: 'client.comments', displayName: 'Comments', description: 'Notes on the client, visible to the salon staff', type: 'string' },
	{ path: 'client.date_of_birth', displayName: 'Date of Birth', type: 'date', description: 'Only the date is used (Simple Salon ignores the time and time zone)' },
	{ path: 'client.email', displayName: 'Email', description: "The client's email address", type: 'string', placeholder: 'name@email.com' },
	flag('email_promotions_enabled', 'Email Promotions Enabled', 'promotional messages by email'),
	flag('email_reminders_enabled', 'Email Reminders Enabled', 'reminder messages by email'),
	{ path: 'client.gender', displayName: 'Gender', description: "The client's gender, as recorded by the salon", type: 'options', options: genderOptions },
	{ path: 'client.instagram', displayName: 'Instagram', type: 'string', description: "The client's Instagram username" },
	{ path: 'client.mobile', displayName: 'Mobile', description: "The client's mobile number, used for SMS reminders", type: 'string' },
	{ path: 'client.phone', displayName: 'Phone', type: 'string', description: "The client's landline or other phone number" },
	{
		path: 'client.preferred_operator_id',
		displayName: 'Preferred Operator Name or ID',
		type: 'id',
		loadOptionsMethod: 'getOperators',
		description: 'The staff member the client prefers',
	},
	{
		path: 'client.referral_type_id',
		displayName: 'Referral Type Name or ID',
		type: 'id',
		loadOptionsMethod: 'getReferralTypes',
		description: 'How the client found the salon',
	},
	{ path: 'client.referred_by_client_id', displayName: 'Referred By Client ID', type: 'id', description: 'The client who referred this client' },
	flag('sms_promotions_enabled', 'SMS Promotions Enabled', 'promotional messages by SMS'),
	flag('sms_reminders_enabled', 'SMS Reminders Enabled', 'reminder messages by SMS'),
	{ path: 'client.twitter', displayName: 'Twitter', type: 'string', description: "The client's Twitter (X) username" },
];

const firstName: SalonParam = { displayName: 'First Name', description: "The client's first name", path: 'client.firstname', name: 'firstname', type: 'string', default: '' };
const lastName: SalonParam = { displayName: 'Last Name', description: "The client's last name", path: 'client.lastname', name: 'lastname', type: 'string', default: '' };

/** The documented "none" values, sent when the user asks to remove a link (null would leave it unchanged). */
const REMOVALS: Record<string, { label: string; value: IDataObject[string] }> = {
	category_ids: { label: 'Categories', value: [] },
	preferred_operator_id: { label: 'Preferred Operator', value: 0 },
	referral_type_id: { label: 'Referral Type', value: 0 },
	referred_by_client_id: { label: 'Referred By Client', value: 0 },
};

const paramName = (param: SalonParam) => param.name ?? param.path.split('.').pop()!;

/**
 * Fields the user added but left empty are sent as empty text (that is how a text field is cleared; an empty date
 * picker means "not set"). The shared body builder leaves empty values out, so they are put back here.
 */
function keepEmptyTexts(ctx: IExecuteFunctions, itemIndex: number, collection: string, params: SalonParam[], target: IDataObject) {
	const chosen = ctx.getNodeParameter(collection, itemIndex, {}) as IDataObject;
	for (const param of params) {
		if ((param.type === 'string' || param.type === 'options') && chosen[paramName(param)] === '') target[param.path.split('.').pop()!] = '';
	}
}

const get = salonOperation({
	method: 'client/get',
	value: 'get',
	name: 'Get',
	action: 'Get a client',
	description: 'Get a client by ID',
	idempotent: true,
	required: [clientIdParam('client_id')],
	additionalLabel: 'Options',
	additional: [{ path: 'fields', displayName: 'Fields', type: 'stringList', description: 'The fields to return; leave empty for all' }],
	result: 'client',
});

/** Every field of the Client model, for the "Fields" choice of Get (`deposit_balance` only comes when asked for). */
const CLIENT_MODEL_FIELDS = [
	'account_balance',
	'address_line1',
	'address_postcode',
	'address_state',
	'address_state_id',
	'address_suburb',
	'barcode',
	'categories',
	'category_ids',
	'client_id',
	'comments',
	'company_id',
	'date_of_birth',
	'deposit_balance',
	'email',
	'email_promotions_enabled',
	'email_reminders_enabled',
	'firstname',
	'gender',
	'instagram',
	'lastname',
	'loyalty_member',
	'loyalty_points',
	'membership_gateway',
	'membership_gateway_id',
	'membership_gateway_status',
	'mobile',
	'phone',
	'preferred_operator_id',
	'referral_type',
	'referral_type_id',
	'referred_by_client_id',
	'sms_promotions_enabled',
	'sms_reminders_enabled',
	'twitter',
];

const titleOf = (field: string) =>
	field
		.replace(/_id$/, '_ID')
		.replace(/_ids$/, '_IDs')
		.split('_')
		.map((word) => (word === 'sms' ? 'SMS' : word.charAt(0).toUpperCase() + word.slice(1)))
		.join(' ');

// "Fields" as a pick list of the Client model (an expression may still give a comma-separated list).
for (const property of get.properties) {
	if (property.name !== 'options' || !property.options) continue;
	property.options = property.options.map((option) =>
		'name' in option && option.name === 'fields'
			? {
					...option,
					type: 'multiOptions',
					default: [],
					description: 'The fields to return; leave empty for all. Deposit Balance is only returned when chosen here.',
					options: CLIENT_MODEL_FIELDS.map((field) => ({ name: titleOf(field), value: field })).sort((a, b) => a.name.localeCompare(b.name)),
				}
			: option,
	);
}

const getAll = salonOperation({
	method: 'client/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many clients',
	description: 'List or search clients',
	idempotent: true,
	// "rows_per_page can be -1 to retrieve all clients (depending on the logged in user's permissions)"
	list: { key: 'clients', allowAll: true },
	filters: [
		{ path: 'filters.barcode', displayName: 'Barcode', type: 'string', description: 'Only the client with exactly this barcode' },
		{
			path: 'filters.client_category_id',
			displayName: 'Client Category Name or ID',
			type: 'id',
			loadOptionsMethod: 'getClientCategories',
			description: 'Only clients in this category',
		},
		{ path: 'filters.client_ids', displayName: 'Client IDs', type: 'idList', placeholder: '1111,1112', description: 'Only these clients (unknown IDs are ignored)' },
		{
			path: 'filters.company_id',
			displayName: 'Company ID',
			type: 'id',
			special: true,
			description: "A location of your Dome (default: your own company); 0 = all companies sharing clients with yours",
		},
		{ path: 'filters.email', displayName: 'Email', type: 'string', placeholder: 'name@email.com', description: 'Exact email address' },
		{
			path: 'filters.email_promotions_enabled',
			displayName: 'Email Promotions Enabled',
			type: 'boolean',
			description: 'Whether to return clients who want promotional emails (on) or those who do not (off)',
		},
		{
			path: 'filters.email_reminders_enabled',
			displayName: 'Email Reminders Enabled',
			type: 'boolean',
			description: 'Whether to return clients who want reminder emails (on) or those who do not (off)',
		},
		{ path: 'filters.firstname', displayName: 'First Name', type: 'string', description: 'First names starting with this' },
		{ path: 'filters.gender', displayName: 'Gender', type: 'options', options: genderOptions, description: 'Not Set = clients with no gender recorded' },
		{ path: 'filters.lastname', displayName: 'Last Name', type: 'string', description: 'Last names starting with this' },
		{ path: 'filters.phone', displayName: 'Phone', type: 'string', description: 'Mobile or telephone numbers starting with this' },
		{
			path: 'filters.operator_id',
			displayName: 'Preferred Operator Name or ID',
			type: 'id',
			loadOptionsMethod: 'getOperators',
			description: 'Only clients who prefer this staff member',
		},
		{ path: 'filters.referral_type_id', displayName: 'Referral Type Name or ID', type: 'id', loadOptionsMethod: 'getReferralTypes', description: 'Only clients referred this way' },
		{
			path: 'filters.search',
			displayName: 'Search',
			type: 'string',
			description: 'Matches the start of first name, last name, mobile, telephone or barcode',
		},
		{
			path: 'filters.search_all_dome',
			displayName: 'Search All Dome Locations',
			type: 'boolean',
			description: 'Whether to search the clients of every Dome location sharing clients with yours',
		},
		{
			path: 'filters.sms_promotions_enabled',
			displayName: 'SMS Promotions Enabled',
			type: 'boolean',
			description: 'Whether to return clients who want promotional SMS (on) or those who do not (off)',
		},
		{
			path: 'filters.sms_reminders_enabled',
			displayName: 'SMS Reminders Enabled',
			type: 'boolean',
			description: 'Whether to return clients who want reminder SMS (on) or those who do not (off)',
		},
	],
	build(ctx, itemIndex, body) {
		// "Not Set" is an empty gender, which the body builder would leave out.
		const chosen = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		if (chosen.gender === '') (body.filters as IDataObject).gender = '';
		return body;
	},
});

const add = salonOperation({
	method: 'client/add',
	value: 'add',
	name: 'Add',
	action: 'Add a client',
	description: 'Add a new client',
	// Adding twice would make two clients, so a failed add is never repeated blindly.
	idempotent: false,
	required: [{ ...firstName, name: 'firstName' }],
	additional: [
		...clientFields,
		lastName,
		{
			path: 'client.company_id',
			displayName: 'Company ID',
			type: 'id',
			description: 'Dome users: the location to add the client to (clients cannot be added to the Dome itself)',
		},
	],
	result: 'client',
	build(ctx, itemIndex, body) {
		const client = body.client as IDataObject;
		client.firstname = String(client.firstname ?? '').trim();
		if (client.firstname === '') {
			throw new NodeOperationError(ctx.getNode(), `The field "First Name" is empty in item ${itemIndex}`, {
				itemIndex,
				description: "Enter the client's first name, or map one from the input with an expression.",
			});
		}
		return body;
	},
});

const update = salonOperation({
	method: 'client/update',
	value: 'update',
	name: 'Update',
	action: 'Update a client',
	description: 'Change some fields of a client; the fields you do not add keep their values',
	idempotent: true,
	required: [clientIdParam('client.client_id')],
	additionalLabel: 'Update Fields',
	additional: [
		...clientFields,
		firstName,
		lastName,
		{
			path: 'remove',
			displayName: 'Remove',
			type: 'stringList',
			description: 'Links to take off the client (sent as the API\'s "none" value)',
		},
	],
	result: 'client',
	build(ctx, itemIndex, body) {
		// The docs' table wraps the client (their example sends it flat); the table is followed.
		const client = body.client as IDataObject;
		keepEmptyTexts(ctx, itemIndex, 'updateFields', [...clientFields, firstName, lastName], client);
		const removals = (body.remove as unknown as string[] | undefined) ?? [];
		delete body.remove;
		for (const field of removals) {
			const removal = REMOVALS[field];
			if (!removal) continue;
			if (client[field] !== undefined) {
				throw new NodeOperationError(ctx.getNode(), `The field "${removal.label}" is both set and removed in item ${itemIndex}`, {
					itemIndex,
					description: `Either choose a ${removal.label.toLowerCase()} or remove it, not both.`,
				});
			}
			client[field] = removal.value;
		}
		if (Object.keys(client).length < 2) {
			throw new NodeOperationError(ctx.getNode(), `The field "Update Fields" is empty in item ${itemIndex}`, {
				itemIndex,
				description: 'Add at least one field to change.',
			});
		}
		return body;
	},
});

// "Remove" is a multiple choice of the links that have a documented "none" value.
for (const property of update.properties) {
	if (property.name !== 'updateFields' || !property.options) continue;
	property.options = property.options.map((option) =>
		'name' in option && option.name === 'remove'
			? {
					...option,
					type: 'multiOptions',
					default: [],
					options: Object.entries(REMOVALS)
						.map(([value, removal]) => ({ name: removal.label, value }))
						.sort((a, b) => a.name.localeCompare(b.name)),
				}
			: option,
	);
}

const remove = salonOperation({
	method: 'client/delete',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a client',
	description: 'Delete a client',
	idempotent: true,
	required: [clientIdParam('client_id')],
	output: (reply, ctx, itemIndex) => ({
		success: true,
		client_id: salonId(ctx, 'clientId', itemIndex, 'Client ID'),
		...(Array.isArray(reply.warnings) && reply.warnings.length > 0 ? { warnings: reply.warnings } : {}),
	}),
});

export const client: Resource = {
	value: 'client',
	name: 'Client',
	description: "The salon's customers",
	operations: [add, get, getAll, update, remove],
	defaultOperation: 'get',
};
