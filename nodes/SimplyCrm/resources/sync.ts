import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { toEpochMs } from '../../shared/dates';
import { requiredString } from '../../shared/params';
import { webservice } from '../transport';
import { moduleNameField } from './module';

interface SyncResult {
	updated?: IDataObject[];
	deleted?: string[];
	lastModifiedTime?: number | string;
	more?: unknown;
}

/** A moment as Unix seconds (see toEpochMs for what is accepted). */
export function toUnixSeconds(value: unknown, timeZone: string): number | undefined {
	const ms = toEpochMs(value, timeZone);
	return ms === undefined ? undefined : Math.floor(ms / 1000);
}

/**
 * The sync paging loop; `fetch` gets the modifiedTime cursor of each call, `stalled` makes the error for a server that
 * keeps saying `more` without moving its cursor.
 */
export async function collectChanges(
	fetch: (modifiedTime: number) => Promise<SyncResult>,
	since: number,
	stalled: (lastModifiedTime: unknown) => Error,
): Promise<{ updated: IDataObject[]; deleted: string[]; lastModifiedTime: number }> {
	const updated = new Map<string, IDataObject>();
	const unnamed: IDataObject[] = [];
	const deleted = new Set<string>();
	let cursor = since;
	for (;;) {
		const page = (await fetch(cursor)) ?? {};
		for (const record of page.updated ?? []) {
			if (record.id === undefined) unnamed.push(record);
			// A record changed again while we page shows up twice; the later copy wins.
			else updated.set(String(record.id), record);
		}
		for (const id of page.deleted ?? []) deleted.add(String(id));
		const next = Number(page.lastModifiedTime ?? cursor);
		const more = page.more === true || page.more === 'true' || page.more === 1 || page.more === '1';
		if (!more) {
			cursor = Number.isFinite(next) ? next : cursor;
			break;
		}
		// vtiger advances lastModifiedTime on every page; a server that does not would be asked the same page forever.
		if (!Number.isFinite(next) || next <= cursor) {
			throw stalled(page.lastModifiedTime);
		}
		cursor = next;
	}
	for (const id of deleted) updated.delete(id);
	return { updated: [...updated.values(), ...unnamed], deleted: [...deleted], lastModifiedTime: cursor };
}

const getChanges: Operation = {
	value: 'getChanges',
	name: 'Get Changes',
	action: 'Get changed and deleted records',
	description: 'Records created, updated or deleted after a moment, following every page',
	properties: [
		{
			displayName: 'Since',
			name: 'since',
			type: 'dateTime',
			default: '',
			required: true,
			description:
				'Changes after this moment (not included). Pick a date, or give Unix seconds from an expression, e.g. the lastModifiedTime a previous run stored.',
		},
		{
			displayName: 'Options',
			description: 'Optional settings for the list of changes',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				moduleNameField('Only changes of this module; all modules when not set'),
				{
					displayName: 'Output as Single Item',
					name: 'singleItem',
					type: 'boolean',
					default: false,
					description:
						'Whether to output one item {updated, deleted, lastModifiedTime} instead of one item per change; store lastModifiedTime and pass it as Since next time',
				},
				{
					displayName: 'Sync Type',
					name: 'syncType',
					type: 'options',
					options: [
						{
							name: 'Application (Admin Only)',
							value: 'application',
							description: 'Every record, whoever owns it; the API user must be an administrator',
						},
						{ name: 'User', value: 'user', description: 'Records assigned to the API user (the server default)' },
						{ name: 'User and Groups', value: 'userandgroup', description: "Records assigned to the API user or one of the user's groups" },
					],
					default: 'user',
					description:
						"Sync reports only records assigned to the API user unless told otherwise: records owned by colleagues or groups are silently left out. This option sends vtiger's syncType, which Simply CRM does not document; for every record use Application with an admin user, or a query on modifiedtime instead.",
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const raw = this.getNodeParameter('since', itemIndex, '') as unknown;
		if (raw === '' || raw === null || raw === undefined) requiredString(this, 'since', itemIndex, 'Since');
		const since = toUnixSeconds(raw, this.getTimezone());
		if (since === undefined) {
			throw new NodeOperationError(this.getNode(), `The field "Since" has an invalid value "${String(raw)}" in item ${itemIndex}`, {
				itemIndex,
				description: 'Pick a date and time, or give Unix seconds such as 1717000000.',
			});
		}
		const options = this.getNodeParameter('options', itemIndex, {}) as { module?: string; syncType?: string; singleItem?: boolean };
		const params: IDataObject = {};
		if (options.module) params.elementType = options.module;
		if (options.syncType) params.syncType = options.syncType;
		const changes = await collectChanges(
			async (modifiedTime) =>
				await webservice<SyncResult>(this, { operation: 'sync', params: { modifiedTime, ...params }, idempotent: true, itemIndex }),
			since,
			(lastModifiedTime) =>
				new NodeOperationError(
					this.getNode(),
					`Simply CRM reported more changes but its lastModifiedTime stayed at ${String(lastModifiedTime)} in item ${itemIndex}`,
					{ itemIndex, description: 'Stopped instead of asking for the same changes again and again.' },
				),
		);
		if (options.singleItem) return { ...changes };
		return [
			...changes.updated.map((record) => ({ changeType: 'updated', ...record })),
			...changes.deleted.map((id) => ({ changeType: 'deleted', id })),
		];
	},
};

export const sync: Resource = {
	value: 'sync',
	name: 'Sync',
	description: 'Changes since a moment: updated records and deleted IDs',
	operations: [getChanges],
};
