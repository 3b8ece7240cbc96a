// Writing the other feeds: policy-fund disbursements (政企通), the credit system's blacklist,
// removals and repairs, double publicity, indicator values, work points, enterprises and
// contact visits.
import { describe, expect, test } from 'vitest';
import { admin, type Caller, type GraphQLResponse, now, staff, tally, writesHub } from './writes-fixture.ts';

const hub = writesHub();

const codeOf = (result: GraphQLResponse<unknown>) => result.errors?.[0]?.extensions?.code;
const zhengqitong: Caller = { role: 'INTEGRATION', sourceSystem: 'zhengqitong', subject: 'zhengqitong' };
const creditPlatform: Caller = { role: 'INTEGRATION', sourceSystem: 'credit-platform', subject: 'credit' };

describe('disbursements (政企通兑付)', () => {
  const bulk = `mutation ($input: [DisbursementInput!]!) {
    upsertDisbursements(input: $input) { total created updated unchanged }
  }`;
  const payments = Array.from({ length: 300 }, (_, i) => ({
    externalId: `ZQT-${i}`,
    policyCode: 'POL-2024-01',
    enterpriseCreditCode: i % 2 === 0 ? '91339901MA00000011' : '91339901MA00000022',
    amountFen: String(100_000 + i * 1_000),
    paidOn: '2024-06-28',
    mechanism: i % 3 === 0 ? 'PRE_ALLOCATION' : 'STANDARD',
    paidOnline: true,
  }));

  async function totals() {
    const sums = await hub.prisma().disbursement.aggregate({
      where: { sourceSystem: 'zhengqitong' },
      _count: true,
      _sum: { amountFen: true, version: true },
    });
    return {
      count: sums._count,
      fen: sums._sum.amountFen,
      versions: sums._sum.version,
      audit: await hub.prisma().auditLog.count(),
    };
  }

  test('a batch replayed ten times leaves the same count, sum of amounts and versions', async () => {
    const first = await hub.gql<{ upsertDisbursements: unknown }>(zhengqitong, bulk, { input: payments });
    expect(first.upsertDisbursements).toEqual({ total: 300, created: 300, updated: 0, unchanged: 0 });
    const after = await totals();
    // 300 × 1,000 yuan + 1,000 fen × (0 + … + 299)
    expect(after).toMatchObject({ count: 300, fen: 74_850_000n, versions: 300 });
    for (let replay = 0; replay < 10; replay += 1) {
      const again = await hub.gql<{ upsertDisbursements: unknown }>(zhengqitong, bulk, { input: payments });
      expect(again.upsertDisbursements).toEqual({ total: 300, created: 0, updated: 0, unchanged: 300 });
      expect(await totals()).toEqual(after);
    }
    const corrected = payments.map((p, i) => (i === 0 ? { ...p, amountFen: '100100' } : p));
    await hub.gql(zhengqitong, bulk, { input: corrected });
    expect(await totals()).toMatchObject({
      count: 300,
      fen: 74_850_100n,
      versions: 301,
      audit: after.audit + 1,
    });
  });

  test('an unknown firm, a zero amount or another department refuse the batch', async () => {
    const before = await tally(hub.prisma());
    const rows = payments.slice(0, 5).map((p, i) => ({ ...p, externalId: `ZQT-X${i}` }));
    rows[1] = { ...rows[1]!, enterpriseCreditCode: '91339901MA0000009X' };
    rows[4] = { ...rows[4]!, amountFen: '0' };
    const result = await hub.request(zhengqitong, bulk, { input: rows });
    expect(codeOf(result)).toBe('BULK_REJECTED');
    expect(result.errors?.[0]?.extensions?.issues).toEqual([
      { index: 4, path: ['input', 4, 'amountFen'], code: 'BAD_USER_INPUT', message: '兑付金额须大于 0' },
      {
        index: 1,
        path: ['input', 1, 'enterpriseCreditCode'],
        code: 'NOT_FOUND',
        message: '企业 91339901MA0000009X 不存在',
      },
    ]);
    const tax: Caller = { role: 'DEPARTMENT', departmentCode: 'D-TAX' };
    const other = await hub.request(tax, bulk, { input: rows.slice(0, 1) });
    expect(other.errors?.[0]?.extensions?.issues).toEqual([
      { index: 0, path: ['input', 0], code: 'FORBIDDEN', message: '政策资金兑付记录不属于本部门，无权写入' },
    ]);
    expect(await tally(hub.prisma())).toEqual(before);
  });
});

describe('the blacklist, removals and repairs (失信名单与信用修复)', () => {
  const bulk = `mutation ($input: [BlacklistEntryInput!]!) {
    upsertBlacklistEntries(input: $input) { total created updated unchanged }
  }`;
  const remove = `mutation ($input: BlacklistRemovalInput!, $expected: Int, $source: String) {
    removeBlacklistEntry(input: $input, expectedVersion: $expected, sourceSystem: $source) {
      outcome version blacklistEntry { removedOn removalReason version }
    }
  }`;
  const entries = [
    {
      externalId: 'BL-1',
      subjectCreditCode: '91339901MA00000011',
      sourceDepartmentCode: 'D-MSR',
      reason: '严重违法失信',
      listedOn: '2024-03-01',
    },
    {
      externalId: 'BL-2',
      subjectCreditCode: '91339901MA00000022',
      sourceDepartmentCode: 'D-TAX',
      reason: '重大税收违法',
      listedOn: '2024-04-01',
    },
  ];

  test('entries are upserted idempotently and removed once', async () => {
    const first = await hub.gql<{ upsertBlacklistEntries: unknown }>(creditPlatform, bulk, {
      input: entries,
    });
    expect(first.upsertBlacklistEntries).toEqual({ total: 2, created: 2, updated: 0, unchanged: 0 });
    const again = await hub.gql<{ upsertBlacklistEntries: unknown }>(creditPlatform, bulk, {
      input: entries,
    });
    expect(again.upsertBlacklistEntries).toEqual({ total: 2, created: 0, updated: 0, unchanged: 2 });

    const removal = { externalId: 'BL-2', removedOn: '2024-09-30', removalReason: '已完成整改' };
    const stale = await hub.request(creditPlatform, remove, { input: removal, expected: 3 });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });
    const removed = await hub.gql<{ removeBlacklistEntry: unknown }>(creditPlatform, remove, {
      input: removal,
      expected: 1,
    });
    expect(removed.removeBlacklistEntry).toEqual({
      outcome: 'UPDATED',
      version: 2,
      blacklistEntry: { removedOn: '2024-09-30', removalReason: '已完成整改', version: 2 },
    });
    const twice = await hub.gql<{ removeBlacklistEntry: { outcome: string; version: number } }>(
      creditPlatform,
      remove,
      {
        input: removal,
      },
    );
    expect(twice.removeBlacklistEntry).toMatchObject({ outcome: 'UNCHANGED', version: 2 });
    const early = await hub.request(creditPlatform, remove, {
      input: { ...removal, removedOn: '2024-01-01' },
    });
    expect(early.errors?.[0]?.extensions?.issues?.[0]).toMatchObject({
      path: ['input', 'removedOn'],
      code: 'BAD_USER_INPUT',
    });
    const otherSystem = await hub.request(zhengqitong, remove, { input: removal });
    expect(codeOf(otherSystem)).toBe('NOT_FOUND');
    const namingIt = await hub.request(zhengqitong, remove, { input: removal, source: 'credit-platform' });
    expect(codeOf(namingIt)).toBe('FORBIDDEN');
  });

  test('a repair is filed once, reviewed step by step, and approval removes the entry', async () => {
    const file = `mutation ($input: CreditRepairInput!) {
      fileCreditRepair(input: $input) { outcome version creditRepair { id status } }
    }`;
    const step = `mutation ($id: ID!, $to: RepairStatus!, $expected: Int!, $note: String) {
      transitionCreditRepair(id: $id, to: $to, expectedVersion: $expected, note: $note) { from to version }
    }`;
    const input = {
      subjectCreditCode: '91339901MA00000011',
      blacklistEntry: { sourceSystem: 'credit-platform', externalId: 'BL-1' },
      appliedOn: '2024-10-08',
    };
    const filed = await hub.gql<{
      fileCreditRepair: { outcome: string; creditRepair: { id: string; status: string } };
    }>(staff, file, { input });
    expect(filed.fileCreditRepair).toMatchObject({
      outcome: 'CREATED',
      creditRepair: { status: 'SUBMITTED' },
    });
    const refiled = await hub.gql<{ fileCreditRepair: { outcome: string } }>(staff, file, { input });
    expect(refiled.fileCreditRepair.outcome).toBe('UNCHANGED');
    expect(await hub.prisma().creditRepair.count()).toBe(1);
    const wrongFirm = await hub.request(staff, file, {
      input: { ...input, subjectCreditCode: '91339901MA00000022' },
    });
    expect(wrongFirm.errors?.[0]?.extensions?.issues?.[0]).toMatchObject({
      path: ['input', 'blacklistEntry'],
      code: 'BAD_USER_INPUT',
    });
    const id = filed.fileCreditRepair.creditRepair.id;
    // The credit platform may not decide an application entered in the hub.
    const integration = await hub.request(creditPlatform, step, { id, to: 'UNDER_REVIEW', expected: 1 });
    expect(codeOf(integration)).toBe('FORBIDDEN');
    expect(integration.errors?.[0]?.message).toBe('信用修复申请由营商办录入，接口令牌无权写入');

    const early = await hub.request(staff, step, { id, to: 'APPROVED', expected: 1 });
    expect(codeOf(early)).toBe('INVALID_TRANSITION');
    await hub.gql(staff, step, { id, to: 'UNDER_REVIEW', expected: 1 });
    const approved = await hub.gql<{ transitionCreditRepair: unknown }>(staff, step, {
      id,
      to: 'APPROVED',
      expected: 2,
      note: '已履行行政处罚决定',
    });
    expect(approved.transitionCreditRepair).toEqual({ from: 'UNDER_REVIEW', to: 'APPROVED', version: 3 });
    const repair = await hub.prisma().creditRepair.findFirstOrThrow();
    // 02:00 UTC is 10:00 in Asia/Shanghai: the same calendar day.
    expect(repair.decidedOn?.toISOString().slice(0, 10)).toBe(now.toISOString().slice(0, 10));
    const entry = await hub.prisma().blacklistEntry.findUniqueOrThrow({
      where: { sourceSystem_externalId: { sourceSystem: 'credit-platform', externalId: 'BL-1' } },
    });
    expect(entry).toMatchObject({ removalReason: '信用修复通过：已履行行政处罚决定', version: 2 });
    expect(entry.removedOn).toEqual(repair.decidedOn);
    const reject = await hub.request(staff, step, { id, to: 'REJECTED', expected: 3 });
    expect(codeOf(reject)).toBe('INVALID_TRANSITION');
  });
});

describe('double publicity (双公示)', () => {
  const bulk = `mutation ($input: [PublicityRecordInput!]!) {
    upsertPublicityRecords(input: $input) { total created updated unchanged }
  }`;
  const records = Array.from({ length: 20 }, (_, i) => ({
    externalId: `GS-${i}`,
    kind: i % 4 === 0 ? 'PENALTY' : 'LICENSE',
    departmentCode: 'D-MSR',
    subjectCreditCode: i % 2 === 0 ? '91339901MA00000011' : '91339901MA9999999X',
    decisionNumber: `示市监许〔2024〕${i + 1}号`,
    decidedOn: '2024-07-01',
    publishedOn: i < 15 ? '2024-07-05' : null,
    accurate: true,
    complete: i !== 3,
  }));

  test('records are written, linked to the credit base where the party is in it, and replayed unchanged', async () => {
    const publicity: Caller = { role: 'INTEGRATION', sourceSystem: 'double-publicity' };
    const first = await hub.gql<{ upsertPublicityRecords: unknown }>(publicity, bulk, { input: records });
    expect(first.upsertPublicityRecords).toEqual({ total: 20, created: 20, updated: 0, unchanged: 0 });
    const linked = await hub.prisma().publicityRecord.count({ where: { subjectId: { not: null } } });
    expect(linked).toBe(10);
    expect(await hub.prisma().publicityRecord.count({ where: { publishedOn: null } })).toBe(5);
    const again = await hub.gql<{ upsertPublicityRecords: unknown }>(publicity, bulk, { input: records });
    expect(again.upsertPublicityRecords).toEqual({ total: 20, created: 0, updated: 0, unchanged: 20 });
    const bad = records.map((r, i) => (i === 2 ? { ...r, publishedOn: '2024-06-30' } : r));
    const refused = await hub.request(publicity, bulk, { input: bad });
    expect(refused.errors?.[0]?.extensions?.issues).toEqual([
      {
        index: 2,
        path: ['input', 2, 'publishedOn'],
        code: 'BAD_USER_INPUT',
        message: '公示日期不能早于决定日期',
      },
    ]);
  });
});

describe('indicator values, work points, enterprises and visits', () => {
  const value = `mutation ($input: IndicatorValueInput!, $expected: Int) {
    upsertIndicatorValue(input: $input, expectedVersion: $expected) { outcome version indicatorValue { value rank rankOf } }
  }`;

  test('an indicator value is keyed by indicator, region and period, and owned by the system that reported it', async () => {
    const monitoring: Caller = { role: 'INTEGRATION', sourceSystem: 'province-monitoring' };
    const input = {
      indicatorCode: 'ONE_NETWORK_RATE',
      regionCode: '339901000000',
      periodKind: 'MONTH',
      periodStart: '2024-05-01',
      value: '98.1300',
      rank: 1,
      rankOf: 4,
    };
    const first = await hub.gql<{ upsertIndicatorValue: unknown }>(monitoring, value, { input });
    expect(first.upsertIndicatorValue).toEqual({
      outcome: 'CREATED',
      version: 1,
      indicatorValue: { value: '98.13', rank: 1, rankOf: 4 },
    });
    const sameNumber = await hub.gql<{ upsertIndicatorValue: { outcome: string } }>(monitoring, value, {
      input: { ...input, value: '98.13' },
    });
    expect(sameNumber.upsertIndicatorValue.outcome).toBe('UNCHANGED');
    const other = await hub.request({ role: 'INTEGRATION', sourceSystem: 'city-assessment' }, value, {
      input: { ...input, value: '97' },
    });
    expect(codeOf(other)).toBe('FORBIDDEN');
    expect(other.errors?.[0]?.message).toBe(
      '已有的指标值来自来源系统 province-monitoring，本令牌（city-assessment）无权写入',
    );
    const byStaff = await hub.gql<{ upsertIndicatorValue: { outcome: string; version: number } }>(
      staff,
      value,
      {
        input: { ...input, value: '98.2' },
        expected: 1,
      },
    );
    expect(byStaff.upsertIndicatorValue).toMatchObject({ outcome: 'UPDATED', version: 2 });
    const stored = await hub.prisma().indicatorValue.findFirstOrThrow();
    expect(stored.sourceSystem).toBe('province-monitoring');
    const bad = await hub.request(staff, value, {
      input: { ...input, periodKind: 'QUARTER', periodStart: '2024-05-01', value: '1.23456', rank: 5 },
    });
    expect(
      bad.errors?.[0]?.extensions?.issues?.map((issue) => [issue.path.join('.'), issue.message]),
    ).toEqual([
      ['input.value', '指标值最多 4 位小数'],
      ['input.periodStart', '周期为 QUARTER 时起始日应为季度首日（1/4/7/10 月 1 日）'],
      ['input.rank', '排名不能大于参与排名数'],
    ]);
  });

  test('work points of a window and of a person, one row per month each', async () => {
    const points = `mutation ($input: WorkPointInput!) { upsertWorkPoint(input: $input) { outcome version workPoint { points } } }`;
    const window = await hub.gql<{ upsertWorkPoint: unknown }>(staff, points, {
      input: { month: '2024-05-01', windowCode: 'W-MSR', points: '96.5' },
    });
    expect(window.upsertWorkPoint).toEqual({ outcome: 'CREATED', version: 1, workPoint: { points: '96.5' } });
    const person = await hub.gql<{ upsertWorkPoint: { outcome: string } }>(staff, points, {
      input: { month: '2024-05-01', staffCode: 'S-001', points: '88' },
    });
    expect(person.upsertWorkPoint.outcome).toBe('CREATED');
    const again = await hub.gql<{ upsertWorkPoint: { outcome: string } }>(staff, points, {
      input: { month: '2024-05-01', windowCode: 'W-MSR', points: '96.50' },
    });
    expect(again.upsertWorkPoint.outcome).toBe('UNCHANGED');
    expect(await hub.prisma().workPoint.count()).toBe(2);
    const both = await hub.request(staff, points, {
      input: { month: '2024-05-01', windowCode: 'W-MSR', staffCode: 'S-001', points: '1' },
    });
    expect(both.errors?.[0]?.extensions?.issues?.[0]).toMatchObject({ path: ['input', 'windowCode'] });
    const tax: Caller = { role: 'DEPARTMENT', departmentCode: 'D-TAX' };
    const notItsWindow = await hub.request(tax, points, {
      input: { month: '2024-06-01', windowCode: 'W-MSR', points: '1' },
    });
    expect(codeOf(notItsWindow)).toBe('FORBIDDEN');
    const itsWindow = await hub.gql<{ upsertWorkPoint: { outcome: string } }>(tax, points, {
      input: { month: '2024-06-01', windowCode: 'W-TAX', points: '90' },
    });
    expect(itsWindow.upsertWorkPoint.outcome).toBe('CREATED');
  });

  test('enterprises are written by credit code; an integration may not touch one entered in the hub', async () => {
    const upsert = `mutation ($input: EnterpriseInput!, $expected: Int) {
      upsertEnterprise(input: $input, expectedVersion: $expected) { outcome version enterprise { name version } }
    }`;
    const input = {
      creditCode: '91339901MA00000033',
      name: '示例锦程物流有限公司',
      industry: '交通运输',
      scale: 'MICRO',
      regionCode: '339901101000',
      registeredOn: '2023-08-08',
      gridUnitCode: 'G-MSR',
      contactStaffCode: 'GS-001',
    };
    const created = await hub.gql<{ upsertEnterprise: unknown }>(admin, upsert, { input });
    expect(created.upsertEnterprise).toEqual({
      outcome: 'CREATED',
      version: 1,
      enterprise: { name: '示例锦程物流有限公司', version: 1 },
    });
    const renamed = await hub.gql<{ upsertEnterprise: { outcome: string; version: number } }>(admin, upsert, {
      input: { ...input, name: '示例锦程供应链有限公司' },
      expected: 1,
    });
    expect(renamed.upsertEnterprise).toMatchObject({ outcome: 'UPDATED', version: 2 });
    const integration = await hub.request({ role: 'INTEGRATION', sourceSystem: 'grid-platform' }, upsert, {
      input,
    });
    expect(integration.errors?.[0]?.message).toBe('已有的企业由营商办录入，接口令牌无权写入');
    const noUnit = await hub.request(admin, upsert, { input: { ...input, gridUnitCode: null } });
    expect(noUnit.errors?.[0]?.extensions?.issues).toEqual([
      {
        path: ['input', 'contactStaffCode'],
        code: 'BAD_USER_INPUT',
        message: '网格员 GS-001 不属于网格单位 （未填）',
      },
    ]);
  });

  test('contact visits from the grid platform, in bulk', async () => {
    const grid: Caller = { role: 'INTEGRATION', sourceSystem: 'grid-platform' };
    const bulk = `mutation ($input: [ContactVisitInput!]!) { upsertContactVisits(input: $input) { total created unchanged } }`;
    const visits = Array.from({ length: 12 }, (_, i) => ({
      externalId: `V-${i}`,
      enterpriseCreditCode: '91339901MA00000011',
      gridStaffCode: 'GS-001',
      visitedAt: new Date(Date.UTC(2024, 4, 1 + i, 2)).toISOString(),
      mode: i % 2 === 0 ? 'ON_SITE' : 'PHONE',
      summary: '了解企业用工需求',
    }));
    const first = await hub.gql<{ upsertContactVisits: unknown }>(grid, bulk, { input: visits });
    expect(first.upsertContactVisits).toEqual({ total: 12, created: 12, unchanged: 0 });
    const again = await hub.gql<{ upsertContactVisits: unknown }>(grid, bulk, { input: visits });
    expect(again.upsertContactVisits).toEqual({ total: 12, created: 0, unchanged: 12 });
    expect(await hub.prisma().contactVisit.count({ where: { problemRaised: false } })).toBe(12);
  });
});

describe('an integration writes the records of its own source system, of every kind', () => {
  const oa: Caller = { role: 'INTEGRATION', sourceSystem: 'dept-oa', subject: 'dept-oa' };
  const otherOa: Caller = { role: 'INTEGRATION', sourceSystem: 'other-oa', subject: 'other-oa' };

  test('enterprises, slips, project progress, work points: its own created and changed, replays write nothing, another system refused', async () => {
    await hub.gql(staff, `mutation ($input: ProblemInput!) { upsertProblem(input: $input) { outcome } }`, {
      input: {
        code: 'P-OA-1',
        title: '企业用地手续办理缓慢',
        source: 'COUNTY_POOL',
        ownerDepartmentCode: 'D-MSR',
        regionCode: '339901100000',
        reportedOn: '2024-06-03',
      },
    });
    const kinds = [
      {
        label: '企业',
        field: 'upsertEnterprise',
        record: 'enterprise',
        document: `mutation ($input: EnterpriseInput!) { upsertEnterprise(input: $input) { outcome enterprise { sourceSystem } } }`,
        input: {
          creditCode: '91339901MA00000044',
          name: '示例云帆电子商务有限公司',
          industry: '批发和零售业',
          scale: 'MICRO',
          regionCode: '339901100000',
          registeredOn: '2024-03-01',
        },
        change: { industry: '信息传输、软件和信息技术服务业' },
      },
      {
        label: '交办单',
        field: 'upsertAssignmentSlip',
        record: 'assignmentSlip',
        document: `mutation ($input: AssignmentSlipInput!) { upsertAssignmentSlip(input: $input) { outcome assignmentSlip { sourceSystem } } }`,
        input: {
          code: '示营商交〔2024〕OA-1号',
          problemCode: 'P-OA-1',
          departmentCode: 'D-MSR',
          issuedOn: '2024-06-05',
          deadline: '2024-06-20',
        },
        change: { deadline: '2024-06-28' },
      },
      {
        label: '项目月度进展',
        field: 'upsertProjectProgress',
        record: 'projectProgress',
        document: `mutation ($input: ProjectProgressInput!) { upsertProjectProgress(input: $input) { outcome projectProgress { sourceSystem } } }`,
        input: { projectCode: 'PRJ-001', month: '2024-07-01', status: 'ADVANCING', note: '完成土地报批' },
        change: { note: '完成土地报批，启动规划设计' },
      },
      {
        label: '窗口工分',
        field: 'upsertWorkPoint',
        record: 'workPoint',
        document: `mutation ($input: WorkPointInput!) { upsertWorkPoint(input: $input) { outcome workPoint { sourceSystem } } }`,
        input: { month: '2024-07-01', windowCode: 'W-MSR', points: '92.5' },
        change: { points: '93' },
      },
    ];
    type Answer = Record<string, { outcome: string } & Record<string, { sourceSystem: string }>>;
    for (const kind of kinds) {
      const created = await hub.gql<Answer>(oa, kind.document, { input: kind.input });
      expect(created[kind.field], kind.label).toEqual({
        outcome: 'CREATED',
        [kind.record]: { sourceSystem: 'dept-oa' },
      });
      const before = await tally(hub.prisma());
      for (let replay = 0; replay < 3; replay += 1) {
        const again = await hub.gql<Answer>(oa, kind.document, { input: kind.input });
        expect(again[kind.field]?.outcome, kind.label).toBe('UNCHANGED');
      }
      expect(await tally(hub.prisma())).toEqual(before);
      const changed = { ...kind.input, ...kind.change };
      const updated = await hub.gql<Answer>(oa, kind.document, { input: changed });
      expect(updated[kind.field], kind.label).toEqual({
        outcome: 'UPDATED',
        [kind.record]: { sourceSystem: 'dept-oa' },
      });
      const taken = await hub.request<Answer>(otherOa, kind.document, { input: kind.input });
      expect(taken.errors?.[0]?.extensions?.code, kind.label).toBe('FORBIDDEN');
      expect(taken.errors?.[0]?.message).toBe(
        `已有的${kind.label}来自来源系统 dept-oa，本令牌（other-oa）无权写入`,
      );
      // Staff may correct any record; the record stays the source system's.
      const corrected = await hub.gql<Answer>(staff, kind.document, { input: kind.input });
      expect(corrected[kind.field], kind.label).toEqual({
        outcome: 'UPDATED',
        [kind.record]: { sourceSystem: 'dept-oa' },
      });
    }

    // Its own slip's steps are its own too: acknowledged by the system, not by another.
    const slip = await hub.prisma().assignmentSlip.findFirstOrThrow({ where: { sourceSystem: 'dept-oa' } });
    const step = `mutation ($id: ID!, $expected: Int!) {
      transitionAssignmentSlip(id: $id, to: ACKNOWLEDGED, expectedVersion: $expected) { to }
    }`;
    const id = Buffer.from(`AssignmentSlip:${slip.id}`).toString('base64');
    const byOther = await hub.request(otherOa, step, { id, expected: slip.version });
    expect(byOther.errors?.[0]?.message).toBe('交办单来自来源系统 dept-oa，本令牌（other-oa）无权写入');
    expect(await hub.gql(oa, step, { id, expected: slip.version })).toEqual({
      transitionAssignmentSlip: { to: 'ACKNOWLEDGED' },
    });
  });

  test('follow-ups and credit repairs are keyed by (sourceSystem, externalId): a batch replayed ten times leaves the same rows', async () => {
    const followUp = `mutation ($input: ProblemFollowUpInput!) {
      upsertProblemFollowUp(input: $input) { outcome problemFollowUp { sourceSystem externalId note } }
    }`;
    const repair = `mutation ($input: CreditRepairInput!) {
      fileCreditRepair(input: $input) { outcome version creditRepair { id sourceSystem externalId status } }
    }`;
    // Two notes on the same problem and day: distinct records in the source system.
    const notes = [
      { externalId: 'FU-1', problemCode: 'P-OA-1', followedOn: '2024-07-10', note: '现场核实用地红线' },
      { externalId: 'FU-2', problemCode: 'P-OA-1', followedOn: '2024-07-10', note: '协调自然资源局会商' },
    ];
    const repairs = [
      { externalId: 'XF-1', subjectCreditCode: '91339901MA00000022', appliedOn: '2024-07-11' },
      { externalId: 'XF-2', subjectCreditCode: '91339901MA00000022', appliedOn: '2024-07-11' },
    ];
    const followUpsBefore = await hub.prisma().problemFollowUp.count();
    const repairsBefore = await hub.prisma().creditRepair.count();
    let afterFirst: Awaited<ReturnType<typeof tally>> | undefined;
    for (let round = 0; round < 10; round += 1) {
      for (const input of notes) {
        const written = await hub.gql<{
          upsertProblemFollowUp: { outcome: string; problemFollowUp: Record<string, string> };
        }>(oa, followUp, { input });
        expect(written.upsertProblemFollowUp).toEqual({
          outcome: round === 0 ? 'CREATED' : 'UNCHANGED',
          problemFollowUp: { sourceSystem: 'dept-oa', externalId: input.externalId, note: input.note },
        });
      }
      for (const input of repairs) {
        const filed = await hub.gql<{
          fileCreditRepair: { outcome: string; creditRepair: Record<string, string> };
        }>(creditPlatform, repair, { input });
        expect(filed.fileCreditRepair).toMatchObject({
          outcome: round === 0 ? 'CREATED' : 'UNCHANGED',
          creditRepair: {
            sourceSystem: 'credit-platform',
            externalId: input.externalId,
            status: 'SUBMITTED',
          },
        });
      }
      if (round === 0) afterFirst = await tally(hub.prisma());
      else expect(await tally(hub.prisma())).toEqual(afterFirst);
    }
    expect(await hub.prisma().problemFollowUp.count()).toBe(followUpsBefore + 2);
    expect(await hub.prisma().creditRepair.count()).toBe(repairsBefore + 2);

    // A corrected note replaces the record's; another system's FU-1 is a record of its own.
    const corrected = await hub.gql<{ upsertProblemFollowUp: { outcome: string } }>(oa, followUp, {
      input: { ...notes[0], note: '现场核实用地红线，已出具意见' },
    });
    expect(corrected.upsertProblemFollowUp.outcome).toBe('UPDATED');
    const ofOther = await hub.gql<{ upsertProblemFollowUp: { outcome: string } }>(otherOa, followUp, {
      input: notes[0],
    });
    expect(ofOther.upsertProblemFollowUp.outcome).toBe('CREATED');
    expect(
      (
        await hub.prisma().problemFollowUp.findMany({ where: { externalId: 'FU-1' }, orderBy: { id: 'asc' } })
      ).map((row) => [row.sourceSystem, row.note]),
    ).toEqual([
      ['dept-oa', '现场核实用地红线，已出具意见'],
      ['other-oa', '现场核实用地红线'],
    ]);

    // Without an externalId: the hub's key, one per problem and day, as before.
    const plain = { problemCode: 'P-OA-1', followedOn: '2024-07-12', note: '跟踪督办' };
    const byStaff = await hub.gql<{ upsertProblemFollowUp: { problemFollowUp: Record<string, string> } }>(
      staff,
      followUp,
      { input: plain },
    );
    expect(byStaff.upsertProblemFollowUp.problemFollowUp).toEqual({
      sourceSystem: 'hub',
      externalId: 'P-OA-1/2024-07-12',
      note: '跟踪督办',
    });

    // The credit platform reviews its own application.
    const own = await hub.prisma().creditRepair.findFirstOrThrow({
      where: { sourceSystem: 'credit-platform', externalId: 'XF-1' },
    });
    const review = await hub.gql<{ transitionCreditRepair: { to: string } }>(
      creditPlatform,
      `mutation ($id: ID!) { transitionCreditRepair(id: $id, to: UNDER_REVIEW, expectedVersion: 1) { to } }`,
      { id: Buffer.from(`CreditRepair:${own.id}`).toString('base64') },
    );
    expect(review.transitionCreditRepair.to).toBe('UNDER_REVIEW');
  });
});
