import { z } from 'zod';

import type { EmulatorResponse } from '../../shared/emulator';
import type { SimpleSalonState } from '../index';
import * as schema from '../schemas';
import { COMPANY_ID } from '../seed';
import {
	DOME_LOCATIONS,
	SISTER_LOCATIONS,
	VOUCHERS,
	clientRecord,
	companyOf,
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
	related,
	soldFilterFields,
	wall,
	wallOf,
	type SoldDiscount,
} from './sold';
import { fail, ok, page, parse, type AreaFactory } from './types';

/*
 * Gift vouchers sold to clients: cash vouchers with a remaining value and item vouchers, searchable by barcode (also
 * across the Dome), and sent to the client by email and/or SMS (queued; every send queues again).
 */

interface ClientVoucher {
	client_voucher_id: number;
	barcode: string;
	client_id: number;
	company_id: number;
	voucher_id: number;
	price: number;
	/** Remaining value (cash vouchers). */
	value: number;
	/** Wall clock; '' = never expires. */
	expiry_date: string;
	operator_id: number;
	transaction_id: number;
	discount_type_id: number;
	created: string;
	discounts: SoldDiscount[];
	online_booking_last_sent_date: string;
	online_booking_last_sent_email: string;
}

export interface QueuedVoucher {
	client_voucher_id: number;
	/** '' when not sent by email. */
	email: string;
	/** '' when not sent by SMS. */
	mobile: string;
}

const outboxes = new WeakMap<SimpleSalonState, QueuedVoucher[]>();

/** The voucher messages an emulator has queued (for tests: `client_voucher/send` answers only `success`). */
export function queuedVouchers(state: SimpleSalonState): QueuedVoucher[] {
	return outboxes.get(state) ?? [];
}

export const FIRST_CLIENT_VOUCHER_ID = 2769;

const DAY = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const round2 = (n: number) => Math.round(n * 100) / 100;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MOBILE = /^\+?[\d\s()-]{6,20}$/;

const clientVoucherList = z
	.object({
		filters: z
			.object({
				...soldFilterFields,
				barcode: z.string().optional(),
				expired: z.boolean().optional(),
				search_all_dome: z.boolean().optional(),
				type: z.enum(['cash', 'item']).optional(),
				voucher_id: int.optional(),
			})
			.strict(),
		options: schema.listOptions.optional(),
	})
	.strict();
const clientVoucherUpdate = z
	.object({
		client_voucher: z
			.object({
				client_voucher_id: int,
				client_id: opt(int),
				company_id: opt(int),
				barcode: opt(z.string()),
				price: opt(money.min(0)),
				value: opt(money.min(0)),
				expiry_date: opt(z.string()),
				operator_id: opt(int),
				discount_type_id: opt(int.min(0)),
				// Read-only or expanded: accepted and ignored.
				type: z.unknown().optional(),
				voucher_id: z.unknown().optional(),
				voucher: z.unknown().optional(),
				discounts: z.unknown().optional(),
				transaction_id: z.unknown().optional(),
				pos_original_price: z.unknown().optional(),
				online_booking_last_sent_date: z.unknown().optional(),
				online_booking_last_sent_email: z.unknown().optional(),
			})
			.strict(),
	})
	.strict();
const clientVoucherSend = z.object({ client_voucher_id: int, email: z.string().optional(), mobile: z.string().optional() }).strict();

export const vouchersArea: AreaFactory = (ctx) => {
	const state: SimpleSalonState = ctx.state;
	let vouchers: ClientVoucher[] = [];
	const outbox: QueuedVoucher[] = [];
	outboxes.set(state, outbox);

	function seed() {
		vouchers = [];
		outbox.length = 0;
		const clientIds = [...state.clients.keys()].sort((a, b) => a - b);
		const today = Date.parse(`${wallOf(ctx.now()).slice(0, 10)}T00:00:00Z`);
		const dateOnly = (ms: number) => `${new Date(ms).toISOString().slice(0, 10)}T00:00:00`;
		for (let i = 0; i < 40 && clientIds.length > 0; i++) {
			const voucher = VOUCHERS[i === 0 ? 1 : i % VOUCHERS.length];
			const created = `${i % 4 === 0 ? '2024-12' : `2025-0${1 + (i % 3)}`}-${pad(1 + (i % 28))}T${pad(9 + (i % 8))}:30:00`;
			const discounted = i % 6 === 3;
			const price = discounted ? round2(voucher.price * 0.9) : voucher.price;
			const transactionId = i % 8 === 7 ? 0 : 85735 + i;
			const sent = i % 7 === 2;
			const client = state.clients.get(clientIds[i === 0 ? 0 : (7 + i * 9) % clientIds.length])!;
			vouchers.push({
				client_voucher_id: FIRST_CLIENT_VOUCHER_ID + i,
				barcode: `9000000${pad(123 + i, 5)}`,
				client_id: client.client_id,
				// The last few were sold at a sister location of the Dome.
				company_id: i >= 36 ? SISTER_LOCATIONS[0] : COMPANY_ID,
				voucher_id: voucher.voucher_id,
				price,
				value: voucher.type === 'cash' ? [voucher.price, voucher.price - 20, 0, voucher.price][i % 4] : 0,
				expiry_date: i % 5 === 0 ? '' : dateOnly(i % 5 === 1 ? today - (10 + i) * DAY : today + (200 + i * 3) * DAY),
				operator_id: i % 2 === 0 ? 2222 : 2223,
				transaction_id: transactionId,
				discount_type_id: 0,
				created,
				discounts: discounted
					? [{ discount_id: 7700 + i, amount: round2(voucher.price - price), original_price: voucher.price, discount_type_id: 501, operator_id: 2222, date_created: created, transaction_id: transactionId }]
					: [],
				online_booking_last_sent_date: sent ? created : '',
				online_booking_last_sent_email: sent ? client.email || 'gift@example.com' : '',
			});
		}
	}

	const voucherType = (id: number) => VOUCHERS.find((v) => v.voucher_id === id);
	const isExpired = (cv: ClientVoucher) => cv.expiry_date !== '' && cv.expiry_date <= wallOf(ctx.now());

	function clientVoucherOut(cv: ClientVoucher): Record<string, unknown> {
		const type = voucherType(cv.voucher_id);
		const out: Record<string, unknown> = {
			barcode: cv.barcode,
			client_id: cv.client_id,
			client_voucher_id: cv.client_voucher_id,
			company_id: cv.company_id,
			discount_type_id: cv.discount_type_id,
			operator_id: cv.operator_id,
			price: cv.price,
			transaction_id: cv.transaction_id,
			type: type?.type ?? 'cash',
			// "A minimal Voucher object, to provide the voucher name" (always there, as in the docs' examples)
			...(type ? { voucher: { name: type.name, type: type.type, price: type.price, voucher_id: type.voucher_id } } : {}),
			voucher_id: cv.voucher_id,
		};
		if (type?.type === 'cash') out.value = cv.value;
		// "Omitted if the voucher never expires."
		if (cv.expiry_date !== '') out.expiry_date = local(cv.expiry_date);
		if (cv.online_booking_last_sent_date !== '') {
			out.online_booking_last_sent_date = local(cv.online_booking_last_sent_date);
			out.online_booking_last_sent_email = cv.online_booking_last_sent_email;
		}
		return out;
	}

	const clientVoucherById = (id: number, path = 'client_voucher_id'): ClientVoucher | EmulatorResponse =>
		vouchers.find((cv) => cv.client_voucher_id === id) ?? fail('CLIENTVOUCHERNOTFOUND', `Client voucher ${id} was not found`, [path]);

	seed();

	return {
		reset: seed,
		methods: {
			'client_voucher/list'(body, { req }) {
				const parsed = parse(clientVoucherList, body);
				if ('error' in parsed) return parsed.error;
				const { filters, options } = parsed.value;
				const online = onlineBookingClients(state, filters, req, ctx.now());
				if ('error' in online) return online.error;
				const company = companyOf(filters.company_id);
				if ('error' in company) return company.error;
				const created = createdRange(filters);
				if ('error' in created) return created.error;
				// "setting this to true will search for client vouchers across all companies" of the Dome
				const companies = filters.search_all_dome
					? DOME_LOCATIONS.map((c) => c.company_id)
					: filters.company_id !== undefined || filters.client_id === undefined
						? [company.company]
						: undefined;
				const rows = vouchers
					.filter((cv) => companies === undefined || companies.includes(cv.company_id))
					.filter((cv) => filters.client_id === undefined || cv.client_id === filters.client_id)
					.filter((cv) => online.clientIds === undefined || online.clientIds.includes(cv.client_id))
					.filter((cv) => filters.barcode === undefined || cv.barcode === filters.barcode)
					.filter((cv) => filters.voucher_id === undefined || cv.voucher_id === filters.voucher_id)
					.filter((cv) => filters.type === undefined || voucherType(cv.voucher_id)?.type === filters.type)
					.filter((cv) => filters.expired === undefined || isExpired(cv) === filters.expired)
					.filter((cv) => filters.operator_id === undefined || cv.operator_id === filters.operator_id)
					.filter((cv) => filters.transaction_id === undefined || cv.transaction_id === filters.transaction_id)
					.filter((cv) => created.test(cv.created));
				const paged = page(rows, options, ctx.maxRows, false);
				if ('error' in paged) return paged.error!;
				const side = grouped(options?.expanded_fields_grouped, {
					clients: () => related(paged.slice.map((cv) => cv.client_id), (id) => clientRecord(state, id)),
					operators: () => related(paged.slice.map((cv) => cv.operator_id), (id) => operatorRecord(state, id)),
					vouchers: () => related(paged.slice.map((cv) => cv.voucher_id), (id) => (voucherType(id) ? { ...voucherType(id)! } : undefined)),
				});
				if ('error' in side) return side.error;
				return ok({ ...paged.meta, client_vouchers: paged.slice.map(clientVoucherOut), ...side.out });
			},
			'client_voucher/get'(body) {
				const parsed = parse(z.object({ client_voucher_id: int, expanded_fields: z.array(expandedField).optional() }).strict(), body);
				if ('error' in parsed) return parsed.error;
				const cv = clientVoucherById(parsed.value.client_voucher_id);
				if ('status' in cv) return cv;
				const out = clientVoucherOut(cv);
				const problem = expand(
					[out],
					parsed.value.expanded_fields,
					{ discounts: () => discountsOut(cv.discounts, { type: 'client_voucher', idField: 'client_voucher_id', id: cv.client_voucher_id, company_id: cv.company_id }) },
					'expanded_fields',
				);
				return problem ?? ok({ client_voucher: out });
			},
			'client_voucher/update'(body) {
				const parsed = parse(clientVoucherUpdate, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value.client_voucher;
				const cv = clientVoucherById(input.client_voucher_id, 'client_voucher.client_voucher_id');
				if ('status' in cv) return cv;
				for (const field of ['client_id', 'company_id'] as const) {
					if (input[field] != null && input[field] !== cv[field]) {
						return fail('FIELDUPDATENOTALLOWED', `client_voucher.${field} cannot be changed`, [`client_voucher.${field}`]);
					}
				}
				if (input.operator_id != null && !state.operators.some((o) => o.operator_id === input.operator_id)) {
					return fail('INVALIDPARAMETER', `client_voucher.operator_id ${input.operator_id} is not an operator`, ['client_voucher.operator_id']);
				}
				if (input.barcode != null && (input.barcode.trim() === '' || vouchers.some((o) => o !== cv && o.barcode === input.barcode))) {
					return fail('INVALIDPARAMETER', `client_voucher.barcode "${input.barcode}" is empty or already used`, ['client_voucher.barcode']);
				}
				let expiry: string | undefined;
				if (input.expiry_date != null) {
					// Only client packages document "" as "no expiry"; here a date is needed.
					expiry = wall(input.expiry_date);
					if (!expiry) return fail('INVALIDPARAMETER', 'client_voucher.expiry_date is not a valid date (see Dates)', ['client_voucher.expiry_date']);
				}
				if (input.barcode != null) cv.barcode = input.barcode;
				if (input.price != null) cv.price = input.price;
				if (input.value != null) cv.value = input.value;
				if (input.operator_id != null) cv.operator_id = input.operator_id;
				if (input.discount_type_id != null) cv.discount_type_id = input.discount_type_id;
				if (expiry !== undefined) cv.expiry_date = expiry;
				const type = voucherType(cv.voucher_id);
				return ok({
					client_voucher: {
						...clientVoucherOut(cv),
						...(type ? { voucher: { company_id: type.company_id, voucher_id: type.voucher_id, name: type.name } } : {}),
					},
				});
			},
			'client_voucher/delete'(body) {
				const parsed = parse(z.object({ client_voucher_id: int }).strict(), body);
				if ('error' in parsed) return parsed.error;
				const cv = clientVoucherById(parsed.value.client_voucher_id);
				if ('status' in cv) return cv;
				vouchers = vouchers.filter((other) => other !== cv);
				return ok({});
			},
			'client_voucher/send'(body) {
				const parsed = parse(clientVoucherSend, body);
				if ('error' in parsed) return parsed.error;
				const { client_voucher_id: id, email, mobile } = parsed.value;
				const cv = clientVoucherById(id);
				if ('status' in cv) return cv;
				if (email !== undefined && email !== '' && !EMAIL.test(email)) return fail('INVALIDPARAMETER', `email "${email}" is not an email address`, ['email']);
				if (mobile !== undefined && mobile !== '' && !MOBILE.test(mobile)) return fail('INVALIDPARAMETER', `mobile "${mobile}" is not a mobile number`, ['mobile']);
				const client = state.clients.get(cv.client_id);
				// Omitted = the client's own address; an empty string = not on that channel.
				const to = { email: email ?? client?.email ?? '', mobile: mobile ?? client?.mobile ?? '' };
				if (to.email === '' && to.mobile === '') {
					return fail('INVALIDPARAMETER', `There is no email address or mobile number to send client voucher ${id} to`, ['email', 'mobile']);
				}
				outbox.push({ client_voucher_id: id, ...to });
				return ok({});
			},
		},
	};
};
