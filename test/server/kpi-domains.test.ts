// The other KPI domains against the work summary's figures the seed reproduces: the
// evaluation and passive monitoring, problems, slips and projects, policy funds, credit, staff,
// and the big screen's overview.
import { describe, expect, test } from 'vitest';
import { analyst, type Caller, gql, readsHub, request, screen } from './reads-client.ts';

const hub = readsHub();
const year2022 = 'period: { bucket: YEAR, on: "2022-01-01" }';

async function count(sql: string): Promise<number> {
  const [row] = await hub.db().sql.query<{ n: number }>(sql);
  return row?.n ?? -1;
}

describe('business environment (营商环境)', () => {
  test('the 2021 evaluation: 84.77 with five indicators in the first tier, two best in the province', async () => {
    const { businessEvaluation } = await gql<{
      businessEvaluation: {
        years: Array<{
          year: number;
          score: number;
          rank: number;
          previousRank: number | null;
          rankChange: number | null;
          firstTierCount: number;
          bestInProvinceCount: number;
          indicators: Array<{
            name: string;
            tier: number;
            bestInProvince: boolean;
            previousRank: number | null;
          }>;
        }>;
        latest: { year: number };
      };
    }>(
      hub.url(),
      screen,
      `{ businessEvaluation { latest { year } years { year score rank previousRank rankChange firstTierCount
          bestInProvinceCount indicators { name tier bestInProvince previousRank } } } }`,
    );
    const { years, latest } = businessEvaluation;
    expect(years.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(latest.year).toBe(2025);
    const y2021 = years[1];
    expect(y2021).toMatchObject({
      score: 84.77,
      firstTierCount: 5,
      bestInProvinceCount: 2,
      rank: 22,
      previousRank: 31,
    });
    expect(y2021?.rankChange).toBe(9);
    expect(y2021?.indicators).toHaveLength(18);
    expect(
      y2021?.indicators
        .filter((i) => i.bestInProvince)
        .map((i) => i.name)
        .sort(),
    ).toEqual(['注销企业', '登记财产'].sort());
    expect(years[0]?.indicators.every((i) => i.previousRank === null)).toBe(true);
  });

  test('passive monitoring: first of the city’s four counties in 2022, the peers beside it', async () => {
    const { passiveMonitoring } = await gql<{
      passiveMonitoring: {
        indicatorCode: string;
        points: Array<{
          periodStart: string;
          rank: number;
          rankOf: number;
          rankChange: number | null;
          counties: Array<{ home: boolean; rank: number; value: number }>;
        }>;
      };
    }>(
      hub.url(),
      screen,
      `{ passiveMonitoring(periodKind: YEAR, from: "2022-01-01", to: "2022-12-31") {
          indicatorCode points { periodStart rank rankOf rankChange counties { home rank value } } } }`,
    );
    expect(passiveMonitoring.indicatorCode).toBe('PM');
    expect(passiveMonitoring.points).toHaveLength(1);
    const [point] = passiveMonitoring.points;
    expect(point).toMatchObject({ periodStart: '2022-01-01', rank: 1, rankOf: 4 });
    expect(point?.counties.map((c) => c.rank)).toEqual([1, 2, 3, 4]);
    expect(point?.counties[0]?.home).toBe(true);
    const months = await gql<{
      passiveMonitoring: {
        points: Array<{ rank: number; previousRank: number | null; rankChange: number | null }>;
      };
    }>(
      hub.url(),
      screen,
      `{ passiveMonitoring(from: "2022-01-01", to: "2022-12-31") { points { rank previousRank rankChange } } }`,
    );
    expect(months.passiveMonitoring.points).toHaveLength(12);
    for (const p of months.passiveMonitoring.points.slice(1))
      expect(p.rankChange).toBe((p.previousRank ?? 0) - p.rank);
  });
});

describe('obstacle clearing (清障行动)', () => {
  test('29 slips issued in 2022, all closed by the year end', async () => {
    const { slipStatistics } = await gql<{
      slipStatistics: {
        takenOn: string;
        totals: {
          issued: number;
          open: number;
          overdue: number;
          closed: number;
          closedOnTime: number;
          closedLate: number;
          onTimeRate: number;
        };
        departments: Array<{ figures: { issued: number }; rank: number | null }>;
      };
    }>(
      hub.url(),
      analyst,
      `{ slipStatistics(${year2022}) { takenOn totals { issued open overdue closed closedOnTime closedLate onTimeRate }
          departments { figures { issued } rank } } }`,
    );
    const { totals, departments } = slipStatistics;
    expect(slipStatistics.takenOn).toBe('2022-12-31');
    expect(totals).toMatchObject({ issued: 29, open: 0, overdue: 0, closed: 29 });
    expect(totals.closedOnTime + totals.closedLate).toBe(29);
    expect(totals.closedOnTime).toBe(
      await count(`SELECT count(*)::int AS n FROM "AssignmentSlip" WHERE "issuedOn" BETWEEN '2022-01-01' AND '2022-12-31'
                    AND ("closedAt" AT TIME ZONE 'Asia/Shanghai')::date <= deadline`),
    );
    expect(totals.onTimeRate).toBe(Math.round((10_000 * totals.closedOnTime) / 29) / 100);
    expect(departments.reduce((sum, d) => sum + d.figures.issued, 0)).toBe(29);
  });

  test('open and overdue slips are taken at today for the running year', async () => {
    const { slipStatistics } = await gql<{
      slipStatistics: { takenOn: string; totals: { open: number; overdue: number } };
    }>(hub.url(), analyst, '{ slipStatistics { takenOn totals { open overdue } } }');
    expect(slipStatistics.takenOn).toBe('2026-11-28');
    expect(slipStatistics.totals.open).toBe(
      await count(
        `SELECT count(*)::int AS n FROM "AssignmentSlip" WHERE "issuedOn" >= '2026-01-01' AND "closedAt" IS NULL`,
      ),
    );
    expect(slipStatistics.totals.overdue).toBe(
      await count(`SELECT count(*)::int AS n FROM "AssignmentSlip" WHERE "issuedOn" >= '2026-01-01' AND "closedAt" IS NULL
                    AND deadline < '2026-11-28'`),
    );
  });

  test('problems of 2022 by source and by status add up to all of them', async () => {
    const bySource = await gql<{
      problemStatistics: {
        total: number;
        rows: Array<{ key: string; label: string; count: number; rank: number | null }>;
      };
    }>(
      hub.url(),
      analyst,
      `{ problemStatistics(${year2022}, groupBy: SOURCE) { total rows { key label count rank } } }`,
    );
    const { total, rows } = bySource.problemStatistics;
    expect(total).toBe(
      await count(
        `SELECT count(*)::int AS n FROM "Problem" WHERE "reportedOn" BETWEEN '2022-01-01' AND '2022-12-31'`,
      ),
    );
    expect(rows.find((row) => row.key === 'CITY_TASK_FORCE')).toMatchObject({
      label: '市营商专班交办',
      count: 5,
    });
    expect(rows.find((row) => row.key === 'INVESTMENT_PROJECT')?.count).toBe(17);
    expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(total);
    // A source without problems is listed, not ranked.
    for (const row of rows) expect(row.rank === null).toBe(row.count === 0);
    const byStatus = await gql<{ problemStatistics: { rows: Array<{ count: number }> } }>(
      hub.url(),
      analyst,
      `{ problemStatistics(${year2022}, groupBy: STATUS) { rows { count } } }`,
    );
    expect(byStatus.problemStatistics.rows.reduce((sum, row) => sum + row.count, 0)).toBe(total);
  });

  test('the 17 historical projects at the end of 2022: 6 advancing, 5 re-investment, 3 terminated, 3 stalled', async () => {
    const { investmentProjectStatistics } = await gql<{
      investmentProjectStatistics: {
        total: number;
        byStatus: Array<{ status: string; count: number }>;
        projects: Array<{ status: string; latestProgress: { month: string; status: string } | null }>;
      };
    }>(
      hub.url(),
      analyst,
      `{ investmentProjectStatistics(on: "2022-12-31", historical: true) { total byStatus { status count }
          projects { status latestProgress { month status } } } }`,
    );
    const { total, byStatus, projects } = investmentProjectStatistics;
    expect(total).toBe(17);
    expect(Object.fromEntries(byStatus.map((s) => [s.status, s.count]))).toEqual({
      ADVANCING: 6,
      RE_INVESTMENT: 5,
      AGREEMENT_TERMINATED: 3,
      RESOLVED: 0,
      STALLED: 3,
    });
    for (const project of projects)
      expect(project.latestProgress).toMatchObject({ month: '2022-12-01', status: project.status });
  });
});

describe('policy funds (政企通)', () => {
  test('416 million CNY paid to 2,598 beneficiaries up to the end of 2022', async () => {
    const { policyFundStatistics } = await gql<{
      policyFundStatistics: {
        totals: {
          amount: { fen: string; yuan: string; wanYuan: number };
          beneficiaries: number;
          payments: number;
        };
        rows: Array<{
          key: string;
          label: string;
          amount: { fen: string };
          beneficiaries: number;
          rank: number;
        }>;
      };
    }>(
      hub.url(),
      screen,
      `{ policyFundStatistics(period: { from: "2021-01-01", to: "2022-12-31" }, groupBy: MECHANISM) {
          totals { amount { fen yuan wanYuan } beneficiaries payments } rows { key label amount { fen } beneficiaries rank } } }`,
    );
    const { totals, rows } = policyFundStatistics;
    expect(totals.amount).toEqual({ fen: '41600000000', yuan: '416000000.00', wanYuan: 41_600 });
    expect(totals.beneficiaries).toBe(2_598);
    expect(rows.reduce((sum, row) => sum + BigInt(row.amount.fen), 0n)).toBe(41_600_000_000n);
    expect(rows.find((row) => row.key === 'PRE_ALLOCATION')?.label).toBe('预拨制');
    expect(rows.map((row) => row.rank)).toEqual(rows.map((_, i) => i + 1));
  });

  test('amounts by month add up to the year and by policy rank against the year before', async () => {
    const byMonth = await gql<{
      policyFundStatistics: {
        totals: { amount: { fen: string } };
        rows: Array<{ key: string; amount: { fen: string } }>;
      };
    }>(
      hub.url(),
      screen,
      `{ policyFundStatistics(period: { bucket: YEAR, on: "2023-06-01" }, groupBy: PERIOD, bucket: MONTH) {
          totals { amount { fen } } rows { key amount { fen } } } }`,
    );
    const { totals, rows } = byMonth.policyFundStatistics;
    expect(rows.every((row) => row.key.startsWith('2023-'))).toBe(true);
    expect(rows.reduce((sum, row) => sum + BigInt(row.amount.fen), 0n)).toBe(BigInt(totals.amount.fen));
    const byPolicy = await gql<{
      policyFundStatistics: {
        rows: Array<{ rank: number | null; previousRank: number | null; rankChange: number | null }>;
      };
    }>(
      hub.url(),
      screen,
      `{ policyFundStatistics(period: { bucket: YEAR, on: "2023-06-01" }, groupBy: POLICY) { rows { rank previousRank rankChange } } }`,
    );
    for (const row of byPolicy.policyFundStatistics.rows) {
      if (row.rank !== null && row.previousRank !== null)
        expect(row.rankChange).toBe(row.previousRank - row.rank);
    }
  });

  test('policies listed and paid online: 40 and 38 of 42 in 2022, all of them after', async () => {
    const shares = async (year: number) =>
      (
        await gql<{
          policyOnlineShares: {
            policies: number;
            listedOnline: number;
            paidOnline: number;
            listedShare: number;
            paidOnlineShare: number;
          };
        }>(
          hub.url(),
          screen,
          `{ policyOnlineShares(year: ${year}) { policies listedOnline paidOnline listedShare paidOnlineShare } }`,
        )
      ).policyOnlineShares;
    expect(await shares(2022)).toEqual({
      policies: 42,
      listedOnline: 40,
      paidOnline: 38,
      listedShare: 95.24,
      paidOnlineShare: 90.48,
    });
    expect(await shares(2023)).toMatchObject({ listedShare: 100, paidOnlineShare: 100 });
  });
});

describe('credit (信用体系)', () => {
  test('the blacklist at month ends: 208 firms and 3.23 % in June 2022, 120 and 1.83 % in December', async () => {
    const { blacklistSeries } = await gql<{
      blacklistSeries: {
        points: Array<{
          month: string;
          day: string;
          listed: number;
          base: number;
          ratio: number;
          departments: Array<{ code: string; listed: number }>;
        }>;
      };
    }>(
      hub.url(),
      screen,
      `{ blacklistSeries(from: "2022-01-01", to: "2022-12-31") { points { month day listed base ratio departments { code listed } } } }`,
    );
    const points = blacklistSeries.points;
    expect(points).toHaveLength(12);
    expect(points[5]).toMatchObject({
      month: '2022-06-01',
      day: '2022-06-30',
      listed: 208,
      base: 6_440,
      ratio: 3.23,
    });
    expect(points[11]).toMatchObject({ day: '2022-12-31', listed: 120, base: 6_556, ratio: 1.83 });
    // A firm is on one department's list at a time here, so the departments add up.
    expect(points[5]?.departments.reduce((sum, d) => sum + d.listed, 0)).toBe(208);
    const court = await gql<{ blacklistSeries: { points: Array<{ listed: number; base: number }> } }>(
      hub.url(),
      { role: 'DEPARTMENT', departmentCode: 'FY' },
      `{ blacklistSeries(from: "2022-06-01", to: "2022-06-30") { points { listed base } } }`,
    );
    expect(court.blacklistSeries.points).toEqual([
      { listed: points[5]?.departments.find((d) => d.code === 'FY')?.listed, base: 6_440 },
    ]);
  });

  test('credit repairs by status and double publicity’s three rates by department', async () => {
    const { creditRepairStatistics } = await gql<{
      creditRepairStatistics: { applied: number; byStatus: Array<{ status: string; count: number }> };
    }>(hub.url(), analyst, `{ creditRepairStatistics(${year2022}) { applied byStatus { status count } } }`);
    expect(creditRepairStatistics.applied).toBe(
      await count(
        `SELECT count(*)::int AS n FROM "CreditRepair" WHERE "appliedOn" BETWEEN '2022-01-01' AND '2022-12-31'`,
      ),
    );
    expect(creditRepairStatistics.byStatus.reduce((sum, s) => sum + s.count, 0)).toBe(
      creditRepairStatistics.applied,
    );
    const { publicityRates } = await gql<{
      publicityRates: {
        totals: {
          records: number;
          accurate: number;
          accuracyRate: number;
          timelinessRate: number;
          completenessRate: number;
        };
        departments: Array<{ records: number; rank: number | null }>;
      };
    }>(
      hub.url(),
      analyst,
      `{ publicityRates(${year2022}) { totals { records accurate accuracyRate timelinessRate completenessRate } departments { records rank } } }`,
    );
    const { totals, departments } = publicityRates;
    expect(totals.records).toBe(
      await count(
        `SELECT count(*)::int AS n FROM "PublicityRecord" WHERE "decidedOn" BETWEEN '2022-01-01' AND '2022-12-31'`,
      ),
    );
    expect(totals.accuracyRate).toBe(Math.round((10_000 * totals.accurate) / totals.records) / 100);
    // The seed publishes about 93.6 % in time in 2022, 96.8 % accurate, 96.1 % complete.
    expect(totals.timelinessRate).toBeGreaterThan(90);
    expect(totals.timelinessRate).toBeLessThan(97);
    expect(departments.reduce((sum, d) => sum + d.records, 0)).toBe(totals.records);
    expect(departments[0]?.rank).toBe(1);
  });
});

describe('staff (队伍建设)', () => {
  test('the monthly work-point ranking with the rank of the month before; names masked for the screen', async () => {
    const query = `{ workPointRanking(month: "2023-05-15", holder: STAFF) { month rows { code name points rank previousRank rankChange } } }`;
    const ranking = async (caller: Caller) =>
      (
        await gql<{
          workPointRanking: {
            month: string;
            rows: Array<{
              code: string;
              name: string;
              points: number;
              rank: number;
              previousRank: number | null;
              rankChange: number | null;
            }>;
          };
        }>(hub.url(), caller, query)
      ).workPointRanking;
    const shown = await ranking(screen);
    expect(shown.month).toBe('2023-05-01');
    const rows = shown.rows;
    expect(rows.length).toBe(
      await count(
        `SELECT count(*)::int AS n FROM "WorkPoint" WHERE month = '2023-05-01' AND "staffId" IS NOT NULL`,
      ),
    );
    const points = rows.map((row) => row.points);
    expect(points).toEqual([...points].sort((a, b) => b - a));
    for (const row of rows) {
      expect(row.rank).toBe(rows.filter((other) => other.points > row.points).length + 1);
      if (row.previousRank !== null) expect(row.rankChange).toBe(row.previousRank - row.rank);
      expect(row.name).toMatch(/^.\*+$/u);
    }
    const plain = await ranking({ role: 'STAFF' });
    expect(plain.rows[0]?.name).not.toMatch(/\*/);
  });

  test('three red-list months in 2022', async () => {
    const { redList } = await gql<{ redList: { months: number; entries: Array<{ month: string }> } }>(
      hub.url(),
      screen,
      '{ redList(year: 2022) { months entries { month } } }',
    );
    expect(redList.months).toBe(3);
    expect(redList.entries.map((e) => e.month)).toEqual(['2022-04-01', '2022-08-01', '2022-11-01']);
  });
});

describe('the big screen’s overview (大屏总览)', () => {
  test('agrees with the detailed figures, in one round trip', async () => {
    const { overview, casesToDate, caseStatistics } = await gql<{
      overview: {
        today: string;
        casesToday: number;
        casesThisMonth: number;
        casesThisYear: number;
        oneNetworkRate: { value: number; target: number; status: string };
        caseVolume: { value: number; target: number; expectedToDate: number; status: string };
        townshipCases: { value: number; target: number; progress: number };
        slipsOverdue: number;
        blacklistListed: number;
        blacklistRatio: number;
        fundsPaidThisYear: { fen: string };
        evaluation: { year: number; score: number; rank: number };
        monitoring: { month: string; rank: number; rankOf: number };
        asOf: string;
      };
      casesToDate: Array<{ current: { cases: number; oneNetworkRate: number } }>;
      caseStatistics: { rows: Array<{ current: { townshipCases: number } }> };
    }>(
      hub.url(),
      screen,
      `{ overview { today casesToday casesThisMonth casesThisYear oneNetworkRate { value target status }
          caseVolume { value target expectedToDate status } townshipCases { value target progress }
          slipsOverdue blacklistListed blacklistRatio fundsPaidThisYear { fen }
          evaluation { year score rank } monitoring { month rank rankOf } asOf }
        casesToDate { current { cases oneNetworkRate } }
        caseStatistics { rows { current { townshipCases } } } }`,
    );
    expect(overview.today).toBe('2026-11-28');
    expect(overview.asOf).toBe('2026-11-28T02:00:00.000Z');
    expect([overview.casesToday, overview.casesThisMonth, overview.casesThisYear]).toEqual([
      casesToDate[0]?.current.cases,
      casesToDate[2]?.current.cases,
      casesToDate[4]?.current.cases,
    ]);
    expect(overview.oneNetworkRate).toEqual({
      value: casesToDate[4]?.current.oneNetworkRate,
      target: 98,
      status: 'GREEN',
    });
    expect(overview.caseVolume).toMatchObject({ target: 400_000, expectedToDate: 363_835.62, status: 'RED' });
    expect(overview.townshipCases.value).toBe(caseStatistics.rows[0]?.current.townshipCases);
    expect(overview.townshipCases.progress).toBe(
      Math.round((10_000 * overview.townshipCases.value) / 50_000) / 100,
    );
    const [paid] = await hub
      .db()
      .sql.query<{ fen: string }>(
        `SELECT sum("amountFen")::text AS fen FROM "Disbursement" WHERE "paidOn" BETWEEN '2026-01-01' AND '2026-11-28'`,
      );
    expect(overview.fundsPaidThisYear.fen).toBe(paid?.fen);
    expect(overview.evaluation).toEqual({ year: 2025, score: 88.87, rank: 8 });
    expect(overview.monitoring).toEqual({ month: '2026-11-01', rank: 1, rankOf: 4 });
    const [blacklist] = await hub.db().sql.query<{ listed: number }>(
      `SELECT count(DISTINCT "subjectId")::int AS listed FROM "BlacklistEntry"
        WHERE "listedOn" <= '2026-11-28' AND ("removedOn" IS NULL OR "removedOn" > '2026-11-28')`,
    );
    expect(overview.blacklistListed).toBe(blacklist?.listed);
  });

  test('a TOWNSHIP screen sees its township, and FORBIDDEN for the county', async () => {
    const [township] = await hub
      .db()
      .sql.query<{ code: string }>(
        `SELECT code FROM "Region" WHERE level = 'TOWNSHIP' ORDER BY code LIMIT 1`,
      );
    const [county] = await hub
      .db()
      .sql.query<{ code: string }>(`SELECT code FROM "Region" WHERE level = 'COUNTY' AND "isHome"`);
    const caller: Caller = { role: 'TOWNSHIP', regionCode: township?.code ?? '' };
    const own = await gql<{
      overview: { region: { code: string }; casesThisYear: number; townshipCases: { value: number } };
    }>(hub.url(), caller, '{ overview { region { code } casesThisYear townshipCases { value } } }');
    expect(own.overview.region.code).toBe(township?.code);
    expect(own.overview.townshipCases.value).toBe(own.overview.casesThisYear);
    const refused = await request(
      hub.url(),
      caller,
      `{ overview(regionCode: "${county?.code}") { casesToday } }`,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
