// Dates and amounts that cannot be true are refused at the edge: a case submitted before 2000,
// tomorrow or in 9999, a payment on 9999-12-31, a firm founded in year 1, work points below zero
// or for a month to come. "Today" is the request's (the fixture's clock: 2026-11-28, 10:00 in
// Asia/Shanghai), each refusal is BAD_USER_INPUT with the field's path and a Chinese message,
// and nothing is written.
import { describe, expect, test } from 'vitest';
import { type Caller, type GraphQLResponse, platform, staff, tally, writesHub } from './writes-fixture.ts';

const hub = writesHub();

const issuesOf = (result: GraphQLResponse<unknown>) =>
  result.errors?.[0]?.extensions?.issues?.map((issue) => [issue.code, issue.path.join('.'), issue.message]);

async function refused(caller: Caller, document: string, input: unknown) {
  const before = await tally(hub.prisma());
  const result = await hub.request(caller, document, { input });
  expect(result.data).toBeNull();
  expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(await tally(hub.prisma())).toEqual(before);
  return issuesOf(result);
}

describe('impossible dates and amounts', () => {
  const caseDocument = `mutation ($input: ServiceCaseInput!) { upsertServiceCase(input: $input) { outcome } }`;
  const submitted = (externalId: string, submittedAt: string) => ({
    externalId,
    itemCode: 'I-MSR-01',
    regionCode: '339901100201',
    channel: 'WEB',
    oneNetwork: true,
    applicantKind: 'PERSON',
    status: 'SUBMITTED',
    submittedAt,
  });

  test('a case submitted in 9999, tomorrow or 1900 is refused; late today is accepted', async () => {
    expect(await refused(platform, caseDocument, submitted('D-1', '9999-01-01T00:00:00.000Z'))).toEqual([
      ['BAD_USER_INPUT', 'input.submittedAt', '申请时间不能晚于今天（时间须已发生）'],
    ]);
    // 2026-11-29 00:00 in Asia/Shanghai: tomorrow by the request's clock.
    expect(await refused(platform, caseDocument, submitted('D-2', '2026-11-28T16:00:00.000Z'))).toEqual([
      ['BAD_USER_INPUT', 'input.submittedAt', '申请时间不能晚于今天（时间须已发生）'],
    ]);
    expect(await refused(platform, caseDocument, submitted('D-3', '1900-01-01T00:00:00.000Z'))).toEqual([
      ['BAD_USER_INPUT', 'input.submittedAt', '申请时间不能早于 2000 年'],
    ]);
    const lateToday = await hub.gql<{ upsertServiceCase: { outcome: string } }>(platform, caseDocument, {
      input: submitted('D-4', '2026-11-28T15:59:59.000Z'),
    });
    expect(lateToday.upsertServiceCase.outcome).toBe('CREATED');
  });

  test('a later step of a case in 9999 is refused at its own path, in a batch as in a single write', async () => {
    const bulk = `mutation ($input: [ServiceCaseInput!]!) { upsertServiceCases(input: $input) { total } }`;
    const before = await tally(hub.prisma());
    const result = await hub.request(platform, bulk, {
      input: [
        submitted('D-5', '2026-11-01T00:00:00.000Z'),
        {
          ...submitted('D-6', '2026-11-01T00:00:00.000Z'),
          status: 'ACCEPTED',
          acceptedAt: '9999-12-31T00:00:00.000Z',
        },
      ],
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BULK_REJECTED');
    expect(issuesOf(result)).toEqual([
      ['BAD_USER_INPUT', 'input.1.acceptedAt', '受理时间不能晚于今天（时间须已发生）'],
    ]);
    expect(await tally(hub.prisma())).toEqual(before);
  });

  test('a payment on 9999-12-31 is refused', async () => {
    const zhengqitong: Caller = { role: 'INTEGRATION', sourceSystem: 'zhengqitong' };
    const document = `mutation ($input: DisbursementInput!) { upsertDisbursement(input: $input) { outcome } }`;
    const payment = {
      externalId: 'ZQT-D-1',
      policyCode: 'POL-2024-01',
      enterpriseCreditCode: '91339901MA00000011',
      amountFen: '100000',
      paidOn: '9999-12-31',
      mechanism: 'STANDARD',
      paidOnline: true,
    };
    expect(await refused(zhengqitong, document, payment)).toEqual([
      ['BAD_USER_INPUT', 'input.paidOn', '兑付日期不能晚于今天（日期须已发生）'],
    ]);
    const paidToday = await hub.gql<{ upsertDisbursement: { outcome: string } }>(zhengqitong, document, {
      input: { ...payment, paidOn: '2026-11-28' },
    });
    expect(paidToday.upsertDisbursement.outcome).toBe('CREATED');
  });

  test('a firm registered in year 1 is refused; one founded in 1950 is not', async () => {
    const document = `mutation ($input: EnterpriseInput!) { upsertEnterprise(input: $input) { outcome } }`;
    const firm = {
      creditCode: '91339901MA00000044',
      name: '示例老字号酱园有限公司',
      industry: '食品制造',
      scale: 'SMALL',
      regionCode: '339901101000',
      registeredOn: '0001-01-01',
    };
    expect(await refused(staff, document, firm)).toEqual([
      ['BAD_USER_INPUT', 'input.registeredOn', '成立日期不能早于 1949 年'],
    ]);
    const old = await hub.gql<{ upsertEnterprise: { outcome: string } }>(staff, document, {
      input: { ...firm, registeredOn: '1950-10-01' },
    });
    expect(old.upsertEnterprise.outcome).toBe('CREATED');
  });

  test('work points below zero or for a month to come are refused; this month is accepted', async () => {
    const document = `mutation ($input: WorkPointInput!) { upsertWorkPoint(input: $input) { outcome } }`;
    expect(
      await refused(staff, document, { month: '2026-10-01', windowCode: 'W-MSR', points: '-0.5' }),
    ).toEqual([['BAD_USER_INPUT', 'input.points', '工分不能为负数']]);
    expect(
      await refused(staff, document, { month: '2026-12-01', windowCode: 'W-MSR', points: '90' }),
    ).toEqual([['BAD_USER_INPUT', 'input.month', '月份不能晚于本月']]);
    const thisMonth = await hub.gql<{ upsertWorkPoint: { outcome: string } }>(staff, document, {
      input: { month: '2026-11-01', windowCode: 'W-MSR', points: '0' },
    });
    expect(thisMonth.upsertWorkPoint.outcome).toBe('CREATED');
  });
});
