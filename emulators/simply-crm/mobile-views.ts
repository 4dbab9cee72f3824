/**
 * The mobile API's saved list filters (vtiger custom views) and alerts (vtiger_mobile_alerts), seeded the way a fresh
 * instance has them: an "All" filter and a public "My records" filter per module, and vtiger's four default
 * ticket/opportunity alerts.
 */
import { now } from 'business-pack-devkit';

import { MODULES, type ModuleDef } from './modules';
import { formatDateTime, type MobileSession, type StoredRecord } from './state';

export interface MobileFilter {
	cvid: number;
	viewname: string;
	module: string;
	isDefault: boolean;
	/** vtiger_customview.status: 0 = default view, 1 = private, 2 = pending, 3 = public. */
	status: number;
	/** The user who made it. */
	userid: number;
	matches(record: StoredRecord, session: MobileSession): boolean;
}

const owned = (record: StoredRecord, session: MobileSession) =>
	record.values.assigned_user_id === `19x${session.userId}`;

/** Modules with list views: the entity modules except Users. */
export function filterModules(): ModuleDef[] {
	return MODULES.filter((m) => m.isEntity && m.name !== 'Users');
}

/** Two filters per module; the cvid is derived from the module prefix so it stays put when modules are added. */
export function moduleFilters(module: ModuleDef): MobileFilter[] {
	const base = Number(module.idPrefix) * 10;
	return [
		{
			cvid: base + 1,
			viewname: 'All',
			module: module.name,
			isDefault: true,
			status: 0,
			userid: 1,
			matches: () => true,
		},
		{
			cvid: base + 2,
			viewname: 'My records',
			module: module.name,
			isDefault: false,
			status: 3,
			userid: 1,
			matches: owned,
		},
	];
}

export function filterById(cvid: string | undefined): MobileFilter | undefined {
	if (!cvid || !/^\d+$/.test(cvid)) return undefined;
	return filterModules()
		.flatMap(moduleFilters)
		.find((f) => f.cvid === Number(cvid));
}

/** CustomView_Record_Model::getAllByGroup in list mode, with the Public group dropped as FetchModuleFilters does. */
export function groupFilters(filters: MobileFilter[], session: MobileSession) {
	const groups: Record<string, Array<{ id: string; name: string; default: boolean }>> = {
		Mine: [],
		Shared: [],
	};
	const add = (group: string, filter: MobileFilter) =>
		(groups[group] ??= []).push({
			id: String(filter.cvid),
			name: filter.viewname,
			default: filter.isDefault,
		});
	for (const filter of filters) {
		// "All" never counts as the user's own in list mode.
		if (filter.userid === session.userId && filter.viewname !== 'All') add('Mine', filter);
		else if (filter.status === 3) add('Shared', filter);
		else if (filter.status === 2) {
			add('Pending', filter);
			add('Shared', filter);
		} else {
			add('Others', filter);
			add('Shared', filter);
		}
	}
	if (groups.Shared.length === 0) delete groups.Shared;
	return groups;
}

export interface MobileAlert {
	alertid: string;
	name: string;
	moduleName: string;
	/** Seconds between lookups the client should use. */
	refreshRate: number;
	description: string;
	matches(record: StoredRecord, session: MobileSession, today: string): boolean;
}

const DAY = 24 * 60 * 60 * 1000;

const openTicketOfMine = (record: StoredRecord, session: MobileSession) =>
	owned(record, session) && (record.values.ticketstatus ?? '') !== 'Closed';

/** DATEDIFF(a, b) in days, on the date parts. */
function dateDiff(a: string, b: string): number {
	return Math.round(
		(Date.parse(`${a.slice(0, 10)}T00:00:00Z`) - Date.parse(`${b.slice(0, 10)}T00:00:00Z`)) / DAY,
	);
}

/** vtiger_mobile_alerts of a fresh install (the ones whose modules this instance has). */
export const MOBILE_ALERTS: MobileAlert[] = [
	{
		alertid: '1',
		name: 'Idle Ticket Alert',
		moduleName: 'HelpDesk',
		refreshRate: 60 * 60,
		description: 'Alert sent when ticket has not been updated in 24 hours',
		matches: (record, session, today) =>
			openTicketOfMine(record, session) && dateDiff(today, record.values.modifiedtime ?? '') > 1,
	},
	{
		alertid: '2',
		name: 'New Ticket Alert',
		moduleName: 'HelpDesk',
		refreshRate: 60 * 60,
		description: 'Alert sent when a ticket is assigned to you',
		matches: openTicketOfMine,
	},
	{
		alertid: '3',
		name: 'Pending Ticket Alert',
		moduleName: 'HelpDesk',
		refreshRate: 24 * 60 * 60,
		description: 'Alert sent when ticket assigned is not yet closed',
		matches: openTicketOfMine,
	},
	{
		alertid: '4',
		name: 'Upcoming Opportunity',
		moduleName: 'Potentials',
		refreshRate: 24 * 60 * 60,
		description: 'Alert sent when Potential Close Date is due before 5 days or less',
		matches: (record, _session, today) =>
			!/^closed/i.test(record.values.sales_stage ?? '') &&
			(record.values.closingdate ?? '') !== '' &&
			dateDiff(record.values.closingdate, today) <= 5,
	},
];

/** Mobile_WS_AlertModel::serializeToSend. */
export function serializeAlert(alert: MobileAlert) {
	return {
		alertid: alert.alertid,
		name: alert.name,
		category: alert.moduleName,
		refreshRate: alert.refreshRate,
		description: alert.description,
		recordsLinked: true,
	};
}

/** The live records an alert points at, for the current user, on the server's date. */
export function alertRecords(
	alert: MobileAlert,
	records: Record<string, StoredRecord[]>,
	session: MobileSession,
	clock: () => number = now,
): StoredRecord[] {
	const today = formatDateTime(clock()).slice(0, 10);
	return (records[alert.moduleName] ?? []).filter(
		(r) => !r.deleted && alert.matches(r, session, today),
	);
}
