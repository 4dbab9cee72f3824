import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { SALON_PAGE_SIZE, salonList, salonRequest } from './transport';

/*
 * Simple Salon has no webhooks and no "modified" time: an Appointment only tells when it was created (date_created),
 * a Client not even that. So the trigger keeps a snapshot of what it watches and compares:
 *
 * - Appointments: every poll lists the appointments that start inside a rolling window of days around today (the
 *   list needs a time_start/time_end range) and remembers, per appointment, the fields it watches. A remembered one
 *   whose fields differ has changed; one that is gone from the window is looked up by ID (appointment_ids over two
 *   years) — still there means it moved out of the window (a change), not found means it was cancelled or deleted.
 *   One the trigger has never seen is new when it starts in a part of the window the previous poll already read, or
 *   was created (date_created) after the trigger started watching; otherwise the window has just moved onto its day
 *   and it is remembered silently. Appointments that move out beyond the window are remembered until they come back.
 * - Clients: client IDs only grow, so the trigger remembers the highest one and asks for the clients above it, newest
 *   first (`client_id desc`); if the server does not sort that way it reads all clients instead.
 *
 * The first poll only records what is there; what a poll reports is stored with it, so nothing is reported twice.
 */

type TriggerEvent = 'appointmentAdded' | 'appointmentChanged' | 'appointmentDeleted' | 'bookingRequested' | 'clientAdded';
type WatchGroup = 'time' | 'operator' | 'status' | 'service' | 'resource';

/**
 * What is remembered of one appointment, compactly (static data is saved with the workflow):
 * time_start as sent, duration, operator_id, service_id, resource_id, client_id, flag_ids (sorted, comma-joined),
 * unconfirmed (1/0), transaction_id.
 */
type Seen = [string, number, number, number, number, number, string, number, number];

interface TriggerState {
	/** What the state was made for (event family and window); another value starts watching afresh. */
	watching?: string;
	/** When watching began (ms): appointments created later are new wherever they start. */
	startedAt?: number;
	/** The window the previous poll read, as salon wall-clock times [from, to). */
	window?: { from: string; to: string };
	/** Appointments in the window, by ID. */
	seen?: Record<string, Seen>;
	/** Appointments moved beyond the end of the window, by ID, until they come back into it. */
	parked?: Record<string, Seen>;
	/** The highest client ID seen. */
	lastClientId?: number;
	/** The server did not sort clients by `client_id desc`: read them all. */
	clientsUnsorted?: boolean;
}

interface Config {
	event: TriggerEvent;
	daysBack: number;
	daysAhead: number;
	watch: WatchGroup[];
	watching: string;
}

/** How far around today a vanished appointment is looked up before it counts as deleted. */
const LOOKUP_DAYS_BACK = 366;
const LOOKUP_DAYS_AHEAD = 731;

const FIELDS_OF: Record<WatchGroup, string[]> = {
	time: ['time_start', 'duration'],
	operator: ['operator_id'],
	status: ['flag_ids', 'unconfirmed', 'transaction_id'],
	service: ['service_id'],
	resource: ['resource_id'],
};

const num = (value: unknown) => (Number.isFinite(Number(value)) ? Number(value) : 0);
const wallOf = (timeStart: string) => timeStart.slice(0, 19).replace(' ', 'T');

function remember(appointment: IDataObject): Seen {
	const flags = Array.isArray(appointment.flag_ids) ? (appointment.flag_ids as unknown[]).map(num).sort((a, b) => a - b).join(',') : '';
	return [
		String(appointment.time_start ?? ''),
		num(appointment.duration),
		num(appointment.operator_id),
		num(appointment.service_id),
		num(appointment.resource_id),
		num(appointment.client_id),
		flags,
		appointment.unconfirmed === true ? 1 : 0,
		num(appointment.transaction_id),
	];
}

/** A remembered appointment as fields (for the changes' "previous" side and for deletions). */
function recall(id: string, seen: Seen): IDataObject {
	const [timeStart, duration, operatorId, serviceId, resourceId, clientId, flags, unconfirmed, transactionId] = seen;
	return {
		appointment_id: Number(id),
		time_start: timeStart,
		duration,
		operator_id: operatorId,
		service_id: serviceId,
		resource_id: resourceId,
		client_id: clientId,
		flag_ids: flags === '' ? [] : flags.split(',').map(Number),
		unconfirmed: unconfirmed === 1,
		transaction_id: transactionId,
	};
}

/** The watched fields that differ, as `{ field: { previous, current } }`. */
function changesBetween(id: string, before: Seen, after: Seen, watch: WatchGroup[]): IDataObject {
	const previous = recall(id, before);
	const current = recall(id, after);
	const changes: IDataObject = {};
	for (const group of watch) {
		for (const field of FIELDS_OF[group]) {
			const same =
				field === 'time_start'
					? wallOf(String(previous.time_start)) === wallOf(String(current.time_start))
					: JSON.stringify(previous[field]) === JSON.stringify(current[field]);
			if (!same) changes[field] = { previous: previous[field], current: current[field] } as IDataObject;
		}
	}
	return changes;
}

function readConfig(ctx: IPollFunctions): Config {
	const event = ctx.getNodeParameter('event', 'appointmentAdded') as TriggerEvent;
	if (event === 'clientAdded') return { event, daysBack: 0, daysAhead: 0, watch: [], watching: 'clients' };
	const whole = (name: string, label: string, min: number, max: number, fallback: number) => {
		const value = Number(ctx.getNodeParameter(name, fallback));
		if (!Number.isInteger(value) || value < min || value > max) {
			throw new NodeOperationError(ctx.getNode(), `The field "${label}" has an invalid value "${String(value)}"`, {
				description: `Use a whole number of days from ${min} to ${max}.`,
			});
		}
		return value;
	};
	const daysBack = whole('daysBack', 'Days Back', 0, 31, 1);
	const daysAhead = whole('daysAhead', 'Days Ahead', 1, 365, 60);
	let watch: WatchGroup[] = ['time', 'operator', 'status'];
	if (event === 'appointmentChanged') {
		watch = ctx.getNodeParameter('watch', watch) as WatchGroup[];
		if (!Array.isArray(watch) || watch.length === 0) {
			throw new NodeOperationError(ctx.getNode(), 'The field "Watch" is empty', { description: 'Choose at least one kind of change to report.' });
		}
	}
	return { event, daysBack, daysAhead, watch, watching: `appointments:${daysBack}:${daysAhead}` };
}

/** Today's date where the workflow runs (its time zone setting): the salon's own day, in practice. */
function today(ctx: IPollFunctions): string {
	const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ctx.getTimezone(), year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('year')}-${part('month')}-${part('day')}`;
}

function addDays(ymd: string, days: number): string {
	const [y, m, d] = ymd.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function windowOf(ctx: IPollFunctions, config: Config): { from: string; to: string } {
	const day = today(ctx);
	return { from: `${addDays(day, -config.daysBack)}T00:00:00`, to: `${addDays(day, config.daysAhead + 1)}T00:00:00` };
}

async function listAppointments(ctx: IPollFunctions, filters: IDataObject, wanted = Infinity): Promise<IDataObject[]> {
	return await salonList(ctx, {
		method: 'appointment/list',
		listKey: 'appointments',
		body: { filters, options: { sort_expression: 'time_start' } },
		wanted,
		idempotent: true,
	});
}

interface AppointmentRead {
	added: IDataObject[];
	changed: IDataObject[];
	deleted: IDataObject[];
	next: TriggerState;
}

/** One look at the appointment book, compared with what the trigger remembers. */
async function readAppointments(ctx: IPollFunctions, config: Config, state: TriggerState): Promise<AppointmentRead> {
	const window = windowOf(ctx, config);
	const previousWindow = state.window;
	const seen = state.seen ?? {};
	const parked: Record<string, Seen> = { ...(state.parked ?? {}) };
	const startedAt = state.startedAt ?? Date.now();
	const listed = await listAppointments(ctx, { time_start: window.from, time_end: window.to });
	const current = new Map(listed.map((a) => [String(a.appointment_id), a]));

	// Gone from the window although the window has not passed them: moved away, or cancelled / deleted.
	const vanished = Object.keys(seen).filter((id) => !current.has(id) && wallOf(seen[id][0]) >= window.from);
	const found = new Map<string, IDataObject>();
	if (vanished.length > 0) {
		const day = today(ctx);
		const rows = await listAppointments(ctx, {
			time_start: `${addDays(day, -LOOKUP_DAYS_BACK)}T00:00:00`,
			time_end: `${addDays(day, LOOKUP_DAYS_AHEAD)}T00:00:00`,
			appointment_ids: vanished.map(Number),
		});
		for (const row of rows) found.set(String(row.appointment_id), row);
	}

	const isNew = (appointment: IDataObject) => {
		const wall = wallOf(String(appointment.time_start ?? ''));
		if (previousWindow && wall >= previousWindow.from && wall < previousWindow.to) return true;
		const created = Date.parse(String(appointment.date_created ?? ''));
		return Number.isFinite(created) && created >= startedAt;
	};

	const added: IDataObject[] = [];
	const changed: IDataObject[] = [];
	const deleted: IDataObject[] = [];
	const nextSeen: Record<string, Seen> = {};
	const all = (): WatchGroup[] => ['time', 'operator', 'status', 'service', 'resource'];
	for (const [id, appointment] of current) {
		const now = remember(appointment);
		const before = seen[id] ?? parked[id];
		delete parked[id];
		nextSeen[id] = now;
		if (before) {
			const changes = changesBetween(id, before, now, all());
			if (Object.keys(changes).length > 0) changed.push({ ...appointment, _changes: changes });
		} else if (isNew(appointment)) {
			added.push(appointment);
		}
	}
	for (const id of vanished) {
		const appointment = found.get(id);
		if (!appointment) {
			deleted.push(recall(id, seen[id]));
			continue;
		}
		const now = remember(appointment);
		const changes = changesBetween(id, seen[id], now, all());
		if (Object.keys(changes).length > 0) changed.push({ ...appointment, _changes: changes });
		// Still in the window (missed by a page that shifted): kept. Beyond it: remembered until it comes back.
		// Moved before the window: forgotten.
		const wall = wallOf(now[0]);
		if (wall >= window.from && wall < window.to) nextSeen[id] = now;
		else if (wall >= window.to) parked[id] = now;
	}
	for (const id of Object.keys(parked)) if (wallOf(parked[id][0]) < window.from) delete parked[id];
	const byStart = (a: IDataObject, b: IDataObject) => wallOf(String(a.time_start)).localeCompare(wallOf(String(b.time_start))) || num(a.appointment_id) - num(b.appointment_id);
	changed.sort(byStart);
	deleted.sort(byStart);
	return { added, changed, deleted, next: { window, seen: nextSeen, parked, startedAt } };
}

interface ClientRead {
	added: IDataObject[];
	next: TriggerState;
}

/**
 * One page of clients, newest first when `newestFirst` (undefined when the server refuses that sort, which the docs
 * do not describe), else in the server's own order.
 */
async function clientPage(ctx: IPollFunctions, page: number, rows: number, newestFirst: boolean): Promise<IDataObject | undefined> {
	const options: IDataObject = { page_number: page, rows_per_page: rows };
	if (!newestFirst) return await salonRequest(ctx, { method: 'client/list', body: { filters: {}, options }, idempotent: true });
	try {
		return await salonRequest(ctx, { method: 'client/list', body: { filters: {}, options: { ...options, sort_expression: 'client_id desc' } }, idempotent: true });
	} catch (error) {
		if (error instanceof NodeApiError) return undefined;
		throw new NodeOperationError(ctx.getNode(), error as Error);
	}
}

/** The clients above `after`, oldest first; newest-first pages stop as soon as they reach known clients. */
async function readClients(ctx: IPollFunctions, state: TriggerState): Promise<ClientRead> {
	const after = state.lastClientId ?? 0;
	const fresh = new Map<number, IDataObject>();
	let unsorted = state.clientsUnsorted === true;
	let highest = after;
	for (let page = 1; ; page++) {
		const reply = await clientPage(ctx, page, SALON_PAGE_SIZE, !unsorted);
		if (!reply) {
			// A server that refuses the sort: read every client instead, from the first page.
			unsorted = true;
			page = 0;
			continue;
		}
		const rows = Array.isArray(reply.clients) ? (reply.clients as IDataObject[]) : [];
		const ids = rows.map((row) => num(row.client_id));
		if (!unsorted && ids.some((id, i) => i > 0 && id >= ids[i - 1])) {
			// not newest first after all: read every client
			unsorted = true;
			page = 0;
			continue;
		}
		rows.forEach((row, i) => {
			if (ids[i] > after) fresh.set(ids[i], row);
			highest = Math.max(highest, ids[i]);
		});
		const served = num(reply.rows_per_page) || SALON_PAGE_SIZE;
		if (rows.length < Math.min(served, SALON_PAGE_SIZE)) break;
		if (!unsorted && ids[ids.length - 1] <= after) break;
	}
	const added = [...fresh.keys()].sort((a, b) => a - b).map((id) => fresh.get(id)!);
	return { added, next: { lastClientId: highest, clientsUnsorted: unsorted } };
}

/** Where New Client starts: the highest client ID now (the first row newest first, else from reading them all). */
async function highestClient(ctx: IPollFunctions): Promise<TriggerState> {
	const reply = await clientPage(ctx, 1, SALON_PAGE_SIZE, true);
	const ids = (Array.isArray(reply?.clients) ? (reply.clients as IDataObject[]) : []).map((row) => num(row.client_id));
	if (reply && ids.every((id, i) => i === 0 || id < ids[i - 1])) return { lastClientId: ids[0] ?? 0, clientsUnsorted: false };
	const { next } = await readClients(ctx, { lastClientId: 0, clientsUnsorted: true });
	return next;
}

/** First activation: remember what is there, report nothing. */
async function start(ctx: IPollFunctions, config: Config): Promise<TriggerState> {
	if (config.event === 'clientAdded') return await highestClient(ctx);
	// date_created has whole seconds: the second watching began counts as after it
	const startedAt = Math.floor(Date.now() / 1000) * 1000;
	const window = windowOf(ctx, config);
	const listed = await listAppointments(ctx, { time_start: window.from, time_end: window.to });
	return { startedAt, window, seen: Object.fromEntries(listed.map((a) => [String(a.appointment_id), remember(a)])), parked: {} };
}

const tag = (event: TriggerEvent) => (record: IDataObject): IDataObject => ({ ...record, _event: event });

/** The editor's "Fetch Test Event": a real record shaped like the event's output, without touching the state. */
async function sample(ctx: IPollFunctions, config: Config): Promise<IDataObject | undefined> {
	if (config.event === 'clientAdded') {
		const reply = (await clientPage(ctx, 1, 1, true)) ?? (await clientPage(ctx, 1, 1, false));
		const client = (reply?.clients as IDataObject[] | undefined)?.[0];
		return client ? tag('clientAdded')(client) : undefined;
	}
	const window = windowOf(ctx, config);
	const filters: IDataObject = { time_start: window.from, time_end: window.to };
	if (config.event === 'bookingRequested') filters.unconfirmed = true;
	const rows = await listAppointments(ctx, filters, SALON_PAGE_SIZE);
	if (rows.length === 0) return undefined;
	const newest = [...rows].sort((a, b) => (Date.parse(String(b.date_created)) || 0) - (Date.parse(String(a.date_created)) || 0))[0];
	const id = String(newest.appointment_id);
	if (config.event === 'appointmentDeleted') return tag('appointmentDeleted')(recall(id, remember(newest)));
	if (config.event === 'appointmentChanged') {
		const field = FIELDS_OF[config.watch[0]][0];
		return { ...tag('appointmentChanged')(newest), _changes: { [field]: { previous: newest[field] ?? null, current: newest[field] ?? null } } };
	}
	return tag(config.event)(newest);
}

export class SimpleSalonTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Simple Salon Trigger',
		name: 'simpleSalonTrigger',
		icon: { light: 'file:../../icons/simplesalon.svg', dark: 'file:../../icons/simplesalon.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when appointments are booked, changed or cancelled, clients are added or online booking requests arrive in Simple Salon',
		defaults: { name: 'Simple Salon Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'simpleSalonApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				description: 'What should start the workflow',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Appointment Cancelled or Deleted', value: 'appointmentDeleted', description: 'An appointment in the watched days is no longer in the book (its last known details)' },
					{ name: 'Appointment Changed', value: 'appointmentChanged', description: 'An appointment in the watched days got a new time, staff member or status' },
					{ name: 'New Appointment', value: 'appointmentAdded', description: 'An appointment was booked in the watched days' },
					{ name: 'New Client', value: 'clientAdded', description: 'A client was added to the salon' },
					{
						name: 'New Online Booking Request',
						value: 'bookingRequested',
						description: 'A client asked for a booking online and it waits for the salon to accept or decline it',
					},
				],
				default: 'appointmentAdded',
			},
			{
				displayName: 'Days Back',
				name: 'daysBack',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 31 },
				default: 1,
				displayOptions: { hide: { event: ['clientAdded'] } },
				description:
					'How many days before today (in the workflow\'s time zone) the watched window starts. Simple Salon has no "modified" time, so each poll reads the appointments that start in the window (from this many days ago to Days Ahead) and compares them with the previous poll; days back catch late changes such as arrived, no-show or paid.',
			},
			{
				displayName: 'Days Ahead',
				name: 'daysAhead',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 365 },
				default: 60,
				displayOptions: { hide: { event: ['clientAdded'] } },
				description:
					'How many days after today the watched window ends. Appointments further ahead are not seen until the window reaches their day (a booking made after the trigger started is reported then); a longer window means more requests per poll.',
			},
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'multiOptions',
				options: [
					{ name: 'Resource', value: 'resource', description: 'The room or equipment (resource_id)' },
					{ name: 'Service', value: 'service', description: 'The service booked (service_id)' },
					{ name: 'Staff Member', value: 'operator', description: 'The operator (operator_id)' },
					{
						name: 'Status',
						value: 'status',
						description: 'Flags such as arrived, no-show or confirmed (flag_ids), accepted requests (unconfirmed), payment (transaction_id)',
					},
					{ name: 'Time', value: 'time', description: 'Start time or duration (also moves out of the watched days)' },
				],
				default: ['time', 'operator', 'status'],
				displayOptions: { show: { event: ['appointmentChanged'] } },
				description: 'Which changes to report; each output item lists them under _changes with the previous and current values',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const config = readConfig(this);
		const state = this.getWorkflowStaticData('node') as TriggerState;

		if (this.getMode() === 'manual') {
			const record = await sample(this, config);
			return record ? [this.helpers.returnJsonArray([record])] : null;
		}

		if (state.watching !== config.watching) {
			const fresh = await start(this, config);
			for (const key of Object.keys(state)) delete (state as IDataObject)[key];
			Object.assign(state, fresh, { watching: config.watching });
			return null;
		}

		let emitted: IDataObject[];
		if (config.event === 'clientAdded') {
			const { added, next } = await readClients(this, state);
			Object.assign(state, next);
			emitted = added.map(tag('clientAdded'));
		} else {
			const { added, changed, deleted, next } = await readAppointments(this, config, state);
			// Stored only now: a poll that failed half-way reads the same differences again next time.
			Object.assign(state, next);
			if (config.event === 'appointmentAdded') emitted = added.map(tag('appointmentAdded'));
			else if (config.event === 'bookingRequested') emitted = added.filter((a) => a.unconfirmed === true).map(tag('bookingRequested'));
			else if (config.event === 'appointmentDeleted') emitted = deleted.map(tag('appointmentDeleted'));
			else {
				const watched = new Set(config.watch.flatMap((group) => FIELDS_OF[group]));
				emitted = changed.flatMap((appointment) => {
					const all = appointment._changes as IDataObject;
					const changes = Object.fromEntries(Object.entries(all).filter(([field]) => watched.has(field)));
					return Object.keys(changes).length > 0 ? [{ ...tag('appointmentChanged')(appointment), _changes: changes }] : [];
				});
			}
		}
		return emitted.length > 0 ? [this.helpers.returnJsonArray(emitted)] : null;
	}
}
