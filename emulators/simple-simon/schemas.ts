/*
 * The 13 Simple-Simon entity types as data: one table row per collection with its properties (EDM type, required,
 * limits, enumerations, foreign keys). The emulator builds its request validation (zod), its $filter/$orderby/$select
 * type checks and its CRUD routes from this table; nothing here knows about HTTP.
 */

export type EdmType =
	| 'Edm.String'
	| 'Edm.Int32'
	| 'Edm.Double'
	| 'Edm.Boolean'
	| 'Edm.Guid'
	| 'Edm.DateTimeOffset'
	| 'Edm.Binary';

export const COLLECTIONS = [
	'customers',
	'contacts',
	'locations',
	'workorders',
	'equipment',
	'itemgroups',
	'items',
	'users',
	'plannings',
	'workordersurveys',
	'useditems',
	'timesheets',
	'attachments',
] as const;

export type Collection = (typeof COLLECTIONS)[number];

export type Row = Record<string, unknown>;

export interface FieldSpec {
	type: EdmType;
	required?: boolean;
	/** Maximum string length. */
	maxLength?: number;
	/** Allowed string values. */
	values?: readonly string[];
	/** Numeric range; `above` is exclusive. */
	min?: number;
	max?: number;
	above?: number;
	format?: 'email' | 'country';
	/** Foreign key: the collection whose row this Guid must name. */
	ref?: Collection;
	/** Value when the property is left out of a create or a PUT. */
	default?: unknown;
	/** Set only on create; a PUT may leave it out (kept) or repeat it unchanged (attachment content and parents). */
	immutable?: boolean;
	/** Read-only, computed by the server (attachment Size). */
	computed?: boolean;
	/** Not in list rows and not usable in $select/$filter/$orderby of a list (attachment Content). */
	heavy?: boolean;
}

export interface EntityTable {
	collection: Collection;
	/** The entity type's short name as ASP.NET messages show it (`Location`, `WorkOrder`). */
	name: string;
	fields: Record<string, FieldSpec>;
	/** A rule across properties; returns the 400 message when the row breaks it. */
	check?: (row: Row) => string | undefined;
}

export const NAMESPACE = 'SimpleSimon';
export const typeName = (table: EntityTable) => `${NAMESPACE}.${table.name}`;

const str = (maxLength: number, extra: Partial<FieldSpec> = {}): FieldSpec => ({
	type: 'Edm.String',
	maxLength,
	...extra,
});
const req = (maxLength: number, extra: Partial<FieldSpec> = {}): FieldSpec =>
	str(maxLength, { required: true, ...extra });
const fk = (ref: Collection, required = false): FieldSpec => ({ type: 'Edm.Guid', ref, required });
const bool = (fallback: boolean): FieldSpec => ({ type: 'Edm.Boolean', default: fallback });
const date = (required = false): FieldSpec => ({ type: 'Edm.DateTimeOffset', required });
const double = (extra: Partial<FieldSpec> = {}): FieldSpec => ({ type: 'Edm.Double', ...extra });

const address = {
	Street: str(100),
	HouseNumber: str(10),
	PostalCode: str(10),
	City: str(60),
	Country: str(2, { format: 'country' }),
};

export const ENTITY_TABLES: Record<Collection, EntityTable> = {
	customers: {
		collection: 'customers',
		name: 'Customer',
		fields: {
			Code: str(20),
			Name: req(100),
			Email: str(100, { format: 'email' }),
			Phone: str(30),
			...address,
			VatNumber: str(20),
			IsActive: bool(true),
		},
	},
	contacts: {
		collection: 'contacts',
		name: 'Contact',
		fields: {
			FirstName: str(50),
			LastName: req(80),
			Email: str(100, { format: 'email' }),
			Phone: str(30),
			Mobile: str(30),
			JobTitle: str(60),
			CustomerId: fk('customers'),
			LocationId: fk('locations'),
		},
		check: (row) =>
			row.CustomerId == null && row.LocationId == null
				? 'A Contact must belong to a customer or a location: set CustomerId or LocationId.'
				: undefined,
	},
	locations: {
		collection: 'locations',
		name: 'Location',
		fields: {
			Code: str(20),
			Name: req(100),
			...address,
			Phone: str(30),
			Email: str(100, { format: 'email' }),
			CustomerId: fk('customers'),
			Remarks: str(2000),
			Latitude: double({ min: -90, max: 90 }),
			Longitude: double({ min: -180, max: 180 }),
			IsActive: bool(true),
		},
	},
	workorders: {
		collection: 'workorders',
		name: 'WorkOrder',
		fields: {
			Number: str(20),
			Description: req(500),
			LocationId: fk('locations', true),
			CustomerId: fk('customers'),
			Status: str(20, {
				values: ['Open', 'Planned', 'InProgress', 'Completed', 'Invoiced', 'Cancelled'],
				default: 'Open',
			}),
			Priority: { type: 'Edm.Int32', min: 1, max: 5 },
			PlannedDate: date(),
			Reference: str(50),
			Remarks: str(2000),
		},
	},
	equipment: {
		collection: 'equipment',
		name: 'Equipment',
		fields: {
			Name: req(100),
			LocationId: fk('locations', true),
			SerialNumber: str(50),
			Brand: str(50),
			Model: str(50),
			InstallationDate: date(),
			Remarks: str(2000),
		},
	},
	itemgroups: {
		collection: 'itemgroups',
		name: 'ItemGroup',
		fields: { Code: str(20), Name: req(100), Description: str(500) },
	},
	items: {
		collection: 'items',
		name: 'Item',
		fields: {
			Code: req(30),
			Description: req(200),
			ItemGroupId: fk('itemgroups', true),
			Unit: str(10),
			Price: double(),
			IsActive: bool(true),
		},
	},
	users: {
		collection: 'users',
		name: 'User',
		fields: {
			Name: req(100),
			Email: req(100, { format: 'email' }),
			Role: str(10, { values: ['Office', 'Field'] }),
			Phone: str(30),
			IsActive: bool(true),
		},
	},
	plannings: {
		collection: 'plannings',
		name: 'Planning',
		fields: {
			WorkOrderId: fk('workorders', true),
			UserId: fk('users', true),
			StartTime: date(true),
			EndTime: date(true),
			Remarks: str(2000),
		},
		check: (row) =>
			Date.parse(String(row.EndTime)) <= Date.parse(String(row.StartTime))
				? 'The EndTime of a Planning must be after its StartTime.'
				: undefined,
	},
	workordersurveys: {
		collection: 'workordersurveys',
		name: 'WorkOrderSurvey',
		fields: {
			WorkOrderId: fk('workorders', true),
			Name: req(100),
			Status: str(20, { values: ['Open', 'Completed'], default: 'Open' }),
			Answers: str(100_000),
			CompletedOn: date(),
		},
	},
	useditems: {
		collection: 'useditems',
		name: 'UsedItem',
		fields: {
			WorkOrderId: fk('workorders', true),
			ItemId: fk('items'),
			Description: str(200),
			Quantity: double({ required: true, above: 0 }),
			Unit: str(10),
			Price: double(),
		},
	},
	timesheets: {
		collection: 'timesheets',
		name: 'TimeSheet',
		fields: {
			WorkOrderId: fk('workorders', true),
			UserId: fk('users', true),
			Date: date(true),
			Type: str(10, { values: ['Work', 'Travel'], default: 'Work' }),
			Hours: double({ required: true, above: 0, max: 24 }),
			Remarks: str(2000),
		},
	},
	attachments: {
		collection: 'attachments',
		name: 'Attachment',
		fields: {
			FileName: req(255),
			ContentType: str(100, { immutable: true }),
			Description: str(500),
			Content: { type: 'Edm.Binary', required: true, immutable: true, heavy: true },
			Size: { type: 'Edm.Int32', computed: true },
			WorkOrderId: { ...fk('workorders'), immutable: true },
			LocationId: { ...fk('locations'), immutable: true },
			CustomerId: { ...fk('customers'), immutable: true },
		},
		check: (row) =>
			[row.WorkOrderId, row.LocationId, row.CustomerId].filter((v) => v != null).length !== 1
				? 'An Attachment belongs to exactly one parent: set one of WorkOrderId, LocationId or CustomerId.'
				: undefined,
	},
};

/** Every property of a row with its EDM type, the server-made ones included (what $filter/$orderby see). */
export function propertyTypes(table: EntityTable, includeHeavy = false): Record<string, EdmType> {
	const types: Record<string, EdmType> = { Id: 'Edm.Guid' };
	for (const [name, field] of Object.entries(table.fields)) {
		if (field.heavy && !includeHeavy) continue;
		types[name] = field.type;
	}
	types.CreatedOn = 'Edm.DateTimeOffset';
	types.ModifiedOn = 'Edm.DateTimeOffset';
	return types;
}

/** Navigation properties: an FK name without `Id` (`LocationId` → `Location`). */
export function navigations(
	table: EntityTable,
): Record<string, { key: string; target: Collection }> {
	const out: Record<string, { key: string; target: Collection }> = {};
	for (const [name, field] of Object.entries(table.fields)) {
		if (field.ref) out[name.replace(/Id$/, '')] = { key: name, target: field.ref };
	}
	return out;
}

/** Foreign keys pointing at `collection`: which tables and properties would dangle if a row went away. */
export function referencesTo(collection: Collection): Array<{ from: Collection; key: string }> {
	const out: Array<{ from: Collection; key: string }> = [];
	for (const table of Object.values(ENTITY_TABLES)) {
		for (const [name, field] of Object.entries(table.fields)) {
			if (field.ref === collection) out.push({ from: table.collection, key: name });
		}
	}
	return out;
}
