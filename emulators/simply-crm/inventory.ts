/** Inventory line items (Quotes, SalesOrder, PurchaseOrder, Invoice) as VtigerInventoryOperation handles them. */
import { WsError, type LineItem } from './state';

const DATABASE_ERROR = () =>
	new WsError('DATABASE_QUERY_ERROR', 'Database error while performing required operation');

function plainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberOf(item: Record<string, unknown>, name: string, required: boolean): number | undefined {
	const raw = item[name];
	if (raw === undefined || raw === null || raw === '') {
		if (required) throw new WsError('MANDATORY_FIELDS_MISSING', `${name} does not have a value`);
		return undefined;
	}
	const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
	// A MySQL decimal column in strict mode refuses anything that is not a number.
	if (!Number.isFinite(value)) throw DATABASE_ERROR();
	return value;
}

function textOf(item: Record<string, unknown>, name: string): string {
	const raw = item[name];
	return raw === undefined || raw === null ? '' : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
}

/** PHP's empty() on the element's `LineItems`: absent, null, '' or []. */
export function noLineItems(raw: unknown): boolean {
	return raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0);
}

/**
 * The element's `LineItems`: undefined when empty, so create can refuse and update can keep the stored lines.
 * `checkProduct` throws for a productid that is not a live Product or Service.
 */
export function parseLineItems(raw: unknown, checkProduct: (id: string) => void): LineItem[] | undefined {
	if (noLineItems(raw)) return undefined;
	if (!Array.isArray(raw)) throw new WsError('MANDATORY_FIELDS_MISSING', 'Mandatory Fields Missing..');
	return raw.map((item: unknown) => {
		if (!plainObject(item)) throw new WsError('MANDATORY_FIELDS_MISSING', 'Mandatory Fields Missing..');
		const productid = textOf(item, 'productid');
		if (productid === '') throw new WsError('MANDATORY_FIELDS_MISSING', 'productid does not have a value');
		checkProduct(productid);
		const quantity = numberOf(item, 'quantity', true)!;
		const listprice = numberOf(item, 'listprice', true)!;
		const discountPercent = numberOf(item, 'discount_percent', false);
		const discountAmount = numberOf(item, 'discount_amount', false);
		return {
			productid,
			quantity: quantity.toFixed(3),
			listprice: listprice.toFixed(8),
			discount_percent: discountPercent === undefined ? '' : discountPercent.toFixed(3),
			discount_amount: discountAmount === undefined ? '' : discountAmount.toFixed(8),
			comment: textOf(item, 'comment'),
			description: textOf(item, 'description'),
		};
	});
}

const money = (value: number) => (Math.round(value * 100) / 100).toFixed(8);
const num = (value: string | undefined) => (value && Number.isFinite(Number(value)) ? Number(value) : 0);

/** A line's net: quantity × list price less its discount (a percentage wins over an amount, as in vtiger's UI). */
function lineNet(item: LineItem): number {
	const gross = num(item.quantity) * num(item.listprice);
	if (item.discount_percent !== '') return gross - (gross * num(item.discount_percent)) / 100;
	return gross - num(item.discount_amount);
}

/** The read-only totals vtiger stores on the record: no taxes are configured on this instance. */
export function inventoryTotals(items: LineItem[], values: Record<string, string>): Record<string, string> {
	const subTotal = items.reduce((sum, item) => sum + lineNet(item), 0);
	const discount =
		values.hdnDiscountPercent !== undefined && values.hdnDiscountPercent !== ''
			? (subTotal * num(values.hdnDiscountPercent)) / 100
			: num(values.hdnDiscountAmount);
	const preTax = subTotal - discount + num(values.hdnS_H_Amount);
	return {
		hdnSubTotal: money(subTotal),
		pre_tax_total: money(preTax),
		hdnGrandTotal: money(preTax + num(values.txtAdjustment)),
	};
}

/** `LineItems` as retrieve shows them. */
export function lineItemsView(parentId: string, items: LineItem[]): Array<Record<string, string>> {
	return items.map((item, i) => ({
		parent_id: parentId,
		productid: item.productid,
		sequence_no: String(i + 1),
		quantity: item.quantity,
		listprice: item.listprice,
		discount_percent: item.discount_percent,
		discount_amount: item.discount_amount,
		comment: item.comment,
		description: item.description,
		incrementondel: '0',
	}));
}
