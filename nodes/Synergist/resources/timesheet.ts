import { NodeOperationError } from 'n8n-workflow';

import type { Resource } from '../../shared/execute';
import { parseCode, synergistOperation, type SynergistEndpoint } from '../endpoint';
import { fieldOf } from '../transport';

/** Posted timesheets (time.json): time already posted to jobs, read-only. Pending time is tspending.json. */

const getAll: SynergistEndpoint = {
	area: 'time',
	value: 'getAll',
	name: 'Get Many',
	sentence: 'Get many posted timesheets',
	description: 'List the time posted to jobs, by job, phase, date or resource',
	idempotent: true,
	style: 'modeldata',
	noun: 'timesheet',
	required: [
		{
			key: 'modelstructure',
			parameter: 'model',
			displayName: 'Model',
			type: 'options',
			target: 'query',
			default: 'timesheetslist',
			description: 'The details model adds cost, approval and transfer fields',
			options: [
				{ name: 'Timesheet Details', value: 'timesheetdetails' },
				{ name: 'Timesheets List', value: 'timesheetslist' },
			],
		},
	],
	list: { pageSize: 100, key: (row) => fieldOf(row, 'tsUuid') },
	filters: [
		{
			key: 'company',
			parameter: 'companies',
			displayName: 'Companies',
			type: 'string',
			placeholder: '1,2,3',
			list: true,
			description: "Company numbers separated by commas (default: the credential's company)",
		},
		{ key: 'date', displayName: 'Date', type: 'date', description: 'Only time of this day' },
		{ key: 'job', parameter: 'jobNumber', displayName: 'Job Number', description: 'Only time booked to this job, e.g. 1/00000482', type: 'code', format: 'job', placeholder: '1/00000482' },
		{ key: 'jobphase', parameter: 'phaseNumber', displayName: 'Phase Number', description: 'Only time booked to this phase, e.g. 1/00000482.001', type: 'code', format: 'phase', placeholder: '1/00000482.001' },
		{
			key: 'resource',
			parameter: 'resources',
			displayName: 'Resources',
			type: 'string',
			placeholder: '1/MP,1/KW',
			list: true,
			description: 'Resource codes separated by commas; without a prefix the company of the call is used',
		},
	],
	build(ctx, itemIndex, parts) {
		const list = (value: unknown) =>
			String(value)
				.split(',')
				.map((part) => part.trim())
				.filter((part) => part !== '');
		if (parts.params.company !== parts.company) {
			const companies = list(parts.params.company);
			if (companies.length === 0 || companies.some((c) => !/^\d+$/.test(c))) {
				throw new NodeOperationError(ctx.getNode(), `The field "Companies" has an invalid value "${String(parts.params.company)}" in item ${itemIndex}`, {
					itemIndex,
					description: 'Expected company numbers separated by commas, like 1,2.',
				});
			}
			// one company as is, several as the JSON array the reference shows (company=[1,2,3])
			parts.params.company = companies.length === 1 ? Number(companies[0]) : JSON.stringify(companies.map(Number));
		}
		if (parts.params.resource !== undefined) {
			const resources = list(parts.params.resource).map((code) => {
				const parsed = parseCode(ctx, code, itemIndex, 'Resources');
				return `${parsed.company ?? parts.company}/${parsed.code}`;
			});
			parts.params.resource = resources.length === 1 ? resources[0] : JSON.stringify(resources);
		}
		return parts;
	},
};

export const timesheet: Resource = {
	value: 'timesheet',
	name: 'Timesheet',
	description: 'Time posted to jobs (posted timesheets)',
	operations: [getAll].map(synergistOperation),
};
