// The audit log (审计日志): every write leaves a row in the same transaction (audit.ts). Only the
// office's administrators read it; the rows hold records as they were, personal data included.
import { GraphQLError } from 'graphql';
import { builder, totalCountField } from '../builder.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { reads } from './reads.ts';

export const AuditLogNode = builder.prismaNode('AuditLog', {
  description: 'One write (审计记录): who, with which role, did what to which record, before and after.',
  id: { field: 'id' },
  authScopes: { admin: true },
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime', description: 'When the write was committed (操作时间).' }),
    actor: t.exposeString('actor', {
      description:
        'The token’s subject (操作人): a person, a screen, `api-key:<prefix>:<name>`, or `anonymous`.',
    }),
    role: t.exposeString('role', { description: 'The role the token carried (角色); NONE without a token.' }),
    action: t.exposeString('action', {
      description: 'What was done (操作): CREATE, UPDATE, UPSERT, TRANSITION, DELETE, BULK_UPSERT …',
    }),
    entity: t.exposeString('entity', { description: 'The kind of record (对象类型), e.g. AssignmentSlip.' }),
    entityId: t.exposeString('entityId', {
      nullable: true,
      description: 'The record’s database id (对象编号); null for writes not about one record.',
    }),
    before: t.expose('before', {
      type: 'JSON',
      nullable: true,
      description: 'The record before the write (修改前); null for a creation.',
    }),
    after: t.expose('after', {
      type: 'JSON',
      nullable: true,
      description: 'The record after the write (修改后); null for a deletion.',
    }),
    requestId: t.exposeString('requestId', {
      nullable: true,
      description: 'The request that made the write, to find its log lines (x-request-id).',
    }),
  }),
});

interface AuditFilter {
  entity?: string | null;
  entityId?: string | null;
  actor?: string | null;
  from?: Date | null;
  to?: Date | null;
}

function auditWhere(filter: AuditFilter): Prisma.AuditLogWhereInput {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new GraphQLError('from must not be after to', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return {
    ...(filter.entity ? { entity: filter.entity } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
    ...(filter.actor ? { actor: filter.actor } : {}),
    ...(filter.from || filter.to
      ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
      : {}),
  };
}

builder.queryField('auditLogs', (t) =>
  t.prismaConnection(
    {
      extensions: reads('AuditLog'),
      type: 'AuditLog',
      cursor: 'id',
      authScopes: { admin: true },
      description: 'The audit log (审计日志), newest first; ADMIN only.',
      args: {
        entity: t.arg.string({ description: 'Only writes to this kind of record, e.g. "AssignmentSlip".' }),
        entityId: t.arg.string({
          description: 'Only writes to the record with this database id (with entity).',
        }),
        actor: t.arg.string({ description: 'Only writes by this token subject.' }),
        from: t.arg({ type: 'DateTime', description: 'Only writes at or after this instant.' }),
        to: t.arg({ type: 'DateTime', description: 'Only writes before this instant.' }),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.auditLog.count({ where: auditWhere(args) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.auditLog.findMany({
          ...query,
          where: auditWhere(args),
          orderBy: [{ at: 'desc' }, { id: 'desc' }],
        }),
    },
    {
      name: 'AuditLogConnection',
      description: 'A page of the audit log (审计日志).',
      fields: (t) => ({ totalCount: totalCountField(t, 'How many writes match the filters.') }),
    },
    { name: 'AuditLogEdge', description: 'An audit record with its cursor.' },
  ),
);
