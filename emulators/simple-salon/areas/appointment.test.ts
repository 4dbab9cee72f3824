import { now } from 'business-pack-devkit';

import { createSimpleSalonEmulator, type SimpleSalonEmulator } from '../index';

/* The appointment area over raw HTTP: the rules the node tests do not reach. Seed: see test/unit/simple-salon/appointment.test.ts. */

interface Reply {
	success?: boolean;
	error?: { code: string; message: string; details: string[] };
	warnings?: Array<{ code: string; details: string[] }>;
	[key: string]: unknown;
}

describe('Simple Salon emulator: appointments', () => {
	let salon: SimpleSalonEmulator;
	const sessions = new Map<string, { token: string; apiUrl: string }>();

	async function login(username = 'api.user', password = 'Salon!2024') {
		const cached = sessions.get(username);
		if (cached) return cached;
		const response = await fetch(`${salon.emulator.url}/v1/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'user-agent': 'emulator-test/1.0', 'x-partner-token': salon.state.partnerToken, 'x-company-token': salon.companyToken() },
			body: JSON.stringify({ username, password, company_id: 12345 }),
		});
		const body = (await response.json()) as { token: string; api_url: string };
		const session = { token: body.token, apiUrl: body.api_url };
		sessions.set(username, session);
		return session;
	}

	async function call(method: string, body: unknown, username?: string): Promise<Reply> {
		const session = await login(...((username === 'ashley' ? ['ashley', 'ash-pass-1'] : []) as [string?, string?]));
		const response = await fetch(`${session.apiUrl}/v1/${method}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'user-agent': 'emulator-test/1.0', authorization: `Bearer ${session.token}` },
			body: JSON.stringify(body),
		});
		return (await response.json()) as Reply;
	}

	const slot = (extra: Record<string, unknown> = {}) => ({ client_id: 1111, duration: 30, operator_id: 2222, service_id: 3334, time_start: '2025-03-04T11:00:00+11:00', ...extra });

	beforeEach(async () => {
		sessions.clear();
		salon = createSimpleSalonEmulator();
		await salon.emulator.start();
	});
	afterEach(async () => await salon.emulator.stop());

	it('refuses unknown fields and checks without writing; the write books', async () => {
		expect((await call('appointment/add/check', { appointments: [slot({ colour: 'red' })] })).error).toMatchObject({
			code: 'INVALIDPARAMETER',
			details: ['appointments[0].colour'],
		});
		const count = salon.state.appointments.length;
		expect(await call('appointment/add/check', { appointments: [slot()] })).toEqual({ success: true });
		expect(salon.state.appointments).toHaveLength(count);
		const added = await call('appointment/add', { appointments: [slot(), slot({ time_start: '2025-03-04T11:15:00' })] });
		// the second one of the same call meets the first
		expect(added.error).toMatchObject({ code: 'APPOINTMENTSLOTUNAVAILABLE' });
		expect(salon.state.appointments).toHaveLength(count);
		expect((await call('appointment/add', { appointments: [slot(), slot({ time_start: '2025-03-04T11:30:00' })] })).success).toBe(true);
		expect(salon.state.appointments).toHaveLength(count + 2);
	});

	it('knows the special clients and operators', async () => {
		const cases: Array<[Record<string, unknown>, string, string]> = [
			[slot({ client_id: -1, time_start: '2099-03-03T11:00:00' }), 'INVALIDPARAMETER', 'appointments[0].client_id'],
			[slot({ client_id: 424242 }), 'CLIENTNOTFOUND', 'appointments[0].client_id'],
			[slot({ operator_id: -1 }), 'INVALIDPARAMETER', 'appointments[0].operator_id'],
			[slot({ operator_id: 2221 }), 'APPOINTMENTSLOTUNAVAILABLE', 'Requested: 30'],
			[slot({ duration: 20 }), 'INVALIDPARAMETER', 'appointments[0].duration'],
			[slot({ appointment_id: 5 }), 'FIELDUPDATENOTALLOWED', 'appointments[0].appointment_id'],
		];
		for (const [appointment, code, detail] of cases) {
			const reply = await call('appointment/add/check', { appointments: [appointment] });
			expect(reply.error).toMatchObject({ code });
			expect(reply.error?.details).toContain(detail);
		}
		// the Wait List takes any time; the System Operator with a resource only needs the resource free
		expect((await call('appointment/add/check', { appointments: [slot({ operator_id: -2, time_start: '2025-03-04T10:30:00' })] })).success).toBe(true);
		expect((await call('appointment/add/check', { appointments: [slot({ operator_id: -1, resource_id: 4, time_start: '2025-03-04T21:00:00' })] })).success).toBe(true);
	});

	it("enforces another appointment's blocked processing time unless a manager ignores it", async () => {
		Object.assign(salon.state.services.find((s) => s.service_id === 3335)!, { processing_duration: 30, processing_duration_blocked: true });
		// Ash's Full Colour ends 14:30 on Tuesday, then 30 minutes of blocked processing
		const blocked = await call('appointment/add/check', { appointments: [slot({ time_start: '2025-03-04T14:30:00' })] });
		expect(blocked.success).toBe(false);
		expect(blocked.error?.code).toBe('APPOINTMENTSLOTUNAVAILABLE');
		expect(blocked.warnings?.map((w) => w.code)).toEqual(['APPTIGNORESOTHERBLOCKEDPROCESSING']);
		expect((await call('appointment/add/check', { appointments: [slot({ time_start: '2025-03-04T14:30:00' })], ignore_other_processing_duration_blocked: true })).success).toBe(true);
		expect((await call('appointment/add/check', { appointments: [slot()], ignore_other_processing_duration_blocked: true }, 'ashley')).error).toMatchObject({
			code: 'PERMISSIONDENIED',
		});
	});

	it('updates only what is sent, refuses client and company changes, and hides only No Show appointments', async () => {
		expect((await call('appointment/update', { appointment: { appointment_id: 56797, client_id: 1112 } })).error).toMatchObject({
			code: 'FIELDUPDATENOTALLOWED',
			details: ['appointment.client_id'],
		});
		const before = salon.state.appointments.find((a) => a.appointment_id === 56797)!;
		const untouched = { ...before };
		expect((await call('appointment/update', { appointment: { appointment_id: 56797, comments: 'x', duration: null } })).success).toBe(true);
		expect(before).toEqual({ ...untouched, comments: 'x' });
		expect((await call('appointment/update', { appointment: { appointment_id: 56797, show_on_appt_page: false } })).error?.code).toBe('FIELDUPDATENOTALLOWED');
		await call('appointment/update/flag', { appointment_id: 56797, flag_id: -5, value: true });
		expect((await call('appointment/update', { appointment: { appointment_id: 56797, show_on_appt_page: false } })).success).toBe(true);
		const hidden = await call('appointment/list', { filters: { time_start: '2025-03-04', time_end: '2025-03-05', show_on_appt_page: false } });
		expect((hidden.appointments as Array<{ appointment_id: number }>).map((a) => a.appointment_id)).toEqual([56797]);
		// a hidden No Show no longer takes its slot
		expect((await call('appointment/add/check', { appointments: [slot({ time_start: '2025-03-04T09:00:00' })] })).success).toBe(true);
		expect((await call('appointment/update/flag', { appointment_id: 56797, flag_id: -1, value: true })).error?.code).toBe('FIELDUPDATENOTALLOWED');
	});

	it('searches around a time, and from the next hour when no time is given', async () => {
		const middle = await call('appointment/add/search', { appointments: [{ service_id: 3334, operator_id: 2222 }], time_start: '2025-03-04T12:00:00', direction: 'middle' });
		const starts = (middle.options as Array<{ appointments: Array<{ time_start: string }> }>).map((o) => o.appointments[0].time_start.slice(11, 16));
		// nearest first, up to six (3 × two stylists); 12:45 would run into the 13:00 booking
		expect(starts).toEqual(['11:15', '11:30', '11:45', '12:00', '12:15', '12:30']);
		const soon = await call('appointment/add/search', { appointments: [{ service_id: 3334 }] });
		const first = (soon.options as Array<{ appointments: Array<{ time_start: string }> }>)[0].appointments[0].time_start;
		const nextHour = new Date((Math.floor(now() / 3_600_000) + 1) * 3_600_000 + 11 * 3_600_000).toISOString().slice(0, 19);
		expect(first.slice(0, 19) >= nextHour).toBe(true);
		expect((await call('appointment/add/search', { appointments: [{ service_id: 3334 }], times: ['late'] })).error?.details).toEqual(['times[0]']);
		expect((await call('appointment/add/search/dates', { appointments: [{ service_id: 9 }] })).error?.details).toEqual(['appointments[0].service_id']);
	});

	it('deletes by one ID or several, never both, and guards the online booking filter', async () => {
		expect((await call('appointment/delete', {})).error?.code).toBe('MISSINGPARAMETER');
		expect((await call('appointment/delete', { appointment_id: 56797, appointment_ids: [56798] })).error?.code).toBe('INVALIDPARAMETER');
		salon.state.appointments.find((a) => a.appointment_id === 56798)!.transaction_id = 77;
		expect((await call('appointment/delete', { appointment_ids: [56798] })).error?.code).toBe('APPOINTMENTPAID');
		expect(
			(await call('appointment/list', { filters: { time_start: '2025-03-04', time_end: '2025-03-05', online_booking_client_id: 5, company_id: 12345 } })).error?.code,
		).toBe('MISSINGHEADER');
	});
});
