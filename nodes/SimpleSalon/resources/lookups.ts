import type { IDataObject } from 'n8n-workflow';

import type { Resource } from '../../shared/execute';
import { salonOperation, type SalonEndpoint } from '../endpoint';

/*
 * The small lists other records point to: countries, states (address_state_id), referral types (referral_type_id)
 * and client categories (category_ids). The docs allow all rows at once (rows_per_page -1) for each of them.
 */

/** These methods take only `options`: the generic list body's empty `filters` is not theirs to send. */
const withoutFilters = (_ctx: unknown, _itemIndex: number, body: IDataObject) => {
	const rest = { ...body };
	delete rest.filters;
	return rest;
};

const countries: SalonEndpoint = {
	method: 'country/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many countries',
	description: 'List the countries with their codes and currencies',
	idempotent: true,
	list: { key: 'countries', allowAll: true },
	build: withoutFilters,
};

const states: SalonEndpoint = {
	method: 'state/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many states',
	description: "List the states of a country (by default your company's country), for addresses",
	idempotent: true,
	list: { key: 'states', allowAll: true },
	filters: [
		{
			displayName: 'Country ID',
			path: 'filters.country_id',
			type: 'id',
			description: "The country to list the states of; defaults to your company's country",
		},
		{
			displayName: 'Include Other',
			path: 'filters.include_other',
			name: 'include_other',
			type: 'boolean',
			default: false,
			description: 'Whether to include the "Other" state (left out unless asked for)',
		},
	],
};

const referralTypes: SalonEndpoint = {
	method: 'referral_type/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many referral types',
	description: 'List the ways clients can hear about the salon (Friend, Email, …)',
	idempotent: true,
	list: { key: 'referral_types', allowAll: true },
	build: withoutFilters,
};

const clientCategories: SalonEndpoint = {
	method: 'client_category/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many client categories',
	description: 'List the client categories (e.g. Loyalty Program, VIP)',
	idempotent: true,
	list: { key: 'categories', allowAll: true },
	filters: [
		{
			displayName: 'Added to New Clients',
			path: 'filters.add_to_new_clients',
			name: 'add_to_new_clients',
			type: 'boolean',
			default: false,
			description: 'Whether to list only the categories new clients get automatically (on) or only the others (off)',
		},
	],
};

export const country: Resource = {
	value: 'country',
	name: 'Country',
	description: 'Countries with their codes and currencies',
	operations: [salonOperation(countries)],
};

export const state: Resource = {
	value: 'state',
	name: 'State',
	description: 'Geographical states for addresses',
	operations: [salonOperation(states)],
};

export const referralType: Resource = {
	value: 'referralType',
	name: 'Referral Type',
	description: 'How clients heard about the salon',
	operations: [salonOperation(referralTypes)],
};

export const clientCategory: Resource = {
	value: 'clientCategory',
	name: 'Client Category',
	description: 'Groups of clients (e.g. VIP, Loyalty Program)',
	operations: [salonOperation(clientCategories)],
};
