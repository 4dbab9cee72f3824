import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeOperations, executeOperations, type Resource } from '../shared/execute';
import { loadOptions } from './methods/loadOptions';
import { activity } from './resources/activity';
import { attachment } from './resources/attachment';
import { calendar } from './resources/calendar';
import { expenseLine } from './resources/expenseLine';
import { expenseSheet } from './resources/expenseSheet';
import { job } from './resources/job';
import { phase } from './resources/phase';
import { client } from './resources/client';
import { clientContact } from './resources/clientContact';
import { company } from './resources/company';
import { estimate } from './resources/estimate';
import { quote } from './resources/quote';
import { thermometer } from './resources/thermometer';
import { timesheet } from './resources/timesheet';
import { user } from './resources/user';
import { view } from './resources/view';
import { menu } from './resources/menu';
import { note } from './resources/note';
import { system } from './resources/system';
import { pendingTimesheet } from './resources/pendingTimesheet';
import { purchaseOrder } from './resources/purchaseOrder';

/** Every resource of the node (one line per resource file); the coverage test reads their `endpoints`. */
export const resources: Resource[] = [job, expenseSheet, calendar, attachment, expenseLine, purchaseOrder, pendingTimesheet, activity, phase, client, clientContact, company, estimate, quote, thermometer, timesheet, user, view, menu, note, system];

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
		properties: describeOperations(resources),
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, resources);
	}
}
