import { z } from 'zod';

import type { SimpleSalonState } from '../index';
import { listOptions } from '../schemas';
import {
	APPOINTMENTS_FROM,
	CLIENT_CATEGORIES,
	COMPANY_ID,
	COMPANY_OFFSET,
	COMPANY_SETTINGS,
	DOME_CHILD_COMPANY_IDS,
	OPERATOR_LEVELS,
	REFERRAL_TYPES,
	STATES,
} from '../seed';
import { fail, ok, page, parse, type AreaFactory, type MethodCall } from './types';

/*
 * Lookups and company-wide reads: companies of the Dome, countries, states, referral types, client categories,
 * settings (name/value strings, "0"/"1") and opening hours (standard weekly hours, or day by day with dated
 * exceptions). Everything here is read-only; settings are shared on `state.settings` so other areas (rosters) see
 * the same values.
 */

const int = z.number().int();

/** The Dome the salon belongs to: the parent and its child locations (the logged-in company is one of them). */
const DOME_ID = 12300;

interface Company {
	company_id: number;
	dome: boolean;
	dome_company_id: number;
	dome_online_booking_company_id: number;
	address_line1: string;
	address_suburb: string;
	address_postcode: string;
	address_state_id: number;
	country_code: string;
	currency_code: string;
	currency_symbol: string;
	name: string;
	online_booking_company_id: number;
	phone: string;
	website: string;
}

/** Filter-only facts the Company model does not return. */
const COMPANY_EXTRA: Record<number, { online_booking_url_id: number; online_booking_show: boolean }> = {
	[DOME_ID]: { online_booking_url_id: 88000, online_booking_show: false },
	[COMPANY_ID]: { online_booking_url_id: 88001, online_booking_show: true },
	12346: { online_booking_url_id: 88002, online_booking_show: false },
};

const company = (fields: Partial<Company> & Pick<Company, 'company_id' | 'name'>): Company => ({
	dome: false,
	dome_company_id: DOME_ID,
	dome_online_booking_company_id: 7000,
	address_line1: '',
	address_suburb: '',
	address_postcode: '',
	address_state_id: 3,
	country_code: 'AU',
	currency_code: 'AUD',
	currency_symbol: '$',
	online_booking_company_id: 0,
	phone: '',
	website: '',
	...fields,
});

const COMPANIES: Company[] = [
	company({ company_id: DOME_ID, name: 'Glow Hair Group', dome: true, dome_company_id: 0, dome_online_booking_company_id: 0, online_booking_company_id: 7000, address_line1: 'Level 2, 100 Collins St', address_suburb: 'Melbourne', address_postcode: '3000', phone: '03 9000 1000', website: 'https://glowhair.example.com' }),
	company({ company_id: COMPANY_ID, name: 'Glow Hair Fitzroy', online_booking_company_id: 7001, address_line1: '210 Brunswick St', address_suburb: 'Fitzroy', address_postcode: '3065', phone: '03 9000 1234', website: 'https://glowhair.example.com/fitzroy' }),
	company({ company_id: 12346, name: 'Glow Hair Richmond', online_booking_company_id: 7002, address_line1: '12 Chapel St', address_suburb: 'Richmond', address_postcode: '3121', phone: '03 9000 5678', website: 'https://glowhair.example.com/richmond' }),
];
// Keep the Dome's children in step with the locations other areas share records with.
for (const id of DOME_CHILD_COMPANY_IDS) if (!COMPANIES.some((c) => c.company_id === id)) COMPANIES.push(company({ company_id: id, name: `Location ${id}` }));

/** Countries; `country_id` is what StateFilter takes (the Country model itself has only the code). */
const COUNTRIES = [
	{ country_id: 13, country_code: 'AU', name: 'Australia', currency_symbol: '$', currency_code: 'AUD' },
	{ country_id: 38, country_code: 'CA', name: 'Canada', currency_symbol: '$', currency_code: 'CAD' },
	{ country_id: 105, country_code: 'IE', name: 'Ireland', currency_symbol: '€', currency_code: 'EUR' },
	{ country_id: 153, country_code: 'NZ', name: 'New Zealand', currency_symbol: '$', currency_code: 'NZD' },
	{ country_id: 197, country_code: 'SG', name: 'Singapore', currency_symbol: '$', currency_code: 'SGD' },
	{ country_id: 204, country_code: 'ZA', name: 'South Africa', currency_symbol: 'R', currency_code: 'ZAR' },
	{ country_id: 225, country_code: 'GB', name: 'United Kingdom', currency_symbol: '£', currency_code: 'GBP' },
	{ country_id: 226, country_code: 'US', name: 'United States', currency_symbol: '$', currency_code: 'USD' },
];
const OTHER_STATE_ID = 75;
/** States per country ID: Australia's are the seed's (clients use them); 0 "---" and 75 "Other" are in every list. */
const STATES_BY_COUNTRY: Record<number, Array<{ state_id: number; name: string }>> = {
	13: STATES,
	153: [
		{ state_id: 0, name: '---' },
		{ state_id: 120, name: 'Auckland' },
		{ state_id: 121, name: 'Wellington' },
		{ state_id: 122, name: 'Canterbury' },
		{ state_id: 123, name: 'Otago' },
		{ state_id: OTHER_STATE_ID, name: 'Other' },
	],
};

/** Setting names each settings list returns (values come from the shared settings). */
const CLIENT_SETTING_KEYS = ['client_hide_address', 'client_hide_date_of_birth', 'client_require_email', 'client_require_mobile', 'client_require_referral_type'];
const POS_SETTING_KEYS = ['force_operator_at_sale', 'auto_scan', 'advanced_discounting', 'prices_inc_tax', 'enable_tips', 'automatic_tip_percentage', 'rebook_reminder'];
const ONLINE_BOOKING_SETTINGS: Record<string, string> = {
	online_booking_enabled: '1',
	online_booking_min_notice_minutes: '120',
	online_booking_max_days_ahead: '60',
	online_booking_require_payment: '0',
	online_booking_allow_cancel: '1',
	online_booking_cancel_notice_hours: '24',
};
const SEED_SETTINGS: Record<string, string> = {
	...COMPANY_SETTINGS,
	auto_scan: '0',
	automatic_tip_percentage: '15',
	client_hide_date_of_birth: '0',
	client_require_email: '0',
	client_require_mobile: '1',
	client_require_referral_type: '0',
	enable_tips: '1',
	rebook_reminder: '1',
	sms_reminders_enabled: '1',
	appointment_interval: '15',
	...ONLINE_BOOKING_SETTINGS,
};

const GST = { company_id: COMPANY_ID, name: 'GST', rate: 10, tax_id: 8008 };
const POS_DISCOUNT_TYPES = [
	{ discount_type_id: 601, company_id: COMPANY_ID, name: 'Staff Discount', percentage: 20 },
	{ discount_type_id: 602, company_id: COMPANY_ID, name: 'Loyalty Reward', percentage: 10 },
];
const POS_PAYMENT_TYPES = [
	{ payment_type_id: 501, company_id: COMPANY_ID, name: 'Cash', show_on_pos: true },
	{ payment_type_id: 502, company_id: COMPANY_ID, name: 'EFTPOS', show_on_pos: true },
	{ payment_type_id: 503, company_id: COMPANY_ID, name: 'Voucher', show_on_pos: true },
];

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
type Week = Record<string, [string, string] | undefined>;
/** The salon's standard week: closed Sunday and Monday, late night Thursday. */
const COMPANY_WEEK: Week = {
	tuesday: ['09:00', '17:30'],
	wednesday: ['09:00', '17:30'],
	thursday: ['09:00', '21:00'],
	friday: ['09:00', '17:30'],
	saturday: ['09:00', '15:00'],
};
/** Operators with their own standard week (the others work the salon's hours). */
const OPERATOR_WEEKS: Record<number, Week> = {
	2223: { wednesday: ['10:00', '18:00'], thursday: ['10:00', '18:00'], friday: ['10:00', '18:00'], saturday: ['10:00', '18:00'] },
};
/** Dated opening hours (they replace the standard hours of that day); operator 0 = the salon. */
const DATED_HOURS = [
	{ hours_id: 998801, operator_id: 0, date: '2025-03-15', hours: ['08:00', '17:00'] as [string, string] },
	{ hours_id: 998802, operator_id: 0, date: '2025-04-18', hours: undefined },
	{ hours_id: 998803, operator_id: 2222, date: '2025-03-12', hours: undefined },
];
const MAX_HOURS_DAYS = 366;

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** The date part of a date input ("Time portion of this field is ignored. Timezone offset in this field is ignored"). */
function dateOf(value: string): string | undefined {
	const m = DATE.exec(value.trim());
	if (!m) return undefined;
	const probe = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	return probe.getUTCMonth() === Number(m[2]) - 1 && probe.getUTCDate() === Number(m[3]) ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const dayName = (date: string) => DAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];

function minutes(time: string): number {
	const [h, m] = time.split(':').map(Number);
	return h * 60 + m;
}

function hoursRow(hoursId: number, companyId: number, operatorId: number, date: string, hours: [string, string] | undefined) {
	const [start, end] = hours ?? ['00:00', '00:00'];
	return {
		hours_id: hoursId,
		company_id: companyId,
		closed: hours === undefined,
		day: dayName(date),
		duration: hours ? minutes(end) - minutes(start) : 0,
		operator_id: operatorId,
		time_end: `${date}T${end}:00${COMPANY_OFFSET}`,
		time_start: `${date}T${start}:00${COMPANY_OFFSET}`,
	};
}

const schemas = {
	companyList: z
		.object({
			filters: z.object({ dome_company_id: int.optional(), online_booking_show: z.boolean().optional() }).strict(),
			options: listOptions.optional(),
		})
		.strict(),
	companyGet: z
		.object({ company_id: int.optional(), online_booking_company_id: int.optional(), online_booking_url_id: int.optional() })
		.strict(),
	optionsOnly: z.object({ options: listOptions.optional() }).strict(),
	stateList: z
		.object({
			filters: z.object({ country_id: int.optional(), include_other: z.boolean().optional() }).strict().optional(),
			options: listOptions.optional(),
		})
		.strict(),
	clientCategoryList: z
		.object({ filters: z.object({ add_to_new_clients: z.boolean().optional() }).strict().optional(), options: listOptions.optional() })
		.strict(),
	settingList: z.object({ filters: z.object({ setting_keys: z.array(z.string().min(1)).optional() }).strict() }).strict(),
	// ClientSettingFilter and POSSettingFilter are not in the docs: only an empty filter object is accepted.
	clientSettingList: z.object({ filters: z.object({}).strict().optional() }).strict(),
	posSettingList: z.object({ filters: z.object({}).strict().optional(), options: listOptions.optional() }).strict(),
	onlineBookingSettingList: z.object({ filters: z.object({ company_id: int.optional() }).strict().optional() }).strict(),
	hoursList: z
		.object({
			filters: z
				.object({ time_start: z.string().optional(), time_end: z.string().optional(), company_id: int.optional(), operator_id: int.optional() })
				.strict(),
			// not in the Request Data table, but the response mentions options.return_total
			options: listOptions.optional(),
		})
		.strict(),
};

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

export const lookupsArea: AreaFactory = ({ state, maxRows }) => {
	const shared = state as SimpleSalonState & { settings?: Record<string, string> };

	/** Companies the logged-in company may read: itself, its Dome and the Dome's other locations. */
	const family = (call: MethodCall) => {
		const own = COMPANIES.find((c) => c.company_id === call.session.companyId);
		const domeId = own?.dome ? own.company_id : own?.dome_company_id;
		return COMPANIES.filter((c) => c.company_id === call.session.companyId || (domeId !== undefined && domeId !== 0 && (c.company_id === domeId || c.dome_company_id === domeId)));
	};
	const companyOut = (c: Company, expand: string[] = []) => {
		const out: Record<string, unknown> = { ...c };
		if (expand.includes('address_state')) out.address_state = STATES.find((s) => s.state_id === c.address_state_id);
		if (expand.includes('country')) {
			const country = COUNTRIES.find((k) => k.country_code === c.country_code);
			if (country) out.country = { country_code: country.country_code, name: country.name, currency_symbol: country.currency_symbol, currency_code: country.currency_code };
		}
		return out;
	};
	const settings = () => shared.settings ?? SEED_SETTINGS;
	const settingRows = (keys: string[]) => keys.filter((k) => k in settings()).map((name) => ({ name, value: settings()[name] }));

	return {
		reset() {
			shared.settings = { ...SEED_SETTINGS };
		},
		methods: {
			'company/list'(body, call) {
				const parsed = parse(schemas.companyList, body);
				if ('error' in parsed) return parsed.error;
				const { filters, options } = parsed.value;
				const readable = family(call);
				// "If omitted, defaults to the logged in user's company ID": a location that is no Dome lists itself.
				const domeId = filters.dome_company_id ?? call.session.companyId;
				if (!readable.some((c) => c.company_id === domeId)) {
					return fail('INVALIDPARAMETER', `filters.dome_company_id ${domeId} is not a company you can access`, ['filters.dome_company_id']);
				}
				const expand = (options?.expanded_fields ?? []).map((e) => e.expanded_field);
				const unknown = expand.filter((e) => !['address_state', 'country'].includes(e));
				if (unknown.length) return fail('INVALIDPARAMETER', `Cannot expand ${unknown.join(', ')}`, ['options.expanded_fields']);
				const rows = readable
					.filter((c) => c.company_id === domeId || c.dome_company_id === domeId)
					.filter((c) => filters.online_booking_show === undefined || COMPANY_EXTRA[c.company_id]?.online_booking_show === filters.online_booking_show)
					.sort((a, b) => a.company_id - b.company_id);
				const paged = page(rows, options, maxRows, true);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, companies: paged.slice.map((c) => companyOut(c, expand)) });
			},
			'company/get'(body, call) {
				const parsed = parse(schemas.companyGet, body);
				if ('error' in parsed) return parsed.error;
				const given = Object.entries(parsed.value).filter(([, v]) => v !== undefined);
				if (given.length !== 1) {
					return fail('INVALIDPARAMETER', 'Specify exactly one of company_id, online_booking_company_id or online_booking_url_id', [
						'company_id',
						'online_booking_company_id',
						'online_booking_url_id',
					]);
				}
				const [field, id] = given[0] as [string, number];
				const found = family(call).find((c) =>
					field === 'company_id' ? c.company_id === id : field === 'online_booking_company_id' ? c.online_booking_company_id === id : COMPANY_EXTRA[c.company_id]?.online_booking_url_id === id,
				);
				if (!found) return fail('COMPANYNOTFOUND', `Company with ${field} ${id} was not found`, [field]);
				return ok({ company: companyOut(found) });
			},
			'country/list'(body) {
				const parsed = parse(schemas.optionsOnly, body);
				if ('error' in parsed) return parsed.error;
				const rows = [...COUNTRIES].sort(byName).map((k) => ({ country_code: k.country_code, name: k.name, currency_symbol: k.currency_symbol, currency_code: k.currency_code }));
				const paged = page(rows, parsed.value.options, maxRows, true);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, countries: paged.slice });
			},
			'state/list'(body, call) {
				const parsed = parse(schemas.stateList, body);
				if ('error' in parsed) return parsed.error;
				const { filters = {}, options } = parsed.value;
				const own = COMPANIES.find((c) => c.company_id === call.session.companyId);
				// "If omitted, defaults to the country of the logged in user's company."
				const countryId = filters.country_id ?? COUNTRIES.find((k) => k.country_code === (own?.country_code ?? 'AU'))!.country_id;
				if (!COUNTRIES.some((k) => k.country_id === countryId)) {
					return fail('INVALIDPARAMETER', `filters.country_id ${countryId} is not a valid country ID`, ['filters.country_id']);
				}
				const all = STATES_BY_COUNTRY[countryId] ?? [{ state_id: 0, name: '---' }, { state_id: OTHER_STATE_ID, name: 'Other' }];
				// "If omitted, defaults to false, which excludes the Other state."
				const rows = all.filter((s) => filters.include_other === true || s.state_id !== OTHER_STATE_ID);
				const paged = page(rows, options, maxRows, true);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, states: paged.slice.map((s) => ({ ...s })) });
			},
			'referral_type/list'(body) {
				const parsed = parse(schemas.optionsOnly, body);
				if ('error' in parsed) return parsed.error;
				const paged = page(REFERRAL_TYPES, parsed.value.options, maxRows, true);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, referral_types: paged.slice.map((r) => ({ ...r })) });
			},
			'client_category/list'(body) {
				const parsed = parse(schemas.clientCategoryList, body);
				if ('error' in parsed) return parsed.error;
				const wanted = parsed.value.filters?.add_to_new_clients;
				const rows = CLIENT_CATEGORIES.filter((c) => wanted === undefined || c.add_to_new_clients === wanted);
				const paged = page(rows, parsed.value.options, maxRows, true);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, categories: paged.slice.map((c) => ({ ...c })) });
			},
			'setting/list'(body) {
				const parsed = parse(schemas.settingList, body);
				if ('error' in parsed) return parsed.error;
				const keys = parsed.value.filters.setting_keys;
				// "All requested settings will be returned (there is no paging)"; names it does not know are left out.
				return ok({ settings: settingRows(keys ?? Object.keys(settings()).sort()) });
			},
			'setting/client/list'(body) {
				const parsed = parse(schemas.clientSettingList, body);
				if ('error' in parsed) return parsed.error;
				return ok({
					settings: settingRows(CLIENT_SETTING_KEYS),
					default_categories: CLIENT_CATEGORIES.filter((c) => c.add_to_new_clients).map((c) => ({ client_category_id: c.client_category_id, name: c.name })),
				});
			},
			'setting/pos/list'(body, call) {
				const parsed = parse(schemas.posSettingList, body);
				if ('error' in parsed) return parsed.error;
				const grouped = (parsed.value.options?.expanded_fields_grouped ?? []).map((e) => e.expanded_field);
				const unknown = grouped.filter((g) => !['discount_types', 'payment_types'].includes(g));
				if (unknown.length) return fail('INVALIDPARAMETER', `Cannot expand ${unknown.join(', ')}`, ['options.expanded_fields_grouped']);
				const out: Record<string, unknown> = {
					settings: settingRows(POS_SETTING_KEYS),
					currency_symbol: '$',
					current_operator_id: call.session.operatorId,
					operators: state.operators
						.filter((o) => o.operator_id > 0 && o.company_id === call.session.companyId && o.show_on_appointment_page)
						.sort((a, b) => a.order_num - b.order_num || a.operator_id - b.operator_id)
						.map((o) => {
							const level = OPERATOR_LEVELS.find((l) => l.level_id === o.level_id);
							return {
								company_id: o.company_id,
								display_name: o.display_name,
								firstname: o.firstname,
								lastname: o.lastname,
								...(level ? { level: { ...level } } : {}),
								level_id: o.level_id,
								operator_id: o.operator_id,
								order_num: o.order_num,
							};
						}),
					tax_combined_name: 'GST',
					tax_for_memberships: { ...GST },
					tax_for_packages: { ...GST },
					tax_for_products: { ...GST },
					tax_for_services: { ...GST },
					tax_for_vouchers: { ...GST },
					variable_voucher_default_expiry_number: 0,
					variable_voucher_default_expiry_type: 'never',
					variable_voucher_editable: false,
				};
				// "Omitted if advanced_discounting is 0. Must specifically request this field"
				if (grouped.includes('discount_types') && settings().advanced_discounting === '1') out.discount_types = POS_DISCOUNT_TYPES.map((d) => ({ ...d }));
				if (grouped.includes('payment_types')) out.payment_types = POS_PAYMENT_TYPES.map((p) => ({ ...p }));
				return ok(out);
			},
			'setting/online_booking/list'(body, call) {
				const parsed = parse(schemas.onlineBookingSettingList, body);
				if ('error' in parsed) return parsed.error;
				const companyId = parsed.value.filters?.company_id ?? call.session.companyId;
				if (!family(call).some((c) => c.company_id === companyId)) {
					return fail('INVALIDPARAMETER', `filters.company_id ${companyId} is not a company you can access`, ['filters.company_id']);
				}
				// The docs end inside this method's example: the reply is assumed to be shaped like the other setting lists.
				return ok({ company_id: companyId, settings: settingRows(Object.keys(ONLINE_BOOKING_SETTINGS)) });
			},
			'hours/list'(body, call) {
				const parsed = parse(schemas.hoursList, body);
				if ('error' in parsed) return parsed.error;
				const { filters: f, options } = parsed.value;
				const companyId = f.company_id ?? call.session.companyId;
				if (!family(call).some((c) => c.company_id === companyId)) {
					return fail('INVALIDPARAMETER', `filters.company_id ${companyId} is not a company you can access`, ['filters.company_id']);
				}
				const operatorId = f.operator_id ?? 0;
				if (f.operator_id !== undefined && !state.operators.some((o) => o.operator_id === f.operator_id && o.operator_id > 0)) {
					return fail('INVALIDPARAMETER', `filters.operator_id ${f.operator_id} is not a valid operator ID`, ['filters.operator_id']);
				}
				if ((f.time_start === undefined) !== (f.time_end === undefined)) {
					const missing = f.time_start === undefined ? 'filters.time_start' : 'filters.time_end';
					return fail('MISSINGPARAMETER', `${missing} is required when ${missing === 'filters.time_start' ? 'filters.time_end' : 'filters.time_start'} is given`, [missing]);
				}
				const week = OPERATOR_WEEKS[operatorId] ?? COMPANY_WEEK;
				let rows: Array<ReturnType<typeof hoursRow>>;
				if (f.time_start === undefined || f.time_end === undefined) {
					// "If omitted (along with time_end), the standard opening hours for a week will be returned"; the
					// date part of standard hours means nothing (here: the seed's first week, Monday first).
					rows = [0, 1, 2, 3, 4, 5, 6].map((i) => {
						const date = addDays(APPOINTMENTS_FROM, i);
						return hoursRow(0, companyId, operatorId, date, week[dayName(date)]);
					});
				} else {
					const from = dateOf(f.time_start);
					const to = dateOf(f.time_end);
					if (!from) return fail('INVALIDPARAMETER', 'filters.time_start is not a valid date (see Dates)', ['filters.time_start']);
					if (!to) return fail('INVALIDPARAMETER', 'filters.time_end is not a valid date (see Dates)', ['filters.time_end']);
					if (to <= from) return fail('INVALIDPARAMETER', 'filters.time_end must be a later date than filters.time_start', ['filters.time_end']);
					const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
					if (days > MAX_HOURS_DAYS) return fail('INVALIDPARAMETER', `The date range cannot be longer than ${MAX_HOURS_DAYS} days`, ['filters.time_end']);
					rows = [];
					for (let date = from; date < to; date = addDays(date, 1)) {
						const dated = companyId === COMPANY_ID ? DATED_HOURS.find((d) => d.date === date && d.operator_id === operatorId) : undefined;
						rows.push(dated ? hoursRow(dated.hours_id, companyId, operatorId, date, dated.hours) : hoursRow(0, companyId, operatorId, date, week[dayName(date)]));
					}
				}
				// "Currently returns all results (no paging)."
				return ok({ page_number: 1, rows_per_page: rows.length, ...(options?.return_total ? { total_rows: rows.length } : {}), hours: rows });
			},
		},
	};
};
