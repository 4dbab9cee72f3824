/**
 * Synergist API v3.2 emulator: `GET /jsonapi/<area>.json?…` with the credentials in the query string of every call.
 *
 * Authentication, as the reference describes it and as this emulator enforces it:
 * - `users.json?action=GETSHA512` with `user` + plain `password` answers the server's `userPasswordSha512`.
 * - Every other call carries `user` + `sha512password`. The real server also takes the plain `password` on every call;
 *   this emulator refuses that (ErrorID 404505) so tests prove the node never sends it (`acceptPlainPassword: true`
 *   restores the server's behaviour).
 * - The hash is server-side and salted (the reference's example hash is not sha512 of the example password), so it
 *   stays valid only while the server keeps that salt. `expireSessions()` re-salts every user, which is what a
 *   password re-save on the server does: the cached hash then meets the documented error signal, HTTP 404 with
 *   `<Responses><Error ErrorID="404002"><ErrorText>invalid credentials supplied</ErrorText>…`, and the same plain
 *   password gets the new hash from GETSHA512. `sessionTtlMs` re-salts a user's hash that long after it was made.
 *
 * Errors: request-level problems (credentials, unknown area or action, malformed parameters or `input`) answer the
 * documented HTTP 404 + XML; problems with the data of a valid request (missing mandatory input fields, unknown
 * client or template) answer HTTP 200 with the JSON error envelope (`success:false`, `errorcode`, `errormessage`),
 * the reference's other error form. A filter that matches nothing (e.g. `job=` of no job) is an empty success.
 */
import { createHash } from 'node:crypto';

import { now } from 'business-pack-devkit';

import { Emulator, type EmulatorRequest, type EmulatorResponse, type Route } from '../shared/emulator';
import type { VendorEmulator } from '../shared/types';
import { AREAS } from './areas';
import {
	ERROR,
	JsonFault,
	XmlFault,
	fault,
	jsonError,
	lowerKeys,
	xmlError,
	type AreaHandler,
	type SynergistEmulatorOptions,
	type SynergistState,
} from './areas/types';
import { apiVersion } from './schemas';
import { API_USER, DEFAULT_COMPANY, DEFAULT_SEED_COUNT, seedClients, seedCompanies, seedJobs, seedUsers, seedViews, serverHash, type SynergistUser } from './seed';
export { API_USER, DEFAULT_COMPANY, DEFAULT_SEED_COUNT, serverHash } from './seed';
export type { SynergistClient, SynergistCompany, SynergistJob, SynergistUser, SynergistView } from './seed';
export { AREAS } from './areas';
export { ERROR, xmlError } from './areas/types';
export type { Area, AreaHandler, Call, SynergistEmulatorOptions, SynergistState } from './areas/types';

export type SynergistEmulator = VendorEmulator<SynergistState> & {
	/** The hash GETSHA512 would answer now for a user (default: the API user). */
	currentHash(login?: string): string;
	/** Make a user's password something else (the cached hash and the old password both stop working). */
	changePassword(login: string, password: string): void;
};

/** The operation label of a request: `GETSHA512`, `jobs:GETJOB`, `jobs:LIST`, `jobs:CREATE`, `views:LIST`, … */
export function synergistOperation(req: EmulatorRequest): string | undefined {
	const match = /^\/jsonapi\/([A-Za-z]+)\.json$/i.exec(req.path);
	if (!match) return undefined;
	const area = match[1].toLowerCase();
	const params = lowerKeys(req.query);
	const action = (params.action ?? '').trim().replace(/\s+/g, ' ').toUpperCase();
	if (area === 'users' && action === 'GETSHA512') return 'GETSHA512';
	if (action !== '') return `${area}:${action}`;
	if ((params.style ?? '').toLowerCase() === 'modelstructure') return `${area}:STRUCTURE`;
	if (area === 'jobs' && params.job !== undefined) return 'jobs:GETJOB';
	return `${area}:LIST`;
}

export function createSynergistEmulator(options: SynergistEmulatorOptions = {}): SynergistEmulator {
	const seedCount = options.seedCount ?? DEFAULT_SEED_COUNT;
	const callOptions = { firstPage: options.firstPage ?? 1, defaultRows: options.defaultRows ?? 0, maxRows: options.maxRows };
	const state: SynergistState = {
		companies: new Map(),
		users: [],
		clients: new Map(),
		jobs: new Map(),
		views: [],
		counters: { hashesIssued: 0, credentialRejections: 0, saltRotations: 0, jobsCreated: 0 },
		extra: new Map(),
	};

	const reset = () => {
		const clock = now();
		const clients = seedClients();
		state.companies = new Map(seedCompanies().map((c) => [c.number, c]));
		state.users = seedUsers(clock);
		state.clients = new Map(clients.map((c) => [c.code, c]));
		state.jobs = new Map(seedJobs(seedCount, clients).map((j) => [j.jobNumber, j]));
		state.views = seedViews();
		state.counters = { hashesIssued: 0, credentialRejections: 0, saltRotations: 0, jobsCreated: 0 };
		// every area re-seeds its own state on first use (areaState)
		state.extra = new Map();
		state.companies.get(1)!.nextJobNumber = seedCount + 1;
		state.companies.get(8)!.nextJobNumber = 800007;
	};
	reset();

	const resalt = (user: SynergistUser) => {
		state.counters.saltRotations++;
		user.userRecordVersionNumber++;
		user.userTimestampModified = Math.floor(now() / 1000);
		user.salt = createHash('md5').update(`salt:${user.login}:${user.userRecordVersionNumber}`).digest('hex');
		user.saltIssuedAt = now();
	};

	/** Who is calling, checked the way the reference's error codes describe (404001–404003). */
	const authenticate = (params: Record<string, string>, isGetSha512: boolean): SynergistUser => {
		const login = params.user ?? '';
		const plain = params.password;
		const hash = params.sha512password;
		if (login === '' || ((plain === undefined || plain === '') && (hash === undefined || hash === ''))) throw fault(ERROR.noCredentials);
		const user = state.users.find((u) => u.login.toLowerCase() === login.toLowerCase());
		if (plain !== undefined && !isGetSha512 && !options.acceptPlainPassword) {
			throw new XmlFault(404505, 'plain password not accepted: send sha512password (emulator policy)');
		}
		if (user && options.sessionTtlMs !== undefined && now() - user.saltIssuedAt > options.sessionTtlMs) resalt(user);
		const valid = user !== undefined && (hash !== undefined && hash !== '' ? hash === serverHash(user) : plain === user.password);
		if (!valid) {
			state.counters.credentialRejections++;
			throw fault(ERROR.invalidCredentials);
		}
		if (user.disabled) throw fault(ERROR.accountDisabled);
		return user;
	};

	const handle = (req: EmulatorRequest): EmulatorResponse => {
		try {
			if (req.params.api.toLowerCase() !== 'jsonapi' || req.method !== 'GET') throw fault(ERROR.notRecognized);
			const params = lowerKeys(req.query);
			const areaName = req.params.area.toLowerCase();
			// `purchaseinputprints -2096`: the template code follows the action after a space
			const [action, ...argument] = (params.action ?? '').trim().toLowerCase().split(/\s+/);
			const actionArgument = argument.length > 0 ? (params.action ?? '').trim().split(/\s+/).slice(1).join(' ') : undefined;
			const user = authenticate(params, areaName === 'users' && action === 'getsha512');
			if (params.version === undefined || !apiVersion.safeParse(params.version).success) throw fault(ERROR.notRecognized);
			const area = AREAS[areaName];
			if (!area) throw fault(ERROR.notRecognized);
			let handler: AreaHandler | undefined;
			if (action === '') handler = area.read;
			else if (actionArgument === undefined) handler = area.actions?.[action];
			else handler = area.actions?.[`${action} <templatecode>`];
			if (!handler) {
				if (action === '') throw fault(ERROR.notRecognized);
				throw new XmlFault(404500, `invalid action ${params.action}`);
			}
			return handler({
				params,
				action: action === '' ? undefined : action,
				actionArgument,
				user,
				state,
				options: callOptions,
				clock: now(),
				baseUrl: emulator.url,
				req,
			});
		} catch (error) {
			if (error instanceof XmlFault) return xmlError(error.errorId, error.message);
			if (error instanceof JsonFault) return jsonError(error.code, error.message);
			return { status: 500, body: { error: (error as Error).message } };
		}
	};

	const notRecognized = () => xmlError(...ERROR.notRecognized);
	const routes: Route[] = [
		...Object.values(AREAS).flatMap((area) => area.routes ?? []),
		{ method: '*', path: '/:api/:area.json', handler: handle },
		// Anything else on the server answers with the same XML error document.
		{ method: '*', path: '/:a', handler: notRecognized },
		{ method: '*', path: '/:a/:b', handler: notRecognized },
		{ method: '*', path: '/:a/:b/:c', handler: notRecognized },
	];

	const emulator = new Emulator({
		name: 'synergist',
		port: options.port,
		latencyMs: options.latencyMs,
		routes,
		opOf: synergistOperation,
		expireSessions: () => state.users.forEach(resalt),
		reset,
	});

	const findUser = (login: string) => {
		const user = state.users.find((u) => u.login === login);
		if (!user) throw new Error(`No Synergist user ${login}`);
		return user;
	};

	return {
		emulator,
		state,
		credentialData: () => ({
			url: emulator.url,
			username: API_USER.login,
			loginMode: 'plain',
			password: API_USER.password,
			company: DEFAULT_COMPANY,
			apiVersion: '3.2',
			firstPage: callOptions.firstPage,
		}),
		currentHash: (login = API_USER.login) => serverHash(findUser(login)),
		changePassword: (login, password) => {
			const user = findUser(login);
			user.password = password;
			resalt(user);
		},
	};
}
