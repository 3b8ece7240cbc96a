// Live queries as this replica follows them: `subscription { live { … } }` becomes a recipe
// (recipes.ts) registered with the cluster, a snapshot computed once for everyone who subscribes
// meanwhile, then every result the leader publishes (leader.ts), handed to the local
// subscribers. A new subscriber registers its recipe first and computes its snapshot second, so
// a write that commits meanwhile is either in the snapshot or recomputed and pushed after it.
// Live queries nobody follows stay computed a while (a screen that reloads starts from them),
// and the set followed is saved so a restarted hub computes them before screens come back.
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  parse,
  print,
} from 'graphql';
import { Repeater } from 'graphql-yoga';
import type { Context } from '../context.ts';
import type { Database } from '../db.ts';
import type { Logger } from '../logger.ts';
import { directSinkOf, errorsJson, sharedJson } from './broadcast.ts';
import { fanOutQueue, type LiveBus } from './bus.ts';
import { sequenceGate } from './feeds.ts';
import {
  hashOf,
  type Identity,
  identityKey,
  LIVE_FIELD,
  liveSelection,
  queryDocument,
  type Recipe,
  type ResultMessage,
  splitDocument,
  TOPIC,
} from './recipes.ts';
import type { Scheduler } from './scheduler.ts';

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

function localEntry(recipe: Recipe, json: string, document: DocumentNode): LocalRecipe {
  return { recipe, json, document, subscribers: new Set(), snapshot: null, latest: null, idleSince: null };
}

/** Where the live queries followed at the last save are kept, for warm() after a restart. */
const SAVED_RECIPES = 'live.recipes';
const MAX_SAVED_RECIPES = 200;

type Message = Pick<ResultMessage, 'data' | 'errors' | 'seq'>;

export interface LocalQueriesOptions {
  db: Database;
  bus: LiveBus;
  schema: GraphQLSchema;
  logger: Logger;
  scheduler: Scheduler;
  contextFor(identity: Identity): Context;
  keepIdleMs: number;
  maxIdle: number;
  /** A recipe new to this replica is told to the leader, when this replica leads. */
  registered(key: string, recipe: Recipe): void;
  warn(error: unknown, message: string): void;
}

export function createLocalQueries(options: LocalQueriesOptions) {
  const { db, bus, schema, logger, scheduler, keepIdleMs } = options;
  const local = new Map<string, LocalRecipe>();
  /** The live queries last saved (their keys, sorted). */
  let savedKeys = '';

  // Results reach local subscribers a slice at a time (see fanOutQueue).
  const results = fanOutQueue<ResultMessage>((error) =>
    options.warn(error, 'a live result could not be handed out'),
  );
  const off = bus.on(TOPIC.result, (detail) => {
    const message = detail as ResultMessage;
    const entry = local.get(message.key);
    if (!entry) return;
    if (!entry.latest || entry.latest.seq < message.seq) entry.latest = message;
    results.deliver([...entry.subscribers], message);
  });

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
    await bus.putRecipes(new Map([[key, entry.json]]), scheduler.now());
    options.registered(key, entry.recipe);
    let shared = entry.snapshot;
    if (!shared) {
      const started: NonNullable<LocalRecipe['snapshot']> = {
        seq: 0,
        result: Promise.resolve<ExecutionResult>({}),
      };
      started.result = (async () => {
        started.seq = await bus.lastNumber(`live:${key}`);
        return execute({
          schema,
          document: entry.document,
          variableValues: entry.recipe.variables,
          contextValue,
        });
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

  return {
    stats: () => ({
      recipes: local.size,
      subscribers: [...local.values()].reduce((sum, entry) => sum + entry.subscribers.size, 0),
    }),

    /**
     * Each tick: live queries nobody followed for keepIdleMs are dropped (and then by the
     * leader), and so are the oldest beyond maxIdle: a client cycling through selections must not
     * leave the leader recomputing hundreds of them for nobody. The rest are saved and refreshed
     * in the cluster's set while this replica has them.
     */
    async tend(): Promise<void> {
      const idle = [...local].filter(([, entry]) => entry.subscribers.size === 0 && entry.idleSince !== null);
      idle.sort(([, a], [, b]) => (b.idleSince ?? 0) - (a.idleSince ?? 0));
      idle.forEach(([key, entry], index) => {
        if (index >= options.maxIdle || scheduler.now() - (entry.idleSince ?? 0) > keepIdleMs)
          local.delete(key);
      });
      await saveRecipes().catch((error) =>
        options.warn(error, 'the live queries followed could not be saved'),
      );
      if (local.size > 0) {
        await bus.putRecipes(new Map([...local].map(([key, entry]) => [key, entry.json])), scheduler.now());
      }
    },

    /**
     * Computes the live queries screens followed before the hub last stopped (saved in HubMeta),
     * so screens reconnecting after a restart get their first figures at once. Resolves with how
     * many were computed; never throws.
     */
    async warm(): Promise<number> {
      let saved: string[] = [];
      try {
        const rows = await db.sql.query<{ value: string }>(`SELECT value FROM "HubMeta" WHERE key = $1`, [
          SAVED_RECIPES,
        ]);
        saved = rows[0] ? (JSON.parse(rows[0].value) as string[]) : [];
      } catch (error) {
        options.warn(error, 'the live queries of the last run could not be read');
        return 0;
      }
      const computed = await Promise.allSettled(
        saved.slice(0, MAX_SAVED_RECIPES).map(async (json) => {
          const key = hashOf(json);
          if (local.has(key)) return;
          const recipe = JSON.parse(json) as Recipe;
          const entry = localEntry(recipe, json, parse(recipe.query));
          entry.idleSince = scheduler.now();
          local.set(key, entry);
          await snapshotOf(key, entry, options.contextFor(recipe.identity));
        }),
      );
      const failed = computed.filter((result) => result.status === 'rejected');
      if (failed.length > 0)
        options.warn(
          failed[0]?.reason,
          `${failed.length} live queries of the last run could not be computed`,
        );
      savedKeys = [...local.keys()].sort().join();
      return computed.length - failed.length;
    },

    /** The `live` subscription: a snapshot, then every result the leader publishes. */
    liveQuery(args: ExecutionArgs): AsyncIterable<ExecutionResult> {
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
      const wrap = (message: Message, snapshot: boolean): ExecutionResult => ({
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
      const payloadJson = (message: Message, snapshot: boolean) =>
        `{"data":{${aliasJson}:${message.data === null ? 'null' : sharedJson(message.data)}}${
          message.errors ? `,"errors":${JSON.stringify(message.errors)}` : ''
        },"extensions":{"live":{"seq":${message.seq},"snapshot":${snapshot}}}}`;

      return new Repeater<ExecutionResult>(async (push, stop) => {
        const emit = async (message: Message, snapshot: boolean) => {
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
            if (keepIdleMs > 0) entry.idleSince = scheduler.now();
            else local.delete(key);
          }
        }
      });
    },

    stop(): void {
      off();
    },
  };
}
