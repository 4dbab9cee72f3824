/** Unit and emulator tests (fast, Node 20). The real-n8n suite runs separately: `npm run test:n8n`. */
module.exports = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['@swc/jest'] },
	testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/emulators/**/*.test.ts'],
	testTimeout: 20000,
	modulePathIgnorePatterns: ['<rootDir>/.cache/', '<rootDir>/dist/'],
};
