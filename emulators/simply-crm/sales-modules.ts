/**
 * The sales, support and inventory modules: Potentials, HelpDesk, Products, Services, Vendors, Campaigns,
 * Documents (+ DocumentFolders), Quotes, SalesOrder, PurchaseOrder, Invoice.
 * Id prefixes are this instance's, deliberately unlike a stock vtiger install (where Potentials is 5, Quotes 13, …).
 */
import { LEAD_SOURCES, field, systemFields, type FieldDef, type ModuleDef } from './fields';

/** Modules whose create needs `LineItems` and whose retrieve carries them (VtigerInventoryOperation). */
export const INVENTORY_MODULES = new Set(['Quotes', 'SalesOrder', 'PurchaseOrder', 'Invoice']);
/** What a line item's `productid` may point at. */
export const LINE_ITEM_TARGETS = ['Products', 'Services'];
/** The folder vtiger files a document in when none is given ("Default"). */
export const DEFAULT_FOLDER_ID = '22x1';

const CARRIERS = ['FedEx', 'UPS', 'USPS', 'DHL', 'BlueDart'];
const USAGE_UNITS = ['Box', 'Carton', 'Dozen', 'Each', 'Hours', 'Impressions', 'Lb', 'M', 'Pack', 'Pages', 'Pieces', 'Quantity', 'Reams', 'Sheet', 'Spiral Binder', 'Sq Ft'];

/** Billing and shipping address blocks of the inventory modules. */
function addressFields(): FieldDef[] {
	const block = 'Address Information';
	return [
		field('bill_street', 'Billing Address', 'text', 24, block),
		field('ship_street', 'Shipping Address', 'text', 24, block),
		field('bill_city', 'Billing City', 'string', 1, block),
		field('ship_city', 'Shipping City', 'string', 1, block),
		field('bill_code', 'Billing Postal Code', 'string', 1, block),
		field('ship_code', 'Shipping Postal Code', 'string', 1, block),
		field('bill_country', 'Billing Country', 'string', 1, block),
		field('ship_country', 'Shipping Country', 'string', 1, block),
	];
}

/** Currency, discounts and the totals vtiger computes from the line items (the totals are read-only). */
function financeFields(): FieldDef[] {
	const block = 'Item Details';
	return [
		field('currency_id', 'Currency', 'reference', 117, block, { refersTo: ['Currency'], default: '21x1' }),
		field('hdnTaxType', 'Tax Type', 'picklist', 16, block, { picklist: ['group', 'individual'], default: 'group' }),
		field('hdnDiscountPercent', 'Discount Percent', 'double', 1, block),
		field('hdnDiscountAmount', 'Discount Amount', 'currency', 72, block),
		field('hdnS_H_Amount', 'S&H Amount', 'currency', 72, block),
		field('txtAdjustment', 'Adjustment', 'currency', 72, block),
		field('hdnSubTotal', 'Sub Total', 'currency', 72, block, { editable: false }),
		field('pre_tax_total', 'Pre Tax Total', 'currency', 72, block, { editable: false }),
		field('hdnGrandTotal', 'Total', 'currency', 72, block, { editable: false }),
	];
}

function closingFields(): FieldDef[] {
	return [
		...addressFields(),
		field('terms_conditions', 'Terms & Conditions', 'text', 19, 'Terms & Conditions'),
		field('description', 'Description', 'text', 19, 'Description Information'),
	];
}

const POTENTIALS: ModuleDef = {
	name: 'Potentials',
	label: 'Opportunities',
	singular: 'Opportunity',
	idPrefix: '23',
	isEntity: true,
	writable: true,
	labelFields: ['potentialname'],
	autoNumber: { field: 'potential_no', prefix: 'POT' },
	listFields: ['potentialname', 'related_to', 'sales_stage', 'amount', 'closingdate', 'assigned_user_id'],
	fields: [
		field('potentialname', 'Opportunity Name', 'string', 2, 'Opportunity Details', { mandatory: true }),
		field('potential_no', 'Opportunity No', 'string', 4, 'Opportunity Details', { editable: false }),
		field('amount', 'Amount', 'currency', 71, 'Opportunity Details'),
		field('related_to', 'Organization Name', 'reference', 10, 'Opportunity Details', { refersTo: ['Accounts'] }),
		field('contact_id', 'Contact Name', 'reference', 10, 'Opportunity Details', { refersTo: ['Contacts'] }),
		field('closingdate', 'Expected Close Date', 'date', 23, 'Opportunity Details', { mandatory: true }),
		field('opportunity_type', 'Type', 'picklist', 15, 'Opportunity Details', {
			picklist: ['--None--', 'Existing Business', 'New Business'],
		}),
		field('nextstep', 'Next Step', 'string', 1, 'Opportunity Details'),
		field('leadsource', 'Lead Source', 'picklist', 15, 'Opportunity Details', { picklist: LEAD_SOURCES }),
		field('sales_stage', 'Sales Stage', 'picklist', 15, 'Opportunity Details', {
			mandatory: true,
			picklist: [
				'Prospecting',
				'Qualification',
				'Needs Analysis',
				'Value Proposition',
				'Id. Decision Makers',
				'Perception Analysis',
				'Proposal or Price Quote',
				'Negotiation or Review',
				'Closed Won',
				'Closed Lost',
			],
		}),
		field('probability', 'Probability', 'double', 9, 'Opportunity Details'),
		field('campaignid', 'Campaign Source', 'reference', 58, 'Opportunity Details', { refersTo: ['Campaigns'] }),
		field('isconvertedfromlead', 'Is Converted From Lead', 'boolean', 56, 'Opportunity Details', { editable: false }),
		...systemFields('Opportunity Details'),
		field('description', 'Description', 'text', 19, 'Description Information'),
		field('cf_901', 'Interests', 'multipicklist', 33, 'Custom Information', {
			picklist: ['Hardware', 'Software', 'Support', 'Training'],
		}),
	],
};

const HELPDESK: ModuleDef = {
	name: 'HelpDesk',
	label: 'Tickets',
	singular: 'Ticket',
	idPrefix: '27',
	isEntity: true,
	writable: true,
	labelFields: ['ticket_title'],
	autoNumber: { field: 'ticket_no', prefix: 'TT' },
	listFields: ['ticket_title', 'parent_id', 'ticketstatus', 'ticketpriorities', 'assigned_user_id'],
	fields: [
		field('ticket_title', 'Title', 'string', 22, 'Ticket Information', { mandatory: true }),
		field('ticket_no', 'Ticket No', 'string', 4, 'Ticket Information', { editable: false }),
		field('parent_id', 'Organization Name', 'reference', 10, 'Ticket Information', { refersTo: ['Accounts'] }),
		field('contact_id', 'Contact Name', 'reference', 10, 'Ticket Information', { refersTo: ['Contacts'] }),
		field('product_id', 'Product Name', 'reference', 59, 'Ticket Information', { refersTo: ['Products'] }),
		field('ticketpriorities', 'Priority', 'picklist', 15, 'Ticket Information', {
			picklist: ['Low', 'Normal', 'High', 'Urgent'],
		}),
		field('ticketstatus', 'Status', 'picklist', 15, 'Ticket Information', {
			mandatory: true,
			picklist: ['Open', 'In Progress', 'Wait For Response', 'Closed'],
		}),
		field('ticketseverities', 'Severity', 'picklist', 15, 'Ticket Information', {
			picklist: ['Minor', 'Major', 'Feature', 'Critical'],
		}),
		field('ticketcategories', 'Category', 'picklist', 15, 'Ticket Information', {
			picklist: ['Big Problem', 'Small Problem', 'Other Problem'],
		}),
		field('hours', 'Hours', 'double', 1, 'Ticket Information'),
		field('days', 'Days', 'double', 1, 'Ticket Information'),
		...systemFields('Ticket Information'),
		field('description', 'Description', 'text', 19, 'Description Information'),
		field('solution', 'Solution', 'text', 19, 'Ticket Resolution'),
	],
};

const PRODUCTS: ModuleDef = {
	name: 'Products',
	label: 'Products',
	singular: 'Product',
	idPrefix: '24',
	isEntity: true,
	writable: true,
	labelFields: ['productname'],
	autoNumber: { field: 'product_no', prefix: 'PRO' },
	listFields: ['productname', 'productcode', 'unit_price', 'qtyinstock', 'discontinued'],
	fields: [
		field('productname', 'Product Name', 'string', 2, 'Product Information', { mandatory: true }),
		field('product_no', 'Product No', 'string', 4, 'Product Information', { editable: false }),
		field('productcode', 'Part Number', 'string', 1, 'Product Information'),
		field('discontinued', 'Product Active', 'boolean', 56, 'Product Information', { default: '1' }),
		field('productcategory', 'Product Category', 'picklist', 15, 'Product Information', {
			picklist: ['--None--', 'Hardware', 'Software', 'CRM Applications'],
		}),
		field('manufacturer', 'Manufacturer', 'picklist', 15, 'Product Information', {
			picklist: ['--None--', 'AltvetPet Inc.', 'LexPon Inc.', 'MetBeat Corp'],
		}),
		field('vendor_id', 'Vendor Name', 'reference', 75, 'Product Information', { refersTo: ['Vendors'] }),
		field('sales_start_date', 'Sales Start Date', 'date', 5, 'Product Information'),
		field('sales_end_date', 'Sales End Date', 'date', 5, 'Product Information'),
		field('unit_price', 'Unit Price', 'currency', 72, 'Pricing Information'),
		field('usageunit', 'Usage Unit', 'picklist', 15, 'Stock Information', { picklist: USAGE_UNITS }),
		field('qty_per_unit', 'Qty/Unit', 'double', 1, 'Stock Information'),
		field('qtyinstock', 'Qty In Stock', 'double', 1, 'Stock Information'),
		...systemFields('Stock Information'),
		field('description', 'Description', 'text', 19, 'Description Information'),
	],
};

const SERVICES: ModuleDef = {
	name: 'Services',
	label: 'Services',
	singular: 'Service',
	idPrefix: '36',
	isEntity: true,
	writable: true,
	labelFields: ['servicename'],
	autoNumber: { field: 'service_no', prefix: 'SER' },
	listFields: ['servicename', 'servicecategory', 'unit_price', 'service_usageunit', 'discontinued'],
	fields: [
		field('servicename', 'Service Name', 'string', 2, 'Service Information', { mandatory: true }),
		field('service_no', 'Service No', 'string', 4, 'Service Information', { editable: false }),
		field('service_usageunit', 'Usage Unit', 'picklist', 15, 'Service Information', {
			picklist: ['Hours', 'Days', 'Incidents'],
		}),
		field('qty_per_unit', 'No of Units', 'double', 1, 'Service Information'),
		field('discontinued', 'Service Active', 'boolean', 56, 'Service Information', { default: '1' }),
		field('servicecategory', 'Service Category', 'picklist', 15, 'Service Information', {
			picklist: ['--None--', 'Support', 'Installation', 'Migration', 'Customization', 'Training'],
		}),
		field('sales_start_date', 'Sales Start Date', 'date', 5, 'Service Information'),
		field('unit_price', 'Price', 'currency', 72, 'Pricing Information'),
		...systemFields('Service Information'),
		field('description', 'Description', 'text', 19, 'Description Information'),
	],
};

const VENDORS: ModuleDef = {
	name: 'Vendors',
	label: 'Vendors',
	singular: 'Vendor',
	idPrefix: '37',
	isEntity: true,
	writable: true,
	labelFields: ['vendorname'],
	autoNumber: { field: 'vendor_no', prefix: 'VEN' },
	listFields: ['vendorname', 'phone', 'email', 'category'],
	fields: [
		field('vendorname', 'Vendor Name', 'string', 2, 'Vendor Information', { mandatory: true }),
		field('vendor_no', 'Vendor No', 'string', 4, 'Vendor Information', { editable: false }),
		field('phone', 'Phone', 'phone', 1, 'Vendor Information'),
		field('email', 'Email', 'email', 13, 'Vendor Information'),
		field('website', 'Website', 'url', 17, 'Vendor Information'),
		field('category', 'Category', 'string', 1, 'Vendor Information'),
		...systemFields('Vendor Information'),
		field('city', 'City', 'string', 1, 'Address Information'),
		field('country', 'Country', 'string', 1, 'Address Information'),
		field('description', 'Description', 'text', 19, 'Description Information'),
	],
};

const CAMPAIGNS: ModuleDef = {
	name: 'Campaigns',
	label: 'Campaigns',
	singular: 'Campaign',
	idPrefix: '28',
	isEntity: true,
	writable: true,
	labelFields: ['campaignname'],
	autoNumber: { field: 'campaign_no', prefix: 'CAM' },
	listFields: ['campaignname', 'campaigntype', 'campaignstatus', 'closingdate', 'assigned_user_id'],
	fields: [
		field('campaignname', 'Campaign Name', 'string', 2, 'Campaign Information', { mandatory: true }),
		field('campaign_no', 'Campaign No', 'string', 4, 'Campaign Information', { editable: false }),
		field('campaigntype', 'Campaign Type', 'picklist', 15, 'Campaign Information', {
			picklist: [
				'--None--',
				'Conference',
				'Webinar',
				'Trade Show',
				'Public Relations',
				'Partners',
				'Referral Program',
				'Advertisement',
				'Banner Ads',
				'Direct Mail',
				'Email',
				'Telemarketing',
				'Others',
			],
		}),
		field('campaignstatus', 'Campaign Status', 'picklist', 15, 'Campaign Information', {
			picklist: ['--None--', 'Planning', 'Active', 'Inactive', 'Completed', 'Cancelled'],
		}),
		field('product_id', 'Product', 'reference', 59, 'Campaign Information', { refersTo: ['Products'] }),
		field('targetaudience', 'Target Audience', 'string', 1, 'Campaign Information'),
		field('sponsor', 'Sponsor', 'string', 1, 'Campaign Information'),
		field('closingdate', 'Expected Close Date', 'date', 23, 'Campaign Information', { mandatory: true }),
		field('numsent', 'Num Sent', 'double', 9, 'Campaign Information'),
		...systemFields('Campaign Information'),
		field('budgetcost', 'Budget Cost', 'currency', 71, 'Expectations & Actuals'),
		field('actualcost', 'Actual Cost', 'currency', 71, 'Expectations & Actuals'),
		field('expectedresponse', 'Expected Response', 'picklist', 15, 'Expectations & Actuals', {
			picklist: ['--None--', 'Excellent', 'Good', 'Average', 'Poor'],
		}),
		field('expectedrevenue', 'Expected Revenue', 'currency', 71, 'Expectations & Actuals'),
		field('description', 'Description', 'text', 19, 'Description Information'),
	],
};

const DOCUMENTS: ModuleDef = {
	name: 'Documents',
	label: 'Documents',
	singular: 'Document',
	idPrefix: '29',
	isEntity: true,
	writable: true,
	labelFields: ['notes_title'],
	autoNumber: { field: 'note_no', prefix: 'DOC' },
	listFields: ['notes_title', 'filename', 'folderid', 'filesize', 'assigned_user_id'],
	fields: [
		field('notes_title', 'Title', 'string', 2, 'Basic Information', { mandatory: true }),
		field('note_no', 'Document No', 'string', 4, 'Basic Information', { editable: false }),
		field('folderid', 'Folder Name', 'reference', 26, 'Basic Information', {
			refersTo: ['DocumentFolders'],
			default: DEFAULT_FOLDER_ID,
		}),
		...systemFields('Basic Information'),
		field('notecontent', 'Note', 'text', 19, 'Description'),
		field('filelocationtype', 'Download Type', 'picklist', 27, 'File Information', {
			picklist: ['I', 'E'],
			picklistLabels: { I: 'Internal', E: 'External' },
		}),
		field('filestatus', 'Active', 'boolean', 56, 'File Information', { default: '1' }),
		// For filelocationtype E this is the external URL; for I the uploaded file's name.
		field('filename', 'File Name', 'file', 28, 'File Information'),
		field('filesize', 'File Size', 'integer', 1, 'File Information', { editable: false }),
		field('filetype', 'File Type', 'string', 1, 'File Information', { editable: false }),
		field('fileversion', 'Version', 'string', 1, 'File Information'),
		field('filedownloadcount', 'Download Count', 'integer', 1, 'File Information', { editable: false }),
	],
};

const DOCUMENT_FOLDERS: ModuleDef = {
	name: 'DocumentFolders',
	label: 'Document Folders',
	singular: 'Document Folder',
	idPrefix: '22',
	isEntity: false,
	writable: false,
	labelFields: ['foldername'],
	listFields: ['foldername'],
	fields: [
		field('foldername', 'Folder Name', 'string', 1, 'Folder Information', { mandatory: true }),
		field('description', 'Description', 'text', 19, 'Folder Information'),
		field('createdby', 'Created By', 'reference', 52, 'Folder Information', { refersTo: ['Users'], editable: false }),
		field('sequence', 'Sequence', 'integer', 1, 'Folder Information', { editable: false }),
	],
};

function inventoryModule(def: {
	name: string;
	label: string;
	singular: string;
	idPrefix: string;
	autoNumber: { field: string; prefix: string };
	statusField: FieldDef;
	headerFields: FieldDef[];
}): ModuleDef {
	const block = `${def.singular} Information`;
	return {
		name: def.name,
		label: def.label,
		singular: def.singular,
		idPrefix: def.idPrefix,
		isEntity: true,
		writable: true,
		labelFields: ['subject'],
		autoNumber: def.autoNumber,
		listFields: ['subject', def.autoNumber.field, def.statusField.name, 'hdnGrandTotal', 'assigned_user_id'],
		fields: [
			field('subject', 'Subject', 'string', 2, block, { mandatory: true }),
			field(def.autoNumber.field, `${def.singular} No`, 'string', 4, block, { editable: false }),
			def.statusField,
			...def.headerFields.map((f) => ({ ...f, block })),
			field('carrier', 'Carrier', 'picklist', 15, block, { picklist: CARRIERS }),
			...systemFields(block),
			...financeFields(),
			...closingFields(),
		],
	};
}

const QUOTES = inventoryModule({
	name: 'Quotes',
	label: 'Quotes',
	singular: 'Quote',
	idPrefix: '30',
	autoNumber: { field: 'quote_no', prefix: 'QUO' },
	statusField: field('quotestage', 'Quote Stage', 'picklist', 15, 'Quote Information', {
		mandatory: true,
		picklist: ['Created', 'Delivered', 'Reviewed', 'Accepted', 'Rejected'],
	}),
	headerFields: [
		field('potential_id', 'Opportunity Name', 'reference', 76, '', { refersTo: ['Potentials'] }),
		field('validtill', 'Valid Till', 'date', 5, ''),
		field('contact_id', 'Contact Name', 'reference', 57, '', { refersTo: ['Contacts'] }),
		field('account_id', 'Organization Name', 'reference', 73, '', { refersTo: ['Accounts'], mandatory: true }),
		field('shipping', 'Shipping', 'string', 1, ''),
	],
});

const SALES_ORDER = inventoryModule({
	name: 'SalesOrder',
	label: 'Sales Orders',
	singular: 'SalesOrder',
	idPrefix: '31',
	autoNumber: { field: 'salesorder_no', prefix: 'SO' },
	statusField: field('sostatus', 'Status', 'picklist', 15, 'SalesOrder Information', {
		mandatory: true,
		picklist: ['Created', 'Approved', 'Delivered', 'Cancelled'],
	}),
	headerFields: [
		field('potential_id', 'Opportunity Name', 'reference', 76, '', { refersTo: ['Potentials'] }),
		field('customerno', 'Customer No', 'string', 1, ''),
		field('quote_id', 'Quote Name', 'reference', 78, '', { refersTo: ['Quotes'] }),
		field('vtiger_purchaseorder', 'Purchase Order', 'string', 1, ''),
		field('contact_id', 'Contact Name', 'reference', 57, '', { refersTo: ['Contacts'] }),
		field('duedate', 'Due Date', 'date', 5, ''),
		field('pending', 'Pending', 'string', 1, ''),
		field('salescommission', 'Sales Commission', 'double', 1, ''),
		field('account_id', 'Organization Name', 'reference', 73, '', { refersTo: ['Accounts'], mandatory: true }),
	],
});

const PURCHASE_ORDER = inventoryModule({
	name: 'PurchaseOrder',
	label: 'Purchase Orders',
	singular: 'PurchaseOrder',
	idPrefix: '32',
	autoNumber: { field: 'purchaseorder_no', prefix: 'PO' },
	statusField: field('postatus', 'Status', 'picklist', 15, 'PurchaseOrder Information', {
		mandatory: true,
		picklist: ['Created', 'Approved', 'Delivered', 'Cancelled', 'Received Shipment'],
	}),
	headerFields: [
		field('vendor_id', 'Vendor Name', 'reference', 81, '', { refersTo: ['Vendors'], mandatory: true }),
		field('requisition_no', 'Requisition No', 'string', 1, ''),
		field('tracking_no', 'Tracking Number', 'string', 1, ''),
		field('contact_id', 'Contact Name', 'reference', 57, '', { refersTo: ['Contacts'] }),
		field('duedate', 'Due Date', 'date', 5, ''),
	],
});

const INVOICE = inventoryModule({
	name: 'Invoice',
	label: 'Invoice',
	singular: 'Invoice',
	idPrefix: '33',
	autoNumber: { field: 'invoice_no', prefix: 'INV' },
	statusField: field('invoicestatus', 'Status', 'picklist', 15, 'Invoice Information', {
		picklist: ['AutoCreated', 'Created', 'Approved', 'Sent', 'Credit Invoice', 'Paid', 'Cancel'],
		default: 'Created',
	}),
	headerFields: [
		field('salesorder_id', 'Sales Order', 'reference', 80, '', { refersTo: ['SalesOrder'] }),
		field('customerno', 'Customer No', 'string', 1, ''),
		field('contact_id', 'Contact Name', 'reference', 57, '', { refersTo: ['Contacts'] }),
		field('invoicedate', 'Invoice Date', 'date', 5, ''),
		field('duedate', 'Due Date', 'date', 5, ''),
		field('vtiger_purchaseorder', 'Purchase Order', 'string', 1, ''),
		field('account_id', 'Organization Name', 'reference', 73, '', { refersTo: ['Accounts'], mandatory: true }),
	],
});

/** In `listtypes` order after the core modules. */
export const SALES_MODULES: ModuleDef[] = [
	POTENTIALS,
	PRODUCTS,
	DOCUMENTS,
	HELPDESK,
	VENDORS,
	QUOTES,
	PURCHASE_ORDER,
	SALES_ORDER,
	INVOICE,
	CAMPAIGNS,
	DOCUMENT_FOLDERS,
	SERVICES,
];
