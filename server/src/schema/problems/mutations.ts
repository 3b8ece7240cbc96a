// Writes of obstacle clearing (清障行动): problems, assignment slips and their steps,
// follow-ups, and the monthly progress of investment projects.
import { builder } from '../../builder.ts';
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
import { ProblemSourceEnum, ProblemStatusEnum, ProjectStatusEnum, SlipStatusEnum } from './records.ts';
import { assignmentSlips, problemFollowUps, problems, projectProgress } from './writes.ts';

const ProblemInput = builder.inputType('ProblemInput', {
  description:
    'A problem blocking a firm or a project (问题), keyed by its code. The whole record: fields left out are cleared. A new problem is OPEN; its status changes with transitionProblem.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'The problem’s number (问题编号).' }),
    externalId: t.string({ description: 'Its number in the source system, if it came from one (来源编号).' }),
    title: t.string({ required: true, description: 'Short title (问题标题).' }),
    description: t.string({ description: 'What the problem is (问题描述).' }),
    source: t.field({
      type: ProblemSourceEnum,
      required: true,
      description: 'Where it came from (问题来源).',
    }),
    ownerDepartmentCode: t.string({
      required: true,
      description: 'Code of the responsible department (责任部门).',
    }),
    regionCode: t.string({ description: 'Administrative division code of where it is (所在区划代码).' }),
    enterpriseCreditCode: t.string({ description: 'Credit code of the firm concerned (涉及企业).' }),
    projectCode: t.string({ description: 'Code of the investment project concerned (涉及项目).' }),
    reportedOn: t.field({ type: 'Date', required: true, description: 'When it was reported (反映日期).' }),
    deadline: t.field({ type: 'Date', description: 'When it must be solved by (办结时限).' }),
  }),
});

const AssignmentSlipInput = builder.inputType('AssignmentSlipInput', {
  description:
    'An assignment slip (交办单), keyed by its number. A new slip is ISSUED, and makes an OPEN problem ASSIGNED; its steps go through transitionAssignmentSlip.',
  fields: (t) => ({
    code: t.string({
      required: true,
      description: 'The slip’s number, e.g. 示营商交〔2023〕7号 (交办单编号).',
    }),
    problemCode: t.string({ required: true, description: 'Code of the problem assigned (问题编号).' }),
    departmentCode: t.string({
      required: true,
      description: 'Code of the department it is assigned to (承办部门).',
    }),
    issuedOn: t.field({ type: 'Date', required: true, description: 'Day of issue (交办日期).' }),
    deadline: t.field({
      type: 'Date',
      required: true,
      description: 'Day it must be answered by (办理时限).',
    }),
  }),
});

const ProblemFollowUpInput = builder.inputType('ProblemFollowUpInput', {
  description:
    'A follow-up of a problem (跟踪记录), keyed by (sourceSystem, externalId). Without an externalId there is one per problem and day: writing the same day again replaces its note.',
  fields: (t) => ({
    externalId: t.string({
      description:
        'Its id in the source system (记录编号); when omitted, `<problem code>/<day>`, so the same day replaces the note.',
    }),
    problemCode: t.string({ required: true, description: 'Code of the problem (问题编号).' }),
    followedOn: t.field({ type: 'Date', required: true, description: 'Day of the follow-up (跟踪日期).' }),
    note: t.string({ required: true, description: 'What was found (跟踪情况).' }),
  }),
});

const ProjectProgressInput = builder.inputType('ProjectProgressInput', {
  description:
    'The progress of an investment project in one month (项目月度进展), keyed by project and month. The project takes the status of its latest month.',
  fields: (t) => ({
    projectCode: t.string({ required: true, description: 'Code of the project (项目编码).' }),
    month: t.field({
      type: 'Date',
      required: true,
      description: 'The month, as its first day, e.g. 2023-05-01 (月份).',
    }),
    status: t.field({
      type: ProjectStatusEnum,
      required: true,
      description: 'The project’s status that month (项目状态).',
    }),
    note: t.string({ required: true, description: 'What happened (进展情况).' }),
  }),
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
