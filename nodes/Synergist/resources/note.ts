import { NodeOperationError } from 'n8n-workflow';

import type { Resource } from '../../shared/execute';
import { synergistOperation, type SynergistEndpoint } from '../endpoint';

// Documented against notes.json (activities are "notes" inside Synergist): input activityID + the owners' user IDs.
const updateSecondaryOwners: SynergistEndpoint = {
	area: 'notes',
	action: 'update',
	value: 'updateSecondaryOwners',
	name: 'Update Secondary Owners',
	sentence: 'Set the secondary owners of an activity',
	description: 'Replace the secondary owners of an activity (the Notes API update)',
	idempotent: true,
	input: {},
	noun: 'activity',
	required: [
		{ key: 'activityID', parameter: 'activityId', displayName: 'Activity ID', description: 'The number Synergist gave the activity', type: 'id' },
		{
			key: 'activitySecondaryOwnersUserID',
			parameter: 'secondaryOwnerIds',
			displayName: 'Secondary Owner User IDs',
			type: 'string',
			placeholder: '242,192',
			list: true,
			description: 'The user IDs of all secondary owners, separated by commas; they replace the current ones',
		},
	],
	build(ctx, itemIndex, parts) {
		const raw = String(parts.input.activitySecondaryOwnersUserID);
		const ids = raw.split(',').map((part) => part.trim()).filter((part) => part !== '');
		if (ids.length === 0 || ids.some((id) => !/^\d+$/.test(id) || Number(id) <= 0)) {
			throw new NodeOperationError(ctx.getNode(), `The field "Secondary Owner User IDs" has an invalid value "${raw}" in item ${itemIndex}`, {
				itemIndex,
				description: 'Expected user IDs separated by commas, like 242,192.',
			});
		}
		parts.input.activitySecondaryOwnersUserID = [...new Set(ids.map(Number))];
		return parts;
	},
};

export const note: Resource = {
	value: 'note',
	name: 'Note',
	description: 'Notes (activities) kept through the Notes API',
	operations: [updateSecondaryOwners].map(synergistOperation),
};
