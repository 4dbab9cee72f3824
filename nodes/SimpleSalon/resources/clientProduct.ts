import type { IDataObject } from 'n8n-workflow';

import type { Resource } from '../../shared/execute';
import { salonOperation, type SalonEndpoint, type SalonParam } from '../endpoint';
import { checkAmounts, doneOperation, expandableOperation, soldBy, soldFilters, soldListOperation, updateEndpoint } from './soldItems';

/*
 * Products sold to clients: retail sales, and the products a client is owed from a package (unclaimed until they
 * collect them). List, get, change, delete.
 */

const clientProductId: SalonParam = { path: 'client_product_id', displayName: 'Client Product ID', description: 'The number of the product sold to the client, e.g. 3737', type: 'id', placeholder: '3737' };

const getAll: SalonEndpoint & { list: { key: string } } = {
	method: 'client_product/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many client products',
	description: 'List the products sold to clients, e.g. those still owed from a package',
	idempotent: true,
	list: { key: 'client_products' },
	filters: [
		...soldFilters(),
		{ path: 'filters.product_id', displayName: 'Product ID', description: 'Only sales of this product', type: 'id' },
		{
			path: 'filters.claimed',
			displayName: 'Collected',
			type: 'boolean',
			description: 'Whether to return only products the client has (off: only package products not collected yet)',
		},
		{
			path: 'filters.client_package_id',
			displayName: 'Client Package ID',
			type: 'id',
			special: true,
			description: 'Only the products of this client package; 0 = only those not linked to one',
		},
		{
			path: 'filters.client_package_expired',
			displayName: 'Package Expired',
			type: 'boolean',
			description: 'Whether to return only products of expired client packages (off: all others)',
		},
		{
			path: 'filters.sold_in_client_package',
			displayName: 'Sold in a Package',
			type: 'boolean',
			description: 'Whether to return only products bought as part of a package (off: only those bought on their own)',
		},
	],
};

const get: SalonEndpoint = {
	method: 'client_product/get',
	value: 'get',
	name: 'Get',
	action: 'Get a client product',
	description: 'Get a product sold to a client',
	idempotent: true,
	required: [clientProductId],
	expandable: ['client_package', 'discounts', 'product'],
	result: 'client_product',
};

const update = updateEndpoint(
	{
		method: 'client_product/update',
		value: 'update',
		name: 'Update',
		action: 'Update a client product',
		description: 'Change the price, quantity or seller of a client product; other fields keep their values',
		idempotent: true,
		required: [{ ...clientProductId, path: 'client_product.client_product_id' }],
		additional: [
			{
				path: 'client_product.price',
				displayName: 'Line Total',
				type: 'number',
				description: 'The price of the whole line: unit price × quantity, after discounts (e.g. 2 × 10.00 with 25% off = 15.00)',
			},
			{ path: 'client_product.quantity', displayName: 'Quantity', description: 'How many units the client gets', type: 'number', default: 1 },
			soldBy('client_product.operator_id'),
		],
		build: (ctx, itemIndex, body) => {
			checkAmounts(ctx, itemIndex, body.client_product as IDataObject, {
				price: { label: 'Line Total' },
				quantity: { label: 'Quantity', whole: true, min: 1 },
			});
			return body;
		},
	},
	'client_product',
	'client_product_id',
);

const remove: SalonEndpoint = {
	method: 'client_product/delete',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a client product',
	description: 'Delete a product sold to a client',
	idempotent: true,
	required: [clientProductId],
};

export const clientProduct: Resource = {
	value: 'clientProduct',
	name: 'Client Product',
	description: 'Products sold to clients, including those owed from a package',
	operations: [
		// The API can side-load packages too, but a client product names only its client package, not the package.
		soldListOperation({ endpoint: getAll, related: ['clients', 'operators', 'products'] }),
		expandableOperation(get),
		salonOperation(update),
		doneOperation(remove, { deleted: true }),
	],
	defaultOperation: getAll.value,
};
