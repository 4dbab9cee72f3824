import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { salonOperation, type SalonEndpoint, type SalonParam } from '../endpoint';
import { checkAmounts, doneOperation, sharingEndpoint, updateEndpoint } from './soldItems';

/* The package types the salon sells (e.g. "10 x Haircut"): their services and products, prices, and Dome sharing. */

const packageId: SalonParam = { path: 'package_id', displayName: 'Package', type: 'id', loadOptionsMethod: 'getPackages' };

/** The writable fields of the Package model (Dome copies: see update). */
const packageFields: SalonParam[] = [
	{ path: 'package.price', displayName: 'Price', description: 'The price of the package', type: 'number' },
	{ path: 'package.barcode', displayName: 'Barcode', description: 'The barcode printed on the package, for scanning at the till', type: 'string' },
	{ path: 'package.loyalty_points_earned', displayName: 'Loyalty Points Earned', type: 'number', description: 'Loyalty points a client earns by buying the package' },
	{ path: 'package.tax_free', displayName: 'Tax Free', type: 'boolean', description: 'Whether the package has no tax applied' },
	{
		path: 'package.tax_id_override',
		displayName: 'Tax Rate ID',
		type: 'id',
		special: true,
		description: 'The tax rate to apply instead of the default one for packages; 0 = the default',
	},
];

const amounts = (ctx: IExecuteFunctions, itemIndex: number, body: IDataObject) => {
	checkAmounts(ctx, itemIndex, body.package as IDataObject, {
		price: { label: 'Price' },
		loyalty_points_earned: { label: 'Loyalty Points Earned', whole: true },
		tax_id_override: { label: 'Tax Rate ID', whole: true },
	});
	return body;
};

const getAll: SalonEndpoint = {
	method: 'package/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many packages',
	description: 'List the package types',
	idempotent: true,
	// "rows_per_page can be -1 to retrieve all packages"
	list: { key: 'packages', allowAll: true },
	filters: [
		{ path: 'filters.company_id', displayName: 'Company ID', type: 'id', description: 'The location; defaults to yours' },
		{ path: 'filters.dome_package_id', displayName: 'Dome Package ID', type: 'id', description: 'The Dome\'s package whose copy at the location to return' },
	],
};

const get: SalonEndpoint = {
	method: 'package/get',
	value: 'get',
	name: 'Get',
	action: 'Get a package',
	description: 'Get a package type',
	idempotent: true,
	required: [packageId],
	result: 'package',
};

const add: SalonEndpoint = {
	method: 'package/add',
	value: 'add',
	name: 'Add',
	action: 'Add a package',
	description: 'Create a package type (its included services and products are set up in Simple Salon)',
	// Adding twice would make two packages.
	idempotent: false,
	required: [{ path: 'package.name', displayName: 'Name', description: 'The name of the package, e.g. 5 x Blow Dry', type: 'string', placeholder: '5 x Blow Dry' }],
	additional: packageFields,
	build: amounts,
	result: 'package',
};

const COPY_DOWN = 'copyToChildLocations';

const updateEp = updateEndpoint(
	{
		method: 'package/update',
		value: 'update',
		name: 'Update',
		action: 'Update a package',
		description: 'Change a package type; other fields keep their values',
		idempotent: true,
		required: [{ ...packageId, path: 'package.package_id' }],
		additional: [{ path: 'package.name', displayName: 'Name', description: 'The name of the package, e.g. 5 x Blow Dry', type: 'string' }, ...packageFields],
		build: (ctx, itemIndex, body) => {
			const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const copy = Array.isArray(options[COPY_DOWN]) ? (options[COPY_DOWN] as string[]) : [];
			// PackageChildField: the Dome's price / loyalty points reach the child locations only when asked.
			if (copy.length) body.update_in_child_locations = Object.fromEntries(copy.map((field) => [field, true]));
			return amounts(ctx, itemIndex, body);
		},
	},
	'package',
	'package_id',
	(body) => body.update_in_child_locations !== undefined,
);

const copyDownOption: INodeProperties = {
	displayName: 'Options',
	description: 'Optional settings for the change',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Copy to Child Locations',
			name: COPY_DOWN,
			type: 'multiOptions',
			default: [],
			description: 'For a Dome package: the fields to overwrite on the child locations\' copies too (other fields always are)',
			options: [
				{ name: 'Loyalty Points Earned', value: 'loyalty_points_earned' },
				{ name: 'Price', value: 'price' },
			],
		},
	],
};

const updateOp = salonOperation(updateEp);
const update: Operation = { ...updateOp, properties: [...updateOp.properties, copyDownOption] };

const remove: SalonEndpoint = {
	method: 'package/delete',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a package',
	description: 'Delete a package type',
	idempotent: true,
	required: [packageId],
};

const items: SalonEndpoint = {
	method: 'package/item/list',
	value: 'getItems',
	name: 'Get Included Items',
	action: 'Get the included items of a package',
	description: 'List the services and products a package includes',
	idempotent: true,
	list: { key: 'package_items' },
	required: [{ ...packageId, path: 'filters.package_id' }],
};

export const salonPackage: Resource = {
	value: 'package',
	name: 'Package',
	description: 'The package types the salon sells',
	operations: [
		salonOperation(getAll),
		salonOperation(get),
		salonOperation(add),
		update,
		doneOperation(remove, { deleted: true }),
		salonOperation(items),
		doneOperation(sharingEndpoint('package', packageId), {}),
	],
	defaultOperation: getAll.value,
};
