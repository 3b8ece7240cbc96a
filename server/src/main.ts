// `pnpm start`: configuration → database → migrations → listen → seed an empty database →
// serve until SIGTERM or SIGINT, then stop gracefully. Startup failures print one line.
import { runCli } from './cli/run.ts';
import { ConfigError, loadConfig } from './config.ts';
import { type Database, openDatabase } from './db.ts';
import { logger } from './logger.ts';
import { migrate } from './migrate.ts';
import { createHubServer } from './server.ts';

/** Seed only a database nobody has filled: no completed seed and no regions. */
async function needsSeed(db: Database): Promise<boolean> {
  const seeded = await db.prisma.hubMeta.findUnique({ where: { key: 'seed.completedAt' } });
  return !seeded && (await db.prisma.region.count()) === 0;
}

await runCli(async () => {
  const config = loadConfig();
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
  const hub = createHubServer({ db, logger });
  let port: number;
  try {
    await migrate(db);
    port = await hub.listen(config.PORT, config.HOST).catch((error: Error) => {
      throw new ConfigError(
        `cannot listen on ${config.HOST}:${config.PORT}: ${error.message}; set PORT or HOST`,
      );
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  logger.info(
    { url: `http://${host}:${port}/graphql`, database: db.kind, location: db.location },
    'hub listening',
  );

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'hub stopping');
    await hub.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  // After listen, so /healthz answers during a long seed and /readyz says why it is not ready.
  if (config.HUB_SEED !== 'off' && (await needsSeed(db))) {
    logger.info({ scale: config.HUB_SEED_SCALE }, 'seeding the empty database');
    const { seedDatabase } = await import('../../prisma/seed/index.ts');
    await seedDatabase(db, { scale: config.HUB_SEED_SCALE, log: (line: string) => logger.info(line) });
    logger.info('seed completed');
  }
});
