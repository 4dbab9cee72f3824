import { z } from 'zod';

import { unsignedInt } from '../schemas';
import { uuidOf, type SynergistJob } from '../seed';
import {
	JsonFault,
	XmlFault,
	areaState,
	badParameter,
	inputRows,
	modelStructure,
	normalDate,
	okEnvelope,
	paged,
	parseJson,
	NOT_JSON,
	simple,
	styleOf,
	written,
	type Area,
	type AreaHandler,
	type Call,
	type SynergistState,
} from './types';

/**
 * tspending.json, pending (unposted) timesheets: the tspendingslist / tspendingdetails model reads, create / update /
 * delete, the workflow actions (pendingtimesheet, pendingcopy, pendingsubmit, pendingresubmit), the odd
 * timesheetsummary envelope, companysettings, userjobslist and the 24 timer actions (`timer` + verb + band).
 */

export const TIMER_VERBS = ['start', 'pause', 'resume', 'stop', 'cancel', 'discard', 'remove', 'elapsed'] as const;
export const TIMER_BANDS = ['normal', 'ot1', 'ot2'] as const;
export type TimerVerb = (typeof TIMER_VERBS)[number];
export type TimerBand = (typeof TIMER_BANDS)[number];

export type TimerStatus = '' | 'RUNNING' | 'PAUSED' | 'STOPPED';

export interface TspTimer {
	status: TimerStatus;
	/** Seconds timed before the current run (the reference gives no unit for tspTimerElapsed*). */
	elapsed: number;
	/** Emulator clock (ms) when the current run started, while RUNNING. */
	startedAt?: number;
	/** `YYYY-MM-DD` of the last start (`tspending_timerstartdate<band>`). */
	startDate: string;
	/** Hours a stop booked into the band, so that discard can take them back. */
	booked: number;
}

export interface TspEntry {
	company: number;
	tspEntryNo: number;
	tspUuid: string;
	tspTimeStampModified: number;
	tspRecordVersionNumber: number;
	tspJobAndPhase: string;
	tspTimeDate: string;
	tspResourceCode: string;
	tspChargeCode: string;
	tspMaterialCode: string;
	tspMatQuantity: number;
	tspHoursNormal: number;
	tspHoursOtime1: number;
	tspHoursOtime2: number;
	tspWorkDone: string;
	tspTaskDescription: string;
	tspStageCode: string;
	/** W unsubmitted, P submitted / being posted, A approved, Q queried, R rejected, H held. */
	tspApprovalStatus: 'W' | 'P' | 'A' | 'Q' | 'R' | 'H';
	tspApprovalNotes: string;
	tspApprovalNotesReSubmit: string;
	tspSubmitterNotes: string;
	timers: Record<TimerBand, TspTimer>;
}

interface TspResource {
	code: string;
	name: string;
	/** The Synergist user behind the resource (0: none). */
	userId: number;
	hoursRequired: number;
}

interface TspState {
	entries: Map<number, TspEntry>;
	nextEntryNo: number;
	/** companyTimesheetapproval per company. */
	approval: Map<number, boolean>;
}

/** Resources (staff) of the seed; `1/JON` is the API user, as in the reference's examples. */
export const TSP_RESOURCES: TspResource[] = [
	{ code: '1/JON', name: 'SYN_Jon', userId: 54, hoursRequired: 37.5 },
	{ code: '1/KAT', name: 'Kat Lewis', userId: 256, hoursRequired: 37.5 },
	{ code: '1/PR', name: 'Pat Reilly', userId: 0, hoursRequired: 22.5 },
	{ code: '1/USER', name: 'User', userId: 0, hoursRequired: 0 },
	{ code: '8/JON', name: 'SYN_Jon', userId: 54, hoursRequired: 40 },
];

/** Charge codes: description and whether the time is chargeable to the client. */
const CHARGE_CODES: Record<string, { description: string; chargeable: boolean }> = {
	MAC: { description: 'MAC Work', chargeable: true },
	ALT: { description: 'Amends New', chargeable: true },
	DES: { description: 'Design', chargeable: true },
	HK: { description: 'Creative Design', chargeable: false },
};
const MATERIALS: Record<string, string> = { A2CC: 'A2 Colour Proof', PRF: 'Laser proof' };
const STATUS_NAMES: Record<TspEntry['tspApprovalStatus'], string> = {
	W: 'Unsubmitted',
	P: 'Submitted',
	A: 'Approved',
	Q: 'Queried',
	R: 'Rejected',
	H: 'Held',
};
/** Statuses in which the user may still change, delete or time an entry. */
const EDITABLE = new Set(['W', 'Q', 'R']);
const MANDATORY = ['tspJobAndPhase', 'tspTimeDate', 'tspResourceCode'] as const;
const BAND_SUFFIX: Record<TimerBand, 'Normal' | 'Ot1' | 'Ot2'> = { normal: 'Normal', ot1: 'Ot1', ot2: 'Ot2' };
const BAND_HOURS: Record<TimerBand, 'tspHoursNormal' | 'tspHoursOtime1' | 'tspHoursOtime2'> = {
	normal: 'tspHoursNormal',
	ot1: 'tspHoursOtime1',
	ot2: 'tspHoursOtime2',
};

const looseNumber = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform(Number);
const looseInt = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(Number);
const text = z.string();

/** The writable fields of an entry, with the reference's spellings; anything else is refused. */
const entryFields = {
	tspJobAndPhase: text.optional(),
	tspTimeDate: text.optional(),
	tspResourceCode: text.optional(),
	tspChargeCode: text.optional(),
	tspMaterialCode: text.optional(),
	tspMatQuantity: looseNumber.optional(),
	tspHoursNormal: looseNumber.optional(),
	tspHoursOtime1: looseNumber.optional(),
	tspHoursOtime2: looseNumber.optional(),
	tspWorkDone: text.optional(),
	tspTaskDescription: text.optional(),
	tspStageCode: text.optional(),
	tspSubmitterNotes: text.optional(),
};
const createRow = z.object(entryFields).strict();
const updateRow = z.object({ tspEntryNo: looseInt, tspRecordVersionNumber: looseInt.optional(), ...entryFields }).strict();
const deleteRow = z.object({ tspEntryNo: looseInt }).strict();
/** The timer's input as its parameter table lists it (the example sends only `tspending=`). */
const timerRow = z
	.object({ tspJobAndPhase: text.optional(), tspTimeDate: text.optional(), tspResourceCode: text.optional(), tspResourceName: text.optional() })
	.strict();

const timer = (): TspTimer => ({ status: '', elapsed: 0, startDate: '0000-00-00', booked: 0 });

function seedEntries(): TspState {
	const entry = (no: number, fields: Partial<TspEntry> & Pick<TspEntry, 'tspJobAndPhase' | 'tspTimeDate' | 'tspResourceCode'>): TspEntry => ({
		company: Number(fields.tspJobAndPhase.split('/')[0]),
		tspEntryNo: no,
		tspUuid: uuidOf(`tspending:${no}`),
		tspTimeStampModified: 1490360812,
		tspRecordVersionNumber: 4,
		tspChargeCode: '',
		tspMaterialCode: '',
		tspMatQuantity: 0,
		tspHoursNormal: 0,
		tspHoursOtime1: 0,
		tspHoursOtime2: 0,
		tspWorkDone: '',
		tspTaskDescription: '',
		tspStageCode: '',
		tspApprovalStatus: 'W',
		tspApprovalNotes: '',
		tspApprovalNotesReSubmit: '',
		tspSubmitterNotes: '',
		timers: { normal: timer(), ot1: timer(), ot2: timer() },
		...fields,
	});
	const entries = [
		entry(686, {
			tspJobAndPhase: '1/00000072.001',
			tspTimeDate: '2011-11-01',
			tspResourceCode: '1/USER',
			tspChargeCode: '1/MAC',
			tspMaterialCode: '1/A2CC',
			tspMatQuantity: 1,
			tspRecordVersionNumber: 11,
		}),
		entry(714, { tspJobAndPhase: '1/00000010.001', tspTimeDate: '2018-07-19', tspResourceCode: '1/JON', tspChargeCode: '1/DES' }),
		entry(2008, {
			tspJobAndPhase: '1/00000123.001',
			tspTimeDate: '2015-09-28',
			tspResourceCode: '1/JON',
			tspChargeCode: '1/ALT',
			tspHoursNormal: 1,
			tspHoursOtime1: 1,
			tspHoursOtime2: 1,
		}),
		entry(3601, { tspJobAndPhase: '1/00000124.001', tspTimeDate: '2018-06-04', tspResourceCode: '1/JON', tspChargeCode: '1/DES', tspHoursNormal: 3.5, tspApprovalStatus: 'A', tspWorkDone: 'Homepage layouts' }),
		entry(3602, { tspJobAndPhase: '1/00000124.001', tspTimeDate: '2018-06-05', tspResourceCode: '1/JON', tspChargeCode: '1/DES', tspHoursNormal: 2, tspApprovalStatus: 'P' }),
		entry(3605, {
			tspJobAndPhase: '1/00000072.001',
			tspTimeDate: '2018-06-06',
			tspResourceCode: '1/JON',
			tspChargeCode: '1/MAC',
			tspHoursNormal: 1.5,
			tspApprovalStatus: 'Q',
			tspApprovalNotes: 'Which artwork was this for?',
		}),
		entry(3607, { tspJobAndPhase: '1/00000010.001', tspTimeDate: '2018-06-07', tspResourceCode: '1/JON', tspChargeCode: '1/HK', tspHoursNormal: 1, tspApprovalStatus: 'R', tspApprovalNotes: 'Book to the client job' }),
		entry(3608, { tspJobAndPhase: '1/00000010.001', tspTimeDate: '2018-06-07', tspResourceCode: '1/JON', tspChargeCode: '1/HK', tspHoursNormal: 1 }),
		entry(3610, { tspJobAndPhase: '1/00000123.001', tspTimeDate: '2018-06-08', tspResourceCode: '1/KAT', tspChargeCode: '1/ALT', tspHoursNormal: 4, tspApprovalStatus: 'H' }),
		entry(3620, { tspJobAndPhase: '8/00800002.001', tspTimeDate: '2018-06-08', tspResourceCode: '8/JON', tspChargeCode: '8/DES', tspHoursNormal: 6, tspApprovalStatus: 'P' }),
	];
	return {
		entries: new Map(entries.map((e) => [e.tspEntryNo, e])),
		nextEntryNo: 3636,
		approval: new Map([
			[1, true],
			[8, false],
		]),
	};
}

/** The area's state (exported for tests that need to move a timer's clock). */
export const tspendingState = (state: SynergistState) => areaState(state, 'tspending', seedEntries);

const resourceOf = (code: string) => TSP_RESOURCES.find((r) => r.code.toLowerCase() === code.toLowerCase());
const jobOf = (state: SynergistState, jobAndPhase: string): SynergistJob | undefined => state.jobs.get(jobAndPhase.split('.')[0]);
const chargeOf = (code: string) => CHARGE_CODES[simple(code).toUpperCase()];
const round2 = (value: number) => Math.round(value * 100) / 100;

function phaseDescription(entry: TspEntry): string {
	return `Phase ${entry.tspJobAndPhase.split('.')[1] ?? ''}`;
}

/** Seconds on a band's timer now (the finished runs plus the current one). */
function elapsedOf(t: TspTimer, clock: number): number {
	return t.elapsed + (t.status === 'RUNNING' && t.startedAt !== undefined ? Math.max(0, Math.floor((clock - t.startedAt) / 1000)) : 0);
}

const timerFields = (entry: TspEntry, clock: number) => ({
	tspTimerElapsedNormal: elapsedOf(entry.timers.normal, clock),
	tspTimerElapsedOt1: elapsedOf(entry.timers.ot1, clock),
	tspTimerElapsedOt2: elapsedOf(entry.timers.ot2, clock),
	tspTimerStatusNormal: entry.timers.normal.status,
	tspTimerStatusOt1: entry.timers.ot1.status,
	tspTimerStatusOt2: entry.timers.ot2.status,
});

/** The full row of create and timesheetpendinglist, field for field as the reference's examples. */
function fullRow(state: SynergistState, entry: TspEntry, clock: number) {
	const job = jobOf(state, entry.tspJobAndPhase);
	const editable = EDITABLE.has(entry.tspApprovalStatus);
	const hours = entry.tspHoursNormal + entry.tspHoursOtime1 + entry.tspHoursOtime2;
	return {
		tspUuid: entry.tspUuid,
		tspTimeStampModified: entry.tspTimeStampModified,
		tspRecordVersionNumber: entry.tspRecordVersionNumber,
		tspApprovalStatus: entry.tspApprovalStatus,
		tspChargeCode: entry.tspChargeCode,
		tspComplete: '',
		tspDiaryInternal: 0,
		tspEntryNo: entry.tspEntryNo,
		tspHoursNormal: entry.tspHoursNormal,
		tspHoursOtime1: entry.tspHoursOtime1,
		tspHoursOtime2: entry.tspHoursOtime2,
		tspJobAndPhase: entry.tspJobAndPhase,
		tspMaterialCode: entry.tspMaterialCode,
		tspMatQuantity: entry.tspMatQuantity,
		tspTaskDescription: entry.tspTaskDescription,
		tspTimeDate: entry.tspTimeDate,
		tspWorkDone: entry.tspWorkDone,
		tspStageCode: entry.tspStageCode,
		tspApprovalStatusName: STATUS_NAMES[entry.tspApprovalStatus],
		tspChargeCodeDescription: chargeOf(entry.tspChargeCode)?.description ?? '',
		tspApproverNotes: entry.tspApprovalNotes,
		tspCompleteStages: false,
		tspCopy: 'Y',
		tspDelete: editable ? 'Y' : 'N',
		tspEdit: editable ? 'Y' : 'N',
		tspMaterials: entry.tspMaterialCode === '' ? 0 : 1,
		tspMovestages: false,
		// the create example answers tspSubmit "N" for an entry with no hours yet
		tspSubmit: editable && hours > 0 ? 'Y' : 'N',
		tspSubmitterNotes: entry.tspSubmitterNotes,
		...timerFields(entry, clock),
		tspPhaseDescription: phaseDescription(entry),
		tspJobPhaseNumberSimple: simple(entry.tspJobAndPhase),
		tspClientCode: job?.jobClientCode ?? '',
		tspJobClientName: (job && state.clients.get(job.jobClientCode)?.name) ?? '',
		tspPhaseJobDescription1stline: job?.jobDescription.split('\n')[0] ?? '',
		tspStageCurrentDescription: '',
		tspMatDescription: MATERIALS[simple(entry.tspMaterialCode)] ?? '',
		tspStageDescription: '',
	};
}

/** tspendingslist, as the reference's list example. */
function listRow(_state: SynergistState, entry: TspEntry) {
	return {
		tspUuid: entry.tspUuid,
		tspTimeStampModified: entry.tspTimeStampModified,
		tspRecordVersionNumber: entry.tspRecordVersionNumber,
		tspEntryNo: entry.tspEntryNo,
		tspJobAndPhase: entry.tspJobAndPhase,
		tspStageCode: entry.tspStageCode,
		tspStageDescription: '',
		tspTaskDescription: entry.tspTaskDescription,
		tspChargeCode: entry.tspChargeCode,
		tspChargeCodeDescription: chargeOf(entry.tspChargeCode)?.description ?? '',
		tspResourceCode: entry.tspResourceCode,
		tspResourceName: resourceOf(entry.tspResourceCode)?.name ?? '',
		tspMaterialCode: entry.tspMaterialCode,
		tspMatQuantity: entry.tspMatQuantity,
		tspHoursNormal: entry.tspHoursNormal,
		tspHoursOtime1: entry.tspHoursOtime1,
		tspHoursOtime2: entry.tspHoursOtime2,
		tspTimeDate: entry.tspTimeDate,
	};
}

/** tspendingdetails, as the reference's details example. */
function detailsRow(state: SynergistState, entry: TspEntry) {
	return {
		...listRow(state, entry),
		tspApprovalStatus: entry.tspApprovalStatus,
		tspApprovalNotes: entry.tspApprovalNotes,
		tspApprovalNotesReSubmit: entry.tspApprovalNotesReSubmit,
		tspWorkDone: entry.tspWorkDone,
		tspTimeDate: entry.tspTimeDate,
	};
}

const MODELS: Record<string, (state: SynergistState, entry: TspEntry) => Record<string, unknown>> = {
	tspendingslist: listRow,
	tspendingdetails: detailsRow,
};

/** `company=1` or `company=[1,5,8]`; each must be one of the user's. Undefined when optional and absent. */
function companiesOf(call: Call, required: boolean): number[] | undefined {
	const raw = (call.params.company ?? '').trim();
	if (raw === '') {
		if (required) throw new XmlFault(404501, 'company not specified');
		return undefined;
	}
	const parsed = raw.startsWith('[') ? parseJson(raw) : raw;
	const list = parsed === NOT_JSON ? undefined : Array.isArray(parsed) ? parsed : [parsed];
	const numbers = list?.map((value) => (unsignedInt.safeParse(String(value)).success ? Number(value) : NaN));
	if (!numbers?.length || numbers.some((n) => !call.state.companies.has(n) || !call.user.companies.includes(n))) {
		throw new XmlFault(404501, `invalid company ${raw}`);
	}
	return numbers;
}

/** `resource=1/jon` or `resource=["1/JON","1/KAT"]` (case-insensitive codes). */
function resourcesOf(call: Call): string[] | undefined {
	const raw = (call.params.resource ?? '').trim();
	if (raw === '') return undefined;
	const parsed = raw.startsWith('[') ? parseJson(raw) : raw;
	const list = parsed === NOT_JSON ? undefined : Array.isArray(parsed) ? parsed : [parsed];
	if (!list?.length || list.some((code) => typeof code !== 'string' || !/^\d+\/[A-Za-z0-9_]{1,20}$/.test(code))) {
		throw badParameter('resource', raw);
	}
	return (list as string[]).map((code) => code.toLowerCase());
}

function dateParam(call: Call, name: string): string | undefined {
	const raw = call.params[name];
	if (raw === undefined || raw === '') return undefined;
	const date = /^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/.test(raw) ? normalDate(raw) : undefined;
	if (!date) throw badParameter(name, raw);
	return date;
}

/** `timestampfrom`/`timestampto`: epoch seconds (as the …TimeStampModified fields) or a date and time. */
function timestampParam(call: Call, name: string): number | undefined {
	const raw = call.params[name];
	if (raw === undefined || raw === '') return undefined;
	const value = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw) / 1000;
	if (!Number.isFinite(value)) throw badParameter(name, raw);
	return value;
}

function entryNoParam(call: Call, required: boolean): number | undefined {
	const raw = call.params.tspending;
	if (raw === undefined || raw === '') {
		if (required) throw new XmlFault(404504, 'tspending not specified');
		return undefined;
	}
	if (!unsignedInt.safeParse(raw).success) throw badParameter('tspending', raw);
	return Number(raw);
}

/** The key field filters of the reference that apply to timesheets. */
function filtered(call: Call, companies: number[] | undefined, entries: Iterable<TspEntry>): TspEntry[] {
	const { params, state } = call;
	const resources = resourcesOf(call);
	const entryNo = entryNoParam(call, false);
	const [date, from, to] = [dateParam(call, 'date'), dateParam(call, 'datefrom'), dateParam(call, 'dateto')];
	const [stampFrom, stampTo] = [timestampParam(call, 'timestampfrom'), timestampParam(call, 'timestampto')];
	const lower = (name: string) => (params[name] ?? '').trim().toLowerCase();
	const search = lower('search');
	return [...entries]
		.filter((e) => companies === undefined || companies.includes(e.company))
		.filter((e) => resources === undefined || resources.includes(e.tspResourceCode.toLowerCase()))
		.filter((e) => entryNo === undefined || e.tspEntryNo === entryNo)
		.filter((e) => date === undefined || e.tspTimeDate === date)
		.filter((e) => (from === undefined || e.tspTimeDate >= from) && (to === undefined || e.tspTimeDate <= to))
		.filter((e) => (stampFrom === undefined || e.tspTimeStampModified >= stampFrom) && (stampTo === undefined || e.tspTimeStampModified <= stampTo))
		.filter((e) => lower('job') === '' || e.tspJobAndPhase.split('.')[0].toLowerCase() === lower('job'))
		.filter((e) => lower('jobphase') === '' || e.tspJobAndPhase.toLowerCase() === lower('jobphase'))
		.filter((e) => lower('client') === '' || jobOf(state, e.tspJobAndPhase)?.jobClientCode.toLowerCase() === lower('client'))
		.filter((e) => lower('uuid') === '' || e.tspUuid.toLowerCase() === lower('uuid'))
		.filter((e) => search === '' || `${e.tspJobAndPhase} ${e.tspWorkDone} ${e.tspTaskDescription}`.toLowerCase().includes(search))
		.sort((a, b) => (a.tspTimeDate === b.tspTimeDate ? a.tspEntryNo - b.tspEntryNo : a.tspTimeDate < b.tspTimeDate ? -1 : 1));
}

const readEntries: AreaHandler = (call) => {
	const { params, state } = call;
	const companies = companiesOf(call, true)!;
	const modelName = (params.modelstructure ?? 'tspendingslist').toLowerCase();
	const model = MODELS[modelName];
	if (!model) throw badParameter('modelstructure', params.modelstructure);
	const store = tspendingState(state);
	if (styleOf(call) === 'modelstructure') {
		return modelStructure(model(state, store.entries.get(2008) ?? [...store.entries.values()][0]), 'tsp', new Set(MANDATORY));
	}
	return paged(call, filtered(call, companies, store.entries.values()), (e) => model(state, e));
};

/** An entry the call may see: in the call's company when one is given. */
function entryOf(call: Call, entryNo: number, companies?: number[]): TspEntry {
	const entry = tspendingState(call.state).entries.get(entryNo);
	const companyOk = entry !== undefined && call.user.companies.includes(entry.company) && (companies === undefined || companies.includes(entry.company));
	if (!entry || !companyOk) throw new JsonFault(2002, `TS pending record ${entryNo} not found`);
	return entry;
}

function touch(entry: TspEntry, clock: number) {
	entry.tspTimeStampModified = Math.floor(clock / 1000);
	entry.tspRecordVersionNumber++;
}

function refuseLocked(entry: TspEntry, what: string) {
	if (!EDITABLE.has(entry.tspApprovalStatus)) {
		throw new JsonFault(2003, `TS pending record ${entry.tspEntryNo} is ${STATUS_NAMES[entry.tspApprovalStatus].toLowerCase()} and cannot be ${what}`);
	}
}

function parseRow<S extends z.ZodTypeAny>(schema: S, raw: Record<string, unknown>, known: readonly string[]): z.output<S> {
	const unknown = Object.keys(raw).find((key) => !known.includes(key));
	if (unknown) throw new JsonFault(2005, `unknown field ${unknown}`);
	const parsed = schema.safeParse(raw);
	if (!parsed.success) throw new JsonFault(2004, `invalid value for ${parsed.error.issues[0].path.join('.')}`);
	return parsed.data as z.output<S>;
}

/** Checks the writable fields of a create or update against the company and the seed's codes. */
function applyFields(call: Call, company: number, entry: TspEntry, row: z.output<typeof createRow>) {
	const inCompany = (code: string) => code.startsWith(`${company}/`);
	if (row.tspJobAndPhase !== undefined) {
		const job = /^\d+\/[A-Za-z0-9]{1,10}\.[A-Za-z0-9]{1,10}$/.test(row.tspJobAndPhase) ? jobOf(call.state, row.tspJobAndPhase) : undefined;
		if (!job || !inCompany(row.tspJobAndPhase)) throw new JsonFault(2002, `job and phase ${row.tspJobAndPhase} not found`);
		entry.tspJobAndPhase = `${job.jobNumber}.${row.tspJobAndPhase.split('.')[1]}`;
	}
	if (row.tspTimeDate !== undefined) {
		const date = /^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/.test(row.tspTimeDate) ? normalDate(row.tspTimeDate) : undefined;
		if (!date) throw new JsonFault(2004, 'invalid value for tspTimeDate');
		entry.tspTimeDate = date;
	}
	if (row.tspResourceCode !== undefined) {
		const resource = resourceOf(row.tspResourceCode);
		if (!resource || !inCompany(resource.code)) throw new JsonFault(2002, `resource ${row.tspResourceCode} not found`);
		entry.tspResourceCode = resource.code;
	}
	if (row.tspChargeCode !== undefined && row.tspChargeCode !== '') {
		if (!chargeOf(row.tspChargeCode) || !inCompany(row.tspChargeCode)) throw new JsonFault(2002, `charge code ${row.tspChargeCode} not found`);
		entry.tspChargeCode = `${company}/${simple(row.tspChargeCode).toUpperCase()}`;
	}
	if (row.tspMaterialCode !== undefined && row.tspMaterialCode !== '') {
		if (!MATERIALS[simple(row.tspMaterialCode).toUpperCase()] || !inCompany(row.tspMaterialCode)) {
			throw new JsonFault(2002, `material ${row.tspMaterialCode} not found`);
		}
		entry.tspMaterialCode = `${company}/${simple(row.tspMaterialCode).toUpperCase()}`;
	}
	for (const field of ['tspHoursNormal', 'tspHoursOtime1', 'tspHoursOtime2', 'tspMatQuantity'] as const) {
		const value = row[field];
		if (value === undefined) continue;
		if (value < 0 || (field !== 'tspMatQuantity' && value > 24)) throw new JsonFault(2004, `invalid value for ${field}`);
		entry[field] = value;
	}
	for (const field of ['tspWorkDone', 'tspTaskDescription', 'tspStageCode', 'tspSubmitterNotes'] as const) {
		if (row[field] !== undefined) entry[field] = row[field];
	}
}

/** A new entry from a create row, checked but not yet stored. */
function plannedEntry(call: Call, company: number, raw: Record<string, unknown>): TspEntry {
	const row = parseRow(createRow, raw, Object.keys(entryFields));
	for (const field of MANDATORY) {
		if (row[field] === undefined || row[field] === '') throw new JsonFault(2001, `mandatory field ${field} not supplied`);
	}
	const entry: TspEntry = {
		company,
		tspEntryNo: 0,
		tspUuid: '',
		tspTimeStampModified: Math.floor(call.clock / 1000),
		tspRecordVersionNumber: 0,
		tspJobAndPhase: '',
		tspTimeDate: '',
		tspResourceCode: '',
		tspChargeCode: `${company}/MAC`,
		tspMaterialCode: '',
		tspMatQuantity: 0,
		tspHoursNormal: 0,
		tspHoursOtime1: 0,
		tspHoursOtime2: 0,
		tspWorkDone: '',
		tspTaskDescription: '',
		tspStageCode: '',
		tspApprovalStatus: 'W',
		tspApprovalNotes: '',
		tspApprovalNotesReSubmit: '',
		tspSubmitterNotes: '',
		timers: { normal: timer(), ot1: timer(), ot2: timer() },
	};
	applyFields(call, company, entry, row);
	return entry;
}

function storeEntry(call: Call, entry: TspEntry): TspEntry {
	const store = tspendingState(call.state);
	entry.tspEntryNo = store.nextEntryNo++;
	entry.tspUuid = uuidOf(`tspending:${entry.tspEntryNo}:${call.clock}`);
	store.entries.set(entry.tspEntryNo, entry);
	return entry;
}

const createEntries: AreaHandler = (call) => {
	const companies = companiesOf(call, true)!;
	if (companies.length !== 1) throw new XmlFault(404501, `invalid company ${call.params.company}`);
	// all rows are checked before any is written
	const planned = inputRows(call).map((raw) => plannedEntry(call, companies[0], raw));
	const created = planned.map((entry) => fullRow(call.state, storeEntry(call, entry), call.clock));
	return okEnvelope({ totalrows: created.length, totalpages: 1, pagerows: 0, pagenumber: 1, data: created });
};

const updateEntries: AreaHandler = (call) => {
	const { clock } = call;
	const companies = companiesOf(call, true)!;
	const plans = inputRows(call).map((raw) => {
		const row = parseRow(updateRow, raw, ['tspEntryNo', 'tspRecordVersionNumber', ...Object.keys(entryFields)]);
		const entry = entryOf(call, row.tspEntryNo, companies);
		refuseLocked(entry, 'changed');
		if (row.tspRecordVersionNumber !== undefined && row.tspRecordVersionNumber !== entry.tspRecordVersionNumber) {
			throw new JsonFault(2006, `TS pending record ${entry.tspEntryNo} was changed by another user (record version ${entry.tspRecordVersionNumber})`);
		}
		const draft: TspEntry = { ...entry, timers: entry.timers };
		applyFields(call, entry.company, draft, row);
		return { entry, draft };
	});
	const data = plans.map(({ entry, draft }) => {
		Object.assign(entry, draft);
		touch(entry, clock);
		return {
			tspTimerStatusNormal: entry.timers.normal.status,
			tspTimerStatusOt1: entry.timers.ot1.status,
			tspTimerStatusOt2: entry.timers.ot2.status,
			tspEntryNo: entry.tspEntryNo,
			tspUuid: entry.tspUuid,
			tspTimeStampModified: entry.tspTimeStampModified,
			tspRecordVersionNumber: entry.tspRecordVersionNumber,
		};
	});
	return written(data);
};

const deleteEntries: AreaHandler = (call) => {
	const { state, clock } = call;
	const companies = companiesOf(call, true)!;
	const entries = inputRows(call).map((raw) => {
		const entry = entryOf(call, parseRow(deleteRow, raw, ['tspEntryNo']).tspEntryNo, companies);
		refuseLocked(entry, 'deleted');
		return entry;
	});
	const store = tspendingState(state);
	return written(
		entries.map((entry) => {
			store.entries.delete(entry.tspEntryNo);
			// the reference's delete answer spells the version key this way
			return { tspUuid: entry.tspUuid, tspEntryNo: entry.tspEntryNo, tspTimeStampModified: Math.floor(clock / 1000), tspending_recordversionnumber: 0 };
		}),
	);
};

/** The entry of a `tspending=` workflow action (company optional, as in the reference's examples). */
const actionEntry = (call: Call) => entryOf(call, entryNoParam(call, true)!, companiesOf(call, false));

const pendingTimesheet: AreaHandler = (call) => {
	const entry = actionEntry(call);
	const row = {
		tspUuid: entry.tspUuid,
		tspTimeStampModified: entry.tspTimeStampModified,
		tspRecordVersionNumber: entry.tspRecordVersionNumber,
		tspApprovalNotesReSubmit: entry.tspApprovalNotesReSubmit,
		tspApprovalNotes: entry.tspApprovalNotes,
		tspApprovalStatus: entry.tspApprovalStatus,
		tspChargeCode: entry.tspChargeCode,
		tspComplete: '',
		tspEntryNo: entry.tspEntryNo,
		tspHoursNormal: entry.tspHoursNormal,
		tspHoursOtime1: entry.tspHoursOtime1,
		tspHoursOtime2: entry.tspHoursOtime2,
		tspJobAndPhase: entry.tspJobAndPhase,
		tspMaterialCode: entry.tspMaterialCode,
		tspMatQuantity: entry.tspMatQuantity,
		tspResourceCode: entry.tspResourceCode,
		tspTaskDescription: entry.tspTaskDescription,
		tspWorkDone: entry.tspWorkDone,
		tspChargeCodeDescription: chargeOf(entry.tspChargeCode)?.description ?? '',
		tspMatDescription: MATERIALS[simple(entry.tspMaterialCode)] ?? '',
		// the reference's example answers an empty name here
		tspResourceName: '',
	};
	return okEnvelope({ totalrows: 1, totalpages: 1, pagerows: 0, pagenumber: 1, data: [row] });
};

const pendingCopy: AreaHandler = (call) => {
	const source = actionEntry(call);
	const store = tspendingState(call.state);
	const copy: TspEntry = {
		...source,
		tspEntryNo: store.nextEntryNo++,
		tspTimeStampModified: Math.floor(call.clock / 1000),
		tspRecordVersionNumber: 0,
		tspApprovalStatus: 'W',
		tspApprovalNotes: '',
		tspApprovalNotesReSubmit: '',
		timers: { normal: timer(), ot1: timer(), ot2: timer() },
	};
	copy.tspUuid = uuidOf(`tspending:${copy.tspEntryNo}:${call.clock}`);
	store.entries.set(copy.tspEntryNo, copy);
	return written([{ tspEntryNo: copy.tspEntryNo, tspUuid: copy.tspUuid }], `TS pending ${source.tspEntryNo} record copied to ${copy.tspEntryNo}`);
};

const pendingSubmit: AreaHandler = (call) => {
	const entry = actionEntry(call);
	if (entry.tspApprovalStatus !== 'W') {
		throw new JsonFault(2003, `TS pending record ${entry.tspEntryNo} is ${STATUS_NAMES[entry.tspApprovalStatus].toLowerCase()}: only unsubmitted records can be submitted`);
	}
	if (entry.tspHoursNormal + entry.tspHoursOtime1 + entry.tspHoursOtime2 <= 0) throw new JsonFault(2004, `TS pending record ${entry.tspEntryNo} has no hours to submit`);
	if (Object.values(entry.timers).some((t) => t.status === 'RUNNING' || t.status === 'PAUSED')) {
		throw new JsonFault(2003, `TS pending record ${entry.tspEntryNo} has a timer running: stop it first`);
	}
	// without timesheet approval in the company, a submitted record goes straight to posting
	entry.tspApprovalStatus = tspendingState(call.state).approval.get(entry.company) ? 'P' : 'A';
	touch(entry, call.clock);
	return written(undefined, 'TS pending record(s) submitted');
};

const pendingResubmit: AreaHandler = (call) => {
	const entry = actionEntry(call);
	if (entry.tspApprovalStatus !== 'Q' && entry.tspApprovalStatus !== 'R') {
		throw new JsonFault(2003, `TS pending record ${entry.tspEntryNo} is ${STATUS_NAMES[entry.tspApprovalStatus].toLowerCase()}: only queried or rejected records can be resubmitted`);
	}
	entry.tspApprovalNotesReSubmit = entry.tspSubmitterNotes;
	entry.tspApprovalStatus = 'P';
	touch(entry, call.clock);
	return written(undefined, 'TS pending record resubmitted');
};

/** Monday-to-Sunday week of `day` (UTC dates). */
function weekOf(day: string): string[] {
	const start = new Date(`${day}T00:00:00Z`);
	start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
	return Array.from({ length: 7 }, (_, i) => new Date(start.getTime() + i * 86400000).toISOString().slice(0, 10));
}

const LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The caller's week in the company: an empty `data` and the grid in extra top-level arrays, as the reference shows. */
const timesheetSummary: AreaHandler = (call) => {
	const [company] = companiesOf(call, true)!;
	const days = weekOf(new Date(call.clock).toISOString().slice(0, 10));
	const mine = TSP_RESOURCES.filter((r) => r.userId === call.user.userUserId && r.code.startsWith(`${company}/`));
	const entries = [...tspendingState(call.state).entries.values()].filter(
		(e) => e.company === company && mine.some((r) => r.code === e.tspResourceCode) && days.includes(e.tspTimeDate),
	);
	const band = (key: 'tspHoursNormal' | 'tspHoursOtime1' | 'tspHoursOtime2', name: '' | 'Ot1' | 'Ot2') => {
		const row: Record<string, number> = {};
		const sum = (list: TspEntry[]) => round2(list.reduce((total, e) => total + e[key], 0));
		row[`tspTssChargeable${name}Total`] = sum(entries.filter((e) => chargeOf(e.tspChargeCode)?.chargeable));
		days.forEach((day, i) => (row[`tspTssDay${i}${name}Total`] = sum(entries.filter((e) => e.tspTimeDate === day))));
		row[`tspTssNonChargeable${name}Total`] = sum(entries.filter((e) => !chargeOf(e.tspChargeCode)?.chargeable));
		return row;
	};
	const all = (chargeable: boolean) =>
		round2(entries.filter((e) => Boolean(chargeOf(e.tspChargeCode)?.chargeable) === chargeable).reduce((t, e) => t + e.tspHoursNormal + e.tspHoursOtime1 + e.tspHoursOtime2, 0));
	return okEnvelope({
		totalrows: 0,
		totalpages: 1,
		pagerows: 0,
		pagenumber: 1,
		data: [],
		dates: [Object.fromEntries(days.map((day, i) => [`tspTssDay${i}Date`, day]))],
		labels: [Object.fromEntries(LABELS.map((label, i) => [`tspTssDay${i}Label`, label]))],
		ot1totals: [band('tspHoursOtime1', 'Ot1')],
		ot2totals: [band('tspHoursOtime2', 'Ot2')],
		resource: [
			{
				tspTimeSheetHoursrequired: mine[0]?.hoursRequired ?? 0,
				tspTssResourceChargeable: all(true),
				tspTssResourceNonChargeable: all(false),
			},
		],
		totals: [band('tspHoursNormal', '')],
	});
};

const companySettings: AreaHandler = (call) => {
	const [number] = companiesOf(call, true)!;
	return okEnvelope({
		totalrows: 1,
		totalpages: 1,
		pagerows: 0,
		pagenumber: 1,
		data: [
			{
				companyUuid: uuidOf(`company:${number}`),
				companyModified: 1532083132,
				companyRecordVersionNumber: 3572,
				companyNumber: number,
				companyTimesheetapproval: tspendingState(call.state).approval.get(number) ?? false,
			},
		],
	});
};

/** Submitted records of a resource (W, the default status, is "not included in this API return data"). */
const timesheetPendingList: AreaHandler = (call) => {
	const companies = companiesOf(call, false);
	if (resourcesOf(call) === undefined) throw new XmlFault(404504, 'resource not specified');
	const rows = filtered(call, companies, tspendingState(call.state).entries.values()).filter((e) => e.tspApprovalStatus !== 'W');
	return paged(call, rows, (e) => fullRow(call.state, e, call.clock));
};

/**
 * The jobs a resource may book time to. The reference ends before this response: the emulator answers the open jobs the
 * resource's user handles plus those the resource already has pending time on, in jobslist field names.
 */
const userJobsList: AreaHandler = (call) => {
	const { state } = call;
	const [company] = companiesOf(call, true)!;
	const codes = resourcesOf(call);
	if (codes === undefined) throw new XmlFault(404504, 'resource not specified');
	const resources = TSP_RESOURCES.filter((r) => codes.includes(r.code.toLowerCase()));
	const booked = new Set(
		[...tspendingState(state).entries.values()].filter((e) => resources.some((r) => r.code === e.tspResourceCode)).map((e) => e.tspJobAndPhase.split('.')[0]),
	);
	const jobs = [...state.jobs.values()]
		.filter((job) => job.company === company && !job.jobCompleted && !job.template)
		.filter((job) => booked.has(job.jobNumber) || resources.some((r) => r.userId !== 0 && r.userId === job.jobHandlerUserID))
		.sort((a, b) => (a.jobNumber < b.jobNumber ? -1 : 1));
	return paged(
		call,
		jobs,
		(job) => ({
			jobNumber: job.jobNumber,
			jobNumberSimple: simple(job.jobNumber),
			jobDescription1stLine: job.jobDescription.split('\n')[0],
			jobClientCode: job.jobClientCode,
			jobClientName: state.clients.get(job.jobClientCode)?.name ?? '',
			jobStatus: job.jobStatus,
		}),
	);
};

/**
 * The timer: `tspending=<entry>` (the example) or, when absent, the entry matching the table's input fields; a start
 * with input and no entry creates one. The reference does not say what each verb does: this emulator's rules are
 * start ''/STOPPED → RUNNING; pause RUNNING → PAUSED; resume PAUSED → RUNNING; stop RUNNING/PAUSED → STOPPED, booking the
 * timed hours into the band; cancel RUNNING/PAUSED → '' booking nothing; discard any → '' taking booked hours back;
 * remove STOPPED → '' keeping the hours; elapsed reads the seconds timed.
 */
function timerHandler(verb: TimerVerb, band: TimerBand): AreaHandler {
	return (call) => {
		const { state, clock } = call;
		const companies = companiesOf(call, false);
		const row = call.params.input === undefined ? undefined : parseRow(timerRow, inputRows(call)[0], ['tspJobAndPhase', 'tspTimeDate', 'tspResourceCode', 'tspResourceName']);
		const entryNo = entryNoParam(call, false);
		let entry: TspEntry | undefined;
		if (entryNo !== undefined) entry = entryOf(call, entryNo, companies);
		else if (row) {
			for (const field of MANDATORY) if (!row[field]) throw new JsonFault(2001, `mandatory field ${field} not supplied`);
			const date = normalDate(row.tspTimeDate!);
			entry = [...tspendingState(state).entries.values()].find(
				(e) =>
					e.tspJobAndPhase.toLowerCase() === row.tspJobAndPhase!.toLowerCase() &&
					e.tspTimeDate === date &&
					e.tspResourceCode.toLowerCase() === row.tspResourceCode!.toLowerCase() &&
					EDITABLE.has(e.tspApprovalStatus),
			);
			if (!entry && verb === 'start') {
				const { tspJobAndPhase, tspTimeDate, tspResourceCode } = row;
				const company = companies?.[0] ?? Number(tspJobAndPhase!.split('/')[0]);
				if (!call.user.companies.includes(company)) throw new XmlFault(404501, `invalid company ${company}`);
				entry = storeEntry(call, plannedEntry(call, company, { tspJobAndPhase, tspTimeDate, tspResourceCode }));
			}
			if (!entry) throw new JsonFault(2002, `TS pending record for ${row.tspJobAndPhase} on ${row.tspTimeDate} not found`);
		} else throw new XmlFault(404504, 'tspending not specified');

		const t = entry.timers[band];
		const refuse = (expected: string) => {
			throw new JsonFault(2003, `timer ${band} of TS pending record ${entry.tspEntryNo} is ${t.status === '' ? 'not started' : t.status.toLowerCase()}: cannot ${verb} (needs ${expected})`);
		};
		if (verb !== 'elapsed') refuseLocked(entry, 'timed');
		switch (verb) {
			case 'start':
				if (t.status !== '' && t.status !== 'STOPPED') refuse('a stopped or no timer');
				Object.assign(t, { status: 'RUNNING', elapsed: 0, startedAt: clock, startDate: new Date(clock).toISOString().slice(0, 10), booked: 0 });
				break;
			case 'pause':
				if (t.status !== 'RUNNING') refuse('a running timer');
				Object.assign(t, { status: 'PAUSED', elapsed: elapsedOf(t, clock), startedAt: undefined });
				break;
			case 'resume':
				if (t.status !== 'PAUSED') refuse('a paused timer');
				Object.assign(t, { status: 'RUNNING', startedAt: clock });
				break;
			case 'stop': {
				if (t.status !== 'RUNNING' && t.status !== 'PAUSED') refuse('a running or paused timer');
				const elapsed = elapsedOf(t, clock);
				const hours = round2(elapsed / 3600);
				Object.assign(t, { status: 'STOPPED', elapsed, startedAt: undefined, booked: hours });
				entry[BAND_HOURS[band]] = round2(entry[BAND_HOURS[band]] + hours);
				break;
			}
			case 'cancel':
				if (t.status !== 'RUNNING' && t.status !== 'PAUSED') refuse('a running or paused timer');
				Object.assign(t, timer());
				break;
			case 'discard':
				if (t.status === '') refuse('a timer');
				entry[BAND_HOURS[band]] = round2(Math.max(0, entry[BAND_HOURS[band]] - t.booked));
				Object.assign(t, timer());
				break;
			case 'remove':
				if (t.status !== 'STOPPED') refuse('a stopped timer');
				Object.assign(t, timer());
				break;
			case 'elapsed':
				break;
		}
		if (verb !== 'elapsed') touch(entry, clock);
		const suffix = BAND_SUFFIX[band];
		return okEnvelope({
			responsemessage: '',
			data: [
				{
					tspUuid: entry.tspUuid,
					tspEntryNo: entry.tspEntryNo,
					[`tspending_timerstartdate${band}`]: t.startDate,
					[`tspTimerStatus${suffix}`]: t.status,
					[`tspTimerElapsed${suffix}`]: elapsedOf(t, clock),
					[BAND_HOURS[band]]: entry[BAND_HOURS[band]],
				},
			],
		});
	};
}

const timerActions = Object.fromEntries(TIMER_VERBS.flatMap((verb) => TIMER_BANDS.map((band) => [`timer${verb}${band}`, timerHandler(verb, band)])));

export const tspendingArea: Area = {
	read: readEntries,
	actions: {
		create: createEntries,
		update: updateEntries,
		delete: deleteEntries,
		timesheetpendinglist: timesheetPendingList,
		timesheetsummary: timesheetSummary,
		companysettings: companySettings,
		pendingtimesheet: pendingTimesheet,
		pendingcopy: pendingCopy,
		pendingsubmit: pendingSubmit,
		pendingresubmit: pendingResubmit,
		userjobslist: userJobsList,
		...timerActions,
	},
};
