import type { Resource } from '../../shared/execute';
import { synergistOperation, type SynergistEndpoint } from '../endpoint';

const getVersion: SynergistEndpoint = {
	area: 'system',
	action: 'version',
	value: 'getVersion',
	name: 'Get Version',
	sentence: 'Get the Synergist version',
	description: 'Get the Synergist server and API version (systemparameters_versionno, variable_apiversion)',
	idempotent: true,
};

export const system: Resource = {
	value: 'system',
	name: 'System',
	description: 'The Synergist server',
	operations: [getVersion].map(synergistOperation),
};
