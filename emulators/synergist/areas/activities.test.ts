import { API_USER, createSynergistEmulator } from '../index';
import { activityState } from './activities';

/** activities.json, activityhistory.json and acthistory.json on the wire, as the reference documents them. */
describe('Synergist emulator: activities', () => {
	const vendor = createSynergistEmulator({ seedCount: 20 });
	const call = async (area: string, params: Record<string, string>) => {
		const query = new URLSearchParams({ user: API_USER.login, sha512password: vendor.currentHash(), version: '3.2', ...params });
		const response = await fetch(`${vendor.emulator.url}/jsonapi/${area}.json?${query.toString()}`);
		const text = await response.text();
		return { status: response.status, text, json: response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : undefined };
	};
	const xml = (id: number, text: string) => expect.stringContaining(`<Error ErrorID="${id}">\n        <ErrorText>${text}</ErrorText>`);

	beforeAll(async () => await vendor.emulator.start());
	afterAll(async () => await vendor.emulator.stop());
	beforeEach(() => vendor.emulator.reset());

	it('reads the details example with the reference\'s odd `Activityid=Activityid=7005`', async () => {
		const reply = await call('activities', { company: '1', style: 'modeldata', modelstructure: 'activitydetails', Activityid: 'Activityid=7005' });
		expect(reply.json).toMatchObject({ success: true, totalrows: 1, data: [{ activityID: 7005, activityCompanyNumber: 1 }] });
	});

	it('refuses what the reference does not offer: no company, a bad view, a bad timestamp, an unknown model', async () => {
		expect((await call('activities', {})).text).toEqual(xml(404501, 'company not specified'));
		expect((await call('activities', { company: '1', view: '-1303' })).text).toEqual(xml(404502, 'invalid view -1303'));
		expect((await call('activities', { company: '1', timestampfrom: 'yesterday' })).text).toEqual(xml(404504, 'invalid parameter timestampfrom yesterday'));
		expect((await call('activities', { company: '1', modelstructure: 'jobslist' })).text).toEqual(xml(404504, 'invalid parameter modelstructure jobslist'));
		expect((await call('activities', { company: '1', action: 'categories' })).text).toEqual(xml(404504, 'invalid parameter activitytype '));
	});

	it('checks creates and updates field by field, and the record version of an update', async () => {
		const create = (row: Record<string, unknown>) => call('activities', { company: '1', action: 'create', input: JSON.stringify({ data: [row] }) });
		expect((await create({ activityClientCode: '1/F667' })).json).toMatchObject({ success: false, errorcode: 2001, errormessage: 'mandatory field activityActivitytypeCode not supplied' });
		expect((await create({ activityActivitytypeCode: 'MEET', activityClientCode: '1/F667', colour: 'red' })).json).toMatchObject({ errormessage: 'unknown field colour' });
		expect((await create({ activityActivitytypeCode: 'REQ', activityClientCode: '1/F667' })).json).toMatchObject({ errormessage: 'activity type REQ not found' });
		expect((await create({ activityActivitytypeCode: 'REQ', activityClientCode: '1/F667', Job: '1/00000010' })).json).toMatchObject({ success: true });
		expect((await create({ activityActivitytypeCode: 'MAIL', activityClientCode: '1/F667', activityCategory: 'blue' })).json).toMatchObject({
			errormessage: 'category blue not found for activity type MAIL',
		});

		const update = (row: Record<string, unknown>) => call('activities', { company: '1', action: 'update', input: JSON.stringify({ data: [row] }) });
		expect((await update({ activityID: 7005, activitySubject: 'x' })).json).toMatchObject({ errorcode: 2001, errormessage: 'mandatory field activityRecordVersionNumber not supplied' });
		const version = activityState(vendor.state).activities.get(7005)!.version;
		const first = await update({ activityID: 7005, activityRecordVersionNumber: version, activitySubject: 'x' });
		expect(first.json).toMatchObject({ success: true, data: [{ activityID: 7005, activityRecordVersionNumber: version + 1 }] });
		expect((await update({ activityID: 7005, activityRecordVersionNumber: version, activitySubject: 'y' })).json).toMatchObject({ success: false, errorcode: 2006 });
		expect(activityState(vendor.state).activities.get(7005)!.subject).toBe('x');
	});

	it('deletes what it finds and reports the rest in warningmessage', async () => {
		const reply = await call('activities', { company: '1', action: 'delete', input: JSON.stringify({ data: [{ activityID: 6161 }, { activityID: 1 }] }) });
		expect(reply.json).toMatchObject({ success: true, warningmessage: '1 of 2 Activity deleted.', data: [{ activityID: 6161 }] });
		expect(activityState(vendor.state).activities.has(6161)).toBe(false);
	});

	it('lists follow-ups by `activity=` (the example) or `activityID=` (the table), comments without a company', async () => {
		const byExample = await call('activities', { company: '1', action: 'followuplist', activity: '6974' });
		const byTable = await call('activities', { action: 'followuplist', activityID: '6974' });
		expect(byExample.json?.data).toEqual(byTable.json?.data);
		expect((byExample.json?.data as Array<{ activityID: number }>).map((r) => r.activityID)).toEqual([7477, 6974, 4833]);
		expect((await call('activities', { action: 'comment', activityID: '4833', description: 'hello' })).json).toMatchObject({ success: true, responsemessage: 'Comment created.' });
		expect((await call('activities', { action: 'comment', activityID: '4833' })).text).toEqual(xml(404504, 'invalid parameter description '));
		expect((await call('activities', { company: '8', action: 'comment', activityID: '4833', description: 'x' })).json).toMatchObject({ errormessage: 'activity 4833 not found' });
	});

	it('serves the history three ways, acthistory for the whole company without NotesID', async () => {
		const viaAction = await call('activities', { action: 'history', activityID: '7005' });
		const viaArea = await call('activityhistory', { activityID: '7005' });
		expect(viaArea.json?.data).toEqual(viaAction.json?.data);
		const company = await call('acthistory', { company: '1', rows: '1', page: '1' });
		expect(company.json).toMatchObject({ pagerows: 1, pagenumber: 1, data: [{ activityhistoryNotesID: expect.any(Number) }] });
		expect((company.json?.totalrows as number) > 30).toBe(true);
		expect((await call('acthistory', {})).text).toEqual(xml(404501, 'company not specified'));
	});

	it('answers the lookups the reference shows, placeholders included', async () => {
		expect((await call('activities', { company: '1', action: 'teams' })).json?.data).toContainEqual({ teamCode: '', teamDescription: '- Blank -', variable_selected: true });
		expect((await call('activities', { action: 'times' })).json).toMatchObject({ totalrows: 48, data: expect.arrayContaining([{ lookupTime: '13:30:00', lookupTimeDisplay: '1:30 PM', variable_selected: false }]) });
		expect((await call('activities', { company: '1', action: 'secondaryowners', userid: '242,192' })).text).toEqual(xml(404504, 'invalid parameter userid 242,192'));
		expect((await call('activities', { company: '1', action: 'nosuch' })).text).toEqual(xml(404500, 'invalid action nosuch'));
	});
});
