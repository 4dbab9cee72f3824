import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { salonOperation, salonValue, type SalonEndpoint, type SalonParam } from '../endpoint';
import { companyId, eitherOrOperation, numberOf, withWarnings, type EitherOr } from './tillParts';

/*
 * The till (POS): load a client's unpaid items into a sale, save a sale for later, price-check each item (dry runs:
 * nothing is written), redeem items from packages, memberships or loyalty points (each is processed at once in its
 * own transaction, so it is never repeated automatically), the cash drawer and transaction totals.
 *
 * Special IDs: client -1 Walk In, -2 Internal Use (neither can load or save a sale), -3 System (never in a sale);
 * an item ID of -1 is an item added at the till and not saved yet; operator -1 is "no operator".
 */

const UNSAVED_HINT = '-1 for an item added at the till that is not saved yet';

const client: SalonParam = {
	path: 'client_id',
	displayName: 'Client ID',
	type: 'id',
	special: true,
	placeholder: '1111',
	description: 'The client of the sale (-1 Walk In, -2 Internal Use)',
};

const saleClient = (description: string): SalonParam => ({ ...client, description });

const operator = (description = 'Who performed the service; -1 for none (when the salon does not force an operator at sale)'): SalonParam => ({
	path: 'operator_id',
	displayName: 'Operator ID',
	type: 'id',
	special: true,
	default: '-1',
	description,
});

const itemId = (path: string, displayName: string, what: string): SalonParam => ({
	path,
	displayName,
	type: 'id',
	special: true,
	default: '-1',
	description: `The ${what} if it is already saved, or ${UNSAVED_HINT}`,
});

const service = (path = 'service_id', description?: string): SalonParam => ({
	path,
	displayName: 'Service ID',
	type: 'id',
	loadOptionsMethod: 'getServices',
	description,
});

const product = (): SalonParam => ({ path: 'product_id', displayName: 'Product ID', type: 'id', loadOptionsMethod: 'getProducts' });

/** Barcode or ID: "Must specify either barcode or …_id". */
const byBarcodeOr = (what: string, idParam: SalonParam): EitherOr => ({
	name: `${what}By`,
	displayName: `${what[0].toUpperCase()}${what.slice(1)} By`,
	params: [
		{ ...idParam, choice: `${what[0].toUpperCase()}${what.slice(1)}` },
		{ displayName: 'Barcode', path: 'barcode', name: `${what}Barcode`, choice: 'Barcode', type: 'string', default: '', description: `The barcode of the ${what}` },
	],
});

/** A price check answers the item (with price, tax rate, discount, redeem flags) and the discounts it may get. */
const checked = (key: string) => (reply: IDataObject): IDataObject => {
	const item = typeof reply[key] === 'object' && reply[key] !== null ? (reply[key] as IDataObject) : {};
	return withWarnings(reply, { ...item, ...(reply.available_discounts !== undefined ? { available_discounts: reply.available_discounts } : {}) });
};

const checkNote = 'Nothing is saved: it is a price check';

// ---- the sale ----

const loadSale: SalonEndpoint = {
	method: 'pos/load',
	value: 'loadSale',
	name: 'Load Sale',
	action: 'Load a client into a sale',
	description: 'Get the client and all their unpaid appointments, products, packages and memberships, plus outstanding deposits',
	idempotent: true,
	required: [saleClient('The client (the Walk In and Internal Use clients cannot load sales)')],
	additional: [
		companyId(),
		{ path: 'appointment_ids', displayName: 'Appointment IDs', type: 'idList', description: 'Only these appointments (otherwise all unpaid ones up to today)' },
		{ path: 'client_membership_ids', displayName: 'Client Membership IDs', type: 'idList', description: 'Only these unpaid client memberships' },
		{ path: 'client_package_ids', displayName: 'Client Package IDs', type: 'idList', description: 'Only these unpaid client packages' },
		{ path: 'client_product_ids', displayName: 'Client Product IDs', type: 'idList', description: 'Only these unpaid client products' },
	],
	additionalLabel: 'Options',
	build(ctx, itemIndex, body) {
		if ((body.client_id as number) <= 0) {
			throw bad(ctx, itemIndex, `The field "Client ID" is a special client (${String(body.client_id)})`, 'The Walk In, Internal Use and System clients cannot load sales.');
		}
		return body;
	},
};

/** The item lists of a sale, as JSON arrays, with the fields the docs require of each item. */
const SALE_LISTS: Array<{ path: string; name: string; displayName: string; idField: string; required: string[]; example: string }> = [
	{
		path: 'appointments',
		name: 'appointments',
		displayName: 'Appointments (JSON)',
		idField: 'appointment_id',
		required: ['appointment_id', 'client_id', 'operator_id', 'service_id'],
		example: '[{ "appointment_id": -1, "client_id": 1111, "operator_id": 2222, "service_id": 3333, "price": 85, "pos_id": "cut1" }]',
	},
	{
		path: 'client_products',
		name: 'clientProducts',
		displayName: 'Client Products (JSON)',
		idField: 'client_product_id',
		required: ['client_product_id', 'client_id', 'operator_id', 'product_id', 'price', 'quantity'],
		example: '[{ "client_product_id": -1, "client_id": 1111, "operator_id": 2222, "product_id": 5555, "price": 10, "quantity": 1 }]',
	},
	{
		path: 'client_packages',
		name: 'clientPackages',
		displayName: 'Client Packages (JSON)',
		idField: 'client_package_id',
		required: ['client_package_id', 'client_id', 'operator_id', 'package_id', 'price'],
		example: '[{ "client_package_id": -1, "client_id": 1111, "operator_id": 2222, "package_id": 9999, "price": 400 }]',
	},
	{
		path: 'client_memberships',
		name: 'clientMemberships',
		displayName: 'Client Memberships (JSON)',
		idField: 'client_membership_id',
		// the docs' table says "package_id" here, a slip for membership_id (the ClientMembership model has no package_id)
		required: ['client_membership_id', 'client_id', 'operator_id', 'membership_id', 'price', 'start_date'],
		example: '[{ "client_membership_id": -1, "client_id": 1111, "operator_id": 2222, "membership_id": 4646, "price": 100, "start_date": "2025-03-03" }]',
	},
];

function bad(ctx: IExecuteFunctions, itemIndex: number, message: string, description?: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${message} in item ${itemIndex}`, { itemIndex, description });
}

/** A JSON parameter that must be an array of objects (an empty text or [] = none). */
function itemList(ctx: IExecuteFunctions, itemIndex: number, name: string, displayName: string): IDataObject[] {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return [];
	const value = salonValue(ctx, { path: name, displayName, type: 'json' }, raw, itemIndex);
	if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'object' || entry === null || Array.isArray(entry))) {
		throw bad(ctx, itemIndex, `The field "${displayName}" must be a JSON array of items`, 'For example [{ "appointment_id": -1, "client_id": 1111, … }].');
	}
	return value as IDataObject[];
}

/** pos_id is "your unique identifier for an unsaved item" and must be unique within one call; parent_pos_id must name one. */
function checkPosIds(ctx: IExecuteFunctions, itemIndex: number, lists: Array<[string, IDataObject[]]>, discounts: IDataObject[] = []) {
	const seen = new Map<string, string>();
	const note = (posId: unknown, where: string) => {
		if (posId === undefined || posId === null) return;
		if (typeof posId !== 'string' || posId === '') throw bad(ctx, itemIndex, `The field "${where}.pos_id" must be a non-empty text`);
		const before = seen.get(posId);
		if (before) throw bad(ctx, itemIndex, `The pos_id "${posId}" is used twice (${before} and ${where})`, 'Each item of a call needs its own pos_id.');
		seen.set(posId, where);
	};
	for (const [label, items] of lists) {
		items.forEach((item, i) => {
			note(item.pos_id, `${label}[${i}]`);
			for (const [d, discount] of ((item.discounts as IDataObject[] | undefined) ?? []).entries()) {
				// a Transaction Discount is repeated on every item it was spread over, with the same pos_id
				if (discount.transaction_discount !== true) note(discount.pos_id, `${label}[${i}].discounts[${d}]`);
			}
		});
	}
	discounts.forEach((discount, d) => note(discount.pos_id, `Transaction Discounts (JSON)[${d}]`));
	const appointments = lists.find(([label]) => label.startsWith('Appointments'))?.[1] ?? [];
	const parents = new Set(appointments.map((a) => a.pos_id));
	appointments.forEach((a, i) => {
		if (a.parent_pos_id !== undefined && !parents.has(a.parent_pos_id)) {
			throw bad(ctx, itemIndex, `The field "Appointments (JSON)[${i}].parent_pos_id" does not match the pos_id of an appointment in this call`);
		}
	});
}

const saveSale: SalonEndpoint = {
	method: 'pos/save',
	value: 'saveSale',
	name: 'Save Sale',
	action: 'Save unpaid sale items for later',
	description: 'Park unpaid items on their client, to load into a sale later (added to the items already saved)',
	// saving twice would park the new items twice
	idempotent: false,
	additional: [companyId()],
	async build(ctx, itemIndex, body) {
		const lists: Array<[string, IDataObject[]]> = [];
		for (const list of SALE_LISTS) {
			const items = itemList(ctx, itemIndex, list.name, list.displayName);
			items.forEach((item, i) => {
				for (const field of list.required) {
					if (item[field] === undefined || item[field] === null) {
						throw bad(ctx, itemIndex, `The field "${list.displayName}" item ${i} has no "${field}"`, `Each item needs ${list.required.join(', ')}.`);
					}
				}
				const clientId = Number(item.client_id);
				if (clientId === -1 || clientId === -2 || clientId === -3) {
					throw bad(ctx, itemIndex, `The field "${list.displayName}" item ${i} is for a special client (${clientId})`, 'The Walk In, Internal Use and System clients cannot save sales.');
				}
			});
			if (items.length > 0) {
				body[list.path] = items;
				lists.push([list.displayName, items]);
			}
		}
		if (lists.length === 0) {
			throw bad(ctx, itemIndex, 'There is nothing to save', 'Give at least one appointment, client product, client package or client membership.');
		}
		checkPosIds(ctx, itemIndex, lists);
		return body;
	},
};

function saleListProperties(): INodeProperties[] {
	return SALE_LISTS.map((list) => ({
		displayName: list.displayName,
		name: list.name,
		type: 'json',
		default: '[]',
		description: `The ${list.displayName.replace(' (JSON)', '').toLowerCase()} to save, as a JSON array; each needs ${list.required.join(', ')} (price too, except for a group parent appointment). Use ${list.idField} -1 for new items.`,
		placeholder: list.example,
	}));
}

const saveSaleOperation: Operation = (() => {
	const operation = salonOperation(saveSale);
	operation.properties.unshift(...saleListProperties());
	return operation;
})();

const transactionCheck: SalonEndpoint = {
	method: 'pos/transaction/check',
	value: 'checkTransaction',
	name: 'Check Transaction Total',
	action: 'Check the total of a transaction',
	description: 'Total a sale, see what can be redeemed across it, and spread Transaction Discounts over its items. Nothing is saved.',
	idempotent: true,
	required: [
		{
			path: 'transaction',
			displayName: 'Transaction (JSON)',
			type: 'json',
			placeholder: '{ "appointments": [{ "appointment_id": -1, "client_id": 1111, "operator_id": 2222, "service_id": 3333, "price": 85, "pos_id": "a1" }] }',
			description: 'The sale: appointments, client_products, client_packages, client_memberships and client_vouchers lists (e.g. from Load Sale)',
		},
	],
	additional: [
		{
			path: 'discounts',
			displayName: 'Transaction Discounts (JSON)',
			type: 'json',
			placeholder: '[{ "discount_type_id": 7171, "operator_id": 2222, "pos_id": "td1", "transaction_discount": true }]',
			description: 'New discounts on the whole sale, as a JSON array; each needs its own pos_id',
		},
		companyId(),
	],
	build(ctx, itemIndex, body) {
		const transaction = body.transaction;
		if (typeof transaction !== 'object' || transaction === null || Array.isArray(transaction)) {
			throw bad(ctx, itemIndex, 'The field "Transaction (JSON)" must be a JSON object', 'For example { "appointments": [ … ], "client_products": [ … ] }.');
		}
		const lists: Array<[string, IDataObject[]]> = [];
		for (const key of ['appointments', 'client_products', 'client_packages', 'client_memberships', 'client_vouchers']) {
			const items = (transaction as IDataObject)[key];
			if (items === undefined) continue;
			if (!Array.isArray(items) || items.some((entry) => typeof entry !== 'object' || entry === null)) {
				throw bad(ctx, itemIndex, `The field "Transaction (JSON)" has a "${key}" that is not a list of items`);
			}
			lists.push([key === 'appointments' ? 'Appointments' : key, items as IDataObject[]]);
		}
		let discounts: IDataObject[] = [];
		if (body.discounts !== undefined) {
			const raw = body.discounts;
			discounts = Array.isArray(raw) ? (raw as IDataObject[]) : [raw as IDataObject];
			discounts.forEach((discount, d) => {
				if (typeof discount !== 'object' || discount === null) throw bad(ctx, itemIndex, `The field "Transaction Discounts (JSON)" item ${d} is not an object`);
				if (discount.pos_id === undefined) {
					throw bad(ctx, itemIndex, `The field "Transaction Discounts (JSON)" item ${d} has no "pos_id"`, 'A Transaction Discount needs its own pos_id.');
				}
				if (discount.discount_type_id === undefined) throw bad(ctx, itemIndex, `The field "Transaction Discounts (JSON)" item ${d} has no "discount_type_id"`);
				// these are Transaction Discounts by definition
				discount.transaction_discount = true;
			});
			body.discounts = discounts;
		}
		checkPosIds(ctx, itemIndex, lists, discounts);
		return body;
	},
	output: checked('transaction'),
};

// ---- price checks ----

const serviceCheck = eitherOrOperation(
	{
		method: 'pos/service/check',
		value: 'checkService',
		name: 'Check Service Price',
		action: 'Check the price of a service at the till',
		description: `Price, tax rate, automatic discount and what the client can redeem it with. ${checkNote}.`,
		idempotent: true,
		required: [client, itemId('appointment_id', 'Appointment ID', 'appointment'), operator()],
		additional: [companyId()],
		output: checked('appointment'),
	},
	byBarcodeOr('service', service()),
);

const productCheck = eitherOrOperation(
	{
		method: 'pos/product/check',
		value: 'checkProduct',
		name: 'Check Product Price',
		action: 'Check the price of a product at the till',
		description: `Price, tax rate, brand, automatic discount and whether it can come from a package or membership. ${checkNote}.`,
		idempotent: true,
		required: [client, itemId('client_product_id', 'Client Product ID', 'client product')],
		additional: [companyId()],
		output: checked('client_product'),
	},
	byBarcodeOr('product', product()),
);

const voucherCheck = eitherOrOperation(
	{
		method: 'pos/voucher/check',
		value: 'checkVoucher',
		name: 'Check Voucher Price',
		action: 'Check the price of a gift voucher at the till',
		description: `Price and automatic discount of a gift voucher. ${checkNote}.`,
		idempotent: true,
		required: [client, itemId('client_voucher_id', 'Client Voucher ID', 'client voucher')],
		additional: [companyId()],
		output: checked('client_voucher'),
	},
	byBarcodeOr('voucher', { path: 'voucher_id', displayName: 'Voucher ID', description: 'The voucher type to sell, e.g. 7777', type: 'id', placeholder: '7777' }),
);

const packageCheck = eitherOrOperation(
	{
		method: 'pos/package/check',
		value: 'checkPackage',
		name: 'Check Package Price',
		action: 'Check the price of a package at the till',
		description: `Price, tax rate and automatic discount of a package. ${checkNote}.`,
		idempotent: true,
		required: [saleClient('The client buying the package (not Walk In or Internal Use)'), itemId('client_package_id', 'Client Package ID', 'client package')],
		additional: [companyId()],
		output: checked('client_package'),
	},
	byBarcodeOr('package', { path: 'package_id', displayName: 'Package ID', type: 'id', loadOptionsMethod: 'getPackages' }),
);

const membershipCheck: SalonEndpoint = {
	method: 'pos/membership/check',
	value: 'checkMembership',
	name: 'Check Membership Price',
	action: 'Check the price of a membership at the till',
	description: `Setup price, tax rate, payment type and recurring fee of a membership. ${checkNote}.`,
	idempotent: true,
	required: [
		saleClient('The client buying the membership (not Walk In or Internal Use)'),
		itemId('client_membership_id', 'Client Membership ID', 'client membership'),
		{ path: 'membership_id', displayName: 'Membership ID', type: 'id', loadOptionsMethod: 'getMemberships' },
	],
	additional: [companyId()],
	output: checked('client_membership'),
};

const groupServicePrices: SalonEndpoint = {
	method: 'pos/service/children',
	value: 'getGroupServicePrices',
	name: 'Get Group Service Prices',
	action: 'Get the services of a group service with their prices',
	description: 'The services a group service is made of, with the group price shared out among them (one item per service)',
	idempotent: true,
	required: [client, operator(), service('service_id', 'The group service')],
	additional: [
		{ path: 'price', displayName: 'Group Price', type: 'number', description: 'The price of the whole group service; leave it out for its usual price' },
		companyId(),
	],
	output: (reply) => ((Array.isArray(reply.appointments) ? reply.appointments : []) as IDataObject[]),
};

// ---- redemptions (processed at once, in their own transaction) ----

const redeemedNote = 'It is processed at once in its own transaction: take the item off the sale';

/** appointment_id -1 needs the service and the operator. */
function needsServiceAndOperator(ctx: IExecuteFunctions, itemIndex: number, body: IDataObject) {
	if (body.appointment_id !== -1) return;
	for (const [field, label] of [
		['service_id', 'Service Name or ID'],
		['operator_id', 'Operator ID'],
	]) {
		if (body[field] === undefined) {
			throw bad(ctx, itemIndex, `The field "${label}" is needed when Appointment ID is -1`, 'Add it under Additional Fields: an unsaved appointment has no service or operator yet.');
		}
	}
}

function redeemedService(via: string) {
	return (reply: IDataObject, ctx: IExecuteFunctions, itemIndex: number): IDataObject =>
		withWarnings(reply, {
			redeemed: true,
			via,
			appointment_id: numberOf(ctx, 'appointment_id', itemIndex),
			client_id: numberOf(ctx, 'client_id', itemIndex),
			...(reply.parent_appointment_id !== undefined ? { parent_appointment_id: reply.parent_appointment_id } : {}),
		});
}

const serviceRedeemFields = (): SalonParam[] => [
	{ ...service(), description: 'Needed when Appointment ID is -1' },
	{ ...operator('Who performed the service; needed when Appointment ID is -1'), default: '' },
	companyId('Defaults to your company; a Dome redeems in the client\'s company'),
];

const groupFields: SalonParam[] = [
	{
		path: 'parent_appointment_id',
		displayName: 'Group Parent Appointment ID',
		type: 'id',
		special: true,
		description: 'For a service in a group service: the group\'s appointment, or -1 if it is not saved yet',
	},
	{ ...service('parent_service_id', 'The group service; needed when Group Parent Appointment ID is -1'), displayName: 'Group Service ID' },
];

const redeemAppointment = itemId('appointment_id', 'Appointment ID', 'appointment');

const loyaltyRedeem: SalonEndpoint = {
	method: 'pos/service/loyalty_redeem',
	value: 'redeemServiceWithPoints',
	name: 'Redeem Service With Loyalty Points',
	action: 'Redeem a service with loyalty points',
	description: `Pay for a service with the client's loyalty points. ${redeemedNote}.`,
	idempotent: false,
	required: [client, redeemAppointment],
	additional: serviceRedeemFields(),
	build(ctx, itemIndex, body) {
		needsServiceAndOperator(ctx, itemIndex, body);
		return body;
	},
	output: redeemedService('loyalty points'),
};

function groupRedeem(method: string, value: string, name: string, action: string, from: string): SalonEndpoint {
	return {
		method,
		value,
		name,
		action,
		description: `Take a service from the client's ${from}. ${redeemedNote}.`,
		idempotent: false,
		required: [client, redeemAppointment],
		additional: [...serviceRedeemFields(), ...groupFields],
		build(ctx, itemIndex, body) {
			needsServiceAndOperator(ctx, itemIndex, body);
			if (body.parent_appointment_id === -1 && body.parent_service_id === undefined) {
				throw bad(ctx, itemIndex, 'The field "Group Service Name or ID" is needed when Group Parent Appointment ID is -1');
			}
			return body;
		},
		output: redeemedService(from),
	};
}

const membershipRedeem = groupRedeem(
	'pos/service/membership_redeem',
	'redeemServiceFromMembership',
	'Redeem Service From Membership',
	'Redeem a service from a membership',
	'membership inclusions',
);

const packageRedeem = groupRedeem(
	'pos/service/package_redeem',
	'redeemServiceFromPackage',
	'Redeem Service From Package',
	'Redeem a service from a package',
	'unclaimed package items',
);

const packageRestore: SalonEndpoint = {
	method: 'pos/service/package_restore',
	value: 'restoreServiceToPackage',
	name: 'Restore Service to Package',
	action: 'Restore a redeemed service to its package',
	description: 'Undo a package redemption: the service goes back to the client\'s unclaimed package items and leaves the appointment page',
	// a second restore would find nothing to undo, or undo another redemption
	idempotent: false,
	required: [{ path: 'appointment_id', displayName: 'Appointment ID', type: 'id', description: 'The appointment that was redeemed from a package' }],
	output: (reply, ctx, itemIndex) => withWarnings(reply, { restored: true, appointment_id: numberOf(ctx, 'appointment_id', itemIndex) }),
};

function productRedeem(method: string, value: string, name: string, action: string, from: string): SalonEndpoint {
	return {
		method,
		value,
		name,
		action,
		description: `Hand over products from the client's ${from}. ${redeemedNote}.`,
		idempotent: false,
		required: [client, product(), { path: 'quantity', displayName: 'Quantity', type: 'number', default: 1, description: 'How many to hand over' }],
		additional: [companyId('Defaults to your company; a Dome redeems in the client\'s company')],
		build(ctx, itemIndex, body) {
			const quantity = body.quantity as number;
			if (!Number.isInteger(quantity) || quantity < 1) {
				throw bad(ctx, itemIndex, `The field "Quantity" has an invalid value "${quantity}"`, 'Use a whole number of at least 1.');
			}
			return body;
		},
		output: (reply, ctx, itemIndex) =>
			withWarnings(reply, {
				redeemed: true,
				via: from,
				client_id: numberOf(ctx, 'client_id', itemIndex),
				product_id: numberOf(ctx, 'product_id', itemIndex),
				quantity: numberOf(ctx, 'quantity', itemIndex),
			}),
	};
}

const productMembershipRedeem = productRedeem(
	'pos/product/membership_redeem',
	'redeemProductFromMembership',
	'Redeem Product From Membership',
	'Redeem a product from a membership',
	'membership inclusions',
);

const productPackageRedeem = productRedeem(
	'pos/product/package_redeem',
	'redeemProductFromPackage',
	'Redeem Product From Package',
	'Redeem a product from a package',
	'unclaimed package items',
);

// ---- cash drawer ----

const drawerGet: SalonEndpoint = {
	method: 'pos/drawer/get',
	value: 'getDrawerAmount',
	name: 'Get Cash Drawer Amount',
	action: 'Get the cash that should be in the drawer',
	description: 'The amount of cash that should be in the cash drawer now',
	idempotent: true,
	// the docs' curl sends no body; the method takes an optional company_id
	additional: [companyId()],
	additionalLabel: 'Options',
};

const drawerOpen: SalonEndpoint = {
	method: 'pos/drawer/open',
	value: 'logDrawerOpening',
	name: 'Log Cash Drawer Opening',
	action: 'Log a cash drawer opening',
	description: 'Record that the cash drawer was opened outside a sale (it does not open any drawer)',
	// every call logs one more opening
	idempotent: false,
	additional: [companyId()],
	additionalLabel: 'Options',
	output: (reply) => withWarnings(reply, { logged: true }),
};

export const pos: Resource = {
	value: 'pos',
	name: 'POS',
	description: 'The till: sales, price checks, redemptions and the cash drawer',
	operations: [
		salonOperation(loadSale),
		saveSaleOperation,
		salonOperation(transactionCheck),
		serviceCheck,
		productCheck,
		voucherCheck,
		packageCheck,
		salonOperation(membershipCheck),
		salonOperation(groupServicePrices),
		salonOperation(loyaltyRedeem),
		salonOperation(membershipRedeem),
		salonOperation(packageRedeem),
		salonOperation(packageRestore),
		salonOperation(productMembershipRedeem),
		salonOperation(productPackageRedeem),
		salonOperation(drawerGet),
		salonOperation(drawerOpen),
	],
	defaultOperation: 'loadSale',
};
