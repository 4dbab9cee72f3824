import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { sendWithSession } from '../shared/transport';
import { salonRequest, simpleSalonProtocol, type SalonCall } from './transport';

/*
 * Online Booking clients are the Simple Salon marketplace's consumers, not a salon's clients. Calls made for one carry
 * the partner's login token (the credential, as always) plus the consumer's own token in
 * `X-Online-Booking-Client-Token`, which Online Booking → Log In Client / Add Client answer. That token is the
 * consumer's secret and stays valid for a day after each use, so it is never stored in the credential: it is an input
 * of the operations that need it, usually an expression pointing at the Log In step.
 */

export const CLIENT_TOKEN_HEADER = 'X-Online-Booking-Client-Token';
export const CLIENT_TOKEN_FIELD = 'onlineBookingClientToken';

/** The masked "Online Booking Client Token" input. */
export function clientTokenProperty(required: boolean, note = ''): INodeProperties {
	const description = `The token of the logged-in online booking client: the "token" field of a previous Online Booking → Log In Client or Add Client step, usually mapped with an expression.${note} It is that client's secret — whoever holds it can act as them until it has been unused for a day — so do not store it or send it anywhere else.`;
	return {
		displayName: 'Online Booking Client Token',
		name: CLIENT_TOKEN_FIELD,
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: required || undefined,
		description,
		hint: 'Map it from the Log In Client step, e.g. {{ $json.token }} when that step comes right before',
	};
}

/** The client token of an item: an error naming the field when it is needed and empty, before any request. */
export function clientTokenOf(ctx: IExecuteFunctions, itemIndex: number, required: boolean): string | undefined {
	const raw = ctx.getNodeParameter(CLIENT_TOKEN_FIELD, itemIndex, '') as unknown;
	const token = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw).trim();
	if (token === '' && required) {
		throw new NodeOperationError(ctx.getNode(), `The field "Online Booking Client Token" is empty in item ${itemIndex}`, {
			itemIndex,
			description: 'Log the online booking client in first (Online Booking → Log In Client) and map its "token" output here with an expression.',
		});
	}
	if (/[\r\n]/.test(token)) {
		throw new NodeOperationError(ctx.getNode(), `The field "Online Booking Client Token" has an invalid value in item ${itemIndex}`, {
			itemIndex,
			description: 'A token is one line of text; map the "token" field of the Log In Client step.',
		});
	}
	return token === '' ? undefined : token;
}

/**
 * One API method made for an online booking client: the usual request with the login token, plus the client token
 * header when there is one. Returns the whole success envelope, like `salonRequest`. The header's value counts as a
 * secret of the request, so it never appears in an error.
 */
export async function salonClientRequest(ctx: IExecuteFunctions, call: SalonCall & { clientToken?: string }): Promise<IDataObject> {
	if (!call.clientToken) return await salonRequest(ctx, call);
	const response = await sendWithSession(
		ctx,
		simpleSalonProtocol,
		() => ({ method: 'POST', url: `/v1/${call.method}`, body: { ...call.body }, json: true, headers: { [CLIENT_TOKEN_HEADER]: call.clientToken! } }),
		{ idempotent: call.idempotent, itemIndex: call.itemIndex },
	);
	let body = response.body as unknown;
	if (typeof body === 'string') body = JSON.parse(body) as unknown;
	return (body && typeof body === 'object' ? body : {}) as IDataObject;
}
