import { fs, log, path, process, repoRoot, warn } from 'business-pack-devkit';

/*
 * The README's reliability table (issue 9), from the results the reliability suites write to .cache/reliability/
 * (`<vendor>.<suite>.json`, suite one of faults, bad-input, secrets). `--check` changes nothing and exits 1 when the
 * README's table differs from the results; `--readme=<file>` works on another file than README.md.
 */

export const RELIABILITY_START = '<!-- reliability:start -->';
export const RELIABILITY_END = '<!-- reliability:end -->';

const VENDORS = [
	['simple-simon', 'Simple-Simon'],
	['simply-crm', 'Simply CRM'],
	['simple-salon', 'Simple Salon'],
	['synergist', 'Synergist'],
] as const;
const SUITES = ['faults', 'bad-input', 'secrets'] as const;
type Suite = (typeof SUITES)[number];

export interface SuiteResult {
	vendor: string;
	suite: Suite;
	cases: number;
	failed: number;
	duplicates: number;
	lost: number;
	leaks: number;
	kinds: string[];
}

export function readResults(dir = path.join(repoRoot, '.cache', 'reliability')): SuiteResult[] {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((file) => /^[a-z-]+\.(faults|bad-input|secrets)\.json$/.test(file))
		.sort()
		.map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as SuiteResult);
}

/** The markdown between the markers: one row per vendor, then the fault kinds tried. */
export function reliabilityTable(results: SuiteResult[]): string {
	const of = (vendor: string, suite: Suite) =>
		results.find((r) => r.vendor === vendor && r.suite === suite);
	const cell = (result: SuiteResult | undefined) =>
		result === undefined
			? '—'
			: result.failed > 0
				? `${result.cases} (${result.failed} failing)`
				: String(result.cases);
	// duplicates, lost and leaks are the sums over the suites that ran; '—' when none did
	const sum = (vendor: string, field: 'duplicates' | 'lost' | 'leaks') => {
		const ran = SUITES.map((suite) => of(vendor, suite)).filter(
			(r): r is SuiteResult => r !== undefined,
		);
		return ran.length === 0 ? '—' : String(ran.reduce((total, r) => total + r[field], 0));
	};
	const rows = VENDORS.map(
		([vendor, name]) =>
			`| ${name} | ${cell(of(vendor, 'faults'))} | ${cell(of(vendor, 'bad-input'))} | ${cell(of(vendor, 'secrets'))} | ${sum(vendor, 'duplicates')} | ${sum(vendor, 'lost')} | ${sum(vendor, 'leaks')} |`,
	);
	return [
		'| Vendor | Faults tried | Bad inputs tried | Secrets checked | Duplicates | Lost items | Leaks |',
		'|---|---:|---:|---:|---:|---:|---:|',
		...rows,
		'',
		`Fault kinds tried: ${kindsLine(results, 'faults')}`,
		'',
		`Secret checks: ${kindsLine(results, 'secrets')}`,
	].join('\n');
}

/** The kinds every vendor tried, then each vendor's own. */
function kindsLine(results: SuiteResult[], suite: Suite): string {
	const ran = results.filter((r) => r.suite === suite);
	if (ran.length === 0) return '—.';
	const common = ran[0].kinds.filter((kind) => ran.every((r) => r.kinds.includes(kind)));
	const own = VENDORS.flatMap(([vendor, name]) => {
		const extra =
			ran.find((r) => r.vendor === vendor)?.kinds.filter((kind) => !common.includes(kind)) ?? [];
		return extra.length ? [`${name}: ${extra.join('; ')}`] : [];
	});
	return `${common.join('; ')}.${own.length ? ` Vendor-specific — ${own.join('. ')}.` : ''}`;
}

export function replaceReliabilityTable(readme: string, table: string): string {
	const start = readme.indexOf(RELIABILITY_START);
	const end = readme.indexOf(RELIABILITY_END);
	if (start === -1 || end === -1 || end < start)
		throw new Error('README has no reliability table markers');
	return `${readme.slice(0, start + RELIABILITY_START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}

function main() {
	// --readme=<file>: another file with the markers (e.g. a draft of the README section)
	const given = process.argv.find((arg) => arg.startsWith('--readme='))?.slice('--readme='.length);
	const readmePath = given ? path.resolve(given) : path.join(repoRoot, 'README.md');
	const readme = fs.readFileSync(readmePath, 'utf8');
	const results = readResults();
	if (results.length === 0)
		warn('no results in .cache/reliability: run the reliability suites first');
	if (!readme.includes(RELIABILITY_START) || !readme.includes(RELIABILITY_END)) {
		warn(
			`${path.relative(repoRoot, readmePath)} has no ${RELIABILITY_START} … ${RELIABILITY_END} markers`,
		);
		process.exit(1);
	}
	if (process.argv.includes('--print')) {
		// npm test's last step: this run's numbers in the log, README untouched
		log(reliabilityTable(results));
		return;
	}
	const next = replaceReliabilityTable(readme, reliabilityTable(results));
	if (process.argv.includes('--check')) {
		if (next !== readme) {
			warn('README reliability table is out of date: run `npm run docs:reliability`');
			process.exit(1);
		}
		log('README reliability table is up to date');
		return;
	}
	fs.writeFileSync(readmePath, next);
	log(`README reliability table updated from ${results.length} result files`);
}

main();
