import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { collectPages, returnAllOrLimit, wantedCount } from '../../shared/paging';
import { requiredString } from '../../shared/params';
import { recordIdParameter } from './fields';
import { apiUserId, VTQL_PAGE_SIZE, vtqlString, webservice } from '../transport';

const recordIdField: INodeProperties = {
	displayName: 'Record ID',
	name: 'recordId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '12x525',
	description: 'The webservice ID of the record the comments belong to (a contact, account, lead, ticket, …)',
};

function recordId(ctx: IExecuteFunctions, itemIndex: number): string {
	return recordIdParameter(ctx, itemIndex);
}

/** The comment's owner: the API user, who must be known. */
async function commentOwner(ctx: IExecuteFunctions, itemIndex: number): Promise<string> {
	const userId = await apiUserId(ctx, itemIndex);
	if (userId === undefined) {
		throw new NodeOperationError(ctx.getNode(), `The API user of the credential is not known in item ${itemIndex}`, {
			itemIndex,
			description: 'Simply CRM did not return a user ID at login; the comment needs one as its owner.',
		});
	}
	return userId;
}

const add: Operation = {
	value: 'add',
	name: 'Add',
	action: 'Add a comment to a record',
	description: 'Add a comment to a record, written by the API user',
	properties: [
		recordIdField,
		{
			displayName: 'Comment',
			description: 'The text of the comment, as it appears on the record',
			name: 'comment',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const relatedTo = recordId(this, itemIndex);
		const comment = requiredString(this, 'comment', itemIndex, 'Comment');
		const owner = await commentOwner(this, itemIndex);
		// A webservice create of ModComments: the mobile addRecordComment needs the password, this only the access key.
		return await webservice<IDataObject>(this, {
			operation: 'create',
			method: 'POST',
			params: {
				elementType: 'ModComments',
				element: JSON.stringify({ commentcontent: comment, related_to: relatedTo, assigned_user_id: owner }),
			},
			idempotent: false,
			itemIndex,
		});
	},
};

const getAll: Operation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many comments of a record',
	description: 'List the comments of a record, oldest first',
	properties: [recordIdField, ...returnAllOrLimit()],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const relatedTo = recordId(this, itemIndex);
		const base = `select * from ModComments where related_to = ${vtqlString(relatedTo)} order by id`;
		return await collectPages<IDataObject>(wantedCount(this, itemIndex), VTQL_PAGE_SIZE, async (pageIndex, pageSize) => {
			const rows = await webservice<IDataObject[]>(this, {
				operation: 'query',
				params: { query: `${base} limit ${pageIndex * VTQL_PAGE_SIZE}, ${pageSize};` },
				idempotent: true,
				itemIndex,
			});
			const list = Array.isArray(rows) ? rows : [];
			return { items: list, more: list.length === pageSize };
		});
	},
};

export const comment: Resource = {
	value: 'comment',
	name: 'Comment',
	description: 'Comments on records (ModComments)',
	operations: [add, getAll],
};
