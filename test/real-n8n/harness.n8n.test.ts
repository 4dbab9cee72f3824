import { http } from 'business-pack-devkit';

import { createN8n, manualWorkflow, newId, type CredentialSpec, type N8nInstance } from './harness';

/*
 * The harness proven with n8n's own nodes only, so it holds whatever state the pack is in: import, execute,
 * execute-batch, a failing run, continueOnFail, credentials stored encrypted and read back, the credential test.
 */

interface Seen {
	method: string;
	url: string;
	authorization?: string;
	apiKey?: string;
}

/** A stand-in API on 127.0.0.1 that accepts `token good` (GitHub-style) or the X-Api-Key `key-1`. */
async function startApi() {
	const seen: Seen[] = [];
	const server = http.createServer((request, response) => {
		const authorization = request.headers.authorization;
		const apiKey = request.headers['x-api-key'] as string | undefined;
		seen.push({ method: request.method ?? '', url: request.url ?? '', authorization, apiKey });
		const ok = authorization === 'token good' || apiKey === 'key-1';
		response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
		response.end(
			JSON.stringify(ok ? { login: 'octocat', path: request.url } : { message: 'Bad credentials' }),
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const setNode = (name: string) => ({
	name,
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	parameters: {
		assignments: {
			assignments: [{ id: 'double', name: 'doubled', value: '={{ $json.n * 2 }}', type: 'number' }],
		},
		includeOtherFields: true,
		options: {},
	},
});

const checkNode = (continueOnFail: boolean) => ({
	name: 'Check',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	continueOnFail,
	parameters: {
		mode: 'runOnceForEachItem',
		jsCode:
			"if (typeof $json.n !== 'number') throw new Error(`item ${$itemIndex}: n must be a number`);\nreturn { json: { n: $json.n, ok: true } };",
	},
});

describe('real-n8n harness (n8n nodes only)', () => {
	let n8n: N8nInstance;
	let api: Awaited<ReturnType<typeof startApi>>;

	beforeAll(async () => {
		api = await startApi();
		n8n = await createN8n({ label: 'harness' });
	});

	afterAll(async () => {
		await n8n?.dispose();
		await api?.close();
	});

	it('imports and executes Manual Trigger → Code → Set, with items and pairedItem', async () => {
		const id = await n8n.importWorkflow(
			manualWorkflow({
				name: 'harness: set',
				input: [{ n: 1 }, { n: 2 }, { n: 3 }],
				nodes: [setNode('Set')],
			}),
		);
		const run = await n8n.execute(id);

		expect(run.error).toBeUndefined();
		expect(run.status).toBe('success');
		expect(run.nodesRun()).toEqual(['Manual Trigger', 'Input', 'Set']);
		expect(run.output('Set')).toEqual([
			{ n: 1, doubled: 2 },
			{ n: 2, doubled: 4 },
			{ n: 3, doubled: 6 },
		]);
		expect(run.items('Set').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(() => run.output('Nope')).toThrow('node "Nope" did not run');
	});

	it('reports a failing workflow with the error and the node that threw', async () => {
		const id = await n8n.importWorkflow(
			manualWorkflow({
				name: 'harness: fails',
				input: [{ n: 1 }, { n: 'two' }],
				nodes: [checkNode(false)],
			}),
		);
		const run = await n8n.execute(id);

		expect(run.ok).toBe(false);
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain('item 1: n must be a number');
		expect(run.error?.node).toBe('Check');
		expect(run.output('Input')).toHaveLength(2);
	});

	it('reports a run that n8n refuses before its first node (a required parameter left empty)', async () => {
		const id = await n8n.importWorkflow(
			manualWorkflow({
				name: 'harness: issues',
				nodes: [
					{
						name: 'Request',
						type: 'n8n-nodes-base.httpRequest',
						typeVersion: 4.2,
						parameters: { url: '' },
					},
				],
			}),
		);
		const run = await n8n.execute(id);

		expect(run.status).toBe('error');
		expect(run.error?.message).toContain("The 'Request' node has issues");
		expect(run.nodesRun()).toEqual([]);
	});

	it('keeps going past a bad item with continueOnFail, the error on that item', async () => {
		const id = await n8n.importWorkflow(
			manualWorkflow({
				name: 'harness: continue',
				input: [{ n: 1 }, { n: 'two' }, { n: 3 }],
				nodes: [checkNode(true)],
			}),
		);
		const run = await n8n.execute(id);

		expect(run.ok).toBe(true);
		const items = run.items('Check');
		expect(items.map((item) => item.json.ok ?? null)).toEqual([true, null, true]);
		expect(String(items[1].json.error)).toContain('item 1: n must be a number');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('stores an imported credential encrypted, uses it in a request, and reads it back decrypted', async () => {
		const credential: CredentialSpec = {
			id: newId(),
			name: 'Header key',
			type: 'httpHeaderAuth',
			data: { name: 'X-Api-Key', value: 'key-1' },
		};
		await n8n.importCredentials([credential]);
		const id = await n8n.importWorkflow(
			manualWorkflow({
				name: 'harness: http',
				nodes: [
					{
						name: 'Request',
						type: 'n8n-nodes-base.httpRequest',
						typeVersion: 4.2,
						parameters: {
							url: `${api.url}/things/1`,
							authentication: 'genericCredentialType',
							genericAuthType: 'httpHeaderAuth',
							options: {},
						},
						credentials: { httpHeaderAuth: { id: credential.id, name: credential.name } },
					},
				],
			}),
		);
		const before = api.seen.length;
		const run = await n8n.execute(id);

		expect(run.error).toBeUndefined();
		expect(run.output('Request')).toEqual([{ login: 'octocat', path: '/things/1' }]);
		expect(api.seen.slice(before)).toEqual([
			{ method: 'GET', url: '/things/1', authorization: undefined, apiKey: 'key-1' },
		]);
		expect(await n8n.readCredential(credential.id)).toEqual(credential.data);
	});

	it('runs several workflows in one execute-batch cold start, with a full result per workflow', async () => {
		const [first, failing, second] = await n8n.importWorkflows([
			manualWorkflow({ name: 'batch: first', input: [{ n: 10 }], nodes: [setNode('Set')] }),
			manualWorkflow({ name: 'batch: failing', input: [{ n: 'x' }], nodes: [checkNode(false)] }),
			manualWorkflow({
				name: 'batch: second',
				input: [{ n: 20 }, { n: 21 }],
				nodes: [setNode('Set')],
			}),
		]);
		const results = await n8n.executeMany([first, failing, second]);

		expect(results.map((result) => [result.workflowId, result.status])).toEqual([
			[first, 'success'],
			[failing, 'error'],
			[second, 'success'],
		]);
		expect(results[0].output('Set')).toEqual([{ n: 10, doubled: 20 }]);
		expect(results[2].output('Set')).toEqual([
			{ n: 20, doubled: 40 },
			{ n: 21, doubled: 42 },
		]);
		expect(results[1].error?.message).toContain('item 0: n must be a number');
		expect(results[1].error?.node).toBe('Check');
		expect(n8n.timings.filter((timing) => timing.op === 'n8n execute-batch')).toHaveLength(1);
	});

	it('tests a credential the way the Test button does, against a running n8n', async () => {
		const github = (token: string): CredentialSpec => ({
			id: newId(),
			name: `GitHub ${token}`,
			type: 'githubApi',
			data: { server: api.url, user: 'octocat', accessToken: token },
		});
		const good = github('good');
		const bad = github('bad');
		await n8n.importCredentials([good, bad]);
		const before = api.seen.length;

		expect(await n8n.testCredential(good)).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(api.seen[before]).toEqual({
			method: 'GET',
			url: '/user',
			authorization: 'token good',
			apiKey: undefined,
		});
		const failed = await n8n.testCredential(bad);
		expect(failed.status).toBe('Error');
		expect(api.seen.slice(before + 1).every((seen) => seen.authorization === 'token bad')).toBe(
			true,
		);
		expect(n8n.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

		await n8n.stop();
		expect(n8n.url).toBeUndefined();
	});
});
