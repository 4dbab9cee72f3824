import { z } from 'zod';

import type { EmulatorResponse } from '../../shared/emulator';
import type { SimpleSalonState } from '../index';
import * as schema from '../schemas';
import { COMPANY_ID } from '../seed';
import {
	GST,
	SISTER_LOCATIONS,
	applySharing,
	clientRecord,
	companyOf,
	createdRange,
	discountsOut,
	expand,
	expandedField,
	grouped,
	int,
	local,
	money,
	onlineBookingClients,
	operatorRecord,
	opt,
	productRecord,
	related,
	sharingFields,
	soldFilterFields,
	isTaxRate,
	taxIn,
	taxRecord,
	wall,
	wallOf,
	type SoldDiscount,
} from './sold';
import { productStore } from './products';
import { fail, ok, page, parse, type AreaFactory } from './types';

/*
 * Packages: the package types the salon sells (e.g. "5 x Blow Dry") with their included services and products, Dome
 * sharing and child-location copies, the packages sold to clients (with expiry), and the products sold to clients —
 * retail sales and the products owed from a package (unclaimed until collected).
 */

export interface PackageType {
	package_id: number;
	name: string;
	price: number;
	barcode: string;
	loyalty_points_earned: number;
	tax_free: boolean;
	tax_id_override: number;
	items: Array<{ package_item_id: number; type: 'service' | 'product'; id: number; quantity: number }>;
}

export const PACKAGE_TYPES: Array<Omit<PackageType, 'items'> & { items: Array<{ type: 'service' | 'product'; id: number; quantity: number }> }> = [
	{ package_id: 9995, name: '5 x Blow Dry', price: 350, barcode: '9312345099951', loyalty_points_earned: 35, tax_free: false, tax_id_override: 0, items: [{ type: 'service', id: 3333, quantity: 5 }] },
	{
		package_id: 9996,
		name: 'Colour & Care Pack',
		price: 220,
		barcode: '9312345099968',
		loyalty_points_earned: 20,
		tax_free: false,
		tax_id_override: 0,
		items: [
			{ type: 'service', id: 3335, quantity: 1 },
			{ type: 'product', id: 5567, quantity: 1 }, // OI Shampoo
			{ type: 'product', id: 5568, quantity: 1 }, // OI Conditioner
		],
	},
	{ package_id: 9997, name: 'Manicure Trio', price: 100, barcode: '', loyalty_points_earned: 10, tax_free: false, tax_id_override: 0, items: [{ type: 'service', id: 3336, quantity: 3 }] },
	{ package_id: 9999, name: '10 x Haircut', price: 400, barcode: '', loyalty_points_earned: 0, tax_free: false, tax_id_override: 0, items: [{ type: 'service', id: 3334, quantity: 10 }] },
];
export const FIRST_NEW_PACKAGE_ID = 10000;
/** What clients buy off the shelf (products area: Shampoo, Conditioner, Angel.Wash, OI Shampoo, OI Oil, nail lacquer, cuticle oil, Moroccanoil). */
const RETAIL_PRODUCT_IDS = [5555, 5556, 5559, 5567, 5569, 5574, 5577, 5579];
export const FIRST_CLIENT_PACKAGE_ID = 2669;
export const FIRST_CLIENT_PRODUCT_ID = 3700;

interface ClientPackage {
	client_package_id: number;
	package_id: number;
	client_id: number;
	company_id: number;
	date_created: string;
	/** Wall clock; '' = never expires. */
	expiry_date: string;
	operator_id: number;
	price: number;
	transaction_id: number;
	discount_type_id: number;
	discounts: SoldDiscount[];
}

interface ClientProduct {
	client_product_id: number;
	client_id: number;
	company_id: number;
	product_id: number;
	quantity: number;
	price: number;
	operator_id: number;
	date_created: string;
	transaction_id: number;
	claimed: boolean;
	client_package_id: number;
	sold_in_client_package: boolean;
	discount_type_id: number;
	discounts: SoldDiscount[];
}

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
const round2 = (n: number) => Math.round(n * 100) / 100;
const childPackageId = (packageId: number, companyId: number) => packageId * 100 + SISTER_LOCATIONS.indexOf(companyId) + 1;

const packageFields = {
	name: opt(z.string()),
	price: opt(money.min(0)),
	barcode: opt(z.string()),
	loyalty_points_earned: opt(int.min(0)),
	tax_free: opt(z.boolean()),
	tax_id_override: opt(int.min(0)),
	package_id: opt(int),
	company_id: opt(int),
	// Read-only or expanded: accepted and ignored.
	dome_package_id: z.unknown().optional(),
	tax: z.unknown().optional(),
};
const packageAdd = z.object({ package: z.object(packageFields).strict() }).strict();
const packageUpdate = z
	.object({
		package: z.object(packageFields).strict(),
		update_in_child_locations: opt(z.object({ price: opt(z.boolean()), loyalty_points_earned: opt(z.boolean()) }).strict()),
	})
	.strict();
const packageList = z
	.object({ filters: z.object({ company_id: int.optional(), dome_package_id: int.optional() }).strict(), options: schema.listOptions.optional() })
	.strict();
const packageItemList = z.object({ filters: z.object({ package_id: int }).strict(), options: schema.listOptions.optional() }).strict();
const packageSharing = z.object({ package_id: int, ...sharingFields }).strict();

const clientPackageList = z
	.object({
		filters: z.object({ ...soldFilterFields, expired: z.boolean().optional(), package_id: int.optional() }).strict(),
		options: schema.listOptions.optional(),
	})
	.strict();
const clientPackageUpdate = z
	.object({
		client_package: z
			.object({
				client_package_id: int,
				client_id: opt(int),
				company_id: opt(int),
				package_id: opt(int),
				operator_id: opt(int),
				price: opt(money.min(0)),
				// "Set to the new date, or an empty string for no expiry."
				expiry_date: opt(z.string()),
				discount_type_id: opt(int.min(0)),
				tax_amount: z.unknown().optional(),
				tax_rate: z.unknown().optional(),
				package: z.unknown().optional(),
				discounts: z.unknown().optional(),
				date_created: z.unknown().optional(),
				pos_original_price: z.unknown().optional(),
				transaction_id: z.unknown().optional(),
			})
			.strict(),
	})
	.strict();

const clientProductList = z
	.object({
		filters: z
			.object({
				...soldFilterFields,
				claimed: z.boolean().optional(),
				client_package_expired: z.boolean().optional(),
				client_package_id: int.optional(),
				sold_in_client_package: z.boolean().optional(),
				product_id: int.optional(),
			})
			.strict(),
		options: schema.listOptions.optional(),
	})
	.strict();
const clientProductUpdate = z
	.object({
		client_product: z
			.object({
				client_product_id: int,
				client_id: opt(int),
				company_id: opt(int),
				product_id: opt(int),
				operator_id: opt(int),
				// "the price of the total of all items in this line, including any discounts"
				price: opt(money.min(0)),
				quantity: opt(int.min(1)),
				discount_type_id: opt(int.min(0)),
				tax_amount: z.unknown().optional(),
				tax_rate: z.unknown().optional(),
				product: z.unknown().optional(),
				client_package: z.unknown().optional(),
				discounts: z.unknown().optional(),
				date_created: z.unknown().optional(),
				pos_original_price: z.unknown().optional(),
				transaction_id: z.unknown().optional(),
				claimed: z.unknown().optional(),
				client_package_id: z.unknown().optional(),
				sold_in_client_package: z.unknown().optional(),
			})
			.strict(),
	})
	.strict();

export const packagesArea: AreaFactory = (ctx) => {
	const state: SimpleSalonState = ctx.state;
	let packages: PackageType[] = [];
	let nextPackageId = FIRST_NEW_PACKAGE_ID;
	/** Sister locations each package is shared with, and their own price / loyalty points. */
	let children = new Map<number, Map<number, { price: number; loyalty_points_earned: number }>>();
	let clientPackages: ClientPackage[] = [];
	let clientProducts: ClientProduct[] = [];

	function seed() {
		let itemId = 8881;
		packages = PACKAGE_TYPES.map((p) => ({ ...p, items: p.items.map((i) => ({ ...i, package_item_id: itemId++ })) }));
		nextPackageId = FIRST_NEW_PACKAGE_ID;
		children = new Map(packages.map((p) => [p.package_id, new Map()]));
		children.get(9995)!.set(12346, { price: 330, loyalty_points_earned: 35 });
		clientPackages = [];
		clientProducts = [];
		const clientIds = [...state.clients.keys()].sort((a, b) => a - b);
		const today = Date.parse(`${wallOf(ctx.now()).slice(0, 10)}T00:00:00Z`);
		const dateOnly = (ms: number) => `${new Date(ms).toISOString().slice(0, 10)}T00:00:00`;
		let productId = FIRST_CLIENT_PRODUCT_ID;
		for (let i = 0; i < 30 && clientIds.length > 0; i++) {
			const type = packages[i % packages.length];
			const discounted = i % 4 === 3;
			const price = discounted ? round2(type.price * 0.9) : type.price;
			const created = `2025-${pad(1 + (i % 3))}-${pad(1 + (i % 28))}T1${i % 8}:15:00`;
			const cp: ClientPackage = {
				client_package_id: FIRST_CLIENT_PACKAGE_ID + i,
				package_id: type.package_id,
				client_id: clientIds[i === 0 ? 0 : (3 + i * 7) % clientIds.length],
				company_id: COMPANY_ID,
				date_created: created,
				// A third never expire, a third have expired, a third run for months yet.
				expiry_date: i % 3 === 0 ? '' : dateOnly(i % 3 === 1 ? today - (30 + i) * DAY : today + (90 + i * 5) * DAY),
				operator_id: i % 2 === 0 ? 2222 : 2223,
				price,
				transaction_id: i % 7 === 6 ? 0 : 86000 + i,
				discount_type_id: 0,
				discounts: discounted
					? [{ discount_id: 7300 + i, amount: round2(type.price - price), original_price: type.price, discount_type_id: 501, operator_id: 2223, date_created: created, transaction_id: i % 7 === 6 ? 0 : 86000 + i }]
					: [],
			};
			clientPackages.push(cp);
			// The products a package includes are client products owed to the client until collected.
			type.items
				.filter((item) => item.type === 'product')
				.forEach((item, index) =>
					clientProducts.push({
						client_product_id: productId++,
						client_id: cp.client_id,
						company_id: COMPANY_ID,
						product_id: item.id,
						quantity: item.quantity,
						price: 0,
						operator_id: cp.operator_id,
						date_created: created,
						transaction_id: cp.transaction_id,
						claimed: (i + index) % 2 === 0,
						client_package_id: cp.client_package_id,
						sold_in_client_package: true,
						discount_type_id: 0,
						discounts: [],
					}),
				);
		}
		const shelf = productStore(state);
		const retail = RETAIL_PRODUCT_IDS.map((id) => shelf.products.get(id)).filter((p) => p !== undefined);
		for (let i = 0; i < 140 && clientIds.length > 0 && retail.length > 0; i++) {
			const product = retail[i % retail.length];
			const quantity = i % 3 === 0 ? 2 : 1;
			const full = product.price * quantity;
			const discounted = i % 9 === 4;
			const created = `2025-${pad(1 + (i % 3))}-${pad(1 + (i % 28))}T${pad(9 + (i % 9))}:${pad((i * 7) % 60)}:00`;
			const transactionId = i % 10 === 9 ? 0 : 87000 + i;
			clientProducts.push({
				client_product_id: productId++,
				client_id: clientIds[(i * 5 + 2) % clientIds.length],
				company_id: COMPANY_ID,
				product_id: product.product_id,
				quantity,
				price: discounted ? round2(full * 0.85) : full,
				operator_id: i % 2 === 0 ? 2223 : 2222,
				date_created: created,
				transaction_id: transactionId,
				claimed: true,
				client_package_id: 0,
				sold_in_client_package: false,
				discount_type_id: 0,
				discounts: discounted
					? [{ discount_id: 7500 + i, amount: round2(full * 0.15), original_price: full, discount_type_id: 502, operator_id: 2223, date_created: created, transaction_id: transactionId }]
					: [],
			});
		}
	}

	const packageById = (id: number) => packages.find((p) => p.package_id === id);

	/** A package as a company sees it: the salon's own, or the copy a sister location got by sharing. */
	function findPackage(id: number): { type: PackageType; company: number } | undefined {
		const own = packageById(id);
		if (own) return { type: own, company: COMPANY_ID };
		for (const type of packages) {
			for (const company of children.get(type.package_id)?.keys() ?? []) {
				if (childPackageId(type.package_id, company) === id) return { type, company };
			}
		}
		return undefined;
	}

	function packageOut(type: PackageType, company = COMPANY_ID): Record<string, unknown> {
		const child = company === COMPANY_ID ? undefined : children.get(type.package_id)?.get(company);
		const out: Record<string, unknown> = {
			barcode: type.barcode,
			company_id: company,
			loyalty_points_earned: child?.loyalty_points_earned ?? type.loyalty_points_earned,
			name: type.name,
			package_id: company === COMPANY_ID ? type.package_id : childPackageId(type.package_id, company),
			price: child?.price ?? type.price,
			tax_free: type.tax_free,
		};
		if (company !== COMPANY_ID) out.dome_package_id = type.package_id;
		if (!type.tax_free) {
			out.tax_id_override = type.tax_id_override;
			out.tax = taxRecord(type.tax_id_override);
		}
		return out;
	}

	const isExpired = (cp: ClientPackage) => cp.expiry_date !== '' && cp.expiry_date <= wallOf(ctx.now());

	function clientPackageOut(cp: ClientPackage): Record<string, unknown> {
		const out: Record<string, unknown> = {
			client_package_id: cp.client_package_id,
			client_id: cp.client_id,
			company_id: cp.company_id,
			date_created: local(cp.date_created),
			discount_type_id: cp.discount_type_id,
			operator_id: cp.operator_id,
			package_id: cp.package_id,
			price: cp.price,
			tax_amount: packageById(cp.package_id)?.tax_free ? 0 : taxIn(cp.price),
			tax_rate: packageById(cp.package_id)?.tax_free ? 0 : GST.rate,
			transaction_id: cp.transaction_id,
		};
		// "Omitted if the package never expires."
		if (cp.expiry_date !== '') out.expiry_date = local(cp.expiry_date);
		return out;
	}

	function clientProductOut(cp: ClientProduct): Record<string, unknown> {
		return {
			client_product_id: cp.client_product_id,
			claimed: cp.claimed,
			client_id: cp.client_id,
			client_package_id: cp.client_package_id,
			company_id: cp.company_id,
			date_created: local(cp.date_created),
			discount_type_id: cp.discount_type_id,
			operator_id: cp.operator_id,
			price: cp.price,
			product_id: cp.product_id,
			quantity: cp.quantity,
			sold_in_client_package: cp.sold_in_client_package,
			tax_amount: taxIn(cp.price),
			tax_rate: GST.rate,
			transaction_id: cp.transaction_id,
		};
	}

	const clientPackageById = (id: number, path = 'client_package_id'): ClientPackage | EmulatorResponse =>
		clientPackages.find((cp) => cp.client_package_id === id) ?? fail('CLIENTPACKAGENOTFOUND', `Client package ${id} was not found`, [path]);
	const clientProductById = (id: number, path = 'client_product_id'): ClientProduct | EmulatorResponse =>
		clientProducts.find((cp) => cp.client_product_id === id) ?? fail('CLIENTPRODUCTNOTFOUND', `Client product ${id} was not found`, [path]);
	const notFound = (id: number, path = 'package_id') => fail('PACKAGENOTFOUND', `Package ${id} was not found`, [path]);
	const operatorProblem = (operatorId: number | null | undefined, path: string) =>
		operatorId != null && !state.operators.some((o) => o.operator_id === operatorId)
			? fail('INVALIDPARAMETER', `${path} ${operatorId} is not an operator`, [path])
			: undefined;
	const taxProblem = (taxId: number | null | undefined, path: string) =>
		taxId != null && !isTaxRate(taxId) ? fail('INVALIDPARAMETER', `${path} ${taxId} is not a tax rate`, [path]) : undefined;

	seed();

	return {
		reset: seed,
		methods: {
			'package/list'(body) {
				const parsed = parse(packageList, body);
				if ('error' in parsed) return parsed.error;
				const { filters, options } = parsed.value;
				const company = companyOf(filters.company_id);
				if ('error' in company) return company.error;
				const rows = packages
					.filter((p) => company.company === COMPANY_ID || children.get(p.package_id)?.has(company.company))
					.map((p) => packageOut(p, company.company))
					.filter((p) => filters.dome_package_id === undefined || p.dome_package_id === filters.dome_package_id);
				// "rows_per_page can be -1 to retrieve all packages"
				const paged = page(rows, options, ctx.maxRows, true);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, packages: paged.slice });
			},
			'package/get'(body) {
				const parsed = parse(z.object({ package_id: int }).strict(), body);
				if ('error' in parsed) return parsed.error;
				const found = findPackage(parsed.value.package_id);
				return found ? ok({ package: packageOut(found.type, found.company) }) : notFound(parsed.value.package_id);
			},
			'package/add'(body) {
				const parsed = parse(packageAdd, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value.package;
				if (input.package_id != null) return fail('FIELDUPDATENOTALLOWED', 'package.package_id must be omitted', ['package.package_id']);
				if (input.company_id != null && input.company_id !== COMPANY_ID) {
					return fail('INVALIDPARAMETER', `package.company_id ${input.company_id} is not your company`, ['package.company_id']);
				}
				// Undocumented, like any catalogue: a package needs a name.
				if (!input.name?.trim()) return fail('MISSINGPARAMETER', 'package.name is required', ['package.name']);
				const taxBad = taxProblem(input.tax_id_override, 'package.tax_id_override');
				if (taxBad) return taxBad;
				const type: PackageType = {
					package_id: nextPackageId++,
					name: input.name.trim(),
					price: input.price ?? 0,
					barcode: input.barcode ?? '',
					loyalty_points_earned: input.loyalty_points_earned ?? 0,
					tax_free: input.tax_free ?? false,
					tax_id_override: input.tax_id_override ?? 0,
					items: [],
				};
				packages.push(type);
				children.set(type.package_id, new Map());
				return ok({ package: packageOut(type) });
			},
			'package/update'(body) {
				const parsed = parse(packageUpdate, body);
				if ('error' in parsed) return parsed.error;
				const { package: input, update_in_child_locations: copyDown } = parsed.value;
				if (input.package_id == null) return fail('MISSINGPARAMETER', 'package.package_id is required', ['package.package_id']);
				const found = findPackage(input.package_id);
				if (!found) return notFound(input.package_id, 'package.package_id');
				if (input.company_id != null && input.company_id !== found.company) {
					return fail('FIELDUPDATENOTALLOWED', 'package.company_id cannot be changed', ['package.company_id']);
				}
				const taxBad = taxProblem(input.tax_id_override, 'package.tax_id_override');
				if (taxBad) return taxBad;
				if (input.name != null && input.name.trim() === '') return fail('INVALIDPARAMETER', 'package.name cannot be empty', ['package.name']);
				if (found.company !== COMPANY_ID) {
					// A child location edits only what PackageChildField lists; the rest comes from the Dome.
					const locked = (['name', 'barcode', 'tax_free', 'tax_id_override'] as const).find((f) => input[f] != null);
					if (locked) return fail('FIELDUPDATENOTALLOWED', `package.${locked} can only be changed on the Dome package`, [`package.${locked}`]);
					if (copyDown) return fail('INVALIDPARAMETER', 'update_in_child_locations applies to Dome packages only', ['update_in_child_locations']);
					const child = children.get(found.type.package_id)!.get(found.company)!;
					if (input.price != null) child.price = input.price;
					if (input.loyalty_points_earned != null) child.loyalty_points_earned = input.loyalty_points_earned;
					return ok({ package: packageOut(found.type, found.company) });
				}
				const type = found.type;
				if (input.name != null) type.name = input.name.trim();
				if (input.price != null) type.price = input.price;
				if (input.barcode != null) type.barcode = input.barcode;
				if (input.loyalty_points_earned != null) type.loyalty_points_earned = input.loyalty_points_earned;
				if (input.tax_free != null) type.tax_free = input.tax_free;
				if (input.tax_id_override != null) type.tax_id_override = input.tax_id_override;
				// Price and loyalty points reach the child locations only when asked; everything else always does.
				for (const child of children.get(type.package_id)!.values()) {
					if (copyDown?.price) child.price = type.price;
					if (copyDown?.loyalty_points_earned) child.loyalty_points_earned = type.loyalty_points_earned;
				}
				return ok({ package: packageOut(type) });
			},
			'package/delete'(body) {
				const parsed = parse(z.object({ package_id: int }).strict(), body);
				if ('error' in parsed) return parsed.error;
				const found = findPackage(parsed.value.package_id);
				if (!found) return notFound(parsed.value.package_id);
				if (found.company !== COMPANY_ID) children.get(found.type.package_id)!.delete(found.company);
				else {
					packages = packages.filter((p) => p !== found.type);
					children.delete(found.type.package_id);
				}
				return ok({});
			},
			'package/item/list'(body) {
				const parsed = parse(packageItemList, body);
				if ('error' in parsed) return parsed.error;
				const { filters, options } = parsed.value;
				const found = findPackage(filters.package_id);
				if (!found) return notFound(filters.package_id, 'filters.package_id');
				const rows = found.type.items.map((item) => ({
					package_item_id: item.package_item_id,
					quantity: item.quantity,
					[item.type === 'service' ? 'service_id' : 'product_id']: item.id,
					type: item.type,
				}));
				const paged = page(rows, options, ctx.maxRows, false);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, package_items: paged.slice });
			},
			'package/sharing/update'(body) {
				const parsed = parse(packageSharing, body);
				if ('error' in parsed) return parsed.error;
				const type = packageById(parsed.value.package_id);
				if (!type) {
					return findPackage(parsed.value.package_id)
						? fail('INVALIDPARAMETER', `Package ${parsed.value.package_id} belongs to a child location; share the Dome package instead`, ['package_id'])
						: notFound(parsed.value.package_id);
				}
				const copies = children.get(type.package_id)!;
				const shared = new Set(copies.keys());
				const problem = applySharing(shared, parsed.value);
				if (problem) return problem;
				for (const company of [...copies.keys()]) if (!shared.has(company)) copies.delete(company);
				// A new child copy starts with the Dome's price and loyalty points.
				for (const company of shared) if (!copies.has(company)) copies.set(company, { price: type.price, loyalty_points_earned: type.loyalty_points_earned });
				return ok({});
			},
			'client_package/list'(body, { req }) {
				const parsed = parse(clientPackageList, body);
				if ('error' in parsed) return parsed.error;
				const { filters, options } = parsed.value;
				const online = onlineBookingClients(state, filters, req, ctx.now());
				if ('error' in online) return online.error;
				const company = companyOf(filters.company_id);
				if ('error' in company) return company.error;
				const created = createdRange(filters);
				if ('error' in created) return created.error;
				const byCompany = filters.company_id !== undefined || filters.client_id === undefined;
				const rows = clientPackages
					.filter((cp) => !byCompany || cp.company_id === company.company)
					.filter((cp) => filters.client_id === undefined || cp.client_id === filters.client_id)
					.filter((cp) => online.clientIds === undefined || online.clientIds.includes(cp.client_id))
					.filter((cp) => filters.package_id === undefined || cp.package_id === filters.package_id)
					.filter((cp) => filters.expired === undefined || isExpired(cp) === filters.expired)
					.filter((cp) => filters.operator_id === undefined || cp.operator_id === filters.operator_id)
					.filter((cp) => filters.transaction_id === undefined || cp.transaction_id === filters.transaction_id)
					.filter((cp) => created.test(cp.date_created));
				const paged = page(rows, options, ctx.maxRows, false);
				if ('error' in paged) return paged.error!;
				const side = grouped(options?.expanded_fields_grouped, {
					clients: () => related(paged.slice.map((cp) => cp.client_id), (id) => clientRecord(state, id)),
					operators: () => related(paged.slice.map((cp) => cp.operator_id), (id) => operatorRecord(state, id)),
					packages: () => related(paged.slice.map((cp) => cp.package_id), (id) => (packageById(id) ? packageOut(packageById(id)!) : undefined)),
				});
				if ('error' in side) return side.error;
				return ok({ ...paged.meta, client_packages: paged.slice.map(clientPackageOut), ...side.out });
			},
			'client_package/get'(body) {
				const parsed = parse(z.object({ client_package_id: int, expanded_fields: z.array(expandedField).optional() }).strict(), body);
				if ('error' in parsed) return parsed.error;
				const cp = clientPackageById(parsed.value.client_package_id);
				if ('status' in cp) return cp;
				const out = clientPackageOut(cp);
				const problem = expand(
					[out],
					parsed.value.expanded_fields,
					{
						discounts: () => discountsOut(cp.discounts, { type: 'client_package', idField: 'client_package_id', id: cp.client_package_id, company_id: cp.company_id }),
						// "A minimal Package object, to provide the package name."
						package: () => {
							const type = packageById(cp.package_id);
							return type ? { company_id: COMPANY_ID, package_id: type.package_id, name: type.name } : undefined;
						},
					},
					'expanded_fields',
				);
				return problem ?? ok({ client_package: out });
			},
			'client_package/update'(body) {
				const parsed = parse(clientPackageUpdate, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value.client_package;
				const cp = clientPackageById(input.client_package_id, 'client_package.client_package_id');
				if ('status' in cp) return cp;
				for (const field of ['client_id', 'company_id'] as const) {
					if (input[field] != null && input[field] !== cp[field]) {
						return fail('FIELDUPDATENOTALLOWED', `client_package.${field} cannot be changed`, [`client_package.${field}`]);
					}
				}
				if (input.package_id != null && !packageById(input.package_id)) return notFound(input.package_id, 'client_package.package_id');
				const operatorBad = operatorProblem(input.operator_id, 'client_package.operator_id');
				if (operatorBad) return operatorBad;
				let expiry: string | undefined;
				if (input.expiry_date != null) {
					if (input.expiry_date === '') expiry = '';
					else {
						expiry = wall(input.expiry_date);
						if (!expiry) return fail('INVALIDPARAMETER', 'client_package.expiry_date is not a valid date (see Dates); send "" for no expiry', ['client_package.expiry_date']);
					}
				}
				if (input.package_id != null) cp.package_id = input.package_id;
				if (input.operator_id != null) cp.operator_id = input.operator_id;
				if (input.price != null) cp.price = input.price;
				if (input.discount_type_id != null) cp.discount_type_id = input.discount_type_id;
				if (expiry !== undefined) cp.expiry_date = expiry;
				const type = packageById(cp.package_id);
				return ok({
					client_package: {
						...clientPackageOut(cp),
						...(type ? { package: { company_id: COMPANY_ID, package_id: type.package_id, name: type.name } } : {}),
					},
				});
			},
			'client_package/delete'(body) {
				const parsed = parse(z.object({ client_package_id: int }).strict(), body);
				if ('error' in parsed) return parsed.error;
				const cp = clientPackageById(parsed.value.client_package_id);
				if ('status' in cp) return cp;
				clientPackages = clientPackages.filter((other) => other !== cp);
				// Its products stay with the client, unlinked from the deleted package.
				for (const product of clientProducts) if (product.client_package_id === cp.client_package_id) product.client_package_id = 0;
				return ok({});
			},
			'client_product/list'(body, { req }) {
				const parsed = parse(clientProductList, body);
				if ('error' in parsed) return parsed.error;
				const { filters, options } = parsed.value;
				const online = onlineBookingClients(state, filters, req, ctx.now());
				if ('error' in online) return online.error;
				const company = companyOf(filters.company_id);
				if ('error' in company) return company.error;
				const created = createdRange(filters);
				if ('error' in created) return created.error;
				const byCompany = filters.company_id !== undefined || filters.client_id === undefined;
				const packageExpired = (cp: ClientProduct) => {
					const owner = clientPackages.find((p) => p.client_package_id === cp.client_package_id);
					return cp.sold_in_client_package && owner !== undefined && isExpired(owner);
				};
				const rows = clientProducts
					.filter((cp) => !byCompany || cp.company_id === company.company)
					.filter((cp) => filters.client_id === undefined || cp.client_id === filters.client_id)
					.filter((cp) => online.clientIds === undefined || online.clientIds.includes(cp.client_id))
					.filter((cp) => filters.product_id === undefined || cp.product_id === filters.product_id)
					.filter((cp) => filters.claimed === undefined || cp.claimed === filters.claimed)
					.filter((cp) => filters.client_package_id === undefined || cp.client_package_id === filters.client_package_id)
					.filter((cp) => filters.client_package_expired === undefined || packageExpired(cp) === filters.client_package_expired)
					.filter((cp) => filters.sold_in_client_package === undefined || cp.sold_in_client_package === filters.sold_in_client_package)
					.filter((cp) => filters.operator_id === undefined || cp.operator_id === filters.operator_id)
					.filter((cp) => filters.transaction_id === undefined || cp.transaction_id === filters.transaction_id)
					.filter((cp) => created.test(cp.date_created));
				const paged = page(rows, options, ctx.maxRows, false);
				if ('error' in paged) return paged.error!;
				const side = grouped(options?.expanded_fields_grouped, {
					clients: () => related(paged.slice.map((cp) => cp.client_id), (id) => clientRecord(state, id)),
					operators: () => related(paged.slice.map((cp) => cp.operator_id), (id) => operatorRecord(state, id)),
					products: () => related(paged.slice.map((cp) => cp.product_id), (id) => productRecord(state, id)),
					// "packages matching the returned client products which were bought as part of a package"
					packages: () =>
						related(
							paged.slice.map((cp) => clientPackages.find((p) => p.client_package_id === cp.client_package_id)?.package_id ?? 0),
							(id) => (packageById(id) ? packageOut(packageById(id)!) : undefined),
						),
				});
				if ('error' in side) return side.error;
				return ok({ ...paged.meta, client_products: paged.slice.map(clientProductOut), ...side.out });
			},
			'client_product/get'(body) {
				const parsed = parse(z.object({ client_product_id: int, expanded_fields: z.array(expandedField).optional() }).strict(), body);
				if ('error' in parsed) return parsed.error;
				const cp = clientProductById(parsed.value.client_product_id);
				if ('status' in cp) return cp;
				const out = clientProductOut(cp);
				const problem = expand(
					[out],
					parsed.value.expanded_fields,
					{
						// "A minimal Client Package object, to provide the package id and expiry"
						client_package: () => {
							const owner = clientPackages.find((p) => p.client_package_id === cp.client_package_id);
							if (!owner) return undefined;
							const minimal = clientPackageOut(owner);
							return { client_package_id: owner.client_package_id, package_id: owner.package_id, ...(minimal.expiry_date ? { expiry_date: minimal.expiry_date } : {}) };
						},
						discounts: () => discountsOut(cp.discounts, { type: 'client_product', idField: 'client_product_id', id: cp.client_product_id, company_id: cp.company_id }),
						product: () => productRecord(state, cp.product_id),
					},
					'expanded_fields',
				);
				return problem ?? ok({ client_product: out });
			},
			'client_product/update'(body) {
				const parsed = parse(clientProductUpdate, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value.client_product;
				const cp = clientProductById(input.client_product_id, 'client_product.client_product_id');
				if ('status' in cp) return cp;
				for (const field of ['client_id', 'company_id'] as const) {
					if (input[field] != null && input[field] !== cp[field]) {
						return fail('FIELDUPDATENOTALLOWED', `client_product.${field} cannot be changed`, [`client_product.${field}`]);
					}
				}
				if (input.product_id != null && !productRecord(state, input.product_id)) {
					return fail('INVALIDPARAMETER', `client_product.product_id ${input.product_id} is not a product`, ['client_product.product_id']);
				}
				const operatorBad = operatorProblem(input.operator_id, 'client_product.operator_id');
				if (operatorBad) return operatorBad;
				if (input.product_id != null) cp.product_id = input.product_id;
				if (input.operator_id != null) cp.operator_id = input.operator_id;
				if (input.quantity != null) cp.quantity = input.quantity;
				if (input.price != null) cp.price = input.price;
				if (input.discount_type_id != null) cp.discount_type_id = input.discount_type_id;
				return ok({ client_product: clientProductOut(cp) });
			},
			'client_product/delete'(body) {
				const parsed = parse(z.object({ client_product_id: int }).strict(), body);
				if ('error' in parsed) return parsed.error;
				const cp = clientProductById(parsed.value.client_product_id);
				if ('status' in cp) return cp;
				clientProducts = clientProducts.filter((other) => other !== cp);
				return ok({});
			},
		},
	};
};
