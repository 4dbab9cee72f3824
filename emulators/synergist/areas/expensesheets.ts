/**
 * expensesheets.json: expense sheet headers and their workflow. Lookups (companylist, supplierlist,
 * expensesheetstatuses), create/update, the list and line reads, print templates and prints, copy, and the single
 * (`expensesheet=1791` or `uuid=`) and bulk (`expensesheet=[1821,1820]`) workflow actions with the status rules
 * below; a bulk action that works for some sheets only succeeds with a `warningmessage` ("1 of 2 Expense sheet …").
 *
 * Sheet statuses as the statuses lookup names them: W Unsubmitted, S Submitted, A Processed, P Posted, T Returned.
 * Approval is a flag of a submitted sheet (its lines go to A Approved):
 * submit W|T → S; approve S (not approved) → S approved; unapprove S approved → S; process S approved → A;
 * post A → P; all (approve+process+post) S → P; return A → S, S → T ("if the sheet is A approved … S, otherwise T");
 * delete and update only while W or T; copy any sheet into a new W sheet.
 */
import { z } from 'zod';

import { uuidOf } from '../seed';
import {
	JsonFault,
	XmlFault,
	areaState,
	badParameter,
	companyOf,
	inputRows,
	normalDate,
	okEnvelope,
	paged,
	written,
	type Area,
	type AreaHandler,
	type Call,
	type SynergistState,
} from './types';

export type SheetStatus = 'W' | 'S' | 'A' | 'P' | 'T';

export const SHEET_STATUSES: Record<SheetStatus, string> = { W: 'Unsubmitted', S: 'Submitted', A: 'Processed', P: 'Posted', T: 'Returned' };

export interface ExpenseLine {
	internal: number;
	lineNumber: number;
	date: string;
	description: string;
	jobAndPhase: string;
	supplyType: string;
	supplyTypeDesc: string;
	quantity: number;
	rate: number;
	total: number;
	taxCode: number;
	taxAmount: number;
	/** W unsubmitted, S submitted, A approved, P posted. */
	status: 'W' | 'S' | 'A' | 'P';
}

export interface ExpenseSheet {
	ref: number;
	uuid: string;
	company: number;
	supplierCode: string;
	description: string;
	date: string;
	status: SheetStatus;
	approved: boolean;
	/** Epoch seconds. */
	created: number;
	statusChanged: number;
	timestampModified: number;
	recordVersionNumber: number;
	lines: ExpenseLine[];
}

export interface ExpenseSupplier {
	code: string;
	name: string;
	multiCurrency: boolean;
}

export interface ExpenseSheetState {
	sheets: Map<number, ExpenseSheet>;
	suppliers: ExpenseSupplier[];
	nextRef: number;
	nextLine: number;
}

/** Print templates (`EXPENSESHEETINPUTFILE REPORT -1790`), as the reference's example lists them. */
export const EXPENSE_PRINT_TEMPLATES: Record<string, string> = { '-1790': '**Expense Sheet Template', '-2227': 'Expense Sheet Template' };

const LINE_STATUS = { W: 'Unsubmitted', S: 'Submitted', A: 'Approved', P: 'Posted' } as const;
/** 2018-08-01, near the reference's create example (1533568088). */
const BASE_TIME = 1533081600;

const SUPPLY_TYPES: Array<[string, string, number]> = [
	['HOT', 'Hotel Expenses1', 149.99],
	['TRV', 'Travel', 42.5],
	['SUB', 'Subsistence', 18.75],
	['MIL', 'Mileage', 56.6],
];

function seedLines(state: ExpenseSheetState, company: number, count: number, index: number, status: ExpenseLine['status']): ExpenseLine[] {
	return Array.from({ length: count }, (_, n) => {
		const [code, desc, rate] = SUPPLY_TYPES[(index + n) % SUPPLY_TYPES.length];
		const taxAmount = Math.round(rate * 0.2 * 100) / 100;
		return {
			internal: state.nextLine++,
			lineNumber: n + 1,
			date: new Date((BASE_TIME + (index * 3 + n) * 86400) * 1000).toISOString().slice(0, 10),
			description: `${desc} ${index}.${n + 1}`,
			jobAndPhase: `${company}/${String(index + 2).padStart(8, '0')}.001`,
			supplyType: `${company}/${code}`,
			supplyTypeDesc: desc,
			quantity: 1,
			rate,
			total: rate,
			taxCode: 1,
			taxAmount,
			status,
		};
	});
}

/** The sheets the reference's examples name (1234, 1786, 1790, 1791, 1820, 1821) plus one of every status. */
function seedSheets(): ExpenseSheetState {
	const state: ExpenseSheetState = {
		sheets: new Map(),
		suppliers: [
			{ code: '1/JG', name: 'Josephine Grantx', multiCurrency: false },
			{ code: '1/MJP', name: 'Mike Palmer Expenses', multiCurrency: true },
			{ code: '1/USER', name: "User's Expenses", multiCurrency: false },
			{ code: '8/USER', name: "User's Expenses (Europe)", multiCurrency: true },
		],
		nextRef: 1900,
		nextLine: 3400,
	};
	const plan: Array<[number, number, string, SheetStatus, boolean, number]> = [
		[1234, 1, '1/JG', 'W', false, 1],
		[1786, 1, '1/USER', 'W', false, 2],
		[1790, 1, '1/USER', 'S', false, 1],
		[1791, 1, '1/USER', 'W', false, 2],
		[1820, 1, '1/MJP', 'S', false, 1],
		[1821, 1, '1/MJP', 'S', false, 3],
		[1830, 1, '1/USER', 'S', true, 2],
		[1831, 1, '1/MJP', 'A', true, 1],
		[1832, 1, '1/JG', 'P', true, 2],
		[1833, 1, '1/USER', 'T', false, 1],
		[1834, 1, '1/JG', 'W', false, 0],
		[1835, 1, '1/MJP', 'W', false, 1],
		[1840, 8, '8/USER', 'W', false, 1],
	];
	plan.forEach(([ref, company, supplierCode, status, approved, lineCount], index) => {
		const lineStatus = status === 'P' ? 'P' : approved ? 'A' : status === 'W' ? 'W' : 'S';
		const created = BASE_TIME + index * 86400 + 13 * 3600 + 46 * 60;
		state.sheets.set(ref, {
			ref,
			uuid: uuidOf(`expensesheet:${ref}`),
			company,
			supplierCode,
			description: index % 3 === 0 ? '' : `Client visits ${index}`,
			date: new Date(created * 1000).toISOString().slice(0, 10),
			status,
			approved,
			created,
			statusChanged: status === 'W' ? 0 : created + 3600,
			timestampModified: created + 3600,
			recordVersionNumber: 1 + index,
			lines: seedLines(state, company, lineCount, index, lineStatus),
		});
	});
	return state;
}

/** The area's state (sheets, suppliers), for the expense lines area too: `expenseSheets(call.state)`. */
export const expenseSheets = (state: SynergistState) => areaState(state, 'expensesheets', seedSheets);

const round = (value: number) => Math.round(value * 100) / 100;
const sum = (lines: ExpenseLine[], pick: (line: ExpenseLine) => number) => round(lines.reduce((total, line) => total + pick(line), 0));

/** `14/10/2014` and `14/10/2014 1:46pm`, the display forms of the list example. */
function displayDate(epochSeconds: number, withTime = false): string {
	if (epochSeconds === 0) return '00/00/0000';
	const d = new Date(epochSeconds * 1000);
	const day = `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
	if (!withTime) return day;
	const hours = d.getUTCHours();
	return `${day} ${hours % 12 === 0 ? 12 : hours % 12}:${String(d.getUTCMinutes()).padStart(2, '0')}${hours < 12 ? 'am' : 'pm'}`;
}

/** The status as the list shows it, a word ("unsubmitted"); a submitted sheet whose lines are approved is "approved". */
const statusWord = (sheet: ExpenseSheet) => (sheet.status === 'S' && sheet.approved ? 'approved' : SHEET_STATUSES[sheet.status].toLowerCase());

/** One expensesheetlist row, field for field as the reference's example (the ref is a string there). */
export function sheetListRow(state: ExpenseSheetState, sheet: ExpenseSheet) {
	const { lines, status, approved } = sheet;
	const submitted = lines.filter((l) => l.status !== 'W');
	const approvedLines = lines.filter((l) => l.status === 'A' || l.status === 'P');
	return {
		expensesheetApprove: status === 'S' && !approved,
		expensesheetApproved: sum(approvedLines, (l) => l.total),
		expensesheetCopy: true,
		expensesheetCreatedDateTime: displayDate(sheet.created, true),
		expensesheetDate: sheet.date,
		expensesheetDateTime: displayDate(sheet.created),
		expensesheetDelete: status === 'W' || status === 'T',
		expensesheetDescription: sheet.description,
		expensesheetGross: sum(lines, (l) => l.total),
		expensesheetHeld: 0,
		expensesheetInternalRef: String(sheet.ref),
		expensesheetLines: lines.length,
		expensesheetLinesApproved: approvedLines.length,
		expensesheetLinesHeld: 0,
		expensesheetLinesQuery: 0,
		expensesheetLinesReject: 0,
		expensesheetLinesSubmitted: submitted.length,
		expensesheetPost: status === 'A',
		expensesheetProcess: status === 'S' && approved,
		expensesheetQueried: 0,
		expensesheetRejected: 0,
		expensesheetReturn: status === 'S' || status === 'A',
		expensesheetStatusCode: statusWord(sheet),
		expensesheetStatusDateTime: displayDate(sheet.statusChanged),
		expensesheetSubmit: status === 'W' || status === 'T',
		expensesheetSubmitted: sum(submitted, (l) => l.total),
		expensesheetTheSupplierCode: sheet.supplierCode,
		expensesheetSupplierName: state.suppliers.find((s) => s.code === sheet.supplierCode)?.name ?? '',
		expensesheetUnApprove: status === 'S' && approved,
		array_expensesheetvat: sum(lines, (l) => l.taxAmount),
	};
}

/** One expensesheetlines row, field for field as the reference's example. */
function lineRow(sheet: ExpenseSheet, line: ExpenseLine) {
	const editable = sheet.status === 'W' || sheet.status === 'T';
	const [job, phase] = line.jobAndPhase.split('.');
	const jobSimple = job.slice(job.indexOf('/') + 1).replace(/^0+/, '');
	return {
		expenselineApprove: sheet.status === 'S' && line.status === 'S',
		expenselineApproversNotes: '',
		expenselineAttachmentDelete: false,
		expenselineAttachmentUpload: editable,
		expenselineAttachmentView: false,
		expenselineClient: `${sheet.company}/P0908`,
		expenselineClientName: '4imprint1',
		expenselineCopy: true,
		expenselineDate: line.date,
		expenselineDelete: editable,
		expenselineDescription: line.description,
		expenselineEdit: editable,
		expenselineHeld: false,
		expenselineInternal: line.internal,
		expenselineJobDescription: `Job ${jobSimple}`,
		expenselineJobAndPhase: line.jobAndPhase,
		expenselineJobPhaseSimple: `${jobSimple}.${phase}`,
		expenselineJobPhaseStage: 0,
		expenselineJobPhaseStageDesc: '',
		expenselineJobSimple: jobSimple,
		expenselineLineNumber: line.lineNumber,
		expenselinePhaseDescription: phase,
		expenselineQuantity: line.quantity,
		expenselineQuery: false,
		expenselineReject: false,
		expenselineReSubmit: false,
		expenselineStatusCode: line.status,
		expenselineStatusDisplay: LINE_STATUS[line.status],
		expenselineSubmit: editable,
		expenselineSubmitted: line.status !== 'W',
		expenselineSubmittersNotes: '',
		expenselineSupplyType: line.supplyType,
		expenselineSupplytypeDesc: line.supplyTypeDesc,
		expenselineSupplyTypeMileage: line.supplyType.endsWith('/MIL'),
		expenselineTotal: line.total,
		expenselineRate: line.rate,
		expenselineValuesEdit: editable,
		expenselineTaxCode: line.taxCode,
		expenselineTaxAmount: line.taxAmount,
		expenselineStageCode: '',
		expenselineStageDescription: '',
	};
}

/** The PDF a print of a sheet with a template makes (the node test compares the downloaded bytes with it). */
export function printedSheetPdf(ref: number, templateCode: string): Buffer {
	return Buffer.from(
		`%PDF-1.3\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj<</Title (Expense sheet ${ref}, template ${templateCode})>>endobj\ntrailer<</Info 1 0 R>>\n%%EOF\n`,
		'latin1',
	);
}

const notFound = (what: string) => new JsonFault(3001, `Expense sheet ${what} not found`);

/** A positive whole number, as a number or a digit string. */
const sheetRef = z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]);

/**
 * The sheet a single-sheet call names by `expensesheet=` or `uuid=`, within `company=` when one is sent; undefined
 * when there is no such sheet (malformed or missing parameters are request errors).
 */
function findSheet(call: Call, options: { companyRequired?: boolean; uuid?: boolean } = {}): ExpenseSheet | undefined {
	const company = companyOf(call, options.companyRequired ?? false);
	const { sheets } = expenseSheets(call.state);
	const { expensesheet, uuid } = call.params;
	let sheet: ExpenseSheet | undefined;
	if (expensesheet !== undefined && expensesheet !== '') {
		if (!/^\d+$/.test(expensesheet)) throw badParameter('expensesheet', expensesheet);
		sheet = sheets.get(Number(expensesheet));
	} else if (uuid !== undefined && uuid !== '' && options.uuid !== false) {
		if (!/^[0-9A-Fa-f]{32}$/.test(uuid)) throw badParameter('uuid', uuid);
		sheet = [...sheets.values()].find((s) => s.uuid === uuid.toUpperCase());
	} else {
		throw new XmlFault(404504, options.uuid === false ? 'expensesheet not specified' : 'expensesheet or uuid not specified');
	}
	if (!sheet || !call.user.companies.includes(sheet.company) || (company && sheet.company !== company.number)) return undefined;
	return sheet;
}

/** The sheet of a single-sheet action; an unknown one is the data error "Expense sheet 1234 not found". */
function oneSheet(call: Call, options: { companyRequired?: boolean; uuid?: boolean } = {}): ExpenseSheet {
	const sheet = findSheet(call, options);
	if (!sheet) throw notFound(call.params.expensesheet || call.params.uuid);
	return sheet;
}

/** The sheets of a bulk action, `expensesheet=[1821,1820]` (a single number is taken as a list of one). */
function sheetRefs(call: Call): number[] {
	const raw = call.params.expensesheet;
	if (raw === undefined || raw === '') throw new XmlFault(404504, 'expensesheet not specified');
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		throw badParameter('expensesheet', raw);
	}
	const refs = z.array(sheetRef).min(1).safeParse(Array.isArray(parsed) ? parsed : [parsed]);
	if (!refs.success) throw badParameter('expensesheet', raw);
	return refs.data;
}

interface Step {
	/** Past tense for messages ("submitted", "un-approved"). */
	done: string;
	/** Why the sheet cannot take this step now, or undefined when it can. */
	refuse: (sheet: ExpenseSheet) => string | undefined;
	apply: (sheet: ExpenseSheet) => void;
}

const setLines = (sheet: ExpenseSheet, from: ReadonlyArray<ExpenseLine['status']>, to: ExpenseLine['status']) => {
	for (const line of sheet.lines) if (from.includes(line.status)) line.status = to;
};

const describeStatus = (sheet: ExpenseSheet) => statusWord(sheet);

const STEPS: Record<string, Step> = {
	submit: {
		done: 'submitted',
		refuse: (s) => (s.status === 'W' || s.status === 'T' ? undefined : `it is ${describeStatus(s)}`),
		apply: (s) => {
			s.status = 'S';
			setLines(s, ['W'], 'S');
		},
	},
	approve: {
		done: 'approved',
		refuse: (s) => (s.status === 'S' && !s.approved ? undefined : s.status === 'S' ? 'it is already approved' : `it is ${describeStatus(s)}, not submitted`),
		apply: (s) => {
			s.approved = true;
			setLines(s, ['S'], 'A');
		},
	},
	unapprove: {
		done: 'un-approved',
		refuse: (s) => (s.status === 'S' && s.approved ? undefined : `it is ${describeStatus(s)}, not approved`),
		apply: (s) => {
			s.approved = false;
			setLines(s, ['A'], 'S');
		},
	},
	process: {
		done: 'processed',
		refuse: (s) => (s.status === 'S' && s.approved ? undefined : `it is ${describeStatus(s)}, not approved`),
		apply: (s) => {
			s.status = 'A';
		},
	},
	post: {
		done: 'posted',
		refuse: (s) => (s.status === 'A' ? undefined : `it is ${describeStatus(s)}, not processed`),
		apply: (s) => {
			s.status = 'P';
			setLines(s, ['S', 'A'], 'P');
		},
	},
	all: {
		done: 'approved, processed and posted',
		refuse: (s) => (s.status === 'S' ? undefined : `it is ${describeStatus(s)}, not submitted`),
		apply: (s) => {
			s.approved = true;
			s.status = 'P';
			setLines(s, ['S', 'A'], 'P');
		},
	},
	return: {
		done: 'returned',
		refuse: (s) => (s.status === 'S' || s.status === 'A' ? undefined : `it is ${describeStatus(s)}`),
		// "If the sheet is A approved, the sheet status gets set to S submitted … otherwise … T Returned. Lines retain their original statuses."
		apply: (s) => {
			s.status = s.status === 'A' ? 'S' : 'T';
		},
	},
	delete: {
		done: 'deleted',
		refuse: (s) => (s.status === 'W' || s.status === 'T' ? undefined : `it is ${describeStatus(s)}`),
		apply: () => undefined,
	},
};

function touch(call: Call, sheet: ExpenseSheet, statusChanged = true) {
	const seconds = Math.floor(call.clock / 1000);
	sheet.timestampModified = seconds;
	sheet.recordVersionNumber++;
	if (statusChanged) sheet.statusChanged = seconds;
}

function take(call: Call, name: string, sheet: ExpenseSheet) {
	const step = STEPS[name];
	step.apply(sheet);
	if (name === 'delete') expenseSheets(call.state).sheets.delete(sheet.ref);
	else touch(call, sheet);
}

function singleAction(name: string): AreaHandler {
	return (call) => {
		const sheet = oneSheet(call);
		const why = STEPS[name].refuse(sheet);
		if (why) throw new JsonFault(3002, `Expense sheet ${sheet.ref} cannot be ${STEPS[name].done}: ${why}`);
		take(call, name, sheet);
		return written(undefined, `Expense sheet ${STEPS[name].done}.`);
	};
}

/** A bulk action: every sheet that can take the step does; the others are named in `warningmessage`. */
function bulkAction(name: string): AreaHandler {
	return (call) => {
		companyOf(call, false);
		const { sheets } = expenseSheets(call.state);
		const step = STEPS[name];
		const refs = [...new Set(sheetRefs(call))];
		const problems: string[] = [];
		const ready: ExpenseSheet[] = [];
		for (const ref of refs) {
			const sheet = sheets.get(ref);
			const company = call.params.company;
			if (!sheet || !call.user.companies.includes(sheet.company) || (company !== undefined && company !== '' && String(sheet.company) !== company)) {
				problems.push(`Expense sheet ${ref} not found.`);
				continue;
			}
			const why = step.refuse(sheet);
			if (why) problems.push(`Expense sheet ${ref} cannot be ${step.done}: ${why}.`);
			else ready.push(sheet);
		}
		if (ready.length === 0) throw new JsonFault(3002, problems.join(' '));
		for (const sheet of ready) take(call, name, sheet);
		const warning = problems.length === 0 ? '' : `${ready.length} of ${refs.length} Expense sheet ${step.done}. ${problems.join(' ')}`;
		return written(undefined, `Expense sheets ${step.done}.`, warning);
	};
}

const looseInt = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(Number);

const createRow = z
	.object({
		expensesheetSupplierCode: z.string().optional(),
		expensesheetCompany: looseInt.optional(),
		expensesheetDescription: z.string().optional(),
		expensesheetDate: z.string().optional(),
	})
	.strict();

const updateRow = z
	.object({
		expensesheetInternalRef: looseInt.optional(),
		expensesheetDescription: z.string().optional(),
		expensesheetDate: z.string().optional(),
	})
	.strict();

/** The first problem of a row against a strict schema, as the server would word it. */
function rowOf<T extends z.ZodTypeAny>(schema: T, raw: Record<string, unknown>): z.infer<T> {
	const shape = (schema as unknown as z.ZodObject<z.ZodRawShape>).shape;
	const unknown = Object.keys(raw).find((key) => !(key in shape));
	if (unknown) throw new JsonFault(3005, `unknown field ${unknown}`);
	const parsed = schema.safeParse(raw);
	if (!parsed.success) throw new JsonFault(3004, `invalid value for ${parsed.error.issues[0].path.join('.')}`);
	return parsed.data as z.infer<T>;
}

function sheetDate(value: string | undefined, fallback: string): string {
	if (value === undefined) return fallback;
	const date = /^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/.test(value) ? normalDate(value) : undefined;
	if (!date) throw new JsonFault(3004, 'invalid value for expensesheetDate');
	return date;
}

const create: AreaHandler = (call) => {
	const area = expenseSheets(call.state);
	const queryCompany = companyOf(call, false);
	const rows = inputRows(call).map((raw) => {
		const row = rowOf(createRow, raw);
		for (const field of ['expensesheetSupplierCode', 'expensesheetCompany'] as const) {
			if (row[field] === undefined || row[field] === '') throw new JsonFault(3003, `mandatory field ${field} not supplied`);
		}
		const company = row.expensesheetCompany!;
		if (!call.state.companies.has(company) || !call.user.companies.includes(company)) throw new JsonFault(3004, `invalid company ${company}`);
		if (queryCompany && queryCompany.number !== company) throw new JsonFault(3004, `expensesheetCompany ${company} is not company ${queryCompany.number}`);
		const supplier = area.suppliers.find((s) => s.code.toLowerCase() === row.expensesheetSupplierCode!.toLowerCase());
		if (!supplier || !supplier.code.startsWith(`${company}/`)) throw new JsonFault(3001, `supplier ${row.expensesheetSupplierCode} not found`);
		return { row, company, supplier };
	});
	const seconds = Math.floor(call.clock / 1000);
	const data = rows.map(({ row, company, supplier }) => {
		const ref = area.nextRef++;
		const sheet: ExpenseSheet = {
			ref,
			uuid: uuidOf(`expensesheet:${ref}:${seconds}`),
			company,
			supplierCode: supplier.code,
			description: row.expensesheetDescription ?? '',
			date: sheetDate(row.expensesheetDate, new Date(call.clock).toISOString().slice(0, 10)),
			status: 'W',
			approved: false,
			created: seconds,
			statusChanged: 0,
			timestampModified: seconds,
			recordVersionNumber: 0,
			lines: [],
		};
		area.sheets.set(ref, sheet);
		return {
			expensesheetUuid: sheet.uuid,
			expensesheetInternalRef: ref,
			expensesheetTimestampModified: sheet.timestampModified,
			expensesheetRecordVersionNumber: sheet.recordVersionNumber,
		};
	});
	return written(data);
};

const update: AreaHandler = (call) => {
	const company = companyOf(call, true)!;
	const { sheets } = expenseSheets(call.state);
	const changes = inputRows(call).map((raw) => {
		const row = rowOf(updateRow, raw);
		if (row.expensesheetInternalRef === undefined) throw new JsonFault(3003, 'mandatory field expensesheetInternalRef not supplied');
		const sheet = sheets.get(row.expensesheetInternalRef);
		if (!sheet || sheet.company !== company.number) throw notFound(String(row.expensesheetInternalRef));
		if (sheet.status !== 'W' && sheet.status !== 'T') {
			throw new JsonFault(3002, `Expense sheet ${sheet.ref} cannot be changed: it is ${describeStatus(sheet)}`);
		}
		return { sheet, row, date: sheetDate(row.expensesheetDate, sheet.date) };
	});
	const data = changes.map(({ sheet, row, date }) => {
		if (row.expensesheetDescription !== undefined) sheet.description = row.expensesheetDescription;
		sheet.date = date;
		touch(call, sheet, false);
		return {
			expensesheetInternalRef: sheet.ref,
			expensesheetUuid: sheet.uuid,
			expensesheetTimestampModified: sheet.timestampModified,
			expensesheetRecordVersionNumber: sheet.recordVersionNumber,
		};
	});
	return written(data);
};

/** One sheet (`expensesheet=` / `uuid=`) or every sheet of `company=`, paged. */
const list: AreaHandler = (call) => {
	const area = expenseSheets(call.state);
	const { expensesheet, uuid } = call.params;
	if ((expensesheet ?? '') !== '' || (uuid ?? '') !== '') {
		// a key filter that matches nothing is an empty list, like every other read
		const sheet = findSheet(call);
		return paged(call, sheet ? [sheetListRow(area, sheet)] : []);
	}
	const company = companyOf(call, true)!;
	const rows = [...area.sheets.values()].filter((s) => s.company === company.number).sort((a, b) => a.ref - b.ref);
	return paged(call, rows, (sheet) => sheetListRow(area, sheet));
};

const lookup = (rows: unknown[]) => okEnvelope({ totalrows: rows.length, totalpages: 1, pagerows: 0, pagenumber: 1, data: rows });

const templateRows = () =>
	Object.entries(EXPENSE_PRINT_TEMPLATES).map(([code, description]) => ({
		menuClickAction: `EXPENSESHEETINPUTFILE REPORT ${code}`,
		menuDefault: false,
		menuDescription: description,
		menuExpanded: false,
		menuLevelName: 'EXPENSESHEETINPUTFILE',
		menuParameter: '',
		menuParentName: '',
		menuSort: '',
		menuSortDirection: '',
	}));

/** The sheet and template of a print; the reference names the sheet by `expensesheet=` only. */
function printOf(call: Call): { sheet: ExpenseSheet; code: string } {
	const sheet = oneSheet(call, { companyRequired: true, uuid: false });
	const code = call.actionArgument ?? '';
	if (!/^-?\d+$/.test(code)) throw new XmlFault(404500, `invalid action ${call.params.action}`);
	if (!EXPENSE_PRINT_TEMPLATES[code]) throw new JsonFault(3001, `print template ${code} not found`);
	return { sheet, code };
}

export const expenseSheetsArea: Area = {
	actions: {
		companylist: (call) => {
			// company is the call's context (checked), not a filter: the reference's example lists three companies
			companyOf(call, false);
			const rows = [...call.state.companies.values()]
				.filter((c) => call.user.companies.includes(c.number))
				.map((c) => ({
					companyUuid: uuidOf(`company:${c.number}`),
					companyModified: 1532083132,
					companyRecordVersionNumber: 3572,
					companyNumber: c.number,
					companyName: c.name,
				}));
			return lookup(rows);
		},
		supplierlist: (call) => {
			const company = companyOf(call, true)!;
			const rows = expenseSheets(call.state)
				.suppliers.filter((s) => s.code.startsWith(`${company.number}/`))
				.map((s, index) => ({
					supplieruuid: uuidOf(`expensesupplier:${s.code}`),
					supplierTimeStampModified: 1531309153,
					supplierRecordVersionNumber: 96 + index,
					supplierMultiCurrency: s.multiCurrency,
					supplierName: s.name,
					supplierCode: s.code,
				}));
			return lookup(rows);
		},
		expensesheetstatuses: (call) => {
			companyOf(call, true);
			const rows = [
				{ expensesheetSheetStatus: '', expensesheetSheetStatusDesc: '- All -', variable_selected: false },
				...Object.entries(SHEET_STATUSES).map(([code, desc]) => ({ expensesheetSheetStatus: code, expensesheetSheetStatusDesc: desc, variable_selected: false })),
			];
			return lookup(rows);
		},
		create,
		update,
		expensesheetlist: list,
		expensesheetlines: (call) => {
			const sheet = oneSheet(call);
			return lookup(
				sheet.lines.map((line) => lineRow(sheet, line)),
			);
		},
		expenselinedefaults: (call) => {
			const sheet = oneSheet(call);
			const last = sheet.lines.at(-1);
			return written(
				[{ expenselineSupplyType: last?.supplyType ?? '', expenselineRate: last?.rate ?? 0, expenselineTaxCode: last?.taxCode ?? 0, expenselineSheetInternal: sheet.ref }],
				`Expense sheet ${sheet.ref} line defaults.`,
			);
		},
		expensesheetinputprints: (call) => {
			oneSheet(call, { companyRequired: true });
			return lookup(templateRows());
		},
		'expensesheetinputprint <templatecode>': (call) => {
			const { sheet, code } = printOf(call);
			return written(
				[{ expensesheetAttachmentBase64Blob: printedSheetPdf(sheet.ref, code).toString('base64'), expensesheetAttachmentFilename: '.PDF' }],
				'PDF created successfully.',
			);
		},
		// "Print sheet straight to the browser": the reference shows no answer; a PDF download is what a browser gets.
		'expensesheetinputfile <templatecode>': (call) => {
			const { sheet, code } = printOf(call);
			return {
				status: 200,
				headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="ExpenseSheet${sheet.ref}.pdf"` },
				raw: printedSheetPdf(sheet.ref, code),
			};
		},
		expensesheetcopy: (call) => {
			const area = expenseSheets(call.state);
			const source = oneSheet(call, { companyRequired: true });
			const seconds = Math.floor(call.clock / 1000);
			const ref = area.nextRef++;
			const copy: ExpenseSheet = {
				...source,
				ref,
				uuid: uuidOf(`expensesheet:${ref}:${seconds}`),
				status: 'W',
				approved: false,
				created: seconds,
				statusChanged: 0,
				timestampModified: seconds,
				recordVersionNumber: 0,
				lines: source.lines.map((line) => ({ ...line, internal: area.nextLine++, status: 'W' })),
			};
			area.sheets.set(ref, copy);
			return written([{ expensesheetInternalRef: ref, expensesheetUuid: copy.uuid }], `Expense sheet ${source.ref} copied to ${ref}.`);
		},
		...Object.fromEntries(
			Object.keys(STEPS).flatMap((name) => [
				[`expensesheet${name}`, singleAction(name)],
				[`expensesheets${name}`, bulkAction(name)],
			]),
		),
	},
};
