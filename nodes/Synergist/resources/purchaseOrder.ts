import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import {
	endpointKey,
	synergistCallParts,
	synergistOperation,
	type SynergistEndpoint,
	type SynergistParam,
} from '../endpoint';
import { fieldOf, rowsOf, synergistDownload } from '../transport';

/*
 * Purchase orders and purchase estimates (purchases.json; non-line orders only, as the reference says). An estimate
 * has the PO number "{EST}" until it is promoted. Workflow actions take the internal ID (`poInternal`) as `purchase=`.
 */

const AREA = 'purchases';
const NOUN = 'purchase order';
export const PURCHASE_PAGE_SIZE = 50;

const purchaseId = (description = 'The internal ID of the purchase order or estimate (poInternal), e.g. 10008233'): SynergistParam => ({
	key: 'purchase',
	parameter: 'purchaseId',
	displayName: 'Purchase Order ID',
	type: 'id',
	description,
});

const supplierFilter: SynergistParam = {
	key: 'supplier',
	displayName: 'Supplier Code',
	type: 'code',
	placeholder: '1/PS1',
	description: 'Only what belongs to this supplier',
};

const money = (key: string, parameter: string, displayName: string, description?: string): SynergistParam => ({
	key,
	parameter,
	displayName,
	type: 'number',
	description,
});

const currencyCode = (key: string, parameter: string): SynergistParam => ({
	key,
	parameter,
	displayName: 'Currency Code',
	type: 'code',
	placeholder: '1/EUR',
	loadOptionsMethod: 'getPurchaseCurrencies',
	description: 'The currency the supplier is paid in',
});

const get: SynergistEndpoint = {
	area: AREA,
	value: 'get',
	name: 'Get',
	sentence: 'Get a purchase order',
	description: 'Get one purchase order or estimate with all its details',
	idempotent: true,
	modelstructure: 'purchaseorderdetails',
	noun: NOUN,
	required: [purchaseId()],
	single: ({ params, company }) => ({
		message: `Purchase order ${String(params.purchase)} was not found in company ${company}`,
		description: 'Synergist returned no purchase order for this internal ID (poInternal).',
	}),
};

const getAll: SynergistEndpoint = {
	area: AREA,
	value: 'getAll',
	name: 'Get Many',
	sentence: 'Get many purchase orders',
	description: 'List purchase orders and estimates, of a view or a job phase, or all of the company',
	idempotent: true,
	modelstructure: 'purchaseorderlist',
	noun: NOUN,
	list: { pageSize: PURCHASE_PAGE_SIZE, key: (row) => fieldOf(row, 'poUuid') ?? fieldOf(row, 'poInternal') },
	filters: [
		{
			key: 'jobphase',
			parameter: 'jobPhase',
			displayName: 'Job Phase',
			type: 'code',
			format: 'phase',
			placeholder: '1/00001076.002',
			description: 'Only purchase orders of this job phase',
		},
		supplierFilter,
		{
			// views.json offers no purchase type, so the view is typed in (the reference's example: -2004)
			key: 'view',
			displayName: 'View ID',
			type: 'string',
			placeholder: '-2004',
			pattern: { regex: /^(-?\d+|[A-Za-z0-9_]+)$/, expected: 'a view ID like -2004' },
			description: 'A saved Synergist query (view) that selects the purchase orders',
		},
	],
};

const getFields: SynergistEndpoint = {
	area: AREA,
	value: 'getFields',
	name: 'Get Fields',
	sentence: 'Get the fields of a purchase order',
	description: "List the fields of the purchase order model (name, label, type, whether mandatory), custom fields included",
	idempotent: true,
	style: 'modelstructure',
	modelstructure: 'purchaseorderdetails',
	list: { pageable: false },
};

const create: SynergistEndpoint = {
	area: AREA,
	action: 'create',
	value: 'create',
	name: 'Create',
	sentence: 'Create a purchase estimate',
	description: 'Create a purchase estimate (PO number "{EST}" until promoted) on a job phase',
	idempotent: false,
	input: {},
	noun: NOUN,
	companyFrom: 'jobPhase',
	required: [
		{
			key: 'poJobandPhase',
			parameter: 'jobPhase',
			displayName: 'Job Phase',
			type: 'code',
			format: 'phase',
			placeholder: '1/00001076.001',
			description: "The job phase the purchase is for; its company is the purchase order's company",
		},
		{
			key: 'poSupplierCode',
			parameter: 'supplierCode',
			displayName: 'Supplier Code',
			type: 'code',
			placeholder: '1/AAMATT2',
			loadOptionsMethod: 'getPurchaseSuppliers',
		},
		{
			key: 'poSupplytype',
			parameter: 'supplyType',
			displayName: 'Supply Type',
			type: 'code',
			placeholder: '1/ENG',
			loadOptionsMethod: 'getPurchaseSupplyTypes',
		},
		{ key: 'poDescription', parameter: 'description', displayName: 'Description', description: 'What is being bought, as printed on the order', type: 'string' },
	],
	additional: [
		currencyCode('poCurrencyCode', 'currencyCode'),
		money('poCurrencyEstCharge', 'currencyEstimatedCharge', 'Currency Estimated Charge', "The estimated charge in the job's currency"),
		money('poCurrencyEstCost', 'currencyEstimatedCost', 'Currency Estimated Cost', "The estimated cost in the purchase order's currency"),
		money('poCurrencyRate', 'currencyRate', 'Currency Rate', 'Exchange rate of the currency; leave empty for the current rate'),
		money('poEstRecChgOut', 'estimatedCharge', 'Estimated Charge', 'Recommended charge-out; set this or Estimated Markup, not both'),
		money('poEstCost', 'estimatedCost', 'Estimated Cost', 'What the purchase is expected to cost from the supplier'),
		money('poEstMarkUp', 'estimatedMarkup', 'Estimated Markup (%)', 'The expected markup on the cost, in percent; set this or Estimated Charge, not both'),
		{ key: 'poOrderText', parameter: 'orderText', displayName: 'Order Text', type: 'string', rows: 3, description: 'The text on the PO text tab' },
	],
	build(ctx, itemIndex, parts) {
		if (parts.input.poEstMarkUp !== undefined && parts.input.poEstRecChgOut !== undefined) {
			throw new NodeOperationError(ctx.getNode(), `The fields "Estimated Markup (%)" and "Estimated Charge" are both set in item ${itemIndex}`, {
				itemIndex,
				description: 'Synergist works out one from the other: pass a markup or a charge, not both.',
			});
		}
		return parts;
	},
};

/** The fields the reference lists as updatable (poCharge, though the answers call it poChargeout). */
const UPDATE_FIELDS: SynergistParam[] = [
	money('poCharge', 'charge', 'Charge', 'The amount charged to the client for this purchase'),
	money('poCost', 'cost', 'Cost', 'What the purchase costs from the supplier'),
	money('poCurrencyCharge', 'currencyCharge', 'Currency Charge', "The charge to the client, in the job's currency"),
	currencyCode('poCurrencyCode', 'currencyCode'),
	money('poCurrencyCost', 'currencyCost', 'Currency Cost', "The cost, in the purchase order's currency"),
	money('poCurrencyEstCharge', 'currencyEstimatedCharge', 'Currency Estimated Charge', "The estimated charge in the job's currency"),
	money('poCurrencyOrigCost', 'currencyOriginalCost', 'Currency Original Cost', "The original cost, in the purchase order's currency"),
	money('poCurrencyRate', 'currencyRate', 'Currency Rate', 'Exchange rate of the currency; leave empty for the current rate'),
	money('poEstRecChgOut', 'estimatedCharge', 'Estimated Charge', 'The recommended charge-out to the client'),
	money('poEstCost', 'estimatedCost', 'Estimated Cost', 'What the purchase is expected to cost from the supplier'),
	money('poEstMarkUp', 'estimatedMarkup', 'Estimated Markup (%)', 'The expected markup on the cost, in percent'),
	{ key: 'poInvest', parameter: 'investment', displayName: 'Investment', type: 'boolean', description: 'Whether the purchase is an investment (not charged to the client)' },
	money('poInvestment', 'investmentAmount', 'Investment Amount', 'The part of the cost that is an investment (not charged to the client)'),
	money('poInvestmentMarkup', 'investmentMarkup', 'Investment Markup (%)', 'The markup on the investment amount, in percent'),
	money('poMarkup', 'markup', 'Markup (%)', 'The markup on the cost, in percent'),
	money('poOriginalCost', 'originalCost', 'Original Cost', 'The cost as first ordered, before any change'),
	{
		key: 'poRecordVersionNumber',
		parameter: 'recordVersionNumber',
		displayName: 'Record Version Number',
		type: 'id',
		description: 'The version you last read (poRecordVersionNumber): the update fails if someone changed the order since. Empty: read just before the update.',
	},
];

const update: SynergistEndpoint = {
	area: AREA,
	action: 'update',
	value: 'update',
	name: 'Update',
	sentence: 'Update a purchase order',
	description: 'Change costs, markups, charges, currency or investment of a purchase order (best one money field at a time)',
	idempotent: true,
	input: {},
	noun: NOUN,
	required: [{ ...purchaseId(), key: 'poInternal' }],
	additional: UPDATE_FIELDS,
	additionalLabel: 'Update Fields',
	lock: {
		field: 'poRecordVersionNumber',
		read: (parts) => ({ style: 'modeldata', modelstructure: 'purchaseorderdetails', purchase: parts.input.poInternal }),
	},
	build(ctx, itemIndex, parts) {
		const changes = Object.keys(parts.input).filter((key) => key !== 'poInternal' && key !== 'poRecordVersionNumber');
		if (changes.length === 0) {
			throw new NodeOperationError(ctx.getNode(), `Nothing to update in item ${itemIndex}`, {
				itemIndex,
				description: 'Add at least one field under "Update Fields".',
			});
		}
		return parts;
	},
};

const remove: SynergistEndpoint = {
	area: AREA,
	action: 'delete',
	value: 'delete',
	name: 'Delete',
	sentence: 'Delete a purchase order',
	description: 'Delete a purchase order or estimate',
	idempotent: true,
	input: {},
	noun: NOUN,
	required: [{ ...purchaseId(), key: 'poInternal' }],
};

/** A workflow action on `purchase=<poInternal>`. */
const workflow = (action: string, value: string, name: string, sentence: string, description: string, idempotent = true): SynergistEndpoint => ({
	area: AREA,
	action,
	value,
	name,
	sentence,
	description,
	idempotent,
	noun: NOUN,
	required: [purchaseId()],
});

const approve = workflow('approve', 'approve', 'Approve', 'Approve a purchase order', 'Approve a purchase order');
const unapprove = workflow('unapprove', 'unapprove', 'Unapprove', 'Unapprove a purchase order', 'Take back the approval of a purchase order');
const promote = workflow(
	'promote',
	'promote',
	'Promote',
	'Promote a purchase estimate to an order',
	'Make a purchase estimate a real purchase order with its own PO number',
	false,
);
const cancel = workflow('cancel', 'cancel', 'Cancel', 'Cancel a purchase order', 'Cancel a real purchase order and write it off');

const changeCurrency: SynergistEndpoint = {
	...workflow('changecurrency', 'changeCurrency', 'Change Currency', 'Change the currency of a purchase order', 'Change the currency and exchange rate of a purchase order'),
	required: [
		purchaseId(),
		{ ...currencyCode('currency', 'currency'), target: 'query' },
		{ key: 'currencyrate', parameter: 'currencyRate', displayName: 'Currency Rate', type: 'number', description: 'The exchange rate, e.g. 1.18' },
	],
	build(ctx, itemIndex, parts) {
		if (Number(parts.params.currencyrate) <= 0) {
			throw new NodeOperationError(ctx.getNode(), `The field "Currency Rate" has an invalid value "${String(parts.params.currencyrate)}" in item ${itemIndex}`, {
				itemIndex,
				description: 'Expected a rate above 0.',
			});
		}
		return parts;
	},
};

const changeSupplier: SynergistEndpoint = {
	...workflow('changesupplier', 'changeSupplier', 'Change Supplier', 'Change the supplier of a purchase order', 'Give a purchase order to another supplier'),
	required: [purchaseId(), { key: 'supplier', displayName: 'Supplier Code', type: 'code', placeholder: '1/aaaa', loadOptionsMethod: 'getPurchaseSuppliers' }],
};

/** The on/off flags: which one, and the action for on and for off (the checklist's spellings). */
const FLAGS = [
	{ value: 'estimatePicked', name: 'Picked for Estimate', on: 'estimatepicked_on', off: 'estimatepicked_off' },
	{ value: 'investment', name: 'Investment (Not Chargeable)', on: 'investment_on', off: 'investment_off' },
	{ value: 'option', name: 'Option', on: 'option_on', off: 'option_off' },
	// the reference's table says quotedpicked_on, one example quotepicked_on: the table's spelling is sent
	{ value: 'quotePicked', name: 'Picked for Quote', on: 'quotedpicked_on', off: 'quotedpicked_off' },
] as const;

/** One "Set Flag" operation over the eight flag actions (flag + on/off choose the action). */
function setFlagOperation(): Operation {
	const byAction = new Map(
		FLAGS.flatMap((flag) =>
			([flag.on, flag.off] as const).map((action) => [
				action,
				synergistOperation(workflow(action, 'setFlag', 'Set Flag', 'Set a flag of a purchase order', `${action}`)),
			]),
		),
	);
	const properties: INodeProperties[] = [
		...byAction.get('option_on')!.properties,
		{
			displayName: 'Flag',
			name: 'flag',
			type: 'options',
			options: FLAGS.map((flag) => ({ name: flag.name, value: flag.value })),
			default: 'estimatePicked',
			description: 'Which mark of the purchase order to set or clear',
		},
		{
			displayName: 'On',
			name: 'on',
			type: 'boolean',
			default: true,
			description: 'Whether to set the flag (on) or clear it (off)',
		},
	];
	return {
		value: 'setFlag',
		name: 'Set Flag',
		action: 'Set a flag of a purchase order',
		description: 'Pick or unpick for the estimate or quote total, or mark as an option or an investment',
		properties,
		endpoints: FLAGS.flatMap((flag) => [endpointKey({ area: AREA, action: flag.on }), endpointKey({ area: AREA, action: flag.off })]),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const value = this.getNodeParameter('flag', itemIndex) as string;
			const flag = FLAGS.find((f) => f.value === value);
			if (!flag) {
				throw new NodeOperationError(this.getNode(), `The field "Flag" has an invalid value "${value}" in item ${itemIndex}`, {
					itemIndex,
					description: `Expected one of: ${FLAGS.map((f) => f.value).join(', ')}.`,
				});
			}
			const on = this.getNodeParameter('on', itemIndex, true) as boolean;
			return await byAction.get(on ? flag.on : flag.off)!.execute.call(this, itemIndex);
		},
	};
}

/** A template list (`purchaseinputprints` / `purchaseinputfiles`), with each row's template code spelled out. */
const templates = (action: string, value: string, name: string, kind: string): SynergistEndpoint => ({
	...workflow(action, value, name, `Get the ${kind} templates of a purchase order`, `List the ${kind} templates for a purchase order`),
	list: { pageable: false },
	output: (reply) =>
		rowsOf(reply).map((row) => ({
			...row,
			// "PURCHASEINPUTFILE PURCHASEINPUTFILEREPORT -2096": the code for the print/download operations
			templateCode: String(fieldOf(row, 'menuClickAction') ?? '').trim().split(/\s+/).pop() ?? '',
		})),
});

const BINARY_PROPERTY: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
};

/**
 * A print (`purchaseinputprints <code>`: a base64 PDF inside the JSON) or file (`purchaseinputfiles <code>`: the file
 * itself) download into a binary property.
 */
function downloadOperation(endpoint: SynergistEndpoint): Operation {
	const base = synergistOperation(endpoint);
	return {
		...base,
		properties: [...base.properties, BINARY_PROPERTY],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
			if (!/^[A-Za-z0-9_.-]+$/.test(property)) {
				throw new NodeOperationError(this.getNode(), `The field "Put Output File in Field" has an invalid value "${property}" in item ${itemIndex}`, {
					itemIndex,
					description: 'Expected a field name like data.',
				});
			}
			const parts = await synergistCallParts(this, endpoint, itemIndex);
			const template = String(this.getNodeParameter('templateCode', itemIndex, '') ?? '').trim();
			if (!/^-?[A-Za-z0-9_]+$/.test(template)) {
				throw new NodeOperationError(this.getNode(), `The field "${endpoint.templateCode!.displayName}" has an invalid value "${template}" in item ${itemIndex}`, {
					itemIndex,
					description: 'Expected a template code like -2096.',
				});
			}
			const purchase = Number(parts.params.purchase);
			const file = await synergistDownload(this, {
				area: AREA,
				action: `${endpoint.action} ${template}`,
				params: parts.params,
				idempotent: true,
				itemIndex,
				// prints are named ".PDF" only
				fileName: `purchase-order-${purchase}`,
			});
			const fileName = file.fileName ?? `purchase-order-${purchase}`;
			const binary = await this.helpers.prepareBinaryData(file.data, fileName, file.mimeType);
			const json: IDataObject = { purchase, templateCode: template, fileName: binary.fileName ?? fileName, mimeType: binary.mimeType, fileSize: file.data.length };
			return [{ json, binary: { [property]: binary } }];
		},
	};
}

const print: SynergistEndpoint = {
	...workflow('purchaseinputprints', 'print', 'Print', 'Print a purchase order as PDF', 'Print a purchase order with a print template into a PDF file'),
	templateCode: {
		key: 'templateCode',
		displayName: 'Print Template Name or ID',
		type: 'string',
		loadOptionsMethod: 'getPurchasePrintTemplates',
		description: 'The print template (e.g. -2096) from the templates of this purchase order',
	},
};

const downloadFile: SynergistEndpoint = {
	...workflow('purchaseinputfiles', 'downloadFile', 'Download File', 'Download a purchase order file', 'Produce a purchase order file with a file template and download it'),
	templateCode: {
		key: 'templateCode',
		displayName: 'File Template Name or ID',
		type: 'string',
		loadOptionsMethod: 'getPurchaseFileTemplates',
		description: 'The file template (e.g. -1938) from the templates of this purchase order',
	},
};

/** A lookup of the area: every row (or Limit / Return All where the API pages it). */
const lookup = (action: string, value: string, name: string, sentence: string, description: string, extra: Partial<SynergistEndpoint> = {}): SynergistEndpoint => ({
	area: AREA,
	action,
	value,
	name,
	sentence,
	description,
	idempotent: true,
	list: { pageable: false },
	...extra,
});

const lookups: SynergistEndpoint[] = [
	lookup('supplierslist', 'getSuppliers', 'Get Suppliers', 'Get suppliers', 'List the suppliers purchase orders can go to', {
		list: { pageSize: 100, key: 'supplierCode' },
	}),
	lookup('expenseslist', 'getExpenseSuppliers', 'Get Expense Suppliers', 'Get expense suppliers', 'List the suppliers used for expenses', {
		list: { pageSize: 100, key: 'supplierCode' },
	}),
	lookup('supplytypes', 'getSupplyTypes', 'Get Supply Types', 'Get supply types', 'List the supply types, with the given supplier\'s marked as selected', {
		filters: [{ ...supplierFilter, description: "Mark this supplier's supply type as selected" }],
	}),
	lookup('contacts', 'getSupplierContacts', 'Get Supplier Contacts', 'Get supplier contacts', 'List the contacts of suppliers', {
		filters: [{ ...supplierFilter, description: 'Only the contacts of this supplier' }],
	}),
	lookup('orderers', 'getOrderers', 'Get Orderers', 'Get orderers', 'List the users who can place purchase orders'),
	lookup('currencies', 'getCurrencies', 'Get Currencies', 'Get currencies', 'List the currencies ("" is the base currency)'),
	lookup('jobslist', 'getJobs', 'Get Jobs With Currency', 'Get jobs with their currency', 'List jobs with their currency code and exchange rate', {
		list: { pageSize: 100, key: 'jobUuid' },
	}),
	lookup('podescriptions', 'getStandardDescriptions', 'Get Standard Descriptions', 'Get standard purchase order descriptions', 'List the standard purchase order descriptions and texts'),
	lookup('taxcodes', 'getTaxCodes', 'Get Tax Codes', 'Get tax codes', 'List the tax codes'),
	templates('purchaseinputprints', 'getPrintTemplates', 'Get Print Templates', 'print'),
	templates('purchaseinputfiles', 'getFileTemplates', 'Get File Templates', 'file'),
];

export const purchaseOrder: Resource = {
	value: 'purchaseOrder',
	name: 'Purchase Order',
	description: 'Purchase orders and purchase estimates',
	operations: [
		...[get, getAll, getFields, create, update, remove, approve, unapprove, promote, cancel, changeCurrency, changeSupplier].map(synergistOperation),
		setFlagOperation(),
		downloadOperation(print),
		downloadOperation(downloadFile),
		...lookups.map(synergistOperation),
	],
	defaultOperation: 'get',
};
