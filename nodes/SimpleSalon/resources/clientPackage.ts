import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { Resource } from '../../shared/execute';
import { salonOperation, type SalonEndpoint, type SalonParam } from '../endpoint';
import { checkAmounts, doneOperation, expandableOperation, soldBy, soldFilters, soldListOperation, updateEndpoint } from './soldItems';

/* Packages sold to clients (e.g. "5 x Blow Dry" bought by a client): list, get, change the price or expiry, delete. */

const clientPackageId: SalonParam = { path: 'client_package_id', displayName: 'Client Package ID', description: "The number of the client's package, e.g. 2669", type: 'id', placeholder: '2669' };

const getAll: SalonEndpoint & { list: { key: string } } = {
	method: 'client_package/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many client packages',
	description: 'List the packages sold to clients',
	idempotent: true,
	list: { key: 'client_packages' },
	filters: [
		...soldFilters(),
		{ path: 'filters.package_id', displayName: 'Package', type: 'id', loadOptionsMethod: 'getPackages', description: 'The package type' },
		{ path: 'filters.expired', displayName: 'Expired', type: 'boolean', description: 'Whether to return only expired packages (off: only those not expired)' },
	],
};

const get: SalonEndpoint = {
	method: 'client_package/get',
	value: 'get',
	name: 'Get',
	action: 'Get a client package',
	description: 'Get a package sold to a client',
	idempotent: true,
	required: [clientPackageId],
	expandable: ['discounts', 'package'],
	result: 'client_package',
};

const REMOVE_EXPIRY = 'removeExpiry';

const update = updateEndpoint(
	{
		method: 'client_package/update',
		value: 'update',
		name: 'Update',
		action: 'Update a client package',
		description: 'Change the price, expiry or seller of a client package; other fields keep their values',
		idempotent: true,
		required: [{ ...clientPackageId, path: 'client_package.client_package_id' }],
		additional: [
			{ path: 'client_package.price', displayName: 'Price', description: 'The price the client pays for the package', type: 'number' },
			{
				path: 'client_package.expiry_date',
				displayName: 'Expiry Date',
				type: 'date',
				description: 'The new expiry date (only the date is used)',
			},
			{
				path: REMOVE_EXPIRY,
				displayName: 'Never Expires',
				type: 'boolean',
				description: 'Whether to remove the expiry date so the package never expires (Simple Salon\'s empty expiry date)',
			},
			soldBy('client_package.operator_id'),
		],
		build: (ctx, itemIndex, body: IDataObject) => {
			checkAmounts(ctx, itemIndex, body.client_package as IDataObject, { price: { label: 'Price' } });
			const removeExpiry = body[REMOVE_EXPIRY] === true;
			delete body[REMOVE_EXPIRY];
			if (!removeExpiry) return body;
			const record = body.client_package as IDataObject;
			if (record.expiry_date !== undefined) {
				throw new NodeOperationError(ctx.getNode(), `The fields "Expiry Date" and "Never Expires" cannot be used together in item ${itemIndex}`, {
					itemIndex,
				});
			}
			// "expiry_date: Set to the new date, or an empty string for no expiry."
			record.expiry_date = '';
			return body;
		},
	},
	'client_package',
	'client_package_id',
);

const remove: SalonEndpoint = {
	method: 'client_package/delete',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a client package',
	description: 'Delete a package sold to a client',
	idempotent: true,
	required: [clientPackageId],
};

export const clientPackage: Resource = {
	value: 'clientPackage',
	name: 'Client Package',
	description: 'Packages sold to clients',
	operations: [
		soldListOperation({ endpoint: getAll, related: ['clients', 'operators', 'packages'] }),
		expandableOperation(get),
		salonOperation(update),
		doneOperation(remove, { deleted: true }),
	],
	defaultOperation: getAll.value,
};
