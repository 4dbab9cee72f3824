import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { toEpochMs } from '../shared/dates';
import type { EntitySpec } from './entities';

/*
 * The Get Many filter builder: rows of field / operator / value chosen in the UI, compiled into an OData `$filter`
 * with every value in its literal form (strings quoted with '' escaping, GUIDs and date-times unquoted), plus a raw
 * `$filter` for experts. The pure functions (odataString, odataLiteral, compileConditions) know nothing about n8n.
 */

export type FilterValueType =
	| 'auto'
	| 'string'
	| 'number'
	| 'boolean'
	| 'dateTime'
	| 'guid'
	| 'null';

export interface FilterCondition {
	field: string;
	operator: string;
	valueType?: FilterValueType;
	value?: unknown;
}

/** A condition that cannot be compiled; `condition` is 1-based, as the user counts the rows. */
export class FilterConditionError extends Error {
	constructor(
		readonly condition: number,
		readonly problem: 'field' | 'operator' | 'value',
		/** The offending text as the user typed it. */
		readonly input: string,
		/** Why, in the user's words. */
		readonly reason: string,
	) {
		super(`Condition ${condition}: ${reason}`);
	}
}

const COMPARISONS: Record<string, string> = {
	equals: 'eq',
	notEquals: 'ne',
	greaterThan: 'gt',
	greaterThanOrEqual: 'ge',
	lessThan: 'lt',
	lessThanOrEqual: 'le',
};
const TEXT_FUNCTIONS: Record<string, { fn: string; negate: boolean }> = {
	contains: { fn: 'contains', negate: false },
	notContains: { fn: 'contains', negate: true },
	startsWith: { fn: 'startswith', negate: false },
	endsWith: { fn: 'endswith', negate: false },
};
const EMPTINESS: Record<string, string> = { isEmpty: 'eq', isNotEmpty: 'ne' };
const own = (table: object, key: string) => Object.prototype.hasOwnProperty.call(table, key);

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*$/;
const GUID =
	/^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;
const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

const DATE_HINT =
	'Use a date like 2026-01-05, a date and time like 2026-01-05T09:00:00 (in the workflow time zone) or 2026-01-05T09:00:00+01:00, or a date from an expression such as {{ $now }}';

/** An OData string literal: the text in single quotes, quotes inside doubled (`O'Brien` → `'O''Brien'`). */
export function odataString(text: string): string {
	return `'${text.replace(/'/g, "''")}'`;
}

/** An ID as it goes into a clause such as `LocationId eq …`: a GUID unquoted (braces removed), digits as a number, anything else a quoted string. */
export function odataGuid(id: string): string {
	const text = id.trim();
	const guid = GUID.exec(text);
	if (guid) return guid[1];
	if (/^\d+$/.test(text)) return text;
	return odataString(text);
}

const isLuxon = (value: unknown): value is { toMillis(): number; isValid?: boolean } =>
	!!value &&
	typeof value === 'object' &&
	typeof (value as { toMillis?: unknown }).toMillis === 'function';

/** A readable rendering of any value for messages. */
function describe(value: unknown): string {
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
	if (isLuxon(value)) return String(value);
	if (value !== null && typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/** The text of a scalar value, or an error for an object or array that cannot be one value. */
function asText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (value instanceof Date || isLuxon(value)) return describe(value);
	throw new Error('it is a list or an object, not a single value; map a single property instead');
}

/** Calendar and clock checks JavaScript's own parser skips (it rolls 2026-02-30 over to 2 March). */
function validIsoParts(match: RegExpExecArray): boolean {
	const [, y, mo, d, h = '0', mi = '0', s = '0', offset] = match;
	const day = new Date(Date.UTC(+y, +mo - 1, +d));
	if (day.getUTCFullYear() !== +y || day.getUTCMonth() !== +mo - 1 || day.getUTCDate() !== +d)
		return false;
	if (+h > 23 || +mi > 59 || +s > 59) return false;
	if (offset && offset.toUpperCase() !== 'Z') {
		const [oh, om] = [offset.slice(1, 3), offset.slice(-2)];
		if (+oh > 14 || +om > 59) return false;
	}
	return true;
}

/** A DateTimeOffset literal in UTC: `2026-01-05T09:00:00Z`, milliseconds only when there are some. */
function dateTimeLiteral(value: unknown, timeZone: string): string {
	let ms: number | undefined;
	if (typeof value === 'string') {
		const text = value.trim();
		const iso = ISO_DATE_TIME.exec(text);
		if (iso) {
			if (!validIsoParts(iso)) throw new Error(`it is not a real date or time. ${DATE_HINT}`);
			// toEpochMs reads a value without an offset in the workflow time zone; offsets like +0100 get their colon.
			const normalised = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2').replace(' ', 'T');
			ms = toEpochMs(normalised, timeZone);
		} else if (/^\d+(\.\d+)?$/.test(text)) {
			ms = toEpochMs(text, timeZone);
		}
	} else if (typeof value === 'number' || value instanceof Date || isLuxon(value)) {
		ms = toEpochMs(value, timeZone);
	}
	if (ms === undefined || !Number.isFinite(ms)) throw new Error(`it is not a date. ${DATE_HINT}`);
	return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function numberLiteral(value: unknown): string {
	const text = typeof value === 'number' ? String(value) : asText(value).trim();
	const number = typeof value === 'number' ? value : NUMBER.test(text) ? Number(text) : NaN;
	if (!Number.isFinite(number)) {
		throw new Error('it is not a number. Use digits with a dot for decimals, e.g. 3 or 12.5');
	}
	return String(number);
}

function booleanLiteral(value: unknown): string {
	if (typeof value === 'boolean') return String(value);
	const text = asText(value).trim().toLowerCase();
	if (text === 'true' || text === 'false') return text;
	throw new Error('it is not a boolean. Use true or false');
}

function guidLiteral(value: unknown): string {
	const guid = GUID.exec(asText(value).trim());
	if (!guid) {
		throw new Error(
			'it is not an ID in GUID form, e.g. 0f8fad5b-d9cb-469f-a165-70867728950e. For other IDs choose the Value Type Auto or Number',
		);
	}
	return guid[1];
}

/** Auto: the literal a value most likely means; text that only looks like a number stays text (postal codes, codes). */
function autoLiteral(value: unknown, timeZone: string): string {
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'number') return numberLiteral(value);
	if (typeof value === 'boolean') return String(value);
	if (value instanceof Date || isLuxon(value)) return dateTimeLiteral(value, timeZone);
	const text = asText(value);
	const trimmed = text.trim();
	if (GUID.test(trimmed)) return guidLiteral(trimmed);
	if (/^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase();
	if (ISO_DATE_TIME.test(trimmed)) return dateTimeLiteral(trimmed, timeZone);
	return odataString(text);
}

/**
 * One value as an OData literal of the given type; `timeZone` is where a date or time without an offset is read.
 * Throws a plain Error whose message says, in the user's words, why the value does not fit.
 */
export function odataLiteral(value: unknown, type: FilterValueType, timeZone: string): string {
	switch (type) {
		case 'auto':
			return autoLiteral(value, timeZone);
		case 'string':
			return odataString(asText(value));
		case 'number':
			return numberLiteral(value);
		case 'boolean':
			return booleanLiteral(value);
		case 'dateTime':
			return dateTimeLiteral(value, timeZone);
		case 'guid':
			return guidLiteral(value);
		case 'null':
			return 'null';
		default:
			throw new Error(`the value type "${String(type)}" is not known`);
	}
}

/** Runs `fn`, handing back its result or what it threw (so the caller can throw a better error outside a catch). */
function attempt<T>(fn: () => T): { value: T } | { error: unknown } {
	try {
		return { value: fn() };
	} catch (error) {
		return { error };
	}
}

function compileCondition(condition: FilterCondition, position: number, timeZone: string): string {
	const field = String(condition.field ?? '').trim();
	if (!FIELD.test(field)) {
		throw new FilterConditionError(
			position,
			'field',
			field,
			field === ''
				? 'the field name is empty'
				: 'a field name has only letters, digits and underscores, with / for a property of a related record',
		);
	}
	const operator = condition.operator ?? 'equals';
	const valueOf = (type: FilterValueType) => {
		const result = attempt(() => odataLiteral(condition.value, type, timeZone));
		if ('error' in result) {
			const reason = result.error instanceof Error ? result.error.message : String(result.error);
			throw new FilterConditionError(position, 'value', describe(condition.value), reason);
		}
		return result.value;
	};
	if (own(COMPARISONS, operator)) {
		return `${field} ${COMPARISONS[operator]} ${valueOf(condition.valueType ?? 'auto')}`;
	}
	if (own(TEXT_FUNCTIONS, operator)) {
		// These functions only take text, whatever Value Type is left over from another operator.
		const { fn, negate } = TEXT_FUNCTIONS[operator];
		return `${negate ? 'not ' : ''}${fn}(${field},${valueOf('string')})`;
	}
	if (own(EMPTINESS, operator)) return `${field} ${EMPTINESS[operator]} null`;
	throw new FilterConditionError(
		position,
		'operator',
		String(operator),
		'the operator is not known',
	);
}

/**
 * The conditions joined with `and` or `or`, or undefined when there are none. Each compiled condition is a single
 * comparison or function call, so no parentheses are needed inside the builder.
 */
export function compileConditions(
	conditions: FilterCondition[],
	combinator: 'and' | 'or',
	timeZone: string,
): string | undefined {
	const clauses = conditions.map((condition, index) =>
		compileCondition(condition, index + 1, timeZone),
	);
	return clauses.length ? clauses.join(` ${combinator} `) : undefined;
}

/** Whether `or` appears outside parentheses and string literals (then `x and <clause>` would bind wrongly). */
function hasTopLevelOr(clause: string): boolean {
	let depth = 0;
	let quoted = false;
	for (let i = 0; i < clause.length; i++) {
		const ch = clause[i];
		if (quoted) {
			if (ch === "'") quoted = false; // a doubled '' closes and reopens, which ends in the same state
			continue;
		}
		if (ch === "'") quoted = true;
		else if (ch === '(') depth++;
		else if (ch === ')') depth--;
		else if (depth <= 0 && /^or$/i.test(clause.slice(i, i + 2))) {
			const before = i === 0 ? ' ' : clause[i - 1];
			const after = clause[i + 2] ?? ' ';
			if (/[\s)]/.test(before) && /[\s(]/.test(after)) return true;
		}
	}
	return false;
}

/**
 * Why a raw `$filter` cannot be ANDed safely, or undefined: an unclosed quote or an unbalanced parenthesis would let
 * it reach out of the parentheses around it (`a') or (b` after `CustomerId eq 1 and (` widens the query).
 */
export function rawFilterProblem(clause: string): string | undefined {
	let depth = 0;
	let quoted = false;
	for (const ch of clause) {
		if (ch === "'")
			quoted = !quoted; // a doubled '' closes and reopens, which ends in the same state
		else if (quoted) continue;
		else if (ch === '(') depth++;
		else if (ch === ')' && --depth < 0) return 'a ) closes a parenthesis that was never opened';
	}
	if (quoted) return "a quoted value is not closed (a quote inside a value is doubled: 'O''Brien')";
	if (depth > 0) return 'a ( is not closed';
	return undefined;
}

/** Clauses joined with `and`, each in parentheses only when it needs them. */
export function andAll(clauses: Array<string | undefined>): string | undefined {
	const parts = clauses
		.map((clause) => clause?.trim())
		.filter((clause): clause is string => !!clause);
	if (parts.length <= 1) return parts[0];
	return parts.map((part) => (hasTopLevelOr(part) ? `(${part})` : part)).join(' and ');
}

/** The Get Many fields of the filter builder; names stay clear of `options`, `returnAll` and `limit`. */
export function filterProperties(spec: EntitySpec): INodeProperties[] {
	const [example = 'Name'] = spec.exampleFields;
	const fieldList = spec.exampleFields.join(', ');
	return [
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Condition',
			default: {},
			description: `Only return ${spec.plural} that match these conditions`,
			options: [
				{
					displayName: 'Conditions',
					name: 'conditions',
					values: [
						{
							displayName: 'Field',
							name: 'field',
							type: 'string',
							default: '',
							placeholder: example,
							description: `The property to compare, as named in the API, e.g. ${fieldList}. Use / for a property of a related record, e.g. Location/City.`,
						},
						{
							displayName: 'Operator',
							description: "How the record's value is compared with the value below",
							name: 'operator',
							type: 'options',
							options: [
								{
									name: 'Contains',
									value: 'contains',
									description: 'The text contains the value',
								},
								{
									name: 'Does Not Contain',
									value: 'notContains',
									description: 'The text does not contain the value',
								},
								{
									name: 'Ends With',
									value: 'endsWith',
									description: 'The text ends with the value',
								},
								{ name: 'Equals', value: 'equals' },
								{
									name: 'Greater Than',
									value: 'greaterThan',
									description: 'Also: later than, for dates',
								},
								{ name: 'Greater Than or Equal', value: 'greaterThanOrEqual' },
								{
									name: 'Is Empty',
									value: 'isEmpty',
									description: 'The field has no value (null)',
								},
								{
									name: 'Is Not Empty',
									value: 'isNotEmpty',
									description: 'The field has a value',
								},
								{
									name: 'Less Than',
									value: 'lessThan',
									description: 'Also: earlier than, for dates',
								},
								{ name: 'Less Than or Equal', value: 'lessThanOrEqual' },
								{ name: 'Not Equals', value: 'notEquals' },
								{
									name: 'Starts With',
									value: 'startsWith',
									description: 'The text starts with the value',
								},
							],
							default: 'equals',
						},
						{
							displayName: 'Value Type',
							name: 'valueType',
							type: 'options',
							displayOptions: {
								show: {
									operator: [
										'equals',
										'notEquals',
										'greaterThan',
										'greaterThanOrEqual',
										'lessThan',
										'lessThanOrEqual',
									],
								},
							},
							options: [
								{
									name: 'Auto',
									value: 'auto',
									description:
										'An ID (GUID), true/false or a date (2026-01-05, 2026-01-05T09:00:00) is sent as such; everything else, numbers included, as text',
								},
								{
									name: 'Boolean',
									value: 'boolean',
									description: 'True or false',
								},
								{
									name: 'Date & Time',
									value: 'dateTime',
									description:
										'A date or date and time; without an offset it is in the workflow time zone',
								},
								{
									name: 'ID (GUID)',
									value: 'guid',
									description: 'A record ID such as 0f8fad5b-d9cb-469f-a165-70867728950e',
								},
								{
									name: 'Number',
									value: 'number',
									description: 'For numeric properties such as Priority, Price, Quantity or Hours',
								},
								{
									name: 'Text',
									value: 'string',
									description: 'Always sent as text, even if it looks like a number or date',
								},
							],
							default: 'auto',
							description:
								'How the value is sent. Auto sends numbers as text because codes and postal codes are text; choose Number for numeric properties.',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							displayOptions: { hide: { operator: ['isEmpty', 'isNotEmpty'] } },
							placeholder: "e.g. O'Brien, 2026-01-05 or 0f8fad5b-d9cb-469f-a165-70867728950e",
							description:
								'The value to compare with. Quotes and special characters are escaped for you; dates without an offset are in the workflow time zone.',
						},
					],
				},
			],
		},
		{
			displayName: 'Match',
			name: 'filterMatch',
			type: 'options',
			options: [
				{ name: 'All Conditions (AND)', value: 'and' },
				{ name: 'Any Condition (OR)', value: 'or' },
			],
			default: 'and',
			description: 'Whether a record must match all the filter conditions or at least one of them',
		},
		{
			// n8n's scanner ignores inline disables, and its title-case rule would turn $filter into $Filter
			displayName: 'Raw OData Filter',
			name: 'rawFilter',
			type: 'string',
			default: '',
			placeholder: `${example} eq 'value' and CreatedOn ge 2026-01-01T00:00:00Z`,
			description:
				"For experts: an OData $filter expression, combined with the conditions above using AND. Text in single quotes (double a quote inside: 'O''Brien'), numbers, true/false, null, IDs and dates unquoted; operators eq, ne, gt, ge, lt, le, and, or, not; functions contains(Name,'x'), startswith(), endswith().",
		},
	];
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The item's `$filter`: required clauses (e.g. `LocationId eq …`), then the builder, then the raw filter, all ANDed. */
export function buildFilter(
	ctx: IExecuteFunctions,
	itemIndex: number,
	required: string[] = [],
): string | undefined {
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as {
		conditions?: FilterCondition[];
	};
	const match = ctx.getNodeParameter('filterMatch', itemIndex, 'and') as string;
	const raw = ctx.getNodeParameter('rawFilter', itemIndex, '') as unknown;
	const compiled = attempt(() =>
		compileConditions(filters?.conditions ?? [], match === 'or' ? 'or' : 'and', ctx.getTimezone()),
	);
	if ('error' in compiled) {
		const error = compiled.error;
		if (!(error instanceof FilterConditionError)) {
			throw new NodeOperationError(ctx.getNode(), error as Error, {
				itemIndex,
			});
		}
		const where = `in condition ${error.condition} of item ${itemIndex}`;
		const message =
			error.problem === 'field'
				? `The field "Filters" has an invalid field name "${error.input}" ${where}`
				: error.problem === 'operator'
					? `The field "Filters" has an unknown operator "${error.input}" ${where}`
					: `The field "Filters" has an invalid value "${error.input}" ${where}`;
		const fix =
			error.problem === 'field'
				? 'Enter the property name as the API spells it, e.g. Name, PostalCode or Location/City (letters, digits and underscores; / for a property of a related record).'
				: error.problem === 'operator'
					? 'Pick an operator from the list.'
					: 'Correct the value, or pick the Value Type that matches the property.';
		throw new NodeOperationError(ctx.getNode(), message, {
			itemIndex,
			description: `${capitalise(error.reason)}. ${fix}`,
		});
	}
	// A pasted "$filter=…" (from a URL or the API docs) keeps working.
	const rawText = (
		typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw)
	)
		.trim()
		.replace(/^\$filter\s*=\s*/i, '');
	// alone, a broken raw filter goes as written and the server says what is wrong; next to other clauses it could undo them
	const combined = required.length > 0 || (compiled.value ?? '') !== '';
	const problem = combined ? rawFilterProblem(rawText) : undefined;
	if (problem !== undefined) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The field "Raw OData Filter" has an invalid value "${rawText}" in item ${itemIndex}`,
			{ itemIndex, description: `${capitalise(problem)}.` },
		);
	}
	return andAll([...required, compiled.value, rawText]);
}
