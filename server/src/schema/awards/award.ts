// The award record (表彰) and who may read it.
import { nodeWhere, rowScope } from '../../access.ts';
import { builder } from '../../builder.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { AwardKind } from '../../generated/prisma/enums.ts';
import { personal } from '../../personal.ts';
import { enterpriseScope } from '../enterprises/records.ts';

export const AwardKindEnum = builder.enumType(AwardKind, {
  name: 'AwardKind',
  description: 'Which award (表彰类别).',
  values: {
    INTEGRITY_STAR: { description: 'Integrity star, to an enterprise (诚信之星).' },
    COURTEOUS_SERVICE_STAR: {
      description: 'Courteous-service star, to a member of window staff or a window (有礼服务之星).',
    },
    INTEGRITY_AMBASSADOR: {
      description: 'Integrity ambassador, to an enterprise through its representative (诚信代言人).',
    },
  } satisfies Record<AwardKind, { description: string }>,
});

export const AwardeeKindEnum = builder.enumType('AwardeeKind', {
  description: 'Who receives an award (受表彰对象类型).',
  values: {
    ENTERPRISE: { description: 'An enterprise (企业).' },
    STAFF: { description: 'A member of window staff (窗口工作人员).' },
    WINDOW: { description: 'A service window (窗口).' },
  },
});

/** A scoped caller sees the awards of the staff, windows and enterprises it may see. */
export const awardScope = rowScope<Prisma.AwardWhereInput>('Award', {
  department: (departmentId) => ({
    OR: [
      { staff: { departmentId } },
      { window: { departmentId } },
      { enterprise: { AND: enterpriseScope({ departmentId, regionPath: null, sourceSystem: null }) } },
    ],
  }),
  region: (region) => ({
    OR: [
      { staff: { window: { hall: { region } } } },
      { window: { hall: { region } } },
      { enterprise: { region } },
    ],
  }),
});

export const AwardNode = builder.prismaNode('Award', {
  description:
    'An award the county gave (表彰): an integrity star, a courteous-service star or an integrity ambassador; exactly one of `enterprise`, `staff` and `window` is the awardee.',
  authScopes: { rows: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(awardScope),
  fields: (t) => ({
    kind: t.expose('kind', { type: AwardKindEnum, description: 'Which award (表彰类别).' }),
    awardeeKind: t.expose('awardeeKind', {
      type: AwardeeKindEnum,
      description: 'Who received it: an enterprise, a member of staff or a window (受表彰对象类型).',
    }),
    awardeeName: t.string({
      description:
        'The awardee’s name (受表彰对象): the enterprise’s or the window’s, or the person’s (personal data, masked for roles without it: 张**).',
      select: {
        enterprise: { select: { name: true } },
        staff: { select: { name: true } },
        window: { select: { name: true } },
      },
      resolve: (award, _args, ctx) =>
        award.staff
          ? personal(ctx, 'name', award.staff.name)
          : (award.enterprise?.name ?? award.window?.name ?? ''),
    }),
    enterprise: t.relation('enterprise', {
      nullable: true,
      description: 'The enterprise awarded, for an enterprise’s award (企业).',
    }),
    staff: t.relation('staff', { nullable: true, description: 'The person awarded (窗口工作人员).' }),
    window: t.relation('window', { nullable: true, description: 'The window awarded (窗口).' }),
    year: t.exposeInt('year', { description: 'The year the award is for (年度).' }),
    issuer: t.exposeString('issuer', { description: 'Who gave it, e.g. 县信用办 (颁发单位).' }),
    awardedOn: t.expose('awardedOn', { type: 'Date', description: 'The day it was given (授予日期).' }),
    citation: t.exposeString('citation', { description: 'Why, in a sentence (表彰事由).' }),
    sourceSystem: t.exposeString('sourceSystem', {
      description: 'The system that created the record (来源系统); `hub` when entered in the hub.',
    }),
    externalId: t.exposeString('externalId', {
      description: 'The award’s number in its source system (编号).',
    }),
    version: t.exposeInt('version', { description: 'Revision of the record, for optimistic concurrency.' }),
  }),
});
