import { delay, fs, path, repoRoot } from 'business-pack-devkit';
import type { IDataObject, INode } from 'n8n-workflow';

import { createSimpleSalonEmulator } from '../../emulators/simple-salon';
import { COMPANY_ID, type SalonAppointment } from '../../emulators/simple-salon/seed';
import { createSimpleSimonEmulator } from '../../emulators/simple-simon';
import { createSimplyCrmEmulator } from '../../emulators/simply-crm';
import { API_USER, createSynergistEmulator } from '../../emulators/synergist';
import { expenseSheets } from '../../emulators/synergist/areas/expensesheets';
import { createN8n, newId, packedTarball, type CredentialSpec, type N8nInstance, type RunResult, type WorkflowJson } from './harness';

/*
 * Every workflow in examples/ imported into a real n8n exactly as a user imports it (the file unchanged: its
 * credentials carry a placeholder ID and a name, and n8n links them to the credential of that name and type) and run
 * against the four emulators. How each kind starts:
 * - Schedule Trigger examples also have a Manual Trigger ("Try It Now"): `n8n execute` starts there (the CLI only starts
 *   from a Manual Trigger; it refuses a workflow whose only start is a schedule or polling trigger).
 * - Polling trigger examples are published and n8n is started twice, as the vendor suites do: activation polls once
 *   and only remembers where it is; the test then changes the vendors' data; the next start polls again and the
 *   workflow runs in trigger mode. Two rounds, so no example reacts to what another one wrote.
 * - The Form Trigger example is published and its form is submitted over HTTP while n8n runs.
 */

const EXAMPLES_DIR = path.join(repoRoot, 'examples');
const FILES = fs
	.readdirSync(EXAMPLES_DIR)
	.filter((file) => file.endsWith('.json'))
	.sort();
const example = (file: string) => JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;

const MANUAL = [
	'simple-simon-open-work-orders-tomorrow.json',
	'simple-simon-work-order-pdf.json',
	'simply-crm-daily-sales-report.json',
	'simple-salon-appointment-reminders.json',
	'synergist-jobs-due-this-week.json',
];
/** Polling trigger rounds: nothing a workflow of one round writes is watched by another workflow of that round. */
const ROUND_A = [
	'simple-simon-completed-work-order-to-simply-crm.json',
	'simply-crm-new-contact-to-simple-salon-client.json',
	'synergist-new-job-to-simple-simon-work-order.json',
	'synergist-expense-sheet-status-message.json',
];
const ROUND_B = ['simple-salon-new-booking-to-simply-crm-contact.json', 'simple-simon-new-customer-to-simply-crm-organization.json', 'synergist-log-time-form.json'];

/** What the examples' credential references are named: n8n's default name for a new credential of each type. */
const CREDENTIAL_NAMES: Record<string, string> = {
	simpleSimonApi: 'Simple-Simon API account',
	simplyCrmApi: 'Simply CRM API account',
	simpleSalonApi: 'Simple Salon API account',
	synergistApi: 'Synergist API account',
};
const PACK_PREFIX = 'n8n-nodes-business-pack.';
/** Core nodes the examples may use: none reaches a service outside the pack's four vendors. */
const CORE_NODES = new Set([
	'n8n-nodes-base.stickyNote',
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.scheduleTrigger',
	'n8n-nodes-base.formTrigger',
	'n8n-nodes-base.code',
	'n8n-nodes-base.set',
	'n8n-nodes-base.if',
	'n8n-nodes-base.filter',
	'n8n-nodes-base.noOp',
]);

const simon = createSimpleSimonEmulator();
const crm = createSimplyCrmEmulator();
const salon = createSimpleSalonEmulator();
const synergist = createSynergistEmulator();
const EMULATORS = [simon, crm, salon, synergist];
let n8n: N8nInstance;
const ids = new Map<string, string>();
/** Examples that were run (the last test fails for any file in examples/ that is not among them). */
const exercised = new Set<string>();
const timings: Array<[string, number]> = [];

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
	const started = Date.now();
	try {
		return await work();
	} finally {
		timings.push([label, Date.now() - started]);
	}
}

const clearLogs = () => EMULATORS.forEach((vendor) => vendor.emulator.clearLog());
const bodies = (vendor: { emulator: { requests(op: string): Array<{ body: unknown }> } }, op: string) => vendor.emulator.requests(op).map((r) => r.body as IDataObject);
/** Simply CRM webservice writes carry the record as JSON in the form field `element`. */
const elements = (op: string) => crm.emulator.requests(op).map((r) => JSON.parse(String((r.body as IDataObject).element)) as IDataObject);
const crmQueries = () => crm.emulator.requests('query').map((r) => r.query.query);
const ymd = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function runManual(file: string): Promise<RunResult> {
	clearLogs();
	exercised.add(file);
	const run = await timed(`execute ${file}`, () => n8n.execute(ids.get(file)!));
	expect(run.error).toBeUndefined();
	expect(run.status).toBe('success');
	return run;
}

/** Every run of a node in an execution (a node on two branches runs twice), outputs concatenated. */
function allOutputs(run: RunResult, node: string): IDataObject[] {
	const runData = ((run.raw.data as IDataObject).resultData as IDataObject).runData as Record<string, Array<{ data?: { main?: Array<Array<{ json: IDataObject }> | null> } }>>;
	return (runData[node] ?? []).flatMap((r) => (r.data?.main?.[0] ?? []).map((item) => item.json));
}

// ---------------------------------------------------------------------------------------------------------------
// Vendors as other people use them

/** Someone working in Simple-Simon (another API client). */
let simonToken = '';
async function simonApi(method: string, route: string, body?: IDataObject): Promise<IDataObject> {
	if (simonToken === '') {
		const { lickey, apiKey, username, password } = simon.state.account;
		const login = await fetch(`${simon.emulator.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lickey, apiKey, username, password }) });
		simonToken = String(((await login.json()) as IDataObject).access_token);
	}
	const response = await fetch(`${simon.emulator.url}${route}`, {
		method,
		headers: { authorization: `Bearer ${simonToken}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	expect(response.status).toBeLessThan(300);
	return (await response.json()) as IDataObject;
}
const simonRows = (table: keyof typeof simon.state.tables) => Array.from(simon.state.tables[table].values()) as unknown as IDataObject[];
const changeWorkOrder = async (id: string, changes: IDataObject) => await simonApi('PUT', `/workorders/${id}`, { ...(await simonApi('GET', `/workorders/${id}`)), ...changes });

/** Someone working in Synergist. */
async function synergistApi(area: string, params: Record<string, string>, input: IDataObject[]): Promise<IDataObject> {
	const query = new URLSearchParams({ user: API_USER.login, sha512password: synergist.currentHash(), version: '3.2', company: '1', ...params });
	query.set('input', JSON.stringify({ data: input }));
	const body = (await (await fetch(`${synergist.emulator.url}/jsonapi/${area}.json?${query.toString()}`)).json()) as IDataObject;
	expect(body).toMatchObject({ success: true });
	return body;
}

/** A booking made at the salon, `days` from today at a salon wall-clock time. */
function book(clientId: number, days: number, time: string): SalonAppointment {
	const appointment: SalonAppointment = {
		appointment_id: Math.max(...salon.state.appointments.map((a) => a.appointment_id)) + 1,
		company_id: COMPANY_ID,
		client_id: clientId,
		operator_id: 2222,
		service_id: 3334,
		resource_id: 0,
		duration: 30,
		start: `${ymd(days)}T${time}:00`,
		price: 45,
		comments: '',
		flag_ids: [],
		transaction_id: 0,
		unconfirmed: false,
		date_created: `${new Date(Date.now() + 11 * 3_600_000).toISOString().slice(0, 19)}+11:00`,
	};
	salon.state.appointments.push(appointment);
	return appointment;
}

// ---------------------------------------------------------------------------------------------------------------
// Polling rounds

/**
 * Starts n8n, which activates every published workflow (each polling trigger polls once at activation), waits until
 * `ready()` holds, no run is in flight and the emulators have been quiet for a moment, then stops n8n (stopping it
 * mid-run would crash the run).
 */
async function runN8n(workflowIds: string[], after: number, ready: () => boolean, whileRunning?: () => Promise<void>) {
	await n8n.start();
	if (whileRunning) await whileRunning();
	const traffic = () => EMULATORS.reduce((sum, vendor) => sum + vendor.emulator.log.length, 0);
	for (let seen = -1, round = 0; round < 80; round++) {
		await delay(750);
		const runs = await n8n.executionsAfter(after, workflowIds);
		const busy = runs.some((run) => run.status === 'new' || run.status === 'running');
		if (!busy && ready() && traffic() === seen) break;
		seen = traffic();
	}
	await n8n.stop();
}

/** Each trigger has asked its vendor something since the logs were cleared. */
const polled = (ops: Array<[{ emulator: { log: Array<{ op?: string }> } }, RegExp]>) => () =>
	ops.every(([vendor, op]) => vendor.emulator.log.some((r) => op.test(r.op ?? '')));

type Executions = Awaited<ReturnType<N8nInstance['executionsAfter']>>;
const executionsOf = (all: Executions, file: string) => all.filter((run) => run.workflowId === ids.get(file));

// ---------------------------------------------------------------------------------------------------------------

beforeAll(async () => {
	for (const vendor of EMULATORS) await vendor.emulator.start();
	n8n = await createN8n({ tarballs: [await packedTarball()], label: 'examples' });
	const credentials: CredentialSpec[] = [
		{ id: newId(), name: CREDENTIAL_NAMES.simpleSimonApi, type: 'simpleSimonApi', data: simon.credentialData() },
		{ id: newId(), name: CREDENTIAL_NAMES.simplyCrmApi, type: 'simplyCrmApi', data: crm.credentialData() },
		{ id: newId(), name: CREDENTIAL_NAMES.simpleSalonApi, type: 'simpleSalonApi', data: salon.credentialData() },
		{ id: newId(), name: CREDENTIAL_NAMES.synergistApi, type: 'synergistApi', data: synergist.credentialData() },
	];
	await n8n.importCredentials(credentials);
	// the files as they are; the ID is what `n8n import:workflow` needs (the editor's import makes one up as well)
	const first = [...MANUAL, ...ROUND_A];
	const imported = await n8n.importWorkflows(first.map((file) => ({ ...example(file), id: newId() })));
	first.forEach((file, index) => ids.set(file, imported[index]));
}, 15 * 60 * 1000);

afterAll(async () => {
	await n8n?.dispose();
	for (const vendor of EMULATORS) await vendor.emulator.stop();
	// eslint-disable-next-line no-console
	console.log(`example timings (ms):\n${timings.map(([label, ms]) => `  ${String(ms).padStart(6)}  ${label}`).join('\n')}`);
});

describe('examples/', () => {
	it('has a test case for every workflow file, and each is an importable pack workflow with a sticky note', () => {
		expect([...MANUAL, ...ROUND_A, ...ROUND_B].sort()).toEqual(FILES);
		expect(FILES.length).toBeGreaterThanOrEqual(12);
		const vendorsUsed: Record<string, number> = {};
		for (const file of FILES) {
			const workflow = example(file);
			expect(workflow.name).toBeTruthy();
			expect(workflow.id).toBeUndefined();
			const nodes = workflow.nodes as INode[];
			const sticky = nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote');
			expect(sticky).toHaveLength(1);
			expect(String(sticky[0].parameters.content).length).toBeGreaterThan(200);
			const vendors = new Set<string>();
			for (const node of nodes) {
				if (!node.type.startsWith(PACK_PREFIX)) {
					expect({ file, type: node.type, known: CORE_NODES.has(node.type) }).toEqual({ file, type: node.type, known: true });
					continue;
				}
				// credentials by name, with a placeholder ID that n8n replaces on import
				const [[type, reference]] = Object.entries(node.credentials ?? {});
				expect(reference).toEqual({ id: 'REPLACE_WITH_YOUR_CREDENTIAL', name: CREDENTIAL_NAMES[type] });
				vendors.add(type);
			}
			for (const vendor of vendors) vendorsUsed[vendor] = (vendorsUsed[vendor] ?? 0) + 1;
			// every connection joins two nodes of the workflow
			const names = new Set(nodes.map((node) => node.name));
			for (const [from, { main }] of Object.entries(workflow.connections)) {
				expect(names.has(from)).toBe(true);
				for (const link of main.flat()) expect(names.has(link!.node)).toBe(true);
			}
		}
		// at least three examples per vendor
		expect(Object.keys(vendorsUsed).sort()).toEqual(Object.keys(CREDENTIAL_NAMES).sort());
		for (const count of Object.values(vendorsUsed)) expect(count).toBeGreaterThanOrEqual(3);
	});
});

describe('examples run from their Manual Trigger (n8n execute)', () => {
	it("simple-simon-open-work-orders-tomorrow: the filter builder's $filter, and a summary of exactly tomorrow's open orders", async () => {
		const locations = simonRows('locations');
		const create = async (description: string, plannedDate: string, status = 'Open', location = locations[0]) =>
			(await simonApi('POST', '/workorders', { Description: description, LocationId: location.Id, PlannedDate: plannedDate, Status: status })) as IDataObject;
		const late = await create('Boiler service', `${ymd(1)}T13:30:00Z`, 'Open', locations[1]);
		const early = await create("Oven service 't Stoepje", `${ymd(1)}T07:15:00Z`);
		await create('Already done', `${ymd(1)}T09:00:00Z`, 'Completed');
		await create('Day after', `${ymd(2)}T08:00:00Z`);
		await create('Today', `${ymd(0)}T23:30:00Z`);

		const run = await runManual('simple-simon-open-work-orders-tomorrow.json');
		const [list] = simon.emulator.requests('workorders:list');
		expect(simon.emulator.requests('workorders:list')).toHaveLength(1);
		expect(list.query).toMatchObject({
			$filter: `Status eq 'Open' and PlannedDate ge ${ymd(1)}T00:00:00Z and PlannedDate lt ${ymd(2)}T00:00:00Z`,
			$orderby: 'PlannedDate asc',
			$expand: 'Location',
		});
		const [mail] = run.output('Compose E-mail');
		expect(mail.count).toBe(2);
		expect(mail.workOrders).toEqual([early.Number, late.Number]);
		expect(mail.subject).toMatch(/^Open work orders for \w+ \d+ \w+ \d{4}: 2$/);
		const text = String(mail.text).split('\n');
		expect(text[2]).toBe(`07:15  ${String(early.Number)}  Oven service 't Stoepje (${[locations[0].Name, locations[0].City].filter(Boolean).join(', ')})`);
		expect(text[3]).toMatch(new RegExp(`^13:30  ${String(late.Number)}  Boiler service \\(`));
	});

	it('simple-simon-work-order-pdf: finds WO-000042 by number and returns its PDF with an e-mail', async () => {
		const order = simonRows('workorders').find((row) => row.Number === 'WO-000042')!;
		const run = await runManual('simple-simon-work-order-pdf.json');
		expect(simon.emulator.requests('workorders:list').map((r) => [r.query.$filter, r.query.$top])).toEqual([["Number eq 'WO-000042'", '1']]);
		const [pdf] = simon.emulator.requests('workorders:pdf');
		expect(pdf.path).toBe(`/workorders/${String(order.Id)}/pdf`);
		const [item] = run.items('E-mail With PDF');
		expect(item.json).toMatchObject({ subject: 'Work order WO-000042', fileName: expect.stringMatching(/\.pdf$/) });
		expect(String(item.json.text)).toContain(String(order.Description));
		expect(Number(item.json.fileSize)).toBeGreaterThan(300);
		expect(item.binary?.pdf).toMatchObject({ mimeType: 'application/pdf', fileName: item.json.fileName });
	});

	it('simply-crm-daily-sales-report: two VTQL queries (the second once), counts and pipeline as stored', async () => {
		const leadIds = [
			crm.backend.create('Leads', { firstname: 'Freja', lastname: 'Holm', company: 'Nordlys ApS', leadsource: 'Web Site', assigned_user_id: '19x1' }, 1).id,
			crm.backend.create('Leads', { firstname: 'Jonas', lastname: 'Berg', company: 'Fjord IT', leadsource: 'Trade Show', assigned_user_id: '19x1' }, 1).id,
		];
		const open = crm.state.records.Potentials.filter((r) => !r.deleted && !['Closed Won', 'Closed Lost'].includes(r.values.sales_stage));
		const pipeline = open.reduce((sum, r) => sum + Number(r.values.amount), 0);

		const run = await runManual('simply-crm-daily-sales-report.json');
		const queries = crmQueries();
		expect(queries).toHaveLength(2);
		expect(queries[0]).toMatch(/^select firstname, lastname, company, leadsource, createdtime from Leads where createdtime >= '\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}' order by createdtime limit 0, 100;$/);
		expect(queries[1]).toBe("select potentialname, amount, sales_stage, closingdate from Potentials where sales_stage != 'Closed Won' and sales_stage != 'Closed Lost' order by id limit 0, 100;");
		expect(run.output('New Leads').map((lead) => lead.id)).toEqual(leadIds);
		const [report] = run.output('Daily Report');
		expect(report).toMatchObject({ newLeads: 2, openOpportunities: open.length, pipeline: Math.round(pipeline * 100) / 100 });
		expect(String(report.text)).toContain('  - Freja Holm, Nordlys ApS (Web Site)');
		expect(open.length).toBeGreaterThan(2);
	});

	it('simple-salon-appointment-reminders: one SMS per reachable client booked tomorrow, a refused send reported, not stopped', async () => {
		const clients = [...salon.state.clients.values()];
		const reachable = clients.filter((c) => c.mobile && c.sms_promotions_enabled && c.sms_reminders_enabled).slice(0, 4);
		const optedOut = clients.find((c) => c.mobile && !c.sms_promotions_enabled)!;
		const noMobile = clients.find((c) => !c.mobile)!;
		const [a, b, c, later] = reachable;
		book(a.client_id, 1, '10:00');
		book(a.client_id, 1, '10:30'); // a second service in the same visit
		book(b.client_id, 1, '09:15');
		book(optedOut.client_id, 1, '11:00');
		book(noMobile.client_id, 1, '12:00');
		book(c.client_id, 1, '16:45');
		book(later.client_id, 2, '09:00');
		// the second SMS fails at the salon's side
		salon.emulator.inject({ when: { op: 'send/sms' }, skip: 1, action: { type: 'status', status: 503, body: { success: false, message: 'Service unavailable' } } });

		const run = await runManual('simple-salon-appointment-reminders.json');
		expect(bodies(salon, 'appointment/list')).toEqual([
			{
				filters: { time_start: `${ymd(1)}T00:00:00`, time_end: `${ymd(2)}T00:00:00` },
				options: { sort_expression: 'time_start', expanded_fields_grouped: [{ expanded_field: 'clients' }], page_number: 1, rows_per_page: 100 },
			},
		]);
		const message = (client: { firstname: string }, time: string) => `Hi ${client.firstname}, a reminder of your appointment tomorrow at ${time}. Reply to this SMS if you need to change it.`;
		expect(bodies(salon, 'send/sms')).toEqual([
			{ client_id: b.client_id, message: message(b, '09:15') },
			{ client_id: a.client_id, message: message(a, '10:00') },
			{ client_id: c.client_id, message: message(c, '16:45') },
		]);
		const [summary] = run.output('Summary');
		expect(summary).toMatchObject({ sent: 2, failed: 1, text: '2 reminder SMS sent for tomorrow, 1 failed.' });
		expect(summary.failures).toEqual([{ client_id: a.client_id, error: expect.any(String) }]);
	});

	it('synergist-jobs-due-this-week: the live jobs view, only the jobs due in the next 7 days', async () => {
		const jobs = [...synergist.state.jobs.values()];
		const live = jobs.filter((job) => job.jobNumber.startsWith('1/') && job.jobStatus === 2 && !job.jobCompleted && !job.template);
		const notLive = jobs.find((job) => job.jobNumber.startsWith('1/') && job.jobStatus === 1)!;
		const [soon, inSix, tooLate] = live;
		soon.jobDateDue = ymd(1);
		inSix.jobDateDue = ymd(6);
		tooLate.jobDateDue = ymd(9);
		notLive.jobDateDue = ymd(2);

		const run = await runManual('synergist-jobs-due-this-week.json');
		const lists = synergist.emulator.requests('jobs:LIST');
		expect(lists.length).toBeGreaterThan(0);
		expect(lists.every((r) => r.query.view === '-1303')).toBe(true);
		const [due] = run.output('Due This Week');
		expect(due.count).toBe(2);
		expect((due.jobs as IDataObject[]).map((job) => [job.jobNumber, job.due])).toEqual([
			[soon.jobNumber, ymd(1)],
			[inSix.jobNumber, ymd(6)],
		]);
		expect(due.subject).toBe(`2 live jobs due by ${ymd(7)}`);
		expect(String(due.text)).toContain(`  ${ymd(1)}  ${soon.jobNumber}  `);
	});
});

describe('polling trigger examples, round A (published, activation, changes, next poll)', () => {
	let executions: Executions = [];
	const completed: IDataObject = {};
	const fenwick: IDataObject = {};
	let jobs: string[] = [];

	it('publishes the round, lets each trigger remember where it is, changes four vendors and polls again', async () => {
		// Simple-Simon already knows Synergist client 1/F667 (a customer with that code, and its location)
		Object.assign(fenwick, await simonApi('POST', '/customers', { Name: 'Fenwick & Sons', Code: '1/F667', City: 'Newcastle' }));
		fenwick.location = (await simonApi('POST', '/locations', { Name: 'Fenwick & Sons, Newcastle', CustomerId: fenwick.Id, City: 'Newcastle' })).Id;
		// what `n8n execute` does with a workflow whose only start is a polling trigger: it refuses to start it
		await expect(n8n.execute(ids.get(ROUND_A[0])!)).rejects.toThrow(/Missing node to start execution/);
		for (const file of ROUND_A) await timed(`publish ${file}`, () => n8n.publish(ids.get(file)!));
		const workflowIds = ROUND_A.map((file) => ids.get(file)!);
		const first = await n8n.lastExecutionId();

		clearLogs();
		await timed('round A: activation poll', () =>
			runN8n(workflowIds, first, polled([[simon, /^workorders:list$/], [crm, /^sync$/], [synergist, /^jobs:LIST$/], [synergist, /^expensesheets:/]])),
		);
		expect(await n8n.executionsAfter(first, workflowIds)).toEqual([]);
		await delay(1100); // Synergist and Simply CRM stamp changes in whole seconds

		const open = simonRows('workorders').filter((row) => row.Status === 'Open');
		Object.assign(completed, open[0]);
		await changeWorkOrder(String(open[0].Id), { Status: 'Completed' });
		await changeWorkOrder(String(open[1].Id), { Status: 'Planned' });
		crm.backend.create('Contacts', { firstname: 'Freja', lastname: 'Holm', email: 'freja.holm@example.dk', mobile: '+45 20 11 22 33', emailoptout: '1', assigned_user_id: '19x1' }, 1);
		crm.backend.create('Contacts', { lastname: 'Nobody', assigned_user_id: '19x1' }, 1);
		jobs = [
			String(((await synergistApi('jobs', { action: 'create' }, [{ varJobTemplate: '1/00000001', jobClientCode: '1/F667', jobDescription: 'Shop window graphics' }])).data as IDataObject[])[0].jobNumber),
			String(((await synergistApi('jobs', { action: 'create' }, [{ varJobTemplate: '1/00000001', jobClientCode: '1/KITE', jobDescription: 'Hangar signage' }])).data as IDataObject[])[0].jobNumber),
		];
		expenseSheets(synergist.state).sheets.get(1791)!.status = 'S';

		clearLogs();
		await timed('round A: poll with changes', () => runN8n(workflowIds, first, () => true));
		executions = await n8n.executionsAfter(first, workflowIds);
		expect(executions.map((run) => `${run.mode}:${run.status}`)).toEqual(executions.map(() => 'trigger:success'));
		for (const file of ROUND_A) exercised.add(file);
	}, 10 * 60 * 1000);

	it("simple-simon-completed-work-order-to-simply-crm: only the completed order's PDF, uploaded as a Simply CRM document", () => {
		const runs = executionsOf(executions, 'simple-simon-completed-work-order-to-simply-crm.json');
		expect(runs).toHaveLength(1);
		expect(runs[0].output('Work Order Completed').map((row) => row.Id)).toEqual([completed.Id]);
		expect(simon.emulator.requests('workorders:list').some((r) => String(r.query.$filter).includes("Status eq 'Completed'"))).toBe(true);
		expect(simon.emulator.requests('workorders:pdf').map((r) => r.path)).toEqual([`/workorders/${String(completed.Id)}/pdf`]);
		const [document] = runs[0].output('Upload to Documents');
		expect(document).toMatchObject({ notes_title: `Work order ${String(completed.Number)} (completed)`, notecontent: completed.Description, filename: expect.stringMatching(/\.pdf$/) });
		const stored = crm.state.records.Documents.find((r) => r.values.id === document.id);
		expect(stored?.values.notes_title).toBe(`Work order ${String(completed.Number)} (completed)`);
	});

	it('simply-crm-new-contact-to-simple-salon-client: the reachable new contact becomes a salon client', () => {
		const runs = executionsOf(executions, 'simply-crm-new-contact-to-simple-salon-client.json');
		expect(runs).toHaveLength(1);
		expect(runs[0].output('New Contact').map((row) => row.lastname).sort()).toEqual(['Holm', 'Nobody']);
		const contact = runs[0].output('New Contact').find((row) => row.lastname === 'Holm')!;
		expect(bodies(salon, 'client/add')).toEqual([
			{
				client: {
					firstname: 'Freja',
					lastname: 'Holm',
					email: 'freja.holm@example.dk',
					mobile: '+45 20 11 22 33',
					email_promotions_enabled: false,
					comments: `Simply CRM contact ${String(contact.id)}`,
				},
			},
		]);
		const [client] = runs[0].output('Add Salon Client');
		expect(salon.state.clients.get(Number(client.client_id))).toMatchObject({ firstname: 'Freja', email: 'freja.holm@example.dk' });
	});

	it('synergist-new-job-to-simple-simon-work-order: the known customer is found by code, the new one created with a location, a work order each', () => {
		const runs = executionsOf(executions, 'synergist-new-job-to-simple-simon-work-order.json');
		expect(runs.flatMap((run) => run.output('New Job').map((job) => job.jobNumber)).sort()).toEqual([...jobs].sort());
		expect(simon.emulator.requests('customers:list').map((r) => r.query.$filter).sort()).toEqual(["Code eq '1/F667'", "Code eq '1/KITE'"]);
		const [created] = bodies(simon, 'customers:create');
		expect(bodies(simon, 'customers:create')).toEqual([{ Name: 'Kite Aviation', Code: '1/KITE' }]);
		const kite = simonRows('customers').find((row) => row.Code === '1/KITE')!;
		expect(created.Name).toBe(kite.Name);
		expect(bodies(simon, 'locations:create')).toEqual([{ Name: 'Kite Aviation', CustomerId: kite.Id }]);
		const kiteLocation = simonRows('locations').find((row) => row.CustomerId === kite.Id)!;
		expect(simon.emulator.requests('locations:list').map((r) => r.query.$filter)).toEqual([`CustomerId eq ${String(fenwick.Id)}`]);
		const due = (job: string) => {
			const date = synergist.state.jobs.get(job)!.jobDateDue;
			return /^\d{4}-\d{2}-\d{2}$/.test(date) && date !== '0000-00-00' ? { PlannedDate: `${date}T08:00:00Z` } : {};
		};
		expect(bodies(simon, 'workorders:create').sort((x, y) => String(x.Reference).localeCompare(String(y.Reference)))).toEqual([
			{ Description: `${jobs[0]} Shop window graphics`, LocationId: fenwick.location, CustomerId: fenwick.Id, Reference: jobs[0], ...due(jobs[0]) },
			{ Description: `${jobs[1]} Hangar signage`, LocationId: kiteLocation.Id, CustomerId: kite.Id, Reference: jobs[1], ...due(jobs[1]) },
		]);
		expect(runs.flatMap((run) => allOutputs(run, 'Create Work Order')).map((order) => order.Reference).sort()).toEqual([...jobs].sort());
	});

	it('synergist-expense-sheet-status-message: one message for the sheet that was submitted', () => {
		const runs = executionsOf(executions, 'synergist-expense-sheet-status-message.json');
		expect(runs).toHaveLength(1);
		const [message] = runs[0].output('Compose Message');
		expect(message).toMatchObject({ expenseSheet: '1791', previousStatus: 'unsubmitted', status: 'submitted', subject: 'Expense sheet 1791: submitted' });
		const [sheet] = runs[0].output('Expense Sheet Status Changed');
		expect(sheet).toMatchObject({ expensesheetInternalRef: '1791', previousStatus: 'unsubmitted', status: 'submitted' });
		// 1791 has no description: the message leaves it out
		expect(sheet.expensesheetDescription).toBe('');
		expect(message.text).toBe(`Hello ${String(sheet.expensesheetSupplierName)},\n\nyour expense sheet 1791 (total ${String(sheet.expensesheetGross)}) changed from unsubmitted to submitted.`);
	});
});

describe('polling trigger and form examples, round B', () => {
	let executions: Executions = [];
	const booked: Record<string, number> = {};
	let existingContact: IDataObject = {};
	let existingAccount: IDataObject = {};
	let formReply = 0;

	it('imports and publishes the round (round A is imported again, which deactivates it), polls, changes, polls and submits the form', async () => {
		// `import:workflow` deactivates a workflow it overwrites: round A's workflows must not react to round B's changes
		const again = [...ROUND_A, ...ROUND_B];
		const imported = await n8n.importWorkflows(again.map((file) => ({ ...example(file), id: ids.get(file) ?? newId() })));
		again.forEach((file, index) => ids.set(file, imported[index]));
		for (const file of ROUND_B) await timed(`publish ${file}`, () => n8n.publish(ids.get(file)!));
		const workflowIds = ROUND_B.map((file) => ids.get(file)!);
		const first = await n8n.lastExecutionId();

		clearLogs();
		await timed('round B: activation poll', () => runN8n(workflowIds, first, polled([[salon, /^appointment\/list$/], [simon, /^customers:list$/]])));
		expect(await n8n.executionsAfter(first, workflowIds)).toEqual([]);
		await delay(1100);

		const clients = [...salon.state.clients.values()].filter((c) => c.mobile && c.email);
		existingContact = { ...crm.state.records.Contacts.find((r) => !r.deleted && r.values.email)!.values };
		const [fresh, known, noEmail] = clients.slice(10, 13);
		fresh.email = 'mia.fresh@example.com';
		known.email = String(existingContact.email);
		noEmail.email = '';
		booked.fresh = book(fresh.client_id, 3, '10:00').appointment_id;
		booked.known = book(known.client_id, 4, '11:00').appointment_id;
		booked.noEmail = book(noEmail.client_id, 5, '12:00').appointment_id;
		booked.freshClient = fresh.client_id;
		booked.knownClient = known.client_id;
		// an organization of its own: the seed's names come in look-alike pairs, which Create or Update refuses to pick from
		existingAccount = crm.backend.create('Accounts', { accountname: "Brouwerij 't Hoekje", email1: 'bier@hoekje.nl', phone: '+31 20 555 0101', assigned_user_id: '19x1' }, 1);
		await simonApi('POST', '/customers', {
			Name: 'Vries Installatietechniek',
			Code: 'VRIES',
			Email: 'info@vries-installatie.nl',
			Phone: '+31 30 123 4567',
			Street: 'Dorpsstraat',
			HouseNumber: '12',
			PostalCode: '3511 AB',
			City: 'Utrecht',
			Country: 'NL',
		});
		await simonApi('POST', '/customers', { Name: String(existingAccount.accountname) });

		clearLogs();
		await timed('round B: poll with changes + form', () =>
			runN8n(workflowIds, first, polled([[salon, /^client\/get$/], [crm, /^(create|update)$/], [synergist, /^tspending:CREATE$/]]), async () => {
				const form = new FormData();
				form.append('field-0', ' 1/00000123.001 ');
				form.append('field-1', ymd(0));
				form.append('field-2', 'jon');
				form.append('field-3', '2.5');
				form.append('field-4', 'Artwork changes & "final" proof');
				formReply = (await fetch(`${n8n.url}/form/synergist-log-time`, { method: 'POST', body: form })).status;
			}),
		);
		executions = await n8n.executionsAfter(first, workflowIds);
		expect(executions.map((run) => run.status)).toEqual(executions.map(() => 'success'));
		for (const file of ROUND_B) exercised.add(file);
	}, 10 * 60 * 1000);

	it('simple-salon-new-booking-to-simply-crm-contact: a contact created for the new e-mail, the known one updated, none without e-mail', () => {
		const runs = executionsOf(executions, 'simple-salon-new-booking-to-simply-crm-contact.json');
		expect(runs).toHaveLength(1);
		expect(runs[0].output('New Appointment').map((a) => a.appointment_id).sort()).toEqual([booked.fresh, booked.known, booked.noEmail].sort());
		expect(crmQueries().filter((q) => q.includes('from Contacts')).sort()).toEqual(
			[`select id from Contacts where email = 'mia.fresh@example.com' limit 0, 100;`, `select id from Contacts where email = '${String(existingContact.email)}' limit 0, 100;`].sort(),
		);
		const contacts = elements('create').filter((element) => element.lastname !== undefined);
		expect(contacts).toHaveLength(1);
		expect(contacts[0]).toMatchObject({ email: 'mia.fresh@example.com', description: expect.stringMatching(new RegExp(`^Simple Salon client ${booked.freshClient}, last booking ${ymd(3)}T10:00:00`)) });
		const [update] = elements('update').filter((element) => element.id === existingContact.id);
		expect(update).toMatchObject({ email: existingContact.email, description: expect.stringMatching(new RegExp(`^Simple Salon client ${booked.knownClient}, last booking`)) });
		// what was not mapped keeps its CRM value
		expect(update.cf_851).toBe(existingContact.cf_851);
		expect(runs[0].output('Create or Update Contact')).toHaveLength(2);
	});

	it('simple-simon-new-customer-to-simply-crm-organization: the new customer created as an organization, the known name updated', () => {
		const runs = executionsOf(executions, 'simple-simon-new-customer-to-simply-crm-organization.json');
		expect(runs).toHaveLength(1);
		expect(crmQueries().filter((q) => q.includes('from Accounts')).sort()).toEqual(
			[
				"select id from Accounts where accountname = 'Vries Installatietechniek' limit 0, 100;",
				`select id from Accounts where accountname = '${String(existingAccount.accountname).replace(/'/g, "''")}' limit 0, 100;`,
			].sort(),
		);
		const [created] = elements('create').filter((element) => element.accountname !== undefined);
		expect(created).toMatchObject({
			accountname: 'Vries Installatietechniek',
			email1: 'info@vries-installatie.nl',
			phone: '+31 30 123 4567',
			bill_street: 'Dorpsstraat 12',
			bill_code: '3511 AB',
			bill_city: 'Utrecht',
			bill_country: 'NL',
			description: 'Simple-Simon customer VRIES',
		});
		const [update] = elements('update').filter((element) => element.id === existingAccount.id);
		// a customer with a name only: the organization's e-mail and phone stay as they are
		expect(update).toMatchObject({ accountname: existingAccount.accountname, email1: existingAccount.email1, phone: existingAccount.phone });
		expect(String(update.description)).toMatch(/^Simple-Simon customer /);
	});

	it('synergist-log-time-form: the submitted form is a pending timesheet entry', () => {
		expect(formReply).toBe(200);
		const runs = executionsOf(executions, 'synergist-log-time-form.json');
		expect(runs).toHaveLength(1);
		const [create] = synergist.emulator.requests('tspending:CREATE');
		expect(JSON.parse(String(create.query.input)).data[0]).toMatchObject({
			tspJobAndPhase: '1/00000123.001',
			tspResourceCode: '1/JON',
			tspHoursNormal: 2.5,
			tspWorkDone: 'Artwork changes & "final" proof',
		});
		expect(runs[0].output('Log Time')[0]).toMatchObject({ tspJobAndPhase: '1/00000123.001' });
	});
});

describe('examples/ coverage', () => {
	it('ran every workflow file in examples/', () => {
		expect(FILES.filter((file) => !exercised.has(file))).toEqual([]);
	});
});
