import { DateTime } from 'luxon';
import {
	NodeOperationError,
	getGlobalState,
	setGlobalState,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
} from 'n8n-workflow';

import { ENTITIES } from '../../../nodes/SimpleSimon/entities';
import {
	FilterConditionError,
	andAll,
	buildFilter,
	compileConditions,
	filterProperties,
	odataGuid,
	odataLiteral,
	odataString,
	type FilterCondition,
	type FilterValueType,
} from '../../../nodes/SimpleSimon/odataFilter';
import type { RunResult } from '../../kit/node-runner';
import { simpleSimonFixture } from './fixture';

const GUID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const AMS = 'Europe/Amsterdam';
const NY = 'America/New_York';

/** The error a call throws (fails the test when it does not throw). */
function thrown(fn: () => unknown): Error {
	try {
		fn();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected an error');
}

describe('odataString', () => {
	it.each([
		['Amsterdam', "'Amsterdam'"],
		["O'Brien", "'O''Brien'"],
		["''", "''''''"],
		['', "''"],
		["x' or 1 eq 1 or Name eq 'y", "'x'' or 1 eq 1 or Name eq ''y'"],
		["contains(Name,'a')", "'contains(Name,''a'')'"],
		['50% & more', "'50% & more'"],
	])('%j → %s', (text, literal) => {
		expect(odataString(text)).toBe(literal);
	});
});

describe('odataGuid', () => {
	it.each([
		[GUID, GUID],
		[`{${GUID}}`, GUID],
		[` ${GUID.toUpperCase()} `, GUID.toUpperCase()],
		['12345', '12345'],
		['WO-000001', "'WO-000001'"],
		["O'Brien-1", "'O''Brien-1'"],
		['-5', "'-5'"],
	])('%j → %s', (id, literal) => {
		expect(odataGuid(id)).toBe(literal);
	});
});

describe('odataLiteral', () => {
	it.each<[unknown, FilterValueType, string]>([
		// Auto: GUIDs, booleans and ISO dates are recognised; numbers and everything else stay text.
		[GUID, 'auto', GUID],
		[`{${GUID}}`, 'auto', GUID],
		['true', 'auto', 'true'],
		['FALSE', 'auto', 'false'],
		['1234', 'auto', "'1234'"],
		['0612', 'auto', "'0612'"],
		['3.5', 'auto', "'3.5'"],
		['null', 'auto', "'null'"],
		["O'Brien", 'auto', "'O''Brien'"],
		["' or 1 eq 1", 'auto', "''' or 1 eq 1'"],
		[' padded ', 'auto', "' padded '"],
		['', 'auto', "''"],
		['2026-01-05', 'auto', '2026-01-04T23:00:00Z'],
		['2026-01-05T09:00:00', 'auto', '2026-01-05T08:00:00Z'],
		['2026-01-05T09:00:00Z', 'auto', '2026-01-05T09:00:00Z'],
		['2026-01-05T09:00:00-05:00', 'auto', '2026-01-05T14:00:00Z'],
		['WO-2026-01-05', 'auto', "'WO-2026-01-05'"],
		// Typed values from an expression keep their type in Auto.
		[3, 'auto', '3'],
		[2.5, 'auto', '2.5'],
		[true, 'auto', 'true'],
		[null, 'auto', 'null'],
		[new Date('2026-01-05T09:00:00.250Z'), 'auto', '2026-01-05T09:00:00.250Z'],
		// Text
		['1234', 'string', "'1234'"],
		['2026-01-05', 'string', "'2026-01-05'"],
		[GUID, 'string', `'${GUID}'`],
		[42, 'string', "'42'"],
		[false, 'string', "'false'"],
		["it's", 'string', "'it''s'"],
		// Number
		['3', 'number', '3'],
		[' 12.5 ', 'number', '12.5'],
		['-0.25', 'number', '-0.25'],
		['1e3', 'number', '1000'],
		[7, 'number', '7'],
		// Boolean
		['true', 'boolean', 'true'],
		[' False ', 'boolean', 'false'],
		[true, 'boolean', 'true'],
		// ID
		[GUID, 'guid', GUID],
		[`{${GUID.toUpperCase()}}`, 'guid', GUID.toUpperCase()],
		// Date & Time
		['2026-01-05', 'dateTime', '2026-01-04T23:00:00Z'],
		['2026-01-05T09:00', 'dateTime', '2026-01-05T08:00:00Z'],
		['2026-01-05 09:00:00', 'dateTime', '2026-01-05T08:00:00Z'],
		['2026-01-05T09:00:00.123', 'dateTime', '2026-01-05T08:00:00.123Z'],
		['2026-01-05T09:00:00.1234567Z', 'dateTime', '2026-01-05T09:00:00.123Z'],
		['2026-01-05T09:00:00+0530', 'dateTime', '2026-01-05T03:30:00Z'],
		['2026-01-05T09:00:00z', 'dateTime', '2026-01-05T09:00:00Z'],
		['1767603600', 'dateTime', '2026-01-05T09:00:00Z'],
		[1767603600000, 'dateTime', '2026-01-05T09:00:00Z'],
		[new Date('2026-01-05T09:00:00Z'), 'dateTime', '2026-01-05T09:00:00Z'],
		[
			DateTime.fromISO('2026-01-05T09:00:00', { zone: 'Asia/Tokyo' }),
			'dateTime',
			'2026-01-05T00:00:00Z',
		],
		// Null
		['anything', 'null', 'null'],
	])('%j as %s → %s (workflow in Amsterdam)', (value, type, literal) => {
		expect(odataLiteral(value, type, AMS)).toBe(literal);
	});

	it.each<[unknown, FilterValueType, RegExp]>([
		['three', 'number', /not a number/],
		['1,5', 'number', /not a number/],
		['', 'number', /not a number/],
		['NaN', 'number', /not a number/],
		[Infinity, 'number', /not a number/],
		['Infinity', 'number', /not a number/],
		['yes', 'boolean', /not a boolean/],
		['', 'boolean', /not a boolean/],
		['12345', 'guid', /not an ID in GUID form/],
		[`${GUID}x`, 'guid', /not an ID in GUID form/],
		['2026-02-30', 'dateTime', /not a real date/],
		['2026-13-01', 'dateTime', /not a real date/],
		['2026-01-05T24:00:00', 'dateTime', /not a real date/],
		['2026-01-05T09:60', 'dateTime', /not a real date/],
		['tomorrow', 'dateTime', /not a date/],
		['Jan 5 2026', 'dateTime', /not a date/],
		['', 'dateTime', /not a date/],
		[new Date('nope'), 'dateTime', /not a date/],
		[DateTime.fromISO('nope'), 'dateTime', /not a date/],
		[true, 'dateTime', /not a date/],
		['2026-02-30', 'auto', /not a real date/],
		[{ a: 1 }, 'auto', /not a single value/],
		[['a'], 'string', /not a single value/],
	])('%j as %s is refused: %s', (value, type, reason) => {
		const error = thrown(() => odataLiteral(value, type, AMS));
		expect(error).not.toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(reason);
	});

	it('reads a date without an offset in the workflow time zone, across daylight saving time', () => {
		// Amsterdam: UTC+1 in winter, UTC+2 from 29 March 2026 02:00; New York: UTC-5, UTC-4 from 8 March 2026.
		expect(odataLiteral('2026-03-28T12:00:00', 'dateTime', AMS)).toBe('2026-03-28T11:00:00Z');
		expect(odataLiteral('2026-03-29T12:00:00', 'dateTime', AMS)).toBe('2026-03-29T10:00:00Z');
		expect(odataLiteral('2026-10-25T12:00:00', 'dateTime', AMS)).toBe('2026-10-25T11:00:00Z');
		expect(odataLiteral('2026-03-07T09:00:00', 'dateTime', NY)).toBe('2026-03-07T14:00:00Z');
		expect(odataLiteral('2026-03-09T09:00:00', 'dateTime', NY)).toBe('2026-03-09T13:00:00Z');
		expect(odataLiteral('2026-07-01', 'dateTime', NY)).toBe('2026-07-01T04:00:00Z');
		expect(odataLiteral('2026-07-01', 'dateTime', 'UTC')).toBe('2026-07-01T00:00:00Z');
		expect(odataLiteral('2026-07-01', 'auto', 'Asia/Kolkata')).toBe('2026-06-30T18:30:00Z');
	});

	it('gives a real instant for wall-clock times skipped or repeated by a clock change', () => {
		// 02:30 does not exist on 29 March in Amsterdam; it exists twice on 25 October.
		expect(['2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z']).toContain(
			odataLiteral('2026-03-29T02:30:00', 'dateTime', AMS),
		);
		expect(['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z']).toContain(
			odataLiteral('2026-10-25T02:30:00', 'dateTime', AMS),
		);
	});

	it('ignores the workflow time zone when the value carries its own offset or zone', () => {
		for (const zone of [AMS, NY, 'UTC']) {
			expect(odataLiteral('2026-01-05T09:00:00+01:00', 'dateTime', zone)).toBe(
				'2026-01-05T08:00:00Z',
			);
			expect(odataLiteral(DateTime.fromISO('2026-07-05T09:00', { zone: NY }), 'auto', zone)).toBe(
				'2026-07-05T13:00:00Z',
			);
		}
	});
});

describe('compileConditions', () => {
	const one = (condition: FilterCondition, timeZone = AMS) =>
		compileConditions([condition], 'and', timeZone);

	it.each<[string, string]>([
		['equals', "City eq 'Utrecht'"],
		['notEquals', "City ne 'Utrecht'"],
		['greaterThan', "City gt 'Utrecht'"],
		['greaterThanOrEqual', "City ge 'Utrecht'"],
		['lessThan', "City lt 'Utrecht'"],
		['lessThanOrEqual', "City le 'Utrecht'"],
		['contains', "contains(City,'Utrecht')"],
		['notContains', "not contains(City,'Utrecht')"],
		['startsWith', "startswith(City,'Utrecht')"],
		['endsWith', "endswith(City,'Utrecht')"],
		['isEmpty', 'City eq null'],
		['isNotEmpty', 'City ne null'],
	])('operator %s → %s', (operator, filter) => {
		expect(one({ field: 'City', operator, value: 'Utrecht' })).toBe(filter);
	});

	it('compiles each value type in a comparison', () => {
		expect(
			one({ field: 'Priority', operator: 'greaterThanOrEqual', valueType: 'number', value: '3' }),
		).toBe('Priority ge 3');
		expect(
			one({ field: 'IsActive', operator: 'equals', valueType: 'boolean', value: 'true' }),
		).toBe('IsActive eq true');
		expect(one({ field: 'LocationId', operator: 'equals', valueType: 'guid', value: GUID })).toBe(
			`LocationId eq ${GUID}`,
		);
		expect(
			one({
				field: 'PlannedDate',
				operator: 'lessThan',
				valueType: 'dateTime',
				value: '2026-01-05T09:00',
			}),
		).toBe('PlannedDate lt 2026-01-05T08:00:00Z');
		expect(
			one({ field: 'PostalCode', operator: 'equals', valueType: 'string', value: '1234' }),
		).toBe("PostalCode eq '1234'");
		expect(one({ field: 'PostalCode', operator: 'equals', value: '1234' })).toBe(
			"PostalCode eq '1234'",
		);
		expect(one({ field: 'Remarks', operator: 'equals', valueType: 'null', value: 'x' })).toBe(
			'Remarks eq null',
		);
	});

	it('keeps OData syntax inside a value as text', () => {
		expect(one({ field: 'Name', operator: 'equals', value: "x' or 1 eq 1 or Name eq 'y" })).toBe(
			"Name eq 'x'' or 1 eq 1 or Name eq ''y'",
		);
		expect(
			one({ field: 'Name', operator: 'contains', value: "') or true or contains(Name,'" }),
		).toBe("contains(Name,''') or true or contains(Name,''')");
	});

	it('sends the text functions a text value whatever Value Type is left over, and ignores the value of Is Empty', () => {
		expect(one({ field: 'Code', operator: 'startsWith', valueType: 'number', value: '12' })).toBe(
			"startswith(Code,'12')",
		);
		expect(one({ field: 'Name', operator: 'contains', valueType: 'auto', value: GUID })).toBe(
			`contains(Name,'${GUID}')`,
		);
		expect(one({ field: 'Name', operator: 'endsWith', value: 2026 })).toBe("endswith(Name,'2026')");
		expect(
			one({
				field: 'PlannedDate',
				operator: 'isEmpty',
				valueType: 'dateTime',
				value: 'not a date',
			}),
		).toBe('PlannedDate eq null');
	});

	it('accepts nested property paths and joins conditions with the chosen combinator', () => {
		const conditions: FilterCondition[] = [
			{ field: 'Location/City', operator: 'equals', value: "'s-Hertogenbosch" },
			{ field: 'Status', operator: 'notEquals', value: 'Cancelled' },
			{ field: 'Description', operator: 'notContains', value: 'test' },
		];
		expect(compileConditions(conditions, 'and', AMS)).toBe(
			"Location/City eq '''s-Hertogenbosch' and Status ne 'Cancelled' and not contains(Description,'test')",
		);
		expect(compileConditions(conditions, 'or', AMS)).toBe(
			"Location/City eq '''s-Hertogenbosch' or Status ne 'Cancelled' or not contains(Description,'test')",
		);
		expect(compileConditions([], 'and', AMS)).toBeUndefined();
	});

	it('uses the time zone it is given', () => {
		const condition: FilterCondition = {
			field: 'PlannedDate',
			operator: 'greaterThanOrEqual',
			value: '2026-01-05',
		};
		expect(one(condition, AMS)).toBe('PlannedDate ge 2026-01-04T23:00:00Z');
		expect(one(condition, NY)).toBe('PlannedDate ge 2026-01-05T05:00:00Z');
		expect(one(condition, 'UTC')).toBe('PlannedDate ge 2026-01-05T00:00:00Z');
	});

	it.each([
		['', 'the field name is empty'],
		['Postal Code', 'letters, digits and underscores'],
		['1Name', 'letters, digits and underscores'],
		["Name eq 'x' or Id", 'letters, digits and underscores'],
		['Location/', 'letters, digits and underscores'],
		['Location//City', 'letters, digits and underscores'],
		['Name)', 'letters, digits and underscores'],
	])('refuses the field name %j, naming the condition', (field, reason) => {
		const error = thrown(() =>
			compileConditions(
				[
					{ field: 'Name', operator: 'equals', value: 'ok' },
					{ field, operator: 'equals', value: 'x' },
				],
				'and',
				AMS,
			),
		) as FilterConditionError;
		expect(error).toBeInstanceOf(FilterConditionError);
		expect(error.condition).toBe(2);
		expect(error.problem).toBe('field');
		expect(error.input).toBe(field.trim());
		expect(error.reason).toContain(reason);
	});

	it('names the condition and the value of a value that does not fit its type', () => {
		const error = thrown(() =>
			compileConditions(
				[{ field: 'Priority', operator: 'equals', valueType: 'number', value: 'high' }],
				'or',
				AMS,
			),
		) as FilterConditionError;
		expect(error).toBeInstanceOf(FilterConditionError);
		expect([error.condition, error.problem, error.input]).toEqual([1, 'value', 'high']);
		expect(error.reason).toMatch(/not a number/);
	});

	it.each(['like', 'toString', 'constructor', '__proto__'])(
		'refuses the unknown operator %s',
		(operator) => {
			const error = thrown(() =>
				one({ field: 'Name', operator, value: 'x' }),
			) as FilterConditionError;
			expect(error).toBeInstanceOf(FilterConditionError);
			expect([error.problem, error.input]).toEqual(['operator', operator]);
		},
	);

	it('treats a row saved without operator or value type as Equals / Auto', () => {
		expect(one({ field: 'City', value: 'Gent' } as FilterCondition)).toBe("City eq 'Gent'");
	});
});

describe('andAll', () => {
	it('adds parentheses only around clauses with a top-level or', () => {
		expect(
			andAll([`LocationId eq ${GUID}`, 'A eq 1 or B eq 2', '(C eq 1 or D eq 2)', 'not E eq 1']),
		).toBe(`LocationId eq ${GUID} and (A eq 1 or B eq 2) and (C eq 1 or D eq 2) and not E eq 1`);
		expect(andAll(["Name eq 'a or b'", "contains(Name,'x'' or y')", 'Name eq null'])).toBe(
			"Name eq 'a or b' and contains(Name,'x'' or y') and Name eq null",
		);
		expect(andAll(['A eq 1 or(B eq 2)', "Mentor eq 'x'", 'Color eq 1'])).toBe(
			"(A eq 1 or(B eq 2)) and Mentor eq 'x' and Color eq 1",
		);
	});

	it('leaves a single clause alone and returns undefined for none', () => {
		expect(andAll(['A eq 1 or B eq 2'])).toBe('A eq 1 or B eq 2');
		expect(andAll([undefined, '  ', ''])).toBeUndefined();
	});
});

describe('filterProperties', () => {
	const properties = filterProperties(ENTITIES.workOrder);
	const byName = Object.fromEntries(properties.map((p) => [p.name, p]));

	it('offers the builder, the match selector and the raw filter, clear of the other Get Many fields', () => {
		expect(properties.map((p) => p.name)).toEqual(['filters', 'filterMatch', 'rawFilter']);
		expect(properties.map((p) => p.name)).not.toEqual(
			expect.arrayContaining(['options', 'returnAll', 'limit']),
		);
		expect(byName.filters).toMatchObject({
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Condition',
			default: {},
		});
		expect(byName.filterMatch.options).toEqual([
			{ name: 'All Conditions (AND)', value: 'and' },
			{ name: 'Any Condition (OR)', value: 'or' },
		]);
		expect(byName.rawFilter.displayName).toBe('Raw OData Filter');
		expect(byName.rawFilter.description).toContain("'O''Brien'");
	});

	it('has a condition row of Field, Operator, Value Type and Value', () => {
		const [row] = byName.filters.options as Array<{
			name: string;
			// eslint-disable-next-line @typescript-eslint/no-explicit-any -- n8n's property union, read loosely
			values: Array<Record<string, any>>;
		}>;
		expect(row.name).toBe('conditions');
		const values = Object.fromEntries(row.values.map((v) => [v.name, v]));
		expect(Object.keys(values)).toEqual(['field', 'operator', 'valueType', 'value']);
		expect(values.field.placeholder).toBe('Description');
		expect(values.field.description).toContain('Description, LocationId, Status');
		expect(values.operator.options.map((o: { value: string }) => o.value).sort()).toEqual(
			[
				'contains',
				'endsWith',
				'equals',
				'greaterThan',
				'greaterThanOrEqual',
				'isEmpty',
				'isNotEmpty',
				'lessThan',
				'lessThanOrEqual',
				'notContains',
				'notEquals',
				'startsWith',
			].sort(),
		);
		expect(values.valueType.options.map((o: { name: string }) => o.name)).toEqual([
			'Auto',
			'Boolean',
			'Date & Time',
			'ID (GUID)',
			'Number',
			'Text',
		]);
		expect(values.value.displayOptions).toEqual({ hide: { operator: ['isEmpty', 'isNotEmpty'] } });
		expect(values.valueType.displayOptions.show.operator).not.toContain('contains');
		// Every operator the UI offers compiles.
		for (const { value } of values.operator.options) {
			expect(
				compileConditions([{ field: 'Name', operator: value, value: 'x' }], 'and', 'UTC'),
			).toBeDefined();
		}
	});

	it('uses each entity’s own example fields', () => {
		const [row] = filterProperties(ENTITIES.timeSheet)[0].options as Array<{
			values: Array<{ placeholder?: string }>;
		}>;
		expect(row.values[0].placeholder).toBe('WorkOrderId');
	});
});

describe('buildFilter', () => {
	const node = {
		id: 'n',
		name: 'Simple-Simon',
		type: 'simpleSimon',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	} as INode;
	function context(perItem: Array<Record<string, unknown>>, timeZone = AMS): IExecuteFunctions {
		return {
			getNodeParameter: (name: string, itemIndex: number, fallback: unknown) =>
				name in perItem[itemIndex] ? perItem[itemIndex][name] : fallback,
			getTimezone: () => timeZone,
			getNode: () => node,
		} as unknown as IExecuteFunctions;
	}

	it('is undefined when nothing is set', () => {
		expect(buildFilter(context([{}]), 0)).toBeUndefined();
		expect(
			buildFilter(context([{ filters: {}, filterMatch: 'or', rawFilter: '  ' }]), 0),
		).toBeUndefined();
		expect(buildFilter(context([{ filters: { conditions: [] } }]), 0)).toBeUndefined();
	});

	it('combines the required clauses, the builder and the raw filter with and', () => {
		const ctx = context([
			{
				filters: {
					conditions: [
						{ field: 'Status', operator: 'equals', value: 'Open' },
						{ field: 'Status', operator: 'equals', value: 'Planned' },
					],
				},
				filterMatch: 'or',
				rawFilter: "Priority le 2 or Reference eq 'urgent'",
			},
		]);
		expect(buildFilter(ctx, 0, [`LocationId eq ${GUID}`])).toBe(
			`LocationId eq ${GUID} and (Status eq 'Open' or Status eq 'Planned') and (Priority le 2 or Reference eq 'urgent')`,
		);
	});

	it('adds no parentheses where the builder and raw filter only use and', () => {
		const ctx = context([
			{
				filters: {
					conditions: [
						{ field: 'Description', operator: 'contains', value: "O'Brien" },
						{
							field: 'PlannedDate',
							operator: 'greaterThanOrEqual',
							valueType: 'dateTime',
							value: '2026-01-05',
						},
					],
				},
				filterMatch: 'and',
				rawFilter: '$filter=Priority le 2',
			},
		]);
		expect(buildFilter(ctx, 0)).toBe(
			"contains(Description,'O''Brien') and PlannedDate ge 2026-01-04T23:00:00Z and Priority le 2",
		);
		expect(buildFilter(ctx, 0, ['CustomerId eq 7'])).toBe(
			"CustomerId eq 7 and contains(Description,'O''Brien') and PlannedDate ge 2026-01-04T23:00:00Z and Priority le 2",
		);
	});

	it('passes a raw filter alone through untouched, and the required clauses alone', () => {
		expect(buildFilter(context([{ rawFilter: ' A eq 1 or B eq 2 ' }]), 0)).toBe('A eq 1 or B eq 2');
		expect(buildFilter(context([{}]), 0, [`UserId eq ${GUID}`])).toBe(`UserId eq ${GUID}`);
	});

	it('reads each item’s own values and the workflow time zone', () => {
		const ctx = context(
			[
				{ filters: { conditions: [{ field: 'Date', operator: 'lessThan', value: '2026-07-01' }] } },
				{ filters: { conditions: [{ field: 'Date', operator: 'lessThan', value: '2026-12-01' }] } },
			],
			NY,
		);
		expect(buildFilter(ctx, 0)).toBe('Date lt 2026-07-01T04:00:00Z');
		expect(buildFilter(ctx, 1)).toBe('Date lt 2026-12-01T05:00:00Z');
	});

	it('reports a bad value as a NodeOperationError naming the field, the condition and the item', () => {
		const ctx = context([
			{},
			{
				filters: {
					conditions: [
						{ field: 'Status', operator: 'equals', value: 'Open' },
						{
							field: 'PlannedDate',
							operator: 'greaterThan',
							valueType: 'dateTime',
							value: '2026-02-30',
						},
					],
				},
			},
		]);
		const error = thrown(() => buildFilter(ctx, 1)) as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			'The field "Filters" has an invalid value "2026-02-30" in condition 2 of item 1',
		);
		expect(error.description).toMatch(
			/^It is not a real date or time\. Use a date like 2026-01-05/,
		);
		expect(error.description).toContain('pick the Value Type');
		expect(error.context.itemIndex).toBe(1);
	});

	it('reports a bad field name, naming it', () => {
		const ctx = context([
			{ filters: { conditions: [{ field: 'Planned Date', operator: 'isEmpty' }] } },
		]);
		const error = thrown(() => buildFilter(ctx, 0)) as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			'The field "Filters" has an invalid field name "Planned Date" in condition 1 of item 0',
		);
		expect(error.description).toContain('PostalCode or Location/City');
	});

	it('reports a number that is not one', () => {
		const ctx = context([
			{
				filters: {
					conditions: [
						{ field: 'Hours', operator: 'greaterThan', valueType: 'number', value: '7,5' },
					],
				},
			},
		]);
		const error = thrown(() => buildFilter(ctx, 0)) as NodeOperationError;
		expect(error.message).toBe(
			'The field "Filters" has an invalid value "7,5" in condition 1 of item 0',
		);
		expect(error.description).toContain('e.g. 3 or 12.5');
	});
});

// ---------------------------------------------------------------- the real node against the emulator

describe('Get Many with the filter builder, against the emulator', () => {
	const ss = simpleSimonFixture();
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- emulator rows are free-form
	type WorkOrder = Record<string, any>;
	const workOrders = () => [...ss.vendor.state.tables.workorders.values()] as WorkOrder[];
	const ms = (iso: string | null) => (iso === null ? NaN : Date.parse(iso));
	const sortedIds = (rows: Array<{ Id?: unknown }>) => rows.map((row) => String(row.Id)).sort();
	const outputIds = (result: RunResult) => sortedIds(result.items.map((item) => item.json));
	/** The single list request's `$filter`, and every row the node returned for it. */
	const listFilters = () => ss.requests('workorders:list').map((request) => request.query.$filter);

	const previousState = getGlobalState();
	beforeAll(() => setGlobalState({ ...previousState, defaultTimezone: AMS }));
	afterAll(() => setGlobalState(previousState));

	async function getMany(parameters: IDataObject, input?: IDataObject[]) {
		return await ss.run(
			{
				resource: 'workOrder',
				operation: 'getAll',
				returnAll: true,
				filterMatch: 'and',
				...parameters,
			},
			input,
		);
	}

	it('[wire:listWorkOrders] compiles a value with a quote and a date into a filter the server applies', async () => {
		const result = await getMany({
			filters: {
				conditions: [
					{ field: 'Description', operator: 'contains', value: "'t " },
					{
						field: 'PlannedDate',
						operator: 'greaterThanOrEqual',
						valueType: 'dateTime',
						value: '2024-06-01',
					},
				],
			},
		});
		expect(result.error).toBeUndefined();
		// Midnight of 1 June in the workflow's time zone (Amsterdam, summer time) is 22:00 UTC the day before.
		expect(listFilters()).toEqual([
			"contains(Description,'''t ') and PlannedDate ge 2024-05-31T22:00:00Z",
		]);
		const expected = workOrders().filter(
			(wo) =>
				wo.Description.includes("'t ") && ms(wo.PlannedDate) >= Date.parse('2024-05-31T22:00:00Z'),
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.length).toBeLessThan(
			workOrders().filter((wo) => wo.Description.includes("'t ")).length,
		);
		expect(outputIds(result)).toEqual(sortedIds(expected));
		expect(result.items[0].json).toMatchObject({ Description: expect.stringContaining("'t ") });
	});

	it('[wire:listWorkOrders] reads dates without an offset in the workflow time zone, summer and winter alike', async () => {
		const local = (iso: string) =>
			DateTime.fromISO(iso, { zone: 'utc' }).setZone(AMS).toFormat("yyyy-LL-dd'T'HH:mm:ss");
		const planned = workOrders().filter((wo) => wo.PlannedDate);
		const winter = planned.find((wo) => /^2024-(01|02|11|12)/.test(wo.PlannedDate))!;
		const summer = planned.find((wo) => /^2024-(06|07|08)/.test(wo.PlannedDate))!;
		const result = await getMany({
			filters: {
				conditions: [
					{ field: 'PlannedDate', operator: 'equals', value: local(winter.PlannedDate) },
					{ field: 'PlannedDate', operator: 'equals', value: local(summer.PlannedDate) },
				],
			},
			filterMatch: 'or',
		});
		expect(result.error).toBeUndefined();
		const literal = (iso: string) => new Date(iso).toISOString().replace('.000Z', 'Z');
		expect(listFilters()).toEqual([
			`PlannedDate eq ${literal(winter.PlannedDate)} or PlannedDate eq ${literal(summer.PlannedDate)}`,
		]);
		const expected = planned.filter((wo) =>
			[winter, summer].some((w) => ms(w.PlannedDate) === ms(wo.PlannedDate)),
		);
		expect(outputIds(result)).toEqual(sortedIds(expected));
		expect(outputIds(result)).toEqual(expect.arrayContaining([winter.Id, summer.Id]));
	});

	it('[wire:listWorkOrders] puts an OR builder and an OR raw filter in parentheses so AND binds them correctly', async () => {
		const result = await getMany({
			filters: {
				conditions: [
					{ field: 'Status', operator: 'equals', value: 'Open' },
					{ field: 'Status', operator: 'equals', value: 'Planned' },
				],
			},
			filterMatch: 'or',
			rawFilter: 'Priority le 2 or Priority eq 5',
		});
		expect(result.error).toBeUndefined();
		expect(listFilters()).toEqual([
			"(Status eq 'Open' or Status eq 'Planned') and (Priority le 2 or Priority eq 5)",
		]);
		const expected = workOrders().filter(
			(wo) =>
				['Open', 'Planned'].includes(wo.Status) &&
				wo.Priority !== null &&
				(wo.Priority <= 2 || wo.Priority === 5),
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(outputIds(result)).toEqual(sortedIds(expected));
	});

	const sample = () => workOrders()[3];
	it.each<[string, () => FilterCondition, () => string, (wo: WorkOrder) => boolean]>([
		[
			'Number',
			() => ({
				field: 'Priority',
				operator: 'greaterThanOrEqual',
				valueType: 'number',
				value: '4',
			}),
			() => 'Priority ge 4',
			(wo) => wo.Priority !== null && wo.Priority >= 4,
		],
		[
			'ID in Auto',
			() => ({ field: 'LocationId', operator: 'equals', value: sample().LocationId }),
			() => `LocationId eq ${sample().LocationId}`,
			(wo) => wo.LocationId === sample().LocationId,
		],
		[
			'ID (GUID) with braces',
			() => ({
				field: 'CustomerId',
				operator: 'notEquals',
				valueType: 'guid',
				value: `{${sample().CustomerId}}`,
			}),
			() => `CustomerId ne ${sample().CustomerId}`,
			(wo) => wo.CustomerId !== sample().CustomerId,
		],
		[
			'Text that looks like a code',
			() => ({ field: 'Number', operator: 'equals', valueType: 'string', value: sample().Number }),
			() => `Number eq '${sample().Number}'`,
			(wo) => wo.Number === sample().Number,
		],
		[
			'Is Empty',
			() => ({ field: 'PlannedDate', operator: 'isEmpty' }),
			() => 'PlannedDate eq null',
			(wo) => wo.PlannedDate === null,
		],
		[
			'Is Not Empty',
			() => ({ field: 'Remarks', operator: 'isNotEmpty', value: 'ignored' }),
			() => 'Remarks ne null',
			(wo) => wo.Remarks !== null,
		],
		[
			'Not Equals',
			() => ({ field: 'Status', operator: 'notEquals', value: 'Cancelled' }),
			() => "Status ne 'Cancelled'",
			(wo) => wo.Status !== 'Cancelled',
		],
		[
			'Starts With',
			() => ({ field: 'Number', operator: 'startsWith', value: 'WO-00001' }),
			() => "startswith(Number,'WO-00001')",
			(wo) => String(wo.Number).startsWith('WO-00001'),
		],
		[
			'Ends With',
			() => ({ field: 'Description', operator: 'endsWith', value: 'Utrecht' }),
			() => "endswith(Description,'Utrecht')",
			(wo) => wo.Description.endsWith('Utrecht'),
		],
		[
			'Does Not Contain a quote',
			() => ({ field: 'Description', operator: 'notContains', value: "'" }),
			() => "not contains(Description,'''')",
			(wo) => !wo.Description.includes("'"),
		],
		[
			'Less Than a date-time with its own offset',
			() => ({ field: 'PlannedDate', operator: 'lessThan', value: '2024-03-01T00:00:00+01:00' }),
			() => 'PlannedDate lt 2024-02-29T23:00:00Z',
			(wo) => wo.PlannedDate !== null && ms(wo.PlannedDate) < Date.parse('2024-02-29T23:00:00Z'),
		],
		[
			'Greater Than with milliseconds',
			() => ({
				field: 'CreatedOn',
				operator: 'greaterThan',
				valueType: 'dateTime',
				value: '2024-06-01T10:00:00.5Z',
			}),
			() => 'CreatedOn gt 2024-06-01T10:00:00.500Z',
			(wo) => ms(wo.CreatedOn) > Date.parse('2024-06-01T10:00:00.500Z'),
		],
	])(
		'[wire:listWorkOrders] %s: the server accepts the literal and returns the matching rows',
		async (_, condition, filter, matches) => {
			const result = await getMany({ filters: { conditions: [condition()] } });
			expect(result.error).toBeUndefined();
			// More than one page of rows: every page request carries the same filter.
			expect(new Set(listFilters())).toEqual(new Set([filter()]));
			const expected = workOrders().filter(matches);
			expect(expected.length).toBeGreaterThan(0);
			expect(expected.length).toBeLessThan(workOrders().length);
			expect(outputIds(result)).toEqual(sortedIds(expected));
		},
	);

	it('[wire:listWorkOrders] keeps OData syntax typed into a value inside the string', async () => {
		const result = await getMany({
			filters: {
				conditions: [
					{ field: 'Description', operator: 'equals', value: "x' or 1 eq 1 or Description ne 'y" },
				],
			},
		});
		expect(result.error).toBeUndefined();
		expect(listFilters()).toEqual(["Description eq 'x'' or 1 eq 1 or Description ne ''y'"]);
		expect(result.items).toEqual([]);
	});

	it('[wire:listCustomers] sends true/false unquoted in Auto', async () => {
		const result = await ss.run({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			filters: { conditions: [{ field: 'IsActive', operator: 'equals', value: 'false' }] },
		});
		expect(result.error).toBeUndefined();
		expect(ss.requests('customers:list').map((r) => r.query.$filter)).toEqual([
			'IsActive eq false',
		]);
		const customers = [...ss.vendor.state.tables.customers.values()] as WorkOrder[];
		const expected = customers.filter((c) => c.IsActive === false);
		expect(expected.length).toBeGreaterThan(0);
		expect(outputIds(result)).toEqual(sortedIds(expected));
	});

	it('[wire:listWorkOrders] ANDs the customer clause of Get Many for Customer with the builder and the raw filter', async () => {
		const counts = new Map<string, number>();
		for (const wo of workOrders())
			if (wo.CustomerId) counts.set(wo.CustomerId, (counts.get(wo.CustomerId) ?? 0) + 1);
		const [customerId] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
		const result = await ss.run({
			resource: 'workOrder',
			operation: 'getAllForCustomer',
			customerId: { mode: 'id', value: customerId },
			returnAll: true,
			filters: { conditions: [{ field: 'Status', operator: 'notEquals', value: 'Cancelled' }] },
			filterMatch: 'and',
			rawFilter: 'Priority le 3 or Priority eq 5',
		});
		expect(result.error).toBeUndefined();
		expect(listFilters()).toEqual([
			`CustomerId eq ${customerId} and Status ne 'Cancelled' and (Priority le 3 or Priority eq 5)`,
		]);
		const expected = workOrders().filter(
			(wo) =>
				wo.CustomerId === customerId &&
				wo.Status !== 'Cancelled' &&
				wo.Priority !== null &&
				(wo.Priority <= 3 || wo.Priority === 5),
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(outputIds(result)).toEqual(sortedIds(expected));
	});

	it('[wire:listWorkOrders] takes each item’s values from expressions, including a Luxon date', async () => {
		const result = await getMany(
			{
				filters: {
					conditions: [
						{
							field: 'Priority',
							operator: 'equals',
							valueType: 'number',
							value: '={{ $json.priority }}',
						},
						{
							field: 'PlannedDate',
							operator: 'greaterThanOrEqual',
							valueType: 'dateTime',
							value: '={{ DateTime.fromISO($json.from, { zone: "Asia/Tokyo" }) }}',
						},
					],
				},
			},
			[
				{ priority: 1, from: '2024-06-01T00:00:00' },
				{ priority: 3, from: '2024-09-01T00:00:00' },
			],
		);
		expect(result.error).toBeUndefined();
		expect(listFilters()).toEqual([
			'Priority eq 1 and PlannedDate ge 2024-05-31T15:00:00Z',
			'Priority eq 3 and PlannedDate ge 2024-08-31T15:00:00Z',
		]);
		const expected = [
			...workOrders().filter(
				(wo) => wo.Priority === 1 && ms(wo.PlannedDate) >= Date.parse('2024-05-31T15:00:00Z'),
			),
			...workOrders().filter(
				(wo) => wo.Priority === 3 && ms(wo.PlannedDate) >= Date.parse('2024-08-31T15:00:00Z'),
			),
		];
		expect(expected.length).toBeGreaterThan(0);
		expect(outputIds(result)).toEqual(sortedIds(expected));
		expect(result.items.every((item) => item.pairedItem !== undefined)).toBe(true);
	});

	it('refuses an impossible date before sending anything, naming the field, the condition and the item', async () => {
		const result = await getMany(
			{
				filters: {
					conditions: [
						{ field: 'Status', operator: 'equals', value: 'Open' },
						{ field: 'PlannedDate', operator: 'lessThan', value: '={{ $json.until }}' },
					],
				},
			},
			[{ until: '2024-02-30' }],
		);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error!.message).toBe(
			'The field "Filters" has an invalid value "2024-02-30" in condition 2 of item 0',
		);
		expect(result.error!.description).toMatch(/not a real date/);
		expect(ss.requests('workorders:list')).toEqual([]);
	});

	it('refuses a field name with a space before sending anything', async () => {
		const result = await getMany({
			filters: { conditions: [{ field: 'Planned Date', operator: 'isNotEmpty' }] },
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error!.message).toBe(
			'The field "Filters" has an invalid field name "Planned Date" in condition 1 of item 0',
		);
		expect(ss.requests('workorders:list')).toEqual([]);
	});

	it('[wire:listWorkOrders] sends a raw filter as written and reports the server’s complaint about a broken one', async () => {
		const result = await getMany({ rawFilter: "Description eq 'unterminated" });
		expect(listFilters()).toEqual(["Description eq 'unterminated"]);
		expect(result.error).toBeDefined();
		expect(result.error!.message + ' ' + (result.error!.description ?? '')).toMatch(
			/unterminated string literal/,
		);
		for (const secret of ss.secrets()) expect(JSON.stringify(result.error)).not.toContain(secret);
	});
});
