import { z } from 'zod';

import type { SimpleSalonState } from '../index';
import * as schema from '../schemas';
import { COMPANY_OFFSET, FIRST_CLIENT_ID, type SalonClient } from '../seed';
import { balanceOut, creditPriceOf, roleOf, smsLedger, smsTopupQuote, wallOf, type SmsAccount } from './billing';
import { fail, ok, page, parse, type AreaContext, type MethodCall, type SalonArea } from './types';

/*
 * Communications: campaigns with their recipients and messages (sent texts, replies, delivery reports), and the
 * send methods (SMS, push, template) plus the SMS price check. Sending an SMS costs credit from the company's SMS
 * balance (free credits first, then funds at the plan's credit price), is refused for clients without a mobile or
 * who turned SMS promotions off, and shows up afterwards as a campaign with a recipient and a `message_sent`.
 */

const int = z.number().int();
const COMPANY_NAME = 'Company A';
const SENDER_EMAIL = 'bookings@company-a.simplesalon.com';
const ROLES = [-1, -2, -3, -5];
const ROLE_STAFF = -2;

// ----------------------------------------------------------------------------------------------------- SMS arithmetic

const GSM_BASIC = new Set([
	...'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
]);
/** GSM-7 extension characters: two characters each ("special characters may have required more than one"). */
const GSM_EXTENDED = new Set([...'^{}\\[~]|€\f']);

export interface SmsSize {
	/** Characters as the reader sees them. */
	characters: number;
	gsm: number;
	unicode: number;
	used: number;
	credits: number;
	remaining: number;
	/** The text cut to a combined SMS (612 GSM / 268 Unicode). */
	message: string;
	/** The text cut to one SMS (160 / 70), at a word boundary. */
	single: string;
	tooLong: boolean;
}

/** "160 characters … or 70 … containing UTF8 characters"; combined SMS "612 … or 268" (4 parts of 153 / 67). */
export function smsSize(text: string): SmsSize {
	const weigh = (ch: string) => (GSM_BASIC.has(ch) ? [1, 0] : GSM_EXTENDED.has(ch) ? [2, 0] : [0, ch.length]);
	let gsm = 0;
	let unicode = 0;
	for (const ch of text) {
		const [g, u] = weigh(ch);
		gsm += g;
		unicode += u;
	}
	const limits = unicode > 0 ? { single: 70, part: 67, max: 268 } : { single: 160, part: 153, max: 612 };
	const cut = (limit: number, atWord: boolean) => {
		let size = 0;
		let out = '';
		for (const ch of text) {
			const [g, u] = weigh(ch);
			if (size + g + u > limit) {
				const space = out.search(/\s\S*$/);
				return (atWord && space > 0 ? out.slice(0, space) : out).trimEnd();
			}
			size += g + u;
			out += ch;
		}
		return out;
	};
	const message = cut(limits.max, false);
	const tooLong = message !== text;
	if (tooLong) return { ...smsSize(message), tooLong };
	const used = gsm + unicode;
	const credits = used <= limits.single ? 1 : Math.ceil(used / limits.part);
	const remaining = used <= limits.single ? limits.single - used : credits * limits.part - used;
	return { characters: [...text].length, gsm, unicode, used, credits, remaining, message, single: cut(limits.single, true), tooLong };
}

// --------------------------------------------------------------------------------------------------------------- data

interface Campaign {
	campaign_id: number;
	automatic: boolean;
	company_id: number;
	date_created: string;
	media: 'email' | 'sms';
	name: string;
	template_id?: number;
	type: string;
	status: 'building' | 'pending' | 'sending' | 'sent';
}

interface Recipient {
	recipient_id: number;
	appointment_id: number;
	campaign_id: number;
	client_id: number;
	company_id: number;
	date_created: string;
	type: 'adhoc' | 'client' | 'company' | 'operator' | 'supplier';
	/** Not in the Recipient model, but RecipientFilter filters on it, so it is shown. */
	status: 'pending' | 'sent' | 'failed';
}

interface Message {
	message_id: number;
	company_id: number;
	date_created: string;
	date_sent: string;
	external_id: string;
	recipient_id: number;
	/** The docs' example calls the text `message`; the model calls it `message_text`. The example is followed. */
	message: string;
	receiver: string;
	sender: string;
	status: 'none' | 'queued' | 'delivered' | 'failed';
	type: 'message_sent' | 'message_received' | 'dlr' | 'send_error';
}

const TEMPLATES = [
	{ template_id: 501, name: 'Birthday SMS', media: 'sms' as const, type: 'birthday', text: 'Happy Birthday #ClientFirstName#! Enjoy 10% off at #CompanyName# for the whole month of your birthday.' },
	{ template_id: 502, name: 'Thank You Email', media: 'email' as const, type: 'adhoc', text: 'Dear #ClientFirstName#, thank you for visiting #CompanyName#. We hope to see you again soon.' },
	{ template_id: 503, name: 'Time To Rebook', media: 'sms' as const, type: 'no_recent_visit', text: 'Hi #ClientFirstName#, it has been a while! Book your next visit at #CompanyName#: reply or call us. Reply STOP to opt out' },
];

/** Tags filled from the client (send) or the company (price check: "Template tags relating to the company"). */
function fillTags(text: string, client?: SalonClient): string {
	let out = text.replace(/#CompanyName#/g, COMPANY_NAME);
	if (client) {
		out = out
			.replace(/#ClientFirstName#/g, client.firstname)
			.replace(/#ClientLastName#/g, client.lastname)
			.replace(/#ClientName#/g, `${client.firstname} ${client.lastname}`.trim());
	}
	return out;
}

const local = (at: string) => `${at}${COMPANY_OFFSET}`;
const plusSeconds = (wall: string, seconds: number) => new Date(Date.parse(`${wall}Z`) + seconds * 1000).toISOString().slice(0, 19);

export function messagingArea(ctx: AreaContext): SalonArea {
	const { state } = ctx;
	let campaigns: Campaign[] = [];
	let recipients: Recipient[] = [];
	let messages: Message[] = [];
	const pushes: Array<Record<string, unknown>> = [];
	let nextCampaignId = 0;
	let nextRecipientId = 0;
	let nextMessageId = 0;

	const nowWall = () => new Date(ctx.now() + 11 * 3600_000).toISOString().slice(0, 19);

	function addCampaign(fields: Omit<Campaign, 'campaign_id' | 'company_id'>): Campaign {
		const campaign = { campaign_id: nextCampaignId++, company_id: state.companyId, ...fields };
		campaigns.push(campaign);
		return campaign;
	}

	function addRecipient(campaign: Campaign, client: SalonClient, created: string, appointmentId = 0, status: Recipient['status'] = 'sent'): Recipient {
		const recipient: Recipient = {
			recipient_id: nextRecipientId++,
			appointment_id: appointmentId,
			campaign_id: campaign.campaign_id,
			client_id: client.client_id,
			company_id: state.companyId,
			date_created: local(created),
			type: 'client',
			status,
		};
		recipients.push(recipient);
		return recipient;
	}

	function addMessage(recipient: Recipient, media: Campaign['media'], client: SalonClient, fields: Pick<Message, 'type' | 'status' | 'message'> & { created: string; sent?: string }) {
		const incoming = fields.type === 'message_received';
		const companyAddress = media === 'sms' ? (smsLedger(state).accounts.get(state.companyId)?.settings.sms_dedicated_number || 'CompanyA') : SENDER_EMAIL;
		const clientAddress = media === 'sms' ? client.mobile : client.email;
		const id = nextMessageId++;
		messages.push({
			message_id: id,
			company_id: state.companyId,
			date_created: local(fields.created),
			date_sent: local(fields.sent ?? fields.created),
			external_id: `msg_${id.toString(36)}`,
			recipient_id: recipient.recipient_id,
			message: fields.message,
			receiver: incoming ? companyAddress : clientAddress,
			sender: incoming ? clientAddress : companyAddress,
			status: fields.status,
			type: fields.type,
		});
	}

	function seed() {
		campaigns = [];
		recipients = [];
		messages = [];
		pushes.length = 0;
		nextCampaignId = 674644;
		nextRecipientId = 346919852;
		nextMessageId = 95463464466;
		const clients = [...state.clients.values()];
		const client = (offset: number) => state.clients.get(FIRST_CLIENT_ID + offset) ?? clients[offset % clients.length];

		const confirmation = addCampaign({ automatic: false, date_created: local('2025-03-01T11:00:00'), media: 'email', name: 'Confirmation Email', type: 'confirmation', status: 'sent' });
		const reminders = addCampaign({ automatic: true, date_created: local('2025-03-02T09:00:00'), media: 'sms', name: 'Appointment Reminder', type: 'reminder', status: 'sent' });
		const birthday = addCampaign({ automatic: true, date_created: local('2025-03-04T08:00:00'), media: 'sms', name: 'Birthday SMS', template_id: 501, type: 'birthday', status: 'sent' });
		const offer = addCampaign({ automatic: false, date_created: local('2025-03-10T14:00:00'), media: 'sms', name: 'Autumn Colour Offer', type: 'adhoc', status: 'sent' });
		addCampaign({ automatic: false, date_created: local('2025-03-20T16:30:00'), media: 'email', name: 'April Newsletter', type: 'adhoc', status: 'building' });

		// confirmations and reminders for the first day's appointments
		for (const [n, appointment] of state.appointments.filter((a) => a.start.startsWith('2025-03-03')).entries()) {
			const booked = state.clients.get(appointment.client_id);
			if (!booked) continue;
			if (booked.email) {
				const r = addRecipient(confirmation, booked, `2025-03-01T11:0${n % 10}:00`, appointment.appointment_id);
				addMessage(r, 'email', booked, { type: 'message_sent', status: 'delivered', message: fillTags(`Hi #ClientFirstName#, your appointment at #CompanyName# is confirmed for ${appointment.start.slice(11, 16)} on Monday 3 March.`, booked), created: `2025-03-01T11:0${n % 10}:00`, sent: `2025-03-01T11:0${n % 10}:05` });
			}
			if (booked.mobile) {
				const created = `2025-03-02T09:${String(10 + n).padStart(2, '0')}:00`;
				const r = addRecipient(reminders, booked, created, appointment.appointment_id);
				addMessage(r, 'sms', booked, { type: 'message_sent', status: 'delivered', message: fillTags(`Hi #ClientFirstName#, this is your reminder for your ${appointment.start.slice(11, 16)} appointment tomorrow at #CompanyName#. Reply Y to confirm`, booked), created, sent: plusSeconds(created, 4) });
				addMessage(r, 'sms', booked, { type: 'dlr', status: 'delivered', message: '', created: plusSeconds(created, 9) });
				if (n % 3 === 0) addMessage(r, 'sms', booked, { type: 'message_received', status: 'none', message: n % 2 === 0 ? 'Y' : 'Yes thanks, see you then', created: plusSeconds(created, 600 + n * 37) });
			}
		}
		for (const offset of [4, 17, 29]) {
			const c = client(offset);
			if (!c.mobile) continue;
			const created = `2025-03-04T08:0${offset % 10}:00`;
			const r = addRecipient(birthday, c, created);
			addMessage(r, 'sms', c, { type: 'message_sent', status: 'delivered', message: fillTags(TEMPLATES[0].text, c), created, sent: plusSeconds(created, 3) });
		}
		// a promotion to clients who accept SMS promotions; one STOP reply, one number the gateway refused
		const promoted = clients.filter((c) => c.mobile && c.sms_promotions_enabled).slice(0, 12);
		for (const [n, c] of promoted.entries()) {
			const created = `2025-03-10T14:${String(n).padStart(2, '0')}:30`;
			const failed = n === 7;
			const r = addRecipient(offer, c, created, 0, failed ? 'failed' : 'sent');
			const text = fillTags('Autumn is here, #ClientFirstName#! 20% off full colour at #CompanyName# until 31 March. Reply STOP to opt out', c);
			if (failed) {
				addMessage(r, 'sms', c, { type: 'send_error', status: 'failed', message: 'Invalid destination number', created });
				continue;
			}
			addMessage(r, 'sms', c, { type: 'message_sent', status: n === 3 ? 'failed' : 'delivered', message: text, created, sent: plusSeconds(created, 2) });
			addMessage(r, 'sms', c, { type: 'dlr', status: n === 3 ? 'failed' : 'delivered', message: '', created: plusSeconds(created, 15) });
			if (n === 5) addMessage(r, 'sms', c, { type: 'message_received', status: 'none', message: 'STOP', created: plusSeconds(created, 3600) });
			if (n === 9) addMessage(r, 'sms', c, { type: 'message_received', status: 'none', message: 'Do you have anything Saturday morning?', created: plusSeconds(created, 1800) });
		}
	}

	const campaignOut = (c: Campaign) => ({ ...c });
	const recipientOut = (r: Recipient, expand: string[]) => {
		const out: Record<string, unknown> = { ...r };
		if (expand.includes('campaign')) out.campaign = campaignOut(campaigns.find((c) => c.campaign_id === r.campaign_id)!);
		return out;
	};

	function expansions(fields: Array<{ expanded_field: string }> | undefined, allowed: string[], at: string) {
		const names = (fields ?? []).map((e) => e.expanded_field);
		const unknown = names.filter((n) => !allowed.includes(n));
		return unknown.length ? { error: fail('INVALIDPARAMETER', `Cannot expand ${unknown.join(', ')}`, [at]) } : { names };
	}

	/** `*_min` / `*_max` as wall clock, both required unless `optionalWhen`. */
	function dateRange(f: { date_created_min?: string; date_created_max?: string }, optional: boolean, unless: string) {
		const min = f.date_created_min === undefined ? undefined : wallOf(f.date_created_min);
		const max = f.date_created_max === undefined ? undefined : wallOf(f.date_created_max);
		for (const [field, raw, value] of [['date_created_min', f.date_created_min, min], ['date_created_max', f.date_created_max, max]] as const) {
			if (raw === undefined && !optional) return { error: fail('MISSINGPARAMETER', `filters.${field} is required unless filters.${unless} is given`, [`filters.${field}`]) };
			if (raw !== undefined && !value) return { error: fail('INVALIDPARAMETER', `filters.${field} is not a valid date (see Dates)`, [`filters.${field}`]) };
		}
		if (min && max && max <= min) return { error: fail('INVALIDPARAMETER', 'filters.date_created_max must be after filters.date_created_min', ['filters.date_created_max']) };
		return { min, max };
	}

	/** Spends the credits for one SMS, or says why it cannot be sent. */
	function charge(account: SmsAccount, credits: number) {
		const free = Math.min(account.free_credits, credits);
		const cost = Math.round((credits - free) * creditPriceOf(state, account.company_id) * 100) / 100;
		if (cost > account.funds + 1e-9) {
			return fail('INSUFFICIENTSMSBALANCE', `Not enough SMS credit: ${credits} credit(s) needed, ${account.free_credits} free credit(s) and $${account.funds.toFixed(2)} of funds left`);
		}
		account.free_credits -= free;
		account.funds = Math.round((account.funds - cost) * 100) / 100;
		return undefined;
	}

	/** Refusals that apply to every SMS to a client. */
	function smsBlocked(client: SalonClient, promotional: boolean, call: MethodCall) {
		const account = smsLedger(state).accounts.get(state.companyId)!;
		if (roleOf(state, call.session) === ROLE_STAFF && account.settings.allow_staff_to_sms !== '1') {
			return fail('PERMISSIONDENIED', 'Staff are not allowed to send SMS messages (allow_staff_to_sms is off)');
		}
		if (!client.mobile) return fail('CLIENTNOMOBILE', `Client ${client.client_id} has no mobile number`, ['client_id']);
		if (promotional && !client.sms_promotions_enabled) {
			return fail('CLIENTOPTEDOUT', `Client ${client.client_id} has opted out of SMS messages (sms_promotions_enabled is false)`, ['client_id']);
		}
		return undefined;
	}

	/** Records a send the way the app shows it: a campaign of its own with one recipient and its message. */
	function recordSend(c: SalonClient, media: Campaign['media'], text: string, fields: { name: string; type: string; template_id?: number; appointment_id?: number }) {
		const created = nowWall();
		const campaign = addCampaign({ automatic: false, date_created: local(created), media, name: fields.name, type: fields.type, status: 'sent', ...(fields.template_id ? { template_id: fields.template_id } : {}) });
		const recipient = addRecipient(campaign, c, created, fields.appointment_id ?? 0);
		addMessage(recipient, media, c, { type: 'message_sent', status: 'queued', message: text, created });
	}

	const schemas = {
		campaignGet: z.object({ campaign_id: int }).strict(),
		recipientList: z
			.object({
				filters: z
					.object({
						date_created_min: z.string().optional(),
						date_created_max: z.string().optional(),
						campaign_id: int.optional(),
						client_id: int.optional(),
						company_id: int.optional(),
						status: z.string().optional(),
					})
					.strict(),
				options: schema.listOptions.optional(),
			})
			.strict(),
		recipientGet: z.object({ recipient_id: int, expanded_fields: z.array(z.object({ expanded_field: z.string(), fields: z.array(z.string()).optional() }).strict()).optional() }).strict(),
		messageList: z
			.object({
				filters: z
					.object({
						date_created_min: z.string().optional(),
						date_created_max: z.string().optional(),
						company_id: int.optional(),
						recipient_id: int.optional(),
						client_id: int.optional(),
						status: z.enum(['none', 'queued', 'delivered', 'failed']).optional(),
						type: z.enum(['message_sent', 'message_received', 'dlr', 'send_error']).optional(),
					})
					.strict(),
				options: schema.listOptions.optional(),
			})
			.strict(),
		messageGet: z.object({ message_id: int }).strict(),
		push: z
			.object({
				operator_id: int.optional(),
				role_id: int.optional(),
				category: z.enum(['client_arrived', 'appointment_pending']),
				message: z.string().trim().min(1),
				title: z.string().trim().min(1).max(100),
				expiry_date: z.string().optional(),
			})
			.strict(),
		sms: z.object({ client_id: int, message: z.string().refine((m) => m.trim() !== '', 'must not be empty') }).strict(),
		template: z
			.object({
				template_id: int.optional(),
				template_type: z.enum(['booking_confirmation']).optional(),
				appointment_id: int.optional(),
				client_id: int.optional(),
				// typed string in the docs (an integer elsewhere): both are accepted
				operator_id: z.union([int, z.string().regex(/^-?\d+$/, 'must be an operator ID')]).optional(),
			})
			.strict(),
		smsCheck: z
			.object({
				template_id: int.optional(),
				message: z.string().optional(),
				recipient_count: int.min(1).optional(),
				quote: z.boolean().optional(),
				expanded_fields: z.array(z.object({ expanded_field: z.string(), fields: z.array(z.string()).optional() }).strict()).optional(),
			})
			.strict(),
	};

	const companyFilter = (companyId: number | undefined) =>
		companyId !== undefined && companyId !== state.companyId ? fail('INVALIDPARAMETER', `filters.company_id ${companyId} is not a company you can access`, ['filters.company_id']) : undefined;

	return {
		reset: seed,
		methods: {
			'campaign/get'(body) {
				const parsed = parse(schemas.campaignGet, body);
				if ('error' in parsed) return parsed.error;
				const campaign = campaigns.find((c) => c.campaign_id === parsed.value.campaign_id);
				if (!campaign) return fail('CAMPAIGNNOTFOUND', `Campaign ${parsed.value.campaign_id} was not found`, ['campaign_id']);
				return ok({ campaign: campaignOut(campaign) });
			},
			'campaign/recipient/list'(body) {
				const parsed = parse(schemas.recipientList, body);
				if ('error' in parsed) return parsed.error;
				const { filters: f, options } = parsed.value;
				const range = dateRange(f, f.campaign_id !== undefined, 'campaign_id');
				if ('error' in range) return range.error!;
				const wrongCompany = companyFilter(f.company_id);
				if (wrongCompany) return wrongCompany;
				const expand = expansions(options?.expanded_fields, ['campaign'], 'options.expanded_fields');
				if ('error' in expand) return expand.error!;
				if (options?.sort_expression !== undefined) return fail('INVALIDPARAMETER', 'options.sort_expression is not supported for recipients', ['options.sort_expression']);
				const rows = recipients
					.filter((r) => f.campaign_id === undefined || r.campaign_id === f.campaign_id)
					.filter((r) => f.client_id === undefined || r.client_id === f.client_id)
					.filter((r) => f.status === undefined || r.status === f.status)
					.filter((r) => (range.min === undefined || wallOf(r.date_created)! >= range.min) && (range.max === undefined || wallOf(r.date_created)! < range.max))
					.sort((a, b) => a.date_created.localeCompare(b.date_created) || a.recipient_id - b.recipient_id);
				const paged = page(rows, options, ctx.maxRows, false);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, recipients: paged.slice.map((r) => recipientOut(r, expand.names!)) });
			},
			'campaign/recipient/get'(body) {
				const parsed = parse(schemas.recipientGet, body);
				if ('error' in parsed) return parsed.error;
				const expand = expansions(parsed.value.expanded_fields, ['campaign'], 'expanded_fields');
				if ('error' in expand) return expand.error!;
				const recipient = recipients.find((r) => r.recipient_id === parsed.value.recipient_id);
				if (!recipient) return fail('RECIPIENTNOTFOUND', `Recipient ${parsed.value.recipient_id} was not found`, ['recipient_id']);
				return ok({ recipient: recipientOut(recipient, expand.names!) });
			},
			'campaign/recipient/message/list'(body) {
				const parsed = parse(schemas.messageList, body);
				if ('error' in parsed) return parsed.error;
				const { filters: f, options } = parsed.value;
				// the docs say "required if message_id is omitted", but message_id is no filter: recipient_id is meant
				const range = dateRange(f, f.recipient_id !== undefined, 'recipient_id');
				if ('error' in range) return range.error!;
				const wrongCompany = companyFilter(f.company_id);
				if (wrongCompany) return wrongCompany;
				const sort = /^\s*date_sent(?:\s+(asc|desc))?\s*$/i.exec(options?.sort_expression ?? 'date_sent');
				if (!sort) return fail('INVALIDPARAMETER', `options.sort_expression "${options?.sort_expression}" is not supported (date_sent)`, ['options.sort_expression']);
				const sign = sort[1]?.toLowerCase() === 'desc' ? -1 : 1;
				const clientOf = new Map(recipients.map((r) => [r.recipient_id, r.client_id]));
				const rows = messages
					.filter((m) => f.recipient_id === undefined || m.recipient_id === f.recipient_id)
					.filter((m) => f.client_id === undefined || clientOf.get(m.recipient_id) === f.client_id)
					.filter((m) => f.status === undefined || m.status === f.status)
					.filter((m) => f.type === undefined || m.type === f.type)
					.filter((m) => (range.min === undefined || wallOf(m.date_created)! >= range.min) && (range.max === undefined || wallOf(m.date_created)! < range.max))
					.sort((a, b) => sign * (a.date_sent.localeCompare(b.date_sent) || a.message_id - b.message_id));
				const paged = page(rows, options, ctx.maxRows, false);
				if ('error' in paged) return paged.error!;
				return ok({ ...paged.meta, messages: paged.slice.map((m) => ({ ...m })) });
			},
			'campaign/recipient/message/get'(body) {
				const parsed = parse(schemas.messageGet, body);
				if ('error' in parsed) return parsed.error;
				const message = messages.find((m) => m.message_id === parsed.value.message_id);
				if (!message) return fail('MESSAGENOTFOUND', `Message ${parsed.value.message_id} was not found`, ['message_id']);
				return ok({ message: { ...message } });
			},
			'send/push'(body) {
				const parsed = parse(schemas.push, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value;
				if ((input.operator_id === undefined) === (input.role_id === undefined)) {
					return fail('INVALIDPARAMETER', 'Specify either operator_id or role_id (one of them)', ['operator_id', 'role_id']);
				}
				if (input.operator_id !== undefined && !state.operators.some((o) => o.operator_id === input.operator_id)) {
					return fail('OPERATORNOTFOUND', `Operator ${input.operator_id} was not found`, ['operator_id']);
				}
				if (input.role_id !== undefined && !ROLES.includes(input.role_id)) {
					return fail('INVALIDPARAMETER', `role_id ${input.role_id} is not a role (-1 Administrator, -2 Staff, -3 Manager, -5 API Only)`, ['role_id']);
				}
				if (input.expiry_date !== undefined && !wallOf(input.expiry_date)) {
					return fail('INVALIDPARAMETER', 'expiry_date is not a valid date (see Dates)', ['expiry_date']);
				}
				pushes.push({ ...input });
				return ok({});
			},
			'send/sms'(body, call) {
				const parsed = parse(schemas.sms, body);
				if ('error' in parsed) return parsed.error;
				const client = state.clients.get(parsed.value.client_id);
				if (!client) return fail('CLIENTNOTFOUND', `Client ${parsed.value.client_id} was not found`, ['client_id']);
				const blocked = smsBlocked(client, true, call);
				if (blocked) return blocked;
				const text = fillTags(parsed.value.message, client);
				const size = smsSize(text);
				if (size.tooLong) {
					return fail('SMSTOOLONG', `The message is too long: a combined SMS holds at most ${size.unicode > 0 ? 268 : 612} characters`, ['message']);
				}
				const account = smsLedger(state).accounts.get(state.companyId)!;
				if (size.credits > 1 && account.settings.allow_multiple_sms !== '1') {
					return fail('SMSMULTIPLEDISABLED', `The message needs ${size.credits} SMS credits, but combined SMS are turned off (allow_multiple_sms): it was not sent`, ['message']);
				}
				const refused = charge(account, size.credits);
				if (refused) return refused;
				recordSend(client, 'sms', text, { name: `SMS to ${client.firstname} ${client.lastname}`.trim(), type: 'adhoc' });
				return ok({});
			},
			'send/template'(body, call) {
				const parsed = parse(schemas.template, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value;
				if ((input.template_id === undefined) === (input.template_type === undefined)) {
					return fail('INVALIDPARAMETER', 'Specify either template_id or template_type (one of them)', ['template_id', 'template_type']);
				}
				const appointment = input.appointment_id === undefined ? undefined : state.appointments.find((a) => a.appointment_id === input.appointment_id);
				if (input.appointment_id !== undefined && !appointment) return fail('APPOINTMENTNOTFOUND', `Appointment ${input.appointment_id} was not found`, ['appointment_id']);
				if (input.client_id !== undefined && !state.clients.has(input.client_id)) return fail('CLIENTNOTFOUND', `Client ${input.client_id} was not found`, ['client_id']);
				const operatorId = input.operator_id === undefined ? undefined : Number(input.operator_id);
				if (operatorId !== undefined && !state.operators.some((o) => o.operator_id === operatorId)) {
					return fail('OPERATORNOTFOUND', `Operator ${String(input.operator_id)} was not found`, ['operator_id']);
				}
				const account = smsLedger(state).accounts.get(state.companyId)!;
				if (input.template_type === 'booking_confirmation') {
					if (!appointment) return fail('MISSINGPARAMETER', 'appointment_id is required for template_type booking_confirmation', ['appointment_id']);
					const client = state.clients.get(input.client_id ?? appointment.client_id);
					if (!client) return fail('CLIENTNOTFOUND', `Client ${appointment.client_id} was not found`, ['client_id']);
					const text = fillTags(`Hi #ClientFirstName#, your appointment at #CompanyName# on ${appointment.start.slice(0, 10)} at ${appointment.start.slice(11, 16)} is confirmed.`, client);
					const warnings: Array<{ code: string; details: string[]; message: string }> = [];
					// "sent via SMS and Email, if both are enabled on the client (and SMS is enabled and set up for the company)"
					const bySms = client.sms_reminders_enabled && client.mobile !== '';
					if (bySms) {
						const refused = charge(account, smsSize(text).credits);
						if (refused) warnings.push({ code: 'SMSNOTSENT', details: [`client_id: ${client.client_id}`], message: `The SMS was not sent: ${(refused.body as { error: { message: string } }).error.message}` });
						else recordSend(client, 'sms', text, { name: 'Booking Confirmation', type: 'confirmation', appointment_id: appointment.appointment_id });
					}
					const byEmail = client.email_reminders_enabled && client.email !== '';
					if (byEmail) recordSend(client, 'email', text, { name: 'Booking Confirmation', type: 'confirmation', appointment_id: appointment.appointment_id });
					if (!bySms && !byEmail) {
						warnings.push({ code: 'TEMPLATENOTSENT', details: [`client_id: ${client.client_id}`], message: `Client ${client.client_id} has neither SMS nor email reminders enabled (with a mobile or email): nothing was sent` });
					}
					return ok(warnings.length ? { warnings } : {});
				}
				const template = TEMPLATES.find((t) => t.template_id === input.template_id);
				if (!template) return fail('TEMPLATENOTFOUND', `Template ${input.template_id} was not found`, ['template_id']);
				if (input.client_id === undefined && operatorId === undefined && !appointment) {
					return fail('MISSINGPARAMETER', 'client_id, operator_id or appointment_id is required to know who receives the template', ['client_id']);
				}
				const client = state.clients.get(input.client_id ?? appointment?.client_id ?? 0);
				if (client) {
					if (template.media === 'sms') {
						const blocked = smsBlocked(client, true, call);
						if (blocked) return blocked;
						const text = fillTags(template.text, client);
						const refused = charge(account, smsSize(text).credits);
						if (refused) return refused;
						recordSend(client, 'sms', text, { name: template.name, type: template.type, template_id: template.template_id, appointment_id: appointment?.appointment_id });
					} else {
						if (!client.email) return fail('CLIENTNOEMAIL', `Client ${client.client_id} has no email address`, ['client_id']);
						if (!client.email_promotions_enabled) return fail('CLIENTOPTEDOUT', `Client ${client.client_id} has opted out of email messages (email_promotions_enabled is false)`, ['client_id']);
						recordSend(client, 'email', fillTags(template.text, client), { name: template.name, type: template.type, template_id: template.template_id, appointment_id: appointment?.appointment_id });
					}
				}
				return ok({});
			},
			'send/sms/check'(body) {
				const parsed = parse(schemas.smsCheck, body);
				if ('error' in parsed) return parsed.error;
				const input = parsed.value;
				if ((input.template_id === undefined) === (input.message === undefined)) {
					return fail('INVALIDPARAMETER', 'Specify either template_id or message (one of them)', ['template_id', 'message']);
				}
				const expand = expansions(input.expanded_fields, ['balance'], 'expanded_fields');
				if ('error' in expand) return expand.error!;
				let text = input.message ?? '';
				if (input.template_id !== undefined) {
					const template = TEMPLATES.find((t) => t.template_id === input.template_id);
					if (!template) return fail('TEMPLATENOTFOUND', `Template ${input.template_id} was not found`, ['template_id']);
					if (template.media !== 'sms') return fail('INVALIDPARAMETER', `Template ${input.template_id} is an email template`, ['template_id']);
					text = template.text;
				}
				if (text.trim() === '') return fail('MISSINGPARAMETER', 'message must not be empty', ['message']);
				const size = smsSize(fillTags(text));
				const recipientCount = input.recipient_count ?? 1;
				const totalCredits = size.credits * recipientCount;
				const reply: Record<string, unknown> = {
					credits: size.credits,
					character_count_used: size.characters,
					character_count_sms_gsm: size.gsm,
					character_count_sms_remaining: size.remaining,
					character_count_sms_used: size.used,
					character_count_sms_unicode: size.unicode,
					message: size.message,
					message_single: size.single,
					recipient_count: recipientCount,
					total_credits: totalCredits,
				};
				const account = smsLedger(state).accounts.get(state.companyId)!;
				if (input.quote || expand.names!.includes('balance')) reply.balance = balanceOut(state, account);
				if (input.quote) {
					const freeUsed = Math.min(account.free_credits, totalCredits);
					const fundsUsed = Math.round((totalCredits - freeUsed) * creditPriceOf(state, account.company_id) * 100) / 100;
					const required = Math.max(0, Math.round((fundsUsed - account.funds) * 100) / 100);
					reply.free_credits_used = freeUsed;
					reply.funds_used = fundsUsed;
					reply.funds_required = required;
					// "topups are at set intervals": whole tens of dollars
					if (required > 0) {
						const quote = smsTopupQuote(state, account.company_id, Math.max(10, Math.ceil(required / 10) * 10));
						if (quote) reply.topup_quote = quote;
					}
				}
				return ok(reply);
			},
		},
	};
}

/** For tests: the SMS balance of the seeded company. */
export function companySms(state: SimpleSalonState): SmsAccount {
	return smsLedger(state).accounts.get(state.companyId)!;
}
