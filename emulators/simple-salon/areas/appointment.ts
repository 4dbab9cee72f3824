import { z } from 'zod';

import type { EmulatorResponse } from '../../shared/emulator';
import * as schema from '../schemas';
import { COMPANY_OFFSET, type SalonAppointment, type SalonClient } from '../seed';
import { clientOut } from './client';
import { checkOnlineBookingClient } from './onlineBookingClientTokens';
import { operatorOut as operatorModel } from './staff';
import { fail, ok, page, parse, type AreaFactory, type MethodCall } from './types';

/*
 * Appointments and availability: the appointment book (list/get), the booking flow (add/search, search/dates,
 * add/check, add) and changes (update/check, update, confirm, flag, delete). Availability is worked out from the
 * operators' working hours below and the bookings in `state.appointments`; times are the salon's wall clock (input
 * offsets are ignored, outputs carry the company offset). The checks are dry runs of the writes: same code, no write.
 */

const int = z.number().int();
const opt = <T extends z.ZodTypeAny>(zod: T) => zod.nullable().optional();

/** The company's appointment interval: slots start on it, durations are multiples of it. */
const INTERVAL = 15;
const DAY_MINUTES = 24 * 60;
const SEARCH_DAYS = 7;

/** Working hours of the staff who take bookings, by weekday (0 = Sunday), as [open, close] minutes of the day. */
const WEEK: Record<number, [number, number] | undefined> = {
	1: [9 * 60, 17 * 60 + 30],
	2: [9 * 60, 17 * 60 + 30],
	3: [9 * 60, 17 * 60 + 30],
	// late night Thursday, so evening slots exist
	4: [9 * 60, 20 * 60],
	5: [9 * 60, 17 * 60 + 30],
	6: [9 * 60, 17 * 60 + 30],
};
/** The seeded stylists (Ash, Sam); the API user 2221 takes no bookings. */
const ROSTERED_OPERATORS = [2222, 2223];

const SYSTEM_OPERATOR = -1;
const WAIT_LIST_OPERATOR = -2;
/** Walk In, Internal Use, System: "cannot be booked into a future service". */
const SPECIAL_CLIENTS: Record<number, string> = { [-1]: 'Walk In', [-2]: 'Internal Use', [-3]: 'System' };
const FLAGS: Record<number, string> = {
	[-1]: 'Paid',
	[-2]: 'Arrived',
	[-3]: 'First Visit',
	[-4]: 'Requested',
	[-5]: 'No Show',
	[-6]: 'Confirmed',
	[-7]: 'VIP',
};
const PAID_FLAG = -1;
const NO_SHOW_FLAG = -5;
/** Administrator and Manager roles may override blocked processing time. */
const MANAGER_ROLES = new Set([-1, -3]);

const MESSAGES = {
	APPTIGNORESPROCESSING: 'This appointment can be placed in this timeslot, with processing time ignored.',
	APPTIGNORESBLOCKEDPROCESSING:
		'This appointment could be placed in this timeslot, if blocked processing time is ignored (set ignore_processing_duration_blocked=true)',
	APPTIGNORESOTHERBLOCKEDPROCESSING:
		"This appointment could be placed in this timeslot, if an earlier appointment's blocked processing time is ignored (set ignore_other_processing_duration_blocked=true).",
	APPTRESIZED: 'This appointment could be placed in this timeslot, if duration is reduced - check details field for reduced duration value.',
};

// ---- request shapes (docs: Request Data tables and the Appointment model) ----

const ignoreFlags = {
	ignore_processing_duration: z.boolean().optional(),
	ignore_processing_duration_at_close: z.boolean().optional(),
	ignore_processing_duration_blocked: z.boolean().optional(),
	ignore_processing_duration_blocked_at_close: z.boolean().optional(),
	ignore_other_processing_duration_blocked: z.boolean().optional(),
};

/** Computed and expanded Appointment fields: accepted (a fetched record can be sent back) and ignored. */
const readOnly = {
	time_end: z.unknown().optional(),
	date_created: z.unknown().optional(),
	flag_ids: z.unknown().optional(),
	flags: z.unknown().optional(),
	price_with_tax: z.unknown().optional(),
	price_without_tax: z.unknown().optional(),
	tax_amount: z.unknown().optional(),
	transaction_id: z.unknown().optional(),
	unconfirmed: z.unknown().optional(),
	service: z.unknown().optional(),
	discounts: z.unknown().optional(),
	client_package: z.unknown().optional(),
	parent: z.unknown().optional(),
};

const newAppointment = z
	.object({
		client_id: int,
		duration: int,
		operator_id: int,
		service_id: int,
		time_start: z.string(),
		appointment_id: z.unknown().optional(),
		comments: opt(z.string()),
		company_id: opt(int),
		parent_appointment_id: opt(int),
		parent_pos_id: opt(z.string()),
		pos_id: opt(z.string()),
		price: opt(z.number()),
		redeem_via_membership: opt(z.boolean()),
		redeem_via_package: opt(z.boolean()),
		resource_id: opt(int),
		...readOnly,
	})
	.strict();

const addRequest = z.object({ appointments: z.array(newAppointment), send_confirmation: z.boolean().optional(), ...ignoreFlags }).strict();
const addCheckRequest = z.object({ appointments: z.array(newAppointment), ...ignoreFlags }).strict();

const changedAppointment = z
	.object({
		appointment_id: int,
		client_id: opt(int),
		comments: opt(z.string()),
		company_id: opt(int),
		duration: opt(int),
		operator_id: opt(int),
		price: opt(z.number()),
		resource_id: opt(int),
		service_id: opt(int),
		show_on_appt_page: opt(z.boolean()),
		time_start: opt(z.string()),
		...readOnly,
	})
	.strict();
const updateRequest = z.object({ appointment: changedAppointment, ...ignoreFlags }).strict();

/** "Must specify service_id, can optionally specify operator_id … All other fields are ignored." */
const searchAppointment = z
	.object({ service_id: int, operator_id: opt(int), pos_id: opt(z.string()), parent_pos_id: opt(z.string()) })
	.passthrough();
const SEARCH_TIMES = ['now', 'morning', 'lunchtime', 'afternoon', 'evening'] as const;
const DATE_TIMES = ['any', 'morning', 'lunchtime', 'afternoon', 'evening'] as const;
const searchRequest = z
	.object({
		appointments: z.array(searchAppointment),
		company_id: int.optional(),
		direction: z.enum(['forward', 'middle']).optional(),
		time_start: z.string().optional(),
		time_start_max: z.string().optional(),
		times: z.array(z.enum(SEARCH_TIMES)).optional(),
		options: z
			.object({
				expanded_fields_grouped: z.array(z.object({ expanded_field: z.string(), fields: z.array(z.string()).optional() }).strict()).optional(),
			})
			.strict()
			.optional(),
	})
	.strict();
const searchDatesRequest = z
	.object({
		appointments: z.array(searchAppointment),
		company_id: int.optional(),
		time_start: z.string().optional(),
		time_start_max: z.string().optional(),
		times: z.array(z.enum(DATE_TIMES)).optional(),
	})
	.strict();

const expandedField = z.object({ expanded_field: z.string(), fields: z.array(z.string()).optional() }).strict();
const getRequest = z.object({ appointment_id: int, expanded_fields: z.array(expandedField).optional() }).strict();
const confirmRequest = z.object({ appointment_id: int, confirm: z.boolean() }).strict();
const flagRequest = z.object({ appointment_id: int, flag_id: int, value: z.boolean() }).strict();
const deleteRequest = z.object({ appointment_id: int.optional(), appointment_ids: z.array(int).optional() }).strict();

const appointmentFilter = z
	.object({
		time_start: z.string(),
		time_end: z.string(),
		appointment_ids: z.array(int).optional(),
		claimed: z.boolean().optional(),
		client_id: int.optional(),
		client_package_expired: z.boolean().optional(),
		client_package_id: int.optional(),
		company_id: int.optional(),
		date_created_min: z.string().optional(),
		date_created_max: z.string().optional(),
		double_booked: z.boolean().optional(),
		online_booking_client_id: int.optional(),
		operator_id: int.optional(),
		operators_only: z.boolean().optional(),
		parent_appointment_id: int.optional(),
		preset: z.string().optional(),
		resource_id: int.optional(),
		resources_only: z.boolean().optional(),
		service_id: int.optional(),
		show_on_appt_page: z.boolean().optional(),
		sold_in_client_package: z.boolean().optional(),
		transaction_id: int.optional(),
		unconfirmed: z.boolean().optional(),
	})
	.strict();
const listRequest = z.object({ filters: appointmentFilter, options: schema.listOptions.optional() }).strict();

// ---- wall-clock time ----

/** Company-local wall clock (`YYYY-MM-DDTHH:MM:SS`) of a date input; the offset is ignored, as documented. */
function wallClock(value: string): string | undefined {
	const m = schema.DATE_PATTERN.exec(value.trim());
	if (!m) return undefined;
	const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
	const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
	if (probe.getUTCMonth() !== Number(mo) - 1 || probe.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59) return undefined;
	return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

/** Wall-clock times as minutes since the epoch (the wall clock read as if it were UTC: only differences matter). */
const toMinutes = (wall: string) => Date.parse(`${wall}Z`) / 60_000;
const fromMinutes = (minutes: number) => new Date(minutes * 60_000).toISOString().slice(0, 19);
const withOffset = (wall: string) => `${wall}${COMPANY_OFFSET}`;
const dayStart = (minutes: number) => Math.floor(minutes / DAY_MINUTES) * DAY_MINUTES;
const offsetMinutes = (() => {
	const m = /^([+-])(\d{2}):?(\d{2})$/.exec(COMPANY_OFFSET);
	return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
})();

/** Which of the documented time blocks a start time (minute of the day) falls in. */
function inBlock(block: string, minuteOfDay: number, start: number, nowMinutes: number): boolean {
	switch (block) {
		case 'morning':
			return minuteOfDay < 12 * 60;
		case 'lunchtime':
			return minuteOfDay >= 11 * 60 && minuteOfDay < 14 * 60;
		case 'afternoon':
			return minuteOfDay >= 12 * 60 && minuteOfDay < 17 * 60;
		case 'evening':
			return minuteOfDay >= 17 * 60;
		case 'now':
			return start >= nowMinutes && start < nowMinutes + 180;
		default:
			return true;
	}
}

interface Message {
	code: string;
	message: string;
	details: string[];
}

interface Ignore {
	processing: boolean;
	processingAtClose: boolean;
	blocked: boolean;
	blockedAtClose: boolean;
	otherBlocked: boolean;
}

/** A booking being checked: new, or an existing one with its changes applied. */
interface Booking {
	appointment_id?: number;
	client_id: number;
	operator_id: number;
	service_id: number;
	resource_id: number;
	start: string;
	duration: number;
}

type Fit = { ok: true; duration: number; warnings: Message[] } | { ok: false; error: Message; warnings: Message[] };

interface Extra {
	show_on_appt_page?: boolean;
	parent_appointment_id?: number;
	pos_id?: string;
	parent_pos_id?: string;
}

export const appointmentArea: AreaFactory = ({ state, maxRows, now }) => {
	/** Fields the seed's appointment records do not carry, by appointment ID. */
	const extras = new Map<number, Extra>();

	const nowWall = () => fromMinutes(Math.floor(now() / 60_000) + offsetMinutes);
	const service = (id: number) => state.services.find((s) => s.service_id === id);
	const processingOf = (serviceId: number) => {
		const s = service(serviceId) as Record<string, unknown> | undefined;
		return { minutes: Number(s?.processing_duration ?? 0) || 0, blocked: s?.processing_duration_blocked === true };
	};
	const visible = (a: SalonAppointment) => extras.get(a.appointment_id)?.show_on_appt_page !== false;
	const hoursOf = (operatorId: number, minutes: number): [number, number] | undefined => {
		if (operatorId === SYSTEM_OPERATOR) return [0, DAY_MINUTES];
		if (!ROSTERED_OPERATORS.includes(operatorId) || !state.operators.some((o) => o.operator_id === operatorId)) return undefined;
		return WEEK[new Date(minutes * 60_000).getUTCDay()];
	};

	function appointmentOut(a: SalonAppointment): Record<string, unknown> {
		const extra = extras.get(a.appointment_id) ?? {};
		const out: Record<string, unknown> = {
			appointment_id: a.appointment_id,
			claimed: true,
			client_id: a.client_id,
			comments: a.comments,
			company_id: a.company_id,
			date_created: a.date_created,
			duration: a.duration,
			flag_ids: [...a.flag_ids],
			operator_id: a.operator_id,
			parent: false,
			price: a.price,
			resource_id: a.resource_id,
			service_id: a.service_id,
			show_on_appt_page: extra.show_on_appt_page ?? true,
			time_end: withOffset(fromMinutes(toMinutes(a.start) + a.duration)),
			time_start: withOffset(a.start),
			transaction_id: a.transaction_id,
			unconfirmed: a.unconfirmed,
		};
		if (extra.parent_appointment_id) out.parent_appointment_id = extra.parent_appointment_id;
		return out;
	}

	const serviceOut = (s: (typeof state.services)[number]) => ({ ...s, company_id: state.companyId });
	const operatorOut = (id: number) => {
		const o = state.operators.find((op) => op.operator_id === id);
		return o ? operatorModel(o) : undefined;
	};

	function find(id: number, field = 'appointment_id'): SalonAppointment | EmulatorResponse {
		return state.appointments.find((a) => a.appointment_id === id) ?? fail('APPOINTMENTNOTFOUND', `Appointment ${id} was not found`, [field]);
	}

	const isPaid = (a: SalonAppointment) => a.transaction_id > 0 || a.flag_ids.includes(PAID_FLAG);

	function ignoreOf(body: z.infer<typeof addCheckRequest> | z.infer<typeof updateRequest>, call: MethodCall): Ignore | EmulatorResponse {
		const role = state.operators.find((o) => o.operator_id === call.session.operatorId)?.role_id ?? 0;
		const manager = MANAGER_ROLES.has(role);
		for (const name of ['ignore_processing_duration_blocked', 'ignore_processing_duration_blocked_at_close', 'ignore_other_processing_duration_blocked'] as const) {
			if (body[name] === true && !manager) return fail('PERMISSIONDENIED', `Only a Manager or higher can set ${name} to true`, [name]);
		}
		const processing = body.ignore_processing_duration ?? true;
		const blocked = body.ignore_processing_duration_blocked ?? manager;
		return {
			processing,
			processingAtClose: body.ignore_processing_duration_at_close ?? processing,
			blocked,
			blockedAtClose: body.ignore_processing_duration_blocked_at_close ?? blocked,
			otherBlocked: body.ignore_other_processing_duration_blocked ?? false,
		};
	}

	/**
	 * Whether a booking fits its operator's (and resource's) free time: the slot must be inside working hours and not
	 * inside another booking; a booking longer than the free time is shortened (APPTRESIZED); processing time after it
	 * that does not fit is a warning or, when it may not be ignored, a refusal.
	 */
	function fit(b: Booking, ignore: Ignore, pending: Booking[], verb: 'fit in' | 'be moved to'): Fit {
		const unavailable = (available: number, reason: string, warnings: Message[] = []): Fit => ({
			ok: false,
			error: {
				code: 'APPOINTMENTSLOTUNAVAILABLE',
				message: `This appointment cannot ${verb} this timeslot.`,
				details: [`Requested: ${b.duration}`, `Available: ${available}`, reason],
			},
			warnings,
		});
		if (b.operator_id === WAIT_LIST_OPERATOR) return { ok: true, duration: b.duration, warnings: [] };
		const start = toMinutes(b.start);
		const day = dayStart(start);
		const hours = hoursOf(b.operator_id, start);
		if (!hours || start < day + hours[0] || start >= day + hours[1]) {
			return unavailable(0, `Operator ${b.operator_id} is not working at ${b.start.slice(11, 16)} on ${b.start.slice(0, 10)}`);
		}
		const close = day + hours[1];
		const others: Booking[] = [
			...state.appointments.filter((a) => a.appointment_id !== b.appointment_id && visible(a) && a.operator_id !== WAIT_LIST_OPERATOR),
			...pending,
		];
		const busy: Array<{ from: number; to: number; blocked: boolean; id?: number }> = [];
		for (const o of others) {
			const sameOperator = o.operator_id === b.operator_id && b.operator_id !== SYSTEM_OPERATOR;
			const sameResource = b.resource_id > 0 && o.resource_id === b.resource_id;
			if (!sameOperator && !sameResource) continue;
			const from = toMinutes(o.start);
			if (from + o.duration + 24 * 60 < start || from > close) continue;
			busy.push({ from, to: from + o.duration, blocked: false, id: o.appointment_id });
			const processing = processingOf(o.service_id);
			if (sameOperator && processing.blocked && processing.minutes > 0 && !ignore.otherBlocked) {
				busy.push({ from: from + o.duration, to: from + o.duration + processing.minutes, blocked: true, id: o.appointment_id });
			}
		}
		const inside = busy.find((x) => start >= x.from && start < x.to);
		if (inside?.blocked) {
			return unavailable(0, `Appointment ${inside.id} has blocked processing time at ${b.start.slice(11, 16)}`, [
				{ code: 'APPTIGNORESOTHERBLOCKEDPROCESSING', message: MESSAGES.APPTIGNORESOTHERBLOCKEDPROCESSING, details: [`Appointment: ${inside.id}`] },
			]);
		}
		if (inside) return unavailable(0, inside.id ? `Appointment ${inside.id} is booked at this time` : 'Another appointment in this request is booked at this time');
		const nextBusy = (after: number) => Math.min(...busy.filter((x) => x.from >= after).map((x) => x.from), Infinity);
		const free = Math.min(close, nextBusy(start)) - start;
		const warnings: Message[] = [];
		let duration = b.duration;
		if (free < duration) {
			if (free < INTERVAL) return unavailable(free, 'Not enough free time');
			warnings.push({ code: 'APPTRESIZED', message: MESSAGES.APPTRESIZED, details: [`Requested: ${duration}`, `Available: ${free}`] });
			duration = free;
		}
		const processing = processingOf(b.service_id);
		if (processing.minutes > 0) {
			const end = start + duration;
			const limit = nextBusy(end);
			const atClose = close <= limit;
			const room = Math.max(0, Math.min(close, limit) - end);
			if (room < processing.minutes) {
				const code = processing.blocked ? 'APPTIGNORESBLOCKEDPROCESSING' : 'APPTIGNORESPROCESSING';
				warnings.push({ code, message: MESSAGES[code], details: [`Requested: ${processing.minutes}`, `Available: ${room}`] });
				const allowed = processing.blocked ? (atClose ? ignore.blockedAtClose : ignore.blocked) : atClose ? ignore.processingAtClose : ignore.processing;
				if (!allowed) return unavailable(free, 'Not enough processing time', warnings);
			}
		}
		return { ok: true, duration, warnings };
	}

	type NewAppointment = z.infer<typeof newAppointment>;

	/** Validates the new appointments and fits each into the book (after the earlier ones of the same call). */
	function planAdd(
		appointments: NewAppointment[],
		ignore: Ignore,
	): { bookings: Array<Booking & { input: NewAppointment }>; warnings: Message[] } | EmulatorResponse {
		if (appointments.length === 0) return fail('MISSINGPARAMETER', 'appointments must contain at least one appointment', ['appointments']);
		const posIds = appointments.map((a) => a.pos_id).filter((p): p is string => !!p);
		const bookings: Array<Booking & { input: NewAppointment }> = [];
		const warnings: Message[] = [];
		for (const [i, a] of appointments.entries()) {
			const at = (field: string) => `appointments[${i}].${field}`;
			const bad = (field: string, message: string) => fail('INVALIDPARAMETER', `${at(field)} ${message}`, [at(field)]);
			if (a.appointment_id !== undefined && a.appointment_id !== null) {
				return fail('FIELDUPDATENOTALLOWED', `${at('appointment_id')} must be omitted when adding`, [at('appointment_id')]);
			}
			if (a.company_id != null && a.company_id !== state.companyId) return bad('company_id', `${a.company_id} is not a company you can book in`);
			const start = wallClock(a.time_start);
			if (!start) return bad('time_start', 'is not a valid date (see Dates)');
			if (a.duration <= 0 || a.duration % INTERVAL !== 0) return bad('duration', `must be a positive multiple of the appointment interval (${INTERVAL} minutes)`);
			if (SPECIAL_CLIENTS[a.client_id]) {
				if (start > nowWall()) return bad('client_id', `${a.client_id} (${SPECIAL_CLIENTS[a.client_id]}) cannot be booked into a future service`);
			} else if (!state.clients.has(a.client_id)) {
				return fail('CLIENTNOTFOUND', `Client ${a.client_id} was not found`, [at('client_id')]);
			}
			if (!service(a.service_id)) return bad('service_id', `${a.service_id} is not a valid service ID`);
			const resourceId = a.resource_id ?? 0;
			if (resourceId < 0) return bad('resource_id', 'must be a resource ID, or 0 for none');
			if (a.operator_id === SYSTEM_OPERATOR && resourceId === 0) {
				return bad('operator_id', 'can only be the System Operator (-1) when resource_id is set');
			}
			if (a.operator_id !== SYSTEM_OPERATOR && a.operator_id !== WAIT_LIST_OPERATOR && !state.operators.some((o) => o.operator_id === a.operator_id)) {
				return bad('operator_id', `${a.operator_id} is not a valid operator ID`);
			}
			if (a.pos_id && posIds.filter((p) => p === a.pos_id).length > 1) return bad('pos_id', `"${a.pos_id}" is used more than once in this call`);
			if (a.parent_pos_id && !posIds.includes(a.parent_pos_id)) return bad('parent_pos_id', `"${a.parent_pos_id}" matches no pos_id in this call`);
			const booking = { client_id: a.client_id, operator_id: a.operator_id, service_id: a.service_id, resource_id: resourceId, start, duration: a.duration, input: a };
			if (a.parent_appointment_id) {
				const parent = state.appointments.find((p) => p.appointment_id === a.parent_appointment_id);
				if (!parent) return bad('parent_appointment_id', `${a.parent_appointment_id} is not a valid appointment ID`);
				if (!visible(parent)) return bad('parent_appointment_id', 'must be an appointment shown on the appointment page');
				if (parent.client_id !== a.client_id) return bad('client_id', 'must be the client of the parent appointment');
				// a child of an existing appointment needs no space of its own
				bookings.push(booking);
				continue;
			}
			const result = fit(booking, ignore, bookings, 'fit in');
			warnings.push(...result.warnings);
			if (!result.ok) return { status: 200, body: { success: false, error: result.error, warnings } };
			bookings.push({ ...booking, duration: result.duration });
		}
		return { bookings, warnings };
	}

	/** The appointment with an update applied, or the vendor's refusal; nothing is written. */
	function planUpdate(body: z.infer<typeof updateRequest>, call: MethodCall) {
		const input = body.appointment;
		const existing = find(input.appointment_id, 'appointment.appointment_id');
		if ('status' in existing) return { error: existing };
		const ignore = ignoreOf(body, call);
		if ('status' in ignore) return { error: ignore };
		const notAllowed = (field: string, paid = false) => ({
			error: paid
				? fail('FIELDUPDATENOTALLOWEDWHENPAID', `appointment.${field} cannot be changed when the appointment is paid`, [`appointment.${field}`])
				: fail('FIELDUPDATENOTALLOWED', `appointment.${field} cannot be changed`, [`appointment.${field}`]),
		});
		const bad = (field: string, message: string) => ({ error: fail('INVALIDPARAMETER', `appointment.${field} ${message}`, [`appointment.${field}`]) });
		if (input.client_id != null && input.client_id !== existing.client_id) return notAllowed('client_id');
		// not a Dome: the company cannot change
		if (input.company_id != null && input.company_id !== existing.company_id) return notAllowed('company_id');
		const extra = extras.get(existing.appointment_id) ?? {};
		if (input.show_on_appt_page != null && input.show_on_appt_page !== (extra.show_on_appt_page ?? true)) {
			if (input.show_on_appt_page || !existing.flag_ids.includes(NO_SHOW_FLAG)) return notAllowed('show_on_appt_page');
		}
		let start = existing.start;
		if (input.time_start != null) {
			const wall = wallClock(input.time_start);
			if (!wall) return bad('time_start', 'is not a valid date (see Dates)');
			start = wall;
		}
		const changes = {
			start,
			duration: input.duration ?? existing.duration,
			operator_id: input.operator_id ?? existing.operator_id,
			service_id: input.service_id ?? existing.service_id,
			resource_id: input.resource_id ?? existing.resource_id,
			price: input.price ?? existing.price,
		};
		if (isPaid(existing)) {
			const fields: Array<[string, unknown, unknown]> = [
				['time_start', changes.start, existing.start],
				['duration', changes.duration, existing.duration],
				['operator_id', changes.operator_id, existing.operator_id],
				['service_id', changes.service_id, existing.service_id],
				['price', changes.price, existing.price],
			];
			const changed = fields.find(([, next, before]) => next !== before);
			if (changed) return notAllowed(changed[0], true);
		}
		if (changes.duration <= 0 || changes.duration % INTERVAL !== 0) {
			return bad('duration', `must be a positive multiple of the appointment interval (${INTERVAL} minutes)`);
		}
		if (!service(changes.service_id)) return bad('service_id', `${changes.service_id} is not a valid service ID`);
		if (changes.resource_id < 0) return bad('resource_id', 'must be a resource ID, or 0 for none');
		if (![SYSTEM_OPERATOR, WAIT_LIST_OPERATOR].includes(changes.operator_id) && !state.operators.some((o) => o.operator_id === changes.operator_id)) {
			return bad('operator_id', `${changes.operator_id} is not a valid operator ID`);
		}
		if (changes.operator_id === SYSTEM_OPERATOR && changes.resource_id === 0) {
			return bad('operator_id', 'can only be the System Operator (-1) when the appointment has a resource');
		}
		const moved = (['start', 'duration', 'operator_id', 'service_id', 'resource_id'] as const).some((k) => changes[k] !== existing[k]);
		let warnings: Message[] = [];
		let duration = changes.duration;
		if (moved) {
			const result = fit({ ...existing, ...changes }, ignore, [], 'be moved to');
			if (!result.ok) return { error: { status: 200, body: { success: false, error: result.error, warnings: result.warnings } } as EmulatorResponse };
			warnings = result.warnings;
			duration = result.duration;
		}
		return { existing, changes: { ...changes, duration }, input, warnings };
	}

	// ---- availability search ----

	function searchWindow(timeStart: string | undefined, timeStartMax: string | undefined, defaultStart: () => string) {
		const from = timeStart === undefined ? defaultStart() : wallClock(timeStart);
		if (!from) return { error: fail('INVALIDPARAMETER', 'time_start is not a valid date (see Dates)', ['time_start']) };
		const max = timeStartMax === undefined ? fromMinutes(toMinutes(from) + SEARCH_DAYS * DAY_MINUTES) : wallClock(timeStartMax);
		if (!max) return { error: fail('INVALIDPARAMETER', 'time_start_max is not a valid date (see Dates)', ['time_start_max']) };
		if (max <= from) return { error: fail('INVALIDPARAMETER', 'time_start_max must be after time_start', ['time_start_max']) };
		if (toMinutes(max) - toMinutes(from) > SEARCH_DAYS * DAY_MINUTES) {
			return { error: fail('INVALIDPARAMETER', `time_start_max can be at most ${SEARCH_DAYS} days after time_start`, ['time_start_max']) };
		}
		return { from: toMinutes(from), max: toMinutes(max) };
	}

	function checkSearchAppointments(appointments: z.infer<typeof searchAppointment>[], companyId: number | undefined): EmulatorResponse | undefined {
		if (appointments.length === 0) return fail('MISSINGPARAMETER', 'appointments must contain at least one appointment', ['appointments']);
		if (companyId !== undefined && companyId !== state.companyId) {
			return fail('INVALIDPARAMETER', `company_id ${companyId} is not a company you can book in`, ['company_id']);
		}
		for (const [i, a] of appointments.entries()) {
			if (!service(a.service_id)) return fail('INVALIDPARAMETER', `appointments[${i}].service_id ${a.service_id} is not a valid service ID`, [`appointments[${i}].service_id`]);
			if (a.operator_id != null && !ROSTERED_OPERATORS.includes(a.operator_id)) {
				return fail('INVALIDPARAMETER', `appointments[${i}].operator_id ${a.operator_id} is not an operator who takes bookings`, [`appointments[${i}].operator_id`]);
			}
		}
		return undefined;
	}

	const searchIgnore = (call: MethodCall): Ignore => {
		const manager = MANAGER_ROLES.has(state.operators.find((o) => o.operator_id === call.session.operatorId)?.role_id ?? 0);
		return { processing: true, processingAtClose: true, blocked: manager, blockedAtClose: manager, otherBlocked: false };
	};

	/** Every way to book the requested services back to back from `start`: one per first operator available. */
	function chainsAt(start: number, wanted: z.infer<typeof searchAppointment>[], ignore: Ignore): Booking[][] {
		const firstOperators = wanted[0].operator_id != null ? [wanted[0].operator_id] : ROSTERED_OPERATORS.filter((id) => state.operators.some((o) => o.operator_id === id));
		const chains: Booking[][] = [];
		for (const firstOperator of firstOperators) {
			const chain: Booking[] = [];
			let at = start;
			for (const [i, w] of wanted.entries()) {
				const duration = Number(service(w.service_id)!.duration);
				const operators = i === 0 ? [firstOperator] : w.operator_id != null ? [w.operator_id] : ROSTERED_OPERATORS;
				const placed = operators
					.map((operator_id): Booking => ({ client_id: 0, operator_id, service_id: w.service_id, resource_id: 0, start: fromMinutes(at), duration }))
					.find((b) => {
						const result = fit(b, ignore, chain, 'fit in');
						return result.ok && result.duration === duration;
					});
				if (!placed) break;
				chain.push(placed);
				at += duration;
			}
			if (chain.length === wanted.length) chains.push(chain);
		}
		return chains;
	}

	const search = (body: Record<string, unknown>, call: MethodCall): EmulatorResponse => {
		const parsed = parse(searchRequest, body);
		if ('error' in parsed) return parsed.error;
		const request = parsed.value;
		const invalid = checkSearchAppointments(request.appointments, request.company_id);
		if (invalid) return invalid;
		const grouped = (request.options?.expanded_fields_grouped ?? []).map((e) => e.expanded_field);
		const unsupported = grouped.filter((g) => !['operators', 'resources', 'services'].includes(g));
		if (unsupported.length) return fail('INVALIDPARAMETER', `Cannot expand ${unsupported.join(', ')}`, ['options.expanded_fields_grouped']);
		const nextHour = () => fromMinutes((Math.floor(toMinutes(nowWall()) / 60) + 1) * 60);
		const window = searchWindow(request.time_start, request.time_start_max, nextHour);
		if ('error' in window) return window.error!;
		const direction = request.direction ?? 'forward';
		const times = request.times ?? [];
		const nowMinutes = toMinutes(nowWall());
		const ignore = searchIgnore(call);
		const span = window.max - window.from;
		const first = direction === 'middle' ? window.from - span : window.from;
		const slots: number[] = [];
		for (let t = Math.ceil(first / INTERVAL) * INTERVAL; t < window.max; t += INTERVAL) slots.push(t);
		if (direction === 'middle') slots.sort((a, b) => Math.abs(a - window.from) - Math.abs(b - window.from) || a - b);
		const found: Array<{ start: number; chain: Booking[] }> = [];
		for (const t of slots) {
			if (times.length && !times.some((block) => inBlock(block, t - dayStart(t), t, nowMinutes))) continue;
			for (const chain of chainsAt(t, request.appointments, ignore)) found.push({ start: t, chain });
		}
		const limit = Math.max(5, 3 * ROSTERED_OPERATORS.length);
		const chosen: typeof found = [];
		for (const option of found) {
			// all the operators free in the last timeslot are returned, even past the limit
			if (chosen.length >= limit && option.start !== chosen[chosen.length - 1].start) break;
			chosen.push(option);
		}
		chosen.sort((a, b) => a.start - b.start);
		const operatorsOf = (chain: Booking[]) => chain.map((b) => b.operator_id).join(',');
		const options = chosen.map(({ start, chain }) => ({
			appointments: chain.map((b, i) => {
				const w = request.appointments[i];
				const from = toMinutes(b.start);
				return {
					company_id: state.companyId,
					duration: b.duration,
					operator_id: b.operator_id,
					service_id: b.service_id,
					time_end: withOffset(fromMinutes(from + b.duration)),
					time_start: withOffset(b.start),
					...(w.pos_id ? { pos_id: w.pos_id } : {}),
					...(w.parent_pos_id ? { parent_pos_id: w.parent_pos_id } : {}),
				};
			}),
			more_available: found.some((o) => o.start > start),
			more_available_same_operator: found.some((o) => o.start > start && operatorsOf(o.chain) === operatorsOf(chain)),
		}));
		const out: Record<string, unknown> = { options };
		const used = (key: 'operator_id' | 'service_id') => new Set(chosen.flatMap((o) => o.chain.map((b) => b[key])));
		if (grouped.includes('operators')) out.operators = [...used('operator_id')].map(operatorOut).filter(Boolean);
		if (grouped.includes('services')) out.services = state.services.filter((s) => used('service_id').has(s.service_id)).map(serviceOut);
		// the search assigns no resources
		if (grouped.includes('resources')) out.resources = [];
		return ok(out);
	};

	const searchDates = (body: Record<string, unknown>, call: MethodCall): EmulatorResponse => {
		const parsed = parse(searchDatesRequest, body);
		if ('error' in parsed) return parsed.error;
		const request = parsed.value;
		const invalid = checkSearchAppointments(request.appointments, request.company_id);
		if (invalid) return invalid;
		const window = searchWindow(request.time_start, request.time_start_max, nowWall);
		if ('error' in window) return window.error!;
		const times = request.times?.length ? request.times : ['any'];
		const ignore = searchIgnore(call);
		const nowMinutes = toMinutes(nowWall());
		const dates: Array<{ date: string; times: string[] }> = [];
		for (let day = dayStart(window.from); day < window.max; day += DAY_MINUTES) {
			const open = new Set<string>();
			for (let t = Math.max(day, Math.ceil(window.from / INTERVAL) * INTERVAL); t < Math.min(day + DAY_MINUTES, window.max); t += INTERVAL) {
				const blocks = times.filter((block) => !open.has(block) && inBlock(block, t - day, t, nowMinutes));
				if (blocks.length === 0 || chainsAt(t, request.appointments, ignore).length === 0) continue;
				for (const block of blocks) open.add(block);
				if (open.size === times.length) break;
			}
			if (open.size) dates.push({ date: withOffset(fromMinutes(day)), times: times.filter((block) => open.has(block)) });
		}
		return ok({ dates });
	};

	// ---- the book ----

	const list = (body: Record<string, unknown>, call: MethodCall): EmulatorResponse => {
		const parsed = parse(listRequest, body);
		if ('error' in parsed) return parsed.error;
		const { filters: f, options: listOptions } = parsed.value;
		const dates: Record<string, string | undefined> = {};
		for (const field of ['time_start', 'time_end', 'date_created_min', 'date_created_max'] as const) {
			if (f[field] === undefined) continue;
			dates[field] = wallClock(f[field]!);
			if (!dates[field]) return fail('INVALIDPARAMETER', `filters.${field} is not a valid date (see Dates)`, [`filters.${field}`]);
		}
		const { time_start: from = '', time_end: to = '', date_created_min: createdMin, date_created_max: createdMax } = dates;
		if (to <= from) return fail('INVALIDPARAMETER', 'filters.time_end must be after filters.time_start', ['filters.time_end']);
		if (f.company_id !== undefined && f.company_id !== 0 && f.company_id !== state.companyId) {
			return fail('INVALIDPARAMETER', `filters.company_id ${f.company_id} is not a company you can access`, ['filters.company_id']);
		}
		if (f.claimed !== undefined && f.client_id === undefined) return fail('MISSINGPARAMETER', 'filters.client_id is required with filters.claimed', ['filters.client_id']);
		if (f.preset !== undefined) {
			if (f.preset !== 'pos_future') return fail('INVALIDPARAMETER', `filters.preset "${f.preset}" is not valid`, ['filters.preset']);
			if (f.client_id === undefined) return fail('MISSINGPARAMETER', 'filters.client_id is required with filters.preset pos_future', ['filters.client_id']);
		}
		if (f.online_booking_client_id !== undefined) {
			if (f.client_id !== undefined) return fail('INVALIDPARAMETER', 'filters.client_id must be omitted with filters.online_booking_client_id', ['filters.client_id']);
			if (f.company_id === undefined) return fail('MISSINGPARAMETER', 'filters.company_id is required with filters.online_booking_client_id', ['filters.company_id']);
			const refused = checkOnlineBookingClient(state, call.req, f.online_booking_client_id, now());
			if (refused) return refused;
		}
		if (listOptions?.sort_expression !== undefined && listOptions.sort_expression !== 'time_start') {
			return fail('INVALIDPARAMETER', 'options.sort_expression can only be time_start', ['options.sort_expression']);
		}
		if (listOptions?.expanded_fields?.length) return fail('INVALIDPARAMETER', 'Use options.expanded_fields_grouped for appointment lists', ['options.expanded_fields']);
		const grouped = (listOptions?.expanded_fields_grouped ?? []).map((e) => e.expanded_field);
		const unsupported = grouped.filter((g) => !['clients', 'operators', 'resources', 'services', 'packages'].includes(g));
		if (unsupported.length) return fail('INVALIDPARAMETER', `Cannot expand ${unsupported.join(', ')}`, ['options.expanded_fields_grouped']);
		const overlaps = (a: SalonAppointment) =>
			state.appointments.some(
				(o) =>
					o !== a &&
					o.operator_id === a.operator_id &&
					a.operator_id > 0 &&
					toMinutes(o.start) < toMinutes(a.start) + a.duration &&
					toMinutes(a.start) < toMinutes(o.start) + o.duration,
			);
		const created = (a: SalonAppointment) => wallClock(a.date_created) ?? '';
		const matches = (a: SalonAppointment) => {
			const extra = extras.get(a.appointment_id) ?? {};
			const record = a as unknown as Record<string, unknown>;
			const checks: Array<boolean | undefined> = [
				a.start >= from && a.start < to,
				f.appointment_ids === undefined || f.appointment_ids.includes(a.appointment_id),
				f.client_id === undefined || a.client_id === f.client_id,
				f.operator_id === undefined || a.operator_id === f.operator_id,
				f.resource_id === undefined || a.resource_id === f.resource_id,
				f.service_id === undefined || a.service_id === f.service_id,
				f.unconfirmed === undefined || a.unconfirmed === f.unconfirmed,
				f.transaction_id === undefined || a.transaction_id === f.transaction_id,
				f.show_on_appt_page === undefined || visible(a) === f.show_on_appt_page,
				f.parent_appointment_id === undefined || extra.parent_appointment_id === f.parent_appointment_id,
				// nothing in the book is sold in a package: the package filters match the "not in a package" side
				f.claimed === undefined || f.claimed,
				f.sold_in_client_package === undefined || !f.sold_in_client_package,
				f.client_package_expired === undefined || !f.client_package_expired,
				f.client_package_id === undefined || f.client_package_id === 0,
				!f.operators_only || a.operator_id !== SYSTEM_OPERATOR,
				!f.resources_only || a.resource_id > 0,
				f.double_booked === undefined || overlaps(a) === f.double_booked,
				createdMin === undefined || created(a) >= createdMin,
				createdMax === undefined || created(a) < createdMax,
				f.preset === undefined || (a.start >= nowWall() && a.transaction_id === 0),
				f.online_booking_client_id === undefined || record.online_booking_client_id === f.online_booking_client_id,
			];
			return checks.every(Boolean);
		};
		const rows = state.appointments.filter(matches).sort((a, b) => a.start.localeCompare(b.start) || a.appointment_id - b.appointment_id);
		// The docs' list of "special cases" that allow -1 is missing, so the emulator allows none.
		const paged = page(rows, listOptions, maxRows, false);
		if ('error' in paged) return paged.error!;
		const out: Record<string, unknown> = { ...paged.meta, appointments: paged.slice.map(appointmentOut) };
		const ids = (key: 'client_id' | 'operator_id' | 'service_id' | 'resource_id') => new Set(paged.slice.map((a) => a[key]));
		if (grouped.includes('clients')) {
			out.clients = [...ids('client_id')].map((id) => state.clients.get(id)).filter((c): c is SalonClient => !!c).map(clientOut);
		}
		if (grouped.includes('operators')) out.operators = [...ids('operator_id')].map(operatorOut).filter(Boolean);
		if (grouped.includes('services')) out.services = state.services.filter((s) => ids('service_id').has(s.service_id)).map(serviceOut);
		// resources live in their own area; the book only knows their IDs
		if (grouped.includes('resources')) out.resources = [...ids('resource_id')].filter((id) => id > 0).map((resource_id) => ({ resource_id, company_id: state.companyId }));
		if (grouped.includes('packages')) out.packages = [];
		return ok(out);
	};

	const nextId = () => Math.max(0, ...state.appointments.map((a) => a.appointment_id)) + 1;

	return {
		reset() {
			extras.clear();
		},
		methods: {
			'appointment/list': list,
			'appointment/get'(body) {
				const parsed = parse(getRequest, body);
				if ('error' in parsed) return parsed.error;
				const found = find(parsed.value.appointment_id);
				if ('status' in found) return found;
				const out = appointmentOut(found);
				for (const { expanded_field: field } of parsed.value.expanded_fields ?? []) {
					if (field === 'service') {
						const s = service(found.service_id);
						if (s) out.service = serviceOut(s);
					} else if (field === 'discounts') out.discounts = [];
					// not sold in a package: there is no client package to embed
					else if (field !== 'client_package') {
						return fail('INVALIDPARAMETER', `Cannot expand ${field}: use client_package, discounts or service`, ['expanded_fields']);
					}
				}
				return ok({ appointment: out });
			},
			'appointment/add/search': search,
			'appointment/add/search/dates': searchDates,
			'appointment/add/check'(body, call) {
				const parsed = parse(addCheckRequest, body);
				if ('error' in parsed) return parsed.error;
				const ignore = ignoreOf(parsed.value, call);
				if ('status' in ignore) return ignore;
				const plan = planAdd(parsed.value.appointments, ignore);
				if ('status' in plan) return plan;
				return ok(plan.warnings.length ? { warnings: plan.warnings } : {});
			},
			'appointment/add'(body, call) {
				const parsed = parse(addRequest, body);
				if ('error' in parsed) return parsed.error;
				const ignore = ignoreOf(parsed.value, call);
				if ('status' in ignore) return ignore;
				const plan = planAdd(parsed.value.appointments, ignore);
				if ('status' in plan) return plan;
				const created = withOffset(nowWall());
				const added = plan.bookings.map((b) => {
					const record: SalonAppointment = {
						appointment_id: nextId(),
						company_id: state.companyId,
						client_id: b.client_id,
						operator_id: b.operator_id,
						service_id: b.service_id,
						resource_id: b.resource_id,
						duration: b.duration,
						start: b.start,
						price: b.input.price ?? Number(service(b.service_id)?.price ?? 0),
						comments: b.input.comments ?? '',
						flag_ids: [],
						transaction_id: 0,
						unconfirmed: false,
						date_created: created,
					};
					state.appointments.push(record);
					if (b.input.parent_appointment_id) extras.set(record.appointment_id, { parent_appointment_id: b.input.parent_appointment_id });
					return record;
				});
				const out: Record<string, unknown> = { appointments: added.map(appointmentOut) };
				if (plan.warnings.length) out.warnings = plan.warnings;
				return ok(out);
			},
			'appointment/update/check'(body, call) {
				const parsed = parse(updateRequest, body);
				if ('error' in parsed) return parsed.error;
				const plan = planUpdate(parsed.value, call);
				if ('error' in plan) return plan.error!;
				return ok(plan.warnings.length ? { warnings: plan.warnings } : {});
			},
			'appointment/update'(body, call) {
				const parsed = parse(updateRequest, body);
				if ('error' in parsed) return parsed.error;
				const plan = planUpdate(parsed.value, call);
				if ('error' in plan) return plan.error!;
				const { existing, changes, input, warnings } = plan;
				Object.assign(existing, changes);
				if (input.comments != null) existing.comments = input.comments;
				if (input.show_on_appt_page === false) extras.set(existing.appointment_id, { ...extras.get(existing.appointment_id), show_on_appt_page: false });
				const out: Record<string, unknown> = { appointment: appointmentOut(existing) };
				if (warnings.length) out.warnings = warnings;
				return ok(out);
			},
			'appointment/update/confirm'(body) {
				const parsed = parse(confirmRequest, body);
				if ('error' in parsed) return parsed.error;
				const found = find(parsed.value.appointment_id);
				if ('status' in found) return found;
				if (!found.unconfirmed) {
					return fail('APPOINTMENTNOTUNCONFIRMED', `Appointment ${found.appointment_id} is not awaiting confirmation`, ['appointment_id']);
				}
				if (parsed.value.confirm) {
					found.unconfirmed = false;
					return ok({ appointment: appointmentOut(found) });
				}
				// a declined request leaves the book
				const out = appointmentOut(found);
				state.appointments.splice(state.appointments.indexOf(found), 1);
				extras.delete(found.appointment_id);
				return ok({ appointment: out });
			},
			'appointment/update/flag'(body) {
				const parsed = parse(flagRequest, body);
				if ('error' in parsed) return parsed.error;
				const { appointment_id: id, flag_id: flagId, value } = parsed.value;
				if (!FLAGS[flagId]) return fail('INVALIDPARAMETER', `flag_id ${flagId} is not an appointment flag (see Appointment Flags)`, ['flag_id']);
				if (flagId === PAID_FLAG) return fail('FIELDUPDATENOTALLOWED', 'The Paid flag is read-only', ['flag_id']);
				const found = find(id);
				if ('status' in found) return found;
				const flags = new Set(found.flag_ids);
				if (value) flags.add(flagId);
				else flags.delete(flagId);
				found.flag_ids = [...flags].sort((a, b) => b - a);
				const out = appointmentOut(found);
				out.flags = found.flag_ids.map((flag_id) => ({ flag_id, name: FLAGS[flag_id] }));
				return ok({ appointment: out });
			},
			'appointment/delete'(body) {
				const parsed = parse(deleteRequest, body);
				if ('error' in parsed) return parsed.error;
				const { appointment_id: one, appointment_ids: many } = parsed.value;
				if (one === undefined && many === undefined) {
					return fail('MISSINGPARAMETER', 'appointment_id or appointment_ids is required', ['appointment_id', 'appointment_ids']);
				}
				if (one !== undefined && many !== undefined) {
					return fail('INVALIDPARAMETER', 'Specify appointment_id or appointment_ids, not both', ['appointment_id', 'appointment_ids']);
				}
				const ids = many ?? [one!];
				if (ids.length === 0) return fail('MISSINGPARAMETER', 'appointment_ids must contain at least one ID', ['appointment_ids']);
				const problemOf = (id: number): Message | undefined => {
					const found = state.appointments.find((a) => a.appointment_id === id);
					if (!found) return { code: 'APPOINTMENTNOTFOUND', message: `Appointment ${id} was not found`, details: [String(id)] };
					if (isPaid(found)) return { code: 'APPOINTMENTPAID', message: `Appointment ${id} is paid and cannot be deleted`, details: [String(id)] };
					return undefined;
				};
				const warnings: Message[] = [];
				for (const id of ids) {
					const problem = problemOf(id);
					if (problem && ids.length === 1) return fail(problem.code, problem.message, one !== undefined ? ['appointment_id'] : ['appointment_ids[0]']);
					if (problem) {
						warnings.push(problem);
						continue;
					}
					state.appointments.splice(state.appointments.findIndex((a) => a.appointment_id === id), 1);
					extras.delete(id);
				}
				return ok(warnings.length ? { warnings } : {});
			},
		},
	};
};
