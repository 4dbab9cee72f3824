import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeOperations, executeOperations, type Resource } from '../shared/execute';
import { appointment } from './resources/appointment';
import { client } from './resources/client';

/** Every resource of the node, in no particular order (the pickers sort them). */
export const resources: Resource[] = [client, appointment];

export class SimpleSalon implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Simple Salon',
		name: 'simpleSalon',
		icon: { light: 'file:../../icons/simplesalon.svg', dark: 'file:../../icons/simplesalon.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Add, update, get and list Simple Salon clients and list appointments',
		defaults: { name: 'Simple Salon' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'simpleSalonApi', required: true }],
		properties: describeOperations(resources),
	};

	methods = {
		loadOptions: {},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, resources);
	}
}
