// `pnpm db:migrate`: applies pending migrations to the configured database (PGlite under
// HUB_DATA_DIR, or DATABASE_URL).
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db.ts';
import { migrate } from '../migrate.ts';
import { runCli } from './run.ts';

await runCli(async () => {
  const config = loadConfig();
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
  try {
    const report = await migrate(db);
    for (const name of report.applied) console.log(`applied ${name}`);
    for (const name of report.modified) console.warn(`warning: ${name} was changed after it was applied`);
    console.log(
      `${db.kind} at ${db.location}: ${report.applied.length} applied, ${report.alreadyApplied.length} already applied`,
    );
  } finally {
    await db.close();
  }
});
