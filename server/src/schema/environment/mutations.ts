// Writes of indicator values (指标值): evaluation scores and passive-monitoring series.
import { builder } from '../../builder.ts';
import { writeMany, writeOne } from '../../writes/records.ts';
import { BulkWriteResult, expectedVersionArg, sourceSystemArg, upsertPayload } from '../mutation-root.ts';
import { PeriodKindEnum } from './records.ts';
import { indicatorValues } from './writes.ts';

const IndicatorValueInput = builder.inputType('IndicatorValueInput', {
  description:
    'A value of an indicator for one period and region (指标值), keyed by indicator, region, period kind and the period’s first day.',
  fields: (t) => ({
    indicatorCode: t.string({ required: true, description: 'Code of the indicator (指标编码).' }),
    regionCode: t.string({
      required: true,
      description: 'Administrative division code of the region (区划代码).',
    }),
    periodKind: t.field({
      type: PeriodKindEnum,
      required: true,
      description: 'Length of the period (周期).',
    }),
    periodStart: t.field({
      type: 'Date',
      required: true,
      description:
        'First day of the period: a Monday, a month’s or quarter’s 1st, or 1 January (周期起始日).',
    }),
    value: t.field({ type: 'Decimal', required: true, description: 'The value, up to 4 decimals (指标值).' }),
    tier: t.int({ description: 'Province tier, 1 best (档次).' }),
    rank: t.int({ description: 'Rank, 1 best (排名).' }),
    rankOf: t.int({ description: 'How many were ranked (参与排名数).' }),
    bestInProvince: t.boolean({
      required: true,
      defaultValue: false,
      description: 'Best in the province (全省最优).',
    }),
  }),
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
