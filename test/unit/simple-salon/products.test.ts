import { createSimpleSalonEmulator, type SimpleSalonEmulator } from '../../../emulators/simple-salon';
import { productStore, sharedCompaniesOf } from '../../../emulators/simple-salon/areas/products';
import { SimpleSalonApi } from '../../../credentials/SimpleSalonApi.credentials';
import { SimpleSalon } from '../../../nodes/SimpleSalon/SimpleSalon.node';
import { CredentialStore, loadOptions, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

/*
 * The retail shelf and the till's set-up through the node against the emulator: products, brands, suppliers,
 * discount types, payment types and card terminals. Every checklist entry has a test tagged [wire:<method>] that
 * checks the JSON body on the wire and what the node outputs.
 */

let salon: SimpleSalonEmulator;
let store: CredentialStore;
let credential: StoredCredential;

const setup = (parameters: NodeSetup['parameters'], continueOnFail = false): NodeSetup => ({
	node: new SimpleSalon(),
	credentialTypes: [new SimpleSalonApi()],
	store,
	credential,
	parameters,
	continueOnFail,
});

const ops = () => salon.emulator.log.map((r) => r.op).filter((op) => op !== 'login');
const bodies = (op: string) => salon.emulator.requests(op).map((r) => r.body as Record<string, unknown>);
const json = (result: Awaited<ReturnType<typeof runNode>>) => result.items.map((i) => i.json);

async function useEmulator(options: Parameters<typeof createSimpleSalonEmulator>[0] = {}) {
	await salon?.emulator.stop();
	salon = createSimpleSalonEmulator(options);
	await salon.emulator.start();
	store = new CredentialStore();
	credential = store.add('simpleSalonApi', { ...salon.credentialData(), sessionToken: '', sessionApiUrl: '', sessionExpiry: '', sessionBinding: '' });
}

/** A raw call with the node's stored session (for what the node never sends). */
async function raw(method: string, body: unknown): Promise<Record<string, unknown>> {
	if (!credential.data.sessionToken) await runNode(setup({ resource: 'brand', operation: 'getAll', limit: 1 }));
	const response = await fetch(`${String(credential.data.sessionApiUrl)}/v1/${method}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${String(credential.data.sessionToken)}` },
		body: JSON.stringify(body),
	});
	return (await response.json()) as Record<string, unknown>;
}

beforeEach(async () => await useEmulator());
afterAll(async () => await salon.emulator.stop());

describe('Simple Salon products', () => {
	it('lists all products of one brand in a single request with rows_per_page -1 [wire:product/list]', async () => {
		const result = await runNode(setup({ resource: 'product', operation: 'getAll', returnAll: true, filters: { brand_id: 4445 } }));
		expect(result.error).toBeUndefined();
		expect(bodies('product/list')).toEqual([{ filters: { brand_id: 4445 }, options: { rows_per_page: -1 } }]);
		expect(json(result).map((p) => p.name)).toEqual(['Angel.Wash', 'Angel.Rinse', 'Hydrate-Me.Wash', 'Hydrate-Me.Rinse', 'Session.Spray', 'Body.Builder', 'Doo.Over', 'Blow.Dry Wash']);
		expect(json(result).every((p) => p.brand_id === 4445)).toBe(true);
	});

	it('without a brand pages (never -1), follows the server page size, and expands brand and supplier [wire:product/list]', async () => {
		await useEmulator({ maxRowsPerPage: 10 });
		const result = await runNode(setup({ resource: 'product', operation: 'getAll', returnAll: true, expandedFields: ['brand', 'supplier'] }));
		expect(result.error).toBeUndefined();
		const expand = [{ expanded_field: 'brand' }, { expanded_field: 'supplier' }];
		expect(bodies('product/list')).toEqual([
			{ filters: {}, options: { expanded_fields: expand, page_number: 1, rows_per_page: 100 } },
			{ filters: {}, options: { expanded_fields: expand, page_number: 2, rows_per_page: 10 } },
			{ filters: {}, options: { expanded_fields: expand, page_number: 3, rows_per_page: 10 } },
		]);
		const ids = json(result).map((p) => p.product_id);
		expect(ids).toHaveLength(productStore(salon.state).products.size);
		expect(new Set(ids).size).toBe(ids.length);
		expect(json(result)[0]).toMatchObject({ product_id: 5555, name: 'Shampoo', brand: { brand_id: 4444, name: 'Hair Products' }, supplier: { supplier_id: 6666 } });

		salon.emulator.clearLog();
		const byBarcode = await runNode(setup({ resource: 'product', operation: 'getAll', limit: 3, filters: { barcode: '9300001055557' } }));
		expect(bodies('product/list')).toEqual([{ filters: { barcode: '9300001055557' }, options: { page_number: 1, rows_per_page: 3 } }]);
		expect(json(byBarcode)).toEqual([expect.objectContaining({ product_id: 5556, name: 'Conditioner' })]);
	});

	it('the emulator refuses rows_per_page -1 without a brand, as the docs allow it only per brand', async () => {
		const reply = await raw('product/list', { filters: {}, options: { rows_per_page: -1 } });
		expect(reply).toMatchObject({ success: false, error: { code: 'INVALIDPARAMETER', details: ['options.rows_per_page'] } });
		expect((await raw('product/list', { filters: { brand_id: 4447 }, options: { rows_per_page: -1 } })).success).toBe(true);
	});

	it('gets a product with its tax rate [wire:product/get]', async () => {
		const result = await runNode(setup({ resource: 'product', operation: 'get', product_id: 5555 }));
		expect(bodies('product/get')).toEqual([{ product_id: 5555 }]);
		expect(json(result)).toEqual([
			expect.objectContaining({ product_id: 5555, name: 'Shampoo', brand_id: 4444, price: 10, quantity: 24, tax: expect.objectContaining({ tax_id: 8008, rate: 10 }) }),
		]);
	});

	it('adds a product wrapped in "product" with the fields given [wire:product/add]', async () => {
		const result = await runNode(
			setup({
				resource: 'product',
				operation: 'add',
				name: 'Curl Cream 150ml',
				additionalFields: { brand_id: 4446, supplier_id: 6667, price: 42.5, wholesale_price: 19, quantity: 6, barcode: '9300001077770', tax_id_override: '0', company_use_only: false },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(bodies('product/add')).toEqual([
			{
				product: {
					name: 'Curl Cream 150ml',
					brand_id: 4446,
					supplier_id: 6667,
					price: 42.5,
					wholesale_price: 19,
					quantity: 6,
					barcode: '9300001077770',
					tax_id_override: 0,
					company_use_only: false,
				},
			},
		]);
		const added = json(result)[0];
		expect(added).toMatchObject({ name: 'Curl Cream 150ml', brand_id: 4446, price: 42.5, company_id: 12345 });
		expect(productStore(salon.state).products.get(added.product_id as number)?.name).toBe('Curl Cream 150ml');
	});

	it('never repeats an add the server may have made (503 after the write)', async () => {
		await runNode(setup({ resource: 'brand', operation: 'getAll', limit: 1 }));
		salon.emulator.clearLog();
		const before = productStore(salon.state).products.size;
		salon.emulator.inject({ when: { op: 'product/add' }, phase: 'after', action: { type: 'status', status: 503, body: { success: false, error: { code: 'UNAVAILABLE', message: 'Try later' } } } });
		const result = await runNode(setup({ resource: 'product', operation: 'add', name: 'Once Only' }));
		expect(result.error?.message).toBe('Try later [UNAVAILABLE]');
		expect(result.error?.description).toMatch(/may or may not have been made/);
		expect(ops()).toEqual(['product/add']);
		expect(productStore(salon.state).products.size).toBe(before + 1);
	});

	it('updates only the fields set, with the Dome copy flags [wire:product/update]', async () => {
		const result = await runNode(
			setup({ resource: 'product', operation: 'update', product_id: '5556', updateFields: { price: 13.5, quantity: 20, copy_price: true, copy_quantity: false } }),
		);
		expect(result.error).toBeUndefined();
		expect(bodies('product/update')).toEqual([{ product: { product_id: 5556, price: 13.5, quantity: 20 }, update_in_child_locations: { price: true, quantity: false } }]);
		expect(json(result)[0]).toMatchObject({ product_id: 5556, name: 'Conditioner', price: 13.5, quantity: 20, wholesale_price: 5.2 });
	});

	it('deletes a product [wire:product/delete]', async () => {
		const result = await runNode(setup({ resource: 'product', operation: 'delete', product_id: 5582 }));
		expect(bodies('product/delete')).toEqual([{ product_id: 5582 }]);
		expect(json(result)).toEqual([{ product_id: 5582, deleted: true }]);
		const again = await runNode(setup({ resource: 'product', operation: 'get', product_id: 5582 }));
		expect(again.error?.constructor.name).toBe('NodeApiError');
		expect(again.error?.message).toBe('Product 5582 was not found [PRODUCTNOTFOUND]');
	});

	it('shares a Dome product with child locations, replacing the others [wire:product/sharing/update]', async () => {
		const result = await runNode(
			setup({ resource: 'product', operation: 'updateSharing', product_id: 5555, company_ids: '12346, 12347', share: true, additionalFields: { replace: true } }),
		);
		expect(result.error).toBeUndefined();
		expect(bodies('product/sharing/update')).toEqual([{ product_id: 5555, company_ids: [12346, 12347], share: true, replace: true }]);
		expect(json(result)).toEqual([{ product_id: 5555, shared: true }]);
		expect(sharedCompaniesOf(salon.state, 5555)).toEqual([12346, 12347]);

		const unshare = await runNode(setup({ resource: 'product', operation: 'updateSharing', product_id: 5555, company_ids: '12347', share: false }));
		expect(json(unshare)).toEqual([{ product_id: 5555, shared: false }]);
		expect(sharedCompaniesOf(salon.state, 5555)).toEqual([12346]);
	});

	it('rejects bad input before sending anything, naming the field and the item', async () => {
		const cases: Array<[NodeSetup['parameters'], string]> = [
			[{ resource: 'product', operation: 'get', product_id: 'abc' }, 'The field "Product ID" has an invalid value "abc" in item 0'],
			[{ resource: 'product', operation: 'add', name: '' }, 'The field "Name" is empty in item 0'],
			[{ resource: 'product', operation: 'add', name: 'X', additionalFields: { price: 'cheap' } }, 'The field "Price" has an invalid number "cheap" in item 0'],
			[{ resource: 'product', operation: 'add', name: 'X', additionalFields: { tax_id_override: '-3' } }, 'The field "Tax Rate ID" has an invalid value "-3" in item 0'],
			[{ resource: 'product', operation: 'update', product_id: 5555, updateFields: {} }, 'The field "Update Fields" is empty in item 0'],
			[{ resource: 'product', operation: 'updateSharing', product_id: 5555, company_ids: '12346,x', share: true }, 'The field "Company IDs" has an invalid value "x" in item 0'],
			[{ resource: 'terminal', operation: 'get', terminalBy: 'external_id', externalId: ' ' }, 'The field "Gateway Terminal ID" is empty in item 0'],
			[{ resource: 'terminal', operation: 'add', pairingCode: '' }, 'The field "Pairing Code" is empty in item 0'],
			[{ resource: 'discountType', operation: 'get', discount_type_id: '-1' }, 'The field "Discount Type ID" has an invalid value "-1" in item 0'],
		];
		for (const [parameters, message] of cases) {
			const result = await runNode(setup(parameters));
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(message);
			expect(result.error?.context?.itemIndex).toBe(0);
		}
		expect(salon.emulator.log).toHaveLength(0);
	});

	it('turns emulator refusals into NodeApiErrors with the vendor message and details', async () => {
		const badBrand = await runNode(setup({ resource: 'product', operation: 'add', name: 'Mystery', additionalFields: { brand_id: 9999 } }));
		expect(badBrand.error?.constructor.name).toBe('NodeApiError');
		expect(badBrand.error?.message).toBe('product.brand_id 9999 is not a valid brand ID [INVALIDPARAMETER]');
		expect(badBrand.error?.description).toBe('Details: product.brand_id');

		const stranger = await runNode(setup({ resource: 'product', operation: 'updateSharing', product_id: 5555, company_ids: '99999', share: true }));
		expect(stranger.error?.message).toBe('company_ids: 99999 is not a location of your Dome [INVALIDPARAMETER]');
	});
});

describe('Simple Salon brands and suppliers', () => {
	it('lists brands: Return All is one request with rows_per_page -1 and no filters [wire:brand/list]', async () => {
		const all = await runNode(setup({ resource: 'brand', operation: 'getAll', returnAll: true }));
		expect(bodies('brand/list')).toEqual([{ options: { rows_per_page: -1 } }]);
		expect(json(all).map((b) => b.name)).toEqual(['Davines', 'Hair Products', 'Kevin.Murphy', 'Moroccanoil', 'OPI']);

		salon.emulator.clearLog();
		const two = await runNode(setup({ resource: 'brand', operation: 'getAll', limit: 2 }));
		expect(bodies('brand/list')).toEqual([{ options: { page_number: 1, rows_per_page: 2 } }]);
		expect(json(two)).toEqual([
			{ brand_id: 4446, name: 'Davines' },
			{ brand_id: 4444, name: 'Hair Products' },
		]);
	});

	it('lists suppliers with their contact details [wire:supplier/list]', async () => {
		const result = await runNode(setup({ resource: 'supplier', operation: 'getAll', returnAll: true }));
		expect(bodies('supplier/list')).toEqual([{ options: { rows_per_page: -1 } }]);
		expect(json(result).map((s) => s.supplier_id)).toEqual([6666, 6668, 6667]);
		expect(json(result)[0]).toMatchObject({ name: 'Excellent Hair Products', contact_name: 'Priya Patel', address_state_id: 3 });
	});

	it('the emulator refuses filters on brand/list (the method takes only options)', async () => {
		expect(await raw('brand/list', { filters: {} })).toMatchObject({ success: false, error: { code: 'INVALIDPARAMETER', details: ['filters'] } });
	});

	it('fills the brand, supplier, product, payment type and discount type dropdowns', async () => {
		const brands = await loadOptions(setup({}), 'getBrands');
		expect(brands.map((o) => o.name)).toEqual(['Davines', 'Hair Products', 'Kevin.Murphy', 'Moroccanoil', 'OPI']);
		expect(brands[1]).toEqual({ name: 'Hair Products', value: 4444, description: 'ID 4444' });
		const suppliers = await loadOptions(setup({}), 'getSuppliers');
		expect(suppliers[0]).toEqual({ name: 'Excellent Hair Products', value: 6666, description: 'ID 6666 · Priya Patel' });
		const products = await loadOptions(setup({}), 'getProducts');
		expect(products).toHaveLength(productStore(salon.state).products.size);
		expect(products.find((o) => o.value === 5555)).toEqual({ name: 'Shampoo', value: 5555, description: 'ID 5555 · Hair Products · price 10' });
		const paymentTypes = await loadOptions(setup({}), 'getPaymentTypes');
		expect(paymentTypes.find((o) => o.value === 83844)).toEqual({ name: 'Bank Transfer', value: 83844, description: 'ID 83844 · hidden at POS' });
		const discountTypes = await loadOptions(setup({}), 'getDiscountTypes');
		expect(discountTypes.find((o) => o.value === 7173)).toEqual({ name: 'VIP 15%', value: 7173, description: 'ID 7173 · 15% · applied automatically' });
		expect(bodies('brand/list')).toEqual([{ options: { rows_per_page: -1 } }]);
		expect(bodies('supplier/list')).toEqual([{ options: { rows_per_page: -1 } }]);
		expect(bodies('product/list')).toEqual([{ filters: {}, options: { expanded_fields: [{ expanded_field: 'brand' }], page_number: 1, rows_per_page: 100 } }]);
		expect(bodies('payment_type/list')).toEqual([{ filters: {}, options: { rows_per_page: -1 } }]);
		expect(bodies('discount_type/list')).toEqual([{ filters: {}, options: { rows_per_page: -1 } }]);
	});
});

describe('Simple Salon discount and payment types', () => {
	it('lists the discount types a staff member may give on products, for a location [wire:discount_type/list]', async () => {
		const result = await runNode(
			setup({ resource: 'discountType', operation: 'getAll', returnAll: true, filters: { item_type: 'all_products', role_id: '-2', company_id: '12345' } }),
		);
		expect(result.error).toBeUndefined();
		expect(bodies('discount_type/list')).toEqual([{ company_id: 12345, filters: { item_type: 'all_products', role_id: -2 }, options: { rows_per_page: -1 } }]);
		expect(json(result).map((d) => d.name)).toEqual(['$5 off Retail']);

		salon.emulator.clearLog();
		const forVip = await runNode(setup({ resource: 'discountType', operation: 'getAll', limit: 20, filters: { client_ids: '1111', day: 'Tuesday' } }));
		expect(bodies('discount_type/list')).toEqual([{ filters: { client_ids: [1111], day: 'Tuesday' }, options: { page_number: 1, rows_per_page: 20 } }]);
		expect(json(forVip).map((d) => d.discount_type_id)).toEqual([7171, 7172, 7173, 7174, 7175, 7176, 7177, 7178]);

		salon.emulator.clearLog();
		const onDate = await runNode(setup({ resource: 'discountType', operation: 'getAll', returnAll: true, filters: { client_ids: '1112', time: '2025-03-12T15:00:00' } }));
		expect(bodies('discount_type/list')[0].filters).toEqual({ client_ids: [1112], time: '2025-03-12T00:00:00' });
		// a Wednesday in the Autumn Launch: not the Tuesday manicure, not the VIP discount (1112 is no VIP)
		expect(json(onDate).map((d) => d.discount_type_id)).toEqual([7171, 7172, 7174, 7176, 7177, 7178]);
	});

	it('gets a discount type [wire:discount_type/get]', async () => {
		const result = await runNode(setup({ resource: 'discountType', operation: 'get', discount_type_id: 7173 }));
		expect(bodies('discount_type/get')).toEqual([{ discount_type_id: 7173 }]);
		expect(json(result)).toEqual([
			expect.objectContaining({ discount_type_id: 7173, name: 'VIP 15%', discount_type: '%', amount: 15, apply_automatically: true, client_category_ids: [920] }),
		]);
	});

	it('lists the payment types hidden from the POS screen [wire:payment_type/list]', async () => {
		const result = await runNode(setup({ resource: 'paymentType', operation: 'getAll', returnAll: true, filters: { show_on_pos: false } }));
		expect(bodies('payment_type/list')).toEqual([{ filters: { show_on_pos: false }, options: { rows_per_page: -1 } }]);
		expect(json(result).map((p) => p.name)).toEqual(['Bank Transfer', 'Tyro EFTPOS']);
	});

	it('gets a payment type with its gateway modes [wire:payment_type/get]', async () => {
		const result = await runNode(setup({ resource: 'paymentType', operation: 'get', payment_type_id: '83842' }));
		expect(bodies('payment_type/get')).toEqual([{ payment_type_id: 83842 }]);
		expect(json(result)[0]).toMatchObject({ name: 'Stripe', gateway: 'stripe', is_live: true, gateway_modes: [{ mode: 'terminal' }, { mode: 'invoice' }] });
	});
});

describe('Simple Salon card terminals', () => {
	it('lists the online terminals of the default gateway, or of another one [wire:third_party/payment_type/terminal/list]', async () => {
		const result = await runNode(setup({ resource: 'terminal', operation: 'getAll', returnAll: true, filters: { status: 'online' } }));
		expect(bodies('third_party/payment_type/terminal/list')).toEqual([{ filters: { status: 'online' }, options: { rows_per_page: -1 } }]);
		expect(json(result).map((t) => t.name)).toEqual(['Front Bench', 'Nail Bar']);
		expect(json(result)[0]).toMatchObject({ external_id: 'tmr_J6U4YwUIK1TX54H94WOwDKXx', serial: '123-456-789', type: 'verifone_P400', status: 'online' });

		salon.emulator.clearLog();
		const tyro = await runNode(setup({ resource: 'terminal', operation: 'getAll', limit: 5, options: { gateway: 'tyro' } }));
		expect(bodies('third_party/payment_type/terminal/list')).toEqual([{ filters: {}, gateway: 'tyro', options: { page_number: 1, rows_per_page: 5 } }]);
		expect(json(tyro).map((t) => t.name)).toEqual(['Reception Tyro']);

		const unlinked = await runNode(setup({ resource: 'terminal', operation: 'getAll', limit: 5, options: { gateway: 'resonance' } }));
		expect(unlinked.error?.message).toBe('resonance is not linked to this company [THIRDPARTYNOTLINKED]');
	});

	it('gets a terminal by its gateway ID or by its Simple Salon ID [wire:third_party/payment_type/terminal/get]', async () => {
		const byExternal = await runNode(setup({ resource: 'terminal', operation: 'get', terminalBy: 'external_id', externalId: 'tmr_J6U4YwUIK1TX54H94WOwDKXx' }));
		const byId = await runNode(setup({ resource: 'terminal', operation: 'get', terminalBy: 'terminal_id', terminalId: '304', options: { gateway: 'tyro' } }));
		expect(bodies('third_party/payment_type/terminal/get')).toEqual([{ external_id: 'tmr_J6U4YwUIK1TX54H94WOwDKXx' }, { terminal_id: '304', gateway: 'tyro' }]);
		expect(json(byExternal)).toEqual([expect.objectContaining({ terminal_id: 301, name: 'Front Bench' })]);
		expect(json(byId)).toEqual([expect.objectContaining({ terminal_id: 304, name: 'Reception Tyro', external_id: '2201' })]);
	});

	it('pairs a terminal once: the add is never repeated, and a used pairing code is refused [wire:third_party/payment_type/terminal/add]', async () => {
		const result = await runNode(setup({ resource: 'terminal', operation: 'add', pairingCode: 'sepia-cerulean-aqua', additionalFields: { name: 'Colour Bar' } }));
		expect(result.error).toBeUndefined();
		expect(bodies('third_party/payment_type/terminal/add')).toEqual([{ terminal: { pairing_code: 'sepia-cerulean-aqua', name: 'Colour Bar' } }]);
		expect(json(result)).toEqual([expect.objectContaining({ terminal_id: 305, name: 'Colour Bar', status: 'online', company_id: 12345 })]);

		salon.emulator.clearLog();
		salon.emulator.inject({ when: { op: 'third_party/payment_type/terminal/add' }, phase: 'after', action: { type: 'reset' } });
		const broken = await runNode(setup({ resource: 'terminal', operation: 'add', pairingCode: 'amber-coral-teal' }));
		expect(broken.error?.message).toBe('The connection broke after the request was sent: the change may or may not have been made');
		expect(ops()).toEqual(['third_party/payment_type/terminal/add']);

		const reused = await runNode(setup({ resource: 'terminal', operation: 'add', pairingCode: 'amber-coral-teal' }));
		expect(reused.error?.constructor.name).toBe('NodeApiError');
		expect(reused.error?.message).toBe('The pairing code "amber-coral-teal" is not valid or has already been used [INVALIDPAIRINGCODE]');
		const listed = await runNode(setup({ resource: 'terminal', operation: 'getAll', returnAll: true }));
		expect(json(listed).map((t) => t.terminal_id)).toEqual([301, 302, 303, 305, 306]);
	});

	it('unlinks a terminal [wire:third_party/payment_type/terminal/delete]', async () => {
		const result = await runNode(setup({ resource: 'terminal', operation: 'delete', terminalBy: 'external_id', externalId: 'tmr_FbQe7rT2LkP0aW9xYcZ1dE3f' }));
		expect(bodies('third_party/payment_type/terminal/delete')).toEqual([{ external_id: 'tmr_FbQe7rT2LkP0aW9xYcZ1dE3f' }]);
		expect(json(result)).toEqual([expect.objectContaining({ terminal_id: 302, name: 'Back Room', deleted: true })]);
		const again = await runNode(setup({ resource: 'terminal', operation: 'delete', terminalBy: 'external_id', externalId: 'tmr_FbQe7rT2LkP0aW9xYcZ1dE3f' }));
		expect(again.error?.message).toBe('No stripe terminal with external_id tmr_FbQe7rT2LkP0aW9xYcZ1dE3f [TERMINALNOTFOUND]');
	});
});
