import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { wantedCount } from '../../shared/paging';
import { salonBody, salonOperation, type SalonEndpoint, type SalonParam } from '../endpoint';
import { salonList, salonRequest } from '../transport';
import { idOf, withoutFilters } from './staffParts';

/*
 * The retail shelf: products with their stock levels and prices, and the brands and suppliers they come from.
 */

const productId = (path = 'product_id'): SalonParam => ({
	displayName: 'Product ID',
	path,
	name: 'product_id',
	type: 'id',
	default: '',
	loadOptionsMethod: 'getProducts',
});

const brandId = (path: string, description?: string): SalonParam => ({ path, displayName: 'Brand ID', type: 'id', loadOptionsMethod: 'getBrands', description });

const whole = (field: string, displayName: string, description?: string): SalonParam => ({ path: `product.${field}`, displayName, type: 'number', description });

/** The writable fields of the Product model (expanded brand/supplier and the computed tax are left out). */
const productFields: SalonParam[] = [
	{ path: 'product.barcode', displayName: 'Barcode', description: 'The barcode of the product, for scanning at the till', type: 'string' },
	brandId('product.brand_id'),
	{
		path: 'product.company_use_only',
		displayName: 'Company Use Only',
		type: 'boolean',
		description: 'Whether the product is only used in the salon (e.g. a backbar bottle) and not sold to clients',
	},
	whole('loyalty_points_earned', 'Loyalty Points Earned', 'Points a client earns by buying the product'),
	whole('min_quantity', 'Minimum Quantity', 'The stock level you aim to keep'),
	{ path: 'product.name', displayName: 'Name', description: 'The name of the product, e.g. Shampoo 300ml', type: 'string' },
	{ path: 'product.price', displayName: 'Price', type: 'number', description: 'Including tax or not, as the salon\'s "prices include tax" setting says' },
	whole('quantity', 'Quantity in Stock', 'How many units the salon has in stock'),
	whole('reorder_quantity', 'Reorder Quantity', 'How many to order when restocking'),
	{ path: 'product.supplier_code', displayName: 'Supplier Code', type: 'string', description: 'The supplier\'s code for the product' },
	{ path: 'product.supplier_id', displayName: 'Supplier ID', type: 'id', loadOptionsMethod: 'getSuppliers' },
	{
		path: 'product.tax_id_override',
		displayName: 'Tax Rate ID',
		type: 'id',
		special: true,
		description: 'A specific tax rate for the product; 0 uses the salon\'s default tax rate for products',
	},
	{ path: 'product.tax_free', displayName: 'Tax Free', type: 'boolean', description: 'Whether the product has no tax' },
	{ path: 'product.wholesale_price', displayName: 'Wholesale Price', type: 'number', description: 'What the product costs from the supplier' },
];

/** ProductChildField: which Dome product fields are also written to the child location products. */
const copyToChildren: SalonParam[] = [
	['quantity', 'Quantity in Stock'],
	['min_quantity', 'Minimum Quantity'],
	['reorder_quantity', 'Reorder Quantity'],
	['price', 'Price'],
	['wholesale_price', 'Wholesale Price'],
	['supplier_id', 'Supplier'],
	['loyalty_points_earned', 'Loyalty Points Earned'],
].map(([field, label]) => ({
	path: `update_in_child_locations.${field}`,
	name: `copy_${field}`,
	displayName: `Copy ${label} to Child Locations`,
	type: 'boolean' as const,
	description: `Whether a Dome product's ${label.toLowerCase()} is also written to its child location products`,
}));

function tidyTaxRate(ctx: IExecuteFunctions, itemIndex: number, product: IDataObject) {
	const tax = product.tax_id_override;
	if (typeof tax === 'number' && tax < 0) {
		throw new NodeOperationError(ctx.getNode(), `The field "Tax Rate ID" has an invalid value "${tax}" in item ${itemIndex}`, {
			itemIndex,
			description: 'Use a tax rate ID, or 0 for the salon\'s default tax rate for products.',
		});
	}
}

const listEndpoint: SalonEndpoint = {
	method: 'product/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many products',
	description: 'List the products on the shelf, optionally of one brand or by barcode',
	idempotent: true,
	list: { key: 'products' },
	filters: [
		{ path: 'filters.barcode', displayName: 'Barcode', type: 'string', description: 'Only the product with exactly this barcode' },
		brandId('filters.brand_id', 'Only the products of this brand'),
		{ path: 'filters.company_id', displayName: 'Company ID', type: 'id', description: 'Defaults to your company' },
		{ path: 'filters.dome_product_id', displayName: 'Dome Product ID', type: 'id', description: 'The location\'s copy of this Dome product' },
	],
	expandable: ['brand', 'supplier'],
};

/** Get Many: "all rows" (`rows_per_page: -1`) is allowed only for the products of one brand, otherwise it pages. */
const list: Operation = {
	...salonOperation(listEndpoint),
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const body = await salonBody(this, listEndpoint, itemIndex);
		const wanted = wantedCount(this, itemIndex);
		const brand = (body.filters as IDataObject).brand_id;
		if (wanted === Infinity && typeof brand === 'number' && brand > 0) {
			const reply = await salonRequest(this, {
				method: listEndpoint.method,
				body: { ...body, options: { ...(body.options as IDataObject | undefined), rows_per_page: -1 } },
				idempotent: true,
				itemIndex,
			});
			return (reply.products as IDataObject[]) ?? [];
		}
		return await salonList(this, { method: listEndpoint.method, listKey: 'products', body, wanted, idempotent: true, itemIndex });
	},
};

const get: SalonEndpoint = {
	method: 'product/get',
	value: 'get',
	name: 'Get',
	action: 'Get a product',
	description: 'Get a product by ID',
	idempotent: true,
	required: [productId()],
	result: 'product',
};

const add: SalonEndpoint = {
	method: 'product/add',
	value: 'add',
	name: 'Add',
	action: 'Add a product',
	description: 'Add a product to the shelf',
	// adding twice would make two products
	idempotent: false,
	required: [{ path: 'product.name', displayName: 'Name', description: 'The name of the product, e.g. Shampoo 300ml', type: 'string', placeholder: 'Shampoo 300ml' }],
	additional: productFields.filter((f) => f.path !== 'product.name'),
	result: 'product',
	build(ctx, itemIndex, body) {
		tidyTaxRate(ctx, itemIndex, body.product as IDataObject);
		return body;
	},
};

const update: SalonEndpoint = {
	method: 'product/update',
	value: 'update',
	name: 'Update',
	action: 'Update a product',
	description: 'Change some fields of a product (e.g. its price or stock); the fields you do not set keep their values',
	idempotent: true,
	required: [productId('product.product_id')],
	additional: [...productFields, ...copyToChildren],
	additionalLabel: 'Update Fields',
	result: 'product',
	build(ctx, itemIndex, body) {
		const product = body.product as IDataObject;
		if (Object.keys(product).length < 2 && body.update_in_child_locations === undefined) {
			throw new NodeOperationError(ctx.getNode(), `The field "Update Fields" is empty in item ${itemIndex}`, {
				itemIndex,
				description: 'Add at least one product field to change.',
			});
		}
		tidyTaxRate(ctx, itemIndex, product);
		return body;
	},
};

const remove: SalonEndpoint = {
	method: 'product/delete',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a product',
	description: 'Delete a product',
	idempotent: true,
	required: [productId()],
	output: (_reply, ctx, itemIndex) => ({ product_id: idOf(ctx, 'product_id', itemIndex), deleted: true }),
};

const sharing: SalonEndpoint = {
	method: 'product/sharing/update',
	value: 'updateSharing',
	name: 'Update Sharing',
	action: 'Update the sharing of a product',
	description: 'Share a Dome product with child locations, or stop sharing',
	idempotent: true,
	required: [
		productId(),
		{ path: 'company_ids', displayName: 'Company IDs', type: 'idList', description: 'The child locations, comma-separated' },
		{ path: 'share', displayName: 'Share', type: 'boolean', default: true, description: 'Whether to share the product with these locations (off stops sharing)' },
	],
	additional: [
		{
			path: 'replace',
			displayName: 'Replace',
			type: 'boolean',
			description: 'Whether every other child location gets the opposite sharing (otherwise they keep theirs)',
		},
	],
	output: (_reply, ctx, itemIndex) => ({ product_id: idOf(ctx, 'product_id', itemIndex), shared: ctx.getNodeParameter('share', itemIndex) as boolean }),
};

export const product: Resource = {
	value: 'product',
	name: 'Product',
	description: 'Retail products: prices, stock levels, brands and suppliers',
	operations: [salonOperation(add), salonOperation(remove), salonOperation(get), list, salonOperation(update), salonOperation(sharing)],
	defaultOperation: listEndpoint.value,
};

export const brand: Resource = {
	value: 'brand',
	name: 'Brand',
	description: 'The brands of the retail products',
	operations: [
		salonOperation({
			method: 'brand/list',
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many brands',
			description: 'List the product brands',
			idempotent: true,
			list: { key: 'brands', allowAll: true },
			// the method takes only `options`
			build: withoutFilters,
		}),
	],
};

export const supplier: Resource = {
	value: 'supplier',
	name: 'Supplier',
	description: 'Where the retail products are bought from',
	operations: [
		salonOperation({
			method: 'supplier/list',
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many suppliers',
			description: 'List the product suppliers with their contact details',
			idempotent: true,
			list: { key: 'suppliers', allowAll: true },
			// the method takes only `options`
			build: withoutFilters,
		}),
	],
};
