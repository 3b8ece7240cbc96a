// Writes of credit (信用体系): blacklist entries and removals, double-publicity records, and
// credit-repair applications with their decisions.
import { builder } from '../../builder.ts';
import { inputTypeOf } from '../../writes/input-type.ts';
import { writeMany, writeOne } from '../../writes/records.ts';
import { transitionCreditRepair } from '../../writes/transitions.ts';
import {
  BulkWriteResult,
  expectedVersionArg,
  recordId,
  sourceSystemArg,
  transitionArgs,
  transitionPayload,
  upsertPayload,
} from '../mutation-root.ts';
import { RepairStatusEnum } from './records.ts';
import {
  blacklistEntries,
  blacklistEntryInput,
  blacklistEntryKey,
  blacklistRemovalInput,
  creditRepairInput,
  creditRepairs,
  publicityRecordInput,
  publicityRecords,
  removeBlacklistEntry,
} from './writes.ts';

const BlacklistEntryInput = inputTypeOf('BlacklistEntryInput', blacklistEntryInput, {
  description:
    'An entry on the serious-dishonesty list (严重失信主体名单), keyed by (sourceSystem, externalId). The whole record: a removal left out is cleared.',
});

const BlacklistRemovalInput = inputTypeOf('BlacklistRemovalInput', blacklistRemovalInput, {
  description: 'The removal of a firm from the list (移出严重失信主体名单).',
});

const PublicityRecordInput = inputTypeOf('PublicityRecordInput', publicityRecordInput, {
  description:
    'A published administrative licence or penalty decision (双公示记录), keyed by (sourceSystem, externalId).',
});

inputTypeOf('BlacklistEntryKeyInput', blacklistEntryKey, {
  description: 'Names a blacklist entry by its source system and number.',
});

const CreditRepairInput = inputTypeOf('CreditRepairInput', creditRepairInput, {
  description:
    'A credit-repair application (信用修复申请), keyed by (sourceSystem, externalId); without an externalId one per firm, entry and day, so filing it again changes nothing. A new application is SUBMITTED.',
});

const UpsertBlacklistEntryPayload = upsertPayload('UpsertBlacklistEntryPayload', 'BlacklistEntry', {
  description: 'The result of writing one blacklist entry.',
  record: 'The entry as stored now (失信名单记录).',
});

const UpsertPublicityRecordPayload = upsertPayload('UpsertPublicityRecordPayload', 'PublicityRecord', {
  description: 'The result of upserting one double-publicity record.',
  record: 'The record as stored now (双公示记录).',
});

const FileCreditRepairPayload = upsertPayload('FileCreditRepairPayload', 'CreditRepair', {
  description: 'The result of filing a credit-repair application.',
  record: 'The application as stored now (信用修复申请).',
});

const CreditRepairTransition = transitionPayload('CreditRepairTransition', RepairStatusEnum, 'CreditRepair', {
  description: 'A step of a credit-repair application (信用修复审核).',
  record: 'The application after the step.',
});

const bulk = 'in one transaction, all or nothing, with a row-level report (BULK_REJECTED)';

builder.mutationFields((t) => ({
  upsertBlacklistEntry: t.field({
    type: UpsertBlacklistEntryPayload,
    description: 'Creates or updates one blacklist entry by (sourceSystem, externalId) (失信名单写入).',
    args: {
      input: t.arg({ type: BlacklistEntryInput, required: true, description: 'The entry.' }),
      sourceSystem: sourceSystemArg(t.arg),
      expectedVersion: expectedVersionArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeOne(ctx, blacklistEntries, args.input, {
        sourceSystem: args.sourceSystem,
        expectedVersion: args.expectedVersion,
      }),
  }),
  upsertBlacklistEntries: t.field({
    type: BulkWriteResult,
    description: `Creates or updates up to 5,000 blacklist entries ${bulk} (失信名单批量写入).`,
    args: {
      input: t.arg({
        type: [BlacklistEntryInput],
        required: true,
        description: 'The entries, at most 5,000.',
      }),
      sourceSystem: sourceSystemArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeMany(ctx, blacklistEntries, args.input, { sourceSystem: args.sourceSystem }),
  }),
  removeBlacklistEntry: t.field({
    type: UpsertBlacklistEntryPayload,
    description:
      'Takes a firm off the list (移出失信名单): stamps the removal day and reason on its entry. The same removal again changes nothing.',
    args: {
      input: t.arg({ type: BlacklistRemovalInput, required: true, description: 'The removal.' }),
      sourceSystem: sourceSystemArg(t.arg),
      expectedVersion: expectedVersionArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      removeBlacklistEntry(ctx, args.input, {
        sourceSystem: args.sourceSystem,
        expectedVersion: args.expectedVersion,
      }),
  }),
  upsertPublicityRecord: t.field({
    type: UpsertPublicityRecordPayload,
    description: 'Creates or updates one double-publicity record by (sourceSystem, externalId) (双公示写入).',
    args: {
      input: t.arg({ type: PublicityRecordInput, required: true, description: 'The record.' }),
      sourceSystem: sourceSystemArg(t.arg),
      expectedVersion: expectedVersionArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeOne(ctx, publicityRecords, args.input, {
        sourceSystem: args.sourceSystem,
        expectedVersion: args.expectedVersion,
      }),
  }),
  upsertPublicityRecords: t.field({
    type: BulkWriteResult,
    description: `Creates or updates up to 5,000 double-publicity records ${bulk} (双公示批量写入).`,
    args: {
      input: t.arg({
        type: [PublicityRecordInput],
        required: true,
        description: 'The records, at most 5,000.',
      }),
      sourceSystem: sourceSystemArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeMany(ctx, publicityRecords, args.input, { sourceSystem: args.sourceSystem }),
  }),
  fileCreditRepair: t.field({
    type: FileCreditRepairPayload,
    description:
      'Files a credit-repair application (信用修复申请); its decision goes through transitionCreditRepair.',
    args: {
      input: t.arg({ type: CreditRepairInput, required: true, description: 'The application.' }),
      sourceSystem: sourceSystemArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeOne(ctx, creditRepairs, args.input, { sourceSystem: args.sourceSystem }),
  }),
  transitionCreditRepair: t.field({
    type: CreditRepairTransition,
    description:
      'Moves an application one step (信用修复审核): SUBMITTED → UNDER_REVIEW → APPROVED | REJECTED; the decision stamps its day, and APPROVED removes the firm’s blacklist entry. Any other step is INVALID_TRANSITION.',
    args: {
      id: t.arg.globalID({ required: true, description: 'Global id of the application.' }),
      to: t.arg({ type: RepairStatusEnum, required: true, description: 'The next status.' }),
      expectedVersion: transitionArgs.expectedVersion(t.arg),
      note: transitionArgs.note(t.arg),
      at: transitionArgs.at(t.arg),
    },
    resolve: (_root, args, ctx) =>
      transitionCreditRepair(ctx, {
        id: recordId(args.id, 'CreditRepair', '信用修复申请'),
        to: args.to,
        expectedVersion: args.expectedVersion,
        note: args.note,
        at: args.at,
      }),
  }),
}));
