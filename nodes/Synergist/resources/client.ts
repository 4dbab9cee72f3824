import type { Resource } from '../../shared/execute';
import { synergistOperation, type SynergistEndpoint, type SynergistParam } from '../endpoint';
import { fieldOf } from '../transport';

/** Clients (organizations): clients.json models, and the deprecated organizations.json list. */

const CLIENT_CODE: SynergistParam = {
	key: 'client',
	parameter: 'clientCode',
	displayName: 'Client Code',
	type: 'code',
	placeholder: '1/F667',
	description: "The client code with its company prefix; without a prefix the credential's company is used",
};

// The reference names the clientdetails model but shows no call: `client=<code>` as the list's key field filter.
const get: SynergistEndpoint = {
	area: 'clients',
	value: 'get',
	name: 'Get',
	sentence: 'Get a client',
	description: 'Get one client (organization) with its details',
	idempotent: true,
	modelstructure: 'clientdetails',
	noun: 'client',
	companyFrom: 'clientCode',
	required: [CLIENT_CODE],
	single: ({ params, company }) => ({
		message: `Client ${String(params.client)} was not found in company ${company}`,
		description: 'Synergist returned no client for this code. Check the code and its company prefix.',
	}),
};

const SEARCH: SynergistParam = { key: 'search', displayName: 'Search', type: 'string', description: 'Only clients whose code or name contains this text' };

const getAll: SynergistEndpoint = {
	area: 'clients',
	value: 'getAll',
	name: 'Get Many',
	sentence: 'Get many clients',
	description: 'List the clients of a saved view, or all clients of the company',
	idempotent: true,
	modelstructure: 'clientslist',
	noun: 'client',
	view: { type: 'Organizations', noun: 'clients' },
	list: { pageSize: 50, key: (row) => fieldOf(row, 'clientUuid') ?? fieldOf(row, 'clientCode') },
	filters: [SEARCH],
};

const getAllLegacy: SynergistEndpoint = {
	area: 'organizations',
	value: 'getAllOrganizations',
	name: 'Get Many (Organizations API)',
	sentence: 'Get many organizations',
	description: 'List clients through the Organizations API, deprecated since API 2.2 (for older servers)',
	idempotent: true,
	noun: 'client',
	list: { pageSize: 50, key: (row) => fieldOf(row, 'clientUuid') ?? fieldOf(row, 'clientCode') },
	filters: [{ ...CLIENT_CODE, key: 'clientcode', description: 'Only this client' }, SEARCH],
};

const getFields: SynergistEndpoint = {
	area: 'clients',
	value: 'getFields',
	name: 'Get Fields',
	sentence: 'Get the fields of a client model',
	description: 'List the fields of the clients list or client details model (style=modelstructure), custom fields included',
	idempotent: true,
	style: 'modelstructure',
	required: [
		{
			key: 'modelstructure',
			parameter: 'model',
			displayName: 'Model',
			description: 'Which kind of client fields to list',
			type: 'options',
			target: 'query',
			default: 'clientdetails',
			options: [
				{ name: 'Client Details', value: 'clientdetails' },
				{ name: 'Clients List', value: 'clientslist' },
			],
		},
	],
	list: { pageable: false },
};

export const client: Resource = {
	value: 'client',
	name: 'Client',
	description: 'Clients (organizations) of a Synergist company',
	operations: [get, getAll, getAllLegacy, getFields].map(synergistOperation),
	defaultOperation: 'get',
};
