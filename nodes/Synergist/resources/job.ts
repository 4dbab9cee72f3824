import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { Resource } from '../../shared/execute';
import { synergistOperation, type SynergistEndpoint, type SynergistParam } from '../endpoint';
import { fieldOf, rowsOf } from '../transport';

/** Page size of Get Many; the reference names no maximum. */
export const JOB_PAGE_SIZE = 50;

/**
 * The modified-time window of the key field filters (`timestampfrom` / `timestampto`), both ends included. The server
 * compares them with `…TimeStampModified`, epoch seconds; a date and time is accepted too (zone-less = UTC).
 */
export const modifiedWindow = (noun: string): SynergistParam[] => [
	{
		key: 'timestampfrom',
		parameter: 'modifiedFrom',
		displayName: 'Modified From',
		type: 'string',
		placeholder: '2024-05-31T14:30:00Z',
		description: `Only ${noun} changed at or after this time: epoch seconds (as the modified timestamps), or an ISO date and time`,
	},
	{
		key: 'timestampto',
		parameter: 'modifiedTo',
		displayName: 'Modified To',
		type: 'string',
		placeholder: '2024-06-30T23:59:59Z',
		description: `Only ${noun} changed at or before this time: epoch seconds, or an ISO date and time`,
	},
];

/** Turns the Modified From / To filters into epoch seconds, refusing what is neither seconds nor a date and time. */
export const modifiedTimes: NonNullable<SynergistEndpoint['build']> = (ctx, itemIndex, parts) => {
	const labels: Record<string, string> = { timestampfrom: 'Modified From', timestampto: 'Modified To' };
	for (const [key, label] of Object.entries(labels)) {
		const raw = parts.params[key];
		if (raw === undefined) continue;
		const text = String(raw).trim();
		const zoned = /[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`;
		const seconds = /^\d+$/.test(text) ? Number(text) : /^\d{4}-\d{2}-\d{2}/.test(text) ? Math.floor(Date.parse(zoned) / 1000) : NaN;
		if (!Number.isFinite(seconds)) {
			throw new NodeOperationError(ctx.getNode(), `The field "${label}" has an invalid value "${text}" in item ${itemIndex}`, {
				itemIndex,
				description: 'Expected epoch seconds like 1519131664, or a date and time like 2024-05-31T14:30:00Z.',
			});
		}
		parts.params[key] = seconds;
	}
	const { timestampfrom: from, timestampto: to } = parts.params;
	if (typeof from === 'number' && typeof to === 'number' && from > to) {
		throw new NodeOperationError(ctx.getNode(), `The field "Modified From" is after "Modified To" in item ${itemIndex}`, { itemIndex });
	}
	return parts;
};

const JOB_NUMBER: SynergistParam = {
	key: 'job',
	parameter: 'jobNumber',
	displayName: 'Job Number',
	type: 'code',
	format: 'job',
	placeholder: '1/00000510',
	description: "The job number with its company prefix; without a prefix the credential's company is used",
};

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
	required: [JOB_NUMBER],
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
		{ key: 'clientcontact', parameter: 'contactId', displayName: 'Contact ID', type: 'id', description: 'Only jobs of this client contact (internal reference)' },
		{ key: 'jobphase', parameter: 'phaseNumber', displayName: 'Phase Number', type: 'code', format: 'phase', placeholder: '1/00001173.001', description: 'Only the job of this phase' },
		{ key: 'search', displayName: 'Search', type: 'string', description: 'Only jobs whose number, description or client contains this text' },
		{ key: 'uuid', displayName: 'UUID', type: 'string', pattern: { regex: /^[0-9A-Fa-f]{32}$/, expected: '32 hexadecimal characters' }, description: 'Only the job with this UUID' },
		{ key: 'workflow', parameter: 'workflowCode', displayName: 'Workflow Code', type: 'string', description: 'Only jobs in this workflow' },
		...modifiedWindow('jobs'),
	],
	build: modifiedTimes,
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
		{
			key: 'jobClientCode',
			parameter: 'clientCode',
			displayName: 'Client Code',
			type: 'code',
			placeholder: '1/F667',
			loadOptionsMethod: 'getJobClients',
			description: 'The client the job is for (jobClientCode)',
		},
	],
	additional: [
		{ key: 'jobCampaignNo', parameter: 'campaignNo', displayName: 'Campaign', type: 'id', loadOptionsMethod: 'getJobCampaigns' },
		{ key: 'jobComments', parameter: 'comments', displayName: 'Comments', description: 'Free-text notes on the job', type: 'string', rows: 3 },
		{
			key: 'jobContactInternalRef',
			parameter: 'contactId',
			displayName: 'Contact',
			type: 'id',
			loadOptionsMethod: 'getJobContacts',
			description: 'Internal reference of the client contact (the list needs the client)',
		},
		{
			key: 'jobDateDue',
			parameter: 'dateDue',
			displayName: 'Date Due',
			type: 'date',
			description: 'Leave empty where phases and stages drive the dates: a due date overrides them all',
		},
		{ key: 'jobDateIn', parameter: 'dateIn', displayName: 'Date In', description: 'The day the job came in', type: 'date' },
		{ key: 'jobDescription', parameter: 'description', displayName: 'Description', description: 'What the job is about, as shown in job lists', type: 'string' },
		{ key: 'jobHandleruserid', parameter: 'handlerUserId', displayName: 'Handler', type: 'id', asString: true, loadOptionsMethod: 'getJobHandlers' },
		{
			key: 'jobNumber',
			parameter: 'jobNumber',
			displayName: 'Job Number',
			type: 'code',
			format: 'job',
			placeholder: '1/00MJP20',
			description: 'Leave empty for the next automatic number',
		},
		{ key: 'jobJobtypeCode', parameter: 'jobTypeCode', displayName: 'Job Type Code', type: 'code', placeholder: '1/WEB', loadOptionsMethod: 'getJobTypes' },
		{
			key: 'jobPrefixOnly',
			parameter: 'prefixOnly',
			displayName: 'Prefix Only',
			type: 'string',
			placeholder: 'JN',
			pattern: { regex: /^[A-Za-z]{1,4}$/, expected: '1 to 4 letters' },
			description: 'A prefix for the automatic job number, if the company settings allow manual prefixes',
		},
		{ key: 'jobProjectCode', parameter: 'projectCode', displayName: 'Project Code', type: 'id', loadOptionsMethod: 'getJobProjects' },
		{ key: 'jobReferenceJob', parameter: 'referenceJob', displayName: 'Reference Job', type: 'string', description: "Defaults to the template job's number" },
		{ key: 'jobStatus', parameter: 'status', displayName: 'Status', description: 'Where the job stands: quote, live, in house, on hold or special', type: 'options', options: STATUS_OPTIONS, default: '1', asString: true },
		{ key: 'jobHandlerTeam', parameter: 'team', displayName: 'Team', type: 'code', placeholder: '1/DQS', loadOptionsMethod: 'getJobTeams' },
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

/** The fields a job update may change (the reference's list; `jobHandlerUserID` spelled as the update example). */
const UPDATE_FIELDS: SynergistParam[] = [
	{ key: 'jobCampaignNo', parameter: 'campaignNo', displayName: 'Campaign', type: 'id', loadOptionsMethod: 'getJobCampaigns' },
	{ key: 'jobClientCode', parameter: 'clientCode', displayName: 'Client Code', type: 'code', placeholder: '1/F667', loadOptionsMethod: 'getJobClients' },
	{ key: 'jobComments', parameter: 'comments', displayName: 'Comments', description: 'Free-text notes on the job', type: 'string', rows: 3 },
	{ key: 'jobContactInternalRef', parameter: 'contactId', displayName: 'Contact', type: 'id', loadOptionsMethod: 'getJobContacts', description: 'The client contact (the list needs Client Code)' },
	{ key: 'jobCurrencyCode', parameter: 'currencyCode', displayName: 'Currency Code', description: 'The currency of the job, e.g. 1/EUR', type: 'code', placeholder: '1/EUR' },
	{ key: 'jobCurQuotedPrice', parameter: 'currencyQuotedPrice', displayName: 'Quoted Price (Job Currency)', description: "The quoted price in the job's own currency", type: 'number' },
	{ key: 'jobDateDue', parameter: 'dateDue', displayName: 'Date Due', type: 'date', description: 'Refused by systems whose dates are driven by phases and stages' },
	{ key: 'jobDateIn', parameter: 'dateIn', displayName: 'Date In', description: 'The day the job came in', type: 'date' },
	{ key: 'jobDescription', parameter: 'description', displayName: 'Description', description: 'What the job is about, as shown in job lists', type: 'string' },
	{ key: 'jobExchangeRate', parameter: 'exchangeRate', displayName: 'Exchange Rate', description: 'The exchange rate between the job currency and the company currency', type: 'number' },
	{ key: 'jobHandlerUserID', parameter: 'handlerUserId', displayName: 'Handler', type: 'id', asString: true, loadOptionsMethod: 'getJobHandlers' },
	{ key: 'jobJobtypeCode', parameter: 'jobTypeCode', displayName: 'Job Type Code', type: 'code', placeholder: '1/PCD', loadOptionsMethod: 'getJobTypes' },
	{ key: 'jobOppCurrentStatus', parameter: 'opportunityStatus', displayName: 'Opportunity Status', description: 'Where an opportunity stands in the sales process, as your Synergist names it', type: 'string' },
	{ key: 'jobOppLeadRating', parameter: 'leadRating', displayName: 'Lead Rating', description: 'How promising the opportunity is, as your Synergist rates leads', type: 'string' },
	{ key: 'jobOppSource', parameter: 'opportunitySource', displayName: 'Opportunity Source', description: 'Where the opportunity came from, e.g. a referral or a campaign', type: 'string' },
	{ key: 'jobOppWeighting', parameter: 'opportunityWeighting', displayName: 'Opportunity Weighting', type: 'number', description: 'Percentage chance of winning, e.g. 75' },
	{ key: 'jobOrderNumber', parameter: 'orderNumber', displayName: 'Order Number', description: "The client's order or purchase order number", type: 'string' },
	{ key: 'jobProjectCode', parameter: 'projectCode', displayName: 'Project Code', type: 'id', loadOptionsMethod: 'getJobProjects' },
	{ key: 'jobQuotedPrice', parameter: 'quotedPrice', displayName: 'Quoted Price', description: 'The price quoted to the client, in the company currency', type: 'number' },
	{ key: 'jobReferenceJob', parameter: 'referenceJob', displayName: 'Reference Job', description: 'Another job this job refers to, e.g. 1/00000510', type: 'string' },
	{ key: 'jobStageNotes', parameter: 'stageNotes', displayName: 'Stage Notes', description: "Notes on the job's current workflow stage", type: 'string', rows: 3 },
	{ key: 'jobStagePriority', parameter: 'stagePriority', displayName: 'Stage Priority', description: 'The priority of the job at its current workflow stage', type: 'number' },
	{ key: 'jobStatus', parameter: 'status', displayName: 'Status', description: 'Where the job stands: quote, live, in house, on hold or special', type: 'options', options: STATUS_OPTIONS, default: '2', asString: true },
	{ key: 'jobTaxCode', parameter: 'taxCode', displayName: 'Tax Code', description: 'The tax code number that applies to the job', type: 'number' },
	{ key: 'jobHandlerTeam', parameter: 'team', displayName: 'Team', type: 'code', placeholder: '1/DQS', loadOptionsMethod: 'getJobTeams' },
	{ key: 'jobWorkflowCode', parameter: 'workflowCode', displayName: 'Workflow Code', description: 'The workflow the job follows, as your Synergist names it', type: 'string' },
];

/** The job number as an update's input field (`jobNumber`), its prefix deciding the company. */
const UPDATE_JOB_NUMBER: SynergistParam = { ...JOB_NUMBER, key: 'jobNumber' };

// Job update needs Synergist 12.2; the job is named by jobNumber and carries no record version (no optimistic lock).
const update: SynergistEndpoint = {
	area: 'jobs',
	action: 'update',
	value: 'update',
	name: 'Update',
	sentence: 'Update a job',
	description: 'Change key fields of a job (needs Synergist 12.2)',
	idempotent: true,
	input: {},
	noun: 'job',
	companyFrom: 'jobNumber',
	customFields: 'jobCustomField',
	required: [UPDATE_JOB_NUMBER],
	additional: UPDATE_FIELDS,
	additionalLabel: 'Update Fields',
	build(ctx, itemIndex, parts) {
		if (Object.keys(parts.input).length <= 1) {
			throw new NodeOperationError(ctx.getNode(), `Nothing to update in item ${itemIndex}`, {
				itemIndex,
				description: 'Add at least one of the Update Fields or a Custom Field.',
			});
		}
		return parts;
	},
};

// A promotion is an update with jobStatus "2" (Live) and, optionally, a "Promoted" sales status `3-<reason>`.
const promote: SynergistEndpoint = {
	area: 'jobs',
	action: 'update',
	value: 'promoteOpportunity',
	name: 'Promote Opportunity',
	sentence: 'Promote an opportunity to a live job',
	description: 'Make an opportunity (quote) a live job, optionally with a "Promoted" sales status',
	idempotent: true,
	input: { jobStatus: '2' },
	noun: 'job',
	companyFrom: 'jobNumber',
	required: [UPDATE_JOB_NUMBER],
	additional: [
		{
			key: 'jobSalesStatusReason',
			parameter: 'salesStatusReason',
			displayName: 'Sales Status Reason',
			type: 'string',
			loadOptionsMethod: 'getJobSalesStatuses',
			description: 'A Promoted sales status and reason (<status>-<reason ID>, e.g. 3-6)',
		},
	],
	build(ctx, itemIndex, parts) {
		const reason = parts.input.jobSalesStatusReason;
		if (reason !== undefined && !/^3-\d+$/.test(String(reason).trim())) {
			throw new NodeOperationError(ctx.getNode(), `The field "Sales Status Reason" has an invalid value "${String(reason)}" in item ${itemIndex}`, {
				itemIndex,
				description: 'A promotion takes a Promoted sales status: 3, a dash and the reason ID, like 3-6.',
			});
		}
		if (reason !== undefined) parts.input.jobSalesStatusReason = String(reason).trim();
		return parts;
	},
};

const getFields: SynergistEndpoint = {
	area: 'jobs',
	value: 'getFields',
	name: 'Get Fields',
	sentence: 'Get the fields of a job model',
	description: 'List the fields of the jobs list or job details model (style=modelstructure), custom fields included',
	idempotent: true,
	style: 'modelstructure',
	required: [
		{
			key: 'modelstructure',
			parameter: 'model',
			displayName: 'Model',
			description: 'Which kind of job fields to list',
			type: 'options',
			target: 'query',
			default: 'jobdetails',
			options: [
				{ name: 'Job Details', value: 'jobdetails' },
				{ name: 'Jobs List', value: 'jobslist' },
			],
		},
	],
	list: { pageable: false },
};

/** A jobs.json lookup as an operation (the same lists the job form's dropdowns show). */
function lookup(action: string, value: string, name: string, noun: string, more: Partial<SynergistEndpoint> = {}): SynergistEndpoint {
	return {
		area: 'jobs',
		action,
		value,
		name,
		sentence: `Get ${noun}`,
		description: `List the ${noun} a job can take`,
		idempotent: true,
		list: { pageable: false },
		...more,
	};
}

const CLIENT_FILTER: SynergistParam = { key: 'client', parameter: 'clientCode', displayName: 'Client Code', type: 'code', placeholder: '8/1244', description: 'Only those of this client' };
const JOB_FILTER: SynergistParam = { ...JOB_NUMBER, description: 'Mark the value of this job (variable_selected)' };

const lookups: SynergistEndpoint[] = [
	lookup('clients', 'getClients', 'Get Clients', 'clients for jobs', {
		description: 'List the clients a job can be for (the client picker before job creation)',
		list: { pageSize: 100 },
		view: { type: 'Organizations', noun: 'clients' },
		filters: [{ key: 'clienttype', parameter: 'clientType', displayName: 'Client Type', type: 'string', placeholder: 'B2B2', description: 'Only clients of this type' }],
	}),
	lookup('contacts', 'getContacts', 'Get Client Contacts', 'contacts of a client', {
		required: [{ ...CLIENT_FILTER, description: 'The client whose contacts to list' }],
		companyFrom: 'clientCode',
		noun: 'client',
	}),
	lookup('projects', 'getProjects', 'Get Projects', 'projects', { filters: [CLIENT_FILTER] }),
	lookup('campaigns', 'getCampaigns', 'Get Campaigns', 'campaigns (sub-projects)', { filters: [CLIENT_FILTER] }),
	lookup('jobtypes', 'getJobTypes', 'Get Job Types', 'job types', {
		filters: [{ ...JOB_NUMBER, description: 'Only the internal or the external job types, as suit this job' }],
	}),
	lookup('handlers', 'getHandlers', 'Get Handlers', 'handlers', {
		filters: [{ key: 'team', displayName: 'Team Code', type: 'code', placeholder: '1/ACC', description: 'Only handlers of this team' }],
	}),
	lookup('teams', 'getTeams', 'Get Teams', 'teams', { filters: [JOB_FILTER] }),
	lookup('salesstatuses', 'getSalesStatuses', 'Get Sales Statuses', 'sales statuses', {
		description: 'List the sales status/reason codes (1 Open, 2 Lost, 3 Promoted) for opportunities',
	}),
	lookup('costscharges', 'getCostsCharges', 'Get Costs and Charges', 'costs and charges of a job', {
		description: 'List the cost and charge transactions posted to a job',
		required: [JOB_NUMBER],
		companyFrom: 'jobNumber',
		noun: 'job',
	}),
];

export const job: Resource = {
	value: 'job',
	name: 'Job',
	description: 'Jobs (projects) of a Synergist company',
	operations: [create, get, getAll, update, promote, getFields, ...lookups].map(synergistOperation),
	defaultOperation: 'get',
};
