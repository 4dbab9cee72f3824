import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IN8nHttpFullResponse,
	type INodeProperties,
	type JsonObject,
} from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { checkFormat, requiredString } from '../../shared/params';
import {
	endpointKey,
	synergistOperation,
	synergistOutput,
	type SynergistCallParts,
	type SynergistEndpoint,
	type SynergistParam,
} from '../endpoint';
import { fieldOf, rowsOf, synergistDownload, synergistRequest, synergistSettings } from '../transport';

/*
 * Expense lines (expenselines.json): the lines of an expense sheet, their workflow (submit, approve, hold, query,
 * reject, resubmit), receipts (upload as base64 or to S3, view, download, remove) and the lookups a line is filled
 * from. Line actions name the line by `expenseline=<expenselineInternal>` or `uuid=`: one field takes either.
 */

const AREA = 'expenselines';
const PAGE_SIZE = 50;

/**
 * Largest receipt sent as base64 by default. The reference documents no limit, but the base64 travels in the URL's
 * query string (every call is a GET), which servers and proxies cap; Options → Max File Size changes it.
 */
export const RECEIPT_MAX_KB = 1024;

const ID_OR_UUID = /^(?:[1-9]\d*|[0-9A-Fa-f]{32})$/;

const LINE: SynergistParam = {
	key: 'expenseline',
	parameter: 'expenseLine',
	displayName: 'Expense Line ID or UUID',
	type: 'string',
	placeholder: '3404',
	pattern: { regex: /^\s*(?:[1-9]\d*|[0-9A-Fa-f]{32})\s*$/, expected: 'an expense line ID like 3404 or a 32-character UUID' },
	description: "The line's internal ID (expenselineInternal) or its UUID (expenselineUuid)",
};

/** `expenseline=3404`, or `uuid=…` when the field holds a UUID (the reference takes either). */
function lineKey(parts: SynergistCallParts): SynergistCallParts {
	const value = String(parts.params.expenseline ?? '').trim();
	if (/^[0-9A-Fa-f]{32}$/.test(value)) {
		delete parts.params.expenseline;
		parts.params.uuid = value.toUpperCase();
	} else {
		parts.params.expenseline = value;
	}
	return parts;
}

const PHASE: SynergistParam = {
	key: 'expenselineJobAndPhase',
	parameter: 'jobAndPhase',
	displayName: 'Job and Phase',
	type: 'code',
	format: 'phase',
	placeholder: '1/00000522.005',
	loadOptionsMethod: 'getExpenseLinePhases',
	description: 'The job phase the expense is charged to (expenselineJobAndPhase)',
};

const SUPPLY_TYPE: SynergistParam = {
	key: 'expenselineSupplyType',
	parameter: 'supplyType',
	displayName: 'Supply Type',
	type: 'code',
	placeholder: '1/HOT',
	loadOptionsMethod: 'getExpenseLineSupplyTypes',
	description: 'What the expense is (expenselineSupplyType); its tax code decides the tax Synergist computes',
};

const TOTAL: SynergistParam = {
	key: 'expenselineTotal',
	parameter: 'total',
	displayName: 'Total',
	type: 'number',
	description: 'The amount including tax (expenselineTotal)',
};
const DATE: SynergistParam = { key: 'expenselineDate', parameter: 'date', displayName: 'Date', type: 'date', description: 'The day of the expense' };
const DESCRIPTION: SynergistParam = { key: 'expenselineDescription', parameter: 'description', displayName: 'Description', description: 'What the expense was for', type: 'string' };

const getAll: SynergistEndpoint = {
	area: AREA,
	value: 'getAll',
	name: 'Get Many',
	sentence: 'Get many expense lines',
	description: 'List the expense lines of the company, optionally filtered',
	idempotent: true,
	noun: 'expense line',
	list: { pageSize: PAGE_SIZE, key: (row) => fieldOf(row, 'expenselineUuid') ?? fieldOf(row, 'expenselineInternal') },
	filters: [
		{ key: 'client', displayName: 'Client Code', type: 'code', placeholder: '1/F667', description: 'Only lines of jobs of this client' },
		{ key: 'clientcontact', displayName: 'Client Contact ID', description: 'Only lines of this client contact', type: 'id' },
		{ key: 'job', displayName: 'Job Number', type: 'code', format: 'job', placeholder: '1/00000510', description: 'Only lines charged to this job' },
		{ key: 'jobphase', displayName: 'Job and Phase', type: 'code', format: 'phase', placeholder: '1/00000522.005', description: 'Only lines charged to this phase' },
		{ key: 'search', displayName: 'Search', type: 'string', description: 'Only lines whose text contains this' },
		{ key: 'supplier', displayName: 'Supplier Code', type: 'code', placeholder: '1/USER', description: 'Only lines of this claimant (the sheet\'s supplier)' },
		{ key: 'suppliercontact', displayName: 'Supplier Contact ID', description: 'Only lines of this supplier contact', type: 'id' },
		{ key: 'timestampfrom', displayName: 'Modified From (Epoch Seconds)', type: 'id', description: 'Only lines changed at or after this Unix time' },
		{ key: 'timestampto', displayName: 'Modified To (Epoch Seconds)', type: 'id', description: 'Only lines changed at or before this Unix time' },
		{ key: 'uuid', displayName: 'UUID', description: 'Only the line with this 32-character unique ID', type: 'string', pattern: { regex: /^[0-9A-Fa-f]{32}$/, expected: 'a 32-character UUID' } },
		{ key: 'workflow', displayName: 'Workflow Stage Code', description: 'Only lines at this workflow stage, e.g. 1/W0000000983', type: 'code', placeholder: '1/W0000000983' },
	],
	build(ctx, itemIndex, parts) {
		const from = parts.params.timestampfrom as number | undefined;
		const to = parts.params.timestampto as number | undefined;
		if (from !== undefined && to !== undefined && from > to) {
			throw new NodeOperationError(ctx.getNode(), `"Modified From" is after "Modified To" in item ${itemIndex}`, { itemIndex });
		}
		return parts;
	},
};

const getFields: SynergistEndpoint = {
	area: AREA,
	value: 'getFields',
	name: 'Get Fields',
	sentence: 'Get the fields of expense lines',
	description: "List the expense line model's fields (style=modelstructure), custom fields included",
	idempotent: true,
	style: 'modelstructure',
	list: { pageable: false },
};

const get: SynergistEndpoint = {
	area: AREA,
	action: 'expensesheetline',
	value: 'get',
	name: 'Get',
	sentence: 'Get an expense line',
	description: 'Get one expense line with what the user may do with it (edit, approve, upload a receipt…)',
	idempotent: true,
	noun: 'expense line',
	required: [LINE],
	build: (_ctx, _i, parts) => lineKey(parts),
	single: ({ params }) => ({
		message: `Expense line ${String(params.expenseline ?? params.uuid)} was not found`,
		description: 'Synergist returned no line for this ID. Check the ID and the company.',
	}),
};

const create: SynergistEndpoint = {
	area: AREA,
	action: 'create',
	value: 'create',
	name: 'Create',
	sentence: 'Create an expense line',
	description: 'Add a line to an expense sheet; Synergist computes the tax',
	idempotent: false,
	input: {},
	noun: 'expense line',
	companyFrom: 'jobAndPhase',
	// the reference flags no field as mandatory: these are the ones its example sends
	required: [
		{ key: 'expenselineSheetInternal', parameter: 'expenseSheetId', displayName: 'Expense Sheet ID', type: 'id', description: 'The sheet to add the line to (expensesheetInternalRef)' },
		PHASE,
		SUPPLY_TYPE,
		DATE,
		TOTAL,
	],
	additional: [
		DESCRIPTION,
		{
			key: 'expensesheetSupplierCode',
			parameter: 'supplierCode',
			displayName: 'Supplier Code',
			type: 'code',
			placeholder: '1/USER',
			description: 'The claimant (the key is spelled expensesheetSupplierCode in the reference)',
		},
	],
};

const update: SynergistEndpoint = {
	area: AREA,
	action: 'update',
	value: 'update',
	name: 'Update',
	sentence: 'Update an expense line',
	description: 'Change fields of an expense line; fields left out stay as they are',
	idempotent: true,
	input: {},
	noun: 'expense line',
	additionalLabel: 'Update Fields',
	required: [{ key: 'expenselineInternal', parameter: 'expenseLineId', displayName: 'Expense Line ID', description: 'The number Synergist gave the expense line', type: 'id', placeholder: '2288' }],
	additional: [
		{ ...DATE, description: 'The day of the expense' },
		DESCRIPTION,
		PHASE,
		{ key: 'expenselineStageCode', parameter: 'stageCode', displayName: 'Stage Code', description: 'The workflow stage the line moves to, e.g. 1/W0000000983', type: 'code', placeholder: '1/W0000000983' },
		{ key: 'expenselineSubmittersNotes', parameter: 'submittersNotes', displayName: "Submitter's Notes", description: 'Notes for the person who approves the line', type: 'string', rows: 3 },
		SUPPLY_TYPE,
		{ key: 'expenselineTaxCode', parameter: 'taxCode', displayName: 'Tax Code', description: 'The tax code number that applies to the expense', type: 'number' },
		TOTAL,
	],
	build(ctx, itemIndex, parts) {
		if (Object.keys(parts.input).length < 2) {
			throw new NodeOperationError(ctx.getNode(), `No field to update in item ${itemIndex}`, {
				itemIndex,
				description: 'Add at least one field under "Update Fields".',
			});
		}
		return parts;
	},
	// the reference's update answers no data: say which line was changed
	output: (reply, _ctx, _i, parts) =>
		synergistOutput(reply).map((row) => ({ expenselineInternal: parts.input.expenselineInternal, ...row })),
};

interface LineAction {
	action: string;
	value: string;
	name: string;
	sentence: string;
	description: string;
	idempotent: boolean;
	reason?: SynergistParam;
}

/** A line action on `expenseline=`/`uuid=`: the workflow steps, copy, delete, receipt removal. */
function lineAction(spec: LineAction): SynergistEndpoint {
	return {
		area: AREA,
		action: spec.action,
		value: spec.value,
		name: spec.name,
		sentence: spec.sentence,
		description: spec.description,
		idempotent: spec.idempotent,
		noun: 'expense line',
		required: [LINE],
		additional: spec.reason ? [spec.reason] : undefined,
		build: (_ctx, _i, parts) => lineKey(parts),
		output: (reply, _ctx, _i, parts) => {
			const line = parts.params.expenseline === undefined ? { expenselineUuid: parts.params.uuid } : { expenselineInternal: Number(parts.params.expenseline) };
			return synergistOutput(reply).map((row) => ({ ...line, ...row }));
		},
	};
}

const reason = (key: string, displayName: string): SynergistParam => ({
	key,
	parameter: key,
	displayName,
	type: 'string',
	rows: 2,
	description: `The ${displayName.toLowerCase()} the claimant sees with the line`,
});

const lineActions: SynergistEndpoint[] = [
	lineAction({ action: 'expenselinecopy', value: 'copy', name: 'Copy', sentence: 'Copy an expense line', description: 'Copy a line onto its sheet; returns the new line', idempotent: false }),
	lineAction({ action: 'expenselinesubmittable', value: 'checkSubmittable', name: 'Check Submittable', sentence: 'Check whether an expense line can be submitted', description: 'Ask Synergist whether the line can be submitted (fails with the reason when not)', idempotent: true }),
	lineAction({ action: 'expenselinesubmit', value: 'submit', name: 'Submit', sentence: 'Submit an expense line', description: 'Submit the line for approval', idempotent: true }),
	lineAction({ action: 'expenselineapprove', value: 'approve', name: 'Approve', sentence: 'Approve an expense line', description: 'Approve a submitted, held or queried line', idempotent: true }),
	lineAction({ action: 'expenselinehold', value: 'hold', name: 'Hold', sentence: 'Hold an expense line', description: 'Put a submitted line on hold', idempotent: true }),
	lineAction({ action: 'expenselinequery', value: 'query', name: 'Query', sentence: 'Query an expense line', description: 'Send the line back to the claimant with a question', idempotent: true, reason: reason('queryrejectreason', 'Query Reason') }),
	lineAction({ action: 'expenselinereject', value: 'reject', name: 'Reject', sentence: 'Reject an expense line', description: 'Reject the line', idempotent: true, reason: reason('queryrejectreason', 'Reject Reason') }),
	lineAction({
		action: 'expenselineresubmit',
		value: 'resubmit',
		name: 'Resubmit',
		sentence: 'Resubmit an expense line',
		description: 'Resubmit a queried line of a processed sheet; Synergist puts it on a new sheet',
		idempotent: false,
		reason: reason('resubmitreason', 'Resubmit Reason'),
	}),
	lineAction({ action: 'expenselinedelete', value: 'delete', name: 'Delete', sentence: 'Delete an expense line', description: 'Delete one expense line', idempotent: true }),
	lineAction({ action: 'attachmentremove', value: 'removeReceipt', name: 'Remove Receipt', sentence: 'Remove the receipt of an expense line', description: "Delete the line's receipt attachment", idempotent: true }),
];

const deleteMany: SynergistEndpoint = {
	area: AREA,
	action: 'expenselinesdelete',
	value: 'deleteMany',
	name: 'Delete Many',
	sentence: 'Delete many expense lines',
	description: 'Delete several lines in one call; lines that cannot go are reported in warningMessage',
	idempotent: true,
	noun: 'expense line',
	required: [
		{
			key: 'expenseline',
			parameter: 'expenseLineIds',
			displayName: 'Expense Line IDs',
			type: 'string',
			list: true,
			placeholder: '3404, 1234',
			description: 'The lines\' internal IDs, separated by commas (or a JSON array such as [3404,1234])',
		},
	],
	build(ctx, itemIndex, parts) {
		const text = String(parts.params.expenseline ?? '').trim().replace(/^\[|\]$/g, '');
		const ids = text.split(/[\s,;]+/).filter((id) => id !== '');
		const bad = ids.find((id) => !/^[1-9]\d*$/.test(id));
		if (ids.length === 0 || bad !== undefined) {
			throw new NodeOperationError(ctx.getNode(), `The field "Expense Line IDs" has an invalid value "${bad ?? text}" in item ${itemIndex}`, {
				itemIndex,
				description: 'Expected line IDs like 3404, 1234.',
			});
		}
		// the reference's form: expenseline=[3404,1234]
		parts.params.expenseline = `[${[...new Set(ids)].join(',')}]`;
		return parts;
	},
};

interface Lookup {
	action: string;
	value: string;
	name: string;
	noun: string;
	description: string;
	key: string;
	filters?: SynergistParam[];
}

const ACTIVE: SynergistParam = { key: 'active', displayName: 'Active', type: 'boolean', values: ['Y', 'N'], description: 'Whether to list the active currencies (on) or the inactive ones (off)' };
const JOB_PHASE_FILTER: SynergistParam = { key: 'jobphase', displayName: 'Job and Phase', description: 'Only entries of this phase, e.g. 1/00SCP974.001', type: 'code', format: 'phase', placeholder: '1/00SCP974.001' };
const SUPPLY_FILTERS: SynergistParam[] = [
	JOB_PHASE_FILTER,
	{ key: 'supplier', displayName: 'Supplier Code', description: "Only entries of this claimant (the expense sheet's supplier), e.g. 1/USER", type: 'code', placeholder: '1/USER' },
	{ key: 'supplytype', displayName: 'Supply Type', type: 'string', placeholder: 'HOT', description: 'Only supply types matching this text' },
];

/** The lookups expense lines are filled from (clients, jobs, phases, stages, currencies, supply types). */
const lookups: Lookup[] = [
	{ action: 'clientslist', value: 'getClients', name: 'Get Clients', noun: 'clients', description: 'List the clients valid for expenses', key: 'clientUuid' },
	{ action: 'currencycodes', value: 'getCurrencies', name: 'Get Currencies', noun: 'currency codes', description: 'List the currency codes', key: 'currencyUuid', filters: [ACTIVE] },
	{ action: 'exchangerates', value: 'getExchangeRates', name: 'Get Exchange Rates', noun: 'exchange rates', description: 'List the currencies with their exchange rates', key: 'currencyUuid', filters: [ACTIVE] },
	{ action: 'jobslist', value: 'getJobs', name: 'Get Jobs', noun: 'jobs', description: 'List the jobs valid for expenses', key: 'jobUuid' },
	{ action: 'phaseslist', value: 'getPhases', name: 'Get Phases', noun: 'phases', description: 'List the job phases valid for expenses', key: 'phaseuuid' },
	{ action: 'stageslist', value: 'getStages', name: 'Get Stages', noun: 'stages', description: 'List the workflow stages valid for expenses, e.g. of one phase', key: 'stageUuid', filters: [JOB_PHASE_FILTER] },
	{ action: 'supplytypes', value: 'getSupplyTypes', name: 'Get Supply Types', noun: 'supply types', description: 'List the supply types valid for expenses', key: 'supplytypesUuid', filters: SUPPLY_FILTERS },
	{ action: 'supplytypeslist', value: 'getSupplyTypeList', name: 'Get Supply Type List', noun: 'supply types', description: 'List the supply types (the list variant)', key: 'supplytypesUuid', filters: SUPPLY_FILTERS },
	{ action: 'workflowslist', value: 'getWorkflows', name: 'Get Workflows', noun: 'workflows', description: 'List the workflows (stages) valid for expenses, e.g. of one phase', key: 'stageUuid', filters: [JOB_PHASE_FILTER] },
];

const lookupEndpoint = (l: Lookup): SynergistEndpoint => ({
	area: AREA,
	action: l.action,
	value: l.value,
	name: l.name,
	sentence: `Get ${l.noun} for expense lines`,
	description: l.description,
	idempotent: true,
	list: { pageSize: PAGE_SIZE, key: l.key },
	filters: l.filters,
});

/* ---- receipts: binary in and out ---- */

const lineField: INodeProperties = {
	displayName: 'Expense Line ID or UUID',
	name: 'expenseLine',
	type: 'string',
	default: '',
	required: true,
	placeholder: '3398',
	description: "The line's internal ID (expenselineInternal) or its UUID (expenselineUuid)",
};

/** The line of a receipt call: its ID, or its UUID (sent as `uuid=`). */
function receiptLine(ctx: IExecuteFunctions, itemIndex: number): { id?: string; uuid?: string } {
	const value = requiredString(ctx, 'expenseLine', itemIndex, 'Expense Line ID or UUID');
	checkFormat(ctx, value, ID_OR_UUID, itemIndex, 'Expense Line ID or UUID', '3398 or a 32-character UUID');
	return /^[0-9A-Fa-f]{32}$/.test(value) ? { uuid: value.toUpperCase() } : { id: value };
}

const UPLOAD_KEY = endpointKey({ area: AREA, action: 'update' });

const uploadReceipt: Operation = {
	value: 'uploadReceipt',
	name: 'Upload Receipt',
	action: 'Upload a receipt to an expense line',
	description: "Attach a file from the input (a photo or PDF of the receipt) to an expense line",
	endpoints: [UPLOAD_KEY],
	properties: [
		lineField,
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field holding the receipt',
		},
		{
			displayName: 'Options',
			description: 'Optional settings for the receipt upload',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					placeholder: 'Receipt.jpg',
					description: "The name Synergist shows; default: the input file's name",
				},
				{
					displayName: 'Max File Size (KB)',
					name: 'maxFileSizeKb',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: RECEIPT_MAX_KB,
					description:
						"Largest file sent as base64. It travels in the request URL, which servers and proxies cap (Synergist documents no limit); larger files are refused before sending. 0 = no limit. Not applied to S3 uploads.",
				},
				{
					displayName: 'Upload Method',
					description: 'How the receipt reaches Synergist: as base64 in the request, or through the Amazon S3 upload link the server offers',
					name: 'uploadMethod',
					type: 'options',
					default: 'base64',
					options: [
						{
							name: 'Base64 in the Request',
							value: 'base64',
							description: 'Send the file inside the call; if Synergist answers with an S3 upload link, the file is also put there',
						},
						{
							name: 'S3 Pre-Signed Upload',
							value: 's3',
							description: 'For Synergist systems that store attachments on Amazon S3: ask for an upload link, then PUT the file there',
						},
					],
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const line = receiptLine(this, itemIndex);
		const property = requiredString(this, 'binaryPropertyName', itemIndex, 'Input Binary Field');
		const options = this.getNodeParameter('options', itemIndex, {}) as { fileName?: string; maxFileSizeKb?: number; uploadMethod?: string };
		const binary = this.getInputData()[itemIndex]?.binary?.[property];
		if (!binary) {
			throw new NodeOperationError(this.getNode(), `The field "Input Binary Field" points to "${property}", which is missing in item ${itemIndex}`, {
				itemIndex,
				description: 'Pass the receipt file into this node (e.g. from "Read/Write Files from Disk" or an HTTP Request) and enter its binary field.',
			});
		}
		const fileName = String(options.fileName ?? '').trim() || binary.fileName || `receipt${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
		if (/[\\/]/.test(fileName)) {
			throw new NodeOperationError(this.getNode(), `The file name "${fileName}" contains a path in item ${itemIndex}`, { itemIndex, description: 'Give a plain file name such as Receipt.jpg.' });
		}
		const bytes = await this.helpers.getBinaryDataBuffer(itemIndex, property);
		if (bytes.length === 0) throw new NodeOperationError(this.getNode(), `The receipt file in "${property}" is empty in item ${itemIndex}`, { itemIndex });
		const viaS3 = options.uploadMethod === 's3';
		const limitKb = Number(options.maxFileSizeKb ?? RECEIPT_MAX_KB);
		if (!viaS3 && limitKb > 0 && bytes.length > limitKb * 1024) {
			throw new NodeOperationError(this.getNode(), `The receipt "${fileName}" is ${Math.ceil(bytes.length / 1024)} KB, over the limit of ${limitKb} KB, in item ${itemIndex}`, {
				itemIndex,
				description: `The file in "Input Binary Field" ("${property}") is too large. Synergist takes the file as base64 inside the request URL, which servers cap. Use a smaller file, raise "Max File Size" if your server accepts longer URLs, or use the S3 upload on S3 systems.`,
			});
		}
		const { company } = await synergistSettings(this, itemIndex);
		// key spellings exactly as the reference's upload example (the ID as a string, too)
		const input: IDataObject = { variable_AttachmentFileName: fileName };
		if (!viaS3) input.variable_AttachmentBase64 = bytes.toString('base64');
		if (line.id !== undefined) input.expenselines_expenselineinternal = line.id;
		const reply = await synergistRequest(this, {
			area: AREA,
			action: 'update',
			params: { company, ...(line.uuid ? { uuid: line.uuid } : {}) },
			input: [input],
			idempotent: true,
			itemIndex,
		});
		const [row = {}] = rowsOf(reply);
		const putUrl = fieldOf(row, 'attachmentS3UrlPut');
		// pre-signed links are keys to the file for 24 hours: not passed on
		const rest = Object.fromEntries(Object.entries(row).filter(([key]) => !/^attachmentS3Url/i.test(key)));
		let storedOn = 'synergist';
		if (typeof putUrl === 'string' && putUrl !== '') {
			await putToS3(this, putUrl, bytes, binary.mimeType, itemIndex);
			storedOn = 's3';
		} else if (viaS3) {
			throw new NodeApiError(this.getNode(), { message: 'No S3 upload link' } as JsonObject, {
				message: 'Synergist handed out no S3 upload link for the receipt',
				description: 'This Synergist system seems to store attachments itself: choose the upload method "Base64 in the Request".',
				itemIndex,
			});
		}
		const warning = typeof reply.warningmessage === 'string' ? reply.warningmessage.trim() : '';
		return {
			...rest,
			fileName,
			fileSize: bytes.length,
			storedOn,
			...(warning ? { warningMessage: warning } : {}),
		};
	},
};

/** The PUT of the bytes to a pre-signed S3 link; the link is a key to the file, so it never goes into an error. */
async function putToS3(ctx: IExecuteFunctions, url: string, bytes: Buffer, mimeType: string | undefined, itemIndex: number) {
	if (!/^https?:\/\//i.test(url)) {
		throw new NodeApiError(ctx.getNode(), { message: 'Bad S3 link' } as JsonObject, { message: 'Synergist handed out an S3 upload link that is not a web address', itemIndex });
	}
	let response: IN8nHttpFullResponse;
	try {
		response = (await ctx.helpers.httpRequest({
			method: 'PUT',
			url,
			body: bytes,
			headers: mimeType ? { 'Content-Type': mimeType } : {},
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 120_000,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		throw new NodeApiError(ctx.getNode(), { message: 'S3 upload failed' } as JsonObject, {
			message: "Uploading the receipt to Synergist's S3 storage failed",
			description: (error as { code?: string }).code ?? 'The storage did not answer.',
			itemIndex,
		});
	}
	if (response.statusCode >= 300) {
		throw new NodeApiError(ctx.getNode(), { message: 'S3 upload failed' } as JsonObject, {
			message: `Uploading the receipt to Synergist's S3 storage failed with HTTP ${response.statusCode}`,
			description: 'Pre-signed links expire after 24 hours; run the item again to get a new one.',
			httpCode: String(response.statusCode),
			itemIndex,
		});
	}
}

const downloadReceipt: Operation = {
	value: 'downloadReceipt',
	name: 'Download Receipt',
	action: 'Download the receipt of an expense line',
	description: "Get the line's receipt as a file in a binary field",
	endpoints: [endpointKey({ area: AREA, action: 'attachmentview' }), endpointKey({ area: AREA, action: 'attachmentfile' })],
	properties: [
		lineField,
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the receipt in',
		},
		{
			displayName: 'Options',
			description: 'Optional settings for the download',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Download Method',
					description: 'Whether Synergist hands out the receipt as a file or as base64 inside a JSON answer',
					name: 'downloadMethod',
					type: 'options',
					default: 'attachmentview',
					options: [
						{ name: 'As a File', value: 'attachmentfile', description: 'The file itself (action=attachmentfile)' },
						{ name: 'Base64 Record', value: 'attachmentview', description: 'The file inside a JSON answer (action=attachmentview)' },
					],
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const line = receiptLine(this, itemIndex);
		const property = requiredString(this, 'binaryPropertyName', itemIndex, 'Put Output File in Field');
		const { downloadMethod = 'attachmentview' } = this.getNodeParameter('options', itemIndex, {}) as { downloadMethod?: string };
		const action = downloadMethod === 'attachmentfile' ? 'attachmentfile' : 'attachmentview';
		const { company } = await synergistSettings(this, itemIndex);
		const file = await synergistDownload(this, {
			area: AREA,
			action,
			params: { company, ...(line.uuid ? { uuid: line.uuid } : { expenseline: line.id }) },
			idempotent: true,
			itemIndex,
			fileName: `receipt-${line.id ?? line.uuid}`,
		});
		const fileName = file.fileName ?? `receipt-${line.id ?? line.uuid}`;
		const binary = await this.helpers.prepareBinaryData(file.data, fileName, file.mimeType);
		return [
			{
				json: { ...(line.id ? { expenselineInternal: Number(line.id) } : { expenselineUuid: line.uuid }), fileName, mimeType: binary.mimeType, fileSize: file.data.length },
				binary: { [property]: binary },
			},
		];
	},
};

export const expenseLine: Resource = {
	value: 'expenseLine',
	name: 'Expense Line',
	description: 'Lines of expense sheets: workflow, receipts and lookups',
	operations: [
		...[create, get, getAll, getFields, update, deleteMany, ...lineActions, ...lookups.map(lookupEndpoint)].map(synergistOperation),
		uploadReceipt,
		downloadReceipt,
	],
	defaultOperation: 'get',
};
