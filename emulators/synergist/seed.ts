/** Deterministic seed data for the Synergist emulator, shaped like the examples in the v3.2 reference. */
import { createHash } from 'node:crypto';

export interface SynergistCompany {
	number: number;
	name: string;
	/** Whether a job create may carry `jobPrefixOnly` ("only accepted if the company settings allow for manual prefixes"). */
	manualPrefixes: boolean;
	/** Next automatic job number. */
	nextJobNumber: number;
}

export interface SynergistUser {
	userUserId: number;
	login: string;
	password: string;
	fullName: string;
	disabled: boolean;
	userUuid: string;
	userTimestampModified: number;
	userRecordVersionNumber: number;
	/** Server-side salt of the stored hash; a new salt makes every earlier `userPasswordSha512` invalid. */
	salt: string;
	/** When the current salt was made (emulator clock), for the optional hash lifetime. */
	saltIssuedAt: number;
	/** Companies the user may work in. */
	companies: number[];
}

export interface SynergistClient {
	code: string;
	name: string;
	contacts: Array<{ ref: number; fullName: string }>;
}

export interface SynergistJob {
	jobNumber: string;
	jobUuid: string;
	jobTimeStampModified: number;
	jobRecommendedVersionNumber: number;
	company: number;
	jobDescription: string;
	jobComments: string;
	jobClientCode: string;
	jobDateIn: string;
	jobDateDue: string;
	jobCompletedDate: string;
	jobStatus: number;
	jobCompleted: boolean;
	jobOrderNumber: string;
	jobReferenceJob: string;
	jobJobtypeCode: string;
	jobHandlerUserID: number;
	jobHandlerTeam: string;
	jobContactInternalRef: number;
	jobProjectCode: number;
	jobCampaignNo: number;
	jobCurrencyCode: string;
	jobExchangeRate: number;
	jobThermValue: number;
	custom: Record<string, string>;
	/** Template jobs are what `varJobTemplate` may name. */
	template: boolean;
}

export interface SynergistView {
	settings_uuid: string;
	settingsTimeStampModified: number;
	settingsRecordVersionNumber: number;
	SettingsCompany: number;
	SettingsDescription: string;
	SettingsDisplayOrder: string;
	SettingsSettingsID: number | string;
	SettingsUserID: number;
	SettingsDefault: boolean;
	settingsSort: string;
	settingsSortDirection: 'ASC' | 'DESC';
	/** views.json `type` this view belongs to. */
	type: ViewType;
	/** Which jobs the saved query selects (jobs views only). */
	matches?: (job: SynergistJob, user: SynergistUser) => boolean;
}

/** views.json `type` values as the reference lists them. */
export const VIEW_TYPES = ['Organizations', 'Contacts', 'Activities', 'Opportunities', 'Jobs', 'Phases'] as const;
export type ViewType = (typeof VIEW_TYPES)[number];

export const JOB_STATUS: Record<number, string> = { 1: 'Quote', 2: 'Live', 3: 'In house', 4: 'On hold', 5: 'Special' };

export const JOB_TYPES: Record<string, string> = { WEB: 'Website Design', PRT: 'Print', BRD: 'Branding', PCD: 'Product Development' };
export const TEAMS: Record<string, string> = { ACC: 'Accounts', DQS: 'Design & Quality', STU: 'Studio' };
export const CURRENCIES = ['GBP', 'EUR', 'DOL'];
/** Custom job fields this installation has (their numbers differ per installation). */
export const JOB_CUSTOM_FIELDS: Record<string, 'text' | 'date'> = { jobCustomField185: 'text', jobCustomField218: 'text', jobCustomField290: 'date' };

/** The API user from the reference examples, with a password that needs URL encoding. */
export const API_USER = { login: 'user', password: 'Syn&ergist pa55=word%', userUserId: 54 };
export const DEFAULT_COMPANY = 1;
export const DEFAULT_SEED_COUNT = 240;
/** First epoch-seconds timestamp of the seed (2018-02-20, as in the jobs list example). */
const BASE_TIME = 1519131664;

/** 32 upper-case hex characters with no dashes, like every uuid in the reference. */
export function uuidOf(seed: string): string {
	return createHash('sha256').update(`synergist:${seed}`).digest('hex').slice(0, 32).toUpperCase();
}

/** The server's stored hash: salted, so it is not sha512(password) (the reference's example does not match either). */
export function serverHash(user: Pick<SynergistUser, 'salt' | 'password'>): string {
	return createHash('sha512').update(`${user.salt}:${user.password}`, 'utf8').digest('hex');
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

function isoDate(epochDays: number): string {
	return new Date(epochDays * 86400000).toISOString().slice(0, 10);
}

export function seedCompanies(): SynergistCompany[] {
	return [
		{ number: 1, name: 'Synergist Demo Ltd', manualPrefixes: true, nextJobNumber: 1 },
		{ number: 8, name: 'Synergist Europe BV', manualPrefixes: false, nextJobNumber: 800001 },
	];
}

export function seedUsers(clock: number): SynergistUser[] {
	const user = (userUserId: number, login: string, password: string, fullName: string, disabled = false, companies = [1, 8]) => ({
		userUserId,
		login,
		password,
		fullName,
		disabled,
		userUuid: uuidOf(`user:${userUserId}`),
		userTimestampModified: 1526290294,
		userRecordVersionNumber: 2280,
		salt: createHash('md5').update(`salt:${login}:0`).digest('hex'),
		saltIssuedAt: clock,
		companies,
	});
	return [
		user(API_USER.userUserId, API_USER.login, API_USER.password, 'SYN_Jon'),
		user(256, 'jimish', 'jimish-password', 'SYN_Jimish', false, [1]),
		user(286, 'leaver', 'leaver-password', 'Former Employee', true),
	];
}

export function seedClients(): SynergistClient[] {
	const names: Array<[string, string]> = [
		['1/MULTI', 'Multi Store'],
		['1/WARD', 'Ward  Homes'],
		['1/F667', 'Fenwick & Sons'],
		['1/ACME', 'Acme Widgets'],
		['1/BLUE', 'Bluebell Foods'],
		['1/KITE', 'Kite Aviation'],
		['1/ORCH', 'Orchard Cider Co'],
		['1/PINE', 'Pine Street Dental'],
		['8/1244', 'Van Dijk Logistiek'],
		['8/1250', 'Brouwerij Oost'],
	];
	return names.map(([code, name], index) => ({
		code,
		name,
		contacts: [{ ref: 20 + index * 3, fullName: `Contact ${index + 1} of ${name}` }],
	}));
}

const DESCRIPTIONS = ['Web site', 'Letterhead - re-design', 'Spring campaign', 'Brochure reprint', 'Trade show stand', 'Logo refresh', 'Annual report', 'Product launch'];

function makeJob(company: number, code: string, index: number, clients: SynergistClient[], template = false): SynergistJob {
	const companyClients = clients.filter((c) => c.code.startsWith(`${company}/`));
	const client = companyClients[index % companyClients.length];
	const status = template ? 5 : [2, 2, 1, 2, 3, 2, 4][index % 7];
	const dateIn = 17000 + index * 3;
	const completed = !template && index % 11 === 0;
	return {
		jobNumber: `${company}/${code}`,
		jobUuid: uuidOf(`job:${company}/${code}`),
		jobTimeStampModified: BASE_TIME + index * 97,
		jobRecommendedVersionNumber: 1 + (index % 240),
		company,
		jobDescription: template ? 'Template - standard project' : `${DESCRIPTIONS[index % DESCRIPTIONS.length]} ${index}`,
		jobComments: '',
		jobClientCode: client.code,
		jobDateIn: isoDate(dateIn),
		jobDateDue: isoDate(dateIn + 30),
		jobCompletedDate: completed ? isoDate(dateIn + 28) : '0000-00-00',
		jobStatus: status,
		jobCompleted: completed,
		jobOrderNumber: index % 5 === 0 ? String(index) : '',
		jobReferenceJob: '',
		jobJobtypeCode: `${company}/${Object.keys(JOB_TYPES)[index % 4]}`,
		jobHandlerUserID: index % 3 === 0 ? API_USER.userUserId : index % 3 === 1 ? 256 : 0,
		jobHandlerTeam: index % 2 === 0 ? `${company}/DQS` : '',
		jobContactInternalRef: client.contacts[0].ref,
		jobProjectCode: 0,
		jobCampaignNo: 0,
		jobCurrencyCode: `${company}/${CURRENCIES[index % 3]}`,
		jobExchangeRate: [1, 1.18, 1.5][index % 3],
		jobThermValue: (index * 13) % 120,
		custom: { jobCustomField185: '', jobCustomField218: '', jobCustomField290: '0000-00-00' },
		template,
	};
}

/**
 * `count` jobs in company 1 (the first is the template job 1/00000001; every 37th has a manual prefix like the
 * reference's 1/JN088004) and a few in company 8 with their template 8/00800001.
 */
export function seedJobs(count: number, clients: SynergistClient[]): SynergistJob[] {
	const jobs: SynergistJob[] = [];
	for (let i = 1; i <= count; i++) {
		const code = i % 37 === 0 ? `JN${pad(i, 6)}` : pad(i, 8);
		jobs.push(makeJob(1, code, i, clients, i === 1));
	}
	for (let i = 1; i <= 6; i++) jobs.push(makeJob(8, pad(800000 + i, 8), i, clients, i === 1));
	return jobs;
}

export function newJob(company: number, jobNumber: string, clients: SynergistClient[], clock: number): SynergistJob {
	const job = makeJob(company, jobNumber.slice(jobNumber.indexOf('/') + 1), 0, clients);
	return { ...job, jobTimeStampModified: Math.floor(clock / 1000), jobRecommendedVersionNumber: 7, jobOrderNumber: '', jobCompletedDate: '0000-00-00', jobCompleted: false };
}

export function seedViews(): SynergistView[] {
	const view = (
		id: number | string,
		type: ViewType,
		description: string,
		order: string,
		extra: Partial<SynergistView> = {},
	): SynergistView => ({
		settings_uuid: uuidOf(`view:${id}`),
		settingsTimeStampModified: 1466508984,
		settingsRecordVersionNumber: 0,
		SettingsCompany: 0,
		SettingsDescription: description,
		SettingsDisplayOrder: order,
		SettingsSettingsID: id,
		SettingsUserID: 0,
		SettingsDefault: false,
		settingsSort: 'JOBNUMBER',
		settingsSortDirection: 'ASC',
		type,
		...extra,
	});
	return [
		view(-1300, 'Jobs', 'All jobs', '01', { matches: () => true }),
		view(-1303, 'Jobs', 'Live jobs', '02', { matches: (job) => job.jobStatus === 2 && !job.jobCompleted, SettingsDefault: true }),
		view(-1304, 'Jobs', 'Quotes', '03', { matches: (job) => job.jobStatus === 1 }),
		view(-1305, 'Jobs', 'My jobs', '04', { matches: (job, user) => job.jobHandlerUserID === user.userUserId }),
		view('SELECTVIEW50210', 'Jobs', 'Completed jobs (Europe)', '05', {
			SettingsCompany: 8,
			SettingsUserID: API_USER.userUserId,
			matches: (job) => job.jobCompleted,
		}),
		view(-1307, 'Phases', 'All phases', '01', { settingsSort: 'JOBANDPHASE' }),
		view(-1700, 'Activities', 'All activities', '01', { settingsSort: 'DATEREQUIRED' }),
		view(-1703, 'Activities', 'My open activities', '02', { settingsSort: 'DATEREQUIRED' }),
		view(-1001, 'Organizations', 'Active clients', '01', { settingsSort: 'CLIENTNAME' }),
	];
}
