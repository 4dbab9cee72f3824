import type { IDataObject } from 'n8n-workflow';

import type { RecordedRequest } from '../../../emulators/shared/emulator';
import type { VendorEmulator } from '../../../emulators/shared/types';

/*
 * What one vendor brings to the reliability suite (test/real-n8n/reliability/runner.ts): three operations — a read,
 * an idempotent write and a non-idempotent write — that the runner puts through every generic fault in a real n8n
 * (Webhook → Input → our node with Continue On Fail, 3 items, the fault on the 2nd item's request), plus the
 * vendor's own cases. The runner counts duplicates and lost items from the emulator's state, and scans everything
 * n8n kept for the sentinel secrets.
 */

export type OperationKind = 'read' | 'idempotent' | 'write';

export interface OperationCase {
	/** e.g. "get a customer", "update a customer", "create a work order". */
	title: string;
	/** Our node's parameters (expressions like `={{ $json.name }}` read the input item). */
	parameters: IDataObject;
	/** Three input items, unique per call (use `tag` in names/markers so records can be counted), after any seeding. */
	input(vendor: VendorEmulator, tag: string): IDataObject[] | Promise<IDataObject[]>;
	/** The emulator op label of the request that does the item's work (the one faults hit). */
	op: string;
	/**
	 * How many times each input item's effect exists in the emulator's state after the run, in input order (a write:
	 * records carrying the item's marker; an idempotent write: 1 when the record holds the item's new value; a read:
	 * 1 when the output item carries the record). The runner: > 1 = duplicate; 0 for an item that came out as success = lost.
	 */
	effects(vendor: VendorEmulator, items: IDataObject[], output: IDataObject[]): number[];
}

export interface VendorReliability {
	vendor: 'simple-simon' | 'simply-crm' | 'simple-salon' | 'synergist';
	/** Node display name in workflows, and its type name inside the pack (e.g. 'simpleSimon'). */
	nodeName: string;
	nodeType: string;
	credentialType: string;
	createEmulator(): VendorEmulator;
	/**
	 * Credential data with sentinel secrets (from `sentinel(name)`), which the emulator must accept — set its seeded
	 * user/keys to them here. The runner fails if any sentinel shows up in outputs, errors, n8n's execution data or log.
	 */
	credential(vendor: VendorEmulator, sentinel: (name: string) => string): Record<string, string | number | boolean>;
	/*
	 * Called again by the runner for "credential edited between runs" (with new sentinels): it must make the emulator
	 * accept the new values (and, where it can, refuse the old ones).
	 */
	/**
	 * Whether this login request proves the credential's `secret` was used. Default: the secret is in the request in
	 * clear. Challenge-response logins (Simply CRM: md5(challenge + access key)) check the hash instead.
	 */
	loginProves?(vendor: VendorEmulator, login: RecordedRequest, secret: string): boolean;
	/** Makes the vendor's own "session expired" signal happen on the next request (default: emulator.expireSessions()). */
	expireSession?(vendor: VendorEmulator): void;
	/** Emulator op labels that are logins (counted to show renewals happen once). */
	loginOps: string[];
	operations: Record<OperationKind, OperationCase>;
}
