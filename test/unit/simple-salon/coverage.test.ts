import { fs, path, repoRoot } from 'business-pack-devkit';

import { resources } from '../../../nodes/SimpleSalon/SimpleSalon.node';

/*
 * Every entry of the Simple Salon checklist (174 methods) must be called by an operation of the node (its
 * `endpoints`) and exercised by a unit test that asserts the request on the wire: such a test carries
 * `[wire:<method>]` in its title, e.g. `[wire:appointment/add/check]`. Auth methods are the credential's.
 */

interface Entry {
	path: string;
	resource: string;
	operation: string;
}

const checklist = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'checklists', 'simple-salon-endpoints.json'), 'utf8')) as Entry[];
const methodOf = (entry: Entry) => entry.path.replace(/^\/v1\//, '');
/** Login, refresh, switch and logout are the credential's and the session's: reached by every operation or the Session resource. */
const BY_CREDENTIAL = new Set(['login', 'refresh']);

const reachable = new Set(resources.flatMap((r) => r.operations.flatMap((op) => op.endpoints ?? [])));
const testDirs = [path.join(repoRoot, 'test', 'unit', 'simple-salon')];
const titles = testDirs.flatMap((dir) =>
	fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.test.ts') && file !== 'coverage.test.ts')
		.flatMap((file) => [...fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/\b(?:it|test)(?:\.each\([^)]*\))?\(\s*(['"`])(.*?)\1/gs)].map((m) => m[2])),
);

describe('Simple Salon checklist coverage', () => {
	it('knows the 174 entries of the checklist', () => {
		expect(checklist).toHaveLength(174);
		expect(new Set(checklist.map(methodOf)).size).toBe(174);
	});

	it.each(checklist.map(methodOf))('%s is reachable from a picker', (method) => {
		if (BY_CREDENTIAL.has(method)) return;
		expect(reachable).toContain(method);
	});

	it.each(checklist.map(methodOf))('%s is exercised by a test that asserts the wire', (method) => {
		expect(titles.some((title) => title.includes(`[wire:${method}]`))).toBe(true);
	});
});
