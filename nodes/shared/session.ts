import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/*
 * Cached vendor sessions, renewed through n8n's own refresh path.
 *
 * A credential keeps its session in a hidden `expirable` field filled by `preAuthentication`. n8n refreshes such a
 * session by itself only when a request fails with HTTP 401, but our vendors also signal a dead session in other ways
 * (an error inside an HTTP 200 body, a 404 with XML). When a transport sees its vendor's signal it repeats the request
 * once, marked with the session that failed. The credential's `authenticate` function starts with `guardSession`,
 * which throws a synthetic 401 for that marked session; n8n then runs `preAuthentication` again, stores the new
 * session in the database (so later executions start with it) and sends the request with it.
 */

/** Set by `guardSession` on every request: the fingerprint of the session the request was sent with. */
export const SESSION_USED = Symbol.for('n8n-nodes-business-pack.sessionUsed');
/** Set by the transport on a repeat: the fingerprint of the session the vendor rejected. */
export const STALE_SESSION = Symbol.for('n8n-nodes-business-pack.staleSession');

type MarkedOptions = IHttpRequestOptions & { [SESSION_USED]?: string; [STALE_SESSION]?: string };

/** A short one-way digest, so no session or secret is ever kept or compared in clear outside the credential. */
export function fingerprint(...parts: unknown[]): string {
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 24);
}

/** What `preAuthentication` stores next to the session: which login inputs it was made for. */
export function sessionBinding(credentials: ICredentialDataDecryptedObject, loginFields: string[]): string {
	return fingerprint(loginFields.map((field) => credentials[field] ?? ''));
}

/** The synthetic error that makes n8n re-run `preAuthentication` (it refreshes on `response.status === 401`). */
export class SessionRenewalRequired extends Error {
	readonly response = { status: 401, statusText: 'Session renewal required', headers: {}, data: {} };

	constructor() {
		super('The cached session is no longer valid; logging in again');
		this.name = 'SessionRenewalRequired';
	}
}

/**
 * First call in every credential's `authenticate`. Throws `SessionRenewalRequired` when the session is the one the
 * vendor just rejected, or was made for other login inputs (the user edited the URL, user or secret since).
 */
export function guardSession(
	requestOptions: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	sessionField: string,
	loginFields: string[],
): string {
	const options = requestOptions as MarkedOptions;
	const session = String(credentials[sessionField] ?? '');
	const used = fingerprint(session);
	const stale = options[STALE_SESSION];
	if (stale !== undefined && stale === used) {
		delete options[STALE_SESSION];
		throw new SessionRenewalRequired();
	}
	if (session !== '' && credentials.sessionBinding !== sessionBinding(credentials, loginFields)) {
		throw new SessionRenewalRequired();
	}
	options[SESSION_USED] = used;
	return session;
}

/** Marks a fresh copy of a request so that `guardSession` refuses the session the previous attempt used. */
export function markStale(next: IHttpRequestOptions, previous: IHttpRequestOptions): IHttpRequestOptions {
	const used = (previous as MarkedOptions)[SESSION_USED];
	if (used !== undefined) (next as MarkedOptions)[STALE_SESSION] = used;
	return next;
}
