/**
 * Simply CRM (vtiger 7) emulator: `/webservice.php` (getchallenge/login with md5(token + access key), sessionName)
 * and the mobile API `/modules/Mobile/api.php` (username + password, `_session`), on one stateful instance.
 */
import { now } from 'business-pack-devkit';

import { Emulator, type EmulatorRequest } from '../shared/emulator';
import type { VendorEmulator, VendorEmulatorOptions } from '../shared/types';
import { SimplyCrmBackend } from './backend';
import { createMobileHandler, mobileOperation } from './mobile';
import { ADMIN_ACCESS_KEY, ADMIN_PASSWORD, ADMIN_USERNAME } from './seed';
import type { SimplyCrmState } from './state';
import { createWebserviceHandler, webserviceOperation } from './webservice';

export type {
	SimplyCrmState,
	StoredRecord,
	WsSession,
	MobileSession,
	Challenge,
	CrmUser,
} from './state';
export { ADMIN_ACCESS_KEY, ADMIN_PASSWORD, ADMIN_USERNAME } from './seed';
export { QUERY_ROW_LIMIT } from './vtql';
export { MOBILE_LIST_PAGE_SIZE, MOBILE_QUERY_PAGE_SIZE } from './mobile';

export interface SimplyCrmEmulatorOptions extends VendorEmulatorOptions {
	/** Lifetime of a getchallenge token (vtiger: 5 minutes). */
	challengeTtlMs?: number;
}

export const WEBSERVICE_PATH = '/webservice.php';
export const MOBILE_PATH = '/modules/Mobile/api.php';

/** Contacts seeded by default: Return All at 100 rows per query needs four pages. */
export const DEFAULT_SEED_COUNT = 350;

export function createSimplyCrmEmulator(
	options: SimplyCrmEmulatorOptions = {},
): VendorEmulator<SimplyCrmState> {
	const backend = new SimplyCrmBackend({
		sessionTtlMs: options.sessionTtlMs ?? 30 * 60 * 1000,
		challengeTtlMs: options.challengeTtlMs ?? 5 * 60 * 1000,
		seedCount: options.seedCount ?? DEFAULT_SEED_COUNT,
		clock: now,
	});

	const opOf = (req: EmulatorRequest): string | undefined => {
		if (req.path.replace(/\/$/, '') === WEBSERVICE_PATH) return webserviceOperation(req);
		if (req.path.replace(/\/$/, '') === MOBILE_PATH) {
			const name = mobileOperation(req);
			return name ? `mobile:${name}` : undefined;
		}
		return undefined;
	};

	const emulator = new Emulator({
		name: 'simply-crm',
		port: options.port,
		latencyMs: options.latencyMs,
		routes: [
			{ method: '*', path: WEBSERVICE_PATH, handler: createWebserviceHandler(backend) },
			{ method: '*', path: MOBILE_PATH, handler: createMobileHandler(backend) },
		],
		opOf,
		expireSessions: () => backend.expireSessions(),
		reset: () => backend.reset(),
	});

	return {
		emulator,
		state: backend.state,
		credentialData: () => ({
			url: emulator.url,
			username: ADMIN_USERNAME,
			accessKey: ADMIN_ACCESS_KEY,
			password: ADMIN_PASSWORD,
		}),
	};
}
