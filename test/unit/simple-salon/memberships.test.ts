import { issueOnlineBookingClientToken } from '../../../emulators/simple-salon/areas/onlineBookingClientTokens';
import { useSoldKit } from './memberships.kit';

/*
 * Memberships: the membership types (with Dome sharing), memberships sold to clients, what they include, and their
 * status in the direct-debit gateway. Seeds: client membership 2469 is Joe Citizen's (client 1111) "1 Year Upfront";
 * 2470 a monthly "Blow-Dry Club" from 2025-02-02; 2471 a weekly manicure still pending in the gateway; 2472 a
 * "VIP Colour Year"; 2474 (client 1171) sits with a gateway that does not answer live queries.
 */

const kit = useSoldKit();

describe('Simple Salon client memberships', () => {
	it("lists a client's memberships with the client and membership attached [wire:client_membership/list]", async () => {
		const result = await kit.run({
			resource: 'clientMembership',
			operation: 'getAll',
			returnAll: true,
			filters: { client_id: '1111', date_created_min: '2023-06-01T00:00:00.000+02:00' },
			related: ['memberships', 'clients'],
		});
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client_membership/list')).toEqual([
			{
				filters: { client_id: 1111, date_created_min: '2023-06-01T00:00:00' },
				options: { expanded_fields_grouped: [{ expanded_field: 'memberships' }, { expanded_field: 'clients' }], page_number: 1, rows_per_page: 100 },
			},
		]);
		const rows = kit.json(result);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			client_membership_id: 2469,
			client_id: 1111,
			membership_id: 4646,
			start_date: '2024-01-01T00:00:00+11:00',
			membership_gateway_status: { status: 'none' },
			client: { client_id: 1111, firstname: 'Joe' },
			membership: { membership_id: 4646, name: '1 Year Upfront', payment_type: 'upfront' },
		});
	});

	it('pages with the Limit and sends the seller and unpaid filters [wire:client_membership/list]', async () => {
		const result = await kit.run({ resource: 'clientMembership', operation: 'getAll', limit: 2, filters: { operator_id: 2223, transaction_id: '0' } });
		expect(kit.bodies('client_membership/list')).toEqual([{ filters: { operator_id: 2223, transaction_id: 0 }, options: { page_number: 1, rows_per_page: 2 } }]);
		const rows = kit.json(result);
		expect(rows).toHaveLength(2);
		expect(rows.every((r) => r.operator_id === 2223 && r.transaction_id === 0)).toBe(true);
	});

	it("filters by online booking client with that client's token as a header, never in the body [wire:client_membership/list]", async () => {
		const token = issueOnlineBookingClientToken(kit.salon.state, 2828, Date.now());
		const result = await kit.run({
			resource: 'clientMembership',
			operation: 'getAll',
			returnAll: true,
			filters: { online_booking_client_id: '2828', company_id: '12345', onlineBookingClientToken: token },
		});
		expect(result.error).toBeUndefined();
		const [request] = kit.salon.emulator.requests('client_membership/list');
		expect(request.headers['x-online-booking-client-token']).toBe(token);
		expect(request.body).toEqual({ filters: { online_booking_client_id: 2828, company_id: 12345 }, options: { page_number: 1, rows_per_page: 100 } });
		expect(kit.json(result).map((r) => r.client_membership_id)).toEqual([2469]);
	});

	it("surfaces an expired online booking client token as the vendor's error, without the token [wire:client_membership/list]", async () => {
		// Issued two days ago and not used since: its one-day sliding expiry has passed.
		const expired = issueOnlineBookingClientToken(kit.salon.state, 2828, Date.now() - 2 * 86_400_000);
		const result = await kit.run({
			resource: 'clientMembership',
			operation: 'getAll',
			filters: { online_booking_client_id: '2828', company_id: '12345', onlineBookingClientToken: expired },
		});
		expect(kit.salon.emulator.requests('client_membership/list')[0].headers['x-online-booking-client-token']).toBe(expired);
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('The Online Booking Client token is not valid or has expired; log the client in again [ONLINEBOOKINGCLIENTNOTLOGGEDIN]');
		expect(JSON.stringify({ m: result.error?.message, d: result.error?.description, c: result.error?.context })).not.toContain(expired);
	});

	it('gets a client membership with its discounts, keeping only the asked properties [wire:client_membership/get]', async () => {
		const result = await kit.run({
			resource: 'clientMembership',
			operation: 'get',
			client_membership_id: '2471',
			expandedFields: ['discounts'],
			expandedFieldProperties: 'amount, original_price',
		});
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client_membership/get')).toEqual([
			{ client_membership_id: 2471, expanded_fields: [{ expanded_field: 'discounts', fields: ['amount', 'original_price'] }] },
		]);
		expect(kit.json(result)).toEqual([
			expect.objectContaining({ client_membership_id: 2471, client_id: 1138, membership_id: 4648, price: 45, discounts: [{ amount: 4.5, original_price: 45 }] }),
		]);
	});

	it('updates only the fields set, the start date as a salon-local date [wire:client_membership/update]', async () => {
		const result = await kit.run({
			resource: 'clientMembership',
			operation: 'update',
			client_membership_id: '2469',
			updateFields: { price: 120, start_date: '2025-02-01T22:30:00.000Z' },
		});
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client_membership/update')).toEqual([{ client_membership: { client_membership_id: 2469, price: 120, start_date: '2025-02-01T00:00:00' } }]);
		expect(kit.json(result)).toEqual([
			expect.objectContaining({
				client_membership_id: 2469,
				price: 120,
				start_date: '2025-02-01T00:00:00+11:00',
				operator_id: 2222,
				transaction_id: 85735,
				membership: { company_id: 12345, membership_id: 4646, name: '1 Year Upfront' },
			}),
		]);
	});

	it('switches direct debit off and changes the seller [wire:client_membership/update]', async () => {
		const result = await kit.run({ resource: 'clientMembership', operation: 'update', client_membership_id: '2470', updateFields: { use_direct_debit: false, operator_id: 2222 } });
		expect(kit.bodies('client_membership/update')).toEqual([{ client_membership: { client_membership_id: 2470, use_direct_debit: false, operator_id: 2222 } }]);
		expect(kit.json(result)[0]).toMatchObject({ use_direct_debit: false, operator_id: 2222, price: 79 });
	});

	it('deletes a client membership, which is then gone [wire:client_membership/delete]', async () => {
		const result = await kit.run({ resource: 'clientMembership', operation: 'delete', client_membership_id: '2470' });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client_membership/delete')).toEqual([{ client_membership_id: 2470 }]);
		expect(kit.json(result)).toEqual([{ client_membership_id: 2470, deleted: true }]);
		const again = await kit.run({ resource: 'clientMembership', operation: 'get', client_membership_id: '2470' });
		expect(again.error?.constructor.name).toBe('NodeApiError');
		expect(again.error?.message).toBe('Client membership 2470 was not found [CLIENTMEMBERSHIPNOTFOUND]');
		expect(again.error?.description).toBe('Details: client_membership_id');
	});

	it('lists what a monthly membership includes in the period of a date, with the service attached [wire:client_membership/item/list]', async () => {
		const result = await kit.run({
			resource: 'clientMembership',
			operation: 'getItems',
			returnAll: true,
			filters: { client_membership_id: '2470', period_date: '2025-03-10T23:00:00.000Z' },
			expandedFields: ['service', 'product'],
		});
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client_membership/item/list')).toEqual([
			{
				filters: { client_membership_id: 2470, period_date: '2025-03-10T00:00:00' },
				options: { expanded_fields: [{ expanded_field: 'service' }, { expanded_field: 'product' }], page_number: 1, rows_per_page: 100 },
			},
		]);
		expect(kit.json(result)).toEqual([
			expect.objectContaining({
				client_membership_item_id: 24700,
				type: 'service',
				service_id: 3333,
				quantity: 2,
				quantity_used: 2,
				period_start: '2025-03-02T00:00:00+11:00',
				period_end: '2025-04-02T00:00:00+11:00',
				service: expect.objectContaining({ service_id: 3333, name: "Women's Cut & Blow Dry" }),
			}),
			expect.objectContaining({
				type: 'product',
				product_id: 5558,
				quantity_used: 0,
				product: expect.objectContaining({ product_id: 5558, name: 'Heat Protect Spray' }),
			}),
		]);
	});

	it('filters included services that still have some left [wire:client_membership/item/list]', async () => {
		const result = await kit.run({ resource: 'clientMembership', operation: 'getItems', filters: { client_membership_id: '2472', type: 'service', all_quantity_used: false } });
		expect(kit.bodies('client_membership/item/list')).toEqual([
			{ filters: { client_membership_id: 2472, type: 'service', all_quantity_used: false }, options: { page_number: 1, rows_per_page: 50 } },
		]);
		const rows = kit.json(result);
		expect(rows.map((r) => r.service_id)).toEqual([3335, 3333]);
		expect(rows.every((r) => Number(r.quantity_used) < Number(r.quantity) && r.period_end === undefined)).toBe(true);
	});

	it('puts a claim period given beside the rows onto each row [wire:client_membership/item/list]', async () => {
		kit.salon.emulator.inject({
			when: { op: 'client_membership/item/list' },
			action: {
				type: 'status',
				status: 200,
				body: {
					success: true,
					page_number: 1,
					rows_per_page: 50,
					client_membership_items: [{ client_membership_item_id: 6541, quantity: 1, quantity_used: 0, service_id: 3333, type: 'service' }],
					period_start: '2019-01-01T00:00:00+00:00',
					period_end: '2019-01-08T00:00:00+00:00',
				},
			},
		});
		const result = await kit.run({ resource: 'clientMembership', operation: 'getItems', filters: { client_membership_id: '2468' } });
		expect(kit.bodies('client_membership/item/list')).toEqual([{ filters: { client_membership_id: 2468 }, options: { page_number: 1, rows_per_page: 50 } }]);
		expect(kit.json(result)).toEqual([
			{ period_start: '2019-01-01T00:00:00+00:00', period_end: '2019-01-08T00:00:00+00:00', client_membership_item_id: 6541, quantity: 1, quantity_used: 0, service_id: 3333, type: 'service' },
		]);
	});

	it('gets the gateway status of a client, or what the client still needs to be linked [wire:third_party/client_membership/client/status]', async () => {
		const pending = await kit.run({ resource: 'clientMembership', operation: 'getClientGatewayStatus', client_id: '1138' });
		const live = await kit.run({ resource: 'clientMembership', operation: 'getClientGatewayStatus', client_id: '1138', options: { gateway_refresh: true } });
		const unlinked = await kit.run({ resource: 'clientMembership', operation: 'getClientGatewayStatus', client_id: '1111' });
		expect(kit.bodies('third_party/client_membership/client/status')).toEqual([{ client_id: 1138 }, { client_id: 1138, gateway_refresh: true }, { client_id: 1111 }]);
		expect(kit.json(pending)).toEqual([
			{ client_id: 1138, gateway: 'ezidebit', status: 'pending', description: 'New customer, awaiting activation', view_url: 'https://gateway.example.com/ezidebit/customers/EZC-1138' },
		]);
		expect(kit.json(live)).toEqual([{ client_id: 1138, gateway: 'ezidebit', status: 'active', view_url: 'https://gateway.example.com/ezidebit/customers/EZC-1138' }]);
		// Joe has no date of birth: the gateway needs one before he can be linked.
		expect(kit.json(unlinked)).toEqual([{ client_id: 1111, status: 'not_linked', fields_required: ['date_of_birth'] }]);
	});

	it("turns a gateway that does not answer into the vendor's error Message [wire:third_party/client_membership/client/status]", async () => {
		const result = await kit.run({ resource: 'clientMembership', operation: 'getClientGatewayStatus', client_id: '1171', options: { gateway_refresh: true } });
		expect(kit.bodies('third_party/client_membership/client/status')).toEqual([{ client_id: 1171, gateway_refresh: true }]);
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('The client membership gateway (ezidebit) did not respond; try again later [GATEWAYUNAVAILABLE]');
	});

	it('gets the gateway status of client memberships, refreshed from the gateway when asked [wire:third_party/client_membership/client_membership/status]', async () => {
		const upfront = await kit.run({ resource: 'clientMembership', operation: 'getGatewayStatus', client_membership_id: '2469' });
		const refreshed = await kit.run({ resource: 'clientMembership', operation: 'getGatewayStatus', client_membership_id: '2471', options: { gateway_refresh: true } });
		expect(kit.bodies('third_party/client_membership/client_membership/status')).toEqual([
			{ client_membership_id: 2469 },
			{ client_membership_id: 2471, gateway_refresh: true },
		]);
		expect(kit.json(upfront)).toEqual([{ client_membership_id: 2469, status: 'none' }]);
		expect(kit.json(refreshed)).toEqual([
			{ client_membership_id: 2471, gateway: 'ezidebit', status: 'active', view_url: 'https://gateway.example.com/ezidebit/memberships/EZM-2471' },
		]);
		// The refresh updated the membership: its record now shows the new status.
		const record = await kit.run({ resource: 'clientMembership', operation: 'get', client_membership_id: '2471' });
		expect(kit.json(record)[0].membership_gateway_status).toMatchObject({ status: 'active' });
	});

	it('refuses bad input before sending anything', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ operation: 'get', client_membership_id: 'abc' }, 'The field "Client Membership ID" has an invalid value "abc" in item 0'],
			[{ operation: 'update', client_membership_id: '2469', updateFields: {} }, 'The field "Update Fields" is empty in item 0'],
			[{ operation: 'update', client_membership_id: '2469', updateFields: { price: -5 } }, 'The field "Price" has an invalid value "-5" in item 0'],
			[{ operation: 'update', client_membership_id: '2469', updateFields: { start_date: '2025-02-30' } }, 'The field "Start Date" has an invalid date "2025-02-30" in item 0'],
			[{ operation: 'getItems', filters: { type: 'service' } }, 'Set one of the filters "Client Membership ID", "Client ID" or "Online Booking Client ID" in item 0'],
			[{ operation: 'getItems', filters: { client_id: '1111' }, related: ['companies'] }, 'The field "Include Related" needs the filter "Online Booking Client ID" in item 0'],
			[{ operation: 'getAll', filters: { online_booking_client_id: '2828', company_id: '12345' } }, 'The filter "Online Booking Client Token" is empty in item 0'],
			[{ operation: 'getAll', filters: { online_booking_client_id: '2828', onlineBookingClientToken: 'abc123' } }, 'The filter "Company ID" is needed with "Online Booking Client ID" in item 0'],
			[
				{ operation: 'getAll', filters: { online_booking_client_id: '2828', company_id: '12345', client_id: '1111', onlineBookingClientToken: 'abc123' } },
				'The filters "Client ID" and "Online Booking Client ID" cannot be used together in item 0',
			],
			[{ operation: 'getAll', filters: { onlineBookingClientToken: 'abc123' } }, 'The filter "Online Booking Client Token" is only used with "Online Booking Client ID" in item 0'],
			[{ operation: 'get', client_membership_id: '2469', expandedFieldProperties: 'amount' }, 'The field "Expanded Field Properties" needs at least one Expanded Field in item 0'],
			[{ operation: 'getGatewayStatus', client_membership_id: '' }, 'The field "Client Membership ID" is empty in item 0'],
		];
		for (const [parameters, message] of cases) kit.expectRefused(await kit.run({ resource: 'clientMembership', ...parameters }), message);
	});
});

describe('Simple Salon memberships', () => {
	it('returns all membership types in one request, as the docs allow [wire:membership/list]', async () => {
		const result = await kit.run({ resource: 'membership', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('membership/list')).toEqual([{ filters: {}, options: { rows_per_page: -1 } }]);
		expect(kit.json(result).map((m) => m.name)).toEqual(['1 Year Upfront', 'Blow-Dry Club (Monthly)', 'Weekly Manicure', 'VIP Colour Year']);
		expect(kit.json(result)[1]).toMatchObject({ membership_id: 4647, payment_type: 'recurring', recurring_fee: 79, recurring_type: 'monthly', includes_items: true });
	});

	it('finds the copy a child location has of a Dome membership [wire:membership/list]', async () => {
		const result = await kit.run({ resource: 'membership', operation: 'getAll', limit: 5, filters: { company_id: '12346', dome_membership_id: '4647' } });
		expect(kit.bodies('membership/list')).toEqual([{ filters: { company_id: 12346, dome_membership_id: 4647 }, options: { page_number: 1, rows_per_page: 5 } }]);
		expect(kit.json(result)).toEqual([expect.objectContaining({ membership_id: 464701, company_id: 12346, dome_membership_id: 4647, name: 'Blow-Dry Club (Monthly)' })]);
	});

	it('offers the membership types as a dropdown and gets one [wire:membership/get]', async () => {
		const options = await kit.load('getMemberships');
		expect(options.map((o) => o.name)).toEqual(['1 Year Upfront', 'Blow-Dry Club (Monthly)', 'VIP Colour Year', 'Weekly Manicure']);
		expect(options[1]).toEqual({ name: 'Blow-Dry Club (Monthly)', value: 4647, description: 'ID 4647 · 79 monthly' });
		expect(kit.bodies('membership/list')).toEqual([{ filters: {}, options: { rows_per_page: -1 } }]);

		const result = await kit.run({ resource: 'membership', operation: 'get', membership_id: options[1].value });
		expect(kit.bodies('membership/get')).toEqual([{ membership_id: 4647 }]);
		expect(kit.json(result)).toEqual([expect.objectContaining({ membership_id: 4647, name: 'Blow-Dry Club (Monthly)', minimum_cancellation_type: 'months' })]);
	});

	it('shares a Dome membership with child locations, the others getting the opposite [wire:membership/sharing/update]', async () => {
		const result = await kit.run({ resource: 'membership', operation: 'updateSharing', membership_id: 4646, company_ids: '12347', share: true, options: { replace: true } });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('membership/sharing/update')).toEqual([{ membership_id: 4646, company_ids: [12347], share: true, replace: true }]);
		expect(kit.json(result)).toEqual([{ membership_id: 4646, company_ids: [12347], share: true, replace: true }]);
		const at = async (company: string) =>
			kit.json(await kit.run({ resource: 'membership', operation: 'getAll', returnAll: true, filters: { company_id: company } })).map((m) => m.dome_membership_id);
		expect(await at('12347')).toEqual([4646]);
		// 4647 was shared with 12346 already; replace took 4646 from there (it never had it) and left 4647 alone.
		expect(await at('12346')).toEqual([4647]);

		await kit.run({ resource: 'membership', operation: 'updateSharing', membership_id: 4647, company_ids: '12346', share: false });
		expect(kit.bodies('membership/sharing/update')[1]).toEqual({ membership_id: 4647, company_ids: [12346], share: false });
		expect(await at('12346')).toEqual([]);
	});

	it('reports a location outside the Dome as the vendor does [wire:membership/sharing/update]', async () => {
		const result = await kit.run({ resource: 'membership', operation: 'updateSharing', membership_id: 4646, company_ids: '12346, 99999', share: true });
		expect(kit.bodies('membership/sharing/update')).toEqual([{ membership_id: 4646, company_ids: [12346, 99999], share: true }]);
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('company_ids 99999 are not locations of your Dome [INVALIDPARAMETER]');
	});

	it('refuses bad sharing input before sending anything', async () => {
		kit.expectRefused(
			await kit.run({ resource: 'membership', operation: 'updateSharing', membership_id: 4646, company_ids: '', share: true }),
			'The field "Location IDs" is empty in item 0',
		);
		kit.expectRefused(
			await kit.run({ resource: 'membership', operation: 'updateSharing', membership_id: 4646, company_ids: '12346,x', share: true }),
			'The field "Location IDs" has an invalid value "x" in item 0',
		);
	});
});
