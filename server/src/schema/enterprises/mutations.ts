// Writes of the enterprise service grid (企业服务网格): enterprises and contact visits.
import { builder } from '../../builder.ts';
import { inputTypeOf } from '../../writes/input-type.ts';
import { writeMany, writeOne } from '../../writes/records.ts';
import { BulkWriteResult, expectedVersionArg, sourceSystemArg, upsertPayload } from '../mutation-root.ts';
import { contactVisitInput, contactVisits, enterpriseInput, enterprises } from './writes.ts';

const EnterpriseInput = inputTypeOf('EnterpriseInput', enterpriseInput, {
  description:
    'An enterprise of the service grid (企业), keyed by its unified social credit code. The whole record: fields left out are cleared. An INTEGRATION creates enterprises as its source system and updates only those.',
});

const ContactVisitInput = inputTypeOf('ContactVisitInput', contactVisitInput, {
  description:
    'A contact visit of grid staff to an enterprise (对接记录), keyed by (sourceSystem, externalId).',
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
