// The limits that keep ad-hoc queries from hurting the database (server/src/limits.ts): each
// one refuses the request just over it with its own code and lets the one at it through; the
// time limit answers a stalled query and stops its work in the database; production hides the schema from all but ADMIN/ANALYST.
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { developmentSecret, mintToken, type Principal, type Role } from '../../server/src/auth.ts';
import { type Database, openDatabase } from '../../server/src/db.ts';
import { defaultLimits, type Limits, limitCodes, operationCost } from '../../server/src/limits.ts';
import { logger } from '../../server/src/logger.ts';
import { schema } from '../../server/src/schema.ts';
import { createHubYoga, type HubYoga } from '../../server/src/yoga.ts';
import { backend, createPostgresDatabase, migratedDatabase } from '../fixtures/database.ts';

const now = new Date('2026-11-28T02:00:00.000Z');
let db: Database;
const tokens = new Map<Role, string>();

beforeAll(async () => {
  db = await migratedDatabase();
  for (const role of ['ADMIN', 'ANALYST', 'SCREEN', 'STAFF'] as const) {
    const principal: Principal = { subject: `limits-${role.toLowerCase()}`, role };
    tokens.set(role, await mintToken(developmentSecret, principal));
  }
});

function hub(limits: Partial<Limits> = {}, database: Database = db): HubYoga {
  return createHubYoga({ db: database, clock: () => now, secret: developmentSecret }, logger, { limits });
}

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
}

async function post(
  yoga: HubYoga,
  query: string,
  role: Role | null = 'ANALYST',
  variables: Record<string, unknown> = {},
): Promise<Answer> {
  const response = await yoga.fetch('http://hub/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(role ? { authorization: `Bearer ${tokens.get(role)}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const codes = (answer: Answer) => answer.body.errors?.map((error) => error.extensions?.code) ?? [];

/** `{ regions { parent { parent { … name } } } }`: `depth` levels of selections. */
function nested(depth: number): string {
  let selection = 'name';
  for (let level = 2; level < depth; level += 1) selection = `parent { ${selection} }`;
  return `{ regions { ${selection} } }`;
}

describe('shape, size and cost limits, refused before anything runs', () => {
  let yoga: HubYoga;
  beforeAll(() => {
    yoga = hub();
  });

  test(`depth: ${defaultLimits.maxDepth} levels run, one more is QUERY_TOO_DEEP (400)`, async () => {
    const atLimit = await post(yoga, nested(defaultLimits.maxDepth));
    expect(atLimit.body.errors).toBeUndefined();
    expect(atLimit.body.data).toEqual({ regions: [] });

    const over = await post(yoga, nested(defaultLimits.maxDepth + 1));
    expect(over.status).toBe(400);
    expect(codes(over)).toEqual([limitCodes.depth]);
    expect(over.body.errors?.[0]?.message).toBe(
      `Query depth limit of ${defaultLimits.maxDepth} exceeded, found ${defaultLimits.maxDepth + 1}.`,
    );
    expect(over.body.data).toBeUndefined();
  });

  test(`aliases: ${defaultLimits.maxAliases} run, one more is TOO_MANY_ALIASES`, async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: regions(level: COUNTY) { code }`).join(' ')} }`;
    const atLimit = await post(yoga, aliases(defaultLimits.maxAliases));
    expect(atLimit.body.errors).toBeUndefined();
    expect(Object.keys(atLimit.body.data ?? {})).toHaveLength(defaultLimits.maxAliases);

    const over = await post(yoga, aliases(defaultLimits.maxAliases + 1));
    expect(over.status).toBe(400);
    expect(codes(over)).toEqual([limitCodes.aliases]);
  });

  test(`directives: ${defaultLimits.maxDirectives} run, one more is TOO_MANY_DIRECTIVES`, async () => {
    const directives = (n: number) => `{ regions { ${'code @include(if: true) '.repeat(n)}} }`;
    const atLimit = await post(yoga, directives(defaultLimits.maxDirectives));
    expect(atLimit.body.errors).toBeUndefined();

    const over = await post(yoga, directives(defaultLimits.maxDirectives + 1));
    expect(over.status).toBe(400);
    expect(codes(over)).toEqual([limitCodes.directives]);
  });

  test(`tokens: a document over ${defaultLimits.maxTokens} tokens is TOO_MANY_TOKENS while it is parsed`, async () => {
    // `{ regions { code … } }`: 5 tokens around the repeated field.
    const document = (tokenCount: number) => `{ regions { ${'code '.repeat(tokenCount - 5)}} }`;
    const over = await post(yoga, document(defaultLimits.maxTokens + 1));
    expect(over.status).toBe(400);
    expect(codes(over)).toEqual([limitCodes.tokens]);
    expect(over.body.errors?.[0]?.message).toBe(`Token limit of ${defaultLimits.maxTokens} exceeded.`);

    // The boundary, on a lower limit: graphql-js itself gives up validating thousands of
    // repeated fields, so a valid document of exactly 3,000 tokens says more about graphql-js.
    const small = hub({ maxTokens: 20 });
    expect((await post(small, document(20))).body).toEqual({ data: { regions: [] } });
    expect(codes(await post(small, document(21)))).toEqual([limitCodes.tokens]);
  });

  // Cost: every field value a response may hold, each connection counted at its page size.
  const casesPage = (first: string, fields: number) =>
    `{ serviceCases(first: ${first}) { edges { node { ${'externalId '.repeat(fields)}} } } }`;

  test(`cost: a response of ${defaultLimits.maxCost} values runs, one that may hold more is QUERY_TOO_COSTLY`, async () => {
    // 200 cases × (the connection, edges, node and 497 fields) = 100,000.
    expect(200 * (3 + 497)).toBe(defaultLimits.maxCost);
    const atLimit = await post(yoga, casesPage('200', 497));
    expect(atLimit.body).toEqual({ data: { serviceCases: { edges: [] } } });

    const over = await post(yoga, casesPage('200', 498));
    expect(over.status).toBe(400);
    expect(codes(over)).toEqual([limitCodes.cost]);
    expect(over.body.errors?.[0]?.message).toMatch(
      /^Query cost limit of 100000 exceeded, found 100200: each field of each item/,
    );
    expect(over.body.data).toBeUndefined();
    // A page larger than the connection serves counts as the largest it serves.
    expect(codes(await post(yoga, casesPage('5000', 498)))).toEqual([limitCodes.cost]);
  });

  test('cost: an analyst’s nested pages run (20 problems × 5 slips); pages within pages of 200 do not', async () => {
    const analystPage = `{ problems(first: 20) { totalCount edges { node {
      code title source status reportedOn deadline ownerDepartment { code name } region { name } enterprise { name creditCode }
      slips(first: 5) { totalCount edges { node {
        code status issuedOn deadline acknowledgedAt repliedAt closedAt department { code name } } } } } } } }`;
    expect((await post(yoga, analystPage)).body).toEqual({
      data: { problems: { totalCount: 0, edges: [] } },
    });
    const fan = (first: string) =>
      `query${first === '$n' ? ' ($n: Int)' : ''} { problems(first: ${first}) { edges { node { code slips(first: ${first}) { edges { node { code
        problem { slips(first: ${first}) { edges { node { code } } } } } } } } } } }`;
    expect(codes(await post(yoga, fan('200')))).toEqual([limitCodes.cost]);
    expect((await post(yoga, fan('3'))).body.errors).toBeUndefined();
    // Page sizes in variables count as given: the check runs once they are known.
    const byVariable = await post(yoga, fan('$n'), 'ANALYST', { n: 200 });
    expect(byVariable.status).toBe(400);
    expect(codes(byVariable)).toEqual([limitCodes.cost]);
    expect((await post(yoga, fan('$n'), 'ANALYST', { n: 3 })).body.errors).toBeUndefined();
    // Unset, a connection serves its default page of 20: three levels of 20 pass.
    expect((await post(yoga, fan('$n'))).body.errors).toBeUndefined();
  });
});

describe('nodes(ids:)', () => {
  const count = defaultLimits.maxNodeIds + 1;
  let departmentIds: string[] = [];
  beforeAll(async () => {
    await db.prisma.department.createMany({
      data: Array.from({ length: count }, (_, index) => ({
        code: `NODES-${index}`,
        name: `节点部门${index}`,
        shortName: `节点${index}`,
      })),
    });
    const rows = await db.prisma.department.findMany({
      where: { code: { startsWith: 'NODES-' } },
      orderBy: { id: 'asc' },
    });
    departmentIds = rows.map((row) => Buffer.from(`Department:${row.id}`).toString('base64'));
  });
  const nodes = 'query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Department { code name } } }';

  test('a list argument counts at its real length: 417 ids cost 417 items, not 20', () => {
    const document = parse(nodes);
    const ids = (length: number) => Array.from({ length }, (_, index) => String(index));
    // Each item: the node, id, code and name.
    expect(operationCost(schema, document, null, { ids: ids(417) })).toBe(417 * 4);
    expect(operationCost(schema, document, null, { ids: ids(3) })).toBe(20 * 4);
    const literal = parse(`{ nodes(ids: [${ids(50).map((id) => `"${id}"`)}]) { id } }`);
    expect(operationCost(schema, literal, null, {})).toBe(50 * 2);
  });

  test(`${defaultLimits.maxNodeIds} ids run; one more is TOO_MANY_IDS (400) with a Chinese message`, async () => {
    const yoga = hub();
    const atLimit = await post(yoga, nodes, 'ANALYST', {
      ids: departmentIds.slice(0, defaultLimits.maxNodeIds),
    });
    expect(atLimit.body.errors).toBeUndefined();
    const found = atLimit.body.data?.nodes as Array<{ code: string }>;
    expect(found.map((node) => node.code)).toEqual(
      Array.from({ length: defaultLimits.maxNodeIds }, (_, index) => `NODES-${index}`),
    );

    const over = await post(yoga, nodes, 'ANALYST', { ids: departmentIds });
    expect(over.status).toBe(400);
    expect(over.body.data).toBeUndefined();
    expect(codes(over)).toEqual([limitCodes.nodeIds]);
    expect(over.body.errors?.[0]?.message).toBe(
      'nodes(ids:) 一次最多查询 100 个 ID，本次为 101 个，请分批查询。',
    );
  });
});

describe('time limit', () => {
  test('a query still running at the limit answers REQUEST_TIMEOUT (503) without waiting for the database', async () => {
    let release: () => void = () => {};
    const stalled = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = false;
    // A database whose region query never answers until the test lets it: no timing luck needed.
    const prisma = new Proxy(db.prisma, {
      get(target, property, receiver) {
        if (property !== 'region') return Reflect.get(target, property, receiver);
        return {
          findMany: async () => {
            started = true;
            await stalled;
            return [];
          },
        };
      },
    });
    const yoga = hub({ requestTimeoutMs: 100 }, { ...db, prisma });
    try {
      const answer = await post(yoga, '{ regions { code } }');
      expect(started).toBe(true);
      expect(answer.status).toBe(503);
      expect(codes(answer)).toEqual([limitCodes.timeout]);
      expect(answer.body.errors?.[0]?.message).toBe('The query did not finish within 100 ms.');
    } finally {
      release();
    }
  });

  test('statements a timed-out query would still start are refused', async () => {
    let release: () => void = () => {};
    const stalled = new Promise<void>((resolve) => {
      release = resolve;
    });
    let next: Promise<unknown> | undefined;
    let asked = false;
    // The resolver waits past the limit, then asks the real database for more, as a resolver
    // running several statements in a row does.
    const prisma = new Proxy(db.prisma, {
      get(target, property, receiver) {
        if (property !== 'region') return Reflect.get(target, property, receiver);
        return {
          findMany: async () => {
            await stalled;
            next = target.region.findMany({ select: { code: true } });
            asked = true;
            return next;
          },
        };
      },
    });
    const answer = await post(hub({ requestTimeoutMs: 100 }, { ...db, prisma }), '{ regions { code } }');
    expect(codes(answer)).toEqual([limitCodes.timeout]);
    release();
    await expect.poll(() => asked).toBe(true);
    await expect(next).rejects.toThrow('The query did not finish within 100 ms.');
  });

  test(`a timed-out query's statement stops in the database: PostgreSQL cancels it, PGlite cannot (${backend})`, async () => {
    if (backend === 'pglite') {
      // PGlite runs a statement to its end on this thread and ignores statement_timeout: there
      // only the statements not yet started are spared (the test above).
      await db.sql.exec(`SET statement_timeout = '50ms'`);
      try {
        expect(await db.sql.query(`SELECT pg_sleep(0.2)::text AS slept`)).toEqual([{ slept: '' }]);
      } finally {
        await db.sql.exec('RESET statement_timeout');
      }
      return;
    }
    const marker = 'limits-test-slow-statement';
    let statement: Promise<unknown> | undefined;
    // A resolver whose statement would run for 30 s on the server; this database has no
    // statement_timeout, so only the cancellation can end it early.
    const prisma = new Proxy(db.prisma, {
      get(target, property, receiver) {
        if (property !== 'region') return Reflect.get(target, property, receiver);
        return {
          findMany: async () => {
            statement = target.$queryRawUnsafe(`SELECT pg_sleep(30) /* ${marker} */`);
            await statement;
            return [];
          },
        };
      },
    });
    const running = async () =>
      (
        await db.sql.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()`,
          [`%${marker}%`],
        )
      ).length;
    const answer = post(hub({ requestTimeoutMs: 2000 }, { ...db, prisma }), '{ regions { code } }');
    await expect.poll(running, { timeout: 2000, interval: 20 }).toBe(1);
    const answered = await answer;
    expect(answered.status).toBe(503);
    expect(codes(answered)).toEqual([limitCodes.timeout]);
    await expect.poll(running, { timeout: 5000, interval: 20 }).toBe(0);
    await expect(statement).rejects.toThrow(/canceling statement due to user request/);

    // Statements outside a request (live recomputations, a stray ad-hoc one) stop at the pool's
    // statement_timeout; migrations and the seed (exclusive sessions) are exempt.
    const limited = await openDatabase({
      url: await createPostgresDatabase(),
      poolSize: 1,
      statementTimeoutMs: 200,
    });
    try {
      expect(await limited.sql.query(`SHOW statement_timeout`)).toEqual([{ statement_timeout: '200ms' }]);
      await expect(limited.prisma.$queryRawUnsafe('SELECT pg_sleep(1)')).rejects.toThrow(
        /canceling statement due to statement timeout/,
      );
      const slept = await limited.exclusive(7, (session) =>
        session.query(`SELECT pg_sleep(0.4)::text AS slept`),
      );
      expect(slept).toEqual([{ slept: '' }]);
      // The pool's one connection is back under the limit.
      expect(await limited.sql.query(`SHOW statement_timeout`)).toEqual([{ statement_timeout: '200ms' }]);
    } finally {
      await limited.close();
    }
  });

  test('a query that finishes in time is not affected', async () => {
    const answer = await post(hub({ requestTimeoutMs: 60_000 }), '{ regions(level: COUNTY) { code } }');
    expect(answer).toEqual({ status: 200, body: { data: { regions: [] } } });
  });
});

describe('introspection and field suggestions', () => {
  const introspection = '{ __schema { queryType { name } } }';
  const typo = '{ regionz { code } }';

  test('in production only ADMIN and ANALYST introspect; the others get INTROSPECTION_DISABLED', async () => {
    const yoga = hub({ production: true });
    for (const role of ['ADMIN', 'ANALYST'] as const) {
      expect(await post(yoga, introspection, role)).toEqual({
        status: 200,
        body: { data: { __schema: { queryType: { name: 'Query' } } } },
      });
    }
    for (const role of ['SCREEN', 'STAFF', null] as const) {
      const refused = await post(yoga, introspection, role);
      expect(refused.status).toBe(400);
      expect(codes(refused)).toEqual([limitCodes.introspection]);
    }
    const typeLookup = await post(yoga, '{ __type(name: "Region") { name } }', 'SCREEN');
    expect(codes(typeLookup)).toEqual([limitCodes.introspection]);
    // __typename is not introspection: clients need it.
    expect((await post(yoga, '{ __typename }', 'SCREEN')).body).toEqual({ data: { __typename: 'Query' } });
  });

  test('in production the others get no "Did you mean" hints; ADMIN and ANALYST do', async () => {
    const yoga = hub({ production: true });
    // The same document twice per kind of caller: Yoga's validation cache must keep them apart.
    for (let round = 0; round < 2; round += 1) {
      const hinted = await post(yoga, typo, 'ANALYST');
      expect(hinted.body.errors?.[0]?.message).toBe(
        'Cannot query field "regionz" on type "Query". Did you mean "region" or "regions"?',
      );
      const hidden = await post(yoga, typo, 'SCREEN');
      expect(hidden.status).toBe(400);
      expect(hidden.body.errors?.[0]?.message).toBe('Cannot query field "regionz" on type "Query".');
      expect(codes(hidden)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }
  });

  test('outside production everyone introspects and gets hints', async () => {
    const yoga = hub({ production: false });
    expect((await post(yoga, introspection, 'SCREEN')).body.errors).toBeUndefined();
    expect((await post(yoga, introspection, null)).body.errors).toBeUndefined();
    expect((await post(yoga, typo, 'SCREEN')).body.errors?.[0]?.message).toMatch(/Did you mean/);
  });
});

afterAll(() => {
  tokens.clear();
});
