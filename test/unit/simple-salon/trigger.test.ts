import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { createSimpleSalonEmulator, type SimpleSalonEmulator } from '../../../emulators/simple-salon';
import { COMPANY_ID, blankClient, type SalonAppointment } from '../../../emulators/simple-salon/seed';
import { SimpleSalonApi } from '../../../credentials/SimpleSalonApi.credentials';
import { SimpleSalon } from '../../../nodes/SimpleSalon/SimpleSalon.node';
import { SimpleSalonTrigger } from '../../../nodes/SimpleSalon/SimpleSalonTrigger.node';
import { CredentialStore, runNode, runPoll, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

/*
 * The polling trigger against the emulator (on loopback): the first activation only records, each insert, change and
 * cancellation is emitted exactly once over later polls and across a restart (static data saved and loaded again),
 * and manual mode gives a sample without touching the cursor. The book is changed directly in the emulator's state,
 * and once through the node's Online Booking operations.
 */

let salon: SimpleSalonEmulator;
let store: CredentialStore;
let credential: StoredCredential;

const trigger = (parameters: IDataObject, staticData: IDataObject): NodeSetup => ({
	node: new SimpleSalonTrigger(),
	credentialTypes: [new SimpleSalonApi()],
	store,
	credential,
	parameters,
	staticData,
});

/** One trigger node per event, each with its own static data, polled together. */
class Watcher {
	constructor(
		readonly parameters: IDataObject,
		public staticData: IDataObject = {},
	) {}

	async poll(): Promise<IDataObject[]> {
		const output = await runPoll(trigger(this.parameters, this.staticData));
		return (output?.[0] ?? []).map((item: INodeExecutionData) => item.json);
	}

	/** The node's own part of the workflow's static data (what the trigger keeps between polls). */
	get state(): IDataObject {
		return (this.staticData['node:Simple Salon Trigger'] ?? {}) as IDataObject;
	}

	/** n8n stores static data as JSON with the workflow and loads it back after a restart. */
	restart(): void {
		this.staticData = JSON.parse(JSON.stringify(this.staticData)) as IDataObject;
	}
}

async function useEmulator() {
	await salon?.emulator.stop();
	salon = createSimpleSalonEmulator();
	await salon.emulator.start();
	store = new CredentialStore();
	credential = store.add('simpleSalonApi', { ...salon.credentialData(), sessionToken: '', sessionApiUrl: '', sessionExpiry: '', sessionBinding: '' });
}

/** A salon wall-clock time `days` from now (the emulated salon is at +11:00; the tests stay days away from any edge). */
function salonDay(days: number, time = '10:00:00'): string {
	return `${new Date(Date.now() + 11 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;
}
const createdNow = () => `${new Date(Date.now() + 11 * 3_600_000).toISOString().slice(0, 19)}+11:00`;

function book(start: string, extra: Partial<SalonAppointment> = {}): SalonAppointment {
	const appointment: SalonAppointment = {
		appointment_id: Math.max(...salon.state.appointments.map((a) => a.appointment_id)) + 1,
		company_id: COMPANY_ID,
		client_id: 1115,
		operator_id: 2222,
		service_id: 3334,
		resource_id: 0,
		duration: 30,
		start,
		price: 45,
		comments: '',
		flag_ids: [],
		transaction_id: 0,
		unconfirmed: false,
		date_created: createdNow(),
		...extra,
	};
	salon.state.appointments.push(appointment);
	return appointment;
}
const find = (id: number) => salon.state.appointments.find((a) => a.appointment_id === id)!;
const remove = (id: number) => salon.state.appointments.splice(salon.state.appointments.findIndex((a) => a.appointment_id === id), 1);
const ids = (items: IDataObject[]) => items.map((item) => item.appointment_id);

const salonNode = (parameters: IDataObject): NodeSetup => ({
	node: new SimpleSalon(),
	credentialTypes: [new SimpleSalonApi()],
	store,
	credential,
	parameters: { resource: 'onlineBooking', ...parameters },
});

beforeEach(async () => await useEmulator());
afterAll(async () => await salon.emulator.stop());

describe('Simple Salon Trigger: appointments', () => {
	it('emits nothing old on activation, then each insert, change and cancellation once over three polls and a restart', async () => {
		const oldX = book(salonDay(4), { date_created: '2025-01-10T09:00:00+11:00' });
		const oldY = book(salonDay(5, '14:00:00'), { operator_id: 2223, date_created: '2025-01-10T09:00:00+11:00' });
		const added = new Watcher({ event: 'appointmentAdded' });
		const changed = new Watcher({ event: 'appointmentChanged' });
		const deleted = new Watcher({ event: 'appointmentDeleted' });
		const requested = new Watcher({ event: 'bookingRequested' });
		const all = [added, changed, deleted, requested];
		const pollAll = async () => Promise.all(all.map((w) => w.poll()));

		// activation: the book is recorded, nothing is reported
		expect(await pollAll()).toEqual([[], [], [], []]);
		const [list] = salon.emulator.requests('appointment/list');
		const filters = (list.body as { filters: { time_start: string; time_end: string } }).filters;
		expect(list.body).toEqual({ filters, options: { sort_expression: 'time_start', page_number: 1, rows_per_page: 100 } });
		expect(filters.time_start).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00$/);
		expect((Date.parse(`${filters.time_end}Z`) - Date.parse(`${filters.time_start}Z`)) / 86_400_000).toBe(62);

		// poll 1: one new appointment
		const a = book(salonDay(3));
		let [add, chg, del, req] = await pollAll();
		expect(ids(add)).toEqual([a.appointment_id]);
		expect(add[0]).toMatchObject({ _event: 'appointmentAdded', operator_id: 2222, time_start: `${salonDay(3)}+11:00`, unconfirmed: false });
		expect([chg, del, req]).toEqual([[], [], []]);
		expect(await pollAll()).toEqual([[], [], [], []]);

		// poll 2: a request from the online booking marketplace, a new time and operator, a flag, a deletion
		const login = await runNode(salonNode({ operation: 'logIn', loginProvider: 'email', email: 'joe@example.com', loginPassword: 'Password123' }));
		const token = String(login.items[0].json.token);
		const booked = await runNode(
			salonNode({
				operation: 'book',
				onlineBookingClientToken: token,
				onlineBookingCompanyId: '9494',
				appointments: { appointment: [{ operatorId: '2223', serviceId: '3333', timeStart: salonDay(6, '11:00:00'), price: 85 }] },
			}),
		);
		expect(booked.error).toBeUndefined();
		const request = salon.state.appointments.at(-1)!;
		find(a.appointment_id).start = salonDay(3, '11:30:00');
		find(a.appointment_id).operator_id = 2223;
		find(oldX.appointment_id).flag_ids = [-2];
		remove(oldY.appointment_id);
		salon.emulator.clearLog();
		[add, chg, del, req] = await pollAll();
		expect(ids(add)).toEqual([request.appointment_id]);
		expect(req).toEqual([expect.objectContaining({ _event: 'bookingRequested', appointment_id: request.appointment_id, unconfirmed: true, service_id: 3333 })]);
		expect(chg).toEqual([
			expect.objectContaining({
				_event: 'appointmentChanged',
				appointment_id: a.appointment_id,
				_changes: {
					time_start: { previous: `${salonDay(3)}+11:00`, current: `${salonDay(3, '11:30:00')}+11:00` },
					operator_id: { previous: 2222, current: 2223 },
				},
			}),
			expect.objectContaining({ appointment_id: oldX.appointment_id, flag_ids: [-2], _changes: { flag_ids: { previous: [], current: [-2] } } }),
		]);
		expect(del).toEqual([
			{
				_event: 'appointmentDeleted',
				appointment_id: oldY.appointment_id,
				time_start: `${salonDay(5, '14:00:00')}+11:00`,
				duration: 30,
				operator_id: 2223,
				service_id: 3334,
				resource_id: 0,
				client_id: 1115,
				flag_ids: [],
				unconfirmed: false,
				transaction_id: 0,
			},
		]);
		// the vanished appointment was looked up by ID before it was called deleted (once, by the watchers that had it)
		const lookups = salon.emulator.requests('appointment/list').filter((r) => (r.body as IDataObject & { filters: IDataObject }).filters.appointment_ids);
		expect(lookups.map((r) => (r.body as { filters: IDataObject }).filters.appointment_ids)).toEqual([[oldY.appointment_id], [oldY.appointment_id], [oldY.appointment_id], [oldY.appointment_id]]);
		expect(await pollAll()).toEqual([[], [], [], []]);

		// restart: the static data is saved and loaded again; nothing is repeated
		for (const w of all) w.restart();
		expect(await pollAll()).toEqual([[], [], [], []]);

		// poll 3: the client cancels the request online, the salon deletes one, one moves beyond the watched days
		const bookingId = (booked.items[0].json.online_booking_appointments as IDataObject[])[0].online_booking_appointment_id;
		const cancelled = await runNode(salonNode({ operation: 'cancelBooking', onlineBookingClientToken: token, onlineBookingAppointmentId: String(bookingId) }));
		expect(cancelled.error).toBeUndefined();
		remove(a.appointment_id);
		find(oldX.appointment_id).start = salonDay(90);
		[add, chg, del, req] = await pollAll();
		expect(add).toEqual([]);
		expect(req).toEqual([]);
		expect(del.map((d) => [d._event, d.appointment_id])).toEqual([
			['appointmentDeleted', a.appointment_id],
			['appointmentDeleted', request.appointment_id],
		]);
		expect(chg).toEqual([
			expect.objectContaining({ appointment_id: oldX.appointment_id, _changes: { time_start: { previous: `${salonDay(4)}+11:00`, current: `${salonDay(90)}+11:00` } } }),
		]);
		expect(await pollAll()).toEqual([[], [], [], []]);

		// it comes back into the window: a change, not a new appointment
		find(oldX.appointment_id).start = salonDay(7);
		[add, chg, del, req] = await pollAll();
		expect(add).toEqual([]);
		expect(chg).toEqual([expect.objectContaining({ appointment_id: oldX.appointment_id, _changes: { time_start: { previous: `${salonDay(90)}+11:00`, current: `${salonDay(7)}+11:00` } } })]);
		expect(del).toEqual([]);
	});

	it('reports only the chosen kinds of change', async () => {
		const x = book(salonDay(4));
		const timeOnly = new Watcher({ event: 'appointmentChanged', watch: ['time'] });
		const statusOnly = new Watcher({ event: 'appointmentChanged', watch: ['status'] });
		await timeOnly.poll();
		await statusOnly.poll();
		find(x.appointment_id).transaction_id = 4321;
		find(x.appointment_id).unconfirmed = false;
		expect(await timeOnly.poll()).toEqual([]);
		expect(await statusOnly.poll()).toEqual([expect.objectContaining({ _changes: { transaction_id: { previous: 0, current: 4321 } } })]);
		find(x.appointment_id).duration = 45;
		expect(await timeOnly.poll()).toEqual([expect.objectContaining({ _changes: { duration: { previous: 30, current: 45 } } })]);
		expect(await statusOnly.poll()).toEqual([]);
	});

	it('when the window moves onto a new day, reports what was created after activation and stays silent about older bookings', async () => {
		const watcher = new Watcher({ event: 'appointmentAdded' });
		await watcher.poll();
		// as if the previous poll's window had ended at day 2: days 2 and later are new to the window now
		const window = watcher.state.window as { from: string; to: string };
		watcher.state.window = { ...window, to: `${salonDay(2).slice(0, 10)}T00:00:00` };
		const fresh = book(salonDay(30));
		book(salonDay(31), { date_created: '2025-06-01T12:00:00+11:00' });
		expect(ids(await watcher.poll())).toEqual([fresh.appointment_id]);
		expect(await watcher.poll()).toEqual([]);
	});

	it('starts afresh, silently, when the watched days are changed', async () => {
		const watcher = new Watcher({ event: 'appointmentAdded', daysAhead: 60 });
		await watcher.poll();
		book(salonDay(3));
		const wider = new Watcher({ event: 'appointmentAdded', daysAhead: 120 }, watcher.staticData);
		expect(await wider.poll()).toEqual([]);
		expect(wider.state.watching).toBe('appointments:1:120');
	});

	it('refuses a window it cannot read, before any request', async () => {
		await expect(runPoll(trigger({ event: 'appointmentAdded', daysAhead: 0 }, {}))).rejects.toThrow('The field "Days Ahead" has an invalid value "0"');
		expect(salon.emulator.log).toHaveLength(0);
	});
});

describe('Simple Salon Trigger: clients', () => {
	const addClient = (firstname: string) => {
		const client = blankClient(salon.state.nextClientId++, COMPANY_ID);
		client.firstname = firstname;
		salon.state.clients.set(client.client_id, client);
		return client;
	};

	it('emits each new client once, oldest first, reading only the newest page', async () => {
		const watcher = new Watcher({ event: 'clientAdded' });
		expect(await watcher.poll()).toEqual([]);
		const highest = Math.max(...salon.state.clients.keys());
		expect(watcher.state.lastClientId).toBe(highest);
		const first = addClient('Zara');
		const second = addClient('Yusuf');
		salon.emulator.clearLog();
		const items = await watcher.poll();
		expect(items.map((c) => [c._event, c.client_id, c.firstname])).toEqual([
			['clientAdded', first.client_id, 'Zara'],
			['clientAdded', second.client_id, 'Yusuf'],
		]);
		expect(salon.emulator.requests('client/list').map((r) => r.body)).toEqual([
			{ filters: {}, options: { page_number: 1, rows_per_page: 100, sort_expression: 'client_id desc' } },
		]);
		expect(await watcher.poll()).toEqual([]);
		watcher.restart();
		expect(await watcher.poll()).toEqual([]);
		const third = addClient('Xavier');
		expect((await watcher.poll()).map((c) => c.client_id)).toEqual([third.client_id]);
	});

	it('reads every client when the server refuses to sort newest first, and still emits each new one once', async () => {
		const watcher = new Watcher({ event: 'clientAdded' });
		await watcher.poll();
		const refusal = { success: false, error: { code: 'INVALIDPARAMETER', message: 'options.sort_expression is not supported', details: ['options.sort_expression'] } };
		salon.emulator.inject({ when: { op: 'client/list' }, action: { type: 'status', status: 200, body: refusal } });
		const added = addClient('Wendy');
		salon.emulator.clearLog();
		expect((await watcher.poll()).map((c) => c.client_id)).toEqual([added.client_id]);
		expect(watcher.state.clientsUnsorted).toBe(true);
		const pages = salon.emulator.requests('client/list').map((r) => (r.body as { options: IDataObject }).options);
		expect(pages[0]).toMatchObject({ sort_expression: 'client_id desc' });
		expect(pages.slice(1)).toEqual([1, 2, 3, 4].map((page) => ({ page_number: page, rows_per_page: 100 })));
		expect(await watcher.poll()).toEqual([]);
	});
});

describe('Simple Salon Trigger: manual mode', () => {
	it('returns a sample of the event without touching the cursor', async () => {
		const newest = book(salonDay(8), { unconfirmed: true });
		const staticData: IDataObject = {};
		const appointment = await runPoll(trigger({ event: 'bookingRequested' }, staticData), 'manual');
		expect(appointment?.[0].map((i) => i.json)).toEqual([expect.objectContaining({ _event: 'bookingRequested', appointment_id: newest.appointment_id, unconfirmed: true })]);
		const client = await runPoll(trigger({ event: 'clientAdded' }, staticData), 'manual');
		expect(client?.[0].map((i) => i.json)).toEqual([expect.objectContaining({ _event: 'clientAdded', client_id: Math.max(...salon.state.clients.keys()) })]);
		const changed = await runPoll(trigger({ event: 'appointmentChanged', watch: ['operator'] }, staticData), 'manual');
		expect(changed?.[0][0].json).toMatchObject({ _event: 'appointmentChanged', _changes: { operator_id: { previous: 2222, current: 2222 } } });
		expect(staticData).toEqual({ 'node:Simple Salon Trigger': {} });
	});
});
