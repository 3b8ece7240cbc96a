// `pnpm test`: every suite, on PGlite and then on PostgreSQL, and a closing line
// "N passed, N failed" over all of them. Extra arguments go to Vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const extra = process.argv.slice(2);
const runs = [
  { name: 'pglite', env: { HUB_TEST_DB: 'pglite' } },
  { name: 'postgres', env: { HUB_TEST_DB: 'postgres' } },
];
const outDir = mkdtempSync(join(tmpdir(), 'hub-test-'));
let passed = 0;
let failed = 0;
let exitCode = 0;

for (const run of runs) {
  const report = join(outDir, `${run.name}.json`);
  console.log(`\n━━ suites on ${run.name} ━━`);
  const result = spawnSync(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...extra,
    ],
    { stdio: 'inherit', env: { ...process.env, ...run.env } },
  );
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0);
  } catch {
    failed += 1;
  }
  if (result.status !== 0) exitCode = 1;
}

console.log(`\nall suites on pglite and postgres:\n${passed} passed, ${failed} failed`);
process.exit(exitCode || (failed > 0 ? 1 : 0));
