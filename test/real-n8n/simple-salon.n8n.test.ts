import { crypto, delay } from 'business-pack-devkit';
import type { IDataObject } from 'n8n-workflow';

import { createSimpleSalonEmulator } from '../../emulators/simple-salon';
import { clientAreaData } from '../../emulators/simple-salon/areas/client';
import { COMPANY_ID, blankClient, type SalonAppointment } from '../../emulators/simple-salon/seed';
import { manualWorkflow, newId, packNodeType, type CredentialSpec, type NodeSpec, type RunResult, type WorkflowJson } from './harness';
import { vendorSuite } from './vendor-suite';

/*
 * The Simple Salon slice in the released n8n: the pack installed as a community package, a credential imported with
 * partner token, company token, company ID, username and password only, workflows run with `n8n execute`, and the
 * emulator's request log as the witness: one login on the login host, every other call on the api_url it answered.
 * Then the acceptance runs: availability → booking with Check First → day list → move → delete in one
 * workflow, a taken slot refused before any write, image and file round trips through Code nodes, Return All over six
 * pages, one refresh for five parallel items, an api_url that moves on refresh, and the trigger over three polls.
 */

const NODE = 'Simple Salon';
const suite = vendorSuite({
	label: 'simple-salon',
	nodeName: NODE,
	nodeType: 'simpleSalon',
	credentialType: 'simpleSalonApi',
	createEmulator: createSimpleSalonEmulator,
	workflows: (): WorkflowJson[] => [getClient],
});
const { credential, ops, workflow } = suite;
const getClient = workflow('get client', { resource: 'client', operation: 'get', clientId: '1111' });

const wire = () => suite.vendor.emulator.log.map((r) => [r.op, r.status]);
const bodies = (op: string) => suite.vendor.emulator.requests(op).map((r) => r.body as IDataObject);

/** Nothing a run exposes (output, errors, the whole run JSON) may contain a credential value or the login token. */
async function expectNoSecrets(run: RunResult) {
	const text = JSON.stringify(run.raw);
	const stored = await suite.n8n.readCredential(credential.id);
	for (const secret of [credential.data.password, credential.data.partnerToken, credential.data.companyToken, stored.sessionToken]) {
		expect(typeof secret === 'string' && secret.length > 3).toBe(true);
		expect(text).not.toContain(String(secret));
	}
}

describe('Simple Salon in a real n8n', () => {
	it('gets a client: one login with the partner and company tokens, then the call on the returned api_url', async () => {
		const run = await suite.n8n.execute(getClient.id!);
		expect(run.error).toBeUndefined();
		expect(run.output(NODE)).toEqual([expect.objectContaining({ client_id: 1111, firstname: 'Joe', company_id: 12345 })]);
		expect(ops()).toEqual(['login', 'client/get']);
		const [login, get] = suite.vendor.emulator.log;
		expect(login.path).toBe('/v1/login');
		expect(login.headers).toMatchObject({ 'x-partner-token': suite.vendor.state.partnerToken, 'x-company-token': suite.vendor.companyToken() });
		expect(login.body).toEqual({ username: 'api.user', password: 'Salon!2024', company_id: 12345 });
		expect(get.path).toBe('/api1/v1/client/get');
		expect(get.body).toEqual({ client_id: 1111 });
		const stored = await suite.n8n.readCredential(credential.id);
		expect(get.headers.authorization).toBe(`Bearer ${String(stored.sessionToken)}`);
		expect(stored.sessionApiUrl).toBe(`${suite.vendor.emulator.url}/api1`);
		expect(Date.parse(String(stored.sessionExpiry))).toBeGreaterThan(Date.now());
		await expectNoSecrets(run);
	});

	it('reuses the stored token on a second execution: no login', async () => {
		const run = await suite.n8n.execute(getClient.id!);
		expect(run.ok).toBe(true);
		expect(ops()).toEqual(['client/get']);
	});

	it('runs Get Many (Return All in one request with rows_per_page -1, and a Limit), Add, Update and Appointment Get Many', async () => {
		const all = workflow('all clients', { resource: 'client', operation: 'getAll', returnAll: true });
		const some = workflow('some clients', { resource: 'client', operation: 'getAll', returnAll: false, limit: 7, filters: { gender: 'Male' } });
		const add = workflow('add client', {
			resource: 'client',
			operation: 'add',
			firstName: 'Ada',
			// Last Name is optional (the docs require only the first name): an additional field
			additionalFields: { lastname: 'Lovelace', email: 'ada@example.com', date_of_birth: '1990-12-10T00:00:00', category_ids: '920' },
		});
		const update = workflow('update client', {
			resource: 'client',
			operation: 'update',
			clientId: '1115',
			updateFields: { firstname: 'Joseph', sms_reminders_enabled: false },
		});
		const appointments = workflow('appointments', {
			resource: 'appointment',
			operation: 'getAll',
			timeStart: '2025-03-04T00:00:00',
			timeEnd: '2025-03-05T00:00:00',
			returnAll: true,
		});
		// Add runs on its own afterwards: execute-batch orders runs by id, and Return All must count the seed only.
		const ids = await suite.n8n.importWorkflows([all, some, update, appointments]);
		const [allRun, someRun, updateRun, appointmentRun] = await suite.n8n.executeMany(ids);
		const addRun = await suite.n8n.execute(await suite.n8n.importWorkflow(add));

		expect(allRun.error).toBeUndefined();
		const clientIds = allRun.output(NODE).map((c) => Number(c.client_id));
		expect(clientIds).toHaveLength(320);
		expect(new Set(clientIds).size).toBe(320);
		// the docs allow "rows_per_page can be -1 to retrieve all clients": one request instead of pages
		const pages = bodies('client/list').filter((b) => (b.filters as IDataObject).gender === undefined);
		expect(pages).toEqual([{ filters: {}, options: { rows_per_page: -1 } }]);

		expect(someRun.output(NODE)).toHaveLength(7);
		expect(someRun.output(NODE).every((c) => c.gender === 'Male')).toBe(true);
		expect(bodies('client/list').filter((b) => (b.filters as IDataObject).gender === 'Male')).toEqual([
			{ filters: { gender: 'Male' }, options: { page_number: 1, rows_per_page: 7 } },
		]);

		expect(addRun.output(NODE)).toEqual([expect.objectContaining({ client_id: 1431, firstname: 'Ada', lastname: 'Lovelace', category_ids: [920] })]);
		expect(bodies('client/add')).toEqual([
			{ client: { firstname: 'Ada', lastname: 'Lovelace', email: 'ada@example.com', date_of_birth: '1990-12-10T00:00:00', category_ids: [920] } },
		]);
		expect(suite.vendor.state.clients.get(1431)?.email).toBe('ada@example.com');

		expect(bodies('client/update')).toEqual([{ client: { client_id: 1115, firstname: 'Joseph', sms_reminders_enabled: false } }]);
		expect(updateRun.output(NODE)).toEqual([expect.objectContaining({ client_id: 1115, firstname: 'Joseph', sms_reminders_enabled: false })]);

		expect(appointmentRun.output(NODE).map((a) => a.time_start)).toEqual([
			'2025-03-04T09:00:00+11:00',
			'2025-03-04T09:00:00+11:00',
			'2025-03-04T10:30:00+11:00',
			'2025-03-04T10:30:00+11:00',
			'2025-03-04T13:00:00+11:00',
			'2025-03-04T13:00:00+11:00',
			'2025-03-04T15:15:00+11:00',
			'2025-03-04T15:15:00+11:00',
		]);
		expect(bodies('appointment/list')).toEqual([
			{
				filters: { time_start: '2025-03-04T00:00:00', time_end: '2025-03-05T00:00:00' },
				options: { sort_expression: 'time_start', page_number: 1, rows_per_page: 100 },
			},
		]);
		expect(suite.vendor.emulator.requests('login')).toHaveLength(0);
		expect(suite.vendor.emulator.log.every((r) => r.path.startsWith('/api1/v1/'))).toBe(true);
	});

	it('recovers from one expiry with exactly one refresh (no login) over three executions', async () => {
		const before = (await suite.n8n.readCredential(credential.id)).sessionToken;
		suite.vendor.emulator.expireSessions();
		for (let run = 0; run < 3; run++) {
			const result = await suite.n8n.execute(getClient.id!);
			expect(result.error).toBeUndefined();
			expect(result.output(NODE)[0].client_id).toBe(1111);
		}
		expect(wire()).toEqual([
			['client/get', 401],
			['refresh', 200],
			['client/get', 200],
			['client/get', 200],
			['client/get', 200],
		]);
		// the refresh killed the old token
		expect(suite.vendor.state.sessions.get(String(before))?.revoked).toBe(true);
		expect((await suite.n8n.readCredential(credential.id)).sessionToken).not.toBe(before);
	});

	it('recovers from an expiry in the middle of a run without failing an item', async () => {
		const several = workflow(
			'get several clients',
			{ resource: 'client', operation: 'get', clientId: '={{ $json.id }}', concurrency: 1 },
			{ input: [{ id: 1120 }, { id: 1121 }, { id: 1122 }] },
		);
		const id = await suite.n8n.importWorkflow(several);
		// The first item's request goes through; the token dies just before the second item's.
		suite.vendor.emulator.inject({ when: { op: 'client/get' }, times: 1, action: { type: 'delay', ms: 0 } });
		suite.vendor.emulator.inject({ when: { op: 'client/get' }, times: 1, action: { type: 'expireSessions' } });
		const run = await suite.n8n.execute(id);
		expect(run.error).toBeUndefined();
		expect(run.output(NODE).map((c) => c.client_id)).toEqual([1120, 1121, 1122]);
		expect(wire()).toEqual([
			['client/get', 200],
			['client/get', 401],
			['refresh', 200],
			['client/get', 200],
			['client/get', 200],
		]);
	});

	it('fails a bad input with a clear message naming the field and item, before any request', async () => {
		const bad = workflow('bad client id', { resource: 'client', operation: 'get', clientId: '11 11' });
		const run = await suite.n8n.execute(await suite.n8n.importWorkflow(bad));
		expect(run.ok).toBe(false);
		expect(run.error?.message).toBe('The field "Client ID" has an invalid value "11 11" in item 0');
		expect(run.error?.node).toBe(NODE);
		expect(suite.vendor.emulator.log).toHaveLength(0);
	});

	it('continues on fail with an error item in place of each failing item', async () => {
		const mixed = workflow(
			'continue on fail',
			{ resource: 'client', operation: 'get', clientId: '={{ $json.id }}' },
			{ input: [{ id: 1111 }, { id: 999999 }, { id: 'x' }, { id: 1112 }], extra: { continueOnFail: true } },
		);
		const run = await suite.n8n.execute(await suite.n8n.importWorkflow(mixed));
		expect(run.error).toBeUndefined();
		const items = run.items(NODE);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0].json.client_id).toBe(1111);
		expect(items[1].json).toMatchObject({ error: 'Client 999999 was not found [CLIENTNOTFOUND]' });
		expect(items[2].json.error).toBe('The field "Client ID" has an invalid value "x" in item 2');
		expect(items[3].json.client_id).toBe(1112);
		expect(ops()).toEqual(['client/get', 'client/get', 'client/get']);
		await expectNoSecrets(run);
	});
});

// ---------------------------------------------------------------------------------------------------------------
// The acceptance scenarios of the Simple Salon issue, each witnessed by the emulator's request log and the node output.

const credentials = { simpleSalonApi: { id: credential.id, name: credential.name } };
const salonNode = (name: string, parameters: IDataObject, extra: Partial<NodeSpec> = {}): NodeSpec => ({
	name,
	type: packNodeType('simpleSalon'),
	parameters,
	credentials,
	...extra,
});
const codeNode = (name: string, jsCode: string): NodeSpec => ({ name, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode } });
const chain = (name: string, nodes: NodeSpec[]) => manualWorkflow({ name: `Simple Salon: ${name}`, nodes });
const appointmentById = (id: number) => suite.vendor.state.appointments.find((a) => a.appointment_id === id);
const statuses = () => suite.vendor.emulator.log.map((r) => `${r.op}:${r.status}`);

/** A real PNG (16×16 RGB, stored deflate) whose pixels hold every byte value, so any re-encoding on the way shows. */
function makePng(): Buffer {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc32 = (bytes: Buffer) => {
		let c = 0xffffffff;
		for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const u32 = (value: number) => {
		const b = Buffer.alloc(4);
		b.writeUInt32BE(value >>> 0);
		return b;
	};
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		return Buffer.concat([u32(data.length), body, u32(crc32(body))]);
	};
	const size = 16;
	const rows: number[] = [];
	for (let y = 0; y < size; y++) {
		rows.push(0); // filter: none
		for (let x = 0; x < size * 3; x++) rows.push((y * size * 3 + x) % 256);
	}
	const raw = Buffer.from(rows);
	let a = 1;
	let b = 0;
	for (const byte of raw) {
		a = (a + byte) % 65521;
		b = (b + a) % 65521;
	}
	const stored = Buffer.alloc(5);
	stored[0] = 1; // BFINAL, stored block
	stored.writeUInt16LE(raw.length, 1);
	stored.writeUInt16LE(~raw.length & 0xffff, 3);
	const idat = Buffer.concat([Buffer.from([0x78, 0x01]), stored, raw, u32(((b << 16) | a) >>> 0)]);
	const ihdr = Buffer.concat([u32(size), u32(size), Buffer.from([8, 2, 0, 0, 0])]);
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

/** A Code node emitting one item with a binary field `data` holding these bytes. */
const fileNode = (name: string, bytes: Buffer, fileName: string, mimeType: string) =>
	codeNode(
		name,
		`return [{ json: {}, binary: { data: { data: ${JSON.stringify(bytes.toString('base64'))}, mimeType: ${JSON.stringify(mimeType)}, fileName: ${JSON.stringify(fileName)} } } }];`,
	);
/** A Code node returning the bytes of its input's binary field as base64, with the file's name and type. */
const bytesNode = (field: string) =>
	codeNode(
		'Bytes',
		`const buffer = await this.helpers.getBinaryDataBuffer(0, ${JSON.stringify(field)}); const file = $input.first().binary.${field}; return [{ json: { base64: buffer.toString('base64'), fileName: file.fileName, mimeType: file.mimeType } }];`,
	);

describe('Simple Salon booking, files and sessions in a real n8n', () => {
	it('searches availability, books the first option with Check First, finds it in the day list, moves it and deletes it, in one run', async () => {
		const nextId = Math.max(...suite.vendor.state.appointments.map((a) => a.appointment_id)) + 1;
		const count = suite.vendor.state.appointments.length;
		const run = await suite.n8n.execute(
			await suite.n8n.importWorkflow(
				chain('book, list, move, delete', [
					salonNode('Search', { resource: 'availability', operation: 'searchTimes', serviceId: 3334, operatorId: 2222, timeStart: '2025-03-04T09:00:00' }),
					codeNode('First Option', 'return [$input.first()];'),
					// Check First is left at its default (on), as a user who never touches it would
					salonNode('Book', {
						resource: 'appointment',
						operation: 'add',
						clientId: '1111',
						serviceId: '={{ $json.service_id }}',
						operatorId: '={{ $json.operator_id }}',
						timeStart: '={{ $json.time_start }}',
						duration: '={{ $json.duration }}',
						additionalFields: { comments: 'Booked by n8n' },
					}),
					salonNode('Day', {
						resource: 'appointment',
						operation: 'getAll',
						timeStart: '={{ $json.time_start.slice(0, 10) }}T00:00:00',
						timeEnd: '={{ $json.time_start.slice(0, 10) }}T23:59:59',
						returnAll: true,
					}),
					codeNode(
						'Find',
						"const booked = $('Book').first().json; const day = $input.all().map((i) => i.json); return [{ json: { appointment_id: booked.appointment_id, listed: day.length, found: day.filter((a) => a.appointment_id === booked.appointment_id).length } }];",
					),
					salonNode('Move', {
						resource: 'appointment',
						operation: 'update',
						appointmentId: '={{ $json.appointment_id }}',
						updateFields: { time_start: '2025-03-04T11:00:00', duration: 45, comments: 'Moved by n8n' },
					}),
					salonNode('Delete', { resource: 'appointment', operation: 'delete', appointmentIds: '={{ $json.appointment_id }}' }),
				]),
			),
		);
		expect(run.error).toBeUndefined();
		expect(run.nodesRun()).toEqual(['Manual Trigger', 'Search', 'First Option', 'Book', 'Day', 'Find', 'Move', 'Delete']);
		expect(statuses()).toEqual([
			'appointment/add/search:200',
			'appointment/add/check:200',
			'appointment/add:200',
			'appointment/list:200',
			'appointment/update/check:200',
			'appointment/update:200',
			'appointment/delete:200',
		]);

		// the search: one item per option, Ash's first free 30 minutes that Tuesday
		expect(bodies('appointment/add/search')).toEqual([{ appointments: [{ service_id: 3334, operator_id: 2222 }], time_start: '2025-03-04T09:00:00' }]);
		expect(run.output('Search').map((o) => o.time_start)).toEqual(['09:45', '10:00', '11:00', '11:15', '11:30', '11:45'].map((t) => `2025-03-04T${t}:00+11:00`));
		expect(run.output('Search')[0]).toMatchObject({ operator_id: 2222, service_id: 3334, duration: 30, time_end: '2025-03-04T10:15:00+11:00' });

		// the booking: the dry run and the write carry the same appointment, the option's time as salon wall clock
		const appointment = { client_id: 1111, duration: 30, operator_id: 2222, service_id: 3334, time_start: '2025-03-04T09:45:00', comments: 'Booked by n8n' };
		expect(bodies('appointment/add/check')).toEqual([{ appointments: [appointment] }]);
		expect(bodies('appointment/add')).toEqual([{ appointments: [appointment] }]);
		expect(run.output('Book')).toEqual([
			expect.objectContaining({ appointment_id: nextId, client_id: 1111, operator_id: 2222, time_start: '2025-03-04T09:45:00+11:00', time_end: '2025-03-04T10:15:00+11:00' }),
		]);
		expect(run.output('Book')[0]).not.toHaveProperty('warnings');

		// the day list: the eight seeded bookings and the new one, in start order
		expect(bodies('appointment/list')).toEqual([
			{ filters: { time_start: '2025-03-04T00:00:00', time_end: '2025-03-04T23:59:59' }, options: { sort_expression: 'time_start', page_number: 1, rows_per_page: 100 } },
		]);
		const day = run.output('Day');
		expect(day).toHaveLength(9);
		expect(day.map((a) => a.time_start)).toEqual([...day.map((a) => String(a.time_start))].sort());
		expect(day.filter((a) => a.appointment_id === nextId)).toEqual([expect.objectContaining({ time_start: '2025-03-04T09:45:00+11:00', comments: 'Booked by n8n' })]);
		expect(run.output('Find')).toEqual([{ appointment_id: nextId, listed: 9, found: 1 }]);

		// the move: checked first, only the fields set
		const move = { appointment: { appointment_id: nextId, time_start: '2025-03-04T11:00:00', duration: 45, comments: 'Moved by n8n' } };
		expect(bodies('appointment/update/check')).toEqual([move]);
		expect(bodies('appointment/update')).toEqual([move]);
		expect(run.output('Move')).toEqual([
			expect.objectContaining({ appointment_id: nextId, client_id: 1111, time_start: '2025-03-04T11:00:00+11:00', time_end: '2025-03-04T11:45:00+11:00', duration: 45, comments: 'Moved by n8n' }),
		]);

		// the delete
		expect(bodies('appointment/delete')).toEqual([{ appointment_id: nextId }]);
		expect(run.output('Delete')).toEqual([{ appointment_id: nextId, deleted: true }]);
		expect(appointmentById(nextId)).toBeUndefined();
		expect(suite.vendor.state.appointments).toHaveLength(count);
		expect(suite.vendor.emulator.log.every((r) => r.path.startsWith('/api1/v1/'))).toBe(true);
	});

	it('refuses a booking into a taken slot at the check, before any write, with the vendor code', async () => {
		const count = suite.vendor.state.appointments.length;
		const run = await suite.n8n.execute(
			await suite.n8n.importWorkflow(
				workflow('taken slot', { resource: 'appointment', operation: 'add', clientId: '1111', serviceId: 3334, operatorId: 2222, timeStart: '2025-03-04T10:30:00', duration: 30 }),
			),
		);
		expect(run.ok).toBe(false);
		expect(run.error?.node).toBe(NODE);
		expect(run.error?.message).toBe('This appointment cannot fit in this timeslot. [APPOINTMENTSLOTUNAVAILABLE]');
		expect(run.error?.description).toBe('Details: Requested: 30; Available: 0; Appointment 56798 is booked at this time');
		expect(statuses()).toEqual(['appointment/add/check:200']);
		expect(bodies('appointment/add/check')).toEqual([{ appointments: [{ client_id: 1111, duration: 30, operator_id: 2222, service_id: 3334, time_start: '2025-03-04T10:30:00' }] }]);
		expect(suite.vendor.emulator.requests('appointment/add')).toHaveLength(0);
		expect(suite.vendor.state.appointments).toHaveLength(count);
	});

	it('round-trips a client photo byte-identical: PNG binary → Client Image Update → Client Image Get', async () => {
		const png = makePng();
		const run = await suite.n8n.execute(
			await suite.n8n.importWorkflow(
				chain('image round trip', [
					fileNode('Photo', png, 'portrait.png', 'image/png'),
					salonNode('Set Image', { resource: 'clientImage', operation: 'update', clientId: '1113', binaryPropertyName: 'data' }),
					salonNode('Get Image', { resource: 'clientImage', operation: 'get', clientId: '={{ $json.client_id }}', binaryPropertyName: 'photo' }),
					bytesNode('photo'),
				]),
			),
		);
		expect(run.error).toBeUndefined();
		expect(statuses()).toEqual(['client/image/update:200', 'client/image/get:200']);
		expect(bodies('client/image/update')).toEqual([{ client_id: 1113, image: png.toString('base64'), image_media_type: 'image/png' }]);
		expect(bodies('client/image/get')).toEqual([{ client_id: 1113 }]);
		expect(clientAreaData(suite.vendor.state).images.get(1113)?.data.equals(png)).toBe(true);
		expect(run.output('Set Image')).toEqual([{ success: true, client_id: 1113, image_media_type: 'image/png', file_size: png.length }]);
		expect(run.output('Get Image')).toEqual([{ client_id: 1113, has_image: true, image_media_type: 'image/png', file_size: png.length }]);
		expect(run.output('Bytes')).toEqual([{ base64: png.toString('base64'), fileName: 'client-1113.png', mimeType: 'image/png' }]);
	});

	it('round-trips a client file byte-identical: add + PUT to the signed URL without the login token, then Get with download', async () => {
		const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + (i >> 8)) % 256));
		const fileName = 'Samtykke – Ørsted.pdf';
		const run = await suite.n8n.execute(
			await suite.n8n.importWorkflow(
				chain('file round trip', [
					fileNode('Scan', bytes, fileName, 'application/pdf'),
					salonNode('Upload', { resource: 'clientFile', operation: 'upload', clientId: '1112', binaryPropertyName: 'data' }),
					salonNode('Get File', { resource: 'clientFile', operation: 'get', clientFileId: '={{ $json.client_file_id }}', download: true, binaryPropertyName: 'file' }),
					bytesNode('file'),
				]),
			),
		);
		expect(run.error).toBeUndefined();
		expect(statuses()).toEqual(['client_file/add:200', 'storage/upload:200', 'client_file/get:200', 'storage/download:200']);
		const uploaded = run.output('Upload')[0];
		const fileId = Number(uploaded.client_file_id);
		expect(bodies('client_file/add')).toEqual([{ client_file: { client_id: 1112, display_filename: fileName } }]);
		expect(uploaded).toMatchObject({ client_id: 1112, display_filename: fileName, content_type: 'application/pdf', uploaded: true, file_size: bytes.length });
		expect(uploaded).not.toHaveProperty('upload_url');

		const [, put, , get] = suite.vendor.emulator.log;
		expect(put.method).toBe('PUT');
		expect(put.path).toMatch(/^\/storage\/simplesalon-uploadfiles\/12345-\d+-[0-9a-f]+\.pdf$/);
		expect(put.query['X-Goog-Signature']).toMatch(/^[0-9a-f]+$/);
		expect(put.headers.authorization).toBeUndefined();
		expect(put.contentType).toBe('application/pdf');
		expect(Number(put.headers['content-length'])).toBe(bytes.length);
		expect(clientAreaData(suite.vendor.state).files.get(fileId)?.data?.equals(bytes)).toBe(true);

		expect(bodies('client_file/get')).toEqual([{ client_file_id: fileId }]);
		expect(get.method).toBe('GET');
		expect(get.path).toMatch(/^\/storage\/.+\/12345\/1112\/12345-\d+-[0-9a-f]+\.pdf$/);
		expect(get.headers.authorization).toBeUndefined();
		expect(run.output('Get File')).toEqual([expect.objectContaining({ client_file_id: fileId, client_id: 1112, display_filename: fileName })]);
		expect(run.output('Bytes')).toEqual([{ base64: bytes.toString('base64'), fileName, mimeType: 'application/pdf' }]);
		// the API calls went with the login token, the storage host never saw it
		for (const request of suite.vendor.emulator.requests('client_file/add', 'client_file/get')) expect(request.headers.authorization).toMatch(/^Bearer /);
	});

	it('returns all appointments over six pages with Return All, every page asked for once and nothing lost or doubled', async () => {
		const extraIds: number[] = [];
		let id = Math.max(...suite.vendor.state.appointments.map((a) => a.appointment_id));
		// 120 more bookings in May, after the seeded weeks: 384 + 120 rows
		for (let i = 0; i < 120; i++) {
			const day = String(5 + Math.floor(i / 8)).padStart(2, '0');
			const time = `${String(9 + (i % 8)).padStart(2, '0')}:00:00`;
			extraIds.push(++id);
			suite.vendor.state.appointments.push({
				appointment_id: id,
				company_id: COMPANY_ID,
				client_id: 1111 + (i % 50),
				operator_id: i % 2 ? 2223 : 2222,
				service_id: 3334,
				resource_id: 0,
				duration: 30,
				start: `2025-05-${day}T${time}`,
				price: 45,
				comments: 'paging',
				flag_ids: [],
				transaction_id: 0,
				unconfirmed: false,
				date_created: '2025-02-20T12:00:00+11:00',
			});
		}
		try {
			const inRange = suite.vendor.state.appointments
				.filter((a) => a.start >= '2025-03-01T00:00:00' && a.start < '2025-06-01T00:00:00')
				.sort((a, b) => a.start.localeCompare(b.start) || a.appointment_id - b.appointment_id)
				.map((a) => a.appointment_id);
			expect(inRange.length).toBeGreaterThan(500);
			const run = await suite.n8n.execute(
				await suite.n8n.importWorkflow(
					workflow('all appointments', { resource: 'appointment', operation: 'getAll', timeStart: '2025-03-01T00:00:00', timeEnd: '2025-06-01T00:00:00', returnAll: true }),
				),
			);
			expect(run.error).toBeUndefined();
			const pages = Math.floor(inRange.length / 100) + 1;
			expect(pages).toBeGreaterThanOrEqual(6);
			expect(bodies('appointment/list')).toEqual(
				Array.from({ length: pages }, (_, i) => ({
					filters: { time_start: '2025-03-01T00:00:00', time_end: '2025-06-01T00:00:00' },
					options: { sort_expression: 'time_start', page_number: i + 1, rows_per_page: 100 },
				})),
			);
			const items = run.items(NODE);
			expect(items.map((item) => item.json.appointment_id)).toEqual(inRange);
			expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
			expect(items.slice(-120).map((item) => item.json.comments)).toEqual(extraIds.map(() => 'paging'));
		} finally {
			const { appointments } = suite.vendor.state;
			for (let i = appointments.length - 1; i >= 0; i--) if (extraIds.includes(appointments[i].appointment_id)) appointments.splice(i, 1);
		}
	});

	it('refreshes exactly once when the token dies under five items running in parallel, and loses no item', async () => {
		const before = (await suite.n8n.readCredential(credential.id)).sessionToken;
		const counters = { ...suite.vendor.state.counters };
		const ids = [1130, 1131, 1132, 1133, 1134];
		const id = await suite.n8n.importWorkflow(
			workflow(
				'five in parallel',
				{ resource: 'client', operation: 'get', clientId: '={{ $json.id }}', concurrency: 5 },
				{ input: ids.map((clientId) => ({ id: clientId })) },
			),
		);
		// every request waits a second before it is handled, so all five are on the wire together; the first one handled
		// goes through, and the token dies right after it (before the other four are handled)
		suite.vendor.emulator.latencyMs = 1000;
		suite.vendor.emulator.inject({ when: { op: 'client/get' }, times: 1, phase: 'after', action: { type: 'expireSessions' } });
		let run: RunResult;
		try {
			run = await suite.n8n.execute(id);
		} finally {
			suite.vendor.emulator.latencyMs = 0;
		}
		expect(run.error).toBeUndefined();
		const items = run.items(NODE);
		expect(items.map((item) => item.json.client_id)).toEqual(ids);
		expect(items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));

		const log = suite.vendor.emulator.log;
		// five gets in flight at once (all arrived before the refresh), one refresh, four gets again
		expect(log.slice(0, 5).map((r) => r.op)).toEqual(Array(5).fill('client/get'));
		expect(log.slice(0, 5).map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401]);
		expect(statuses().slice(5)).toEqual(['refresh:200', ...Array(4).fill('client/get:200')]);
		expect(suite.vendor.state.counters.refreshes - counters.refreshes).toBe(1);
		expect(suite.vendor.state.counters.logins - counters.logins).toBe(0);
		expect((log[5].body as IDataObject).token).toBe(before);

		const stored = await suite.n8n.readCredential(credential.id);
		expect(stored.sessionToken).not.toBe(before);
		expect(suite.vendor.state.sessions.get(String(before))?.revoked).toBe(true);
		for (const retry of log.slice(6)) expect(retry.headers.authorization).toBe(`Bearer ${String(stored.sessionToken)}`);
		// the retried items each asked for their own client
		expect(log.slice(6).map((r) => (r.body as IDataObject).client_id).sort()).toEqual(
			log.slice(0, 5).filter((r) => r.status === 401).map((r) => (r.body as IDataObject).client_id).sort(),
		);
	});

	it('follows an api_url that changes on refresh: later requests and the stored credential use the new one', async () => {
		const url = suite.vendor.emulator.url;
		const several = workflow(
			'api_url moves',
			{ resource: 'client', operation: 'get', clientId: '={{ $json.id }}', concurrency: 1 },
			{ input: [{ id: 1140 }, { id: 1141 }, { id: 1142 }] },
		);
		const id = await suite.n8n.importWorkflow(several);
		expect((await suite.n8n.readCredential(credential.id)).sessionApiUrl).toBe(`${url}/api1`);
		// the company "moves host": the next refresh hands out /api7; the token dies right after the first item
		suite.vendor.state.apiPrefix = '/api7';
		const logins = suite.vendor.state.counters.logins;
		suite.vendor.emulator.inject({ when: { op: 'client/get' }, times: 1, phase: 'after', action: { type: 'expireSessions' } });
		try {
			const run = await suite.n8n.execute(id);
			expect(run.error).toBeUndefined();
			expect(run.output(NODE).map((c) => c.client_id)).toEqual([1140, 1141, 1142]);
			expect(suite.vendor.emulator.log.map((r) => `${r.path}:${r.status}`)).toEqual([
				'/api1/v1/client/get:200',
				'/api1/v1/client/get:401',
				'/api1/v1/refresh:200',
				'/api7/v1/client/get:200',
				'/api7/v1/client/get:200',
			]);
			const stored = await suite.n8n.readCredential(credential.id);
			expect(stored.sessionApiUrl).toBe(`${url}/api7`);
			expect(suite.vendor.state.sessions.get(String(stored.sessionToken))?.apiPrefix).toBe('/api7');

			// the next execution goes straight to the new api_url
			suite.vendor.emulator.clearLog();
			const again = await suite.n8n.execute(getClient.id!);
			expect(again.output(NODE)[0].client_id).toBe(1111);
			expect(suite.vendor.emulator.log.map((r) => `${r.path}:${r.status}`)).toEqual(['/api7/v1/client/get:200']);
			expect(suite.vendor.state.counters.logins).toBe(logins);
		} finally {
			// new logins land on /api1 again (the credential test below expects it); the live token stays on /api7
			suite.vendor.state.apiPrefix = '/api1';
		}
	});
});

describe('Simple Salon Trigger in a real n8n (activated, polling on each start)', () => {
	const trigger = (name: string, event: string) => ({
		id: crypto.randomUUID(),
		name,
		type: packNodeType('simpleSalonTrigger'),
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: { event, pollTimes: { item: [{ mode: 'everyMinute' }] } },
		credentials,
	});
	const TRIGGERS = ['New Appointment', 'Appointment Changed', 'Appointment Deleted', 'New Client'];
	const watcher: WorkflowJson = {
		id: newId(),
		name: 'Simple Salon: watch the book',
		nodes: [
			trigger(TRIGGERS[0], 'appointmentAdded'),
			trigger(TRIGGERS[1], 'appointmentChanged'),
			trigger(TRIGGERS[2], 'appointmentDeleted'),
			trigger(TRIGGERS[3], 'clientAdded'),
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	let first = 0;

	/** A salon wall-clock time `days` from now (the emulated salon is at +11:00; the test stays days away from any edge). */
	const salonDay = (days: number, time = '10:00:00') => `${new Date(Date.now() + 11 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;
	const book = (start: string, extra: Partial<SalonAppointment> = {}): SalonAppointment => {
		const appointment: SalonAppointment = {
			appointment_id: Math.max(...suite.vendor.state.appointments.map((a) => a.appointment_id)) + 1,
			company_id: COMPANY_ID,
			client_id: 1115,
			operator_id: 2222,
			service_id: 3334,
			resource_id: 0,
			duration: 30,
			start,
			price: 45,
			comments: '',
			flag_ids: [],
			transaction_id: 0,
			unconfirmed: false,
			date_created: `${new Date(Date.now() + 11 * 3_600_000).toISOString().slice(0, 19)}+11:00`,
			...extra,
		};
		suite.vendor.state.appointments.push(appointment);
		return appointment;
	};
	const find = (id: number) => appointmentById(id)!;
	const remove = (id: number) => suite.vendor.state.appointments.splice(suite.vendor.state.appointments.findIndex((a) => a.appointment_id === id), 1);
	const addClient = (firstname: string) => {
		const client = blankClient(suite.vendor.state.nextClientId++, COMPANY_ID);
		client.firstname = firstname;
		suite.vendor.state.clients.set(client.client_id, client);
		return client.client_id;
	};

	/**
	 * Starting n8n activates the workflow and n8n polls every trigger at activation; once each trigger has asked the
	 * salon something, the salon has been quiet for a moment and no run is in flight, n8n is stopped again (stopping
	 * it mid-run would crash the run the poll started).
	 */
	const pollOnce = async () => {
		const start = suite.vendor.emulator.log.length;
		const listed = () => suite.vendor.emulator.log.slice(start).filter((r) => r.op === 'appointment/list' || r.op === 'client/list').length;
		await suite.n8n.start();
		for (let seen = -1, round = 0; round < 80; round++) {
			await delay(750);
			const runs = await suite.n8n.executionsAfter(first, [watcher.id!]);
			const busy = runs.some((run) => run.status === 'new' || run.status === 'running');
			if (!busy && listed() >= TRIGGERS.length && suite.vendor.emulator.log.length === seen) break;
			seen = suite.vendor.emulator.log.length;
		}
		await suite.n8n.stop();
	};

	afterAll(async () => await suite.n8n.unpublish(watcher.id!));

	it('emits each new, changed and deleted appointment and each new client exactly once over three polls', async () => {
		// in the watched days before activation: never reported as new
		const x = book(salonDay(4), { date_created: '2025-01-10T09:00:00+11:00' });
		const y = book(salonDay(5, '14:00:00'), { operator_id: 2223, date_created: '2025-01-10T09:00:00+11:00' });
		const w = book(salonDay(6, '15:00:00'), { date_created: '2025-01-10T09:00:00+11:00' });
		await suite.n8n.importWorkflow(watcher);
		await suite.n8n.publish(watcher.id!);
		first = await suite.n8n.lastExecutionId();

		await pollOnce(); // activation: every trigger records what is there and emits nothing
		expect(await suite.n8n.executionsAfter(first, [watcher.id!])).toEqual([]);

		// poll 1: a booking, a new staff member on X, a new client
		const a = book(salonDay(3));
		find(x.appointment_id).operator_id = 2223;
		const zara = addClient('Zara');
		await pollOnce();

		// poll 2: another booking, A moved, Y deleted, two new clients
		const b = book(salonDay(7, '11:00:00'));
		find(a.appointment_id).start = salonDay(3, '11:30:00');
		remove(y.appointment_id);
		const yusuf = addClient('Yusuf');
		const xavier = addClient('Xavier');
		await pollOnce();

		// poll 3: A cancelled, W flagged as arrived, one more client
		remove(a.appointment_id);
		find(w.appointment_id).flag_ids = [-2];
		const wendy = addClient('Wendy');
		await pollOnce();

		const executions = await suite.n8n.executionsAfter(first, [watcher.id!]);
		expect(executions.map((run) => `${run.mode}:${run.status}`)).toEqual(executions.map(() => 'trigger:success'));
		// one execution per trigger that had something to say in a poll: 3 + 4 + 3
		expect(executions).toHaveLength(10);
		const emitted = executions.flatMap((run) =>
			TRIGGERS.flatMap((node) =>
				run.nodesRun().includes(node) ? run.output(node).map((json) => `${node}:${String(json._event)}:${String(json.appointment_id ?? json.client_id)}`) : [],
			),
		);
		expect(emitted.sort()).toEqual(
			[
				`New Appointment:appointmentAdded:${a.appointment_id}`,
				`New Appointment:appointmentAdded:${b.appointment_id}`,
				`Appointment Changed:appointmentChanged:${x.appointment_id}`,
				`Appointment Changed:appointmentChanged:${a.appointment_id}`,
				`Appointment Changed:appointmentChanged:${w.appointment_id}`,
				`Appointment Deleted:appointmentDeleted:${y.appointment_id}`,
				`Appointment Deleted:appointmentDeleted:${a.appointment_id}`,
				`New Client:clientAdded:${zara}`,
				`New Client:clientAdded:${yusuf}`,
				`New Client:clientAdded:${xavier}`,
				`New Client:clientAdded:${wendy}`,
			].sort(),
		);
		const changes = executions.flatMap((run) => (run.nodesRun().includes('Appointment Changed') ? run.output('Appointment Changed') : []));
		expect(changes.map((c) => [c.appointment_id, c._changes])).toEqual([
			[x.appointment_id, { operator_id: { previous: 2222, current: 2223 } }],
			[a.appointment_id, { time_start: { previous: `${salonDay(3)}+11:00`, current: `${salonDay(3, '11:30:00')}+11:00` } }],
			[w.appointment_id, { flag_ids: { previous: [], current: [-2] } }],
		]);
		const deleted = executions.flatMap((run) => (run.nodesRun().includes('Appointment Deleted') ? run.output('Appointment Deleted') : []));
		expect(deleted[0]).toEqual({
			_event: 'appointmentDeleted',
			appointment_id: y.appointment_id,
			time_start: `${salonDay(5, '14:00:00')}+11:00`,
			duration: 30,
			operator_id: 2223,
			service_id: 3334,
			resource_id: 0,
			client_id: 1115,
			flag_ids: [],
			unconfirmed: false,
			transaction_id: 0,
		});
		// what the triggers asked: appointment windows around today, clients newest first
		for (const request of suite.vendor.emulator.requests('appointment/list')) {
			expect((request.body as { filters: IDataObject }).filters).toMatchObject({ time_start: expect.stringMatching(/T00:00:00$/), time_end: expect.stringMatching(/T00:00:00$/) });
		}
		expect(suite.vendor.emulator.requests('client/list').map((r) => (r.body as { options: IDataObject }).options.sort_expression)).toEqual(
			suite.vendor.emulator.requests('client/list').map(() => 'client_id desc'),
		);
		expect(suite.vendor.emulator.requests('login')).toHaveLength(0);
	}, 10 * 60 * 1000);
});

describe('Simple Salon credential test in a real n8n', () => {
	afterAll(async () => await suite.n8n.stop());

	it('passes by really logging in, then calling the api_url with the new token', async () => {
		const fresh: CredentialSpec = { id: newId(), name: 'Simple Salon (credential test)', type: 'simpleSalonApi', data: suite.vendor.credentialData() };
		const result = await suite.n8n.testCredential(fresh);
		expect(result).toMatchObject({ status: 'OK' });
		expect(ops()).toEqual(['login', 'client/list']);
		const [, list] = suite.vendor.emulator.log;
		expect(list.path).toBe('/api1/v1/client/list');
		expect(list.headers.authorization).toMatch(/^Bearer [0-9a-f]{40}$/);
		expect(list.body).toEqual({ filters: {}, options: { rows_per_page: 1 } });
	}, 5 * 60 * 1000);

	it('fails for a wrong password with the vendor\'s message and without repeating the password', async () => {
		const wrong: CredentialSpec = {
			id: newId(),
			name: 'Simple Salon (wrong password)',
			type: 'simpleSalonApi',
			data: { ...suite.vendor.credentialData(), password: 'wrong & secret=pass' },
		};
		const result = await suite.n8n.testCredential(wrong);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/LOGINFAILED/);
		expect(result.message).not.toContain('wrong & secret=pass');
		expect(ops()).toEqual(['login']);
	}, 5 * 60 * 1000);
});
