import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { fieldOf, listAll, rowsOf, synergistRequest, synergistSettings } from './transport';

/*
 * Polling trigger. Jobs, activities and pending timesheet entries are read through the key-field filters
 * `timestampfrom`/`timestampto` (epoch seconds, as the rows' `…TimeStampModified`); expense sheets and purchase orders
 * have no such filter in the reference, so their status is compared with a snapshot kept from the previous poll.
 */

type EventName =
	| 'newJob'
	| 'jobUpdated'
	| 'newActivity'
	| 'activityUpdated'
	| 'newTimesheetEntry'
	| 'expenseSheetStatusChanged'
	| 'purchaseOrderStatusChanged';

/** A model read filtered by modification time. */
interface WindowSource {
	kind: 'window';
	area: string;
	modelstructure: string;
	key: string;
	modified: string;
	version: string;
	/**
	 * The day a record was created ('YYYY-MM-DD'), where the model tells it. The reference has no creation time for
	 * jobs or pending entries, so this is the nearest the model offers (see each source).
	 */
	createdOn: (row: IDataObject, today: string) => string | undefined;
	/** Keys are numbers handed out in order (pending entry numbers): a key above every key seen so far is new. */
	sequentialKey?: boolean;
}

/** A list compared with the previous poll's snapshot of each record's status. */
interface SnapshotSource {
	kind: 'snapshot';
	area: string;
	action?: string;
	modelstructure?: string;
	key: string;
	/** What changes whenever the record may have changed (cheap, from the list row). */
	stamp: (row: IDataObject) => string;
	/** The status of a changed record; may read its details. */
	status: (ctx: IPollFunctions, row: IDataObject) => Promise<string>;
	/** The statuses a new record starts in (lower case): one first seen in another status has changed since. */
	initial: string[];
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** `Created by SYN_Jon on 22/04/2015 at 1:02pm` → 2015-04-22. */
export function activityCreatedOn(row: IDataObject): string | undefined {
	const match = /\bon (\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(text(fieldOf(row, 'activityCreated')));
	return match ? `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}` : undefined;
}

/** A purchase order's status from its details: cancelled, approved, a real order, or still an estimate. */
async function purchaseOrderStatus(ctx: IPollFunctions, row: IDataObject): Promise<string> {
	const reply = await synergistRequest(ctx, {
		area: 'purchases',
		params: { style: 'modeldata', modelstructure: 'purchaseorderdetails', purchase: text(fieldOf(row, 'poInternal')) },
		idempotent: true,
	});
	const details = rowsOf(reply)[0] ?? row;
	const cancelled = text(fieldOf(details, 'poCancelDate'));
	if (cancelled !== '' && cancelled !== '0000-00-00') return 'Cancelled';
	const approved = fieldOf(details, 'poPOApproved');
	if (approved === true || approved === 'true') return 'Approved';
	// estimates carry the PO number "{EST}" until promoted
	return text(fieldOf(details, 'poPONumber')) === '{EST}' ? 'Estimate' : 'Ordered';
}

const JOBS: WindowSource = {
	kind: 'window',
	area: 'jobs',
	modelstructure: 'jobslist',
	key: 'jobUuid',
	modified: 'jobTimeStampModified',
	version: 'jobRecommendedVersionNumber',
	// no creation time in the model: Date In, which a new job gets as its creation day unless set otherwise
	createdOn: (row) => text(fieldOf(row, 'jobDateIn')) || undefined,
};

const ACTIVITIES: WindowSource = {
	kind: 'window',
	area: 'activities',
	modelstructure: 'activitylist',
	key: 'activityID',
	modified: 'activityTimeStampModified',
	version: 'activityRecordVersionNumber',
	createdOn: activityCreatedOn,
};

const PENDING_TIME: WindowSource = {
	kind: 'window',
	area: 'tspending',
	modelstructure: 'tspendingslist',
	key: 'tspEntryNo',
	modified: 'tspTimeStampModified',
	version: 'tspRecordVersionNumber',
	// no creation time in the model: a new entry is one still at record version 0, or one numbered above all seen
	createdOn: (row, today) => (Number(fieldOf(row, 'tspRecordVersionNumber')) === 0 ? today : undefined),
	sequentialKey: true,
};

const EXPENSE_SHEETS: SnapshotSource = {
	kind: 'snapshot',
	area: 'expensesheets',
	action: 'expensesheetlist',
	key: 'expensesheetInternalRef',
	stamp: (row) => text(fieldOf(row, 'expensesheetStatusCode')),
	status: async (_ctx, row) => text(fieldOf(row, 'expensesheetStatusCode')),
	// the list shows the status word; W is its code
	initial: ['unsubmitted', 'w'],
};

const PURCHASE_ORDERS: SnapshotSource = {
	kind: 'snapshot',
	area: 'purchases',
	modelstructure: 'purchaseorderlist',
	key: 'poInternal',
	// every workflow step (approve, cancel, promote…) moves the modified time and the record version
	stamp: (row) => `${text(fieldOf(row, 'poTimeStampModified'))}.${text(fieldOf(row, 'poRecordVersionNumber'))}`,
	status: purchaseOrderStatus,
	initial: ['estimate'],
};

const EVENTS: Record<EventName, { source: WindowSource | SnapshotSource; wants?: 'new' | 'updated' }> = {
	newJob: { source: JOBS, wants: 'new' },
	jobUpdated: { source: JOBS, wants: 'updated' },
	newActivity: { source: ACTIVITIES, wants: 'new' },
	activityUpdated: { source: ACTIVITIES, wants: 'updated' },
	newTimesheetEntry: { source: PENDING_TIME, wants: 'new' },
	expenseSheetStatusChanged: { source: EXPENSE_SHEETS },
	purchaseOrderStatusChanged: { source: PURCHASE_ORDERS },
};

/** How far back the first poll looks to learn which records already exist (so they are never reported as new). */
const BASELINE_SECONDS = 2 * 86_400;
/** How long a record counts as possibly new: creation days before this are old whatever happens. */
const NEW_HORIZON_SECONDS = 3 * 86_400;
const DEFAULT_TOLERANCE_SECONDS = 60;
/** Rows per page only when the server will not answer a whole list at once (see listAll). */
const PAGE_SIZE = 100;

interface WindowState {
	watching: string;
	/** Epoch seconds (n8n's clock) the last poll read up to; the next window starts `tolerance` before it. */
	since: number;
	/** When watching started (epoch seconds). */
	activatedAt: number;
	/** `modified.version` of every record read in the overlap window: a re-read record is not a new change. */
	seen: Record<string, string>;
	/** Records created within the horizon that the trigger already knows (reported new, or existing at activation). */
	known: Record<string, string>;
	/** For sequential keys: the highest key read so far (at activation and since). */
	maxKey?: number;
}

interface SnapshotState {
	watching: string;
	/** Per record: [stamp, status]. */
	records: Record<string, [string, string]>;
}

const day = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString().slice(0, 10);

async function readWindow(ctx: IPollFunctions, source: WindowSource, from: number, to: number): Promise<IDataObject[]> {
	const rows = await listAll(ctx, {
		area: source.area,
		params: { style: 'modeldata', modelstructure: source.modelstructure, timestampfrom: Math.max(0, from), timestampto: to },
		pageSize: PAGE_SIZE,
		itemIndex: 0,
		keyOf: (row) => fieldOf(row, source.key),
	});
	// oldest change first, as they happened
	return rows.sort((a, b) => Number(fieldOf(a, source.modified)) - Number(fieldOf(b, source.modified)));
}

async function readSnapshot(ctx: IPollFunctions, source: SnapshotSource): Promise<IDataObject[]> {
	const params: IDataObject = source.modelstructure ? { style: 'modeldata', modelstructure: source.modelstructure } : {};
	if (source.action) params.action = source.action;
	return await listAll(ctx, { area: source.area, params, pageSize: PAGE_SIZE, itemIndex: 0, keyOf: (row) => fieldOf(row, source.key) });
}

/** Where the creation line lies now: records created before this day are never new. */
const horizonDay = (state: Pick<WindowState, 'activatedAt'>, now: number) => day(Math.max(state.activatedAt - 86_400, now - NEW_HORIZON_SECONDS));

async function startWindow(ctx: IPollFunctions, source: WindowSource, watching: string, now: number): Promise<WindowState> {
	const state: WindowState = { watching, since: now, activatedAt: now, seen: {}, known: {} };
	const horizon = horizonDay(state, now);
	for (const row of await readWindow(ctx, source, now - BASELINE_SECONDS, now)) {
		const key = text(fieldOf(row, source.key));
		state.seen[key] = `${text(fieldOf(row, source.modified))}.${text(fieldOf(row, source.version))}`;
		const created = source.createdOn(row, day(now));
		if (created !== undefined && created >= horizon) state.known[key] = created;
		if (source.sequentialKey && Number(key) > (state.maxKey ?? 0)) state.maxKey = Number(key);
	}
	prune(state, now, DEFAULT_TOLERANCE_SECONDS);
	return state;
}

function prune(state: WindowState, now: number, tolerance: number): void {
	for (const [key, stamp] of Object.entries(state.seen)) if (Number(stamp.split('.')[0]) < now - tolerance) delete state.seen[key];
	const horizon = horizonDay(state, now);
	for (const [key, created] of Object.entries(state.known)) if (created < horizon) delete state.known[key];
}

/** One poll of a window source: the changes since the last poll (with the overlap re-read), and the next state. */
async function pollWindow(ctx: IPollFunctions, source: WindowSource, wants: 'new' | 'updated', previous: WindowState, now: number, tolerance: number) {
	const state: WindowState = { ...previous, seen: { ...previous.seen }, known: { ...previous.known } };
	const horizon = horizonDay(state, now);
	const emitted: IDataObject[] = [];
	for (const row of await readWindow(ctx, source, previous.since - tolerance, now)) {
		const key = text(fieldOf(row, source.key));
		const stamp = `${text(fieldOf(row, source.modified))}.${text(fieldOf(row, source.version))}`;
		// the same record at the same modified time and version: already read (same-second boundary, overlap)
		if (state.seen[key] === stamp) continue;
		state.seen[key] = stamp;
		let created = source.createdOn(row, day(now));
		// an entry created and already edited between two polls is past version 0, but its number gives it away
		if (created === undefined && source.sequentialKey && Number(key) > (previous.maxKey ?? 0)) created = day(now);
		const isNew = !(key in state.known) && created !== undefined && created >= horizon;
		if (created !== undefined && created >= horizon) state.known[key] = created;
		if (source.sequentialKey && Number(key) > (state.maxKey ?? 0)) state.maxKey = Number(key);
		if ((wants === 'new') === isNew) emitted.push(row);
	}
	state.since = now;
	prune(state, now, tolerance);
	return { emitted, state };
}

async function pollSnapshot(ctx: IPollFunctions, source: SnapshotSource, previous: SnapshotState | undefined, watching: string) {
	const records: Record<string, [string, string]> = {};
	const emitted: IDataObject[] = [];
	for (const row of await readSnapshot(ctx, source)) {
		const key = text(fieldOf(row, source.key));
		const stamp = source.stamp(row);
		const before = previous?.records[key];
		if (before && before[0] === stamp) {
			records[key] = before;
			continue;
		}
		const status = await source.status(ctx, row);
		records[key] = [stamp, status];
		if (before && before[1] !== status) emitted.push({ ...row, previousStatus: before[1], status });
		// created and moved on between two polls: its first status was the initial one, unseen by the trigger
		else if (!before && previous && !source.initial.includes(status.toLowerCase())) emitted.push({ ...row, previousStatus: '', status });
	}
	return { emitted, state: { watching, records } as SnapshotState };
}

async function sample(ctx: IPollFunctions, event: EventName): Promise<IDataObject | undefined> {
	const { source } = EVENTS[event];
	const { firstPage } = await synergistSettings(ctx);
	const params: IDataObject = source.modelstructure ? { style: 'modeldata', modelstructure: source.modelstructure } : {};
	if (source.kind === 'snapshot' && source.action) params.action = source.action;
	const reply = await synergistRequest(ctx, { area: source.area, params: { ...params, page: firstPage, rows: 1 }, idempotent: true });
	const row = rowsOf(reply)[0];
	if (!row || source.kind === 'window') return row;
	const status = await source.status(ctx, row);
	return { ...row, previousStatus: status, status };
}

export class SynergistTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Synergist Trigger',
		name: 'synergistTrigger',
		icon: { light: 'file:../../icons/synergist.svg', dark: 'file:../../icons/synergist.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when jobs, activities, timesheet entries, expense sheets or purchase orders change in Synergist',
		defaults: { name: 'Synergist Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'synergistApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				description: 'What should start the workflow',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Activity Updated', value: 'activityUpdated', description: 'A change to an existing activity' },
					{
						name: 'Expense Sheet Status Changed',
						value: 'expenseSheetStatusChanged',
						description: 'An expense sheet moved to another status (submitted, approved, posted…)',
					},
					{ name: 'Job Updated', value: 'jobUpdated', description: 'A change to an existing job' },
					{ name: 'New Activity', value: 'newActivity', description: 'An activity was created' },
					{ name: 'New Job', value: 'newJob', description: 'A job was created' },
					{ name: 'New Timesheet Entry', value: 'newTimesheetEntry', description: 'A new pending timesheet entry' },
					{
						name: 'Purchase Order Status Changed',
						value: 'purchaseOrderStatusChanged',
						description: 'A purchase order became an order, was approved, unapproved or cancelled',
					},
				],
				default: 'newJob',
			},
			{
				displayName: 'Clock Tolerance (Seconds)',
				name: 'toleranceSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_TOLERANCE_SECONDS,
				displayOptions: { show: { event: ['newJob', 'jobUpdated', 'newActivity', 'activityUpdated', 'newTimesheetEntry'] } },
				description:
					"How far each poll re-reads before the previous one, so that changes are not missed when the Synergist server's clock is behind n8n's; re-read changes are not reported twice",
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as EventName;
		const config = EVENTS[event];
		if (!config) return null;

		if (this.getMode() === 'manual') {
			const row = await sample(this, event);
			return row ? [this.helpers.returnJsonArray([row])] : null;
		}

		const { company } = await synergistSettings(this);
		// a new event or company starts afresh: nothing that happened before is reported
		const watching = `${event}@${company}`;
		const staticData = this.getWorkflowStaticData('node');
		const now = Math.floor(Date.now() / 1000);
		const source = config.source;

		let result: { emitted: IDataObject[]; state: WindowState | SnapshotState };
		if (source.kind === 'window') {
			const previous = staticData.state as WindowState | undefined;
			if (previous?.watching !== watching) {
				result = { emitted: [], state: await startWindow(this, source, watching, now) };
			} else {
				const tolerance = Math.max(0, Number(this.getNodeParameter('toleranceSeconds', DEFAULT_TOLERANCE_SECONDS)) || 0);
				result = await pollWindow(this, source, config.wants!, previous, now, tolerance);
			}
		} else {
			const previous = staticData.state as SnapshotState | undefined;
			result = await pollSnapshot(this, source, previous?.watching === watching ? previous : undefined, watching);
		}
		// stored only after a complete read: a poll that fails half-way reads the same changes again next time
		staticData.state = result.state as unknown as IDataObject;
		return result.emitted.length > 0 ? [this.helpers.returnJsonArray(result.emitted)] : null;
	}
}
