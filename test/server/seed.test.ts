// The seed against the work summary's figures: every 2022 figure is checked in the database
// with SQL, the years after 2022 against the 2023 plan (scaled), the shape of the data
// (time line, working days, state machines), the schema left as the migrations made it, the
// refusal to seed twice, and determinism.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { planCases } from '../../prisma/seed/cases.ts';
import { seedCatalogue } from '../../prisma/seed/catalogue.ts';
import type { SeedContext } from '../../prisma/seed/context.ts';
import { seedGrid } from '../../prisma/seed/grid.ts';
import { seedHalls } from '../../prisma/seed/halls.ts';
import { SeedRefusedError, seedDatabase } from '../../prisma/seed/index.ts';
import { seedDepartments, seedPlaces } from '../../prisma/seed/places.ts';
import { allocate, randomStream } from '../../prisma/seed/random.ts';
import type { Database } from '../../server/src/db.ts';
import { migratedDatabase, seededDatabase, seedToday, testScale } from '../fixtures/database.ts';

let db: Database;
/** Rows of a query; cast numbers in SQL (::int, ::text) so both drivers return the same. */
const rows = <T = Record<string, unknown>>(text: string) => db.sql.query<T>(text);
const one = async <T = Record<string, unknown>>(text: string) => (await rows<T>(text))[0] as T;

/** Instants of a Shanghai calendar year, for `submittedAt` filters. */
const year = (y: number) =>
  `"submittedAt" >= '${y}-01-01T00:00:00+08:00' AND "submittedAt" < '${y + 1}-01-01T00:00:00+08:00'`;

beforeAll(async () => {
  db = await seededDatabase();
});

describe('seed: places and organisation', () => {
  it('builds a fictional city with the home county, three peers, 12 townships and ~150 villages', async () => {
    const counties = await rows<{ name: string; code: string; isHome: boolean; parent: string }>(
      `SELECT r.name, r.code, r."isHome", p.name AS parent FROM "Region" r JOIN "Region" p ON p.id = r."parentId"
        WHERE r.level = 'COUNTY' ORDER BY r.code`,
    );
    expect(counties.map((c) => [c.name, c.code, c.isHome, c.parent])).toEqual([
      ['示例县', '990121000000', true, '示例市'],
      ['样本县', '990122000000', false, '示例市'],
      ['模拟县', '990123000000', false, '示例市'],
      ['演示县', '990124000000', false, '示例市'],
    ]);
    const townships = await rows<{ kind: string; n: number }>(
      `SELECT kind::text, count(*)::int AS n FROM "Region" WHERE level = 'TOWNSHIP' GROUP BY kind ORDER BY kind`,
    );
    expect(townships).toEqual([
      { kind: 'SUBDISTRICT', n: 2 },
      { kind: 'TOWN', n: 6 },
      { kind: 'TOWNSHIP', n: 4 },
    ]);
    const villages = await one<{ n: number; misplaced: number; badCodes: number }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE p.level <> 'TOWNSHIP' OR NOT v.path LIKE p.path || '%')::int AS misplaced,
              count(*) FILTER (WHERE v.code !~ '^99[0-9]{10}$')::int AS "badCodes"
         FROM "Region" v JOIN "Region" p ON p.id = v."parentId" WHERE v.level = 'VILLAGE'`,
    );
    expect(villages.n).toBeGreaterThanOrEqual(140);
    expect(villages.n).toBeLessThanOrEqual(160);
    expect(villages.misplaced).toBe(0);
    expect(villages.badCodes).toBe(0);
  });

  it('has the county departments with short names and a catalogue of several hundred items', async () => {
    const names = (await rows<{ shortName: string }>(`SELECT "shortName" FROM "Department"`)).map(
      (d) => d.shortName,
    );
    for (const name of [
      '市场监管局',
      '税务局',
      '法院',
      '资规局',
      '人社局',
      '医保局',
      '教育局',
      '公安局',
      '住建局',
      '发改局',
      '经信局',
    ]) {
      expect(names).toContain(name);
    }
    const items = await one<{ n: number; keyMatters: number; noChannel: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT "keyMatter")::int AS "keyMatters",
              count(*) FILTER (WHERE cardinality("allowedChannels") = 0 OR cardinality("allowedLevels") = 0)::int AS "noChannel"
         FROM "ServiceItem"`,
    );
    expect(items.n).toBeGreaterThanOrEqual(300);
    expect(items.keyMatters).toBe(6);
    expect(items.noChannel).toBe(0);
  });

  it('opens the reservoir-resettlement bundle in 2023 with its five kinds of items and its cases', async () => {
    const bundle = await one<{ launchedOn: string; items: string; before: number; after: number }>(
      `SELECT b."launchedOn"::text AS "launchedOn",
              string_agg(i.name, '|' ORDER BY bi.position) AS items,
              (SELECT count(*)::int FROM "ServiceCase" c WHERE c."bundleId" = b.id AND c."submittedAt" < b."launchedOn"::timestamp AT TIME ZONE 'Asia/Shanghai') AS before,
              (SELECT count(*)::int FROM "ServiceCase" c WHERE c."bundleId" = b.id) AS after
         FROM "Bundle" b JOIN "BundleItem" bi ON bi."bundleId" = b.id JOIN "ServiceItem" i ON i.id = bi."itemId"
        WHERE b.name = '水库移民搬迁一件事' GROUP BY b.id`,
    );
    expect(bundle.launchedOn.startsWith('2023-')).toBe(true);
    for (const part of [/登记/, /就业/, /养老保险/, /医保/, /转学/]) expect(bundle.items).toMatch(part);
    expect(bundle.before).toBe(0);
    expect(bundle.after).toBeGreaterThan(0);
  });
});

describe('seed: 2022 government-service figures', () => {
  it('has 368,400 cases in 2022 with a one-network rate of 98.13 %', async () => {
    const figures = await one<{ total: number; oneNetwork: number; rate: string }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE "oneNetwork")::int AS "oneNetwork",
              round(100.0 * count(*) FILTER (WHERE "oneNetwork") / count(*), 2)::text AS rate
         FROM "ServiceCase" WHERE ${year(2022)}`,
    );
    expect(figures.total).toBe(368_400);
    expect(figures.oneNetwork).toBe(361_511);
    expect(figures.rate).toBe('98.13');
  });

  it('has 32 bank-branch points opened in May 2022 offering 34 items, and 11,272 bank cases in 2022', async () => {
    const points = await one<{ n: number; notMay: number; notBank: number }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE "openedOn" NOT BETWEEN '2022-05-01' AND '2022-05-31')::int AS "notMay",
              count(*) FILTER (WHERE "bankName" NOT LIKE '%农商银行')::int AS "notBank"
         FROM "ServicePoint" WHERE kind = 'BANK_BRANCH'`,
    );
    expect(points).toEqual({ n: 32, notMay: 0, notBank: 0 });
    const items = await one<{ n: number; by2022: number }>(
      `SELECT count(DISTINCT spi."itemId")::int AS n,
              count(DISTINCT spi."itemId") FILTER (WHERE spi.since <= '2022-12-31')::int AS by2022
         FROM "ServicePointItem" spi JOIN "ServicePoint" sp ON sp.id = spi."servicePointId"
        WHERE sp.kind = 'BANK_BRANCH'`,
    );
    expect(items).toEqual({ n: 34, by2022: 34 });
    const cases = await one<{ since: number; before: number; unoffered: number }>(
      `SELECT count(*) FILTER (WHERE "submittedAt" >= '2022-05-01T00:00:00+08:00')::int AS since,
              count(*) FILTER (WHERE "submittedAt" < '2022-05-01T00:00:00+08:00')::int AS before,
              count(*) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM "ServicePointItem" spi JOIN "ServicePoint" sp ON sp.id = spi."servicePointId"
                 WHERE spi."servicePointId" = c."servicePointId" AND spi."itemId" = c."itemId" AND sp.kind = 'BANK_BRANCH'
                   AND spi.since <= (c."submittedAt" AT TIME ZONE 'Asia/Shanghai')::date))::int AS unoffered
         FROM "ServiceCase" c WHERE channel = 'BANK_BRANCH' AND ${year(2022)}`,
    );
    expect(cases).toEqual({ since: 11_272, before: 0, unoffered: 0 });
  });

  it('has 241 cross-province items with fictional partner counties and 5,000+ cross-province cases', async () => {
    const items = await one<{ n: number; by2022: number; partners: number; notFictional: number }>(
      `SELECT count(DISTINCT pri."itemId")::int AS n,
              count(DISTINCT pri."itemId") FILTER (WHERE pri."agreedOn" <= '2022-12-31')::int AS by2022,
              count(DISTINCT pr.id) FILTER (WHERE pri."agreedOn" <= '2022-12-31')::int AS partners,
              count(DISTINCT pr.id) FILTER (WHERE pr.name NOT LIKE '邻省%')::int AS "notFictional"
         FROM "PartnerRegionItem" pri JOIN "PartnerRegion" pr ON pr.id = pri."partnerRegionId"`,
    );
    expect(items).toMatchObject({ n: 241, by2022: 241, notFictional: 0 });
    expect(items.partners).toBeGreaterThanOrEqual(3);
    const cases = await one<{ n: number; unagreed: number }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM "PartnerRegionItem" pri WHERE pri."partnerRegionId" = c."partnerRegionId"
                   AND pri."itemId" = c."itemId" AND pri."agreedOn" <= (c."submittedAt" AT TIME ZONE 'Asia/Shanghai')::date))::int AS unagreed
         FROM "ServiceCase" c WHERE channel = 'CROSS_PROVINCE' AND ${year(2022)}`,
    );
    expect(cases.n).toBeGreaterThanOrEqual(5_000);
    expect(cases.n).toBeLessThan(6_000);
    expect(cases.unagreed).toBe(0);
  });

  it('has 12 suggestions adopted by the province in 2022, and some not adopted', async () => {
    const counts = await rows<{ status: string; n: number }>(
      `SELECT status::text, count(*)::int AS n FROM "Suggestion"
        WHERE "submittedOn" BETWEEN '2022-01-01' AND '2022-12-31' GROUP BY status ORDER BY status`,
    );
    expect(counts.find((c) => c.status === 'ADOPTED')?.n).toBe(12);
    expect(counts.find((c) => c.status === 'NOT_ADOPTED')?.n).toBeGreaterThan(0);
    const adoptedIn2022 = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Suggestion" WHERE status = 'ADOPTED' AND "adoptedOn" BETWEEN '2022-01-01' AND '2022-12-31'`,
    );
    expect(adoptedIn2022.n).toBe(12);
  });

  it('rates the service halls every year on four aspects and puts the centre on the red list three months in 2022', async () => {
    const halls = await rows<{ level: string; n: number }>(
      `SELECT level::text, count(*)::int AS n FROM "ServiceHall" WHERE level <> 'VILLAGE' GROUP BY level ORDER BY level`,
    );
    expect(halls).toEqual([
      { level: 'COUNTY', n: 1 },
      { level: 'TOWNSHIP', n: 12 },
    ]);
    const ratings = await one<{ n: number; bad: number }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE stars NOT BETWEEN 3 AND 5 OR "onSiteScore" NOT BETWEEN 0 AND 100
                OR "staffScore" NOT BETWEEN 0 AND 100 OR "serviceModeScore" NOT BETWEEN 0 AND 100
                OR "closedLoopScore" NOT BETWEEN 0 AND 100)::int AS bad
         FROM "HallRating" WHERE year = 2022`,
    );
    expect(ratings.n).toBe(13);
    expect(ratings.bad).toBe(0);
    const red = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM "RedListMonth" WHERE month BETWEEN '2022-01-01' AND '2022-12-01'`,
    );
    expect(red.n).toBe(3);
    const staff = await one<{ certified: number; all: number; windows: number; monthsWithoutPoints: number }>(
      `SELECT count(*) FILTER (WHERE certified)::int AS certified, count(*)::int AS "all",
              (SELECT count(*)::int FROM "Window") AS windows,
              (SELECT count(*)::int FROM "Window" w WHERE NOT EXISTS (
                 SELECT 1 FROM "WorkPoint" p WHERE p."windowId" = w.id AND p.month = '2026-11-01')) AS "monthsWithoutPoints"
         FROM "Staff"`,
    );
    expect(staff.certified).toBeGreaterThan(0);
    expect(staff.certified).toBeLessThan(staff.all);
    expect(staff.windows).toBeGreaterThan(50);
    expect(staff.monthsWithoutPoints).toBe(0);
  });
});

describe('seed: business environment', () => {
  it('gives the work-target indicators their default target and warning band', async () => {
    const targets = await rows<{ code: string; target: string | null; band: string | null }>(
      `SELECT code, target::numeric(12, 2)::text AS target, "warningBand"::numeric(12, 2)::text AS band
         FROM "Indicator" WHERE code IN ('WT-ONE-NETWORK-RATE', 'WT-CASE-VOLUME') ORDER BY code`,
    );
    expect(targets).toEqual([
      { code: 'WT-CASE-VOLUME', target: '400000.00', band: expect.any(String) },
      { code: 'WT-ONE-NETWORK-RATE', target: '98.00', band: expect.any(String) },
    ]);
  });

  it('scores the 2021 evaluation at 84.77 with 18 first-level indicators, five in the first tier', async () => {
    const overall = await rows<{ year: string; value: string }>(
      `SELECT to_char(v."periodStart", 'YYYY') AS year, v.value::numeric(6, 2)::text AS value
         FROM "IndicatorValue" v JOIN "Indicator" i ON i.id = v."indicatorId"
        WHERE i.category = 'EVALUATION' AND i."parentId" IS NULL AND v."periodKind" = 'YEAR'
          AND v."regionId" = (SELECT id FROM "Region" WHERE code = '990121000000') ORDER BY 1`,
    );
    const byYear = Object.fromEntries(overall.map((o) => [o.year, Number(o.value)]));
    expect(byYear['2021']).toBe(84.77);
    expect(byYear['2020']).toBeLessThan(84.77);
    expect(byYear['2022']).toBeGreaterThan(84.77);
    const later = overall.map((o) => Number(o.value));
    expect([...later].sort((a, b) => a - b)).toEqual(later);

    const indicators = await rows<{ name: string; tier: number; best: boolean }>(
      `SELECT i.name, v.tier, v."bestInProvince" AS best
         FROM "IndicatorValue" v JOIN "Indicator" i ON i.id = v."indicatorId"
         JOIN "Indicator" root ON root.id = i."parentId" AND root.category = 'EVALUATION'
        WHERE v."periodStart" = '2021-01-01' AND v."periodKind" = 'YEAR'`,
    );
    expect(indicators).toHaveLength(18);
    expect(indicators.filter((i) => i.tier === 1)).toHaveLength(5);
    expect(
      indicators
        .filter((i) => i.best)
        .map((i) => i.name)
        .sort(),
    ).toEqual(['注销企业', '登记财产']);
    for (const name of ['开办企业', '办理建筑许可', '获得电力', '纳税', '政务服务', '包容普惠创新']) {
      expect(indicators.map((i) => i.name)).toContain(name);
    }
  });

  it('ranks the home county first of the four counties in passive monitoring for 2022, with monthly series', async () => {
    const year2022 = await rows<{ name: string; rank: number; rankOf: number }>(
      `SELECT r.name, v.rank, v."rankOf" FROM "IndicatorValue" v
         JOIN "Indicator" i ON i.id = v."indicatorId" JOIN "Region" r ON r.id = v."regionId"
        WHERE i.category = 'PASSIVE_MONITORING' AND i."parentId" IS NULL
          AND v."periodKind" = 'YEAR' AND v."periodStart" = '2022-01-01' ORDER BY v.rank`,
    );
    expect(year2022).toEqual([
      expect.objectContaining({ name: '示例县', rank: 1, rankOf: 4 }),
      expect.objectContaining({ rank: 2 }),
      expect.objectContaining({ rank: 3 }),
      expect.objectContaining({ rank: 4 }),
    ]);
    const series = await one<{ indicators: number; months: number; incomplete: number }>(
      `SELECT count(DISTINCT "indicatorId")::int AS indicators, count(DISTINCT "periodStart")::int AS months,
              (SELECT count(*)::int FROM (SELECT 1 FROM "IndicatorValue" v2 JOIN "Indicator" i2 ON i2.id = v2."indicatorId"
                WHERE i2.category = 'PASSIVE_MONITORING' AND v2."periodKind" = 'MONTH'
                GROUP BY v2."indicatorId", v2."periodStart" HAVING count(*) <> 4) x) AS incomplete
         FROM "IndicatorValue" v JOIN "Indicator" i ON i.id = v."indicatorId"
        WHERE i.category = 'PASSIVE_MONITORING' AND v."periodKind" = 'MONTH' AND v."periodStart" BETWEEN '2022-01-01' AND '2022-12-01'`,
    );
    expect(series.indicators).toBeGreaterThanOrEqual(10);
    expect(series.months).toBe(12);
    expect(series.incomplete).toBe(0);
  });

  it('runs the "1+35+N" grid: 3,400+ enterprises each with a contact, visits every year, notified revisits', async () => {
    const units = await rows<{ kind: string; n: number }>(
      `SELECT kind::text, count(*)::int AS n FROM "GridUnit" GROUP BY kind ORDER BY kind`,
    );
    expect(units).toEqual([
      { kind: 'LEAD_GROUP', n: 1 },
      { kind: 'UNIT', n: 35 },
    ]);
    const enterprises = await one<{ by2022: number; all: number; noContact: number; staff: number }>(
      `SELECT count(*) FILTER (WHERE "registeredOn" <= '2022-12-31')::int AS by2022, count(*)::int AS "all",
              count(*) FILTER (WHERE "contactStaffId" IS NULL)::int AS "noContact",
              (SELECT count(*)::int FROM "GridStaff") AS staff
         FROM "Enterprise"`,
    );
    expect(enterprises.by2022).toBeGreaterThanOrEqual(3_400);
    expect(enterprises.all).toBeLessThan(3_500);
    expect(enterprises.noContact).toBe(0);
    expect(enterprises.staff).toBeGreaterThan(36);
    const visits = await rows<{ year: string; n: number }>(
      `SELECT to_char("visitedAt" AT TIME ZONE 'Asia/Shanghai', 'YYYY') AS year, count(*)::int AS n
         FROM "ContactVisit" GROUP BY 1 ORDER BY 1`,
    );
    expect(visits.map((v) => v.year)).toEqual(['2022', '2023', '2024', '2025', '2026']);
    for (const v of visits) expect(v.n).toBeGreaterThan(5_000);
    const revisits = await one<{ notified: number; notifiedWell: number }>(
      `SELECT count(*) FILTER (WHERE notified)::int AS notified,
              count(*) FILTER (WHERE notified AND score >= 70)::int AS "notifiedWell" FROM "BlindBoxRevisit"`,
    );
    expect(revisits.notified).toBeGreaterThan(0);
    expect(revisits.notifiedWell).toBe(0);
  });

  it('selects 5 model cases into the city compilation, 5 into the city bulletin and 7 into the county bulletin in 2022', async () => {
    const venues = await rows<{ venue: string; n: number }>(
      `SELECT venue::text, count(*)::int AS n FROM "ModelCaseSelection"
        WHERE "selectedOn" BETWEEN '2022-01-01' AND '2022-12-31' GROUP BY venue ORDER BY venue`,
    );
    expect(venues).toEqual([
      { venue: 'CITY_BULLETIN', n: 5 },
      { venue: 'CITY_COMPILATION', n: 5 },
      { venue: 'COUNTY_BULLETIN', n: 7 },
    ]);
  });

  it('paid exactly 416 million CNY to exactly 2,598 firms through 政企通 by the end of 2022', async () => {
    const paid = await one<{ fen: string; firms: number; mechanisms: string }>(
      `SELECT sum("amountFen")::text AS fen, count(DISTINCT "enterpriseId")::int AS firms,
              string_agg(DISTINCT mechanism::text, ',' ORDER BY mechanism::text) AS mechanisms
         FROM "Disbursement" WHERE "paidOn" <= '2022-12-31'`,
    );
    expect(paid).toEqual({
      fen: '41600000000',
      firms: 2_598,
      mechanisms: 'FUND_POOL,PRE_ALLOCATION,STANDARD',
    });
    const later = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Disbursement" WHERE "paidOn" >= '2023-01-01'`,
    );
    expect(later.n).toBeGreaterThan(1_000);
    const policies = await rows<{ year: number; listed: string; online: string }>(
      `SELECT year, round(avg("listedOnline"::int) * 100, 1)::text AS listed, round(avg("paidOnline"::int) * 100, 1)::text AS online
         FROM "Policy" WHERE year >= 2022 GROUP BY year ORDER BY year`,
    );
    expect(Number(policies[0]?.listed)).toBeGreaterThan(90);
    expect(Number(policies[0]?.listed)).toBeLessThan(100);
    expect(Number(policies[0]?.online)).toBeLessThan(100);
    for (const p of policies.slice(1)) expect([p.listed, p.online]).toEqual(['100.0', '100.0']);
  });
});

describe('seed: obstacle clearing', () => {
  it('handled 5 city task-force problems within 2022', async () => {
    const city = await one<{ n: number; handled: number }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE status IN ('RESOLVED', 'CLOSED') AND "resolvedAt" < '2023-01-01T00:00:00+08:00')::int AS handled
         FROM "Problem" WHERE source = 'CITY_TASK_FORCE' AND "reportedOn" BETWEEN '2022-01-01' AND '2022-12-31'`,
    );
    expect(city).toEqual({ n: 5, handled: 5 });
  });

  it('follows 17 historical projects monthly: end of 2022 6 advancing, 5 re-investment, 3 terminated, 3 stalled', async () => {
    const statuses = await rows<{ status: string; n: number }>(
      `SELECT pp.status::text, count(*)::int AS n FROM "ProjectProgress" pp
         JOIN "InvestmentProject" p ON p.id = pp."projectId"
        WHERE p.historical AND pp.month = '2022-12-01' GROUP BY 1 ORDER BY 1`,
    );
    expect(statuses).toEqual([
      { status: 'ADVANCING', n: 6 },
      { status: 'AGREEMENT_TERMINATED', n: 3 },
      { status: 'RE_INVESTMENT', n: 5 },
      { status: 'STALLED', n: 3 },
    ]);
    const monthly = await one<{ projects: number; gaps: number }>(
      `SELECT count(*)::int AS projects,
              count(*) FILTER (WHERE (SELECT count(*) FROM "ProjectProgress" pp WHERE pp."projectId" = p.id
                AND pp.month BETWEEN '2022-01-01' AND '2022-12-01') <> 12)::int AS gaps
         FROM "InvestmentProject" p WHERE p.historical`,
    );
    expect(monthly).toEqual({ projects: 17, gaps: 0 });
  });

  it('issued 29 assignment slips in 2022, consistent with the slip state machine, some late; reviewed 3 problems', async () => {
    const slips = await one<{ n: number; pool: number; late: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE p.source = 'COUNTY_POOL')::int AS pool,
              count(*) FILTER (WHERE (s."repliedAt" AT TIME ZONE 'Asia/Shanghai')::date > s.deadline)::int AS late
         FROM "AssignmentSlip" s JOIN "Problem" p ON p.id = s."problemId"
        WHERE s."issuedOn" BETWEEN '2022-01-01' AND '2022-12-31'`,
    );
    expect(slips.n).toBe(29);
    expect(slips.pool).toBe(29);
    expect(slips.late).toBeGreaterThan(0);
    const violations = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM "AssignmentSlip" WHERE NOT (
         CASE status
           WHEN 'ISSUED' THEN "acknowledgedAt" IS NULL AND "repliedAt" IS NULL AND "verifiedAt" IS NULL AND "closedAt" IS NULL
           WHEN 'ACKNOWLEDGED' THEN "acknowledgedAt" IS NOT NULL AND "repliedAt" IS NULL AND "verifiedAt" IS NULL AND "closedAt" IS NULL
           WHEN 'REPLIED' THEN "acknowledgedAt" <= "repliedAt" AND "verifiedAt" IS NULL AND "closedAt" IS NULL
           WHEN 'VERIFIED' THEN "acknowledgedAt" <= "repliedAt" AND "repliedAt" <= "verifiedAt" AND "closedAt" IS NULL
           ELSE "acknowledgedAt" <= "repliedAt" AND "repliedAt" <= "verifiedAt" AND "verifiedAt" <= "closedAt"
         END AND "issuedOn" <= ("acknowledgedAt" AT TIME ZONE 'Asia/Shanghai')::date IS NOT FALSE
         AND coalesce("closedAt", "verifiedAt", "repliedAt", "acknowledgedAt") <= '${seedToday.toISOString()}' IS NOT FALSE)`,
    );
    expect(violations.n).toBe(0);
    const codes = await one<{ first: string; last: string }>(
      `SELECT min(code) FILTER (WHERE code LIKE '%〕1号') AS first, max(code) FILTER (WHERE code LIKE '%〕29号') AS last
         FROM "AssignmentSlip" WHERE "issuedOn" BETWEEN '2022-01-01' AND '2022-12-31'`,
    );
    expect(codes).toEqual({ first: '示营商交〔2022〕1号', last: '示营商交〔2022〕29号' });
    const reviews = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM "ProblemReview" WHERE "reviewedOn" BETWEEN '2022-01-01' AND '2022-12-31'`,
    );
    expect(reviews.n).toBe(3);
  });

  it('has more problems after 2022, some slips open and overdue at today', async () => {
    const later = await one<{ slips: number; openOverdue: number; open: number }>(
      `SELECT count(*)::int AS slips,
              count(*) FILTER (WHERE status <> 'CLOSED' AND deadline < '${dayOfToday()}')::int AS "openOverdue",
              count(*) FILTER (WHERE status <> 'CLOSED')::int AS open
         FROM "AssignmentSlip" WHERE "issuedOn" >= '2023-01-01'`,
    );
    expect(later.slips).toBeGreaterThan(29 * 3);
    expect(later.open).toBeGreaterThan(0);
    expect(later.openOverdue).toBeGreaterThan(0);
  });
});

describe('seed: credit', () => {
  /** Listed firms and the credit base on a day, and the ratio in % to two decimals. */
  const blacklistOn = (day: string) =>
    one<{ listed: number; base: number; ratio: string }>(
      `WITH base AS (SELECT count(*) AS n FROM "CreditSubject" WHERE "registeredOn" <= '${day}' AND ("leftOn" IS NULL OR "leftOn" > '${day}')),
            listed AS (SELECT count(DISTINCT "subjectId") AS n FROM "BlacklistEntry"
                        WHERE "listedOn" <= '${day}' AND ("removedOn" IS NULL OR "removedOn" > '${day}'))
       SELECT listed.n::int AS listed, base.n::int AS base, round(100.0 * listed.n / base.n, 2)::text AS ratio FROM base, listed`,
    );

  it('lists 208 firms, 3.23 % of the credit base, at the end of June 2022', async () => {
    const june = await blacklistOn('2022-06-30');
    expect(june.listed).toBe(208);
    expect(june.ratio).toBe('3.23');
    expect(june.base).toBeGreaterThan(6_000);
  });

  it('lists 120 firms, 1.83 %, at the end of 2022 and at today, listed by the court, market regulation and tax', async () => {
    const december = await blacklistOn('2022-12-31');
    expect(december.listed).toBe(120);
    expect(december.ratio).toBe('1.83');
    const sources = await rows<{ shortName: string }>(
      `SELECT DISTINCT d."shortName" FROM "BlacklistEntry" b JOIN "Department" d ON d.id = b."sourceDepartmentId" ORDER BY 1`,
    );
    expect(sources.map((s) => s.shortName).sort()).toEqual(['市场监管局', '法院', '税务局'].sort());
    // The summary's "now" is the end of 2022; today shows the same list and ratio.
    const now = await blacklistOn(dayOfToday());
    expect(now).toMatchObject({ listed: 120, ratio: '1.83' });
  });

  it('links about 3,400 credit subjects to grid enterprises and repairs credit behind many removals', async () => {
    const subjects = await one<{ n: number; linked: number }>(
      `SELECT count(*)::int AS n, count("enterpriseId")::int AS linked FROM "CreditSubject"`,
    );
    expect(subjects.n).toBeGreaterThan(6_500);
    expect(subjects.n).toBeLessThan(9_000);
    expect(subjects.linked).toBeGreaterThanOrEqual(3_400);
    const repairs = await one<{
      approved: number;
      mismatched: number;
      removedH2: number;
      repairedH2: number;
    }>(
      `SELECT count(*) FILTER (WHERE r.status = 'APPROVED')::int AS approved,
              count(*) FILTER (WHERE r.status = 'APPROVED' AND r."decidedOn" IS DISTINCT FROM b."removedOn")::int AS mismatched,
              (SELECT count(*)::int FROM "BlacklistEntry" WHERE "removedOn" BETWEEN '2022-07-01' AND '2022-12-31') AS "removedH2",
              count(*) FILTER (WHERE r.status = 'APPROVED' AND b."removedOn" BETWEEN '2022-07-01' AND '2022-12-31')::int AS "repairedH2"
         FROM "CreditRepair" r JOIN "BlacklistEntry" b ON b.id = r."blacklistEntryId"`,
    );
    expect(repairs.mismatched).toBe(0);
    expect(repairs.removedH2).toBe(112);
    expect(repairs.repairedH2 / repairs.removedH2).toBeGreaterThan(0.5);
  });

  it('publishes licences and penalties with realistic three rates per department', async () => {
    const rates = await rows<{ department: string; timely: number; accurate: number; complete: number }>(
      `SELECT d."shortName" AS department,
              avg(("publishedOn" - "decidedOn" <= 11)::int)::float8 AS timely,
              avg(accurate::int)::float8 AS accurate, avg(complete::int)::float8 AS complete
         FROM "PublicityRecord" p JOIN "Department" d ON d.id = p."departmentId"
        WHERE "decidedOn" BETWEEN '2022-01-01' AND '2025-12-31' GROUP BY 1 HAVING count(*) > 500`,
    );
    expect(rates.length).toBeGreaterThan(5);
    for (const rate of rates) {
      for (const value of [rate.timely, rate.accurate, rate.complete]) {
        expect(value).toBeGreaterThan(0.9);
        expect(value).toBeLessThanOrEqual(1);
      }
    }
    const kinds = await rows<{ kind: string }>(
      `SELECT DISTINCT kind::text FROM "PublicityRecord" ORDER BY 1`,
    );
    expect(kinds.map((k) => k.kind)).toEqual(['LICENSE', 'PENALTY']);
  });

  it('grades workers and employers A–D, holds integrity days every 22 November and the 2022 demonstration case', async () => {
    const grades = await rows<{ kind: string; grades: string }>(
      `SELECT "subjectKind"::text AS kind, string_agg(DISTINCT grade::text, '' ORDER BY grade::text) AS grades
         FROM "EmploymentCreditRating" GROUP BY 1 ORDER BY 1`,
    );
    expect(grades).toEqual([
      { kind: 'EMPLOYER', grades: 'ABCD' },
      { kind: 'WORKER', grades: 'ABCD' },
    ]);
    const days = await rows<{ day: string }>(
      `SELECT "heldOn"::text AS day FROM "IntegrityEvent" WHERE kind = 'INTEGRITY_DAY' ORDER BY 1`,
    );
    expect(days.map((d) => d.day)).toEqual(
      ['2020', '2021', '2022', '2023', '2024', '2025', '2026'].map((y) => `${y}-11-22`),
    );
    const honor = await one<{ grade: string; outOf: number }>(
      `SELECT grade, "outOf" FROM "Honor" WHERE year = 2022`,
    );
    expect(honor).toEqual({ grade: '示范案例', outOf: 17 });
  });
});

describe('seed: targets and the years after 2022', () => {
  it('sets the work targets per year, 2023 values carried forward', async () => {
    const targets = await rows<{ code: string; year: number; target: string; basis: string }>(
      `SELECT i.code, t.year, t.target::numeric(14, 0)::text AS target, t.basis
         FROM "IndicatorTarget" t JOIN "Indicator" i ON i.id = t."indicatorId"
        WHERE i.category = 'WORK_TARGET' AND t."regionId" = (SELECT id FROM "Region" WHERE code = '990121000000')
        ORDER BY i.code, t.year`,
    );
    const target = (code: string, y: number) => targets.find((t) => t.code === code && t.year === y);
    expect(target('WT-ONE-NETWORK-RATE', 2022)?.target).toBe('95');
    expect(target('WT-ONE-NETWORK-RATE', 2023)?.target).toBe('98');
    expect(target('WT-ONE-NETWORK-RATE', 2026)).toEqual({
      code: 'WT-ONE-NETWORK-RATE',
      year: 2026,
      target: '98',
      basis: 'carried forward',
    });
    expect(target('WT-CASE-VOLUME', 2023)?.target).toBe('400000');
    expect(target('WT-TOWNSHIP-CASE-VOLUME', 2023)?.target).toBe('50000');
    expect(target('WT-POLICY-LISTED-RATE', 2023)?.target).toBe('100');
    expect(target('WT-POLICY-PAID-ONLINE-RATE', 2025)?.target).toBe('100');
    expect(target('WT-VILLAGE-DEMO-HALLS', 2023)?.target).toBe('2');
    expect(target('WT-SUGGESTION-CITY-RANK', 2024)?.basis).toBe('carried forward');
    const halls = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM "ServiceHall" WHERE demonstration AND "openedOn" BETWEEN '2023-01-01' AND '2023-12-31'`,
    );
    expect(halls.n).toBe(2);
  });

  it('reaches the 2023 case targets at the seed scale: volume, township cases and one-network rate', async () => {
    const meta = await one<{ scale: string }>(
      `SELECT value AS scale FROM "HubMeta" WHERE key = 'seed.scale'`,
    );
    expect(Number(meta.scale)).toBe(testScale);
    const y2023 = await one<{ total: number; township: number; rate: number }>(
      `SELECT count(*)::int AS total, count("townshipId")::int AS township,
              (100.0 * count(*) FILTER (WHERE "oneNetwork") / count(*))::float8 AS rate
         FROM "ServiceCase" WHERE ${year(2023)}`,
    );
    expect(y2023.total).toBeGreaterThanOrEqual(Math.floor(400_000 * testScale));
    expect(y2023.total).toBeLessThan(420_000 * testScale);
    expect(y2023.township).toBeGreaterThanOrEqual(50_000 * testScale);
    expect(y2023.rate).toBeGreaterThanOrEqual(98);
    const y2022Township = await one<{ n: number }>(
      `SELECT count("townshipId")::int AS n FROM "ServiceCase" WHERE ${year(2022)}`,
    );
    expect(y2022Township.n).toBeLessThan(50_000);
  });

  it('continues every year up to today, with cases today and none after it', async () => {
    const years = await rows<{ year: string; n: number; rate: number }>(
      `SELECT to_char("submittedAt" AT TIME ZONE 'Asia/Shanghai', 'YYYY') AS year, count(*)::int AS n,
              (100.0 * count(*) FILTER (WHERE "oneNetwork") / count(*))::float8 AS rate
         FROM "ServiceCase" WHERE "submittedAt" >= '2023-01-01T00:00:00+08:00' GROUP BY 1 ORDER BY 1`,
    );
    expect(years.map((y) => y.year)).toEqual(['2023', '2024', '2025', '2026']);
    expect(years[1]?.n).toBeGreaterThan(years[0]?.n ?? 0);
    for (const y of years) expect(y.rate).toBeGreaterThanOrEqual(98.5 - (y.year === '2023' ? 0.5 : 0));
    const edges = await one<{ today: number; month: number; after: number }>(
      `SELECT count(*) FILTER (WHERE "submittedAt" >= '${dayOfToday()}T00:00:00+08:00')::int AS today,
              count(*) FILTER (WHERE "submittedAt" >= '2026-11-01T00:00:00+08:00')::int AS month,
              count(*) FILTER (WHERE greatest("submittedAt", "acceptedAt", "approvedAt", "completedAt", "rejectedAt",
                "withdrawnAt", "ratedAt", "updatedAt") > '${seedToday.toISOString()}')::int AS after
         FROM "ServiceCase" WHERE "submittedAt" >= '2026-01-01T00:00:00+08:00'`,
    );
    expect(edges.today).toBeGreaterThan(0);
    expect(edges.month).toBeGreaterThan(edges.today);
    expect(edges.after).toBe(0);
  });

  it('follows working days and office hours: windows closed on holidays, phones busiest in the evening', async () => {
    const windows = await one<{ workdays: number; holidays: number; outsideHours: number }>(
      `SELECT count(*) FILTER (WHERE extract(isodow FROM local) < 6)::int AS workdays,
              count(*) FILTER (WHERE local::date IN ('2022-10-03', '2022-10-04', '2022-10-05'))::int AS holidays,
              count(*) FILTER (WHERE local::time < '08:30' OR local::time >= '17:30')::int AS "outsideHours"
         FROM (SELECT "submittedAt" AT TIME ZONE 'Asia/Shanghai' AS local FROM "ServiceCase"
                WHERE channel = 'WINDOW' AND ${year(2022)}) w`,
    );
    expect(windows.workdays).toBeGreaterThan(100_000);
    expect(windows.holidays).toBe(0);
    expect(windows.outsideHours).toBe(0);
    const mobile = await one<{ evening: number }>(
      `SELECT avg((extract(hour FROM "submittedAt" AT TIME ZONE 'Asia/Shanghai') >= 18)::int)::float8 AS evening
         FROM "ServiceCase" WHERE channel = 'MOBILE' AND ${year(2022)}`,
    );
    expect(mobile.evening).toBeGreaterThan(0.4);
  });

  it('keeps every case consistent: status and timestamps, township and region, applicant data', async () => {
    const bad = await one<{ status: number; place: number; applicant: number; enterprise: number }>(
      `SELECT count(*) FILTER (WHERE NOT CASE status
                WHEN 'SUBMITTED' THEN "acceptedAt" IS NULL AND "completedAt" IS NULL
                WHEN 'ACCEPTED' THEN "acceptedAt" >= "submittedAt" AND "approvedAt" IS NULL AND "completedAt" IS NULL
                WHEN 'APPROVED' THEN "approvedAt" >= "acceptedAt" AND "completedAt" IS NULL
                WHEN 'COMPLETED' THEN "completedAt" >= "approvedAt" AND "approvedAt" >= "acceptedAt"
                WHEN 'REJECTED' THEN "rejectedAt" >= "acceptedAt" AND "completedAt" IS NULL
                ELSE "withdrawnAt" >= "submittedAt" AND "completedAt" IS NULL END
                OR ("rating" IS NOT NULL) <> ("ratedAt" IS NOT NULL) OR ("rating" IS NOT NULL AND status <> 'COMPLETED'))::int AS status,
              count(*) FILTER (WHERE c."townshipId" IS NOT NULL AND c."regionId" <> c."townshipId" AND r."parentId" <> c."townshipId"
                OR c."townshipId" IS NULL AND r.level <> 'COUNTY')::int AS place,
              count(*) FILTER (WHERE "applicantName" !~ '^.{2,3}$' OR "applicantIdNumber" !~ '^990121[0-9]{11}[0-9X]$'
                OR "applicantPhone" !~ '^1[3-9][0-9]{9}$')::int AS applicant,
              count(*) FILTER (WHERE ("applicantKind" = 'ENTERPRISE') <> ("enterpriseId" IS NOT NULL))::int AS enterprise
         FROM "ServiceCase" c JOIN "Region" r ON r.id = c."regionId" WHERE c.id % 7 = 0`,
    );
    expect(bad).toEqual({ status: 0, place: 0, applicant: 0, enterprise: 0 });
  });
});

describe('seed: bookkeeping', () => {
  it('records the seed in HubMeta, completedAt last', async () => {
    const meta = await rows<{ key: string; value: string }>(
      `SELECT key, value FROM "HubMeta" WHERE key LIKE 'seed.%' ORDER BY key`,
    );
    expect(meta.map((m) => m.key)).toEqual(['seed.completedAt', 'seed.scale', 'seed.today', 'seed.version']);
    expect(meta.find((m) => m.key === 'seed.today')?.value).toBe(seedToday.toISOString());
    const completed = new Date(meta.find((m) => m.key === 'seed.completedAt')?.value ?? '');
    expect(Number.isNaN(completed.getTime())).toBe(false);
  });

  it('leaves every index and constraint exactly as the migrations made them', async () => {
    const fresh = await migratedDatabase();
    const shape = (database: Database) =>
      database.sql.query<{ definition: string }>(
        `SELECT pg_get_indexdef(indexrelid) AS definition FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()
         UNION ALL
         SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
          WHERE connamespace = current_schema()::regnamespace
         UNION ALL
         SELECT tgrelid::regclass::text || ' ' || tgname || ' ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal
         ORDER BY 1`,
      );
    expect(await shape(db)).toEqual(await shape(fresh));
  });

  it('refuses to seed a database that already has regions', async () => {
    await expect(seedDatabase(db, { scale: testScale, today: seedToday })).rejects.toThrow(SeedRefusedError);
    const regions = await one<{ n: number }>(`SELECT count(*)::int AS n FROM "Region"`);
    expect(regions.n).toBeLessThan(200);
  });

  it('gives the same cases on every backend and run: a checksum of a sample of rows', async () => {
    const sample = await one<{ n: number; digest: string }>(
      `SELECT count(*)::int AS n, md5(string_agg(concat_ws('|', id, "externalId", "itemId", "regionId", "townshipId",
                "servicePointId", "partnerRegionId", channel, "oneNetwork", "applicantKind", "applicantName",
                "applicantIdNumber", "applicantPhone", "enterpriseId", status, extract(epoch FROM "submittedAt")::bigint,
                extract(epoch FROM "completedAt")::bigint, rating), ',' ORDER BY id)) AS digest
         FROM "ServiceCase" WHERE id % 4099 = 0 AND "submittedAt" < '2023-01-01T00:00:00+08:00'`,
    );
    expect(sample.n).toBe(89);
    expect(sample.digest).toBe(GOLDEN_2022_SAMPLE);
  });
});

describe('seed: generators', () => {
  /** Builds the whole case plan from scratch with no database, as the seed does. */
  async function plan() {
    const sink = async (_table: string, rowsIn: readonly unknown[]) => rowsIn.length;
    const ctx = {
      today: seedToday,
      todayDay: dayOfToday(),
      scale: testScale,
      log: () => {},
      insert: sink,
    } as unknown as SeedContext;
    const places = await seedPlaces(ctx);
    const departments = await seedDepartments(ctx);
    const catalogue = await seedCatalogue(ctx, departments);
    const halls = await seedHalls(ctx, places, departments, catalogue);
    const grid = await seedGrid(ctx, places, departments);
    return planCases({
      today: seedToday,
      scale: testScale,
      catalogue,
      halls,
      enterpriseDays: grid.enterprises.map((e) => e.registeredOn),
    });
  }
  const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

  it('plans the same cases from the same today and scale', async () => {
    const first = await plan();
    const second = await plan();
    expect(digest(second)).toBe(digest(first));
    expect(first.years[0]).toMatchObject({
      year: 2022,
      total: 368_400,
      oneNetwork: 361_511,
      bankBranch: 11_272,
    });
  });

  it('draws reproducible, independent random streams and exact allocations', () => {
    const a = randomStream('test/a');
    const again = randomStream('test/a');
    const b = randomStream('test/b');
    const draws = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => again.next())).toEqual(draws);
    expect(Array.from({ length: 5 }, () => b.next())).not.toEqual(draws);
    expect(allocate(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocate(7, [5, 1], [3, 10])).toEqual([3, 4]);
  });
});

/** The seed's today as a Shanghai calendar day. */
function dayOfToday(): string {
  return new Date(seedToday.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** md5 of the 2022 sample of the seeded cases; changes only when the generated data changes. */
const GOLDEN_2022_SAMPLE = '896f3c5c3ecdaf3534832fdc09a7ad25';
