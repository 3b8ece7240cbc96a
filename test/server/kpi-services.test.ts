// Government-service KPIs against the seeded county: 2022 reproduces the work summary exactly
// (368,400 cases, 98.13 % one-network, 32 bank branches with 34 items and 11,272 cases, 241
// cross-province items and 5,137 cases); the years after are checked for consistency between
// the ways of cutting the same cases, and against the cases themselves.
import { describe, expect, test } from 'vitest';
import { analyst, type Caller, gql, readsHub, request, screen } from './reads-client.ts';

const hub = readsHub();

interface Totals {
  period: { label: string; from: string; to: string };
  cases: number;
  oneNetworkCases: number;
  townshipCases: number;
  oneNetworkRate: number | null;
}

interface Figure {
  key: string;
  label: string;
  current: Totals;
  previous: Totals;
  yearAgo: Totals;
  casesYearOnYearPercent: number | null;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
}

const totals = 'period { label from to } cases oneNetworkCases townshipCases oneNetworkRate';
const figureFields = `key label current { ${totals} } previous { ${totals} } yearAgo { ${totals} }
  casesYearOnYearPercent rank previousRank rankChange`;

async function statistics(
  args: string,
  caller: Caller = analyst,
): Promise<{ region: { code: string; name: string }; rows: Figure[]; asOf: string }> {
  const { caseStatistics } = await gql<{
    caseStatistics: { region: { code: string; name: string }; rows: Figure[]; asOf: string };
  }>(
    hub.url(),
    caller,
    `{ caseStatistics${args ? `(${args})` : ''} { region { code name } rows { ${figureFields} } asOf } }`,
  );
  return caseStatistics;
}

const year2022 = 'period: { bucket: YEAR, on: "2022-06-30" }';

/** Cases of the home county counted straight from the table, for cross-checks. */
async function countCases(where: string): Promise<{ cases: number; oneNetwork: number }> {
  const [row] = await hub
    .db()
    .sql.query<{ cases: number; oneNetwork: number }>(
      `SELECT count(*)::int AS cases, count(*) FILTER (WHERE "oneNetwork")::int AS "oneNetwork" FROM "ServiceCase" c WHERE ${where}`,
    );
  return row ?? { cases: 0, oneNetwork: 0 };
}

describe('case volume and one-network rate (办件量, 一网通办率)', () => {
  test('2022 reproduces the work summary: 368,400 cases, 98.13 % one-network', async () => {
    const { region, rows } = await statistics(year2022);
    expect(region.name).toBe('示例县');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.current).toMatchObject({
      period: { label: '2022', from: '2022-01-01', to: '2022-12-31' },
      cases: 368_400,
      oneNetworkCases: 361_511,
      oneNetworkRate: 98.13,
    });
    // No history before 2022: nothing to compare with.
    expect(rows[0]?.previous).toMatchObject({ period: { label: '2021' }, cases: 0, oneNetworkRate: null });
    expect(rows[0]?.casesYearOnYearPercent).toBeNull();
  });

  test('the current year runs to today and is compared with the same days of the year before', async () => {
    const [row] = (await statistics('')).rows;
    expect(row?.current.period).toEqual({ label: '2026~2026-11-28', from: '2026-01-01', to: '2026-11-28' });
    expect(row?.yearAgo.period).toEqual({ label: '2025~2025-11-28', from: '2025-01-01', to: '2025-11-28' });
    const current = await countCases(
      `c."submittedAt" >= '2026-01-01T00:00:00+08:00' AND c."submittedAt" < '2026-11-29T00:00:00+08:00'`,
    );
    const yearAgo = await countCases(
      `c."submittedAt" >= '2025-01-01T00:00:00+08:00' AND c."submittedAt" < '2025-11-29T00:00:00+08:00'`,
    );
    expect(row?.current.cases).toBe(current.cases);
    expect(row?.current.oneNetworkCases).toBe(current.oneNetwork);
    expect(row?.yearAgo.cases).toBe(yearAgo.cases);
    expect(row?.casesYearOnYearPercent).toBe(
      Math.round((10_000 * (current.cases - yearAgo.cases)) / yearAgo.cases) / 100,
    );
  });

  test('a month to date is compared with the same days of the month before', async () => {
    const [row] = (await statistics('period: { bucket: MONTH }')).rows;
    expect(row?.current.period).toMatchObject({ from: '2026-11-01', to: '2026-11-28' });
    expect(row?.previous.period).toMatchObject({ from: '2026-10-01', to: '2026-10-28' });
    const previous = await countCases(
      `c."submittedAt" >= '2026-10-01T00:00:00+08:00' AND c."submittedAt" < '2026-10-29T00:00:00+08:00'`,
    );
    expect(row?.previous.cases).toBe(previous.cases);
  });

  test('townships are ranked by one-network rate with the rank of the year before', async () => {
    const { rows } = await statistics('groupBy: CHILD_REGION, rankBy: ONE_NETWORK_RATE');
    expect(rows).toHaveLength(12);
    const rates = rows.map((row) => row.current.oneNetworkRate ?? -1);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    expect(rows[0]?.rank).toBe(1);
    for (const row of rows) {
      const better = rows.filter(
        (other) => (other.current.oneNetworkRate ?? -1) > (row.current.oneNetworkRate ?? -1),
      );
      expect(row.rank).toBe(better.length + 1);
      const betterBefore = rows.filter(
        (other) => (other.previous.oneNetworkRate ?? -1) > (row.previous.oneNetworkRate ?? -1),
      );
      expect(row.previousRank).toBe(betterBefore.length + 1);
      expect(row.rankChange).toBe((row.previousRank ?? 0) - (row.rank ?? 0));
      // Every case of a township is a township case.
      expect(row.current.townshipCases).toBe(row.current.cases);
    }
  });

  test('townships, channels, departments and items each add up to the county', async () => {
    const [county] = (await statistics(year2022)).rows;
    for (const groupBy of ['CHANNEL', 'DEPARTMENT', 'ITEM']) {
      const { rows } = await statistics(`${year2022}, groupBy: ${groupBy}`);
      expect(rows.reduce((sum, row) => sum + row.current.cases, 0)).toBe(county?.current.cases);
      expect(rows.reduce((sum, row) => sum + row.current.oneNetworkCases, 0)).toBe(
        county?.current.oneNetworkCases,
      );
    }
    const townships = (await statistics(`${year2022}, groupBy: CHILD_REGION`)).rows;
    // The county's own cases belong to no township.
    expect(townships.reduce((sum, row) => sum + row.current.cases, 0)).toBe(county?.current.townshipCases);
    expect(county?.current.townshipCases).toBe(
      (await countCases(`c."townshipId" IS NOT NULL AND c."submittedAt" < '2023-01-01T00:00:00+08:00'`))
        .cases,
    );
  });

  test('channels are labelled in Chinese and ranked by volume', async () => {
    const { rows } = await statistics(`${year2022}, groupBy: CHANNEL`);
    expect(rows.map((row) => row.key).sort()).toEqual(
      ['BANK_BRANCH', 'CROSS_PROVINCE', 'MOBILE', 'SELF_SERVICE', 'VILLAGE_AGENT', 'WEB', 'WINDOW'].sort(),
    );
    const bank = rows.find((row) => row.key === 'BANK_BRANCH');
    expect(bank).toMatchObject({ label: '政银合作网点', current: { cases: 11_272 } });
    expect(rows.find((row) => row.key === 'CROSS_PROVINCE')?.current.cases).toBe(5_137);
    expect(rows.map((row) => row.rank)).toEqual(rows.map((_, i) => i + 1));
  });

  test('a village and a township’s villages are counted from the fine rollups and the cases', async () => {
    const [village] = await hub.db().sql.query<{ code: string; id: number; township: string }>(
      `SELECT v.code, v.id, t.code AS township FROM "Region" v JOIN "Region" t ON t.id = v."parentId"
        WHERE v.level = 'VILLAGE' AND EXISTS (SELECT 1 FROM "ServiceCase" c WHERE c."regionId" = v.id)
        ORDER BY v.code LIMIT 1`,
    );
    if (!village) throw new Error('the seed has village cases');
    // A period cut inside months: whole months from the rollup, the cut days from the cases.
    const period = 'period: { from: "2025-03-15", to: "2025-11-10" }';
    const [row] = (await statistics(`regionCode: "${village.code}", ${period}`)).rows;
    const raw = await countCases(
      `c."regionId" = ${village.id} AND c."submittedAt" >= '2025-03-15T00:00:00+08:00' AND c."submittedAt" < '2025-11-11T00:00:00+08:00'`,
    );
    expect(row?.current.cases).toBe(raw.cases);
    expect(row?.current.oneNetworkCases).toBe(raw.oneNetwork);
    const villages = (await statistics(`regionCode: "${village.township}", ${period}, groupBy: CHILD_REGION`))
      .rows;
    expect(villages.find((v) => v.key === village.code)?.current.cases).toBe(raw.cases);
  });

  test('a series by month adds up to the year, with cumulative counts and year-on-year buckets', async () => {
    const { caseSeries } = await gql<{
      caseSeries: {
        points: Array<{
          current: Totals;
          yearAgo: Totals;
          cumulativeCases: number;
          cumulativeTownshipCases: number;
        }>;
      };
    }>(
      hub.url(),
      screen,
      `{ caseSeries(bucket: MONTH, from: "2023-01-01", to: "2023-12-31") {
          points { current { ${totals} } yearAgo { ${totals} } cumulativeCases cumulativeTownshipCases } } }`,
    );
    expect(caseSeries.points).toHaveLength(12);
    expect(caseSeries.points.map((p) => p.current.period.label)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`),
    );
    const [year] = (await statistics('period: { bucket: YEAR, on: "2023-01-01" }')).rows;
    expect(caseSeries.points.at(-1)?.cumulativeCases).toBe(year?.current.cases);
    expect(caseSeries.points.at(-1)?.cumulativeTownshipCases).toBe(year?.current.townshipCases);
    expect(caseSeries.points.reduce((sum, p) => sum + p.yearAgo.cases, 0)).toBe(368_400);
    expect(caseSeries.points[1]?.yearAgo.period).toMatchObject({ from: '2022-02-01', to: '2022-02-28' });
  });

  test('today, week, month, quarter and year to date', async () => {
    const { casesToDate } = await gql<{ casesToDate: Figure[] }>(
      hub.url(),
      screen,
      `{ casesToDate { ${figureFields} } }`,
    );
    expect(casesToDate.map((f) => f.current.period.label)).toEqual([
      '2026-11-28',
      '2026-W48~2026-11-28',
      '2026-11~2026-11-28',
      '2026-Q4~2026-11-28',
      '2026~2026-11-28',
    ]);
    // A week is compared with the same weekdays 52 weeks earlier.
    expect(casesToDate[1]?.yearAgo.period).toMatchObject({ from: '2025-11-24', to: '2025-11-29' });
    const today = await countCases(
      `c."submittedAt" >= '2026-11-28T00:00:00+08:00' AND c."submittedAt" < '2026-11-29T00:00:00+08:00'`,
    );
    expect(casesToDate[0]?.current.cases).toBe(today.cases);
    const counts = casesToDate.map((f) => f.current.cases);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });

  test('bank branches (政银合作): 32 branches, 34 items, 11,272 cases in 2022', async () => {
    const { bankBranchStatistics } = await gql<{
      bankBranchStatistics: {
        places: number;
        items: number;
        cases: number;
        since: string;
        rows: Array<{ cases: number; rank: number | null }>;
      };
    }>(
      hub.url(),
      screen,
      `{ bankBranchStatistics(${year2022}) { places items cases since rows { cases rank } } }`,
    );
    expect(bankBranchStatistics).toMatchObject({ places: 32, items: 34, cases: 11_272 });
    expect(bankBranchStatistics.since >= '2022-05-01').toBe(true);
    expect(bankBranchStatistics.rows.reduce((sum, row) => sum + row.cases, 0)).toBe(11_272);
    expect(bankBranchStatistics.rows[0]?.rank).toBe(1);
  });

  test('cross-province handling (跨省通办): 241 items and 5,137 cases in 2022', async () => {
    const { crossProvinceStatistics } = await gql<{
      crossProvinceStatistics: { items: number; cases: number; rows: Array<{ cases: number }> };
    }>(hub.url(), screen, `{ crossProvinceStatistics(${year2022}) { items cases rows { cases } } }`);
    expect(crossProvinceStatistics).toMatchObject({ items: 241, cases: 5_137 });
    expect(crossProvinceStatistics.rows.reduce((sum, row) => sum + row.cases, 0)).toBe(5_137);
  });
});

describe('who may see case KPIs', () => {
  test('without a token: UNAUTHENTICATED', async () => {
    const response = await fetch(`${hub.url()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ caseStatistics { rows { key } } }' }),
    });
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('a TOWNSHIP token gets its own township by default and FORBIDDEN for the county', async () => {
    const [township] = await hub
      .db()
      .sql.query<{ code: string; name: string }>(
        `SELECT code, name FROM "Region" WHERE level = 'TOWNSHIP' ORDER BY code LIMIT 1`,
      );
    const [county] = await hub
      .db()
      .sql.query<{ code: string }>(`SELECT code FROM "Region" WHERE level = 'COUNTY' AND "isHome"`);
    if (!township || !county) throw new Error('the seed has a county and townships');
    const caller: Caller = { role: 'TOWNSHIP', regionCode: township.code };
    const own = await statistics(year2022, caller);
    expect(own.region).toEqual({ code: township.code, name: township.name });
    const asRanked = (await statistics(`${year2022}, groupBy: CHILD_REGION`)).rows.find(
      (r) => r.key === township.code,
    );
    expect(own.rows[0]?.current.cases).toBe(asRanked?.current.cases);
    const refused = await request(
      hub.url(),
      caller,
      `{ caseStatistics(regionCode: "${county.code}") { rows { key } } }`,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('a DEPARTMENT token counts only its department’s items', async () => {
    const { rows } = await statistics(`${year2022}, groupBy: DEPARTMENT`);
    const department = rows[0];
    if (!department) throw new Error('departments have cases');
    const own = await statistics(year2022, { role: 'DEPARTMENT', departmentCode: department.key });
    expect(own.rows[0]?.current.cases).toBe(department.current.cases);
    const other = rows[1]?.key;
    const refused = await request(
      hub.url(),
      { role: 'DEPARTMENT', departmentCode: department.key },
      `{ caseStatistics(departmentCode: "${other}") { rows { key } } }`,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

interface YearRate {
  region: { code: string };
  totalCases: number;
  oneNetworkCases: number;
  rate: number | null;
  rank: number | null;
}

const yearRateFields = 'region { code } totalCases oneNetworkCases rate rank';

describe('the one-network rate of a year (oneNetworkRate) comes from the case figures', () => {
  test('it is caseStatistics’ rate for the same year and region, the ranking too', async () => {
    const [township] = await hub
      .db()
      .sql.query<{ code: string }>(
        `SELECT code FROM "Region" WHERE level = 'TOWNSHIP' ORDER BY code LIMIT 1`,
      );
    if (!township) throw new Error('the seed has townships');
    for (const [year, region] of [
      [2022, null],
      [2026, null],
      [2025, township.code],
    ] as const) {
      const code = region ? `regionCode: "${region}", ` : '';
      const { rate, children } = await gql<{ rate: YearRate; children: YearRate[] }>(
        hub.url(),
        analyst,
        `{ rate: oneNetworkRate(${code}year: ${year}) { ${yearRateFields} }
           children: oneNetworkRateByChildren(${code}year: ${year}) { ${yearRateFields} } }`,
      );
      const period = `period: { from: "${year}-01-01", to: "${year}-12-31" }`;
      const total = await statistics(`${code}${period}`);
      expect(rate, `${year} ${region}`).toEqual({
        region: { code: total.region.code },
        totalCases: total.rows[0]?.current.cases,
        oneNetworkCases: total.rows[0]?.current.oneNetworkCases,
        rate: total.rows[0]?.current.oneNetworkRate,
        rank: null,
      });
      expect(rate.totalCases).toBeGreaterThan(0);
      const ranked = await statistics(`${code}${period}, groupBy: CHILD_REGION, rankBy: ONE_NETWORK_RATE`);
      expect(children).toEqual(
        ranked.rows.map((row) => ({
          region: { code: row.key },
          totalCases: row.current.cases,
          oneNetworkCases: row.current.oneNetworkCases,
          rate: row.current.oneNetworkRate,
          rank: row.rank,
        })),
      );
      expect(children.length).toBeGreaterThan(1);
    }
    // 2022 is the work summary's year.
    const { oneNetworkRate } = await gql<{ oneNetworkRate: YearRate }>(
      hub.url(),
      analyst,
      `{ oneNetworkRate(year: 2022) { ${yearRateFields} } }`,
    );
    expect(oneNetworkRate).toMatchObject({ totalCases: 368_400, oneNetworkCases: 361_511, rate: 98.13 });
  });

  test('a TOWNSHIP token reads its own subtree only: FORBIDDEN for the county and a neighbour', async () => {
    const townships = await hub
      .db()
      .sql.query<{ code: string }>(
        `SELECT code FROM "Region" WHERE level = 'TOWNSHIP' ORDER BY code LIMIT 2`,
      );
    const [county] = await hub
      .db()
      .sql.query<{ code: string }>(`SELECT code FROM "Region" WHERE level = 'COUNTY' AND "isHome"`);
    const [own, neighbour] = townships;
    if (!own || !neighbour || !county) throw new Error('the seed has a county and townships');
    const caller: Caller = { role: 'TOWNSHIP', regionCode: own.code };
    const asAnalyst = await gql<{ oneNetworkRate: YearRate }>(
      hub.url(),
      analyst,
      `{ oneNetworkRate(regionCode: "${own.code}", year: 2022) { ${yearRateFields} } }`,
    );
    const mine = await gql<{ named: YearRate; unnamed: YearRate }>(
      hub.url(),
      caller,
      `{ named: oneNetworkRate(regionCode: "${own.code}", year: 2022) { ${yearRateFields} }
         unnamed: oneNetworkRate(year: 2022) { ${yearRateFields} } }`,
    );
    expect(mine.named).toEqual(asAnalyst.oneNetworkRate);
    expect(mine.unnamed).toEqual(asAnalyst.oneNetworkRate);
    for (const query of [
      `{ oneNetworkRate(regionCode: "${county.code}", year: 2022) { totalCases } }`,
      `{ oneNetworkRate(regionCode: "${neighbour.code}", year: 2022) { totalCases } }`,
      `{ oneNetworkRateByChildren(regionCode: "${county.code}", year: 2022) { totalCases } }`,
    ]) {
      const refused = await request<Record<string, unknown>>(hub.url(), caller, query);
      expect(refused.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
      expect(JSON.stringify(refused.data ?? {})).not.toMatch(/totalCases/);
    }
  });
});
