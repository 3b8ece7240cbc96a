// New cases reach the overview at once (schema/services/case-facts.ts): the leader adds what each write
// tells it to the case counts it kept and pushes, without waiting for the throttled
// recomputation. Every figure pushed so must equal what the database answers right after the
// write; writes it cannot describe must not be patched over. A real server on a real port, a real
// WebSocket client; the recomputation window is set long (8 s) so that any push seen within a
// step came from the new cases, not from a recomputation.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../server/src/db.ts';
import { memoryBus } from '../../server/src/live/bus.ts';
import { type CaseFact, CaseFacts, inSnapshot } from '../../server/src/schema/services/case-facts.ts';
import { migratedDatabase } from '../fixtures/database.ts';
import {
  gql,
  integration,
  type Message,
  MovableClock,
  newCase,
  prepare,
  type RunningHub,
  type Subscription,
  screen,
  startHub,
  subscribe,
  upsertCase,
  upsertCases,
  waitUntil,
} from './live-client.ts';
import type { Caller } from './writes-fixture.ts';

const FIELDS = `region { code } today casesToday casesThisMonth casesThisYear casesSameDaysLastYear
  casesYearOnYearPercent oneNetworkCasesThisYear bankBranchCasesThisYear crossProvinceCasesThisYear
  oneNetworkRate { value target progress status } caseVolume { value target progress status }
  townshipCases { value target progress status } slipsOpen problemsOpen`;

type Overview = Record<string, unknown> & { casesToday: number; casesThisYear: number; asOf?: string };
interface LiveOverview {
  live: { overview: Overview };
}

const township: Caller = { role: 'TOWNSHIP', regionCode: '339901100000' };
const withoutTime = ({ asOf: _, ...figures }: Overview) => figures;

let db: Database;
let running: RunningHub;
const clock = new MovableClock();
const bus = memoryBus();
const heard: Array<{ tables: string[]; caseFacts?: CaseFact[] | null }> = [];

beforeAll(async () => {
  db = await migratedDatabase();
  await prepare(db);
  bus.on('live:dirty', (detail) => heard.push(detail as (typeof heard)[number]));
  running = await startHub(db, clock, { bus, live: { throttleMs: 8000 } });
});

afterAll(async () => {
  await running?.hub.stop();
  await db?.close();
});

const live = () => running.hub.live;
const recomputed = () => [...live().recomputations.values()].reduce((sum, n) => sum + n, 0);

/** The overview as a plain query answers it now (computed from the rollups, no kept counts). */
async function current(caller: Caller): Promise<Overview> {
  return (await gql<{ overview: Overview }>(running.url, caller, `{ overview { ${FIELDS} } }`)).overview;
}

/** The overview's live query, as a screen of `caller` follows it. */
const follow = (caller: Caller) =>
  subscribe<LiveOverview>(running.ws, caller, `subscription { live { overview { ${FIELDS} asOf } } }`);

/** The first message from `from` on whose figures equal `expected`. */
function arrival(
  sub: Subscription<LiveOverview>,
  expected: Overview,
  from: number,
  timeoutMs = 3000,
): Promise<Message<LiveOverview>> {
  const wanted = JSON.stringify(withoutTime(expected));
  return sub.next(
    (message) => !!message.data && JSON.stringify(withoutTime(message.data.live.overview)) === wanted,
    timeoutMs,
    from,
  );
}

describe('new cases on the overview (新办件即时上屏)', () => {
  test('inSnapshot agrees with PostgreSQL’s pg_visible_in_snapshot', async () => {
    const snapshots = ['100:105:101,103', '100:100:', '7:12:7,8,11'];
    for (const snapshot of snapshots) {
      for (let xid = 95; xid < 110; xid += 1) {
        const [row] = await db.sql.query<{ visible: boolean }>(
          'SELECT pg_visible_in_snapshot($1::text::xid8, $2::text::pg_snapshot) AS visible',
          [String(xid), snapshot],
        );
        expect(inSnapshot(snapshot, String(xid)), `${xid} in ${snapshot}`).toBe(row?.visible);
      }
    }
    // A count computed in a snapshot lacks exactly the cases committed after it.
    const facts = new CaseFacts();
    const [{ snapshot: before } = { snapshot: '' }] = await db.sql.query<{ snapshot: string }>(
      'SELECT pg_current_snapshot()::text AS snapshot',
    );
    const [{ xid } = { xid: '' }] = await db.sql.query<{ xid: string }>(
      'SELECT pg_current_xact_id()::text AS xid',
    );
    const [{ snapshot: after } = { snapshot: '' }] = await db.sql.query<{ snapshot: string }>(
      'SELECT pg_current_snapshot()::text AS snapshot',
    );
    facts.add([
      {
        xid,
        day: '2026-11-28',
        areaPath: '/',
        townshipCase: false,
        channel: 'WEB',
        oneNetwork: true,
        cases: 1,
      },
    ]);
    expect(facts.missingFrom(before).map((fact) => fact.xid)).toEqual([xid]);
    expect(facts.missingFrom(after)).toEqual([]);
  });

  test('each new case is pushed from the kept counts, equal to the database’s figures, with no recomputation', async () => {
    const county = await follow(screen);
    const east = await follow(township);
    await county.next(() => true);
    await east.next(() => true);
    // The first write after a quiet spell is recomputed at once (the leader computes the whole
    // selection of a live query new to it), which keeps the counts the next writes are added to.
    await gql(running.url, integration, upsertCase, { input: newCase(clock) });
    await arrival(county, await current(screen), 1);
    await arrival(east, await current(township), 1);
    expect(live().recomputations.size).toBe(2);
    const day = 24 * 3600_000;
    const at = (ms: number) => new Date(clock.now.getTime() - ms).toISOString();
    const writes: Array<{ what: string; input: Record<string, unknown>; inEast: boolean }> = [
      { what: 'a web case in the east township’s village', input: {}, inEast: true },
      { what: 'a county case (no township)', input: { regionCode: '339901000000' }, inEast: false },
      { what: 'a case in the west township', input: { regionCode: '339901101201' }, inEast: false },
      {
        what: 'a bank-branch case, not one-network',
        input: { channel: 'BANK_BRANCH', servicePointCode: 'P-BANK-01', oneNetwork: false },
        inEast: true,
      },
      {
        what: 'a cross-province case',
        input: { channel: 'CROSS_PROVINCE', partnerRegionCode: 'X-001' },
        inEast: true,
      },
      { what: 'a case of eight days ago', input: { submittedAt: at(8 * day) }, inEast: true },
      { what: 'a case of last month', input: { submittedAt: '2026-10-05T02:00:00.000Z' }, inEast: true },
      {
        what: 'a case of the same day last year',
        input: { submittedAt: '2025-11-28T01:00:00.000Z' },
        inEast: true,
      },
    ];
    const computedBefore = recomputed();
    const pushedBefore = live().patches.pushed;
    let eastPushes = 0;
    for (const { what, input, inEast } of writes) {
      const [countyFrom, eastFrom] = [county.messages.length, east.messages.length];
      const before = await current(screen);
      await gql(running.url, integration, upsertCase, { input: newCase(clock, input) });
      const [countyNow, eastNow] = [await current(screen), await current(township)];
      expect(JSON.stringify(countyNow), what).not.toBe(JSON.stringify(before));
      const pushed = await arrival(county, countyNow, countyFrom);
      expect(pushed.extensions?.live?.snapshot, what).toBe(false);
      if (inEast) {
        await arrival(east, eastNow, eastFrom);
        eastPushes += 1;
      } else {
        // Nothing of the east township changed: its screen keeps what it has.
        const latest = east.messages.at(-1)?.data?.live.overview;
        expect(latest && withoutTime(latest), what).toEqual(withoutTime(eastNow));
      }
    }
    // Every push above came from the kept counts: the 8 s window has not allowed a second
    // recomputation of either live query.
    expect(recomputed()).toBe(computedBefore);
    expect(live().patches.pushed - pushedBefore).toBe(writes.length + eastPushes);
    // Each write told the cluster its new case, with the writing transaction.
    const described = heard.filter((message) => message.tables.includes('ServiceCase')).slice(-writes.length);
    expect(described.map((message) => message.caseFacts?.length)).toEqual(writes.map(() => 1));
    await Promise.all([county.close(), east.close()]);
  });

  test('a batch of cases of several kinds is told as counts by kind and pushed once', async () => {
    const county = await follow(screen);
    await county.next(() => true);
    // A write first, so the batch lands inside a recomputation window (see above).
    await gql(running.url, integration, upsertCase, { input: newCase(clock) });
    await arrival(county, await current(screen), 0);
    const batch = Array.from({ length: 12 }, (_, i) =>
      newCase(clock, [{}, { regionCode: '339901101201' }, { oneNetwork: false }][i % 3]),
    );
    const [from, told, pushedBefore] = [county.messages.length, heard.length, live().patches.pushed];
    await gql(running.url, integration, upsertCases, { input: batch });
    await arrival(county, await current(screen), from);
    await waitUntil(() => heard.length > told);
    const facts = heard.at(-1)?.caseFacts ?? [];
    expect(facts).toHaveLength(3);
    expect(facts.map((fact) => fact.cases)).toEqual([4, 4, 4]);
    // One push for the batch, from the kept counts.
    expect(county.messages.length - from).toBe(1);
    expect(live().patches.pushed).toBeGreaterThan(pushedBefore);
    await county.close();
  });

  test('a status move keeps the counts; a change of what is counted is never patched over', async () => {
    const county = await follow(screen);
    await county.next(() => true);
    const input = newCase(clock);
    await gql(running.url, integration, upsertCase, { input });
    await arrival(county, await current(screen), 0);

    // Accepted: the status and its time move, nothing the rollups count.
    let told = heard.length;
    await gql(running.url, integration, upsertCase, {
      input: { ...input, status: 'ACCEPTED', acceptedAt: clock.now.toISOString() },
    });
    await waitUntil(() => heard.length > told);
    expect(heard.at(-1)?.caseFacts).toEqual([]);
    const patchedBefore = live().patches.computed;
    let from = county.messages.length;
    await gql(running.url, integration, upsertCase, { input: newCase(clock) });
    await arrival(county, await current(screen), from);
    expect(live().patches.computed).toBeGreaterThan(patchedBefore);

    // Moved to another day of the month: the write cannot be told as new cases, so the kept
    // counts are dropped; the next new case reaches the screen only through a recomputation,
    // and no push in between counts the moved case on its old day.
    from = county.messages.length;
    told = heard.length;
    await gql(running.url, integration, upsertCase, {
      input: {
        ...input,
        status: 'ACCEPTED',
        acceptedAt: clock.now.toISOString(),
        submittedAt: '2026-11-02T02:00:00.000Z',
      },
    });
    await waitUntil(() => heard.length > told);
    expect(heard.at(-1)?.caseFacts).toBeNull();
    await gql(running.url, integration, upsertCase, { input: newCase(clock) });
    const expected = await current(screen);
    await arrival(county, expected, from, 10_000);
    const shown = county.messages.slice(from).map((message) => message.data?.live.overview.casesToday);
    expect(shown.every((today) => today !== undefined && today <= expected.casesToday)).toBe(true);
    await county.close();
  }, 20_000);
});
