// One node:http server: GraphQL over HTTP and over WebSocket (graphql-ws) on /graphql, health
// probes, and the big screen's files. stop() lets requests in flight finish before it returns.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { signingSecret } from './auth.ts';
import { type ContextServices, contextOf } from './context.ts';
import { defaultDashboardDir, serveDashboard } from './dashboard.ts';
import type { Database } from './db.ts';
import type { Limits } from './limits.ts';
import { setDirectSink, socketSink } from './live/broadcast.ts';
import { type LiveBus, memoryBus } from './live/bus.ts';
import { createCommits } from './live/commits.ts';
import { createLiveHub, type LiveHub, type LiveHubOptions } from './live/hub.ts';
import { logger as defaultLogger, type Logger } from './logger.ts';
import { readMigrations } from './migrate.ts';
import { schema } from './schema.ts';
import { invalidSocketToken, socketIdentities } from './socket-identity.ts';
import { createHubYoga, type HubYoga } from './yoga.ts';

export interface HubServerOptions {
  db: Database;
  logger?: Logger;
  /** "Now" for resolvers; tests pin it. */
  clock?: () => Date;
  /** The bearer-token secret; by default from HUB_JWT_SECRET (see auth.ts). */
  secret?: string;
  /** The dashboard's build output; dashboard/dist by default. */
  dashboardDir?: string;
  /** How long stop() waits for requests in flight before it cuts their connections. */
  shutdownGraceMs?: number;
  /** Overrides of the API limits (limits.ts); `production` defaults to NODE_ENV=production. */
  limits?: Partial<Limits>;
  /** A token GraphiQL's example tabs carry (development only). */
  graphiqlToken?: string;
  /** How replicas share live updates: Redis (live/bus.ts redisBus) or, by default, memory. */
  bus?: LiveBus;
  /** Tuning of the live hub (throttle, timers, the scheduler time passes by). */
  live?: Pick<
    LiveHubOptions,
    | 'throttleMs'
    | 'patchMs'
    | 'tickMs'
    | 'alertEveryMs'
    | 'keepIdleMs'
    | 'maxIdle'
    | 'confirmEveryMs'
    | 'warmOnStart'
    | 'scheduler'
  >;
  /**
   * How often WebSockets signed in with an API key ask the database whether it was revoked (a
   * JWT's expiry has its own timer; every new operation checks both).
   */
  identityRecheckMs?: number;
  /** WebSocket keep-alive: a ping this often; a socket that missed the last pong is closed. */
  keepAliveMs?: number;
  /** A WebSocket that has not sent connection_init this long after opening is closed (4408). */
  connectionInitWaitMs?: number;
  /**
   * A WebSocket holding more than this many bytes of messages it has not read (a frozen screen)
   * is closed instead of the hub keeping ever more for it (8 MB).
   */
  maxUnsentBytes?: number;
}

export interface HubServer {
  yoga: HubYoga;
  live: LiveHub;
  /** Starts listening; resolves with the port actually bound (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, lets requests in flight finish (bounded), closes WebSockets with 1001. */
  stop(): Promise<void>;
  /**
   * What the start is busy with (migrating, seeding, waiting for another replica's turn): /readyz
   * answers 503 with it as the reason, without asking the database, until it is cleared; the
   * live hub starts once it is cleared (or at listen when none is set).
   */
  setStartupStep(step: string | undefined): void;
}

export type Readiness = { ready: true } | { ready: false; reason: string };

export async function checkReadiness(db: Database, migrations: string[]): Promise<Readiness> {
  try {
    await db.sql.query('SELECT 1');
  } catch (error) {
    return { ready: false, reason: `the database does not answer: ${(error as Error).message}` };
  }
  let applied: Set<string>;
  try {
    const rows = await db.sql.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    applied = new Set(rows.map((row) => row.migration_name));
  } catch {
    return { ready: false, reason: 'the migrations have not run' };
  }
  const missing = migrations.filter((name) => !applied.has(name));
  if (missing.length > 0) return { ready: false, reason: `migrations not applied: ${missing.join(', ')}` };
  const seeded = await db.sql.query(`SELECT 1 FROM "HubMeta" WHERE key = 'seed.completedAt'`);
  if (seeded.length === 0) {
    return { ready: false, reason: 'the seed has not completed (no HubMeta seed.completedAt)' };
  }
  return { ready: true };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** What onSubscribe hands to graphql-ws's execute/subscribe: Yoga's enveloped functions ride along. */
type EnvelopedArgs = ExecutionArgs & Pick<ReturnType<HubYoga['getEnveloped']>, 'execute' | 'subscribe'>;

export function createHubServer(options: HubServerOptions): HubServer {
  const { db, logger = defaultLogger, clock = () => new Date(), shutdownGraceMs = 10_000 } = options;
  const services: ContextServices = { db, clock, secret: options.secret ?? signingSecret(process.env) };
  const bus = options.bus ?? memoryBus(logger);
  const commits = createCommits();
  const live = createLiveHub({
    db,
    bus,
    commits,
    schema,
    logger,
    clock,
    contextFor: (identity) => contextOf(services, identity, 'live'),
    ...options.live,
  });
  const yoga = createHubYoga(services, logger, {
    live: { hub: live, commits },
    limits: { production: process.env.NODE_ENV === 'production', ...options.limits },
    ...(options.graphiqlToken ? { graphiqlToken: options.graphiqlToken } : {}),
  });
  const migrations = readMigrations().map((migration) => migration.name);
  const dashboard = serveDashboard(options.dashboardDir ?? defaultDashboardDir);
  const inFlight = new Set<ServerResponse>();
  let stopping = false;
  // While a start-up step runs (migrations, the seed) the live hub waits: on the embedded
  // database its statements would run inside the step's transaction on the one connection, and
  // one of them failing on a table not yet created aborts the migration.
  let startupStep: string | undefined;
  let listening = false;

  async function route(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (pathname === yoga.graphqlEndpoint) {
      await yoga(req, res);
    } else if (pathname === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
    } else if (pathname === '/metrics') {
      sendMetrics(res, new URL(req.url ?? '/', 'http://hub').searchParams.has('gc'));
    } else if (pathname === '/readyz') {
      const readiness: Readiness = startupStep
        ? { ready: false, reason: startupStep }
        : await checkReadiness(db, migrations);
      if (readiness.ready) sendJson(res, 200, { status: 'ready' });
      else sendJson(res, 503, { status: 'unavailable', reason: readiness.reason });
    } else {
      dashboard(req, res, pathname);
    }
  }

  /**
   * Prometheus text: memory, WebSocket clients, live queries. `?gc=1` collects garbage first
   * when the process runs with --expose-gc (the realtime benchmark's heap readings).
   */
  function sendMetrics(res: ServerResponse, collect: boolean): void {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (collect && gc) gc();
    const memory = process.memoryUsage();
    const stats = live.stats();
    const lines = [
      `process_resident_memory_bytes ${memory.rss}`,
      `nodejs_heap_used_bytes ${memory.heapUsed}`,
      `nodejs_heap_total_bytes ${memory.heapTotal}`,
      `nodejs_external_bytes ${memory.external}`,
      `hub_websocket_clients ${wsServer.clients.size}`,
      `hub_websocket_buffered_bytes ${[...wsServer.clients].reduce((sum, socket) => sum + socket.bufferedAmount, 0)}`,
      `hub_live_queries ${stats.recipes}`,
      `hub_live_query_subscribers ${stats.subscribers}`,
      `hub_live_leader ${live.isLeader() ? 1 : 0}`,
      `hub_live_recomputations_total ${[...live.recomputations.values()].reduce((sum, n) => sum + n, 0)}`,
      `hub_live_recompute_seconds_total ${(live.recomputeMs.total / 1000).toFixed(3)}`,
      `hub_live_recompute_seconds_max ${(live.recomputeMs.max / 1000).toFixed(3)}`,
      `hub_live_patches_total ${live.patches.computed}`,
      `hub_live_patch_pushes_total ${live.patches.pushed}`,
    ];
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4', 'cache-control': 'no-store' });
    res.end(`${lines.join('\n')}\n`);
  }

  const httpServer = createServer((req, res) => {
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (stopping) httpServer.closeIdleConnections();
    });
    if (stopping) res.setHeader('connection', 'close');
    const { pathname } = new URL(req.url ?? '/', 'http://hub');
    route(req, res, pathname).catch((error: unknown) => {
      logger.error({ err: error, url: req.url }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { status: 'error' });
      else res.destroy();
    });
  });

  const wsServer = new WebSocketServer({ server: httpServer, path: yoga.graphqlEndpoint });
  // A WebSocket signs in with connection_init's `authorization` (or the upgrade request's header
  // or ?token=); a token the hub cannot accept, at once or later, closes it with 4403 Forbidden.
  const sockets = socketIdentities(services, logger, { recheckMs: options.identityRecheckMs ?? 5000 });
  const graphqlWs = useServer(
    {
      connectionInitWaitTimeout: options.connectionInitWaitMs ?? 3000,
      execute: (args) => (args as EnvelopedArgs).execute(args),
      subscribe: (args) => (args as EnvelopedArgs).subscribe(args),
      onConnect: async (ctx) => {
        const { request, socket } = ctx.extra;
        const fromParams = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        try {
          await sockets.connect(socket, {
            authorization: typeof fromParams === 'string' ? fromParams : request.headers.authorization,
            token: new URL(request.url ?? '/', 'http://hub').searchParams.get('token'),
          });
          return true;
        } catch (error) {
          logger.info({ reason: (error as Error).message }, 'WebSocket refused');
          return false;
        }
      },
      onSubscribe: async (ctx, id, params) => {
        const identity = await sockets.current(ctx.extra.socket);
        if (!identity) return [invalidSocketToken()];
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          identity,
        });
        const args: EnvelopedArgs = {
          schema,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue: await contextFactory(),
          execute,
          subscribe,
        };
        const errors = validate(args.schema, args.document);
        if (errors.length > 0) return errors;
        // Live queries and feeds write their messages to the socket themselves (broadcast.ts).
        setDirectSink(
          args.contextValue as object,
          socketSink(ctx.extra.socket, id, logger, options.maxUnsentBytes),
        );
        return args;
      },
    },
    wsServer,
    // The keep-alive below pings instead (one ping per interval, not two).
    0,
  );

  // Keep-alive: a WebSocket ping every keepAliveMs; one that did not answer the last is dead
  // (a screen whose network went away without closing) and is closed, so its subscriptions end.
  const alive = new WeakSet<object>();
  wsServer.on('connection', (socket) => {
    alive.add(socket);
    socket.on('pong', () => alive.add(socket));
  });
  const heartbeat = setInterval(() => {
    for (const socket of wsServer.clients) {
      if (!alive.has(socket)) {
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      socket.ping();
    }
  }, options.keepAliveMs ?? 12_000);
  heartbeat.unref();

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      clearInterval(heartbeat);
      sockets.stop();
      await live.stop();
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      httpServer.closeIdleConnections();
      const deadline = setTimeout(() => {
        logger.warn({ inFlight: inFlight.size }, 'shutdown grace period over; closing connections');
        httpServer.closeAllConnections();
        for (const socket of wsServer.clients) socket.terminate();
      }, shutdownGraceMs);
      await Promise.all([graphqlWs.dispose(), closed]);
      clearTimeout(deadline);
      await yoga.dispose();
      await bus.close();
    })();
    return stopped;
  };

  return {
    yoga,
    live,
    listen: (port, host = '0.0.0.0') =>
      new Promise<number>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          listening = true;
          if (startupStep === undefined) live.start();
          resolve((httpServer.address() as AddressInfo).port);
        });
      }),
    stop,
    setStartupStep: (step) => {
      startupStep = step;
      if (step === undefined && listening) live.start();
    },
  };
}
