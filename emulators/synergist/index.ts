/**
 * Synergist API v3.2 emulator: `GET /jsonapi/<area>.json?…` with the credentials in the query string of every call.
 *
 * Authentication, as the reference describes it and as this emulator enforces it:
 * - `users.json?action=GETSHA512` with `user` + plain `password` answers the server's `userPasswordSha512`.
 * - Every other call carries `user` + `sha512password`. The real server also takes the plain `password` on every call;
 *   this emulator refuses that (ErrorID 404505) so tests prove the node never sends it (`acceptPlainPassword: true`
 *   restores the server's behaviour).
 * - The hash is server-side and salted (the reference's example hash is not sha512 of the example password), so it
 *   stays valid only while the server keeps that salt. `expireSessions()` re-salts every user, which is what a
 *   password re-save on the server does: the cached hash then meets the documented error signal, HTTP 404 with
 *   `<Responses><Error ErrorID="404002"><ErrorText>invalid credentials supplied</ErrorText>…`, and the same plain
 *   password gets the new hash from GETSHA512. `sessionTtlMs` re-salts a user's hash that long after it was made.
 *
 * Errors: request-level problems (credentials, unknown area or action, malformed parameters or `input`) answer the
 * documented HTTP 404 + XML; problems with the data of a valid request (missing mandatory input fields, unknown
 * client or template) answer HTTP 200 with the JSON error envelope (`success:false`, `errorcode`, `errormessage`),
 * the reference's other error form. A filter that matches nothing (e.g. `job=` of no job) is an empty success.
 */
import { createHash } from 'node:crypto';

import { now } from 'business-pack-devkit';

import { Emulator, type EmulatorRequest, type EmulatorResponse, type Route } from '../shared/emulator';
import type { VendorEmulator, VendorEmulatorOptions } from '../shared/types';
import { apiVersion, inputEnvelope, jobCode, jobCreateRow, unsignedInt, type JobCreateRow } from './schemas';
import {
	API_USER,
	DEFAULT_COMPANY,
	DEFAULT_SEED_COUNT,
	JOB_CUSTOM_FIELDS,
	JOB_STATUS,
	JOB_TYPES,
	TEAMS,
	VIEW_TYPES,
	newJob,
	seedClients,
	seedCompanies,
	seedJobs,
	seedUsers,
	seedViews,
	serverHash,
	uuidOf,
	type SynergistClient,
	type SynergistCompany,
	type SynergistJob,
	type SynergistUser,
	type SynergistView,
} from './seed';
export { API_USER, DEFAULT_COMPANY, DEFAULT_SEED_COUNT, serverHash } from './seed';
export type { SynergistClient, SynergistCompany, SynergistJob, SynergistUser, SynergistView } from './seed';

export interface SynergistEmulatorOptions extends VendorEmulatorOptions {
	/**
	 * Number of the first page. The reference's text says "page numbering starts at 0", yet every example sends
	 * page=1 and gets `"pagenumber": 1`, also when no page was sent. Default 1: page 0 (or none) is then served as
	 * page 1 and reported as `pagenumber: 1`. With 0, pages are 0-based throughout.
	 */
	firstPage?: 0 | 1;
	/** Page size when a read sends no `rows` (default 0 = all rows, as the examples without rows show pagerows 0). */
	defaultRows?: number;
	/** Accept the plain `password` on every call, as the real server does (default false, see above). */
	acceptPlainPassword?: boolean;
}

export interface SynergistState {
	companies: Map<number, SynergistCompany>;
	users: SynergistUser[];
	clients: Map<string, SynergistClient>;
	/** Jobs by job number (`1/00000510`). */
	jobs: Map<string, SynergistJob>;
	views: SynergistView[];
	counters: { hashesIssued: number; credentialRejections: number; saltRotations: number; jobsCreated: number };
}

export type SynergistEmulator = VendorEmulator<SynergistState> & {
	/** The hash GETSHA512 would answer now for a user (default: the API user). */
	currentHash(login?: string): string;
	/** Make a user's password something else (the cached hash and the old password both stop working). */
	changePassword(login: string, password: string): void;
};

/** Request-level error: HTTP 404 with the XML body the reference documents. */
class XmlFault extends Error {
	constructor(
		readonly errorId: number,
		text: string,
	) {
		super(text);
	}
}

/** Data-level error of a valid request: the JSON error envelope on HTTP 200. */
class JsonFault extends Error {
	constructor(
		readonly code: number,
		message: string,
	) {
		super(message);
	}
}

export const ERROR = {
	noCredentials: [404001, 'no credentials supplied'],
	invalidCredentials: [404002, 'invalid credentials supplied'],
	accountDisabled: [404003, 'account disabled'],
	notRecognized: [404004, 'request not recognized'],
} as const;

/** The reference's XML error document. */
export function xmlError(errorId: number, text: string): EmulatorResponse {
	const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	return {
		status: 404,
		headers: { 'content-type': 'text/xml; charset=UTF-8' },
		raw: `<Responses>\n    <Error ErrorID="${errorId}">\n        <ErrorText>${escaped}</ErrorText>\n    </Error>\n</Responses>`,
	};
}

const fault = ([id, text]: readonly [number, string]) => new XmlFault(id, text);

/** The reference spells parameters in varying case (Activityid, activityID, Modelstructure): read them case-insensitively. */
function lowerKeys(query: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(query).map(([key, value]) => [key.toLowerCase(), value]));
}

interface Call {
	params: Record<string, string>;
	user: SynergistUser;
	state: SynergistState;
	options: Required<Pick<SynergistEmulatorOptions, 'firstPage' | 'defaultRows'>>;
	clock: number;
}

type AreaHandler = (call: Call) => EmulatorResponse;

interface Area {
	/** The model read (no `action`): list, filter or details. */
	read?: AreaHandler;
	/** `action=…` handlers, keyed by the lower-cased action. */
	actions?: Record<string, AreaHandler>;
}

function okEnvelope(extra: Record<string, unknown>): EmulatorResponse {
	return {
		status: 200,
		body: {
			responsecode: 1,
			responsestatus: 'OK',
			errorcode: 0,
			errormessage: '',
			responsemessage: '',
			warningmessage: '',
			success: true,
			...extra,
		},
	};
}

/** Applies `page`/`rows` the way the examples show them and builds the multi-record envelope. */
function paged(call: Call, rows: unknown[]): EmulatorResponse {
	const { params, options } = call;
	for (const name of ['page', 'rows']) {
		if (params[name] !== undefined && !unsignedInt.safeParse(params[name]).success) {
			throw new XmlFault(404504, `invalid parameter ${name} ${params[name]}`);
		}
	}
	const size = params.rows === undefined ? options.defaultRows : Number(params.rows);
	const requested = params.page === undefined ? options.firstPage : Number(params.page);
	const pageNumber = Math.max(requested, options.firstPage);
	const index = pageNumber - options.firstPage;
	const totalpages = size > 0 ? Math.max(1, Math.ceil(rows.length / size)) : 1;
	const data = size > 0 ? rows.slice(index * size, index * size + size) : index === 0 ? rows : [];
	return okEnvelope({ totalrows: rows.length, totalpages, pagerows: size, pagenumber: pageNumber, data });
}

function jsonError(code: number, message: string): EmulatorResponse {
	return {
		status: 200,
		body: {
			responsecode: 0,
			responsestatus: 'ERROR',
			errorcode: code,
			errormessage: message,
			responsemessage: '',
			warningmessage: '',
			success: false,
		},
	};
}

function companyOf(call: Call, required: boolean): SynergistCompany | undefined {
	const raw = call.params.company;
	if (raw === undefined || raw === '') {
		if (required) throw new XmlFault(404501, 'company not specified');
		return undefined;
	}
	const company = unsignedInt.safeParse(raw).success ? call.state.companies.get(Number(raw)) : undefined;
	if (!company || !call.user.companies.includes(company.number)) throw new XmlFault(404501, `invalid company ${raw}`);
	return company;
}

// ---- system.json, users.json --------------------------------------------------------------------------------------

const systemVersion: AreaHandler = () =>
	okEnvelope({
		data: [
			{
				uuid: 'E646889F48DD423CA1300491A31E8C50',
				systemparameters_versionno: 12.2,
				systemparameters_versionrevision: 'd',
				variable_apiversion: '3.2',
			},
		],
	});

const getSha512: AreaHandler = (call) => {
	call.state.counters.hashesIssued++;
	const { user } = call;
	return okEnvelope({
		totalrows: 1,
		totalpages: 1,
		pagerows: 0,
		pagenumber: 1,
		data: [
			{
				userUserId: user.userUserId,
				userUuid: user.userUuid,
				userTimestampModified: user.userTimestampModified,
				userRecordVersionNumber: user.userRecordVersionNumber,
				userPasswordSha512: serverHash(user),
			},
		],
	});
};

// ---- views.json ---------------------------------------------------------------------------------------------------

const listViews: AreaHandler = (call) => {
	const type = VIEW_TYPES.find((t) => t.toLowerCase() === (call.params.type ?? '').toLowerCase());
	if (!type) throw new XmlFault(404504, `invalid parameter type ${call.params.type ?? ''}`);
	// Several companies are separated by carriage returns; none (or empty) means all views.
	const raw = call.params.company ?? '';
	const companies = raw.trim() === '' ? undefined : raw.split(/\r\n|\r|\n/).filter((c) => c.trim() !== '');
	if (companies?.some((c) => !unsignedInt.safeParse(c.trim()).success)) throw new XmlFault(404501, `invalid company ${raw}`);
	const numbers = companies?.map((c) => Number(c.trim()));
	const rows = call.state.views
		.filter((view) => view.type === type)
		.filter((view) => view.SettingsCompany === 0 || numbers === undefined || numbers.includes(view.SettingsCompany))
		.filter((view) => view.SettingsUserID === 0 || view.SettingsUserID === call.user.userUserId)
		.map((view) => {
			const row: Partial<SynergistView> = { ...view };
			delete row.type;
			delete row.matches;
			return row;
		});
	return paged(call, rows);
};

// ---- jobs.json ----------------------------------------------------------------------------------------------------

function clientName(state: SynergistState, code: string): string {
	return state.clients.get(code)?.name ?? '';
}

function userName(state: SynergistState, id: number): string {
	return state.users.find((u) => u.userUserId === id)?.fullName ?? '';
}

const simple = (code: string) => code.slice(code.indexOf('/') + 1);

/** The jobslist model, field for field as the reference's list example. */
function jobsListRow(state: SynergistState, job: SynergistJob) {
	return {
		jobUuid: job.jobUuid,
		jobTimeStampModified: job.jobTimeStampModified,
		jobRecommendedVersionNumber: job.jobRecommendedVersionNumber,
		jobDescription1stLine: job.jobDescription.split('\n')[0],
		jobCustomField185: job.custom.jobCustomField185 ?? '',
		jobCustomField290: job.custom.jobCustomField290 ?? '0000-00-00',
		jobThermProgress: '',
		jobThermValue: job.jobThermValue,
		jobThermWhitePoint: 110,
		jobOrderNumber: job.jobOrderNumber,
		jobContactFullName: state.clients.get(job.jobClientCode)?.contacts.find((c) => c.ref === job.jobContactInternalRef)?.fullName ?? '',
		jobHandlerFullName: userName(state, job.jobHandlerUserID),
		jobClientCode: job.jobClientCode,
		jobClientName: clientName(state, job.jobClientCode),
		jobCompleted: job.jobCompleted,
		jobDateIn: job.jobDateIn,
		jobDateDue: job.jobDateDue,
		jobNumber: job.jobNumber,
		jobNumberSimple: simple(job.jobNumber),
		jobStatus: job.jobStatus,
		jobStatusDescription: JOB_STATUS[job.jobStatus],
		jobJobtypeDescription: JOB_TYPES[simple(job.jobJobtypeCode)] ?? '',
		jobPriorityDescription: '',
		jobCurrencyCode: job.jobCurrencyCode,
		jobExchangeRate: job.jobExchangeRate,
	};
}

/** The jobdetails model, field for field as the reference's details example. */
function jobDetailsRow(state: SynergistState, job: SynergistJob) {
	const list = jobsListRow(state, job);
	return {
		jobUuid: job.jobUuid,
		jobTimeStampModified: job.jobTimeStampModified,
		jobRecommendedVersionNumber: job.jobRecommendedVersionNumber,
		jobDescription1stLine: list.jobDescription1stLine,
		jobWonBy: '',
		jobCustomField290: list.jobCustomField290,
		jobCustomField185: list.jobCustomField185,
		jobCustomField218: job.custom.jobCustomField218 ?? '',
		jobCurrencySymbol: simple(job.jobCurrencyCode),
		jobCurrency: simple(job.jobCurrencyCode),
		jobExchangeRate: job.jobExchangeRate,
		jobClientCode: job.jobClientCode,
		jobClientName: list.jobClientName,
		jobComments: job.jobComments,
		jobCurQuotedPrice: 0,
		jobDateIn: job.jobDateIn,
		jobDateDue: job.jobDateDue,
		jobCompletedDate: job.jobCompletedDate,
		jobDescription: job.jobDescription,
		jobNumber: job.jobNumber,
		jobStatus: job.jobStatus,
		jobStatusDescription: list.jobStatusDescription,
		jobLeadClosedDate: '0000-00-00',
		jobOrderNumber: job.jobOrderNumber,
		jobQuotedPrice: 0,
		jobReferenceJob: job.jobReferenceJob,
		jobTaxCode: 3,
		jobOppCurrentStatus: '',
		jobOppLeadRating: '',
		jobOppSource: '',
		jobOppWeighting: 75,
		jobStageNotes: '',
		jobHandlerUserID: job.jobHandlerUserID,
		jobHandlerFullName: list.jobHandlerFullName,
		jobHandlerTeam: job.jobHandlerTeam,
		jobTeamDescription: TEAMS[simple(job.jobHandlerTeam)] ?? '',
		jobCampaignNo: job.jobCampaignNo,
		jobCampaignDescription: '',
		jobContactInternalRef: job.jobContactInternalRef,
		jobContactFullName: list.jobContactFullName,
		jobCurrencyCode: job.jobCurrencyCode,
		jobJobtypeCode: job.jobJobtypeCode,
		jobJobtypeDescription: list.jobJobtypeDescription,
		jobProjectCode: job.jobProjectCode,
		jobProjectDescription: '',
		jobStagePriority: 10,
		jobPriorityDescription: '',
		jobWorkflowCode: '',
		jobCurrentStageDescription: '',
	};
}

const JOB_MODELS: Record<string, (state: SynergistState, job: SynergistJob) => Record<string, unknown>> = {
	jobslist: jobsListRow,
	jobdetails: jobDetailsRow,
};

function fieldType(value: unknown, name: string): string {
	if (typeof value === 'boolean') return 'boolean';
	if (typeof value === 'number') return 'number';
	if (/Date|CustomField290/.test(name)) return 'date';
	return 'text';
}

const MANDATORY_ON_CREATE = new Set(['varJobTemplate', 'jobClientCode']);

const readJobs: AreaHandler = (call) => {
	const { params, state } = call;
	const company = companyOf(call, true)!;
	const style = (params.style ?? 'modeldata').toLowerCase();
	if (style !== 'modeldata' && style !== 'modelstructure') throw new XmlFault(404504, `invalid parameter style ${params.style}`);
	const modelName = (params.modelstructure ?? 'jobslist').toLowerCase();
	const model = JOB_MODELS[modelName];
	if (!model) throw new XmlFault(404504, `invalid parameter modelstructure ${params.modelstructure}`);
	const sample = [...state.jobs.values()].find((job) => job.company === company.number)!;

	if (style === 'modelstructure') {
		const fields = Object.entries(model(state, sample)).map(([data, value], displayorder) => ({
			data,
			label: data.replace(/^job/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
			align: typeof value === 'number' ? 'right' : '',
			editable: !/Uuid|TimeStamp|VersionNumber|Description1stLine|FullName|Name$/.test(data),
			fieldtype: fieldType(value, data),
			displayorder,
			mandatory: MANDATORY_ON_CREATE.has(data),
		}));
		return okEnvelope({ totalrows: 0, totalpages: 1, pagerows: 0, pagenumber: 1, data: fields });
	}

	let view: SynergistView | undefined;
	if (params.view !== undefined && params.view !== '') {
		view = state.views.find(
			(v) =>
				v.type === 'Jobs' &&
				String(v.SettingsSettingsID).toLowerCase() === params.view.toLowerCase() &&
				(v.SettingsCompany === 0 || v.SettingsCompany === company.number) &&
				(v.SettingsUserID === 0 || v.SettingsUserID === call.user.userUserId),
		);
		if (!view) throw new XmlFault(404502, `invalid view ${params.view}`);
	}
	if (params.job !== undefined && !jobCode.safeParse(params.job).success) {
		throw new XmlFault(404504, `invalid parameter job ${params.job}`);
	}
	const search = (params.search ?? '').toLowerCase();
	const rows = [...state.jobs.values()]
		.filter((job) => job.company === company.number)
		.filter((job) => !view?.matches || view.matches(job, call.user))
		.filter((job) => params.job === undefined || job.jobNumber.toLowerCase() === params.job.toLowerCase())
		.filter((job) => params.client === undefined || job.jobClientCode.toLowerCase() === params.client.toLowerCase())
		.filter((job) => params.uuid === undefined || job.jobUuid === params.uuid.toUpperCase())
		.filter(
			(job) =>
				search === '' ||
				`${job.jobNumber} ${job.jobDescription} ${clientName(state, job.jobClientCode)}`.toLowerCase().includes(search),
		)
		.sort((a, b) => (a.jobNumber < b.jobNumber ? -1 : a.jobNumber > b.jobNumber ? 1 : 0));
	if (view?.settingsSortDirection === 'DESC') rows.reverse();
	return paged(
		call,
		rows.map((job) => model(state, job)),
	);
};

/** `YYYY-MM-DD` from the loose date forms the reference shows, or undefined when it is no real date. */
function normalDate(value: string): string | undefined {
	const [y, m, d] = value.split(/[-/]/).map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
	return date.toISOString().slice(0, 10);
}

interface PlannedJob {
	row: JobCreateRow;
	jobNumber: string;
	template: SynergistJob;
	dateIn: string;
	dateDue: string;
}

function planJob(call: Call, company: SynergistCompany, raw: Record<string, unknown>, taken: Set<string>): PlannedJob {
	const { state } = call;
	const unknown = Object.keys(raw).find((key) => !(key in jobCreateRow.shape));
	if (unknown) throw new JsonFault(2005, `unknown field ${unknown}`);
	const parsed = jobCreateRow.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new JsonFault(2004, `invalid value for ${issue.path.join('.')}`);
	}
	const row = parsed.data;
	for (const field of MANDATORY_ON_CREATE) {
		if (row[field as keyof JobCreateRow] === undefined || row[field as keyof JobCreateRow] === '') {
			throw new JsonFault(2001, `mandatory field ${field} not supplied`);
		}
	}
	const inCompany = (code: string) => code.startsWith(`${company.number}/`);
	const template = state.jobs.get(row.varJobTemplate!);
	if (!template || !inCompany(template.jobNumber)) throw new JsonFault(2002, `template job ${row.varJobTemplate} not found`);
	if (!state.clients.has(row.jobClientCode!) || !inCompany(row.jobClientCode!)) {
		throw new JsonFault(2002, `client ${row.jobClientCode} not found`);
	}
	if (row.jobStatus !== undefined && !JOB_STATUS[row.jobStatus]) throw new JsonFault(2004, `invalid value for jobStatus`);
	if (row.jobJobtypeCode !== undefined && row.jobJobtypeCode !== '' && (!inCompany(row.jobJobtypeCode) || !JOB_TYPES[simple(row.jobJobtypeCode)])) {
		throw new JsonFault(2002, `job type ${row.jobJobtypeCode} not found`);
	}
	if (row.jobHandlerTeam !== undefined && row.jobHandlerTeam !== '' && (!inCompany(row.jobHandlerTeam) || !TEAMS[simple(row.jobHandlerTeam)])) {
		throw new JsonFault(2002, `team ${row.jobHandlerTeam} not found`);
	}
	if (row.jobHandleruserid !== undefined && row.jobHandleruserid !== 0 && !state.users.some((u) => u.userUserId === row.jobHandleruserid)) {
		throw new JsonFault(2002, `handler ${row.jobHandleruserid} not found`);
	}

	let jobNumber: string;
	if (row.jobNumber !== undefined && row.jobNumber !== '') {
		if (!jobCode.safeParse(row.jobNumber).success || !inCompany(row.jobNumber) || simple(row.jobNumber).length > 8) {
			throw new JsonFault(2004, `invalid value for jobNumber`);
		}
		jobNumber = row.jobNumber;
	} else {
		const prefix = row.jobPrefixOnly ?? '';
		if (prefix !== '' && !company.manualPrefixes) throw new JsonFault(2004, `manual job prefixes are not allowed in company ${company.number}`);
		if (!/^[A-Za-z]{0,4}$/.test(prefix)) throw new JsonFault(2004, 'invalid value for jobPrefixOnly');
		do {
			jobNumber = `${company.number}/${prefix.toUpperCase()}${String(company.nextJobNumber++).padStart(8 - prefix.length, '0')}`;
		} while (state.jobs.has(jobNumber) || taken.has(jobNumber));
	}
	if (state.jobs.has(jobNumber) || taken.has(jobNumber)) throw new JsonFault(2003, `job number ${jobNumber} already exists`);
	taken.add(jobNumber);

	const dateIn = row.jobDateIn === undefined ? new Date(call.clock).toISOString().slice(0, 10) : normalDate(row.jobDateIn);
	if (!dateIn) throw new JsonFault(2004, 'invalid value for jobDateIn');
	let dateDue = row.jobDateDue === undefined ? undefined : normalDate(row.jobDateDue);
	if (row.jobDateDue !== undefined && !dateDue) throw new JsonFault(2004, 'invalid value for jobDateDue');
	// "If a due date is passed that is earlier than the start date no error is returned but the due date … is ignored"
	if (dateDue === undefined || dateDue < dateIn) {
		const days = (Date.parse(template.jobDateDue) - Date.parse(template.jobDateIn)) / 86400000;
		dateDue = new Date(Date.parse(dateIn) + Math.max(0, days) * 86400000).toISOString().slice(0, 10);
	}
	return { row, jobNumber, template, dateIn, dateDue };
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

const createJobs: AreaHandler = (call) => {
	const { params, state } = call;
	const company = companyOf(call, true)!;
	if (params.input === undefined || params.input === '') throw new XmlFault(404503, 'input not specified');
	const input = parseJson(params.input);
	if (input === NOT_JSON) throw new XmlFault(404503, 'invalid input: not valid JSON');
	const envelope = inputEnvelope.safeParse(input);
	if (!envelope.success) throw new XmlFault(404503, 'invalid input: expected {"data":[{…}]}');
	const nextNumber = company.nextJobNumber;
	const taken = new Set<string>();
	let plans: PlannedJob[] | undefined;
	try {
		plans = envelope.data.data.map((row) => planJob(call, company, row, taken));
	} finally {
		// A refused batch does not use up job numbers.
		if (!plans) company.nextJobNumber = nextNumber;
	}
	const created = plans!.map(({ row, jobNumber, template, dateIn, dateDue }) => {
		const base = newJob(company.number, jobNumber, [...state.clients.values()], call.clock);
		const custom = { ...base.custom };
		for (const name of Object.keys(JOB_CUSTOM_FIELDS)) {
			const value = row[name as keyof JobCreateRow];
			if (typeof value === 'string') custom[name] = value;
		}
		const client = state.clients.get(row.jobClientCode!)!;
		const job: SynergistJob = {
			...base,
			jobUuid: uuidOf(`job:${jobNumber}:${state.counters.jobsCreated}`),
			jobDescription: row.jobDescription ?? template.jobDescription,
			jobComments: row.jobComments ?? '',
			jobClientCode: client.code,
			jobDateIn: dateIn,
			jobDateDue: dateDue,
			jobStatus: row.jobStatus ?? 1,
			jobReferenceJob: row.jobReferenceJob ?? template.jobNumber,
			jobJobtypeCode: row.jobJobtypeCode || template.jobJobtypeCode,
			jobHandlerUserID: row.jobHandleruserid ?? 0,
			jobHandlerTeam: row.jobHandlerTeam ?? template.jobHandlerTeam,
			jobContactInternalRef: row.jobContactInternalRef ?? 0,
			jobProjectCode: row.jobProjectCode ?? 0,
			jobCampaignNo: row.jobCampaignNo ?? 0,
			jobCurrencyCode: template.jobCurrencyCode,
			jobExchangeRate: template.jobExchangeRate,
			custom,
			template: false,
		};
		state.jobs.set(job.jobNumber, job);
		state.counters.jobsCreated++;
		return {
			jobNumber: job.jobNumber,
			jobUuid: job.jobUuid,
			jobTimeStampModified: job.jobTimeStampModified,
			jobRecommendedVersionNumber: job.jobRecommendedVersionNumber,
		};
	});
	return okEnvelope({ responsemessage: 'data processed successfully.', data: created });
};

// ---- the API ------------------------------------------------------------------------------------------------------

/** The areas this emulator serves, with their model read and actions. */
export const AREAS: Record<string, Area> = {
	system: { actions: { version: systemVersion } },
	users: { actions: { getsha512: getSha512 } },
	views: { read: listViews },
	jobs: { read: readJobs, actions: { create: createJobs } },
};

/** The operation label of a request: `GETSHA512`, `jobs:GETJOB`, `jobs:LIST`, `jobs:CREATE`, `views:LIST`, … */
export function synergistOperation(req: EmulatorRequest): string | undefined {
	const match = /^\/jsonapi\/([A-Za-z]+)\.json$/i.exec(req.path);
	if (!match) return undefined;
	const area = match[1].toLowerCase();
	const params = lowerKeys(req.query);
	const action = (params.action ?? '').toUpperCase();
	if (area === 'users' && action === 'GETSHA512') return 'GETSHA512';
	if (action !== '') return `${area}:${action}`;
	if ((params.style ?? '').toLowerCase() === 'modelstructure') return `${area}:STRUCTURE`;
	if (area === 'jobs' && params.job !== undefined) return 'jobs:GETJOB';
	return `${area}:LIST`;
}

export function createSynergistEmulator(options: SynergistEmulatorOptions = {}): SynergistEmulator {
	const seedCount = options.seedCount ?? DEFAULT_SEED_COUNT;
	const callOptions = { firstPage: options.firstPage ?? 1, defaultRows: options.defaultRows ?? 0 };
	const state: SynergistState = {
		companies: new Map(),
		users: [],
		clients: new Map(),
		jobs: new Map(),
		views: [],
		counters: { hashesIssued: 0, credentialRejections: 0, saltRotations: 0, jobsCreated: 0 },
	};

	const reset = () => {
		const clock = now();
		const clients = seedClients();
		state.companies = new Map(seedCompanies().map((c) => [c.number, c]));
		state.users = seedUsers(clock);
		state.clients = new Map(clients.map((c) => [c.code, c]));
		state.jobs = new Map(seedJobs(seedCount, clients).map((j) => [j.jobNumber, j]));
		state.views = seedViews();
		state.counters = { hashesIssued: 0, credentialRejections: 0, saltRotations: 0, jobsCreated: 0 };
		state.companies.get(1)!.nextJobNumber = seedCount + 1;
		state.companies.get(8)!.nextJobNumber = 800007;
	};
	reset();

	const resalt = (user: SynergistUser) => {
		state.counters.saltRotations++;
		user.userRecordVersionNumber++;
		user.userTimestampModified = Math.floor(now() / 1000);
		user.salt = createHash('md5').update(`salt:${user.login}:${user.userRecordVersionNumber}`).digest('hex');
		user.saltIssuedAt = now();
	};

	/** Who is calling, checked the way the reference's error codes describe (404001–404003). */
	const authenticate = (params: Record<string, string>, isGetSha512: boolean): SynergistUser => {
		const login = params.user ?? '';
		const plain = params.password;
		const hash = params.sha512password;
		if (login === '' || ((plain === undefined || plain === '') && (hash === undefined || hash === ''))) throw fault(ERROR.noCredentials);
		const user = state.users.find((u) => u.login.toLowerCase() === login.toLowerCase());
		if (plain !== undefined && !isGetSha512 && !options.acceptPlainPassword) {
			throw new XmlFault(404505, 'plain password not accepted: send sha512password (emulator policy)');
		}
		if (user && options.sessionTtlMs !== undefined && now() - user.saltIssuedAt > options.sessionTtlMs) resalt(user);
		const valid = user !== undefined && (hash !== undefined && hash !== '' ? hash === serverHash(user) : plain === user.password);
		if (!valid) {
			state.counters.credentialRejections++;
			throw fault(ERROR.invalidCredentials);
		}
		if (user.disabled) throw fault(ERROR.accountDisabled);
		return user;
	};

	const handle = (req: EmulatorRequest): EmulatorResponse => {
		try {
			if (req.params.api.toLowerCase() !== 'jsonapi' || req.method !== 'GET') throw fault(ERROR.notRecognized);
			const params = lowerKeys(req.query);
			const areaName = req.params.area.toLowerCase();
			const action = params.action?.toLowerCase();
			const user = authenticate(params, areaName === 'users' && action === 'getsha512');
			if (params.version === undefined || !apiVersion.safeParse(params.version).success) throw fault(ERROR.notRecognized);
			const area = AREAS[areaName];
			if (!area) throw fault(ERROR.notRecognized);
			const handler = action === undefined || action === '' ? area.read : area.actions?.[action];
			if (!handler) {
				if (action === undefined || action === '') throw fault(ERROR.notRecognized);
				throw new XmlFault(404500, `invalid action ${params.action}`);
			}
			return handler({ params, user, state, options: callOptions, clock: now() });
		} catch (error) {
			if (error instanceof XmlFault) return xmlError(error.errorId, error.message);
			if (error instanceof JsonFault) return jsonError(error.code, error.message);
			return { status: 500, body: { error: (error as Error).message } };
		}
	};

	const notRecognized = () => xmlError(...ERROR.notRecognized);
	const routes: Route[] = [
		{ method: '*', path: '/:api/:area.json', handler: handle },
		// Anything else on the server answers with the same XML error document.
		{ method: '*', path: '/:a', handler: notRecognized },
		{ method: '*', path: '/:a/:b', handler: notRecognized },
		{ method: '*', path: '/:a/:b/:c', handler: notRecognized },
	];

	const emulator = new Emulator({
		name: 'synergist',
		port: options.port,
		latencyMs: options.latencyMs,
		routes,
		opOf: synergistOperation,
		expireSessions: () => state.users.forEach(resalt),
		reset,
	});

	const findUser = (login: string) => {
		const user = state.users.find((u) => u.login === login);
		if (!user) throw new Error(`No Synergist user ${login}`);
		return user;
	};

	return {
		emulator,
		state,
		credentialData: () => ({
			url: emulator.url,
			username: API_USER.login,
			loginMode: 'plain',
			password: API_USER.password,
			company: DEFAULT_COMPANY,
			apiVersion: '3.2',
			firstPage: callOptions.firstPage,
		}),
		currentHash: (login = API_USER.login) => serverHash(findUser(login)),
		changePassword: (login, password) => {
			const user = findUser(login);
			user.password = password;
			resalt(user);
		},
	};
}
