// Writes of staff and windows (队伍建设): monthly work points.
import { builder } from '../../builder.ts';
import { writeOne } from '../../writes/records.ts';
import { expectedVersionArg, sourceSystemArg, upsertPayload } from '../mutation-root.ts';
import { staffWorkPoints, windowWorkPoints } from './writes.ts';

const WorkPointInput = builder.inputType('WorkPointInput', {
  description:
    'Work points of a window or of a member of staff for a month (工分), keyed by the month and the window or the person: name exactly one.',
  fields: (t) => ({
    month: t.field({
      type: 'Date',
      required: true,
      description: 'The month, as its first day, e.g. 2023-05-01 (月份).',
    }),
    windowCode: t.string({ description: 'Code of the window (窗口编码).' }),
    staffCode: t.string({ description: 'Code of the member of staff (工作人员编码).' }),
    points: t.field({ type: 'Decimal', required: true, description: 'The points, up to 2 decimals (工分).' }),
  }),
});

const UpsertWorkPointPayload = upsertPayload('UpsertWorkPointPayload', 'WorkPoint', {
  description: 'The result of upserting one month’s work points.',
  record: 'The work points as stored now (工分).',
});

builder.mutationFields((t) => ({
  upsertWorkPoint: t.field({
    type: UpsertWorkPointPayload,
    description: 'Creates or updates the work points of a window or a person for a month (工分写入).',
    args: {
      input: t.arg({ type: WorkPointInput, required: true, description: 'The work points.' }),
      sourceSystem: sourceSystemArg(t.arg),
      expectedVersion: expectedVersionArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeOne(ctx, args.input.staffCode ? staffWorkPoints : windowWorkPoints, args.input, {
        sourceSystem: args.sourceSystem,
        expectedVersion: args.expectedVersion,
      }),
  }),
}));
