import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type JsonObject,
} from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { returnAllOrLimit, wantedCount } from '../../shared/paging';
import { requiredString } from '../../shared/params';
import { fieldOf, listPages, rowsOf, synergistRequest, synergistSettings } from '../transport';

/** Job codes: `<company>/<code>` with an auto number (00000510) or an alphanumeric one (00SCP974, CS51). */
const JOB_CODE = /^(?:(\d+)\/)?([A-Za-z0-9]{1,10})$/;
/** Other codes that carry a company prefix: clients (F667, 1244), job types, teams. */
const PREFIXED_CODE = /^(?:(\d+)\/)?([A-Za-z0-9_.-]{1,20})$/;
const CUSTOM_FIELD = /^jobCustomField\d+$/;

/** Page size of Get Many; the reference names no maximum. */
export const JOB_PAGE_SIZE = 50;

function invalid(ctx: IExecuteFunctions, label: string, value: string, itemIndex: number, expected: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `The field "${label}" has an invalid value "${value}" in item ${itemIndex}`, {
		itemIndex,
		description: `Expected ${expected}.`,
	});
}

/**
 * A code as Synergist wants it, `<company>/<code>`: a code typed without the prefix gets the company's, and a code of
 * another company is refused before anything is sent.
 */
function prefixedCode(
	ctx: IExecuteFunctions,
	value: string,
	company: number,
	itemIndex: number,
	label: string,
	pattern: RegExp,
	example: string,
): string {
	const match = pattern.exec(value);
	if (!match) throw invalid(ctx, label, value, itemIndex, `a code like ${example}`);
	if (match[1] !== undefined && Number(match[1]) !== company) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The field "${label}" names company ${match[1]} ("${value}") but this job is in company ${company}, in item ${itemIndex}`,
			{ itemIndex, description: 'All codes of one job must belong to the same Synergist company.' },
		);
	}
	return `${company}/${match[2]}`;
}

/** A date as `YYYY-MM-DD`, the form to send (the reference also shows slashes; this is the unambiguous one). */
function dateOnly(ctx: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string {
	const text = String(value ?? '').trim();
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(text);
	const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
	if (!match || !day || day.getUTCDate() !== Number(match[3]) || day.getUTCMonth() !== Number(match[2]) - 1) {
		throw invalid(ctx, label, text, itemIndex, 'a date like 2024-05-31');
	}
	return `${match[1]}-${match[2]}-${match[3]}`;
}

const get: Operation = {
	value: 'get',
	name: 'Get',
	action: 'Get a job',
	description: 'Get one job with all its details',
	properties: [
		{
			displayName: 'Job Number',
			name: 'jobNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1/00000510',
			description: 'The job number with its company prefix; without a prefix the credential\'s company is used',
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const raw = requiredString(this, 'jobNumber', itemIndex, 'Job Number');
		const match = JOB_CODE.exec(raw);
		if (!match) throw invalid(this, 'Job Number', raw, itemIndex, 'a job number like 1/00000510');
		const company = match[1] !== undefined ? Number(match[1]) : (await synergistSettings(this, itemIndex)).company;
		const job = `${company}/${match[2]}`;
		const reply = await synergistRequest(this, {
			area: 'jobs',
			params: { company, style: 'modeldata', modelstructure: 'jobdetails', job },
			idempotent: true,
			itemIndex,
		});
		const [found] = rowsOf(reply);
		if (!found) {
			throw new NodeApiError(this.getNode(), { message: 'Job not found' } as JsonObject, {
				message: `Job ${job} was not found in company ${company}`,
				description: 'Synergist returned no job for this number. Check the number and its company prefix.',
				httpCode: '404',
				itemIndex,
			});
		}
		return found;
	},
};

const getAll: Operation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many jobs',
	description: 'List the jobs of a saved view, or all jobs of the company',
	properties: [
		{
			displayName: 'View Name or ID',
			name: 'view',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getJobViews' },
			default: '',
			description:
				'A saved Synergist query (view) that selects the jobs; none lists every job of the company. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		...returnAllOrLimit(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Client Code',
					name: 'client',
					type: 'string',
					default: '',
					placeholder: '1/F667',
					description: 'Only jobs of this client',
				},
				{
					displayName: 'Search',
					name: 'search',
					type: 'string',
					default: '',
					description: 'Only jobs whose number, description or client contains this text',
				},
			],
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Page Size',
					name: 'pageSize',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 1000 },
					default: JOB_PAGE_SIZE,
					description: 'How many jobs to ask for per request (rows=)',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const { company } = await synergistSettings(this, itemIndex);
		const view = String(this.getNodeParameter('view', itemIndex, '') ?? '').trim();
		if (view !== '' && !/^-?\d+$|^[A-Za-z0-9_]+$/.test(view)) throw invalid(this, 'View', view, itemIndex, 'a view ID like -1303');
		const filters = this.getNodeParameter('filters', itemIndex, {}) as { client?: string; search?: string };
		const options = this.getNodeParameter('options', itemIndex, {}) as { pageSize?: number };
		const client = (filters.client ?? '').trim();
		const params: IDataObject = {
			company,
			style: 'modeldata',
			modelstructure: 'jobslist',
			view,
			client: client === '' ? '' : prefixedCode(this, client, company, itemIndex, 'Client Code', PREFIXED_CODE, '1/F667'),
			search: (filters.search ?? '').trim(),
		};
		return await listPages(this, {
			area: 'jobs',
			params,
			wanted: wantedCount(this, itemIndex),
			pageSize: options.pageSize ?? JOB_PAGE_SIZE,
			itemIndex,
			keyOf: (row) => fieldOf(row, 'jobUuid') ?? fieldOf(row, 'jobNumber'),
		});
	},
};

const STATUS_OPTIONS = [
	{ name: 'Quote', value: '1' },
	{ name: 'Live', value: '2' },
	{ name: 'In House', value: '3' },
	{ name: 'On Hold', value: '4' },
	{ name: 'Special', value: '5' },
];

interface CreateFields {
	jobNumber?: string;
	description?: string;
	comments?: string;
	dateIn?: string;
	dateDue?: string;
	jobTypeCode?: string;
	handlerUserId?: number;
	team?: string;
	status?: string;
	prefixOnly?: string;
	referenceJob?: string;
	contactId?: number;
	projectCode?: number;
	campaignNo?: number;
}

const create: Operation = {
	value: 'create',
	name: 'Create',
	action: 'Create a job',
	description: 'Create a job from a template job',
	properties: [
		{
			displayName: 'Template Job',
			name: 'templateJob',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1/00000001',
			description: 'The job to copy phases, stages and defaults from (varJobTemplate). Its company is the new job\'s company.',
		},
		{
			displayName: 'Client Code',
			name: 'clientCode',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1/F667',
			description: 'The client the job is for (jobClientCode)',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Campaign Number', name: 'campaignNo', type: 'number', default: 0 },
				{ displayName: 'Comments', name: 'comments', type: 'string', typeOptions: { rows: 3 }, default: '' },
				{ displayName: 'Contact ID', name: 'contactId', type: 'number', default: 0, description: 'Internal reference of the client contact' },
				{
					displayName: 'Date Due',
					name: 'dateDue',
					type: 'dateTime',
					default: '',
					description: 'Leave empty where phases and stages drive the dates: a due date overrides them all',
				},
				{ displayName: 'Date In', name: 'dateIn', type: 'dateTime', default: '' },
				{ displayName: 'Description', name: 'description', type: 'string', default: '' },
				{ displayName: 'Handler User ID', name: 'handlerUserId', type: 'number', default: 0 },
				{
					displayName: 'Job Number',
					name: 'jobNumber',
					type: 'string',
					default: '',
					placeholder: '1/00MJP20',
					description: 'Leave empty for the next automatic number',
				},
				{ displayName: 'Job Type Code', name: 'jobTypeCode', type: 'string', default: '', placeholder: '1/WEB' },
				{
					displayName: 'Prefix Only',
					name: 'prefixOnly',
					type: 'string',
					default: '',
					placeholder: 'JN',
					description: 'A prefix for the automatic job number, if the company settings allow manual prefixes',
				},
				{ displayName: 'Project Code', name: 'projectCode', type: 'number', default: 0 },
				{
					displayName: 'Reference Job',
					name: 'referenceJob',
					type: 'string',
					default: '',
					description: 'Defaults to the template job\'s number',
				},
				{ displayName: 'Status', name: 'status', type: 'options', options: STATUS_OPTIONS, default: '1' },
				{ displayName: 'Team', name: 'team', type: 'string', default: '', placeholder: '1/DQS' },
			],
		},
		{
			displayName: 'Custom Fields',
			name: 'customFields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Custom Field',
			default: {},
			description: 'Fields named jobCustomField plus a number, e.g. jobCustomField218; the numbers differ per installation (needs Synergist 12.2)',
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'jobCustomField218' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const template = requiredString(this, 'templateJob', itemIndex, 'Template Job');
		const templateMatch = JOB_CODE.exec(template);
		if (!templateMatch) throw invalid(this, 'Template Job', template, itemIndex, 'a job number like 1/00000001');
		const company = templateMatch[1] !== undefined ? Number(templateMatch[1]) : (await synergistSettings(this, itemIndex)).company;
		const code = (name: string, value: string, pattern = PREFIXED_CODE, example = '1/F667') =>
			prefixedCode(this, value, company, itemIndex, name, pattern, example);

		// Keys and value types exactly as the reference's create example (jobHandleruserid, "jobStatus": "2").
		const row: IDataObject = {
			varJobTemplate: code('Template Job', template, JOB_CODE, '1/00000001'),
			jobClientCode: code('Client Code', requiredString(this, 'clientCode', itemIndex, 'Client Code')),
		};
		const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as CreateFields;
		const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
		if (text(fields.jobNumber) !== '') row.jobNumber = code('Job Number', text(fields.jobNumber), JOB_CODE, '1/00MJP20');
		if (text(fields.prefixOnly) !== '') {
			if (row.jobNumber !== undefined) {
				throw new NodeOperationError(this.getNode(), `The fields "Job Number" and "Prefix Only" are both set in item ${itemIndex}`, {
					itemIndex,
					description: 'A prefix applies only to automatic job numbers: set one or the other.',
				});
			}
			if (!/^[A-Za-z]{1,4}$/.test(text(fields.prefixOnly))) throw invalid(this, 'Prefix Only', text(fields.prefixOnly), itemIndex, '1 to 4 letters');
			row.jobPrefixOnly = text(fields.prefixOnly);
		}
		if (text(fields.description) !== '') row.jobDescription = fields.description;
		if (text(fields.comments) !== '') row.jobComments = fields.comments;
		if (text(fields.dateIn) !== '') row.jobDateIn = dateOnly(this, fields.dateIn, 'Date In', itemIndex);
		if (text(fields.dateDue) !== '') row.jobDateDue = dateOnly(this, fields.dateDue, 'Date Due', itemIndex);
		if (text(fields.jobTypeCode) !== '') row.jobJobtypeCode = code('Job Type Code', text(fields.jobTypeCode), PREFIXED_CODE, '1/WEB');
		if (text(fields.team) !== '') row.jobHandlerTeam = code('Team', text(fields.team), PREFIXED_CODE, '1/DQS');
		if (fields.status !== undefined && fields.status !== '') row.jobStatus = String(fields.status);
		if (text(fields.referenceJob) !== '') row.jobReferenceJob = text(fields.referenceJob);
		const ids: Array<[keyof CreateFields, string, string]> = [
			['handlerUserId', 'jobHandleruserid', 'Handler User ID'],
			['contactId', 'jobContactInternalRef', 'Contact ID'],
			['projectCode', 'jobProjectCode', 'Project Code'],
			['campaignNo', 'jobCampaignNo', 'Campaign Number'],
		];
		for (const [name, key, label] of ids) {
			const value = fields[name];
			if (value === undefined || value === 0) continue;
			if (!Number.isInteger(Number(value)) || Number(value) < 0) throw invalid(this, label, String(value), itemIndex, 'a whole number');
			row[key] = key === 'jobHandleruserid' ? String(value) : Number(value);
		}
		const custom = (this.getNodeParameter('customFields', itemIndex, {}) as { field?: Array<{ name: string; value: string }> }).field ?? [];
		for (const { name, value } of custom) {
			const key = String(name ?? '').trim();
			if (!CUSTOM_FIELD.test(key)) throw invalid(this, 'Custom Fields', key, itemIndex, 'a field name like jobCustomField218');
			row[key] = value ?? '';
		}

		const reply = await synergistRequest(this, { area: 'jobs', action: 'create', params: { company }, input: [row], idempotent: false, itemIndex });
		const created = rowsOf(reply);
		const warning = typeof reply.warningmessage === 'string' ? reply.warningmessage.trim() : '';
		// success:true can still carry a partial failure in warningmessage.
		return (created.length > 0 ? created : [{ jobNumber: row.jobNumber ?? null }]).map((job) =>
			warning === '' ? job : { ...job, warningMessage: warning },
		);
	},
};

export const job: Resource = {
	value: 'job',
	name: 'Job',
	description: 'Jobs (projects) of a Synergist company',
	operations: [create, get, getAll],
	defaultOperation: 'get',
};
