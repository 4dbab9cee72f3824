import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { salonId, salonWallClock } from '../fields';
import { salonRequest } from '../transport';
import { WALL_CLOCK_NOTE } from './appointment';

/*
 * Free times for a booking: a service (and optionally an operator) and a start, answered as one item per bookable
 * option (Search Times) or per day with free time (Search Dates), ready to feed into Appointment → Add.
 */

const serviceField: INodeProperties = {
	displayName: 'Service Name or ID',
	name: 'serviceId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getServices' },
	default: '',
	required: true,
	description: 'The service to find time for. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const operatorField: INodeProperties = {
	displayName: 'Operator Name or ID',
	name: 'operatorId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getOperators' },
	default: '',
	description: 'The staff member; leave empty for whoever is free. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

function startField(whenEmpty: string): INodeProperties {
	const description = `Where the search starts, ${WALL_CLOCK_NOTE}. Leave empty to start ${whenEmpty}.`;
	return { displayName: 'Search From', name: 'timeStart', type: 'dateTime', default: '', description };
}

const untilOption: INodeProperties = {
	displayName: 'Search Until',
	name: 'timeStartMax',
	type: 'dateTime',
	default: '',
	description: `Latest start to look at, at most 7 days after Search From, ${WALL_CLOCK_NOTE}`,
};

const companyOption: INodeProperties = {
	displayName: 'Company ID',
	name: 'companyId',
	type: 'string',
	default: '',
	description: "The location to search; defaults to the logged-in user's company",
};

const moreServicesOption: INodeProperties = {
	displayName: 'More Services',
	name: 'moreServices',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Service',
	description: 'Services booked straight after the first one, in this order',
	options: [
		{
			displayName: 'Service',
			name: 'service',
			values: [
				{ ...serviceField, required: false, description: 'A service to book after the previous one. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
				operatorField,
			],
		},
	],
};

const blockOption = (values: INodePropertyOptions[], description: string): INodeProperties => ({
	displayName: 'Times of Day',
	name: 'times',
	type: 'multiOptions',
	default: [],
	description,
	options: values,
});

const BLOCKS: INodePropertyOptions[] = [
	{ name: 'Afternoon (12pm–5pm)', value: 'afternoon' },
	{ name: 'Evening (After 5pm)', value: 'evening' },
	{ name: 'Lunchtime (11am–2pm)', value: 'lunchtime' },
	{ name: 'Morning (Before 12pm)', value: 'morning' },
];

/** The services to find time for, as the `appointments` of the search. */
function wantedAppointments(ctx: IExecuteFunctions, itemIndex: number, options: IDataObject): IDataObject[] {
	const one = (service: unknown, operator: unknown, label: string): IDataObject => {
		const appointment: IDataObject = { service_id: salonId(ctx, '', itemIndex, `${label}Service`, service) };
		if (operator !== undefined && operator !== null && operator !== '') appointment.operator_id = salonId(ctx, '', itemIndex, `${label}Operator`, operator);
		return appointment;
	};
	const appointments = [one(ctx.getNodeParameter('serviceId', itemIndex, ''), ctx.getNodeParameter('operatorId', itemIndex, ''), '')];
	const more = ((options.moreServices as IDataObject | undefined)?.service as IDataObject[] | undefined) ?? [];
	for (const entry of more) appointments.push(one(entry.serviceId, entry.operatorId, 'More Services: '));
	return appointments;
}

/** The search window and location shared by both searches. */
function windowBody(ctx: IExecuteFunctions, itemIndex: number, options: IDataObject): IDataObject {
	const body: IDataObject = {};
	const start = ctx.getNodeParameter('timeStart', itemIndex, '') as unknown;
	if (start !== '' && start !== null && start !== undefined) body.time_start = salonWallClock(ctx, start, itemIndex, 'Search From');
	if (options.timeStartMax !== undefined && options.timeStartMax !== '') {
		body.time_start_max = salonWallClock(ctx, options.timeStartMax, itemIndex, 'Search Until');
		if (body.time_start !== undefined && String(body.time_start_max) <= String(body.time_start)) {
			throw new NodeOperationError(ctx.getNode(), `The field "Search Until" must be later than "Search From" in item ${itemIndex}`, { itemIndex });
		}
	}
	if (options.companyId !== undefined && options.companyId !== '') body.company_id = salonId(ctx, '', itemIndex, 'Company ID', options.companyId);
	const times = options.times as string[] | undefined;
	if (times?.length) body.times = times;
	return body;
}

const searchTimes: Operation = {
	value: 'searchTimes',
	name: 'Search Times',
	action: 'Search free appointment times',
	description: 'Find times a service can be booked, one item per option (up to about a week ahead)',
	endpoints: ['appointment/add/search'],
	properties: [
		serviceField,
		operatorField,
		startField('from the next full hour'),
		{
			displayName: 'Options',
			description: 'Optional settings for the search',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				companyOption,
				{
					displayName: 'Direction',
					description: 'Whether to look only after Search From, or both before and after it',
					name: 'direction',
					type: 'options',
					default: 'forward',
					options: [
						{ name: 'Around Search From', value: 'middle', description: 'Times both before and after Search From' },
						{ name: 'From Search From On', value: 'forward', description: 'Times at or after Search From' },
					],
				},
				{
					displayName: 'Include Related',
					name: 'related',
					type: 'multiOptions',
					default: [],
					description: 'Related records to embed in each option (fetched in the same request)',
					options: [
						{ name: 'Operator', value: 'operators' },
						{ name: 'Service', value: 'services' },
					],
				},
				moreServicesOption,
				untilOption,
				blockOption([...BLOCKS, { name: 'Next 3 Hours', value: 'now' }].sort((a, b) => a.name.localeCompare(b.name)), 'Only times in these parts of the day; all when empty'),
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const body: IDataObject = { appointments: wantedAppointments(this, itemIndex, options), ...windowBody(this, itemIndex, options) };
		if (options.direction === 'middle' || options.direction === 'forward') body.direction = options.direction;
		const include = (options.related as string[] | undefined) ?? [];
		if (include.length) body.options = { expanded_fields_grouped: include.map((expanded_field) => ({ expanded_field })) };
		const reply = await salonRequest(this, { method: 'appointment/add/search', body, idempotent: true, itemIndex });
		const found = Array.isArray(reply.options) ? (reply.options as IDataObject[]) : [];
		const related = (key: string, id: string, value: unknown) =>
			(Array.isArray(reply[key]) ? (reply[key] as IDataObject[]) : []).find((r) => r[id] === value);
		return found.map((option) => {
			const appointments = (Array.isArray(option.appointments) ? (option.appointments as IDataObject[]) : []).map((a) => {
				const out = { ...a };
				const operator = include.includes('operators') ? related('operators', 'operator_id', a.operator_id) : undefined;
				const service = include.includes('services') ? related('services', 'service_id', a.service_id) : undefined;
				if (operator) out.operator = operator;
				if (service) out.service = service;
				return out;
			});
			const first = appointments[0] ?? {};
			const last = appointments[appointments.length - 1] ?? {};
			// the first booking's fields on top, so an option feeds straight into Appointment → Add
			return {
				...first,
				time_end: last.time_end,
				duration: appointments.reduce((total, a) => total + (Number(a.duration) || 0), 0),
				more_available: option.more_available,
				...(option.more_available_same_operator !== undefined ? { more_available_same_operator: option.more_available_same_operator } : {}),
				appointments,
			};
		});
	},
};

const searchDates: Operation = {
	value: 'searchDates',
	name: 'Search Dates',
	action: 'Search dates with free time',
	description: 'Find the days a service can be booked, one item per day (up to a week ahead), e.g. for a calendar',
	endpoints: ['appointment/add/search/dates'],
	properties: [
		serviceField,
		operatorField,
		startField('now'),
		{
			displayName: 'Options',
			description: 'Optional settings for the search',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				companyOption,
				moreServicesOption,
				untilOption,
				blockOption(
					[...BLOCKS, { name: 'Any Time', value: 'any' }].sort((a, b) => a.name.localeCompare(b.name)),
					'Parts of the day to report for each date; any time of day when empty',
				),
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const body: IDataObject = { appointments: wantedAppointments(this, itemIndex, options), ...windowBody(this, itemIndex, options) };
		const reply = await salonRequest(this, { method: 'appointment/add/search/dates', body, idempotent: true, itemIndex });
		return Array.isArray(reply.dates) ? (reply.dates as IDataObject[]) : [];
	},
};

export const availability: Resource = {
	value: 'availability',
	name: 'Availability',
	description: 'Free times to book appointments in',
	operations: [searchDates, searchTimes],
	defaultOperation: 'searchTimes',
};
