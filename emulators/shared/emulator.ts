import { http, net, setTimeout, clearTimeout, now } from 'business-pack-devkit';

/** One request as the emulator saw it on the wire, with the vendor operation it resolved to. */
export interface RecordedRequest {
	seq: number;
	at: number;
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	contentType: string;
	rawBody: string;
	/** Parsed body: JSON value, form fields, or multipart parts; undefined when empty or unparseable. */
	body: unknown;
	/** Vendor operation label set by the handler (`login`, `getchallenge`, `query`, `client.get`, …). */
	op?: string;
	status?: number;
	/** What the fault injector did to this request, if anything. */
	fault?: string;
}

export interface MultipartPart {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

export interface EmulatorRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	contentType: string;
	rawBody: Buffer;
	/** JSON value for application/json, field map for form-urlencoded, parts for multipart. */
	body: unknown;
	bodyError?: string;
	params: Record<string, string>;
	record: RecordedRequest;
}

export interface EmulatorResponse {
	status: number;
	headers?: Record<string, string>;
	body?: unknown;
	/** Sent as-is (no JSON encoding) when set. */
	raw?: string | Buffer;
}

export type Handler = (req: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

export interface Route {
	method: string;
	/** `/jsonapi/:area.json` style; `:name` matches one path segment (up to a dot when followed by one). */
	path: string;
	handler: Handler;
}

export type FaultAction =
	| { type: 'status'; status: number; body?: unknown; raw?: string; headers?: Record<string, string> }
	| { type: 'reset' }
	| { type: 'hang' }
	| { type: 'truncate' }
	| { type: 'delay'; ms: number }
	/** Invalidate every live session, then let the request through (it then meets the vendor's expiry signal). */
	| { type: 'expireSessions' };

export interface Fault {
	/** Match on method, path prefix or the operation label the handler would set (checked after routing). */
	when?: { method?: string; pathPrefix?: string; op?: string };
	/** How many matching requests it applies to (default 1). */
	times?: number;
	/** How many matching requests pass untouched before it starts applying (default 0). */
	skip?: number;
	/** `before` the handler runs (the server never sees the request) or `after` (the write happened). */
	phase?: 'before' | 'after';
	action: FaultAction;
}

/** Above `requests` per `perMs` (sliding window) requests get 429 before reaching the handler. */
export interface RateLimit {
	requests: number;
	perMs: number;
	/** Send `Retry-After` (whole seconds until a slot frees, at least 1); default true. */
	retryAfter?: boolean;
}

export interface EmulatorOptions {
	name: string;
	/** 0 = any free port. */
	port?: number;
	/** Fixed latency added to every request, in ms. */
	latencyMs?: number;
	routes: Route[];
	/** Resolve the vendor operation label for fault matching before the handler runs. */
	opOf?: (req: EmulatorRequest) => string | undefined;
	/** Invalidate every live session (forced expiry). */
	expireSessions?: () => void;
	/** Back to seed data. */
	reset?: () => void;
}

interface CompiledRoute extends Route {
	regex: RegExp;
	keys: string[];
}

function compile(route: Route): CompiledRoute {
	const keys: string[] = [];
	const pattern = route.path
		.split('/')
		.map((segment) =>
			segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([A-Za-z_]\w*)/g, (_m, key: string) => {
				keys.push(key);
				return '([^/]+?)';
			}),
		)
		.join('/');
	return { ...route, regex: new RegExp(`^${pattern}/?$`), keys };
}

export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] | undefined {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!match) return undefined;
	const boundary = Buffer.from(`--${match[1] ?? match[2]}`);
	const parts: MultipartPart[] = [];
	let start = body.indexOf(boundary);
	while (start !== -1) {
		const next = body.indexOf(boundary, start + boundary.length);
		if (next === -1) break;
		const chunk = body.subarray(start + boundary.length + 2, next - 2);
		const headerEnd = chunk.indexOf('\r\n\r\n');
		if (headerEnd !== -1) {
			const headerText = chunk.subarray(0, headerEnd).toString('utf8');
			const disposition = /content-disposition:[^\r\n]*/i.exec(headerText)?.[0] ?? '';
			const name = /name="([^"]*)"/i.exec(disposition)?.[1] ?? '';
			const filename = /filename="([^"]*)"/i.exec(disposition)?.[1];
			const type = /content-type:\s*([^\r\n]+)/i.exec(headerText)?.[1];
			parts.push({ name, filename, contentType: type, data: chunk.subarray(headerEnd + 4) });
		}
		start = next;
	}
	return parts;
}

function parseBody(raw: Buffer, contentType: string): { body: unknown; error?: string } {
	if (raw.length === 0) return { body: undefined };
	const type = contentType.split(';')[0].trim().toLowerCase();
	try {
		if (type === 'application/json' || type.endsWith('+json')) return { body: JSON.parse(raw.toString('utf8')) };
		if (type === 'application/x-www-form-urlencoded') {
			return { body: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) };
		}
		if (type === 'multipart/form-data') return { body: parseMultipart(raw, contentType) };
	} catch (error) {
		return { body: undefined, error: (error as Error).message };
	}
	return { body: raw.toString('utf8') };
}

/**
 * A strict vendor emulator: a real HTTP server on 127.0.0.1 with a request log, fault injection,
 * fixed latency and an admin API under `/__emulator/` for processes that do not share memory with it.
 */
export class Emulator {
	readonly name: string;
	readonly log: RecordedRequest[] = [];
	latencyMs: number;
	private readonly routes: CompiledRoute[];
	private readonly faults: Array<Fault & { left: number; skipLeft: number }> = [];
	private server?: InstanceType<typeof http.Server>;
	private readonly sockets = new Set<InstanceType<typeof net.Socket>>();
	private seq = 0;
	private port: number;
	private rateLimit?: RateLimit;
	/** Arrival times of the requests the rate limiter let through, oldest first. */
	private admitted: number[] = [];

	constructor(private readonly options: EmulatorOptions) {
		this.name = options.name;
		this.latencyMs = options.latencyMs ?? 0;
		this.port = options.port ?? 0;
		this.routes = options.routes.map(compile);
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async start(): Promise<string> {
		this.server = http.createServer((req, res) => {
			void this.handle(req, res);
		});
		this.server.keepAliveTimeout = 5000;
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(this.port, '127.0.0.1', () => resolve());
		});
		const address = this.server.address();
		if (address && typeof address === 'object') this.port = address.port;
		return this.url;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	/** Requests whose operation label is one of `ops` (all when omitted). */
	requests(...ops: string[]): RecordedRequest[] {
		return ops.length === 0 ? this.log.slice() : this.log.filter((r) => r.op !== undefined && ops.includes(r.op));
	}

	clearLog(): void {
		this.log.length = 0;
	}

	inject(fault: Fault): void {
		this.faults.push({ ...fault, left: fault.times ?? 1, skipLeft: fault.skip ?? 0 });
	}

	clearFaults(): void {
		this.faults.length = 0;
	}

	/** Turns the vendor's rate limit on (or off with undefined); the window starts empty. */
	setRateLimit(limit: RateLimit | undefined): void {
		this.rateLimit = limit;
		this.admitted = [];
	}

	/** Milliseconds until a slot frees when the request must be refused, else 0 (and the request is counted). */
	private rateLimited(at: number): number {
		const limit = this.rateLimit;
		if (!limit) return 0;
		while (this.admitted.length && this.admitted[0] <= at - limit.perMs) this.admitted.shift();
		if (this.admitted.length < limit.requests) {
			this.admitted.push(at);
			return 0;
		}
		return Math.max(1, this.admitted[0] + limit.perMs - at);
	}

	expireSessions(): void {
		this.options.expireSessions?.();
	}

	reset(): void {
		this.clearLog();
		this.clearFaults();
		this.options.reset?.();
	}

	private takeFault(req: EmulatorRequest, op: string | undefined, phase: 'before' | 'after'): Fault | undefined {
		const index = this.faults.findIndex((fault) => {
			if ((fault.phase ?? 'before') !== phase || fault.left <= 0) return false;
			const when = fault.when ?? {};
			if (when.method && when.method.toUpperCase() !== req.method) return false;
			if (when.pathPrefix && !req.path.startsWith(when.pathPrefix)) return false;
			if (when.op && when.op !== op) return false;
			return true;
		});
		if (index === -1) return undefined;
		const fault = this.faults[index];
		if (fault.skipLeft > 0) {
			fault.skipLeft -= 1;
			return undefined;
		}
		fault.left -= 1;
		if (fault.left <= 0) this.faults.splice(index, 1);
		return fault;
	}

	private async handle(req: InstanceType<typeof http.IncomingMessage>, res: InstanceType<typeof http.ServerResponse>) {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const raw = Buffer.concat(chunks);
		const parsedUrl = new URL(req.url ?? '/', 'http://127.0.0.1');
		const headers: Record<string, string> = {};
		for (const [key, value] of Object.entries(req.headers)) {
			if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
		}
		const contentType = headers['content-type'] ?? '';

		if (parsedUrl.pathname.startsWith('/__emulator/')) {
			this.admin(req.method ?? 'GET', parsedUrl.pathname, raw, res);
			return;
		}

		const { body, error } = parseBody(raw, contentType);
		const record: RecordedRequest = {
			seq: ++this.seq,
			at: now(),
			method: req.method ?? 'GET',
			path: parsedUrl.pathname,
			query: Object.fromEntries(parsedUrl.searchParams),
			headers,
			contentType,
			rawBody: raw.length > 65536 ? `${raw.subarray(0, 65536).toString('utf8')}…` : raw.toString('utf8'),
			body: Array.isArray(body) && body[0] && typeof body[0] === 'object' && 'data' in body[0] ? '[multipart]' : body,
		};
		this.log.push(record);
		const request: EmulatorRequest = {
			method: record.method,
			path: record.path,
			query: record.query,
			headers,
			contentType,
			rawBody: raw,
			body,
			bodyError: error,
			params: {},
			record,
		};
		const op = this.options.opOf?.(request);
		if (op) record.op = op;

		if (this.latencyMs > 0) await new Promise<void>((resolve) => setTimeout(resolve, this.latencyMs));

		const waitMs = this.rateLimited(now());
		if (waitMs > 0) {
			record.fault = 'rateLimit';
			const headers: Record<string, string> =
				this.rateLimit?.retryAfter === false ? {} : { 'retry-after': String(Math.ceil(waitMs / 1000)) };
			this.send(res, { status: 429, headers, body: { error: 'Too many requests' } }, record);
			return;
		}

		const before = this.takeFault(request, op, 'before');
		if (before && (await this.applyFault(before, record, res))) return;

		let response: EmulatorResponse;
		const route = this.match(request);
		if (!route) {
			response = { status: 404, body: { error: `No route for ${request.method} ${request.path}` } };
		} else {
			try {
				response = await route.handler(request);
			} catch (err) {
				response = { status: 500, body: { error: (err as Error).message } };
			}
		}

		const after = this.takeFault(request, record.op, 'after');
		if (after && (await this.applyFault(after, record, res, response))) return;
		this.send(res, response, record);
	}

	private match(request: EmulatorRequest): CompiledRoute | undefined {
		for (const route of this.routes) {
			if (route.method !== '*' && route.method !== request.method) continue;
			const m = route.regex.exec(request.path);
			if (!m) continue;
			route.keys.forEach((key, i) => (request.params[key] = decodeURIComponent(m[i + 1])));
			return route;
		}
		return undefined;
	}

	/** Returns true when the fault consumed the response. */
	private async applyFault(
		fault: Fault,
		record: RecordedRequest,
		res: InstanceType<typeof http.ServerResponse>,
		response?: EmulatorResponse,
	): Promise<boolean> {
		const action = fault.action;
		record.fault = action.type === 'status' ? `status ${action.status}` : action.type;
		switch (action.type) {
			case 'delay':
				await new Promise<void>((resolve) => setTimeout(resolve, action.ms));
				return false;
			case 'expireSessions':
				this.expireSessions();
				return false;
			case 'status':
				this.send(res, { status: action.status, headers: action.headers, body: action.body, raw: action.raw }, record);
				return true;
			case 'reset':
				res.socket?.destroy();
				record.status = 0;
				return true;
			case 'hang': {
				const timer = setTimeout(() => res.socket?.destroy(), 10 * 60 * 1000);
				res.on('close', () => clearTimeout(timer));
				record.status = 0;
				return true;
			}
			case 'truncate': {
				const full = response ? this.encode(response) : { payload: Buffer.from('{"truncated":'), type: 'application/json' };
				res.writeHead(response?.status ?? 200, { 'content-type': full.type, 'content-length': String(full.payload.length) });
				res.write(full.payload.subarray(0, Math.max(1, Math.floor(full.payload.length / 2))));
				res.socket?.destroy();
				record.status = response?.status ?? 200;
				return true;
			}
		}
		return false;
	}

	private encode(response: EmulatorResponse): { payload: Buffer; type: string } {
		if (response.raw !== undefined) {
			return {
				payload: Buffer.isBuffer(response.raw) ? response.raw : Buffer.from(response.raw, 'utf8'),
				type: response.headers?.['content-type'] ?? 'text/plain; charset=utf-8',
			};
		}
		if (response.body === undefined) return { payload: Buffer.alloc(0), type: 'application/json' };
		return { payload: Buffer.from(JSON.stringify(response.body), 'utf8'), type: 'application/json; charset=utf-8' };
	}

	private send(res: InstanceType<typeof http.ServerResponse>, response: EmulatorResponse, record: RecordedRequest) {
		const { payload, type } = this.encode(response);
		record.status = response.status;
		res.writeHead(response.status, { 'content-type': type, ...response.headers, 'content-length': String(payload.length) });
		res.end(payload);
	}

	private admin(method: string, path: string, raw: Buffer, res: InstanceType<typeof http.ServerResponse>) {
		const reply = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		const action = path.slice('/__emulator/'.length);
		if (action === 'log' && method === 'GET') return reply(200, this.log);
		if (action === 'log' && method === 'DELETE') return reply(200, (this.clearLog(), { ok: true }));
		if (action === 'expire-sessions' && method === 'POST') return reply(200, (this.expireSessions(), { ok: true }));
		if (action === 'reset' && method === 'POST') return reply(200, (this.reset(), { ok: true }));
		if (action === 'faults' && method === 'POST') {
			try {
				this.inject(JSON.parse(raw.toString('utf8')) as Fault);
				return reply(200, { ok: true });
			} catch (error) {
				return reply(400, { error: (error as Error).message });
			}
		}
		if (action === 'faults' && method === 'DELETE') return reply(200, (this.clearFaults(), { ok: true }));
		if (action === 'rate-limit' && method === 'POST') {
			try {
				this.setRateLimit(JSON.parse(raw.toString('utf8')) as RateLimit);
				return reply(200, { ok: true });
			} catch (error) {
				return reply(400, { error: (error as Error).message });
			}
		}
		if (action === 'rate-limit' && method === 'DELETE') return reply(200, (this.setRateLimit(undefined), { ok: true }));
		return reply(404, { error: `unknown admin action ${method} ${action}` });
	}
}

/** Form fields or JSON object body as a plain string map (what PHP's $_POST would see). */
export function fieldsOf(req: EmulatorRequest): Record<string, string> {
	if (req.body && typeof req.body === 'object' && !Array.isArray(req.body)) return req.body as Record<string, string>;
	return {};
}
