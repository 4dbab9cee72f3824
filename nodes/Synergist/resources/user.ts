import type { Resource } from '../../shared/execute';
import { synergistOperation, type SynergistEndpoint } from '../endpoint';
import { isPlaceholder } from '../methods/lookups';
import { fieldOf, rowsOf } from '../transport';

/*
 * users.json documents only GETSHA512, which the credential uses to log in (a hash that works like the password, so
 * no operation hands it out). The users themselves come from the handler list of jobs.json.
 */
const getAll: SynergistEndpoint = {
	area: 'jobs',
	action: 'handlers',
	value: 'getAll',
	name: 'Get Many',
	sentence: 'Get many users',
	description: 'List the users who can handle jobs (name and user ID), optionally of one team',
	idempotent: true,
	list: { pageable: false },
	filters: [{ key: 'team', displayName: 'Team Code', type: 'code', placeholder: '1/ACC', description: 'Only the users of this team' }],
	// the handler list starts with a "- Blank -" row (user ID 0): not a user
	output: (reply) => rowsOf(reply).filter((row) => !isPlaceholder(String(fieldOf(row, 'userFullName') ?? ''))),
};

export const user: Resource = {
	value: 'user',
	name: 'User',
	description: 'Synergist users',
	operations: [getAll].map(synergistOperation),
};
