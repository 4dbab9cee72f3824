/**
 * VTQL as vtiger's VTQL_Lexer/VTQL_Parser accept it:
 * select * | col[, col…] | count(*) from <Module> [where c1 (and|or) c2 …] [order by col[, col] [asc|desc]] [limit [m,] n];
 */
import { NUMERIC_TYPES, fieldOf, referenceTargets, type ModuleDef } from './modules';
import { UNKNOWN_ERROR, WsError, idComponents, type StoredRecord } from './state';

export const QUERY_ROW_LIMIT = 100;

type TokenKind =
	| 'word'
	| 'string'
	| 'number'
	| 'lparen'
	| 'rparen'
	| 'comma'
	| 'star'
	| 'op'
	| 'semi'
	| 'end';

interface Token {
	kind: TokenKind;
	text: string;
}

// The lexer's own pattern: a quote inside a value is written '' (no backslash escapes), and '' alone is no value.
const TOKEN =
	/^(?:(\w+)|('(?:[^']|'')+')|(\()|(\))|([+-]?\d+)|(,)|(\*)|(<=|>=|!=|=|<|>)|(;))|^([ \t\r\n]+)/;
const KINDS: TokenKind[] = [
	'word',
	'string',
	'lparen',
	'rparen',
	'number',
	'comma',
	'star',
	'op',
	'semi',
];

function lex(query: string): Token[] {
	const tokens: Token[] = [];
	let rest = query;
	while (rest.length > 0) {
		const m = TOKEN.exec(rest);
		// vtiger's lexer throws a plain Exception here, which the webservice reports as an unknown error.
		if (!m) throw UNKNOWN_ERROR();
		rest = rest.slice(m[0].length);
		if (m[10] !== undefined) continue;
		const index = m.slice(1, 10).findIndex((g) => g !== undefined);
		let kind = KINDS[index];
		if (kind === 'word' && /^\d+$/.test(m[0])) kind = 'number';
		tokens.push({ kind, text: m[0] });
	}
	tokens.push({ kind: 'end', text: '' });
	return tokens;
}

export type Operator = '=' | '!=' | '<' | '>' | '<=' | '>=' | 'like' | 'in';

export interface QueryValue {
	text: string;
	/** A bare word rather than a quoted string or a number (MySQL would read it as a column). */
	bare: boolean;
}

export interface Condition {
	column: string;
	operator: Operator;
	values: QueryValue[];
	/** How this condition joins the result so far (the first has none). */
	join?: 'and' | 'or';
}

export interface ParsedQuery {
	module: string;
	columns: '*' | 'count' | string[];
	where: Condition[];
	orderBy: string[];
	descending: boolean;
	limit?: { offset?: string; count: string };
}

const TOKEN_NAMES: Record<TokenKind, string> = {
	word: 'COLUMNNAME',
	string: 'VALUE',
	number: 'VALUE',
	lparen: 'PARENOPEN',
	rparen: 'PARENCLOSE',
	comma: 'COMMA',
	star: 'ASTERISK',
	op: 'EQ',
	semi: 'SEMICOLON',
	end: 'End of Input',
};

class Parser {
	private at = 0;

	constructor(private readonly tokens: Token[]) {}

	private peek(): Token {
		return this.tokens[this.at];
	}

	private next(): Token {
		return this.tokens[this.at++];
	}

	private isWord(word: string): boolean {
		const token = this.peek();
		return token.kind === 'word' && token.text.toLowerCase() === word;
	}

	/** vtiger's QUERY_SYNTAX_ERROR text: "Syntax Error on line 1: token 'x' Unexpected …, expected one of: …". */
	private fail(expected: string[]): never {
		const token = this.peek();
		const shown = token.kind === 'end' ? (this.tokens[this.at - 1]?.text ?? '') : token.text;
		const name = token.kind === 'word' ? token.text.toUpperCase() : TOKEN_NAMES[token.kind];
		const value = token.kind === 'end' ? '0' : token.text;
		throw new WsError(
			'QUERY_SYNTAX_ERROR',
			`Syntax Error on line 1: token '${shown}' Unexpected ${name}(${value}), expected one of: ${expected.join(',')}`,
		);
	}

	private expectWord(word: string, name: string) {
		if (!this.isWord(word)) this.fail([name]);
		this.next();
	}

	private expect(kind: TokenKind, name: string): Token {
		if (this.peek().kind !== kind) this.fail([name]);
		return this.next();
	}

	private value(): QueryValue {
		const token = this.peek();
		if (token.kind === 'string') {
			this.next();
			return { text: token.text.slice(1, -1).replace(/''/g, "'"), bare: false };
		}
		if (token.kind === 'number') {
			this.next();
			return { text: token.text, bare: false };
		}
		if (token.kind === 'word') {
			this.next();
			return { text: token.text, bare: true };
		}
		return this.fail(['VALUE']);
	}

	parse(): ParsedQuery {
		this.expectWord('select', 'SELECT');
		let columns: ParsedQuery['columns'];
		if (this.peek().kind === 'star') {
			this.next();
			columns = '*';
		} else if (this.isWord('count') && this.tokens[this.at + 1]?.kind === 'lparen') {
			this.next();
			this.next();
			this.expect('star', 'ASTERISK');
			this.expect('rparen', 'PARENCLOSE');
			columns = 'count';
		} else {
			columns = [this.expect('word', 'COLUMNNAME').text];
			while (this.peek().kind === 'comma') {
				this.next();
				columns.push(this.expect('word', 'COLUMNNAME').text);
			}
		}
		this.expectWord('from', 'FRM');
		const module = this.expect('word', 'TABLENAME').text;
		const query: ParsedQuery = { module, columns, where: [], orderBy: [], descending: false };

		if (this.isWord('where')) {
			this.next();
			let join: Condition['join'];
			for (;;) {
				query.where.push({ ...this.condition(), join });
				if (this.isWord('and') || this.isWord('or')) {
					join = this.next().text.toLowerCase() as 'and' | 'or';
					continue;
				}
				break;
			}
		}
		if (this.isWord('order')) {
			this.next();
			this.expectWord('by', 'ORDERBY');
			query.orderBy.push(this.expect('word', 'COLUMNNAME').text);
			while (this.peek().kind === 'comma') {
				this.next();
				query.orderBy.push(this.expect('word', 'COLUMNNAME').text);
			}
			// The documented limit: "The column list in the order by clause can have at most two column names."
			if (query.orderBy.length > 2) {
				throw new WsError(
					'QUERY_SYNTAX_ERROR',
					'Syntax Error: order by accepts at most two columns',
				);
			}
			if (this.isWord('asc') || this.isWord('desc'))
				query.descending = this.next().text.toLowerCase() === 'desc';
		}
		if (this.isWord('limit')) {
			this.next();
			const first = this.value();
			if (this.peek().kind === 'comma') {
				this.next();
				query.limit = { offset: first.text, count: this.value().text };
			} else {
				query.limit = { count: first.text };
			}
		}
		// vtiger's grammar ends with `end_stmt ::= SEMICOLON`, with no empty alternative.
		if (this.peek().kind !== 'semi') {
			const expected = ['SEMICOLON'];
			if (!query.limit) expected.unshift('LIMIT');
			if (!query.limit && query.orderBy.length === 0) expected.unshift('ORDERBY');
			if (!query.limit && query.orderBy.length === 0 && query.where.length === 0)
				expected.unshift('WHERE');
			this.fail(expected);
		}
		this.next();
		if (this.peek().kind !== 'end') this.fail(['End of Input']);
		return query;
	}

	private condition(): Omit<Condition, 'join'> {
		const column = this.expect('word', 'COLUMNNAME').text;
		const token = this.peek();
		if (token.kind === 'op') {
			this.next();
			return { column, operator: token.text as Operator, values: [this.value()] };
		}
		if (this.isWord('like')) {
			this.next();
			return { column, operator: 'like', values: [this.value()] };
		}
		if (this.isWord('in')) {
			this.next();
			this.expect('lparen', 'PARENOPEN');
			const values = [this.value()];
			while (this.peek().kind === 'comma') {
				this.next();
				values.push(this.value());
			}
			this.expect('rparen', 'PARENCLOSE');
			return { column, operator: 'in', values };
		}
		return this.fail(['EQ', 'LT', 'GT', 'LTE', 'GTE', 'NE', 'IN', 'LIKE']);
	}
}

/** The module name as vtws_query finds it, before parsing: /from\s+([^\s;]+)/i. */
export function moduleOfQuery(query: string): string | undefined {
	return /[fF][rR][oO][mM]\s+([^\s;]+)/.exec(query)?.[1]?.trim();
}

export function parseQuery(query: string): ParsedQuery {
	return new Parser(lex(query)).parse();
}

function likeToRegExp(pattern: string): RegExp {
	const source = pattern
		.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
		.replace(/%/g, '.*')
		.replace(/_/g, '.');
	return new RegExp(`^${source}$`, 'is');
}

const DATABASE_ERROR = () =>
	new WsError('DATABASE_QUERY_ERROR', 'Database error while performing required operation');

function compare(a: string, b: string, numeric: boolean): number {
	if (numeric && a !== '' && b !== '' && !Number.isNaN(Number(a)) && !Number.isNaN(Number(b)))
		return Number(a) - Number(b);
	// MySQL's default collation compares case-insensitively.
	const x = a.toLowerCase();
	const y = b.toLowerCase();
	return x < y ? -1 : x > y ? 1 : 0;
}

interface ColumnInfo {
	numeric: boolean;
	/** id and reference columns compare on the record number after the 'x'. */
	isId: boolean;
}

function columnInfo(module: ModuleDef, column: string): ColumnInfo | undefined {
	if (column === 'id') return { numeric: true, isId: true };
	const field = fieldOf(module, column);
	if (!field) return undefined;
	return { numeric: NUMERIC_TYPES.has(field.type), isId: referenceTargets(field) !== undefined };
}

function attributeDenied(column: string): WsError {
	return new WsError('ACCESS_DENIED', `Permission to access '${column}' attribute denied.`);
}

function matches(record: StoredRecord, condition: Condition, info: ColumnInfo): boolean {
	let actual = record.values[condition.column] ?? '';
	let values = condition.values.map((v) => v.text);
	if (info.isId && condition.operator !== 'like') {
		// vtiger compares reference columns on the number after the 'x'; an empty reference is NULL.
		if (actual === '') return false;
		actual = idComponents(actual)[1];
		values = values.map((v) => {
			if (!v.includes('x')) throw new WsError('INVALID_ID_ATTRIBUTE', 'Id specified is incorrect');
			return idComponents(v)[1];
		});
	}
	const numeric = info.numeric || info.isId;
	switch (condition.operator) {
		case '=':
			return compare(actual, values[0], numeric) === 0;
		case '!=':
			return compare(actual, values[0], numeric) !== 0;
		case '<':
			return compare(actual, values[0], numeric) < 0;
		case '>':
			return compare(actual, values[0], numeric) > 0;
		case '<=':
			return compare(actual, values[0], numeric) <= 0;
		case '>=':
			return compare(actual, values[0], numeric) >= 0;
		case 'like':
			return likeToRegExp(values[0]).test(actual);
		case 'in':
			return values.some((v) => compare(actual, v, numeric) === 0);
	}
}

function limitNumber(text: string): number {
	if (!/^\d+$/.test(text)) throw DATABASE_ERROR();
	return Number(text);
}

/** Run a parsed query over one module's live (non-deleted) records. */
export function runQuery(
	query: ParsedQuery,
	module: ModuleDef,
	records: StoredRecord[],
): Array<Record<string, string>> {
	if (Array.isArray(query.columns)) {
		for (const column of query.columns)
			if (!columnInfo(module, column)) throw attributeDenied(column);
	}
	const infos = query.where.map((c) => {
		const info = columnInfo(module, c.column);
		if (!info) throw attributeDenied(c.column);
		for (const v of c.values) if (v.bare && !/^[+-]?\d+$/.test(v.text)) throw DATABASE_ERROR();
		return info;
	});
	const orderInfos = query.orderBy.map((column) => {
		const info = columnInfo(module, column);
		if (!info) throw attributeDenied(column);
		return { column, info };
	});

	// Conditions are applied left to right with no precedence, as the documentation describes.
	let rows = records.filter((record) => {
		if (record.deleted) return false;
		let result = true;
		query.where.forEach((condition, i) => {
			const hit = matches(record, condition, infos[i]);
			result = i === 0 ? hit : condition.join === 'or' ? result || hit : result && hit;
		});
		return result;
	});

	if (query.columns === 'count') return [{ count: String(rows.length) }];

	// Without ORDER BY rows come in primary-key order; the crmid also breaks ties so pages are stable.
	rows = rows.slice().sort((a, b) => {
		for (const { column, info } of orderInfos) {
			const x = info.isId ? idComponents(a.values[column] ?? '')[1] : (a.values[column] ?? '');
			const y = info.isId ? idComponents(b.values[column] ?? '')[1] : (b.values[column] ?? '');
			const order = compare(x, y, info.numeric || info.isId);
			if (order !== 0) return query.descending ? -order : order;
		}
		return a.crmid - b.crmid;
	});

	let offset = 0;
	let count = QUERY_ROW_LIMIT;
	if (query.limit) {
		// Only n is capped at 100; the offset m is taken as given.
		count = Math.min(limitNumber(query.limit.count), QUERY_ROW_LIMIT);
		if (query.limit.offset !== undefined) offset = limitNumber(query.limit.offset);
	}
	rows = rows.slice(offset, offset + count);

	const columns = query.columns;
	if (columns === '*') return rows.map((r) => ({ ...r.values }));
	return rows.map((r) => {
		const out: Record<string, string> = {};
		for (const column of columns) out[column] = r.values[column] ?? '';
		out.id = r.values.id;
		return out;
	});
}
