import { chromium, selectors, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

import { delay, env, fs, fsp, log, path, repoRoot } from 'business-pack-devkit';

import { startEmulators, vendors, type VendorName } from '../../emulators';
import type { VendorEmulator } from '../../emulators/shared/types';
import type { SimpleSalonState } from '../../emulators/simple-salon';
import type { SimpleSimonState } from '../../emulators/simple-simon';
import type { SimplyCrmState } from '../../emulators/simply-crm/state';
import { MODULE_BY_NAME } from '../../emulators/simply-crm/modules';
import type { SynergistState } from '../../emulators/synergist';
import { OWNER, createN8n, newId, packedTarball, type CredentialSpec, type N8nInstance } from '../real-n8n/harness';

/*
 * The n8n editor in a real browser: headless Debian chromium (playwright-core) against a real n8n 2.41 with the packed
 * pack installed and one credential per vendor pointing at its emulator. For each of the 8 nodes, in a fresh workflow:
 * find it in the node panel by typing, check its entry (icon loaded, description), add it (an action node through one
 * of its actions), pick the credential, resource and operation or event in the parameter panel, see the expected
 * parameters, and open what only the emulator can fill: a dropdown or list loaded through the node's methods, or
 * (triggers) "Fetch Test Event". Page errors, console errors and broken icons fail the node's test. One screenshot
 * per node lands in .cache/screenshots/; BUSINESS_PACK_DOC_IMAGES=1 also rewrites docs/images/<vendor>.png.
 *
 * Selectors the test relies on (n8n 2.41 editor; data-test-id unless a class or role is named):
 *   sign-in / owner setup   signin-form, setup-form, emailOrLdapLoginId, email, firstName, lastName, password (each
 *                           wraps its input), form-submit-button
 *   canvas                  canvas-add-button (empty canvas), canvas-node (holds the node's icon <img>)
 *   node panel              node-creator, node-creator-search-bar, item-iterator-item, node-creator-item-name,
 *                           node-creator-item-description; a community node's details are the <aside> whose
 *                           nodes-list-header reads "Node details"; node-creator-category-item ("Triggers (n)",
 *                           "Actions (n)"; its parent carries data-category-collapsed)
 *   parameter panel (NDV)   ndv, node-title-container, ndv-close-button, node-parameters, input-label,
 *                           node-credentials-select, node-credentials-select-item-<credential id>,
 *                           parameter-input-<parameter name> (an element-plus select: its input's aria-controls names
 *                           the list of role=option items, each with .option-headline), resource-locator-<name>,
 *                           rlc-input, rlc-item, node-execute-button ("Fetch Test Event"), output-panel,
 *                           ndv-data-container
 * The browser reaches only 127.0.0.1 (the editor would also ask registry.npmjs.org about the installed package).
 */

const CREDENTIAL_NAMES: Record<VendorName, string> = {
	'simple-simon': 'Simple-Simon account',
	'simply-crm': 'Simply CRM account',
	'simple-salon': 'Simple Salon account',
	synergist: 'Synergist account',
};
const PACKAGE = 'n8n-nodes-business-pack';
const VIEWPORT = { width: 1280, height: 800 };
/** Generous for CI: a cold n8n answers its first loadOptions and test polls in seconds, not milliseconds. */
const TIMEOUT_MS = 60_000;
const screenshotDir = path.join(repoRoot, '.cache', 'screenshots');
const docImagesDir = path.join(repoRoot, 'docs', 'images');

interface Emulators {
	'simple-simon': VendorEmulator<SimpleSimonState>;
	'simply-crm': VendorEmulator<SimplyCrmState>;
	'simple-salon': VendorEmulator<SimpleSalonState>;
	synergist: VendorEmulator<SynergistState>;
}

/** What only the emulator could have put on screen: a loaded dropdown or list, or a test event's output. */
interface EmulatorCheck {
	/** The emulator operation (request-log label) that must have answered 200. */
	op: string;
	/** Strings of the emulator's state; at least one must be on screen, and (dropdowns) every option must be one. */
	expected: (emulators: Emulators) => string[];
	/** Option to select once the list is seen (defaults to the first expected value that is listed). */
	select?: string;
}

interface NodeCase {
	vendor: VendorName;
	/** The node's display name (its type in the pack is `type`). */
	node: string;
	type: string;
	kind: 'trigger' | 'action';
	/** The entry the node panel shows: n8n 2.41 merges a vendor's trigger and action node into one, named without " Trigger". */
	entry: string;
	/** The trigger event or action picked in the node panel. */
	creatorItem: string;
	/** [parameter, option] picked in the parameter panel before `loads`. */
	choose: Array<[string, string]>;
	/** A dropdown (`options`) or resource locator (`locator`) whose entries come from the emulator. */
	loads?: { parameter: string; widget: 'options' | 'locator' } & EmulatorCheck;
	/** [parameter, option] picked after `loads`. */
	then?: Array<[string, string]>;
	/** Labels that must be visible in the parameter panel once everything is picked. */
	labels: string[];
	/** Triggers: "Fetch Test Event" must show a record of the emulator. */
	fetch?: EmulatorCheck;
}

const values = <T>(map: Map<unknown, T>) => Array.from(map.values());

const CASES: NodeCase[] = [
	{
		vendor: 'simple-simon',
		node: 'Simple-Simon Trigger',
		type: 'simpleSimonTrigger',
		kind: 'trigger',
		entry: 'Simple-Simon',
		creatorItem: 'On new customer',
		choose: [['event', 'New Work Order']],
		labels: ['Poll Times', 'Mode', 'Event'],
		fetch: { op: 'workorders:list', expected: (e) => values(e['simple-simon'].state.tables.workorders).map((w) => String(w.Id)) },
	},
	{
		vendor: 'simple-simon',
		node: 'Simple-Simon',
		type: 'simpleSimon',
		kind: 'action',
		entry: 'Simple-Simon',
		creatorItem: 'Get many customers',
		choose: [
			['resource', 'Customer'],
			['operation', 'Get'],
		],
		loads: {
			parameter: 'customerId',
			widget: 'locator',
			op: 'customers:list',
			expected: (e) => values(e['simple-simon'].state.tables.customers).map((c) => String(c.Name)),
		},
		labels: ['Resource', 'Operation', 'Customer'],
	},
	{
		vendor: 'simply-crm',
		node: 'Simply CRM Trigger',
		type: 'simplyCrmTrigger',
		kind: 'trigger',
		entry: 'Simply CRM',
		creatorItem: 'On record updated',
		choose: [
			['event', 'Record Created'],
			['scope', 'One Module'],
		],
		loads: {
			parameter: 'module',
			widget: 'options',
			op: 'listtypes',
			expected: () => Array.from(MODULE_BY_NAME.values()).map((m) => `${m.label} (${m.name})`),
			select: 'Organizations (Accounts)',
		},
		then: [['source', 'Query']],
		labels: ['Poll Times', 'Event', 'Watch', 'Module Name or ID', 'Source'],
		fetch: { op: 'query', expected: (e) => (e['simply-crm'].state.records.Accounts ?? []).map((r) => r.values.accountname) },
	},
	{
		vendor: 'simply-crm',
		node: 'Simply CRM',
		type: 'simplyCrm',
		kind: 'action',
		entry: 'Simply CRM',
		creatorItem: 'Create a record',
		choose: [
			['resource', 'Record'],
			['operation', 'Get Many'],
		],
		loads: {
			parameter: 'module',
			widget: 'options',
			op: 'listtypes',
			expected: () => Array.from(MODULE_BY_NAME.values()).map((m) => `${m.label} (${m.name})`),
			select: 'Organizations (Accounts)',
		},
		labels: ['Resource', 'Operation', 'Module Name or ID', 'Return All'],
	},
	{
		vendor: 'simple-salon',
		node: 'Simple Salon Trigger',
		type: 'simpleSalonTrigger',
		kind: 'trigger',
		entry: 'Simple Salon',
		creatorItem: 'On new appointment',
		choose: [['event', 'New Client']],
		labels: ['Poll Times', 'Mode', 'Event'],
		// the newest client: its barcode or email (both unique in the seed)
		fetch: { op: 'client/list', expected: (e) => values(e['simple-salon'].state.clients).flatMap((c) => [c.barcode, c.email]) },
	},
	{
		vendor: 'simple-salon',
		node: 'Simple Salon',
		type: 'simpleSalon',
		kind: 'action',
		entry: 'Simple Salon',
		creatorItem: 'Get an appointment',
		choose: [
			['resource', 'Appointment'],
			['operation', 'Add'],
		],
		loads: {
			parameter: 'serviceId',
			widget: 'options',
			op: 'service/list',
			expected: (e) => e['simple-salon'].state.services.map((s) => String(s.name)),
		},
		labels: ['Resource', 'Operation', 'Client ID', 'Service Name or ID', 'Operator Name or ID', 'Start'],
	},
	{
		vendor: 'synergist',
		node: 'Synergist Trigger',
		type: 'synergistTrigger',
		kind: 'trigger',
		entry: 'Synergist',
		creatorItem: 'On job updated',
		choose: [['event', 'New Job']],
		labels: ['Poll Times', 'Mode', 'Event', 'Clock Tolerance (Seconds)'],
		fetch: { op: 'jobs:LIST', expected: (e) => values(e.synergist.state.jobs).map((j) => j.jobUuid) },
	},
	{
		vendor: 'synergist',
		node: 'Synergist',
		type: 'synergist',
		kind: 'action',
		entry: 'Synergist',
		creatorItem: 'Get a job',
		choose: [
			['resource', 'Job'],
			['operation', 'Get Many'],
		],
		loads: {
			parameter: 'view',
			widget: 'options',
			op: 'views:LIST',
			// the loader puts "All Jobs (No View)" first: every other option is a saved view of the emulator
			expected: (e) => ['All Jobs (No View)', ...e.synergist.state.views.filter((v) => v.type === 'Jobs').map((v) => v.SettingsDescription)],
		},
		labels: ['Resource', 'Operation', 'View Name or ID', 'Return All'],
	},
];

/** CHROMIUM_PATH, else Debian's chromium on PATH (or, as on GitHub's Ubuntu runners, Google Chrome). */
function chromiumPath(): string {
	if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
	for (const dir of (env.PATH ?? '').split(path.delimiter)) {
		for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
			const candidate = path.join(dir, name);
			if (dir && fs.existsSync(candidate)) return candidate;
		}
	}
	throw new Error('No chromium found: install it (apt-get install chromium) or set CHROMIUM_PATH to its executable');
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/** Reads until `ok` holds (the page renders asynchronously), then returns the value; fails with the last one seen. */
async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = TIMEOUT_MS): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: T | undefined;
	let error: unknown;
	for (;;) {
		try {
			last = await read();
			if (ok(last)) return last;
		} catch (caught) {
			error = caught;
		}
		if (Date.now() > deadline) {
			throw new Error(`${what}: not so after ${timeoutMs / 1000} s; last seen ${JSON.stringify(last)}${error ? ` (${String(error)})` : ''}`);
		}
		await delay(200);
	}
}

/** The parts of an HTMLImageElement the checks read (the test is compiled without the DOM library). */
interface Picture {
	complete: boolean;
	naturalWidth: number;
}

/** Every <img> under `root` loaded as a picture (complete, with a natural size), one of them the vendor's icon. */
async function expectIconsLoaded(root: Locator, iconFile: string, what: string, timeoutMs = TIMEOUT_MS) {
	const images = await until(
		`${what}: icon loaded`,
		() =>
			root.locator('img').evaluateAll((imgs) =>
				imgs.map((img) => ({ src: img.getAttribute('src') ?? '', loaded: (img as unknown as Picture).complete && (img as unknown as Picture).naturalWidth > 0 })),
			),
		(seen) => seen.length > 0 && seen.every((img) => img.loaded),
		timeoutMs,
	);
	// n8n draws a letter in place of an icon it cannot load: the pack's own file must be among the pictures
	expect(images.map((img) => img.src)).toContainEqual(expect.stringContaining(`/icons/${PACKAGE}/dist/icons/${iconFile}`));
}

/** The first line of each visible label in the parameter panel (a label row also holds "Fixed / Expression"). */
const visibleLabels = (ndv: Locator) =>
	ndv
		.getByTestId('node-parameters')
		.getByTestId('input-label')
		.evaluateAll((labels) =>
			labels.map((label) => label as unknown as { offsetParent: unknown; innerText: string }).filter((label) => label.offsetParent !== null).map((label) => label.innerText.split('\n')[0].trim()),
		);

/** The whole window into .cache/screenshots/<name>.png; transitions finished (a dropdown fades in). */
const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`), animations: 'disabled', caret: 'hide' });

/** The value of the input that is, or is inside, `root`. */
const inputValue = (root: Locator) => root.locator('xpath=descendant-or-self::input').first().inputValue();

/**
 * Opens an n8n dropdown (an element-plus select) and returns its options, found through the list its input controls
 * (aria-controls) so that a list still fading out elsewhere never counts. Options a method loads may still be on their
 * way when the panel renders: the dropdown is opened again until they are listed.
 */
async function openDropdown(page: Page, select: Locator, what: string): Promise<Locator> {
	const input = select.locator('input').first();
	let options: Locator | undefined;
	await until(
		`${what}: options listed`,
		async () => {
			if ((await input.getAttribute('aria-expanded')) !== 'true') await select.click();
			options = page.locator(`[id="${await input.getAttribute('aria-controls')}"] [role="option"]`);
			return await options.count();
		},
		(count) => count > 0,
	);
	return options!;
}

/** Picks `option` in an n8n dropdown, opening it again if a re-render closed it, until the input shows it. */
async function choose(page: Page, select: Locator, option: string, what: string) {
	await until(
		`${what}: "${option}" chosen`,
		async () => {
			if ((await inputValue(select)) !== option) {
				const options = await openDropdown(page, select, what);
				await options.filter({ has: page.locator('.option-headline').getByText(option, { exact: true }) }).click({ timeout: 5000 });
			}
			return await inputValue(select);
		},
		(value) => value === option,
	);
}

/**
 * Reports what goes wrong in the page: page errors, console errors (but for the expected ones listed), warnings that
 * name the pack, a node, an icon or a description, and failed icon or node-type requests.
 */
function watchProblems(page: Page, report: (problem: string) => void, signedIn: () => boolean) {
	page.on('pageerror', (error) => report(`page error: ${error.message}`));
	page.on('console', (message) => {
		const text = message.text();
		const at = message.location().url ?? '';
		if (message.type() === 'error') {
			if (/^Failed to load resource/.test(text)) {
				if (at && !isLoopback(new URL(at))) return; // a request the context blocks (see beforeAll)
				if (/\/rest\/login$/.test(at) && !signedIn()) return; // the editor asks for a session before signing in
				// n8n looks for static output schemas (/schemas/<type>/<version>...json) that only its own nodes ship
				if (at.includes(`/schemas/${PACKAGE}.`)) return;
			}
			report(`console error: ${text}${at ? ` (${at})` : ''}`);
		} else if (message.type() === 'warning' && /business-pack|Simple-Simon|Simply CRM|Simple Salon|Synergist|icon|description/i.test(text)) {
			report(`console warning: ${text}`);
		}
	});
	page.on('response', (response) => {
		if (response.status() >= 400 && /\/(icons|types)\//.test(new URL(response.url()).pathname)) {
			report(`HTTP ${response.status()} for ${response.url()}`);
		}
	});
}

/** Only loopback: the editor also asks registry.npmjs.org about an installed community package. */
const loopbackOnly = (context: BrowserContext) => context.route((url) => !isLoopback(url), (route) => route.abort('blockedbyclient'));

describe('the n8n editor in a real browser', () => {
	let n8n: N8nInstance;
	let emulators: Emulators;
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;
	let baseUrl: string;
	const credentials = {} as Record<VendorName, CredentialSpec>;
	/** What went wrong in the page while the current test ran. */
	let problems: string[] = [];
	let signedIn = false;
	/** Requests for options or list entries (the nodes' loadOptions / listSearch methods) on their way. */
	let optionLoads = 0;
	const timings: Array<[string, number]> = [];

	beforeAll(async () => {
		const started = Date.now();
		selectors.setTestIdAttribute('data-test-id');
		const executablePath = chromiumPath();
		await fsp.rm(screenshotDir, { recursive: true, force: true });
		await fsp.mkdir(screenshotDir, { recursive: true });
		emulators = (await startEmulators()) as unknown as Emulators;
		n8n = await createN8n({ tarballs: [await packedTarball()], label: 'browser' });
		for (const vendor of Object.keys(vendors) as VendorName[]) {
			credentials[vendor] = { id: newId(), name: CREDENTIAL_NAMES[vendor], type: vendors[vendor].credentialType, data: emulators[vendor].credentialData() };
		}
		await n8n.importCredentials(Object.values(credentials));
		// no owner yet: the browser sets the owner account up on the editor's setup page
		baseUrl = await n8n.start({ setupOwner: false });
		browser = await chromium.launch({ executablePath });
		context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, colorScheme: 'light', locale: 'en-US', timezoneId: 'UTC' });
		context.setDefaultTimeout(TIMEOUT_MS);
		await loopbackOnly(context);
		page = await context.newPage();
		watchProblems(page, (problem) => problems.push(problem), () => signedIn);
		const isOptionLoad = (request: { url: () => string }) => request.url().includes('/rest/dynamic-node-parameters/');
		page.on('request', (request) => (optionLoads += isOptionLoad(request) ? 1 : 0));
		page.on('requestfinished', (request) => (optionLoads -= isOptionLoad(request) ? 1 : 0));
		page.on('requestfailed', (request) => (optionLoads -= isOptionLoad(request) ? 1 : 0));
		timings.push(['emulators, n8n with the pack, credentials, chromium', Date.now() - started]);
	}, 10 * 60 * 1000);

	afterAll(async () => {
		await browser?.close();
		await n8n?.dispose();
		for (const vendor of Object.values(emulators ?? {})) await vendor.emulator.stop();
		if (timings.length) log(`\n[browser] ${timings.map(([what, ms]) => `${what} ${(ms / 1000).toFixed(1)} s`).join(', ')}`);
	});

	beforeEach(() => {
		problems = [];
	});

	afterEach(() => {
		// each test asserts its own problems; this catches what happened after its last assertion
		expect(problems).toEqual([]);
	});

	it('sets up the owner account and sees the node types of the pack', async () => {
		const started = Date.now();
		await page.goto(`${baseUrl}/`);
		// a fresh n8n: the editor must offer the owner setup, and the test fills it in as a new user would
		await page.getByTestId('setup-form').waitFor();
		for (const field of ['email', 'firstName', 'lastName', 'password'] as const) {
			await page.getByTestId('setup-form').getByTestId(field).locator('input').fill(OWNER[field]);
		}
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((url) => !/^\/(signin|setup)/.test(url.pathname));
		signedIn = true;

		// what the editor loads as node types: all 8 nodes, each with a description and a light and a dark icon
		const response = await context.request.get(`${baseUrl}/types/nodes.json`);
		expect(response.status()).toBe(200);
		const types = (await response.json()) as Array<{ name: string; displayName: string; description?: string; iconUrl?: { light?: string; dark?: string } }>;
		for (const nodeCase of CASES) {
			const type = types.find((t) => t.name === `${PACKAGE}.${nodeCase.type}`);
			expect(type).toBeDefined();
			expect(type!.displayName).toBe(nodeCase.node);
			expect(type!.description?.length).toBeGreaterThan(20);
			// the editor shows the light icon in the light theme; the dark one must decode as a picture too
			for (const icon of [type!.iconUrl?.light, type!.iconUrl?.dark]) {
				expect(icon).toMatch(new RegExp(`^icons/${PACKAGE}/dist/icons/[a-z]+(\\.dark)?\\.svg$`));
				// decoded by the browser as the <img> in the editor would (a string: it runs in the page, not in Node)
				const width = await page.evaluate<number>(
					`new Promise((resolve) => { const img = new Image(); img.onload = () => resolve(img.naturalWidth); img.onerror = () => resolve(0); img.src = ${JSON.stringify(`${baseUrl}/${icon}`)}; })`,
				);
				expect({ icon, decoded: width > 0 }).toEqual({ icon, decoded: true });
			}
		}
		expect(problems).toEqual([]);
		timings.push(['sign-in and node types', Date.now() - started]);
	});

	it.each(CASES.map((c) => [c.node, c] as const))('%s: found in the node panel, added, configured, and fed by the emulator', async (_name, nodeCase) => {
		let passed = false;
		try {
			await checkNode(nodeCase);
			passed = true;
		} finally {
			// what the page showed when it failed
			if (!passed) await screenshot(page, `${slug(nodeCase.node)}-failed`).catch(() => undefined);
		}
	});

	it('would fail on a broken icon: the checks see one', async () => {
		// a second window in which one vendor's icon is missing (404), as a wrong path in the package would make it
		const brokenContext = await browser.newContext({ viewport: VIEWPORT, storageState: await context.storageState() });
		try {
			await loopbackOnly(brokenContext);
			await brokenContext.route(`**/icons/${PACKAGE}/dist/icons/synergist.svg`, (route) => route.fulfill({ status: 404, body: 'Not Found' }));
			const brokenPage = await brokenContext.newPage();
			const seen: string[] = [];
			watchProblems(brokenPage, (problem) => seen.push(problem), () => true);
			await brokenPage.goto(`${baseUrl}/workflow/new`);
			await brokenPage.getByTestId('canvas-add-button').click();
			await brokenPage.getByTestId('node-creator-search-bar').fill('Synergist');
			const entry = brokenPage.getByTestId('item-iterator-item').filter({ has: brokenPage.getByTestId('node-creator-item-name').getByText('Synergist', { exact: true }) });
			await entry.waitFor();
			await expect(expectIconsLoaded(entry, 'synergist.svg', 'broken icon', 5000)).rejects.toThrow(/broken icon: icon loaded: not so/);
			await until('the 404 reported', async () => seen, (problems) => problems.some((problem) => problem.includes('404') && problem.includes('synergist.svg')));
		} finally {
			await brokenContext.close();
		}
	});

	async function checkNode(nodeCase: NodeCase) {
		expect(signedIn).toBe(true);
		const started = Date.now();
		const emulator = emulators[nodeCase.vendor].emulator;
		const credential = credentials[nodeCase.vendor];
		const iconFile = `${nodeCase.vendor.replace('-', '')}.svg`;
		emulator.clearLog();

		// a fresh workflow: the empty canvas opens the node panel on triggers, which also lists the actions
		await page.goto(`${baseUrl}/workflow/new`);
		await page.getByTestId('canvas-add-button').click();
		const creator = page.getByTestId('node-creator');
		await creator.getByTestId('node-creator-search-bar').fill(nodeCase.node);

		// the search result: the vendor's entry with its icon and the description n8n shows for it (the trigger's)
		const types = (await (await context.request.get(`${baseUrl}/types/nodes.json`)).json()) as Array<{ name: string; description: string }>;
		const triggerType = CASES.find((c) => c.vendor === nodeCase.vendor && c.kind === 'trigger')!.type;
		const shownDescription = types.find((t) => t.name === `${PACKAGE}.${triggerType}`)!.description;
		const entry = creator.getByTestId('item-iterator-item').filter({ has: page.getByTestId('node-creator-item-name').getByText(nodeCase.entry, { exact: true }) });
		await until(`${nodeCase.node}: one entry found`, () => entry.count(), (n) => n === 1);
		await until(`${nodeCase.node}: entry description`, () => entry.getByTestId('node-creator-item-description').innerText(), (text) => text.trim() === shownDescription);
		await expectIconsLoaded(entry, iconFile, `${nodeCase.node}: search result`);
		await entry.click();

		// the community node's details (the panel under the "Node details" header): icon, name and description again, then
		// its triggers and actions
		const details = creator.locator('aside').filter({ has: page.getByTestId('nodes-list-header').filter({ hasText: 'Node details' }) });
		await until(`${nodeCase.node}: node details`, () => details.innerText(), (text) => text.includes(nodeCase.entry) && text.includes(shownDescription));
		await expectIconsLoaded(details, iconFile, `${nodeCase.node}: node details`);
		const item = creator.getByTestId('item-iterator-item').filter({ has: page.getByTestId('node-creator-item-name').getByText(nodeCase.creatorItem, { exact: true }) });
		const category = creator.getByTestId('node-creator-category-item').filter({ hasText: nodeCase.kind === 'trigger' ? 'Triggers' : 'Actions' });
		if ((await category.locator('..').getAttribute('data-category-collapsed')) === 'true') await category.click();
		await expectIconsLoaded(item, iconFile, `${nodeCase.node}: ${nodeCase.creatorItem}`);
		await item.click();

		// the parameter panel of the new node, rendered with its parameters
		const ndv = page.getByTestId('ndv');
		await ndv.getByTestId('node-parameters').waitFor();
		await expectIconsLoaded(ndv.getByTestId('node-title-container').locator('..'), iconFile, `${nodeCase.node}: parameter panel`);

		// the credential: picked from the list (n8n preselects the only one of a type; picking it again is what a user does)
		const credentialSelect = ndv.getByTestId('node-credentials-select');
		await credentialSelect.click();
		await page.getByTestId(`node-credentials-select-item-${credential.id}`).click();
		await until(`${nodeCase.node}: credential`, () => inputValue(credentialSelect), (value) => value === credential.name);

		// n8n loads every options parameter of the panel as it renders; an answer arriving while a dropdown is open
		// re-renders the panel and closes it, so dropdowns are opened once no load is on its way
		const settled = () => until(`${nodeCase.node}: option loads settled`, async () => optionLoads, (count) => count === 0);
		const pick = async (parameter: string, option: string) => {
			await settled();
			await choose(page, ndv.getByTestId(`parameter-input-${parameter}`), option, `${nodeCase.node}: ${parameter}`);
		};
		for (const [parameter, option] of nodeCase.choose) await pick(parameter, option);

		let shot = false;
		if (nodeCase.loads) {
			const { parameter, widget, op, select } = nodeCase.loads;
			const expected = nodeCase.loads.expected(emulators);
			const what = `${nodeCase.node}: ${parameter}`;
			const dropdown = ndv.getByTestId(`parameter-input-${parameter}`);
			const rlcInput = ndv.getByTestId(`resource-locator-${parameter}`).getByTestId('rlc-input');
			let listed: string[];
			if (widget === 'locator') {
				// a resource locator in "From list" mode: opening it runs the node's listSearch method
				await settled();
				await rlcInput.click();
				listed = await until(`${what}: list filled`, () => page.getByTestId('rlc-item').allInnerTexts(), (texts) => texts.length > 0);
			} else {
				await until(`${what}: loaded from the emulator`, async () => emulator.requests(op).length, (count) => count > 0);
				await settled();
				listed = await (await openDropdown(page, dropdown, what)).locator('.option-headline').allInnerTexts();
			}
			listed = listed.map((text) => text.trim());
			// every entry is one the emulator holds (nothing else could have filled the list), fetched with a 200
			expect(listed.length).toBeGreaterThan(0);
			expect(listed.filter((text) => !expected.includes(text))).toEqual([]);
			expect(emulator.requests(op).map((request) => request.status)).toContain(200);
			await screenshot(page, slug(nodeCase.node));
			shot = true;
			if (nodeCase.kind === 'action' && env.BUSINESS_PACK_DOC_IMAGES === '1') {
				// the README's picture of the vendor: the parameter panel with the list the emulator filled
				await fsp.mkdir(docImagesDir, { recursive: true });
				await page.screenshot({ path: path.join(docImagesDir, `${nodeCase.vendor}.png`), clip: (await ndv.boundingBox())!, animations: 'disabled', caret: 'hide' });
			}
			const choice = select ?? listed[0];
			expect(listed).toContain(choice);
			if (widget === 'locator') {
				await page.getByTestId('rlc-item').getByText(choice, { exact: true }).first().click();
				await until(`${what} set`, () => inputValue(rlcInput), (value) => value === choice);
			} else {
				await choose(page, dropdown, choice, what);
			}
		}
		for (const [parameter, option] of nodeCase.then ?? []) await pick(parameter, option);

		await until(`${nodeCase.node}: labels ${nodeCase.labels.join(', ')}`, () => visibleLabels(ndv), (labels) => nodeCase.labels.every((label) => labels.includes(label)));

		if (nodeCase.fetch) {
			// "Fetch Test Event": the trigger's poll in manual mode, answered by the emulator
			await ndv.getByTestId('node-execute-button').click();
			const records = nodeCase.fetch.expected(emulators).filter((value) => value.length > 3);
			expect(records.length).toBeGreaterThan(0);
			const output = page.getByTestId('output-panel').getByTestId('ndv-data-container');
			await until(`${nodeCase.node}: a record of the emulator in the test event`, () => output.innerText(), (text) => records.some((value) => text.includes(value)));
			expect(emulator.requests(nodeCase.fetch.op).map((request) => request.status)).toContain(200);
			await screenshot(page, slug(nodeCase.node));
			shot = true;
		}
		expect(shot).toBe(true);

		// back on the canvas: the node is drawn with its icon
		await ndv.getByTestId('ndv-close-button').click();
		await ndv.waitFor({ state: 'hidden' });
		const drawn = page.getByTestId('canvas-node').filter({ has: page.locator(`img[src*="/icons/${PACKAGE}/"]`) });
		await until(`${nodeCase.node}: drawn on the canvas`, () => drawn.count(), (n) => n === 1);
		await expectIconsLoaded(drawn, iconFile, `${nodeCase.node}: canvas`);

		expect(problems).toEqual([]);
		timings.push([nodeCase.node, Date.now() - started]);
	}
});
