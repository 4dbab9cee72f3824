import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { endpointKey, parseCode, synergistOperation, synergistOutput, type SynergistCallParts, type SynergistEndpoint, type SynergistParam } from '../endpoint';
import { fieldOf, type SynergistReply } from '../transport';

/*
 * tspending.json: pending timesheet entries, i.e. time a user has entered but not yet had posted to a job. Entries are
 * created, changed and deleted with `input`; the workflow actions (get, copy, submit, resubmit) and the timers take
 * the entry number as `tspending=`. The 24 timer actions (`timer` + verb + band) are one operation per verb with a
 * Timer Type choice (normal time, overtime 1, overtime 2).
 */

const PAGE_SIZE = 50;
const AREA = 'tspending';
const byUuid = (row: IDataObject) => fieldOf(row, 'tspUuid') ?? fieldOf(row, 'tspEntryNo');

const entryNumber: SynergistParam = {
	key: 'tspending',
	parameter: 'entryNumber',
	displayName: 'Entry Number',
	type: 'id',
	target: 'query',
	placeholder: '686',
	description: 'The pending timesheet entry number (tspEntryNo)',
};
const entryNumberInput: SynergistParam = { ...entryNumber, key: 'tspEntryNo', target: 'input' };

const jobAndPhase: SynergistParam = {
	key: 'tspJobAndPhase',
	parameter: 'jobAndPhase',
	displayName: 'Job and Phase',
	type: 'code',
	format: 'phase',
	placeholder: '1/00000772.001',
	description: "The phase to book the time to (job number, a dot, phase code); without a company prefix the credential's company is used",
};
const timeDate: SynergistParam = { key: 'tspTimeDate', parameter: 'date', displayName: 'Date', type: 'date', description: 'The day the time was worked' };
const resourceCode: SynergistParam = {
	key: 'tspResourceCode',
	parameter: 'resourceCode',
	displayName: 'Resource Code',
	type: 'code',
	placeholder: '1/JON',
	description: 'The member of staff (resource) whose time this is',
};

/** Fields of an entry besides its key fields, for create (Additional Fields) and update (Update Fields). */
const HOUR_FIELDS = ['tspHoursNormal', 'tspHoursOtime1', 'tspHoursOtime2'];
const entryFields: SynergistParam[] = [
	{ key: 'tspChargeCode', parameter: 'chargeCode', displayName: 'Charge Code', type: 'code', placeholder: '1/MAC', description: 'What kind of work it was (the charge rate)' },
	{ key: 'tspHoursNormal', parameter: 'hoursNormal', displayName: 'Normal Hours', type: 'number', description: 'Hours at the normal rate (0 to 24)' },
	{ key: 'tspHoursOtime1', parameter: 'hoursOvertime1', displayName: 'Overtime 1 Hours', type: 'number', description: 'Hours at the first overtime rate (0 to 24)' },
	{ key: 'tspHoursOtime2', parameter: 'hoursOvertime2', displayName: 'Overtime 2 Hours', type: 'number', description: 'Hours at the second overtime rate (0 to 24)' },
	{ key: 'tspMaterialCode', parameter: 'materialCode', displayName: 'Material Code', description: 'The material used, e.g. 1/A2CC', type: 'code', placeholder: '1/A2CC' },
	{ key: 'tspMatQuantity', parameter: 'materialQuantity', displayName: 'Material Quantity', description: 'How much of the material was used', type: 'number' },
	{ key: 'tspStageCode', parameter: 'stageCode', displayName: 'Stage Code', description: 'The workflow stage of the entry, e.g. 1/W0000000983', type: 'code', placeholder: '1/W0000000983' },
	{ key: 'tspSubmitterNotes', parameter: 'submitterNotes', displayName: 'Submitter Notes', type: 'string', rows: 3, description: 'Notes for the approver' },
	{ key: 'tspTaskDescription', parameter: 'taskDescription', displayName: 'Task Description', description: 'A short description of the task the time was spent on', type: 'string' },
	{ key: 'tspWorkDone', parameter: 'workDone', displayName: 'Work Done', description: 'What was done in this time, for the timesheet and the client', type: 'string', rows: 3 },
];

/** Hours are per day: refuse what no day holds before sending. */
function checkHours(ctx: IExecuteFunctions, itemIndex: number, parts: SynergistCallParts): SynergistCallParts {
	for (const key of HOUR_FIELDS) {
		const value = parts.input[key];
		if (typeof value === 'number' && (value < 0 || value > 24)) {
			const label = entryFields.find((p) => p.key === key)!.displayName;
			throw new NodeOperationError(ctx.getNode(), `The field "${label}" has an invalid value "${value}" in item ${itemIndex}`, {
				itemIndex,
				description: 'Expected hours from 0 to 24.',
			});
		}
	}
	return parts;
}

/**
 * Several companies (`company=[1,8]`) and resources (`resource=["1/JON","1/KAT"]`) as the list read accepts them:
 * comma-separated in n8n, one value sent as is, several as a JSON array.
 */
function multiValueFilters(ctx: IExecuteFunctions, itemIndex: number, parts: SynergistCallParts): SynergistCallParts {
	const split = (value: unknown) =>
		String(value ?? '')
			.split(',')
			.map((v) => v.trim())
			.filter((v) => v !== '');
	let companies = [parts.company];
	if (parts.params.companies !== undefined) {
		const raw = split(parts.params.companies);
		if (raw.some((c) => !/^\d+$/.test(c) || Number(c) <= 0)) {
			throw new NodeOperationError(ctx.getNode(), `The field "Companies" has an invalid value "${String(parts.params.companies)}" in item ${itemIndex}`, {
				itemIndex,
				description: 'Expected company numbers separated by commas, like 1,8.',
			});
		}
		companies = [...new Set(raw.map(Number))];
		delete parts.params.companies;
		parts.params.company = companies.length === 1 ? companies[0] : JSON.stringify(companies);
	}
	if (parts.params.resource !== undefined) {
		const codes = split(parts.params.resource).map((code) => {
			const parsed = parseCode(ctx, code, itemIndex, 'Resource Codes');
			const company = parsed.company ?? companies[0];
			if (!companies.includes(company)) {
				throw new NodeOperationError(ctx.getNode(), `The field "Resource Codes" names company ${company} ("${code}"), which is not listed, in item ${itemIndex}`, {
					itemIndex,
					description: `Add company ${company} to "Companies", or leave the company prefix out.`,
				});
			}
			return `${company}/${parsed.code}`;
		});
		parts.params.resource = codes.length === 1 ? codes[0] : JSON.stringify(codes);
	}
	return parts;
}

const keyFilters: SynergistParam[] = [
	{ key: 'client', displayName: 'Client Code', type: 'code', placeholder: '1/F667', description: 'Only time on jobs of this client' },
	{ key: 'job', displayName: 'Job Number', type: 'code', format: 'job', placeholder: '1/00000772', description: 'Only time on this job' },
	{ key: 'jobphase', parameter: 'jobAndPhase', displayName: 'Job and Phase', type: 'code', format: 'phase', placeholder: '1/00000772.001', description: 'Only time on this phase' },
	{ key: 'search', displayName: 'Search', type: 'string', description: 'Only entries whose job, work done or task contains this text' },
	{ key: 'uuid', displayName: 'UUID', type: 'string', description: 'Only the entry with this uuid (tspUuid)' },
];

const get: SynergistEndpoint = {
	area: AREA,
	value: 'get',
	name: 'Get',
	sentence: 'Get a pending timesheet entry',
	description: 'Get one pending timesheet entry with all its details',
	idempotent: true,
	modelstructure: 'tspendingdetails',
	noun: 'timesheet entry',
	required: [entryNumber],
	single: ({ params, company }) => ({
		message: `Pending timesheet entry ${String(params.tspending)} was not found in company ${company}`,
		description: 'Synergist returned no entry for this number; posted time is under Timesheet instead.',
	}),
};

const getAll: SynergistEndpoint = {
	area: AREA,
	value: 'getAll',
	name: 'Get Many',
	sentence: 'Get many pending timesheet entries',
	description: 'List pending timesheet entries of one or more companies and resources',
	idempotent: true,
	modelstructure: 'tspendingslist',
	noun: 'timesheet entry',
	list: { pageSize: PAGE_SIZE, key: byUuid },
	filters: [
		...keyFilters,
		{
			key: 'companies',
			displayName: 'Companies',
			type: 'string',
			placeholder: '1,8',
			list: true,
			description: "Company numbers separated by commas; default the credential's company",
		},
		{ key: 'datefrom', parameter: 'dateFrom', displayName: 'Date From', type: 'date', description: 'Only entries on or after this day' },
		{ key: 'dateto', parameter: 'dateTo', displayName: 'Date To', type: 'date', description: 'Only entries on or before this day' },
		{
			key: 'resource',
			parameter: 'resourceCodes',
			displayName: 'Resource Codes',
			type: 'string',
			placeholder: '1/JON,1/KAT',
			list: true,
			description: 'Only the time of these resources, separated by commas',
		},
	],
	build: multiValueFilters,
};

const getFields: SynergistEndpoint = {
	area: AREA,
	value: 'getFields',
	name: 'Get Fields',
	sentence: 'Get the fields of pending timesheet entries',
	description: 'List the fields of the pending timesheet model (style=modelstructure), custom fields included',
	idempotent: true,
	style: 'modelstructure',
	modelstructure: 'tspendingdetails',
	required: [
		{
			key: 'modelstructure',
			parameter: 'model',
			displayName: 'Model',
			description: 'Which kind of timesheet fields to list',
			type: 'options',
			target: 'query',
			default: 'tspendingdetails',
			options: [
				{ name: 'Details', value: 'tspendingdetails', description: 'The fields of one entry (tspendingdetails)' },
				{ name: 'List', value: 'tspendingslist', description: 'The fields of list rows (tspendingslist)' },
			],
		},
	],
	list: { pageable: false },
};

const getSubmitted: SynergistEndpoint = {
	area: AREA,
	action: 'timesheetpendinglist',
	value: 'getSubmitted',
	name: 'Get Many Submitted',
	sentence: 'Get many submitted pending timesheet entries',
	description: "List a resource's entries submitted for approval but not yet posted (unsubmitted ones are left out)",
	idempotent: true,
	noun: 'timesheet entry',
	required: [{ ...resourceCode, key: 'resource', target: 'query' }],
	list: { pageSize: PAGE_SIZE, key: byUuid },
	filters: [...keyFilters, { key: 'date', displayName: 'Date', type: 'date', description: 'Only entries of this day' }],
};

const create: SynergistEndpoint = {
	area: AREA,
	action: 'create',
	value: 'create',
	name: 'Create',
	sentence: 'Create a pending timesheet entry',
	description: 'Book time to a job phase as a pending (unsubmitted) timesheet entry',
	idempotent: false,
	input: {},
	noun: 'timesheet entry',
	companyFrom: 'jobAndPhase',
	required: [jobAndPhase, timeDate, resourceCode],
	additional: entryFields,
	build: checkHours,
};

const update: SynergistEndpoint = {
	area: AREA,
	action: 'update',
	value: 'update',
	name: 'Update',
	sentence: 'Update a pending timesheet entry',
	description: 'Change an unsubmitted, queried or rejected pending timesheet entry',
	idempotent: true,
	input: {},
	noun: 'timesheet entry',
	required: [entryNumberInput],
	additionalLabel: 'Update Fields',
	additional: [
		...entryFields,
		jobAndPhase,
		timeDate,
		resourceCode,
		{
			key: 'tspRecordVersionNumber',
			parameter: 'recordVersionNumber',
			displayName: 'Record Version Number',
			type: 'number',
			description: 'The tspRecordVersionNumber last read: the update is refused if someone changed the entry since. Left empty, it is read fresh just before the update.',
		},
	],
	// optimistic locking: without a version from the user, send the one read just now
	lock: {
		field: 'tspRecordVersionNumber',
		read: (parts) => ({ style: 'modeldata', modelstructure: 'tspendingdetails', tspending: parts.input.tspEntryNo }),
	},
	build(ctx, itemIndex, parts) {
		if (Object.keys(parts.input).length === 1) {
			throw new NodeOperationError(ctx.getNode(), `No field to update in item ${itemIndex}`, {
				itemIndex,
				description: 'Add at least one field under "Update Fields".',
			});
		}
		return checkHours(ctx, itemIndex, parts);
	},
};

const remove: SynergistEndpoint = {
	area: AREA,
	action: 'delete',
	value: 'delete',
	name: 'Delete',
	sentence: 'Delete a pending timesheet entry',
	description: 'Delete an unsubmitted, queried or rejected pending timesheet entry',
	idempotent: true,
	input: {},
	noun: 'timesheet entry',
	required: [entryNumberInput],
};

const getEntry: SynergistEndpoint = {
	area: AREA,
	action: 'pendingtimesheet',
	value: 'getEntry',
	name: 'Get Entry',
	sentence: 'Get a pending timesheet entry as the timesheet screen shows it',
	description: 'Get one entry with its charge and material descriptions and approval notes (action pendingtimesheet)',
	idempotent: true,
	noun: 'timesheet entry',
	required: [entryNumber],
	single: ({ params }) => ({ message: `Pending timesheet entry ${String(params.tspending)} was not found` }),
};

const copy: SynergistEndpoint = {
	area: AREA,
	action: 'pendingcopy',
	value: 'copy',
	name: 'Copy',
	sentence: 'Copy a pending timesheet entry',
	description: 'Copy an entry into a new unsubmitted one; returns the new entry number',
	idempotent: false,
	noun: 'timesheet entry',
	required: [entryNumber],
	output: (reply) => synergistOutput(reply).map((row) => ({ ...row, message: String(reply.responsemessage ?? '').trim() })),
};

const submit: SynergistEndpoint = {
	area: AREA,
	action: 'pendingsubmit',
	value: 'submit',
	name: 'Submit',
	sentence: 'Submit a pending timesheet entry',
	description: 'Submit an entry for approval and posting',
	idempotent: false,
	noun: 'timesheet entry',
	required: [entryNumber],
	output: (reply, _ctx, _itemIndex, parts) => synergistOutput(reply).map((row) => ({ tspEntryNo: parts.params.tspending, ...row })),
};

const resubmit: SynergistEndpoint = {
	...submit,
	action: 'pendingresubmit',
	value: 'resubmit',
	name: 'Resubmit',
	sentence: 'Resubmit a pending timesheet entry',
	description: 'Submit a queried or rejected entry again',
};

/** The first row of one of the summary's extra arrays (the server spells the keys; tolerate other cases). */
function summaryPart(reply: SynergistReply, name: string): IDataObject {
	const value = fieldOf(reply as IDataObject, name);
	const first = Array.isArray(value) ? (value[0] as unknown) : value;
	return first && typeof first === 'object' ? (first as IDataObject) : {};
}

const summary: SynergistEndpoint = {
	area: AREA,
	action: 'timesheetsummary',
	value: 'getSummary',
	name: 'Get Week Summary',
	sentence: "Get the week's timesheet summary",
	description: "Get the current user's hours per day of the week, with chargeable and overtime totals",
	idempotent: true,
	// the reply keeps `data` empty and puts the grid in top-level arrays: one item with every part plus a row per day
	output(reply) {
		const [dates, labels, totals, ot1Totals, ot2Totals, resource] = ['dates', 'labels', 'totals', 'ot1totals', 'ot2totals', 'resource'].map((name) =>
			summaryPart(reply, name),
		);
		const days = [0, 1, 2, 3, 4, 5, 6]
			.filter((day) => fieldOf(dates, `tspTssDay${day}Date`) !== undefined)
			.map((day) => ({
				date: fieldOf(dates, `tspTssDay${day}Date`),
				label: fieldOf(labels, `tspTssDay${day}Label`) ?? '',
				total: fieldOf(totals, `tspTssDay${day}Total`) ?? 0,
				ot1Total: fieldOf(ot1Totals, `tspTssDay${day}Ot1Total`) ?? 0,
				ot2Total: fieldOf(ot2Totals, `tspTssDay${day}Ot2Total`) ?? 0,
			})) as IDataObject[];
		const warning = String(reply.warningmessage ?? '').trim();
		return { days, dates, labels, totals, ot1Totals, ot2Totals, resource, ...(warning === '' ? {} : { warningMessage: warning }) };
	},
};

const companySettings: SynergistEndpoint = {
	area: AREA,
	action: 'companysettings',
	value: 'getCompanySettings',
	name: 'Get Company Settings',
	sentence: 'Get the timesheet settings of the company',
	description: 'Get whether the company requires timesheet approval (companyTimesheetapproval)',
	idempotent: true,
	single: ({ company }) => ({ message: `Synergist returned no timesheet settings for company ${company}` }),
};

const userJobs: SynergistEndpoint = {
	area: AREA,
	action: 'userjobslist',
	value: 'getUserJobs',
	name: 'Get User Jobs',
	sentence: 'Get the jobs a resource can book time to',
	description: 'List the jobs of a user (resource), e.g. to offer them when entering time',
	idempotent: true,
	required: [{ ...resourceCode, key: 'resource', target: 'query' }],
	list: { pageable: false },
};

const TIMER_TYPES = [
	{ name: 'Normal', value: 'normal', description: 'Time at the normal rate' },
	{ name: 'Overtime 1', value: 'ot1', description: 'Time at the first overtime rate' },
	{ name: 'Overtime 2', value: 'ot2', description: 'Time at the second overtime rate' },
];
type TimerVerb = 'start' | 'pause' | 'resume' | 'stop' | 'cancel' | 'discard' | 'remove' | 'elapsed';

/** The timer's input fields as the reference's parameter table lists them (its example sends only the entry number). */
const timerInput: SynergistParam[] = [
	{ ...jobAndPhase, target: 'input' },
	{ ...timeDate, target: 'input' },
	{ ...resourceCode, target: 'input' },
	{ key: 'tspResourceName', parameter: 'resourceName', displayName: 'Resource Name', description: 'The name of the person (resource) whose timesheet this is', type: 'string', target: 'input' },
];

/** One timer verb over the three bands: the Timer Type picks the action (`timerstartnormal`, `timerstartot1`, …). */
function timerOperation(verb: TimerVerb, value: string, name: string, sentence: string, description: string): Operation {
	const byBand = Object.fromEntries(
		TIMER_TYPES.map(({ value: band }) => [
			band,
			synergistOperation({
				area: AREA,
				action: `timer${verb}${band}`,
				value,
				name,
				sentence,
				description,
				idempotent: verb === 'elapsed',
				noun: 'timesheet entry',
				required: [entryNumber],
				additional: timerInput,
			}),
		]),
	);
	const timerType: INodeProperties = {
		displayName: 'Timer Type',
		name: 'timerType',
		type: 'options',
		options: TIMER_TYPES,
		default: 'normal',
		description: 'Which hours the timer counts',
	};
	return {
		value,
		name,
		action: sentence,
		description,
		properties: [byBand.normal.properties[0], timerType, ...byBand.normal.properties.slice(1)],
		endpoints: TIMER_TYPES.map(({ value: band }) => endpointKey({ area: AREA, action: `timer${verb}${band}` })),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const band = String(this.getNodeParameter('timerType', itemIndex, 'normal'));
			const operation = byBand[band];
			if (!operation) {
				throw new NodeOperationError(this.getNode(), `The field "Timer Type" has an invalid value "${band}" in item ${itemIndex}`, {
					itemIndex,
					description: 'Expected normal, ot1 or ot2.',
				});
			}
			return await operation.execute.call(this, itemIndex);
		},
	};
}

const timers = [
	timerOperation('start', 'startTimer', 'Start Timer', 'Start a timer on a pending timesheet entry', 'Start timing an entry'),
	timerOperation('pause', 'pauseTimer', 'Pause Timer', 'Pause the timer of a pending timesheet entry', 'Pause a running timer'),
	timerOperation('resume', 'resumeTimer', 'Resume Timer', 'Resume the timer of a pending timesheet entry', 'Resume a paused timer'),
	timerOperation('stop', 'stopTimer', 'Stop Timer', 'Stop the timer of a pending timesheet entry', 'Stop a timer, booking the time timed'),
	timerOperation('cancel', 'cancelTimer', 'Cancel Timer', 'Cancel the timer of a pending timesheet entry', 'Cancel a running or paused timer without booking time'),
	timerOperation('discard', 'discardTimer', 'Discard Timer', 'Discard the timer of a pending timesheet entry', "Throw a timer's time away"),
	timerOperation('remove', 'removeTimer', 'Remove Timer', 'Remove the timer of a pending timesheet entry', 'Remove a stopped timer from an entry'),
	timerOperation('elapsed', 'getTimerElapsed', 'Get Timer Elapsed', 'Get the time on the timer of a pending timesheet entry', 'Get how long a timer has run'),
];

export const pendingTimesheet: Resource = {
	value: 'pendingTimesheet',
	name: 'Pending Timesheet',
	description: 'Time entered but not yet posted to jobs: entries, submission and timers',
	operations: [
		...[create, get, getAll, getSubmitted, getEntry, getFields, update, remove, copy, submit, resubmit, summary, companySettings, userJobs].map(
			synergistOperation,
		),
		...timers,
	],
	defaultOperation: 'create',
};
