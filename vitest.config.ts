import { createRequire } from 'node:module';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// One worker, no isolation between files: the seeded test database is built once per run
// and shared (test/fixtures/database.ts), which keeps the suite inside CI's time budget.
export default defineConfig({
  // The big screen's components (test/dashboard) are single-file components.
  plugins: [vue()],
  resolve: {
    // graphql 16 ships CommonJS (main) and ESM (module) side by side. Node loads the CommonJS
    // copy for Yoga and Pothos; Vite would give our sources the ESM one, and two copies break
    // `instanceof GraphQLError` (errors get masked) and schema printing. One copy, as in prod.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // The fault suite starts its own PostgreSQL, replicas and nginx: once a `pnpm test`, in the
    // PostgreSQL pass.
    exclude: ['**/node_modules/**', ...(process.env.HUB_TEST_DB === 'postgres' ? [] : ['test/faults/**'])],
    pool: 'forks',
    maxWorkers: 1,
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 300_000,
    env: { NODE_ENV: 'test' },
  },
});
