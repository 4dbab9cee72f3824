import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { returnAllOrLimit, wantedCount } from '../../shared/paging';
import { salonId, salonWallClock } from '../fields';
import { salonList } from '../transport';

const FILTER_IDS: Record<string, string> = {
	client_id: 'Client ID',
	operator_id: 'Operator ID',
	resource_id: 'Resource ID',
	service_id: 'Service ID',
};

const getAll: Operation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many appointments',
	description: 'List the appointments in a date range, in start time order',
	properties: [
		{
			displayName: 'From',
			name: 'timeStart',
			type: 'dateTime',
			default: '',
			required: true,
			description: 'Start of the range (included), in the salon\'s local time; any time zone offset is ignored by Simple Salon',
		},
		{
			displayName: 'To',
			name: 'timeEnd',
			type: 'dateTime',
			default: '',
			required: true,
			description: 'End of the range (not included), in the salon\'s local time; any time zone offset is ignored by Simple Salon',
		},
		...returnAllOrLimit(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{ displayName: 'Client ID', name: 'client_id', type: 'string', default: '' },
				{ displayName: 'Operator ID', name: 'operator_id', type: 'string', default: '', description: 'The staff member' },
				{ displayName: 'Resource ID', name: 'resource_id', type: 'string', default: '', description: 'The room or equipment' },
				{ displayName: 'Service ID', name: 'service_id', type: 'string', default: '' },
			],
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
		for (const [name, label] of Object.entries(FILTER_IDS)) {
			if (chosen[name] !== undefined && chosen[name] !== '') filters[name] = salonId(this, '', itemIndex, label, chosen[name]);
		}
		return await salonList(this, {
			method: 'appointment/list',
			listKey: 'appointments',
			body: { filters, options: { sort_expression: 'time_start' } },
			wanted: wantedCount(this, itemIndex),
			idempotent: true,
			itemIndex,
		});
	},
};

export const appointment: Resource = {
	value: 'appointment',
	name: 'Appointment',
	description: 'Bookings in the appointment book',
	operations: [getAll],
};
