import { API_USER, createSynergistEmulator, type SynergistEmulator } from '../../../emulators/synergist';
import { SynergistApi } from '../../../credentials/SynergistApi.credentials';
import { Synergist } from '../../../nodes/Synergist/Synergist.node';
import { CredentialStore, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

/**
 * The small areas through the node against the emulator: phases, clients (and the deprecated organizations list),
 * client contacts, companies, estimates, quotes, thermometers, posted time, system version, views, the views menu,
 * notes (secondary owners) and users.
 */

let vendor: SynergistEmulator;
let store: CredentialStore;
let credential: StoredCredential;

const run = async (resource: string, operation: string, parameters: NodeSetup['parameters'] = {}) =>
	await runNode({
		node: new Synergist(),
		credentialTypes: [new SynergistApi()],
		store,
		credential,
		parameters: { resource, operation, ...parameters },
	});
const jsonOf = (result: Awaited<ReturnType<typeof run>>) => {
	expect(result.error).toBeUndefined();
	return result.items.map((item) => item.json);
};
/** The one request of an op, its credentials checked and left out. */
const wire = (op: string) => {
	const requests = vendor.emulator.requests(op);
	expect(requests).toHaveLength(1);
	const [request] = requests;
	expect(request.method).toBe('GET');
	const { user, sha512password, version, ...query } = request.query;
	expect({ user, sha512password, version }).toEqual({ user: API_USER.login, sha512password: vendor.currentHash(), version: '3.2' });
	return { path: request.path, query };
};

beforeAll(async () => {
	vendor = createSynergistEmulator();
	await vendor.emulator.start();
});

afterAll(async () => await vendor.emulator.stop());

beforeEach(() => {
	vendor.emulator.reset();
	store = new CredentialStore();
	credential = store.add('synergistApi', { ...vendor.credentialData(), sha512Password: '', sessionBinding: '' });
});

describe('Synergist phases', () => {
	it('gets a phase by its number in job= (no model, as the reference) and lists the phases of a view [wire:phases:None]', async () => {
		const [detail] = jsonOf(await run('phase', 'get', { phaseNumber: '00000012.002' }));
		expect(wire('phases:LIST')).toEqual({ path: '/jsonapi/phases.json', query: { company: '1', job: '1/00000012.002' } });
		expect(detail).toMatchObject({ phaseJobAndPhase: '1/00000012.002', phaseJobNumber: '1/00000012', phaseTaxCode: 3, phaseTimeIn: '00:00:00' });

		vendor.emulator.clearLog();
		const list = jsonOf(await run('phase', 'getAll', { returnAll: true, view: '-1307', filters: { jobNumber: '1/00000012' } }));
		expect(wire('phases:LIST').query).toEqual({ company: '1', style: 'modeldata', modelstructure: 'phaseslist', view: '-1307', job: '1/00000012', rows: '0' });
		expect(list.map((p) => p.phaseJobAndPhase)).toEqual(['1/00000012.001', '1/00000012.002']);
		expect(list[0]).toMatchObject({ phasePhase: '001', phaseJobPhaseNumberSimple: '00000012.001' });

		const fields = jsonOf(await run('phase', 'getFields'));
		expect(fields.map((f) => f.data)).toContain('phaseJobAndPhase');
	});

	it('says clearly when a phase is missing, and refuses a job number where a phase is wanted', async () => {
		const missing = await run('phase', 'get', { phaseNumber: '1/00000011.002' });
		expect(missing.error?.message).toBe('Phase 1/00000011.002 was not found in company 1');
		const bad = await run('phase', 'get', { phaseNumber: '1/00000011' });
		expect(bad.error?.message).toBe('The field "Phase Number" has an invalid value "1/00000011" in item 0');
		expect(vendor.emulator.requests('phases:LIST')).toHaveLength(1);
	});

	it('lists the costs and charges of a phase [wire:phases:costscharges]', async () => {
		const costs = jsonOf(await run('phase', 'getCostsCharges', { phaseNumber: '1/00000012.001' }));
		expect(wire('phases:COSTSCHARGES').query).toEqual({ action: 'costscharges', company: '1', jobphase: '1/00000012.001' });
		expect(costs).toHaveLength(2);
		expect(costs.every((c) => c.costPhase === '001')).toBe(true);
	});

	it('finds the phases changed in a time window [wire:phases:None]', async () => {
		const since = vendor.state.jobs.get('1/00000240')!.jobTimeStampModified;
		const phases = jsonOf(await run('phase', 'getAll', { returnAll: true, filters: { modifiedFrom: String(since) } }));
		expect(phases.map((p) => p.phaseJobAndPhase)).toEqual(['1/00000240.001', '1/00000240.002']);
		expect(wire('phases:LIST').query.timestampfrom).toBe(String(since));
	});
});

describe('Synergist clients, organizations, client contacts and companies', () => {
	it('gets a client with the details model and lists the clients of a view [wire:clients:None]', async () => {
		const [client] = jsonOf(await run('client', 'get', { clientCode: 'F667' }));
		expect(wire('clients:LIST').query).toEqual({ company: '1', style: 'modeldata', modelstructure: 'clientdetails', client: '1/F667' });
		expect(client).toMatchObject({ clientCode: '1/F667', clientName: 'Fenwick & Sons', clientTown: expect.any(String) });

		vendor.emulator.clearLog();
		const active = jsonOf(await run('client', 'getAll', { returnAll: true, view: '-1001', filters: { search: 'e' } }));
		expect(wire('clients:LIST').query).toEqual({ company: '1', style: 'modeldata', modelstructure: 'clientslist', view: '-1001', search: 'e', rows: '0' });
		expect(active.map((c) => c.clientCode)).not.toContain('1/PINE');
		expect(active.length).toBeGreaterThan(3);

		const missing = await run('client', 'get', { clientCode: '1/NOPE' });
		expect(missing.error?.message).toBe('Client 1/NOPE was not found in company 1');
		const badView = await run('client', 'getAll', { returnAll: true, view: '-9999' });
		expect(badView.error?.constructor.name).toBe('NodeApiError');
		expect(badView.error?.message).toMatch(/invalid view -9999/);
	});

	it('lists clients through the deprecated organizations.json [wire:organizations:None]', async () => {
		const rows = jsonOf(await run('client', 'getAllOrganizations', { returnAll: true, filters: { clientCode: 'WARD' } }));
		expect(wire('organizations:LIST')).toEqual({ path: '/jsonapi/organizations.json', query: { company: '1', clientcode: '1/WARD', rows: '0' } });
		expect(rows.map((r) => r.clientName)).toEqual(['Ward  Homes']);
	});

	it('lists the contacts of a client with the details model [wire:clientcontacts:None]', async () => {
		const contacts = jsonOf(await run('clientContact', 'getAll', { returnAll: true, filters: { clientCode: '1/F667' } }));
		expect(wire('clientcontacts:LIST').query).toEqual({
			company: '1',
			style: 'modeldata',
			modelstructure: 'clientcontactdetails',
			client: '1/F667',
			rows: '0',
		});
		expect(contacts).toEqual([expect.objectContaining({ clientcontactInternalRef: 26, clientcontactClientCode: '1/F667', clientcontactFirstName: 'Contact' })]);
	});

	it("lists the user's companies page by page [wire:companies:None]", async () => {
		const companies = jsonOf(await run('company', 'getAll', { returnAll: false, limit: 1 }));
		expect(wire('companies:LIST').query).toEqual({ company: '1', page: '1', rows: '1' });
		expect(companies).toEqual([expect.objectContaining({ companyNumber: 1, companyName: 'Synergist Demo Ltd', companyDefault: true })]);
		const all = jsonOf(await run('company', 'getAll', { returnAll: true }));
		expect(all.map((c) => c.companyNumber)).toEqual([1, 8]);
	});
});

describe('Synergist estimates, quotes and thermometers', () => {
	it('lists the estimate lines of a job with Job-Number and of a phase with Job-And-Phase [wire:estimates:None]', async () => {
		const ofJob = jsonOf(await run('estimate', 'getAll', { jobOrPhaseNumber: '1/00000012' }));
		expect(wire('estimates:LIST').query).toEqual({ company: '1', 'Job-Number': '1/00000012' });
		expect(ofJob).toHaveLength(6);
		expect(ofJob.map((l) => l.estimateType)).toEqual(['S', 'M', 'B', 'S', 'M', 'B']);

		vendor.emulator.clearLog();
		const ofPhase = jsonOf(await run('estimate', 'getAll', { jobOrPhaseNumber: '00000012.002' }));
		expect(wire('estimates:LIST').query).toEqual({ company: '1', 'Job-And-Phase': '1/00000012.002' });
		expect(ofPhase.every((l) => l.estimatePhase === '002')).toBe(true);

		const bad = await run('estimate', 'getAll', { jobOrPhaseNumber: '1/A.B.C' });
		expect(bad.error?.message).toBe('The field "Job or Phase Number" has an invalid value "1/A.B.C" in item 0');
	});

	it('lists the quote lines of a job, in the company of its number [wire:quotes:None]', async () => {
		const lines = jsonOf(await run('quote', 'getAll', { jobOrPhaseNumber: '8/00800003' }));
		expect(wire('quotes:LIST').query).toEqual({ company: '8', 'Job-Number': '8/00800003' });
		expect(lines.map((l) => [l.quoteLineNumber, l.quoteBreakLine, l.quoteLineValue])).toEqual([
			[1, true, 0],
			[2, false, 110],
		]);
	});

	it('lists the thermometers of phases [wire:thermos:None]', async () => {
		const thermos = jsonOf(await run('thermometer', 'getAll', { thermometerType: 'phase' }));
		expect(wire('thermos:LIST').query).toEqual({ company: '1', type: 'phase' });
		expect(thermos[0]).toEqual({ lookupJobPhaseThermGroup: 'KeyThermos', lookupJobPhaseThermName: 'Key thermos', lookupJobPhaseThermNumber: -1, lookupJobPhaseThermWhitePoint: 0 });
		expect(thermos.map((t) => t.lookupJobPhaseThermNumber)).not.toContain(2);
	});
});

describe('Synergist posted time', () => {
	it('lists posted timesheets of a job, several companies and resources as JSON arrays [wire:time:None]', async () => {
		const rows = jsonOf(
			await run('timesheet', 'getAll', { model: 'timesheetdetails', returnAll: true, filters: { jobNumber: '1/00000002', companies: '1, 8', resources: 'ATJ,1/MP' } }),
		);
		expect(wire('time:LIST').query).toEqual({
			company: '[1,8]',
			style: 'modeldata',
			modelstructure: 'timesheetdetails',
			job: '1/00000002',
			resource: '["1/ATJ","1/MP"]',
			rows: '0',
		});
		expect(rows).toHaveLength(4);
		expect(rows.every((r) => String(r.tsJobAndPhase).startsWith('1/00000002.') && typeof r.tsHoursCost === 'number')).toBe(true);

		vendor.emulator.clearLog();
		const day = String(rows[0].tsTimeDate);
		const ofDay = jsonOf(await run('timesheet', 'getAll', { model: 'timesheetslist', returnAll: true, filters: { date: day, phaseNumber: '1/00000002.001' } }));
		expect(wire('time:LIST').query).toMatchObject({ company: '1', date: day, jobphase: '1/00000002.001', modelstructure: 'timesheetslist' });
		expect(ofDay.map((r) => r.tsTimeDate)).toEqual([day]);
		expect(ofDay[0].tsHoursCost).toBeUndefined();

		const bad = await run('timesheet', 'getAll', { model: 'timesheetslist', returnAll: true, filters: { companies: '1;8' } });
		expect(bad.error?.message).toBe('The field "Companies" has an invalid value "1;8" in item 0');
	});
});

describe('Synergist system, views, menu, notes and users', () => {
	it('gets the server version [wire:system:version]', async () => {
		const [version] = jsonOf(await run('system', 'getVersion'));
		expect(wire('system:VERSION')).toEqual({ path: '/jsonapi/system.json', query: { action: 'version', company: '1' } });
		expect(version).toMatchObject({ systemparameters_versionno: 12.2, variable_apiversion: '3.2' });
	});

	it('lists the saved views of a table [wire:views:None]', async () => {
		const views = jsonOf(await run('view', 'getAll', { table: 'Phases' }));
		expect(wire('views:LIST')).toEqual({ path: '/jsonapi/views.json', query: { company: '1', type: 'Phases' } });
		expect(views).toEqual([expect.objectContaining({ SettingsSettingsID: -1307, SettingsDescription: 'All phases' })]);
	});

	it("gets the Views menu of jobs, the user's default marked [wire:menu:viewlist]", async () => {
		const menu = jsonOf(await run('menu', 'getViewList', { table: 'job' }));
		expect(wire('menu:VIEWLIST').query).toEqual({ action: 'viewlist', company: '1', type: 'job' });
		expect(menu[0]).toEqual({ MenuClickAction: '', MenuDefault: false, MenuDescription: 'System views', MenuExpanded: false, MenuLevelName: 'System views', MenuParentName: '' });
		expect(menu.filter((m) => m.MenuDefault).map((m) => m.MenuClickAction)).toEqual(['-1303']);
		expect(menu.filter((m) => m.MenuParentName === 'System views')).toHaveLength(4);
	});

	it('sets the secondary owners of an activity through notes.json [wire:notes:update]', async () => {
		const [owners] = jsonOf(await run('note', 'updateSecondaryOwners', { activityId: 7476, secondaryOwnerIds: '54, 256' }));
		const { query } = wire('notes:UPDATE');
		expect(query.action).toBe('update');
		expect(JSON.parse(query.input)).toEqual({ data: [{ activityID: 7476, activitySecondaryOwnersUserID: [54, 256] }] });
		expect(owners).toMatchObject({ activityID: 7476, activitySecondaryOwnersUserID: [54, 256], activitySecondaryOwnersDescription: 'SYN_Jon, SYN_Jimish' });

		const bad = await run('note', 'updateSecondaryOwners', { activityId: 7476, secondaryOwnerIds: '54,jon' });
		expect(bad.error?.message).toBe('The field "Secondary Owner User IDs" has an invalid value "54,jon" in item 0');
		const missing = await run('note', 'updateSecondaryOwners', { activityId: 999999, secondaryOwnerIds: '54' });
		expect(missing.error?.constructor.name).toBe('NodeApiError');
		expect(missing.error?.message).toMatch(/activity 999999 not found/);
		expect(vendor.emulator.requests('notes:UPDATE')).toHaveLength(2);
	});

	it('lists the users (the handler list), without the "- Blank -" row', async () => {
		const users = jsonOf(await run('user', 'getAll', { filters: { team: 'DQS' } }));
		expect(wire('jobs:HANDLERS').query).toEqual({ action: 'handlers', company: '1', team: '1/DQS' });
		expect(users.map((u) => u.userUserId)).toEqual([256, 54]);
	});
});
