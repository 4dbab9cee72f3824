import { z } from 'zod';

import type { EmulatorRequest, EmulatorResponse, Route } from '../../shared/emulator';
import type { SalonSession, SimpleSalonState } from '../index';
import * as schema from '../schemas';
import { COMPANY_OFFSET } from '../seed';
import { fail, ok, page, parse, type AreaContext, type MethodCall, type SalonArea } from './types';

/*
 * Account area: the company's Simple Salon subscription (billing items, products, invoices, payment sources, the
 * billing portal link, signup) and its SMS credit (balance, quote, purchase, transfer). "An Administrator user will
 * generally be required to call these functions": every method here refuses other roles. Item changes refresh the
 * subscription unless `skip_billing_refresh`; a refresh needs a payment source, and when it fails the change is undone.
 * The SMS ledger is shared with the messaging area (sending an SMS spends it) through `smsLedger(state)`.
 */

const int = z.number().int();

/** The Dome the seeded company belongs to, and its other location (both reachable by the API user). */
export const DOME_COMPANY_ID = 12300;
export const SISTER_COMPANY_ID = 12346;
export const ROLE_ADMINISTRATOR = -1;
/** The docs give no numeric country IDs (Country has only country_code): the emulator numbers them itself. */
export const COUNTRIES: Record<number, { country_code: string; currency_code: string; currency_symbol: string }> = {
	1: { country_code: 'AU', currency_code: 'AUD', currency_symbol: '$' },
	2: { country_code: 'NZ', currency_code: 'NZD', currency_symbol: '$' },
};
const COMPANY_COUNTRY: Record<number, number> = { [DOME_COMPANY_ID]: 1, 12345: 1, [SISTER_COMPANY_ID]: 1 };

/** Companies the API user may name in `company_id`: its own, the other Dome location and the Dome. */
export function accessibleCompanies(state: SimpleSalonState): number[] {
	return [state.companyId, SISTER_COMPANY_ID, DOME_COMPANY_ID];
}

export function roleOf(state: SimpleSalonState, session: SalonSession): number | undefined {
	return state.operators.find((o) => o.operator_id === session.operatorId)?.role_id;
}

/** The refusal every account method gives a user who is not an Administrator. */
export function requireAdministrator(state: SimpleSalonState, session: SalonSession): EmulatorResponse | undefined {
	if (roleOf(state, session) === ROLE_ADMINISTRATOR) return undefined;
	return fail('PERMISSIONDENIED', 'You do not have permission to access account functions: an Administrator is required');
}

/** `company_id` as sent (or the logged-in company), or the vendor's refusal. */
export function companyOf(
	state: SimpleSalonState,
	session: SalonSession,
	companyId: number | undefined | null,
	field = 'company_id',
): { id: number } | { error: EmulatorResponse } {
	const id = companyId ?? session.companyId;
	if (!accessibleCompanies(state).includes(id)) {
		return { error: fail('INVALIDPARAMETER', `${field} ${id} is not a company you can access`, [field]) };
	}
	return { id };
}

/** Company-local wall clock of a date input (`YYYY-MM-DDTHH:MM:SS`); the offset is ignored, as documented. */
export function wallOf(value: string): string | undefined {
	const m = schema.DATE_PATTERN.exec(value.trim());
	if (!m) return undefined;
	const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
	const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
	if (probe.getUTCMonth() !== Number(mo) - 1 || probe.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59) return undefined;
	return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

const money = (value: number) => Math.round(value * 100) / 100;
const twoDecimals = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;

// ---------------------------------------------------------------------------------------------------------- SMS ledger

export interface SmsAccount {
	company_id: number;
	funds: number;
	free_credits: number;
	free_credit_expiry?: string;
	settings: Record<string, string>;
}

export interface SmsLedger {
	accounts: Map<number, SmsAccount>;
	nextTransactionId: number;
	/** Ids handed out for purchases (billing side). */
	nextBillingTransactionId: number;
}

const ledgers = new WeakMap<SimpleSalonState, SmsLedger>();

function seedLedger(state: SimpleSalonState): SmsLedger {
	const settings = (overrides: Record<string, string> = {}) => ({
		sms_dedicated_number: '',
		sms_gateway: 'smssimplesalon',
		sms_gateway_use_dome: '0',
		allow_multiple_sms: '1',
		allow_staff_to_sms: '1',
		sms_autotopup_enabled: '1',
		sms_autotopup_amount: '50',
		sms_autotopup_threshold: '20',
		...overrides,
	});
	return {
		accounts: new Map<number, SmsAccount>([
			[
				state.companyId,
				{ company_id: state.companyId, funds: 20.48, free_credits: 14, free_credit_expiry: `2025-03-31T23:59:59${COMPANY_OFFSET}`, settings: settings({ sms_dedicated_number: '+61400111222' }) },
			],
			[SISTER_COMPANY_ID, { company_id: SISTER_COMPANY_ID, funds: 0, free_credits: 0, settings: settings({ sms_autotopup_enabled: '0', allow_staff_to_sms: '0' }) }],
			[DOME_COMPANY_ID, { company_id: DOME_COMPANY_ID, funds: 120, free_credits: 0, settings: settings({ allow_multiple_sms: '0' }) }],
		]),
		nextTransactionId: 978110,
		nextBillingTransactionId: 56489,
	};
}

/** The SMS balances of the emulator's companies (shared by the account and messaging areas). */
export function smsLedger(state: SimpleSalonState): SmsLedger {
	let ledger = ledgers.get(state);
	if (!ledger) {
		ledger = seedLedger(state);
		ledgers.set(state, ledger);
	}
	return ledger;
}

/** The plan's SMS credit price for a company (the price of one credit, as SMS Balance reports it). */
export function creditPriceOf(state: SimpleSalonState, companyId: number): number {
	const plan = billingState.get(state)?.items.find((i) => i.company_id === companyId && i.type === 'plan');
	const product = PRODUCTS.find((p) => p.type === 'plan' && p.product_code === (plan?.value ?? 'starter'));
	return product?.credit_price ?? 0.5;
}

/** An SMS Balance as the API shows it (settings left out where the docs say so). */
export function balanceOut(state: SimpleSalonState, account: SmsAccount, withSettings = true): Record<string, unknown> {
	const country = COUNTRIES[COMPANY_COUNTRY[account.company_id] ?? 1];
	const out: Record<string, unknown> = {
		company_id: account.company_id,
		credit_price: creditPriceOf(state, account.company_id),
		currency_code: country.currency_code,
		currency_symbol: country.currency_symbol,
		free_credits: account.free_credits,
		funds: money(account.funds),
	};
	if (account.free_credits > 0 && account.free_credit_expiry) out.free_credit_expiry = account.free_credit_expiry;
	if (withSettings) out.settings = Object.entries(account.settings).map(([name, value]) => ({ name, value }));
	return out;
}

// ------------------------------------------------------------------------------------------------------------ billing

type ItemType = 'plan' | 'adla' | 'sms_dedicated_number';

interface BillingItem {
	billing_item_id: number;
	company_id: number;
	type: ItemType;
	value: string;
	quantity: number;
	bill_at_dome: boolean;
	included_in_plan: boolean;
	billing_active: boolean;
}

interface BillingSource {
	account_number: string;
	account_type: string;
	company_id: number;
	external_id: string;
	type: 'credit_card' | 'direct_debit';
	default: boolean;
}

interface BillingInvoice {
	billing_invoice_id: number;
	amount: number;
	company_id: number;
	for_company_id?: number;
	currency_code: string;
	currency_symbol: string;
	date: string;
	external_id: string;
	gateway: string;
	invoice_id: string;
	status: 'success' | 'failure';
	total_amount: number;
	type: 'inclusion' | 'smstopup_manual' | 'smstopup_auto' | 'activation' | 'once_off';
}

interface Signup {
	billing_items: Array<Record<string, unknown>>;
	email?: string;
	dome_company_id?: number;
	url: string;
}

interface BillingState {
	items: BillingItem[];
	sources: BillingSource[];
	invoices: BillingInvoice[];
	signups: Signup[];
	/** CAPTCHA tokens already spent on a signup (each works once). */
	usedVerificationTokens: Set<string>;
	nextItemId: number;
	nextInvoiceId: number;
}

const billingState = new WeakMap<SimpleSalonState, BillingState>();

/** Plans and add-ons; prices per country (AUD for 1, NZD for 2). */
const PRODUCTS = [
	{ product_code: 'starter', name: 'Starter', type: 'plan' as const, per_operator: true, price: { 1: 49, 2: 55 }, credit_price: 0.5, billing_inclusions: [] },
	{
		product_code: 'plus',
		name: 'Plus',
		type: 'plan' as const,
		per_operator: true,
		price: { 1: 79, 2: 89 },
		credit_price: 0.45,
		billing_inclusions: [{ per_operator: true, quantity: 50, type: 'sms' }],
	},
	{
		product_code: 'pro',
		name: 'Pro',
		type: 'plan' as const,
		per_operator: true,
		price: { 1: 119, 2: 129 },
		credit_price: 0.4,
		billing_inclusions: [{ per_operator: true, quantity: 100, type: 'sms' }],
	},
	{ product_code: 'adla', name: 'ADLA Add-On', type: 'adla' as const, per_operator: false, price: { 1: 25, 2: 29 } },
	{ product_code: 'sms_dedicated_number', name: 'Dedicated SMS Number', type: 'sms_dedicated_number' as const, per_operator: false, price: { 1: 15, 2: 18 } },
];

function productOut(product: (typeof PRODUCTS)[number], countryId: number): Record<string, unknown> {
	const country = COUNTRIES[countryId];
	const out: Record<string, unknown> = {
		currency_code: country.currency_code,
		name: product.name,
		per_operator: product.per_operator,
		price: product.price[countryId as 1 | 2],
		product_code: product.product_code,
		type: product.type,
	};
	// "Only returned when type=plan."
	if (product.type === 'plan') {
		out.billing_inclusions = product.billing_inclusions;
		out.credit_price = product.credit_price;
	}
	return out;
}

function seedBilling(state: SimpleSalonState): BillingState {
	const c = state.companyId;
	const inv = (id: number, fields: Omit<BillingInvoice, 'billing_invoice_id' | 'currency_code' | 'currency_symbol' | 'gateway' | 'external_id' | 'invoice_id'>): BillingInvoice => ({
		billing_invoice_id: id,
		currency_code: 'AUD',
		currency_symbol: '$',
		gateway: 'stripe',
		external_id: `in_1LmWds${id.toString(36).toUpperCase()}IfWxU05Ww`,
		invoice_id: `1234567Y-${String(id - 882270).padStart(4, '0')}`,
		...fields,
	});
	return {
		items: [
			{ billing_item_id: 3425423, company_id: c, type: 'plan', value: 'starter', quantity: 1, bill_at_dome: false, included_in_plan: false, billing_active: true },
			{ billing_item_id: 3425424, company_id: c, type: 'sms_dedicated_number', value: '', quantity: 1, bill_at_dome: false, included_in_plan: false, billing_active: true },
			{ billing_item_id: 3425425, company_id: SISTER_COMPANY_ID, type: 'plan', value: 'plus', quantity: 1, bill_at_dome: true, included_in_plan: false, billing_active: true },
		],
		sources: [
			{ account_number: 'xxxx4242', account_type: 'visa', company_id: c, external_id: 'card_1LjuCyBciFSC279T3522yyZW', type: 'credit_card', default: true },
			{ account_number: 'xxxx6789', account_type: 'becs_debit', company_id: c, external_id: 'pm_1Mx9DdBciFSC279TbEc01KqZ', type: 'direct_debit', default: false },
			{ account_number: 'xxxx1881', account_type: 'mastercard', company_id: DOME_COMPANY_ID, external_id: 'card_1Nq2XwBciFSC279TaaQ7Lm3e', type: 'credit_card', default: true },
		],
		invoices: [
			inv(882271, { amount: 49, company_id: c, date: `2025-01-01T09:00:00${COMPANY_OFFSET}`, status: 'success', total_amount: 49, type: 'inclusion' }),
			inv(882272, { amount: 50, company_id: c, date: `2025-01-14T15:22:10${COMPANY_OFFSET}`, status: 'success', total_amount: 55, type: 'smstopup_manual' }),
			inv(882273, { amount: 49, company_id: c, date: `2025-02-01T09:00:00${COMPANY_OFFSET}`, status: 'failure', total_amount: 49, type: 'inclusion' }),
			inv(882274, { amount: 49, company_id: c, date: `2025-02-03T09:00:00${COMPANY_OFFSET}`, status: 'success', total_amount: 49, type: 'activation' }),
			inv(882275, { amount: 50, company_id: c, date: `2025-02-20T08:01:44${COMPANY_OFFSET}`, status: 'success', total_amount: 55, type: 'smstopup_auto' }),
			inv(882276, { amount: 79, company_id: DOME_COMPANY_ID, for_company_id: SISTER_COMPANY_ID, date: `2025-03-01T09:00:00${COMPANY_OFFSET}`, status: 'success', total_amount: 79, type: 'inclusion' }),
			inv(882277, { amount: 49, company_id: c, date: `2025-03-01T09:00:00${COMPANY_OFFSET}`, status: 'success', total_amount: 49, type: 'inclusion' }),
			inv(882278, { amount: 150, company_id: c, date: `2025-03-05T10:30:00${COMPANY_OFFSET}`, status: 'success', total_amount: 165, type: 'once_off' }),
		],
		signups: [],
		usedVerificationTokens: new Set(),
		nextItemId: 3425426,
		nextInvoiceId: 882279,
	};
}

/** A Billing Source as the API shows it (which one is the default is the emulator's own note). */
function sourceOut(source: BillingSource): Record<string, unknown> {
	return { account_number: source.account_number, account_type: source.account_type, company_id: source.company_id, external_id: source.external_id, type: source.type };
}

function invoiceOut(invoice: BillingInvoice, link = ''): Record<string, unknown> {
	return { ...invoice, external_link: link };
}

function itemOut(item: BillingItem, expand: string[], countryId: number): Record<string, unknown> {
	const out: Record<string, unknown> = { ...item };
	if (expand.includes('billing_product')) {
		const product = PRODUCTS.find((p) => p.type === item.type && (item.type !== 'plan' || p.product_code === item.value));
		if (product) out.billing_product = productOut(product, countryId);
	}
	return out;
}

// ------------------------------------------------------------------------------------------------------------ schemas

const expandedFields = z.array(z.object({ expanded_field: z.string(), fields: z.array(z.string()).optional() }).strict());
const itemType = z.enum(['plan', 'adla', 'sms_dedicated_number']);
const invoiceStatus = z.enum(['success', 'failure']);
const invoiceType = z.enum(['inclusion', 'smstopup_manual', 'smstopup_auto', 'activation', 'once_off']);
const amount = z.number().positive().max(10_000).refine(twoDecimals, 'must have at most 2 decimal places');

/** The BillingItem model: billing_active and billing_product are read-only (accepted and ignored when echoed back). */
const billingItem = z
	.object({
		billing_item_id: int.nullable().optional(),
		bill_at_dome: z.boolean().nullable().optional(),
		company_id: int.nullable().optional(),
		included_in_plan: z.boolean().nullable().optional(),
		quantity: int.min(1).nullable().optional(),
		type: itemType.nullable().optional(),
		value: z.string().nullable().optional(),
		billing_active: z.unknown().optional(),
		billing_product: z.unknown().optional(),
	})
	.strict();

const schemas = {
	invoiceGet: z.object({ billing_invoice_id: int, generate_link: z.boolean().optional() }).strict(),
	// The request table lists only filters, yet the reply pages (page_number, rows_per_page): ListOptions is accepted.
	invoiceList: z
		.object({
			filters: z
				.object({
					company_id: int.optional(),
					for_company_id: int.optional(),
					date_min: z.string().optional(),
					date_max: z.string().optional(),
					status: invoiceStatus.optional(),
					type: invoiceType.optional(),
				})
				.strict(),
			options: schema.listOptions.optional(),
		})
		.strict(),
	itemAdd: z.object({ billing_item: billingItem, skip_billing_refresh: z.boolean().optional() }).strict(),
	itemUpdate: z.object({ billing_item: billingItem, skip_billing_refresh: z.boolean().optional() }).strict(),
	itemDelete: z.object({ billing_item_id: int, skip_billing_refresh: z.boolean().optional() }).strict(),
	itemGet: z.object({ billing_item_id: int, expanded_fields: expandedFields.optional() }).strict(),
	itemList: z
		.object({
			filters: z.object({ company_id: int.optional(), billed_to_company_id: int.optional(), type: itemType.optional() }).strict(),
			options: schema.listOptions.optional(),
		})
		.strict(),
	linkGet: z.object({ company_id: int, return_url: z.string().url().optional() }).strict(),
	productList: z
		.object({
			filters: z.object({ company_id: int.optional(), country_id: int.optional(), type: itemType.optional() }).strict(),
			options: schema.listOptions.optional(),
		})
		.strict(),
	refresh: z.object({ company_id: int }).strict(),
	signup: z
		.object({
			billing_items: z.array(billingItem).min(1),
			verification_token: z.string().min(1),
			cancel_url: z.string().url().optional(),
			dome: z.boolean().optional(),
			dome_company_id: int.optional(),
			email: z.string().email().optional(),
			promo_code: z.string().optional(),
			referral_code: z.string().optional(),
			step: int.min(1).optional(),
			server_id: int.optional(),
			success_url: z.string().url().optional(),
			third_party_data: z.string().optional(),
			third_party_redirect_url: z.string().url().optional(),
			user_agent: z.string().optional(),
		})
		.strict(),
	// "Currently returns all results (no paging)": the request has filters only.
	sourceList: z.object({ filters: z.object({ company_id: int.optional(), type: z.enum(['credit_card', 'direct_debit']).optional() }).strict() }).strict(),
	smsBalance: z.object({ company_id: int.optional() }).strict(),
	smsPurchase: z.object({ amount, billing_source_external_id: z.string().min(1).optional(), company_id: int.optional() }).strict(),
	smsTransfer: z
		.object({
			destination_company_id: int,
			funds: z.number().min(0).refine(twoDecimals, 'must have at most 2 decimal places').optional(),
			free_credits: int.min(0).optional(),
			company_id: int.optional(),
		})
		.strict(),
};

// --------------------------------------------------------------------------------------------------------------- area

export function billingArea(ctx: AreaContext): SalonArea {
	const { state } = ctx;
	const billing = () => billingState.get(state)!;
	const ledger = () => smsLedger(state);

	const countryOfCompany = (companyId: number) => COMPANY_COUNTRY[companyId] ?? 1;

	function defaultSource(companyId: number, externalId?: string) {
		const sources = billing().sources.filter((s) => s.company_id === companyId);
		if (externalId !== undefined) {
			const chosen = sources.find((s) => s.external_id === externalId);
			return chosen
				? { source: chosen }
				: { error: fail('INVALIDPARAMETER', `billing_source_external_id ${externalId} is not a billing source of company ${companyId}`, ['billing_source_external_id']) };
		}
		const source = sources.find((s) => s.default);
		return source ? { source } : { error: fail('NOBILLINGSOURCE', `Company ${companyId} has no billing source: add payment details in the billing portal first`) };
	}

	/** Pushes a company's billing items to its subscription, or says why the billing gateway refused (no payment source). */
	function refreshSubscription(companyId: number): EmulatorResponse | undefined {
		const items = billing().items.filter((i) => i.company_id === companyId);
		// whoever pays for something must have a payment source: the company itself, or its Dome for bill_at_dome items
		const payers = new Set(items.filter((i) => !i.included_in_plan).map((i) => (i.bill_at_dome ? DOME_COMPANY_ID : i.company_id)));
		for (const payerId of payers) {
			if (!billing().sources.some((s) => s.company_id === payerId)) {
				return fail(
					'BILLINGREFRESHFAILED',
					`The subscription of company ${payerId} could not be updated: it has no billing source. Add payment details in the billing portal.`,
					[`company_id: ${payerId}`],
				);
			}
		}
		for (const item of items) item.billing_active = true;
		return undefined;
	}

	/** Runs a change, then the subscription refresh unless skipped; a failed refresh undoes the change. */
	function withRefresh(companyId: number, skip: boolean | undefined, change: () => EmulatorResponse): EmulatorResponse {
		const before = billing().items.map((i) => ({ ...i }));
		const reply = change();
		if (skip || (reply.body as { success?: boolean }).success !== true) return reply;
		const refused = refreshSubscription(companyId);
		if (refused) {
			billing().items = before;
			return refused;
		}
		// the reply was built before the refresh: report the item as now active
		const item = (reply.body as { billing_item?: Record<string, unknown> }).billing_item;
		if (item) item.billing_active = true;
		return reply;
	}

	const admin = (call: MethodCall) => requireAdministrator(state, call.session);

	function checkItem(item: z.infer<typeof billingItem>, prefix: string, countryId: number): EmulatorResponse | undefined {
		if (item.type === 'plan' && item.value != null && !PRODUCTS.some((p) => p.type === 'plan' && p.product_code === item.value)) {
			const codes = PRODUCTS.filter((p) => p.type === 'plan').map((p) => p.product_code);
			return fail('INVALIDPARAMETER', `${prefix}value "${item.value}" is not a plan (valid: ${codes.join(', ')})`, [`${prefix}value`]);
		}
		if (!COUNTRIES[countryId]) return fail('INVALIDPARAMETER', `Unknown country ${countryId}`, ['country_id']);
		return undefined;
	}

	const signup = (req: EmulatorRequest): EmulatorResponse => {
		if (req.method !== 'POST') return fail('METHODNOTALLOWED', `Use POST for ${req.path}`, [], 405);
		if (!/^application\/json\b/i.test(req.contentType) || req.bodyError !== undefined || !req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
			return fail('INVALIDREQUEST', 'The request body must be a JSON object sent as application/json', [], 400);
		}
		const parsed = parse(schemas.signup, req.body);
		if ('error' in parsed) return parsed.error;
		const input = parsed.value;
		const prefix = /^(\/[^/]+)?\/v1\//.exec(req.path)?.[1] ?? '';
		const bearer = /^Bearer\s+(\S+)$/i.exec((req.headers.authorization ?? '').trim())?.[1];
		if (input.dome_company_id !== undefined && !input.dome) {
			// "If specified, an Authorization token for a user in that Dome company is required."
			const session = bearer ? state.sessions.get(bearer) : undefined;
			if (!session || session.revoked || session.apiPrefix !== prefix || ctx.now() >= session.expiresAt) {
				return fail('TOKENMISSING', 'dome_company_id needs Authorization: Bearer <login token> of a user in that Dome', ['dome_company_id'], 401);
			}
			if (input.dome_company_id !== DOME_COMPANY_ID || ![DOME_COMPANY_ID, SISTER_COMPANY_ID, state.companyId].includes(session.companyId)) {
				return fail('INVALIDPARAMETER', `dome_company_id ${input.dome_company_id} is not a Dome you belong to`, ['dome_company_id']);
			}
			if (roleOf(state, session) !== ROLE_ADMINISTRATOR) return requireAdministrator(state, session)!;
		} else if (!req.headers['x-partner-token']) {
			return fail('MISSINGHEADER', 'The x-partner-token header is required', ['x-partner-token']);
		}
		if (req.headers['x-partner-token'] !== undefined && req.headers['x-partner-token'] !== state.partnerToken) {
			return fail('INVALIDPARTNERTOKEN', 'The Partner Token is not valid');
		}
		const plans = input.billing_items.filter((i) => i.type === 'plan');
		if (plans.length !== 1) return fail('INVALIDPARAMETER', 'billing_items must contain exactly one item of type plan', ['billing_items']);
		for (const [index, item] of input.billing_items.entries()) {
			const at = `billing_items[${index}].`;
			if (item.type == null) return fail('MISSINGPARAMETER', `${at}type is required`, [`${at}type`]);
			if (item.billing_item_id != null) return fail('FIELDUPDATENOTALLOWED', `${at}billing_item_id cannot be set`, [`${at}billing_item_id`]);
			if (item.type === 'plan' && !item.value) return fail('MISSINGPARAMETER', `${at}value (the plan's product_code) is required`, [`${at}value`]);
			const invalid = checkItem(item, at, 1);
			if (invalid) return invalid;
		}
		if (billing().usedVerificationTokens.has(input.verification_token)) {
			return fail('VERIFICATIONFAILED', 'The CAPTCHA verification token has already been used or has expired', ['verification_token']);
		}
		billing().usedVerificationTokens.add(input.verification_token);
		const session = `cs_test_${Buffer.from(input.verification_token).toString('hex').slice(0, 24)}${billing().signups.length}`;
		const url = `https://checkout.stripe.com/c/pay/${session}`;
		billing().signups.push({ billing_items: input.billing_items as Array<Record<string, unknown>>, email: input.email, dome_company_id: input.dome_company_id, url });
		return ok({ configuration_required: true, url });
	};

	const routes: Route[] = [
		{ method: '*', path: '/v1/account/billing/signup', handler: signup },
		{ method: '*', path: '/:host/v1/account/billing/signup', handler: signup },
	];

	return {
		reset() {
			billingState.set(state, seedBilling(state));
			ledgers.set(state, seedLedger(state));
		},
		routes,
		methods: {
			'account/billing/invoice/get'(body, call) {
				const refused = admin(call);
				if (refused) return refused;
				const parsed = parse(schemas.invoiceGet, body);
				if ('error' in parsed) return parsed.error;
				const invoice = billing().invoices.find((i) => i.billing_invoice_id === parsed.value.billing_invoice_id);
				if (!invoice || !accessibleCompanies(state).includes(invoice.company_id)) {
					return fail('BILLINGINVOICENOTFOUND', `Billing invoice ${parsed.value.billing_invoice_id} was not found`, ['billing_invoice_id']);
				}
				const link = parsed.value.generate_link
					? `https://pay.stripe.com/invoice/${invoice.external_id}/pdf?s=ap&expires=${Math.floor(ctx.now() / 1000) + 3600}`
					: '';
				return ok({ billing_invoice: invoiceOut(invoice, link) });
			},
			'account/billing/invoice/list'(body, call) {
				const refused = admin(call);
				if (refused) return refused;
				const parsed = parse(schemas.invoiceList, body);
				if ('error' in parsed) return parsed.error;
				const { filters: f, options } = parsed.value;
				for (const field of ['company_id', 'for_company_id'] as const) {
					if (f[field] !== undefined && !accessibleCompanies(state).includes(f[field]!)) {
						return fail('INVALIDPARAMETER', `filters.${field} ${f[field]} is not a company you can access`, [`filters.${field}`]);
					}
				}
				const min = f.date_min === undefined ? undefined : wallOf(f.date_min);
				const max = f.date_max === undefined ? undefined : wallOf(f.date_max);
				if (f.date_min !== undefined && !min) return fail('INVALIDPARAMETER', 'filters.date_min is not a valid date (see Dates)', ['filters.date_min']);
				if (f.date_max !== undefined && !max) return fail('INVALIDPARAMETER', 'filters.date_max is not a valid date (see Dates)', ['filters.date_max']);
				const rows = billing()
					.invoices.filter((i) =>
						f.company_id !== undefined || f.for_company_id !== undefined
							? true
							: i.company_id === call.session.companyId || i.for_company_id === call.session.companyId,
					)
					.filter((i) => f.company_id === undefined || i.company_id === f.company_id)
					.filter((i) => f.for_company_id === undefined || (i.for_company_id ?? i.company_id) === f.for_company_id)
					.filter((i) => f.status === undefined || i.status === f.status)
					.filter((i) => f.type === undefined || i.type === f.type)
					.filter((i) => (min === undefined || wallOf(i.date)! >= min) && (max === undefined || wallOf(i.date)! < max))
					.sort((a, b) => b.date.localeCompare(a.date) || b.billing_invoice_id - a.billing_invoice_id);
				const paged = page(rows, options, ctx.maxRows, false);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, billing_invoices: paged.slice.map((i) => invoiceOut(i)) });
			},
			'account/billing/item/add'(body, call) {
				const refused = admin(call);
				if (refused) return refused;
				const parsed = parse(schemas.itemAdd, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value.billing_item;
				if (input.billing_item_id != null) return fail('FIELDUPDATENOTALLOWED', 'billing_item.billing_item_id must be omitted', ['billing_item.billing_item_id']);
				if (input.type == null) return fail('MISSINGPARAMETER', 'billing_item.type is required', ['billing_item.type']);
				const company = companyOf(state, call.session, input.company_id, 'billing_item.company_id');
				if ('error' in company) return company.error;
				if (company.id === DOME_COMPANY_ID && input.bill_at_dome) {
					return fail('INVALIDPARAMETER', 'billing_item.bill_at_dome cannot be true for the Dome itself', ['billing_item.bill_at_dome']);
				}
				const invalid = checkItem(input, 'billing_item.', countryOfCompany(company.id));
				if (invalid) return invalid;
				const type = input.type;
				if (type === 'plan') {
					if (!input.value) return fail('MISSINGPARAMETER', "billing_item.value (the plan's product_code) is required for a plan", ['billing_item.value']);
					if (billing().items.some((i) => i.company_id === company.id && i.type === 'plan')) {
						return fail('BILLINGITEMEXISTS', `Company ${company.id} already has a plan: update it instead`, ['billing_item.type']);
					}
				}
				if (type === 'sms_dedicated_number' && billing().items.some((i) => i.company_id === company.id && i.type === type)) {
					return fail('BILLINGITEMEXISTS', `Company ${company.id} already has a dedicated SMS number`, ['billing_item.type']);
				}
				return withRefresh(company.id, parsed.value.skip_billing_refresh, () => {
					const item: BillingItem = {
						billing_item_id: billing().nextItemId++,
						company_id: company.id,
						type,
						value: input.value ?? '',
						quantity: input.quantity ?? 1,
						bill_at_dome: input.bill_at_dome ?? false,
						included_in_plan: input.included_in_plan ?? false,
						billing_active: false,
					};
					billing().items.push(item);
					return ok({ billing_item: { ...item } });
				});
			},
			'account/billing/item/update'(body, call) {
				const refused = admin(call);
				if (refused) return refused;
				const parsed = parse(schemas.itemUpdate, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value.billing_item;
				let item: BillingItem | undefined;
				if (input.billing_item_id != null) {
					item = billing().items.find((i) => i.billing_item_id === input.billing_item_id && accessibleCompanies(state).includes(i.company_id));
					if (!item) return fail('BILLINGITEMNOTFOUND', `Billing item ${input.billing_item_id} was not found`, ['billing_item.billing_item_id']);
					if (input.type != null && input.type !== item.type) return fail('FIELDUPDATENOTALLOWED', 'billing_item.type cannot be changed', ['billing_item.type']);
					if (input.company_id != null && input.company_id !== item.company_id) {
						return fail('FIELDUPDATENOTALLOWED', 'billing_item.company_id cannot be changed', ['billing_item.company_id']);
					}
				} else {
					if (input.type == null) {
						return fail('MISSINGPARAMETER', 'billing_item.billing_item_id, or billing_item.type of plan or adla, is required', ['billing_item.billing_item_id']);
					}
					if (input.type !== 'plan' && input.type !== 'adla') {
						return fail('INVALIDPARAMETER', 'billing_item.type must be plan or adla when billing_item_id is omitted', ['billing_item.type']);
					}
					const company = companyOf(state, call.session, input.company_id, 'billing_item.company_id');
					if ('error' in company) return company.error;
					item = billing().items.find((i) => i.company_id === company.id && i.type === input.type);
					if (!item) return fail('BILLINGITEMNOTFOUND', `Company ${company.id} has no ${input.type} billing item`, ['billing_item.type']);
				}
				if (input.included_in_plan != null && input.included_in_plan !== item.included_in_plan) {
					return fail('FIELDUPDATENOTALLOWED', 'billing_item.included_in_plan cannot be changed', ['billing_item.included_in_plan']);
				}
				const invalid = checkItem({ ...input, type: item.type }, 'billing_item.', countryOfCompany(item.company_id));
				if (invalid) return invalid;
				const target = item;
				return withRefresh(target.company_id, parsed.value.skip_billing_refresh, () => {
					// "Omitted or null fields are left unchanged"
					if (input.value != null) target.value = input.value;
					if (input.quantity != null) target.quantity = input.quantity;
					if (input.bill_at_dome != null) target.bill_at_dome = input.bill_at_dome;
					target.billing_active = false;
					return ok({ billing_item: { ...target } });
				});
			},
			'account/billing/item/delete'(body, call) {
				const refused = admin(call);
				if (refused) return refused;
				const parsed = parse(schemas.itemDelete, body);
				if ('error' in parsed) return parsed.error;
				const item = billing().items.find((i) => i.billing_item_id === parsed.value.billing_item_id && accessibleCompanies(state).includes(i.company_id));
				if (!item) return fail('BILLINGITEMNOTFOUND', `Billing item ${parsed.value.billing_item_id} was not found`, ['billing_item_id']);
				if (item.type === 'plan') return fail('INVALIDPARAMETER', 'The plan cannot be deleted: change it with billing item update', ['billing_item_id']);
				return withRefresh(item.company_id, parsed.value.skip_billing_refresh, () => {
					billing().items = billing().items.filter((i) => i !== item);
					return ok({});
				});
			},
			'account/billing/item/get'(body, call) {
				const refused = admin(call);
				if (refused) return refused;
				const parsed = parse(schemas.itemGet, body);
				if ('error' in parsed) return parsed.error;
				const expand = (parsed.value.expanded_fields ?? []).map((e) => e.expanded_field);
				const unknown = expand.filter((e) => e !== 'billing_product');
				if (unknown.length) return fail('INVALIDPARAMETER', `Cannot expand ${unknown.join(', ')}`, ['expanded_fields']);
				const item = billing().items.find((i) => i.billing_item_id === parsed.value.billing_item_id && accessibleCompanies(state).includes(i.company_id));
				if (!item) return fail('BILLINGITEMNOTFOUND', `Billing item ${parsed.value.billing_item_id} was not found`, ['billing_item_id']);
				return ok({ billing_item: itemOut(item, expand, countryOfCompany(item.company_id)) });
			},
			'account/billing/item/list'(body, call) {
				const refused = admin(call);
				if (refused) return refused;
				const parsed = parse(schemas.itemList, body);
				if ('error' in parsed) return parsed.error;
				const { filters: f, options } = parsed.value;
				const expand = (options?.expanded_fields ?? []).map((e) => e.expanded_field);
				const unknown = expand.filter((e) => e !== 'billing_product');
				if (unknown.length) return fail('INVALIDPARAMETER', `Cannot expand ${unknown.join(', ')}`, ['options.expanded_fields']);
				const company = companyOf(state, call.session, f.company_id, 'filters.company_id');
				if ('error' in company) return company.error;
				const rows = billing()
					.items.filter((i) => (f.company_id === undefined && f.billed_to_company_id !== undefined ? true : i.company_id === company.id))
					.filter((i) => f.billed_to_company_id === undefined || (i.bill_at_dome ? DOME_COMPANY_ID : i.company_id) === f.billed_to_company_id)
					.filter((i) => f.type === undefined || i.type === f.type)
					.sort((a, b) => a.billing_item_id - b.billing_item_id);
				const paged = page(rows, options, ctx.maxRows, false);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, billing_items: paged.slice.map((i) => itemOut(i, expand, countryOfCompany(i.company_id))) });
			},
			'account/billing/link/get'(body, call) {
				const refused = admin(call);
				if (refused) return refused;
				const parsed = parse(schemas.linkGet, body);
				if ('error' in parsed) return parsed.error;
				const company = companyOf(state, call.session, parsed.value.company_id);
				if ('error' in company) return company.error;
				const token = Buffer.from(`${company.id}-${ctx.now()}`).toString('base64url').slice(0, 16);
				const back = parsed.value.return_url ? `?return_url=${encodeURIComponent(parsed.value.return_url)}` : '';
				return ok({ url: `https://billing.simplesalon.com/session/${token}${back}` });
			},
			'account/billing/product/list'(body, call) {
				const refused = admin(call);
				if (refused) return refused;
				const parsed = parse(schemas.productList, body);
				if ('error' in parsed) return parsed.error;
				const { filters: f, options } = parsed.value;
				if (f.company_id === undefined && f.country_id === undefined) {
					return fail('MISSINGPARAMETER', 'filters.company_id or filters.country_id is required', ['filters.company_id', 'filters.country_id']);
				}
				let countryId = f.country_id;
				if (countryId === undefined) {
					const company = companyOf(state, call.session, f.company_id, 'filters.company_id');
					if ('error' in company) return company.error;
					countryId = countryOfCompany(company.id);
				}
				if (!COUNTRIES[countryId]) return fail('INVALIDPARAMETER', `filters.country_id ${countryId} is not a country Simple Salon sells in`, ['filters.country_id']);
				const type = f.type ?? 'plan';
				const rows = PRODUCTS.filter((p) => p.type === type).map((p) => productOut(p, countryId!));
				const paged = page(rows, options, ctx.maxRows, false);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, billing_products: paged.slice });
			},
			'account/billing/refresh'(body, call) {
				const refused = admin(call);
				if (refused) return refused;
				const parsed = parse(schemas.refresh, body);
				if ('error' in parsed) return parsed.error;
				const company = companyOf(state, call.session, parsed.value.company_id);
				if ('error' in company) return company.error;
				return refreshSubscription(company.id) ?? ok({});
			},
			'account/billing/source/list'(body, call) {
				const refused = admin(call);
				if (refused) return refused;
				const parsed = parse(schemas.sourceList, body);
				if ('error' in parsed) return parsed.error;
				const f = parsed.value.filters;
				const company = companyOf(state, call.session, f.company_id, 'filters.company_id');
				if ('error' in company) return company.error;
				const rows = billing()
					.sources.filter((s) => s.company_id === company.id && (f.type === undefined || s.type === f.type))
					.map(sourceOut);
				return ok({ billing_sources: rows });
			},
			'account/sms/balance'(body, call) {
				const refused = admin(call);
				if (refused) return refused;
				const parsed = parse(schemas.smsBalance, body);
				if ('error' in parsed) return parsed.error;
				const company = companyOf(state, call.session, parsed.value.company_id);
				if ('error' in company) return company.error;
				return ok({ balance: balanceOut(state, ledger().accounts.get(company.id)!) });
			},
			'account/sms/quote'(body, call) {
				const refused = admin(call);
				if (refused) return refused;
				const parsed = parse(schemas.smsPurchase, body);
				if ('error' in parsed) return parsed.error;
				const company = companyOf(state, call.session, parsed.value.company_id);
				if ('error' in company) return company.error;
				const quote = quoteFor(company.id, parsed.value.amount, parsed.value.billing_source_external_id);
				if ('error' in quote) return quote.error;
				return ok({ quote: quote.quote });
			},
			'account/sms/purchase'(body, call) {
				const refused = admin(call);
				if (refused) return refused;
				const parsed = parse(schemas.smsPurchase, body);
				if ('error' in parsed) return parsed.error;
				const company = companyOf(state, call.session, parsed.value.company_id);
				if ('error' in company) return company.error;
				const quote = quoteFor(company.id, parsed.value.amount, parsed.value.billing_source_external_id);
				if ('error' in quote) return quote.error;
				const account = ledger().accounts.get(company.id)!;
				account.funds = money(account.funds + parsed.value.amount);
				const billingTransactionId = ledger().nextBillingTransactionId++;
				const smsTransactionId = ledger().nextTransactionId++;
				const id = billing().nextInvoiceId++;
				billing().invoices.push({
					billing_invoice_id: id,
					amount: parsed.value.amount,
					company_id: quote.source.company_id,
					...(quote.source.company_id === company.id ? {} : { for_company_id: company.id }),
					currency_code: String(quote.quote.currency_code),
					currency_symbol: String(quote.quote.currency_symbol),
					date: `${new Date(ctx.now() + 11 * 3600_000).toISOString().slice(0, 19)}${COMPANY_OFFSET}`,
					external_id: `in_${billingTransactionId}`,
					gateway: 'stripe',
					invoice_id: `1234567Y-${String(id - 882270).padStart(4, '0')}`,
					status: 'success',
					total_amount: Number(quote.quote.total_amount),
					type: 'smstopup_manual',
				});
				return ok({ balance: balanceOut(state, account), billing_transaction_id: billingTransactionId, sms_transaction_id: smsTransactionId });
			},
			'account/sms/transfer'(body, call) {
				const refused = admin(call);
				if (refused) return refused;
				const parsed = parse(schemas.smsTransfer, body);
				if ('error' in parsed) return parsed.error;
				const { destination_company_id: destinationId, funds = 0, free_credits: credits = 0 } = parsed.value;
				if (funds === 0 && credits === 0) return fail('MISSINGPARAMETER', 'funds or free_credits is required (more than 0)', ['funds', 'free_credits']);
				const source = companyOf(state, call.session, parsed.value.company_id);
				if ('error' in source) return source.error;
				const destination = companyOf(state, call.session, destinationId, 'destination_company_id');
				if ('error' in destination) return destination.error;
				if (destination.id === source.id) return fail('INVALIDPARAMETER', 'destination_company_id must be another company', ['destination_company_id']);
				const from = ledger().accounts.get(source.id)!;
				const to = ledger().accounts.get(destination.id)!;
				if (funds > from.funds + 1e-9) return fail('INSUFFICIENTSMSBALANCE', `Company ${source.id} has only $${from.funds.toFixed(2)} of SMS funds`, ['funds']);
				if (credits > from.free_credits) return fail('INSUFFICIENTSMSBALANCE', `Company ${source.id} has only ${from.free_credits} free credits`, ['free_credits']);
				from.funds = money(from.funds - funds);
				to.funds = money(to.funds + funds);
				from.free_credits -= credits;
				to.free_credits += credits;
				if (credits > 0 && !to.free_credit_expiry) to.free_credit_expiry = from.free_credit_expiry;
				ledger().nextTransactionId++;
				const destinationTransaction = ledger().nextTransactionId++;
				return ok({
					balance: balanceOut(state, from, false),
					sms_transaction_id: destinationTransaction,
					destination_balance: balanceOut(state, to, false),
				});
			},
		},
	};

	function quoteFor(
		companyId: number,
		value: number,
		externalId?: string,
	): { error: EmulatorResponse } | { source: BillingSource; quote: Record<string, unknown> } {
		const chosen = defaultSource(companyId, externalId);
		if ('error' in chosen) return { error: chosen.error! };
		const source = chosen.source!;
		const country = COUNTRIES[countryOfCompany(companyId)];
		// a 10% card processing fee, as in the docs' example (50.00 → 55.00); direct debit has none
		const total = source.type === 'credit_card' ? money(value * 1.1) : value;
		return {
			source,
			quote: {
				amount: value,
				billing_source: sourceOut(source),
				company_id: companyId,
				currency_code: country.currency_code,
				currency_symbol: country.currency_symbol,
				total_amount: total,
			} as Record<string, unknown>,
		};
	}
}

/** The SMS top-up quote for an amount, as `account/sms/quote` would answer (for `send/sms/check` with quote=true). */
export function smsTopupQuote(state: SimpleSalonState, companyId: number, value: number): Record<string, unknown> | undefined {
	const source = billingState.get(state)?.sources.find((s) => s.company_id === companyId && s.default);
	if (!source) return undefined;
	const country = COUNTRIES[COMPANY_COUNTRY[companyId] ?? 1];
	return {
		amount: value,
		billing_source: sourceOut(source),
		company_id: companyId,
		currency_code: country.currency_code,
		currency_symbol: country.currency_symbol,
		total_amount: source.type === 'credit_card' ? money(value * 1.1) : value,
	};
}

/** For tests: the billing items, invoices and signups the emulator holds. */
export function billingRecords(state: SimpleSalonState) {
	const billing = billingState.get(state)!;
	return { items: billing.items, invoices: billing.invoices, signups: billing.signups };
}
