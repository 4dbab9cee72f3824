import type { Resource } from '../../shared/execute';
import { salonOperation, type SalonEndpoint } from '../endpoint';

/* Resources are the rooms and equipment some services need (e.g. "IPL Machine", "Treatment Room 1"). */

const list: SalonEndpoint = {
	method: 'resource/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many resources',
	description: 'List the rooms and equipment',
	idempotent: true,
	list: { key: 'resources', allowAll: true },
	filters: [
		{ path: 'filters.company_id', displayName: 'Company ID', type: 'id', description: 'Defaults to your company (Dome users must choose a child location)' },
		{ path: 'filters.resource_ids', displayName: 'Resource IDs', type: 'idList', loadOptionsMethod: 'getResources' },
	],
};

const get: SalonEndpoint = {
	method: 'resource/get',
	value: 'get',
	name: 'Get',
	action: 'Get a resource',
	description: 'Get a room or piece of equipment by ID',
	idempotent: true,
	required: [{ path: 'resource_id', displayName: 'Resource ID', type: 'id', loadOptionsMethod: 'getResources' }],
	result: 'resource',
};

export const salonResource: Resource = {
	value: 'resource',
	name: 'Resource',
	description: 'Rooms and equipment that services use',
	operations: [get, list].map(salonOperation),
	defaultOperation: list.value,
};
