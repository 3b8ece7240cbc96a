// A screen that reloads or reconnects gets its first figures without a new computation: a live
// query nobody follows stays computed (and current) for a while, and a restarted hub computes
// the live queries screens followed before it stopped. Real servers, real WebSockets.
import { describe, expect, test } from 'vitest';
import {
  fixtureDatabase,
  gql,
  integration,
  MovableClock,
  newCase,
  screen,
  sleep,
  startHub,
  subscribe,
  upsertCase,
  waitUntil,
  watchedBus,
} from './live-client.ts';

interface Figures {
  live: { overview: { casesToday: number; casesThisMonth: number } };
}

const figures = `subscription { live { overview { casesToday casesThisMonth } } }`;

const fixture = fixtureDatabase();
const clock = new MovableClock();

/** Counts the snapshot computations of a hub: each reads its stream's number once (watchedBus). */
function counter() {
  const { bus, counted } = watchedBus();
  return { counted, bus };
}

async function casesToday(url: string): Promise<number> {
  const result = await gql<{ overview: { casesToday: number } }>(url, screen, `{ overview { casesToday } }`);
  return result.overview.casesToday;
}

describe('live queries kept for screens that come back (保持计算)', () => {
  test('a screen that reloads starts from the kept result, which followed the writes meanwhile', async () => {
    const { counted, bus } = counter();
    const running = await startHub(fixture.db, clock, { bus, live: { keepIdleMs: 60_000 } });
    try {
      const first = await subscribe<Figures>(running.ws, screen, figures);
      const snapshot = await first.next(() => true);
      const before = snapshot.data?.live.overview.casesToday ?? -1;
      await first.close();
      expect(counted.snapshots).toBe(1);
      await waitUntil(() => running.hub.live.stats().subscribers === 0, 2_000);
      expect(running.hub.live.stats()).toEqual({ recipes: 1, subscribers: 0 });

      // Nobody follows it now; a write is still recomputed into it.
      await gql(running.url, integration, upsertCase, { input: newCase(clock) });
      await sleep(600);

      const again = await subscribe<Figures>(running.ws, screen, figures);
      const kept = await again.next(() => true);
      expect(kept.extensions?.live?.snapshot).toBe(true);
      expect(kept.data?.live.overview.casesToday).toBe(before + 1);
      expect(await casesToday(running.url)).toBe(before + 1);
      expect(counted.snapshots).toBe(1);
      await again.close();
    } finally {
      await running.hub.stop();
    }
  });

  test('a live query nobody came back for is dropped after keepIdleMs', async () => {
    const running = await startHub(fixture.db, clock, { live: { keepIdleMs: 200 } });
    try {
      const sub = await subscribe<Figures>(running.ws, screen, figures);
      await sub.next(() => true);
      await sub.close();
      await sleep(100);
      expect(running.hub.live.stats().recipes).toBe(1);
      await sleep(600);
      expect(running.hub.live.stats().recipes).toBe(0);
    } finally {
      await running.hub.stop();
    }
  });

  test('at most maxIdle live queries nobody follows are kept, the most recently left ones', async () => {
    const { counted, bus } = counter();
    const running = await startHub(fixture.db, clock, { bus, live: { keepIdleMs: 60_000, maxIdle: 2 } });
    const follow = async (field: string) => {
      const sub = await subscribe<unknown>(
        running.ws,
        screen,
        `subscription { live { overview { ${field} } } }`,
      );
      await sub.next(() => true);
      await sub.close();
      await sleep(50);
    };
    try {
      for (const field of ['casesToday', 'casesThisMonth', 'casesThisYear']) await follow(field);
      await waitUntil(() => running.hub.live.stats().recipes <= 2, 2_000);
      expect(running.hub.live.stats()).toEqual({ recipes: 2, subscribers: 0 });
      expect(counted.snapshots).toBe(3);
      // The last one left is still there; the first one was dropped and is computed again.
      await follow('casesThisYear');
      expect(counted.snapshots).toBe(3);
      await follow('casesToday');
      expect(counted.snapshots).toBe(4);
    } finally {
      await running.hub.stop();
    }
  });

  test('figures that did not change are confirmed every confirmEveryMs, so a screen can tell quiet from broken', async () => {
    const running = await startHub(fixture.db, clock, { live: { confirmEveryMs: 300 } });
    try {
      const sub = await subscribe<Figures>(running.ws, screen, figures);
      const snapshot = await sub.next(() => true);
      // No write: the first confirmation recomputes once, later ones send the same result again.
      await waitUntil(() => sub.messages.length >= 3);
      const [, second, third] = sub.messages;
      for (const message of [second, third]) {
        expect(message?.extensions?.live?.snapshot).toBe(false);
        expect(message?.data).toEqual(snapshot.data);
      }
      expect(second?.extensions?.live?.seq).toBeGreaterThan(snapshot.extensions?.live?.seq ?? 0);
      expect(third?.extensions?.live?.seq).toBe((second?.extensions?.live?.seq ?? 0) + 1);
      expect((third?.at ?? 0) - (second?.at ?? 0)).toBeGreaterThanOrEqual(250);
      await sub.close();
    } finally {
      await running.hub.stop();
    }
  });

  test('a restarted hub computes what screens followed before, and they start from it', async () => {
    const before = await startHub(fixture.db, clock);
    const sub = await subscribe<Figures>(before.ws, screen, figures);
    await sub.next(() => true);
    // The set followed is saved on the next tick (100 ms here).
    await sleep(400);
    const saved = await fixture.db.sql.query<{ value: string }>(
      `SELECT value FROM "HubMeta" WHERE key = 'live.recipes'`,
    );
    expect(JSON.parse(saved[0]?.value ?? '[]')).toHaveLength(1);
    await sub.close();
    await before.hub.stop();

    // Written while no hub ran: the restarted hub's figures must include it.
    const written = await startHub(fixture.db, clock);
    await gql(written.url, integration, upsertCase, { input: newCase(clock) });
    const current = await casesToday(written.url);
    await written.hub.stop();

    const { counted, bus } = counter();
    const after = await startHub(fixture.db, clock, { bus, live: { warmOnStart: true } });
    try {
      await waitUntil(() => counted.snapshots > 0);
      expect(counted.snapshots).toBe(1);
      await sleep(100);
      const back = await subscribe<Figures>(after.ws, screen, figures);
      const first = await back.next(() => true);
      expect(first.extensions?.live?.snapshot).toBe(true);
      expect(first.data?.live.overview.casesToday).toBe(current);
      // Served from the warmed result: no computation for the returning screen.
      expect(counted.snapshots).toBe(1);
      await back.close();
    } finally {
      await after.hub.stop();
    }
  });
});
