import { z } from 'zod';

import type { SimpleSalonState } from '../index';
import { listOptions } from '../schemas';
import { COMPANY_ID } from '../seed';
import { fail, ok, page, parse, type AreaContext, type AreaFactory, type SalonArea } from './types';

/*
 * Retail stock: products, their brands and suppliers (docs "Products", "Brand List", "Supplier List"). The POS area
 * sells these products, so the store is reachable from there through `productStore(state)`.
 */

const int = z.number().int();
/** "Omitted or null fields are left unchanged" (update) / "left as default values" (add). */
const opt = <T extends z.ZodTypeAny>(schema: T) => schema.nullable().optional();

export interface SalonBrand {
	brand_id: number;
	name: string;
}

export interface SalonSupplier {
	supplier_id: number;
	name: string;
	contact_name: string;
	phone: string;
	email: string;
	mobile: string;
	fax: string;
	address_line1: string;
	address_suburb: string;
	address_postcode: string;
	address_state_id: number;
}

export interface SalonProduct {
	product_id: number;
	company_id: number;
	dome_product_id: number;
	name: string;
	barcode: string;
	brand_id: number;
	supplier_id: number;
	supplier_code: string;
	price: number;
	wholesale_price: number;
	quantity: number;
	min_quantity: number;
	reorder_quantity: number;
	loyalty_points_earned: number;
	company_use_only: boolean;
	tax_free: boolean;
	tax_id_override: number;
	/** Child locations of the Dome this product is shared with (product/sharing/update). */
	shared_company_ids: number[];
}

/** The tax rates a product can use; 8008 is the company's tax_for_products (docs' setting/pos/list example). */
export const TAX_RATES = [
	{ tax_id: 8008, company_id: COMPANY_ID, name: 'GST', rate: 10 },
	{ tax_id: 8011, company_id: COMPANY_ID, name: 'GST (Imported Goods)', rate: 10 },
];
export const DEFAULT_PRODUCT_TAX_ID = 8008;

/** Locations of the Dome the emulator's company belongs to (the docs' sharing example uses 12345 and 12346). */
export const DOME_LOCATIONS = [COMPANY_ID, 12346, 12347];

const BRANDS: SalonBrand[] = [
	{ brand_id: 4444, name: 'Hair Products' },
	{ brand_id: 4445, name: 'Kevin.Murphy' },
	{ brand_id: 4446, name: 'Davines' },
	{ brand_id: 4447, name: 'OPI' },
	{ brand_id: 4448, name: 'Moroccanoil' },
];

const blankSupplier = { contact_name: '', phone: '', email: '', mobile: '', fax: '', address_line1: '', address_suburb: '', address_postcode: '', address_state_id: 0 };
const SUPPLIERS: SalonSupplier[] = [
	{
		...blankSupplier,
		supplier_id: 6666,
		name: 'Excellent Hair Products',
		contact_name: 'Priya Patel',
		phone: '0396541200',
		email: 'orders@excellenthair.example.com',
		address_line1: '12 Industrial Dr',
		address_suburb: 'Braeside',
		address_postcode: '3195',
		address_state_id: 3,
	},
	{
		...blankSupplier,
		supplier_id: 6667,
		name: 'Salon Wholesale Co',
		contact_name: 'Tom Baker',
		phone: '0290017788',
		email: 'sales@salonwholesale.example.com',
		address_line1: '4/88 Parramatta Rd',
		address_suburb: 'Camperdown',
		address_postcode: '2050',
		address_state_id: 2,
	},
	{ ...blankSupplier, supplier_id: 6668, name: 'Nail Pro Distributors', contact_name: 'Mei Chen', mobile: '0412555019', email: 'mei@nailpro.example.com' },
];

/** [name, brand, supplier, price, wholesale, stock] — a small salon's retail shelf. */
const SHELF: Array<[string, number, number, number, number, number]> = [
	['Shampoo', 4444, 6666, 10, 4.5, 24],
	['Conditioner', 4444, 6666, 12.5, 5.2, 18],
	['Styling Gel', 4444, 6666, 14, 6, 9],
	['Heat Protect Spray', 4444, 6666, 22, 9.5, 11],
	['Angel.Wash', 4445, 6667, 38, 17, 12],
	['Angel.Rinse', 4445, 6667, 40, 18, 10],
	['Hydrate-Me.Wash', 4445, 6667, 38, 17, 14],
	['Hydrate-Me.Rinse', 4445, 6667, 40, 18, 13],
	['Session.Spray', 4445, 6667, 36, 16, 7],
	['Body.Builder', 4445, 6667, 39, 17.5, 6],
	['Doo.Over', 4445, 6667, 37, 16.5, 5],
	['Blow.Dry Wash', 4445, 6667, 38, 17, 8],
	['OI Shampoo', 4446, 6667, 42, 19, 15],
	['OI Conditioner', 4446, 6667, 46, 21, 15],
	['OI Oil', 4446, 6667, 52, 24, 9],
	['MOMO Shampoo', 4446, 6667, 40, 18, 6],
	['MOMO Conditioner', 4446, 6667, 44, 20, 6],
	['Love Curl Cream', 4446, 6667, 48, 22, 4],
	['This Is A Sea Salt Spray', 4446, 6667, 44, 20, 3],
	['Nail Lacquer - Big Apple Red', 4447, 6668, 24, 9, 20],
	['Nail Lacquer - Bubble Bath', 4447, 6668, 24, 9, 22],
	['Nail Envy Strengthener', 4447, 6668, 35, 14, 10],
	['ProSpa Cuticle Oil', 4447, 6668, 29, 11, 8],
	['Infinite Shine Top Coat', 4447, 6668, 27, 10, 12],
	['Moroccanoil Treatment', 4448, 6667, 59, 27, 16],
	['Moroccanoil Hydrating Mask', 4448, 6667, 62, 28, 7],
	['Moroccanoil Dry Texture Spray', 4448, 6667, 45, 20, 5],
	['Travel Comb', 0, 0, 6, 1.5, 40],
];

export const FIRST_PRODUCT_ID = 5555;

function seedProducts(): SalonProduct[] {
	const products: SalonProduct[] = SHELF.map(([name, brand, supplier, price, wholesale, stock], i) => ({
		product_id: FIRST_PRODUCT_ID + i,
		company_id: COMPANY_ID,
		dome_product_id: 0,
		name,
		barcode: `93000010${String(55550 + i * 7).padStart(5, '0')}`,
		brand_id: brand,
		supplier_id: supplier,
		supplier_code: supplier === 0 ? '' : `${supplier === 6666 ? 'EHP' : supplier === 6667 ? 'SWC' : 'NPD'}-${1000 + i}`,
		price,
		wholesale_price: wholesale,
		quantity: stock,
		min_quantity: 4,
		reorder_quantity: 12,
		loyalty_points_earned: Math.round(price),
		company_use_only: false,
		tax_free: false,
		tax_id_override: 0,
		shared_company_ids: [],
	}));
	// A backbar product: used on clients, never sold to them.
	products.push({
		...products[0],
		product_id: FIRST_PRODUCT_ID + SHELF.length,
		name: 'Shampoo 5L Backbar',
		barcode: '9300001099999',
		supplier_code: 'EHP-5000',
		price: 65,
		wholesale_price: 38,
		quantity: 3,
		min_quantity: 1,
		reorder_quantity: 2,
		loyalty_points_earned: 0,
		company_use_only: true,
	});
	return products;
}

export interface ProductStore {
	brands: SalonBrand[];
	suppliers: SalonSupplier[];
	products: Map<number, SalonProduct>;
	nextProductId: number;
	reset(): void;
}

const stores = new WeakMap<SimpleSalonState, ProductStore>();

/** The product store of one emulator (the products area owns it; the POS area reads and sells from it). */
export function productStore(state: SimpleSalonState): ProductStore {
	let store = stores.get(state);
	if (!store) {
		const created: ProductStore = {
			brands: [],
			suppliers: [],
			products: new Map(),
			nextProductId: 0,
			reset() {
				created.brands = BRANDS.map((b) => ({ ...b }));
				created.suppliers = SUPPLIERS.map((s) => ({ ...s }));
				created.products = new Map(seedProducts().map((p) => [p.product_id, p]));
				created.nextProductId = FIRST_PRODUCT_ID + created.products.size;
			},
		};
		created.reset();
		stores.set(state, created);
		store = created;
	}
	return store;
}

/** The Tax Rate of a product (`tax`), omitted when tax free. */
export function productTax(product: SalonProduct) {
	if (product.tax_free) return undefined;
	return TAX_RATES.find((t) => t.tax_id === (product.tax_id_override || DEFAULT_PRODUCT_TAX_ID));
}

// ---- request schemas (docs "Products" Request Data tables and models) ----

const productWritable = {
	name: opt(z.string()),
	barcode: opt(z.string()),
	brand_id: opt(int),
	supplier_id: opt(int),
	supplier_code: opt(z.string()),
	price: opt(z.number()),
	wholesale_price: opt(z.number()),
	quantity: opt(int),
	min_quantity: opt(int),
	reorder_quantity: opt(int),
	loyalty_points_earned: opt(int),
	company_use_only: opt(z.boolean()),
	tax_free: opt(z.boolean()),
	// Typed "boolean" in the docs' model, described as a Tax Rate ID ("If 0, the default … rate"): both accepted.
	tax_id_override: opt(z.union([int, z.boolean()])),
};

/** Read-only and expanded fields: accepted (a fetched product can be sent back) and ignored. */
const productIgnored = {
	brand: z.unknown().optional(),
	supplier: z.unknown().optional(),
	tax: z.unknown().optional(),
	dome_product_id: z.unknown().optional(),
};

const productInput = z.object({ product_id: opt(int), company_id: opt(int), ...productWritable, ...productIgnored }).strict();
type ProductInput = z.infer<typeof productInput>;

const productChildField = z
	.object({
		quantity: z.boolean().optional(),
		min_quantity: z.boolean().optional(),
		reorder_quantity: z.boolean().optional(),
		price: z.boolean().optional(),
		wholesale_price: z.boolean().optional(),
		supplier_id: z.boolean().optional(),
		loyalty_points_earned: z.boolean().optional(),
	})
	.strict();

const schemas = {
	productList: z
		.object({
			filters: z
				.object({ company_id: int.optional(), barcode: z.string().optional(), brand_id: int.optional(), dome_product_id: int.optional() })
				.strict(),
			options: listOptions.optional(),
		})
		.strict(),
	productId: z.object({ product_id: int }).strict(),
	productAdd: z.object({ product: productInput }).strict(),
	productUpdate: z.object({ product: productInput, update_in_child_locations: productChildField.optional() }).strict(),
	sharing: z.object({ product_id: int, company_ids: z.array(int), share: z.boolean(), replace: z.boolean().optional() }).strict(),
	// Brand and supplier lists take only ListOptions (no filters in the docs).
	optionsOnly: z.object({ options: listOptions.optional() }).strict(),
};

const EXPANDABLE = ['brand', 'supplier'];

export const productsArea: AreaFactory = (ctx: AreaContext): SalonArea => {
	const store = productStore(ctx.state);

	const brandOf = (id: number) => store.brands.find((b) => b.brand_id === id);
	const supplierOf = (id: number) => store.suppliers.find((s) => s.supplier_id === id);

	function productOut(product: SalonProduct, expand: string[] = []): Record<string, unknown> {
		const record: Record<string, unknown> = { ...product };
		delete record.shared_company_ids; // the emulator's note of the Dome sharing, not a Product field
		const tax = productTax(product);
		if (tax) record.tax = { ...tax };
		else delete record.tax_id_override; // "Omitted if tax_free=true"
		if (expand.includes('brand')) {
			const brand = brandOf(product.brand_id);
			if (brand) record.brand = { ...brand };
		}
		if (expand.includes('supplier')) {
			const supplier = supplierOf(product.supplier_id);
			if (supplier) record.supplier = { ...supplier };
		}
		return record;
	}

	function productById(id: number) {
		return store.products.get(id) ?? fail('PRODUCTNOTFOUND', `Product ${id} was not found`, ['product_id']);
	}

	/** The values of a product add/update that cannot be right, named like the request (`product.brand_id`). */
	function checkProduct(input: ProductInput) {
		const bad = (field: string, message: string) => fail('INVALIDPARAMETER', `product.${field} ${message}`, [`product.${field}`]);
		if (input.brand_id != null && input.brand_id !== 0 && !brandOf(input.brand_id)) return bad('brand_id', `${input.brand_id} is not a valid brand ID`);
		if (input.supplier_id != null && input.supplier_id !== 0 && !supplierOf(input.supplier_id)) {
			return bad('supplier_id', `${input.supplier_id} is not a valid supplier ID`);
		}
		for (const field of ['price', 'wholesale_price'] as const) {
			const value = input[field];
			if (value != null && value < 0) return bad(field, 'cannot be negative');
		}
		for (const field of ['min_quantity', 'reorder_quantity', 'loyalty_points_earned'] as const) {
			const value = input[field];
			if (value != null && value < 0) return bad(field, 'cannot be negative');
		}
		const tax = input.tax_id_override;
		if (typeof tax === 'number' && tax !== 0 && !TAX_RATES.some((t) => t.tax_id === tax)) return bad('tax_id_override', `${tax} is not a valid tax rate ID`);
		if (input.name != null && input.name.trim() === '') return bad('name', 'cannot be empty');
		return undefined;
	}

	function apply(product: SalonProduct, input: ProductInput) {
		const record = product as unknown as Record<string, unknown>;
		for (const field of Object.keys(productWritable)) {
			const value = (input as Record<string, unknown>)[field];
			if (value === undefined || value === null) continue;
			record[field] = field === 'tax_id_override' && typeof value === 'boolean' ? (value ? DEFAULT_PRODUCT_TAX_ID : 0) : value;
		}
	}

	const listOf = <T>(key: string, rows: T[], body: Record<string, unknown>) => {
		const parsed = parse(schemas.optionsOnly, body);
		if ('error' in parsed) return parsed.error;
		const paged = page(rows, parsed.value.options, ctx.maxRows, true);
		if ('error' in paged) return paged.error!;
		return ok({ ...paged.meta, [key]: paged.slice.map((row) => ({ ...row })) });
	};

	return {
		reset: () => store.reset(),
		methods: {
			'brand/list': (body) => listOf('brands', [...store.brands].sort((a, b) => a.name.localeCompare(b.name)), body),
			'supplier/list': (body) => listOf('suppliers', [...store.suppliers].sort((a, b) => a.name.localeCompare(b.name)), body),
			'product/list'(body) {
				const parsed = parse(schemas.productList, body);
				if ('error' in parsed) return parsed.error;
				const { filters: f, options } = parsed.value;
				if (f.company_id !== undefined && f.company_id !== ctx.state.companyId) {
					return fail('INVALIDPARAMETER', `filters.company_id ${f.company_id} is not a company you can access`, ['filters.company_id']);
				}
				const expand = (options?.expanded_fields ?? []).map((e) => e.expanded_field);
				const unknown = expand.filter((e) => !EXPANDABLE.includes(e));
				if (unknown.length) return fail('INVALIDPARAMETER', `Cannot expand ${unknown.join(', ')}`, ['options.expanded_fields']);
				const rows = [...store.products.values()]
					.filter((p) => f.barcode === undefined || p.barcode === f.barcode)
					.filter((p) => f.brand_id === undefined || p.brand_id === f.brand_id)
					.filter((p) => f.dome_product_id === undefined || p.dome_product_id === f.dome_product_id)
					.sort((a, b) => a.product_id - b.product_id);
				// "rows_per_page can be -1 to retrieve all products in a specific brand"
				const paged = page(rows, options, ctx.maxRows, f.brand_id !== undefined && f.brand_id > 0);
				if ('error' in paged) {
					return fail('INVALIDPARAMETER', 'options.rows_per_page can be -1 only for all products in a specific brand (filters.brand_id)', [
						'options.rows_per_page',
					]);
				}
				return ok({ ...paged.meta, products: paged.slice.map((p) => productOut(p, expand)) });
			},
			'product/get'(body) {
				const parsed = parse(schemas.productId, body);
				if ('error' in parsed) return parsed.error;
				const product = productById(parsed.value.product_id);
				if ('status' in product) return product;
				return ok({ product: productOut(product) });
			},
			'product/add'(body) {
				const parsed = parse(schemas.productAdd, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value.product;
				if (input.product_id != null) return fail('FIELDUPDATENOTALLOWED', 'product.product_id must be omitted', ['product.product_id']);
				if (input.company_id != null && input.company_id !== ctx.state.companyId) {
					return fail('INVALIDPARAMETER', `product.company_id ${input.company_id} is not your company`, ['product.company_id']);
				}
				// Not marked required in the docs, but a product without a name cannot be sold.
				if (!input.name?.trim()) return fail('MISSINGPARAMETER', 'product.name is required', ['product.name']);
				const invalid = checkProduct(input);
				if (invalid) return invalid;
				const product: SalonProduct = {
					product_id: store.nextProductId++,
					company_id: ctx.state.companyId,
					dome_product_id: 0,
					name: '',
					barcode: '',
					brand_id: 0,
					supplier_id: 0,
					supplier_code: '',
					price: 0,
					wholesale_price: 0,
					quantity: 0,
					min_quantity: 0,
					reorder_quantity: 0,
					loyalty_points_earned: 0,
					company_use_only: false,
					tax_free: false,
					tax_id_override: 0,
					shared_company_ids: [],
				};
				apply(product, input);
				store.products.set(product.product_id, product);
				return ok({ product: productOut(product) });
			},
			'product/update'(body) {
				const parsed = parse(schemas.productUpdate, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value.product;
				if (input.product_id == null) return fail('MISSINGPARAMETER', 'product.product_id is required', ['product.product_id']);
				const product = store.products.get(input.product_id);
				if (!product) return fail('PRODUCTNOTFOUND', `Product ${input.product_id} was not found`, ['product.product_id']);
				if (input.company_id != null && input.company_id !== product.company_id) {
					return fail('FIELDUPDATENOTALLOWED', 'product.company_id cannot be changed', ['product.company_id']);
				}
				const invalid = checkProduct(input);
				if (invalid) return invalid;
				apply(product, input);
				// update_in_child_locations copies Dome fields down; this company has no child products of its own.
				return ok({ product: productOut(product) });
			},
			'product/delete'(body) {
				const parsed = parse(schemas.productId, body);
				if ('error' in parsed) return parsed.error;
				const product = productById(parsed.value.product_id);
				if ('status' in product) return product;
				store.products.delete(product.product_id);
				return ok({});
			},
			'product/sharing/update'(body) {
				const parsed = parse(schemas.sharing, body);
				if ('error' in parsed) return parsed.error;
				const { product_id: productId, company_ids: companyIds, share, replace } = parsed.value;
				const product = productById(productId);
				if ('status' in product) return product;
				if (companyIds.length === 0) return fail('MISSINGPARAMETER', 'company_ids must list at least one company', ['company_ids']);
				const stranger = companyIds.find((id) => !DOME_LOCATIONS.includes(id));
				if (stranger !== undefined) return fail('INVALIDPARAMETER', `company_ids: ${stranger} is not a location of your Dome`, ['company_ids']);
				const shared = new Set(product.shared_company_ids);
				for (const id of DOME_LOCATIONS) {
					const listed = companyIds.includes(id);
					if (!listed && !replace) continue;
					if (listed === share) shared.add(id);
					else shared.delete(id);
				}
				product.shared_company_ids = [...shared].sort((a, b) => a - b);
				return ok({});
			},
		},
	};
};

/** For tests: the companies a product is shared with. */
export function sharedCompaniesOf(state: SimpleSalonState, productId: number): number[] | undefined {
	return productStore(state).products.get(productId)?.shared_company_ids;
}
