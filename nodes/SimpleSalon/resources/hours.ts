import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { Resource } from '../../shared/execute';
import { salonOperation, type SalonEndpoint } from '../endpoint';

/*
 * Opening hours of the salon or of one staff member: day by day for a date range (dated exceptions included, e.g. a
 * public holiday), or the standard week when no dates are given (then only the times mean something).
 */

const list: SalonEndpoint = {
	method: 'hours/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many opening hours',
	description: 'List opening hours day by day for a date range, or the standard week when no dates are given',
	idempotent: true,
	// "Currently returns all results (no paging)."
	list: { key: 'hours', pageable: false },
	filters: [
		{
			displayName: 'From Date',
			path: 'filters.time_start',
			name: 'time_start',
			type: 'date',
			default: '',
			description: 'First day (included), salon local date; the time and any time zone offset are ignored. Leave From Date and To Date empty for the standard week.',
		},
		{
			displayName: 'To Date',
			path: 'filters.time_end',
			name: 'time_end',
			type: 'date',
			default: '',
			description: 'Day after the last one (not included), salon local date; the time and any time zone offset are ignored',
		},
		{ displayName: 'Company ID', path: 'filters.company_id', type: 'id', description: "Defaults to the logged-in user's company" },
		{
			displayName: 'Operator',
			path: 'filters.operator_id',
			type: 'id',
			loadOptionsMethod: 'getOperators',
			description: "A staff member's own hours (used when advanced rostering is off); leave empty for the salon's hours",
		},
	],
	build: (ctx, itemIndex, body: IDataObject) => {
		const filters = (body.filters ?? {}) as IDataObject;
		const from = filters.time_start as string | undefined;
		const to = filters.time_end as string | undefined;
		if ((from === undefined) !== (to === undefined)) {
			throw new NodeOperationError(ctx.getNode(), `The filters "From Date" and "To Date" go together in item ${itemIndex}`, {
				itemIndex,
				description: 'Set both for hours day by day, or neither for the standard week.',
			});
		}
		if (from !== undefined && to !== undefined && to <= from) {
			throw new NodeOperationError(ctx.getNode(), `The filter "To Date" must be later than "From Date" in item ${itemIndex}`, {
				itemIndex,
				description: `From Date is ${from.slice(0, 10)} and To Date is ${to.slice(0, 10)}; To Date is not included.`,
			});
		}
		return body;
	},
};

export const hours: Resource = {
	value: 'hours',
	name: 'Hours',
	description: 'Opening hours of the salon and its staff',
	operations: [salonOperation(list)],
};
