import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** A Simple Salon ID (a positive whole number) from a parameter, or an error naming the field and the item. */
export function salonId(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string, value?: unknown): number {
	const raw = value === undefined ? (ctx.getNodeParameter(name, itemIndex, '') as unknown) : value;
	if (raw !== null && raw !== undefined && typeof raw !== 'number' && typeof raw !== 'string') {
		// an object, array or boolean from an expression is not "empty": say what arrived instead
		throw new NodeOperationError(ctx.getNode(), `The field "${label}" has an invalid value ${describeValue(raw)} in item ${itemIndex}`, {
			itemIndex,
			description: 'Simple Salon IDs are positive whole numbers, e.g. 1111.',
		});
	}
	const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (text === '') {
		throw new NodeOperationError(ctx.getNode(), `The field "${label}" is empty in item ${itemIndex}`, {
			itemIndex,
			description: `Enter the ${label}, or map one from the input with an expression.`,
		});
	}
	if (!/^\d+$/.test(text) || Number(text) <= 0 || !Number.isSafeInteger(Number(text))) {
		throw new NodeOperationError(ctx.getNode(), `The field "${label}" has an invalid value "${text}" in item ${itemIndex}`, {
			itemIndex,
			description: 'Simple Salon IDs are positive whole numbers, e.g. 1111.',
		});
	}
	return Number(text);
}

/** A comma-separated or array list of IDs (e.g. category IDs). */
export function salonIdList(ctx: IExecuteFunctions, value: unknown, itemIndex: number, label: string): number[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	return parts.map((part) => String(part).trim()).filter((part) => part !== '').map((part) => salonId(ctx, '', itemIndex, label, part));
}

/** A value that is not text or a number, shown in an error: `(an object)`, `(an array)`, `(true)`. */
export function describeValue(value: unknown): string {
	if (Array.isArray(value)) return '(an array)';
	if (typeof value === 'object' && value !== null) return '(an object)';
	return `(${String(value)})`;
}

// the digits, then optional fractions, offset and [zone] as n8n and Luxon write them; nothing else may follow
const WALL_CLOCK =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(?:Z|([+-])(\d{2}):?(\d{2}))?(?:\[([^\]]+)\])?$/i;

/** Whether an IANA zone name (`Australia/Sydney`) is one the runtime knows. */
function knownZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/**
 * Simple Salon ignores the time zone offset of date inputs and reads the digits as the salon's local time, so the
 * node sends the digits the user gave, without an offset, rather than converting to UTC and shifting them.
 */
export function salonWallClock(ctx: IExecuteFunctions, value: unknown, itemIndex: number, label: string, dateOnly = false): string {
	let text = '';
	if (typeof value === 'string') text = value.trim();
	else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
	else if (value && typeof (value as { toISO?: unknown }).toISO === 'function') text = String((value as { toISO(): string | null }).toISO());
	const m = WALL_CLOCK.exec(text);
	const valid =
		m !== null &&
		(() => {
			const [, y, mo, d, h = '00', mi = '00', s = '00', sign, oh = '00', om = '00', zone] = m;
			const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
			const offsetOk = !sign || (Number(oh) <= 14 && Number(om) < 60);
			return (
				probe.getUTCMonth() === Number(mo) - 1 &&
				probe.getUTCDate() === Number(d) &&
				Number(h) < 24 &&
				Number(mi) < 60 &&
				Number(s) < 60 &&
				offsetOk &&
				(zone === undefined || knownZone(zone))
			);
		})();
	if (!valid || !m) {
		const empty = text === '' && (value === undefined || value === null || value === '' || typeof value === 'string');
		const shown = text === '' ? describeValue(value) : `"${text}"`;
		throw new NodeOperationError(
			ctx.getNode(),
			empty ? `The field "${label}" is empty in item ${itemIndex}` : `The field "${label}" has an invalid date ${shown} in item ${itemIndex}`,
			{ itemIndex, description: 'Use a date such as 2025-03-04 or 2025-03-04T09:30:00 (salon local time).' },
		);
	}
	const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
	return dateOnly ? `${y}-${mo}-${d}T00:00:00` : `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}
