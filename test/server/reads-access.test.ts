// Who reads which rows: a DEPARTMENT token sees its department's records, a TOWNSHIP token its
// region subtree's, in every connection and in node lookups; SCREEN gets no record rows;
// ANALYST reads everything with people's names, ID numbers and phones masked. A to-one relation
// to a row outside the caller's scope reads as null.
import { describe, expect, test } from 'vitest';
import { maskPersonal } from '../../server/src/personal.ts';
import { admin, analyst, type Caller, globalId, gql, readsHub, request, screen } from './reads-client.ts';

const hub = readsHub();

const zj: Caller = { role: 'DEPARTMENT', departmentCode: 'ZJ' };
const dongcheng: Caller = { role: 'TOWNSHIP', regionCode: '990121003000' };

async function count(sql: string): Promise<number> {
  const [row] = await hub.db().sql.query<{ n: number }>(sql);
  return row?.n ?? -1;
}

/** The enterprises ZJ may read, by the rule of enterpriseScope, as SQL selecting `columns`. */
function zjEnterprises(columns: string): string {
  const zjId = `(SELECT id FROM "Department" WHERE code = 'ZJ')`;
  return `SELECT ${columns} FROM "Enterprise" e WHERE
      EXISTS (SELECT 1 FROM "GridUnit" g WHERE g.id = e."gridUnitId" AND g."departmentId" = ${zjId})
      OR EXISTS (SELECT 1 FROM "ContactVisit" v JOIN "GridStaff" s ON s.id = v."gridStaffId" JOIN "GridUnit" g ON g.id = s."gridUnitId"
                  WHERE v."enterpriseId" = e.id AND g."departmentId" = ${zjId})
      OR EXISTS (SELECT 1 FROM "BlindBoxRevisit" b JOIN "GridUnit" g ON g.id = b."gridUnitId"
                  WHERE b."enterpriseId" = e.id AND g."departmentId" = ${zjId})
      OR EXISTS (SELECT 1 FROM "Disbursement" x JOIN "Policy" p ON p.id = x."policyId"
                  WHERE x."enterpriseId" = e.id AND p."departmentId" = ${zjId})
      OR EXISTS (SELECT 1 FROM "Problem" p WHERE p."enterpriseId" = e.id AND (p."ownerDepartmentId" = ${zjId}
                  OR EXISTS (SELECT 1 FROM "AssignmentSlip" s WHERE s."problemId" = p.id AND s."departmentId" = ${zjId})))`;
}

async function one<T>(sql: string): Promise<T> {
  const [row] = await hub.db().sql.query<T>(sql);
  if (!row) throw new Error(`no row: ${sql}`);
  return row;
}

describe('DEPARTMENT: its own problems and slips', () => {
  test('problems it owns or holds a slip for; slips issued to it or on its problems; nothing else', async () => {
    const { id: zjId } = await one<{ id: number }>(`SELECT id FROM "Department" WHERE code = 'ZJ'`);
    // Two requests: a page of problems with their slips, and a page of slips, each inside the cost limit.
    const { problems } = await gql<{
      problems: {
        totalCount: number;
        edges: Array<{
          node: {
            ownerDepartment: { code: string };
            slips: { edges: Array<{ node: { department: { code: string } } }> };
          };
        }>;
      };
    }>(
      hub.url(),
      zj,
      `{ problems(first: 12) { totalCount edges { node {
          ownerDepartment { code } slips(first: 4) { edges { node { department { code } } } }
        } } } }`,
    );
    const slips = await gql<{
      assignmentSlips: {
        totalCount: number;
        edges: Array<{
          node: { department: { code: string }; problem: { ownerDepartment: { code: string } } };
        }>;
      };
      all: { totalCount: number };
    }>(
      hub.url(),
      zj,
      `{
        assignmentSlips(first: 30) { totalCount edges { node { department { code } problem { ownerDepartment { code } } } } }
        all: assignmentSlips(issuedFrom: "2022-01-01", issuedTo: "2022-12-31") { totalCount }
      }`,
    );
    const data = { problems, ...slips };
    expect(data.problems.totalCount).toBe(
      await count(
        `SELECT count(*)::int AS n FROM "Problem" p WHERE p."ownerDepartmentId" = ${zjId}
            OR EXISTS (SELECT 1 FROM "AssignmentSlip" s WHERE s."problemId" = p.id AND s."departmentId" = ${zjId})`,
      ),
    );
    expect(data.problems.totalCount).toBeGreaterThan(0);
    expect(data.problems.totalCount).toBeLessThan(await count(`SELECT count(*)::int AS n FROM "Problem"`));
    for (const { node } of data.problems.edges) {
      const slipDepartments = node.slips.edges.map((edge) => edge.node.department.code);
      expect(node.ownerDepartment.code === 'ZJ' || slipDepartments.includes('ZJ')).toBe(true);
      // Slips of a problem it owns may go to other departments; of another's problem, only its own.
      if (node.ownerDepartment.code !== 'ZJ') expect(new Set(slipDepartments)).toEqual(new Set(['ZJ']));
    }
    expect(data.assignmentSlips.totalCount).toBe(
      await count(
        `SELECT count(*)::int AS n FROM "AssignmentSlip" s JOIN "Problem" p ON p.id = s."problemId"
          WHERE s."departmentId" = ${zjId} OR p."ownerDepartmentId" = ${zjId}`,
      ),
    );
    for (const { node } of data.assignmentSlips.edges) {
      expect(node.department.code === 'ZJ' || node.problem.ownerDepartment.code === 'ZJ').toBe(true);
    }
    // Of the 29 slips of 2022, the department sees its six and those on its problems.
    expect(data.all.totalCount).toBeLessThan(29);
    expect(data.all.totalCount).toBeGreaterThanOrEqual(6);
  });

  test('another department’s problem and slip read as null by id; the same ids work for STAFF', async () => {
    const { id: zjId } = await one<{ id: number }>(`SELECT id FROM "Department" WHERE code = 'ZJ'`);
    const problem = await one<{ id: number }>(
      `SELECT p.id FROM "Problem" p WHERE p."ownerDepartmentId" <> ${zjId}
          AND NOT EXISTS (SELECT 1 FROM "AssignmentSlip" s WHERE s."problemId" = p.id AND s."departmentId" = ${zjId})
        ORDER BY p.id LIMIT 1`,
    );
    const slip = await one<{ id: number }>(
      `SELECT s.id FROM "AssignmentSlip" s JOIN "Problem" p ON p.id = s."problemId"
        WHERE s."departmentId" <> ${zjId} AND p."ownerDepartmentId" <> ${zjId} ORDER BY s.id LIMIT 1`,
    );
    const query = 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    const ids = [globalId('Problem', problem.id), globalId('AssignmentSlip', slip.id)];
    expect((await gql<{ nodes: unknown[] }>(hub.url(), zj, query, { ids })).nodes).toEqual([null, null]);
    expect((await gql<{ nodes: unknown[] }>(hub.url(), { role: 'STAFF' }, query, { ids })).nodes).toEqual(
      ids.map((id) => ({ id })),
    );
  });

  test('enterprises are those its grid unit serves and those it deals with (visits, revisits, payments, problems)', async () => {
    const { enterprises } = await gql<{ enterprises: { totalCount: number } }>(
      hub.url(),
      zj,
      '{ enterprises { totalCount } }',
    );
    const served = await count(
      `SELECT count(*)::int AS n FROM "Enterprise" e JOIN "GridUnit" g ON g.id = e."gridUnitId"
         JOIN "Department" d ON d.id = g."departmentId" WHERE d.code = 'ZJ'`,
    );
    expect(enterprises.totalCount).toBe(await count(zjEnterprises('count(*)::int AS n')));
    expect(served).toBeGreaterThan(0);
    // ZJ owns problems of firms other units serve.
    expect(enterprises.totalCount).toBeGreaterThan(served);
  });
});

describe('TOWNSHIP: its subtree’s cases and enterprises', () => {
  test('cases and enterprises of the township and its villages only, counted the same way', async () => {
    const { path } = await one<{ path: string }>(`SELECT path FROM "Region" WHERE code = '990121003000'`);
    const data = await gql<{
      serviceCases: { totalCount: number; edges: Array<{ node: { region: { code: string } } }> };
      enterprises: { totalCount: number; edges: Array<{ node: { region: { code: string } } }> };
      elsewhere: { totalCount: number };
      problems: { totalCount: number };
    }>(
      hub.url(),
      dongcheng,
      `{
        serviceCases(submittedFrom: "2022-01-01", submittedTo: "2022-12-31", first: 30) { totalCount edges { node { region { code } } } }
        enterprises(first: 30) { totalCount edges { node { region { code } } } }
        elsewhere: enterprises(regionCode: "990121004000") { totalCount }
        problems { totalCount }
      }`,
    );
    expect(data.serviceCases.totalCount).toBe(
      await count(
        `SELECT count(*)::int AS n FROM "ServiceCase" c JOIN "Region" r ON r.id = c."regionId" WHERE r.path LIKE '${path}%'
           AND c."submittedAt" >= '2022-01-01T00:00:00+08:00' AND c."submittedAt" < '2023-01-01T00:00:00+08:00'`,
      ),
    );
    expect(data.serviceCases.totalCount).toBeGreaterThan(1000);
    expect(data.enterprises.totalCount).toBe(
      await count(
        `SELECT count(*)::int AS n FROM "Enterprise" e JOIN "Region" r ON r.id = e."regionId" WHERE r.path LIKE '${path}%'`,
      ),
    );
    const inTownship = (code: string) => code.startsWith('990121003');
    expect(data.serviceCases.edges.every((edge) => inTownship(edge.node.region.code))).toBe(true);
    expect(data.enterprises.edges.every((edge) => inTownship(edge.node.region.code))).toBe(true);
    expect(data.elsewhere.totalCount).toBe(0);
    expect(data.problems.totalCount).toBe(
      await count(
        `SELECT count(*)::int AS n FROM "Problem" p JOIN "Region" r ON r.id = p."regionId" WHERE r.path LIKE '${path}%'`,
      ),
    );
  });

  test('an enterprise and a case of another township read as null by id', async () => {
    const enterprise = await one<{ id: number }>(
      `SELECT e.id FROM "Enterprise" e JOIN "Region" r ON r.id = e."regionId" WHERE r.code LIKE '990121004%' ORDER BY e.id LIMIT 1`,
    );
    const own = await one<{ id: number }>(
      `SELECT e.id FROM "Enterprise" e JOIN "Region" r ON r.id = e."regionId" WHERE r.code LIKE '990121003%' ORDER BY e.id LIMIT 1`,
    );
    const serviceCase = await one<{ id: number }>(
      `SELECT c.id FROM "ServiceCase" c JOIN "Region" r ON r.id = c."regionId" WHERE r.code LIKE '990121004%' ORDER BY c.id LIMIT 1`,
    );
    const { nodes } = await gql<{ nodes: Array<{ id: string } | null> }>(
      hub.url(),
      dongcheng,
      'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      {
        ids: [
          globalId('Enterprise', enterprise.id),
          globalId('ServiceCase', serviceCase.id),
          globalId('Enterprise', own.id),
        ],
      },
    );
    expect(nodes).toEqual([null, null, { id: globalId('Enterprise', own.id) }]);
  });
});

describe('to-one relations follow the caller’s scope: a row outside it reads as null, as by id', () => {
  type CaseEnterprise = { enterprise: { creditCode: string; region: { code: string } } | null } | null;
  const casesWithEnterprise =
    'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on ServiceCase { enterprise { creditCode region { code } } } } }';

  test('TOWNSHIP: a case of its subtree shows its enterprise only when the firm is registered there too', async () => {
    const { path } = await one<{ path: string }>(`SELECT path FROM "Region" WHERE code = '990121003000'`);
    const rows = await hub.db().sql.query<{ id: number; creditCode: string; inside: boolean }>(
      `(SELECT c.id, e."creditCode", false AS inside FROM "ServiceCase" c JOIN "Region" r ON r.id = c."regionId"
          JOIN "Enterprise" e ON e.id = c."enterpriseId" JOIN "Region" er ON er.id = e."regionId"
         WHERE r.path LIKE '${path}%' AND er.path NOT LIKE '${path}%' ORDER BY c.id LIMIT 12)
       UNION ALL
       (SELECT c.id, e."creditCode", true FROM "ServiceCase" c JOIN "Region" r ON r.id = c."regionId"
          JOIN "Enterprise" e ON e.id = c."enterpriseId" JOIN "Region" er ON er.id = e."regionId"
         WHERE r.path LIKE '${path}%' AND er.path LIKE '${path}%' ORDER BY c.id LIMIT 12)`,
    );
    expect(rows.filter((row) => !row.inside)).toHaveLength(12);
    expect(rows.filter((row) => row.inside)).toHaveLength(12);
    const ids = rows.map((row) => globalId('ServiceCase', row.id));
    const township = await gql<{ nodes: CaseEnterprise[] }>(hub.url(), dongcheng, casesWithEnterprise, {
      ids,
    });
    expect(township.nodes.map((node) => node?.enterprise?.creditCode ?? null)).toEqual(
      rows.map((row) => (row.inside ? row.creditCode : null)),
    );
    for (const node of township.nodes) {
      if (node?.enterprise) expect(node.enterprise.region.code.startsWith('990121003')).toBe(true);
    }
    // The same cases for STAFF: every enterprise.
    const staff = await gql<{ nodes: CaseEnterprise[] }>(hub.url(), { role: 'STAFF' }, casesWithEnterprise, {
      ids,
    });
    expect(staff.nodes.map((node) => node?.enterprise?.creditCode)).toEqual(
      rows.map((row) => row.creditCode),
    );
  });

  test('TOWNSHIP: a problem of its subtree about a firm registered elsewhere shows no enterprise', async () => {
    const { path } = await one<{ path: string }>(`SELECT path FROM "Region" WHERE code = '990121003000'`);
    const problem = await one<{ id: number }>(
      `SELECT p.id FROM "Problem" p JOIN "Region" r ON r.id = p."regionId" JOIN "Enterprise" e ON e.id = p."enterpriseId"
          JOIN "Region" er ON er.id = e."regionId"
        WHERE r.path LIKE '${path}%' AND er.path NOT LIKE '${path}%' ORDER BY p.id LIMIT 1`,
    );
    const query = 'query ($id: ID!) { node(id: $id) { ... on Problem { code enterprise { name } } } }';
    const variables = { id: globalId('Problem', problem.id) };
    const township = await gql<{ node: { code: string; enterprise: unknown } }>(
      hub.url(),
      dongcheng,
      query,
      variables,
    );
    expect(township.node.code).toBeTruthy();
    expect(township.node.enterprise).toBeNull();
    const staff = await gql<{ node: { enterprise: { name: string } } }>(
      hub.url(),
      { role: 'STAFF' },
      query,
      variables,
    );
    expect(staff.node.enterprise.name).toBeTruthy();
  });

  test('DEPARTMENT: the firm of a case of its items shows only when in its scope; its payments’ firms always do', async () => {
    const outside = await hub.db().sql.query<{ id: number; enterpriseId: number }>(
      `SELECT c.id, c."enterpriseId" FROM "ServiceCase" c JOIN "ServiceItem" i ON i.id = c."itemId"
         JOIN "Department" d ON d.id = i."departmentId"
        WHERE d.code = 'ZJ' AND c."enterpriseId" NOT IN (${zjEnterprises('e.id')}) ORDER BY c.id LIMIT 3`,
    );
    const inside = await hub.db().sql.query<{ id: number; enterpriseId: number }>(
      `SELECT c.id, c."enterpriseId" FROM "ServiceCase" c JOIN "ServiceItem" i ON i.id = c."itemId"
         JOIN "Department" d ON d.id = i."departmentId"
        WHERE d.code = 'ZJ' AND c."enterpriseId" IN (${zjEnterprises('e.id')}) ORDER BY c.id LIMIT 3`,
    );
    expect(outside).toHaveLength(3);
    expect(inside).toHaveLength(3);
    const ids = [...outside, ...inside].map((row) => globalId('ServiceCase', row.id));
    const department = await gql<{ nodes: CaseEnterprise[] }>(hub.url(), zj, casesWithEnterprise, { ids });
    expect(department.nodes.map((node) => node?.enterprise === null)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    // By id, the same answer: the firm of a case outside its scope is null, inside it is there.
    const firms = await gql<{ nodes: unknown[] }>(
      hub.url(),
      zj,
      'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      {
        ids: [outside[0], inside[0]].map((row) => globalId('Enterprise', row?.enterpriseId ?? 0)),
      },
    );
    expect(firms.nodes).toEqual([null, { id: globalId('Enterprise', inside[0]?.enterpriseId ?? 0) }]);

    // Disbursements under JX's policies go to firms many units serve: the firm is never null.
    const jx: Caller = { role: 'DEPARTMENT', departmentCode: 'JX' };
    const { disbursements } = await gql<{
      disbursements: { totalCount: number; edges: Array<{ node: { enterprise: { creditCode: string } } }> };
    }>(
      hub.url(),
      jx,
      '{ disbursements(first: 200) { totalCount edges { node { enterprise { creditCode } } } } }',
    );
    expect(disbursements.edges).toHaveLength(Math.min(200, disbursements.totalCount));
    expect(disbursements.edges.length).toBeGreaterThan(100);
    expect(disbursements.edges.every((edge) => edge.node.enterprise.creditCode.length === 18)).toBe(true);
  });

  test('DEPARTMENT: a bundle lists only its department’s items', async () => {
    const { bundles } = await gql<{
      bundles: { edges: Array<{ node: { items: Array<{ item: { department: { code: string } } }> } }> };
    }>(
      hub.url(),
      { role: 'DEPARTMENT', departmentCode: 'RS' },
      '{ bundles(first: 50) { edges { node { items { item { department { code } } } } } } }',
    );
    const listed = bundles.edges.flatMap((edge) =>
      edge.node.items.map((entry) => entry.item.department.code),
    );
    expect(new Set(listed)).toEqual(new Set(['RS']));
    expect(listed).toHaveLength(
      await count(
        `SELECT count(*)::int AS n FROM "BundleItem" b JOIN "ServiceItem" i ON i.id = b."itemId"
           JOIN "Department" d ON d.id = i."departmentId" WHERE d.code = 'RS'`,
      ),
    );
  });
});

describe('SCREEN: aggregates, never record rows', () => {
  test('record connections and record nodes are FORBIDDEN; reference data is readable', async () => {
    for (const query of [
      '{ problems { totalCount } }',
      '{ enterprises(first: 1) { edges { node { name } } } }',
      '{ serviceCases(first: 1) { edges { node { applicantName } } } }',
      '{ staff(first: 1) { edges { node { code } } } }',
      '{ servicePoints(first: 1) { edges { node { cases { totalCount } } } } }',
    ]) {
      const result = await request(hub.url(), screen, query);
      expect(result.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
    }
    const enterprise = await one<{ id: number }>(`SELECT id FROM "Enterprise" ORDER BY id LIMIT 1`);
    const byId = await request<{ node: unknown }>(
      hub.url(),
      screen,
      'query ($id: ID!) { node(id: $id) { ... on Enterprise { name } } }',
      { id: globalId('Enterprise', enterprise.id) },
    );
    expect(byId.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(byId.data?.node ?? null).toBeNull();
    const reference = await gql<{
      departments: { totalCount: number };
      servicePoints: { totalCount: number };
    }>(hub.url(), screen, '{ departments { totalCount } servicePoints(kind: BANK_BRANCH) { totalCount } }');
    expect(reference).toEqual({
      departments: { totalCount: await count(`SELECT count(*)::int AS n FROM "Department"`) },
      servicePoints: { totalCount: 32 },
    });
  });
});

describe('ANALYST: personal data masked; ADMIN: as stored', () => {
  const query = `{
    serviceCases(first: 5) { edges { node { id applicantName applicantIdNumber applicantPhone } } }
    staff(first: 5) { edges { node { id name phone idNumber } } }
    gridStaff(first: 5) { edges { node { id name phone } } }
    enterprises(first: 5) { edges { node { id name legalRepName legalRepPhone } } }
    workers: employmentCreditRatings(subjectKind: WORKER, first: 5) { edges { node { id subjectName idNumber } } }
    employers: employmentCreditRatings(subjectKind: EMPLOYER, first: 5) { edges { node { id subjectName creditCode } } }
  }`;
  type Row = Record<string, string | null>;
  type Result = Record<string, { edges: Array<{ node: Row }> }>;
  const kinds: Record<string, 'name' | 'idNumber' | 'phone'> = {
    applicantName: 'name',
    applicantIdNumber: 'idNumber',
    applicantPhone: 'phone',
    name: 'name',
    phone: 'phone',
    idNumber: 'idNumber',
    legalRepName: 'name',
    legalRepPhone: 'phone',
    subjectName: 'name',
  };
  const personalFields: Record<string, string[]> = {
    serviceCases: ['applicantName', 'applicantIdNumber', 'applicantPhone'],
    staff: ['name', 'phone', 'idNumber'],
    gridStaff: ['name', 'phone'],
    enterprises: ['legalRepName', 'legalRepPhone'],
    workers: ['subjectName', 'idNumber'],
    employers: [],
  };

  test('the same rows: ADMIN sees the stored values, ANALYST their masks; firm names stay as they are', async () => {
    const plain = await gql<Result>(hub.url(), admin, query);
    const masked = await gql<Result>(hub.url(), analyst, query);
    const { name, phone } = await one<{ name: string; phone: string }>(
      `SELECT name, phone FROM "Staff" ORDER BY code, id LIMIT 1`,
    );
    expect(plain.staff?.edges[0]?.node).toMatchObject({ name, phone });
    let checked = 0;
    for (const [list, fields] of Object.entries(personalFields)) {
      const plainRows = plain[list]?.edges.map((edge) => edge.node) ?? [];
      const maskedRows = masked[list]?.edges.map((edge) => edge.node) ?? [];
      expect(plainRows.length, list).toBeGreaterThan(0);
      expect(maskedRows.map((row) => row.id)).toEqual(plainRows.map((row) => row.id));
      plainRows.forEach((row, i) => {
        const maskedRow = maskedRows[i] as Row;
        for (const field of fields) {
          const value = row[field];
          if (value === null || value === undefined) {
            expect(maskedRow[field]).toBeNull();
            continue;
          }
          expect(maskedRow[field], `${list}.${field}`).toBe(maskPersonal(kinds[field] ?? 'name', value));
          expect(maskedRow[field]).not.toBe(value);
          expect(maskedRow[field]).toContain('*');
          checked += 1;
        }
        // Firms are not people: their names are never masked.
        if ('name' in row && list === 'enterprises') expect(maskedRow.name).toBe(row.name);
        if (list === 'employers') expect(maskedRow.subjectName).toBe(row.subjectName);
      });
    }
    expect(checked).toBeGreaterThan(40);
  });

  test('a masked caller cannot find staff by name; one who sees names can', async () => {
    const { name } = await one<{ name: string }>(`SELECT name FROM "Staff" ORDER BY id LIMIT 1`);
    const search = 'query ($name: String) { staff(search: $name) { totalCount } }';
    const byAdmin = await gql<{ staff: { totalCount: number } }>(hub.url(), admin, search, { name });
    const byAnalyst = await gql<{ staff: { totalCount: number } }>(hub.url(), analyst, search, { name });
    expect(byAdmin.staff.totalCount).toBeGreaterThan(0);
    expect(byAnalyst.staff.totalCount).toBe(0);
  });
});
