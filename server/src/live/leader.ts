// The leader's live queries: which fields of which live query a write makes stale, and when they
// are recomputed. A committed write touching a table a field reads (its `reads(...)` declaration,
// tablesOf) marks that field; the field is recomputed at most once per live query per throttle
// window (250 ms) and the result published once for every replica. New cases in between are
// added to the overview's kept counts and pushed at once (a patch: schema/services/case-facts.ts),
// at most one per patch window (100 ms); the throttled recomputation follows and replaces the sum
// with the database's own (pushed only if it differs).
import {
  type ExecutionResult,
  execute,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionNode,
} from 'graphql';
import type { Context } from '../context.ts';
import { NotKept } from '../kpi/sql.ts';
import type { Logger } from '../logger.ts';
import { tablesOf } from '../schema/reads.ts';
import type { CaseFacts, LiveRoot } from '../schema/services/case-facts.ts';
import { errorsJson } from './broadcast.ts';
import type { LiveBus } from './bus.ts';
import {
  type Identity,
  queryDocument,
  type Recipe,
  type ResultMessage,
  selectionKey,
  splitDocument,
  TOPIC,
} from './recipes.ts';
import type { Scheduler, Timer } from './scheduler.ts';

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
  timer: Timer | null;
  /** A recomputation or a patch (never both at once). */
  running: Promise<void> | null;
  /** New cases were heard of since the last computation: patch the overview fields. */
  patchWanted: boolean;
  lastPatch: number;
  patchTimer: Timer | null;
  /** The last result published (JSON), to leave out recomputations that changed nothing. */
  published?: string;
  /** The last result published, and when: sent again as a confirmation when nothing changed. */
  lastMessage?: Omit<ResultMessage, 'seq'>;
  publishedAt: number;
}

export interface LeaderOptions {
  schema: GraphQLSchema;
  bus: LiveBus;
  logger: Logger;
  scheduler: Scheduler;
  caseFacts: CaseFacts;
  contextFor(identity: Identity): Context;
  throttleMs: number;
  patchMs: number;
  confirmEveryMs: number;
  /** A recipe no replica refreshed this long is dropped (its subscribers left). */
  recipeTtlMs: number;
  /** Whether this replica leads now (the hub's tick decides). */
  leading(): boolean;
  stopped(): boolean;
  warn(error: unknown, message: string): void;
}

export type Leader = ReturnType<typeof createLeader>;

export function createLeader(options: LeaderOptions) {
  const { schema, bus, logger, scheduler, caseFacts, throttleMs, patchMs } = options;
  const states = new Map<string, LeaderState>();
  const recomputations = new Map<string, number>();
  const recomputeMs = { total: 0, max: 0 };
  const patches = { computed: 0, pushed: 0 };
  const now = () => scheduler.now();

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
      publishedAt: now(),
    };
  }

  function stopTimers(state: LeaderState): void {
    if (state.timer) scheduler.clearTimeout(state.timer);
    if (state.patchTimer) scheduler.clearTimeout(state.patchTimer);
  }

  async function recipesNow(): Promise<Map<string, Recipe>> {
    const all = await bus.recipes();
    const fresh = new Map<string, Recipe>();
    const stale: string[] = [];
    for (const [key, { recipe, at }] of all) {
      if (now() - at > options.recipeTtlMs) stale.push(key);
      else fresh.set(key, JSON.parse(recipe) as Recipe);
    }
    if (stale.length > 0) {
      await bus.dropRecipes(stale);
      for (const key of stale) {
        const state = states.get(key);
        if (state) stopTimers(state);
        states.delete(key);
      }
    }
    return fresh;
  }

  /** Marks the fields of every live query that read one of `tables` (null: all) as stale. */
  async function markDirty(tables: ReadonlySet<string> | null): Promise<void> {
    if (!options.leading()) return;
    for (const [key, recipe] of await recipesNow()) {
      let state = states.get(key);
      if (!state) {
        state = newState(recipe);
        states.set(key, state);
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
    const wait = Math.max(0, state.lastStart + throttleMs - now());
    state.timer = scheduler.setTimeout(() => {
      state.timer = null;
      // A patch started meanwhile: this runs after it (see next).
      if (state.running) return;
      state.running = recompute(key, state)
        .catch((error) => options.warn(error, 'live query recomputation failed'))
        .finally(() => next(key, state));
    }, wait);
  }

  /**
   * After a recomputation or a patch: a patch wanted (patchSoon leaves it to a recomputation
   * that is due), then the next recomputation.
   */
  function next(key: string, state: LeaderState): void {
    state.running = null;
    if (states.get(key) !== state || options.stopped()) return;
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

  /**
   * New cases were heard of: the overview fields are patched now, or after what is running, or
   * patchMs after the last patch (a burst of writes reaches the screens a few times a second, the
   * first of them at once).
   */
  function patchSoon(key: string, state: LeaderState): void {
    // A recomputation due now counts the new cases itself.
    if (state.pending.size > 0 && now() - state.lastStart >= throttleMs) return;
    state.patchWanted = true;
    if (!state.last || state.running || state.patchTimer) return;
    const wait = state.lastPatch + patchMs - now();
    if (wait > 0) {
      state.patchTimer = scheduler.setTimeout(() => {
        state.patchTimer = null;
        if (state.patchWanted && states.get(key) === state && !options.stopped()) patchSoon(key, state);
      }, wait);
      return;
    }
    state.patchWanted = false;
    state.lastPatch = now();
    state.running = patch(key, state)
      .catch((error) => options.warn(error, 'live query patch failed'))
      .finally(() => next(key, state));
  }

  /**
   * The overview fields of a recipe from kept case counts with the new cases added (no rollup is
   * read). Published like a recomputation; the fields stay pending, so the throttled
   * recomputation still follows. A result needing anything not kept is dropped.
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
    state.lastStart = now();
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
  function run(state: LeaderState, selections: readonly SelectionNode[], keptOnly: boolean) {
    const { operation, fragments } = state.parsed;
    // The cases heard of reach the fields as the root value (LiveRoot), not through the context.
    const rootValue: LiveRoot = { liveCases: { facts: caseFacts, keptOnly } };
    return Promise.resolve(
      execute({
        schema,
        document: queryDocument(operation, fragments, selections),
        rootValue,
        variableValues: state.recipe.variables,
        contextValue: options.contextFor(state.recipe.identity),
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
    state.publishedAt = now();
    await bus.publishNumbered(TOPIC.result, `live:${key}`, state.lastMessage);
    return true;
  }

  return {
    recomputations,
    recomputeMs,
    patches,
    markDirty,

    /** A recipe new to the leader gets its state now, so the next write finds it. */
    register(key: string, recipe: Recipe): void {
      if (!states.has(key)) states.set(key, newState(recipe));
    },

    /** New cases were heard of: the live queries waiting for an overview are patched soon. */
    heardNewCases(): void {
      for (const [key, state] of states) if (pendingOverview(state).length > 0) patchSoon(key, state);
    },

    /**
     * Recipes this leader has not computed yet (a replica's subscribers after a failover or an
     * outage of the bus): computed now, so their subscribers are brought up to date.
     */
    async catchUp(): Promise<void> {
      for (const [key, recipe] of await recipesNow()) {
        if (states.has(key)) continue;
        const state = newState(recipe);
        states.set(key, state);
        for (const field of state.parsed.fields.keys()) state.pending.add(field);
        schedule(key, state);
      }
    },

    /**
     * Results unchanged for confirmEveryMs are sent again as they are (no recomputation): a screen
     * that hears nothing for much longer knows its stream is broken, not merely quiet.
     */
    async confirmUnchanged(): Promise<void> {
      for (const [key, state] of states) {
        if (state.timer || state.running || now() - state.publishedAt < options.confirmEveryMs) continue;
        state.publishedAt = now();
        if (state.lastMessage) {
          await bus.publishNumbered(TOPIC.result, `live:${key}`, state.lastMessage);
        } else {
          // Nothing published yet (its subscribers started from a snapshot): computed once now.
          for (const field of state.parsed.fields.keys()) state.pending.add(field);
          schedule(key, state);
        }
      }
    },

    /** No longer leading (or stopping): every timer is cancelled and the states forgotten. */
    drop(): void {
      for (const state of states.values()) stopTimers(state);
      states.clear();
    },

    /** Stops the timers and waits for what is running. */
    async stop(): Promise<void> {
      for (const state of states.values()) stopTimers(state);
      await Promise.all([...states.values()].map((state) => state.running));
    },
  };
}
