/**
 * `/modules/Mobile/api.php`: the "JSON Rest" API (vtiger 7's Mobile module as Simply ships it), one entry per
 * `_operation`. Form fields only, `_operation` matched case-sensitively, `_session` from `login`, errors as
 * `{code, message}` with HTTP 200 and numeric codes for the API's own checks (1501, 1404, 1210, 1001, 1401).
 */
import { z } from 'zod';

import type { EmulatorRequest, EmulatorResponse } from '../shared/emulator';
import { CRM_VERSION, type SimplyCrmBackend } from './backend';
import {
	MOBILE_QUERY_PAGE_SIZE,
	decodeJson,
	decodeValues,
	describedModule,
	groupRecord,
	idListQuery,
	moduleOfId,
	pagedQuery,
	resolveReferences,
	userWsId,
} from './mobile-records';
import {
	MOBILE_ALERTS,
	alertRecords,
	filterById,
	filterModules,
	groupFilters,
	moduleFilters,
	serializeAlert,
} from './mobile-views';
import { MODULES, MODULE_BY_NAME, fieldOf, referenceTargets, type ModuleDef } from './modules';
import { postFields } from './php';
import { WsError, formatDateTime, idComponents, parseDateTime, type MobileSession } from './state';

export { MOBILE_QUERY_PAGE_SIZE } from './mobile-records';
/** vtiger's list view page size (list_max_entries_per_page). */
export const MOBILE_LIST_PAGE_SIZE = 20;
const MOBILE_MODULE_VERSION = '1.2.1';

interface MobileCall {
	backend: SimplyCrmBackend;
	fields: Record<string, string>;
	/** Set for every operation but login. */
	session: MobileSession;
}

interface MobileOperation {
	requireLogin: boolean;
	/** `undefined` is a reply with neither result nor error: `{success:false, error:null}` as vtiger emits it. */
	run(call: MobileCall): unknown;
}

const idListSchema = z.array(z.string());
const searchFieldSchema = z.tuple([z.string(), z.string(), z.string()]);

const SEARCH_COMPARATORS: Record<string, (actual: string, wanted: string) => boolean> = {
	c: (a, w) => a.includes(w),
	k: (a, w) => !a.includes(w),
	e: (a, w) => a === w,
	n: (a, w) => a !== w,
	s: (a, w) => a.startsWith(w),
	ew: (a, w) => a.endsWith(w),
};

function entityModule(backend: SimplyCrmBackend, name: string | undefined): ModuleDef {
	if (!name) throw new WsError(1501, 'Module not specified.');
	const module = backend.moduleByName(name);
	if (!module.isEntity)
		throw new WsError('ACCESS_DENIED', 'Permission to perform the operation is denied');
	return module;
}

function login({ backend, fields }: Pick<MobileCall, 'backend' | 'fields'>) {
	const result = backend.mobileLogin(fields.username ?? '', fields.password ?? '');
	if (!result) throw new WsError(1210, 'Authentication Failed');
	return {
		login: {
			userid: String(result.user.id),
			crm_tz: 'UTC',
			user_tz: 'Europe/Copenhagen',
			user_currency: 'DKK',
			session: result.session.session,
			simply_version: CRM_VERSION,
			vtiger_version: CRM_VERSION,
			date_format: 'yyyy-mm-dd',
			mobile_module_version: MOBILE_MODULE_VERSION,
		},
	};
}

/** FetchRecordsWithGrouping::fetchRecordsWithId: nothing asked → []; asked but nothing found → null (an unset PHP variable). */
function fetchRecordsWithId(call: MobileCall, module: ModuleDef, ids: string[]) {
	if (ids.length === 0) return [];
	const rows = call.backend.query(idListQuery(module.name, ids));
	if (rows.length === 0) return null;
	return rows.map((row) =>
		groupRecord(call.backend, module, resolveReferences(call.backend, row), call.session),
	);
}

/** Query and QueryWithGrouping share the paging; the grouped variant shapes rows with `module`'s blocks. */
function runQuery(call: MobileCall, query: string, groupBy?: string) {
	const { rows, nextPage } = pagedQuery(call.backend, query, call.fields.page);
	// vtws_describe runs only once there is a row to shape.
	const module = groupBy !== undefined && rows.length > 0 ? describedModule(call.backend, groupBy) : undefined;
	return {
		records: rows.map((row) => {
			const resolved = resolveReferences(call.backend, row);
			return module
				? groupRecord(call.backend, module, resolved, call.session, { withLabelFields: true })
				: resolved;
		}),
		nextPage,
	};
}

/** Reference fields of `related` that may point at a record of `module` (ModComments.related_to among them). */
function relationFields(related: ModuleDef, module: ModuleDef): string[] {
	return related.fields
		.filter((f) => f.type === 'reference' && (referenceTargets(f) ?? []).includes(module.name))
		.map((f) => f.name);
}

export const MOBILE_OPERATIONS: Record<string, MobileOperation> = {
	login: { requireLogin: false, run: login },
	loginAndFetchModules: {
		requireLogin: false,
		run: (call) => ({
			...login(call),
			// Users is left out, as are non-entity modules.
			modules: MODULES.filter((m) => m.isEntity && m.name !== 'Users').map((m) => ({
				id: m.idPrefix,
				name: m.name,
				isEntity: m.isEntity,
				label: m.label,
				singular: m.singular,
			})),
		}),
	},
	fetchModuleFilters: {
		requireLogin: true,
		run: ({ fields, session }) => {
			const module = MODULE_BY_NAME.get(fields.module ?? '');
			const filters = module && filterModules().includes(module) ? moduleFilters(module) : [];
			// vtranslate(module, module): the label, or the name itself when unknown.
			return { filters: groupFilters(filters, session), moduleLabel: module?.label ?? fields.module ?? '' };
		},
	},
	filterDetailsWithCount: {
		requireLogin: true,
		run: ({ backend, fields, session }) => {
			const filter = filterById(fields.filterid);
			// An unknown cvid is no error in vtiger: the filter comes back null.
			if (!filter) return { filter: null };
			const count = backend.state.records[filter.module].filter(
				(r) => !r.deleted && filter.matches(r, session),
			).length;
			return {
				filter: {
					cvid: String(filter.cvid),
					viewname: filter.viewname,
					setdefault: filter.isDefault ? '1' : '0',
					setmetrics: '0',
					moduleName: filter.module,
					status: String(filter.status),
					userName: backend.userById(filter.userid)?.userName ?? '',
					count: String(count),
				},
			};
		},
	},
	fetchAllAlerts: {
		requireLogin: true,
		run: () => ({ alerts: MOBILE_ALERTS.map(serializeAlert) }),
	},
	alertDetailsWithMessage: {
		requireLogin: true,
		run: ({ backend, fields, session }) => {
			const alert = MOBILE_ALERTS.find((a) => a.alertid === (fields.alertid ?? ''));
			if (!alert) throw new WsError(1401, 'Alert not found');
			const count = alertRecords(alert, backend.state.records, session).length;
			return { alert: { ...serializeAlert(alert), message: String(count) } };
		},
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
			record: resolveReferences(backend, backend.withLineItems(backend.retrieve(fields.record ?? ''))),
		}),
	},
	fetchRecordWithGrouping: {
		requireLogin: true,
		run: ({ backend, fields, session }) => {
			const record = resolveReferences(
				backend,
				backend.withLineItems(backend.retrieve(fields.record ?? '')),
			);
			return { record: groupRecord(backend, moduleOfId(String(record.id))!, record, session) };
		},
	},
	fetchRecordsWithGrouping: {
		requireLogin: true,
		run: (call) => {
			const { backend, fields, session } = call;
			// The docs leave `module` out, but vtiger refuses without it.
			if (!fields.module) throw new WsError(1501, 'Module not specified.');
			const module = describedModule(backend, fields.module);
			if (fields.ids) {
				const parsed = idListSchema.safeParse(decodeJson(fields.ids));
				return { records: fetchRecordsWithId(call, module, parsed.success ? parsed.data : []) };
			}
			if (fields.alertid) {
				const alert = MOBILE_ALERTS.find((a) => a.alertid === fields.alertid);
				if (!alert) throw new WsError(1404, 'Alert not found.');
				// The alert's record numbers are put behind the prefix of the module asked for, as vtiger does.
				const ids = alertRecords(alert, backend.state.records, session).map(
					(r) => `${module.idPrefix}x${r.crmid}`,
				);
				return { records: fetchRecordsWithId(call, module, ids) };
			}
			return { records: [] };
		},
	},
	listModuleRecords: {
		requireLogin: true,
		run: ({ backend, fields, session }) => {
			const module = entityModule(backend, fields.module);
			const filter = filterById(fields.filterid);
			const applied = filter && filter.module === module.name ? filter : moduleFilters(module)[0];
			let rows = backend.state.records[module.name].filter(
				(r) => !r.deleted && applied.matches(r, session),
			);
			// searchText / searchField are Simply's additions to vtiger's list operation.
			if (fields.searchText) {
				const text = fields.searchText.toLowerCase();
				rows = rows.filter((r) =>
					Object.entries(r.values).some(
						([k, v]) => k !== 'id' && String(v).toLowerCase().includes(text),
					),
				);
			}
			if (fields.searchField) {
				const parsed = searchFieldSchema.safeParse(decodeJson(fields.searchField));
				if (!parsed.success) throw new WsError(1501, 'Invalid searchField');
				const [name, comparator, wanted] = parsed.data;
				if (!fieldOf(module, name))
					throw new WsError('ACCESS_DENIED', `Permission to access '${name}' attribute denied.`);
				const test = SEARCH_COMPARATORS[comparator] ?? SEARCH_COMPARATORS.c;
				rows = rows.filter((r) =>
					test(String(r.values[name] ?? '').toLowerCase(), wanted.toLowerCase()),
				);
			}
			// vtiger applies orderBy only together with a sortOrder; the list view default is newest change first.
			const sorted = Boolean(fields.sortOrder) && Boolean(fieldOf(module, fields.orderBy ?? ''));
			const orderBy = sorted ? fields.orderBy : 'modifiedtime';
			const descending = sorted ? fields.sortOrder.toUpperCase() === 'DESC' : true;
			rows = rows.slice().sort((a, b) => {
				const x = String(a.values[orderBy] ?? '').toLowerCase();
				const y = String(b.values[orderBy] ?? '').toLowerCase();
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
				selectedFilter: fields.filterid || String(moduleFilters(module)[0].cvid),
				nameFields: module.labelFields,
				moreRecords: rows.length > page * MOBILE_LIST_PAGE_SIZE,
				orderBy: fields.orderBy ?? '',
				sortOrder: fields.sortOrder ?? '',
				page: fields.page || '1',
			};
		},
	},
	saveRecord: {
		requireLogin: true,
		run: ({ backend, fields, session }) => {
			const values = decodeValues(fields.values);
			let saved: Record<string, string>;
			if (fields.record) {
				// vtws_recordExists, then retrieve → overwrite the given values → a full vtws_update.
				const module = moduleOfId(fields.record);
				const crmid = Number(idComponents(fields.record)[1]);
				const exists = module
					? backend.state.records[module.name]?.some((r) => r.crmid === crmid && !r.deleted)
					: false;
				if (!exists) throw new WsError('RECORD_NOT_FOUND', 'Record does not exist');
				saved = backend.update(
					{ ...backend.retrieve(fields.record), ...values, id: fields.record },
					session.userId,
				);
			} else if (values.id !== undefined) {
				// An id inside values goes straight to vtws_update: a full replace of the record.
				saved = backend.update(values, session.userId);
			} else {
				saved = backend.create(fields.module ?? '', { ...values, source: 'MOBILE' }, session.userId);
			}
			const record = resolveReferences(backend, backend.withLineItems(saved));
			return { record: groupRecord(backend, moduleOfId(saved.id)!, record, session) };
		},
	},
	syncModuleRecords: {
		requireLogin: true,
		run: ({ backend, fields, session }) => {
			const module = describedModule(backend, fields.module);
			const token = fields.syncToken ?? '';
			const page = Math.max(0, Number.parseInt(fields.page ?? '0', 10) || 0);
			// strcasecmp($mode, 'PRIVATE'): anything else (PUBLIC or a typo) syncs every visible record.
			const isPrivate = (fields.mode ?? 'PRIVATE').toUpperCase() === 'PRIVATE';
			const hasOwner = Boolean(fieldOf(module, 'assigned_user_id'));
			const me = userWsId(session);
			const since = formatDateTime((Number.parseInt(token, 10) || 0) * 1000);
			const conditions: string[] = [];
			if (hasOwner && isPrivate) conditions.push(`assigned_user_id = '${me}'`);
			// First sync (empty token): everything, newest first. Later: changed since the token, in no particular order.
			if (token) conditions.push(`modifiedtime > '${since}'`);
			const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
			const order = token ? '' : ' ORDER BY modifiedtime DESC';
			const rows: Array<Record<string, string>> = backend.query(
				`SELECT * FROM ${module.name}${where}${order} LIMIT ${page * MOBILE_QUERY_PAGE_SIZE},${MOBILE_QUERY_PAGE_SIZE + 1};`,
			);
			const hasNext = rows.length > MOBILE_QUERY_PAGE_SIZE;
			const pageRows = rows.slice(0, MOBILE_QUERY_PAGE_SIZE);

			// The token comes back as sent unless this page holds something newer (so it is only this page's maximum).
			let nextSyncToken: string | number = fields.syncToken ?? 0;
			const bump = (modifiedtime: string) => {
				const seconds = Math.floor(parseDateTime(modifiedtime) / 1000);
				if (Number(nextSyncToken) < seconds || nextSyncToken === '') nextSyncToken = seconds;
			};
			const updated = pageRows.map((row) => {
				bump(row.modifiedtime);
				return groupRecord(backend, module, resolveReferences(backend, row), session, {
					withoutCustomFields: true,
					withLabelFields: true,
				});
			});
			// Deletions only with a token, and only on page 0.
			const deleted: string[] = [];
			if (token && page === 0) {
				for (const record of backend.state.records[module.name]) {
					if (!record.deleted || record.values.modifiedtime <= since) continue;
					if (hasOwner && isPrivate && record.values.assigned_user_id !== me) continue;
					deleted.push(record.values.id);
					bump(record.values.modifiedtime);
				}
			}
			return { sync: { nextSyncToken, deleted, updated, nextPage: hasNext ? page + 1 : 0 } };
		},
	},
	query: { requireLogin: true, run: (call) => runQuery(call, call.fields.query ?? '') },
	queryWithGrouping: {
		requireLogin: true,
		run: (call) => runQuery(call, call.fields.query ?? '', call.fields.module ?? ''),
	},
	relatedRecordsWithGrouping: {
		requireLogin: true,
		run: (call) => {
			const { backend, fields } = call;
			if (!fields.record) throw new WsError(1001, 'Record id is empty');
			const module = moduleOfId(fields.record);
			const related = MODULE_BY_NAME.get(fields.relatedmodule ?? '');
			const links = module && related ? relationFields(related, module) : [];
			// No related list between the two modules: vtiger answers with neither a result nor an error.
			if (!related || links.length === 0) return undefined;
			const crmid = idComponents(fields.record)[1];
			const ids = backend.state.records[related.name]
				.filter(
					(r) =>
						!r.deleted &&
						links.some((f) => r.values[f] !== '' && idComponents(r.values[f] ?? '')[1] === crmid),
				)
				.map((r) => r.values.id);
			if (ids.length === 0) return { records: [], nextPage: 0 };
			return runQuery(call, idListQuery(related.name, ids), related.name);
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
					backend.delete(id, session.userId);
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
		// AddRecordComment is SaveRecord on ModComments with the current user as owner: it answers with the grouped comment.
		run: (call) => {
			// Empty values are no 1501 here: the comment then fails SaveRecord's mandatory-field check.
			const raw = call.fields.values ? decodeJson(call.fields.values) : undefined;
			const values = raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
			return MOBILE_OPERATIONS.saveRecord.run({
				...call,
				fields: {
					module: 'ModComments',
					values: JSON.stringify({ ...values, assigned_user_id: userWsId(call.session) }),
				},
			});
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
		// Form fields only ("Do not use arguments, but form arguments"); a JSON body or a GET carries no _operation.
		const fields = postFields(req);
		const name = fields._operation ?? '';
		// Matched case-sensitively, and only against the API's own operations.
		const operation = Object.hasOwn(MOBILE_OPERATIONS, name) ? MOBILE_OPERATIONS[name] : undefined;
		if (!operation)
			return reply({ success: false, error: { code: 1404, message: `Operation not found: ${name}` } });
		let session: MobileSession | undefined;
		if (operation.requireLogin) {
			session = backend.mobileSession(fields._session);
			if (!session) return reply({ success: false, error: { code: 1501, message: 'Login required' } });
		}
		try {
			const result = operation.run({ backend, fields, session: session! });
			if (result === undefined) return reply({ success: false, error: null });
			return reply({ success: true, result });
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
