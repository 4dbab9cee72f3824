import type { Emulator } from './emulator';

export interface VendorEmulatorOptions {
	/** 0 (default) = a free port. */
	port?: number;
	/** Fixed latency per request in ms (default 0). */
	latencyMs?: number;
	/** Session / token lifetime in ms (short values let tests see expiry). */
	sessionTtlMs?: number;
	/** How many records of the main resource to seed (default: enough for > 3 pages). */
	seedCount?: number;
}

export interface VendorEmulator<State = unknown> {
	emulator: Emulator;
	/** The vendor's live state, for assertions (records, sessions, counters). */
	state: State;
	/**
	 * n8n credential `data` that logs in to this emulator (call after `emulator.start()`).
	 * Keys are exactly the credential type's field names; hidden session fields are left out.
	 */
	credentialData(): Record<string, string | number | boolean>;
}
