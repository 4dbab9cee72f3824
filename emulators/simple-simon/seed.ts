import { createHash } from 'node:crypto';

import type { EntitySchema } from './odata';

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

export const LOCATION_SCHEMA: EntitySchema = {
	Id: 'Edm.Guid',
	Code: 'Edm.String',
	Name: 'Edm.String',
	Street: 'Edm.String',
	HouseNumber: 'Edm.String',
	PostalCode: 'Edm.String',
	City: 'Edm.String',
	Country: 'Edm.String',
	Phone: 'Edm.String',
	Email: 'Edm.String',
	CustomerId: 'Edm.Guid',
	Remarks: 'Edm.String',
	Latitude: 'Edm.Double',
	Longitude: 'Edm.Double',
	IsActive: 'Edm.Boolean',
	CreatedOn: 'Edm.DateTimeOffset',
	ModifiedOn: 'Edm.DateTimeOffset',
};

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
