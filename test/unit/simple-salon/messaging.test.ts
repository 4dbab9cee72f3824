import { createSimpleSalonEmulator, type SimpleSalonEmulator } from '../../../emulators/simple-salon';
import { smsLedger } from '../../../emulators/simple-salon/areas/billing';
import { SimpleSalonApi } from '../../../credentials/SimpleSalonApi.credentials';
import { SimpleSalon } from '../../../nodes/SimpleSalon/SimpleSalon.node';
import { CredentialStore, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

/*
 * The Message and Campaign resources through the node against the emulator: sends (SMS, push, template), the SMS
 * cost check, and reading campaigns, recipients and messages back. An SMS is never sent twice by the node.
 */

let salon: SimpleSalonEmulator;
let store: CredentialStore;
let credential: StoredCredential;

const setup = (parameters: NodeSetup['parameters']): NodeSetup => ({
	node: new SimpleSalon(),
	credentialTypes: [new SimpleSalonApi()],
	store,
	credential,
	parameters,
	continueOnFail: false,
});

const run = async (parameters: NodeSetup['parameters']) => await runNode(setup(parameters));
const ops = () => salon.emulator.log.map((r) => r.op);
const bodies = (op: string) => salon.emulator.requests(op).map((r) => r.body as Record<string, unknown>);
const jsons = (result: { items: Array<{ json: Record<string, unknown> }> }) => result.items.map((i) => i.json);
const sms = () => smsLedger(salon.state).accounts.get(12345)!;
const sendSms = (clientId: string, message: string) => ({ resource: 'message', operation: 'sendSms', client_id: clientId, message });

beforeEach(async () => {
	salon = createSimpleSalonEmulator();
	await salon.emulator.start();
	store = new CredentialStore();
	credential = store.add('simpleSalonApi', { ...salon.credentialData(), sessionToken: '', sessionApiUrl: '', sessionExpiry: '', sessionBinding: '' });
});
afterEach(async () => await salon.emulator.stop());

describe('Simple Salon messages', () => {
	it('sends an SMS to a client, spending one free credit, and it shows up in the campaign messages [wire:send/sms]', async () => {
		const result = await run(sendSms('1112', 'Hi #ClientFirstName#, your colour is ready to book.'));
		expect(result.error).toBeUndefined();
		expect(bodies('send/sms')).toEqual([{ client_id: 1112, message: 'Hi #ClientFirstName#, your colour is ready to book.' }]);
		expect(jsons(result)).toEqual([{ sent: true, client_id: 1112 }]);
		expect(sms()).toMatchObject({ free_credits: 13, funds: 20.48 });

		const sent = await run({
			resource: 'campaign',
			operation: 'getManyMessages',
			returnAll: true,
			filters: { client_id: '1112', date_created_min: '2020-01-01T00:00:00', date_created_max: '2100-01-01T00:00:00', type: 'message_sent' },
		});
		const client = salon.state.clients.get(1112)!;
		expect(jsons(sent).at(-1)).toMatchObject({ message: `Hi ${client.firstname}, your colour is ready to book.`, receiver: client.mobile, status: 'queued' });
	});

	it('counts a longer text with an emoji as two credits', async () => {
		const text = `Hi! ${'Your appointment is confirmed. '.repeat(3)}See you soon 😄`;
		expect((await run(sendSms('1112', text))).error).toBeUndefined();
		expect(sms().free_credits).toBe(12);
	});

	it('surfaces the refusal for a client who opted out of SMS, spending nothing', async () => {
		const result = await run(sendSms('1111', 'Hello'));
		expect(result.error?.message).toBe('Client 1111 has opted out of SMS messages (sms_promotions_enabled is false) [CLIENTOPTEDOUT]');
		expect(result.error?.description).toBe('Details: client_id');
		expect(sms().free_credits).toBe(14);
	});

	it('never sends an SMS twice: a 503 after it may have gone out is reported, not repeated', async () => {
		await run({ resource: 'smsCredit', operation: 'getBalance' });
		salon.emulator.clearLog();
		salon.emulator.inject({
			when: { op: 'send/sms' },
			phase: 'after',
			action: { type: 'status', status: 503, body: { success: false, error: { code: 'UNAVAILABLE', message: 'Service temporarily unavailable', details: [] } } },
		});
		const result = await run(sendSms('1112', 'Your booking is confirmed'));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Service temporarily unavailable [UNAVAILABLE]');
		expect(result.error?.description).toMatch(/may or may not have been made/);
		expect(ops()).toEqual(['send/sms']);
		expect(sms().free_credits).toBe(13);
	});

	it('checks the client ID and the message before any request', async () => {
		const badId = await run(sendSms('Joe', 'Hello'));
		expect(badId.error?.message).toBe('The field "Client ID" has an invalid value "Joe" in item 0');
		const empty = await run(sendSms('1112', ''));
		expect(empty.error?.message).toBe('The field "Message" is empty in item 0');
		expect(ops()).toEqual([]);
	});

	it('sends a push notification to an operator or to a role [wire:send/push]', async () => {
		const common = { resource: 'message', operation: 'sendPush', category: 'client_arrived', title: 'Client Arrived', pushMessage: 'Joe has arrived for their 10:45am appointment.' };
		const one = await run({ ...common, sendTo: 'operator', pushOperatorId: 2222, additionalFields: { expiry_date: '2025-03-03T11:15:00+11:00' } });
		expect(one.error).toBeUndefined();
		const all = await run({ ...common, category: 'appointment_pending', sendTo: 'role', roleId: -3 });
		expect(all.error).toBeUndefined();
		expect(bodies('send/push')).toEqual([
			{ category: 'client_arrived', title: 'Client Arrived', message: 'Joe has arrived for their 10:45am appointment.', expiry_date: '2025-03-03T11:15:00', operator_id: 2222 },
			{ category: 'appointment_pending', title: 'Client Arrived', message: 'Joe has arrived for their 10:45am appointment.', role_id: -3 },
		]);
		expect(jsons(one)).toEqual([{ sent: true }]);

		const nobody = await run({ ...common, sendTo: 'operator', pushOperatorId: 9999 });
		expect(nobody.error?.message).toBe('Operator 9999 was not found [OPERATORNOTFOUND]');
	});

	it('sends a booking confirmation or a saved template [wire:send/template]', async () => {
		const confirmation = await run({ resource: 'message', operation: 'sendTemplate', templateSource: 'booking_confirmation', appointmentId: '56789' });
		expect(confirmation.error).toBeUndefined();
		const saved = await run({
			resource: 'message',
			operation: 'sendTemplate',
			templateSource: 'template',
			templateId: '501',
			appointmentId: '',
			additionalFields: { client_id: '1112', operator_id: 2222 },
		});
		expect(saved.error).toBeUndefined();
		// the docs type send/template's operator_id as a string
		expect(bodies('send/template')).toEqual([
			{ template_type: 'booking_confirmation', appointment_id: 56789 },
			{ template_id: 501, client_id: 1112, operator_id: '2222' },
		]);
		expect(jsons(saved)).toEqual([{ sent: true }]);
		expect(sms().free_credits).toBe(12);

		salon.emulator.clearLog();
		const missing = await run({ resource: 'message', operation: 'sendTemplate', templateSource: 'booking_confirmation', appointmentId: '' });
		expect(missing.error?.message).toBe('The field "Appointment ID" is empty in item 0');
		expect(ops()).toEqual([]);
	});

	it("keeps the vendor's warnings when a confirmation could not reach the client", async () => {
		const unreachable = salon.state.appointments.find((a) => {
			const client = salon.state.clients.get(a.client_id);
			return client !== undefined && client.mobile === '' && client.email === '';
		})!;
		const result = await run({ resource: 'message', operation: 'sendTemplate', templateSource: 'booking_confirmation', appointmentId: String(unreachable.appointment_id) });
		expect(result.error).toBeUndefined();
		expect(jsons(result)).toEqual([
			{ sent: true, warnings: [expect.objectContaining({ code: 'TEMPLATENOTSENT', details: [`client_id: ${unreachable.client_id}`] })] },
		]);
	});

	it("checks what the docs' example SMS costs, with a quote against the balance [wire:send/sms/check]", async () => {
		const text =
			'Hi #ClientFirstName#, this is your reminder for your 10:45am appointment at #CompanyName#. Please make sure to fill out the new patient form. Reply Y to confirm 😄';
		const result = await run({ resource: 'message', operation: 'checkSms', checkSource: 'message', message: text, options: { recipient_count: 20, quote: true } });
		expect(result.error).toBeUndefined();
		expect(bodies('send/sms/check')).toEqual([{ message: text, recipient_count: 20, quote: true }]);
		// the same counts as the docs' example response
		expect(jsons(result)[0]).toMatchObject({
			credits: 3,
			character_count_used: 158,
			character_count_sms_gsm: 157,
			character_count_sms_remaining: 42,
			character_count_sms_used: 159,
			character_count_sms_unicode: 2,
			message: text.replace('#CompanyName#', 'Company A'),
			message_single: 'Hi #ClientFirstName#, this is your reminder for your 10:45am',
			total_credits: 60,
			free_credits_used: 14,
			funds_used: 23,
			funds_required: 2.52,
			topup_quote: expect.objectContaining({ amount: 10, total_amount: 11 }),
			balance: expect.objectContaining({ funds: 20.48 }),
		});

		const template = await run({ resource: 'message', operation: 'checkSms', checkSource: 'template', templateId: '501', expandedFields: ['balance'] });
		expect(bodies('send/sms/check')[1]).toEqual({ template_id: 501, expanded_fields: [{ expanded_field: 'balance' }] });
		expect(jsons(template)[0]).toMatchObject({ credits: 1, balance: expect.objectContaining({ free_credits: 14 }) });
		expect(jsons(template)[0]).not.toHaveProperty('funds_used');

		const email = await run({ resource: 'message', operation: 'checkSms', checkSource: 'template', templateId: '502' });
		expect(email.error?.message).toBe('Template 502 is an email template [INVALIDPARAMETER]');
	});
});

describe('Simple Salon campaigns', () => {
	it('gets a campaign [wire:campaign/get]', async () => {
		const result = await run({ resource: 'campaign', operation: 'get', campaign_id: '674644' });
		expect(bodies('campaign/get')).toEqual([{ campaign_id: 674644 }]);
		expect(jsons(result)).toEqual([
			{ automatic: false, campaign_id: 674644, company_id: 12345, date_created: '2025-03-01T11:00:00+11:00', media: 'email', name: 'Confirmation Email', type: 'confirmation', status: 'sent' },
		]);
	});

	it("lists a campaign's recipients in creation order with the campaign expanded [wire:campaign/recipient/list]", async () => {
		const result = await run({ resource: 'campaign', operation: 'getManyRecipients', returnAll: true, filters: { campaign_id: '674647' }, expandedFields: ['campaign'] });
		expect(result.error).toBeUndefined();
		expect(bodies('campaign/recipient/list')).toEqual([
			{ filters: { campaign_id: 674647 }, options: { expanded_fields: [{ expanded_field: 'campaign' }], page_number: 1, rows_per_page: 100 } },
		]);
		const rows = jsons(result);
		expect(rows).toHaveLength(12);
		expect(rows.map((r) => r.date_created)).toEqual(rows.map((r) => r.date_created).sort());
		expect(rows[0].campaign).toMatchObject({ name: 'Autumn Colour Offer', media: 'sms' });
		expect(rows.filter((r) => r.status === 'failed')).toHaveLength(1);
	});

	it('wants a creation date range unless a campaign is given, before any request', async () => {
		const result = await run({ resource: 'campaign', operation: 'getManyRecipients', limit: 10, filters: { date_created_min: '2025-03-01T00:00:00' } });
		expect(result.error?.message).toBe('Add the filters "Created From" and "Created To", or "Campaign ID", in item 0');
		expect(ops()).toEqual([]);
	});

	it('gets a recipient [wire:campaign/recipient/get]', async () => {
		const result = await run({ resource: 'campaign', operation: 'getRecipient', recipient_id: '346919852', expandedFields: ['campaign'] });
		expect(bodies('campaign/recipient/get')).toEqual([{ recipient_id: 346919852, expanded_fields: [{ expanded_field: 'campaign' }] }]);
		expect(jsons(result)[0]).toMatchObject({ recipient_id: 346919852, campaign_id: 674644, client_id: 1111, appointment_id: 56789, campaign: { name: 'Confirmation Email' } });
	});

	it("lists a day's messages sorted by date sent, and only the replies when asked [wire:campaign/recipient/message/list]", async () => {
		const range = { date_created_min: '2025-03-10T00:00:00', date_created_max: '2025-03-11T00:00:00' };
		const day = await run({ resource: 'campaign', operation: 'getManyMessages', returnAll: true, filters: range });
		const sent = jsons(day).map((m) => String(m.date_sent));
		expect(sent.length).toBeGreaterThan(20);
		expect(sent).toEqual([...sent].sort());
		expect(new Set(jsons(day).map((m) => m.type))).toEqual(new Set(['message_sent', 'dlr', 'message_received', 'send_error']));

		const replies = await run({ resource: 'campaign', operation: 'getManyMessages', limit: 5, filters: { ...range, type: 'message_received' } });
		expect(bodies('campaign/recipient/message/list')[1]).toEqual({ filters: { ...range, type: 'message_received' }, options: { page_number: 1, rows_per_page: 5 } });
		expect(jsons(replies).map((m) => m.message)).toEqual(['Do you have anything Saturday morning?', 'STOP']);
	});

	it('gets a message [wire:campaign/recipient/message/get]', async () => {
		const result = await run({ resource: 'campaign', operation: 'getMessage', message_id: '95463464466' });
		expect(bodies('campaign/recipient/message/get')).toEqual([{ message_id: 95463464466 }]);
		expect(jsons(result)[0]).toMatchObject({ message_id: 95463464466, recipient_id: 346919852, type: 'message_sent', receiver: salon.state.clients.get(1111)!.email });

		const missing = await run({ resource: 'campaign', operation: 'getRecipient', recipient_id: '1' });
		expect(missing.error?.message).toBe('Recipient 1 was not found [RECIPIENTNOTFOUND]');
	});
});
