import { createSimpleSalonEmulator, type SimpleSalonEmulator } from '../../../emulators/simple-salon';
import { billingRecords, smsLedger } from '../../../emulators/simple-salon/areas/billing';
import { SimpleSalonApi } from '../../../credentials/SimpleSalonApi.credentials';
import { SimpleSalon } from '../../../nodes/SimpleSalon/SimpleSalon.node';
import { CredentialStore, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

/*
 * The account resources (Billing, SMS Credit) and Accounting, through the node against the emulator: the request on
 * the wire, the output items, refusals before any request, and the vendor's refusals surfacing as errors.
 */

let salon: SimpleSalonEmulator;
let store: CredentialStore;
let credential: StoredCredential;

const setup = (parameters: NodeSetup['parameters']): NodeSetup => ({
	node: new SimpleSalon(),
	credentialTypes: [new SimpleSalonApi()],
	store,
	credential,
	parameters,
	continueOnFail: false,
});

const run = async (parameters: NodeSetup['parameters']) => await runNode(setup(parameters));
const ops = () => salon.emulator.log.map((r) => r.op);
const bodies = (op: string) => salon.emulator.requests(op).map((r) => r.body as Record<string, unknown>);
const jsons = (result: { items: Array<{ json: Record<string, unknown> }> }) => result.items.map((i) => i.json);
/** What a CAPTCHA widget would hand the signup form (a test value). */
const captchaResponse = 'captcha-response-123';
const companySms = () => smsLedger(salon.state).accounts.get(12345)!;
const failAfter = (op: string) =>
	salon.emulator.inject({
		when: { op },
		phase: 'after',
		action: { type: 'status', status: 503, body: { success: false, error: { code: 'UNAVAILABLE', message: 'Service temporarily unavailable', details: [] } } },
	});

beforeEach(async () => {
	salon = createSimpleSalonEmulator();
	await salon.emulator.start();
	store = new CredentialStore();
	credential = store.add('simpleSalonApi', { ...salon.credentialData(), sessionToken: '', sessionApiUrl: '', sessionExpiry: '', sessionBinding: '' });
});
afterEach(async () => await salon.emulator.stop());

describe('Simple Salon billing', () => {
	it('gets an invoice with a timed download link [wire:account/billing/invoice/get]', async () => {
		const result = await run({ resource: 'billing', operation: 'getInvoice', billing_invoice_id: '882277', options: { generate_link: true } });
		expect(result.error).toBeUndefined();
		expect(bodies('account/billing/invoice/get')).toEqual([{ billing_invoice_id: 882277 }].map((b) => ({ ...b, generate_link: true })));
		expect(jsons(result)).toEqual([
			expect.objectContaining({ billing_invoice_id: 882277, invoice_id: '1234567Y-0007', type: 'inclusion', external_link: expect.stringMatching(/^https:\/\/pay\.stripe\.com\//) }),
		]);
	});

	it('lists invoices in a date range, newest first, with a limit [wire:account/billing/invoice/list]', async () => {
		const result = await run({
			resource: 'billing',
			operation: 'getManyInvoices',
			limit: 5,
			filters: { date_min: '2025-02-01T00:00:00', date_max: '2025-03-01T00:00:00', status: 'success' },
		});
		expect(result.error).toBeUndefined();
		expect(bodies('account/billing/invoice/list')).toEqual([
			{ filters: { date_min: '2025-02-01T00:00:00', date_max: '2025-03-01T00:00:00', status: 'success' }, options: { page_number: 1, rows_per_page: 5 } },
		]);
		expect(jsons(result).map((i) => i.billing_invoice_id)).toEqual([882275, 882274]);
	});

	it('adds a subscription item and the subscription is refreshed straight away [wire:account/billing/item/add]', async () => {
		const result = await run({ resource: 'billing', operation: 'addItem', itemType: 'adla', skipBillingRefresh: false, additionalFields: { quantity: 2 } });
		expect(result.error).toBeUndefined();
		expect(bodies('account/billing/item/add')).toEqual([{ billing_item: { type: 'adla', quantity: 2 } }]);
		expect(jsons(result)).toEqual([
			{ billing_item_id: 3425426, company_id: 12345, type: 'adla', value: '', quantity: 2, bill_at_dome: false, included_in_plan: false, billing_active: true },
		]);
	});

	it('refuses an item whose subscription refresh fails, but keeps it pending with Skip Subscription Refresh', async () => {
		const params = { resource: 'billing', operation: 'addItem', itemType: 'adla', additionalFields: { company_id: '12346' } };
		const refused = await run({ ...params, skipBillingRefresh: false });
		expect(refused.error?.message).toMatch(/^The subscription of company 12346 could not be updated: it has no billing source.* \[BILLINGREFRESHFAILED\]$/);
		expect(billingRecords(salon.state).items.filter((i) => i.company_id === 12346)).toHaveLength(1);

		const kept = await run({ ...params, skipBillingRefresh: true });
		expect(kept.error).toBeUndefined();
		expect(bodies('account/billing/item/add')[1]).toEqual({ billing_item: { type: 'adla', company_id: 12346 }, skip_billing_refresh: true });
		expect(jsons(kept)[0]).toMatchObject({ company_id: 12346, type: 'adla', billing_active: false });
	});

	it('checks a plan has its product code before sending anything', async () => {
		const result = await run({ resource: 'billing', operation: 'addItem', itemType: 'plan', skipBillingRefresh: false });
		expect(result.error?.message).toBe('The field "Value" is empty in item 0');
		expect(ops()).toEqual([]);
	});

	it("updates the company's plan found by type, and an item by ID sending only what was set [wire:account/billing/item/update]", async () => {
		const byType = await run({ resource: 'billing', operation: 'updateItem', findItemBy: 'type', itemKind: 'plan', skipBillingRefresh: false, updateFields: { value: 'pro' } });
		expect(byType.error).toBeUndefined();
		expect(jsons(byType)).toEqual([expect.objectContaining({ billing_item_id: 3425423, type: 'plan', value: 'pro', billing_active: true })]);

		const byId = await run({ resource: 'billing', operation: 'updateItem', findItemBy: 'id', billing_item_id: '3425424', skipBillingRefresh: true, updateFields: { quantity: 2 } });
		expect(byId.error).toBeUndefined();
		expect(bodies('account/billing/item/update')).toEqual([
			{ billing_item: { type: 'plan', value: 'pro' } },
			{ billing_item: { billing_item_id: 3425424, quantity: 2 }, skip_billing_refresh: true },
		]);
		expect(jsons(byId)[0]).toMatchObject({ billing_item_id: 3425424, quantity: 2, billing_active: false });

		salon.emulator.clearLog();
		const nothing = await run({ resource: 'billing', operation: 'updateItem', findItemBy: 'id', billing_item_id: '3425424', updateFields: {} });
		expect(nothing.error?.message).toBe('The field "Update Fields" is empty in item 0');
		expect(ops()).toEqual([]);
	});

	it('deletes an add-on [wire:account/billing/item/delete]', async () => {
		const result = await run({ resource: 'billing', operation: 'deleteItem', billing_item_id: '3425424', skipBillingRefresh: false });
		expect(result.error).toBeUndefined();
		expect(bodies('account/billing/item/delete')).toEqual([{ billing_item_id: 3425424 }]);
		expect(jsons(result)).toEqual([{ deleted: true, billing_item_id: 3425424 }]);
		expect(billingRecords(salon.state).items.map((i) => i.billing_item_id)).not.toContain(3425424);

		const plan = await run({ resource: 'billing', operation: 'deleteItem', billing_item_id: '3425423' });
		expect(plan.error?.message).toBe('The plan cannot be deleted: change it with billing item update [INVALIDPARAMETER]');
	});

	it('gets an item with its billing product expanded [wire:account/billing/item/get]', async () => {
		const result = await run({ resource: 'billing', operation: 'getItem', billing_item_id: '3425423', expandedFields: ['billing_product'] });
		expect(bodies('account/billing/item/get')).toEqual([{ billing_item_id: 3425423, expanded_fields: [{ expanded_field: 'billing_product' }] }]);
		expect(jsons(result)[0]).toMatchObject({ type: 'plan', value: 'starter', billing_product: { name: 'Starter', price: 49, currency_code: 'AUD', credit_price: 0.5 } });
	});

	it('lists the items billed to the Dome [wire:account/billing/item/list]', async () => {
		const result = await run({ resource: 'billing', operation: 'getManyItems', returnAll: true, filters: { billed_to_company_id: '12300' }, expandedFields: ['billing_product'] });
		expect(result.error).toBeUndefined();
		expect(bodies('account/billing/item/list')).toEqual([
			{ filters: { billed_to_company_id: 12300 }, options: { expanded_fields: [{ expanded_field: 'billing_product' }], page_number: 1, rows_per_page: 100 } },
		]);
		expect(jsons(result)).toEqual([expect.objectContaining({ billing_item_id: 3425425, company_id: 12346, bill_at_dome: true, billing_product: expect.objectContaining({ name: 'Plus' }) })]);
	});

	it('gets the billing portal link for the logged-in company by default [wire:account/billing/link/get]', async () => {
		const result = await run({ resource: 'billing', operation: 'getPortalLink', options: { return_url: 'https://example.com/done' } });
		expect(bodies('account/billing/link/get')).toEqual([{ company_id: 12345, return_url: 'https://example.com/done' }]);
		expect(jsons(result)).toEqual([{ url: expect.stringMatching(/^https:\/\/billing\.simplesalon\.com\/session\/\S+return_url=https%3A%2F%2Fexample\.com%2Fdone$/) }]);
	});

	it('lists plans for the company, or add-ons for a country [wire:account/billing/product/list]', async () => {
		const plans = await run({ resource: 'billing', operation: 'getManyProducts', returnAll: true });
		expect(jsons(plans).map((p) => [p.product_code, p.price, p.currency_code])).toEqual([
			['starter', 49, 'AUD'],
			['plus', 79, 'AUD'],
			['pro', 119, 'AUD'],
		]);
		const addOns = await run({ resource: 'billing', operation: 'getManyProducts', limit: 10, filters: { country_id: '2', type: 'adla' } });
		expect(bodies('account/billing/product/list')).toEqual([
			{ filters: { company_id: 12345 }, options: { page_number: 1, rows_per_page: 100 } },
			{ filters: { country_id: 2, type: 'adla' }, options: { page_number: 1, rows_per_page: 10 } },
		]);
		expect(jsons(addOns)).toEqual([{ currency_code: 'NZD', name: 'ADLA Add-On', per_operator: false, price: 29, product_code: 'adla', type: 'adla' }]);
	});

	it('refreshes a subscription once, never repeating it after a failure that may have charged [wire:account/billing/refresh]', async () => {
		const ok = await run({ resource: 'billing', operation: 'refresh' });
		expect(jsons(ok)).toEqual([{ refreshed: true }]);
		expect(bodies('account/billing/refresh')).toEqual([{ company_id: 12345 }]);

		salon.emulator.clearLog();
		failAfter('account/billing/refresh');
		const broken = await run({ resource: 'billing', operation: 'refresh', options: { company_id: '12346' } });
		expect(broken.error?.message).toBe('Service temporarily unavailable [UNAVAILABLE]');
		expect(broken.error?.description).toMatch(/may or may not have been made/);
		expect(ops()).toEqual(['account/billing/refresh']);
	});

	it('lists payment sources without paging [wire:account/billing/source/list]', async () => {
		const result = await run({ resource: 'billing', operation: 'getManySources', filters: { type: 'credit_card' } });
		expect(bodies('account/billing/source/list')).toEqual([{ filters: { type: 'credit_card' } }]);
		expect(jsons(result)).toEqual([{ account_number: 'xxxx4242', account_type: 'visa', company_id: 12345, external_id: 'card_1LjuCyBciFSC279T3522yyZW', type: 'credit_card' }]);
	});

	it('signs up a company with the partner token only: no login, no Authorization header [wire:account/billing/signup]', async () => {
		const params = {
			resource: 'billing',
			operation: 'signUp',
			billingItems: { item: [{ type: 'plan', value: 'plus', quantity: 1 }, { type: 'adla', value: '', quantity: 1 }] },
			verificationToken: captchaResponse,
			additionalFields: { email: 'owner@newsalon.example', success_url: 'https://example.com/welcome' },
		};
		const result = await run(params);
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['account/billing/signup']);
		const [request] = salon.emulator.log;
		expect(request.path).toBe('/v1/account/billing/signup');
		expect(request.headers.authorization).toBeUndefined();
		expect(request.headers['x-partner-token']).toBe(salon.state.partnerToken);
		expect(request.body).toEqual({
			billing_items: [
				{ type: 'plan', quantity: 1, value: 'plus' },
				{ type: 'adla', quantity: 1 },
			],
			verification_token: captchaResponse,
			email: 'owner@newsalon.example',
			success_url: 'https://example.com/welcome',
		});
		expect(jsons(result)).toEqual([{ configuration_required: true, url: expect.stringMatching(/^https:\/\/checkout\.stripe\.com\/c\/pay\//) }]);

		const again = await run(params);
		expect(again.error?.message).toBe('The CAPTCHA verification token has already been used or has expired [VERIFICATIONFAILED]');
		expect(JSON.stringify({ m: again.error?.message, d: again.error?.description })).not.toContain(salon.state.partnerToken);
		expect(ops()).toEqual(['account/billing/signup', 'account/billing/signup']);
	});

	it('signs up a Dome location as the logged-in user, with the Bearer token on the api_url', async () => {
		const result = await run({
			resource: 'billing',
			operation: 'signUp',
			billingItems: { item: [{ type: 'plan', value: 'starter', quantity: 1 }] },
			verificationToken: `${captchaResponse}-dome`,
			additionalFields: { dome_company_id: '12300' },
		});
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['login', 'account/billing/signup']);
		const request = salon.emulator.requests('account/billing/signup')[0];
		expect(request.path).toBe('/api1/v1/account/billing/signup');
		expect(request.headers.authorization).toBe(`Bearer ${String(credential.data.sessionToken)}`);
		expect(request.body).toEqual({ billing_items: [{ type: 'plan', quantity: 1, value: 'starter' }], verification_token: `${captchaResponse}-dome`, dome_company_id: 12300 });
	});

	it("surfaces the vendor's refusal when the user is not an Administrator", async () => {
		credential.data.username = 'ashley';
		credential.data.password = 'ash-pass-1';
		const result = await run({ resource: 'billing', operation: 'getManyInvoices', limit: 5 });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('You do not have permission to access account functions: an Administrator is required [PERMISSIONDENIED]');
		expect(ops()).toEqual(['login', 'account/billing/invoice/list']);
	});
});

describe('Simple Salon SMS credit', () => {
	it('gets the SMS balance with its settings [wire:account/sms/balance]', async () => {
		const result = await run({ resource: 'smsCredit', operation: 'getBalance' });
		// an empty JSON object: n8n sends no body at all, which the API takes as {}
		expect(salon.emulator.requests('account/sms/balance').map((r) => r.rawBody)).toEqual([expect.stringMatching(/^(\{\})?$/)]);
		expect(jsons(result)[0]).toMatchObject({ company_id: 12345, funds: 20.48, free_credits: 14, credit_price: 0.5, currency_code: 'AUD' });
		expect(jsons(result)[0].settings).toContainEqual({ name: 'allow_multiple_sms', value: '1' });
	});

	it('quotes a top-up with the processing fee, refusing a bad amount before any request [wire:account/sms/quote]', async () => {
		const result = await run({ resource: 'smsCredit', operation: 'quote', amount: 50 });
		expect(bodies('account/sms/quote')).toEqual([{ amount: 50 }]);
		expect(jsons(result)).toEqual([expect.objectContaining({ amount: 50, total_amount: 55, billing_source: expect.objectContaining({ external_id: 'card_1LjuCyBciFSC279T3522yyZW' }) })]);

		salon.emulator.clearLog();
		const bad = await run({ resource: 'smsCredit', operation: 'quote', amount: 0 });
		expect(bad.error?.message).toBe('The field "Amount" has an invalid value "0" in item 0');
		expect(ops()).toEqual([]);
	});

	it('buys credit from a chosen payment source and the balance grows [wire:account/sms/purchase]', async () => {
		const result = await run({ resource: 'smsCredit', operation: 'purchase', amount: 25.5, additionalFields: { billing_source_external_id: 'pm_1Mx9DdBciFSC279TbEc01KqZ' } });
		expect(result.error).toBeUndefined();
		expect(bodies('account/sms/purchase')).toEqual([{ amount: 25.5, billing_source_external_id: 'pm_1Mx9DdBciFSC279TbEc01KqZ' }]);
		expect(jsons(result)).toEqual([
			{ balance: expect.objectContaining({ funds: 45.98, free_credits: 14 }), billing_transaction_id: 56489, sms_transaction_id: 978110 },
		]);
		expect(billingRecords(salon.state).invoices.at(-1)).toMatchObject({ amount: 25.5, total_amount: 25.5, type: 'smstopup_manual' });
	});

	it('never repeats a purchase that may have been charged', async () => {
		await run({ resource: 'smsCredit', operation: 'getBalance' });
		salon.emulator.clearLog();
		failAfter('account/sms/purchase');
		const result = await run({ resource: 'smsCredit', operation: 'purchase', amount: 50 });
		expect(result.error?.message).toBe('Service temporarily unavailable [UNAVAILABLE]');
		expect(result.error?.description).toMatch(/may or may not have been made/);
		expect(ops()).toEqual(['account/sms/purchase']);
		expect(companySms().funds).toBe(70.48);
	});

	it('transfers funds and free credits to another location [wire:account/sms/transfer]', async () => {
		const result = await run({ resource: 'smsCredit', operation: 'transfer', destination_company_id: '12346', additionalFields: { funds: 10, free_credits: 4 } });
		expect(result.error).toBeUndefined();
		expect(bodies('account/sms/transfer')).toEqual([{ destination_company_id: 12346, funds: 10, free_credits: 4 }]);
		const [json] = jsons(result);
		expect(json.balance).toEqual(expect.objectContaining({ company_id: 12345, funds: 10.48, free_credits: 10 }));
		expect(json.destination_balance).toEqual(expect.objectContaining({ company_id: 12346, funds: 10, free_credits: 4 }));
		expect(json.balance).not.toHaveProperty('settings');

		salon.emulator.clearLog();
		const nothing = await run({ resource: 'smsCredit', operation: 'transfer', destination_company_id: '12346', additionalFields: {} });
		expect(nothing.error?.message).toBe('Nothing to transfer in item 0');
		const tooMuch = await run({ resource: 'smsCredit', operation: 'transfer', destination_company_id: '12346', additionalFields: { funds: 500 } });
		expect(tooMuch.error?.message).toBe('Company 12345 has only $10.48 of SMS funds [INSUFFICIENTSMSBALANCE]');
		expect(ops()).toEqual(['account/sms/transfer']);
	});
});

describe('Simple Salon accounting', () => {
	it('lists accounts in one request with where each is used [wire:third_party/accounting/account/list]', async () => {
		const result = await run({ resource: 'accounting', operation: 'getManyAccounts', filters: { types: 'sales, assets' }, expandedFields: ['in_use_by'] });
		expect(result.error).toBeUndefined();
		expect(bodies('third_party/accounting/account/list')).toEqual([
			{ filters: { types: ['sales', 'assets'] }, options: { expanded_fields_grouped: [{ expanded_field: 'in_use_by' }] } },
		]);
		expect(jsons(result).map((a) => [a.code, a.type])).toEqual([
			['090', 'assets'],
			['200', 'sales'],
			['260', 'sales'],
			['610', 'assets'],
		]);
		expect(jsons(result)[0].in_use_by).toEqual(['Payment Type: Cash']);
	});

	it('gets an account by its GUID [wire:third_party/accounting/account/get]', async () => {
		const result = await run({ resource: 'accounting', operation: 'getAccount', account_id: '11111111-2222-3333-4444-555555555555', options: { gateway: 'xero' } });
		expect(bodies('third_party/accounting/account/get')).toEqual([{ account_id: '11111111-2222-3333-4444-555555555555', gateway: 'xero' }]);
		expect(jsons(result)).toEqual([{ account_id: '11111111-2222-3333-4444-555555555555', code: '200', name: 'Sales', third_party_type: 'REVENUE', type: 'sales' }]);

		const notLinked = await run({ resource: 'accounting', operation: 'getAccount', account_id: '11111111-2222-3333-4444-555555555555', options: { gateway: 'myob' } });
		expect(notLinked.error?.message).toMatch(/^Company 12345 is not linked to myob.*\[THIRDPARTYNOTLINKED\]$/);
	});

	it('lists contacts without paging [wire:third_party/accounting/contact/list]', async () => {
		const result = await run({ resource: 'accounting', operation: 'getManyContacts' });
		expect(bodies('third_party/accounting/contact/list')).toEqual([{ filters: {} }]);
		expect(jsons(result).map((c) => c.name)).toEqual(['Office Supplies Shop', 'Cash Sales', 'Beauty Wholesale Co', 'Salon Towel Service']);
	});

	it('gets a contact [wire:third_party/accounting/contact/get]', async () => {
		const result = await run({ resource: 'accounting', operation: 'getContact', contact_id: '11111111-2222-3333-4444-666666666666' });
		expect(bodies('third_party/accounting/contact/get')).toEqual([{ contact_id: '11111111-2222-3333-4444-666666666666' }]);
		expect(jsons(result)).toEqual([{ contact_id: '11111111-2222-3333-4444-666666666666', name: 'Office Supplies Shop' }]);
	});

	it('sends an End of Day session as an invoice once, never repeating it [wire:third_party/accounting/invoice/add]', async () => {
		const result = await run({ resource: 'accounting', operation: 'sendEndOfDay', session_id: '647515513' });
		expect(bodies('third_party/accounting/invoice/add')).toEqual([{ session_id: 647515513 }]);
		expect(jsons(result)).toEqual([{ invoice_id: expect.stringMatching(/^11111111-2222-3333-4444-\d{12}$/), number: 'INV-1023', warnings: [expect.stringMatching(/^Rounding of 0\.01/)] }]);

		const twice = await run({ resource: 'accounting', operation: 'sendEndOfDay', session_id: '647515513' });
		// (the shared transport scrubs the session ID out of messages: "session_id" looks like a secret to it)
		expect(twice.error?.message).toMatch(/^End of Day session \S+ was already sent to xero as INV-1023 \[INVOICEALREADYADDED\]$/);

		salon.emulator.clearLog();
		failAfter('third_party/accounting/invoice/add');
		const broken = await run({ resource: 'accounting', operation: 'sendEndOfDay', session_id: '647515512' });
		expect(broken.error?.description).toMatch(/may or may not have been made/);
		expect(ops()).toEqual(['third_party/accounting/invoice/add']);

		const bad = await run({ resource: 'accounting', operation: 'sendEndOfDay', session_id: 'day-1' });
		expect(bad.error?.message).toBe('The field "End of Day Session ID" has an invalid value "day-1" in item 0');
		expect(ops()).toEqual(['third_party/accounting/invoice/add']);
	});
});
