import { crypto } from 'business-pack-devkit';

import {
	createSimpleSimonEmulator,
	type Row,
	type SimpleSimonState,
} from '../../emulators/simple-simon';
import type { VendorEmulator } from '../../emulators/shared/types';
import { reliabilitySuite } from './reliability/runner';
import type { VendorReliability } from './reliability/types';

/*
 * Simple-Simon through the reliability suite (issue 9): get, update (GET + PUT, idempotent) and create (POST, not
 * idempotent) of customers under every generic fault, plus: the bearer token travels in the Authorization header only.
 */

type Simon = VendorEmulator<SimpleSimonState>;
const customers = (vendor: VendorEmulator) =>
	Array.from((vendor as Simon).state.tables.customers.values());
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
/** The customer rows updated by a case: three per case, round robin over the seed, so cases do not share rows. */
let updated = 0;

const spec: VendorReliability = {
	vendor: 'simple-simon',
	nodeName: 'Simple-Simon',
	nodeType: 'simpleSimon',
	credentialType: 'simpleSimonApi',
	createEmulator: () => createSimpleSimonEmulator({ seedCount: 120 }),
	credential(vendor, sentinel) {
		const { account } = (vendor as Simon).state;
		// the licence code must be 16 digits: random ones, scanned as a password-typed credential value
		account.lickey = `4${BigInt(`0x${crypto.randomBytes(8).toString('hex')}`)
			.toString()
			.padStart(15, '7')
			.slice(-15)}`;
		account.apiKey = sentinel('apiKey');
		account.password = sentinel('password');
		return vendor.credentialData();
	},
	loginOps: ['login'],
	operations: {
		read: {
			title: 'get a customer',
			parameters: { resource: 'customer', operation: 'get', customerId: byId('={{ $json.id }}') },
			input: (vendor) =>
				customers(vendor)
					.slice(0, 3)
					.map((row) => ({ id: String(row.Id) })),
			op: 'customers:get',
			effects: (_vendor, items, output) =>
				items.map((item, index) => (output[index]?.Id === item.id ? 1 : 0)),
		},
		idempotent: {
			title: 'update a customer',
			parameters: {
				resource: 'customer',
				operation: 'update',
				customerId: byId('={{ $json.id }}'),
				fields: { field: [{ name: 'Name', value: '={{ $json.name }}' }] },
			},
			input: (vendor, tag) => {
				const rows = customers(vendor);
				return [0, 1, 2].map((index) => ({
					id: String(rows[updated++ % rows.length].Id),
					name: `Reliability ${tag} ${index}`,
				}));
			},
			op: 'customers:update',
			effects: (vendor, items) =>
				items.map((item) =>
					(vendor as Simon).state.tables.customers.get(String(item.id))?.Name === item.name ? 1 : 0,
				),
		},
		write: {
			title: 'create a customer',
			parameters: {
				resource: 'customer',
				operation: 'create',
				fields: {
					field: [
						{ name: 'Name', value: '={{ $json.name }}' },
						{ name: 'City', value: 'Utrecht' },
					],
				},
			},
			input: (_vendor, tag) => [0, 1, 2].map((index) => ({ name: `Reliability ${tag} ${index}` })),
			op: 'customers:create',
			effects: (vendor, items) =>
				items.map((item) => customers(vendor).filter((row: Row) => row.Name === item.name).length),
		},
	},
};

reliabilitySuite(spec, (ctx) => {
	ctx.test(
		'the bearer token travels in the Authorization header only, never in a URL or body',
		async () => {
			ctx.kind('token in the Authorization header only', 'secrets');
			const calls = ctx.wire.filter(
				(request) => request.op !== undefined && request.op !== 'login',
			);
			expect(calls.length).toBeGreaterThan(100);
			const tokens = new Set(
				calls
					.map((request) => (request.headers.authorization ?? '').replace(/^Bearer\s+/i, ''))
					.filter((t) => t !== ''),
			);
			expect(tokens.size).toBeGreaterThan(1);
			const elsewhere = calls.filter((request) =>
				[...tokens].some((token) =>
					`${request.path}?${JSON.stringify(request.query)} ${request.rawBody}`.includes(token),
				),
			);
			expect(elsewhere.map((request) => `${request.case}: ${request.op}`)).toEqual([]);
			expect(
				calls
					.filter((request) => !/^Bearer \S+$/.test(request.headers.authorization ?? ''))
					.map((request) => request.case),
			).toEqual([]);
		},
		'secrets',
	);
});
