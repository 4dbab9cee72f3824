import { API_USER, createSynergistEmulator, type SynergistEmulator } from '../../../emulators/synergist';
import { expenseSheets, printedSheetPdf, type SheetStatus } from '../../../emulators/synergist/areas/expensesheets';
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
	parameters: { resource: 'expenseSheet', ...parameters },
	continueOnFail,
});

const run = async (parameters: NodeSetup['parameters']) => await runNode(setup(parameters));
const sheets = () => expenseSheets(vendor.state).sheets;
const sheet = (ref: number) => sheets().get(ref)!;
const setStatus = (ref: number, status: SheetStatus, approved = false) => Object.assign(sheet(ref), { status, approved });
const ops = () => vendor.emulator.log.map((r) => r.op);
/** The one request of an op, with the credential's parameters checked and left out. */
const wire = (op: string) => {
	const requests = vendor.emulator.requests(op);
	expect(requests).toHaveLength(1);
	const { user, sha512password, version, ...query } = requests[0].query;
	expect({ method: requests[0].method, path: requests[0].path, user, sha512password, version }).toEqual({
		method: 'GET',
		path: '/jsonapi/expensesheets.json',
		user: API_USER.login,
		sha512password: vendor.currentHash(),
		version: '3.2',
	});
	return query;
};

beforeAll(async () => {
	vendor = createSynergistEmulator({ seedCount: 5 });
	await vendor.emulator.start();
});

afterAll(async () => await vendor.emulator.stop());

beforeEach(() => {
	vendor.emulator.reset();
	store = new CredentialStore();
	credential = store.add('synergistApi', { ...vendor.credentialData(), sha512Password: '', sessionBinding: '' });
});

describe('Synergist expense sheet header', () => {
	it('creates a sheet for a claimant picked from the supplier list [wire:expensesheets:create] [wire:expensesheets:supplierlist]', async () => {
		const claimants = await loadOptions(setup({ operation: 'create' }), 'getExpenseClaimants');
		expect(claimants).toEqual([
			{ name: 'Josephine Grantx', value: '1/JG', description: '1/JG' },
			{ name: 'Mike Palmer Expenses', value: '1/MJP', description: '1/MJP' },
			{ name: "User's Expenses", value: '1/USER', description: '1/USER' },
		]);
		expect(wire('expensesheets:SUPPLIERLIST')).toEqual({ action: 'supplierlist', company: '1' });

		const result = await run({ operation: 'create', claimant: 'USER', additionalFields: { description: 'Leeds trip & "client" #2' } });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([
			{
				expensesheetUuid: expect.stringMatching(/^[0-9A-F]{32}$/),
				expensesheetInternalRef: 1900,
				expensesheetTimestampModified: expect.any(Number),
				expensesheetRecordVersionNumber: 0,
			},
		]);
		const query = wire('expensesheets:CREATE');
		expect(query).toMatchObject({ action: 'create', company: '1' });
		expect(JSON.parse(query.input)).toEqual({
			data: [{ expensesheetSupplierCode: '1/USER', expensesheetDescription: 'Leeds trip & "client" #2', expensesheetCompany: 1 }],
		});
		expect(sheet(1900)).toMatchObject({ company: 1, supplierCode: '1/USER', status: 'W', description: 'Leeds trip & "client" #2' });
	});

	it('creates in the claimant\'s company and passes a refusal on without repeating the create', async () => {
		const europe = await run({ operation: 'create', claimant: '8/USER' });
		expect(europe.error).toBeUndefined();
		const query = wire('expensesheets:CREATE');
		expect(query.company).toBe('8');
		expect(JSON.parse(query.input).data[0]).toEqual({ expensesheetSupplierCode: '8/USER', expensesheetCompany: 8 });

		vendor.emulator.clearLog();
		const refused = await run({ operation: 'create', claimant: '1/NOBODY' });
		expect(refused.error?.constructor.name).toBe('NodeApiError');
		expect(refused.error?.message).toBe('supplier 1/NOBODY not found [3001]');
		expect(ops()).toEqual(['expensesheets:CREATE']);
	});

	it('lists all claimants and companies [wire:expensesheets:supplierlist] [wire:expensesheets:companylist]', async () => {
		const claimants = await run({ operation: 'getClaimants' });
		expect(claimants.items.map((i) => i.json.supplierCode)).toEqual(['1/JG', '1/MJP', '1/USER']);
		expect(claimants.items[1].json).toMatchObject({ supplierName: 'Mike Palmer Expenses', supplierMultiCurrency: true });
		expect(wire('expensesheets:SUPPLIERLIST')).toEqual({ action: 'supplierlist', company: '1' });

		const companies = await run({ operation: 'getCompanies' });
		expect(companies.items.map((i) => [i.json.companyNumber, i.json.companyName])).toEqual([
			[1, 'Synergist Demo Ltd'],
			[8, 'Synergist Europe BV'],
		]);
		expect(wire('expensesheets:COMPANYLIST')).toEqual({ action: 'companylist', company: '1' });
	});

	it('lists the statuses without the "- All -" placeholder [wire:expensesheets:expensesheetstatuses]', async () => {
		const result = await run({ operation: 'getStatuses' });
		expect(result.items.map((i) => [i.json.expensesheetSheetStatus, i.json.expensesheetSheetStatusDesc])).toEqual([
			['W', 'Unsubmitted'],
			['S', 'Submitted'],
			['A', 'Processed'],
			['P', 'Posted'],
			['T', 'Returned'],
		]);
		expect(wire('expensesheets:EXPENSESHEETSTATUSES')).toEqual({ action: 'expensesheetstatuses', company: '1' });
	});

	it('updates header fields, other fields from JSON included [wire:expensesheets:update]', async () => {
		const result = await run({
			operation: 'update',
			expenseSheetId: 1791,
			updateFields: { description: 'test email alerts 2', date: '2024-05-31T00:00:00', otherFields: '{"expensesheetDescription": "from JSON"}' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({
			expensesheetInternalRef: 1791,
			expensesheetUuid: sheet(1791).uuid,
			expensesheetTimestampModified: expect.any(Number),
			expensesheetRecordVersionNumber: 5,
		});
		const query = wire('expensesheets:UPDATE');
		expect(query).toMatchObject({ action: 'update', company: '1' });
		expect(JSON.parse(query.input)).toEqual({
			data: [{ expensesheetInternalRef: 1791, expensesheetDate: '2024-05-31', expensesheetDescription: 'from JSON' }],
		});
		expect(sheet(1791)).toMatchObject({ description: 'from JSON', date: '2024-05-31' });

		vendor.emulator.clearLog();
		const submitted = await run({ operation: 'update', expenseSheetId: 1790, updateFields: { description: 'late change' } });
		expect(submitted.error?.constructor.name).toBe('NodeApiError');
		expect(submitted.error?.message).toBe('Expense sheet 1790 cannot be changed: it is submitted [3002]');
	});

	it('gets one sheet by ID or UUID and pages through every sheet of the company [wire:expensesheets:expensesheetlist]', async () => {
		const byId = await run({ operation: 'get', expenseSheet: '1234' });
		expect(byId.error).toBeUndefined();
		expect(byId.items.map((i) => i.json)).toEqual([
			expect.objectContaining({ expensesheetInternalRef: '1234', expensesheetTheSupplierCode: '1/JG', expensesheetStatusCode: 'unsubmitted', expensesheetSubmit: true }),
		]);
		expect(wire('expensesheets:EXPENSESHEETLIST')).toEqual({ action: 'expensesheetlist', company: '1', expensesheet: '1234' });

		vendor.emulator.clearLog();
		const uuid = sheet(1830).uuid;
		const byUuid = await run({ operation: 'get', expenseSheet: uuid.toLowerCase() });
		expect(byUuid.items[0].json).toMatchObject({ expensesheetInternalRef: '1830', expensesheetStatusCode: 'approved', expensesheetProcess: true });
		expect(wire('expensesheets:EXPENSESHEETLIST')).toEqual({ action: 'expensesheetlist', company: '1', uuid });

		vendor.emulator.clearLog();
		const all = await run({ operation: 'getAll', returnAll: true, options: { pageSize: 5 } });
		expect(all.error).toBeUndefined();
		const refs = [...sheets().values()].filter((s) => s.company === 1).map((s) => String(s.ref));
		expect(all.items.map((i) => i.json.expensesheetInternalRef)).toEqual(refs);
		expect(refs).toHaveLength(12);
		const pages = vendor.emulator.requests('expensesheets:EXPENSESHEETLIST');
		expect(pages.map((r) => [r.query.page, r.query.rows])).toEqual([
			['1', '5'],
			['2', '5'],
			['3', '5'],
		]);
		expect(pages[0].query).toMatchObject({ action: 'expensesheetlist', company: '1' });
		expect(pages[0].query.expensesheet).toBeUndefined();
	});

	it('says which sheet was not found', async () => {
		const result = await run({ operation: 'get', expenseSheet: '999999' });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Expense sheet 999999 was not found');
		expect(result.error?.httpCode).toBe('404');
	});

	it('reads the lines and the defaults for a new line [wire:expensesheets:expensesheetlines] [wire:expensesheets:expenselinedefaults]', async () => {
		const lines = await run({ operation: 'getLines', expenseSheet: 1821 });
		expect(lines.error).toBeUndefined();
		expect(lines.items).toHaveLength(3);
		expect(lines.items[0].json).toMatchObject({ expenselineLineNumber: 1, expenselineStatusCode: 'S', expenselineEdit: false, expenselineApprove: true });
		expect(wire('expensesheets:EXPENSESHEETLINES')).toEqual({ action: 'expensesheetlines', company: '1', expensesheet: '1821' });

		const defaults = await run({ operation: 'getLineDefaults', expenseSheet: '1821' });
		const last = sheet(1821).lines.at(-1)!;
		expect(defaults.items.map((i) => i.json)).toEqual([
			{ expenselineSupplyType: last.supplyType, expenselineRate: last.rate, expenselineTaxCode: 1, expenselineSheetInternal: 1821 },
		]);
		expect(wire('expensesheets:EXPENSELINEDEFAULTS')).toEqual({ action: 'expenselinedefaults', company: '1', expensesheet: '1821' });
	});

	it('copies a sheet named by UUID into a new unsubmitted one [wire:expensesheets:expensesheetcopy]', async () => {
		setStatus(1791, 'P', true);
		const uuid = sheet(1791).uuid;
		const result = await run({ operation: 'copy', expenseSheet: uuid });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([
			{ expensesheetInternalRef: 1900, expensesheetUuid: sheet(1900).uuid, message: 'Expense sheet 1791 copied to 1900.' },
		]);
		expect(wire('expensesheets:EXPENSESHEETCOPY')).toEqual({ action: 'expensesheetcopy', company: '1', uuid });
		expect(sheet(1900)).toMatchObject({ status: 'W', approved: false, supplierCode: '1/USER' });
		expect(sheet(1900).lines.map((l) => l.status)).toEqual(['W', 'W']);
	});
});

describe('Synergist expense sheet prints', () => {
	it('lists the templates of a sheet for the dropdown and as items [wire:expensesheets:expensesheetinputprints]', async () => {
		const templates = await loadOptions(setup({ operation: 'print', expenseSheet: '1790' }), 'getExpenseSheetPrintTemplates');
		expect(templates).toEqual([
			{ name: '**Expense Sheet Template', value: '-1790', description: 'Template -1790' },
			{ name: 'Expense Sheet Template', value: '-2227', description: 'Template -2227' },
		]);
		expect(wire('expensesheets:EXPENSESHEETINPUTPRINTS')).toEqual({ action: 'expensesheetinputprints', company: '1', expensesheet: '1790' });
		expect(await loadOptions(setup({ operation: 'print', expenseSheet: '' }), 'getExpenseSheetPrintTemplates')).toEqual([]);

		vendor.emulator.clearLog();
		const items = await run({ operation: 'getPrintTemplates', expenseSheet: '1790' });
		expect(items.items.map((i) => [i.json.menuClickAction, i.json.templateCode])).toEqual([
			['EXPENSESHEETINPUTFILE REPORT -1790', '-1790'],
			['EXPENSESHEETINPUTFILE REPORT -2227', '-2227'],
		]);
		expect(wire('expensesheets:EXPENSESHEETINPUTPRINTS')).toEqual({ action: 'expensesheetinputprints', company: '1', expensesheet: '1790' });
	});

	it('prints a sheet to a PDF in a binary field from the base64 answer [wire:expensesheets:expensesheetinputprint <templateCode>]', async () => {
		const result = await run({ operation: 'print', expenseSheet: '1790', templateCode: '-1790', binaryPropertyName: 'pdf' });
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		const expected = printedSheetPdf(1790, '-1790');
		expect(item.json).toEqual({ expenseSheet: 1790, templateCode: '-1790', fileName: 'expense-sheet-1790.pdf', mimeType: 'application/pdf', fileSize: expected.length });
		expect(Buffer.from(item.binary!.pdf.data, 'base64')).toEqual(expected);
		expect(item.binary!.pdf).toMatchObject({ fileName: 'expense-sheet-1790.pdf', mimeType: 'application/pdf' });
		expect(wire('expensesheets:EXPENSESHEETINPUTPRINT -1790')).toEqual({ action: 'expensesheetinputprint -1790', company: '1', expensesheet: '1790' });
	});

	it('downloads the print file byte for byte with the file name from the server [wire:expensesheets:expensesheetinputfile <templateCode>]', async () => {
		const result = await run({ operation: 'printToFile', expenseSheet: '1821', templateCode: '-2227', binaryPropertyName: 'data' });
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(Buffer.from(item.binary!.data.data, 'base64')).toEqual(printedSheetPdf(1821, '-2227'));
		expect(item.binary!.data).toMatchObject({ fileName: 'ExpenseSheet1821.pdf', mimeType: 'application/pdf' });
		expect(item.json).toMatchObject({ expenseSheet: 1821, templateCode: '-2227', fileName: 'ExpenseSheet1821.pdf' });
		expect(wire('expensesheets:EXPENSESHEETINPUTFILE -2227')).toEqual({ action: 'expensesheetinputfile -2227', company: '1', expensesheet: '1821' });
	});

	it('passes the server\'s refusal of an unknown template on as a NodeApiError', async () => {
		const result = await run({ operation: 'printToFile', expenseSheet: '1821', templateCode: '-9999' });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(/print template -9999 not found/);
	});
});

describe('Synergist expense sheet workflow', () => {
	it('submits one sheet, then several in one request [wire:expensesheets:expensesheetsubmit] [wire:expensesheets:expensesheetssubmit]', async () => {
		const one = await run({ operation: 'submit', expenseSheets: '1791' });
		expect(one.error).toBeUndefined();
		expect(one.items.map((i) => i.json)).toEqual([{ success: true, message: 'Expense sheet submitted.', expenseSheets: [1791] }]);
		expect(wire('expensesheets:EXPENSESHEETSUBMIT')).toEqual({ action: 'expensesheetsubmit', company: '1', expensesheet: '1791' });
		expect(sheet(1791).status).toBe('S');

		const many = await runNode(setup({ operation: 'submit', expenseSheets: '={{ $json.sheets }}' }), [{ sheets: [1786, 1833] }]);
		expect(many.error).toBeUndefined();
		expect(many.items.map((i) => i.json)).toEqual([{ success: true, message: 'Expense sheets submitted.', expenseSheets: [1786, 1833] }]);
		expect(wire('expensesheets:EXPENSESHEETSSUBMIT')).toEqual({ action: 'expensesheetssubmit', company: '1', expensesheet: '[1786,1833]' });
		expect([sheet(1786).status, sheet(1833).status]).toEqual(['S', 'S']);
	});

	it('approves submitted sheets, refuses an unsubmitted one and reports a partial bulk approval [wire:expensesheets:expensesheetapprove] [wire:expensesheets:expensesheetsapprove]', async () => {
		const uuid = sheet(1790).uuid;
		const one = await run({ operation: 'approve', expenseSheets: uuid });
		expect(one.items.map((i) => i.json)).toEqual([{ success: true, message: 'Expense sheet approved.', expenseSheetUuid: uuid }]);
		expect(wire('expensesheets:EXPENSESHEETAPPROVE')).toEqual({ action: 'expensesheetapprove', company: '1', uuid });
		expect(sheet(1790)).toMatchObject({ status: 'S', approved: true });

		vendor.emulator.clearLog();
		const unsubmitted = await run({ operation: 'approve', expenseSheets: '1234' });
		expect(unsubmitted.error?.constructor.name).toBe('NodeApiError');
		expect(unsubmitted.error?.message).toBe('Expense sheet 1234 cannot be approved: it is unsubmitted, not submitted [3002]');

		vendor.emulator.clearLog();
		const partial = await run({ operation: 'approve', expenseSheets: '[1820, 1234]' });
		expect(partial.error).toBeUndefined();
		expect(partial.items.map((i) => i.json)).toEqual([
			{
				success: true,
				message: 'Expense sheets approved.',
				expenseSheets: [1820, 1234],
				warningMessage: '1 of 2 Expense sheet approved. Expense sheet 1234 cannot be approved: it is unsubmitted, not submitted.',
			},
		]);
		expect(wire('expensesheets:EXPENSESHEETSAPPROVE')).toEqual({ action: 'expensesheetsapprove', company: '1', expensesheet: '[1820,1234]' });
		expect([sheet(1820).approved, sheet(1234).status]).toEqual([true, 'W']);
	});

	it('unapproves approved sheets [wire:expensesheets:expensesheetunapprove] [wire:expensesheets:expensesheetsunapprove]', async () => {
		const one = await run({ operation: 'unapprove', expenseSheets: 1830 });
		expect(one.items[0].json).toEqual({ success: true, message: 'Expense sheet un-approved.', expenseSheets: [1830] });
		expect(wire('expensesheets:EXPENSESHEETUNAPPROVE')).toEqual({ action: 'expensesheetunapprove', company: '1', expensesheet: '1830' });
		expect(sheet(1830)).toMatchObject({ status: 'S', approved: false });

		setStatus(1820, 'S', true);
		setStatus(1821, 'S', true);
		const many = await run({ operation: 'unapprove', expenseSheets: '1820,1821' });
		expect(many.items[0].json).toEqual({ success: true, message: 'Expense sheets un-approved.', expenseSheets: [1820, 1821] });
		expect(wire('expensesheets:EXPENSESHEETSUNAPPROVE')).toEqual({ action: 'expensesheetsunapprove', company: '1', expensesheet: '[1820,1821]' });
		expect([sheet(1820).approved, sheet(1821).approved]).toEqual([false, false]);
	});

	it('processes approved sheets only [wire:expensesheets:expensesheetprocess] [wire:expensesheets:expensesheetsprocess]', async () => {
		const one = await run({ operation: 'process', expenseSheets: '1830' });
		expect(one.items[0].json).toEqual({ success: true, message: 'Expense sheet processed.', expenseSheets: [1830] });
		expect(wire('expensesheets:EXPENSESHEETPROCESS')).toEqual({ action: 'expensesheetprocess', company: '1', expensesheet: '1830' });
		expect(sheet(1830).status).toBe('A');

		setStatus(1820, 'S', true);
		const many = await run({ operation: 'process', expenseSheets: '1820 1821' });
		expect(many.items[0].json).toMatchObject({ success: true, expenseSheets: [1820, 1821], warningMessage: expect.stringMatching(/^1 of 2 Expense sheet processed\. Expense sheet 1821 cannot be processed: it is submitted, not approved\.$/) });
		expect(wire('expensesheets:EXPENSESHEETSPROCESS')).toEqual({ action: 'expensesheetsprocess', company: '1', expensesheet: '[1820,1821]' });
		expect([sheet(1820).status, sheet(1821).status]).toEqual(['A', 'S']);
	});

	it('posts processed sheets [wire:expensesheets:expensesheetpost] [wire:expensesheets:expensesheetspost]', async () => {
		const one = await run({ operation: 'post', expenseSheets: '1831' });
		expect(one.items[0].json).toEqual({ success: true, message: 'Expense sheet posted.', expenseSheets: [1831] });
		expect(wire('expensesheets:EXPENSESHEETPOST')).toEqual({ action: 'expensesheetpost', company: '1', expensesheet: '1831' });
		expect(sheet(1831).status).toBe('P');

		setStatus(1820, 'A', true);
		setStatus(1821, 'A', true);
		const many = await run({ operation: 'post', expenseSheets: '1820, 1821' });
		expect(many.items[0].json).toEqual({ success: true, message: 'Expense sheets posted.', expenseSheets: [1820, 1821] });
		expect(wire('expensesheets:EXPENSESHEETSPOST')).toEqual({ action: 'expensesheetspost', company: '1', expensesheet: '[1820,1821]' });
		expect([sheet(1820).status, sheet(1821).status]).toEqual(['P', 'P']);

		vendor.emulator.clearLog();
		const none = await run({ operation: 'post', expenseSheets: '1234, 1786' });
		expect(none.error?.message).toBe(
			'Expense sheet 1234 cannot be posted: it is unsubmitted, not processed. Expense sheet 1786 cannot be posted: it is unsubmitted, not processed. [3002]',
		);
	});

	it('approves, processes and posts in one step [wire:expensesheets:expensesheetall] [wire:expensesheets:expensesheetsall]', async () => {
		const one = await run({ operation: 'approveProcessPost', expenseSheets: '1790' });
		expect(one.items[0].json).toEqual({ success: true, message: 'Expense sheet approved, processed and posted.', expenseSheets: [1790] });
		expect(wire('expensesheets:EXPENSESHEETALL')).toEqual({ action: 'expensesheetall', company: '1', expensesheet: '1790' });
		expect(sheet(1790)).toMatchObject({ status: 'P', approved: true });
		expect(sheet(1790).lines.every((l) => l.status === 'P')).toBe(true);

		const many = await run({ operation: 'approveProcessPost', expenseSheets: '1820,1821' });
		expect(many.items[0].json).toEqual({ success: true, message: 'Expense sheets approved, processed and posted.', expenseSheets: [1820, 1821] });
		expect(wire('expensesheets:EXPENSESHEETSALL')).toEqual({ action: 'expensesheetsall', company: '1', expensesheet: '[1820,1821]' });
	});

	it('returns a processed sheet to submitted and a submitted one to returned [wire:expensesheets:expensesheetreturn] [wire:expensesheets:expensesheetsreturn]', async () => {
		const one = await run({ operation: 'return', expenseSheets: '1831' });
		expect(one.items[0].json).toEqual({ success: true, message: 'Expense sheet returned.', expenseSheets: [1831] });
		expect(wire('expensesheets:EXPENSESHEETRETURN')).toEqual({ action: 'expensesheetreturn', company: '1', expensesheet: '1831' });
		expect(sheet(1831).status).toBe('S');

		const many = await run({ operation: 'return', expenseSheets: '1790,1820' });
		expect(many.items[0].json).toEqual({ success: true, message: 'Expense sheets returned.', expenseSheets: [1790, 1820] });
		expect(wire('expensesheets:EXPENSESHEETSRETURN')).toEqual({ action: 'expensesheetsreturn', company: '1', expensesheet: '[1790,1820]' });
		expect([sheet(1790).status, sheet(1820).status]).toEqual(['T', 'T']);
	});

	it('deletes unsubmitted sheets and refuses a posted one [wire:expensesheets:expensesheetdelete] [wire:expensesheets:expensesheetsdelete]', async () => {
		const one = await run({ operation: 'delete', expenseSheets: '1234' });
		expect(one.items[0].json).toEqual({ success: true, message: 'Expense sheet deleted.', expenseSheets: [1234] });
		expect(wire('expensesheets:EXPENSESHEETDELETE')).toEqual({ action: 'expensesheetdelete', company: '1', expensesheet: '1234' });
		expect(sheets().has(1234)).toBe(false);

		const many = await run({ operation: 'delete', expenseSheets: '1786,1833' });
		expect(many.items[0].json).toEqual({ success: true, message: 'Expense sheets deleted.', expenseSheets: [1786, 1833] });
		expect(wire('expensesheets:EXPENSESHEETSDELETE')).toEqual({ action: 'expensesheetsdelete', company: '1', expensesheet: '[1786,1833]' });
		expect([sheets().has(1786), sheets().has(1833)]).toEqual([false, false]);

		const posted = await run({ operation: 'delete', expenseSheets: '1832' });
		expect(posted.error?.message).toBe('Expense sheet 1832 cannot be deleted: it is posted [3002]');
		expect(sheets().has(1832)).toBe(true);
	});

	it('runs a sheet from creation to posted, with the list showing each status', async () => {
		const created = await run({ operation: 'create', claimant: '1/MJP' });
		const ref = created.items[0].json.expensesheetInternalRef as number;
		const statusOf = async () => (await run({ operation: 'get', expenseSheet: String(ref) })).items[0].json.expensesheetStatusCode;
		const steps: Array<[string, string]> = [
			['submit', 'submitted'],
			['approve', 'approved'],
			['process', 'processed'],
			['post', 'posted'],
		];
		for (const [operation, status] of steps) {
			const result = await run({ operation, expenseSheets: String(ref) });
			expect(result.error).toBeUndefined();
			expect(await statusOf()).toBe(status);
		}
	});
});

describe('Synergist expense sheet input checks', () => {
	it('rejects bad input before sending anything, naming the field and the item', async () => {
		const cases: Array<[NodeSetup['parameters'], string]> = [
			[{ operation: 'get', expenseSheet: 'abc' }, 'The field "Expense Sheet ID or UUID" has an invalid value "abc" in item 0'],
			[{ operation: 'get', expenseSheet: '1790, 1791' }, 'The field "Expense Sheet ID or UUID" has an invalid value "1790, 1791" in item 0'],
			[{ operation: 'submit', expenseSheets: '  ' }, 'The field "Expense Sheets" is empty in item 0'],
			[
				{ operation: 'approve', expenseSheets: `1790, ${'A'.repeat(32)}` },
				`The field "Expense Sheets" has an invalid value "1790, ${'A'.repeat(32)}" in item 0`,
			],
			[{ operation: 'delete', expenseSheets: '0' }, 'The field "Expense Sheets" has an invalid value "0" in item 0'],
			[{ operation: 'create', claimant: '8/USER x' }, 'The field "Claimant" has an invalid value "8/USER x" in item 0'],
			[{ operation: 'update', expenseSheetId: 1791, updateFields: {} }, 'Nothing to update in item 0'],
			[{ operation: 'update', expenseSheetId: 1791, updateFields: { otherFields: '[1]' } }, 'The field "Other Fields (JSON)" must be a JSON object in item 0'],
			[{ operation: 'update', expenseSheetId: 0, updateFields: { description: 'x' } }, 'The field "Expense Sheet ID" is empty in item 0'],
			[{ operation: 'print', expenseSheet: '1790', templateCode: 'REPORT' }, 'The field "Template" has an invalid value "REPORT" in item 0'],
			[{ operation: 'print', expenseSheet: sheet(1790).uuid, templateCode: '-1790' }, `The field "Expense Sheet ID" has an invalid value "${sheet(1790).uuid}" in item 0`],
		];
		for (const [parameters, message] of cases) {
			const result = await run(parameters);
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(message);
		}
		expect(vendor.emulator.log).toHaveLength(0);
	});
});
