import { z } from 'zod';

import { jobCode, jobCreateRow, type JobCreateRow } from '../schemas';
import { JOB_CUSTOM_FIELDS, JOB_STATUS, JOB_TYPES, TEAMS, newJob, uuidOf, type SynergistCompany, type SynergistJob, type SynergistView } from '../seed';
import { SALES_REASONS, jobLookups } from './jobLookups';
import { findPhase } from './phases';
import {
	JsonFault,
	XmlFault,
	areaState,
	badParameter,
	companyOf,
	inputRows,
	modelStructure,
	normalDate,
	okEnvelope,
	paged,
	simple,
	styleOf,
	type Area,
	type AreaHandler,
	type Call,
	type SynergistState,
} from './types';

/** jobs.json: the jobslist / jobdetails model reads, `action=create`, `action=update` (also promotes) and the lookups. */

/** Job fields the seed's job record does not carry, set by `action=update` (kept per job number). */
interface JobExtras {
	jobQuotedPrice?: number;
	jobCurQuotedPrice?: number;
	jobTaxCode?: number;
	jobOppCurrentStatus?: string;
	jobOppLeadRating?: string;
	jobOppSource?: string;
	jobOppWeighting?: number;
	jobStageNotes?: string;
	jobStagePriority?: number;
	jobWorkflowCode?: string;
	jobSalesStatusReason?: string;
	jobLeadClosedDate?: string;
}

const extrasOf = (state: SynergistState) => areaState(state, 'jobs', () => new Map<string, JobExtras>());
const extra = (state: SynergistState, job: SynergistJob): JobExtras => extrasOf(state).get(job.jobNumber) ?? {};

function clientName(state: SynergistState, code: string): string {
	return state.clients.get(code)?.name ?? '';
}

function userName(state: SynergistState, id: number): string {
	return state.users.find((u) => u.userUserId === id)?.fullName ?? '';
}


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
	const more = extra(state, job);
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
		jobCurQuotedPrice: more.jobCurQuotedPrice ?? 0,
		jobDateIn: job.jobDateIn,
		jobDateDue: job.jobDateDue,
		jobCompletedDate: job.jobCompletedDate,
		jobDescription: job.jobDescription,
		jobNumber: job.jobNumber,
		jobStatus: job.jobStatus,
		jobStatusDescription: list.jobStatusDescription,
		jobLeadClosedDate: more.jobLeadClosedDate ?? '0000-00-00',
		jobOrderNumber: job.jobOrderNumber,
		jobQuotedPrice: more.jobQuotedPrice ?? 0,
		jobReferenceJob: job.jobReferenceJob,
		jobTaxCode: more.jobTaxCode ?? 3,
		jobOppCurrentStatus: more.jobOppCurrentStatus ?? '',
		jobOppLeadRating: more.jobOppLeadRating ?? '',
		jobOppSource: more.jobOppSource ?? '',
		jobOppWeighting: more.jobOppWeighting ?? 75,
		jobStageNotes: more.jobStageNotes ?? '',
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
		jobStagePriority: more.jobStagePriority ?? 10,
		jobPriorityDescription: '',
		jobWorkflowCode: more.jobWorkflowCode ?? '',
		jobCurrentStageDescription: '',
	};
}

const JOB_MODELS: Record<string, (state: SynergistState, job: SynergistJob) => Record<string, unknown>> = {
	jobslist: jobsListRow,
	jobdetails: jobDetailsRow,
};


const MANDATORY_ON_CREATE = new Set(['varJobTemplate', 'jobClientCode']);

const readJobs: AreaHandler = (call) => {
	const { params, state } = call;
	const company = companyOf(call, true)!;
	const style = styleOf(call);
	const modelName = (params.modelstructure ?? 'jobslist').toLowerCase();
	const model = JOB_MODELS[modelName];
	if (!model) throw badParameter('modelstructure', params.modelstructure);
	const sample = [...state.jobs.values()].find((job) => job.company === company.number)!;

	if (style === 'modelstructure') return modelStructure(model(state, sample), 'job', MANDATORY_ON_CREATE);

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
		throw badParameter('job', params.job);
	}
	for (const name of ['timestampfrom', 'timestampto', 'clientcontact']) {
		if (params[name] !== undefined && !/^\d+$/.test(params[name])) throw badParameter(name, params[name]);
	}
	// jobphase= narrows to the job of that phase (a phase of no job matches nothing)
	const ofPhase = params.jobphase === undefined ? undefined : (findPhase(state, params.jobphase)?.job.jobNumber ?? '');
	const from = params.timestampfrom === undefined ? undefined : Number(params.timestampfrom);
	const to = params.timestampto === undefined ? undefined : Number(params.timestampto);
	const search = (params.search ?? '').toLowerCase();
	const rows = [...state.jobs.values()]
		.filter((job) => job.company === company.number)
		.filter((job) => !view?.matches || view.matches(job, call.user))
		.filter((job) => params.job === undefined || job.jobNumber.toLowerCase() === params.job.toLowerCase())
		.filter((job) => ofPhase === undefined || job.jobNumber === ofPhase)
		.filter((job) => params.client === undefined || job.jobClientCode.toLowerCase() === params.client.toLowerCase())
		.filter((job) => params.clientcontact === undefined || job.jobContactInternalRef === Number(params.clientcontact))
		.filter((job) => params.workflow === undefined || (extra(state, job).jobWorkflowCode ?? '').toLowerCase() === params.workflow.toLowerCase())
		.filter((job) => params.uuid === undefined || job.jobUuid === params.uuid.toUpperCase())
		// the modified-time window of the key field filters, both ends included (epoch seconds, as jobTimeStampModified)
		.filter((job) => (from === undefined || job.jobTimeStampModified >= from) && (to === undefined || job.jobTimeStampModified <= to))
		.filter(
			(job) =>
				search === '' ||
				`${job.jobNumber} ${job.jobDescription} ${clientName(state, job.jobClientCode)}`.toLowerCase().includes(search),
		)
		.sort((a, b) => (a.jobNumber < b.jobNumber ? -1 : a.jobNumber > b.jobNumber ? 1 : 0));
	if (view?.settingsSortDirection === 'DESC') rows.reverse();
	return paged(call, rows, (job) => model(state, job));
};


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


const createJobs: AreaHandler = (call) => {
	const { state } = call;
	const company = companyOf(call, true)!;
	const rows = inputRows(call);
	const nextNumber = company.nextJobNumber;
	const taken = new Set<string>();
	let plans: PlannedJob[] | undefined;
	try {
		plans = rows.map((row) => planJob(call, company, row, taken));
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

const looseInt = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]).transform((v) => Number(v));
const looseNumber = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform((v) => Number(v));
const looseDate = z.string().regex(/^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/);
const text = z.string();

/** One row of a jobs.json update (also the promote): the fields the reference lists, keyed by jobNumber. */
const jobUpdateRow = z
	.object({
		jobNumber: text,
		jobDescription: text.optional(),
		jobComments: text.optional(),
		jobJobtypeCode: text.optional(),
		jobHandlerUserID: looseInt.optional(),
		jobClientCode: text.optional(),
		jobDateIn: looseDate.optional(),
		jobDateDue: looseDate.optional(),
		jobStatus: looseInt.optional(),
		jobOrderNumber: text.optional(),
		jobQuotedPrice: looseNumber.optional(),
		jobCurQuotedPrice: looseNumber.optional(),
		jobReferenceJob: text.optional(),
		jobTaxCode: looseInt.optional(),
		jobExchangeRate: looseNumber.optional(),
		jobOppCurrentStatus: text.optional(),
		jobOppLeadRating: text.optional(),
		jobOppSource: text.optional(),
		jobOppWeighting: looseNumber.optional(),
		jobStageNotes: text.optional(),
		jobHandlerTeam: text.optional(),
		jobCampaignNo: looseInt.optional(),
		jobContactInternalRef: looseInt.optional(),
		jobCurrencyCode: text.optional(),
		jobProjectCode: looseInt.optional(),
		jobStagePriority: looseInt.optional(),
		jobWorkflowCode: text.optional(),
		jobSalesStatusReason: z.string().regex(/^\d+-\d+$/).optional(),
		...Object.fromEntries(Object.keys(JOB_CUSTOM_FIELDS).map((name) => [name, text.optional()])),
	})
	.strict();
type JobUpdateRow = z.infer<typeof jobUpdateRow>;

/** Checks one update row against the data; returns what to apply. */
function planUpdate(call: Call, raw: Record<string, unknown>): { job: SynergistJob; row: JobUpdateRow } {
	const { state } = call;
	const unknown = Object.keys(raw).find((key) => !(key in jobUpdateRow.shape));
	if (unknown) throw new JsonFault(2005, `unknown field ${unknown}`);
	if (raw.jobNumber === undefined || raw.jobNumber === '') throw new JsonFault(2001, 'mandatory field jobNumber not supplied');
	const parsed = jobUpdateRow.safeParse(raw);
	if (!parsed.success) throw new JsonFault(2004, `invalid value for ${parsed.error.issues[0].path.join('.')}`);
	const row = parsed.data;
	const job = [...state.jobs.values()].find((j) => j.jobNumber.toLowerCase() === row.jobNumber.toLowerCase());
	if (!job || !call.user.companies.includes(job.company)) throw new JsonFault(2002, `job ${row.jobNumber} not found`);
	if (call.params.company !== undefined && call.params.company !== '' && Number(call.params.company) !== job.company) {
		throw new JsonFault(2002, `job ${row.jobNumber} not found in company ${call.params.company}`);
	}
	const inCompany = (code: string) => code.startsWith(`${job.company}/`);
	if (row.jobStatus !== undefined && !JOB_STATUS[row.jobStatus]) throw new JsonFault(2004, 'invalid value for jobStatus');
	if (row.jobClientCode !== undefined && (!state.clients.has(row.jobClientCode) || !inCompany(row.jobClientCode))) {
		throw new JsonFault(2002, `client ${row.jobClientCode} not found`);
	}
	if (row.jobJobtypeCode && (!inCompany(row.jobJobtypeCode) || !JOB_TYPES[simple(row.jobJobtypeCode)])) throw new JsonFault(2002, `job type ${row.jobJobtypeCode} not found`);
	if (row.jobHandlerTeam && (!inCompany(row.jobHandlerTeam) || !TEAMS[simple(row.jobHandlerTeam)])) throw new JsonFault(2002, `team ${row.jobHandlerTeam} not found`);
	if (row.jobHandlerUserID && !state.users.some((u) => u.userUserId === row.jobHandlerUserID)) throw new JsonFault(2002, `handler ${row.jobHandlerUserID} not found`);
	for (const field of ['jobDateIn', 'jobDateDue'] as const) {
		if (row[field] !== undefined && !normalDate(row[field])) throw new JsonFault(2004, `invalid value for ${field}`);
	}
	if (row.jobSalesStatusReason !== undefined) {
		if (!SALES_REASONS.some(([status, reason]) => `${status}-${reason}` === row.jobSalesStatusReason)) {
			throw new JsonFault(2002, `sales status ${row.jobSalesStatusReason} not found`);
		}
		// a promotion (sales status 3) makes the opportunity a live job: jobStatus 2 must come with it
		if (row.jobSalesStatusReason.startsWith('3-') && (row.jobStatus ?? job.jobStatus) !== 2) throw new JsonFault(2004, 'a promoted job must have jobStatus 2');
	}
	return { job, row };
}

const updateJobs: AreaHandler = (call) => {
	const { state } = call;
	// every row is checked before any is written
	const plans = inputRows(call).map((row) => planUpdate(call, row));
	const seconds = Math.floor(call.clock / 1000);
	const data = plans.map(({ job, row }) => {
		const more = { ...extra(state, job) };
		const wasPromoted = (more.jobSalesStatusReason ?? '').startsWith('3-');
		for (const [key, value] of Object.entries(row)) {
			if (value === undefined || key === 'jobNumber') continue;
			if (key in JOB_CUSTOM_FIELDS) job.custom[key] = String(value);
			else if (key === 'jobDateIn' || key === 'jobDateDue') job[key] = normalDate(String(value))!;
			else if (key in job) (job as unknown as Record<string, unknown>)[key] = value;
			else (more as Record<string, unknown>)[key] = value;
		}
		if (row.jobDescription !== undefined) job.jobDescription = row.jobDescription;
		extrasOf(state).set(job.jobNumber, more);
		// every change moves the modified time and the version (a poll with timestampfrom finds it)
		job.jobTimeStampModified = Math.max(seconds, job.jobTimeStampModified + 1);
		job.jobRecommendedVersionNumber++;
		const keys = { jobNumber: job.jobNumber, jobUuid: job.jobUuid, jobTimeStampModified: job.jobTimeStampModified, jobRecommendedVersionNumber: job.jobRecommendedVersionNumber };
		if (row.jobSalesStatusReason === undefined) return keys;
		const promoted = row.jobSalesStatusReason.startsWith('3-') && !wasPromoted;
		const date = new Date(call.clock).toISOString();
		return {
			...(promoted
				? {
						jobLeadPromotedDate: date.slice(0, 10),
						jobLeadPromotedTime: date.slice(11, 19),
						jobLeadPromotedTimeZone: 'UTCA',
						jobLeadPromotedDateUTC: date.slice(0, 10),
						jobLeadPromotedTimeUTC: date.slice(11, 19),
						jobLeadPromotedUserID: call.user.userUserId,
					}
				: {}),
			jobSalesStatusReason: row.jobSalesStatusReason,
			jobPrefixOnly: /^[A-Za-z]+/.exec(simple(job.jobNumber))?.[0] ?? '',
			jobNumberOnly: Number(/\d+$/.exec(job.jobNumber)?.[0] ?? 0),
			...keys,
		};
	});
	return okEnvelope({ responsemessage: 'data processed successfully.', data });
};

export const jobsArea: Area = { read: readJobs, actions: { create: createJobs, update: updateJobs, ...jobLookups } };
