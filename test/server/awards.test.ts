// Awards (表彰): the seeded story and its counts, the list with its filters, scope and masking,
// the writes, and the count followed live by a screen, on the shared seeded database.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../server/src/db.ts';
import { seededDatabase, seedToday } from '../fixtures/database.ts';
import { gql, MovableClock, post, type RunningHub, startHub, subscribe } from './live-client.ts';
import type { Caller } from './writes-fixture.ts';

const analyst: Caller = { role: 'ANALYST' };
const staffRole: Caller = { role: 'STAFF' };
const screen: Caller = { role: 'SCREEN' };

interface CountRow {
  kind: string;
  year: number;
  count: number;
}

const countsQuery = `query ($from: Int, $to: Int) {
  awardCounts(fromYear: $from, toYear: $to) { fromYear toYear rows { kind year count } }
}`;

const listQuery = `query ($year: Int, $kind: AwardKind, $awardeeKind: AwardeeKind, $first: Int) {
  awards(year: $year, kind: $kind, awardeeKind: $awardeeKind, first: $first) {
    totalCount
    edges { node { kind awardeeKind awardeeName year issuer awardedOn citation externalId staff { code } } }
  }
}`;

type AwardList = {
  awards: {
    totalCount: number;
    edges: Array<{
      node: {
        kind: string;
        awardeeKind: string;
        awardeeName: string;
        year: number;
        issuer: string;
        awardedOn: string;
        externalId: string;
        staff: { code: string } | null;
      };
    }>;
  };
};

const upsert = `mutation ($input: AwardInput!) {
  upsertAward(input: $input) { outcome version award { kind awardeeKind awardeeName year } }
}`;

let db: Database;
let running: RunningHub;

beforeAll(async () => {
  db = await seededDatabase();
  running = await startHub(db, new MovableClock(seedToday));
});
afterAll(async () => {
  await running?.hub.stop();
});

const count = async (sql: string, params: unknown[] = []) =>
  (await db.sql.query<{ n: number }>(sql, params))[0]?.n ?? -1;

describe('the seeded awards (表彰)', () => {
  test('counts by award and year are the database’s, and 2022 tells the story', async () => {
    const data = await gql<{ awardCounts: { fromYear: number; toYear: number; rows: CountRow[] } }>(
      running.url,
      screen,
      countsQuery,
      { from: 2022, to: 2026 },
    );
    const direct = await db.sql.query<CountRow>(
      `SELECT kind::text AS kind, year, count(*)::int AS count FROM "Award" WHERE year BETWEEN 2022 AND 2026 GROUP BY 1, 2`,
    );
    const byKey = (rows: CountRow[]) =>
      Object.fromEntries(
        rows.filter((row) => row.count > 0).map((row) => [`${row.year} ${row.kind}`, row.count]),
      );
    expect(byKey(data.awardCounts.rows)).toEqual(byKey(direct));
    expect(data.awardCounts.rows).toHaveLength(15);
    const of = (year: number, kind: string) =>
      data.awardCounts.rows.find((row) => row.year === year && row.kind === kind)?.count;
    expect([
      of(2022, 'INTEGRITY_STAR'),
      of(2022, 'COURTEOUS_SERVICE_STAR'),
      of(2022, 'INTEGRITY_AMBASSADOR'),
    ]).toEqual([10, 12, 3]);
    expect([
      of(2025, 'INTEGRITY_STAR'),
      of(2025, 'COURTEOUS_SERVICE_STAR'),
      of(2025, 'INTEGRITY_AMBASSADOR'),
    ]).toEqual([16, 18, 6]);
    // Today is 2026-11-28: November's star is announced on 12-05, not yet.
    expect(of(2026, 'COURTEOUS_SERVICE_STAR')).toBe(18);
    expect(await count(`SELECT count(*)::int AS n FROM "Award" WHERE "awardedOn" >= '2026-11-28'`)).toBe(0);
  });

  test('the year range defaults to this year and last, and a bad one is refused', async () => {
    const data = await gql<{ awardCounts: { fromYear: number; toYear: number } }>(
      running.url,
      screen,
      countsQuery,
    );
    expect(data.awardCounts).toMatchObject({ fromYear: 2025, toYear: 2026 });
    const bad = await post(running.url, screen, countsQuery, { from: 2026, to: 2022 });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('年份范围');
  });
});

describe('the list of awards', () => {
  test('filters by year, award and awardee kind', async () => {
    const stars = await gql<AwardList>(running.url, analyst, listQuery, {
      year: 2022,
      kind: 'COURTEOUS_SERVICE_STAR',
      first: 50,
    });
    expect(stars.awards.totalCount).toBe(12);
    expect(new Set(stars.awards.edges.map((edge) => edge.node.issuer))).toEqual(new Set(['县行政服务中心']));
    const toStaff = await gql<AwardList>(running.url, analyst, listQuery, {
      year: 2022,
      kind: 'COURTEOUS_SERVICE_STAR',
      awardeeKind: 'STAFF',
    });
    expect(toStaff.awards.totalCount).toBe(6);
    const toFirms = await gql<AwardList>(running.url, analyst, listQuery, {
      year: 2022,
      awardeeKind: 'ENTERPRISE',
    });
    expect(toFirms.awards.totalCount).toBe(13);
  });

  test('a person’s name is masked for roles without personal data; SCREEN gets no rows', async () => {
    const variables = { year: 2022, awardeeKind: 'STAFF', first: 1 };
    const unmasked = await gql<AwardList>(running.url, staffRole, listQuery, variables);
    const masked = await gql<AwardList>(running.url, analyst, listQuery, variables);
    const node = unmasked.awards.edges[0]?.node;
    const [person] = await db.sql.query<{ name: string }>(`SELECT name FROM "Staff" WHERE code = $1`, [
      node?.staff?.code,
    ]);
    expect(node?.awardeeName).toBe(person?.name);
    expect(masked.awards.edges[0]?.node.awardeeName).toBe(
      `${[...(person?.name ?? '')][0]}${'*'.repeat([...(person?.name ?? '')].length - 1)}`,
    );
    const denied = await post(running.url, screen, listQuery, variables);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('a DEPARTMENT sees its staff’s awards, a TOWNSHIP its firms’', async () => {
    const [department] = await db.sql.query<{ code: string; n: number }>(
      `SELECT d.code, count(*)::int AS n FROM "Award" a JOIN "Staff" s ON s.id = a."staffId"
         JOIN "Department" d ON d.id = s."departmentId" GROUP BY d.code ORDER BY n DESC, d.code LIMIT 1`,
    );
    const ofDepartment = await gql<AwardList>(
      running.url,
      { role: 'DEPARTMENT', departmentCode: department?.code as string },
      listQuery,
      { awardeeKind: 'STAFF' },
    );
    expect(ofDepartment.awards.totalCount).toBe(department?.n);
    const all = await count(`SELECT count(*)::int AS n FROM "Award" WHERE "awardeeKind" = 'STAFF'`);
    expect(department?.n).toBeLessThan(all);

    const [township] = await db.sql.query<{ code: string; n: number }>(
      `SELECT t.code, count(*)::int AS n FROM "Award" a JOIN "Enterprise" e ON e.id = a."enterpriseId"
         JOIN "Region" r ON r.id = e."regionId"
         JOIN "Region" t ON t.level = 'TOWNSHIP' AND r.path LIKE t.path || '%'
        GROUP BY t.code ORDER BY n DESC, t.code LIMIT 1`,
    );
    const ofTownship = await gql<AwardList>(
      running.url,
      { role: 'TOWNSHIP', regionCode: township?.code as string },
      listQuery,
      { awardeeKind: 'ENTERPRISE' },
    );
    expect(ofTownship.awards.totalCount).toBe(township?.n);
  });
});

describe('writing awards', () => {
  const firm = async () =>
    (
      await db.sql.query<{ creditCode: string }>(`SELECT "creditCode" FROM "Enterprise" ORDER BY id LIMIT 1`)
    )[0]?.creditCode as string;
  const written = (externalId: string) =>
    count(`SELECT count(*)::int AS n FROM "Award" WHERE "externalId" = $1`, [externalId]);

  test('created once, unchanged on replay', async () => {
    const input = {
      externalId: 'awards-test-once',
      kind: 'INTEGRITY_STAR',
      enterpriseCreditCode: await firm(),
      year: 2025,
      issuer: '县信用办',
      awardedOn: '2025-03-15',
      citation: '测试：诚信经营',
    };
    type Upserted = { upsertAward: { outcome: string; version: number; award: { awardeeKind: string } } };
    const first = await gql<Upserted>(running.url, staffRole, upsert, { input });
    expect(first.upsertAward).toMatchObject({
      outcome: 'CREATED',
      version: 1,
      award: { awardeeKind: 'ENTERPRISE' },
    });
    const again = await gql<Upserted>(running.url, staffRole, upsert, { input });
    expect(again.upsertAward).toMatchObject({ outcome: 'UNCHANGED', version: 1 });
    expect(await written('awards-test-once')).toBe(1);
  });

  test('a bad award is refused with its code, in Chinese, and nothing is written', async () => {
    const wrongAwardee = await post<never>(running.url, staffRole, upsert, {
      input: {
        externalId: 'awards-test-bad',
        kind: 'COURTEOUS_SERVICE_STAR',
        enterpriseCreditCode: await firm(),
        year: 2025,
        issuer: '县行政服务中心',
        awardedOn: '2025-04-05',
        citation: '测试',
      },
    });
    expect(wrongAwardee.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrongAwardee.errors?.[0]?.message).toContain('有礼服务之星只能授予窗口工作人员或窗口');

    const bulk = await post<never>(
      running.url,
      staffRole,
      `mutation ($input: [AwardInput!]!) { upsertAwards(input: $input) { total created } }`,
      {
        input: [
          {
            externalId: 'awards-test-bulk-good',
            kind: 'COURTEOUS_SERVICE_STAR',
            windowCode: (
              await db.sql.query<{ code: string }>(`SELECT code FROM "Window" ORDER BY id LIMIT 1`)
            )[0]?.code,
            year: 2025,
            issuer: '县行政服务中心',
            awardedOn: '2025-04-05',
            citation: '测试',
          },
          {
            externalId: 'awards-test-bulk-bad',
            kind: 'COURTEOUS_SERVICE_STAR',
            staffCode: 'NO-SUCH-PERSON',
            year: 2025,
            issuer: '县行政服务中心',
            awardedOn: '2025-04-05',
            citation: '测试',
          },
        ],
      },
    );
    expect(bulk.errors?.[0]?.extensions?.code).toBe('BULK_REJECTED');
    expect(JSON.stringify(bulk.errors?.[0]?.extensions)).toContain('工作人员 NO-SUCH-PERSON 不存在');
    expect(await written('awards-test-bad')).toBe(0);
    expect(await written('awards-test-bulk-good')).toBe(0);

    const readOnly = await post<never>(running.url, analyst, upsert, {
      input: {
        externalId: 'awards-test-analyst',
        kind: 'INTEGRITY_STAR',
        enterpriseCreditCode: await firm(),
        year: 2025,
        issuer: '县信用办',
        awardedOn: '2025-03-15',
        citation: '测试',
      },
    });
    expect(readOnly.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await written('awards-test-analyst')).toBe(0);
  });
});

describe('the screen follows the counts live', () => {
  test('an award written reaches the subscribed count', async () => {
    type Live = { live: { awardCounts: { rows: CountRow[] } } };
    const sub = await subscribe<Live>(
      running.ws,
      screen,
      `subscription { live { awardCounts(fromYear: 2026, toYear: 2026) { rows { kind year count } } } }`,
    );
    try {
      const stars = (message: { data?: Live }) =>
        message.data?.live.awardCounts.rows.find((row) => row.kind === 'INTEGRITY_AMBASSADOR')?.count ?? -1;
      const first = await sub.next((message) => stars(message) >= 0);
      expect(first.extensions?.live?.snapshot).toBe(true);
      const before = stars(first);
      expect(before).toBe(7);
      await gql(running.url, staffRole, upsert, {
        input: {
          externalId: 'awards-test-live',
          kind: 'INTEGRITY_AMBASSADOR',
          enterpriseCreditCode: (
            await db.sql.query<{ creditCode: string }>(
              `SELECT "creditCode" FROM "Enterprise" ORDER BY id LIMIT 1`,
            )
          )[0]?.creditCode,
          year: 2026,
          issuer: '县信用办',
          awardedOn: '2026-06-14',
          citation: '测试：信用宣传',
        },
      });
      const pushed = await sub.next((message) => stars(message) === before + 1);
      expect(pushed.extensions?.live?.snapshot).toBe(false);
    } finally {
      await sub.close();
    }
  });
});
