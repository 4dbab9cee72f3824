import type { IDataObject } from 'n8n-workflow';

import type { VendorEmulator } from '../emulators/shared/types';
import type { NodeSpec } from '../test/real-n8n/harness';

/*
 * What one vendor brings to `npm run bench` (bench/run.ts): per job, how to prepare the emulator and the three
 * contenders — our node, the same work built from n8n's HTTP Request node (login included, as a user would build
 * it), and a raw undici loop (the floor). The runner runs them alternating, counts requests and logins from the
 * emulator's log, times them, and checks `verify` after every run.
 */

export type Vendor = 'simple-simon' | 'simply-crm' | 'simple-salon' | 'synergist';
export type JobName = 'create' | 'get' | 'list' | 'poll';
export type Contender = 'ours' | 'httpRequest' | 'floor';

/** What `prepare` hands to the contenders and to `verify`: ids to read, markers of records to create, a cursor … */
export type JobInput = IDataObject & {
	/** One input item per record for per-item jobs (create, get); one item for list and poll. */
	items: IDataObject[];
	/** How many records the job must produce or read. */
	expected: number;
};

export interface RunContext {
	/** The emulator's base URL, e.g. http://127.0.0.1:40123 */
	baseUrl: string;
	/** The credential data the emulator accepts (VendorEmulator.credentialData()). */
	credentialData: Record<string, string | number | boolean>;
	/** Our node: its `concurrency`; HTTP Request node: its Batching "items per batch" (undefined = n8n's default, all at once); floor: parallel requests. */
	concurrency?: number;
	/** The credential reference n8n nodes must use (our credential, imported by the runner). */
	credential: { id: string; name: string };
	/** Workflow type name of one of our nodes, e.g. packNodeType('simpleSimon'). */
	nodeType(name: string): string;
}

export interface BenchJob {
	/** Short description for the table, e.g. "create 1,000 customers". */
	title(n: number): string;
	/** Puts the emulator in the state the job needs for n records (seeding lists, resetting counters) and returns the input. */
	prepare(vendor: VendorEmulator, n: number): Promise<JobInput> | JobInput;
	/** The chain of nodes after the Webhook + Input code node that receive `input.items` (our node and nothing else of ours). */
	ours(input: JobInput, ctx: RunContext): NodeSpec[];
	/** The same work with n8n's HTTP Request node (and Code / Split Out nodes where a user needs them), login included. */
	httpRequest(input: JobInput, ctx: RunContext): NodeSpec[];
	/** The floor: the same requests straight from undici (login included), `ctx.concurrency` at a time. Returns records handled. */
	floor(input: JobInput, ctx: RunContext): Promise<number>;
	/** Throws unless the emulator state and the contender's output count show exactly the expected effect (no duplicate, no loss). */
	verify(vendor: VendorEmulator, input: JobInput, outputCount: number): void;
	/** Largest page size the API allows for this list, to compute the minimum number of requests (list/poll jobs). */
	maxPageSize?: number;
	/** The minimum number of requests for n records at steady state (session cached): n for per-item jobs, ⌈n / page⌉ for lists. */
	minimumRequests(n: number): number;
	/** Poll jobs: how the trigger contender is run (see bench/run.ts); other jobs leave it out. */
	trigger?: {
		/** Our trigger node's type name and parameters. */
		node: (ctx: RunContext) => NodeSpec;
		/** workflow staticData that makes the first poll read from before the prepared changes (the trigger's own cursor format). */
		staticData(input: JobInput): IDataObject;
	};
}

export interface BenchVendor {
	vendor: Vendor;
	label: string;
	createEmulator(options: { latencyMs: number }): VendorEmulator;
	credentialType: string;
	/** Emulator op labels that are logins (getchallenge counts as part of the login for Simply CRM). */
	loginOps: string[];
	jobs: Record<JobName, BenchJob>;
}
