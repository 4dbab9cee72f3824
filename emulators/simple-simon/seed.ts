import { createHash } from 'node:crypto';

import type { EntitySchema } from './odata';
import { COLLECTIONS, ENTITY_TABLES, propertyTypes, type Collection, type Row } from './schemas';

/** A work address ("job site") as the API returns it; PascalCase names as ASP.NET OData services publish them. */
export interface Location {
	Id: string;
	Code: string | null;
	Name: string;
	Street: string | null;
	HouseNumber: string | null;
	PostalCode: string | null;
	City: string | null;
	Country: string | null;
	Phone: string | null;
	Email: string | null;
	CustomerId: string | null;
	Remarks: string | null;
	Latitude: number | null;
	Longitude: number | null;
	IsActive: boolean;
	CreatedOn: string;
	ModifiedOn: string;
}

export const LOCATION_TYPE = 'SimpleSimon.Location';

export const LOCATION_SCHEMA: EntitySchema = propertyTypes(ENTITY_TABLES.locations);

/** A stable GUID (version-4 layout) derived from a name, so seed data is the same on every run. */
export function stableGuid(name: string): string {
	const hex = createHash('sha256').update(name).digest('hex');
	const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const CITIES: Array<[string, string, string, number, number]> = [
	['Amsterdam', '1012', 'NL', 52.3728, 4.8936],
	['Rotterdam', '3011', 'NL', 51.9225, 4.4792],
	['Utrecht', '3511', 'NL', 52.0907, 5.1214],
	['Eindhoven', '5611', 'NL', 51.4416, 5.4697],
	['Groningen', '9711', 'NL', 53.2194, 6.5665],
	["'s-Hertogenbosch", '5211', 'NL', 51.6978, 5.3037],
	['Den Haag', '2511', 'NL', 52.0705, 4.3007],
	['Zwolle', '8011', 'NL', 52.5168, 6.083],
	['Antwerpen', '2000', 'BE', 51.2194, 4.4025],
	['Gent', '9000', 'BE', 51.0543, 3.7174],
	['Düsseldorf', '40213', 'DE', 51.2277, 6.7735],
	['Leeds', 'LS1', 'GB', 53.8008, -1.5491],
];

const STREETS = [
	'Kerkstraat',
	'Dorpsstraat',
	'Stationsweg',
	'Molenweg',
	'Hoofdstraat',
	'Industrieweg',
	'Schoolstraat',
	'Marktplein',
	'Nieuwe Gracht',
	'Havenkade',
];

const BUSINESSES = [
	'Bakkerij De Vries',
	'Van Dijk Installatietechniek',
	"Café 't Hoekje",
	'Janssen Koeltechniek',
	'Sportcentrum De Kuil',
	"'t Hooge Huys",
	'Basisschool De Regenboog',
	'Tandartspraktijk Smit',
	'Hotel Zonnehoek',
	'Bouwbedrijf Bakker & Zn.',
	'Supermarkt Visser',
	'Zorgcentrum Het Anker',
	'Garage Mulder',
	'Kinderopvang Ukkie',
	'Restaurant De Gouden Leeuw',
	'Kantoorpand Meerzicht',
];

const PURPOSES = ['Hoofdvestiging', 'Magazijn', 'Filiaal', 'Technische ruimte', 'Kantoor'];

/** `count` realistic, deterministic work addresses, the oldest first. */
export function seedLocations(count: number): Location[] {
	const base = Date.parse('2024-01-02T08:00:00Z');
	const customers = Array.from({ length: 40 }, (_, i) =>
		stableGuid(`simple-simon:customer:${i + 1}`),
	);
	return Array.from({ length: count }, (_, index) => {
		const n = index + 1;
		const [city, postal, country, lat, lon] = CITIES[index % CITIES.length];
		const business = BUSINESSES[index % BUSINESSES.length];
		const purpose = PURPOSES[Math.floor(index / BUSINESSES.length) % PURPOSES.length];
		const created = base + index * 7 * 3600_000 + (index % 13) * 60_000;
		const modified = created + ((index * 37) % 90) * 24 * 3600_000;
		const letters = String.fromCharCode(65 + (index % 26), 65 + ((index * 7) % 26));
		return {
			Id: stableGuid(`simple-simon:location:${n}`),
			Code: `LOC-${String(n).padStart(5, '0')}`,
			Name: `${business} - ${purpose} ${city}`,
			Street: STREETS[(index * 3) % STREETS.length],
			HouseNumber: String(1 + ((index * 17) % 180)) + (index % 9 === 0 ? 'a' : ''),
			PostalCode: country === 'NL' ? `${postal} ${letters}` : postal,
			City: city,
			Country: country,
			Phone:
				index % 5 === 4
					? null
					: `+31 ${String(20 + (index % 70)).padStart(2, '0')} ${String(1000000 + ((index * 7919) % 8999999)).slice(0, 7)}`,
			Email:
				index % 4 === 3 ? null : `locatie${n}@${business.toLowerCase().replace(/[^a-z]+/g, '')}.nl`,
			// About a third of the work addresses belong to no customer, which the docs allow.
			CustomerId: index % 3 === 2 ? null : customers[index % customers.length],
			Remarks: index % 6 === 0 ? 'Sleutel ophalen bij de receptie' : null,
			Latitude: Math.round((lat + ((index % 11) - 5) * 0.003) * 1e6) / 1e6,
			Longitude: Math.round((lon + ((index % 7) - 3) * 0.004) * 1e6) / 1e6,
			IsActive: index % 10 !== 9,
			CreatedOn: new Date(created).toISOString(),
			ModifiedOn: new Date(modified).toISOString(),
		};
	});
}

// ---------------------------------------------------------------- the other twelve collections

const FIRST_NAMES = [
	'Jan',
	'Sanne',
	'Pieter',
	'Fatima',
	'Daan',
	'Emma',
	'Mohamed',
	'Lotte',
	'Bram',
	'Noor',
];
const LAST_NAMES = [
	'de Vries',
	'Jansen',
	"O'Neill",
	'Bakker',
	'van den Berg',
	'Visser',
	'Smit',
	'Meijer',
];
const COMPANIES = [
	'Bakkerij De Vries B.V.',
	'Van Dijk Vastgoed',
	"Café 't Hoekje",
	'Gemeente Zwolle',
	'Woonstichting Het Anker',
	'Hotelgroep Zonnehoek',
	'Stichting Kinderopvang Ukkie',
	'Autobedrijf Mulder',
];
const JOBS = [
	'Storing cv-ketel',
	'Onderhoud airco',
	'Lekkage dakgoot',
	'Jaarlijkse keuring warmtepomp',
	"Vervangen thermostaat 'Nest'",
	'Inspectie brandmelders',
];
const STATUSES = ['Open', 'Planned', 'InProgress', 'Completed', 'Invoiced', 'Cancelled'];
const UNITS = ['st', 'm', 'uur', 'kg', 'l'];

const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 24 * 3600_000;
const SEED_BASE = Date.parse('2024-01-02T08:00:00Z');
/** Seeded rows refer to locations 1–200 only; locations 201+ (LOC-00201…) have no dependants. */
export const LINKED_LOCATIONS = 200;

/** A row in the table's property order: Id, the properties (left-out ones null or their default), the two dates. */
export function makeRow(
	collection: Collection,
	id: string,
	values: Row,
	createdOn: string,
	modifiedOn: string = createdOn,
): Row {
	const row: Row = { Id: id };
	for (const [name, field] of Object.entries(ENTITY_TABLES[collection].fields)) {
		row[name] = values[name] !== undefined ? values[name] : (field.default ?? null);
	}
	if (collection === 'attachments' && typeof row.Content === 'string')
		row.Size = Buffer.from(row.Content, 'base64').length;
	row.CreatedOn = createdOn;
	row.ModifiedOn = modifiedOn;
	return row;
}

/** The whole demo tenant: `locationCount` locations (default 320) and a modest, linked set of everything else. */
export function seedTenant(locationCount = 320): Record<Collection, Row[]> {
	const out = Object.fromEntries(COLLECTIONS.map((c) => [c, [] as Row[]])) as Record<
		Collection,
		Row[]
	>;
	const add = (collection: Collection, n: number, values: Row, createdMs: number) => {
		const modified = createdMs + ((n * 37) % 60) * DAY + (n % 7) * 60_000;
		out[collection].push(
			makeRow(
				collection,
				stableGuid(`simple-simon:${collection.replace(/s$/, '')}:${n}`),
				values,
				iso(createdMs),
				iso(modified),
			),
		);
	};

	for (let n = 1; n <= 40; n++) {
		const i = n - 1;
		const [city, postal, country] = CITIES[i % CITIES.length];
		const name = `${COMPANIES[i % COMPANIES.length]}${i >= COMPANIES.length ? ` ${Math.floor(i / COMPANIES.length) + 1}` : ''}`;
		// Customers keep the GUIDs seedLocations() already points at ("simple-simon:customer:n").
		add(
			'customers',
			n,
			{
				Code: `CUS-${String(n).padStart(4, '0')}`,
				Name: name,
				Email:
					i % 5 === 4 ? null : `administratie${n}@${name.toLowerCase().replace(/[^a-z]+/g, '')}.nl`,
				Phone: `+31 ${String(10 + n)} ${String(5550000 + n * 131)}`,
				Street: STREETS[i % STREETS.length],
				HouseNumber: String(2 + ((i * 13) % 150)),
				PostalCode: postal,
				City: city,
				Country: country,
				VatNumber: country === 'NL' ? `NL${String(800000000 + n * 7919).slice(0, 9)}B01` : null,
				IsActive: i % 9 !== 8,
			},
			SEED_BASE - (40 - i) * DAY,
		);
	}
	out.locations = seedLocations(locationCount) as unknown as Row[];
	// Only the first 200 locations have work orders, equipment or contacts, so tests can delete the later ones.
	const locations = out.locations.slice(0, LINKED_LOCATIONS);
	const customers = out.customers;

	for (let n = 1; n <= 25; n++) {
		const i = n - 1;
		const first = FIRST_NAMES[i % FIRST_NAMES.length];
		const last = LAST_NAMES[(i * 3) % LAST_NAMES.length];
		add(
			'users',
			n,
			{
				Name: `${first} ${last}`,
				Email: `${first.toLowerCase()}.${n}@devries-installatietechniek.nl`,
				Role: i < 5 ? 'Office' : 'Field',
				Phone: i % 4 === 3 ? null : `+31 6 ${String(12000000 + n * 4099).slice(0, 8)}`,
				IsActive: n !== 25,
			},
			SEED_BASE + i * DAY,
		);
	}
	const users = out.users;
	const fieldUsers = users.slice(5);

	const GROUPS = [
		'Verwarming',
		'Koeling',
		'Sanitair',
		'Elektra',
		'Dak',
		'Ventilatie',
		'Brandveiligheid',
		'Gereedschap',
		'Klein materiaal',
		'Diensten',
	];
	GROUPS.forEach((name, i) =>
		add(
			'itemgroups',
			i + 1,
			{
				Code: `GRP-${String(i + 1).padStart(2, '0')}`,
				Name: name,
				Description: i % 3 === 0 ? `Alles voor ${name.toLowerCase()}` : null,
			},
			SEED_BASE + i * 3600_000,
		),
	);
	const groups = out.itemgroups;

	for (let n = 1; n <= 60; n++) {
		const i = n - 1;
		const group = groups[i % groups.length];
		add(
			'items',
			n,
			{
				Code: `ART-${String(1000 + n)}`,
				Description: `${group.Name} onderdeel ${n}${n % 11 === 0 ? ' 1/2"' : ''}`,
				ItemGroupId: group.Id,
				Unit: UNITS[i % UNITS.length],
				Price: Math.round((2.5 + ((i * 37) % 400) * 1.25) * 100) / 100,
				IsActive: n % 15 !== 0,
			},
			SEED_BASE + i * 7200_000,
		);
	}
	const items = out.items;

	for (let n = 1; n <= 60; n++) {
		const i = n - 1;
		const onCustomer = i % 2 === 0 || locations.length === 0;
		add(
			'contacts',
			n,
			{
				FirstName: i % 10 === 9 ? null : FIRST_NAMES[(i * 7) % FIRST_NAMES.length],
				LastName: LAST_NAMES[i % LAST_NAMES.length],
				Email: `contact${n}@example.nl`,
				Phone: i % 3 === 0 ? null : `+31 20 ${String(6000000 + n * 17)}`,
				Mobile: i % 4 === 0 ? `+31 6 ${String(30000000 + n * 313)}` : null,
				JobTitle: ['Facilitair manager', 'Eigenaar', 'Huismeester', null][i % 4],
				CustomerId: onCustomer ? customers[i % customers.length].Id : null,
				LocationId: onCustomer ? null : locations[(i * 5) % locations.length].Id,
			},
			SEED_BASE + i * 5 * 3600_000,
		);
	}

	if (locations.length === 0) return out;

	for (let n = 1; n <= 80; n++) {
		const i = n - 1;
		add(
			'equipment',
			n,
			{
				Name: ['Cv-ketel', 'Warmtepomp', 'Airco binnenunit', 'Boiler', 'Brandmeldcentrale'][i % 5],
				LocationId: locations[(i * 3) % locations.length].Id,
				SerialNumber: `SN${String(100000 + n * 7331)}`,
				Brand: ['Remeha', 'Daikin', 'Vaillant', 'Itho', 'Bosch'][i % 5],
				Model: i % 4 === 0 ? null : `Model ${String.fromCharCode(65 + (i % 6))}${n}`,
				InstallationDate: iso(Date.parse('2015-03-01T00:00:00Z') + i * 41 * DAY),
				Remarks: i % 6 === 0 ? 'Onderhoudscontract' : null,
			},
			SEED_BASE + i * 6 * 3600_000,
		);
	}

	for (let n = 1; n <= 150; n++) {
		const i = n - 1;
		const location = locations[(i * 7) % locations.length];
		const created = SEED_BASE + 30 * DAY + i * 2 * DAY + (i % 9) * 3600_000;
		add(
			'workorders',
			n,
			{
				Number: `WO-${String(n).padStart(6, '0')}`,
				Description: `${JOBS[i % JOBS.length]} - ${location.Name}`,
				LocationId: location.Id,
				CustomerId: location.CustomerId ?? null,
				Status: STATUSES[i % STATUSES.length],
				Priority: i % 7 === 6 ? null : 1 + (i % 5),
				PlannedDate: i % 8 === 7 ? null : iso(created + (3 + (i % 20)) * DAY),
				Reference: i % 3 === 0 ? `PO-${2024000 + n}` : null,
				Remarks: i % 10 === 0 ? "Klant zegt: 'bel even aan'" : null,
			},
			created,
		);
	}
	const workorders = out.workorders;

	let planning = 0;
	let sheet = 0;
	let used = 0;
	workorders.forEach((wo, i) => {
		const start = Date.parse(String(wo.PlannedDate ?? wo.CreatedOn));
		if (i < 100) {
			for (let k = 0; k < (i % 4 === 0 ? 2 : 1); k++) {
				planning += 1;
				const from = start + (8 + k * 4) * 3600_000;
				add(
					'plannings',
					planning,
					{
						WorkOrderId: wo.Id,
						UserId: fieldUsers[(i + k * 3) % fieldUsers.length].Id,
						StartTime: iso(from),
						EndTime: iso(from + (1 + ((i + k) % 4)) * 3600_000),
						Remarks: k === 1 ? 'Tweede monteur' : null,
					},
					Date.parse(String(wo.CreatedOn)) + 3600_000 * (k + 1),
				);
			}
		}
		if (i < 90) {
			for (const type of i % 3 === 0 ? ['Travel', 'Work'] : ['Work']) {
				sheet += 1;
				add(
					'timesheets',
					sheet,
					{
						WorkOrderId: wo.Id,
						UserId: fieldUsers[i % fieldUsers.length].Id,
						Date: iso(Date.parse(iso(start).slice(0, 10))),
						Type: type,
						Hours: type === 'Travel' ? 0.5 : 1 + (i % 6) * 0.75,
						Remarks: null,
					},
					start + 12 * 3600_000,
				);
			}
		}
		if (i < 80 && i % 2 === 0) {
			for (let k = 0; k < 1 + (i % 3); k++) {
				used += 1;
				const item = items[(i + k * 11) % items.length];
				add(
					'useditems',
					used,
					{
						WorkOrderId: wo.Id,
						ItemId: k === 2 ? null : item.Id,
						Description: k === 2 ? 'Klein materiaal' : item.Description,
						Quantity: 1 + ((i + k) % 4),
						Unit: k === 2 ? 'st' : item.Unit,
						Price: k === 2 ? 4.95 : item.Price,
					},
					start + 13 * 3600_000,
				);
			}
		}
	});

	for (let n = 1; n <= 20; n++) {
		const wo = workorders[(n - 1) * 5];
		const done = n % 2 === 0;
		add(
			'workordersurveys',
			n,
			{
				WorkOrderId: wo.Id,
				Name: ['Opleverlijst cv-ketel', 'Keuring brandmelders', 'Inspectie dak'][n % 3],
				Status: done ? 'Completed' : 'Open',
				Answers: done ? JSON.stringify({ Druk: '1,8 bar', Lekdicht: 'Ja' }) : null,
				CompletedOn: done ? iso(Date.parse(String(wo.CreatedOn)) + 5 * DAY) : null,
			},
			Date.parse(String(wo.CreatedOn)) + 2 * DAY,
		);
	}

	const parents: Array<[string, Row[]]> = [
		['WorkOrderId', workorders],
		['LocationId', locations],
		['CustomerId', customers],
	];
	for (let n = 1; n <= 9; n++) {
		const [key, rows] = parents[(n - 1) % 3];
		const parent = rows[(n * 4) % rows.length];
		const body = `Werkbon bijlage ${n}\nRegel twee met é en ü\n`;
		add(
			'attachments',
			n,
			{
				FileName: `bijlage-${n}.txt`,
				ContentType: 'text/plain',
				Description: n % 2 === 0 ? 'Foto van de situatie' : null,
				Content: Buffer.from(body, 'utf8').toString('base64'),
				[key]: parent.Id,
			},
			SEED_BASE + 60 * DAY + n * DAY,
		);
	}
	return out;
}
