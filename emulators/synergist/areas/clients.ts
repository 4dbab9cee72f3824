import { uuidOf, type SynergistClient, type SynergistView } from '../seed';
import { XmlFault, badParameter, companyOf, modelStructure, paged, simple, styleOf, type Area, type Call, type SynergistState } from './types';

/**
 * clients.json (clientslist / clientdetails), plus the client rows the other areas show: organizations.json (the
 * deprecated list), jobs.json?action=clients and the client contacts of clientcontacts.json / jobs.json?action=contacts.
 */

const TYPES = ['B2B2', '', 'Food 1', 'B2B2', 'Retail'];
const SECTORS = ['Media', 'B2B', 'Food and drink', 'Retail', 'Travel'];
const STATUSES = ['Gold', 'Silver', '', 'Bronze'];
const HANDLERS: Array<[number, string]> = [
	[54, 'SYN_Jon'],
	[256, 'SYN_Jimish'],
];

/** The clientslist model, field for field as the reference's list example (custom fields as in the organizations one). */
export function clientListRow(client: SynergistClient, index: number) {
	const [handlerId, handlerName] = HANDLERS[index % HANDLERS.length];
	return {
		clientUuid: uuidOf(`client:${client.code}`),
		clientTimeStampModified: 1518195468 + index * 3600,
		clientRecordVersionNumber: 100 + index,
		clientCustomField323: index % 3 === 0 ? 'Crunchy grass' : '',
		clientCode: client.code,
		clientName: client.name,
		clientCategoryName: 'Client',
		clientPhone: index % 2 === 0 ? `0161 496 0${String(100 + index)}` : '',
		clientCategory: 3,
		clientHandlerUserID: handlerId,
		clientWebURL: '',
		clientEmail: '',
		// Pine Street Dental is the inactive one: the "Active clients" view leaves it out
		clientInactive: simple(client.code) === 'PINE',
		clientType: TYPES[index % TYPES.length],
		clientOpStatus: STATUSES[index % STATUSES.length],
		clientMarketSector: SECTORS[index % SECTORS.length],
		clientOnHold: false,
		clientHandlerFullName: handlerName,
	};
}

/** The clientdetails model: no example in the reference, so the list fields plus the address block. */
function clientDetailsRow(client: SynergistClient, index: number) {
	return {
		...clientListRow(client, index),
		clientAdd1: `${10 + index} High Street`,
		clientAdd2: '',
		clientTown: index % 2 === 0 ? 'Manchester' : 'Leeds',
		clientPostcode: `M${index + 1} 2AB`,
		clientCountry: client.code.startsWith('8/') ? 'NL' : 'UK',
		clientCurrencyCode: client.code.startsWith('8/') ? '8/EUR' : '1/GBP',
		clientNotes: '',
	};
}

/** The clients of a company, in seed order, with their index (which makes their fields). */
export function companyClients(state: SynergistState, company: number): Array<{ client: SynergistClient; index: number }> {
	return [...state.clients.values()].map((client, index) => ({ client, index })).filter(({ client }) => client.code.startsWith(`${company}/`));
}

/** An Organizations view of the call (404502 when it is none of the user's), or undefined without `view=`. */
export function organizationsView(call: Call, company: number): SynergistView | undefined {
	const id = call.params.view;
	if (id === undefined || id === '') return undefined;
	const view = call.state.views.find(
		(v) =>
			v.type === 'Organizations' &&
			String(v.SettingsSettingsID).toLowerCase() === id.toLowerCase() &&
			(v.SettingsCompany === 0 || v.SettingsCompany === company) &&
			(v.SettingsUserID === 0 || v.SettingsUserID === call.user.userUserId),
	);
	if (!view) throw new XmlFault(404502, `invalid view ${id}`);
	return view;
}

/** The client rows a list read returns: view (-1001 "Active clients" drops inactive ones), client code and search. */
export function clientRows(call: Call, company: number, clientParam: string | undefined, details = false) {
	const view = organizationsView(call, company);
	const search = (call.params.search ?? '').toLowerCase();
	return companyClients(call.state, company)
		.map(({ client, index }) => (details ? clientDetailsRow(client, index) : clientListRow(client, index)))
		.filter((row) => !view || !row.clientInactive)
		.filter((row) => clientParam === undefined || row.clientCode.toLowerCase() === clientParam.toLowerCase())
		.filter((row) => search === '' || `${row.clientCode} ${row.clientName}`.toLowerCase().includes(search))
		.sort((a, b) => a.clientName.localeCompare(b.clientName));
}

const MODELS = new Set(['clientslist', 'clientdetails']);

export const clientsArea: Area = {
	read: (call) => {
		const company = companyOf(call, true)!;
		const model = (call.params.modelstructure ?? '').toLowerCase();
		if (!MODELS.has(model)) throw badParameter('modelstructure', call.params.modelstructure);
		const details = model === 'clientdetails';
		if (styleOf(call) === 'modelstructure') {
			const sample = companyClients(call.state, company.number)[0];
			return modelStructure(details ? clientDetailsRow(sample.client, 0) : clientListRow(sample.client, 0), 'client', new Set(['clientName']));
		}
		return paged(call, clientRows(call, company.number, call.params.client, details));
	},
};

/** organizations.json: deprecated since API 2.2 ("see Client list"); `clientcode=` instead of `client=`. */
export const organizationsArea: Area = {
	read: (call) => {
		const company = companyOf(call, true)!;
		return paged(call, clientRows(call, company.number, call.params.clientcode));
	},
};

/** One contact as the clientcontactdetails model shows it. */
function contactRow(client: SynergistClient, contact: SynergistClient['contacts'][number]) {
	const [first, ...rest] = contact.fullName.split(' ');
	const last = rest.join(' ');
	return {
		clientcontactuuid: uuidOf(`contact:${contact.ref}`),
		clientcontactTimeStampModified: 1385819878 + contact.ref,
		clientcontactRecordVersionNumber: 7,
		clientcontactCustomField200: '',
		clientcontactCustomField210: '0000-00-00',
		clientcontactInternalRef: contact.ref,
		clientcontactClientCode: client.code,
		clientcontactTitle: '',
		clientcontactFirstName: first,
		clientcontactMiddleInitials: '',
		clientcontactName: last,
		clientcontactFullName: contact.fullName,
		clientcontactBackwardsFullName: `${last}, ${first}`,
		clientcontactJobTitle: '',
		clientcontactSalutation: '',
		clientcontactCellPhone: '',
		clientcontactDirectTelephone: '',
		clientcontactEMail: `contact${contact.ref}@example.com`,
		clientcontactAdd1: '',
		clientcontactInactive: false,
		clientcontactInterests: '',
	};
}

/** clientcontacts.json: style and modelstructure=clientcontactdetails are mandatory; `client=` narrows it down. */
export const clientContactsArea: Area = {
	read: (call) => {
		const company = companyOf(call, true)!;
		if (call.params.style === undefined) throw badParameter('style', '');
		const style = styleOf(call);
		if ((call.params.modelstructure ?? '').toLowerCase() !== 'clientcontactdetails') throw badParameter('modelstructure', call.params.modelstructure);
		const clients = companyClients(call.state, company.number).map(({ client }) => client);
		if (style === 'modelstructure') return modelStructure(contactRow(clients[0], clients[0].contacts[0]), 'clientcontact', new Set(['clientcontactName']));
		const wanted = call.params.client;
		const rows = clients
			.filter((client) => wanted === undefined || client.code.toLowerCase() === wanted.toLowerCase())
			.flatMap((client) => client.contacts.map((contact) => contactRow(client, contact)));
		return paged(call, rows);
	},
};
