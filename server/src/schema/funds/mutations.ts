// Writes of policy funds (政企通): disbursements, one at a time or in batches.
import { builder } from '../../builder.ts';
import { inputTypeOf } from '../../writes/input-type.ts';
import { writeMany, writeOne } from '../../writes/records.ts';
import { BulkWriteResult, expectedVersionArg, sourceSystemArg, upsertPayload } from '../mutation-root.ts';
import { disbursementInput, disbursements } from './writes.ts';

const DisbursementInput = inputTypeOf('DisbursementInput', disbursementInput, {
  description: 'A payment of policy funds to a firm (政策资金兑付), keyed by (sourceSystem, externalId).',
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
