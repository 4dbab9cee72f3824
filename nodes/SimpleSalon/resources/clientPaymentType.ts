import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { wantedCount } from '../../shared/paging';
import { salonBody, salonOperation, type SalonEndpoint, type SalonParam } from '../endpoint';
import { CLIENT_TOKEN_HEADER, clientTokenOf, clientTokenProperty } from '../onlineBookingClient';
import { salonList, salonRequest, type SalonCall } from '../transport';

/*
 * Cards stored for an online booking client (a marketplace consumer, not a company client), through the "slick"
 * gateway (Stripe). Every call acts for one logged-in online booking client: besides the partner's login token it
 * needs that client's token in the X-Online-Booking-Client-Token header ("Client Payment Types → Extra Fields →
 * Slick"), which Online Booking → Log In Client answers (the token input is the Online Booking resource's, from
 * ../onlineBookingClient.ts). Card details travel as `extra_fields` key/value pairs.
 */

const clientParam = (path: string): SalonParam => ({
	displayName: 'Online Booking Client ID',
	path,
	name: 'onlineBookingClientId',
	type: 'id',
	default: '',
	placeholder: '2828',
	description: 'The online booking client the cards belong to (the one the token was issued for)',
});

const gatewayParam = (path: string): SalonParam => ({
	displayName: 'Gateway',
	path,
	name: 'gateway',
	type: 'options',
	default: 'slick',
	description: 'The payment gateway that holds the card (Simple Salon supports Slick only)',
	options: [{ name: 'Slick (Stripe)', value: 'slick' }],
});

/** A card with its extra fields also at the top level (`external_id`, `card_number`, `card_type`), for mapping. */
function cardOut(card: IDataObject): IDataObject {
	const out: IDataObject = { ...card };
	for (const field of Array.isArray(card.extra_fields) ? (card.extra_fields as IDataObject[]) : []) {
		const key = typeof field?.extra_field === 'string' ? field.extra_field : '';
		if (/^\w+$/.test(key) && !(key in out)) out[key] = field.value;
	}
	return out;
}

const withWarnings = (json: IDataObject, reply: IDataObject): IDataObject =>
	Array.isArray(reply.warnings) && reply.warnings.length > 0 ? { ...json, warnings: reply.warnings } : json;

/** The call of an endpoint for one item, with the online booking client's token in its header. */
async function clientCall(ctx: IExecuteFunctions, endpoint: SalonEndpoint, itemIndex: number): Promise<SalonCall> {
	const token = clientTokenOf(ctx, itemIndex, true)!;
	const body = await salonBody(ctx, endpoint, itemIndex);
	return { method: endpoint.method, body, idempotent: endpoint.idempotent, itemIndex, headers: { [CLIENT_TOKEN_HEADER]: token } };
}

/** An operation whose fields come from its endpoint, after the (masked) online booking client token. */
function operation(endpoint: SalonEndpoint, execute: Operation['execute']): Operation {
	const base = salonOperation(endpoint);
	return { ...base, properties: [clientTokenProperty(true), ...base.properties], execute };
}

const listEndpoint: SalonEndpoint = {
	method: 'client_payment_type/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many client payment types',
	description: "List the cards stored for an online booking client",
	idempotent: true,
	required: [clientParam('filters.online_booking_client_id'), gatewayParam('filters.gateway')],
	list: { key: 'client_payment_types' },
};

const getAll = operation(listEndpoint, async function (this: IExecuteFunctions, itemIndex: number) {
	const call = await clientCall(this, listEndpoint, itemIndex);
	const rows = await salonList(this, { ...call, listKey: 'client_payment_types', wanted: wantedCount(this, itemIndex) });
	return rows.map(cardOut);
});

const addEndpoint: SalonEndpoint = {
	method: 'client_payment_type/add',
	value: 'add',
	name: 'Add',
	action: 'Add a client payment type',
	description: 'Store a card for an online booking client from a Stripe card token',
	// Storing twice would keep the card twice.
	idempotent: false,
	required: [
		clientParam('client_payment_type.online_booking_client_id'),
		gatewayParam('client_payment_type.gateway'),
		{
			path: 'cardToken',
			displayName: 'Stripe Card Token',
			type: 'string',
			placeholder: 'tok_1JUkoX2eZvKYlo2CF0CEp82y',
			description: "The Stripe token of the card (made with Simple Salon's Stripe publishable key)",
		},
	],
	build(ctx, itemIndex, body) {
		const card = body.client_payment_type as IDataObject;
		card.extra_fields = [{ extra_field: 'token', value: String(body.cardToken).trim() }];
		delete body.cardToken;
		return body;
	},
};

const add = operation(addEndpoint, async function (this: IExecuteFunctions, itemIndex: number) {
	const reply = await salonRequest(this, await clientCall(this, addEndpoint, itemIndex));
	return withWarnings(cardOut((reply.client_payment_type as IDataObject) ?? {}), reply);
});

const deleteEndpoint: SalonEndpoint = {
	method: 'client_payment_type/delete',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a client payment type',
	description: 'Remove a card stored for an online booking client',
	idempotent: true,
	// The docs mark no field required, but the card is only named by all three.
	required: [
		clientParam('online_booking_client_id'),
		gatewayParam('gateway'),
		{
			path: 'externalId',
			displayName: 'Card External ID',
			type: 'string',
			placeholder: '3490',
			description: 'The external_id of the card, as Get Many answers it',
		},
	],
	build(ctx, itemIndex, body) {
		body.extra_fields = [{ extra_field: 'external_id', value: String(body.externalId).trim() }];
		delete body.externalId;
		return body;
	},
};

const remove = operation(deleteEndpoint, async function (this: IExecuteFunctions, itemIndex: number) {
	const call = await clientCall(this, deleteEndpoint, itemIndex);
	const reply = await salonRequest(this, call);
	const body = call.body;
	return withWarnings(
		{ success: true, online_booking_client_id: body.online_booking_client_id, gateway: body.gateway, external_id: (body.extra_fields as IDataObject[])[0].value },
		reply,
	);
});

export const clientPaymentType: Resource = {
	value: 'clientPaymentType',
	name: 'Client Payment Type',
	description: 'Cards stored for online booking clients',
	// the first one is picked with the resource: Get Many
	operations: [getAll, add, remove],
};
