import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeOperations, executeOperations, type Resource } from '../shared/execute';
import { getFields, getModules } from './methods/loadOptions';
import { record } from './resources/record';

const resources: Resource[] = [record];

export class SimplyCrm implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Simply CRM',
		name: 'simplyCrm',
		icon: { light: 'file:../../icons/simplycrm.svg', dark: 'file:../../icons/simplycrm.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, read, update, delete and search Simply CRM records',
		defaults: { name: 'Simply CRM' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'simplyCrmApi', required: true }],
		properties: describeOperations(resources),
	};

	methods = { loadOptions: { getModules, getFields } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, resources);
	}
}
