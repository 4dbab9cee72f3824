import { fs, path, repoRoot } from 'business-pack-devkit';

import { resources } from '../../../nodes/SimpleSimon/SimpleSimon.node';

/*
 * Every entry of the Simple-Simon checklist (66: the login and five CRUD routes for each of 13 entities) must be
 * called by an operation of the node (its `endpoints`) and exercised by a unit test that asserts the request on the
 * wire: such a test carries the literal tag `[wire:<operation>]` (e.g. `[wire:createWorkOrder]`) in its title or in
 * the it.each row that names it.
 */

interface Entry {
	operation: string;
}

const checklist = JSON.parse(
	fs.readFileSync(path.join(repoRoot, 'test', 'checklists', 'simple-simon-endpoints.json'), 'utf8'),
) as Entry[];
const keys = checklist.map((entry) => entry.operation);
/** The login is the credential's: every operation reaches it, none offers it. */
const BY_CREDENTIAL = new Set(['login']);
/** Routes the docs name in words only ("digital presentation"), reachable but not in the checklist. */
const EXTRAS = ['downloadWorkOrderPdf', 'downloadWorkOrderSurveyPdf'];

const reachable = new Set(resources.flatMap((r) => r.operations.flatMap((op) => op.endpoints ?? [])));
const testDir = path.join(repoRoot, 'test', 'unit', 'simple-simon');
const tags = new Set(
	fs
		.readdirSync(testDir)
		.filter((file) => file.endsWith('.test.ts') && file !== 'coverage.test.ts')
		.flatMap((file) => [...fs.readFileSync(path.join(testDir, file), 'utf8').matchAll(/\[wire:(\w+)\]/g)].map((m) => m[1])),
);

describe('Simple-Simon checklist coverage', () => {
	it('knows the 66 entries of the checklist', () => {
		expect(keys).toHaveLength(66);
		expect(new Set(keys).size).toBe(66);
	});

	it('declares no endpoint outside the checklist and the documented extras', () => {
		expect([...reachable].filter((key) => !keys.includes(key) && !EXTRAS.includes(key))).toEqual([]);
	});

	it.each([...keys, ...EXTRAS])('%s is reachable from a picker', (key) => {
		if (BY_CREDENTIAL.has(key)) return;
		expect(reachable).toContain(key);
	});

	it.each([...keys, ...EXTRAS])('%s is exercised by a test that asserts the wire', (key) => {
		expect(tags).toContain(key);
	});
});
