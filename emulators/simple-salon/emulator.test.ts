import { crypto, delay } from 'business-pack-devkit';

import { createSimpleSalonEmulator, type SimpleSalonEmulator } from './index';

interface Reply {
	status: number;
	body: Record<string, unknown> & { success?: boolean; error?: { code: string; message: string; details: string[] } };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}, raw?: string): Promise<Reply> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'user-agent': 'emulator-test/1.0', ...headers },
		body: raw ?? JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as Reply['body']) : {} };
}

describe('Simple Salon emulator', () => {
	let salon: SimpleSalonEmulator;
	let base: string;

	const loginHeaders = () => ({
		'x-partner-token': salon.state.partnerToken,
		'x-company-token': salon.companyToken(),
	});
	const loginBody = () => ({ username: 'api.user', password: 'Salon!2024', company_id: 12345 });

	async function login(): Promise<{ token: string; apiUrl: string; expiry: string }> {
		const reply = await post(`${base}/v1/login`, loginBody(), loginHeaders());
		expect(reply.body.success).toBe(true);
		return { token: String(reply.body.token), apiUrl: String(reply.body.api_url), expiry: String(reply.body.expiry) };
	}

	async function call(method: string, body: unknown, session?: { token: string; apiUrl: string }): Promise<Reply> {
		const s = session ?? (await login());
		return await post(`${s.apiUrl}/v1/${method}`, body, { authorization: `Bearer ${s.token}` });
	}

	beforeEach(async () => {
		salon = createSimpleSalonEmulator({ sessionTtlMs: 60_000 });
		base = await salon.emulator.start();
	});

	afterEach(async () => {
		await salon.emulator.stop();
	});

	describe('login', () => {
		it('accepts the documented Company Token (HMAC-SHA256 of "<partner>-<company>") and answers an api_url on another path', async () => {
			const expected = crypto.createHmac('sha256', salon.state.signingKey).update(`${salon.state.partnerToken}-12345`).digest('hex');
			expect(salon.companyToken()).toBe(expected);
			const reply = await post(`${base}/v1/login`, loginBody(), loginHeaders());
			expect(reply.status).toBe(200);
			expect(reply.body).toMatchObject({
				success: true,
				api_url: `${base}/api1`,
				operator: { company_id: 12345, username: 'api.user', role_id: -1 },
			});
			expect(String(reply.body.expiry)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
			expect(reply.body.operator).not.toHaveProperty('password');
			expect(salon.emulator.requests('login')).toHaveLength(1);
			expect(salon.state.counters.logins).toBe(1);
		});

		it('also matches the docs\' worked example of a Company Token', () => {
			const token = crypto.createHmac('sha256', 'qwerty').update('PartnerToken-12345', 'utf8').digest('hex');
			expect(token).toBe('d8d6cc9533d8ff1ce79764f770356e4e1055ac00d0ce53affe9e67dc2ed8e71e');
		});

		it('refuses wrong partner or company tokens, passwords, and missing headers or fields in the vendor envelope', async () => {
			const cases: Array<[Record<string, string>, unknown, string]> = [
				[{ ...loginHeaders(), 'x-partner-token': 'nope' }, loginBody(), 'INVALIDPARTNERTOKEN'],
				[{ ...loginHeaders(), 'x-company-token': 'a'.repeat(64) }, loginBody(), 'INVALIDCOMPANYTOKEN'],
				[loginHeaders(), { ...loginBody(), password: 'wrong' }, 'LOGINFAILED'],
				[loginHeaders(), { ...loginBody(), company_id: 99 }, 'INVALIDCOMPANYTOKEN'],
				[{ 'x-partner-token': salon.state.partnerToken }, loginBody(), 'MISSINGHEADER'],
				[loginHeaders(), { username: 'api.user', password: 'Salon!2024' }, 'MISSINGPARAMETER'],
				[loginHeaders(), { ...loginBody(), company_id: '12345' }, 'INVALIDPARAMETER'],
			];
			for (const [headers, body, code] of cases) {
				const reply = await post(`${base}/v1/login`, body, headers);
				expect({ status: reply.status, success: reply.body.success, code: reply.body.error?.code }).toEqual({
					status: 200,
					success: false,
					code,
				});
				expect(reply.body.error?.message).toEqual(expect.any(String));
				expect(reply.body.error?.details).toEqual(expect.any(Array));
			}
			expect(salon.state.counters).toMatchObject({ logins: 0, failedLogins: cases.length });
		});

		it('refuses a login body that is not JSON', async () => {
			const garbled = await post(`${base}/v1/login`, undefined, loginHeaders(), '{"username": ');
			expect(garbled.status).toBe(400);
			expect(garbled.body.error?.code).toBe('INVALIDJSON');
			const form = await fetch(`${base}/v1/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', ...loginHeaders(), 'user-agent': 't' },
				body: 'username=api.user&password=Salon%212024&company_id=12345',
			});
			expect(form.status).toBe(400);
			expect(((await form.json()) as Reply['body']).error?.code).toBe('INVALIDREQUEST');
		});
	});

	describe('tokens', () => {
		it('serves API methods only under the api_url, with the Bearer token', async () => {
			const session = await login();
			const right = await call('client/get', { client_id: 1111 }, session);
			expect(right.body).toMatchObject({ success: true, client: { client_id: 1111 } });
			const wrongHost = await post(`${base}/v1/client/get`, { client_id: 1111 }, { authorization: `Bearer ${session.token}` });
			expect(wrongHost.status).toBe(404);
			expect(wrongHost.body.error?.code).toBe('INVALIDAPIURL');
			const noToken = await post(`${session.apiUrl}/v1/client/get`, { client_id: 1111 });
			expect(noToken.status).toBe(401);
			expect(noToken.body).toMatchObject({ success: false, error: { code: 'TOKENMISSING' } });
			const badToken = await post(`${session.apiUrl}/v1/client/get`, { client_id: 1111 }, { authorization: 'Bearer 0000' });
			expect(badToken.status).toBe(401);
			expect(badToken.body.error?.code).toBe('TOKENINVALID');
			const get = await fetch(`${session.apiUrl}/v1/client/get`, { headers: { authorization: `Bearer ${session.token}` } });
			expect(get.status).toBe(405);
			expect(salon.emulator.requests('client/get').map((r) => r.status)).toEqual([200, 404, 401, 401, 405]);
		});

		it('expires tokens after sessionTtlMs with HTTP 401 TOKENEXPIRED, and the expiry it announced is not later than that', async () => {
			await salon.emulator.stop();
			salon = createSimpleSalonEmulator({ sessionTtlMs: 1200 });
			base = await salon.emulator.start();
			const before = Date.now();
			const session = await login();
			expect(Date.parse(session.expiry)).toBeLessThanOrEqual(before + 1200 + 1000);
			expect(Date.parse(session.expiry)).toBeGreaterThan(before - 1000);
			expect((await call('client/get', { client_id: 1111 }, session)).status).toBe(200);
			await delay(1300);
			const expired = await call('client/get', { client_id: 1111 }, session);
			expect(expired.status).toBe(401);
			expect(expired.body).toEqual({
				success: false,
				error: { code: 'TOKENEXPIRED', details: [], message: expect.stringMatching(/expired/) },
			});
		});

		it('forced expiry (admin route) kills live tokens; a new login works', async () => {
			const session = await login();
			const admin = await fetch(`${base}/__emulator/expire-sessions`, { method: 'POST' });
			expect(admin.status).toBe(200);
			expect((await call('client/get', { client_id: 1111 }, session)).body.error?.code).toBe('TOKENEXPIRED');
			expect((await call('client/get', { client_id: 1111 })).body.success).toBe(true);
			expect(salon.emulator.requests('login')).toHaveLength(2);
		});

		it('can signal a dead token with HTTP 200 and success:false only', async () => {
			await salon.emulator.stop();
			salon = createSimpleSalonEmulator({ tokenErrorStatus: 200 });
			base = await salon.emulator.start();
			const session = await login();
			salon.emulator.expireSessions();
			const reply = await call('client/get', { client_id: 1111 }, session);
			expect(reply.status).toBe(200);
			expect(reply.body).toMatchObject({ success: false, error: { code: 'TOKENEXPIRED' } });
		});

		it('refresh rotates the token (the old one stops working) and works for a recently expired token; logout ends it', async () => {
			const session = await login();
			salon.emulator.expireSessions();
			const refreshed = await post(`${session.apiUrl}/v1/refresh`, { token: session.token });
			expect(refreshed.body).toMatchObject({ success: true, api_url: session.apiUrl, token: expect.any(String) });
			const next = { token: String(refreshed.body.token), apiUrl: String(refreshed.body.api_url) };
			expect(next.token).not.toBe(session.token);
			expect((await call('client/get', { client_id: 1111 }, session)).body.error?.code).toBe('TOKENINVALID');
			expect((await call('client/get', { client_id: 1111 }, next)).body.success).toBe(true);
			const again = await post(`${session.apiUrl}/v1/refresh`, { token: session.token });
			expect(again.status).toBe(401);
			expect(again.body.error?.code).toBe('TOKENINVALID');
			expect((await post(`${next.apiUrl}/v1/logout`, { token: next.token })).body.success).toBe(true);
			expect((await call('client/get', { client_id: 1111 }, next)).body.error?.code).toBe('TOKENINVALID');
			expect(salon.state.counters.refreshes).toBe(1);
			expect(salon.emulator.requests('refresh')).toHaveLength(2);
		});

		it('binds a token to the api_url it was issued with (the company can move host)', async () => {
			const first = await login();
			salon.state.apiPrefix = '/api7';
			const second = await login();
			expect(second.apiUrl).toBe(`${base}/api7`);
			expect((await call('client/get', { client_id: 1111 }, first)).body.success).toBe(true);
			expect((await call('client/get', { client_id: 1111 }, { token: first.token, apiUrl: second.apiUrl })).status).toBe(401);
		});
	});

	describe('clients', () => {
		it('gets a client with its default expansions, or only the fields asked for', async () => {
			const session = await login();
			const full = await call('client/get', { client_id: 1111 }, session);
			expect(full.body.client).toMatchObject({
				client_id: 1111,
				company_id: 12345,
				firstname: 'Joe',
				address_state: { state_id: expect.any(Number), name: expect.any(String) },
				categories: expect.arrayContaining([{ client_category_id: 919, name: 'Loyalty Program' }]),
				loyalty_member: true,
			});
			const some = await call('client/get', { client_id: 1111, fields: ['client_id', 'email'] }, session);
			expect(Object.keys(some.body.client as object).sort()).toEqual(['client_id', 'email']);
		});

		it('refuses bad client ids and malformed get requests the way the envelope says', async () => {
			const session = await login();
			const cases: Array<[unknown, string, string[]]> = [
				[{ client_id: 999999 }, 'CLIENTNOTFOUND', ['client_id']],
				[{}, 'MISSINGPARAMETER', ['client_id']],
				[{ client_id: '1111' }, 'INVALIDPARAMETER', ['client_id']],
				[{ client_id: 11.5 }, 'INVALIDPARAMETER', ['client_id']],
				[{ client_id: 1111, expand: true }, 'INVALIDPARAMETER', ['expand']],
				[{ client_id: 1111, fields: ['nope'] }, 'INVALIDPARAMETER', ['fields.nope']],
			];
			for (const [body, code, details] of cases) {
				const reply = await call('client/get', body, session);
				expect({ status: reply.status, success: reply.body.success, code: reply.body.error?.code, details: reply.body.error?.details }).toEqual({
					status: 200,
					success: false,
					code,
					details,
				});
			}
		});

		it('pages client/list with page_number/rows_per_page (default 10, capped at 100) and return_total', async () => {
			const session = await login();
			const first = await call('client/list', { filters: {} }, session);
			expect(first.body).toMatchObject({ success: true, page_number: 1, rows_per_page: 10 });
			expect(first.body).not.toHaveProperty('total_rows');
			expect(first.body.clients).toHaveLength(10);
			const seen: number[] = [];
			for (let pageNumber = 1; ; pageNumber++) {
				const reply = await call('client/list', { filters: {}, options: { page_number: pageNumber, rows_per_page: 100, return_total: true } }, session);
				expect(reply.body).toMatchObject({ page_number: pageNumber, rows_per_page: 100, total_rows: 320 });
				const ids = (reply.body.clients as Array<{ client_id: number }>).map((c) => c.client_id);
				seen.push(...ids);
				if (ids.length < 100) break;
			}
			expect(seen).toHaveLength(320);
			expect(new Set(seen).size).toBe(320);
			const capped = await call('client/list', { filters: {}, options: { rows_per_page: 500 } }, session);
			expect(capped.body.rows_per_page).toBe(100);
			expect(capped.body.clients).toHaveLength(100);
			const all = await call('client/list', { filters: {}, options: { rows_per_page: -1 } }, session);
			expect(all.body.clients).toHaveLength(320);
		});

		it('filters clients by prefix (firstname, lastname, phone), exact email and search', async () => {
			const session = await login();
			const byName = await call('client/list', { filters: { firstname: 'jo' }, options: { rows_per_page: -1 } }, session);
			const names = (byName.body.clients as Array<{ firstname: string }>).map((c) => c.firstname);
			expect(names.length).toBeGreaterThan(0);
			expect(names.every((n) => n.toLowerCase().startsWith('jo'))).toBe(true);
			const one = salon.state.clients.get(1112)!;
			const byEmail = await call('client/list', { filters: { email: one.email } }, session);
			expect((byEmail.body.clients as Array<{ client_id: number }>).map((c) => c.client_id)).toEqual([1112]);
			const bad = await call('client/list', { filters: { nickname: 'x' } }, session);
			expect(bad.body.error).toMatchObject({ code: 'INVALIDPARAMETER', details: ['filters.nickname'] });
			const missing = await call('client/list', {}, session);
			expect(missing.body.error).toMatchObject({ code: 'MISSINGPARAMETER', details: ['filters'] });
			const badPage = await call('client/list', { filters: {}, options: { page_number: 0 } }, session);
			expect(badPage.body.error).toMatchObject({ code: 'INVALIDPARAMETER', details: ['options.page_number'] });
		});

		it('adds a client wrapped in "client", with default categories, and refuses ids and bad values', async () => {
			const session = await login();
			const added = await call('client/add', { client: { firstname: 'Joe', lastname: 'Citizen', date_of_birth: '1990-05-17T10:00:00Z' } }, session);
			expect(added.body).toMatchObject({
				success: true,
				client: { client_id: 1431, company_id: 12345, firstname: 'Joe', lastname: 'Citizen', category_ids: [919, 921], date_of_birth: '1990-05-17T00:00:00+11:00' },
			});
			expect(salon.state.clients.get(1431)?.firstname).toBe('Joe');
			const cases: Array<[unknown, string, string[]]> = [
				[{ firstname: 'Joe' }, 'MISSINGPARAMETER', ['client']],
				[{ client: { client_id: 5, firstname: 'A' } }, 'FIELDUPDATENOTALLOWED', ['client.client_id']],
				[{ client: { lastname: 'B', address_state_id: 42 } }, 'INVALIDPARAMETER', ['client.address_state_id']],
				[{ client: { lastname: 'B', email: 'not-an-email' } }, 'INVALIDPARAMETER', ['client.email']],
				[{ client: { lastname: 'B', sms_reminders_enabled: 'yes' } }, 'INVALIDPARAMETER', ['client.sms_reminders_enabled']],
				[{ client: { lastname: 'B', nickname: 'x' } }, 'INVALIDPARAMETER', ['client.nickname']],
				[{ client: {} }, 'MISSINGPARAMETER', ['client.firstname']],
			];
			for (const [body, code, details] of cases) {
				expect((await call('client/add', body, session)).body.error).toMatchObject({ code, details });
			}
			expect(salon.state.clients.size).toBe(321);
		});

		it('updates only the fields sent (null and omitted stay), wrapped or flat as the docs\' example shows', async () => {
			const session = await login();
			const before = { ...salon.state.clients.get(1115)! };
			const wrapped = await call('client/update', { client: { client_id: 1115, firstname: 'Joseph', email: null } }, session);
			expect(wrapped.body.client).toMatchObject({ client_id: 1115, firstname: 'Joseph', lastname: before.lastname, email: before.email });
			const flat = await call('client/update', { client_id: 1115, mobile: '0400000000' }, session);
			expect(flat.body.client).toMatchObject({ firstname: 'Joseph', mobile: '0400000000' });
			expect((await call('client/update', { client: { client_id: 999999, firstname: 'X' } }, session)).body.error).toMatchObject({
				code: 'CLIENTNOTFOUND',
			});
			expect((await call('client/update', { client: { firstname: 'X' } }, session)).body.error).toMatchObject({
				code: 'MISSINGPARAMETER',
				details: ['client.client_id'],
			});
			expect((await call('client/update', { client: { client_id: 1115, company_id: 1 } }, session)).body.error).toMatchObject({
				code: 'FIELDUPDATENOTALLOWED',
				details: ['client.company_id'],
			});
		});
	});

	describe('appointments', () => {
		it('lists appointments in a range by wall-clock time (offset ignored; start inclusive, end exclusive), sorted by time_start', async () => {
			const session = await login();
			const reply = await call(
				'appointment/list',
				{ filters: { time_start: '2025-03-04T00:00:00Z', time_end: '2025-03-05T00:00:00-05:00' }, options: { rows_per_page: 100, return_total: true } },
				session,
			);
			const appointments = reply.body.appointments as Array<{ time_start: string; time_end: string; duration: number }>;
			expect(reply.body.total_rows).toBe(8);
			expect(appointments.map((a) => a.time_start)).toEqual([
				'2025-03-04T09:00:00+11:00',
				'2025-03-04T09:00:00+11:00',
				'2025-03-04T10:30:00+11:00',
				'2025-03-04T10:30:00+11:00',
				'2025-03-04T13:00:00+11:00',
				'2025-03-04T13:00:00+11:00',
				'2025-03-04T15:15:00+11:00',
				'2025-03-04T15:15:00+11:00',
			]);
			const edge = await call('appointment/list', { filters: { time_start: '2025-03-04T09:00:00', time_end: '2025-03-04T10:30:00' } }, session);
			expect((edge.body.appointments as unknown[]).length).toBe(2);
		});

		it('pages eight weeks of appointments without gaps and expands grouped clients', async () => {
			const session = await login();
			const ids: number[] = [];
			for (let pageNumber = 1; pageNumber < 10; pageNumber++) {
				const reply = await call(
					'appointment/list',
					{ filters: { time_start: '2025-03-01', time_end: '2025-05-01' }, options: { page_number: pageNumber, rows_per_page: 100 } },
					session,
				);
				const rows = reply.body.appointments as Array<{ appointment_id: number }>;
				ids.push(...rows.map((a) => a.appointment_id));
				if (rows.length < 100) break;
			}
			expect(ids.length).toBe(salon.state.appointments.length);
			expect(new Set(ids).size).toBe(ids.length);
			const grouped = await call(
				'appointment/list',
				{ filters: { time_start: '2025-03-04', time_end: '2025-03-05' }, options: { expanded_fields_grouped: [{ expanded_field: 'clients' }] } },
				session,
			);
			expect((grouped.body.clients as unknown[]).length).toBeGreaterThan(0);
		});

		it('refuses missing or bad ranges and rows_per_page -1', async () => {
			const session = await login();
			const cases: Array<[unknown, string, string[]]> = [
				[{ filters: { time_end: '2025-03-05' } }, 'MISSINGPARAMETER', ['filters.time_start']],
				[{ filters: { time_start: '2025-03-05', time_end: 'tomorrow' } }, 'INVALIDPARAMETER', ['filters.time_end']],
				[{ filters: { time_start: '2025-02-30', time_end: '2025-03-05' } }, 'INVALIDPARAMETER', ['filters.time_start']],
				[{ filters: { time_start: '2025-03-05', time_end: '2025-03-04' } }, 'INVALIDPARAMETER', ['filters.time_end']],
				[{ filters: { time_start: '2025-03-04', time_end: '2025-03-05' }, options: { rows_per_page: -1 } }, 'INVALIDPARAMETER', ['options.rows_per_page']],
				[{ filters: { time_start: '2025-03-04', time_end: '2025-03-05', client_id: '1111' } }, 'INVALIDPARAMETER', ['filters.client_id']],
			];
			for (const [body, code, details] of cases) {
				expect((await call('appointment/list', body, session)).body.error).toMatchObject({ code, details });
			}
		});
	});

	it('injects faults and resets to the seed', async () => {
		const session = await login();
		salon.emulator.inject({ when: { op: 'client/list' }, action: { type: 'status', status: 429, headers: { 'retry-after': '1' }, body: { success: false } } });
		expect((await call('client/list', { filters: {} }, session)).status).toBe(429);
		expect((await call('client/list', { filters: {} }, session)).status).toBe(200);
		await call('client/add', { client: { firstname: 'Tmp' } }, session);
		expect(salon.state.clients.size).toBe(321);
		salon.emulator.reset();
		expect(salon.state.clients.size).toBe(320);
		expect(salon.state.sessions.size).toBe(0);
		expect(salon.emulator.log).toHaveLength(0);
	});

	it('seeds a configurable number of clients, deterministically', () => {
		const small = createSimpleSalonEmulator({ seedCount: 12 });
		expect(small.state.clients.size).toBe(12);
		expect([...small.state.clients.values()]).toEqual([...createSimpleSalonEmulator({ seedCount: 12 }).state.clients.values()]);
	});
});
