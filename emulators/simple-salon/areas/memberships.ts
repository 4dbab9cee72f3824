import { z } from 'zod';

import type { EmulatorResponse } from '../../shared/emulator';
import type { SimpleSalonState } from '../index';
import * as schema from '../schemas';
import { COMPANY_ID } from '../seed';
import {
	SISTER_LOCATIONS,
	applySharing,
	clientRecord,
	companyOf,
	companyRecord,
	createdRange,
	discountsOut,
	expand,
	expandedField,
	grouped,
	int,
	local,
	money,
	onlineBookingClients,
	operatorRecord,
	opt,
	productRecord,
	related,
	serviceRecord,
	sharingFields,
	soldFilterFields,
	taxIn,
	taxRecord,
	wall,
	wallOf,
	type SoldDiscount,
} from './sold';
import { fail, ok, page, parse, type AreaFactory } from './types';

/*
 * Memberships: the membership types the salon sells (upfront or recurring, with check-in allowances and included
 * items), the memberships sold to clients, their included items per period, Dome sharing, and the status of clients
 * and client memberships in the third-party direct-debit gateway.
 */

type PaymentType = 'upfront' | 'recurring';
type RecurringType = 'weekly' | 'fortnightly' | 'monthly' | 'fourweekly';

export interface MembershipType {
	membership_id: number;
	name: string;
	payment_type: PaymentType;
	setup_fee: number;
	recurring_fee?: number;
	recurring_type?: RecurringType;
	checkin_allowance_type: 'unlimited' | 'perday' | 'perweek' | 'permonth' | 'peryear';
	checkin_allowance_number?: number;
	checkin_allowance_period_type: 'calendar' | 'start_date';
	checkin_service_id: number;
	expiry_type: 'never' | 'days' | 'weeks' | 'months' | 'years';
	expiry_number?: number;
	suspension_allowed: boolean;
	minimum_suspension_type?: 'none' | 'weeks' | 'months';
	minimum_suspension_number?: number;
	maximum_suspension_type?: 'none' | 'weeks' | 'months';
	maximum_suspension_number?: number;
	minimum_cancellation_type: 'none' | 'weeks' | 'months';
	minimum_cancellation_number?: number;
	tax_free: boolean;
	/** What the membership includes each period (recurring) or once (upfront). */
	items: Array<{ type: 'service' | 'product'; id: number; quantity: number }>;
}

export const MEMBERSHIP_TYPES: MembershipType[] = [
	{
		membership_id: 4646,
		name: '1 Year Upfront',
		payment_type: 'upfront',
		setup_fee: 100,
		checkin_allowance_type: 'unlimited',
		checkin_allowance_period_type: 'start_date',
		checkin_service_id: 3333,
		expiry_type: 'never',
		suspension_allowed: true,
		minimum_suspension_type: 'none',
		maximum_suspension_type: 'none',
		minimum_cancellation_type: 'none',
		tax_free: true,
		items: [],
	},
	{
		membership_id: 4647,
		name: 'Blow-Dry Club (Monthly)',
		payment_type: 'recurring',
		setup_fee: 0,
		recurring_fee: 79,
		recurring_type: 'monthly',
		checkin_allowance_type: 'perweek',
		checkin_allowance_number: 1,
		checkin_allowance_period_type: 'calendar',
		checkin_service_id: 3333,
		expiry_type: 'never',
		suspension_allowed: true,
		minimum_suspension_type: 'weeks',
		minimum_suspension_number: 1,
		maximum_suspension_type: 'months',
		maximum_suspension_number: 3,
		minimum_cancellation_type: 'months',
		minimum_cancellation_number: 3,
		tax_free: false,
		items: [
			{ type: 'service', id: 3333, quantity: 2 },
			{ type: 'product', id: 5558, quantity: 1 }, // Heat Protect Spray
		],
	},
	{
		membership_id: 4648,
		name: 'Weekly Manicure',
		payment_type: 'recurring',
		setup_fee: 20,
		recurring_fee: 25,
		recurring_type: 'weekly',
		checkin_allowance_type: 'perweek',
		checkin_allowance_number: 1,
		checkin_allowance_period_type: 'start_date',
		checkin_service_id: 3336,
		expiry_type: 'never',
		suspension_allowed: false,
		minimum_cancellation_type: 'weeks',
		minimum_cancellation_number: 4,
		tax_free: false,
		items: [{ type: 'service', id: 3336, quantity: 1 }],
	},
	{
		membership_id: 4649,
		name: 'VIP Colour Year',
		payment_type: 'upfront',
		setup_fee: 1200,
		checkin_allowance_type: 'permonth',
		checkin_allowance_number: 2,
		checkin_allowance_period_type: 'start_date',
		checkin_service_id: 3335,
		expiry_type: 'years',
		expiry_number: 1,
		suspension_allowed: false,
		minimum_cancellation_type: 'none',
		tax_free: false,
		items: [
			{ type: 'service', id: 3335, quantity: 4 },
			{ type: 'service', id: 3333, quantity: 6 },
			{ type: 'product', id: 5568, quantity: 2 }, // OI Conditioner
		],
	},
];

/** The default client membership gateway (Third Party Link Types are not in the docs; a direct-debit provider). */
export const MEMBERSHIP_GATEWAY = 'ezidebit';
const GATEWAY_SITE = 'https://gateway.example.com/ezidebit';
/** Client fields the gateway needs before a client can be linked. */
const GATEWAY_REQUIRED_FIELDS = ['firstname', 'lastname', 'email', 'mobile', 'address_line1', 'address_suburb', 'address_postcode', 'date_of_birth'] as const;

type GatewayStatus = 'not_linked' | 'active' | 'pending' | 'suspended' | 'cancelled' | 'error';

interface GatewayLink {
	/** What the salon last heard (answered when gateway_refresh is false). */
	status: GatewayStatus;
	/** What the gateway would answer now (gateway_refresh: true). */
	live: GatewayStatus;
	description?: string;
	/** The gateway does not answer a live query. */
	unreachable?: boolean;
}

interface ClientMembership {
	client_membership_id: number;
	client_id: number;
	company_id: number;
	membership_id: number;
	operator_id: number;
	price: number;
	start_date: string;
	transaction_id: number;
	use_direct_debit: boolean;
	discount_type_id: number;
	membership_gateway_id: string;
	created: string;
	discounts: SoldDiscount[];
	gateway?: GatewayLink;
}

export const FIRST_CLIENT_MEMBERSHIP_ID = 2469;

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
const round2 = (n: number) => Math.round(n * 100) / 100;

const childMembershipId = (membershipId: number, companyId: number) => membershipId * 100 + SISTER_LOCATIONS.indexOf(companyId) + 1;

const membershipFilter = z.object({ company_id: int.optional(), dome_membership_id: int.optional() }).strict();
const membershipList = z.object({ filters: membershipFilter, options: schema.listOptions.optional() }).strict();
// The docs' table names the ID `voucher_id` (a copy-paste slip); their example sends `membership_id`. Both are read.
const membershipSharing = z.object({ membership_id: int.optional(), voucher_id: int.optional(), ...sharingFields }).strict();

const clientMembershipFilter = z.object(soldFilterFields).strict();
const clientMembershipList = z.object({ filters: clientMembershipFilter, options: schema.listOptions.optional() }).strict();
const clientMembershipGet = z.object({ client_membership_id: int, expanded_fields: z.array(expandedField).optional() }).strict();
const clientMembershipInput = z
	.object({
		client_membership_id: int,
		client_id: opt(int),
		company_id: opt(int),
		membership_id: opt(int),
		operator_id: opt(int),
		price: opt(money.min(0)),
		start_date: opt(z.string()),
		use_direct_debit: opt(z.boolean()),
		membership_gateway_id: opt(z.string()),
		discount_type_id: opt(int.min(0)),
		// Read-only or expanded: accepted (a fetched record can be sent back) and ignored.
		tax_amount: z.unknown().optional(),
		transaction_id: z.unknown().optional(),
		membership: z.unknown().optional(),
		discounts: z.unknown().optional(),
		membership_gateway_status: z.unknown().optional(),
	})
	.strict();
const clientMembershipUpdate = z.object({ client_membership: clientMembershipInput }).strict();
const clientMembershipId = z.object({ client_membership_id: int }).strict();
const itemFilter = z
	.object({
		client_membership_id: int.optional(),
		client_id: int.optional(),
		online_booking_client_id: int.optional(),
		all_quantity_used: z.boolean().optional(),
		client_membership_active: z.boolean().optional(),
		company_id: int.optional(),
		period_date: z.string().optional(),
		type: z.enum(['product', 'service']).optional(),
	})
	.strict();
const itemList = z.object({ filters: itemFilter, options: schema.listOptions.optional() }).strict();
const clientStatus = z.object({ client_id: int, gateway_refresh: opt(z.boolean()) }).strict();
const clientMembershipStatus = z.object({ client_membership_id: int, gateway_refresh: opt(z.boolean()) }).strict();

function addMonths(ms: number, months: number): number {
	const d = new Date(ms);
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
}

/** The claim period of a membership that contains `at` (both wall clock); upfront memberships have one period. */
function periodOf(cm: ClientMembership, type: MembershipType, at: string): { start: string; end?: string; index: number } {
	if (type.payment_type === 'upfront' || !type.recurring_type) return { start: cm.start_date, index: 0 };
	const start = Date.parse(`${cm.start_date}Z`);
	const now = Math.max(Date.parse(`${at}Z`), start);
	let from: number;
	let to: number;
	let index: number;
	if (type.recurring_type === 'monthly') {
		const a = new Date(now);
		const s = new Date(start);
		index = (a.getUTCFullYear() - s.getUTCFullYear()) * 12 + a.getUTCMonth() - s.getUTCMonth();
		if (addMonths(start, index) > now) index--;
		from = addMonths(start, index);
		to = addMonths(start, index + 1);
	} else {
		const step = { weekly: 7, fortnightly: 14, fourweekly: 28 }[type.recurring_type] * DAY;
		index = Math.floor((now - start) / step);
		from = start + index * step;
		to = from + step;
	}
	const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);
	return { start: iso(from), end: iso(to), index };
}

export const membershipsArea: AreaFactory = (ctx) => {
	const state: SimpleSalonState = ctx.state;
	let types: MembershipType[] = [];
	let sharing = new Map<number, Set<number>>();
	let clientMemberships: ClientMembership[] = [];
	let clientGateways = new Map<number, GatewayLink>();

	function seed() {
		types = MEMBERSHIP_TYPES.map((t) => ({ ...t, items: t.items.map((i) => ({ ...i })) }));
		sharing = new Map(types.map((t) => [t.membership_id, new Set(t.membership_id === 4647 ? [12346] : [])]));
		clientGateways = new Map();
		clientMemberships = [];
		const clientIds = [...state.clients.keys()].sort((a, b) => a - b);
		const recurringStates: Array<Pick<GatewayLink, 'status' | 'live' | 'description' | 'unreachable'> | undefined> = [
			{ status: 'active', live: 'active' },
			{ status: 'pending', live: 'active', description: 'Awaiting the first direct debit' },
			{ status: 'active', live: 'active', unreachable: true },
			{ status: 'suspended', live: 'suspended', description: 'Suspended by the client until further notice' },
			undefined, // sold without a direct-debit link
			{ status: 'error', live: 'error', description: 'Direct debit failed: insufficient funds' },
			{ status: 'cancelled', live: 'cancelled' },
		];
		let recurring = 0;
		for (let i = 0; i < 24 && clientIds.length > 0; i++) {
			const type = types[i % types.length];
			const clientId = clientIds[i === 0 ? 0 : (5 + i * 11) % clientIds.length];
			const id = FIRST_CLIENT_MEMBERSHIP_ID + i;
			const start = `${2024 + (i % 2)}-${pad((i % 12) + 1)}-${pad((i % 27) + 1)}T00:00:00`;
			const price = type.payment_type === 'upfront' ? type.setup_fee : type.setup_fee + (type.recurring_fee ?? 0);
			const cm: ClientMembership = {
				client_membership_id: id,
				client_id: clientId,
				company_id: COMPANY_ID,
				membership_id: type.membership_id,
				operator_id: i % 2 === 0 ? 2222 : 2223,
				price,
				start_date: start,
				transaction_id: i % 6 === 5 ? 0 : 85735 + i,
				use_direct_debit: false,
				discount_type_id: 0,
				membership_gateway_id: '',
				created: start.replace('T00:00:00', 'T10:45:00'),
				discounts:
					i % 5 === 2 && price > 0
						? [{ discount_id: 7100 + i, amount: round2(price * 0.1), original_price: price, discount_type_id: 501, operator_id: 2222, date_created: start.replace('T00:00:00', 'T10:45:00'), transaction_id: 85735 + i }]
						: [],
			};
			if (type.payment_type === 'recurring') {
				const link = recurringStates[recurring++ % recurringStates.length];
				if (link) {
					cm.use_direct_debit = true;
					cm.membership_gateway_id = `EZM-${id}`;
					cm.gateway = { ...link };
					const client = state.clients.get(clientId);
					if (client) {
						client.membership_gateway = MEMBERSHIP_GATEWAY;
						client.membership_gateway_id = `EZC-${clientId}`;
					}
					const known = clientGateways.get(clientId);
					if (!known || link.status === 'pending' || link.unreachable) {
						clientGateways.set(clientId, {
							status: link.status === 'pending' ? 'pending' : 'active',
							live: 'active',
							unreachable: link.unreachable,
							description: link.status === 'pending' ? 'New customer, awaiting activation' : undefined,
						});
					}
				}
			}
			clientMemberships.push(cm);
		}
	}

	const typeById = (id: number) => types.find((t) => t.membership_id === id);

	/** A membership as a company sees it: the salon's own, or the copy a sister location got by sharing. */
	function findMembership(id: number): { type: MembershipType; company: number } | undefined {
		const own = typeById(id);
		if (own) return { type: own, company: COMPANY_ID };
		for (const type of types) {
			for (const company of sharing.get(type.membership_id) ?? []) {
				if (childMembershipId(type.membership_id, company) === id) return { type, company };
			}
		}
		return undefined;
	}

	function membershipOut(type: MembershipType, company = COMPANY_ID): Record<string, unknown> {
		const { items, ...fields } = type;
		const out: Record<string, unknown> = { ...fields, company_id: company, includes_items: items.length > 0 };
		if (!type.tax_free) {
			out.tax_id_override = 0;
			out.tax = taxRecord(0);
		}
		if (company !== COMPANY_ID) {
			out.membership_id = childMembershipId(type.membership_id, company);
			out.dome_membership_id = type.membership_id;
		}
		return out;
	}

	function gatewayStatusOf(cm: ClientMembership): Record<string, unknown> {
		const type = typeById(cm.membership_id);
		if (!type || type.payment_type === 'upfront') return { status: 'none' };
		const client = state.clients.get(cm.client_id);
		const gateway = client?.membership_gateway ? { gateway: client.membership_gateway } : {};
		if (!cm.gateway || cm.membership_gateway_id === '') return { ...gateway, status: 'not_linked' };
		return {
			...gateway,
			status: cm.gateway.status,
			...(cm.gateway.description && ['pending', 'error'].includes(cm.gateway.status) ? { description: cm.gateway.description } : {}),
			view_url: `${GATEWAY_SITE}/memberships/${cm.membership_gateway_id}`,
		};
	}

	function clientMembershipOut(cm: ClientMembership): Record<string, unknown> {
		return {
			client_membership_id: cm.client_membership_id,
			client_id: cm.client_id,
			company_id: cm.company_id,
			discount_type_id: cm.discount_type_id,
			membership_id: cm.membership_id,
			membership_gateway_id: cm.membership_gateway_id,
			membership_gateway_status: gatewayStatusOf(cm),
			operator_id: cm.operator_id,
			price: cm.price,
			start_date: local(cm.start_date),
			tax_amount: typeById(cm.membership_id)?.tax_free ? 0 : taxIn(cm.price),
			transaction_id: cm.transaction_id,
			use_direct_debit: cm.use_direct_debit,
		};
	}

	const clientMembershipById = (id: number): ClientMembership | EmulatorResponse =>
		clientMemberships.find((cm) => cm.client_membership_id === id) ??
		fail('CLIENTMEMBERSHIPNOTFOUND', `Client membership ${id} was not found`, ['client_membership_id']);

	/** Whether a client membership is running on a date: not expired, suspended or cancelled. */
	function isActive(cm: ClientMembership, at: string): boolean {
		const type = typeById(cm.membership_id);
		if (cm.gateway && ['suspended', 'cancelled'].includes(cm.gateway.status)) return false;
		if (type && type.expiry_type !== 'never' && type.expiry_number) {
			const start = Date.parse(`${cm.start_date}Z`);
			const n = type.expiry_number;
			const end =
				type.expiry_type === 'years'
					? addMonths(start, 12 * n)
					: type.expiry_type === 'months'
						? addMonths(start, n)
						: start + n * (type.expiry_type === 'weeks' ? 7 : 1) * DAY;
			if (Date.parse(`${at}Z`) >= end) return false;
		}
		return true;
	}

	seed();

	return {
		reset: seed,
		methods: {
			'membership/list'(body) {
				const parsed = parse(membershipList, body);
				if ('error' in parsed) return parsed.error;
				const { filters, options } = parsed.value;
				const company = companyOf(filters.company_id);
				if ('error' in company) return company.error;
				const rows = types
					.filter((t) => company.company === COMPANY_ID || sharing.get(t.membership_id)?.has(company.company))
					.map((t) => membershipOut(t, company.company))
					.filter((m) => filters.dome_membership_id === undefined || m.dome_membership_id === filters.dome_membership_id);
				// "rows_per_page can be -1 to retrieve all memberships"
				const paged = page(rows, options, ctx.maxRows, true);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, memberships: paged.slice });
			},
			'membership/get'(body) {
				const parsed = parse(z.object({ membership_id: int }).strict(), body);
				if ('error' in parsed) return parsed.error;
				const found = findMembership(parsed.value.membership_id);
				if (!found) return fail('MEMBERSHIPNOTFOUND', `Membership ${parsed.value.membership_id} was not found`, ['membership_id']);
				return ok({ membership: membershipOut(found.type, found.company) });
			},
			'membership/sharing/update'(body) {
				const parsed = parse(membershipSharing, body);
				if ('error' in parsed) return parsed.error;
				const { membership_id: membershipId, voucher_id: voucherId } = parsed.value;
				if (membershipId === undefined && voucherId === undefined) return fail('MISSINGPARAMETER', 'membership_id is required', ['membership_id']);
				if (membershipId !== undefined && voucherId !== undefined && membershipId !== voucherId) {
					return fail('INVALIDPARAMETER', 'membership_id and voucher_id name different memberships', ['voucher_id']);
				}
				const id = (membershipId ?? voucherId)!;
				const type = typeById(id);
				if (!type) {
					return findMembership(id)
						? fail('INVALIDPARAMETER', `Membership ${id} belongs to a child location; share the Dome membership instead`, ['membership_id'])
						: fail('MEMBERSHIPNOTFOUND', `Membership ${id} was not found`, ['membership_id']);
				}
				const problem = applySharing(sharing.get(id)!, parsed.value);
				return problem ?? ok({});
			},
			'client_membership/list'(body, { req }) {
				const parsed = parse(clientMembershipList, body);
				if ('error' in parsed) return parsed.error;
				const { filters, options } = parsed.value;
				const online = onlineBookingClients(state, filters, req, ctx.now());
				if ('error' in online) return online.error;
				const company = companyOf(filters.company_id);
				if ('error' in company) return company.error;
				const created = createdRange(filters);
				if ('error' in created) return created.error;
				// "If omitted, and client_id is also omitted, defaults to the logged in user's company ID."
				const byCompany = filters.company_id !== undefined || filters.client_id === undefined;
				const rows = clientMemberships
					.filter((cm) => !byCompany || cm.company_id === company.company)
					.filter((cm) => filters.client_id === undefined || cm.client_id === filters.client_id)
					.filter((cm) => online.clientIds === undefined || online.clientIds.includes(cm.client_id))
					.filter((cm) => filters.operator_id === undefined || cm.operator_id === filters.operator_id)
					.filter((cm) => filters.transaction_id === undefined || cm.transaction_id === filters.transaction_id)
					.filter((cm) => created.test(cm.created));
				const paged = page(rows, options, ctx.maxRows, false);
				if ('error' in paged) return paged.error!;
				const side = grouped(options?.expanded_fields_grouped, {
					clients: () => related(paged.slice.map((cm) => cm.client_id), (id) => clientRecord(state, id)),
					memberships: () => related(paged.slice.map((cm) => cm.membership_id), (id) => (typeById(id) ? membershipOut(typeById(id)!) : undefined)),
					operators: () => related(paged.slice.map((cm) => cm.operator_id), (id) => operatorRecord(state, id)),
					// Listed by the docs; no client membership points at a package.
					packages: () => [],
				});
				if ('error' in side) return side.error;
				return ok({ ...paged.meta, client_memberships: paged.slice.map(clientMembershipOut), ...side.out });
			},
			'client_membership/get'(body) {
				const parsed = parse(clientMembershipGet, body);
				if ('error' in parsed) return parsed.error;
				const cm = clientMembershipById(parsed.value.client_membership_id);
				if ('status' in cm) return cm;
				const out = clientMembershipOut(cm);
				const problem = expand(
					[out],
					parsed.value.expanded_fields,
					{ discounts: () => discountsOut(cm.discounts, { type: 'client_membership', idField: 'client_membership_id', id: cm.client_membership_id, company_id: cm.company_id }) },
					'expanded_fields',
				);
				return problem ?? ok({ client_membership: out });
			},
			'client_membership/update'(body) {
				const parsed = parse(clientMembershipUpdate, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value.client_membership;
				const cm = clientMembershipById(input.client_membership_id);
				if ('status' in cm) {
					return fail('CLIENTMEMBERSHIPNOTFOUND', `Client membership ${input.client_membership_id} was not found`, ['client_membership.client_membership_id']);
				}
				for (const field of ['client_id', 'company_id'] as const) {
					if (input[field] != null && input[field] !== cm[field]) {
						return fail('FIELDUPDATENOTALLOWED', `client_membership.${field} cannot be changed`, [`client_membership.${field}`]);
					}
				}
				if (input.membership_id != null && !typeById(input.membership_id)) {
					return fail('INVALIDPARAMETER', `client_membership.membership_id ${input.membership_id} is not a membership`, ['client_membership.membership_id']);
				}
				if (input.operator_id != null && !state.operators.some((o) => o.operator_id === input.operator_id)) {
					return fail('INVALIDPARAMETER', `client_membership.operator_id ${input.operator_id} is not an operator`, ['client_membership.operator_id']);
				}
				let start: string | undefined;
				if (input.start_date != null) {
					start = wall(input.start_date);
					if (!start) return fail('INVALIDPARAMETER', 'client_membership.start_date is not a valid date (see Dates)', ['client_membership.start_date']);
				}
				if (input.membership_id != null) cm.membership_id = input.membership_id;
				if (input.operator_id != null) cm.operator_id = input.operator_id;
				if (input.price != null) cm.price = input.price;
				if (start) cm.start_date = start;
				if (input.use_direct_debit != null) cm.use_direct_debit = input.use_direct_debit;
				if (input.membership_gateway_id != null) cm.membership_gateway_id = input.membership_gateway_id;
				if (input.discount_type_id != null) cm.discount_type_id = input.discount_type_id;
				const type = typeById(cm.membership_id)!;
				// As the docs' example: the updated record comes back with a minimal membership.
				return ok({
					client_membership: {
						...clientMembershipOut(cm),
						membership: { company_id: COMPANY_ID, membership_id: type.membership_id, name: type.name },
					},
				});
			},
			'client_membership/delete'(body) {
				const parsed = parse(clientMembershipId, body);
				if ('error' in parsed) return parsed.error;
				const cm = clientMembershipById(parsed.value.client_membership_id);
				if ('status' in cm) return cm;
				clientMemberships = clientMemberships.filter((other) => other !== cm);
				return ok({});
			},
			'client_membership/item/list'(body, { req }) {
				const parsed = parse(itemList, body);
				if ('error' in parsed) return parsed.error;
				const { filters, options } = parsed.value;
				if (filters.client_membership_id === undefined && filters.client_id === undefined && filters.online_booking_client_id === undefined) {
					return fail('MISSINGPARAMETER', 'Specify filters.client_membership_id, filters.client_id or filters.online_booking_client_id', [
						'filters.client_membership_id',
					]);
				}
				const online = onlineBookingClients(state, filters, req, ctx.now());
				if ('error' in online) return online.error;
				const company = companyOf(filters.company_id);
				if ('error' in company) return company.error;
				let at = wallOf(ctx.now());
				if (filters.period_date !== undefined) {
					const date = wall(filters.period_date);
					if (!date) return fail('INVALIDPARAMETER', 'filters.period_date is not a valid date (see Dates)', ['filters.period_date']);
					at = date;
				}
				const memberships = clientMemberships
					.filter((cm) => filters.client_membership_id === undefined || cm.client_membership_id === filters.client_membership_id)
					.filter((cm) => filters.client_id === undefined || cm.client_id === filters.client_id)
					.filter((cm) => online.clientIds === undefined || online.clientIds.includes(cm.client_id))
					.filter((cm) => filters.company_id === undefined || cm.company_id === company.company)
					.filter((cm) => filters.client_membership_active === undefined || isActive(cm, at) === filters.client_membership_active);
				const rows: Array<Record<string, unknown>> = [];
				const periods: Array<{ start: string; end?: string }> = [];
				for (const cm of memberships) {
					const type = typeById(cm.membership_id);
					if (!type) continue;
					const period = periodOf(cm, type, at);
					periods.push(period);
					type.items.forEach((item, index) => {
						if (filters.type !== undefined && item.type !== filters.type) return;
						// Deterministic usage: some items used up, some not, changing from one period to the next.
						const used = (cm.client_membership_id + index * 3 + period.index) % (item.quantity + 1);
						if (filters.all_quantity_used !== undefined && (used >= item.quantity) !== filters.all_quantity_used) return;
						rows.push({
							client_membership_item_id: cm.client_membership_id * 10 + index,
							client_membership_id: cm.client_membership_id,
							company_id: cm.company_id,
							period_start: local(period.start),
							...(period.end ? { period_end: local(period.end) } : {}),
							[item.type === 'service' ? 'service_id' : 'product_id']: item.id,
							quantity: item.quantity,
							quantity_used: used,
							type: item.type,
						});
					});
				}
				const paged = page(rows, options, ctx.maxRows, false);
				if ('error' in paged) return paged.error!;
				const problem = expand(
					paged.slice,
					options?.expanded_fields,
					{
						product: (r) => (r.product_id === undefined ? undefined : productRecord(state, r.product_id as number)),
						service: (r) => (r.service_id === undefined ? undefined : serviceRecord(state, r.service_id as number)),
						client_membership: (r) => {
							const cm = clientMemberships.find((c) => c.client_membership_id === r.client_membership_id);
							return cm ? clientMembershipOut(cm) : undefined;
						},
					},
					'options.expanded_fields',
				);
				if (problem) return problem;
				const groupedFields = options?.expanded_fields_grouped;
				if (groupedFields?.length && filters.online_booking_client_id === undefined) {
					return fail('INVALIDPARAMETER', 'options.expanded_fields_grouped companies is only available with filters.online_booking_client_id', [
						'options.expanded_fields_grouped',
					]);
				}
				const side = grouped(groupedFields, {
					companies: () => related(paged.slice.map((r) => r.company_id as number), companyRecord),
				});
				if ('error' in side) return side.error;
				// As the docs' example: the claim period of a single client membership also at the top level.
				const single = filters.client_membership_id !== undefined && periods.length === 1 ? periods[0] : undefined;
				return ok({
					...paged.meta,
					client_membership_items: paged.slice,
					...(single ? { period_start: local(single.start), ...(single.end ? { period_end: local(single.end) } : {}) } : {}),
					...side.out,
				});
			},
			'third_party/client_membership/client/status'(body) {
				const parsed = parse(clientStatus, body);
				if ('error' in parsed) return parsed.error;
				const client = state.clients.get(parsed.value.client_id);
				if (!client) return fail('CLIENTNOTFOUND', `Client ${parsed.value.client_id} was not found`, ['client_id']);
				const link = clientGateways.get(client.client_id);
				if (!client.membership_gateway || !link) {
					const missing = GATEWAY_REQUIRED_FIELDS.filter((field) => String(client[field] ?? '').trim() === '');
					return ok({ status: 'not_linked', fields_required: missing });
				}
				if (parsed.value.gateway_refresh) {
					if (link.unreachable) {
						return fail('GATEWAYUNAVAILABLE', `The client membership gateway (${client.membership_gateway}) did not respond; try again later`, [
							client.membership_gateway,
						]);
					}
					link.status = link.live;
					if (link.status !== 'pending') link.description = undefined;
				}
				return ok({
					gateway: client.membership_gateway,
					status: link.status,
					...(link.description && ['pending', 'error'].includes(link.status) ? { description: link.description } : {}),
					view_url: `${GATEWAY_SITE}/customers/${client.membership_gateway_id}`,
				});
			},
			'third_party/client_membership/client_membership/status'(body) {
				const parsed = parse(clientMembershipStatus, body);
				if ('error' in parsed) return parsed.error;
				const cm = clientMembershipById(parsed.value.client_membership_id);
				if ('status' in cm) return cm;
				if (parsed.value.gateway_refresh && cm.gateway && cm.membership_gateway_id !== '') {
					if (cm.gateway.unreachable) {
						return fail('GATEWAYUNAVAILABLE', `The client membership gateway (${MEMBERSHIP_GATEWAY}) did not respond; try again later`, [MEMBERSHIP_GATEWAY]);
					}
					cm.gateway.status = cm.gateway.live;
				}
				return ok(gatewayStatusOf(cm));
			},
		},
	};
};
