import { z } from 'zod';

import type { SimpleSalonState } from '../index';
import * as schema from '../schemas';
import {
	COMPANY_OFFSET,
	COMPANY_SETTINGS,
	DOME_CHILD_COMPANY_IDS,
	OPERATOR_LEVELS,
	OPERATORS,
	ROSTER_TYPES,
	STATES,
	SYSTEM_OPERATOR_ID,
	blankOperator,
	seedRosters,
	type SalonOperator,
	type SalonRoster,
} from '../seed';
import { fail, ok, page, parse, type AreaFactory } from './types';

/*
 * Staff: operators (with levels, push devices and Dome sharing), rosters and roster types. Operators live in the
 * shared state (login, switch and bookings read them); rosters, roster types, devices and sharing live here.
 */

const int = z.number().int();
const opt = <T extends z.ZodTypeAny>(zod: T) => zod.nullable().optional();

/** The writable fields of the Operator model. */
const operatorWritable = {
	address_line1: opt(z.string()),
	address_postcode: opt(z.string()),
	address_state_id: opt(int),
	address_suburb: opt(z.string()),
	commission_packages: opt(z.number()),
	commission_products_profit: opt(z.number()),
	commission_products_revenue: opt(z.number()),
	commission_services: opt(z.number()),
	commission_vouchers: opt(z.number()),
	date_of_birth: opt(z.string()),
	display_name: opt(z.string()),
	email: opt(z.string()),
	email_appointment_updates_enabled: opt(z.boolean()),
	firstname: opt(z.string()),
	gender: opt(z.string()),
	kpi_avgclientspendperday: opt(z.number()),
	kpi_clientsperday: opt(z.number()),
	kpi_rebookrate: opt(z.number()),
	kpi_retailsales: opt(z.number()),
	kpi_wagesvssales: opt(z.number()),
	lastname: opt(z.string()),
	level_id: opt(int),
	mobile: opt(z.string()),
	online_booking_show: opt(z.boolean()),
	order_num: opt(int),
	phone: opt(z.string()),
	pin: opt(int),
	role_id: opt(int),
	show_on_appointment_page: opt(z.boolean()),
	sms_appointment_updates_enabled: opt(z.boolean()),
	username: opt(z.string()),
	welcome_page: opt(z.string()),
};
const WRITABLE_OPERATOR_FIELDS = Object.keys(operatorWritable);

/** Expanded and read-only fields: accepted (a fetched operator can be sent back) and ignored. */
const operatorIgnored = {
	address_state: z.unknown().optional(),
	dome_operator_id: z.unknown().optional(),
	level: z.unknown().optional(),
};

const operatorInput = z.object({ operator_id: opt(int), company_id: opt(int), ...operatorWritable, ...operatorIgnored }).strict();
type OperatorInput = z.infer<typeof operatorInput>;

export const operatorSchemas = {
	list: z
		.object({
			filters: z
				.object({
					company_id: int.optional(),
					is_system: z.boolean().optional(),
					online_booking_show: z.boolean().optional(),
					operator_ids: z.array(int).optional(),
					show_on_appt_page: z.boolean().optional(),
					show_on_pos_page: z.boolean().optional(),
				})
				.strict(),
			options: schema.listOptions.optional(),
		})
		.strict(),
	get: z.object({ operator_id: int }).strict(),
	add: z.object({ operator: operatorInput }).strict(),
	update: z
		.object({
			operator: operatorInput,
			update_in_child_locations: z
				.object({ display_name: z.boolean().optional(), level_id: z.boolean().optional(), order_num: z.boolean().optional() })
				.strict()
				.optional(),
		})
		.strict(),
	delete: z.object({ operator_id: int }).strict(),
	pushAdd: z
		.object({
			operator_id: int,
			// "Must specify all fields."
			push_device: z
				.object({
					name: z.string().min(1),
					token: z.string().min(1),
					type: z.enum(['apple', 'android']),
					uuid: z.string().min(1),
				})
				.strict(),
		})
		.strict(),
	levelList: z.object({ options: schema.listOptions.optional() }).strict(),
	sharing: z
		.object({ operator_id: int, company_ids: z.array(int), share: z.boolean(), replace: z.boolean().optional() })
		.strict(),
};

const rosterInput = z
	.object({
		roster_id: opt(int),
		company_id: opt(int),
		duration: opt(int),
		operator_id: opt(int),
		roster_type_id: opt(int),
		time_start: opt(z.string()),
		// "This field is ignored - use duration to set the end time."
		time_end: z.unknown().optional(),
		roster_type: z.unknown().optional(),
	})
	.strict();

export const rosterSchemas = {
	list: z
		.object({
			filters: z
				.object({
					time_start: z.string(),
					time_end: z.string(),
					company_id: int.optional(),
					exclude_dome: z.boolean().optional(),
					operator_id: int.optional(),
				})
				.strict(),
			options: schema.listOptions.optional(),
		})
		.strict(),
	get: z.object({ roster_id: int }).strict(),
	add: z.object({ roster: rosterInput }).strict(),
	update: z.object({ roster: rosterInput }).strict(),
	delete: z.object({ roster_id: int }).strict(),
	typeList: z
		.object({
			filters: z.object({ company_id: int.optional(), roster_type_ids: z.array(int).optional() }).strict().optional(),
			options: schema.listOptions.optional(),
		})
		.strict(),
	typeGet: z.object({ roster_type_id: int }).strict(),
};

const ROLES = [-1, -2, -3, -5];
const WELCOME_PAGES = ['', 'appointments', 'pos', 'reporting', 'resources'];
const WEEK_MS = 7 * 86_400_000;

/** Company-local wall clock of a date input (`YYYY-MM-DDTHH:MM:SS`); the offset is ignored, as documented. */
export function wallTime(value: string): string | undefined {
	const m = schema.DATE_PATTERN.exec(value.trim());
	if (!m) return undefined;
	const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
	const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
	if (probe.getUTCMonth() !== Number(mo) - 1 || probe.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
		return undefined;
	}
	return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

const plusMinutes = (wall: string, minutes: number) => new Date(Date.parse(`${wall}Z`) + minutes * 60_000).toISOString().slice(0, 19);

/**
 * A company setting as a string. The shared state may carry the settings (`state.settings`, as a record, a Map or a
 * Setting[] list) once an area serves them; until then the seed's values apply.
 */
export function settingOf(state: SimpleSalonState, key: string): string | undefined {
	const shared = (state as SimpleSalonState & { settings?: unknown }).settings;
	if (shared instanceof Map) return shared.has(key) ? String(shared.get(key)) : COMPANY_SETTINGS[key];
	if (Array.isArray(shared)) {
		const found = (shared as Array<{ name?: unknown; value?: unknown }>).find((s) => s?.name === key);
		return found ? String(found.value) : COMPANY_SETTINGS[key];
	}
	if (shared && typeof shared === 'object' && key in shared) return String((shared as Record<string, unknown>)[key]);
	return COMPANY_SETTINGS[key];
}

/** The Operator model as the API returns it: no password, no PIN (the docs' examples never show one), level expanded. */
export function operatorOut(o: SalonOperator): Record<string, unknown> {
	const out: Record<string, unknown> = { ...o };
	delete out.password;
	delete out.pin;
	const level = OPERATOR_LEVELS.find((l) => l.level_id === o.level_id);
	if (o.level_id !== 0 && level) out.level = { ...level };
	const state = STATES.find((s) => s.state_id === o.address_state_id);
	if (o.address_state_id !== 0 && state) out.address_state = { ...state };
	return out;
}

/** The System Operator row of operator/list ("an operator was not assigned"). */
function systemOperator(companyId: number): Record<string, unknown> {
	return {
		...operatorOut({ ...blankOperator(SYSTEM_OPERATOR_ID), company_id: companyId, display_name: 'System', firstname: 'System', role_id: -2 }),
		online_booking_show: false,
		show_on_appointment_page: false,
	};
}

/** Dome sharing (`<entity>/sharing/update`): `replace` also sets every child location not listed to the opposite. */
export function applySharing(map: Map<number, Set<number>>, id: number, own: number, input: { company_ids: number[]; share: boolean; replace?: boolean }) {
	const unknown = input.company_ids.filter((c) => !DOME_CHILD_COMPANY_IDS.includes(c));
	if (unknown.length) {
		return fail('INVALIDPARAMETER', `company_ids ${unknown.join(', ')} are not child locations of your Dome`, ['company_ids']);
	}
	const shared = map.get(id) ?? new Set([own]);
	for (const company of DOME_CHILD_COMPANY_IDS) {
		if (input.company_ids.includes(company)) {
			if (input.share) shared.add(company);
			else shared.delete(company);
		} else if (input.replace) {
			// "any child companies not included in the company_ids list will also have their sharing updated to the opposite value"
			if (input.share) shared.delete(company);
			else shared.add(company);
		}
	}
	map.set(id, shared);
	return undefined;
}

export const staffArea: AreaFactory = (ctx) => {
	const { state } = ctx;
	let rosters: SalonRoster[] = [];
	let nextRosterId = 0;
	let nextOperatorId = 0;
	/** Registered push devices by uuid ("If the device matches an existing device, the existing device will be updated"). */
	const devices = new Map<string, { operator_id: number; name: string; token: string; type: string }>();
	/** The Dome child companies each operator is shared with. */
	const sharing = new Map<number, Set<number>>();

	function reset() {
		rosters = seedRosters();
		nextRosterId = Math.max(...rosters.map((r) => r.roster_id)) + 1;
		nextOperatorId = Math.max(...OPERATORS.map((o) => o.operator_id)) + 1;
		devices.clear();
		sharing.clear();
	}

	const operatorById = (id: number, field = 'operator_id') => {
		const operator = state.operators.find((o) => o.operator_id === id);
		return operator ?? fail('OPERATORNOTFOUND', `Operator ${id} was not found`, [field]);
	};

	/** Values the Operator model does not allow; `prefix` names the field the way the request did. */
	function checkOperator(input: OperatorInput, self: number | undefined): ReturnType<typeof fail> | undefined {
		const bad = (field: string, message: string) => fail('INVALIDPARAMETER', `operator.${field} ${message}`, [`operator.${field}`]);
		if (input.gender != null && !['Male', 'Female', ''].includes(input.gender)) return bad('gender', 'must be Male, Female or empty');
		if (input.role_id != null && !ROLES.includes(input.role_id) && input.role_id <= 0) return bad('role_id', `${input.role_id} is not a valid role ID`);
		if (input.level_id != null && input.level_id !== 0 && !OPERATOR_LEVELS.some((l) => l.level_id === input.level_id)) {
			return bad('level_id', `${input.level_id} is not a valid operator level ID`);
		}
		if (input.address_state_id != null && !STATES.some((s) => s.state_id === input.address_state_id)) {
			return bad('address_state_id', `${input.address_state_id} is not a valid state ID`);
		}
		if (input.welcome_page != null && !WELCOME_PAGES.includes(input.welcome_page)) {
			return bad('welcome_page', 'must be empty, appointments, pos, reporting or resources');
		}
		if (input.date_of_birth != null && input.date_of_birth !== '' && !wallTime(input.date_of_birth)) {
			return bad('date_of_birth', 'is not a valid date (see Dates)');
		}
		if (input.email != null && input.email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email)) return bad('email', 'is not a valid email address');
		for (const field of Object.keys(input).filter((f) => f.startsWith('commission_') || f.startsWith('kpi_'))) {
			const value = (input as Record<string, unknown>)[field];
			if (typeof value === 'number' && (value < 0 || (field !== 'kpi_avgclientspendperday' && field !== 'kpi_clientsperday' && value > 100))) {
				return bad(field, 'must be a percentage between 0 and 100');
			}
		}
		// The PIN picks the operator on /v1/switch, so two operators cannot share one.
		if (input.pin != null && input.pin !== 0) {
			if (input.pin < 0 || input.pin > 99999999) return bad('pin', 'must be a number of up to 8 digits');
			if (state.operators.some((o) => o.pin === input.pin && o.operator_id !== self)) return bad('pin', 'is already used by another operator');
		}
		if (input.username != null && input.username !== '' && state.operators.some((o) => o.username === input.username && o.operator_id !== self)) {
			return bad('username', `"${input.username}" is already taken`);
		}
		return undefined;
	}

	function applyOperator(target: SalonOperator, input: OperatorInput) {
		const record = target as unknown as Record<string, unknown>;
		for (const field of WRITABLE_OPERATOR_FIELDS) {
			const value = (input as Record<string, unknown>)[field];
			if (value === undefined || value === null) continue;
			record[field] = field === 'date_of_birth' && value !== '' ? `${wallTime(String(value))!.slice(0, 10)}T00:00:00${COMPANY_OFFSET}` : value;
		}
	}

	/** "Returns an error if setting advanced_rostering is 0" (said of the list and get calls; writes are refused alike). */
	function rosteringOff() {
		if (settingOf(state, 'advanced_rostering') !== '0') return undefined;
		return fail('ADVANCEDROSTERINGDISABLED', 'Rosters are not available: the company setting advanced_rostering is 0', ['advanced_rostering']);
	}

	const rosterTypeOut = (id: number) => {
		const type = ROSTER_TYPES.find((t) => t.roster_type_id === id);
		return type ? { ...type } : undefined;
	};

	function rosterOut(r: SalonRoster): Record<string, unknown> {
		const out: Record<string, unknown> = {
			roster_id: r.roster_id,
			company_id: r.company_id,
			duration: r.duration,
			operator_id: r.operator_id,
			roster_type_id: r.roster_type_id,
			time_end: `${plusMinutes(r.start, r.duration)}${COMPANY_OFFSET}`,
			time_start: `${r.start}${COMPANY_OFFSET}`,
		};
		const type = rosterTypeOut(r.roster_type_id);
		if (type) out.roster_type = type;
		return out;
	}

	const rosterById = (id: number) =>
		rosters.find((r) => r.roster_id === id) ?? fail('ROSTERNOTFOUND', `Roster ${id} was not found`, ['roster_id']);

	function checkRoster(input: z.infer<typeof rosterInput>) {
		const bad = (field: string, message: string) => fail('INVALIDPARAMETER', `roster.${field} ${message}`, [`roster.${field}`]);
		if (input.operator_id != null && !state.operators.some((o) => o.operator_id === input.operator_id)) {
			return fail('OPERATORNOTFOUND', `Operator ${input.operator_id} was not found`, ['roster.operator_id']);
		}
		if (input.roster_type_id != null && input.roster_type_id !== 0 && !ROSTER_TYPES.some((t) => t.roster_type_id === input.roster_type_id)) {
			return bad('roster_type_id', `${input.roster_type_id} is not a valid roster type ID`);
		}
		if (input.duration != null && (input.duration < 1 || input.duration > 24 * 60)) return bad('duration', 'must be between 1 and 1440 minutes');
		if (input.time_start != null && !wallTime(input.time_start)) return bad('time_start', 'is not a valid date (see Dates)');
		return undefined;
	}

	reset();

	return {
		reset,
		methods: {
			'operator/list'(body) {
				const parsed = parse(operatorSchemas.list, body);
				if ('error' in parsed) return parsed.error;
				const { filters: f, options } = parsed.value;
				const companyId = f.company_id ?? state.companyId;
				if (companyId !== state.companyId) {
					return fail('INVALIDPARAMETER', `filters.company_id ${companyId} is not a company you can access`, ['filters.company_id']);
				}
				const staff = [...state.operators]
					.filter((o) => o.company_id === companyId)
					.sort((a, b) => a.order_num - b.order_num || a.operator_id - b.operator_id)
					.map(operatorOut);
				let rows = f.is_system === true ? [] : staff;
				if (f.is_system !== false) rows = [systemOperator(companyId), ...rows];
				rows = rows.filter((o) => {
					if (f.operator_ids !== undefined && !f.operator_ids.includes(o.operator_id as number)) return false;
					if (f.online_booking_show !== undefined && o.online_booking_show !== f.online_booking_show) return false;
					if (f.show_on_appt_page !== undefined && o.show_on_appointment_page !== f.show_on_appt_page) return false;
					// The model has no POS visibility field of its own; the appointment page column stands for it.
					if (f.show_on_pos_page !== undefined && o.show_on_appointment_page !== f.show_on_pos_page) return false;
					return true;
				});
				const paged = page(rows, options, ctx.maxRows, true);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, operators: paged.slice });
			},
			'operator/get'(body) {
				const parsed = parse(operatorSchemas.get, body);
				if ('error' in parsed) return parsed.error;
				const operator = operatorById(parsed.value.operator_id);
				if ('status' in operator) return operator;
				return ok({ operator: operatorOut(operator) });
			},
			'operator/add'(body) {
				const parsed = parse(operatorSchemas.add, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value.operator;
				if (input.operator_id != null) return fail('FIELDUPDATENOTALLOWED', 'operator.operator_id must be omitted', ['operator.operator_id']);
				if (input.company_id != null && input.company_id !== state.companyId) {
					return fail('INVALIDPARAMETER', `operator.company_id ${input.company_id} is not your company`, ['operator.company_id']);
				}
				// Undocumented, as for clients: a staff member needs a name to show in the appointment book.
				if (!input.display_name?.trim() && !input.firstname?.trim()) {
					return fail('MISSINGPARAMETER', 'operator.display_name or operator.firstname is required', ['operator.display_name']);
				}
				const invalid = checkOperator(input, undefined);
				if (invalid) return invalid;
				const operator = { ...blankOperator(nextOperatorId++), company_id: state.companyId };
				applyOperator(operator, input);
				if (!operator.display_name.trim()) operator.display_name = operator.firstname;
				state.operators.push(operator);
				return ok({ operator: operatorOut(operator) });
			},
			'operator/update'(body) {
				const parsed = parse(operatorSchemas.update, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value.operator;
				if (input.operator_id == null) return fail('MISSINGPARAMETER', 'operator.operator_id is required', ['operator.operator_id']);
				const operator = operatorById(input.operator_id, 'operator.operator_id');
				if ('status' in operator) return operator;
				if (input.company_id != null && input.company_id !== operator.company_id) {
					return fail('FIELDUPDATENOTALLOWED', 'operator.company_id cannot be changed', ['operator.company_id']);
				}
				if (input.display_name != null && input.display_name.trim() === '') {
					return fail('INVALIDPARAMETER', 'operator.display_name cannot be empty', ['operator.display_name']);
				}
				const invalid = checkOperator(input, operator.operator_id);
				if (invalid) return invalid;
				// update_in_child_locations only matters in a Dome; a standalone company has no child operators to copy to.
				applyOperator(operator, input);
				return ok({ operator: operatorOut(operator) });
			},
			'operator/delete'(body, { session }) {
				const parsed = parse(operatorSchemas.delete, body);
				if ('error' in parsed) return parsed.error;
				const operator = operatorById(parsed.value.operator_id);
				if ('status' in operator) return operator;
				// Undocumented but unavoidable: the logged-in user cannot remove itself mid-session.
				if (operator.operator_id === session.operatorId) {
					return fail('INVALIDPARAMETER', 'You cannot delete the operator you are logged in as', ['operator_id']);
				}
				state.operators.splice(state.operators.indexOf(operator), 1);
				rosters = rosters.filter((r) => r.operator_id !== operator.operator_id);
				for (const [uuid, device] of devices) if (device.operator_id === operator.operator_id) devices.delete(uuid);
				return ok({});
			},
			'operator/push/add'(body) {
				const parsed = parse(operatorSchemas.pushAdd, body);
				if ('error' in parsed) return parsed.error;
				const operator = operatorById(parsed.value.operator_id);
				if ('status' in operator) return operator;
				const { uuid, ...device } = parsed.value.push_device;
				devices.set(uuid, { operator_id: operator.operator_id, ...device });
				return ok({});
			},
			'operator/sharing/update'(body) {
				const parsed = parse(operatorSchemas.sharing, body);
				if ('error' in parsed) return parsed.error;
				const operator = operatorById(parsed.value.operator_id);
				if ('status' in operator) return operator;
				return applySharing(sharing, operator.operator_id, operator.company_id, parsed.value) ?? ok({});
			},
			'operator_level/list'(body) {
				const parsed = parse(operatorSchemas.levelList, body);
				if ('error' in parsed) return parsed.error;
				const paged = page(OPERATOR_LEVELS.map((l) => ({ ...l })), parsed.value.options, ctx.maxRows, true);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, operator_levels: paged.slice });
			},
			'roster/list'(body) {
				const off = rosteringOff();
				if (off) return off;
				const parsed = parse(rosterSchemas.list, body);
				if ('error' in parsed) return parsed.error;
				const { filters: f, options } = parsed.value;
				const from = wallTime(f.time_start);
				const to = wallTime(f.time_end);
				if (!from) return fail('INVALIDPARAMETER', 'filters.time_start is not a valid date (see Dates)', ['filters.time_start']);
				if (!to) return fail('INVALIDPARAMETER', 'filters.time_end is not a valid date (see Dates)', ['filters.time_end']);
				if (to <= from) return fail('INVALIDPARAMETER', 'filters.time_end must be after filters.time_start', ['filters.time_end']);
				if (f.company_id !== undefined && f.company_id !== state.companyId) {
					return fail('INVALIDPARAMETER', `filters.company_id ${f.company_id} is not a company you can access`, ['filters.company_id']);
				}
				// "rows_per_page can be -1 to retrieve all rosters for a single week only"
				const week = Date.parse(`${to}Z`) - Date.parse(`${from}Z`) <= WEEK_MS;
				if (options?.rows_per_page === -1 && !week) {
					return fail('INVALIDPARAMETER', 'options.rows_per_page can be -1 only for a range of one week or less', ['options.rows_per_page']);
				}
				// exclude_dome is "Ignored for standalone locations", which this company is for rosters.
				const rows = rosters
					.filter((r) => r.start >= from && r.start < to)
					.filter((r) => f.operator_id === undefined || r.operator_id === f.operator_id)
					.sort((a, b) => a.start.localeCompare(b.start) || a.roster_id - b.roster_id);
				const paged = page(rows, options, ctx.maxRows, week);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, rosters: paged.slice.map(rosterOut) });
			},
			'roster/get'(body) {
				const off = rosteringOff();
				if (off) return off;
				const parsed = parse(rosterSchemas.get, body);
				if ('error' in parsed) return parsed.error;
				const roster = rosterById(parsed.value.roster_id);
				if ('status' in roster) return roster;
				return ok({ roster: rosterOut(roster) });
			},
			'roster/add'(body) {
				const off = rosteringOff();
				if (off) return off;
				const parsed = parse(rosterSchemas.add, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value.roster;
				// The docs' "Must specify roster_id" for add is a copy of the update text; an ID cannot be chosen.
				if (input.roster_id != null) return fail('FIELDUPDATENOTALLOWED', 'roster.roster_id must be omitted', ['roster.roster_id']);
				if (input.operator_id == null) return fail('MISSINGPARAMETER', 'roster.operator_id is required', ['roster.operator_id']);
				// Undocumented: a shift without a start or a length cannot be placed on the roster.
				if (input.time_start == null) return fail('MISSINGPARAMETER', 'roster.time_start is required', ['roster.time_start']);
				if (input.duration == null) return fail('MISSINGPARAMETER', 'roster.duration is required', ['roster.duration']);
				if (input.company_id != null && input.company_id !== state.companyId) {
					return fail('INVALIDPARAMETER', `roster.company_id ${input.company_id} is not your company`, ['roster.company_id']);
				}
				const invalid = checkRoster(input);
				if (invalid) return invalid;
				const roster: SalonRoster = {
					roster_id: nextRosterId++,
					company_id: state.companyId,
					operator_id: input.operator_id,
					roster_type_id: input.roster_type_id ?? 0,
					start: wallTime(input.time_start)!,
					duration: input.duration,
				};
				rosters.push(roster);
				return ok({ roster: rosterOut(roster) });
			},
			'roster/update'(body) {
				const off = rosteringOff();
				if (off) return off;
				const parsed = parse(rosterSchemas.update, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value.roster;
				if (input.roster_id == null) return fail('MISSINGPARAMETER', 'roster.roster_id is required', ['roster.roster_id']);
				const roster = rosterById(input.roster_id);
				if ('status' in roster) return roster;
				if (input.company_id != null && input.company_id !== roster.company_id) {
					return fail('FIELDUPDATENOTALLOWED', 'roster.company_id cannot be changed', ['roster.company_id']);
				}
				const invalid = checkRoster(input);
				if (invalid) return invalid;
				if (input.operator_id != null) roster.operator_id = input.operator_id;
				if (input.roster_type_id != null) roster.roster_type_id = input.roster_type_id;
				if (input.duration != null) roster.duration = input.duration;
				if (input.time_start != null) roster.start = wallTime(input.time_start)!;
				return ok({ roster: rosterOut(roster) });
			},
			'roster/delete'(body) {
				const off = rosteringOff();
				if (off) return off;
				const parsed = parse(rosterSchemas.delete, body);
				if ('error' in parsed) return parsed.error;
				const roster = rosterById(parsed.value.roster_id);
				if ('status' in roster) return roster;
				rosters.splice(rosters.indexOf(roster), 1);
				return ok({});
			},
			'roster_type/list'(body) {
				const off = rosteringOff();
				if (off) return off;
				const parsed = parse(rosterSchemas.typeList, body);
				if ('error' in parsed) return parsed.error;
				const f = parsed.value.filters ?? {};
				if (f.company_id !== undefined && f.company_id !== state.companyId) {
					return fail('INVALIDPARAMETER', `filters.company_id ${f.company_id} is not a company you can access`, ['filters.company_id']);
				}
				const rows = ROSTER_TYPES.filter((t) => f.roster_type_ids === undefined || f.roster_type_ids.includes(t.roster_type_id)).map((t) => ({ ...t }));
				const paged = page(rows, parsed.value.options, ctx.maxRows, true);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, roster_types: paged.slice });
			},
			'roster_type/get'(body) {
				const off = rosteringOff();
				if (off) return off;
				const parsed = parse(rosterSchemas.typeGet, body);
				if ('error' in parsed) return parsed.error;
				const type = rosterTypeOut(parsed.value.roster_type_id);
				if (!type) return fail('ROSTERTYPENOTFOUND', `Roster type ${parsed.value.roster_type_id} was not found`, ['roster_type_id']);
				return ok({ roster_type: type });
			},
		},
	};
};
