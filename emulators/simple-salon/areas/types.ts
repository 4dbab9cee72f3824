import type { z } from 'zod';

import type { EmulatorRequest, EmulatorResponse, Route } from '../../shared/emulator';
import * as schema from '../schemas';
import type { SalonSession, SimpleSalonState } from '../index';

/*
 * One area of the Simple Salon API (billing, POS, rosters, …) as its own file: the methods it answers, with their
 * zod schemas and any state of their own. `areas/index.ts` lists the areas; the emulator mounts every method under
 * the api_url (`/<prefix>/v1/<method>`) after checking the Bearer token and parsing the JSON body.
 */

export interface AreaContext {
	/** The shared state: company, clients, operators, appointments, sessions (areas keep the rest themselves). */
	state: SimpleSalonState;
	/** Largest rows_per_page served. */
	maxRows: number;
	/** The emulator's base URL (for URLs it hands out, e.g. signed upload links). */
	baseUrl(): string;
	/** Current time in ms. */
	now(): number;
}

export interface MethodCall {
	session: SalonSession;
	req: EmulatorRequest;
}

export type MethodHandler = (body: Record<string, unknown>, call: MethodCall) => EmulatorResponse;

export interface SalonArea {
	/** The API methods this area answers, by path after `/v1/` (`billing/item/add`). */
	methods: Record<string, MethodHandler>;
	/** Called when the emulator (re)seeds: bring the area's own state back to its seed. */
	reset?(): void;
	/** Routes outside the API (e.g. the signed-URL file upload host). */
	routes?: Route[];
}

export type AreaFactory = (ctx: AreaContext) => SalonArea;

/** The vendor's Message shape, used for every error: `{ success: false, error: { code, details, message } }`. */
export function fail(code: string, message: string, details: string[] = [], status = 200): EmulatorResponse {
	return { status, body: { success: false, error: { code, details, message } } };
}

export const ok = (body: object): EmulatorResponse => ({ status: 200, body: { success: true, ...body } });

/** Validates a body with a zod schema; a failure becomes the vendor's error Message naming the field. */
export function parse<T extends z.ZodTypeAny>(zod: T, body: unknown): { value: z.infer<T> } | { error: EmulatorResponse } {
	const result = zod.safeParse(body);
	if (result.success) return { value: result.data as z.infer<T> };
	const problem = schema.problemOf(result.error);
	return { error: fail(problem.code, problem.message, problem.details) };
}

/** The default page size when a request gives none (every example shows 10). */
export const DEFAULT_ROWS_PER_PAGE = 10;

/** ListOptions paging: `page_number` from 1, `rows_per_page` capped at `maxRows`, -1 (all rows) only where allowed. */
export function page<T>(rows: T[], options: schema.ListOptions | undefined, maxRows: number, allowAll: boolean) {
	const pageNumber = options?.page_number ?? 1;
	let perPage = options?.rows_per_page ?? DEFAULT_ROWS_PER_PAGE;
	if (perPage === -1 && !allowAll) {
		return { error: fail('INVALIDPARAMETER', 'options.rows_per_page cannot be -1 for this request', ['options.rows_per_page']) };
	}
	if (perPage !== -1) perPage = Math.min(perPage, maxRows);
	const slice = perPage === -1 ? rows : rows.slice((pageNumber - 1) * perPage, pageNumber * perPage);
	const meta: Record<string, unknown> = { page_number: pageNumber, rows_per_page: perPage };
	if (options?.return_total) meta.total_rows = rows.length;
	return { slice, meta };
}
