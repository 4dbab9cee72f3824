import { crypto, delay } from 'business-pack-devkit';

import { createSimplyCrmEmulator } from '../../emulators/simply-crm';
import { manualWorkflow, newId, packNodeType, type CredentialSpec, type RunResult, type WorkflowJson } from './harness';
import { vendorSuite } from './vendor-suite';

/*
 * The Simply CRM slice in the released n8n: the packed pack installed as a community package, a credential imported
 * without a session, workflows run with `n8n execute`, and the emulator's request log as the witness.
 */

const NODE = 'Simply CRM';
let pinnedMs: number | undefined;
// a deliberately wrong value, built so it cannot be mistaken for a stored secret
const WRONG_KEY = ['wrong', 'Access', 'Key', '12'].join('');
const suite = vendorSuite({
	label: 'simply-crm',
	nodeName: NODE,
	nodeType: 'simplyCrm',
	credentialType: 'simplyCrmApi',
	// the trigger test pins the CRM's clock to make records share a second
	createEmulator: () => createSimplyCrmEmulator({ seedCount: 350, clock: () => pinnedMs ?? Date.now() }),
	workflows: (): WorkflowJson[] => [getContact],
});
const { credential, ops, workflow } = suite;
const credentials = { simplyCrmApi: { id: credential.id, name: credential.name } };
const getContact = workflow('get contact', { resource: 'record', operation: 'get', recordId: '12x141' });

const logins = () => suite.vendor.emulator.requests('login').length;

function expectNoSecrets(run: RunResult, session: unknown) {
	const text = JSON.stringify(run.raw);
	expect(text).not.toContain(String(credential.data.accessKey));
	if (session) expect(text).not.toContain(String(session));
}

describe('Simply CRM in a real n8n', () => {
	it('gets a record: getchallenge + md5 login once, and the session is stored with the credential', async () => {
		const run = await suite.n8n.execute(getContact.id!);
		expect(run.error).toBeUndefined();
		expect(run.output(NODE)).toEqual([expect.objectContaining({ id: '12x141' })]);
		expect(ops()).toEqual(['getchallenge', 'login', 'retrieve']);
		const login = suite.vendor.emulator.requests('login')[0];
		expect(login.contentType).toContain('application/x-www-form-urlencoded');
		const stored = await suite.n8n.readCredential(credential.id);
		expect(suite.vendor.emulator.requests('retrieve')[0].query.sessionName).toBe(stored.sessionName);
		expectNoSecrets(run, stored.sessionName);
	});

	it('reuses the stored session on a second execution: no login', async () => {
		const run = await suite.n8n.execute(getContact.id!);
		expect(run.ok).toBe(true);
		expect(ops()).toEqual(['retrieve']);
	});

	it('creates, gets, updates (retrieve-merge-update keeps untouched fields), returns all contacts over four pages, deletes', async () => {
		const column = (id: string, required = false) => ({ id, displayName: id, required, defaultMatch: id === 'id', display: true, type: 'string', canBeUsedToMatch: true });
		const create = workflow('create contact', {
			resource: 'record',
			operation: 'create',
			module: 'Contacts',
			columns: {
				mappingMode: 'defineBelow',
				value: { lastname: "D'Angelo", firstname: 'Rosa', email: 'rosa@example.com' },
				matchingColumns: [],
				schema: [column('lastname', true), column('firstname'), column('email')],
			},
		});
		const get = workflow('get created contact', { resource: 'record', operation: 'get', recordId: '={{ $json.id }}' }, { input: [{ id: 'later' }] });
		const update = workflow('update contact', {
			resource: 'record',
			operation: 'update',
			module: 'Contacts',
			columns: {
				mappingMode: 'defineBelow',
				value: { id: '12x150', title: 'Head of Sales' },
				matchingColumns: ['id'],
				schema: [column('id'), column('title')],
			},
		});
		// built in run order: execute-batch runs workflows in ascending id (= creation) order
		const all = workflow('all contacts', { resource: 'record', operation: 'getAll', module: 'Contacts', returnAll: true });
		const remove = workflow('delete contact', { resource: 'record', operation: 'delete', recordId: '12x160' });
		const before = { ...suite.vendor.state.records.Contacts.find((r) => r.values.id === '12x150')!.values };

		const createRun = await suite.n8n.execute(await suite.n8n.importWorkflow(create));
		expect(createRun.error).toBeUndefined();
		const created = createRun.output(NODE)[0];
		expect(created).toMatchObject({ lastname: "D'Angelo", firstname: 'Rosa', email: 'rosa@example.com', assigned_user_id: '19x1' });
		expect(JSON.parse((suite.vendor.emulator.requests('create')[0].body as Record<string, string>).element)).toEqual({
			lastname: "D'Angelo",
			firstname: 'Rosa',
			email: 'rosa@example.com',
			assigned_user_id: '19x1',
		});

		get.nodes[1].parameters = { jsCode: `return [{ json: { id: ${JSON.stringify(created.id)} } }];` };
		const [getRun, updateRun, allRun, deleteRun] = await suite.n8n.executeMany(await suite.n8n.importWorkflows([get, update, all, remove]));
		expect(getRun.output(NODE)).toEqual([expect.objectContaining({ id: created.id, lastname: "D'Angelo" })]);

		expect(updateRun.error).toBeUndefined();
		const sent = JSON.parse((suite.vendor.emulator.requests('update')[0].body as Record<string, string>).element);
		expect(sent).toMatchObject({ id: '12x150', title: 'Head of Sales' });
		const after = suite.vendor.state.records.Contacts.find((r) => r.values.id === '12x150')!.values;
		// every field the user did not touch is still what it was
		for (const field of ['lastname', 'firstname', 'email', 'phone', 'mailingcity', 'cf_851']) expect(after[field]).toBe(before[field]);
		expect(after.title).toBe('Head of Sales');
		expect(updateRun.output(NODE)[0]).toMatchObject({ id: '12x150', title: 'Head of Sales', lastname: before.lastname });

		const contacts = allRun.output(NODE).map((r) => r.id);
		expect(contacts).toHaveLength(351);
		expect(new Set(contacts).size).toBe(351);
		expect(contacts).toContain(created.id);
		expect(suite.vendor.emulator.requests('query').map((r) => r.query.query)).toEqual([
			'select * from Contacts order by id limit 0, 100;',
			'select * from Contacts order by id limit 100, 100;',
			'select * from Contacts order by id limit 200, 100;',
			'select * from Contacts order by id limit 300, 100;',
		]);

		expect(deleteRun.output(NODE)[0]).toMatchObject({ id: '12x160', status: 'successful' });
		expect(suite.vendor.state.records.Contacts.find((r) => r.values.id === '12x160')!.deleted).toBe(true);
		expect(logins()).toBe(0);
	});

	it('uploads a document from a binary field and downloads it byte-identical', async () => {
		const bytes = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7) % 256));
		const fileName = 'Tilbud – Østergård.pdf';
		const roundTrip = manualWorkflow({
			name: 'Simply CRM: document round trip',
			nodes: [
				{
					name: 'File',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					parameters: {
						jsCode: `return [{ json: {}, binary: { data: { data: ${JSON.stringify(bytes.toString('base64'))}, mimeType: 'application/pdf', fileName: ${JSON.stringify(fileName)} } } }];`,
					},
				},
				{ name: 'Upload', type: packNodeType('simplyCrm'), parameters: { resource: 'document', operation: 'upload', binaryPropertyName: 'data' }, credentials },
				{ name: 'Download', type: packNodeType('simplyCrm'), parameters: { resource: 'document', operation: 'download', documentId: '={{ $json.id }}', binaryPropertyName: 'file' }, credentials },
				{
					name: 'Bytes',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					parameters: {
						jsCode: "const buffer = await this.helpers.getBinaryDataBuffer(0, 'file'); const file = $input.first().binary.file; return [{ json: { base64: buffer.toString('base64'), fileName: file.fileName, mimeType: file.mimeType } }];",
					},
				},
			],
		});
		const run = await suite.n8n.execute(await suite.n8n.importWorkflow(roundTrip));
		expect(run.error).toBeUndefined();
		expect(run.output('Upload')[0]).toMatchObject({ notes_title: fileName, filename: fileName, filelocationtype: 'I' });
		const upload = suite.vendor.emulator.requests('create')[0];
		expect(upload.contentType).toMatch(/^multipart\/form-data; boundary=/);
		expect(suite.vendor.emulator.requests('files_retrieve')[0].query.id).toBe(run.output('Upload')[0].id);
		expect(run.output('Bytes')[0]).toEqual({ base64: bytes.toString('base64'), fileName, mimeType: 'application/pdf' });
		expect(logins()).toBe(0);
	});

	it('lets two executions log in at the same moment: the one whose challenge was replaced logs in again', async () => {
		suite.vendor.emulator.expireSessions();
		// hold the first login until the second execution has asked for its own challenge (which replaces the first one's)
		suite.vendor.emulator.inject({ when: { op: 'login' }, times: 1, action: { type: 'delay', ms: 6000 } });
		const runs = await Promise.all([suite.n8n.execute(getContact.id!), suite.n8n.execute(getContact.id!)]);
		for (const run of runs) {
			expect(run.error).toBeUndefined();
			expect(run.output(NODE)[0].id).toBe('12x141');
		}
		// a login whose challenge was replaced is refused and that execution asks for a new challenge once: 3 challenges when
		// the held login is the replaced one, 4 when the other execution's login lands first (both are refused once then)
		const challenges = suite.vendor.emulator.requests('getchallenge').length;
		expect([3, 4]).toContain(challenges);
		expect(logins()).toBe(challenges);
	});

	it('recovers from one expiry with exactly one login over three executions', async () => {
		suite.vendor.emulator.expireSessions();
		for (let run = 0; run < 3; run++) {
			const result = await suite.n8n.execute(getContact.id!);
			expect(result.error).toBeUndefined();
			expect(result.output(NODE)[0].id).toBe('12x141');
		}
		expect(ops()).toEqual(['retrieve', 'getchallenge', 'login', 'retrieve', 'retrieve', 'retrieve']);
	});

	it('recovers from an expiry in the middle of a run without failing an item', async () => {
		const several = workflow(
			'get several',
			{ resource: 'record', operation: 'get', recordId: '={{ $json.id }}', concurrency: 1 },
			{ input: [{ id: '12x142' }, { id: '12x143' }, { id: '12x144' }] },
		);
		const id = await suite.n8n.importWorkflow(several);
		suite.vendor.emulator.inject({ when: { op: 'retrieve' }, times: 1, action: { type: 'delay', ms: 0 } });
		suite.vendor.emulator.inject({ when: { op: 'retrieve' }, times: 1, action: { type: 'expireSessions' } });
		const run = await suite.n8n.execute(id);
		expect(run.error).toBeUndefined();
		expect(run.output(NODE).map((r) => r.id)).toEqual(['12x142', '12x143', '12x144']);
		expect(ops()).toEqual(['retrieve', 'retrieve', 'getchallenge', 'login', 'retrieve', 'retrieve']);
	});

	it('fails a bad input with a clear message naming the field and item, before any request', async () => {
		const run = await suite.n8n.execute(await suite.n8n.importWorkflow(workflow('bad id', { resource: 'record', operation: 'get', recordId: '1/F667' })));
		expect(run.ok).toBe(false);
		expect(run.error?.message).toBe('The field "Record ID" has an invalid value "1/F667" in item 0');
		expect(suite.vendor.emulator.log).toHaveLength(0);
	});

	it('continues on fail with an error item in place of each failing item', async () => {
		const mixed = workflow(
			'continue on fail',
			{ resource: 'record', operation: 'get', recordId: '={{ $json.id }}' },
			{ input: [{ id: '12x145' }, { id: '12x999999' }, { id: 'nope' }, { id: '12x146' }], extra: { continueOnFail: true } },
		);
		const run = await suite.n8n.execute(await suite.n8n.importWorkflow(mixed));
		expect(run.error).toBeUndefined();
		const items = run.items(NODE);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0].json.id).toBe('12x145');
		expect(String(items[1].json.error)).toMatch(/ACCESS_DENIED|Permission/);
		expect(items[2].json.error).toBe('The field "Record ID" has an invalid value "nope" in item 2');
		expect(items[3].json.id).toBe('12x146');
		expect(ops()).toEqual(['retrieve', 'retrieve', 'retrieve']);
		expectNoSecrets(run, (await suite.n8n.readCredential(credential.id)).sessionName);
	});
});

describe('Simply CRM Trigger in a real n8n (activated, polling on each start)', () => {
	const trigger = (name: string, event: string) => ({
		id: crypto.randomUUID(),
		name,
		type: packNodeType('simplyCrmTrigger'),
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: { event, scope: 'one', module: 'Contacts', source: 'sync', syncType: 'application', pollTimes: { item: [{ mode: 'everyMinute' }] } },
		credentials,
	});
	const watcher: WorkflowJson = {
		id: newId(),
		name: 'Simply CRM: watch contacts',
		nodes: [trigger('Changed', 'createdOrUpdated'), trigger('Deleted', 'deleted')],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	const backend = () => suite.vendor.backend;
	const newContact = (lastname: string) => backend().create('Contacts', { lastname, assigned_user_id: '19x1' }, 1).id;
	let first = 0;
	/**
	 * Starting n8n activates the workflow and n8n polls every trigger at activation; once the CRM has been quiet for a
	 * moment and no run is in flight, n8n is stopped again (stopping it mid-run would crash the run the poll started).
	 */
	const pollOnce = async () => {
		await suite.n8n.start();
		for (let seen = -1, round = 0; round < 60; round++) {
			await delay(750);
			const runs = await suite.n8n.executionsAfter(first, [watcher.id!]);
			const busy = runs.some((run) => run.status === 'new' || run.status === 'running');
			if (!busy && suite.vendor.emulator.log.length === seen) break;
			seen = suite.vendor.emulator.log.length;
		}
		await suite.n8n.stop();
	};

	afterAll(async () => {
		pinnedMs = undefined;
		await suite.n8n.unpublish(watcher.id!);
	});

	it('emits each insert, update and delete exactly once across polls and restarts, with two records in one second', async () => {
		pinnedMs = Math.floor(Date.now() / 1000) * 1000;
		await suite.n8n.importWorkflow(watcher);
		await suite.n8n.publish(watcher.id!);
		first = await suite.n8n.lastExecutionId();

		await pollOnce(); // activation: the cursor starts at the server's clock and nothing old is emitted
		expect(await suite.n8n.executionsAfter(first, [watcher.id!])).toEqual([]);
		expect(ops()).toContain('getchallenge');

		pinnedMs += 10_000;
		const a = newContact('Able');
		const b = newContact('Baker');
		backend().touch('12x141', { title: 'Changed in the CRM' });
		backend().softDelete('12x142');
		await pollOnce();

		pinnedMs += 10_000;
		const c = newContact('Charlie');
		backend().touch(a, { title: 'Changed too' });
		backend().softDelete(b);
		await pollOnce();
		// same second as Charlie, written after the poll that saw Charlie
		const d = newContact('Delta');
		await pollOnce();

		const executions = await suite.n8n.executionsAfter(first, [watcher.id!]);
		expect(executions.map((run) => run.status)).toEqual(executions.map(() => 'success'));
		const emitted = executions.flatMap((run) => {
			expect(run.mode).toBe('trigger');
			return ['Changed', 'Deleted'].flatMap((node) =>
				run.nodesRun().includes(node) ? run.output(node).map((json) => `${node}:${String(json.id)}:${String(json._event)}`) : [],
			);
		});
		expect(emitted.sort()).toEqual(
			[
				`Changed:${a}:created`,
				`Changed:${b}:created`,
				'Changed:12x141:updated',
				'Deleted:12x142:deleted',
				`Changed:${c}:created`,
				`Changed:${a}:updated`,
				`Deleted:${b}:deleted`,
				`Changed:${d}:created`,
			].sort(),
		);
		expect(suite.vendor.emulator.requests('sync').every((r) => r.query.syncType === 'application' && r.query.elementType === 'Contacts')).toBe(true);
	}, 10 * 60 * 1000);
});

describe('Simply CRM credential test in a real n8n', () => {
	afterAll(async () => await suite.n8n.stop());

	it('passes by really logging in', async () => {
		const fresh: CredentialSpec = { id: newId(), name: 'Simply CRM (credential test)', type: 'simplyCrmApi', data: suite.vendor.credentialData() };
		const result = await suite.n8n.testCredential(fresh);
		expect(result).toMatchObject({ status: 'OK' });
		expect(ops()).toEqual(['getchallenge', 'login', 'listtypes']);
	}, 5 * 60 * 1000);

	it('fails for a wrong access key with the whitelist hint and no secret', async () => {
		const wrong: CredentialSpec = {
			id: newId(),
			name: 'Simply CRM (wrong key)',
			type: 'simplyCrmApi',
			data: { ...suite.vendor.credentialData(), accessKey: WRONG_KEY },
		};
		const result = await suite.n8n.testCredential(wrong);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/INVALID_USER_CREDENTIALS/);
		expect(result.message).not.toContain(WRONG_KEY);
	}, 5 * 60 * 1000);
});
