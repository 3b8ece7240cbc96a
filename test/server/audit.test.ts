// The audit log: a write and its audit row share one transaction, and ADMIN alone reads the log
// through `auditLogs`, newest first, filtered by record, actor and time.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { audit, auditMany } from '../../server/src/audit.ts';
import { developmentSecret, mintToken, type Principal, type Role } from '../../server/src/auth.ts';
import type { Database } from '../../server/src/db.ts';
import { logger } from '../../server/src/logger.ts';
import { createHubYoga, type HubYoga } from '../../server/src/yoga.ts';
import { migratedDatabase } from '../fixtures/database.ts';

let db: Database;
let yoga: HubYoga;
const tokens = new Map<Role, string>();
const admin: Principal = { subject: 'admin-zhang', role: 'ADMIN' };
const staff: Principal = { subject: 'staff-li', role: 'STAFF' };

beforeAll(async () => {
  db = await migratedDatabase();
  yoga = createHubYoga({ db, clock: () => new Date(), secret: developmentSecret }, logger);
  for (const principal of [admin, staff, { subject: 'analyst', role: 'ANALYST' } as Principal]) {
    tokens.set(principal.role, await mintToken(developmentSecret, principal));
  }
});

afterAll(() => tokens.clear());

interface AuditRow {
  id: string;
  at: string;
  actor: string;
  role: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

interface Answer {
  data?: {
    auditLogs?: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: Array<{ node: AuditRow }>;
    };
    node?: unknown;
  } | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

async function post(query: string, variables: Record<string, unknown> = {}, role: Role | null = 'ADMIN') {
  const response = await yoga.fetch('http://hub/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(role ? { authorization: `Bearer ${tokens.get(role)}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

const logQuery = `query ($entity: String, $entityId: String, $actor: String, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
  auditLogs(entity: $entity, entityId: $entityId, actor: $actor, from: $from, to: $to, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id at actor role action entity entityId before after requestId } }
  }
}`;

/** A department written through Prisma the way the write resolvers do: the row and its audit in one transaction. */
async function createDepartment(principal: Principal, code: string, requestId: string) {
  return db.prisma.$transaction(async (tx) => {
    const department = await tx.department.create({ data: { code, name: `${code} 局`, shortName: code } });
    await audit(
      tx,
      { principal, requestId },
      { action: 'CREATE', entity: 'Department', entityId: department.id, after: department },
    );
    return department;
  });
}

describe('audit rows are written with the write', () => {
  test('a committed write shows up for ADMIN with actor, role, before and after', async () => {
    const department = await createDepartment(staff, 'AUD-1', 'req-audit-1');
    await db.prisma.$transaction(async (tx) => {
      const before = await tx.department.findUniqueOrThrow({ where: { id: department.id } });
      const after = await tx.department.update({
        where: { id: department.id },
        data: { shortName: '审计一' },
      });
      await audit(
        tx,
        { principal: admin, requestId: 'req-audit-2' },
        { action: 'UPDATE', entity: 'Department', entityId: after.id, before, after },
      );
    });

    const result = await post(logQuery, { entity: 'Department', entityId: String(department.id) });
    expect(result.errors).toBeUndefined();
    const log = result.data?.auditLogs;
    expect(log?.totalCount).toBe(2);
    expect(log?.edges.map(({ node }) => [node.action, node.actor, node.role, node.requestId])).toEqual([
      ['UPDATE', 'admin-zhang', 'ADMIN', 'req-audit-2'],
      ['CREATE', 'staff-li', 'STAFF', 'req-audit-1'],
    ]);
    const [update, create] = log?.edges.map((edge) => edge.node) ?? [];
    expect(create?.before).toBeNull();
    expect(create?.after).toMatchObject({ id: department.id, code: 'AUD-1', shortName: 'AUD-1' });
    expect(update?.before).toMatchObject({ shortName: 'AUD-1' });
    expect(update?.after).toMatchObject({ shortName: '审计一' });
    expect(Date.parse(update?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(create?.at ?? ''));
  });

  test('a write that rolls back leaves no audit row', async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        const department = await tx.department.create({
          data: { code: 'AUD-RB', name: '回滚局', shortName: '回滚' },
        });
        await audit(
          tx,
          { principal: staff, requestId: 'req-rollback' },
          { action: 'CREATE', entity: 'Department', entityId: department.id, after: department },
        );
        await tx.department.create({ data: { code: 'AUD-RB', name: '重复', shortName: '重复' } });
      }),
    ).rejects.toThrow();
    expect(await db.prisma.auditLog.count({ where: { requestId: 'req-rollback' } })).toBe(0);
    expect(await db.prisma.department.count({ where: { code: 'AUD-RB' } })).toBe(0);
  });

  test('auditMany writes one row per record; BigInt values become strings', async () => {
    await db.prisma.$transaction((tx) =>
      auditMany(
        tx,
        {
          principal: { subject: 'api-key:abcd1234:政企通', role: 'INTEGRATION', sourceSystem: 'zqt' },
          requestId: 'req-bulk',
        },
        [
          {
            action: 'BULK_UPSERT',
            entity: 'Disbursement',
            entityId: 'zqt-1',
            after: { amountFen: 41_600_000_000n },
          },
          { action: 'BULK_UPSERT', entity: 'Disbursement', entityId: 'zqt-2', after: { amountFen: 1n } },
        ],
      ),
    );
    const result = await post(logQuery, { entity: 'Disbursement' });
    expect(result.data?.auditLogs?.edges.map(({ node }) => [node.entityId, node.after, node.role])).toEqual([
      ['zqt-2', { amountFen: '1' }, 'INTEGRATION'],
      ['zqt-1', { amountFen: '41600000000' }, 'INTEGRATION'],
    ]);
  });
});

describe('auditLogs', () => {
  test('filters by actor and time, pages newest first', async () => {
    for (const code of ['AUD-P1', 'AUD-P2', 'AUD-P3']) await createDepartment(staff, code, `req-${code}`);
    const all = await post(logQuery, { actor: 'staff-li', entity: 'Department' });
    const codes = all.data?.auditLogs?.edges.map(({ node }) => (node.after as { code: string }).code);
    expect(codes).toEqual(['AUD-P3', 'AUD-P2', 'AUD-P1', 'AUD-1']);

    const first = await post(logQuery, { actor: 'staff-li', entity: 'Department', first: 2 });
    expect(first.data?.auditLogs?.pageInfo.hasNextPage).toBe(true);
    const second = await post(logQuery, {
      actor: 'staff-li',
      entity: 'Department',
      first: 2,
      after: first.data?.auditLogs?.pageInfo.endCursor,
    });
    expect(second.data?.auditLogs?.edges.map(({ node }) => (node.after as { code: string }).code)).toEqual([
      'AUD-P1',
      'AUD-1',
    ]);
    expect(second.data?.auditLogs?.totalCount).toBe(4);

    const newest = all.data?.auditLogs?.edges[0]?.node.at ?? '';
    const since = await post(logQuery, { actor: 'staff-li', from: newest });
    expect(since.data?.auditLogs?.edges.map(({ node }) => node.requestId)).toContain('req-AUD-P3');
    expect(since.data?.auditLogs?.edges.every(({ node }) => node.at >= newest)).toBe(true);
    const before = await post(logQuery, { actor: 'staff-li', to: newest });
    expect(before.data?.auditLogs?.edges.map(({ node }) => node.requestId)).not.toContain('req-AUD-P3');
    expect(before.data?.auditLogs?.totalCount).toBe(
      (all.data?.auditLogs?.totalCount ?? 0) - (since.data?.auditLogs?.totalCount ?? 0),
    );

    const reversed = await post(logQuery, { from: newest, to: '2000-01-01T00:00:00.000Z' });
    expect(reversed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('only ADMIN: STAFF and ANALYST get FORBIDDEN, anonymous UNAUTHENTICATED, node(id) included', async () => {
    for (const role of ['STAFF', 'ANALYST'] as const) {
      const refused = await post(logQuery, {}, role);
      expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(refused.data).toBeNull();
    }
    expect((await post(logQuery, {}, null)).errors?.map((error) => error.extensions?.code)).toEqual([
      'UNAUTHENTICATED',
    ]);

    const id = (await post(logQuery, { first: 1 })).data?.auditLogs?.edges[0]?.node.id;
    const byId = `{ node(id: "${id}") { ... on AuditLog { actor } } }`;
    expect((await post(byId)).data?.node).toMatchObject({ actor: expect.any(String) });
    expect((await post(byId, {}, 'ANALYST')).errors?.map((error) => error.extensions?.code)).toEqual([
      'FORBIDDEN',
    ]);
  });
});
