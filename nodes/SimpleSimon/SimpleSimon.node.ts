import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeOperations, executeOperations, type Resource } from '../shared/execute';
import { ENTITY_LIST } from './entities';
import { entityResource } from './entity';
import { listSearch } from './methods/listSearch';
import { customApiCall } from './resources/customApiCall';
import { fileOperations } from './resources/files';

export const resources: Resource[] = [
	...ENTITY_LIST.map((spec) => entityResource(spec, fileOperations[spec.resource] ?? [])),
	customApiCall,
];

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
		description:
			'Create, read, update, delete and search Simple-Simon customers, locations, work orders, planning, time sheets and more',
		defaults: { name: 'Simple-Simon' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'simpleSimonApi', required: true }],
		properties: describeOperations(resources),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, resources);
	}
}
