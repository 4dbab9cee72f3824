/** The real-n8n suite: the pinned n8n 2.41.1 (Node 24) runs the packed pack. `npm test` runs it after the unit tests. */
module.exports = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['@swc/jest'] },
	testMatch: ['<rootDir>/test/real-n8n/**/*.n8n.test.ts'],
	// .cache holds n8n's own 2,300 packages and copies of test/n8n-runtime's manifests
	modulePathIgnorePatterns: ['<rootDir>/.cache/'],
	// installs n8n if needed (minutes, once), migrates a template database, builds and packs the pack once
	globalSetup: '<rootDir>/test/real-n8n/harness.ts',
	// every test drives cold n8n processes (3-5 s each) that share ports and the CPU: one file at a time
	maxWorkers: 1,
	testTimeout: 10 * 60 * 1000,
	slowTestThreshold: 60,
};
