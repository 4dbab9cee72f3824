import { fs, path, repoRoot } from 'business-pack-devkit';

import { operationsTable, replaceTables } from '../kit/operations-table';
import { credentials, nodes } from '../kit/pack-contents';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

describe('the package as n8n sees it', () => {
	it('has no runtime dependencies and only n8n-workflow as a peer', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
	});

	it('lists every node and credential of the pack in its n8n section', () => {
		// a trigger lives in its vendor's folder: SimplyCrmTrigger in nodes/SimplyCrm/
		const nodeFiles = nodes
			.map((n) => n.constructor.name)
			.map((name) => `dist/nodes/${name.replace(/Trigger$/, '')}/${name}.node.js`);
		expect([...pkg.n8n.nodes].sort()).toEqual(nodeFiles.sort());
		const credentialFiles = credentials.map((c) => `dist/credentials/${c.constructor.name}.credentials.js`);
		expect([...pkg.n8n.credentials].sort()).toEqual(credentialFiles.sort());
	});

	it('keeps the README operations table equal to the node descriptions', () => {
		const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
		expect(readme).toBe(replaceTables(readme, nodes.map((n) => operationsTable(n.description))));
	});

	it.each(nodes.map((n) => [n.description.displayName, n] as const))('%s is usable as a tool (action nodes) and has themed icons that exist', (_name, node) => {
		const isTrigger = node.description.polling === true || node.description.group.includes('trigger');
		expect(node.description.usableAsTool).toBe(isTrigger ? undefined : true);
		const icon = node.description.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			expect(fs.existsSync(path.join(repoRoot, 'icons', path.basename(file.replace('file:', ''))))).toBe(true);
		}
	});
});
