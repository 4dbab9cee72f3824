import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { Resource } from '../../shared/execute';
import { salonOperation, type SalonEndpoint, type SalonParam } from '../endpoint';
import { companyIdParam } from './account';

/*
 * Campaigns are the salon's sent messages (reminders, confirmations, birthday texts, promotions, ad hoc SMS); each has
 * recipients, and each recipient has messages: the text sent, the client's replies, and delivery reports.
 */

const created = (which: 'min' | 'max'): SalonParam => ({
	displayName: which === 'min' ? 'Created From' : 'Created To',
	path: `filters.date_created_${which}`,
	name: `date_created_${which}`,
	type: 'dateTime',
	default: '',
	description: which === 'min' ? 'Created at or after this time (salon local time)' : 'Created before this time (not included; salon local time)',
});

/** "date_created_min / max: required unless" the campaign (recipients) or the recipient (messages) is given. */
function needsRange(unless: string, label: string) {
	return (ctx: IExecuteFunctions, itemIndex: number, body: IDataObject): IDataObject => {
		const filters = body.filters as IDataObject;
		if (filters[unless] === undefined && (filters.date_created_min === undefined || filters.date_created_max === undefined)) {
			throw new NodeOperationError(ctx.getNode(), `Add the filters "Created From" and "Created To", or "${label}", in item ${itemIndex}`, {
				itemIndex,
				description: `Simple Salon needs a creation date range unless a ${label} is given.`,
			});
		}
		if (filters.date_created_min !== undefined && filters.date_created_max !== undefined && String(filters.date_created_max) <= String(filters.date_created_min)) {
			throw new NodeOperationError(ctx.getNode(), `The filter "Created To" must be later than "Created From" in item ${itemIndex}`, { itemIndex });
		}
		return body;
	};
}

const get: SalonEndpoint = {
	method: 'campaign/get',
	value: 'get',
	name: 'Get',
	action: 'Get a campaign',
	description: 'Get a campaign: its name, media (SMS or email), type and status',
	idempotent: true,
	required: [{ path: 'campaign_id', displayName: 'Campaign ID', description: 'The number of the campaign, e.g. 674644', type: 'id', placeholder: '674644' }],
	result: 'campaign',
};

const recipientList: SalonEndpoint = {
	method: 'campaign/recipient/list',
	value: 'getManyRecipients',
	name: 'Get Many Recipients',
	action: 'Get many campaign recipients',
	description: 'List who campaigns went to, by campaign or by creation date',
	idempotent: true,
	list: { key: 'recipients' },
	filters: [
		{ path: 'filters.campaign_id', displayName: 'Campaign ID', description: 'Only recipients of this campaign', type: 'id' },
		{ path: 'filters.client_id', displayName: 'Client ID', description: 'Only recipients who are this client', type: 'id' },
		companyIdParam('filters.company_id', 'Defaults to the company you log in to'),
		created('min'),
		created('max'),
		{ path: 'filters.status', displayName: 'Status', type: 'string', placeholder: 'sent', description: 'The recipient status, e.g. sent or failed' },
	],
	expandable: ['campaign'],
	build: needsRange('campaign_id', 'Campaign ID'),
};

const recipientGet: SalonEndpoint = {
	method: 'campaign/recipient/get',
	value: 'getRecipient',
	name: 'Get Recipient',
	action: 'Get a campaign recipient',
	description: 'Get one recipient of a campaign',
	idempotent: true,
	required: [{ path: 'recipient_id', displayName: 'Recipient ID', description: 'The number of the campaign recipient, e.g. 346919852', type: 'id', placeholder: '346919852' }],
	expandable: ['campaign'],
	result: 'recipient',
};

const messageList: SalonEndpoint = {
	method: 'campaign/recipient/message/list',
	value: 'getManyMessages',
	name: 'Get Many Messages',
	action: 'Get many campaign messages',
	description: 'List the texts sent, the replies received and the delivery reports, in order of the date sent',
	idempotent: true,
	list: { key: 'messages' },
	filters: [
		{ path: 'filters.client_id', displayName: 'Client ID', description: 'Only messages of this client', type: 'id' },
		companyIdParam('filters.company_id', 'Defaults to the company you log in to'),
		created('min'),
		created('max'),
		{ path: 'filters.recipient_id', displayName: 'Recipient ID', description: 'Only messages of this campaign recipient', type: 'id' },
		{
			path: 'filters.status',
			displayName: 'Status',
			description: 'Only messages with this delivery status',
			type: 'options',
			default: 'delivered',
			options: [
				{ name: 'Delivered', value: 'delivered' },
				{ name: 'Failed', value: 'failed' },
				{ name: 'None', value: 'none' },
				{ name: 'Queued', value: 'queued', description: 'Queued at the messaging provider' },
			],
		},
		{
			path: 'filters.type',
			displayName: 'Type',
			description: 'Only messages of this kind: sent, received (a reply), delivery report or send error',
			type: 'options',
			default: 'message_received',
			options: [
				{ name: 'Delivery Report', value: 'dlr' },
				{ name: 'Received (Reply)', value: 'message_received' },
				{ name: 'Send Error', value: 'send_error', description: 'An error before the message was queued' },
				{ name: 'Sent', value: 'message_sent' },
			],
		},
	],
	// the docs say "required if message_id is omitted", but message_id is no filter: the recipient is meant
	build: needsRange('recipient_id', 'Recipient ID'),
};

const messageGet: SalonEndpoint = {
	method: 'campaign/recipient/message/get',
	value: 'getMessage',
	name: 'Get Message',
	action: 'Get a campaign message',
	description: 'Get one sent text, reply or delivery report',
	idempotent: true,
	required: [{ path: 'message_id', displayName: 'Message ID', description: 'The number of the message, e.g. 95463464466', type: 'id', placeholder: '95463464466' }],
	result: 'message',
};

export const campaign: Resource = {
	value: 'campaign',
	name: 'Campaign',
	description: 'Messages the salon sent (reminders, confirmations, promotions), their recipients and replies',
	operations: [get, recipientGet, recipientList, messageGet, messageList].map(salonOperation),
	defaultOperation: 'getManyMessages',
};
