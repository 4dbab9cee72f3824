import {
	API_USER,
	createSynergistEmulator,
	type SynergistEmulator,
} from '../../emulators/synergist';
import type { VendorEmulator } from '../../emulators/shared/types';
import { reliabilitySuite } from './reliability/runner';
import type { VendorReliability } from './reliability/types';

/*
 * Synergist through the reliability suite (issue 9): get, update (action=update, idempotent) and create
 * (action=create, not idempotent) of jobs under every generic fault. Synergist carries its credentials in the query
 * string of every call, so also: after a GETSHA512 (the login) no request carries the plain password.
 */

const synergist = (vendor: VendorEmulator) => vendor as SynergistEmulator;
const jobNumber = (index: number) => `1/${String(index).padStart(8, '0')}`;
/** The jobs updated by a case: three per case, round robin over the seed, so cases do not share jobs. */
let updated = 0;

const spec: VendorReliability = {
	vendor: 'synergist',
	nodeName: 'Synergist',
	nodeType: 'synergist',
	credentialType: 'synergistApi',
	createEmulator: () => createSynergistEmulator(),
	credential(vendor, sentinel) {
		const password = sentinel('password');
		synergist(vendor).changePassword(API_USER.login, password);
		return { ...vendor.credentialData(), password };
	},
	loginOps: ['GETSHA512'],
	operations: {
		read: {
			title: 'get a job',
			parameters: { resource: 'job', operation: 'get', jobNumber: '={{ $json.jobNumber }}' },
			input: () => [101, 102, 103].map((index) => ({ jobNumber: jobNumber(index) })),
			op: 'jobs:GETJOB',
			effects: (_vendor, items, output) =>
				items.map((item, index) => (output[index]?.jobNumber === item.jobNumber ? 1 : 0)),
		},
		idempotent: {
			title: 'update a job',
			parameters: {
				resource: 'job',
				operation: 'update',
				jobNumber: '={{ $json.jobNumber }}',
				updateFields: { description: '={{ $json.description }}' },
			},
			input: (vendor, tag) => {
				// every 37th seed job is numbered JN…: take the plain numbers of company 1, not the template 1/00000001
				const jobs = [...synergist(vendor).state.jobs.keys()].filter(
					(number) => /^1\/\d{8}$/.test(number) && number !== jobNumber(1),
				);
				return [0, 1, 2].map((index) => ({
					jobNumber: jobs[updated++ % jobs.length],
					description: `Reliability ${tag} ${index}`,
				}));
			},
			op: 'jobs:UPDATE',
			effects: (vendor, items) =>
				items.map((item) =>
					synergist(vendor).state.jobs.get(String(item.jobNumber))?.jobDescription ===
					item.description
						? 1
						: 0,
				),
		},
		write: {
			title: 'create a job',
			parameters: {
				resource: 'job',
				operation: 'create',
				templateJob: '1/00000001',
				clientCode: 'WARD',
				additionalFields: { description: '={{ $json.description }}' },
			},
			input: (_vendor, tag) =>
				[0, 1, 2].map((index) => ({ description: `Reliability ${tag} ${index}` })),
			op: 'jobs:CREATE',
			effects: (vendor, items) =>
				items.map(
					(item) =>
						[...synergist(vendor).state.jobs.values()].filter(
							(job) => job.jobDescription === item.description,
						).length,
				),
		},
	},
};

reliabilitySuite(spec, (ctx) => {
	ctx.test(
		'no request but a GETSHA512 (the login) carries the plain password, in the query or the body',
		async () => {
			ctx.kind('plain password only in GETSHA512', 'secrets');
			const logins = ctx.wire.filter((request) => request.op === 'GETSHA512');
			const calls = ctx.wire.filter((request) => request.op !== 'GETSHA512');
			expect(logins.length).toBeGreaterThan(1);
			expect(calls.length).toBeGreaterThan(100);
			const carriesPassword = (request: (typeof calls)[number]) =>
				Object.keys(request.query).some((name) => name.toLowerCase() === 'password') ||
				/(^|[&?\s"{,])password(=|":)/i.test(request.rawBody);
			expect(
				calls.filter(carriesPassword).map((request) => `${request.case}: ${request.op}`),
			).toEqual([]);
			// and every call after a login does carry the hash instead
			expect(
				calls
					.filter((request) => request.op !== undefined && !request.query.sha512password)
					.map((request) => `${request.case}: ${request.op}`),
			).toEqual([]);
		},
		'secrets',
	);
});
