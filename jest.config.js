/**
 * Jest runs in ESM mode because NestJS 12 ships ES modules only.
 * ts-jest in ESM mode does not report type errors: `npm test` runs `tsc --noEmit` first.
 */
const tsJest = ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.spec.json' }];

/** @type {import('jest').Config} */
export default {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
  // Global, not per project: the e2e journeys start apps and hash passwords in beforeAll.
  testTimeout: 60000,
  // Every run shuffles the order of each file's tests (the seed is printed: rerun one with
  // --seed=N), so a test that leans on another having run first fails in CI, not in a year.
  randomize: true,
  projects: [
    {
      displayName: 'unit',
      extensionsToTreatAsEsm: ['.ts'],
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
      testMatch: [
        '<rootDir>/workflows/**/*.spec.ts',
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/apps/**/*.spec.ts',
      ],
    },
    {
      displayName: 'e2e',
      extensionsToTreatAsEsm: ['.ts'],
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/global-setup.ts',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      testTimeout: 60000,
    },
    {
      // Services against a real SQLite file per spec file and worker, through the migrations; no HTTP.
      displayName: 'service',
      extensionsToTreatAsEsm: ['.ts'],
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/global-setup.ts',
      testMatch: ['<rootDir>/test/service/**/*.service-spec.ts'],
      testTimeout: 60000,
    },
    {
      // Real Chromium (Debian's /usr/bin/chromium) through playwright-core, axe on every page.
      displayName: 'browser',
      extensionsToTreatAsEsm: ['.ts'],
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/global-setup.ts',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      testTimeout: 120000,
    },
  ],
};
