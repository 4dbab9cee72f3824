/** The CRM itself: auth, sessions and record operations with vtiger's checks and error codes, shared by both APIs. */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

import type { MultipartPart } from '../shared/emulator';
import { fileDetails, takeUpload } from './documents';
import { inventoryTotals, lineItemsView, noLineItems, parseLineItems } from './inventory';
import {
	MODULES,
	MODULE_BY_NAME,
	MODULE_BY_PREFIX,
	fieldOf,
	referenceTargets,
	type FieldDef,
	type ModuleDef,
} from './modules';
import { INVENTORY_MODULES, LINE_ITEM_TARGETS } from './sales-modules';
import { emptyState, seedState } from './seed';
import {
	UNKNOWN_ERROR,
	WsError,
	formatDateTime,
	idComponents,
	parseDateTime,
	type Attachment,
	type CrmUser,
	type IncomingWebhook,
	type LineItem,
	type MobileSession,
	type SimplyCrmState,
	type StoredRecord,
	type WsSession,
} from './state';
import { moduleOfQuery, parseQuery, runQuery } from './vtql';

export interface BackendOptions {
	/** A session's life span from login (SESSION_EXPIRED after it). */
	sessionTtlMs: number;
	/** Idle time after which a session is dropped (SESSION_LEFT_IDLE). */
	sessionIdleMs: number;
	challengeTtlMs: number;
	seedCount: number;
	/** Largest document upload in bytes. */
	maxUploadFileSize: number;
	clock: () => number;
}

export const API_VERSION = '0.22';
export const CRM_VERSION = '7.1.0';
export const SYNC_LIMIT = 100;

const elementSchema = z.record(z.string(), z.unknown());

/** Zend_Json::decode of an `encoded` parameter: empty → null, garbage → the generic error, non-objects → no fields. */
export function decodeElement(raw: string | undefined): Record<string, unknown> | null {
	if (raw === undefined || raw === '') return null;
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch {
		throw UNKNOWN_ERROR();
	}
	const parsed = elementSchema.safeParse(value);
	return parsed.success ? parsed.data : null;
}

function toFieldValue(field: FieldDef, raw: unknown): string {
	if (raw === null || raw === undefined) return '';
	if (field.type === 'boolean')
		return raw === true || raw === 1 || raw === '1' || raw === 'on' ? '1' : '0';
	if (Array.isArray(raw)) return raw.map(String).join(' |##| ');
	if (typeof raw === 'object') return JSON.stringify(raw);
	return String(raw);
}

function denied(message = 'Permission to perform the operation is denied'): WsError {
	return new WsError('ACCESS_DENIED', message);
}

export class SimplyCrmBackend {
	readonly state: SimplyCrmState = emptyState();
	private readonly byCrmid = new Map<number, StoredRecord>();

	constructor(private readonly options: BackendOptions) {
		this.reset();
	}

	private now(): number {
		return this.options.clock();
	}

	reset(): void {
		seedState(this.state, this.options.seedCount);
		this.byCrmid.clear();
		for (const module of MODULES) {
			if (!this.isCrmEntity(module)) continue;
			for (const record of this.state.records[module.name]) this.byCrmid.set(record.crmid, record);
		}
	}

	/** Every live session dies: the next webservice call meets SESSION_EXPIRED, the next mobile call 1501. */
	expireSessions(): void {
		for (const session of this.state.sessions.values()) session.expiresAt = 0;
		this.state.mobileSessions.clear();
	}

	/** Entity modules stored in vtiger_crmentity (Users are entities in listtypes but live in their own table). */
	private isCrmEntity(module: ModuleDef): boolean {
		return module.isEntity && module.name !== 'Users';
	}

	// ---------------------------------------------------------------- auth

	userById(id: number): CrmUser | undefined {
		return this.state.users.find((u) => u.id === id);
	}

	/** retrieve_user_id: MySQL compares user_name case-insensitively. */
	private userByName(username: string): CrmUser | undefined {
		const wanted = username.toLowerCase();
		return username === ''
			? undefined
			: this.state.users.find((u) => u.userName.toLowerCase() === wanted);
	}

	/** vtws_getchallenge: a token even for unknown users; each call replaces the user's previous token. */
	getChallenge(username: string) {
		const now = this.now();
		// uniqid(): 13 hex digits.
		const token = (Math.floor(now / 1000).toString(16) + randomBytes(3).toString('hex')).slice(
			0,
			13,
		);
		const serverTime = Math.floor(now / 1000);
		const expiresAt = now + this.options.challengeTtlMs;
		const expireTime = Math.floor(expiresAt / 1000);
		const user = this.userByName(username);
		if (user)
			this.state.challenges.set(user.id, {
				token,
				userId: user.id,
				serverTime,
				expireTime,
				expiresAt,
			});
		return { token, serverTime, expireTime };
	}

	/** vtws_login: the order of checks and the messages are vtiger's. */
	login(username: string, accessKeyHash: string): WsSession {
		const user = this.userByName(username);
		const challenge = user ? this.state.challenges.get(user.id) : undefined;
		if (!user || !challenge || challenge.expiresAt < this.now()) {
			throw new WsError('INVALID_AUTH_TOKEN', 'Specified token is invalid or expired');
		}
		if (!user.accessKey)
			throw new WsError('ACCESSKEY_UNDEFINED', 'Access key for the user is undefined');
		// Checked against the user's current token only: a login hashed with a replaced token fails here, not above.
		const expected = createHash('md5')
			.update(challenge.token + user.accessKey)
			.digest('hex');
		// strcmp: an upper-case hex digest does not match.
		if (expected !== accessKeyHash)
			throw new WsError('INVALID_USER_CREDENTIALS', 'Invalid username or password');
		// vtiger 7 normalises the inactive-user message so it cannot be used to enumerate users.
		if (!user.active) throw new WsError('INVALID_USER_CREDENTIALS', 'Invalid username or password');
		const now = this.now();
		const session: WsSession = {
			sessionName: randomBytes(11).toString('hex').slice(0, 21),
			userId: user.id,
			createdAt: now,
			expiresAt: now + this.options.sessionTtlMs,
			lastUsedAt: now,
		};
		this.state.sessions.set(session.sessionName, session);
		return session;
	}

	/** SessionManager::startSession + isValid for a given sessionName. */
	checkSession(sessionName: string): WsSession {
		const session = this.state.sessions.get(sessionName);
		if (!session) throw new WsError('INVALID_SESSIONID', 'Session Identifier provided is Invalid');
		const now = this.now();
		if (session.expiresAt <= now) {
			this.state.sessions.delete(sessionName);
			throw new WsError('SESSION_EXPIRED', 'Session has life span over please login again');
		}
		if (now - session.lastUsedAt > this.options.sessionIdleMs) {
			this.state.sessions.delete(sessionName);
			// vtiger's wording, typo included.
			throw new WsError('SESSION_LEFT_IDLE', 'Session has been invalidated to due lack activity');
		}
		session.lastUsedAt = now;
		return session;
	}

	logout(sessionName: string): { message: string } {
		this.checkSession(sessionName);
		this.state.sessions.delete(sessionName);
		// vtiger's spelling.
		return { message: 'successfull' };
	}

	mobileLogin(
		username: string,
		password: string,
	): { user: CrmUser; session: MobileSession } | undefined {
		const user = this.userByName(username);
		if (!user || !user.active || password === '' || user.password !== password) return undefined;
		const now = this.now();
		const session: MobileSession = {
			session: randomBytes(16).toString('hex'),
			userId: user.id,
			createdAt: now,
			expiresAt: now + this.options.sessionTtlMs,
		};
		this.state.mobileSessions.set(session.session, session);
		return { user, session };
	}

	mobileSession(id: string | undefined): MobileSession | undefined {
		if (!id) return undefined;
		const session = this.state.mobileSessions.get(id);
		if (session && session.expiresAt <= this.now()) {
			this.state.mobileSessions.delete(id);
			return undefined;
		}
		return session;
	}

	// ---------------------------------------------------------------- metadata

	listTypes(fieldTypeList?: string) {
		let modules = MODULES;
		if (fieldTypeList) {
			let list: unknown;
			try {
				list = JSON.parse(fieldTypeList);
			} catch {
				throw UNKNOWN_ERROR();
			}
			const parsed = z.array(z.string()).safeParse(list);
			if (parsed.success && parsed.data.length > 0) {
				const wanted = new Set(parsed.data);
				modules = modules.filter((m) => m.fields.some((f) => wanted.has(f.type)));
			}
		}
		const information: Record<string, { isEntity: boolean; label: string; singular: string }> = {};
		for (const m of modules)
			information[m.name] = { isEntity: m.isEntity, label: m.label, singular: m.singular };
		return { types: modules.map((m) => m.name), information };
	}

	moduleByName(name: string): ModuleDef {
		const module = MODULE_BY_NAME.get(name);
		if (!module) throw denied(`Permission to perform the operation is denied for name : ${name}`);
		return module;
	}

	describe(elementType: string) {
		const module = this.moduleByName(elementType);
		const fields: Array<Record<string, unknown>> = module.fields.map((f) => {
			const type: Record<string, unknown> = { name: f.type };
			if (f.type === 'picklist' || f.type === 'multipicklist') {
				type.picklistValues = (f.picklist ?? []).map((value) => ({
					label: f.picklistLabels?.[value] ?? value,
					value,
				}));
				type.defaultValue = f.default ?? f.picklist?.[0] ?? '';
			}
			if (f.type === 'reference') type.refersTo = f.refersTo ?? [];
			if (f.type === 'date') type.format = 'yyyy-mm-dd';
			if (f.type === 'file') type.maxUploadFileSize = this.options.maxUploadFileSize;
			return {
				name: f.name,
				label: f.label,
				mandatory: f.mandatory === true,
				type,
				isunique: false,
				nullable: f.mandatory !== true,
				editable: f.editable !== false && module.writable,
				default: f.default ?? '',
			};
		});
		fields.push({
			name: 'id',
			label: `${module.singular.toLowerCase()}id`,
			mandatory: false,
			type: { name: 'autogenerated' },
			editable: false,
			nullable: false,
			default: '',
		});
		return {
			label: module.label,
			name: module.name,
			createable: module.writable,
			updateable: module.writable,
			deleteable: module.writable,
			retrieveable: true,
			fields,
			idPrefix: module.idPrefix,
			isEntity: module.isEntity,
			allowDuplicates: true,
			labelFields: module.labelFields.join(','),
		};
	}

	// ---------------------------------------------------------------- records

	/** vtws_retrieve/update/delete id checks: unknown prefix, missing or deleted record, prefix of another module. */
	private locate(id: string): { module: ModuleDef; record: StoredRecord } {
		const [prefix, objectId] = idComponents(id);
		const module = MODULE_BY_PREFIX.get(prefix);
		if (!module) throw denied('Permission to perform the operation is denied for id');
		const crmid = /^\d+$/.test(objectId) ? Number(objectId) : Number.NaN;
		const record = this.isCrmEntity(module)
			? this.byCrmid.get(crmid)
			: this.state.records[module.name].find((r) => r.crmid === crmid);
		// getObjectEntityName() finds no live row, so vtiger answers ACCESS_DENIED, not RECORD_NOT_FOUND.
		if (!record || record.deleted) throw denied();
		if (record.module !== module.name)
			throw new WsError('INVALID_ID_ATTRIBUTE', 'Id specified is incorrect');
		return { module, record };
	}

	retrieve(id: string): Record<string, string> {
		return { ...this.locate(id).record.values };
	}

	/** The display label of a referenced record ('' when it does not resolve). */
	label(id: string): string {
		if (!id) return '';
		try {
			const { module, record } = this.locate(id);
			return module.labelFields
				.map((f) => record.values[f] ?? '')
				.join(' ')
				.trim();
		} catch {
			return '';
		}
	}

	/** Known fields of the element as stored strings; unknown keys are ignored as vtiger does. */
	private normalize(
		module: ModuleDef,
		element: Record<string, unknown> | null,
	): Record<string, string> {
		const values: Record<string, string> = {};
		if (!element) return values;
		for (const [key, raw] of Object.entries(element)) {
			const field = fieldOf(module, key);
			if (field) values[key] = toFieldValue(field, raw);
		}
		return values;
	}

	private checkReferences(module: ModuleDef, values: Record<string, string>): void {
		for (const field of module.fields) {
			const targets = referenceTargets(field);
			const value = values[field.name];
			if (!targets || value === undefined) continue;
			if (value === '') {
				// vtiger unsets empty references before the mandatory check.
				delete values[field.name];
				continue;
			}
			const [prefix, objectId] = idComponents(value);
			const target = MODULE_BY_PREFIX.get(prefix);
			if (!target) throw denied('Permission to perform the operation is denied for id');
			if (!targets.includes(target.name))
				throw new WsError('REFERENCE_INVALID', `Invalid reference specified for ${field.name}`);
			if (!/^\d+$/.test(objectId))
				throw new WsError('REFERENCE_INVALID', `Invalid reference specified for ${field.name}`);
			if (target.name === 'Users' && !this.userById(Number(objectId))?.active) {
				throw denied('Cannot assign record to the given user');
			}
			if (
				target.name === 'Groups' &&
				!this.state.records.Groups.some((g) => g.crmid === Number(objectId))
			) {
				throw denied('Cannot assign record to the given user');
			}
			// Folders and currencies are rows of their own tables, looked up on save.
			if (
				!target.isEntity &&
				target.name !== 'Groups' &&
				!this.state.records[target.name].some((r) => r.crmid === Number(objectId))
			) {
				throw new WsError('REFERENCE_INVALID', `Invalid reference specified for ${field.name}`);
			}
		}
	}

	/** Fields the element leaves out get the field's default (the Default folder, an active product, …). */
	private applyDefaults(module: ModuleDef, values: Record<string, string>): void {
		for (const field of module.fields) {
			if (field.default !== undefined && values[field.name] === undefined)
				values[field.name] = field.default;
		}
	}

	/** A line item's productid must name a live Product or Service. */
	private checkProduct(id: string): void {
		const [prefix, objectId] = idComponents(id);
		const target = MODULE_BY_PREFIX.get(prefix);
		if (!target) throw denied('Permission to perform the operation is denied for id');
		const record = /^\d+$/.test(objectId) ? this.byCrmid.get(Number(objectId)) : undefined;
		if (!LINE_ITEM_TARGETS.includes(target.name) || !record || record.deleted || record.module !== target.name)
			throw new WsError('REFERENCE_INVALID', 'Invalid reference specified for productid');
	}

	private lineItems(raw: unknown): LineItem[] | undefined {
		return parseLineItems(raw, (id) => this.checkProduct(id));
	}

	/** Files of a document, oldest first. */
	attachmentsOf(documentCrmid: number): Attachment[] {
		return [...this.state.attachments.values()].filter((a) => a.documentId === documentCrmid);
	}

	private checkMandatory(module: ModuleDef, values: Record<string, string>): void {
		for (const field of module.fields) {
			if (field.mandatory && (values[field.name] === undefined || values[field.name] === '')) {
				throw new WsError('MANDATORY_FIELDS_MISSING', `${field.name} does not have a value`);
			}
		}
	}

	/** `files` are the multipart file parts ($_FILES); only a Documents create looks at them. */
	create(
		elementType: string,
		element: Record<string, unknown> | null,
		userId: number,
		files: MultipartPart[] = [],
	): Record<string, string> {
		const module = MODULE_BY_NAME.get(elementType);
		if (!module || !module.writable) throw denied();
		const inventory = INVENTORY_MODULES.has(module.name);
		// VtigerInventoryOperation checks the lines before anything else.
		if (inventory && noLineItems(element?.LineItems))
			throw new WsError('MANDATORY_FIELDS_MISSING', 'Mandatory Fields Missing..');
		const given = this.normalize(module, element);
		this.checkReferences(module, given);
		this.applyDefaults(module, given);
		this.checkMandatory(module, given);
		const lineItems = inventory ? this.lineItems(element?.LineItems) : undefined;

		const values: Record<string, string> = {};
		for (const field of module.fields) {
			const editable = field.editable !== false;
			values[field.name] =
				editable && given[field.name] !== undefined
					? given[field.name]
					: field.type === 'boolean'
						? '0'
						: '';
		}
		const upload =
			module.name === 'Documents'
				? takeUpload(values, files, this.options.maxUploadFileSize)
				: undefined;
		if (lineItems) Object.assign(values, inventoryTotals(lineItems, values));
		// Ids and auto numbers are taken only once every check has passed.
		const now = formatDateTime(this.now());
		const crmid = this.state.nextCrmId++;
		if (module.autoNumber) {
			const next = this.state.autoNumbers[module.name] ?? 1;
			values[module.autoNumber.field] = `${module.autoNumber.prefix}${next}`;
			this.state.autoNumbers[module.name] = next + 1;
		}
		values.createdtime = now;
		values.modifiedtime = now;
		values.modifiedby = `19x${userId}`;
		if (fieldOf(module, 'creator')) values.creator = `19x${userId}`;
		values.id = `${module.idPrefix}x${crmid}`;
		const record: StoredRecord = { module: module.name, crmid, deleted: false, values };
		if (lineItems) record.lineItems = lineItems;
		this.state.records[module.name].push(record);
		this.byCrmid.set(crmid, record);
		if (upload) {
			// The attachment takes the next crmid, as vtiger_attachments rows do.
			const id = this.state.nextCrmId++;
			this.state.attachments.set(id, { id, documentId: crmid, ...upload });
		}
		return { ...values };
	}

	/** A full replace: editable fields missing from the element are blanked (that is why vtiger later added `revise`). */
	update(element: Record<string, unknown> | null, userId: number): Record<string, string> {
		const id = element && element.id !== undefined && element.id !== null ? String(element.id) : '';
		const { module, record } = this.locate(id);
		if (!module.writable) throw denied();
		const given = this.normalize(module, element);
		this.checkReferences(module, given);
		this.checkMandatory(module, given);
		// Without LineItems the stored lines stay; with them they are replaced.
		const lineItems = INVENTORY_MODULES.has(module.name) ? this.lineItems(element?.LineItems) : undefined;
		// An uploaded file can only be replaced by a new upload, so its name and location survive an update.
		const kept =
			module.name === 'Documents' && this.attachmentsOf(record.crmid).length > 0
				? new Set(['filename', 'filelocationtype'])
				: new Set<string>();
		for (const field of module.fields) {
			if (field.editable === false || kept.has(field.name)) continue;
			record.values[field.name] = given[field.name] ?? (field.type === 'boolean' ? '0' : '');
		}
		if (lineItems) record.lineItems = lineItems;
		if (record.lineItems) Object.assign(record.values, inventoryTotals(record.lineItems, record.values));
		record.values.modifiedtime = formatDateTime(this.now());
		record.values.modifiedby = `19x${userId}`;
		return { ...record.values };
	}

	delete(id: string, userId: number): { status: string } {
		const { module, record } = this.locate(id);
		if (!module.writable) throw denied('Permission to delete is denied');
		record.deleted = true;
		record.values.modifiedtime = formatDateTime(this.now());
		record.values.modifiedby = `19x${userId}`;
		return { status: 'successful' };
	}

	/** The webservice view of a record: inventory records carry their `LineItems`. */
	withLineItems(values: Record<string, string>): Record<string, unknown> {
		const record = this.byCrmid.get(Number(idComponents(values.id ?? '')[1]));
		if (!record || !INVENTORY_MODULES.has(record.module)) return values;
		return { ...values, LineItems: lineItemsView(record.values.id, record.lineItems ?? []) };
	}

	/**
	 * files_retrieve (vtiger 7, undocumented by Simply): a document id gives all its files ([] for none); vtiger's
	 * own reading, `<prefix>x<attachment id>`, gives that one file.
	 */
	filesRetrieve(id: string) {
		const [prefix, objectId] = idComponents(id);
		const module = MODULE_BY_PREFIX.get(prefix);
		if (!module) throw denied('Permission to perform the operation is denied for id');
		const crmid = /^\d+$/.test(objectId) ? Number(objectId) : Number.NaN;
		const notFound = () =>
			new WsError('RECORD_NOT_FOUND', 'Record you are trying to access is not found');
		const attachment = this.state.attachments.get(crmid);
		const record = this.byCrmid.get(attachment ? attachment.documentId : crmid);
		if (!record || record.deleted || !this.isCrmEntity(module)) throw notFound();
		if (record.module !== module.name) throw new WsError('INVALID_ID_ATTRIBUTE', 'Id specified is incorrect');
		return (attachment ? [attachment] : this.attachmentsOf(record.crmid)).map(fileDetails);
	}

	// ---------------------------------------------------------------- test hooks

	/** Test hook: edit a record as another user would in the CRM (no API call); bumps modifiedtime/modifiedby. */
	touch(id: string, changes: Record<string, string> = {}, userId = 5): Record<string, string> {
		const { record } = this.locate(id);
		Object.assign(record.values, changes);
		record.values.modifiedtime = formatDateTime(this.now());
		record.values.modifiedby = `19x${userId}`;
		return { ...record.values };
	}

	/** Test hook: delete a record as another user would (soft delete; sync then lists it in `deleted`). */
	softDelete(id: string, userId = 5): void {
		const { record } = this.locate(id);
		record.deleted = true;
		record.values.modifiedtime = formatDateTime(this.now());
		record.values.modifiedby = `19x${userId}`;
	}

	/** Test hook: set up (or replace) an incoming webhook; reset() brings back the seeded ones only. */
	addWebhook(webhook: IncomingWebhook): void {
		this.state.webhooks.set(webhook.token, { ...webhook });
	}

	query(query: string): Array<Record<string, string>> {
		const name = moduleOfQuery(query);
		if (!name) throw denied('Permission to perform the operation is denied for query');
		const module = this.moduleByName(name);
		// "Query operation is currently supported for the Entity module only."
		if (!module.isEntity)
			throw new WsError(
				'OPERATION_NOT_SUPPORTED',
				'Operation query is not supported for this entity',
			);
		return runQuery(parseQuery(query), module, this.state.records[module.name]);
	}

	/** vtws_sync: 100 changed rows per call, ties at the last second included, owner filter unless syncType=application. */
	sync(modifiedTimeRaw: string, elementType: string, syncType: string, userId: number) {
		if (modifiedTimeRaw !== '' && !/^\d+$/.test(modifiedTimeRaw)) throw UNKNOWN_ERROR();
		const modifiedTime = Number(modifiedTimeRaw || 0);
		const user = this.userById(userId)!;
		const application = syncType === 'application';
		if (application && !user.isAdmin) throw denied('Only admin users can perform application sync');
		const owners = new Set([`19x${user.id}`]);
		if (syncType === 'userandgroup') for (const g of user.groups) owners.add(`20x${g}`);

		const entityModules = MODULES.filter((m) => m.isEntity).map((m) => m.name);
		let accessible: string[];
		if (elementType) {
			if (!entityModules.includes(elementType)) throw denied();
			accessible = [elementType];
		} else {
			accessible = entityModules;
		}
		accessible = accessible.filter((m) => m !== 'Users');
		if (accessible.length === 0)
			return { updated: [], deleted: [], lastModifiedTime: modifiedTime, more: false };

		const since = formatDateTime(modifiedTime * 1000);
		const changed = accessible
			.flatMap((m) => this.state.records[m])
			.filter(
				(r) =>
					r.values.modifiedtime > since && (application || owners.has(r.values.assigned_user_id)),
			);
		const first = changed
			.map((r) => r.values.modifiedtime)
			.sort()
			.slice(0, SYNC_LIMIT);
		const max = first.length > 0 ? first[first.length - 1] : since;
		const window = changed.filter((r) => r.values.modifiedtime <= max);
		return {
			updated: window.filter((r) => !r.deleted).map((r) => ({ ...r.values })),
			deleted: window.filter((r) => r.deleted).map((r) => r.values.id),
			more: changed.some((r) => r.values.modifiedtime > max),
			lastModifiedTime: Math.floor(parseDateTime(max) / 1000),
		};
	}
}
