import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';

import { API_USER, createSynergistEmulator, type SynergistEmulator } from '../../../emulators/synergist';
import { expenseLinesState } from '../../../emulators/synergist/areas/expenselines';
import { expenseSheets } from '../../../emulators/synergist/areas/expensesheets';
import { SynergistApi } from '../../../credentials/SynergistApi.credentials';
import { Synergist } from '../../../nodes/Synergist/Synergist.node';
import { binary, CredentialStore, loadOptions, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

let vendor: SynergistEmulator;
let store: CredentialStore;
let credential: StoredCredential;

const setup = (parameters: IDataObject, continueOnFail = false): NodeSetup => ({
	node: new Synergist(),
	credentialTypes: [new SynergistApi()],
	store,
	credential,
	parameters: { resource: 'expenseLine', ...parameters },
	continueOnFail,
});
const run = (parameters: IDataObject) => runNode(setup(parameters));

/** The requests of one emulator operation (`expenselines:CREATE`), their query without the credential's fields. */
const sent = (op: string) =>
	vendor.emulator.requests(op).map((r) => {
		const { user, sha512password, version, ...rest } = r.query;
		expect({ user, sha512password, version }).toEqual({ user: API_USER.login, sha512password: vendor.currentHash(), version: '3.2' });
		expect(r.method).toBe('GET');
		expect(r.path).toBe('/jsonapi/expenselines.json');
		return rest;
	});
const inputOf = (query: Record<string, string>) => (JSON.parse(query.input) as { data: IDataObject[] }).data;
const apiOps = () => vendor.emulator.log.map((r) => r.op).filter((op) => op !== 'GETSHA512');
const lines = () => expenseLinesState(vendor.state).lines;

beforeAll(async () => {
	vendor = createSynergistEmulator({ seedCount: 12 });
	await vendor.emulator.start();
});

afterAll(async () => await vendor.emulator.stop());

beforeEach(() => {
	vendor.emulator.reset();
	store = new CredentialStore();
	credential = store.add('synergistApi', { ...vendor.credentialData(), sha512Password: '', sessionBinding: '' });
});

describe('Synergist expense lines: reading', () => {
	it('lists every line of the company page by page with Return All [wire:expenselines:None]', async () => {
		const result = await run({ operation: 'getAll', returnAll: true, options: { pageSize: 3 } });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.expenselineInternal)).toEqual([19, 20, 2288, 3313, 3395, 3398, 3404, 3462, 3466]);
		expect(result.items[0].json).toMatchObject({ expenselineStatus: 'Approved', expenselineSupplyType: '1/MIL', expenselineJobAndPhase: '1/00000464.000' });
		expect(sent('expenselines:LIST')).toEqual([1, 2, 3].map((page) => ({ company: '1', page: String(page), rows: '3' })));
	});

	it('sends the key filters as query parameters and stops at the Limit [wire:expenselines:None]', async () => {
		const result = await run({ operation: 'getAll', returnAll: false, limit: 1, filters: { jobphase: '00000001.001', search: 'print', timestampfrom: 1000 } });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.expenselineInternal)).toEqual([3404]);
		expect(sent('expenselines:LIST')).toEqual([{ company: '1', page: '1', rows: '1', jobphase: '1/00000001.001', search: 'print', timestampfrom: '1000' }]);
	});

	it('gets the fields of the expense line model [wire:expenselines:None]', async () => {
		const result = await run({ operation: 'getFields' });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.data)).toContain('expenselineTotal');
		expect(sent('expenselines:STRUCTURE')).toEqual([{ company: '1', style: 'modelstructure' }]);
	});

	it('gets one line with its permission flags, by ID or by UUID [wire:expenselines:expensesheetline]', async () => {
		const byId = await run({ operation: 'get', expenseLine: '3404' });
		expect(byId.error).toBeUndefined();
		expect(byId.items).toHaveLength(1);
		expect(byId.items[0].json).toMatchObject({ expenselineInternal: 3404, expenselineStatusCode: 'S', expenselineApprove: true, expenselineAttachmentView: true });
		const uuid = lines().get(3313)!.uuid;
		const byUuid = await run({ operation: 'get', expenseLine: uuid.toLowerCase() });
		expect(byUuid.items[0].json).toMatchObject({ expenselineInternal: 3313, expenselineStatusDisplay: 'Approved' });
		expect(sent('expenselines:EXPENSESHEETLINE')).toEqual([
			{ action: 'expensesheetline', company: '1', expenseline: '3404' },
			{ action: 'expensesheetline', company: '1', uuid },
		]);
	});

	it('refuses a malformed line ID before sending, and reports an unknown line with the vendor text', async () => {
		const bad = await run({ operation: 'get', expenseLine: '34-04' });
		expect(bad.error).toBeInstanceOf(NodeOperationError);
		expect(bad.error?.message).toBe('The field "Expense Line ID or UUID" has an invalid value "34-04" in item 0');
		expect(apiOps()).toEqual([]);
		const missing = await run({ operation: 'approve', expenseLine: '999' });
		expect(missing.error).toBeInstanceOf(NodeApiError);
		expect(missing.error?.message).toContain('Expense line 999 not found.');
	});
});

describe('Synergist expense lines: create and update', () => {
	it('creates a line with the reference example fields; Synergist computes the tax [wire:expenselines:create]', async () => {
		const result = await run({
			operation: 'create',
			expenseSheetId: 691,
			jobAndPhase: 'BG12.001',
			supplyType: '1/3D',
			date: '2018-08-08T00:00:00',
			total: 382,
			additionalFields: { description: 'this is a description', supplierCode: '1/USER' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ expenselineInternal: 4002, expenselineTaxAmount: 63.67, expenselineDescription: 'this is a description' });
		const [query] = sent('expenselines:CREATE');
		expect(query).toMatchObject({ action: 'create', company: '1' });
		expect(inputOf(query)).toEqual([
			{
				expenselineSheetInternal: 691,
				expenselineJobAndPhase: '1/BG12.001',
				expenselineSupplyType: '1/3D',
				expenselineDate: '2018-08-08',
				expenselineTotal: 382,
				expenselineDescription: 'this is a description',
				expensesheetSupplierCode: '1/USER',
			},
		]);
		expect(lines().get(4002)).toMatchObject({ sheet: 691, status: 'W', total: 382 });
	});

	it('refuses a job number without a phase before sending, and shows the vendor text for an unknown supply type', async () => {
		const base = { operation: 'create', expenseSheetId: 691, supplyType: '1/3D', date: '2018-08-08', total: 10 };
		const bad = await run({ ...base, jobAndPhase: '1/BG12' });
		expect(bad.error).toBeInstanceOf(NodeOperationError);
		expect(bad.error?.message).toBe('The field "Job and Phase" has an invalid value "1/BG12" in item 0');
		expect(apiOps()).toEqual([]);
		const otherCompany = await run({ ...base, jobAndPhase: '1/BG12.001', supplyType: '8/HOT' });
		expect(otherCompany.error?.message).toMatch(/names company 8/);
		const rejected = await run({ ...base, jobAndPhase: '1/BG12.001', supplyType: '1/NOPE' });
		expect(rejected.error).toBeInstanceOf(NodeApiError);
		expect(rejected.error?.message).toContain('supply type 1/NOPE not found');
		const submittedSheet = await run({ ...base, expenseSheetId: 1790, jobAndPhase: '1/BG12.001' });
		expect(submittedSheet.error?.message).toContain('Expense sheet 1790 is submitted: lines cannot be added.');
	});

	it('updates only the fields given and names the line in the output [wire:expenselines:update]', async () => {
		const result = await run({ operation: 'update', expenseLineId: 2288, updateFields: { total: 100 } });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ expenselineInternal: 2288, success: true, message: 'data processed successfully.' }]);
		const [query] = sent('expenselines:UPDATE');
		expect(query).toMatchObject({ action: 'update', company: '1' });
		expect(inputOf(query)).toEqual([{ expenselineInternal: 2288, expenselineTotal: 100 }]);
		expect(lines().get(2288)).toMatchObject({ total: 100, taxAmount: 16.67 });
	});

	it('refuses an update without fields before sending, and shows why Synergist refuses an approved line', async () => {
		const empty = await run({ operation: 'update', expenseLineId: 2288, updateFields: {} });
		expect(empty.error?.message).toBe('No field to update in item 0');
		expect(apiOps()).toEqual([]);
		const approved = await run({ operation: 'update', expenseLineId: 3313, updateFields: { description: 'x' } });
		expect(approved.error).toBeInstanceOf(NodeApiError);
		expect(approved.error?.message).toContain('Expense line 3313 is approved and cannot be changed.');
	});
});

describe('Synergist expense lines: receipts', () => {
	const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('a receipt photo '.repeat(40)), Buffer.from([0xff, 0xd9])]);

	it('uploads a receipt as base64 with the reference keys and downloads it byte-identical [wire:expenselines:update] [wire:expenselines:attachmentview]', async () => {
		const upload = await runNode(setup({ operation: 'uploadReceipt', expenseLine: '3398', binaryPropertyName: 'data' }), [{}], [
			{ data: binary(jpeg, 'Receipt.jpg', 'image/jpeg') },
		]);
		expect(upload.error).toBeUndefined();
		expect(upload.items[0].json).toMatchObject({ expenselineInternal: 3398, fileName: 'Receipt.jpg', fileSize: jpeg.length, storedOn: 'synergist' });
		const [query] = sent('expenselines:UPDATE');
		expect(query).toMatchObject({ action: 'update', company: '1' });
		expect(inputOf(query)).toEqual([
			{ variable_AttachmentFileName: 'Receipt.jpg', variable_AttachmentBase64: jpeg.toString('base64'), expenselines_expenselineinternal: '3398' },
		]);

		const download = await run({ operation: 'downloadReceipt', expenseLine: '3398', binaryPropertyName: 'receipt' });
		expect(download.error).toBeUndefined();
		expect(download.items[0].json).toMatchObject({ expenselineInternal: 3398, fileName: 'Receipt.jpg', mimeType: 'image/jpeg', fileSize: jpeg.length });
		expect(Buffer.from(download.items[0].binary!.receipt.data, 'base64').equals(jpeg)).toBe(true);
		expect(sent('expenselines:ATTACHMENTVIEW')).toEqual([{ action: 'attachmentview', company: '1', expenseline: '3398' }]);
	});

	it('refuses a receipt over the size limit before sending anything', async () => {
		const big = Buffer.alloc(3 * 1024, 7);
		const result = await runNode(setup({ operation: 'uploadReceipt', expenseLine: '3398', binaryPropertyName: 'data', options: { maxFileSizeKb: 2 } }), [{}], [
			{ data: binary(big, 'big.pdf', 'application/pdf') },
		]);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('The receipt "big.pdf" is 3 KB, over the limit of 2 KB, in item 0');
		expect(apiOps()).toEqual([]);
		const missing = await run({ operation: 'uploadReceipt', expenseLine: '3398', binaryPropertyName: 'data' });
		expect(missing.error?.message).toBe('The field "Input Binary Field" points to "data", which is missing in item 0');
	});

	it('on S3 systems asks for a pre-signed link, PUTs the bytes there, and downloads them as a file [wire:expenselines:update] [wire:expenselines:attachmentfile]', async () => {
		expenseLinesState(vendor.state).s3 = true;
		const pdf = Buffer.from('%PDF-1.4 receipt\n%%EOF');
		const upload = await runNode(setup({ operation: 'uploadReceipt', expenseLine: '3398', binaryPropertyName: 'data', options: { uploadMethod: 's3' } }), [{}], [
			{ data: binary(pdf, 'taxi.pdf', 'application/pdf') },
		]);
		expect(upload.error).toBeUndefined();
		expect(upload.items[0].json).toMatchObject({ expenselineInternal: 3398, storedOn: 's3', fileSize: pdf.length });
		expect(upload.items[0].json.attachmentS3UrlPut).toBeUndefined();
		expect(inputOf(sent('expenselines:UPDATE')[0])).toEqual([{ variable_AttachmentFileName: 'taxi.pdf', expenselines_expenselineinternal: '3398' }]);
		const [put] = vendor.emulator.requests('expenselines:S3PUT');
		expect(put.method).toBe('PUT');
		expect(put.query.password).toBeUndefined();
		expect(put.rawBody).toBe(pdf.toString('utf8'));

		const download = await run({ operation: 'downloadReceipt', expenseLine: '3398', binaryPropertyName: 'data', options: { downloadMethod: 'attachmentfile' } });
		expect(download.error).toBeUndefined();
		expect(download.items[0].json).toMatchObject({ fileName: 'taxi.pdf', mimeType: 'application/pdf' });
		expect(Buffer.from(download.items[0].binary!.data.data, 'base64').equals(pdf)).toBe(true);
		expect(sent('expenselines:ATTACHMENTFILE')).toEqual([{ action: 'attachmentfile', company: '1', expenseline: '3398' }]);
	});

	it('downloads a stored receipt as a file and removes it [wire:expenselines:attachmentfile] [wire:expenselines:attachmentremove]', async () => {
		const stored = lines().get(3404)!.receipt!.bytes;
		const file = await run({ operation: 'downloadReceipt', expenseLine: '3404', options: { downloadMethod: 'attachmentfile' }, binaryPropertyName: 'data' });
		expect(file.error).toBeUndefined();
		expect(file.items[0].json).toMatchObject({ fileName: 'office.txt', mimeType: 'text/plain' });
		expect(Buffer.from(file.items[0].binary!.data.data, 'base64').equals(stored)).toBe(true);

		const removed = await run({ operation: 'removeReceipt', expenseLine: '3404' });
		expect(removed.items.map((i) => i.json)).toEqual([{ expenselineInternal: 3404, success: true, message: 'Expense line attachment deleted.' }]);
		expect(sent('expenselines:ATTACHMENTREMOVE')).toEqual([{ action: 'attachmentremove', company: '1', expenseline: '3404' }]);
		expect(lines().get(3404)!.receipt).toBeUndefined();

		const gone = await run({ operation: 'downloadReceipt', expenseLine: '3404', binaryPropertyName: 'data' });
		expect(gone.error).toBeInstanceOf(NodeApiError);
		expect(gone.error?.message).toContain('Expense line 3404 has no attachment.');
	});
});

describe('Synergist expense lines: workflow', () => {
	it.each([
		['submit', 'expenselinesubmit', 3398, {}, 'Expense line submitted.', 'S'],
		['checkSubmittable', 'expenselinesubmittable', 3398, {}, 'Expense line set to submitted.', 'W'],
		['approve', 'expenselineapprove', 3404, {}, 'Expense line approved.', 'A'],
		['hold', 'expenselinehold', 3404, {}, 'Expense line held.', 'H'],
		['query', 'expenselinequery', 3462, { queryrejectreason: 'Which client?' }, 'Expense line queried.', 'Q'],
		['reject', 'expenselinereject', 3462, { queryrejectreason: 'Not billable' }, 'Expense line rejected.', 'R'],
	] as const)(
		'%s sends action=%s for the line [wire:expenselines:expenselinesubmit] [wire:expenselines:expenselinesubmittable] [wire:expenselines:expenselineapprove] [wire:expenselines:expenselinehold] [wire:expenselines:expenselinequery] [wire:expenselines:expenselinereject]',
		async (operation, action, id, reason, message, status) => {
			const result = await run({ operation, expenseLine: String(id), additionalFields: reason });
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.json)).toEqual([{ expenselineInternal: id, success: true, message }]);
			expect(sent(`expenselines:${action.toUpperCase()}`)).toEqual([{ action, company: '1', expenseline: String(id), ...reason }]);
			expect(lines().get(id)!.status).toBe(status);
		},
	);

	it('surfaces a refused step with the vendor text (approving an unsubmitted line)', async () => {
		const result = await run({ operation: 'approve', expenseLine: '2288' });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toContain('Expense line 2288 is unsubmitted');
		expect(lines().get(2288)!.status).toBe('W');
	});

	it('resubmits a queried line of a processed sheet by UUID onto a new sheet [wire:expenselines:expenselineresubmit]', async () => {
		const uuid = lines().get(3466)!.uuid;
		const newSheet = expenseSheets(vendor.state).nextRef;
		const result = await run({ operation: 'resubmit', expenseLine: uuid, additionalFields: { resubmitreason: 'Client added' } });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ expenselineUuid: uuid, expensesheetInternalRef: newSheet });
		expect(sent('expenselines:EXPENSELINERESUBMIT')).toEqual([{ action: 'expenselineresubmit', company: '1', uuid, resubmitreason: 'Client added' }]);
		expect(lines().get(3466)).toMatchObject({ status: 'S', sheet: newSheet });
		expect(expenseSheets(vendor.state).sheets.get(newSheet)).toMatchObject({ status: 'S', company: 1 });
		const again = await run({ operation: 'resubmit', expenseLine: uuid });
		expect(again.error?.message).toContain('must be queried before it can be re-submitted');
	});

	it('copies a line and returns the new line [wire:expenselines:expenselinecopy]', async () => {
		const result = await run({ operation: 'copy', expenseLine: '3404' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ expenselineInternal: 4002, expenselineSheetInternal: 1234 });
		expect(sent('expenselines:EXPENSELINECOPY')).toEqual([{ action: 'expenselinecopy', company: '1', expenseline: '3404' }]);
		expect(lines().get(4002)).toMatchObject({ status: 'W', description: 'Printing of samples' });
	});

	it('deletes one line [wire:expenselines:expenselinedelete]', async () => {
		const result = await run({ operation: 'delete', expenseLine: '3398' });
		expect(result.items.map((i) => i.json)).toEqual([{ expenselineInternal: 3398, success: true, message: 'Expense line deleted.' }]);
		expect(sent('expenselines:EXPENSELINEDELETE')).toEqual([{ action: 'expenselinedelete', company: '1', expenseline: '3398' }]);
		expect(lines().has(3398)).toBe(false);
	});

	it('deletes several lines in one call and keeps the partial failure as warningMessage [wire:expenselines:expenselinesdelete]', async () => {
		const result = await run({ operation: 'deleteMany', expenseLineIds: '3404, 3313 3404' });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ success: true, message: '', warningMessage: '1 of 2 Expense line deleted.' }]);
		expect(sent('expenselines:EXPENSELINESDELETE')).toEqual([{ action: 'expenselinesdelete', company: '1', expenseline: '[3404,3313]' }]);
		expect(lines().has(3404)).toBe(false);
		expect(lines().has(3313)).toBe(true);
		const bad = await run({ operation: 'deleteMany', expenseLineIds: '3404, x' });
		expect(bad.error?.message).toBe('The field "Expense Line IDs" has an invalid value "x" in item 0');
	});
});

describe('Synergist expense lines: lookups', () => {
	it.each([
		['getClients', 'clientslist', 'clientCode', '1/ACME', {}],
		['getJobs', 'jobslist', 'jobNumber', '1/00000001', {}],
		['getPhases', 'phaseslist', 'phaseJobAndPhase', '1/00000522.005', {}],
		['getStages', 'stageslist', 'stageDescription', 'Concept Approval', { jobphase: '1/00SCP974.001' }],
		['getWorkflows', 'workflowslist', 'stageJobAndPhase', '1/00SCP974.001', { jobphase: '1/00SCP974.001' }],
		['getCurrencies', 'currencycodes', 'currencyCode', '1/AED', { active: 'Y' }],
		['getExchangeRates', 'exchangerates', 'currencyExchangeRate', 4.74, {}],
		['getSupplyTypes', 'supplytypes', 'supplytypesSupplyType', '1/HOT', { supplytype: 'hot' }],
		['getSupplyTypeList', 'supplytypeslist', 'supplytypesSupplyType', '1/666', {}],
	] as const)(
		'%s lists action=%s with Return All [wire:expenselines:clientslist] [wire:expenselines:jobslist] [wire:expenselines:phaseslist] [wire:expenselines:stageslist] [wire:expenselines:workflowslist] [wire:expenselines:currencycodes] [wire:expenselines:exchangerates] [wire:expenselines:supplytypes] [wire:expenselines:supplytypeslist]',
		async (operation, action, field, expected, filters) => {
			const parameters: IDataObject = { operation, returnAll: true, options: { pageSize: 2 } };
			if ('active' in filters) parameters.filters = { active: true };
			else if (Object.keys(filters).length) parameters.filters = filters;
			const result = await run(parameters);
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.json[field])).toContain(expected);
			const queries = sent(`expenselines:${action.toUpperCase()}`);
			expect(queries[0]).toEqual({ action, company: '1', page: '1', rows: '2', ...filters });
			expect(queries.map((q) => q.page)).toEqual(queries.map((_, index) => String(index + 1)));
		},
	);

	it('shows only active currencies when asked, and refuses a malformed phase filter before sending', async () => {
		const active = await run({ operation: 'getCurrencies', returnAll: true, filters: { active: true } });
		expect(active.items.map((i) => i.json.currencyCode)).toEqual(['1/AED', '1/EUR', '1/USD']);
		vendor.emulator.clearLog();
		const bad = await run({ operation: 'getStages', returnAll: true, filters: { jobphase: '1/00SCP974' } });
		expect(bad.error).toBeInstanceOf(NodeOperationError);
		expect(apiOps()).toEqual([]);
	});

	it('fills the phase and supply type dropdowns from the expense lookups, without placeholders', async () => {
		const phases = await loadOptions(setup({}), 'getExpenseLinePhases');
		expect(phases.map((p) => p.value)).toContain('1/00000522.005');
		expect(phases.every((p) => !String(p.value).startsWith('8/'))).toBe(true);
		const types = await loadOptions(setup({}), 'getExpenseLineSupplyTypes');
		expect(types.find((t) => t.value === '1/HOT')).toMatchObject({ name: 'Hotel Expenses1' });
		expect(sent('expenselines:PHASESLIST')).toEqual([{ action: 'phaseslist', company: '1', rows: '0' }]);
	});
});
