// Writes of obstacle clearing (清障行动): problems, assignment slips and their steps,
// follow-ups, and the monthly progress of investment projects.
import { builder } from '../../builder.ts';
import { inputTypeOf } from '../../writes/input-type.ts';
import { writeOne } from '../../writes/records.ts';
import { transitionAssignmentSlip, transitionProblem } from '../../writes/transitions.ts';
import {
  expectedVersionArg,
  recordId,
  sourceSystemArg,
  transitionArgs,
  transitionPayload,
  upsertPayload,
} from '../mutation-root.ts';
import { ProblemStatusEnum, SlipStatusEnum } from './records.ts';
import {
  assignmentSlipInput,
  assignmentSlips,
  problemFollowUpInput,
  problemFollowUps,
  problemInput,
  problems,
  projectProgress,
  projectProgressInput,
} from './writes.ts';

const ProblemInput = inputTypeOf('ProblemInput', problemInput, {
  description:
    'A problem blocking a firm or a project (问题), keyed by its code. The whole record: fields left out are cleared. A new problem is OPEN; its status changes with transitionProblem.',
});

const AssignmentSlipInput = inputTypeOf('AssignmentSlipInput', assignmentSlipInput, {
  description:
    'An assignment slip (交办单), keyed by its number. A new slip is ISSUED, and makes an OPEN problem ASSIGNED; its steps go through transitionAssignmentSlip.',
});

const ProblemFollowUpInput = inputTypeOf('ProblemFollowUpInput', problemFollowUpInput, {
  description:
    'A follow-up of a problem (跟踪记录), keyed by (sourceSystem, externalId). Without an externalId there is one per problem and day: writing the same day again replaces its note.',
});

const ProjectProgressInput = inputTypeOf('ProjectProgressInput', projectProgressInput, {
  description:
    'The progress of an investment project in one month (项目月度进展), keyed by project and month. The project takes the status of its latest month.',
});

const UpsertProblemPayload = upsertPayload('UpsertProblemPayload', 'Problem', {
  description: 'The result of upserting one problem.',
  record: 'The problem as stored now (问题).',
});

const UpsertAssignmentSlipPayload = upsertPayload('UpsertAssignmentSlipPayload', 'AssignmentSlip', {
  description: 'The result of upserting one assignment slip.',
  record: 'The slip as stored now (交办单).',
});

const UpsertProblemFollowUpPayload = upsertPayload('UpsertProblemFollowUpPayload', 'ProblemFollowUp', {
  description: 'The result of writing one follow-up.',
  record: 'The follow-up as stored now (跟踪记录).',
  versioned: false,
});

const UpsertProjectProgressPayload = upsertPayload('UpsertProjectProgressPayload', 'ProjectProgress', {
  description: 'The result of writing one month of a project’s progress.',
  record: 'The month’s progress as stored now (月度进展).',
  versioned: false,
});

const ProblemTransition = transitionPayload('ProblemTransition', ProblemStatusEnum, 'Problem', {
  description: 'A status step of a problem (问题状态变更).',
  record: 'The problem after the step.',
});

const AssignmentSlipTransition = transitionPayload(
  'AssignmentSlipTransition',
  SlipStatusEnum,
  'AssignmentSlip',
  {
    description: 'A step of an assignment slip (交办单状态变更).',
    record: 'The slip after the step.',
  },
);

builder.mutationFields((t) => ({
  upsertProblem: t.field({
    type: UpsertProblemPayload,
    description: 'Creates or updates one problem by its code (问题写入); never changes its status.',
    args: {
      input: t.arg({ type: ProblemInput, required: true, description: 'The problem.' }),
      sourceSystem: sourceSystemArg(t.arg),
      expectedVersion: expectedVersionArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeOne(ctx, problems, args.input, {
        sourceSystem: args.sourceSystem,
        expectedVersion: args.expectedVersion,
      }),
  }),
  upsertAssignmentSlip: t.field({
    type: UpsertAssignmentSlipPayload,
    description:
      'Issues or corrects one assignment slip by its number (交办单写入); never changes its status.',
    args: {
      input: t.arg({ type: AssignmentSlipInput, required: true, description: 'The slip.' }),
      sourceSystem: sourceSystemArg(t.arg),
      expectedVersion: expectedVersionArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeOne(ctx, assignmentSlips, args.input, {
        sourceSystem: args.sourceSystem,
        expectedVersion: args.expectedVersion,
      }),
  }),
  upsertProblemFollowUp: t.field({
    type: UpsertProblemFollowUpPayload,
    description:
      'Creates or updates one follow-up of a problem by (sourceSystem, externalId) (问题跟踪记录写入).',
    args: {
      input: t.arg({ type: ProblemFollowUpInput, required: true, description: 'The follow-up.' }),
      sourceSystem: sourceSystemArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeOne(ctx, problemFollowUps, args.input, { sourceSystem: args.sourceSystem }),
  }),
  upsertProjectProgress: t.field({
    type: UpsertProjectProgressPayload,
    description: 'Records a project’s progress for a month (项目月度进展写入).',
    args: {
      input: t.arg({ type: ProjectProgressInput, required: true, description: 'The month’s progress.' }),
      sourceSystem: sourceSystemArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeOne(ctx, projectProgress, args.input, { sourceSystem: args.sourceSystem }),
  }),
  transitionProblem: t.field({
    type: ProblemTransition,
    description:
      'Moves a problem one step (问题状态变更): OPEN → ASSIGNED → IN_PROGRESS → RESOLVED → CLOSED; RESOLVED and CLOSED stamp their time; CLOSED (销号) needs every slip closed. Any other step is INVALID_TRANSITION.',
    args: {
      id: t.arg.globalID({ required: true, description: 'Global id of the problem.' }),
      to: t.arg({ type: ProblemStatusEnum, required: true, description: 'The next status.' }),
      expectedVersion: transitionArgs.expectedVersion(t.arg),
      note: transitionArgs.note(t.arg),
      at: transitionArgs.at(t.arg),
    },
    resolve: (_root, args, ctx) =>
      transitionProblem(ctx, {
        id: recordId(args.id, 'Problem', '问题'),
        to: args.to,
        expectedVersion: args.expectedVersion,
        note: args.note,
        at: args.at,
      }),
  }),
  transitionAssignmentSlip: t.field({
    type: AssignmentSlipTransition,
    description:
      'Moves a slip one step (交办单状态变更): ISSUED → ACKNOWLEDGED → REPLIED → VERIFIED → CLOSED, stamping each step’s time. The department acknowledges and replies (the reply in `note`); the office (STAFF, ADMIN) verifies and closes. Skipping or going back is INVALID_TRANSITION.',
    args: {
      id: t.arg.globalID({ required: true, description: 'Global id of the slip.' }),
      to: t.arg({ type: SlipStatusEnum, required: true, description: 'The next status.' }),
      expectedVersion: transitionArgs.expectedVersion(t.arg),
      note: t.arg.string({
        description: 'The reply (回复内容) when going to REPLIED; otherwise why, for the audit log.',
      }),
      at: transitionArgs.at(t.arg),
    },
    resolve: (_root, args, ctx) =>
      transitionAssignmentSlip(ctx, {
        id: recordId(args.id, 'AssignmentSlip', '交办单'),
        to: args.to,
        expectedVersion: args.expectedVersion,
        note: args.note,
        at: args.at,
      }),
  }),
}));
