import { credentials } from '../kit/pack-contents';

/*
 * Issue 9, secrets: every credential field that holds a secret is `typeOptions.password`, so n8n masks it in the
 * editor and redacts it when the credential is sent to the browser. A secret is a password, API or access key, licence
 * code, token, hash of the password or a cached session. The expected lists make a new secret field show up here.
 */

const SECRET_FIELDS: Record<string, string[]> = {
	simpleSimonApi: ['licenceKey', 'apiKey', 'password', 'accessToken'],
	simplyCrmApi: ['accessKey', 'password', 'sessionName', 'mobileSession'],
	simpleSalonApi: ['partnerToken', 'companyToken', 'password', 'sessionToken'],
	synergistApi: ['password', 'sha512Password'],
};

/** Field names that look like secrets. */
const SECRET_NAME =
	/pass(word)?|api_?key|access_?key|licen[cs]e|token|secret|sha512|^session(name|token)?$|mobilesession/i;
/**
 * Fields that look like secrets by name but are not: `sessionBinding` is a one-way 24-hex digest of the login inputs,
 * kept to notice an edited credential (nodes/shared/session.ts), never sent anywhere.
 */
const NOT_SECRET = new Set(['sessionBinding']);

describe.each(credentials.map((credential) => [credential.name, credential] as const))(
	'%s',
	(name, credential) => {
		it('lists its secret fields in this test', () => {
			expect(Object.keys(SECRET_FIELDS)).toContain(name);
		});

		it('makes every secret field a password field', () => {
			const secretLooking = credential.properties
				.filter(
					(property) =>
						property.type !== 'notice' &&
						SECRET_NAME.test(property.name) &&
						!NOT_SECRET.has(property.name),
				)
				.map((property) => property.name);
			expect(secretLooking.sort()).toEqual([...SECRET_FIELDS[name]].sort());
			const unmasked = credential.properties
				.filter(
					(property) =>
						SECRET_FIELDS[name].includes(property.name) && property.typeOptions?.password !== true,
				)
				.map((property) => property.name);
			expect(unmasked).toEqual([]);
		});

		it('masks every cached session (hidden, expirable) field', () => {
			const sessions = credential.properties.filter(
				(property) => property.typeOptions?.expirable === true,
			);
			expect(sessions.length).toBeGreaterThan(0);
			expect(
				sessions
					.filter((property) => property.typeOptions?.password !== true)
					.map((property) => property.name),
			).toEqual([]);
		});
	},
);
