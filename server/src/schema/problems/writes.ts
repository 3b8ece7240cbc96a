// Obstacle clearing (清障行动): problems keyed by code, assignment slips (交办单) keyed by their
// number, follow-ups (跟踪记录) keyed by (sourceSystem, externalId), and the monthly progress of
// investment projects keyed by project and month. Every record remembers the source system that
// created it, so an INTEGRATION writes its own. Status changes of problems and slips go
// through their state machines (transitions.ts); an upsert never changes a status, except
// that issuing the first slip on an OPEN problem makes it ASSIGNED.
import { z } from 'zod';
import { audit } from '../../audit.ts';
import { ProblemSource, ProjectStatus } from '../../generated/prisma/enums.ts';
import { tableOf } from '../../writes/columns.ts';
import type { TableSpec, Tx } from '../../writes/engine.ts';
import type { RecordKind, Writer } from '../../writes/records.ts';
import * as refs from '../../writes/refs.ts';
import {
  code,
  creditCode,
  day,
  dayText,
  monthStart,
  optional,
  regionCode,
  text,
} from '../../writes/validate.ts';

export const problemInput = z
  .object({
    code: code('问题编号').describe('The problem’s number (问题编号).'),
    externalId: optional(code('来源系统中的编号')).describe(
      'Its number in the source system, if it came from one (来源编号).',
    ),
    title: text('问题标题', 200).describe('Short title (问题标题).'),
    description: optional(text('问题描述', 4000)).describe('What the problem is (问题描述).'),
    source: z.enum(ProblemSource).describe('Where it came from (问题来源).'),
    ownerDepartmentCode: code('责任部门编码').describe('Code of the responsible department (责任部门).'),
    regionCode: optional(regionCode('所在区划代码')).describe(
      'Administrative division code of where it is (所在区划代码).',
    ),
    enterpriseCreditCode: optional(creditCode('涉及企业统一社会信用代码')).describe(
      'Credit code of the firm concerned (涉及企业).',
    ),
    projectCode: optional(code('涉及项目编码')).describe(
      'Code of the investment project concerned (涉及项目).',
    ),
    reportedOn: day('反映日期').describe('When it was reported (反映日期).'),
    deadline: optional(day('办结时限', { fromYear: 2000, future: true })).describe(
      'When it must be solved by (办结时限).',
    ),
  })
  .refine((input) => !input.deadline || input.deadline >= input.reportedOn, {
    path: ['deadline'],
    message: '办结时限不能早于反映日期',
  });

type ProblemParsed = z.output<typeof problemInput>;

async function loadProblemRefs(tx: Tx, rows: ProblemParsed[], writer: Writer) {
  const externalIds = rows.flatMap((row) => (row.externalId ? [row.externalId] : []));
  const [departments, regions, enterprises, projects, byExternalId] = await Promise.all([
    refs.departments(
      tx,
      rows.map((row) => row.ownerDepartmentCode),
    ),
    refs.regions(
      tx,
      rows.map((row) => row.regionCode),
    ),
    refs.enterprises(
      tx,
      rows.map((row) => row.enterpriseCreditCode),
    ),
    refs.projects(
      tx,
      rows.map((row) => row.projectCode),
    ),
    tx.problem.findMany({
      where: { sourceSystem: writer.source, externalId: { in: externalIds } },
      select: { code: true, externalId: true },
    }),
  ]);
  // (sourceSystem, externalId) is unique too: another problem may already hold the number.
  const codeOfExternalId = new Map(byExternalId.map((row) => [row.externalId, row.code]));
  return { departments, regions, enterprises, projects, codeOfExternalId };
}

const problemSpec: TableSpec = {
  ...tableOf('Problem', problemInput, {
    keys: ['code'],
    resolved: ['ownerDepartmentId', 'regionId', 'enterpriseId', 'projectId'],
    insertOnly: ['sourceSystem', 'status'],
  }),
  label: '问题',
  owner: {
    joins: 'LEFT JOIN "Region" orr ON orr.id = t."regionId"',
    departmentId: 't."ownerDepartmentId"',
    regionPath: 'orr.path',
    sourceSystem: 't."sourceSystem"',
  },
};

export const problems: RecordKind<ProblemParsed, Awaited<ReturnType<typeof loadProblemRefs>>> = {
  spec: problemSpec,
  schema: problemInput,
  key: (input) => input.code,
  load: loadProblemRefs,
  prepare(input, found, writer, report) {
    const department = found.departments.get(input.ownerDepartmentCode);
    const region = input.regionCode ? found.regions.get(input.regionCode) : null;
    const enterprise = input.enterpriseCreditCode ? found.enterprises.get(input.enterpriseCreditCode) : null;
    const project = input.projectCode ? found.projects.get(input.projectCode) : null;
    if (!department) report('ownerDepartmentCode', 'NOT_FOUND', `部门 ${input.ownerDepartmentCode} 不存在`);
    if (region === undefined) report('regionCode', 'NOT_FOUND', `行政区划 ${input.regionCode} 不存在`);
    if (enterprise === undefined) {
      report('enterpriseCreditCode', 'NOT_FOUND', `企业 ${input.enterpriseCreditCode} 不存在`);
    }
    if (project === undefined) report('projectCode', 'NOT_FOUND', `招商项目 ${input.projectCode} 不存在`);
    const holder = input.externalId ? found.codeOfExternalId.get(input.externalId) : undefined;
    if (holder !== undefined && holder !== input.code) {
      report('externalId', 'DUPLICATE_KEY', `来源编号 ${input.externalId} 已属于问题 ${holder}`);
    }
    if (!department || region === undefined || enterprise === undefined || project === undefined) return null;
    return {
      owner: { departmentId: department.id, regionPath: region?.path ?? null, sourceSystem: writer.source },
      values: {
        code: input.code,
        externalId: input.externalId,
        title: input.title,
        description: input.description,
        source: input.source,
        ownerDepartmentId: department.id,
        regionId: region?.id ?? null,
        enterpriseId: enterprise?.id ?? null,
        projectId: project?.id ?? null,
        reportedOn: input.reportedOn,
        deadline: input.deadline,
        sourceSystem: writer.source,
        status: 'OPEN',
      },
    };
  },
};

export const assignmentSlipInput = z
  .object({
    code: code('交办单编号').describe('The slip’s number, e.g. 示营商交〔2023〕7号 (交办单编号).'),
    problemCode: code('问题编号').describe('Code of the problem assigned (问题编号).'),
    departmentCode: code('承办部门编码').describe('Code of the department it is assigned to (承办部门).'),
    issuedOn: day('交办日期').describe('Day of issue (交办日期).'),
    deadline: day('办理时限', { fromYear: 2000, future: true }).describe(
      'Day it must be answered by (办理时限).',
    ),
  })
  .refine((input) => input.deadline >= input.issuedOn, {
    path: ['deadline'],
    message: '办理时限不能早于交办日期',
  });

type SlipParsed = z.output<typeof assignmentSlipInput>;

async function loadSlipRefs(tx: Tx, rows: SlipParsed[]) {
  const [problems, departments] = await Promise.all([
    refs.problems(
      tx,
      rows.map((row) => row.problemCode),
    ),
    refs.departments(
      tx,
      rows.map((row) => row.departmentCode),
    ),
  ]);
  return { problems, departments };
}

const slipSpec: TableSpec = {
  ...tableOf('AssignmentSlip', assignmentSlipInput, {
    keys: ['code'],
    resolved: ['problemId', 'departmentId'],
    insertOnly: ['sourceSystem', 'status'],
  }),
  label: '交办单',
  owner: {
    joins: 'LEFT JOIN "Problem" op ON op.id = t."problemId" LEFT JOIN "Region" orr ON orr.id = op."regionId"',
    departmentId: 't."departmentId"',
    regionPath: 'orr.path',
    sourceSystem: 't."sourceSystem"',
  },
};

export const assignmentSlips: RecordKind<SlipParsed, Awaited<ReturnType<typeof loadSlipRefs>>> = {
  spec: slipSpec,
  schema: assignmentSlipInput,
  key: (input) => input.code,
  load: loadSlipRefs,
  prepare(input, found, writer, report) {
    const problem = found.problems.get(input.problemCode);
    const department = found.departments.get(input.departmentCode);
    if (!problem) report('problemCode', 'NOT_FOUND', `问题 ${input.problemCode} 不存在`);
    if (!department) report('departmentCode', 'NOT_FOUND', `部门 ${input.departmentCode} 不存在`);
    if (!problem || !department) return null;
    if (problem.status === 'RESOLVED' || problem.status === 'CLOSED') {
      report(
        'problemCode',
        'INVALID_TRANSITION',
        `问题 ${input.problemCode} 已${problem.status === 'CLOSED' ? '销号' : '解决'}，不能再交办`,
      );
      return null;
    }
    return {
      owner: {
        departmentId: department.id,
        regionPath: problem.region?.path ?? null,
        sourceSystem: writer.source,
      },
      values: {
        code: input.code,
        problemId: problem.id,
        departmentId: department.id,
        issuedOn: input.issuedOn,
        deadline: input.deadline,
        sourceSystem: writer.source,
        status: 'ISSUED',
      },
    };
  },
  async after(tx, ctx, written) {
    const issued = new Set(
      written
        .filter((row) => row.result.outcome === 'CREATED')
        .map((row) => row.refs.problems.get(row.parsed.problemCode)?.id),
    );
    for (const problemId of issued) {
      if (problemId === undefined) continue;
      const assigned = await tx.problem.updateMany({
        where: { id: problemId, status: 'OPEN' },
        data: { status: 'ASSIGNED', version: { increment: 1 }, updatedAt: ctx.clock() },
      });
      if (assigned.count === 1) {
        await audit(tx, ctx, {
          action: 'TRANSITION',
          entity: 'Problem',
          entityId: problemId,
          before: { status: 'OPEN' },
          after: { status: 'ASSIGNED', note: '签发交办单' },
        });
      }
    }
  },
};

export const projectProgressInput = z.object({
  projectCode: code('招商项目编码').describe('Code of the project (项目编码).'),
  month: monthStart('月份').describe('The month, as its first day, e.g. 2023-05-01 (月份).'),
  status: z.enum(ProjectStatus).describe('The project’s status that month (项目状态).'),
  note: text('进展情况', 4000).describe('What happened (进展情况).'),
});

type ProgressParsed = z.output<typeof projectProgressInput>;

async function loadProgressRefs(tx: Tx, rows: ProgressParsed[]) {
  return {
    projects: await refs.projects(
      tx,
      rows.map((row) => row.projectCode),
    ),
  };
}

const progressSpec: TableSpec = {
  ...tableOf('ProjectProgress', projectProgressInput, {
    keys: ['projectId', 'month'],
    insertOnly: ['sourceSystem'],
  }),
  label: '项目月度进展',
  owner: {
    joins:
      'LEFT JOIN "InvestmentProject" oj ON oj.id = t."projectId" LEFT JOIN "Region" orr ON orr.id = oj."regionId"',
    departmentId: 'oj."ownerDepartmentId"',
    regionPath: 'orr.path',
    sourceSystem: 't."sourceSystem"',
  },
};

export const projectProgress: RecordKind<ProgressParsed, Awaited<ReturnType<typeof loadProgressRefs>>> = {
  spec: progressSpec,
  schema: projectProgressInput,
  key: (input) => `${input.projectCode}|${dayText(input.month)}`,
  load: loadProgressRefs,
  prepare(input, found, writer, report) {
    const project = found.projects.get(input.projectCode);
    if (!project) {
      report('projectCode', 'NOT_FOUND', `招商项目 ${input.projectCode} 不存在`);
      return null;
    }
    return {
      owner: {
        departmentId: project.ownerDepartmentId,
        regionPath: project.region.path,
        sourceSystem: writer.source,
      },
      values: {
        projectId: project.id,
        month: input.month,
        status: input.status,
        note: input.note,
        sourceSystem: writer.source,
      },
    };
  },
  // The project's status is the status of its latest month.
  async after(tx, ctx, written) {
    for (const { result, parsed, refs: found } of written) {
      if (result.outcome === 'UNCHANGED') continue;
      const projectId = found.projects.get(parsed.projectCode)?.id;
      if (projectId === undefined) continue;
      const latest = await tx.projectProgress.findFirst({
        where: { projectId },
        orderBy: { month: 'desc' },
        select: { status: true },
      });
      if (!latest) continue;
      const project = await tx.investmentProject.findUniqueOrThrow({
        where: { id: projectId },
        select: { status: true, version: true },
      });
      if (project.status === latest.status) continue;
      await tx.investmentProject.update({
        where: { id: projectId },
        data: { status: latest.status, version: { increment: 1 }, updatedAt: ctx.clock() },
      });
      await audit(tx, ctx, {
        action: 'UPDATE',
        entity: 'InvestmentProject',
        entityId: projectId,
        before: { status: project.status, version: project.version },
        after: { status: latest.status, version: project.version + 1, note: '按最新月度进展更新' },
      });
    }
  },
};

/** The id a follow-up gets when its source gives none: one per problem and day. */
export const followUpExternalId = (problemCode: string, followedOn: Date) =>
  `${problemCode}/${dayText(followedOn)}`;

export const problemFollowUpInput = z
  .object({
    externalId: optional(code('跟踪记录编号', 128)).describe(
      'Its id in the source system (记录编号); when omitted, `<problem code>/<day>`, so the same day replaces the note.',
    ),
    problemCode: code('问题编号').describe('Code of the problem (问题编号).'),
    followedOn: day('跟踪日期').describe('Day of the follow-up (跟踪日期).'),
    note: text('跟踪情况', 4000).describe('What was found (跟踪情况).'),
  })
  .transform((input) => ({
    ...input,
    externalId: input.externalId ?? followUpExternalId(input.problemCode, input.followedOn),
  }));

type FollowUpParsed = z.output<typeof problemFollowUpInput>;

async function loadFollowUpRefs(tx: Tx, rows: FollowUpParsed[]) {
  return {
    problems: await refs.problems(
      tx,
      rows.map((row) => row.problemCode),
    ),
  };
}

const followUpSpec: TableSpec = {
  ...tableOf('ProblemFollowUp', problemFollowUpInput, {
    keys: ['sourceSystem', 'externalId'],
    resolved: ['problemId'],
  }),
  label: '问题跟踪记录',
  owner: {
    joins: 'LEFT JOIN "Problem" op ON op.id = t."problemId" LEFT JOIN "Region" orr ON orr.id = op."regionId"',
    departmentId: 'op."ownerDepartmentId"',
    regionPath: 'orr.path',
    sourceSystem: 't."sourceSystem"',
  },
};

/**
 * Follow-ups, keyed by (sourceSystem, externalId). Without an externalId the key is the problem
 * and the day, so writing the same day again replaces that day's note.
 */
export const problemFollowUps: RecordKind<FollowUpParsed, Awaited<ReturnType<typeof loadFollowUpRefs>>> = {
  spec: followUpSpec,
  schema: problemFollowUpInput,
  key: (input) => input.externalId,
  load: loadFollowUpRefs,
  prepare(input, found, writer, report) {
    const problem = found.problems.get(input.problemCode);
    if (!problem) {
      report('problemCode', 'NOT_FOUND', `问题 ${input.problemCode} 不存在`);
      return null;
    }
    return {
      owner: {
        departmentId: problem.ownerDepartmentId,
        regionPath: problem.region?.path ?? null,
        sourceSystem: writer.source,
      },
      values: {
        sourceSystem: writer.source,
        externalId: input.externalId,
        problemId: problem.id,
        followedOn: input.followedOn,
        note: input.note,
      },
    };
  },
};
