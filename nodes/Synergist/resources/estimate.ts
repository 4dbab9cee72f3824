import { NodeOperationError } from 'n8n-workflow';

import type { Resource } from '../../shared/execute';
import { synergistOperation, type SynergistEndpoint, type SynergistParam } from '../endpoint';

/** Estimate lines (estimates.json) of a job or a phase; quote.ts asks quotes.json the same way. */

/** A job or a phase number; sent as `Job-Number=` or `Job-And-Phase=` by `jobOrPhase`. */
export const JOB_OR_PHASE: SynergistParam = {
	key: 'Job-Number',
	parameter: 'jobOrPhaseNumber',
	displayName: 'Job or Phase Number',
	type: 'code',
	placeholder: '1/00008303 or 1/00008303.001',
	description: "A job number, or a phase number (job, a dot, the phase); without a company prefix the credential's company is used",
};

/** Sends a phase number as `Job-And-Phase` and a job number as `Job-Number`, refusing anything else. */
export const jobOrPhase: NonNullable<SynergistEndpoint['build']> = (ctx, itemIndex, parts) => {
	const code = String(parts.params['Job-Number']);
	const simple = code.slice(code.indexOf('/') + 1);
	if (/^[A-Za-z0-9]{1,10}\.[A-Za-z0-9]{1,10}$/.test(simple)) {
		delete parts.params['Job-Number'];
		parts.params['Job-And-Phase'] = code;
	} else if (!/^[A-Za-z0-9]{1,10}$/.test(simple)) {
		throw new NodeOperationError(ctx.getNode(), `The field "Job or Phase Number" has an invalid value "${code}" in item ${itemIndex}`, {
			itemIndex,
			description: 'Expected a job number like 1/00008303 or a phase number like 1/00008303.001.',
		});
	}
	return parts;
};

const getAll: SynergistEndpoint = {
	area: 'estimates',
	value: 'getAll',
	name: 'Get Many',
	sentence: 'Get the estimate lines of a job or phase',
	description: 'List the estimate lines of a job (all its phases) or of one phase: S staff time, M material, B bought-in',
	idempotent: true,
	noun: 'job',
	companyFrom: 'jobOrPhaseNumber',
	required: [JOB_OR_PHASE],
	list: { pageable: false },
	build: jobOrPhase,
};

export const estimate: Resource = {
	value: 'estimate',
	name: 'Estimate',
	description: 'Estimate lines of jobs and phases',
	operations: [getAll].map(synergistOperation),
};
