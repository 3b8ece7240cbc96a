// The Mutation type and what every write shares: the outcome of an upsert, the summary of a
// batch, and the arguments that name the source system and the version the caller last read.
import type { ArgBuilder, EnumRef } from '@pothos/core';
import { builder } from '../builder.ts';
import type PrismaTypes from '../generated/pothos-types.ts';
import type { RowResult } from '../writes/engine.ts';

/** What a single upsert returns: the record's id, its version now and what was done. */
export type WriteResult = Pick<RowResult, 'id' | 'version' | 'outcome'>;

import { refuse } from '../writes/errors.ts';
import { MAX_BATCH } from '../writes/records.ts';
import type { TransitionResult } from '../writes/transitions.ts';

builder.mutationType({
  description: `Write the hub: records pushed by other systems and entered by the office's staff (写入).

Upserts are keyed by the record's natural key — (sourceSystem, externalId) for integration feeds, a code or a credit code otherwise — so replaying the same input changes nothing: no new row, no new version, no audit row. Bulk mutations take up to ${MAX_BATCH} records, all or nothing. Status changes go through one transition mutation per state machine.

Errors are GraphQLErrors with \`extensions.code\` — BAD_USER_INPUT, NOT_FOUND, FORBIDDEN, INVALID_TRANSITION, VERSION_CONFLICT (with \`currentVersion\`), DUPLICATE_KEY or BULK_REJECTED — a Chinese \`message\`, and \`extensions.issues\`: [{ path, code, message, index? }], where \`path\` is the field inside the arguments (e.g. ["input", 3, "itemCode"]) and \`index\` the row of a batch. A refused write writes nothing. (Type errors in the variables, e.g. an unknown enum value, are refused by GraphQL itself before any write.)`,
  authScopes: { write: true },
});

export const WriteOutcomeEnum = builder.enumType('WriteOutcome', {
  description: 'What an upsert did to the record (写入结果).',
  values: {
    CREATED: { description: 'A new record was created (新增).' },
    UPDATED: { description: 'The record existed and changed; its version went up by one (更新).' },
    UNCHANGED: { description: 'The record existed with exactly these values; nothing was written (未变化).' },
  },
});

export const BulkWriteResult = builder
  .objectRef<{ total: number; created: number; updated: number; unchanged: number }>('BulkWriteResult')
  .implement({
    description: 'What a bulk upsert did, all in one transaction (批量写入结果).',
    fields: (t) => ({
      total: t.exposeInt('total', { description: 'Records in the batch.' }),
      created: t.exposeInt('created', { description: 'Records created (新增).' }),
      updated: t.exposeInt('updated', { description: 'Records that existed and changed (更新).' }),
      unchanged: t.exposeInt('unchanged', {
        description: 'Records that existed with exactly these values; not written (未变化).',
      }),
    }),
  });

type HubTypes = typeof builder.$inferSchemaTypes;

/** A model whose records a write returns. */
type WrittenModel = keyof PrismaTypes;

type RecordLookup = { findUniqueOrThrow(args: { where: { id: number } }): Promise<unknown> };

/** The payload's record, read again as stored after the write, with the client's selection. */
function recordField<Parent extends { id: number }>(
  t: PothosSchemaTypes.ObjectFieldBuilder<HubTypes, Parent>,
  model: WrittenModel,
  description: string,
) {
  const delegate = `${model.charAt(0).toLowerCase()}${model.slice(1)}`;
  return t.prismaField({
    type: model,
    description,
    resolve: (query, written, _args, ctx) =>
      (ctx.prisma as unknown as Record<string, RecordLookup>)[delegate]!.findUniqueOrThrow({
        ...query,
        where: { id: written.id },
      }) as never,
  });
}

/** What a payload type says of itself and of the record it carries (a field named after the model). */
export interface PayloadDescriptions {
  description: string;
  record: string;
}

/**
 * The payload type of an upsert: what it did, the record's version after it (for a record that
 * has versions) and the record, e.g. `UpsertProblemPayload { outcome version problem }`.
 */
export function upsertPayload(
  name: string,
  model: WrittenModel,
  { description, record, versioned = true }: PayloadDescriptions & { versioned?: boolean },
) {
  return builder.objectRef<WriteResult>(name).implement({
    description,
    fields: (t) => ({
      outcome: t.expose('outcome', {
        type: WriteOutcomeEnum,
        description: 'What the upsert did (写入结果).',
      }),
      ...(versioned
        ? {
            version: t.exposeInt('version', {
              description:
                'The record’s version after the write; pass it as expectedVersion with the next change.',
            }),
          }
        : {}),
      [`${model.charAt(0).toLowerCase()}${model.slice(1)}`]: recordField(t, model, record),
    }),
  });
}

export const sourceSystemArg = (arg: ArgBuilder<typeof builder.$inferSchemaTypes>) =>
  arg.string({
    description:
      'The source system the record belongs to (来源系统). An INTEGRATION token always writes its own (from the token; naming another is FORBIDDEN); staff default to `hub`, the records entered in the hub.',
  });

export const expectedVersionArg = (arg: ArgBuilder<typeof builder.$inferSchemaTypes>) =>
  arg.int({
    description:
      'The version the caller last read (乐观锁). When given and the record’s version differs (or the record does not exist yet), the write is refused with VERSION_CONFLICT and `currentVersion`.',
  });

/** The database id of a global id that must name a record of this type. */
export function recordId(
  globalId: { typename: string; id: string },
  typename: string,
  label: string,
): number {
  const id = Number(globalId.id);
  if (globalId.typename !== typename || !Number.isSafeInteger(id) || id < 1) {
    throw refuse({ path: ['id'], code: 'NOT_FOUND', message: `id 不是${label}的 id` });
  }
  return id;
}

/**
 * The payload type of a status step: the statuses before and after, the new version and the
 * record, e.g. `ProblemTransition { from to version problem }`. (Pothos cannot resolve its
 * resolver-result type for a generic status, hence the casts; the enum ref and the step carry
 * the same S.)
 */
export function transitionPayload<S extends string>(
  name: string,
  status: EnumRef<HubTypes, S, S>,
  model: WrittenModel,
  { description, record }: PayloadDescriptions,
) {
  return builder.objectRef<TransitionResult<S>>(name).implement({
    description,
    fields: (t) => ({
      ...stepFields(t, status),
      [`${model.charAt(0).toLowerCase()}${model.slice(1)}`]: recordField(t, model, record),
    }),
  });
}

function stepFields<S extends string>(
  t: PothosSchemaTypes.ObjectFieldBuilder<HubTypes, TransitionResult<S>>,
  status: EnumRef<HubTypes, S, S>,
) {
  return {
    from: t.field({
      type: status,
      description: 'The status before the step (原状态).',
      resolve: (step) => step.from as never,
    }),
    to: t.field({
      type: status,
      description: 'The status after the step (新状态).',
      resolve: (step) => step.to as never,
    }),
    version: t.int({
      description: 'The record’s version after the step; pass it as expectedVersion with the next change.',
      resolve: (step) => step.version,
    }),
  };
}

export const transitionArgs = {
  note: (arg: ArgBuilder<typeof builder.$inferSchemaTypes>) =>
    arg.string({ description: 'Why, in a few words (说明); kept in the audit log.' }),
  at: (arg: ArgBuilder<typeof builder.$inferSchemaTypes>) =>
    arg({
      type: 'DateTime',
      description:
        'When the step happened (办理时间), e.g. as recorded by the source system; now when omitted. Not in the future, not before the previous step.',
    }),
  expectedVersion: (arg: ArgBuilder<typeof builder.$inferSchemaTypes>) =>
    arg.int({
      required: true,
      description:
        'The version the caller last read (乐观锁); a different current version is refused with VERSION_CONFLICT and `currentVersion`.',
    }),
};
