import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { binary } from '../../kit/node-runner';
import { simpleSimonFixture } from './fixture';

const ss = simpleSimonFixture();

const bytesOf = (data: IBinaryData | undefined) => Buffer.from(String(data?.data ?? ''), 'base64');
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const PHOTO = Buffer.concat([
	Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
	Buffer.from('site photo of the boiler'),
	ALL_BYTES,
]);
/** A tiny PDF for replies the tests make up themselves. */
const TINY_PDF = Buffer.from(
	'%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
	'latin1',
);

/** Direct calls to the emulator (not through the node) to make the parents the node's files hang on. */
async function api(method: string, path: string, body?: IDataObject): Promise<IDataObject> {
	const base = ss.vendor.emulator.url;
	const account = ss.vendor.state.account;
	const login = await fetch(`${base}${ss.vendor.state.loginPath}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({
			lickey: account.lickey,
			apiKey: account.apiKey,
			username: account.username,
			password: account.password,
		}),
	});
	const session = (await login.json()) as IDataObject;
	const token = String(session.access_token ?? session.token ?? session.accessToken);
	const response = await fetch(`${base}${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${token}`,
			'Content-Type': 'application/json',
			Accept: 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const reply = (await response.json()) as IDataObject;
	if (response.status >= 400)
		throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(reply)}`);
	return reply;
}

interface Parents {
	customer: IDataObject;
	location: IDataObject;
	workOrder: IDataObject;
	survey: IDataObject;
}

/** A customer → location → work order → survey chain, then a clean request log. */
async function makeParents(): Promise<Parents> {
	const customer = await api('POST', '/customers', {
		Name: 'Bakkerij De Gouden Krakeling',
	});
	const location = await api('POST', '/locations', {
		Name: 'Bakkerij, Hoofdstraat 1',
		CustomerId: customer.Id,
	});
	const workOrder = await api('POST', '/workorders', {
		Description: 'Boiler service',
		LocationId: location.Id,
		CustomerId: customer.Id,
	});
	const survey = await api('POST', '/workordersurveys', {
		WorkOrderId: workOrder.Id,
		Name: 'Gas safety checklist',
	});
	ss.vendor.emulator.clearLog();
	return { customer, location, workOrder, survey };
}

const upload = (extra: IDataObject = {}) => ({
	resource: 'attachment',
	operation: 'upload',
	attachTo: 'workOrder',
	binaryPropertyName: 'data',
	...extra,
});

/** The attachments the test made (the emulator seeds some of its own). */
let seeded = new Set<unknown>();
beforeEach(() => {
	seeded = new Set(Array.from(ss.vendor.state.tables.attachments.keys()));
});
const attachments = () =>
	(Array.from(ss.vendor.state.tables.attachments.values()) as IDataObject[]).filter(
		(a) => !seeded.has(a.Id),
	);

describe('Attachment → Upload', () => {
	it.each([
		['workOrder', 'parentWorkOrderId', 'WorkOrderId', 'workOrder'],
		['location', 'parentLocationId', 'LocationId', 'location'],
		['customer', 'parentCustomerId', 'CustomerId', 'customer'],
	] as const)(
		'uploads a photo to a %s as base64 JSON with the link field [wire:createAttachment]',
		async (attachTo, parameter, linkField, parentKey) => {
			const parents = await makeParents();
			const parentId = String(parents[parentKey].Id);
			const result = await ss.run(
				upload({
					attachTo,
					[parameter]: parentId,
					options: { description: 'Before the repair' },
				}),
				[{}],
				{},
				[{ data: binary(PHOTO, 'boiler.jpg', 'image/jpeg') }],
			);
			expect(result.error).toBeUndefined();

			const sent = ss.requests('attachments:create');
			expect(sent).toHaveLength(1);
			expect(sent[0].method).toBe('POST');
			expect(sent[0].path).toBe('/attachments');
			expect(sent[0].headers.authorization).toMatch(/^Bearer \S+/);
			expect(sent[0].contentType).toContain('application/json');
			expect(sent[0].body).toEqual({
				FileName: 'boiler.jpg',
				ContentType: 'image/jpeg',
				Description: 'Before the repair',
				Content: PHOTO.toString('base64'),
				[linkField]: parentId,
			});

			const stored = attachments();
			expect(stored).toHaveLength(1);
			expect(stored[0]).toMatchObject({
				FileName: 'boiler.jpg',
				ContentType: 'image/jpeg',
				[linkField]: parentId,
				Size: PHOTO.length,
			});
			expect(Buffer.from(String(stored[0].Content), 'base64').equals(PHOTO)).toBe(true);

			expect(result.items).toHaveLength(1);
			const out = result.items[0].json;
			expect(out).toMatchObject({
				Id: stored[0].Id,
				FileName: 'boiler.jpg',
				Size: PHOTO.length,
				[linkField]: parentId,
			});
			expect(out).not.toHaveProperty('Content');
			expect(JSON.stringify(out)).not.toContain(PHOTO.toString('base64').slice(0, 40));
			expect(result.items[0].pairedItem).toEqual({ item: 0 });
		},
	);

	it('round-trips all 256 byte values: upload then download is byte-identical [wire:createAttachment] [wire:getAttachment]', async () => {
		const { workOrder } = await makeParents();
		const up = await ss.run(
			upload({
				parentWorkOrderId: `{${String(workOrder.Id)}}`,
				options: { fileName: 'all-bytes.bin' },
			}),
			[{}],
			{},
			[
				{
					data: binary(ALL_BYTES, 'ignored-name.dat', 'application/octet-stream'),
				},
			],
		);
		expect(up.error).toBeUndefined();
		// braces around a copied GUID are dropped before sending
		expect(ss.requests('attachments:create')[0].body).toMatchObject({
			WorkOrderId: workOrder.Id,
			FileName: 'all-bytes.bin',
		});
		const id = String(up.items[0].json.Id);

		const down = await ss.run({
			resource: 'attachment',
			operation: 'download',
			attachmentId: id,
			binaryPropertyName: 'file',
		});
		expect(down.error).toBeUndefined();
		const got = ss.requests('attachments:get');
		expect(got).toHaveLength(1);
		expect(got[0].method).toBe('GET');
		expect(got[0].path).toBe(`/attachments/${id}`);
		const file = down.items[0].binary?.file;
		expect(file).toMatchObject({
			fileName: 'all-bytes.bin',
			mimeType: 'application/octet-stream',
		});
		expect(bytesOf(file).equals(ALL_BYTES)).toBe(true);
		expect(down.items[0].json).toMatchObject({
			Id: id,
			FileName: 'all-bytes.bin',
			Size: 256,
			WorkOrderId: workOrder.Id,
		});
		expect(down.items[0].json).not.toHaveProperty('Content');
	});

	it('refuses a missing binary field, naming "Input Binary Field" and the item, before any request', async () => {
		const { workOrder } = await makeParents();
		const result = await ss.run(
			upload({ parentWorkOrderId: workOrder.Id, binaryPropertyName: 'photo' }),
			[{}, {}],
			{},
			[
				{ photo: binary(PHOTO, 'a.jpg', 'image/jpeg') },
				{ data: binary(PHOTO, 'b.jpg', 'image/jpeg') },
			],
		);
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'The field "Input Binary Field" points to "photo", which is missing in item 1',
		);
		// item 0 went through, item 1 never reached the server
		expect(ss.requests('attachments:create')).toHaveLength(1);
		expect(attachments().map((a) => a.FileName)).toEqual(['a.jpg']);
	});

	it('refuses an empty file before any request', async () => {
		const { workOrder } = await makeParents();
		const result = await ss.run(upload({ parentWorkOrderId: workOrder.Id }), [{}], {}, [
			{ data: binary(Buffer.alloc(0), 'empty.txt', 'text/plain') },
		]);
		expect(result.error?.message).toBe(
			'The file in "Input Binary Field" ("data") is empty in item 0',
		);
		expect(ss.ops()).toEqual([]);
		expect(attachments()).toHaveLength(0);
	});

	it('refuses a malformed parent ID, naming the field and the item', async () => {
		const result = await ss.run(
			upload({ attachTo: 'location', parentLocationId: '../customers/1' }),
			[{}],
			{},
			[{ data: binary(PHOTO, 'a.jpg', 'image/jpeg') }],
		);
		expect(result.error?.message).toBe(
			'The field "Location ID" has an invalid value "../customers/1" in item 0',
		);
		const empty = await ss.run(upload({ attachTo: 'customer', parentCustomerId: '  ' }), [{}], {}, [
			{ data: binary(PHOTO, 'a.jpg', 'image/jpeg') },
		]);
		expect(empty.error?.message).toBe('The field "Customer ID" is empty in item 0');
		expect(ss.ops()).toEqual([]);
	});

	it('does not repeat an upload whose connection broke after the server stored it [wire:createAttachment]', async () => {
		const { workOrder } = await makeParents();
		ss.vendor.emulator.inject({
			when: { op: 'attachments:create' },
			phase: 'after',
			action: { type: 'reset' },
		});
		const result = await ss.run(upload({ parentWorkOrderId: workOrder.Id }), [{}], {}, [
			{ data: binary(PHOTO, 'boiler.jpg', 'image/jpeg') },
		]);
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(/may or may not have been made/);
		expect(ss.requests('attachments:create')).toHaveLength(1);
		// the server did store it: a repeat would have made a duplicate
		expect(attachments()).toHaveLength(1);
	});

	it('with Continue On Fail: a failing item becomes an error item paired with its input, the others go on', async () => {
		const { workOrder, location } = await makeParents();
		const result = await ss.run(
			upload({
				attachTo: '={{ $json.to }}',
				parentWorkOrderId: workOrder.Id,
				parentLocationId: '={{ $json.id }}',
			}),
			[
				{ to: 'workOrder' },
				{ to: 'location', id: '0f8fad5b-d9cb-469f-a165-70867728950e' },
				{ to: 'location', id: location.Id },
			],
			{ continueOnFail: true },
			[
				{ data: binary('one', 'one.txt', 'text/plain') },
				{ data: binary('two', 'two.txt', 'text/plain') },
				{ data: binary('three', 'three.txt', 'text/plain') },
			],
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json).toMatchObject({
			FileName: 'one.txt',
			WorkOrderId: workOrder.Id,
		});
		// an unknown parent is the vendor's 400, in its own words
		expect(result.items[1].json.error).toEqual(expect.any(String));
		expect(result.items[1].json.httpCode).toBe('400');
		expect(result.items[2].json).toMatchObject({
			FileName: 'three.txt',
			LocationId: location.Id,
			ContentType: 'text/plain',
		});
		expect(ss.requests('attachments:create').map((r) => (r.body as IDataObject).FileName)).toEqual([
			'one.txt',
			'two.txt',
			'three.txt',
		]);
		expect(attachments().map((a) => a.FileName)).toEqual(['one.txt', 'three.txt']);
	});

	it('sends the file under another Content Field when the tenant names it differently; the vendor rejects unknown ones', async () => {
		const { workOrder } = await makeParents();
		const result = await ss.run(
			upload({
				parentWorkOrderId: workOrder.Id,
				options: { contentField: 'FileData' },
			}),
			[{}],
			{},
			[{ data: binary(PHOTO, 'boiler.jpg', 'image/jpeg') }],
		);
		const body = ss.requests('attachments:create')[0].body as IDataObject;
		expect(body.FileData).toBe(PHOTO.toString('base64'));
		expect(body).not.toHaveProperty('Content');
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect((result.error as { httpCode?: string }).httpCode).toBe('400');
		for (const secret of ss.secrets()) expect(JSON.stringify(result.error)).not.toContain(secret);
		const bad = await ss.run(
			upload({
				parentWorkOrderId: workOrder.Id,
				options: { linkField: 'Work Order' },
			}),
			[{}],
			{},
			[{ data: binary(PHOTO, 'boiler.jpg', 'image/jpeg') }],
		);
		expect(bad.error?.message).toBe(
			'The field "Link Field" has an invalid property name "Work Order" in item 0',
		);
	});
});

describe('Attachment → Download', () => {
	it('decodes the content of an attachment into the chosen binary field [wire:getAttachment]', async () => {
		const { location } = await makeParents();
		const created = await api('POST', '/attachments', {
			FileName: 'meter.png',
			ContentType: 'image/png',
			Content: PHOTO.toString('base64'),
			LocationId: location.Id,
		});
		ss.vendor.emulator.clearLog();
		const result = await ss.run({
			resource: 'attachment',
			operation: 'download',
			attachmentId: created.Id,
			binaryPropertyName: 'data',
		});
		expect(result.error).toBeUndefined();
		expect(ss.ops()).toEqual(['login', 'attachments:get']);
		expect(ss.requests('attachments:get')[0].path).toBe(`/attachments/${String(created.Id)}`);
		expect(result.items[0].binary?.data).toMatchObject({
			fileName: 'meter.png',
			mimeType: 'image/png',
		});
		expect(bytesOf(result.items[0].binary?.data).equals(PHOTO)).toBe(true);
		expect(result.items[0].json).toMatchObject({
			Id: created.Id,
			FileName: 'meter.png',
			LocationId: location.Id,
		});
		expect(result.items[0].json).not.toHaveProperty('Content');
	});

	it('reads the content from another usual property name when "Content" is absent', async () => {
		const id = '6f1c0b7e-2a43-4c53-9e0e-3b8a0e1f2d44';
		ss.vendor.emulator.inject({
			when: { op: 'attachments:get' },
			action: {
				type: 'status',
				status: 200,
				body: {
					Id: id,
					FileName: 'note.txt',
					ContentType: 'text/plain',
					FileContent: Buffer.from('hello').toString('base64'),
				},
			},
		});
		const result = await ss.run({
			resource: 'attachment',
			operation: 'download',
			attachmentId: id,
			binaryPropertyName: 'data',
		});
		expect(result.error).toBeUndefined();
		expect(bytesOf(result.items[0].binary?.data).toString()).toBe('hello');
		expect(result.items[0].json).toEqual({
			Id: id,
			FileName: 'note.txt',
			ContentType: 'text/plain',
		});
	});

	it.each([
		[
			'no content',
			{ Id: 'a1', FileName: 'x.txt' },
			'Simple-Simon sent attachment a1 without its file content',
		],
		[
			'bad base64',
			{ Id: 'a1', FileName: 'x.txt', Content: 'not base64 at all!' },
			'The content of attachment a1 is not valid base64',
		],
	])('fails clearly on a reply with %s', async (_what, body, message) => {
		ss.vendor.emulator.inject({
			when: { op: 'attachments:get' },
			action: { type: 'status', status: 200, body },
		});
		const result = await ss.run({
			resource: 'attachment',
			operation: 'download',
			attachmentId: 'a1',
			binaryPropertyName: 'data',
		});
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(message);
		expect((result.error?.context as IDataObject | undefined)?.itemIndex).toBe(0);
	});

	it('passes an unknown attachment on as the vendor 404 and refuses a bad ID before sending', async () => {
		const missing = await ss.run({
			resource: 'attachment',
			operation: 'download',
			attachmentId: '0f8fad5b-d9cb-469f-a165-70867728950e',
			binaryPropertyName: 'data',
		});
		expect(missing.error?.constructor.name).toBe('NodeApiError');
		expect((missing.error as { httpCode?: string }).httpCode).toBe('404');
		ss.vendor.emulator.clearLog();
		const bad = await ss.run({
			resource: 'attachment',
			operation: 'download',
			attachmentId: 'a b',
			binaryPropertyName: 'data',
		});
		expect(bad.error?.message).toBe(
			'The field "Attachment ID" has an invalid value "a b" in item 0',
		);
		expect(ss.ops()).toEqual([]);
	});
});

describe('Download PDF', () => {
	it('downloads the PDF of a work order, named from Content-Disposition [wire:downloadWorkOrderPdf]', async () => {
		const { workOrder } = await makeParents();
		const result = await ss.run({
			resource: 'workOrder',
			operation: 'downloadPdf',
			workOrderId: workOrder.Id,
			binaryPropertyName: 'pdf',
		});
		expect(result.error).toBeUndefined();
		const sent = ss.requests('workorders:pdf');
		expect(sent).toHaveLength(1);
		expect(sent[0].method).toBe('GET');
		expect(sent[0].path).toBe(`/workorders/${String(workOrder.Id)}/pdf`);
		expect(sent[0].headers.authorization).toMatch(/^Bearer /);
		const file = result.items[0].binary?.pdf;
		expect(file).toMatchObject({
			fileName: `${String(workOrder.Number)}.pdf`,
			mimeType: 'application/pdf',
		});
		const bytes = bytesOf(file);
		expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
		expect(bytes.toString('latin1')).toContain(String(workOrder.Number));
		expect(result.items[0].json).toEqual({
			id: workOrder.Id,
			fileName: `${String(workOrder.Number)}.pdf`,
			mimeType: 'application/pdf',
			fileSize: bytes.length,
		});
	});

	it('downloads the PDF of a work order survey [wire:downloadWorkOrderSurveyPdf]', async () => {
		const { survey } = await makeParents();
		const result = await ss.run({
			resource: 'workOrderSurvey',
			operation: 'downloadPdf',
			workOrderSurveyId: survey.Id,
			binaryPropertyName: 'data',
		});
		expect(result.error).toBeUndefined();
		const sent = ss.requests('workordersurveys:pdf');
		expect(sent).toHaveLength(1);
		expect(sent[0].path).toBe(`/workordersurveys/${String(survey.Id)}/pdf`);
		const file = result.items[0].binary?.data;
		expect(file?.mimeType).toBe('application/pdf');
		expect(file?.fileName).toMatch(/\.pdf$/);
		expect(bytesOf(file).subarray(0, 4).toString('latin1')).toBe('%PDF');
		expect(bytesOf(file).toString('latin1')).toContain('Gas safety checklist');
	});

	it('follows a user-set PDF Path and names the file after the ID when the server gives no name [wire:downloadWorkOrderPdf]', async () => {
		const id = '6f1c0b7e-2a43-4c53-9e0e-3b8a0e1f2d44';
		ss.vendor.emulator.inject({
			when: { pathPrefix: '/WorkOrders/' },
			action: {
				type: 'status',
				status: 200,
				raw: TINY_PDF.toString('latin1'), // ASCII only, so it survives the text path
				headers: { 'content-type': 'application/pdf' },
			},
		});
		const result = await ss.run({
			resource: 'workOrder',
			operation: 'downloadPdf',
			workOrderId: id,
			binaryPropertyName: 'data',
			options: {
				pdfPath: '{entityPath}/{id}/presentation?format=pdf',
				entityPath: '/WorkOrders',
			},
		});
		expect(result.error).toBeUndefined();
		const sent = ss.vendor.emulator.log.filter((r) => r.path.startsWith('/WorkOrders/'));
		expect(sent).toHaveLength(1);
		expect(sent[0].path).toBe(`/WorkOrders/${id}/presentation`);
		expect(sent[0].query).toEqual({ format: 'pdf' });
		expect(result.items[0].binary?.data.fileName).toBe(`${id}.pdf`);
		expect(bytesOf(result.items[0].binary?.data).equals(TINY_PDF)).toBe(true);
	});

	it('decodes a PDF sent as base64 inside JSON [wire:downloadWorkOrderSurveyPdf]', async () => {
		ss.vendor.emulator.inject({
			when: { op: 'workordersurveys:pdf' },
			action: {
				type: 'status',
				status: 200,
				body: {
					FileName: 'Survey 12.pdf',
					Content: TINY_PDF.toString('base64'),
				},
			},
		});
		const result = await ss.run({
			resource: 'workOrderSurvey',
			operation: 'downloadPdf',
			workOrderSurveyId: '12',
			binaryPropertyName: 'data',
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].binary?.data).toMatchObject({
			fileName: 'Survey 12.pdf',
			mimeType: 'application/pdf',
		});
		expect(bytesOf(result.items[0].binary?.data).equals(TINY_PDF)).toBe(true);
	});

	it('refuses a reply that is not a PDF, and an unknown work order is the vendor 404 [wire:downloadWorkOrderPdf]', async () => {
		ss.vendor.emulator.inject({
			when: { op: 'workorders:pdf' },
			action: {
				type: 'status',
				status: 200,
				raw: '<html><body>Login</body></html>',
				headers: { 'content-type': 'text/html' },
			},
		});
		const html = await ss.run({
			resource: 'workOrder',
			operation: 'downloadPdf',
			workOrderId: '42',
			binaryPropertyName: 'data',
		});
		expect(html.error?.constructor.name).toBe('NodeApiError');
		expect(html.error?.message).toBe('Simple-Simon did not send a PDF for work order 42');
		expect(html.error?.description).toContain('text/html');

		const missing = await ss.run({
			resource: 'workOrder',
			operation: 'downloadPdf',
			workOrderId: '0f8fad5b-d9cb-469f-a165-70867728950e',
			binaryPropertyName: 'data',
		});
		expect(missing.error?.constructor.name).toBe('NodeApiError');
		expect((missing.error as { httpCode?: string }).httpCode).toBe('404');
	});

	it.each([
		['/workorders/pdf', 'It must contain {id}'],
		['https://evil.example/{id}.pdf', 'without a host'],
		['{entityPath}/../{id}', 'without a host'],
	])('refuses the PDF Path %s before any request', async (pdfPath, why) => {
		const result = await ss.run({
			resource: 'workOrder',
			operation: 'downloadPdf',
			workOrderId: '42',
			binaryPropertyName: 'data',
			options: { pdfPath },
		});
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			`The field "PDF Path" has an invalid value "${pdfPath}" in item 0`,
		);
		expect(result.error?.description).toContain(why);
		expect(ss.ops()).toEqual([]);
	});
});
