import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { Resource } from '../../shared/execute';
import { synergistOperation, type SynergistEndpoint } from '../endpoint';
import { fieldOf, rowsOf } from '../transport';

/** Page size of Get Many; the reference names no maximum. */
export const JOB_PAGE_SIZE = 50;

const get: SynergistEndpoint = {
	area: 'jobs',
	value: 'get',
	name: 'Get',
	sentence: 'Get a job',
	description: 'Get one job with all its details',
	idempotent: true,
	modelstructure: 'jobdetails',
	noun: 'job',
	companyFrom: 'jobNumber',
	required: [
		{
			key: 'job',
			parameter: 'jobNumber',
			displayName: 'Job Number',
			type: 'code',
			format: 'job',
			placeholder: '1/00000510',
			description: "The job number with its company prefix; without a prefix the credential's company is used",
		},
	],
	single: ({ params, company }) => ({
		message: `Job ${String(params.job)} was not found in company ${company}`,
		description: 'Synergist returned no job for this number. Check the number and its company prefix.',
	}),
};

const getAll: SynergistEndpoint = {
	area: 'jobs',
	value: 'getAll',
	name: 'Get Many',
	sentence: 'Get many jobs',
	description: 'List the jobs of a saved view, or all jobs of the company',
	idempotent: true,
	modelstructure: 'jobslist',
	noun: 'job',
	view: { type: 'Jobs', loadOptionsMethod: 'getJobViews', noun: 'jobs' },
	list: { pageSize: JOB_PAGE_SIZE, key: (row) => fieldOf(row, 'jobUuid') ?? fieldOf(row, 'jobNumber') },
	filters: [
		{ key: 'client', displayName: 'Client Code', type: 'code', placeholder: '1/F667', description: 'Only jobs of this client' },
		{ key: 'search', displayName: 'Search', type: 'string', description: 'Only jobs whose number, description or client contains this text' },
	],
};

const STATUS_OPTIONS = [
	{ name: 'In House', value: '3' },
	{ name: 'Live', value: '2' },
	{ name: 'On Hold', value: '4' },
	{ name: 'Quote', value: '1' },
	{ name: 'Special', value: '5' },
];

// Keys and value types exactly as the reference's create example (jobHandleruserid, "jobStatus": "2").
const create: SynergistEndpoint = {
	area: 'jobs',
	action: 'create',
	value: 'create',
	name: 'Create',
	sentence: 'Create a job',
	description: 'Create a job from a template job',
	idempotent: false,
	input: {},
	noun: 'job',
	companyFrom: 'templateJob',
	customFields: 'jobCustomField',
	required: [
		{
			key: 'varJobTemplate',
			parameter: 'templateJob',
			displayName: 'Template Job',
			type: 'code',
			format: 'job',
			placeholder: '1/00000001',
			description: "The job to copy phases, stages and defaults from (varJobTemplate). Its company is the new job's company.",
		},
		{ key: 'jobClientCode', parameter: 'clientCode', displayName: 'Client Code', type: 'code', placeholder: '1/F667', description: 'The client the job is for (jobClientCode)' },
	],
	additional: [
		{ key: 'jobCampaignNo', parameter: 'campaignNo', displayName: 'Campaign Number', type: 'id' },
		{ key: 'jobComments', parameter: 'comments', displayName: 'Comments', type: 'string', rows: 3 },
		{ key: 'jobContactInternalRef', parameter: 'contactId', displayName: 'Contact ID', type: 'id', description: 'Internal reference of the client contact' },
		{
			key: 'jobDateDue',
			parameter: 'dateDue',
			displayName: 'Date Due',
			type: 'date',
			description: 'Leave empty where phases and stages drive the dates: a due date overrides them all',
		},
		{ key: 'jobDateIn', parameter: 'dateIn', displayName: 'Date In', type: 'date' },
		{ key: 'jobDescription', parameter: 'description', displayName: 'Description', type: 'string' },
		{ key: 'jobHandleruserid', parameter: 'handlerUserId', displayName: 'Handler User ID', type: 'id', asString: true },
		{
			key: 'jobNumber',
			parameter: 'jobNumber',
			displayName: 'Job Number',
			type: 'code',
			format: 'job',
			placeholder: '1/00MJP20',
			description: 'Leave empty for the next automatic number',
		},
		{ key: 'jobJobtypeCode', parameter: 'jobTypeCode', displayName: 'Job Type Code', type: 'code', placeholder: '1/WEB' },
		{
			key: 'jobPrefixOnly',
			parameter: 'prefixOnly',
			displayName: 'Prefix Only',
			type: 'string',
			placeholder: 'JN',
			pattern: { regex: /^[A-Za-z]{1,4}$/, expected: '1 to 4 letters' },
			description: 'A prefix for the automatic job number, if the company settings allow manual prefixes',
		},
		{ key: 'jobProjectCode', parameter: 'projectCode', displayName: 'Project Code', type: 'id' },
		{ key: 'jobReferenceJob', parameter: 'referenceJob', displayName: 'Reference Job', type: 'string', description: "Defaults to the template job's number" },
		{ key: 'jobStatus', parameter: 'status', displayName: 'Status', type: 'options', options: STATUS_OPTIONS, default: '1', asString: true },
		{ key: 'jobHandlerTeam', parameter: 'team', displayName: 'Team', type: 'code', placeholder: '1/DQS' },
	],
	build(ctx, itemIndex, parts) {
		if (parts.input.jobNumber !== undefined && parts.input.jobPrefixOnly !== undefined) {
			throw new NodeOperationError(ctx.getNode(), `The fields "Job Number" and "Prefix Only" are both set in item ${itemIndex}`, {
				itemIndex,
				description: 'A prefix applies only to automatic job numbers: set one or the other.',
			});
		}
		if (typeof parts.input.jobPrefixOnly === 'string') parts.input.jobPrefixOnly = parts.input.jobPrefixOnly.trim();
		if (typeof parts.input.jobReferenceJob === 'string') parts.input.jobReferenceJob = parts.input.jobReferenceJob.trim();
		return parts;
	},
	output(reply, _ctx, _itemIndex, parts) {
		const created = rowsOf(reply);
		const warning = typeof reply.warningmessage === 'string' ? reply.warningmessage.trim() : '';
		// success:true can still carry a partial failure in warningmessage.
		return (created.length > 0 ? created : [{ jobNumber: (parts.input.jobNumber as IDataObject[string]) ?? null }]).map((job) =>
			warning === '' ? job : { ...job, warningMessage: warning },
		);
	},
};

export const job: Resource = {
	value: 'job',
	name: 'Job',
	description: 'Jobs (projects) of a Synergist company',
	operations: [create, get, getAll].map(synergistOperation),
	defaultOperation: 'get',
};
