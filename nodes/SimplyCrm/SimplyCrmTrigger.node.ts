import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { simplyCrmBaseUrl } from '../../credentials/SimplyCrmApi.credentials';
import { getModules } from './methods/loadOptions';
import { VTQL_PAGE_SIZE, vtqlString, webservice } from './transport';

type TriggerEvent = 'created' | 'updated' | 'createdOrUpdated' | 'deleted';
type Change = IDataObject & { _event: 'created' | 'updated' | 'deleted' };

interface Config {
	event: TriggerEvent;
	/** '' = every module the API user can access. */
	module: string;
	source: 'sync' | 'query';
	syncType: string;
	/** What the stored cursor belongs to; when the user changes it, watching starts afresh. */
	watching: string;
}

/**
 * The trigger's memory between polls (workflow static data). Record times are compared as the server writes them
 * ('YYYY-MM-DD HH:MM:SS'), never converted with the n8n host's clock or time zone.
 */
interface TriggerState {
	watching?: string;
	/** Sync only: the server's Unix time changes were read up to (getchallenge serverTime, then lastModifiedTime). */
	syncTime?: number;
	/** The newest modifiedtime read: the Query cursor, and the line between created and updated. */
	lastModified?: string;
	/** `id@modifiedtime` of the records already read at `lastModified`, so re-reading that second repeats nothing. */
	seen?: string[];
	/** Sync only: ids already reported deleted in the window ending at `syncTime`. */
	seenDeleted?: string[];
	/** Module names by id prefix (describe.idPrefix; '' = not found), for all-module sync. */
	modules?: Record<string, string>;
}

interface SyncReply {
	updated?: IDataObject[];
	deleted?: string[];
	lastModifiedTime?: number | string;
	more?: boolean | string | number;
}

interface Read {
	changes: Change[];
	next: TriggerState;
}

/** Query mode's starting point for an empty module: any record that appears later is new. */
const EPOCH_TEXT = '1970-01-01 00:00:00';
const MODULE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** How far back, and how many sync pages, the editor's sample looks for a change when it cannot ask a module. */
const SAMPLE_WINDOW_S = 7 * 24 * 3600;
const SAMPLE_PAGES = 5;

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
const truthy = (value: unknown) => value === true || value === 1 || value === '1' || value === 'true';
const maxText = (a: string, b: string) => (b > a ? b : a);

/** A Unix time as vtiger's text; only used before any record has shown the server's own text (assumes a UTC server). */
const utcText = (seconds: number) => new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 19);

function wanted(event: TriggerEvent, kind: Change['_event']): boolean {
	return event === kind || (event === 'createdOrUpdated' && kind !== 'deleted');
}

function readConfig(ctx: IPollFunctions): Config {
	const event = ctx.getNodeParameter('event', 'createdOrUpdated') as TriggerEvent;
	const allModules = (ctx.getNodeParameter('scope', 'one') as string) === 'all';
	const module = allModules ? '' : text(ctx.getNodeParameter('module', '')).trim();
	const source = ctx.getNodeParameter('source', 'sync') as Config['source'];
	const syncType = source === 'sync' ? text(ctx.getNodeParameter('syncType', 'user')) : '';
	const fail = (message: string, description: string) => new NodeOperationError(ctx.getNode(), message, { description });

	if (!allModules && module === '') {
		throw fail('The field "Module" is empty', 'Choose the module to watch, or set "Watch" to "All Modules".');
	}
	if (module !== '' && !MODULE_NAME.test(module)) {
		throw fail(`The field "Module" has an invalid value "${module}"`, 'Use a module name such as Contacts or HelpDesk.');
	}
	if (source === 'query' && event === 'deleted') {
		throw fail(
			'The event "Record Deleted" needs the field "Source" set to "Sync"',
			'Query only reads records that still exist, so it never sees a deletion; Sync reports deleted record IDs.',
		);
	}
	if (source === 'query' && allModules) {
		throw fail(
			'The field "Source" set to "Query" needs one module',
			'Query reads one module at a time. Choose a module, or use Source "Sync" to watch all modules.',
		);
	}
	if (source === 'sync' && module === 'Users') {
		throw fail('The field "Module" cannot be Users with Source "Sync"', 'Simply CRM does not sync Users; use Source "Query".');
	}
	return { event, module, source, syncType, watching: `${source}:${module || '*'}:${syncType}` };
}

/** The server's own clock: getchallenge's serverTime, asked before login so no session is needed. */
async function serverTime(ctx: IPollFunctions): Promise<number> {
	const credentials = await ctx.getCredentials('simplyCrmApi');
	let reply: { success?: unknown; result?: { serverTime?: unknown }; error?: IDataObject };
	try {
		// A getchallenge replaces this user's previous token; a login racing with it retries once (see the credential).
		reply = (await ctx.helpers.httpRequest({
			method: 'GET',
			url: `${simplyCrmBaseUrl(credentials.url)}/webservice.php`,
			qs: { operation: 'getchallenge', username: text(credentials.username) },
			json: true,
			timeout: 60_000,
		})) as typeof reply;
	} catch (error) {
		throw new NodeApiError(ctx.getNode(), error as JsonObject, { message: 'Simply CRM could not be reached for its server time' });
	}
	const seconds = Number(reply?.result?.serverTime);
	if (reply?.success !== true || !Number.isFinite(seconds)) {
		// The docs say errorCode/errorMessage; vtiger sends code/message.
		const message = text(reply?.error?.message ?? reply?.error?.errorMessage) || 'Simply CRM did not return its server time';
		const code = text(reply?.error?.code ?? reply?.error?.errorCode);
		throw new NodeApiError(ctx.getNode(), { message, code } as JsonObject, { message: code ? `${message} [${code}]` : message });
	}
	return seconds;
}

/**
 * Created or updated, judged against what earlier polls read: created after the newest time read before, created in
 * that same second by a record not read then, or never modified since creation.
 */
function kindOf(record: IDataObject, prevText: string, prevSeen: Set<string>): 'created' | 'updated' {
	const created = text(record.createdtime);
	const modified = text(record.modifiedtime);
	if (created === modified || created > prevText) return 'created';
	return created === prevText && !prevSeen.has(`${text(record.id)}@${prevText}`) ? 'created' : 'updated';
}

/** Without earlier polls to compare with (the editor's sample): created when never modified since. */
const ownKind = (record: IDataObject) => (text(record.createdtime) === text(record.modifiedtime) ? 'created' : 'updated');

/** Every change since the stored sync cursor, each page drained, nothing already reported repeated. */
async function readSync(ctx: IPollFunctions, config: Config, state: TriggerState): Promise<Read> {
	const prevTime = state.syncTime ?? 0;
	const prevText = state.lastModified ?? '';
	const prevSeen = new Set(state.seen ?? []);
	const seen = new Set(prevSeen);
	const seenDeleted = new Set(state.seenDeleted ?? []);
	/** Per deleted id: the end of the sync window it came in. */
	const deletedIn = new Map<string, number>();
	const changes: Change[] = [];
	let syncTime = prevTime;
	let newest = prevText;
	// vtiger returns modifiedtime > modifiedTime in whole seconds: start one second early to catch records written
	// in the cursor's own second after the last poll; `seen` drops the ones already reported.
	let since = Math.max(0, prevTime - 1);
	for (;;) {
		const reply = await webservice<SyncReply>(ctx, {
			operation: 'sync',
			params: { modifiedTime: since, ...(config.module ? { elementType: config.module } : {}), syncType: config.syncType },
			idempotent: true,
		});
		const last = Number(reply?.lastModifiedTime);
		for (const record of reply?.updated ?? []) {
			const modified = text(record.modifiedtime);
			const key = `${text(record.id)}@${modified}`;
			newest = maxText(newest, modified);
			if (seen.has(key)) continue;
			seen.add(key);
			changes.push({ ...record, _event: kindOf(record, prevText, prevSeen) });
		}
		for (const raw of reply?.deleted ?? []) {
			const id = text(raw);
			if (Number.isFinite(last)) deletedIn.set(id, last);
			if (seenDeleted.has(id)) continue;
			seenDeleted.add(id);
			changes.push({ id, _event: 'deleted' });
		}
		if (Number.isFinite(last)) syncTime = Math.max(syncTime, last);
		// `more`: vtiger sends 100 changes at a time; the next call starts after this batch's last second.
		if (!truthy(reply?.more) || !(last > since)) break;
		since = last;
	}
	return {
		changes,
		next: {
			syncTime,
			lastModified: newest,
			seen: [...seen].filter((key) => key.endsWith(`@${newest}`)),
			seenDeleted: [...seenDeleted].filter((id) => (deletedIn.get(id) ?? prevTime) === syncTime),
		},
	};
}

/** Every record of the module modified at or after the stored time, paged by (modifiedtime, id). */
async function readQuery(ctx: IPollFunctions, config: Config, state: TriggerState): Promise<Read> {
	const prevText = state.lastModified ?? EPOCH_TEXT;
	const prevSeen = new Set(state.seen ?? []);
	const seen = new Set(prevSeen);
	const changes: Change[] = [];
	let newest = prevText;
	let from = prevText;
	let offset = 0;
	for (;;) {
		const rows = await webservice<IDataObject[]>(ctx, {
			operation: 'query',
			params: {
				query: `select * from ${config.module} where modifiedtime >= ${vtqlString(from)} order by modifiedtime, id limit ${offset}, ${VTQL_PAGE_SIZE};`,
			},
			idempotent: true,
		});
		for (const record of rows ?? []) {
			const modified = text(record.modifiedtime);
			const key = `${text(record.id)}@${modified}`;
			newest = maxText(newest, modified);
			if (seen.has(key)) continue;
			seen.add(key);
			changes.push({ ...record, _event: kindOf(record, prevText, prevSeen), _module: config.module });
		}
		if (!rows || rows.length < VTQL_PAGE_SIZE) break;
		// Restart from the last row's second (re-read rows are dropped by `seen`) so rows changed meanwhile cannot shift
		// a page past one; only a page that is all one second needs an offset.
		const last = text(rows[rows.length - 1].modifiedtime);
		if (last === from) offset += VTQL_PAGE_SIZE;
		else {
			from = last;
			offset = 0;
		}
	}
	return { changes, next: { lastModified: newest, seen: [...seen].filter((key) => key.endsWith(`@${newest}`)) } };
}

/** Module names for the id prefixes in `changes` (all-module sync), found with listtypes + describe and remembered. */
async function nameModules(ctx: IPollFunctions, changes: Change[], state: TriggerState): Promise<void> {
	const known: Record<string, string> = { ...(state.modules ?? {}) };
	const prefixOf = (change: Change) => text(change.id).split('x')[0];
	const missing = () => changes.some((change) => known[prefixOf(change)] === undefined);
	if (missing()) {
		const types = await webservice<{ types?: string[]; information?: Record<string, { isEntity?: unknown }> }>(ctx, {
			operation: 'listtypes',
			idempotent: true,
		});
		const described = new Set(Object.values(known));
		for (const type of types?.types ?? []) {
			if (!missing()) break;
			const info = types?.information?.[type];
			if (described.has(type) || (info && !truthy(info.isEntity))) continue;
			try {
				const description = await webservice<{ idPrefix?: unknown }>(ctx, {
					operation: 'describe',
					params: { elementType: type },
					idempotent: true,
				});
				if (description?.idPrefix !== undefined) known[text(description.idPrefix)] = type;
			} catch {
				// a module this user may not describe cannot be the one a change came from
			}
		}
		for (const change of changes) known[prefixOf(change)] ??= '';
		state.modules = known;
	}
	for (const change of changes) if (known[prefixOf(change)]) change._module = known[prefixOf(change)];
}

/** First activation: the cursor starts at the server's present and what is already there is marked read, not sent. */
async function start(ctx: IPollFunctions, config: Config): Promise<TriggerState> {
	if (config.source === 'sync') {
		const now = await serverTime(ctx);
		const { next } = await readSync(ctx, config, { syncTime: now, lastModified: '' });
		return { ...next, lastModified: next.lastModified || utcText(now) };
	}
	// Query compares modifiedtime text in the server's time zone, so it starts from the newest record's own time.
	const newest = await webservice<IDataObject[]>(ctx, {
		operation: 'query',
		params: { query: `select * from ${config.module} order by modifiedtime desc limit 1;` },
		idempotent: true,
	});
	const { next } = await readQuery(ctx, config, { lastModified: text(newest?.[0]?.modifiedtime) || EPOCH_TEXT });
	return next;
}

/** The editor's "Fetch Test Event": the most recent matching record, without moving the cursor. */
async function sample(ctx: IPollFunctions, config: Config): Promise<Change | undefined> {
	if (config.module && config.event !== 'deleted') {
		const order = config.event === 'created' ? 'createdtime' : 'modifiedtime';
		const rows = await webservice<IDataObject[]>(ctx, {
			operation: 'query',
			params: { query: `select * from ${config.module} order by ${order} desc limit 1;` },
			idempotent: true,
		});
		const record = rows?.[0];
		if (!record) return undefined;
		const kind = config.event === 'createdOrUpdated' ? ownKind(record) : config.event;
		return { ...record, _event: kind, _module: config.module };
	}
	// No query covers deletions or every module: look through the last week's sync pages for the latest match.
	let since = (await serverTime(ctx)) - SAMPLE_WINDOW_S;
	let latest: Change | undefined;
	for (let page = 0; page < SAMPLE_PAGES; page++) {
		const reply = await webservice<SyncReply>(ctx, {
			operation: 'sync',
			params: { modifiedTime: since, ...(config.module ? { elementType: config.module } : {}), syncType: config.syncType },
			idempotent: true,
		});
		for (const record of reply?.updated ?? []) {
			const kind = ownKind(record);
			if (wanted(config.event, kind)) latest = { ...record, _event: kind };
		}
		if (config.event === 'deleted') for (const id of reply?.deleted ?? []) latest = { id: text(id), _event: 'deleted' };
		const last = Number(reply?.lastModifiedTime);
		if (!truthy(reply?.more) || !(last > since)) break;
		since = last;
	}
	return latest;
}

export class SimplyCrmTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Simply CRM Trigger',
		name: 'simplyCrmTrigger',
		icon: { light: 'file:../../icons/simplycrm.svg', dark: 'file:../../icons/simplycrm.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when Simply CRM records are created, updated or deleted',
		defaults: { name: 'Simply CRM Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'simplyCrmApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				description: 'Which kind of change starts the workflow',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Record Created', value: 'created', description: 'A new record' },
					{ name: 'Record Created or Updated', value: 'createdOrUpdated', description: 'A new or changed record' },
					{ name: 'Record Deleted', value: 'deleted', description: 'A deleted record (its ID); needs Source "Sync"' },
					{ name: 'Record Updated', value: 'updated', description: 'A change to an existing record' },
				],
				default: 'createdOrUpdated',
			},
			{
				displayName: 'Watch',
				description: 'Whether to watch one module (such as Contacts) or every module the user can see',
				name: 'scope',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'All Modules', value: 'all', description: 'Every module the API user can access (Source "Sync" only)' },
					{ name: 'One Module', value: 'one' },
				],
				default: 'one',
			},
			{
				displayName: 'Module Name or ID',
				name: 'module',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getModules' },
				displayOptions: { show: { scope: ['one'] } },
				default: '',
				required: true,
				description:
					'The kind of record to watch (Contacts, Leads, HelpDesk, …). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Query',
						value: 'query',
						description: 'Reads every record of one module the API user may see, whoever owns it; cannot see deletions',
					},
					{
						name: 'Sync',
						value: 'sync',
						description: 'Simply CRM\'s change feed: also reports deletions, but filters by owner (see Sync Type)',
					},
				],
				default: 'sync',
				description:
					'How changes are read. Sync only returns records assigned to the API user unless Sync Type widens it, so changes to other users\' records are missed; use Query (one module) or an admin user with Sync Type "Application" to see them.',
			},
			{
				displayName: 'Sync Type',
				name: 'syncType',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { source: ['sync'] } },
				options: [
					{
						name: 'Application (Admin Only)',
						value: 'application',
						description: 'Every record, whoever owns it; the API user must be an admin',
					},
					{ name: 'User', value: 'user', description: 'Only records assigned to the API user (the default)' },
					{ name: 'User and Groups', value: 'userandgroup', description: 'Records assigned to the API user or one of their groups' },
				],
				default: 'user',
				description:
					'Whose records Sync returns: Sync filters by the record owner. This is vtiger 7\'s "syncType" parameter, which Simply CRM does not document.',
			},
		],
	};

	methods = { loadOptions: { getModules } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const config = readConfig(this);
		const state = this.getWorkflowStaticData('node') as TriggerState;

		if (this.getMode() === 'manual') {
			const change = await sample(this, config);
			if (!change) return null;
			if (config.module) change._module = config.module;
			else await nameModules(this, [change], state);
			return [this.helpers.returnJsonArray([change])];
		}

		if (state.watching !== config.watching) {
			const fresh = await start(this, config);
			for (const key of Object.keys(state)) delete (state as IDataObject)[key];
			Object.assign(state, fresh, { watching: config.watching });
			return null;
		}

		const { changes, next } = config.source === 'sync' ? await readSync(this, config, state) : await readQuery(this, config, state);
		const emitted = changes.filter((change) => wanted(config.event, change._event));
		if (config.source === 'sync') {
			if (config.module) for (const change of emitted) change._module = config.module;
			else await nameModules(this, emitted, state);
		}
		// Stored only now: a poll that failed half-way reads the same changes again next time.
		Object.assign(state, next);
		return emitted.length > 0 ? [this.helpers.returnJsonArray(emitted)] : null;
	}
}
