// The screen's GraphQL types are generated from the published schema (schema.graphql) and its
// documents; this fails when either changed and `pnpm codegen` was not run again.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const dashboard = fileURLToPath(new URL('../../dashboard', import.meta.url));

test('the generated GraphQL types match schema.graphql and the screen’s documents', () => {
  const result = spawnSync(
    `${dashboard}/node_modules/.bin/graphql-codegen`,
    ['--config', 'codegen.ts', '--check'],
    {
      cwd: dashboard,
      encoding: 'utf8',
    },
  );
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/error/i);
  expect(result.status, 'run `pnpm codegen` and commit dashboard/src/graphql/generated').toBe(0);
});
