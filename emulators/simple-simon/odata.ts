/*
 * The OData v4 query options Simple-Simon accepts on its collections. `$filter` is parsed by `@odata/parser` and this
 * file evaluates its syntax tree against rows after checking it against the entity type (unknown properties,
 * incompatible operand types, unknown functions), with the wording ASP.NET Core OData uses. `$orderby`, `$select`,
 * `$expand`, `$top`, `$skip` and `$count` are small enough to read directly.
 */
import { defaultParser } from '@odata/parser';

import type { EdmType, Row } from './schemas';

export type { EdmType } from './schemas';

/** Property name → EDM type (every property is nullable except the key). */
export type EntitySchema = Record<string, EdmType>;

/** What a query is checked and evaluated against: one entity type and its navigation properties. */
export interface QueryModel {
	typeName: string;
	types: EntitySchema;
	navigation: Record<
		string,
		{ key: string; typeName: string; types: EntitySchema; find(id: unknown): Row | undefined }
	>;
}

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

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isGuid(text: string): boolean {
	return GUID.test(text);
}

// ---------------------------------------------------------------- literal decoding

type Scalar = string | number | boolean | null;

/** The type of an operand; numeric literal kinds are kept so error messages name them as the server would. */
type ValueType = string;

const NUMERIC = new Set([
	'Edm.SByte',
	'Edm.Byte',
	'Edm.Int16',
	'Edm.Int32',
	'Edm.Int64',
	'Edm.Decimal',
	'Edm.Double',
	'Edm.Single',
]);
const DATES = new Set(['Edm.DateTimeOffset', 'Edm.Date']);
const ORDERED = new Set(['Edm.String', ...NUMERIC, ...DATES]);

/** A date or date-time as epoch ms, refusing dates that do not exist (V8 would roll 02-30 over to March). */
function parseDateTime(text: string): number | undefined {
	const m =
		/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2}))?$/i.exec(
			text,
		);
	if (!m) return undefined;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const probe = new Date(Date.UTC(year, month - 1, day));
	if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
	if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59))
		return undefined;
	const ms = Date.parse(m[4] === undefined ? `${text}T00:00:00Z` : text);
	return Number.isFinite(ms) ? ms : undefined;
}

function decodeLiteral(kind: string, raw: string): { type: ValueType; value: Scalar } {
	if (kind === 'null') return { type: 'null', value: null };
	if (kind === 'Edm.String') {
		const text = raw.startsWith('%27') ? decodeURIComponent(raw) : raw;
		return { type: kind, value: text.slice(1, -1).replace(/''/g, "'") };
	}
	if (kind === 'Edm.Boolean') return { type: kind, value: raw.toLowerCase() === 'true' };
	if (kind === 'Edm.Guid') return { type: kind, value: raw.toLowerCase() };
	if (DATES.has(kind)) {
		const ms = parseDateTime(raw);
		if (ms === undefined) throw badRequest(`The ${kind.slice(4)} literal '${raw}' is not valid.`);
		return { type: kind, value: ms };
	}
	if (NUMERIC.has(kind)) {
		const value =
			raw === 'INF' ? Infinity : raw === '-INF' ? -Infinity : raw === 'NaN' ? NaN : Number(raw);
		return { type: kind, value };
	}
	throw badRequest(`Literals of type '${kind}' ('${raw}') are not supported in $filter.`);
}

/** Stored values as comparable scalars: date-times become epoch ms, GUIDs lower case. */
function normalise(value: unknown, type: ValueType): Scalar {
	if (value === null || value === undefined) return null;
	if (type === 'Edm.DateTimeOffset' && typeof value === 'string') return Date.parse(value);
	if (type === 'Edm.Guid' && typeof value === 'string') return value.toLowerCase();
	return value as Scalar;
}

// ---------------------------------------------------------------- the syntax tree

interface Node {
	type: string;
	value: unknown;
	raw: string;
	position?: number;
}

interface Expr {
	type: ValueType;
	evaluate(row: Row): Scalar;
}

const COMPARISON: Record<string, { op: string; kind: string }> = {
	EqualsExpression: { op: 'eq', kind: 'Equal' },
	NotEqualsExpression: { op: 'ne', kind: 'NotEqual' },
	GreaterThanExpression: { op: 'gt', kind: 'GreaterThan' },
	GreaterOrEqualsExpression: { op: 'ge', kind: 'GreaterThanOrEqual' },
	LesserThanExpression: { op: 'lt', kind: 'LessThan' },
	LesserOrEqualsExpression: { op: 'le', kind: 'LessThanOrEqual' },
};

function comparable(a: ValueType, b: ValueType): boolean {
	if (a === 'null' || b === 'null') return true;
	if (NUMERIC.has(a) && NUMERIC.has(b)) return true;
	if (DATES.has(a) && DATES.has(b)) return true;
	return a === b;
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

const text = (v: Scalar) => String(v);
const datePart = (get: (d: Date) => number) => (a: Scalar) =>
	a === null ? null : get(new Date(Number(a)));

const FUNCTIONS: Record<string, FunctionSpec> = {
	contains: {
		args: ['Edm.String', 'Edm.String'],
		returns: 'Edm.Boolean',
		run: (a, b) => (a === null || b === null ? false : text(a).includes(text(b))),
	},
	startswith: {
		args: ['Edm.String', 'Edm.String'],
		returns: 'Edm.Boolean',
		run: (a, b) => (a === null || b === null ? false : text(a).startsWith(text(b))),
	},
	endswith: {
		args: ['Edm.String', 'Edm.String'],
		returns: 'Edm.Boolean',
		run: (a, b) => (a === null || b === null ? false : text(a).endsWith(text(b))),
	},
	indexof: {
		args: ['Edm.String', 'Edm.String'],
		returns: 'Edm.Int32',
		run: (a, b) => (a === null || b === null ? null : text(a).indexOf(text(b))),
	},
	concat: {
		args: ['Edm.String', 'Edm.String'],
		returns: 'Edm.String',
		run: (a, b) => (a === null || b === null ? null : text(a) + text(b)),
	},
	tolower: {
		args: ['Edm.String'],
		returns: 'Edm.String',
		run: (a) => (a === null ? null : text(a).toLowerCase()),
	},
	toupper: {
		args: ['Edm.String'],
		returns: 'Edm.String',
		run: (a) => (a === null ? null : text(a).toUpperCase()),
	},
	trim: {
		args: ['Edm.String'],
		returns: 'Edm.String',
		run: (a) => (a === null ? null : text(a).trim()),
	},
	length: {
		args: ['Edm.String'],
		returns: 'Edm.Int32',
		run: (a) => (a === null ? null : text(a).length),
	},
	year: {
		args: ['Edm.DateTimeOffset'],
		returns: 'Edm.Int32',
		run: datePart((d) => d.getUTCFullYear()),
	},
	month: {
		args: ['Edm.DateTimeOffset'],
		returns: 'Edm.Int32',
		run: datePart((d) => d.getUTCMonth() + 1),
	},
	day: {
		args: ['Edm.DateTimeOffset'],
		returns: 'Edm.Int32',
		run: datePart((d) => d.getUTCDate()),
	},
};

function signature(name: string, spec: FunctionSpec): string {
	return `${name}(${spec.args.map((arg) => `${arg} Nullable=true`).join(', ')})`;
}

type Logic =
	| { op: 'and' | 'or'; left: Logic; right: Logic }
	| { op: 'not'; operand: Logic }
	| { op: 'atom'; node: Node };

/**
 * The parser reads `not` greedily (`A and not B or C` becomes `A and not (B or C)`); OData and ASP.NET bind `not`
 * tighter than `and`, and `and` tighter than `or`. So the and/or/not chain is read back in source order and regrouped.
 */
function regroup(node: Node): Logic {
	const items: Array<Node | 'and' | 'or' | 'not'> = [];
	const flatten = (n: Node) => {
		if (n.type === 'AndExpression' || n.type === 'OrExpression') {
			const { left, right } = n.value as { left: Node; right: Node };
			flatten(left);
			items.push(n.type === 'AndExpression' ? 'and' : 'or');
			flatten(right);
		} else if (n.type === 'NotExpression') {
			items.push('not');
			flatten(n.value as Node);
		} else items.push(n);
	};
	flatten(node);
	let i = 0;
	const or = (): Logic => {
		let left = and();
		while (items[i] === 'or') {
			i += 1;
			left = { op: 'or', left, right: and() };
		}
		return left;
	};
	const and = (): Logic => {
		let left = not();
		while (items[i] === 'and') {
			i += 1;
			left = { op: 'and', left, right: not() };
		}
		return left;
	};
	const not = (): Logic => {
		const item = items[i++];
		if (item === 'not') return { op: 'not', operand: not() };
		return { op: 'atom', node: item as Node };
	};
	return or();
}

/** Turns the parser's tree into a typed, evaluable expression; throws 400 for anything the type does not allow. */
class Compiler {
	constructor(private readonly model: QueryModel) {}

	compile(node: Node): Expr {
		if (node.type in COMPARISON) return this.comparison(node);
		switch (node.type) {
			case 'AndExpression':
			case 'OrExpression':
			case 'NotExpression':
				return this.logic(regroup(node));
			case 'BoolParenExpression':
			case 'ParenExpression':
			case 'CommonExpression':
				return this.compile(node.value as Node);
			case 'Literal': {
				const { type, value } = decodeLiteral(String(node.value), node.raw);
				return { type, evaluate: () => value };
			}
			case 'FirstMemberExpression':
			case 'MemberExpression':
			case 'PropertyPathExpression':
				return this.member(node.raw);
			case 'MethodCallExpression':
				return this.call(node);
			default:
				throw badRequest(
					`The expression '${node.raw}' (${node.type.replace(/Expression$/, '')}) is not supported in $filter.`,
				);
		}
	}

	private logic(logic: Logic): Expr {
		if (logic.op === 'atom') return this.boolean(logic.node);
		if (logic.op === 'not') {
			const operand = this.logic(logic.operand);
			return { type: 'Edm.Boolean', evaluate: (row) => operand.evaluate(row) !== true };
		}
		const [l, r] = [this.logic(logic.left), this.logic(logic.right)];
		return logic.op === 'and'
			? {
					type: 'Edm.Boolean',
					evaluate: (row) => l.evaluate(row) === true && r.evaluate(row) === true,
				}
			: {
					type: 'Edm.Boolean',
					evaluate: (row) => l.evaluate(row) === true || r.evaluate(row) === true,
				};
	}

	boolean(node: Node): Expr {
		const expr = this.compile(node);
		if (expr.type !== 'Edm.Boolean' && expr.type !== 'null') {
			throw badRequest(
				`The expression '${node.raw}' is of type '${expr.type}', but a boolean is required: the $filter expression must evaluate to a single boolean value.`,
			);
		}
		return expr;
	}

	private comparison(node: Node): Expr {
		const { op, kind } = COMPARISON[node.type];
		const { left, right } = node.value as { left: Node; right: Node };
		const [l, r] = [this.compile(left), this.compile(right)];
		const ordering = op !== 'eq' && op !== 'ne';
		const orderable = (type: ValueType) => type === 'null' || ORDERED.has(type);
		if (!comparable(l.type, r.type) || (ordering && !(orderable(l.type) && orderable(r.type)))) {
			throw badRequest(
				`A binary operator with incompatible types was detected. Found operand types '${l.type}' and '${r.type}' for operator kind '${kind}'.`,
			);
		}
		return {
			type: 'Edm.Boolean',
			evaluate: (row) => compare(op, l.evaluate(row), r.evaluate(row)),
		};
	}

	/** `Name`, or one navigation step such as `Location/City`. */
	private member(path: string): Expr {
		const parts = path.split('/');
		const { typeName, types, navigation } = this.model;
		if (parts.length === 1) {
			const type = types[path];
			if (!type)
				throw badRequest(`Could not find a property named '${path}' on type '${typeName}'.`);
			return { type, evaluate: (row) => normalise(row[path], type) };
		}
		const nav = navigation[parts[0]];
		if (!nav) {
			if (types[parts[0]])
				throw badRequest(
					`The property '${parts[0]}' on type '${typeName}' is not a navigation property.`,
				);
			throw badRequest(`Could not find a property named '${parts[0]}' on type '${typeName}'.`);
		}
		const name = parts[1];
		const type = nav.types[name];
		if (parts.length > 2 || !type)
			throw badRequest(
				`Could not find a property named '${parts.slice(1).join('/')}' on type '${nav.typeName}'.`,
			);
		return {
			type,
			evaluate: (row) => {
				const target = row[nav.key] == null ? undefined : nav.find(row[nav.key]);
				return target ? normalise(target[name], type) : null;
			},
		};
	}

	private call(node: Node): Expr {
		const { method, parameters } = node.value as { method: string; parameters?: Node[] };
		const spec = FUNCTIONS[method];
		if (!spec) {
			throw badRequest(
				`An unknown function with name '${method}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`,
			);
		}
		const args = (parameters ?? []).map((parameter) => this.compile(parameter));
		const fits =
			args.length === spec.args.length &&
			args.every(
				(arg, i) =>
					arg.type === 'null' ||
					arg.type === spec.args[i] ||
					(DATES.has(arg.type) && DATES.has(spec.args[i])),
			);
		if (!fits) {
			throw badRequest(
				`No function signature for the function with name '${method}' matches the specified arguments. The function signatures considered are: ${signature(method, spec)}.`,
			);
		}
		return {
			type: spec.returns,
			evaluate: (row) => spec.run(...args.map((arg) => arg.evaluate(row))),
		};
	}
}

/** Position of a string literal that never closes, if any (the parser only says "unexpected character"). */
function unterminatedString(source: string): number | undefined {
	let open: number | undefined;
	for (let i = 0; i < source.length; i++) {
		if (source[i] !== "'") continue;
		if (open === undefined) open = i;
		else if (source[i + 1] === "'") i += 1;
		else open = undefined;
	}
	return open;
}

/** Parses `$filter`; throws a 400 `ODataError` for anything malformed or mistyped. */
export function parseFilter(source: string, model: QueryModel): (row: Row) => boolean {
	if (source.trim() === '') throw badRequest("The query option '$filter' must not be empty.");
	let tree: Node;
	try {
		tree = defaultParser.filter(source) as unknown as Node;
	} catch (error) {
		const open = unterminatedString(source);
		if (open !== undefined) {
			throw badRequest(
				`Syntax error: there is an unterminated string literal at position ${open} in '${source}'.`,
			);
		}
		const at = /at (\d+)/.exec((error as Error).message)?.[1];
		throw badRequest(
			at === undefined
				? `Syntax error in '${source}': ${(error as Error).message}.`
				: `Syntax error at position ${at} in '${source}'.`,
		);
	}
	const expr = new Compiler(model).boolean(tree);
	return (row) => expr.evaluate(row) === true;
}

// ---------------------------------------------------------------- other query options

export interface QueryOptions {
	filter?: (row: Row) => boolean;
	orderBy: Array<{ property: string; descending: boolean }>;
	select?: string[];
	expand: string[];
	top?: number;
	skip: number;
	count: boolean;
}

const SUPPORTED = new Set(['$filter', '$orderby', '$select', '$expand', '$top', '$skip', '$count']);

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
export function parseQueryOptions(query: Record<string, string>, model: QueryModel): QueryOptions {
	for (const key of Object.keys(query)) {
		if (key.startsWith('$') && !SUPPORTED.has(key)) {
			throw badRequest(`The query parameter '${key}' is not supported.`);
		}
	}
	const { typeName, types } = model;
	const options: QueryOptions = { orderBy: [], skip: 0, count: false, expand: [] };
	if (query.$filter !== undefined) options.filter = parseFilter(query.$filter, model);
	if (query.$orderby !== undefined) {
		for (const part of query.$orderby.split(',')) {
			const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?\s*$/.exec(part);
			if (!match)
				throw badRequest(`Syntax error in the $orderby query option '${query.$orderby}'.`);
			if (!types[match[1]])
				throw badRequest(`Could not find a property named '${match[1]}' on type '${typeName}'.`);
			options.orderBy.push({ property: match[1], descending: match[2] === 'desc' });
		}
	}
	if (query.$select !== undefined) options.select = parseSelect(query.$select, model);
	if (query.$expand !== undefined) options.expand = parseExpand(query.$expand, model);
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

export function parseSelect(value: string, model: QueryModel): string[] | undefined {
	const names = value.split(',').map((name) => name.trim());
	if (names.includes('*')) return undefined;
	for (const name of names) {
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
			throw badRequest(`Syntax error in the $select query option '${value}'.`);
		if (!model.types[name])
			throw badRequest(`Could not find a property named '${name}' on type '${model.typeName}'.`);
	}
	return names;
}

/** `$expand=Location,Customer`: navigation properties only, no nested options. */
export function parseExpand(value: string, model: QueryModel): string[] {
	const names = value.split(',').map((name) => name.trim());
	for (const name of names) {
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
			throw badRequest(
				`Syntax error in the $expand query option '${value}': only navigation property names are supported.`,
			);
		}
		if (model.navigation[name]) continue;
		if (model.types[name])
			throw badRequest(
				`Property '${name}' on type '${model.typeName}' is not a navigation property or complex property. Only navigation properties can be expanded.`,
			);
		throw badRequest(`Could not find a property named '${name}' on type '${model.typeName}'.`);
	}
	return Array.from(new Set(names));
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

/** The row with only `select` (all of `types` when absent), then the expanded navigation rows. */
export function project(
	row: Row,
	select: string[] | undefined,
	types: EntitySchema,
	expand: Array<[string, Row | null]> = [],
): Row {
	const out: Row = {};
	for (const name of select ?? Object.keys(types)) out[name] = row[name] ?? null;
	for (const [name, target] of expand) out[name] = target;
	return out;
}
