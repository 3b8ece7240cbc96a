// Writes of government services (政务服务): service cases (办件), one at a time, in batches
// from the one-network platform, and their status steps.
import { builder } from '../../builder.ts';
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
import { ApplicantKindEnum, CaseStatusEnum, ChannelEnum, CitizenRatingEnum } from './records.ts';
import { serviceCases } from './writes.ts';

const ServiceCaseInput = builder.inputType('ServiceCaseInput', {
  description:
    'A service case (办件) as its source system knows it, keyed by (sourceSystem, externalId). Every push is the whole case: fields left out are cleared. The status may move forward along SUBMITTED → ACCEPTED → APPROVED → COMPLETED (or to REJECTED/WITHDRAWN), never back; each status needs its timestamps.',
  fields: (t) => ({
    externalId: t.string({ required: true, description: 'The case number in its source system (办件编号).' }),
    itemCode: t.string({ required: true, description: 'Catalogue code of the service item (事项编码).' }),
    bundleCode: t.string({
      description: 'Code of the "one thing, one visit" bundle, if opened on one (一件事编码).',
    }),
    regionCode: t.string({
      required: true,
      description:
        'Administrative division code of where the case belongs (所属区划代码, 12 digits); its township is derived.',
    }),
    servicePointCode: t.string({ description: 'Code of the service point that received it (服务网点编码).' }),
    partnerRegionCode: t.string({
      description: 'Code of the partner county, for CROSS_PROVINCE cases only (跨省通办合作地区编码).',
    }),
    channel: t.field({ type: ChannelEnum, required: true, description: 'Channel of submission (办理渠道).' }),
    oneNetwork: t.boolean({
      required: true,
      description: 'Handled through the province’s one-network platform (是否一网通办).',
    }),
    applicantKind: t.field({
      type: ApplicantKindEnum,
      required: true,
      description: 'Who applied (申请人类型).',
    }),
    applicantName: t.string({ description: 'The applicant’s name (申请人姓名); personal data.' }),
    applicantIdNumber: t.string({
      description: 'The applicant’s ID number, 18 characters (身份证号); personal data.',
    }),
    applicantPhone: t.string({ description: 'The applicant’s phone (联系电话); personal data.' }),
    enterpriseCreditCode: t.string({
      description:
        'Unified social credit code of the applying firm (统一社会信用代码); linked when the firm is in the grid.',
    }),
    status: t.field({ type: CaseStatusEnum, required: true, description: 'Current step (办件状态).' }),
    submittedAt: t.field({
      type: 'DateTime',
      required: true,
      description: 'When it was submitted (申请时间).',
    }),
    acceptedAt: t.field({ type: 'DateTime', description: 'When it was accepted (受理时间).' }),
    approvedAt: t.field({ type: 'DateTime', description: 'When it was approved (审批时间).' }),
    completedAt: t.field({ type: 'DateTime', description: 'When it was completed (办结时间).' }),
    rejectedAt: t.field({ type: 'DateTime', description: 'When it was rejected (不予受理/不予许可时间).' }),
    withdrawnAt: t.field({ type: 'DateTime', description: 'When it was withdrawn (撤回时间).' }),
    rating: t.field({ type: CitizenRatingEnum, description: 'The applicant’s rating (好差评), if given.' }),
    ratedAt: t.field({ type: 'DateTime', description: 'When it was rated (评价时间); with rating only.' }),
  }),
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
