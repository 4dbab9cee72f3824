import { createSimpleSalonEmulator, type SimpleSalonEmulator } from '../index';
import { issueOnlineBookingClientToken } from './onlineBookingClientTokens';
import { queuedVouchers } from './vouchers';

/* The membership, package, product and voucher areas on the raw wire: strictness, documented quirks, reset. */

interface Reply {
	status: number;
	body: Record<string, unknown> & { success?: boolean; error?: { code: string; message: string; details: string[] } };
}

describe('Simple Salon emulator: memberships, packages, client products and vouchers', () => {
	let salon: SimpleSalonEmulator;
	let session: { token: string; apiUrl: string };

	async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
		const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'emulator-test/1.0', ...headers }, body: JSON.stringify(body) });
		return { status: response.status, body: (await response.json()) as Reply['body'] };
	}
	const call = async (method: string, body: unknown, headers: Record<string, string> = {}) =>
		await post(`${session.apiUrl}/v1/${method}`, body, { authorization: `Bearer ${session.token}`, ...headers });
	const refused = (reply: Reply) => ({ success: reply.body.success, code: reply.body.error?.code, message: reply.body.error?.message });

	beforeEach(async () => {
		salon = createSimpleSalonEmulator();
		const base = await salon.emulator.start();
		const login = await post(
			`${base}/v1/login`,
			{ username: 'api.user', password: 'Salon!2024', company_id: 12345 },
			{ 'x-partner-token': salon.state.partnerToken, 'x-company-token': salon.companyToken() },
		);
		session = { token: String(login.body.token), apiUrl: String(login.body.api_url) };
	});
	afterEach(async () => await salon.emulator.stop());

	it('refuses fields a model does not have, and changes to fields that cannot change', async () => {
		expect(refused(await call('client_package/update', { client_package: { client_package_id: 2669, colour: 'red' } }))).toEqual({
			success: false,
			code: 'INVALIDPARAMETER',
			message: 'Unknown parameter: client_package.colour',
		});
		expect(refused(await call('client_product/update', { client_product: { client_product_id: 3716, client_id: 1112 } }))).toEqual({
			success: false,
			code: 'FIELDUPDATENOTALLOWED',
			message: 'client_product.client_id cannot be changed',
		});
		expect(refused(await call('package/add', { package: { package_id: 5, name: 'X' } }))).toMatchObject({ code: 'FIELDUPDATENOTALLOWED' });
		expect(refused(await call('client_membership/list', {}))).toEqual({ success: false, code: 'MISSINGPARAMETER', message: 'filters is required' });
		expect(refused(await call('client_voucher/get', { client_voucher_id: 2769, expanded_fields: [{ expanded_field: 'voucher' }] }))).toEqual({
			success: false,
			code: 'INVALIDPARAMETER',
			message: 'Cannot expand voucher; available: discounts',
		});
		// A child location edits only its own price and loyalty points.
		expect(refused(await call('package/update', { package: { package_id: 999501, name: 'Renamed' } }))).toEqual({
			success: false,
			code: 'FIELDUPDATENOTALLOWED',
			message: 'package.name can only be changed on the Dome package',
		});
	});

	it('allows all rows (-1) only where the docs say so', async () => {
		expect((await call('membership/list', { filters: {}, options: { rows_per_page: -1 } })).body).toMatchObject({ success: true, rows_per_page: -1 });
		expect((await call('package/list', { filters: {}, options: { rows_per_page: -1 } })).body.packages).toHaveLength(4);
		for (const method of ['client_membership/list', 'client_package/list', 'client_product/list', 'client_voucher/list']) {
			expect(refused(await call(method, { filters: {}, options: { rows_per_page: -1 } }))).toMatchObject({ code: 'INVALIDPARAMETER' });
		}
	});

	it("wants the online booking client's own token with the online_booking_client_id filter", async () => {
		const filters = { online_booking_client_id: 2828, company_id: 12345 };
		expect(refused(await call('client_package/list', { filters }))).toMatchObject({ code: 'MISSINGHEADER' });
		expect(refused(await call('client_voucher/list', { filters: { online_booking_client_id: 2828 } }, { 'x-online-booking-client-token': 'x' }))).toMatchObject({
			code: 'MISSINGPARAMETER',
			message: 'filters.company_id is required with filters.online_booking_client_id',
		});
		const other = issueOnlineBookingClientToken(salon.state, 2829, Date.now());
		expect(refused(await call('client_product/list', { filters }, { 'x-online-booking-client-token': other }))).toMatchObject({ code: 'ONLINEBOOKINGCLIENTMISMATCH' });
		const token = issueOnlineBookingClientToken(salon.state, 2828, Date.now());
		const vouchers = await call('client_voucher/list', { filters }, { 'x-online-booking-client-token': token });
		expect((vouchers.body.client_vouchers as Array<{ client_id: number }>).map((v) => v.client_id)).toEqual([1111]);
		const grouped = await call(
			'client_membership/item/list',
			{ filters, options: { expanded_fields_grouped: [{ expanded_field: 'companies' }] } },
			{ 'x-online-booking-client-token': token },
		);
		expect(grouped.body).toMatchObject({ success: true, client_membership_items: [], companies: [] });
	});

	it('reads the membership ID of a sharing update under either spelling the docs use', async () => {
		expect((await call('membership/sharing/update', { voucher_id: 4648, company_ids: [12346], share: true })).body).toEqual({ success: true });
		const at = await call('membership/list', { filters: { company_id: 12346 } });
		expect((at.body.memberships as Array<{ dome_membership_id: number }>).map((m) => m.dome_membership_id)).toEqual([4647, 4648]);
		expect(refused(await call('membership/sharing/update', { company_ids: [12346], share: true }))).toMatchObject({ code: 'MISSINGPARAMETER' });
	});

	it('clears the expiry of a client package with "", which vouchers do not document', async () => {
		expect((await call('client_package/update', { client_package: { client_package_id: 2670, expiry_date: '' } })).body.client_package).not.toHaveProperty('expiry_date');
		expect(refused(await call('client_voucher/update', { client_voucher: { client_voucher_id: 2770, expiry_date: '' } }))).toMatchObject({
			code: 'INVALIDPARAMETER',
			message: 'client_voucher.expiry_date is not a valid date (see Dates)',
		});
	});

	it('queues a voucher message on every send, and reset brings every seed back', async () => {
		await call('client_voucher/send', { client_voucher_id: 2769 });
		await call('client_voucher/send', { client_voucher_id: 2769 });
		expect(queuedVouchers(salon.state)).toHaveLength(2);
		await call('client_package/delete', { client_package_id: 2669 });
		await call('package/sharing/update', { package_id: 9995, company_ids: [12346], share: false });
		salon.emulator.reset();
		const login = await post(
			`${salon.emulator.url}/v1/login`,
			{ username: 'api.user', password: 'Salon!2024', company_id: 12345 },
			{ 'x-partner-token': salon.state.partnerToken, 'x-company-token': salon.companyToken() },
		);
		session = { token: String(login.body.token), apiUrl: String(login.body.api_url) };
		expect(queuedVouchers(salon.state)).toHaveLength(0);
		expect((await call('client_package/get', { client_package_id: 2669 })).body.success).toBe(true);
		expect((await call('package/get', { package_id: 999501 })).body).toMatchObject({ success: true, package: { price: 330 } });
	});
});
