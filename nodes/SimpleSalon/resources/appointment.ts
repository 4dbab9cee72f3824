import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { collectPages, returnAllOrLimit, wantedCount } from '../../shared/paging';
import { salonOperation, salonProperty, salonValue, type SalonParam } from '../endpoint';
import { salonId, salonIdList, salonWallClock } from '../fields';
import { SALON_PAGE_SIZE, salonRequest } from '../transport';

/*
 * The appointment book. Booking and rescheduling check first by default: the `…/check` dry run must pass before the
 * write is sent, so a taken slot fails with the vendor's reasons and nothing is written. Adding is never repeated
 * automatically once it may have reached Simple Salon (there is no idempotency key); updates are safe to repeat.
 */

/** How every date field of this resource explains the salon's wall-clock rule. */
export const WALL_CLOCK_NOTE =
	"in the salon's local time. Date values are sent with their own local digits and any time zone offset is dropped, because Simple Salon ignores offsets (2025-03-04T11:00:00+01:00 means 11:00 at the salon)";

const appointmentIdField: INodeProperties = {
	displayName: 'Appointment ID',
	name: 'appointmentId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '56789',
	description: 'The ID of the appointment in Simple Salon',
};

/** The check-first switch of Add and Update. */
function checkFirstField(write: string): INodeProperties {
	return {
		displayName: 'Check First',
		name: 'checkFirst',
		type: 'boolean',
		default: true,
		description: `Whether to ask Simple Salon to check the ${write} first (a dry run) and stop with its reasons if the slot is not available, before anything is written`,
	};
}

/** Overrides of processing time, shared by the checks and the writes (body top level). */
const processingOptions: INodeProperties[] = [
	{
		displayName: 'Ignore Blocked Processing Time',
		name: 'ignore_processing_duration_blocked',
		type: 'boolean',
		default: true,
		description:
			"Whether the booking may go ahead when the service's blocked processing time does not fit. Only Manager roles and above may turn this on; Simple Salon defaults it to on for them.",
	},
	{
		displayName: 'Ignore Blocked Processing Time at Close',
		name: 'ignore_processing_duration_blocked_at_close',
		type: 'boolean',
		default: true,
		description: 'Whether blocked processing time may run past the end of the day (defaults to Ignore Blocked Processing Time)',
	},
	{
		displayName: "Ignore Other Appointments' Blocked Processing Time",
		name: 'ignore_other_processing_duration_blocked',
		type: 'boolean',
		default: false,
		description: "Whether the booking may be placed in an earlier appointment's blocked processing time (Manager roles and above)",
	},
	{
		displayName: 'Ignore Processing Time',
		name: 'ignore_processing_duration',
		type: 'boolean',
		default: true,
		description: "Whether the booking may go ahead when the service's processing time does not fit (Simple Salon's default is on)",
	},
	{
		displayName: 'Ignore Processing Time at Close',
		name: 'ignore_processing_duration_at_close',
		type: 'boolean',
		default: true,
		description: 'Whether processing time may run past the end of the day (defaults to Ignore Processing Time)',
	},
];
const PROCESSING_KEYS = processingOptions.map((o) => o.name);

/** Operator IDs: staff, or the documented special ones (-1 System Operator with a resource, -2 Wait List). */
function operatorId(ctx: IExecuteFunctions, raw: unknown, itemIndex: number, label: string): number {
	const text = String(raw ?? '').trim();
	if (text === '-1' || text === '-2') return Number(text);
	return salonId(ctx, '', itemIndex, label, raw);
}

/** A whole number of minutes above zero. */
function minutes(ctx: IExecuteFunctions, raw: unknown, itemIndex: number, label: string): number {
	const value = typeof raw === 'number' ? raw : Number(String(raw ?? '').trim());
	if (!Number.isInteger(value) || value <= 0 || String(raw ?? '').trim() === '') {
		throw new NodeOperationError(ctx.getNode(), `The field "${label}" has an invalid value "${String(raw ?? '')}" in item ${itemIndex}`, {
			itemIndex,
			description: 'Use a whole number of minutes above zero, e.g. 30.',
		});
	}
	return value;
}

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';

/** The chosen processing overrides, as top-level body fields. */
function processingBody(options: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const key of PROCESSING_KEYS) if (typeof options[key] === 'boolean') body[key] = options[key];
	return body;
}

/** The vendor's warnings of a check and of the write, kept on the output item. */
function withWarnings(record: IDataObject, write: IDataObject, check?: IDataObject): IDataObject {
	const out = { ...record };
	if (Array.isArray(write.warnings) && write.warnings.length) out.warnings = write.warnings;
	if (check && Array.isArray(check.warnings) && check.warnings.length) out.check_warnings = check.warnings;
	return out;
}

// ---- Get Many ----

const listFilters: SalonParam[] = [
	{ path: 'appointment_ids', displayName: 'Appointment IDs', type: 'idList', description: 'Only these appointments, comma-separated' },
	{ path: 'client_id', displayName: 'Client ID', description: "Only appointments of this client (the client's number in Simple Salon)", type: 'id' },
	{ path: 'company_id', displayName: 'Company ID', type: 'id', special: true, description: 'A location of a Dome; 0 = every location of the Dome' },
	{ displayName: 'Created After', name: 'createdAfter', type: 'dateTime', default: '', path: 'date_created_min', description: `Created at or after this time, ${WALL_CLOCK_NOTE}` },
	{ displayName: 'Created Before', name: 'createdBefore', type: 'dateTime', default: '', path: 'date_created_max', description: `Created before this time, ${WALL_CLOCK_NOTE}` },
	{ path: 'double_booked', displayName: 'Double Booked', type: 'boolean', description: 'Whether to return only double-booked appointments (off: only those that are not)' },
	{ path: 'operator_id', displayName: 'Operator', type: 'id', loadOptionsMethod: 'getOperators', description: 'The staff member' },
	{ path: 'operators_only', displayName: 'Operators Only', type: 'boolean', description: 'Whether to leave out appointments booked with only a resource' },
	{ path: 'parent_appointment_id', displayName: 'Parent Appointment ID', type: 'id', description: 'The child appointments of this group or multi-service appointment' },
	{ path: 'resource_id', displayName: 'Resource', type: 'id', loadOptionsMethod: 'getResources', description: 'The room or equipment' },
	{ path: 'resources_only', displayName: 'Resources Only', type: 'boolean', description: 'Whether to leave out appointments booked with only an operator' },
	{ path: 'service_id', displayName: 'Service', type: 'id', loadOptionsMethod: 'getServices' },
	{ path: 'show_on_appt_page', displayName: 'Shown on Appointment Page', type: 'boolean', description: 'Whether to return only the appointments shown on the appointment page (off: only hidden ones)' },
	{ path: 'sold_in_client_package', displayName: 'Sold in Client Package', type: 'boolean', description: 'Whether to return only appointments bought as part of a package (off: only the others)' },
	{ path: 'transaction_id', displayName: 'Transaction ID', type: 'id', special: true, description: 'Appointments paid in this transaction; 0 = unpaid ones' },
	{ path: 'unconfirmed', displayName: 'Awaiting Confirmation', type: 'boolean', description: 'Whether to return only booking requests the salon has not accepted yet, e.g. from online booking (off: only accepted ones)' },
];

/** Grouped expansions and the field each one is embedded under in the appointment items. */
const GROUPED: Array<{ value: string; name: string; key: string; id: string }> = [
	{ value: 'clients', name: 'Client', key: 'client', id: 'client_id' },
	{ value: 'operators', name: 'Operator', key: 'operator', id: 'operator_id' },
	{ value: 'resources', name: 'Resource', key: 'resource', id: 'resource_id' },
	{ value: 'services', name: 'Service', key: 'service', id: 'service_id' },
	// `packages` is left out: it is keyed by package, which an appointment only reaches through its client package
];

const getAll: Operation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many appointments',
	description: 'List the appointments in a date range, in start time order',
	endpoints: ['appointment/list'],
	properties: [
		{
			displayName: 'From',
			name: 'timeStart',
			type: 'dateTime',
			default: '',
			required: true,
			description: `Start of the range (included), ${WALL_CLOCK_NOTE}`,
		},
		{
			displayName: 'To',
			name: 'timeEnd',
			type: 'dateTime',
			default: '',
			required: true,
			description: `End of the range (not included), ${WALL_CLOCK_NOTE}`,
		},
		...returnAllOrLimit(),
		{
			displayName: 'Filters',
			description: 'Conditions that narrow down which appointments are returned',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: listFilters.map((p) => salonProperty(p, false)).sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
		{
			displayName: 'Include Related',
			name: 'related',
			type: 'multiOptions',
			default: [],
			description: 'Related records to embed in each appointment (fetched in the same request)',
			options: GROUPED.map((g): INodePropertyOptions => ({ name: g.name, value: g.value })),
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const timeStart = salonWallClock(this, this.getNodeParameter('timeStart', itemIndex, ''), itemIndex, 'From');
		const timeEnd = salonWallClock(this, this.getNodeParameter('timeEnd', itemIndex, ''), itemIndex, 'To');
		if (timeEnd <= timeStart) {
			throw new NodeOperationError(this.getNode(), `The field "To" must be later than "From" in item ${itemIndex}`, {
				itemIndex,
				description: `From is ${timeStart} and To is ${timeEnd}; To is not included in the range.`,
			});
		}
		const filters: IDataObject = { time_start: timeStart, time_end: timeEnd };
		const chosen = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		for (const param of listFilters) {
			const raw = chosen[param.name ?? param.path];
			if (isSet(raw) && !(Array.isArray(raw) && raw.length === 0)) filters[param.path] = salonValue(this, param, raw, itemIndex) as IDataObject[string];
		}
		const include = this.getNodeParameter('related', itemIndex, []) as string[];
		const options: IDataObject = { sort_expression: 'time_start' };
		if (include.length) options.expanded_fields_grouped = include.map((expanded_field) => ({ expanded_field }));
		const wanted = wantedCount(this, itemIndex);
		// the docs allow rows_per_page -1 only in "special cases" they never list, so Return All pages
		let pageSize = Number.isFinite(wanted) ? Math.max(1, Math.min(SALON_PAGE_SIZE, wanted)) : SALON_PAGE_SIZE;
		let offset = 0;
		return await collectPages<IDataObject>(wanted, SALON_PAGE_SIZE, async () => {
			const reply = await salonRequest(this, {
				method: 'appointment/list',
				body: { filters, options: { ...options, page_number: Math.floor(offset / pageSize) + 1, rows_per_page: pageSize } },
				idempotent: true,
				itemIndex,
			});
			const rows = Array.isArray(reply.appointments) ? (reply.appointments as IDataObject[]) : [];
			const served = Number(reply.rows_per_page);
			if (Number.isInteger(served) && served > 0 && served < pageSize && offset === 0) pageSize = served;
			offset += rows.length;
			const items = rows.map((row) => {
				const out = { ...row };
				for (const group of GROUPED.filter((g) => include.includes(g.value))) {
					const related = (Array.isArray(reply[group.value]) ? (reply[group.value] as IDataObject[]) : []).find(
						(r) => r[group.id] === row[group.id] && row[group.id] !== 0,
					);
					if (related) out[group.key] = related;
				}
				return out;
			});
			return { items, more: rows.length >= pageSize };
		});
	},
};

// ---- Get ----

const get = salonOperation({
	method: 'appointment/get',
	value: 'get',
	name: 'Get',
	action: 'Get an appointment',
	description: 'Get one appointment by ID',
	idempotent: true,
	required: [{ displayName: 'Appointment ID', description: 'The number of the appointment, e.g. 56789', name: 'appointmentId', type: 'id', default: '', path: 'appointment_id', placeholder: '56789' }],
	expandable: ['client_package', 'discounts', 'service'],
	result: 'appointment',
});

// ---- Add ----

const addFields: SalonParam[] = [
	{ path: 'comments', displayName: 'Comments', description: 'Notes on the appointment, visible to the salon staff', type: 'string' },
	{ path: 'company_id', displayName: 'Company ID', type: 'id', description: 'The location to book in; a Dome must name one of its locations' },
	{
		path: 'parent_appointment_id',
		displayName: 'Parent Appointment ID',
		type: 'id',
		description: 'Add this as a child of an existing appointment (same client, unless it is a class); it needs no free time of its own',
	},
	{ path: 'pos_id', displayName: 'POS ID', type: 'string', description: 'Your own unique ID for this appointment, to link child appointments to it with parent_pos_id' },
	{ path: 'price', displayName: 'Price', type: 'number', description: "Leave out for the service's price" },
	{ path: 'redeem_via_membership', displayName: 'Redeem via Membership', type: 'boolean', description: "Whether to claim one of the client's membership inclusions for it (fails if the client has none)" },
	{ path: 'redeem_via_package', displayName: 'Redeem via Package', type: 'boolean', description: "Whether to claim one of the client's unclaimed package items for it (fails if the client has none)" },
	{ path: 'resource_id', displayName: 'Resource', type: 'id', loadOptionsMethod: 'getResources', description: 'The room or equipment; leave out to have one assigned when the service needs it' },
];

const add: Operation = {
	value: 'add',
	name: 'Add',
	action: 'Book an appointment',
	description: 'Book a client in with an operator for a service; checks the slot first unless told not to',
	endpoints: ['appointment/add/check', 'appointment/add'],
	properties: [
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '', required: true, placeholder: '1111', description: 'The client to book' },
		{
			displayName: 'Service Name or ID',
			name: 'serviceId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getServices' },
			default: '',
			required: true,
			description:
				'The service to book. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Operator Name or ID',
			name: 'operatorId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getOperators' },
			default: '',
			required: true,
			description:
				'The staff member; by expression also -2 (Wait List) or -1 (System Operator, with a resource). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{ displayName: 'Start', name: 'timeStart', type: 'dateTime', default: '', required: true, description: `When the appointment starts, ${WALL_CLOCK_NOTE}` },
		{
			displayName: 'Duration (Minutes)',
			name: 'duration',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			required: true,
			description: "Length of the appointment; usually the service's duration, a multiple of the salon's appointment interval",
		},
		checkFirstField('booking'),
		{
			displayName: 'Additional Fields',
			description: 'Optional details of the new appointment',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				...addFields.map((p) => salonProperty(p, false)),
				<INodeProperties>{
					displayName: 'More Appointments (JSON)',
					name: 'moreAppointments',
					type: 'json',
					default: '[]',
					description:
						'More appointments booked in the same call, e.g. the child services of a group service linked with parent_pos_id. Each needs client_id, duration, operator_id, service_id and time_start (salon local time).',
				},
			].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
		{
			displayName: 'Options',
			description: 'Optional settings for the booking',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				...processingOptions,
				<INodeProperties>{
					displayName: 'Send Confirmation',
					name: 'send_confirmation',
					type: 'boolean',
					default: false,
					description: 'Whether Simple Salon sends the client a confirmation SMS and/or email',
				},
			].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const appointment: IDataObject = {
			client_id: salonId(this, 'clientId', itemIndex, 'Client ID'),
			duration: minutes(this, this.getNodeParameter('duration', itemIndex, ''), itemIndex, 'Duration (Minutes)'),
			operator_id: operatorId(this, this.getNodeParameter('operatorId', itemIndex, ''), itemIndex, 'Operator'),
			service_id: salonId(this, 'serviceId', itemIndex, 'Service'),
			time_start: salonWallClock(this, this.getNodeParameter('timeStart', itemIndex, ''), itemIndex, 'Start'),
		};
		const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		for (const param of addFields) {
			const raw = extra[param.path];
			if (isSet(raw)) appointment[param.path] = salonValue(this, param, raw, itemIndex) as IDataObject[string];
		}
		const appointments: IDataObject[] = [appointment];
		if (isSet(extra.moreAppointments)) {
			const more = salonValue(this, { path: 'moreAppointments', displayName: 'More Appointments (JSON)', type: 'json' }, extra.moreAppointments, itemIndex);
			const list = Array.isArray(more) ? more : [more];
			if (list.some((a) => typeof a !== 'object' || a === null || Array.isArray(a))) {
				throw new NodeOperationError(this.getNode(), `The field "More Appointments (JSON)" must be a list of appointment objects in item ${itemIndex}`, { itemIndex });
			}
			appointments.push(...(list as IDataObject[]));
		}
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const overrides = processingBody(options);
		let check: IDataObject | undefined;
		if (this.getNodeParameter('checkFirst', itemIndex, true) as boolean) {
			// a refused check throws the vendor's error here, before anything is written
			check = await salonRequest(this, { method: 'appointment/add/check', body: { appointments, ...overrides }, idempotent: true, itemIndex });
		}
		const body: IDataObject = { appointments, ...overrides };
		if (typeof options.send_confirmation === 'boolean') body.send_confirmation = options.send_confirmation;
		// booking twice would double-book the client: never repeated once it may have reached the server
		const reply = await salonRequest(this, { method: 'appointment/add', body, idempotent: false, itemIndex });
		const added = Array.isArray(reply.appointments) ? (reply.appointments as IDataObject[]) : [];
		return added.map((record) => withWarnings(record, reply, check));
	},
};

// ---- Update ----

const update: Operation = {
	value: 'update',
	name: 'Update',
	action: 'Update an appointment',
	description: 'Move, resize or change an appointment; only the fields you set change, and the change is checked first unless told not to',
	endpoints: ['appointment/update/check', 'appointment/update'],
	properties: [
		appointmentIdField,
		checkFirstField('change'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'Only these fields are sent; the others keep their values',
			options: [
				{ displayName: 'Comments', description: 'Notes on the appointment, visible to the salon staff', name: 'comments', type: 'string', default: '' },
				{ displayName: 'Company ID', name: 'company_id', type: 'string', default: '', description: 'Move to another location of a Dome (service, operator and resource must then suit it)' },
				{ displayName: 'Duration (Minutes)', name: 'duration', type: 'number', typeOptions: { minValue: 1 }, default: 30, description: 'Change this to change the end time' },
				{
					displayName: 'Hide From Appointment Page',
					name: 'hide',
					type: 'boolean',
					default: false,
					description: 'Whether to hide the appointment from the appointment page (sends show_on_appt_page false); Simple Salon allows it only for No Show appointments',
				},
				{
					displayName: 'Operator Name or ID',
					name: 'operator_id',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getOperators' },
					default: '',
					description: 'The staff member. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{ displayName: 'Price', description: 'The new price of the appointment', name: 'price', type: 'number', default: 0 },
				{
					displayName: 'Remove Resource',
					name: 'removeResource',
					type: 'boolean',
					default: false,
					description: 'Whether to take the room or equipment off the appointment (sends resource_id 0); if the service needs one, Simple Salon assigns another',
				},
				{
					displayName: 'Resource Name or ID',
					name: 'resource_id',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getResources' },
					default: '',
					description: 'The room or equipment. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{
					displayName: 'Service Name or ID',
					name: 'service_id',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getServices' },
					default: '',
					description: 'The service. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{ displayName: 'Start', name: 'time_start', type: 'dateTime', default: '', description: `The new start, ${WALL_CLOCK_NOTE}` },
			],
		},
		{ displayName: 'Options', description: 'Optional settings for the change', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: processingOptions },
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const appointmentId = salonId(this, 'appointmentId', itemIndex, 'Appointment ID');
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const changes: IDataObject = {};
		if (isSet(fields.time_start)) changes.time_start = salonWallClock(this, fields.time_start, itemIndex, 'Start');
		if (isSet(fields.duration)) changes.duration = minutes(this, fields.duration, itemIndex, 'Duration (Minutes)');
		if (isSet(fields.operator_id)) changes.operator_id = operatorId(this, fields.operator_id, itemIndex, 'Operator');
		if (isSet(fields.service_id)) changes.service_id = salonId(this, '', itemIndex, 'Service', fields.service_id);
		if (fields.removeResource === true && isSet(fields.resource_id)) {
			throw new NodeOperationError(this.getNode(), `Set either "Resource" or "Remove Resource", not both, in item ${itemIndex}`, { itemIndex });
		}
		if (isSet(fields.resource_id)) changes.resource_id = salonId(this, '', itemIndex, 'Resource', fields.resource_id);
		// 0 is the documented way to clear the resource (null would leave it unchanged)
		if (fields.removeResource === true) changes.resource_id = 0;
		if (isSet(fields.company_id)) changes.company_id = salonId(this, '', itemIndex, 'Company ID', fields.company_id);
		if (typeof fields.comments === 'string') changes.comments = fields.comments;
		if (isSet(fields.price)) changes.price = salonValue(this, { path: 'price', displayName: 'Price', type: 'number' }, fields.price, itemIndex) as number;
		if (fields.hide === true) changes.show_on_appt_page = false;
		if (Object.keys(changes).length === 0) {
			throw new NodeOperationError(this.getNode(), `The field "Update Fields" is empty in item ${itemIndex}`, {
				itemIndex,
				description: 'Add at least one field to change.',
			});
		}
		const body: IDataObject = {
			appointment: { appointment_id: appointmentId, ...changes },
			...processingBody(this.getNodeParameter('options', itemIndex, {}) as IDataObject),
		};
		let check: IDataObject | undefined;
		if (this.getNodeParameter('checkFirst', itemIndex, true) as boolean) {
			check = await salonRequest(this, { method: 'appointment/update/check', body, idempotent: true, itemIndex });
		}
		// an update sets given values: repeating it is harmless
		const reply = await salonRequest(this, { method: 'appointment/update', body, idempotent: true, itemIndex });
		return withWarnings((reply.appointment as IDataObject) ?? {}, reply, check);
	},
};

// ---- Confirm, Flag, Delete ----

const confirm = salonOperation({
	method: 'appointment/update/confirm',
	value: 'confirm',
	name: 'Accept or Decline Request',
	action: 'Accept or decline a booking request',
	description: 'Accept or decline a booking the salon has not confirmed yet, e.g. an online booking request',
	// accepting may charge the client a confirmation fee: not repeated blindly
	idempotent: false,
	required: [
		{ displayName: 'Appointment ID', description: 'The number of the appointment to accept or decline, e.g. 56789', name: 'appointmentId', type: 'id', default: '', path: 'appointment_id', placeholder: '56789' },
		{
			displayName: 'Decision',
			description: 'Whether the salon accepts or declines the online booking request',
			name: 'decision',
			type: 'options',
			default: 'accept',
			path: 'confirm',
			options: [
				{ name: 'Accept', value: 'accept' },
				{ name: 'Decline', value: 'decline' },
			],
		},
	],
	build(ctx, itemIndex, body) {
		if (body.confirm !== 'accept' && body.confirm !== 'decline') {
			throw new NodeOperationError(ctx.getNode(), `The field "Decision" must be accept or decline in item ${itemIndex}`, { itemIndex });
		}
		return { ...body, confirm: body.confirm === 'accept' };
	},
	result: 'appointment',
});

const FLAG_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Arrived', value: -2, description: 'The client has arrived' },
	{ name: 'Confirmed', value: -6, description: 'The client confirmed the appointment (e.g. replied Yes to the reminder SMS)' },
	{ name: 'First Visit', value: -3, description: "The client's first appointment" },
	{ name: 'No Show', value: -5, description: 'The client did not turn up' },
	{ name: 'Requested', value: -4, description: 'The client asked for this operator' },
	{ name: 'VIP', value: -7 },
];

const setFlag = salonOperation({
	method: 'appointment/update/flag',
	value: 'setFlag',
	name: 'Set Flag',
	action: 'Set or clear an appointment flag',
	description: 'Mark an appointment as Arrived, No Show, Confirmed and so on, or clear the mark',
	idempotent: true,
	required: [
		{ displayName: 'Appointment ID', description: 'The number of the appointment, e.g. 56789', name: 'appointmentId', type: 'id', default: '', path: 'appointment_id', placeholder: '56789' },
		{ displayName: 'Flag', name: 'flag', type: 'options', default: -2, path: 'flag_id', options: FLAG_OPTIONS, description: 'Paid is set by Simple Salon and cannot be changed' },
		{ displayName: 'Flag On', name: 'flagOn', type: 'boolean', default: true, path: 'value', description: 'Whether the appointment should have the flag (off clears it)' },
	],
	build(ctx, itemIndex, body) {
		const flag = Number(body.flag_id);
		if (!FLAG_OPTIONS.some((o) => o.value === flag)) {
			throw new NodeOperationError(ctx.getNode(), `The field "Flag" has an invalid value "${String(body.flag_id)}" in item ${itemIndex}`, {
				itemIndex,
				description: 'Use -2 Arrived, -3 First Visit, -4 Requested, -5 No Show, -6 Confirmed or -7 VIP; -1 Paid is read-only.',
			});
		}
		return { ...body, flag_id: flag };
	},
	result: 'appointment',
});

const remove: Operation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete appointments',
	description: 'Delete one appointment, or several at once',
	endpoints: ['appointment/delete'],
	properties: [
		{
			displayName: 'Appointment IDs',
			name: 'appointmentIds',
			type: 'string',
			default: '',
			required: true,
			placeholder: '56789 or 56789,56790',
			description:
				'One appointment ID, or several separated by commas. With several, Simple Salon deletes those it can and reports the others as warnings on the output item.',
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const ids = salonIdList(this, this.getNodeParameter('appointmentIds', itemIndex, ''), itemIndex, 'Appointment IDs');
		if (ids.length === 0) {
			throw new NodeOperationError(this.getNode(), `The field "Appointment IDs" is empty in item ${itemIndex}`, { itemIndex });
		}
		const unique = [...new Set(ids)];
		if (unique.length === 1) {
			// one ID: a failure is an error
			await salonRequest(this, { method: 'appointment/delete', body: { appointment_id: unique[0] }, idempotent: true, itemIndex });
			return { appointment_id: unique[0], deleted: true };
		}
		// several IDs: failures come back as warnings with success true
		const reply = await salonRequest(this, { method: 'appointment/delete', body: { appointment_ids: unique }, idempotent: true, itemIndex });
		const warnings = Array.isArray(reply.warnings) ? reply.warnings : [];
		return { appointment_ids: unique, all_deleted: warnings.length === 0, ...(warnings.length ? { warnings } : {}) };
	},
};

export const appointment: Resource = {
	value: 'appointment',
	name: 'Appointment',
	description: 'Bookings in the appointment book',
	// Get Many first: it is what the resource opens with
	operations: [getAll, confirm, add, remove, get, setFlag, update],
};
