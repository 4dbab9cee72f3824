import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { fs, path, repoRoot } from 'business-pack-devkit';

import { credentials, nodes } from '../kit/pack-contents';

/*
 * Docs and metadata as users meet them: the codex file n8n reads for each node (categories in the node panel,
 * search aliases, help links), the credential's help link, and the text under every parameter. Links must land on a
 * heading that exists in README.md, and parameter help must be something a non-developer can act on.
 */

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; homepage: string };
const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

/**
 * n8n's node categories: the list in n8n's "Node codex files" reference, plus "Marketing", the spelling n8n's own
 * nodes use (n8n-nodes-base has no node in "Marketing & Content").
 */
const N8N_CATEGORIES = [
	'Analytics',
	'Communication',
	'Data & Storage',
	'Development',
	'Finance & Accounting',
	'Marketing',
	'Marketing & Content',
	'Miscellaneous',
	'Productivity',
	'Sales',
	'Utility',
];

/** GitHub's heading anchors (github-slugger): lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function githubAnchors(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const counts = new Map<string, number>();
	let fence: string | undefined;
	for (const line of markdown.split('\n')) {
		const marker = /^\s*(```|~~~)/.exec(line)?.[1];
		if (marker && (fence === undefined || fence === marker)) {
			fence = fence === undefined ? marker : undefined;
			continue;
		}
		if (fence !== undefined) continue;
		const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
		if (heading === undefined) continue;
		const text = heading
			.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images keep their text
			.replace(/<[^>]+>/g, '');
		const base = text
			.toLowerCase()
			.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
			.replace(/ /g, '-');
		const seen = counts.get(base) ?? 0;
		counts.set(base, seen + 1);
		anchors.add(seen === 0 ? base : `${base}-${seen}`);
	}
	return anchors;
}

const anchors = githubAnchors(readme);

/** The README anchor of a link into this repository's README, or why it is not one. */
function readmeAnchor(url: unknown): string {
	expect(typeof url).toBe('string');
	const [page, anchor] = String(url).split('#');
	expect(page).toBe(pkg.homepage);
	expect(anchor).toBeTruthy();
	return anchor;
}

/** Every parameter a user can fill in, with where it sits: collections' fields and fixedCollections' values too. */
function parameters(properties: INodeProperties[], where: string): Array<{ where: string; property: INodeProperties }> {
	return properties.flatMap((property) => {
		const here = `${where} › ${property.displayName}`;
		const children =
			property.type === 'collection'
				? parameters((property.options ?? []) as INodeProperties[], here)
				: property.type === 'fixedCollection'
					? ((property.options ?? []) as Array<{ displayName: string; values?: INodeProperties[] }>).flatMap((group) =>
							parameters(group.values ?? [], `${here} › ${group.displayName}`),
						)
					: [];
		// notices are themselves the help text; hidden fields are never shown
		const own = property.type === 'notice' || property.type === 'hidden' ? [] : [{ where: here, property }];
		return [...own, ...children];
	});
}

/** Why a help text would not help a non-developer, or undefined when it will do. */
function weakHelp(property: Pick<INodeProperties, 'displayName' | 'description' | 'hint'>): string | undefined {
	const text = String(property.description ?? property.hint ?? '').trim();
	if (text === '') return 'no description or hint';
	if (/\bTODO\b|\bFIXME\b|\bTBD\b/i.test(text)) return `a placeholder: "${text}"`;
	const plain = (value: string) => value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
	if (plain(text) === plain(property.displayName)) return `only repeats the name: "${text}"`;
	if (text.split(/\s+/).length < 3) return `too short to explain anything: "${text}"`;
	return undefined;
}

function codexOf(description: INodeTypeDescription, className: string) {
	// a trigger lives in its vendor's folder: SimplyCrmTrigger in nodes/SimplyCrm/
	const file = path.join(repoRoot, 'nodes', className.replace(/Trigger$/, ''), `${className}.node.json`);
	expect(fs.existsSync(file)).toBe(true);
	return { file, codex: JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>, version: description.version };
}

describe('docs and metadata', () => {
	it('reads GitHub anchors the way GitHub makes them', () => {
		const sample = [
			'# n8n-nodes-business-pack',
			'## Simple-Simon',
			'### Simple-Simon credential',
			'```sh',
			'# not a heading',
			'```',
			'## Known API quirks',
			'#### Simple-Simon',
			'## Install `n8n-nodes-business-pack` (npm, UI & queue mode)',
			'## [Examples](examples/)',
		].join('\n');
		expect([...githubAnchors(sample)]).toEqual([
			'n8n-nodes-business-pack',
			'simple-simon',
			'simple-simon-credential',
			'known-api-quirks',
			'simple-simon-1',
			'install-n8n-nodes-business-pack-npm-ui--queue-mode',
			'examples',
		]);
	});

	it('judges help texts: the test can fail', () => {
		expect(weakHelp({ displayName: 'Comment' })).toBe('no description or hint');
		expect(weakHelp({ displayName: 'Comment', description: 'Comment' })).toMatch(/repeats the name/);
		expect(weakHelp({ displayName: 'Phone', description: 'Telephone number' })).toMatch(/too short/);
		expect(weakHelp({ displayName: 'Phone', description: 'TODO: describe the phone field' })).toMatch(/placeholder/);
		expect(weakHelp({ displayName: 'Phone', description: "The client's landline or other phone number" })).toBeUndefined();
		expect(weakHelp({ displayName: 'Phone', hint: 'Digits only, no spaces' })).toBeUndefined();
	});

	it.each(nodes.map((n) => [n.description.displayName, n] as const))('%s has a codex file n8n can file it under', (_name, node) => {
		const { file, codex, version } = codexOf(node.description, node.constructor.name);
		expect(codex.node).toBe(`${pkg.name}.${node.description.name}`);
		expect(Number(codex.nodeVersion)).toBe(Math.max(...[version].flat()));
		expect(codex.codexVersion).toBe('1.0');
		const categories = codex.categories as string[];
		expect(categories.length).toBeGreaterThan(0);
		for (const category of categories) expect(N8N_CATEGORIES).toContain(category);
		// what users type into the node panel's search besides the name ("work order", "vtiger", "booking", ...)
		const alias = codex.alias as string[];
		expect(alias.length).toBeGreaterThan(2);
		for (const word of alias) expect(word).toMatch(/\S/);
		const resources = codex.resources as Record<string, Array<{ url: string }>>;
		expect(Object.keys(resources).sort()).toEqual(['credentialDocumentation', 'primaryDocumentation']);
		for (const [kind, links] of Object.entries(resources)) {
			expect(links.length).toBeGreaterThan(0);
			for (const { url } of links) {
				const anchor = readmeAnchor(url);
				if (!anchors.has(anchor)) throw new Error(`${path.basename(file)} ${kind} points at #${anchor}, which is no heading in README.md`);
			}
		}
	});

	it('README links to its own headings only where they exist', () => {
		const targets = [...readme.matchAll(/\]\(#([^)\s]+)\)/g)].map((m) => m[1]);
		expect(targets.length).toBeGreaterThan(10);
		expect(targets.filter((anchor) => !anchors.has(anchor))).toEqual([]);
	});

	it.each(credentials.map((c) => [c.displayName, c] as const))('%s links to its README section', (_name, credential) => {
		const anchor = readmeAnchor(credential.documentationUrl);
		expect([...anchors]).toContain(anchor);
		// the section with the fields and where to find them at the vendor, not just the vendor's heading
		expect(anchor).toMatch(/-credential$/);
	});

	it('every node and credential parameter explains itself to a non-developer', () => {
		const all = [
			...nodes.flatMap((n) => parameters(n.description.properties, n.description.displayName)),
			...credentials.flatMap((c) => parameters(c.properties, c.displayName)),
		];
		expect(all.length).toBeGreaterThan(1000); // the walk reached into collections and fixed collections
		const weak = all.flatMap(({ where, property }) => {
			const why = weakHelp(property);
			return why ? [`${where} (${property.name}): ${why}`] : [];
		});
		// one line per failing parameter, so the list is the to-do list
		expect([...new Set(weak)]).toEqual([]);
	});
});
