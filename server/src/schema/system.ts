// The hub itself: who is calling, and its clock. These are the fields a caller without a token
// may use (`skipTypeScopes`); every other field answers such a caller UNAUTHENTICATED.
import { Repeater } from 'graphql-yoga';
import { type Role, roles } from '../auth.ts';
import { builder } from '../builder.ts';
import { maySeePersonalData } from '../personal.ts';
import { reads } from './reads.ts';

const TICK_MS = 1000;

const roleDescriptions: Record<Role, string> = {
  ADMIN: 'The office’s administrators (管理员): everything, including the audit log.',
  STAFF: 'The office’s staff (营商办工作人员): read and write all records.',
  DEPARTMENT: 'A department (职能部门): the records of its own department.',
  TOWNSHIP: 'A township (乡镇/街道): the records of its region subtree.',
  ANALYST: 'An analyst (分析人员): reads everything, personal data masked.',
  SCREEN: 'The big screen (指挥中心大屏): figures and masked feeds, never record rows.',
  INTEGRATION: 'Another system (对接系统): writes the records of its own source system.',
};

export const RoleEnum = builder.enumType('Role', {
  description: 'What a token lets its holder do (角色).',
  values: Object.fromEntries(roles.map((role) => [role, { description: roleDescriptions[role] }])) as Record<
    Role,
    { description: string }
  >,
});

interface CallerShape {
  subject: string;
  role: Role;
  departmentCode: string | null;
  regionCode: string | null;
  sourceSystem: string | null;
  personalData: boolean;
}

const Caller = builder.simpleObject('Caller', {
  description: 'Who the bearer token stands for and what it is limited to (当前调用方).',
  fields: (t) => ({
    subject: t.string({
      description: 'The token’s subject: a person, a screen or `api-key:<prefix>:<name>`.',
    }),
    role: t.field({ type: RoleEnum, description: 'The role the token carries.' }),
    departmentCode: t.string({ nullable: true, description: 'DEPARTMENT: the department it is limited to.' }),
    regionCode: t.string({
      nullable: true,
      description: 'TOWNSHIP: the region whose subtree it is limited to.',
    }),
    sourceSystem: t.string({
      nullable: true,
      description: 'INTEGRATION: the source system whose records it writes.',
    }),
    personalData: t.boolean({
      description: 'Sees people’s names, ID numbers and phone numbers unmasked.',
    }),
  }),
});

builder.queryField('me', (t) =>
  t.field({
    extensions: reads(),
    type: Caller,
    nullable: true,
    skipTypeScopes: true,
    description: 'The caller behind the bearer token; null without a token. Needs no token itself.',
    resolve: (_root, _args, ctx): CallerShape | null => {
      const { principal } = ctx;
      if (!principal) return null;
      return {
        subject: principal.subject,
        role: principal.role,
        departmentCode: principal.departmentCode ?? null,
        regionCode: principal.regionCode ?? null,
        sourceSystem: principal.sourceSystem ?? null,
        personalData: maySeePersonalData(ctx),
      };
    },
  }),
);

builder.subscriptionField('serverTime', (t) =>
  t.field({
    type: 'DateTime',
    skipTypeScopes: true,
    description:
      'The server’s clock, now and then once a second (shows that live updates reach the client). Needs no token.',
    subscribe: (_root, _args, ctx) =>
      new Repeater<Date>(async (push, stop) => {
        await push(ctx.clock());
        const timer = setInterval(() => push(ctx.clock()), TICK_MS);
        await stop;
        clearInterval(timer);
      }),
    resolve: (time) => time,
  }),
);
