import { createHash } from 'node:crypto';

import {
	ADMIN_ACCESS_KEY,
	DEFAULT_MAX_UPLOAD_FILE_SIZE,
	SEED_FILES,
	createSimplyCrmEmulator,
	type SimplyCrmEmulator,
} from './index';
import { formatDateTime } from './state';

type Row = Record<string, unknown>;
interface Reply<T = Row> {
	success: boolean;
	result: T;
	error?: { code: string | number; message: string };
}
type LineItemRow = Record<string, string>;
interface FileRow {
	fileid: string;
	filename: string;
	filetype: string;
	filesize: number;
	filecontents: string;
}
interface DescribeField {
	name: string;
	mandatory: boolean;
	editable: boolean;
	default: string;
	type: {
		name: string;
		refersTo?: string[];
		picklistValues?: Array<{ label: string; value: string }>;
		maxUploadFileSize?: number;
	};
}
interface Describe {
	name: string;
	idPrefix: string;
	isEntity: boolean;
	labelFields: string;
	fields: DescribeField[];
}
interface SyncResult {
	updated: Row[];
	deleted: string[];
	more: boolean;
	lastModifiedTime: number;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** Raw webservice calls: GET with a query string, POST with a form body, as vtiger wants them. */
function client(crm: SimplyCrmEmulator) {
	const url = () => `${crm.emulator.url}/webservice.php`;
	async function ws<T = Row>(method: 'GET' | 'POST', params: Record<string, string>): Promise<Reply<T>> {
		const form = new URLSearchParams(params).toString();
		const response =
			method === 'GET'
				? await fetch(`${url()}?${form}`)
				: await fetch(url(), {
						method: 'POST',
						headers: { 'content-type': 'application/x-www-form-urlencoded' },
						body: form,
					});
		expect(response.status).toBe(200);
		return (await response.json()) as Reply<T>;
	}
	async function login(): Promise<string> {
		const challenge = await ws<{ token: string }>('GET', { operation: 'getchallenge', username: 'admin' });
		const reply = await ws<{ sessionName: string }>('POST', {
			operation: 'login',
			username: 'admin',
			accessKey: md5(challenge.result.token + ADMIN_ACCESS_KEY),
		});
		expect(reply.success).toBe(true);
		return reply.result.sessionName;
	}
	/** A Documents create as multipart/form-data, sessionName in the query string. */
	async function upload(
		sessionName: string,
		element: Row,
		file?: { name: string; type: string; data: Buffer; part?: string },
	): Promise<Reply> {
		const form = new FormData();
		form.append('operation', 'create');
		form.append('elementType', 'Documents');
		form.append('element', JSON.stringify(element));
		if (file) form.append(file.part ?? 'filename', new Blob([file.data], { type: file.type }), file.name);
		const response = await fetch(`${url()}?sessionName=${sessionName}`, { method: 'POST', body: form });
		expect(response.status).toBe(200);
		return (await response.json()) as Reply;
	}
	return { ws, login, upload };
}

describe('Simply CRM emulator: webservice additions', () => {
	// A pinned server clock: every timestamp below is computed from it, never from the host.
	const START = Date.UTC(2024, 5, 3, 9, 0, 0);
	let clockMs = START;
	const crm = createSimplyCrmEmulator({ seedCount: 12, clock: () => clockMs });
	const { ws, login, upload } = client(crm);

	beforeAll(async () => {
		await crm.emulator.start();
	});
	afterAll(async () => {
		await crm.emulator.stop();
	});
	beforeEach(() => {
		clockMs = START;
		crm.emulator.reset();
	});

	describe('clock and sessions', () => {
		it('stamps serverTime, createdtime, modifiedtime and sync cursors from the injected clock', async () => {
			const challenge = await ws<{ serverTime: number; expireTime: number }>('GET', {
				operation: 'getchallenge',
				username: 'admin',
			});
			expect(challenge.result.serverTime).toBe(START / 1000);
			expect(challenge.result.expireTime).toBe(START / 1000 + 300);
			const sessionName = await login();

			clockMs = START + 61_000;
			const created = await ws('POST', {
				operation: 'create',
				sessionName,
				elementType: 'Potentials',
				element: JSON.stringify({
					potentialname: 'Pinned deal',
					closingdate: '2024-07-01',
					sales_stage: 'Prospecting',
					assigned_user_id: '19x1',
				}),
			});
			expect(created.result).toMatchObject({
				createdtime: '2024-06-03 09:01:01',
				modifiedtime: '2024-06-03 09:01:01',
				potential_no: 'POT9',
			});

			const sync = await ws<SyncResult>('GET', {
				operation: 'sync',
				sessionName,
				modifiedTime: String(START / 1000),
				elementType: 'Potentials',
			});
			expect(sync.result).toEqual({
				updated: [expect.objectContaining({ id: created.result.id })],
				deleted: [],
				more: false,
				lastModifiedTime: START / 1000 + 61,
			});
			const [wire] = crm.emulator.requests('sync');
			expect(wire.method).toBe('GET');
			expect(wire.query).toMatchObject({ modifiedTime: String(START / 1000), elementType: 'Potentials' });
		});

		it('expires a challenge after 5 minutes of server time', async () => {
			const challenge = await ws<{ token: string }>('GET', { operation: 'getchallenge', username: 'admin' });
			clockMs = START + 5 * 60_000 + 1000;
			const late = await ws('POST', {
				operation: 'login',
				username: 'admin',
				accessKey: md5(challenge.result.token + ADMIN_ACCESS_KEY),
			});
			expect(late.error).toEqual({ code: 'INVALID_AUTH_TOKEN', message: 'Specified token is invalid or expired' });
			expect(crm.emulator.requests('login')[0].contentType).toBe('application/x-www-form-urlencoded');
			expect(crm.state.sessions.size).toBe(0);
		});

		it('drops a session left idle for 30 minutes with SESSION_LEFT_IDLE, and one older than a day with SESSION_EXPIRED', async () => {
			const idle = await login();
			clockMs += 29 * 60_000;
			expect((await ws('GET', { operation: 'retrieve', sessionName: idle, id: '12x141' })).success).toBe(true);
			// Each use restarts the idle clock.
			clockMs += 29 * 60_000;
			expect((await ws('GET', { operation: 'retrieve', sessionName: idle, id: '12x141' })).success).toBe(true);
			clockMs += 31 * 60_000;
			const left = await ws('GET', { operation: 'retrieve', sessionName: idle, id: '12x141' });
			expect(left.error).toEqual({
				code: 'SESSION_LEFT_IDLE',
				message: 'Session has been invalidated to due lack activity',
			});
			expect(crm.state.sessions.has(idle)).toBe(false);

			const busy = await login();
			for (let step = 0; step < 3 * 24; step++) {
				clockMs += 20 * 60_000;
				const reply = await ws('GET', { operation: 'listtypes', sessionName: busy });
				if (!reply.success) {
					expect(reply.error?.code).toBe('SESSION_EXPIRED');
					// The life span is one day from login, however busy the session was.
					expect(step + 1).toBe(72);
					break;
				}
			}
			expect(crm.state.sessions.has(busy)).toBe(false);
			expect(crm.emulator.requests('retrieve').map((r) => r.query.sessionName)).toEqual([idle, idle, idle]);
		});
	});

	describe('modules', () => {
		it('lists the sales, support and inventory modules with this instance’s id prefixes', async () => {
			const sessionName = await login();
			const types = await ws<{ types: string[]; information: Record<string, { isEntity: boolean }> }>('GET', {
				operation: 'listtypes',
				sessionName,
			});
			expect(types.result.types).toEqual(
				expect.arrayContaining([
					'Potentials',
					'HelpDesk',
					'Products',
					'Services',
					'Campaigns',
					'Documents',
					'DocumentFolders',
					'Quotes',
					'SalesOrder',
					'PurchaseOrder',
					'Invoice',
				]),
			);
			expect(types.result.information.DocumentFolders.isEntity).toBe(false);
			expect(types.result.information.Invoice.isEntity).toBe(true);

			// Stock vtiger numbers them 5, 6, 7, 9, 13, 14, 15, 16, 17; this instance does not.
			const stock: Record<string, string> = {
				Potentials: '5',
				Products: '6',
				Documents: '7',
				HelpDesk: '9',
				Quotes: '13',
				PurchaseOrder: '14',
				SalesOrder: '15',
				Invoice: '16',
				Campaigns: '17',
			};
			const prefixes: Record<string, string> = {};
			for (const module of [...Object.keys(stock), 'Services', 'DocumentFolders']) {
				const reply = await ws<Describe>('GET', { operation: 'describe', sessionName, elementType: module });
				prefixes[module] = reply.result.idPrefix;
				if (stock[module]) expect(reply.result.idPrefix).not.toBe(stock[module]);
			}
			expect(new Set(Object.values(prefixes)).size).toBe(11);
			expect(prefixes.DocumentFolders).toBe('22');
			expect(crm.emulator.requests('describe').map((r) => r.query.elementType)).toHaveLength(11);
		});

		it('describes mandatory fields, picklists with labels, references, defaults, the upload limit and read-only totals', async () => {
			const sessionName = await login();
			const describe = async (elementType: string) => {
				const reply = await ws<Describe>('GET', { operation: 'describe', sessionName, elementType });
				return (name: string) => reply.result.fields.find((f) => f.name === name)!;
			};
			const documents = await describe('Documents');
			expect(documents('notes_title')).toMatchObject({ mandatory: true, editable: true });
			expect(documents('filename').type).toEqual({ name: 'file', maxUploadFileSize: DEFAULT_MAX_UPLOAD_FILE_SIZE });
			expect(documents('filelocationtype').type.picklistValues).toEqual([
				{ label: 'Internal', value: 'I' },
				{ label: 'External', value: 'E' },
			]);
			expect(documents('folderid')).toMatchObject({
				default: '22x1',
				mandatory: false,
				type: { name: 'reference', refersTo: ['DocumentFolders'] },
			});
			expect(documents('filesize').editable).toBe(false);

			const potentials = await describe('Potentials');
			expect(potentials('sales_stage')).toMatchObject({ mandatory: true, type: { name: 'picklist' } });
			expect(potentials('related_to').type.refersTo).toEqual(['Accounts']);
			expect(potentials('cf_901').type).toMatchObject({ name: 'multipicklist' });

			const quotes = await describe('Quotes');
			for (const name of ['subject', 'quotestage', 'account_id', 'assigned_user_id'])
				expect(quotes(name).mandatory).toBe(true);
			for (const name of ['hdnSubTotal', 'hdnGrandTotal', 'quote_no', 'createdtime'])
				expect(quotes(name).editable).toBe(false);
			expect(quotes('currency_id')).toMatchObject({ default: '21x1', type: { refersTo: ['Currency'] } });

			const tickets = await describe('HelpDesk');
			expect(tickets('ticketstatus').type.picklistValues?.map((v) => v.value)).toEqual([
				'Open',
				'In Progress',
				'Wait For Response',
				'Closed',
			]);
			expect(crm.emulator.requests('describe').every((r) => r.method === 'GET')).toBe(true);
		});

		it('retrieves the default folder but refuses to query DocumentFolders, which is no entity module', async () => {
			const sessionName = await login();
			const folder = await ws('GET', { operation: 'retrieve', sessionName, id: '22x1' });
			expect(folder.result).toMatchObject({ id: '22x1', foldername: 'Default' });
			const query = await ws('GET', { operation: 'query', sessionName, query: 'select * from DocumentFolders;' });
			expect(query.error?.code).toBe('OPERATION_NOT_SUPPORTED');
			expect(crm.emulator.requests('query')[0].query.query).toBe('select * from DocumentFolders;');
		});

		it('seeds potentials and tickets that point at seeded accounts and contacts, and keeps Contacts at 12x141…', async () => {
			const sessionName = await login();
			const contacts = await ws<Row[]>('GET', {
				operation: 'query',
				sessionName,
				query: 'select id from Contacts order by id limit 0, 3;',
			});
			expect(contacts.result.map((r) => r.id)).toEqual(['12x141', '12x142', '12x143']);
			for (const module of ['Potentials', 'HelpDesk']) {
				const rows = await ws<Row[]>('GET', { operation: 'query', sessionName, query: `select * from ${module};` });
				expect(rows.result.length).toBeGreaterThanOrEqual(5);
				for (const row of rows.result) {
					const account = String(row[module === 'Potentials' ? 'related_to' : 'parent_id']);
					expect((await ws('GET', { operation: 'retrieve', sessionName, id: account })).result.id).toBe(account);
					const contact = String(row.contact_id);
					expect((await ws('GET', { operation: 'retrieve', sessionName, id: contact })).success).toBe(true);
				}
			}
			const count = await ws<Array<{ count: string }>>('GET', {
				operation: 'query',
				sessionName,
				query: 'select count(*) from Products;',
			});
			expect(Number(count.result[0].count)).toBeGreaterThanOrEqual(3);
		});
	});

	describe('inventory line items', () => {
		const product = () => crm.state.records.Products[0].values;
		const service = () => crm.state.records.Services[0].values;
		const quote = (extra: Row = {}) => ({
			subject: 'Network refresh',
			quotestage: 'Created',
			account_id: '11x101',
			assigned_user_id: '19x1',
			...extra,
		});

		it('refuses a quote without LineItems or with a bad line, before anything is stored', async () => {
			const sessionName = await login();
			const before = crm.state.records.Quotes.length;
			const create = (element: Row) =>
				ws('POST', { operation: 'create', sessionName, elementType: 'Quotes', element: JSON.stringify(element) });

			expect((await create(quote())).error).toEqual({
				code: 'MANDATORY_FIELDS_MISSING',
				message: 'Mandatory Fields Missing..',
			});
			expect((await create(quote({ LineItems: [] }))).error?.code).toBe('MANDATORY_FIELDS_MISSING');
			const contactAsProduct = await create(quote({ LineItems: [{ productid: '12x141', quantity: 1, listprice: 5 }] }));
			expect(contactAsProduct.error).toEqual({
				code: 'REFERENCE_INVALID',
				message: 'Invalid reference specified for productid',
			});
			const noQuantity = await create(quote({ LineItems: [{ productid: product().id, listprice: 5 }] }));
			expect(noQuantity.error).toEqual({ code: 'MANDATORY_FIELDS_MISSING', message: 'quantity does not have a value' });
			const noSubject = await create({ ...quote(), subject: '', LineItems: [{ productid: product().id, quantity: 1, listprice: 5 }] });
			expect(noSubject.error).toEqual({ code: 'MANDATORY_FIELDS_MISSING', message: 'subject does not have a value' });

			expect(crm.state.records.Quotes).toHaveLength(before);
			expect(crm.emulator.requests('create').map((r) => r.contentType)).toEqual(
				Array(5).fill('application/x-www-form-urlencoded'),
			);
		});

		it('creates with lines and totals, retrieves them, keeps them on an update without LineItems and replaces them with', async () => {
			const sessionName = await login();
			const lines = [
				{ productid: product().id, quantity: 2, listprice: 1000, comment: 'Two routers' },
				{ productid: service().id, quantity: '1.5', listprice: '800', discount_percent: 10 },
			];
			const created = await ws('POST', {
				operation: 'create',
				sessionName,
				elementType: 'Quotes',
				element: JSON.stringify(quote({ LineItems: lines })),
			});
			expect(created.success).toBe(true);
			const id = String(created.result.id);
			expect(id).toMatch(/^30x\d+$/);
			const wire = JSON.parse(new URLSearchParams(crm.emulator.requests('create')[0].rawBody).get('element')!) as Row;
			expect(wire.LineItems).toEqual(lines);
			expect(created.result).toMatchObject({ hdnSubTotal: '3080.00000000', hdnGrandTotal: '3080.00000000', currency_id: '21x1' });

			const retrieved = await ws('GET', { operation: 'retrieve', sessionName, id });
			const items = retrieved.result.LineItems as LineItemRow[];
			expect(items).toEqual([
				expect.objectContaining({
					parent_id: id,
					productid: product().id,
					sequence_no: '1',
					quantity: '2.000',
					listprice: '1000.00000000',
					comment: 'Two routers',
				}),
				expect.objectContaining({ productid: service().id, sequence_no: '2', discount_percent: '10.000' }),
			]);

			// retrieve → change → update without LineItems: the lines stay, the totals follow the new discount.
			const fields = { ...retrieved.result };
			delete fields.LineItems;
			const kept = await ws('POST', {
				operation: 'update',
				sessionName,
				element: JSON.stringify({ ...fields, hdnDiscountAmount: '80' }),
			});
			expect((kept.result.LineItems as LineItemRow[]).map((l) => l.productid)).toEqual([product().id, service().id]);
			expect(kept.result.hdnGrandTotal).toBe('3000.00000000');

			const replaced = await ws('POST', {
				operation: 'update',
				sessionName,
				element: JSON.stringify({ ...fields, LineItems: [{ productid: service().id, quantity: 3, listprice: 100 }] }),
			});
			expect((replaced.result.LineItems as LineItemRow[]).map((l) => [l.productid, l.quantity])).toEqual([
				[service().id, '3.000'],
			]);
			expect(replaced.result.hdnSubTotal).toBe('300.00000000');

			// query rows are plain records: no LineItems.
			const rows = await ws<Row[]>('GET', { operation: 'query', sessionName, query: `select * from Quotes where id = '${id}';` });
			expect(rows.result).toHaveLength(1);
			expect(rows.result[0]).not.toHaveProperty('LineItems');
			expect(rows.result[0].hdnSubTotal).toBe('300.00000000');
			expect(crm.emulator.requests('update').map((r) => r.method)).toEqual(['POST', 'POST']);
		});

		it('serves seeded sales orders, purchase orders and invoices with their lines', async () => {
			const sessionName = await login();
			for (const module of ['SalesOrder', 'PurchaseOrder', 'Invoice']) {
				const [record] = crm.state.records[module];
				const reply = await ws('GET', { operation: 'retrieve', sessionName, id: record.values.id });
				const items = reply.result.LineItems as LineItemRow[];
				expect(items.length).toBeGreaterThan(0);
				expect(items.every((l) => /^(24|36)x\d+$/.test(l.productid))).toBe(true);
				expect(Number(reply.result.hdnGrandTotal)).toBeGreaterThan(0);
			}
			expect(crm.emulator.requests('retrieve')).toHaveLength(3);
		});
	});

	describe('documents', () => {
		const bytes = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 7) % 256));

		it('stores a multipart upload and gives the same bytes back from files_retrieve', async () => {
			const sessionName = await login();
			const created = await upload(
				sessionName,
				{ notes_title: 'Tilbud', filelocationtype: 'I', filestatus: '1', filename: 'tilbud.pdf', assigned_user_id: '19x1' },
				{ name: 'tilbud.pdf', type: 'application/pdf', data: bytes },
			);
			expect(created.result).toMatchObject({
				notes_title: 'Tilbud',
				filename: 'tilbud.pdf',
				filesize: '600',
				filetype: 'application/pdf',
				filelocationtype: 'I',
				folderid: '22x1',
				filestatus: '1',
			});
			const id = String(created.result.id);
			const [wire] = crm.emulator.requests('create');
			expect(wire.contentType).toMatch(/^multipart\/form-data; boundary=/);
			expect(wire.query).toEqual({ sessionName });

			const files = await ws<FileRow[]>('GET', { operation: 'files_retrieve', sessionName, id });
			expect(files.result).toHaveLength(1);
			const [file] = files.result;
			expect(file).toMatchObject({ filename: 'tilbud.pdf', filetype: 'application/pdf', filesize: 600 });
			expect(Buffer.from(file.filecontents, 'base64').equals(bytes)).toBe(true);
			// vtiger's own reading of the id: <prefix>x<attachment id>.
			const byAttachment = await ws<FileRow[]>('GET', {
				operation: 'files_retrieve',
				sessionName,
				id: `${id.split('x')[0]}x${file.fileid}`,
			});
			expect(byAttachment.result).toEqual(files.result);
			expect(crm.emulator.requests('files_retrieve').map((r) => [r.method, r.query.id])).toEqual([
				['GET', id],
				['GET', `${id.split('x')[0]}x${file.fileid}`],
			]);

			// An update cannot drop the file: name and location stay.
			const { result: current } = await ws('GET', { operation: 'retrieve', sessionName, id });
			const updated = await ws('POST', {
				operation: 'update',
				sessionName,
				element: JSON.stringify({ ...current, filename: '', filelocationtype: '', notecontent: 'Signed' }),
			});
			expect(updated.result).toMatchObject({ filename: 'tilbud.pdf', filelocationtype: 'I', notecontent: 'Signed' });
		});

		it('answers files_retrieve with [] for a document without a file and with vtiger errors for bad ids', async () => {
			const sessionName = await login();
			const note = await ws('POST', {
				operation: 'create',
				sessionName,
				elementType: 'Documents',
				element: JSON.stringify({ notes_title: 'Just a note', assigned_user_id: '19x1' }),
			});
			expect(note.result).toMatchObject({ filelocationtype: '', filename: '', folderid: '22x1' });
			const none = await ws('GET', { operation: 'files_retrieve', sessionName, id: String(note.result.id) });
			expect(none).toEqual({ success: true, result: [] });

			const external = crm.state.records.Documents.find((d) => d.values.filelocationtype === 'E')!;
			expect((await ws('GET', { operation: 'files_retrieve', sessionName, id: external.values.id })).result).toEqual([]);

			const seeded = crm.state.records.Documents.find((d) => d.values.filename === 'price-list-2024.csv')!;
			const [price] = (await ws<FileRow[]>('GET', { operation: 'files_retrieve', sessionName, id: seeded.values.id }))
				.result;
			expect(Buffer.from(price.filecontents, 'base64').equals(SEED_FILES.priceList)).toBe(true);

			expect((await ws('GET', { operation: 'files_retrieve', sessionName, id: '29x999999' })).error).toEqual({
				code: 'RECORD_NOT_FOUND',
				message: 'Record you are trying to access is not found',
			});
			expect((await ws('GET', { operation: 'files_retrieve', sessionName, id: `12x${seeded.crmid}` })).error?.code).toBe(
				'INVALID_ID_ATTRIBUTE',
			);
			await ws('POST', { operation: 'delete', sessionName, id: seeded.values.id });
			expect((await ws('GET', { operation: 'files_retrieve', sessionName, id: seeded.values.id })).error?.code).toBe(
				'RECORD_NOT_FOUND',
			);
			expect((await ws('GET', { operation: 'files_retrieve', id: seeded.values.id })).error?.code).toBe(
				'AUTHENTICATION_REQUIRED',
			);
			expect(crm.emulator.requests('files_retrieve')).toHaveLength(7);
		});

		it('refuses an internal document without its file part, a file under another part name, a missing title and an oversized file', async () => {
			const sessionName = await login();
			const before = crm.state.records.Documents.length;
			const attachments = crm.state.attachments.size;
			const element = { notes_title: 'Contract', filelocationtype: 'I', filename: 'contract.pdf', assigned_user_id: '19x1' };
			const small = { name: 'contract.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4') };

			const formOnly = await ws('POST', {
				operation: 'create',
				sessionName,
				elementType: 'Documents',
				element: JSON.stringify(element),
			});
			expect(formOnly.error).toEqual({ code: 'MANDATORY_FIELDS_MISSING', message: 'filename does not have a value' });
			expect((await upload(sessionName, element, { ...small, part: 'file' })).error?.code).toBe('MANDATORY_FIELDS_MISSING');
			expect((await upload(sessionName, { ...element, notes_title: '' }, small)).error).toEqual({
				code: 'MANDATORY_FIELDS_MISSING',
				message: 'notes_title does not have a value',
			});
			const tooBig = await upload(sessionName, element, {
				...small,
				data: Buffer.alloc(DEFAULT_MAX_UPLOAD_FILE_SIZE + 1, 0x41),
			});
			expect(tooBig.error?.code).toBe('UPLOAD_LIMIT_EXCEEDED');
			expect(tooBig.error?.message).toContain(String(DEFAULT_MAX_UPLOAD_FILE_SIZE));
			const exact = await upload(sessionName, element, { ...small, data: Buffer.alloc(DEFAULT_MAX_UPLOAD_FILE_SIZE, 0x42) });
			expect(exact.result.filesize).toBe(String(DEFAULT_MAX_UPLOAD_FILE_SIZE));

			expect(crm.state.records.Documents).toHaveLength(before + 1);
			expect(crm.state.attachments.size).toBe(attachments + 1);
			expect(crm.emulator.requests('create').map((r) => r.contentType.split(';')[0])).toEqual([
				'application/x-www-form-urlencoded',
				'multipart/form-data',
				'multipart/form-data',
				'multipart/form-data',
				'multipart/form-data',
			]);
		});
	});

	describe('incoming webhooks', () => {
		const post = (token: string, body: string, contentType: string, method = 'POST') =>
			fetch(crm.webhookUrl(token), { method, headers: { 'content-type': contentType }, body: method === 'GET' ? undefined : body });

		it('creates a lead from a form post without a session, with mapped parameters and fixed values', async () => {
			const response = await post(
				'leadform',
				new URLSearchParams({ lastname: 'Hansen', company: 'Hansen & Søn', email: 'k@hansen.dk', shoe_size: '44' }).toString(),
				'application/x-www-form-urlencoded',
			);
			expect(response.status).toBe(200);
			const reply = (await response.json()) as Reply<{ id: string }>;
			expect(reply).toEqual({ success: true, result: { id: expect.stringMatching(/^10x\d+$/) } });
			const lead = crm.state.records.Leads.find((r) => r.values.id === reply.result.id)!.values;
			expect(lead).toMatchObject({
				lastname: 'Hansen',
				company: 'Hansen & Søn',
				email: 'k@hansen.dk',
				leadsource: 'Web Site',
				assigned_user_id: '19x1',
				createdtime: formatDateTime(START),
			});
			expect(Object.values(lead)).not.toContain('44');
			const [wire] = crm.emulator.requests('webhook:incoming');
			expect(wire).toMatchObject({ method: 'POST', path: '/webhook/incoming/leadform', status: 200 });
			expect(wire.body).toMatchObject({ lastname: 'Hansen', company: 'Hansen & Søn' });
			expect(crm.state.sessions.size).toBe(0);
		});

		it('accepts JSON too, and answers missing, inactive, unknown and non-POST calls the agreed way', async () => {
			const json = await post('leadform', JSON.stringify({ lastname: 'Berg', company: 'Berg AS', phone: 4712345678 }), 'application/json');
			const created = (await json.json()) as Reply<{ id: string }>;
			expect(crm.state.records.Leads.find((r) => r.values.id === created.result.id)?.values.phone).toBe('4712345678');

			const missing = await post('leadform', JSON.stringify({ lastname: 'Berg', company: ' ' }), 'application/json');
			expect(missing.status).toBe(200);
			expect(await missing.json()).toEqual({
				success: false,
				error: { code: 'MANDATORY_FIELDS_MISSING', message: 'Mandatory parameters missing: company' },
			});
			const paused = await post('paused', 'lastname=A&email=a%40b.dk', 'application/x-www-form-urlencoded');
			expect(paused.status).toBe(403);
			expect(((await paused.json()) as Reply).error?.code).toBe('WEBHOOK_INACTIVE');
			const unknown = await post('nope', 'lastname=A', 'application/x-www-form-urlencoded');
			expect(unknown.status).toBe(404);
			expect(await unknown.json()).toEqual({
				success: false,
				error: { code: 'WEBHOOK_NOT_FOUND', message: 'No webhook exists for this URL' },
			});
			const get = await post('leadform', '', '', 'GET');
			expect(get.status).toBe(405);
			const broken = await post('leadform', '{"lastname":', 'application/json');
			expect(broken.status).toBe(400);

			expect(crm.emulator.requests('webhook:incoming').map((r) => [r.method, r.path, r.status])).toEqual([
				['POST', '/webhook/incoming/leadform', 200],
				['POST', '/webhook/incoming/leadform', 200],
				['POST', '/webhook/incoming/paused', 403],
				['POST', '/webhook/incoming/nope', 404],
				['GET', '/webhook/incoming/leadform', 405],
				['POST', '/webhook/incoming/leadform', 400],
			]);
		});

		it('serves a webhook a test adds, passes vendor create errors through, and forgets it on reset', async () => {
			crm.backend.addWebhook({
				token: 'ticket',
				name: 'Support form',
				module: 'HelpDesk',
				active: true,
				mandatory: ['title'],
				fields: { ticket_title: { param: 'title' }, ticketstatus: { param: 'status' }, assigned_user_id: { value: '20x3' } },
				ownerId: 1,
			});
			const ok = await post('ticket', 'title=Printer%20on%20fire&status=Open', 'application/x-www-form-urlencoded');
			const reply = (await ok.json()) as Reply<{ id: string }>;
			expect(reply.result.id).toMatch(/^27x\d+$/);
			expect(crm.state.records.HelpDesk.find((r) => r.values.id === reply.result.id)?.values).toMatchObject({
				ticket_title: 'Printer on fire',
				assigned_user_id: '20x3',
			});
			// ticketstatus is mandatory on HelpDesk: the vendor's own check answers.
			const refused = await post('ticket', 'title=No%20status', 'application/x-www-form-urlencoded');
			expect(refused.status).toBe(200);
			expect(((await refused.json()) as Reply).error).toEqual({
				code: 'MANDATORY_FIELDS_MISSING',
				message: 'ticketstatus does not have a value',
			});
			crm.emulator.reset();
			expect((await post('ticket', 'title=x', 'application/x-www-form-urlencoded')).status).toBe(404);
			expect(crm.emulator.requests('webhook:incoming')).toHaveLength(1);
		});
	});

	describe('test hooks', () => {
		it('touch and softDelete change records as another user would, and sync reports both', async () => {
			clockMs = START + 3_600_000;
			crm.backend.touch('12x141', { title: 'Head of IT' });
			crm.backend.softDelete('12x142');
			const sessionName = await login();
			const sync = await ws<SyncResult>('GET', {
				operation: 'sync',
				sessionName,
				modifiedTime: String(START / 1000),
				elementType: 'Contacts',
				syncType: 'application',
			});
			expect(sync.result.updated).toEqual([
				expect.objectContaining({ id: '12x141', title: 'Head of IT', modifiedby: '19x5', modifiedtime: '2024-06-03 10:00:00' }),
			]);
			expect(sync.result.deleted).toEqual(['12x142']);
			expect(sync.result.lastModifiedTime).toBe(START / 1000 + 3600);
			expect((await ws('GET', { operation: 'retrieve', sessionName, id: '12x142' })).error?.code).toBe('ACCESS_DENIED');
			expect(crm.emulator.requests('sync')[0].query.syncType).toBe('application');
		});
	});
});
