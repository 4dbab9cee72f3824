import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { wantedCount } from '../../shared/paging';
import { salonOperation, type SalonEndpoint, type SalonParam } from '../endpoint';
import { salonWallClock } from '../fields';
import { idOf } from './staffParts';

/*
 * Rosters are the staff's shifts (with roster types such as "Morning Shift" that allow bookings or not). Simple
 * Salon answers every roster call with an error while the company setting advanced_rostering is off.
 */

const WALL_CLOCK_NOTE = 'in the salon\'s local time; Simple Salon ignores any time zone offset';
const WEEK_MS = 7 * 86_400_000;

const rosterId = (path = 'roster_id'): SalonParam => ({ displayName: 'Roster ID', description: 'The number of the roster (shift), e.g. 998866', name: 'roster_id', path, type: 'id', default: '', placeholder: '998866' });
const operatorId = (path: string): SalonParam => ({
	displayName: 'Operator ID',
	name: 'operator_id',
	path,
	type: 'id',
	default: '',
	loadOptionsMethod: 'getOperators',
	description: 'The staff member',
});
const rosterTypeId = (path: string): SalonParam => ({
	displayName: 'Roster Type ID',
	name: 'roster_type_id',
	path,
	type: 'id',
	default: '',
	loadOptionsMethod: 'getRosterTypes',
	description: 'The kind of shift; its "allow bookings" decides whether clients can be booked in it',
});

const listEndpoint: SalonEndpoint = {
	method: 'roster/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many rosters',
	description: 'List the shifts that start in a date range',
	idempotent: true,
	required: [
		{ displayName: 'From', name: 'timeStart', path: 'filters.time_start', type: 'dateTime', default: '', description: `Start of the range (included), ${WALL_CLOCK_NOTE}` },
		{ displayName: 'To', name: 'timeEnd', path: 'filters.time_end', type: 'dateTime', default: '', description: `End of the range (not included), ${WALL_CLOCK_NOTE}` },
	],
	list: { key: 'rosters' },
	filters: [
		{ path: 'filters.company_id', displayName: 'Company ID', type: 'id', description: 'Defaults to your company' },
		{
			path: 'filters.exclude_dome',
			displayName: 'Exclude Other Locations',
			type: 'boolean',
			description: 'Whether, in a Dome, to return only the rosters of this location instead of its operators\' rosters at every location',
		},
		operatorId('filters.operator_id'),
	],
	build(ctx, itemIndex, body) {
		const filters = body.filters as IDataObject;
		if (String(filters.time_end) <= String(filters.time_start)) {
			throw new NodeOperationError(ctx.getNode(), `The field "To" must be later than "From" in item ${itemIndex}`, {
				itemIndex,
				description: `From is ${String(filters.time_start)} and To is ${String(filters.time_end)}; To is not included in the range.`,
			});
		}
		return body;
	},
};

/** Paged over any range; "rows_per_page can be -1 … for a single week only", so Return All over a week is one request. */
const paged = salonOperation(listEndpoint);
const oneWeek = salonOperation({ ...listEndpoint, list: { key: 'rosters', allowAll: true } });
const list: Operation = {
	...paged,
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const from = salonWallClock(this, this.getNodeParameter('timeStart', itemIndex, ''), itemIndex, 'From');
		const to = salonWallClock(this, this.getNodeParameter('timeEnd', itemIndex, ''), itemIndex, 'To');
		const week = Date.parse(`${to}Z`) - Date.parse(`${from}Z`) <= WEEK_MS;
		return await (week && wantedCount(this, itemIndex) === Infinity ? oneWeek : paged).execute.call(this, itemIndex);
	},
};

const get: SalonEndpoint = {
	method: 'roster/get',
	value: 'get',
	name: 'Get',
	action: 'Get a roster',
	description: 'Get a shift by ID',
	idempotent: true,
	required: [rosterId()],
	result: 'roster',
};

const add: SalonEndpoint = {
	method: 'roster/add',
	value: 'add',
	name: 'Add',
	action: 'Add a roster',
	description: 'Put a shift on the roster',
	// adding twice would make two shifts
	idempotent: false,
	required: [
		operatorId('roster.operator_id'),
		{ displayName: 'Start', name: 'timeStart', path: 'roster.time_start', type: 'dateTime', default: '', description: `When the shift starts, ${WALL_CLOCK_NOTE}` },
		{ displayName: 'Duration (Minutes)', name: 'duration', path: 'roster.duration', type: 'number', default: 480, description: 'How long the shift is; it sets the end time' },
	],
	additional: [
		{ path: 'roster.company_id', displayName: 'Company ID', type: 'id', description: 'The location; defaults to your company (Dome users must choose a child location)' },
		rosterTypeId('roster.roster_type_id'),
	],
	result: 'roster',
	build: (ctx, itemIndex, body) => checkDuration(ctx, itemIndex, body),
};

function checkDuration(ctx: IExecuteFunctions, itemIndex: number, body: IDataObject): IDataObject {
	const duration = (body.roster as IDataObject | undefined)?.duration;
	if (duration !== undefined && (!Number.isInteger(duration) || (duration as number) <= 0)) {
		throw new NodeOperationError(ctx.getNode(), `The field "Duration (Minutes)" must be a positive whole number in item ${itemIndex}`, { itemIndex });
	}
	return body;
}

const update: SalonEndpoint = {
	method: 'roster/update',
	value: 'update',
	name: 'Update',
	action: 'Update a roster',
	description: 'Move, lengthen or reassign a shift; the fields you do not set keep their values',
	idempotent: true,
	required: [rosterId('roster.roster_id')],
	additional: [
		{ displayName: 'Duration (Minutes)', name: 'duration', path: 'roster.duration', type: 'number', default: 0, description: 'How long the shift is; it sets the end time' },
		operatorId('roster.operator_id'),
		rosterTypeId('roster.roster_type_id'),
		{ displayName: 'Start', name: 'timeStart', path: 'roster.time_start', type: 'dateTime', default: '', description: `When the shift starts, ${WALL_CLOCK_NOTE}` },
	],
	additionalLabel: 'Update Fields',
	result: 'roster',
	build(ctx, itemIndex, body) {
		if (Object.keys(body.roster as IDataObject).length < 2) {
			throw new NodeOperationError(ctx.getNode(), `The field "Update Fields" is empty in item ${itemIndex}`, {
				itemIndex,
				description: 'Add at least one roster field to change.',
			});
		}
		return checkDuration(ctx, itemIndex, body);
	},
};

const remove: SalonEndpoint = {
	method: 'roster/delete',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a roster',
	description: 'Take a shift off the roster',
	idempotent: true,
	required: [rosterId()],
	output: (_reply, ctx, itemIndex) => ({ roster_id: idOf(ctx, 'roster_id', itemIndex), deleted: true }),
};

const typeList: SalonEndpoint = {
	method: 'roster_type/list',
	value: 'getAllRosterTypes',
	name: 'Get Many Roster Types',
	action: 'Get many roster types',
	description: 'List the kinds of shift and whether they allow bookings',
	idempotent: true,
	list: { key: 'roster_types', allowAll: true },
	filters: [
		{ path: 'filters.company_id', displayName: 'Company ID', type: 'id', description: 'Defaults to your company' },
		{ path: 'filters.roster_type_ids', displayName: 'Roster Type IDs', type: 'idList', loadOptionsMethod: 'getRosterTypes' },
	],
};

const typeGet: SalonEndpoint = {
	method: 'roster_type/get',
	value: 'getRosterType',
	name: 'Get Roster Type',
	action: 'Get a roster type',
	description: 'Get a kind of shift by ID',
	idempotent: true,
	required: [rosterTypeId('roster_type_id')],
	result: 'roster_type',
};

export const roster: Resource = {
	value: 'roster',
	name: 'Roster',
	description: 'Staff shifts and roster types (needs advanced rostering)',
	operations: [salonOperation(add), salonOperation(remove), salonOperation(get), list, salonOperation(typeList), salonOperation(typeGet), salonOperation(update)],
	defaultOperation: list.value,
};
