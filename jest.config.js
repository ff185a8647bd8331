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
  ],
};
