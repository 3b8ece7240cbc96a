// Writes of policy funds (政企通): disbursements, one at a time or in batches.
import { builder } from '../../builder.ts';
import { writeMany, writeOne } from '../../writes/records.ts';
import { BulkWriteResult, expectedVersionArg, sourceSystemArg, upsertPayload } from '../mutation-root.ts';
import { DisbursementMechanismEnum } from './records.ts';
import { disbursements } from './writes.ts';

const DisbursementInput = builder.inputType('DisbursementInput', {
  description: 'A payment of policy funds to a firm (政策资金兑付), keyed by (sourceSystem, externalId).',
  fields: (t) => ({
    externalId: t.string({ required: true, description: 'The payment’s number in 政企通 (兑付编号).' }),
    policyCode: t.string({ required: true, description: 'Code of the policy paid under (政策编码).' }),
    enterpriseCreditCode: t.string({
      required: true,
      description: 'Unified social credit code of the beneficiary (受益企业统一社会信用代码).',
    }),
    amountFen: t.field({
      type: 'BigInt',
      required: true,
      description: 'Amount in fen (分); 1 yuan = 100 fen.',
    }),
    paidOn: t.field({ type: 'Date', required: true, description: 'Day of payment (兑付日期).' }),
    mechanism: t.field({
      type: DisbursementMechanismEnum,
      required: true,
      description: 'How it was funded (兑付机制).',
    }),
    paidOnline: t.boolean({ required: true, description: 'Paid online through 政企通 (在线兑付).' }),
  }),
});

const UpsertDisbursementPayload = upsertPayload('UpsertDisbursementPayload', 'Disbursement', {
  description: 'The result of upserting one disbursement.',
  record: 'The disbursement as stored now (兑付记录).',
});

builder.mutationFields((t) => ({
  upsertDisbursement: t.field({
    type: UpsertDisbursementPayload,
    description: 'Creates or updates one disbursement by (sourceSystem, externalId) (兑付记录写入).',
    args: {
      input: t.arg({ type: DisbursementInput, required: true, description: 'The disbursement.' }),
      sourceSystem: sourceSystemArg(t.arg),
      expectedVersion: expectedVersionArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeOne(ctx, disbursements, args.input, {
        sourceSystem: args.sourceSystem,
        expectedVersion: args.expectedVersion,
      }),
  }),
  upsertDisbursements: t.field({
    type: BulkWriteResult,
    description:
      'Creates or updates up to 5,000 disbursements in one transaction (兑付记录批量写入), all or nothing, with a row-level report (BULK_REJECTED).',
    args: {
      input: t.arg({
        type: [DisbursementInput],
        required: true,
        description: 'The disbursements, at most 5,000.',
      }),
      sourceSystem: sourceSystemArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeMany(ctx, disbursements, args.input, { sourceSystem: args.sourceSystem }),
  }),
}));
