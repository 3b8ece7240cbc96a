// Writes of staff and windows (队伍建设): monthly work points.
import { builder } from '../../builder.ts';
import { inputTypeOf } from '../../writes/input-type.ts';
import { writeOne } from '../../writes/records.ts';
import { expectedVersionArg, sourceSystemArg, upsertPayload } from '../mutation-root.ts';
import { staffWorkPoints, windowWorkPoints, workPointInput } from './writes.ts';

const WorkPointInput = inputTypeOf('WorkPointInput', workPointInput, {
  description:
    'Work points of a window or of a member of staff for a month (工分), keyed by the month and the window or the person: name exactly one.',
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
