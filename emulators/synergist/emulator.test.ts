import { createHash } from 'node:crypto';

import { delay } from 'business-pack-devkit';

import { API_USER, createSynergistEmulator, type SynergistEmulator } from './index';

// Replies are read field by field in the assertions; their shape is what is under test.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface Reply {
	status: number;
	contentType: string;
	text: string;
	json?: Json;
}

async function get(base: string, path: string, params: Record<string, string>, method = 'GET'): Promise<Reply> {
	const response = await fetch(`${base}${path}?${new URLSearchParams(params).toString()}`, { method });
	const text = await response.text();
	let json: Json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
}

const xml = (id: number, text: string) =>
	`<Responses>\n    <Error ErrorID="${id}">\n        <ErrorText>${text}</ErrorText>\n    </Error>\n</Responses>`;

function client(vendor: SynergistEmulator) {
	const base = () => vendor.emulator.url;
	const sha512 = async (password = API_USER.password) =>
		await get(base(), '/jsonapi/users.json', { user: API_USER.login, password, action: 'GETSHA512', version: '3.2' });
	const api = async (area: string, params: Record<string, string>, hash = vendor.currentHash()) =>
		await get(base(), `/jsonapi/${area}.json`, { user: API_USER.login, sha512password: hash, version: '3.2', ...params });
	return { base, sha512, api };
}

describe('Synergist emulator', () => {
	const vendor = createSynergistEmulator();
	const { base, sha512, api } = client(vendor);

	beforeAll(async () => {
		await vendor.emulator.start();
	});
	afterAll(async () => {
		await vendor.emulator.stop();
	});
	beforeEach(() => vendor.emulator.reset());

	describe('authentication', () => {
		it('answers GETSHA512 for the plain password with the server hash, in the reference envelope', async () => {
			const reply = await sha512();
			expect(reply.status).toBe(200);
			expect(reply.json).toEqual({
				responsecode: 1,
				responsestatus: 'OK',
				errorcode: 0,
				errormessage: '',
				responsemessage: '',
				warningmessage: '',
				success: true,
				totalrows: 1,
				totalpages: 1,
				pagerows: 0,
				pagenumber: 1,
				data: [
					{
						userUserId: 54,
						userUuid: expect.stringMatching(/^[0-9A-F]{32}$/),
						userTimestampModified: expect.any(Number),
						userRecordVersionNumber: expect.any(Number),
						userPasswordSha512: expect.stringMatching(/^[0-9a-f]{128}$/),
					},
				],
			});
			const hash = reply.json.data[0].userPasswordSha512 as string;
			expect(hash).toBe(vendor.currentHash());
			// Server-side and salted: the client cannot compute it from the password.
			expect(hash).not.toBe(createHash('sha512').update(API_USER.password).digest('hex'));
			const [wire] = vendor.emulator.requests('GETSHA512');
			expect(wire.query.password).toBe(API_USER.password);
			expect(vendor.state.counters.hashesIssued).toBe(1);
		});

		it('authenticates every other call by user + sha512password and refuses the plain password there', async () => {
			const ok = await api('system', { action: 'version' });
			expect(ok.json.data[0]).toMatchObject({ systemparameters_versionno: 12.2, variable_apiversion: '3.2' });
			expect(vendor.emulator.log.map((r) => r.op)).toEqual(['system:VERSION']);

			const plain = await get(base(), '/jsonapi/system.json', {
				user: API_USER.login,
				password: API_USER.password,
				action: 'version',
				version: '3.2',
			});
			expect(plain.status).toBe(404);
			expect(plain.text).toBe(xml(404505, 'plain password not accepted: send sha512password (emulator policy)'));
			// And the plain sha512 of the password is not the server's hash.
			const naive = await api('system', { action: 'version' }, createHash('sha512').update(API_USER.password).digest('hex'));
			expect(naive.text).toBe(xml(404002, 'invalid credentials supplied'));
		});

		it('answers the documented 404 + XML errors for missing, wrong and disabled credentials', async () => {
			const none = await get(base(), '/jsonapi/jobs.json', { company: '1', version: '3.2' });
			expect(none.status).toBe(404);
			expect(none.contentType).toContain('text/xml');
			expect(none.text).toBe(xml(404001, 'no credentials supplied'));
			const wrong = await sha512('not-the-password');
			expect(wrong.status).toBe(404);
			expect(wrong.text).toBe(xml(404002, 'invalid credentials supplied'));
			const unknownUser = await get(base(), '/jsonapi/users.json', { user: 'nobody', password: 'x', action: 'GETSHA512', version: '3.2' });
			expect(unknownUser.text).toBe(xml(404002, 'invalid credentials supplied'));
			const disabled = await get(base(), '/jsonapi/users.json', {
				user: 'leaver',
				password: 'leaver-password',
				action: 'GETSHA512',
				version: '3.2',
			});
			expect(disabled.text).toBe(xml(404003, 'account disabled'));
			expect(vendor.state.counters.hashesIssued).toBe(0);
		});

		it('invalidates every cached hash on expireSessions until GETSHA512 is called again', async () => {
			const before = (await sha512()).json.data[0];
			expect((await api('system', { action: 'version' }, before.userPasswordSha512)).status).toBe(200);
			vendor.emulator.expireSessions();
			const stale = await api('system', { action: 'version' }, before.userPasswordSha512);
			expect(stale.status).toBe(404);
			expect(stale.text).toBe(xml(404002, 'invalid credentials supplied'));
			const after = (await sha512()).json.data[0];
			expect(after.userPasswordSha512).not.toBe(before.userPasswordSha512);
			expect(after.userRecordVersionNumber).toBe(before.userRecordVersionNumber + 1);
			expect((await api('system', { action: 'version' }, after.userPasswordSha512)).status).toBe(200);
		});

		it('expires sessions through the fault injector and the admin route', async () => {
			const hash = vendor.currentHash();
			vendor.emulator.inject({ when: { op: 'jobs:GETJOB' }, action: { type: 'expireSessions' } });
			expect((await api('system', { action: 'version' }, hash)).status).toBe(200);
			const rejected = await api('jobs', { company: '1', job: '1/00000002' }, hash);
			expect(rejected.text).toBe(xml(404002, 'invalid credentials supplied'));
			expect(vendor.emulator.log.map((r) => [r.op, r.status, r.fault])).toEqual([
				['system:VERSION', 200, undefined],
				['jobs:GETJOB', 404, 'expireSessions'],
			]);
			const fresh = vendor.currentHash();
			const admin = await fetch(`${base()}/__emulator/expire-sessions`, { method: 'POST' });
			expect(admin.status).toBe(200);
			expect((await api('system', { action: 'version' }, fresh)).status).toBe(404);
		});

		it('re-salts a hash sessionTtlMs after it was made', async () => {
			const short = createSynergistEmulator({ sessionTtlMs: 60, seedCount: 5 });
			await short.emulator.start();
			try {
				const c = client(short);
				const hash = (await c.sha512()).json.data[0].userPasswordSha512 as string;
				expect((await c.api('system', { action: 'version' }, hash)).status).toBe(200);
				await delay(100);
				expect((await c.api('system', { action: 'version' }, hash)).text).toBe(xml(404002, 'invalid credentials supplied'));
				const renewed = (await c.sha512()).json.data[0].userPasswordSha512 as string;
				expect((await c.api('system', { action: 'version' }, renewed)).status).toBe(200);
			} finally {
				await short.emulator.stop();
			}
		});

		it('stops accepting the old password and hash after a password change', async () => {
			const hash = vendor.currentHash();
			vendor.changePassword(API_USER.login, 'brand-new-password');
			expect((await api('system', { action: 'version' }, hash)).status).toBe(404);
			expect((await sha512()).text).toBe(xml(404002, 'invalid credentials supplied'));
			expect((await sha512('brand-new-password')).status).toBe(200);
		});

		it('behaves like the real server with acceptPlainPassword', async () => {
			const lenient = createSynergistEmulator({ acceptPlainPassword: true, seedCount: 5 });
			await lenient.emulator.start();
			try {
				const reply = await get(lenient.emulator.url, '/jsonapi/system.json', {
					user: API_USER.login,
					password: API_USER.password,
					action: 'version',
					version: '3.2',
				});
				expect(reply.status).toBe(200);
			} finally {
				await lenient.emulator.stop();
			}
		});
	});

	describe('request checks', () => {
		it('rejects unknown areas, actions, paths, methods, the XML API and a missing version', async () => {
			expect((await api('diary', {})).text).toBe(xml(404004, 'request not recognized'));
			expect((await api('timesheets', { action: 'companylist' })).text).toBe(xml(404004, 'request not recognized'));
			expect((await api('jobs', { company: '1', action: 'companylist' })).text).toBe(xml(404500, 'invalid action companylist'));
			expect((await get(base(), '/xmlapi/jobs.xml', {})).text).toBe(xml(404004, 'request not recognized'));
			expect((await get(base(), '/jsonapi/jobs.json', { user: 'user', sha512password: vendor.currentHash(), version: '3.2' }, 'POST')).status).toBe(404);
			const noVersion = await get(base(), '/jsonapi/jobs.json', { user: API_USER.login, sha512password: vendor.currentHash(), company: '1' });
			expect(noVersion.text).toBe(xml(404004, 'request not recognized'));
			expect((await api('jobs', { company: '1', rows: '1', version: '3.1' })).status).toBe(200);
		});

		it('reads parameter names case-insensitively and the jsonAPI spelling of the path', async () => {
			const reply = await get(base(), '/jsonAPI/jobs.json', {
				User: API_USER.login,
				SHA512PASSWORD: vendor.currentHash(),
				version: '3.2',
				Company: '1',
				Modelstructure: 'jobdetails',
				Job: '1/00000010',
			});
			expect(reply.status).toBe(200);
			expect(reply.json.data[0].jobNumber).toBe('1/00000010');
		});

		it('requires a company the user may use, and well-formed page, rows, job and view values', async () => {
			expect((await api('jobs', {})).text).toBe(xml(404501, 'company not specified'));
			expect((await api('jobs', { company: '99' })).text).toBe(xml(404501, 'invalid company 99'));
			expect((await api('jobs', { company: '[1,2]' })).text).toBe(xml(404501, 'invalid company [1,2]'));
			expect((await api('jobs', { company: '1', rows: '-5' })).text).toBe(xml(404504, 'invalid parameter rows -5'));
			expect((await api('jobs', { company: '1', page: 'two' })).text).toBe(xml(404504, 'invalid parameter page two'));
			expect((await api('jobs', { company: '1', job: '00000510' })).text).toBe(xml(404504, 'invalid parameter job 00000510'));
			expect((await api('jobs', { company: '1', view: '-9999' })).text).toBe(xml(404502, 'invalid view -9999'));
			expect((await api('jobs', { company: '1', view: '-1703' })).text).toBe(xml(404502, 'invalid view -1703'));
			expect((await api('jobs', { company: '1', modelstructure: 'activitylist' })).text).toBe(
				xml(404504, 'invalid parameter modelstructure activitylist'),
			);
		});
	});

	describe('views.json', () => {
		const ids = (reply: Reply) => reply.json.data.map((v: Json) => v.SettingsSettingsID);

		it('lists the views of a table for a company, with the reference field names', async () => {
			const reply = await api('views', { type: 'Jobs', company: '1' });
			expect(ids(reply)).toEqual([-1300, -1303, -1304, -1305]);
			expect(reply.json).toMatchObject({ totalrows: 4, totalpages: 1, pagerows: 0, pagenumber: 1, success: true });
			expect(Object.keys(reply.json.data[0]).sort()).toEqual(
				[
					'settings_uuid',
					'settingsTimeStampModified',
					'settingsRecordVersionNumber',
					'SettingsCompany',
					'SettingsDescription',
					'SettingsDisplayOrder',
					'SettingsSettingsID',
					'SettingsUserID',
					'SettingsDefault',
					'settingsSort',
					'settingsSortDirection',
				].sort(),
			);
			expect(vendor.emulator.log[0].op).toBe('views:LIST');
		});

		it('returns all views without a company, and several companies separated by carriage returns', async () => {
			expect(ids(await api('views', { type: 'jobs' }))).toEqual([-1300, -1303, -1304, -1305, 'SELECTVIEW50210']);
			expect(ids(await api('views', { type: 'Jobs', company: '1\r8' }))).toContain('SELECTVIEW50210');
			expect(ids(await api('views', { type: 'Activities', company: '1' }))).toEqual([-1700, -1703]);
			expect((await api('views', { company: '1' })).text).toBe(xml(404504, 'invalid parameter type '));
		});
	});

	describe('jobs.json reads', () => {
		const numbers = (reply: Reply) => reply.json.data.map((j: Json) => j.jobNumber as string);

		it('pages with page=1 first and reports pagenumber/totalpages as the examples do', async () => {
			const first = await api('jobs', { company: '1', style: 'modeldata', modelstructure: 'jobslist', rows: '50', page: '1' });
			expect(first.json).toMatchObject({ totalrows: 240, totalpages: 5, pagerows: 50, pagenumber: 1, success: true });
			expect(first.json.data).toHaveLength(50);
			const all = await api('jobs', { company: '1', rows: '0' });
			expect(all.json).toMatchObject({ totalrows: 240, totalpages: 1, pagerows: 0, pagenumber: 1 });
			const pages: string[] = [];
			for (let page = 1; page <= 5; page++) {
				const reply = await api('jobs', { company: '1', rows: '50', page: String(page) });
				expect(reply.json.pagenumber).toBe(page);
				pages.push(...numbers(reply));
			}
			expect(pages).toEqual(numbers(all));
			expect(new Set(pages).size).toBe(240);
			expect((await api('jobs', { company: '1', rows: '50', page: '6' })).json).toMatchObject({ pagenumber: 6, data: [] });
		});

		it('serves page 0 as the first page and reports it as pagenumber 1', async () => {
			const zero = await api('jobs', { company: '1', rows: '50', page: '0' });
			const one = await api('jobs', { company: '1', rows: '50', page: '1' });
			expect(zero.json.pagenumber).toBe(1);
			expect(numbers(zero)).toEqual(numbers(one));
			const none = await api('jobs', { company: '1', rows: '50' });
			expect(none.json.pagenumber).toBe(1);
		});

		it('numbers pages from 0 when configured that way', async () => {
			const zeroBased = createSynergistEmulator({ firstPage: 0, seedCount: 30 });
			await zeroBased.emulator.start();
			try {
				const c = client(zeroBased);
				const first = await c.api('jobs', { company: '1', rows: '10', page: '0' });
				expect(first.json).toMatchObject({ pagenumber: 0, totalpages: 3 });
				const last = await c.api('jobs', { company: '1', rows: '10', page: '2' });
				expect(last.json.data).toHaveLength(10);
				expect((await c.api('jobs', { company: '1', rows: '10', page: '3' })).json.data).toEqual([]);
			} finally {
				await zeroBased.emulator.stop();
			}
		});

		it('serves rows=0 and larger pages as pages of maxRows when configured with a page size limit', async () => {
			const capped = createSynergistEmulator({ maxRows: 100, seedCount: 130 });
			await capped.emulator.start();
			try {
				const c = client(capped);
				const all = await c.api('jobs', { company: '1', rows: '0' });
				expect(all.json).toMatchObject({ totalrows: 130, totalpages: 2, pagerows: 100, pagenumber: 1 });
				expect(all.json.data).toHaveLength(100);
				const second = await c.api('jobs', { company: '1', rows: '500', page: '2' });
				expect(second.json).toMatchObject({ totalrows: 130, totalpages: 2, pagerows: 100, pagenumber: 2 });
				expect(second.json.data.map((j: Json) => j.jobNumber)).toEqual(
					[...capped.state.jobs.values()].filter((j) => j.company === 1).map((j) => j.jobNumber).sort().slice(100),
				);
				expect((await c.api('jobs', { company: '1', rows: '40' })).json).toMatchObject({ totalpages: 4, pagerows: 40 });
			} finally {
				await capped.emulator.stop();
			}
		});

		it('filters by view and by key fields, in the jobslist model', async () => {
			const live = await api('jobs', { company: '1', view: '-1303', rows: '0' });
			expect(live.json.totalrows).toBeGreaterThan(0);
			expect(live.json.totalrows).toBeLessThan(240);
			expect(live.json.data.every((j: Json) => j.jobStatus === 2 && j.jobStatusDescription === 'Live' && !j.jobCompleted)).toBe(true);
			const mine = await api('jobs', { company: '1', view: '-1305', rows: '0' });
			expect(mine.json.data.every((j: Json) => j.jobHandlerFullName === 'SYN_Jon')).toBe(true);
			const forClient = await api('jobs', { company: '1', client: '1/WARD', rows: '0' });
			expect(forClient.json.data.every((j: Json) => j.jobClientCode === '1/WARD' && j.jobClientName === 'Ward  Homes')).toBe(true);
			expect(Object.keys(live.json.data[0])).toEqual(
				expect.arrayContaining(['jobUuid', 'jobNumber', 'jobNumberSimple', 'jobStatus', 'jobDescription1stLine', 'jobExchangeRate']),
			);
			expect(live.json.data[0]).not.toHaveProperty('jobComments');
		});

		it('gets one job with the jobdetails model, and nothing (not an error) for a job that does not exist', async () => {
			const reply = await api('jobs', { company: '1', style: 'modeldata', modelstructure: 'jobdetails', job: '1/00000123' });
			expect(reply.json).toMatchObject({ success: true, totalrows: 1 });
			expect(reply.json.data[0]).toMatchObject({ jobNumber: '1/00000123', jobTaxCode: 3, jobComments: '', jobHandlerUserID: expect.any(Number) });
			expect(vendor.emulator.log[0].op).toBe('jobs:GETJOB');
			const missing = await api('jobs', { company: '1', modelstructure: 'jobdetails', job: '1/09999999' });
			expect(missing.json).toMatchObject({ success: true, totalrows: 0, data: [] });
			// The company context decides: company 8's template is not found in company 1.
			expect((await api('jobs', { company: '1', job: '8/00800001' })).json.data).toEqual([]);
			expect((await api('jobs', { company: '8', job: '8/00800001' })).json.data).toHaveLength(1);
		});

		it('describes a model with style=modelstructure', async () => {
			const reply = await api('jobs', { company: '1', style: 'modelstructure', modelstructure: 'jobdetails' });
			expect(vendor.emulator.log[0].op).toBe('jobs:STRUCTURE');
			const field = reply.json.data.find((f: Json) => f.data === 'jobClientCode');
			expect(field).toEqual({ data: 'jobClientCode', label: 'Client Code', align: '', editable: true, fieldtype: 'text', displayorder: expect.any(Number), mandatory: true });
		});
	});

	describe('jobs.json create', () => {
		const create = async (data: unknown, company = '1') =>
			await api('jobs', { action: 'create', company, input: typeof data === 'string' ? data : JSON.stringify(data) });

		it('creates a job from the GET query input like the reference example and numbers it automatically', async () => {
			const reply = await create({
				data: [
					{
						varJobTemplate: '1/00000001',
						jobHandleruserid: '54',
						jobClientCode: '1/MULTI',
						jobJobtypeCode: '1/WEB',
						jobDescription: 'Café & "quotes" / #1 + more',
						jobDateIn: '2017/12/06',
						jobDateDue: '2017/12/07',
						jobHandlerTeam: '1/DQS',
						jobStatus: '2',
						jobContactInternalRef: 8600,
						jobCustomField218: 'My New Text',
					},
				],
			});
			expect(reply.status).toBe(200);
			expect(reply.json).toEqual({
				responsecode: 1,
				responsestatus: 'OK',
				errorcode: 0,
				errormessage: '',
				responsemessage: 'data processed successfully.',
				warningmessage: '',
				success: true,
				data: [{ jobNumber: '1/00000241', jobUuid: expect.stringMatching(/^[0-9A-F]{32}$/), jobTimeStampModified: expect.any(Number), jobRecommendedVersionNumber: 7 }],
			});
			expect(vendor.emulator.log[0].op).toBe('jobs:CREATE');
			const read = await api('jobs', { company: '1', modelstructure: 'jobdetails', job: '1/00000241' });
			expect(read.json.data[0]).toMatchObject({
				jobDescription: 'Café & "quotes" / #1 + more',
				jobDateIn: '2017-12-06',
				jobDateDue: '2017-12-07',
				jobStatus: 2,
				jobHandlerUserID: 54,
				jobClientName: 'Multi Store',
				jobReferenceJob: '1/00000001',
				jobCustomField218: 'My New Text',
			});
			expect(vendor.state.jobs.size).toBe(247);
		});

		it('ignores a due date earlier than the start date, as documented', async () => {
			await create({ data: [{ varJobTemplate: '1/00000001', jobClientCode: '1/ACME', jobDateIn: '2020-05-10', jobDateDue: '2020-05-01' }] });
			expect(vendor.state.jobs.get('1/00000241')).toMatchObject({ jobDateIn: '2020-05-10', jobDateDue: '2020-06-09' });
		});

		it('takes a given job number or a manual prefix only where the company allows it', async () => {
			const given = await create({ data: [{ varJobTemplate: '1/00000001', jobClientCode: '1/ACME', jobNumber: '1/00MJP20' }] });
			expect(given.json.data[0].jobNumber).toBe('1/00MJP20');
			const again = await create({ data: [{ varJobTemplate: '1/00000001', jobClientCode: '1/ACME', jobNumber: '1/00MJP20' }] });
			expect(again.json).toMatchObject({ success: false, errorcode: 2003, errormessage: 'job number 1/00MJP20 already exists' });
			const prefixed = await create({ data: [{ varJobTemplate: '1/00000001', jobClientCode: '1/ACME', jobPrefixOnly: 'JN' }] });
			expect(prefixed.json.data[0].jobNumber).toBe('1/JN000241');
			const refused = await create({ data: [{ varJobTemplate: '8/00800001', jobClientCode: '8/1244', jobPrefixOnly: 'JN' }] }, '8');
			expect(refused.json).toMatchObject({ success: false, errormessage: 'manual job prefixes are not allowed in company 8' });
		});

		it('answers data errors with the JSON error envelope and creates nothing', async () => {
			const cases: Array<[unknown, number, string]> = [
				[{ data: [{ varJobTemplate: '1/00000001' }] }, 2001, 'mandatory field jobClientCode not supplied'],
				[{ data: [{ jobClientCode: '1/ACME' }] }, 2001, 'mandatory field varJobTemplate not supplied'],
				[{ data: [{ varJobTemplate: '1/00000001', jobClientCode: '8/1244' }] }, 2002, 'client 8/1244 not found'],
				[{ data: [{ varJobTemplate: '1/09999999', jobClientCode: '1/ACME' }] }, 2002, 'template job 1/09999999 not found'],
				[{ data: [{ varJobTemplate: '1/00000001', jobClientCode: '1/ACME', jobStatus: '9' }] }, 2004, 'invalid value for jobStatus'],
				[{ data: [{ varJobTemplate: '1/00000001', jobClientCode: '1/ACME', jobDateIn: '2017-02-30' }] }, 2004, 'invalid value for jobDateIn'],
				[{ data: [{ varJobTemplate: '1/00000001', jobClientCode: '1/ACME', jobDateIn: '06/12/2017' }] }, 2004, 'invalid value for jobDateIn'],
				[{ data: [{ varJobTemplate: '1/00000001', jobClientCode: '1/ACME', jobHandlerUserID: '54' }] }, 2005, 'unknown field jobHandlerUserID'],
				[
					{ data: [{ varJobTemplate: '1/00000001', jobClientCode: '1/ACME' }, { varJobTemplate: '1/00000001' }] },
					2001,
					'mandatory field jobClientCode not supplied',
				],
			];
			for (const [input, code, message] of cases) {
				const reply = await create(input);
				expect(reply.status).toBe(200);
				expect(reply.json).toEqual({
					responsecode: 0,
					responsestatus: 'ERROR',
					errorcode: code,
					errormessage: message,
					responsemessage: '',
					warningmessage: '',
					success: false,
				});
			}
			expect(vendor.state.jobs.size).toBe(246);
			// The failed batch did not use up job numbers.
			expect((await create({ data: [{ varJobTemplate: '1/00000001', jobClientCode: '1/ACME' }] })).json.data[0].jobNumber).toBe('1/00000241');
		});

		it('rejects a malformed input parameter with the XML error', async () => {
			expect((await create('{"data":[{"varJobTemplate":"1/00000001",}]}')).text).toBe(xml(404503, 'invalid input: not valid JSON'));
			expect((await create({ varJobTemplate: '1/00000001', jobClientCode: '1/ACME' })).text).toBe(
				xml(404503, 'invalid input: expected {"data":[{…}]}'),
			);
			expect((await create({ data: [] })).text).toBe(xml(404503, 'invalid input: expected {"data":[{…}]}'));
			expect((await api('jobs', { action: 'create', company: '1' })).text).toBe(xml(404503, 'input not specified'));
			expect(vendor.state.jobs.size).toBe(246);
		});

		it('creates several jobs from one input array', async () => {
			const reply = await create({
				data: [
					{ varJobTemplate: '1/00000001', jobClientCode: '1/ACME' },
					{ varJobTemplate: '1/00000001', jobClientCode: '1/KITE', jobStatus: 1 },
				],
			});
			expect(reply.json.data.map((j: Json) => j.jobNumber)).toEqual(['1/00000241', '1/00000242']);
		});
	});
});
