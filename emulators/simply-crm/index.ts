/**
 * Simply CRM (vtiger 7) emulator: `/webservice.php` (getchallenge/login with md5(token + access key), sessionName),
 * the mobile API `/modules/Mobile/api.php` (username + password, `_session`) and incoming webhooks
 * `/webhook/incoming/<token>`, on one stateful instance.
 */
import { now } from 'business-pack-devkit';

import { Emulator, type EmulatorRequest } from '../shared/emulator';
import type { VendorEmulator, VendorEmulatorOptions } from '../shared/types';
import { SimplyCrmBackend } from './backend';
import { DEFAULT_MAX_UPLOAD_FILE_SIZE } from './documents';
import { createMobileHandler, mobileOperation } from './mobile';
import { ADMIN_ACCESS_KEY, ADMIN_PASSWORD, ADMIN_USERNAME } from './seed';
import type { SimplyCrmState } from './state';
import { createWebserviceHandler, webserviceOperation } from './webservice';
import { WEBHOOK_OP, WEBHOOK_PATH, createWebhookHandler } from './webhook';

export type {
	SimplyCrmState,
	StoredRecord,
	WsSession,
	MobileSession,
	Challenge,
	CrmUser,
	Attachment,
	IncomingWebhook,
	LineItem,
} from './state';
export type { SimplyCrmBackend } from './backend';
export { DEFAULT_MAX_UPLOAD_FILE_SIZE } from './documents';
export { DEFAULT_FOLDER_ID, INVENTORY_MODULES } from './sales-modules';
export { SEED_FILES } from './seed';
export { WEBHOOK_PATH } from './webhook';
export { ADMIN_ACCESS_KEY, ADMIN_PASSWORD, ADMIN_USERNAME } from './seed';
export { QUERY_ROW_LIMIT } from './vtql';
export { MOBILE_LIST_PAGE_SIZE, MOBILE_QUERY_PAGE_SIZE } from './mobile';

export interface SimplyCrmEmulatorOptions extends VendorEmulatorOptions {
	/** Lifetime of a getchallenge token (vtiger: 5 minutes). */
	challengeTtlMs?: number;
	/** sessionTtlMs is a session's life span (vtiger: 1 day); this is the idle limit (vtiger: 30 minutes). */
	sessionIdleMs?: number;
	/** Largest document upload in bytes (describe's maxUploadFileSize; default 5 MB). */
	maxUploadFileSize?: number;
	/** The server's clock in ms: createdtime/modifiedtime, serverTime, sync and session/challenge expiry. */
	clock?: () => number;
}

export interface SimplyCrmEmulator extends VendorEmulator<SimplyCrmState> {
	/** The instance behind the routes, for tests that change state as another user would (touch, softDelete, …). */
	backend: SimplyCrmBackend;
	/** The URL of an incoming webhook. */
	webhookUrl(token: string): string;
}

export const WEBSERVICE_PATH = '/webservice.php';
export const MOBILE_PATH = '/modules/Mobile/api.php';

/** Contacts seeded by default: Return All at 100 rows per query needs four pages. */
export const DEFAULT_SEED_COUNT = 350;

export function createSimplyCrmEmulator(options: SimplyCrmEmulatorOptions = {}): SimplyCrmEmulator {
	const backend = new SimplyCrmBackend({
		sessionTtlMs: options.sessionTtlMs ?? 24 * 60 * 60 * 1000,
		sessionIdleMs: options.sessionIdleMs ?? 30 * 60 * 1000,
		challengeTtlMs: options.challengeTtlMs ?? 5 * 60 * 1000,
		seedCount: options.seedCount ?? DEFAULT_SEED_COUNT,
		maxUploadFileSize: options.maxUploadFileSize ?? DEFAULT_MAX_UPLOAD_FILE_SIZE,
		clock: options.clock ?? now,
	});

	const opOf = (req: EmulatorRequest): string | undefined => {
		if (req.path.replace(/\/$/, '') === WEBSERVICE_PATH) return webserviceOperation(req);
		if (req.path.replace(/\/$/, '') === MOBILE_PATH) {
			const name = mobileOperation(req);
			return name ? `mobile:${name}` : undefined;
		}
		if (req.path.startsWith(`${WEBHOOK_PATH}/`)) return WEBHOOK_OP;
		return undefined;
	};

	const emulator = new Emulator({
		name: 'simply-crm',
		port: options.port,
		latencyMs: options.latencyMs,
		routes: [
			{ method: '*', path: WEBSERVICE_PATH, handler: createWebserviceHandler(backend) },
			{ method: '*', path: MOBILE_PATH, handler: createMobileHandler(backend) },
			{ method: '*', path: `${WEBHOOK_PATH}/:token`, handler: createWebhookHandler(backend) },
		],
		opOf,
		expireSessions: () => backend.expireSessions(),
		reset: () => backend.reset(),
	});

	return {
		emulator,
		backend,
		webhookUrl: (token) => `${emulator.url}${WEBHOOK_PATH}/${encodeURIComponent(token)}`,
		state: backend.state,
		credentialData: () => ({
			url: emulator.url,
			username: ADMIN_USERNAME,
			accessKey: ADMIN_ACCESS_KEY,
			password: ADMIN_PASSWORD,
		}),
	};
}
