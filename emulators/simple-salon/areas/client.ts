import { crypto } from 'business-pack-devkit';
import { z } from 'zod';

import type { EmulatorRequest, EmulatorResponse, Route } from '../../shared/emulator';
import * as schema from '../schemas';
import {
	CLIENT_CATEGORIES,
	COMPANY_OFFSET,
	FIRST_CLIENT_ID,
	LOYALTY_CATEGORY_ID,
	REFERRAL_TYPES,
	STATES,
	blankClient,
	type SalonClient,
	type SalonOperator,
} from '../seed';
import { checkOnlineBookingClient } from './onlineBookingClientTokens';
import { fail, ok, page, parse, type AreaFactory, type MethodHandler } from './types';

/*
 * Clients and what hangs off them: the client record, its image (base64 inside JSON, "Total size of request must be
 * less than 4MB"), its files (add answers a signed upload URL; the bytes go to the storage host with a PUT; get/list
 * answer signed download URLs that expire) and the cards stored for online booking clients (client payment types,
 * which want the X-Online-Booking-Client-Token header).
 */

/** "Total size of request must be less than 4MB": read as 4,000,000 bytes, the stricter reading. */
export const IMAGE_REQUEST_LIMIT = 4_000_000;
/** Lifetime of the signed upload and download URLs, as in the docs' examples (`X-Goog-Expires=3599`). */
export const SIGNED_URL_SECONDS = 3599;
const UPLOAD_BUCKET = 'simplesalon-uploadfiles';
const FILES_BUCKET = 'simplesalon-files';

/** The docs' own example image (a 1×1 JPEG) and a 1×1 PNG: seeds for client images and files. */
export const SAMPLE_JPEG = Buffer.from(
	'/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAIBAQIBAQICAgICAgICAwUDAwMDAwYEBAMFBwYHBwcGBwcICQsJCAgKCAcHCg0KCgsMDAwMBwkODw0MDgsMDAz/2wBDAQICAgMDAwYDAwYMCAcIDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAz/wAARCAABAAEDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD9/KKKKAP/2Q==',
	'base64',
);
export const SAMPLE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const SAMPLE_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'utf8');

const int = z.number().int();
const positiveId = int.positive();

/** Image media types the emulator stores, with the bytes each starts with (the API decodes the image it is given). */
const IMAGE_TYPES: Record<string, (bytes: Buffer) => boolean> = {
	'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
	'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
	'image/gif': (b) => /^GIF8[79]a/.test(b.subarray(0, 6).toString('latin1')),
	'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
	'image/bmp': (b) => b.subarray(0, 2).toString('latin1') === 'BM',
};

/** Content types by extension, as a storage service would set them; thumbnails only for .jpg/.gif/.png. */
const EXTENSION_TYPES: Record<string, string> = {
	csv: 'text/csv',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	gif: 'image/gif',
	heic: 'image/heic',
	jpeg: 'image/jpeg',
	jpg: 'image/jpeg',
	mp4: 'video/mp4',
	pdf: 'application/pdf',
	png: 'image/png',
	txt: 'text/plain',
	webp: 'image/webp',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const THUMBNAIL_EXTENSIONS = new Set(['jpg', 'gif', 'png']);
/** Roles that can be the minimum role of a file: -1 Administrator, -2 Staff, -3 Manager, -5 API Only. */
const ROLE_IDS = [-1, -2, -3, -5];
const DEFAULT_FILE_ROLE = -2;

const clientDelete = z.object({ client_id: int }).strict();
const imageGet = z.object({ client_id: int, width: positiveId.optional(), height: positiveId.optional() }).strict();
const imageUpdate = z.object({ client_id: int, image: z.string(), image_media_type: z.string() }).strict();

const clientFileFields = {
	client_file_id: int.nullable().optional(),
	appointment_id: int.nullable().optional(),
	client_id: int.nullable().optional(),
	company_id: int.nullable().optional(),
	content_type: z.string().nullable().optional(),
	display_filename: z.string().nullable().optional(),
	minimum_role_id: int.nullable().optional(),
	// read-only or expanded: a fetched record can be sent back, and these are ignored
	created_operator_id: z.unknown().optional(),
	created_operator: z.unknown().optional(),
	date_created: z.unknown().optional(),
	storage_filename: z.unknown().optional(),
	storage_thumbnailfilename: z.unknown().optional(),
	upload_url: z.unknown().optional(),
};
const clientFile = z.object(clientFileFields).strict();
type ClientFileInput = z.infer<typeof clientFile>;
const clientFileWrapped = z.object({ client_file: clientFile }).strict();
const clientFileId = z.object({ client_file_id: int }).strict();
const clientFileList = z
	.object({ filters: z.object({ client_id: int.optional() }).strict(), options: schema.listOptions.optional() })
	.strict();

const GATEWAYS = ['slick'];
const extraFields = z.array(z.object({ extra_field: z.string(), value: z.string() }).strict());
const paymentTypeList = z
	.object({
		filters: z.object({ gateway: z.string().optional(), online_booking_client_id: int.optional() }).strict(),
		options: schema.listOptions.optional(),
	})
	.strict();
const paymentType = z
	.object({ online_booking_client_id: int.optional(), gateway: z.string().optional(), extra_fields: extraFields.optional() })
	.strict();
const paymentTypeAdd = z.object({ client_payment_type: paymentType }).strict();

export interface StoredImage {
	data: Buffer;
	mediaType: string;
}

export interface StoredFile {
	client_file_id: number;
	client_id: number;
	company_id: number;
	appointment_id: number;
	content_type: string;
	created_operator_id: number;
	date_created: string;
	display_filename: string;
	minimum_role_id: number;
	/** The object name in storage (`<company>-<file id>-<random>.<ext>`). */
	storageName: string;
	/** The bytes once uploaded; a file awaiting upload has none and is not listed yet. */
	data?: Buffer;
}

export interface StoredCard {
	external_id: string;
	card_number: string;
	card_type: string;
}

/** Stripe's test tokens (the docs send `tok_…`); any other `tok_` is a Visa ending 4242, `tok_chargeDeclined` is refused. */
const TEST_CARDS: Record<string, Omit<StoredCard, 'external_id'>> = {
	tok_amex: { card_number: '#### ###### #0005', card_type: 'American Express' },
	tok_mastercard: { card_number: '#### #### #### 4444', card_type: 'MasterCard' },
	tok_visa: { card_number: '#### #### #### 4242', card_type: 'Visa' },
};

/** A client as the API answers it: `loyalty_member` computed, address_state / categories / referral_type expanded. */
export function clientOut(client: SalonClient): Record<string, unknown> {
	const out: Record<string, unknown> = {
		...client,
		loyalty_member: client.category_ids.includes(LOYALTY_CATEGORY_ID),
	};
	// Expanded by default, like the docs' examples (address_state, categories, referral_type).
	const state = STATES.find((s) => s.state_id === client.address_state_id);
	if (client.address_state_id !== 0 && state) out.address_state = { ...state };
	if (client.category_ids.length > 0) {
		out.categories = CLIENT_CATEGORIES.filter((c) => client.category_ids.includes(c.client_category_id)).map((c) => ({
			client_category_id: c.client_category_id,
			name: c.name,
		}));
	}
	const referral = REFERRAL_TYPES.find((r) => r.referral_type_id === client.referral_type_id);
	if (referral) out.referral_type = { ...referral };
	return out;
}

/** The date part of a date input, as company-local wall time (offset and time ignored, as documented). */
function dateOnly(value: string): string | undefined {
	const m = schema.DATE_PATTERN.exec(value.trim());
	if (!m) return undefined;
	const [, y, mo, d] = m;
	const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
	if (probe.getUTCMonth() !== Number(mo) - 1 || probe.getUTCDate() !== Number(d)) return undefined;
	return `${y}-${mo}-${d}`;
}

const isBase64 = (text: string) => text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);

/** GCS-style error body of the storage host (it is not the API, so no `success` envelope). */
function storageError(status: number, code: string, message: string): EmulatorResponse {
	return {
		status,
		headers: { 'content-type': 'application/xml; charset=UTF-8' },
		raw: `<?xml version='1.0' encoding='UTF-8'?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
	};
}

const gcsDate = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** What the client area keeps beyond the shared state, per emulator (tests read it to check stored bytes). */
export interface ClientAreaData {
	images: Map<number, StoredImage>;
	files: Map<number, StoredFile>;
	/** Cards stored per online booking client ID. */
	cards: Map<number, StoredCard[]>;
}

const areaData = new WeakMap<object, ClientAreaData>();

/** The client area's own data of an emulator, by its shared state (`salon.state`). */
export function clientAreaData(state: object): ClientAreaData {
	const data = areaData.get(state);
	if (!data) throw new Error('This emulator has no client area');
	return data;
}

export const clientArea: AreaFactory = (ctx) => {
	const { state } = ctx;
	const signingSecret = crypto.randomBytes(16).toString('hex');
	const data: ClientAreaData = { images: new Map(), files: new Map(), cards: new Map() };
	areaData.set(state, data);
	const { images, files, cards } = data;
	let nextFileId = 2737;
	let nextExternalId = 3491;

	function reset() {
		images.clear();
		images.set(FIRST_CLIENT_ID, { data: SAMPLE_JPEG, mediaType: 'image/jpeg' });
		files.clear();
		const seedFile = (id: number, clientId: number, name: string, data: Buffer, date: string, role = DEFAULT_FILE_ROLE) =>
			files.set(id, {
				client_file_id: id,
				client_id: clientId,
				company_id: state.companyId,
				appointment_id: 0,
				content_type: EXTENSION_TYPES[extensionOf(name)!],
				created_operator_id: 2222,
				date_created: `${date}T12:00:00${COMPANY_OFFSET}`,
				display_filename: name,
				minimum_role_id: role,
				storageName: `${state.companyId}-${id}-${crypto.createHash('sha256').update(`seed-${id}`).digest('hex').slice(0, 12)}.${extensionOf(name)}`,
				data,
			});
		seedFile(2734, FIRST_CLIENT_ID, 'consent-form.pdf', SAMPLE_PDF, '2025-01-14', -3);
		seedFile(2735, FIRST_CLIENT_ID + 1, 'patch-test.png', SAMPLE_PNG, '2025-02-03');
		seedFile(2736, FIRST_CLIENT_ID, 'before.jpg', SAMPLE_JPEG, '2025-02-20');
		nextFileId = 2737;
		cards.clear();
		cards.set(2828, [{ external_id: '3490', card_number: '#### #### #### 4242', card_type: 'Visa' }]);
		nextExternalId = 3491;
	}

	const extensionOf = (name: string) => /\.([A-Za-z0-9]{1,10})$/.exec(name.trim())?.[1].toLowerCase();

	function signature(method: string, path: string, date: string, expires: number): string {
		return crypto.createHmac('sha256', signingSecret).update(`${method}\n${path}\n${date}\n${expires}`).digest('hex');
	}

	/** A V4-style signed URL for one method on one storage path, valid for SIGNED_URL_SECONDS from now. */
	function signedUrl(method: 'GET' | 'PUT', path: string): string {
		const date = gcsDate(ctx.now());
		const account = method === 'PUT' ? 'uploadfiles' : 'viewfiles';
		const query = new URLSearchParams({
			'X-Goog-Algorithm': 'GOOG4-RSA-SHA256',
			'X-Goog-Credential': `${account}@simple-world-emulator.iam.gserviceaccount.com/${date.slice(0, 8)}/auto/storage/goog4_request`,
			'X-Goog-Date': date,
			'X-Goog-Expires': String(SIGNED_URL_SECONDS),
			'X-Goog-SignedHeaders': 'host',
			'X-Goog-Signature': signature(method, path, date, SIGNED_URL_SECONDS),
		});
		return `${ctx.baseUrl()}${path}?${query.toString()}`;
	}

	/** Checks a storage request's signature and expiry; answers the storage host's error otherwise. */
	function verifySigned(req: EmulatorRequest, method: string): EmulatorResponse | undefined {
		const date = req.query['X-Goog-Date'] ?? '';
		const expires = Number(req.query['X-Goog-Expires']);
		const given = req.query['X-Goog-Signature'] ?? '';
		if (!date || !given || !Number.isInteger(expires)) {
			return storageError(400, 'AuthenticationRequired', 'This bucket is private: use the signed URL you were given.');
		}
		// A signed URL carries its own authority; an Authorization header next to it is refused (and never needed).
		if (req.headers.authorization) {
			return storageError(400, 'InvalidAuthentication', 'Use either a signed URL or an Authorization header, not both.');
		}
		if (given !== signature(method, req.path, date, expires)) {
			return storageError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
		}
		const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
		const issued = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : NaN;
		if (!Number.isFinite(issued) || ctx.now() >= issued + expires * 1000) {
			return storageError(400, 'ExpiredToken', 'Invalid argument. The provided token has expired.');
		}
		return undefined;
	}

	const filePath = (f: StoredFile) => `/storage/${FILES_BUCKET}/${f.company_id}/${f.client_id}/${f.storageName}`;
	const thumbnailPath = (f: StoredFile) => filePath(f).replace(/(\.[^./]+)$/, '_thumb$1');

	function operatorOf(id: number): SalonOperator | undefined {
		return state.operators.find((o) => o.operator_id === id);
	}

	function fileOut(f: StoredFile): Record<string, unknown> {
		const operator = operatorOf(f.created_operator_id);
		const out: Record<string, unknown> = {
			client_file_id: f.client_file_id,
			appointment_id: f.appointment_id,
			client_id: f.client_id,
			company_id: f.company_id,
			content_type: f.content_type,
			created_operator_id: f.created_operator_id,
			date_created: f.date_created,
			display_filename: f.display_filename,
			minimum_role_id: f.minimum_role_id,
			// "When the file is still awaiting upload, this field has the name of the file to upload."
			storage_filename: f.data ? signedUrl('GET', filePath(f)) : f.storageName,
		};
		if (operator) {
			out.created_operator = {
				company_id: operator.company_id,
				display_name: operator.display_name,
				firstname: operator.firstname,
				lastname: operator.lastname,
				operator_id: operator.operator_id,
			};
		}
		if (f.data && THUMBNAIL_EXTENSIONS.has(extensionOf(f.display_filename) ?? '')) {
			out.storage_thumbnailfilename = signedUrl('GET', thumbnailPath(f));
		}
		return out;
	}

	function checkClientValues(client: schema.ClientInput, prefix: string): EmulatorResponse | undefined {
		const bad = (field: string, message: string) => fail('INVALIDPARAMETER', `${prefix}${field} ${message}`, [`${prefix}${field}`]);
		if (client.gender != null && !['Male', 'Female', ''].includes(client.gender)) return bad('gender', 'must be Male, Female or empty');
		if (client.address_state_id != null && !STATES.some((s) => s.state_id === client.address_state_id)) {
			return bad('address_state_id', `${client.address_state_id} is not a valid state ID`);
		}
		if (client.referral_type_id != null && client.referral_type_id !== 0 && !REFERRAL_TYPES.some((r) => r.referral_type_id === client.referral_type_id)) {
			return bad('referral_type_id', `${client.referral_type_id} is not a valid referral type ID`);
		}
		for (const id of client.category_ids ?? []) {
			if (!CLIENT_CATEGORIES.some((c) => c.client_category_id === id)) return bad('category_ids', `${id} is not a valid client category ID`);
		}
		if (client.preferred_operator_id != null && client.preferred_operator_id !== 0 && !state.operators.some((o) => o.operator_id === client.preferred_operator_id)) {
			return bad('preferred_operator_id', `${client.preferred_operator_id} is not a valid operator ID`);
		}
		if (client.referred_by_client_id != null && client.referred_by_client_id !== 0 && !state.clients.has(client.referred_by_client_id)) {
			return bad('referred_by_client_id', `${client.referred_by_client_id} is not a valid client ID`);
		}
		if (client.date_of_birth != null && client.date_of_birth !== '' && !dateOnly(client.date_of_birth)) {
			return bad('date_of_birth', 'is not a valid date (see Dates)');
		}
		if (client.email != null && client.email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(client.email)) {
			return bad('email', 'is not a valid email address');
		}
		return undefined;
	}

	function applyClient(target: SalonClient, input: schema.ClientInput) {
		const record = target as unknown as Record<string, unknown>;
		for (const field of schema.WRITABLE_CLIENT_FIELDS) {
			const value = (input as Record<string, unknown>)[field];
			if (value === undefined || value === null) continue;
			record[field] = field === 'date_of_birth' && value !== '' ? `${dateOnly(String(value))!}T00:00:00${COMPANY_OFFSET}` : value;
		}
	}

	function clientById(id: number, field = 'client_id'): SalonClient | EmulatorResponse {
		const client = state.clients.get(id);
		return client ?? fail('CLIENTNOTFOUND', `Client ${id} was not found`, [field]);
	}

	const clientMatches = (f: schema.ClientFilter) => (c: SalonClient) => {
		const starts = (value: string, prefix?: string) => prefix === undefined || value.toLowerCase().startsWith(prefix.toLowerCase());
		if (f.company_id !== undefined && f.company_id !== 0 && f.company_id !== c.company_id) return false;
		if (!starts(c.firstname, f.firstname) || !starts(c.lastname, f.lastname)) return false;
		if (f.phone !== undefined && !starts(c.mobile, f.phone) && !starts(c.phone, f.phone)) return false;
		if (f.email !== undefined && c.email.toLowerCase() !== f.email.toLowerCase()) return false;
		if (f.barcode !== undefined && c.barcode !== f.barcode) return false;
		// "Invalid IDs will be ignored (no error will be raised)."
		if (f.client_ids !== undefined && !f.client_ids.includes(c.client_id)) return false;
		if (f.client_category_id !== undefined && !c.category_ids.includes(f.client_category_id)) return false;
		if (f.gender !== undefined && c.gender !== f.gender) return false;
		if (f.operator_id !== undefined && c.preferred_operator_id !== f.operator_id) return false;
		if (f.referral_type_id !== undefined && c.referral_type_id !== f.referral_type_id) return false;
		for (const flag of ['email_promotions_enabled', 'email_reminders_enabled', 'sms_promotions_enabled', 'sms_reminders_enabled'] as const) {
			if (f[flag] !== undefined && c[flag] !== f[flag]) return false;
		}
		if (f.search !== undefined && f.search !== '') {
			const term = f.search.toLowerCase();
			if (![c.firstname, c.lastname, c.mobile, c.phone, c.barcode].some((v) => v.toLowerCase().startsWith(term))) return false;
		}
		return true;
	};

	/** Reads a body that the table wraps in `key` but the docs' example sends flat; both are accepted. */
	function wrappedOrFlat<T extends z.ZodTypeAny>(body: Record<string, unknown>, key: string, inner: T) {
		const wrapped = key in body;
		const parsed = parse(wrapped ? z.object({ [key]: inner }).strict() : inner, body);
		if ('error' in parsed) return parsed;
		const value = (wrapped ? (parsed.value as Record<string, unknown>)[key] : parsed.value) as z.infer<T>;
		return { value, prefix: wrapped ? `${key}.` : '' };
	}

	function checkFileValues(input: ClientFileInput, prefix: string, extension?: string): EmulatorResponse | undefined {
		if (input.display_filename != null) {
			const ext = extensionOf(input.display_filename);
			if (!ext) {
				return fail('INVALIDPARAMETER', `${prefix}display_filename must end in the file's extension, eg. .jpg`, [`${prefix}display_filename`]);
			}
			if (extension !== undefined && ext !== extension) {
				return fail('INVALIDPARAMETER', `${prefix}display_filename must keep the file's extension .${extension}`, [`${prefix}display_filename`]);
			}
		}
		if (input.minimum_role_id != null && !ROLE_IDS.includes(input.minimum_role_id)) {
			return fail('INVALIDPARAMETER', `${prefix}minimum_role_id ${input.minimum_role_id} is not a valid role ID`, [`${prefix}minimum_role_id`]);
		}
		return undefined;
	}

	function fileById(id: number): StoredFile | EmulatorResponse {
		const file = files.get(id);
		return file ?? fail('CLIENTFILENOTFOUND', `Client file ${id} was not found`, ['client_file_id']);
	}

	/** Payment type calls act for one online booking client: its ID, `gateway: slick`, and its token in the header. */
	function checkCardOwner(req: EmulatorRequest, id: number | undefined, gateway: string | undefined, prefix: string) {
		if (gateway === undefined) return fail('MISSINGPARAMETER', `${prefix}gateway is required`, [`${prefix}gateway`]);
		if (!GATEWAYS.includes(gateway)) return fail('INVALIDPARAMETER', `${prefix}gateway must be slick`, [`${prefix}gateway`]);
		if (id === undefined) return fail('MISSINGPARAMETER', `${prefix}online_booking_client_id is required`, [`${prefix}online_booking_client_id`]);
		return checkOnlineBookingClient(state, req, id, ctx.now());
	}

	const cardOut = (onlineBookingClientId: number, card: StoredCard) => ({
		online_booking_client_id: onlineBookingClientId,
		gateway: 'slick',
		extra_fields: [
			{ extra_field: 'external_id', value: card.external_id },
			{ extra_field: 'card_number', value: card.card_number },
			{ extra_field: 'card_type', value: card.card_type },
		],
	});

	const methods: Record<string, MethodHandler> = {
		'client/get'(body) {
			const parsed = parse(schema.clientGet, body);
			if ('error' in parsed) return parsed.error;
			const client = clientById(parsed.value.client_id);
			if ('status' in client) return client;
			const full = clientOut(client);
			const fields = parsed.value.fields;
			if (!fields || fields.length === 0) return ok({ client: full });
			const unknown = fields.filter((f) => !(schema.CLIENT_FIELDS as readonly string[]).includes(f));
			if (unknown.length) return fail('INVALIDPARAMETER', `Unknown client field: ${unknown.join(', ')}`, unknown.map((f) => `fields.${f}`));
			// "deposit_balance … Only included when specifically requested."
			if (fields.includes('deposit_balance')) full.deposit_balance = 0;
			return ok({ client: Object.fromEntries(fields.filter((f) => f in full).map((f) => [f, full[f]])) });
		},
		'client/list'(body) {
			const parsed = parse(schema.clientList, body);
			if ('error' in parsed) return parsed.error;
			const { filters, options: listOptions } = parsed.value;
			if (filters.company_id !== undefined && filters.company_id !== 0 && filters.company_id !== state.companyId) {
				return fail('INVALIDPARAMETER', `filters.company_id ${filters.company_id} is not a company you can access`, ['filters.company_id']);
			}
			let rows = [...state.clients.values()].filter(clientMatches(filters));
			const sort = listOptions?.sort_expression;
			if (sort !== undefined && sort !== '') {
				const [field, direction = 'asc'] = sort.trim().split(/\s+/);
				if (!['client_id', 'firstname', 'lastname'].includes(field) || !/^(asc|desc)$/i.test(direction)) {
					return fail('INVALIDPARAMETER', `options.sort_expression "${sort}" is not supported`, ['options.sort_expression']);
				}
				const key = field as 'client_id' | 'firstname' | 'lastname';
				const sign = /desc/i.test(direction) ? -1 : 1;
				// a database sorts a numeric column by value: '10000' after '9999', not before '2'
				const compare = (a: SalonClient, b: SalonClient) =>
					key === 'client_id' ? a.client_id - b.client_id : String(a[key]).localeCompare(String(b[key]));
				rows = rows.sort((a, b) => sign * (compare(a, b) || a.client_id - b.client_id));
			} else {
				rows = rows.sort((a, b) => a.client_id - b.client_id);
			}
			// "rows_per_page can be -1 to retrieve all clients"
			const paged = page(rows, listOptions, ctx.maxRows, true);
			if ('error' in paged) return paged.error!;
			return ok({ ...paged.meta, clients: paged.slice.map(clientOut) });
		},
		'client/add'(body) {
			const parsed = parse(schema.clientAdd, body);
			if ('error' in parsed) return parsed.error;
			const input = parsed.value.client;
			if (input.client_id != null) return fail('FIELDUPDATENOTALLOWED', 'client.client_id cannot be set', ['client.client_id']);
			if (input.company_id != null && input.company_id !== state.companyId) {
				return fail('INVALIDPARAMETER', `client.company_id ${input.company_id} is not your company`, ['client.company_id']);
			}
			// Undocumented, like any salon system: a client needs a name.
			if (!input.firstname?.trim() && !input.lastname?.trim()) {
				return fail('MISSINGPARAMETER', 'client.firstname or client.lastname is required', ['client.firstname']);
			}
			const invalid = checkClientValues(input, 'client.');
			if (invalid) return invalid;
			const client = blankClient(state.nextClientId++, state.companyId);
			// "omit this field altogether and the default categories for a new client will be automatically added"
			client.category_ids = CLIENT_CATEGORIES.filter((c) => c.add_to_new_clients).map((c) => c.client_category_id);
			applyClient(client, input);
			state.clients.set(client.client_id, client);
			return ok({ client: clientOut(client) });
		},
		'client/update'(body) {
			// The table wraps the fields in `client`; the docs' own example sends them flat. Both are accepted.
			const parsed = wrappedOrFlat(body, 'client', schema.clientInput);
			if ('error' in parsed) return parsed.error;
			const { value: input, prefix } = parsed;
			if (input.client_id == null) return fail('MISSINGPARAMETER', `${prefix}client_id is required`, [`${prefix}client_id`]);
			const client = clientById(input.client_id);
			if ('status' in client) return client;
			if (input.company_id != null && input.company_id !== client.company_id) {
				return fail('FIELDUPDATENOTALLOWED', 'company_id cannot be changed', [`${prefix}company_id`]);
			}
			const invalid = checkClientValues(input, prefix);
			if (invalid) return invalid;
			applyClient(client, input);
			return ok({ client: clientOut(client) });
		},
		'client/delete'(body) {
			const parsed = parse(clientDelete, body);
			if ('error' in parsed) return parsed.error;
			const id = parsed.value.client_id;
			if (id < 0) return fail('INVALIDPARAMETER', `Client ${id} is a special client and cannot be deleted`, ['client_id']);
			const client = clientById(id);
			if ('status' in client) return client;
			state.clients.delete(id);
			images.delete(id);
			for (const [fileId, file] of files) if (file.client_id === id) files.delete(fileId);
			return ok({});
		},

		'client/image/get'(body) {
			const parsed = parse(imageGet, body);
			if ('error' in parsed) return parsed.error;
			const client = clientById(parsed.value.client_id);
			if ('status' in client) return client;
			const image = images.get(client.client_id);
			// The docs' example answers an empty image for a client without one (with a media type all the same).
			// width/height are validated; the emulator does not resize (a 1×1 seed is within any size asked for).
			if (!image) return ok({ image: '', image_media_type: 'image/jpeg' });
			return ok({ image: image.data.toString('base64'), image_media_type: image.mediaType });
		},
		'client/image/update'(body, { req }) {
			if (req.rawBody.length >= IMAGE_REQUEST_LIMIT) {
				return fail('REQUESTTOOLARGE', `Total size of request must be less than 4MB (this one is ${req.rawBody.length} bytes)`, ['image'], 413);
			}
			const parsed = parse(imageUpdate, body);
			if ('error' in parsed) return parsed.error;
			const { client_id: clientId, image, image_media_type: mediaType } = parsed.value;
			const client = clientById(clientId);
			if ('status' in client) return client;
			const check = IMAGE_TYPES[mediaType.toLowerCase()];
			if (!check) {
				return fail('INVALIDPARAMETER', `image_media_type ${mediaType} is not a supported image type (${Object.keys(IMAGE_TYPES).join(', ')})`, [
					'image_media_type',
				]);
			}
			if (image === '' || !isBase64(image)) return fail('INVALIDPARAMETER', 'image must be the Base64 representation of the image', ['image']);
			const bytes = Buffer.from(image, 'base64');
			if (!check(bytes)) return fail('INVALIDPARAMETER', `image is not a valid ${mediaType} image`, ['image']);
			images.set(clientId, { data: bytes, mediaType: mediaType.toLowerCase() });
			return ok({});
		},
		'client/image/delete'(body) {
			const parsed = parse(clientDelete, body);
			if ('error' in parsed) return parsed.error;
			const client = clientById(parsed.value.client_id);
			if ('status' in client) return client;
			images.delete(client.client_id);
			return ok({});
		},

		'client_file/list'(body) {
			const parsed = parse(clientFileList, body);
			if ('error' in parsed) return parsed.error;
			const { filters, options } = parsed.value;
			if (filters.client_id !== undefined) {
				const client = clientById(filters.client_id, 'filters.client_id');
				if ('status' in client) return client;
			}
			// A file still awaiting upload does not appear in the list yet.
			const rows = [...files.values()]
				.filter((f) => f.data && (filters.client_id === undefined || f.client_id === filters.client_id))
				.sort((a, b) => a.client_file_id - b.client_file_id);
			const paged = page(rows, options, ctx.maxRows, true);
			if ('error' in paged) return paged.error!;
			return ok({ ...paged.meta, client_files: paged.slice.map(fileOut) });
		},
		'client_file/get'(body) {
			const parsed = parse(clientFileId, body);
			if ('error' in parsed) return parsed.error;
			const file = fileById(parsed.value.client_file_id);
			if ('status' in file) return file;
			// The table names the key `client`; the example (followed here) answers `client_file`.
			return ok({ client_file: fileOut(file) });
		},
		'client_file/add'(body, { session }) {
			const parsed = parse(clientFileWrapped, body);
			if ('error' in parsed) return parsed.error;
			const input = parsed.value.client_file;
			const p = 'client_file.';
			if (input.client_file_id != null) return fail('FIELDUPDATENOTALLOWED', `${p}client_file_id cannot be set`, [`${p}client_file_id`]);
			if (input.client_id == null) return fail('MISSINGPARAMETER', `${p}client_id is required`, [`${p}client_id`]);
			if (input.display_filename == null || input.display_filename.trim() === '') {
				return fail('MISSINGPARAMETER', `${p}display_filename is required`, [`${p}display_filename`]);
			}
			const client = clientById(input.client_id, `${p}client_id`);
			if ('status' in client) return client;
			if (input.company_id != null && input.company_id !== client.company_id) {
				return fail('INVALIDPARAMETER', `${p}company_id must be the client's company`, [`${p}company_id`]);
			}
			const invalid = checkFileValues(input, p);
			if (invalid) return invalid;
			if (input.appointment_id != null && input.appointment_id !== 0) {
				const appointment = state.appointments.find((a) => a.appointment_id === input.appointment_id);
				if (!appointment || appointment.client_id !== client.client_id) {
					return fail('INVALIDPARAMETER', `${p}appointment_id ${input.appointment_id} is not an appointment of client ${client.client_id}`, [
						`${p}appointment_id`,
					]);
				}
			}
			const extension = extensionOf(input.display_filename)!;
			const id = nextFileId++;
			const file: StoredFile = {
				client_file_id: id,
				client_id: client.client_id,
				company_id: client.company_id,
				appointment_id: input.appointment_id ?? 0,
				content_type: input.content_type ?? EXTENSION_TYPES[extension] ?? 'application/octet-stream',
				created_operator_id: session.operatorId,
				date_created: `${new Date(ctx.now() + 11 * 3_600_000).toISOString().slice(0, 19)}${COMPANY_OFFSET}`,
				display_filename: input.display_filename.trim(),
				minimum_role_id: input.minimum_role_id ?? DEFAULT_FILE_ROLE,
				storageName: `${client.company_id}-${id}-${crypto.randomBytes(6).toString('hex')}.${extension}`,
			};
			files.set(id, file);
			return ok({ client_file: { ...fileOut(file), upload_url: signedUrl('PUT', `/storage/${UPLOAD_BUCKET}/${file.storageName}`) } });
		},
		'client_file/update'(body) {
			// The table wraps the fields in `client_file`; the docs' example sends them flat. Both are accepted.
			const parsed = wrappedOrFlat(body, 'client_file', clientFile);
			if ('error' in parsed) return parsed.error;
			const { value: input, prefix } = parsed;
			if (input.client_file_id == null) return fail('MISSINGPARAMETER', `${prefix}client_file_id is required`, [`${prefix}client_file_id`]);
			const file = fileById(input.client_file_id);
			if ('status' in file) return file;
			for (const field of ['client_id', 'company_id', 'appointment_id'] as const) {
				if (input[field] != null && input[field] !== file[field]) {
					return fail('FIELDUPDATENOTALLOWED', `${prefix}${field} cannot be changed`, [`${prefix}${field}`]);
				}
			}
			const invalid = checkFileValues(input, prefix, extensionOf(file.display_filename));
			if (invalid) return invalid;
			if (input.display_filename != null) file.display_filename = input.display_filename.trim();
			if (input.minimum_role_id != null) file.minimum_role_id = input.minimum_role_id;
			return ok({ client_file: fileOut(file) });
		},
		'client_file/delete'(body) {
			const parsed = parse(clientFileId, body);
			if ('error' in parsed) return parsed.error;
			const file = fileById(parsed.value.client_file_id);
			if ('status' in file) return file;
			files.delete(file.client_file_id);
			return ok({});
		},

		'client_payment_type/list'(body, { req }) {
			const parsed = parse(paymentTypeList, body);
			if ('error' in parsed) return parsed.error;
			const { filters, options } = parsed.value;
			const refused = checkCardOwner(req, filters.online_booking_client_id, filters.gateway, 'filters.');
			if (refused) return refused;
			const id = filters.online_booking_client_id!;
			const paged = page(cards.get(id) ?? [], options, ctx.maxRows, false);
			if ('error' in paged) return paged.error!;
			return ok({ ...paged.meta, client_payment_types: paged.slice.map((card) => cardOut(id, card)) });
		},
		'client_payment_type/add'(body, { req }) {
			const parsed = parse(paymentTypeAdd, body);
			if ('error' in parsed) return parsed.error;
			const input = parsed.value.client_payment_type;
			const p = 'client_payment_type.';
			const refused = checkCardOwner(req, input.online_booking_client_id, input.gateway, p);
			if (refused) return refused;
			const token = input.extra_fields?.find((f) => f.extra_field === 'token')?.value;
			if (!token) return fail('MISSINGPARAMETER', `${p}extra_fields token is required`, [`${p}extra_fields`]);
			if (!/^tok_\w+$/.test(token)) return fail('INVALIDPARAMETER', `${p}extra_fields token is not a Stripe card token`, [`${p}extra_fields`]);
			if (token === 'tok_chargeDeclined') return fail('CARDDECLINED', 'Your card was declined.', [`${p}extra_fields`]);
			const card: StoredCard = { external_id: String(nextExternalId++), ...(TEST_CARDS[token] ?? TEST_CARDS.tok_visa) };
			const id = input.online_booking_client_id!;
			cards.set(id, [...(cards.get(id) ?? []), card]);
			return ok({ client_payment_type: cardOut(id, card) });
		},
		'client_payment_type/delete'(body, { req }) {
			const parsed = parse(paymentType, body);
			if ('error' in parsed) return parsed.error;
			const refused = checkCardOwner(req, parsed.value.online_booking_client_id, parsed.value.gateway, '');
			if (refused) return refused;
			const externalId = parsed.value.extra_fields?.find((f) => f.extra_field === 'external_id')?.value;
			if (!externalId) return fail('MISSINGPARAMETER', 'extra_fields external_id is required', ['extra_fields']);
			const id = parsed.value.online_booking_client_id!;
			const owned = cards.get(id) ?? [];
			if (!owned.some((c) => c.external_id === externalId)) {
				return fail('CLIENTPAYMENTTYPENOTFOUND', `Card ${externalId} was not found for online booking client ${id}`, ['extra_fields']);
			}
			cards.set(id, owned.filter((c) => c.external_id !== externalId));
			return ok({});
		},
	};

	/** Step two of a file upload: the raw bytes, PUT to the signed URL with the file's content type. */
	function upload(req: EmulatorRequest): EmulatorResponse {
		req.record.op = 'storage/upload';
		if (req.method !== 'PUT') return storageError(405, 'MethodNotAllowed', 'Upload the file with a PUT to the upload_url.');
		const refused = verifySigned(req, 'PUT');
		if (refused) return refused;
		const file = [...files.values()].find((f) => f.storageName === req.params.name);
		if (!file) return storageError(404, 'NoSuchUpload', 'No upload is waiting for this object.');
		const contentType = req.contentType.split(';')[0].trim().toLowerCase();
		if (contentType !== file.content_type) {
			return storageError(
				400,
				'InvalidArgument',
				`The Content-Type header (${contentType || 'none'}) must be the file's content type ${file.content_type}.`,
			);
		}
		file.data = Buffer.from(req.rawBody);
		return { status: 200, headers: { etag: `"${crypto.createHash('md5').update(file.data).digest('hex')}"` }, raw: '' };
	}

	/** The signed download links of get/list (file and thumbnail). */
	function download(req: EmulatorRequest): EmulatorResponse {
		req.record.op = 'storage/download';
		if (req.method !== 'GET') return storageError(405, 'MethodNotAllowed', 'Download the file with a GET.');
		const refused = verifySigned(req, 'GET');
		if (refused) return refused;
		const thumbnail = req.params.name.includes('_thumb.');
		const name = req.params.name.replace('_thumb.', '.');
		const file = [...files.values()].find(
			(f) => f.storageName === name && String(f.company_id) === req.params.company && String(f.client_id) === req.params.client,
		);
		if (!file?.data) return storageError(404, 'NoSuchKey', 'The specified key does not exist.');
		// The thumbnail of a 1×1 seed is the image itself (the emulator does not scale images).
		if (thumbnail && !THUMBNAIL_EXTENSIONS.has(extensionOf(file.display_filename) ?? '')) {
			return storageError(404, 'NoSuchKey', 'The specified key does not exist.');
		}
		return { status: 200, headers: { 'content-type': file.content_type }, raw: file.data };
	}

	const routes: Route[] = [
		{ method: '*', path: `/storage/${UPLOAD_BUCKET}/:name`, handler: upload },
		{ method: '*', path: `/storage/${FILES_BUCKET}/:company/:client/:name`, handler: download },
	];

	reset();
	return { methods, reset, routes };
};
