import type { IDataObject } from 'n8n-workflow';

import type { Resource } from '../../shared/execute';
import { salonOperation, type SalonEndpoint, type SalonParam } from '../endpoint';
import { eitherOrOperation, withWarnings, type EitherOr } from './tillParts';

/*
 * What the till is set up with: discount types, payment types, and the card terminals of the live payment gateway
 * (Stripe, Tyro, Resonance).
 */

const ROLES = [
	{ name: 'Administrator', value: '-1' },
	{ name: 'API Only', value: '-5' },
	{ name: 'Manager', value: '-3' },
	{ name: 'Staff', value: '-2' },
];

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const ITEM_TYPES: Array<[string, string]> = [
	['all', 'Any Item (No Item Restriction)'],
	['all_memberships', 'All Memberships'],
	['all_packages', 'All Packages'],
	['all_products', 'All Products'],
	['all_services', 'All Services'],
	['brand', 'A Brand'],
	['category', 'A Service Category'],
	['membership', 'A Membership'],
	['package', 'A Package'],
	['product', 'A Product'],
	['service', 'A Service'],
	['transaction', 'The Whole Transaction'],
];

const discountTypeList: SalonEndpoint = {
	method: 'discount_type/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many discount types',
	description: 'List the discount types ($ or %), optionally only those a client, day, item, role or date allows',
	idempotent: true,
	list: { key: 'discount_types', allowAll: true },
	filters: [
		{
			path: 'filters.client_ids',
			displayName: 'Client IDs',
			type: 'idList',
			description: 'Only discounts these clients may get (by their client categories or memberships), comma-separated',
		},
		// company_id is a top-level parameter of this method, not a filter
		{ path: 'company_id', displayName: 'Company ID', type: 'id', description: 'Defaults to your company (a Dome must name a child location)' },
		{
			path: 'filters.day',
			displayName: 'Day',
			type: 'options',
			options: DAYS.map((day) => ({ name: day, value: day })).sort((a, b) => a.name.localeCompare(b.name)),
			default: 'Monday',
			description: 'Only discounts available on this day of the week',
		},
		{
			path: 'filters.item_type',
			displayName: 'Item Type',
			type: 'options',
			options: ITEM_TYPES.map(([value, name]) => ({ name, value })).sort((a, b) => a.name.localeCompare(b.name)),
			default: 'all',
			description: 'Only discounts restricted to this kind of item',
		},
		{
			path: 'filters.role_id',
			displayName: 'Role',
			type: 'options',
			options: ROLES,
			default: '-2',
			description: 'Only discounts this staff role may apply',
		},
		{
			path: 'filters.time',
			displayName: 'Date',
			type: 'date',
			description: 'Only discounts that can be applied on this date (also sets the day when Day is not chosen)',
		},
	],
	build(_ctx, _itemIndex, body) {
		// the role dropdown holds the IDs as text (n8n option values), the API wants a number
		const filters = body.filters as IDataObject;
		if (filters.role_id !== undefined) filters.role_id = Number(filters.role_id);
		return body;
	},
};

const discountTypeGet: SalonEndpoint = {
	method: 'discount_type/get',
	value: 'get',
	name: 'Get',
	action: 'Get a discount type',
	description: 'Get a discount type by ID',
	idempotent: true,
	required: [{ path: 'discount_type_id', displayName: 'Discount Type ID', type: 'id', loadOptionsMethod: 'getDiscountTypes' }],
	result: 'discount_type',
};

export const discountType: Resource = {
	value: 'discountType',
	name: 'Discount Type',
	description: 'The discounts staff can give at the till',
	operations: [discountTypeGet, discountTypeList].map(salonOperation),
	defaultOperation: discountTypeList.value,
};

const paymentTypeList: SalonEndpoint = {
	method: 'payment_type/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many payment types',
	description: 'List the ways clients can pay (cash, card, live gateways such as Stripe)',
	idempotent: true,
	list: { key: 'payment_types', allowAll: true },
	filters: [
		{ path: 'filters.company_id', displayName: 'Company ID', type: 'id', description: 'Defaults to your company' },
		{
			path: 'filters.show_on_pos',
			displayName: 'Shown on POS Screen',
			type: 'boolean',
			description: 'Whether to list only the payment types shown on the POS screen (on) or only the hidden ones (off)',
		},
	],
};

const paymentTypeGet: SalonEndpoint = {
	method: 'payment_type/get',
	value: 'get',
	name: 'Get',
	action: 'Get a payment type',
	description: 'Get a payment type by ID',
	idempotent: true,
	required: [{ path: 'payment_type_id', displayName: 'Payment Type ID', type: 'id', loadOptionsMethod: 'getPaymentTypes' }],
	result: 'payment_type',
};

export const paymentType: Resource = {
	value: 'paymentType',
	name: 'Payment Type',
	description: 'The ways clients can pay at the till',
	operations: [paymentTypeGet, paymentTypeList].map(salonOperation),
	defaultOperation: paymentTypeList.value,
};

/** The live payment gateways that have terminals ("Third Party Link Types … Used For: Payment Type"). */
const gateway: SalonParam = {
	path: 'gateway',
	displayName: 'Gateway',
	type: 'options',
	options: [
		{ name: 'Resonance', value: 'resonance' },
		{ name: 'Stripe', value: 'stripe' },
		{ name: 'Tyro', value: 'tyro' },
	],
	default: 'stripe',
	description: 'The live payment gateway; leave it out for the salon\'s default POS gateway',
};

const whichTerminal: EitherOr = {
	name: 'terminalBy',
	displayName: 'Terminal By',
	params: [
		{
			displayName: 'Gateway Terminal ID',
			path: 'external_id',
			name: 'externalId',
			choice: 'Gateway Terminal ID',
			type: 'string',
			default: '',
			placeholder: 'tmr_J6U4YwUIK1TX54H94WOwDKXx',
			description: 'The terminal\'s ID at the gateway (external_id)',
		},
		// typed string in the docs' request tables (integer in the Terminal model): sent as text
		{ displayName: 'Terminal ID', path: 'terminal_id', name: 'terminalId', choice: 'Simple Salon Terminal ID', type: 'string', default: '', description: 'Simple Salon\'s ID of the terminal' },
	],
};

const terminalList: SalonEndpoint = {
	method: 'third_party/payment_type/terminal/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many card terminals',
	description: 'List the card terminals linked to the live payment gateway',
	idempotent: true,
	// "rows_per_page can be -1 to retrieve all terminals (depending on third party support)"
	list: { key: 'terminals', allowAll: true },
	filters: [
		{
			path: 'filters.status',
			displayName: 'Status',
			description: 'Only payment types used online, or only those used in the salon',
			type: 'options',
			options: [
				{ name: 'Offline', value: 'offline' },
				{ name: 'Online', value: 'online' },
			],
			default: 'online',
		},
	],
	additional: [gateway],
	additionalLabel: 'Options',
};

const terminalGet: SalonEndpoint = {
	method: 'third_party/payment_type/terminal/get',
	value: 'get',
	name: 'Get',
	action: 'Get a card terminal',
	description: 'Get a card terminal by its gateway ID or Simple Salon ID',
	idempotent: true,
	additional: [gateway],
	additionalLabel: 'Options',
	result: 'terminal',
};

const terminalAdd: SalonEndpoint = {
	method: 'third_party/payment_type/terminal/add',
	value: 'add',
	name: 'Add',
	action: 'Pair a card terminal',
	description: 'Link a new card terminal with the pairing code it shows',
	// pairing twice would link the reader twice (or burn its one-time code)
	idempotent: false,
	required: [
		{
			displayName: 'Pairing Code',
			path: 'terminal.pairing_code',
			name: 'pairingCode',
			type: 'string',
			default: '',
			placeholder: 'sepia-cerulean-aqua',
			description: 'The code the terminal shows for pairing',
		},
	],
	additional: [{ path: 'terminal.name', displayName: 'Name', type: 'string', placeholder: 'Front Bench', description: 'What to call the terminal' }, gateway],
	result: 'terminal',
};

const terminalDelete: SalonEndpoint = {
	method: 'third_party/payment_type/terminal/delete',
	value: 'delete',
	name: 'Delete',
	action: 'Unlink a card terminal',
	description: 'Unlink a card terminal from the gateway',
	idempotent: true,
	additional: [gateway],
	additionalLabel: 'Options',
	// the docs' table answers the terminal, their example only success: either way the item says what was unlinked
	output(reply, ctx, itemIndex) {
		const by = ctx.getNodeParameter('terminalBy', itemIndex) as string;
		const id = String(ctx.getNodeParameter(by === 'terminal_id' ? 'terminalId' : 'externalId', itemIndex, '')).trim();
		const terminal = typeof reply.terminal === 'object' && reply.terminal !== null ? (reply.terminal as IDataObject) : { [by]: id };
		return withWarnings(reply, { ...terminal, deleted: true });
	},
};

export const terminal: Resource = {
	value: 'terminal',
	name: 'Terminal',
	description: 'Card terminals (EFTPOS readers) of the live payment gateway',
	operations: [
		salonOperation(terminalAdd),
		eitherOrOperation(terminalDelete, whichTerminal),
		eitherOrOperation(terminalGet, whichTerminal),
		salonOperation(terminalList),
	],
	defaultOperation: terminalList.value,
};
