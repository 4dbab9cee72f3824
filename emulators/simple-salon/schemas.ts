import { z } from 'zod';

/*
 * What the Simple Salon API accepts for the methods the emulator serves, from the docs' Request Data tables and
 * models. Objects are strict: a field the model does not have is refused, so a client that misspells one finds out.
 */

const int = z.number().int();
/** "Omitted or null fields are left unchanged" (updates) / "left as default values" (adds). */
const opt = <T extends z.ZodTypeAny>(schema: T) => schema.nullable().optional();

/** ISO-8601 as the docs show it (`2019-01-01T10:45:00+11:00`); a bare date is taken as midnight. */
export const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

export const listOptions = z
	.object({
		page_number: int.min(1).optional(),
		rows_per_page: int.refine((n) => n === -1 || n >= 1, 'must be a positive number, or -1 where allowed').optional(),
		return_total: z.boolean().optional(),
		sort_expression: z.string().optional(),
		expanded_fields: z.array(z.object({ expanded_field: z.string(), fields: z.array(z.string()).optional() }).strict()).optional(),
		expanded_fields_grouped: z
			.array(z.object({ expanded_field: z.string(), fields: z.array(z.string()).optional() }).strict())
			.optional(),
	})
	.strict();

export type ListOptions = z.infer<typeof listOptions>;

export const login = z
	.object({
		username: z.string().min(1),
		password: z.string().min(1),
		company_id: int,
	})
	.strict();

export const tokenOnly = z.object({ token: z.string().min(1) }).strict();

/** Switch User: the current login token and the quick login PIN of the operator to switch to. */
export const switchUser = z.object({ token: z.string().min(1), pin: int.min(0) }).strict();

/** Every field of the Client model; `writable` ones can be sent on add/update, the rest are read-only or expanded. */
const clientWritable = {
	address_line1: opt(z.string()),
	address_suburb: opt(z.string()),
	address_postcode: opt(z.string()),
	address_state_id: opt(int),
	barcode: opt(z.string()),
	category_ids: opt(z.array(int)),
	comments: opt(z.string()),
	date_of_birth: opt(z.string()),
	email: opt(z.string()),
	email_promotions_enabled: opt(z.boolean()),
	email_reminders_enabled: opt(z.boolean()),
	firstname: opt(z.string()),
	gender: opt(z.string()),
	instagram: opt(z.string()),
	lastname: opt(z.string()),
	loyalty_points: opt(int),
	membership_gateway: opt(z.string()),
	membership_gateway_id: opt(z.string()),
	mobile: opt(z.string()),
	phone: opt(z.string()),
	preferred_operator_id: opt(int),
	referral_type_id: opt(int),
	referred_by_client_id: opt(int),
	sms_promotions_enabled: opt(z.boolean()),
	sms_reminders_enabled: opt(z.boolean()),
	twitter: opt(z.string()),
};

/** Read-only and expanded fields: accepted (a fetched record can be sent back) and ignored, as the docs say. */
const clientIgnored = {
	account_balance: z.unknown().optional(),
	deposit_balance: z.unknown().optional(),
	loyalty_member: z.unknown().optional(),
	membership_gateway_status: z.unknown().optional(),
	address_state: z.unknown().optional(),
	categories: z.unknown().optional(),
	referral_type: z.unknown().optional(),
};

export const CLIENT_FIELDS = [
	'client_id',
	'company_id',
	...Object.keys(clientWritable),
	...Object.keys(clientIgnored),
] as const;

export const clientInput = z
	.object({ client_id: opt(int), company_id: opt(int), ...clientWritable, ...clientIgnored })
	.strict();
export type ClientInput = z.infer<typeof clientInput>;
export const WRITABLE_CLIENT_FIELDS = Object.keys(clientWritable);

export const clientGet = z
	.object({
		client_id: int,
		fields: z.array(z.string()).optional(),
	})
	.strict();

export const clientFilter = z
	.object({
		barcode: z.string().optional(),
		client_category_id: int.optional(),
		client_ids: z.array(int).optional(),
		company_id: int.optional(),
		firstname: z.string().optional(),
		email: z.string().optional(),
		email_promotions_enabled: z.boolean().optional(),
		email_reminders_enabled: z.boolean().optional(),
		gender: z.string().optional(),
		lastname: z.string().optional(),
		operator_id: int.optional(),
		phone: z.string().optional(),
		referral_type_id: int.optional(),
		search: z.string().optional(),
		search_all_dome: z.boolean().optional(),
		sms_promotions_enabled: z.boolean().optional(),
		sms_reminders_enabled: z.boolean().optional(),
	})
	.strict();
export type ClientFilter = z.infer<typeof clientFilter>;

export const clientList = z.object({ filters: clientFilter, options: listOptions.optional() }).strict();

export const clientAdd = z.object({ client: clientInput }).strict();

export interface Problem {
	code: 'MISSINGPARAMETER' | 'INVALIDPARAMETER';
	message: string;
	details: string[];
}

function pathOf(path: Array<string | number>): string {
	return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}

/** The first thing wrong with a request body, in the vendor's Message shape. */
export function problemOf(error: z.ZodError): Problem {
	const issue = error.issues[0];
	const field = pathOf(issue.path);
	if (issue.code === 'invalid_type' && issue.received === 'undefined') {
		return { code: 'MISSINGPARAMETER', message: `${field} is required`, details: [field] };
	}
	if (issue.code === 'unrecognized_keys') {
		const keys = issue.keys.map((key) => pathOf([...issue.path, key]));
		return { code: 'INVALIDPARAMETER', message: `Unknown parameter: ${keys.join(', ')}`, details: keys };
	}
	if (issue.code === 'invalid_type') {
		const expected = issue.expected === 'integer' ? 'an integer' : `a ${issue.expected}`;
		return { code: 'INVALIDPARAMETER', message: `${field} must be ${expected}, not ${issue.received}`, details: [field] };
	}
	return { code: 'INVALIDPARAMETER', message: `${field} ${issue.message}`.trim(), details: [field] };
}
