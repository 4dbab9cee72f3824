import { uuidOf } from '../seed';
import { phasesOf } from './phases';
import { XmlFault, areaState, badParameter, modelStructure, normalDate, paged, styleOf, type Area, type Call, type SynergistState } from './types';

/**
 * time.json: posted timesheets (read-only), models timesheetslist / timesheetdetails. `company` and `resource` take one
 * value or a JSON array (`company=[1,2,3]`, `resource=["1/MP","1/KW"]`); `date` may come in quotes (`date="2018-03-22"`).
 * Posted rows live in `postedTime(state)`, so an area that posts time can add to them.
 */

export interface PostedTime {
	tsUuid: string;
	tsTimestampModified: number;
	tsRecordVersionNumber: number;
	company: number;
	tsJobAndPhase: string;
	tsPhaseDescription: string;
	tsChargeCode: string;
	tsChargeCodeDescription: string;
	tsTimeDate: string;
	tsResourceCode: string;
	tsResource: string;
	tsSalesInvNo: string;
	tsHoursNormal: number;
	tsHoursOtime1: number;
	tsHoursOtime2: number;
	tsWorkDone: string;
	tsHoursCost: number;
}

const RESOURCES: Array<[string, string, string, string]> = [
	['ATJ', 'Anne Jones', 'PPTDES', 'Powerpoint Designer'],
	['MP', 'Mark Peters', 'DES', 'Designer'],
	['KW', 'Kate Walsh', 'CT', 'Consultancy'],
	['JON', 'SYN_Jon', 'PM', 'Project management'],
];

function seedTime(state: SynergistState): PostedTime[] {
	const rows: PostedTime[] = [];
	const jobs = [...state.jobs.values()].filter((job) => !job.template).slice(0, 40);
	jobs.forEach((job, index) => {
		for (const phase of phasesOf(job)) {
			for (let k = 0; k < 2; k++) {
				const [code, name, charge, chargeName] = RESOURCES[(index + k) % RESOURCES.length];
				const normal = 1 + ((index * 3 + k) % 8);
				const overtime = (index + k) % 5 === 0 ? 1 : 0;
				const day = new Date(Date.parse(job.jobDateIn) + k * 86400000).toISOString().slice(0, 10);
				rows.push({
					tsUuid: uuidOf(`ts:${phase.jobAndPhase}:${k}`),
					tsTimestampModified: job.jobTimeStampModified + 60 * (k + 1),
					tsRecordVersionNumber: 1,
					company: job.company,
					tsJobAndPhase: phase.jobAndPhase,
					tsPhaseDescription: phase.description,
					tsChargeCode: `${job.company}/${charge}`,
					tsChargeCodeDescription: chargeName,
					tsTimeDate: day,
					tsResourceCode: `${job.company}/${code}`,
					tsResource: name,
					tsSalesInvNo: index % 3 === 0 ? String(10058 + index) : '',
					tsHoursNormal: normal,
					tsHoursOtime1: overtime,
					tsHoursOtime2: 0,
					tsWorkDone: k === 0 ? 'Designed the new logo' : '',
					tsHoursCost: (normal + overtime) * 20,
				});
			}
		}
	});
	return rows;
}

/** The posted timesheet rows of this emulator instance. */
export const postedTime = (state: SynergistState) => areaState(state, 'time', () => seedTime(state));

function listRow(t: PostedTime) {
	return {
		tsUuid: t.tsUuid,
		tsTimestampModified: t.tsTimestampModified,
		tsRecordVersionNumber: t.tsRecordVersionNumber,
		tsJobAndPhase: t.tsJobAndPhase,
		tsPhaseDescription: t.tsPhaseDescription,
		tsStageCode: '',
		tsStageDescription: '',
		tsTaskDesc: '',
		tsChargeCode: t.tsChargeCode,
		tsChargeCodeDescription: t.tsChargeCodeDescription,
		tsTimeDate: t.tsTimeDate,
		tsResourceCode: t.tsResourceCode,
		tsResource: t.tsResource,
		tsSalesInvNo: t.tsSalesInvNo,
		tsHoursTotal: t.tsHoursNormal + t.tsHoursOtime1 + t.tsHoursOtime2,
		tsHoursNormal: t.tsHoursNormal,
		tsHoursOtime1: t.tsHoursOtime1,
		tsHoursOtime2: t.tsHoursOtime2,
		tsWorkDone: t.tsWorkDone,
	};
}

function detailsRow(t: PostedTime) {
	return {
		...listRow(t),
		tsChargeType: '',
		tsCostType: '',
		tsHoursCost: t.tsHoursCost,
		tsApprovalNotes: '',
		tsTransferHistory: '',
		tsTickoffType: '',
		tsTransferredFrom: '',
	};
}

/** One value or a JSON array of them (`[1,2]`, `["1/MP","1/KW"]`). */
function manyOf(call: Call, name: string): string[] | undefined {
	const raw = call.params[name];
	if (raw === undefined || raw === '') return undefined;
	if (!raw.trim().startsWith('[')) return [raw.trim()];
	try {
		const list = JSON.parse(raw) as unknown;
		if (Array.isArray(list) && list.length > 0 && list.every((v) => typeof v === 'string' || typeof v === 'number')) return list.map(String);
	} catch {
		// falls through to the parameter error
	}
	throw badParameter(name, raw);
}

const MODELS = { timesheetslist: listRow, timesheetdetails: detailsRow } as const;

export const timeArea: Area = {
	read: (call) => {
		const companies = manyOf(call, 'company');
		if (!companies) throw new XmlFault(404501, 'company not specified');
		for (const c of companies) {
			if (!/^\d+$/.test(c) || !call.state.companies.has(Number(c)) || !call.user.companies.includes(Number(c))) throw new XmlFault(404501, `invalid company ${c}`);
		}
		const model = MODELS[(call.params.modelstructure ?? '').toLowerCase() as keyof typeof MODELS];
		if (!model) throw badParameter('modelstructure', call.params.modelstructure);
		const rows = postedTime(call.state);
		if (styleOf(call) === 'modelstructure') return modelStructure(model(rows[0]), 'ts');
		const resources = manyOf(call, 'resource')?.map((r) => r.toLowerCase());
		const rawDate = call.params.date?.replace(/^"|"$/g, '');
		const date = rawDate === undefined || rawDate === '' ? undefined : normalDate(rawDate);
		if (rawDate !== undefined && rawDate !== '' && !date) throw badParameter('date', call.params.date);
		const job = call.params.job?.toLowerCase();
		const jobphase = call.params.jobphase?.toLowerCase();
		const selected = rows
			.filter((t) => companies.includes(String(t.company)))
			.filter((t) => job === undefined || t.tsJobAndPhase.toLowerCase().startsWith(`${job}.`) || t.tsJobAndPhase.toLowerCase() === job)
			.filter((t) => jobphase === undefined || t.tsJobAndPhase.toLowerCase() === jobphase)
			.filter((t) => resources === undefined || resources.includes(t.tsResourceCode.toLowerCase()))
			.filter((t) => date === undefined || t.tsTimeDate === date)
			.sort((a, b) => a.tsJobAndPhase.localeCompare(b.tsJobAndPhase) || a.tsTimeDate.localeCompare(b.tsTimeDate));
		return paged(call, selected, (row) => model(row));
	},
};
