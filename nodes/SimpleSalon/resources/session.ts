import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { salonDiscardSession, salonRequest } from '../transport';

/*
 * The login session the credential keeps. Switch and Log Out act on the credential's cached
 * login token (they send it in the body, as documented); both leave it dead, so the next request logs in again.
 */

/** The reply minus what must not reach the output (the new token) or means nothing after the discard. */
function withoutToken(reply: IDataObject): IDataObject {
	const rest = { ...reply };
	for (const key of ['success', 'token', 'api_url', 'expiry', 'operator']) delete rest[key];
	const operator = reply.operator;
	const out: IDataObject = typeof operator === 'object' && operator !== null && !Array.isArray(operator) ? { ...(operator as IDataObject) } : {};
	return { ...out, ...rest };
}

const switchOperator: Operation = {
	value: 'switchOperator',
	name: 'Switch Operator by PIN',
	action: 'Switch operator by PIN',
	description:
		"Check a staff member's quick login PIN and return who it belongs to. Simple Salon ends the credential's cached login token when switching; the node logs out the new session straight away, and the next request logs in again as the credential's user.",
	endpoints: ['switch', 'logout'],
	properties: [
		{
			displayName: 'PIN',
			name: 'pin',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The quick login PIN of the operator to switch to (digits only)',
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const raw = this.getNodeParameter('pin', itemIndex, '') as unknown;
		const pin = typeof raw === 'number' ? String(raw) : String(raw ?? '').trim();
		// The API types the PIN as an integer: leading zeros cannot be told apart.
		if (!/^\d{1,9}$/.test(pin)) {
			throw new NodeOperationError(this.getNode(), `The field "PIN" must be digits only in item ${itemIndex}`, {
				itemIndex,
				description: pin === '' ? 'Enter the operator\'s quick login PIN.' : 'A quick login PIN is a whole number, e.g. 4567.',
			});
		}
		const reply = await salonRequest(this, {
			method: 'switch',
			body: { pin: Number(pin) },
			// a second switch could act on the token the first one already killed
			idempotent: false,
			itemIndex,
			tokenInBody: true,
			endsSession: true,
		});
		// The node cannot keep a session of another operator: end it rather than leave it live.
		await salonDiscardSession(this, reply.api_url, reply.token);
		return withoutToken(reply);
	},
};

const logOut: Operation = {
	value: 'logOut',
	name: 'Log Out',
	action: 'Log out',
	description: "End the credential's cached login token; the next request logs in again",
	endpoints: ['logout'],
	properties: [],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const reply = await salonRequest(this, { method: 'logout', body: {}, idempotent: true, itemIndex, tokenInBody: true, endsSession: true });
		const warnings = reply.warnings;
		return { loggedOut: true, ...(Array.isArray(warnings) && warnings.length > 0 ? { warnings } : {}) };
	},
};

export const session: Resource = {
	value: 'session',
	name: 'Session',
	description: "The credential's login session: switch operator by PIN, log out",
	operations: [switchOperator, logOut],
};
