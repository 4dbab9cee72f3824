import { createSimpleSalonEmulator, type SimpleSalonEmulator } from '../../../emulators/simple-salon';
import { SimpleSalonApi } from '../../../credentials/SimpleSalonApi.credentials';
import { SimpleSalon } from '../../../nodes/SimpleSalon/SimpleSalon.node';
import { CredentialStore, loadOptions, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

/* Companies, lookups (countries, states, referral types, client categories), settings and opening hours. */

let salon: SimpleSalonEmulator;
let store: CredentialStore;
let credential: StoredCredential;

const setup = (parameters: NodeSetup['parameters']): NodeSetup => ({
	node: new SimpleSalon(),
	credentialTypes: [new SimpleSalonApi()],
	store,
	credential,
	parameters,
});

/** The bodies the node sent for one method, and the methods it called (login aside). */
const bodies = (op: string) => salon.emulator.requests(op).map((r) => r.body as Record<string, unknown>);
const calls = () => salon.emulator.log.map((r) => r.op).filter((op) => op !== 'login');
const json = (result: Awaited<ReturnType<typeof runNode>>) => {
	expect(result.error).toBeUndefined();
	return result.items.map((i) => i.json);
};

beforeAll(async () => {
	salon = createSimpleSalonEmulator();
	await salon.emulator.start();
});

beforeEach(() => {
	salon.emulator.reset();
	salon.emulator.clearLog();
	store = new CredentialStore();
	credential = store.add('simpleSalonApi', { ...salon.credentialData(), sessionToken: '', sessionApiUrl: '', sessionExpiry: '', sessionBinding: '' });
});

afterAll(async () => await salon.emulator.stop());

describe('Simple Salon companies', () => {
	it('lists the locations of a Dome, all at once with Return All [wire:company/list]', async () => {
		const result = json(await runNode(setup({ resource: 'company', operation: 'getAll', returnAll: true, filters: { dome_company_id: '12300' } })));
		expect(bodies('company/list')).toEqual([{ filters: { dome_company_id: 12300 }, options: { rows_per_page: -1 } }]);
		expect(result.map((c) => [c.company_id, c.name, c.dome])).toEqual([
			[12300, 'Glow Hair Group', true],
			[12345, 'Glow Hair Fitzroy', false],
			[12346, 'Glow Hair Richmond', false],
		]);
		expect(result[1]).toMatchObject({ dome_company_id: 12300, country_code: 'AU', currency_code: 'AUD', online_booking_company_id: 7001 });
	});

	it('pages with a Limit, filters on online booking and expands the state and country', async () => {
		const result = json(
			await runNode(
				setup({ resource: 'company', operation: 'getAll', limit: 2, filters: { dome_company_id: '12300', online_booking_show: false }, expandedFields: ['address_state', 'country'] }),
			),
		);
		expect(bodies('company/list')).toEqual([
			{
				filters: { dome_company_id: 12300, online_booking_show: false },
				options: { expanded_fields: [{ expanded_field: 'address_state' }, { expanded_field: 'country' }], page_number: 1, rows_per_page: 2 },
			},
		]);
		expect(result.map((c) => c.company_id)).toEqual([12300, 12346]);
		expect(result[1]).toMatchObject({ address_state: { state_id: 3, name: 'VIC' }, country: { country_code: 'AU', name: 'Australia' } });
	});

	it('gets a company by its online booking URL ID [wire:company/get]', async () => {
		const result = json(await runNode(setup({ resource: 'company', operation: 'get', findBy: 'online_booking_url_id', companyId: '88002' })));
		expect(bodies('company/get')).toEqual([{ online_booking_url_id: 88002 }]);
		expect(result).toEqual([expect.objectContaining({ company_id: 12346, name: 'Glow Hair Richmond', phone: '03 9000 5678' })]);
	});

	it('passes "company not found" on as the vendor error, and refuses a bad ID before any request', async () => {
		const missing = await runNode(setup({ resource: 'company', operation: 'get', findBy: 'company_id', companyId: '999' }));
		expect(missing.error?.constructor.name).toBe('NodeApiError');
		expect(missing.error?.message).toBe('Company with company_id 999 was not found [COMPANYNOTFOUND]');
		salon.emulator.clearLog();
		const bad = await runNode(setup({ resource: 'company', operation: 'get', findBy: 'company_id', companyId: 'abc' }));
		expect(bad.error?.message).toBe('The field "ID" has an invalid value "abc" in item 0');
		expect(salon.emulator.log).toHaveLength(0);
	});
});

describe('Simple Salon lookups', () => {
	it('lists countries with only the documented options [wire:country/list]', async () => {
		const result = json(await runNode(setup({ resource: 'country', operation: 'getAll', returnAll: true })));
		expect(bodies('country/list')).toEqual([{ options: { rows_per_page: -1 } }]);
		expect(result).toContainEqual({ country_code: 'AU', name: 'Australia', currency_symbol: '$', currency_code: 'AUD' });
		expect(result.map((c) => c.name)).toEqual([...result.map((c) => String(c.name))].sort());
		salon.emulator.clearLog();
		expect(json(await runNode(setup({ resource: 'country', operation: 'getAll', limit: 3 })))).toHaveLength(3);
		expect(bodies('country/list')).toEqual([{ options: { page_number: 1, rows_per_page: 3 } }]);
	});

	it('lists the states of the company country, "Other" only when asked for [wire:state/list]', async () => {
		const plain = json(await runNode(setup({ resource: 'state', operation: 'getAll', returnAll: true })));
		expect(plain.map((s) => s.name)).not.toContain('Other');
		expect(plain).toContainEqual({ state_id: 3, name: 'VIC' });
		const withOther = json(await runNode(setup({ resource: 'state', operation: 'getAll', returnAll: true, filters: { include_other: true, country_id: '13' } })));
		expect(withOther).toContainEqual({ state_id: 75, name: 'Other' });
		expect(bodies('state/list')).toEqual([
			{ filters: {}, options: { rows_per_page: -1 } },
			{ filters: { include_other: true, country_id: 13 }, options: { rows_per_page: -1 } },
		]);
	});

	it('passes an unknown country on as the vendor error', async () => {
		const result = await runNode(setup({ resource: 'state', operation: 'getAll', returnAll: true, filters: { country_id: '999' } }));
		expect(result.error?.message).toBe('filters.country_id 999 is not a valid country ID [INVALIDPARAMETER]');
	});

	it('lists referral types [wire:referral_type/list]', async () => {
		const result = json(await runNode(setup({ resource: 'referralType', operation: 'getAll', returnAll: true })));
		expect(bodies('referral_type/list')).toEqual([{ options: { rows_per_page: -1 } }]);
		expect(result).toEqual([
			{ referral_type_id: 1, name: 'Friend' },
			{ referral_type_id: 2, name: 'Email' },
			{ referral_type_id: 3, name: 'SMS' },
			{ referral_type_id: 29, name: 'Digital Advertising' },
		]);
	});

	it('lists the client categories new clients get [wire:client_category/list]', async () => {
		const result = json(await runNode(setup({ resource: 'clientCategory', operation: 'getAll', limit: 10, filters: { add_to_new_clients: true } })));
		expect(bodies('client_category/list')).toEqual([{ filters: { add_to_new_clients: true }, options: { page_number: 1, rows_per_page: 10 } }]);
		expect(result).toEqual([
			{ client_category_id: 919, name: 'Loyalty Program', add_to_new_clients: true },
			{ client_category_id: 921, name: 'Newsletter', add_to_new_clients: true },
		]);
	});

	it('loads the dropdowns with one all-rows request each, sorted by name', async () => {
		const states = await loadOptions(setup({}), 'getStates');
		expect(states[0]).toEqual({ name: 'ACT', value: 1, description: 'ID 1' });
		expect(states).toContainEqual({ name: 'None (---)', value: 0, description: 'ID 0' });
		expect(states).toContainEqual({ name: 'Other', value: 75, description: 'ID 75' });
		const countries = await loadOptions(setup({}), 'getCountries');
		expect(countries).toContainEqual({ name: 'Australia', value: 'AU', description: 'AU · AUD' });
		const referral = await loadOptions(setup({}), 'getReferralTypes');
		expect(referral.map((o) => o.name)).toEqual(['Digital Advertising', 'Email', 'Friend', 'SMS']);
		const categories = await loadOptions(setup({}), 'getClientCategories');
		expect(categories).toEqual([
			{ name: 'Loyalty Program', value: 919, description: 'ID 919 · added to new clients' },
			{ name: 'Newsletter', value: 921, description: 'ID 921 · added to new clients' },
			{ name: 'VIP', value: 920, description: 'ID 920' },
		]);
		expect(calls()).toEqual(['state/list', 'country/list', 'referral_type/list', 'client_category/list']);
		expect(bodies('state/list')).toEqual([{ filters: { include_other: true }, options: { rows_per_page: -1 } }]);
		expect(bodies('country/list')).toEqual([{ options: { rows_per_page: -1 } }]);
		expect(bodies('client_category/list')).toEqual([{ filters: {}, options: { rows_per_page: -1 } }]);
	});
});

describe('Simple Salon settings', () => {
	it('gets named settings, one item each, values as the API sends them (text) [wire:setting/list]', async () => {
		const result = json(await runNode(setup({ resource: 'setting', operation: 'getAll', filters: { setting_keys: 'advanced_rostering, prices_inc_tax,automatic_tip_percentage' } })));
		expect(bodies('setting/list')).toEqual([{ filters: { setting_keys: ['advanced_rostering', 'prices_inc_tax', 'automatic_tip_percentage'] } }]);
		expect(result).toEqual([
			{ name: 'advanced_rostering', value: '1' },
			{ name: 'prices_inc_tax', value: '1' },
			{ name: 'automatic_tip_percentage', value: '15' },
		]);
		salon.emulator.clearLog();
		const all = json(await runNode(setup({ resource: 'setting', operation: 'getAll' })));
		expect(bodies('setting/list')).toEqual([{ filters: {} }]);
		expect(all.length).toBeGreaterThan(10);
		expect(all.every((s) => typeof s.value === 'string')).toBe(true);
	});

	it('gets the client settings and default categories as one item [wire:setting/client/list]', async () => {
		const result = json(await runNode(setup({ resource: 'setting', operation: 'getClientSettings' })));
		expect(bodies('setting/client/list')).toEqual([{ filters: {} }]);
		expect(result).toHaveLength(1);
		expect(result[0].settings).toContainEqual({ name: 'client_hide_address', value: '0' });
		expect(result[0].default_categories).toEqual([
			{ client_category_id: 919, name: 'Loyalty Program' },
			{ client_category_id: 921, name: 'Newsletter' },
		]);
	});

	it('gets the POS settings with the payment types grouped in [wire:setting/pos/list]', async () => {
		const result = json(await runNode(setup({ resource: 'setting', operation: 'getPosSettings', include: ['payment_types', 'discount_types'] })));
		expect(bodies('setting/pos/list')).toEqual([
			{ filters: {}, options: { expanded_fields_grouped: [{ expanded_field: 'payment_types' }, { expanded_field: 'discount_types' }] } },
		]);
		expect(result[0]).toMatchObject({ currency_symbol: '$', current_operator_id: 2221, tax_combined_name: 'GST', tax_for_services: { rate: 10 } });
		expect((result[0].payment_types as unknown[]).length).toBe(3);
		// "Omitted if advanced_discounting is 0"
		expect(result[0].discount_types).toBeUndefined();
		expect((result[0].operators as Array<{ operator_id: number }>).map((o) => o.operator_id)).toEqual([2222, 2223]);
		expect(result[0].success).toBeUndefined();
		salon.emulator.clearLog();
		await runNode(setup({ resource: 'setting', operation: 'getPosSettings' }));
		expect(bodies('setting/pos/list')).toEqual([{ filters: {} }]);
	});

	it('gets the online booking settings of a company [wire:setting/online_booking/list]', async () => {
		const result = json(await runNode(setup({ resource: 'setting', operation: 'getOnlineBookingSettings', filters: { company_id: '12345' } })));
		expect(bodies('setting/online_booking/list')).toEqual([{ filters: { company_id: 12345 } }]);
		expect(result[0]).toMatchObject({ company_id: 12345 });
		expect(result[0].settings).toContainEqual({ name: 'online_booking_enabled', value: '1' });
	});
});

describe('Simple Salon opening hours', () => {
	it('lists the standard week when no dates are given, and day by day with dated exceptions [wire:hours/list]', async () => {
		const week = json(await runNode(setup({ resource: 'hours', operation: 'getAll' })));
		expect(bodies('hours/list')).toEqual([{ filters: {} }]);
		expect(week.map((h) => `${String(h.day)}:${h.closed ? 'closed' : `${String(h.time_start).slice(11, 16)}-${String(h.time_end).slice(11, 16)}`}`)).toEqual([
			'monday:closed',
			'tuesday:09:00-17:30',
			'wednesday:09:00-17:30',
			'thursday:09:00-21:00',
			'friday:09:00-17:30',
			'saturday:09:00-15:00',
			'sunday:closed',
		]);
		expect(week.every((h) => h.hours_id === 0 && h.operator_id === 0)).toBe(true);

		salon.emulator.clearLog();
		// an n8n date with an offset: the salon-local date digits are sent, the offset is dropped
		const easter = json(await runNode(setup({ resource: 'hours', operation: 'getAll', filters: { time_start: '2025-04-17T00:00:00+02:00', time_end: '2025-04-19' } })));
		expect(bodies('hours/list')).toEqual([{ filters: { time_start: '2025-04-17T00:00:00', time_end: '2025-04-19T00:00:00' } }]);
		expect(easter).toEqual([
			{ hours_id: 0, company_id: 12345, closed: false, day: 'thursday', duration: 720, operator_id: 0, time_end: '2025-04-17T21:00:00+11:00', time_start: '2025-04-17T09:00:00+11:00' },
			{ hours_id: 998802, company_id: 12345, closed: true, day: 'friday', duration: 0, operator_id: 0, time_end: '2025-04-18T00:00:00+11:00', time_start: '2025-04-18T00:00:00+11:00' },
		]);
	});

	it("lists one staff member's hours", async () => {
		const result = json(await runNode(setup({ resource: 'hours', operation: 'getAll', filters: { operator_id: '2223', time_start: '2025-03-11', time_end: '2025-03-13' } })));
		expect(bodies('hours/list')).toEqual([{ filters: { operator_id: 2223, time_start: '2025-03-11T00:00:00', time_end: '2025-03-13T00:00:00' } }]);
		expect(result.map((h) => [h.day, h.closed, h.duration, h.operator_id])).toEqual([
			['tuesday', true, 0, 2223],
			['wednesday', false, 480, 2223],
		]);
	});

	it('refuses From Date without To Date, or a range that ends before it starts, before any request', async () => {
		const half = await runNode(setup({ resource: 'hours', operation: 'getAll', filters: { time_start: '2025-03-11' } }));
		expect(half.error?.message).toBe('The filters "From Date" and "To Date" go together in item 0');
		const backwards = await runNode(setup({ resource: 'hours', operation: 'getAll', filters: { time_start: '2025-03-11', time_end: '2025-03-11T18:00:00' } }));
		expect(backwards.error?.message).toBe('The filter "To Date" must be later than "From Date" in item 0');
		expect(salon.emulator.log).toHaveLength(0);
	});

	it('passes a company it cannot read on as the vendor error', async () => {
		const result = await runNode(setup({ resource: 'hours', operation: 'getAll', filters: { company_id: '777' } }));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('filters.company_id 777 is not a company you can access [INVALIDPARAMETER]');
		expect(calls()).toEqual(['hours/list']);
	});
});
