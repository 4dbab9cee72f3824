import { crypto } from 'business-pack-devkit';

import type { EmulatorRequest, EmulatorResponse } from '../../shared/emulator';
import { fail } from './types';

/*
 * Online booking client tokens, the `X-Online-Booking-Client-Token` header (notes §1.5): issued by
 * `online_booking/client/login|add`, needed next to the partner's Bearer token by the client payment type calls and
 * the `online_booking_client_id` filters of several lists. They belong to no single area, so they live here, one
 * registry per emulator (keyed by its shared state). "Everytime the token is used, its expiry will be set to 1 day
 * from the current time."
 */

export const ONLINE_BOOKING_CLIENT_TOKEN_HEADER = 'x-online-booking-client-token';
const SLIDING_EXPIRY_MS = 24 * 60 * 60 * 1000;

interface ClientToken {
	onlineBookingClientId: number;
	expiresAt: number;
}

const registries = new WeakMap<object, Map<string, ClientToken>>();

function registry(state: object): Map<string, ClientToken> {
	let tokens = registries.get(state);
	if (!tokens) {
		tokens = new Map();
		registries.set(state, tokens);
	}
	return tokens;
}

/** A new token for an online booking client (what login/add answer). */
export function issueOnlineBookingClientToken(state: object, onlineBookingClientId: number, now: number): string {
	const token = crypto.randomBytes(24).toString('hex');
	registry(state).set(token, { onlineBookingClientId, expiresAt: now + SLIDING_EXPIRY_MS });
	return token;
}

/** Forgets every token (emulator reset). */
export function clearOnlineBookingClientTokens(state: object): void {
	registry(state).clear();
}

/**
 * Checks a request's `X-Online-Booking-Client-Token` against the online booking client it acts for and slides its
 * expiry; answers the vendor's error otherwise. The codes avoid the words the node reads as "login token is dead".
 */
export function checkOnlineBookingClient(
	state: object,
	req: EmulatorRequest,
	onlineBookingClientId: number,
	now: number,
): EmulatorResponse | undefined {
	const header = (req.headers[ONLINE_BOOKING_CLIENT_TOKEN_HEADER] ?? '').trim();
	if (header === '') {
		return fail('MISSINGHEADER', 'The X-Online-Booking-Client-Token header of the logged in Online Booking Client is required', [
			'X-Online-Booking-Client-Token',
		]);
	}
	const entry = registry(state).get(header);
	if (!entry || now >= entry.expiresAt) {
		return fail('ONLINEBOOKINGCLIENTNOTLOGGEDIN', 'The Online Booking Client token is not valid or has expired; log the client in again', [
			'X-Online-Booking-Client-Token',
		]);
	}
	if (entry.onlineBookingClientId !== onlineBookingClientId) {
		return fail(
			'ONLINEBOOKINGCLIENTMISMATCH',
			`The X-Online-Booking-Client-Token header is not for online booking client ${onlineBookingClientId}`,
			['online_booking_client_id'],
		);
	}
	entry.expiresAt = now + SLIDING_EXPIRY_MS;
	return undefined;
}
