// Writes of the enterprise service grid (企业服务网格): enterprises and contact visits.
import { builder } from '../../builder.ts';
import { writeMany, writeOne } from '../../writes/records.ts';
import { BulkWriteResult, expectedVersionArg, sourceSystemArg, upsertPayload } from '../mutation-root.ts';
import { EnterpriseScaleEnum, VisitModeEnum } from './records.ts';
import { contactVisits, enterprises } from './writes.ts';

const EnterpriseInput = builder.inputType('EnterpriseInput', {
  description:
    'An enterprise of the service grid (企业), keyed by its unified social credit code. The whole record: fields left out are cleared. An INTEGRATION creates enterprises as its source system and updates only those.',
  fields: (t) => ({
    creditCode: t.string({
      required: true,
      description: 'Unified social credit code, 18 characters (统一社会信用代码).',
    }),
    name: t.string({ required: true, description: 'Registered name (企业名称).' }),
    industry: t.string({ required: true, description: 'Industry (所属行业).' }),
    scale: t.field({ type: EnterpriseScaleEnum, required: true, description: 'Size class (企业规模).' }),
    regionCode: t.string({
      required: true,
      description: 'Administrative division code of its location (所在区划代码).',
    }),
    registeredOn: t.field({ type: 'Date', required: true, description: 'Date of establishment (成立日期).' }),
    legalRepName: t.string({ description: 'Legal representative’s name (法定代表人); personal data.' }),
    legalRepPhone: t.string({ description: 'Legal representative’s phone (联系电话); personal data.' }),
    aboveScale: t.boolean({
      required: true,
      defaultValue: false,
      description: 'Above-designated-size industrial enterprise (规上企业).',
    }),
    gridUnitCode: t.string({ description: 'Code of its grid unit (网格单位编码).' }),
    contactStaffCode: t.string({
      description: 'Code of its assigned contact (联系网格员编码, 户户有对接); must belong to the grid unit.',
    }),
  }),
});

const ContactVisitInput = builder.inputType('ContactVisitInput', {
  description:
    'A contact visit of grid staff to an enterprise (对接记录), keyed by (sourceSystem, externalId).',
  fields: (t) => ({
    externalId: t.string({
      required: true,
      description: 'The visit’s number in its source system (记录编号).',
    }),
    enterpriseCreditCode: t.string({
      required: true,
      description: 'Unified social credit code of the enterprise visited (统一社会信用代码).',
    }),
    gridStaffCode: t.string({ required: true, description: 'Code of the grid staff member (网格员编码).' }),
    visitedAt: t.field({
      type: 'DateTime',
      required: true,
      description: 'When the visit took place (对接时间).',
    }),
    mode: t.field({ type: VisitModeEnum, required: true, description: 'How it took place (对接方式).' }),
    summary: t.string({ required: true, description: 'What was discussed (对接情况).' }),
    problemRaised: t.boolean({
      required: true,
      defaultValue: false,
      description: 'The enterprise raised a problem (反映问题); record it with upsertProblem.',
    }),
  }),
});

const UpsertEnterprisePayload = upsertPayload('UpsertEnterprisePayload', 'Enterprise', {
  description: 'The result of upserting one enterprise.',
  record: 'The enterprise as stored now (企业).',
});

const UpsertContactVisitPayload = upsertPayload('UpsertContactVisitPayload', 'ContactVisit', {
  description: 'The result of upserting one contact visit.',
  record: 'The visit as stored now (对接记录).',
});

builder.mutationFields((t) => ({
  upsertEnterprise: t.field({
    type: UpsertEnterprisePayload,
    description: 'Creates or updates one enterprise by its unified social credit code (企业写入).',
    args: {
      input: t.arg({ type: EnterpriseInput, required: true, description: 'The enterprise.' }),
      sourceSystem: sourceSystemArg(t.arg),
      expectedVersion: expectedVersionArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeOne(ctx, enterprises, args.input, {
        sourceSystem: args.sourceSystem,
        expectedVersion: args.expectedVersion,
      }),
  }),
  upsertContactVisit: t.field({
    type: UpsertContactVisitPayload,
    description: 'Creates or updates one contact visit by (sourceSystem, externalId) (对接记录写入).',
    args: {
      input: t.arg({ type: ContactVisitInput, required: true, description: 'The visit.' }),
      sourceSystem: sourceSystemArg(t.arg),
      expectedVersion: expectedVersionArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeOne(ctx, contactVisits, args.input, {
        sourceSystem: args.sourceSystem,
        expectedVersion: args.expectedVersion,
      }),
  }),
  upsertContactVisits: t.field({
    type: BulkWriteResult,
    description:
      'Creates or updates up to 5,000 contact visits in one transaction (对接记录批量写入), all or nothing, with a row-level report (BULK_REJECTED).',
    args: {
      input: t.arg({ type: [ContactVisitInput], required: true, description: 'The visits, at most 5,000.' }),
      sourceSystem: sourceSystemArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeMany(ctx, contactVisits, args.input, { sourceSystem: args.sourceSystem }),
  }),
}));
