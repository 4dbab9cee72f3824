import { JOB_TYPES, TEAMS } from '../seed';
import { clientRows, companyClients } from './clients';
import { costsEnvelope, costsOf, jobOfCode, phasesOf } from './phases';
import { badParameter, companyOf, okEnvelope, paged, simple, type AreaHandler, type Call } from './types';

/**
 * The jobs.json lookups a job form needs (clients, contacts, projects, campaigns, job types, handlers, teams, sales
 * statuses) and `action=costscharges`. Lookups answer everything at once (pagerows 0) and start with the "- Blank -"
 * placeholder where the reference shows one; `variable_selected` marks the job's current value when `job=` is sent.
 */

/** All rows at once, as the lookups answer. */
const lookup = (rows: unknown[]) => okEnvelope({ totalrows: rows.length, totalpages: 1, pagerows: 0, pagenumber: 1, data: rows });

/** Sales status/reason codes `<status>-<reasonId>` (1 Open, 2 Lost, 3 Promoted), as the reference's example. */
export const SALES_REASONS: Array<[number, number, string]> = [
	[1, 2, 'Open - Contacted'],
	[1, 4, 'Open - Proposal sent'],
	[2, 101, 'Lost - Price too high'],
	[2, 102, 'Lost - Went elsewhere'],
	[3, 6, 'Promoted - In Progress'],
	[3, 7, 'Promoted - Signed off'],
];

/** Projects and campaigns per client: the reference's examples (8/1244 has project 381, 344 and campaign 268). */
const PROJECTS: Array<[number, string, string]> = [
	[381, 'PSC project', '8/1244'],
	[344, 'Winter projec t', '8/1244'],
	[388, 'Rotterdam launch', '8/1250'],
	[68, 'Manchester Site', '1/WARD'],
	[70, 'Spring relaunch', '1/MULTI'],
	[72, 'Store openings', '1/MULTI'],
];
const CAMPAIGNS: Array<[number, string, string]> = [
	[268, 'Special campaign', '8/1244'],
	[12, 'Summer sale', '1/MULTI'],
	[14, 'Christmas', '1/F667'],
];

/** Who handles jobs of which team (team codes without the company prefix). */
const TEAM_MEMBERS: Record<string, number[]> = { ACC: [256], DQS: [54, 256], STU: [54] };
/** Job types for internal work (In house jobs); the others are for client work. */
const INTERNAL_TYPES = new Set(['PCD']);

function currentJob(call: Call) {
	return call.params.job === undefined ? undefined : jobOfCode(call, 'job', call.params.job, false);
}

/** A client filter of the company (`client=8/1244`); the code must be the company's. */
function clientFilter(call: Call, company: number, required: boolean): string | undefined {
	const client = call.params.client;
	if (client === undefined || client === '') {
		if (required) throw badParameter('client', client);
		return undefined;
	}
	if (!client.startsWith(`${company}/`)) throw badParameter('client', client);
	return client.toLowerCase();
}

const byClient = (list: Array<[number, string, string]>, call: Call, company: number) => {
	const client = clientFilter(call, company, false);
	return list.filter(([, , owner]) => owner.startsWith(`${company}/`) && (client === undefined || owner.toLowerCase() === client));
};

export const jobLookups: Record<string, AreaHandler> = {
	salesstatuses: (call) => {
		companyOf(call, true);
		return lookup(
			SALES_REASONS.map(([status, reason, description]) => ({
				salesreasonStatusReason: `${status}-${reason}`,
				salesreasonStatusReasonDesc: description,
				salesreasonStatusReasonId: reason,
				salesreasonStatusStatus: status,
			})),
		);
	},
	clients: (call) => {
		const company = companyOf(call, true)!;
		const type = call.params.clienttype?.toLowerCase();
		const rows = clientRows(call, company.number, undefined).filter((row) => type === undefined || row.clientType.toLowerCase() === type);
		return paged(call, rows);
	},
	contacts: (call) => {
		const company = companyOf(call, true)!;
		const client = clientFilter(call, company.number, true);
		const rows = companyClients(call.state, company.number)
			.filter(({ client: c }) => c.code.toLowerCase() === client)
			.flatMap(({ client: c }) => c.contacts.map((contact) => ({ clientcontactInternalRef: contact.ref, clientcontactFullName: contact.fullName, variable_selected: false })));
		return lookup(rows);
	},
	projects: (call) => {
		const company = companyOf(call, true)!;
		return lookup(byClient(PROJECTS, call, company.number).map(([projectNo, projectName]) => ({ projectNo, projectName, variable_selected: false })));
	},
	campaigns: (call) => {
		const company = companyOf(call, true)!;
		return lookup(byClient(CAMPAIGNS, call, company.number).map(([campaignNo, campaignName]) => ({ campaignNo, campaignName, variable_selected: false })));
	},
	jobtypes: (call) => {
		const company = companyOf(call, true)!;
		const job = currentJob(call);
		// "by passing job number the list will be filtered to include either internal or external job types"
		const internal = job === undefined ? undefined : job.jobStatus === 3;
		const rows = Object.entries(JOB_TYPES)
			.filter(([code]) => internal === undefined || INTERNAL_TYPES.has(code) === internal)
			.map(([code, description]) => ({
				JobtypeCode: `${company.number}/${code}`,
				JobtypeDescription: description,
				variable_selected: job !== undefined && simple(job.jobJobtypeCode) === code,
			}));
		return lookup([{ JobtypeCode: '', JobtypeDescription: '- Blank -', variable_selected: false }, ...rows]);
	},
	handlers: (call) => {
		companyOf(call, true);
		const team = call.params.team;
		if (team !== undefined && team !== '' && !TEAM_MEMBERS[simple(team).toUpperCase()]) throw badParameter('team', team);
		const members = team === undefined || team === '' ? undefined : TEAM_MEMBERS[simple(team).toUpperCase()];
		const rows = call.state.users
			.filter((user) => !user.disabled && (members === undefined || members.includes(user.userUserId)))
			.map((user) => ({ userFullName: user.fullName, userUserId: user.userUserId, variable_selected: false }))
			.sort((a, b) => a.userFullName.localeCompare(b.userFullName));
		return lookup([{ userFullName: '- Blank -', userUserId: 0, variable_selected: false }, ...rows]);
	},
	teams: (call) => {
		const company = companyOf(call, true)!;
		const job = currentJob(call);
		const rows = Object.entries(TEAMS).map(([code, description]) => ({
			teamCode: `${company.number}/${code}`,
			teamDescription: description,
			variable_selected: job !== undefined && simple(job.jobHandlerTeam) === code,
		}));
		return lookup([{ teamCode: '', teamDescription: '- Blank -', variable_selected: false }, ...rows]);
	},
	costscharges: (call) => {
		companyOf(call, false);
		const job = jobOfCode(call, 'job', call.params.job, false);
		return costsEnvelope(job ? phasesOf(job).flatMap(costsOf) : []);
	},
};
