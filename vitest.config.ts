import { defineConfig } from 'vitest/config';

// One worker, no isolation between files: the seeded test database is built once per run
// and shared (test/fixtures/database.ts), which keeps the suite inside CI's time budget.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    exclude: ['test/e2e/**', '**/node_modules/**'],
    pool: 'forks',
    maxWorkers: 1,
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 300_000,
    env: { NODE_ENV: 'test' },
  },
});
