import { queuedVouchers } from '../../../emulators/simple-salon/areas/vouchers';
import { useSoldKit } from './memberships.kit';

/*
 * Gift vouchers sold to clients. Seeds: 2769 is Joe Citizen's $50 voucher, barcode 900000000123 (the docs' example);
 * 2772 a $100 voucher sold at 10% off; 2805–2808 were sold at the sister location 12346.
 */

const kit = useSoldKit();

describe('Simple Salon client vouchers', () => {
	it('finds a voucher by its barcode, with the client attached [wire:client_voucher/list]', async () => {
		const result = await kit.run({ resource: 'clientVoucher', operation: 'getAll', filters: { barcode: '900000000123' }, related: ['clients', 'vouchers'] });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client_voucher/list')).toEqual([
			{
				filters: { barcode: '900000000123' },
				options: { expanded_fields_grouped: [{ expanded_field: 'clients' }, { expanded_field: 'vouchers' }], page_number: 1, rows_per_page: 50 },
			},
		]);
		expect(kit.json(result)).toEqual([
			expect.objectContaining({
				client_voucher_id: 2769,
				client_id: 1111,
				type: 'cash',
				value: 50,
				client: expect.objectContaining({ client_id: 1111, lastname: 'Citizen' }),
				voucher: { voucher_id: 7778, company_id: 12345, name: '$50 voucher', type: 'cash', price: 50 },
			}),
		]);
	});

	it('searches every location of the Dome only when asked [wire:client_voucher/list]', async () => {
		const own = await kit.run({ resource: 'clientVoucher', operation: 'getAll', returnAll: true, filters: { type: 'cash' } });
		const dome = await kit.run({ resource: 'clientVoucher', operation: 'getAll', returnAll: true, filters: { type: 'cash', search_all_dome: true } });
		expect(kit.bodies('client_voucher/list').map((b) => b.filters)).toEqual([{ type: 'cash' }, { type: 'cash', search_all_dome: true }]);
		const companies = (result: typeof own) => [...new Set(kit.json(result).map((v) => v.company_id))].sort();
		expect(companies(own)).toEqual([12345]);
		expect(companies(dome)).toEqual([12345, 12346]);
		expect(kit.json(dome).every((v) => v.type === 'cash')).toBe(true);
	});

	it('gets a voucher with its discounts [wire:client_voucher/get]', async () => {
		const result = await kit.run({ resource: 'clientVoucher', operation: 'get', client_voucher_id: '2772', expandedFields: ['discounts'] });
		expect(kit.bodies('client_voucher/get')).toEqual([{ client_voucher_id: 2772, expanded_fields: [{ expanded_field: 'discounts' }] }]);
		expect(kit.json(result)[0]).toMatchObject({
			client_voucher_id: 2772,
			price: 90,
			value: 100,
			discounts: [expect.objectContaining({ amount: 10, original_price: 100, item_type: 'client_voucher', client_voucher_id: 2772 })],
		});
	});

	it('changes the remaining value and expiry only [wire:client_voucher/update]', async () => {
		const result = await kit.run({ resource: 'clientVoucher', operation: 'update', client_voucher_id: '2769', updateFields: { value: 30, expiry_date: '2026-12-31' } });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client_voucher/update')).toEqual([{ client_voucher: { client_voucher_id: 2769, value: 30, expiry_date: '2026-12-31T00:00:00' } }]);
		expect(kit.json(result)[0]).toMatchObject({ client_voucher_id: 2769, value: 30, price: 50, expiry_date: '2026-12-31T00:00:00+11:00', barcode: '900000000123' });
	});

	it('reports a barcode already in use as the vendor does [wire:client_voucher/update]', async () => {
		const result = await kit.run({ resource: 'clientVoucher', operation: 'update', client_voucher_id: '2769', updateFields: { barcode: '900000000124' } });
		expect(kit.bodies('client_voucher/update')).toEqual([{ client_voucher: { client_voucher_id: 2769, barcode: '900000000124' } }]);
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('client_voucher.barcode "900000000124" is empty or already used [INVALIDPARAMETER]');
	});

	it('deletes a voucher [wire:client_voucher/delete]', async () => {
		const result = await kit.run({ resource: 'clientVoucher', operation: 'delete', client_voucher_id: '2770' });
		expect(kit.bodies('client_voucher/delete')).toEqual([{ client_voucher_id: 2770 }]);
		expect(kit.json(result)).toEqual([{ client_voucher_id: 2770, deleted: true }]);
		expect((await kit.run({ resource: 'clientVoucher', operation: 'get', client_voucher_id: '2770' })).error?.message).toBe(
			'Client voucher 2770 was not found [CLIENTVOUCHERNOTFOUND]',
		);
	});

	it("sends a voucher to the client's own email and mobile by default [wire:client_voucher/send]", async () => {
		const result = await kit.run({ resource: 'clientVoucher', operation: 'send', client_voucher_id: '2769' });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client_voucher/send')).toEqual([{ client_voucher_id: 2769 }]);
		expect(kit.json(result)).toEqual([{ client_voucher_id: 2769, queued: true }]);
		const joe = kit.salon.state.clients.get(1111)!;
		expect(queuedVouchers(kit.salon.state)).toEqual([{ client_voucher_id: 2769, email: joe.email, mobile: joe.mobile }]);
	});

	it('sends to another address and not by SMS, with the documented empty string [wire:client_voucher/send]', async () => {
		const result = await kit.run({ resource: 'clientVoucher', operation: 'send', client_voucher_id: '2769', sendEmail: 'other', email: ' gift@example.com ', sendSms: 'none' });
		expect(kit.bodies('client_voucher/send')).toEqual([{ client_voucher_id: 2769, email: 'gift@example.com', mobile: '' }]);
		expect(kit.json(result)).toEqual([{ client_voucher_id: 2769, email: 'gift@example.com', mobile: '', queued: true }]);
		expect(queuedVouchers(kit.salon.state)).toEqual([{ client_voucher_id: 2769, email: 'gift@example.com', mobile: '' }]);
	});

	it('never repeats a send the server may have queued [wire:client_voucher/send]', async () => {
		kit.salon.emulator.inject({ when: { op: 'client_voucher/send' }, phase: 'after', action: { type: 'status', status: 502, body: { success: false, error: { code: 'BADGATEWAY', message: 'Upstream failed' } } } });
		const result = await kit.run({ resource: 'clientVoucher', operation: 'send', client_voucher_id: '2769', sendSms: 'none' });
		expect(result.error?.message).toBe('Upstream failed [BADGATEWAY]');
		expect(result.error?.description).toMatch(/may or may not have been made/);
		expect(kit.bodies('client_voucher/send')).toEqual([{ client_voucher_id: 2769, mobile: '' }]);
		expect(queuedVouchers(kit.salon.state)).toHaveLength(1);
	});

	it('reports a voucher with nowhere to go as the vendor does [wire:client_voucher/send]', async () => {
		// A voucher of a client without an email address; the SMS is switched off.
		const all = kit.json(await kit.run({ resource: 'clientVoucher', operation: 'getAll', returnAll: true }));
		const voucher = all.find((v) => kit.salon.state.clients.get(Number(v.client_id))?.email === '')!;
		expect(voucher).toBeDefined();
		kit.salon.emulator.clearLog();
		const result = await kit.run({ resource: 'clientVoucher', operation: 'send', client_voucher_id: String(voucher?.client_voucher_id ?? ''), sendSms: 'none' });
		expect(kit.bodies('client_voucher/send')).toEqual([{ client_voucher_id: voucher.client_voucher_id, mobile: '' }]);
		expect(result.error?.message).toBe(`There is no email address or mobile number to send client voucher ${String(voucher.client_voucher_id)} to [INVALIDPARAMETER]`);
		expect(queuedVouchers(kit.salon.state)).toHaveLength(0);
	});

	it('refuses bad voucher input before sending anything', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ operation: 'send', client_voucher_id: '2769', sendEmail: 'none', sendSms: 'none' }, 'Nothing to send: both "Send by Email" and "Send by SMS" are off in item 0'],
			[{ operation: 'send', client_voucher_id: '2769', sendEmail: 'other', email: '' }, 'The field "Email" is empty in item 0'],
			[{ operation: 'send', client_voucher_id: '2769', sendEmail: 'other', email: 'gift at example' }, 'The field "Email" has an invalid value "gift at example" in item 0'],
			[{ operation: 'send', client_voucher_id: '2769', sendSms: 'other', mobile: ' ' }, 'The field "Mobile" is empty in item 0'],
			[{ operation: 'send', client_voucher_id: 'x1' }, 'The field "Client Voucher ID" has an invalid value "x1" in item 0'],
			[{ operation: 'update', client_voucher_id: '2769', updateFields: { value: -10 } }, 'The field "Remaining Value" has an invalid value "-10" in item 0'],
			[{ operation: 'getAll', filters: { date_created_min: 'yesterday' } }, 'The field "Sold After" has an invalid date "yesterday" in item 0'],
		];
		for (const [parameters, message] of cases) kit.expectRefused(await kit.run({ resource: 'clientVoucher', ...parameters }), message);
	});
});
