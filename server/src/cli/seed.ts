// `pnpm db:seed [--scale N] [--today YYYY-MM-DD] [--reset]`: fills the configured database
// with the demo county. Refuses a database that already holds data unless --reset, which
// empties it first (all tables, then the migrations again).
import { parseArgs } from 'node:util';
import { seedDatabase } from '../../../prisma/seed/index.ts';
import { ConfigError, loadConfig, seedScaleFor } from '../config.ts';
import { openDatabase } from '../db.ts';
import { migrate } from '../migrate.ts';
import { runCli } from './run.ts';

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string' },
      today: { type: 'string' },
      reset: { type: 'boolean', default: false },
    },
  });
  const config = loadConfig();
  const requested = values.scale === undefined ? undefined : Number(values.scale);
  if (requested !== undefined && !(requested > 0)) {
    throw new ConfigError(`--scale must be a positive number, got ${values.scale}`);
  }
  const today = values.today ? new Date(`${values.today}T12:00:00+08:00`) : new Date();
  if (Number.isNaN(today.getTime())) throw new ConfigError(`--today must be YYYY-MM-DD, got ${values.today}`);

  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
  try {
    if (values.reset) {
      await db.sql.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      console.log(`emptied ${db.kind} at ${db.location}`);
    }
    await migrate(db);
    const scale = requested ?? seedScaleFor(config, db.kind);
    const started = Date.now();
    const report = await seedDatabase(db, { scale, today, log: (line) => console.log(line) });
    const cases = report.counts.ServiceCase ?? 0;
    console.log(
      `seeded ${db.kind} at ${db.location}: ${cases.toLocaleString('en')} cases, scale ${scale}, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await db.close();
  }
});
