import { createSimpleSalonEmulator, type SimpleSalonEmulator } from '../../../emulators/simple-salon';
import { verificationCodeFor } from '../../../emulators/simple-salon/areas/online-booking';
import { SimpleSalonApi } from '../../../credentials/SimpleSalonApi.credentials';
import { SimpleSalon, resources } from '../../../nodes/SimpleSalon/SimpleSalon.node';
import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, runNode, type NodeSetup, type RunResult, type StoredCredential } from '../../kit/node-runner';

/*
 * Online Booking through the node, against the emulator: every method on the wire (path, JSON body, and the
 * X-Online-Booking-Client-Token header where the docs ask for it), the outputs, bad input stopped before any request,
 * and the vendor's refusals surfacing with its own message.
 */

let salon: SimpleSalonEmulator;
let store: CredentialStore;
let credential: StoredCredential;

const TOKEN_HEADER = 'x-online-booking-client-token';

const setup = (parameters: NodeSetup['parameters']): NodeSetup => ({
	node: new SimpleSalon(),
	credentialTypes: [new SimpleSalonApi()],
	store,
	credential,
	parameters: { resource: 'onlineBooking', ...parameters },
});
const run = (parameters: NodeSetup['parameters'], input?: IDataObject[]) => runNode(setup(parameters), input);
const json = (result: RunResult) => result.items.map((item) => item.json);
const wire = (op: string) => salon.emulator.requests(op);
const bodies = (op: string) => wire(op).map((r) => r.body as Record<string, unknown>);
const ok = (result: RunResult) => {
	if (result.error) throw result.error;
	return result;
};

async function useEmulator(options: Parameters<typeof createSimpleSalonEmulator>[0] = {}) {
	await salon?.emulator.stop();
	salon = createSimpleSalonEmulator(options);
	await salon.emulator.start();
	store = new CredentialStore();
	credential = store.add('simpleSalonApi', { ...salon.credentialData(), sessionToken: '', sessionApiUrl: '', sessionExpiry: '', sessionBinding: '' });
}

/** Joe (the docs' example client) logged in; returns his token. */
async function joeToken(): Promise<string> {
	const result = ok(await run({ operation: 'logIn', loginProvider: 'email', email: 'joe@example.com', loginPassword: 'Password123' }));
	return String(result.items[0].json.token);
}

/** A date `days` from now as the salon's wall clock (the emulated salon is at +11:00). */
function salonDay(days: number, time: string): string {
	const date = new Date(Date.now() + 11 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
	return `${date}T${time}`;
}

const bookParams = (token: string, extra: Record<string, unknown> = {}) => ({
	operation: 'book',
	onlineBookingClientToken: token,
	onlineBookingCompanyId: '9494',
	appointments: { appointment: [{ operatorId: '2222', serviceId: '3334', timeStart: salonDay(6, '10:00:00'), price: 45 }] },
	...extra,
});

beforeEach(async () => await useEmulator());
afterAll(async () => await salon.emulator.stop());

describe('Simple Salon online booking: the client', () => {
	it('logs an email client in and gives the workflow the client token [wire:online_booking/client/login]', async () => {
		const result = ok(
			await run({
				operation: 'logIn',
				loginProvider: 'email',
				email: 'joe@example.com',
				loginPassword: 'Password123',
				additionalFields: { onlineBookingCompanyId: '9494' },
			}),
		);
		const [request] = wire('online_booking/client/login');
		expect(request.path).toBe('/api1/v1/online_booking/client/login');
		expect(request.headers.authorization).toBe(`Bearer ${String(credential.data.sessionToken)}`);
		expect(request.headers[TOKEN_HEADER]).toBeUndefined();
		expect(request.body).toEqual({ login_provider: 'email', email: 'joe@example.com', login_password: 'Password123', online_booking_company_id: 9494 });
		expect(json(result)).toEqual([
			expect.objectContaining({ online_booking_client_id: 2828, firstname: 'Joe', email_verified: true, token: expect.stringMatching(/^[0-9a-f]{48}$/) }),
		]);
		expect(result.items[0].json).not.toHaveProperty('login_password');
	});

	it('logs a Facebook client in with the Facebook ID and token [wire:online_booking/client/login]', async () => {
		const result = ok(await run({ operation: 'logIn', loginProvider: 'facebook', email: '', loginPassword: 'fb-access-token', loginProviderId: '10001' }));
		expect(bodies('online_booking/client/login')).toEqual([{ login_provider: 'facebook', login_password: 'fb-access-token', login_provider_id: '10001' }]);
		expect(json(result)[0]).toMatchObject({ online_booking_client_id: 2829, login_provider: 'facebook' });
	});

	it('registers a client, fields nested in online_booking_client, and the new token works at once [wire:online_booking/client/add]', async () => {
		const added = ok(
			await run({
				operation: 'addClient',
				loginProvider: 'email',
				email: 'mia.kelly@example.com',
				loginPassword: 'Sunflower-42',
				additionalFields: { firstName: 'Mia', lastName: 'Kelly', mobile: '0422333444', countryCode: 'au', smsRemindersEnabled: false, onlineBookingCompanyId: '9494' },
			}),
		);
		expect(bodies('online_booking/client/add')).toEqual([
			{
				online_booking_company_id: 9494,
				online_booking_client: {
					login_provider: 'email',
					email: 'mia.kelly@example.com',
					login_password: 'Sunflower-42',
					firstname: 'Mia',
					lastname: 'Kelly',
					mobile: '0422333444',
					country_code: 'AU',
					sms_reminders_enabled: false,
				},
			},
		]);
		const client = json(added)[0];
		expect(client).toMatchObject({ online_booking_client_id: 2830, firstname: 'Mia', email_verified: false, mobile_verified: false, sms_reminders_enabled: false });
		const got = ok(await run({ operation: 'getClient', onlineBookingClientToken: client.token, onlineBookingClientId: '2830' }));
		expect(json(got)[0]).toMatchObject({ online_booking_client_id: 2830, email: 'mia.kelly@example.com' });
	});

	it('refuses a second email registration with the vendor message [wire:online_booking/client/add]', async () => {
		const result = await run({ operation: 'addClient', loginProvider: 'email', email: 'joe@example.com', loginPassword: 'whatever-1' });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('An online booking client already logs in with joe@example.com [EMAILINUSE]');
	});

	it('gets the logged-in client with the client token in its header [wire:online_booking/client/get]', async () => {
		const token = await joeToken();
		const result = ok(await run({ operation: 'getClient', onlineBookingClientToken: token, onlineBookingClientId: '2828' }));
		const [request] = wire('online_booking/client/get');
		expect(request.headers[TOKEN_HEADER]).toBe(token);
		expect(request.headers.authorization).toMatch(/^Bearer /);
		expect(request.body).toEqual({ online_booking_client_id: 2828 });
		expect(json(result)).toEqual([
			{
				online_booking_client_id: 2828,
				country_code: 'AU',
				email: 'joe@example.com',
				email_reminders_enabled: false,
				email_verified: true,
				firstname: 'Joe',
				image_url: '',
				lastname: 'Citizen',
				login_provider: 'email',
				login_provider_id: '',
				mobile: '0400000000',
				mobile_verified: true,
				sms_reminders_enabled: true,
			},
		]);
	});

	it('updates only the fields set, wrapped with the client ID [wire:online_booking/client/update]', async () => {
		const token = await joeToken();
		const result = ok(
			await run({
				operation: 'updateClient',
				onlineBookingClientToken: token,
				onlineBookingClientId: '2828',
				updateFields: { firstName: 'Joseph', emailRemindersEnabled: true, onlineBookingCompanyId: '9494' },
			}),
		);
		const [request] = wire('online_booking/client/update');
		expect(request.headers[TOKEN_HEADER]).toBe(token);
		expect(request.body).toEqual({
			online_booking_company_id: 9494,
			online_booking_client: { online_booking_client_id: 2828, firstname: 'Joseph', email_reminders_enabled: true },
		});
		expect(json(result)[0]).toMatchObject({ firstname: 'Joseph', lastname: 'Citizen', email_reminders_enabled: true, mobile: '0400000000' });
	});

	it('refuses a password change of a social login with the vendor message [wire:online_booking/client/update]', async () => {
		const social = ok(await run({ operation: 'logIn', loginProvider: 'facebook', loginPassword: 'fb-access-token', loginProviderId: '10001' }));
		const result = await run({
			operation: 'updateClient',
			onlineBookingClientToken: social.items[0].json.token,
			onlineBookingClientId: '2829',
			updateFields: { loginPassword: 'new-secret' },
		});
		expect(result.error?.message).toBe('online_booking_client.login_password can only be changed for an email login [FIELDUPDATENOTALLOWED]');
		expect(result.error?.description).toBe('Details: online_booking_client.login_password');
	});

	it('sends a password reset without any client token [wire:online_booking/client/reset_login_password]', async () => {
		const result = ok(await run({ operation: 'resetPassword', email: 'joe@example.com', additionalFields: { onlineBookingCompanyId: '9494' } }));
		const [request] = wire('online_booking/client/reset_login_password');
		expect(request.headers[TOKEN_HEADER]).toBeUndefined();
		expect(request.body).toEqual({ email: 'joe@example.com', online_booking_company_id: 9494 });
		expect(json(result)).toEqual([{ success: true }]);
	});

	it('verifies a mobile with the token, and an email without one [wire:online_booking/client/verify]', async () => {
		const added = ok(await run({ operation: 'addClient', loginProvider: 'email', email: 'leo@example.com', loginPassword: 'pw-123456', additionalFields: { mobile: '0499888777' } }));
		const token = String(added.items[0].json.token);
		salon.emulator.clearLog();
		const mobile = ok(
			await run({
				operation: 'verify',
				onlineBookingClientToken: token,
				onlineBookingClientId: '2830',
				verificationType: 'mobile',
				verificationCode: String(verificationCodeFor(2830, 'mobile')),
			}),
		);
		const email = ok(
			await run({
				operation: 'verify',
				onlineBookingClientToken: '',
				onlineBookingClientId: '2830',
				verificationType: 'email',
				verificationCode: String(verificationCodeFor(2830, 'email')),
				additionalFields: { onlineBookingCompanyId: '9494' },
			}),
		);
		const [first, second] = wire('online_booking/client/verify');
		expect(first.headers[TOKEN_HEADER]).toBe(token);
		expect(first.body).toEqual({ online_booking_client_id: 2830, verification_type: 'mobile', verification_code: verificationCodeFor(2830, 'mobile') });
		expect(second.headers[TOKEN_HEADER]).toBeUndefined();
		expect(second.body).toEqual({
			online_booking_client_id: 2830,
			verification_type: 'email',
			verification_code: verificationCodeFor(2830, 'email'),
			online_booking_company_id: 9494,
		});
		expect([...json(mobile), ...json(email)]).toEqual([{ success: true }, { success: true }]);
		const got = ok(await run({ operation: 'getClient', onlineBookingClientToken: token, onlineBookingClientId: '2830' }));
		expect(json(got)[0]).toMatchObject({ email_verified: true, mobile_verified: true });
	});

	it('surfaces a wrong verification code as the vendor error [wire:online_booking/client/verify]', async () => {
		const token = await joeToken();
		const result = await run({ operation: 'verify', onlineBookingClientToken: token, onlineBookingClientId: '2828', verificationType: 'mobile', verificationCode: '1' });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('The verification code is not correct [VERIFICATIONFAILED]');
	});

	it('resends a verification code [wire:online_booking/client/verify/resend]', async () => {
		const added = ok(await run({ operation: 'addClient', loginProvider: 'email', email: 'ava@example.com', loginPassword: 'pw-654321', additionalFields: { mobile: '0477000111' } }));
		const token = String(added.items[0].json.token);
		const result = ok(await run({ operation: 'resendVerification', onlineBookingClientToken: token, onlineBookingClientId: '2830', verificationType: 'mobile' }));
		const [request] = wire('online_booking/client/verify/resend');
		expect(request.headers[TOKEN_HEADER]).toBe(token);
		expect(request.body).toEqual({ online_booking_client_id: 2830, verification_type: 'mobile' });
		expect(json(result)).toEqual([{ success: true }]);
	});
});

describe('Simple Salon online booking: vouchers and bookings', () => {
	it('sends a voucher by ID or by barcode [wire:online_booking/client_voucher/send]', async () => {
		const token = await joeToken();
		const common = { operation: 'sendVoucher', onlineBookingClientToken: token, recipientEmail: 'mum@example.com', recipientName: 'Mum', message: 'Happy Birthday!', onlineBookingCompanyId: '9494' };
		const byId = ok(await run({ ...common, voucherBy: 'id', clientVoucherId: '2769' }));
		const byBarcode = ok(await run({ ...common, voucherBy: 'barcode', barcode: '900000000123' }));
		const requests = wire('online_booking/client_voucher/send');
		expect(requests.map((r) => r.headers[TOKEN_HEADER])).toEqual([token, token]);
		expect(requests.map((r) => r.body)).toEqual([
			{ client_voucher_id: 2769, email: 'mum@example.com', name: 'Mum', message: 'Happy Birthday!', online_booking_company_id: 9494 },
			{ barcode: '900000000123', email: 'mum@example.com', name: 'Mum', message: 'Happy Birthday!', online_booking_company_id: 9494 },
		]);
		expect([...json(byId), ...json(byBarcode)]).toEqual([
			{ success: true, client_voucher_id: 2769, email: 'mum@example.com' },
			{ success: true, barcode: '900000000123', email: 'mum@example.com' },
		]);
	});

	it('does not repeat a voucher send whose connection broke after it was sent [wire:online_booking/client_voucher/send]', async () => {
		const token = await joeToken();
		salon.emulator.inject({ when: { op: 'online_booking/client_voucher/send' }, phase: 'after', action: { type: 'reset' } });
		const result = await run({
			operation: 'sendVoucher',
			onlineBookingClientToken: token,
			voucherBy: 'id',
			clientVoucherId: '2769',
			recipientEmail: 'mum@example.com',
			recipientName: 'Mum',
			message: 'Hi',
			onlineBookingCompanyId: '9494',
		});
		expect(result.error?.message).toMatch(/may or may not have been made/);
		expect(wire('online_booking/client_voucher/send')).toHaveLength(1);
	});

	it('lists bookings page by page on more_available, never asking for totals [wire:online_booking/client/appointment/list]', async () => {
		await useEmulator({ maxRowsPerPage: 2 });
		const token = await joeToken();
		const result = ok(await run({ operation: 'getManyBookings', onlineBookingClientToken: token, onlineBookingClientId: '2828', returnAll: true }));
		const requests = wire('online_booking/client/appointment/list');
		expect(requests.map((r) => r.headers[TOKEN_HEADER])).toEqual([token, token, token]);
		expect(requests.map((r) => r.body)).toEqual(
			[1, 2, 3].map((page) => ({ filters: { online_booking_client_id: 2828 }, options: { page_number: page, rows_per_page: 100 } })),
		);
		const ids = json(result).map((b) => b.online_booking_appointment_id);
		expect(ids).toHaveLength(6);
		expect(new Set(ids).size).toBe(6);
		expect(json(result)[0]).toMatchObject({
			company: { company_id: expect.any(Number), name: expect.any(String) },
			status: expect.stringMatching(/^(completed|rejected)$/),
			cancellable: false,
			appointments: [expect.objectContaining({ duration: expect.any(Number), time_start: expect.any(String) })],
		});
	});

	it('stops at the Limit [wire:online_booking/client/appointment/list]', async () => {
		const token = await joeToken();
		const result = ok(await run({ operation: 'getManyBookings', onlineBookingClientToken: token, onlineBookingClientId: '2828', limit: 4 }));
		expect(bodies('online_booking/client/appointment/list')).toEqual([{ filters: { online_booking_client_id: 2828 }, options: { page_number: 1, rows_per_page: 4 } }]);
		expect(result.items).toHaveLength(4);
	});

	it('books an appointment that waits for the salon, in its appointment book as unconfirmed [wire:online_booking/client/appointment/add]', async () => {
		const token = await joeToken();
		const before = salon.state.appointments.length;
		const result = ok(
			await run(
				bookParams(token, {
					payments: { payment: [{ type: 'voucher', barcode: '900000000123', amount: 20 }] },
				}),
			),
		);
		const [request] = wire('online_booking/client/appointment/add');
		expect(request.headers[TOKEN_HEADER]).toBe(token);
		expect(request.body).toEqual({
			online_booking_company_id: 9494,
			online_booking_appointments: [{ operator_id: 2222, service_id: 3334, time_start: salonDay(6, '10:00:00'), price: 45 }],
			online_booking_payments: [{ type: 'voucher', barcode: '900000000123', amount: 20 }],
		});
		const out = json(result)[0];
		expect(out).toMatchObject({ status: 'pending', payment_status: 'approved', online_booking_transaction_id: expect.any(Number) });
		expect(out).not.toHaveProperty('success');
		const [booking] = out.online_booking_appointments as Array<Record<string, unknown>>;
		expect(booking).toMatchObject({ status: 'pending', cancellable: true, online_booking_company_id: 9494 });
		expect(salon.state.appointments).toHaveLength(before + 1);
		expect(salon.state.appointments.at(-1)).toMatchObject({ operator_id: 2222, service_id: 3334, start: salonDay(6, '10:00:00'), unconfirmed: true, online_booking_client_id: 2828 });
	});

	it('buys vouchers with a stored card [wire:online_booking/client/appointment/add]', async () => {
		const token = await joeToken();
		const result = ok(
			await run({
				operation: 'buyVouchers',
				onlineBookingClientToken: token,
				onlineBookingCompanyId: '9494',
				vouchers: { voucher: [{ voucherId: '502', quantity: 1, price: 100 }] },
				payments: { payment: [{ type: 'slick', paymentMethodId: '3490', amount: 100 }] },
			}),
		);
		expect(bodies('online_booking/client/appointment/add')).toEqual([
			{
				online_booking_company_id: 9494,
				client_vouchers: [{ voucher_id: 502, price: 100, quantity: 1 }],
				online_booking_payments: [{ type: 'slick', online_booking_client_payment_id: 3490, amount: 100 }],
			},
		]);
		expect(json(result)[0]).toMatchObject({ status: 'confirmed', payment_status: 'approved', client_vouchers: [expect.objectContaining({ voucher_id: 502, balance: 100 })] });
	});

	it('surfaces a taken slot as the vendor error and books nothing [wire:online_booking/client/appointment/add]', async () => {
		const token = await joeToken();
		ok(await run(bookParams(token)));
		const count = salon.state.appointments.length;
		const result = await run(bookParams(token));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('The requested time is no longer available [APPOINTMENTSLOTUNAVAILABLE]');
		expect(result.error?.description).toMatch(/Operator: 2222/);
		expect(salon.state.appointments).toHaveLength(count);
	});

	it('never repeats a booking whose answer was lost [wire:online_booking/client/appointment/add]', async () => {
		const token = await joeToken();
		salon.emulator.inject({ when: { op: 'online_booking/client/appointment/add' }, phase: 'after', action: { type: 'status', status: 503, body: { success: false } } });
		const result = await run(bookParams(token));
		expect(result.error?.description).toMatch(/may or may not have been made/);
		expect(wire('online_booking/client/appointment/add')).toHaveLength(1);
	});

	it('cancels a booking, taking it out of the appointment book [wire:online_booking/client/appointment/cancel]', async () => {
		const token = await joeToken();
		const booked = ok(await run(bookParams(token)));
		const bookingId = (json(booked)[0].online_booking_appointments as Array<Record<string, unknown>>)[0].online_booking_appointment_id as number;
		const count = salon.state.appointments.length;
		const result = ok(await run({ operation: 'cancelBooking', onlineBookingClientToken: token, onlineBookingAppointmentId: String(bookingId) }));
		const [request] = wire('online_booking/client/appointment/cancel');
		expect(request.headers[TOKEN_HEADER]).toBe(token);
		expect(request.body).toEqual({ online_booking_appointment_id: bookingId });
		expect(json(result)).toEqual([{ online_booking_appointment_id: bookingId, deposit_refunded: false }]);
		expect(salon.state.appointments).toHaveLength(count - 1);
		const again = await run({ operation: 'cancelBooking', onlineBookingClientToken: token, onlineBookingAppointmentId: String(bookingId) });
		expect(again.error?.message).toBe('This online booking cannot be cancelled [BOOKINGNOTCANCELLABLE]');
		expect(again.error?.description).toBe('Details: cancellable_reason: cancelled');
	});
});

describe('Simple Salon online booking: the client token', () => {
	const needingToken: Array<[string, IDataObject]> = [
		['getClient', { onlineBookingClientId: '2828' }],
		['updateClient', { onlineBookingClientId: '2828', updateFields: { firstName: 'Jo' } }],
		['verify', { onlineBookingClientId: '2828', verificationType: 'mobile', verificationCode: '1234' }],
		['resendVerification', { onlineBookingClientId: '2828', verificationType: 'mobile' }],
		['sendVoucher', { voucherBy: 'id', clientVoucherId: '2769', recipientEmail: 'a@example.com', recipientName: 'A', message: 'Hi', onlineBookingCompanyId: '9494' }],
		['getManyBookings', { onlineBookingClientId: '2828', returnAll: true }],
		['book', { onlineBookingCompanyId: '9494', appointments: bookParams('').appointments }],
		['buyVouchers', { onlineBookingCompanyId: '9494', vouchers: { voucher: [{ voucherId: '501', quantity: 1, price: 50 }] }, payments: { payment: [{ type: 'slick', paymentMethodId: '3490', amount: 50 }] } }],
		['cancelBooking', { onlineBookingAppointmentId: '9191' }],
	];

	it.each(needingToken)('%s without a client token fails before any request', async (operation, parameters) => {
		const result = await run({ operation, onlineBookingClientToken: '  ', ...parameters });
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('The field "Online Booking Client Token" is empty in item 0');
		expect(salon.emulator.log).toHaveLength(0);
	});

	it('offers the token as a masked field that says it is the client\'s secret', () => {
		const resource = resources.find((r) => r.value === 'onlineBooking')!;
		for (const [operation] of needingToken) {
			const field = resource.operations.find((o) => o.value === operation)!.properties.find((p) => p.name === 'onlineBookingClientToken')!;
			expect(field.typeOptions?.password).toBe(true);
			expect(field.description).toMatch(/secret/);
		}
		const login = resource.operations.find((o) => o.value === 'logIn')!;
		expect(login.properties.find((p) => p.name === 'onlineBookingClientToken')).toBeUndefined();
		expect(login.properties.find((p) => p.name === 'loginPassword')?.typeOptions?.password).toBe(true);
	});

	it('a dead client token is the client\'s problem: no new partner login, and the token never shows in the error', async () => {
		const token = await joeToken();
		const logins = salon.state.counters.logins;
		const result = await run({ operation: 'getClient', onlineBookingClientToken: `${token}00`, onlineBookingClientId: '2828' });
		expect(result.error?.message).toBe('The Online Booking Client token is not valid or has expired; log the client in again [ONLINEBOOKINGCLIENTNOTLOGGEDIN]');
		expect(salon.state.counters.logins).toBe(logins);
		expect(wire('online_booking/client/get')).toHaveLength(1);
		expect(JSON.stringify({ m: result.error?.message, d: result.error?.description, c: result.error?.context })).not.toContain(token);
	});

	it('a token of another client is refused by the salon [wire:online_booking/client/get]', async () => {
		const token = await joeToken();
		const result = await run({ operation: 'getClient', onlineBookingClientToken: token, onlineBookingClientId: '2829' });
		expect(result.error?.message).toBe('The X-Online-Booking-Client-Token header is not for online booking client 2829 [ONLINEBOOKINGCLIENTMISMATCH]');
	});
});

describe('Simple Salon online booking: bad input stops before any request', () => {
	it.each<[string, IDataObject, RegExp]>([
		['an email login without email', { operation: 'logIn', loginProvider: 'email', email: ' ', loginPassword: 'x' }, /"Email" is empty/],
		['a login without password', { operation: 'logIn', loginProvider: 'google', loginPassword: '' }, /"Password or Provider Token" is empty/],
		['a Facebook registration without Facebook ID', { operation: 'addClient', loginProvider: 'facebook', loginPassword: 't', loginProviderId: '' }, /"Login Provider ID" is empty/],
		['a bad country code', { operation: 'addClient', loginProvider: 'email', email: 'a@example.com', loginPassword: 'p', additionalFields: { countryCode: 'AUS' } }, /"Country Code" has an invalid value "AUS"/],
		['an update without fields', { operation: 'updateClient', onlineBookingClientToken: 't', onlineBookingClientId: '2828', updateFields: {} }, /"Update Fields" is empty/],
		['a code that is not digits', { operation: 'verify', onlineBookingClientToken: 't', onlineBookingClientId: '2828', verificationType: 'mobile', verificationCode: '12a4' }, /"Verification Code" has an invalid value "12a4"/],
		['a booking without appointments', { operation: 'book', onlineBookingClientToken: 't', onlineBookingCompanyId: '9494', appointments: {} }, /"Appointments" is empty/],
		['a booking with a bad start', { ...bookParams('t'), appointments: { appointment: [{ operatorId: '2222', serviceId: '3334', timeStart: 'tomorrow', price: 45 }] } }, /"Appointments 1 → Start Time" has an invalid date "tomorrow"/],
		['two stored card payments', { ...bookParams('t'), payments: { payment: [{ type: 'slick', paymentMethodId: '3490', amount: 10 }, { type: 'slick', paymentMethodId: '3491', amount: 10 }] } }, /more than one stored card/],
		['vouchers without payment', { operation: 'buyVouchers', onlineBookingClientToken: 't', onlineBookingCompanyId: '9494', vouchers: { voucher: [{ voucherId: '501', quantity: 1, price: 50 }] } }, /"Payments" is empty/],
		['a voucher send to a bad email', { operation: 'sendVoucher', onlineBookingClientToken: 't', voucherBy: 'id', clientVoucherId: '2769', recipientEmail: 'mum', recipientName: 'M', message: 'x', onlineBookingCompanyId: '9494' }, /"Recipient Email" has an invalid value "mum"/],
		['a booking ID that is not a number', { operation: 'cancelBooking', onlineBookingClientToken: 't', onlineBookingAppointmentId: 'abc' }, /"Online Booking ID" has an invalid value "abc"/],
	])('%s', async (_label, parameters, message) => {
		const result = await run(parameters);
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).toMatch(/in item 0$/);
		expect(salon.emulator.log).toHaveLength(0);
	});
});
