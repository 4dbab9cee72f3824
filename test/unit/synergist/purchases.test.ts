import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { createSynergistEmulator, type SynergistEmulator } from '../../../emulators/synergist';
import { purchaseFile, purchaseOrders, purchasePdf } from '../../../emulators/synergist/areas/purchases';
import { SynergistApi } from '../../../credentials/SynergistApi.credentials';
import { Synergist } from '../../../nodes/Synergist/Synergist.node';
import { CredentialStore, loadOptions, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

let vendor: SynergistEmulator;
let store: CredentialStore;
let credential: StoredCredential;

const setup = (parameters: NodeSetup['parameters'], continueOnFail = false): NodeSetup => ({
	node: new Synergist(),
	credentialTypes: [new SynergistApi()],
	store,
	credential,
	parameters: { resource: 'purchaseOrder', ...parameters },
	continueOnFail,
});

const run = async (parameters: NodeSetup['parameters']) => await runNode(setup(parameters));
/** The query of the only request of an op, without the credential's user / hash / version. */
function wire(op: string, index = 0): Record<string, string> {
	const requests = vendor.emulator.requests(op);
	expect(requests.length).toBeGreaterThan(index);
	const { user, sha512password, version, ...rest } = requests[index].query;
	expect([user, version, typeof sha512password]).toEqual(['user', '3.2', 'string']);
	expect(requests[index].method).toBe('GET');
	expect(requests[index].path).toBe('/jsonapi/purchases.json');
	return rest;
}
const inputOf = (query: Record<string, string>) => JSON.parse(query.input) as { data: IDataObject[] };
const ops = () => vendor.emulator.log.map((r) => r.op).filter((op) => op !== 'GETSHA512');
const order = (id: number) => purchaseOrders(vendor.state).get(id);
const bytesOf = (data: IBinaryData | undefined) => Buffer.from(String(data?.data ?? ''), 'base64');

beforeAll(async () => {
	vendor = createSynergistEmulator({ seedCount: 30 });
	await vendor.emulator.start();
});

afterAll(async () => await vendor.emulator.stop());

beforeEach(() => {
	vendor.emulator.reset();
	store = new CredentialStore();
	credential = store.add('synergistApi', { ...vendor.credentialData(), sha512Password: '', sessionBinding: '' });
});

describe('Synergist purchase orders: reads', () => {
	it('gets one purchase order with the details model [wire:purchases:None]', async () => {
		const result = await run({ operation: 'get', purchaseId: 10006576 });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ poInternal: 10006576, poPONumber: '012080', poSupplierCode: '1/AAMATT2', poPicked: true });
		expect(wire('purchases:LIST')).toEqual({ company: '1', style: 'modeldata', modelstructure: 'purchaseorderdetails', purchase: '10006576' });
	});

	it('answers a purchase order of no row with a 404 naming it', async () => {
		const result = await run({ operation: 'get', purchaseId: 10008501 });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Purchase order 10008501 was not found in company 1');
	});

	it('lists every purchase order page by page, and by job phase, supplier and view [wire:purchases:None]', async () => {
		const all = await run({ operation: 'getAll', returnAll: true, options: { pageSize: 5 } });
		expect(all.error).toBeUndefined();
		const ids = all.items.map((i) => i.json.poInternal as number);
		expect(ids).toHaveLength(12);
		expect(new Set(ids).size).toBe(12);
		expect(all.items[0].json).toMatchObject({ poInternal: 10000162, poPONumber: '{EST}', poCostDisplay: '£112.00', poPurchaseOrderType: 'P' });
		expect(vendor.emulator.requests('purchases:LIST').map((r) => [r.query.page, r.query.rows])).toEqual([
			['1', '5'],
			['2', '5'],
			['3', '5'],
		]);
		expect(wire('purchases:LIST')).toEqual({ company: '1', style: 'modeldata', modelstructure: 'purchaseorderlist', page: '1', rows: '5' });

		vendor.emulator.clearLog();
		const filtered = await run({
			operation: 'getAll',
			returnAll: false,
			limit: 10,
			filters: { jobPhase: '00000006.001', supplier: 'aaaa', view: '-2004' },
		});
		expect(filtered.error).toBeUndefined();
		expect(filtered.items.map((i) => i.json.poInternal)).toEqual([10007388]);
		expect(wire('purchases:LIST')).toEqual({
			company: '1',
			style: 'modeldata',
			modelstructure: 'purchaseorderlist',
			jobphase: '1/00000006.001',
			supplier: '1/aaaa',
			view: '-2004',
			page: '1',
			rows: '10',
		});
	});

	it('lists the fields of the model, mandatory ones marked [wire:purchases:None]', async () => {
		const result = await run({ operation: 'getFields' });
		expect(result.error).toBeUndefined();
		expect(wire('purchases:STRUCTURE')).toEqual({ company: '1', style: 'modelstructure', modelstructure: 'purchaseorderdetails' });
		const fields = Object.fromEntries(result.items.map((i) => [i.json.data, i.json]));
		expect(fields.poSupplierCode).toMatchObject({ mandatory: true, fieldtype: 'text' });
		expect(fields.poEstCost).toMatchObject({ mandatory: false, fieldtype: 'number' });
	});
});

describe('Synergist purchase orders: writes', () => {
	it('creates a purchase estimate with the input JSON of the reference example [wire:purchases:create]', async () => {
		const result = await run({
			operation: 'create',
			jobPhase: '1/00000012.001',
			supplierCode: 'AAMATT2',
			supplyType: '1/ENG',
			description: 'My purchase order & "extras"',
			additionalFields: { estimatedCost: 25, estimatedCharge: 50, orderText: 'Deliver by Friday' },
		});
		expect(result.error).toBeUndefined();
		const query = wire('purchases:CREATE');
		expect(query).toEqual({ company: '1', action: 'create', input: expect.any(String) });
		expect(inputOf(query)).toEqual({
			data: [
				{
					poJobandPhase: '1/00000012.001',
					poSupplierCode: '1/AAMATT2',
					poSupplytype: '1/ENG',
					poDescription: 'My purchase order & "extras"',
					poEstCost: 25,
					poEstRecChgOut: 50,
					poOrderText: 'Deliver by Friday',
				},
			],
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ poInternal: 10008600, poPONumber: '{EST}', poEstCost: 25, poEstMarkUp: 100, poEstRecChgOut: 50 });
		expect(order(10008600)).toMatchObject({ poDescription: 'My purchase order & "extras"', poSupplierCode: '1/AAMATT2' });
	});

	it('creates in the company of the job phase, refusing a supplier of another company before sending', async () => {
		const result = await run({ operation: 'create', jobPhase: '8/00800003.001', supplierCode: '1/PS1', supplyType: 'PRI', description: 'x' });
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('The field "Supplier Code" names company 1 ("1/PS1") but this purchase order is in company 8, in item 0');
		expect(vendor.emulator.log).toHaveLength(0);
	});

	it('passes Synergist\'s refusal of a create and does not repeat it', async () => {
		const result = await run({ operation: 'create', jobPhase: '1/09999999.001', supplierCode: '1/PS1', supplyType: '1/PRI', description: 'x' });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('phase 1/09999999.001 not found [3002]');
		expect(ops()).toEqual(['purchases:CREATE']);
	});

	it('updates with the record version read just before, and fails on a stale one [wire:purchases:update]', async () => {
		const version = order(10008242)!.poRecordVersionNumber;
		const result = await run({ operation: 'update', purchaseId: 10008242, updateFields: { estimatedCost: 33 } });
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['purchases:LIST', 'purchases:UPDATE']);
		expect(wire('purchases:LIST')).toEqual({ company: '1', style: 'modeldata', modelstructure: 'purchaseorderdetails', purchase: '10008242' });
		const query = wire('purchases:UPDATE');
		expect(query).toEqual({ company: '1', action: 'update', input: expect.any(String) });
		expect(inputOf(query)).toEqual({ data: [{ poInternal: 10008242, poEstCost: 33, poRecordVersionNumber: version }] });
		expect(result.items[0].json).toMatchObject({ poInternal: 10008242, poEstCost: 33, poRecordVersionNumber: version + 1 });

		vendor.emulator.clearLog();
		const stale = await run({ operation: 'update', purchaseId: 10008242, updateFields: { markup: 40, recordVersionNumber: version } });
		expect(stale.error?.constructor.name).toBe('NodeApiError');
		expect(stale.error?.message).toBe(`purchase order 10008242 has been changed by another user (record version ${version + 1}, not ${version}) [3006]`);
		expect(ops()).toEqual(['purchases:UPDATE']);
		expect(inputOf(wire('purchases:UPDATE')).data[0]).toEqual({ poInternal: 10008242, poMarkup: 40, poRecordVersionNumber: version });
	});

	it('deletes a purchase order by its internal ID [wire:purchases:delete]', async () => {
		const result = await run({ operation: 'delete', purchaseId: 10008310 });
		expect(result.error).toBeUndefined();
		const query = wire('purchases:DELETE');
		expect(query).toEqual({ company: '1', action: 'delete', input: expect.any(String) });
		expect(inputOf(query)).toEqual({ data: [{ poInternal: 10008310 }] });
		expect(result.items.map((i) => i.json)).toEqual([{ poInternal: 10008310, poUuid: expect.stringMatching(/^[0-9A-F]{32}$/) }]);
		expect(order(10008310)).toBeUndefined();
	});
});

describe('Synergist purchase orders: workflow', () => {
	it('approves a real purchase order [wire:purchases:approve]', async () => {
		const result = await run({ operation: 'approve', purchaseId: 10008233 });
		expect(result.error).toBeUndefined();
		expect(wire('purchases:APPROVE')).toEqual({ company: '1', action: 'approve', purchase: '10008233' });
		expect(result.items[0].json).toMatchObject({ poPOApproved: true, poPOApprovedUserId: 54, poInternal: 10008233, poPONumber: '012090' });
	});

	it('unapproves an approved purchase order [wire:purchases:unapprove]', async () => {
		const result = await run({ operation: 'unapprove', purchaseId: 10008255 });
		expect(result.error).toBeUndefined();
		expect(wire('purchases:UNAPPROVE')).toEqual({ company: '1', action: 'unapprove', purchase: '10008255' });
		expect(result.items[0].json).toMatchObject({ poPOApproved: false, poPOApprovedDate: '0000-00-00', poInternal: 10008255 });
	});

	it('passes the refusal to approve an estimate in Synergist\'s words', async () => {
		const result = await run({ operation: 'approve', purchaseId: 10007388 });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('a purchase estimate cannot be approved: promote it first [3008]');
	});

	it('promotes an estimate to a real purchase order with a PO number [wire:purchases:promote]', async () => {
		const result = await run({ operation: 'promote', purchaseId: 10007388 });
		expect(result.error).toBeUndefined();
		expect(wire('purchases:PROMOTE')).toEqual({ company: '1', action: 'promote', purchase: '10007388' });
		expect(result.items[0].json).toMatchObject({ poInternal: 10007388, poPONumber: '012100' });
		expect(order(10007388)?.poPONumber).toBe('012100');
	});

	it('cancels a real purchase order [wire:purchases:cancel]', async () => {
		const result = await run({ operation: 'cancel', purchaseId: 10008268 });
		expect(result.error).toBeUndefined();
		expect(wire('purchases:CANCEL')).toEqual({ company: '1', action: 'cancel', purchase: '10008268' });
		expect(result.items[0].json).toMatchObject({ poInternal: 10008268, poCancelUserId: 54, poPicked: false });
		expect(order(10008268)?.poCancelled).toBeDefined();
	});

	it('changes the currency and rate [wire:purchases:changecurrency]', async () => {
		const result = await run({ operation: 'changeCurrency', purchaseId: 10007388, currency: 'EUR', currencyRate: 1.18 });
		expect(result.error).toBeUndefined();
		expect(wire('purchases:CHANGECURRENCY')).toEqual({ company: '1', action: 'changecurrency', purchase: '10007388', currency: '1/EUR', currencyrate: '1.18' });
		expect(result.items[0].json).toMatchObject({ poCurrencyCode: '1/EUR', poCurrencyRate: 1.18, poInternal: 10007388 });
	});

	it('changes the supplier [wire:purchases:changesupplier]', async () => {
		const result = await run({ operation: 'changeSupplier', purchaseId: 10007388, supplier: '1/PS1' });
		expect(result.error).toBeUndefined();
		expect(wire('purchases:CHANGESUPPLIER')).toEqual({ company: '1', action: 'changesupplier', purchase: '10007388', supplier: '1/PS1' });
		expect(result.items[0].json).toMatchObject({ poSupplierCode: '1/PS1', poSupplierContactInternalRef: 0, poInternal: 10007388 });
	});

	const flag = async (name: string, on: boolean) => await run({ operation: 'setFlag', purchaseId: 10007388, flag: name, on });

	it('picks and unpicks for the quote total [wire:purchases:quotedpicked_on] [wire:purchases:quotedpicked_off]', async () => {
		const picked = await flag('quotePicked', true);
		expect(picked.error).toBeUndefined();
		expect(wire('purchases:QUOTEDPICKED_ON')).toEqual({ company: '1', action: 'quotedpicked_on', purchase: '10007388' });
		expect(picked.items[0].json).toMatchObject({ poInternal: 10007388, poPickedForQuote: true });
		const unpicked = await flag('quotePicked', false);
		expect(wire('purchases:QUOTEDPICKED_OFF')).toEqual({ company: '1', action: 'quotedpicked_off', purchase: '10007388' });
		expect(unpicked.items[0].json).toMatchObject({ poPickedForQuote: false });
	});

	it('picks and unpicks for the estimate total [wire:purchases:estimatepicked_on] [wire:purchases:estimatepicked_off]', async () => {
		const picked = await flag('estimatePicked', true);
		expect(wire('purchases:ESTIMATEPICKED_ON')).toEqual({ company: '1', action: 'estimatepicked_on', purchase: '10007388' });
		expect(picked.items[0].json).toMatchObject({ poInternal: 10007388, poPicked: true });
		const unpicked = await flag('estimatePicked', false);
		expect(wire('purchases:ESTIMATEPICKED_OFF')).toEqual({ company: '1', action: 'estimatepicked_off', purchase: '10007388' });
		expect(unpicked.items[0].json).toMatchObject({ poPicked: false });
	});

	it('marks and unmarks as an option, answered with purchaseorder_* keys [wire:purchases:option_on] [wire:purchases:option_off]', async () => {
		const on = await flag('option', true);
		expect(wire('purchases:OPTION_ON')).toEqual({ company: '1', action: 'option_on', purchase: '10007388' });
		expect(on.items[0].json).toMatchObject({ purchaseorder_internal: 10007388, purchaseorder_option: 'option' });
		const off = await flag('option', false);
		expect(wire('purchases:OPTION_OFF')).toEqual({ company: '1', action: 'option_off', purchase: '10007388' });
		expect(off.items[0].json).toMatchObject({ purchaseorder_option: '' });
	});

	it('marks and unmarks as an investment [wire:purchases:investment_on] [wire:purchases:investment_off]', async () => {
		const on = await flag('investment', true);
		expect(wire('purchases:INVESTMENT_ON')).toEqual({ company: '1', action: 'investment_on', purchase: '10007388' });
		expect(on.items[0].json).toMatchObject({ purchaseorder_internal: 10007388, purchaseorder_invest: true, purchaseorder_markup: -100 });
		const off = await flag('investment', false);
		expect(wire('purchases:INVESTMENT_OFF')).toEqual({ company: '1', action: 'investment_off', purchase: '10007388' });
		expect(off.items[0].json).toMatchObject({ purchaseorder_invest: false });
	});
});

describe('Synergist purchase orders: prints and files', () => {
	it('lists print templates, also as a dropdown [wire:purchases:purchaseinputprints]', async () => {
		const result = await run({ operation: 'getPrintTemplates', purchaseId: 10008242 });
		expect(result.error).toBeUndefined();
		expect(wire('purchases:PURCHASEINPUTPRINTS')).toEqual({ company: '1', action: 'purchaseinputprints', purchase: '10008242' });
		expect(result.items.map((i) => [i.json.templateCode, i.json.menuDescription])).toEqual([
			['-2096', 'Purchase Order'],
			['-2097', 'Purchase Order with Terms'],
		]);
		const options = await loadOptions(setup({ operation: 'print', purchaseId: 10008242 }), 'getPurchasePrintTemplates');
		expect(options.map((o) => [o.name, o.value])).toEqual([
			['Purchase Order', '-2096'],
			['Purchase Order with Terms', '-2097'],
		]);
		expect(await loadOptions(setup({ operation: 'print', purchaseId: 0 }), 'getPurchasePrintTemplates')).toEqual([]);
	});

	it('lists file templates, also as a dropdown [wire:purchases:purchaseinputfiles]', async () => {
		const result = await run({ operation: 'getFileTemplates', purchaseId: 10008242 });
		expect(result.error).toBeUndefined();
		expect(wire('purchases:PURCHASEINPUTFILES')).toEqual({ company: '1', action: 'purchaseinputfiles', purchase: '10008242' });
		expect(result.items.map((i) => i.json.templateCode)).toEqual(['-1938', '-2096', '-1951']);
		const options = await loadOptions(setup({ operation: 'downloadFile', purchaseId: 10008242 }), 'getPurchaseFileTemplates');
		expect(options.map((o) => o.value)).toEqual(['-1938', '-2096', '-1951']);
	});

	it('prints a purchase order into a PDF binary, named for the order [wire:purchases:purchaseinputprints <templateCode>]', async () => {
		const result = await run({ operation: 'print', purchaseId: 10008242, templateCode: '-2096', binaryPropertyName: 'pdf' });
		expect(result.error).toBeUndefined();
		expect(wire('purchases:PURCHASEINPUTPRINTS -2096')).toEqual({ company: '1', action: 'purchaseinputprints -2096', purchase: '10008242' });
		const [item] = result.items;
		const expected = purchasePdf(order(10008242)!, '-2096');
		expect(bytesOf(item.binary?.pdf).equals(expected)).toBe(true);
		expect(item.binary?.pdf).toMatchObject({ fileName: 'purchase-order-10008242.pdf', mimeType: 'application/pdf' });
		expect(item.json).toEqual({ purchase: 10008242, templateCode: '-2096', fileName: 'purchase-order-10008242.pdf', mimeType: 'application/pdf', fileSize: expected.length });
	});

	it('downloads a purchase order file as sent, with its name and type [wire:purchases:purchaseinputfiles <templateCode>]', async () => {
		const result = await run({ operation: 'downloadFile', purchaseId: 10008233, templateCode: '-1938' });
		expect(result.error).toBeUndefined();
		expect(wire('purchases:PURCHASEINPUTFILES -1938')).toEqual({ company: '1', action: 'purchaseinputfiles -1938', purchase: '10008233' });
		const [item] = result.items;
		const expected = purchaseFile(order(10008233)!, '-1938', vendor.state);
		expect(bytesOf(item.binary?.data).equals(expected)).toBe(true);
		expect(item.binary?.data).toMatchObject({ fileName: 'PO012090.rtf', mimeType: 'application/rtf' });
	});

	it('passes a refused template in Synergist\'s words', async () => {
		const result = await run({ operation: 'print', purchaseId: 10008242, templateCode: '-1' });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('invalid template -1 [3009]');
	});
});

describe('Synergist purchase orders: lookups', () => {
	it('lists suppliers page by page, and offers them as a dropdown [wire:purchases:supplierslist]', async () => {
		const result = await run({ operation: 'getSuppliers', returnAll: true, options: { pageSize: 4 } });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.supplierCode)).toEqual(['1/PS1', '1/BRILLIAN', '1/AAMATT2', '1/PR100', '1/aaaa', '1/454']);
		expect(vendor.emulator.requests('purchases:SUPPLIERSLIST').map((r) => [r.query.page, r.query.rows])).toEqual([
			['1', '4'],
			['2', '4'],
		]);
		expect(wire('purchases:SUPPLIERSLIST')).toEqual({ company: '1', action: 'supplierslist', page: '1', rows: '4' });
		const options = await loadOptions(setup({ operation: 'create' }), 'getPurchaseSuppliers');
		expect(options.map((o) => o.value)).toEqual(['1/AAMATT2', '1/aaaa', '1/BRILLIAN', '1/454', '1/PR100', '1/PS1']);
		expect(options[0]).toMatchObject({ name: 'AA Matt Engineering', description: '1/AAMATT2 · Engineering' });
	});

	it('lists expense suppliers [wire:purchases:expenseslist]', async () => {
		const result = await run({ operation: 'getExpenseSuppliers', returnAll: false, limit: 1 });
		expect(result.error).toBeUndefined();
		expect(wire('purchases:EXPENSESLIST')).toEqual({ company: '1', action: 'expenseslist', page: '1', rows: '1' });
		expect(result.items.map((i) => i.json)).toEqual([expect.objectContaining({ supplierCode: '1/12', supplierExpense: true })]);
	});

	it('lists supply types with the one of a supplier marked, also as a dropdown [wire:purchases:supplytypes]', async () => {
		const result = await run({ operation: 'getSupplyTypes', filters: { supplier: 'PS1' } });
		expect(result.error).toBeUndefined();
		expect(wire('purchases:SUPPLYTYPES')).toEqual({ company: '1', action: 'supplytypes', supplier: '1/PS1' });
		expect(result.items.filter((i) => i.json.variable_selected).map((i) => i.json.supplytypesSupplyType)).toEqual(['1/PRI']);
		vendor.emulator.clearLog();
		const options = await loadOptions(setup({ operation: 'create', supplierCode: '1/AAMATT2' }), 'getPurchaseSupplyTypes');
		expect(wire('purchases:SUPPLYTYPES')).toEqual({ company: '1', action: 'supplytypes', supplier: '1/AAMATT2' });
		expect(options.find((o) => o.value === '1/ENG')).toEqual({ name: 'Engineering', value: '1/ENG', description: "1/ENG (the supplier's)" });
		expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
	});

	it('lists supplier contacts [wire:purchases:contacts]', async () => {
		const result = await run({ operation: 'getSupplierContacts', filters: { supplier: '1/aaaa' } });
		expect(result.error).toBeUndefined();
		expect(wire('purchases:CONTACTS')).toEqual({ company: '1', action: 'contacts', supplier: '1/aaaa' });
		expect(result.items.map((i) => i.json.suppliercontactInternalRef)).toEqual([304, 266]);
	});

	it('lists orderers [wire:purchases:orderers]', async () => {
		const result = await run({ operation: 'getOrderers' });
		expect(wire('purchases:ORDERERS')).toEqual({ company: '1', action: 'orderers' });
		expect(result.items.map((i) => i.json.userUserId)).toEqual([54, 256]);
	});

	it('lists currencies, the dropdown without the base-currency placeholder [wire:purchases:currencies]', async () => {
		const result = await run({ operation: 'getCurrencies' });
		expect(wire('purchases:CURRENCIES')).toEqual({ company: '1', action: 'currencies' });
		expect(result.items[0].json).toMatchObject({ currencyCode: '', currencyCurrencyName: '- Base currency -' });
		const options = await loadOptions(setup({ operation: 'changeCurrency' }), 'getPurchaseCurrencies');
		expect(options.map((o) => [o.name, o.value])).toEqual([
			['Dirhams', '1/AED'],
			['Euro', '1/EUR'],
			['US Dollars', '1/USD'],
		]);
	});

	it('lists jobs with their currency [wire:purchases:jobslist]', async () => {
		const result = await run({ operation: 'getJobs', returnAll: false, limit: 3 });
		expect(wire('purchases:JOBSLIST')).toEqual({ company: '1', action: 'jobslist', page: '1', rows: '3' });
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json).toMatchObject({ jobNumber: '1/00000001', jobCurrencyCode: expect.stringMatching(/^1\//), jobExchangeRate: expect.any(Number) });
	});

	it('lists the standard descriptions [wire:purchases:podescriptions]', async () => {
		const result = await run({ operation: 'getStandardDescriptions' });
		expect(wire('purchases:PODESCRIPTIONS')).toEqual({ company: '1', action: 'podescriptions' });
		expect(result.items.map((i) => i.json.podescriptionsDescription)).toEqual(['aaad', 'asaa', 'B&W Printing', 'Colour Printing']);
	});

	it('lists tax codes [wire:purchases:taxcodes]', async () => {
		const result = await run({ operation: 'getTaxCodes' });
		expect(wire('purchases:TAXCODES')).toEqual({ company: '1', action: 'taxcodes' });
		expect(result.items.map((i) => i.json.taxCode)).toEqual([0, 1, 10, 56]);
	});
});

describe('Synergist purchase orders: bad input', () => {
	it('refuses bad input before sending anything, naming the field and the item', async () => {
		const cases: Array<[NodeSetup['parameters'], string]> = [
			[{ operation: 'approve', purchaseId: 0 }, 'The field "Purchase Order ID" is empty in item 0'],
			[{ operation: 'get', purchaseId: '10008 233' }, 'The field "Purchase Order ID" has an invalid value "10008 233" in item 0'],
			[{ operation: 'getAll', filters: { jobPhase: '1/00000006' } }, 'The field "Job Phase" has an invalid value "1/00000006" in item 0'],
			[{ operation: 'getAll', filters: { view: '-20 04' } }, 'The field "View ID" has an invalid value "-20 04" in item 0'],
			[
				{ operation: 'create', jobPhase: '1/00000006.001', supplierCode: '1/PS1', supplyType: '1/PRI', description: 'x', additionalFields: { estimatedMarkup: 10, estimatedCharge: 50 } },
				'The fields "Estimated Markup (%)" and "Estimated Charge" are both set in item 0',
			],
			[{ operation: 'update', purchaseId: 10008242, updateFields: {} }, 'Nothing to update in item 0'],
			[{ operation: 'changeCurrency', purchaseId: 10007388, currency: '1/EUR', currencyRate: -1 }, 'The field "Currency Rate" has an invalid value "-1" in item 0'],
			[{ operation: 'print', purchaseId: 10008242, templateCode: '-20 96' }, 'The field "Print Template Name or ID" has an invalid value "-20 96" in item 0'],
			[{ operation: 'print', purchaseId: 10008242, templateCode: '-2096', binaryPropertyName: 'my file' }, 'The field "Put Output File in Field" has an invalid value "my file" in item 0'],
			[{ operation: 'setFlag', purchaseId: 10007388, flag: 'urgent', on: true }, 'The field "Flag" has an invalid value "urgent" in item 0'],
		];
		for (const [parameters, message] of cases) {
			const result = await run(parameters);
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(message);
		}
		expect(vendor.emulator.log).toHaveLength(0);
	});

	it('turns a refused delete into an error item with Continue On Fail and goes on', async () => {
		const result = await runNode(setup({ operation: 'delete', purchaseId: '={{$json.id}}' }, true), [{ id: 10008255 }, { id: 10008311 }]);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ error: 'purchase order 10008255 not found or approved [3002]' });
		expect(result.items[1].json).toMatchObject({ poInternal: 10008311 });
	});
});
