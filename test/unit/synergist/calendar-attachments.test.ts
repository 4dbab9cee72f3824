import { randomBytes } from 'node:crypto';

import { attachmentBytes, setAttachmentStorage } from '../../../emulators/synergist/areas/attachments';
import { createSynergistEmulator, type SynergistEmulator } from '../../../emulators/synergist';
import { SynergistApi } from '../../../credentials/SynergistApi.credentials';
import { Synergist } from '../../../nodes/Synergist/Synergist.node';
import { binary, CredentialStore, loadOptions, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

let vendor: SynergistEmulator;
let store: CredentialStore;
let credential: StoredCredential;

const setup = (parameters: NodeSetup['parameters'], continueOnFail = false): NodeSetup => ({
	node: new Synergist(),
	credentialTypes: [new SynergistApi()],
	store,
	credential,
	parameters,
	continueOnFail,
});

const last = (op: string) => {
	const requests = vendor.emulator.requests(op);
	expect(requests.length).toBeGreaterThan(0);
	return requests[requests.length - 1];
};
const inputOf = (op: string) => JSON.parse(last(op).query.input) as { data: Array<Record<string, unknown>> };
/** Calls after the login: what the node itself sent. */
const calls = () => vendor.emulator.log.map((r) => r.op).filter((op) => op !== 'GETSHA512');

beforeAll(async () => {
	vendor = createSynergistEmulator();
	await vendor.emulator.start();
});

afterAll(async () => await vendor.emulator.stop());

beforeEach(() => {
	vendor.emulator.reset();
	store = new CredentialStore();
	credential = store.add('synergistApi', { ...vendor.credentialData(), sha512Password: '', sessionBinding: '' });
});

describe('Synergist calendar bookings', () => {
	const calendar = (operation: string, parameters: NodeSetup['parameters'] = {}) => setup({ resource: 'calendar', operation, ...parameters });

	it('[wire:calendar:calendardisplay] lists the bookings of a date range', async () => {
		const result = await runNode(calendar('getAll', { dateFrom: '2017-07-01', dateTo: '2017-10-31' }));
		expect(result.error).toBeUndefined();
		const request = last('calendar:CALENDARDISPLAY');
		expect(request.path).toBe('/jsonapi/calendar.json');
		expect(request.query).toMatchObject({ action: 'calendardisplay', company: '1', datefrom: '2017-07-01', dateto: '2017-10-31' });
		expect(request.query.page).toBeUndefined();
		expect(result.items.map((i) => i.json.calDiaryInternal)).toEqual([56566, 137353]);
		expect(result.items[1].json).toMatchObject({ calAllDay: true, calResourceId: '54', calIsoDateTimeStart: '2017-09-29T09:00:00' });
	});

	it('refuses a range that ends before it starts, before any request', async () => {
		const result = await runNode(calendar('getAll', { dateFrom: '2017-07-10', dateTo: '2017-07-01' }));
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain('"Date To" is before "Date From"');
		expect(calls()).toEqual([]);
	});

	it('[wire:calendar:calendarrefresh] reads one booking by diary ID', async () => {
		const result = await runNode(calendar('get', { diaryId: 137463 }));
		expect(result.error).toBeUndefined();
		expect(last('calendar:CALENDARREFRESH').query).toMatchObject({ action: 'calendarrefresh', diary: '137463', company: '1' });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ calDiaryInternal: 137463, calNumberOfDays: '3', calendarunallocatedunique: '1/00010481.H01###1/DES' });
	});

	it('surfaces an unknown booking as the vendor error', async () => {
		const result = await runNode(calendar('get', { diaryId: 999 }));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('diary 999 not found [2002]');
	});

	it('[wire:calendar:create] books a resource with the documented string values, and the duration rule applies', async () => {
		const result = await runNode(
			calendar('create', { timeSummaryId: 1005543, start: '2017-07-10T14:30:00', end: '2017-07-10T14:30:00', durationHours: 0.75, resourceId: 54 }),
		);
		expect(result.error).toBeUndefined();
		expect(inputOf('calendar:CREATE')).toEqual({
			data: [
				{
					calTimeSummaryInternal: '1005543',
					calIsoDateTimeStart: '2017-07-10T14:30:00',
					calIsoDateTimeEnd: '2017-07-10T14:30:00',
					calDurationDecimalHours: '0.75',
					calResourceId: '54',
				},
			],
		});
		expect(result.items[0].json).toMatchObject({ calDiaryInternal: 56570, calIsoDateTimeEnd: '2017-07-10T15:15:00', calDurationDescription: '0.75 hour' });
	});

	it('refuses an end before the start and a malformed time, before any request', async () => {
		const early = await runNode(calendar('create', { timeSummaryId: 1005543, start: '2017-07-10T14:30:00', end: '2017-07-09T14:30:00', durationHours: 1, resourceId: 54 }));
		expect(early.error?.message).toContain('"End" (2017-07-09T14:30:00) is before "Start"');
		const bad = await runNode(calendar('create', { timeSummaryId: 1005543, start: '10/07/2017', end: '2017-07-10', durationHours: 1, resourceId: 54 }));
		expect(bad.error?.constructor.name).toBe('NodeOperationError');
		expect(bad.error?.message).toContain('The field "Start" has an invalid value "10/07/2017"');
		expect(calls()).toEqual([]);
	});

	it('surfaces a resource Synergist does not know as the vendor error', async () => {
		const result = await runNode(calendar('create', { timeSummaryId: 1005543, start: '2017-07-10T09:00:00', end: '2017-07-10T10:00:00', durationHours: 1, resourceId: 286 }));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('resource 286 not found [2002]');
	});

	it('[wire:calendar:update] moves a booking (calAllDay as the string the example sends)', async () => {
		const result = await runNode(calendar('update', { diaryId: 56566, start: '2017-07-11T10:00:00', end: '2017-07-11T12:30:00', allDay: false, resourceId: 256 }));
		expect(result.error).toBeUndefined();
		expect(inputOf('calendar:UPDATE').data).toEqual([
			{ calDiaryInternal: '56566', calIsoDateTimeStart: '2017-07-11T10:00:00', calIsoDateTimeEnd: '2017-07-11T12:30:00', calAllDay: 'false', calResourceId: '256' },
		]);
		expect(result.items[0].json).toMatchObject({ calDiaryInternal: 56566, calResourceId: '256', calDurationDescription: '2.5 hours', calRecordVersionNumber: 1 });
	});

	it('[wire:calendar:delete] deletes a booking by diary_diaryinternal', async () => {
		const result = await runNode(calendar('delete', { diaryId: 56566 }));
		expect(result.error).toBeUndefined();
		expect(inputOf('calendar:DELETE')).toEqual({ data: [{ diary_diaryinternal: 56566 }] });
		expect(result.items[0].json).toMatchObject({ calDiaryInternal: 56566, calendarunallocatedbooked: 0 });
		const after = await runNode(calendar('get', { diaryId: 56566 }));
		expect(after.error?.message).toBe('diary 56566 not found [2002]');
	});

	it('[wire:calendar:unallocated] lists bookable estimate lines with the calendar list parameters and filters', async () => {
		const result = await runNode(calendar('getUnallocated', { filters: { job: '00010481' }, options: { sort: 'calEstimatedSelect', direction: '-1' } }));
		expect(result.error).toBeUndefined();
		expect(last('calendar:UNALLOCATED').query).toMatchObject({
			action: 'unallocated',
			company: '1',
			persistBackendSearch: 'N',
			job: '1/00010481',
			sort: 'calEstimatedSelect',
			direction: '-1',
		});
		expect(result.items.map((i) => i.json.calTimeSummarySelect)).toEqual([1006689, 1005543]);
	});

	it('[wire:calendar:timesummaryhide] hides an estimate line, [wire:calendar:timesummaryshow] shows it again', async () => {
		const hidden = await runNode(calendar('hideEstimate', { timeSummaryId: 1006689 }));
		expect(hidden.error).toBeUndefined();
		expect(last('calendar:TIMESUMMARYHIDE').query).toMatchObject({ action: 'timesummaryhide', timesummary: '1006689' });
		expect(hidden.items[0].json).toEqual({ success: true, message: '1 of 1 time summaries shown.' });
		const listed = await runNode(calendar('getUnallocated'));
		expect(listed.items.map((i) => i.json.calTimeSummarySelect)).not.toContain(1006689);

		const shown = await runNode(calendar('showEstimate', { timeSummaryId: 1006689 }));
		expect(shown.error).toBeUndefined();
		expect(last('calendar:TIMESUMMARYSHOW').query).toMatchObject({ action: 'timesummaryshow', timesummary: '1006689' });
		const again = await runNode(calendar('getUnallocated'));
		expect(again.items.map((i) => i.json.calTimeSummarySelect)).toContain(1006689);
	});

	it('[wire:calendar:requisitions] lists bookable requisitions', async () => {
		const result = await runNode(calendar('getRequisitions'));
		expect(result.error).toBeUndefined();
		expect(last('calendar:REQUISITIONS').query).toMatchObject({ action: 'requisitions', company: '1', persistBackendSearch: 'N' });
		expect(result.items[0].json).toMatchObject({ calJobPhaseReqSelect: '1/00008824.001', calSubjectReqSelect: 'amends' });
	});

	it('[wire:calendar:users] lists calendar users, and the Resource dropdown offers them by name', async () => {
		const result = await runNode(calendar('getUsers'));
		expect(result.error).toBeUndefined();
		expect(last('calendar:USERS').query).toMatchObject({ action: 'users', company: '1' });
		expect(result.items.map((i) => i.json.userUserId)).toEqual([256, 54]);
		const options = await loadOptions(calendar('create'), 'getCalendarUsers');
		expect(options.map((o) => [o.name, o.value])).toEqual([
			['SYN_Jimish', 256],
			['SYN_Jon', 54],
		]);
	});
});

describe('Synergist attachments', () => {
	const attachment = (operation: string, parameters: NodeSetup['parameters'] = {}) => setup({ resource: 'attachment', operation, ...parameters });

	it('[wire:attachments:None] lists attachments (attachmentslist) and reads one (attachmentdetails)', async () => {
		const list = await runNode(attachment('getAll', { returnAll: true, filters: { search: 'special' } }));
		expect(list.error).toBeUndefined();
		expect(last('attachments:LIST').query).toMatchObject({ style: 'modeldata', modelstructure: 'attachmentslist', company: '1', search: 'special', rows: '0' });
		expect(list.items.map((i) => i.json.attachmentID)).toEqual([5466]);

		const one = await runNode(attachment('get', { attachmentId: 5463 }));
		expect(one.error).toBeUndefined();
		expect(last('attachments:LIST').query).toMatchObject({ modelstructure: 'attachmentdetails', attachmentid: '5463' });
		expect(one.items).toHaveLength(1);
		expect(one.items[0].json).toMatchObject({ attachmentID: 5463, attachmentDescription: 'temp.csv', attachmentActivityID: 6957 });
	});

	it('reports an attachment that does not exist', async () => {
		const result = await runNode(attachment('get', { attachmentId: 1 }));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Attachment 1 was not found');
	});

	it('[wire:attachments:create] [wire:notesattachments:attachmentview] uploads a binary file as base64 and downloads it byte-identical', async () => {
		const bytes = Buffer.concat([randomBytes(3000), Buffer.from([0, 255, 13, 10])]);
		const created = await runNode(attachment('create', { activityId: 7730, binaryPropertyName: 'file', additionalFields: { description: 'test file' } }), [{}], [
			{ file: binary(bytes, 'scan.pdf', 'application/pdf') },
		]);
		expect(created.error).toBeUndefined();
		expect(inputOf('attachments:CREATE')).toEqual({
			data: [{ attachmentActivityID: '7730', attachmentDescription: 'test file', attachmentOriginalFilename: 'scan.pdf', variable_AttachmentBase64: bytes.toString('base64') }],
		});
		const id = created.items[0].json.attachmentID as number;
		expect(created.items[0].json).toMatchObject({ attachmentID: 5505, attachmentOriginalFilename: 'scan.pdf', fileSize: bytes.length, uploadedToS3: false });
		expect(attachmentBytes(vendor.state, id)?.equals(bytes)).toBe(true);

		const downloaded = await runNode(attachment('download', { attachmentId: id, binaryPropertyName: 'out' }));
		expect(downloaded.error).toBeUndefined();
		expect(last('notesattachments:ATTACHMENTVIEW').query).toMatchObject({ action: 'attachmentview', attachment: String(id), company: '1' });
		const out = downloaded.items[0].binary?.out;
		expect(out).toMatchObject({ fileName: 'scan.pdf', mimeType: 'application/pdf' });
		expect(Buffer.from(out!.data, 'base64').equals(bytes)).toBe(true);
		expect(downloaded.items[0].json).toEqual({ attachmentID: id, fileName: 'scan.pdf', mimeType: 'application/pdf', fileSize: bytes.length });
	});

	it('refuses a file over the configured base64 limit, and a missing binary field, before any request', async () => {
		const big = await runNode(attachment('create', { activityId: 7730, options: { maxFileSizeMb: 0.001 } }), [{}], [{ data: binary(randomBytes(2000), 'big.bin') }]);
		expect(big.error?.constructor.name).toBe('NodeOperationError');
		expect(big.error?.message).toMatch(/The file "big\.bin" is 0\.00 MB, more than the 0\.001 MB allowed for base64 uploads/);
		const missing = await runNode(attachment('create', { activityId: 7730 }), [{}]);
		expect(missing.error?.message).toContain('points to "data", which is missing in item 0');
		expect(calls()).toEqual([]);
	});

	it('uploads to S3 through the pre-signed link when the server stores files there, then downloads the same bytes', async () => {
		setAttachmentStorage(vendor.state, 's3');
		const bytes = randomBytes(40_000);
		const created = await runNode(attachment('create', { activityId: 7730, options: { uploadMethod: 's3', maxFileSizeMb: 0.01 } }), [{}], [{ data: binary(bytes, 'large.png', 'image/png') }]);
		expect(created.error).toBeUndefined();
		// no base64 on S3 systems, so the base64 limit does not apply
		expect(inputOf('attachments:CREATE').data[0]).toEqual({ attachmentActivityID: '7730', attachmentOriginalFilename: 'large.png' });
		const put = vendor.emulator.log.find((r) => r.method === 'PUT');
		expect(put?.path).toMatch(/^\/s3-bucket\//);
		expect(created.items[0].json).toMatchObject({ uploadedToS3: true });
		expect(created.items[0].json.attachmentS3UrlPut).toBeUndefined();
		const id = created.items[0].json.attachmentID as number;
		expect(attachmentBytes(vendor.state, id)?.equals(bytes)).toBe(true);

		const downloaded = await runNode(attachment('download', { attachmentId: id, binaryPropertyName: 'data' }));
		expect(Buffer.from(downloaded.items[0].binary!.data.data, 'base64').equals(bytes)).toBe(true);
	});

	it('asks for base64 when S3 upload is chosen but the server sends no link', async () => {
		const result = await runNode(attachment('create', { activityId: 7730, options: { uploadMethod: 's3' } }), [{}], [{ data: binary('x', 'a.txt') }]);
		// a server without S3 wants the base64: its own error comes first
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('mandatory field variable_AttachmentBase64 not supplied [2001]');
	});

	it('[wire:attachments:update] renames an attachment', async () => {
		const result = await runNode(attachment('update', { attachmentId: 5463, description: 'my doc name.pdf' }));
		expect(result.error).toBeUndefined();
		expect(inputOf('attachments:UPDATE')).toEqual({ data: [{ attachmentID: 5463, attachmentDescription: 'my doc name.pdf' }] });
		expect(result.items[0].json).toMatchObject({ attachmentID: 5463, attachmentRecordVersionNumber: 1 });
	});

	it('[wire:attachments:delete] deletes an attachment, after which its download fails with the vendor text', async () => {
		const result = await runNode(attachment('delete', { attachmentId: 5466 }));
		expect(result.error).toBeUndefined();
		expect(inputOf('attachments:DELETE')).toEqual({ data: [{ attachmentID: 5466 }] });
		expect(result.items[0].json).toMatchObject({ attachmentID: 5466 });
		const download = await runNode(attachment('download', { attachmentId: 5466 }));
		expect(download.error?.constructor.name).toBe('NodeApiError');
		expect(download.error?.message).toBe('attachment 5466 not found [2002]');
		expect(JSON.stringify(download.error)).not.toContain(vendor.currentHash());
	});

	it('takes a raw file body (the "file to the browser" form) with its Content-Type and Content-Disposition', async () => {
		vendor.emulator.inject({
			when: { op: 'notesattachments:ATTACHMENTVIEW' },
			action: { type: 'status', status: 200, raw: '%PDF-1.4 raw body', headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="raw.pdf"' } },
		});
		const result = await runNode(attachment('download', { attachmentId: 5463 }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].binary?.data).toMatchObject({ fileName: 'raw.pdf', mimeType: 'application/pdf' });
		expect(Buffer.from(result.items[0].binary!.data.data, 'base64').toString()).toBe('%PDF-1.4 raw body');
	});

	it('maps the XML 404 error of a download to the vendor text without credentials', async () => {
		vendor.emulator.inject({
			when: { op: 'notesattachments:ATTACHMENTVIEW' },
			action: { type: 'status', status: 404, raw: '<Responses><Error ErrorID="404504"><ErrorText>invalid parameter attachment x</ErrorText></Error></Responses>', headers: { 'content-type': 'text/xml' } },
		});
		const result = await runNode(attachment('download', { attachmentId: 5463 }));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('invalid parameter attachment x [404504]');
		expect(JSON.stringify({ ...result.error, message: result.error?.message, description: result.error?.description })).not.toContain(vendor.currentHash());
	});

	it('refuses an attachment ID of 0 before any request', async () => {
		const result = await runNode(attachment('download', { attachmentId: 0 }));
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(calls()).toEqual([]);
	});
});
