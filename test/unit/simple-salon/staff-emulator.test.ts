import { createSimpleSalonEmulator, type SimpleSalonEmulator } from '../../../emulators/simple-salon';

/*
 * The staff and service areas of the emulator over raw HTTP: strict request shapes and the documented rules a
 * well-behaved node never trips over (so the node tests cannot show them).
 */

interface Reply {
	status: number;
	body: Record<string, unknown> & { success?: boolean; error?: { code: string; message: string; details: string[] } };
}

let salon: SimpleSalonEmulator;
let session: { token: string; apiUrl: string };

async function post(url: string, body: unknown, headers: Record<string, string>): Promise<Reply> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'user-agent': 'staff-test/1.0', ...headers },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as Reply['body']) : {} };
}

const call = async (method: string, body: unknown) => await post(`${session.apiUrl}/v1/${method}`, body, { authorization: `Bearer ${session.token}` });

beforeEach(async () => {
	salon = createSimpleSalonEmulator({ seedCount: 10 });
	const base = await salon.emulator.start();
	const login = await post(
		`${base}/v1/login`,
		{ username: 'api.user', password: 'Salon!2024', company_id: 12345 },
		{ 'x-partner-token': salon.state.partnerToken, 'x-company-token': salon.companyToken() },
	);
	session = { token: String(login.body.token), apiUrl: String(login.body.api_url) };
});
afterEach(async () => await salon.emulator.stop());

describe('Simple Salon emulator: staff and services', () => {
	it('refuses unknown fields and a chosen ID on add, naming the field', async () => {
		expect((await call('operator/add', { operator: { display_name: 'Lee', nickname: 'L' } })).body.error).toEqual({
			code: 'INVALIDPARAMETER',
			message: 'Unknown parameter: operator.nickname',
			details: ['operator.nickname'],
		});
		// the docs' own add example sends operator_id; "This field must be omitted"
		expect((await call('operator/add', { operator: { operator_id: 2222, display_name: 'Lee' } })).body.error?.code).toBe('FIELDUPDATENOTALLOWED');
		expect((await call('service/add', { service: { service_id: 1, name: 'X' } })).body.error?.details).toEqual(['service.service_id']);
		expect((await call('roster/add', { roster: { roster_id: 1, operator_id: 2222, time_start: '2025-06-02T09:00:00', duration: 60 } })).body.error?.code).toBe(
			'FIELDUPDATENOTALLOWED',
		);
		expect((await call('category/list', { filters: {} })).body.error?.message).toBe('Unknown parameter: filters');
	});

	it('answers the level list with paging metadata (return_total)', async () => {
		const reply = await call('operator_level/list', { options: { rows_per_page: 2, return_total: true } });
		expect(reply.body).toEqual({
			success: true,
			page_number: 1,
			rows_per_page: 2,
			total_rows: 3,
			operator_levels: [
				{ level_id: 100, name: 'Apprentice' },
				{ level_id: 150, name: 'Senior Stylist' },
			],
		});
	});

	it('allows rows_per_page -1 for rosters over one week only, and takes the range as wall time', async () => {
		const week = await call('roster/list', { filters: { time_start: '2025-03-03T00:00:00-08:00', time_end: '2025-03-10T00:00:00Z' }, options: { rows_per_page: -1 } });
		expect(week.body.success).toBe(true);
		expect((week.body.rosters as unknown[]).length).toBe(6 + 5 + 1);
		const longer = await call('roster/list', { filters: { time_start: '2025-03-03T00:00:00', time_end: '2025-03-10T00:01:00' }, options: { rows_per_page: -1 } });
		expect(longer.body.error).toEqual({
			code: 'INVALIDPARAMETER',
			message: 'options.rows_per_page can be -1 only for a range of one week or less',
			details: ['options.rows_per_page'],
		});
	});

	it('refuses every roster call while advanced_rostering is 0, from a settings store in the shared state', async () => {
		(salon.state as typeof salon.state & { settings?: Map<string, string> }).settings = new Map([['advanced_rostering', '0']]);
		for (const [method, body] of [
			['roster/get', { roster_id: 998866 }],
			['roster_type/list', {}],
			['roster/add', { roster: { operator_id: 2222, time_start: '2025-06-02T09:00:00', duration: 60 } }],
		] as const) {
			expect((await call(method, body)).body.error?.code).toBe('ADVANCEDROSTERINGDISABLED');
		}
		(salon.state as typeof salon.state & { settings?: Array<{ name: string; value: string }> }).settings = [{ name: 'advanced_rostering', value: '1' }];
		expect((await call('roster/get', { roster_id: 998866 })).body.success).toBe(true);
	});

	it('keeps group_service and company_id as they were created', async () => {
		const reply = await call('service/update', { service: { service_id: 3333, group_service: true } });
		expect(reply.body.error).toEqual({ code: 'FIELDUPDATENOTALLOWED', message: 'service.group_service cannot be changed', details: ['service.group_service'] });
		expect((await call('operator/update', { operator: { operator_id: 2222, company_id: 12346 } })).body.error?.code).toBe('FIELDUPDATENOTALLOWED');
		expect((await call('roster/update', { roster: { roster_id: 998866, company_id: 12346 } })).body.error?.code).toBe('FIELDUPDATENOTALLOWED');
	});

	it('accepts a fetched operator sent back, ignoring its expanded level, and leaves omitted or null fields unchanged', async () => {
		const fetched = (await call('operator/get', { operator_id: 2222 })).body.operator as Record<string, unknown>;
		const reply = await call('operator/update', { operator: { ...fetched, level: { level_id: 200, name: 'Master' }, mobile: null, display_name: 'Ash S' } });
		expect(reply.body.operator).toMatchObject({ display_name: 'Ash S', level_id: 100, level: { level_id: 100, name: 'Apprentice' }, mobile: '0412345678' });
	});

	it('sums the children of a group service that does not override its duration', async () => {
		await call('service/update', { service: { service_id: 3337, override_duration: false, override_price: false } });
		await call('service/update', { service: { service_id: 3333, processing_duration: 15 } });
		const group = (await call('service/get', { service_id: 3337 })).body.service as Record<string, unknown>;
		// 45 + 15 processing before the next child + 90, and 85 + 160
		expect(group).toMatchObject({ duration: 150, price: 245 });
	});

	it('filters services by online booking category and redeemable points', async () => {
		const online = await call('service/list', { filters: { online_booking_category_id: '501' } });
		expect((online.body.services as Array<{ service_id: number }>).map((s) => s.service_id)).toEqual([3333, 3334]);
		const points = await call('service/list', { filters: { loyalty_points_to_redeem: 450 } });
		expect((points.body.services as Array<{ service_id: number }>).map((s) => s.service_id)).toEqual([3334, 3336]);
		const typed = await call('service/list', { filters: { online_booking_category_id: 501 } });
		expect(typed.body.error?.message).toBe('filters.online_booking_category_id must be a string, not number');
	});

	it('does not let the logged-in operator delete itself, nor a push device miss a field', async () => {
		expect((await call('operator/delete', { operator_id: 2221 })).body.error?.message).toBe('You cannot delete the operator you are logged in as');
		const missing = await call('operator/push/add', { operator_id: 2222, push_device: { name: 'Phone', token: 't', type: 'apple' } });
		expect(missing.body.error).toEqual({ code: 'MISSINGPARAMETER', message: 'push_device.uuid is required', details: ['push_device.uuid'] });
		expect((await call('operator/push/add', { operator_id: 2222, push_device: { name: 'P', token: 't', type: 'windows', uuid: 'u' } })).body.error?.details).toEqual([
			'push_device.type',
		]);
	});

	it('brings operators, services and rosters back to the seed on reset', async () => {
		await call('operator/add', { operator: { display_name: 'Lee' } });
		await call('service/delete', { service_id: 3333 });
		await call('roster/delete', { roster_id: 998866 });
		salon.emulator.reset();
		expect(salon.state.operators.map((o) => o.operator_id)).toEqual([2221, 2222, 2223]);
		expect(salon.state.services.map((s) => s.service_id)).toEqual([3333, 3334, 3335, 3336, 3337, 3338, 3339]);
		const base = salon.emulator.url;
		const login = await post(
			`${base}/v1/login`,
			{ username: 'api.user', password: 'Salon!2024', company_id: 12345 },
			{ 'x-partner-token': salon.state.partnerToken, 'x-company-token': salon.companyToken() },
		);
		session = { token: String(login.body.token), apiUrl: String(login.body.api_url) };
		expect((await call('roster/get', { roster_id: 998866 })).body.success).toBe(true);
	});
});
