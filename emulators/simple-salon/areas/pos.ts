import { z } from 'zod';

import { DATE_PATTERN, listOptions } from '../schemas';
import {
	CATEGORIES,
	CLIENT_CATEGORIES,
	COMPANY_ID,
	COMPANY_OFFSET,
	LOYALTY_CATEGORY_ID,
	REFERRAL_TYPES,
	SERVICE_CHILDREN,
	STATES,
	type SalonAppointment,
	type SalonClient,
} from '../seed';
import { MEMBERSHIP_TYPES } from './memberships';
import { PACKAGE_TYPES } from './packages';
import { productStore, productTax, type SalonProduct } from './products';
import { VOUCHERS } from './sold';
import { settingOf } from './staff';
import { fail, ok, page, parse, type AreaContext, type AreaFactory, type MethodCall, type SalonArea } from './types';
import type { EmulatorResponse } from '../../shared/emulator';

/*
 * The till: discount types, payment types, card terminals of the live payment gateway, and the POS methods (load
 * and save a sale, price checks as dry runs, redemptions that are processed at once in their own transaction, the
 * cash drawer, transaction totals). The docs' Transaction, DepositPayment, Voucher and Tax Rate models are missing,
 * so those shapes follow the examples.
 */

const int = z.number().int();
const round2 = (value: number) => Math.round((value + Number.EPSILON) * 100) / 100;

// ---- seeds ----

const ALL_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ITEM_TYPES = ['product', 'service', 'package', 'membership', 'brand', 'category', 'all_products', 'all_services', 'all_packages', 'all_memberships', 'transaction'];

interface DiscountTypeItem {
	discount_type_item_id: number;
	type: string;
	product_id?: number;
	service_id?: number;
	brand_id?: number;
	package_id?: number;
	membership_id?: number;
	category_id?: number;
}

interface DiscountType {
	discount_type_id: number;
	company_id: number;
	name: string;
	discount_type: '$' | '%';
	amount: number;
	apply_automatically: boolean;
	available_days: string[];
	client_category_ids?: number[];
	role_ids?: number[];
	discount_type_items?: DiscountTypeItem[];
	time_start?: string;
	time_end?: string;
}

const VIP_CATEGORY_ID = 920;

/** The salon's discount types (docs' example 7171 "10% off"). */
export const DISCOUNT_TYPES: DiscountType[] = [
	{ discount_type_id: 7171, company_id: COMPANY_ID, name: '10% off', discount_type: '%', amount: 10, apply_automatically: false, available_days: ALL_DAYS },
	{
		discount_type_id: 7172,
		company_id: COMPANY_ID,
		name: '$5 off Retail',
		discount_type: '$',
		amount: 5,
		apply_automatically: false,
		available_days: ALL_DAYS,
		discount_type_items: [{ discount_type_item_id: 71721, type: 'all_products' }],
	},
	{
		discount_type_id: 7173,
		company_id: COMPANY_ID,
		name: 'VIP 15%',
		discount_type: '%',
		amount: 15,
		apply_automatically: true,
		available_days: ALL_DAYS,
		client_category_ids: [VIP_CATEGORY_ID],
		discount_type_items: [{ discount_type_item_id: 71731, type: 'all_services' }],
	},
	{
		discount_type_id: 7174,
		company_id: COMPANY_ID,
		name: 'Staff 30%',
		discount_type: '%',
		amount: 30,
		apply_automatically: false,
		available_days: ALL_DAYS,
		role_ids: [-1, -3],
		discount_type_items: [{ discount_type_item_id: 71741, type: 'all_products' }],
	},
	{
		discount_type_id: 7175,
		company_id: COMPANY_ID,
		name: 'Tuesday Manicure 20%',
		discount_type: '%',
		amount: 20,
		apply_automatically: false,
		available_days: ['Tuesday'],
		discount_type_items: [{ discount_type_item_id: 71751, type: 'service', service_id: 3336 }],
	},
	{
		discount_type_id: 7176,
		company_id: COMPANY_ID,
		name: 'Autumn Launch $20',
		discount_type: '$',
		amount: 20,
		apply_automatically: false,
		available_days: ALL_DAYS,
		time_start: `2025-03-01T00:00:00${COMPANY_OFFSET}`,
		time_end: `2025-04-01T00:00:00${COMPANY_OFFSET}`,
		discount_type_items: [{ discount_type_item_id: 71761, type: 'all_services' }],
	},
	{
		discount_type_id: 7177,
		company_id: COMPANY_ID,
		name: 'Kevin.Murphy 10%',
		discount_type: '%',
		amount: 10,
		apply_automatically: false,
		available_days: ALL_DAYS,
		discount_type_items: [{ discount_type_item_id: 71771, type: 'brand', brand_id: 4445 }],
	},
	{
		discount_type_id: 7178,
		company_id: COMPANY_ID,
		name: '$10 off the Bill',
		discount_type: '$',
		amount: 10,
		apply_automatically: false,
		available_days: ALL_DAYS,
		discount_type_items: [{ discount_type_item_id: 71781, type: 'transaction' }],
	},
];

/** The salon's payment types (docs' example 83838 "Credit Card"). */
export const PAYMENT_TYPES = [
	{ payment_type_id: 83838, name: 'Credit Card', description: 'Card on the standalone EFTPOS machine', is_live: false, is_system: true, show_on_pos: true },
	{ payment_type_id: 83839, name: 'Cash', description: 'Cash into the drawer', is_live: false, is_system: true, show_on_pos: true },
	{ payment_type_id: 83840, name: 'Account', description: 'Charge to the client\'s account balance', is_live: false, is_system: true, show_on_pos: true },
	{
		payment_type_id: 83841,
		name: 'Gift Voucher',
		description: 'Redeem a gift voucher by its barcode',
		gateway: 'voucher',
		extra_fields: ['client_voucher_id'],
		is_live: true,
		is_system: true,
		show_on_pos: true,
	},
	{
		payment_type_id: 83842,
		name: 'Stripe',
		description: 'Card reader at the front desk, or a payment link by email',
		gateway: 'stripe',
		gateway_modes: [
			{ mode: 'terminal', name: 'Card Reader' },
			{ mode: 'invoice', name: 'Hosted Invoice' },
		],
		is_live: true,
		is_system: false,
		show_on_pos: true,
	},
	{ payment_type_id: 83843, name: 'Afterpay', description: 'Buy now, pay later', gateway: 'afterpay', is_live: true, is_system: false, show_on_pos: true },
	{ payment_type_id: 83844, name: 'Bank Transfer', description: 'Direct deposit for invoices', is_live: false, is_system: false, show_on_pos: false },
	{ payment_type_id: 83845, name: 'Tyro EFTPOS', description: 'Integrated Tyro terminal', gateway: 'tyro', is_live: true, is_system: false, show_on_pos: false },
].map((type) => ({ company_id: COMPANY_ID, ...type }));

/** Live payment gateways ("Third Party Link Types marked as Used For: Payment Type") and what this company has set up. */
const GATEWAYS: Record<string, { terminals: boolean; linked: boolean }> = {
	afterpay: { terminals: false, linked: true },
	resonance: { terminals: true, linked: false },
	stripe: { terminals: true, linked: true },
	tyro: { terminals: true, linked: true },
	voucher: { terminals: false, linked: true },
};
/** The company's default POS payment gateway (what an omitted `gateway` means). */
const DEFAULT_GATEWAY = 'stripe';

interface Terminal {
	terminal_id: number;
	company_id: number;
	external_id: string;
	merchant_id: string;
	name: string;
	serial: string;
	type: string;
	status: 'online' | 'offline';
	gateway: string;
}

const TERMINALS: Terminal[] = [
	{ terminal_id: 301, external_id: 'tmr_J6U4YwUIK1TX54H94WOwDKXx', name: 'Front Bench', serial: '123-456-789', type: 'verifone_P400', status: 'online' },
	{ terminal_id: 302, external_id: 'tmr_FbQe7rT2LkP0aW9xYcZ1dE3f', name: 'Back Room', serial: 'WSC513102003321', type: 'bbpos_wisepos_e', status: 'offline' },
	{ terminal_id: 303, external_id: 'tmr_Hq2nV8sJ4mX6cR1tB7yU0oPa', name: 'Nail Bar', serial: 'STRM26138005432', type: 'stripe_m2', status: 'online' },
]
	.map((t) => ({ ...t, company_id: COMPANY_ID, merchant_id: 'acct_1Mz8SalonEmu12345', gateway: 'stripe' }) as Terminal)
	.concat([
		{
			terminal_id: 304,
			company_id: COMPANY_ID,
			external_id: '2201',
			merchant_id: '1234',
			name: 'Reception Tyro',
			serial: 'T-8812-331',
			type: 'tyro_pro',
			status: 'online',
			gateway: 'tyro',
		},
	]);

const SERVICE_TAX_RATE = 10;
const PACKAGE_TAX_RATE = 10;
const MEMBERSHIP_TAX_RATE = 10;
const VOUCHER_TAX_RATE = 10;

/*
 * Packages, memberships and gift vouchers are the catalogues of their own areas (packages.ts, memberships.ts,
 * sold.ts); the till prices them. Voucher types have no barcode in the docs, so the till keeps the ones printed on
 * its voucher stock.
 */
const VOUCHER_BARCODES: Record<number, string> = { 7777: 'GV100', 7778: 'GV050', 7779: 'GVPAMPER' };

const WALK_IN = -1;
const INTERNAL_USE = -2;
const SYSTEM_CLIENT = -3;
const UNSAVED = -1;

interface PoolItem {
	client_id: number;
	/** client_package_id or client_membership_id */
	source_id: number;
	service_id?: number;
	product_id?: number;
	left: number;
}

interface ClientProduct {
	client_product_id: number;
	client_id: number;
	company_id: number;
	operator_id: number;
	product_id: number;
	price: number;
	quantity: number;
	transaction_id: number;
	date_created: string;
	pos_id?: string;
}

interface ClientPackage {
	client_package_id: number;
	client_id: number;
	company_id: number;
	operator_id: number;
	package_id: number;
	price: number;
	transaction_id: number;
	date_created: string;
	pos_id?: string;
}

interface ClientMembership {
	client_membership_id: number;
	client_id: number;
	company_id: number;
	operator_id: number;
	membership_id: number;
	price: number;
	start_date: string;
	transaction_id: number;
	pos_id?: string;
}

/** An appointment made at the till (not on the appointment page): saved for later, or redeemed at once. */
interface TillAppointment {
	appointment_id: number;
	client_id: number;
	company_id: number;
	operator_id: number;
	service_id: number;
	price: number;
	transaction_id: number;
	parent: boolean;
	parent_appointment_id: number;
	date_created: string;
	pos_id?: string;
	parent_pos_id?: string;
}

interface Redemption {
	via: 'package' | 'membership' | 'loyalty';
	pool?: PoolItem;
	points?: number;
	transaction_id: number;
}

// ---- request schemas ----

/** Fields of a model accepted as given and not checked (they are read-only or computed in these calls). */
const loose = (names: string[]) => Object.fromEntries(names.map((name) => [name, z.unknown().optional()])) as Record<string, z.ZodOptional<z.ZodUnknown>>;

const REDEEM_FLAGS = ['can_redeem_via_loyalty_points', 'can_redeem_via_loyalty_points_combined', 'can_redeem_via_membership', 'can_redeem_via_membership_combined', 'can_redeem_via_package', 'can_redeem_via_package_combined'];
const QUANTITY_FLAGS = ['can_redeem_via_membership_quantity', 'can_redeem_via_membership_quantity_combined', 'can_redeem_via_package_quantity', 'can_redeem_via_package_quantity_combined', 'package_quantity_to_redeem'];
const COMMON = ['company_id', 'date_created', 'discount_type_id', 'pos_original_price', 'tax_amount', 'tax_rate', 'transaction_id'];

const discount = z
	.object({
		...loose(['discount_id', 'appointment_id', 'client_package_id', 'client_product_id', 'client_membership_id', 'client_voucher_id', 'company_id', 'date_created', 'discount_type', 'item_type', 'tax_amount', 'transaction_id']),
		amount: z.number().optional(),
		discount_type_id: int.optional(),
		operator_id: int.optional(),
		order: int.optional(),
		original_price: z.number().optional(),
		pos_id: z.string().min(1).optional(),
		transaction_discount: z.boolean().optional(),
	})
	.strict();
type Discount = z.infer<typeof discount>;

const itemBase = {
	client_id: int,
	operator_id: int.optional(),
	price: z.number().optional(),
	pos_id: z.string().min(1).optional(),
	discounts: z.array(discount).optional(),
};

/** The Appointment model's fields (docs "Appointment"), the POS ones typed. */
const appointmentItem = z
	.object({
		...loose([
			...REDEEM_FLAGS,
			...COMMON,
			'unpaid_expiry_time', 'child_appointments_price', 'child_appointments_price_with_tax', 'child_appointments_price_without_tax',
			'child_appointments_tax_amount', 'claimed', 'client_package_id', 'client_package', 'comments', 'comments_locked',
			'confirmation_charge_calculation', 'confirmation_charge_minimum_applied', 'confirmation_charge_total', 'confirmation_reference',
			'deposit_transaction_id', 'duration', 'flag_ids', 'flags', 'loyalty_points_to_redeem', 'parent', 'price_with_tax',
			'price_without_tax', 'redeem_via_membership', 'redeem_via_package', 'resource_id', 'service', 'show_on_appt_page',
			'sold_in_client_package', 'task', 'time', 'time_end', 'time_start', 'unconfirmed',
		]),
		...itemBase,
		appointment_id: int,
		service_id: int.optional(),
		parent_pos_id: z.string().min(1).optional(),
		parent_appointment_id: int.optional(),
	})
	.strict();

const clientProductItem = z
	.object({
		...loose([...REDEEM_FLAGS, ...QUANTITY_FLAGS, ...COMMON, 'claimed', 'client_package_id', 'client_package', 'product', 'sold_in_client_package']),
		...itemBase,
		client_product_id: int,
		product_id: int.optional(),
		quantity: int.optional(),
	})
	.strict();

const clientPackageItem = z
	.object({
		...loose([...COMMON, 'expiry_date', 'package']),
		...itemBase,
		client_package_id: int,
		package_id: int.optional(),
	})
	.strict();

const clientMembershipItem = z
	.object({
		...loose([...COMMON, 'membership', 'membership_gateway_id', 'membership_gateway_status', 'use_direct_debit']),
		...itemBase,
		client_membership_id: int,
		membership_id: int.optional(),
		// The docs' pos/save table says client memberships "must specify … package_id" (a slip for membership_id): both read.
		package_id: int.optional(),
		start_date: z.string().optional(),
	})
	.strict();

const clientVoucherItem = z
	.object({
		...loose([...COMMON, 'barcode', 'expiry_date', 'online_booking_last_sent_date', 'online_booking_last_sent_email', 'type', 'value', 'voucher']),
		...itemBase,
		client_voucher_id: int,
		voucher_id: int.optional(),
	})
	.strict();

const saleArrays = {
	appointments: z.array(appointmentItem).optional(),
	client_products: z.array(clientProductItem).optional(),
	client_packages: z.array(clientPackageItem).optional(),
	client_memberships: z.array(clientMembershipItem).optional(),
};

type AppointmentItem = z.infer<typeof appointmentItem>;

const company = { company_id: int.optional() };

const schemas = {
	discountTypeList: z
		.object({
			...company,
			filters: z
				.object({
					client_ids: z.array(int).optional(),
					day: z.string().optional(),
					item_type: z.string().optional(),
					role_id: int.optional(),
					time: z.string().optional(),
				})
				.strict(),
			options: listOptions.optional(),
		})
		.strict(),
	discountTypeGet: z.object({ discount_type_id: int }).strict(),
	paymentTypeList: z
		.object({
			filters: z.object({ company_id: int.optional(), show_on_pos: z.boolean().optional() }).strict().optional(),
			options: listOptions.optional(),
		})
		.strict(),
	paymentTypeGet: z.object({ payment_type_id: int }).strict(),
	terminalList: z
		.object({
			gateway: z.string().optional(),
			filters: z.object({ status: z.enum(['online', 'offline']).optional() }).strict().optional(),
			options: listOptions.optional(),
		})
		.strict(),
	// terminal_id is typed string in the request tables and integer in the Terminal model: both read.
	terminalOne: z.object({ gateway: z.string().optional(), terminal_id: z.union([z.string(), int]).optional(), external_id: z.string().optional() }).strict(),
	terminalAdd: z
		.object({
			gateway: z.string().optional(),
			terminal: z
				.object({
					...loose(['terminal_id', 'company_id', 'external_id', 'merchant_id', 'serial', 'status', 'type']),
					pairing_code: z.string().optional(),
					name: z.string().optional(),
				})
				.strict(),
		})
		.strict(),
	load: z
		.object({
			...company,
			client_id: int,
			appointment_ids: z.array(int).optional(),
			client_membership_ids: z.array(int).optional(),
			client_package_ids: z.array(int).optional(),
			client_product_ids: z.array(int).optional(),
		})
		.strict(),
	// Account values, tips and client vouchers "cannot be saved for later": not accepted here.
	save: z.object({ ...company, ...saleArrays }).strict(),
	serviceCheck: z
		.object({ ...company, client_id: int, appointment_id: int, operator_id: int, service_id: int.optional(), barcode: z.string().optional() })
		.strict(),
	serviceChildren: z.object({ ...company, client_id: int, operator_id: int, service_id: int, price: z.number().optional() }).strict(),
	loyaltyRedeem: z.object({ ...company, appointment_id: int, client_id: int, service_id: int.optional(), operator_id: int.optional() }).strict(),
	serviceRedeem: z
		.object({
			...company,
			appointment_id: int,
			client_id: int,
			service_id: int.optional(),
			operator_id: int.optional(),
			parent_appointment_id: int.optional(),
			parent_service_id: int.optional(),
		})
		.strict(),
	packageRestore: z.object({ appointment_id: int }).strict(),
	productCheck: z.object({ ...company, client_id: int, client_product_id: int, product_id: int.optional(), barcode: z.string().optional() }).strict(),
	productRedeem: z.object({ ...company, client_id: int, product_id: int, quantity: int }).strict(),
	voucherCheck: z.object({ ...company, client_id: int, client_voucher_id: int, voucher_id: int.optional(), barcode: z.string().optional() }).strict(),
	packageCheck: z.object({ ...company, client_id: int, client_package_id: int, package_id: int.optional(), barcode: z.string().optional() }).strict(),
	membershipCheck: z.object({ ...company, client_id: int, client_membership_id: int, membership_id: int }).strict(),
	drawer: z.object({ ...company }).strict(),
	transactionCheck: z
		.object({
			...company,
			// The Transaction model is missing from the docs: the item lists and fields of the example and the item models.
			transaction: z
				.object({
					...saleArrays,
					client_vouchers: z.array(clientVoucherItem).optional(),
					amount: z.number().optional(),
					transaction_id: int.optional(),
					client_id: int.optional(),
					company_id: int.optional(),
				})
				.strict(),
			// Typed "Discount" (one) in the table, an array in the example: both read.
			discounts: z.union([z.array(discount), discount]).optional(),
		})
		.strict(),
};

// ---- the area ----

export const posArea: AreaFactory = (ctx: AreaContext): SalonArea => {
	const { state } = ctx;
	const products = productStore(state);
	/** The company's POS settings (setting/pos/list), as the settings area holds them. */
	const setting = (key: string) => settingOf(state, key) === '1';

	let terminals: Terminal[] = [];
	let usedPairingCodes = new Set<string>();
	let nextTerminalId = 0;
	let clientProducts = new Map<number, ClientProduct>();
	let clientPackages = new Map<number, ClientPackage>();
	let clientMemberships = new Map<number, ClientMembership>();
	let tillAppointments = new Map<number, TillAppointment>();
	let packagePool: PoolItem[] = [];
	let membershipPool: PoolItem[] = [];
	let redemptions = new Map<number, Redemption>();
	let drawer = { amount: 0, openings: [] as Array<{ operator_id: number; at: number }> };
	let invoicesInProgress = new Map<number, number>();
	let next = { appointment: 0, clientProduct: 0, clientPackage: 0, clientMembership: 0, transaction: 0 };

	function reset() {
		terminals = TERMINALS.map((t) => ({ ...t }));
		usedPairingCodes = new Set();
		nextTerminalId = 305;
		const created = `2025-03-03T10:00:00${COMPANY_OFFSET}`;
		// The docs' pos/load example: Joe Citizen (1111) has a Conditioner and a "1 Year Upfront" membership waiting to be paid.
		clientProducts = new Map([
			[39001, { client_product_id: 39001, client_id: 1111, company_id: COMPANY_ID, operator_id: 2222, product_id: 5556, price: 12.5, quantity: 1, transaction_id: 0, date_created: created }],
		]);
		clientPackages = new Map();
		clientMemberships = new Map([
			[6262, { client_membership_id: 6262, client_id: 1111, company_id: COMPANY_ID, operator_id: 2222, membership_id: 4646, price: 100, start_date: `2025-03-03T00:00:00${COMPANY_OFFSET}`, transaction_id: 0 }],
		]);
		tillAppointments = new Map();
		// Unclaimed package items: Joe has 3 men's cuts left of a "10 x Haircut", a last blow-dry of a "5 x Blow Dry" and
		// the OI products of a "Colour & Care Pack".
		packagePool = [
			{ client_id: 1111, source_id: 8181, service_id: 3334, left: 3 },
			{ client_id: 1111, source_id: 8183, service_id: 3333, left: 1 },
			{ client_id: 1111, source_id: 8182, product_id: 5567, left: 1 },
			{ client_id: 1111, source_id: 8182, product_id: 5568, left: 1 },
		];
		// Olivia (1112) is in the "Blow-Dry Club (Monthly)": two blow-dries and a Heat Protect Spray left this month.
		membershipPool = [
			{ client_id: 1112, source_id: 6263, service_id: 3333, left: 2 },
			{ client_id: 1112, source_id: 6263, product_id: 5558, left: 1 },
		];
		redemptions = new Map();
		drawer = { amount: 350.5, openings: [] };
		invoicesInProgress = new Map([[1113, 89999]]);
		// Sale items made at the till are numbered apart from those the client_* areas seed.
		next = { appointment: 880001, clientProduct: 39002, clientPackage: 8190, clientMembership: 6270, transaction: 90001 };
	}
	reset();

	// ---- lookups ----

	const bad = (field: string, message: string, code = 'INVALIDPARAMETER') => fail(code, `${field} ${message}`, [field]);

	const localNow = () => new Date(ctx.now() + offsetMinutes() * 60_000);
	function offsetMinutes() {
		const m = /([+-])(\d{2}):(\d{2})/.exec(COMPANY_OFFSET)!;
		return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
	}
	const today = () => localNow().toISOString().slice(0, 10);
	const todayName = () => ALL_DAYS[(localNow().getUTCDay() + 6) % 7];
	const stamp = () => `${localNow().toISOString().slice(0, 19)}${COMPANY_OFFSET}`;

	function checkCompany(companyId: number | undefined, field = 'company_id') {
		if (companyId === undefined || companyId === state.companyId) return undefined;
		return bad(field, `${companyId} is not a company you can access`);
	}

	const operatorRole = (call: MethodCall) => state.operators.find((o) => o.operator_id === call.session.operatorId)?.role_id ?? -2;

	/** A client of a sale: the special clients have their documented restrictions. */
	function saleClient(
		clientId: number,
		field: string,
		use: 'check' | 'load' | 'package' | 'loyalty' = 'check',
	): { client?: SalonClient; error?: EmulatorResponse } {
		if (clientId === SYSTEM_CLIENT) return { error: fail('INVALIDCLIENT', 'The System client cannot be used in a sale', [field]) };
		if (clientId === WALK_IN || clientId === INTERNAL_USE) {
			const who = clientId === WALK_IN ? 'Walk In' : 'Internal Use';
			if (use === 'load') return { error: fail('INVALIDCLIENT', `The ${who} client cannot load or save sales`, [field]) };
			if (use === 'package') return { error: fail('INVALIDCLIENT', `The ${who} client cannot purchase packages or memberships`, [field]) };
			if (use === 'loyalty') return { error: fail('NOTLOYALTYMEMBER', `The ${who} client has no loyalty points`, [field]) };
			return {};
		}
		const client = state.clients.get(clientId);
		if (!client) return { error: fail('CLIENTNOTFOUND', `Client ${clientId} was not found`, [field]) };
		return { client };
	}

	function checkOperator(operatorId: number, field = 'operator_id') {
		if (operatorId === -1) {
			return setting('force_operator_at_sale') ? fail('OPERATORREQUIRED', 'An operator must be chosen for each item (force_operator_at_sale)', [field]) : undefined;
		}
		return state.operators.some((o) => o.operator_id === operatorId) ? undefined : fail('OPERATORNOTFOUND', `Operator ${operatorId} was not found`, [field]);
	}

	interface TillService {
		service_id: number;
		name: string;
		price: number;
		barcode: string;
		category_id: number;
		/** Points to redeem it with; 0 = not redeemable with points. */
		loyalty_points_to_redeem: number;
		group: boolean;
		children: number[];
	}

	function serviceOf(serviceId: number): TillService | undefined {
		const service = state.services.find((s) => s.service_id === serviceId);
		if (!service) return undefined;
		return {
			service_id: service.service_id,
			name: service.name,
			price: Number(service.price),
			barcode: typeof service.barcode === 'string' ? service.barcode : '',
			category_id: Number(service.category_id ?? 0),
			loyalty_points_to_redeem: Number(service.loyalty_points_to_redeem ?? 0),
			group: service.group_service === true,
			children: SERVICE_CHILDREN[service.service_id] ?? [],
		};
	}

	const serviceByBarcode = (barcode: string) => state.services.find((s) => s.barcode !== '' && s.barcode === barcode);

	/** "For POS calls, a minimal Service object is automatically included to provide the service name and category name." */
	const minimalService = (service: TillService) => ({
		barcode: service.barcode,
		category: { ...(CATEGORIES.find((c) => c.category_id === service.category_id) ?? CATEGORIES[0]) },
		category_id: service.category_id,
		name: service.name,
		price: service.price,
		service_id: service.service_id,
	});

	function minimalProduct(product: SalonProduct) {
		const brand = products.brands.find((b) => b.brand_id === product.brand_id);
		return { ...(brand ? { brand: { ...brand } } : {}), brand_id: product.brand_id, name: product.name, product_id: product.product_id, tax_free: product.tax_free };
	}

	/** Any appointment: on the appointment page (shared) or made at the till. */
	function appointmentOf(appointmentId: number): { shared?: SalonAppointment; till?: TillAppointment } | undefined {
		const shared = state.appointments.find((a) => a.appointment_id === appointmentId);
		if (shared) return { shared };
		const till = tillAppointments.get(appointmentId);
		return till ? { till } : undefined;
	}

	/** An existing appointment of a sale: it must be the client's and unpaid. */
	function unpaidAppointment(appointmentId: number, clientId: number, field: string) {
		const found = appointmentOf(appointmentId);
		const record = found?.shared ?? found?.till;
		if (!record || record.client_id !== clientId) return { error: fail('APPOINTMENTNOTFOUND', `Appointment ${appointmentId} was not found for client ${clientId}`, [field]) };
		if (record.transaction_id !== 0) return { error: fail('ITEMALREADYPAID', `Appointment ${appointmentId} has already been paid`, [field]) };
		return { record };
	}

	// ---- discounts and redemption ----

	function dateOf(value: string): string | undefined {
		const m = DATE_PATTERN.exec(value.trim());
		if (!m) return undefined;
		const probe = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
		return probe.getUTCDate() === Number(m[3]) ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
	}

	const inRange = (type: DiscountType, day: string) =>
		(!type.time_start || day >= type.time_start.slice(0, 10)) && (!type.time_end || day < type.time_end.slice(0, 10));

	interface SaleItem {
		kind: 'service' | 'product' | 'package' | 'membership' | 'voucher';
		id: number;
		brand_id?: number;
	}

	function itemAllowed(type: DiscountType, item: SaleItem): boolean {
		if (!type.discount_type_items?.length) return true;
		return type.discount_type_items.some((i) => {
			switch (i.type) {
				case 'service':
					return item.kind === 'service' && i.service_id === item.id;
				case 'product':
					return item.kind === 'product' && i.product_id === item.id;
				case 'brand':
					return item.kind === 'product' && i.brand_id === item.brand_id;
				case 'package':
					return item.kind === 'package' && i.package_id === item.id;
				case 'membership':
					return item.kind === 'membership' && i.membership_id === item.id;
				case 'all_services':
					return item.kind === 'service';
				case 'all_products':
					return item.kind === 'product';
				case 'all_packages':
					return item.kind === 'package';
				case 'all_memberships':
					return item.kind === 'membership';
				default:
					return false;
			}
		});
	}

	/** The discount types that can be applied to an item for this client, today, by the logged-in role. */
	function availableDiscounts(item: SaleItem, client: SalonClient | undefined, call: MethodCall): DiscountType[] {
		const role = operatorRole(call);
		const categories = client?.category_ids ?? [];
		return DISCOUNT_TYPES.filter(
			(t) =>
				t.available_days.includes(todayName()) &&
				inRange(t, today()) &&
				(!t.role_ids || t.role_ids.includes(role)) &&
				(!t.client_category_ids || t.client_category_ids.some((c) => categories.includes(c))) &&
				itemAllowed(t, item),
		);
	}

	/** Price, original price and the auto-applied discount type of an item; `available_discounts` with advanced discounting. */
	function priced(item: SaleItem, originalPrice: number, client: SalonClient | undefined, call: MethodCall) {
		const available = availableDiscounts(item, client, call);
		const auto = available.find((t) => t.apply_automatically);
		let price = originalPrice;
		if (auto) price = auto.discount_type === '%' ? round2(originalPrice * (1 - auto.amount / 100)) : Math.max(0, round2(originalPrice - auto.amount));
		return {
			fields: { pos_original_price: originalPrice, price, ...(auto ? { discount_type_id: auto.discount_type_id } : {}) },
			// "Omitted if setting advanced_discounting is false."
			extra: setting('advanced_discounting') ? { available_discounts: available.map(discountTypeOut) } : {},
		};
	}

	const isLoyaltyMember = (client: SalonClient | undefined) => !!client && client.category_ids.includes(LOYALTY_CATEGORY_ID);
	const loyaltyCost = (service: TillService) => service.loyalty_points_to_redeem;
	const poolLeft = (pool: PoolItem[], clientId: number, match: { service_id?: number; product_id?: number }) =>
		pool
			.filter((p) => p.client_id === clientId && p.left > 0 && (match.service_id !== undefined ? p.service_id === match.service_id : p.product_id === match.product_id))
			.reduce((sum, p) => sum + p.left, 0);

	function serviceRedeemFlags(clientId: number, client: SalonClient | undefined, service: TillService) {
		const cost = loyaltyCost(service);
		const viaLoyalty = cost > 0 && isLoyaltyMember(client) && (client?.loyalty_points ?? 0) >= cost;
		return {
			can_redeem_via_loyalty_points: viaLoyalty,
			...(viaLoyalty ? { loyalty_points_to_redeem: cost } : {}),
			can_redeem_via_membership: poolLeft(membershipPool, clientId, { service_id: service.service_id }) > 0,
			can_redeem_via_package: poolLeft(packagePool, clientId, { service_id: service.service_id }) > 0,
		};
	}

	function productRedeemFlags(clientId: number, productId: number, quantity: number) {
		const viaPackage = Math.min(quantity, poolLeft(packagePool, clientId, { product_id: productId }));
		const viaMembership = Math.min(quantity, poolLeft(membershipPool, clientId, { product_id: productId }));
		return {
			can_redeem_via_membership: viaMembership > 0,
			...(viaMembership > 0 ? { can_redeem_via_membership_quantity: viaMembership } : {}),
			can_redeem_via_package: viaPackage > 0,
			...(viaPackage > 0 ? { can_redeem_via_package_quantity: viaPackage } : {}),
		};
	}

	/** Takes `quantity` from a client's pool (oldest first); false if there is not enough. */
	function takeFromPool(pool: PoolItem[], clientId: number, match: { service_id?: number; product_id?: number }, quantity: number): PoolItem | false {
		if (poolLeft(pool, clientId, match) < quantity) return false;
		let last: PoolItem | undefined;
		let wanted = quantity;
		for (const item of pool) {
			if (wanted === 0) break;
			const fits = item.client_id === clientId && (match.service_id !== undefined ? item.service_id === match.service_id : item.product_id === match.product_id);
			if (!fits || item.left === 0) continue;
			const used = Math.min(item.left, wanted);
			item.left -= used;
			wanted -= used;
			last = item;
		}
		return last!;
	}

	// ---- output shapes ----

	function discountTypeOut(type: DiscountType) {
		return JSON.parse(JSON.stringify(type)) as Record<string, unknown>;
	}

	function clientOut(client: SalonClient) {
		const out: Record<string, unknown> = { ...client, loyalty_member: isLoyaltyMember(client) };
		const stateRow = STATES.find((s) => s.state_id === client.address_state_id);
		if (client.address_state_id !== 0 && stateRow) out.address_state = { ...stateRow };
		if (client.category_ids.length) {
			out.categories = CLIENT_CATEGORIES.filter((c) => client.category_ids.includes(c.client_category_id)).map((c) => ({ client_category_id: c.client_category_id, name: c.name }));
		}
		const referral = REFERRAL_TYPES.find((r) => r.referral_type_id === client.referral_type_id);
		if (referral) out.referral_type = { ...referral };
		return out;
	}

	const wallPlus = (wall: string, minutes: number) => new Date(Date.parse(`${wall}Z`) + minutes * 60_000).toISOString().slice(0, 19);

	function appointmentOut(record: SalonAppointment | TillAppointment, client: SalonClient | undefined) {
		const service = serviceOf(record.service_id);
		const out: Record<string, unknown> = {
			appointment_id: record.appointment_id,
			...(service ? serviceRedeemFlags(record.client_id, client, service) : {}),
			client_id: record.client_id,
			company_id: record.company_id,
			operator_id: record.operator_id,
			price: record.price,
			resource_id: 'resource_id' in record ? record.resource_id : 0,
			...(service ? { service: minimalService(service) } : {}),
			service_id: record.service_id,
			transaction_id: record.transaction_id,
		};
		if ('start' in record) {
			out.duration = record.duration;
			out.time_start = `${record.start}${COMPANY_OFFSET}`;
			out.time_end = `${wallPlus(record.start, record.duration)}${COMPANY_OFFSET}`;
		} else {
			out.show_on_appt_page = false;
			out.parent = record.parent;
			if (record.parent_appointment_id) out.parent_appointment_id = record.parent_appointment_id;
			if (record.pos_id) out.pos_id = record.pos_id;
		}
		return out;
	}

	function clientProductOut(cp: ClientProduct) {
		const product = products.products.get(cp.product_id);
		return {
			...productRedeemFlags(cp.client_id, cp.product_id, cp.quantity),
			...cp,
			...(product ? { product: minimalProduct(product) } : {}),
		};
	}

	const packageOf = (id: number) => PACKAGE_TYPES.find((p) => p.package_id === id);
	const membershipOf = (id: number) => MEMBERSHIP_TYPES.find((m) => m.membership_id === id);
	const clientPackageOut = (cp: ClientPackage) => {
		const pkg = packageOf(cp.package_id);
		return { ...cp, ...(pkg ? { package: { name: pkg.name, package_id: pkg.package_id } } : {}) };
	};
	const clientMembershipOut = (cm: ClientMembership) => {
		const membership = membershipOf(cm.membership_id);
		return { ...cm, ...(membership ? { membership: { membership_id: membership.membership_id, name: membership.name } } : {}) };
	};

	// ---- gateways ----

	function gatewayOf(gateway: string | undefined): { gateway: string } | { error: EmulatorResponse } {
		const name = gateway ?? DEFAULT_GATEWAY;
		const known = GATEWAYS[name];
		if (!known) return { error: bad('gateway', `"${name}" is not a live payment gateway`) };
		if (!known.terminals) return { error: bad('gateway', `${name} does not support terminals`) };
		if (!known.linked) return { error: fail('THIRDPARTYNOTLINKED', `${name} is not linked to this company`, ['gateway']) };
		return { gateway: name };
	}

	/** A Terminal as the API shows it (which gateway it belongs to is the emulator's own note). */
	const terminalOut = (terminal: Terminal) => {
		const out: Partial<Terminal> = { ...terminal };
		delete out.gateway;
		return out;
	};

	function findTerminal(body: z.infer<typeof schemas.terminalOne>, gateway: string): { terminal: Terminal } | { error: EmulatorResponse } {
		const hasId = body.terminal_id !== undefined && body.terminal_id !== '';
		const hasExternal = body.external_id !== undefined && body.external_id !== '';
		if (hasId === hasExternal) {
			return { error: fail(hasId ? 'INVALIDPARAMETER' : 'MISSINGPARAMETER', 'Specify either terminal_id or external_id', ['terminal_id', 'external_id']) };
		}
		const terminal = terminals.find(
			(t) => t.gateway === gateway && (hasId ? String(t.terminal_id) === String(body.terminal_id).trim() : t.external_id === body.external_id),
		);
		if (!terminal) {
			const which = hasId ? `terminal_id ${String(body.terminal_id)}` : `external_id ${body.external_id}`;
			return { error: fail('TERMINALNOTFOUND', `No ${gateway} terminal with ${which}`, [hasId ? 'terminal_id' : 'external_id']) };
		}
		return { terminal };
	}

	// ---- sale items (save and transaction check) ----

	interface SaleCheck {
		error?: EmulatorResponse;
	}

	/** pos_id values are unique within one call; parent_pos_id must name an appointment's pos_id of the same call. */
	function checkPosIds(sale: { appointments?: AppointmentItem[]; [key: string]: unknown }, extraDiscounts: Discount[] = []): SaleCheck {
		const seen = new Map<string, string>();
		const note = (posId: string | undefined, where: string): EmulatorResponse | undefined => {
			if (posId === undefined) return undefined;
			if (seen.has(posId)) return fail('DUPLICATEPOSID', `pos_id "${posId}" is used by ${seen.get(posId)} and ${where}; it must be unique within the call`, [`${where}.pos_id`]);
			seen.set(posId, where);
			return undefined;
		};
		for (const key of ['appointments', 'client_products', 'client_packages', 'client_memberships', 'client_vouchers']) {
			const items = (sale[key] as Array<{ pos_id?: string; discounts?: Discount[] }> | undefined) ?? [];
			for (const [i, item] of items.entries()) {
				const error = note(item.pos_id, `${key}[${i}]`);
				if (error) return { error };
				for (const [d, disc] of (item.discounts ?? []).entries()) {
					// A transaction discount shows up on every item it was spread over, with the same pos_id.
					if (disc.transaction_discount) continue;
					const dError = note(disc.pos_id, `${key}[${i}].discounts[${d}]`);
					if (dError) return { error: dError };
				}
			}
		}
		for (const [d, disc] of extraDiscounts.entries()) {
			const error = note(disc.pos_id, `discounts[${d}]`);
			if (error) return { error };
		}
		const parents = new Set((sale.appointments ?? []).map((a) => a.pos_id).filter((p): p is string => !!p));
		for (const [i, a] of (sale.appointments ?? []).entries()) {
			if (a.parent_pos_id !== undefined && !parents.has(a.parent_pos_id)) {
				return { error: bad(`appointments[${i}].parent_pos_id`, `"${a.parent_pos_id}" does not match the pos_id of an appointment in this call`) };
			}
		}
		return {};
	}

	/** Who is in the sale: the special clients cannot share a sale, the System client cannot be in one. */
	function checkSaleClients(sale: Record<string, unknown>, use: 'load' | 'check'): SaleCheck {
		const clients = new Set<number>();
		for (const key of ['appointments', 'client_products', 'client_packages', 'client_memberships', 'client_vouchers']) {
			for (const [i, item] of ((sale[key] as Array<{ client_id: number }> | undefined) ?? []).entries()) {
				const field = `${key}[${i}].client_id`;
				const found = saleClient(item.client_id, field, key === 'client_packages' || key === 'client_memberships' ? 'package' : use);
				if (found.error) return { error: found.error };
				clients.add(item.client_id);
			}
		}
		const special = [...clients].find((c) => c < 0);
		if (special !== undefined && clients.size > 1) {
			return { error: fail('INVALIDCLIENT', `The ${special === WALK_IN ? 'Walk In' : 'Internal Use'} client cannot be used in a sale with any other clients`, ['client_id']) };
		}
		return {};
	}

	function requireFields(items: Array<Record<string, unknown>> | undefined, key: string, fields: string[], skip?: (item: Record<string, unknown>) => string[]) {
		for (const [i, item] of (items ?? []).entries()) {
			for (const field of fields) {
				if (skip?.(item).includes(field)) continue;
				if (item[field] === undefined || item[field] === null) return fail('MISSINGPARAMETER', `${key}[${i}].${field} is required`, [`${key}[${i}].${field}`]);
			}
		}
		return undefined;
	}

	// ---- methods ----

	const methods: SalonArea['methods'] = {
		'discount_type/list'(body) {
			const parsed = parse(schemas.discountTypeList, body);
			if ('error' in parsed) return parsed.error;
			const { filters: f, options } = parsed.value;
			const wrongCompany = checkCompany(parsed.value.company_id);
			if (wrongCompany) return wrongCompany;
			let day = f.day;
			if (day !== undefined) {
				const match = ALL_DAYS.find((d) => d.toLowerCase() === day!.trim().toLowerCase());
				if (!match) return bad('filters.day', `"${day}" is not a day of the week (Monday … Sunday)`);
				day = match;
			}
			if (f.item_type !== undefined && f.item_type !== 'all' && !ITEM_TYPES.includes(f.item_type)) {
				return bad('filters.item_type', `"${f.item_type}" is not a valid item type`);
			}
			let onDate: string | undefined;
			if (f.time !== undefined) {
				onDate = dateOf(f.time);
				if (!onDate) return bad('filters.time', 'is not a valid date (see Dates)');
				// "Automatically applies the day filter if it was omitted."
				day ??= ALL_DAYS[(new Date(`${onDate}T00:00:00Z`).getUTCDay() + 6) % 7];
			}
			const categoriesOf = (ids: number[]) => ids.flatMap((id) => state.clients.get(id)?.category_ids ?? []);
			const rows = DISCOUNT_TYPES.filter((t) => {
				if (day !== undefined && !t.available_days.includes(day)) return false;
				if (onDate !== undefined && !inRange(t, onDate)) return false;
				if (f.role_id !== undefined && t.role_ids && !t.role_ids.includes(f.role_id)) return false;
				if (f.client_ids !== undefined && t.client_category_ids) {
					const categories = categoriesOf(f.client_ids);
					if (!t.client_category_ids.some((c) => categories.includes(c))) return false;
				}
				if (f.item_type === 'all') return !t.discount_type_items?.length;
				if (f.item_type !== undefined) return !!t.discount_type_items?.some((i) => i.type === f.item_type);
				return true;
			});
			const paged = page(rows, options, ctx.maxRows, true);
			if ('error' in paged) return paged.error!;
			return ok({ ...paged.meta, discount_types: paged.slice.map(discountTypeOut) });
		},
		'discount_type/get'(body) {
			const parsed = parse(schemas.discountTypeGet, body);
			if ('error' in parsed) return parsed.error;
			const type = DISCOUNT_TYPES.find((t) => t.discount_type_id === parsed.value.discount_type_id);
			if (!type) return fail('DISCOUNTTYPENOTFOUND', `Discount type ${parsed.value.discount_type_id} was not found`, ['discount_type_id']);
			return ok({ discount_type: discountTypeOut(type) });
		},
		'payment_type/list'(body) {
			const parsed = parse(schemas.paymentTypeList, body);
			if ('error' in parsed) return parsed.error;
			const f = parsed.value.filters ?? {};
			const wrongCompany = checkCompany(f.company_id, 'filters.company_id');
			if (wrongCompany) return wrongCompany;
			const rows = PAYMENT_TYPES.filter((p) => f.show_on_pos === undefined || p.show_on_pos === f.show_on_pos);
			const paged = page(rows, parsed.value.options, ctx.maxRows, true);
			if ('error' in paged) return paged.error!;
			return ok({ ...paged.meta, payment_types: paged.slice.map((p) => JSON.parse(JSON.stringify(p)) as object) });
		},
		'payment_type/get'(body) {
			const parsed = parse(schemas.paymentTypeGet, body);
			if ('error' in parsed) return parsed.error;
			const type = PAYMENT_TYPES.find((p) => p.payment_type_id === parsed.value.payment_type_id);
			if (!type) return fail('PAYMENTTYPENOTFOUND', `Payment type ${parsed.value.payment_type_id} was not found`, ['payment_type_id']);
			return ok({ payment_type: JSON.parse(JSON.stringify(type)) as object });
		},
		'third_party/payment_type/terminal/list'(body) {
			const parsed = parse(schemas.terminalList, body);
			if ('error' in parsed) return parsed.error;
			const gateway = gatewayOf(parsed.value.gateway);
			if ('error' in gateway) return gateway.error;
			const status = parsed.value.filters?.status;
			const rows = terminals.filter((t) => t.gateway === gateway.gateway && (status === undefined || t.status === status));
			const paged = page(rows, parsed.value.options, ctx.maxRows, true);
			if ('error' in paged) return paged.error!;
			return ok({ ...paged.meta, terminals: paged.slice.map(terminalOut) });
		},
		'third_party/payment_type/terminal/get'(body) {
			const parsed = parse(schemas.terminalOne, body);
			if ('error' in parsed) return parsed.error;
			const gateway = gatewayOf(parsed.value.gateway);
			if ('error' in gateway) return gateway.error;
			const found = findTerminal(parsed.value, gateway.gateway);
			if ('error' in found) return found.error;
			return ok({ terminal: terminalOut(found.terminal) });
		},
		'third_party/payment_type/terminal/add'(body) {
			const parsed = parse(schemas.terminalAdd, body);
			if ('error' in parsed) return parsed.error;
			const gateway = gatewayOf(parsed.value.gateway);
			if ('error' in gateway) return gateway.error;
			const input = parsed.value.terminal;
			const code = input.pairing_code?.trim() ?? '';
			if (code === '') return fail('MISSINGPARAMETER', 'terminal.pairing_code is required', ['terminal.pairing_code']);
			// Stripe readers show a three-word registration code; Tyro terminals a six-digit pairing code.
			const shape = gateway.gateway === 'stripe' ? /^[a-z]+-[a-z]+-[a-z]+$/ : /^\d{6}$/;
			if (!shape.test(code) || usedPairingCodes.has(`${gateway.gateway}:${code}`)) {
				return fail('INVALIDPAIRINGCODE', `The pairing code "${code}" is not valid or has already been used`, ['terminal.pairing_code']);
			}
			usedPairingCodes.add(`${gateway.gateway}:${code}`);
			const id = nextTerminalId++;
			const terminal: Terminal = {
				terminal_id: id,
				company_id: state.companyId,
				external_id: gateway.gateway === 'stripe' ? `tmr_Emu${String(id).padStart(6, '0')}${code.replace(/-/g, '').slice(0, 12)}` : String(2200 + id),
				merchant_id: gateway.gateway === 'stripe' ? 'acct_1Mz8SalonEmu12345' : '1234',
				name: input.name?.trim() || `Terminal ${id}`,
				serial: `EMU-${id}-${code.length}`,
				type: gateway.gateway === 'stripe' ? 'bbpos_wisepos_e' : 'tyro_pro',
				status: 'online',
				gateway: gateway.gateway,
			};
			terminals.push(terminal);
			return ok({ terminal: terminalOut(terminal) });
		},
		'third_party/payment_type/terminal/delete'(body) {
			const parsed = parse(schemas.terminalOne, body);
			if ('error' in parsed) return parsed.error;
			const gateway = gatewayOf(parsed.value.gateway);
			if ('error' in gateway) return gateway.error;
			const found = findTerminal(parsed.value, gateway.gateway);
			if ('error' in found) return found.error;
			terminals = terminals.filter((t) => t !== found.terminal);
			// The response table lists the terminal; the example shows only success. The terminal is returned.
			return ok({ terminal: terminalOut(found.terminal) });
		},

		'pos/load'(body) {
			const parsed = parse(schemas.load, body);
			if ('error' in parsed) return parsed.error;
			const v = parsed.value;
			const wrongCompany = checkCompany(v.company_id);
			if (wrongCompany) return wrongCompany;
			const found = saleClient(v.client_id, 'client_id', 'load');
			if (found.error) return found.error;
			const client = found.client!;
			const id = client.client_id;
			const unpaid = <T extends { client_id: number; transaction_id: number }>(row: T) => row.client_id === id && row.transaction_id === 0;
			const shared = state.appointments
				.filter(unpaid)
				// "If omitted, returns all unpaid appointments for today or earlier."
				.filter((a) => (v.appointment_ids ? v.appointment_ids.includes(a.appointment_id) : a.start.slice(0, 10) <= today()))
				.sort((a, b) => a.start.localeCompare(b.start));
			const saved = [...tillAppointments.values()].filter(unpaid).filter((a) => !v.appointment_ids || v.appointment_ids.includes(a.appointment_id));
			const pick = <T>(rows: T[], ids: number[] | undefined, idOf: (row: T) => number) => rows.filter((row) => !ids || ids.includes(idOf(row)));
			const out: Record<string, unknown> = {
				appointments: [...shared, ...saved].map((a) => appointmentOut(a, client)),
				client: clientOut(client),
				client_memberships: pick([...clientMemberships.values()].filter(unpaid), v.client_membership_ids, (r) => r.client_membership_id).map(clientMembershipOut),
				client_packages: pick([...clientPackages.values()].filter(unpaid), v.client_package_ids, (r) => r.client_package_id).map(clientPackageOut),
				client_products: pick([...clientProducts.values()].filter(unpaid), v.client_product_ids, (r) => r.client_product_id).map(clientProductOut),
				// The DepositPayment model is missing from the docs; a deposit is shown as the transaction it was taken in.
				deposit_payments: id === 1112 ? [{ transaction_id: 89990, amount: 30, date_created: `2025-03-01T10:12:00${COMPANY_OFFSET}` }] : [],
			};
			const inProgress = invoicesInProgress.get(id);
			if (inProgress) out.redirect_to_transaction_id = inProgress;
			return ok(out);
		},

		'pos/save'(body) {
			const parsed = parse(schemas.save, body);
			if ('error' in parsed) return parsed.error;
			const sale = parsed.value;
			const wrongCompany = checkCompany(sale.company_id);
			if (wrongCompany) return wrongCompany;
			const posIds = checkPosIds(sale);
			if (posIds.error) return posIds.error;
			const clients = checkSaleClients(sale, 'load');
			if (clients.error) return clients.error;
			const parentPosIds = new Set((sale.appointments ?? []).map((a) => a.parent_pos_id).filter(Boolean));
			const missing =
				requireFields(sale.appointments, 'appointments', ['appointment_id', 'client_id', 'operator_id', 'service_id', 'price'], (a) => {
					// "price is not needed for group parents"
					const service = typeof a.service_id === 'number' ? serviceOf(a.service_id) : undefined;
					return service?.group || parentPosIds.has(a.pos_id as string) ? ['price'] : [];
				}) ??
				requireFields(sale.client_packages, 'client_packages', ['client_package_id', 'client_id', 'operator_id', 'package_id', 'price']) ??
				requireFields(sale.client_products, 'client_products', ['client_product_id', 'client_id', 'operator_id', 'product_id', 'price', 'quantity']) ??
				requireFields(
					(sale.client_memberships ?? []).map((m) => ({ ...m, membership_id: m.membership_id ?? m.package_id })),
					'client_memberships',
					['client_membership_id', 'client_id', 'operator_id', 'membership_id', 'price', 'start_date'],
				);
			if (missing) return missing;

			// Validate everything before changing anything: a save is all or nothing.
			for (const [i, a] of (sale.appointments ?? []).entries()) {
				const at = `appointments[${i}]`;
				const opError = checkOperator(a.operator_id!, `${at}.operator_id`);
				if (opError) return opError;
				if (!serviceOf(a.service_id!)) return fail('SERVICENOTFOUND', `Service ${a.service_id} was not found`, [`${at}.service_id`]);
				if (a.price !== undefined && a.price < 0) return bad(`${at}.price`, 'cannot be negative');
				if (a.appointment_id !== UNSAVED) {
					const existing = unpaidAppointment(a.appointment_id, a.client_id, `${at}.appointment_id`);
					if (existing.error) return existing.error;
				}
			}
			for (const [i, p] of (sale.client_products ?? []).entries()) {
				const at = `client_products[${i}]`;
				const opError = checkOperator(p.operator_id!, `${at}.operator_id`);
				if (opError) return opError;
				if (!products.products.has(p.product_id!)) return fail('PRODUCTNOTFOUND', `Product ${p.product_id} was not found`, [`${at}.product_id`]);
				if (p.quantity! < 1) return bad(`${at}.quantity`, 'must be at least 1');
				if (p.client_product_id !== UNSAVED) {
					const existing = clientProducts.get(p.client_product_id);
					if (!existing || existing.client_id !== p.client_id) return fail('CLIENTPRODUCTNOTFOUND', `Client product ${p.client_product_id} was not found`, [`${at}.client_product_id`]);
					if (existing.transaction_id !== 0) return fail('ITEMALREADYPAID', `Client product ${p.client_product_id} has already been paid`, [`${at}.client_product_id`]);
				}
			}
			for (const [i, p] of (sale.client_packages ?? []).entries()) {
				const at = `client_packages[${i}]`;
				const opError = checkOperator(p.operator_id!, `${at}.operator_id`);
				if (opError) return opError;
				if (!packageOf(p.package_id!)) return fail('PACKAGENOTFOUND', `Package ${p.package_id} was not found`, [`${at}.package_id`]);
				if (p.client_package_id !== UNSAVED && !clientPackages.has(p.client_package_id)) {
					return fail('CLIENTPACKAGENOTFOUND', `Client package ${p.client_package_id} was not found`, [`${at}.client_package_id`]);
				}
			}
			for (const [i, m] of (sale.client_memberships ?? []).entries()) {
				const at = `client_memberships[${i}]`;
				const opError = checkOperator(m.operator_id!, `${at}.operator_id`);
				if (opError) return opError;
				const membershipId = m.membership_id ?? m.package_id!;
				if (!membershipOf(membershipId)) return fail('MEMBERSHIPNOTFOUND', `Membership ${membershipId} was not found`, [`${at}.membership_id`]);
				if (!dateOf(m.start_date!)) return bad(`${at}.start_date`, 'is not a valid date (see Dates)');
				if (m.client_membership_id !== UNSAVED && !clientMemberships.has(m.client_membership_id)) {
					return fail('CLIENTMEMBERSHIPNOTFOUND', `Client membership ${m.client_membership_id} was not found`, [`${at}.client_membership_id`]);
				}
			}

			const created = stamp();
			const savedAppointments: Array<Record<string, unknown>> = [];
			const newIds = new Map<string, number>();
			/** The ID each appointment of the request ends up with, in request order. */
			const ids: number[] = [];
			for (const a of sale.appointments ?? []) {
				const service = serviceOf(a.service_id!)!;
				if (a.appointment_id === UNSAVED) {
					const id = next.appointment++;
					ids.push(id);
					if (a.pos_id) newIds.set(a.pos_id, id);
					tillAppointments.set(id, {
						appointment_id: id,
						client_id: a.client_id,
						company_id: state.companyId,
						operator_id: a.operator_id!,
						service_id: a.service_id!,
						price: a.price ?? service.price,
						transaction_id: 0,
						parent: service.group,
						parent_appointment_id: 0,
						date_created: created,
						pos_id: a.pos_id,
						parent_pos_id: a.parent_pos_id,
					});
				} else {
					ids.push(a.appointment_id);
					const found = appointmentOf(a.appointment_id)!;
					const record = (found.shared ?? found.till)!;
					record.operator_id = a.operator_id!;
					record.service_id = a.service_id!;
					if (a.price !== undefined) record.price = a.price;
				}
			}
			for (const [i, a] of (sale.appointments ?? []).entries()) {
				const id = ids[i];
				const till = tillAppointments.get(id);
				if (till && a.parent_pos_id) till.parent_appointment_id = newIds.get(a.parent_pos_id) ?? 0;
				savedAppointments.push({ ...a, appointment_id: id, ...(till?.parent_appointment_id ? { parent_appointment_id: till.parent_appointment_id } : {}) });
			}
			const savedProducts = (sale.client_products ?? []).map((p) => {
				const id = p.client_product_id === UNSAVED ? next.clientProduct++ : p.client_product_id;
				const record: ClientProduct = {
					client_product_id: id,
					client_id: p.client_id,
					company_id: state.companyId,
					operator_id: p.operator_id!,
					product_id: p.product_id!,
					price: p.price!,
					quantity: p.quantity!,
					transaction_id: 0,
					date_created: clientProducts.get(id)?.date_created ?? created,
					pos_id: p.pos_id,
				};
				clientProducts.set(id, record);
				return { ...p, client_product_id: id };
			});
			const savedPackages = (sale.client_packages ?? []).map((p) => {
				const id = p.client_package_id === UNSAVED ? next.clientPackage++ : p.client_package_id;
				clientPackages.set(id, {
					client_package_id: id,
					client_id: p.client_id,
					company_id: state.companyId,
					operator_id: p.operator_id!,
					package_id: p.package_id!,
					price: p.price!,
					transaction_id: 0,
					date_created: clientPackages.get(id)?.date_created ?? created,
					pos_id: p.pos_id,
				});
				return { ...p, client_package_id: id };
			});
			const savedMemberships = (sale.client_memberships ?? []).map((m) => {
				const id = m.client_membership_id === UNSAVED ? next.clientMembership++ : m.client_membership_id;
				const membershipId = m.membership_id ?? m.package_id!;
				clientMemberships.set(id, {
					client_membership_id: id,
					client_id: m.client_id,
					company_id: state.companyId,
					operator_id: m.operator_id!,
					membership_id: membershipId,
					price: m.price!,
					start_date: `${dateOf(m.start_date!)}T00:00:00${COMPANY_OFFSET}`,
					transaction_id: 0,
					pos_id: m.pos_id,
				});
				return { ...m, client_membership_id: id, membership_id: membershipId };
			});
			const out: Record<string, unknown> = {};
			if (sale.appointments) out.appointments = savedAppointments;
			if (sale.client_packages) out.client_packages = savedPackages;
			if (sale.client_products) out.client_products = savedProducts;
			if (sale.client_memberships) out.client_memberships = savedMemberships;
			return ok(out);
		},

		'pos/service/check'(body, call) {
			const parsed = parse(schemas.serviceCheck, body);
			if ('error' in parsed) return parsed.error;
			const v = parsed.value;
			const wrongCompany = checkCompany(v.company_id);
			if (wrongCompany) return wrongCompany;
			const found = saleClient(v.client_id, 'client_id');
			if (found.error) return found.error;
			const opError = checkOperator(v.operator_id);
			if (opError) return opError;
			if ((v.service_id === undefined) === (v.barcode === undefined)) {
				return fail(v.service_id === undefined ? 'MISSINGPARAMETER' : 'INVALIDPARAMETER', 'Specify either barcode or service_id', ['service_id', 'barcode']);
			}
			const service = serviceOf(v.service_id ?? serviceByBarcode(v.barcode!)?.service_id ?? 0);
			if (!service) {
				return v.service_id !== undefined
					? fail('SERVICENOTFOUND', `Service ${v.service_id} was not found`, ['service_id'])
					: fail('SERVICENOTFOUND', `No service has the barcode "${v.barcode}"`, ['barcode']);
			}
			let resourceId = 0;
			let originalPrice = service.price;
			if (v.appointment_id !== UNSAVED) {
				const existing = unpaidAppointment(v.appointment_id, v.client_id, 'appointment_id');
				if (existing.error) return existing.error;
				if (existing.record!.service_id === service.service_id) originalPrice = existing.record!.price;
				if ('resource_id' in existing.record!) resourceId = existing.record!.resource_id;
			}
			const price = priced({ kind: 'service', id: service.service_id }, originalPrice, found.client, call);
			return ok({
				...price.extra,
				appointment: {
					...serviceRedeemFlags(v.client_id, found.client, service),
					appointment_id: v.appointment_id,
					client_id: v.client_id,
					company_id: state.companyId,
					operator_id: v.operator_id,
					parent: service.group,
					...price.fields,
					resource_id: resourceId,
					service: minimalService(service),
					service_id: service.service_id,
					tax_rate: SERVICE_TAX_RATE,
				},
			});
		},

		'pos/service/children'(body) {
			const parsed = parse(schemas.serviceChildren, body);
			if ('error' in parsed) return parsed.error;
			const v = parsed.value;
			const wrongCompany = checkCompany(v.company_id);
			if (wrongCompany) return wrongCompany;
			const found = saleClient(v.client_id, 'client_id');
			if (found.error) return found.error;
			const opError = checkOperator(v.operator_id);
			if (opError) return opError;
			const group = serviceOf(v.service_id);
			if (!group) return fail('SERVICENOTFOUND', `Service ${v.service_id} was not found`, ['service_id']);
			if (!group.group) return fail('SERVICENOTGROUP', `Service ${v.service_id} (${group.name}) is not a group service`, ['service_id']);
			if (v.price !== undefined && v.price < 0) return bad('price', 'cannot be negative');
			const total = v.price ?? group.price;
			const children = group.children.map((id) => serviceOf(id)!);
			const full = children.reduce((sum, c) => sum + c.price, 0);
			let left = total;
			const appointments = children.map((child, i) => {
				// The group price is shared out in proportion to each service's own price; the last takes the rounding.
				const price = i === children.length - 1 ? round2(left) : round2((total * child.price) / full);
				left -= price;
				return {
					can_redeem_via_package: false,
					can_redeem_via_loyalty_points: false,
					can_redeem_via_membership: false,
					client_id: v.client_id,
					appointment_id: UNSAVED,
					company_id: state.companyId,
					...(setting('advanced_discounting') && price !== child.price ? { discount_type_id: -1 } : {}),
					operator_id: v.operator_id,
					pos_original_price: child.price,
					price,
					service: minimalService(child),
					resource_id: 0,
					service_id: child.service_id,
					tax_rate: SERVICE_TAX_RATE,
				};
			});
			return ok({ appointments });
		},

		'pos/service/loyalty_redeem'(body) {
			const parsed = parse(schemas.loyaltyRedeem, body);
			if ('error' in parsed) return parsed.error;
			const v = parsed.value;
			const wrongCompany = checkCompany(v.company_id);
			if (wrongCompany) return wrongCompany;
			const found = saleClient(v.client_id, 'client_id', 'loyalty');
			if (found.error) return found.error;
			const client = found.client!;
			if (!isLoyaltyMember(client)) return fail('NOTLOYALTYMEMBER', `Client ${client.client_id} is not part of the Loyalty Program`, ['client_id']);
			const target = redeemTarget(v);
			if (target.error) return target.error;
			const service = target.service!;
			const cost = loyaltyCost(service);
			if (cost <= 0) return fail('NOTREDEEMABLE', `${service.name} cannot be redeemed with loyalty points`, ['service_id']);
			if (client.loyalty_points < cost) {
				return fail('INSUFFICIENTLOYALTYPOINTS', `Client ${client.client_id} does not have enough loyalty points for ${service.name}`, [
					`Required: ${cost}`,
					`Available: ${client.loyalty_points}`,
				]);
			}
			client.loyalty_points -= cost;
			const redeemed = target.claim!();
			redemptions.set(redeemed.appointment_id, { via: 'loyalty', points: cost, transaction_id: redeemed.transaction_id });
			return ok({});
		},
		'pos/service/membership_redeem': (body) => redeemService(body, 'membership'),
		'pos/service/package_redeem': (body) => redeemService(body, 'package'),
		'pos/service/package_restore'(body) {
			const parsed = parse(schemas.packageRestore, body);
			if ('error' in parsed) return parsed.error;
			const id = parsed.value.appointment_id;
			const found = appointmentOf(id);
			if (!found) return fail('APPOINTMENTNOTFOUND', `Appointment ${id} was not found`, ['appointment_id']);
			const redemption = redemptions.get(id);
			if (!redemption || redemption.via !== 'package' || !redemption.pool) {
				return fail('APPOINTMENTNOTREDEEMED', `Appointment ${id} was not redeemed from a package`, ['appointment_id']);
			}
			redemption.pool.left += 1;
			redemptions.delete(id);
			// "The appointment will also be removed from the appointments page."
			if (found.shared) state.appointments = state.appointments.filter((a) => a !== found.shared);
			else tillAppointments.delete(id);
			return ok({});
		},

		'pos/product/check'(body, call) {
			const parsed = parse(schemas.productCheck, body);
			if ('error' in parsed) return parsed.error;
			const v = parsed.value;
			const wrongCompany = checkCompany(v.company_id);
			if (wrongCompany) return wrongCompany;
			const found = saleClient(v.client_id, 'client_id');
			if (found.error) return found.error;
			if ((v.product_id === undefined) === (v.barcode === undefined)) {
				return fail(v.product_id === undefined ? 'MISSINGPARAMETER' : 'INVALIDPARAMETER', 'Specify either barcode or product_id', ['product_id', 'barcode']);
			}
			const product = v.product_id !== undefined ? products.products.get(v.product_id) : [...products.products.values()].find((p) => p.barcode === v.barcode);
			if (!product) {
				return v.product_id !== undefined
					? fail('PRODUCTNOTFOUND', `Product ${v.product_id} was not found`, ['product_id'])
					: fail('PRODUCTNOTFOUND', `No product has the barcode "${v.barcode}"`, ['barcode']);
			}
			if (product.company_use_only && v.client_id !== INTERNAL_USE) {
				return fail('PRODUCTCOMPANYUSEONLY', `${product.name} is for company use only and cannot be sold to clients`, ['product_id']);
			}
			let quantity = 1;
			if (v.client_product_id !== UNSAVED) {
				const existing = clientProducts.get(v.client_product_id);
				if (!existing || existing.client_id !== v.client_id) return fail('CLIENTPRODUCTNOTFOUND', `Client product ${v.client_product_id} was not found`, ['client_product_id']);
				if (existing.transaction_id !== 0) return fail('ITEMALREADYPAID', `Client product ${v.client_product_id} has already been paid`, ['client_product_id']);
				quantity = existing.quantity;
			}
			const price = priced({ kind: 'product', id: product.product_id, brand_id: product.brand_id }, round2(product.price * quantity), found.client, call);
			return ok({
				...price.extra,
				client_product: {
					...productRedeemFlags(v.client_id, product.product_id, quantity),
					client_id: v.client_id,
					client_product_id: v.client_product_id,
					company_id: state.companyId,
					...price.fields,
					product: minimalProduct(product),
					product_id: product.product_id,
					quantity,
					tax_rate: productTax(product)?.rate ?? 0,
				},
			});
		},
		'pos/product/membership_redeem': (body) => redeemProduct(body, 'membership'),
		'pos/product/package_redeem': (body) => redeemProduct(body, 'package'),

		'pos/voucher/check'(body, call) {
			const parsed = parse(schemas.voucherCheck, body);
			if ('error' in parsed) return parsed.error;
			const v = parsed.value;
			const wrongCompany = checkCompany(v.company_id);
			if (wrongCompany) return wrongCompany;
			const found = saleClient(v.client_id, 'client_id');
			if (found.error) return found.error;
			if ((v.voucher_id === undefined) === (v.barcode === undefined)) {
				return fail(v.voucher_id === undefined ? 'MISSINGPARAMETER' : 'INVALIDPARAMETER', 'Specify either barcode or voucher_id', ['voucher_id', 'barcode']);
			}
			const voucher = VOUCHERS.find((x) => (v.voucher_id !== undefined ? x.voucher_id === v.voucher_id : VOUCHER_BARCODES[x.voucher_id] === v.barcode));
			if (!voucher) return fail('VOUCHERNOTFOUND', v.voucher_id !== undefined ? `Voucher ${v.voucher_id} was not found` : `No voucher has the barcode "${v.barcode}"`, [v.voucher_id !== undefined ? 'voucher_id' : 'barcode']);
			// Client vouchers cannot be saved for later, so only unsaved ones exist at the till.
			if (v.client_voucher_id !== UNSAVED) return fail('CLIENTVOUCHERNOTFOUND', `Client voucher ${v.client_voucher_id} was not found`, ['client_voucher_id']);
			const price = priced({ kind: 'voucher', id: voucher.voucher_id }, voucher.price, found.client, call);
			return ok({
				...price.extra,
				client_voucher: {
					client_id: v.client_id,
					client_voucher_id: UNSAVED,
					company_id: state.companyId,
					...price.fields,
					voucher: { name: voucher.name, voucher_id: voucher.voucher_id },
					voucher_id: voucher.voucher_id,
					tax_rate: VOUCHER_TAX_RATE,
				},
			});
		},
		'pos/package/check'(body, call) {
			const parsed = parse(schemas.packageCheck, body);
			if ('error' in parsed) return parsed.error;
			const v = parsed.value;
			const wrongCompany = checkCompany(v.company_id);
			if (wrongCompany) return wrongCompany;
			const found = saleClient(v.client_id, 'client_id', 'package');
			if (found.error) return found.error;
			if ((v.package_id === undefined) === (v.barcode === undefined)) {
				return fail(v.package_id === undefined ? 'MISSINGPARAMETER' : 'INVALIDPARAMETER', 'Specify either barcode or package_id', ['package_id', 'barcode']);
			}
			const pkg = PACKAGE_TYPES.find((p) => (v.package_id !== undefined ? p.package_id === v.package_id : p.barcode !== '' && p.barcode === v.barcode));
			if (!pkg) return fail('PACKAGENOTFOUND', v.package_id !== undefined ? `Package ${v.package_id} was not found` : `No package has the barcode "${v.barcode}"`, [v.package_id !== undefined ? 'package_id' : 'barcode']);
			let original = pkg.price;
			if (v.client_package_id !== UNSAVED) {
				const existing = clientPackages.get(v.client_package_id);
				if (!existing || existing.client_id !== v.client_id) return fail('CLIENTPACKAGENOTFOUND', `Client package ${v.client_package_id} was not found`, ['client_package_id']);
				if (existing.transaction_id !== 0) return fail('ITEMALREADYPAID', `Client package ${v.client_package_id} has already been paid`, ['client_package_id']);
				original = existing.price;
			}
			const price = priced({ kind: 'package', id: pkg.package_id }, original, found.client, call);
			return ok({
				...price.extra,
				client_package: {
					client_id: v.client_id,
					client_package_id: v.client_package_id,
					company_id: state.companyId,
					...price.fields,
					package: { name: pkg.name, package_id: pkg.package_id, tax_free: pkg.tax_free },
					package_id: pkg.package_id,
					tax_rate: pkg.tax_free ? 0 : PACKAGE_TAX_RATE,
				},
			});
		},
		'pos/membership/check'(body, call) {
			const parsed = parse(schemas.membershipCheck, body);
			if ('error' in parsed) return parsed.error;
			const v = parsed.value;
			const wrongCompany = checkCompany(v.company_id);
			if (wrongCompany) return wrongCompany;
			const found = saleClient(v.client_id, 'client_id', 'package');
			if (found.error) return found.error;
			const membership = membershipOf(v.membership_id);
			if (!membership) return fail('MEMBERSHIPNOTFOUND', `Membership ${v.membership_id} was not found`, ['membership_id']);
			// The price at sale is the setup price; a recurring membership then charges recurring_fee each period.
			let original = membership.setup_fee;
			if (v.client_membership_id !== UNSAVED) {
				const existing = clientMemberships.get(v.client_membership_id);
				if (!existing || existing.client_id !== v.client_id) {
					return fail('CLIENTMEMBERSHIPNOTFOUND', `Client membership ${v.client_membership_id} was not found`, ['client_membership_id']);
				}
				if (existing.transaction_id !== 0) return fail('ITEMALREADYPAID', `Client membership ${v.client_membership_id} has already been paid`, ['client_membership_id']);
				original = existing.price;
			}
			const price = priced({ kind: 'membership', id: membership.membership_id }, original, found.client, call);
			const details = {
				membership_id: membership.membership_id,
				name: membership.name,
				payment_type: membership.payment_type,
				...(membership.payment_type === 'recurring' ? { recurring_fee: membership.recurring_fee, recurring_type: membership.recurring_type } : {}),
				tax_free: membership.tax_free,
			};
			return ok({
				...price.extra,
				client_membership: {
					client_id: v.client_id,
					client_membership_id: v.client_membership_id,
					company_id: state.companyId,
					...price.fields,
					membership: details,
					membership_id: membership.membership_id,
					tax_rate: membership.tax_free ? 0 : MEMBERSHIP_TAX_RATE,
				},
			});
		},

		'pos/drawer/get'(body) {
			const parsed = parse(schemas.drawer, body);
			if ('error' in parsed) return parsed.error;
			const wrongCompany = checkCompany(parsed.value.company_id);
			if (wrongCompany) return wrongCompany;
			return ok({ amount: drawer.amount });
		},
		'pos/drawer/open'(body, call) {
			const parsed = parse(schemas.drawer, body);
			if ('error' in parsed) return parsed.error;
			const wrongCompany = checkCompany(parsed.value.company_id);
			if (wrongCompany) return wrongCompany;
			drawer.openings.push({ operator_id: call.session.operatorId, at: ctx.now() });
			return ok({});
		},

		'pos/transaction/check'(body) {
			const parsed = parse(schemas.transactionCheck, body);
			if ('error' in parsed) return parsed.error;
			const v = parsed.value;
			const wrongCompany = checkCompany(v.company_id) ?? checkCompany(v.transaction.company_id, 'transaction.company_id');
			if (wrongCompany) return wrongCompany;
			const newDiscounts = v.discounts === undefined ? [] : Array.isArray(v.discounts) ? v.discounts : [v.discounts];
			const trx = v.transaction;
			const posIds = checkPosIds(trx, newDiscounts);
			if (posIds.error) return posIds.error;
			const clients = checkSaleClients(trx, 'check');
			if (clients.error) return clients.error;
			for (const [i, d] of newDiscounts.entries()) {
				if (d.pos_id === undefined) return fail('MISSINGPARAMETER', `discounts[${i}].pos_id is required for a Transaction Discount`, [`discounts[${i}].pos_id`]);
				if (d.transaction_discount === false) return bad(`discounts[${i}].transaction_discount`, 'must be true: only Transaction Discounts can be added here');
				if (d.discount_type_id === undefined) return fail('MISSINGPARAMETER', `discounts[${i}].discount_type_id is required`, [`discounts[${i}].discount_type_id`]);
				if (!DISCOUNT_TYPES.some((t) => t.discount_type_id === d.discount_type_id)) {
					return fail('DISCOUNTTYPENOTFOUND', `Discount type ${d.discount_type_id} was not found`, [`discounts[${i}].discount_type_id`]);
				}
			}
			return totalTransaction(trx, newDiscounts);
		},
	};

	/** What a service redemption is about: the item (an existing unpaid appointment, or -1 with service and operator). */
	function redeemTarget(v: { appointment_id: number; client_id: number; service_id?: number; operator_id?: number; parent_appointment_id?: number }): {
		error?: EmulatorResponse;
		service?: TillService;
		claim?: () => { appointment_id: number; transaction_id: number };
	} {
		if (v.appointment_id === UNSAVED) {
			if (v.service_id === undefined) return { error: fail('MISSINGPARAMETER', 'service_id is required when appointment_id is -1', ['service_id']) };
			if (v.operator_id === undefined) return { error: fail('MISSINGPARAMETER', 'operator_id is required when appointment_id is -1', ['operator_id']) };
			const opError = checkOperator(v.operator_id);
			if (opError) return { error: opError };
			const service = serviceOf(v.service_id);
			if (!service) return { error: fail('SERVICENOTFOUND', `Service ${v.service_id} was not found`, ['service_id']) };
			return {
				service,
				claim: () => {
					const id = next.appointment++;
					const transaction = next.transaction++;
					tillAppointments.set(id, {
						appointment_id: id,
						client_id: v.client_id,
						company_id: state.companyId,
						operator_id: v.operator_id!,
						service_id: service.service_id,
						price: 0,
						transaction_id: transaction,
						parent: false,
						parent_appointment_id: v.parent_appointment_id ?? 0,
						date_created: stamp(),
					});
					return { appointment_id: id, transaction_id: transaction };
				},
			};
		}
		const existing = unpaidAppointment(v.appointment_id, v.client_id, 'appointment_id');
		if (existing.error) return { error: existing.error };
		const record = existing.record!;
		if (v.service_id !== undefined && v.service_id !== record.service_id) {
			return { error: bad('service_id', `${v.service_id} is not the service of appointment ${v.appointment_id}`) };
		}
		const service = serviceOf(record.service_id);
		if (!service) return { error: fail('SERVICENOTFOUND', `Service ${record.service_id} was not found`, ['service_id']) };
		return {
			service,
			claim: () => {
				record.transaction_id = next.transaction++;
				record.price = 0;
				return { appointment_id: record.appointment_id, transaction_id: record.transaction_id };
			},
		};
	}

	function redeemService(body: Record<string, unknown>, via: 'package' | 'membership'): EmulatorResponse {
		const parsed = parse(schemas.serviceRedeem, body);
		if ('error' in parsed) return parsed.error;
		const v = parsed.value;
		const wrongCompany = checkCompany(v.company_id);
		if (wrongCompany) return wrongCompany;
		const found = saleClient(v.client_id, 'client_id');
		if (found.error) return found.error;
		// Group children: the parent is an existing appointment, or -1 (a new one, made here for the group service).
		let newParent: TillService | undefined;
		if (v.parent_appointment_id !== undefined) {
			if (v.parent_appointment_id === UNSAVED) {
				if (v.parent_service_id === undefined) {
					return fail('MISSINGPARAMETER', 'parent_service_id is required when parent_appointment_id is -1', ['parent_service_id']);
				}
				newParent = serviceOf(v.parent_service_id);
				if (!newParent?.group) return fail('SERVICENOTGROUP', `Service ${v.parent_service_id} is not a group service`, ['parent_service_id']);
			} else if (!appointmentOf(v.parent_appointment_id)) {
				return fail('APPOINTMENTNOTFOUND', `Appointment ${v.parent_appointment_id} was not found`, ['parent_appointment_id']);
			}
		}
		const target = redeemTarget({ ...v, parent_appointment_id: v.parent_appointment_id === UNSAVED ? 0 : v.parent_appointment_id });
		if (target.error) return target.error;
		const service = target.service!;
		if (newParent && !newParent.children.includes(service.service_id)) {
			return bad('service_id', `${service.service_id} is not part of the group service ${newParent.service_id}`);
		}
		const pool = via === 'package' ? packagePool : membershipPool;
		const item = takeFromPool(pool, v.client_id, { service_id: service.service_id }, 1);
		if (!item) {
			const what = via === 'package' ? 'unclaimed package items' : 'membership inclusions';
			return fail('NOTHINGTOREDEEM', `Client ${v.client_id} has no ${what} left for ${service.name}`, [`service_id: ${service.service_id}`]);
		}
		const redeemed = target.claim!();
		redemptions.set(redeemed.appointment_id, { via, pool: item, transaction_id: redeemed.transaction_id });
		if (!newParent) return ok({});
		const parentId = next.appointment++;
		tillAppointments.set(parentId, {
			appointment_id: parentId,
			client_id: v.client_id,
			company_id: state.companyId,
			operator_id: v.operator_id ?? -1,
			service_id: newParent.service_id,
			price: 0,
			transaction_id: redeemed.transaction_id,
			parent: true,
			parent_appointment_id: 0,
			date_created: stamp(),
		});
		tillAppointments.get(redeemed.appointment_id)!.parent_appointment_id = parentId;
		return ok({ parent_appointment_id: parentId });
	}

	function redeemProduct(body: Record<string, unknown>, via: 'package' | 'membership'): EmulatorResponse {
		const parsed = parse(schemas.productRedeem, body);
		if ('error' in parsed) return parsed.error;
		const v = parsed.value;
		const wrongCompany = checkCompany(v.company_id);
		if (wrongCompany) return wrongCompany;
		const found = saleClient(v.client_id, 'client_id');
		if (found.error) return found.error;
		const product = products.products.get(v.product_id);
		if (!product) return fail('PRODUCTNOTFOUND', `Product ${v.product_id} was not found`, ['product_id']);
		if (v.quantity < 1) return bad('quantity', 'must be at least 1');
		const pool = via === 'package' ? packagePool : membershipPool;
		const available = poolLeft(pool, v.client_id, { product_id: product.product_id });
		if (!takeFromPool(pool, v.client_id, { product_id: product.product_id }, v.quantity)) {
			const what = via === 'package' ? 'unclaimed package items' : 'membership inclusions';
			return fail('NOTHINGTOREDEEM', `Client ${v.client_id} does not have ${v.quantity} × ${product.name} left in ${what}`, [
				`Requested: ${v.quantity}`,
				`Available: ${available}`,
			]);
		}
		// Handed over in its own transaction: the stock goes down.
		product.quantity -= v.quantity;
		next.transaction++;
		return ok({});
	}

	/** Transaction Price Check: totals, redemption options (package, then membership, then loyalty) and Transaction Discounts. */
	function totalTransaction(trx: z.infer<typeof schemas.transactionCheck>['transaction'], newDiscounts: Discount[]): EmulatorResponse {
		type Row = Record<string, unknown> & { price: number; client_id: number; discounts?: Discount[] };
		const rows: Array<{ key: string; row: Row; kind: 'service' | 'product' | 'other'; refId: number; quantity: number }> = [];
		const lists: Record<string, Row[]> = {};
		for (const key of ['appointments', 'client_products', 'client_packages', 'client_memberships', 'client_vouchers'] as const) {
			const items = trx[key] as Array<Record<string, unknown>> | undefined;
			if (!items) continue;
			lists[key] = [];
			for (const [i, item] of items.entries()) {
				const at = `transaction.${key}[${i}]`;
				let kind: 'service' | 'product' | 'other' = 'other';
				let refId = 0;
				let quantity = 1;
				let defaultPrice: number | undefined;
				if (key === 'appointments') {
					const service = typeof item.service_id === 'number' ? serviceOf(item.service_id) : undefined;
					if (!service) return fail(item.service_id === undefined ? 'MISSINGPARAMETER' : 'SERVICENOTFOUND', `${at}.service_id is required and must be a service`, [`${at}.service_id`]);
					kind = 'service';
					refId = service.service_id;
					defaultPrice = service.price;
				} else if (key === 'client_products') {
					const product = typeof item.product_id === 'number' ? products.products.get(item.product_id) : undefined;
					if (!product) return fail(item.product_id === undefined ? 'MISSINGPARAMETER' : 'PRODUCTNOTFOUND', `${at}.product_id is required and must be a product`, [`${at}.product_id`]);
					kind = 'product';
					refId = product.product_id;
					quantity = typeof item.quantity === 'number' ? item.quantity : 1;
					if (quantity < 1) return bad(`${at}.quantity`, 'must be at least 1');
					defaultPrice = round2(product.price * quantity);
				} else if (key === 'client_packages') {
					defaultPrice = packageOf(Number(item.package_id))?.price;
					if (defaultPrice === undefined) return fail('PACKAGENOTFOUND', `${at}.package_id is not a package`, [`${at}.package_id`]);
				} else if (key === 'client_memberships') {
					defaultPrice = membershipOf(Number(item.membership_id ?? item.package_id))?.setup_fee;
					if (defaultPrice === undefined) return fail('MEMBERSHIPNOTFOUND', `${at}.membership_id is not a membership`, [`${at}.membership_id`]);
				} else {
					defaultPrice = VOUCHERS.find((x) => x.voucher_id === item.voucher_id)?.price;
					if (defaultPrice === undefined) return fail('VOUCHERNOTFOUND', `${at}.voucher_id is not a voucher`, [`${at}.voucher_id`]);
				}
				if (item.operator_id !== undefined) {
					const opError = checkOperator(item.operator_id as number, `${at}.operator_id`);
					if (opError) return opError;
				}
				const price = typeof item.price === 'number' ? item.price : defaultPrice;
				if (price < 0) return bad(`${at}.price`, 'cannot be negative');
				// Existing Transaction Discounts are recalculated from the original_price of the first one.
				const discounts = (item.discounts as Discount[] | undefined) ?? [];
				const firstTransaction = discounts.find((d) => d.transaction_discount);
				const row = {
					...item,
					price: firstTransaction?.original_price ?? price,
					discounts: discounts.filter((d) => !d.transaction_discount),
				} as Row;
				lists[key].push(row);
				rows.push({ key, row, kind, refId, quantity });
			}
		}
		const previous = new Map<string, Discount>();
		for (const key of Object.keys(lists)) {
			for (const item of (trx[key as 'appointments'] ?? []) as Array<{ discounts?: Discount[] }>) {
				for (const d of item.discounts ?? []) if (d.transaction_discount && d.pos_id && !previous.has(d.pos_id)) previous.set(d.pos_id, d);
			}
		}
		const transactionDiscounts = [...previous.values(), ...newDiscounts];
		for (const d of transactionDiscounts) {
			const type = DISCOUNT_TYPES.find((t) => t.discount_type_id === d.discount_type_id);
			if (!type) return fail('DISCOUNTTYPENOTFOUND', `Discount type ${d.discount_type_id} was not found`, ['discounts']);
			const base = rows.reduce((sum, r) => sum + r.row.price, 0);
			const total = type.discount_type === '%' ? round2((base * type.amount) / 100) : Math.min(base, round2(d.amount ?? type.amount));
			let left = total;
			rows.forEach(({ row }, i) => {
				const share = type.discount_type === '%' ? round2((row.price * type.amount) / 100) : i === rows.length - 1 ? round2(left) : round2(base === 0 ? 0 : (total * row.price) / base);
				left = round2(left - share);
				const before = row.price;
				row.price = round2(before - share);
				row.discounts = [
					...(row.discounts ?? []),
					{
						amount: share,
						discount_type_id: type.discount_type_id,
						...(d.operator_id !== undefined ? { operator_id: d.operator_id } : {}),
						order: (row.discounts?.length ?? 0) + 1,
						original_price: before,
						pos_id: d.pos_id,
						transaction_discount: true,
					},
				];
			});
		}

		// Redemption: each item alone, then the whole transaction in order (package, then membership, then loyalty points).
		const packageLeft = new Map<string, number>();
		const membershipLeft = new Map<string, number>();
		const pointsLeft = new Map<number, number>();
		const poolKey = (clientId: number, kind: string, refId: number) => `${clientId}:${kind}:${refId}`;
		const take = (left: Map<string, number>, pool: PoolItem[], clientId: number, kind: 'service' | 'product', refId: number, wanted: number) => {
			const key = poolKey(clientId, kind, refId);
			if (!left.has(key)) left.set(key, poolLeft(pool, clientId, kind === 'service' ? { service_id: refId } : { product_id: refId }));
			const got = Math.min(wanted, left.get(key)!);
			left.set(key, left.get(key)! - got);
			return got;
		};
		for (const { row, kind, refId, quantity } of rows) {
			const client = state.clients.get(row.client_id);
			if (kind === 'service') {
				const service = serviceOf(refId)!;
				Object.assign(row, serviceRedeemFlags(row.client_id, client, service));
				const viaPackage = take(packageLeft, packagePool, row.client_id, 'service', refId, 1) === 1;
				const viaMembership = !viaPackage && take(membershipLeft, membershipPool, row.client_id, 'service', refId, 1) === 1;
				let viaPoints = false;
				if (!viaPackage && !viaMembership && row.can_redeem_via_loyalty_points === true) {
					const points = pointsLeft.get(row.client_id) ?? client?.loyalty_points ?? 0;
					viaPoints = points >= loyaltyCost(service);
					if (viaPoints) pointsLeft.set(row.client_id, points - loyaltyCost(service));
				}
				Object.assign(row, {
					can_redeem_via_package_combined: viaPackage,
					can_redeem_via_membership_combined: viaMembership,
					can_redeem_via_loyalty_points_combined: viaPoints,
				});
			} else if (kind === 'product') {
				const flags = productRedeemFlags(row.client_id, refId, quantity);
				Object.assign(row, flags, flags.can_redeem_via_package ? { package_quantity_to_redeem: flags.can_redeem_via_package_quantity } : {});
				const viaPackage = take(packageLeft, packagePool, row.client_id, 'product', refId, quantity);
				const viaMembership = take(membershipLeft, membershipPool, row.client_id, 'product', refId, quantity - viaPackage);
				Object.assign(row, {
					can_redeem_via_package_combined: viaPackage > 0,
					...(viaPackage > 0 ? { can_redeem_via_package_quantity_combined: viaPackage } : {}),
					can_redeem_via_membership_combined: viaMembership > 0,
					...(viaMembership > 0 ? { can_redeem_via_membership_quantity_combined: viaMembership } : {}),
				});
			}
		}
		const amount = round2(rows.reduce((sum, r) => sum + r.row.price, 0));
		const transaction: Record<string, unknown> = { amount, ...lists };
		if (trx.transaction_id !== undefined) transaction.transaction_id = trx.transaction_id;
		return ok({ transaction });
	}

	return { reset, methods };
};
