import { z } from 'zod';

import { unsignedInt } from '../schemas';
import { uuidOf } from '../seed';
import {
	JsonFault,
	XmlFault,
	areaState,
	badParameter,
	companyOf,
	inputRows,
	modelStructure,
	okEnvelope,
	paged,
	simple,
	styleOf,
	written,
	type Area,
	type AreaHandler,
	type Call,
	type SynergistState,
} from './types';

/**
 * purchases.json: non-line purchase orders and purchase estimates (`poPONumber` "{EST}" until promoted). The model
 * reads (purchaseorderlist / purchaseorderdetails), create / update / delete with `input`, the workflow actions on
 * `purchase=<poInternal>`, the lookups, the template lists and the two prints (`purchaseinputprints <code>` answers a
 * base64 PDF in JSON, `purchaseinputfiles <code>` the file itself).
 */

export interface PurchaseOrder {
	company: number;
	poInternal: number;
	poUuid: string;
	poTimeStampModified: number;
	poRecordVersionNumber: number;
	poPONumber: string;
	poDescription: string;
	poJobandPhase: string;
	poTheirRef: string;
	poOrderedByUserId: number;
	poSupplytype: string;
	poSupplierCode: string;
	poSupplierContactInternalRef: number;
	poOrderText: string;
	poDateOrdered: string;
	poEstimatedDate: string;
	poInvoiceDate: string;
	poEstCost: number;
	poEstMarkUp: number;
	poEstRecChgOut: number;
	poCost: number;
	poMarkup: number;
	poCharge: number;
	poOriginalCost: number;
	poInvest: boolean;
	poInvestment: number;
	poInvestmentMarkup: number;
	poCurrencyCode: string;
	poCurrencyRate: number;
	poCurrencyEstCost: number;
	poCurrencyEstCharge: number;
	poCurrencyCost: number;
	poCurrencyCharge: number;
	poCurrencyOrigCost: number;
	poPicked: boolean;
	poPickedForQuote: boolean;
	poOption: '' | 'option';
	poTaxCode: number;
	poApproved: { date: string; time: string; userId: number } | undefined;
	poCancelled: { date: string; time: string; userId: number } | undefined;
}

interface Supplier {
	code: string;
	name: string;
	supplyType: string;
	expense: boolean;
	markup: number;
}

interface PurchasesState {
	orders: Map<number, PurchaseOrder>;
	nextInternal: number;
	nextPONumber: number;
	deleted: number;
}

export const SUPPLY_TYPES: Record<string, string> = {
	PRI: 'Printers',
	ENG: 'Engineering',
	PMX: 'Print',
	COU: 'Couriers',
	SUB: 'Sub Contractors',
	HOT: 'Hotel Expenses',
};

export const SUPPLIERS: Supplier[] = [
	{ code: '1/PS1', name: 'The Printing Shop', supplyType: '1/PRI', expense: false, markup: 30 },
	{ code: '1/BRILLIAN', name: 'Brilliant', supplyType: '1/PRI', expense: false, markup: 30 },
	{ code: '1/AAMATT2', name: 'AA Matt Engineering', supplyType: '1/ENG', expense: false, markup: 100 },
	{ code: '1/PR100', name: 'Printing 100', supplyType: '1/PMX', expense: false, markup: 100 },
	{ code: '1/aaaa', name: 'Aardvark Couriers', supplyType: '1/COU', expense: false, markup: 1 },
	{ code: '1/454', name: 'Fred smith', supplyType: '1/COU', expense: false, markup: 0 },
	{ code: '1/12', name: 'Helen White', supplyType: '1/HOT', expense: true, markup: 1 },
	{ code: '1/SPOCK', name: 'Spock', supplyType: '1/HOT', expense: true, markup: 1 },
	{ code: '8/SUB1', name: 'Drukkerij Noord', supplyType: '8/PRI', expense: false, markup: 25 },
];

const CONTACTS: Array<{ ref: number; supplier: string; fullName: string }> = [
	{ ref: 304, supplier: '1/aaaa', fullName: 'Jammy Dodger' },
	{ ref: 266, supplier: '1/aaaa', fullName: 'Jimmy Smith' },
	{ ref: 276, supplier: '1/PS1', fullName: 'jon test ing2' },
	{ ref: 332, supplier: '1/PR100', fullName: 's1 s1' },
	{ ref: 340, supplier: '8/SUB1', fullName: 'Anke de Vries' },
];

/** Currencies per company with today's rate; "" is the base currency (shown as "- Base currency -"). */
export const CURRENCY_RATES: Record<string, { name: string; rate: number }> = {
	'1/AED': { name: 'Dirhams', rate: 4.74 },
	'1/EUR': { name: 'Euro', rate: 1.18 },
	'1/USD': { name: 'US Dollars', rate: 1.32 },
	'8/GBP': { name: 'Pound sterling', rate: 0.85 },
};

const TAX_CODES = [
	{ taxCode: 0, taxCodeDescription: '0 (UK 0%)' },
	{ taxCode: 1, taxCodeDescription: '1 (20%)' },
	{ taxCode: 10, taxCodeDescription: '10 (US 10%)' },
	{ taxCode: 56, taxCodeDescription: '56 (ZA 1%)' },
];

const PO_DESCRIPTIONS = [
	{ podescriptionsDescription: 'aaad', podescriptionsPoText: 'PO1' },
	{ podescriptionsDescription: 'asaa', podescriptionsPoText: 'PO2' },
	{ podescriptionsDescription: 'B&W Printing', podescriptionsPoText: 'PO3' },
	{ podescriptionsDescription: 'Colour Printing', podescriptionsPoText: 'PO4' },
];

/** Template menus: `purchaseinputprints` (background PDF) and `purchaseinputfiles` (open/save), codes as in the reference. */
export const PRINT_TEMPLATES: Record<'prints' | 'files', Array<{ code: string; description: string }>> = {
	prints: [
		{ code: '-2096', description: 'Purchase Order' },
		{ code: '-2097', description: 'Purchase Order with Terms' },
	],
	files: [
		{ code: '-1938', description: '**PO Text Template 1' },
		{ code: '-2096', description: '**PO Text Template 1 HM' },
		{ code: '-1951', description: 'Fifth Ring Dubai PO Text Email Template' },
	],
};

/** Views of the purchase list (the reference names -2004 only; the others select estimates and real orders). */
const PURCHASE_VIEWS: Record<string, (po: PurchaseOrder) => boolean> = {
	'-2004': () => true,
	'-2005': (po) => po.poPONumber === '{EST}',
	'-2006': (po) => po.poPONumber !== '{EST}',
};

const EMPTY_DATE = '0000-00-00';
const round2 = (value: number) => Math.round(value * 100) / 100;
const chargeOf = (cost: number, markup: number) => round2(cost * (1 + markup / 100));
const markupOf = (cost: number, charge: number) => (cost === 0 ? 0 : round2((charge / cost - 1) * 100));

function seedOrders(): PurchasesState {
	const orders = new Map<number, PurchaseOrder>();
	const make = (poInternal: number, company: number, index: number, extra: Partial<PurchaseOrder>): PurchaseOrder => {
		const supplier = SUPPLIERS.filter((s) => !s.expense && s.code.startsWith(`${company}/`))[index % (company === 1 ? 6 : 1)];
		const estCost = 100 + index * 12;
		const markup = supplier.markup;
		const date = new Date(Date.UTC(2018, 0, 10 + index * 3)).toISOString().slice(0, 10);
		return {
			company,
			poInternal,
			poUuid: uuidOf(`po:${poInternal}`),
			poTimeStampModified: 1520341389 + index * 311,
			poRecordVersionNumber: 3 + index,
			poPONumber: '{EST}',
			poDescription: ['Subcontract Web Design', 'Printing Purchase', 'Courier to client', 'Letterhead print run'][index % 4],
			poJobandPhase: `${company}/${String(company === 1 ? 2 + index : 800002).padStart(8, '0')}.001`,
			poTheirRef: '',
			poOrderedByUserId: index % 2 === 0 ? 54 : 256,
			poSupplytype: supplier.supplyType,
			poSupplierCode: supplier.code,
			poSupplierContactInternalRef: 0,
			poOrderText: '',
			poDateOrdered: EMPTY_DATE,
			poEstimatedDate: date,
			poInvoiceDate: EMPTY_DATE,
			poEstCost: estCost,
			poEstMarkUp: markup,
			poEstRecChgOut: chargeOf(estCost, markup),
			poCost: 0,
			poMarkup: markup,
			poCharge: 0,
			poOriginalCost: 0,
			poInvest: false,
			poInvestment: 0,
			poInvestmentMarkup: 0,
			poCurrencyCode: '',
			poCurrencyRate: 1,
			poCurrencyEstCost: estCost,
			poCurrencyEstCharge: chargeOf(estCost, markup),
			poCurrencyCost: 0,
			poCurrencyCharge: 0,
			poCurrencyOrigCost: 0,
			poPicked: false,
			poPickedForQuote: false,
			poOption: '',
			poTaxCode: 1,
			poApproved: undefined,
			poCancelled: undefined,
			...extra,
		};
	};
	const real = (number: string, cost: number) => ({ poPONumber: number, poDateOrdered: '2018-03-12', poCost: cost, poOriginalCost: cost, poCurrencyCost: cost });
	const seeded = [
		make(10000162, 1, 1, {}),
		make(10000167, 1, 0, { poTheirRef: 'Ref123123' }),
		make(10006576, 1, 2, { ...real('012080', 33), poPicked: true, poPickedForQuote: true }),
		make(10007388, 1, 4, {}),
		make(10008233, 1, 3, real('012090', 150)),
		make(10008242, 1, 5, {}),
		make(10008253, 1, 6, { poCurrencyCode: '1/EUR', poCurrencyRate: 1.18, poCurrencyEstCost: 50, poEstCost: 42.37 }),
		make(10008255, 1, 7, { ...real('012091', 200), poApproved: { date: '2018-03-14', time: '10:37', userId: 54 } }),
		make(10008268, 1, 8, real('012094', 100)),
		make(10008307, 1, 9, {}),
		make(10008310, 1, 10, {}),
		make(10008311, 1, 11, real('012096', 80)),
		make(10008500, 8, 0, {}),
		make(10008501, 8, 1, real('800012', 60)),
	];
	for (const po of seeded) orders.set(po.poInternal, po);
	return { orders, nextInternal: 10008600, nextPONumber: 12100, deleted: 0 };
}

const stateOf = (call: Call) => areaState(call.state, 'purchases', seedOrders);

/** The purchase orders of an emulator, by poInternal (seeded on first use), for tests. */
export const purchaseOrders = (state: SynergistState) => areaState(state, 'purchases', seedOrders).orders;

function supplierName(code: string): string {
	return SUPPLIERS.find((s) => s.code.toLowerCase() === code.toLowerCase())?.name ?? '';
}

function userName(state: SynergistState, id: number): string {
	return state.users.find((u) => u.userUserId === id)?.fullName ?? '';
}

function costDisplay(po: PurchaseOrder): string {
	const amount = po.poCost !== 0 ? po.poCost : po.poEstCost;
	return `£${amount.toFixed(2)}`;
}

/** The purchaseorderlist model, field for field as the reference's list example. */
function listRow(state: SynergistState, po: PurchaseOrder) {
	return {
		poUuid: po.poUuid,
		poTimeStampModified: po.poTimeStampModified,
		poRecordVersionNumber: po.poRecordVersionNumber,
		poCostDisplay: costDisplay(po),
		poInternal: po.poInternal,
		poPONumber: po.poPONumber,
		poDescription: po.poDescription,
		poJobandPhase: po.poJobandPhase,
		poTheirRef: po.poTheirRef,
		poOrderedByUserId: po.poOrderedByUserId,
		poOrderedByFullName: userName(state, po.poOrderedByUserId),
		poSupplytype: po.poSupplytype,
		poSupplyTypeDescription: SUPPLY_TYPES[simple(po.poSupplytype).toUpperCase()] ?? '',
		poSupplierName: supplierName(po.poSupplierCode),
		poViewDate: po.poEstimatedDate,
		poEstimatedDate: po.poEstimatedDate,
		poInvoiceDate: po.poInvoiceDate,
		poDateCreated: EMPTY_DATE,
		poDateSent: EMPTY_DATE,
		poViewTime: '00:00:00',
		poViewTimeZone: '',
		poEstCost: po.poEstCost,
		poCost: po.poCost,
		poPurchaseOrderType: 'P',
		poSupplierCode: po.poSupplierCode,
	};
}

/** The purchaseorderdetails model, as the reference's details example. */
function detailsRow(state: SynergistState, po: PurchaseOrder) {
	const job = state.jobs.get(po.poJobandPhase.split('.')[0]);
	const client = job ? state.clients.get(job.jobClientCode) : undefined;
	const tax = TAX_CODES.find((t) => t.taxCode === po.poTaxCode);
	return {
		poUuid: po.poUuid,
		poTimeStampModified: po.poTimeStampModified,
		poRecordVersionNumber: po.poRecordVersionNumber,
		poSalesCodeDescription: tax?.taxCodeDescription ?? '',
		poClientCode: client?.code ?? '',
		poClientName: client?.name ?? '',
		poJobNumber: po.poJobandPhase.split('.')[0],
		poJobDescription: job?.jobDescription ?? '',
		poJobandPhase: po.poJobandPhase,
		poPhaseDescription: 'Purchasing',
		poInternal: po.poInternal,
		poPONumber: po.poPONumber,
		poTransferredFrom: '',
		poDescription: po.poDescription,
		poTheirRef: po.poTheirRef,
		poPickedForQuote: po.poPickedForQuote,
		poPicked: po.poPicked,
		poOption: po.poOption,
		poInvest: po.poInvest,
		poDateOrdered: po.poDateOrdered,
		poEstimatedDate: po.poEstimatedDate,
		poCost: po.poCost,
		poEstCost: po.poEstCost,
		poMarkup: po.poMarkup,
		poEstMarkUp: po.poEstMarkUp,
		poCharge: po.poCharge,
		poEstRecChgOut: po.poEstRecChgOut,
		poCurrencyEstCharge: po.poCurrencyEstCharge,
		poOriginalCost: po.poOriginalCost,
		poInvestment: po.poInvestment,
		poCancelDate: po.poCancelled?.date ?? EMPTY_DATE,
		poPOApproved: po.poApproved !== undefined,
		poOrderText: po.poOrderText,
		poInvoiceRcd: false,
		poInvoiceRef: '',
		poInvoiceDate: po.poInvoiceDate,
		poTotalInvoiced: 0,
		poNotes: '',
		poCurrencyRate: po.poCurrencyRate,
		poCurrencyCost: po.poCurrencyCost,
		poCurrencyEstCost: po.poCurrencyEstCost,
		poCurrencyOrigCost: po.poCurrencyOrigCost,
		poCurrencyCharge: po.poCurrencyCharge,
		poCurrencyInvoiced: 0,
		poTaxCode: po.poTaxCode,
		poSalesTaxRate: 20,
		poSupplierContactInternalRef: po.poSupplierContactInternalRef,
		poContactName: CONTACTS.find((c) => c.ref === po.poSupplierContactInternalRef)?.fullName ?? '',
		poOrderedByUserId: po.poOrderedByUserId,
		poOrderedByFullName: userName(state, po.poOrderedByUserId),
		poSupplytype: po.poSupplytype,
		poSupplyTypeDescription: SUPPLY_TYPES[simple(po.poSupplytype).toUpperCase()] ?? '',
		poCurrencyCode: po.poCurrencyCode,
		poCurrency: simple(po.poCurrencyCode),
		poPurchaseOrderType: 'P',
		poSupplierCode: po.poSupplierCode,
		poSupplierName: supplierName(po.poSupplierCode),
	};
}

/** The money block the write responses start with (create, update, promote, changecurrency). */
function moneyRow(po: PurchaseOrder) {
	return {
		poCurrencyCode: po.poCurrencyCode,
		poCurrencyRate: po.poCurrencyRate,
		poCost: po.poCost,
		poCurrencyCost: po.poCurrencyCost,
		poMarkup: po.poMarkup,
		// the write responses say poChargeout where the field list and details say poCharge
		poChargeout: po.poCharge,
		poCurrencyCharge: po.poCurrencyCharge,
		poInvest: po.poInvest,
		poInvestment: po.poInvestment,
		poInvestmentMarkup: po.poInvestmentMarkup,
		poEstCost: po.poEstCost,
		poCurrencyEstCost: po.poCurrencyEstCost,
		poEstMarkUp: po.poEstMarkUp,
		poEstRecChgOut: po.poEstRecChgOut,
		poCurrencyEstCharge: po.poCurrencyEstCharge,
		poOriginalCost: po.poOriginalCost,
		poCurrencyOrigCost: po.poCurrencyOrigCost,
	};
}

const keyRow = (po: PurchaseOrder) => ({
	poInternal: po.poInternal,
	poUuid: po.poUuid,
	poTimeStampModified: po.poTimeStampModified,
	poRecordVersionNumber: po.poRecordVersionNumber,
	poPONumber: po.poPONumber,
});

function touch(call: Call, po: PurchaseOrder): void {
	po.poRecordVersionNumber++;
	po.poTimeStampModified = Math.floor(call.clock / 1000);
}

function nowParts(call: Call) {
	const iso = new Date(call.clock).toISOString();
	return { date: iso.slice(0, 10), time: iso.slice(11, 16), userId: call.user.userUserId };
}

const MODELS: Record<string, (state: SynergistState, po: PurchaseOrder) => Record<string, unknown>> = {
	purchaseorderlist: listRow,
	purchaseorderdetails: detailsRow,
};

const MANDATORY_ON_CREATE = new Set(['poJobandPhase', 'poSupplytype', 'poSupplierCode', 'poDescription']);
const PHASE_CODE = /^\d+\/[A-Za-z0-9]{1,10}\.[A-Za-z0-9]{1,10}$/;

const readPurchases: AreaHandler = (call) => {
	const { params, state } = call;
	const company = companyOf(call, true)!;
	const style = styleOf(call);
	// without a model the jobphase example still answers rows; details for one PO, the list otherwise
	const modelName = (params.modelstructure ?? (params.purchase !== undefined ? 'purchaseorderdetails' : 'purchaseorderlist')).toLowerCase();
	const model = MODELS[modelName];
	if (!model) throw badParameter('modelstructure', params.modelstructure);
	const { orders } = stateOf(call);
	if (style === 'modelstructure') return modelStructure(model(state, orders.get(10006576)!), 'po', MANDATORY_ON_CREATE);

	// the reference's parameter table spells the view parameter `views`, its example `view`
	const viewId = params.view ?? params.views;
	let view: ((po: PurchaseOrder) => boolean) | undefined;
	if (viewId !== undefined && viewId !== '') {
		view = PURCHASE_VIEWS[viewId];
		if (!view) throw new XmlFault(404502, `invalid view ${viewId}`);
	}
	if (params.purchase !== undefined && !unsignedInt.safeParse(params.purchase).success) throw badParameter('purchase', params.purchase);
	if (params.jobphase !== undefined && !PHASE_CODE.test(params.jobphase)) throw badParameter('jobphase', params.jobphase);
	const rows = [...orders.values()]
		.filter((po) => po.company === company.number)
		.filter((po) => !view || view(po))
		.filter((po) => params.purchase === undefined || po.poInternal === Number(params.purchase))
		.filter((po) => params.jobphase === undefined || po.poJobandPhase.toLowerCase() === params.jobphase.toLowerCase())
		.filter((po) => params.supplier === undefined || po.poSupplierCode.toLowerCase() === params.supplier.toLowerCase())
		.sort((a, b) => a.poInternal - b.poInternal);
	return paged(call, rows, (po) => model(state, po));
};

/** The PO named by `purchase=`, in the call's company when one is given. */
function purchaseOf(call: Call): PurchaseOrder {
	const raw = call.params.purchase;
	if (raw === undefined || raw === '') throw new XmlFault(404504, 'purchase not specified');
	if (!unsignedInt.safeParse(raw).success) throw badParameter('purchase', raw);
	const company = companyOf(call, false);
	const po = stateOf(call).orders.get(Number(raw));
	if (!po || (company && po.company !== company.number)) throw new JsonFault(3002, `purchase order ${raw} not found`);
	return po;
}

const looseNumber = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform((v) => Number(v));
const looseInt = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform((v) => Number(v));
const looseBool = z.union([z.boolean(), z.enum(['true', 'false', 'Y', 'N'])]).transform((v) => v === true || v === 'true' || v === 'Y');

/** One row of `action=create`, the keys of the reference's parameter table. */
export const purchaseCreateRow = z
	.object({
		poJobandPhase: z.string().optional(),
		poSupplytype: z.string().optional(),
		poSupplierCode: z.string().optional(),
		poDescription: z.string().optional(),
		poOrderText: z.string().optional(),
		poEstCost: looseNumber.optional(),
		poEstMarkUp: looseNumber.optional(),
		poEstRecChgOut: looseNumber.optional(),
		poCurrencyCode: z.string().optional(),
		poCurrencyRate: looseNumber.optional(),
		poCurrencyEstCost: looseNumber.optional(),
		poCurrencyEstCharge: looseNumber.optional(),
	})
	.strict();

/** One row of `action=update`: `poInternal` plus the documented updatable fields (and the record version to check). */
export const purchaseUpdateRow = z
	.object({
		poInternal: looseInt,
		poRecordVersionNumber: looseInt.optional(),
		poCurrencyCode: z.string().optional(),
		poCurrencyRate: looseNumber.optional(),
		poCost: looseNumber.optional(),
		poCurrencyCost: looseNumber.optional(),
		poMarkup: looseNumber.optional(),
		poCharge: looseNumber.optional(),
		poCurrencyCharge: looseNumber.optional(),
		poInvest: looseBool.optional(),
		poInvestment: looseNumber.optional(),
		poInvestmentMarkup: looseNumber.optional(),
		poEstCost: looseNumber.optional(),
		poCurrencyEstCharge: looseNumber.optional(),
		poEstMarkUp: looseNumber.optional(),
		poEstRecChgOut: looseNumber.optional(),
		poOriginalCost: looseNumber.optional(),
		poCurrencyOrigCost: looseNumber.optional(),
	})
	.strict();

function parseRow<T extends z.ZodTypeAny>(schema: T, raw: Record<string, unknown>): z.infer<T> {
	const shape = (schema as unknown as z.ZodObject<z.ZodRawShape>).shape;
	const unknown = Object.keys(raw).find((key) => !(key in shape));
	if (unknown) throw new JsonFault(3005, `unknown field ${unknown}`);
	const parsed = schema.safeParse(raw);
	if (!parsed.success) throw new JsonFault(3004, `invalid value for ${parsed.error.issues[0].path.join('.')}`);
	return parsed.data as z.infer<T>;
}

function checkCurrency(company: number, code: string): number {
	if (code === '') return 1;
	const currency = code.startsWith(`${company}/`) ? CURRENCY_RATES[code.toUpperCase()] : undefined;
	if (!currency) throw new JsonFault(3002, `currency ${code} not found`);
	return currency.rate;
}

const createPurchase: AreaHandler = (call) => {
	const { state } = call;
	const company = companyOf(call, true)!;
	const [raw, ...more] = inputRows(call);
	if (more.length > 0) throw new XmlFault(404503, 'invalid input: one purchase per call');
	const row = parseRow(purchaseCreateRow, raw);
	for (const field of MANDATORY_ON_CREATE) {
		const value = row[field as keyof typeof row];
		if (value === undefined || value === '') throw new JsonFault(3001, `mandatory field ${field} not supplied`);
	}
	const inCompany = (code: string) => code.startsWith(`${company.number}/`);
	const phase = row.poJobandPhase!;
	if (!PHASE_CODE.test(phase) || !inCompany(phase) || !state.jobs.has(phase.split('.')[0])) throw new JsonFault(3002, `phase ${phase} not found`);
	const supplier = SUPPLIERS.find((s) => s.code.toLowerCase() === row.poSupplierCode!.toLowerCase());
	if (!supplier || !inCompany(supplier.code)) throw new JsonFault(3002, `supplier ${row.poSupplierCode} not found`);
	const supplyType = row.poSupplytype!;
	if (!inCompany(supplyType) || !SUPPLY_TYPES[simple(supplyType).toUpperCase()]) throw new JsonFault(3002, `supply type ${supplyType} not found`);
	if (row.poEstMarkUp !== undefined && row.poEstRecChgOut !== undefined) {
		throw new JsonFault(3004, 'pass either poEstMarkUp or poEstRecChgOut, not both');
	}
	const currencyCode = row.poCurrencyCode ?? '';
	const rate = row.poCurrencyRate ?? checkCurrency(company.number, currencyCode);
	if (row.poCurrencyRate !== undefined) checkCurrency(company.number, currencyCode);
	if (rate <= 0) throw new JsonFault(3004, 'invalid value for poCurrencyRate');
	const estCost = row.poEstCost ?? round2((row.poCurrencyEstCost ?? 0) / rate);
	const markup = row.poEstMarkUp ?? (row.poEstRecChgOut !== undefined ? markupOf(estCost, row.poEstRecChgOut) : supplier.markup);
	const charge = row.poEstRecChgOut ?? row.poCurrencyEstCharge ?? chargeOf(estCost, markup);
	const purchases = stateOf(call);
	const poInternal = purchases.nextInternal++;
	const po: PurchaseOrder = {
		company: company.number,
		poInternal,
		poUuid: uuidOf(`po:${poInternal}`),
		poTimeStampModified: Math.floor(call.clock / 1000),
		poRecordVersionNumber: 2,
		poPONumber: '{EST}',
		poDescription: row.poDescription!,
		poJobandPhase: phase,
		poTheirRef: '',
		poOrderedByUserId: call.user.userUserId,
		poSupplytype: supplyType,
		poSupplierCode: supplier.code,
		poSupplierContactInternalRef: 0,
		poOrderText: row.poOrderText ?? '',
		poDateOrdered: EMPTY_DATE,
		poEstimatedDate: new Date(call.clock).toISOString().slice(0, 10),
		poInvoiceDate: EMPTY_DATE,
		poEstCost: estCost,
		poEstMarkUp: row.poEstMarkUp !== undefined || row.poEstRecChgOut === undefined ? markup : markupOf(estCost, charge),
		poEstRecChgOut: charge,
		poCost: 0,
		poMarkup: markup,
		poCharge: 0,
		poOriginalCost: 0,
		poInvest: false,
		poInvestment: 0,
		poInvestmentMarkup: 0,
		poCurrencyCode: currencyCode,
		poCurrencyRate: rate,
		poCurrencyEstCost: row.poCurrencyEstCost ?? round2(estCost * rate),
		poCurrencyEstCharge: row.poCurrencyEstCharge ?? charge,
		poCurrencyCost: 0,
		poCurrencyCharge: 0,
		poCurrencyOrigCost: 0,
		poPicked: false,
		poPickedForQuote: false,
		poOption: '',
		poTaxCode: 1,
		poApproved: undefined,
		poCancelled: undefined,
	};
	purchases.orders.set(poInternal, po);
	return written([
		{
			...moneyRow(po),
			...keyRow(po),
			poDateOrdered: po.poDateOrdered,
			poEstimatedDate: po.poEstimatedDate,
			poSupplierCode: po.poSupplierCode,
			poSupplierContactInternalRef: po.poSupplierContactInternalRef,
			poSupplytype: po.poSupplytype,
			poInvoiceMemo: '',
			poDescription: po.poDescription,
			poTheirRef: po.poTheirRef,
			poOrderedByUserId: po.poOrderedByUserId,
			poOrderText: po.poOrderText,
			poPicked: po.poPicked,
			poPickedForQuote: po.poPickedForQuote,
			poOption: po.poOption,
		},
	]);
};

const updatePurchase: AreaHandler = (call) => {
	const company = companyOf(call, false);
	const rows = inputRows(call).map((raw) => parseRow(purchaseUpdateRow, raw));
	const { orders } = stateOf(call);
	const targets = rows.map((row) => {
		const po = orders.get(row.poInternal);
		if (!po || (company && po.company !== company.number)) throw new JsonFault(3002, `purchase order ${row.poInternal} not found`);
		if (row.poRecordVersionNumber !== undefined && row.poRecordVersionNumber !== po.poRecordVersionNumber) {
			throw new JsonFault(3006, `purchase order ${po.poInternal} has been changed by another user (record version ${po.poRecordVersionNumber}, not ${row.poRecordVersionNumber})`);
		}
		if (po.poCancelled) throw new JsonFault(3007, `purchase order ${po.poPONumber} is cancelled`);
		return { row, po };
	});
	const data = targets.map(({ row, po }) => {
		if (row.poCurrencyCode !== undefined) {
			po.poCurrencyRate = row.poCurrencyRate ?? checkCurrency(po.company, row.poCurrencyCode);
			po.poCurrencyCode = row.poCurrencyCode;
		} else if (row.poCurrencyRate !== undefined) {
			if (row.poCurrencyRate <= 0) throw new JsonFault(3004, 'invalid value for poCurrencyRate');
			po.poCurrencyRate = row.poCurrencyRate;
		}
		const rate = po.poCurrencyRate;
		// one money field at a time, as the reference suggests: the others follow from it
		if (row.poEstCost !== undefined) {
			po.poEstCost = row.poEstCost;
			po.poCurrencyEstCost = round2(row.poEstCost * rate);
			po.poEstRecChgOut = chargeOf(po.poEstCost, po.poEstMarkUp);
			po.poCurrencyEstCharge = po.poEstRecChgOut;
		}
		if (row.poEstMarkUp !== undefined) {
			po.poEstMarkUp = row.poEstMarkUp;
			po.poEstRecChgOut = chargeOf(po.poEstCost, row.poEstMarkUp);
			po.poCurrencyEstCharge = po.poEstRecChgOut;
		}
		if (row.poEstRecChgOut !== undefined || row.poCurrencyEstCharge !== undefined) {
			const charge = (row.poEstRecChgOut ?? row.poCurrencyEstCharge)!;
			po.poEstRecChgOut = charge;
			po.poCurrencyEstCharge = charge;
			po.poEstMarkUp = markupOf(po.poEstCost, charge);
		}
		if (row.poCost !== undefined || row.poCurrencyCost !== undefined) {
			po.poCost = row.poCost ?? round2(row.poCurrencyCost! / rate);
			po.poCurrencyCost = row.poCurrencyCost ?? round2(po.poCost * rate);
			po.poCharge = chargeOf(po.poCost, po.poMarkup);
			po.poCurrencyCharge = po.poCharge;
		}
		if (row.poMarkup !== undefined) {
			po.poMarkup = row.poMarkup;
			po.poCharge = chargeOf(po.poCost, row.poMarkup);
			po.poCurrencyCharge = po.poCharge;
		}
		if (row.poCharge !== undefined || row.poCurrencyCharge !== undefined) {
			po.poCharge = (row.poCharge ?? row.poCurrencyCharge)!;
			po.poCurrencyCharge = po.poCharge;
			po.poMarkup = markupOf(po.poCost, po.poCharge);
		}
		if (row.poOriginalCost !== undefined) po.poOriginalCost = row.poOriginalCost;
		if (row.poCurrencyOrigCost !== undefined) po.poCurrencyOrigCost = row.poCurrencyOrigCost;
		if (row.poInvest !== undefined) po.poInvest = row.poInvest;
		if (row.poInvestment !== undefined) po.poInvestment = row.poInvestment;
		if (row.poInvestmentMarkup !== undefined) po.poInvestmentMarkup = row.poInvestmentMarkup;
		touch(call, po);
		return { ...moneyRow(po), ...keyRow(po) };
	});
	return written(data);
};

const deletePurchases: AreaHandler = (call) => {
	const company = companyOf(call, false);
	const rows = inputRows(call).map((raw) => {
		const unknown = Object.keys(raw).find((key) => key !== 'poInternal');
		if (unknown) throw new JsonFault(3005, `unknown field ${unknown}`);
		const parsed = looseInt.safeParse(raw.poInternal);
		if (!parsed.success) throw new JsonFault(raw.poInternal === undefined ? 3001 : 3004, raw.poInternal === undefined ? 'mandatory field poInternal not supplied' : 'invalid value for poInternal');
		return parsed.data;
	});
	const purchases = stateOf(call);
	const deleted = rows
		.map((id) => purchases.orders.get(id))
		.filter((po): po is PurchaseOrder => po !== undefined && (!company || po.company === company.number))
		.filter((po) => po.poApproved === undefined);
	if (deleted.length === 0) throw new JsonFault(3002, rows.length === 1 ? `purchase order ${rows[0]} not found or approved` : 'no purchase order deleted');
	for (const po of deleted) purchases.orders.delete(po.poInternal);
	purchases.deleted += deleted.length;
	// success with a partial failure, like the reference's expense line delete
	const warning = deleted.length < rows.length ? `${deleted.length} of ${rows.length} Purchase order deleted.` : '';
	return written(
		deleted.map((po) => ({ poInternal: po.poInternal, poUuid: po.poUuid })),
		'data processed successfully.',
		warning,
	);
};

/** A workflow action on `purchase=`: checks, changes, the action's message and the documented response row. */
function workflow(change: (po: PurchaseOrder, call: Call) => string, row: (po: PurchaseOrder) => Record<string, unknown>): AreaHandler {
	return (call) => {
		const po = purchaseOf(call);
		const message = change(po, call);
		touch(call, po);
		return written([row(po)], message);
	};
}

const notCancelled = (po: PurchaseOrder) => {
	if (po.poCancelled) throw new JsonFault(3007, `purchase order ${po.poPONumber} is cancelled`);
};

const approvalRow = (po: PurchaseOrder) => ({
	poPOApproved: po.poApproved !== undefined,
	poPOApprovedDate: po.poApproved?.date ?? EMPTY_DATE,
	poPOApprovedTime: po.poApproved?.time ?? '00:00',
	poPOApprovedUserId: po.poApproved?.userId ?? 0,
	poPOApprovedDateUtc: po.poApproved?.date ?? EMPTY_DATE,
	poPOApprovedTimeUtc: po.poApproved?.time ?? '00:00',
	poPOApprovedTimeZone: po.poApproved ? 'UTCA' : '',
	...keyRow(po),
});

const pickedRow = (field: 'poPicked' | 'poPickedForQuote') => (po: PurchaseOrder) => ({ ...keyRow(po), [field]: po[field] });

const pick = (field: 'poPicked' | 'poPickedForQuote', on: boolean) =>
	workflow(
		(po) => {
			notCancelled(po);
			po[field] = on;
			return field === 'poPicked' ? 'Purchase order estimate picked changed. ' : 'Purchase order quote picked changed. ';
		},
		pickedRow(field),
	);

/** option/investment answer with `purchaseorder_*` keys instead of `po*`. */
const legacyKeys = (po: PurchaseOrder) => ({
	purchaseorder_internal: po.poInternal,
	purchaseorder_uuid: po.poUuid,
	purchaseorder_timestampmodified: po.poTimeStampModified,
	purchaseorder_recordversionnumber: po.poRecordVersionNumber,
	purchaseorder_ponumber: po.poPONumber,
});

const option = (on: boolean) =>
	workflow(
		(po) => {
			notCancelled(po);
			po.poOption = on ? 'option' : '';
			return 'Purchase order option changed. ';
		},
		(po) => ({ ...legacyKeys(po), purchaseorder_option: po.poOption }),
	);

const investment = (on: boolean) =>
	workflow(
		(po) => {
			notCancelled(po);
			po.poInvest = on;
			po.poInvestmentMarkup = on ? po.poEstMarkUp : 0;
			po.poInvestment = on ? po.poEstRecChgOut : 0;
			return 'Purchase order investment changed. ';
		},
		(po) => ({
			purchaseorder_currencycode: po.poCurrencyCode,
			purchaseorder_currencyrate: po.poCurrencyRate,
			purchaseorder_cost: po.poCost,
			purchaseorder_currencycost: po.poCurrencyCost,
			purchaseorder_markup: po.poInvest ? -100 : po.poMarkup,
			purchaseorder_chargeout: po.poInvest ? 0 : po.poCharge,
			purchaseorder_invest: po.poInvest,
			purchaseorder_investment: po.poInvestment,
			purchaseorder_investmentmarkup: po.poInvestmentMarkup,
			purchaseorder_estcost: po.poEstCost,
			purchaseorder_estmarkup: po.poEstMarkUp,
			purchaseorder_estrecchgout: po.poEstRecChgOut,
			...legacyKeys(po),
		}),
	);

const actions: Record<string, AreaHandler> = {
	create: createPurchase,
	update: updatePurchase,
	delete: deletePurchases,
	approve: workflow(
		(po, call) => {
			notCancelled(po);
			if (po.poPONumber === '{EST}') throw new JsonFault(3008, 'a purchase estimate cannot be approved: promote it first');
			po.poApproved = nowParts(call);
			return 'Purchase order approved. ';
		},
		approvalRow,
	),
	unapprove: workflow((po) => {
		if (!po.poApproved) throw new JsonFault(3008, `purchase order ${po.poPONumber} is not approved`);
		po.poApproved = undefined;
		return 'Purchase order unapproved. ';
	}, approvalRow),
	promote: workflow(
		(po, call) => {
			notCancelled(po);
			if (po.poPONumber !== '{EST}') throw new JsonFault(3008, `purchase order ${po.poPONumber} is already a real purchase order`);
			const purchases = stateOf(call);
			po.poPONumber = String(purchases.nextPONumber++).padStart(6, '0');
			po.poDateOrdered = new Date(call.clock).toISOString().slice(0, 10);
			po.poCost = po.poEstCost;
			po.poCurrencyCost = po.poCurrencyEstCost;
			po.poOriginalCost = po.poEstCost;
			po.poCurrencyOrigCost = po.poCurrencyEstCost;
			po.poMarkup = po.poEstMarkUp;
			po.poCharge = po.poEstRecChgOut;
			po.poCurrencyCharge = po.poCurrencyEstCharge;
			return 'Purchase order promoted to a real purchase order. ';
		},
		(po) => ({ ...moneyRow(po), ...keyRow(po) }),
	),
	cancel: workflow(
		(po, call) => {
			notCancelled(po);
			if (po.poPONumber === '{EST}') throw new JsonFault(3008, 'only a real purchase order can be cancelled, not an estimate');
			po.poCancelled = nowParts(call);
			po.poPicked = false;
			po.poPickedForQuote = false;
			po.poOption = '';
			return 'Purchase order cancelled and written off. ';
		},
		(po) => ({
			poCancelDate: po.poCancelled!.date,
			poCancelTime: po.poCancelled!.time,
			poCancelTimeZone: 'UTCA',
			poCancelDateUtc: po.poCancelled!.date,
			poCancelTimeUtc: po.poCancelled!.time,
			poCancelUserId: po.poCancelled!.userId,
			poPicked: po.poPicked,
			poPickedForQuote: po.poPickedForQuote,
			poOption: po.poOption,
			...keyRow(po),
		}),
	),
	quotedpicked_on: pick('poPickedForQuote', true),
	// the reference's example spells it quotepicked_on; its parameter table quotedpicked_on
	quotepicked_on: pick('poPickedForQuote', true),
	quotedpicked_off: pick('poPickedForQuote', false),
	quotepicked_off: pick('poPickedForQuote', false),
	estimatepicked_on: pick('poPicked', true),
	estimatepicked_off: pick('poPicked', false),
	option_on: option(true),
	option_off: option(false),
	investment_on: investment(true),
	investment_off: investment(false),
	changecurrency: workflow(
		(po, call) => {
			notCancelled(po);
			const code = call.params.currency;
			const rate = call.params.currencyrate;
			if (code === undefined) throw new XmlFault(404504, 'currency not specified');
			if (rate === undefined || !/^\d+(\.\d+)?$/.test(rate) || Number(rate) <= 0) throw badParameter('currencyrate', rate);
			checkCurrency(po.company, code);
			po.poCurrencyCode = code;
			po.poCurrencyRate = Number(rate);
			po.poEstCost = round2(po.poCurrencyEstCost / po.poCurrencyRate);
			po.poEstRecChgOut = chargeOf(po.poEstCost, po.poEstMarkUp);
			po.poCurrencyEstCharge = round2(po.poEstRecChgOut * po.poCurrencyRate);
			return 'Purchase order currency changed. ';
		},
		(po) => ({ ...moneyRow(po), ...keyRow(po) }),
	),
	changesupplier: workflow(
		(po, call) => {
			notCancelled(po);
			const code = call.params.supplier;
			if (code === undefined || code === '') throw new XmlFault(404504, 'supplier not specified');
			const supplier = SUPPLIERS.find((s) => s.code.toLowerCase() === code.toLowerCase() && s.code.startsWith(`${po.company}/`));
			if (!supplier) throw new JsonFault(3002, `supplier ${code} not found`);
			po.poSupplierCode = supplier.code;
			po.poSupplierContactInternalRef = 0;
			return 'Purchase order supplier changed. ';
		},
		(po) => ({ poSupplierCode: po.poSupplierCode, poSupplierContactInternalRef: po.poSupplierContactInternalRef, ...keyRow(po) }),
	),
	...lookups(),
	...printActions(),
};

const supplierRow = (supplier: Supplier) => ({
	supplieruuid: uuidOf(`supplier:${supplier.code}`),
	supplierTimeStampModified: 1506350938,
	supplierRecordVersionNumber: 1,
	supplierCustomField317: '',
	supplierCustomField321: '',
	supplierName: supplier.name,
	supplierCode: supplier.code,
	supplierPhone: '',
	supplierExpense: supplier.expense,
	supplierInactive: false,
	supplierOnHold: false,
	supplierMainEmail: '',
	supplierSupplytypeDescription: SUPPLY_TYPES[simple(supplier.supplyType).toUpperCase()] ?? '',
	supplierMarkup: supplier.markup,
	supplierWebURL: '',
	supplierProspect: false,
});

function lookups(): Record<string, AreaHandler> {
	const inCompany = (call: Call) => {
		const company = companyOf(call, true)!;
		return (code: string) => code.startsWith(`${company.number}/`);
	};
	const supplierParam = (call: Call, own: (code: string) => boolean): Supplier | undefined => {
		const code = call.params.supplier;
		if (code === undefined || code === '') return undefined;
		const supplier = SUPPLIERS.find((s) => s.code.toLowerCase() === code.toLowerCase() && own(s.code));
		if (!supplier) throw badParameter('supplier', code);
		return supplier;
	};
	// these lookups answer every row at once
	const single = (_call: Call, rows: unknown[]) => okEnvelope({ totalrows: rows.length, totalpages: 1, pagerows: 0, pagenumber: 1, data: rows });
	return {
		supplierslist: (call) => {
			const own = inCompany(call);
			return paged(call, SUPPLIERS.filter((s) => own(s.code) && !s.expense).map(supplierRow));
		},
		expenseslist: (call) => {
			const own = inCompany(call);
			return paged(call, SUPPLIERS.filter((s) => own(s.code) && s.expense).map(supplierRow));
		},
		supplytypes: (call) => {
			const company = companyOf(call, true)!;
			const supplier = supplierParam(call, (code) => code.startsWith(`${company.number}/`));
			const rows = Object.entries(SUPPLY_TYPES).map(([code, description]) => ({
				supplytypesSupplyType: `${company.number}/${code}`,
				supplytypesDescription: description,
				variable_selected: supplier !== undefined && supplier.supplyType.toUpperCase() === `${company.number}/${code}`,
			}));
			return single(call, rows);
		},
		orderers: (call) => {
			const company = companyOf(call, true)!;
			const rows = call.state.users
				.filter((u) => !u.disabled && u.companies.includes(company.number))
				.map((u) => ({ userFullName: u.fullName, userUserId: u.userUserId, variable_selected: false }));
			return single(call, rows);
		},
		currencies: (call) => {
			const own = inCompany(call);
			const rows = [
				{ currencyCode: '', currencyCurrencyName: '- Base currency -', variable_selected: false },
				...Object.entries(CURRENCY_RATES)
					.filter(([code]) => own(code))
					.map(([code, c]) => ({ currencyCode: code, currencyCurrencyName: c.name, variable_selected: false })),
			];
			return single(call, rows);
		},
		jobslist: (call) => {
			const company = companyOf(call, true)!;
			const rows = [...call.state.jobs.values()]
				.filter((job) => job.company === company.number && !job.jobCompleted)
				.sort((a, b) => (a.jobNumber < b.jobNumber ? -1 : 1));
			return paged(call, rows, (job) => ({
				jobUuid: job.jobUuid,
				jobTimeStampModified: job.jobTimeStampModified,
				jobRecommendedVersionNumber: job.jobRecommendedVersionNumber,
				jobDescription1stLine: job.jobDescription.split('\n')[0],
				jobOrderNumber: job.jobOrderNumber,
				jobClientCode: job.jobClientCode,
				jobClientName: call.state.clients.get(job.jobClientCode)?.name ?? '',
				jobCompleted: job.jobCompleted,
				jobDateIn: job.jobDateIn,
				jobDateDue: job.jobDateDue,
				jobNumber: job.jobNumber,
				jobNumberSimple: simple(job.jobNumber),
				jobStatus: job.jobStatus,
				jobCurrencyCode: job.jobCurrencyCode,
				jobExchangeRate: job.jobExchangeRate,
			}));
		},
		podescriptions: (call) => {
			companyOf(call, true);
			return single(
				call,
				PO_DESCRIPTIONS.map((d) => ({ podescriptionsDescription: d.podescriptionsDescription, variable_selected: false, podescriptionsPoText: d.podescriptionsPoText })),
			);
		},
		contacts: (call) => {
			const own = inCompany(call);
			const supplier = supplierParam(call, own);
			const rows = CONTACTS.filter((c) => own(c.supplier) && (!supplier || c.supplier === supplier.code)).map((c) => ({
				suppliercontactInternalRef: c.ref,
				suppliercontactForwardsfullName: c.fullName,
				variable_selected: false,
			}));
			return single(call, rows);
		},
		taxcodes: (call) => {
			companyOf(call, true);
			return single(
				call,
				TAX_CODES.map((t) => ({ ...t, variable_selected: t.taxCode === 0 })),
			);
		},
	};
}

function menuRows(kind: 'prints' | 'files') {
	const level = 'PURCHASEINPUTFILE';
	return PRINT_TEMPLATES[kind].map((t) => ({
		menuClickAction: `${level} ${level}REPORT ${t.code}`,
		menuDefault: false,
		menuDescription: t.description,
		menuExpanded: false,
		menuLevelName: level,
		menuParameter: '',
		menuParentName: '',
		menuSort: '',
		menuSortDirection: '',
	}));
}

/** A small, valid one-page PDF naming the order and template (deterministic, so downloads compare byte for byte). */
export function purchasePdf(po: PurchaseOrder, template: string): Buffer {
	const text = `Purchase order ${po.poPONumber} (${po.poInternal}) template ${template}: ${po.poDescription}`.replace(/[()\\]/g, ' ');
	const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let body = '%PDF-1.3\n';
	const offsets: number[] = [];
	objects.forEach((object, index) => {
		offsets.push(body.length);
		body += `${index + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xref = body.length;
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(body, 'latin1');
}

/** The text document a `purchaseinputfiles` template produces (an RTF, as PO text templates are). */
export function purchaseFile(po: PurchaseOrder, template: string, state: SynergistState): Buffer {
	const lines = [
		`Purchase order ${po.poPONumber}`,
		`Supplier: ${supplierName(po.poSupplierCode)} (${po.poSupplierCode})`,
		`Job/phase: ${po.poJobandPhase}`,
		`Description: ${po.poDescription}`,
		`Ordered by: ${userName(state, po.poOrderedByUserId)}`,
		`Template: ${template}`,
	];
	return Buffer.from(`{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Helvetica;}}\n${lines.map((l) => `${l.replace(/[\\{}]/g, '')}\\par`).join('\n')}\n}\n`, 'latin1');
}

function templateOf(call: Call, kind: 'prints' | 'files'): string {
	const code = call.actionArgument ?? '';
	if (!PRINT_TEMPLATES[kind].some((t) => t.code === code)) throw new JsonFault(3009, `invalid template ${code}`);
	return code;
}

function printActions(): Record<string, AreaHandler> {
	return {
		purchaseinputprints: (call) => {
			purchaseOf(call);
			return okEnvelope({ totalrows: PRINT_TEMPLATES.prints.length, totalpages: 1, pagerows: 0, pagenumber: 1, data: menuRows('prints') });
		},
		purchaseinputfiles: (call) => {
			purchaseOf(call);
			return okEnvelope({ totalrows: PRINT_TEMPLATES.files.length, totalpages: 1, pagerows: 0, pagenumber: 1, data: menuRows('files') });
		},
		'purchaseinputprints <templatecode>': (call) => {
			const po = purchaseOf(call);
			const template = templateOf(call, 'prints');
			// the reference's filename is just ".PDF"
			return okEnvelope({
				responsemessage: 'PDF created successfully.',
				data: [{ variable_attachmentbase64blob: purchasePdf(po, template).toString('base64'), variable_attachmentfilename: '.PDF' }],
			});
		},
		'purchaseinputfiles <templatecode>': (call) => {
			const po = purchaseOf(call);
			const template = templateOf(call, 'files');
			const name = `PO${po.poPONumber === '{EST}' ? `EST${po.poInternal}` : po.poPONumber}.rtf`;
			return {
				status: 200,
				headers: { 'content-type': 'application/rtf', 'content-disposition': `attachment; filename="${name}"` },
				raw: purchaseFile(po, template, call.state),
			};
		},
	};
}

export const purchasesArea: Area = { read: readPurchases, actions };
