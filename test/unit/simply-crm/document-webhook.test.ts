import { NodeApiError, NodeOperationError, type IBinaryData } from 'n8n-workflow';

import { createSimplyCrmEmulator, type SimplyCrmEmulator } from '../../../emulators/simply-crm';
import { parseMultipart, type RecordedRequest } from '../../../emulators/shared/emulator';
import { SimplyCrmApi } from '../../../credentials/SimplyCrmApi.credentials';
import { SimplyCrm } from '../../../nodes/SimplyCrm/SimplyCrm.node';
import { binary, CredentialStore, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

let vendor: SimplyCrmEmulator;
let store: CredentialStore;
let credential: StoredCredential;

const setup = (parameters: NodeSetup['parameters'], continueOnFail = false): NodeSetup => ({
	node: new SimplyCrm(),
	credentialTypes: [new SimplyCrmApi()],
	store,
	credential,
	parameters,
	continueOnFail,
});

const ops = () => vendor.emulator.log.map((r) => r.op ?? `${r.method} ${r.path}`);

/** The multipart parts of a logged request (its raw body is kept as UTF-8 text, so only for UTF-8 content). */
function partsOf(request: RecordedRequest) {
	const parts = parseMultipart(Buffer.from(request.rawBody, 'utf8'), request.contentType) ?? [];
	return Object.fromEntries(parts.map((part) => [part.name, part]));
}

const bytesOf = (data: IBinaryData | undefined) => Buffer.from(String(data?.data ?? ''), 'base64');

const upload = (parameters: NodeSetup['parameters'] = {}) => ({ resource: 'document', operation: 'upload', ...parameters });
const download = (documentId: string, parameters: NodeSetup['parameters'] = {}) => ({
	resource: 'document',
	operation: 'download',
	documentId,
	...parameters,
});

const webhook = (token: string, parameters: NodeSetup['parameters'] = {}) => ({
	resource: 'incomingWebhook',
	operation: 'send',
	webhookUrl: vendor.webhookUrl(token),
	...parameters,
});
const webhookRequests = () => vendor.emulator.log.filter((r) => r.path.startsWith('/webhook/'));
const leads = () => vendor.state.records.Leads.filter((r) => !r.deleted);

beforeAll(async () => {
	vendor = createSimplyCrmEmulator({ seedCount: 5 });
	await vendor.emulator.start();
});

afterAll(async () => await vendor.emulator.stop());

beforeEach(() => {
	vendor.emulator.reset();
	store = new CredentialStore();
	credential = store.add('simplyCrmApi', { ...vendor.credentialData(), sessionName: '', sessionBinding: '', userId: '' });
});

describe('Simply CRM Document: Upload', () => {
	it('sends one multipart create with the element JSON and the file bytes, session in the query string', async () => {
		const content = Buffer.from('Hello, Østergård!\nLine two\r\n--not-a-boundary\r\n', 'utf8');
		const result = await runNode(
			setup(upload({ additionalFields: { folderId: '22x1', notecontent: 'Signed copy' } })),
			[{}],
			[{ data: binary(content, 'hello.txt', 'text/plain') }],
		);
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['getchallenge', 'login', 'listtypes', 'create']);

		const create = vendor.emulator.requests('create')[0];
		expect(create.method).toBe('POST');
		expect(create.contentType).toMatch(/^multipart\/form-data; boundary=\S+$/);
		expect(create.query).toEqual({ sessionName: credential.data.sessionName });
		const parts = partsOf(create);
		expect(Object.keys(parts).sort()).toEqual(['element', 'elementType', 'filename', 'operation']);
		expect(parts.operation.data.toString()).toBe('create');
		expect(parts.elementType.data.toString()).toBe('Documents');
		expect(JSON.parse(parts.element.data.toString())).toEqual({
			notes_title: 'hello.txt',
			filelocationtype: 'I',
			filestatus: '1',
			filename: 'hello.txt',
			folderid: '22x1',
			notecontent: 'Signed copy',
			assigned_user_id: credential.data.userId,
		});
		expect(parts.filename.filename).toBe('hello.txt');
		expect(parts.filename.contentType).toBe('text/plain');
		expect(parts.filename.data.equals(content)).toBe(true);

		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ notes_title: 'hello.txt', filename: 'hello.txt', filelocationtype: 'I' });
		expect(String(result.items[0].json.id)).toMatch(/^\d+x\d+$/);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('round-trips every byte value and a UTF-8 file name through upload and download', async () => {
		const content = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
		const fileName = 'Tilbud – Østergård.pdf';
		const uploaded = await runNode(
			setup(upload({ title: 'Tilbud 2024', additionalFields: { assignedUserId: '19x1' } })),
			[{}],
			[{ data: binary(content, fileName, 'application/pdf') }],
		);
		expect(uploaded.error).toBeUndefined();
		const element = JSON.parse(partsOf(vendor.emulator.requests('create')[0]).element.data.toString());
		expect(element).toMatchObject({ notes_title: 'Tilbud 2024', filename: fileName, assigned_user_id: '19x1' });
		const id = String(uploaded.items[0].json.id);

		vendor.emulator.clearLog();
		const downloaded = await runNode(setup(download(id, { binaryPropertyName: 'file' })));
		expect(downloaded.error).toBeUndefined();
		expect(ops()).toEqual(['files_retrieve']);
		const request = vendor.emulator.requests('files_retrieve')[0];
		expect(request.method).toBe('GET');
		expect(request.query).toEqual({ operation: 'files_retrieve', id, sessionName: credential.data.sessionName });

		const item = downloaded.items[0];
		expect(item.binary?.file?.fileName).toBe(fileName);
		expect(item.binary?.file?.mimeType).toBe('application/pdf');
		expect(bytesOf(item.binary?.file).equals(content)).toBe(true);
		expect(item.json).toMatchObject({ id, filename: fileName, filetype: 'application/pdf' });
		expect(Number(item.json.filesize)).toBe(content.length);
		expect(item.json).not.toHaveProperty('filecontents');
	});

	it('keeps the base64 contents in the JSON only when asked', async () => {
		const content = Buffer.from([0, 255, 1, 254]);
		const uploaded = await runNode(setup(upload()), [{}], [{ data: binary(content, 'x.bin') }]);
		const id = String(uploaded.items[0].json.id);
		const downloaded = await runNode(setup(download(id, { options: { omitContents: false } })));
		expect(downloaded.error).toBeUndefined();
		expect(downloaded.items[0].json.filecontents).toBe(content.toString('base64'));
		expect(bytesOf(downloaded.items[0].binary?.data).equals(content)).toBe(true);
		expect(vendor.emulator.requests('files_retrieve')).toHaveLength(1);
	});

	it('sends the same multipart body again after renewing an expired session, creating one document', async () => {
		const content = Buffer.from('renewed', 'utf8');
		await runNode(setup(upload()), [{}], [{ data: binary('first', 'first.txt') }]);
		vendor.emulator.expireSessions();
		vendor.emulator.clearLog();
		const documents = vendor.state.records.Documents.length;
		const result = await runNode(setup(upload()), [{}], [{ data: binary(content, 'r.txt', 'text/plain') }]);
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['create', 'getchallenge', 'login', 'create']);
		const [refused, sent] = vendor.emulator.requests('create');
		expect(refused.query.sessionName).not.toBe(sent.query.sessionName);
		expect(partsOf(sent).filename.data.equals(content)).toBe(true);
		expect(partsOf(sent).element.data.toString()).toBe(partsOf(refused).element.data.toString());
		expect(vendor.state.records.Documents).toHaveLength(documents + 1);
	});

	it('does not repeat an upload the server failed on (HTTP 503), since it may have been stored', async () => {
		await runNode(setup(upload()), [{}], [{ data: binary('first', 'first.txt') }]);
		vendor.emulator.clearLog();
		vendor.emulator.inject({ when: { op: 'create' }, action: { type: 'status', status: 503, raw: 'Service Unavailable' } });
		const result = await runNode(setup(upload()), [{}], [{ data: binary('x', 'x.txt') }]);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.description).toMatch(/may or may not have been made/);
		expect(ops()).toEqual(['create']);
	});

	it('names the field and the item when the input binary property is missing, before any request', async () => {
		const result = await runNode(setup(upload({ binaryPropertyName: 'attachment' })), [{}], [{ data: binary('x', 'a.txt') }]);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('The field "Input Binary Field" points to "attachment", which is missing in item 0');
		expect(vendor.emulator.log).toHaveLength(0);
	});

	it('goes on after an item without a file when Continue On Fail is on, pairing every output', async () => {
		const result = await runNode(setup(upload(), true), [{}, {}], [{ data: binary('first', 'one.txt', 'text/plain') }, undefined]);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json).toMatchObject({ filename: 'one.txt' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1].json.error).toBe('The field "Input Binary Field" points to "data", which is missing in item 1');
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(vendor.emulator.requests('create')).toHaveLength(1);
	});
});

describe('Simply CRM Document: Download', () => {
	it('reports a document that has no file', async () => {
		// A note-only document, made in the CRM directly.
		const id = vendor.backend.create('Documents', { notes_title: 'Just a note', assigned_user_id: '19x1' }, 1).id;
		const result = await runNode(setup(download(id)));
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(`The document "${id}" has no file to download (item 0)`);
		expect(ops()).toEqual(['getchallenge', 'login', 'files_retrieve']);
		expect(vendor.emulator.requests('files_retrieve')[0].query.id).toBe(id);
	});

	it('rejects a malformed document id before any request', async () => {
		const result = await runNode(setup(download('42')));
		expect(result.error?.message).toBe('The field "Document ID" has an invalid value "42" in item 0');
		expect(vendor.emulator.log).toHaveLength(0);
	});
});

describe('Simply CRM Incoming Webhook: Send', () => {
	it('posts form-encoded fields without any session and outputs the new record id [wire:webhook:incomingWebhookCreateRecord]', async () => {
		const before = leads().length;
		const result = await runNode(
			setup(webhook('leadform', { send: 'fields', fields: { field: [{ name: 'lastname', value: 'Hansen' }, { name: 'company', value: 'Hansen & Søn' }] } })),
		);
		expect(result.error).toBeUndefined();
		expect(vendor.emulator.log).toHaveLength(1);
		const [request] = webhookRequests();
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/webhook/incoming/leadform');
		expect(request.contentType).toBe('application/x-www-form-urlencoded');
		expect(request.body).toEqual({ lastname: 'Hansen', company: 'Hansen & Søn' });
		expect(request.query).toEqual({});
		expect(request.rawBody).not.toMatch(/sessionName/);
		expect(credential.updates).toBe(0);

		const id = String(result.items[0].json.id);
		expect(id).toMatch(/^10x\d+$/);
		expect(leads()).toHaveLength(before + 1);
		expect(leads().find((r) => r.values.id === id)?.values).toMatchObject({ lastname: 'Hansen', company: 'Hansen & Søn' });
	});

	it('posts all input fields as JSON when asked', async () => {
		const input = { lastname: 'Berg', company: 'Berg AS', email: 'ole@berg.no', annualrevenue: 1200 };
		const result = await runNode(setup(webhook('leadform', { send: 'allInputFields', contentType: 'json' })), [input]);
		expect(result.error).toBeUndefined();
		const [request] = webhookRequests();
		expect(request.contentType).toMatch(/^application\/json/);
		expect(JSON.parse(request.rawBody)).toEqual(input);
		expect(request.query).toEqual({});
		expect(leads().find((r) => r.values.id === result.items[0].json.id)?.values).toMatchObject({ lastname: 'Berg', company: 'Berg AS' });
	});

	it('sends a JSON parameter form-encoded, nested values as JSON text', async () => {
		const result = await runNode(
			setup(webhook('leadform', { send: 'json', json: '{"lastname":"Dahl","company":"Dahl","description":{"note":"x"},"leadsource":null}' })),
		);
		expect(result.error).toBeUndefined();
		expect(webhookRequests()[0].body).toEqual({ lastname: 'Dahl', company: 'Dahl', description: '{"note":"x"}', leadsource: '' });
	});

	it('turns a missing mandatory parameter into an API error with the vendor message', async () => {
		const before = leads().length;
		const result = await runNode(setup(webhook('leadform', { send: 'fields', fields: { field: [{ name: 'lastname', value: 'Only' }] } })));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toMatch(/MANDATORY_FIELDS_MISSING/);
		expect(result.error?.message).toMatch(/company/);
		expect(result.error?.httpCode).toBe('200');
		expect(webhookRequests()).toHaveLength(1);
		expect(leads()).toHaveLength(before);
	});

	it('reports an inactive webhook (HTTP 403) with the vendor message and does not repeat it', async () => {
		const result = await runNode(setup(webhook('paused', { send: 'fields', fields: { field: [{ name: 'lastname', value: 'A' }, { name: 'company', value: 'B' }] } })));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toMatch(/WEBHOOK_INACTIVE/);
		expect(result.error?.httpCode).toBe('403');
		expect(webhookRequests()).toHaveLength(1);
		expect(webhookRequests()[0].status).toBe(403);
	});

	it('rejects a URL that is not http(s) before any request', async () => {
		const result = await runNode(setup({ resource: 'incomingWebhook', operation: 'send', webhookUrl: 'ftp://example.com/hook' }));
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('The field "Webhook URL" is not an http(s) URL in item 0');
		expect(vendor.emulator.log).toHaveLength(0);
	});

	it('never repeats a send whose connection broke after it arrived, and says the record may exist', async () => {
		vendor.emulator.inject({ when: { pathPrefix: '/webhook/' }, phase: 'after', action: { type: 'reset' } });
		const before = leads().length;
		const result = await runNode(setup(webhook('leadform', { send: 'allInputFields' })), [{ lastname: 'Lie', company: 'Lie' }]);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe('The connection broke after the request was sent: the record may or may not have been created');
		expect(result.error?.description).toMatch(/^ECONNRESET\. The request is not repeated automatically/);
		expect(result.error?.message).not.toContain('leadform');
		expect(webhookRequests()).toHaveLength(1);
		expect(leads()).toHaveLength(before + 1);
	});

	it('continues after a failed item with Continue On Fail, each output paired with its input', async () => {
		const result = await runNode(setup(webhook('leadform', { send: 'allInputFields' }), true), [
			{ lastname: 'One', company: 'C1' },
			{ lastname: 'Two' },
			{ lastname: 'Three', company: 'C3' },
		]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(String(result.items[0].json.id)).toMatch(/^10x\d+$/);
		expect(String(result.items[1].json.error)).toMatch(/MANDATORY_FIELDS_MISSING/);
		expect(String(result.items[2].json.id)).toMatch(/^10x\d+$/);
		expect(webhookRequests().map((r) => r.body)).toEqual([
			{ lastname: 'One', company: 'C1' },
			{ lastname: 'Two' },
			{ lastname: 'Three', company: 'C3' },
		]);
	});
});
