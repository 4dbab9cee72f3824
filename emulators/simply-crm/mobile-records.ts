/** How the mobile API shapes records: {value,label} references, grouped blocks, and vtiger's implicit 99-row paging. */
import { z } from 'zod';

import type { SimplyCrmBackend } from './backend';
import { MODULE_BY_NAME, MODULE_BY_PREFIX, referenceTargets, type ModuleDef } from './modules';
import { WsError, idComponents, type MobileSession } from './state';

/** Mobile.Config.php API_RECORD_FETCH_LIMIT: 99, so one extra row (vtws_query's 100) tells whether a next page exists. */
export const MOBILE_QUERY_PAGE_SIZE = 99;

/** Mobile values are strings, except resolved references ({value,label}) and LineItems. */
export type MobileValues = Record<string, unknown>;

const valuesSchema = z.record(z.string(), z.unknown());

/** Zend_Json::decode failures surface with the exception's code 0. */
export function decodeJson(raw: string): unknown {
	let value: unknown;
	let failed = false;
	try {
		value = JSON.parse(raw);
	} catch {
		failed = true;
	}
	if (failed) throw new WsError(0, 'Decoding failed: Syntax error');
	return value;
}

/** SaveRecord's `values`: a JSON object; anything empty is refused with 1501 (vtiger's message has the "!"). */
export function decodeValues(raw: string | undefined): Record<string, unknown> {
	const parsed = raw ? valuesSchema.safeParse(decodeJson(raw)) : undefined;
	if (!parsed?.success || Object.keys(parsed.data).length === 0)
		throw new WsError(1501, 'Values cannot be empty!');
	return parsed.data;
}

/** Mobile_WS_Utils::detectModulenameFromRecordId: the module owning the id's prefix. */
export function moduleOfId(id: string): ModuleDef | undefined {
	return MODULE_BY_PREFIX.get(idComponents(id)[0]);
}

export function userWsId(session: MobileSession): string {
	return `19x${session.userId}`;
}

/** resolveRecordValues: every reference/owner field of the record's module becomes {value, label}. */
export function resolveReferences(
	backend: SimplyCrmBackend,
	values: Record<string, unknown>,
): MobileValues {
	const module = moduleOfId(String(values.id ?? ''));
	const out: MobileValues = { ...values };
	if (!module) return out;
	for (const field of module.fields) {
		if (!referenceTargets(field) || !(field.name in values)) continue;
		const id = String(values[field.name] ?? '');
		out[field.name] = { value: id, label: backend.label(id) };
	}
	return out;
}

export interface GroupOptions {
	/** syncModuleRecords leaves custom fields out ("IMPORTANT: syncModuleRecords does not display custom fields"). */
	withoutCustomFields?: boolean;
	/** Sync and queryWithGrouping add the module's label fields as an array. */
	withLabelFields?: boolean;
}

/**
 * transformRecordWithGrouping: every block of `module` in order (empty ones too), holding the fields the record has,
 * as {name, value, label, uitype}; the owner field also carries type.defaultValue = the current user.
 */
export function groupRecord(
	backend: SimplyCrmBackend,
	module: ModuleDef,
	record: MobileValues,
	session: MobileSession,
	options: GroupOptions = {},
) {
	const blocks: Array<{ label: string; fields: unknown[] }> = [];
	for (const field of module.fields) {
		let block = blocks.find((b) => b.label === field.block);
		if (!block) blocks.push((block = { label: field.block, fields: [] }));
		if (!(field.name in record)) continue;
		if (options.withoutCustomFields && field.name.startsWith('cf_')) continue;
		const entry: Record<string, unknown> = {
			name: field.name,
			value: record[field.name],
			label: field.label,
			uitype: String(field.uitype),
		};
		if (field.uitype === 53) {
			const me = userWsId(session);
			entry.type = { defaultValue: { value: me, label: backend.label(me) } };
		}
		block.fields.push(entry);
	}
	const grouped: Record<string, unknown> = { blocks, id: record.id };
	if (options.withLabelFields) grouped.labelFields = [...module.labelFields];
	if (record.LineItems !== undefined) grouped.LineItems = record.LineItems;
	return grouped;
}

/** vtws_describe's check of a module name (ACCESS_DENIED for unknown ones), returning the definition. */
export function describedModule(backend: SimplyCrmBackend, name: string | undefined): ModuleDef {
	backend.describe(name ?? '');
	return MODULE_BY_NAME.get(name ?? '')!;
}

/** Mobile_WS_Query: a query with a LIMIT runs as is; otherwise page `page` of 99 rows, fetching one extra to see more. */
export function pagedQuery(
	backend: SimplyCrmBackend,
	query: string,
	pageRaw: string | undefined,
): { rows: Array<Record<string, unknown>>; nextPage: number } {
	if (/(.*) LIMIT[^;]+;/i.test(query)) return { rows: backend.query(query), nextPage: 0 };
	// intval(): leading digits, anything else 0.
	const page = Math.max(0, Number.parseInt(pageRaw ?? '0', 10) || 0);
	const base = query.replace(/;+$/, '');
	const rows: Array<Record<string, unknown>> = backend.query(
		`${base} LIMIT ${page * MOBILE_QUERY_PAGE_SIZE},${MOBILE_QUERY_PAGE_SIZE + 1};`,
	);
	const hasNext = rows.length > MOBILE_QUERY_PAGE_SIZE;
	return { rows: rows.slice(0, MOBILE_QUERY_PAGE_SIZE), nextPage: hasNext ? page + 1 : 0 };
}

/** `select * from <module> where id in ('a','b')`, as FetchRecordsWithGrouping and RelatedRecordsWithGrouping build it. */
export function idListQuery(module: string, ids: string[]): string {
	return `SELECT * FROM ${module} WHERE id IN ('${ids.join("','")}');`;
}
