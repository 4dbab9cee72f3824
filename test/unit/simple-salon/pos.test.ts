import { createSimpleSalonEmulator, type SimpleSalonEmulator } from '../../../emulators/simple-salon';
import { productStore } from '../../../emulators/simple-salon/areas/products';
import { SimpleSalonApi } from '../../../credentials/SimpleSalonApi.credentials';
import { SimpleSalon } from '../../../nodes/SimpleSalon/SimpleSalon.node';
import { CredentialStore, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

/*
 * The till through the node against the emulator: loading and saving sales, the price checks (dry runs), the
 * redemptions (processed at once, never repeated), the cash drawer and transaction totals. Every checklist entry has
 * a test tagged [wire:<method>] that checks the JSON body on the wire and what the node outputs.
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
const rawBodies = (op: string) => salon.emulator.requests(op).map((r) => `${r.method} ${r.rawBody}`);
const json = (result: Awaited<ReturnType<typeof runNode>>) => result.items.map((i) => i.json);
const pos = (operation: string, parameters: NodeSetup['parameters'] = {}) => setup({ resource: 'pos', operation, ...parameters });
const fault503 = { type: 'status' as const, status: 503, body: { success: false, error: { code: 'UNAVAILABLE', message: 'Try later' } } };

async function useEmulator() {
	await salon?.emulator.stop();
	salon = createSimpleSalonEmulator();
	await salon.emulator.start();
	store = new CredentialStore();
	credential = store.add('simpleSalonApi', { ...salon.credentialData(), sessionToken: '', sessionApiUrl: '', sessionExpiry: '', sessionBinding: '' });
}

/** Turns the company's advanced_discounting setting on (the settings area keeps settings on the shared state). */
function advancedDiscounting() {
	(salon.state as unknown as { settings: Record<string, string> }).settings.advanced_discounting = '1';
}

async function load(clientId: number) {
	const result = await runNode(pos('loadSale', { client_id: String(clientId) }));
	expect(result.error).toBeUndefined();
	return json(result)[0] as Record<string, Array<Record<string, unknown>>> & Record<string, unknown>;
}

async function serviceCheck(clientId: number, serviceId: number) {
	const result = await runNode(pos('checkService', { client_id: clientId, appointment_id: '-1', operator_id: '2222', serviceBy: 'service_id', service_id: serviceId }));
	expect(result.error).toBeUndefined();
	return json(result)[0];
}

/** Logs in once, then forgets the log, so a test sees only its own requests. */
async function warmUp() {
	await runNode(pos('getDrawerAmount'));
	salon.emulator.clearLog();
}

beforeEach(async () => await useEmulator());
afterAll(async () => await salon.emulator.stop());

describe('Simple Salon POS sales', () => {
	it('loads a client with their unpaid appointments, products and memberships [wire:pos/load]', async () => {
		const sale = await load(1111);
		expect(bodies('pos/load')).toEqual([{ client_id: 1111 }]);
		expect(sale.client).toMatchObject({ client_id: 1111, firstname: 'Joe', lastname: 'Citizen', loyalty_member: true });
		expect(sale.appointments.map((a) => a.appointment_id)).toEqual(expect.arrayContaining([56789]));
		expect(sale.appointments.find((a) => a.appointment_id === 56789)).toMatchObject({
			service_id: 3333,
			price: 85,
			transaction_id: 0,
			can_redeem_via_package: true,
			service: { name: "Women's Cut & Blow Dry", category: { category_id: 41, name: 'Hair' } },
		});
		expect(sale.client_products).toEqual([expect.objectContaining({ client_product_id: 39001, product_id: 5556, price: 12.5, product: expect.objectContaining({ name: 'Conditioner' }) })]);
		expect(sale.client_memberships).toEqual([expect.objectContaining({ client_membership_id: 6262, membership: { membership_id: 4646, name: '1 Year Upfront' } })]);
		expect(sale.deposit_payments).toEqual([]);
		expect(sale).not.toHaveProperty('redirect_to_transaction_id');

		salon.emulator.clearLog();
		const one = await runNode(pos('loadSale', { client_id: '1111', options: { appointment_ids: '56789', client_product_ids: '39001', company_id: '12345' } }));
		expect(bodies('pos/load')).toEqual([{ client_id: 1111, appointment_ids: [56789], client_product_ids: [39001], company_id: 12345 }]);
		expect((json(one)[0].appointments as Array<{ appointment_id: number }>).map((a) => a.appointment_id)).toEqual([56789]);

		expect((await load(1113)).redirect_to_transaction_id).toBe(89999);
	});

	it('saves new and existing items for later, group children linked by pos_id [wire:pos/save]', async () => {
		const appointments = [
			{ appointment_id: -1, client_id: 1111, operator_id: 2223, service_id: 3336, price: 40, pos_id: 'mani1' },
			{ appointment_id: 57109, client_id: 1111, operator_id: 2222, service_id: 3333, price: 80 },
			{ appointment_id: -1, client_id: 1111, operator_id: 2223, service_id: 3337, pos_id: 'grp' },
			{ appointment_id: -1, client_id: 1111, operator_id: 2223, service_id: 3333, price: 70, pos_id: 'grp-cut', parent_pos_id: 'grp' },
		];
		const clientProducts = [{ client_product_id: -1, client_id: 1111, operator_id: 2222, product_id: 5567, price: 84, quantity: 2 }];
		const result = await runNode(pos('saveSale', { appointments: JSON.stringify(appointments), clientProducts: JSON.stringify(clientProducts) }));
		expect(result.error).toBeUndefined();
		expect(bodies('pos/save')).toEqual([{ appointments, client_products: clientProducts }]);
		const saved = json(result)[0] as Record<string, Array<Record<string, unknown>>>;
		expect(saved.appointments.map((a) => [a.appointment_id, a.pos_id, a.parent_appointment_id])).toEqual([
			[880001, 'mani1', undefined],
			[57109, undefined, undefined],
			[880002, 'grp', undefined],
			[880003, 'grp-cut', 880002],
		]);
		expect(saved.client_products).toEqual([expect.objectContaining({ client_product_id: 39002, product_id: 5567, quantity: 2 })]);

		const sale = await load(1111);
		expect(sale.appointments.map((a) => a.appointment_id)).toEqual(expect.arrayContaining([56789, 57109, 880001, 880002, 880003]));
		expect(sale.appointments.find((a) => a.appointment_id === 57109)?.price).toBe(80);
		expect(sale.appointments.find((a) => a.appointment_id === 880001)).toMatchObject({ service_id: 3336, price: 40, show_on_appt_page: false });
		expect(sale.client_products.map((p) => p.client_product_id)).toEqual([39001, 39002]);
	});

	it('never repeats a POS save after a 503 or a dropped connection: each attempt parks the items once', async () => {
		await warmUp();
		const items = JSON.stringify([{ appointment_id: -1, client_id: 1112, operator_id: 2222, service_id: 3336, price: 40 }]);
		salon.emulator.inject({ when: { op: 'pos/save' }, phase: 'after', action: fault503 });
		const first = await runNode(pos('saveSale', { appointments: items }));
		expect(first.error?.constructor.name).toBe('NodeApiError');
		expect(first.error?.message).toBe('Try later [UNAVAILABLE]');
		expect(first.error?.description).toMatch(/may or may not have been made/);
		expect(ops()).toEqual(['pos/save']);

		salon.emulator.clearLog();
		salon.emulator.inject({ when: { op: 'pos/save' }, phase: 'after', action: { type: 'reset' } });
		const second = await runNode(pos('saveSale', { appointments: items }));
		expect(second.error?.message).toBe('The connection broke after the request was sent: the change may or may not have been made');
		expect(ops()).toEqual(['pos/save']);

		const manicures = (await load(1112)).appointments.filter((a) => a.service_id === 3336 && a.show_on_appt_page === false);
		expect(manicures).toHaveLength(2);
	});

	it('rejects bad sale input before sending anything, naming the field and the item', async () => {
		const good = JSON.stringify([{ appointment_id: -1, client_id: 1111, operator_id: 2222, service_id: 3333, price: 85, pos_id: 'a' }]);
		const cases: Array<[NodeSetup['parameters'], string]> = [
			[pos('saveSale', { appointments: '[{"appointment_id": -1,' }).parameters, 'The field "Appointments (JSON)" is not valid JSON in item 0'],
			[pos('saveSale', { appointments: '{"appointment_id": -1}' }).parameters, 'The field "Appointments (JSON)" must be a JSON array of items in item 0'],
			[pos('saveSale', { appointments: '[]', clientProducts: '' }).parameters, 'There is nothing to save in item 0'],
			[
				pos('saveSale', { clientProducts: '[{"client_product_id": -1, "client_id": 1111, "operator_id": 2222, "product_id": 5555, "price": 10}]' }).parameters,
				'The field "Client Products (JSON)" item 0 has no "quantity" in item 0',
			],
			[
				pos('saveSale', { appointments: '[{"appointment_id": -1, "client_id": -1, "operator_id": 2222, "service_id": 3333, "price": 85}]' }).parameters,
				'The field "Appointments (JSON)" item 0 is for a special client (-1) in item 0',
			],
			[
				pos('saveSale', { appointments: good, clientProducts: '[{"client_product_id": -1, "client_id": 1111, "operator_id": 2222, "product_id": 5555, "price": 10, "quantity": 1, "pos_id": "a"}]' })
					.parameters,
				'The pos_id "a" is used twice (Appointments (JSON)[0] and Client Products (JSON)[0]) in item 0',
			],
			[
				pos('saveSale', { appointments: '[{"appointment_id": -1, "client_id": 1111, "operator_id": 2222, "service_id": 3333, "price": 85, "parent_pos_id": "nope"}]' }).parameters,
				'The field "Appointments (JSON)[0].parent_pos_id" does not match the pos_id of an appointment in this call in item 0',
			],
			[pos('loadSale', { client_id: '-1' }).parameters, 'The field "Client ID" is a special client (-1) in item 0'],
			[pos('checkTransaction', { transaction: '{"appointments": [' }).parameters, 'The field "Transaction (JSON)" is not valid JSON in item 0'],
			[pos('checkTransaction', { transaction: '[]' }).parameters, 'The field "Transaction (JSON)" must be a JSON object in item 0'],
			[
				pos('checkTransaction', { transaction: '{"appointments": []}', additionalFields: { discounts: '[{"discount_type_id": 7171}]' } }).parameters,
				'The field "Transaction Discounts (JSON)" item 0 has no "pos_id" in item 0',
			],
			[pos('checkTransaction', { transaction: '{"appointments": []}', additionalFields: { discounts: 'not json' } }).parameters, 'The field "Transaction Discounts (JSON)" is not valid JSON in item 0'],
			[
				pos('redeemServiceWithPoints', { appointment_id: '-1', client_id: '1261', additionalFields: { operator_id: '2222' } }).parameters,
				'The field "Service Name or ID" is needed when Appointment ID is -1 in item 0',
			],
			[
				pos('redeemServiceFromPackage', { appointment_id: '-1', client_id: '1111', additionalFields: { service_id: 3334, operator_id: '2222', parent_appointment_id: '-1' } }).parameters,
				'The field "Group Service Name or ID" is needed when Group Parent Appointment ID is -1 in item 0',
			],
			[pos('redeemProductFromPackage', { client_id: '1111', product_id: 5567, quantity: 0 }).parameters, 'The field "Quantity" has an invalid value "0" in item 0'],
			[pos('checkService', { client_id: '1111', appointment_id: '-1', operator_id: '2222', serviceBy: 'barcode', serviceBarcode: '' }).parameters, 'The field "Barcode" is empty in item 0'],
			[pos('restoreServiceToPackage', { appointment_id: '-1' }).parameters, 'The field "Appointment ID" has an invalid value "-1" in item 0'],
		];
		for (const [parameters, message] of cases) {
			const result = await runNode(setup(parameters));
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(message);
			expect(result.error?.context?.itemIndex).toBe(0);
		}
		expect(salon.emulator.log).toHaveLength(0);
	});

	it('names the item of bad JSON in the second item, before any request', async () => {
		const good = JSON.stringify([{ appointment_id: -1, client_id: 1111, operator_id: 2222, service_id: 3333, price: 85 }]);
		const result = await runNode(pos('saveSale', { appointments: '={{ $json.sale }}' }), [{ sale: good }, { sale: '[{"appointment_id": -1' }]);
		expect(result.error?.message).toBe('The field "Appointments (JSON)" is not valid JSON in item 1');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(bodies('pos/save')).toHaveLength(1);
	});

	it('turns emulator refusals into NodeApiErrors with the vendor message', async () => {
		const paid = await runNode(pos('saveSale', { appointments: JSON.stringify([{ appointment_id: 99999, client_id: 1111, operator_id: 2222, service_id: 3333, price: 1 }]) }));
		expect(paid.error?.constructor.name).toBe('NodeApiError');
		expect(paid.error?.message).toBe('Appointment 99999 was not found for client 1111 [APPOINTMENTNOTFOUND]');
		expect(paid.error?.description).toBe('Details: appointments[0].appointment_id');
		const system = await runNode(pos('checkProduct', { client_id: '-3', client_product_id: '-1', productBy: 'product_id', product_id: 5555 }));
		expect(system.error?.message).toBe('The System client cannot be used in a sale [INVALIDCLIENT]');
	});
});

describe('Simple Salon POS price checks (nothing is saved)', () => {
	it('checks a service: price after the VIP discount, tax rate, redeem options and the discounts on offer [wire:pos/service/check]', async () => {
		advancedDiscounting();
		const byId = await runNode(pos('checkService', { client_id: '1111', appointment_id: '-1', operator_id: '2222', serviceBy: 'service_id', service_id: 3333 }));
		const byBarcode = await runNode(
			pos('checkService', { client_id: '1111', appointment_id: '-1', operator_id: '-1', serviceBy: 'barcode', serviceBarcode: '9300000003334', additionalFields: { company_id: '12345' } }),
		);
		expect(bodies('pos/service/check')).toEqual([
			{ client_id: 1111, appointment_id: -1, operator_id: 2222, service_id: 3333 },
			{ client_id: 1111, appointment_id: -1, operator_id: -1, barcode: '9300000003334', company_id: 12345 },
		]);
		expect(json(byId)[0]).toMatchObject({
			appointment_id: -1,
			service_id: 3333,
			pos_original_price: 85,
			price: 72.25,
			discount_type_id: 7173,
			tax_rate: 10,
			can_redeem_via_package: true,
			can_redeem_via_membership: false,
			can_redeem_via_loyalty_points: false,
			service: { name: "Women's Cut & Blow Dry" },
		});
		expect((json(byId)[0].available_discounts as Array<{ discount_type_id: number }>).map((d) => d.discount_type_id)).toEqual([7171, 7173]);
		expect(json(byBarcode)[0]).toMatchObject({ service_id: 3334, operator_id: -1, pos_original_price: 45, price: 38.25, can_redeem_via_package: true });

		// without advanced discounting there is no list of discounts on offer
		(salon.state as unknown as { settings: Record<string, string> }).settings.advanced_discounting = '0';
		const existing = await runNode(pos('checkService', { client_id: '1111', appointment_id: '57109', operator_id: '2222', serviceBy: 'service_id', service_id: 3333 }));
		expect(json(existing)[0]).toMatchObject({ appointment_id: 57109, price: 72.25 });
		expect(json(existing)[0]).not.toHaveProperty('available_discounts');
	});

	it('checks a product by ID or barcode [wire:pos/product/check]', async () => {
		const fromPackage = await runNode(pos('checkProduct', { client_id: '1111', client_product_id: '-1', productBy: 'product_id', product_id: 5567 }));
		const saved = await runNode(pos('checkProduct', { client_id: '1111', client_product_id: '39001', productBy: 'barcode', productBarcode: '9300001055557' }));
		expect(bodies('pos/product/check')).toEqual([
			{ client_id: 1111, client_product_id: -1, product_id: 5567 },
			{ client_id: 1111, client_product_id: 39001, barcode: '9300001055557' },
		]);
		expect(json(fromPackage)[0]).toMatchObject({
			client_product_id: -1,
			product_id: 5567,
			quantity: 1,
			price: 42,
			tax_rate: 10,
			can_redeem_via_package: true,
			can_redeem_via_package_quantity: 1,
			product: { name: 'OI Shampoo', brand: { name: 'Davines' } },
		});
		expect(json(saved)[0]).toMatchObject({ client_product_id: 39001, product_id: 5556, price: 12.5, can_redeem_via_package: false });

		const backbar = await runNode(pos('checkProduct', { client_id: '1111', client_product_id: '-1', productBy: 'product_id', product_id: 5583 }));
		expect(backbar.error?.message).toBe('Shampoo 5L Backbar is for company use only and cannot be sold to clients [PRODUCTCOMPANYUSEONLY]');
	});

	it('checks a gift voucher by barcode, for a walk-in [wire:pos/voucher/check]', async () => {
		const result = await runNode(pos('checkVoucher', { client_id: '-1', client_voucher_id: '-1', voucherBy: 'barcode', voucherBarcode: 'GV100' }));
		expect(bodies('pos/voucher/check')).toEqual([{ client_id: -1, client_voucher_id: -1, barcode: 'GV100' }]);
		expect(json(result)).toEqual([
			{ client_id: -1, client_voucher_id: -1, company_id: 12345, pos_original_price: 100, price: 100, voucher: { name: '$100 Gift Voucher', voucher_id: 7777 }, voucher_id: 7777, tax_rate: 10 },
		]);
	});

	it('checks a package, which walk-ins cannot buy [wire:pos/package/check]', async () => {
		const result = await runNode(pos('checkPackage', { client_id: '1112', client_package_id: '-1', packageBy: 'package_id', package_id: 9995 }));
		expect(bodies('pos/package/check')).toEqual([{ client_id: 1112, client_package_id: -1, package_id: 9995 }]);
		expect(json(result)[0]).toMatchObject({ client_package_id: -1, package_id: 9995, price: 350, tax_rate: 10, package: { name: '5 x Blow Dry' } });
		const walkIn = await runNode(pos('checkPackage', { client_id: '-1', client_package_id: '-1', packageBy: 'package_id', package_id: 9995 }));
		expect(walkIn.error?.message).toBe('The Walk In client cannot purchase packages or memberships [INVALIDCLIENT]');
	});

	it('checks a membership: setup price and recurring details [wire:pos/membership/check]', async () => {
		const saved = await runNode(pos('checkMembership', { client_id: '1111', client_membership_id: '6262', membership_id: 4646 }));
		const monthly = await runNode(pos('checkMembership', { client_id: '1111', client_membership_id: '-1', membership_id: 4647 }));
		expect(bodies('pos/membership/check')).toEqual([
			{ client_id: 1111, client_membership_id: 6262, membership_id: 4646 },
			{ client_id: 1111, client_membership_id: -1, membership_id: 4647 },
		]);
		expect(json(saved)[0]).toMatchObject({ client_membership_id: 6262, price: 100, tax_rate: 0, membership: { name: '1 Year Upfront', payment_type: 'upfront' } });
		expect(json(monthly)[0]).toMatchObject({ price: 0, membership: { payment_type: 'recurring', recurring_fee: 79, recurring_type: 'monthly' } });
	});

	it('shares a group service price out over its services, one item each [wire:pos/service/children]', async () => {
		const result = await runNode(pos('getGroupServicePrices', { client_id: '1111', operator_id: '2223', service_id: 3337, additionalFields: { price: 200 } }));
		expect(bodies('pos/service/children')).toEqual([{ client_id: 1111, operator_id: 2223, service_id: 3337, price: 200 }]);
		expect(json(result).map((a) => [a.service_id, a.pos_original_price, a.price])).toEqual([
			[3333, 85, 69.39],
			[3335, 160, 130.61],
		]);
		const notGroup = await runNode(pos('getGroupServicePrices', { client_id: '1111', operator_id: '2223', service_id: 3333 }));
		expect(notGroup.error?.message).toBe("Service 3333 (Women's Cut & Blow Dry) is not a group service [SERVICENOTGROUP]");
	});

	it('totals a transaction as in the example of the docs, spreading the transaction discount [wire:pos/transaction/check]', async () => {
		const transaction = {
			amount: 29,
			appointments: [{ appointment_id: -1, client_id: 1111, operator_id: 2222, pos_id: 'myref1', service_id: 3333, price: 20 }],
			client_products: [
				{
					client_product_id: -1,
					client_id: 1111,
					company_id: 12345,
					discounts: [{ amount: 1, discount_type_id: 7171, operator_id: 2222, order: 1, original_price: 10, pos_id: 'myitemdiscref1', transaction_discount: false }],
					product_id: 5556,
					price: 9,
				},
			],
			transaction_id: 85735,
		};
		const discount = { amount: 1, discount_type_id: 7171, operator_id: 2222, pos_id: 'mytransdiscref1', transaction_discount: true };
		// one discount given as an object (the table's type) is sent as the list the example shows
		const result = await runNode(pos('checkTransaction', { transaction: JSON.stringify(transaction), additionalFields: { discounts: JSON.stringify(discount) } }));
		expect(result.error).toBeUndefined();
		expect(bodies('pos/transaction/check')).toEqual([{ transaction, discounts: [discount] }]);
		const total = json(result)[0] as Record<string, unknown> & { appointments: Array<Record<string, unknown>>; client_products: Array<Record<string, unknown>> };
		expect(total.amount).toBe(26.1);
		expect(total.transaction_id).toBe(85735);
		expect(total.appointments[0]).toMatchObject({
			price: 18,
			discounts: [{ amount: 2, discount_type_id: 7171, operator_id: 2222, order: 1, original_price: 20, pos_id: 'mytransdiscref1', transaction_discount: true }],
		});
		expect(total.client_products[0]).toMatchObject({
			price: 8.1,
			discounts: [
				{ amount: 1, order: 1, original_price: 10, pos_id: 'myitemdiscref1', transaction_discount: false },
				{ amount: 0.9, order: 2, original_price: 9, pos_id: 'mytransdiscref1', transaction_discount: true },
			],
		});

		// four men's cuts with three left in Joe's package: each alone could be redeemed, together only three
		salon.emulator.clearLog();
		const cuts = [1, 2, 3, 4].map((n) => ({ appointment_id: -1, client_id: 1111, operator_id: 2222, service_id: 3334, price: 45, pos_id: `cut${n}` }));
		const combined = await runNode(pos('checkTransaction', { transaction: JSON.stringify({ appointments: cuts }) }));
		const rows = (json(combined)[0] as { appointments: Array<Record<string, unknown>> }).appointments;
		expect(rows.map((a) => [a.can_redeem_via_package, a.can_redeem_via_package_combined])).toEqual([
			[true, true],
			[true, true],
			[true, true],
			[true, false],
		]);
		expect(json(combined)[0].amount).toBe(180);
	});
});

describe('Simple Salon POS redemptions (processed at once, never repeated)', () => {
	it('redeems a service with loyalty points, spending them [wire:pos/service/loyalty_redeem]', async () => {
		expect(salon.state.clients.get(1261)?.loyalty_points).toBe(450);
		const result = await runNode(
			pos('redeemServiceWithPoints', { appointment_id: '-1', client_id: '1261', additionalFields: { service_id: 3334, operator_id: '2222' } }),
		);
		expect(result.error).toBeUndefined();
		expect(bodies('pos/service/loyalty_redeem')).toEqual([{ appointment_id: -1, client_id: 1261, service_id: 3334, operator_id: 2222 }]);
		expect(json(result)).toEqual([{ redeemed: true, via: 'loyalty points', appointment_id: -1, client_id: 1261 }]);
		expect(salon.state.clients.get(1261)?.loyalty_points).toBe(0);

		salon.emulator.clearLog();
		const again = await runNode(pos('redeemServiceWithPoints', { appointment_id: '-1', client_id: '1261', additionalFields: { service_id: 3334, operator_id: '2222' } }));
		expect(again.error?.constructor.name).toBe('NodeApiError');
		expect(again.error?.message).toBe("Client 1261 does not have enough loyalty points for Men's Cut [INSUFFICIENTLOYALTYPOINTS]");
		expect(again.error?.description).toBe('Details: Required: 450; Available: 0');
		expect(ops()).toEqual(['pos/service/loyalty_redeem']);
	});

	it('redeems services from a membership, one group child with a new group parent [wire:pos/service/membership_redeem]', async () => {
		expect((await serviceCheck(1112, 3333)).can_redeem_via_membership).toBe(true);
		salon.emulator.clearLog();
		const plain = await runNode(pos('redeemServiceFromMembership', { appointment_id: '-1', client_id: '1112', additionalFields: { service_id: 3333, operator_id: '2223' } }));
		const grouped = await runNode(
			pos('redeemServiceFromMembership', {
				appointment_id: '-1',
				client_id: '1112',
				additionalFields: { service_id: 3333, operator_id: '2223', parent_appointment_id: '-1', parent_service_id: 3337 },
			}),
		);
		expect(bodies('pos/service/membership_redeem')).toEqual([
			{ appointment_id: -1, client_id: 1112, service_id: 3333, operator_id: 2223 },
			{ appointment_id: -1, client_id: 1112, service_id: 3333, operator_id: 2223, parent_appointment_id: -1, parent_service_id: 3337 },
		]);
		expect(json(plain)).toEqual([{ redeemed: true, via: 'membership inclusions', appointment_id: -1, client_id: 1112 }]);
		expect(json(grouped)).toEqual([{ redeemed: true, via: 'membership inclusions', appointment_id: -1, client_id: 1112, parent_appointment_id: 880003 }]);
		expect((await serviceCheck(1112, 3333)).can_redeem_via_membership).toBe(false);
		const third = await runNode(pos('redeemServiceFromMembership', { appointment_id: '-1', client_id: '1112', additionalFields: { service_id: 3333, operator_id: '2223' } }));
		expect(third.error?.message).toBe("Client 1112 has no membership inclusions left for Women's Cut & Blow Dry [NOTHINGTOREDEEM]");
	});

	it('redeems a booked appointment from a package, and a second one is not repeated after a 503 [wire:pos/service/package_redeem]', async () => {
		const result = await runNode(pos('redeemServiceFromPackage', { appointment_id: '56789', client_id: '1111' }));
		expect(result.error).toBeUndefined();
		expect(bodies('pos/service/package_redeem')).toEqual([{ appointment_id: 56789, client_id: 1111 }]);
		expect(json(result)).toEqual([{ redeemed: true, via: 'unclaimed package items', appointment_id: 56789, client_id: 1111 }]);
		expect(salon.state.appointments.find((a) => a.appointment_id === 56789)?.transaction_id).toBeGreaterThan(0);
		expect((await load(1111)).appointments.map((a) => a.appointment_id)).not.toContain(56789);

		salon.emulator.clearLog();
		salon.emulator.inject({ when: { op: 'pos/service/package_redeem' }, phase: 'after', action: fault503 });
		const cut = await runNode(pos('redeemServiceFromPackage', { appointment_id: '-1', client_id: '1111', additionalFields: { service_id: 3334, operator_id: '2222' } }));
		expect(cut.error?.message).toBe('Try later [UNAVAILABLE]');
		expect(ops()).toEqual(['pos/service/package_redeem']);
		// the one redemption that arrived took one of the three cuts
		const check = await runNode(pos('checkTransaction', { transaction: JSON.stringify({ appointments: [1, 2, 3].map((n) => ({ appointment_id: -1, client_id: 1111, service_id: 3334, price: 45, pos_id: `c${n}` })) }) }));
		expect((json(check)[0] as { appointments: Array<Record<string, unknown>> }).appointments.map((a) => a.can_redeem_via_package_combined)).toEqual([true, true, false]);
	});

	it('restores a package redemption: the item goes back and the appointment leaves the page [wire:pos/service/package_restore]', async () => {
		await runNode(pos('redeemServiceFromPackage', { appointment_id: '56789', client_id: '1111' }));
		expect((await serviceCheck(1111, 3333)).can_redeem_via_package).toBe(false);
		salon.emulator.clearLog();
		const result = await runNode(pos('restoreServiceToPackage', { appointment_id: '56789' }));
		expect(result.error).toBeUndefined();
		expect(bodies('pos/service/package_restore')).toEqual([{ appointment_id: 56789 }]);
		expect(json(result)).toEqual([{ restored: true, appointment_id: 56789 }]);
		expect(salon.state.appointments.some((a) => a.appointment_id === 56789)).toBe(false);
		expect((await serviceCheck(1111, 3333)).can_redeem_via_package).toBe(true);

		const notRedeemed = await runNode(pos('restoreServiceToPackage', { appointment_id: '57109' }));
		expect(notRedeemed.error?.message).toBe('Appointment 57109 was not redeemed from a package [APPOINTMENTNOTREDEEMED]');
	});

	it('hands over a product from a membership, taking it off the shelf [wire:pos/product/membership_redeem]', async () => {
		const shelf = productStore(salon.state).products.get(5558)!;
		const before = shelf.quantity;
		const result = await runNode(pos('redeemProductFromMembership', { client_id: '1112', product_id: 5558, quantity: 1 }));
		expect(result.error).toBeUndefined();
		expect(bodies('pos/product/membership_redeem')).toEqual([{ client_id: 1112, product_id: 5558, quantity: 1 }]);
		expect(json(result)).toEqual([{ redeemed: true, via: 'membership inclusions', client_id: 1112, product_id: 5558, quantity: 1 }]);
		expect(shelf.quantity).toBe(before - 1);
		const again = await runNode(pos('redeemProductFromMembership', { client_id: '1112', product_id: 5558, quantity: 1 }));
		expect(again.error?.message).toBe('Client 1112 does not have 1 × Heat Protect Spray left in membership inclusions [NOTHINGTOREDEEM]');
		expect(again.error?.description).toBe('Details: Requested: 1; Available: 0');
	});

	it('hands over a product from a package [wire:pos/product/package_redeem]', async () => {
		const result = await runNode(pos('redeemProductFromPackage', { client_id: '1111', product_id: 5567, quantity: 1, additionalFields: { company_id: '12345' } }));
		expect(result.error).toBeUndefined();
		expect(bodies('pos/product/package_redeem')).toEqual([{ client_id: 1111, product_id: 5567, quantity: 1, company_id: 12345 }]);
		expect(json(result)).toEqual([{ redeemed: true, via: 'unclaimed package items', client_id: 1111, product_id: 5567, quantity: 1 }]);
		const check = await runNode(pos('checkProduct', { client_id: '1111', client_product_id: '-1', productBy: 'product_id', product_id: 5567 }));
		expect(json(check)[0].can_redeem_via_package).toBe(false);
	});
});

describe('Simple Salon cash drawer', () => {
	it('gets the cash that should be in the drawer, with no body as the curl of the docs sends [wire:pos/drawer/get]', async () => {
		const result = await runNode(pos('getDrawerAmount'));
		const forLocation = await runNode(pos('getDrawerAmount', { options: { company_id: '12345' } }));
		// with nothing to send, n8n posts no body at all — as the docs' curl does; the vendor reads it as {}
		expect(rawBodies('pos/drawer/get')).toEqual(['POST ', 'POST {"company_id":12345}']);
		expect(json(result)).toEqual([{ amount: 350.5 }]);
		expect(json(forLocation)).toEqual([{ amount: 350.5 }]);

		// the docs' curl sends no body at all: the emulator takes that as {}
		const response = await fetch(`${String(credential.data.sessionApiUrl)}/v1/pos/drawer/get`, {
			method: 'POST',
			headers: { authorization: `Bearer ${String(credential.data.sessionToken)}` },
		});
		expect(await response.json()).toEqual({ success: true, amount: 350.5 });
	});

	it('logs a drawer opening once, even when the answer is lost [wire:pos/drawer/open]', async () => {
		const result = await runNode(pos('logDrawerOpening'));
		expect(result.error).toBeUndefined();
		expect(rawBodies('pos/drawer/open')).toEqual(['POST ']);
		expect(json(result)).toEqual([{ logged: true }]);

		salon.emulator.clearLog();
		salon.emulator.inject({ when: { op: 'pos/drawer/open' }, phase: 'after', action: fault503 });
		const lost = await runNode(pos('logDrawerOpening', { options: { company_id: '12345' } }));
		expect(lost.error?.message).toBe('Try later [UNAVAILABLE]');
		expect(ops()).toEqual(['pos/drawer/open']);
		expect(bodies('pos/drawer/open')).toEqual([{ company_id: 12345 }]);
	});
});
