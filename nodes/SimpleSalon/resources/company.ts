import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { Resource } from '../../shared/execute';
import { salonOperation, type SalonEndpoint } from '../endpoint';

/* Companies: the salon itself and, for a Dome (multi-location business), its locations. */

const list: SalonEndpoint = {
	method: 'company/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many companies',
	description: "List the locations of a Dome (multi-location business); without a Dome, your own company",
	idempotent: true,
	list: { key: 'companies', allowAll: true },
	filters: [
		{
			displayName: 'Dome Company ID',
			path: 'filters.dome_company_id',
			type: 'id',
			description: "The Dome to list the locations of; defaults to the logged-in user's company",
		},
		{
			displayName: 'Shown in Online Booking',
			path: 'filters.online_booking_show',
			name: 'online_booking_show',
			type: 'boolean',
			default: false,
			description: 'Whether to list only the companies shown in online booking (on) or only those hidden (off)',
		},
	],
	expandable: ['address_state', 'country'],
};

const FIND_BY: Record<string, string> = {
	company_id: 'Company ID',
	online_booking_company_id: 'Online Booking Company ID',
	online_booking_url_id: 'Online Booking URL ID',
};

const get: SalonEndpoint = {
	method: 'company/get',
	value: 'get',
	name: 'Get',
	action: 'Get a company',
	description: 'Get a company by its ID, its online booking ID or its online booking URL ID',
	idempotent: true,
	required: [
		{
			displayName: 'Find By',
			description: 'Which kind of ID you give below',
			path: 'find_by',
			name: 'findBy',
			type: 'options',
			default: 'company_id',
			options: Object.entries(FIND_BY)
				.map(([value, name]) => ({ name, value }))
				.sort((a, b) => a.name.localeCompare(b.name)),
		},
		{ displayName: 'ID', path: 'id', name: 'companyId', type: 'id', default: '', description: 'The ID of the kind chosen in Find By' },
	],
	// exactly one of company_id, online_booking_company_id or online_booking_url_id
	build: (ctx, itemIndex, body: IDataObject) => {
		const field = String(body.find_by);
		if (!(field in FIND_BY)) {
			throw new NodeOperationError(ctx.getNode(), `The field "Find By" has an unknown value "${field}" in item ${itemIndex}`, { itemIndex });
		}
		return { [field]: body.id };
	},
	result: 'company',
};

export const company: Resource = {
	value: 'company',
	name: 'Company',
	description: 'Your company and the locations of its Dome',
	operations: [get, list].map(salonOperation),
	defaultOperation: 'get',
};
