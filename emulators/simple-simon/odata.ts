/*
 * The OData v4 query options the Simple-Simon API accepts on its collections: a real `$filter` parser (comparison and
 * logical operators, parentheses, string functions, string/number/boolean/null/GUID/date-time literals, static type
 * checks), `$orderby`, `$select`, `$top`, `$skip` and `$count`. Errors carry the wording ASP.NET Core OData uses.
 */

export type EdmType =
	| 'Edm.String'
	| 'Edm.Int32'
	| 'Edm.Double'
	| 'Edm.Boolean'
	| 'Edm.Guid'
	| 'Edm.DateTimeOffset';

/** An entity type: property name → EDM type (every property is nullable except the key). */
export type EntitySchema = Record<string, EdmType>;

export class ODataError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

const badRequest = (message: string) => new ODataError(400, 'BadRequest', message);

type Scalar = string | number | boolean | null;
type Row = Record<string, unknown>;

// ---------------------------------------------------------------- tokens

type Token =
	| { kind: 'ident'; text: string; pos: number }
	| { kind: 'literal'; type: EdmType | 'null'; value: Scalar; text: string; pos: number }
	| { kind: 'punct'; text: '(' | ')' | ','; pos: number }
	| { kind: 'end'; pos: number };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const GUID_AT =
	/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/;
const DATETIME_AT =
	/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})?)?(?![\w:.-])/;
const NUMBER_AT = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])/;
const IDENT_AT = /^[A-Za-z_][A-Za-z0-9_]*/;

export function isGuid(text: string): boolean {
	return GUID.test(text);
}

/** A date or date-time literal as epoch ms; a value without an offset is UTC. */
function parseDateTime(text: string, pos: number): number {
	const withZone = /T/.test(text)
		? /(Z|[+-]\d{2}:\d{2})$/.test(text)
			? text
			: `${text}Z`
		: `${text}T00:00:00Z`;
	const ms = Date.parse(withZone);
	if (!Number.isFinite(ms))
		throw badRequest(`The DateTimeOffset text '${text}' at position ${pos} is not valid.`);
	return ms;
}

function readQuoted(source: string, start: number): { value: string; end: number } {
	let value = '';
	let i = start + 1;
	for (;;) {
		if (i >= source.length)
			throw badRequest(
				`There is an unterminated string literal at position ${start} in '${source}'.`,
			);
		const ch = source[i];
		if (ch === "'") {
			if (source[i + 1] === "'") {
				value += "'";
				i += 2;
				continue;
			}
			return { value, end: i + 1 };
		}
		value += ch;
		i += 1;
	}
}

function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < source.length) {
		const ch = source[i];
		if (/\s/.test(ch)) {
			i += 1;
			continue;
		}
		const rest = source.slice(i);
		if (ch === '(' || ch === ')' || ch === ',') {
			tokens.push({ kind: 'punct', text: ch, pos: i });
			i += 1;
			continue;
		}
		if (ch === "'") {
			const { value, end } = readQuoted(source, i);
			tokens.push({
				kind: 'literal',
				type: 'Edm.String',
				value,
				text: source.slice(i, end),
				pos: i,
			});
			i = end;
			continue;
		}
		// OData v3 typed literals, still accepted by many servers: guid'…', datetime'…', datetimeoffset'…'.
		const typed = /^(guid|datetime|datetimeoffset)'/i.exec(rest);
		if (typed) {
			const { value, end } = readQuoted(source, i + typed[1].length);
			const prefix = typed[1].toLowerCase();
			if (prefix === 'guid') {
				if (!GUID.test(value))
					throw badRequest(`The Guid literal '${value}' at position ${i} is not valid.`);
				tokens.push({
					kind: 'literal',
					type: 'Edm.Guid',
					value: value.toLowerCase(),
					text: source.slice(i, end),
					pos: i,
				});
			} else {
				if (!DATETIME_AT.test(value) || DATETIME_AT.exec(value)![0] !== value) {
					throw badRequest(`The DateTimeOffset text '${value}' at position ${i} is not valid.`);
				}
				tokens.push({
					kind: 'literal',
					type: 'Edm.DateTimeOffset',
					value: parseDateTime(value, i),
					text: source.slice(i, end),
					pos: i,
				});
			}
			i = end;
			continue;
		}
		const guid = GUID_AT.exec(rest);
		if (guid) {
			tokens.push({
				kind: 'literal',
				type: 'Edm.Guid',
				value: guid[0].toLowerCase(),
				text: guid[0],
				pos: i,
			});
			i += guid[0].length;
			continue;
		}
		const datetime = DATETIME_AT.exec(rest);
		if (datetime) {
			tokens.push({
				kind: 'literal',
				type: 'Edm.DateTimeOffset',
				value: parseDateTime(datetime[0], i),
				text: datetime[0],
				pos: i,
			});
			i += datetime[0].length;
			continue;
		}
		const number = NUMBER_AT.exec(rest);
		if (number) {
			const isInt = /^-?\d+$/.test(number[0]);
			tokens.push({
				kind: 'literal',
				type: isInt ? 'Edm.Int32' : 'Edm.Double',
				value: Number(number[0]),
				text: number[0],
				pos: i,
			});
			i += number[0].length;
			continue;
		}
		const ident = IDENT_AT.exec(rest);
		if (ident) {
			const word = ident[0];
			if (word === 'true' || word === 'false') {
				tokens.push({
					kind: 'literal',
					type: 'Edm.Boolean',
					value: word === 'true',
					text: word,
					pos: i,
				});
			} else if (word === 'null') {
				tokens.push({ kind: 'literal', type: 'null', value: null, text: word, pos: i });
			} else {
				tokens.push({ kind: 'ident', text: word, pos: i });
			}
			i += word.length;
			continue;
		}
		throw badRequest(
			`Syntax error: character '${ch}' is not valid at position ${i} in '${source}'.`,
		);
	}
	tokens.push({ kind: 'end', pos: source.length });
	return tokens;
}

// ---------------------------------------------------------------- expression tree

type ValueType = EdmType | 'null';

interface Expr {
	type: ValueType;
	evaluate(row: Row): Scalar;
}

const COMPARISON: Record<string, string> = {
	eq: 'Equal',
	ne: 'NotEqual',
	gt: 'GreaterThan',
	ge: 'GreaterThanOrEqual',
	lt: 'LessThan',
	le: 'LessThanOrEqual',
};

const NUMERIC = new Set<ValueType>(['Edm.Int32', 'Edm.Double']);
const ORDERED = new Set<ValueType>(['Edm.String', 'Edm.Int32', 'Edm.Double', 'Edm.DateTimeOffset']);

function comparable(a: ValueType, b: ValueType): boolean {
	if (a === 'null' || b === 'null') return true;
	if (NUMERIC.has(a) && NUMERIC.has(b)) return true;
	return a === b;
}

/** Stored values as comparable scalars: date-times become epoch ms, GUIDs lower case. */
function normalise(value: unknown, type: ValueType): Scalar {
	if (value === null || value === undefined) return null;
	if (type === 'Edm.DateTimeOffset' && typeof value === 'string') return Date.parse(value);
	if (type === 'Edm.Guid' && typeof value === 'string') return value.toLowerCase();
	return value as Scalar;
}

function compare(op: string, left: Scalar, right: Scalar): boolean {
	if (op === 'eq') return left === right;
	if (op === 'ne') return left !== right;
	if (left === null || right === null) return false;
	switch (op) {
		case 'gt':
			return left > right;
		case 'ge':
			return left >= right;
		case 'lt':
			return left < right;
		default:
			return left <= right;
	}
}

interface FunctionSpec {
	args: ValueType[];
	returns: ValueType;
	run(...args: Scalar[]): Scalar;
}

const FUNCTIONS: Record<string, FunctionSpec> = {
	contains: {
		args: ['Edm.String', 'Edm.String'],
		returns: 'Edm.Boolean',
		run: (a, b) => (a === null || b === null ? false : String(a).includes(String(b))),
	},
	startswith: {
		args: ['Edm.String', 'Edm.String'],
		returns: 'Edm.Boolean',
		run: (a, b) => (a === null || b === null ? false : String(a).startsWith(String(b))),
	},
	endswith: {
		args: ['Edm.String', 'Edm.String'],
		returns: 'Edm.Boolean',
		run: (a, b) => (a === null || b === null ? false : String(a).endsWith(String(b))),
	},
	tolower: {
		args: ['Edm.String'],
		returns: 'Edm.String',
		run: (a) => (a === null ? null : String(a).toLowerCase()),
	},
	toupper: {
		args: ['Edm.String'],
		returns: 'Edm.String',
		run: (a) => (a === null ? null : String(a).toUpperCase()),
	},
	trim: {
		args: ['Edm.String'],
		returns: 'Edm.String',
		run: (a) => (a === null ? null : String(a).trim()),
	},
	length: {
		args: ['Edm.String'],
		returns: 'Edm.Int32',
		run: (a) => (a === null ? null : String(a).length),
	},
};

class Parser {
	private index = 0;

	constructor(
		private readonly source: string,
		private readonly tokens: Token[],
		private readonly schema: EntitySchema,
		private readonly typeName: string,
	) {}

	parse(): Expr {
		const expr = this.or();
		const next = this.peek();
		if (next.kind !== 'end') throw this.syntax(next);
		this.requireBoolean(expr, 0);
		return expr;
	}

	private peek(): Token {
		return this.tokens[this.index];
	}

	private take(): Token {
		return this.tokens[this.index++];
	}

	private isWord(word: string): boolean {
		const token = this.peek();
		return token.kind === 'ident' && token.text === word;
	}

	private syntax(token: Token): ODataError {
		const text = token.kind === 'end' ? 'end of input' : `'${token.text}'`;
		return badRequest(
			`Syntax error at position ${token.pos} in '${this.source}': unexpected ${text}.`,
		);
	}

	private requireBoolean(expr: Expr, pos: number): void {
		if (expr.type !== 'Edm.Boolean') {
			throw badRequest(
				`The expression at position ${pos} in '${this.source}' is of type '${expr.type}', but a boolean is required.`,
			);
		}
	}

	private or(): Expr {
		let left = this.and();
		while (this.isWord('or')) {
			const pos = this.take().pos;
			const right = this.and();
			this.requireBoolean(left, pos);
			this.requireBoolean(right, pos);
			const [l, r] = [left, right];
			left = {
				type: 'Edm.Boolean',
				evaluate: (row) => l.evaluate(row) === true || r.evaluate(row) === true,
			};
		}
		return left;
	}

	private and(): Expr {
		let left = this.not();
		while (this.isWord('and')) {
			const pos = this.take().pos;
			const right = this.not();
			this.requireBoolean(left, pos);
			this.requireBoolean(right, pos);
			const [l, r] = [left, right];
			left = {
				type: 'Edm.Boolean',
				evaluate: (row) => l.evaluate(row) === true && r.evaluate(row) === true,
			};
		}
		return left;
	}

	private not(): Expr {
		if (this.isWord('not')) {
			const pos = this.take().pos;
			const operand = this.not();
			this.requireBoolean(operand, pos);
			return { type: 'Edm.Boolean', evaluate: (row) => operand.evaluate(row) !== true };
		}
		return this.comparison();
	}

	private comparison(): Expr {
		const left = this.primary();
		const token = this.peek();
		if (token.kind !== 'ident' || !(token.text in COMPARISON)) return left;
		const op = token.text;
		this.take();
		const right = this.primary();
		const ordering = op !== 'eq' && op !== 'ne';
		const orderable = (type: ValueType) => type === 'null' || ORDERED.has(type);
		if (
			!comparable(left.type, right.type) ||
			(ordering && !(orderable(left.type) && orderable(right.type)))
		) {
			throw badRequest(
				`A binary operator with incompatible types was detected. Found operand types '${left.type}' and '${right.type}' for operator kind '${COMPARISON[op]}'.`,
			);
		}
		return {
			type: 'Edm.Boolean',
			evaluate: (row) => compare(op, left.evaluate(row), right.evaluate(row)),
		};
	}

	private primary(): Expr {
		const token = this.take();
		if (token.kind === 'punct' && token.text === '(') {
			const inner = this.or();
			const close = this.take();
			if (close.kind !== 'punct' || close.text !== ')') throw this.syntax(close);
			return inner;
		}
		if (token.kind === 'literal') {
			const value = token.value;
			return { type: token.type, evaluate: () => value };
		}
		if (token.kind === 'ident') {
			const next = this.peek();
			if (next.kind === 'punct' && next.text === '(') return this.call(token.text, token.pos);
			if (token.text in COMPARISON || ['and', 'or', 'not'].includes(token.text))
				throw this.syntax(token);
			const type = this.schema[token.text];
			if (!type)
				throw badRequest(
					`Could not find a property named '${token.text}' on type '${this.typeName}'.`,
				);
			const name = token.text;
			return { type, evaluate: (row) => normalise(row[name], type) };
		}
		throw this.syntax(token);
	}

	private call(name: string, pos: number): Expr {
		const spec = FUNCTIONS[name];
		if (!spec)
			throw badRequest(`An unknown function with name '${name}' was found at position ${pos}.`);
		this.take();
		const args: Expr[] = [];
		if (!(this.peek().kind === 'punct' && (this.peek() as { text: string }).text === ')')) {
			for (;;) {
				args.push(this.or());
				const sep = this.peek();
				if (sep.kind === 'punct' && sep.text === ',') {
					this.take();
					continue;
				}
				break;
			}
		}
		const close = this.take();
		if (close.kind !== 'punct' || close.text !== ')') throw this.syntax(close);
		if (args.length !== spec.args.length) {
			throw badRequest(
				`The function '${name}' expects ${spec.args.length} argument(s), but ${args.length} were given.`,
			);
		}
		args.forEach((arg, i) => {
			if (arg.type !== spec.args[i] && arg.type !== 'null') {
				throw badRequest(
					`No function signature for the function with name '${name}' matches the specified arguments.`,
				);
			}
		});
		return {
			type: spec.returns,
			evaluate: (row) => spec.run(...args.map((arg) => arg.evaluate(row))),
		};
	}
}

/** Parses `$filter`; throws a 400 `ODataError` for anything malformed or mistyped. */
export function parseFilter(
	source: string,
	schema: EntitySchema,
	typeName: string,
): (row: Row) => boolean {
	if (source.trim() === '') throw badRequest("The query option '$filter' must not be empty.");
	const expr = new Parser(source, tokenize(source), schema, typeName).parse();
	return (row) => expr.evaluate(row) === true;
}

// ---------------------------------------------------------------- other query options

export interface QueryOptions {
	filter?: (row: Row) => boolean;
	orderBy: Array<{ property: string; descending: boolean }>;
	select?: string[];
	top?: number;
	skip: number;
	count: boolean;
}

const SUPPORTED = new Set(['$filter', '$orderby', '$select', '$top', '$skip', '$count']);

function nonNegativeInteger(name: string, value: string): number {
	if (!/^\d+$/.test(value.trim()))
		throw badRequest(
			`Invalid value '${value}' for $${name} query option found. The $${name} query option requires a non-negative integer value.`,
		);
	const n = Number(value.trim());
	if (!Number.isSafeInteger(n))
		throw badRequest(`Invalid value '${value}' for $${name} query option found.`);
	return n;
}

/** Reads the system query options of a collection request; unknown `$` options are refused as OData servers do. */
export function parseQueryOptions(
	query: Record<string, string>,
	schema: EntitySchema,
	typeName: string,
): QueryOptions {
	for (const key of Object.keys(query)) {
		if (key.startsWith('$') && !SUPPORTED.has(key)) {
			throw badRequest(`The query parameter '${key}' is not supported.`);
		}
	}
	const options: QueryOptions = { orderBy: [], skip: 0, count: false };
	if (query.$filter !== undefined) options.filter = parseFilter(query.$filter, schema, typeName);
	if (query.$orderby !== undefined) {
		for (const part of query.$orderby.split(',')) {
			const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?\s*$/.exec(part);
			if (!match)
				throw badRequest(`Syntax error in the $orderby query option '${query.$orderby}'.`);
			if (!schema[match[1]])
				throw badRequest(`Could not find a property named '${match[1]}' on type '${typeName}'.`);
			options.orderBy.push({ property: match[1], descending: match[2] === 'desc' });
		}
	}
	if (query.$select !== undefined) options.select = parseSelect(query.$select, schema, typeName);
	if (query.$top !== undefined) options.top = nonNegativeInteger('top', query.$top);
	if (query.$skip !== undefined) options.skip = nonNegativeInteger('skip', query.$skip);
	if (query.$count !== undefined) {
		if (query.$count !== 'true' && query.$count !== 'false') {
			throw badRequest(
				`'${query.$count}' is not a valid count option. The $count query option accepts true or false.`,
			);
		}
		options.count = query.$count === 'true';
	}
	return options;
}

export function parseSelect(
	value: string,
	schema: EntitySchema,
	typeName: string,
): string[] | undefined {
	const names = value.split(',').map((name) => name.trim());
	if (names.includes('*')) return undefined;
	for (const name of names) {
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
			throw badRequest(`Syntax error in the $select query option '${value}'.`);
		if (!schema[name])
			throw badRequest(`Could not find a property named '${name}' on type '${typeName}'.`);
	}
	return names;
}

/** Sorts a copy by `$orderby`, nulls first as in SQL Server, the original order breaking ties. */
export function sortRows<T extends Row>(
	rows: T[],
	orderBy: QueryOptions['orderBy'],
	schema: EntitySchema,
): T[] {
	if (orderBy.length === 0) return rows.slice();
	const indexed = rows.map((row, index) => ({ row, index }));
	indexed.sort((a, b) => {
		for (const { property, descending } of orderBy) {
			const x = normalise(a.row[property], schema[property]);
			const y = normalise(b.row[property], schema[property]);
			if (x === y) continue;
			const order = x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
			return descending ? -order : order;
		}
		return a.index - b.index;
	});
	return indexed.map((entry) => entry.row);
}

export function project<T extends Row>(row: T, select: string[] | undefined): Row {
	if (!select) return { ...row };
	const out: Row = {};
	for (const name of select) out[name] = row[name] ?? null;
	return out;
}
