import { useStaffKit } from './staff.kit';

/*
 * Services (level prices, group children, resources, Dome sharing), service categories and resources through the
 * node against the emulator: the request on the wire, the items out, and bad input stopped before any request.
 */

const kit = useStaffKit();

describe('Simple Salon services', () => {
	it('lists what one operator performs at their level prices, with the level table expanded [wire:service/list]', async () => {
		const result = await kit.run({
			resource: 'service',
			operation: 'getAll',
			returnAll: true,
			filters: { operator_id: 2222 },
			expandedFields: ['service_levels'],
		});
		expect(result.error).toBeUndefined();
		expect(kit.bodies('service/list')).toEqual([
			{ filters: { operator_id: 2222 }, options: { expanded_fields: [{ expanded_field: 'service_levels' }], rows_per_page: -1 } },
		]);
		const services = kit.json(result);
		// Ash performs neither the group Cut & Colour nor IPL
		expect(services.map((s) => s.service_id)).toEqual([3333, 3334, 3335, 3336, 3339]);
		expect(services[0]).toMatchObject({ service_id: 3333, price: 75, base_price: 85, duration: 45, base_duration: 45, price_with_tax: 75 });
		expect(services[0].service_levels).toEqual([
			expect.objectContaining({ service_level_id: 1687481, level_id: 100, price: 75 }),
			expect.objectContaining({ service_level_id: 1687482, level_id: 200, price: 95 }),
		]);
		// no level price for Manicure: base price, no base_* fields
		expect(services[3]).toMatchObject({ service_id: 3336, price: 40 });
		expect(services[3]).not.toHaveProperty('base_price');
	});

	it('pages with a Limit and filters by category, "No Category" (0) included [wire:service/list]', async () => {
		const result = await kit.run({ resource: 'service', operation: 'getAll', limit: 1, filters: { category_id: 44 } });
		expect(kit.bodies('service/list')).toEqual([{ filters: { category_id: 44 }, options: { page_number: 1, rows_per_page: 1 } }]);
		expect(kit.json(result).map((s) => s.name)).toEqual(['IPL Hair Removal']);
		const none = await kit.run({ resource: 'service', operation: 'getAll', returnAll: true, filters: { category_id: 0 } });
		expect(kit.bodies('service/list')[1]).toEqual({ filters: { category_id: 0 }, options: { rows_per_page: -1 } });
		expect(kit.json(none)).toEqual([]);
	});

	it('gets a service at an operator\'s level price [wire:service/get]', async () => {
		const result = await kit.run({ resource: 'service', operation: 'get', service_id: 3335, options: { operator_id: 2223 } });
		expect(kit.bodies('service/get')).toEqual([{ service_id: 3335, operator_id: 2223 }]);
		expect(kit.json(result)[0]).toMatchObject({ service_id: 3335, name: 'Full Colour', price: 180, base_price: 160, processing_duration: 30 });
		const plain = await kit.run({ resource: 'service', operation: 'get', service_id: 3335 });
		expect(kit.bodies('service/get')[1]).toEqual({ service_id: 3335 });
		expect(kit.json(plain)[0]).toMatchObject({ price: 160, online_booking_price: 165, online_booking_categories: [{ category_id: 502, name: 'Colour' }] });
	});

	it('reports an operator who cannot perform the service as a NodeApiError [wire:service/get]', async () => {
		const result = await kit.run({ resource: 'service', operation: 'get', service_id: 3338, options: { operator_id: 2222 } });
		expect(kit.bodies('service/get')).toEqual([{ service_id: 3338, operator_id: 2222 }]);
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Operator 2222 cannot perform service 3338 [OPERATORCANNOTPERFORMSERVICE]');
	});

	it('adds a service wrapped in "service" with only the fields given [wire:service/add]', async () => {
		const result = await kit.run({
			resource: 'service',
			operation: 'add',
			name: 'Beard Trim',
			additionalFields: { price: 12.5, duration: 15, category_id: 41, display_colour: '8B4513', group_service: false },
		});
		expect(result.error).toBeUndefined();
		expect(kit.bodies('service/add')).toEqual([
			{ service: { name: 'Beard Trim', price: 12.5, duration: 15, category_id: 41, display_colour: '8B4513', group_service: false } },
		]);
		expect(kit.json(result)[0]).toMatchObject({
			service_id: 3340,
			name: 'Beard Trim',
			price: 12.5,
			price_with_tax: 12.5,
			price_without_tax: 11.36,
			tax_amount: 1.14,
			duration: 15,
			category_id: 41,
		});
		expect(kit.salon.state.services.some((s) => s.service_id === 3340)).toBe(true);
	});

	it('surfaces a duration off the appointment interval as a NodeApiError [wire:service/add]', async () => {
		const result = await kit.run({ resource: 'service', operation: 'add', name: 'Quick Fix', additionalFields: { duration: 20 } });
		expect(kit.bodies('service/add')).toEqual([{ service: { name: 'Quick Fix', duration: 20 } }]);
		expect(result.error?.message).toBe('service.duration must be a positive multiple of the appointment interval (15 minutes) [INVALIDPARAMETER]');
		expect(result.error?.description).toBe('Details: service.duration');
	});

	it('refuses a service without a name before any request', async () => {
		const result = await kit.run({ resource: 'service', operation: 'add', name: '' });
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('The field "Name" is empty in item 0');
		expect(kit.ops()).toEqual([]);
	});

	it('updates only the price, re-prices future bookings and copies the price down a Dome [wire:service/update]', async () => {
		const future = (id: number, operatorId: number) => ({ ...kit.salon.state.appointments[0], appointment_id: id, operator_id: operatorId, service_id: 3334, price: 45, start: '2099-01-05T10:00:00' });
		kit.salon.state.appointments.push(future(1, 2223), future(2, 2222));
		const result = await kit.run({
			resource: 'service',
			operation: 'update',
			service_id: 3334,
			updateFields: { price: 50, applyNewPriceForFutureAppts: true, copyPrice: true },
		});
		expect(kit.bodies('service/update')).toEqual([
			{ service: { service_id: 3334, price: 50 }, apply_new_price_for_future_appts: true, update_in_child_locations: { price: true } },
		]);
		expect(kit.json(result)[0]).toMatchObject({ service_id: 3334, name: "Men's Cut", price: 50, duration: 30 });
		const prices = Object.fromEntries(kit.salon.state.appointments.filter((a) => a.appointment_id <= 2).map((a) => [a.operator_id, a.price]));
		// Sam has no level price for a men's cut; Ash's Apprentice level price stays
		expect(prices).toEqual({ 2223: 50, 2222: 45 });
	});

	it('refuses an update with nothing to change before any request', async () => {
		const result = await kit.run({ resource: 'service', operation: 'update', service_id: 3334, updateFields: { copyPrice: true } });
		expect(result.error?.message).toBe('The field "Update Fields" is empty in item 0');
		expect(kit.ops()).toEqual([]);
	});

	it('deletes a service [wire:service/delete]', async () => {
		const result = await kit.run({ resource: 'service', operation: 'delete', service_id: 3339 });
		expect(kit.bodies('service/delete')).toEqual([{ service_id: 3339 }]);
		expect(kit.json(result)).toEqual([{ service_id: 3339, deleted: true }]);
		expect(kit.salon.state.services.some((s) => s.service_id === 3339)).toBe(false);
	});

	it('lists the child services of a group service in booking order, at the operator\'s level [wire:service/children/list]', async () => {
		const result = await kit.run({ resource: 'service', operation: 'getChildren', service_id: 3337, options: { operator_id: 2223 } });
		expect(kit.bodies('service/children/list')).toEqual([{ service_id: 3337, operator_id: 2223 }]);
		expect(kit.json(result).map((s) => [s.service_id, s.order, s.price])).toEqual([
			[3333, 1, 95],
			[3335, 2, 180],
		]);
	});

	it('surfaces the vendor error for a service that is not a group [wire:service/children/list]', async () => {
		const result = await kit.run({ resource: 'service', operation: 'getChildren', service_id: 3333 });
		expect(kit.bodies('service/children/list')).toEqual([{ service_id: 3333 }]);
		expect(result.error?.message).toBe('Service 3333 is not a group service [INVALIDPARAMETER]');
	});

	it('lists the level prices of a service [wire:service/level/list]', async () => {
		const result = await kit.run({ resource: 'service', operation: 'getLevels', service_id: 3333 });
		expect(kit.bodies('service/level/list')).toEqual([{ service_id: 3333 }]);
		expect(kit.json(result)).toEqual([
			expect.objectContaining({ service_level_id: 1687481, service_id: 3333, level_id: 100, price: 75, duration: 45, online_booking_price: 75 }),
			expect.objectContaining({ service_level_id: 1687482, level_id: 200, price: 95 }),
		]);
		const none = await kit.run({ resource: 'service', operation: 'getLevels', service_id: 3336 });
		expect(kit.json(none)).toEqual([]);
	});

	it('lists the resources a service can use [wire:service/resource/list]', async () => {
		const result = await kit.run({ resource: 'service', operation: 'getResources', service_id: 3339 });
		expect(kit.bodies('service/resource/list')).toEqual([{ service_id: 3339 }]);
		expect(kit.json(result).map((r) => r.name)).toEqual(['Treatment Room 1', 'Treatment Room 2']);
	});

	it('also reads the resources under the "services" key the docs\' table names [wire:service/resource/list]', async () => {
		const resource = { company_id: 12345, name: 'IPL Machine', description: '', resource_id: 2929 };
		kit.salon.emulator.inject({ when: { op: 'service/resource/list' }, action: { type: 'status', status: 200, body: { success: true, services: [resource] } } });
		const result = await kit.run({ resource: 'service', operation: 'getResources', service_id: 3338 });
		expect(kit.bodies('service/resource/list')).toEqual([{ service_id: 3338 }]);
		expect(kit.json(result)).toEqual([resource]);
	});

	it('shares a service with a Dome location [wire:service/sharing/update]', async () => {
		const result = await kit.run({ resource: 'service', operation: 'updateSharing', service_id: 3333, company_ids: '12346', share: false });
		expect(kit.bodies('service/sharing/update')).toEqual([{ service_id: 3333, company_ids: [12346], share: false }]);
		expect(kit.json(result)).toEqual([{ service_id: 3333, shared: false }]);
	});

	it('refuses a company ID list with a word in it before any request', async () => {
		const result = await kit.run({ resource: 'service', operation: 'updateSharing', service_id: 3333, company_ids: '12346, north', share: true });
		expect(result.error?.message).toBe('The field "Company IDs" has an invalid value "north" in item 0');
		expect(kit.ops()).toEqual([]);
	});

	it('lists the service categories with only paging options in the body [wire:category/list]', async () => {
		const result = await kit.run({ resource: 'service', operation: 'getAllCategories', returnAll: true });
		expect(kit.bodies('category/list')).toEqual([{ options: { rows_per_page: -1 } }]);
		expect(kit.json(result)[0]).toEqual({ category_id: 0, name: 'No Category' });
		expect(kit.json(result)).toHaveLength(5);
		const two = await kit.run({ resource: 'service', operation: 'getAllCategories', limit: 2 });
		expect(kit.bodies('category/list')[1]).toEqual({ options: { page_number: 1, rows_per_page: 2 } });
		expect(kit.json(two).map((c) => c.name)).toEqual(['No Category', 'Hair']);
	});

	it('loads the services, categories and resources dropdowns', async () => {
		const services = await kit.load('getServices');
		expect(kit.bodies('service/list')).toEqual([{ filters: {}, options: { rows_per_page: -1 } }]);
		expect(services[0]).toEqual({ name: 'Cut & Colour', value: 3337, description: 'ID 3337 · group, 135 min, price 220' });
		expect(services.map((s) => s.value)).toHaveLength(7);
		const categories = await kit.load('getCategories');
		expect(kit.bodies('category/list')).toEqual([{ options: { rows_per_page: -1 } }]);
		expect(categories.map((c) => [c.name, c.value])).toEqual([
			['Colour', 42],
			['Hair', 41],
			['Nails', 43],
			['No Category', 0],
			['Skin & Beauty', 44],
		]);
		const resources = await kit.load('getResources');
		expect(kit.bodies('resource/list')).toEqual([{ filters: {}, options: { rows_per_page: -1 } }]);
		expect(resources.map((r) => r.value)).toEqual([2929, 2930, 2931]);
	});
});

describe('Simple Salon resources', () => {
	it('lists chosen resources [wire:resource/list]', async () => {
		const result = await kit.run({ resource: 'resource', operation: 'getAll', returnAll: true, filters: { resource_ids: [2931, 2930] } });
		expect(kit.bodies('resource/list')).toEqual([{ filters: { resource_ids: [2931, 2930] }, options: { rows_per_page: -1 } }]);
		expect(kit.json(result).map((r) => r.resource_id)).toEqual([2930, 2931]);
	});

	it('gets one resource [wire:resource/get]', async () => {
		const result = await kit.run({ resource: 'resource', operation: 'get', resource_id: 2929 });
		expect(kit.bodies('resource/get')).toEqual([{ resource_id: 2929 }]);
		expect(kit.json(result)).toEqual([{ resource_id: 2929, company_id: 12345, name: 'IPL Machine', description: '' }]);
	});

	it('with Continue On Fail turns an unknown resource into an error item [wire:resource/get]', async () => {
		const result = await kit.run({ resource: 'resource', operation: 'get', resource_id: 77 }, [{}], true);
		expect(kit.bodies('resource/get')).toEqual([{ resource_id: 77 }]);
		expect(kit.json(result)).toEqual([expect.objectContaining({ error: expect.any(String), description: 'Details: resource_id' })]);
	});

	// n8n's NodeApiError swaps any message containing "ENOTFOUND" (as in RESOURCENOTFOUND) for a connection error text
	it('keeps the vendor message of a code that contains "ENOTFOUND" [wire:resource/get]', async () => {
		const result = await kit.run({ resource: 'resource', operation: 'get', resource_id: 77 });
		expect(kit.bodies('resource/get')).toEqual([{ resource_id: 77 }]);
		expect(result.error?.message).toBe('Resource 77 was not found [RESOURCENOTFOUND]');
	});
});
