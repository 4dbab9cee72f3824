import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { ENTITIES, ENTITY_LIST, type EntityKey, type EntitySpec } from './entities';
import {
	CREDENTIAL_TYPE,
	PAGE_SIZE,
	listPage,
	type ListPage,
	simpleSimonApiRoot,
	simpleSimonRequest,
	withoutAnnotations,
} from './transport';

/*
 * Simple-Simon has no webhooks, so the trigger polls one collection ordered by a date field the server sets
 * (CreatedOn for new records, ModifiedOn for changes) and keeps a cursor in the workflow's static data:
 *
 * - The cursor is the newest date-field value read, exactly as the server wrote it: only the server's clock is ever
 *   compared with the server's clock, so a skewed n8n clock cannot lose or repeat changes.
 * - Each poll asks for `<Date> ge <cursor>` (ge, not gt: a record saved in the cursor's own instant after the previous
 *   poll is not lost) and drops the records it already emitted at that instant, remembered as `Id@<date>`. A change
 *   is one record at one date value, so a record changed twice is emitted twice and one change never twice.
 * - Pages are read keyset-style: each request starts again at the last date read instead of following `$skip`
 *   offsets, which shift (and skip a record) when a record already read is changed during a long read.
 * - The state is saved only after the whole read succeeded: a failed poll reads the same changes again next time.
 * - First activation emits nothing: the cursor starts at the newest value on the server, the records at that instant
 *   are marked as read. A collection that has no value yet starts without a cursor: everything that later gets a
 *   value is new (no n8n clock involved).
 */

type EventName =
	| 'newCustomer'
	| 'newPlanning'
	| 'newTimeSheet'
	| 'newWorkOrder'
	| 'workOrderUpdated'
	| 'custom';

type Watch = 'new' | 'newOrUpdated';

const EVENTS: Record<
	Exclude<EventName, 'custom'>,
	{ entity: EntityKey; watch: Watch | 'updated' }
> = {
	newCustomer: { entity: 'customer', watch: 'new' },
	newPlanning: { entity: 'planning', watch: 'new' },
	newTimeSheet: { entity: 'timeSheet', watch: 'new' },
	newWorkOrder: { entity: 'workOrder', watch: 'new' },
	workOrderUpdated: { entity: 'workOrder', watch: 'updated' },
};

interface Config {
	spec: EntitySpec;
	path: string;
	dateField: string;
	/** Work Order Updated without "Include New Work Orders": records never changed since creation are not emitted. */
	skipCreations: boolean;
	extraFilter?: string;
	select?: string;
	/** How far (ms) each poll re-reads before the cursor. */
	lookBackMs: number;
	/** What the stored cursor belongs to; another value starts watching afresh. */
	watching: string;
}

/** The trigger's memory between polls (workflow static data). */
interface TriggerState {
	watching?: string;
	/** The newest date-field value read, as the server wrote it; null: the collection had none when watching began. */
	cursor?: string | null;
	/** `Id@<date>` of the records read at or after the cursor (minus Clock Tolerance): already handled. */
	seen?: string[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PATH = /^\/?[A-Za-z0-9_.~-]+(?:\/[A-Za-z0-9_.~-]+)*\/?$/;
/** A change saved this close to the creation counts as part of it (servers stamp CreatedOn and ModifiedOn apart). */
const CREATION_SLACK_MS = 1000;
const MAX_LOOK_BACK_SECONDS = 3600;

// ---------------------------------------------------------------- dates

interface Instant {
	/** UTC with seven fractional digits (.NET ticks): compares correctly as text. */
	sort: string;
	/** Epoch milliseconds (sub-millisecond digits cut off). */
	ms: number;
	/** An Edm.Date value (`2026-01-05`): its literal has no time either. */
	dateOnly: boolean;
}

const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** A date-field value as the server sends it (DateTimeOffset, or Date), or undefined when it is not a date. */
export function instantOf(value: unknown): Instant | undefined {
	if (typeof value !== 'string') return undefined;
	const match = DATE_TIME.exec(value.trim());
	if (!match) return undefined;
	const [, y, mo, d, h, mi, s = '0', fraction = '', zone] = match;
	const wall = Date.UTC(+y, +mo - 1, +d, +(h ?? 0), +(mi ?? 0), +s);
	if (
		Number.isNaN(wall) ||
		new Date(wall).getUTCDate() !== +d ||
		+(h ?? 0) > 23 ||
		+(mi ?? 0) > 59 ||
		+s > 59
	) {
		return undefined;
	}
	let offsetMinutes = 0;
	if (zone && zone.toUpperCase() !== 'Z') {
		const digits = zone.slice(1).replace(':', '');
		offsetMinutes =
			(zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
	}
	// No offset: read as UTC, which is what the API's own DateTimeOffset values are.
	const seconds = wall - offsetMinutes * 60_000;
	const ticks = fraction.padEnd(7, '0').slice(0, 7);
	return {
		sort: `${new Date(seconds).toISOString().slice(0, 19)}.${ticks}Z`,
		ms: seconds + Number(ticks.slice(0, 3)),
		dateOnly: h === undefined && zone === undefined,
	};
}

/** An instant as an OData literal: unquoted DateTimeOffset in UTC (Date for date-only fields). */
function literalOf(at: Instant): string {
	if (at.dateOnly) return at.sort.slice(0, 10);
	const [whole, ticks] = at.sort.slice(0, -1).split('.');
	return `${whole}.${ticks.replace(/0+$/, '').padEnd(3, '0')}Z`;
}

/** Where a poll starts reading: the cursor, moved back by Clock Tolerance. */
function startOf(cursor: Instant, lookBackMs: number): Instant {
	if (lookBackMs <= 0) return cursor;
	return instantOf(
		cursor.dateOnly
			? new Date(cursor.ms - lookBackMs).toISOString().slice(0, 10)
			: new Date(cursor.ms - lookBackMs).toISOString(),
	)!;
}

// ---------------------------------------------------------------- configuration

function fieldError(ctx: IPollFunctions, field: string, value: string, description: string) {
	return new NodeOperationError(
		ctx.getNode(),
		`The field "${field}" has an invalid value "${value}"`,
		{
			description,
		},
	);
}

function readConfig(ctx: IPollFunctions, apiRoot: string): Config {
	const event = ctx.getNodeParameter('event', 'newWorkOrder') as EventName;
	let entity: EntityKey;
	let watch: Watch | 'updated';
	if (event === 'custom') {
		entity = ctx.getNodeParameter('entity', 'workOrder') as EntityKey;
		watch = ctx.getNodeParameter('watch', 'new') as Watch;
		if (!ENTITIES[entity]) {
			throw fieldError(ctx, 'Entity', String(entity), 'Choose one of the entities in the list.');
		}
	} else if (EVENTS[event]) {
		({ entity, watch } = EVENTS[event]);
	} else {
		throw fieldError(ctx, 'Event', String(event), 'Choose one of the events in the list.');
	}
	const spec = ENTITIES[entity];
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const text = (value: unknown) =>
		value === undefined || value === null ? '' : String(value).trim();

	const dateField = text(options.dateField) || (watch === 'new' ? 'CreatedOn' : 'ModifiedOn');
	if (!IDENTIFIER.test(dateField)) {
		throw fieldError(
			ctx,
			'Date Field',
			dateField,
			'Give one property name, such as ModifiedOn or CreatedOn.',
		);
	}

	const rawPath = text(options.entityPath);
	if (
		rawPath !== '' &&
		(!PATH.test(rawPath) || rawPath.split('/').some((p) => p === '..' || p === '.'))
	) {
		throw fieldError(
			ctx,
			'Entity Path',
			rawPath,
			`Give a path such as ${spec.path}: letters, digits, dashes and slashes, no host and no query.`,
		);
	}
	const path = rawPath === '' ? spec.path : `/${rawPath.replace(/^\/+|\/+$/g, '')}`;

	const skipCreations =
		event === 'workOrderUpdated' && ctx.getNodeParameter('includeNew', false) !== true;

	let select: string | undefined;
	const fields = text(options.fields);
	if (fields !== '') {
		const names = fields
			.split(',')
			.map((name) => name.trim())
			.filter((name) => name !== '');
		const wrong = names.find((name) => !IDENTIFIER.test(name));
		if (wrong !== undefined) {
			throw fieldError(
				ctx,
				'Fields to Return',
				wrong,
				'Give property names separated by commas, such as Number, Status, PlannedDate.',
			);
		}
		// The trigger itself needs the ID and the date (and CreatedOn to tell creations from changes).
		const needed = ['Id', dateField, ...(skipCreations ? ['CreatedOn', 'ModifiedOn'] : [])];
		select = [...new Set([...needed, ...names])].join(',');
	}

	const lookBack = Number(options.lookBackSeconds ?? 0);
	if (!Number.isFinite(lookBack) || lookBack < 0 || lookBack > MAX_LOOK_BACK_SECONDS) {
		throw fieldError(
			ctx,
			'Clock Tolerance (Seconds)',
			String(options.lookBackSeconds),
			`Use a number of seconds from 0 to ${MAX_LOOK_BACK_SECONDS}.`,
		);
	}

	const extraFilter = text(options.extraFilter) || undefined;
	return {
		spec,
		path,
		dateField,
		skipCreations,
		extraFilter,
		select,
		lookBackMs: Math.round(lookBack * 1000),
		watching: `${apiRoot}${path}|${dateField}`,
	};
}

const and = (clause: string, extra: string | undefined) =>
	extra ? `${clause} and (${extra})` : clause;

// ---------------------------------------------------------------- reading

interface ReadRow {
	row: IDataObject;
	key: string;
	at: Instant;
}

function keyOf(row: IDataObject, raw: unknown): string {
	const id = row.Id ?? row.id ?? row.ID;
	return `${id === undefined || id === null ? JSON.stringify(row) : String(id)}@${String(raw)}`;
}

async function getList(ctx: IPollFunctions, config: Config, qs: IDataObject): Promise<ListPage> {
	const body = await simpleSimonRequest(ctx, {
		method: 'GET',
		path: config.path,
		qs,
		idempotent: true,
	});
	const page = listPage(body);
	if (!page) {
		const message = 'Simple-Simon answered a list request with something that is not a list';
		throw new NodeApiError(
			ctx.getNode(),
			{ message },
			{
				message,
				description: `Expected a JSON array or an OData object with "value" from ${config.path}. Check the API URL and the Entity Path.`,
			},
		);
	}
	return page;
}

/** A row's date value, or a clear error when the Date Field does not hold dates. */
function dateOf(ctx: IPollFunctions, config: Config, row: IDataObject): Instant {
	const raw = row[config.dateField];
	const at = instantOf(raw);
	if (!at) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The field "Date Field" names ${config.dateField}, but a ${config.spec.name} has "${raw === undefined ? '(missing)' : String(raw)}" there, not a date`,
			{
				description: `Choose a date property the server sets when a ${config.spec.name} is created or changed, such as ModifiedOn.`,
			},
		);
	}
	return at;
}

/**
 * Every record whose date is at or after `from` (every dated record when undefined), oldest first. Each request starts
 * at the last date read; the records at that date are read again and dropped, and only a page that is entirely one
 * instant is stepped through with `$skip`.
 */
async function readFrom(
	ctx: IPollFunctions,
	config: Config,
	from: Instant | undefined,
): Promise<ReadRow[]> {
	const date = config.dateField;
	const read: ReadRow[] = [];
	const keys = new Set<string>();
	let anchor = from;
	let skip = 0;
	for (;;) {
		const qs: IDataObject = {
			$filter: and(
				anchor ? `${date} ge ${literalOf(anchor)}` : `${date} ne null`,
				config.extraFilter,
			),
			$orderby: `${date} asc,Id asc`,
			$top: PAGE_SIZE,
		};
		if (skip > 0) qs.$skip = skip;
		if (config.select) qs.$select = config.select;
		const page = await getList(ctx, config, qs);
		const rows = page.rows.map(withoutAnnotations);
		let fresh = 0;
		let previous: Instant | undefined;
		for (const row of rows) {
			const at = dateOf(ctx, config, row);
			if ((previous && at.sort < previous.sort) || (anchor && at.sort < anchor.sort)) {
				throw new NodeOperationError(
					ctx.getNode(),
					`Simple-Simon did not sort the ${config.spec.plural} by ${date}`,
					{
						description: `The trigger needs $orderby and $filter on the Date Field (${date}); choose a date property the server can sort and filter on.`,
					},
				);
			}
			previous = at;
			const key = keyOf(row, row[date]);
			if (keys.has(key)) continue;
			keys.add(key);
			fresh++;
			read.push({ row, key, at });
		}
		// Fewer rows than asked for is the end, unless the server pages smaller and says so with a next link (not
		// followed: the next request starts at the last date read instead).
		if (rows.length === 0 || (rows.length < PAGE_SIZE && page.nextLink === undefined)) break;
		const last = previous!;
		if (fresh === 0) {
			if (skip > 0) {
				const message = 'Simple-Simon sent the same records again: it seems to ignore $skip';
				throw new NodeApiError(
					ctx.getNode(),
					{ message },
					{
						message,
						description: 'Use a Date Field whose values differ between records.',
					},
				);
			}
			// Only records already read (the server's pages are smaller than the last instant's records): step past them.
			skip = rows.length;
		} else if (anchor && last.sort === anchor.sort) {
			// The whole page is one instant: step through it.
			skip += rows.length;
		} else {
			anchor = last;
			skip = 0;
		}
	}
	return read;
}

/** The record with the newest date value (undefined when none has one). */
async function newest(
	ctx: IPollFunctions,
	config: Config,
	select: string | undefined,
	extra?: string,
) {
	const qs: IDataObject = {
		$filter: and(`${config.dateField} ne null`, extra),
		$orderby: `${config.dateField} desc`,
		$top: 1,
	};
	if (select) qs.$select = select;
	const row = (await getList(ctx, config, qs)).rows[0];
	return row === undefined ? undefined : withoutAnnotations(row);
}

/** The cursor after a read: the newest date seen, and the records read from where the next poll starts reading. */
function advance(
	config: Config,
	cursor: { raw: string; at: Instant } | undefined,
	read: ReadRow[],
): Pick<TriggerState, 'cursor' | 'seen'> {
	let top = cursor;
	for (const { row, at } of read) {
		if (!top || at.sort > top.at.sort) top = { raw: String(row[config.dateField]), at };
	}
	if (!top) return { cursor: null, seen: [] };
	const from = startOf(top.at, config.lookBackMs).sort;
	return {
		cursor: top.raw,
		seen: read.filter(({ at }) => at.sort >= from).map(({ key }) => key),
	};
}

/** First activation: the cursor starts at the server's newest value; what is there is marked read, not emitted. */
async function start(ctx: IPollFunctions, config: Config): Promise<TriggerState> {
	// Without Extra Filter: the newest record of all marks "now" on the server's clock.
	const row = await newest(ctx, config, `Id,${config.dateField}`);
	if (!row) return { watching: config.watching, cursor: null, seen: [] };
	const at = dateOf(ctx, config, row);
	// Records sharing that instant (a bulk import) are all marked read, not only the first.
	const read = await readFrom(ctx, config, startOf(at, config.lookBackMs));
	return {
		watching: config.watching,
		...advance(config, { raw: String(row[config.dateField]), at }, read),
	};
}

/** Created and not changed since (within a second: servers stamp CreatedOn and ModifiedOn separately). */
function isCreation(row: IDataObject): boolean {
	const created = instantOf(row.CreatedOn);
	const modified = instantOf(row.ModifiedOn);
	return (
		created !== undefined &&
		modified !== undefined &&
		Math.abs(modified.ms - created.ms) < CREATION_SLACK_MS
	);
}

// ---------------------------------------------------------------- the node

const optionsOfEvent = (names: EventName[]) => ({ show: { event: names } });

const properties: INodeProperties[] = [
	{
		displayName: 'Event',
		description: 'What should start the workflow',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'New Customer',
				value: 'newCustomer',
				description: 'A customer was added',
			},
			{
				name: 'New Planning',
				value: 'newPlanning',
				description: 'A work order was planned for a user',
			},
			{
				name: 'New Time Sheet',
				value: 'newTimeSheet',
				description: 'Working or travel hours were booked on a work order',
			},
			{
				name: 'New Work Order',
				value: 'newWorkOrder',
				description: 'A work order (job sheet) was created',
			},
			{
				name: 'Other Entity (Custom)',
				value: 'custom',
				description: 'New or changed records of any Simple-Simon entity',
			},
			{
				name: 'Work Order Updated',
				value: 'workOrderUpdated',
				description:
					'A work order was changed, for example its status, planned date or description',
			},
		],
		default: 'newWorkOrder',
	},
	{
		displayName: 'Include New Work Orders',
		name: 'includeNew',
		type: 'boolean',
		default: false,
		displayOptions: optionsOfEvent(['workOrderUpdated']),
		description:
			'Whether to also start the workflow for work orders that were created and not changed since. A work order created and then changed before the next check counts as changed.',
	},
	{
		displayName: 'Entity',
		name: 'entity',
		type: 'options',
		noDataExpression: true,
		options: [...ENTITY_LIST]
			.sort((a, b) => a.name.localeCompare(b.name))
			.map((spec) => ({
				name: spec.name,
				value: spec.resource,
				description: spec.description,
			})),
		default: 'workOrder',
		displayOptions: optionsOfEvent(['custom']),
		description: 'Which kind of record to watch',
	},
	{
		displayName: 'Watch',
		description: 'Whether to start on new records only, or on new and changed ones',
		name: 'watch',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'New',
				value: 'new',
				description: 'Records that were created (by CreatedOn)',
			},
			{
				name: 'New or Updated',
				value: 'newOrUpdated',
				description: 'Records that were created or changed, once per change (by ModifiedOn)',
			},
		],
		default: 'new',
		displayOptions: optionsOfEvent(['custom']),
	},
	{
		displayName: 'Options',
		description: 'Optional settings for how the trigger checks Simple-Simon',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Clock Tolerance (Seconds)',
				name: 'lookBackSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: MAX_LOOK_BACK_SECONDS },
				default: 0,
				description:
					'How far each check re-reads before the newest date it has seen, for servers that save a record a moment after stamping its date; records read again are not emitted twice. 0 is right for most accounts.',
			},
			{
				displayName: 'Date Field',
				name: 'dateField',
				type: 'string',
				default: '',
				placeholder: 'ModifiedOn',
				description:
					'The date property that tells what is new: leave empty for CreatedOn (new records) or ModifiedOn (changes). It must be a date the server sets when the record is created or changed; each check asks for records at or after the newest value seen.',
			},
			{
				displayName: 'Entity Path',
				name: 'entityPath',
				type: 'string',
				default: '',
				placeholder: '/workorders',
				description:
					'Path of the watched collection, relative to the API URL and Base Path. Leave empty for the documented pattern (/customers, /workorders, /plannings, /timesheets, …); set it only when your API documentation names it differently.',
			},
			{
				displayName: 'Extra Filter',
				name: 'extraFilter',
				type: 'string',
				default: '',
				placeholder: "Status eq 'Completed'",
				description:
					"An OData $filter expression that records must also match, e.g. Status eq 'Completed' to start only for completed work orders",
			},
			{
				displayName: 'Fields to Return',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: 'Number, Status, PlannedDate',
				description:
					'Property names to return, separated by commas ($select). Leave empty for all. The ID and the date field are always included.',
			},
		],
	},
];

export class SimpleSimonTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Simple-Simon Trigger',
		name: 'simpleSimonTrigger',
		icon: {
			light: 'file:../../icons/simplesimon.svg',
			dark: 'file:../../icons/simplesimon.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when work orders, planning, time sheets, customers or other Simple-Simon records are created or changed',
		defaults: { name: 'Simple-Simon Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const config = readConfig(this, simpleSimonApiRoot(credentials));

		if (this.getMode() === 'manual') {
			// "Fetch Test Event": the newest matching record; the cursor is not touched.
			const row = await newest(this, config, config.select, config.extraFilter);
			return row ? [this.helpers.returnJsonArray([row])] : null;
		}

		const state = this.getWorkflowStaticData('node') as TriggerState;
		const cursorAt = typeof state.cursor === 'string' ? instantOf(state.cursor) : undefined;
		const known = state.cursor === null || cursorAt !== undefined;
		if (state.watching !== config.watching || !known) {
			const fresh = await start(this, config);
			for (const key of Object.keys(state)) delete (state as IDataObject)[key];
			Object.assign(state, fresh);
			return null;
		}

		const cursor = cursorAt ? { raw: state.cursor as string, at: cursorAt } : undefined;
		const read = await readFrom(this, config, cursor && startOf(cursor.at, config.lookBackMs));
		const seen = new Set(state.seen ?? []);
		const emitted = read
			.filter(({ key, row }) => !seen.has(key) && !(config.skipCreations && isCreation(row)))
			.map(({ row }) => row);
		// Stored only now: a poll that failed half-way reads the same changes again next time.
		Object.assign(state, advance(config, cursor, read));
		return emitted.length > 0 ? [this.helpers.returnJsonArray(emitted)] : null;
	}
}
