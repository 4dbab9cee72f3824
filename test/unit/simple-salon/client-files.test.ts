import type { IBinaryData, IBinaryKeyData, IDataObject } from 'n8n-workflow';

import { SAMPLE_JPEG, SAMPLE_PNG, clientAreaData } from '../../../emulators/simple-salon/areas/client';
import { issueOnlineBookingClientToken } from '../../../emulators/simple-salon/areas/onlineBookingClientTokens';
import { binary } from '../../kit/node-runner';
import { useClientKit } from './client.kit';

const kit = useClientKit({ seedCount: 20 });

const bytesOf = (data: IBinaryData | undefined) => Buffer.from(String(data?.data ?? ''), 'base64');
/** Every byte value, so a text re-encoding anywhere on the way would show. */
const ALL_BYTES = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256));
/** A PNG signature followed by padding: an "image" of any size. */
const pngOfSize = (size: number) => Buffer.concat([SAMPLE_PNG.subarray(0, 16), Buffer.alloc(size - 16, 7)]);
const storage = () => clientAreaData(kit.salon.state);
/** PUTs to the storage host (a fault injected before the handler leaves them without an operation label). */
const putRequests = () => kit.salon.emulator.log.filter((r) => r.method === 'PUT' && r.path.startsWith('/storage/simplesalon-uploadfiles/'));

describe('Simple Salon client image', () => {
	it('gets a client photo into a binary field, typed from its bytes [wire:client/image/get]', async () => {
		const result = await kit.run({ resource: 'clientImage', operation: 'get', clientId: '1111', binaryPropertyName: 'photo', options: { width: 120, height: 80 } });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client/image/get')).toEqual([{ client_id: 1111, width: 120, height: 80 }]);
		expect(result.items[0].json).toEqual({ client_id: 1111, has_image: true, image_media_type: 'image/jpeg', file_size: SAMPLE_JPEG.length });
		const photo = result.items[0].binary?.photo;
		expect(photo).toMatchObject({ mimeType: 'image/jpeg', fileName: 'client-1111.jpg' });
		expect(bytesOf(photo).equals(SAMPLE_JPEG)).toBe(true);
	});

	it('answers has_image false and no binary for a client without a photo [wire:client/image/get]', async () => {
		const result = await kit.run({ resource: 'clientImage', operation: 'get', clientId: '1112', binaryPropertyName: 'data' });
		expect(kit.bodies('client/image/get')).toEqual([{ client_id: 1112 }]);
		expect(result.items).toEqual([{ json: { client_id: 1112, has_image: false }, pairedItem: { item: 0 } }]);
	});

	it('round-trips PNG and JPEG photos byte for byte, the media type taken from the bytes [wire:client/image/update]', async () => {
		for (const [bytes, declared, detected] of [
			[SAMPLE_PNG, 'image/png', 'image/png'],
			// a JPEG that came in named and typed as something else is still sent as a JPEG
			[SAMPLE_JPEG, 'application/octet-stream', 'image/jpeg'],
		] as const) {
			kit.salon.emulator.clearLog();
			const update = await kit.run({ resource: 'clientImage', operation: 'update', clientId: '1113', binaryPropertyName: 'data' }, [{}], {
				binaries: [{ data: binary(bytes, 'photo.bin', declared) }],
			});
			expect(update.error).toBeUndefined();
			expect(kit.bodies('client/image/update')).toEqual([{ client_id: 1113, image: bytes.toString('base64'), image_media_type: detected }]);
			expect(update.items[0].json).toEqual({ success: true, client_id: 1113, image_media_type: detected, file_size: bytes.length });
			expect(storage().images.get(1113)?.data.equals(bytes)).toBe(true);

			const get = await kit.run({ resource: 'clientImage', operation: 'get', clientId: '1113', binaryPropertyName: 'data' });
			expect(get.items[0].binary?.data.mimeType).toBe(detected);
			expect(bytesOf(get.items[0].binary?.data).equals(bytes)).toBe(true);
		}
	});

	it('refuses an image over the 4 MB request limit before any request, and sends one just under it [wire:client/image/update]', async () => {
		const tooBig = await kit.run({ resource: 'clientImage', operation: 'update', clientId: '1113', binaryPropertyName: 'data' }, [{}], {
			binaries: [{ data: binary(pngOfSize(3_000_000), 'big.png', 'image/png') }],
		});
		expect(tooBig.error?.constructor.name).toBe('NodeOperationError');
		expect(tooBig.error?.message).toBe('The image in "Input Binary Field" ("data") of item 0 is too large: 3.00 MB');
		expect(tooBig.error?.description).toMatch(/under 4 MB .* would be 4\.00 MB/);
		expect(tooBig.error?.context?.itemIndex).toBe(0);
		expect(kit.salon.emulator.log).toHaveLength(0);

		const fits = pngOfSize(2_900_000);
		const ok = await kit.run({ resource: 'clientImage', operation: 'update', clientId: '1113', binaryPropertyName: 'data' }, [{}], {
			binaries: [{ data: binary(fits, 'fits.png', 'image/png') }],
		});
		expect(ok.error).toBeUndefined();
		const sent = kit.salon.emulator.requests('client/image/update');
		expect(sent).toHaveLength(1);
		expect((sent[0].body as IDataObject).image_media_type).toBe('image/png');
		expect(storage().images.get(1113)?.data.equals(fits)).toBe(true);
	});

	it('names the field and the item when the binary property is missing or not an image', async () => {
		const missing = await kit.run({ resource: 'clientImage', operation: 'update', clientId: '1113', binaryPropertyName: 'photo' }, [{}, {}], {
			binaries: [{ photo: binary(SAMPLE_PNG, 'a.png', 'image/png') }, { data: binary(SAMPLE_PNG, 'b.png', 'image/png') }],
		});
		expect(missing.error?.constructor.name).toBe('NodeOperationError');
		expect(missing.error?.message).toBe('The field "Input Binary Field" points to "photo", which is missing in item 1');
		expect(missing.error?.context?.itemIndex).toBe(1);
		expect(kit.bodies('client/image/update')).toHaveLength(1);

		kit.salon.emulator.clearLog();
		const text = await kit.run({ resource: 'clientImage', operation: 'update', clientId: '1113', binaryPropertyName: 'data' }, [{}], {
			binaries: [{ data: binary('just some words', 'notes.txt', 'text/plain') }],
		});
		expect(text.error?.message).toBe('The file in "Input Binary Field" ("data") of item 0 is not an image');
		expect(kit.salon.emulator.log).toHaveLength(0);
	});

	it('the emulator refuses a request over 4 MB (HTTP 413) and of a wrong media type', async () => {
		await kit.run({ resource: 'clientImage', operation: 'delete', clientId: '1113' });
		const session = kit.salon.emulator.log.find((r) => r.op === 'client/image/delete')!;
		const send = async (body: unknown) =>
			await fetch(`${kit.salon.emulator.url}${session.path.replace('delete', 'update')}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: session.headers.authorization },
				body: JSON.stringify(body),
			});
		const big = await send({ client_id: 1113, image: pngOfSize(3_000_000).toString('base64'), image_media_type: 'image/png' });
		expect(big.status).toBe(413);
		expect(await big.json()).toMatchObject({ success: false, error: { code: 'REQUESTTOOLARGE' } });
		const wrongType = await send({ client_id: 1113, image: SAMPLE_PNG.toString('base64'), image_media_type: 'image/jpeg' });
		expect(await wrongType.json()).toMatchObject({ success: false, error: { code: 'INVALIDPARAMETER', details: ['image'] } });
	});

	it('deletes a client photo [wire:client/image/delete]', async () => {
		const result = await kit.run({ resource: 'clientImage', operation: 'delete', clientId: '1111' });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client/image/delete')).toEqual([{ client_id: 1111 }]);
		expect(kit.json(result)).toEqual([{ success: true, client_id: 1111 }]);
		expect(storage().images.has(1111)).toBe(false);
		const get = await kit.run({ resource: 'clientImage', operation: 'get', clientId: '1111', binaryPropertyName: 'data' });
		expect(get.items[0].json.has_image).toBe(false);
	});
});

describe('Simple Salon client file', () => {
	const upload = (extra: IDataObject = {}) => ({ resource: 'clientFile', operation: 'upload', clientId: '1112', binaryPropertyName: 'data', ...extra });

	it('uploads in two steps: add, then a PUT of the exact bytes to the signed URL without the login token [wire:client_file/add]', async () => {
		const appointment = kit.salon.state.appointments.find((a) => a.client_id === 1112)!;
		const result = await kit.run(
			upload({ additionalFields: { display_filename: 'Consent form.pdf', appointment_id: String(appointment.appointment_id), minimum_role_id: '-3' } }),
			[{}],
			{ binaries: [{ data: binary(ALL_BYTES, 'scan-0042.pdf', 'application/pdf') }] },
		);
		expect(result.error).toBeUndefined();
		expect(kit.ops()).toEqual(['login', 'client_file/add', 'storage/upload']);
		expect(kit.bodies('client_file/add')).toEqual([
			{ client_file: { client_id: 1112, display_filename: 'Consent form.pdf', appointment_id: appointment.appointment_id, minimum_role_id: -3 } },
		]);
		const [put] = putRequests();
		const record = result.items[0].json;
		expect(put.method).toBe('PUT');
		expect(put.path).toBe(`/storage/simplesalon-uploadfiles/${String(record.storage_filename)}`);
		expect(put.query['X-Goog-Expires']).toBe('3599');
		expect(put.headers.authorization).toBeUndefined();
		expect(put.contentType).toBe('application/pdf');
		expect(put.status).toBe(200);
		expect(Number(put.headers['content-length'])).toBe(ALL_BYTES.length);
		expect(storage().files.get(Number(record.client_file_id))?.data?.equals(ALL_BYTES)).toBe(true);
		expect(record).toMatchObject({
			client_file_id: 2737,
			client_id: 1112,
			display_filename: 'Consent form.pdf',
			content_type: 'application/pdf',
			minimum_role_id: -3,
			uploaded: true,
			file_size: ALL_BYTES.length,
		});
		expect(record).not.toHaveProperty('upload_url');
	});

	it('names the upload after the binary file, or adds the extension its type says [wire:client_file/add]', async () => {
		await kit.run(upload(), [{}, {}], {
			binaries: [{ data: binary(SAMPLE_PNG, 'after.png', 'image/png') }, { data: binary(SAMPLE_JPEG, 'IMG_2041', 'image/jpeg') }],
		});
		expect(kit.bodies('client_file/add').map((b) => (b.client_file as IDataObject).display_filename)).toEqual(['after.png', 'IMG_2041.jpg']);
		expect(putRequests().map((r) => r.contentType)).toEqual(['image/png', 'image/jpeg']);
	});

	it('downloads an uploaded file byte for byte, with its thumbnail link, from Get [wire:client_file/get]', async () => {
		const added = await kit.run(upload(), [{}], { binaries: [{ data: binary(SAMPLE_PNG, 'after.png', 'image/png') }] });
		const id = added.items[0].json.client_file_id;
		kit.salon.emulator.clearLog();

		const plain = await kit.run({ resource: 'clientFile', operation: 'get', clientFileId: String(id) });
		expect(kit.bodies('client_file/get')).toEqual([{ client_file_id: id }]);
		expect(plain.items[0].binary).toBeUndefined();
		expect(String(plain.items[0].json.storage_filename)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/storage\/simplesalon-files\/12345\/1112\/.*\.png\?.*X-Goog-Signature=/);
		expect(String(plain.items[0].json.storage_thumbnailfilename)).toMatch(/_thumb\.png\?/);

		const got = await kit.run({ resource: 'clientFile', operation: 'get', clientFileId: String(id), download: true, binaryPropertyName: 'file' });
		expect(got.error).toBeUndefined();
		expect(kit.ops()).toEqual(['client_file/get', 'client_file/get', 'storage/download']);
		const download = kit.salon.emulator.log.find((r) => r.op === 'storage/download')!;
		expect(download.method).toBe('GET');
		expect(download.headers.authorization).toBeUndefined();
		expect(got.items[0].binary?.file).toMatchObject({ fileName: 'after.png', mimeType: 'image/png' });
		expect(bytesOf(got.items[0].binary?.file).equals(SAMPLE_PNG)).toBe(true);
		expect(got.items[0].json).toMatchObject({ client_file_id: id, display_filename: 'after.png' });
	});

	it('refuses to download a file still awaiting its upload [wire:client_file/get]', async () => {
		kit.salon.emulator.inject({ when: { pathPrefix: '/storage/simplesalon-uploadfiles/' }, action: { type: 'reset' }, times: 3 });
		const failed = await kit.run(upload(), [{}], { binaries: [{ data: binary(SAMPLE_PNG, 'after.png', 'image/png') }] });
		expect(failed.error?.constructor.name).toBe('NodeApiError');
		expect(failed.error?.message).toMatch(/^Uploading "after\.png" \(client file 2737\) failed/);
		expect(failed.error?.description).toMatch(/record 2737 was created but holds no file yet/);
		expect(putRequests()).toHaveLength(3);
		const get = await kit.run({ resource: 'clientFile', operation: 'get', clientFileId: '2737', download: true });
		expect(kit.bodies('client_file/get')).toEqual([{ client_file_id: 2737 }]);
		expect(get.error?.message).toBe('The client file 2737 has no file to download yet (item 0)');
	});

	it('reports a refusal of the storage host without repeating it, and repeats a 503 [wire:client_file/add]', async () => {
		kit.salon.emulator.inject({
			when: { pathPrefix: '/storage/simplesalon-uploadfiles/' },
			action: { type: 'status', status: 403, raw: "<?xml version='1.0' encoding='UTF-8'?><Error><Code>AccessDenied</Code><Message>Access denied.</Message></Error>", headers: { 'content-type': 'application/xml' } },
		});
		const refused = await kit.run(upload(), [{}], { binaries: [{ data: binary(SAMPLE_PNG, 'a.png', 'image/png') }] });
		expect(refused.error?.message).toBe('Uploading "a.png" (client file 2737) failed: AccessDenied: Access denied.');
		expect(refused.error?.context?.itemIndex).toBe(0);
		expect(putRequests()).toHaveLength(1);

		kit.salon.emulator.clearLog();
		kit.salon.emulator.inject({ when: { pathPrefix: '/storage/simplesalon-uploadfiles/' }, action: { type: 'status', status: 503, raw: '' } });
		const repeated = await kit.run(upload(), [{}], { binaries: [{ data: binary(SAMPLE_PNG, 'b.png', 'image/png') }] });
		expect(repeated.error).toBeUndefined();
		expect(kit.ops().filter((op) => !op.startsWith('PUT /storage/'))).toEqual(['client_file/add', 'storage/upload']);
		expect(putRequests().map((r) => r.status)).toEqual([503, 200]);
		expect(kit.bodies('client_file/add')).toHaveLength(1);
	});

	it('lists the files of a client with Return All as one rows_per_page -1 request, and downloads each [wire:client_file/list]', async () => {
		const result = await kit.run({ resource: 'clientFile', operation: 'getAll', returnAll: true, filters: { client_id: '1111' }, download: true, binaryPropertyName: 'data' });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client_file/list')).toEqual([{ filters: { client_id: 1111 }, options: { rows_per_page: -1 } }]);
		expect(result.items.map((i) => i.json.display_filename)).toEqual(['consent-form.pdf', 'before.jpg']);
		expect(result.items.map((i) => i.binary?.data.mimeType)).toEqual(['application/pdf', 'image/jpeg']);
		expect(bytesOf(result.items[1].binary?.data).equals(SAMPLE_JPEG)).toBe(true);
		expect(kit.ops().filter((op) => op === 'storage/download')).toHaveLength(2);
		expect(result.items[0].json).not.toHaveProperty('storage_thumbnailfilename');
		expect(String(result.items[1].json.storage_thumbnailfilename)).toMatch(/_thumb\.jpg\?/);

		kit.salon.emulator.clearLog();
		const limited = await kit.run({ resource: 'clientFile', operation: 'getAll', limit: 2 });
		expect(kit.bodies('client_file/list')).toEqual([{ filters: {}, options: { page_number: 1, rows_per_page: 2 } }]);
		expect(limited.items.map((i) => i.json.client_file_id)).toEqual([2734, 2735]);
		expect(limited.items[0].binary).toBeUndefined();
	});

	it('renames a file and changes its minimum role, wrapped in client_file [wire:client_file/update]', async () => {
		const result = await kit.run({
			resource: 'clientFile',
			operation: 'update',
			clientFileId: '2736',
			updateFields: { display_filename: 'before-colour.jpg', minimum_role_id: '-1' },
		});
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client_file/update')).toEqual([{ client_file: { client_file_id: 2736, display_filename: 'before-colour.jpg', minimum_role_id: -1 } }]);
		expect(kit.json(result)[0]).toMatchObject({ client_file_id: 2736, display_filename: 'before-colour.jpg', minimum_role_id: -1 });
		expect(storage().files.get(2736)).toMatchObject({ display_filename: 'before-colour.jpg', minimum_role_id: -1 });

		const badName = await kit.run({ resource: 'clientFile', operation: 'update', clientFileId: '2736', updateFields: { display_filename: 'before.png' } });
		expect(badName.error?.constructor.name).toBe('NodeApiError');
		expect(badName.error?.message).toBe("client_file.display_filename must keep the file's extension .jpg [INVALIDPARAMETER]");
	});

	it('deletes a file [wire:client_file/delete]', async () => {
		const result = await kit.run({ resource: 'clientFile', operation: 'delete', clientFileId: '2734' });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client_file/delete')).toEqual([{ client_file_id: 2734 }]);
		expect(kit.json(result)).toEqual([{ success: true, client_file_id: 2734 }]);
		expect(storage().files.has(2734)).toBe(false);
		// the code contains "ENOTFOUND", which n8n's NodeApiError would mistake for a DNS failure
		const gone = await kit.run({ resource: 'clientFile', operation: 'get', clientFileId: '2734' });
		expect(gone.error?.constructor.name).toBe('NodeApiError');
		expect(gone.error?.message).toBe('Client file 2734 was not found [CLIENTFILENOTFOUND]');
	});

	it('checks its input before any request: binary field, file name, IDs, update fields', async () => {
		const cases: Array<[IDataObject, IBinaryKeyData | undefined, string]> = [
			[upload(), undefined, 'The field "Input Binary Field" points to "data", which is missing in item 0'],
			[upload({ binaryPropertyName: '' }), { data: binary(SAMPLE_PNG, 'a.png', 'image/png') }, 'The field "Input Binary Field" is empty in item 0'],
			[upload(), { data: binary(ALL_BYTES, 'README', 'application/x-unknown') }, 'The field "File Name" must end in the file\'s extension, e.g. .pdf, in item 0'],
			[upload({ clientId: 'x' }), { data: binary(SAMPLE_PNG, 'a.png', 'image/png') }, 'The field "Client ID" has an invalid value "x" in item 0'],
			[
				upload({ additionalFields: { appointment_id: '12a' } }),
				{ data: binary(SAMPLE_PNG, 'a.png', 'image/png') },
				'The field "Appointment ID" has an invalid value "12a" in item 0',
			],
			[{ resource: 'clientFile', operation: 'update', clientFileId: '2736', updateFields: {} }, undefined, 'The field "Update Fields" is empty in item 0'],
			[{ resource: 'clientFile', operation: 'get', clientFileId: '' }, undefined, 'The field "Client File ID" is empty in item 0'],
		];
		for (const [parameters, data, message] of cases) {
			const result = await kit.run(parameters, [{}], { binaries: [data] });
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(message);
			expect(result.error?.context?.itemIndex).toBe(0);
		}
		expect(kit.salon.emulator.log).toHaveLength(0);
	});

	it('storage links expire, and refuse a wrong content type, a changed path or an Authorization header', async () => {
		const got = await kit.run({ resource: 'clientFile', operation: 'get', clientFileId: '2736' });
		const link = String(got.items[0].json.storage_filename);
		expect((await fetch(link)).status).toBe(200);
		expect((await fetch(link.replace('.jpg?', '.png?'))).status).toBe(403);
		expect((await fetch(link, { headers: { authorization: 'Bearer x' } })).status).toBe(400);

		const add = kit.salon.emulator.log.find((r) => r.op === 'client_file/get')!;
		const reply = await fetch(`${kit.salon.emulator.url}${add.path.replace('/get', '/add')}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: add.headers.authorization },
			body: JSON.stringify({ client_file: { client_id: 1111, display_filename: 'x.png' } }),
		});
		const uploadUrl = String(((await reply.json()) as { client_file: IDataObject }).client_file.upload_url);
		const wrongType = await fetch(uploadUrl, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: SAMPLE_PNG });
		expect(wrongType.status).toBe(400);
		expect(await wrongType.text()).toMatch(/<Code>InvalidArgument<\/Code>.*image\/png/);

		const realNow = Date.now;
		const later = realNow() + 3600 * 1000;
		const spy = jest.spyOn(Date, 'now').mockImplementation(() => later);
		try {
			const expiredDownload = await fetch(link);
			expect(expiredDownload.status).toBe(400);
			expect(await expiredDownload.text()).toMatch(/<Code>ExpiredToken<\/Code>/);
			const expiredUpload = await fetch(uploadUrl, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: SAMPLE_PNG });
			expect(expiredUpload.status).toBe(400);
		} finally {
			spy.mockRestore();
		}
		const inTime = await fetch(uploadUrl, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: SAMPLE_PNG });
		expect(inTime.status).toBe(200);
	});
});

describe('Simple Salon client payment type', () => {
	const tokenFor = (id: number) => issueOnlineBookingClientToken(kit.salon.state, id, Date.now());
	const card = (operation: string, extra: IDataObject) => ({
		resource: 'clientPaymentType',
		operation,
		onlineBookingClientId: '2828',
		gateway: 'slick',
		...extra,
	});
	const clientTokenHeaders = (op: string) => kit.salon.emulator.requests(op).map((r) => r.headers['x-online-booking-client-token']);

	it('lists the stored cards with the online booking client token in its header [wire:client_payment_type/list]', async () => {
		const token = tokenFor(2828);
		const result = await kit.run(card('getAll', { onlineBookingClientToken: token, limit: 10 }));
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client_payment_type/list')).toEqual([
			{ filters: { online_booking_client_id: 2828, gateway: 'slick' }, options: { page_number: 1, rows_per_page: 10 } },
		]);
		expect(clientTokenHeaders('client_payment_type/list')).toEqual([token]);
		expect(kit.salon.emulator.requests('client_payment_type/list')[0].headers.authorization).toMatch(/^Bearer /);
		expect(kit.json(result)).toEqual([
			{
				online_booking_client_id: 2828,
				gateway: 'slick',
				extra_fields: [
					{ extra_field: 'external_id', value: '3490' },
					{ extra_field: 'card_number', value: '#### #### #### 4242' },
					{ extra_field: 'card_type', value: 'Visa' },
				],
				external_id: '3490',
				card_number: '#### #### #### 4242',
				card_type: 'Visa',
			},
		]);
	});

	it('stores a card from a Stripe token, never repeating the add [wire:client_payment_type/add]', async () => {
		const token = tokenFor(2828);
		const result = await kit.run(card('add', { onlineBookingClientToken: token, cardToken: ' tok_mastercard ' }));
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client_payment_type/add')).toEqual([
			{ client_payment_type: { online_booking_client_id: 2828, gateway: 'slick', extra_fields: [{ extra_field: 'token', value: 'tok_mastercard' }] } },
		]);
		expect(clientTokenHeaders('client_payment_type/add')).toEqual([token]);
		expect(kit.json(result)[0]).toMatchObject({ external_id: '3491', card_number: '#### #### #### 4444', card_type: 'MasterCard' });
		expect(storage().cards.get(2828)).toHaveLength(2);

		kit.salon.emulator.clearLog();
		const declined = await kit.run(card('add', { onlineBookingClientToken: token, cardToken: 'tok_chargeDeclined' }));
		expect(declined.error?.message).toBe('Your card was declined. [CARDDECLINED]');
		expect(kit.ops()).toEqual(['client_payment_type/add']);
	});

	it('deletes a stored card by its external ID [wire:client_payment_type/delete]', async () => {
		const token = tokenFor(2828);
		const result = await kit.run(card('delete', { onlineBookingClientToken: token, externalId: '3490' }));
		expect(result.error).toBeUndefined();
		expect(kit.bodies('client_payment_type/delete')).toEqual([
			{ online_booking_client_id: 2828, gateway: 'slick', extra_fields: [{ extra_field: 'external_id', value: '3490' }] },
		]);
		expect(clientTokenHeaders('client_payment_type/delete')).toEqual([token]);
		expect(kit.json(result)).toEqual([{ success: true, online_booking_client_id: 2828, gateway: 'slick', external_id: '3490' }]);
		expect(storage().cards.get(2828)).toEqual([]);
	});

	it('surfaces a refused online booking client token as a NodeApiError without the token in it, and keeps the login', async () => {
		const other = tokenFor(2829);
		const result = await kit.run(card('getAll', { onlineBookingClientToken: other }));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('The X-Online-Booking-Client-Token header is not for online booking client 2828 [ONLINEBOOKINGCLIENTMISMATCH]');
		const stale = await kit.run(card('delete', { onlineBookingClientToken: 'f'.repeat(48), externalId: '3490' }));
		expect(stale.error?.message).toMatch(/\[ONLINEBOOKINGCLIENTNOTLOGGEDIN\]$/);
		expect(JSON.stringify({ m: stale.error?.message, d: stale.error?.description })).not.toContain('f'.repeat(48));
		expect(kit.ops()).toEqual(['login', 'client_payment_type/list', 'client_payment_type/delete']);
	});

	it('checks the token, IDs and card fields before any request', async () => {
		const cases: Array<[IDataObject, string]> = [
			[card('getAll', { onlineBookingClientToken: '' }), 'The field "Online Booking Client Token" is empty in item 0'],
			[card('getAll', { onlineBookingClientToken: 'abc', onlineBookingClientId: 'x' }), 'The field "Online Booking Client ID" has an invalid value "x" in item 0'],
			[card('add', { onlineBookingClientToken: 'abc', cardToken: '' }), 'The field "Stripe Card Token" is empty in item 0'],
			[card('delete', { onlineBookingClientToken: 'abc', externalId: '' }), 'The field "Card External ID" is empty in item 0'],
		];
		for (const [parameters, message] of cases) {
			const result = await kit.run(parameters);
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(message);
		}
		expect(kit.salon.emulator.log).toHaveLength(0);
	});
});
