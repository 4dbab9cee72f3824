import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { endpointKey, synergistOperation, type SynergistEndpoint, type SynergistParam } from '../endpoint';

/*
 * Activities (to-dos, meetings, notes, e-mails) and everything around them: comments and history, follow-ups,
 * secondary owners, and the lookups of the activity form (types, categories, clients, contacts, owners, priorities,
 * statuses, teams, due times), each both an operation and the dropdown of the matching field.
 */

/** Page size of Get Many; the reference names no maximum. */
export const ACTIVITY_PAGE_SIZE = 50;

const activityId = (key = 'activityID', description = 'The internal ID of the activity (activityID), e.g. 7005'): SynergistParam => ({
	key,
	parameter: 'activityId',
	displayName: 'Activity ID',
	type: 'id',
	description,
});

const activityType = (key: string): SynergistParam => ({
	key,
	parameter: 'activityType',
	displayName: 'Activity Type',
	type: 'string',
	loadOptionsMethod: 'getActivityTypes',
	description: 'The activity type code, e.g. MEET (not company-prefixed)',
});

const clientCode = (key = 'activityClientCode'): SynergistParam => ({
	key,
	parameter: 'clientCode',
	displayName: 'Client Code',
	type: 'code',
	placeholder: '1/F667',
	loadOptionsMethod: 'getActivityClients',
	description: "The client (organization) code; without a company prefix the credential's company is used",
});

/** Fields of the activity form that create and update share, filled from the lookups. */
const formFields: SynergistParam[] = [
	{ key: 'activityCategory', parameter: 'category', displayName: 'Category', type: 'string', loadOptionsMethod: 'getActivityCategories', description: 'Depends on the activity type' },
	{ key: 'activityClientContactInternalRef', parameter: 'clientContactId', displayName: 'Client Contact ID', type: 'id', loadOptionsMethod: 'getActivityClientContacts', description: 'A contact of the client' },
	{ key: 'activityDateDue', parameter: 'dateDue', displayName: 'Date Due', description: 'The day the activity is due', type: 'date' },
	{ key: 'activityDetails', parameter: 'details', displayName: 'Details', description: 'The full text of the activity', type: 'string', rows: 4 },
	{ key: 'activityOwnerID', parameter: 'ownerId', displayName: 'Owner ID', type: 'id', loadOptionsMethod: 'getActivityOwners', description: 'The user the activity is for' },
	{ key: 'activityPriorityID', parameter: 'priorityId', displayName: 'Priority ID', type: 'id', loadOptionsMethod: 'getActivityPriorities', description: '1 High, 2 Med, 3 Low' },
	{ key: 'activityStatus', parameter: 'status', displayName: 'Status', type: 'string', loadOptionsMethod: 'getActivityStatuses' },
	{ key: 'activitySubject', parameter: 'subject', displayName: 'Subject', description: 'A short title of the activity', type: 'string' },
	{ key: 'activityTeamCode', parameter: 'teamCode', displayName: 'Team Code', type: 'code', placeholder: '1/ACC', loadOptionsMethod: 'getActivityTeams' },
	{
		key: 'activityTimeDue',
		parameter: 'timeDue',
		displayName: 'Time Due',
		type: 'string',
		loadOptionsMethod: 'getActivityTimes',
		pattern: { regex: /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, expected: 'a time like 08:30:00' },
		description: 'Due times come in 30-minute steps',
	},
];

const get: SynergistEndpoint = {
	area: 'activities',
	value: 'get',
	name: 'Get',
	sentence: 'Get an activity',
	description: 'Get one activity with all its details',
	idempotent: true,
	modelstructure: 'activitydetails',
	noun: 'activity',
	required: [activityId('activityid')],
	single: ({ params, company }) => ({
		message: `Activity ${String(params.activityid)} was not found in company ${company}`,
		description: 'Synergist returned no activity for this ID. Check the ID and the credential\'s company.',
	}),
};

const getAll: SynergistEndpoint = {
	area: 'activities',
	value: 'getAll',
	name: 'Get Many',
	sentence: 'Get many activities',
	description: 'List the activities of a saved view, or all activities of the company',
	idempotent: true,
	modelstructure: 'activitylist',
	noun: 'activity',
	view: { type: 'Activities', noun: 'activities' },
	list: { pageSize: ACTIVITY_PAGE_SIZE, key: 'activityuuid' },
	filters: [
		{ key: 'client', displayName: 'Client Code', type: 'code', placeholder: '1/F667', description: 'Only activities of this client' },
		{ key: 'clientcontact', parameter: 'clientContactId', displayName: 'Client Contact ID', type: 'id', description: 'Only activities with this client contact' },
		{ key: 'job', displayName: 'Job Number', type: 'code', format: 'job', placeholder: '1/00000510', description: 'Only activities of this job' },
		{ key: 'jobphase', parameter: 'jobPhase', displayName: 'Job Phase', type: 'code', format: 'phase', placeholder: '1/00001173.001', description: 'Only activities of this phase' },
		{ key: 'search', displayName: 'Search', type: 'string', description: 'Only activities whose subject, details or client contains this text' },
		{ key: 'supplier', displayName: 'Supplier Code', type: 'code', placeholder: '1/PS1', description: 'Only activities of this supplier' },
		{ key: 'suppliercontact', parameter: 'supplierContactId', displayName: 'Supplier Contact ID', type: 'id', description: 'Only activities with this supplier contact' },
		{
			key: 'timestampfrom',
			parameter: 'timestampFrom',
			displayName: 'Modified From (Unix Seconds)',
			type: 'id',
			description: 'Only activities changed at or after this time: seconds since 1970, as in activityTimeStampModified',
		},
		{
			key: 'timestampto',
			parameter: 'timestampTo',
			displayName: 'Modified To (Unix Seconds)',
			type: 'id',
			description: 'Only activities changed at or before this time: seconds since 1970, as in activityTimeStampModified',
		},
		{
			key: 'uuid',
			displayName: 'UUID',
			type: 'string',
			pattern: { regex: /^[0-9A-Fa-f]{32}$/, expected: '32 hexadecimal characters' },
			description: 'Only the activity with this activityuuid',
		},
		{ key: 'workflow', displayName: 'Workflow', type: 'string', description: 'Only activities of this workflow' },
	],
};

const getFields: SynergistEndpoint = {
	area: 'activities',
	value: 'getFields',
	name: 'Get Fields',
	sentence: 'Get the fields of an activity model',
	description: 'List the fields of the activity list or details model, custom fields included (style=modelstructure)',
	idempotent: true,
	style: 'modelstructure',
	required: [
		{
			key: 'modelstructure',
			parameter: 'model',
			displayName: 'Model',
			description: 'Which kind of activity fields to list',
			type: 'options',
			default: 'activitydetails',
			options: [
				{ name: 'Details (Activitydetails)', value: 'activitydetails' },
				{ name: 'List (Activitylist)', value: 'activitylist' },
			],
		},
	],
};

const create: SynergistEndpoint = {
	area: 'activities',
	action: 'create',
	value: 'create',
	name: 'Create',
	sentence: 'Create an activity',
	description: 'Create an activity for a client, optionally on a job or phase',
	idempotent: false,
	input: {},
	noun: 'activity',
	companyFrom: 'clientCode',
	customFields: 'activityCustomField',
	required: [activityType('activityActivitytypeCode'), clientCode()],
	additional: [
		...formFields,
		// "Job" and "Jobphase" exactly as the reference's create table spells them
		{ key: 'Job', parameter: 'job', displayName: 'Job Number', type: 'code', format: 'job', placeholder: '1/00000510', description: 'The job the activity is about' },
		{
			key: 'Jobphase',
			parameter: 'jobPhase',
			displayName: 'Job Phase',
			type: 'code',
			format: 'phase',
			placeholder: '1/00001173.001',
			description: 'The phase the activity is about; requisition activity types need a job or phase',
		},
	],
	build(ctx, itemIndex, parts) {
		const { Job: job, Jobphase: phase } = parts.input;
		if (typeof job === 'string' && typeof phase === 'string' && !phase.startsWith(`${job}.`)) {
			throw new NodeOperationError(ctx.getNode(), `The field "Job Phase" ("${phase}") is not a phase of the job "${job}" in item ${itemIndex}`, {
				itemIndex,
				description: 'Give the phase alone, or a phase of the given job.',
			});
		}
		// The reference's example sends the company in the record too.
		parts.input.activityCompanyNumber = parts.company;
		return parts;
	},
};

const SECONDARY_OWNERS = /^\s*\d+(\s*,\s*\d+)*\s*$/;
const userIds = (text: string) => text.split(',').map((id) => Number(id.trim()));

const update: SynergistEndpoint = {
	area: 'activities',
	action: 'update',
	value: 'update',
	name: 'Update',
	sentence: 'Update an activity',
	description: 'Change an activity; only the fields set are sent. The record version is read first unless given.',
	idempotent: true,
	input: {},
	noun: 'activity',
	customFields: 'activityCustomField',
	required: [activityId()],
	additionalLabel: 'Update Fields',
	additional: [
		activityType('activityActivitytypeCode'),
		clientCode(),
		{ key: 'activityCompleted', parameter: 'completed', displayName: 'Completed', type: 'boolean', description: 'Whether the activity is done' },
		...formFields,
		{
			key: 'activityRecordVersionNumber',
			parameter: 'recordVersionNumber',
			displayName: 'Record Version Number',
			type: 'id',
			description: 'The activityRecordVersionNumber last read: the update fails if the activity changed since. Leave empty to read it just before updating.',
		},
		{
			key: 'activitySecondaryOwnersUserID',
			parameter: 'secondaryOwnerIds',
			displayName: 'Secondary Owner IDs',
			type: 'string',
			placeholder: '242,192',
			pattern: { regex: SECONDARY_OWNERS, expected: 'user IDs separated by commas, like 242,192' },
			list: true,
			description: 'The user IDs of the secondary owners ("others"), comma-separated; they replace the current ones. See Get Secondary Owners.',
		},
	],
	// The reference: an update without the current activityRecordVersionNumber fails.
	lock: {
		field: 'activityRecordVersionNumber',
		read: (parts) => ({ style: 'modeldata', modelstructure: 'activitydetails', activityid: parts.input.activityID }),
	},
	build(ctx, itemIndex, parts) {
		const changes = Object.keys(parts.input).filter((key) => key !== 'activityID' && key !== 'activityRecordVersionNumber');
		if (changes.length === 0) {
			throw new NodeOperationError(ctx.getNode(), `Nothing to update in item ${itemIndex}`, {
				itemIndex,
				description: 'Add at least one field under "Update Fields" or "Custom Fields".',
			});
		}
		const owners = parts.input.activitySecondaryOwnersUserID;
		if (typeof owners === 'string') parts.input.activitySecondaryOwnersUserID = userIds(owners);
		return parts;
	},
};

const remove: SynergistEndpoint = {
	area: 'activities',
	action: 'delete',
	value: 'delete',
	name: 'Delete',
	sentence: 'Delete an activity',
	description: 'Delete an activity',
	idempotent: true,
	input: {},
	noun: 'activity',
	required: [activityId()],
};

const addComment: SynergistEndpoint = {
	area: 'activities',
	action: 'comment',
	value: 'addComment',
	name: 'Add Comment',
	sentence: 'Add a comment to an activity',
	description: "Add a comment to an activity's history",
	idempotent: false,
	noun: 'activity',
	required: [activityId(), { key: 'description', parameter: 'comment', displayName: 'Comment', type: 'string', rows: 3, description: 'The text of the comment' }],
	// The reply carries no data ("Comment created."): say which activity it was.
	output: (reply, _ctx, _itemIndex, parts) => [
		{
			success: true,
			message: typeof reply.responsemessage === 'string' ? reply.responsemessage.trim() : '',
			activityID: parts.params.activityID as number,
			...(typeof reply.warningmessage === 'string' && reply.warningmessage.trim() !== '' ? { warningMessage: reply.warningmessage.trim() } : {}),
		},
	],
};

const createFollowUp: SynergistEndpoint = {
	area: 'activities',
	action: 'activityfollowup',
	value: 'createFollowUp',
	name: 'Create Follow-Up',
	sentence: 'Create a follow-up activity',
	description: 'Create a new activity linked to an existing one',
	idempotent: false,
	noun: 'activity',
	required: [activityId('activityID', 'The activity to follow up'), activityType('activitytype')],
};

const getFollowUps: SynergistEndpoint = {
	area: 'activities',
	action: 'followuplist',
	value: 'getFollowUps',
	name: 'Get Follow-Ups',
	sentence: 'Get the follow-ups of an activity',
	description: 'List the follow-up thread of an activity',
	idempotent: true,
	noun: 'activity',
	// The table names activityID, the example sends activity=: the table's name is sent.
	required: [activityId()],
	list: { pageable: false },
};

const HISTORY_SOURCES = [
	{ name: 'Acthistory.json (Deprecated)', value: 'acthistory', description: 'The older ActHistory API (NotesID=)' },
	{ name: 'Activities.json Action=history', value: 'activities', description: 'The current API' },
	{ name: 'Activityhistory.json', value: 'activityhistory', description: 'The same list from its own API' },
];

/** The history list has three homes; one operation offers them, defaulting to `activities.json?action=history`. */
const historyEndpoints: Record<string, SynergistEndpoint> = {
	activities: {
		area: 'activities',
		action: 'history',
		value: 'getHistory',
		name: 'Get History',
		sentence: 'Get the history of an activity',
		description: 'List the history items (changes and comments) of an activity',
		idempotent: true,
		noun: 'activity',
		required: [activityId()],
		list: { key: 'activityhistoryUuid' },
	},
	activityhistory: {
		area: 'activityhistory',
		value: 'getHistory',
		name: 'Get History',
		sentence: 'Get the history of an activity',
		description: 'List the history items (changes and comments) of an activity',
		idempotent: true,
		noun: 'activity',
		required: [activityId()],
		list: { key: 'activityhistoryUuid' },
	},
	acthistory: {
		area: 'acthistory',
		value: 'getHistory',
		name: 'Get History',
		sentence: 'Get the history of an activity',
		description: 'List the history items (changes and comments) of an activity',
		idempotent: true,
		noun: 'activity',
		required: [activityId('NotesID')],
		list: { key: 'activityhistoryUuid' },
	},
};

function historyOperation(): Operation {
	const operations = Object.fromEntries(Object.entries(historyEndpoints).map(([source, endpoint]) => [source, synergistOperation(endpoint)]));
	const main = operations.activities;
	const properties: INodeProperties[] = main.properties.map((property) =>
		property.name === 'options' && property.type === 'collection'
			? {
					...property,
					options: [
						...(property.options ?? []),
						{
							displayName: 'Source',
							name: 'source',
							type: 'options',
							options: HISTORY_SOURCES,
							default: 'activities',
							description: 'Which API to read the history from',
						} as INodeProperties,
					].sort((a, b) => ('displayName' in a && 'displayName' in b ? a.displayName.localeCompare(b.displayName) : 0)),
				}
			: property,
	);
	return {
		...main,
		properties,
		endpoints: Object.values(historyEndpoints).map(endpointKey),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const source = String((this.getNodeParameter('options', itemIndex, {}) as IDataObject).source ?? 'activities');
			const operation = operations[source];
			if (!operation) throw new NodeOperationError(this.getNode(), `The option "Source" has an invalid value "${source}" in item ${itemIndex}`, { itemIndex });
			return await operation.execute.call(this, itemIndex);
		},
	};
}

// ---- lookups ------------------------------------------------------------------------------------------------------

const lookup = (action: string, value: string, name: string, description: string, extra: Partial<SynergistEndpoint> = {}): SynergistEndpoint => ({
	area: 'activities',
	action,
	value,
	name,
	sentence: `${name.charAt(0)}${name.slice(1).toLowerCase()} for an activity`,
	description,
	idempotent: true,
	list: { pageable: false },
	...extra,
});

const lookups: SynergistEndpoint[] = [
	lookup('activitytypes', 'getActivityTypes', 'Get Activity Types', 'List the activity types; give a job or phase to include requisition types', {
		filters: [
			{ key: 'activitytype', parameter: 'currentType', displayName: 'Current Activity Type', type: 'string', description: 'Marks this type as selected (variable_selected)' },
			{ key: 'job', displayName: 'Job Number', description: 'The job to offer the activity types of, e.g. 1/00088972', type: 'code', format: 'job', placeholder: '1/00088972' },
			{ key: 'jobphase', parameter: 'jobPhase', displayName: 'Job Phase', description: 'The phase to offer the activity types of, e.g. 1/00088972.001', type: 'code', format: 'phase', placeholder: '1/00088972.001' },
		],
	}),
	lookup('categories', 'getCategories', 'Get Categories', 'List the categories of an activity type', { required: [activityType('activitytype')] }),
	{
		...lookup('clientslist', 'getClients', 'Get Clients', 'List the clients to choose from for a new activity'),
		modelstructure: 'clientslist',
		view: { type: 'Organizations', noun: 'clients' },
		list: { pageSize: ACTIVITY_PAGE_SIZE, key: 'clientUuid' },
	},
	lookup('clientcontacts', 'getClientContacts', 'Get Client Contacts', 'List the contacts of a client', { required: [clientCode('client')] }),
	lookup('owners', 'getOwners', 'Get Owners', 'List the users who can own an activity'),
	lookup('secondaryowners', 'getSecondaryOwners', 'Get Secondary Owners', 'List the users who can be secondary owners ("others") of an activity', {
		filters: [
			{
				key: 'userid',
				parameter: 'selectedUserIds',
				displayName: 'Selected User IDs',
				type: 'string',
				placeholder: '242,192',
				pattern: { regex: SECONDARY_OWNERS, expected: 'user IDs separated by commas, like 242,192' },
				description: 'Marks these users as selected (variable_selected)',
			},
		],
		build(_ctx, _itemIndex, parts) {
			// sent as the JSON array the reference shows: userid=[242,192]
			if (typeof parts.params.userid === 'string') parts.params.userid = JSON.stringify(userIds(parts.params.userid));
			return parts;
		},
	}),
	lookup('priorities', 'getPriorities', 'Get Priorities', 'List the activity priorities', {
		// `input=<priority ID>` here is the current value, not the usual JSON record
		filters: [{ key: 'input', parameter: 'currentPriorityId', displayName: 'Current Priority ID', type: 'id', description: 'Marks this priority as selected (variable_selected)' }],
	}),
	lookup('status', 'getStatuses', 'Get Statuses', 'List the activity statuses', {
		filters: [
			{ key: 'activityID', parameter: 'activityId', displayName: 'Activity ID', type: 'id', description: "Marks this activity's status as selected" },
			{ key: 'status', parameter: 'currentStatus', displayName: 'Current Status', type: 'string', description: 'Marks this status as selected' },
		],
	}),
	lookup('teams', 'getTeams', 'Get Teams', 'List the teams an activity can be allocated to'),
	lookup('times', 'getDueTimes', 'Get Due Times', 'List the due times an activity can have (30-minute steps)'),
];

export const activity: Resource = {
	value: 'activity',
	name: 'Activity',
	description: 'To-dos, meetings, notes and e-mails, with their comments, history and follow-ups',
	operations: [
		// the first is selected when the resource is picked
		...[getAll, get, create, update, remove, addComment, createFollowUp, getFollowUps, getFields].map(synergistOperation),
		historyOperation(),
		...lookups.map(synergistOperation),
	],
};
