// Writes of indicator values (指标值): evaluation scores and passive-monitoring series.
import { builder } from '../../builder.ts';
import { inputTypeOf } from '../../writes/input-type.ts';
import { writeMany, writeOne } from '../../writes/records.ts';
import { BulkWriteResult, expectedVersionArg, sourceSystemArg, upsertPayload } from '../mutation-root.ts';
import { indicatorValueInput, indicatorValues } from './writes.ts';

const IndicatorValueInput = inputTypeOf('IndicatorValueInput', indicatorValueInput, {
  description:
    'A value of an indicator for one period and region (指标值), keyed by indicator, region, period kind and the period’s first day.',
});

const UpsertIndicatorValuePayload = upsertPayload('UpsertIndicatorValuePayload', 'IndicatorValue', {
  description: 'The result of upserting one indicator value.',
  record: 'The value as stored now (指标值).',
});

builder.mutationFields((t) => ({
  upsertIndicatorValue: t.field({
    type: UpsertIndicatorValuePayload,
    description:
      'Creates or updates one indicator value (指标值写入). The source system that first reported a value owns it; other feeds may not change it.',
    args: {
      input: t.arg({ type: IndicatorValueInput, required: true, description: 'The value.' }),
      sourceSystem: sourceSystemArg(t.arg),
      expectedVersion: expectedVersionArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeOne(ctx, indicatorValues, args.input, {
        sourceSystem: args.sourceSystem,
        expectedVersion: args.expectedVersion,
      }),
  }),
  upsertIndicatorValues: t.field({
    type: BulkWriteResult,
    description:
      'Creates or updates up to 5,000 indicator values in one transaction (指标值批量写入), all or nothing, with a row-level report (BULK_REJECTED).',
    args: {
      input: t.arg({
        type: [IndicatorValueInput],
        required: true,
        description: 'The values, at most 5,000.',
      }),
      sourceSystem: sourceSystemArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeMany(ctx, indicatorValues, args.input, { sourceSystem: args.sourceSystem }),
  }),
}));
