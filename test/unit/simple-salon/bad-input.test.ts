import fc from 'fast-check';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SAMPLE_PNG, clientAreaData } from '../../../emulators/simple-salon/areas/client';
import { binary } from '../../kit/node-runner';
import { useClientKit } from './client.kit';
import { badInputTally } from '../../kit/bad-input-tally';

/*
 * Issue 9, bad input for Simple Salon: every listed case ends in a NodeOperationError naming the field and the item
 * before any request leaves the node (the emulator's log stays empty: not even a login), or in a NodeApiError carrying
 * Simple Salon's own message where only the server can know. Legitimate values with quotes, offsets and zones go out
 * exactly as meant. fast-check adds generated IDs, dates, numbers, texts and JSON. The counts go to
 * .cache/reliability/simple-salon.bad-input.json.
 */

const kit = useClientKit({ seedCount: 20 });

const SEED = 20261202;
const RUNS = 40;

// ---------------------------------------------------------------- tally for the README table

const track = badInputTally('simple-salon');

// ---------------------------------------------------------------- helpers

type Binaries = INodeExecutionData['binary'];

/** A PNG signature followed by padding: an "image" of any size. */
const pngOfSize = (size: number) =>
	Buffer.concat([SAMPLE_PNG.subarray(0, 16), Buffer.alloc(size - 16, 7)]);
const secrets = () =>
	Object.values(kit.salon.credentialData()).filter(
		(v): v is string => typeof v === 'string' && v.length > 8,
	);
/** Requests other than the login: what the items did at the server. */
const work = () => kit.salon.emulator.log.filter((r) => r.op !== 'login');

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
}

/**
 * Two runs: without Continue On Fail (a NodeOperationError for item 0 and no request at all, not even a login), then
 * with it over three identical items (three error items naming items 0, 1 and 2, each paired with its input).
 */
async function expectRefused(c: Refused) {
	const input = c.input ?? {};
	const files = c.binaries ? [c.binaries(), c.binaries(), c.binaries()] : [];
	const stopped = await kit.run(c.parameters, [input, input], { binaries: files });
	expect(stopped.error?.constructor.name).toBe('NodeOperationError');
	if (c.pattern) expect(stopped.error?.message).toMatch(c.pattern(0));
	else expect(stopped.error?.message).toBe(c.message(0));
	expect(stopped.error?.context?.itemIndex).toBe(0);
	expect(kit.salon.emulator.log).toEqual([]);
	const all = await kit.run(c.parameters, [input, input, input], {
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
	expect(kit.salon.emulator.log).toEqual([]);
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
	field(label, `has an invalid value ${value.startsWith('(') ? value : `"${value}"`}`);
const invalidDate = (label: string, value: string) =>
	field(label, `has an invalid date ${value.startsWith('(') ? value : `"${value}"`}`);
const invalidNumber = (label: string, value: string) =>
	field(label, `has an invalid number "${value}"`);
const empty = (label: string) => field(label, 'is empty');
const notJson = (label: string) => field(label, 'is not valid JSON');

const CLIENT = 1111;
const OPERATOR = 2222;
const SERVICE = 3334;
const getClient = (clientId: IDataObject[string]) => ({
	resource: 'client',
	operation: 'get',
	clientId,
});
const listAppointments = (
	timeStart: IDataObject[string],
	timeEnd: IDataObject[string] = '2025-03-10',
) => ({ resource: 'appointment', operation: 'getAll', timeStart, timeEnd, limit: 5 });
const addClient = (extra: IDataObject = {}) => ({
	resource: 'client',
	operation: 'add',
	firstName: 'Ann',
	...extra,
});
const imageUpdate = (binaryPropertyName = 'data') => ({
	resource: 'clientImage',
	operation: 'update',
	clientId: String(CLIENT),
	binaryPropertyName,
});
const checkTransaction = (transaction: IDataObject[string]) => ({
	resource: 'pos',
	operation: 'checkTransaction',
	transaction,
});
const addRoster = (duration: IDataObject[string]) => ({
	resource: 'roster',
	operation: 'add',
	operator_id: String(OPERATOR),
	timeStart: '2025-03-04T09:00:00',
	duration,
});
const viaExpression = (value: unknown) => ({ input: { v: value } as IDataObject });

// ---------------------------------------------------------------- listed cases: refused before sending

const refused: Refused[] = [
	// malformed IDs (Simple Salon IDs are positive whole numbers)
	...(
		[
			['12×525', 'a Unicode multiplication sign'],
			['1/F667', "a company prefix (another vendor's format)"],
			['-3', 'a minus sign'],
			['0', 'zero'],
			['1.5', 'a fraction'],
			['1e3', 'an exponent'],
			['0x1F', 'hex'],
			['１２３', 'full-width digits'],
			['12 525', 'a space inside'],
			['9007199254740993', 'more digits than a safe integer'],
			["1111' OR '1'='1", 'SQL-like quotes'],
			['1111;DROP', 'a statement separator'],
			['#1111', 'a hash sign'],
		] as const
	).map(
		([id, what]): Refused => ({
			kind: 'malformed ID',
			title: `a Client ID with ${what}`,
			parameters: getClient(id),
			message: invalidValue('Client ID', id),
		}),
	),
	{
		kind: 'empty required field',
		title: 'an empty Client ID',
		parameters: getClient(''),
		message: empty('Client ID'),
	},
	{
		kind: 'empty required field',
		title: 'a blank Client ID',
		parameters: getClient('   '),
		message: empty('Client ID'),
	},
	{
		kind: 'empty required field',
		title: 'a Client ID expression that gives null',
		parameters: getClient('={{ $json.v }}'),
		...viaExpression(null),
		message: empty('Client ID'),
	},
	{
		kind: 'wrong type',
		title: 'an object in a Client ID',
		parameters: getClient('={{ $json.v }}'),
		...viaExpression({ client_id: CLIENT }),
		message: invalidValue('Client ID', '(an object)'),
	},
	{
		kind: 'wrong type',
		title: 'an array in a Client ID',
		parameters: getClient('={{ $json.v }}'),
		...viaExpression([CLIENT, 1112]),
		message: invalidValue('Client ID', '(an array)'),
	},
	{
		kind: 'wrong type',
		title: 'a boolean in a Client ID',
		parameters: getClient('={{ $json.v }}'),
		...viaExpression(true),
		message: invalidValue('Client ID', '(true)'),
	},
	{
		kind: 'wrong type',
		title: 'a fractional number in a Client ID',
		parameters: getClient('={{ $json.v }}'),
		...viaExpression(1111.5),
		message: invalidValue('Client ID', '1111.5'),
	},
	{
		kind: 'malformed ID',
		title: 'an Appointment ID with a Unicode sign',
		parameters: { resource: 'appointment', operation: 'get', appointmentId: '12×525' },
		message: invalidValue('Appointment ID', '12×525'),
	},
	{
		kind: 'malformed ID',
		title: 'one bad ID in a list of Appointment IDs',
		parameters: {
			resource: 'appointment',
			operation: 'delete',
			appointmentIds: '56789, 2x, 56790',
		},
		message: invalidValue('Appointment IDs', '2x'),
	},
	{
		kind: 'malformed ID',
		title: 'a bad ID in a list of Company IDs',
		parameters: {
			resource: 'operator',
			operation: 'updateSharing',
			operator_id: String(OPERATOR),
			company_ids: '1,,x',
			share: true,
		},
		message: invalidValue('Company IDs', 'x'),
	},
	{
		kind: 'malformed ID',
		title: 'a prefixed code as a Service ID',
		parameters: { resource: 'service', operation: 'get', service_id: '1/F667' },
		message: invalidValue('Service ID', '1/F667'),
	},
	{
		kind: 'malformed ID',
		title: 'a name instead of an Operator ID',
		parameters: { resource: 'operator', operation: 'get', operator_id: 'Ash' },
		message: invalidValue('Operator ID', 'Ash'),
	},
	{
		kind: 'malformed ID',
		title: 'a Company ID in Additional Fields that is text',
		parameters: addClient({ additionalFields: { company_id: 'abc' } }),
		message: invalidValue('Company ID', 'abc'),
	},
	{
		kind: 'malformed ID',
		title: 'a category ID that is text',
		parameters: addClient({ additionalFields: { category_ids: ['x'] } }),
		message: invalidValue('Category Names or IDs', 'x'),
	},
	{
		kind: 'wrong type',
		title: 'objects in a list of IDs',
		parameters: { resource: 'appointment', operation: 'delete', appointmentIds: '={{ $json.v }}' },
		...viaExpression([{ id: 56789 }]),
		message: invalidValue('Appointment IDs', '[object Object]'),
	},

	// empty required fields
	{
		kind: 'empty required field',
		title: 'a blank First Name',
		parameters: addClient({ firstName: '   ' }),
		message: empty('First Name'),
	},
	{
		kind: 'empty required field',
		title: 'an empty service Name',
		parameters: { resource: 'service', operation: 'add', name: '' },
		message: empty('Name'),
	},
	{
		kind: 'empty required field',
		title: 'an empty operator Display Name',
		parameters: { resource: 'operator', operation: 'add', display_name: '' },
		message: empty('Display Name'),
	},
	{
		kind: 'empty required field',
		title: 'an empty From date',
		parameters: listAppointments(''),
		message: empty('From'),
	},
	{
		kind: 'empty required field',
		title: 'an empty Input Binary Field',
		parameters: imageUpdate(''),
		message: empty('Input Binary Field'),
	},
	{
		kind: 'empty required field',
		title: 'an empty Transaction (JSON)',
		parameters: checkTransaction(''),
		message: empty('Transaction (JSON)'),
	},

	// wrong types
	{
		kind: 'wrong type',
		title: 'an object as a First Name',
		parameters: addClient({ firstName: '={{ $json.v }}' }),
		...viaExpression({ first: 'Ann' }),
		message: invalidValue('First Name', '(an object)'),
	},
	{
		kind: 'wrong type',
		title: 'an array as a First Name',
		parameters: addClient({ firstName: '={{ $json.v }}' }),
		...viaExpression(['Ann', 'Bea']),
		message: invalidValue('First Name', '(an array)'),
	},
	{
		kind: 'wrong type',
		title: 'an object as Comments on an update',
		parameters: {
			resource: 'client',
			operation: 'update',
			clientId: String(CLIENT),
			updateFields: { comments: '={{ $json.v }}' },
		},
		...viaExpression({ note: 'x' }),
		message: invalidValue('Comments', '(an object)'),
	},
	{
		kind: 'wrong type',
		title: 'a word in a yes/no field',
		parameters: addClient({ additionalFields: { email_promotions_enabled: 'maybe' } }),
		message: field('Email Promotions Enabled', 'must be true or false'),
	},
	{
		kind: 'wrong type',
		title: 'a word as a Duration',
		parameters: addRoster('ten'),
		message: invalidNumber('Duration (Minutes)', 'ten'),
	},
	{
		kind: 'wrong type',
		title: 'an infinite Duration',
		parameters: addRoster('={{ $json.v }}'),
		...viaExpression('1e400'),
		message: invalidNumber('Duration (Minutes)', '1e400'),
	},
	{
		kind: 'wrong type',
		title: 'an array as a Duration',
		parameters: addRoster('={{ $json.v }}'),
		...viaExpression([30]),
		message: invalidValue('Duration (Minutes)', '(an array)'),
	},
	{
		kind: 'wrong type',
		title: 'a negative appointment Duration',
		parameters: {
			resource: 'appointment',
			operation: 'add',
			clientId: String(CLIENT),
			serviceId: String(SERVICE),
			operatorId: String(OPERATOR),
			timeStart: '2025-03-04T10:00:00',
			duration: -5,
		},
		message: invalidValue('Duration (Minutes)', '-5'),
	},
	{
		kind: 'wrong type',
		title: 'a price that is a word',
		parameters: {
			resource: 'product',
			operation: 'add',
			name: 'Wax',
			additionalFields: { price: 'free' },
		},
		message: invalidNumber('Price', 'free'),
	},
	{
		kind: 'wrong type',
		title: 'an object as a PIN',
		parameters: { resource: 'session', operation: 'switchOperator', pin: '={{ $json.v }}' },
		...viaExpression({ pin: 1234 }),
		message: field('PIN', 'must be digits only'),
	},

	// dates and time zones (Simple Salon reads the digits as the salon's wall clock)
	...(
		[
			['1990-02-30', 'a 30 February'],
			['31/12/1990', 'a day-first date'],
			['1990-1-5', 'one-digit month and day'],
		] as const
	).map(
		([date, what]): Refused => ({
			kind: 'invalid date',
			title: `a Date of Birth with ${what}`,
			parameters: addClient({ additionalFields: { date_of_birth: date } }),
			message: invalidDate('Date of Birth', date),
		}),
	),
	...(
		[
			['2025-13-01', 'month 13'],
			['2025-03-04T25:00:00', 'hour 25'],
			['2025-03-04T10:61:00', 'minute 61'],
			['2025-03-04T10:00:60', 'second 60'],
			['2025-03-04T10:00:00+25:00', 'an offset past +14:00'],
			['2025-03-04T10:00:00[Mars/Olympus]', 'an unknown time zone'],
			['2025-03-04T10:00:00 next week', 'words after the time'],
			['tomorrow', 'a word'],
			['Invalid DateTime', "Luxon's invalid date"],
		] as const
	).map(
		([date, what]): Refused => ({
			kind: 'invalid date',
			title: `a From date with ${what}`,
			parameters: listAppointments(date),
			message: invalidDate('From', date),
		}),
	),
	{
		kind: 'invalid date',
		title: 'epoch milliseconds as a From date',
		parameters: listAppointments('={{ $json.v }}'),
		...viaExpression(1741078800000),
		message: invalidDate('From', '(1741078800000)'),
	},
	{
		kind: 'invalid date',
		title: 'a To before its From',
		parameters: listAppointments('2025-03-05', '2025-03-02'),
		message: field('To', 'must be later than "From"'),
	},
	{
		kind: 'invalid date',
		title: 'a word as an invoice date filter',
		parameters: {
			resource: 'billing',
			operation: 'getManyInvoices',
			returnAll: true,
			filters: { date_min: 'yesterday' },
		},
		message: invalidDate('From', 'yesterday'),
	},

	// invalid JSON in JSON fields
	{
		kind: 'invalid JSON',
		title: 'a JSON field with a syntax error',
		parameters: checkTransaction('{"a": }'),
		message: notJson('Transaction (JSON)'),
	},
	{
		kind: 'invalid JSON',
		title: 'a JSON field holding a number',
		parameters: checkTransaction('42'),
		message: notJson('Transaction (JSON)'),
	},
	{
		kind: 'invalid JSON',
		title: 'a JSON field holding a string',
		parameters: checkTransaction('"sale"'),
		message: notJson('Transaction (JSON)'),
	},
	{
		kind: 'invalid JSON',
		title: 'a JSON field with single quotes',
		parameters: checkTransaction("{'client_id': 1111}"),
		message: notJson('Transaction (JSON)'),
	},
	{
		kind: 'invalid JSON',
		title: 'More Appointments (JSON) cut short',
		parameters: {
			resource: 'appointment',
			operation: 'add',
			clientId: String(CLIENT),
			serviceId: String(SERVICE),
			operatorId: String(OPERATOR),
			timeStart: '2025-03-04T10:00:00',
			duration: 30,
			additionalFields: { moreAppointments: '[{"service_id": 3334' },
		},
		message: notJson('More Appointments (JSON)'),
	},

	// binaries: missing, not an image, over the 4 MB request limit
	{
		kind: 'missing binary property',
		title: 'an item without the binary property',
		parameters: imageUpdate('data'),
		message: field('Input Binary Field', 'points to "data", which is missing'),
	},
	{
		kind: 'missing binary property',
		title: 'a binary property of another name',
		parameters: imageUpdate('photo'),
		binaries: () => ({ data: binary(SAMPLE_PNG, 'a.png', 'image/png') }),
		message: field('Input Binary Field', 'points to "photo", which is missing'),
	},
	{
		kind: 'oversized binary',
		title: 'a 3 MB image (4 MB once base64)',
		parameters: imageUpdate(),
		binaries: () => ({ data: binary(pngOfSize(3_000_000), 'big.png', 'image/png') }),
		message: (i) => `The image in "Input Binary Field" ("data") of item ${i} is too large: 3.00 MB`,
	},
	{
		kind: 'oversized binary',
		title: 'a 6 MB image',
		parameters: imageUpdate(),
		binaries: () => ({ data: binary(pngOfSize(6_000_000), 'huge.png', 'image/png') }),
		message: (i) => `The image in "Input Binary Field" ("data") of item ${i} is too large: 6.00 MB`,
	},
	{
		kind: 'wrong type',
		title: 'a text file as a client photo',
		parameters: imageUpdate(),
		binaries: () => ({ data: binary('just some words', 'notes.txt', 'text/plain') }),
		message: (i) => `The file in "Input Binary Field" ("data") of item ${i} is not an image`,
	},

	// oversized text and JSON: over 4 MB the request would be refused, so it is not sent
	{
		kind: 'oversized request',
		title: '5 MB of Comments',
		parameters: {
			resource: 'client',
			operation: 'update',
			clientId: String(CLIENT),
			updateFields: { comments: '={{ $json.v }}' },
		},
		...viaExpression('x'.repeat(5_000_000)),
		message: (i) =>
			`The field "Comments" (5.00 MB) makes the request too large in item ${i}: 5.00 MB`,
	},
	{
		kind: 'oversized request',
		title: 'a 4.5 MB Transaction (JSON)',
		parameters: checkTransaction('={{ $json.v }}'),
		...viaExpression({ client_id: CLIENT, note: 'y'.repeat(4_500_000) }),
		message: (i) =>
			`The field "Transaction (JSON)" (4.50 MB) makes the request too large in item ${i}: 4.50 MB`,
	},

	// options outside a fixed list (only an expression can give one)
	{
		kind: 'invalid option',
		title: 'a gender not on the list',
		parameters: addClient({ additionalFields: { gender: '={{ $json.v }}' } }),
		...viaExpression('alien'),
		message: invalidValue('Gender', 'alien'),
	},
	{
		kind: 'invalid option',
		title: 'a billing item Type not on the list',
		parameters: { resource: 'billing', operation: 'addItem', itemType: 'spaceship' },
		message: invalidValue('Type', 'spaceship'),
	},

	// unknown resource / operation
	{
		kind: 'unknown resource or operation',
		title: 'an unknown operation',
		parameters: { resource: 'client', operation: 'explode' },
		message: (i) =>
			`The field "Operation" has an unknown value "explode" for resource "client" in item ${i}`,
	},
	{
		kind: 'unknown resource or operation',
		title: 'an unknown resource',
		parameters: { resource: 'spaceship', operation: 'get' },
		message: (i) => `The field "Resource" has an unknown value "spaceship" in item ${i}`,
	},
];

describe('Simple Salon bad input refused before sending', () => {
	it.each(refused.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
		await track(c.kind, 1, async () => await expectRefused(c));
	});

	it('a bad item among good ones fails alone: the others are sent, the bad one never is', async () => {
		await track('mixed items', 1, async () => {
			const result = await kit.run(
				getClient('={{ $json.v }}'),
				[{ v: 1111 }, { v: '12×525' }, { v: '1112' }],
				{ continueOnFail: true },
			);
			expect(result.error).toBeUndefined();
			expect(
				result.items.map((item) => [item.json.client_id ?? item.json.error, item.pairedItem]),
			).toEqual([
				[1111, { item: 0 }],
				['The field "Client ID" has an invalid value "12×525" in item 1', { item: 1 }],
				[1112, { item: 2 }],
			]);
			expect(kit.bodies('client/get')).toEqual([{ client_id: 1111 }, { client_id: 1112 }]);
		});
	});

	it('without Continue On Fail the run stops at the bad item, after the good one before it', async () => {
		await track('mixed items', 1, async () => {
			const result = await kit.run({ ...getClient('={{ $json.v }}'), concurrency: 1 }, [
				{ v: 1111 },
				{ v: { id: 1 } },
				{ v: 1112 },
			]);
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(
				'The field "Client ID" has an invalid value (an object) in item 1',
			);
			expect(result.error?.context?.itemIndex).toBe(1);
			expect(kit.bodies('client/get')).toEqual([{ client_id: 1111 }]);
		});
	});
});

// ---------------------------------------------------------------- listed cases only the server can judge

interface Rejected {
	kind: string;
	title: string;
	parameters: IDataObject;
	/** Simple Salon's words, as its envelope carries them. */
	vendorMessage: string;
	/** The vendor's `details`, naming the field in its own words. */
	details: string;
	op: string;
}

const rejected: Rejected[] = [
	{
		kind: 'unknown ID',
		title: 'a Client ID no client has',
		parameters: getClient('99999999'),
		vendorMessage: 'Client 99999999 was not found [CLIENTNOTFOUND]',
		details: 'Details: client_id',
		op: 'client/get',
	},
	{
		kind: 'unknown ID',
		title: 'an Appointment ID no appointment has',
		parameters: { resource: 'appointment', operation: 'get', appointmentId: '99999999' },
		vendorMessage: 'Appointment 99999999 was not found [APPOINTMENTNOTFOUND]',
		details: 'Details: appointment_id',
		op: 'appointment/get',
	},
	{
		kind: 'unknown ID',
		title: 'a Service ID no service has',
		parameters: { resource: 'service', operation: 'get', service_id: '99999' },
		vendorMessage: 'Service 99999 was not found [SERVICENOTFOUND]',
		details: 'Details: service_id',
		op: 'service/get',
	},
	{
		kind: 'invalid option',
		title: 'an email address without an @',
		parameters: addClient({ additionalFields: { email: 'not-an-email' } }),
		vendorMessage: 'client.email is not a valid email address [INVALIDPARAMETER]',
		details: 'Details: client.email',
		op: 'client/add',
	},
];

describe('Simple Salon bad input only the server can judge', () => {
	it.each(rejected.map((c) => [c.title, c] as const))(
		'%s becomes a NodeApiError in the vendor words',
		async (_title, c) => {
			await track(c.kind, 1, async () => {
				const result = await kit.run(c.parameters, [{}, {}]);
				expect(result.error?.constructor.name).toBe('NodeApiError');
				expect(result.error?.message).toBe(c.vendorMessage);
				expect(result.error?.description).toBe(c.details);
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

describe('Simple Salon legitimate values with quotes, offsets and zones go out unchanged', () => {
	it.each([
		[`O'Brien "Bob" \\ <b>`],
		["'); DROP TABLE clients;--"],
		['Zoë 🌸 Ñúñez'],
		['{"firstname": "x"}'],
		['${{ $json.secret }}'],
	])('a client named %p is added with exactly that name', async (name) => {
		await track('quotes and syntax in values', 1, async () => {
			const result = await kit.run(addClient({ firstName: name }));
			expect(result.error).toBeUndefined();
			expect(kit.bodies('client/add')).toEqual([{ client: { firstname: name } }]);
			expect(kit.salon.state.clients.get(Number(result.items[0].json.client_id))?.firstname).toBe(
				name,
			);
		});
	});

	it('comments with quotes and new lines are sent byte for byte', async () => {
		await track('quotes and syntax in values', 1, async () => {
			const comments = `Line 1 "quoted"\nLine 2 'single' \\ back\tslash`;
			const result = await kit.run({
				resource: 'client',
				operation: 'update',
				clientId: String(CLIENT),
				updateFields: { comments },
			});
			expect(result.error).toBeUndefined();
			expect(kit.bodies('client/update')).toEqual([{ client: { client_id: CLIENT, comments } }]);
		});
	});

	it('setting keys with quotes are split on commas only', async () => {
		await track('quotes and syntax in values', 1, async () => {
			const result = await kit.run({
				resource: 'setting',
				operation: 'getAll',
				filters: { setting_keys: `a"b, c'd` },
			});
			expect(result.error).toBeUndefined();
			expect(kit.bodies('setting/list')).toEqual([{ filters: { setting_keys: ['a"b', "c'd"] } }]);
		});
	});

	it.each([
		['2025-03-04T09:30:00+11:00', '2025-03-04T09:30:00'],
		['2025-03-04T09:30:00.000-05:00', '2025-03-04T09:30:00'],
		['2025-03-04T09:30:00Z', '2025-03-04T09:30:00'],
		['2025-03-04T09:30:00+11:00[Australia/Sydney]', '2025-03-04T09:30:00'],
		['2025-03-04 09:30', '2025-03-04T09:30:00'],
		['2025-03-04', '2025-03-04T00:00:00'],
	])('a From date %p is sent as the wall clock %p', async (given, sent) => {
		await track('valid dates and zones', 1, async () => {
			const result = await kit.run(listAppointments(given, '2025-03-11'));
			expect(result.error).toBeUndefined();
			expect((kit.bodies('appointment/list')[0].filters as IDataObject).time_start).toBe(sent);
		});
	});

	it('a 5 MB client file is not held to the 4 MB API limit: its bytes go to storage, not through the API', async () => {
		await track('oversized binary', 1, async () => {
			const bytes = Buffer.alloc(5_000_000, 9);
			const result = await kit.run(
				{
					resource: 'clientFile',
					operation: 'upload',
					clientId: String(CLIENT),
					binaryPropertyName: 'data',
				},
				[{}],
				{
					binaries: [{ data: binary(bytes, 'scan.pdf', 'application/pdf') }],
				},
			);
			expect(result.error).toBeUndefined();
			expect(kit.bodies('client_file/add')).toEqual([
				{ client_file: { client_id: CLIENT, display_filename: 'scan.pdf' } },
			]);
			const stored = [...clientAreaData(kit.salon.state).files.values()].find(
				(f) => f.client_file_id === result.items[0].json.client_file_id,
			);
			expect(stored?.data?.equals(bytes)).toBe(true);
		});
	});
});

// ---------------------------------------------------------------- generated cases

/** Strings users and upstream nodes produce: ASCII, any Unicode, ID-ish digits with noise, and mixtures. */
const nasty = fc.oneof(
	fc.string(),
	fc.string({ unit: 'grapheme' }),
	fc.integer({ min: -5, max: 1e12 }).map(String),
	fc.constantFrom(
		'×',
		'/',
		'1/F667',
		'12×525',
		'0',
		'-1',
		' ',
		"'",
		'"',
		'١٢٣',
		'1e3',
		'0x10',
		'NaN',
		'Infinity',
		'1_000',
	),
	fc
		.array(fc.constantFrom('1', '2', '0', ' ', '-', '.', ',', '×', '/', 'e', "'", '\u0000', '١'), {
			minLength: 1,
			maxLength: 10,
		})
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
				kit.salon.emulator.clearLog();
				outcomes.add((await check(value)) ?? 'refused');
			}),
			{ seed: SEED, numRuns: RUNS, endOnFailure: true },
		);
		expect([...outcomes].sort()).toEqual(['refused', 'sent']);
	});
}

/** A refusal: a NodeOperationError naming `label` and item 0, and nothing sent. */
function expectRefusal(result: Awaited<ReturnType<typeof kit.run>>, label: string) {
	expect(result.error?.constructor.name).toBe('NodeOperationError');
	expect(result.error?.message).toMatch(
		new RegExp(`^The field "${label.replace(/[()]/g, '\\$&')}" .* in item 0`, 's'),
	);
	expect(kit.salon.emulator.log).toEqual([]);
}

describe('Simple Salon generated bad input (fast-check)', () => {
	it('any value in a Client ID is refused before sending or sent as exactly that whole number', async () => {
		await property('malformed ID', anyValue, async (value) => {
			const result = await kit.run(getClient('={{ $json.v }}'), [
				{ v: value as IDataObject[string] },
			]);
			if (result.error?.constructor.name === 'NodeOperationError')
				return expectRefusal(result, 'Client ID');
			// accepted: it was a positive whole number, sent as one; the server may still not know it
			const text = String(value).trim();
			expect(text).toMatch(/^\d+$/);
			expect(kit.bodies('client/get')).toEqual([{ client_id: Number(text) }]);
			if (result.error) expect(result.error.constructor.name).toBe('NodeApiError');
			return 'sent';
		});
	});

	it('any value in a list of Appointment IDs is refused or sent as exactly those numbers', async () => {
		const list = fc.oneof(
			nasty,
			fc.array(fc.oneof(nasty, fc.integer()), { maxLength: 4 }),
			anyValue,
		);
		await property('malformed ID', list, async (value) => {
			const result = await kit.run(
				{ resource: 'appointment', operation: 'delete', appointmentIds: '={{ $json.v }}' },
				[{ v: value as IDataObject[string] }],
			);
			if (result.error?.constructor.name === 'NodeOperationError')
				return expectRefusal(result, 'Appointment IDs');
			const parts = (Array.isArray(value) ? value : String(value).split(','))
				.map((p) => String(p).trim())
				.filter((p) => p !== '');
			expect(parts.every((p) => /^\d+$/.test(p) && Number(p) > 0)).toBe(true);
			const sent = kit.bodies('appointment/delete')[0];
			expect(JSON.stringify(sent)).toContain(JSON.stringify(parts.map(Number)).slice(1, -1));
			return 'sent';
		});
	});

	it('any date-ish value in From is refused before sending or sent as the digits given', async () => {
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
						'+11:00',
						'-14:00',
						'+15:00',
						'+0530',
						'.123Z',
						'[Australia/Sydney]',
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
			const result = await kit.run(listAppointments('={{ $json.v }}', '9999-12-31'), [
				{ v: value },
			]);
			if (result.error?.constructor.name === 'NodeOperationError') {
				expect(result.error.message).toMatch(/^The field "(From|To)" .* in item 0$/s);
				expect(kit.salon.emulator.log).toEqual([]);
				return;
			}
			expect(result.error).toBeUndefined();
			const sent = String((kit.bodies('appointment/list')[0].filters as IDataObject).time_start);
			expect(sent).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
			// the wall clock is the digits given, whatever offset or zone followed them
			expect(String(value).replace(' ', 'T').startsWith(sent.slice(0, 16))).toBe(true);
			return 'sent';
		});
	});

	it('any JSON-ish text in a JSON field is refused before sending or sent as exactly that object', async () => {
		const jsonish = fc.oneof(
			fc.json(),
			fc.string(),
			fc.dictionary(fc.string(), fc.jsonValue()).map((o) => JSON.stringify(o)),
			fc.dictionary(fc.string(), fc.jsonValue()).map((o) => JSON.stringify(o).slice(0, -1)),
			fc.constantFrom('{', '[', '{}', '[]', 'null', 'true', "{'a':1}", '{"a":1,}', '{"a":NaN}'),
		);
		await property('invalid JSON', jsonish, async (text) => {
			const result = await kit.run(checkTransaction('={{ $json.v }}'), [{ v: text }]);
			if (result.error?.constructor.name === 'NodeOperationError') {
				expect(result.error.message).toMatch(
					/^The field "Transaction \(JSON\)" (is empty|is not valid JSON|must be a JSON object) in item 0$/,
				);
				expect(kit.salon.emulator.log).toEqual([]);
				return;
			}
			const parsed = JSON.parse(text) as unknown;
			expect(typeof parsed === 'object' && parsed !== null).toBe(true);
			expect(kit.bodies('pos/transaction/check')[0]?.transaction ?? work()[0]?.body).toEqual(
				parsed,
			);
			return 'sent';
		});
	});

	it('any value in a number field is refused before sending or sent as exactly that number', async () => {
		await property('wrong type', anyValue, async (value) => {
			const result = await kit.run(addRoster('={{ $json.v }}'), [
				{ v: value as IDataObject[string] },
			]);
			if (result.error?.constructor.name === 'NodeOperationError')
				return expectRefusal(result, 'Duration (Minutes)');
			const number = typeof value === 'number' ? value : Number(String(value).trim());
			expect(Number.isFinite(number)).toBe(true);
			const sent = work().find((r) => r.op === 'roster/add')?.body as IDataObject | undefined;
			expect(JSON.stringify(sent)).toContain(`"duration":${JSON.stringify(number)}`);
			return 'sent';
		});
	});

	it('any text in First Name is refused when blank, else sent as exactly that text (trimmed)', async () => {
		await property('quotes and syntax in values', fc.oneof(nasty, anyValue), async (value) => {
			const result = await kit.run(addClient({ firstName: '={{ $json.v }}' }), [
				{ v: value as IDataObject[string] },
			]);
			if (result.error?.constructor.name === 'NodeOperationError')
				return expectRefusal(result, 'First Name');
			expect(
				typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean',
			).toBe(true);
			expect(kit.bodies('client/add')).toEqual([{ client: { firstname: String(value).trim() } }]);
			return 'sent';
		});
	});
});
