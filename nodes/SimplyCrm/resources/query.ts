import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { collectPages, returnAllOrLimit, wantedCount } from '../../shared/paging';
import { requiredString } from '../../shared/params';
import { VTQL_PAGE_SIZE, webservice } from '../transport';

export interface VtqlShape {
	/** The statement without its trailing `;`. */
	statement: string;
	hasLimit: boolean;
	hasOrderBy: boolean;
	isCount: boolean;
}

/**
 * Reads a user's VTQL statement: strips the trailing `;` (the node adds it back) and looks for LIMIT / ORDER BY
 * outside string literals, so a value such as 'no limit' is not taken for a clause. Throws on what would break the
 * clauses the node appends (an unclosed quote, a second statement).
 */
export function vtqlShape(query: string): VtqlShape {
	let bare = '';
	let quote: string | undefined;
	for (let i = 0; i < query.length; i++) {
		const ch = query[i];
		if (quote) {
			// A doubled quote is the only escape VTQL's lexer knows.
			if (ch === quote && query[i + 1] === quote) {
				bare += '  ';
				i++;
			} else if (ch === quote) {
				quote = undefined;
				bare += ch;
			} else {
				bare += ' ';
			}
			continue;
		}
		if (ch === "'" || ch === '"') quote = ch;
		bare += ch;
	}
	if (quote) throw new Error('a quoted value is not closed');
	const end = /[\s;]*$/.exec(bare)!.index;
	if (bare.slice(0, end).includes(';')) throw new Error('it holds more than one statement; write a single query');
	const head = bare.slice(0, end);
	return {
		statement: query.slice(0, end).trim(),
		hasLimit: /\blimit\b/i.test(head),
		hasOrderBy: /\border\s+by\b/i.test(head),
		isCount: /^\s*select\s+count\s*\(\s*\*\s*\)/i.test(head),
	};
}

const run: Operation = {
	value: 'run',
	name: 'Run Query',
	action: 'Run a VTQL query',
	description: 'Run a VTQL select statement and output one item per row',
	properties: [
		{
			displayName: 'Query',
			name: 'query',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			placeholder: "select firstname, lastname, email from Contacts where mailingcity = 'Aarhus'",
			description:
				'A VTQL statement: one module, no joins, conditions evaluated left to right without brackets. The closing ";" is added when missing. Without a LIMIT clause the node pages through the results 100 rows at a time (ordered by ID unless you wrote an ORDER BY).',
		},
		...returnAllOrLimit().map((property) =>
			property.name === 'limit'
				? { ...property, description: 'Max number of results to return. A LIMIT clause in the query takes its place (Simply CRM caps it at 100 rows).' }
				: { ...property, description: 'Whether to return all rows or only up to a given limit. Ignored when the query has its own LIMIT clause.' },
		),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const query = requiredString(this, 'query', itemIndex, 'Query');
		let shape: VtqlShape;
		try {
			shape = vtqlShape(query);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `The field "Query" is invalid in item ${itemIndex}: ${(error as Error).message}`, {
				itemIndex,
			});
		}
		const runOnce = async (statement: string) => {
			const rows = await webservice<IDataObject[]>(this, { operation: 'query', params: { query: `${statement};` }, idempotent: true, itemIndex });
			return Array.isArray(rows) ? rows : [];
		};
		// count(*) gives its one row; a LIMIT the user wrote is theirs to keep, so those run exactly as written.
		if (shape.isCount || shape.hasLimit) return await runOnce(shape.statement);
		// Offset paging is only stable over a fixed order.
		const base = shape.hasOrderBy ? shape.statement : `${shape.statement} order by id`;
		return await collectPages<IDataObject>(wantedCount(this, itemIndex), VTQL_PAGE_SIZE, async (pageIndex, pageSize) => {
			const rows = await runOnce(`${base} limit ${pageIndex * VTQL_PAGE_SIZE}, ${pageSize}`);
			return { items: rows, more: rows.length === pageSize };
		});
	},
};

export const query: Resource = {
	value: 'query',
	name: 'Query',
	description: 'Raw VTQL select statements',
	operations: [run],
};
