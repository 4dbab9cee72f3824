/** Deterministic seed data: the same records, ids and timestamps on every start and reset. */
import { createHash } from 'node:crypto';

import {
	ACCOUNT_TYPES,
	INDUSTRIES,
	LEAD_SOURCES,
	LEAD_STATUSES,
	MODULE_BY_NAME,
	type ModuleDef,
} from './modules';
import { inventoryTotals } from './inventory';
import { DEFAULT_FOLDER_ID } from './sales-modules';
import {
	formatDateTime,
	type CrmUser,
	type IncomingWebhook,
	type LineItem,
	type SimplyCrmState,
	type StoredRecord,
} from './state';

/** A user's fixed 16-character webservice access key (letters and digits, like vtiger's), derived so no key sits in source. */
export function fixtureAccessKey(userName: string): string {
	return createHash('sha256')
		.update(`simply-crm-emulator/${userName}`)
		.digest('base64')
		.replace(/[^A-Za-z0-9]/g, '')
		.slice(0, 16);
}

export const ADMIN_USERNAME = 'admin';
export const ADMIN_ACCESS_KEY = fixtureAccessKey(ADMIN_USERNAME);
export const ADMIN_PASSWORD = 'Simply#Admin2024';

export const SEED_USERS: CrmUser[] = [
	{
		id: 1,
		userName: ADMIN_USERNAME,
		accessKey: ADMIN_ACCESS_KEY,
		password: ADMIN_PASSWORD,
		active: true,
		isAdmin: true,
		groups: [2],
	},
	{
		id: 5,
		userName: 'mette',
		accessKey: fixtureAccessKey('mette'),
		password: 'Mette#Sales2024',
		active: true,
		isAdmin: false,
		groups: [2, 3],
	},
	{
		id: 6,
		userName: 'jonas',
		accessKey: fixtureAccessKey('jonas'),
		password: 'Jonas#Gone2023',
		active: false,
		isAdmin: false,
		groups: [],
	},
];

const USER_PROFILES: Record<number, Record<string, string>> = {
	1: {
		first_name: '',
		last_name: 'Administrator',
		email1: 'admin@nordlys-demo.dk',
		roleid: 'H2',
		is_admin: '1',
	},
	5: {
		first_name: 'Mette',
		last_name: 'Holm',
		email1: 'mette.holm@nordlys-demo.dk',
		roleid: 'H4',
		is_admin: '0',
	},
	6: {
		first_name: 'Jonas',
		last_name: 'Berg',
		email1: 'jonas.berg@nordlys-demo.dk',
		roleid: 'H5',
		is_admin: '0',
	},
};

const FIRST_NAMES = [
	'Anders',
	'Birgitte',
	'Christian',
	'Dorthe',
	'Emil',
	'Freja',
	'Gustav',
	'Hanne',
	'Ida',
	'Jakob',
	'Karen',
	'Lars',
	'Maja',
	'Niels',
	'Oliver',
	'Pernille',
	'Rasmus',
	'Sofie',
	'Søren',
	'Trine',
	'Ulla',
	'Viktor',
	'William',
	'Astrid',
	'Bo',
	'Camilla',
	'Mads',
	'Line',
	'Henrik',
	'Signe',
	'Åse',
];
const LAST_NAMES = [
	'Andersen',
	'Bach',
	'Christensen',
	'Dahl',
	'Eriksen',
	'Frandsen',
	'Hansen',
	'Iversen',
	'Jensen',
	'Jørgensen',
	'Kristensen',
	'Larsen',
	'Madsen',
	'Nielsen',
	'Olsen',
	'Pedersen',
	'Quist',
	'Rasmussen',
	'Schmidt',
	'Thomsen',
	'Vestergaard',
	'Winther',
	"O'Brien",
	'Østergaard',
	'Mortensen',
	'Lund',
	'Holm',
	'Poulsen',
	'Knudsen',
];
const COMPANY_WORDS = [
	'Nordlys',
	'Havbris',
	'Fjordtech',
	'Skovgaard',
	'Bølge',
	'Lyngby',
	'Kvist',
	'Solsikke',
	'Granit',
	'Ravn',
	'Stjerne',
	'Kobber',
	'Fyrtårn',
	'Egetræ',
	'Nordkap',
	'Sandbanke',
	'Vindmølle',
	'Elmegaard',
	'Bakkehus',
	'Lærke',
];
const COMPANY_SUFFIXES = ['ApS', 'A/S', 'I/S', 'Consult', 'Group'];
const CITIES: Array<[string, string]> = [
	['København', '1050'],
	['Aarhus', '8000'],
	['Odense', '5000'],
	['Aalborg', '9000'],
	['Esbjerg', '6700'],
	['Randers', '8900'],
	['Kolding', '6000'],
	['Horsens', '8700'],
	['Vejle', '7100'],
	['Roskilde', '4000'],
];
const TITLES = [
	'CEO',
	'CFO',
	'Sales Manager',
	'Purchasing Manager',
	'Office Manager',
	'IT Manager',
	'Consultant',
	'Accountant',
];
const DEPARTMENTS = ['Sales', 'Finance', 'IT', 'Operations', 'Marketing', 'Management'];
const STREETS = [
	'Strandvejen',
	'Nørregade',
	'Vestergade',
	'Algade',
	'Søndergade',
	'Bredgade',
	'Havnegade',
	'Kongevejen',
];

/** First seed timestamp: records are spread over the following months, oldest first. */
const SEED_EPOCH = Date.UTC(2024, 0, 8, 7, 30, 0);
const MINUTE = 60_000;

function ascii(text: string): string {
	return text
		.toLowerCase()
		.replace(/ø/g, 'oe')
		.replace(/æ/g, 'ae')
		.replace(/å/g, 'aa')
		.replace(/[^a-z0-9]/g, '');
}

function pick<T>(list: T[], i: number, step = 1): T {
	return list[(i * step) % list.length];
}

function ownerFor(i: number): string {
	const slot = i % 10;
	if (slot < 7) return '19x1';
	if (slot < 9) return '19x5';
	return '20x2';
}

interface SeedContext {
	state: SimplyCrmState;
	/** Running index over all entity records, drives the timestamps. */
	sequence: number;
	/** Modified time of the previous record, to plant same-second ties. */
	lastModified: number;
}

function emptyValues(module: ModuleDef): Record<string, string> {
	const values: Record<string, string> = {};
	for (const field of module.fields) values[field.name] = field.type === 'boolean' ? '0' : '';
	return values;
}

function addEntity(
	ctx: SeedContext,
	moduleName: string,
	fill: Record<string, string>,
): StoredRecord {
	const module = MODULE_BY_NAME.get(moduleName)!;
	const crmid = ctx.state.nextCrmId++;
	const seq = ctx.sequence++;
	const created = SEED_EPOCH + seq * 53 * MINUTE;
	// Every 25th record shares its modified second with the previous one: sync must not lose ties.
	const modified =
		seq % 25 === 0 && ctx.lastModified > created
			? ctx.lastModified
			: created + (seq % 7) * 180 * MINUTE;
	ctx.lastModified = modified;
	const values = { ...emptyValues(module), ...fill };
	if (module.autoNumber) {
		const next = ctx.state.autoNumbers[module.name] ?? 1;
		values[module.autoNumber.field] = `${module.autoNumber.prefix}${next}`;
		ctx.state.autoNumbers[module.name] = next + 1;
	}
	values.createdtime = formatDateTime(created);
	values.modifiedtime = formatDateTime(modified);
	values.modifiedby = '19x1';
	values.id = `${module.idPrefix}x${crmid}`;
	const record: StoredRecord = { module: module.name, crmid, deleted: false, values };
	ctx.state.records[module.name].push(record);
	return record;
}

function seedActors(state: SimplyCrmState) {
	state.users = SEED_USERS.map((u) => ({ ...u, groups: [...u.groups] }));
	state.records.Users = state.users.map((u) => ({
		module: 'Users',
		crmid: u.id,
		deleted: false,
		values: {
			user_name: u.userName,
			...USER_PROFILES[u.id],
			status: u.active ? 'Active' : 'Inactive',
			date_format: 'yyyy-mm-dd',
			time_zone: 'Europe/Copenhagen',
			id: `19x${u.id}`,
		},
	}));
	state.records.Groups = [
		{
			module: 'Groups',
			crmid: 2,
			deleted: false,
			values: { groupname: 'Sales Team', description: 'Field and inside sales', id: '20x2' },
		},
		{
			module: 'Groups',
			crmid: 3,
			deleted: false,
			values: { groupname: 'Support', description: 'Customer support', id: '20x3' },
		},
	];
	state.records.DocumentFolders = [
		['Default', 'This is a Default Folder'],
		['Contracts', 'Signed agreements and templates'],
		['Marketing', 'Brochures, price lists and links'],
	].map(([foldername, description], i) => ({
		module: 'DocumentFolders',
		crmid: i + 1,
		deleted: false,
		values: {
			foldername,
			description,
			createdby: '19x1',
			sequence: String(i + 1),
			id: `22x${i + 1}`,
		},
	}));
	state.records.Currency = [
		{
			module: 'Currency',
			crmid: 1,
			deleted: false,
			values: {
				currency_name: 'Denmark, Kroner',
				currency_code: 'DKK',
				currency_symbol: 'kr',
				conversion_rate: '1.00000',
				currency_status: 'Active',
				id: '21x1',
			},
		},
	];
}

/** Fill `state` in place (tests keep a reference to it) with the seed data. */
export function seedState(state: SimplyCrmState, contactCount: number): void {
	for (const key of Object.keys(state.records)) delete state.records[key];
	for (const name of MODULE_BY_NAME.keys()) state.records[name] = [];
	state.sessions.clear();
	state.mobileSessions.clear();
	state.challenges.clear();
	state.nextCrmId = 101;
	state.autoNumbers = {};
	state.attachments.clear();
	state.webhooks.clear();
	for (const webhook of SEED_WEBHOOKS) state.webhooks.set(webhook.token, { ...webhook, mandatory: [...webhook.mandatory], fields: { ...webhook.fields } });
	seedActors(state);

	const ctx: SeedContext = { state, sequence: 0, lastModified: 0 };
	const accountCount = 40;
	const accounts: StoredRecord[] = [];
	for (let i = 0; i < accountCount; i++) {
		const name = `${pick(COMPANY_WORDS, i)} ${pick(COMPANY_WORDS, i + 7, 3)} ${pick(COMPANY_SUFFIXES, i)}`;
		const [city, zip] = pick(CITIES, i, 3);
		accounts.push(
			addEntity(ctx, 'Accounts', {
				accountname: name,
				website: `https://www.${ascii(name)}.dk`,
				phone: `+45 ${String(70_10_00_00 + i * 1_37).replace(/(\d{2})(\d{2})(\d{2})(\d{2})/, '$1 $2 $3 $4')}`,
				email1: `info@${ascii(name)}.dk`,
				industry: pick(INDUSTRIES.slice(1), i, 5),
				accounttype: pick(ACCOUNT_TYPES.slice(1), i, 3),
				employees: String(5 + ((i * 37) % 480)),
				annual_revenue: `${(250_000 + i * 173_500).toFixed(8)}`,
				assigned_user_id: ownerFor(i),
				bill_street: `${pick(STREETS, i)} ${1 + (i % 90)}`,
				bill_city: city,
				bill_code: zip,
				bill_country: 'Denmark',
				description: i % 4 === 0 ? `Key account since ${2015 + (i % 9)}.` : '',
			}),
		);
	}

	for (let i = 0; i < contactCount; i++) {
		const first = pick(FIRST_NAMES, i);
		const last = pick(LAST_NAMES, i, 7);
		const account = i % 6 === 5 ? undefined : accounts[(i * 11) % accounts.length];
		const [city, zip] = pick(CITIES, i, 7);
		addEntity(ctx, 'Contacts', {
			salutationtype: pick(['Mr.', 'Ms.', 'Mrs.', 'Dr.', '--None--'], i),
			firstname: first,
			lastname: last,
			phone: `+45 ${20 + (i % 70)} ${String(10 + ((i * 7) % 89)).padStart(2, '0')} ${String(10 + ((i * 13) % 89)).padStart(2, '0')} ${String(10 + (i % 89)).padStart(2, '0')}`,
			account_id: account ? account.values.id : '',
			mobile:
				i % 3 === 0
					? `+45 ${30 + (i % 60)} ${String(i % 100).padStart(2, '0')} 44 ${String((i * 3) % 100).padStart(2, '0')}`
					: '',
			leadsource: pick(LEAD_SOURCES.slice(1), i, 5),
			title: pick(TITLES, i, 3),
			department: pick(DEPARTMENTS, i),
			email: `${ascii(first)}.${ascii(last)}${i + 1}@${account ? ascii(account.values.accountname) : 'mail'}.dk`,
			birthday:
				i % 4 === 0
					? `19${60 + (i % 40)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`
					: '',
			emailoptout: i % 9 === 0 ? '1' : '0',
			donotcall: i % 13 === 0 ? '1' : '0',
			assigned_user_id: ownerFor(i),
			mailingstreet: `${pick(STREETS, i, 3)} ${1 + ((i * 7) % 120)}`,
			mailingcity: city,
			mailingzip: zip,
			mailingcountry: 'Denmark',
			description: i % 10 === 0 ? 'Met at the Copenhagen trade fair.' : '',
			cf_851: `K-${String(10_000 + i).padStart(6, '0')}`,
		});
	}

	const leadCount = 60;
	for (let i = 0; i < leadCount; i++) {
		const first = pick(FIRST_NAMES, i + 3, 5);
		const last = pick(LAST_NAMES, i + 1, 3);
		const company = `${pick(COMPANY_WORDS, i + 2, 7)} ${pick(COMPANY_SUFFIXES, i + 1)}`;
		const [city, zip] = pick(CITIES, i);
		addEntity(ctx, 'Leads', {
			salutationtype: pick(['Mr.', 'Ms.', '--None--'], i),
			firstname: first,
			lastname: last,
			company,
			designation: pick(TITLES, i),
			email: `${ascii(first)}.${ascii(last)}@${ascii(company)}.dk`,
			phone: `+45 ${40 + (i % 50)} 12 ${String(i % 100).padStart(2, '0')} 90`,
			website: i % 2 === 0 ? `https://${ascii(company)}.dk` : '',
			leadsource: pick(LEAD_SOURCES.slice(1), i, 3),
			leadstatus: pick(LEAD_STATUSES.slice(1), i, 5),
			industry: pick(INDUSTRIES.slice(1), i, 7),
			annualrevenue: `${(90_000 + i * 41_000).toFixed(8)}`,
			noofemployees: String(2 + ((i * 17) % 150)),
			rating: pick(['Active', 'Acquired', '--None--', 'Market Failed'], i),
			assigned_user_id: ownerFor(i + 3),
			lane: `${pick(STREETS, i, 5)} ${2 + i}`,
			city,
			code: zip,
			country: 'Denmark',
		});
	}

	const contacts = state.records.Contacts;
	for (let i = 0; i < Math.min(12, contacts.length); i++) {
		addEntity(ctx, 'ModComments', {
			commentcontent: pick(
				[
					'Called, will get back next week.',
					'Sent the price list.',
					'Asked for a demo in May.',
					'Invoice question resolved.',
				],
				i,
			),
			related_to: contacts[(i * 29) % contacts.length].values.id,
			creator: i % 2 === 0 ? '19x1' : '19x5',
			assigned_user_id: i % 2 === 0 ? '19x1' : '19x5',
		});
	}

	// Added after the original seed so Contacts keep 12x141… and every earlier id and timestamp stays put.
	seedSales(ctx, accounts, contacts);
}

const PRODUCTS: Array<[string, string, string, number, number, boolean]> = [
	['Nordlys Router X200', 'NR-X200', 'Hardware', 2490, 120, true],
	['Fjordtech Switch 24p', 'FT-SW24', 'Hardware', 3890, 45, true],
	['Office Suite License (1 year)', 'OSL-1Y', 'Software', 1290, 999, true],
	['CRM Starter Pack', 'CRM-START', 'CRM Applications', 4990, 999, true],
	['Headset Pro', 'HS-PRO', 'Hardware', 899, 310, true],
	['Docking Station USB-C', 'DS-USBC', 'Hardware', 1490, 0, false],
];
const SERVICES: Array<[string, string, string, number]> = [
	['Onboarding Workshop', 'Training', 'Days', 7500],
	['Premium Support (month)', 'Support', 'Incidents', 2200],
	['Data Migration', 'Migration', 'Hours', 1100],
	['Custom Report', 'Customization', 'Hours', 950],
];
const SALES_STAGES = [
	'Prospecting',
	'Qualification',
	'Needs Analysis',
	'Proposal or Price Quote',
	'Negotiation or Review',
	'Closed Won',
	'Closed Lost',
	'Value Proposition',
];
const TICKETS = [
	'Router drops the connection every night',
	'Cannot log in to the customer portal',
	'Invoice shows the wrong VAT number',
	'Request: export of all contacts',
	'Headset microphone is too quiet',
	'Licence key not accepted',
	'Switch port 12 is dead',
	'Training material in Danish?',
];

/** Bytes of the seeded files: text and binary, so a download must be byte-exact. */
export const SEED_FILES = {
	priceList: Buffer.from(
		['product;price_dkk', ...PRODUCTS.map(([name, , , price]) => `${name};${price}`)].join('\r\n'),
		'utf8',
	),
	agreement: Buffer.concat([
		Buffer.from('%PDF-1.4\n% Master service agreement (emulator fixture)\n', 'latin1'),
		Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
		Buffer.from('\n%%EOF\n', 'latin1'),
	]),
};

function line(item: StoredRecord, quantity: number, extra: Partial<LineItem> = {}): LineItem {
	return {
		productid: item.values.id,
		quantity: quantity.toFixed(3),
		listprice: Number(item.values.unit_price).toFixed(8),
		discount_percent: '',
		discount_amount: '',
		comment: '',
		description: '',
		...extra,
	};
}

function addInventory(
	ctx: SeedContext,
	moduleName: string,
	fill: Record<string, string>,
	lineItems: LineItem[],
): StoredRecord {
	const record = addEntity(ctx, moduleName, { currency_id: '21x1', hdnTaxType: 'group', ...fill });
	record.lineItems = lineItems;
	Object.assign(record.values, inventoryTotals(lineItems, record.values));
	return record;
}

function seedSales(ctx: SeedContext, accounts: StoredRecord[], contacts: StoredRecord[]) {
	const contact = (i: number) => (contacts.length > 0 ? contacts[(i * 13) % contacts.length].values.id : '');
	const account = (i: number) => accounts[(i * 7) % accounts.length];
	const address = (i: number) => {
		const a = account(i).values;
		return {
			bill_street: a.bill_street,
			ship_street: a.bill_street,
			bill_city: a.bill_city,
			ship_city: a.bill_city,
			bill_code: a.bill_code,
			ship_code: a.bill_code,
			bill_country: a.bill_country,
			ship_country: a.bill_country,
		};
	};

	const vendors = [
		['Nordic Hardware Supply A/S', 'Hardware', 'Odense'],
		['Scandi Software ApS', 'Software', 'Aarhus'],
		['Baltic Logistics', 'Freight', 'Kolding'],
	].map(([vendorname, category, city], i) =>
		addEntity(ctx, 'Vendors', {
			vendorname,
			category,
			city,
			country: 'Denmark',
			phone: `+45 70 20 30 ${String(40 + i)}`,
			email: `orders@${ascii(vendorname)}.dk`,
			website: `https://www.${ascii(vendorname)}.dk`,
			assigned_user_id: '19x1',
		}),
	);

	const products = PRODUCTS.map(([productname, productcode, productcategory, price, stock, active], i) =>
		addEntity(ctx, 'Products', {
			productname,
			productcode,
			productcategory,
			discontinued: active ? '1' : '0',
			manufacturer: pick(['AltvetPet Inc.', 'LexPon Inc.', 'MetBeat Corp'], i),
			vendor_id: vendors[i % 2].values.id,
			sales_start_date: '2023-01-01',
			unit_price: price.toFixed(8),
			usageunit: productcategory === 'CRM Applications' ? 'Pack' : 'Each',
			qty_per_unit: '1.00',
			qtyinstock: stock.toFixed(3),
			assigned_user_id: '19x1',
		}),
	);

	const services = SERVICES.map(([servicename, servicecategory, unit, price]) =>
		addEntity(ctx, 'Services', {
			servicename,
			servicecategory,
			service_usageunit: unit,
			qty_per_unit: '1.00',
			discontinued: '1',
			sales_start_date: '2023-01-01',
			unit_price: price.toFixed(8),
			assigned_user_id: '19x1',
		}),
	);

	const campaigns = [
		['Spring Webinar 2024', 'Webinar', 'Completed', '2024-04-30'],
		['Copenhagen Trade Fair', 'Trade Show', 'Active', '2024-09-15'],
		['Newsletter Q3', 'Email', 'Planning', '2024-09-30'],
	].map(([campaignname, campaigntype, campaignstatus, closingdate], i) =>
		addEntity(ctx, 'Campaigns', {
			campaignname,
			campaigntype,
			campaignstatus,
			closingdate,
			expectedresponse: pick(['Good', 'Average', 'Excellent'], i),
			budgetcost: (15_000 + i * 10_000).toFixed(8),
			expectedrevenue: (120_000 + i * 60_000).toFixed(8),
			product_id: products[i].values.id,
			targetaudience: 'SMB IT managers',
			assigned_user_id: ownerFor(i),
		}),
	);

	const potentials = Array.from({ length: 8 }, (_, i) =>
		addEntity(ctx, 'Potentials', {
			potentialname: `${account(i).values.accountname} – ${pick(['network upgrade', 'CRM rollout', 'support renewal', 'headsets'], i)}`,
			amount: (25_000 + i * 17_500).toFixed(8),
			related_to: account(i).values.id,
			contact_id: contact(i),
			closingdate: `2024-${String(3 + (i % 9)).padStart(2, '0')}-${String(5 + i).padStart(2, '0')}`,
			opportunity_type: pick(['New Business', 'Existing Business'], i),
			leadsource: pick(LEAD_SOURCES.slice(1), i, 3),
			sales_stage: SALES_STAGES[i],
			probability: String([10, 20, 25, 65, 80, 100, 0, 30][i]),
			campaignid: i % 3 === 0 ? campaigns[i % campaigns.length].values.id : '',
			nextstep: i % 2 === 0 ? 'Send proposal' : '',
			cf_901: pick(['Hardware', 'Software |##| Support', 'Training', ''], i),
			assigned_user_id: ownerFor(i),
		}),
	);

	TICKETS.forEach((ticket_title, i) =>
		addEntity(ctx, 'HelpDesk', {
			ticket_title,
			parent_id: account(i + 1).values.id,
			contact_id: contact(i + 1),
			product_id: i % 2 === 0 ? products[i % products.length].values.id : '',
			ticketpriorities: pick(['Normal', 'High', 'Low', 'Urgent'], i),
			ticketstatus: pick(['Open', 'In Progress', 'Wait For Response', 'Closed'], i),
			ticketseverities: pick(['Minor', 'Major', 'Feature', 'Critical'], i),
			ticketcategories: pick(['Small Problem', 'Big Problem', 'Other Problem'], i),
			hours: i % 3 === 0 ? '1.5' : '',
			description: `Reported by phone. ${ticket_title}.`,
			solution: i % 4 === 3 ? 'Resolved remotely.' : '',
			assigned_user_id: ownerFor(i + 2),
		}),
	);

	// [title, folder, file name or external URL, mime type, bytes of an internal file]
	const files: Array<[string, string, string, string, Buffer | undefined]> = [
		['Price list 2024', DEFAULT_FOLDER_ID, 'price-list-2024.csv', 'text/csv', SEED_FILES.priceList],
		['Master service agreement', '22x2', 'master-service-agreement.pdf', 'application/pdf', SEED_FILES.agreement],
		['Company website', '22x3', 'https://www.nordlys-demo.dk', '', undefined],
	];
	for (const [notes_title, folderid, name, type, content] of files) {
		const internal = content !== undefined;
		const document = addEntity(ctx, 'Documents', {
			notes_title,
			folderid,
			notecontent: internal ? '' : 'Link to the public website.',
			filelocationtype: internal ? 'I' : 'E',
			filestatus: '1',
			filename: name,
			filesize: internal ? String(content.length) : '',
			filetype: type,
			fileversion: internal ? '1' : '',
			assigned_user_id: '19x1',
		});
		if (content) {
			const id = ctx.state.nextCrmId++;
			ctx.state.attachments.set(id, { id, documentId: document.crmid, name, type, data: content });
		}
	}

	const quotes = [0, 1, 2].map((i) =>
		addInventory(
			ctx,
			'Quotes',
			{
				subject: `Quote: ${potentials[i].values.potentialname}`,
				quotestage: pick(['Created', 'Delivered', 'Accepted'], i),
				potential_id: potentials[i].values.id,
				account_id: potentials[i].values.related_to,
				contact_id: potentials[i].values.contact_id,
				validtill: '2024-06-30',
				carrier: 'DHL',
				assigned_user_id: ownerFor(i),
				...address(i),
			},
			[line(products[i], 2 + i), line(services[i % services.length], 1, { comment: 'On site' })],
		),
	);

	const orders = [0, 1].map((i) =>
		addInventory(
			ctx,
			'SalesOrder',
			{
				subject: `Order: ${potentials[i].values.potentialname}`,
				sostatus: pick(['Approved', 'Created'], i),
				quote_id: quotes[i].values.id,
				potential_id: potentials[i].values.id,
				account_id: quotes[i].values.account_id,
				contact_id: quotes[i].values.contact_id,
				duedate: '2024-07-15',
				assigned_user_id: ownerFor(i),
				...address(i),
			},
			[line(products[i], 2 + i), line(services[i], 1)],
		),
	);

	[0, 1].forEach((i) =>
		addInventory(
			ctx,
			'PurchaseOrder',
			{
				subject: `Restock ${products[i].values.productname}`,
				postatus: pick(['Approved', 'Received Shipment'], i),
				vendor_id: vendors[i].values.id,
				requisition_no: `REQ-${2024_100 + i}`,
				duedate: '2024-05-20',
				assigned_user_id: '19x1',
				...address(i),
			},
			[line(products[i], 20, { listprice: (Number(products[i].values.unit_price) * 0.6).toFixed(8) })],
		),
	);

	[0, 1, 2].forEach((i) =>
		addInventory(
			ctx,
			'Invoice',
			{
				subject: `Invoice ${i + 1} for ${account(i).values.accountname}`,
				invoicestatus: pick(['Paid', 'Sent', 'Created'], i),
				salesorder_id: i < orders.length ? orders[i].values.id : '',
				account_id: account(i).values.id,
				contact_id: contact(i),
				invoicedate: `2024-0${4 + i}-01`,
				duedate: `2024-0${4 + i}-15`,
				assigned_user_id: ownerFor(i),
				...address(i),
			},
			[line(services[(i + 1) % services.length], 3), line(products[4], 5, { discount_percent: '10.000' })],
		),
	);
}

/** Webhooks set up on the instance: one live lead form and one switched off. */
const SEED_WEBHOOKS: IncomingWebhook[] = [
	{
		token: 'leadform',
		name: 'Website contact form',
		module: 'Leads',
		active: true,
		mandatory: ['lastname', 'company'],
		fields: {
			firstname: { param: 'firstname' },
			lastname: { param: 'lastname' },
			company: { param: 'company' },
			email: { param: 'email' },
			phone: { param: 'phone' },
			designation: { param: 'designation' },
			city: { param: 'city' },
			country: { param: 'country' },
			description: { param: 'description' },
			leadsource: { value: 'Web Site' },
			leadstatus: { value: 'Not Contacted' },
			assigned_user_id: { value: '19x1' },
		},
		ownerId: 1,
	},
	{
		token: 'paused',
		name: 'Old newsletter signup',
		module: 'Contacts',
		active: false,
		mandatory: ['lastname', 'email'],
		fields: {
			lastname: { param: 'lastname' },
			email: { param: 'email' },
			assigned_user_id: { value: '19x5' },
		},
		ownerId: 5,
	},
];

export function emptyState(): SimplyCrmState {
	return {
		records: {},
		users: [],
		sessions: new Map(),
		mobileSessions: new Map(),
		challenges: new Map(),
		nextCrmId: 101,
		autoNumbers: {},
		attachments: new Map(),
		webhooks: new Map(),
	};
}
