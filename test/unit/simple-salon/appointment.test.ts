import type { IDataObject } from 'n8n-workflow';

import { createSimpleSalonEmulator, type SimpleSalonEmulator } from '../../../emulators/simple-salon';
import { SimpleSalonApi } from '../../../credentials/SimpleSalonApi.credentials';
import { SimpleSalon } from '../../../nodes/SimpleSalon/SimpleSalon.node';
import { CredentialStore, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

/*
 * Appointments and availability through the node against the emulator. The seed books both stylists (2222 Ash,
 * 2223 Sam) Monday to Saturday at 09:00 (45 min), 10:30 (30), 13:00 (90) and 15:15 (30); they work 09:00–17:30,
 * Thursdays until 20:00. On Tuesday 2025-03-04 Ash's bookings are 56797, 56798, 56799 and 56800.
 */

let salon: SimpleSalonEmulator;
let store: CredentialStore;
let credential: StoredCredential;

const setup = (parameters: NodeSetup['parameters'], continueOnFail = false): NodeSetup => ({
	node: new SimpleSalon(),
	credentialTypes: [new SimpleSalonApi()],
	store,
	credential,
	parameters,
	continueOnFail,
});

/** The API calls on the wire, without the login. */
const ops = () => salon.emulator.log.map((r) => r.op).filter((op) => op !== 'login');
const bodies = (op: string) => salon.emulator.requests(op).map((r) => r.body as Record<string, unknown>);
const appointmentById = (id: number) => salon.state.appointments.find((a) => a.appointment_id === id);
const run = async (parameters: NodeSetup['parameters'], input?: IDataObject[]) => await runNode(setup(parameters), input);

const book = (extra: Record<string, unknown> = {}) => ({
	resource: 'appointment',
	operation: 'add',
	clientId: '1111',
	serviceId: 3334,
	operatorId: 2222,
	timeStart: '2025-03-04T11:00:00',
	duration: 30,
	...extra,
});

beforeEach(async () => {
	await salon?.emulator.stop();
	salon = createSimpleSalonEmulator();
	await salon.emulator.start();
	store = new CredentialStore();
	credential = store.add('simpleSalonApi', { ...salon.credentialData(), sessionToken: '', sessionApiUrl: '', sessionExpiry: '', sessionBinding: '' });
});
afterAll(async () => await salon.emulator.stop());

describe('Simple Salon appointment book', () => {
	it('lists a day with filters, Limit as rows_per_page, and embeds the grouped clients and services [wire:appointment/list]', async () => {
		salon.state.appointments.find((a) => a.appointment_id === 56799)!.unconfirmed = true;
		const result = await run({
			resource: 'appointment',
			operation: 'getAll',
			timeStart: '2025-03-04T00:00:00.000-05:00',
			timeEnd: '2025-03-05',
			limit: 3,
			filters: { operator_id: 2222, unconfirmed: false, createdAfter: '2025-02-01T00:00:00' },
			related: ['clients', 'services'],
		});
		expect(result.error).toBeUndefined();
		expect(bodies('appointment/list')).toEqual([
			{
				filters: { time_start: '2025-03-04T00:00:00', time_end: '2025-03-05T00:00:00', operator_id: 2222, unconfirmed: false, date_created_min: '2025-02-01T00:00:00' },
				options: { sort_expression: 'time_start', expanded_fields_grouped: [{ expanded_field: 'clients' }, { expanded_field: 'services' }], page_number: 1, rows_per_page: 3 },
			},
		]);
		expect(result.items.map((i) => [i.json.appointment_id, i.json.time_start])).toEqual([
			[56797, '2025-03-04T09:00:00+11:00'],
			[56798, '2025-03-04T10:30:00+11:00'],
			[56800, '2025-03-04T15:15:00+11:00'],
		]);
		for (const { json } of result.items) {
			const stored = appointmentById(json.appointment_id as number)!;
			expect(json.client).toMatchObject({ client_id: stored.client_id, firstname: salon.state.clients.get(stored.client_id)!.firstname });
			expect(json.service).toMatchObject({ service_id: stored.service_id, name: salon.state.services.find((s) => s.service_id === stored.service_id)!.name });
			expect(json).not.toHaveProperty('operator');
		}
	});

	it('gets one appointment with its service expanded [wire:appointment/get]', async () => {
		const result = await run({ resource: 'appointment', operation: 'get', appointmentId: '56799', expandedFields: ['service'] });
		expect(result.error).toBeUndefined();
		expect(bodies('appointment/get')).toEqual([{ appointment_id: 56799, expanded_fields: [{ expanded_field: 'service' }] }]);
		expect(result.items).toEqual([
			{
				json: expect.objectContaining({
					appointment_id: 56799,
					operator_id: 2222,
					time_start: '2025-03-04T13:00:00+11:00',
					time_end: '2025-03-04T14:30:00+11:00',
					service: expect.objectContaining({ service_id: 3335, name: 'Full Colour' }),
				}),
				pairedItem: { item: 0 },
			},
		]);
	});

	it('surfaces an unknown appointment as the vendor error', async () => {
		const result = await run({ resource: 'appointment', operation: 'get', appointmentId: '999' });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Appointment 999 was not found [APPOINTMENTNOTFOUND]');
	});
});

describe('Simple Salon booking', () => {
	it('books with Check First: the dry run, then the write, with the salon wall-clock start of an n8n date [wire:appointment/add/check] [wire:appointment/add]', async () => {
		const count = salon.state.appointments.length;
		const nextId = Math.max(...salon.state.appointments.map((a) => a.appointment_id)) + 1;
		const result = await run(
			book({ timeStart: '={{ $json.when }}', additionalFields: { comments: 'Fringe only', resource_id: 7 }, options: { send_confirmation: true } }),
			[{ when: '2025-03-04T11:00:00.000+01:00' }],
		);
		expect(result.error).toBeUndefined();
		const appointment = { client_id: 1111, duration: 30, operator_id: 2222, service_id: 3334, time_start: '2025-03-04T11:00:00', comments: 'Fringe only', resource_id: 7 };
		expect(ops()).toEqual(['appointment/add/check', 'appointment/add']);
		expect(bodies('appointment/add/check')).toEqual([{ appointments: [appointment] }]);
		expect(bodies('appointment/add')).toEqual([{ appointments: [appointment], send_confirmation: true }]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ appointment_id: nextId, time_start: '2025-03-04T11:00:00+11:00', time_end: '2025-03-04T11:30:00+11:00', comments: 'Fringe only' });
		expect(result.items[0].json).not.toHaveProperty('warnings');
		expect(salon.state.appointments).toHaveLength(count + 1);
		expect(appointmentById(nextId)).toMatchObject({ client_id: 1111, operator_id: 2222, start: '2025-03-04T11:00:00', duration: 30, resource_id: 7 });
	});

	it('sends a Luxon date from an expression with its own local digits, offset dropped', async () => {
		const result = await run(book({ checkFirst: false, timeStart: "={{ DateTime.fromISO('2025-03-04T11:45:00+05:30', { setZone: true }) }}" }));
		expect(result.error).toBeUndefined();
		expect(bodies('appointment/add').map((b) => (b.appointments as Array<Record<string, unknown>>)[0].time_start)).toEqual(['2025-03-04T11:45:00']);
		expect(result.items[0].json.time_start).toBe('2025-03-04T11:45:00+11:00');
	});

	it('keeps the warnings of the check and of the write on the item (APPTRESIZED, success true)', async () => {
		// Ash is free 14:30–15:15 on Tuesday: an hour is shortened to 45 minutes
		const result = await run(book({ timeStart: '2025-03-04T14:30:00', duration: 60 }));
		expect(result.error).toBeUndefined();
		const resized = { code: 'APPTRESIZED', details: ['Requested: 60', 'Available: 45'], message: expect.stringMatching(/if duration is reduced/) };
		expect(result.items[0].json).toMatchObject({ duration: 45, time_end: '2025-03-04T15:15:00+11:00', warnings: [resized], check_warnings: [resized] });
		expect(ops()).toEqual(['appointment/add/check', 'appointment/add']);
	});

	it('a booking into a taken slot fails with the vendor reasons and no appointment/add on the wire [wire:appointment/add/check]', async () => {
		const count = salon.state.appointments.length;
		const result = await run(book({ timeStart: '2025-03-04T10:30:00' }));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('This appointment cannot fit in this timeslot. [APPOINTMENTSLOTUNAVAILABLE]');
		expect(result.error?.description).toBe('Details: Requested: 30; Available: 0; Appointment 56798 is booked at this time');
		expect(ops()).toEqual(['appointment/add/check']);
		expect(salon.emulator.requests('appointment/add')).toHaveLength(0);
		expect(salon.state.appointments).toHaveLength(count);
	});

	it('without Check First the write itself refuses a taken slot, in one request', async () => {
		const result = await run(book({ timeStart: '2025-03-04T10:45:00', checkFirst: false }));
		expect(result.error?.message).toBe('This appointment cannot fit in this timeslot. [APPOINTMENTSLOTUNAVAILABLE]');
		expect(ops()).toEqual(['appointment/add']);
	});

	it('sends the processing-time overrides to the check and the write; a strict check stops the booking', async () => {
		const colour = salon.state.services.find((s) => s.service_id === 3335)!;
		Object.assign(colour, { processing_duration: 15, processing_duration_blocked: false });
		// 11:30–13:00 leaves no time for processing before the 13:00 booking: a warning by default…
		const lenient = await run(book({ serviceId: 3335, timeStart: '2025-03-04T11:30:00', duration: 90 }));
		expect(lenient.error).toBeUndefined();
		expect(lenient.items[0].json.warnings).toEqual([expect.objectContaining({ code: 'APPTIGNORESPROCESSING', details: ['Requested: 15', 'Available: 0'] })]);
		salon.emulator.clearLog();
		// …and a refusal when processing time may not be ignored
		const strict = await run(book({ serviceId: 3335, operatorId: 2223, timeStart: '2025-03-04T11:30:00', duration: 90, options: { ignore_processing_duration: false } }));
		expect(strict.error?.message).toBe('This appointment cannot fit in this timeslot. [APPOINTMENTSLOTUNAVAILABLE]');
		expect(strict.error?.description).toMatch(/Not enough processing time/);
		expect(ops()).toEqual(['appointment/add/check']);
		expect(bodies('appointment/add/check')[0]).toMatchObject({ ignore_processing_duration: false });
	});

	it('never repeats a booking after a 503 or a dropped connection, and says it may or may not have been made', async () => {
		await run({ resource: 'appointment', operation: 'get', appointmentId: '56797' });
		salon.emulator.clearLog();
		const count = salon.state.appointments.length;
		salon.emulator.inject({ when: { op: 'appointment/add' }, phase: 'after', action: { type: 'status', status: 503, body: { success: false, error: { code: 'UNAVAILABLE', message: 'Try later', details: [] } } } });
		const failed = await run(book());
		expect(failed.error?.message).toBe('Try later [UNAVAILABLE]');
		expect(failed.error?.description).toMatch(/may or may not have been made/);
		expect(ops()).toEqual(['appointment/add/check', 'appointment/add']);
		expect(salon.state.appointments).toHaveLength(count + 1);

		salon.emulator.clearLog();
		salon.emulator.inject({ when: { op: 'appointment/add' }, phase: 'after', action: { type: 'reset' } });
		const reset = await run(book({ timeStart: '2025-03-04T12:00:00' }));
		expect(reset.error?.message).toBe('The connection broke after the request was sent: the change may or may not have been made');
		expect(ops()).toEqual(['appointment/add/check', 'appointment/add']);
		expect(salon.state.appointments).toHaveLength(count + 2);
	});

	it('does repeat the dry run after a 503 (it writes nothing)', async () => {
		salon.emulator.inject({ when: { op: 'appointment/add/check' }, action: { type: 'status', status: 503, body: { success: false } } });
		const result = await run(book());
		expect(result.error).toBeUndefined();
		expect(salon.emulator.log.filter((r) => r.op !== 'login').map((r) => `${r.op}:${r.status}`)).toEqual([
			'appointment/add/check:503',
			'appointment/add/check:200',
			'appointment/add:200',
		]);
	});
});

describe('Simple Salon appointment changes', () => {
	it('moves an appointment with Check First, sending only the fields set [wire:appointment/update/check] [wire:appointment/update]', async () => {
		const before = { ...appointmentById(56798)! };
		const result = await run({ resource: 'appointment', operation: 'update', appointmentId: '56798', updateFields: { time_start: '2025-03-04T11:30:00.000+05:00' } });
		expect(result.error).toBeUndefined();
		const body = { appointment: { appointment_id: 56798, time_start: '2025-03-04T11:30:00' } };
		expect(ops()).toEqual(['appointment/update/check', 'appointment/update']);
		expect(bodies('appointment/update/check')).toEqual([body]);
		expect(bodies('appointment/update')).toEqual([body]);
		expect(result.items[0].json).toMatchObject({ appointment_id: 56798, time_start: '2025-03-04T11:30:00+11:00', duration: before.duration, operator_id: before.operator_id, service_id: before.service_id });
		expect(appointmentById(56798)).toMatchObject({ ...before, start: '2025-03-04T11:30:00' });
	});

	it('refuses a move into a taken slot at the check, leaving the appointment as it was', async () => {
		const result = await run({ resource: 'appointment', operation: 'update', appointmentId: '56798', updateFields: { time_start: '2025-03-04T13:15:00', operator_id: 2223 } });
		expect(result.error?.message).toBe('This appointment cannot be moved to this timeslot. [APPOINTMENTSLOTUNAVAILABLE]');
		expect(ops()).toEqual(['appointment/update/check']);
		expect(appointmentById(56798)).toMatchObject({ start: '2025-03-04T10:30:00', operator_id: 2222 });
	});

	it('clears the resource with resource_id 0 and can skip the check', async () => {
		appointmentById(56797)!.resource_id = 7;
		const result = await run({ resource: 'appointment', operation: 'update', appointmentId: '56797', checkFirst: false, updateFields: { removeResource: true, comments: '' } });
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['appointment/update']);
		expect(bodies('appointment/update')).toEqual([{ appointment: { appointment_id: 56797, resource_id: 0, comments: '' } }]);
		expect(result.items[0].json.resource_id).toBe(0);
	});

	it('passes on FIELDUPDATENOTALLOWEDWHENPAID and FIELDUPDATENOTALLOWED from the check with the field named', async () => {
		appointmentById(56799)!.transaction_id = 4242;
		const paid = await run({ resource: 'appointment', operation: 'update', appointmentId: '56799', updateFields: { duration: 60 } });
		expect(paid.error?.message).toBe('appointment.duration cannot be changed when the appointment is paid [FIELDUPDATENOTALLOWEDWHENPAID]');
		expect(paid.error?.description).toBe('Details: appointment.duration');
		const hidden = await run({ resource: 'appointment', operation: 'update', appointmentId: '56797', updateFields: { hide: true } });
		expect(hidden.error?.message).toBe('appointment.show_on_appt_page cannot be changed [FIELDUPDATENOTALLOWED]');
		expect(ops()).toEqual(['appointment/update/check', 'appointment/update/check']);
	});

	it('accepts and declines booking requests [wire:appointment/update/confirm]', async () => {
		appointmentById(56800)!.unconfirmed = true;
		appointmentById(56799)!.unconfirmed = true;
		const accepted = await run({ resource: 'appointment', operation: 'confirm', appointmentId: '56800', decision: 'accept' });
		expect(accepted.error).toBeUndefined();
		const declined = await run({ resource: 'appointment', operation: 'confirm', appointmentId: '56799', decision: 'decline' });
		expect(declined.error).toBeUndefined();
		expect(bodies('appointment/update/confirm')).toEqual([
			{ appointment_id: 56800, confirm: true },
			{ appointment_id: 56799, confirm: false },
		]);
		expect(accepted.items[0].json).toMatchObject({ appointment_id: 56800, unconfirmed: false });
		expect(appointmentById(56800)?.unconfirmed).toBe(false);
		expect(appointmentById(56799)).toBeUndefined();
		const again = await run({ resource: 'appointment', operation: 'confirm', appointmentId: '56800', decision: 'accept' });
		expect(again.error?.message).toBe('Appointment 56800 is not awaiting confirmation [APPOINTMENTNOTUNCONFIRMED]');
	});

	it('sets and clears a flag by its special ID [wire:appointment/update/flag]', async () => {
		const on = await run({ resource: 'appointment', operation: 'setFlag', appointmentId: '56798', flag: -2, flagOn: true });
		expect(on.error).toBeUndefined();
		expect(on.items[0].json).toMatchObject({ appointment_id: 56798, flag_ids: [-2], flags: [{ flag_id: -2, name: 'Arrived' }] });
		const off = await run({ resource: 'appointment', operation: 'setFlag', appointmentId: '56798', flag: -2, flagOn: false });
		expect(off.items[0].json).toMatchObject({ flag_ids: [], flags: [] });
		expect(bodies('appointment/update/flag')).toEqual([
			{ appointment_id: 56798, flag_id: -2, value: true },
			{ appointment_id: 56798, flag_id: -2, value: false },
		]);
	});

	it('deletes one appointment, or several with failures as warnings [wire:appointment/delete]', async () => {
		const one = await run({ resource: 'appointment', operation: 'delete', appointmentIds: '56797' });
		expect(one.error).toBeUndefined();
		expect(one.items[0].json).toEqual({ appointment_id: 56797, deleted: true });
		expect(appointmentById(56797)).toBeUndefined();

		const several = await run({ resource: 'appointment', operation: 'delete', appointmentIds: '={{ $json.ids }}' }, [{ ids: [56798, 56797, 56800] }]);
		expect(several.error).toBeUndefined();
		expect(bodies('appointment/delete')).toEqual([{ appointment_id: 56797 }, { appointment_ids: [56798, 56797, 56800] }]);
		expect(several.items[0].json).toEqual({
			appointment_ids: [56798, 56797, 56800],
			all_deleted: false,
			warnings: [{ code: 'APPOINTMENTNOTFOUND', message: 'Appointment 56797 was not found', details: ['56797'] }],
		});
		expect([56798, 56800].map(appointmentById)).toEqual([undefined, undefined]);

		const missing = await run({ resource: 'appointment', operation: 'delete', appointmentIds: '56797' });
		expect(missing.error?.constructor.name).toBe('NodeApiError');
		expect(missing.error?.message).toBe('Appointment 56797 was not found [APPOINTMENTNOTFOUND]');
	});
});

describe('Simple Salon availability', () => {
	it('searches times for a service and operator, one item per option, ready for Add [wire:appointment/add/search]', async () => {
		const result = await run({ resource: 'availability', operation: 'searchTimes', serviceId: 3334, operatorId: 2222, timeStart: '2025-03-04T09:00:00+02:00' });
		expect(result.error).toBeUndefined();
		expect(bodies('appointment/add/search')).toEqual([{ appointments: [{ service_id: 3334, operator_id: 2222 }], time_start: '2025-03-04T09:00:00' }]);
		// Ash is free 09:45–10:30 and from 11:00; six options (3 × two stylists)
		expect(result.items.map((i) => i.json.time_start)).toEqual(
			['09:45', '10:00', '11:00', '11:15', '11:30', '11:45'].map((t) => `2025-03-04T${t}:00+11:00`),
		);
		expect(result.items[0].json).toEqual({
			company_id: 12345,
			operator_id: 2222,
			service_id: 3334,
			duration: 30,
			time_start: '2025-03-04T09:45:00+11:00',
			time_end: '2025-03-04T10:15:00+11:00',
			more_available: true,
			more_available_same_operator: true,
			appointments: [{ company_id: 12345, operator_id: 2222, service_id: 3334, duration: 30, time_start: '2025-03-04T09:45:00+11:00', time_end: '2025-03-04T10:15:00+11:00' }],
		});

		// an option's own fields book it
		salon.emulator.clearLog();
		const option = result.items[2].json;
		const booked = await run(book({ serviceId: '={{ $json.service_id }}', operatorId: '={{ $json.operator_id }}', timeStart: '={{ $json.time_start }}', duration: '={{ $json.duration }}' }), [option]);
		expect(booked.error).toBeUndefined();
		expect((bodies('appointment/add')[0].appointments as unknown[])[0]).toMatchObject({ time_start: '2025-03-04T11:00:00', operator_id: 2222 });
	});

	it('searches any operator with the time blocks and embeds operator and service', async () => {
		const result = await run({
			resource: 'availability',
			operation: 'searchTimes',
			serviceId: 3336,
			timeStart: '2025-03-06T15:00:00',
			options: { times: ['evening'], related: ['operators', 'services'], timeStartMax: '2025-03-06T23:00:00' },
		});
		expect(result.error).toBeUndefined();
		expect(bodies('appointment/add/search')).toEqual([
			{
				appointments: [{ service_id: 3336 }],
				time_start: '2025-03-06T15:00:00',
				time_start_max: '2025-03-06T23:00:00',
				times: ['evening'],
				options: { expanded_fields_grouped: [{ expanded_field: 'operators' }, { expanded_field: 'services' }] },
			},
		]);
		// Thursday late night: both stylists from 17:00, all options of the last timeslot included
		expect(result.items.map((i) => `${String(i.json.time_start).slice(11, 16)} ${String(i.json.operator_id)}`)).toEqual([
			'17:00 2222',
			'17:00 2223',
			'17:15 2222',
			'17:15 2223',
			'17:30 2222',
			'17:30 2223',
		]);
		expect(result.items[1].json.appointments).toEqual([expect.objectContaining({ operator: expect.objectContaining({ operator_id: 2223, display_name: 'Sam' }), service: expect.objectContaining({ service_id: 3336, name: 'Manicure' }) })]);
	});

	it('searches dates, one item per day with the time blocks that have room [wire:appointment/add/search/dates]', async () => {
		const result = await run({
			resource: 'availability',
			operation: 'searchDates',
			serviceId: 3335,
			operatorId: 2222,
			timeStart: '2025-03-03T00:00:00Z',
			options: { timeStartMax: '2025-03-07T00:00:00', times: ['morning', 'evening'] },
		});
		expect(result.error).toBeUndefined();
		expect(bodies('appointment/add/search/dates')).toEqual([
			{ appointments: [{ service_id: 3335, operator_id: 2222 }], time_start: '2025-03-03T00:00:00', time_start_max: '2025-03-07T00:00:00', times: ['morning', 'evening'] },
		]);
		expect(result.items.map((i) => i.json)).toEqual([
			{ date: '2025-03-03T00:00:00+11:00', times: ['morning'] },
			{ date: '2025-03-04T00:00:00+11:00', times: ['morning'] },
			{ date: '2025-03-05T00:00:00+11:00', times: ['morning'] },
			{ date: '2025-03-06T00:00:00+11:00', times: ['morning', 'evening'] },
		]);
		expect(result.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('passes a vendor refusal of the search window on as a NodeApiError', async () => {
		const result = await run({ resource: 'availability', operation: 'searchTimes', serviceId: 3334, timeStart: '2025-03-03', options: { timeStartMax: '2025-03-12' } });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('time_start_max can be at most 7 days after time_start [INVALIDPARAMETER]');
	});
});

describe('Simple Salon appointment input checks', () => {
	it('rejects bad input before any request, naming the field and the item', async () => {
		const cases: Array<[NodeSetup['parameters'], string]> = [
			[book({ clientId: 'abc' }), 'The field "Client ID" has an invalid value "abc" in item 0'],
			[book({ duration: 0 }), 'The field "Duration (Minutes)" has an invalid value "0" in item 0'],
			[book({ timeStart: 'tomorrow' }), 'The field "Start" has an invalid date "tomorrow" in item 0'],
			[book({ operatorId: -3 }), 'The field "Operator" has an invalid value "-3" in item 0'],
			[book({ additionalFields: { moreAppointments: '{"nope"' } }), 'The field "More Appointments (JSON)" is not valid JSON in item 0'],
			[{ resource: 'appointment', operation: 'update', appointmentId: '56798', updateFields: {} }, 'The field "Update Fields" is empty in item 0'],
			[
				{ resource: 'appointment', operation: 'update', appointmentId: '56798', updateFields: { resource_id: 7, removeResource: true } },
				'Set either "Resource" or "Remove Resource", not both, in item 0',
			],
			[{ resource: 'appointment', operation: 'setFlag', appointmentId: '56798', flag: -1, flagOn: true }, 'The field "Flag" has an invalid value "-1" in item 0'],
			[{ resource: 'appointment', operation: 'delete', appointmentIds: '56797,x' }, 'The field "Appointment IDs" has an invalid value "x" in item 0'],
			[{ resource: 'appointment', operation: 'delete', appointmentIds: ' ' }, 'The field "Appointment IDs" is empty in item 0'],
			[{ resource: 'appointment', operation: 'get', appointmentId: '' }, 'The field "Appointment ID" is empty in item 0'],
			[
				{ resource: 'availability', operation: 'searchTimes', serviceId: 3334, timeStart: '2025-03-05', options: { timeStartMax: '2025-03-04' } },
				'The field "Search Until" must be later than "Search From" in item 0',
			],
			[{ resource: 'availability', operation: 'searchDates', serviceId: '' }, 'The field "Service" is empty in item 0'],
		];
		for (const [parameters, message] of cases) {
			const result = await run(parameters);
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(message);
			expect(result.error?.context?.itemIndex).toBe(0);
		}
		expect(salon.emulator.log).toHaveLength(0);
	});

	it('names the second item when only it is bad, and sends nothing for it', async () => {
		const result = await run(book({ timeStart: '={{ $json.when }}', checkFirst: false }), [{ when: '2025-03-04T11:00:00' }, { when: '2025-02-30T11:00:00' }]);
		expect(result.error?.message).toBe('The field "Start" has an invalid date "2025-02-30T11:00:00" in item 1');
		expect(ops()).toEqual(['appointment/add']);
	});
});
