import type { Resource } from '../../shared/execute';
import { synergistOperation, type SynergistEndpoint } from '../endpoint';
import { fieldOf } from '../transport';

const getAll: SynergistEndpoint = {
	area: 'companies',
	value: 'getAll',
	name: 'Get Many',
	sentence: 'Get many companies',
	description: 'List the Synergist companies (data sets) the user works in, with their numbers',
	idempotent: true,
	list: { pageSize: 50, key: (row) => fieldOf(row, 'companyUuid') ?? fieldOf(row, 'companyNumber') },
};

export const company: Resource = {
	value: 'company',
	name: 'Company',
	description: 'Synergist companies (data sets)',
	operations: [getAll].map(synergistOperation),
};
