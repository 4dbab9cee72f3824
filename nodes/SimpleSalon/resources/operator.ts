import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { Resource } from '../../shared/execute';
import { salonOperation, type SalonEndpoint, type SalonParam } from '../endpoint';
import { idOf, withoutFilters } from './staffParts';

/*
 * Operators are the salon's staff (the people who perform services and log in), with their levels (level prices),
 * mobile push devices and, in a Dome, sharing with child locations.
 */

const operatorId = (path = 'operator_id'): SalonParam => ({
	displayName: 'Operator ID',
	name: 'operator_id',
	path,
	type: 'id',
	default: '',
	loadOptionsMethod: 'getOperators',
	description: 'The staff member',
});

const ROLES = [
	{ name: 'Administrator', value: -1 },
	{ name: 'API Only', value: -5 },
	{ name: 'Manager', value: -3 },
	{ name: 'Staff', value: -2 },
];

const WELCOME_PAGES = [
	{ name: 'Appointments', value: 'appointments' },
	{ name: 'Company Default', value: '', description: 'The company\'s welcome page setting' },
	{ name: 'POS', value: 'pos' },
	{ name: 'Reporting', value: 'reporting' },
	{ name: 'Resources', value: 'resources' },
];

const percent = (field: string, label: string): SalonParam => ({
	path: `operator.${field}`,
	displayName: label,
	type: 'number',
	description: `${label.replace(/ \(%\)$/, '')}, in percent (10 means 10%)`,
});

/** The writable fields of the Operator model (expanded ones, level and address_state, are set through their IDs). */
const operatorFields: SalonParam[] = [
	{ path: 'operator.address_line1', displayName: 'Street Address', description: "The street and number of the staff member's address", type: 'string' },
	{ path: 'operator.address_postcode', displayName: 'Postcode', description: "The postcode of the staff member's address", type: 'string' },
	{ path: 'operator.address_state_id', displayName: 'State ID', type: 'id', description: 'The state of the postal address, as a Simple Salon state ID' },
	{ path: 'operator.address_suburb', displayName: 'Suburb', description: "The suburb or town of the staff member's address", type: 'string' },
	percent('commission_packages', 'Commission on Packages (%)'),
	percent('commission_products_profit', 'Commission on Product Profit (%)'),
	percent('commission_products_revenue', 'Commission on Products (%)'),
	percent('commission_services', 'Commission on Services (%)'),
	percent('commission_vouchers', 'Commission on Vouchers (%)'),
	{ path: 'operator.date_of_birth', displayName: 'Date of Birth', type: 'date', description: 'Only the date is used' },
	{ path: 'operator.email', displayName: 'Email', description: "The staff member's email address", type: 'string', placeholder: 'name@email.com' },
	{
		path: 'operator.email_appointment_updates_enabled',
		displayName: 'Email Appointment Updates',
		type: 'boolean',
		description: 'Whether the operator gets appointment updates by email',
	},
	{ path: 'operator.firstname', displayName: 'First Name', description: "The staff member's first name", type: 'string' },
	{
		path: 'operator.gender',
		displayName: 'Gender',
		description: "The staff member's gender, as recorded by the salon",
		type: 'options',
		options: [
			{ name: 'Female', value: 'Female' },
			{ name: 'Male', value: 'Male' },
			{ name: 'Not Set', value: '' },
		],
	},
	{ path: 'operator.kpi_avgclientspendperday', displayName: 'KPI Average Client Spend per Day', description: "The staff member's target for the average client spend per day", type: 'number' },
	{ path: 'operator.kpi_clientsperday', displayName: 'KPI Clients per Day', description: "The staff member's target for clients served per day", type: 'number' },
	percent('kpi_rebookrate', 'KPI Rebooking Rate (%)'),
	percent('kpi_retailsales', 'KPI Retail Sales (%)'),
	percent('kpi_wagesvssales', 'KPI Wages vs Sales (%)'),
	{ path: 'operator.lastname', displayName: 'Last Name', description: "The staff member's last name", type: 'string' },
	{
		path: 'operator.level_id',
		displayName: 'Level ID',
		type: 'id',
		loadOptionsMethod: 'getOperatorLevels',
		description: 'The level that sets the operator\'s service prices and durations',
	},
	{ path: 'operator.mobile', displayName: 'Mobile', description: "The staff member's mobile number", type: 'string' },
	{ path: 'operator.order_num', displayName: 'Display Order', type: 'number', description: 'Position among the operators (lower first)' },
	{ path: 'operator.phone', displayName: 'Phone', description: "The staff member's phone number", type: 'string' },
	{
		path: 'operator.pin',
		displayName: 'Quick Login PIN',
		type: 'number',
		description: 'The PIN used to switch to this operator; must not be used by another operator',
	},
	{ path: 'operator.role_id', displayName: 'Role', type: 'options', options: ROLES, default: -2, description: 'What the operator may do in Simple Salon' },
	{
		path: 'operator.show_on_appointment_page',
		displayName: 'Show on Appointment Page',
		type: 'boolean',
		default: true,
		description: 'Whether the operator has a column on the appointment page',
	},
	{
		path: 'operator.online_booking_show',
		displayName: 'Show in Online Booking',
		type: 'boolean',
		default: true,
		description: 'Whether clients can choose the operator on the online booking website',
	},
	{
		path: 'operator.sms_appointment_updates_enabled',
		displayName: 'SMS Appointment Updates',
		type: 'boolean',
		description: 'Whether the operator gets appointment updates by SMS',
	},
	{ path: 'operator.username', displayName: 'Username', description: 'The name the staff member logs in to Simple Salon with', type: 'string' },
	{ path: 'operator.welcome_page', displayName: 'Welcome Page', type: 'options', options: WELCOME_PAGES, description: 'The page shown first after logging in' },
];

/** `options` values come back as text; the role is a number in the API. */
function withNumericRole(body: IDataObject): IDataObject {
	const operator = body.operator as IDataObject | undefined;
	if (operator?.role_id !== undefined) operator.role_id = Number(operator.role_id);
	return body;
}

const list: SalonEndpoint = {
	method: 'operator/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many operators',
	description: 'List the staff members',
	idempotent: true,
	list: { key: 'operators', allowAll: true },
	filters: [
		{ path: 'filters.company_id', displayName: 'Company ID', type: 'id', description: 'A location of your Dome; defaults to your company' },
		{
			path: 'filters.is_system',
			displayName: 'System Operator Only',
			type: 'boolean',
			description: 'Whether to return only the System Operator (on) or leave it out (off); without this filter both are returned',
		},
		{ path: 'filters.online_booking_show', displayName: 'Shown in Online Booking', type: 'boolean', description: 'Whether the operators are visible on the online booking website' },
		{ path: 'filters.operator_ids', displayName: 'Operator IDs', type: 'idList', loadOptionsMethod: 'getOperators' },
		{ path: 'filters.show_on_appt_page', displayName: 'Shown on Appointment Page', type: 'boolean', description: 'Whether the operators have a column on the appointment page' },
		{ path: 'filters.show_on_pos_page', displayName: 'Shown on POS Page', type: 'boolean', description: 'Whether the operators are shown on the POS page' },
	],
};

const get: SalonEndpoint = {
	method: 'operator/get',
	value: 'get',
	name: 'Get',
	action: 'Get an operator',
	description: 'Get a staff member by ID',
	idempotent: true,
	required: [operatorId()],
	result: 'operator',
};

const add: SalonEndpoint = {
	method: 'operator/add',
	value: 'add',
	name: 'Add',
	action: 'Add an operator',
	description: 'Add a staff member',
	// adding twice would make two staff members
	idempotent: false,
	required: [{ path: 'operator.display_name', displayName: 'Display Name', type: 'string', description: 'The name shown in the appointment book' }],
	additional: operatorFields.filter((f) => f.path !== 'operator.display_name'),
	result: 'operator',
	build: (_ctx, _itemIndex, body) => withNumericRole(body),
};

const COPY_DOWN: SalonParam[] = [
	{ displayName: 'Copy Display Name to Child Locations', name: 'copyDisplayName', path: 'update_in_child_locations.display_name', type: 'boolean', default: false, description: 'Whether a Dome operator\'s display name is also written to its child location operators' },
	{ displayName: 'Copy Level to Child Locations', name: 'copyLevel', path: 'update_in_child_locations.level_id', type: 'boolean', default: false, description: 'Whether a Dome operator\'s level is also written to its child location operators' },
	{ displayName: 'Copy Display Order to Child Locations', name: 'copyOrder', path: 'update_in_child_locations.order_num', type: 'boolean', default: false, description: 'Whether a Dome operator\'s display order is also written to its child location operators' },
];

const update: SalonEndpoint = {
	method: 'operator/update',
	value: 'update',
	name: 'Update',
	action: 'Update an operator',
	description: 'Change some fields of a staff member; the fields you do not set keep their values',
	idempotent: true,
	required: [operatorId('operator.operator_id')],
	additional: [{ path: 'operator.display_name', displayName: 'Display Name', description: 'The name clients see for this staff member, e.g. in online booking', type: 'string' }, ...operatorFields, ...COPY_DOWN],
	additionalLabel: 'Update Fields',
	result: 'operator',
	build(ctx: IExecuteFunctions, itemIndex, body) {
		const changes = Object.keys((body.operator as IDataObject) ?? {}).filter((key) => key !== 'operator_id');
		if (changes.length === 0) {
			throw new NodeOperationError(ctx.getNode(), `The field "Update Fields" is empty in item ${itemIndex}`, {
				itemIndex,
				description: 'Add at least one operator field to change.',
			});
		}
		return withNumericRole(body);
	},
};

const remove: SalonEndpoint = {
	method: 'operator/delete',
	value: 'delete',
	name: 'Delete',
	action: 'Delete an operator',
	description: 'Delete a staff member',
	idempotent: true,
	required: [operatorId()],
	output: (_reply, ctx, itemIndex) => ({ operator_id: idOf(ctx, 'operator_id', itemIndex), deleted: true }),
};

/** A PushDevice field ("Must specify all fields"). */
const deviceField = (field: string, name: string, displayName: string, description: string): SalonParam => ({
	displayName,
	name,
	path: `push_device.${field}`,
	type: 'string',
	default: '',
	description,
});

const pushAdd: SalonEndpoint = {
	method: 'operator/push/add',
	value: 'registerPushDevice',
	name: 'Register Push Device',
	action: 'Register a push device for an operator',
	description: 'Register a mobile device for push notifications to a staff member; a known device is updated',
	// an upsert keyed by the device's unique ID: repeating it changes nothing
	idempotent: true,
	required: [
		operatorId(),
		deviceField('name', 'deviceName', 'Device Name', 'How the device is shown, e.g. Lee iPhone'),
		deviceField('token', 'devicePushToken', 'Device Push Token', 'The push token the device got from Apple or Google'),
		{
			displayName: 'Device Type',
			description: 'Whether the device is an iPhone or iPad (Apple) or an Android device',
			name: 'deviceType',
			path: 'push_device.type',
			type: 'options',
			default: 'apple',
			options: [
				{ name: 'Android', value: 'android' },
				{ name: 'Apple', value: 'apple' },
			],
		},
		deviceField('uuid', 'deviceUuid', 'Device Unique ID', 'The device\'s own unique ID; a device already registered under it is updated'),
	],
	output: (_reply, ctx, itemIndex) => ({ operator_id: idOf(ctx, 'operator_id', itemIndex), registered: true }),
};

const sharing: SalonEndpoint = {
	method: 'operator/sharing/update',
	value: 'updateSharing',
	name: 'Update Sharing',
	action: 'Update the sharing of an operator',
	description: 'Share a Dome operator with child locations, or stop sharing',
	idempotent: true,
	required: [
		operatorId(),
		{ path: 'company_ids', displayName: 'Company IDs', type: 'idList', description: 'The child locations, comma-separated' },
		{ path: 'share', displayName: 'Share', type: 'boolean', default: true, description: 'Whether to share the operator with these locations (off stops sharing)' },
	],
	additional: [
		{
			path: 'replace',
			displayName: 'Replace',
			type: 'boolean',
			description: 'Whether every other child location gets the opposite sharing (otherwise they keep theirs)',
		},
	],
	output: (_reply, ctx, itemIndex) => ({ operator_id: idOf(ctx, 'operator_id', itemIndex), shared: ctx.getNodeParameter('share', itemIndex) as boolean }),
};

const levels: SalonEndpoint = {
	method: 'operator_level/list',
	value: 'getLevels',
	name: 'Get Many Levels',
	action: 'Get many operator levels',
	description: 'List the operator levels that set level prices and durations',
	idempotent: true,
	list: { key: 'operator_levels', allowAll: true },
	// the method takes only `options`
	build: withoutFilters,
};

export const operator: Resource = {
	value: 'operator',
	name: 'Operator',
	description: 'Staff members, their levels and devices',
	operations: [add, remove, get, list, levels, pushAdd, update, sharing].map(salonOperation).map((op) =>
		// a push token lets messages reach the device: shown masked, like other tokens
		op.value === pushAdd.value
			? { ...op, properties: op.properties.map((p) => (p.name === 'devicePushToken' ? { ...p, typeOptions: { password: true } } : p)) }
			: op,
	),
	defaultOperation: 'get',
};
