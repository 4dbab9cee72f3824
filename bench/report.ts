import { fsp, path } from 'business-pack-devkit';

import type { Contender, JobName, Vendor } from './types';

/*
 * The bench's result files: latest.json (everything measured), latest.md (the table with ratios and targets) and
 * latest.svg (median wall time per job and scenario, hand-written SVG).
 */

export interface Scenario {
	/** c1, c10, cN, rate, paged. */
	id: string;
	title: string;
	/** Contender → its concurrency (undefined: default / all at once); contenders left out do not run. */
	contenders: Partial<Record<Contender, number | undefined>>;
	rounds: number;
	rateLimit?: { requests: number; perMs: number };
}

export interface Measurement {
	/** n8n contenders: first contender node start → last node end; trigger: the poll's first to last answer; floor: the loop. */
	wallMs: number;
	/** Requests the emulator answered (429s left out). */
	requests: number;
	/** Requests refused with 429 by the emulator's rate limit. */
	rejected: number;
	logins: number;
	output: number;
	failures: number;
	/** true, or why verify failed. */
	verified: true | string;
	/** n8n's RSS before the run and its peak (VmHWM) during it, MB. */
	rssBefore?: number;
	rssPeak?: number;
	/** JSON size of the records a list / poll run returned. */
	jsonBytes?: number;
	/** What the caller saw (webhook round trip / activation until the execution was stored). */
	clientMs?: number;
	/** The first failed item's error, as the workflow returned it. */
	firstFailure?: string;
	/** Trigger runs: each request's arrival, ms after the first. */
	requestAts?: number[];
}

export interface ResultRow {
	vendor: Vendor;
	label: string;
	job: JobName;
	title: string;
	n: number;
	scenario: Scenario;
	contender: Contender;
	concurrency: number | undefined;
	minimumRequests: number;
	maxPageSize?: number;
	samples: Measurement[];
	medianWallMs: number;
}

export interface BenchResult {
	when: string;
	n8nVersion: string;
	options: Record<string, unknown>;
	totalSeconds: number;
	rows: ResultRow[];
	/** Anything a reader must know about this result (e.g. rows merged from a second run). */
	note?: string;
}

export interface TargetCheck {
	vendor: Vendor;
	job: JobName;
	scenario: string;
	target: string;
	measured: string;
	pass: boolean;
}

const CONTENDER_LABEL: Record<Contender, string> = {
	ours: 'ours',
	httpRequest: 'HTTP Request',
	floor: 'undici floor',
};
const last = <T>(list: T[]) => list[list.length - 1];
const mb = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(0));
const ms = (value: number) =>
	Number.isFinite(value) ? Math.round(value).toLocaleString('en') : '—';
const ratio = (a: number, b: number) =>
	Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN;
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '—');
const delta = (sample: Measurement | undefined) =>
	sample?.rssPeak !== undefined && sample.rssBefore !== undefined
		? sample.rssPeak - sample.rssBefore
		: undefined;
const medianOf = (values: number[]) => {
	const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
	return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN;
};

function groupsOf(rows: ResultRow[]): ResultRow[][] {
	const groups = new Map<string, ResultRow[]>();
	for (const row of rows) {
		const key = `${row.vendor}|${row.job}|${row.scenario.id}`;
		groups.set(key, [...(groups.get(key) ?? []), row]);
	}
	return [...groups.values()];
}

/** The issue's targets, checked per vendor, job and scenario. */
export function checkTargets(rows: ResultRow[]): TargetCheck[] {
	const checks: TargetCheck[] = [];
	for (const group of groupsOf(rows)) {
		const by = (contender: Contender) => group.find((row) => row.contender === contender);
		const ours = by('ours');
		if (!ours) continue;
		const http = by('httpRequest');
		const floor = by('floor');
		const { vendor, job, scenario } = ours;
		const add = (target: string, measured: string, pass: boolean) =>
			checks.push({ vendor, job, scenario: scenario.id, target, measured, pass });
		const steady = last(ours.samples);
		const unverified = ours.samples.find((sample) => sample.verified !== true);
		add(
			'every run verified (exact records, no duplicate)',
			unverified ? String(unverified.verified) : `${ours.samples.length} runs`,
			!unverified,
		);
		if (scenario.id === 'rate') {
			add(
				'ours: every item, 0 failed, 0 duplicates',
				`${steady.failures} failed, ${steady.rejected} × 429`,
				steady.failures === 0 && steady.verified === true,
			);
			const failed = http ? last(http.samples).failures : 0;
			add('HTTP Request default shown failing items', `${failed} of ${ours.n} failed`, failed > 0);
			continue;
		}
		if (scenario.id !== 'cN' && scenario.id !== 'c1') {
			const minimum = ours.minimumRequests;
			add(
				`requests = minimum (${minimum}${ours.maxPageSize ? `, page ${ours.maxPageSize}` : ''}), 0 logins at steady state`,
				`${steady.requests} requests, ${steady.logins} logins`,
				steady.requests === minimum && steady.logins === 0,
			);
		}
		if (floor && (scenario.id === 'c1' || scenario.id === 'paged')) {
			const r = ratio(ours.medianWallMs, floor.medianWallMs);
			add('ours ≤ 1.2× undici floor', times(r), r <= 1.2);
		}
		if (http) {
			const r = ratio(ours.medianWallMs, http.medianWallMs);
			add(
				scenario.id === 'cN'
					? "ours ≤ 1.1× HTTP Request's default run"
					: 'ours ≤ 1.1× HTTP Request',
				times(r),
				r <= 1.1,
			);
		}
		if (job === 'list' && http) {
			const oursDelta = medianOf(ours.samples.map((sample) => delta(sample) ?? NaN));
			const httpDelta = medianOf(http.samples.map((sample) => delta(sample) ?? NaN));
			const json = (steady.jsonBytes ?? 0) / 1024 / 1024;
			add(
				"memory: ours ΔRSS ≤ the HTTP Request workflow's ΔRSS (n8n's own keeping)",
				`ours +${mb(oursDelta)} MB, HTTP Request +${mb(httpDelta)} MB, records ${json.toFixed(1)} MB JSON (ours ${times(oursDelta / json)} JSON)`,
				oursDelta <= httpDelta,
			);
		}
	}
	return checks;
}

export function markdownTable(result: BenchResult): string {
	const lines = [
		'| Vendor | Job | Scenario | Contender | Requests (min) | Logins | 429s | Failed | Median wall ms | Peak RSS MB (Δ) | ours/floor | ours/HTTP Req. |',
		'|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|',
	];
	for (const group of groupsOf(result.rows)) {
		const ours = group.find((row) => row.contender === 'ours');
		const floor = group.find((row) => row.contender === 'floor');
		const http = group.find((row) => row.contender === 'httpRequest');
		for (const row of group) {
			const sample = last(row.samples);
			const isOurs = row === ours;
			const peak =
				sample?.rssPeak === undefined ? '—' : `${mb(sample.rssPeak)} (+${mb(delta(sample))})`;
			lines.push(
				`| ${row.label} | ${row.title} | ${row.scenario.title} | ${CONTENDER_LABEL[row.contender]}${row.concurrency === undefined ? '' : ` @${row.concurrency}`} | ` +
					`${sample?.requests ?? '—'} (${row.minimumRequests}) | ${sample?.logins ?? '—'} | ${sample?.rejected ?? '—'} | ${sample?.failures ?? '—'} | ` +
					`${ms(row.medianWallMs)} | ${peak} | ${isOurs && floor ? times(ratio(row.medianWallMs, floor.medianWallMs)) : ''} | ` +
					`${isOurs && http ? times(ratio(row.medianWallMs, http.medianWallMs)) : ''} |`,
			);
		}
	}
	return lines.join('\n');
}

export function targetsTable(checks: TargetCheck[]): string {
	return [
		'| Vendor | Job | Scenario | Target | Measured | |',
		'|---|---|---|---|---|---|',
		...checks.map(
			(check) =>
				`| ${check.vendor} | ${check.job} | ${check.scenario} | ${check.target} | ${check.measured} | ${check.pass ? 'pass' : '**MISS**'} |`,
		),
	].join('\n');
}

const COLORS: Record<Contender, string> = {
	ours: '#ff6d5a',
	httpRequest: '#7a7a9d',
	floor: '#c9c9d6',
};
const escape = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Median wall time per vendor, job and scenario; each group's bars scaled to its slowest contender. */
export function svgChart(result: BenchResult): string {
	const groups = groupsOf(result.rows);
	const labelWidth = 330;
	const barWidth = 360;
	const barHeight = 12;
	const groupHeight = (rows: number) => rows * (barHeight + 3) + 12;
	const height = 40 + groups.reduce((sum, group) => sum + groupHeight(group.length), 0) + 24;
	const width = labelWidth + barWidth + 170;
	const parts: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
		`<rect width="100%" height="100%" fill="#ffffff"/>`,
		`<text x="8" y="18" font-size="13" font-weight="bold">Median wall time (n8n ${escape(result.n8nVersion)}, ${String(result.options.latencyMs)} ms latency); bars per group scaled to its slowest</text>`,
	];
	let y = 34;
	for (const group of groups) {
		const max = Math.max(
			...group.map((row) => (Number.isFinite(row.medianWallMs) ? row.medianWallMs : 0)),
			1,
		);
		const first = group[0];
		parts.push(
			`<text x="8" y="${y + barHeight}">${escape(`${first.label}: ${first.title}`)}</text>`,
		);
		parts.push(
			`<text x="8" y="${y + 2 * barHeight + 3}" fill="#666">${escape(first.scenario.title)}</text>`,
		);
		group.forEach((row, i) => {
			const top = y + i * (barHeight + 3);
			const w = Number.isFinite(row.medianWallMs)
				? Math.max(1, (row.medianWallMs / max) * barWidth)
				: 0;
			parts.push(
				`<rect x="${labelWidth}" y="${top}" width="${w.toFixed(1)}" height="${barHeight}" fill="${COLORS[row.contender]}"/>`,
			);
			parts.push(
				`<text x="${(labelWidth + w + 4).toFixed(1)}" y="${top + barHeight - 2}">${escape(`${CONTENDER_LABEL[row.contender]} ${ms(row.medianWallMs)} ms`)}</text>`,
			);
		});
		y += groupHeight(group.length);
	}
	let x = 8;
	for (const contender of Object.keys(COLORS) as Contender[]) {
		parts.push(
			`<rect x="${x}" y="${height - 18}" width="10" height="10" fill="${COLORS[contender]}"/>`,
		);
		parts.push(`<text x="${x + 14}" y="${height - 9}">${CONTENDER_LABEL[contender]}</text>`);
		x += 120;
	}
	parts.push('</svg>');
	return `${parts.join('\n')}\n`;
}

/** Writes latest.json, latest.md and latest.svg into `outDir`; returns the Markdown (tables) for the console. */
export async function writeReport(result: BenchResult, outDir: string): Promise<string> {
	const checks = checkTargets(result.rows);
	const options = result.options;
	const markdown = [
		'# Benchmark: latest result',
		'',
		`${result.when}, n8n ${result.n8nVersion}, emulator latency ${String(options.latencyMs)} ms, ${String(options.rounds)} rounds (median), ` +
			`total ${result.totalSeconds} s. Produced by \`npm run bench\` (bench/README.md explains the columns and targets).`,
		'',
		...(result.note ? [result.note, ''] : []),
		'![median wall time](latest.svg)',
		'',
		markdownTable(result),
		'',
		'## Targets (issue 8)',
		'',
		targetsTable(checks),
		'',
		`${checks.filter((check) => check.pass).length} of ${checks.length} met.`,
		'',
	].join('\n');
	await fsp.mkdir(outDir, { recursive: true });
	await fsp.writeFile(
		path.join(outDir, 'latest.json'),
		`${JSON.stringify({ ...result, targets: checks }, null, '\t')}\n`,
	);
	await fsp.writeFile(path.join(outDir, 'latest.md'), markdown);
	await fsp.writeFile(path.join(outDir, 'latest.svg'), svgChart(result));
	return markdown;
}
