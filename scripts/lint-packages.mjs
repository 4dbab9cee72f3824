// Lints every per-vendor package (`npx gulp packages` first) and the root pack, offline, with the rules n8n's
// verification scan applies: @n8n/eslint-plugin-community-nodes' recommended config plus eslint-plugin-n8n-nodes-base's
// community/credentials/nodes rulesets, wired as @n8n/scan-community-package 0.32.0 wires them (buildScanConfig).
// Like the scan, each package gets two legs: the tarball (compiled .js and package.json) and its source (package.json
// and the nodes/credentials .ts). A vendor package's source is the repo's .ts for the .js it ships, laid out beside
// its own package.json. Prints every problem and a table; exits 1 on any error (warnings are listed, not fatal).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { ESLint } from 'eslint';
import { defineConfig } from 'eslint/config';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pack = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const { VENDORS } = require(path.join(root, 'gulpfile.js'));
// the TypeScript parser `n8n-node lint` uses (typescript-eslint lives under @n8n/node-cli, not at the top level)
const tsParser = createRequire(path.join(root, 'node_modules', '@n8n', 'node-cli', 'package.json'))('typescript-eslint').parser;
const packagesDir = path.join(root, '.cache', 'packages');

const config = defineConfig(
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
	{
		files: ['**/credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['**/nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
	{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
);

/** The scan's two file sets: TARBALL = ['**\/*.js', 'package.json'], SOURCE = ['package.json', '{nodes,credentials}/**\/*.{js,ts,json}']. */
const LEGS = {
	tarball: (rel) => rel === 'package.json' || rel.endsWith('.js'),
	source: (rel) => rel === 'package.json' || /^(nodes|credentials)\/.*\.(js|ts|json)$/.test(rel),
};

function filesOf(dir, leg) {
	const found = [];
	const walk = (sub) => {
		for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
			const rel = sub ? `${sub}/${entry.name}` : entry.name;
			if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
			if (entry.isDirectory()) walk(rel);
			else if (LEGS[leg](rel) && !rel.endsWith('.d.ts') && !rel.endsWith('package-lock.json')) found.push(path.join(dir, rel));
		}
	};
	walk('');
	return found;
}

async function lint(dir, leg) {
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: config });
	const files = filesOf(dir, leg);
	if (files.length === 0) throw new Error(`no files to lint in ${dir} (${leg})`);
	const results = await eslint.lintFiles(files);
	const problems = results.flatMap((result) =>
		result.messages.map((m) => ({
			severity: m.severity === 2 ? 'error' : 'warning',
			where: `${path.relative(dir, result.filePath)}:${m.line ?? 0}:${m.column ?? 0}`,
			rule: m.ruleId ?? 'parse',
			message: m.message,
		})),
	);
	return { files: files.length, problems };
}

const untar = (tarball, dir) => {
	fs.mkdirSync(dir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
};

/** The vendor package's source tree: its package.json, and the repo's .ts, codex and icons for what it ships. */
function stageSource(unpacked, dir) {
	fs.mkdirSync(dir, { recursive: true });
	fs.copyFileSync(path.join(unpacked, 'package.json'), path.join(dir, 'package.json'));
	const walk = (sub) => {
		for (const entry of fs.readdirSync(path.join(unpacked, sub), { withFileTypes: true })) {
			const rel = `${sub}/${entry.name}`;
			if (entry.isDirectory()) {
				walk(rel);
				continue;
			}
			const source = rel.replace(/^dist\//, '').replace(/\.js$/, '.ts');
			if (!fs.existsSync(path.join(root, source))) throw new Error(`${rel} has no source ${source}`);
			fs.mkdirSync(path.dirname(path.join(dir, source)), { recursive: true });
			fs.copyFileSync(path.join(root, source), path.join(dir, source));
		}
	};
	walk('dist');
}

async function main() {
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-packages-'));
	const rows = [];
	try {
		const targets = VENDORS.map((vendor) => ({ name: vendor.name, tarball: path.join(packagesDir, `${vendor.name}-${pack.version}.tgz`) }));
		for (const { name, tarball } of targets) {
			if (!fs.existsSync(tarball)) throw new Error(`${path.relative(root, tarball)} is missing: run \`npx gulp packages\` first`);
		}
		// the root pack, for comparison: packed now from the current dist/, its source is the repo itself
		const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: root, encoding: 'utf8' }));
		targets.push({ name: pack.name, tarball: path.join(scratch, packed.filename), source: root });

		for (const target of targets) {
			const unpacked = path.join(scratch, target.name, 'tarball');
			untar(target.tarball, unpacked);
			let source = target.source;
			if (!source) {
				source = path.join(scratch, target.name, 'source');
				stageSource(unpacked, source);
			}
			for (const [leg, dir] of [['tarball', unpacked], ['source', source]]) {
				const { files, problems } = await lint(dir, leg);
				const errors = problems.filter((p) => p.severity === 'error');
				const warnings = problems.filter((p) => p.severity === 'warning');
				rows.push({ name: target.name, leg, files, errors: errors.length, warnings: warnings.length, rules: [...new Set(problems.map((p) => p.rule))] });
				for (const p of problems) console.log(`${target.name} [${leg}] ${p.severity} ${p.where} ${p.rule}: ${p.message}`);
			}
		}
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
	console.log('\n| Package | Leg | Files | Errors | Warnings | Rules with problems |\n|---|---|---|---|---|---|');
	for (const r of rows) console.log(`| ${r.name} | ${r.leg} | ${r.files} | ${r.errors} | ${r.warnings} | ${r.rules.join(', ') || '—'} |`);
	const failed = rows.filter((r) => r.errors > 0);
	if (failed.length > 0) {
		console.error(`\n✗ lint errors in ${failed.map((r) => `${r.name} (${r.leg})`).join(', ')}`);
		process.exitCode = 1;
	} else console.log(`\n✓ ${rows.length / 2} packages pass the community-node lint rules (${n8nCommunityNodesPlugin.meta.name} ${n8nCommunityNodesPlugin.meta.version})`);
}

main().catch((error) => {
	console.error(error.message);
	process.exitCode = 1;
});
