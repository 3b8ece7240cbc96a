// Several replicas through Redis: two hubs on one database, each with its own Redis
// connections. A write on one reaches a subscriber on the other; a live query is recomputed
// once for the cluster, not once per replica; Redis going away and coming back pauses live
// updates without stopping queries. Under CI a Redis that does not answer fails the file.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, test } from 'vitest';
import type { Database } from '../../server/src/db.ts';
import { type LiveBus, redisBus } from '../../server/src/live/bus.ts';
import {
  fixtureDatabase,
  gql,
  integration,
  MovableClock,
  newCase,
  type RunningHub,
  screen,
  sleep,
  startHub,
  subscribe,
  upsertCase,
} from './live-client.ts';

const sharedRedis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface OverviewData {
  live: { overview: { casesToday: number } };
}
const overviewLive = `subscription { live { overview { casesToday } } }`;

function captureLogger() {
  const lines: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  return { logger, lines };
}

async function replicas(
  db: Database,
  url: string,
  prefix: string,
  clock: MovableClock,
  logger = captureLogger().logger,
) {
  const buses: LiveBus[] = [await redisBus({ url, logger, prefix }), await redisBus({ url, logger, prefix })];
  const hubs: RunningHub[] = [];
  for (const bus of buses) hubs.push(await startHub(db, clock, { bus, logger }));
  return hubs;
}

const fixture = fixtureDatabase();
const clock = new MovableClock();

describe('two replicas through Redis', () => {
  test('a write on one reaches a subscriber on the other, recomputed once for both', async () => {
    const [a, b] = await replicas(fixture.db, sharedRedis, `test:${process.pid}:${Date.now()}:`, clock);
    try {
      const onA = await subscribe<OverviewData>(a!.ws, screen, overviewLive);
      const onB = await subscribe<OverviewData>(b!.ws, screen, overviewLive);
      const first = await onB.next(() => true);
      await onA.next(() => true);
      const before = first.data!.live.overview.casesToday;
      // One leads (recomputes and evaluates), the other does not.
      await sleep(300);
      expect([a!.hub.live.isLeader(), b!.hub.live.isLeader()].filter(Boolean)).toHaveLength(1);
      const computed = () =>
        [a!, b!].flatMap((r) => [...r.hub.live.recomputations.values()]).reduce((sum, n) => sum + n, 0);
      const computedBefore = computed();
      const patchedBefore = [a!, b!].reduce((sum, r) => sum + r.hub.live.patches.pushed, 0);

      await gql(a!.url, integration, upsertCase, { input: newCase(clock) });
      const pushedB = await onB.next((m) => m.data?.live.overview.casesToday === before + 1);
      const pushedA = await onA.next((m) => m.data?.live.overview.casesToday === before + 1);
      await gql(b!.url, integration, upsertCase, { input: newCase(clock) });
      await onA.next((m) => m.data?.live.overview.casesToday === before + 2);
      await onB.next((m) => m.data?.live.overview.casesToday === before + 2);
      await sleep(400);

      expect(pushedA.extensions?.live?.seq).toBe(pushedB.extensions?.live?.seq);
      const pushes = onB.messages.filter((m) => !m.extensions?.live?.snapshot).length;
      expect(onA.messages.filter((m) => !m.extensions?.live?.snapshot).length).toBe(pushes);
      // Both subscribers share one selection: each recomputation served both replicas.
      // Only the leader computed: each push is a recomputation or new cases added to its kept
      // counts (a recomputation that found nothing new, as after such a push, is not sent).
      const byReplica = [a!, b!].map((r) =>
        [...r.hub.live.recomputations.values()].reduce((sum, n) => sum + n, 0),
      );
      const follower = a!.hub.live.isLeader() ? 1 : 0;
      const leader = [a!, b!][1 - follower]!;
      expect(byReplica[follower]).toBe(0);
      expect([a!, b!][follower]!.hub.live.patches.computed).toBe(0);
      const recomputed = computed() - computedBefore;
      expect(recomputed + leader.hub.live.patches.pushed - patchedBefore).toBeGreaterThanOrEqual(pushes);
      expect(recomputed).toBeLessThanOrEqual(pushes + 1);
      await Promise.all([onA.close(), onB.close()]);
    } finally {
      await Promise.all([a!.hub.stop(), b!.hub.stop()]);
    }
  });

  test('the case ticker crosses replicas in order', async () => {
    const [a, b] = await replicas(fixture.db, sharedRedis, `test:${process.pid}:${Date.now()}:t:`, clock);
    try {
      const sub = await subscribe<{ caseTicker: { seq: number; cases: Array<{ id: string }> } }>(
        b!.ws,
        screen,
        `subscription { caseTicker(limit: 1) { seq cases { id } } }`,
      );
      const first = await sub.next(() => true);
      const seq = first.data!.caseTicker.seq;
      for (let i = 0; i < 3; i++)
        await gql(i % 2 ? b!.url : a!.url, integration, upsertCase, { input: newCase(clock) });
      await sub.next((m) => m.data?.caseTicker.seq === seq + 3);
      expect(sub.messages.map((m) => m.data?.caseTicker.seq)).toEqual([seq, seq + 1, seq + 2, seq + 3]);
      await sub.close();
    } finally {
      await Promise.all([a!.hub.stop(), b!.hub.stop()]);
    }
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function startRedis(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.on('error', reject);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (String(chunk).includes('Ready to accept connections')) resolve(child);
    });
  });
}

function stopRedis(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('Redis going away and coming back', () => {
  test('queries keep working, the outage is logged, subscriptions resume', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const { logger, lines } = captureLogger();
    const [a, b] = await replicas(fixture.db, `redis://127.0.0.1:${port}`, 'outage:', clock, logger);
    try {
      const sub = await subscribe<OverviewData>(b!.ws, screen, overviewLive);
      const first = await sub.next(() => true);
      const before = first.data!.live.overview.casesToday;

      await stopRedis(redis);
      await sleep(500);
      // Queries and writes go on without Redis.
      await gql(a!.url, integration, upsertCase, { input: newCase(clock) });
      const read = await gql<{ overview: { casesToday: number } }>(
        b!.url,
        screen,
        `{ overview { casesToday } }`,
      );
      expect(read.overview.casesToday).toBe(before + 1);
      expect(lines.some((line) => line.includes('Redis unavailable'))).toBe(true);

      redis = await startRedis(port);
      // Back: the leader takes over again and recomputes; the subscriber catches up, then follows.
      await sub.next((m) => m.data?.live.overview.casesToday === before + 1, 15_000);
      await gql(a!.url, integration, upsertCase, { input: newCase(clock) });
      await sub.next((m) => m.data?.live.overview.casesToday === before + 2, 10_000);
      expect(lines.some((line) => line.includes('Redis is back'))).toBe(true);
      await sub.close();
    } finally {
      await Promise.all([a!.hub.stop(), b!.hub.stop()]);
      await stopRedis(redis);
    }
  }, 60_000);
});
