/** Module metadata of the emulated Simply CRM instance (what `listtypes` and `describe` report). */

export type FieldType =
	| 'string'
	| 'text'
	| 'email'
	| 'phone'
	| 'url'
	| 'integer'
	| 'currency'
	| 'date'
	| 'datetime'
	| 'boolean'
	| 'picklist'
	| 'reference'
	| 'owner';

export interface FieldDef {
	name: string;
	label: string;
	type: FieldType;
	uitype: number;
	block: string;
	mandatory?: boolean;
	/** false for system-maintained fields (createdtime, modifiedtime, auto numbers). */
	editable?: boolean;
	picklist?: string[];
	refersTo?: string[];
}

export interface ModuleDef {
	name: string;
	label: string;
	singular: string;
	/** Instance-specific webservice entity id: the `12` in `12x525`. */
	idPrefix: string;
	isEntity: boolean;
	/** create/update/delete through the API. */
	writable: boolean;
	labelFields: string[];
	autoNumber?: { field: string; prefix: string };
	/** Columns the mobile listModuleRecords returns. */
	listFields: string[];
	fields: FieldDef[];
}

export const NUMERIC_TYPES = new Set<FieldType>(['integer', 'currency']);

const SALUTATIONS = ['--None--', 'Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'];
export const LEAD_SOURCES = [
	'--None--',
	'Cold Call',
	'Existing Customer',
	'Self Generated',
	'Employee',
	'Partner',
	'Public Relations',
	'Direct Mail',
	'Conference',
	'Trade Show',
	'Web Site',
	'Word of mouth',
	'Other',
];
export const INDUSTRIES = [
	'--None--',
	'Apparel',
	'Banking',
	'Biotechnology',
	'Construction',
	'Consulting',
	'Education',
	'Energy',
	'Engineering',
	'Finance',
	'Healthcare',
	'Hospitality',
	'Manufacturing',
	'Retail',
	'Technology',
	'Transportation',
	'Other',
];
export const ACCOUNT_TYPES = [
	'--None--',
	'Analyst',
	'Competitor',
	'Customer',
	'Integrator',
	'Partner',
	'Prospect',
	'Reseller',
	'Other',
];
export const LEAD_STATUSES = [
	'--None--',
	'Attempted to Contact',
	'Cold',
	'Contact in Future',
	'Contacted',
	'Hot',
	'Junk Lead',
	'Lost Lead',
	'Not Contacted',
	'Pre Qualified',
	'Qualified',
	'Warm',
];
const RATINGS = [
	'--None--',
	'Acquired',
	'Active',
	'Market Failed',
	'Project Cancelled',
	'Shutdown',
];

/** The fields every CRM entity carries (vtiger_crmentity columns). */
function systemFields(block: string): FieldDef[] {
	return [
		{
			name: 'assigned_user_id',
			label: 'Assigned To',
			type: 'owner',
			uitype: 53,
			block,
			mandatory: true,
		},
		{
			name: 'createdtime',
			label: 'Created Time',
			type: 'datetime',
			uitype: 70,
			block,
			editable: false,
		},
		{
			name: 'modifiedtime',
			label: 'Modified Time',
			type: 'datetime',
			uitype: 70,
			block,
			editable: false,
		},
		{
			name: 'modifiedby',
			label: 'Last Modified By',
			type: 'reference',
			uitype: 52,
			block,
			editable: false,
			refersTo: ['Users'],
		},
	];
}

const CONTACTS: ModuleDef = {
	name: 'Contacts',
	label: 'Contacts',
	singular: 'Contact',
	idPrefix: '12',
	isEntity: true,
	writable: true,
	labelFields: ['firstname', 'lastname'],
	autoNumber: { field: 'contact_no', prefix: 'CON' },
	listFields: ['firstname', 'lastname', 'email', 'phone', 'account_id', 'assigned_user_id'],
	fields: [
		{
			name: 'salutationtype',
			label: 'Salutation',
			type: 'picklist',
			uitype: 55,
			block: 'Contact Information',
			picklist: SALUTATIONS,
		},
		{
			name: 'firstname',
			label: 'First Name',
			type: 'string',
			uitype: 55,
			block: 'Contact Information',
		},
		{
			name: 'contact_no',
			label: 'Contact Id',
			type: 'string',
			uitype: 4,
			block: 'Contact Information',
			editable: false,
		},
		{
			name: 'lastname',
			label: 'Last Name',
			type: 'string',
			uitype: 255,
			block: 'Contact Information',
			mandatory: true,
		},
		{
			name: 'phone',
			label: 'Office Phone',
			type: 'phone',
			uitype: 11,
			block: 'Contact Information',
		},
		{
			name: 'account_id',
			label: 'Organization Name',
			type: 'reference',
			uitype: 51,
			block: 'Contact Information',
			refersTo: ['Accounts'],
		},
		{ name: 'mobile', label: 'Mobile', type: 'phone', uitype: 11, block: 'Contact Information' },
		{
			name: 'leadsource',
			label: 'Lead Source',
			type: 'picklist',
			uitype: 15,
			block: 'Contact Information',
			picklist: LEAD_SOURCES,
		},
		{ name: 'title', label: 'Title', type: 'string', uitype: 1, block: 'Contact Information' },
		{
			name: 'department',
			label: 'Department',
			type: 'string',
			uitype: 1,
			block: 'Contact Information',
		},
		{ name: 'email', label: 'Email', type: 'email', uitype: 13, block: 'Contact Information' },
		{ name: 'birthday', label: 'Birthdate', type: 'date', uitype: 5, block: 'Contact Information' },
		{
			name: 'emailoptout',
			label: 'Email Opt Out',
			type: 'boolean',
			uitype: 56,
			block: 'Contact Information',
		},
		{
			name: 'donotcall',
			label: 'Do Not Call',
			type: 'boolean',
			uitype: 56,
			block: 'Contact Information',
		},
		...systemFields('Contact Information'),
		{
			name: 'mailingstreet',
			label: 'Mailing Street',
			type: 'text',
			uitype: 21,
			block: 'Address Information',
		},
		{
			name: 'mailingcity',
			label: 'Mailing City',
			type: 'string',
			uitype: 1,
			block: 'Address Information',
		},
		{
			name: 'mailingzip',
			label: 'Mailing Zip',
			type: 'string',
			uitype: 1,
			block: 'Address Information',
		},
		{
			name: 'mailingcountry',
			label: 'Mailing Country',
			type: 'string',
			uitype: 1,
			block: 'Address Information',
		},
		{
			name: 'description',
			label: 'Description',
			type: 'text',
			uitype: 19,
			block: 'Description Information',
		},
		{
			name: 'cf_851',
			label: 'Customer Number',
			type: 'string',
			uitype: 1,
			block: 'Custom Information',
		},
	],
};

const ACCOUNTS: ModuleDef = {
	name: 'Accounts',
	label: 'Organizations',
	singular: 'Organization',
	idPrefix: '11',
	isEntity: true,
	writable: true,
	labelFields: ['accountname'],
	autoNumber: { field: 'account_no', prefix: 'ACC' },
	listFields: ['accountname', 'website', 'phone', 'bill_city', 'assigned_user_id'],
	fields: [
		{
			name: 'accountname',
			label: 'Organization Name',
			type: 'string',
			uitype: 2,
			block: 'Organization Information',
			mandatory: true,
		},
		{
			name: 'account_no',
			label: 'Organization No',
			type: 'string',
			uitype: 4,
			block: 'Organization Information',
			editable: false,
		},
		{
			name: 'website',
			label: 'Website',
			type: 'url',
			uitype: 17,
			block: 'Organization Information',
		},
		{
			name: 'phone',
			label: 'Primary Phone',
			type: 'phone',
			uitype: 11,
			block: 'Organization Information',
		},
		{
			name: 'email1',
			label: 'Primary Email',
			type: 'email',
			uitype: 13,
			block: 'Organization Information',
		},
		{
			name: 'industry',
			label: 'Industry',
			type: 'picklist',
			uitype: 15,
			block: 'Organization Information',
			picklist: INDUSTRIES,
		},
		{
			name: 'accounttype',
			label: 'Type',
			type: 'picklist',
			uitype: 15,
			block: 'Organization Information',
			picklist: ACCOUNT_TYPES,
		},
		{
			name: 'employees',
			label: 'Employees',
			type: 'integer',
			uitype: 7,
			block: 'Organization Information',
		},
		{
			name: 'annual_revenue',
			label: 'Annual Revenue',
			type: 'currency',
			uitype: 71,
			block: 'Organization Information',
		},
		...systemFields('Organization Information'),
		{
			name: 'bill_street',
			label: 'Billing Address',
			type: 'text',
			uitype: 24,
			block: 'Address Information',
		},
		{
			name: 'bill_city',
			label: 'Billing City',
			type: 'string',
			uitype: 1,
			block: 'Address Information',
		},
		{
			name: 'bill_code',
			label: 'Billing Postal Code',
			type: 'string',
			uitype: 1,
			block: 'Address Information',
		},
		{
			name: 'bill_country',
			label: 'Billing Country',
			type: 'string',
			uitype: 1,
			block: 'Address Information',
		},
		{
			name: 'description',
			label: 'Description',
			type: 'text',
			uitype: 19,
			block: 'Description Information',
		},
	],
};

const LEADS: ModuleDef = {
	name: 'Leads',
	label: 'Leads',
	singular: 'Lead',
	idPrefix: '10',
	isEntity: true,
	writable: true,
	labelFields: ['firstname', 'lastname'],
	autoNumber: { field: 'lead_no', prefix: 'LEA' },
	listFields: ['firstname', 'lastname', 'company', 'email', 'leadstatus', 'assigned_user_id'],
	fields: [
		{
			name: 'salutationtype',
			label: 'Salutation',
			type: 'picklist',
			uitype: 55,
			block: 'Lead Information',
			picklist: SALUTATIONS,
		},
		{
			name: 'firstname',
			label: 'First Name',
			type: 'string',
			uitype: 55,
			block: 'Lead Information',
		},
		{
			name: 'lead_no',
			label: 'Lead No',
			type: 'string',
			uitype: 4,
			block: 'Lead Information',
			editable: false,
		},
		{
			name: 'lastname',
			label: 'Last Name',
			type: 'string',
			uitype: 255,
			block: 'Lead Information',
			mandatory: true,
		},
		{ name: 'company', label: 'Company', type: 'string', uitype: 2, block: 'Lead Information' },
		{ name: 'designation', label: 'Title', type: 'string', uitype: 1, block: 'Lead Information' },
		{ name: 'email', label: 'Email', type: 'email', uitype: 13, block: 'Lead Information' },
		{ name: 'phone', label: 'Phone', type: 'phone', uitype: 11, block: 'Lead Information' },
		{ name: 'mobile', label: 'Mobile', type: 'phone', uitype: 11, block: 'Lead Information' },
		{ name: 'website', label: 'Website', type: 'url', uitype: 17, block: 'Lead Information' },
		{
			name: 'leadsource',
			label: 'Lead Source',
			type: 'picklist',
			uitype: 15,
			block: 'Lead Information',
			picklist: LEAD_SOURCES,
		},
		{
			name: 'leadstatus',
			label: 'Lead Status',
			type: 'picklist',
			uitype: 15,
			block: 'Lead Information',
			picklist: LEAD_STATUSES,
		},
		{
			name: 'industry',
			label: 'Industry',
			type: 'picklist',
			uitype: 15,
			block: 'Lead Information',
			picklist: INDUSTRIES,
		},
		{
			name: 'annualrevenue',
			label: 'Annual Revenue',
			type: 'currency',
			uitype: 71,
			block: 'Lead Information',
		},
		{
			name: 'noofemployees',
			label: 'No Of Employees',
			type: 'integer',
			uitype: 1,
			block: 'Lead Information',
		},
		{
			name: 'rating',
			label: 'Rating',
			type: 'picklist',
			uitype: 15,
			block: 'Lead Information',
			picklist: RATINGS,
		},
		...systemFields('Lead Information'),
		{ name: 'lane', label: 'Street', type: 'text', uitype: 21, block: 'Address Information' },
		{ name: 'city', label: 'City', type: 'string', uitype: 1, block: 'Address Information' },
		{ name: 'code', label: 'Postal Code', type: 'string', uitype: 1, block: 'Address Information' },
		{ name: 'country', label: 'Country', type: 'string', uitype: 1, block: 'Address Information' },
		{
			name: 'description',
			label: 'Description',
			type: 'text',
			uitype: 19,
			block: 'Description Information',
		},
	],
};

const MOD_COMMENTS: ModuleDef = {
	name: 'ModComments',
	label: 'Comments',
	singular: 'Comment',
	idPrefix: '34',
	isEntity: true,
	writable: true,
	labelFields: ['commentcontent'],
	listFields: ['commentcontent', 'related_to', 'creator'],
	fields: [
		{
			name: 'commentcontent',
			label: 'Comment',
			type: 'text',
			uitype: 19,
			block: 'Comment Information',
			mandatory: true,
		},
		{
			name: 'related_to',
			label: 'Related To',
			type: 'reference',
			uitype: 10,
			block: 'Comment Information',
			mandatory: true,
			refersTo: ['Leads', 'Accounts', 'Contacts'],
		},
		{
			name: 'creator',
			label: 'Creator',
			type: 'reference',
			uitype: 52,
			block: 'Comment Information',
			editable: false,
			refersTo: ['Users'],
		},
		{
			name: 'parent_comments',
			label: 'Related To Comments',
			type: 'reference',
			uitype: 10,
			block: 'Comment Information',
			refersTo: ['ModComments'],
		},
		...systemFields('Comment Information'),
	],
};

const USERS: ModuleDef = {
	name: 'Users',
	label: 'Users',
	singular: 'User',
	idPrefix: '19',
	isEntity: true,
	writable: false,
	labelFields: ['first_name', 'last_name'],
	listFields: ['user_name', 'first_name', 'last_name', 'email1', 'status'],
	fields: [
		{
			name: 'user_name',
			label: 'User Name',
			type: 'string',
			uitype: 106,
			block: 'User Login & Role',
			mandatory: true,
		},
		{ name: 'is_admin', label: 'Admin', type: 'boolean', uitype: 156, block: 'User Login & Role' },
		{
			name: 'email1',
			label: 'Email',
			type: 'email',
			uitype: 104,
			block: 'User Login & Role',
			mandatory: true,
		},
		{
			name: 'first_name',
			label: 'First Name',
			type: 'string',
			uitype: 1,
			block: 'User Login & Role',
		},
		{
			name: 'last_name',
			label: 'Last Name',
			type: 'string',
			uitype: 2,
			block: 'User Login & Role',
			mandatory: true,
		},
		{
			name: 'roleid',
			label: 'Role',
			type: 'string',
			uitype: 98,
			block: 'User Login & Role',
			mandatory: true,
		},
		{
			name: 'status',
			label: 'Status',
			type: 'picklist',
			uitype: 115,
			block: 'User Login & Role',
			picklist: ['Active', 'Inactive'],
		},
		{
			name: 'date_format',
			label: 'Date Format',
			type: 'picklist',
			uitype: 16,
			block: 'Currency and Number Field Configuration',
			picklist: ['yyyy-mm-dd', 'dd-mm-yyyy', 'mm-dd-yyyy'],
		},
		{
			name: 'time_zone',
			label: 'Time Zone',
			type: 'string',
			uitype: 16,
			block: 'Currency and Number Field Configuration',
		},
	],
};

const GROUPS: ModuleDef = {
	name: 'Groups',
	label: 'Groups',
	singular: 'Group',
	idPrefix: '20',
	isEntity: false,
	writable: false,
	labelFields: ['groupname'],
	listFields: ['groupname'],
	fields: [
		{
			name: 'groupname',
			label: 'Group Name',
			type: 'string',
			uitype: 1,
			block: 'Group Information',
			mandatory: true,
		},
		{
			name: 'description',
			label: 'Description',
			type: 'text',
			uitype: 19,
			block: 'Group Information',
		},
	],
};

const CURRENCY: ModuleDef = {
	name: 'Currency',
	label: 'Currency',
	singular: 'Currency',
	idPrefix: '21',
	isEntity: false,
	writable: false,
	labelFields: ['currency_name'],
	listFields: ['currency_name'],
	fields: [
		{
			name: 'currency_name',
			label: 'Currency Name',
			type: 'string',
			uitype: 1,
			block: 'Currency',
			mandatory: true,
		},
		{ name: 'currency_code', label: 'Currency Code', type: 'string', uitype: 1, block: 'Currency' },
		{
			name: 'currency_symbol',
			label: 'Currency Symbol',
			type: 'string',
			uitype: 1,
			block: 'Currency',
		},
		{
			name: 'conversion_rate',
			label: 'Conversion Rate',
			type: 'currency',
			uitype: 1,
			block: 'Currency',
		},
		{
			name: 'currency_status',
			label: 'Currency Status',
			type: 'string',
			uitype: 1,
			block: 'Currency',
		},
	],
};

/** Every module the API user may access, in `listtypes` order. Add a module here and it is live everywhere. */
export const MODULES: ModuleDef[] = [
	LEADS,
	ACCOUNTS,
	CONTACTS,
	MOD_COMMENTS,
	USERS,
	GROUPS,
	CURRENCY,
];

export const MODULE_BY_NAME = new Map(MODULES.map((m) => [m.name, m]));
export const MODULE_BY_PREFIX = new Map(MODULES.map((m) => [m.idPrefix, m]));

export function fieldOf(module: ModuleDef, name: string): FieldDef | undefined {
	return module.fields.find((f) => f.name === name);
}

/** Fields whose value is a composite id (reference, owner) with the modules they may point at. */
export function referenceTargets(field: FieldDef): string[] | undefined {
	if (field.type === 'owner') return ['Users', 'Groups'];
	if (field.type === 'reference') return field.refersTo ?? [];
	return undefined;
}
