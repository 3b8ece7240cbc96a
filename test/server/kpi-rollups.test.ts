// The KPI rollups are kept by triggers on ServiceCase and must equal the cases after every
// write; a kept KPI answer must never outlive a write. Checked on the seeded county (the seed
// writes through the triggers) and on a small database of its own that this file writes to.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mintToken } from '../../server/src/auth.ts';
import type { Database } from '../../server/src/db.ts';
import { createHubServer, type HubServer } from '../../server/src/server.ts';
import { migratedDatabase, seededDatabase } from '../fixtures/database.ts';

const day = `("submittedAt" AT TIME ZONE 'Asia/Shanghai')::date`;
const month = `date_trunc('month', "submittedAt" AT TIME ZONE 'Asia/Shanghai')::date`;
const counts = `count(*)::int, (count(*) FILTER (WHERE "oneNetwork"))::int`;

/** Each rollup as stored (rows a write has brought to zero left out) and as the cases say. */
const rollups: Record<string, { stored: string; expected: string }> = {
  KpiAreaDay: {
    stored: `SELECT day, "areaId", "townshipCase", cases, "oneNetworkCases", "bankBranchCases", "crossProvinceCases"
               FROM "KpiAreaDay" WHERE cases <> 0 OR "oneNetworkCases" <> 0 OR "bankBranchCases" <> 0 OR "crossProvinceCases" <> 0`,
    expected: `SELECT ${day}, coalesce("townshipId", "regionId"), "townshipId" IS NOT NULL, ${counts},
                      (count(*) FILTER (WHERE channel = 'BANK_BRANCH'))::int, (count(*) FILTER (WHERE channel = 'CROSS_PROVINCE'))::int
                 FROM "ServiceCase" GROUP BY 1, 2, 3`,
  },
  KpiAreaMonth: {
    stored: `SELECT month, "areaId", "townshipCase", cases, "oneNetworkCases", "bankBranchCases", "crossProvinceCases"
               FROM "KpiAreaMonth" WHERE cases <> 0 OR "oneNetworkCases" <> 0 OR "bankBranchCases" <> 0 OR "crossProvinceCases" <> 0`,
    expected: `SELECT ${month}, coalesce("townshipId", "regionId"), "townshipId" IS NOT NULL, ${counts},
                      (count(*) FILTER (WHERE channel = 'BANK_BRANCH'))::int, (count(*) FILTER (WHERE channel = 'CROSS_PROVINCE'))::int
                 FROM "ServiceCase" GROUP BY 1, 2, 3`,
  },
  KpiCaseDay: {
    stored: `SELECT day, "areaId", "townshipCase", channel, cases, "oneNetworkCases" FROM "KpiCaseDay"
              WHERE cases <> 0 OR "oneNetworkCases" <> 0`,
    expected: `SELECT ${day}, coalesce("townshipId", "regionId"), "townshipId" IS NOT NULL, channel, ${counts}
                 FROM "ServiceCase" GROUP BY 1, 2, 3, 4`,
  },
  KpiCaseMonth: {
    stored: `SELECT month, "areaId", "townshipCase", channel, cases, "oneNetworkCases" FROM "KpiCaseMonth"
              WHERE cases <> 0 OR "oneNetworkCases" <> 0`,
    expected: `SELECT ${month}, coalesce("townshipId", "regionId"), "townshipId" IS NOT NULL, channel, ${counts}
                 FROM "ServiceCase" GROUP BY 1, 2, 3, 4`,
  },
  KpiCaseItemMonth: {
    stored: `SELECT month, "regionId", "townshipCase", channel, "itemId", cases, "oneNetworkCases" FROM "KpiCaseItemMonth"
              WHERE cases <> 0 OR "oneNetworkCases" <> 0`,
    expected: `SELECT ${month}, "regionId", "townshipId" IS NOT NULL, channel, "itemId", ${counts}
                 FROM "ServiceCase" GROUP BY 1, 2, 3, 4, 5`,
  },
};

/** Rows in which each rollup differs from the cases (both ways); all zero when exact. */
async function differences(db: Database): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const [table, { stored, expected }] of Object.entries(rollups)) {
    const [row] = await db.sql.query<{ n: number }>(
      `SELECT ((SELECT count(*) FROM ((${stored}) EXCEPT (${expected})) a)
             + (SELECT count(*) FROM ((${expected}) EXCEPT (${stored})) b))::int AS n`,
    );
    result[table] = row?.n ?? -1;
  }
  return result;
}

const exact = Object.fromEntries(Object.keys(rollups).map((table) => [table, 0]));

describe('rollups of the seeded county', () => {
  let seeded: Database;
  beforeAll(async () => {
    seeded = await seededDatabase();
  });

  test('equal the cases: the seed writes through the triggers', async () => {
    expect(await differences(seeded)).toEqual(exact);
  });
});

describe('rollups under writes', () => {
  let db: Database;
  let hub: HubServer;
  let url: string;
  let token: string;
  const secret = 'kpi-rollups-test-secret-0123456789abcdef';
  const now = new Date('2026-11-28T10:00:00+08:00');
  let ids: { county: number; east: number; west: number; village: number; item: number; item2: number };

  beforeAll(async () => {
    db = await migratedDatabase();
    const region = async (
      code: string,
      name: string,
      level: string,
      kind: string,
      parent: number | null,
      path: string,
    ) => {
      const [row] = await db.sql.query<{ id: number }>(
        `INSERT INTO "Region" (code, name, level, kind, "parentId", path, "isHome", "updatedAt")
         VALUES ($1, $2, $3::"RegionLevel", $4::"RegionKind", $5, $6, true, now()) RETURNING id`,
        [code, name, level, kind, parent, path],
      );
      if (!row) throw new Error('region not created');
      await db.sql.query(`UPDATE "Region" SET path = $1 || id || '/' WHERE id = $2`, [path, row.id]);
      return row.id;
    };
    const city = await region('999900000000', '示例市', 'CITY', 'CITY', null, '/');
    const county = await region('999901000000', '示例县', 'COUNTY', 'COUNTY', city, `/${city}/`);
    const east = await region('999901001000', '东城镇', 'TOWNSHIP', 'TOWN', county, `/${city}/${county}/`);
    const west = await region(
      '999901002000',
      '西岭乡',
      'TOWNSHIP',
      'TOWNSHIP',
      county,
      `/${city}/${county}/`,
    );
    const village = await region(
      '999901001201',
      '东村',
      'VILLAGE',
      'VILLAGE',
      east,
      `/${city}/${county}/${east}/`,
    );
    const [department] = await db.sql.query<{ id: number }>(
      `INSERT INTO "Department" (code, name, "shortName", "updatedAt") VALUES ('D1', '县市场监督管理局', '市场监管', now()) RETURNING id`,
    );
    const [item, item2] = await db.sql.query<{ id: number }>(
      `INSERT INTO "ServiceItem" (code, name, "departmentId", "allowedChannels", "allowedLevels", "legalDays", "promisedDays", "updatedAt")
       VALUES ('I1', '个体工商户设立登记', $1, '{WEB,WINDOW}', '{COUNTY,TOWNSHIP}', 15, 3, now()),
              ('I2', '食品经营许可', $1, '{WEB,WINDOW}', '{COUNTY,TOWNSHIP}', 20, 5, now()) RETURNING id`,
      [department?.id],
    );
    if (!item || !item2) throw new Error('items not created');
    ids = { county, east, west, village, item: item.id, item2: item2.id };
    hub = createHubServer({ db, secret, clock: () => now, dashboardDir: '/nonexistent/dist' });
    url = `http://127.0.0.1:${await hub.listen(0, '127.0.0.1')}`;
    token = await mintToken(secret, { subject: 'kpi-rollups-test', role: 'SCREEN' });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  async function addCases(rows: Array<[string, number, number | null, string, boolean, string, number?]>) {
    for (const [externalId, regionId, townshipId, channel, oneNetwork, submittedAt, itemId] of rows) {
      await db.sql.query(
        `INSERT INTO "ServiceCase" ("sourceSystem", "externalId", "itemId", "regionId", "townshipId", channel, "oneNetwork",
                                    "applicantKind", status, "submittedAt", "updatedAt")
         VALUES ('kpi-test', $1, $2, $3, $4, $5::"Channel", $6, 'PERSON', 'SUBMITTED', $7, now())`,
        [externalId, itemId ?? ids.item, regionId, townshipId, channel, oneNetwork, submittedAt],
      );
    }
  }

  async function overview(): Promise<{
    casesToday: number;
    casesThisYear: number;
    oneNetworkCasesThisYear: number;
  }> {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ overview { casesToday casesThisYear oneNetworkCasesThisYear } }' }),
    });
    const body = (await response.json()) as {
      data: { overview: { casesToday: number; casesThisYear: number; oneNetworkCasesThisYear: number } };
    };
    return body.data.overview;
  }

  test('inserts, updates (of every key: day, month, region, channel, item, one-network) and deletes keep every rollup exact', async () => {
    await addCases([
      ['a', ids.county, null, 'WEB', true, '2026-11-28T09:00:00+08:00'],
      ['b', ids.east, ids.east, 'WINDOW', false, '2026-11-28T10:30:00+08:00'],
      ['c', ids.village, ids.east, 'BANK_BRANCH', true, '2026-11-27T23:59:59+08:00'],
      ['d', ids.west, ids.west, 'CROSS_PROVINCE', true, '2026-10-31T16:30:00Z'],
      ['e', ids.county, null, 'MOBILE', true, '2026-01-01T00:00:00+08:00', ids.item2],
    ]);
    expect(await differences(db)).toEqual(exact);
    // The Shanghai day, not the UTC one: 2026-10-31T16:30Z is 1 November in Shanghai.
    const [d] = await db.sql.query<{ month: string }>(
      `SELECT month::text FROM "KpiAreaMonth" WHERE "areaId" = $1`,
      [ids.west],
    );
    expect(d?.month).toBe('2026-11-01');

    await db.sql.query(
      `UPDATE "ServiceCase" SET "oneNetwork" = NOT "oneNetwork" WHERE "externalId" IN ('a', 'b')`,
    );
    await db.sql.query(
      `UPDATE "ServiceCase" SET "submittedAt" = '2026-09-15T10:00:00+08:00', channel = 'WEB', "regionId" = $1, "townshipId" = $1
        WHERE "externalId" = 'c'`,
      [ids.west],
    );
    await db.sql.query(`UPDATE "ServiceCase" SET "itemId" = $1 WHERE "externalId" = 'd'`, [ids.item2]);
    // A status change moves no key: the rollups are not touched.
    await db.sql.query(`UPDATE "ServiceCase" SET status = 'ACCEPTED'`);
    expect(await differences(db)).toEqual(exact);

    await db.sql.query(`DELETE FROM "ServiceCase" WHERE "externalId" IN ('b', 'e')`);
    expect(await differences(db)).toEqual(exact);
    const [left] = await db.sql.query<{ cases: number }>(`SELECT sum(cases)::int AS cases FROM "KpiAreaDay"`);
    expect(left?.cases).toBe(3);

    await db.sql.query(`TRUNCATE "ServiceCase"`);
    const [none] = await db.sql.query<{ n: number }>(
      `SELECT ((SELECT count(*) FROM "KpiAreaDay") + (SELECT count(*) FROM "KpiCaseItemMonth"))::int AS n`,
    );
    expect(none?.n).toBe(0);
  });

  test('a kept answer is never handed out after a write', async () => {
    const before = await overview();
    expect(await overview()).toEqual(before);
    await addCases([['f', ids.east, ids.east, 'WEB', true, '2026-11-28T08:00:00+08:00']]);
    const after = await overview();
    expect(after.casesToday).toBe(before.casesToday + 1);
    expect(after.oneNetworkCasesThisYear).toBe(before.oneNetworkCasesThisYear + 1);
    await db.sql.query(`UPDATE "ServiceCase" SET "oneNetwork" = false WHERE "externalId" = 'f'`);
    expect((await overview()).oneNetworkCasesThisYear).toBe(before.oneNetworkCasesThisYear);
    await db.sql.query(`DELETE FROM "ServiceCase" WHERE "externalId" = 'f'`);
    expect(await overview()).toEqual(before);
  });

  test('a kept figure outlives writes to tables it does not read, never one to a table it reads', async () => {
    const statements: string[] = [];
    const query = db.sql.query.bind(db.sql);
    db.sql.query = ((text: string, values?: unknown[]) => {
      statements.push(text);
      return query(text, values);
    }) as typeof db.sql.query;
    try {
      // The overview's two statements: the case figures and the other lines of work.
      const ran = (part: 'cases' | 'other') =>
        statements.filter((text) => text.includes(part === 'cases' ? `'casesToday'` : `'creditBase'`)).length;
      const figures = async () => {
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ overview { casesToday creditBase } }' }),
        });
        return ((await response.json()) as { data: { overview: { casesToday: number; creditBase: number } } })
          .data.overview;
      };
      const before = await figures();
      statements.length = 0;

      // A case: the case figures are computed again, the credit ones handed out as kept.
      await addCases([['k', ids.east, ids.east, 'WEB', true, '2026-11-28T09:30:00+08:00']]);
      expect(await figures()).toEqual({ ...before, casesToday: before.casesToday + 1 });
      expect(ran('other')).toBe(0);
      expect(ran('cases')).toBeGreaterThan(0);

      // A firm entering the credit base: the credit figures move, the case ones are kept.
      statements.length = 0;
      await db.sql.query(
        `INSERT INTO "CreditSubject" ("creditCode", name, "regionId", "registeredOn", "updatedAt")
         VALUES ('91999901MA0KEPT01X', '示例商贸有限公司', $1, '2026-01-05', now())`,
        [ids.east],
      );
      expect(await figures()).toEqual({
        casesToday: before.casesToday + 1,
        creditBase: before.creditBase + 1,
      });
      expect(ran('other')).toBeGreaterThan(0);
      expect(ran('cases')).toBe(0);

      // A table both read (a region renamed): both computed again.
      statements.length = 0;
      await db.sql.query(`UPDATE "Region" SET name = '东城镇' WHERE id = $1`, [ids.east]);
      await figures();
      expect(ran('other')).toBeGreaterThan(0);
      expect(ran('cases')).toBeGreaterThan(0);
    } finally {
      db.sql.query = query;
      await db.sql.query(`DELETE FROM "ServiceCase" WHERE "externalId" = 'k'`);
      await db.sql.query(`DELETE FROM "CreditSubject" WHERE "creditCode" = '91999901MA0KEPT01X'`);
    }
  });

  test('screens finding a figure stale after a write share one run of its statement', async () => {
    const statements: string[] = [];
    const query = db.sql.query.bind(db.sql);
    db.sql.query = ((text: string, values?: unknown[]) => {
      statements.push(text);
      return query(text, values);
    }) as typeof db.sql.query;
    const casesToday = async () => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ overview { casesToday } }' }),
      });
      return ((await response.json()) as { data: { overview: { casesToday: number } } }).data.overview
        .casesToday;
    };
    try {
      const before = await casesToday();
      await addCases([['s', ids.east, ids.east, 'WEB', true, '2026-11-28T10:30:00+08:00']]);
      statements.length = 0;
      const answers = await Promise.all(Array.from({ length: 10 }, () => casesToday()));
      expect(answers).toEqual(Array.from({ length: 10 }, () => before + 1));
      expect(statements.filter((text) => text.includes(`'casesToday'`))).toHaveLength(1);
    } finally {
      db.sql.query = query;
      await db.sql.query(`DELETE FROM "ServiceCase" WHERE "externalId" = 's'`);
    }
  });

  test('the change counter folds its rows and never loses a write', async () => {
    const sum = async () => {
      const [row] = await db.sql.query<{ sum: string; rows: number }>(
        `SELECT coalesce(sum(weight), 0)::text AS sum, count(*)::int AS rows FROM "KpiChange"`,
      );
      return { sum: BigInt(row?.sum ?? '0'), rows: row?.rows ?? 0 };
    };
    const byTable = async () =>
      new Map(
        (
          await db.sql.query<{ table: string; sum: string }>(
            `SELECT "tableName" AS table, sum(weight)::text AS sum FROM "KpiChange" GROUP BY 1`,
          )
        ).map((row) => [row.table, BigInt(row.sum)]),
      );
    const start = await sum();
    const tablesBefore = await byTable();
    for (let i = 0; i < 300; i++)
      await db.sql.query(`UPDATE "Region" SET population = $1 WHERE id = $2`, [i, ids.west]);
    const end = await sum();
    expect(end.sum - start.sum).toBe(300n);
    expect(end.rows).toBeLessThan(start.rows + 300);
    // Folding keeps each table's own sum: the 300 are the Region's, the others did not move.
    const tablesAfter = await byTable();
    expect((tablesAfter.get('Region') ?? 0n) - (tablesBefore.get('Region') ?? 0n)).toBe(300n);
    for (const [table, weight] of tablesBefore) {
      if (table !== 'Region') expect([table, tablesAfter.get(table)]).toEqual([table, weight]);
    }
  });
});
