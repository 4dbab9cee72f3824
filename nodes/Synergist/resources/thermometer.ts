import type { Resource } from '../../shared/execute';
import { synergistOperation, type SynergistEndpoint } from '../endpoint';

const getAll: SynergistEndpoint = {
	area: 'thermos',
	value: 'getAll',
	name: 'Get Many',
	sentence: 'Get many thermometers',
	description: 'List the thermometer index numbers (progress measures) of jobs or of phases',
	idempotent: true,
	required: [
		{
			key: 'type',
			parameter: 'thermometerType',
			displayName: 'For',
			description: 'Whether to read the progress thermometers of jobs or of phases',
			type: 'options',
			default: 'job',
			options: [
				{ name: 'Jobs', value: 'job' },
				{ name: 'Phases', value: 'phase' },
			],
		},
	],
	list: { pageable: false },
};

export const thermometer: Resource = {
	value: 'thermometer',
	name: 'Thermometer',
	description: 'Progress thermometers of jobs and phases',
	operations: [getAll].map(synergistOperation),
};
