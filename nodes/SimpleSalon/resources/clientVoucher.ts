import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { salonId } from '../fields';
import { salonOperation, type SalonEndpoint, type SalonParam } from '../endpoint';
import { salonRequest } from '../transport';
import { checkAmounts, doneOperation, expandableOperation, soldBy, soldFilters, soldListOperation, updateEndpoint } from './soldItems';

/*
 * Gift vouchers sold to clients: find one by barcode (also across the Dome), change its value or expiry, delete it,
 * or send it to the client by email and/or SMS.
 */

const clientVoucherId: SalonParam = { path: 'client_voucher_id', displayName: 'Client Voucher ID', description: "The number of the client's voucher, e.g. 2769", type: 'id', placeholder: '2769' };

const getAll: SalonEndpoint & { list: { key: string } } = {
	method: 'client_voucher/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many client vouchers',
	description: 'List or find gift vouchers sold to clients, e.g. by barcode',
	idempotent: true,
	list: { key: 'client_vouchers' },
	filters: [
		...soldFilters(),
		{ path: 'filters.barcode', displayName: 'Barcode', type: 'string', description: 'The barcode printed on the voucher' },
		{ path: 'filters.voucher_id', displayName: 'Voucher ID', type: 'id', description: 'The voucher type' },
		{
			path: 'filters.type',
			displayName: 'Type',
			description: 'Only vouchers worth an amount of money (cash), or only those for an item',
			type: 'options',
			default: 'cash',
			options: [
				{ name: 'Cash', value: 'cash' },
				{ name: 'Item', value: 'item' },
			],
		},
		{ path: 'filters.expired', displayName: 'Expired', type: 'boolean', description: 'Whether to return only expired vouchers (off: only those not expired)' },
		{
			path: 'filters.search_all_dome',
			displayName: 'Search All Locations',
			type: 'boolean',
			description: 'Whether to search the vouchers of every location of your Dome, not only yours',
		},
	],
};

const get: SalonEndpoint = {
	method: 'client_voucher/get',
	value: 'get',
	name: 'Get',
	action: 'Get a client voucher',
	description: 'Get a gift voucher sold to a client',
	idempotent: true,
	required: [clientVoucherId],
	expandable: ['discounts'],
	result: 'client_voucher',
};

const update = updateEndpoint(
	{
		method: 'client_voucher/update',
		value: 'update',
		name: 'Update',
		action: 'Update a client voucher',
		description: 'Change the price, remaining value, expiry or seller of a client voucher; other fields keep their values',
		idempotent: true,
		required: [{ ...clientVoucherId, path: 'client_voucher.client_voucher_id' }],
		additional: [
			{ path: 'client_voucher.barcode', displayName: 'Barcode', description: 'The barcode printed on the voucher', type: 'string' },
			{
				path: 'client_voucher.expiry_date',
				displayName: 'Expiry Date',
				type: 'date',
				description: 'The new expiry date (only the date is used). The docs name no way to remove a voucher\'s expiry.',
			},
			{ path: 'client_voucher.price', displayName: 'Price', type: 'number', description: 'What the client paid' },
			{ path: 'client_voucher.value', displayName: 'Remaining Value', type: 'number', description: 'What is left on a cash voucher' },
			soldBy('client_voucher.operator_id'),
		],
		build: (ctx, itemIndex, body) => {
			checkAmounts(ctx, itemIndex, body.client_voucher as IDataObject, { price: { label: 'Price' }, value: { label: 'Remaining Value' } });
			return body;
		},
	},
	'client_voucher',
	'client_voucher_id',
);

const remove: SalonEndpoint = {
	method: 'client_voucher/delete',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a client voucher',
	description: 'Delete a gift voucher sold to a client',
	idempotent: true,
	required: [clientVoucherId],
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/* Each channel: the client's own address (omitted), another one, or not on this channel (""). */
const channels: INodeProperties[] = [
	{
		displayName: 'Send by Email',
		description: 'Whether and where to email the voucher',
		name: 'sendEmail',
		type: 'options',
		default: 'client',
		options: [
			{ name: "Don't Send by Email", value: 'none' },
			{ name: 'To Another Email Address', value: 'other' },
			{ name: "To the Client's Email", value: 'client' },
		],
	},
	{
		displayName: 'Email',
		description: 'The email address to send the voucher to',
		name: 'email',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'name@email.com',
		displayOptions: { show: { sendEmail: ['other'] } },
	},
	{
		displayName: 'Send by SMS',
		description: 'Whether and where to text the voucher',
		name: 'sendSms',
		type: 'options',
		default: 'client',
		options: [
			{ name: "Don't Send by SMS", value: 'none' },
			{ name: 'To Another Mobile Number', value: 'other' },
			{ name: "To the Client's Mobile", value: 'client' },
		],
	},
	{
		displayName: 'Mobile',
		description: 'The mobile number to text the voucher to',
		name: 'mobile',
		type: 'string',
		default: '',
		required: true,
		placeholder: '0412345678',
		displayOptions: { show: { sendSms: ['other'] } },
	},
];

/** `client_voucher/send` queues a message each time it is called, so a failed send is never repeated by itself. */
const send: Operation = {
	value: 'send',
	name: 'Send',
	action: 'Send a client voucher',
	description: 'Send a gift voucher to the client by email and/or SMS',
	endpoints: ['client_voucher/send'],
	properties: [
		{ displayName: 'Client Voucher ID', description: "The number of the client's voucher, e.g. 2769", name: 'client_voucher_id', type: 'string', default: '', required: true, placeholder: '2769' },
		...channels,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const body: IDataObject = { client_voucher_id: salonId(this, 'client_voucher_id', itemIndex, 'Client Voucher ID') };
		const sendEmail = this.getNodeParameter('sendEmail', itemIndex, 'client') as string;
		const sendSms = this.getNodeParameter('sendSms', itemIndex, 'client') as string;
		if (sendEmail === 'none' && sendSms === 'none') {
			throw new NodeOperationError(this.getNode(), `Nothing to send: both "Send by Email" and "Send by SMS" are off in item ${itemIndex}`, { itemIndex });
		}
		for (const [choice, field, label] of [
			[sendEmail, 'email', 'Email'],
			[sendSms, 'mobile', 'Mobile'],
		] as const) {
			// Omitted = the client's own address; an empty string = "no email/SMS will be sent".
			if (choice === 'none') body[field] = '';
			if (choice !== 'other') continue;
			const value = String(this.getNodeParameter(field, itemIndex, '') ?? '').trim();
			if (value === '') throw new NodeOperationError(this.getNode(), `The field "${label}" is empty in item ${itemIndex}`, { itemIndex });
			if (field === 'email' && !EMAIL.test(value)) {
				throw new NodeOperationError(this.getNode(), `The field "Email" has an invalid value "${value}" in item ${itemIndex}`, { itemIndex });
			}
			body[field] = value;
		}
		const reply = await salonRequest(this, { method: 'client_voucher/send', body, idempotent: false, itemIndex });
		const warnings = Array.isArray(reply.warnings) && reply.warnings.length > 0 ? { warnings: reply.warnings } : {};
		return { ...body, queued: true, ...warnings };
	},
};

export const clientVoucher: Resource = {
	value: 'clientVoucher',
	name: 'Client Voucher',
	description: 'Gift vouchers sold to clients',
	operations: [
		soldListOperation({ endpoint: getAll, related: ['clients', 'operators', 'vouchers'] }),
		expandableOperation(get),
		salonOperation(update),
		doneOperation(remove, { deleted: true }),
		send,
	],
	defaultOperation: getAll.value,
};
