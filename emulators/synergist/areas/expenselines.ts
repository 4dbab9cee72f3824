import { z } from 'zod';

import type { EmulatorRequest, Route } from '../../shared/emulator';
import { uuidOf } from '../seed';
import { expenseSheets } from './expensesheets';
import {
	JsonFault,
	XmlFault,
	badParameter,
	companyOf,
	inputRows,
	modelStructure,
	normalDate,
	okEnvelope,
	paged,
	simple,
	styleOf,
	written,
	areaState,
	type Area,
	type AreaHandler,
	type Call,
	type SynergistState,
} from './types';

/*
 * expenselines.json: the lines of expense sheets. The model read, create/update (update also takes a receipt as
 * base64, or hands out pre-signed S3 URLs on S3 installations), the line workflow, receipts and the lookups.
 * Lines live here keyed by their sheet number; any positive sheet number is accepted (the sheets themselves belong
 * to expensesheets.ts, read through `expenseSheets()` where a sheet it knows decides: company, processed status,
 * the new sheet of a resubmitted line).
 */

export type LineStatus = 'W' | 'S' | 'A' | 'Q' | 'R' | 'H';
export const LINE_STATUS: Record<LineStatus, string> = {
	W: 'Unsubmitted',
	S: 'Submitted',
	A: 'Approved',
	Q: 'Queried',
	R: 'Rejected',
	H: 'Held',
};

export interface ExpenseLine {
	internal: number;
	uuid: string;
	sheet: number;
	company: number;
	status: LineStatus;
	description: string;
	supplyType: string;
	date: string;
	jobAndPhase: string;
	total: number;
	taxCode: number;
	taxAmount: number;
	supplier: string;
	client: string;
	stage: string;
	approversNotes: string;
	submittersNotes: string;
	modified: number;
	version: number;
	receipt?: { fileName: string; bytes: Buffer };
}

interface SupplyType {
	code: string;
	description: string;
	mileage: boolean;
	rate: number;
	vatCode: number;
}

export interface ExpenseLinesState {
	lines: Map<number, ExpenseLine>;
	nextInternal: number;
	/** Sheets the expense sheets area does not know that count as processed (resubmitting a queried line needs one). */
	processedSheets: Set<number>;
	/** Whether receipts are stored on Amazon S3: update then answers pre-signed URLs and the bytes come by PUT. */
	s3: boolean;
	supplyTypes: SupplyType[];
	phases: Array<{ jobAndPhase: string; phase: string; description: string; job: string }>;
	currencies: Array<{ code: string; name: string; symbol: string; rate: number; active: boolean }>;
}

/** VAT rates by tax code: prices are VAT-inclusive (the reference's 382 → 63.67 and 23 → 3.83 are 20 %). */
const TAX_RATES: Record<number, number> = { 0: 0, 1: 20, 20: 20 };

const taxOf = (total: number, taxCode: number) => Math.round(((total * (TAX_RATES[taxCode] ?? 0)) / (100 + (TAX_RATES[taxCode] ?? 0))) * 100) / 100;

function seed(state: SynergistState): ExpenseLinesState {
	const supplyTypes: SupplyType[] = [
		{ code: '1/3D', description: '3D printing', mileage: false, rate: 0, vatCode: 20 },
		{ code: '1/666', description: 'Expense info 1', mileage: false, rate: 0, vatCode: 1 },
		{ code: '1/HOT', description: 'Hotel Expenses1', mileage: false, rate: 0, vatCode: 0 },
		{ code: '1/JG', description: 'josephine grant', mileage: false, rate: 23, vatCode: 1 },
		{ code: '1/MIL', description: 'Mileagex', mileage: true, rate: 0.45, vatCode: 0 },
		{ code: '8/HOT', description: 'Hotel', mileage: false, rate: 0, vatCode: 0 },
	];
	const phases = [
		['1/00000464.000', 'Mileage and travel'],
		['1/00000522.005', 'Print'],
		['1/00000522.008', 'Production'],
		['1/00088685.001', 'Stage estimate test'],
		['1/00SCP974.001', 'Concept'],
		['1/BG12.001', 'Photography'],
		['1/00000001.001', 'Design'],
		['1/00000002.001', 'Design'],
		['8/00800001.001', 'Ontwerp'],
	].map(([jobAndPhase, description]) => ({ jobAndPhase, description, phase: jobAndPhase.split('.')[1], job: jobAndPhase.split('.')[0] }));
	const line = (
		internal: number,
		sheet: number,
		status: LineStatus,
		description: string,
		supplyType: string,
		date: string,
		jobAndPhase: string,
		total: number,
		extra: Partial<ExpenseLine> = {},
	): ExpenseLine => {
		const type = supplyTypes.find((t) => t.code === supplyType)!;
		return {
			internal,
			uuid: uuidOf(`expenseline:${internal}`),
			sheet,
			company: Number(jobAndPhase.split('/')[0]),
			status,
			description,
			supplyType,
			date,
			jobAndPhase,
			total,
			taxCode: type.vatCode,
			taxAmount: taxOf(total, type.vatCode),
			supplier: '1/USER',
			client: state.clients.has('1/F667') ? '1/F667' : '',
			stage: '',
			approversNotes: '',
			submittersNotes: '',
			modified: 1504864034,
			version: 0,
			...extra,
		};
	};
	const lines = [
		line(19, 12, 'A', 'Mileage to and from Manchester', '1/MIL', '2002-06-18', '1/00000464.000', 9.6, { client: '1/ACME' }),
		line(20, 12, 'A', 'Hotel Expenses night in Manchester', '1/HOT', '2002-06-18', '1/00000464.000', 75, { client: '1/ACME' }),
		line(2288, 691, 'W', 'Taxi to the client', '1/666', '2018-08-01', '1/00000001.001', 45),
		line(3313, 1786, 'A', 'josephine grant', '1/JG', '2017-05-26', '1/00088685.001', 23, { supplier: '1/jg' }),
		line(3395, 1234, 'S', 'Lunch with the client', '1/666', '2017-09-08', '1/00000002.001', 18.5, {
			receipt: { fileName: 'Receipt.jpg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xd9]) },
		}),
		line(3398, 1234, 'W', 'Train to Leeds', '1/666', '2017-09-08', '1/00000002.001', 64.2),
		line(3404, 1234, 'S', 'Printing of samples', '1/3D', '2017-09-12', '1/00000001.001', 120, {
			receipt: { fileName: 'office.txt', bytes: Buffer.from('from T:\\Supplier\\Microsoft\\Office 2016 Professional\\ The lic', 'utf8') },
		}),
		line(3462, 1234, 'S', 'Parking', '1/666', '2017-09-14', '1/00000001.001', 12),
		line(3466, 1831, 'Q', 'Dinner', '1/666', '2017-09-02', '1/00000002.001', 80, { approversNotes: 'Which client?' }),
		line(4001, 1900, 'W', 'Hotel Rotterdam', '8/HOT', '2018-03-01', '8/00800001.001', 140, { supplier: '8/USER', client: '8/1244' }),
	];
	return {
		lines: new Map(lines.map((l) => [l.internal, l])),
		nextInternal: 4002,
		processedSheets: new Set([12]),
		s3: false,
		supplyTypes,
		phases,
		currencies: [
			{ code: '1/AED', name: 'Dirhams', symbol: 'AED', rate: 4.74, active: true },
			{ code: '1/EUR', name: 'Euro', symbol: '€', rate: 1.14, active: true },
			{ code: '1/USD', name: 'US Dollar', symbol: '$', rate: 1.31, active: true },
			{ code: '1/ZAR', name: 'Rand', symbol: 'R', rate: 17.9, active: false },
			{ code: '8/GBP', name: 'Pond', symbol: '£', rate: 0.88, active: true },
		],
	};
}

/** This area's state (tests switch `s3` on through it). */
export const expenseLinesState = (state: SynergistState) => areaState(state, 'expenselines', () => seed(state));

const phaseCode = /^(\d+)\/([A-Za-z0-9]{1,10})\.([A-Za-z0-9]{1,10})$/;
const code = /^(\d+)\/[A-Za-z0-9_.-]{1,20}$/;
const looseNumber = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform(Number);
const looseInt = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(Number);
const codeField = z.string().regex(code);
const looseDate = z.string().regex(/^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/);

/** The create row, keys exactly as the reference's example (expensesheetSupplierCode, not expenseline…). */
const createRow = z
	.object({
		expenselineSheetInternal: looseInt,
		expenselineTotal: looseNumber,
		expenselineJobAndPhase: z.string().regex(phaseCode),
		expenselineSupplyType: codeField,
		expenselineDate: looseDate,
		expensesheetSupplierCode: codeField.optional(),
		expenselineDescription: z.string().optional(),
	})
	.strict();

/** The fields an update may change besides the key. */
const updateRow = z
	.object({
		expenselineInternal: looseInt,
		expenselineTotal: looseNumber.optional(),
		expenselineJobAndPhase: z.string().regex(phaseCode).optional(),
		expenselineSupplyType: codeField.optional(),
		expenselineDate: looseDate.optional(),
		expenselineDescription: z.string().optional(),
		expenselineTaxCode: looseInt.optional(),
		expenselineSubmittersNotes: z.string().optional(),
		expenselineStageCode: z.string().optional(),
	})
	.strict();

/** The receipt upload row (same action=update): the reference's odd key spellings. */
const receiptRow = z
	.object({
		expenselines_expenselineinternal: looseInt.optional(),
		variable_AttachmentFileName: z.string().min(1),
		variable_AttachmentBase64: z.string().optional(),
	})
	.strict();

function failIssue(error: z.ZodError): never {
	const issue = error.issues[0];
	if (issue.code === 'unrecognized_keys') throw new JsonFault(2005, `unknown field ${issue.keys[0]}`);
	const field = issue.path.join('.');
	if (issue.code === 'invalid_type' && issue.received === 'undefined') throw new JsonFault(2001, `mandatory field ${field} not supplied`);
	throw new JsonFault(2004, `invalid value for ${field}`);
}

/** The line a workflow/receipt action names by `expenseline=` or `uuid=`. */
function lineOf(call: Call, companyRequired: boolean): ExpenseLine {
	const company = companyOf(call, companyRequired);
	const { lines } = expenseLinesState(call.state);
	const { expenseline, uuid } = call.params;
	let line: ExpenseLine | undefined;
	if (expenseline !== undefined && expenseline !== '') {
		if (!/^\d+$/.test(expenseline)) throw badParameter('expenseline', expenseline);
		line = lines.get(Number(expenseline));
	} else if (uuid !== undefined && uuid !== '') {
		line = [...lines.values()].find((l) => l.uuid === uuid.toUpperCase());
	} else {
		throw new XmlFault(404504, 'expenseline or uuid not specified');
	}
	if (!line || (company && line.company !== company.number)) throw new JsonFault(3001, `Expense line ${expenseline ?? uuid} not found.`);
	return line;
}

const touch = (line: ExpenseLine, call: Call) => {
	line.modified = Math.floor(call.clock / 1000);
	line.version++;
};

const keyFields = (line: ExpenseLine) => ({
	expenselineInternal: line.internal,
	expenselineUuid: line.uuid,
	expenselineTimestampModified: line.modified,
	expenselineRecordVersionNumber: line.version,
});

function supplyTypeDescription(call: Call, code: string): string {
	return expenseLinesState(call.state).supplyTypes.find((t) => t.code === code)?.description ?? '';
}

/** The list model, field for field as the reference's list example. */
function listRow(call: Call, line: ExpenseLine) {
	return {
		expenselineUuid: line.uuid,
		expenselineTimestampModified: line.modified,
		expenselineRecordVersionNumber: line.version,
		expenselineStatus: LINE_STATUS[line.status],
		expenselineInternal: line.internal,
		expenselineDescription: line.description,
		expenselineSupplyType: line.supplyType,
		expenselineSupplyTypeDescription: supplyTypeDescription(call, line.supplyType),
		expenselineDate: line.date,
		expenselineJobAndPhase: line.jobAndPhase,
		expenselineTotal: line.total,
		expenselineTaxAmount: line.taxAmount,
		expenselineStatusCode: line.status,
		expenselineJobAndPhaseNumberSimple: simple(line.jobAndPhase).replace(/^0+/, ''),
		expenselineClientCode: line.client,
		expenselineClient: call.state.clients.get(line.client)?.name ?? '',
	};
}

/** One line with the permission flags, as the expensesheetline example. */
function detailRow(call: Call, line: ExpenseLine) {
	const open = line.status === 'W' || line.status === 'Q' || line.status === 'R';
	const pending = line.status === 'S' || line.status === 'H';
	const job = line.jobAndPhase.split('.')[0];
	const phase = expenseLinesState(call.state).phases.find((p) => p.jobAndPhase === line.jobAndPhase);
	return {
		expenselineApprove: pending || line.status === 'Q',
		expenselineApproversNotes: line.approversNotes,
		expenselineAttachmentDelete: line.receipt !== undefined && line.status !== 'A',
		expenselineAttachmentUpload: line.status !== 'A',
		expenselineAttachmentView: line.receipt !== undefined,
		expenselineClientName: call.state.clients.get(line.client)?.name ?? '',
		expenselineCopy: true,
		expenselineDate: line.date,
		expenselineDelete: line.status !== 'A',
		expenselineDescription: line.description,
		expenselineEdit: open,
		expenselineHeld: line.status === 'H',
		expenselineInternal: line.internal,
		expenselineJobDescription: call.state.jobs.get(job)?.jobDescription.split('\n')[0] ?? phase?.description ?? '',
		expenselineJobAndPhase: line.jobAndPhase,
		expenselineJobPhaseSimple: simple(line.jobAndPhase).replace(/^0+/, ''),
		expenselineJobPhaseStage: 0,
		expenselineJobPhaseStageDesc: '',
		expenselineJobSimple: simple(job).replace(/^0+/, ''),
		expenselineLineNumber: [...expenseLinesState(call.state).lines.values()].filter((l) => l.sheet === line.sheet && l.internal <= line.internal).length,
		expenselinePhaseDescription: phase?.description ?? '',
		expenselineQuantity: 1,
		expenselineQuery: pending || line.status === 'A',
		expenselineReject: pending || line.status === 'Q',
		expenselineReSubmit: line.status === 'Q',
		expenselineStatusCode: line.status,
		expenselineStatusDisplay: LINE_STATUS[line.status],
		expenselineSubmit: line.status === 'W',
		expenselineSubmitted: line.status !== 'W',
		expenselineSubmittersNotes: line.submittersNotes,
		expenselineSupplyType: line.supplyType,
		expenselineSupplytypeDesc: supplyTypeDescription(call, line.supplyType),
		expenselineSupplyTypeMileage: expenseLinesState(call.state).supplyTypes.find((t) => t.code === line.supplyType)?.mileage ?? false,
		expenselineTotal: line.total,
		expenselineRate: line.total,
		expenselineValuesEdit: open,
		expenselineTaxCode: line.taxCode,
		expenselineTaxAmount: line.taxAmount,
		expenselineStageCode: line.stage,
		expenselineStageDescription: '',
	};
}

/** Pre-signed uploads handed out and not yet used, by token (module-wide: see s3Put). */
const PENDING_UPLOADS = new Map<string, { lines: ExpenseLinesState; line: number; fileName: string }>();
let uploadCount = 0;

const inCompany = (company: number, value: string) => value.startsWith(`${company}/`);

/** A phase the company knows: one of this area's phases, or a phase of a job in the shared state. */
function knownPhase(call: Call, jobAndPhase: string): boolean {
	const job = jobAndPhase.split('.')[0];
	return expenseLinesState(call.state).phases.some((p) => p.jobAndPhase === jobAndPhase) || call.state.jobs.has(job);
}

function checkTimestamp(name: string, value: string | undefined): number | undefined {
	if (value === undefined || value === '') return undefined;
	if (!/^\d+$/.test(value)) throw badParameter(name, value);
	return Number(value);
}

const readLines: AreaHandler = (call) => {
	const company = companyOf(call, true)!;
	const { params } = call;
	if (styleOf(call) === 'modelstructure') {
		const sample = [...expenseLinesState(call.state).lines.values()][0];
		return modelStructure(listRow(call, sample), 'expenseline', new Set(['expenselineSheetInternal', 'expenselineTotal', 'expenselineJobAndPhase', 'expenselineSupplyType', 'expenselineDate']));
	}
	if (params.modelstructure !== undefined && params.modelstructure !== '') throw badParameter('modelstructure', params.modelstructure);
	if (params.view !== undefined && params.view !== '') throw new XmlFault(404502, `invalid view ${params.view}`);
	for (const name of ['job', 'jobphase', 'client', 'supplier']) {
		if (params[name] !== undefined && !code.test(params[name])) throw badParameter(name, params[name]);
	}
	const from = checkTimestamp('timestampfrom', params.timestampfrom);
	const to = checkTimestamp('timestampto', params.timestampto);
	const same = (a: string, b: string | undefined) => b === undefined || a.toLowerCase() === b.toLowerCase();
	const search = (params.search ?? '').toLowerCase();
	const rows = [...expenseLinesState(call.state).lines.values()]
		.filter((l) => l.company === company.number)
		.filter((l) => same(l.jobAndPhase.split('.')[0], params.job))
		.filter((l) => same(l.jobAndPhase, params.jobphase))
		.filter((l) => same(l.client, params.client))
		.filter((l) => same(l.supplier, params.supplier))
		.filter((l) => same(l.stage, params.workflow))
		.filter((l) => params.uuid === undefined || l.uuid === params.uuid.toUpperCase())
		.filter((l) => (from === undefined || l.modified >= from) && (to === undefined || l.modified <= to))
		.filter((l) => search === '' || `${l.description} ${l.jobAndPhase} ${l.supplyType}`.toLowerCase().includes(search))
		.sort((a, b) => a.internal - b.internal);
	return paged(call, rows, (l) => listRow(call, l));
};

const createLine: AreaHandler = (call) => {
	const state = expenseLinesState(call.state);
	const company = companyOf(call, false);
	const created = inputRows(call).map((raw) => {
		const parsed = createRow.safeParse(raw);
		if (!parsed.success) failIssue(parsed.error);
		const row = parsed.data;
		const lineCompany = Number(row.expenselineJobAndPhase.split('/')[0]);
		if (company && company.number !== lineCompany) throw new JsonFault(2003, `job and phase ${row.expenselineJobAndPhase} is not in company ${company.number}`);
		if (!call.user.companies.includes(lineCompany)) throw new XmlFault(404501, `invalid company ${lineCompany}`);
		if (row.expenselineSheetInternal <= 0) throw new JsonFault(2004, 'invalid value for expenselineSheetInternal');
		const sheet = expenseSheets(call.state).sheets.get(row.expenselineSheetInternal);
		if (sheet && sheet.company !== lineCompany) throw new JsonFault(2003, `expense sheet ${sheet.ref} is not in company ${lineCompany}`);
		if (sheet && sheet.status !== 'W' && sheet.status !== 'T') throw new JsonFault(3002, `Expense sheet ${sheet.ref} is ${sheet.status === 'S' ? 'submitted' : 'processed'}: lines cannot be added.`);
		if (!knownPhase(call, row.expenselineJobAndPhase)) throw new JsonFault(2002, `job and phase ${row.expenselineJobAndPhase} not found`);
		const type = state.supplyTypes.find((t) => t.code.toLowerCase() === row.expenselineSupplyType.toLowerCase());
		if (!type || !inCompany(lineCompany, type.code)) throw new JsonFault(2002, `supply type ${row.expenselineSupplyType} not found`);
		const date = normalDate(row.expenselineDate);
		if (!date) throw new JsonFault(2004, 'invalid value for expenselineDate');
		if (row.expensesheetSupplierCode !== undefined && !inCompany(lineCompany, row.expensesheetSupplierCode)) {
			throw new JsonFault(2003, `supplier ${row.expensesheetSupplierCode} is not in company ${lineCompany}`);
		}
		const line: ExpenseLine = {
			internal: state.nextInternal++,
			uuid: uuidOf(`expenseline:new:${state.nextInternal}:${call.clock}`),
			sheet: row.expenselineSheetInternal,
			company: lineCompany,
			status: 'W',
			description: row.expenselineDescription ?? '',
			supplyType: type.code,
			date,
			jobAndPhase: row.expenselineJobAndPhase,
			total: row.expenselineTotal,
			taxCode: type.vatCode,
			taxAmount: taxOf(row.expenselineTotal, type.vatCode),
			supplier: row.expensesheetSupplierCode ?? `${lineCompany}/USER`,
			client: call.state.jobs.get(row.expenselineJobAndPhase.split('.')[0])?.jobClientCode ?? '',
			stage: '',
			approversNotes: '',
			submittersNotes: '',
			modified: Math.floor(call.clock / 1000),
			version: 0,
		};
		return line;
	});
	for (const line of created) state.lines.set(line.internal, line);
	return written(
		created.map((line) => ({
			expenselineRate: 0,
			expenselineCurrencyRate: 0,
			expenselineCurrencyTotal: line.total,
			expenselineTaxCode: line.taxCode,
			expenselineTaxAmount: line.taxAmount,
			expenselineDescription: line.description,
			expenselineUuid: line.uuid,
			expenselineInternal: line.internal,
			expenselineTimestampModified: line.modified,
			expenselineRecordVersionNumber: line.version,
		})),
	);
};

const decodeBase64 = (text: string): Buffer | undefined => {
	const clean = text.replace(/\s+/g, '');
	if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
	return Buffer.from(clean, 'base64');
};

/** A receipt upload (action=update with the variable_ fields): base64 in the input, or pre-signed S3 URLs. */
function uploadReceipt(call: Call, raw: Record<string, unknown>) {
	const state = expenseLinesState(call.state);
	const parsed = receiptRow.safeParse(raw);
	if (!parsed.success) failIssue(parsed.error);
	const row = parsed.data;
	let line: ExpenseLine | undefined;
	if (row.expenselines_expenselineinternal !== undefined) {
		line = state.lines.get(row.expenselines_expenselineinternal);
	} else if (call.params.uuid) {
		line = [...state.lines.values()].find((l) => l.uuid === call.params.uuid.toUpperCase());
	} else {
		throw new JsonFault(2001, 'mandatory field expenselines_expenselineinternal not supplied');
	}
	const company = companyOf(call, false);
	if (!line || (company && line.company !== company.number)) throw new JsonFault(3001, `Expense line ${row.expenselines_expenselineinternal ?? call.params.uuid} not found.`);
	if (line.status === 'A') throw new JsonFault(3002, 'Attachments cannot be added to an approved expense line.');
	const fileName = row.variable_AttachmentFileName;
	if (/[\\/]/.test(fileName)) throw new JsonFault(2004, 'invalid value for variable_AttachmentFileName');
	if (row.variable_AttachmentBase64 !== undefined && row.variable_AttachmentBase64 !== '') {
		const bytes = decodeBase64(row.variable_AttachmentBase64);
		if (!bytes) throw new JsonFault(2004, 'invalid value for variable_AttachmentBase64');
		line.receipt = { fileName, bytes };
	} else if (!state.s3) {
		throw new JsonFault(2001, 'mandatory field variable_AttachmentBase64 not supplied');
	}
	touch(line, call);
	if (!state.s3) return keyFields(line);
	const token = uuidOf(`s3:${line.internal}:${line.version}:${call.clock}:${++uploadCount}`).slice(0, 16);
	PENDING_UPLOADS.set(token, { lines: state, line: line.internal, fileName });
	const path = `${call.baseUrl}/s3/receipts/${token}/${encodeURIComponent(fileName)}`;
	const signed = (signature: string) => `${path}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=${signature}`;
	return {
		attachmentS3UrlGet: signed(uuidOf(`get:${token}`).toLowerCase()),
		attachmentS3UrlPut: signed(uuidOf(`put:${token}`).toLowerCase()),
		...keyFields(line),
	};
}

const updateLines: AreaHandler = (call) => {
	const state = expenseLinesState(call.state);
	const rows = inputRows(call);
	// the same action also uploads receipts: told apart by the reference's variable_/expenselines_ keys
	if (rows.some((row) => Object.keys(row).some((key) => /^(variable_|expenselines_)/i.test(key)))) {
		return written(rows.map((row) => uploadReceipt(call, row)));
	}
	const company = companyOf(call, false);
	const changes = rows.map((raw) => {
		const parsed = updateRow.safeParse(raw);
		if (!parsed.success) failIssue(parsed.error);
		const row = parsed.data;
		const line = state.lines.get(row.expenselineInternal);
		if (!line || (company && line.company !== company.number)) throw new JsonFault(3001, `Expense line ${row.expenselineInternal} not found.`);
		if (line.status === 'A' || line.status === 'S' || line.status === 'H') {
			throw new JsonFault(3002, `Expense line ${line.internal} is ${LINE_STATUS[line.status].toLowerCase()} and cannot be changed.`);
		}
		if (row.expenselineJobAndPhase !== undefined && (!inCompany(line.company, row.expenselineJobAndPhase) || !knownPhase(call, row.expenselineJobAndPhase))) {
			throw new JsonFault(2002, `job and phase ${row.expenselineJobAndPhase} not found`);
		}
		if (row.expenselineSupplyType !== undefined && !state.supplyTypes.some((t) => t.code === row.expenselineSupplyType && inCompany(line.company, t.code))) {
			throw new JsonFault(2002, `supply type ${row.expenselineSupplyType} not found`);
		}
		const date = row.expenselineDate === undefined ? undefined : normalDate(row.expenselineDate);
		if (row.expenselineDate !== undefined && !date) throw new JsonFault(2004, 'invalid value for expenselineDate');
		return { line, row, date };
	});
	for (const { line, row, date } of changes) {
		if (row.expenselineTotal !== undefined) line.total = row.expenselineTotal;
		if (row.expenselineDescription !== undefined) line.description = row.expenselineDescription;
		if (row.expenselineJobAndPhase !== undefined) line.jobAndPhase = row.expenselineJobAndPhase;
		if (row.expenselineSupplyType !== undefined) {
			line.supplyType = row.expenselineSupplyType;
			line.taxCode = state.supplyTypes.find((t) => t.code === line.supplyType)!.vatCode;
		}
		if (row.expenselineTaxCode !== undefined) line.taxCode = row.expenselineTaxCode;
		if (row.expenselineSubmittersNotes !== undefined) line.submittersNotes = row.expenselineSubmittersNotes;
		if (row.expenselineStageCode !== undefined) line.stage = row.expenselineStageCode;
		if (date) line.date = date;
		line.taxAmount = taxOf(line.total, line.taxCode);
		touch(line, call);
	}
	// the reference's update answers no data
	return written();
};

/** A workflow step: the statuses it starts from, the status it leaves, and the reference's message. */
function step(from: LineStatus[], to: LineStatus, message: string, reasonParam?: string): AreaHandler {
	return (call) => {
		const line = lineOf(call, true);
		if (!from.includes(line.status)) {
			throw new JsonFault(3002, `Expense line ${line.internal} is ${LINE_STATUS[line.status].toLowerCase()}: ${message.replace(/\.$/, '').toLowerCase()} not allowed.`);
		}
		line.status = to;
		if (reasonParam && call.params[reasonParam]) line.approversNotes = call.params[reasonParam];
		touch(line, call);
		return written(undefined, message);
	};
}

const submittable: AreaHandler = (call) => {
	const line = lineOf(call, true);
	if (line.status !== 'W') throw new JsonFault(3002, `Expense line ${line.internal} is not submittable.`);
	// the reference's sample answer of this check, word for word
	return written(undefined, 'Expense line set to submitted.');
};

const resubmit: AreaHandler = (call) => {
	const state = expenseLinesState(call.state);
	const sheets = expenseSheets(call.state);
	const line = lineOf(call, true);
	if (line.status !== 'Q') throw new JsonFault(3002, `Expense line ${line.internal} must be queried before it can be re-submitted.`);
	const known = sheets.sheets.get(line.sheet);
	const processed = known ? known.status === 'A' || known.status === 'P' : state.processedSheets.has(line.sheet);
	if (!processed) throw new JsonFault(3002, `Expense sheet ${line.sheet} must be processed before a line can be re-submitted.`);
	// the line goes onto a new, submitted sheet, which the expense sheets area then lists
	const ref = sheets.nextRef++;
	const now = Math.floor(call.clock / 1000);
	sheets.sheets.set(ref, {
		ref,
		uuid: uuidOf(`expensesheet:${ref}`),
		company: line.company,
		supplierCode: known?.supplierCode ?? line.supplier,
		description: `Re-submitted line ${line.internal}`,
		date: new Date(call.clock).toISOString().slice(0, 10),
		status: 'S',
		approved: false,
		created: now,
		statusChanged: now,
		timestampModified: now,
		recordVersionNumber: 0,
		lines: [],
	});
	line.sheet = ref;
	line.status = 'S';
	if (call.params.resubmitreason) line.submittersNotes = call.params.resubmitreason;
	touch(line, call);
	return written([{ expensesheetInternalRef: ref, expensesheetUuid: uuidOf(`expensesheet:${ref}`) }], 'Expense line re-submitted.');
};

const copyLine: AreaHandler = (call) => {
	const state = expenseLinesState(call.state);
	const line = lineOf(call, true);
	const internal = state.nextInternal++;
	const copy: ExpenseLine = {
		...line,
		internal,
		uuid: uuidOf(`expenseline:copy:${internal}:${call.clock}`),
		status: 'W',
		approversNotes: '',
		receipt: undefined,
		modified: Math.floor(call.clock / 1000),
		version: 0,
	};
	state.lines.set(internal, copy);
	return written([{ expenselineSheetInternal: copy.sheet, expenselineInternal: internal, expenselineUuid: copy.uuid }], `Expense line ${internal} created.`);
};

const deleteLine: AreaHandler = (call) => {
	const line = lineOf(call, true);
	if (line.status === 'A') throw new JsonFault(3002, `Expense line ${line.internal} is approved and cannot be deleted.`);
	expenseLinesState(call.state).lines.delete(line.internal);
	return written(undefined, 'Expense line deleted.');
};

/** `expenseline=[3404,1234]`: what can go goes; the rest is reported in warningmessage ("1 of 2 Expense line deleted."). */
const deleteLines: AreaHandler = (call) => {
	const company = companyOf(call, true)!;
	const state = expenseLinesState(call.state);
	const raw = call.params.expenseline ?? '';
	let ids: unknown;
	try {
		ids = JSON.parse(raw);
	} catch {
		throw badParameter('expenseline', raw);
	}
	if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => Number.isInteger(Number(id)) && Number(id) > 0)) throw badParameter('expenseline', raw);
	let deleted = 0;
	for (const id of ids.map(Number)) {
		const line = state.lines.get(id);
		if (!line || line.company !== company.number || line.status === 'A') continue;
		state.lines.delete(id);
		deleted++;
	}
	const summary = `${deleted} of ${ids.length} Expense line deleted.`;
	if (deleted === 0) throw new JsonFault(3002, summary);
	return okEnvelope({ responsemessage: '', warningmessage: deleted < ids.length ? summary : '' });
};

const mimeOf = (fileName: string) =>
	({ jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf', txt: 'text/plain', gif: 'image/gif' })[
		fileName.split('.').pop()?.toLowerCase() ?? ''
	] ?? 'application/octet-stream';

function receiptOf(line: ExpenseLine) {
	if (!line.receipt) throw new JsonFault(3003, `Expense line ${line.internal} has no attachment.`);
	return line.receipt;
}

const attachmentView: AreaHandler = (call) => {
	// one of the two reference examples sends no company
	const line = lineOf(call, false);
	const receipt = receiptOf(line);
	return okEnvelope({
		totalrows: 1,
		totalpages: 1,
		pagerows: 0,
		pagenumber: 1,
		data: [
			{
				attachmentUuid: uuidOf(`attachment:${line.internal}:${line.version}`),
				attachmentTimestampModified: line.modified,
				attachmentRecordVersionNumber: 0,
				attachmentOriginalFilename: receipt.fileName,
				attachmentBase64: receipt.bytes.toString('base64'),
				attachmentContentDisposition: `attachment; filename="${receipt.fileName}"`,
				// the reference answers just "application"
				attachmentContentType: 'application',
			},
		],
	});
};

const attachmentFile: AreaHandler = (call) => {
	const line = lineOf(call, true);
	const receipt = receiptOf(line);
	return {
		status: 200,
		headers: { 'content-type': mimeOf(receipt.fileName), 'content-disposition': `attachment; filename="${receipt.fileName}"` },
		raw: receipt.bytes,
	};
};

const attachmentRemove: AreaHandler = (call) => {
	const line = lineOf(call, true);
	receiptOf(line);
	line.receipt = undefined;
	touch(line, call);
	return written(undefined, 'Expense line attachment deleted.');
};

const expenseSheetLine: AreaHandler = (call) => {
	const line = lineOf(call, true);
	return okEnvelope({ totalrows: 1, totalpages: 1, pagerows: 0, pagenumber: 1, data: [detailRow(call, line)] });
};

/** `active=on|Y|true|1|yes` (and the opposite words). */
function activeFilter(call: Call): boolean | undefined {
	const raw = call.params.active;
	if (raw === undefined || raw === '') return undefined;
	if (/^(on|y|yes|true|1)$/i.test(raw)) return true;
	if (/^(off|n|no|false|0)$/i.test(raw)) return false;
	throw badParameter('active', raw);
}

function jobPhaseFilter(call: Call): string | undefined {
	const value = call.params.jobphase;
	if (value === undefined || value === '') return undefined;
	if (!phaseCode.test(value)) throw badParameter('jobphase', value);
	return value;
}

const lookup = (rows: (call: Call, company: number) => unknown[]): AreaHandler => (call) => {
	const company = companyOf(call, true)!;
	return paged(call, rows(call, company.number));
};

const clientsList = lookup((call, company) =>
	[...call.state.clients.values()]
		.filter((c) => inCompany(company, c.code))
		.map((c) => ({
			clientUuid: uuidOf(`client:${c.code}`),
			clientTimeStampModified: 1519135641,
			clientRecordVersionNumber: 121,
			clientCode: c.code,
			clientName: c.name,
		})),
);

const jobsList = lookup((call, company) =>
	[...call.state.jobs.values()]
		.filter((j) => j.company === company && !j.jobCompleted)
		.map((j) => ({
			jobUuid: j.jobUuid,
			jobTimeStampModified: j.jobTimeStampModified,
			jobRecommendedVersionNumber: j.jobRecommendedVersionNumber,
			jobDescription1stLine: j.jobDescription.split('\n')[0],
			jobNumber: j.jobNumber,
			jobNumberSimple: simple(j.jobNumber).replace(/^0+/, ''),
		})),
);

const phasesList = lookup((call, company) =>
	expenseLinesState(call.state)
		.phases.filter((p) => inCompany(company, p.jobAndPhase))
		.map((p) => ({
			phaseuuid: uuidOf(`phase:${p.jobAndPhase}`),
			phaseTimeStampModified: 1513252086,
			phaseRecordVersionNumber: 90,
			phasePhaseDescription1stLine: p.description,
			phaseJobDescription1stLine: call.state.jobs.get(p.job)?.jobDescription.split('\n')[0] ?? p.description,
			phaseJobAndPhase: p.jobAndPhase,
			phasePhase: p.phase,
			phaseDisplayOrder: '',
			phaseJobNumberSimple: simple(p.job).replace(/^0+/, ''),
		})),
);

const STAGES = ['Concept Approval', 'Concept Design', 'Concept production', 'Concept Refinements'];

/** workflowslist and stageslist answer the same stage rows (the reference shows one response for both). */
const stagesList = lookup((call, company) => {
	const jobphase = jobPhaseFilter(call);
	return expenseLinesState(call.state)
		.phases.filter((p) => inCompany(company, p.jobAndPhase) && (jobphase === undefined || p.jobAndPhase.toLowerCase() === jobphase.toLowerCase()))
		.flatMap((p, phaseIndex) =>
			STAGES.map((description, index) => ({
				stageUuid: uuidOf(`stage:${p.jobAndPhase}:${index}`),
				stageTimeStampModified: 1524652924,
				stageRecordVersionNumber: 1,
				stageCode: `${company}/W${String(980 + phaseIndex * 10 + index).padStart(10, '0')}`,
				stageDescription: description,
				stageSequence: index + 1,
				stageJobNumber: p.job,
				stageJobAndPhase: p.jobAndPhase,
			})),
		)
		.reverse();
});

const currencies = lookup((call, company) => {
	const active = activeFilter(call);
	return expenseLinesState(call.state)
		.currencies.filter((c) => inCompany(company, c.code) && (active === undefined || c.active === active))
		.map((c) => ({
			currencyUuid: uuidOf(`currency:${c.code}`),
			currencyTimestampModified: 1519226996,
			currencyRecordVersionNumber: 3,
			currencyCurrencyName: c.name,
			currencyCode: c.code,
			currencySymbol: c.symbol,
			currencyExchangeRate: c.rate,
			currencyPurchase: c.rate,
		}));
});

const supplyTypes = lookup((call, company) => {
	jobPhaseFilter(call);
	const wanted = (call.params.supplytype ?? '').toLowerCase();
	return expenseLinesState(call.state)
		.supplyTypes.filter((t) => inCompany(company, t.code))
		.filter((t) => wanted === '' || simple(t.code).toLowerCase().includes(wanted) || t.description.toLowerCase().includes(wanted))
		.map((t) => ({
			supplytypesUuid: uuidOf(`supplytype:${t.code}`),
			supplytypesTimestampModified: 1519836024,
			supplytypesRecordversionnumber: 5,
			supplytypesDescription: t.description,
			supplytypesMileage: t.mileage,
			supplytypesRate: t.rate,
			supplytypesSupplyType: t.code,
			supplytypesVatcode: t.vatCode,
		}));
});

/**
 * The pre-signed S3 PUT of a receipt (S3 installations): the bytes become the line's receipt. Routes outside
 * /jsonapi get no state, so a handed-out URL carries a token naming the state it belongs to (void after reset()).
 */
const s3Put: Route = {
	method: 'PUT',
	path: '/s3/receipts/:token/:file',
	handler: (req: EmulatorRequest) => {
		req.record.op = 'expenselines:S3PUT';
		const pending = PENDING_UPLOADS.get(req.params.token);
		if (!pending || !req.query['X-Amz-Signature']) return { status: 403, raw: '<Error><Code>SignatureDoesNotMatch</Code></Error>' };
		const line = pending.lines.lines.get(pending.line);
		if (!line) return { status: 404, raw: '<Error><Code>NoSuchKey</Code></Error>' };
		line.receipt = { fileName: pending.fileName, bytes: req.rawBody };
		PENDING_UPLOADS.delete(req.params.token);
		return { status: 200, raw: '' };
	},
};

export const expenseLinesArea: Area = {
	read: readLines,
	actions: {
		create: createLine,
		update: updateLines,
		expensesheetline: expenseSheetLine,
		expenselinecopy: copyLine,
		expenselinesubmittable: submittable,
		expenselinesubmit: step(['W'], 'S', 'Expense line submitted.'),
		expenselineapprove: step(['S', 'H', 'Q'], 'A', 'Expense line approved.'),
		expenselinehold: step(['S'], 'H', 'Expense line held.'),
		expenselinequery: step(['S', 'H', 'A'], 'Q', 'Expense line queried.', 'queryrejectreason'),
		expenselinereject: step(['S', 'H', 'Q'], 'R', 'Expense line rejected.', 'queryrejectreason'),
		expenselineresubmit: resubmit,
		expenselinedelete: deleteLine,
		expenselinesdelete: deleteLines,
		attachmentview: attachmentView,
		attachmentfile: attachmentFile,
		attachmentremove: attachmentRemove,
		clientslist: clientsList,
		jobslist: jobsList,
		phaseslist: phasesList,
		workflowslist: stagesList,
		stageslist: stagesList,
		currencycodes: currencies,
		exchangerates: currencies,
		supplytypes: supplyTypes,
		supplytypeslist: supplyTypes,
	},
	routes: [s3Put],
};
