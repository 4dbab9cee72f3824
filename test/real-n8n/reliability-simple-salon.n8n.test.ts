import type { IDataObject } from 'n8n-workflow';

import { createSimpleSalonEmulator, type SimpleSalonEmulator } from '../../emulators/simple-salon';
import type { RecordedRequest } from '../../emulators/shared/emulator';
import type { VendorEmulator } from '../../emulators/shared/types';
import { newId } from './harness';
import { reliabilitySuite, type ReliabilityContext } from './reliability/runner';
import type { VendorReliability } from './reliability/types';

/*
 * Simple Salon in the reliability suite: a client read, a client update (idempotent) and a client add (not
 * idempotent) through every generic fault, and the salon-specific cases — the login token dying in the middle of a
 * run and under writes in flight (one refresh, no login), the api_url moving on a refresh mid-run and on a new login,
 * a token from a previous execution that the salon revoked, and the password edited between runs while the old token
 * still works on the server.
 */

const NODE = 'Simple Salon';
const salon = (vendor: VendorEmulator) => vendor as SimpleSalonEmulator;
const READ_IDS = [1111, 1112, 1113];
/** Clients updated so far: each call takes the next three, so items of one run never share a client. */
let updated = 0;

/** Clients whose first name is this marker (an add's). */
const withFirstname = (vendor: VendorEmulator, firstname: unknown) =>
	[...salon(vendor).state.clients.values()].filter((client) => client.firstname === firstname)
		.length;

const addClient = { resource: 'client', operation: 'add', firstName: '={{ $json.firstname }}' };

export const simpleSalonReliability: VendorReliability = {
	vendor: 'simple-salon',
	nodeName: NODE,
	nodeType: 'simpleSalon',
	credentialType: 'simpleSalonApi',
	createEmulator: () => createSimpleSalonEmulator(),
	credential(vendor, sentinel) {
		const { state } = salon(vendor);
		// the Company Token is the HMAC of the partner token, so it changes with it (and is a secret of its own)
		state.partnerToken = sentinel('partnerToken');
		state.operators[0].password = sentinel('password');
		return salon(vendor).credentialData();
	},
	// a renewal is a refresh of the token, or a new login when the refresh is refused
	loginOps: ['login', 'refresh'],
	operations: {
		read: {
			title: 'get a client',
			parameters: { resource: 'client', operation: 'get', clientId: '={{ $json.id }}' },
			input: () => READ_IDS.map((id) => ({ id })),
			op: 'client/get',
			effects: (_vendor, items, output) =>
				items.map((item, index) => (output[index]?.client_id === item.id ? 1 : 0)),
		},
		idempotent: {
			title: 'update a client',
			parameters: {
				resource: 'client',
				operation: 'update',
				clientId: '={{ $json.id }}',
				updateFields: { comments: '={{ $json.comments }}' },
			},
			input: (vendor, tag) => {
				const ids = [...salon(vendor).state.clients.keys()];
				return [0, 1, 2].map((index) => ({
					id: ids[updated++ % ids.length],
					comments: `${tag} comment ${index}`,
				}));
			},
			op: 'client/update',
			effects: (vendor, items) =>
				items.map((item) =>
					salon(vendor).state.clients.get(Number(item.id))?.comments === item.comments ? 1 : 0,
				),
		},
		write: {
			title: 'add a client',
			parameters: addClient,
			input: (_vendor, tag) => [0, 1, 2].map((index) => ({ firstname: `${tag}-${index}` })),
			op: 'client/add',
			effects: (vendor, items) => items.map((item) => withFirstname(vendor, item.firstname)),
		},
	},
};

// ---------------------------------------------------------------------------------------------------------------
// The Simple Salon-specific cases

/** The login token a request went with: the Bearer header, or the body's `token` (refresh, logout). */
const tokenOf = (request: RecordedRequest) =>
	/^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ??
	(request.body as IDataObject | undefined)?.token;
const opsOf = (log: RecordedRequest[]) => log.map((request) => `${request.op}:${request.status}`);
const pathsOf = (log: RecordedRequest[]) =>
	log.map((request) => `${request.path}:${request.status}`);

function simpleSalonCases(ctx: ReliabilityContext) {
	const vendor = () => salon(ctx.vendor);
	const emulator = () => vendor().emulator;
	const counters = () => ({ ...vendor().state.counters });
	/** The token the credential holds now (the newest one issued, as every case ends with a live one). */
	const liveToken = () =>
		[...vendor().state.sessions.values()].filter((session) => !session.revoked).pop()!;
	const markers = (count: number) => {
		const tag = `salon-case-${newId()}`;
		return Array.from({ length: count }, (_, index) => ({ firstname: `${tag}-${index}` }));
	};

	afterEach(() => {
		emulator().latencyMs = 0;
		vendor().state.apiPrefix = '/api1';
	});

	ctx.test(
		'write (add a client), 5 items at concurrency 5: the token dies under four adds in flight → one refresh, no login, every client added once',
		async () => {
			ctx.kind('login token expired under parallel writes (one refresh)');
			const before = counters();
			let token = '';
			const result = await ctx.runCase('write', markers(5), {
				title: 'token expired under parallel adds',
				concurrency: 5,
				before: () => {
					token = liveToken().token;
					// every request waits half a second, so the four adds after item 1 are on the wire together; the first
					// of them handled goes through and the token dies right after it
					emulator().latencyMs = 500;
				},
				faults: [{ phase: 'after', action: { type: 'expireSessions' } }],
				expect: 'ok',
				repeats: 3,
				logins: 1,
			});
			const log = result.log;
			// item 1 alone (a cold session would log in once, not five times), then four at once
			expect(log.slice(0, 5).map((request) => request.op)).toEqual(Array(5).fill('client/add'));
			expect(log[0].status).toBe(200);
			expect(
				log
					.slice(1, 5)
					.map((request) => request.status)
					.sort(),
			).toEqual([200, 401, 401, 401]);
			expect(opsOf(log.slice(5))).toEqual([
				'refresh:200',
				'client/add:200',
				'client/add:200',
				'client/add:200',
			]);
			expect(tokenOf(log[5])).toBe(token);
			expect(counters().refreshes - before.refreshes).toBe(1);
			expect(counters().logins - before.logins).toBe(0);
		},
	);

	ctx.test(
		'idempotent (update a client): the token expires before item 2 → refreshed, not a new login; item 2 sent once more',
		async () => {
			ctx.kind('login token expired mid-run (refresh, not login)');
			const before = counters();
			const result = await ctx.runCase('idempotent', undefined, {
				title: 'token expired mid-run',
				faults: [{ action: { type: 'expireSessions' } }],
				expect: 'ok',
				repeats: 1,
				logins: 1,
			});
			expect(opsOf(result.log)).toEqual([
				'client/update:200',
				'client/update:401',
				'refresh:200',
				'client/update:200',
				'client/update:200',
			]);
			expect(counters().logins - before.logins).toBe(0);
			expect(counters().refreshes - before.refreshes).toBe(1);
		},
	);

	ctx.test(
		'write (add a client): the api_url moves on a refresh in the middle of a run → the adds follow it, none lost or doubled',
		async () => {
			ctx.kind('api_url change on refresh mid-run');
			let from = '';
			const result = await ctx.runCase('write', undefined, {
				title: 'api_url moves on refresh',
				before: () => {
					from = liveToken().apiPrefix;
					// the company "moves host": the next refresh answers /api7
					vendor().state.apiPrefix = '/api7';
				},
				faults: [{ action: { type: 'expireSessions' } }],
				expect: 'ok',
				repeats: 1,
				logins: 1,
			});
			expect(pathsOf(result.log)).toEqual([
				`${from}/v1/client/add:200`,
				`${from}/v1/client/add:401`,
				`${from}/v1/refresh:200`,
				'/api7/v1/client/add:200',
				'/api7/v1/client/add:200',
			]);
			// the next execution goes straight to the new host, with no renewal
			const next = await ctx.runCase('read', undefined, {
				title: 'after the api_url moved',
				expect: 'ok',
				repeats: 0,
				logins: 0,
			});
			expect(pathsOf(next.log)).toEqual(Array(3).fill('/api7/v1/client/get:200'));
		},
	);

	ctx.test(
		'write (add a client): a token from the previous execution revoked by the salon, and the company moved → refresh refused, one login, every add on the new api_url once',
		async () => {
			ctx.kind('stale session revoked between runs + api_url change on login');
			const before = counters();
			let from = '';
			const result = await ctx.runCase('write', undefined, {
				title: 'revoked token, new api_url on login',
				before: () => {
					from = liveToken().apiPrefix;
					// between the executions the token is revoked (logged out elsewhere) and new logins land on /api8
					for (const session of vendor().state.sessions.values()) session.revoked = true;
					vendor().state.apiPrefix = '/api8';
				},
				expect: 'ok',
				repeats: 1,
				// the refused refresh and the login
				logins: 2,
			});
			expect(pathsOf(result.log)).toEqual([
				`${from}/v1/client/add:401`,
				`${from}/v1/refresh:401`,
				'/v1/login:200',
				...Array(3).fill('/api8/v1/client/add:200'),
			]);
			expect(counters().logins - before.logins).toBe(1);
			expect(counters().failedRefreshes - before.failedRefreshes).toBe(1);
		},
	);

	ctx.test(
		'read (get a client): the password edited between runs → a new login with it, the old token (still valid) never sent nor refreshed',
		async () => {
			ctx.kind('password edited between runs');
			let old = '';
			let password = '';
			const before = counters();
			const result = await ctx.runCase('read', undefined, {
				title: 'password edited between runs',
				before: async () => {
					const stored = await ctx.n8n.readCredential(ctx.credential.id);
					old = String(stored.sessionToken);
					expect(vendor().state.sessions.get(old)?.revoked).toBe(false);
					// the user changes only the password, in Simple Salon and in the credential; the hidden session fields stay
					password = ctx.sentinel('password');
					vendor().state.operators[0].password = password;
					ctx.credential.data = { ...stored, password };
					await ctx.n8n.importCredentials([ctx.credential]);
				},
				expect: 'ok',
				repeats: 0,
				logins: 1,
			});
			expect(opsOf(result.log)).toEqual([
				'login:200',
				'client/get:200',
				'client/get:200',
				'client/get:200',
			]);
			expect((result.log[0].body as IDataObject).password).toBe(password);
			expect(result.log.filter((request) => tokenOf(request) === old)).toEqual([]);
			// still valid on the server: only the node's own check kept it off the wire
			expect(vendor().state.sessions.get(old)?.revoked).toBe(false);
			expect(counters().refreshes - before.refreshes).toBe(0);
		},
	);
}

reliabilitySuite(simpleSalonReliability, simpleSalonCases);
