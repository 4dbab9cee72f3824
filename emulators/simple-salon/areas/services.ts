import { z } from 'zod';

import * as schema from '../schemas';
import {
	APPOINTMENT_INTERVAL,
	CATEGORIES,
	COMPANY_OFFSET,
	ONLINE_CATEGORIES,
	OPERATORS,
	RESOURCES,
	SERVICE_CHILDREN,
	SERVICE_LEVELS,
	SERVICE_OPERATORS,
	SERVICE_RESOURCES,
	SERVICE_TAX_RATE,
	blankService,
	type SalonOperator,
	type SalonService,
} from '../seed';
import { applySharing, operatorOut, settingOf } from './staff';
import { fail, ok, page, parse, type AreaFactory } from './types';

/*
 * Services (with group children, level prices, resources and Dome sharing), service categories and resources.
 * Services live in the shared state (bookings and the POS read them); who performs what, level prices, resources
 * and children live here.
 */

const int = z.number().int();
const opt = <T extends z.ZodTypeAny>(zod: T) => zod.nullable().optional();

/** The writable fields of the Service model. */
const serviceWritable = {
	allow_multiple_clients: opt(z.boolean()),
	barcode: opt(z.string()),
	category_id: opt(int),
	display_colour: opt(z.string()),
	duration: opt(int),
	group_service: opt(z.boolean()),
	loyalty_points_earned: opt(int),
	loyalty_points_to_redeem: opt(int),
	maximum_clients: opt(int),
	name: opt(z.string()),
	online_booking_categories: opt(z.array(z.object({ category_id: int, name: z.string().optional() }).strict())),
	online_booking_name: opt(z.string()),
	online_booking_price: opt(z.number()),
	online_booking_show: opt(z.boolean()),
	override_duration: opt(z.boolean()),
	override_price: opt(z.boolean()),
	price: opt(z.number()),
	processing_duration: opt(int),
	processing_duration_blocked: opt(z.boolean()),
	requires_resource: opt(z.boolean()),
	tax_free: opt(z.boolean()),
	// Typed boolean in the model but described as "The specific Tax Rate to apply" (0 = default): an ID.
	tax_id_override: opt(int),
};

/** Computed, expanded and read-only fields: accepted (a fetched service can be sent back) and ignored. */
const serviceIgnored = Object.fromEntries(
	[
		'base_duration',
		'base_price',
		'category',
		'dome_service_id',
		'online_booking_price_with_tax',
		'online_booking_price_without_tax',
		'online_booking_tax_amount',
		'operators',
		'order',
		'price_with_tax',
		'price_without_tax',
		'service_levels',
		'tax',
		'tax_amount',
	].map((field) => [field, z.unknown().optional()]),
);

const serviceInput = z.object({ service_id: opt(int), company_id: opt(int), ...serviceWritable, ...serviceIgnored }).strict();
type ServiceInput = z.infer<typeof serviceInput>;

const serviceIdWithOperator = z.object({ service_id: int, operator_id: int.optional() }).strict();

export const serviceSchemas = {
	list: z
		.object({
			filters: z
				.object({
					barcode: z.string().optional(),
					category_id: int.optional(),
					company_id: int.optional(),
					dome_service_id: int.optional(),
					loyalty_points_to_redeem: int.optional(),
					online_booking_category_id: z.string().optional(),
					online_booking_show: z.boolean().optional(),
					operator_id: int.optional(),
					service_ids: z.array(int).optional(),
				})
				.strict(),
			options: schema.listOptions.optional(),
		})
		.strict(),
	get: serviceIdWithOperator,
	add: z.object({ service: serviceInput }).strict(),
	update: z
		.object({
			service: serviceInput,
			update_in_child_locations: z.object({ price: z.boolean().optional() }).strict().optional(),
			apply_new_price_for_future_appts: z.boolean().optional(),
		})
		.strict(),
	delete: z.object({ service_id: int }).strict(),
	children: serviceIdWithOperator,
	serviceOnly: z.object({ service_id: int }).strict(),
	sharing: z.object({ service_id: int, company_ids: z.array(int), share: z.boolean(), replace: z.boolean().optional() }).strict(),
	categoryList: z.object({ options: schema.listOptions.optional() }).strict(),
	resourceList: z
		.object({
			filters: z.object({ company_id: int.optional(), resource_ids: z.array(int).optional() }).strict(),
			options: schema.listOptions.optional(),
		})
		.strict(),
	resourceGet: z.object({ resource_id: int }).strict(),
};

const EXPANDABLE = ['operators', 'service_levels'];
const round = (value: number) => Math.round(value * 100) / 100;

interface Level {
	service_level_id: number;
	service_id: number;
	level_id: number;
	price: number;
	duration: number;
}

export const servicesArea: AreaFactory = (ctx) => {
	const { state } = ctx;
	/** Who can perform each service. */
	let performers = new Map<number, Set<number>>();
	let levels: Level[] = [];
	let resources = new Map<number, number[]>();
	let children = new Map<number, number[]>();
	const sharing = new Map<number, Set<number>>();
	const seededOperatorIds = new Set(OPERATORS.map((o) => o.operator_id));

	function reset() {
		performers = new Map(Object.entries(SERVICE_OPERATORS).map(([id, ops]) => [Number(id), new Set(ops)]));
		levels = SERVICE_LEVELS.map((l) => ({ ...l }));
		resources = new Map(Object.entries(SERVICE_RESOURCES).map(([id, list]) => [Number(id), [...list]]));
		children = new Map(Object.entries(SERVICE_CHILDREN).map(([id, list]) => [Number(id), [...list]]));
		sharing.clear();
	}

	const services = () => state.services as SalonService[];
	const serviceById = (id: number, field = 'service_id') =>
		services().find((s) => s.service_id === id) ?? fail('SERVICENOTFOUND', `Service ${id} was not found`, [field]);
	const operatorById = (id: number) =>
		state.operators.find((o) => o.operator_id === id) ?? fail('OPERATORNOTFOUND', `Operator ${id} was not found`, ['operator_id']);

	/** Whether an operator can perform a service; staff added after the seed can perform every service. */
	const performs = (s: SalonService, o: SalonOperator) =>
		performers.get(s.service_id)?.has(o.operator_id) === true || (!seededOperatorIds.has(o.operator_id) && o.show_on_appointment_page);

	/** Price fields with tax, from a price that includes tax or not (`prices_inc_tax`). */
	function taxed(price: number, taxFree: boolean, prefix = '') {
		const rate = taxFree ? 0 : SERVICE_TAX_RATE;
		const inclusive = settingOf(state, 'prices_inc_tax') !== '0';
		const withTax = inclusive ? price : round(price * (1 + rate));
		const withoutTax = inclusive ? round(price / (1 + rate)) : price;
		return {
			[`${prefix}price_with_tax`]: round(withTax),
			[`${prefix}price_without_tax`]: round(withoutTax),
			[`${prefix}tax_amount`]: round(withTax - withoutTax),
		};
	}

	/** A group service's own duration and price unless it overrides them: the total of its children. */
	function totals(s: SalonService): { duration: number; price: number } {
		if (!s.group_service) return { duration: s.duration, price: s.price };
		const parts = (children.get(s.service_id) ?? []).map((id) => services().find((c) => c.service_id === id)).filter((c): c is SalonService => !!c);
		const duration = parts.reduce((sum, c, i) => sum + c.duration + (i < parts.length - 1 ? c.processing_duration : 0), 0);
		const price = parts.reduce((sum, c) => sum + c.price, 0);
		return { duration: s.override_duration || parts.length === 0 ? s.duration : duration, price: s.override_price || parts.length === 0 ? s.price : round(price) };
	}

	function levelOut(l: Level, s: SalonService): Record<string, unknown> {
		const out: Record<string, unknown> = {
			service_level_id: l.service_level_id,
			level_id: l.level_id,
			duration: l.duration,
			price: l.price,
			...taxed(l.price, s.tax_free),
			service_id: l.service_id,
		};
		if (s.online_booking_show) {
			const markup = s.price > 0 ? s.online_booking_price / s.price : 1;
			const online = round(l.price * markup);
			out.online_booking_price = online;
			Object.assign(out, taxed(online, s.tax_free, 'online_booking_'));
		}
		return out;
	}

	/** The Service model; with an operator, their level's price and duration replace the base ones (kept in base_*). */
	function serviceOut(s: SalonService, operator?: SalonOperator, expand: string[] = []): Record<string, unknown> {
		const { online_booking_category_ids: onlineIds, ...fields } = s;
		const base = totals(s);
		const out: Record<string, unknown> = { ...fields, duration: base.duration, price: base.price };
		const level = operator && operator.level_id !== 0 ? levels.find((l) => l.service_id === s.service_id && l.level_id === operator.level_id) : undefined;
		if (level) {
			out.base_duration = base.duration;
			out.base_price = base.price;
			out.duration = level.duration;
			out.price = level.price;
		}
		Object.assign(out, taxed(out.price as number, s.tax_free));
		if (s.tax_free) delete out.tax_id_override;
		if (s.online_booking_show) {
			const markup = base.price > 0 ? s.online_booking_price / base.price : 1;
			const online = level ? round(level.price * markup) : s.online_booking_price;
			out.online_booking_price = online;
			Object.assign(out, taxed(online, s.tax_free, 'online_booking_'));
			out.online_booking_categories = ONLINE_CATEGORIES.filter((c) => onlineIds.includes(c.category_id)).map((c) => ({ ...c }));
		} else {
			delete out.online_booking_price;
		}
		if (expand.includes('operators')) out.operators = state.operators.filter((o) => performs(s, o)).map(operatorOut);
		if (expand.includes('service_levels')) out.service_levels = levels.filter((l) => l.service_id === s.service_id).map((l) => levelOut(l, s));
		return out;
	}

	/** The operator of a request, refused when they cannot perform the service (as service/get and children/list say). */
	function performer(s: SalonService, operatorId: number | undefined): SalonOperator | undefined | ReturnType<typeof fail> {
		if (operatorId === undefined) return undefined;
		const operator = operatorById(operatorId);
		if ('status' in operator) return operator;
		if (!performs(s, operator)) {
			return fail('OPERATORCANNOTPERFORMSERVICE', `Operator ${operatorId} cannot perform service ${s.service_id}`, ['operator_id']);
		}
		return operator;
	}

	function checkService(input: ServiceInput) {
		const bad = (field: string, message: string) => fail('INVALIDPARAMETER', `service.${field} ${message}`, [`service.${field}`]);
		if (input.name != null && input.name.trim() === '') return bad('name', 'cannot be empty');
		// "Must be non-zero, and a multiple of the company's appointment interval."
		if (input.duration != null && (input.duration <= 0 || input.duration % APPOINTMENT_INTERVAL !== 0)) {
			return bad('duration', `must be a positive multiple of the appointment interval (${APPOINTMENT_INTERVAL} minutes)`);
		}
		if (input.processing_duration != null && (input.processing_duration < 0 || input.processing_duration % APPOINTMENT_INTERVAL !== 0)) {
			return bad('processing_duration', `must be a multiple of the appointment interval (${APPOINTMENT_INTERVAL} minutes)`);
		}
		if (input.display_colour != null && !/^[0-9A-Fa-f]{6}$/.test(input.display_colour)) return bad('display_colour', 'must be a six-character hex colour (RRGGBB)');
		if (input.category_id != null && !CATEGORIES.some((c) => c.category_id === input.category_id)) {
			return bad('category_id', `${input.category_id} is not a valid category ID`);
		}
		for (const field of ['price', 'online_booking_price', 'maximum_clients', 'loyalty_points_earned', 'loyalty_points_to_redeem'] as const) {
			const value = input[field];
			if (value != null && value < 0) return bad(field, 'cannot be negative');
		}
		for (const category of input.online_booking_categories ?? []) {
			if (!ONLINE_CATEGORIES.some((c) => c.category_id === category.category_id)) {
				return bad('online_booking_categories', `${category.category_id} is not a valid online booking category ID`);
			}
		}
		return undefined;
	}

	function applyService(target: SalonService, input: ServiceInput) {
		const record = target as unknown as Record<string, unknown>;
		for (const field of Object.keys(serviceWritable)) {
			const value = (input as Record<string, unknown>)[field];
			if (value === undefined || value === null) continue;
			if (field === 'online_booking_categories') target.online_booking_category_ids = (value as Array<{ category_id: number }>).map((c) => c.category_id);
			else record[field] = value;
		}
	}

	/** "apply the new price to any existing bookings in the future" (level-priced bookings keep their level price). */
	function repriceFutureAppointments(s: SalonService) {
		const nowWall = new Date(ctx.now() + Number(COMPANY_OFFSET.slice(0, 3)) * 3_600_000).toISOString().slice(0, 19);
		for (const a of state.appointments) {
			if (a.service_id !== s.service_id || a.start <= nowWall) continue;
			const operator = state.operators.find((o) => o.operator_id === a.operator_id);
			if (operator && levels.some((l) => l.service_id === s.service_id && l.level_id === operator.level_id)) continue;
			a.price = s.price;
		}
	}

	reset();

	return {
		reset,
		methods: {
			'service/list'(body) {
				const parsed = parse(serviceSchemas.list, body);
				if ('error' in parsed) return parsed.error;
				const { filters: f, options } = parsed.value;
				if (f.company_id !== undefined && f.company_id !== state.companyId) {
					return fail('INVALIDPARAMETER', `filters.company_id ${f.company_id} is not a company you can access`, ['filters.company_id']);
				}
				const expand = (options?.expanded_fields ?? []).map((e) => e.expanded_field);
				const unknown = expand.filter((e) => !EXPANDABLE.includes(e));
				if (unknown.length) return fail('INVALIDPARAMETER', `Cannot expand ${unknown.join(', ')}`, ['options.expanded_fields']);
				let operator: SalonOperator | undefined;
				if (f.operator_id !== undefined) {
					const found = operatorById(f.operator_id);
					if ('status' in found) return found;
					operator = found;
				}
				const rows = services()
					.filter((s) => f.barcode === undefined || s.barcode === f.barcode)
					.filter((s) => f.category_id === undefined || s.category_id === f.category_id)
					.filter((s) => f.dome_service_id === undefined || s.dome_service_id === f.dome_service_id)
					.filter((s) => f.loyalty_points_to_redeem === undefined || (s.loyalty_points_to_redeem > 0 && s.loyalty_points_to_redeem <= f.loyalty_points_to_redeem))
					.filter((s) => f.online_booking_category_id === undefined || (s.online_booking_show && s.online_booking_category_ids.map(String).includes(f.online_booking_category_id)))
					.filter((s) => f.online_booking_show === undefined || s.online_booking_show === f.online_booking_show)
					.filter((s) => f.service_ids === undefined || f.service_ids.includes(s.service_id))
					.filter((s) => operator === undefined || performs(s, operator))
					.sort((a, b) => a.service_id - b.service_id);
				const paged = page(rows, options, ctx.maxRows, true);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, services: paged.slice.map((s) => serviceOut(s, operator, expand)) });
			},
			'service/get'(body) {
				const parsed = parse(serviceSchemas.get, body);
				if ('error' in parsed) return parsed.error;
				const service = serviceById(parsed.value.service_id);
				if ('status' in service) return service;
				const operator = performer(service, parsed.value.operator_id);
				if (operator && 'status' in operator) return operator;
				return ok({ service: serviceOut(service, operator) });
			},
			'service/add'(body) {
				const parsed = parse(serviceSchemas.add, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value.service;
				if (input.service_id != null) return fail('FIELDUPDATENOTALLOWED', 'service.service_id must be omitted', ['service.service_id']);
				if (input.company_id != null && input.company_id !== state.companyId) {
					return fail('INVALIDPARAMETER', `service.company_id ${input.company_id} is not your company`, ['service.company_id']);
				}
				// Undocumented, like any till and appointment book: a service needs a name.
				if (!input.name?.trim()) return fail('MISSINGPARAMETER', 'service.name is required', ['service.name']);
				const invalid = checkService(input);
				if (invalid) return invalid;
				const id = Math.max(0, ...services().map((s) => s.service_id)) + 1;
				const service = blankService(id, input.name);
				applyService(service, input);
				if (input.online_booking_name == null) service.online_booking_name = service.name;
				if (input.online_booking_price == null) service.online_booking_price = service.price;
				services().push(service);
				performers.set(id, new Set(state.operators.filter((o) => o.show_on_appointment_page).map((o) => o.operator_id)));
				return ok({ service: serviceOut(service) });
			},
			'service/update'(body) {
				const parsed = parse(serviceSchemas.update, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value.service;
				if (input.service_id == null) return fail('MISSINGPARAMETER', 'service.service_id is required', ['service.service_id']);
				const service = serviceById(input.service_id, 'service.service_id');
				if ('status' in service) return service;
				if (input.company_id != null && input.company_id !== service.company_id) {
					return fail('FIELDUPDATENOTALLOWED', 'service.company_id cannot be changed', ['service.company_id']);
				}
				if (input.group_service != null && input.group_service !== service.group_service) {
					return fail('FIELDUPDATENOTALLOWED', 'service.group_service cannot be changed', ['service.group_service']);
				}
				const invalid = checkService(input);
				if (invalid) return invalid;
				const priceChanged = input.price != null && input.price !== service.price;
				applyService(service, input);
				if (priceChanged && parsed.value.apply_new_price_for_future_appts === true) repriceFutureAppointments(service);
				// update_in_child_locations only matters in a Dome; a standalone company has no child services to copy to.
				return ok({ service: serviceOut(service) });
			},
			'service/delete'(body) {
				const parsed = parse(serviceSchemas.delete, body);
				if ('error' in parsed) return parsed.error;
				const service = serviceById(parsed.value.service_id);
				if ('status' in service) return service;
				services().splice(services().indexOf(service), 1);
				performers.delete(service.service_id);
				levels = levels.filter((l) => l.service_id !== service.service_id);
				resources.delete(service.service_id);
				children.delete(service.service_id);
				for (const [group, list] of children) children.set(group, list.filter((id) => id !== service.service_id));
				return ok({});
			},
			'service/children/list'(body) {
				const parsed = parse(serviceSchemas.children, body);
				if ('error' in parsed) return parsed.error;
				const group = serviceById(parsed.value.service_id);
				if ('status' in group) return group;
				if (!group.group_service) {
					return fail('INVALIDPARAMETER', `Service ${group.service_id} is not a group service`, ['service_id']);
				}
				const operator = performer(group, parsed.value.operator_id);
				if (operator && 'status' in operator) return operator;
				const rows = (children.get(group.service_id) ?? [])
					.map((id) => services().find((s) => s.service_id === id))
					.filter((s): s is SalonService => !!s)
					.map((s, index) => ({ ...serviceOut(s, operator), ...(group.override_duration ? {} : { order: index + 1 }) }));
				return ok({ services: rows });
			},
			'service/level/list'(body) {
				const parsed = parse(serviceSchemas.serviceOnly, body);
				if ('error' in parsed) return parsed.error;
				const service = serviceById(parsed.value.service_id);
				if ('status' in service) return service;
				return ok({ service_levels: levels.filter((l) => l.service_id === service.service_id).map((l) => levelOut(l, service)) });
			},
			'service/resource/list'(body) {
				const parsed = parse(serviceSchemas.serviceOnly, body);
				if ('error' in parsed) return parsed.error;
				const service = serviceById(parsed.value.service_id);
				if ('status' in service) return service;
				const ids = resources.get(service.service_id) ?? [];
				// The table names the key `services`; the example (and what it holds) says `resources`.
				return ok({ resources: RESOURCES.filter((r) => ids.includes(r.resource_id)).map((r) => ({ ...r })) });
			},
			'service/sharing/update'(body) {
				const parsed = parse(serviceSchemas.sharing, body);
				if ('error' in parsed) return parsed.error;
				const service = serviceById(parsed.value.service_id);
				if ('status' in service) return service;
				return applySharing(sharing, service.service_id, service.company_id, parsed.value) ?? ok({});
			},
			'category/list'(body) {
				const parsed = parse(serviceSchemas.categoryList, body);
				if ('error' in parsed) return parsed.error;
				const paged = page(CATEGORIES.map((c) => ({ ...c })), parsed.value.options, ctx.maxRows, true);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, categories: paged.slice });
			},
			'resource/list'(body) {
				const parsed = parse(serviceSchemas.resourceList, body);
				if ('error' in parsed) return parsed.error;
				const { filters: f, options } = parsed.value;
				if (f.company_id !== undefined && f.company_id !== state.companyId) {
					return fail('INVALIDPARAMETER', `filters.company_id ${f.company_id} is not a company you can access`, ['filters.company_id']);
				}
				const rows = RESOURCES.filter((r) => f.resource_ids === undefined || f.resource_ids.includes(r.resource_id)).map((r) => ({ ...r }));
				const paged = page(rows, options, ctx.maxRows, true);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, resources: paged.slice });
			},
			'resource/get'(body) {
				const parsed = parse(serviceSchemas.resourceGet, body);
				if ('error' in parsed) return parsed.error;
				const resource = RESOURCES.find((r) => r.resource_id === parsed.value.resource_id);
				if (!resource) return fail('RESOURCENOTFOUND', `Resource ${parsed.value.resource_id} was not found`, ['resource_id']);
				return ok({ resource: { ...resource } });
			},
		},
	};
};
