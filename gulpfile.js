/* Gulp does what the n8n CLI does not: cutting the built pack into one standalone package per vendor.
 * `npx gulp packages` (after `npm run build`) packs .cache/packages/<name>-<version>.tgz for each vendor, then
 * unpacks every tarball and requires each of its nodes and credentials with plain Node to prove it loads alone.
 * (`vendorPackages` is the old name of the same task.) */
const { series } = require('gulp');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { builtinModules } = require('node:module');
const { execFileSync } = require('node:child_process');

const root = __dirname;
const dist = path.join(root, 'dist');
const out = path.join(root, '.cache', 'packages');
const pack = require('./package.json');

/** `folder` holds the vendor's nodes in dist/nodes; every node the root package.json registers there ships. */
const VENDORS = [
	{ name: 'n8n-nodes-simple-simon', folder: 'SimpleSimon', credential: 'SimpleSimonApi', title: 'Simple-Simon', keyword: 'simple-simon' },
	{ name: 'n8n-nodes-simply-crm', folder: 'SimplyCrm', credential: 'SimplyCrmApi', title: 'Simply CRM', keyword: 'simply-crm' },
	{ name: 'n8n-nodes-simple-salon', folder: 'SimpleSalon', credential: 'SimpleSalonApi', title: 'Simple Salon', keyword: 'simple-salon' },
	{ name: 'n8n-nodes-synergist', folder: 'Synergist', credential: 'SynergistApi', title: 'Synergist', keyword: 'synergist' },
];

const rel = (file) => path.relative(root, file);
const tarballOf = (vendor) => path.join(out, `${vendor.name}-${pack.version}.tgz`);
const ALLOWED_MODULES = new Set(['n8n-workflow', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** The file a relative require() of the compiled code resolves to, as Node would find it; throws when none exists. */
function resolveLocal(from, spec) {
	const base = path.resolve(path.dirname(from), spec);
	const found = [base, `${base}.js`, `${base}.json`, path.join(base, 'index.js')].find(
		(candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile(),
	);
	if (!found) throw new Error(`${rel(from)} requires "${spec}", which is missing from dist/ (run \`npm run build\`)`);
	return found;
}

/** Every compiled file the entry files reach through require(), and the icon files they name (`file:…`). */
function closure(entries) {
	const code = new Set();
	const icons = new Set();
	const queue = [...entries];
	while (queue.length > 0) {
		const file = queue.pop();
		if (code.has(file)) continue;
		if (!fs.existsSync(file)) throw new Error(`${rel(file)} is missing (run \`npm run build\`)`);
		code.add(file);
		const text = fs.readFileSync(file, 'utf8');
		for (const [, , spec] of text.matchAll(/\brequire\((["'])([^"']+)\1\)/g)) {
			if (spec.startsWith('.')) queue.push(resolveLocal(file, spec));
			// no runtime dependencies: n8n only provides n8n-workflow (the peer dependency) and Node itself
			else if (!ALLOWED_MODULES.has(spec)) throw new Error(`${rel(file)} requires "${spec}"; only n8n-workflow and Node built-ins are allowed`);
		}
		for (const [, , icon] of text.matchAll(/(["'])file:([^"']+)\1/g)) {
			const iconFile = path.resolve(path.dirname(file), icon);
			if (!fs.existsSync(iconFile)) throw new Error(`${rel(file)} names the icon ${icon}, which is missing`);
			icons.add(iconFile);
		}
	}
	return { code: [...code].sort(), icons: [...icons].sort() };
}

/** The root README's section under `<level> <title>`, up to the next heading of that level or above ('' if none). */
function readmeSection(text, level, title) {
	const match = new RegExp(`^${level} ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`, 'm').exec(text);
	if (!match) return '';
	const rest = text.slice(match.index + match[0].length);
	const end = new RegExp(`^#{1,${level.length}} `, 'm').exec(rest);
	return (match[0] + (end ? rest.slice(0, end.index) : rest)).trimEnd().replace(/<!--[^]*?-->\n?/g, '');
}

/** Links that only work inside the repo (anchors, relative files) made absolute, since npm shows the README alone. */
function absoluteLinks(markdown) {
	return markdown.replace(/(!?)\]\((?!https?:|mailto:)([^)\s]+)\)/g, (_, image, target) => {
		if (target.startsWith('#')) return `${image}](${pack.homepage}${target})`;
		return `${image}](${pack.homepage}/${image ? 'raw' : 'blob'}/main/${target.replace(/^\.\//, '')})`;
	});
}

function vendorReadme(vendor) {
	const text = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
	const about = readmeSection(text, '##', vendor.title);
	if (!about) throw new Error(`README.md has no "## ${vendor.title}" section for the ${vendor.name} README`);
	// the generated operations tables (`npm run docs:operations`), when the README has them
	const operations = [readmeSection(text, '####', vendor.title), readmeSection(text, '####', `${vendor.title} Trigger`)].filter(Boolean);
	return absoluteLinks(
		[
			`# ${vendor.name}`,
			`The ${vendor.title} nodes and credential for [n8n](https://n8n.io), on their own: the same code as in ` +
				`[${pack.name}](${pack.homepage}), which has all four vendors in one package.`,
			'## Install',
			`- n8n UI: **Settings → Community Nodes → Install**, package name \`${vendor.name}\`.\n` +
				`- Self-hosted with npm: \`npm install ${vendor.name}\` in \`~/.n8n/nodes\`, then restart n8n.\n` +
				`- Use this package **or** \`${pack.name}\`, not both: both define the credential type of the same name, n8n ` +
				'then uses one of the two credential classes for both packages\' nodes and shows every node twice. To move ' +
				`from the pack, install this package, switch your workflows to its nodes, then uninstall \`${pack.name}\`; ` +
				'saved credentials keep working, the credential type name is the same.',
			about.replace(/^## /, '## About '),
			operations.length ? `## Operations\n\n${operations.join('\n\n')}` : '',
			`## License\n\n${pack.license}, see LICENSE.`,
		]
			.filter(Boolean)
			.join('\n\n'),
	) + '\n';
}

function copyInto(dir, file) {
	const target = path.join(dir, path.relative(root, file));
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.copyFileSync(file, target);
	return target;
}

/** Lays out one vendor package in .cache/packages/<name>/ and packs it; returns what went in. */
function buildPackage(vendor) {
	const prefix = `dist/nodes/${vendor.folder}/`;
	const nodes = pack.n8n.nodes.filter((file) => file.startsWith(prefix));
	const credential = `dist/credentials/${vendor.credential}.credentials.js`;
	if (nodes.length === 0) throw new Error(`the root package.json registers no node under ${prefix}`);
	if (!pack.n8n.credentials.includes(credential)) throw new Error(`the root package.json does not register ${credential}`);

	const dir = path.join(out, vendor.name);
	fs.rmSync(dir, { recursive: true, force: true });
	const { code, icons } = closure([...nodes, credential].map((file) => path.join(root, file)));
	for (const file of [...code, ...icons]) copyInto(dir, file);
	for (const node of nodes) {
		// the codex (categories, documentation links) names the node by its package-scoped type
		const codexFile = path.join(root, node.replace(/\.js$/, '.json'));
		if (!fs.existsSync(codexFile)) throw new Error(`${rel(codexFile)} (the node's codex) is missing`);
		const codex = JSON.parse(fs.readFileSync(codexFile, 'utf8'));
		codex.node = `${vendor.name}.${String(codex.node).split('.').pop()}`;
		fs.writeFileSync(copyInto(dir, codexFile), `${JSON.stringify(codex, null, '\t')}\n`);
	}
	fs.copyFileSync(path.join(root, 'LICENSE'), path.join(dir, 'LICENSE'));
	fs.writeFileSync(path.join(dir, 'README.md'), vendorReadme(vendor));
	const manifest = {
		name: vendor.name,
		version: pack.version,
		description: `n8n nodes (action and trigger) and credential for ${vendor.title}.`,
		license: pack.license,
		keywords: ['n8n-community-node-package', 'n8n', vendor.keyword],
		homepage: pack.homepage,
		repository: pack.repository,
		author: pack.author,
		engines: pack.engines,
		files: ['dist'],
		n8n: { ...pack.n8n, credentials: [credential], nodes },
		peerDependencies: { 'n8n-workflow': '*' },
	};
	fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
	);
	fs.rmSync(dir, { recursive: true, force: true });
	if (path.join(out, packed.filename) !== tarballOf(vendor)) throw new Error(`npm pack wrote ${packed.filename}`);
	return { files: packed.entryCount, size: packed.size, unpackedSize: packed.unpackedSize, shared: code.filter((file) => file.includes(`${path.sep}shared${path.sep}`)) };
}

async function buildPackages() {
	if (!fs.existsSync(dist)) throw new Error('dist/ is missing: run `npm run build` first');
	fs.rmSync(out, { recursive: true, force: true });
	fs.mkdirSync(out, { recursive: true });
	for (const vendor of VENDORS) {
		const built = buildPackage(vendor);
		const shared = built.shared.map((file) => path.basename(file, '.js')).join(', ');
		console.log(
			`${path.basename(tarballOf(vendor))}: ${built.files} files, ${(built.size / 1024).toFixed(1)} kB packed, ` +
				`${(built.unpackedSize / 1024).toFixed(1)} kB unpacked; shared: ${shared || 'none'}`,
		);
	}
}

/*
 * Run in a child Node per package: requires every node and credential the manifest lists, with only the package's
 * own files and n8n-workflow (from the repo's node_modules through NODE_PATH, as n8n provides it to community
 * packages) on hand; fails unless each loads and describes itself, and unless every shipped .js file was loaded.
 */
const LOAD_CHECK = `
const fs = require('node:fs'), path = require('node:path');
const dir = process.argv[1];
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const loaded = [];
const needed = new Set();
const make = (value) => { try { return typeof value === 'function' ? new value() : undefined; } catch { return undefined; } };
for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
	const instances = Object.values(require(path.join(dir, file))).map(make).filter(Boolean);
	const node = instances.find((i) => i.description && typeof i.description.name === 'string');
	const credential = instances.find((i) => Array.isArray(i.properties) && typeof i.name === 'string');
	if (file.includes('/credentials/') ? !credential : !node) throw new Error(file + ' exports no ' + (node ? 'credential' : 'node') + ' class');
	for (const { name } of (node && node.description.credentials) || []) needed.add(name);
	loaded.push(node ? node.description.name : credential.name);
}
const missing = [...needed].filter((name) => !loaded.includes(name));
if (missing.length) throw new Error('nodes use credentials the package lacks: ' + missing.join(', '));
const shipped = [];
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.js') && shipped.push(path.join(d, e.name)));
walk(dir);
const unused = shipped.filter((file) => !require.cache[file]);
if (unused.length) throw new Error('shipped but never loaded: ' + unused.map((f) => path.relative(dir, f)).join(', '));
const outside = Object.keys(require.cache).filter((file) => !file.startsWith(dir + path.sep) && !file.includes(path.sep + 'node_modules' + path.sep));
if (outside.length) throw new Error('loaded from outside the package: ' + outside.join(', '));
process.stdout.write(loaded.join(', '));
`;

async function checkPackages() {
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vendor-packages-'));
	try {
		for (const vendor of VENDORS) {
			const dir = path.join(scratch, vendor.name);
			fs.mkdirSync(dir);
			execFileSync('tar', ['-xzf', tarballOf(vendor), '-C', dir, '--strip-components=1']);
			const loaded = execFileSync(process.execPath, ['-e', LOAD_CHECK, dir], {
				encoding: 'utf8',
				env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') },
				stdio: ['ignore', 'pipe', 'inherit'],
			});
			console.log(`${vendor.name} loads alone: ${loaded}`);
		}
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
}

exports.packages = series(buildPackages, checkPackages);
exports.vendorPackages = exports.packages;
exports.default = exports.packages;
exports.VENDORS = VENDORS;
