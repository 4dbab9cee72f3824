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
	password: string;
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

export const SERVICES = [
	{ service_id: 3333, name: "Women's Cut & Blow Dry", duration: 45, price: 85 },
	{ service_id: 3334, name: "Men's Cut", duration: 30, price: 45 },
	{ service_id: 3335, name: 'Full Colour', duration: 90, price: 160 },
	{ service_id: 3336, name: 'Manicure', duration: 30, price: 40 },
];

/** The API user the credential logs in as, plus two staff members who take bookings. */
export const OPERATORS: SalonOperator[] = [
	{
		operator_id: 2221,
		company_id: COMPANY_ID,
		display_name: 'API',
		firstname: 'Integration',
		lastname: 'User',
		role_id: -1,
		username: 'api.user',
		password: 'Salon!2024',
	},
	{
		operator_id: 2222,
		company_id: COMPANY_ID,
		display_name: 'Ash',
		firstname: 'Ashley',
		lastname: 'Smith',
		role_id: -2,
		username: 'ashley',
		password: 'ash-pass-1',
	},
	{
		operator_id: 2223,
		company_id: COMPANY_ID,
		display_name: 'Sam',
		firstname: 'Samira',
		lastname: 'Khan',
		role_id: -3,
		username: 'samira',
		password: 'sam-pass-1',
	},
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
				const service = SERVICES[n % SERVICES.length];
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
