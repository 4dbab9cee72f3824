import type { IDataObject } from 'n8n-workflow';
import { now } from 'business-pack-devkit';
import { Agent, request } from 'undici';

import { INPUT_NODE, type NodeSpec } from '../../test/real-n8n/harness';

/*
 * Building blocks the vendor job files share: the nodes a user puts around n8n's HTTP Request node (login once,
 * items back, pages split out) and the floor's plain undici client.
 */

export const HTTP_REQUEST = 'n8n-nodes-base.httpRequest';

type Pairs = Record<string, string>;
const pairs = (values: Pairs) => ({
	parameters: Object.entries(values).map(([name, value]) => ({ name, value })),
});

export interface HttpRequestSpec {
	method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
	url: string;
	qs?: Pairs;
	headers?: Pairs;
	/** Sent as a JSON body, one key/value pair each (values may be expressions). */
	json?: Pairs;
	/** Sent form-urlencoded. */
	form?: Pairs;
	/** Batching "items per batch" (interval: `httpBatching`); undefined = n8n's default, every item at once. */
	batchSize?: number;
	/** The "pagination" option's inner object (paginationMode, nextURL / parameters, completeExpression …). */
	pagination?: IDataObject;
}

/**
 * Batching's "Batch Interval" for every HTTP Request node the jobs build. The node sends a batch, waits this long and
 * sends the next, never waiting for answers (interval 0 = every item at once), so the runner sets it to one round trip
 * (the emulator latency): about "items per batch" requests are then in flight, the nearest it has to a concurrency.
 */
export const httpBatching = { intervalMs: 0 };

/** n8n's HTTP Request node (v4.2) as a user fills it in. */
export function httpRequestNode(name: string, spec: HttpRequestSpec): NodeSpec {
	const parameters: IDataObject = { method: spec.method ?? 'GET', url: spec.url, options: {} };
	if (spec.qs) Object.assign(parameters, { sendQuery: true, queryParameters: pairs(spec.qs) });
	if (spec.headers)
		Object.assign(parameters, { sendHeaders: true, headerParameters: pairs(spec.headers) });
	if (spec.json)
		Object.assign(parameters, {
			sendBody: true,
			contentType: 'json',
			bodyParameters: pairs(spec.json),
		});
	if (spec.form)
		Object.assign(parameters, {
			sendBody: true,
			contentType: 'form-urlencoded',
			bodyParameters: pairs(spec.form),
		});
	const options = parameters.options as IDataObject;
	if (spec.batchSize !== undefined)
		options.batching = {
			batch: { batchSize: spec.batchSize, batchInterval: httpBatching.intervalMs },
		};
	if (spec.pagination)
		options.pagination = { pagination: { limitPagesFetched: false, ...spec.pagination } };
	return { name, type: HTTP_REQUEST, typeVersion: 4.2, parameters };
}

/** Limit to one item: the login runs once per run, not once per item. */
export const onlyFirst = (name = 'Once'): NodeSpec => ({
	name,
	type: 'n8n-nodes-base.limit',
	typeVersion: 1,
	parameters: { maxItems: 1 },
});

/** Code node that brings the webhook's items back after the login chain. */
export const inputItems = (name = 'Items'): NodeSpec => ({
	name,
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: { jsCode: `return $('${INPUT_NODE}').all();` },
});

/** Split Out: one item per element of a page's array (`value`, `result`, …). */
export const splitOut = (field: string, name = 'Records'): NodeSpec => ({
	name,
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: field, include: 'noOtherFields', options: {} },
});

// ------------------------------------------------------------------------------------------------ floor

/** One keep-alive pool for all floor runs, sized for the widest concurrency the bench uses. */
export const floorAgent = new Agent({ connections: 1000, pipelining: 1, keepAliveTimeout: 10_000 });

export interface FloorCall {
	method?: 'GET' | 'POST' | 'PUT';
	url: string;
	headers?: Record<string, string>;
	json?: unknown;
	form?: Record<string, string>;
}

/** One request straight from undici; the parsed JSON body (throws on a status ≥ 400). */
export async function floorRequest<T = IDataObject>(call: FloorCall): Promise<T> {
	const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
	let body: string | undefined;
	if (call.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(call.json);
	} else if (call.form) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(call.form).toString();
	}
	const response = await request(call.url, {
		method: call.method ?? 'GET',
		headers,
		body,
		dispatcher: floorAgent,
	});
	const text = await response.body.text();
	if (response.statusCode >= 400)
		throw new Error(
			`${call.method ?? 'GET'} ${call.url} answered ${response.statusCode}: ${text.slice(0, 200)}`,
		);
	return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** Runs `work(i)` for i in 0…n-1, `concurrency` at a time (all at once when undefined). */
export async function pool(
	n: number,
	concurrency: number | undefined,
	work: (index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < n) await work(next++);
	};
	await Promise.all(Array.from({ length: Math.min(n, concurrency ?? n) }, worker));
}

/** A short marker per run, so `verify` finds exactly the records a run created. */
let markers = 0;
export const runMarker = () => `bench-${now().toString(36)}-${(markers++).toString(36)}`;
