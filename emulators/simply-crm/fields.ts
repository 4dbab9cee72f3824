/** Field and module shapes plus the picklists and system fields the module definitions share. */
export type FieldType =
	| 'string'
	| 'text'
	| 'email'
	| 'phone'
	| 'url'
	| 'integer'
	| 'double'
	| 'currency'
	| 'date'
	| 'datetime'
	| 'boolean'
	| 'picklist'
	| 'multipicklist'
	| 'reference'
	| 'owner'
	| 'file';

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
	/** Display labels where they differ from the stored value (Documents' filelocationtype: I → Internal). */
	picklistLabels?: Record<string, string>;
	refersTo?: string[];
	/** What create fills in when the element leaves the field out; describe reports it as `default`. */
	default?: string;
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

export const NUMERIC_TYPES = new Set<FieldType>(['integer', 'double', 'currency']);

export const SALUTATIONS = ['--None--', 'Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'];
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
export const RATINGS = [
	'--None--',
	'Acquired',
	'Active',
	'Market Failed',
	'Project Cancelled',
	'Shutdown',
];

/** The fields every CRM entity carries (vtiger_crmentity columns). */
export function systemFields(block: string): FieldDef[] {
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

/** A field definition in one line: name, label, type, uitype, block and any extras. */
export function field(
	name: string,
	label: string,
	type: FieldType,
	uitype: number,
	block: string,
	extra: Partial<FieldDef> = {},
): FieldDef {
	return { name, label, type, uitype, block, ...extra };
}
