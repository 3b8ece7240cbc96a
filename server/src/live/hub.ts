// The live hub: what makes the big screen move without polling. It composes
// - live queries followed on this replica (queries.ts) and their recipes (recipes.ts);
// - the leader's recomputation of them after writes, throttled per live query (leader.ts);
// - numbered feeds: the case ticker, record events and alerts (feeds.ts, streams.ts);
// - what changes without a write it heard of: the day turning, untold writes (rollover.ts).
// One replica of the cluster leads (LiveBus.lead, renewed on every tick): it recomputes,
// patches new cases into the overview, evaluates alerts (schema/alerts/rules.ts) after writes
// that touch their sources and on a timer, and publishes; every replica hands the results to
// its own subscribers. Writes reach it through the server's commits pubsub (commits.ts); timers
// and "now" come from the injected scheduler (scheduler.ts).
import { randomUUID } from 'node:crypto';
import type { ExecutionArgs, ExecutionResult, GraphQLSchema } from 'graphql';
import type { Context } from '../context.ts';
import type { Database } from '../db.ts';
import type { Logger } from '../logger.ts';
import {
  type AlertJson,
  type AlertKind,
  alertKinds,
  alertSources,
  evaluateAlerts,
} from '../schema/alerts/rules.ts';
import { type CaseFact, CaseFacts } from '../schema/services/case-facts.ts';
import type { LiveBus } from './bus.ts';
import type { ChangeLog } from './changes.ts';
import type { Commits } from './commits.ts';
import { createLeader } from './leader.ts';
import { createLocalQueries } from './queries.ts';
import { type Identity, TOPIC } from './recipes.ts';
import { dayWatch, untoldWrites } from './rollover.ts';
import { realScheduler, type Scheduler, type Timer } from './scheduler.ts';
import { createStreams, type LiveFeeds } from './streams.ts';

export interface LiveHubOptions {
  db: Database;
  bus: LiveBus;
  /** What the server's writes committed: the hub subscribes and tells the cluster. */
  commits: Commits;
  schema: GraphQLSchema;
  logger: Logger;
  /** The calendar: which day it is (today's figures, alert deadlines). */
  clock: () => Date;
  /** Time passing: throttle windows, delays and ticks (Node's timers and Date.now by default). */
  scheduler?: Scheduler;
  /** A fresh context for an identity (the leader computes as the subscribers would). */
  contextFor(identity: Identity): Context;
  /** At most one recomputation per live query per this many ms (250). */
  throttleMs?: number;
  /** At most one overview push from new cases per live query per this many ms (100). */
  patchMs?: number;
  /** How often the leader checks the day, the KPI tables and its lease (1,000). */
  tickMs?: number;
  /** How often alerts are re-evaluated without a write (60,000). */
  alertEveryMs?: number;
  /** How long a live query nobody follows stays computed on this replica (120,000). */
  keepIdleMs?: number;
  /** How many live queries nobody follows stay computed at most; the oldest go first (100). */
  maxIdle?: number;
  /** A live query's result unchanged this long is sent again, so screens know it is live (60,000). */
  confirmEveryMs?: number;
  /** start() also computes the live queries screens followed before the last stop (see warm). */
  warmOnStart?: boolean;
}

export interface LiveHub extends LiveFeeds {
  readonly replica: string;
  /** The `live` subscription: a snapshot, then every recomputation. */
  liveQuery(args: ExecutionArgs): AsyncIterable<ExecutionResult>;
  /** Evaluates alerts now (the leader does it on its own; tests and admins may ask). */
  evaluateAlerts(kinds?: readonly AlertKind[]): Promise<AlertJson[]>;
  /** Starts leading, ticking and refreshing (once the database is migrated). */
  start(): void;
  /**
   * Computes the live queries screens followed before the hub last stopped (saved in HubMeta),
   * so screens reconnecting after a restart get their first figures at once. Resolves with how
   * many were computed; never throws.
   */
  warm(): Promise<number>;
  /** Whether this replica currently leads (recomputes and evaluates for the cluster). */
  isLeader(): boolean;
  /** Live queries and their subscribers on this replica. */
  stats(): { recipes: number; subscribers: number };
  /** Recomputations done by this replica, by recipe key (for tests and the benchmark). */
  readonly recomputations: Map<string, number>;
  /** Milliseconds spent recomputing live queries on this replica (execution only). */
  readonly recomputeMs: { total: number; max: number };
  /** Overview results pushed from kept case counts with new cases added (no recomputation). */
  readonly patches: { computed: number; pushed: number };
  stop(): Promise<void>;
}

export function createLiveHub(options: LiveHubOptions): LiveHub {
  const { db, bus, logger, clock } = options;
  const scheduler = options.scheduler ?? realScheduler;
  const tickMs = options.tickMs ?? 1000;
  const alertEveryMs = options.alertEveryMs ?? 60_000;
  const leaseMs = Math.max(3 * tickMs, 3000);
  const replica = randomUUID();
  const caseFacts = new CaseFacts();
  let leader = false;
  let stopped = false;
  let lastAlerts = 0;
  let alertsPending: Set<AlertKind> | null = null;
  let alertsRunning: Promise<void> | null = null;

  const warn = (error: unknown, message: string) => {
    if (!stopped) logger.warn({ err: error instanceof Error ? error.message : error }, message);
  };

  const leading = createLeader({
    schema: options.schema,
    bus,
    logger,
    scheduler,
    caseFacts,
    contextFor: options.contextFor,
    throttleMs: options.throttleMs ?? 250,
    patchMs: options.patchMs ?? 100,
    confirmEveryMs: options.confirmEveryMs ?? 60_000,
    recipeTtlMs: 30_000,
    leading: () => leader,
    stopped: () => stopped,
    warn,
  });
  const queries = createLocalQueries({
    db,
    bus,
    schema: options.schema,
    logger,
    scheduler,
    contextFor: options.contextFor,
    keepIdleMs: options.keepIdleMs ?? 120_000,
    maxIdle: options.maxIdle ?? 100,
    registered: (key, recipe) => {
      if (leader) leading.register(key, recipe);
    },
    warn,
  });
  const streams = createStreams(db, bus, warn);
  const day = dayWatch(clock);
  const untold = untoldWrites(db);

  async function runAlerts(kinds: readonly AlertKind[]): Promise<void> {
    if (!leader) return;
    const pending = alertsPending ?? new Set<AlertKind>();
    for (const kind of kinds) pending.add(kind);
    alertsPending = pending;
    if (alertsRunning) return;
    alertsRunning = (async () => {
      while (alertsPending && leader && !stopped) {
        const batch = [...alertsPending];
        alertsPending = null;
        const changed = await evaluateAlerts(db, clock(), batch);
        lastAlerts = scheduler.now();
        await streams.publishAlerts(changed);
      }
    })()
      .catch((error) => warn(error, 'alert evaluation failed'))
      .finally(() => {
        alertsRunning = null;
      });
    await alertsRunning;
  }

  const offDirty = bus.on(TOPIC.dirty, (detail) => {
    const dirty = detail as { tables: string[]; caseFacts?: CaseFact[] | null };
    const tables = new Set(dirty.tables);
    // Every replica keeps the cases it hears of: a replica that comes to lead has them.
    const newCases = tables.has('ServiceCase') ? (dirty.caseFacts ?? null) : [];
    if (newCases === null) caseFacts.forget();
    else caseFacts.add(newCases);
    if (!leader) return;
    untold.heard();
    leading
      .markDirty(tables)
      .then(() => {
        if (newCases?.length) leading.heardNewCases();
      })
      .catch((error) => warn(error, 'live queries could not be marked'));
    const kinds = alertKinds.filter((kind) => alertSources[kind].some((table) => tables.has(table)));
    if (kinds.length > 0) void runAlerts(kinds);
  });

  async function tick(): Promise<void> {
    let nowLeading = false;
    try {
      nowLeading = await bus.lead(replica, leaseMs);
    } catch (error) {
      warn(error, 'cannot reach the bus to lead');
    }
    if (nowLeading && !leader) {
      leader = true;
      logger.info({ replica }, 'leading live updates');
      untold.restart();
      await leading.markDirty(null);
      await runAlerts(alertKinds);
    } else if (!nowLeading && leader) {
      leader = false;
      logger.info({ replica }, 'no longer leading live updates');
      leading.drop();
    }
    await queries.tend();
    if (!leader) return;
    await leading.confirmUnchanged();
    await leading.catchUp();
    const today = day.turned();
    if (today !== null) {
      caseFacts.forget();
      logger.info({ today }, 'a new day: recomputing live queries and alerts');
      await leading.markDirty(null);
      await runAlerts(alertKinds);
    } else if (scheduler.now() - lastAlerts >= alertEveryMs) {
      await runAlerts(alertKinds);
    }
    const changed = await untold.check();
    if (changed === null || changed.has('ServiceCase')) caseFacts.forget();
    if (changed === null || changed.size > 0) await leading.markDirty(changed);
  }

  let ticking: Promise<void> | null = null;
  let timer: Timer | null = null;
  const runTick = () => {
    if (ticking || stopped) return;
    ticking = tick()
      .catch((error) => warn(error, 'live tick failed'))
      .finally(() => {
        ticking = null;
      });
  };
  /** A tick every tickMs (one still running is not started again). */
  const tickEvery = () => {
    timer = scheduler.setTimeout(() => {
      runTick();
      if (!stopped) tickEvery();
    }, tickMs);
  };

  /** After a write commits: the cluster hears what changed. */
  async function publishCommitted(changes: ChangeLog): Promise<void> {
    await bus.publish(TOPIC.dirty, { tables: [...changes.tables], caseFacts: changes.caseFacts });
    await streams.publishWrite(changes, clock());
  }

  // The server's writes, as they commit (each handled at once; a slow one holds up no other).
  const committed = options.commits.subscribe('committed');
  const alertsChanged = options.commits.subscribe('alerts');
  const listening = Promise.all([
    (async () => {
      for await (const changes of committed) {
        publishCommitted(changes).catch((error) => warn(error, 'live events of a write were not published'));
      }
    })(),
    (async () => {
      for await (const alerts of alertsChanged) {
        streams.publishAlerts(alerts).catch((error) => warn(error, 'changed alerts were not published'));
      }
    })(),
  ]);

  return {
    replica,
    recomputations: leading.recomputations,
    recomputeMs: leading.recomputeMs,
    patches: leading.patches,
    isLeader: () => leader,
    stats: queries.stats,
    liveQuery: queries.liveQuery,
    warm: queries.warm,
    caseTicker: streams.caseTicker,
    events: streams.events,
    alertFeed: streams.alertFeed,

    start() {
      if (timer || stopped) return;
      tickEvery();
      // The first tick right away: a single replica leads from its first second.
      runTick();
      if (options.warmOnStart) {
        void queries.warm().then((count) => {
          if (count > 0)
            logger.info({ liveQueries: count }, 'computed the live queries screens followed before');
        });
      }
    },

    async evaluateAlerts(kinds = alertKinds) {
      const changed = await evaluateAlerts(db, clock(), kinds);
      await streams.publishAlerts(changed);
      return changed;
    },

    async stop() {
      stopped = true;
      if (timer) scheduler.clearTimeout(timer);
      await ticking;
      offDirty();
      await Promise.all([committed.return(), alertsChanged.return()]);
      await listening;
      queries.stop();
      await leading.stop();
      await alertsRunning;
      if (leader) await bus.resign(replica).catch(() => {});
      leader = false;
    },
  };
}
