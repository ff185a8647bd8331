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
  // Global (Jest ignores it per project): the journeys start apps, hash passwords and drive
  // Chromium, on CI machines of 2 cores where the tiers run side by side.
  testTimeout: 180000,
  // Two workers on 2 cores: Jest's default (cores - 1) ran in band, and much of the suite waits
  // on PostgreSQL and Chromium rather than the CPU. Each file has its own databases.
  maxWorkers: 2,
  // Every run shuffles the order of each file's tests (the seed is printed: rerun one with
  // --seed=N), so a test that leans on another having run first fails in CI, not in a year.
  randomize: true,
  // Jest gives a worker 500 ms from its END message to exit, then kills it and prints "A worker
  // process has failed to exit gracefully". Traced (NODE_OPTIONS=--require a preload wrapping
  // child_process.fork in Jest's parent and watching /proc): each worker ran its 'exit' event
  // 10-140 ms after END with nothing open but its stdio pipes, then spent 4.5-5 s tearing down a
  // 380-540 MB heap (runnable, waiting for CPU on 2 busy cores) and was killed mid-teardown. Nothing
  // is left open to close: a worker only needs longer to die. A real leak still shows, 10 s later.
  workerGracefulExitTimeout: 10_000,
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
    },
  ],
};
