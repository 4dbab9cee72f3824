import { fsp, os, path, repoRoot } from 'business-pack-devkit';

import { analyzePackage, extractTarball, packedTarball, TARBALL_SCAN_PATTERNS } from './harness';

/*
 * n8n's verification scan (@n8n/scan-community-package 0.32.0) run offline: its CLI needs npm provenance and
 * GitHub, so we call its analyzePackage() on the same two file sets the CLI lints — the published tarball and
 * the source it was built from.
 */

describe('community-package scanner', () => {
	// outside the repo: `eslint .` (npm run lint) would otherwise lint the extracted .d.ts files
	let scanDir: string;
	beforeAll(async () => {
		scanDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'business-pack-scan-'));
	});
	afterAll(async () => {
		await fsp.rm(scanDir, { recursive: true, force: true });
	});

	it('flags a package that breaks the rules (the scan is live)', async () => {
		const bad = path.join(scanDir, 'control');
		await fsp.mkdir(path.join(bad, 'dist', 'nodes'), { recursive: true });
		await fsp.writeFile(
			path.join(bad, 'package.json'),
			JSON.stringify({
				name: 'n8n-nodes-control',
				version: '1.0.0',
				keywords: ['n8n-community-node-package'],
			}),
		);
		await fsp.writeFile(
			path.join(bad, 'dist', 'nodes', 'Control.node.js'),
			"'use strict';\nexports.read = () => process.env.SECRET;\nexports.wait = (fn) => setTimeout(fn, 10);\n",
		);
		const result = await analyzePackage(bad, TARBALL_SCAN_PATTERNS);

		expect(result.passed).toBe(false);
		expect(result.details).toContain('no-restricted-globals');
	});

	it('finds no violations in the packed tarball', async () => {
		const tarball = await packedTarball();
		const extracted = path.join(scanDir, 'tarball');
		await extractTarball(tarball, extracted);
		const result = await analyzePackage(extracted, TARBALL_SCAN_PATTERNS);

		expect(result.details ?? '').toBe('');
		expect(result.message).toBeUndefined();
		expect(result.passed).toBe(true);
	});

	it('finds no violations in the node and credential sources', async () => {
		const result = await analyzePackage(repoRoot);

		// Only warnings may remain: credential-unnecessary-password takes accessKey, licenceKey and sessionName for
		// non-secrets, and we keep them masked on purpose.
		const lines = (result.details ?? '').split('\n').filter((line) => /^\s+\d+:\d+\s/.test(line));
		expect(lines.filter((line) => !/\swarning\s.*credential-unnecessary-password$/.test(line.trim()))).toEqual([]);
		expect(result.message).toBeUndefined();
		expect(result.passed).toBe(true);
	});
});
