import { NodeOperationError } from 'n8n-workflow';

import type { Resource } from '../../shared/execute';
import { synergistOperation, type SynergistEndpoint, type SynergistParam } from '../endpoint';

/*
 * calendar.json: resource bookings ("diary entries"), the calendar users, the estimate lines (time summaries) and
 * requisitions that can be booked, and hiding/showing estimates. The calendar lists answer everything at once (no
 * paging), and every example sends IDs and times as strings, zone-less.
 */

const resource: SynergistParam = {
	key: 'calResourceId',
	parameter: 'resourceId',
	displayName: 'Resource',
	type: 'id',
	asString: true,
	loadOptionsMethod: 'getCalendarUsers',
	description: 'The calendar user the booking is for (calResourceId)',
};
const start: SynergistParam = {
	key: 'calIsoDateTimeStart',
	parameter: 'start',
	displayName: 'Start',
	type: 'dateTime',
	description: "Start of the booking in the server's local time (no time zone is sent)",
};
const end: SynergistParam = {
	key: 'calIsoDateTimeEnd',
	parameter: 'end',
	displayName: 'End',
	type: 'dateTime',
	description: "End of the booking in the server's local time (no time zone is sent)",
};
const diary = (key: string, asString = false): SynergistParam => ({
	key,
	parameter: 'diaryId',
	displayName: 'Booking ID',
	type: 'id',
	asString,
	description: `The booking's diary ID (calDiaryInternal)`,
});

/** The end must not come before the start (zone-less values compare as text). */
const startBeforeEnd: SynergistEndpoint['build'] = (ctx, itemIndex, parts) => {
	const [from, to] = [parts.input.calIsoDateTimeStart, parts.input.calIsoDateTimeEnd] as string[];
	if (to < from) {
		throw new NodeOperationError(ctx.getNode(), `The field "End" (${to}) is before "Start" (${from}) in item ${itemIndex}`, {
			itemIndex,
			description: 'A booking must end at or after its start.',
		});
	}
	return parts;
};

const SORT_OPTIONS: SynergistParam[] = [
	{ key: 'sort', displayName: 'Sort By', type: 'string', placeholder: 'calJobPhaseSelect', description: 'The field to sort by' },
	{
		key: 'direction',
		displayName: 'Sort Direction',
		description: 'Whether to sort from low to high (oldest first) or the other way round',
		type: 'options',
		default: '1',
		options: [
			{ name: 'Ascending', value: '1' },
			{ name: 'Descending', value: '-1' },
		],
	},
];

const getBookings: SynergistEndpoint = {
	area: 'calendar',
	action: 'calendardisplay',
	value: 'getAll',
	name: 'Get Many',
	sentence: 'Get many bookings',
	description: 'Get every calendar booking in a date range',
	idempotent: true,
	list: { pageable: false },
	required: [
		{ key: 'datefrom', parameter: 'dateFrom', displayName: 'Date From', type: 'date', description: 'First day of the range' },
		{ key: 'dateto', parameter: 'dateTo', displayName: 'Date To', type: 'date', description: 'Last day of the range' },
	],
	build(ctx, itemIndex, parts) {
		if (String(parts.params.dateto) < String(parts.params.datefrom)) {
			throw new NodeOperationError(ctx.getNode(), `The field "Date To" is before "Date From" in item ${itemIndex}`, { itemIndex });
		}
		return parts;
	},
};

const getBooking: SynergistEndpoint = {
	area: 'calendar',
	action: 'calendarrefresh',
	value: 'get',
	name: 'Get',
	sentence: 'Get a booking',
	description: 'Get one calendar booking with its estimate summary',
	idempotent: true,
	noun: 'booking',
	required: [diary('diary')],
	single: ({ params }) => ({ message: `Booking ${String(params.diary)} was not found`, description: 'Synergist returned no booking for this diary ID.' }),
};

const create: SynergistEndpoint = {
	area: 'calendar',
	action: 'create',
	value: 'create',
	name: 'Create',
	sentence: 'Create a booking',
	description: 'Book a resource against an estimate line; Synergist may shorten the duration to the working hours of the days booked',
	idempotent: false,
	input: {},
	noun: 'booking',
	required: [
		{
			key: 'calTimeSummaryInternal',
			parameter: 'timeSummaryId',
			displayName: 'Estimate Line ID',
			type: 'id',
			asString: true,
			description: 'The estimate line (time summary) to book against: calTimeSummarySelect from Get Unallocated Estimates',
		},
		start,
		end,
		{
			key: 'calDurationDecimalHours',
			parameter: 'durationHours',
			displayName: 'Duration (Hours)',
			type: 'number',
			asString: true,
			default: 1,
			description: 'Hours to book, e.g. 0.75',
		},
		resource,
	],
	build: startBeforeEnd,
};

const update: SynergistEndpoint = {
	area: 'calendar',
	action: 'update',
	value: 'update',
	name: 'Update',
	sentence: 'Update a booking',
	description: 'Move or resize a calendar booking',
	idempotent: true,
	input: {},
	noun: 'booking',
	required: [
		diary('calDiaryInternal', true),
		start,
		end,
		// the example sends "calAllDay":"false"
		{ key: 'calAllDay', parameter: 'allDay', displayName: 'All Day', type: 'boolean', values: ['true', 'false'], description: 'Whether the booking takes whole days' },
		resource,
	],
	build: startBeforeEnd,
};

const remove: SynergistEndpoint = {
	area: 'calendar',
	action: 'delete',
	value: 'delete',
	name: 'Delete',
	sentence: 'Delete a booking',
	description: 'Delete a calendar booking',
	idempotent: true,
	input: {},
	noun: 'booking',
	// the delete key is diary_diaryinternal, not calDiaryInternal
	required: [diary('diary_diaryinternal')],
};

const getUnallocated: SynergistEndpoint = {
	area: 'calendar',
	action: 'unallocated',
	value: 'getUnallocated',
	name: 'Get Unallocated Estimates',
	sentence: 'Get unallocated estimates',
	description: 'List the estimate lines that can still be booked',
	idempotent: true,
	params: { persistBackendSearch: 'N' },
	list: { pageable: false },
	filters: [
		{ key: 'client', displayName: 'Client Code', description: 'Only bookings for this client, e.g. 1/F667', type: 'code', placeholder: '1/F667' },
		{ key: 'job', displayName: 'Job Number', description: 'Only bookings for this job, e.g. 1/00000510', type: 'code', format: 'job', placeholder: '1/00000510' },
		{ key: 'jobphase', parameter: 'jobPhase', displayName: 'Phase', description: 'Only bookings for this phase, e.g. 1/00001173.001', type: 'code', format: 'phase', placeholder: '1/00001173.001' },
		{ key: 'search', displayName: 'Search', description: 'Only bookings whose text contains this', type: 'string' },
	],
	additional: SORT_OPTIONS,
	additionalLabel: 'Options',
};

const getRequisitions: SynergistEndpoint = {
	area: 'calendar',
	action: 'requisitions',
	value: 'getRequisitions',
	name: 'Get Requisitions',
	sentence: 'Get requisitions',
	description: 'List the resource requisitions that can be booked',
	idempotent: true,
	params: { persistBackendSearch: 'N' },
	list: { pageable: false },
	additional: SORT_OPTIONS,
	additionalLabel: 'Options',
};

const visibility = (hide: boolean): SynergistEndpoint => ({
	area: 'calendar',
	action: hide ? 'timesummaryhide' : 'timesummaryshow',
	value: hide ? 'hideEstimate' : 'showEstimate',
	name: hide ? 'Hide Estimate' : 'Show Estimate',
	sentence: hide ? 'Hide an estimate line' : 'Show an estimate line',
	description: hide ? 'Hide an estimate line from the unallocated list' : 'Show a hidden estimate line in the unallocated list again',
	idempotent: true,
	required: [{ key: 'timesummary', parameter: 'timeSummaryId', displayName: 'Estimate Line ID', type: 'id', description: 'The estimate line (time summary) ID' }],
});

const getUsers: SynergistEndpoint = {
	area: 'calendar',
	action: 'users',
	value: 'getUsers',
	name: 'Get Users',
	sentence: 'Get calendar users',
	description: 'List the users that can be booked',
	idempotent: true,
	list: { pageable: false },
};

export const calendar: Resource = {
	value: 'calendar',
	name: 'Calendar Booking',
	description: 'Resource bookings (diary entries) on the Synergist calendar',
	operations: [getBookings, getBooking, create, update, remove, getUnallocated, getRequisitions, getUsers, visibility(true), visibility(false)].map(
		synergistOperation,
	),
};
