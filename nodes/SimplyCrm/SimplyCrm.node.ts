import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeOperations, executeOperations, type Resource } from '../shared/execute';
import { getFieldValues, getFields, getModules, getSortableFields } from './methods/loadOptions';
import { getCreateColumns, getUpdateColumns, getUpsertColumns } from './methods/resourceMapping';
import { document } from './resources/document';
import { incomingWebhook } from './resources/incomingWebhook';
import { mobileApi } from './resources/mobile';
import { comment } from './resources/comment';
import { customApiCall } from './resources/customApiCall';
import { moduleResource } from './resources/module';
import { query } from './resources/query';
import { record } from './resources/record';
import { sync } from './resources/sync';

const resources: Resource[] = [record, document, incomingWebhook, query, moduleResource, sync, comment, mobileApi, customApiCall];

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
		// an incoming webhook needs no API session, so users of it alone need no credential
		credentials: [{ name: 'simplyCrmApi', required: true, displayOptions: { hide: { resource: ['incomingWebhook'] } } }],
		properties: describeOperations(resources),
	};

	methods = {
		loadOptions: { getModules, getFields, getSortableFields, getFieldValues },
		resourceMapping: { getCreateColumns, getUpdateColumns, getUpsertColumns },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, resources);
	}
}
