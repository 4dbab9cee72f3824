import { fs, path, repoRoot } from 'business-pack-devkit';

/*
 * The bad-input suites' count for the README reliability table: `track(kind, count, body)` runs one test body as
 * `count` cases of `kind` (a failure counts against all of them and still fails the test); after the file,
 * `.cache/reliability/<vendor>.bad-input.json` is written in the format scripts/reliability-table.ts reads.
 */
export function badInputTally(vendor: string) {
	const tally = { cases: 0, failed: 0, kinds: new Set<string>() };

	afterAll(() => {
		const dir = path.join(repoRoot, '.cache', 'reliability');
		fs.mkdirSync(dir, { recursive: true });
		const result = {
			vendor,
			suite: 'bad-input',
			cases: tally.cases,
			failed: tally.failed,
			duplicates: 0,
			lost: 0,
			leaks: 0,
			kinds: [...tally.kinds].sort(),
		};
		fs.writeFileSync(
			path.join(dir, `${vendor}.bad-input.json`),
			`${JSON.stringify(result, null, 2)}\n`,
		);
	});

	return async function track(
		kind: string,
		count: number,
		body: () => Promise<void>,
	): Promise<void> {
		tally.kinds.add(kind);
		tally.cases += count;
		let passed = false;
		try {
			await body();
			passed = true;
		} finally {
			if (!passed) tally.failed += count;
		}
	};
}
