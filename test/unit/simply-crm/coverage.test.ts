import { fs, path, repoRoot } from 'business-pack-devkit';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { SimplyCrm } from '../../../nodes/SimplyCrm/SimplyCrm.node';

/*
 * Every entry of the Simply CRM endpoint checklist must be reachable from the node's resource/operation pickers and
 * exercised by a unit test that asserts the request on the wire. Such a test carries `[wire:<api>:<operation>]` in
 * its title; this file fails when an entry has no picker path or no tagged test.
 */

interface Entry {
	api: string;
	operation: string;
}

type Reach = { resource: string; operation: string } | { credential: string };

/** Where a user finds each checklist entry in the editor. */
const REACH: Record<string, Reach> = {
	'webservice:getchallenge': { credential: 'every operation logs in with getchallenge + login when it has no session' },
	'webservice:login': { credential: 'every operation logs in with getchallenge + login when it has no session' },
	'webservice:create': { resource: 'record', operation: 'create' },
	'webservice:retrieve': { resource: 'record', operation: 'get' },
	'webservice:update': { resource: 'record', operation: 'update' },
	'webservice:delete': { resource: 'record', operation: 'delete' },
	'webservice:query': { resource: 'query', operation: 'run' },
	'webservice:sync': { resource: 'sync', operation: 'getChanges' },
	'webservice:listtypes': { resource: 'module', operation: 'listTypes' },
	'webservice:describe': { resource: 'module', operation: 'describe' },
	// logout and extendsession have no use of their own in a workflow; the Custom API Call reaches them
	'webservice:logout': { resource: 'customApiCall', operation: 'call' },
	'webservice:extendsession': { resource: 'customApiCall', operation: 'call' },
	'mobile:login': { resource: 'mobile', operation: 'login' },
	'mobile:loginAndFetchModules': { resource: 'mobile', operation: 'loginAndFetchModules' },
	'mobile:fetchModuleFilters': { resource: 'mobile', operation: 'fetchModuleFilters' },
	'mobile:filterDetailsWithCount': { resource: 'mobile', operation: 'filterDetailsWithCount' },
	'mobile:fetchAllAlerts': { resource: 'mobile', operation: 'fetchAllAlerts' },
	'mobile:alertDetailsWithMessage': { resource: 'mobile', operation: 'alertDetailsWithMessage' },
	'mobile:listModuleRecords': { resource: 'mobile', operation: 'listModuleRecords' },
	'mobile:fetchRecord': { resource: 'mobile', operation: 'fetchRecord' },
	'mobile:fetchRecordWithGrouping': { resource: 'mobile', operation: 'fetchRecordWithGrouping' },
	'mobile:fetchRecordsWithGrouping': { resource: 'mobile', operation: 'fetchRecordsWithGrouping' },
	'mobile:describe': { resource: 'mobile', operation: 'describe' },
	'mobile:saveRecord': { resource: 'mobile', operation: 'saveRecord' },
	'mobile:syncModuleRecords': { resource: 'mobile', operation: 'syncModuleRecords' },
	'mobile:query': { resource: 'mobile', operation: 'query' },
	'mobile:queryWithGrouping': { resource: 'mobile', operation: 'queryWithGrouping' },
	'mobile:relatedRecordsWithGrouping': { resource: 'mobile', operation: 'relatedRecordsWithGrouping' },
	'mobile:deleteRecords': { resource: 'mobile', operation: 'deleteRecords' },
	'mobile:addRecordComment': { resource: 'mobile', operation: 'addRecordComment' },
	'webhook:incomingWebhookCreateRecord': { resource: 'incomingWebhook', operation: 'send' },
};

const checklist = JSON.parse(
	fs.readFileSync(path.join(repoRoot, 'test', 'checklists', 'simply-crm-endpoints.json'), 'utf8'),
) as Entry[];
const keys = checklist.map((entry) => `${entry.api}:${entry.operation}`);

const properties = new SimplyCrm().description.properties;
const options = (property: INodeProperties | undefined) => ((property?.options ?? []) as INodePropertyOptions[]).map((o) => o.value);
const resources = options(properties.find((p) => p.name === 'resource'));
const operationsOf = (resource: string) =>
	options(properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource)));

const testDir = path.join(repoRoot, 'test', 'unit', 'simply-crm');
/** Titles of it()/test() calls in the Simply CRM unit tests, as written in the source. */
const titles = fs
	.readdirSync(testDir)
	.filter((file) => file.endsWith('.test.ts') && file !== 'coverage.test.ts')
	.flatMap((file) => [...fs.readFileSync(path.join(testDir, file), 'utf8').matchAll(/\b(?:it|test)(?:\.each\([^)]*\))?\(\s*(['"`])(.*?)\1/gs)].map((m) => m[2]));

describe('Simply CRM checklist coverage', () => {
	it('knows the 31 entries of the checklist and nothing else', () => {
		expect(checklist).toHaveLength(31);
		expect(Object.keys(REACH).sort()).toEqual([...keys].sort());
	});

	it.each(keys)('%s is reachable from a picker', (key) => {
		const reach = REACH[key];
		if ('credential' in reach) return;
		expect(resources).toContain(reach.resource);
		expect(operationsOf(reach.resource)).toContain(reach.operation);
	});

	it.each(keys)('%s is exercised by a test that asserts the wire', (key) => {
		expect(titles.some((title) => title.includes(`[wire:${key}]`))).toBe(true);
	});
});
