import type { Resource } from '../../shared/execute';
import { salonOperation, type SalonEndpoint, type SalonParam } from '../endpoint';
import { doneOperation, sharingEndpoint } from './soldItems';

/* The membership types the salon sells (upfront or recurring, with check-in allowances and included items). */

const membershipId: SalonParam = { path: 'membership_id', displayName: 'Membership', type: 'id', loadOptionsMethod: 'getMemberships' };

const getAll: SalonEndpoint = {
	method: 'membership/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many memberships',
	description: 'List the membership types',
	idempotent: true,
	// "rows_per_page can be -1 to retrieve all memberships"
	list: { key: 'memberships', allowAll: true },
	filters: [
		{ path: 'filters.company_id', displayName: 'Company ID', type: 'id', description: 'The location; defaults to yours' },
		{
			path: 'filters.dome_membership_id',
			displayName: 'Dome Membership ID',
			type: 'id',
			description: 'The Dome\'s membership whose copy at the location to return',
		},
	],
};

const get: SalonEndpoint = {
	method: 'membership/get',
	value: 'get',
	name: 'Get',
	action: 'Get a membership',
	description: 'Get a membership type',
	idempotent: true,
	required: [membershipId],
	result: 'membership',
};

// The docs' table names the ID `voucher_id` (a copy-paste slip); their example, like every other sharing call, sends `membership_id`.
const sharing = sharingEndpoint('membership', membershipId);

export const membership: Resource = {
	value: 'membership',
	name: 'Membership',
	description: 'The membership types the salon sells',
	operations: [salonOperation(getAll), salonOperation(get), doneOperation(sharing, {})],
	defaultOperation: getAll.value,
};
