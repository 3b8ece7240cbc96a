// How replicas hear each other: events on topics, numbered streams, one leader, and the set of
// live queries someone is subscribed to. In one process all of it lives in memory; with
// REDIS_URL it lives in Redis, so any number of replicas share it:
// - topics go through Redis pub/sub (@graphql-yoga/redis-event-target);
// - a numbered event is published by a Lua script that increments the stream's counter and
//   publishes in one step, so every replica receives a stream's events in number order;
// - the leader holds a key with a short expiry and renews it; another replica takes over
//   when it lapses;
// - live queries are a hash of recipes that each replica refreshes while it has subscribers.
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';

export type Handler = (detail: unknown) => void;

/** Handlers called per turn of the event loop when a message has many (see fanOutQueue). */
const SLICE = 100;

/**
 * Hands messages to lists of handlers in slices: a message that a thousand screens follow is
 * handed to SLICE handlers, then the event loop turns (the writes' database round trips and
 * requests go on), then the next slice. Messages keep their order for every handler, and a
 * message with few handlers is handed out at once. A handler may be called after its owner left
 * (its message was queued before): it checks that itself.
 */
export function fanOutQueue<T = unknown>(onError: (error: unknown) => void) {
  const queue: Array<{ list: ReadonlyArray<(detail: T) => void>; detail: T; next: number }> = [];
  let pumping = false;
  const pump = () => {
    let budget = SLICE;
    while (queue.length > 0 && budget > 0) {
      const job = queue[0]!;
      while (job.next < job.list.length && budget > 0) {
        const handler = job.list[job.next++]!;
        budget -= 1;
        try {
          handler(job.detail);
        } catch (error) {
          onError(error);
        }
      }
      if (job.next >= job.list.length) queue.shift();
    }
    pumping = queue.length > 0;
    if (pumping) setImmediate(pump);
  };
  return {
    deliver(list: ReadonlyArray<(detail: T) => void>, detail: T): void {
      if (list.length === 0) return;
      queue.push({ list, detail, next: 0 });
      if (!pumping) {
        pumping = true;
        pump();
      }
    },
    clear(): void {
      queue.length = 0;
    },
  };
}

/** Each topic's handlers, handed its messages through a fanOutQueue. */
function topicHandlers(onError: (error: unknown) => void) {
  const handlers = new Map<string, Set<Handler>>();
  const queue = fanOutQueue(onError);
  return {
    on(topic: string, handler: Handler): () => void {
      let set = handlers.get(topic);
      if (!set) {
        set = new Set();
        handlers.set(topic, set);
      }
      // A handler removed is not called again, even for a message queued before.
      let active = true;
      const own: Handler = (detail) => {
        if (active) handler(detail);
      };
      set.add(own);
      return () => {
        active = false;
        set.delete(own);
      };
    },
    deliver(topic: string, detail: unknown): void {
      const set = handlers.get(topic);
      if (set) queue.deliver([...set], detail);
    },
    clear(): void {
      handlers.clear();
      queue.clear();
    },
  };
}

export interface LiveBus {
  readonly kind: 'memory' | 'redis';
  /**
   * Goes up each time the bus comes back after an outage. Redis keeps nothing on disk, so its
   * stream numbers may start again from 1: a listener takes the next number as it comes.
   */
  readonly generation: number;
  /** Delivers `detail` to every replica's handlers of `topic` (this one's included). */
  publish(topic: string, detail: object): Promise<void>;
  /** Publishes with the next number of `stream` as `seq`; returns the number. */
  publishNumbered(topic: string, stream: string, detail: object): Promise<number>;
  /** The last number given out on `stream` (0 before the first). */
  lastNumber(stream: string): Promise<number>;
  on(topic: string, handler: Handler): () => void;
  /** Takes or keeps the leadership for `ttlMs`; false while another replica holds it. */
  lead(replica: string, ttlMs: number): Promise<boolean>;
  resign(replica: string): Promise<void>;
  /** Recipes of live queries by key, refreshed by their replicas (`at` in epoch ms). */
  putRecipes(recipes: Map<string, string>, at: number): Promise<void>;
  recipes(): Promise<Map<string, { recipe: string; at: number }>>;
  dropRecipes(keys: string[]): Promise<void>;
  close(): Promise<void>;
}

export function memoryBus(logger?: Logger): LiveBus {
  const handlers = topicHandlers((error) => logger?.error({ err: error }, 'a live update handler failed'));
  const numbers = new Map<string, number>();
  const recipes = new Map<string, { recipe: string; at: number }>();
  const deliver = handlers.deliver;
  return {
    kind: 'memory',
    generation: 0,
    async publish(topic, detail) {
      deliver(topic, JSON.parse(JSON.stringify(detail)));
    },
    async publishNumbered(topic, stream, detail) {
      const seq = (numbers.get(stream) ?? 0) + 1;
      numbers.set(stream, seq);
      deliver(topic, { seq, ...JSON.parse(JSON.stringify(detail)) });
      return seq;
    },
    async lastNumber(stream) {
      return numbers.get(stream) ?? 0;
    },
    on: handlers.on,
    lead: async () => true,
    resign: async () => {},
    async putRecipes(entries, at) {
      for (const [key, recipe] of entries) recipes.set(key, { recipe, at });
    },
    recipes: async () => new Map(recipes),
    async dropRecipes(keys) {
      for (const key of keys) recipes.delete(key);
    },
    close: async () => {
      handlers.clear();
    },
  };
}

/** INCR the stream, then PUBLISH the event with its number spliced in as the first field. */
const PUBLISH_NUMBERED = `
local seq = redis.call('INCR', KEYS[1])
local body = ARGV[2]
local rest = string.sub(body, 2)
if rest == '}' then
  body = '{"seq":' .. seq .. '}'
else
  body = '{"seq":' .. seq .. ',' .. rest
end
redis.call('PUBLISH', ARGV[1], body)
return seq`;

/** Takes the lead if free or renews it if ours. */
const LEAD = `
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

const RESIGN = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface RedisBusOptions {
  url: string;
  logger: Logger;
  /** Prefix of every key and channel, so several hubs (or test runs) can share one Redis. */
  prefix?: string;
}

/**
 * The Redis bus. Commands fail fast while Redis is away (no offline queue): the replica keeps
 * answering queries, stops leading, and its pub/sub connection re-subscribes when Redis is back.
 */
export async function redisBus({ url, logger, prefix = 'hub:' }: RedisBusOptions): Promise<LiveBus> {
  const RECIPES = `${prefix}live:recipes`;
  const LEADER = `${prefix}live:leader`;
  const streamKey = (stream: string) => `${prefix}live:seq:${stream}`;
  const channel = (topic: string) => `${prefix}${topic}`;
  const retryStrategy = (attempt: number) => Math.min(200 * attempt, 2000);
  const commands = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy,
  });
  const subscriber = new Redis(url, { lazyConnect: true, retryStrategy, maxRetriesPerRequest: null });
  let down = false;
  let generation = 0;
  // Whether the subscribing connection itself was lost: the generation goes up when it is back,
  // whichever of the two connections notices Redis again first.
  let subscriberLost = false;
  const watch = (client: Redis, name: string) => {
    client.on('error', (error: Error) => {
      if (!down)
        logger.warn({ err: error.message, connection: name }, 'Redis unavailable; live updates pause');
      down = true;
      if (client === subscriber) subscriberLost = true;
    });
    client.on('ready', () => {
      if (down) logger.info({ connection: name }, 'Redis is back; live updates resume');
      if (client === subscriber && subscriberLost) generation += 1;
      if (client === subscriber) subscriberLost = false;
      down = false;
    });
  };
  watch(commands, 'commands');
  watch(subscriber, 'subscriber');
  subscriber.on('close', () => {
    subscriberLost = true;
  });
  // Redis away at start is an outage like any other: the hub starts, and live updates begin
  // when Redis answers.
  const connected = Promise.all([commands.connect(), subscriber.connect()]).catch(() => {});
  await Promise.race([connected, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
  const target = createRedisEventTarget({ publishClient: commands, subscribeClient: subscriber });
  const handlers = topicHandlers((error) => logger.error({ err: error }, 'a live update handler failed'));
  const subscribed = new Set<string>();

  return {
    kind: 'redis',
    get generation() {
      return generation;
    },
    async publish(topic, detail) {
      await commands.publish(channel(topic), JSON.stringify(detail));
    },
    async publishNumbered(topic, stream, detail) {
      const seq = await commands.eval(
        PUBLISH_NUMBERED,
        1,
        streamKey(stream),
        channel(topic),
        JSON.stringify(detail),
      );
      return Number(seq);
    },
    async lastNumber(stream) {
      return Number((await commands.get(streamKey(stream))) ?? 0);
    },
    on(topic, handler) {
      // One Redis subscription per topic, kept; its messages reach the handlers in slices.
      if (!subscribed.has(topic)) {
        subscribed.add(topic);
        target.addEventListener(channel(topic), (event: Event) =>
          handlers.deliver(topic, (event as CustomEvent).detail),
        );
      }
      return handlers.on(topic, handler);
    },
    async lead(replica, ttlMs) {
      return (await commands.eval(LEAD, 1, LEADER, replica, String(ttlMs))) === 1;
    },
    async resign(replica) {
      await commands.eval(RESIGN, 1, LEADER, replica);
    },
    async putRecipes(entries, at) {
      if (entries.size === 0) return;
      const fields: string[] = [];
      for (const [key, recipe] of entries) fields.push(key, JSON.stringify({ recipe, at }));
      await commands.hset(RECIPES, ...fields);
    },
    async recipes() {
      const all = await commands.hgetall(RECIPES);
      return new Map(Object.entries(all).map(([key, value]) => [key, JSON.parse(value)]));
    },
    async dropRecipes(keys) {
      if (keys.length > 0) await commands.hdel(RECIPES, ...keys);
    },
    async close() {
      handlers.clear();
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}
