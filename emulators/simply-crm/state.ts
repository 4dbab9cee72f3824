/** State of the emulated instance and the small helpers every operation shares. */

export interface StoredRecord {
	module: string;
	/** The database id: the `525` in `12x525` (vtiger_crmentity.crmid for entity modules). */
	crmid: number;
	/** Soft delete, as vtiger does it; sync reports these in `deleted`. */
	deleted: boolean;
	/** Every field as the API returns it (strings), including `id`. */
	values: Record<string, string>;
	/** Inventory modules only: the product lines, in sequence order. */
	lineItems?: LineItem[];
}

/** One inventory line as vtiger_inventoryproductrel stores it (numbers kept as the strings retrieve shows). */
export interface LineItem {
	productid: string;
	quantity: string;
	listprice: string;
	discount_percent: string;
	discount_amount: string;
	comment: string;
	description: string;
}

/** A file stored for a document (vtiger_attachments + the file in storage/). */
export interface Attachment {
	/** The attachment's own crmid (vtiger numbers attachments from the entity sequence). */
	id: number;
	/** crmid of the Documents record it belongs to. */
	documentId: number;
	name: string;
	type: string;
	data: Buffer;
}

/** An incoming webhook as set up under module settings → Record Creation. */
export interface IncomingWebhook {
	token: string;
	name: string;
	/** Module the record is created in. */
	module: string;
	active: boolean;
	/** Request parameters that must be present and non-empty. */
	mandatory: string[];
	/** Module field → where its value comes from: a request parameter (`param`) or a fixed value (`value`). */
	fields: Record<string, { param: string } | { value: string }>;
	/** The user the record is created as (assigned user unless mapped). */
	ownerId: number;
}

export interface CrmUser {
	id: number;
	userName: string;
	/** The webservice access key (My Preferences), used in md5(token + accessKey). */
	accessKey: string;
	/** The real password, used by the mobile API login. */
	password: string;
	active: boolean;
	isAdmin: boolean;
	groups: number[];
}

export interface Challenge {
	token: string;
	userId: number;
	serverTime: number;
	expireTime: number;
	/** expireTime in ms, so short test lifetimes work. */
	expiresAt: number;
}

export interface WsSession {
	sessionName: string;
	userId: number;
	createdAt: number;
	/** End of the session's life span (vtiger: 1 day); idle expiry runs from lastUsedAt. */
	expiresAt: number;
	lastUsedAt: number;
}

export interface MobileSession {
	session: string;
	userId: number;
	createdAt: number;
	expiresAt: number;
}

export interface SimplyCrmState {
	/** Records per module name (every module in modules.ts); deleted ones stay, flagged. */
	records: Record<string, StoredRecord[]>;
	users: CrmUser[];
	/** Webservice sessions by sessionName. */
	sessions: Map<string, WsSession>;
	/** Mobile API sessions by `_session`. */
	mobileSessions: Map<string, MobileSession>;
	/** The one live challenge per user id (a new getchallenge replaces it). */
	challenges: Map<number, Challenge>;
	nextCrmId: number;
	/** Next auto number per module (CON351 …). */
	autoNumbers: Record<string, number>;
	/** Document files by attachment id. */
	attachments: Map<number, Attachment>;
	/** Incoming webhooks by URL token. */
	webhooks: Map<string, IncomingWebhook>;
}

/** A vtiger WebServiceException: travels as `{success:false,error:{code,message}}` with HTTP 200. */
export class WsError extends Error {
	constructor(
		readonly code: string | number,
		message: string,
	) {
		super(message);
	}
}

export const UNKNOWN_ERROR = () =>
	new WsError('INTERNAL_SERVER_ERROR', 'Unknown Error while processing request');

/** 'YYYY-MM-DD HH:MM:SS' in the server's time zone (UTC here). */
export function formatDateTime(ms: number): string {
	return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

export function parseDateTime(value: string): number {
	return Date.parse(`${value.replace(' ', 'T')}Z`);
}

/** vtws_getIdComponents: split on the first 'x'. */
export function idComponents(id: string): [string, string] {
	const at = id.indexOf('x');
	return at === -1 ? [id, ''] : [id.slice(0, at), id.slice(at + 1)];
}
