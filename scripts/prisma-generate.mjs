// Runs `prisma generate` offline. The Prisma CLI checks that its native schema engine
// exists before any command, although `generate` never uses it; the engine cannot be
// downloaded here, so point the check at an executable that does exist (see TOOLCHAIN.md).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { delimiter, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  // The Pothos generator's executable is a dependency of the server package.
  PATH: [resolve('server/node_modules/.bin'), process.env.PATH].join(delimiter),
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const result = spawnSync(process.execPath, [cli, 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
