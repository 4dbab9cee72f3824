import type { Resource } from '../../shared/execute';
import { synergistOperation, type SynergistEndpoint, type SynergistParam } from '../endpoint';
import { fieldOf } from '../transport';
import { modifiedTimes, modifiedWindow } from './job';

/** Phases of jobs (phases.json): list in a view, details, costs and charges, model fields. */

const PHASE_NUMBER: SynergistParam = {
	key: 'job',
	parameter: 'phaseNumber',
	displayName: 'Phase Number',
	type: 'code',
	format: 'phase',
	placeholder: '1/00001173.001',
	description: "The job number, a dot and the phase, with the company prefix; without a prefix the credential's company is used",
};

// The reference passes the phase number in `job=` and names no model for the details read.
const get: SynergistEndpoint = {
	area: 'phases',
	value: 'get',
	name: 'Get',
	sentence: 'Get a phase',
	description: 'Get one phase of a job with all its details',
	idempotent: true,
	noun: 'phase',
	companyFrom: 'phaseNumber',
	required: [PHASE_NUMBER],
	single: ({ params, company }) => ({
		message: `Phase ${String(params.job)} was not found in company ${company}`,
		description: 'Synergist returned no phase for this number. Check the job number, the phase and the company prefix.',
	}),
};

const getAll: SynergistEndpoint = {
	area: 'phases',
	value: 'getAll',
	name: 'Get Many',
	sentence: 'Get many phases',
	description: 'List the phases of a saved view, or all phases of the company',
	idempotent: true,
	modelstructure: 'phaseslist',
	noun: 'phase',
	view: { type: 'Phases', noun: 'phases' },
	list: { pageSize: 50, key: (row) => fieldOf(row, 'phaseuuid') ?? fieldOf(row, 'phaseJobAndPhase') },
	filters: [
		{ key: 'client', parameter: 'clientCode', displayName: 'Client Code', type: 'code', placeholder: '1/F667', description: 'Only phases of jobs of this client' },
		{ key: 'job', parameter: 'jobNumber', displayName: 'Job Number', type: 'code', format: 'job', placeholder: '1/00001173', description: 'Only the phases of this job' },
		{ key: 'search', displayName: 'Search', type: 'string', description: 'Only phases whose number or description contains this text' },
		{ key: 'uuid', displayName: 'UUID', description: 'Only the phase with this 32-character unique ID', type: 'string', pattern: { regex: /^[0-9A-Fa-f]{32}$/, expected: '32 hexadecimal characters' } },
		...modifiedWindow('phases'),
	],
	build: modifiedTimes,
};

const getCostsCharges: SynergistEndpoint = {
	area: 'phases',
	action: 'costscharges',
	value: 'getCostsCharges',
	name: 'Get Costs and Charges',
	sentence: 'Get costs and charges of a phase',
	description: 'List the cost and charge transactions posted to a phase',
	idempotent: true,
	noun: 'phase',
	companyFrom: 'phaseNumber',
	required: [{ ...PHASE_NUMBER, key: 'jobphase' }],
	list: { pageable: false },
};

const getFields: SynergistEndpoint = {
	area: 'phases',
	value: 'getFields',
	name: 'Get Fields',
	sentence: 'Get the fields of the phases model',
	description: 'List the fields of the phases list model (style=modelstructure), custom fields included',
	idempotent: true,
	style: 'modelstructure',
	modelstructure: 'phaseslist',
	list: { pageable: false },
};

export const phase: Resource = {
	value: 'phase',
	name: 'Phase',
	description: 'Phases of jobs',
	operations: [get, getAll, getCostsCharges, getFields].map(synergistOperation),
	defaultOperation: 'get',
};
