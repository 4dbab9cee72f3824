import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import {
	synergistCallParts,
	synergistOperation,
	synergistOutput,
	type SynergistCallParts,
	type SynergistEndpoint,
	type SynergistParam,
} from '../endpoint';
import { templateCodeOf } from '../methods/expensesheets';
import { isPlaceholder } from '../methods/lookups';
import { fieldOf, rowsOf, synergistDownload, type SynergistReply } from '../transport';

/*
 * expensesheets.json: expense sheet headers, their lookups, prints and workflow. Single-sheet calls name the sheet by
 * `expensesheet=<InternalRef>` or `uuid=`; the workflow's plural actions (`expensesheetssubmit`) take
 * `expensesheet=[1821,1820]`. One operation per workflow step picks the single or plural action from what it is given.
 */

const AREA = 'expensesheets';

/** Page size of Get Many; the reference names no maximum. */
export const EXPENSE_SHEET_PAGE_SIZE = 50;

const UUID = /^[0-9A-Fa-f]{32}$/;

/** A sheet named by its internal reference (1791) or its UUID (32 hex characters). */
export type SheetRef = { ref: number } | { uuid: string };

function badSheet(ctx: IExecuteFunctions, label: string, value: string, itemIndex: number, expected: string) {
	return new NodeOperationError(ctx.getNode(), `The field "${label}" has an invalid value "${value}" in item ${itemIndex}`, {
		itemIndex,
		description: `Expected ${expected}.`,
	});
}

/**
 * The sheets a parameter names: one ID or UUID, or several IDs as a list (`1821, 1820`, `[1821,1820]`, or an
 * array from an expression). UUIDs only one at a time: the plural actions take IDs only.
 */
export function sheetRefs(ctx: IExecuteFunctions, raw: unknown, itemIndex: number, label: string, many: boolean): SheetRef[] {
	const items = Array.isArray(raw)
		? raw.map((value) => String(value ?? '').trim())
		: String(raw ?? '')
				.trim()
				.replace(/^\[(.*)\]$/s, '$1')
				.split(/[\s,;]+/)
				.map((value) => value.replace(/^"(.*)"$/, '$1'));
	const values = items.filter((value) => value !== '');
	const shown = Array.isArray(raw) ? values.join(', ') : String(raw ?? '').trim();
	if (values.length === 0) {
		throw new NodeOperationError(ctx.getNode(), `The field "${label}" is empty in item ${itemIndex}`, {
			itemIndex,
			description: `Enter an expense sheet ID (e.g. 1791)${many ? ', several IDs separated by commas,' : ''} or a UUID, or map one with an expression.`,
		});
	}
	if (values.length > 1 && !many) throw badSheet(ctx, label, shown, itemIndex, 'one expense sheet ID like 1791 or a 32-character UUID');
	return values.map((value) => {
		if (/^\d{1,12}$/.test(value) && Number(value) > 0) return { ref: Number(value) };
		if (UUID.test(value) && values.length === 1) return { uuid: value.toUpperCase() };
		throw badSheet(
			ctx,
			label,
			shown,
			itemIndex,
			values.length > 1 ? 'expense sheet IDs like 1821, 1820 (several sheets are named by ID, not UUID)' : 'an expense sheet ID like 1791 or a 32-character UUID',
		);
	});
}

/** Puts one sheet into the query as `expensesheet=` or `uuid=`. */
function oneSheetQuery(ctx: IExecuteFunctions, itemIndex: number, parts: SynergistCallParts, param: SynergistParam): SynergistCallParts {
	const [sheet] = sheetRefs(ctx, parts.params[param.key], itemIndex, param.displayName, false);
	// prints name the sheet by ID only in the reference
	if (param === SHEET_ID_ONLY && 'uuid' in sheet) {
		throw badSheet(ctx, param.displayName, sheet.uuid, itemIndex, 'an expense sheet ID like 1790 (prints take no UUID)');
	}
	delete parts.params[param.key];
	if ('ref' in sheet) parts.params.expensesheet = sheet.ref;
	else parts.params.uuid = sheet.uuid;
	return parts;
}

const SHEET: SynergistParam = {
	key: 'expensesheet',
	parameter: 'expenseSheet',
	displayName: 'Expense Sheet ID or UUID',
	type: 'string',
	placeholder: '1791',
	description: "The sheet's internal reference (expensesheetInternalRef) or its UUID",
};

const SHEET_ID_ONLY: SynergistParam = {
	...SHEET,
	displayName: 'Expense Sheet ID',
	description: "The sheet's internal reference (expensesheetInternalRef)",
};

const SHEETS: SynergistParam = {
	key: 'expensesheet',
	parameter: 'expenseSheets',
	displayName: 'Expense Sheets',
	type: 'string',
	list: true,
	placeholder: '1821, 1820',
	description:
		'One sheet by its ID or UUID, or several sheet IDs separated by commas (or an array from an expression) to handle them in one request',
};

/** An endpoint naming one sheet by ID or UUID. */
const sheetRead = (endpoint: Omit<SynergistEndpoint, 'area' | 'required' | 'build'>, param = SHEET): SynergistEndpoint => ({
	area: AREA,
	noun: 'expense sheet',
	required: [param],
	build: (ctx, itemIndex, parts) => oneSheetQuery(ctx, itemIndex, parts, param),
	...endpoint,
});

const create: SynergistEndpoint = {
	area: AREA,
	action: 'create',
	value: 'create',
	name: 'Create',
	sentence: 'Create an expense sheet',
	description: 'Create an expense sheet header for a claimant; add lines with Expense Line → Create',
	idempotent: false,
	input: {},
	noun: 'expense sheet',
	companyFrom: 'claimant',
	required: [
		{
			key: 'expensesheetSupplierCode',
			parameter: 'claimant',
			displayName: 'Claimant',
			type: 'code',
			placeholder: '1/USER',
			loadOptionsMethod: 'getExpenseClaimants',
			description: "Whose expenses these are: the expense 'supplier' code (expensesheetSupplierCode). Its company is the sheet's company",
		},
	],
	// Docs silent on other create fields; the description is a header field (see update).
	additional: [{ key: 'expensesheetDescription', parameter: 'description', displayName: 'Description', description: 'A title for the expense sheet, e.g. the trip or month it covers', type: 'string' }],
	build(_ctx, _itemIndex, parts) {
		parts.input.expensesheetCompany = parts.company;
		return parts;
	},
};

const update: SynergistEndpoint = {
	area: AREA,
	action: 'update',
	value: 'update',
	name: 'Update',
	sentence: 'Update an expense sheet',
	description: "Change an expense sheet's header fields (while it is unsubmitted or returned)",
	idempotent: true,
	input: {},
	noun: 'expense sheet',
	required: [{ key: 'expensesheetInternalRef', parameter: 'expenseSheetId', displayName: 'Expense Sheet ID', description: 'The number Synergist gave the expense sheet', type: 'id' }],
	additionalLabel: 'Update Fields',
	additional: [
		{ key: 'expensesheetDate', parameter: 'date', displayName: 'Date', description: 'The date of the expense sheet', type: 'date' },
		{ key: 'expensesheetDescription', parameter: 'description', displayName: 'Description', description: 'A title for the expense sheet, e.g. the trip or month it covers', type: 'string' },
		{
			key: 'otherFields',
			displayName: 'Other Fields (JSON)',
			type: 'json',
			description: 'Further expense sheet fields by their Synergist names, e.g. {"expensesheetDescription": "Trip"}; they win over the fields above',
		},
	],
	build(ctx, itemIndex, parts) {
		const { otherFields, ...input } = parts.input;
		if (otherFields !== undefined) {
			if (typeof otherFields !== 'object' || Array.isArray(otherFields) || otherFields === null) {
				throw new NodeOperationError(ctx.getNode(), `The field "Other Fields (JSON)" must be a JSON object in item ${itemIndex}`, {
					itemIndex,
					description: 'Give field names and values, e.g. {"expensesheetDescription": "Trip"}.',
				});
			}
			Object.assign(input, otherFields as IDataObject, { expensesheetInternalRef: input.expensesheetInternalRef });
		}
		if (Object.keys(input).length < 2) {
			throw new NodeOperationError(ctx.getNode(), `Nothing to update in item ${itemIndex}`, {
				itemIndex,
				description: 'Add at least one field under "Update Fields".',
			});
		}
		parts.input = input;
		return parts;
	},
};

const get = sheetRead({
	action: 'expensesheetlist',
	value: 'get',
	name: 'Get',
	sentence: 'Get an expense sheet',
	description: "Get one expense sheet's header with its totals, status and permissions",
	idempotent: true,
	single: ({ params }) => ({
		message: `Expense sheet ${String(params.expensesheet ?? params.uuid)} was not found`,
		description: 'Synergist returned no expense sheet for this ID or UUID in the company.',
	}),
});

const getAll: SynergistEndpoint = {
	area: AREA,
	action: 'expensesheetlist',
	value: 'getAll',
	name: 'Get Many',
	sentence: 'Get many expense sheets',
	description: 'List the expense sheets of the company',
	idempotent: true,
	noun: 'expense sheet',
	list: { pageSize: EXPENSE_SHEET_PAGE_SIZE, key: 'expensesheetInternalRef' },
};

const getLines = sheetRead({
	action: 'expensesheetlines',
	value: 'getLines',
	name: 'Get Lines',
	sentence: 'Get the lines of an expense sheet',
	description: 'List the lines of one expense sheet with what may be done to each',
	idempotent: true,
	list: { pageable: false },
});

const getLineDefaults = sheetRead({
	action: 'expenselinedefaults',
	value: 'getLineDefaults',
	name: 'Get Line Defaults',
	sentence: 'Get the defaults for new lines of an expense sheet',
	description: 'Get the default supply type, rate and tax code for a new line on a sheet',
	idempotent: true,
});

const getPrintTemplates = sheetRead({
	action: 'expensesheetinputprints',
	value: 'getPrintTemplates',
	name: 'Get Print Templates',
	sentence: 'Get the print templates of an expense sheet',
	description: 'List the templates a sheet can be printed with, and their template codes',
	idempotent: true,
	list: { pageable: false },
	output: (reply) => rowsOf(reply).map((row) => ({ ...row, templateCode: templateCodeOf(row) ?? null })),
});

const copy = sheetRead({
	action: 'expensesheetcopy',
	value: 'copy',
	name: 'Copy',
	sentence: 'Copy an expense sheet',
	description: 'Copy a sheet with its lines into a new unsubmitted sheet',
	idempotent: false,
	output: (reply) => synergistOutput(reply).map((row) => ({ ...row, message: String(reply.responsemessage ?? '').trim() })),
});

const getStatuses: SynergistEndpoint = {
	area: AREA,
	action: 'expensesheetstatuses',
	value: 'getStatuses',
	name: 'Get Statuses',
	sentence: 'Get the expense sheet statuses',
	description: 'List the statuses a sheet can have (W Unsubmitted, S Submitted, A Processed, P Posted, T Returned)',
	idempotent: true,
	list: { pageable: false },
	// the "- All -" row is a filter choice of Synergist's screens, not a status
	output: (reply) => rowsOf(reply).filter((row) => !isPlaceholder(String(fieldOf(row, 'expensesheetSheetStatusDesc') ?? ''))),
};

const getClaimants: SynergistEndpoint = {
	area: AREA,
	action: 'supplierlist',
	value: 'getClaimants',
	name: 'Get Claimants',
	sentence: 'Get the expense claimants',
	description: "List the expense 'suppliers' (the people who claim expenses) of the company",
	idempotent: true,
	list: { pageable: false },
};

const getCompanies: SynergistEndpoint = {
	area: AREA,
	action: 'companylist',
	value: 'getCompanies',
	name: 'Get Companies',
	sentence: 'Get the expense sheet companies',
	description: 'List the companies expense sheets can be entered in',
	idempotent: true,
	list: { pageable: false },
};

/** A workflow step: `expensesheet<step>` for one sheet, `expensesheets<step>` for several. */
interface WorkflowStep {
	step: string;
	value: string;
	name: string;
	sentence: string;
	description: string;
	idempotent: boolean;
}

function stepOutput(reply: SynergistReply, sheets: SheetRef[]): IDataObject[] {
	const named: IDataObject = 'uuid' in sheets[0] ? { expenseSheetUuid: sheets[0].uuid } : { expenseSheets: sheets.map((s) => (s as { ref: number }).ref) };
	// the workflow actions answer with no data: keep the message, which sheets, and any partial failure
	return synergistOutput(reply).map(({ warningMessage, ...row }) =>
		warningMessage === undefined ? { ...row, ...named } : { ...row, ...named, warningMessage },
	);
}

function workflowOperation(step: WorkflowStep): Operation {
	const common = { area: AREA, value: step.value, name: step.name, sentence: step.sentence, description: step.description, idempotent: step.idempotent, noun: 'expense sheet', required: [SHEETS] };
	const one = synergistOperation({
		...common,
		action: `expensesheet${step.step}`,
		build: (ctx, itemIndex, parts) => oneSheetQuery(ctx, itemIndex, parts, SHEETS),
		output: (reply, ctx, itemIndex) => stepOutput(reply, sheetRefs(ctx, ctx.getNodeParameter(SHEETS.parameter!, itemIndex), itemIndex, SHEETS.displayName, true)),
	});
	const many = synergistOperation({
		...common,
		action: `expensesheets${step.step}`,
		build(ctx, itemIndex, parts) {
			const refs = sheetRefs(ctx, parts.params.expensesheet, itemIndex, SHEETS.displayName, true) as Array<{ ref: number }>;
			// the reference's form: expensesheet=[1821,1820]
			parts.params.expensesheet = `[${refs.map((s) => s.ref).join(',')}]`;
			return parts;
		},
		output: (reply, ctx, itemIndex) => stepOutput(reply, sheetRefs(ctx, ctx.getNodeParameter(SHEETS.parameter!, itemIndex), itemIndex, SHEETS.displayName, true)),
	});
	return {
		...one,
		endpoints: [...(one.endpoints ?? []), ...(many.endpoints ?? [])],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const sheets = sheetRefs(this, this.getNodeParameter(SHEETS.parameter!, itemIndex, ''), itemIndex, SHEETS.displayName, true);
			return sheets.length > 1 ? await many.execute.call(this, itemIndex) : await one.execute.call(this, itemIndex);
		},
	};
}

const WORKFLOW: WorkflowStep[] = [
	{ step: 'submit', value: 'submit', name: 'Submit', sentence: 'Submit an expense sheet', description: 'Submit unsubmitted or returned sheets for approval', idempotent: true },
	{ step: 'approve', value: 'approve', name: 'Approve', sentence: 'Approve an expense sheet', description: 'Approve submitted sheets', idempotent: true },
	{ step: 'unapprove', value: 'unapprove', name: 'Unapprove', sentence: 'Unapprove an expense sheet', description: 'Take back the approval of approved sheets', idempotent: true },
	{ step: 'process', value: 'process', name: 'Process', sentence: 'Process an expense sheet', description: 'Process approved sheets', idempotent: true },
	{ step: 'post', value: 'post', name: 'Post', sentence: 'Post an expense sheet', description: 'Post processed sheets', idempotent: true },
	{
		step: 'all',
		value: 'approveProcessPost',
		name: 'Approve, Process and Post',
		sentence: 'Approve, process and post an expense sheet',
		description: 'Approve, process and post submitted sheets in one step',
		idempotent: true,
	},
	{
		step: 'return',
		value: 'return',
		name: 'Return',
		sentence: 'Return an expense sheet',
		description: 'Send sheets back: a processed sheet becomes submitted again, a submitted one returned to its claimant',
		idempotent: false,
	},
	{ step: 'delete', value: 'delete', name: 'Delete', sentence: 'Delete an expense sheet', description: 'Delete unsubmitted or returned sheets', idempotent: true },
];

/** A print of one sheet into a binary field: the PDF as base64 in JSON (`…inputprint`) or as a file (`…inputfile`). */
function printOperation(endpoint: SynergistEndpoint): Operation {
	const base = synergistOperation(endpoint);
	const [template, ...rest] = base.properties;
	return {
		...base,
		properties: [
			...rest,
			{ ...template, typeOptions: { ...template.typeOptions, loadOptionsDependsOn: [SHEET_ID_ONLY.parameter!] } },
			{
				displayName: 'Put Output File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				required: true,
				hint: 'The name of the output binary field to put the file in',
			},
		],
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
			const code = String(this.getNodeParameter('templateCode', itemIndex, '') ?? '').trim();
			if (!/^-?\d+$/.test(code)) throw badSheet(this, 'Template', code, itemIndex, 'a template code like -1790 (see Get Print Templates)');
			const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, '') ?? '').trim();
			if (property === '') {
				throw new NodeOperationError(this.getNode(), `The field "Put Output File in Field" is empty in item ${itemIndex}`, { itemIndex });
			}
			const parts = await synergistCallParts(this, endpoint, itemIndex);
			const ref = Number(parts.params.expensesheet);
			const file = await synergistDownload(this, {
				area: AREA,
				action: `${endpoint.action} ${code}`,
				params: parts.params,
				idempotent: true,
				itemIndex,
				// prints come back named ".PDF" only
				fileName: `expense-sheet-${ref}`,
			});
			const fileName = file.fileName ?? `expense-sheet-${ref}.pdf`;
			const binary = await this.helpers.prepareBinaryData(file.data, fileName, file.mimeType ?? 'application/pdf');
			return [{ json: { expenseSheet: ref, templateCode: code, fileName: binary.fileName ?? fileName, mimeType: binary.mimeType, fileSize: file.data.length }, binary: { [property]: binary } }];
		},
	};
}

const TEMPLATE: SynergistParam = {
	key: 'templateCode',
	displayName: 'Template',
	type: 'string',
	loadOptionsMethod: 'getExpenseSheetPrintTemplates',
	description: 'The print template (a code like -1790)',
};

const print = printOperation(
	sheetRead(
		{
			action: 'expensesheetinputprint',
			templateCode: TEMPLATE,
			value: 'print',
			name: 'Print',
			sentence: 'Print an expense sheet',
			description: 'Print a sheet with a template to a PDF file (sent as base64)',
			idempotent: true,
		},
		SHEET_ID_ONLY,
	),
);

const printToFile = printOperation(
	sheetRead(
		{
			action: 'expensesheetinputfile',
			templateCode: TEMPLATE,
			value: 'printToFile',
			name: 'Print to File',
			sentence: 'Print an expense sheet to a file download',
			description: 'Print a sheet with a template, downloaded as a file the way a browser gets it',
			idempotent: true,
		},
		SHEET_ID_ONLY,
	),
);

export const expenseSheet: Resource = {
	value: 'expenseSheet',
	name: 'Expense Sheet',
	description: 'Expense claims: sheet headers and their approval workflow',
	operations: [
		...[create, update, get, getAll, getLines, getLineDefaults, getPrintTemplates, copy, getStatuses, getClaimants, getCompanies].map(synergistOperation),
		...WORKFLOW.map(workflowOperation),
		print,
		printToFile,
	],
	defaultOperation: 'get',
};
