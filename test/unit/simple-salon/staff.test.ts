import { COMPANY_SETTINGS } from '../../../emulators/simple-salon/seed';
import { useStaffKit } from './staff.kit';

/*
 * Operators (staff), operator levels, push devices, Dome sharing, rosters and roster types through the node against
 * the emulator: the request on the wire, the items out, and bad input stopped before any request.
 */

const kit = useStaffKit();

/** The emulator's company settings, as an area serving settings would keep them. */
function setSetting(name: string, value: string) {
	const state = kit.salon.state as typeof kit.salon.state & { settings?: Record<string, string> };
	state.settings = { ...COMPANY_SETTINGS, ...state.settings, [name]: value };
}

describe('Simple Salon operators', () => {
	it('lists the staff shown on the appointment page in one request with Return All [wire:operator/list]', async () => {
		const result = await kit.run({ resource: 'operator', operation: 'getAll', returnAll: true, filters: { show_on_appt_page: true } });
		expect(result.error).toBeUndefined();
		expect(kit.bodies('operator/list')).toEqual([{ filters: { show_on_appt_page: true }, options: { rows_per_page: -1 } }]);
		const operators = kit.json(result);
		expect(operators.map((o) => o.operator_id)).toEqual([2222, 2223]);
		expect(operators[0]).toMatchObject({ display_name: 'Ash', firstname: 'Ashley', level_id: 100, level: { level_id: 100, name: 'Apprentice' } });
		for (const operator of operators) {
			expect(operator).not.toHaveProperty('password');
			expect(operator).not.toHaveProperty('pin');
		}
	});

	it('pages with a Limit, and leaves the System Operator out on request [wire:operator/list]', async () => {
		const withSystem = await kit.run({ resource: 'operator', operation: 'getAll', limit: 10 });
		expect(kit.json(withSystem).map((o) => o.operator_id)).toEqual([-1, 2222, 2223, 2221]);
		const result = await kit.run({ resource: 'operator', operation: 'getAll', limit: 2, filters: { is_system: false, operator_ids: [2223, 2221, 99] } });
		expect(kit.bodies('operator/list')[1]).toEqual({ filters: { is_system: false, operator_ids: [2223, 2221, 99] }, options: { page_number: 1, rows_per_page: 2 } });
		expect(kit.json(result).map((o) => o.operator_id)).toEqual([2223, 2221]);
	});

	it('gets one operator [wire:operator/get]', async () => {
		const result = await kit.run({ resource: 'operator', operation: 'get', operator_id: 2223 });
		expect(kit.bodies('operator/get')).toEqual([{ operator_id: 2223 }]);
		expect(kit.json(result)).toEqual([expect.objectContaining({ operator_id: 2223, display_name: 'Sam', level: { level_id: 200, name: 'Master' }, role_id: -3 })]);
	});

	it('refuses an operator ID that is not a number before any request', async () => {
		const result = await kit.run({ resource: 'operator', operation: 'get', operator_id: 'Ash' }, [{}, {}]);
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('The field "Operator ID" has an invalid value "Ash" in item 0');
		expect(kit.ops()).toEqual([]);
	});

	it('adds an operator wrapped in "operator", with the role as a number and the birthday as a date [wire:operator/add]', async () => {
		const result = await kit.run({
			resource: 'operator',
			operation: 'add',
			display_name: 'Lee',
			additionalFields: {
				firstname: 'Lee',
				lastname: 'Park',
				role_id: '-3',
				level_id: 150,
				pin: 2468,
				date_of_birth: '1990-07-04T15:30:00+02:00',
				show_on_appointment_page: false,
				welcome_page: 'pos',
			},
		});
		expect(result.error).toBeUndefined();
		expect(kit.bodies('operator/add')).toEqual([
			{
				operator: {
					display_name: 'Lee',
					firstname: 'Lee',
					lastname: 'Park',
					role_id: -3,
					level_id: 150,
					pin: 2468,
					date_of_birth: '1990-07-04T00:00:00',
					show_on_appointment_page: false,
					welcome_page: 'pos',
				},
			},
		]);
		expect(kit.json(result)[0]).toMatchObject({
			operator_id: 2224,
			company_id: 12345,
			display_name: 'Lee',
			role_id: -3,
			level: { level_id: 150, name: 'Senior Stylist' },
			date_of_birth: '1990-07-04T00:00:00+11:00',
			show_on_appointment_page: false,
		});
		expect(kit.salon.state.operators.find((o) => o.operator_id === 2224)?.pin).toBe(2468);
	});

	it('never repeats an add whose answer was lost [wire:operator/add]', async () => {
		kit.salon.emulator.inject({ when: { op: 'operator/add' }, phase: 'after', action: { type: 'reset' } });
		const result = await kit.run({ resource: 'operator', operation: 'add', display_name: 'Lee' });
		expect(result.error).toBeDefined();
		expect(kit.bodies('operator/add')).toEqual([{ operator: { display_name: 'Lee' } }]);
		expect(kit.salon.state.operators.filter((o) => o.display_name === 'Lee')).toHaveLength(1);
	});

	it('updates only the fields set, and asks a Dome to copy the display name down [wire:operator/update]', async () => {
		const result = await kit.run({
			resource: 'operator',
			operation: 'update',
			operator_id: '2222',
			updateFields: { display_name: 'Ash S', copyDisplayName: true },
		});
		expect(kit.bodies('operator/update')).toEqual([{ operator: { operator_id: 2222, display_name: 'Ash S' }, update_in_child_locations: { display_name: true } }]);
		expect(kit.json(result)[0]).toMatchObject({ operator_id: 2222, display_name: 'Ash S', firstname: 'Ashley', level_id: 100, mobile: '0412345678' });
	});

	it('refuses an update with nothing to change before any request', async () => {
		const result = await kit.run({ resource: 'operator', operation: 'update', operator_id: 2222, updateFields: {} });
		expect(result.error?.message).toBe('The field "Update Fields" is empty in item 0');
		expect(kit.ops()).toEqual([]);
	});

	it('surfaces the vendor refusal of a PIN another operator uses as a NodeApiError [wire:operator/update]', async () => {
		const result = await kit.run({ resource: 'operator', operation: 'update', operator_id: 2222, updateFields: { pin: 7890 } });
		expect(kit.bodies('operator/update')).toEqual([{ operator: { operator_id: 2222, pin: 7890 } }]);
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('operator.pin is already used by another operator [INVALIDPARAMETER]');
		expect(result.error?.description).toBe('Details: operator.pin');
	});

	it('deletes an operator [wire:operator/delete]', async () => {
		const result = await kit.run({ resource: 'operator', operation: 'delete', operator_id: 2223 });
		expect(kit.bodies('operator/delete')).toEqual([{ operator_id: 2223 }]);
		expect(kit.json(result)).toEqual([{ operator_id: 2223, deleted: true }]);
		expect(kit.salon.state.operators.map((o) => o.operator_id)).toEqual([2221, 2222]);
		const again = await kit.run({ resource: 'operator', operation: 'get', operator_id: 2223 });
		expect(again.error?.message).toBe('Operator 2223 was not found [OPERATORNOTFOUND]');
	});

	it('registers a push device for an operator [wire:operator/push/add]', async () => {
		const result = await kit.run({
			resource: 'operator',
			operation: 'registerPushDevice',
			operator_id: 2222,
			deviceName: 'Ash Pixel',
			devicePushToken: 'fcm-token-123',
			deviceType: 'android',
			deviceUuid: 'c0ffee-42',
		});
		expect(result.error).toBeUndefined();
		expect(kit.bodies('operator/push/add')).toEqual([
			{ operator_id: 2222, push_device: { name: 'Ash Pixel', token: 'fcm-token-123', type: 'android', uuid: 'c0ffee-42' } },
		]);
		expect(kit.json(result)).toEqual([{ operator_id: 2222, registered: true }]);
	});

	it('refuses a push device without a token before any request', async () => {
		const result = await kit.run({ resource: 'operator', operation: 'registerPushDevice', operator_id: 2222, deviceName: 'Ash Pixel', devicePushToken: '', deviceType: 'apple', deviceUuid: 'x' });
		expect(result.error?.message).toBe('The field "Device Push Token" is empty in item 0');
		expect(kit.ops()).toEqual([]);
	});

	it('shares an operator with Dome locations, replacing the others [wire:operator/sharing/update]', async () => {
		const result = await kit.run({
			resource: 'operator',
			operation: 'updateSharing',
			operator_id: 2222,
			company_ids: '12345, 12346',
			share: true,
			additionalFields: { replace: true },
		});
		expect(kit.bodies('operator/sharing/update')).toEqual([{ operator_id: 2222, company_ids: [12345, 12346], share: true, replace: true }]);
		expect(kit.json(result)).toEqual([{ operator_id: 2222, shared: true }]);
		const unknown = await kit.run({ resource: 'operator', operation: 'updateSharing', operator_id: 2222, company_ids: '999', share: false });
		expect(kit.bodies('operator/sharing/update')[1]).toEqual({ operator_id: 2222, company_ids: [999], share: false });
		expect(unknown.error?.message).toBe('company_ids 999 are not child locations of your Dome [INVALIDPARAMETER]');
	});

	it('lists the operator levels with only paging options in the body [wire:operator_level/list]', async () => {
		const result = await kit.run({ resource: 'operator', operation: 'getLevels', returnAll: true });
		expect(kit.bodies('operator_level/list')).toEqual([{ options: { rows_per_page: -1 } }]);
		expect(kit.json(result)).toEqual([
			{ level_id: 100, name: 'Apprentice' },
			{ level_id: 150, name: 'Senior Stylist' },
			{ level_id: 200, name: 'Master' },
		]);
	});

	it('loads the operators and levels dropdowns in one request each', async () => {
		const operators = await kit.load('getOperators');
		expect(kit.bodies('operator/list')).toEqual([{ filters: { is_system: false }, options: { rows_per_page: -1 } }]);
		expect(operators.map((o) => [o.name, o.value])).toEqual([
			['API (Integration User)', 2221],
			['Ash (Ashley Smith)', 2222],
			['Sam (Samira Khan)', 2223],
		]);
		const levels = await kit.load('getOperatorLevels');
		expect(kit.bodies('operator_level/list')).toEqual([{ options: { rows_per_page: -1 } }]);
		expect(levels.map((l) => [l.name, l.value])).toEqual([
			['Apprentice', 100],
			['Master', 200],
			['Senior Stylist', 150],
		]);
	});
});

describe('Simple Salon rosters', () => {
	it('lists a short range in one request with Return All, dates as salon wall time [wire:roster/list]', async () => {
		const result = await kit.run({
			resource: 'roster',
			operation: 'getAll',
			timeStart: '2025-03-03T00:00:00+01:00',
			timeEnd: '2025-03-05T00:00:00',
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(kit.bodies('roster/list')).toEqual([
			{ filters: { time_start: '2025-03-03T00:00:00', time_end: '2025-03-05T00:00:00' }, options: { rows_per_page: -1 } },
		]);
		expect(kit.json(result)).toEqual([
			{
				roster_id: 998866,
				company_id: 12345,
				duration: 480,
				operator_id: 2222,
				roster_type_id: 9966,
				roster_type: { roster_type_id: 9966, company_id: 12345, name: 'Morning Shift', colour: 'ff0000', allow_bookings: true },
				time_start: '2025-03-03T09:00:00+11:00',
				time_end: '2025-03-03T17:00:00+11:00',
			},
			expect.objectContaining({ operator_id: 2222, time_start: '2025-03-04T09:00:00+11:00' }),
			expect.objectContaining({ operator_id: 2223, time_start: '2025-03-04T10:00:00+11:00', roster_type_id: 9967 }),
		]);
	});

	it('pages a range longer than a week (rows_per_page -1 is for one week only) [wire:roster/list]', async () => {
		const result = await kit.run({
			resource: 'roster',
			operation: 'getAll',
			timeStart: '2025-03-03',
			timeEnd: '2025-04-28',
			returnAll: true,
			filters: { operator_id: 2223 },
		});
		expect(result.error).toBeUndefined();
		expect(kit.bodies('roster/list')).toEqual([
			{ filters: { time_start: '2025-03-03T00:00:00', time_end: '2025-04-28T00:00:00', operator_id: 2223 }, options: { page_number: 1, rows_per_page: 100 } },
		]);
		const rosters = kit.json(result);
		expect(rosters).toHaveLength(40);
		expect(rosters.every((r) => r.operator_id === 2223)).toBe(true);
	});

	it('refuses a range that ends before it starts, before any request', async () => {
		const result = await kit.run({ resource: 'roster', operation: 'getAll', timeStart: '2025-03-05', timeEnd: '2025-03-03', returnAll: true });
		expect(result.error?.message).toBe('The field "To" must be later than "From" in item 0');
		expect(kit.ops()).toEqual([]);
	});

	it('reports the vendor error while advanced rostering is off [wire:roster/list]', async () => {
		setSetting('advanced_rostering', '0');
		const result = await kit.run({ resource: 'roster', operation: 'getAll', timeStart: '2025-03-03', timeEnd: '2025-03-04', limit: 5 });
		expect(kit.bodies('roster/list')).toHaveLength(1);
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Rosters are not available: the company setting advanced_rostering is 0 [ADVANCEDROSTERINGDISABLED]');
		await expect(kit.load('getRosterTypes')).rejects.toThrow(/advanced_rostering is 0/);
	});

	it('gets one roster [wire:roster/get]', async () => {
		const result = await kit.run({ resource: 'roster', operation: 'get', roster_id: '998867' });
		expect(kit.bodies('roster/get')).toEqual([{ roster_id: 998867 }]);
		expect(kit.json(result)[0]).toMatchObject({ roster_id: 998867, operator_id: 2222, time_start: '2025-03-04T09:00:00+11:00' });
	});

	it('adds a shift from a start and a duration, the offset dropped [wire:roster/add]', async () => {
		const result = await kit.run({
			resource: 'roster',
			operation: 'add',
			operator_id: 2222,
			timeStart: '2025-06-02T09:30:00+10:00',
			duration: 240,
			additionalFields: { roster_type_id: 9966 },
		});
		expect(result.error).toBeUndefined();
		expect(kit.bodies('roster/add')).toEqual([{ roster: { operator_id: 2222, time_start: '2025-06-02T09:30:00', duration: 240, roster_type_id: 9966 } }]);
		expect(kit.json(result)[0]).toMatchObject({
			operator_id: 2222,
			duration: 240,
			time_start: '2025-06-02T09:30:00+11:00',
			time_end: '2025-06-02T13:30:00+11:00',
			roster_type: expect.objectContaining({ name: 'Morning Shift' }),
		});
	});

	it('refuses a shift of no minutes before any request', async () => {
		const result = await kit.run({ resource: 'roster', operation: 'add', operator_id: 2222, timeStart: '2025-06-02T09:30:00', duration: 0 });
		expect(result.error?.message).toBe('The field "Duration (Minutes)" must be a positive whole number in item 0');
		expect(kit.ops()).toEqual([]);
	});

	it('updates only the fields set [wire:roster/update]', async () => {
		const result = await kit.run({ resource: 'roster', operation: 'update', roster_id: 998866, updateFields: { duration: 300, roster_type_id: 9968 } });
		expect(kit.bodies('roster/update')).toEqual([{ roster: { roster_id: 998866, duration: 300, roster_type_id: 9968 } }]);
		expect(kit.json(result)[0]).toMatchObject({
			roster_id: 998866,
			operator_id: 2222,
			duration: 300,
			time_start: '2025-03-03T09:00:00+11:00',
			time_end: '2025-03-03T14:00:00+11:00',
			roster_type: expect.objectContaining({ allow_bookings: false }),
		});
	});

	it('surfaces an unknown roster type as a NodeApiError [wire:roster/update]', async () => {
		const result = await kit.run({ resource: 'roster', operation: 'update', roster_id: 998866, updateFields: { roster_type_id: 1234 } });
		expect(kit.bodies('roster/update')).toEqual([{ roster: { roster_id: 998866, roster_type_id: 1234 } }]);
		expect(result.error?.message).toBe('roster.roster_type_id 1234 is not a valid roster type ID [INVALIDPARAMETER]');
	});

	it('deletes a shift [wire:roster/delete]', async () => {
		const result = await kit.run({ resource: 'roster', operation: 'delete', roster_id: 998866 });
		expect(kit.bodies('roster/delete')).toEqual([{ roster_id: 998866 }]);
		expect(kit.json(result)).toEqual([{ roster_id: 998866, deleted: true }]);
		const gone = await kit.run({ resource: 'roster', operation: 'get', roster_id: 998866 });
		expect(gone.error?.message).toBe('Roster 998866 was not found [ROSTERNOTFOUND]');
	});

	it('lists roster types [wire:roster_type/list]', async () => {
		const result = await kit.run({ resource: 'roster', operation: 'getAllRosterTypes', returnAll: true, filters: { roster_type_ids: [9968, 9966] } });
		expect(kit.bodies('roster_type/list')).toEqual([{ filters: { roster_type_ids: [9968, 9966] }, options: { rows_per_page: -1 } }]);
		expect(kit.json(result).map((t) => [t.name, t.allow_bookings])).toEqual([
			['Morning Shift', true],
			['Training', false],
		]);
	});

	it('gets one roster type [wire:roster_type/get]', async () => {
		const result = await kit.run({ resource: 'roster', operation: 'getRosterType', roster_type_id: 9967 });
		expect(kit.bodies('roster_type/get')).toEqual([{ roster_type_id: 9967 }]);
		expect(kit.json(result)).toEqual([{ roster_type_id: 9967, company_id: 12345, name: 'Afternoon Shift', colour: '00aa00', allow_bookings: true }]);
	});

	it('loads the roster types dropdown', async () => {
		const types = await kit.load('getRosterTypes');
		expect(kit.bodies('roster_type/list')).toEqual([{ filters: {}, options: { rows_per_page: -1 } }]);
		expect(types).toEqual([
			{ name: 'Afternoon Shift', value: 9967, description: 'Bookings allowed' },
			{ name: 'Morning Shift', value: 9966, description: 'Bookings allowed' },
			{ name: 'Training', value: 9968, description: 'Bookings not allowed' },
		]);
	});
});
