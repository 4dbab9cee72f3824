import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { Resource } from '../../shared/execute';
import { salonOperation, type SalonEndpoint, type SalonParam } from '../endpoint';
import { idOf, withoutFilters } from './staffParts';

/*
 * Services are what the salon sells in the appointment book: their prices and durations (per operator level),
 * group services made of child services, the resources they need, their categories and, in a Dome, sharing.
 */

const serviceId = (path = 'service_id', description = 'The service'): SalonParam => ({
	displayName: 'Service ID',
	name: 'service_id',
	path,
	type: 'id',
	default: '',
	loadOptionsMethod: 'getServices',
	description,
});

const priceForOperator: SalonParam = {
	path: 'operator_id',
	displayName: 'Operator ID',
	type: 'id',
	loadOptionsMethod: 'getOperators',
	description: 'Use this staff member\'s level price and duration; fails if they cannot perform the service',
};

const bool = (field: string, displayName: string, description: string): SalonParam => ({ path: `service.${field}`, displayName, type: 'boolean', description });

/** The writable fields of the Service model (computed tax fields and expanded ones are left out). */
const serviceFields: SalonParam[] = [
	bool('allow_multiple_clients', 'Class', 'Whether several clients can attend the same timeslot (a class)'),
	{ path: 'service.barcode', displayName: 'Barcode', description: 'The barcode of the service, for scanning at the till', type: 'string' },
	{ path: 'service.category_id', displayName: 'Category ID', type: 'id', special: true, loadOptionsMethod: 'getCategories', description: 'The service category (0 = No Category)' },
	{ path: 'service.display_colour', displayName: 'Display Colour', type: 'string', placeholder: 'FF0000', description: 'Colour on the appointment page, as six hex digits RRGGBB' },
	{ path: 'service.duration', displayName: 'Duration (Minutes)', type: 'number', description: 'A multiple of the salon\'s appointment interval' },
	{ path: 'service.loyalty_points_earned', displayName: 'Loyalty Points Earned', description: 'How many loyalty points a client earns for this service', type: 'number' },
	{ path: 'service.loyalty_points_to_redeem', displayName: 'Loyalty Points to Redeem', type: 'number', description: 'Points a client needs to get the service with points' },
	{ path: 'service.maximum_clients', displayName: 'Maximum Clients', type: 'number', description: 'For a class: how many clients may attend (0 = no limit)' },
	{ path: 'service.name', displayName: 'Name', description: 'The name of the service, e.g. Beard Trim', type: 'string' },
	{ path: 'service.online_booking_name', displayName: 'Online Booking Name', type: 'string', description: 'The name shown on the online booking website' },
	{ path: 'service.online_booking_price', displayName: 'Online Booking Price', type: 'number', description: 'The price with the online booking markup' },
	bool('online_booking_show', 'Show in Online Booking', 'Whether clients can book the service on the online booking website'),
	bool('override_duration', 'Override Duration', 'Whether a group service has its own duration instead of the total of its services'),
	bool('override_price', 'Override Price', 'Whether a group service has its own price instead of the total of its services'),
	{ path: 'service.price', displayName: 'Price', type: 'number', description: 'Including tax or not, as the salon\'s "prices include tax" setting says' },
	{ path: 'service.processing_duration', displayName: 'Processing Duration (Minutes)', type: 'number', description: 'Waiting time after the service (e.g. colour developing), a multiple of the appointment interval' },
	bool('processing_duration_blocked', 'Block Processing Time', 'Whether no other client can be booked with the operator during the processing time'),
	bool('requires_resource', 'Requires Resource', 'Whether the service needs a free room or piece of equipment'),
	bool('tax_free', 'Tax Free', 'Whether the service has no tax'),
];

const list: SalonEndpoint = {
	method: 'service/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many services',
	description: 'List the services; with an operator, only what they perform, at their level\'s prices',
	idempotent: true,
	list: { key: 'services', allowAll: true },
	filters: [
		{ path: 'filters.barcode', displayName: 'Barcode', type: 'string', description: 'Only the service with exactly this barcode' },
		{ path: 'filters.category_id', displayName: 'Category ID', type: 'id', special: true, loadOptionsMethod: 'getCategories' },
		{ path: 'filters.company_id', displayName: 'Company ID', type: 'id', description: 'Defaults to your company' },
		{ path: 'filters.dome_service_id', displayName: 'Dome Service ID', type: 'id', description: 'The location\'s copy of this Dome service' },
		{ path: 'filters.loyalty_points_to_redeem', displayName: 'Redeemable With Loyalty Points', type: 'number', description: 'Only services a client can get with this many points' },
		{ path: 'filters.online_booking_category_id', displayName: 'Online Booking Category ID', description: 'Only services in this online booking category', type: 'string' },
		{ path: 'filters.online_booking_show', displayName: 'Shown in Online Booking', type: 'boolean', description: 'Whether the services are bookable online' },
		{
			path: 'filters.operator_id',
			displayName: 'Operator ID',
			type: 'id',
			loadOptionsMethod: 'getOperators',
			description: 'Only the services this staff member performs, with their level\'s price and duration',
		},
		{ path: 'filters.service_ids', displayName: 'Service IDs', type: 'idList', loadOptionsMethod: 'getServices' },
	],
	expandable: ['operators', 'service_levels'],
};

const get: SalonEndpoint = {
	method: 'service/get',
	value: 'get',
	name: 'Get',
	action: 'Get a service',
	description: 'Get a service by ID, optionally at an operator\'s level price',
	idempotent: true,
	required: [serviceId()],
	additional: [priceForOperator],
	additionalLabel: 'Options',
	result: 'service',
};

const add: SalonEndpoint = {
	method: 'service/add',
	value: 'add',
	name: 'Add',
	action: 'Add a service',
	description: 'Add a service to the menu',
	// adding twice would make two services
	idempotent: false,
	required: [{ path: 'service.name', displayName: 'Name', description: 'The name of the service, e.g. Beard Trim', type: 'string', placeholder: 'Beard Trim' }],
	additional: [
		...serviceFields.filter((f) => f.path !== 'service.name'),
		bool('group_service', 'Group Service', 'Whether the service is a set of other services (can only be set now, not changed later)'),
	],
	result: 'service',
};

const update: SalonEndpoint = {
	method: 'service/update',
	value: 'update',
	name: 'Update',
	action: 'Update a service',
	description: 'Change some fields of a service; the fields you do not set keep their values',
	idempotent: true,
	required: [serviceId('service.service_id')],
	additional: [
		...serviceFields,
		{
			displayName: 'Apply New Price to Future Appointments',
			name: 'applyNewPriceForFutureAppts',
			path: 'apply_new_price_for_future_appts',
			type: 'boolean',
			default: false,
			description: 'Whether appointments already booked in the future get the new price (otherwise only new bookings do)',
		},
		{
			displayName: 'Copy Price to Child Locations',
			name: 'copyPrice',
			path: 'update_in_child_locations.price',
			type: 'boolean',
			default: false,
			description: 'Whether a Dome service\'s price is also written to its child location services',
		},
	],
	additionalLabel: 'Update Fields',
	result: 'service',
	build(ctx: IExecuteFunctions, itemIndex, body) {
		if (Object.keys(body.service as IDataObject).length < 2) {
			throw new NodeOperationError(ctx.getNode(), `The field "Update Fields" is empty in item ${itemIndex}`, {
				itemIndex,
				description: 'Add at least one service field to change.',
			});
		}
		return body;
	},
};

const remove: SalonEndpoint = {
	method: 'service/delete',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a service',
	description: 'Delete a service',
	idempotent: true,
	required: [serviceId()],
	output: (_reply, ctx, itemIndex) => ({ service_id: idOf(ctx, 'service_id', itemIndex), deleted: true }),
};

const children: SalonEndpoint = {
	method: 'service/children/list',
	value: 'getChildren',
	name: 'Get Child Services',
	action: 'Get the child services of a group service',
	description: 'List the services a group service is made of, in booking order',
	idempotent: true,
	required: [serviceId('service_id', 'The group service')],
	additional: [priceForOperator],
	additionalLabel: 'Options',
	list: { key: 'services', pageable: false },
	build: withoutFilters,
};

const levels: SalonEndpoint = {
	method: 'service/level/list',
	value: 'getLevels',
	name: 'Get Level Prices',
	action: 'Get the level prices of a service',
	description: 'List the price and duration of a service per operator level (none: everyone has the base price)',
	idempotent: true,
	required: [serviceId()],
	list: { key: 'service_levels', pageable: false },
	build: withoutFilters,
};

const resources: SalonEndpoint = {
	method: 'service/resource/list',
	value: 'getResources',
	name: 'Get Resources',
	action: 'Get the resources of a service',
	description: 'List the rooms and equipment a service can use',
	idempotent: true,
	required: [serviceId()],
	list: { key: 'resources', pageable: false },
	build: withoutFilters,
	// the docs' table names the key `services`, their example `resources`: either is read
	output: (reply) => ((reply.resources ?? reply.services ?? []) as IDataObject[]),
};

const sharing: SalonEndpoint = {
	method: 'service/sharing/update',
	value: 'updateSharing',
	name: 'Update Sharing',
	action: 'Update the sharing of a service',
	description: 'Share a Dome service with child locations, or stop sharing',
	idempotent: true,
	required: [
		serviceId(),
		{ path: 'company_ids', displayName: 'Company IDs', type: 'idList', description: 'The child locations, comma-separated' },
		{ path: 'share', displayName: 'Share', type: 'boolean', default: true, description: 'Whether to share the service with these locations (off stops sharing)' },
	],
	additional: [
		{
			path: 'replace',
			displayName: 'Replace',
			type: 'boolean',
			description: 'Whether every other child location gets the opposite sharing (otherwise they keep theirs)',
		},
	],
	output: (_reply, ctx, itemIndex) => ({ service_id: idOf(ctx, 'service_id', itemIndex), shared: ctx.getNodeParameter('share', itemIndex) as boolean }),
};

const categories: SalonEndpoint = {
	method: 'category/list',
	value: 'getAllCategories',
	name: 'Get Many Categories',
	action: 'Get many service categories',
	description: 'List the service categories ("No Category" is ID 0)',
	idempotent: true,
	list: { key: 'categories', allowAll: true },
	// the method takes only `options`
	build: withoutFilters,
};

export const service: Resource = {
	value: 'service',
	name: 'Service',
	description: 'The service menu: prices, durations, group services and categories',
	operations: [add, remove, get, list, categories, children, levels, resources, update, sharing].map(salonOperation),
	defaultOperation: list.value,
};
