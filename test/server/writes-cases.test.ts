// Writing service cases: upserts keyed by (sourceSystem, externalId), idempotent replays,
// all-or-nothing batches with a row-level report, who may write which case, the case's state
// machine and optimistic concurrency.
import { describe, expect, test } from 'vitest';
import {
  admin,
  analyst,
  type Caller,
  type GraphQLResponse,
  now,
  platform,
  staff,
  tally,
  writesHub,
} from './writes-fixture.ts';

const hub = writesHub();

interface CaseInput {
  externalId: string;
  itemCode: string;
  regionCode: string;
  channel: string;
  oneNetwork: boolean;
  applicantKind: string;
  status: string;
  submittedAt: string;
  [field: string]: unknown;
}

/** A completed case submitted on 2024-03-01 plus `minute` minutes (UTC). */
function completed(externalId: string, minute: number, extra: Partial<CaseInput> = {}): CaseInput {
  const at = (seconds: number) => new Date(Date.UTC(2024, 2, 1, 0, minute, seconds)).toISOString();
  return {
    externalId,
    itemCode: 'I-MSR-01',
    regionCode: minute % 2 === 0 ? '339901100201' : '339901101000',
    channel: minute % 3 === 0 ? 'WINDOW' : 'WEB',
    oneNetwork: minute % 3 !== 0,
    applicantKind: 'PERSON',
    applicantName: '张三',
    applicantIdNumber: '330000199001010011',
    applicantPhone: '13800000000',
    status: 'COMPLETED',
    submittedAt: at(0),
    acceptedAt: at(10),
    approvedAt: at(20),
    completedAt: at(30),
    ...extra,
  };
}

const upsertOne = `mutation ($input: ServiceCaseInput!, $source: String, $expected: Int) {
  upsertServiceCase(input: $input, sourceSystem: $source, expectedVersion: $expected) {
    outcome version serviceCase { id externalId status version region { name } township { name } }
  }
}`;

const upsertMany = `mutation ($input: [ServiceCaseInput!]!, $source: String) {
  upsertServiceCases(input: $input, sourceSystem: $source) { total created updated unchanged }
}`;

interface Upserted {
  upsertServiceCase: {
    outcome: string;
    version: number;
    serviceCase: {
      id: string;
      externalId: string;
      status: string;
      version: number;
      region: { name: string };
      township: { name: string } | null;
    };
  };
}

function codeOf(result: GraphQLResponse<unknown>) {
  return result.errors?.[0]?.extensions?.code;
}

describe('upsert one case (办件写入)', () => {
  test('created, replayed without a change, then moved forward with a new version and an audit row', async () => {
    const input = completed('U-001', 2, {
      status: 'ACCEPTED',
      approvedAt: null,
      completedAt: null,
    });
    const created = await hub.gql<Upserted>(platform, upsertOne, { input });
    expect(created.upsertServiceCase).toMatchObject({
      outcome: 'CREATED',
      version: 1,
      serviceCase: {
        externalId: 'U-001',
        status: 'ACCEPTED',
        version: 1,
        region: { name: '东村' },
        township: { name: '东城镇' },
      },
    });
    const before = await tally(hub.prisma());
    const replayed = await hub.gql<Upserted>(platform, upsertOne, { input });
    expect(replayed.upsertServiceCase).toMatchObject({ outcome: 'UNCHANGED', version: 1 });
    expect(await tally(hub.prisma())).toEqual(before);

    const moved = await hub.gql<Upserted>(platform, upsertOne, { input: completed('U-001', 2) });
    expect(moved.upsertServiceCase).toMatchObject({ outcome: 'UPDATED', version: 2 });
    expect(moved.upsertServiceCase.serviceCase.status).toBe('COMPLETED');

    const row = await hub.prisma().serviceCase.findUniqueOrThrow({
      where: { sourceSystem_externalId: { sourceSystem: 'one-network', externalId: 'U-001' } },
    });
    expect(row.completedAt?.toISOString()).toBe('2024-03-01T00:02:30.000Z');
    const audits = await hub.prisma().auditLog.findMany({
      where: { entity: 'ServiceCase', entityId: String(row.id) },
      orderBy: { id: 'asc' },
    });
    expect(audits.map((a) => [a.action, a.actor, a.role])).toEqual([
      ['CREATE', 'writes-test-integration', 'INTEGRATION'],
      ['UPDATE', 'writes-test-integration', 'INTEGRATION'],
    ]);
    expect(audits[1]?.before).toMatchObject({ status: 'ACCEPTED', version: 1, completedAt: null });
    expect(audits[1]?.after).toMatchObject({ status: 'COMPLETED', version: 2, externalId: 'U-001' });
  });

  test('a case at county level has no township; the township is derived from the region', async () => {
    const county = await hub.gql<Upserted>(platform, upsertOne, {
      input: completed('U-002', 4, { regionCode: '339901000000' }),
    });
    expect(county.upsertServiceCase.serviceCase.township).toBeNull();
    const township = await hub.gql<Upserted>(platform, upsertOne, {
      input: completed('U-003', 5, { regionCode: '339901101000' }),
    });
    expect(township.upsertServiceCase.serviceCase.township).toEqual({ name: '西岭乡' });
  });

  test('invalid input is refused with the field path and a Chinese message, and writes nothing', async () => {
    const before = await tally(hub.prisma());
    const result = await hub.request(platform, upsertOne, {
      input: completed('U-004', 6, { completedAt: null, applicantPhone: '123' }),
    });
    expect(result.data).toBeNull();
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.issues).toEqual([
      {
        path: ['input', 'applicantPhone'],
        code: 'BAD_USER_INPUT',
        message: '申请人电话应为 11 位手机号或带区号的固定电话',
      },
      {
        path: ['input', 'completedAt'],
        code: 'BAD_USER_INPUT',
        message: '状态为 COMPLETED 的办件须有办结时间',
      },
    ]);
    expect(result.errors?.[0]?.message).toMatch(/^2 处有误：/);

    const unknown = await hub.request(platform, upsertOne, {
      input: completed('U-004', 6, { itemCode: 'I-NONE' }),
    });
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.extensions?.issues).toEqual([
      { path: ['input', 'itemCode'], code: 'NOT_FOUND', message: '事项编码 I-NONE 不存在' },
    ]);
    const channel = await hub.request(platform, upsertOne, {
      input: completed('U-004', 6, { itemCode: 'I-TAX-01', channel: 'MOBILE' }),
    });
    expect(channel.errors?.[0]?.extensions?.issues?.[0]).toMatchObject({
      path: ['input', 'channel'],
      code: 'BAD_USER_INPUT',
    });
    expect(await tally(hub.prisma())).toEqual(before);
  });

  test('a stale expectedVersion is VERSION_CONFLICT with the current version', async () => {
    await hub.gql(platform, upsertOne, {
      input: completed('U-005', 8, {
        status: 'SUBMITTED',
        acceptedAt: null,
        approvedAt: null,
        completedAt: null,
      }),
    });
    await hub.gql(platform, upsertOne, {
      input: completed('U-005', 8, { status: 'ACCEPTED', approvedAt: null, completedAt: null }),
    });
    const before = await tally(hub.prisma());
    const stale = await hub.request(platform, upsertOne, { input: completed('U-005', 8), expected: 1 });
    expect(codeOf(stale)).toBe('VERSION_CONFLICT');
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      currentVersion: 2,
      issues: [{ path: ['expectedVersion'], code: 'VERSION_CONFLICT' }],
    });
    const missing = await hub.request(platform, upsertOne, { input: completed('U-999', 8), expected: 1 });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: null });
    expect(await tally(hub.prisma())).toEqual(before);
    const current = await hub.gql<Upserted>(platform, upsertOne, {
      input: completed('U-005', 8),
      expected: 2,
    });
    expect(current.upsertServiceCase).toMatchObject({ outcome: 'UPDATED', version: 3 });
  });

  test('a pushed status may move forward several steps, never back', async () => {
    await hub.gql(platform, upsertOne, { input: completed('U-006', 10) });
    const back = await hub.request(platform, upsertOne, {
      input: completed('U-006', 10, { status: 'ACCEPTED', approvedAt: null, completedAt: null }),
    });
    expect(codeOf(back)).toBe('INVALID_TRANSITION');
    expect(back.errors?.[0]?.extensions?.issues?.[0]?.path).toEqual(['input', 'status']);
    expect(back.errors?.[0]?.message).toMatch(/办件不能从「已办结」（COMPLETED）变为「已受理」（ACCEPTED）/);
  });
});

describe('who may write a case', () => {
  test('roles without the write scope are refused before anything runs', async () => {
    const before = await tally(hub.prisma());
    const result = await hub.request(analyst, upsertOne, { input: completed('A-001', 1) });
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(await tally(hub.prisma())).toEqual(before);
  });

  test('an integration writes its own source system only, whatever it asks for', async () => {
    const before = await tally(hub.prisma());
    const result = await hub.request(platform, upsertOne, {
      input: completed('A-002', 1),
      source: 'other-system',
    });
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.extensions?.issues?.[0]?.path).toEqual(['sourceSystem']);
    expect(await tally(hub.prisma())).toEqual(before);

    const other: Caller = { role: 'INTEGRATION', sourceSystem: 'other-system', subject: 'other' };
    const ownKey = await hub.gql<Upserted>(other, upsertOne, { input: completed('U-001', 1) });
    // The same externalId in another system is another case: the platform's U-001 is untouched.
    expect(ownKey.upsertServiceCase.outcome).toBe('CREATED');
    const platformCase = await hub.prisma().serviceCase.findUniqueOrThrow({
      where: { sourceSystem_externalId: { sourceSystem: 'one-network', externalId: 'U-001' } },
    });
    expect(platformCase.version).toBe(2);
    // Staff may correct a platform case by naming its system; the platform stays its owner.
    const corrected = await hub.gql<Upserted>(staff, upsertOne, {
      input: completed('U-001', 2, { rating: 'SATISFIED', ratedAt: '2024-03-02T00:00:00.000Z' }),
      source: 'one-network',
    });
    expect(corrected.upsertServiceCase).toMatchObject({ outcome: 'UPDATED', version: 3 });
  });

  test('a department writes the cases of its items, a township those of its subtree', async () => {
    const taxDepartment: Caller = { role: 'DEPARTMENT', departmentCode: 'D-TAX' };
    const eastTown: Caller = { role: 'TOWNSHIP', regionCode: '339901100000' };
    const before = await tally(hub.prisma());
    const notItsItem = await hub.request(taxDepartment, upsertOne, { input: completed('S-001', 1) });
    expect(codeOf(notItsItem)).toBe('FORBIDDEN');
    expect(notItsItem.errors?.[0]?.message).toBe('办件不属于本部门，无权写入');
    const west = await hub.request(eastTown, upsertOne, {
      input: completed('S-002', 1, { regionCode: '339901101000' }),
    });
    expect(codeOf(west)).toBe('FORBIDDEN');
    expect(west.errors?.[0]?.message).toBe('办件不在本辖区内，无权写入');
    expect(await tally(hub.prisma())).toEqual(before);

    const own = await hub.gql<Upserted>(taxDepartment, upsertOne, {
      input: completed('S-003', 1, { itemCode: 'I-TAX-01', channel: 'WEB' }),
    });
    expect(own.upsertServiceCase.outcome).toBe('CREATED');
    const village = await hub.gql<Upserted>(eastTown, upsertOne, {
      input: completed('S-004', 2, { regionCode: '339901100201' }),
    });
    expect(village.upsertServiceCase.outcome).toBe('CREATED');
    // Neither out of a township's reach, nor into it from outside.
    const moveOut = await hub.request(eastTown, upsertOne, {
      input: completed('S-004', 2, { regionCode: '339901101000' }),
    });
    expect(codeOf(moveOut)).toBe('FORBIDDEN');
    const westTown: Caller = { role: 'TOWNSHIP', regionCode: '339901101000' };
    const takeOver = await hub.request(westTown, upsertOne, {
      input: completed('S-004', 2, { regionCode: '339901101000' }),
    });
    expect(codeOf(takeOver)).toBe('FORBIDDEN');
    expect(takeOver.errors?.[0]?.message).toBe('已有的办件不在本辖区内，无权写入');
  });
});

describe('bulk upsert (办件批量写入)', () => {
  const source = 'bulk-test';
  const feed: Caller = { role: 'INTEGRATION', sourceSystem: source, subject: 'bulk-feed' };
  const batch = Array.from({ length: 1000 }, (_, i) =>
    completed(
      `B-${String(i).padStart(4, '0')}`,
      i,
      i % 10 === 0 ? { channel: 'BANK_BRANCH', servicePointCode: 'P-BANK-01' } : {},
    ),
  );

  async function totals() {
    const [row] = await hub.db().sql.query<{
      cases: number;
      versions: number;
      oneNetwork: number;
      seconds: number;
      township: number;
    }>(
      `SELECT count(*)::int AS cases, sum(version)::int AS versions,
              count(*) FILTER (WHERE "oneNetwork")::int AS "oneNetwork",
              sum(extract(epoch FROM "completedAt" - "submittedAt"))::float8 AS seconds,
              count(*) FILTER (WHERE "townshipId" IS NOT NULL)::int AS township
         FROM "ServiceCase" WHERE "sourceSystem" = $1`,
      [source],
    );
    const audits = await hub.prisma().auditLog.count({ where: { actor: 'bulk-feed' } });
    const { oneNetworkRate } = await hub.gql<{
      oneNetworkRate: { totalCases: number; oneNetworkCases: number };
    }>(admin, '{ oneNetworkRate(year: 2024) { totalCases oneNetworkCases } }');
    return { ...row, audits, rate: oneNetworkRate };
  }

  test('a batch replayed ten times leaves the same rows, versions, totals and audit', async () => {
    const before = await totals();
    const first = await hub.gql<{ upsertServiceCases: unknown }>(feed, upsertMany, { input: batch });
    expect(first.upsertServiceCases).toEqual({ total: 1000, created: 1000, updated: 0, unchanged: 0 });
    const after = await totals();
    expect(after).toMatchObject({
      cases: 1000,
      versions: 1000,
      oneNetwork: 666,
      seconds: 30_000,
      township: 1000,
      audits: 1000,
    });
    expect(after.rate.totalCases - before.rate.totalCases).toBe(1000);
    expect(after.rate.oneNetworkCases - before.rate.oneNetworkCases).toBe(666);
    for (let replay = 0; replay < 10; replay += 1) {
      const again = await hub.gql<{ upsertServiceCases: unknown }>(feed, upsertMany, { input: batch });
      expect(again.upsertServiceCases).toEqual({ total: 1000, created: 0, updated: 0, unchanged: 1000 });
      expect(await totals()).toEqual(after);
    }
    const changed = batch.map((row, i) => (i < 5 ? { ...row, oneNetwork: !row.oneNetwork } : row));
    const update = await hub.gql<{ upsertServiceCases: unknown }>(feed, upsertMany, { input: changed });
    expect(update.upsertServiceCases).toEqual({ total: 1000, created: 0, updated: 5, unchanged: 995 });
    expect(await totals()).toMatchObject({ cases: 1000, versions: 1005, audits: 1005 });
  });

  test('one invalid row refuses the batch: every row’s issues are reported and nothing is written', async () => {
    const before = await tally(hub.prisma());
    const rows: CaseInput[] = batch.map((row, i) => ({ ...row, externalId: `R-${i}` }));
    rows[3] = { ...rows[3]!, itemCode: 'I-NONE' };
    rows[7] = { ...rows[7]!, regionCode: '3399' };
    rows[8] = { ...rows[8]!, completedAt: null };
    rows[9] = { ...rows[9]!, externalId: 'R-2' };
    rows[11] = { ...rows[11]!, servicePointCode: 'P-NONE' };
    const result = await hub.request(feed, upsertMany, { input: rows });
    expect(result.data).toBeNull();
    expect(codeOf(result)).toBe('BULK_REJECTED');
    expect(result.errors?.[0]?.message).toBe('批量写入被拒绝：1000 条中有 5 条有误，未写入任何记录');
    expect(result.errors?.[0]?.extensions?.issues).toEqual([
      {
        index: 7,
        path: ['input', 7, 'regionCode'],
        code: 'BAD_USER_INPUT',
        message: '所属区划代码应为 12 位数字',
      },
      {
        index: 8,
        path: ['input', 8, 'completedAt'],
        code: 'BAD_USER_INPUT',
        message: '状态为 COMPLETED 的办件须有办结时间',
      },
      {
        index: 9,
        path: ['input', 9],
        code: 'DUPLICATE_KEY',
        message: '与第 3 条的键（R-2）重复；同一批次中每条记录只能出现一次',
      },
      { index: 3, path: ['input', 3, 'itemCode'], code: 'NOT_FOUND', message: '事项编码 I-NONE 不存在' },
      {
        index: 11,
        path: ['input', 11, 'servicePointCode'],
        code: 'NOT_FOUND',
        message: '服务网点 P-NONE 不存在',
      },
    ]);
    expect(await tally(hub.prisma())).toEqual(before);
  });

  test('a batch may not move a stored case back; 5,000 rows at most', async () => {
    const back = batch.slice(0, 3).map((row) => ({ ...row, status: 'APPROVED', completedAt: null }));
    const result = await hub.request(feed, upsertMany, { input: back });
    expect(codeOf(result)).toBe('BULK_REJECTED');
    expect(
      result.errors?.[0]?.extensions?.issues?.map((issue) => [issue.index, issue.code, issue.path]),
    ).toEqual([
      [0, 'INVALID_TRANSITION', ['input', 0, 'status']],
      [1, 'INVALID_TRANSITION', ['input', 1, 'status']],
      [2, 'INVALID_TRANSITION', ['input', 2, 'status']],
    ]);
    const tooMany = await hub.request(feed, upsertMany, {
      input: Array.from({ length: 5001 }, (_, i) => completed(`T-${i}`, i)),
    });
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toBe('一次最多写入 5000 条，本次 5001 条；请分批提交');
  });

  test('5,000 cases in one call', async () => {
    const big = Array.from({ length: 5000 }, (_, i) =>
      completed(`M-${i}`, i, { regionCode: '339901000000' }),
    );
    const result = await hub.gql<{ upsertServiceCases: unknown }>(feed, upsertMany, { input: big });
    expect(result.upsertServiceCases).toEqual({ total: 5000, created: 5000, updated: 0, unchanged: 0 });
    const stored = await hub.prisma().serviceCase.count({
      where: { sourceSystem: source, externalId: { startsWith: 'M-' }, townshipId: null },
    });
    expect(stored).toBe(5000);
  });
});

describe('status steps and concurrent edits (办件状态)', () => {
  const step = `mutation ($id: ID!, $to: CaseStatus!, $expected: Int!, $at: DateTime) {
    transitionServiceCase(id: $id, to: $to, expectedVersion: $expected, at: $at) {
      from to version serviceCase { status acceptedAt version }
    }
  }`;

  async function submitted(externalId: string) {
    const { upsertServiceCase } = await hub.gql<Upserted>(platform, upsertOne, {
      input: completed(externalId, 1, {
        status: 'SUBMITTED',
        acceptedAt: null,
        approvedAt: null,
        completedAt: null,
      }),
    });
    return upsertServiceCase.serviceCase.id;
  }

  test('one step at a time, stamped; skipping and going back are refused', async () => {
    const id = await submitted('T-001');
    const accepted = await hub.gql<{ transitionServiceCase: unknown }>(platform, step, {
      id,
      to: 'ACCEPTED',
      expected: 1,
    });
    expect(accepted.transitionServiceCase).toEqual({
      from: 'SUBMITTED',
      to: 'ACCEPTED',
      version: 2,
      serviceCase: { status: 'ACCEPTED', acceptedAt: now.toISOString(), version: 2 },
    });
    const before = await tally(hub.prisma());
    const skip = await hub.request(platform, step, { id, to: 'COMPLETED', expected: 2 });
    expect(codeOf(skip)).toBe('INVALID_TRANSITION');
    expect(skip.errors?.[0]?.extensions).toMatchObject({ currentStatus: 'ACCEPTED' });
    const back = await hub.request(platform, step, { id, to: 'SUBMITTED', expected: 2 });
    expect(codeOf(back)).toBe('INVALID_TRANSITION');
    const early = await hub.request(platform, step, {
      id,
      to: 'APPROVED',
      expected: 2,
      at: '2024-01-01T00:00:00.000Z',
    });
    expect(codeOf(early)).toBe('BAD_USER_INPUT');
    expect(early.errors?.[0]?.extensions?.issues?.[0]?.path).toEqual(['at']);
    const wrongType = await hub.request(platform, step, {
      id: Buffer.from('Region:1').toString('base64'),
      to: 'APPROVED',
      expected: 2,
    });
    expect(codeOf(wrongType)).toBe('NOT_FOUND');
    expect(await tally(hub.prisma())).toEqual(before);
  });

  test('of two concurrent steps from the same version exactly one wins', async () => {
    const id = await submitted('T-002');
    const results = await Promise.all([
      hub.request(platform, step, { id, to: 'ACCEPTED', expected: 1 }),
      hub.request(platform, step, { id, to: 'WITHDRAWN', expected: 1 }),
    ]);
    const codes = results.map((result) => codeOf(result) ?? 'OK').sort();
    expect(codes).toEqual(['OK', 'VERSION_CONFLICT']);
    const row = await hub.prisma().serviceCase.findUniqueOrThrow({
      where: { sourceSystem_externalId: { sourceSystem: 'one-network', externalId: 'T-002' } },
    });
    expect(row.version).toBe(2);
    expect(
      await hub.prisma().auditLog.count({ where: { entityId: String(row.id), action: 'TRANSITION' } }),
    ).toBe(1);
  });

  test('of two concurrent upserts from the same version exactly one wins', async () => {
    await submitted('T-003');
    const results = await Promise.all(
      ['ACCEPTED', 'WITHDRAWN'].map((status) =>
        hub.request(platform, upsertOne, {
          input: completed('T-003', 1, {
            status,
            acceptedAt: status === 'ACCEPTED' ? '2024-03-01T00:01:10.000Z' : null,
            withdrawnAt: status === 'WITHDRAWN' ? '2024-03-01T00:01:10.000Z' : null,
            approvedAt: null,
            completedAt: null,
          }),
          expected: 1,
        }),
      ),
    );
    expect(results.map((result) => codeOf(result) ?? 'OK').sort()).toEqual(['OK', 'VERSION_CONFLICT']);
    const row = await hub.prisma().serviceCase.findUniqueOrThrow({
      where: { sourceSystem_externalId: { sourceSystem: 'one-network', externalId: 'T-003' } },
    });
    expect(row.version).toBe(2);
  });
});
