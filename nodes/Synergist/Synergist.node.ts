import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeOperations, executeOperations, type Resource } from '../shared/execute';
import { loadOptions } from './methods/loadOptions';
import { job } from './resources/job';

/** Every resource of the node (one line per resource file); the coverage test reads their `endpoints`. */
export const resources: Resource[] = [job];

export class Synergist implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Synergist',
		name: 'synergist',
		icon: { light: 'file:../../icons/synergist.svg', dark: 'file:../../icons/synergist.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create and read jobs in Synergist',
		defaults: { name: 'Synergist' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'synergistApi', required: true }],
		properties: describeOperations(resources, { concurrency: { default: 1, max: 10 } }),
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, resources);
	}
}
