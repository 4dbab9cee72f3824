import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from './transport';

/** What one operation returns for one input item. */
export type OperationResult = IDataObject | IDataObject[] | INodeExecutionData[];

/**
 * One operation, described once: what the user fills in (`properties`, shown only for this resource and operation)
 * and what runs for each item. The node, the pickers and the item loop are all built from these.
 */
export interface Operation {
	value: string;
	name: string;
	/** The sentence n8n shows in the node panel and uses for AI tools, e.g. "Get a client". */
	action: string;
	description: string;
	properties: INodeProperties[];
	/** The vendor endpoints this operation calls (e.g. `appointment/add/check`, `appointment/add`), for coverage checks. */
	endpoints?: string[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult>;
}

export interface Resource {
	value: string;
	name: string;
	description?: string;
	operations: Operation[];
	/** Operation selected when the resource is picked (defaults to the first one). */
	defaultOperation?: string;
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

const defaultOperationOf = (resource: Resource) => resource.defaultOperation ?? resource.operations[0].value;

/** The Resource picker, one Operation picker per resource, then every operation's fields scoped to it. */
/** Items sent at once unless the user says otherwise: a few in flight speed bulk work without straining small vendors. */
export const DEFAULT_CONCURRENCY = 5;
/** Up to n8n's HTTP Request node default (every item at once) for a batch of that size. */
export const MAX_CONCURRENCY = 1000;

export function describeOperations(
	resources: Resource[],
	options: { concurrency?: { default: number; max: number } } = {},
): INodeProperties[] {
	const firstResource = resources[0].value;
	const resourcePicker: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		description: 'The kind of record to work with',
		options: resources
			.map((r): INodePropertyOptions => ({ name: r.name, value: r.value, description: r.description }))
			.sort(byName),
		default: firstResource,
	};
	const operationPickers = resources.map(
		(resource): INodeProperties => ({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			description: `What to do with the ${resource.name}`,
			displayOptions: { show: { resource: [resource.value] } },
			options: resource.operations
				.map(
					(op): INodePropertyOptions => ({
						name: op.name,
						value: op.value,
						action: op.action,
						description: op.description,
					}),
				)
				.sort(byName),
			default: defaultOperationOf(resource),
		}),
	);
	const fields = resources.flatMap((resource) =>
		resource.operations.flatMap((op) =>
			op.properties.map(
				(property): INodeProperties => ({
					...property,
					displayOptions: {
						...property.displayOptions,
						show: { ...property.displayOptions?.show, resource: [resource.value], operation: [op.value] },
					},
				}),
			),
		),
	);
	const { default: concurrency, max } = options.concurrency ?? { default: DEFAULT_CONCURRENCY, max: MAX_CONCURRENCY };
	return [resourcePicker, ...operationPickers, ...fields, concurrencyProperty(concurrency, max), requestOptionsProperty()];
}

export function findOperation(resources: Resource[], resource: string, operation: string): Operation | undefined {
	return resources.find((r) => r.value === resource)?.operations.find((op) => op.value === operation);
}

function asItems(result: OperationResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) => {
		const item = (entry as INodeExecutionData).json !== undefined && typeof (entry as INodeExecutionData).json === 'object'
			? (entry as INodeExecutionData)
			: { json: entry as IDataObject };
		return { ...item, pairedItem: item.pairedItem ?? { item: itemIndex } };
	});
}

/** The node-level "Concurrency" parameter, for nodes that offer it (`describeOperations(resources, { concurrency })`). */
export function concurrencyProperty(defaultValue: number, max: number): INodeProperties {
	return {
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: max },
		default: defaultValue,
		description: `How many items are sent to the vendor at the same time (1 to ${max}). Output order and item pairing stay as they are, each item still fails on its own, and when the vendor says "too many requests" every item waits. Without Continue On Fail, items already on their way when one fails still complete.`,
	};
}

/** Node-level retry limit and timeout, read by the shared transport for every request of the run. */
export function requestOptionsProperty(): INodeProperties {
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add Option',
		description: 'How requests to the vendor are retried and how long they may take',
		default: {},
		options: [
			{
				displayName: 'Retry Limit',
				name: 'retryLimit',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: DEFAULT_MAX_RETRIES,
				description:
					'How many times a read or a safe-to-repeat write is tried again after "too many requests", a server error, a dropped connection or a timeout (waits grow each time, with random jitter; the vendor\'s Retry-After wins). Writes that could happen twice are only repeated after "too many requests".',
			},
			{
				displayName: 'Timeout',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_TIMEOUT_MS,
				description: 'Milliseconds to wait for the vendor to answer a request before giving up on it',
			},
		],
	};
}

/** The failure of one item, as n8n wants it: a NodeApiError/NodeOperationError tied to the item. */
function asFailure(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	const failure =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	if (failure.context.itemIndex === undefined) failure.context.itemIndex = itemIndex;
	return failure;
}

function errorItem(failure: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: failure.message };
	if (failure.description) json.description = failure.description;
	if (failure instanceof NodeApiError && failure.httpCode) json.httpCode = failure.httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * The item loop shared by every action node: runs the chosen operation for each item, pairs every output item with
 * its input, and on failure either stops with an error tied to the item or, with "Continue On Fail", emits an error
 * item in its place and goes on. With a "Concurrency" above 1, up to that many items run at once; the output keeps
 * the input order, and after a failure (without Continue On Fail) no further item is started.
 */
export async function executeOperations(this: IExecuteFunctions, resources: Resource[]): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const results: INodeExecutionData[][] = new Array(items.length);
	const runItem = async (itemIndex: number): Promise<INodeExecutionData[]> => {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		// checked before reading "operation": n8n hides (and refuses to read) the picker of an unknown resource
		if (!resources.some((r) => r.value === resource)) {
			throw new NodeOperationError(this.getNode(), `The field "Resource" has an unknown value "${resource}" in item ${itemIndex}`, {
				itemIndex,
			});
		}
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		const op = findOperation(resources, resource, operation);
		if (!op) {
			throw new NodeOperationError(
				this.getNode(),
				`The field "Operation" has an unknown value "${operation}" for resource "${resource}" in item ${itemIndex}`,
				{ itemIndex },
			);
		}
		return asItems(await op.execute.call(this, itemIndex), itemIndex);
	};
	// nodes without the parameter get the fallback: one item at a time
	const concurrency = items.length > 1 ? Math.max(1, Math.floor(Number(this.getNodeParameter('concurrency', 0, 1)) || 1)) : 1;
	let next = 0;
	type Stop = { itemIndex: number; failure: NodeApiError | NodeOperationError };
	const run: { stopped?: Stop } = {};
	const runOne = async (itemIndex: number) => {
		try {
			results[itemIndex] = await runItem(itemIndex);
		} catch (error) {
			const failure = asFailure(this, error, itemIndex);
			if (this.continueOnFail()) {
				results[itemIndex] = [errorItem(failure, itemIndex)];
			} else {
				// another worker may have stopped the run meanwhile: the earliest failing item wins
				const prior = run.stopped as Stop | undefined;
				if (!prior || itemIndex < prior.itemIndex) run.stopped = { itemIndex, failure };
			}
		}
	};
	const worker = async () => {
		while (!run.stopped && next < items.length) await runOne(next++);
	};
	// one item alone first: a cold session is then logged in once, not once per parallel item
	if (concurrency > 1) {
		next = 1;
		await runOne(0);
	}
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	if (run.stopped) throw run.stopped.failure;
	return [results.flat()];
}

/** What each optional-field collection is for, in the words its tooltip shows. */
const COLLECTION_HELP: Record<string, string> = {
	Filters: 'Only return records that match the filters you add',
	'Additional Fields': 'Optional fields; only the ones you add are sent',
	'Update Fields': 'The fields to change; only the ones you add are sent, the others keep their value',
	Options: 'Optional settings for this operation',
};

/** An optional-field collection (Filters, Additional Fields, Update Fields, Options) with its placeholder and help. */
export function optionalCollection(name: string, displayName: string, options: INodeProperties[]): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: displayName === 'Filters' ? 'Add Filter' : displayName === 'Options' ? 'Add Option' : 'Add Field',
		description: COLLECTION_HELP[displayName] ?? 'Optional fields; only the ones you add are sent',
		default: {},
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
