import type { ICredentialType, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { crypto, delay, fs, fsp, path, repoRoot } from 'business-pack-devkit';

import { SimpleSalonApi } from '../../../credentials/SimpleSalonApi.credentials';
import { SimpleSimonApi } from '../../../credentials/SimpleSimonApi.credentials';
import { SimplyCrmApi } from '../../../credentials/SimplyCrmApi.credentials';
import { SynergistApi } from '../../../credentials/SynergistApi.credentials';
import type { Fault, RecordedRequest } from '../../../emulators/shared/emulator';
import type { VendorEmulator } from '../../../emulators/shared/types';
import {
	createN8n,
	newId,
	packNodeType,
	packedTarball,
	webhookWorkflow,
	type CredentialSpec,
	type N8nInstance,
	type RunResult,
} from '../harness';
import type { OperationKind, VendorReliability } from './types';

/*
 * The reliability suite of one vendor, through a real n8n (issue 9): one webhook workflow per operation kind
 * (Webhook → Input → our node with Continue On Fail), published once on a started n8n; every case posts three items,
 * the fault hits the second item's request, and the stored execution, the emulator's log and its state are the
 * witnesses. Duplicates and lost items are counted from the emulator's state; after the last case every sentinel
 * secret is searched for in everything n8n kept. Results go to .cache/reliability/<vendor>.{faults,secrets}.json.
 */

export const KINDS: OperationKind[] = ['read', 'idempotent', 'write'];

/** What item 2 must come out as: `ok` (all three succeed), `error` (item 2 an error item), `either` (never silent). */
export type Outcome = 'ok' | 'error' | 'either';

export interface CaseOptions {
	/** The case's name in the result counts (default: the kind). */
	title?: string;
	/** Injected after the log is cleared; `when.op` defaults to the kind's op and `skip` to 1 (the 2nd item). */
	faults?: Fault[];
	/** Runs after the log and faults are cleared, before the items are made (e.g. expire the session). */
	before?(): void | Promise<void>;
	/** Node parameters for this run (read from the posted body by expressions): defaults 1, 3, 3000. */
	concurrency?: number;
	retryLimit?: number;
	timeout?: number;
	/** What item 2 must come out as; omitted = no outcome assertion (the caller asserts). */
	expect?: Outcome;
	/** Extra requests of the kind's op beyond one per item (1 = item 2 repeated once); omitted = not asserted. */
	repeats?: number;
	/** Requests whose op is one of the spec's loginOps; omitted = not asserted. */
	logins?: number;
	/** Item 2's error (message + description) must match this (default for writes: may or may not … check). */
	errorPattern?: RegExp;
}

export interface CaseResult {
	title: string;
	kind: OperationKind;
	items: IDataObject[];
	/** The node's output items as stored in n8n's execution. */
	output: INodeExecutionData[];
	execution: RunResult;
	answer: { status: number; body: unknown };
	/** The emulator's log of this case. */
	log: RecordedRequest[];
	/** Requests of the kind's op. */
	attempts: RecordedRequest[];
	effects: number[];
	duplicates: number;
	lost: number;
}

export interface ReliabilityContext {
	spec: VendorReliability;
	/** Set in beforeAll (like vendor-suite.ts): the started n8n, the started emulator, the imported credential. */
	n8n: N8nInstance;
	vendor: VendorEmulator;
	credential: CredentialSpec;
	/** Every value searched for by the secrets scan (sentinels, password-typed credential values, sessions seen). */
	secrets: Set<string>;
	/** Every request of every case so far, with the case it belongs to. */
	wire: Array<RecordedRequest & { case: string }>;
	/** A fresh sentinel secret (also added to `secrets`). */
	sentinel(name: string): string;
	/** One case: 3 items (default: the kind's `input`) through the kind's workflow, counted in the results. */
	runCase(kind: OperationKind, items?: IDataObject[], options?: CaseOptions): Promise<CaseResult>;
	/** `it()` whose failure is counted in `<vendor>.faults.json` (or `.secrets.json`). */
	test(name: string, body: () => Promise<void>, suite?: 'faults' | 'secrets'): void;
	/** Adds a line to the suite's `kinds` (fault kinds tried, or secret checks made), once. */
	kind(name: string, suite?: 'faults' | 'secrets'): void;
}

const CREDENTIAL_TYPES: ICredentialType[] = [
	new SimpleSimonApi(),
	new SimplyCrmApi(),
	new SimpleSalonApi(),
	new SynergistApi(),
];

/** The credential fields shown as passwords: their values are secrets wherever they would turn up. */
export function passwordFields(credentialType: string): string[] {
	const type = CREDENTIAL_TYPES.find((candidate) => candidate.name === credentialType);
	if (!type) throw new Error(`unknown credential type ${credentialType}`);
	return type.properties.filter((p) => p.typeOptions?.password === true).map((p) => p.name);
}

/** Whether the built pack has the Request Options parameter (retry limit, timeout): the lead adds it today. */
export const packHasRequestOptions = (): boolean => {
	const shared = path.join(repoRoot, 'dist', 'nodes', 'shared');
	return (
		fs.existsSync(shared) &&
		fs
			.readdirSync(shared)
			.some(
				(file) =>
					file.endsWith('.js') &&
					fs.readFileSync(path.join(shared, file), 'utf8').includes('retryLimit'),
			)
	);
};

const HTML_PAGE =
	'<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The proxy server received an invalid response from an upstream server.</p></body></html>';

/** A generic fault case: what to inject and what each kind must do about it. */
interface GenericCase {
	title: string;
	faults?: Fault[];
	/** Outcome per kind (default 'ok' for all). */
	outcome?: Partial<Record<OperationKind, Outcome>>;
	/** Repeats of item 2's request per kind (default: 1 when ok, 0 when error). */
	repeats?: Partial<Record<OperationKind, number | undefined>>;
	logins?: number;
	concurrency?: number;
	/** Needs the Request Options parameter in the built pack (the timeout). */
	needsTimeout?: boolean;
	/** Set up before the items are made (session expiry between runs, credential edit). */
	before?: 'expireSession' | 'editCredential' | 'rateLimit';
	/** Only for these kinds (default all three). */
	kinds?: OperationKind[];
}

const writeFails = { write: 'error' } as const;
const status = (
	code: number,
	extra: Omit<Extract<Fault['action'], { type: 'status' }>, 'type' | 'status'> = {},
): Fault['action'] => ({ type: 'status', status: code, ...extra });

export const GENERIC_CASES: GenericCase[] = [
	{ title: 'no fault (baseline)', repeats: { read: 0, idempotent: 0, write: 0 } },
	{
		title: '429 with Retry-After',
		faults: [
			{
				action: status(429, {
					headers: { 'retry-after': '1' },
					body: { error: 'Too Many Requests' },
				}),
			},
		],
		logins: 0,
	},
	{
		title: '429 without Retry-After',
		faults: [{ action: status(429, { body: { error: 'Too Many Requests' } }) }],
		logins: 0,
	},
	{
		title: '500',
		faults: [{ action: status(500, { raw: 'Internal Server Error' }) }],
		outcome: writeFails,
		logins: 0,
	},
	{
		title: '502 (HTML page, non-JSON)',
		faults: [{ action: status(502, { raw: HTML_PAGE, headers: { 'content-type': 'text/html' } }) }],
		outcome: writeFails,
		logins: 0,
	},
	{
		title: '503 before the handler',
		faults: [{ action: status(503) }],
		outcome: writeFails,
		logins: 0,
	},
	{
		title: '503 after the handler',
		faults: [{ phase: 'after', action: status(503) }],
		outcome: writeFails,
		logins: 0,
	},
	{
		title: 'connection reset before the handler',
		faults: [{ action: { type: 'reset' } }],
		outcome: writeFails,
		logins: 0,
	},
	{
		title: 'connection reset after the handler',
		faults: [{ phase: 'after', action: { type: 'reset' } }],
		outcome: writeFails,
		logins: 0,
	},
	{
		title: 'no response (timeout)',
		faults: [{ action: { type: 'hang' } }],
		outcome: writeFails,
		logins: 0,
		needsTimeout: true,
	},
	{
		title: 'truncated body',
		faults: [{ phase: 'after', action: { type: 'truncate' } }],
		outcome: writeFails,
		logins: 0,
	},
	{
		title: 'non-JSON body with HTTP 200',
		faults: [
			{
				action: status(200, {
					raw: HTML_PAGE.replace(/502 Bad Gateway|Bad Gateway/g, 'Sign in'),
					headers: { 'content-type': 'text/html' },
				}),
			},
		],
		// a web page instead of the answer: an error item or a repeat, never a silent success (counted as lost)
		outcome: { read: 'either', idempotent: 'either', write: 'error' },
		repeats: { read: undefined, idempotent: undefined, write: 0 },
		logins: 0,
	},
	{ title: 'session expired mid-run', faults: [{ action: { type: 'expireSessions' } }], logins: 1 },
	{
		title: 'stale session from the previous execution',
		before: 'expireSession',
		repeats: {},
		logins: 1,
	},
	// the session belongs to the credential, not the operation; one kind keeps the two cold CLI calls (~20 s) once
	{
		title: 'credential edited between runs',
		before: 'editCredential',
		repeats: { write: 0 },
		logins: 1,
		kinds: ['write'],
	},
	{
		title: 'rate limit (2 per second) at concurrency 3',
		before: 'rateLimit',
		concurrency: 3,
		repeats: {},
		logins: 0,
	},
];

const MAY_OR_MAY_NOT = /may or may not[\s\S]*check/i;

const resultsDir = path.join(repoRoot, '.cache', 'reliability');

interface Tally {
	cases: number;
	failed: number;
	duplicates: number;
	lost: number;
	leaks: number;
	kinds: string[];
}

const errorText = (item: INodeExecutionData | undefined) =>
	item?.json.error === undefined
		? undefined
		: `${String(item.json.error)}\n${String(item.json.description ?? '')}`;

/** Secret-looking values a request carried (bearer tokens, session names, hashes): secrets for the scan. */
function wireSecrets(request: RecordedRequest): string[] {
	const found: string[] = [];
	const auth = request.headers.authorization;
	if (auth) found.push(auth.replace(/^(Bearer|Basic)\s+/i, ''));
	for (const [name, value] of Object.entries(request.headers))
		if (/token|api-?key|secret/i.test(name) && value) found.push(value);
	const fields = {
		...request.query,
		...(request.body && typeof request.body === 'object' && !Array.isArray(request.body)
			? (request.body as Record<string, unknown>)
			: {}),
	};
	for (const [name, value] of Object.entries(fields)) {
		if (
			/^(password|sha512password|sessionname|session|_session|token|access_token|apikey|accesskey|lickey)$/i.test(
				name,
			) &&
			typeof value === 'string'
		)
			found.push(value);
	}
	return found.filter((value) => value.length >= 8);
}

/** Secret query parameters left readable in the URLs of an error text. */
export function secretUrlParams(text: string): string[] {
	const leaks: string[] = [];
	for (const match of text.matchAll(/https?:\/\/[^\s"'<>]+/g)) {
		let url: URL;
		try {
			url = new URL(match[0]);
		} catch {
			continue;
		}
		for (const [name, value] of url.searchParams) {
			if (
				/pass|secret|token|key|session|sha512|signature|auth/i.test(name) &&
				!/_id$|Id$/.test(name) &&
				value !== '' &&
				!/^\*+$/.test(value)
			)
				leaks.push(`${name}=${value}`);
		}
	}
	return leaks;
}

/**
 * Declares the reliability tests of one vendor (call inside a describe or at the top of a test file). `extra` gets
 * the suite context to declare the vendor's own cases; they run after the generic ones and before the secrets scan.
 */
export function reliabilitySuite(
	spec: VendorReliability,
	extra?: (ctx: ReliabilityContext) => void,
): ReliabilityContext {
	const run = crypto.randomBytes(4).toString('hex');
	const tallies: Record<'faults' | 'secrets', Tally> = {
		faults: { cases: 0, failed: 0, duplicates: 0, lost: 0, leaks: 0, kinds: [] },
		secrets: { cases: 0, failed: 0, duplicates: 0, lost: 0, leaks: 0, kinds: [] },
	};
	const workflowIds = {} as Record<OperationKind, string>;
	const paths = Object.fromEntries(
		KINDS.map((kind) => [kind, `reliability-${spec.vendor}-${kind}-${run}`]),
	) as Record<OperationKind, string>;
	const answers: string[] = [];
	let lastExecutionId = 0;
	let ready = false;
	let caseSeq = 0;
	const credential: CredentialSpec = {
		id: newId(),
		name: `${spec.nodeName} (reliability)`,
		type: spec.credentialType,
		data: {},
	};

	const ctx: ReliabilityContext = {
		spec,
		n8n: undefined as unknown as N8nInstance,
		vendor: undefined as unknown as VendorEmulator,
		credential,
		secrets: new Set(),
		wire: [],
		sentinel(name) {
			const value = `SENTINEL-${name}-${crypto.randomBytes(6).toString('hex')}`;
			ctx.secrets.add(value);
			return value;
		},
		kind(name, suite = 'faults') {
			if (!tallies[suite].kinds.includes(name)) tallies[suite].kinds.push(name);
		},
		test(name, body, suite = 'faults') {
			it(name, async () => {
				if (suite === 'secrets') tallies.secrets.cases++;
				// counted, then jest gets the failure as it was
				await body().catch(async (error: unknown) => {
					tallies[suite].failed++;
					return await Promise.reject(error as Error);
				});
			});
		},
		async runCase(kind, givenItems, options = {}) {
			const op = spec.operations[kind];
			const title = options.title ?? kind;
			const { emulator } = ctx.vendor;
			emulator.clearLog();
			emulator.clearFaults();
			emulator.setRateLimit?.(undefined);
			tallies.faults.cases++;
			await options.before?.();
			const items =
				givenItems ?? (await op.input(ctx.vendor, `${spec.vendor}-${++caseSeq}-${run}`));
			for (const fault of options.faults ?? [])
				emulator.inject({ skip: 1, ...fault, when: { op: op.op, ...fault.when } });
			const answer = await ctx.n8n.callWebhook(paths[kind], {
				items,
				options: {
					concurrency: options.concurrency ?? 1,
					retryLimit: options.retryLimit ?? 3,
					timeout: options.timeout ?? 3000,
				},
			});
			answers.push(JSON.stringify(answer.body));
			emulator.setRateLimit?.(undefined);
			// n8n may store the execution a moment after the webhook answered
			let executions: Awaited<ReturnType<N8nInstance['executionsAfter']>> = [];
			for (let wait = 0; executions.length === 0 && wait < 40; wait++) {
				if (wait > 0) await delay(250);
				executions = await ctx.n8n.executionsAfter(lastExecutionId, [workflowIds[kind]]);
			}
			const log = emulator.log.slice();
			ctx.wire.push(...log.map((request) => ({ ...request, case: `${kind}: ${title}` })));
			for (const request of log) for (const secret of wireSecrets(request)) ctx.secrets.add(secret);
			expect(executions).toHaveLength(1);
			const [execution] = executions;
			lastExecutionId = Math.max(lastExecutionId, Number(execution.raw.id));
			const output = execution.items(spec.nodeName);
			const json = output.map((item) => item.json);
			const effects = op.effects(ctx.vendor, items, json);
			const success = (index: number) =>
				output.find((item) => pairedIndex(item) === index && item.json.error === undefined) !==
				undefined;
			const duplicates = effects.filter((count) => count > 1).length;
			const lost = items.filter(
				(_item, index) =>
					(success(index) && effects[index] === 0) ||
					!output.some((item) => pairedIndex(item) === index),
			).length;
			tallies.faults.duplicates += duplicates;
			tallies.faults.lost += lost;
			const result: CaseResult = {
				title,
				kind,
				items,
				output,
				execution,
				answer,
				log,
				attempts: log.filter((r) => r.op === op.op),
				effects,
				duplicates,
				lost,
			};

			expect(execution.status).toBe('success');
			expect({ duplicates, lost, effects }).toEqual({
				duplicates: 0,
				lost: 0,
				effects: expect.any(Array),
			});
			expect(output.map(pairedIndex)).toEqual(items.map((_item, index) => index));
			if (options.expect !== undefined) {
				const outcomes = output.map((item) =>
					item.json.error === undefined ? 'ok' : errorText(item),
				);
				expect([outcomes[0], outcomes[2]]).toEqual(['ok', 'ok']);
				if (options.expect === 'ok') expect(outcomes[1]).toBe('ok');
				if (options.expect === 'error') {
					expect(outcomes[1]).not.toBe('ok');
					const pattern = options.errorPattern ?? (kind === 'write' ? MAY_OR_MAY_NOT : /./);
					expect(errorText(output[1])).toMatch(pattern);
				}
			}
			if (options.repeats !== undefined) {
				// `status` shows what each attempt met: the fault, then the repeat
				expect({
					attempts: result.attempts.length,
					statuses: result.attempts.map((r) => r.fault ?? r.status),
				}).toEqual({
					attempts: items.length + options.repeats,
					statuses: expect.any(Array),
				});
			}
			if (options.logins !== undefined)
				expect(log.filter((r) => r.op !== undefined && spec.loginOps.includes(r.op))).toHaveLength(
					options.logins,
				);
			return result;
		},
	};

	const importCredential = async (data: IDataObject) => {
		credential.data = data;
		for (const field of passwordFields(spec.credentialType))
			if (typeof data[field] === 'string' && String(data[field]).length >= 4)
				ctx.secrets.add(String(data[field]));
		await ctx.n8n.importCredentials([credential]);
	};

	beforeAll(
		async () => {
			ctx.vendor = spec.createEmulator();
			await ctx.vendor.emulator.start();
			// debug: the log then has everything n8n would ever write about a run, for the secrets scan
			ctx.n8n = await createN8n({
				tarballs: [await packedTarball()],
				label: `reliability-${spec.vendor}`,
				env: { N8N_LOG_LEVEL: 'debug' },
			});
			await importCredential(spec.credential(ctx.vendor, ctx.sentinel));
			const credentials = { [spec.credentialType]: { id: credential.id, name: credential.name } };
			const option = (name: string, fallback: number) =>
				`={{ $('Webhook').first().json.body.options?.${name} ?? ${fallback} }}`;
			const workflows = KINDS.map((kind) =>
				webhookWorkflow({
					name: `${spec.nodeName} reliability: ${spec.operations[kind].title}`,
					path: paths[kind],
					nodes: [
						{
							name: spec.nodeName,
							type: packNodeType(spec.nodeType),
							parameters: {
								...spec.operations[kind].parameters,
								concurrency: option('concurrency', 1),
								requestOptions: {
									retryLimit: option('retryLimit', 3),
									timeout: option('timeout', 3000),
								},
							},
							credentials,
							continueOnFail: true,
						},
					],
				}),
			);
			const ids = await ctx.n8n.importWorkflows(workflows);
			KINDS.forEach((kind, index) => (workflowIds[kind] = ids[index]));
			for (const id of ids) await ctx.n8n.publish(id);
			await ctx.n8n.start();
			lastExecutionId = await ctx.n8n.lastExecutionId();
			ready = true;
		},
		10 * 60 * 1000,
	);

	afterAll(async () => {
		// a run that never got n8n going (e.g. dist/ being rebuilt) leaves the last results as they were
		if (ready) await writeResults();
		await ctx.n8n?.dispose();
		await ctx.vendor?.emulator.stop();
	});

	const writeResults = async () => {
		await fsp.mkdir(resultsDir, { recursive: true });
		for (const suite of ['faults', 'secrets'] as const) {
			const { cases, failed, duplicates, lost, leaks, kinds } = tallies[suite];
			const file = path.join(resultsDir, `${spec.vendor}.${suite}.json`);
			await fsp.writeFile(
				file,
				`${JSON.stringify({ vendor: spec.vendor, suite, cases, failed, duplicates, lost, leaks, kinds }, null, 2)}\n`,
			);
		}
	};

	const hasTimeout = packHasRequestOptions();
	const expireSession = () =>
		spec.expireSession ? spec.expireSession(ctx.vendor) : ctx.vendor.emulator.expireSessions();

	describe(`${spec.nodeName}: faults through a real n8n`, () => {
		for (const generic of GENERIC_CASES) {
			for (const kind of generic.kinds ?? KINDS) {
				const outcome = generic.outcome?.[kind] ?? 'ok';
				const name = `${kind} (${spec.operations[kind].title}): ${generic.title} → ${outcome === 'ok' ? 'all 3 items succeed' : outcome === 'error' ? 'item 2 is an error item, not repeated' : 'item 2 errors or is repeated, never silent'}`;
				if (generic.needsTimeout && !hasTimeout) {
					// until the pack has Request Options, a hang costs the 60 s default timeout per attempt
					it.skip(`${name} (needs Request Options → Timeout in the built pack)`, () => undefined);
					continue;
				}
				ctx.test(name, async () => {
					ctx.kind(generic.title);
					const given = generic.repeats
						? generic.repeats[kind]
						: outcome === 'ok'
							? 1
							: outcome === 'error'
								? 0
								: undefined;
					let oldSessions: string[] = [];
					let newSecrets: string[] = [];
					const result = await ctx.runCase(kind, undefined, {
						title: generic.title,
						faults: generic.faults,
						expect: outcome,
						repeats: given,
						logins: generic.logins,
						concurrency: generic.concurrency,
						before: async () => {
							if (generic.before === 'expireSession') expireSession();
							if (generic.before === 'rateLimit')
								ctx.vendor.emulator.setRateLimit?.({ requests: 2, perMs: 1000 });
							if (generic.before === 'editCredential') {
								// the worst case of an edit: the new password next to the session cached for the old one
								const stored = await ctx.n8n.readCredential(credential.id);
								const fresh = spec.credential(ctx.vendor, ctx.sentinel);
								oldSessions = Object.entries(stored)
									.filter(
										([field, value]) =>
											!(field in fresh) &&
											field !== 'sessionBinding' &&
											typeof value === 'string' &&
											value.length >= 8,
									)
									.map(([, value]) => String(value));
								for (const value of oldSessions) ctx.secrets.add(value);
								newSecrets = passwordFields(spec.credentialType)
									.filter(
										(field) => fresh[field] !== stored[field] && typeof fresh[field] === 'string',
									)
									.map((field) => String(fresh[field]));
								await importCredential({ ...stored, ...fresh });
							}
						},
					});
					if (generic.before === 'editCredential') {
						expect(oldSessions.length).toBeGreaterThan(0);
						expect(newSecrets.length).toBeGreaterThan(0);
						// the run logs in with the new secret before any work; the old session never goes out again
						const wire = (r: RecordedRequest) =>
							`${r.path}?${JSON.stringify(r.query)} ${JSON.stringify(r.headers)} ${r.rawBody}`;
						const loginAt = result.log.findIndex(
							(r) => r.op !== undefined && spec.loginOps.includes(r.op),
						);
						expect(loginAt).toBeGreaterThanOrEqual(0);
						// only a login's own first step (Simply CRM's getchallenge) may come before it, never the item's work
						expect(
							result.log.slice(0, loginAt).filter((r) => r.op === spec.operations[kind].op),
						).toEqual([]);
						const login = result.log[loginAt];
						const proves =
							spec.loginProves ??
							((_vendor: VendorEmulator, r: RecordedRequest, secret: string) =>
								wire(r).includes(secret) || wire(r).includes(encodeURIComponent(secret)));
						expect(newSecrets.some((secret) => proves(ctx.vendor, login, secret))).toBe(true);
						const reused = result.log.filter((r) =>
							oldSessions.some(
								(session) =>
									wire(r).includes(session) || wire(r).includes(encodeURIComponent(session)),
							),
						);
						expect(reused.map((r) => r.op)).toEqual([]);
					}
					if (generic.before === 'expireSession') {
						// the first request meets the vendor's expiry signal, one login follows, then every item succeeds
						const loginAt = result.log.findIndex(
							(r) => r.op !== undefined && spec.loginOps.includes(r.op),
						);
						expect(loginAt).toBeGreaterThan(0);
					}
				});
			}
		}

		const retryLimitCases: Array<{ kind: OperationKind; fault: Fault['action']; title: string }> = [
			{ kind: 'read', fault: status(503), title: 'Retry Limit 1, 503 twice' },
			{
				kind: 'write',
				fault: status(429, { headers: { 'retry-after': '1' } }),
				title: 'Retry Limit 1, 429 twice',
			},
		];
		for (const { kind, fault, title } of retryLimitCases) {
			ctx.test(
				`${kind} (${spec.operations[kind].title}): ${title} → exactly 2 attempts, then item 2 is an error item`,
				async () => {
					ctx.kind('retry limit (Request Options → Retry Limit 1)');
					const result = await ctx.runCase(kind, undefined, {
						title,
						// twice, not three times: a third would hit item 3. The default limit (3) would get item 2 through.
						faults: [{ times: 2, action: fault }],
						retryLimit: 1,
						expect: 'error',
						errorPattern: /./,
						repeats: 1,
						logins: 0,
					});
					expect(result.attempts.slice(1, 3).map((r) => r.fault)).toEqual([
						expect.stringMatching(/^status/),
						expect.stringMatching(/^status/),
					]);
				},
			);
		}

		for (const kind of KINDS) {
			const title = '429 pauses the whole batch (Concurrency 2, 6 items)';
			ctx.test(
				`${kind} (${spec.operations[kind].title}): ${title} → no request until Retry-After is over, all 6 succeed`,
				async () => {
					ctx.kind(title);
					const op = spec.operations[kind];
					const items = [
						...(await op.input(ctx.vendor, `${spec.vendor}-pause-${kind}-a`)),
						...(await op.input(ctx.vendor, `${spec.vendor}-pause-${kind}-b`)),
					];
					const result = await ctx.runCase(kind, items, {
						title,
						// on the first item's request, while the second is under way
						faults: [{ skip: 0, action: status(429, { headers: { 'retry-after': '2' } }) }],
						concurrency: 2,
						expect: 'ok',
						repeats: 1,
						logins: 0,
					});
					expect(result.output.filter((item) => item.json.error !== undefined)).toEqual([]);
					const limited = result.attempts.find((r) => r.status === 429);
					expect(limited).toBeDefined();
					// a request already on its way may land just after the 429; nothing may be sent during the wait
					const during = result.attempts.filter(
						(r) => r.at > limited!.at + 300 && r.at < limited!.at + 1900,
					);
					expect(during.map((r) => `${r.op} at +${r.at - limited!.at} ms`)).toEqual([]);
				},
			);
		}
	});

	if (extra) describe(`${spec.nodeName}: vendor cases`, () => extra(ctx));

	describe(`${spec.nodeName}: secrets`, () => {
		ctx.test(
			'no sentinel secret, password-typed value or session appears in execution data, webhook answers or n8n’s log',
			async () => {
				for (const kind of [
					'execution data (node outputs, errors)',
					'webhook answers',
					"n8n's log",
					'URLs in error messages',
				])
					ctx.kind(kind, 'secrets');
				const executions = await ctx.n8n.executionsAfter(0, Object.values(workflowIds));
				const documents: Array<{ where: string; text: string }> = [
					...executions.map((execution) => ({
						where: `execution ${String(execution.raw.id)}`,
						text: JSON.stringify(execution.raw),
					})),
					...answers.map((text, index) => ({ where: `webhook answer ${index + 1}`, text })),
					{
						where: "n8n's log",
						text: fs.existsSync(ctx.n8n.logFile) ? fs.readFileSync(ctx.n8n.logFile, 'utf8') : '',
					},
				];
				const secrets = [...ctx.secrets].sort();
				const hits: string[] = [];
				for (const document of documents) {
					for (const secret of secrets) {
						const forms = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
						if (forms.some((form) => document.text.includes(form)))
							hits.push(`${document.where}: ${secret.slice(0, 14)}…`);
					}
				}
				// errors that quote a URL must not keep a secret query parameter readable
				for (const execution of executions) {
					const errors = execution
						.items(spec.nodeName)
						.flatMap((item) =>
							item.json.error === undefined
								? []
								: [String(item.json.error), String(item.json.description ?? '')],
						);
					for (const leak of errors.flatMap(secretUrlParams))
						hits.push(`execution ${String(execution.raw.id)}: URL with ${leak.split('=')[0]}=…`);
				}
				tallies.secrets.cases += secrets.length * documents.length + executions.length;
				tallies.secrets.leaks += hits.length;
				// the sentinels are live values: every case above logged in or ran with them
				expect(
					secrets.filter((secret) => secret.startsWith('SENTINEL-')).length,
				).toBeGreaterThanOrEqual(2);
				expect(documents.length).toBeGreaterThan(2);
				expect(documents[documents.length - 1].text.length).toBeGreaterThan(1000);
				expect(hits).toEqual([]);
			},
			'secrets',
		);
	});

	return ctx;
}

function pairedIndex(item: INodeExecutionData): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : paired?.item;
}
