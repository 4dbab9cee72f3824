/** `/modules/Mobile/api.php`: the "JSON Rest" API, one entry per `_operation` (add operations to MOBILE_OPERATIONS). */
import { z } from 'zod';

import type { EmulatorRequest, EmulatorResponse } from '../shared/emulator';
import { CRM_VERSION, type SimplyCrmBackend } from './backend';
import { MODULES, fieldOf, referenceTargets, type ModuleDef } from './modules';
import { postFields } from './php';
import { WsError, idComponents, type MobileSession } from './state';

/** vtiger's list view page size (list_max_entries_per_page). */
export const MOBILE_LIST_PAGE_SIZE = 20;
/** Mobile `query` pages implicitly when the query has no LIMIT (API_RECORD_FETCH_LIMIT). */
export const MOBILE_QUERY_PAGE_SIZE = 99;
const MOBILE_MODULE_VERSION = '1.2.1';

interface MobileCall {
	backend: SimplyCrmBackend;
	fields: Record<string, string>;
	session?: MobileSession;
}

interface MobileOperation {
	requireLogin: boolean;
	run(call: MobileCall): unknown;
}

const idListSchema = z.array(z.string());
const searchFieldSchema = z.tuple([z.string(), z.string(), z.string()]);
const valuesSchema = z.record(z.string(), z.unknown());

/** Zend_Json::decode failures surface with the exception's code 0. */
function decodeJson(raw: string): unknown {
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

function decodeValues(raw: string | undefined): Record<string, unknown> {
	if (!raw) throw new WsError(1501, 'Values cannot be empty');
	const parsed = valuesSchema.safeParse(decodeJson(raw));
	if (!parsed.success) throw new WsError(1501, 'Values cannot be empty');
	return parsed.data;
}

function moduleOfId(id: string): ModuleDef | undefined {
	const prefix = idComponents(id)[0];
	return MODULES.find((m) => m.idPrefix === prefix);
}

/** Mobile reads show references as {value, label}; writes take the plain id. */
function resolveReferences(backend: SimplyCrmBackend, values: Record<string, string>) {
	const module = moduleOfId(values.id ?? '');
	const out: Record<string, unknown> = { ...values };
	if (!module) return out;
	for (const field of module.fields) {
		if (!referenceTargets(field) || !(field.name in values)) continue;
		out[field.name] = { value: values[field.name], label: backend.label(values[field.name]) };
	}
	return out;
}

/** fetchRecordWithGrouping's shape: blocks of {name, value, label, uitype}. */
function groupRecord(backend: SimplyCrmBackend, values: Record<string, string>) {
	const module = moduleOfId(values.id ?? '')!;
	const resolved = resolveReferences(backend, values);
	const blocks: Array<{ label: string; fields: unknown[] }> = [];
	for (const field of module.fields) {
		let block = blocks.find((b) => b.label === field.block);
		if (!block) blocks.push((block = { label: field.block, fields: [] }));
		block.fields.push({
			name: field.name,
			value: resolved[field.name] ?? '',
			label: field.label,
			uitype: String(field.uitype),
		});
	}
	return { blocks, id: values.id };
}

function entityModule(backend: SimplyCrmBackend, name: string | undefined): ModuleDef {
	if (!name) throw new WsError(1501, 'Module not specified.');
	const module = backend.moduleByName(name);
	if (!module.isEntity)
		throw new WsError('ACCESS_DENIED', 'Permission to perform the operation is denied');
	return module;
}

const SEARCH_COMPARATORS: Record<string, (actual: string, wanted: string) => boolean> = {
	c: (a, w) => a.includes(w),
	k: (a, w) => !a.includes(w),
	e: (a, w) => a === w,
	n: (a, w) => a !== w,
	s: (a, w) => a.startsWith(w),
	ew: (a, w) => a.endsWith(w),
};

function login(call: MobileCall) {
	const { backend, fields } = call;
	const result = backend.mobileLogin(fields.username ?? '', fields.password ?? '');
	if (!result) throw new WsError(1210, 'Authentication Failed');
	return {
		login: {
			userid: String(result.user.id),
			crm_tz: 'UTC',
			user_tz: 'Europe/Copenhagen',
			session: result.session.session,
			simply_version: CRM_VERSION,
			vtiger_version: CRM_VERSION,
			date_format: 'yyyy-mm-dd',
			mobile_module_version: MOBILE_MODULE_VERSION,
		},
	};
}

export const MOBILE_OPERATIONS: Record<string, MobileOperation> = {
	login: { requireLogin: false, run: login },
	loginAndFetchModules: {
		requireLogin: false,
		run: (call) => ({
			...login(call),
			modules: MODULES.filter((m) => m.isEntity && m.name !== 'Users').map((m) => ({
				id: m.idPrefix,
				name: m.name,
				isEntity: m.isEntity,
				label: m.label,
				singular: m.singular,
			})),
		}),
	},
	describe: {
		requireLogin: true,
		run: ({ backend, fields }) => {
			const module = entityModule(backend, fields.module);
			const describe = backend.describe(module.name);
			const uitypes = new Map(module.fields.map((f) => [f.name, f.uitype]));
			return {
				describe: {
					...describe,
					fields: describe.fields.map((f) => ({
						...f,
						uitype: uitypes.get(String(f.name)) ?? null,
					})),
				},
			};
		},
	},
	fetchRecord: {
		requireLogin: true,
		run: ({ backend, fields }) => ({
			record: resolveReferences(backend, backend.retrieve(fields.record ?? '')),
		}),
	},
	fetchRecordWithGrouping: {
		requireLogin: true,
		run: ({ backend, fields }) => ({
			record: groupRecord(backend, backend.retrieve(fields.record ?? '')),
		}),
	},
	listModuleRecords: {
		requireLogin: true,
		run: ({ backend, fields }) => {
			const module = entityModule(backend, fields.module);
			let rows = backend.state.records[module.name].filter((r) => !r.deleted);
			if (fields.searchText) {
				const text = fields.searchText.toLowerCase();
				rows = rows.filter((r) =>
					Object.entries(r.values).some(([k, v]) => k !== 'id' && v.toLowerCase().includes(text)),
				);
			}
			if (fields.searchField) {
				const parsed = searchFieldSchema.safeParse(decodeJson(fields.searchField));
				if (!parsed.success) throw new WsError(1501, 'Invalid searchField');
				const [name, comparator, wanted] = parsed.data;
				if (!fieldOf(module, name))
					throw new WsError('ACCESS_DENIED', `Permission to access '${name}' attribute denied.`);
				const test = SEARCH_COMPARATORS[comparator] ?? SEARCH_COMPARATORS.c;
				rows = rows.filter((r) => test((r.values[name] ?? '').toLowerCase(), wanted.toLowerCase()));
			}
			const orderBy =
				fields.orderBy && fieldOf(module, fields.orderBy) ? fields.orderBy : 'modifiedtime';
			const descending = fields.orderBy ? (fields.sortOrder ?? '').toUpperCase() === 'DESC' : true;
			rows = rows.slice().sort((a, b) => {
				const x = (a.values[orderBy] ?? '').toLowerCase();
				const y = (b.values[orderBy] ?? '').toLowerCase();
				const order = x < y ? -1 : x > y ? 1 : a.crmid - b.crmid;
				return descending ? -order : order;
			});
			const page =
				/^\d+$/.test(fields.page ?? '') && Number(fields.page) > 0 ? Number(fields.page) : 1;
			const slice = rows.slice((page - 1) * MOBILE_LIST_PAGE_SIZE, page * MOBILE_LIST_PAGE_SIZE);
			return {
				records: slice.map((r) => {
					const record: Record<string, string> = { id: r.values.id };
					for (const name of module.listFields) record[name] = r.values[name] ?? '';
					return record;
				}),
				headers: module.listFields.map((name) => ({
					name,
					label: fieldOf(module, name)!.label,
					fieldType: fieldOf(module, name)!.type,
				})),
				nameFields: module.labelFields,
				moreRecords: rows.length > page * MOBILE_LIST_PAGE_SIZE,
				orderBy: fields.orderBy ?? '',
				sortOrder: fields.sortOrder ?? '',
				page: String(page),
			};
		},
	},
	saveRecord: {
		requireLogin: true,
		run: ({ backend, fields, session }) => {
			const values = decodeValues(fields.values);
			const userId = session!.userId;
			if (fields.record) {
				// vtiger's saveRecord merges into the stored record, then runs a full update.
				const merged = { ...backend.retrieve(fields.record), ...values, id: fields.record };
				return { record: groupRecord(backend, backend.update(merged, userId)) };
			}
			const module = entityModule(backend, fields.module);
			return { record: groupRecord(backend, backend.create(module.name, values, userId)) };
		},
	},
	deleteRecords: {
		requireLogin: true,
		run: ({ backend, fields, session }) => {
			let ids: string[] = [fields.record ?? ''];
			if (fields.records) {
				const parsed = idListSchema.safeParse(decodeJson(fields.records));
				ids = parsed.success ? parsed.data : [];
			}
			const deleted: Record<string, boolean> = {};
			for (const id of ids) {
				try {
					backend.delete(id, session!.userId);
					deleted[id] = true;
				} catch {
					deleted[id] = false;
				}
			}
			return { deleted };
		},
	},
	addRecordComment: {
		requireLogin: true,
		run: ({ backend, fields, session }) => {
			const values = decodeValues(fields.values);
			const userId = session!.userId;
			const comment = backend.create(
				'ModComments',
				{ ...values, assigned_user_id: `19x${userId}` },
				userId,
			);
			return { comment: resolveReferences(backend, comment) };
		},
	},
	query: {
		requireLogin: true,
		run: ({ backend, fields }) => {
			const query = fields.query ?? '';
			if (/(.*) LIMIT[^;]+;/i.test(query)) {
				return {
					records: backend.query(query).map((r) => resolveReferences(backend, r)),
					nextPage: 0,
				};
			}
			const page = Number.parseInt(fields.page ?? '0', 10) || 0;
			const base = query.replace(/;+$/, '');
			const rows = backend.query(
				`${base} LIMIT ${page * MOBILE_QUERY_PAGE_SIZE},${MOBILE_QUERY_PAGE_SIZE + 1};`,
			);
			const hasNext = rows.length > MOBILE_QUERY_PAGE_SIZE;
			return {
				records: rows.slice(0, MOBILE_QUERY_PAGE_SIZE).map((r) => resolveReferences(backend, r)),
				nextPage: hasNext ? page + 1 : 0,
			};
		},
	},
};

export function mobileOperation(req: EmulatorRequest): string | undefined {
	return postFields(req)._operation || undefined;
}

function reply(body: unknown): EmulatorResponse {
	// api.php sends header('Content-Type: text/json').
	return { status: 200, headers: { 'content-type': 'text/json; charset=UTF-8' }, body };
}

export function createMobileHandler(backend: SimplyCrmBackend) {
	return (req: EmulatorRequest): EmulatorResponse => {
		// Form fields only ("Do not use arguments, but form arguments"); a JSON body carries no _operation.
		const fields = postFields(req);
		const name = fields._operation ?? '';
		const operation = MOBILE_OPERATIONS[name];
		if (!operation)
			return reply({
				success: false,
				error: { code: 1404, message: `Operation not found: ${name}` },
			});
		let session: MobileSession | undefined;
		if (operation.requireLogin) {
			session = backend.mobileSession(fields._session);
			if (!session)
				return reply({ success: false, error: { code: 1501, message: 'Login required' } });
		}
		try {
			return reply({ success: true, result: operation.run({ backend, fields, session }) });
		} catch (error) {
			if (error instanceof WsError)
				return reply({ success: false, error: { code: error.code, message: error.message } });
			return reply({
				success: false,
				error: { code: 'INTERNAL_SERVER_ERROR', message: 'Unknown Error while processing request' },
			});
		}
	};
}
