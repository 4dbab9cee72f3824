/* Gulp does what the n8n CLI does not: cutting the built pack into one standalone package per vendor.
 * `npx gulp vendorPackages` (after `npm run build`) writes .cache/packages/<name>/ and packs each into a tarball. */
const { series } = require('gulp');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = __dirname;
const pack = require('./package.json');

const VENDORS = [
	{ name: 'n8n-nodes-simple-simon', folder: 'SimpleSimon', credential: 'SimpleSimonApi', icon: 'simplesimon', title: 'Simple-Simon', readme: 'simple-simon' },
	{ name: 'n8n-nodes-simply-crm', folder: 'SimplyCrm', credential: 'SimplyCrmApi', icon: 'simplycrm', title: 'Simply CRM', readme: 'simply-crm' },
	{ name: 'n8n-nodes-simple-salon', folder: 'SimpleSalon', credential: 'SimpleSalonApi', icon: 'simplesalon', title: 'Simple Salon', readme: 'simple-salon' },
	{ name: 'n8n-nodes-synergist', folder: 'Synergist', credential: 'SynergistApi', icon: 'synergist', title: 'Synergist', readme: 'synergist' },
];

function copy(from, to) {
	fs.mkdirSync(path.dirname(to), { recursive: true });
	fs.cpSync(from, to, { recursive: true });
}

/** The README section of one vendor (from its `## Title` heading to the next `## `). */
function readmeSection(title) {
	const text = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
	const start = text.indexOf(`\n## ${title}\n`);
	if (start === -1) return '';
	const end = text.indexOf('\n## ', start + 4);
	return text.slice(start + 1, end === -1 ? undefined : end);
}

async function vendorPackages() {
	const dist = path.join(root, 'dist');
	if (!fs.existsSync(dist)) throw new Error('Run `npm run build` first');
	const out = path.join(root, '.cache', 'packages');
	fs.rmSync(out, { recursive: true, force: true });
	for (const vendor of VENDORS) {
		const dir = path.join(out, vendor.name);
		const nodeFiles = fs.readdirSync(path.join(dist, 'nodes', vendor.folder)).filter((f) => f.endsWith('.node.js'));
		copy(path.join(dist, 'nodes', vendor.folder), path.join(dir, 'dist', 'nodes', vendor.folder));
		copy(path.join(dist, 'nodes', 'shared'), path.join(dir, 'dist', 'nodes', 'shared'));
		for (const ext of ['.credentials.js', '.credentials.d.ts']) {
			const file = path.join(dist, 'credentials', vendor.credential + ext);
			if (fs.existsSync(file)) copy(file, path.join(dir, 'dist', 'credentials', vendor.credential + ext));
		}
		for (const icon of [`${vendor.icon}.svg`, `${vendor.icon}.dark.svg`]) copy(path.join(dist, 'icons', icon), path.join(dir, 'dist', 'icons', icon));
		copy(path.join(root, 'LICENSE'), path.join(dir, 'LICENSE'));
		fs.writeFileSync(
			path.join(dir, 'README.md'),
			`# ${vendor.name}\n\nThe ${vendor.title} node and credential of [${pack.name}](${pack.homepage}), on their own.\n\n${readmeSection(vendor.title)}`,
		);
		const manifest = {
			name: vendor.name,
			version: pack.version,
			description: `n8n node and credential for ${vendor.title}.`,
			license: pack.license,
			keywords: ['n8n-community-node-package', 'n8n', vendor.readme],
			homepage: pack.homepage,
			repository: pack.repository,
			author: pack.author,
			files: ['dist'],
			n8n: {
				n8nNodesApiVersion: 1,
				strict: true,
				credentials: [`dist/credentials/${vendor.credential}.credentials.js`],
				nodes: nodeFiles.map((f) => `dist/nodes/${vendor.folder}/${f}`),
			},
			peerDependencies: { 'n8n-workflow': '*' },
		};
		fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
		execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
	}
}

exports.vendorPackages = vendorPackages;
exports.default = series(vendorPackages);
