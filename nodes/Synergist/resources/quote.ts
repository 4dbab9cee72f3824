import type { Resource } from '../../shared/execute';
import { synergistOperation, type SynergistEndpoint } from '../endpoint';
import { JOB_OR_PHASE, jobOrPhase } from './estimate';

const getAll: SynergistEndpoint = {
	area: 'quotes',
	value: 'getAll',
	name: 'Get Many',
	sentence: 'Get the quote lines of a job or phase',
	description: 'List the quote lines of a job (all its phases) or of one phase',
	idempotent: true,
	noun: 'job',
	companyFrom: 'jobOrPhaseNumber',
	required: [JOB_OR_PHASE],
	list: { pageable: false },
	build: jobOrPhase,
};

export const quote: Resource = {
	value: 'quote',
	name: 'Quote',
	description: 'Quote lines of jobs and phases',
	operations: [getAll].map(synergistOperation),
};
