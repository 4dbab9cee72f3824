import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeOperations, executeOperations, type Resource } from '../shared/execute';
import { location } from './resources/location';

const resources: Resource[] = [location];

export class SimpleSimon implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Simple-Simon',
		name: 'simpleSimon',
		icon: {
			light: 'file:../../icons/simplesimon.svg',
			dark: 'file:../../icons/simplesimon.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, read, update, delete and search Simple-Simon work locations',
		defaults: { name: 'Simple-Simon' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'simpleSimonApi', required: true }],
		properties: describeOperations(resources),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, resources);
	}
}
