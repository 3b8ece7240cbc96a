// Writes of government services (政务服务): service cases (办件), one at a time, in batches
// from the one-network platform, and their status steps.
import { builder } from '../../builder.ts';
import { inputTypeOf } from '../../writes/input-type.ts';
import { writeMany, writeOne } from '../../writes/records.ts';
import { transitionServiceCase } from '../../writes/transitions.ts';
import {
  BulkWriteResult,
  expectedVersionArg,
  recordId,
  sourceSystemArg,
  transitionArgs,
  transitionPayload,
  upsertPayload,
} from '../mutation-root.ts';
import { CaseStatusEnum } from './records.ts';
import { serviceCaseInput, serviceCases } from './writes.ts';

const ServiceCaseInput = inputTypeOf('ServiceCaseInput', serviceCaseInput, {
  description:
    'A service case (办件) as its source system knows it, keyed by (sourceSystem, externalId). Every push is the whole case: fields left out are cleared. The status may move forward along SUBMITTED → ACCEPTED → APPROVED → COMPLETED (or to REJECTED/WITHDRAWN), never back; each status needs its timestamps.',
});

const UpsertServiceCasePayload = upsertPayload('UpsertServiceCasePayload', 'ServiceCase', {
  description: 'The result of upserting one service case.',
  record: 'The case as stored now (办件).',
});

const ServiceCaseTransition = transitionPayload('ServiceCaseTransition', CaseStatusEnum, 'ServiceCase', {
  description: 'A status step of a service case (办件状态变更).',
  record: 'The case after the step.',
});

builder.mutationFields((t) => ({
  upsertServiceCase: t.field({
    type: UpsertServiceCasePayload,
    description:
      'Creates or updates one service case by (sourceSystem, externalId) (办件写入). Replaying the same input changes nothing.',
    args: {
      input: t.arg({ type: ServiceCaseInput, required: true, description: 'The case.' }),
      sourceSystem: sourceSystemArg(t.arg),
      expectedVersion: expectedVersionArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeOne(ctx, serviceCases, args.input, {
        sourceSystem: args.sourceSystem,
        expectedVersion: args.expectedVersion,
      }),
  }),
  upsertServiceCases: t.field({
    type: BulkWriteResult,
    description:
      'Creates or updates up to 5,000 service cases in one transaction (办件批量写入), all or nothing: any invalid row refuses the batch with BULK_REJECTED and every row’s issues. Replaying a batch changes nothing.',
    args: {
      input: t.arg({ type: [ServiceCaseInput], required: true, description: 'The cases, at most 5,000.' }),
      sourceSystem: sourceSystemArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeMany(ctx, serviceCases, args.input, { sourceSystem: args.sourceSystem }),
  }),
  transitionServiceCase: t.field({
    type: ServiceCaseTransition,
    description:
      'Moves a case one step (办件状态变更): SUBMITTED → ACCEPTED | REJECTED | WITHDRAWN, ACCEPTED → APPROVED | REJECTED | WITHDRAWN, APPROVED → COMPLETED; stamps the step’s time. Any other step is INVALID_TRANSITION.',
    args: {
      id: t.arg.globalID({ required: true, description: 'Global id of the case.' }),
      to: t.arg({ type: CaseStatusEnum, required: true, description: 'The next status.' }),
      expectedVersion: transitionArgs.expectedVersion(t.arg),
      note: transitionArgs.note(t.arg),
      at: transitionArgs.at(t.arg),
    },
    resolve: (_root, args, ctx) =>
      transitionServiceCase(ctx, {
        id: recordId(args.id, 'ServiceCase', '办件'),
        to: args.to,
        expectedVersion: args.expectedVersion,
        note: args.note,
        at: args.at,
      }),
  }),
}));
