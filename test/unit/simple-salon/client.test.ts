import type { IDataObject } from 'n8n-workflow';

import { resources } from '../../../nodes/SimpleSalon/SimpleSalon.node';
import { useClientKit } from './client.kit';

const kit = useClientKit();

const getClient = (clientId: string | number, extra: IDataObject = {}) => ({ resource: 'client', operation: 'get', clientId: String(clientId), ...extra });
const clientIds = () => [...kit.salon.state.clients.keys()].sort((a, b) => a - b);

describe('Simple Salon client: get', () => {
	it('gets a client with its default expansions [wire:client/get]', async () => {
		const result = await kit.run(getClient(1111));
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client/get')).toEqual([{ client_id: 1111 }]);
		expect(kit.json(result)).toEqual([
			expect.objectContaining({
				client_id: 1111,
				firstname: 'Joe',
				address_state: { state_id: 3, name: 'VIC' },
				category_ids: [919, 920],
				categories: [
					{ client_category_id: 919, name: 'Loyalty Program' },
					{ client_category_id: 920, name: 'VIP' },
				],
				loyalty_member: true,
			}),
		]);
	});

	it('gets only the fields chosen, deposit balance included only when asked for [wire:client/get]', async () => {
		const chosen = await kit.run(getClient(1120, { options: { fields: ['client_id', 'email', 'deposit_balance'] } }));
		const typed = await kit.run(getClient(1120, { options: { fields: 'client_id, email' } }));
		expect(kit.bodies('client/get')).toEqual([
			{ client_id: 1120, fields: ['client_id', 'email', 'deposit_balance'] },
			{ client_id: 1120, fields: ['client_id', 'email'] },
		]);
		expect(kit.json(chosen)).toEqual([{ client_id: 1120, email: kit.salon.state.clients.get(1120)!.email, deposit_balance: 0 }]);
		expect(Object.keys(kit.json(typed)[0]).sort()).toEqual(['client_id', 'email']);
	});

	it('offers the Client model as a sorted pick list of fields', () => {
		const get = resources.find((r) => r.value === 'client')!.operations.find((o) => o.value === 'get')!;
		const fields = (get.properties.find((p) => p.name === 'options')!.options as Array<{ name: string; type?: string; options?: Array<{ name: string; value: string }> }>).find(
			(o) => o.name === 'fields',
		)!;
		expect(fields.type).toBe('multiOptions');
		const names = fields.options!.map((o) => o.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(fields.options!.map((o) => o.value)).toEqual(expect.arrayContaining(['deposit_balance', 'address_state_id', 'sms_reminders_enabled']));
		expect(names).toContain('SMS Reminders Enabled');
	});

	it('turns a vendor refusal into a NodeApiError with the vendor message, code and details [wire:client/get]', async () => {
		const result = await kit.run(getClient(999999));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Client 999999 was not found [CLIENTNOTFOUND]');
		expect(result.error?.description).toBe('Details: client_id');
		expect(kit.bodies('client/get')).toEqual([{ client_id: 999999 }]);
	});

	it('names the item of a bad input in the second item, before anything is sent for it', async () => {
		const result = await kit.run(getClient('={{$json.id}}'), [{ id: 1111 }, { id: '11-1' }]);
		expect(result.error?.message).toBe('The field "Client ID" has an invalid value "11-1" in item 1');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(kit.bodies('client/get')).toEqual([{ client_id: 1111 }]);
	});

	it('with Continue On Fail emits an error item for the failing item and goes on', async () => {
		const result = await kit.run(getClient('={{$json.id}}'), [{ id: 1111 }, { id: 999999 }, { id: 'x' }, { id: 1112 }], { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json.client_id).toBe(1111);
		expect(result.items[1].json.error).toBe('Client 999999 was not found [CLIENTNOTFOUND]');
		expect(result.items[2].json.error).toBe('The field "Client ID" has an invalid value "x" in item 2');
		expect(result.items[3].json.client_id).toBe(1112);
		expect(kit.bodies('client/get')).toEqual([{ client_id: 1111 }, { client_id: 999999 }, { client_id: 1112 }]);
	});
});

describe('Simple Salon client: get many', () => {
	it('Return All asks for every client at once with the documented rows_per_page -1 [wire:client/list]', async () => {
		const result = await kit.run({ resource: 'client', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client/list')).toEqual([{ filters: {}, options: { rows_per_page: -1 } }]);
		const ids = result.items.map((i) => i.json.client_id as number);
		expect(ids).toEqual(clientIds());
		expect(ids).toHaveLength(320);
		expect(result.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('with a Limit keeps one page size so page numbers line up, and stops at the limit [wire:client/list]', async () => {
		const result = await kit.run({ resource: 'client', operation: 'getAll', returnAll: false, limit: 150 });
		expect(result.items.map((i) => i.json.client_id)).toEqual(clientIds().slice(0, 150));
		expect(kit.bodies('client/list').map((b) => b.options)).toEqual([
			{ page_number: 1, rows_per_page: 100 },
			{ page_number: 2, rows_per_page: 100 },
		]);
	});

	it('follows a smaller page size the server imposes [wire:client/list]', async () => {
		await kit.restart({ maxRowsPerPage: 40, seedCount: 200 });
		const result = await kit.run({ resource: 'client', operation: 'getAll', limit: 130 });
		const ids = result.items.map((i) => i.json.client_id);
		expect(ids).toEqual(clientIds().slice(0, 130));
		expect(kit.bodies('client/list').map((b) => b.options)).toEqual([
			{ page_number: 1, rows_per_page: 100 },
			{ page_number: 2, rows_per_page: 40 },
			{ page_number: 3, rows_per_page: 40 },
			{ page_number: 4, rows_per_page: 40 },
		]);
	});

	it('sends the filters as the API types them, "Not Set" gender as an empty string [wire:client/list]', async () => {
		const result = await kit.run({
			resource: 'client',
			operation: 'getAll',
			limit: 5,
			filters: {
				lastname: 'Ng',
				gender: 'Female',
				client_category_id: 919,
				operator_id: '2222',
				sms_promotions_enabled: false,
				client_ids: '1111, 1114,1117',
				company_id: '0',
			},
		});
		expect(kit.bodies('client/list')).toEqual([
			{
				filters: {
					lastname: 'Ng',
					gender: 'Female',
					client_category_id: 919,
					operator_id: 2222,
					sms_promotions_enabled: false,
					client_ids: [1111, 1114, 1117],
					company_id: 0,
				},
				options: { page_number: 1, rows_per_page: 5 },
			},
		]);
		expect(result.items.every((i) => String(i.json.lastname).startsWith('Ng') && i.json.gender === 'Female')).toBe(true);

		kit.salon.emulator.clearLog();
		const unset = await kit.run({ resource: 'client', operation: 'getAll', returnAll: true, filters: { gender: '', search: 'Li' } });
		expect(kit.bodies('client/list')).toEqual([{ filters: { gender: '', search: 'Li' }, options: { rows_per_page: -1 } }]);
		expect(unset.items.length).toBeGreaterThan(0);
		expect(unset.items.every((i) => i.json.gender === '')).toBe(true);
	});

	it('rejects a bad ID filter before sending anything', async () => {
		const result = await kit.run({ resource: 'client', operation: 'getAll', filters: { client_ids: '1111,abc' } });
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('The field "Client IDs" has an invalid value "abc" in item 0');
		expect(kit.salon.emulator.log).toHaveLength(0);
	});
});

describe('Simple Salon client: add', () => {
	it('adds a client wrapped in "client" with the fields given and the date of birth as salon-local digits [wire:client/add]', async () => {
		const result = await kit.run({
			resource: 'client',
			operation: 'add',
			firstName: ' Ada ',
			additionalFields: {
				lastname: 'Lovelace',
				email: 'ada@example.com',
				date_of_birth: '1990-12-10T23:30:00.000Z',
				category_ids: '919, 920',
				address_state_id: 3,
				preferred_operator_id: 2223,
				referral_type_id: 29,
				sms_promotions_enabled: false,
			},
		});
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client/add')).toEqual([
			{
				client: {
					firstname: 'Ada',
					lastname: 'Lovelace',
					email: 'ada@example.com',
					date_of_birth: '1990-12-10T00:00:00',
					category_ids: [919, 920],
					address_state_id: 3,
					preferred_operator_id: 2223,
					referral_type_id: 29,
					sms_promotions_enabled: false,
				},
			},
		]);
		expect(kit.json(result)).toEqual([
			expect.objectContaining({ client_id: 1431, firstname: 'Ada', date_of_birth: '1990-12-10T00:00:00+11:00', category_ids: [919, 920], referral_type: { referral_type_id: 29, name: 'Digital Advertising' } }),
		]);
		expect(kit.salon.state.clients.get(1431)?.email).toBe('ada@example.com');
	});

	it('adds with the first name only and gets the default categories [wire:client/add]', async () => {
		const result = await kit.run({ resource: 'client', operation: 'add', firstName: 'Joe' });
		expect(kit.bodies('client/add')).toEqual([{ client: { firstname: 'Joe' } }]);
		expect(kit.json(result)[0]).toMatchObject({ firstname: 'Joe', category_ids: [919, 921] });
	});

	it('never repeats an add the server may have made, but does repeat reads after a 429 [wire:client/add]', async () => {
		await kit.run(getClient(1111));
		kit.salon.emulator.clearLog();
		kit.salon.emulator.inject({
			when: { op: 'client/add' },
			phase: 'after',
			action: { type: 'status', status: 503, body: { success: false, error: { code: 'UNAVAILABLE', message: 'Try later' } } },
		});
		const add = await kit.run({ resource: 'client', operation: 'add', firstName: 'Once' });
		expect(add.error?.message).toBe('Try later [UNAVAILABLE]');
		expect(add.error?.description).toMatch(/may or may not have been made/);
		expect(kit.ops()).toEqual(['client/add']);
		expect([...kit.salon.state.clients.values()].filter((c) => c.firstname === 'Once')).toHaveLength(1);

		kit.salon.emulator.clearLog();
		kit.salon.emulator.inject({ when: { op: 'client/get' }, action: { type: 'status', status: 429, headers: { 'retry-after': '0' }, body: { success: false } } });
		expect((await kit.run(getClient(1111))).error).toBeUndefined();
		expect(kit.salon.emulator.log.map((r) => `${r.op}:${r.status}`)).toEqual(['client/get:429', 'client/get:200']);
	});

	it('surfaces the vendor refusal of a bad value [wire:client/add]', async () => {
		const result = await kit.run({ resource: 'client', operation: 'add', firstName: 'Ada', additionalFields: { email: 'not-an-email' } });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('client.email is not a valid email address [INVALIDPARAMETER]');
		expect(kit.bodies('client/add')).toEqual([{ client: { firstname: 'Ada', email: 'not-an-email' } }]);
	});
});

describe('Simple Salon client: update', () => {
	it('updates only the fields the user set; an added empty text clears that field [wire:client/update]', async () => {
		const before = { ...kit.salon.state.clients.get(1115)! };
		const result = await kit.run({
			resource: 'client',
			operation: 'update',
			clientId: '1115',
			updateFields: { firstname: 'Joseph', mobile: '', email_reminders_enabled: false, gender: '' },
		});
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client/update')).toEqual([{ client: { client_id: 1115, firstname: 'Joseph', mobile: '', gender: '', email_reminders_enabled: false } }]);
		expect(kit.json(result)[0]).toMatchObject({ client_id: 1115, firstname: 'Joseph', lastname: before.lastname, email: before.email, mobile: '', gender: '' });
	});

	it('removes links with the documented "none" values when asked to [wire:client/update]', async () => {
		expect(kit.salon.state.clients.get(1111)!.category_ids).toEqual([919, 920]);
		const result = await kit.run({
			resource: 'client',
			operation: 'update',
			clientId: '1111',
			updateFields: { remove: ['category_ids', 'preferred_operator_id', 'referral_type_id'], address_state_id: '0' },
		});
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client/update')).toEqual([
			{ client: { client_id: 1111, address_state_id: 0, category_ids: [], preferred_operator_id: 0, referral_type_id: 0 } },
		]);
		expect(kit.salon.state.clients.get(1111)).toMatchObject({ category_ids: [], preferred_operator_id: 0, referral_type_id: 0, address_state_id: 0 });
		expect(kit.json(result)[0]).toMatchObject({ loyalty_member: false });
		expect(kit.json(result)[0]).not.toHaveProperty('referral_type');
	});

	it('turns a vendor error into a NodeApiError with the vendor message, code and details [wire:client/update]', async () => {
		const result = await kit.run({ resource: 'client', operation: 'update', clientId: '1111', updateFields: { address_state_id: 42 } });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('client.address_state_id 42 is not a valid state ID [INVALIDPARAMETER]');
		expect(result.error?.description).toBe('Details: client.address_state_id');
		expect(kit.bodies('client/update')).toEqual([{ client: { client_id: 1111, address_state_id: 42 } }]);
	});
});

describe('Simple Salon client: delete', () => {
	it('deletes a client [wire:client/delete]', async () => {
		const result = await kit.run({ resource: 'client', operation: 'delete', clientId: '1116' });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client/delete')).toEqual([{ client_id: 1116 }]);
		expect(kit.json(result)).toEqual([{ success: true, client_id: 1116 }]);
		expect(kit.salon.state.clients.has(1116)).toBe(false);
		const again = await kit.run({ resource: 'client', operation: 'delete', clientId: '1116' });
		expect(again.error?.message).toBe('Client 1116 was not found [CLIENTNOTFOUND]');
	});
});

describe('Simple Salon client: bad input', () => {
	it('rejects bad input before sending anything, naming the field and the item', async () => {
		const cases: Array<[IDataObject, string]> = [
			[getClient('abc'), 'The field "Client ID" has an invalid value "abc" in item 0'],
			[getClient(''), 'The field "Client ID" is empty in item 0'],
			[{ resource: 'client', operation: 'delete', clientId: '-1' }, 'The field "Client ID" has an invalid value "-1" in item 0'],
			[{ resource: 'client', operation: 'add', firstName: '  ' }, 'The field "First Name" is empty in item 0'],
			[{ resource: 'client', operation: 'update', clientId: '1111', updateFields: {} }, 'The field "Update Fields" is empty in item 0'],
			[
				{ resource: 'client', operation: 'update', clientId: '1111', updateFields: { referral_type_id: 29, remove: ['referral_type_id'] } },
				'The field "Referral Type" is both set and removed in item 0',
			],
			[
				{ resource: 'client', operation: 'add', firstName: 'A', additionalFields: { category_ids: '919,x' } },
				'The field "Category Names or IDs" has an invalid value "x" in item 0',
			],
			[
				{ resource: 'client', operation: 'add', firstName: 'A', additionalFields: { date_of_birth: '1990-02-30' } },
				'The field "Date of Birth" has an invalid date "1990-02-30" in item 0',
			],
		];
		for (const [parameters, message] of cases) {
			const result = await kit.run(parameters);
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(message);
			expect(result.error?.context?.itemIndex).toBe(0);
		}
		expect(kit.salon.emulator.log).toHaveLength(0);
	});
});
