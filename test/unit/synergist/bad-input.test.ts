import fc from 'fast-check';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { createSynergistEmulator, type SynergistEmulator } from '../../../emulators/synergist';
import { SynergistApi } from '../../../credentials/SynergistApi.credentials';
import { Synergist } from '../../../nodes/Synergist/Synergist.node';
import {
	CredentialStore,
	binary,
	runNode,
	type NodeSetup,
	type RunResult,
	type StoredCredential,
} from '../../kit/node-runner';
import { badInputTally } from '../../kit/bad-input-tally';

/*
 * Issue 9, bad input for Synergist: every listed case ends in a NodeOperationError naming the field and the item
 * before any request leaves the node (the emulator's log stays empty: not even the GETSHA512 login), or in a
 * NodeApiError carrying Synergist's own message where only the server can know (unknown jobs, views, companies).
 * Legitimate values with quotes and JSON syntax go out exactly as meant inside `input={"data":[…]}`. fast-check adds
 * generated job numbers, IDs, dates, views, texts and JSON. The counts go to .cache/reliability/synergist.bad-input.json.
 */

const SEED = 20261202;
const RUNS = 40;

let vendor: SynergistEmulator;
let store: CredentialStore;
let credential: StoredCredential;

beforeAll(async () => {
	vendor = createSynergistEmulator();
	await vendor.emulator.start();
});

afterAll(async () => await vendor.emulator.stop());

beforeEach(() => {
	vendor.emulator.reset();
	store = new CredentialStore();
	credential = store.add('synergistApi', {
		...vendor.credentialData(),
		sha512Password: '',
		sessionBinding: '',
	});
});

const setup = (parameters: IDataObject, continueOnFail = false): NodeSetup => ({
	node: new Synergist(),
	credentialTypes: [new SynergistApi()],
	store,
	credential,
	parameters,
	continueOnFail,
});

type Binaries = INodeExecutionData['binary'];

const run = async (
	parameters: IDataObject,
	input: IDataObject[] = [{}],
	options: { continueOnFail?: boolean; binaries?: Binaries[] } = {},
) => await runNode(setup(parameters, options.continueOnFail), input, options.binaries ?? []);
/** Requests other than the GETSHA512 login: what the items did at the server. */
const work = () => vendor.emulator.log.filter((r) => r.op !== 'GETSHA512');
/** The `input` record(s) sent to one operation label. */
const inputOf = (op: string, index = 0) =>
	(JSON.parse(String(vendor.emulator.requests(op)[index].query.input)) as { data: IDataObject[] })
		.data;
const queryOf = (op: string, index = 0) => vendor.emulator.requests(op)[index].query;
const secrets = () => [String(vendor.credentialData().password)];

// ---------------------------------------------------------------- tally for the README table

const track = badInputTally('synergist');

// ---------------------------------------------------------------- helpers

interface Refused {
	kind: string;
	title: string;
	parameters: IDataObject;
	/** One input item (repeated); expressions like `={{ $json.v }}` read it. */
	input?: IDataObject;
	binaries?: () => Binaries;
	/** The message for item `i`. */
	message: (i: number) => string;
	/** Instead of `message`, for errors worded by n8n or the shared item loop. */
	pattern?: (i: number) => RegExp;
	/** Something the description must say as well (e.g. the field, where the message names the file). */
	description?: RegExp;
}

/**
 * Two runs: without Continue On Fail (a NodeOperationError for item 0 and no request at all, not even the login), then
 * with it over three identical items (three error items naming items 0, 1 and 2, each paired with its input).
 */
async function expectRefused(c: Refused) {
	const input = c.input ?? {};
	const files = c.binaries ? [c.binaries(), c.binaries(), c.binaries()] : [];
	const stopped = await run(c.parameters, [input, input], { binaries: files });
	expect(stopped.error?.constructor.name).toBe('NodeOperationError');
	if (c.pattern) expect(stopped.error?.message).toMatch(c.pattern(0));
	else expect(stopped.error?.message).toBe(c.message(0));
	if (c.description) expect(stopped.error?.description).toMatch(c.description);
	expect(stopped.error?.context?.itemIndex).toBe(0);
	expect(vendor.emulator.log).toEqual([]);
	const all = await run(c.parameters, [input, input, input], {
		continueOnFail: true,
		binaries: files,
	});
	expect(all.error).toBeUndefined();
	expect(all.items.map((item) => [item.json.error, item.pairedItem])).toEqual(
		[0, 1, 2].map((i) => [
			c.pattern ? expect.stringMatching(c.pattern(i)) : c.message(i),
			{ item: i },
		]),
	);
	expect(vendor.emulator.log).toEqual([]);
	const text = JSON.stringify({
		m: stopped.error?.message,
		d: stopped.error?.description,
		all: all.items,
	});
	for (const secret of secrets()) expect(text).not.toContain(secret);
}

const field = (label: string, problem: string) => (i: number) =>
	`The field "${label}" ${problem} in item ${i}`;
const invalidValue = (label: string, value: string) =>
	field(label, `has an invalid value "${value}"`);
const empty = (label: string) => field(label, 'is empty');
const notJson = (label: string) => field(label, 'is not valid JSON');
const viaExpression = (value: unknown) => ({ input: { v: value } as IDataObject });

const TEMPLATE = '1/00000001';
const CLIENT = '1/F667';
const getJob = (jobNumber: IDataObject[string]) => ({
	resource: 'job',
	operation: 'get',
	jobNumber,
});
const createJob = (additionalFields: IDataObject = {}, extra: IDataObject = {}) => ({
	resource: 'job',
	operation: 'create',
	templateJob: TEMPLATE,
	clientCode: CLIENT,
	additionalFields,
	...extra,
});
const getBooking = (diaryId: IDataObject[string]) => ({
	resource: 'calendar',
	operation: 'get',
	diaryId,
});
const calendar = (dateFrom: IDataObject[string], dateTo: IDataObject[string] = '2024-05-31') => ({
	resource: 'calendar',
	operation: 'getAll',
	dateFrom,
	dateTo,
});
const listJobs = (extra: IDataObject) => ({
	resource: 'job',
	operation: 'getAll',
	limit: 2,
	...extra,
});
const updateSheet = (otherFields: IDataObject[string]) => ({
	resource: 'expenseSheet',
	operation: 'update',
	expenseSheetId: 12,
	updateFields: { otherFields },
});

// ---------------------------------------------------------------- listed cases: refused before sending

const refused: Refused[] = [
	// malformed job numbers (`1/00000510`: company prefix, up to 10 letters or digits)
	...(
		[
			['12×525', 'a Unicode multiplication sign'],
			['1/00000510.001', 'a phase suffix'],
			['ABCDEFGHIJK', 'more than 10 characters'],
			['1/', 'a prefix only'],
			['/00000510', 'a slash without a company'],
			['1//00000510', 'a double slash'],
			['1 /00000510', 'a space before the slash'],
			['x/00000510', 'a company that is not a number'],
			['1/F667" OR 1=1', 'a quote and SQL'],
			["1/F667'", 'a trailing quote'],
			['1/00000510&company=8', 'a query string'],
			['١/00000510', 'Arabic-Indic digits'],
		] as const
	).map(
		([job, what]): Refused => ({
			kind: 'malformed ID',
			title: `a Job Number with ${what}`,
			parameters: getJob(job),
			message: invalidValue('Job Number', job),
		}),
	),
	{
		kind: 'empty required field',
		title: 'an empty Job Number',
		parameters: getJob(''),
		message: empty('Job Number'),
	},
	{
		kind: 'empty required field',
		title: 'a blank Job Number',
		parameters: getJob('   '),
		message: empty('Job Number'),
	},
	{
		kind: 'empty required field',
		title: 'a Job Number expression that gives null',
		parameters: getJob('={{ $json.v }}'),
		...viaExpression(null),
		message: empty('Job Number'),
	},
	{
		kind: 'wrong type',
		title: 'an object as a Job Number',
		parameters: getJob('={{ $json.v }}'),
		...viaExpression({ job: '1/00000002' }),
		message: invalidValue('Job Number', '{"job":"1/00000002"}'),
	},
	{
		kind: 'wrong type',
		title: 'an array as a Job Number',
		parameters: getJob('={{ $json.v }}'),
		...viaExpression([2]),
		message: invalidValue('Job Number', '[2]'),
	},
	{
		kind: 'wrong type',
		title: 'a boolean as a Job Number',
		parameters: getJob('={{ $json.v }}'),
		...viaExpression(true),
		message: invalidValue('Job Number', 'true'),
	},
	{
		kind: 'malformed ID',
		title: 'a job number as a Phase Number',
		parameters: { resource: 'phase', operation: 'get', phaseNumber: '1/00001173' },
		message: invalidValue('Phase Number', '1/00001173'),
	},
	{
		kind: 'malformed ID',
		title: 'two slashes in a Job or Phase Number',
		parameters: { resource: 'estimate', operation: 'getAll', jobOrPhaseNumber: '1/F667/2' },
		message: invalidValue('Job or Phase Number', '1/F667/2'),
	},
	{
		kind: 'malformed ID',
		title: 'a job number as a purchase order Job Phase',
		parameters: {
			resource: 'purchaseOrder',
			operation: 'create',
			jobPhase: '1/00000510',
			supplierCode: 'S',
			supplyType: 'X',
			description: 'd',
		},
		message: invalidValue('Job Phase', '1/00000510'),
	},
	{
		kind: 'wrong type',
		title: 'a list as a Client Code',
		parameters: createJob({}, { clientCode: '={{ $json.v }}' }),
		...viaExpression([CLIENT]),
		message: invalidValue('Client Code', `["${CLIENT}"]`),
	},

	// malformed UUIDs and internal references
	{
		kind: 'malformed ID',
		title: 'an expense sheet reference that is neither ID nor UUID',
		parameters: { resource: 'expenseSheet', operation: 'get', expenseSheet: 'not-a-uuid' },
		message: invalidValue('Expense Sheet ID or UUID', 'not-a-uuid'),
	},
	{
		kind: 'malformed ID',
		title: 'a UUID with a letter outside hex',
		parameters: {
			resource: 'expenseSheet',
			operation: 'get',
			expenseSheet: '123e4567-e89b-12d3-a456-42661417400Z',
		},
		message: invalidValue('Expense Sheet ID or UUID', '123e4567-e89b-12d3-a456-42661417400Z'),
	},
	{
		kind: 'malformed ID',
		title: 'a word in a list of Expense Sheets',
		parameters: { resource: 'expenseSheet', operation: 'submit', expenseSheets: '1, two, 3' },
		message: invalidValue('Expense Sheets', '1, two, 3'),
	},
	{
		kind: 'malformed ID',
		title: 'a word in a list of user IDs',
		parameters: {
			resource: 'note',
			operation: 'updateSecondaryOwners',
			activityId: 1,
			secondaryOwnerIds: '1,a',
		},
		message: invalidValue('Secondary Owner User IDs', '1,a'),
	},
	{
		kind: 'malformed ID',
		title: 'a word in a list of Companies',
		parameters: {
			resource: 'pendingTimesheet',
			operation: 'getAll',
			limit: 3,
			filters: { companies: '1,x' },
		},
		message: invalidValue('Companies', '1,x'),
	},
	{
		kind: 'malformed ID',
		title: 'a negative Booking ID',
		parameters: getBooking(-3),
		message: invalidValue('Booking ID', '-3'),
	},
	{
		kind: 'malformed ID',
		title: 'a fractional Booking ID',
		parameters: getBooking(1.5),
		message: invalidValue('Booking ID', '1.5'),
	},
	{
		kind: 'malformed ID',
		title: 'a word as a Booking ID',
		parameters: getBooking('abc'),
		message: invalidValue('Booking ID', 'abc'),
	},
	{
		kind: 'empty required field',
		title: 'a Booking ID of 0',
		parameters: getBooking(0),
		message: empty('Booking ID'),
	},
	{
		kind: 'wrong type',
		title: 'an object as a Booking ID',
		parameters: getBooking('={{ $json.v }}'),
		...viaExpression({ id: 1 }),
		message: invalidValue('Booking ID', '{"id":1}'),
	},
	{
		kind: 'wrong type',
		title: 'a list as a Booking ID',
		parameters: getBooking('={{ $json.v }}'),
		...viaExpression([5]),
		message: invalidValue('Booking ID', '[5]'),
	},
	{
		kind: 'malformed ID',
		title: 'a word as a Contact ID filter',
		parameters: listJobs({ filters: { contactId: 'abc' } }),
		message: invalidValue('Contact ID', 'abc'),
	},
	{
		kind: 'malformed ID',
		title: 'a custom field name of another record type',
		parameters: createJob(
			{},
			{ customFields: { field: [{ name: 'activityCustomField1', value: 'x' }] } },
		),
		message: invalidValue('Custom Fields', 'activityCustomField1'),
	},

	// empty required fields
	{
		kind: 'empty required field',
		title: 'an empty Template Job',
		parameters: createJob({}, { templateJob: '' }),
		message: empty('Template Job'),
	},
	{
		kind: 'empty required field',
		title: 'an empty Comment',
		parameters: { resource: 'activity', operation: 'addComment', activityId: 1, comment: '' },
		message: empty('Comment'),
	},
	{
		kind: 'empty required field',
		title: 'a blank attachment Description',
		parameters: { resource: 'attachment', operation: 'update', attachmentId: 1, description: ' ' },
		message: empty('Description'),
	},
	{
		kind: 'empty required field',
		title: 'an empty Date From',
		parameters: calendar(''),
		message: empty('Date From'),
	},

	// wrong types
	{
		kind: 'wrong type',
		title: 'an object as a job Description',
		parameters: createJob({ description: '={{ $json.v }}' }),
		...viaExpression({ text: 'x' }),
		message: invalidValue('Description', '{"text":"x"}'),
	},
	{
		kind: 'wrong type',
		title: 'a decimal comma in an Exchange Rate',
		parameters: {
			resource: 'job',
			operation: 'update',
			jobNumber: '1/00000002',
			updateFields: { exchangeRate: '1,5' },
		},
		message: invalidValue('Exchange Rate', '1,5'),
	},
	{
		kind: 'wrong type',
		title: 'a word as a Total',
		parameters: {
			resource: 'expenseLine',
			operation: 'create',
			expenseSheetId: 1,
			jobAndPhase: '1/00001173.001',
			supplyType: 'X',
			date: '2024-05-01',
			total: 'abc',
		},
		message: invalidValue('Total', 'abc'),
	},
	{
		kind: 'wrong type',
		title: 'a word as Duration (Hours)',
		parameters: {
			resource: 'calendar',
			operation: 'create',
			timeSummaryId: 1,
			start: '2024-05-01T10:00:00',
			end: '2024-05-01T11:00:00',
			durationHours: 'x',
			resourceId: 1,
		},
		message: invalidValue('Duration (Hours)', 'x'),
	},
	{
		kind: 'wrong type',
		title: 'a word in a yes/no field',
		parameters: {
			resource: 'calendar',
			operation: 'update',
			diaryId: 1,
			start: '2024-05-01T10:00:00',
			end: '2024-05-01T11:00:00',
			allDay: 'maybe',
			resourceId: 1,
		},
		message: invalidValue('All Day', 'maybe'),
	},

	// dates and time zones
	...(
		[
			['2024-02-30', 'a 30 February'],
			['31/12/2024', 'a day-first date'],
			['2024-05-31T25:00:00', 'hour 25'],
			['2024-05-31T14:30:00+25:00', 'an offset past +14:00'],
			['2024-05-31T14:30:00[Mars/Olympus]', 'an unknown time zone'],
			['2024-05-31T14:30:00 or so', 'words after the time'],
			['tomorrow', 'a word'],
		] as const
	).map(
		([date, what]): Refused => ({
			kind: 'invalid date',
			title: `a Date Due with ${what}`,
			parameters: createJob({ dateDue: date }),
			message: invalidValue('Date Due', date),
		}),
	),
	{
		kind: 'invalid date',
		title: 'epoch milliseconds as a Date Due',
		parameters: createJob({ dateDue: '={{ $json.v }}' }),
		...viaExpression(1717000000000),
		message: invalidValue('Date Due', '1717000000000'),
	},
	{
		kind: 'invalid date',
		title: 'a Date To that is not a date',
		parameters: calendar('2024-05-01', 'not a date'),
		message: invalidValue('Date To', 'not a date'),
	},
	{
		kind: 'invalid date',
		title: 'month 13 in a timesheet Date',
		parameters: {
			resource: 'pendingTimesheet',
			operation: 'create',
			jobAndPhase: '1/00001173.001',
			date: '2024-13-01',
			resourceCode: 'AB',
		},
		message: invalidValue('Date', '2024-13-01'),
	},
	{
		kind: 'invalid date',
		title: 'a word as Modified From',
		parameters: listJobs({ filters: { modifiedFrom: 'yesterday' } }),
		message: invalidValue('Modified From', 'yesterday'),
	},

	// invalid JSON
	{
		kind: 'invalid JSON',
		title: 'a JSON field with a syntax error',
		parameters: updateSheet('{oops'),
		message: notJson('Other Fields (JSON)'),
	},
	{
		kind: 'invalid JSON',
		title: 'a JSON field holding a number',
		parameters: updateSheet('42'),
		message: notJson('Other Fields (JSON)'),
	},
	{
		kind: 'invalid JSON',
		title: 'a JSON field holding an array',
		parameters: updateSheet('[1,2]'),
		message: field('Other Fields (JSON)', 'must be a JSON object'),
	},
	{
		kind: 'invalid JSON',
		title: 'a JSON field with single quotes',
		parameters: updateSheet("{'expensesheetDescription': 'Trip'}"),
		message: notJson('Other Fields (JSON)'),
	},

	// binaries
	{
		kind: 'missing binary property',
		title: 'an attachment without the binary property',
		parameters: {
			resource: 'attachment',
			operation: 'create',
			binaryPropertyName: 'data',
			activityId: 1,
		},
		message: field('Input Binary Field', 'points to "data", which is missing'),
	},
	{
		kind: 'missing binary property',
		title: 'a receipt without the binary property',
		parameters: {
			resource: 'expenseLine',
			operation: 'uploadReceipt',
			expenseLine: '1',
			binaryPropertyName: 'receipt',
		},
		binaries: () => ({ data: binary('%PDF-1.4', 'r.pdf', 'application/pdf') }),
		message: field('Input Binary Field', 'points to "receipt", which is missing'),
	},
	{
		kind: 'oversized binary',
		title: 'a 3 MB attachment over the 2 MB base64 limit',
		parameters: {
			resource: 'attachment',
			operation: 'create',
			binaryPropertyName: 'data',
			activityId: 1,
		},
		binaries: () => ({
			data: binary(Buffer.alloc(3 * 1024 * 1024, 1), 'big.pdf', 'application/pdf'),
		}),
		message: (i) =>
			`The file "big.pdf" is 3.00 MB, more than the 2 MB allowed for base64 uploads, in "Input Binary Field" ("data") of item ${i}`,
	},
	{
		kind: 'oversized binary',
		title: 'a 2 MB receipt over the 1024 KB limit',
		parameters: {
			resource: 'expenseLine',
			operation: 'uploadReceipt',
			expenseLine: '1',
			binaryPropertyName: 'data',
		},
		binaries: () => ({
			data: binary(Buffer.alloc(2 * 1024 * 1024, 1), 'big.pdf', 'application/pdf'),
		}),
		message: (i) => `The receipt "big.pdf" is 2048 KB, over the limit of 1024 KB, in item ${i}`,
		description: /"Input Binary Field" \("data"\)/,
	},

	// unknown views, tables, models, options
	{
		kind: 'unknown view or area',
		title: 'a View with a space',
		parameters: listJobs({ view: 'nope view' }),
		message: invalidValue('View', 'nope view'),
	},
	{
		kind: 'unknown view or area',
		title: 'a View with a statement',
		parameters: { resource: 'activity', operation: 'getAll', view: '-1; drop', limit: 2 },
		message: invalidValue('View', '-1; drop'),
	},
	{
		kind: 'unknown view or area',
		title: 'an object as a View',
		parameters: listJobs({ view: '={{ $json.v }}' }),
		...viaExpression({ id: -1 }),
		message: invalidValue('View', '{"id":-1}'),
	},
	{
		kind: 'unknown view or area',
		title: 'an unknown Table of views',
		parameters: { resource: 'view', operation: 'getAll', table: 'Nope' },
		message: invalidValue('Table', 'Nope'),
	},
	{
		kind: 'unknown view or area',
		title: 'an unknown Table of the view menu',
		parameters: { resource: 'menu', operation: 'getViewList', table: 'Nope' },
		message: invalidValue('Table', 'Nope'),
	},
	{
		kind: 'unknown view or area',
		title: 'an unknown thermometer area',
		parameters: { resource: 'thermometer', operation: 'getAll', thermometerType: 'Nope' },
		message: invalidValue('For', 'Nope'),
	},
	{
		kind: 'unknown view or area',
		title: 'an unknown timesheet Model',
		parameters: { resource: 'timesheet', operation: 'getAll', model: 'Nope', limit: 2 },
		message: invalidValue('Model', 'Nope'),
	},
	{
		kind: 'unknown view or area',
		title: 'an unknown job Model',
		parameters: { resource: 'job', operation: 'getFields', model: 'Nope' },
		message: invalidValue('Model', 'Nope'),
	},
	{
		kind: 'invalid option',
		title: 'a job Status not on the list',
		parameters: createJob({ status: '={{ $json.v }}' }),
		...viaExpression('Z'),
		message: invalidValue('Status', 'Z'),
	},

	// unknown resource / operation
	{
		kind: 'unknown resource or operation',
		title: 'an unknown operation',
		parameters: { resource: 'job', operation: 'explode' },
		message: (i) =>
			`The field "Operation" has an unknown value "explode" for resource "job" in item ${i}`,
	},
	{
		kind: 'unknown resource or operation',
		title: 'an unknown resource',
		parameters: { resource: 'spaceship', operation: 'get' },
		message: (i) => `The field "Resource" has an unknown value "spaceship" in item ${i}`,
	},
];

describe('Synergist bad input refused before sending', () => {
	it.each(refused.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
		await track(c.kind, 1, async () => await expectRefused(c));
	});

	it('a bad item among good ones fails alone: the others are sent, the bad one never is', async () => {
		await track('mixed items', 1, async () => {
			const result = await run(
				getJob('={{ $json.v }}'),
				[{ v: '1/00000002' }, { v: '12×525' }, { v: '00000003' }],
				{ continueOnFail: true },
			);
			expect(result.error).toBeUndefined();
			expect(
				result.items.map((item) => [item.json.jobNumber ?? item.json.error, item.pairedItem]),
			).toEqual([
				['1/00000002', { item: 0 }],
				['The field "Job Number" has an invalid value "12×525" in item 1', { item: 1 }],
				['1/00000003', { item: 2 }],
			]);
			expect(vendor.emulator.requests('jobs:GETJOB').map((r) => r.query.job)).toEqual([
				'1/00000002',
				'1/00000003',
			]);
		});
	});
});

// ---------------------------------------------------------------- listed cases only the server can judge

interface Rejected {
	kind: string;
	title: string;
	parameters: IDataObject;
	vendorMessage: string;
	op: string;
}

const rejected: Rejected[] = [
	{
		kind: 'unknown ID',
		title: 'a job number no job has',
		parameters: getJob('1/99999999'),
		vendorMessage: 'Job 1/99999999 was not found in company 1',
		op: 'jobs:GETJOB',
	},
	{
		kind: 'unknown view or area',
		title: 'a View ID no view has',
		parameters: listJobs({ view: '-99999' }),
		vendorMessage: 'invalid view -99999 [404502]',
		op: 'jobs:LIST',
	},
	{
		kind: 'unknown company',
		title: 'a job number of a company that does not exist',
		parameters: getJob('2/00000510'),
		vendorMessage: 'invalid company 2 [404501]',
		op: 'jobs:GETJOB',
	},
	{
		kind: 'unknown ID',
		title: 'a Template Job that is not there',
		parameters: createJob({}, { templateJob: '1/00000510' }),
		vendorMessage: 'template job 1/00000510 not found [2002]',
		op: 'jobs:CREATE',
	},
];

describe('Synergist bad input only the server can judge', () => {
	it.each(rejected.map((c) => [c.title, c] as const))(
		'%s becomes a NodeApiError in the vendor words',
		async (_title, c) => {
			await track(c.kind, 1, async () => {
				const result = await run(c.parameters, [{}, {}]);
				expect(result.error?.constructor.name).toBe('NodeApiError');
				expect(result.error?.message).toBe(c.vendorMessage);
				expect(result.error?.context?.itemIndex).toBe(0);
				// sent once, for item 0 only: a refusal is not retried and the run stops there
				expect(work().map((r) => r.op)).toEqual([c.op]);
				const text = JSON.stringify({ m: result.error?.message, d: result.error?.description });
				for (const secret of secrets()) expect(text).not.toContain(secret);
			});
		},
	);
});

// ---------------------------------------------------------------- legitimate values: sent exactly as meant

describe('Synergist legitimate values with quotes and JSON syntax go out unchanged', () => {
	it.each([
		[`O'Brien "Bob" \\ <b>`],
		['"}]}, {"jobClientCode": "8/X"'],
		['50% & 100%; a=b&c=d'],
		['Zoë 🌸 Ñúñez'],
		['{{ $json.secret }}'],
	])('a job described as %p is created with exactly that description', async (description) => {
		await track('quotes and syntax in values', 1, async () => {
			const result = await run(createJob({ description }));
			expect(result.error).toBeUndefined();
			expect(inputOf('jobs:CREATE')).toEqual([
				{ varJobTemplate: TEMPLATE, jobClientCode: CLIENT, jobDescription: description },
			]);
			const created = [...vendor.state.jobs.values()].find(
				(job) => job.jobNumber === result.items[0].json.jobNumber,
			);
			expect(created?.jobDescription).toBe(description);
		});
	});

	it('a search with quotes is sent as exactly that text', async () => {
		await track('quotes and syntax in values', 1, async () => {
			const search = `O'Brien "x" & y=1`;
			const result = await run(listJobs({ filters: { search } }));
			expect(result.error).toBeUndefined();
			expect(queryOf('jobs:LIST').search).toBe(search);
		});
	});

	it.each([
		['2024-05-31T14:30:00+02:00', '2024-05-31'],
		['2024-05-31T23:30:00.000-05:00', '2024-05-31'],
		['2024-05-31T14:30:00Z', '2024-05-31'],
		['2024-05-31T14:30:00+10:00[Australia/Sydney]', '2024-05-31'],
		['2024-05-31', '2024-05-31'],
	])('a Date Due %p is sent as %p (the digits as given, no shift)', async (given, sent) => {
		await track('valid dates and zones', 1, async () => {
			const result = await run(createJob({ dateDue: given }));
			expect(result.error).toBeUndefined();
			expect(inputOf('jobs:CREATE')[0].jobDateDue).toBe(sent);
		});
	});

	it('a list of secondary owner IDs from an expression is sent like the same IDs typed with commas', async () => {
		await track('valid lists', 1, async () => {
			const result = await run(
				{
					resource: 'note',
					operation: 'updateSecondaryOwners',
					activityId: 7476,
					secondaryOwnerIds: '={{ $json.v }}',
				},
				[{ v: [54, 256] }],
			);
			expect(result.error).toBeUndefined();
			expect(inputOf(work()[work().length - 1].op!)[0]).toMatchObject({
				activitySecondaryOwnersUserID: [54, 256],
			});
		});
	});

	it('a list of Expense Sheets from an expression is sent as that list', async () => {
		await track('valid lists', 1, async () => {
			const result = await run(
				{ resource: 'expenseSheet', operation: 'submit', expenseSheets: '={{ $json.v }}' },
				[{ v: [1786, 1833] }],
			);
			expect(result.error).toBeUndefined();
			expect(queryOf('expensesheets:EXPENSESHEETSSUBMIT').expensesheet).toBe('[1786,1833]');
		});
	});
});

// ---------------------------------------------------------------- generated cases

/** Strings users and upstream nodes produce: ASCII, any Unicode, code-ish fragments, and mixtures. */
const nasty = fc.oneof(
	fc.string(),
	fc.string({ unit: 'grapheme' }),
	fc.integer({ min: -5, max: 1e12 }).map(String),
	fc.constantFrom(
		'×',
		'/',
		'1/F667',
		'12×525',
		'1/00000002',
		'00000002',
		'2/00000510',
		'0',
		'-1',
		' ',
		"'",
		'"',
		'1/',
		'1.5',
		'true',
	),
	fc
		.array(
			fc.constantFrom('1', '0', '/', '.', 'F', 'x', ' ', '-', '×', "'", '&', '=', '\u0000', '١'),
			{ minLength: 1, maxLength: 12 },
		)
		.map((parts) => parts.join('')),
);

/** Whatever an expression can hand over. */
const anyValue = fc.oneof(
	nasty,
	fc.double(),
	fc.integer(),
	fc.boolean(),
	fc.constant(null),
	fc.jsonValue(),
	fc.array(fc.integer(), { maxLength: 3 }),
);

/**
 * Runs `check` over RUNS generated values (fixed seed, so the same values every run). `check` returns nothing when
 * the value was refused before sending and 'sent' when it went out; both must happen, or the property proved little.
 */
async function property<T>(
	kind: string,
	arbitrary: fc.Arbitrary<T>,
	check: (value: T) => Promise<'sent' | void>,
) {
	await track(kind, RUNS, async () => {
		const outcomes = new Set<string>();
		await fc.assert(
			fc.asyncProperty(arbitrary, async (value) => {
				vendor.emulator.clearLog();
				outcomes.add((await check(value)) ?? 'refused');
			}),
			{ seed: SEED, numRuns: RUNS, endOnFailure: true },
		);
		expect([...outcomes].sort()).toEqual(['refused', 'sent']);
	});
}

/** A refusal: a NodeOperationError naming `label` and item 0, and nothing sent. */
function expectRefusal(result: RunResult, label: string) {
	expect(result.error?.constructor.name).toBe('NodeOperationError');
	expect(result.error?.message).toMatch(
		new RegExp(`^The field "${label.replace(/[()]/g, '\\$&')}" .* in item 0`, 's'),
	);
	expect(vendor.emulator.log).toEqual([]);
}

/** Either the vendor answered (any NodeApiError is its own message) or the node succeeded. */
const answered = (result: RunResult) =>
	result.error === undefined || result.error.constructor.name === 'NodeApiError';

describe('Synergist generated bad input (fast-check)', () => {
	it('any value in a Job Number is refused before sending or sent as exactly one prefixed job number', async () => {
		await property('malformed ID', anyValue, async (value) => {
			const result = await run(getJob('={{ $json.v }}'), [{ v: value as IDataObject[string] }]);
			if (result.error?.constructor.name === 'NodeOperationError')
				return expectRefusal(result, 'Job Number');
			expect(answered(result)).toBe(true);
			const text = String(value).trim();
			const sent = String(queryOf('jobs:GETJOB').job);
			expect(sent).toMatch(/^\d+\/[A-Za-z0-9]{1,10}$/);
			expect(sent === text || sent === `1/${text}`).toBe(true);
			return 'sent';
		});
	});

	it('any value in a Booking ID is refused before sending or sent as exactly that whole number', async () => {
		await property('malformed ID', anyValue, async (value) => {
			const result = await run(getBooking('={{ $json.v }}'), [{ v: value as IDataObject[string] }]);
			if (result.error?.constructor.name === 'NodeOperationError')
				return expectRefusal(result, 'Booking ID');
			expect(answered(result)).toBe(true);
			const text = String(value).trim();
			expect(text).toMatch(/^\d+$/);
			expect(Object.values(queryOf(work()[0].op!)).map(String)).toContain(String(Number(text)));
			return 'sent';
		});
	});

	it('any date-ish value in Date Due is refused before sending or sent as the date given', async () => {
		const dateish = fc.oneof(
			fc
				.tuple(
					fc.integer({ min: 0, max: 9999 }),
					fc.integer({ min: 0, max: 13 }),
					fc.integer({ min: 0, max: 32 }),
					fc.integer({ min: 0, max: 25 }),
					fc.integer({ min: 0, max: 61 }),
					fc.constantFrom(
						'',
						'Z',
						'+02:00',
						'-14:00',
						'+15:00',
						'+0530',
						'.123Z',
						'[Europe/London]',
						'[Nowhere/Land]',
						' UTC',
						'T',
					),
				)
				.map(
					([y, mo, d, h, mi, zone]) =>
						`${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:00${zone}`,
				),
			fc
				.date({ noInvalidDate: false })
				.map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
			nasty,
			fc.integer({ min: -1, max: 4e12 }),
		);
		await property('invalid date', dateish, async (value) => {
			const result = await run(createJob({ dateDue: '={{ $json.v }}' }), [{ v: value }]);
			if (result.error?.constructor.name === 'NodeOperationError')
				return expectRefusal(result, 'Date Due');
			expect(answered(result)).toBe(true);
			const sent = String(inputOf('jobs:CREATE')[0].jobDateDue);
			expect(sent).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(String(value).startsWith(sent)).toBe(true);
			return 'sent';
		});
	});

	it('any View value is refused before sending or sent as exactly that view', async () => {
		const views = fc.oneof(
			nasty,
			fc.integer({ min: -5000, max: 5000 }),
			fc.constantFrom('-1303', '-1700', 'MyView_1'),
			anyValue,
		);
		await property('unknown view or area', views, async (value) => {
			const result = await run(listJobs({ view: '={{ $json.v }}' }), [
				{ v: value as IDataObject[string] },
			]);
			if (result.error?.constructor.name === 'NodeOperationError')
				return expectRefusal(result, 'View');
			expect(answered(result)).toBe(true);
			const text = String(value ?? '').trim();
			expect(queryOf('jobs:LIST').view).toBe(text === '' ? undefined : text);
			return 'sent';
		});
	});

	it('any JSON-ish text in a JSON field is refused before sending or sent as exactly those fields', async () => {
		const jsonish = fc.oneof(
			fc.json(),
			fc.string(),
			fc.dictionary(fc.string(), fc.string()).map((o) => JSON.stringify(o)),
			fc.dictionary(fc.string(), fc.string()).map((o) => JSON.stringify(o).slice(0, -1)),
			fc.constantFrom(
				'{',
				'[',
				'{}',
				'[]',
				'null',
				'true',
				"{'a':1}",
				'{"a":1,}',
				'{"expensesheetDescription":"Trip \\"x\\""}',
			),
		);
		await property('invalid JSON', jsonish, async (text) => {
			const result = await run(updateSheet('={{ $json.v }}'), [{ v: text }]);
			if (result.error?.constructor.name === 'NodeOperationError') {
				// `{}` changes nothing: refused with the description pointing at "Update Fields"
				if (result.error.message === 'Nothing to update in item 0')
					expect(result.error.description).toMatch(/"Update Fields"/);
				else
					expect(result.error.message).toMatch(/^The field "Other Fields \(JSON\)" .* in item 0$/s);
				expect(vendor.emulator.log).toEqual([]);
				return;
			}
			expect(answered(result)).toBe(true);
			const parsed = JSON.parse(text) as IDataObject;
			const update = vendor.emulator.log.find(
				(r) => typeof r.query.input === 'string' && r.op !== 'expensesheets:None',
			);
			if (update)
				expect(
					(JSON.parse(String(update.query.input)) as { data: IDataObject[] }).data[0],
				).toMatchObject(parsed);
			return 'sent';
		});
	});

	it('any text in a comment is sent as exactly that text (or refused when blank)', async () => {
		await property('quotes and syntax in values', fc.oneof(nasty, anyValue), async (value) => {
			const result = await run(
				{ resource: 'activity', operation: 'addComment', activityId: 1, comment: '={{ $json.v }}' },
				[{ v: value as IDataObject[string] }],
			);
			if (result.error?.constructor.name === 'NodeOperationError')
				return expectRefusal(result, 'Comment');
			expect(answered(result)).toBe(true);
			expect(
				typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean',
			).toBe(true);
			const sent = work()[0];
			expect(Object.values(sent.query)).toContain(String(value));
			return 'sent';
		});
	});
});
