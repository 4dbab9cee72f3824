import { API_USER, createSynergistEmulator } from '../index';
import { expenseSheets } from './expensesheets';

/** expensesheets.json over raw HTTP: request errors (404 + XML), data errors (success:false) and the status rules. */
describe('Synergist emulator: expense sheets', () => {
	const vendor = createSynergistEmulator({ seedCount: 5 });
	const call = async (params: Record<string, string>) => {
		const query = new URLSearchParams({ user: API_USER.login, sha512password: vendor.currentHash(), version: '3.2', ...params });
		const response = await fetch(`${vendor.emulator.url}/jsonapi/expensesheets.json?${query.toString()}`);
		const text = await response.text();
		return { status: response.status, text, json: response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : undefined };
	};
	const status = (ref: number) => expenseSheets(vendor.state).sheets.get(ref)?.status;

	beforeAll(async () => await vendor.emulator.start());
	afterAll(async () => await vendor.emulator.stop());
	beforeEach(() => vendor.emulator.reset());

	it('answers missing or malformed sheet parameters with the XML error', async () => {
		const missing = await call({ action: 'expensesheetsubmit' });
		expect([missing.status, missing.text]).toEqual([404, expect.stringMatching(/ErrorID="404504">\s*<ErrorText>expensesheet or uuid not specified</)]);
		expect((await call({ action: 'expensesheetsubmit', expensesheet: '[1791]' })).status).toBe(404);
		expect((await call({ action: 'expensesheetssubmit', expensesheet: '[1791,"x"]' })).text).toContain('invalid parameter expensesheet [1791,"x"]');
		expect((await call({ action: 'expensesheetinputprint', company: '1', expensesheet: '1790' })).text).toContain('invalid action expensesheetinputprint');
		expect((await call({ action: 'supplierlist' })).text).toContain('company not specified');
	});

	it('keeps create and update strict and enforces the status rules', async () => {
		const unknown = await call({ action: 'create', input: JSON.stringify({ data: [{ expensesheetSupplierCode: '1/USER', expensesheetCompany: 1, colour: 'red' }] }) });
		expect(unknown.json).toMatchObject({ success: false, errorcode: 3005, errormessage: 'unknown field colour' });
		const missing = await call({ action: 'create', input: JSON.stringify({ data: [{ expensesheetSupplierCode: '1/USER' }] }) });
		expect(missing.json).toMatchObject({ success: false, errormessage: 'mandatory field expensesheetCompany not supplied' });
		const created = await call({ action: 'create', input: JSON.stringify({ data: [{ expensesheetSupplierCode: '1/USER', expensesheetCompany: '1' }] }) });
		expect(created.json).toMatchObject({ success: true, responsemessage: 'data processed successfully.', data: [{ expensesheetInternalRef: 1900 }] });

		expect((await call({ action: 'expensesheetapprove', expensesheet: '1900' })).json).toMatchObject({ success: false, errorcode: 3002 });
		expect((await call({ action: 'expensesheetsubmit', expensesheet: '1900' })).json).toMatchObject({ success: true, responsemessage: 'Expense sheet submitted.' });
		expect((await call({ action: 'expensesheetpost', expensesheet: '1900' })).json).toMatchObject({ success: false });
		expect((await call({ action: 'expensesheetapprove', expensesheet: '1900' })).json).toMatchObject({ success: true });
		expect((await call({ action: 'expensesheetprocess', expensesheet: '1900' })).json).toMatchObject({ success: true });
		expect(status(1900)).toBe('A');
		expect((await call({ action: 'expensesheetreturn', expensesheet: '1900' })).json).toMatchObject({ success: true });
		expect(status(1900)).toBe('S');
		expect((await call({ action: 'expensesheetreturn', expensesheet: '1900' })).json).toMatchObject({ success: true });
		expect(status(1900)).toBe('T');
		const update = await call({ action: 'update', company: '1', input: JSON.stringify({ data: [{ expensesheetInternalRef: 1900, expensesheetDescription: 'x' }] }) });
		expect(update.json).toMatchObject({ success: true, data: [{ expensesheetInternalRef: 1900, expensesheetRecordVersionNumber: 6 }] });
	});

	it('hides sheets of another company and answers a bulk action with a warning when only some sheets can take it', async () => {
		expect((await call({ action: 'expensesheetsubmit', company: '8', expensesheet: '1791' })).json).toMatchObject({ success: false, errormessage: 'Expense sheet 1791 not found' });
		const list = await call({ action: 'expensesheetlist', company: '1', expensesheet: '1840' });
		expect(list.json).toMatchObject({ success: true, totalrows: 0, data: [] });
		const bulk = await call({ action: 'expensesheetssubmit', expensesheet: '[1791,1790,424242]' });
		expect(bulk.json).toMatchObject({
			success: true,
			warningmessage: '1 of 3 Expense sheet submitted. Expense sheet 1790 cannot be submitted: it is submitted. Expense sheet 424242 not found.',
		});
	});
});
