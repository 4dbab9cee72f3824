import { API_USER, createSynergistEmulator, type SynergistEmulator } from '../../../emulators/synergist';
import { activityState } from '../../../emulators/synergist/areas/activities';
import { SynergistApi } from '../../../credentials/SynergistApi.credentials';
import { Synergist } from '../../../nodes/Synergist/Synergist.node';
import { CredentialStore, loadOptions, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

let vendor: SynergistEmulator;
let store: CredentialStore;
let credential: StoredCredential;

const setup = (parameters: NodeSetup['parameters'], continueOnFail = false): NodeSetup => ({
	node: new Synergist(),
	credentialTypes: [new SynergistApi()],
	store,
	credential,
	parameters: { resource: 'activity', ...parameters },
	continueOnFail,
});

/** The operations the emulator saw, after the login. */
const ops = () => vendor.emulator.log.map((r) => r.op).filter((op) => op !== 'GETSHA512');
const activities = () => activityState(vendor.state);
/** The query of the only request with this op label, without the credentials. */
function wire(op: string) {
	const requests = vendor.emulator.requests(op);
	expect(requests).toHaveLength(1);
	const { user, sha512password, version, ...query } = requests[0].query;
	expect({ method: requests[0].method, user, sha512password, version }).toEqual({ method: 'GET', user: API_USER.login, sha512password: vendor.currentHash(), version: '3.2' });
	return { path: requests[0].path, query };
}
const inputOf = (op: string) => JSON.parse(wire(op).query.input) as { data: Array<Record<string, unknown>> };

beforeAll(async () => {
	vendor = createSynergistEmulator({ seedCount: 30 });
	await vendor.emulator.start();
});

afterAll(async () => await vendor.emulator.stop());

beforeEach(() => {
	vendor.emulator.reset();
	store = new CredentialStore();
	credential = store.add('synergistApi', { ...vendor.credentialData(), sha512Password: '', sessionBinding: '' });
});

describe('Synergist activity reads', () => {
	it('gets one activity with the details model [wire:activities:None]', async () => {
		const result = await runNode(setup({ operation: 'get', activityId: 7005 }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			activityID: 7005,
			activitySubject: 'Meeting on site - agenda',
			activityActivitytypeCode: 'Notes',
			activityCustomField300: 'Fred Smith',
			activityCreationDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			activityTimeStampModified: expect.any(Number),
		});
		expect(wire('activities:LIST')).toEqual({
			path: '/jsonapi/activities.json',
			query: { company: '1', style: 'modeldata', modelstructure: 'activitydetails', activityid: '7005' },
		});
	});

	it('reports an unknown activity as not found, naming it', async () => {
		const result = await runNode(setup({ operation: 'get', activityId: 999 }));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Activity 999 was not found in company 1');
	});

	it('lists every activity of a view over several pages, with key-field filters [wire:activities:None]', async () => {
		const all = await runNode(setup({ operation: 'getAll', returnAll: true, options: { pageSize: 10 } }));
		expect(all.error).toBeUndefined();
		const companyOne = [...activities().activities.values()].filter((a) => a.company === 1);
		expect(all.items.map((i) => i.json.activityID)).toEqual(companyOne.map((a) => a.activityID).sort((a, b) => a - b));
		const pages = vendor.emulator.requests('activities:LIST');
		expect(pages.map((r) => [r.query.page, r.query.rows])).toEqual([
			['1', '10'],
			['2', '10'],
			['3', '10'],
			['4', '10'],
		]);
		expect(pages[0].query).toMatchObject({ company: '1', style: 'modeldata', modelstructure: 'activitylist' });

		vendor.emulator.clearLog();
		const mine = await runNode(setup({ operation: 'getAll', view: '-1703', returnAll: false, limit: 3, filters: { client: 'F667', search: 'subject' } }));
		expect(mine.error).toBeUndefined();
		expect(mine.items.map((i) => i.json.activityID)).toEqual([4833, 6974, 7477]);
		expect(mine.items.every((i) => i.json.activityOwnerID === API_USER.userUserId && i.json.activityCompleted === false)).toBe(true);
		expect(wire('activities:LIST').query).toEqual({
			company: '1',
			style: 'modeldata',
			modelstructure: 'activitylist',
			view: '-1703',
			client: '1/F667',
			search: 'subject',
			page: '1',
			rows: '3',
		});
	});

	it('offers the activity views of views.json and filters by modified time (timestampfrom/timestampto)', async () => {
		const views = await loadOptions(setup({ operation: 'getAll' }), 'getActivitiesViews');
		expect(views.map((v) => v.value)).toEqual(['', '-1700', '-1703']);
		expect(vendor.emulator.requests('views:LIST')[0].query).toMatchObject({ type: 'Activities' });

		const before = Math.max(...[...activities().activities.values()].filter((a) => a.company === 1).map((a) => a.timestamp));
		await runNode(setup({ operation: 'addComment', activityId: 7476, comment: 'Touched' }));
		const touched = activities().activities.get(7476)!.timestamp;
		expect(touched).toBeGreaterThan(before);
		vendor.emulator.clearLog();
		const changed = await runNode(setup({ operation: 'getAll', returnAll: true, filters: { timestampFrom: before + 1 } }));
		expect(changed.items.map((i) => i.json.activityID)).toEqual([7476]);
		expect(changed.items[0].json.activityTimeStampModified).toBe(touched);
		const window = await runNode(setup({ operation: 'getAll', returnAll: true, filters: { timestampFrom: before - 3600, timestampTo: before } }));
		expect(window.items.length).toBeGreaterThan(0);
		expect(window.items.every((i) => (i.json.activityTimeStampModified as number) >= before - 3600 && (i.json.activityTimeStampModified as number) <= before)).toBe(true);
		expect(vendor.emulator.requests('activities:LIST').map((r) => [r.query.timestampfrom, r.query.timestampto])).toEqual([
			[String(before + 1), undefined],
			[String(before - 3600), String(before)],
		]);
	});

	it('lists the fields of a model with style=modelstructure [wire:activities:None]', async () => {
		const result = await runNode(setup({ operation: 'getFields', model: 'activitylist' }));
		expect(result.error).toBeUndefined();
		const fields = result.items.map((i) => i.json);
		expect(fields).toEqual(expect.arrayContaining([expect.objectContaining({ data: 'activityCustomField300', fieldtype: 'text' })]));
		expect(fields.find((f) => f.data === 'activityTimeStampModified')).toMatchObject({ editable: false, fieldtype: 'number' });
		expect(wire('activities:STRUCTURE').query).toEqual({ company: '1', style: 'modelstructure', modelstructure: 'activitylist' });
	});
});

describe('Synergist activity writes', () => {
	it('creates an activity with the input keys of the reference [wire:activities:create]', async () => {
		const result = await runNode(
			setup({
				operation: 'create',
				activityType: 'Notes',
				clientCode: 'WARD',
				additionalFields: {
					subject: 'My Meeting notes',
					details: 'Meeting at Boundry Mill & "site" #2',
					job: '1/00000010',
					jobPhase: '00000010.001',
					ownerId: 256,
					priorityId: 1,
					status: 'Normal',
					teamCode: 'DQS',
					category: 'green',
					dateDue: '2024-05-31T00:00:00',
					timeDue: '08:30:00',
					clientContactId: 23,
				},
				customFields: { field: [{ name: 'activityCustomField300', value: 'Fred Smith' }] },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([
			{
				activityuuid: expect.stringMatching(/^[0-9A-F]{32}$/),
				activityID: 8200,
				activityOwnerID: 256,
				activityOwnerName: 'SYN_Jimish',
				activityTimeStampModified: expect.any(Number),
				activityRecordVersionNumber: 1,
			},
		]);
		const { query } = wire('activities:CREATE');
		expect(query).toMatchObject({ action: 'create', company: '1' });
		expect(inputOf('activities:CREATE')).toEqual({
			data: [
				{
					activityActivitytypeCode: 'Notes',
					activityClientCode: '1/WARD',
					activitySubject: 'My Meeting notes',
					activityDetails: 'Meeting at Boundry Mill & "site" #2',
					Job: '1/00000010',
					Jobphase: '1/00000010.001',
					activityOwnerID: 256,
					activityPriorityID: 1,
					activityStatus: 'Normal',
					activityTeamCode: '1/DQS',
					activityCategory: 'green',
					activityDateDue: '2024-05-31',
					activityTimeDue: '08:30:00',
					activityClientContactInternalRef: 23,
					activityCustomField300: 'Fred Smith',
					activityCompanyNumber: 1,
				},
			],
		});
		expect(activities().activities.get(8200)).toMatchObject({ jobAndPhase: '1/00000010.001', status: 'Normal', custom: expect.objectContaining({ activityCustomField300: 'Fred Smith' }) });
	});

	it('passes the refusal of a create by Synergist and does not repeat it', async () => {
		const result = await runNode(setup({ operation: 'create', activityType: 'NOPE', clientCode: '1/F667' }));
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('activity type NOPE not found [2002]');
		expect(ops()).toEqual(['activities:CREATE']);
		expect(activities().counters.created).toBe(0);
	});

	it('updates an activity, reading its record version first, and sets secondary owners [wire:activities:update]', async () => {
		const before = activities().activities.get(7005)!.version;
		const result = await runNode(
			setup({ operation: 'update', activityId: 7005, updateFields: { subject: 'Agenda v2', completed: true, secondaryOwnerIds: '54, 256' } }),
		);
		expect(result.error).toBeUndefined();
		expect(ops()).toEqual(['activities:LIST', 'activities:UPDATE']);
		expect(vendor.emulator.requests('activities:LIST')[0].query).toMatchObject({ modelstructure: 'activitydetails', activityid: '7005' });
		expect(wire('activities:UPDATE').query).toMatchObject({ action: 'update', company: '1' });
		expect(inputOf('activities:UPDATE')).toEqual({
			data: [
				{
					activityID: 7005,
					activitySubject: 'Agenda v2',
					activityCompleted: true,
					activitySecondaryOwnersUserID: [54, 256],
					activityRecordVersionNumber: before,
				},
			],
		});
		expect(result.items[0].json).toMatchObject({
			activityID: 7005,
			activityRecordVersionNumber: before + 1,
			activitySecondaryOwnersDescription: 'SYN_Jon, SYN_Jimish',
			activitySecondaryOwnersUserID: [54, 256],
		});
		expect(activities().activities.get(7005)).toMatchObject({ subject: 'Agenda v2', completed: true });
	});

	it('sends a given record version as is, and surfaces the conflict when the activity changed since', async () => {
		const stale = activities().activities.get(7005)!.version - 1;
		const result = await runNode(setup({ operation: 'update', activityId: 7005, updateFields: { recordVersionNumber: stale, status: 'Status 1' } }));
		expect(ops()).toEqual(['activities:UPDATE']);
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(/^activity 7005 has been changed by another user .*\[2006\]$/);
		expect(activities().activities.get(7005)!.status).toBe('Normal');
	});

	it('deletes an activity [wire:activities:delete]', async () => {
		const result = await runNode(setup({ operation: 'delete', activityId: 6712 }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ activityID: 6712, activityuuid: expect.stringMatching(/^[0-9A-F]{32}$/) }]);
		expect(wire('activities:DELETE').query).toMatchObject({ action: 'delete', company: '1' });
		expect(inputOf('activities:DELETE')).toEqual({ data: [{ activityID: 6712 }] });
		expect(activities().activities.has(6712)).toBe(false);

		const again = await runNode(setup({ operation: 'delete', activityId: 6712 }));
		expect(again.error?.message).toBe('activity 6712 not found [2002]');
	});
});

describe('Synergist activity comments, history and follow-ups', () => {
	it('adds a comment that then heads the history [wire:activities:comment] [wire:activities:history]', async () => {
		const comment = await runNode(setup({ operation: 'addComment', activityId: 4833, comment: 'hello & "bye"' }));
		expect(comment.error).toBeUndefined();
		expect(comment.items.map((i) => i.json)).toEqual([{ success: true, message: 'Comment created.', activityID: 4833 }]);
		expect(wire('activities:COMMENT').query).toEqual({ action: 'comment', company: '1', activityID: '4833', description: 'hello & "bye"' });

		const history = await runNode(setup({ operation: 'getHistory', activityId: 4833, returnAll: true }));
		expect(history.error).toBeUndefined();
		expect(history.items[0].json).toMatchObject({ activityhistoryHistoryDetail: 'hello & "bye"', activityhistoryCreatedByUserID: API_USER.userUserId });
		expect(history.items.map((i) => i.json.activityhistoryHistoryDetail)).toContain('Document 32424 deleted.');
		expect(wire('activities:HISTORY').query).toEqual({ action: 'history', company: '1', activityID: '4833', rows: '0' });
	});

	it('reads the same history from activityhistory.json [wire:activityhistory:None]', async () => {
		const result = await runNode(setup({ operation: 'getHistory', activityId: 4833, returnAll: true, options: { source: 'activityhistory' } }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.activityhistoryHistoryDetail)).toEqual([
			'Document 32424 deleted.',
			"Status changed to 'Normal'",
			'Transferred to SYN_Jon for actioning',
		]);
		expect(wire('activityhistory:LIST')).toEqual({ path: '/jsonapi/activityhistory.json', query: { company: '1', activityID: '4833', rows: '0' } });
	});

	it('reads the history from the deprecated acthistory.json with NotesID [wire:acthistory:None]', async () => {
		const result = await runNode(setup({ operation: 'getHistory', activityId: 4833, returnAll: false, limit: 1, options: { source: 'acthistory' } }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ activityhistoryNotesID: 4833, activityhistoryNotesHistoryID: expect.any(Number) });
		expect(wire('acthistory:LIST')).toEqual({ path: '/jsonapi/acthistory.json', query: { company: '1', NotesID: '4833', page: '1', rows: '1' } });
	});

	it('creates a follow-up once and lists the thread [wire:activities:activityfollowup] [wire:activities:followuplist]', async () => {
		const created = await runNode(setup({ operation: 'createFollowUp', activityId: 7477, activityType: 'pup' }));
		expect(created.error).toBeUndefined();
		expect(created.items.map((i) => i.json)).toEqual([{ activityID: 8200, activityuuid: expect.stringMatching(/^[0-9A-F]{32}$/) }]);
		expect(wire('activities:ACTIVITYFOLLOWUP').query).toEqual({ action: 'activityfollowup', company: '1', activityID: '7477', activitytype: 'pup' });
		expect(activities().counters.followUps).toBe(1);

		const thread = await runNode(setup({ operation: 'getFollowUps', activityId: 4833 }));
		expect(thread.error).toBeUndefined();
		expect(thread.items.map((i) => i.json.activityID)).toEqual([8200, 7477, 6974, 4833]);
		expect(thread.items[0].json).toMatchObject({ activityActivitytype: 'Public todo2', activitySubject: 'MyChangedSubject13' });
		expect(wire('activities:FOLLOWUPLIST').query).toEqual({ action: 'followuplist', company: '1', activityID: '4833' });
	});

	it('does not repeat a follow-up whose answer was lost', async () => {
		vendor.emulator.inject({ when: { op: 'activities:ACTIVITYFOLLOWUP' }, times: 1, phase: 'after', action: { type: 'status', status: 503 } });
		const result = await runNode(setup({ operation: 'createFollowUp', activityId: 7477, activityType: 'PUP' }));
		expect(result.error).toBeDefined();
		expect(vendor.emulator.requests('activities:ACTIVITYFOLLOWUP')).toHaveLength(1);
	});
});

describe('Synergist activity lookups', () => {
	it('lists activity types, requisitions only for a job [wire:activities:activitytypes] [wire:activities:categories]', async () => {
		const plain = await runNode(setup({ operation: 'getActivityTypes' }));
		expect(plain.items.map((i) => i.json.activitytypeCode)).not.toContain('REQ');
		const forJob = await runNode(setup({ operation: 'getActivityTypes', filters: { job: '00000010', currentType: 'MEET' } }));
		expect(forJob.items.map((i) => i.json.activitytypeCode)).toContain('REQ');
		expect(forJob.items.find((i) => i.json.variable_selected === true)?.json.activitytypeCode).toBe('MEET');
		expect(vendor.emulator.requests('activities:ACTIVITYTYPES').map((r) => r.query)).toEqual([
			expect.objectContaining({ action: 'activitytypes', company: '1' }),
			expect.objectContaining({ action: 'activitytypes', company: '1', job: '1/00000010', activitytype: 'MEET' }),
		]);

		const categories = await runNode(setup({ operation: 'getCategories', activityType: 'MAIL' }));
		expect(categories.items.map((i) => i.json.lookupActivityCategory)).toEqual(['Mailshot', 'Newsletter']);
		expect(wire('activities:CATEGORIES').query).toEqual({ action: 'categories', company: '1', activitytype: 'MAIL' });
	});

	it('lists clients in a view and the contacts of a client [wire:activities:clientslist] [wire:activities:clientcontacts]', async () => {
		const clients = await runNode(setup({ operation: 'getClients', view: '-1001', returnAll: true }));
		expect(clients.error).toBeUndefined();
		expect(clients.items.map((i) => i.json.clientCode)).toContain('1/F667');
		expect(clients.items.every((i) => String(i.json.clientCode).startsWith('1/'))).toBe(true);
		expect(wire('activities:CLIENTSLIST').query).toEqual({
			action: 'clientslist',
			company: '1',
			style: 'modeldata',
			modelstructure: 'clientslist',
			view: '-1001',
			rows: '0',
		});

		const contacts = await runNode(setup({ operation: 'getClientContacts', clientCode: 'F667' }));
		expect(contacts.items.map((i) => i.json)).toEqual([{ clientcontactInternalRef: 26, clientcontactFullName: 'Contact 3 of Fenwick & Sons', variable_selected: true }]);
		expect(wire('activities:CLIENTCONTACTS').query).toEqual({ action: 'clientcontacts', company: '1', client: '1/F667' });
	});

	it('lists owners and secondary owners, marking the chosen ones [wire:activities:owners] [wire:activities:secondaryowners]', async () => {
		const owners = await runNode(setup({ operation: 'getOwners' }));
		expect(owners.items.map((i) => i.json.userUserId)).toEqual([54, 256]);
		expect(wire('activities:OWNERS').query).toEqual({ action: 'owners', company: '1' });

		const secondary = await runNode(setup({ operation: 'getSecondaryOwners', filters: { selectedUserIds: '256' } }));
		expect(secondary.items.map((i) => [i.json.userUserId, i.json.variable_selected])).toEqual([
			[54, false],
			[256, true],
		]);
		expect(wire('activities:SECONDARYOWNERS').query).toEqual({ action: 'secondaryowners', company: '1', userid: '[256]' });
	});

	it('lists priorities, statuses, teams and due times [wire:activities:priorities] [wire:activities:status] [wire:activities:teams] [wire:activities:times]', async () => {
		const priorities = await runNode(setup({ operation: 'getPriorities', filters: { currentPriorityId: 2 } }));
		expect(priorities.items.map((i) => [i.json.lookupActivityPriorityDescription, i.json.variable_selected])).toEqual([
			['High', false],
			['Med', true],
			['Low', false],
		]);
		expect(wire('activities:PRIORITIES').query).toEqual({ action: 'priorities', company: '1', input: '2' });

		const statuses = await runNode(setup({ operation: 'getStatuses', filters: { activityId: 7005 } }));
		expect(statuses.items.find((i) => i.json.variable_selected === true)?.json.lookupActivityStatus).toBe('Normal');
		expect(wire('activities:STATUS').query).toEqual({ action: 'status', company: '1', activityID: '7005' });

		const teams = await runNode(setup({ operation: 'getTeams' }));
		expect(teams.items.map((i) => i.json.teamCode)).toEqual(['', '1/ACC', '1/DQS', '1/STU']);
		expect(wire('activities:TEAMS').query).toEqual({ action: 'teams', company: '1' });

		const times = await runNode(setup({ operation: 'getDueTimes' }));
		expect(times.items).toHaveLength(48);
		expect(times.items[17].json).toMatchObject({ lookupTime: '08:30:00', lookupTimeDisplay: '8:30 AM' });
		expect(wire('activities:TIMES').query).toEqual({ action: 'times', company: '1' });
	});

	it('fills the dropdowns of the activity form without placeholders, dependent ones only once their field is set', async () => {
		const load = (method: string, parameters: NodeSetup['parameters'] = {}) => loadOptions(setup({ operation: 'create', ...parameters }), method);
		expect((await load('getActivityTypes')).map((o) => o.value)).toEqual(['COMM', 'DRFT', 'MAIL', 'MEET', 'Notes', 'MER', 'PUP', 'QUOT', 'TODO']);
		expect(await load('getActivityTeams')).toEqual([
			{ name: 'Accounts', value: '1/ACC', description: undefined },
			{ name: 'Design & Quality', value: '1/DQS', description: undefined },
			{ name: 'Studio', value: '1/STU', description: undefined },
		]);
		expect((await load('getActivityStatuses')).map((o) => o.name)).toEqual(['Normal', 'Status 1', 'Status 2', 'Waiting on client']);
		expect((await load('getActivityPriorities')).map((o) => o.value)).toEqual([1, 2, 3]);
		const times = await load('getActivityTimes');
		expect(times.slice(0, 3).map((o) => [o.name, o.value])).toEqual([
			['12:00 AM', '00:00:00'],
			['12:30 AM', '00:30:00'],
			['1:00 AM', '01:00:00'],
		]);
		expect((await load('getActivityOwners')).map((o) => o.name)).toEqual(['SYN_Jimish', 'SYN_Jon']);
		expect((await load('getActivitySecondaryOwners')).map((o) => o.value)).toEqual([256, 54]);
		expect((await load('getActivityClients')).find((o) => o.value === '1/F667')?.name).toBe('Fenwick & Sons');

		vendor.emulator.clearLog();
		expect(await load('getActivityCategories')).toEqual([]);
		expect(await load('getActivityClientContacts')).toEqual([]);
		expect(vendor.emulator.log).toHaveLength(0);
		expect((await load('getActivityCategories', { activityType: 'MAIL' })).map((o) => o.value)).toEqual(['Mailshot', 'Newsletter']);
		expect((await loadOptions(setup({ operation: 'update', updateFields: { clientCode: 'F667' } }), 'getActivityClientContacts')).map((o) => o.value)).toEqual([26]);
		expect(vendor.emulator.requests('activities:CLIENTCONTACTS')[0].query.client).toBe('1/F667');
	});
});

describe('Synergist activity input checks', () => {
	it('rejects bad input before sending anything, naming the field and the item', async () => {
		const cases: Array<[NodeSetup['parameters'], string]> = [
			[{ operation: 'get', activityId: 0 }, 'The field "Activity ID" is empty in item 0'],
			[{ operation: 'get', activityId: '7a' }, 'The field "Activity ID" has an invalid value "7a" in item 0'],
			[{ operation: 'update', activityId: 7005, updateFields: {} }, 'Nothing to update in item 0'],
			[{ operation: 'update', activityId: 7005, updateFields: { secondaryOwnerIds: '242;192' } }, 'The field "Secondary Owner IDs" has an invalid value "242;192" in item 0'],
			[{ operation: 'update', activityId: 7005, updateFields: { timeDue: '8:30' } }, 'The field "Time Due" has an invalid value "8:30" in item 0'],
			[
				{ operation: 'create', activityType: 'MEET', clientCode: '1/F667', additionalFields: { job: '1/00000010', jobPhase: '1/00000011.001' } },
				'The field "Job Phase" ("1/00000011.001") is not a phase of the job "1/00000010" in item 0',
			],
			[{ operation: 'create', activityType: 'MEET', clientCode: '1/F667', additionalFields: { teamCode: '8/ACC' } }, 'The field "Team Code" names company 8 ("8/ACC") but this activity is in company 1, in item 0'],
			[{ operation: 'getAll', filters: { uuid: 'xyz' } }, 'The field "UUID" has an invalid value "xyz" in item 0'],
			[{ operation: 'getAll', filters: { timestampFrom: -5 } }, 'The field "Modified From (Unix Seconds)" has an invalid value "-5" in item 0'],
		];
		for (const [parameters, message] of cases) {
			const result = await runNode(setup(parameters));
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(message);
		}
		expect(vendor.emulator.log).toHaveLength(0);
	});

	it('creates in the company of the client code', async () => {
		const result = await runNode(setup({ operation: 'create', activityType: 'COMM', clientCode: '8/1244', additionalFields: { subject: 'Offerte' } }));
		expect(result.error).toBeUndefined();
		expect(wire('activities:CREATE').query.company).toBe('8');
		expect(inputOf('activities:CREATE').data[0]).toMatchObject({ activityClientCode: '8/1244', activityCompanyNumber: 8 });
		expect(activities().activities.get(8200)?.company).toBe(8);
	});
});
