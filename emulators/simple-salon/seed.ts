/** Deterministic seed data for the Simple Salon emulator: one company, its lookups, clients and appointments. */

export const COMPANY_ID = 12345;
/** The company's local UTC offset: responses carry it, inputs ignore theirs (the docs' "Timezone offset … is ignored"). */
export const COMPANY_OFFSET = '+11:00';

export interface SalonClient {
	client_id: number;
	company_id: number;
	firstname: string;
	lastname: string;
	email: string;
	mobile: string;
	phone: string;
	gender: string;
	date_of_birth: string;
	address_line1: string;
	address_suburb: string;
	address_postcode: string;
	address_state_id: number;
	barcode: string;
	category_ids: number[];
	comments: string;
	referral_type_id: number;
	referred_by_client_id: number;
	preferred_operator_id: number;
	loyalty_points: number;
	account_balance: number;
	instagram: string;
	twitter: string;
	membership_gateway: string;
	membership_gateway_id: string;
	email_promotions_enabled: boolean;
	email_reminders_enabled: boolean;
	sms_promotions_enabled: boolean;
	sms_reminders_enabled: boolean;
}

export interface SalonAppointment {
	appointment_id: number;
	company_id: number;
	client_id: number;
	operator_id: number;
	service_id: number;
	resource_id: number;
	duration: number;
	/** Company-local wall-clock start, `YYYY-MM-DDTHH:MM:SS` (the offset is added on output). */
	start: string;
	price: number;
	comments: string;
	flag_ids: number[];
	transaction_id: number;
	unconfirmed: boolean;
	date_created: string;
}

export interface SalonOperator {
	operator_id: number;
	company_id: number;
	display_name: string;
	firstname: string;
	lastname: string;
	role_id: number;
	username: string;
	/** Emulator only: the login password (never in a response). */
	password: string;
	/** Quick-login PIN (`/v1/switch`); in the Operator model, but the docs' examples never show it, so responses leave it out. */
	pin: number;
	level_id: number;
	order_num: number;
	show_on_appointment_page: boolean;
	online_booking_show: boolean;
	email: string;
	mobile: string;
	phone: string;
	gender: string;
	date_of_birth: string;
	address_line1: string;
	address_suburb: string;
	address_postcode: string;
	address_state_id: number;
	commission_packages: number;
	commission_products_profit: number;
	commission_products_revenue: number;
	commission_services: number;
	commission_vouchers: number;
	kpi_avgclientspendperday: number;
	kpi_clientsperday: number;
	kpi_rebookrate: number;
	kpi_retailsales: number;
	kpi_wagesvssales: number;
	dome_operator_id: number;
	email_appointment_updates_enabled: boolean;
	sms_appointment_updates_enabled: boolean;
	welcome_page: string;
}

/** A Service as stored (the Service model's own fields; computed tax fields are added on output). */
export interface SalonService {
	service_id: number;
	company_id: number;
	name: string;
	/** Minutes, a multiple of the appointment interval. */
	duration: number;
	price: number;
	barcode: string;
	category_id: number;
	display_colour: string;
	dome_service_id: number;
	group_service: boolean;
	allow_multiple_clients: boolean;
	maximum_clients: number;
	loyalty_points_earned: number;
	loyalty_points_to_redeem: number;
	online_booking_name: string;
	online_booking_show: boolean;
	online_booking_price: number;
	/** OnlineCategory IDs the service is shown in (see ONLINE_CATEGORIES). */
	online_booking_category_ids: number[];
	override_duration: boolean;
	override_price: boolean;
	processing_duration: number;
	processing_duration_blocked: boolean;
	requires_resource: boolean;
	tax_free: boolean;
	tax_id_override: number;
}

export const STATES = [
	{ state_id: 0, name: '---' },
	{ state_id: 1, name: 'ACT' },
	{ state_id: 2, name: 'NSW' },
	{ state_id: 3, name: 'VIC' },
	{ state_id: 4, name: 'QLD' },
	{ state_id: 5, name: 'NT' },
	{ state_id: 6, name: 'SA' },
	{ state_id: 7, name: 'TAS' },
	{ state_id: 8, name: 'WA' },
	{ state_id: 75, name: 'Other' },
];

export const REFERRAL_TYPES = [
	{ referral_type_id: 1, name: 'Friend' },
	{ referral_type_id: 2, name: 'Email' },
	{ referral_type_id: 3, name: 'SMS' },
	{ referral_type_id: 29, name: 'Digital Advertising' },
];

export const CLIENT_CATEGORIES = [
	{ client_category_id: 919, name: 'Loyalty Program', add_to_new_clients: true },
	{ client_category_id: 920, name: 'VIP', add_to_new_clients: false },
	{ client_category_id: 921, name: 'Newsletter', add_to_new_clients: true },
];
export const LOYALTY_CATEGORY_ID = 919;

/** The company's appointment interval in minutes: service durations are multiples of it. */
export const APPOINTMENT_INTERVAL = 15;
/** Tax on services (GST); prices include it when `prices_inc_tax` is "1". */
export const SERVICE_TAX_RATE = 0.1;

/**
 * Company settings as the API lists them: name/value strings ("Settings values are strings"). The roster methods
 * refuse to work while `advanced_rostering` is "0"; an area that serves settings can keep its own copy of these.
 */
export const COMPANY_SETTINGS: Record<string, string> = {
	advanced_discounting: '0',
	advanced_rostering: '1',
	auto_roster_off: '0',
	client_hide_address: '0',
	force_operator_at_sale: '0',
	prices_inc_tax: '1',
};

/** Service categories; 0 is the API's own "No Category". */
export const CATEGORIES = [
	{ category_id: 0, name: 'No Category' },
	{ category_id: 41, name: 'Hair' },
	{ category_id: 42, name: 'Colour' },
	{ category_id: 43, name: 'Nails' },
	{ category_id: 44, name: 'Skin & Beauty' },
];

/** Online booking categories (OnlineCategory) that services can be shown in. */
export const ONLINE_CATEGORIES = [
	{ category_id: 501, name: 'Haircuts' },
	{ category_id: 502, name: 'Colour' },
	{ category_id: 503, name: 'Beauty' },
];

/** Operator levels (level pricing): 100 and 200 are the docs' examples. */
export const OPERATOR_LEVELS = [
	{ level_id: 100, name: 'Apprentice' },
	{ level_id: 150, name: 'Senior Stylist' },
	{ level_id: 200, name: 'Master' },
];

/** Rooms and equipment that services can need. */
export const RESOURCES = [
	{ resource_id: 2929, company_id: COMPANY_ID, name: 'IPL Machine', description: '' },
	{ resource_id: 2930, company_id: COMPANY_ID, name: 'Treatment Room 1', description: 'Upstairs, with shower' },
	{ resource_id: 2931, company_id: COMPANY_ID, name: 'Treatment Room 2', description: 'Upstairs' },
];

export const ROSTER_TYPES = [
	{ roster_type_id: 9966, company_id: COMPANY_ID, name: 'Morning Shift', colour: 'ff0000', allow_bookings: true },
	{ roster_type_id: 9967, company_id: COMPANY_ID, name: 'Afternoon Shift', colour: '00aa00', allow_bookings: true },
	{ roster_type_id: 9968, company_id: COMPANY_ID, name: 'Training', colour: '0000ff', allow_bookings: false },
];

/** The child locations of the company's Dome, that operators and services can be shared with (the docs' example IDs). */
export const DOME_CHILD_COMPANY_IDS = [COMPANY_ID, 12346];

function service(fields: Pick<SalonService, 'service_id' | 'name' | 'duration' | 'price'> & Partial<SalonService>): SalonService {
	return {
		company_id: COMPANY_ID,
		barcode: '',
		category_id: 0,
		display_colour: 'FFFFFF',
		dome_service_id: 0,
		group_service: false,
		allow_multiple_clients: false,
		maximum_clients: 0,
		loyalty_points_earned: 0,
		loyalty_points_to_redeem: 0,
		online_booking_name: fields.name,
		online_booking_show: false,
		online_booking_price: fields.price,
		online_booking_category_ids: [],
		override_duration: false,
		override_price: false,
		processing_duration: 0,
		processing_duration_blocked: false,
		requires_resource: false,
		tax_free: false,
		tax_id_override: 0,
		...fields,
	};
}

/** A new service as the API creates it: every field at its default. */
export const blankService = (serviceId: number, name: string): SalonService =>
	service({ service_id: serviceId, name, duration: APPOINTMENT_INTERVAL * 2, price: 0 });

/** The first four are the everyday services the seeded appointments use; the rest show group services and resources. */
export const SERVICES: SalonService[] = [
	service({ service_id: 3333, name: "Women's Cut & Blow Dry", duration: 45, price: 85, barcode: '9300000003333', category_id: 41, display_colour: 'F4B6C2', loyalty_points_earned: 85, loyalty_points_to_redeem: 800, online_booking_show: true, online_booking_category_ids: [501] }),
	service({ service_id: 3334, name: "Men's Cut", duration: 30, price: 45, barcode: '9300000003334', category_id: 41, display_colour: 'A7C7E7', loyalty_points_earned: 45, loyalty_points_to_redeem: 450, online_booking_show: true, online_booking_category_ids: [501] }),
	service({ service_id: 3335, name: 'Full Colour', duration: 90, price: 160, category_id: 42, display_colour: 'C3B1E1', processing_duration: 30, loyalty_points_earned: 160, online_booking_show: true, online_booking_price: 165, online_booking_category_ids: [502] }),
	service({ service_id: 3336, name: 'Manicure', duration: 30, price: 40, category_id: 43, display_colour: 'FFDAB9', loyalty_points_earned: 40, loyalty_points_to_redeem: 400 }),
	service({ service_id: 3337, name: 'Cut & Colour', duration: 135, price: 220, category_id: 42, display_colour: 'B19CD9', group_service: true, override_price: true }),
	service({ service_id: 3338, name: 'IPL Hair Removal', duration: 30, price: 120, category_id: 44, display_colour: 'FFFACD', requires_resource: true, online_booking_show: true, online_booking_category_ids: [503] }),
	service({ service_id: 3339, name: 'Facial', duration: 60, price: 95, category_id: 44, display_colour: '98FB98', requires_resource: true, tax_free: false }),
];

/** The everyday services that seeded appointments are made of. */
export const BOOKED_SERVICE_IDS = [3333, 3334, 3335, 3336];

/** Who can perform each service (the API user takes no bookings). Services added later can be done by every staff member. */
export const SERVICE_OPERATORS: Record<number, number[]> = {
	3333: [2222, 2223],
	3334: [2222, 2223],
	3335: [2222, 2223],
	3336: [2222, 2223],
	3337: [2223],
	3338: [2223],
	3339: [2222, 2223],
};

/** Level prices and durations (ServiceLevel); a service without any uses its base price and duration. */
export const SERVICE_LEVELS = [
	{ service_level_id: 1687481, service_id: 3333, level_id: 100, price: 75, duration: 45 },
	{ service_level_id: 1687482, service_id: 3333, level_id: 200, price: 95, duration: 45 },
	{ service_level_id: 1687483, service_id: 3335, level_id: 200, price: 180, duration: 90 },
	{ service_level_id: 1687484, service_id: 3334, level_id: 100, price: 40, duration: 30 },
];

/** Resources each service can use. */
export const SERVICE_RESOURCES: Record<number, number[]> = {
	3338: [2929],
	3339: [2930, 2931],
};

/** The child services of each group service, in booking order. */
export const SERVICE_CHILDREN: Record<number, number[]> = {
	3337: [3333, 3335],
};

/** The System Operator (-1): listed by operator/list (filter `is_system`), never a staff member who logs in. */
export const SYSTEM_OPERATOR_ID = -1;

function operator(fields: Pick<SalonOperator, 'operator_id' | 'display_name' | 'firstname' | 'lastname' | 'role_id' | 'username' | 'password' | 'pin'> & Partial<SalonOperator>): SalonOperator {
	return {
		company_id: COMPANY_ID,
		level_id: 0,
		order_num: 0,
		show_on_appointment_page: true,
		online_booking_show: true,
		email: '',
		mobile: '',
		phone: '',
		gender: '',
		date_of_birth: '',
		address_line1: '',
		address_suburb: '',
		address_postcode: '',
		address_state_id: 0,
		commission_packages: 0,
		commission_products_profit: 0,
		commission_products_revenue: 0,
		commission_services: 0,
		commission_vouchers: 0,
		kpi_avgclientspendperday: 0,
		kpi_clientsperday: 0,
		kpi_rebookrate: 0,
		kpi_retailsales: 0,
		kpi_wagesvssales: 0,
		dome_operator_id: 0,
		email_appointment_updates_enabled: false,
		sms_appointment_updates_enabled: false,
		welcome_page: '',
		...fields,
	};
}

/** A new operator as the API creates it (the docs' add example: empty names, level 0, order 0). */
export const blankOperator = (operatorId: number): SalonOperator =>
	operator({ operator_id: operatorId, display_name: '', firstname: '', lastname: '', role_id: -2, username: '', password: '', pin: 0 });

/** The API user the credential logs in as, plus two staff members who take bookings. */
export const OPERATORS: SalonOperator[] = [
	operator({
		operator_id: 2221,
		display_name: 'API',
		firstname: 'Integration',
		lastname: 'User',
		role_id: -1,
		username: 'api.user',
		password: 'Salon!2024',
		pin: 1234,
		order_num: 99,
		show_on_appointment_page: false,
		online_booking_show: false,
		email: 'api.user@example.com',
	}),
	operator({
		operator_id: 2222,
		display_name: 'Ash',
		firstname: 'Ashley',
		lastname: 'Smith',
		role_id: -2,
		username: 'ashley',
		password: 'ash-pass-1',
		pin: 4567,
		level_id: 100,
		order_num: 0,
		email: 'ashley@example.com',
		mobile: '0412345678',
		gender: 'Female',
		date_of_birth: `1996-05-14T00:00:00${COMPANY_OFFSET}`,
		address_line1: '12 Chapel St',
		address_suburb: 'Richmond',
		address_postcode: '3121',
		address_state_id: 3,
		commission_services: 10,
		commission_products_revenue: 5,
		kpi_rebookrate: 60,
		sms_appointment_updates_enabled: true,
		welcome_page: 'appointments',
	}),
	operator({
		operator_id: 2223,
		display_name: 'Sam',
		firstname: 'Samira',
		lastname: 'Khan',
		role_id: -3,
		username: 'samira',
		password: 'sam-pass-1',
		pin: 7890,
		level_id: 200,
		order_num: 1,
		email: 'samira@example.com',
		mobile: '0498765432',
		gender: 'Female',
		commission_services: 15,
		commission_products_revenue: 8,
		kpi_rebookrate: 75,
		kpi_retailsales: 20,
		email_appointment_updates_enabled: true,
	}),
];

const FIRST = ['Joe', 'Olivia', 'Liam', 'Charlotte', 'Noah', 'Amelia', 'Jack', 'Isla', 'William', 'Mia', 'Oliver', 'Ava', 'Leo'];
const LAST = ['Citizen', 'Nguyen', 'Williams', 'Brown', 'Wilson', 'Taylor', 'Anderson', 'Thompson', 'Martin', 'Lee', 'Walker', 'White', 'Harris', 'Kelly', 'Ryan', 'Singh', 'Chen', 'Rossi', 'Murphy', 'Clarke', 'Young', 'King', 'Wright'];
const STREETS = ['Example St', 'Collins St', 'Chapel St', 'Lygon St', 'Sydney Rd', 'High St', 'Church St'];
const SUBURBS: Array<[string, string, number]> = [
	['Melbourne', '3000', 3],
	['Richmond', '3121', 3],
	['Fitzroy', '3065', 3],
	['Sydney', '2000', 2],
	['Brisbane', '4000', 4],
	['Hobart', '7000', 7],
];

export const FIRST_CLIENT_ID = 1111;
export const FIRST_APPOINTMENT_ID = 56789;
/** First seeded business day; appointments run for `APPOINTMENT_DAYS` days from here. */
export const APPOINTMENTS_FROM = '2025-03-03';
export const APPOINTMENT_DAYS = 56;
const SLOTS = ['09:00', '10:30', '13:00', '15:15'];

function pad(value: number, width = 2): string {
	return String(value).padStart(width, '0');
}

/** A new client as the API creates it: every field at its default. */
export function blankClient(clientId: number, companyId: number): SalonClient {
	return {
		client_id: clientId,
		company_id: companyId,
		firstname: '',
		lastname: '',
		email: '',
		mobile: '',
		phone: '',
		gender: '',
		date_of_birth: '',
		address_line1: '',
		address_suburb: '',
		address_postcode: '',
		address_state_id: 0,
		barcode: '',
		category_ids: [],
		comments: '',
		referral_type_id: 0,
		referred_by_client_id: 0,
		preferred_operator_id: 0,
		loyalty_points: 0,
		account_balance: 0,
		instagram: '',
		twitter: '',
		membership_gateway: '',
		membership_gateway_id: '',
		email_promotions_enabled: true,
		email_reminders_enabled: true,
		sms_promotions_enabled: true,
		sms_reminders_enabled: true,
	};
}

export function seedClients(count: number): SalonClient[] {
	const clients: SalonClient[] = [];
	for (let i = 0; i < count; i++) {
		const firstname = FIRST[i % FIRST.length];
		const lastname = LAST[(i * 7 + Math.floor(i / LAST.length)) % LAST.length];
		const [suburb, postcode, stateId] = SUBURBS[i % SUBURBS.length];
		const categories = [i % 3 === 0 ? LOYALTY_CATEGORY_ID : 0, i % 11 === 0 ? 920 : 0].filter((id) => id !== 0);
		clients.push({
			client_id: FIRST_CLIENT_ID + i,
			company_id: COMPANY_ID,
			firstname,
			lastname,
			email: i % 5 === 4 ? '' : `${firstname}.${lastname}.${i}@example.com`.toLowerCase(),
			mobile: i % 4 === 3 ? '' : `04${pad((12345678 + i * 7919) % 100000000, 8)}`,
			phone: i % 6 === 0 ? `03${pad((90000000 + i * 104729) % 100000000, 8)}` : '',
			gender: i % 3 === 0 ? 'Female' : i % 3 === 1 ? 'Male' : '',
			date_of_birth: i % 4 === 0 ? '' : `${1960 + (i % 45)}-${pad((i % 12) + 1)}-${pad((i % 28) + 1)}T00:00:00${COMPANY_OFFSET}`,
			address_line1: `${(i % 180) + 1} ${STREETS[i % STREETS.length]}`,
			address_suburb: suburb,
			address_postcode: postcode,
			address_state_id: stateId,
			barcode: pad(8786745156000 + i, 13),
			category_ids: categories,
			comments: i % 9 === 0 ? 'Prefers morning appointments' : '',
			referral_type_id: [0, 1, 2, 3, 29][i % 5],
			referred_by_client_id: 0,
			preferred_operator_id: i % 2 === 0 ? 2222 : 2223,
			loyalty_points: (i * 13) % 500,
			account_balance: 0,
			instagram: '',
			twitter: '',
			membership_gateway: '',
			membership_gateway_id: '',
			email_promotions_enabled: i % 2 === 0,
			email_reminders_enabled: true,
			sms_promotions_enabled: i % 3 !== 0,
			sms_reminders_enabled: true,
		});
	}
	return clients;
}

export function seedAppointments(clientCount: number): SalonAppointment[] {
	const appointments: SalonAppointment[] = [];
	const first = Date.UTC(2025, 2, 3);
	let n = 0;
	for (let day = 0; day < APPOINTMENT_DAYS; day++) {
		const date = new Date(first + day * 86_400_000);
		if (date.getUTCDay() === 0) continue;
		const ymd = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
		for (const operatorId of [2222, 2223]) {
			for (const slot of SLOTS) {
				const service = SERVICES.find((s) => s.service_id === BOOKED_SERVICE_IDS[n % BOOKED_SERVICE_IDS.length])!;
				appointments.push({
					appointment_id: FIRST_APPOINTMENT_ID + n,
					company_id: COMPANY_ID,
					client_id: FIRST_CLIENT_ID + ((n * 37) % Math.max(1, clientCount)),
					operator_id: operatorId,
					service_id: service.service_id,
					resource_id: 0,
					duration: service.duration,
					start: `${ymd}T${slot}:00`,
					price: service.price,
					comments: '',
					flag_ids: n % 10 === 0 ? [-6] : [],
					transaction_id: 0,
					unconfirmed: false,
					date_created: `2025-02-${pad((n % 27) + 1)}T12:00:00${COMPANY_OFFSET}`,
				});
				n++;
			}
		}
	}
	return appointments;
}

export interface SalonRoster {
	roster_id: number;
	company_id: number;
	operator_id: number;
	roster_type_id: number;
	/** Company-local wall-clock start, `YYYY-MM-DDTHH:MM:SS` (the offset is added on output). */
	start: string;
	/** Minutes. */
	duration: number;
}

export const FIRST_ROSTER_ID = 998866;

/** Shifts over the same weeks as the appointments: Ash Mon–Sat mornings (plus fortnightly training), Sam Tue–Sat. */
export function seedRosters(): SalonRoster[] {
	const rosters: SalonRoster[] = [];
	const first = Date.UTC(2025, 2, 3);
	const add = (operatorId: number, ymd: string, time: string, duration: number, rosterTypeId: number) =>
		rosters.push({
			roster_id: FIRST_ROSTER_ID + rosters.length,
			company_id: COMPANY_ID,
			operator_id: operatorId,
			roster_type_id: rosterTypeId,
			start: `${ymd}T${time}:00`,
			duration,
		});
	for (let day = 0; day < APPOINTMENT_DAYS; day++) {
		const date = new Date(first + day * 86_400_000);
		const weekday = date.getUTCDay();
		if (weekday === 0) continue;
		const ymd = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
		add(2222, ymd, '09:00', weekday === 6 ? 240 : 480, 9966);
		if (weekday === 3 && Math.floor(day / 7) % 2 === 0) add(2222, ymd, '17:00', 60, 9968);
		if (weekday >= 2) add(2223, ymd, '10:00', 480, 9967);
	}
	return rosters;
}
