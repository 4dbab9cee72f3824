import { API_USER, createSynergistEmulator } from '../index';
import { purchaseOrders } from './purchases';

// Replies are read field by field; their shape is what is under test.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** purchases.json on the raw wire: the reference's spelling variants, partial failures and request-level errors. */
describe('Synergist emulator: purchases', () => {
	const vendor = createSynergistEmulator({ seedCount: 20 });
	const api = async (params: Record<string, string>) => {
		const query = new URLSearchParams({ user: API_USER.login, sha512password: vendor.currentHash(), version: '3.2', ...params });
		const response = await fetch(`${vendor.emulator.url}/jsonapi/purchases.json?${query.toString()}`);
		const text = await response.text();
		let json: Json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, type: response.headers.get('content-type') ?? '', text, json };
	};

	beforeAll(async () => await vendor.emulator.start());
	afterAll(async () => await vendor.emulator.stop());
	beforeEach(() => vendor.emulator.reset());

	it('takes both spellings of the quote pick (table: quotedpicked_on, example: quotepicked_on)', async () => {
		expect((await api({ action: 'quotepicked_on', purchase: '10007388' })).json.data[0]).toMatchObject({ poPickedForQuote: true });
		expect((await api({ action: 'quotedpicked_off', purchase: '10007388' })).json.data[0]).toMatchObject({ poPickedForQuote: false });
	});

	it('reads the view as view= or views= (the parameter table\'s spelling), and refuses an unknown one', async () => {
		const estimates = await api({ company: '1', style: 'modeldata', modelstructure: 'purchaseorderlist', views: '-2005' });
		expect(estimates.json.data.every((row: Json) => row.poPONumber === '{EST}')).toBe(true);
		const bad = await api({ company: '1', modelstructure: 'purchaseorderlist', view: '-9' });
		expect([bad.status, bad.text]).toEqual([404, expect.stringContaining('<Error ErrorID="404502">')]);
	});

	it('answers a partial delete with success and a warning', async () => {
		const reply = await api({ company: '1', action: 'delete', input: JSON.stringify({ data: [{ poInternal: 10008242 }, { poInternal: 1 }] }) });
		expect(reply.json).toMatchObject({ success: true, warningmessage: '1 of 2 Purchase order deleted.', data: [{ poInternal: 10008242 }] });
		expect(purchaseOrders(vendor.state).has(10008242)).toBe(false);
	});

	it('refuses unknown input fields, missing mandatory ones and lookups without a company', async () => {
		const unknown = await api({ company: '1', action: 'update', input: JSON.stringify({ data: [{ poInternal: 10008242, poColour: 'red' }] }) });
		expect(unknown.json).toMatchObject({ success: false, errormessage: 'unknown field poColour' });
		const missing = await api({ company: '1', action: 'create', input: JSON.stringify({ data: [{ poDescription: 'x' }] }) });
		expect(missing.json).toMatchObject({ success: false, errormessage: 'mandatory field poJobandPhase not supplied' });
		const noCompany = await api({ action: 'taxcodes' });
		expect([noCompany.status, noCompany.text]).toEqual([404, expect.stringContaining('company not specified')]);
	});

	it('serves the open/save file raw, also for the example\'s double space before the template code', async () => {
		const reply = await api({ action: 'purchaseinputfiles  -2096', purchase: '10008242' });
		expect(reply.status).toBe(200);
		expect(reply.type).toBe('application/rtf');
		expect(reply.text).toContain('Template: -2096');
		expect(vendor.emulator.log.at(-1)?.op).toBe('purchases:PURCHASEINPUTFILES -2096');
	});
});
