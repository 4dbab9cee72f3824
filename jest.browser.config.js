/** The n8n editor in headless chromium against a real n8n with the packed pack: `npx jest -c jest.browser.config.js`. */
module.exports = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['@swc/jest'] },
	testMatch: ['<rootDir>/test/browser/**/*.browser.test.ts'],
	modulePathIgnorePatterns: ['<rootDir>/.cache/'],
	// the real-n8n suite's setup: n8n installed, template database migrated, the pack packed once
	globalSetup: '<rootDir>/test/real-n8n/harness.ts',
	maxWorkers: 1,
	testTimeout: 5 * 60 * 1000,
	slowTestThreshold: 60,
};
