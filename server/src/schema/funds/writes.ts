// Policy funds (政企通): disbursements to firms, pushed by 政企通 and keyed by
// (sourceSystem, externalId). Amounts are whole fen (分).
import { z } from 'zod';
import { DisbursementMechanism } from '../../generated/prisma/enums.ts';
import { tableOf } from '../../writes/columns.ts';
import type { TableSpec, Tx } from '../../writes/engine.ts';
import type { RecordKind } from '../../writes/records.ts';
import * as refs from '../../writes/refs.ts';
import { code, creditCode, day } from '../../writes/validate.ts';

/** 10 billion CNY: far above any single payment, far below BigInt trouble. */
const MAX_FEN = 1_000_000_000_000n;

export const disbursementInput = z.object({
  externalId: code('兑付记录编号').describe('The payment’s number in 政企通 (兑付编号).'),
  policyCode: code('政策编码').describe('Code of the policy paid under (政策编码).'),
  enterpriseCreditCode: creditCode('受益企业统一社会信用代码').describe(
    'Unified social credit code of the beneficiary (受益企业统一社会信用代码).',
  ),
  amountFen: z
    .bigint('兑付金额应为整数（分）')
    .positive('兑付金额须大于 0')
    .max(MAX_FEN, '兑付金额超出范围')
    .describe('Amount in fen (分); 1 yuan = 100 fen.'),
  paidOn: day('兑付日期').describe('Day of payment (兑付日期).'),
  mechanism: z.enum(DisbursementMechanism).describe('How it was funded (兑付机制).'),
  paidOnline: z.boolean('是否在线兑付应为 true 或 false').describe('Paid online through 政企通 (在线兑付).'),
});

type Parsed = z.output<typeof disbursementInput>;

async function load(tx: Tx, rows: Parsed[]) {
  const [policies, enterprises] = await Promise.all([
    refs.policies(
      tx,
      rows.map((row) => row.policyCode),
    ),
    refs.enterprises(
      tx,
      rows.map((row) => row.enterpriseCreditCode),
    ),
  ]);
  return { policies, enterprises };
}

const spec: TableSpec = {
  ...tableOf('Disbursement', disbursementInput, {
    keys: ['sourceSystem', 'externalId'],
    resolved: ['policyId', 'enterpriseId'],
  }),
  label: '政策资金兑付记录',
  owner: {
    joins: `LEFT JOIN "Policy" opo ON opo.id = t."policyId"
            LEFT JOIN "Enterprise" oe ON oe.id = t."enterpriseId"
            LEFT JOIN "Region" orr ON orr.id = oe."regionId"`,
    departmentId: 'opo."departmentId"',
    regionPath: 'orr.path',
    sourceSystem: 't."sourceSystem"',
  },
};

export const disbursements: RecordKind<Parsed, Awaited<ReturnType<typeof load>>> = {
  spec,
  schema: disbursementInput,
  key: (input) => input.externalId,
  load,
  prepare(input, found, writer, report) {
    const policy = found.policies.get(input.policyCode);
    const enterprise = found.enterprises.get(input.enterpriseCreditCode);
    if (!policy) report('policyCode', 'NOT_FOUND', `政策 ${input.policyCode} 不存在`);
    if (!enterprise) report('enterpriseCreditCode', 'NOT_FOUND', `企业 ${input.enterpriseCreditCode} 不存在`);
    if (!policy || !enterprise) return null;
    return {
      owner: {
        departmentId: policy.departmentId,
        regionPath: enterprise.region.path,
        sourceSystem: writer.source,
      },
      values: {
        sourceSystem: writer.source,
        externalId: input.externalId,
        policyId: policy.id,
        enterpriseId: enterprise.id,
        amountFen: input.amountFen,
        paidOn: input.paidOn,
        mechanism: input.mechanism,
        paidOnline: input.paidOnline,
      },
    };
  },
};
