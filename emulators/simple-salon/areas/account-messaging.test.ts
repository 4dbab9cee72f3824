import { createSimpleSalonEmulator, type SimpleSalonEmulator } from '../index';
import { smsLedger } from './billing';
import { smsSize } from './messaging';

/* Raw-HTTP checks of the account, messaging and accounting areas: refusals the node never provokes on purpose. */

interface Reply {
	status: number;
	body: Record<string, unknown> & { success?: boolean; error?: { code: string; message: string; details: string[] } };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}, method = 'POST'): Promise<Reply> {
	const response = await fetch(url, {
		method,
		headers: { 'content-type': 'application/json', 'user-agent': 'emulator-test/1.0', ...headers },
		body: method === 'GET' ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as Reply['body']) : {} };
}

const ACCOUNT_METHODS = [
	'account/billing/invoice/get',
	'account/billing/invoice/list',
	'account/billing/item/add',
	'account/billing/item/update',
	'account/billing/item/delete',
	'account/billing/item/get',
	'account/billing/item/list',
	'account/billing/link/get',
	'account/billing/product/list',
	'account/billing/refresh',
	'account/billing/source/list',
	'account/sms/balance',
	'account/sms/purchase',
	'account/sms/quote',
	'account/sms/transfer',
];

describe('SMS size', () => {
	it('counts like the docs: 160 / 70 characters in one SMS, 153 / 67 per part of a combined one, up to 612 / 268', () => {
		expect(smsSize('a'.repeat(160))).toMatchObject({ credits: 1, remaining: 0, tooLong: false });
		expect(smsSize('a'.repeat(161))).toMatchObject({ credits: 2, remaining: 145 });
		expect(smsSize('€'.repeat(80))).toMatchObject({ gsm: 160, unicode: 0, credits: 1 });
		expect(smsSize(`${'a'.repeat(69)}😄`)).toMatchObject({ unicode: 2, used: 71, credits: 2, characters: 70 });
		expect(smsSize('a'.repeat(612))).toMatchObject({ credits: 4, remaining: 0, tooLong: false });
		expect(smsSize('a'.repeat(613))).toMatchObject({ credits: 4, tooLong: true, message: 'a'.repeat(612) });
	});
});

describe('Simple Salon account, messaging and accounting areas', () => {
	let salon: SimpleSalonEmulator;
	let base: string;

	async function login(username = 'api.user', password = 'Salon!2024') {
		const reply = await post(`${base}/v1/login`, { username, password, company_id: 12345 }, { 'x-partner-token': salon.state.partnerToken, 'x-company-token': salon.companyToken() });
		expect(reply.body.success).toBe(true);
		return { token: String(reply.body.token), apiUrl: String(reply.body.api_url) };
	}
	const call = async (method: string, body: unknown, session: { token: string; apiUrl: string }) =>
		await post(`${session.apiUrl}/v1/${method}`, body, { authorization: `Bearer ${session.token}` });

	beforeEach(async () => {
		salon = createSimpleSalonEmulator({ seedCount: 40 });
		base = await salon.emulator.start();
	});
	afterEach(async () => await salon.emulator.stop());

	it('refuses every account method to a user who is not an Administrator', async () => {
		const staff = await login('ashley', 'ash-pass-1');
		for (const method of ACCOUNT_METHODS) {
			const reply = await call(method, {}, staff);
			expect([method, reply.body.error?.code]).toEqual([method, 'PERMISSIONDENIED']);
		}
	});

	it('takes a signup with the partner token on either host, and refuses one without it', async () => {
		const body = { billing_items: [{ type: 'plan', value: 'starter', quantity: 1 }], verification_token: 'one' };
		const onLogin = await post(`${base}/v1/account/billing/signup`, body, { 'x-partner-token': salon.state.partnerToken });
		expect(onLogin.body).toMatchObject({ success: true, configuration_required: true });
		const onApi = await post(`${base}/api1/v1/account/billing/signup`, { ...body, verification_token: 'two' }, { 'x-partner-token': salon.state.partnerToken });
		expect(onApi.body.success).toBe(true);
		expect((await post(`${base}/v1/account/billing/signup`, { ...body, verification_token: 'three' })).body.error?.code).toBe('MISSINGHEADER');
		expect((await post(`${base}/v1/account/billing/signup`, { ...body, verification_token: 'four' }, { 'x-partner-token': 'nope' })).body.error?.code).toBe('INVALIDPARTNERTOKEN');
		const dome = await post(`${base}/api1/v1/account/billing/signup`, { ...body, verification_token: 'five', dome_company_id: 12300 }, { 'x-partner-token': salon.state.partnerToken });
		expect(dome).toMatchObject({ status: 401, body: { error: { code: 'TOKENMISSING' } } });
		expect((await post(`${base}/v1/account/billing/signup`, {}, {}, 'GET')).status).toBe(405);
	});

	it('is strict about fields, paging and the one-of parameters', async () => {
		const s = await login();
		expect((await call('account/billing/item/add', { billing_item: { type: 'adla', colour: 'red' } }, s)).body.error).toMatchObject({ code: 'INVALIDPARAMETER', details: ['billing_item.colour'] });
		expect((await call('account/billing/source/list', { filters: {}, options: { rows_per_page: 5 } }, s)).body.error?.details).toEqual(['options']);
		expect((await call('account/billing/invoice/list', { filters: {}, options: { rows_per_page: -1 } }, s)).body.error?.details).toEqual(['options.rows_per_page']);
		expect((await call('account/billing/product/list', { filters: { type: 'plan' } }, s)).body.error?.code).toBe('MISSINGPARAMETER');
		expect((await call('account/sms/transfer', { destination_company_id: 12346 }, s)).body.error?.code).toBe('MISSINGPARAMETER');
		expect((await call('send/push', { operator_id: 2222, role_id: -2, category: 'client_arrived', title: 'T', message: 'M' }, s)).body.error?.code).toBe('INVALIDPARAMETER');
		expect((await call('send/template', { template_type: 'booking_confirmation' }, s)).body.error?.details).toEqual(['appointment_id']);
		expect((await call('campaign/recipient/message/list', { filters: {} }, s)).body.error?.details).toEqual(['filters.date_created_min']);
		expect((await call('third_party/accounting/contact/list', { filters: { company_id: 12346 } }, s)).body.error?.code).toBe('THIRDPARTYNOTLINKED');
		expect((await call('third_party/accounting/invoice/add', { session_id: 647515515 }, s)).body.error?.code).toBe('SESSIONNOTCLOSED');
	});

	it('refuses SMS that are too long, need combined SMS where they are off, or exceed the balance', async () => {
		const s = await login();
		expect((await call('send/sms', { client_id: 1112, message: 'a'.repeat(613) }, s)).body.error?.code).toBe('SMSTOOLONG');
		const account = smsLedger(salon.state).accounts.get(12345)!;
		account.settings.allow_multiple_sms = '0';
		expect((await call('send/sms', { client_id: 1112, message: 'a'.repeat(200) }, s)).body.error?.code).toBe('SMSMULTIPLEDISABLED');
		account.settings.allow_multiple_sms = '1';
		account.free_credits = 0;
		account.funds = 0.9;
		expect((await call('send/sms', { client_id: 1112, message: 'a'.repeat(200) }, s)).body.error?.code).toBe('INSUFFICIENTSMSBALANCE');
		expect((await call('send/sms', { client_id: 1112, message: 'Hello' }, s)).body.success).toBe(true);
		expect(account.funds).toBe(0.4);
		expect((await call('send/sms', { client_id: 1114, message: 'Hello' }, s)).body.error?.code).toBe('CLIENTNOMOBILE');
	});
});
