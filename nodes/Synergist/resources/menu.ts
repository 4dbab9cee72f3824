import type { Resource } from '../../shared/execute';
import { synergistOperation, type SynergistEndpoint } from '../endpoint';

// The reference shows only type=activity (singular, unlike views.json); the other tables follow the same pattern.
const getViewList: SynergistEndpoint = {
	area: 'menu',
	action: 'viewlist',
	value: 'getViewList',
	name: 'Get View List',
	sentence: 'Get the views menu of a table',
	description: "The Views drop-down of Synergist as a tree: groups and views (MenuClickAction is the view ID), the user's default marked",
	idempotent: true,
	required: [
		{
			key: 'type',
			parameter: 'table',
			displayName: 'Table',
			description: 'The kind of record whose views menu is listed',
			type: 'options',
			default: 'activity',
			options: [
				{ name: 'Activities', value: 'activity' },
				{ name: 'Clients', value: 'client' },
				{ name: 'Contacts', value: 'contact' },
				{ name: 'Jobs', value: 'job' },
				{ name: 'Opportunities', value: 'opportunity' },
				{ name: 'Phases', value: 'phase' },
			],
		},
	],
	list: { pageable: false },
};

export const menu: Resource = {
	value: 'menu',
	name: 'Menu',
	description: "Synergist's menus (the Views drop-down)",
	operations: [getViewList].map(synergistOperation),
};
