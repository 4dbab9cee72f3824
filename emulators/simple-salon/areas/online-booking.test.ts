import { createSimpleSalonEmulator, type SimpleSalonEmulator } from '../index';
import { DECLINED_PAYMENT_ID } from './online-booking';

/* The Online Booking area on the raw HTTP API: the client token's sliding expiry, strict bodies, payments and paging. */

interface Reply {
	status: number;
	body: Record<string, unknown> & { success?: boolean; error?: { code: string; message: string; details: string[] } };
}

describe('Simple Salon emulator: online booking', () => {
	let salon: SimpleSalonEmulator;
	let api: string;
	let bearer: string;

	async function post(method: string, body: unknown, clientToken?: string): Promise<Reply> {
		const response = await fetch(`${api}/v1/${method}`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'user-agent': 'emulator-test/1.0',
				authorization: `Bearer ${bearer}`,
				...(clientToken ? { 'x-online-booking-client-token': clientToken } : {}),
			},
			body: JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as Reply['body'] };
	}

	const joe = async () => String((await post('online_booking/client/login', { login_provider: 'email', email: 'joe@example.com', login_password: 'Password123' })).body.token);
	const day = (days: number) => `${new Date(Date.now() + 11 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)}T10:00:00`;

	beforeEach(async () => {
		salon = createSimpleSalonEmulator({ sessionTtlMs: 10 * 24 * 3_600_000 });
		const base = await salon.emulator.start();
		const login = await fetch(`${base}/v1/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'user-agent': 'emulator-test/1.0', 'x-partner-token': salon.state.partnerToken, 'x-company-token': salon.companyToken() },
			body: JSON.stringify({ username: 'api.user', password: 'Salon!2024', company_id: 12345 }),
		});
		const reply = (await login.json()) as { token: string; api_url: string };
		bearer = reply.token;
		api = reply.api_url;
	});

	afterEach(async () => {
		jest.restoreAllMocks();
		await salon.emulator.stop();
	});

	it('slides the client token\'s expiry to a day after each use, and refuses it a day after the last one', async () => {
		const start = Date.now();
		const token = await joe();
		const at = (hours: number) => jest.spyOn(Date, 'now').mockReturnValue(start + hours * 3_600_000);
		at(23);
		expect((await post('online_booking/client/get', { online_booking_client_id: 2828 }, token)).body.success).toBe(true);
		at(46);
		expect((await post('online_booking/client/get', { online_booking_client_id: 2828 }, token)).body.success).toBe(true);
		at(46 + 24 + 0.01);
		const late = await post('online_booking/client/get', { online_booking_client_id: 2828 }, token);
		// HTTP 200: a dead consumer token must not look like a dead partner session
		expect(late.status).toBe(200);
		expect(late.body.error?.code).toBe('ONLINEBOOKINGCLIENTNOTLOGGEDIN');
	});

	it('wants the client token where the docs do, and not for login, add, reset or an email verification', async () => {
		expect((await post('online_booking/client/get', { online_booking_client_id: 2828 })).body.error?.code).toBe('MISSINGHEADER');
		expect((await post('online_booking/client/appointment/cancel', { online_booking_appointment_id: 9185 })).body.error?.code).toBe('MISSINGHEADER');
		expect((await post('online_booking/client/reset_login_password', { email: 'joe@example.com' })).body.success).toBe(true);
		const wrongCode = await post('online_booking/client/verify', { online_booking_client_id: 2828, verification_type: 'email', verification_code: 1 });
		expect(wrongCode.body.error?.code).toBe('VERIFICATIONFAILED');
		expect((await post('online_booking/client/verify', { online_booking_client_id: 2828, verification_type: 'mobile', verification_code: 1 })).body.error?.code).toBe('MISSINGHEADER');
	});

	it('refuses unknown and mistyped fields, naming them', async () => {
		const token = await joe();
		const unknown = await post('online_booking/client/get', { online_booking_client_id: 2828, expand: true }, token);
		expect(unknown.body.error).toEqual({ code: 'INVALIDPARAMETER', message: 'Unknown parameter: expand', details: ['expand'] });
		const provider = await post('online_booking/client/login', { login_provider: 'twitter' });
		expect(provider.body.error?.details).toEqual(['login_provider']);
		const both = await post(
			'online_booking/client/appointment/add',
			{
				online_booking_company_id: 9494,
				online_booking_appointments: [{ operator_id: 2222, service_id: 3334, time_start: day(5), price: 45 }],
				client_vouchers: [{ voucher_id: 501, price: 50, quantity: 1 }],
			},
			token,
		);
		expect(both.body.error?.message).toBe('Specify either online_booking_appointments or client_vouchers, but not both');
	});

	it('reads login_provider at the top level too (the table\'s spelling) and logs an existing social client in instead of adding', async () => {
		const added = await post('online_booking/client/add', { login_provider: 'facebook', online_booking_client: { login_password: 'fb-token', login_provider_id: '10001' } });
		expect(added.body).toMatchObject({ success: true, online_booking_client: { online_booking_client_id: 2829 }, token: expect.any(String) });
		const fresh = await post('online_booking/client/add', { online_booking_client: { login_provider: 'google', login_password: 'g-token-1', firstname: 'Gina' } });
		expect(fresh.body.online_booking_client).toMatchObject({ online_booking_client_id: 2830, login_provider: 'google', firstname: 'Gina' });
	});

	it('books at the online price, refuses a stale one, and books nothing when the card is declined', async () => {
		const token = await joe();
		const count = salon.state.appointments.length;
		const stale = await post('online_booking/client/appointment/add', { online_booking_company_id: 9494, online_booking_appointments: [{ operator_id: 2222, service_id: 3335, time_start: day(5), price: 160 }] }, token);
		expect(stale.body.error).toMatchObject({ code: 'PRICECHANGED', details: ['Requested: 160.00', 'Current: 165.00'] });
		const declined = await post(
			'online_booking/client/appointment/add',
			{
				online_booking_company_id: 9494,
				online_booking_appointments: [{ operator_id: 2222, service_id: 3335, time_start: day(5), price: 165 }],
				online_booking_payments: [{ type: 'slick', online_booking_client_payment_id: DECLINED_PAYMENT_ID, amount: 165 }],
			},
			token,
		);
		expect(declined.body).toMatchObject({ success: true, status: 'paymentfailed', payment_status: 'declined' });
		expect(salon.state.appointments).toHaveLength(count);
		const elsewhere = await post('online_booking/client/appointment/add', { online_booking_company_id: 7171, online_booking_appointments: [{ operator_id: 2222, service_id: 3334, time_start: day(5), price: 45 }] }, token);
		expect(elsewhere.body.error?.code).toBe('ONLINEBOOKINGDISABLED');
	});

	it('pages the bookings with more_available and never a total', async () => {
		const token = await joe();
		const first = await post('online_booking/client/appointment/list', { filters: { online_booking_client_id: 2828 }, options: { page_number: 1, rows_per_page: 4, return_total: true } }, token);
		expect(first.body).not.toHaveProperty('total_rows');
		expect(first.body.more_available).toBe(true);
		expect(first.body.online_booking_appointments).toHaveLength(4);
		const last = await post('online_booking/client/appointment/list', { filters: { online_booking_client_id: 2828 }, options: { page_number: 2, rows_per_page: 4 } }, token);
		expect(last.body.more_available).toBe(false);
		expect(last.body.online_booking_appointments).toHaveLength(2);
		const all = await post('online_booking/client/appointment/list', { filters: { online_booking_client_id: 2828 }, options: { rows_per_page: -1 } }, token);
		expect(all.body.error?.details).toEqual(['options.rows_per_page']);
	});
});
