// Numbered feeds: a stream of messages that starts with a snapshot. A subscriber listens first,
// reads the stream's number, computes (or shares) the snapshot, then passes on what arrived after
// that number; `seq` tells it whether it missed one. The streams themselves are in streams.ts.
import { Repeater } from 'graphql-yoga';
import type { LiveBus } from './bus.ts';

export interface FeedMessage<T> {
  seq: number;
  snapshot: boolean;
  items: T[];
  /** Items of the write left out of the message (a bulk write sends its latest ones). */
  more: number;
}

export interface FeedFilter {
  /** Only items within this region subtree (a region path prefix). */
  regionPath: string | null;
  /** Only items of this department. */
  departmentId: number | null;
}

export function inScope(filter: FeedFilter, regionPath: string | null, departmentId: number | null): boolean {
  if (filter.regionPath && !(regionPath ?? '').startsWith(filter.regionPath)) return false;
  if (filter.departmentId !== null && departmentId !== filter.departmentId) return false;
  return true;
}

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

export function visibleOnce(event: object, scope: string, check: () => Promise<boolean>): Promise<boolean> {
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
export function sequenceGate(bus: LiveBus) {
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

export function numberedFeed<M extends { seq: number }, T>(
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
