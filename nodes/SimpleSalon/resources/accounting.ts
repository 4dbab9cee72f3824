import type { IDataObject } from 'n8n-workflow';

import type { Resource } from '../../shared/execute';
import { salonOperation, type SalonEndpoint, type SalonParam } from '../endpoint';
import { companyIdParam } from './account';

/*
 * The accounting software linked to the salon (e.g. Xero): its accounts and contacts, and sending a closed End of
 * Day session to it as an invoice. The lists return everything at once (no paging). Account and contact IDs are the
 * accounting software's GUIDs (the docs type them integer; their examples show strings).
 */

const gateway = (path = 'gateway'): SalonParam => ({
	displayName: 'Gateway',
	path,
	name: 'gateway',
	type: 'string',
	default: '',
	placeholder: 'xero',
	description: 'The accounting software to use; defaults to the company\'s default one',
});

/** In-use lists may come back on each account or, as a grouped expansion, beside them: they end up on each account. */
function accountsWithUse(reply: IDataObject): IDataObject[] {
	const accounts = Array.isArray(reply.accounts) ? (reply.accounts as IDataObject[]) : [];
	const grouped = Array.isArray(reply.in_use_by) ? (reply.in_use_by as IDataObject[]) : [];
	const byAccount = new Map(grouped.filter((g) => g && typeof g === 'object').map((g) => [String(g.account_id), g.in_use_by]));
	return accounts.map((a) => (a.in_use_by === undefined && byAccount.has(String(a.account_id)) ? { ...a, in_use_by: byAccount.get(String(a.account_id)) } : a));
}

const accountList: SalonEndpoint = {
	method: 'third_party/accounting/account/list',
	value: 'getManyAccounts',
	name: 'Get Many Accounts',
	action: 'Get many accounting accounts',
	description: 'List the chart of accounts of the linked accounting software',
	idempotent: true,
	// "Currently returns all results (no paging)"
	list: { key: 'accounts', pageable: false },
	filters: [
		{ path: 'filters.codes', displayName: 'Codes', type: 'stringList', placeholder: '200,090', description: 'Comma-separated account codes' },
		companyIdParam('filters.company_id'),
		gateway('filters.gateway'),
		{
			path: 'filters.third_party_types',
			displayName: 'Third Party Types',
			type: 'stringList',
			placeholder: 'REVENUE,BANK',
			description: 'Comma-separated account types as the accounting software names them',
		},
		{ path: 'filters.types', displayName: 'Types', type: 'stringList', placeholder: 'sales,expenses', description: 'Comma-separated generic types: sales, expenses, assets, liabilities' },
	],
	expandable: ['in_use_by'],
	build(_ctx, _itemIndex, body) {
		// the list expands in_use_by as a grouped expansion
		const options = body.options as IDataObject | undefined;
		if (options?.expanded_fields) {
			options.expanded_fields_grouped = options.expanded_fields;
			delete options.expanded_fields;
		}
		return body;
	},
	output: (reply) => accountsWithUse(reply),
};

const accountGet: SalonEndpoint = {
	method: 'third_party/accounting/account/get',
	value: 'getAccount',
	name: 'Get Account',
	action: 'Get an accounting account',
	description: 'Get one account of the linked accounting software',
	idempotent: true,
	required: [{ path: 'account_id', displayName: 'Account ID', description: 'The ID of the account in the linked accounting software', type: 'string', placeholder: '11111111-2222-3333-4444-555555555555' }],
	additional: [gateway()],
	additionalLabel: 'Options',
	expandable: ['in_use_by'],
	result: 'account',
};

const contactList: SalonEndpoint = {
	method: 'third_party/accounting/contact/list',
	value: 'getManyContacts',
	name: 'Get Many Contacts',
	action: 'Get many accounting contacts',
	description: 'List the contacts of the linked accounting software',
	idempotent: true,
	list: { key: 'contacts', pageable: false },
	filters: [companyIdParam('filters.company_id'), gateway('filters.gateway')],
};

const contactGet: SalonEndpoint = {
	method: 'third_party/accounting/contact/get',
	value: 'getContact',
	name: 'Get Contact',
	action: 'Get an accounting contact',
	description: 'Get one contact of the linked accounting software',
	idempotent: true,
	required: [{ path: 'contact_id', displayName: 'Contact ID', description: 'The ID of the contact in the linked accounting software', type: 'string', placeholder: '11111111-2222-3333-4444-666666666666' }],
	additional: [gateway()],
	additionalLabel: 'Options',
	result: 'contact',
};

const invoiceAdd: SalonEndpoint = {
	method: 'third_party/accounting/invoice/add',
	value: 'sendEndOfDay',
	name: 'Send End of Day Invoice',
	action: 'Send an end of day session as an invoice',
	description: 'Add a closed End of Day session to the accounting software as an invoice',
	idempotent: false,
	required: [{ path: 'session_id', displayName: 'End of Day Session ID', description: 'The number of a closed End of Day session of the till, e.g. 647515512', type: 'id', placeholder: '647515512' }],
	additional: [gateway()],
	additionalLabel: 'Options',
	result: 'invoice',
};

export const accounting: Resource = {
	value: 'accounting',
	name: 'Accounting',
	description: 'The linked accounting software (e.g. Xero): accounts, contacts, End of Day invoices',
	operations: [accountGet, accountList, contactGet, contactList, invoiceAdd].map(salonOperation),
	defaultOperation: 'getManyAccounts',
};
