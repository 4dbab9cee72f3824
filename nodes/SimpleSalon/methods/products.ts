import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { salonList, salonRequest } from '../transport';

/*
 * Dropdowns of the retail shelf and the till. Brands, suppliers, payment types and discount types may be fetched
 * whole with `rows_per_page: -1`; products only per brand, so the product list is paged.
 */

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name) || String(a.value).localeCompare(String(b.value));

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());

async function allRows(ctx: ILoadOptionsFunctions, method: string, key: string, filters?: IDataObject): Promise<IDataObject[]> {
	const body: IDataObject = { options: { rows_per_page: -1 } };
	if (filters) body.filters = filters;
	const reply = await salonRequest(ctx, { method, body, idempotent: true });
	return Array.isArray(reply[key]) ? (reply[key] as IDataObject[]) : [];
}

export async function getBrands(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await allRows(this, 'brand/list', 'brands');
	return rows.map((b) => ({ name: text(b.name) || `Brand ${text(b.brand_id)}`, value: Number(b.brand_id), description: `ID ${text(b.brand_id)}` })).sort(byName);
}

export async function getSuppliers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await allRows(this, 'supplier/list', 'suppliers');
	return rows
		.map((s) => ({
			name: text(s.name) || `Supplier ${text(s.supplier_id)}`,
			value: Number(s.supplier_id),
			description: [`ID ${text(s.supplier_id)}`, text(s.contact_name)].filter((part) => part !== '').join(' · '),
		}))
		.sort(byName);
}

/** Every product (paged: "all rows" is allowed only within one brand), with its brand and price beside it. */
export async function getProducts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await salonList(this, {
		method: 'product/list',
		listKey: 'products',
		body: { filters: {}, options: { expanded_fields: [{ expanded_field: 'brand' }] } },
		wanted: Infinity,
		idempotent: true,
	});
	return rows
		.map((p) => {
			const brand = text((p.brand as IDataObject | undefined)?.name);
			const facts = [`ID ${text(p.product_id)}`, brand, p.price !== undefined ? `price ${text(p.price)}` : '', p.company_use_only === true ? 'company use only' : '']
				.filter((fact) => fact !== '')
				.join(' · ');
			return { name: text(p.name) || `Product ${text(p.product_id)}`, value: Number(p.product_id), description: facts };
		})
		.sort(byName);
}

/** Payment types, the ones hidden from the POS screen marked. */
export async function getPaymentTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await allRows(this, 'payment_type/list', 'payment_types', {});
	return rows
		.map((p) => {
			const facts = [`ID ${text(p.payment_type_id)}`, text(p.gateway) ? `gateway ${text(p.gateway)}` : '', p.show_on_pos === false ? 'hidden at POS' : '']
				.filter((fact) => fact !== '')
				.join(' · ');
			return { name: text(p.name) || `Payment Type ${text(p.payment_type_id)}`, value: Number(p.payment_type_id), description: facts };
		})
		.sort(byName);
}

/** Discount types with their amount ($ or %). */
export async function getDiscountTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await allRows(this, 'discount_type/list', 'discount_types', {});
	return rows
		.map((d) => {
			const amount = d.discount_type === '%' ? `${text(d.amount)}%` : `$${text(d.amount)}`;
			return {
				name: text(d.name) || `Discount Type ${text(d.discount_type_id)}`,
				value: Number(d.discount_type_id),
				description: `ID ${text(d.discount_type_id)} · ${amount}${d.apply_automatically === true ? ' · applied automatically' : ''}`,
			};
		})
		.sort(byName);
}

export const productLoaders = { getBrands, getSuppliers, getProducts, getPaymentTypes, getDiscountTypes };
