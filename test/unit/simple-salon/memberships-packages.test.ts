import { useSoldKit } from './memberships.kit';

/*
 * Packages: package types (5 x Blow Dry 9995, Colour & Care Pack 9996 with two products, Manicure Trio 9997,
 * 10 x Haircut 9999; 9995 shared with child location 12346 at its own price 330), packages sold to clients (2669 is
 * Joe's, 2670 has expired, 2671 runs until next year) and products sold to clients: 16 owed from Colour & Care
 * Packs, 140 retail sales.
 */

const kit = useSoldKit();

describe('Simple Salon packages', () => {
	it('returns all package types in one request, as the docs allow [wire:package/list]', async () => {
		const result = await kit.run({ resource: 'package', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('package/list')).toEqual([{ filters: {}, options: { rows_per_page: -1 } }]);
		expect(kit.json(result).map((p) => [p.package_id, p.name, p.price])).toEqual([
			[9995, '5 x Blow Dry', 350],
			[9996, 'Colour & Care Pack', 220],
			[9997, 'Manicure Trio', 100],
			[9999, '10 x Haircut', 400],
		]);
	});

	it("finds a child location's copy of a Dome package, with its own price [wire:package/list]", async () => {
		const result = await kit.run({ resource: 'package', operation: 'getAll', limit: 10, filters: { company_id: '12346', dome_package_id: '9995' } });
		expect(kit.bodies('package/list')).toEqual([{ filters: { company_id: 12346, dome_package_id: 9995 }, options: { page_number: 1, rows_per_page: 10 } }]);
		expect(kit.json(result)).toEqual([expect.objectContaining({ package_id: 999501, company_id: 12346, dome_package_id: 9995, price: 330, name: '5 x Blow Dry' })]);
	});

	it('offers the package types as a dropdown and gets one [wire:package/get]', async () => {
		const options = await kit.load('getPackages');
		expect(options).toEqual([
			{ name: '10 x Haircut', value: 9999, description: 'ID 9999 · price 400' },
			{ name: '5 x Blow Dry', value: 9995, description: 'ID 9995 · price 350' },
			{ name: 'Colour & Care Pack', value: 9996, description: 'ID 9996 · price 220' },
			{ name: 'Manicure Trio', value: 9997, description: 'ID 9997 · price 100' },
		]);
		const result = await kit.run({ resource: 'package', operation: 'get', package_id: 9996 });
		expect(kit.bodies('package/get')).toEqual([{ package_id: 9996 }]);
		expect(kit.json(result)).toEqual([expect.objectContaining({ package_id: 9996, name: 'Colour & Care Pack', loyalty_points_earned: 20, tax: expect.objectContaining({ rate: 10 }) })]);
	});

	it('adds a package type wrapped in "package" with only the fields given [wire:package/add]', async () => {
		const result = await kit.run({ resource: 'package', operation: 'add', name: '2 for 1 Beard Trim', additionalFields: { price: 20, loyalty_points_earned: 5, tax_free: false } });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('package/add')).toEqual([{ package: { name: '2 for 1 Beard Trim', price: 20, loyalty_points_earned: 5, tax_free: false } }]);
		expect(kit.json(result)).toEqual([expect.objectContaining({ package_id: 10000, name: '2 for 1 Beard Trim', price: 20, barcode: '', loyalty_points_earned: 5 })]);
	});

	it('never repeats an add the server may have made [wire:package/add]', async () => {
		kit.salon.emulator.inject({ when: { op: 'package/add' }, phase: 'after', action: { type: 'status', status: 503, body: { success: false, error: { code: 'UNAVAILABLE', message: 'Try later' } } } });
		const result = await kit.run({ resource: 'package', operation: 'add', name: 'Once Only Pack' });
		expect(result.error?.message).toBe('Try later [UNAVAILABLE]');
		expect(result.error?.description).toMatch(/may or may not have been made/);
		expect(kit.bodies('package/add')).toEqual([{ package: { name: 'Once Only Pack' } }]);
		const all = kit.json(await kit.run({ resource: 'package', operation: 'getAll', returnAll: true }));
		expect(all.filter((p) => p.name === 'Once Only Pack')).toHaveLength(1);
	});

	it('updates a Dome package and copies only the chosen fields down to its child locations [wire:package/update]', async () => {
		const result = await kit.run({ resource: 'package', operation: 'update', package_id: 9995, updateFields: { price: 360, name: '5 x Blow-Dry' }, options: { copyToChildLocations: ['price'] } });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('package/update')).toEqual([{ package: { package_id: 9995, price: 360, name: '5 x Blow-Dry' }, update_in_child_locations: { price: true } }]);
		expect(kit.json(result)).toEqual([expect.objectContaining({ package_id: 9995, price: 360, name: '5 x Blow-Dry', loyalty_points_earned: 35 })]);
		const child = kit.json(await kit.run({ resource: 'package', operation: 'get', package_id: 999501 }));
		expect(child).toEqual([expect.objectContaining({ price: 360, name: '5 x Blow-Dry' })]);

		await kit.run({ resource: 'package', operation: 'update', package_id: 9995, updateFields: { price: 375 } });
		expect(kit.bodies('package/update')[1]).toEqual({ package: { package_id: 9995, price: 375 } });
		// Not copied down this time: the location keeps its price.
		expect(kit.json(await kit.run({ resource: 'package', operation: 'get', package_id: 999501 }))[0].price).toBe(360);
	});

	it('can push the Dome price down without changing anything else [wire:package/update]', async () => {
		const result = await kit.run({ resource: 'package', operation: 'update', package_id: 9995, options: { copyToChildLocations: ['price', 'loyalty_points_earned'] } });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('package/update')).toEqual([{ package: { package_id: 9995 }, update_in_child_locations: { price: true, loyalty_points_earned: true } }]);
		expect(kit.json(await kit.run({ resource: 'package', operation: 'get', package_id: 999501 }))[0].price).toBe(350);
	});

	it('deletes a package type [wire:package/delete]', async () => {
		const result = await kit.run({ resource: 'package', operation: 'delete', package_id: 9997 });
		expect(kit.bodies('package/delete')).toEqual([{ package_id: 9997 }]);
		expect(kit.json(result)).toEqual([{ package_id: 9997, deleted: true }]);
		const again = await kit.run({ resource: 'package', operation: 'get', package_id: 9997 });
		expect(again.error?.message).toBe('Package 9997 was not found [PACKAGENOTFOUND]');
	});

	it('lists the services and products a package includes [wire:package/item/list]', async () => {
		const result = await kit.run({ resource: 'package', operation: 'getItems', package_id: 9996 });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('package/item/list')).toEqual([{ filters: { package_id: 9996 }, options: { page_number: 1, rows_per_page: 50 } }]);
		expect(kit.json(result)).toEqual([
			{ package_item_id: 8882, quantity: 1, service_id: 3335, type: 'service' },
			{ package_item_id: 8883, quantity: 1, product_id: 5567, type: 'product' },
			{ package_item_id: 8884, quantity: 1, product_id: 5568, type: 'product' },
		]);
	});

	it('shares a Dome package with another location [wire:package/sharing/update]', async () => {
		const result = await kit.run({ resource: 'package', operation: 'updateSharing', package_id: 9996, company_ids: '12346,12347', share: true });
		expect(kit.bodies('package/sharing/update')).toEqual([{ package_id: 9996, company_ids: [12346, 12347], share: true }]);
		expect(kit.json(result)).toEqual([{ package_id: 9996, company_ids: [12346, 12347], share: true }]);
		const at12347 = kit.json(await kit.run({ resource: 'package', operation: 'getAll', returnAll: true, filters: { company_id: '12347' } }));
		expect(at12347).toEqual([expect.objectContaining({ package_id: 999602, dome_package_id: 9996, price: 220 })]);
	});

	it('refuses bad package input before sending anything', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ operation: 'add', name: '' }, 'The field "Name" is empty in item 0'],
			[{ operation: 'add', name: 'X', additionalFields: { loyalty_points_earned: 2.5 } }, 'The field "Loyalty Points Earned" has an invalid value "2.5" in item 0'],
			[{ operation: 'update', package_id: 9995, updateFields: {} }, 'The field "Update Fields" is empty in item 0'],
			[{ operation: 'update', package_id: 9995, updateFields: { price: -1 } }, 'The field "Price" has an invalid value "-1" in item 0'],
			[{ operation: 'getItems', package_id: '' }, 'The field "Package" is empty in item 0'],
		];
		for (const [parameters, message] of cases) kit.expectRefused(await kit.run({ resource: 'package', ...parameters }), message);
	});
});

describe('Simple Salon client packages', () => {
	it("lists a package type's sales that have not expired, with the package attached [wire:client_package/list]", async () => {
		const result = await kit.run({ resource: 'clientPackage', operation: 'getAll', returnAll: true, filters: { package_id: 9996, expired: false }, related: ['packages'] });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client_package/list')).toEqual([
			{ filters: { package_id: 9996, expired: false }, options: { expanded_fields_grouped: [{ expanded_field: 'packages' }], page_number: 1, rows_per_page: 100 } },
		]);
		const rows = kit.json(result);
		expect(rows.length).toBeGreaterThan(2);
		const today = new Date().toISOString().slice(0, 10);
		for (const row of rows) {
			expect(row).toMatchObject({ package_id: 9996, package: expect.objectContaining({ package_id: 9996, name: 'Colour & Care Pack' }) });
			if (row.expiry_date !== undefined) expect(String(row.expiry_date).slice(0, 10) > today).toBe(true);
		}
		expect(rows.map((r) => r.client_package_id)).not.toContain(2670);
	});

	it("gets a client package with its package, as in the docs' example [wire:client_package/get]", async () => {
		const result = await kit.run({ resource: 'clientPackage', operation: 'get', client_package_id: '2669', expandedFields: ['package'], expandedFieldProperties: 'package_id,company_id,name' });
		expect(kit.bodies('client_package/get')).toEqual([{ client_package_id: 2669, expanded_fields: [{ expanded_field: 'package', fields: ['package_id', 'company_id', 'name'] }] }]);
		expect(kit.json(result)).toEqual([
			expect.objectContaining({ client_package_id: 2669, client_id: 1111, package_id: 9995, price: 350, package: { package_id: 9995, company_id: 12345, name: '5 x Blow Dry' } }),
		]);
	});

	it('removes an expiry with the documented empty date, so the package never expires [wire:client_package/update]', async () => {
		const before = kit.json(await kit.run({ resource: 'clientPackage', operation: 'get', client_package_id: '2670' }))[0];
		expect(before.expiry_date).toBeDefined();
		const result = await kit.run({ resource: 'clientPackage', operation: 'update', client_package_id: '2670', updateFields: { removeExpiry: true } });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client_package/update')).toEqual([{ client_package: { client_package_id: 2670, expiry_date: '' } }]);
		const after = kit.json(result)[0];
		expect(after).toMatchObject({ client_package_id: 2670, price: 220, package: { name: 'Colour & Care Pack' } });
		expect(after.expiry_date).toBeUndefined();
	});

	it('sets a new expiry date and price, and only those [wire:client_package/update]', async () => {
		const result = await kit.run({
			resource: 'clientPackage',
			operation: 'update',
			client_package_id: '2669',
			updateFields: { expiry_date: '2026-06-30T23:30:00.000-05:00', price: 300, removeExpiry: false },
		});
		expect(kit.bodies('client_package/update')).toEqual([{ client_package: { client_package_id: 2669, expiry_date: '2026-06-30T00:00:00', price: 300 } }]);
		expect(kit.json(result)[0]).toMatchObject({ expiry_date: '2026-06-30T00:00:00+11:00', price: 300, operator_id: 2222 });
	});

	it('deletes a client package [wire:client_package/delete]', async () => {
		const result = await kit.run({ resource: 'clientPackage', operation: 'delete', client_package_id: '2671' });
		expect(kit.bodies('client_package/delete')).toEqual([{ client_package_id: 2671 }]);
		expect(kit.json(result)).toEqual([{ client_package_id: 2671, deleted: true }]);
		const again = await kit.run({ resource: 'clientPackage', operation: 'delete', client_package_id: '2671' });
		expect(again.error?.message).toBe('Client package 2671 was not found [CLIENTPACKAGENOTFOUND]');
	});

	it('refuses bad client package input before sending anything', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ operation: 'update', client_package_id: '2669', updateFields: { removeExpiry: true, expiry_date: '2026-01-01' } }, 'The fields "Expiry Date" and "Never Expires" cannot be used together in item 0'],
			[{ operation: 'update', client_package_id: '2669', updateFields: { removeExpiry: false } }, 'The field "Update Fields" is empty in item 0'],
			[{ operation: 'update', client_package_id: '2669', updateFields: { expiry_date: 'soon' } }, 'The field "Expiry Date" has an invalid date "soon" in item 0'],
			[{ operation: 'getAll', filters: { date_created_max: '31/12/2025' } }, 'The field "Sold Before" has an invalid date "31/12/2025" in item 0'],
			[{ operation: 'get', client_package_id: '-3' }, 'The field "Client Package ID" has an invalid value "-3" in item 0'],
		];
		for (const [parameters, message] of cases) kit.expectRefused(await kit.run({ resource: 'clientPackage', ...parameters }), message);
	});
});

describe('Simple Salon client products', () => {
	it('returns all client products over two pages, each once [wire:client_product/list]', async () => {
		const result = await kit.run({ resource: 'clientProduct', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client_product/list')).toEqual([
			{ filters: {}, options: { page_number: 1, rows_per_page: 100 } },
			{ filters: {}, options: { page_number: 2, rows_per_page: 100 } },
		]);
		const ids = kit.json(result).map((r) => r.client_product_id);
		expect(ids).toHaveLength(156);
		expect(new Set(ids).size).toBe(156);
	});

	it('lists the products still owed from packages, with the product attached [wire:client_product/list]', async () => {
		const result = await kit.run({ resource: 'clientProduct', operation: 'getAll', returnAll: true, filters: { claimed: false, sold_in_client_package: true }, related: ['products'] });
		expect(kit.bodies('client_product/list')).toEqual([
			{ filters: { claimed: false, sold_in_client_package: true }, options: { expanded_fields_grouped: [{ expanded_field: 'products' }], page_number: 1, rows_per_page: 100 } },
		]);
		const rows = kit.json(result);
		expect(rows).toHaveLength(8);
		for (const row of rows) {
			expect(row).toMatchObject({ claimed: false, sold_in_client_package: true, price: 0 });
			expect((row.product as { product_id: number }).product_id).toBe(row.product_id);
			expect(['OI Shampoo', 'OI Conditioner']).toContain((row.product as { name: string }).name);
		}
	});

	it('lists the products of one client package, and those in no package [wire:client_product/list]', async () => {
		const one = await kit.run({ resource: 'clientProduct', operation: 'getAll', returnAll: true, filters: { client_package_id: '2670' } });
		const none = await kit.run({ resource: 'clientProduct', operation: 'getAll', limit: 3, filters: { client_package_id: '0' } });
		expect(kit.bodies('client_product/list').map((b) => b.filters)).toEqual([{ client_package_id: 2670 }, { client_package_id: 0 }]);
		expect(kit.json(one).map((r) => r.product_id)).toEqual([5567, 5568]);
		expect(kit.json(none).every((r) => r.client_package_id === 0 && r.sold_in_client_package === false)).toBe(true);
	});

	it('gets a client product with its product and client package [wire:client_product/get]', async () => {
		const result = await kit.run({ resource: 'clientProduct', operation: 'get', client_product_id: '3700', expandedFields: ['product', 'client_package'] });
		expect(kit.bodies('client_product/get')).toEqual([{ client_product_id: 3700, expanded_fields: [{ expanded_field: 'product' }, { expanded_field: 'client_package' }] }]);
		expect(kit.json(result)[0]).toMatchObject({
			client_product_id: 3700,
			product_id: 5567,
			product: { product_id: 5567, name: 'OI Shampoo', brand: { name: 'Davines' } },
			client_package: { client_package_id: 2670, package_id: 9996, expiry_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T00:00:00\+11:00$/) },
		});
	});

	it("changes a line's quantity and total only [wire:client_product/update]", async () => {
		const before = kit.json(await kit.run({ resource: 'clientProduct', operation: 'get', client_product_id: '3716' }))[0];
		const result = await kit.run({ resource: 'clientProduct', operation: 'update', client_product_id: '3716', updateFields: { quantity: 3, price: 19.5 } });
		expect(kit.bodies('client_product/update')).toEqual([{ client_product: { client_product_id: 3716, quantity: 3, price: 19.5 } }]);
		expect(kit.json(result)).toEqual([{ ...before, quantity: 3, price: 19.5, tax_amount: 1.77 }]);
	});

	it('deletes a client product [wire:client_product/delete]', async () => {
		const result = await kit.run({ resource: 'clientProduct', operation: 'delete', client_product_id: '3716' });
		expect(kit.bodies('client_product/delete')).toEqual([{ client_product_id: 3716 }]);
		expect(kit.json(result)).toEqual([{ client_product_id: 3716, deleted: true }]);
		expect((await kit.run({ resource: 'clientProduct', operation: 'get', client_product_id: '3716' })).error?.message).toBe(
			'Client product 3716 was not found [CLIENTPRODUCTNOTFOUND]',
		);
	});

	it('refuses bad client product input before sending anything', async () => {
		kit.expectRefused(
			await kit.run({ resource: 'clientProduct', operation: 'update', client_product_id: '3716', updateFields: { quantity: 1.5 } }),
			'The field "Quantity" has an invalid value "1.5" in item 0',
		);
		kit.expectRefused(
			await kit.run({ resource: 'clientProduct', operation: 'update', client_product_id: '3716', updateFields: { quantity: 0 } }),
			'The field "Quantity" has an invalid value "0" in item 0',
		);
	});
});
