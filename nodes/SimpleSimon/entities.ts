/*
 * The 13 Simple-Simon entities as data. The public page names the entities and gives the routes for locations only
 * (POST/GET /locations, GET/PUT/DELETE /locations/{id}) and says every entity follows the same pattern; every other
 * path and every property name below is the pack's best guess (unverified), which is why users can override the
 * entity path per node and the base path per credential, and name any property they like.
 */

export interface Link {
	/** The property holding the parent's ID, e.g. `LocationId`. */
	field: string;
	/** The parent entity's resource value, e.g. `location`. */
	parent: EntityKey;
}

export interface EntitySpec {
	/** The node's resource value, e.g. `workOrder`. */
	resource: EntityKey;
	/** As the user reads it: `Work Order`. */
	name: string;
	/** Lower-case plural for sentences: `work orders`. */
	plural: string;
	/** The entity's name in the checklist and the docs: `WorkOrder` (endpoints are `createWorkOrder`, `listWorkOrders`). */
	docName: string;
	/** The checklist's list endpoint name (plurals are irregular: `listEquipment`). */
	listEndpoint: string;
	/** The collection path; only `/locations` is stated by the docs. */
	path: string;
	description: string;
	/** Example property names for placeholders and descriptions. */
	exampleFields: string[];
	/** Parents this entity points to (what relationship helpers filter on). */
	links: Link[];
	/** The property shown in dropdowns, when the entity has a searchable list. */
	searchable?: { label: string; field: string };
}

export type EntityKey =
	| 'customer'
	| 'contact'
	| 'location'
	| 'workOrder'
	| 'equipment'
	| 'itemGroup'
	| 'item'
	| 'user'
	| 'planning'
	| 'workOrderSurvey'
	| 'usedItem'
	| 'timeSheet'
	| 'attachment';

export const ENTITIES: Record<EntityKey, EntitySpec> = {
	customer: {
		resource: 'customer',
		name: 'Customer',
		plural: 'customers',
		docName: 'Customer',
		listEndpoint: 'listCustomers',
		path: '/customers',
		description: 'Customers; a customer can have several work locations',
		exampleFields: ['Name', 'Email', 'City'],
		links: [],
		searchable: { label: 'Name', field: 'Name' },
	},
	contact: {
		resource: 'contact',
		name: 'Contact',
		plural: 'contacts',
		docName: 'Contact',
		listEndpoint: 'listContacts',
		path: '/contacts',
		description: 'Contact people of a customer or a location',
		exampleFields: ['FirstName', 'LastName', 'Email'],
		links: [
			{ field: 'CustomerId', parent: 'customer' },
			{ field: 'LocationId', parent: 'location' },
		],
	},
	location: {
		resource: 'location',
		name: 'Location',
		plural: 'locations',
		docName: 'Location',
		listEndpoint: 'listLocations',
		path: '/locations',
		description: 'Work addresses (job sites) that work orders are linked to',
		exampleFields: ['Name', 'Street', 'PostalCode', 'City'],
		links: [{ field: 'CustomerId', parent: 'customer' }],
		searchable: { label: 'Name', field: 'Name' },
	},
	workOrder: {
		resource: 'workOrder',
		name: 'Work Order',
		plural: 'work orders',
		docName: 'WorkOrder',
		listEndpoint: 'listWorkOrders',
		path: '/workorders',
		description: 'Job sheets; every work order is linked to a location',
		exampleFields: ['Description', 'LocationId', 'Status'],
		links: [
			{ field: 'LocationId', parent: 'location' },
			{ field: 'CustomerId', parent: 'customer' },
		],
	},
	equipment: {
		resource: 'equipment',
		name: 'Equipment',
		plural: 'equipment',
		docName: 'Equipment',
		listEndpoint: 'listEquipment',
		path: '/equipment',
		description: 'Assets and installations at a location',
		exampleFields: ['Name', 'LocationId', 'SerialNumber'],
		links: [{ field: 'LocationId', parent: 'location' }],
	},
	itemGroup: {
		resource: 'itemGroup',
		name: 'Item Group',
		plural: 'item groups',
		docName: 'ItemGroup',
		listEndpoint: 'listItemGroups',
		path: '/itemgroups',
		description: 'Groups of items (materials) in the inventory',
		exampleFields: ['Code', 'Name'],
		links: [],
		searchable: { label: 'Name', field: 'Name' },
	},
	item: {
		resource: 'item',
		name: 'Item',
		plural: 'items',
		docName: 'Item',
		listEndpoint: 'listItems',
		path: '/items',
		description: 'Articles and materials within an item group',
		exampleFields: ['Code', 'Description', 'ItemGroupId', 'Price'],
		links: [{ field: 'ItemGroupId', parent: 'itemGroup' }],
	},
	user: {
		resource: 'user',
		name: 'User',
		plural: 'users',
		docName: 'User',
		listEndpoint: 'listUsers',
		path: '/users',
		description: 'Office staff and field workers',
		exampleFields: ['Name', 'Email', 'Role'],
		links: [],
		searchable: { label: 'Name', field: 'Name' },
	},
	planning: {
		resource: 'planning',
		name: 'Planning',
		plural: 'planning entries',
		docName: 'Planning',
		listEndpoint: 'listPlannings',
		path: '/plannings',
		description: 'Scheduling: a work order planned for a user',
		exampleFields: ['WorkOrderId', 'UserId', 'StartTime', 'EndTime'],
		links: [
			{ field: 'WorkOrderId', parent: 'workOrder' },
			{ field: 'UserId', parent: 'user' },
		],
	},
	workOrderSurvey: {
		resource: 'workOrderSurvey',
		name: 'Work Order Survey',
		plural: 'work order surveys',
		docName: 'WorkOrderSurvey',
		listEndpoint: 'listWorkOrderSurveys',
		path: '/workordersurveys',
		description: 'Digital forms and checklists of a work order',
		exampleFields: ['WorkOrderId', 'Name', 'Status'],
		links: [{ field: 'WorkOrderId', parent: 'workOrder' }],
	},
	usedItem: {
		resource: 'usedItem',
		name: 'Used Item',
		plural: 'used items',
		docName: 'UsedItem',
		listEndpoint: 'listUsedItems',
		path: '/useditems',
		description: 'Materials used on a work order',
		exampleFields: ['WorkOrderId', 'ItemId', 'Quantity'],
		links: [
			{ field: 'WorkOrderId', parent: 'workOrder' },
			{ field: 'ItemId', parent: 'item' },
		],
	},
	timeSheet: {
		resource: 'timeSheet',
		name: 'Time Sheet',
		plural: 'time sheets',
		docName: 'TimeSheet',
		listEndpoint: 'listTimeSheets',
		path: '/timesheets',
		description: 'Working and travel hours on a work order',
		exampleFields: ['WorkOrderId', 'UserId', 'Date', 'Hours'],
		links: [
			{ field: 'WorkOrderId', parent: 'workOrder' },
			{ field: 'UserId', parent: 'user' },
		],
	},
	attachment: {
		resource: 'attachment',
		name: 'Attachment',
		plural: 'attachments',
		docName: 'Attachment',
		listEndpoint: 'listAttachments',
		path: '/attachments',
		description: 'Files and photos on a work order, location or customer',
		exampleFields: ['FileName', 'WorkOrderId'],
		links: [
			{ field: 'WorkOrderId', parent: 'workOrder' },
			{ field: 'LocationId', parent: 'location' },
			{ field: 'CustomerId', parent: 'customer' },
		],
	},
};

export const ENTITY_LIST: EntitySpec[] = Object.values(ENTITIES);

/** The checklist endpoint names of an entity's five CRUD operations. */
export function crudEndpoints(spec: EntitySpec) {
	return {
		create: `create${spec.docName}`,
		get: `get${spec.docName}`,
		update: `update${spec.docName}`,
		delete: `delete${spec.docName}`,
		getAll: spec.listEndpoint,
	};
}
