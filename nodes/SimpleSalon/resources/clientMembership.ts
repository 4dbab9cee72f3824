import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { Resource } from '../../shared/execute';
import { salonOperation, type SalonEndpoint, type SalonParam } from '../endpoint';
import { checkAmounts, doneOperation, expandableOperation, soldBy, soldFilters, soldListOperation, updateEndpoint } from './soldItems';

/*
 * Memberships sold to clients: list, get, change, delete, what each includes this period (and what is used), and the
 * client's and the membership's status in the third-party direct-debit gateway.
 */

const clientMembershipId: SalonParam = { path: 'client_membership_id', displayName: 'Client Membership ID', description: "The number of the client's membership, e.g. 2469", type: 'id', placeholder: '2469' };

const getAll: SalonEndpoint & { list: { key: string } } = {
	method: 'client_membership/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many client memberships',
	description: 'List the memberships sold to clients',
	idempotent: true,
	list: { key: 'client_memberships' },
	filters: soldFilters(),
};

const get: SalonEndpoint = {
	method: 'client_membership/get',
	value: 'get',
	name: 'Get',
	action: 'Get a client membership',
	description: 'Get a membership sold to a client',
	idempotent: true,
	required: [clientMembershipId],
	expandable: ['discounts'],
	result: 'client_membership',
};

const update = updateEndpoint(
	{
		method: 'client_membership/update',
		value: 'update',
		name: 'Update',
		action: 'Update a client membership',
		description: 'Change the start date, price, seller or direct debit of a client membership; other fields keep their values',
		idempotent: true,
		required: [{ ...clientMembershipId, path: 'client_membership.client_membership_id' }],
		additional: [
			{
				path: 'client_membership.start_date',
				displayName: 'Start Date',
				type: 'date',
				description: 'The day the membership starts (only the date is used)',
			},
			{ path: 'client_membership.price', displayName: 'Price', type: 'number', description: 'The price before discounts' },
			soldBy('client_membership.operator_id'),
			{
				path: 'client_membership.use_direct_debit',
				displayName: 'Use Direct Debit',
				type: 'boolean',
				description: 'Whether the client is linked to an automatic direct debit add-on',
			},
		],
		build: (ctx, itemIndex, body) => {
			checkAmounts(ctx, itemIndex, body.client_membership as IDataObject, { price: { label: 'Price' } });
			return body;
		},
	},
	'client_membership',
	'client_membership_id',
);

const remove: SalonEndpoint = {
	method: 'client_membership/delete',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a client membership',
	description: 'Delete a membership sold to a client',
	idempotent: true,
	required: [clientMembershipId],
};

const items: SalonEndpoint & { list: { key: string } } = {
	method: 'client_membership/item/list',
	value: 'getItems',
	name: 'Get Included Items',
	action: 'Get the included items of client memberships',
	description: 'List the services and products memberships include, with how many are used in the period; filter by client membership, client or online booking client',
	idempotent: true,
	list: { key: 'client_membership_items' },
	filters: [
		{ path: 'filters.client_membership_id', displayName: 'Client Membership ID', description: 'Only this client membership', type: 'id' },
		{ path: 'filters.client_id', displayName: 'Client ID', description: 'Only memberships of this client', type: 'id' },
		{
			path: 'filters.online_booking_client_id',
			displayName: 'Online Booking Client ID',
			type: 'id',
			description: 'A client of the online booking marketplace; needs the Online Booking Client Token and Company ID',
		},
		{
			path: 'filters.all_quantity_used',
			displayName: 'All Used',
			type: 'boolean',
			description: 'Whether to return only items used up in the period (off: only items with some left)',
		},
		{
			path: 'filters.client_membership_active',
			displayName: 'Membership Active',
			type: 'boolean',
			description: 'Whether to return only items of active memberships (off: only of memberships that are not active)',
		},
		{ path: 'filters.company_id', displayName: 'Company ID', type: 'id', description: 'Only memberships sold at this location (company)' },
		{
			path: 'filters.period_date',
			displayName: 'Period Date',
			type: 'date',
			description: 'The day whose claim period counts the used quantity; defaults to today',
		},
		{
			path: 'filters.type',
			displayName: 'Type',
			description: 'Only membership items that are services, or only those that are products',
			type: 'options',
			default: 'service',
			options: [
				{ name: 'Product', value: 'product' },
				{ name: 'Service', value: 'service' },
			],
		},
	],
	expandable: ['client_membership', 'product', 'service'],
	build: (ctx, itemIndex, body) => {
		const filters = body.filters as Record<string, unknown>;
		if (filters.client_membership_id === undefined && filters.client_id === undefined && filters.online_booking_client_id === undefined) {
			// ClientMembershipItemFilter: "Must specify either client_membership_id, client_id or online_booking_client_id"
			throw new NodeOperationError(
				ctx.getNode(),
				`Set one of the filters "Client Membership ID", "Client ID" or "Online Booking Client ID" in item ${itemIndex}`,
				{ itemIndex, description: 'Simple Salon lists included items per client membership, per client or per online booking client.' },
			);
		}
		return body;
	},
};

const clientGatewayStatus: SalonEndpoint = {
	method: 'third_party/client_membership/client/status',
	value: 'getClientGatewayStatus',
	name: 'Get Client Gateway Status',
	action: 'Get the direct debit gateway status of a client',
	description: 'Whether a client is linked to the membership payment gateway (not_linked, active, pending, error) and which client fields it still needs',
	idempotent: true,
	required: [{ path: 'client_id', displayName: 'Client ID', description: 'The number of the client in Simple Salon, e.g. 1111', type: 'id', placeholder: '1111' }],
	additional: [
		{
			path: 'gateway_refresh',
			displayName: 'Ask the Gateway Now',
			type: 'boolean',
			description: 'Whether to ask the gateway itself instead of using the last known status (slower; updates the client)',
		},
	],
	additionalLabel: 'Options',
};

const gatewayStatus: SalonEndpoint = {
	method: 'third_party/client_membership/client_membership/status',
	value: 'getGatewayStatus',
	name: 'Get Gateway Status',
	action: 'Get the direct debit gateway status of a client membership',
	description: 'The status of a client membership in the membership payment gateway (none, not_linked, active, pending, suspended, cancelled, error)',
	idempotent: true,
	required: [clientMembershipId],
	additional: [
		{
			path: 'gateway_refresh',
			displayName: 'Ask the Gateway Now',
			type: 'boolean',
			description: 'Whether to ask the gateway itself instead of using the last known status (slower; updates the membership)',
		},
	],
	additionalLabel: 'Options',
};

export const clientMembership: Resource = {
	value: 'clientMembership',
	name: 'Client Membership',
	description: 'Memberships sold to clients, what they include and their direct debit status',
	operations: [
		// The docs also list `packages`, but a client membership points at no package.
		soldListOperation({ endpoint: getAll, related: ['clients', 'memberships', 'operators'] }),
		expandableOperation(get),
		salonOperation(update),
		doneOperation(remove, { deleted: true }),
		soldListOperation({ endpoint: items, related: ['companies'], relatedNeedsOnlineBooking: true, replyFields: ['period_start', 'period_end'] }),
		doneOperation(clientGatewayStatus, {}, ['client_id']),
		doneOperation(gatewayStatus, {}, ['client_membership_id']),
	],
	defaultOperation: getAll.value,
};
