import { NodeOperationError, sleep, type IDataObject, type IExecuteFunctions, type INodeType } from 'n8n-workflow';

import { describeOperations, executeOperations, type Resource } from '../../nodes/shared/execute';
import { CredentialStore, runNode } from '../kit/node-runner';

/*
 * The shared item loop with "Concurrency": items overlap up to the limit, output order and pairing follow the input,
 * and errors stay per item.
 */

let running = 0;
let peak = 0;
const started: number[] = [];

const resources: Resource[] = [
	{
		value: 'thing',
		name: 'Thing',
		operations: [
			{
				value: 'echo',
				name: 'Echo',
				action: 'Echo an item',
				description: 'Waits, then returns the item',
				properties: [{ displayName: 'Wait', name: 'wait', type: 'number', default: 0 }],
				async execute(this: IExecuteFunctions, itemIndex: number) {
					started.push(itemIndex);
					running++;
					peak = Math.max(peak, running);
					await sleep(this.getNodeParameter('wait', itemIndex) as number);
					running--;
					const json = this.getInputData()[itemIndex].json as IDataObject;
					if (json.fail) throw new NodeOperationError(this.getNode(), `The field "Wait" is bad in item ${itemIndex}`, { itemIndex });
					return json;
				},
			},
		],
	},
];

class Looper implements INodeType {
	description = {
		displayName: 'Looper',
		name: 'looper',
		group: ['transform'],
		version: 1,
		description: 'Test node',
		defaults: { name: 'Looper' },
		inputs: ['main'],
		outputs: ['main'],
		properties: describeOperations(resources, { concurrency: { default: 1, max: 10 } }),
	} as INodeType['description'];

	async execute(this: IExecuteFunctions) {
		return await executeOperations.call(this, resources);
	}
}

const store = new CredentialStore();
const credential = store.add('none', {});
const run = (parameters: IDataObject, input: IDataObject[], continueOnFail = false) =>
	runNode({ node: new Looper(), credentialTypes: [], store, credential, parameters: { resource: 'thing', operation: 'echo', ...parameters }, continueOnFail }, input);

beforeEach(() => {
	running = 0;
	peak = 0;
	started.length = 0;
});

describe('the shared item loop', () => {
	it('runs one item at a time by default', async () => {
		const result = await run({ wait: '={{ $json.wait }}' }, [{ n: 0, wait: 30 }, { n: 1, wait: 10 }, { n: 2, wait: 1 }]);
		expect(result.items.map((i) => i.json.n)).toEqual([0, 1, 2]);
		expect(peak).toBe(1);
	});

	it('overlaps up to Concurrency items and keeps the output in input order with pairing', async () => {
		const input = [40, 5, 30, 1, 20, 2, 10].map((wait, n) => ({ n, wait }));
		const result = await run({ wait: '={{ $json.wait }}', concurrency: 3 }, input);
		expect(result.error).toBeUndefined();
		expect(peak).toBe(3);
		expect(result.items.map((i) => i.json.n)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(result.items.map((i) => i.pairedItem)).toEqual(input.map((_, item) => ({ item })));
	});

	it('keeps errors per item with Continue On Fail', async () => {
		const result = await run({ wait: 5, concurrency: 4 }, [{ n: 0 }, { n: 1, fail: true }, { n: 2 }, { n: 3, fail: true }], true);
		expect(result.items.map((i) => i.json.n ?? i.json.error)).toEqual([
			0,
			'The field "Wait" is bad in item 1',
			2,
			'The field "Wait" is bad in item 3',
		]);
		expect(result.items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	});

	it('stops starting items after a failure and reports the first failing item', async () => {
		const input = Array.from({ length: 10 }, (_, n) => ({ n, fail: n === 1 }));
		const result = await run({ wait: 5, concurrency: 2 }, input);
		expect(result.error?.message).toBe('The field "Wait" is bad in item 1');
		expect(started.length).toBeLessThan(10);
	});
});
