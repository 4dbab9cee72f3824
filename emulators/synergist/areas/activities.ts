/**
 * activities.json (the activitylist / activitydetails model reads, create, update, delete, comment, history,
 * follow-ups and the lookups an activity form needs), plus the two older history areas activityhistory.json and
 * acthistory.json. Field names and sample values follow the v3.2 reference's examples.
 */
import { z } from 'zod';

import { unsignedInt } from '../schemas';
import { TEAMS, uuidOf, type SynergistClient } from '../seed';
import {
	JsonFault,
	XmlFault,
	areaState,
	badParameter,
	companyOf,
	inputRows,
	modelStructure,
	normalDate,
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

export interface SynergistActivity {
	activityID: number;
	activityuuid: string;
	company: number;
	/** Epoch seconds of the last change (`activityTimeStampModified`, what `timestampfrom`/`timestampto` filter on). */
	timestamp: number;
	version: number;
	typeCode: string;
	subject: string;
	details: string;
	clientCode: string;
	contactRef: number;
	jobNumber: string;
	jobAndPhase: string;
	ownerID: number;
	priorityID: number;
	status: string;
	teamCode: string;
	category: string;
	dateDue: string;
	timeDue: string;
	completed: boolean;
	completedByUserID: number;
	completedDate: string;
	completedTime: string;
	createdByUserID: number;
	creationDate: string;
	creationTime: string;
	lastModifiedByUserID: number;
	lastModifiedDate: string;
	lastModifiedTime: string;
	secondaryOwners: number[];
	campaignID: number;
	custom: Record<string, unknown>;
	attachmentCount: number;
	/** Key-field filter targets the models do not show (supplier, supplier contact, workflow). */
	supplier: string;
	supplierContact: number;
	workflow: string;
	/** The activity this one follows up. */
	followUpOf?: number;
}

export interface SynergistActivityHistory {
	activityhistoryUuid: string;
	notesId: number;
	notesHistoryId: number;
	timestamp: number;
	createdByUserID: number;
	dateCreated: string;
	timeCreated: string;
	detail: string;
	comment: string;
	category: number;
}

export interface ActivityState {
	activities: Map<number, SynergistActivity>;
	history: SynergistActivityHistory[];
	nextActivityId: number;
	nextHistoryId: number;
	/** Writes by kind, for tests that must prove a non-idempotent call was not repeated. */
	counters: { created: number; followUps: number; comments: number; updated: number; deleted: number };
}

/** Activity types (code → description); REQ is a requisition type, offered only for a job or phase. */
export const ACTIVITY_TYPES: Array<{ code: string; description: string; category: number; alerts: boolean; requisition?: boolean }> = [
	{ code: 'COMM', description: 'Communication', category: 2, alerts: true },
	{ code: 'DRFT', description: 'Draft docs', category: 2, alerts: false },
	{ code: 'MAIL', description: 'Email Export', category: 3, alerts: false },
	{ code: 'MEET', description: 'Meeting', category: 5, alerts: false },
	{ code: 'MER', description: 'Merge', category: 2, alerts: false },
	{ code: 'Notes', description: 'Meeting notes', category: 5, alerts: true },
	{ code: 'PUP', description: 'Public todo2', category: 2, alerts: true },
	{ code: 'QUOT', description: 'Quotation', category: 2, alerts: true },
	{ code: 'TODO', description: 'Task', category: 2, alerts: true },
	{ code: 'REQ', description: 'Requisition', category: 7, alerts: true, requisition: true },
];
export const ACTIVITY_PRIORITIES: Record<number, string> = { 1: 'High', 2: 'Med', 3: 'Low' };
export const ACTIVITY_STATUSES = ['Normal', 'Status 1', 'Status 2', 'Waiting on client'];
/** Categories depend on the activity type; the reference's sample of this lookup is a copy of the times lookup. */
export const activityCategories = (typeCode: string) => (typeCode.toUpperCase() === 'MAIL' ? ['Mailshot', 'Newsletter'] : ['blue', 'green', 'orange', 'purple', 'red']);
export const ACTIVITY_CUSTOM_FIELDS: Record<string, 'text' | 'date' | 'boolean' | 'number'> = {
	activityCustomField300: 'text',
	activityCustomField301: 'text',
	activityCustomField302: 'date',
	activityCustomField303: 'boolean',
	activityCustomField306: 'number',
	activityCustomField307: 'number',
};

const typeOf = (code: string) => ACTIVITY_TYPES.find((t) => t.code.toLowerCase() === code.toLowerCase());
const dateOf = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString().slice(0, 10);
const timeOf = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString().slice(11, 19);
const userName = (state: SynergistState, id: number) => state.users.find((u) => u.userUserId === id)?.fullName ?? '';
const clientOf = (state: SynergistState, code: string): SynergistClient | undefined => state.clients.get(code);
/** "Created by SYN_Jon on 09/05/2017 at 2:48pm" */
function byLine(verb: string, who: string, date: string, time: string): string {
	const [y, m, d] = date.split('-');
	const [hh, mm] = time.split(':').map(Number);
	return `${verb} by ${who} on ${d}/${m}/${y} at ${hh % 12 === 0 ? 12 : hh % 12}:${String(mm).padStart(2, '0')}${hh < 12 ? 'am' : 'pm'}`;
}
/** "8:00 AM" */
function timeDisplay(time: string): string {
	const [hh, mm] = time.split(':').map(Number);
	return `${hh % 12 === 0 ? 12 : hh % 12}:${String(mm).padStart(2, '0')} ${hh < 12 ? 'AM' : 'PM'}`;
}

/** First seed timestamp (2018-02-20), as in the jobs seed. */
const BASE_TIME = 1519131664;

function seedActivities(state: SynergistState): ActivityState {
	const activities = new Map<number, SynergistActivity>();
	const history: SynergistActivityHistory[] = [];
	let historyId = 2284;
	const make = (id: number, index: number, extra: Partial<SynergistActivity>): SynergistActivity => {
		const created = BASE_TIME - 86400 * (400 - index * 7);
		const modified = BASE_TIME + index * 3600;
		const activity: SynergistActivity = {
			activityID: id,
			activityuuid: uuidOf(`activity:${id}`),
			company: 1,
			timestamp: modified,
			version: 1 + (index % 9),
			typeCode: 'TODO',
			subject: `Follow up call ${index}`,
			details: '',
			clientCode: '',
			contactRef: 0,
			jobNumber: '',
			jobAndPhase: '',
			ownerID: index % 2 === 0 ? 54 : 256,
			priorityID: 1 + (index % 3),
			status: index % 4 === 0 ? 'Normal' : '',
			teamCode: '',
			category: '',
			dateDue: dateOf(created + 86400 * 14),
			timeDue: index % 2 === 0 ? '08:00:00' : '00:00:00',
			completed: index % 5 === 4,
			completedByUserID: 0,
			completedDate: '0000-00-00',
			completedTime: '00:00:00',
			createdByUserID: 54,
			creationDate: dateOf(created),
			creationTime: timeOf(created),
			lastModifiedByUserID: 54,
			lastModifiedDate: dateOf(modified),
			lastModifiedTime: timeOf(modified),
			secondaryOwners: [],
			campaignID: 0,
			custom: { activityCustomField300: '', activityCustomField301: '', activityCustomField302: '0000-00-00', activityCustomField303: false, activityCustomField306: 0, activityCustomField307: 0 },
			attachmentCount: 0,
			supplier: '',
			supplierContact: 0,
			workflow: '',
			...extra,
		};
		if (activity.completed) {
			activity.completedByUserID = activity.ownerID;
			activity.completedDate = activity.lastModifiedDate;
			activity.completedTime = activity.lastModifiedTime;
		}
		activities.set(id, activity);
		return activity;
	};
	const note = (activity: SynergistActivity, detail: string, category: number, offset: number) => {
		const at = activity.timestamp - offset;
		history.push({
			activityhistoryUuid: uuidOf(`history:${historyId}`),
			notesId: activity.activityID,
			notesHistoryId: historyId++,
			timestamp: at,
			createdByUserID: activity.lastModifiedByUserID,
			dateCreated: dateOf(at),
			timeCreated: timeOf(at),
			detail,
			comment: '',
			category,
		});
	};

	// The reference's own examples first.
	const companyOneClients = [...state.clients.values()].filter((c) => c.code.startsWith('1/'));
	const jobs = [...state.jobs.values()].filter((j) => j.company === 1 && !j.template).map((j) => j.jobNumber);
	const root = make(4833, 0, { typeCode: 'DRFT', subject: 'MyChangedSubject13', details: 'description7', clientCode: '1/F667', contactRef: 26 });
	make(6161, 1, { typeCode: 'MAIL', subject: 'jon test', ownerID: 256, completed: true, campaignID: 12, attachmentCount: 1 });
	make(6712, 2, { typeCode: 'PUP', subject: 'Blah', category: 'blue', campaignID: 474, priorityID: 1 });
	make(6974, 3, { typeCode: 'PUP', subject: 'MyChangedSubject13', followUpOf: 4833, clientCode: '1/F667', ownerID: 54 });
	make(7005, 4, {
		typeCode: 'Notes',
		subject: 'Meeting on site - agenda',
		details: 'Penatibus cras odio. Mauris magnis tincidunt.\nNullam imperdiet lacinia.',
		clientCode: '1/WARD',
		contactRef: 23,
		jobNumber: jobs[9],
		jobAndPhase: `${jobs[9]}.002`,
		status: 'Normal',
		category: 'blue',
		priorityID: 2,
		completed: false,
		custom: { activityCustomField300: 'Fred Smith', activityCustomField301: 'Lookup 1', activityCustomField302: '2018-03-21', activityCustomField303: true, activityCustomField306: 2, activityCustomField307: 200 },
	});
	make(7476, 5, { typeCode: 'MEET', subject: 'test', ownerID: 54, secondaryOwners: [256], attachmentCount: 2 });
	make(7477, 6, { typeCode: 'PUP', subject: 'MyChangedSubject13', followUpOf: 6974, clientCode: '1/F667' });
	// Then ordinary ones: some on clients, jobs and phases, a few for a supplier or a workflow.
	for (let i = 0; i < 24; i++) {
		const client = companyOneClients[i % companyOneClients.length];
		const job = i % 3 === 0 ? jobs[i] : '';
		make(7500 + i, 7 + i, {
			typeCode: ['TODO', 'COMM', 'MEET', 'QUOT', 'Notes'][i % 5],
			subject: ['Call back about the proof', 'Send revised estimate', 'Kick-off meeting', 'Quote for reprint', 'Notes from review'][i % 5] + ` ${i + 1}`,
			details: i % 2 === 0 ? `Agreed next steps with ${client.name}.` : '',
			clientCode: client.code,
			contactRef: client.contacts[0].ref,
			jobNumber: job,
			jobAndPhase: job && i % 2 === 0 ? `${job}.001` : '',
			teamCode: i % 4 === 0 ? '1/DQS' : '',
			category: i % 3 === 1 ? 'green' : '',
			supplier: i % 6 === 5 ? '1/PS1' : '',
			supplierContact: i % 6 === 5 ? 41 : 0,
			workflow: i % 8 === 7 ? '1/W0000000983' : '',
		});
	}
	make(8101, 40, { company: 8, typeCode: 'COMM', subject: 'Offerte besproken', clientCode: '8/1244', ownerID: 54 });
	make(8102, 41, { company: 8, typeCode: 'TODO', subject: 'Drukproef versturen', clientCode: '8/1250', ownerID: 54 });

	for (const activity of activities.values()) {
		note(activity, `Transferred to ${userName(state, activity.ownerID) || 'User'} for actioning`, 4, 7200);
		if (activity.status !== '') note(activity, `Status changed to '${activity.status}'`, 2, 3600);
	}
	note(root, 'Document 32424 deleted.', 14, 600);
	return {
		activities,
		history,
		nextActivityId: 8200,
		nextHistoryId: historyId,
		counters: { created: 0, followUps: 0, comments: 0, updated: 0, deleted: 0 },
	};
}

export const activityState = (state: SynergistState) => areaState(state, 'activities', () => seedActivities(state));

/** The activitylist model, as the reference's list example (with custom fields and the creation date). */
function listRow(state: SynergistState, a: SynergistActivity) {
	return {
		activityuuid: a.activityuuid,
		activityTimeStampModified: a.timestamp,
		activityRecordVersionNumber: a.version,
		activityAttachmentCount: String(a.attachmentCount),
		activityCreated: byLine('Created', userName(state, a.createdByUserID), a.creationDate, a.creationTime),
		activityDetails1stLine: a.details.split('\n')[0],
		activityRegardingDescription: '',
		activityRegardingDescription2: '',
		activityRegardingWhat: a.jobAndPhase ? `Phase: ${a.jobAndPhase}` : a.jobNumber ? `Job: ${a.jobNumber}` : a.campaignID ? `Campaign: ${a.subject}` : '',
		...a.custom,
		activityPriorityDescription: ACTIVITY_PRIORITIES[a.priorityID] ?? '',
		activityOwnerID: a.ownerID,
		activityOwnerName: userName(state, a.ownerID),
		activityClientCode: a.clientCode,
		activityClientName: clientOf(state, a.clientCode)?.name ?? '',
		activityCompleted: a.completed,
		activityViewDate: '0000-00-00',
		activityViewTime: '00:00:00',
		activityViewTimezone: '',
		activityJobNumber: a.jobNumber,
		activityJobNumberSimple: a.jobNumber ? simple(a.jobNumber) : '',
		activityJobAndPhase: a.jobAndPhase,
		activityJobAndPhaseSimple: a.jobAndPhase ? simple(a.jobAndPhase) : '',
		activitySubject: a.subject,
		activityActivitytype: typeOf(a.typeCode)?.description ?? '',
		activityID: a.activityID,
		activityCreationDate: a.creationDate,
	};
}

/** The activitydetails model, as the reference's details example. */
function detailsRow(state: SynergistState, a: SynergistActivity) {
	const list = listRow(state, a);
	const type = typeOf(a.typeCode);
	const client = clientOf(state, a.clientCode);
	const history = activityState(state)
		.history.filter((h) => h.notesId === a.activityID)
		.sort((x, y) => y.timestamp - x.timestamp)
		.map((h) => `${h.dateCreated.slice(8, 10)}/${h.dateCreated.slice(5, 7)}/${h.dateCreated.slice(2, 4)} - ${h.detail}`);
	return {
		activityuuid: a.activityuuid,
		activityTimeStampModified: a.timestamp,
		activityRecordVersionNumber: a.version,
		activityAlertBeforePeriodDescription: '',
		activityJobPhaseDescription1stLine: '',
		activityJobDescription1stLine: a.jobNumber ? (state.jobs.get(a.jobNumber)?.jobDescription.split('\n')[0] ?? '') : '',
		activityCompletedDescription: '',
		activityCreated: list.activityCreated,
		activityDetails1stLine: list.activityDetails1stLine,
		activityHistorySummary: history.map((line) => `${line}\r`).join(''),
		activityMailshotResponse: '',
		activityModified: byLine('Last modified', userName(state, a.lastModifiedByUserID), a.lastModifiedDate, a.lastModifiedTime),
		activityRegardingDescription: '',
		activityRegardingDescription2: '',
		activityRegardingWhat: list.activityRegardingWhat,
		activitySecondaryOwnersDescription: a.secondaryOwners.map((id) => userName(state, id)),
		activitySecondaryOwnersUserID: [...a.secondaryOwners],
		...a.custom,
		activityPriorityDescription: list.activityPriorityDescription,
		activityTimeDueDisplay: timeDisplay(a.timeDue),
		activityCompanyName: state.companies.get(a.company)?.name ?? '',
		activityCompanyNumber: a.company,
		activityID: a.activityID,
		activityJobNumber: list.activityJobNumber,
		activityJobNumberSimple: list.activityJobNumberSimple,
		activityJobAndPhase: list.activityJobAndPhase,
		activityJobAndPhaseSimple: list.activityJobAndPhaseSimple,
		activityStageCode: '',
		activityStageDescription: '',
		activitySubject: a.subject,
		activityDetails: a.details,
		activityClientCode: a.clientCode,
		activityClientName: client?.name ?? '',
		activityClientPhone: '',
		activityClientEmail: '',
		activityActivitytypeCode: a.typeCode,
		activityActivitytype: type?.description ?? '',
		activityActivitytypeCompanyNumber: a.company,
		activityActivitytypeCategory: type?.category ?? 0,
		activityTeamCode: a.teamCode,
		activityTeamDescription: a.teamCode ? (TEAMS[simple(a.teamCode)] ?? '') : '',
		activityOwnerID: a.ownerID,
		activityOwnerName: list.activityOwnerName,
		activityCompletedBy: a.completed ? userName(state, a.completedByUserID) : '',
		activityCreatedBy: userName(state, a.createdByUserID),
		activityLastModifiedBy: userName(state, a.lastModifiedByUserID),
		activityClientContactInternalRef: a.contactRef,
		activityClientContactFullName: client?.contacts.find((c) => c.ref === a.contactRef)?.fullName ?? '',
		activityStatus: a.status,
		activityPriorityID: a.priorityID,
		activityCategory: a.category,
		activityAlertSentBefore: false,
		activityAlertBeforePeriod: 0,
		activityImmediateAlert: type?.alerts ?? false,
		activityAlertCompleted: false,
		activityCompleted: a.completed,
		activityAlertSentInstant: false,
		activityMarketingCampaignID: a.campaignID,
		activityMarketingCampaignPromotionCode: '',
		activityDateDue: a.dateDue,
		activityTimeDue: a.timeDue,
		activityDueTimezone: a.dateDue === '0000-00-00' ? '' : 'UTCA',
		activityCompletedByUserID: a.completedByUserID,
		activityCompletedDate: a.completedDate,
		activityCompletedTime: a.completedTime,
		activityCompletedTimeZone: a.completed ? 'UTCA' : '',
		activityTimezoneCompleted: a.completed ? 'GMT' : '',
		activityTimezoneCreated: 'GMT',
		activityTimezoneLastModified: 'GMT',
		activityCreatedByUserID: a.createdByUserID,
		activityCreationDate: a.creationDate,
		activityCreationTime: a.creationTime,
		activityCreationTimeZone: 'UTCA',
		activityLastModifiedByUserID: a.lastModifiedByUserID,
		activityLastModifiedDate: a.lastModifiedDate,
		activityLastModifiedTime: a.lastModifiedTime,
		activityLastModifiedTimeZone: 'UTCA',
	};
}

const MODELS: Record<string, (state: SynergistState, a: SynergistActivity) => Record<string, unknown>> = {
	activitylist: listRow,
	activitydetails: detailsRow,
};
const MANDATORY_ON_CREATE = new Set(['activityActivitytypeCode', 'activityClientCode']);

/** Predicates of the seeded activity views; a view of type Activities without one selects every activity. */
const ACTIVITY_VIEWS: Record<string, (a: SynergistActivity, userId: number) => boolean> = {
	'-1700': () => true,
	'-1703': (a, userId) => a.ownerID === userId && !a.completed,
};

/** A whole number > 0 from the query, or 404504. */
function idParam(call: Call, name: string, required: true): number;
function idParam(call: Call, name: string, required: boolean): number | undefined;
function idParam(call: Call, name: string, required: boolean): number | undefined {
	// The reference's own details example reads `Activityid=Activityid=7005`.
	const raw = call.params[name]?.replace(new RegExp(`^${name}=`, 'i'), '');
	if (raw === undefined || raw === '') {
		if (required) throw badParameter(name, '');
		return undefined;
	}
	if (!unsignedInt.safeParse(raw).success || Number(raw) === 0) throw badParameter(name, raw);
	return Number(raw);
}

/** The activity of an `activityID` parameter, in the call's company when one was sent (else in one of the user's). */
function activityOf(call: Call, id: number): SynergistActivity {
	const company = companyOf(call, false);
	const activity = activityState(call.state).activities.get(id);
	if (!activity || (company ? activity.company !== company.number : !call.user.companies.includes(activity.company))) {
		throw new JsonFault(2002, `activity ${id} not found`);
	}
	return activity;
}

/** A change by the calling user: new timestamp, version and last-modified stamp. */
function touch(call: Call, a: SynergistActivity) {
	const seconds = Math.floor(call.clock / 1000);
	// Never the same second twice for one record, so `timestampfrom` always sees a change.
	a.timestamp = Math.max(seconds, a.timestamp + 1);
	a.version++;
	a.lastModifiedByUserID = call.user.userUserId;
	a.lastModifiedDate = dateOf(a.timestamp);
	a.lastModifiedTime = timeOf(a.timestamp);
}

function addHistory(call: Call, a: SynergistActivity, detail: string, category: number) {
	const store = activityState(call.state);
	const at = a.timestamp;
	const id = store.nextHistoryId++;
	store.history.push({
		activityhistoryUuid: uuidOf(`history:${id}`),
		notesId: a.activityID,
		notesHistoryId: id,
		timestamp: at,
		createdByUserID: call.user.userUserId,
		dateCreated: dateOf(at),
		timeCreated: timeOf(at),
		detail,
		comment: '',
		category,
	});
}

const readActivities: AreaHandler = (call) => {
	const { params, state } = call;
	const company = companyOf(call, true)!;
	const style = styleOf(call);
	const modelName = (params.modelstructure ?? 'activitylist').toLowerCase();
	const model = MODELS[modelName];
	if (!model) throw badParameter('modelstructure', params.modelstructure);
	const store = activityState(state);
	if (style === 'modelstructure') return modelStructure(model(state, store.activities.get(7005)!), 'activity', MANDATORY_ON_CREATE);

	let matches: ((a: SynergistActivity, userId: number) => boolean) | undefined;
	if (params.view !== undefined && params.view !== '') {
		const view = state.views.find(
			(v) =>
				v.type === 'Activities' &&
				String(v.SettingsSettingsID).toLowerCase() === params.view.toLowerCase() &&
				(v.SettingsCompany === 0 || v.SettingsCompany === company.number) &&
				(v.SettingsUserID === 0 || v.SettingsUserID === call.user.userUserId),
		);
		if (!view) throw new XmlFault(404502, `invalid view ${params.view}`);
		matches = ACTIVITY_VIEWS[String(view.SettingsSettingsID)];
	}
	// Key field filters: `activity` and `activityid` both name the record.
	const id = idParam(call, 'activityid', false) ?? idParam(call, 'activity', false);
	const stamp = (name: string) => {
		const raw = params[name];
		if (raw === undefined || raw === '') return undefined;
		if (!unsignedInt.safeParse(raw).success) throw badParameter(name, raw);
		return Number(raw);
	};
	const from = stamp('timestampfrom');
	const to = stamp('timestampto');
	const same = (value: string, wanted: string | undefined) => wanted === undefined || value.toLowerCase() === wanted.toLowerCase();
	const contactRef = params.clientcontact === undefined ? undefined : Number(params.clientcontact);
	const supplierContact = params.suppliercontact === undefined ? undefined : Number(params.suppliercontact);
	const search = (params.search ?? '').toLowerCase();
	const rows = [...store.activities.values()]
		.filter((a) => a.company === company.number)
		.filter((a) => !matches || matches(a, call.user.userUserId))
		.filter((a) => id === undefined || a.activityID === id)
		.filter((a) => same(a.jobNumber, params.job) && same(a.jobAndPhase, params.jobphase) && same(a.clientCode, params.client))
		.filter((a) => same(a.supplier, params.supplier) && same(a.workflow, params.workflow))
		.filter((a) => (contactRef === undefined || a.contactRef === contactRef) && (supplierContact === undefined || a.supplierContact === supplierContact))
		.filter((a) => params.uuid === undefined || a.activityuuid === params.uuid.toUpperCase())
		// timestampfrom/timestampto: epoch seconds like activityTimeStampModified, both ends inclusive
		.filter((a) => (from === undefined || a.timestamp >= from) && (to === undefined || a.timestamp <= to))
		.filter((a) => search === '' || `${a.subject} ${a.details} ${clientOf(state, a.clientCode)?.name ?? ''}`.toLowerCase().includes(search))
		.sort((a, b) => a.activityID - b.activityID);
	return paged(call, rows, (a) => model(state, a));
};

// ---- create / update / delete ----------------------------------------------------------------------------------

const looseInt = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]).transform((v) => Number(v));
const looseDate = z.string().regex(/^\d{4}[-/]\d{1,2}[-/]\d{1,2}$|^0000-00-00$/);
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/);
const looseBool = z.union([z.boolean(), z.enum(['true', 'false', 'Y', 'N'])]).transform((v) => v === true || v === 'true' || v === 'Y');
const customShape = Object.fromEntries(
	Object.entries(ACTIVITY_CUSTOM_FIELDS).map(([name, type]) => [
		name,
		(type === 'boolean' ? looseBool : type === 'number' ? z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform(Number) : type === 'date' ? looseDate : z.string()).optional(),
	]),
);
/** Fields both create and update take (the ones the activity form's lookups fill in). */
const editable = {
	activityActivitytypeCode: z.string().optional(),
	activityClientCode: z.string().optional(),
	activitySubject: z.string().optional(),
	activityDetails: z.string().optional(),
	activityClientContactInternalRef: looseInt.optional(),
	activityOwnerID: looseInt.optional(),
	activityPriorityID: looseInt.optional(),
	activityStatus: z.string().optional(),
	activityTeamCode: z.string().optional(),
	activityCategory: z.string().optional(),
	activityDateDue: looseDate.optional(),
	activityTimeDue: timeOfDay.optional(),
	...customShape,
};
export const activityCreateRow = z
	.object({ ...editable, Job: z.string().optional(), Jobphase: z.string().optional(), activityCompanyNumber: looseInt.optional() })
	.strict();
export const activityUpdateRow = z
	.object({
		...editable,
		activityID: looseInt.optional(),
		activityRecordVersionNumber: looseInt.optional(),
		activityCompleted: looseBool.optional(),
		activitySecondaryOwnersUserID: z.array(looseInt).optional(),
	})
	.strict();
type Editable = z.infer<typeof activityUpdateRow>;

function parseRow<T extends z.ZodTypeAny>(schema: T, raw: Record<string, unknown>): z.infer<T> {
	const shape = (schema as unknown as z.ZodObject<z.ZodRawShape>).shape;
	const unknown = Object.keys(raw).find((key) => !(key in shape));
	if (unknown) throw new JsonFault(2005, `unknown field ${unknown}`);
	const parsed = schema.safeParse(raw);
	if (!parsed.success) throw new JsonFault(2004, `invalid value for ${parsed.error.issues[0].path.join('.')}`);
	return parsed.data as z.infer<T>;
}

/** Checks the lookup-backed fields of a create or update and copies them onto the activity. */
function applyFields(call: Call, a: SynergistActivity, row: Editable): string[] {
	const { state } = call;
	const inCompany = (code: string) => code.startsWith(`${a.company}/`);
	const changes: string[] = [];
	if (row.activityActivitytypeCode !== undefined) {
		const type = typeOf(row.activityActivitytypeCode);
		if (!type || (type.requisition && !a.jobNumber)) throw new JsonFault(2002, `activity type ${row.activityActivitytypeCode} not found`);
		if (type.code !== a.typeCode) changes.push(`Type changed to '${type.description}'`);
		a.typeCode = type.code;
	}
	if (row.activityClientCode !== undefined) {
		if (row.activityClientCode !== '' && (!clientOf(state, row.activityClientCode) || !inCompany(row.activityClientCode))) {
			throw new JsonFault(2002, `client ${row.activityClientCode} not found`);
		}
		a.clientCode = row.activityClientCode;
	}
	if (row.activityClientContactInternalRef !== undefined && row.activityClientContactInternalRef !== 0) {
		if (!clientOf(state, a.clientCode)?.contacts.some((c) => c.ref === row.activityClientContactInternalRef)) {
			throw new JsonFault(2002, `client contact ${row.activityClientContactInternalRef} not found for client ${a.clientCode}`);
		}
	}
	if (row.activityClientContactInternalRef !== undefined) a.contactRef = row.activityClientContactInternalRef;
	if (row.activityOwnerID !== undefined) {
		if (!state.users.some((u) => u.userUserId === row.activityOwnerID && !u.disabled)) throw new JsonFault(2002, `owner ${row.activityOwnerID} not found`);
		if (row.activityOwnerID !== a.ownerID) changes.push(`Transferred to ${userName(state, row.activityOwnerID)} for actioning`);
		a.ownerID = row.activityOwnerID;
	}
	if (row.activityPriorityID !== undefined) {
		if (!ACTIVITY_PRIORITIES[row.activityPriorityID]) throw new JsonFault(2004, 'invalid value for activityPriorityID');
		a.priorityID = row.activityPriorityID;
	}
	if (row.activityStatus !== undefined) {
		if (row.activityStatus !== '' && !ACTIVITY_STATUSES.includes(row.activityStatus)) throw new JsonFault(2002, `status ${row.activityStatus} not found`);
		if (row.activityStatus !== a.status) changes.push(`Status changed to '${row.activityStatus}'`);
		a.status = row.activityStatus;
	}
	if (row.activityTeamCode !== undefined) {
		if (row.activityTeamCode !== '' && (!inCompany(row.activityTeamCode) || !TEAMS[simple(row.activityTeamCode)])) {
			throw new JsonFault(2002, `team ${row.activityTeamCode} not found`);
		}
		a.teamCode = row.activityTeamCode;
	}
	if (row.activityCategory !== undefined) {
		if (row.activityCategory !== '' && !activityCategories(a.typeCode).includes(row.activityCategory)) {
			throw new JsonFault(2002, `category ${row.activityCategory} not found for activity type ${a.typeCode}`);
		}
		if (row.activityCategory !== a.category) changes.push(`Category changed to '${row.activityCategory}'`);
		a.category = row.activityCategory;
	}
	if (row.activityDateDue !== undefined) {
		const date = row.activityDateDue === '0000-00-00' ? '0000-00-00' : normalDate(row.activityDateDue);
		if (!date) throw new JsonFault(2004, 'invalid value for activityDateDue');
		a.dateDue = date;
	}
	if (row.activityTimeDue !== undefined) a.timeDue = row.activityTimeDue.length === 5 ? `${row.activityTimeDue}:00` : row.activityTimeDue;
	if (row.activitySubject !== undefined) a.subject = row.activitySubject;
	if (row.activityDetails !== undefined) a.details = row.activityDetails;
	for (const name of Object.keys(ACTIVITY_CUSTOM_FIELDS)) {
		const value = (row as Record<string, unknown>)[name];
		if (value !== undefined) a.custom[name] = value;
	}
	if (row.activityCompleted !== undefined && row.activityCompleted !== a.completed) {
		a.completed = row.activityCompleted;
		changes.push(a.completed ? 'Activity completed' : 'Activity re-opened');
	}
	if (row.activitySecondaryOwnersUserID !== undefined) {
		const unknown = row.activitySecondaryOwnersUserID.find((id) => !state.users.some((u) => u.userUserId === id && !u.disabled));
		if (unknown !== undefined) throw new JsonFault(2002, `user ${unknown} not found`);
		a.secondaryOwners = [...new Set(row.activitySecondaryOwnersUserID)];
	}
	return changes;
}

const createActivities: AreaHandler = (call) => {
	const { state } = call;
	const company = companyOf(call, true)!;
	const store = activityState(state);
	const rows = inputRows(call).map((raw) => parseRow(activityCreateRow, raw));
	const seconds = Math.floor(call.clock / 1000);
	const planned = rows.map((row, index) => {
		for (const field of MANDATORY_ON_CREATE) {
			const value = (row as Record<string, unknown>)[field];
			if (value === undefined || value === '') throw new JsonFault(2001, `mandatory field ${field} not supplied`);
		}
		if (row.activityCompanyNumber !== undefined && row.activityCompanyNumber !== company.number) {
			throw new JsonFault(2004, `activityCompanyNumber ${row.activityCompanyNumber} does not match company ${company.number}`);
		}
		const jobNumber = row.Jobphase ? row.Jobphase.replace(/\.[^.]*$/, '') : (row.Job ?? '');
		if (row.Job && row.Jobphase && !row.Jobphase.startsWith(`${row.Job}.`)) throw new JsonFault(2004, `phase ${row.Jobphase} is not a phase of job ${row.Job}`);
		if (jobNumber !== '' && (state.jobs.get(jobNumber)?.company !== company.number)) throw new JsonFault(2002, `job ${jobNumber} not found`);
		if (row.Jobphase !== undefined && !/^\d+\/[A-Za-z0-9]+\.[A-Za-z0-9]+$/.test(row.Jobphase)) throw new JsonFault(2004, 'invalid value for Jobphase');
		const id = store.nextActivityId + index;
		const activity: SynergistActivity = {
			...seedLike(id, company.number, call.user.userUserId, seconds),
			jobNumber,
			jobAndPhase: row.Jobphase ?? '',
		};
		applyFields(call, activity, row);
		return activity;
	});
	// All rows are checked before any is stored: a refused batch creates nothing.
	const data = planned.map((activity) => {
		store.nextActivityId++;
		store.counters.created++;
		store.activities.set(activity.activityID, activity);
		addHistory(call, activity, `Activity created.`, 1);
		return {
			activityuuid: activity.activityuuid,
			activityID: activity.activityID,
			activityOwnerID: activity.ownerID,
			activityOwnerName: userName(state, activity.ownerID),
			activityTimeStampModified: activity.timestamp,
			activityRecordVersionNumber: activity.version,
		};
	});
	return written(data);
};

/** A new activity's defaults: owned and created by the caller, now. */
function seedLike(id: number, company: number, userId: number, seconds: number): SynergistActivity {
	return {
		activityID: id,
		activityuuid: uuidOf(`activity:${id}:${seconds}`),
		company,
		timestamp: seconds,
		version: 1,
		typeCode: '',
		subject: '',
		details: '',
		clientCode: '',
		contactRef: 0,
		jobNumber: '',
		jobAndPhase: '',
		ownerID: userId,
		priorityID: 2,
		status: '',
		teamCode: '',
		category: '',
		dateDue: '0000-00-00',
		timeDue: '00:00:00',
		completed: false,
		completedByUserID: 0,
		completedDate: '0000-00-00',
		completedTime: '00:00:00',
		createdByUserID: userId,
		creationDate: dateOf(seconds),
		creationTime: timeOf(seconds),
		lastModifiedByUserID: userId,
		lastModifiedDate: dateOf(seconds),
		lastModifiedTime: timeOf(seconds),
		secondaryOwners: [],
		campaignID: 0,
		custom: { activityCustomField300: '', activityCustomField301: '', activityCustomField302: '0000-00-00', activityCustomField303: false, activityCustomField306: 0, activityCustomField307: 0 },
		attachmentCount: 0,
		supplier: '',
		supplierContact: 0,
		workflow: '',
	};
}

const updateActivities: AreaHandler = (call) => {
	const { state } = call;
	companyOf(call, true);
	const store = activityState(state);
	const rows = inputRows(call).map((raw) => parseRow(activityUpdateRow, raw));
	const planned = rows.map((row) => {
		if (row.activityID === undefined) throw new JsonFault(2001, 'mandatory field activityID not supplied');
		const current = activityOf(call, row.activityID);
		// The documented optimistic lock: the version read last must still be the record's.
		if (row.activityRecordVersionNumber === undefined) throw new JsonFault(2001, 'mandatory field activityRecordVersionNumber not supplied');
		if (row.activityRecordVersionNumber !== current.version) {
			throw new JsonFault(2006, `activity ${current.activityID} has been changed by another user (record version ${current.version}, not ${row.activityRecordVersionNumber})`);
		}
		const next: SynergistActivity = { ...current, custom: { ...current.custom }, secondaryOwners: [...current.secondaryOwners] };
		const changes = applyFields(call, next, row);
		return { next, changes, row };
	});
	const data = planned.map(({ next, changes, row }) => {
		touch(call, next);
		if (next.completed && next.completedByUserID === 0) {
			next.completedByUserID = call.user.userUserId;
			next.completedDate = next.lastModifiedDate;
			next.completedTime = next.lastModifiedTime;
		}
		store.activities.set(next.activityID, next);
		store.counters.updated++;
		for (const change of changes) addHistory(call, next, change, 2);
		const reply: Record<string, unknown> = {
			activityID: next.activityID,
			activityuuid: next.activityuuid,
			activityTimeStampModified: next.timestamp,
			activityRecordVersionNumber: next.version,
		};
		if (row.activitySecondaryOwnersUserID !== undefined) {
			// as the reference's secondary-owner update answers
			reply.activitySecondaryOwnersDescription = next.secondaryOwners.map((id) => userName(state, id)).join(', ');
			reply.activitySecondaryOwnersUserID = [...next.secondaryOwners];
		}
		return reply;
	});
	return written(data);
};

const deleteActivities: AreaHandler = (call) => {
	const store = activityState(call.state);
	const rows = inputRows(call);
	const ids = rows.map((row) => {
		const unknown = Object.keys(row).find((key) => key !== 'activityID');
		if (unknown) throw new JsonFault(2005, `unknown field ${unknown}`);
		const id = looseInt.safeParse(row.activityID);
		if (row.activityID === undefined) throw new JsonFault(2001, 'mandatory field activityID not supplied');
		if (!id.success) throw new JsonFault(2004, 'invalid value for activityID');
		return id.data;
	});
	const deleted: Array<{ activityID: number; activityuuid: string }> = [];
	const missing: number[] = [];
	for (const id of ids) {
		let activity: SynergistActivity | undefined;
		try {
			activity = activityOf(call, id);
		} catch {
			missing.push(id);
			continue;
		}
		store.activities.delete(id);
		store.history = store.history.filter((h) => h.notesId !== id);
		store.counters.deleted++;
		deleted.push({ activityID: id, activityuuid: activity.activityuuid });
	}
	if (deleted.length === 0) throw new JsonFault(2002, `activity ${missing.join(', ')} not found`);
	// success:true with the partial failure in warningmessage, as other deletes report it
	const warning = missing.length > 0 ? `${deleted.length} of ${ids.length} Activity deleted.` : '';
	return written(deleted, 'data processed successfully.', warning);
};

// ---- comments, history, follow-ups ------------------------------------------------------------------------------

function historyRows(call: Call, activity: SynergistActivity) {
	return activityState(call.state)
		.history.filter((h) => h.notesId === activity.activityID)
		.sort((a, b) => b.timestamp - a.timestamp || b.notesHistoryId - a.notesHistoryId)
		.map((h) => ({
			activityhistoryUuid: h.activityhistoryUuid,
			activityhistoryTimeStampModified: h.timestamp,
			activityhistoryRecordVersionNumber: 0,
			activityhistoryComment: h.comment,
			activityhistoryCreatedByUserID: h.createdByUserID,
			activityhistoryDateCreated: h.dateCreated,
			activityhistoryHistoryDetail: h.detail,
			activityhistoryNotesHistoryCategory: h.category,
			activityhistoryTimeCreated: h.timeCreated,
			activityhistoryCreatedByFullNAme: userName(call.state, h.createdByUserID),
			activityhistoryCreatedDisplayDescription: byLine('Created', userName(call.state, h.createdByUserID), h.dateCreated, h.timeCreated),
		}));
}

const listHistory: AreaHandler = (call) => paged(call, historyRows(call, activityOf(call, idParam(call, 'activityid', true))));

const addComment: AreaHandler = (call) => {
	const activity = activityOf(call, idParam(call, 'activityid', true));
	const text = call.params.description ?? '';
	if (text.trim() === '') throw badParameter('description', text);
	touch(call, activity);
	addHistory(call, activity, text, 0);
	activityState(call.state).counters.comments++;
	return written(undefined, 'Comment created.');
};

const createFollowUp: AreaHandler = (call) => {
	companyOf(call, true);
	const store = activityState(call.state);
	const parent = activityOf(call, idParam(call, 'activityid', true));
	const typeCode = call.params.activitytype ?? '';
	if (typeCode === '') throw badParameter('activitytype', typeCode);
	const type = typeOf(typeCode);
	if (!type || (type.requisition && !parent.jobNumber)) throw new JsonFault(2002, `activity type ${typeCode} not found`);
	const seconds = Math.floor(call.clock / 1000);
	const id = store.nextActivityId++;
	const followUp: SynergistActivity = {
		...seedLike(id, parent.company, call.user.userUserId, seconds),
		typeCode: type.code,
		subject: parent.subject,
		clientCode: parent.clientCode,
		contactRef: parent.contactRef,
		jobNumber: parent.jobNumber,
		jobAndPhase: parent.jobAndPhase,
		followUpOf: parent.activityID,
	};
	store.activities.set(id, followUp);
	store.counters.followUps++;
	addHistory(call, followUp, `Follow-up of activity ${parent.activityID}.`, 1);
	touch(call, parent);
	addHistory(call, parent, `Follow-up activity ${id} created.`, 1);
	return written([{ activityID: id, activityuuid: followUp.activityuuid }], 'Followup created.');
};

/** The follow-up thread of an activity: its first activity and every follow-up, newest first (as the example lists 4833 itself). */
const listFollowUps: AreaHandler = (call) => {
	// The table names `activityID`, the example sends `activity=`: both are read.
	const id = idParam(call, 'activityid', false) ?? idParam(call, 'activity', false);
	if (id === undefined) throw badParameter('activityID', '');
	const store = activityState(call.state);
	let root = activityOf(call, id);
	while (root.followUpOf !== undefined && store.activities.has(root.followUpOf)) root = store.activities.get(root.followUpOf)!;
	const thread: SynergistActivity[] = [root];
	for (let i = 0; i < thread.length; i++) {
		thread.push(...[...store.activities.values()].filter((a) => a.followUpOf === thread[i].activityID));
	}
	const rows = thread
		.sort((a, b) => `${b.creationDate}T${b.creationTime}`.localeCompare(`${a.creationDate}T${a.creationTime}`) || b.activityID - a.activityID)
		.map((a) => ({
			activityuuid: a.activityuuid,
			activityTimeStampModified: a.timestamp,
			activityRecordVersionNumber: a.version,
			activityCreationDate: a.creationDate,
			activityCreationTime: a.creationTime,
			activityCreationTimeZone: 'UTCA',
			activitySubject: a.subject,
			activityID: a.activityID,
			// sic: the reference spells this field with a capital I and L
			activityDetails1stLIne: a.details.split('\n')[0],
			activityActivitytype: typeOf(a.typeCode)?.description ?? '',
		}));
	return paged(call, rows);
};

// ---- lookups ---------------------------------------------------------------------------------------------------

const lookup = (call: Call, rows: unknown[]) => paged(call, rows);

const activityTypes: AreaHandler = (call) => {
	companyOf(call, true);
	const { params } = call;
	if (params.job !== undefined && params.job !== '' && !call.state.jobs.has(params.job)) throw badParameter('job', params.job);
	if (params.jobphase !== undefined && params.jobphase !== '' && !/^\d+\/[A-Za-z0-9]+\.[A-Za-z0-9]+$/.test(params.jobphase)) throw badParameter('jobphase', params.jobphase);
	// Requisition types only for a job or phase ("if you are supporting requisition type activities you need to pass the job/jobphase").
	const forJob = Boolean(params.job || params.jobphase);
	const current = (params.activitytype ?? '').toLowerCase();
	return lookup(
		call,
		ACTIVITY_TYPES.filter((t) => forJob || !t.requisition).map((t) => ({
			activitytypeNoteCategory: t.category,
			activitytypeCode: t.code,
			activitytypeCompany: Number(params.company),
			activitytypeDescription: t.description,
			activitytypeDisplayOrder: '',
			activitytypeActive: true,
			activitytypeImmediateAlertOnByDefault: t.alerts,
			activitytypeCompletionAlertByDefault: t.alerts,
			variable_selected: t.code.toLowerCase() === current,
		})),
	);
};

const categories: AreaHandler = (call) => {
	companyOf(call, true);
	const type = call.params.activitytype ?? '';
	if (type === '') throw badParameter('activitytype', type);
	if (!typeOf(type)) return lookup(call, []);
	// The reference's sample of this lookup is a copy of the times lookup; the field name follows lookupActivityStatus.
	return lookup(
		call,
		activityCategories(type).map((category) => ({ lookupActivityCategory: category, variable_selected: false })),
	);
};

function clientRow(client: SynergistClient) {
	return {
		clientUuid: uuidOf(`client:${client.code}`),
		clientTimeStampModified: 1496750532,
		clientRecordVersionNumber: 730,
		clientCode: client.code,
		clientName: client.name,
		clientCategoryName: 'Client',
		clientPhone: '',
		clientCategory: 3,
		clientHandlerUserID: 54,
		clientWebURL: '',
		clientEmail: '',
		clientInactive: false,
		clientType: '',
		clientOpStatus: '',
		clientMarketSector: '',
		clientOnHold: false,
		clientHandlerFullName: 'SYN_Jon',
	};
}

const clientsList: AreaHandler = (call) => {
	const company = companyOf(call, true)!;
	const style = styleOf(call);
	const model = (call.params.modelstructure ?? 'clientslist').toLowerCase();
	if (model !== 'clientslist' && model !== 'clientdetails') throw badParameter('modelstructure', call.params.modelstructure);
	const clients = [...call.state.clients.values()].filter((c) => c.code.startsWith(`${company.number}/`));
	if (style === 'modelstructure') return modelStructure(clientRow(clients[0]), 'client');
	if (call.params.view !== undefined && call.params.view !== '') {
		const view = call.state.views.find(
			(v) =>
				v.type === 'Organizations' &&
				String(v.SettingsSettingsID).toLowerCase() === call.params.view.toLowerCase() &&
				(v.SettingsCompany === 0 || v.SettingsCompany === company.number),
		);
		if (!view) throw new XmlFault(404502, `invalid view ${call.params.view}`);
	}
	return paged(
		call,
		clients.sort((a, b) => a.name.localeCompare(b.name)),
		(client) => clientRow(client),
	);
};

const clientContacts: AreaHandler = (call) => {
	companyOf(call, true);
	const code = call.params.client ?? '';
	if (code === '') throw badParameter('client', code);
	const contacts = call.state.clients.get(code)?.contacts ?? [];
	return lookup(
		call,
		contacts.map((c, index) => ({ clientcontactInternalRef: c.ref, clientcontactFullName: c.fullName, variable_selected: index === 0 })),
	);
};

const owners: AreaHandler = (call) => {
	const company = companyOf(call, true)!;
	return lookup(
		call,
		call.state.users
			.filter((u) => !u.disabled && u.companies.includes(company.number))
			.map((u) => ({ userFullName: u.fullName, userUserId: u.userUserId, variable_selected: u.userUserId === call.user.userUserId })),
	);
};

const secondaryOwners: AreaHandler = (call) => {
	const company = companyOf(call, true)!;
	let selected: number[] = [];
	if (call.params.userid !== undefined && call.params.userid !== '') {
		const parsed = parseJson(call.params.userid);
		const ids = z.array(z.number().int()).safeParse(parsed);
		if (parsed === NOT_JSON || !ids.success) throw badParameter('userid', call.params.userid);
		selected = ids.data;
	}
	return lookup(
		call,
		call.state.users
			.filter((u) => !u.disabled && u.companies.includes(company.number))
			.map((u) => ({ userFullName: u.fullName, userUserId: u.userUserId, variable_selected: selected.includes(u.userUserId) })),
	);
};

const priorities: AreaHandler = (call) => {
	companyOf(call, true);
	// `input=<priority ID>` marks the current value (not the usual JSON input)
	const current = call.params.input;
	if (current !== undefined && current !== '' && !unsignedInt.safeParse(current).success) throw badParameter('input', current);
	return lookup(
		call,
		Object.entries(ACTIVITY_PRIORITIES).map(([id, description]) => ({
			lookupActivityPriorityDescription: description,
			lookupActivityPriorityID: Number(id),
			variable_selected: id === current,
		})),
	);
};

const statuses: AreaHandler = (call) => {
	companyOf(call, true);
	const id = idParam(call, 'activityid', false);
	const current = call.params.status || call.params.input || (id === undefined ? '' : activityOf(call, id).status);
	return lookup(call, [
		{ lookupActivityStatus: '- Blank -', variable_selected: current === '' },
		...ACTIVITY_STATUSES.map((status) => ({ lookupActivityStatus: status, variable_selected: status === current })),
	]);
};

const teams: AreaHandler = (call) => {
	const company = companyOf(call, true)!;
	return lookup(call, [
		{ teamCode: '', teamDescription: '- Blank -', variable_selected: true },
		...Object.entries(TEAMS).map(([code, description]) => ({ teamCode: `${company.number}/${code}`, teamDescription: description, variable_selected: false })),
	]);
};

const times: AreaHandler = (call) => {
	companyOf(call, false);
	const rows = Array.from({ length: 48 }, (_, i) => {
		const time = `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}:00`;
		return { lookupTime: time, lookupTimeDisplay: timeDisplay(time), variable_selected: i === 0 };
	});
	return lookup(call, rows);
};

export const activitiesArea: Area = {
	read: readActivities,
	actions: {
		create: createActivities,
		update: updateActivities,
		delete: deleteActivities,
		comment: addComment,
		history: listHistory,
		activityfollowup: createFollowUp,
		followuplist: listFollowUps,
		activitytypes: activityTypes,
		categories,
		clientslist: clientsList,
		clientcontacts: clientContacts,
		owners,
		secondaryowners: secondaryOwners,
		priorities,
		status: statuses,
		teams,
		times,
	},
};

/** activityhistory.json?activityID=…: the same list as activities.json?action=history. */
export const activityHistoryArea: Area = { read: listHistory };

/** acthistory.json (deprecated since API 2.2): the company's activity history, or one activity's with `NotesID`. */
export const actHistoryArea: Area = {
	read: (call) => {
		const company = companyOf(call, true)!;
		const notesId = idParam(call, 'notesid', false);
		const store = activityState(call.state);
		const rows = store.history
			.filter((h) => store.activities.get(h.notesId)?.company === company.number)
			.filter((h) => notesId === undefined || h.notesId === notesId)
			.sort((a, b) => a.notesHistoryId - b.notesHistoryId);
		return paged(call, rows, (h) => ({
			activityhistoryUuid: h.activityhistoryUuid,
			activityhistoryTimeStampModified: h.timestamp,
			activityhistoryRecordVersionNumber: 0,
			activityhistoryNotesID: h.notesId,
			activityhistoryNotesHistoryID: h.notesHistoryId,
			activityhistoryDateCreated: h.dateCreated,
			activityhistoryTimeCreated: h.timeCreated,
			activityhistoryComment: h.comment,
		}));
	},
};

/** The three areas of this file, registered with one spread line in ./index.ts. */
export const ACTIVITY_AREAS: Record<string, Area> = {
	activities: activitiesArea,
	activityhistory: activityHistoryArea,
	acthistory: actHistoryArea,
};
