import { z } from 'zod';

import type { EmulatorResponse } from '../../shared/emulator';
import { DATE_PATTERN, listOptions } from '../schemas';
import { COMPANY_ID, COMPANY_OFFSET, SERVICE_OPERATORS, blankClient, type SalonAppointment, type SalonClient } from '../seed';
import {
	ONLINE_BOOKING_CLIENT_TOKEN_HEADER,
	checkOnlineBookingClient,
	clearOnlineBookingClientTokens,
	issueOnlineBookingClientToken,
} from './onlineBookingClientTokens';
import { fail, ok, parse, DEFAULT_ROWS_PER_PAGE, type AreaContext, type MethodCall, type SalonArea } from './types';

/*
 * Online Booking: the Simple Salon marketplace's own consumers ("Online Booking Clients"), not a company's clients.
 * Every call carries the partner's Bearer token (checked by the core); the methods that act for a consumer also
 * want `X-Online-Booking-Client-Token` from client login/add, which stays valid for a day after each use.
 * Bookings write real appointments into the shared appointment book (unconfirmed until the salon accepts them),
 * and cancelling one deletes them from it.
 */

const int = z.number().int();
/** The company's minimum cancellation period (cancellable_reason not_enough_notice inside it). */
const CANCEL_NOTICE_MS = 24 * 60 * 60 * 1000;

const PROVIDERS = ['email', 'facebook', 'google', 'apple'] as const;
type Provider = (typeof PROVIDERS)[number];
const VERIFICATION_TYPES = ['email', 'mobile'] as const;
type VerificationType = (typeof VERIFICATION_TYPES)[number];

/** The online booking stores: the emulated company (bookable) and another marketplace salon (history only). */
export const ONLINE_BOOKING_COMPANIES = [
	{ online_booking_company_id: 9494, company_id: COMPANY_ID, name: 'Company A', online_booking_url_id: 55887, online_booking_url_tag: 'company-a' },
	{ online_booking_company_id: 7171, company_id: 23456, name: 'Company B', online_booking_url_id: 61234, online_booking_url_tag: 'company-b' },
];
export const BOOKABLE_COMPANY = ONLINE_BOOKING_COMPANIES[0];

/** Gift vouchers the emulated company sells online (price per voucher). */
export const ONLINE_VOUCHERS = [
	{ voucher_id: 501, name: '$50 Gift Voucher', price: 50 },
	{ voucher_id: 502, name: '$100 Gift Voucher', price: 100 },
];

/** The stored card that the payment gateway declines, for "paymentfailed" bookings. */
export const DECLINED_PAYMENT_ID = 3491;

/** The code a client receives to verify an email or mobile (deterministic, so tests can "read the message"). */
export function verificationCodeFor(onlineBookingClientId: number, type: VerificationType): number {
	return 1000 + ((onlineBookingClientId * 7919 + (type === 'mobile' ? 4099 : 0)) % 9000);
}

interface OnlineClient {
	online_booking_client_id: number;
	country_code: string;
	email: string;
	email_reminders_enabled: boolean;
	email_verified: boolean;
	firstname: string;
	image_url: string;
	lastname: string;
	login_provider: Provider;
	login_provider_id: string;
	mobile: string;
	mobile_verified: boolean;
	sms_reminders_enabled: boolean;
	/** The password (email) or the provider token last used (social); never returned. */
	secret: string;
}

interface BookedAppointment {
	appointment_id: number;
	duration: number;
	operator_id: number;
	service_id: number;
	/** Company-local wall clock. */
	start: string;
}

interface OnlineBooking {
	online_booking_appointment_id: number;
	online_booking_client_id: number;
	online_booking_company_id: number;
	appointments: BookedAppointment[];
	/** Whether the appointments live in the shared appointment book (the emulated company) or only here. */
	linked: boolean;
	/** For unlinked (other company) history: its fixed status. */
	status?: 'pending' | 'confirmed' | 'rejected' | 'completed';
	cancelled_by_client: boolean;
	deposit_paid: boolean;
	online_booking_transaction_id?: number;
}

interface OnlineClientVoucher {
	client_voucher_id: number;
	barcode: string;
	online_booking_client_id: number;
	online_booking_company_id: number;
	voucher_id: number;
	balance: number;
	online_booking_last_sent_date?: string;
	online_booking_last_sent_email?: string;
}

// ---- request schemas (from the Request Data tables) ----

const clientLogin = z
	.object({
		email: z.string().optional(),
		login_password: z.string().optional(),
		login_provider: z.enum(PROVIDERS),
		login_provider_id: z.string().optional(),
		online_booking_company_id: int.optional(),
	})
	.strict();

const clientFields = {
	country_code: z.string().nullable().optional(),
	email: z.string().nullable().optional(),
	email_reminders_enabled: z.boolean().nullable().optional(),
	firstname: z.string().nullable().optional(),
	image_url: z.string().nullable().optional(),
	lastname: z.string().nullable().optional(),
	login_password: z.string().nullable().optional(),
	login_provider_id: z.string().nullable().optional(),
	mobile: z.string().nullable().optional(),
	online_booking_company_id: int.nullable().optional(),
	sms_reminders_enabled: z.boolean().nullable().optional(),
};

const clientAdd = z
	.object({
		online_booking_client: z.object({ ...clientFields, login_provider: z.enum(PROVIDERS).optional() }).strict(),
		online_booking_company_id: int.optional(),
		// The table lists login_provider at the top level; its example nests it in online_booking_client. Both are read.
		login_provider: z.enum(PROVIDERS).optional(),
	})
	.strict();

const clientUpdate = z
	.object({
		online_booking_client: z
			.object({
				...clientFields,
				online_booking_client_id: int,
				// Read-only fields of the model: refused when they would change ("This field cannot be changed").
				email_verified: z.boolean().nullable().optional(),
				mobile_verified: z.boolean().nullable().optional(),
				login_provider: z.enum(PROVIDERS).nullable().optional(),
			})
			.strict(),
		online_booking_company_id: int.optional(),
	})
	.strict();

const clientGet = z.object({ online_booking_client_id: int }).strict();

const resetPassword = z.object({ email: z.string(), online_booking_company_id: int.optional() }).strict();

const verify = z
	.object({
		online_booking_client_id: int,
		verification_type: z.enum(VERIFICATION_TYPES),
		verification_code: int,
		online_booking_company_id: int.optional(),
	})
	.strict();

const verifyResend = z
	.object({
		online_booking_client_id: int,
		verification_type: z.enum(VERIFICATION_TYPES),
		online_booking_company_id: int.optional(),
	})
	.strict();

const voucherSend = z
	.object({
		client_voucher_id: int.optional(),
		barcode: z.string().optional(),
		email: z.string(),
		name: z.string(),
		message: z.string(),
		online_booking_company_id: int,
	})
	.strict();

const appointmentList = z
	.object({
		filters: z.object({ online_booking_client_id: int }).strict(),
		options: listOptions.optional(),
	})
	.strict();

const money = z.number().finite();
const appointmentAdd = z
	.object({
		online_booking_company_id: int,
		// "Only the fields listed below are used": other fields of the models are ignored, not refused.
		online_booking_appointments: z
			.array(
				z.object({
					operator_id: int,
					service_id: int,
					time_start: z.string(),
					price: money,
					redeem_via_membership: z.boolean().optional(),
					redeem_via_package: z.boolean().optional(),
				}),
			)
			.min(1)
			.optional(),
		client_vouchers: z.array(z.object({ voucher_id: int, price: money, quantity: int.min(1) })).min(1).optional(),
		online_booking_payments: z
			.array(
				z
					.object({
						type: z.enum(['slick', 'voucher']),
						online_booking_client_payment_id: int.optional(),
						barcode: z.string().optional(),
						amount: money.positive(),
					})
					.strict(),
			)
			.optional(),
	})
	.strict();

const appointmentCancel = z.object({ online_booking_appointment_id: int }).strict();

// ---- helpers ----

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Company-local wall clock of a date input (the offset is ignored), or undefined. */
function wallOf(value: string): string | undefined {
	const m = DATE_PATTERN.exec(value.trim());
	if (!m) return undefined;
	const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
	const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
	if (probe.getUTCMonth() !== Number(mo) - 1 || probe.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59) return undefined;
	return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

const instantOf = (wall: string) => Date.parse(`${wall}${COMPANY_OFFSET}`);
const addMinutes = (wall: string, minutes: number) => new Date(Date.parse(`${wall}Z`) + minutes * 60_000).toISOString().slice(0, 19);
const offsetHours = Number(COMPANY_OFFSET.slice(0, 3));
/** "Now" as the company writes it: local wall clock with its offset. */
const companyNow = (ms: number) => `${new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 19)}${COMPANY_OFFSET}`;

function clientOut(client: OnlineClient): Record<string, unknown> {
	const { secret: _secret, ...visible } = client;
	void _secret;
	return visible;
}

export function onlineBookingArea(ctx: AreaContext): SalonArea {
	let clients = new Map<number, OnlineClient>();
	let bookings: OnlineBooking[] = [];
	let vouchers: OnlineClientVoucher[] = [];
	/** Stored cards (slick gateway) per online booking client. */
	let paymentMethods = new Map<number, number>();
	/** Which client each token this area issued is for (the shared registry checks them; this names the client). */
	const issued = new Map<string, number>();
	let nextClientId = 2830;
	let nextBookingId = 9192;
	let nextTransactionId = 1300;
	let nextClientVoucherId = 2770;

	function reset() {
		clients = new Map(
			[
				{
					online_booking_client_id: 2828,
					country_code: 'AU',
					email: 'joe@example.com',
					email_reminders_enabled: false,
					email_verified: true,
					firstname: 'Joe',
					image_url: '',
					lastname: 'Citizen',
					login_provider: 'email' as Provider,
					login_provider_id: '',
					mobile: '0400000000',
					mobile_verified: true,
					sms_reminders_enabled: true,
					secret: 'Password123',
				},
				{
					online_booking_client_id: 2829,
					country_code: 'AU',
					email: 'olivia.nguyen@example.com',
					email_reminders_enabled: true,
					email_verified: true,
					firstname: 'Olivia',
					image_url: 'https://graph.facebook.example/10001/picture',
					lastname: 'Nguyen',
					login_provider: 'facebook' as Provider,
					login_provider_id: '10001',
					mobile: '0411111111',
					mobile_verified: false,
					sms_reminders_enabled: true,
					secret: '',
				},
			].map((c) => [c.online_booking_client_id, c]),
		);
		// Joe's history: two bookings at Company A (seeded appointments of its client Joe Citizen) and four elsewhere.
		const joeAtA = ctx.state.appointments.filter((a) => a.client_id === 1111).slice(0, 2);
		bookings = [
			...joeAtA.map((a, i) => ({
				online_booking_appointment_id: 9185 + i,
				online_booking_client_id: 2828,
				online_booking_company_id: BOOKABLE_COMPANY.online_booking_company_id,
				appointments: [{ appointment_id: a.appointment_id, duration: a.duration, operator_id: a.operator_id, service_id: a.service_id, start: a.start }],
				linked: true,
				cancelled_by_client: false,
				deposit_paid: false,
			})),
			...[0, 1, 2, 3].map((i) => ({
				online_booking_appointment_id: 9187 + i,
				online_booking_client_id: 2828,
				online_booking_company_id: 7171,
				appointments: [{ appointment_id: 71000 + i, duration: 30, operator_id: 7001, service_id: 7100, start: `2025-0${i + 4}-15T10:00:00` }],
				linked: false,
				status: (i === 2 ? 'rejected' : 'completed') as OnlineBooking['status'],
				cancelled_by_client: i === 2,
				deposit_paid: i === 1,
				...(i === 1 ? { online_booking_transaction_id: 1299 } : {}),
			})),
		];
		vouchers = [
			{
				client_voucher_id: 2769,
				barcode: '900000000123',
				online_booking_client_id: 2828,
				online_booking_company_id: BOOKABLE_COMPANY.online_booking_company_id,
				voucher_id: 501,
				balance: 50,
			},
		];
		paymentMethods = new Map([
			[3490, 2828],
			[DECLINED_PAYMENT_ID, 2828],
		]);
		issued.clear();
		clearOnlineBookingClientTokens(ctx.state);
		nextClientId = 2830;
		nextBookingId = 9192;
		nextTransactionId = 1300;
		nextClientVoucherId = 2770;
	}

	function issueToken(clientId: number): string {
		const token = issueOnlineBookingClientToken(ctx.state, clientId, ctx.now());
		issued.set(token, clientId);
		return token;
	}

	/**
	 * The logged-in online booking client of a call, by its `X-Online-Booking-Client-Token` (checked and slid by the
	 * shared token registry). A bad client token is the consumer's problem, not the partner's session: it is answered
	 * with `success:false` on HTTP 200, never a 401 (which would make the partner log in again).
	 */
	function consumer(call: MethodCall, expectedId?: number): { client: OnlineClient } | { error: EmulatorResponse } {
		const header = (call.req.headers[ONLINE_BOOKING_CLIENT_TOKEN_HEADER] ?? '').trim();
		const owner = issued.get(header);
		const refused = checkOnlineBookingClient(ctx.state, call.req, owner ?? -1, ctx.now());
		if (refused) return { error: refused };
		const client = owner === undefined ? undefined : clients.get(owner);
		if (!client) return { error: fail('ONLINEBOOKINGCLIENTNOTLOGGEDIN', 'The Online Booking Client token is not valid', ['X-Online-Booking-Client-Token']) };
		if (expectedId !== undefined && expectedId !== client.online_booking_client_id) {
			return {
				error: fail('ONLINEBOOKINGCLIENTMISMATCH', `The X-Online-Booking-Client-Token header is not for online booking client ${expectedId}`, [
					'online_booking_client_id',
				]),
			};
		}
		return { client };
	}

	const companyOf = (id: number | undefined) => ONLINE_BOOKING_COMPANIES.find((c) => c.online_booking_company_id === id);

	function checkCompany(id: number | null | undefined, field: string): EmulatorResponse | undefined {
		if (id == null || companyOf(id)) return undefined;
		return fail('INVALIDPARAMETER', `${field} ${id} is not an online booking company`, [field]);
	}

	function socialIdentity(provider: Provider, providerId: string | null | undefined, token: string | null | undefined): string {
		// Facebook and Apple logins name the account (login_provider_id); Google's access token stands for it here.
		return `${provider}:${providerId || token || ''}`;
	}

	function findSocial(provider: Provider, providerId?: string | null, token?: string | null): OnlineClient | undefined {
		const identity = socialIdentity(provider, providerId, token);
		return [...clients.values()].find(
			(c) => c.login_provider === provider && socialIdentity(c.login_provider, c.login_provider_id, c.secret) === identity,
		);
	}

	/** The status of a booking, as the salon's appointment book says it now. */
	function statusOf(booking: OnlineBooking): { status: string; live: SalonAppointment[] } {
		if (!booking.linked) return { status: booking.status ?? 'completed', live: [] };
		const ids = new Set(booking.appointments.map((a) => a.appointment_id));
		const live = ctx.state.appointments.filter((a) => ids.has(a.appointment_id));
		if (booking.cancelled_by_client || live.length === 0) return { status: 'rejected', live };
		if (live.some((a) => a.unconfirmed)) return { status: 'pending', live };
		const first = live.map((a) => a.start).sort()[0];
		return { status: instantOf(first) < ctx.now() ? 'completed' : 'confirmed', live };
	}

	function cancellability(booking: OnlineBooking): { cancellable: boolean; reason?: string } {
		const { status, live } = statusOf(booking);
		if (status === 'rejected') return { cancellable: false, reason: 'cancelled' };
		if (!booking.linked) return { cancellable: false, reason: status === 'completed' ? 'past' : 'not_booked_online' };
		const start = live.map((a) => a.start).sort()[0];
		if (instantOf(start) < ctx.now()) return { cancellable: false, reason: 'past' };
		if (live.some((a) => a.transaction_id !== 0)) return { cancellable: false, reason: 'paid_in_full' };
		if (instantOf(start) - ctx.now() < CANCEL_NOTICE_MS) return { cancellable: false, reason: 'not_enough_notice' };
		return { cancellable: true };
	}

	function bookingOut(booking: OnlineBooking): Record<string, unknown> {
		const company = companyOf(booking.online_booking_company_id)!;
		const { status, live } = statusOf(booking);
		const byId = new Map(live.map((a) => [a.appointment_id, a]));
		const appointments = booking.appointments.map((stored) => {
			const now = byId.get(stored.appointment_id);
			const a = now ? { ...stored, duration: now.duration, operator_id: now.operator_id, service_id: now.service_id, start: now.start } : stored;
			return {
				appointment_id: a.appointment_id,
				duration: a.duration,
				operator_id: a.operator_id,
				service_id: a.service_id,
				time_end: `${addMinutes(a.start, a.duration)}${COMPANY_OFFSET}`,
				time_start: `${a.start}${COMPANY_OFFSET}`,
			};
		});
		const { cancellable, reason } = cancellability(booking);
		const start = appointments.map((a) => a.time_start).sort()[0];
		return {
			online_booking_appointment_id: booking.online_booking_appointment_id,
			appointments,
			company: { company_id: company.company_id, name: company.name },
			cancellable,
			...(reason ? { cancellable_reason: reason } : {}),
			cancelled_by_client: booking.cancelled_by_client,
			deposit_paid: booking.deposit_paid,
			duration: appointments.reduce((sum, a) => sum + a.duration, 0),
			online_booking_company_id: company.online_booking_company_id,
			...(booking.online_booking_transaction_id !== undefined ? { online_booking_transaction_id: booking.online_booking_transaction_id } : {}),
			online_booking_url_id: company.online_booking_url_id,
			online_booking_url_tag: company.online_booking_url_tag,
			status,
			time_start: start,
		};
	}

	/** The salon's own client record for a marketplace consumer: matched by email, or added as a new client. */
	function companyClientFor(client: OnlineClient): SalonClient {
		const email = client.email.toLowerCase();
		const existing = email ? [...ctx.state.clients.values()].find((c) => c.email.toLowerCase() === email) : undefined;
		if (existing) return existing;
		const created = blankClient(ctx.state.nextClientId++, COMPANY_ID);
		Object.assign(created, { firstname: client.firstname, lastname: client.lastname, email: client.email, mobile: client.mobile });
		ctx.state.clients.set(created.client_id, created);
		return created;
	}

	/** Takes the payments: the voucher balances and the stored card. A declined card takes nothing. */
	function pay(client: OnlineClient, payments: NonNullable<z.infer<typeof appointmentAdd>['online_booking_payments']>, total: number) {
		if (payments.filter((p) => p.type === 'slick').length > 1) {
			return { error: fail('INVALIDPARAMETER', 'Only one payment with type=slick is allowed', ['online_booking_payments']) };
		}
		const paid = round2(payments.reduce((sum, p) => sum + p.amount, 0));
		if (paid > round2(total)) {
			return { error: fail('INVALIDPARAMETER', `The payments (${paid.toFixed(2)}) are more than the total (${total.toFixed(2)})`, ['online_booking_payments']) };
		}
		const used: Array<{ voucher: OnlineClientVoucher; amount: number }> = [];
		let declined = false;
		for (const [i, p] of payments.entries()) {
			const field = `online_booking_payments[${i}]`;
			if (p.type === 'slick') {
				if (p.online_booking_client_payment_id === undefined) {
					return { error: fail('MISSINGPARAMETER', `${field}.online_booking_client_payment_id is required`, [`${field}.online_booking_client_payment_id`]) };
				}
				if (paymentMethods.get(p.online_booking_client_payment_id) !== client.online_booking_client_id) {
					return { error: fail('INVALIDPARAMETER', `${field}.online_booking_client_payment_id ${p.online_booking_client_payment_id} is not a payment method of this client`, [`${field}.online_booking_client_payment_id`]) };
				}
				if (p.online_booking_client_payment_id === DECLINED_PAYMENT_ID) declined = true;
			} else {
				const voucher = vouchers.find((v) => v.barcode === p.barcode);
				if (!p.barcode) return { error: fail('MISSINGPARAMETER', `${field}.barcode is required`, [`${field}.barcode`]) };
				if (!voucher || voucher.online_booking_company_id !== BOOKABLE_COMPANY.online_booking_company_id) {
					return { error: fail('VOUCHERNOTFOUND', `No voucher has the barcode ${p.barcode}`, [`${field}.barcode`]) };
				}
				if (voucher.balance < p.amount) {
					return { error: fail('VOUCHERBALANCE', `The voucher ${p.barcode} has ${voucher.balance.toFixed(2)} left`, [`${field}.amount`]) };
				}
				used.push({ voucher, amount: p.amount });
			}
		}
		if (declined) return { declined: true as const };
		for (const { voucher, amount } of used) voucher.balance = round2(voucher.balance - amount);
		return { declined: false as const };
	}

	function bookAppointments(client: OnlineClient, requested: NonNullable<z.infer<typeof appointmentAdd>['online_booking_appointments']>, payments: z.infer<typeof appointmentAdd>['online_booking_payments']): EmulatorResponse {
		const planned: SalonAppointment[] = [];
		let nextId = Math.max(0, ...ctx.state.appointments.map((a) => a.appointment_id)) + 1;
		for (const [i, r] of requested.entries()) {
			const field = `online_booking_appointments[${i}]`;
			const operator = ctx.state.operators.find((o) => o.operator_id === r.operator_id && o.company_id === COMPANY_ID && o.online_booking_show);
			if (!operator) return fail('INVALIDPARAMETER', `${field}.operator_id ${r.operator_id} is not an operator taking online bookings`, [`${field}.operator_id`]);
			const service = ctx.state.services.find((s) => s.service_id === r.service_id && s.online_booking_show);
			if (!service) return fail('INVALIDPARAMETER', `${field}.service_id ${r.service_id} is not a service booked online`, [`${field}.service_id`]);
			const performers = SERVICE_OPERATORS[r.service_id];
			if (performers && !performers.includes(r.operator_id)) {
				return fail('INVALIDPARAMETER', `Operator ${r.operator_id} cannot perform ${service.name}`, [`${field}.operator_id`]);
			}
			const start = wallOf(r.time_start);
			if (!start) return fail('INVALIDPARAMETER', `${field}.time_start is not a valid date (see Dates)`, [`${field}.time_start`]);
			if (instantOf(start) <= ctx.now()) return fail('INVALIDPARAMETER', `${field}.time_start is in the past`, [`${field}.time_start`]);
			// The price shown online (online_booking_price) is the one the client agreed to.
			const price = Number(service.online_booking_price ?? service.price);
			if (round2(r.price) !== round2(price)) {
				return fail('PRICECHANGED', `${field}.price ${r.price.toFixed(2)} is not the current online price of ${service.name}`, [
					`Requested: ${r.price.toFixed(2)}`,
					`Current: ${price.toFixed(2)}`,
				]);
			}
			if (r.redeem_via_membership || r.redeem_via_package) {
				const via = r.redeem_via_membership ? 'membership inclusion' : 'package';
				return fail('NOTHINGTOREDEEM', `The client has no ${via} item for ${service.name} to redeem`, [`${field}.${r.redeem_via_membership ? 'redeem_via_membership' : 'redeem_via_package'}`]);
			}
			const duration = Number(service.duration);
			const end = addMinutes(start, duration);
			const clash = [...ctx.state.appointments, ...planned].find(
				(a) => a.operator_id === r.operator_id && a.start < end && start < addMinutes(a.start, a.duration),
			);
			if (clash) {
				return fail('APPOINTMENTSLOTUNAVAILABLE', 'The requested time is no longer available', [`Operator: ${r.operator_id}`, `Time: ${start}${COMPANY_OFFSET}`]);
			}
			planned.push({
				appointment_id: nextId++,
				company_id: COMPANY_ID,
				client_id: 0,
				operator_id: r.operator_id,
				service_id: r.service_id,
				resource_id: 0,
				duration,
				start,
				price: r.price,
				comments: '',
				flag_ids: [],
				transaction_id: 0,
				unconfirmed: true,
				date_created: companyNow(ctx.now()),
			});
		}
		const total = requested.reduce((sum, r) => sum + r.price, 0);
		const paid = payments?.length ? pay(client, payments, total) : undefined;
		if (paid && 'error' in paid) return paid.error!;
		if (paid?.declined) return ok({ online_booking_appointments: [], payment_status: 'declined', status: 'paymentfailed' });
		// Requests wait for the salon to accept them (appointment/update/confirm): they are unconfirmed in its book.
		const companyClient = companyClientFor(client);
		for (const appointment of planned) {
			appointment.client_id = companyClient.client_id;
			// An extra field of the shared record: appointment/list's online_booking_client_id filter reads it.
			ctx.state.appointments.push(Object.assign(appointment, { online_booking_client_id: client.online_booking_client_id }));
		}
		const booking: OnlineBooking = {
			online_booking_appointment_id: nextBookingId++,
			online_booking_client_id: client.online_booking_client_id,
			online_booking_company_id: BOOKABLE_COMPANY.online_booking_company_id,
			appointments: planned.map((a) => ({ appointment_id: a.appointment_id, duration: a.duration, operator_id: a.operator_id, service_id: a.service_id, start: a.start })),
			linked: true,
			cancelled_by_client: false,
			deposit_paid: paid !== undefined,
			...(paid ? { online_booking_transaction_id: nextTransactionId++ } : {}),
		};
		bookings.push(booking);
		return ok({
			// The table says OnlineBooking[]; the example shows one object — the table is followed.
			online_booking_appointments: [bookingOut(booking)],
			...(booking.online_booking_transaction_id !== undefined
				? { online_booking_transaction_id: booking.online_booking_transaction_id, payment_status: 'approved' }
				: {}),
			status: 'pending',
		});
	}

	function buyVouchers(client: OnlineClient, requested: NonNullable<z.infer<typeof appointmentAdd>['client_vouchers']>, payments: z.infer<typeof appointmentAdd>['online_booking_payments']): EmulatorResponse {
		if (!payments?.length) {
			return fail('MISSINGPARAMETER', 'online_booking_payments is required for a client_vouchers purchase', ['online_booking_payments']);
		}
		if (payments.some((p) => p.type === 'voucher')) {
			return fail('INVALIDPARAMETER', 'Vouchers cannot be paid for with a voucher', ['online_booking_payments']);
		}
		for (const [i, r] of requested.entries()) {
			const field = `client_vouchers[${i}]`;
			const voucher = ONLINE_VOUCHERS.find((v) => v.voucher_id === r.voucher_id);
			if (!voucher) return fail('INVALIDPARAMETER', `${field}.voucher_id ${r.voucher_id} is not a voucher sold online`, [`${field}.voucher_id`]);
			if (round2(r.price) !== round2(voucher.price * r.quantity)) {
				return fail('PRICECHANGED', `${field}.price must be the total for ${r.quantity} × ${voucher.name}`, [
					`Requested: ${r.price.toFixed(2)}`,
					`Current: ${(voucher.price * r.quantity).toFixed(2)}`,
				]);
			}
		}
		const total = requested.reduce((sum, r) => sum + r.price, 0);
		const paid = pay(client, payments, total);
		if ('error' in paid) return paid.error!;
		if (paid.declined) return ok({ payment_status: 'declined', status: 'paymentfailed' });
		const bought: OnlineClientVoucher[] = [];
		for (const r of requested) {
			const unit = ONLINE_VOUCHERS.find((v) => v.voucher_id === r.voucher_id)!;
			for (let n = 0; n < r.quantity; n++) {
				const id = nextClientVoucherId++;
				const voucher = {
					client_voucher_id: id,
					barcode: String(900000000000 + id),
					online_booking_client_id: client.online_booking_client_id,
					online_booking_company_id: BOOKABLE_COMPANY.online_booking_company_id,
					voucher_id: r.voucher_id,
					balance: unit.price,
				};
				vouchers.push(voucher);
				bought.push(voucher);
			}
		}
		return ok({
			// "Currently only returned if there is a single voucher purchased only."
			...(bought.length === 1 ? { client_vouchers: [voucherOut(bought[0])] } : {}),
			online_booking_transaction_id: nextTransactionId++,
			payment_status: 'approved',
			status: 'confirmed',
		});
	}

	function voucherOut(v: OnlineClientVoucher): Record<string, unknown> {
		const unit = ONLINE_VOUCHERS.find((u) => u.voucher_id === v.voucher_id);
		return {
			client_voucher_id: v.client_voucher_id,
			barcode: v.barcode,
			balance: v.balance,
			company_id: COMPANY_ID,
			name: unit?.name ?? '',
			voucher_id: v.voucher_id,
			...(v.online_booking_last_sent_date ? { online_booking_last_sent_date: v.online_booking_last_sent_date } : {}),
			...(v.online_booking_last_sent_email ? { online_booking_last_sent_email: v.online_booking_last_sent_email } : {}),
		};
	}

	reset();

	return {
		reset,
		methods: {
			'online_booking/client/login'(body) {
				const parsed = parse(clientLogin, body);
				if ('error' in parsed) return parsed.error;
				const { login_provider: provider, email, login_password: password, login_provider_id: providerId } = parsed.value;
				const invalid = checkCompany(parsed.value.online_booking_company_id, 'online_booking_company_id');
				if (invalid) return invalid;
				let client: OnlineClient | undefined;
				if (provider === 'email') {
					if (!email) return fail('MISSINGPARAMETER', 'email is required for an email login', ['email']);
					if (!password) return fail('MISSINGPARAMETER', 'login_password is required for an email login', ['login_password']);
					client = [...clients.values()].find((c) => c.login_provider === 'email' && c.email.toLowerCase() === email.toLowerCase());
					if (!client || client.secret !== password) return fail('LOGINFAILED', 'Invalid email or password');
				} else {
					if (!password) return fail('MISSINGPARAMETER', `login_password (the ${provider} token) is required`, ['login_password']);
					if ((provider === 'facebook' || provider === 'apple') && !providerId) {
						return fail('MISSINGPARAMETER', `login_provider_id is required for a ${provider} login`, ['login_provider_id']);
					}
					client = findSocial(provider, providerId, password);
					if (!client) return fail('LOGINFAILED', `No online booking client has this ${provider} login: add the client first`);
				}
				return ok({ token: issueToken(client.online_booking_client_id), online_booking_client: clientOut(client) });
			},

			'online_booking/client/get'(body, call) {
				const parsed = parse(clientGet, body);
				if ('error' in parsed) return parsed.error;
				const who = consumer(call, parsed.value.online_booking_client_id);
				if ('error' in who) return who.error;
				return ok({ online_booking_client: clientOut(who.client) });
			},

			'online_booking/client/add'(body) {
				const parsed = parse(clientAdd, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value.online_booking_client;
				const provider = input.login_provider ?? parsed.value.login_provider;
				if (!provider) return fail('MISSINGPARAMETER', 'online_booking_client.login_provider is required', ['online_booking_client.login_provider']);
				const invalid =
					checkCompany(parsed.value.online_booking_company_id, 'online_booking_company_id') ??
					checkCompany(input.online_booking_company_id, 'online_booking_client.online_booking_company_id');
				if (invalid) return invalid;
				const email = (input.email ?? '').trim();
				if (email !== '' && !EMAIL.test(email)) return fail('INVALIDPARAMETER', 'online_booking_client.email is not a valid email address', ['online_booking_client.email']);
				if (input.country_code != null && !/^[A-Z]{2}$/.test(input.country_code)) {
					return fail('INVALIDPARAMETER', 'online_booking_client.country_code must be a 2-letter ISO 3166-1 code', ['online_booking_client.country_code']);
				}
				if (!input.login_password) return fail('MISSINGPARAMETER', 'online_booking_client.login_password is required', ['online_booking_client.login_password']);
				if (provider === 'email') {
					if (email === '') return fail('MISSINGPARAMETER', 'online_booking_client.email is required for an email login', ['online_booking_client.email']);
					if ([...clients.values()].some((c) => c.login_provider === 'email' && c.email.toLowerCase() === email.toLowerCase())) {
						return fail('EMAILINUSE', `An online booking client already logs in with ${email}`, ['online_booking_client.email']);
					}
				} else {
					if ((provider === 'facebook' || provider === 'apple') && !input.login_provider_id) {
						return fail('MISSINGPARAMETER', `online_booking_client.login_provider_id is required for a ${provider} login`, ['online_booking_client.login_provider_id']);
					}
					// "if the user exists, and the login matches, the user will be logged in instead of added"
					const existing = findSocial(provider, input.login_provider_id, input.login_password);
					if (existing) return ok({ token: issueToken(existing.online_booking_client_id), online_booking_client: clientOut(existing) });
				}
				const client: OnlineClient = {
					online_booking_client_id: nextClientId++,
					country_code: input.country_code ?? 'AU',
					email,
					email_reminders_enabled: input.email_reminders_enabled ?? true,
					// A social login's email comes verified from the provider.
					email_verified: provider !== 'email' && email !== '',
					firstname: input.firstname ?? '',
					image_url: input.image_url ?? '',
					lastname: input.lastname ?? '',
					login_provider: provider,
					login_provider_id: provider === 'email' ? '' : input.login_provider_id ?? '',
					mobile: input.mobile ?? '',
					mobile_verified: false,
					sms_reminders_enabled: input.sms_reminders_enabled ?? true,
					secret: input.login_password,
				};
				clients.set(client.online_booking_client_id, client);
				return ok({ token: issueToken(client.online_booking_client_id), online_booking_client: clientOut(client) });
			},

			'online_booking/client/update'(body, call) {
				const parsed = parse(clientUpdate, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value.online_booking_client;
				const who = consumer(call, input.online_booking_client_id);
				if ('error' in who) return who.error;
				const client = who.client;
				const invalid =
					checkCompany(parsed.value.online_booking_company_id, 'online_booking_company_id') ??
					checkCompany(input.online_booking_company_id, 'online_booking_client.online_booking_company_id');
				if (invalid) return invalid;
				const locked = (field: keyof OnlineClient, value: unknown) =>
					value != null && value !== client[field] ? fail('FIELDUPDATENOTALLOWED', `online_booking_client.${field} cannot be changed`, [`online_booking_client.${field}`]) : undefined;
				const refused =
					locked('email_verified', input.email_verified) ??
					locked('mobile_verified', input.mobile_verified) ??
					locked('login_provider', input.login_provider) ??
					locked('login_provider_id', input.login_provider_id) ??
					(input.login_password != null && client.login_provider !== 'email'
						? fail('FIELDUPDATENOTALLOWED', 'online_booking_client.login_password can only be changed for an email login', ['online_booking_client.login_password'])
						: undefined);
				if (refused) return refused;
				if (input.email != null) {
					if (!EMAIL.test(input.email)) return fail('INVALIDPARAMETER', 'online_booking_client.email is not a valid email address', ['online_booking_client.email']);
					const taken = [...clients.values()].some(
						(c) => c !== client && c.login_provider === 'email' && c.email.toLowerCase() === input.email!.toLowerCase(),
					);
					if (taken && client.login_provider === 'email') return fail('EMAILINUSE', `An online booking client already logs in with ${input.email}`, ['online_booking_client.email']);
				}
				if (input.country_code != null && !/^[A-Z]{2}$/.test(input.country_code)) {
					return fail('INVALIDPARAMETER', 'online_booking_client.country_code must be a 2-letter ISO 3166-1 code', ['online_booking_client.country_code']);
				}
				if (input.login_password != null && input.login_password === '') {
					return fail('INVALIDPARAMETER', 'online_booking_client.login_password cannot be empty', ['online_booking_client.login_password']);
				}
				// "Omitted or null fields are left unchanged"; a changed email or mobile must be verified again.
				if (input.email != null && input.email.toLowerCase() !== client.email.toLowerCase()) client.email_verified = false;
				if (input.mobile != null && input.mobile !== client.mobile) client.mobile_verified = false;
				for (const field of ['country_code', 'email', 'email_reminders_enabled', 'firstname', 'image_url', 'lastname', 'mobile', 'sms_reminders_enabled'] as const) {
					const value = input[field];
					if (value != null) (client as unknown as Record<string, unknown>)[field] = value;
				}
				if (input.login_password != null) client.secret = input.login_password;
				return ok({ online_booking_client: clientOut(client) });
			},

			'online_booking/client/reset_login_password'(body) {
				const parsed = parse(resetPassword, body);
				if ('error' in parsed) return parsed.error;
				if (!EMAIL.test(parsed.value.email)) return fail('INVALIDPARAMETER', 'email is not a valid email address', ['email']);
				const invalid = checkCompany(parsed.value.online_booking_company_id, 'online_booking_company_id');
				if (invalid) return invalid;
				// Answered the same whether or not the email is registered, so it cannot be used to probe accounts.
				return ok({});
			},

			'online_booking/client/verify'(body, call) {
				const parsed = parse(verify, body);
				if ('error' in parsed) return parsed.error;
				const { online_booking_client_id: id, verification_type: type, verification_code: code } = parsed.value;
				const invalid = checkCompany(parsed.value.online_booking_company_id, 'online_booking_company_id');
				if (invalid) return invalid;
				// "Not required for an email verification" (the link in the email carries the client); checked when sent.
				let client: OnlineClient | undefined;
				if (type === 'mobile' || call.req.headers[ONLINE_BOOKING_CLIENT_TOKEN_HEADER]) {
					const who = consumer(call, id);
					if ('error' in who) return who.error;
					client = who.client;
				} else {
					client = clients.get(id);
					if (!client) return fail('CLIENTNOTFOUND', `Online booking client ${id} was not found`, ['online_booking_client_id']);
				}
				if (code !== verificationCodeFor(id, type)) {
					return fail('VERIFICATIONFAILED', 'The verification code is not correct', ['verification_code']);
				}
				if (type === 'email') client.email_verified = true;
				else client.mobile_verified = true;
				return ok({});
			},

			'online_booking/client/verify/resend'(body, call) {
				const parsed = parse(verifyResend, body);
				if ('error' in parsed) return parsed.error;
				const { online_booking_client_id: id, verification_type: type } = parsed.value;
				const who = consumer(call, id);
				if ('error' in who) return who.error;
				const invalid = checkCompany(parsed.value.online_booking_company_id, 'online_booking_company_id');
				if (invalid) return invalid;
				const client = who.client;
				if (type === 'email' ? client.email === '' : client.mobile === '') {
					return fail('INVALIDPARAMETER', `The client has no ${type} to verify`, ['verification_type']);
				}
				if (type === 'email' ? client.email_verified : client.mobile_verified) {
					return fail('ALREADYVERIFIED', `The client's ${type} is already verified`, ['verification_type']);
				}
				return ok({});
			},

			'online_booking/client_voucher/send'(body, call) {
				const parsed = parse(voucherSend, body);
				if ('error' in parsed) return parsed.error;
				const who = consumer(call);
				if ('error' in who) return who.error;
				const v = parsed.value;
				if (v.client_voucher_id === undefined && !v.barcode) {
					return fail('MISSINGPARAMETER', 'client_voucher_id or barcode is required', ['client_voucher_id']);
				}
				if (!EMAIL.test(v.email)) return fail('INVALIDPARAMETER', 'email is not a valid email address', ['email']);
				for (const field of ['name', 'message'] as const) {
					if (v[field].trim() === '') return fail('MISSINGPARAMETER', `${field} is required`, [field]);
				}
				const invalid = checkCompany(v.online_booking_company_id, 'online_booking_company_id');
				if (invalid) return invalid;
				const voucher = vouchers.find(
					(x) =>
						x.online_booking_client_id === who.client.online_booking_client_id &&
						(v.client_voucher_id !== undefined ? x.client_voucher_id === v.client_voucher_id : x.barcode === v.barcode),
				);
				if (!voucher) return fail('VOUCHERNOTFOUND', 'The voucher was not found among this client\'s vouchers', [v.client_voucher_id !== undefined ? 'client_voucher_id' : 'barcode']);
				if (voucher.online_booking_company_id !== v.online_booking_company_id) {
					return fail('INVALIDPARAMETER', `The voucher is not from online booking company ${v.online_booking_company_id}`, ['online_booking_company_id']);
				}
				voucher.online_booking_last_sent_date = companyNow(ctx.now());
				voucher.online_booking_last_sent_email = v.email;
				return ok({});
			},

			'online_booking/client/appointment/list'(body, call) {
				const parsed = parse(appointmentList, body);
				if ('error' in parsed) return parsed.error;
				const who = consumer(call, parsed.value.filters.online_booking_client_id);
				if ('error' in who) return who.error;
				const options = parsed.value.options;
				if (options?.rows_per_page === -1) {
					return fail('INVALIDPARAMETER', 'options.rows_per_page cannot be -1 for this request', ['options.rows_per_page']);
				}
				const perPage = Math.min(options?.rows_per_page ?? DEFAULT_ROWS_PER_PAGE, ctx.maxRows);
				const pageNumber = options?.page_number ?? 1;
				const rows = bookings
					.filter((b) => b.online_booking_client_id === who.client.online_booking_client_id)
					.map(bookingOut)
					// Newest first: the client's upcoming and latest bookings lead.
					.sort((a, b) => String(b.time_start).localeCompare(String(a.time_start)) || Number(b.online_booking_appointment_id) - Number(a.online_booking_appointment_id));
				const slice = rows.slice((pageNumber - 1) * perPage, pageNumber * perPage);
				// "return_total is always false": no total_rows; more_available says whether another page exists.
				return ok({ more_available: pageNumber * perPage < rows.length, online_booking_appointments: slice });
			},

			'online_booking/client/appointment/add'(body, call) {
				const parsed = parse(appointmentAdd, body);
				if ('error' in parsed) return parsed.error;
				const who = consumer(call);
				if ('error' in who) return who.error;
				const v = parsed.value;
				if (v.online_booking_appointments && v.client_vouchers) {
					return fail('INVALIDPARAMETER', 'Specify either online_booking_appointments or client_vouchers, but not both', ['online_booking_appointments', 'client_vouchers']);
				}
				if (!v.online_booking_appointments && !v.client_vouchers) {
					return fail('MISSINGPARAMETER', 'online_booking_appointments or client_vouchers is required', ['online_booking_appointments']);
				}
				const company = companyOf(v.online_booking_company_id);
				if (!company) return fail('INVALIDPARAMETER', `online_booking_company_id ${v.online_booking_company_id} is not an online booking company`, ['online_booking_company_id']);
				if (company !== BOOKABLE_COMPANY) return fail('ONLINEBOOKINGDISABLED', `${company.name} does not take online bookings at the moment`, ['online_booking_company_id']);
				return v.online_booking_appointments
					? bookAppointments(who.client, v.online_booking_appointments, v.online_booking_payments)
					: buyVouchers(who.client, v.client_vouchers!, v.online_booking_payments);
			},

			'online_booking/client/appointment/cancel'(body, call) {
				const parsed = parse(appointmentCancel, body);
				if ('error' in parsed) return parsed.error;
				const who = consumer(call);
				if ('error' in who) return who.error;
				const booking = bookings.find(
					(b) => b.online_booking_appointment_id === parsed.value.online_booking_appointment_id && b.online_booking_client_id === who.client.online_booking_client_id,
				);
				if (!booking) {
					return fail('BOOKINGNOTFOUND', `Online booking ${parsed.value.online_booking_appointment_id} was not found for this client`, ['online_booking_appointment_id']);
				}
				const { cancellable, reason } = cancellability(booking);
				if (!cancellable) return fail('BOOKINGNOTCANCELLABLE', 'This online booking cannot be cancelled', [`cancellable_reason: ${reason}`]);
				// Cancelling takes the appointments out of the salon's book (in place: the array is shared).
				const ids = new Set(booking.appointments.map((a) => a.appointment_id));
				for (let i = ctx.state.appointments.length - 1; i >= 0; i--) {
					if (ids.has(ctx.state.appointments[i].appointment_id)) ctx.state.appointments.splice(i, 1);
				}
				booking.cancelled_by_client = true;
				return ok({ deposit_refunded: booking.deposit_paid });
			},
		},
	};
}
