// The live hub: what makes the big screen move without polling.
//
// Live queries. `subscription { live { overview { … } caseStatistics(…) { … } } }` selects any
// Query fields. Subscribers with the same selection, variables and access share one "recipe"
// (keyed by a hash). The cluster's leader recomputes a recipe when a committed write touched a
// table one of its fields reads (live/domains.ts): only those fields, at most once per recipe
// per throttle window (250 ms), and publishes the result once; every replica hands that same
// result to its subscribers. A new subscriber registers its recipe first and computes its
// snapshot second, so a write that commits meanwhile is either in the snapshot or recomputed
// and pushed after it.
//
// Feeds. Writes publish what they created or moved (cases received and completed, problems,
// slips, disbursements, blacklist changes) and alerts, numbered per stream. A feed subscriber
// gets the latest items first, then every message; `seq` tells it whether it missed one.
//
// New cases. A write that only adds cases (or moves them without changing what the rollups
// count) tells the cluster how each new case is counted (schema/services/case-facts.ts). The leader adds them
// to the overview's kept case counts and pushes the overview at once, without reading the
// rollups; the throttled recomputation follows as usual and replaces the sum with the database's
// own (pushed only if it differs). So a case received reaches the screen's headline figures
// within a write's round trip, while recomputations stay at most one per recipe per window.
//
// Time. The leader notices the Asia/Shanghai day turning (today's figures and working-day
// deadlines roll over), re-evaluates alerts on a timer, and recomputes everything when the KPI
// tables changed without a write it heard of (seed, SQL by hand).
import { createHash, randomUUID } from 'node:crypto';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionNode,
} from 'graphql';
import { Repeater } from 'graphql-yoga';
import { rowVisible } from '../access.ts';
import type { Context } from '../context.ts';
import type { Database } from '../db.ts';
import { shanghaiDay } from '../kpi/period.ts';
import { type ChangeSums, kpiChangeSums, NotKept } from '../kpi/sql.ts';
import type { Logger } from '../logger.ts';
import {
  type AlertJson,
  type AlertKind,
  alertKinds,
  alertSources,
  evaluateAlerts,
  openAlerts,
} from '../schema/alerts/rules.ts';
import { tablesOf } from '../schema/reads.ts';
import { type CaseFact, CaseFacts } from '../schema/services/case-facts.ts';
import {
  type CaseTickJson,
  TICK_COLUMNS,
  TICK_FROM,
  type TickRow,
  tickOf,
} from '../schema/services/ticker.ts';
import { directSinkOf, type ErrorJson, errorsJson, sharedJson } from './broadcast.ts';
import { fanOutQueue, type LiveBus } from './bus.ts';
import type { ChangeLog } from './changes.ts';

export const LIVE_FIELD = 'live';

const TOPIC = {
  dirty: 'live:dirty',
  result: 'live:result',
  cases: 'live:feed:cases',
  events: 'live:feed:events',
  alerts: 'live:feed:alerts',
} as const;

export const eventStreams = ['PROBLEMS', 'SLIPS', 'PROJECTS', 'FUNDS', 'CREDIT'] as const;
export type EventStream = (typeof eventStreams)[number];

/** Which table's changes go to which event stream. */
const streamOfTable: Record<string, EventStream> = {
  Problem: 'PROBLEMS',
  ProblemFollowUp: 'PROBLEMS',
  AssignmentSlip: 'SLIPS',
  InvestmentProject: 'PROJECTS',
  ProjectProgress: 'PROJECTS',
  Disbursement: 'FUNDS',
  BlacklistEntry: 'CREDIT',
  CreditRepair: 'CREDIT',
};

export interface HubEventJson {
  stream: EventStream;
  action: 'CREATED' | 'UPDATED' | 'STATUS';
  entity: string;
  entityId: number;
  status: string | null;
  previousStatus: string | null;
  at: string;
}

export interface FeedMessage<T> {
  seq: number;
  snapshot: boolean;
  items: T[];
  /** Items of the write left out of the message (a bulk write sends its latest ones). */
  more: number;
}

function localEntry(recipe: Recipe, json: string, document: DocumentNode): LocalRecipe {
  return { recipe, json, document, subscribers: new Set(), snapshot: null, latest: null, idleSince: null };
}

/** Where the live queries followed at the last save are kept, for warm() after a restart. */
const SAVED_RECIPES = 'live.recipes';
const MAX_SAVED_RECIPES = 200;

/** The most items one feed message carries. */
const FEED_CAP = 50;

interface Identity {
  principal: Context['principal'];
  access: Context['access'];
}

interface Recipe {
  /** The Query document derived from the subscription (every top-level field). */
  query: string;
  variables: Record<string, unknown>;
  identity: Identity;
}

interface LocalRecipe {
  recipe: Recipe;
  json: string;
  document: DocumentNode;
  subscribers: Set<(message: ResultMessage) => void>;
  /** The snapshot being computed, shared by everyone who subscribes meanwhile. */
  snapshot: { seq: number; result: Promise<ExecutionResult> } | null;
  /**
   * The newest result this replica holds (a snapshot or a push). It is a valid snapshot for
   * a new subscriber: a write it lacks committed after it was computed, when the leader
   * already knew this selection, so that write's push is still to come.
   */
  latest: Omit<ResultMessage, 'key'> | null;
  /**
   * Since when nobody here follows it. It is kept (and kept current) a while longer, so a screen
   * that reloads or reconnects starts from its newest result instead of a new computation.
   */
  idleSince: number | null;
}

interface ResultMessage {
  key: string;
  seq: number;
  data: Record<string, unknown> | null;
  errors?: ErrorJson[];
}

interface LeaderState {
  parsed: {
    operation: OperationDefinitionNode;
    fragments: FragmentDefinitionNode[];
    fields: Map<string, ReadonlySet<string> | null>;
  };
  recipe: Recipe;
  last: Record<string, unknown> | null;
  pending: Set<string>;
  lastStart: number;
  timer: NodeJS.Timeout | null;
  /** A recomputation or a patch (never both at once). */
  running: Promise<void> | null;
  /** New cases were heard of since the last computation: patch the overview fields. */
  patchWanted: boolean;
  lastPatch: number;
  patchTimer: NodeJS.Timeout | null;
  /** The last result published (JSON), to leave out recomputations that changed nothing. */
  published?: string;
  /** The last result published, and when: sent again as a confirmation when nothing changed. */
  lastMessage?: Omit<ResultMessage, 'seq'>;
  publishedAt: number;
}

export interface LiveHooks {
  /** Between registering a live query and computing its snapshot (tests land writes here). */
  beforeSnapshot?(): Promise<void>;
  /** After the snapshot was computed, before it is sent. */
  afterSnapshot?(): Promise<void>;
}

export interface LiveHubOptions {
  db: Database;
  bus: LiveBus;
  schema: GraphQLSchema;
  logger: Logger;
  clock: () => Date;
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
  hooks?: LiveHooks;
}

export interface LiveHub {
  readonly replica: string;
  /** After a write commits: tell the cluster what changed. Never throws. */
  committed(changes: ChangeLog, by: Pick<Context, 'principal'>): void;
  /** The `live` subscription: a snapshot, then every recomputation. */
  liveQuery(args: ExecutionArgs): AsyncIterable<ExecutionResult>;
  caseTicker(filter: FeedFilter, limit: number): AsyncIterable<FeedMessage<CaseTickJson>>;
  events(filter: FeedFilter, streams: readonly EventStream[]): AsyncIterable<HubEventJson & { seq: number }>;
  alertFeed(filter: FeedFilter, limit: number): AsyncIterable<FeedMessage<AlertJson>>;
  /** Evaluates alerts now (the leader does it on its own; tests and admins may ask). */
  evaluateAlerts(kinds?: readonly AlertKind[]): Promise<AlertJson[]>;
  /** Publishes alerts that changed outside an evaluation (an acknowledgement). */
  publishAlerts(alerts: AlertJson[]): Promise<void>;
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

export interface FeedFilter {
  /** Only items within this region subtree (a region path prefix). */
  regionPath: string | null;
  /** Only items of this department. */
  departmentId: number | null;
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

function splitDocument(document: DocumentNode, operationName?: string | null) {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const operation =
    operations.find((candidate) => !operationName || candidate.name?.value === operationName) ??
    operations[0];
  const fragments = document.definitions.filter(
    (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
  );
  if (!operation) throw new Error('no operation');
  return { operation, fragments };
}

/** The selection of the `live` field, or null when the operation is not a live query. */
export function liveSelection(document: DocumentNode, operationName?: string | null): FieldNode | null {
  const { operation } = splitDocument(document, operationName);
  if (operation.operation !== 'subscription') return null;
  const [first, ...rest] = operation.selectionSet.selections;
  if (rest.length > 0 || first?.kind !== Kind.FIELD || first.name.value !== LIVE_FIELD) return null;
  return first;
}

/** A top-level selection's name: a field's response key, or `#<position>` for a fragment. */
const selectionKey = (selection: SelectionNode, index: number) =>
  selection.kind === Kind.FIELD ? (selection.alias?.value ?? selection.name.value) : `#${index}`;

/** The live field's selection as a Query document, limited to some response keys if given. */
function queryDocument(
  operation: OperationDefinitionNode,
  fragments: FragmentDefinitionNode[],
  selections: readonly SelectionNode[],
): DocumentNode {
  return {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        ...operation,
        operation: 'query' as OperationDefinitionNode['operation'],
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      },
      ...fragments,
    ],
  };
}

export function identityKey(identity: Identity): Identity {
  const principal = identity.principal;
  return {
    // Who exactly does not change what a role sees; the role and its limits do.
    principal: principal
      ? {
          subject: `live:${principal.role}`,
          role: principal.role,
          ...(principal.departmentCode ? { departmentCode: principal.departmentCode } : {}),
          ...(principal.regionCode ? { regionCode: principal.regionCode } : {}),
          ...(principal.sourceSystem ? { sourceSystem: principal.sourceSystem } : {}),
        }
      : null,
    access: identity.access,
  };
}

function inScope(filter: FeedFilter, regionPath: string | null, departmentId: number | null): boolean {
  if (filter.regionPath && !(regionPath ?? '').startsWith(filter.regionPath)) return false;
  if (filter.departmentId !== null && departmentId !== filter.departmentId) return false;
  return true;
}

/**
 * A stream of numbered messages that starts with a snapshot: listens first, reads the stream's
 * number, computes the snapshot, then passes on what arrived after that number.
 */
/**
 * Snapshots of a feed by stream, filter and size, with the stream number they were taken at:
 * subscribers arriving while nothing was published share one (a wall of screens reconnecting
 * at once costs one query, not one each).
 */
const feedSnapshots = new WeakMap<LiveBus, Map<string, { seq: number; snapshot: Promise<unknown> }>>();

function sharedSnapshot<T>(
  bus: LiveBus,
  key: string,
  seq: number,
  take: (seq: number) => Promise<T>,
): Promise<T> {
  let byKey = feedSnapshots.get(bus);
  if (!byKey) {
    byKey = new Map();
    feedSnapshots.set(bus, byKey);
  }
  const kept = byKey.get(key);
  if (kept && kept.seq === seq) return kept.snapshot as Promise<T>;
  const snapshot = take(seq);
  byKey.set(key, { seq, snapshot });
  snapshot.catch(() => byKey.delete(key));
  return snapshot;
}

/**
 * What a message becomes for one filter, worked out once per message and filter: subscribers
 * with the same filter get the very same object, so their GraphQL results are computed once
 * too (see useSharedFeeds in yoga.ts).
 */
const passed = new WeakMap<object, Map<string, unknown>>();

function passOnce<M extends object, T>(message: M, key: string, pass: (message: M) => T | null): T | null {
  let byKey = passed.get(message);
  if (!byKey) {
    byKey = new Map();
    passed.set(message, byKey);
  }
  if (!byKey.has(key)) byKey.set(key, pass(message));
  return byKey.get(key) as T | null;
}

/** Whether a published record is within one scope, asked once per record and scope. */
const visibility = new WeakMap<object, Map<string, Promise<boolean>>>();

function visibleOnce(event: object, scope: string, check: () => Promise<boolean>): Promise<boolean> {
  let byScope = visibility.get(event);
  if (!byScope) {
    byScope = new Map();
    visibility.set(event, byScope);
  }
  let visible = byScope.get(scope);
  if (!visible) {
    visible = check();
    byScope.set(scope, visible);
  }
  return visible;
}

/**
 * Which numbered messages a listener takes after its snapshot (numbered `start`): each newer than
 * the last it took, and the next one whatever its number once the bus came back from an outage
 * (its numbers may start again; see LiveBus.generation).
 */
function sequenceGate(bus: LiveBus) {
  let last = 0;
  let generation = bus.generation;
  return {
    start(seq: number) {
      last = seq;
    },
    take(seq: number): boolean {
      if (seq <= last && generation === bus.generation) return false;
      generation = bus.generation;
      last = seq;
      return true;
    },
  };
}

/** How a WebSocket subscription takes a feed's messages itself (see directFeed). */
type Attach = (consumer: (message: unknown) => void) => void;
const directFeeds = new WeakMap<object, Attach>();

/**
 * For a feed this hub returned: a function that hands all its messages (the snapshot first) to
 * `consumer`, called in order as they come, instead of through the iterator (no promise per
 * message and subscriber). Call it before the first next(); the iterator then only ends.
 */
export function directFeed(source: unknown): Attach | undefined {
  return typeof source === 'object' && source !== null ? directFeeds.get(source) : undefined;
}

function numberedFeed<M extends { seq: number }, T>(
  bus: LiveBus,
  topic: string,
  stream: string,
  snapshotKey: string,
  snapshot: (seq: number) => Promise<T>,
  pass: (message: M) => T | null,
): AsyncIterable<T> {
  let direct: ((out: T) => void) | null = null;
  const feed = new Repeater<T>(async (push, stop) => {
    const emit = (out: T): Promise<unknown> | undefined => {
      if (!direct) return push(out);
      direct(out);
      return undefined;
    };
    const early: M[] = [];
    let ready = false;
    const gate = sequenceGate(bus);
    const off = bus.on(topic, (detail) => {
      const message = detail as M;
      if (!ready) {
        early.push(message);
        return;
      }
      if (!gate.take(message.seq)) return;
      const out = passOnce(message, snapshotKey, pass);
      if (out !== null) void emit(out);
    });
    try {
      const last = await bus.lastNumber(stream);
      gate.start(last);
      await emit(await sharedSnapshot(bus, `${stream}|${snapshotKey}`, last, snapshot));
      for (const message of early) {
        if (!gate.take(message.seq)) continue;
        const out = passOnce(message, snapshotKey, pass);
        if (out !== null) await emit(out);
      }
      ready = true;
      await stop;
    } finally {
      off();
      direct = null;
    }
  });
  directFeeds.set(feed, (consumer) => {
    direct = consumer as (out: T) => void;
  });
  return feed;
}

/** The tables whose change sum moved between two readings; null when any table may have. */
function changedTables(before: ChangeSums, after: ChangeSums): Set<string> | null {
  const changed = new Set<string>();
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(table) !== after.get(table)) changed.add(table);
  }
  return changed.has('') ? null : changed;
}

export function createLiveHub(options: LiveHubOptions): LiveHub {
  const { db, bus, schema, logger, clock } = options;
  const throttleMs = options.throttleMs ?? 250;
  const patchMs = options.patchMs ?? 100;
  const tickMs = options.tickMs ?? 1000;
  const alertEveryMs = options.alertEveryMs ?? 60_000;
  const leaseMs = Math.max(3 * tickMs, 3000);
  const recipeTtlMs = 30_000;
  const keepIdleMs = options.keepIdleMs ?? 120_000;
  const maxIdle = options.maxIdle ?? 100;
  const confirmEveryMs = options.confirmEveryMs ?? 60_000;
  const replica = randomUUID();
  const local = new Map<string, LocalRecipe>();
  const leading = new Map<string, LeaderState>();
  const recomputations = new Map<string, number>();
  const recomputeMs = { total: 0, max: 0 };
  const patches = { computed: 0, pushed: 0 };
  const caseFacts = new CaseFacts();
  const offs: Array<() => void> = [];
  let leader = false;
  let stopped = false;
  let day = shanghaiDay(clock());
  let lastAlerts = 0;
  let lastSums: ChangeSums | null = null;
  let heardWrite = false;
  /** The live queries last saved by saveRecipes (their keys, sorted). */
  let savedKeys = '';
  let alertsPending: Set<AlertKind> | null = null;
  let alertsRunning: Promise<void> | null = null;

  const warn = (error: unknown, message: string) => {
    if (!stopped) logger.warn({ err: error instanceof Error ? error.message : error }, message);
  };

  // ── results reach local subscribers (a slice at a time: see fanOutQueue) ──
  const results = fanOutQueue<ResultMessage>((error) => warn(error, 'a live result could not be handed out'));
  offs.push(
    bus.on(TOPIC.result, (detail) => {
      const message = detail as ResultMessage;
      const entry = local.get(message.key);
      if (!entry) return;
      if (!entry.latest || entry.latest.seq < message.seq) entry.latest = message;
      results.deliver([...entry.subscribers], message);
    }),
  );

  // ── the leader ──
  function parseRecipe(recipe: Recipe): LeaderState['parsed'] {
    const { operation, fragments } = splitDocument(parse(recipe.query));
    const fields = new Map<string, ReadonlySet<string> | null>();
    operation.selectionSet.selections.forEach((selection, index) => {
      // A fragment at the top may select anything: recomputed on every write.
      fields.set(
        selectionKey(selection, index),
        selection.kind === Kind.FIELD ? tablesOf(schema, selection.name.value) : null,
      );
    });
    return { operation, fragments, fields };
  }

  async function recipesNow(): Promise<Map<string, Recipe>> {
    const all = await bus.recipes();
    const fresh = new Map<string, Recipe>();
    const stale: string[] = [];
    for (const [key, { recipe, at }] of all) {
      // Refreshed by wall time, not the injectable clock: tests move the clock by days.
      if (Date.now() - at > recipeTtlMs) stale.push(key);
      else fresh.set(key, JSON.parse(recipe) as Recipe);
    }
    if (stale.length > 0) {
      await bus.dropRecipes(stale);
      for (const key of stale) {
        const state = leading.get(key);
        if (state) stopTimers(state);
        leading.delete(key);
      }
    }
    return fresh;
  }

  /** Marks the fields of every live query that read one of `tables` (null: all) as stale. */
  async function markDirty(tables: ReadonlySet<string> | null): Promise<void> {
    if (!leader) return;
    const recipes = await recipesNow();
    for (const [key, recipe] of recipes) {
      let state = leading.get(key);
      if (!state) {
        state = newState(recipe);
        leading.set(key, state);
      }
      for (const [field, reads] of state.parsed.fields) {
        if (tables === null || reads === null || [...reads].some((table) => tables.has(table))) {
          state.pending.add(field);
        }
      }
      if (state.pending.size > 0) schedule(key, state);
    }
  }

  function schedule(key: string, state: LeaderState): void {
    if (state.timer || state.running) return;
    const wait = Math.max(0, state.lastStart + throttleMs - Date.now());
    state.timer = setTimeout(() => {
      state.timer = null;
      // A patch started meanwhile: this runs after it (see next).
      if (state.running) return;
      state.running = recompute(key, state)
        .catch((error) => warn(error, 'live query recomputation failed'))
        .finally(() => next(key, state));
    }, wait);
  }

  /**
   * After a recomputation or a patch: a patch wanted (patchSoon leaves it to a recomputation
   * that is due), then the next recomputation.
   */
  function next(key: string, state: LeaderState): void {
    state.running = null;
    if (leading.get(key) !== state || stopped) return;
    if (state.patchWanted) patchSoon(key, state);
    if (state.pending.size > 0) schedule(key, state);
  }

  /** The top-level selections of the `overview` field among those waiting for a recomputation. */
  function pendingOverview(state: LeaderState): SelectionNode[] {
    return state.parsed.operation.selectionSet.selections.filter(
      (selection, index) =>
        selection.kind === Kind.FIELD &&
        selection.name.value === 'overview' &&
        state.pending.has(selectionKey(selection, index)),
    );
  }

  function stopTimers(state: LeaderState): void {
    if (state.timer) clearTimeout(state.timer);
    if (state.patchTimer) clearTimeout(state.patchTimer);
  }

  /**
   * New cases were heard of: the overview fields are patched now, or after what is running, or
   * patchMs after the last patch (a burst of writes reaches the screens a few times a second, the
   * first of them at once).
   */
  function patchSoon(key: string, state: LeaderState): void {
    // A recomputation due now counts the new cases itself.
    if (state.pending.size > 0 && Date.now() - state.lastStart >= throttleMs) return;
    state.patchWanted = true;
    if (!state.last || state.running || state.patchTimer) return;
    const wait = state.lastPatch + patchMs - Date.now();
    if (wait > 0) {
      state.patchTimer = setTimeout(() => {
        state.patchTimer = null;
        if (state.patchWanted && leading.get(key) === state && !stopped) patchSoon(key, state);
      }, wait);
      return;
    }
    state.patchWanted = false;
    state.lastPatch = Date.now();
    state.running = patch(key, state)
      .catch((error) => warn(error, 'live query patch failed'))
      .finally(() => next(key, state));
  }

  /**
   * The overview fields of a recipe from kept case counts with the new cases added (no rollup is
   * read: see schema/services/case-facts.ts). Published like a recomputation; the fields stay pending, so the
   * throttled recomputation still follows. A result needing anything not kept is dropped.
   */
  async function patch(key: string, state: LeaderState): Promise<void> {
    const selections = pendingOverview(state);
    if (selections.length === 0) return;
    const result = await run(state, selections, true);
    if (result.errors?.length || !result.data) {
      if (!result.errors?.every((error) => error.originalError instanceof NotKept)) {
        logger.debug(
          { errors: result.errors?.map((error) => error.message) },
          'an overview patch was dropped',
        );
      }
      return;
    }
    patches.computed += 1;
    if (await publish(key, state, result)) patches.pushed += 1;
  }

  async function recompute(key: string, state: LeaderState): Promise<void> {
    state.lastStart = Date.now();
    // Every case heard of so far has committed, so this computation counts it.
    state.patchWanted = false;
    const started = performance.now();
    const fields = state.last ? new Set(state.pending) : null;
    state.pending.clear();
    const all = state.parsed.operation.selectionSet.selections;
    const result = await run(
      state,
      fields ? all.filter((selection, index) => fields.has(selectionKey(selection, index))) : all,
      false,
    );
    recomputations.set(key, (recomputations.get(key) ?? 0) + 1);
    const took = performance.now() - started;
    recomputeMs.total += took;
    recomputeMs.max = Math.max(recomputeMs.max, took);
    await publish(key, state, result);
  }

  /** Computes selections of a recipe as its subscribers would, with the cases heard of. */
  function run(
    state: LeaderState,
    selections: readonly SelectionNode[],
    keptOnly: boolean,
  ): Promise<ExecutionResult> {
    const { operation, fragments } = state.parsed;
    return Promise.resolve(
      execute({
        schema,
        document: queryDocument(operation, fragments, selections),
        variableValues: state.recipe.variables,
        contextValue: {
          ...options.contextFor(state.recipe.identity),
          liveCases: { facts: caseFacts, keptOnly },
        },
      }),
    );
  }

  /** Merges a computation into the recipe's result and publishes it unless nothing changed. */
  async function publish(key: string, state: LeaderState, result: ExecutionResult): Promise<boolean> {
    const data = { ...(state.last ?? {}), ...((result.data as Record<string, unknown> | null) ?? {}) };
    state.last = data;
    const errors = errorsJson(result.errors, logger);
    // A recomputation that found the same figures is not sent: screens have them already.
    const text = JSON.stringify([data, errors ?? null]);
    if (text === state.published) return false;
    state.published = text;
    state.lastMessage = { key, data, ...(errors ? { errors } : {}) };
    state.publishedAt = Date.now();
    await bus.publishNumbered(TOPIC.result, `live:${key}`, state.lastMessage);
    return true;
  }

  /**
   * Results unchanged for confirmEveryMs are sent again as they are (no recomputation): a screen
   * that hears nothing for much longer knows its stream is broken, not merely quiet.
   */
  async function confirmUnchanged(): Promise<void> {
    for (const [key, state] of leading) {
      if (state.timer || state.running || Date.now() - state.publishedAt < confirmEveryMs) continue;
      state.publishedAt = Date.now();
      if (state.lastMessage) {
        await bus.publishNumbered(TOPIC.result, `live:${key}`, state.lastMessage);
      } else {
        // Nothing published yet (its subscribers started from a snapshot): computed once now.
        for (const field of state.parsed.fields.keys()) state.pending.add(field);
        schedule(key, state);
      }
    }
  }

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
        lastAlerts = Date.now();
        await publishAlerts(changed);
      }
    })()
      .catch((error) => warn(error, 'alert evaluation failed'))
      .finally(() => {
        alertsRunning = null;
      });
    await alertsRunning;
  }

  async function publishAlerts(alerts: AlertJson[]): Promise<void> {
    // Live queries of the `alerts` list follow too (alerts are not written through the API).
    if (alerts.length > 0) await bus.publish(TOPIC.dirty, { tables: ['Alert'] });
    for (let start = 0; start < alerts.length; start += FEED_CAP) {
      await bus.publishNumbered(TOPIC.alerts, 'alerts', {
        items: alerts.slice(start, start + FEED_CAP),
        more: 0,
      });
    }
  }

  offs.push(
    bus.on(TOPIC.dirty, (detail) => {
      const dirty = detail as { tables: string[]; caseFacts?: CaseFact[] | null };
      const tables = new Set(dirty.tables);
      // Every replica keeps the cases it hears of: a replica that comes to lead has them.
      const newCases = tables.has('ServiceCase') ? (dirty.caseFacts ?? null) : [];
      if (newCases === null) caseFacts.forget();
      else caseFacts.add(newCases);
      if (!leader) return;
      heardWrite = true;
      markDirty(tables)
        .then(() => {
          if (!newCases?.length) return;
          for (const [key, state] of leading) if (pendingOverview(state).length > 0) patchSoon(key, state);
        })
        .catch((error) => warn(error, 'live queries could not be marked'));
      const kinds = alertKinds.filter((kind) => alertSources[kind].some((table) => tables.has(table)));
      if (kinds.length > 0) void runAlerts(kinds);
    }),
  );

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
      lastSums = null;
      await markDirty(null);
      await runAlerts(alertKinds);
    } else if (!nowLeading && leader) {
      leader = false;
      logger.info({ replica }, 'no longer leading live updates');
      for (const state of leading.values()) stopTimers(state);
      leading.clear();
    }
    // Live queries nobody followed for keepIdleMs are dropped here (and then by the leader), and
    // so are the oldest beyond maxIdle: a client cycling through selections must not leave the
    // leader recomputing hundreds of them for nobody.
    const idle = [...local].filter(([, entry]) => entry.subscribers.size === 0 && entry.idleSince !== null);
    idle.sort(([, a], [, b]) => (b.idleSince ?? 0) - (a.idleSince ?? 0));
    idle.forEach(([key, entry], index) => {
      if (index >= maxIdle || Date.now() - (entry.idleSince ?? 0) > keepIdleMs) local.delete(key);
    });
    await saveRecipes().catch((error) => warn(error, 'the live queries followed could not be saved'));
    // Replicas keep their recipes fresh in the shared set while they have subscribers.
    if (local.size > 0) {
      await bus.putRecipes(new Map([...local].map(([key, entry]) => [key, entry.json])), Date.now());
    }
    if (!leader) return;
    await confirmUnchanged();
    // Recipes this leader has not computed yet (a replica's subscribers after a failover or an
    // outage of the bus): computed now, so their subscribers are brought up to date.
    for (const [key, recipe] of await recipesNow()) {
      if (leading.has(key)) continue;
      const state = newState(recipe);
      leading.set(key, state);
      for (const field of state.parsed.fields.keys()) state.pending.add(field);
      schedule(key, state);
    }
    const today = shanghaiDay(clock());
    if (today !== day) {
      day = today;
      caseFacts.forget();
      logger.info({ today }, 'a new day: recomputing live queries and alerts');
      await markDirty(null);
      await runAlerts(alertKinds);
    } else if (Date.now() - lastAlerts >= alertEveryMs) {
      await runAlerts(alertKinds);
    }
    // Writes no replica told of (another process on the database): the tables they changed.
    const sums = await kpiChangeSums(db);
    if (lastSums !== null && !heardWrite) {
      const changed = changedTables(lastSums, sums);
      if (changed === null || changed.has('ServiceCase')) caseFacts.forget();
      if (changed === null || changed.size > 0) await markDirty(changed);
    }
    lastSums = sums;
    heardWrite = false;
  }

  let ticking: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const runTick = () => {
    if (ticking || stopped) return;
    ticking = tick()
      .catch((error) => warn(error, 'live tick failed'))
      .finally(() => {
        ticking = null;
      });
  };

  // ── after a write ──
  async function publishCommitted(changes: ChangeLog): Promise<void> {
    await bus.publish(TOPIC.dirty, { tables: [...changes.tables], caseFacts: changes.caseFacts });
    const cases = new Map<number, CaseTickJson['kind']>();
    const events: HubEventJson[] = [];
    const at = clock().toISOString();
    for (const change of changes.rows) {
      if (change.table === 'ServiceCase') {
        if (change.action === 'CREATED') cases.set(change.id, 'RECEIVED');
        else if (change.to === 'COMPLETED' && change.from !== 'COMPLETED') cases.set(change.id, 'COMPLETED');
        continue;
      }
      const stream = streamOfTable[change.table];
      if (!stream) continue;
      events.push({
        stream,
        action: change.action,
        entity: change.table,
        entityId: change.id,
        status: change.to ?? null,
        previousStatus: change.from ?? null,
        at,
      });
    }
    if (cases.size > 0) {
      const latest = [...cases.keys()].sort((a, b) => b - a).slice(0, FEED_CAP);
      const rows = await db.sql.query<TickRow>(
        `SELECT ${TICK_COLUMNS} FROM ${TICK_FROM} WHERE c.id = ANY($1::int4[]) ORDER BY c."submittedAt" DESC, c.id DESC`,
        [latest],
      );
      await bus.publishNumbered(TOPIC.cases, 'cases', {
        items: rows.map((row) => tickOf(row, cases.get(row.id) ?? 'RECEIVED')),
        more: cases.size - rows.length,
      });
    }
    for (const event of events.slice(-FEED_CAP)) {
      await bus.publishNumbered(TOPIC.events, `events:${event.stream}`, event);
    }
  }

  return {
    replica,
    recomputations,
    recomputeMs,
    patches,
    isLeader: () => leader,
    stats: () => ({
      recipes: local.size,
      subscribers: [...local.values()].reduce((sum, entry) => sum + entry.subscribers.size, 0),
    }),

    start() {
      if (timer || stopped) return;
      timer = setInterval(runTick, tickMs);
      timer.unref();
      // The first tick right away: a single replica leads from its first second.
      runTick();
      if (options.warmOnStart) {
        void this.warm().then((count) => {
          if (count > 0)
            logger.info({ liveQueries: count }, 'computed the live queries screens followed before');
        });
      }
    },

    async warm() {
      let saved: string[] = [];
      try {
        const rows = await db.sql.query<{ value: string }>(`SELECT value FROM "HubMeta" WHERE key = $1`, [
          SAVED_RECIPES,
        ]);
        saved = rows[0] ? (JSON.parse(rows[0].value) as string[]) : [];
      } catch (error) {
        warn(error, 'the live queries of the last run could not be read');
        return 0;
      }
      const results = await Promise.allSettled(
        saved.slice(0, MAX_SAVED_RECIPES).map(async (json) => {
          const key = hashOf(json);
          if (local.has(key)) return;
          const recipe = JSON.parse(json) as Recipe;
          const entry = localEntry(recipe, json, parse(recipe.query));
          entry.idleSince = Date.now();
          local.set(key, entry);
          await snapshotOf(key, entry, options.contextFor(recipe.identity));
        }),
      );
      const failed = results.filter((result) => result.status === 'rejected');
      if (failed.length > 0)
        warn(failed[0]?.reason, `${failed.length} live queries of the last run could not be computed`);
      savedKeys = [...local.keys()].sort().join();
      return results.length - failed.length;
    },

    committed(changes) {
      publishCommitted(changes).catch((error) => warn(error, 'live events of a write were not published'));
    },

    liveQuery(args) {
      const field = liveSelection(args.document, args.operationName);
      if (!field?.selectionSet) throw new Error('not a live query');
      const { operation, fragments } = splitDocument(args.document, args.operationName);
      const ctx = args.contextValue as Context;
      const recipe: Recipe = {
        query: print(queryDocument(operation, fragments, field.selectionSet.selections)),
        variables: (args.variableValues ?? {}) as Record<string, unknown>,
        identity: identityKey({ principal: ctx.principal, access: ctx.access }),
      };
      const json = JSON.stringify(recipe);
      const key = hashOf(json);
      const document = parse(recipe.query);
      const wrap = (
        message: Pick<ResultMessage, 'data' | 'errors' | 'seq'>,
        snapshot: boolean,
      ): ExecutionResult => ({
        data: { [field.alias?.value ?? LIVE_FIELD]: message.data },
        ...(message.errors
          ? {
              errors: message.errors.map(
                (error) =>
                  new GraphQLError(error.message, {
                    ...(error.path ? { path: error.path } : {}),
                    ...(error.extensions ? { extensions: error.extensions } : {}),
                  }),
              ),
            }
          : {}),
        extensions: { live: { seq: message.seq, snapshot } },
      });

      // Over WebSocket the hub writes the messages itself, serialised once for all subscribers.
      const sink = directSinkOf(args.contextValue);
      const aliasJson = JSON.stringify(field.alias?.value ?? LIVE_FIELD);
      const payloadJson = (message: Pick<ResultMessage, 'data' | 'errors' | 'seq'>, snapshot: boolean) =>
        `{"data":{${aliasJson}:${message.data === null ? 'null' : sharedJson(message.data)}}${
          message.errors ? `,"errors":${JSON.stringify(message.errors)}` : ''
        },"extensions":{"live":{"seq":${message.seq},"snapshot":${snapshot}}}}`;

      return new Repeater<ExecutionResult>(async (push, stop) => {
        const emit = async (message: Pick<ResultMessage, 'data' | 'errors' | 'seq'>, snapshot: boolean) => {
          if (sink) sink.send(payloadJson(message, snapshot));
          else await push(wrap(message, snapshot));
        };
        let entry = local.get(key);
        const early: ResultMessage[] = [];
        let ready = false;
        const gate = sequenceGate(bus);
        let ended = false;
        const deliver = (message: ResultMessage) => {
          if (ended) return;
          if (!ready) {
            early.push(message);
            return;
          }
          if (gate.take(message.seq)) void emit(message, false);
        };
        if (!entry) {
          entry = localEntry(recipe, json, document);
          local.set(key, entry);
        }
        entry.subscribers.add(deliver);
        entry.idleSince = null;
        try {
          // Screens joining a selection already followed here start from its newest result.
          const snapshot = entry.latest ?? (await snapshotOf(key, entry, { ...ctx }));
          gate.start(snapshot.seq);
          await emit(snapshot, true);
          for (const message of early) if (gate.take(message.seq)) await emit(message, false);
          ready = true;
          await stop;
        } finally {
          ended = true;
          entry.subscribers.delete(deliver);
          if (entry.subscribers.size === 0) {
            if (keepIdleMs > 0) entry.idleSince = Date.now();
            else local.delete(key);
          }
        }
      });
    },

    caseTicker(filter, limit) {
      type Message = { seq: number; items: CaseTickJson[]; more: number };
      return numberedFeed<Message, FeedMessage<CaseTickJson>>(
        bus,
        TOPIC.cases,
        'cases',
        JSON.stringify([filter, limit]),
        async (seq) => {
          const rows = await db.sql.query<TickRow>(
            `SELECT ${TICK_COLUMNS} FROM ${TICK_FROM}
              WHERE ($1::text IS NULL OR r.path LIKE $1 || '%') AND ($2::int4 IS NULL OR i."departmentId" = $2)
              ORDER BY c."submittedAt" DESC, c.id DESC LIMIT $3`,
            [filter.regionPath, filter.departmentId, limit],
          );
          return {
            seq,
            snapshot: true,
            items: rows.map((row) => tickOf(row, row.status === 'COMPLETED' ? 'COMPLETED' : 'RECEIVED')),
            more: 0,
          };
        },
        (message) => ({
          seq: message.seq,
          snapshot: false,
          items: message.items.filter((item) => inScope(filter, item.regionPath, item.departmentId)),
          more: message.more,
        }),
      );
    },

    events(filter, streams) {
      const wanted = streams.length > 0 ? streams : eventStreams;
      const scope = JSON.stringify(filter);
      return new Repeater(async (push, stop) => {
        // Each record is checked against the caller's scope before it is pushed; the checks run
        // in parallel but the events leave in the order they were published.
        let pushed = Promise.resolve();
        const off = bus.on(TOPIC.events, (detail) => {
          const event = detail as HubEventJson & { seq: number };
          if (!wanted.includes(event.stream)) return;
          const visible = visibleOnce(event, scope, () =>
            rowVisible(db.prisma, filter, event.entity, event.entityId),
          );
          pushed = pushed
            .then(async () => {
              if (await visible) void push(event);
            })
            .catch((error) => warn(error, 'a record event was not checked against its subscriber’s scope'));
        });
        await stop;
        off();
      });
    },

    alertFeed(filter, limit) {
      type Message = { seq: number; items: AlertJson[]; more: number };
      return numberedFeed<Message, FeedMessage<AlertJson>>(
        bus,
        TOPIC.alerts,
        'alerts',
        JSON.stringify([filter, limit]),
        async (seq) => ({
          seq,
          snapshot: true,
          items: (await openAlerts(db, filter.regionPath, limit)).filter((alert) =>
            inScope(filter, alert.regionPath, alert.departmentId),
          ),
          more: 0,
        }),
        (message) => ({
          seq: message.seq,
          snapshot: false,
          items: message.items.filter((alert) => inScope(filter, alert.regionPath, alert.departmentId)),
          more: message.more,
        }),
      );
    },

    async evaluateAlerts(kinds = alertKinds) {
      const changed = await evaluateAlerts(db, clock(), kinds);
      await publishAlerts(changed);
      return changed;
    },

    publishAlerts,

    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await ticking;
      for (const off of offs) off();
      for (const state of leading.values()) stopTimers(state);
      await Promise.all([...leading.values()].map((state) => state.running));
      await alertsRunning;
      if (leader) await bus.resign(replica).catch(() => {});
      leader = false;
    },
  };

  function newState(recipe: Recipe): LeaderState {
    return {
      parsed: parseRecipe(recipe),
      recipe,
      last: null,
      pending: new Set(),
      lastStart: 0,
      timer: null,
      running: null,
      patchWanted: false,
      lastPatch: 0,
      patchTimer: null,
      publishedAt: Date.now(),
    };
  }

  /**
   * The first result of a live query on this replica, computed once for everyone who subscribes
   * meanwhile (a wall of screens reconnecting after a restart costs one computation). The
   * selection is registered with the leader before it starts, so a write it lacks is pushed
   * after it: either that push is still to come (and reaches everyone listening now), or it
   * already arrived and is the newer result they start from instead.
   */
  async function snapshotOf(
    key: string,
    entry: LocalRecipe,
    contextValue: Context,
  ): Promise<Omit<ResultMessage, 'key'>> {
    await bus.putRecipes(new Map([[key, entry.json]]), Date.now());
    if (leader) await markDirtyNew(key, entry.recipe);
    let shared = entry.snapshot;
    if (!shared) {
      const started: NonNullable<LocalRecipe['snapshot']> = {
        seq: 0,
        result: Promise.resolve<ExecutionResult>({}),
      };
      started.result = (async () => {
        started.seq = await bus.lastNumber(`live:${key}`);
        await options.hooks?.beforeSnapshot?.();
        const computed = await execute({
          schema,
          document: entry.document,
          variableValues: entry.recipe.variables,
          contextValue,
        });
        await options.hooks?.afterSnapshot?.();
        return computed;
      })();
      entry.snapshot = started;
      shared = started;
    }
    const result = await shared.result.finally(() => {
      if (entry.snapshot === shared) entry.snapshot = null;
    });
    const errors = errorsJson(result.errors, logger);
    const newest = entry.latest;
    if (newest && newest.seq > shared.seq) return newest;
    const computed: Omit<ResultMessage, 'key'> = {
      seq: shared.seq,
      data: (result.data as Record<string, unknown> | null) ?? null,
      ...(errors ? { errors } : {}),
    };
    entry.latest = computed;
    return computed;
  }

  /** The live queries followed here, saved for warm() after a restart (when the set changed). */
  async function saveRecipes(): Promise<void> {
    if (local.size === 0) return;
    const keys = [...local.keys()].sort().join();
    if (keys === savedKeys) return;
    savedKeys = keys;
    const recipes = [...local.values()].slice(0, MAX_SAVED_RECIPES).map((entry) => entry.json);
    await db.sql.query(
      `INSERT INTO "HubMeta" (key, value, "updatedAt") VALUES ($1, $2, now())
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, "updatedAt" = excluded."updatedAt"`,
      [SAVED_RECIPES, JSON.stringify(recipes)],
    );
  }

  /** A recipe new to the leader gets its state now, so the next write finds it. */
  async function markDirtyNew(key: string, recipe: Recipe): Promise<void> {
    if (!leading.has(key)) leading.set(key, newState(recipe));
  }
}
