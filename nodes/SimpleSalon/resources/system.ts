import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { salonVersion } from '../transport';

/* The API itself: GET /v1/version on the login host, the one method that is no POST and needs no login token. */

const version: Operation = {
	value: 'getVersion',
	name: 'Get Version',
	action: 'Get the API version',
	description: 'Get the Simple Salon API version and build number (needs no login)',
	endpoints: ['version'],
	properties: [],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const reply = { ...(await salonVersion(this, itemIndex)) };
		delete reply.success;
		return reply;
	},
};

export const system: Resource = {
	value: 'system',
	name: 'System',
	description: 'The Simple Salon API itself',
	operations: [version],
};
