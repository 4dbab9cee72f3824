import { fs, path, repoRoot } from 'business-pack-devkit';

import { resources } from '../../../nodes/Synergist/Synergist.node';

/*
 * Every entry of the Synergist checklist (194 entries, 183 distinct `<area>:<action>` keys: some actions appear
 * once per model or variant) must be called by an operation of the node (its `endpoints`) and exercised by a unit
 * test that asserts the request on the wire: such a test carries `[wire:<area>:<action>]` in its title.
 *
 * Keys: the checklist's `area`, a colon, and its `action` lower-cased (`users:getsha512`), or `None` for the model
 * read with no action (`jobs:None`; one key covers the list, details and modelstructure reads of an area).
 * Actions whose template code goes inside the action value after a space keep the checklist's placeholder as is:
 * `expensesheets:expensesheetinputprint <templateCode>` (the print) next to `expensesheets:expensesheetinputprints`
 * (the template list). `endpointKey()` in nodes/Synergist/endpoint.ts builds the same keys from endpoint descriptions.
 */

interface Entry {
	area: string;
	action: string | null;
}

const checklist = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'checklists', 'synergist-endpoints.json'), 'utf8')) as Entry[];
const keyOf = (entry: Entry) => `${entry.area}:${entry.action === null ? 'None' : entry.action.replace(/^\S+/, (word) => word.toLowerCase())}`;
const keys = [...new Set(checklist.map(keyOf))];
/** GETSHA512 is the credential's: every operation reaches it through the login, none offers it. */
const BY_CREDENTIAL = new Set(['users:getsha512']);

const reachable = new Set(resources.flatMap((r) => r.operations.flatMap((op) => op.endpoints ?? [])));
const testDir = path.join(repoRoot, 'test', 'unit', 'synergist');
const titles = fs
	.readdirSync(testDir)
	.filter((file) => file.endsWith('.test.ts') && file !== 'coverage.test.ts')
	.flatMap((file) => [...fs.readFileSync(path.join(testDir, file), 'utf8').matchAll(/\b(?:it|test)(?:\.each\([^)]*\))?\(\s*(['"`])(.*?)\1/gs)].map((m) => m[2]));

describe('Synergist checklist coverage', () => {
	it('knows the 194 entries of the checklist', () => {
		expect(checklist).toHaveLength(194);
		expect(keys).toHaveLength(183);
	});

	it('declares no endpoint outside the checklist', () => {
		expect([...reachable].filter((key) => !keys.includes(key))).toEqual([]);
	});

	it.each(keys)('%s is reachable from a picker', (key) => {
		if (BY_CREDENTIAL.has(key)) return;
		expect(reachable).toContain(key);
	});

	it.each(keys)('%s is exercised by a test that asserts the wire', (key) => {
		expect(titles.some((title) => title.includes(`[wire:${key}]`))).toBe(true);
	});
});
