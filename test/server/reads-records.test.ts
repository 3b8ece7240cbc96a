// Every record of the hub is readable: a counted, paginated connection per main model, node and
// nodes for every id, filters, stable sorting, and money, decimals and days in their scalars.
// Figures come from the shared seeded database: 2022 is the office's work summary, exactly.
import { describe, expect, test } from 'vitest';
import { admin, databaseId, globalId, gql, readsHub, request } from './reads-client.ts';

const hub = readsHub();
const q = <T>(query: string, variables: Record<string, unknown> = {}) =>
  gql<T>(hub.url(), admin, query, variables);

interface Page {
  totalCount: number;
  edges: Array<{ cursor: string; node: { id: string; __typename: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Root connection, GraphQL type and table of every main model. */
const roots: ReadonlyArray<readonly [string, string, string]> = [
  ['departments', 'Department', 'Department'],
  ['serviceHalls', 'ServiceHall', 'ServiceHall'],
  ['hallRatings', 'HallRating', 'HallRating'],
  ['windows', 'Window', 'Window'],
  ['staff', 'Staff', 'Staff'],
  ['servicePoints', 'ServicePoint', 'ServicePoint'],
  ['partnerRegions', 'PartnerRegion', 'PartnerRegion'],
  ['serviceItems', 'ServiceItem', 'ServiceItem'],
  ['bundles', 'Bundle', 'Bundle'],
  ['suggestions', 'Suggestion', 'Suggestion'],
  ['serviceCases', 'ServiceCase', 'ServiceCase'],
  ['indicators', 'Indicator', 'Indicator'],
  ['indicatorTargets', 'IndicatorTarget', 'IndicatorTarget'],
  ['indicatorValues', 'IndicatorValue', 'IndicatorValue'],
  ['gridUnits', 'GridUnit', 'GridUnit'],
  ['gridStaff', 'GridStaff', 'GridStaff'],
  ['enterprises', 'Enterprise', 'Enterprise'],
  ['contactVisits', 'ContactVisit', 'ContactVisit'],
  ['blindBoxRevisits', 'BlindBoxRevisit', 'BlindBoxRevisit'],
  ['modelCases', 'ModelCase', 'ModelCase'],
  ['policies', 'Policy', 'Policy'],
  ['disbursements', 'Disbursement', 'Disbursement'],
  ['problems', 'Problem', 'Problem'],
  ['assignmentSlips', 'AssignmentSlip', 'AssignmentSlip'],
  ['investmentProjects', 'InvestmentProject', 'InvestmentProject'],
  ['creditSubjects', 'CreditSubject', 'CreditSubject'],
  ['blacklistEntries', 'BlacklistEntry', 'BlacklistEntry'],
  ['creditRepairs', 'CreditRepair', 'CreditRepair'],
  ['publicityRecords', 'PublicityRecord', 'PublicityRecord'],
  ['employmentCreditRatings', 'EmploymentCreditRating', 'EmploymentCreditRating'],
  ['integrityEvents', 'IntegrityEvent', 'IntegrityEvent'],
  ['honors', 'Honor', 'Honor'],
  ['workPoints', 'WorkPoint', 'WorkPoint'],
  ['redListMonths', 'RedListMonth', 'RedListMonth'],
];

async function tableCount(table: string): Promise<number> {
  const [row] = await hub.db().sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
  return row?.n ?? -1;
}

async function sqlCount(sql: string): Promise<number> {
  const [row] = await hub.db().sql.query<{ n: number }>(sql);
  return row?.n ?? -1;
}

interface Fetched {
  node: { id: string; __typename: string } | null;
  nodes: Array<{ id: string; __typename: string } | null>;
}

async function refetch(ids: string[]): Promise<Fetched> {
  return q<Fetched>(
    `query ($id: ID!, $ids: [ID!]!) { node(id: $id) { id __typename } nodes(ids: $ids) { id __typename } }`,
    { id: ids[0], ids: [...ids].reverse() },
  );
}

describe('every main model has a counted connection and refetchable nodes', () => {
  test.each(roots)(
    '%s: totalCount is the table’s row count; node and nodes give back the rows',
    async (field, typename, table) => {
      const data = await q<Record<string, Page>>(
        `{ page: ${field}(first: 3) { totalCount edges { cursor node { id __typename } } pageInfo { hasNextPage endCursor } } }`,
      );
      const page = data.page as Page;
      const rows = await tableCount(table);
      expect(rows).toBeGreaterThan(0);
      expect(page.totalCount).toBe(rows);
      expect(page.edges).toHaveLength(Math.min(3, rows));
      expect(page.pageInfo.hasNextPage).toBe(rows > 3);
      const ids = page.edges.map((edge) => edge.node.id);
      expect(page.edges.every((edge) => edge.node.__typename === typename)).toBe(true);
      const fetched = await refetch(ids);
      expect(fetched.node).toEqual({ id: ids[0], __typename: typename });
      expect(fetched.nodes).toEqual([...ids].reverse().map((id) => ({ id, __typename: typename })));
    },
  );

  test('the records without a root connection are reached through their parents and refetched by id', async () => {
    const [reviewed] = await hub
      .db()
      .sql.query<{ id: number }>(`SELECT "problemId" AS id FROM "ProblemReview" ORDER BY id LIMIT 1`);
    const [followed] = await hub
      .db()
      .sql.query<{ id: number }>(`SELECT "problemId" AS id FROM "ProblemFollowUp" ORDER BY id LIMIT 1`);
    const data = await q<{
      modelCases: { edges: Array<{ node: { selections: Array<{ id: string; venue: string }> } }> };
      reviewed: { reviews: Array<{ id: string }> };
      followed: { followUps: { totalCount: number; edges: Array<{ node: { id: string } }> } };
      investmentProjects: {
        edges: Array<{ node: { progress: { totalCount: number; edges: Array<{ node: { id: string } }> } } }>;
      };
    }>(
      `query ($reviewed: ID!, $followed: ID!) {
        modelCases(year: 2022, first: 1) { edges { node { selections { id venue } } } }
        reviewed: node(id: $reviewed) { ... on Problem { reviews { id } } }
        followed: node(id: $followed) { ... on Problem { followUps(first: 1) { totalCount edges { node { id } } } } }
        investmentProjects(historical: true, first: 1) { edges { node { progress(first: 1) { totalCount edges { node { id } } } } } }
      }`,
      { reviewed: globalId('Problem', reviewed?.id ?? 0), followed: globalId('Problem', followed?.id ?? 0) },
    );
    const progress = data.investmentProjects.edges[0]?.node.progress;
    const ids = [
      data.modelCases.edges[0]?.node.selections[0]?.id,
      data.followed.followUps.edges[0]?.node.id,
      data.reviewed.reviews[0]?.id,
      progress?.edges[0]?.node.id,
    ] as string[];
    expect(ids.every(Boolean)).toBe(true);
    const { nodes } = await refetch(ids);
    expect(nodes.map((node) => node?.__typename)).toEqual([
      'ProjectProgress',
      'ProblemReview',
      'ProblemFollowUp',
      'ModelCaseSelection',
    ]);
    expect(data.followed.followUps.totalCount).toBe(
      await sqlCount(`SELECT count(*)::int AS n FROM "ProblemFollowUp" WHERE "problemId" = ${followed?.id}`),
    );
    expect(progress?.totalCount).toBe(
      await sqlCount(
        `SELECT count(*)::int AS n FROM "ProjectProgress" WHERE "projectId" = (SELECT "projectId" FROM "ProjectProgress" WHERE id = ${databaseId(ids[3] as string)})`,
      ),
    );
  });

  test('join rows (items of a point, of a partner county, of a bundle) are listed under their parents', async () => {
    const data = await q<{
      servicePoints: {
        edges: Array<{
          node: {
            code: string;
            items: { totalCount: number; edges: Array<{ node: { item: { code: string }; since: string } }> };
          };
        }>;
      };
      partnerRegions: { edges: Array<{ node: { code: string; items: { totalCount: number } } }> };
      bundles: { edges: Array<{ node: { items: Array<{ position: number; item: { code: string } }> } }> };
    }>(`{
      servicePoints(kind: BANK_BRANCH, first: 1) { edges { node { code items(first: 2) { totalCount edges { node { item { code } since } } } } } }
      partnerRegions(first: 1) { edges { node { code items(first: 1) { totalCount } } } }
      bundles(first: 1) { edges { node { items { position item { code } } } } }
    }`);
    const point = data.servicePoints.edges[0]?.node;
    expect(point?.items.totalCount).toBe(
      await sqlCount(
        `SELECT count(*)::int AS n FROM "ServicePointItem" i JOIN "ServicePoint" p ON p.id = i."servicePointId" WHERE p.code = '${point?.code}'`,
      ),
    );
    expect(point?.items.edges[0]?.node.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const partner = data.partnerRegions.edges[0]?.node;
    expect(partner?.items.totalCount).toBe(
      await sqlCount(
        `SELECT count(*)::int AS n FROM "PartnerRegionItem" i JOIN "PartnerRegion" p ON p.id = i."partnerRegionId" WHERE p.code = '${partner?.code}'`,
      ),
    );
    const positions = data.bundles.edges[0]?.node.items.map((item) => item.position) ?? [];
    expect(positions.length).toBeGreaterThan(1);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  test('an id of no record reads as null', async () => {
    const missing = Buffer.from('Problem:99999999').toString('base64');
    const { node } = await q<{ node: unknown }>('query ($id: ID!) { node(id: $id) { id } }', { id: missing });
    expect(node).toBeNull();
  });
});

describe('the 2022 work summary, read through the filters', () => {
  test('slips, projects, bank points and their cases, grid enterprises, suggestions, model cases, red list, city problems', async () => {
    const data = await q<Record<string, { totalCount: number }>>(`{
      slips: assignmentSlips(issuedFrom: "2022-01-01", issuedTo: "2022-12-31") { totalCount }
      historical: investmentProjects(historical: true) { totalCount }
      bankPoints: servicePoints(kind: BANK_BRANCH) { totalCount }
      bankCases: serviceCases(servicePointKind: BANK_BRANCH, submittedTo: "2022-12-31") { totalCount }
      gridEnterprises: enterprises(registeredTo: "2022-12-31") { totalCount }
      adopted: suggestions(status: ADOPTED, submittedFrom: "2022-01-01", submittedTo: "2022-12-31") { totalCount }
      compilation: modelCases(year: 2022, venue: CITY_COMPILATION) { totalCount }
      cityBulletin: modelCases(year: 2022, venue: CITY_BULLETIN) { totalCount }
      countyBulletin: modelCases(year: 2022, venue: COUNTY_BULLETIN) { totalCount }
      redList: redListMonths(monthFrom: "2022-01-01", monthTo: "2022-12-31") { totalCount }
      cityProblems: problems(source: CITY_TASK_FORCE, reportedFrom: "2022-01-01", reportedTo: "2022-12-31") { totalCount }
    }`);
    expect(Object.fromEntries(Object.entries(data).map(([key, value]) => [key, value.totalCount]))).toEqual({
      slips: 29,
      historical: 17,
      bankPoints: 32,
      bankCases: 11_272,
      gridEnterprises: await sqlCount(
        `SELECT count(*)::int AS n FROM "Enterprise" WHERE "registeredOn" <= '2022-12-31'`,
      ),
      adopted: 12,
      compilation: 5,
      cityBulletin: 5,
      countyBulletin: 7,
      redList: 3,
      cityProblems: 5,
    });
    expect(data.gridEnterprises?.totalCount).toBeGreaterThan(3_400);
  });

  test('the slips of 2022 by department add up to 29, each department’s count as in the table', async () => {
    const { departments } = await q<{
      departments: { edges: Array<{ node: { code: string; slips: { totalCount: number } } }> };
    }>(`{ departments(first: 100) { edges { node { code slips { totalCount } } } } }`);
    const expected = await hub
      .db()
      .sql.query<{ code: string; n: number }>(
        `SELECT d.code, count(s.id)::int AS n FROM "Department" d LEFT JOIN "AssignmentSlip" s ON s."departmentId" = d.id GROUP BY d.code`,
      );
    expect(
      Object.fromEntries(departments.edges.map((edge) => [edge.node.code, edge.node.slips.totalCount])),
    ).toEqual(Object.fromEntries(expected.map((row) => [row.code, row.n])));
    const zj = await q<{ assignmentSlips: { totalCount: number } }>(
      `{ assignmentSlips(departmentCode: "ZJ", issuedFrom: "2022-01-01", issuedTo: "2022-12-31") { totalCount } }`,
    );
    expect(zj.assignmentSlips.totalCount).toBe(
      await sqlCount(
        `SELECT count(*)::int AS n FROM "AssignmentSlip" s JOIN "Department" d ON d.id = s."departmentId" WHERE d.code = 'ZJ' AND s."issuedOn" BETWEEN '2022-01-01' AND '2022-12-31'`,
      ),
    );
  });
});

describe('filters', () => {
  test('a region code takes the whole subtree; a township’s enterprises and cases are those under its path', async () => {
    const data = await q<Record<string, { totalCount: number }>>(`{
      enterprises(regionCode: "990121003000") { totalCount }
      cases: serviceCases(regionCode: "990121003000", submittedFrom: "2022-01-01", submittedTo: "2022-12-31") { totalCount }
      county: enterprises(regionCode: "990121000000") { totalCount }
    }`);
    const path = (
      await hub.db().sql.query<{ path: string }>(`SELECT path FROM "Region" WHERE code = '990121003000'`)
    )[0]?.path;
    expect(path).toMatch(/^\/\d+\/\d+\/\d+\/$/);
    expect(data.enterprises?.totalCount).toBe(
      await sqlCount(
        `SELECT count(*)::int AS n FROM "Enterprise" e JOIN "Region" r ON r.id = e."regionId" WHERE r.path LIKE '${path}%'`,
      ),
    );
    expect(data.cases?.totalCount).toBe(
      await sqlCount(
        `SELECT count(*)::int AS n FROM "ServiceCase" c JOIN "Region" r ON r.id = c."regionId" WHERE r.path LIKE '${path}%'
           AND c."submittedAt" >= '2022-01-01T00:00:00+08:00' AND c."submittedAt" < '2023-01-01T00:00:00+08:00'`,
      ),
    );
    expect(data.enterprises?.totalCount).toBeGreaterThan(0);
    expect(data.county?.totalCount).toBe(await tableCount('Enterprise'));
  });

  test('name search is a case-insensitive substring match; status and enum filters narrow', async () => {
    const data = await q<{
      departments: { edges: Array<{ node: { code: string } }> };
      tea: { totalCount: number };
      closedSlips: { totalCount: number; edges: Array<{ node: { status: string } }> };
      online: { totalCount: number };
    }>(`{
      departments(search: "scjg") { edges { node { code } } }
      tea: enterprises(search: "茶业") { totalCount }
      closedSlips: assignmentSlips(status: CLOSED, first: 5) { totalCount edges { node { status } } }
      online: serviceItems(channel: BANK_BRANCH) { totalCount }
    }`);
    expect(data.departments.edges.map((edge) => edge.node.code)).toEqual(['SCJG']);
    expect(data.tea.totalCount).toBe(
      await sqlCount(
        `SELECT count(*)::int AS n FROM "Enterprise" WHERE name ILIKE '%茶业%' OR "creditCode" ILIKE '%茶业%'`,
      ),
    );
    expect(data.tea.totalCount).toBeGreaterThan(0);
    expect(data.closedSlips.totalCount).toBe(
      await sqlCount(`SELECT count(*)::int AS n FROM "AssignmentSlip" WHERE status = 'CLOSED'`),
    );
    expect(data.closedSlips.edges).toHaveLength(5);
    expect(data.closedSlips.edges.every((edge) => edge.node.status === 'CLOSED')).toBe(true);
    expect(data.online.totalCount).toBe(
      await sqlCount(
        `SELECT count(*)::int AS n FROM "ServiceItem" WHERE 'BANK_BRANCH' = ANY("allowedChannels")`,
      ),
    );
  });

  test('overdue slips are open past their deadline as of the request’s day', async () => {
    const { overdue, onTime } = await q<
      Record<
        'overdue' | 'onTime',
        { totalCount: number; edges: Array<{ node: { overdue: boolean; deadline: string } }> }
      >
    >(
      `{ overdue: assignmentSlips(overdue: true, first: 50) { totalCount edges { node { overdue deadline } } }
         onTime: assignmentSlips(overdue: false, first: 50) { totalCount edges { node { overdue deadline } } } }`,
    );
    const expected = await sqlCount(
      `SELECT count(*)::int AS n FROM "AssignmentSlip" WHERE status NOT IN ('VERIFIED', 'CLOSED') AND deadline < '2026-11-28'`,
    );
    expect(overdue.totalCount).toBe(expected);
    expect(overdue.edges.every((edge) => edge.node.overdue && edge.node.deadline < '2026-11-28')).toBe(true);
    expect(onTime.edges.every((edge) => !edge.node.overdue)).toBe(true);
    expect(overdue.totalCount + onTime.totalCount).toBe(await tableCount('AssignmentSlip'));
  });

  test('a reversed day range and an unknown region code are refused with typed errors', async () => {
    const reversed = await request(
      hub.url(),
      admin,
      '{ problems(reportedFrom: "2023-01-02", reportedTo: "2023-01-01") { totalCount } }',
    );
    expect(reversed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(reversed.errors?.[0]?.message).toMatch(/reportedFrom must not be after reportedTo/);
    const unknown = await request(
      hub.url(),
      admin,
      '{ enterprises(regionCode: "990121999000") { totalCount } }',
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('pagination and sorting', () => {
  test('pages follow each other by cursor in the documented order (code, then id)', async () => {
    const first = await q<{ serviceItems: Page & { edges: Array<{ node: { code: string } }> } }>(
      '{ serviceItems(first: 5) { totalCount edges { cursor node { id __typename code } } pageInfo { hasNextPage endCursor } } }',
    );
    const second = await q<{ serviceItems: Page & { edges: Array<{ node: { code: string } }> } }>(
      'query ($after: String) { serviceItems(first: 5, after: $after) { totalCount edges { cursor node { id __typename code } } pageInfo { hasNextPage endCursor } } }',
      { after: first.serviceItems.pageInfo.endCursor },
    );
    const last = await q<{ serviceItems: { edges: Array<{ node: { code: string } }> } }>(
      '{ serviceItems(last: 3) { edges { node { code } } } }',
    );
    const codes = (
      await hub.db().sql.query<{ code: string }>(`SELECT code FROM "ServiceItem" ORDER BY code, id`)
    ).map((row) => row.code);
    expect([...first.serviceItems.edges, ...second.serviceItems.edges].map((edge) => edge.node.code)).toEqual(
      codes.slice(0, 10),
    );
    expect(last.serviceItems.edges.map((edge) => edge.node.code)).toEqual(codes.slice(-3));
  });

  test('orderBy: the largest payments first, the newest firms first; ties broken by id', async () => {
    const data = await q<{
      disbursements: { edges: Array<{ node: { amountFen: string; amountYuan: string } }> };
      enterprises: { edges: Array<{ node: { registeredOn: string } }> };
    }>(`{
      disbursements(orderBy: AMOUNT_LARGEST, first: 3) { edges { node { amountFen amountYuan } } }
      enterprises(orderBy: REGISTERED_NEWEST, first: 5) { edges { node { registeredOn } } }
    }`);
    const amounts = data.disbursements.edges.map((edge) => BigInt(edge.node.amountFen));
    const [max] = await hub
      .db()
      .sql.query<{ fen: string }>(`SELECT max("amountFen")::text AS fen FROM "Disbursement"`);
    expect(amounts[0]).toBe(BigInt(max?.fen ?? '-1'));
    expect(amounts).toEqual([...amounts].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    const days = data.enterprises.edges.map((edge) => edge.node.registeredOn);
    expect(days).toEqual([...days].sort().reverse());
    const [newest] = await hub
      .db()
      .sql.query<{ day: string }>(
        `SELECT to_char(max("registeredOn"), 'YYYY-MM-DD') AS day FROM "Enterprise"`,
      );
    expect(days[0]).toBe(newest?.day);
  });
});

describe('scalars', () => {
  test('money is BigInt fen with an exact yuan Decimal; scores are Decimal strings; calendar days are dates', async () => {
    const data = await q<{
      disbursements: { edges: Array<{ node: { amountFen: string; amountYuan: string; paidOn: string } }> };
      hallRatings: { edges: Array<{ node: { onSiteScore: string; ratedOn: string } }> };
    }>(`{
      disbursements(first: 20) { edges { node { amountFen amountYuan paidOn } } }
      hallRatings(first: 1) { edges { node { onSiteScore ratedOn } } }
    }`);
    for (const { node } of data.disbursements.edges) {
      expect(node.amountFen).toMatch(/^\d+$/);
      const fen = BigInt(node.amountFen);
      expect(node.amountYuan).toBe(`${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`);
      expect(node.paidOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const rating = data.hallRatings.edges[0]?.node;
    expect(rating?.onSiteScore).toMatch(/^\d{1,3}\.\d{2}$/);
    expect(rating?.ratedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
