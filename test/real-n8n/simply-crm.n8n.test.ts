import { createSimplyCrmEmulator } from '../../emulators/simply-crm';
import { newId, type CredentialSpec, type RunResult, type WorkflowJson } from './harness';
import { vendorSuite } from './vendor-suite';

/*
 * The Simply CRM slice in the released n8n: the packed pack installed as a community package, a credential imported
 * without a session, workflows run with `n8n execute`, and the emulator's request log as the witness.
 */

const NODE = 'Simply CRM';
// a deliberately wrong value, built so it cannot be mistaken for a stored secret
const WRONG_KEY = ['wrong', 'Access', 'Key', '12'].join('');
const suite = vendorSuite({
	label: 'simply-crm',
	nodeName: NODE,
	nodeType: 'simplyCrm',
	credentialType: 'simplyCrmApi',
	createEmulator: () => createSimplyCrmEmulator({ seedCount: 350 }),
	workflows: (): WorkflowJson[] => [getContact],
});
const { credential, ops, workflow } = suite;
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

	it('creates, updates (retrieve-merge-update), deletes, and returns all 350 contacts over four pages', async () => {
		const create = workflow('create contact', {
			resource: 'record',
			operation: 'create',
			module: 'Contacts',
			fields: { field: [{ name: 'lastname', value: "D'Angelo" }, { name: 'firstname', value: 'Rosa' }] },
		});
		const update = workflow('update contact', {
			resource: 'record',
			operation: 'update',
			module: 'Contacts',
			recordId: '12x150',
			fields: { field: [{ name: 'title', value: 'Head of Sales' }] },
		});
		const remove = workflow('delete contact', { resource: 'record', operation: 'delete', recordId: '12x160' });
		const all = workflow('all contacts', { resource: 'record', operation: 'getAll', module: 'Contacts', returnAll: true });
		const ids = await suite.n8n.importWorkflows([create, update, remove, all]);
		const runs: RunResult[] = [];
		for (const id of ids) runs.push(await suite.n8n.execute(id));
		const [createRun, updateRun, deleteRun, allRun] = runs;

		expect(createRun.error).toBeUndefined();
		expect(createRun.output(NODE)[0]).toMatchObject({ lastname: "D'Angelo", firstname: 'Rosa', assigned_user_id: '19x1' });
		expect(JSON.parse((suite.vendor.emulator.requests('create')[0].body as Record<string, string>).element)).toEqual({
			lastname: "D'Angelo",
			firstname: 'Rosa',
			assigned_user_id: '19x1',
		});

		expect(updateRun.error).toBeUndefined();
		const sent = JSON.parse((suite.vendor.emulator.requests('update')[0].body as Record<string, string>).element);
		expect(sent).toMatchObject({ id: '12x150', title: 'Head of Sales' });
		expect(String(sent.lastname)).not.toBe('');
		expect(updateRun.output(NODE)[0]).toMatchObject({ id: '12x150', title: 'Head of Sales', lastname: sent.lastname });

		expect(deleteRun.output(NODE)[0]).toMatchObject({ id: '12x160', status: 'successful' });

		const contacts = allRun.output(NODE).map((r) => r.id);
		expect(contacts).toHaveLength(350);
		expect(new Set(contacts).size).toBe(350);
		expect(contacts).toContain(createRun.output(NODE)[0].id);
		expect(contacts).not.toContain('12x160');
		expect(suite.vendor.emulator.requests('query').map((r) => r.query.query)).toEqual([
			'select * from Contacts order by id limit 0, 100;',
			'select * from Contacts order by id limit 100, 100;',
			'select * from Contacts order by id limit 200, 100;',
			'select * from Contacts order by id limit 300, 100;',
		]);
		expect(logins()).toBe(0);
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
			{ resource: 'record', operation: 'get', recordId: '={{ $json.id }}' },
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
