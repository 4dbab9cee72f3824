import { JOB_STATUS, uuidOf, type SynergistJob } from '../seed';
import { XmlFault, badParameter, companyOf, modelStructure, okEnvelope, paged, simple, styleOf, type Area, type Call, type SynergistState } from './types';

/**
 * phases.json: the phaseslist model, phase details (`job=<phase number>`) and `action=costscharges`. Phases are
 * derived from the jobs (every job has phase 001, every second one also 002, as its template gives it), so a job
 * created through the API has its phases at once. `phasesOf` / `findPhase` are exported for areas that take a
 * `…JobAndPhase` (time, purchases, expenses).
 */

export interface SynergistPhase {
	job: SynergistJob;
	/** `1/00001173.001` */
	jobAndPhase: string;
	/** `001` */
	phase: string;
	description: string;
}

const PHASE_CODE = /^\d+\/[A-Za-z0-9]{1,10}\.[A-Za-z0-9]{1,10}$/;

/** The phases of a job, in phase order. */
export function phasesOf(job: SynergistJob): SynergistPhase[] {
	const index = Number(/\d+$/.exec(job.jobNumber)?.[0] ?? 0);
	const codes = index % 2 === 0 ? ['001', '002'] : ['001'];
	return codes.map((phase, i) => ({
		job,
		jobAndPhase: `${job.jobNumber}.${phase}`,
		phase,
		description: i === 0 ? job.jobDescription.split('\n')[0] : 'Artwork phase',
	}));
}

/** The phase of a `1/00001173.001` code, if its job exists. */
export function findPhase(state: SynergistState, jobAndPhase: string): SynergistPhase | undefined {
	const dot = jobAndPhase.lastIndexOf('.');
	const job = dot < 0 ? undefined : [...state.jobs.values()].find((j) => j.jobNumber.toLowerCase() === jobAndPhase.slice(0, dot).toLowerCase());
	return job && phasesOf(job).find((p) => p.jobAndPhase.toLowerCase() === jobAndPhase.toLowerCase());
}

function clientName(state: SynergistState, code: string) {
	return state.clients.get(code)?.name ?? '';
}

/** The phaseslist model, field for field as the reference's list example. */
function phaseListRow(state: SynergistState, { job, jobAndPhase, phase, description }: SynergistPhase) {
	return {
		phaseuuid: uuidOf(`phase:${jobAndPhase}`),
		phaseTimeStampModified: job.jobTimeStampModified,
		phaseRecordVersionNumber: job.jobRecommendedVersionNumber,
		phasePhaseDescription1stLine: description,
		phaseCustomField186: '',
		phaseCustomField203: '0000-00-00',
		phaseThermProgress: `${Math.round(job.jobThermValue / 5)}%`,
		phaseThermValue: job.jobThermValue,
		phaseThermWhitePoint: 110,
		phaseJobDescription1stLine: job.jobDescription.split('\n')[0],
		phaseJobNumber: job.jobNumber,
		phaseJobAndPhase: jobAndPhase,
		phasePhase: phase,
		phaseHandlerFullName: state.users.find((u) => u.userUserId === job.jobHandlerUserID)?.fullName ?? '',
		phaseOwnerFullName: '',
		phaseDatein: job.jobDateIn,
		phaseDateDue: job.jobDateDue,
		phaseOrderNumber: job.jobOrderNumber,
		phaseCompleted: job.jobCompleted,
		phaseClientCode: job.jobClientCode,
		phaseClientName: clientName(state, job.jobClientCode),
		phaseJobNumberSimple: simple(job.jobNumber),
		phaseJobPhaseNumberSimple: simple(jobAndPhase),
		phaseContactFullName: '',
		phaseStatusDescription: JOB_STATUS[job.jobStatus],
		phasePriorityDescription: '',
	};
}

/** The phase details, field for field as the reference's details example. */
function phaseDetailsRow(state: SynergistState, p: SynergistPhase) {
	const { job } = p;
	return {
		phaseuuid: uuidOf(`phase:${p.jobAndPhase}`),
		phaseTimeStampModified: job.jobTimeStampModified,
		phaseRecordVersionNumber: job.jobRecommendedVersionNumber,
		phaseCustomField186: '',
		phaseCustomField203: '0000-00-00',
		phaseSalesCodeDescription: '3 (15%)',
		phaseJobNumber: job.jobNumber,
		phaseJobAndPhase: p.jobAndPhase,
		phaseJobDescription: job.jobDescription,
		phaseClientName: clientName(state, job.jobClientCode),
		phaseDescription: p.description,
		phaseOrderNumber: job.jobOrderNumber,
		phaseProjectCode: job.jobProjectCode,
		phaseProjectName: '',
		phaseCampaignNo: job.jobCampaignNo,
		phaseCampaignName: '',
		phaseStatus: job.jobStatus,
		phaseStatusDescription: JOB_STATUS[job.jobStatus],
		phaseWorkflowCode: '',
		phaseStageDesc: '',
		phasePhasetypeCode: '',
		phasePhasetypeDescription: '',
		phaseContactInternalRef: job.jobContactInternalRef,
		phaseContactFullName: '',
		phaseHandlerId: job.jobHandlerUserID,
		phaseHandlerFullName: state.users.find((u) => u.userUserId === job.jobHandlerUserID)?.fullName ?? '',
		phaseOwner: '',
		phasePhaseOwner: '',
		phaseTaxCode: 3,
		phaseSalesTaxRate: 15,
		phaseCurrency: '',
		phaseCurrencyCode: job.jobCurrencyCode,
		phaseExchangeRate: job.jobExchangeRate,
		phaseDatein: job.jobDateIn,
		phaseTimeIn: '00:00:00',
		phaseDateDue: job.jobDateDue,
		phaseTimeDue: '00:00:00',
		phaseStagePriority: 10,
		phasePriorityDescription: '',
		phaseDisplayOrder: '',
	};
}

const RESOURCES: Array<[string, string]> = [
	['Arthur Spring', '1/CT'],
	['Michael Irving', '1/TRA'],
	['Anne Jones', '1/PPTDES'],
];

/** Cost/charge transactions of a phase (two per phase), as the reference's costscharges example. */
export function costsOf(p: SynergistPhase) {
	const seed = Number(/\d+$/.exec(p.job.jobNumber)?.[0] ?? 0) + Number(p.phase.replace(/\D/g, '') || 0);
	return [0, 1].map((i) => {
		const [resource, chargeCode] = RESOURCES[(seed + i) % RESOURCES.length];
		const quantity = 1 + ((seed + i) % 8);
		const rate = i === 0 ? 90 : 0;
		return {
			costCharge: quantity * rate,
			costChargeRate: rate,
			costChargeCode: chargeCode.replace(/^1\//, `${p.job.company}/`),
			costCostRate: 0,
			costCostTotal: 0,
			costCurrencyBuy: '',
			costCurrencyBuyRate: 1,
			costCurrencyCharge: quantity * rate,
			costCurrencySell: '',
			costCurrencySellRate: 1,
			costDate: p.job.jobDateIn,
			costDescription: i === 0 ? 'Consultancy' : 'Employee Training',
			costWorkDone: '',
			costResourceName: resource,
			costPhase: p.phase,
			costQuantity: quantity,
			costQuantityOT1: 0,
			costQuantityOT2: 0,
			costRecommendedCharge: quantity * rate,
			costTaskDescription: '',
			costChargeCodeType: 'T',
			costStage: '',
		};
	});
}

/** The job of a `job=`/`jobphase=` code, checking the code and the user's companies (the company comes from the code). */
export function jobOfCode(call: Call, name: string, code: string | undefined, phase: boolean): SynergistJob | undefined {
	if (code === undefined || code === '') throw badParameter(name, code);
	if (!(phase ? PHASE_CODE : /^\d+\/[A-Za-z0-9]{1,10}$/).test(code)) throw badParameter(name, code);
	const company = Number(code.slice(0, code.indexOf('/')));
	if (!call.user.companies.includes(company)) throw new XmlFault(404501, `invalid company ${company}`);
	const jobNumber = phase ? code.slice(0, code.lastIndexOf('.')) : code;
	return [...call.state.jobs.values()].find((j) => j.jobNumber.toLowerCase() === jobNumber.toLowerCase());
}

/** The costs envelope: all rows at once (pagerows 0), as the reference shows it. */
export const costsEnvelope = (rows: unknown[]) => okEnvelope({ totalrows: rows.length, totalpages: 1, pagerows: 0, pagenumber: 1, data: rows });

const MODELS = new Set(['phaseslist', 'phasedetails']);

export const phasesArea: Area = {
	read: (call) => {
		const { params, state } = call;
		const company = companyOf(call, true)!;
		const style = styleOf(call);
		const single = params.job !== undefined && PHASE_CODE.test(params.job);
		// The details read names no model ("phases.json?job=1/00001173.001"): a phase number picks the details.
		const model = (params.modelstructure ?? (single ? 'phasedetails' : 'phaseslist')).toLowerCase();
		if (!MODELS.has(model)) throw badParameter('modelstructure', params.modelstructure);
		const toRow = model === 'phasedetails' ? phaseDetailsRow : phaseListRow;
		const jobs = [...state.jobs.values()].filter((job) => job.company === company.number);
		if (style === 'modelstructure') return modelStructure(toRow(state, phasesOf(jobs[0])[0]), 'phase');

		if (params.view !== undefined && params.view !== '') {
			const view = state.views.find((v) => v.type === 'Phases' && String(v.SettingsSettingsID).toLowerCase() === params.view.toLowerCase());
			if (!view) throw new XmlFault(404502, `invalid view ${params.view}`);
		}
		for (const name of ['timestampfrom', 'timestampto']) {
			if (params[name] !== undefined && !/^\d+$/.test(params[name])) throw badParameter(name, params[name]);
		}
		const code = (value: string | undefined) => value?.toLowerCase();
		const job = code(params.job);
		const jobphase = code(params.jobphase);
		const search = (params.search ?? '').toLowerCase();
		const rows = jobs
			.flatMap((j) => phasesOf(j))
			.filter((p) => job === undefined || (single ? p.jobAndPhase.toLowerCase() === job : p.job.jobNumber.toLowerCase() === job))
			.filter((p) => jobphase === undefined || p.jobAndPhase.toLowerCase() === jobphase)
			.filter((p) => params.client === undefined || p.job.jobClientCode.toLowerCase() === code(params.client))
			.filter((p) => params.uuid === undefined || uuidOf(`phase:${p.jobAndPhase}`) === params.uuid.toUpperCase())
			.filter((p) => params.timestampfrom === undefined || p.job.jobTimeStampModified >= Number(params.timestampfrom))
			.filter((p) => params.timestampto === undefined || p.job.jobTimeStampModified <= Number(params.timestampto))
			.filter((p) => search === '' || `${p.jobAndPhase} ${p.description}`.toLowerCase().includes(search))
			.sort((a, b) => (a.jobAndPhase < b.jobAndPhase ? -1 : a.jobAndPhase > b.jobAndPhase ? 1 : 0));
		return paged(call, rows, (p) => toRow(state, p));
	},
	actions: {
		costscharges: (call) => {
			const jobphase = call.params.jobphase;
			const job = jobOfCode(call, 'jobphase', jobphase, true);
			const phase = job && phasesOf(job).find((p) => p.jobAndPhase.toLowerCase() === jobphase.toLowerCase());
			return costsEnvelope(phase ? costsOf(phase) : []);
		},
	},
};
