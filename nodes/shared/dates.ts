/** The UTC offset (ms) of a time zone at an instant, from the platform's time zone data. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(instant));
	const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const wallClock = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return wallClock - Math.floor(instant / 1000) * 1000;
}

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?$/;

/**
 * A moment as epoch milliseconds: a number or digits (Unix seconds; JavaScript milliseconds recognised by size), a
 * Date or Luxon DateTime from an expression, an ISO string with an offset, or a date picked in the editor (no offset:
 * the workflow's time zone). Undefined when it is none of these.
 */
export function toEpochMs(value: unknown, timeZone: string): number | undefined {
	if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) value = Number(value.trim());
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || value < 0) return undefined;
		return Math.floor(value >= 1e12 ? value : value * 1000);
	}
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
	if (value && typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		return (value as { toMillis(): number }).toMillis();
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	const naive = NAIVE.exec(text);
	if (naive) {
		const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = ''] = naive;
		const ms = fraction ? Math.round(Number(`0${fraction}`) * 1000) : 0;
		const wallClock = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, ms);
		if (Number.isNaN(wallClock) || new Date(wallClock).getUTCDate() !== +d) return undefined;
		const guess = wallClock - zoneOffsetMs(wallClock, timeZone);
		return wallClock - zoneOffsetMs(guess, timeZone);
	}
	if (!/^\d{4}-\d{2}-\d{2}T/.test(text) && !/\b\d{4}\b/.test(text)) return undefined;
	const parsed = Date.parse(text);
	return Number.isNaN(parsed) ? undefined : parsed;
}
