// No N+1: a query three connections deep takes a fixed, small number of SQL statements, the
// same for a page of two as for a page of five, because every level is planned by Pothos's
// prisma plugin into one Prisma query per relation.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../server/src/db.ts';
import { PrismaClient } from '../../server/src/generated/prisma/client.ts';
import { createHubServer, type HubServer } from '../../server/src/server.ts';
import { seededDatabase } from '../fixtures/database.ts';
import { admin, type Caller, clock, gql, secret } from './reads-client.ts';

let db: Database;
let counting: PrismaClient;
let hub: HubServer;
let url: string;
let statements = 0;

beforeAll(async () => {
  db = await seededDatabase();
  const client = new PrismaClient({ adapter: db.adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', () => {
    statements += 1;
  });
  counting = client;
  hub = createHubServer({
    db: { ...db, prisma: counting },
    clock,
    secret,
    dashboardDir: '/nonexistent/dist',
  });
  url = `http://127.0.0.1:${await hub.listen(0, '127.0.0.1')}`;
});

afterAll(async () => {
  await hub?.stop();
  await counting?.$disconnect();
});

/** The statements one request takes, and its data. */
async function measure<T>(
  query: string,
  variables: Record<string, unknown>,
  caller: Caller = admin,
): Promise<[number, T]> {
  statements = 0;
  const data = await gql<T>(url, caller, query, variables);
  return [statements, data];
}

interface Departments {
  departments: {
    edges: Array<{
      node: {
        code: string;
        problems: {
          totalCount: number;
          edges: Array<{
            node: {
              code: string;
              slips: { totalCount: number; edges: Array<{ node: { department: { code: string } } }> };
            };
          }>;
        };
      };
    }>;
  };
}

interface Enterprises {
  enterprises: {
    edges: Array<{
      node: {
        visits: {
          edges: Array<{
            node: { visitedAt: string; gridStaff: { code: string; gridUnit: { code: string } } };
          }>;
        };
      };
    }>;
  };
}

describe('SQL statements of nested queries', () => {
  test('departments → problems → slips → department: a fixed few, whatever the page sizes', async () => {
    const query = `query ($n: Int) { departments(search: "局", first: $n) { edges { node { code
      problems(first: $n) { totalCount edges { node { code
        slips(first: $n) { totalCount edges { node { department { code } } } }
      } } }
    } } } }`;
    const [small, two] = await measure<Departments>(query, { n: 2 });
    const [large, four] = await measure<Departments>(query, { n: 4 });
    expect(two.departments.edges).toHaveLength(2);
    expect(four.departments.edges).toHaveLength(4);
    const slipsSeen = four.departments.edges.flatMap((d) =>
      d.node.problems.edges.flatMap((p) => p.node.slips.edges),
    );
    expect(slipsSeen.length).toBeGreaterThan(0);
    // departments, problems (their counts ride along), slips (likewise), the slips' departments;
    // with N+1 it would be one per department, problem and slip: 1 + 4 + 16 + 64 for pages of 4.
    expect(small).toBeLessThanOrEqual(4);
    expect(large).toBe(small);
  });

  test('enterprises → visits → grid staff → grid unit: the same statements for 2 or 4 of each', async () => {
    const query = `query ($n: Int) { enterprises(first: $n) { edges { node { name
      visits(first: $n) { edges { node { visitedAt gridStaff { code gridUnit { code } } } } }
    } } } }`;
    const [small, two] = await measure<Enterprises>(query, { n: 2 });
    const [large, four] = await measure<Enterprises>(query, { n: 4 });
    expect(two.enterprises.edges).toHaveLength(2);
    const visits = four.enterprises.edges.flatMap((edge) => edge.node.visits.edges);
    expect(visits.length).toBeGreaterThan(4);
    expect(visits.every((visit) => visit.node.gridStaff.gridUnit.code.startsWith('WG'))).toBe(true);
    // enterprises, visits, grid staff, grid units.
    expect(small).toBeLessThanOrEqual(4);
    expect(large).toBe(small);
  });

  test('a scoped caller: each to-one hop to a scoped model adds one statement per level, not per row', async () => {
    const township: Caller = { role: 'TOWNSHIP', regionCode: '990121003000' };
    const query = `query ($n: Int) { problems(first: $n) { edges { node { code
      enterprise { name creditSubject { creditCode } }
      project { name }
    } } } }`;
    type Problems = {
      problems: { edges: Array<{ node: { enterprise: { creditSubject: unknown } | null } }> };
    };
    const [statements, data] = await measure<Problems>(query, { n: 40 }, township);
    const problems = data.problems.edges.map((edge) => edge.node);
    const [expected] = await db.sql.query<{ problems: number; inside: number; elsewhere: number }>(
      `SELECT count(*)::int AS problems,
              count(*) FILTER (WHERE er.path LIKE t.path || '%')::int AS inside,
              count(*) FILTER (WHERE er.path NOT LIKE t.path || '%')::int AS elsewhere
         FROM "Problem" p JOIN "Region" r ON r.id = p."regionId"
         LEFT JOIN "Enterprise" e ON e.id = p."enterpriseId" LEFT JOIN "Region" er ON er.id = e."regionId"
         CROSS JOIN (SELECT path FROM "Region" WHERE code = '990121003000') t
        WHERE r.path LIKE t.path || '%'`,
    );
    expect(problems).toHaveLength(expected?.problems ?? -1);
    expect(expected?.elsewhere).toBeGreaterThan(0);
    expect(problems.filter((problem) => problem.enterprise !== null)).toHaveLength(expected?.inside ?? -1);
    // The township's path; problems, their enterprises, projects and the enterprises' credit
    // subjects (one query each); one scope check per target model (enterprise, project, credit
    // subject). One check per row would be dozens.
    expect(statements).toBeLessThanOrEqual(8);
  });
});
