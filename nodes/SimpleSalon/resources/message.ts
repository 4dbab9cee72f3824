import { NodeOperationError, type INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { salonOperation, type SalonEndpoint } from '../endpoint';
import { salonId } from '../fields';
import { confirmation, withProperties } from './account';

/*
 * Messages the salon sends: an SMS to a client, a push notification to staff, a template (or the built-in booking
 * confirmation), and the SMS cost check. Sending spends SMS credit and reaches people, so a send is never repeated
 * automatically once it may have reached Simple Salon. The cost check only estimates, so it may be repeated.
 */

const messageText = (show?: Record<string, string[]>): INodeProperties => ({
	displayName: 'Message',
	name: 'message',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	required: true,
	placeholder: 'Hi #ClientFirstName#, your appointment is confirmed.',
	description:
		'The text. One SMS holds 160 plain characters, or 70 with emojis or other special characters; longer texts use several credits (up to 612 / 268 characters) if the company allows combined SMS.',
	...(show ? { displayOptions: { show } } : {}),
});

const sms: SalonEndpoint = {
	method: 'send/sms',
	value: 'sendSms',
	name: 'Send SMS',
	action: 'Send an SMS to a client',
	description: 'Text a client\'s mobile (uses SMS credit; refused for clients who turned off SMS promotions)',
	idempotent: false,
	required: [
		{ path: 'client_id', displayName: 'Client ID', description: 'The number of the client in Simple Salon, e.g. 1111', type: 'id', placeholder: '1111' },
		{ path: 'message', displayName: 'Message', description: 'The text of the message', type: 'string' },
	],
	output: (reply, ctx, itemIndex) => confirmation(reply, { sent: true, client_id: salonId(ctx, 'client_id', itemIndex, 'Client ID') }),
};

const ROLES = [
	{ name: 'Administrator', value: -1 },
	{ name: 'API Only', value: -5 },
	{ name: 'Manager', value: -3 },
	{ name: 'Staff', value: -2 },
];

const push: SalonEndpoint = {
	method: 'send/push',
	value: 'sendPush',
	name: 'Send Push Notification',
	action: 'Send a push notification',
	description: 'Notify a staff member, or everyone with a role, on their devices',
	idempotent: false,
	required: [
		{
			path: 'category',
			displayName: 'Category',
			description: 'The kind of notification, which decides how the staff app shows it',
			type: 'options',
			default: 'client_arrived',
			options: [
				{ name: 'Appointment Pending', value: 'appointment_pending' },
				{ name: 'Client Arrived', value: 'client_arrived' },
			],
		},
		{ path: 'title', displayName: 'Title', description: 'The heading of the notification', type: 'string', placeholder: 'Client Arrived' },
		{ displayName: 'Message', description: 'The text of the notification', path: 'message', name: 'pushMessage', type: 'string', default: '', placeholder: 'Joe has arrived for their 10:45am appointment.' },
	],
	additional: [
		{
			path: 'expiry_date',
			displayName: 'Expiry Date',
			type: 'dateTime',
			description: 'When to drop the notification if it has not been delivered yet, in the salon\'s local time (any time zone offset is ignored)',
		},
	],
	build(ctx, itemIndex, body) {
		if (ctx.getNodeParameter('sendTo', itemIndex, 'operator') === 'role') {
			body.role_id = Number(ctx.getNodeParameter('roleId', itemIndex, -2));
		} else {
			body.operator_id = salonId(ctx, 'pushOperatorId', itemIndex, 'Operator');
		}
		return body;
	},
	output: (reply) => confirmation(reply, { sent: true }),
};

const template: SalonEndpoint = {
	method: 'send/template',
	value: 'sendTemplate',
	name: 'Send Template',
	action: 'Send a template message',
	description: 'Send one of the salon\'s message templates, or the booking confirmation of an appointment',
	idempotent: false,
	additional: [
		{ path: 'client_id', displayName: 'Client ID', type: 'id', description: 'The client to send to (client fields in the template are filled from this client)' },
		{
			path: 'operator_id',
			displayName: 'Operator ID',
			type: 'id',
			loadOptionsMethod: 'getOperators',
			description: 'The staff member to send to (operator fields in the template are filled from this operator)',
		},
	],
	build(ctx, itemIndex, body) {
		const source = ctx.getNodeParameter('templateSource', itemIndex, 'booking_confirmation') as string;
		const appointment = String(ctx.getNodeParameter('appointmentId', itemIndex, '') ?? '').trim();
		if (source === 'template') {
			body.template_id = salonId(ctx, 'templateId', itemIndex, 'Template ID');
			if (appointment !== '') body.appointment_id = salonId(ctx, '', itemIndex, 'Appointment ID', appointment);
		} else {
			body.template_type = source;
			body.appointment_id = salonId(ctx, '', itemIndex, 'Appointment ID', appointment);
		}
		// typed string in the docs' table (unlike every other operator_id)
		if (body.operator_id !== undefined) body.operator_id = String(body.operator_id);
		return body;
	},
	output: (reply) => confirmation(reply, { sent: true }),
};

const smsCheck: SalonEndpoint = {
	method: 'send/sms/check',
	value: 'checkSms',
	name: 'Check SMS Cost',
	action: 'Check the cost of an SMS',
	description: 'Count the characters and credits a text or SMS template needs, optionally with a quote against the balance',
	idempotent: true,
	additional: [
		{ path: 'recipient_count', displayName: 'Recipient Count', type: 'number', default: 1, description: 'How many people the message goes to, for the totals' },
		{
			path: 'quote',
			displayName: 'Include Quote',
			type: 'boolean',
			description:
				'Whether to add the balance, the funds and free credits the message would use, and a top-up quote if needed. Slower, and Simple Salon logs the quote: use it when you are ready to send.',
		},
	],
	additionalLabel: 'Options',
	expandable: ['balance'],
	build(ctx, itemIndex, body) {
		if (ctx.getNodeParameter('checkSource', itemIndex, 'message') === 'template') {
			body.template_id = salonId(ctx, 'templateId', itemIndex, 'Template ID');
		} else {
			const text = String(ctx.getNodeParameter('message', itemIndex, '') ?? '');
			if (text.trim() === '') throw new NodeOperationError(ctx.getNode(), `The field "Message" is empty in item ${itemIndex}`, { itemIndex });
			body.message = text;
		}
		const count = body.recipient_count;
		if (count !== undefined && (!Number.isInteger(count) || Number(count) < 1)) {
			throw new NodeOperationError(ctx.getNode(), `The field "Recipient Count" must be a whole number of at least 1 in item ${itemIndex}`, { itemIndex });
		}
		return body;
	},
};

const templateIdField = (show: Record<string, string[]>): INodeProperties => ({
	displayName: 'Template ID',
	description: "The number of the salon's saved message template, e.g. 501",
	name: 'templateId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '501',
	displayOptions: { show },
});

/** The SMS text as a multi-line box with the length rules. */
const withMessageBox = (op: Operation): Operation => ({ ...op, properties: op.properties.map((p) => (p.name === 'message' ? messageText() : p)) });

export const message: Resource = {
	value: 'message',
	name: 'Message',
	description: 'Send SMS, push notifications and templates, and check what an SMS costs',
	operations: [
		withMessageBox(salonOperation(sms)),
		withProperties(salonOperation(push), [
			{
				displayName: 'Send To',
				description: 'Whether to notify one staff member or everyone with a role',
				name: 'sendTo',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Operator', value: 'operator', description: 'One staff member' },
					{ name: 'Role', value: 'role', description: 'Every staff member with a role' },
				],
				default: 'operator',
			},
			{
				displayName: 'Operator Name or ID',
				name: 'pushOperatorId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getOperators' },
				default: '',
				required: true,
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				displayOptions: { show: { sendTo: ['operator'] } },
			},
			{
				displayName: 'Role',
				description: 'The staff role whose members are notified',
				name: 'roleId',
				type: 'options',
				options: ROLES,
				default: -2,
				displayOptions: { show: { sendTo: ['role'] } },
			},
		]),
		withProperties(salonOperation(template), [
			{
				displayName: 'Template',
				description: "Which message to send: the booking confirmation or one of the salon's saved templates",
				name: 'templateSource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Booking Confirmation', value: 'booking_confirmation', description: 'The confirmation of an appointment, by SMS and/or email as the client allows' },
					{ name: 'Saved Template', value: 'template', description: 'One of the salon\'s templates; its media (SMS or email) decides how it is sent' },
				],
				default: 'booking_confirmation',
			},
			templateIdField({ templateSource: ['template'] }),
			{
				displayName: 'Appointment ID',
				name: 'appointmentId',
				type: 'string',
				default: '',
				required: true,
				placeholder: '56789',
				description: 'The appointment to confirm',
				displayOptions: { show: { templateSource: ['booking_confirmation'] } },
			},
			{
				displayName: 'Appointment ID',
				name: 'appointmentId',
				type: 'string',
				default: '',
				placeholder: '56789',
				description: 'The appointment the message is about (appointment fields in the template are filled from it)',
				displayOptions: { show: { templateSource: ['template'] } },
			},
		]),
		withProperties(salonOperation(smsCheck), [
			{
				displayName: 'Check',
				description: "Whether to check a text you write or one of the salon's saved templates",
				name: 'checkSource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Message', value: 'message', description: 'A text you write' },
					{ name: 'Template', value: 'template', description: 'A saved SMS template' },
				],
				default: 'message',
			},
			messageText({ checkSource: ['message'] }),
			templateIdField({ checkSource: ['template'] }),
		]),
	],
	defaultOperation: 'sendSms',
};
