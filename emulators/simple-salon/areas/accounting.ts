import { z } from 'zod';

import * as schema from '../schemas';
import { COMPANY_OFFSET } from '../seed';
import { companyOf } from './billing';
import { fail, ok, parse, type AreaContext, type SalonArea } from './types';

/*
 * Accounting: the chart of accounts and contacts of the accounting software linked to the company (Xero here), and
 * End of Day sessions sent to it as invoices. Lists return everything ("Currently returns all results (no paging)").
 * `account_id` / `contact_id` are typed integer in the docs but are GUID strings, as the examples show.
 */

const int = z.number().int();
const GATEWAYS = ['myob', 'quickbooks', 'xero'];
const LINKED_GATEWAY = 'xero';

const ACCOUNTS = [
	{ account_id: '11111111-2222-3333-4444-555555555555', code: '200', name: 'Sales', third_party_type: 'REVENUE', type: 'sales', in_use_by: ['Services', 'Products', 'Packages'] },
	{ account_id: '11111111-2222-3333-4444-555555555556', code: '260', name: 'Other Revenue', third_party_type: 'OTHERINCOME', type: 'sales', in_use_by: ['Memberships'] },
	{ account_id: '11111111-2222-3333-4444-555555555557', code: '090', name: 'Cash on Hand', third_party_type: 'BANK', type: 'assets', in_use_by: ['Payment Type: Cash'] },
	{ account_id: '11111111-2222-3333-4444-555555555558', code: '610', name: 'Undeposited Funds', third_party_type: 'CURRENT', type: 'assets', in_use_by: ['Payment Type: EFTPOS', 'Payment Type: Credit Card'] },
	{ account_id: '11111111-2222-3333-4444-555555555559', code: '310', name: 'Cost of Goods Sold', third_party_type: 'DIRECTCOSTS', type: 'expenses', in_use_by: [] },
	{ account_id: '11111111-2222-3333-4444-55555555555a', code: '404', name: 'Bank Fees', third_party_type: 'EXPENSE', type: 'expenses', in_use_by: ['Surcharges'] },
	{ account_id: '11111111-2222-3333-4444-55555555555b', code: '835', name: 'Gift Voucher Liability', third_party_type: 'CURRLIAB', type: 'liabilities', in_use_by: ['Vouchers'] },
	// an account type with no generic equivalent: `type` is omitted
	{ account_id: '11111111-2222-3333-4444-55555555555c', code: '860', name: 'Rounding', third_party_type: 'ROUNDING', type: undefined, in_use_by: ['Rounding'] },
];

const CONTACTS = [
	{ contact_id: '11111111-2222-3333-4444-666666666666', name: 'Office Supplies Shop' },
	{ contact_id: '11111111-2222-3333-4444-666666666667', name: 'Cash Sales' },
	{ contact_id: '11111111-2222-3333-4444-666666666668', name: 'Beauty Wholesale Co' },
	{ contact_id: '11111111-2222-3333-4444-666666666669', name: 'Salon Towel Service' },
];

/** End of Day sessions of the seeded company: closed ones can be sent once; an open one cannot yet. */
const SESSIONS = [
	{ session_id: 647515512, date: '2025-03-03', closed: true, rounding: false },
	{ session_id: 647515513, date: '2025-03-04', closed: true, rounding: true },
	{ session_id: 647515514, date: '2025-03-05', closed: true, rounding: false },
	{ session_id: 647515515, date: '2025-03-06', closed: false, rounding: false },
];

const gateway = z.string().min(1).optional();
const accountId = z.union([z.string().min(1), int]);
const schemas = {
	accountList: z
		.object({
			filters: z
				.object({
					company_id: int.optional(),
					gateway,
					codes: z.array(z.string()).optional(),
					third_party_types: z.array(z.string()).optional(),
					types: z.array(z.enum(['sales', 'expenses', 'assets', 'liabilities'])).optional(),
				})
				.strict(),
			options: schema.listOptions.optional(),
		})
		.strict(),
	accountGet: z
		.object({
			account_id: accountId,
			expanded_fields: z.array(z.object({ expanded_field: z.string(), fields: z.array(z.string()).optional() }).strict()).optional(),
			gateway,
		})
		.strict(),
	contactList: z.object({ filters: z.object({ company_id: int.optional(), gateway }).strict() }).strict(),
	contactGet: z.object({ contact_id: accountId, gateway }).strict(),
	invoiceAdd: z.object({ session_id: int, gateway }).strict(),
};

export function accountingArea(ctx: AreaContext): SalonArea {
	const { state } = ctx;
	const sent = new Map<number, { invoice_id: string; number: string }>();
	let nextNumber = 1023;

	/** The gateway asked for (or the company's default), or why it cannot be used. */
	function linked(companyId: number, name: string | undefined, field = 'gateway') {
		const chosen = (name ?? LINKED_GATEWAY).toLowerCase();
		if (!GATEWAYS.includes(chosen)) return fail('INVALIDPARAMETER', `${field} "${name}" is not an accounting gateway (${GATEWAYS.join(', ')})`, [field]);
		if (companyId !== state.companyId || chosen !== LINKED_GATEWAY) {
			return fail('THIRDPARTYNOTLINKED', `Company ${companyId} is not linked to ${chosen}: connect it under Account → Integrations first`, [field]);
		}
		return undefined;
	}

	const accountOut = (a: (typeof ACCOUNTS)[number], withUse: boolean) => {
		const { in_use_by: inUse, type, ...rest } = a;
		return { ...rest, ...(type ? { type } : {}), ...(withUse ? { in_use_by: [...inUse] } : {}) };
	};

	return {
		reset() {
			sent.clear();
			nextNumber = 1023;
		},
		methods: {
			'third_party/accounting/account/list'(body, call) {
				const parsed = parse(schemas.accountList, body);
				if ('error' in parsed) return parsed.error;
				const { filters: f, options } = parsed.value;
				const company = companyOf(state, call.session, f.company_id, 'filters.company_id');
				if ('error' in company) return company.error;
				const refused = linked(company.id, f.gateway, 'filters.gateway');
				if (refused) return refused;
				const grouped = (options?.expanded_fields_grouped ?? []).map((e) => e.expanded_field);
				const unknown = grouped.filter((g) => g !== 'in_use_by');
				if (unknown.length) return fail('INVALIDPARAMETER', `Cannot expand ${unknown.join(', ')}`, ['options.expanded_fields_grouped']);
				if (options?.expanded_fields?.length) return fail('INVALIDPARAMETER', 'Use options.expanded_fields_grouped to expand accounts', ['options.expanded_fields']);
				const rows = ACCOUNTS.filter((a) => f.codes === undefined || f.codes.includes(a.code))
					.filter((a) => f.third_party_types === undefined || f.third_party_types.includes(a.third_party_type))
					.filter((a) => f.types === undefined || (a.type !== undefined && f.types.includes(a.type as 'sales')))
					.sort((a, b) => a.code.localeCompare(b.code));
				// paging options are ignored: every account comes back
				return ok({ accounts: rows.map((a) => accountOut(a, grouped.includes('in_use_by'))) });
			},
			'third_party/accounting/account/get'(body, call) {
				const parsed = parse(schemas.accountGet, body);
				if ('error' in parsed) return parsed.error;
				const refused = linked(call.session.companyId, parsed.value.gateway);
				if (refused) return refused;
				const expand = (parsed.value.expanded_fields ?? []).map((e) => e.expanded_field);
				if (expand.some((e) => e !== 'in_use_by')) return fail('INVALIDPARAMETER', `Cannot expand ${expand.filter((e) => e !== 'in_use_by').join(', ')}`, ['expanded_fields']);
				const account = ACCOUNTS.find((a) => a.account_id === String(parsed.value.account_id).toLowerCase());
				if (!account) return fail('ACCOUNTNOTFOUND', `Account ${parsed.value.account_id} was not found in ${LINKED_GATEWAY}`, ['account_id']);
				return ok({ account: accountOut(account, expand.includes('in_use_by')) });
			},
			'third_party/accounting/contact/list'(body, call) {
				const parsed = parse(schemas.contactList, body);
				if ('error' in parsed) return parsed.error;
				const f = parsed.value.filters;
				const company = companyOf(state, call.session, f.company_id, 'filters.company_id');
				if ('error' in company) return company.error;
				const refused = linked(company.id, f.gateway, 'filters.gateway');
				if (refused) return refused;
				return ok({ contacts: CONTACTS.map((c) => ({ ...c })) });
			},
			'third_party/accounting/contact/get'(body, call) {
				const parsed = parse(schemas.contactGet, body);
				if ('error' in parsed) return parsed.error;
				const refused = linked(call.session.companyId, parsed.value.gateway);
				if (refused) return refused;
				const contact = CONTACTS.find((c) => c.contact_id === String(parsed.value.contact_id).toLowerCase());
				if (!contact) return fail('CONTACTNOTFOUND', `Contact ${parsed.value.contact_id} was not found in ${LINKED_GATEWAY}`, ['contact_id']);
				return ok({ contact: { ...contact } });
			},
			'third_party/accounting/invoice/add'(body, call) {
				const parsed = parse(schemas.invoiceAdd, body);
				if ('error' in parsed) return parsed.error;
				const refused = linked(call.session.companyId, parsed.value.gateway);
				if (refused) return refused;
				const session = SESSIONS.find((s) => s.session_id === parsed.value.session_id);
				if (!session) return fail('SESSIONNOTFOUND', `End of Day session ${parsed.value.session_id} was not found`, ['session_id']);
				if (!session.closed) return fail('SESSIONNOTCLOSED', `End of Day session ${session.session_id} (${session.date}) is still open: close the day first`, ['session_id']);
				const already = sent.get(session.session_id);
				if (already) {
					return fail('INVOICEALREADYADDED', `End of Day session ${session.session_id} was already sent to ${LINKED_GATEWAY} as ${already.number}`, [`invoice_id: ${already.invoice_id}`]);
				}
				const invoice = { invoice_id: `11111111-2222-3333-4444-${String(777777777777 + sent.size).padStart(12, '0')}`, number: `INV-${nextNumber++}` };
				sent.set(session.session_id, invoice);
				const warnings = session.rounding ? [`Rounding of 0.01 posted to account 860 (${session.date}${COMPANY_OFFSET})`] : [];
				return ok({ invoice: { ...invoice, warnings } });
			},
		},
	};
}
