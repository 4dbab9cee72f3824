import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { returnAllOrLimit, wantedCount } from '../../shared/paging';
import { salonId, salonIdList, salonWallClock } from '../fields';
import { salonList, salonRequest } from '../transport';

const clientIdField: INodeProperties = {
	displayName: 'Client ID',
	name: 'clientId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '1111',
	description: 'The ID of the client in Simple Salon',
};

const genderOptions: INodePropertyOptions[] = [
	{ name: 'Female', value: 'Female' },
	{ name: 'Male', value: 'Male' },
	{ name: 'Not Set', value: '' },
];

/** The writable fields of the Client model. Expanded fields (address_state, categories, …) are set through their IDs. */
const clientFields: INodeProperties[] = [
	{ displayName: 'Barcode', name: 'barcode', type: 'string', default: '' },
	{
		displayName: 'Category IDs',
		name: 'category_ids',
		type: 'string',
		default: '',
		placeholder: '919,921',
		description: 'Comma-separated client category IDs. Replaces the client\'s categories; on Add, leave it out to get the default categories.',
	},
	{ displayName: 'Comments', name: 'comments', type: 'string', typeOptions: { rows: 3 }, default: '' },
	{
		displayName: 'Date of Birth',
		name: 'date_of_birth',
		type: 'dateTime',
		default: '',
		description: 'Only the date is used; Simple Salon ignores the time and time zone',
	},
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
	{
		displayName: 'Email Promotions Enabled',
		name: 'email_promotions_enabled',
		type: 'boolean',
		default: true,
		description: 'Whether the client wants promotional messages by email',
	},
	{
		displayName: 'Email Reminders Enabled',
		name: 'email_reminders_enabled',
		type: 'boolean',
		default: true,
		description: 'Whether the client wants reminder messages by email',
	},
	{ displayName: 'First Name', name: 'firstname', type: 'string', default: '' },
	{ displayName: 'Gender', name: 'gender', type: 'options', options: genderOptions, default: '' },
	{ displayName: 'Instagram', name: 'instagram', type: 'string', default: '', description: 'Instagram username' },
	{ displayName: 'Last Name', name: 'lastname', type: 'string', default: '' },
	{ displayName: 'Mobile', name: 'mobile', type: 'string', default: '' },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '', description: 'Telephone number' },
	{ displayName: 'Postcode', name: 'address_postcode', type: 'string', default: '' },
	{
		displayName: 'Preferred Operator ID',
		name: 'preferred_operator_id',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'The staff member the client prefers (0 = none)',
	},
	{
		displayName: 'Referral Type ID',
		name: 'referral_type_id',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'How the client found the salon (0 = none)',
	},
	{
		displayName: 'Referred By Client ID',
		name: 'referred_by_client_id',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
	},
	{
		displayName: 'SMS Promotions Enabled',
		name: 'sms_promotions_enabled',
		type: 'boolean',
		default: true,
		description: 'Whether the client wants promotional messages by SMS',
	},
	{
		displayName: 'SMS Reminders Enabled',
		name: 'sms_reminders_enabled',
		type: 'boolean',
		default: true,
		description: 'Whether the client wants reminder messages by SMS',
	},
	{
		displayName: 'State ID',
		name: 'address_state_id',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'The state of the postal address, as a Simple Salon state ID (e.g. 3 = VIC)',
	},
	{ displayName: 'Street Address', name: 'address_line1', type: 'string', default: '' },
	{ displayName: 'Suburb', name: 'address_suburb', type: 'string', default: '' },
	{ displayName: 'Twitter', name: 'twitter', type: 'string', default: '', description: 'Twitter username' },
];

const ID_FIELDS = new Set(['preferred_operator_id', 'referral_type_id', 'referred_by_client_id', 'address_state_id']);

/** The chosen collection entries as a Client object: only what the user set, in the API's types. */
function clientBody(ctx: IExecuteFunctions, values: IDataObject, itemIndex: number): IDataObject {
	const labels = Object.fromEntries(clientFields.map((f) => [f.name, f.displayName]));
	const client: IDataObject = {};
	for (const [name, value] of Object.entries(values)) {
		if (value === undefined || value === null) continue;
		const label = labels[name] ?? name;
		if (name === 'date_of_birth') {
			// An empty date picker means "not set", not "clear".
			if (value === '') continue;
			client[name] = salonWallClock(ctx, value, itemIndex, label, true);
		} else if (name === 'category_ids') {
			client[name] = salonIdList(ctx, value, itemIndex, label);
		} else if (ID_FIELDS.has(name)) {
			const id = Number(value);
			if (!Number.isInteger(id) || id < 0) {
				throw new NodeOperationError(ctx.getNode(), `The field "${label}" has an invalid value "${String(value)}" in item ${itemIndex}`, {
					itemIndex,
					description: 'Use a whole number (0 = none).',
				});
			}
			client[name] = id;
		} else if (typeof value === 'boolean') {
			client[name] = value;
		} else {
			client[name] = String(value);
		}
	}
	return client;
}

const get: Operation = {
	value: 'get',
	name: 'Get',
	action: 'Get a client',
	description: 'Get a client by ID',
	properties: [
		clientIdField,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Fields',
					name: 'fields',
					type: 'string',
					default: '',
					placeholder: 'client_id,firstname,lastname,email',
					description: 'Comma-separated client fields to return; leave empty for all',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const clientId = salonId(this, 'clientId', itemIndex, 'Client ID');
		const options = this.getNodeParameter('options', itemIndex, {}) as { fields?: string };
		const fields = String(options.fields ?? '')
			.split(',')
			.map((f) => f.trim())
			.filter((f) => f !== '');
		const body: IDataObject = { client_id: clientId };
		if (fields.length > 0) body.fields = fields;
		const reply = await salonRequest(this, { method: 'client/get', body, idempotent: true, itemIndex });
		return (reply.client as IDataObject) ?? {};
	},
};

const getAll: Operation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many clients',
	description: 'List or search clients',
	properties: [
		...returnAllOrLimit(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{ displayName: 'Barcode', name: 'barcode', type: 'string', default: '', description: 'Exact barcode' },
				{ displayName: 'Client Category ID', name: 'client_category_id', type: 'number', default: 0 },
				{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'Exact email address' },
				{ displayName: 'First Name', name: 'firstname', type: 'string', default: '', description: 'First names starting with this' },
				{ displayName: 'Gender', name: 'gender', type: 'options', options: genderOptions, default: '' },
				{ displayName: 'Last Name', name: 'lastname', type: 'string', default: '', description: 'Last names starting with this' },
				{
					displayName: 'Phone',
					name: 'phone',
					type: 'string',
					default: '',
					description: 'Mobile or telephone numbers starting with this',
				},
				{
					displayName: 'Search',
					name: 'search',
					type: 'string',
					default: '',
					description: 'Matches the start of first name, last name, mobile, telephone or barcode',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const filters = { ...(this.getNodeParameter('filters', itemIndex, {}) as IDataObject) };
		if (filters.client_category_id !== undefined) {
			filters.client_category_id = salonId(this, '', itemIndex, 'Client Category ID', filters.client_category_id);
		}
		return await salonList(this, {
			method: 'client/list',
			listKey: 'clients',
			body: { filters },
			wanted: wantedCount(this, itemIndex),
			idempotent: true,
			itemIndex,
		});
	},
};

const add: Operation = {
	value: 'add',
	name: 'Add',
	action: 'Add a client',
	description: 'Add a new client',
	properties: [
		{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', required: true },
		{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: clientFields.filter((f) => f.name !== 'firstname' && f.name !== 'lastname'),
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const firstname = String(this.getNodeParameter('firstName', itemIndex, '') ?? '').trim();
		if (firstname === '') {
			throw new NodeOperationError(this.getNode(), `The field "First Name" is empty in item ${itemIndex}`, {
				itemIndex,
				description: 'Enter the client\'s first name, or map one from the input with an expression.',
			});
		}
		const lastname = String(this.getNodeParameter('lastName', itemIndex, '') ?? '').trim();
		const extra = clientBody(this, this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject, itemIndex);
		const client: IDataObject = { firstname, ...(lastname ? { lastname } : {}), ...extra };
		// Adding twice would make two clients, so a failed add is never repeated blindly.
		const reply = await salonRequest(this, { method: 'client/add', body: { client }, idempotent: false, itemIndex });
		return (reply.client as IDataObject) ?? {};
	},
};

const update: Operation = {
	value: 'update',
	name: 'Update',
	action: 'Update a client',
	description: 'Change some fields of a client; the fields you do not set keep their values',
	properties: [
		clientIdField,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'Only these fields are sent. An empty text clears a field (Simple Salon ignores null).',
			options: clientFields,
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const clientId = salonId(this, 'clientId', itemIndex, 'Client ID');
		const changes = clientBody(this, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject, itemIndex);
		if (Object.keys(changes).length === 0) {
			throw new NodeOperationError(this.getNode(), `The field "Update Fields" is empty in item ${itemIndex}`, {
				itemIndex,
				description: 'Add at least one field to change.',
			});
		}
		// The docs' table wraps the client (their example sends it flat); an update of given values is safe to repeat.
		const reply = await salonRequest(this, {
			method: 'client/update',
			body: { client: { client_id: clientId, ...changes } },
			idempotent: true,
			itemIndex,
		});
		return (reply.client as IDataObject) ?? {};
	},
};

export const client: Resource = {
	value: 'client',
	name: 'Client',
	description: 'The salon\'s customers',
	operations: [add, get, getAll, update],
	defaultOperation: 'get',
};
