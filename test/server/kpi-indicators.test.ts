// Indicators: red/amber/green status on both sides of each edge in both directions, the
// roll-up to the parent, targets by year and pro-rated targets, against the seeded county.
import { describe, expect, test } from 'vitest';
import { sql } from '../../server/src/kpi/sql.ts';
import { statusSql } from '../../server/src/kpi/status.ts';
import { analyst, gql, readsHub } from './reads-client.ts';

const hub = readsHub();

interface Figure {
  code: string;
  category: string;
  direction: string;
  parentCode: string | null;
  year: number | null;
  value: number | null;
  computed: boolean;
  periodKind: string | null;
  target: number | null;
  warningBand: number | null;
  targetBasis: string | null;
  expectedToDate: number | null;
  status: string | null;
  statusBasis: string | null;
  tier: number | null;
  rank: number | null;
  rankOf: number | null;
  bestInProvince: boolean;
  rollup: {
    children: number;
    green: number;
    amber: number;
    red: number;
    score: number | null;
    status: string | null;
    weightedValue: number | null;
  } | null;
  trend: Array<{ periodStart: string; value: number }>;
}

const fields = `code category direction parentCode year value computed periodKind target warningBand targetBasis
  expectedToDate status statusBasis tier rank rankOf bestInProvince
  rollup { children green amber red score status weightedValue } trend { periodStart value }`;

async function board(args: string): Promise<Figure[]> {
  const { indicatorBoard } = await gql<{ indicatorBoard: { figures: Figure[] } }>(
    hub.url(),
    analyst,
    `{ indicatorBoard(${args}) { figures { ${fields} } } }`,
  );
  return indicatorBoard.figures;
}

describe('red/amber/green status (红黄绿灯)', () => {
  // [value, target, warning band, higher is better, status]
  const edges: Array<[number | null, number | null, number | null, boolean, string | null]> = [
    // Higher is better, target 98 with a band of 0.5: green from 98, amber from 97.5.
    [98.5, 98, 0.5, true, 'GREEN'],
    [98, 98, 0.5, true, 'GREEN'],
    [97.9999, 98, 0.5, true, 'AMBER'],
    [97.5, 98, 0.5, true, 'AMBER'],
    [97.4999, 98, 0.5, true, 'RED'],
    // Lower is better, a time limit of 5 working days with a band of 1: amber up to 6.
    [4, 5, 1, false, 'GREEN'],
    [5, 5, 1, false, 'GREEN'],
    [5.0001, 5, 1, false, 'AMBER'],
    [6, 5, 1, false, 'AMBER'],
    [6.0001, 5, 1, false, 'RED'],
    // Without a band there is no amber; without a value or a target no status.
    [97.9999, 98, null, true, 'RED'],
    [5.0001, 5, null, false, 'RED'],
    [null, 98, 0.5, true, null],
    [98, null, 0.5, true, null],
  ];

  test.each(edges)(
    '%s against %s (band %s, higher is better: %s) is %s',
    async (value, target, band, higher, status) => {
      const statement = sql`SELECT ${statusSql(
        sql`${value}::numeric`,
        sql`${target}::numeric`,
        sql`${band}::numeric`,
        sql`${higher}::boolean`,
      )} AS status`;
      const [row] = await hub.db().sql.query<{ status: string | null }>(statement.text, statement.values);
      expect(row?.status).toBe(status);
    },
  );

  test('a target set for a year colours the value of that year, in the indicator’s direction', async () => {
    const db = hub.db();
    const [county] = await db.sql.query<{ id: number }>(
      `SELECT id FROM "Region" WHERE level = 'COUNTY' AND "isHome"`,
    );
    // 企业开办全流程用时 (hours, lower is better) and 政务服务一网通办率 (%, higher is better) in 2022.
    const [time] = await board('year: 2022, codes: ["PM-01"]');
    const [rate] = await board('year: 2022, codes: ["PM-08"]');
    if (!time?.value || !rate?.value || !county) throw new Error('the seed has 2022 monitoring values');
    expect(time.direction).toBe('LOWER_IS_BETTER');
    const targets = [
      // A little under the time taken, inside the band: amber; a rate a little over: amber too.
      ['PM-01', time.value - 0.1, 0.2],
      ['PM-08', rate.value + 0.1, 0.2],
    ] as const;
    try {
      for (const [code, target, band] of targets) {
        await db.sql.query(
          `INSERT INTO "IndicatorTarget" ("indicatorId", year, "regionId", target, "warningBand", basis, "updatedAt")
           SELECT id, 2022, $2, $3, $4, 'kpi test', now() FROM "Indicator" WHERE code = $1`,
          [code, county.id, target, band],
        );
      }
      const figures = await board('year: 2022, codes: ["PM-01", "PM-08"]');
      for (const figure of figures) {
        expect(figure).toMatchObject({ statusBasis: 'TARGET', status: 'AMBER', targetBasis: 'kpi test' });
      }
      await db.sql.query(`UPDATE "IndicatorTarget" SET "warningBand" = 0.05 WHERE basis = 'kpi test'`);
      expect((await board('year: 2022, codes: ["PM-01", "PM-08"]')).map((f) => f.status)).toEqual([
        'RED',
        'RED',
      ]);
      await db.sql.query(
        `UPDATE "IndicatorTarget" t SET target = CASE i.code WHEN 'PM-01' THEN $1::numeric ELSE $2::numeric END
           FROM "Indicator" i WHERE i.id = t."indicatorId" AND t.basis = 'kpi test'`,
        [time.value + 1, rate.value - 1],
      );
      expect((await board('year: 2022, codes: ["PM-01", "PM-08"]')).map((f) => f.status)).toEqual([
        'GREEN',
        'GREEN',
      ]);
    } finally {
      await db.sql.query(`DELETE FROM "IndicatorTarget" WHERE basis = 'kpi test'`);
    }
  });
});

describe('indicator board (指标看板)', () => {
  test('2022’s one-network rate is computed from the cases: 98.13 % against the city’s 95 %', async () => {
    const [figure] = await board('year: 2022, codes: ["WT-ONE-NETWORK-RATE"]');
    expect(figure).toMatchObject({
      category: 'WORK_TARGET',
      computed: true,
      year: 2022,
      value: 98.13,
      target: 95,
      targetBasis: '市对县考核目标',
      status: 'GREEN',
      statusBasis: 'TARGET',
    });
    expect(figure?.trend.map((point) => point.periodStart)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2022-${String(i + 1).padStart(2, '0')}-01`),
    );
  });

  test('case volumes of a running year are held to the target pro-rated to today', async () => {
    const figures = await board('codes: ["WT-CASE-VOLUME", "WT-TOWNSHIP-CASE-VOLUME"]');
    const [volume, township] = figures;
    // 2026-11-28 is day 332 of 365.
    expect(volume).toMatchObject({ year: 2026, target: 400_000, expectedToDate: 363_835.62 });
    expect(township).toMatchObject({ year: 2026, target: 50_000, expectedToDate: 45_479.45 });
    // The test county has a twentieth of the plan's volume after 2022: far behind.
    expect(volume?.status).toBe('RED');
    expect(volume?.trend.at(-1)?.value).toBe(volume?.value);
    const [complete] = await board('year: 2023, codes: ["WT-CASE-VOLUME"]');
    expect(complete).toMatchObject({ year: 2023, target: 400_000, expectedToDate: null, status: 'RED' });
  });

  test('the 2022 evaluation rolls up from its 18 indicators: mean 86.21, first tier green', async () => {
    const figures = await board('year: 2022, codes: ["EVAL"], withDescendants: true');
    const [root, ...children] = figures;
    expect(root).toMatchObject({ code: 'EVAL', value: 86.21, rank: 17, rankOf: 90, parentCode: null });
    expect(children).toHaveLength(18);
    expect(children.every((child) => child.parentCode === 'EVAL' && child.statusBasis === 'TIER')).toBe(true);
    const firstTier = children.filter((child) => child.tier === 1);
    expect(firstTier.every((child) => child.status === 'GREEN')).toBe(true);
    expect(root?.rollup).toMatchObject({ children: 18, green: firstTier.length, weightedValue: 86.21 });
    const points = children.map((child): number =>
      child.status === 'GREEN' ? 100 : child.status === 'AMBER' ? 50 : 0,
    );
    const total = points.reduce((a, b) => a + b, 0);
    expect(root?.rollup?.score).toBe(Math.round((100 * total) / 18) / 100);
    expect(children.filter((child) => child.bestInProvince).map((child) => child.code)).toEqual(['EVAL-05']);
  });

  test('passive monitoring is coloured by rank among the city’s four counties', async () => {
    const figures = await board('year: 2022, category: PASSIVE_MONITORING');
    const root = figures.find((figure) => figure.code === 'PM');
    expect(root).toMatchObject({
      rank: 1,
      rankOf: 4,
      status: 'GREEN',
      statusBasis: 'RANK',
      periodKind: 'YEAR',
    });
    for (const figure of figures) {
      const expected = figure.rank === 1 ? 'GREEN' : (figure.rank ?? 4) * 2 <= 4 ? 'AMBER' : 'RED';
      expect(figure.status).toBe(expected);
    }
    expect(root?.rollup?.children).toBe(12);
    // Mixed units: no weighted value.
    expect(root?.rollup?.weightedValue).toBeNull();
  });

  test('without a year, each indicator shows its latest value', async () => {
    const figures = await board('codes: ["EVAL", "PM", "WT-SUGGESTION-CITY-RANK"]');
    expect(figures.map((figure) => [figure.code, figure.year, figure.periodKind])).toEqual([
      ['EVAL', 2025, 'YEAR'],
      ['PM', 2026, 'MONTH'],
      ['WT-SUGGESTION-CITY-RANK', 2025, 'YEAR'],
    ]);
    // The suggestion rank (lower is better) of 2025 is first against a target of second.
    expect(figures[2]).toMatchObject({ value: 1, target: 2, status: 'GREEN', direction: 'LOWER_IS_BETTER' });
  });
});
