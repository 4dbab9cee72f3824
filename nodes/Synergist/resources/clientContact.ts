import type { Resource } from '../../shared/execute';
import { synergistOperation, type SynergistEndpoint } from '../endpoint';
import { fieldOf } from '../transport';

// The reference lists client contacts with the details model (clientcontactdetails); style is mandatory there.
const getAll: SynergistEndpoint = {
	area: 'clientcontacts',
	value: 'getAll',
	name: 'Get Many',
	sentence: 'Get many client contacts',
	description: 'List the contacts of the clients of the company, or of one client',
	idempotent: true,
	modelstructure: 'clientcontactdetails',
	noun: 'contact',
	list: { pageSize: 50, key: (row) => fieldOf(row, 'clientcontactuuid') ?? fieldOf(row, 'clientcontactInternalRef') },
	filters: [{ key: 'client', parameter: 'clientCode', displayName: 'Client Code', type: 'code', placeholder: '1/F667', description: 'Only the contacts of this client' }],
};

export const clientContact: Resource = {
	value: 'clientContact',
	name: 'Client Contact',
	description: 'People at clients',
	operations: [getAll].map(synergistOperation),
};
