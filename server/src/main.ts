// `pnpm start`: configuration → database → listen → migrations → seed an empty database →
// serve until SIGTERM or SIGINT, then stop gracefully. Listening comes first so /healthz
// answers throughout and /readyz names the step the start is in; replicas starting together
// take turns on the migrations' and the seed's advisory locks. Startup failures print one line; in
// production that includes a missing, default or short HUB_JWT_SECRET (config.ts). Outside
// production it prints a token for every role, so GraphiQL and the screen work at once.
import { setFlagsFromString } from 'node:v8';
import { scheduleAuditPruning } from './audit.ts';
import { mintToken, type Principal, roles, signingSecret } from './auth.ts';
import { runCli } from './cli/run.ts';
import { ConfigError, loadConfig, seedScaleFor } from './config.ts';
import { type Database, openDatabase } from './db.ts';
import { redisBus } from './live/bus.ts';
import { logger } from './logger.ts';
import { migrate } from './migrate.ts';
import { createHubServer } from './server.ts';

/**
 * One token per role, valid for a week, signed with the development secret unless one is set.
 * The scoped roles take the seed's first department, its first township and the source "demo";
 * on a database without them those roles are skipped.
 */
async function printDevelopmentTokens(db: Database, secret: string, baseUrl: string): Promise<void> {
  const department = await db.prisma.department.findFirst({ orderBy: { id: 'asc' }, select: { code: true } });
  const township = await db.prisma.region.findFirst({
    where: { level: 'TOWNSHIP', isHome: true },
    orderBy: { code: 'asc' },
    select: { code: true },
  });
  for (const role of roles) {
    const principal: Principal = { subject: `${role.toLowerCase()}-dev`, role };
    if (role === 'DEPARTMENT') {
      if (!department) continue;
      principal.departmentCode = department.code;
    }
    if (role === 'TOWNSHIP') {
      if (!township) continue;
      principal.regionCode = township.code;
    }
    if (role === 'INTEGRATION') principal.sourceSystem = 'demo';
    const token = await mintToken(secret, principal, { expiresIn: '7d' });
    const { subject: _subject, ...claims } = principal;
    logger.info({ ...claims, token }, `development token for ${role}`);
    if (role === 'SCREEN') logger.info({ url: `${baseUrl}/?token=${token}` }, 'open the big screen');
  }
}

await runCli(async () => {
  const config = loadConfig();
  if (config.HUB_HEAP_GROWING_PERCENT > 0) {
    setFlagsFromString(`--heap-growing-percent=${config.HUB_HEAP_GROWING_PERCENT}`);
  }
  const production = config.NODE_ENV === 'production';
  const secret = signingSecret(config);
  const graphiqlToken = production
    ? undefined
    : await mintToken(secret, { subject: 'graphiql-dev', role: 'ANALYST' }, { expiresIn: '7d' });
  const db = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.dataDir,
    statementTimeoutMs: config.HUB_REQUEST_TIMEOUT_MS,
  });
  const bus = config.REDIS_URL ? await redisBus({ url: config.REDIS_URL, logger }) : undefined;
  const hub = createHubServer({
    db,
    logger,
    ...(bus ? { bus } : {}),
    secret,
    limits: { production, requestTimeoutMs: config.HUB_REQUEST_TIMEOUT_MS },
    live: { throttleMs: config.HUB_LIVE_THROTTLE_MS, patchMs: config.HUB_LIVE_PATCH_MS, warmOnStart: true },
    ...(graphiqlToken ? { graphiqlToken } : {}),
  });
  hub.setStartupStep('applying the migrations (or waiting for another replica applying them)');
  const port = await hub.listen(config.PORT, config.HOST).catch(async (error: Error) => {
    await db.close();
    throw new ConfigError(
      `cannot listen on ${config.HOST}:${config.PORT}: ${error.message}; set PORT or HOST`,
    );
  });
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  logger.info(
    { url: `http://${host}:${port}/graphql`, database: db.kind, location: db.location },
    'hub listening',
  );

  let stopping = false;
  let stopPruning = async () => {};
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'hub stopping');
    await stopPruning();
    await hub.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  await migrate(db);
  if (config.HUB_SEED !== 'off') {
    const scale = seedScaleFor(config, db.kind);
    const { seedIfEmpty } = await import('../../prisma/seed/index.ts');
    hub.setStartupStep('checking whether the database needs its seed');
    const report = await seedIfEmpty(db, {
      scale,
      log: (line: string) => logger.info(line),
      onWait: () => {
        logger.info('another replica is seeding the database; waiting for it');
        hub.setStartupStep('another replica is seeding the database; waiting for it');
      },
      onStart: () => {
        logger.info({ scale }, 'seeding the empty database');
        hub.setStartupStep(`seeding the empty database (scale ${scale})`);
      },
    });
    if (report) {
      logger.info('seed completed');
      await hub.live.evaluateAlerts();
    }
  }
  hub.setStartupStep(undefined);
  stopPruning = scheduleAuditPruning({ db, retentionDays: config.HUB_AUDIT_RETENTION_DAYS, logger });
  if (!production) await printDevelopmentTokens(db, secret, `http://${host}:${port}`);
});
