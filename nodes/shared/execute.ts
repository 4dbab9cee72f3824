import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

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
export function describeOperations(resources: Resource[]): INodeProperties[] {
	const firstResource = resources[0].value;
	const resourcePicker: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
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
	return [resourcePicker, ...operationPickers, ...fields];
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

/**
 * The item loop shared by every action node: runs the chosen operation for each item, pairs every output item with
 * its input, and on failure either stops with an error tied to the item or, with "Continue On Fail", emits an error
 * item in its place and goes on.
 */
export async function executeOperations(this: IExecuteFunctions, resources: Resource[]): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const op = findOperation(resources, resource, operation);
			if (!op) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for resource "${resource}"`, {
					itemIndex,
				});
			}
			output.push(...asItems(await op.execute.call(this, itemIndex), itemIndex));
		} catch (error) {
			const failure =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			if (failure.context.itemIndex === undefined) failure.context.itemIndex = itemIndex;
			if (this.continueOnFail()) {
				const json: IDataObject = { error: failure.message };
				if (failure.description) json.description = failure.description;
				if (failure instanceof NodeApiError && failure.httpCode) json.httpCode = failure.httpCode;
				output.push({ json, pairedItem: { item: itemIndex } });
				continue;
			}
			throw failure;
		}
	}
	return [output];
}
