import { crypto, delay } from 'business-pack-devkit';
import type { IDataObject } from 'n8n-workflow';

import {
	ADMIN_USERNAME,
	createSimplyCrmEmulator,
	type SimplyCrmEmulator,
} from '../../emulators/simply-crm';
import type { RecordedRequest } from '../../emulators/shared/emulator';
import type { VendorEmulator } from '../../emulators/shared/types';
import { newId, packNodeType, webhookWorkflow, type CredentialSpec } from './harness';
import { KINDS, reliabilitySuite, type ReliabilityContext } from './reliability/runner';
import type { VendorReliability } from './reliability/types';

/*
 * Simply CRM in the reliability suite: a record read, an update (retrieve + merge + update: idempotent) and a create
 * (not idempotent) through every generic fault, and the vtiger-specific cases — the session refused with
 * INVALID_SESSIONID inside an HTTP 200 in the middle of each kind of run, a session left idle between runs, an access
 * key edited between runs while the old session is still alive on the server, and two executions whose logins
 * replace each other's challenge token.
 */

const NODE = 'Simply CRM';
const crm = (vendor: VendorEmulator) => vendor as SimplyCrmEmulator;
const column = (id: string, required = false) => ({
	id,
	displayName: id,
	required,
	defaultMatch: id === 'id',
	display: true,
	type: 'string',
	canBeUsedToMatch: true,
});
const contacts = (vendor: VendorEmulator) =>
	crm(vendor).state.records.Contacts.filter((record) => !record.deleted);
const READ_IDS = ['12x141', '12x142', '12x143'];
/** Contacts updated so far: each call takes the next three, so items of one run never share a record. */
let updated = 0;

/** Contacts carrying this last name (a create's marker). */
const withLastname = (vendor: VendorEmulator, lastname: unknown) =>
	contacts(vendor).filter((record) => record.values.lastname === lastname).length;

/** Creates Contacts with the item's `lastname` as its marker. */
const createContact = {
	resource: 'record',
	operation: 'create',
	module: 'Contacts',
	columns: {
		mappingMode: 'defineBelow',
		value: { lastname: '={{ $json.lastname }}' },
		matchingColumns: [],
		schema: [column('lastname', true)],
	},
};

export const simplyCrmReliability: VendorReliability = {
	vendor: 'simply-crm',
	nodeName: NODE,
	nodeType: 'simplyCrm',
	credentialType: 'simplyCrmApi',
	createEmulator: () => createSimplyCrmEmulator(),
	credential(vendor, sentinel) {
		const { state, emulator } = crm(vendor);
		const admin = state.users.find((user) => user.userName === ADMIN_USERNAME)!;
		admin.accessKey = sentinel('accessKey');
		admin.password = sentinel('password');
		return {
			url: emulator.url,
			username: ADMIN_USERNAME,
			accessKey: admin.accessKey,
			password: admin.password,
		};
	},
	// the login carries md5(challenge token + access key), never the key: the token is the user's live challenge (the
	// emulator logs requests, not answers), i.e. the one the newest login was made with
	loginProves(vendor, login, secret) {
		const { state } = crm(vendor);
		const admin = state.users.find((user) => user.userName === ADMIN_USERNAME)!;
		const token = state.challenges.get(admin.id)?.token;
		const sent = (login.body as Record<string, string> | undefined)?.accessKey;
		return (
			login.op === 'login' &&
			token !== undefined &&
			sent ===
				crypto
					.createHash('md5')
					.update(token + secret)
					.digest('hex')
		);
	},
	// vtiger's answer to a session it no longer knows: INVALID_SESSIONID inside an HTTP 200 (the emulator's
	// expireSessions gives SESSION_EXPIRED, which the generic expiry fault already covers)
	expireSession: (vendor) => crm(vendor).state.sessions.clear(),
	loginOps: ['login'],
	operations: {
		read: {
			title: 'get a contact',
			parameters: { resource: 'record', operation: 'get', recordId: '={{ $json.id }}' },
			input: () => READ_IDS.map((id) => ({ id })),
			op: 'retrieve',
			effects: (_vendor, items, output) =>
				items.map((item, index) => (output[index]?.id === item.id ? 1 : 0)),
		},
		idempotent: {
			title: 'update a contact',
			parameters: {
				resource: 'record',
				operation: 'update',
				module: 'Contacts',
				columns: {
					mappingMode: 'defineBelow',
					value: { id: '={{ $json.id }}', title: '={{ $json.title }}' },
					matchingColumns: ['id'],
					schema: [column('id'), column('title')],
				},
			},
			input: (vendor, tag) => {
				const rows = contacts(vendor);
				return [0, 1, 2].map((index) => ({
					id: rows[updated++ % rows.length].values.id,
					title: `${tag} title ${index}`,
				}));
			},
			op: 'update',
			effects: (vendor, items) =>
				items.map((item) =>
					contacts(vendor).find((record) => record.values.id === item.id)?.values.title ===
					item.title
						? 1
						: 0,
				),
		},
		write: {
			title: 'create a contact',
			parameters: createContact,
			input: (_vendor, tag) => [0, 1, 2].map((index) => ({ lastname: `${tag}-${index}` })),
			op: 'create',
			effects: (vendor, items) => items.map((item) => withLastname(vendor, item.lastname)),
		},
	},
};

// ---------------------------------------------------------------------------------------------------------------
// The vtiger-specific cases

/** The sessionName a webservice request went with (GET: query, POST: form body). */
const sessionOf = (request: RecordedRequest) =>
	request.query.sessionName ?? (request.body as Record<string, string> | undefined)?.sessionName;
const opsOf = (log: RecordedRequest[]) => log.map((request) => request.op);

function simplyCrmCases(ctx: ReliabilityContext) {
	const vendor = () => crm(ctx.vendor);
	const emulator = () => vendor().emulator;
	/** Until `restore()`, the server's forced expiry forgets every session instead: vtiger then says INVALID_SESSIONID. */
	const forgetSessionsInstead = () => {
		const expire = vendor().backend.expireSessions;
		vendor().backend.expireSessions = () => vendor().state.sessions.clear();
		return () => (vendor().backend.expireSessions = expire);
	};

	for (const kind of KINDS) {
		const { op, title } = simplyCrmReliability.operations[kind];
		ctx.test(
			`${kind} (${title}): INVALID_SESSIONID inside an HTTP 200 before item 2 → one login, item 2 sent once more, all 3 succeed`,
			async () => {
				ctx.kind('INVALID_SESSIONID inside an HTTP 200 mid-run');
				let restore = () => undefined as unknown;
				try {
					const result = await ctx.runCase(kind, undefined, {
						title: 'INVALID_SESSIONID mid-run',
						before: () => {
							restore = forgetSessionsInstead();
						},
						faults: [{ action: { type: 'expireSessions' } }],
						expect: 'ok',
						repeats: 1,
						logins: 1,
					});
					const attempts = result.attempts;
					// the session item 2 went with is gone from the server (not expired): vtiger's INVALID_SESSIONID
					expect(sessionOf(attempts[1])).toBe(sessionOf(attempts[0]));
					expect(vendor().state.sessions.has(String(sessionOf(attempts[1])))).toBe(false);
					expect(opsOf(result.log.slice(result.log.indexOf(attempts[1]) + 1)).slice(0, 2)).toEqual([
						'getchallenge',
						'login',
					]);
					expect(
						attempts.slice(2).every((request) => sessionOf(request) !== sessionOf(attempts[1])),
					).toBe(true);
					expect(opsOf(result.log).filter((name) => name === op)).toHaveLength(4);
				} finally {
					restore();
				}
			},
		);
	}

	ctx.test(
		'read (get a contact): a session left idle too long (SESSION_LEFT_IDLE) between runs → one login, all 3 succeed',
		async () => {
			ctx.kind('SESSION_LEFT_IDLE between runs');
			const result = await ctx.runCase('read', undefined, {
				title: 'SESSION_LEFT_IDLE between runs',
				// vtiger drops a session unused for 30 minutes
				before: () => vendor().state.sessions.forEach((session) => (session.lastUsedAt = 0)),
				expect: 'ok',
				repeats: 1,
				logins: 1,
			});
			expect(opsOf(result.log)).toEqual([
				'retrieve',
				'getchallenge',
				'login',
				'retrieve',
				'retrieve',
				'retrieve',
			]);
		},
	);

	ctx.test(
		'read (get a contact): the access key edited between runs → the login hashes the new key, the old session (still alive) is never sent',
		async () => {
			ctx.kind('access key edited between runs (challenge-response login)');
			let old = '';
			let oldKey = '';
			let newKey = '';
			const result = await ctx.runCase('read', undefined, {
				title: 'access key edited between runs',
				before: async () => {
					const stored = await ctx.n8n.readCredential(ctx.credential.id);
					old = String(stored.sessionName);
					oldKey = String(stored.accessKey);
					expect(vendor().state.sessions.has(old)).toBe(true);
					// the user makes a new key in the CRM and pastes it into the credential; the hidden session fields stay
					const fresh = simplyCrmReliability.credential(ctx.vendor, ctx.sentinel);
					newKey = String(fresh.accessKey);
					ctx.credential.data = { ...stored, ...fresh };
					await ctx.n8n.importCredentials([ctx.credential]);
				},
				expect: 'ok',
				repeats: 0,
				logins: 1,
			});
			expect(opsOf(result.log)).toEqual([
				'getchallenge',
				'login',
				'retrieve',
				'retrieve',
				'retrieve',
			]);
			const [challenge, login] = result.log;
			expect(challenge.query.username).toBe(ADMIN_USERNAME);
			expect(simplyCrmReliability.loginProves!(ctx.vendor, login, newKey)).toBe(true);
			expect(simplyCrmReliability.loginProves!(ctx.vendor, login, oldKey)).toBe(false);
			// the old session still works on the server, so only the node's own check kept it off the wire
			expect(vendor().state.sessions.has(old)).toBe(true);
			expect(result.log.filter((request) => sessionOf(request) === old)).toEqual([]);
		},
	);

	describe('two executions logging in at once (webhook calls on a cold credential)', () => {
		// a credential of its own, never used, so both executions start without a session
		const credential: CredentialSpec = {
			id: newId(),
			name: 'Simply CRM (cold, two at once)',
			type: 'simplyCrmApi',
			data: {},
		};
		const path = `reliability-simply-crm-collision-${newId().toLowerCase()}`;
		const workflow = webhookWorkflow({
			name: 'Simply CRM reliability: two executions at once',
			path,
			nodes: [
				{
					name: NODE,
					type: packNodeType('simplyCrm'),
					parameters: { ...createContact, concurrency: 2 },
					credentials: { simplyCrmApi: { id: credential.id, name: credential.name } },
					continueOnFail: true,
				},
			],
		});
		const call = async (items: IDataObject[]) => {
			let answer = await ctx.n8n.callWebhook(path, { items });
			// n8n registers the webhooks of published workflows a moment after it reports ready
			for (
				let wait = 0;
				answer.status === 404 && /not registered/.test(JSON.stringify(answer.body)) && wait < 120;
				wait++
			) {
				await delay(250);
				answer = await ctx.n8n.callWebhook(path, { items });
			}
			expect(answer.status).toBe(200);
			return answer.body as IDataObject[];
		};

		beforeAll(
			async () => {
				credential.data = Object.fromEntries(
					Object.entries(ctx.credential.data).filter(([field]) =>
						['url', 'username', 'accessKey', 'password'].includes(field),
					),
				);
				await ctx.n8n.importCredentials([credential]);
				await ctx.n8n.importWorkflow(workflow);
				await ctx.n8n.publish(workflow.id!);
				// a webhook published after the start is registered on the next one
				await ctx.n8n.stop();
				await ctx.n8n.start();
			},
			5 * 60 * 1000,
		);

		ctx.test(
			'both succeed, one login per challenge (the refused one starts over once), every contact created once',
			async () => {
				ctx.kind('challenge-token collision between two executions');
				emulator().clearLog();
				emulator().clearFaults();
				// hold the first login until the other execution has asked for its own challenge (which replaces the first one's)
				emulator().inject({ when: { op: 'login' }, times: 1, action: { type: 'delay', ms: 3000 } });
				const tag = `collision-${newId()}`;
				const batches = ['a', 'b'].map((side) =>
					[0, 1].map((index) => ({ lastname: `${tag}-${side}-${index}` })),
				);
				const answers = await Promise.all(batches.map(call));
				answers.forEach((answer, index) => {
					expect(answer.map((item) => item.error)).toEqual([undefined, undefined]);
					expect(answer.map((item) => item.lastname)).toEqual(
						batches[index].map((item) => item.lastname),
					);
				});
				for (const item of batches.flat()) expect(withLastname(vendor(), item.lastname)).toBe(1);
				// the login whose challenge was replaced is refused and that execution asks again once: 3 challenges, or 4
				// when the held login is the newer one (then the other execution's login is refused first)
				const challenges = emulator().requests('getchallenge').length;
				expect([3, 4]).toContain(challenges);
				expect(emulator().requests('login')).toHaveLength(challenges);
				expect(emulator().requests('create')).toHaveLength(4);
				// the sessions of these executions are secrets for the scan too
				for (const session of emulator().log.map(sessionOf)) if (session) ctx.secrets.add(session);
			},
		);
	});
}

reliabilitySuite(simplyCrmReliability, simplyCrmCases);
