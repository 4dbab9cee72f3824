import { API_USER, createSynergistEmulator, type SynergistEmulator } from '../../../emulators/synergist';
import { SynergistApi } from '../../../credentials/SynergistApi.credentials';
import { Synergist } from '../../../nodes/Synergist/Synergist.node';
import { CredentialStore, loadOptions, runNode, type NodeSetup, type StoredCredential } from '../../kit/node-runner';

/** Job update and promotion, the modified-time window, model fields and the jobs.json lookups, against the emulator. */

let vendor: SynergistEmulator;
let store: CredentialStore;
let credential: StoredCredential;

const setup = (parameters: NodeSetup['parameters']): NodeSetup => ({
	node: new Synergist(),
	credentialTypes: [new SynergistApi()],
	store,
	credential,
	parameters,
});

const job = (operation: string, parameters: NodeSetup['parameters'] = {}) => setup({ resource: 'job', operation, ...parameters });
const ops = () => vendor.emulator.log.filter((r) => r.op !== 'GETSHA512').map((r) => r.op);
const only = (op: string) => {
	const requests = vendor.emulator.requests(op);
	expect(requests).toHaveLength(1);
	return requests[0];
};
const inputOf = (op: string) => JSON.parse(only(op).query.input) as { data: Array<Record<string, unknown>> };
const jsonOf = (result: Awaited<ReturnType<typeof runNode>>) => {
	expect(result.error).toBeUndefined();
	return result.items.map((item) => item.json);
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

describe('Synergist job update and promotion', () => {
	it('updates key fields and a custom field by job number; a read shows them and a newer modified time [wire:jobs:update]', async () => {
		const before = vendor.state.jobs.get('1/00000010')!;
		const { jobTimeStampModified: oldTime, jobRecommendedVersionNumber: oldVersion } = before;
		const result = await runNode(
			job('update', {
				jobNumber: '00000010',
				updateFields: {
					description: 'Software update 2',
					comments: 'Lots of progress has been made. - Ahead of schedule',
					jobTypeCode: 'PCD',
					handlerUserId: 256,
					status: '4',
					quotedPrice: 1200.5,
					opportunityWeighting: 60,
					dateDue: '2024-06-30',
				},
				customFields: { field: [{ name: 'jobCustomField218', value: 'My New Text' }] },
			}),
		);
		const [updated] = jsonOf(result);
		expect(updated).toEqual({
			jobNumber: '1/00000010',
			jobUuid: before.jobUuid,
			jobTimeStampModified: expect.any(Number),
			jobRecommendedVersionNumber: oldVersion + 1,
		});
		expect(updated.jobTimeStampModified as number).toBeGreaterThan(oldTime);

		const wire = only('jobs:UPDATE');
		expect(wire.method).toBe('GET');
		expect(wire.path).toBe('/jsonapi/jobs.json');
		expect(wire.query).toMatchObject({ action: 'update', company: '1', version: '3.2', user: API_USER.login });
		// the update's own spelling jobHandlerUserID (the create says jobHandleruserid), numbers as strings where the example has them
		expect(inputOf('jobs:UPDATE')).toEqual({
			data: [
				{
					jobNumber: '1/00000010',
					jobDescription: 'Software update 2',
					jobComments: 'Lots of progress has been made. - Ahead of schedule',
					jobJobtypeCode: '1/PCD',
					jobHandlerUserID: '256',
					jobStatus: '4',
					jobQuotedPrice: 1200.5,
					jobOppWeighting: 60,
					jobDateDue: '2024-06-30',
					jobCustomField218: 'My New Text',
				},
			],
		});

		const [read] = jsonOf(await runNode(job('get', { jobNumber: '1/00000010' })));
		expect(read).toMatchObject({
			jobDescription: 'Software update 2',
			jobJobtypeCode: '1/PCD',
			jobHandlerUserID: 256,
			jobStatus: 4,
			jobQuotedPrice: 1200.5,
			jobOppWeighting: 60,
			jobDateDue: '2024-06-30',
			jobCustomField218: 'My New Text',
			jobTimeStampModified: updated.jobTimeStampModified,
		});
	});

	it('promotes an opportunity with jobStatus "2" and a Promoted sales status [wire:jobs:update]', async () => {
		expect(vendor.state.jobs.get('1/00000002')!.jobStatus).toBe(1);
		const statuses = await loadOptions(job('promoteOpportunity'), 'getJobSalesStatuses');
		expect(statuses.map((s) => s.value)).toContain('3-6');
		expect(statuses.find((s) => s.value === '3-6')?.name).toBe('Promoted - In Progress');

		const [promoted] = jsonOf(await runNode(job('promoteOpportunity', { jobNumber: '1/00000002', additionalFields: { salesStatusReason: '3-6' } })));
		expect(inputOf('jobs:UPDATE')).toEqual({ data: [{ jobStatus: '2', jobNumber: '1/00000002', jobSalesStatusReason: '3-6' }] });
		expect(promoted).toMatchObject({
			jobNumber: '1/00000002',
			jobSalesStatusReason: '3-6',
			jobLeadPromotedUserID: API_USER.userUserId,
			jobLeadPromotedDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			jobNumberOnly: 2,
		});
		expect(vendor.state.jobs.get('1/00000002')!.jobStatus).toBe(2);
	});

	it('refuses an update with nothing to change, a Lost status as a promotion and a job of another company, before any request', async () => {
		const cases: Array<[NodeSetup['parameters'], string]> = [
			[{ operation: 'update', jobNumber: '1/00000010', updateFields: {} }, 'Nothing to update in item 0'],
			[
				{ operation: 'promoteOpportunity', jobNumber: '1/00000002', additionalFields: { salesStatusReason: '2-101' } },
				'The field "Sales Status Reason" has an invalid value "2-101" in item 0',
			],
			[
				{ operation: 'update', jobNumber: '1/00000010', updateFields: { clientCode: '8/1244' } },
				'The field "Client Code" names company 8 ("8/1244") but this job is in company 1, in item 0',
			],
			[{ operation: 'update', jobNumber: '1/00000010', updateFields: { dateIn: '2024-02-30' } }, 'The field "Date In" has an invalid value "2024-02-30" in item 0'],
		];
		for (const [parameters, message] of cases) {
			const result = await runNode(setup({ resource: 'job', ...parameters }));
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(message);
		}
		expect(vendor.emulator.log).toHaveLength(0);
	});

	it("surfaces the server's refusal of an unknown job or team as a NodeApiError in its words", async () => {
		const missing = await runNode(job('update', { jobNumber: '1/09999999', updateFields: { description: 'x' } }));
		expect(missing.error?.constructor.name).toBe('NodeApiError');
		expect(missing.error?.message).toMatch(/job 1\/09999999 not found/);
		const team = await runNode(job('update', { jobNumber: '1/00000010', updateFields: { team: '1/NOPE' } }));
		expect(team.error?.message).toMatch(/team 1\/NOPE not found/);
		expect(vendor.emulator.requests('jobs:UPDATE').map((r) => r.status)).toEqual([200, 200]);
		expect(vendor.state.jobs.get('1/00000010')!.jobHandlerTeam).toBe('1/DQS');
	});
});

describe('Synergist job list by modified time and model fields', () => {
	it('finds only the jobs changed since a time (timestampfrom/timestampto in epoch seconds) [wire:jobs:None]', async () => {
		jsonOf(await runNode(job('update', { jobNumber: '1/00000020', updateFields: { orderNumber: 'PO-77' } })));
		const changedAt = vendor.state.jobs.get('1/00000020')!.jobTimeStampModified;
		vendor.emulator.clearLog();

		const bySeconds = jsonOf(await runNode(job('getAll', { returnAll: true, filters: { modifiedFrom: String(changedAt) } })));
		expect(bySeconds.map((j) => j.jobNumber)).toEqual(['1/00000020']);
		expect(bySeconds[0].jobOrderNumber).toBe('PO-77');
		expect(vendor.emulator.requests('jobs:LIST')).toEqual([expect.objectContaining({ query: expect.objectContaining({ timestampfrom: String(changedAt), modelstructure: 'jobslist', rows: '0' }) })]);

		vendor.emulator.clearLog();
		const iso = new Date(changedAt * 1000).toISOString();
		const window = jsonOf(
			await runNode(job('getAll', { returnAll: true, filters: { modifiedFrom: '1519131664', modifiedTo: iso.replace(/\.\d+Z$/, 'Z') } })),
		);
		// every seeded job (modified in 2018) plus the changed one
		expect(window).toHaveLength(240);
		expect(vendor.emulator.requests('jobs:LIST')[0].query).toMatchObject({ timestampfrom: '1519131664', timestampto: String(changedAt) });

		const bad = await runNode(job('getAll', { returnAll: true, filters: { modifiedFrom: 'yesterday' } }));
		expect(bad.error?.message).toBe('The field "Modified From" has an invalid value "yesterday" in item 0');
		const reversed = await runNode(job('getAll', { returnAll: true, filters: { modifiedFrom: '1600000000', modifiedTo: '1500000000' } }));
		expect(reversed.error?.message).toBe('The field "Modified From" is after "Modified To" in item 0');
	});

	it('filters by phase, contact and UUID', async () => {
		const target = vendor.state.jobs.get('1/00000012')!;
		const byPhase = jsonOf(await runNode(job('getAll', { returnAll: true, filters: { phaseNumber: '1/00000012.002' } })));
		expect(byPhase.map((j) => j.jobNumber)).toEqual(['1/00000012']);
		const byUuid = jsonOf(await runNode(job('getAll', { returnAll: true, filters: { uuid: target.jobUuid, contactId: target.jobContactInternalRef } })));
		expect(byUuid.map((j) => j.jobNumber)).toEqual(['1/00000012']);
		expect(vendor.emulator.requests('jobs:LIST').map((r) => [r.query.jobphase, r.query.uuid, r.query.clientcontact])).toEqual([
			['1/00000012.002', undefined, undefined],
			[undefined, target.jobUuid, String(target.jobContactInternalRef)],
		]);
	});

	it('lists the fields of the job details model, custom fields included [wire:jobs:None]', async () => {
		const fields = jsonOf(await runNode(job('getFields', { model: 'jobdetails' })));
		expect(only('jobs:STRUCTURE').query).toMatchObject({ style: 'modelstructure', modelstructure: 'jobdetails', company: '1' });
		expect(fields.map((f) => f.data)).toEqual(expect.arrayContaining(['jobNumber', 'jobCustomField218', 'jobHandlerUserID']));
		expect(fields[0]).toMatchObject({ data: 'jobUuid', editable: false });
	});
});

describe('Synergist job lookups', () => {
	it('lists clients for a job with a client type and a view, paged [wire:jobs:clients]', async () => {
		const clients = jsonOf(await runNode(job('getClients', { returnAll: true, view: '-1001', filters: { clientType: 'b2b2' }, options: { allInOneRequest: false } })));
		expect(only('jobs:CLIENTS').query).toMatchObject({ action: 'clients', company: '1', clienttype: 'b2b2', view: '-1001', page: '1', rows: '100' });
		expect(clients.length).toBeGreaterThan(0);
		expect(clients.every((c) => c.clientType === 'B2B2' && c.clientInactive === false)).toBe(true);

		vendor.emulator.clearLog();
		const options = await loadOptions(job('create'), 'getJobClients');
		expect(only('jobs:CLIENTS').query).toMatchObject({ action: 'clients', rows: '0' });
		expect(options.map((o) => o.value)).toEqual(['1/ACME', '1/BLUE', '1/F667', '1/KITE', '1/MULTI', '1/ORCH', '1/PINE', '1/WARD']);
		expect(options[0]).toMatchObject({ name: 'Acme Widgets', description: 'Code 1/ACME' });
	});

	it("lists a client's contacts; the form's dropdown waits for the client [wire:jobs:contacts]", async () => {
		const contacts = jsonOf(await runNode(job('getContacts', { clientCode: '8/1244' })));
		expect(only('jobs:CONTACTS').query).toMatchObject({ action: 'contacts', company: '8', client: '8/1244' });
		expect(contacts).toEqual([{ clientcontactInternalRef: 44, clientcontactFullName: 'Contact 9 of Van Dijk Logistiek', variable_selected: false }]);

		vendor.emulator.clearLog();
		expect(await loadOptions(job('create', { clientCode: '' }), 'getJobContacts')).toEqual([]);
		expect(vendor.emulator.log).toHaveLength(0);
		const options = await loadOptions(job('create', { clientCode: 'F667' }), 'getJobContacts');
		expect(options).toEqual([{ name: 'Contact 3 of Fenwick & Sons', value: 26, description: undefined }]);
		expect(only('jobs:CONTACTS').query.client).toBe('1/F667');
	});

	it('lists projects and campaigns, of one client when asked [wire:jobs:projects] [wire:jobs:campaigns]', async () => {
		const projects = jsonOf(await runNode(job('getProjects', { filters: { clientCode: 'MULTI' } })));
		expect(projects).toEqual([
			{ projectNo: 70, projectName: 'Spring relaunch', variable_selected: false },
			{ projectNo: 72, projectName: 'Store openings', variable_selected: false },
		]);
		expect(only('jobs:PROJECTS').query).toMatchObject({ action: 'projects', company: '1', client: '1/MULTI' });
		// a filter names no company of its own: the credential's decides, and another company's client is refused
		const other = await runNode(job('getProjects', { filters: { clientCode: '8/1244' } }));
		expect(other.error?.message).toBe('The field "Client Code" names company 8 ("8/1244") but this record is in company 1, in item 0');
		const campaigns = jsonOf(await runNode(job('getCampaigns', {})));
		expect(campaigns.map((c) => c.campaignName)).toEqual(['Summer sale', 'Christmas']);
		expect(only('jobs:CAMPAIGNS').query).toMatchObject({ action: 'campaigns', company: '1' });
		expect(only('jobs:CAMPAIGNS').query.client).toBeUndefined();
	});

	it('lists job types, for a job the internal or external ones; the dropdown drops "- Blank -" [wire:jobs:jobtypes]', async () => {
		const all = jsonOf(await runNode(job('getJobTypes', {})));
		expect(all[0]).toEqual({ JobtypeCode: '', JobtypeDescription: '- Blank -', variable_selected: false });
		expect(all).toHaveLength(5);
		// job 1/00000004 is In house: internal types only
		const internal = jsonOf(await runNode(job('getJobTypes', { filters: { jobNumber: '1/00000004' } })));
		expect(internal.slice(1).map((t) => t.JobtypeCode)).toEqual(['1/PCD']);
		expect(vendor.emulator.requests('jobs:JOBTYPES').map((r) => r.query.job)).toEqual([undefined, '1/00000004']);

		const options = await loadOptions(job('create'), 'getJobTypes');
		expect(options.map((o) => o.name)).toEqual(['Branding', 'Print', 'Product Development', 'Website Design']);
	});

	it('lists handlers, of a team when asked, and teams marking the one of the job [wire:jobs:handlers] [wire:jobs:teams]', async () => {
		const handlers = jsonOf(await runNode(job('getHandlers', { filters: { team: 'ACC' } })));
		expect(only('jobs:HANDLERS').query).toMatchObject({ action: 'handlers', team: '1/ACC' });
		expect(handlers.map((h) => h.userUserId)).toEqual([0, 256]);
		const teams = jsonOf(await runNode(job('getTeams', { filters: { jobNumber: '1/00000010' } })));
		expect(only('jobs:TEAMS').query).toMatchObject({ action: 'teams', job: '1/00000010' });
		expect(teams.filter((t) => t.variable_selected).map((t) => t.teamCode)).toEqual(['1/DQS']);

		const options = await loadOptions(job('create'), 'getJobHandlers');
		expect(options).toEqual([
			{ name: 'SYN_Jimish', value: 256, description: 'User ID 256' },
			{ name: 'SYN_Jon', value: 54, description: 'User ID 54' },
		]);
		const teamOptions = await loadOptions(job('create'), 'getJobTeams');
		expect(teamOptions.map((o) => o.value)).toEqual(['1/ACC', '1/DQS', '1/STU']);

		const bad = await runNode(job('getHandlers', { filters: { team: '1/NOPE' } }));
		expect(bad.error?.constructor.name).toBe('NodeApiError');
		expect(bad.error?.message).toMatch(/invalid parameter team 1\/NOPE/);
	});

	it('lists the sales status/reason codes [wire:jobs:salesstatuses]', async () => {
		const statuses = jsonOf(await runNode(job('getSalesStatuses', {})));
		expect(only('jobs:SALESSTATUSES').query).toMatchObject({ action: 'salesstatuses', company: '1' });
		expect(statuses).toContainEqual({ salesreasonStatusReason: '3-6', salesreasonStatusReasonDesc: 'Promoted - In Progress', salesreasonStatusReasonId: 6, salesreasonStatusStatus: 3 });
	});

	it('lists the costs and charges of a job, in the company of its number [wire:jobs:costscharges]', async () => {
		const costs = jsonOf(await runNode(job('getCostsCharges', { jobNumber: '8/00800002' })));
		expect(only('jobs:COSTSCHARGES').query).toMatchObject({ action: 'costscharges', job: '8/00800002', company: '8' });
		expect(costs).toHaveLength(4);
		expect(new Set(costs.map((c) => c.costPhase))).toEqual(new Set(['001', '002']));
		expect(costs[0]).toMatchObject({ costChargeCodeType: 'T', costChargeCode: expect.stringMatching(/^8\//) });

		const bad = await runNode(job('getCostsCharges', { jobNumber: '1/0000.0001' }));
		expect(bad.error?.message).toBe('The field "Job Number" has an invalid value "1/0000.0001" in item 0');
		expect(ops()).toEqual(['jobs:COSTSCHARGES']);
	});
});
