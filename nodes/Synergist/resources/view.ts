import type { Resource } from '../../shared/execute';
import { synergistOperation, type SynergistEndpoint } from '../endpoint';
import { VIEW_TYPES } from '../methods/views';

/** Saved views (queries) of a table, from views.json: their IDs go into the View of a Get Many. */
const getAll: SynergistEndpoint = {
	area: 'views',
	value: 'getAll',
	name: 'Get Many',
	sentence: 'Get many views',
	description: 'List the saved views (queries) of a table: Synergist IDs like -1303 with their names',
	idempotent: true,
	required: [
		{
			key: 'type',
			parameter: 'table',
			displayName: 'Table',
			description: 'The kind of record whose saved views (queries) are listed',
			type: 'options',
			default: 'Jobs',
			options: VIEW_TYPES.map((type) => ({ name: type, value: type })).sort((a, b) => a.name.localeCompare(b.name)),
		},
	],
	list: { pageable: false },
};

export const view: Resource = {
	value: 'view',
	name: 'View',
	description: 'Saved views (queries) of Synergist tables',
	operations: [getAll].map(synergistOperation),
};
