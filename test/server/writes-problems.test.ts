// Writing obstacle clearing (清障行动): problems, assignment slips through their state machine,
// follow-ups and the monthly progress of investment projects.
import { describe, expect, test } from 'vitest';
import { type Caller, type GraphQLResponse, now, staff, tally, writesHub } from './writes-fixture.ts';

const hub = writesHub();

const marketDepartment: Caller = { role: 'DEPARTMENT', departmentCode: 'D-MSR' };
const taxDepartment: Caller = { role: 'DEPARTMENT', departmentCode: 'D-TAX' };

const upsertProblem = `mutation ($input: ProblemInput!, $expected: Int) {
  upsertProblem(input: $input, expectedVersion: $expected) { outcome version problem { id code status version } }
}`;
const upsertSlip = `mutation ($input: AssignmentSlipInput!) {
  upsertAssignmentSlip(input: $input) { outcome version assignmentSlip { id code status version } }
}`;
const stepSlip = `mutation ($id: ID!, $to: SlipStatus!, $expected: Int!, $note: String, $at: DateTime) {
  transitionAssignmentSlip(id: $id, to: $to, expectedVersion: $expected, note: $note, at: $at) {
    from to version assignmentSlip { status version }
  }
}`;
const stepProblem = `mutation ($id: ID!, $to: ProblemStatus!, $expected: Int!) {
  transitionProblem(id: $id, to: $to, expectedVersion: $expected) { from to version problem { status } }
}`;

interface ProblemPayload {
  upsertProblem: {
    outcome: string;
    version: number;
    problem: { id: string; code: string; status: string; version: number };
  };
}
interface SlipPayload {
  upsertAssignmentSlip: {
    outcome: string;
    version: number;
    assignmentSlip: { id: string; code: string; status: string; version: number };
  };
}

const codeOf = (result: GraphQLResponse<unknown>) => result.errors?.[0]?.extensions?.code;

function problem(code: string, extra: Record<string, unknown> = {}) {
  return {
    code,
    title: '企业用电增容审批慢',
    source: 'COUNTY_POOL',
    ownerDepartmentCode: 'D-MSR',
    regionCode: '339901100000',
    enterpriseCreditCode: '91339901MA00000011',
    reportedOn: '2024-02-01',
    deadline: '2024-03-01',
    ...extra,
  };
}

async function newSlip(problemCode: string, slipCode: string) {
  await hub.gql(staff, upsertProblem, { input: problem(problemCode) });
  const { upsertAssignmentSlip } = await hub.gql<SlipPayload>(staff, upsertSlip, {
    input: {
      code: slipCode,
      problemCode,
      departmentCode: 'D-MSR',
      issuedOn: '2024-02-02',
      deadline: '2024-02-20',
    },
  });
  return upsertAssignmentSlip.assignmentSlip.id;
}

describe('problems and slips (问题与交办单)', () => {
  test('a new problem is OPEN; issuing a slip makes it ASSIGNED; replays change nothing', async () => {
    const created = await hub.gql<ProblemPayload>(staff, upsertProblem, { input: problem('P-001') });
    expect(created.upsertProblem).toMatchObject({
      outcome: 'CREATED',
      version: 1,
      problem: { status: 'OPEN' },
    });
    const replay = await hub.gql<ProblemPayload>(staff, upsertProblem, { input: problem('P-001') });
    expect(replay.upsertProblem).toMatchObject({ outcome: 'UNCHANGED', version: 1 });

    const slip = {
      code: '示营商交〔2024〕1号',
      problemCode: 'P-001',
      departmentCode: 'D-MSR',
      issuedOn: '2024-02-02',
      deadline: '2024-02-20',
    };
    const issued = await hub.gql<SlipPayload>(staff, upsertSlip, { input: slip });
    expect(issued.upsertAssignmentSlip).toMatchObject({
      outcome: 'CREATED',
      assignmentSlip: { status: 'ISSUED', version: 1 },
    });
    const stored = await hub.prisma().problem.findUniqueOrThrow({ where: { code: 'P-001' } });
    expect(stored).toMatchObject({ status: 'ASSIGNED', version: 2, sourceSystem: 'hub' });
    const again = await hub.gql<SlipPayload>(staff, upsertSlip, { input: slip });
    expect(again.upsertAssignmentSlip.outcome).toBe('UNCHANGED');
    expect((await hub.prisma().problem.findUniqueOrThrow({ where: { code: 'P-001' } })).version).toBe(2);
    const audits = await hub.prisma().auditLog.findMany({
      where: { entity: 'Problem', entityId: String(stored.id) },
      orderBy: { id: 'asc' },
      select: { action: true, after: true },
    });
    expect(audits.map((a) => a.action)).toEqual(['CREATE', 'TRANSITION']);
  });

  test('an upsert keeps the status and checks the version; a bad deadline is refused', async () => {
    const stale = await hub.request(staff, upsertProblem, {
      input: problem('P-001', { title: '企业用电增容审批慢（已协调）' }),
      expected: 1,
    });
    expect(codeOf(stale)).toBe('VERSION_CONFLICT');
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(2);
    const edited = await hub.gql<ProblemPayload>(staff, upsertProblem, {
      input: problem('P-001', { title: '企业用电增容审批慢（已协调）' }),
      expected: 2,
    });
    expect(edited.upsertProblem).toMatchObject({
      outcome: 'UPDATED',
      version: 3,
      problem: { status: 'ASSIGNED' },
    });
    const bad = await hub.request(staff, upsertProblem, {
      input: problem('P-002', { deadline: '2024-01-01' }),
    });
    expect(bad.errors?.[0]?.extensions?.issues).toEqual([
      { path: ['input', 'deadline'], code: 'BAD_USER_INPUT', message: '办结时限不能早于反映日期' },
    ]);
  });

  test('a source system’s number belongs to one problem', async () => {
    await hub.gql(staff, upsertProblem, { input: problem('P-030', { externalId: '12345-0001' }) });
    const before = await tally(hub.prisma());
    const taken = await hub.request(staff, upsertProblem, {
      input: problem('P-031', { externalId: '12345-0001' }),
    });
    expect(taken.errors?.[0]?.extensions?.issues).toEqual([
      {
        path: ['input', 'externalId'],
        code: 'DUPLICATE_KEY',
        message: '来源编号 12345-0001 已属于问题 P-030',
      },
    ]);
    expect(await tally(hub.prisma())).toEqual(before);
  });

  test('a slip walks ISSUED → ACKNOWLEDGED → REPLIED → VERIFIED → CLOSED, each step stamped', async () => {
    const id = await newSlip('P-010', 'S-010');
    const ack = await hub.gql<{ transitionAssignmentSlip: unknown }>(marketDepartment, stepSlip, {
      id,
      to: 'ACKNOWLEDGED',
      expected: 1,
      at: '2024-02-03T01:00:00.000Z',
    });
    expect(ack.transitionAssignmentSlip).toEqual({
      from: 'ISSUED',
      to: 'ACKNOWLEDGED',
      version: 2,
      assignmentSlip: { status: 'ACKNOWLEDGED', version: 2 },
    });
    const noReply = await hub.request(marketDepartment, stepSlip, { id, to: 'REPLIED', expected: 2 });
    expect(codeOf(noReply)).toBe('BAD_USER_INPUT');
    expect(noReply.errors?.[0]?.extensions?.issues?.[0]?.path).toEqual(['note']);
    await hub.gql(marketDepartment, stepSlip, {
      id,
      to: 'REPLIED',
      expected: 2,
      note: '已协调供电公司，3 日内完成增容',
    });
    const verifyByDepartment = await hub.request(marketDepartment, stepSlip, {
      id,
      to: 'VERIFIED',
      expected: 3,
    });
    expect(codeOf(verifyByDepartment)).toBe('FORBIDDEN');
    await hub.gql(staff, stepSlip, { id, to: 'VERIFIED', expected: 3 });
    await hub.gql(staff, stepSlip, { id, to: 'CLOSED', expected: 4 });
    const slip = await hub.prisma().assignmentSlip.findUniqueOrThrow({ where: { code: 'S-010' } });
    expect(slip).toMatchObject({
      status: 'CLOSED',
      version: 5,
      reply: '已协调供电公司，3 日内完成增容',
      acknowledgedAt: new Date('2024-02-03T01:00:00.000Z'),
      repliedAt: now,
      verifiedAt: now,
      closedAt: now,
    });
    const steps = await hub.prisma().auditLog.findMany({
      where: { entity: 'AssignmentSlip', entityId: String(slip.id), action: 'TRANSITION' },
      orderBy: { id: 'asc' },
      select: { role: true, before: true, after: true },
    });
    expect(
      steps.map((s) => [
        s.role,
        (s.before as { status: string }).status,
        (s.after as { status: string }).status,
      ]),
    ).toEqual([
      ['DEPARTMENT', 'ISSUED', 'ACKNOWLEDGED'],
      ['DEPARTMENT', 'ACKNOWLEDGED', 'REPLIED'],
      ['STAFF', 'REPLIED', 'VERIFIED'],
      ['STAFF', 'VERIFIED', 'CLOSED'],
    ]);
    const reopened = await hub.request(staff, stepSlip, { id, to: 'REPLIED', expected: 5 });
    expect(codeOf(reopened)).toBe('INVALID_TRANSITION');
    expect(reopened.errors?.[0]?.message).toBe(
      '交办单不能从「已办结」（CLOSED）变为「已回复」（REPLIED）；已是终态',
    );
  });

  test('skipping a step, going back, another department and a stale version are refused and write nothing', async () => {
    const id = await newSlip('P-011', 'S-011');
    const before = await tally(hub.prisma());
    const skip = await hub.request(staff, stepSlip, { id, to: 'REPLIED', expected: 1, note: '答复' });
    expect(codeOf(skip)).toBe('INVALID_TRANSITION');
    expect(skip.errors?.[0]?.message).toBe(
      '交办单不能从「已交办」（ISSUED）变为「已回复」（REPLIED）；下一步只能是 已签收（ACKNOWLEDGED）',
    );
    const other = await hub.request(taxDepartment, stepSlip, { id, to: 'ACKNOWLEDGED', expected: 1 });
    expect(codeOf(other)).toBe('FORBIDDEN');
    const stale = await hub.request(staff, stepSlip, { id, to: 'ACKNOWLEDGED', expected: 7 });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });
    expect(await tally(hub.prisma())).toEqual(before);
    await hub.gql(staff, stepSlip, { id, to: 'ACKNOWLEDGED', expected: 1 });
    const back = await hub.request(staff, stepSlip, { id, to: 'ISSUED', expected: 2 });
    expect(codeOf(back)).toBe('INVALID_TRANSITION');
  });

  test('two people acknowledging the same slip at once: exactly one wins', async () => {
    const id = await newSlip('P-012', 'S-012');
    const results = await Promise.all([
      hub.request(marketDepartment, stepSlip, { id, to: 'ACKNOWLEDGED', expected: 1 }),
      hub.request(staff, stepSlip, { id, to: 'ACKNOWLEDGED', expected: 1 }),
    ]);
    expect(results.map((r) => codeOf(r) ?? 'OK').sort()).toEqual(['OK', 'VERSION_CONFLICT']);
    const slip = await hub.prisma().assignmentSlip.findUniqueOrThrow({ where: { code: 'S-012' } });
    expect(slip.version).toBe(2);
    expect(
      await hub.prisma().auditLog.count({
        where: { entity: 'AssignmentSlip', entityId: String(slip.id), action: 'TRANSITION' },
      }),
    ).toBe(1);
  });

  test('a problem is closed only when all its slips are', async () => {
    const slipId = await newSlip('P-013', 'S-013');
    const { upsertProblem: stored } = await hub.gql<ProblemPayload>(staff, upsertProblem, {
      input: problem('P-013'),
    });
    const id = stored.problem.id;
    await hub.gql(staff, stepProblem, { id, to: 'IN_PROGRESS', expected: 2 });
    const skip = await hub.request(staff, stepProblem, { id, to: 'CLOSED', expected: 3 });
    expect(codeOf(skip)).toBe('INVALID_TRANSITION');
    await hub.gql(staff, stepProblem, { id, to: 'RESOLVED', expected: 3 });
    const open = await hub.request(staff, stepProblem, { id, to: 'CLOSED', expected: 4 });
    expect(codeOf(open)).toBe('INVALID_TRANSITION');
    expect(open.errors?.[0]?.message).toBe('问题尚有 1 张交办单未办结，不能销号');
    let version = 1;
    for (const [to, note] of [['ACKNOWLEDGED'], ['REPLIED', '已办理'], ['VERIFIED'], ['CLOSED']] as const) {
      await hub.gql(staff, stepSlip, { id: slipId, to, expected: version, note });
      version += 1;
    }
    const closed = await hub.gql<{ transitionProblem: unknown }>(staff, stepProblem, {
      id,
      to: 'CLOSED',
      expected: 4,
    });
    expect(closed.transitionProblem).toEqual({
      from: 'RESOLVED',
      to: 'CLOSED',
      version: 5,
      problem: { status: 'CLOSED' },
    });
    const row = await hub.prisma().problem.findUniqueOrThrow({ where: { code: 'P-013' } });
    expect(row.resolvedAt).toEqual(now);
    expect(row.closedAt).toEqual(now);
    const late = await hub.request(staff, upsertSlip, {
      input: {
        code: 'S-014',
        problemCode: 'P-013',
        departmentCode: 'D-MSR',
        issuedOn: '2024-03-02',
        deadline: '2024-03-20',
      },
    });
    expect(codeOf(late)).toBe('INVALID_TRANSITION');
  });
});

describe('follow-ups and project progress (跟踪记录与项目进展)', () => {
  const followUp = `mutation ($input: ProblemFollowUpInput!) {
    upsertProblemFollowUp(input: $input) { outcome problemFollowUp { note } }
  }`;
  const progress = `mutation ($input: ProjectProgressInput!) {
    upsertProjectProgress(input: $input) { outcome projectProgress { status note } }
  }`;

  test('one follow-up per problem and day: the same again changes nothing, a new note replaces it', async () => {
    await hub.gql(staff, upsertProblem, { input: problem('P-020') });
    const input = { problemCode: 'P-020', followedOn: '2024-02-10', note: '已现场对接' };
    const first = await hub.gql<{ upsertProblemFollowUp: unknown }>(staff, followUp, { input });
    expect(first.upsertProblemFollowUp).toEqual({
      outcome: 'CREATED',
      problemFollowUp: { note: '已现场对接' },
    });
    const audits = await hub.prisma().auditLog.count();
    for (let i = 0; i < 3; i += 1) {
      const again = await hub.gql<{ upsertProblemFollowUp: { outcome: string } }>(staff, followUp, { input });
      expect(again.upsertProblemFollowUp.outcome).toBe('UNCHANGED');
    }
    expect(await hub.prisma().auditLog.count()).toBe(audits);
    const changed = await hub.gql<{ upsertProblemFollowUp: unknown }>(staff, followUp, {
      input: { ...input, note: '已现场对接，待供电公司答复' },
    });
    expect(changed.upsertProblemFollowUp).toEqual({
      outcome: 'UPDATED',
      problemFollowUp: { note: '已现场对接，待供电公司答复' },
    });
    expect(await hub.prisma().problemFollowUp.count({ where: { problem: { code: 'P-020' } } })).toBe(1);
    const unknown = await hub.request(staff, followUp, { input: { ...input, problemCode: 'P-NONE' } });
    expect(unknown.errors?.[0]?.extensions?.issues).toEqual([
      { path: ['input', 'problemCode'], code: 'NOT_FOUND', message: '问题 P-NONE 不存在' },
    ]);
    const other = await hub.request(taxDepartment, followUp, { input });
    expect(codeOf(other)).toBe('FORBIDDEN');
  });

  test('a month of progress per project; the project takes the status of its latest month', async () => {
    const month = (m: string, status: string, note: string) => ({
      projectCode: 'PRJ-001',
      month: m,
      status,
      note,
    });
    const may = await hub.gql<{ upsertProjectProgress: unknown }>(staff, progress, {
      input: month('2024-05-01', 'RE_INVESTMENT', '启动二次招商'),
    });
    expect(may.upsertProjectProgress).toEqual({
      outcome: 'CREATED',
      projectProgress: { status: 'RE_INVESTMENT', note: '启动二次招商' },
    });
    const project = () => hub.prisma().investmentProject.findUniqueOrThrow({ where: { code: 'PRJ-001' } });
    expect(await project()).toMatchObject({ status: 'RE_INVESTMENT', version: 2 });
    await hub.gql(staff, progress, { input: month('2024-04-01', 'STALLED', '无进展') });
    expect(await project()).toMatchObject({ status: 'RE_INVESTMENT', version: 2 });
    const replay = await hub.gql<{ upsertProjectProgress: { outcome: string } }>(staff, progress, {
      input: month('2024-05-01', 'RE_INVESTMENT', '启动二次招商'),
    });
    expect(replay.upsertProjectProgress.outcome).toBe('UNCHANGED');
    await hub.gql(staff, progress, { input: month('2024-05-01', 'ADVANCING', '新投资方已签约') });
    expect(await project()).toMatchObject({ status: 'ADVANCING', version: 3 });
    expect(await hub.prisma().projectProgress.count()).toBe(2);
    const midMonth = await hub.request(staff, progress, { input: month('2024-05-15', 'ADVANCING', 'x') });
    expect(midMonth.errors?.[0]?.extensions?.issues).toEqual([
      { path: ['input', 'month'], code: 'BAD_USER_INPUT', message: '月份应为当月 1 日，例如 2023-05-01' },
    ]);
  });
});
