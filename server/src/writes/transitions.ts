// One status step of a case, slip, problem or repair: only an edge of the record's machine
// (machines.ts), stamped with when it happened, against the version the caller last read
// (UPDATE … WHERE id AND version AND status: of two concurrent steps exactly one wins).
import { audit } from '../audit.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { CaseStatus, ProblemStatus, RepairStatus, SlipStatus } from '../generated/prisma/enums.ts';
import { type Owner, scopeIssue, type WriteContext } from './access.ts';
import { inTransaction, type Tx } from './engine.ts';
import { type Issue, refuse } from './errors.ts';
import {
  canStep,
  caseMachine,
  caseStamps,
  problemMachine,
  problemStamps,
  repairMachine,
  type StateMachine,
  slipMachine,
  slipStamps,
  transitionMessage,
} from './machines.ts';
import { dayText } from './validate.ts';

export interface TransitionArgs<S extends string> {
  /** The record's database id. */
  id: number;
  to: S;
  expectedVersion: number;
  /** Why, or the reply of a slip; kept in the audit log. */
  note?: string | null | undefined;
  /** When it happened; now by default. */
  at?: Date | null | undefined;
}

export interface TransitionResult<S extends string = string> {
  id: number;
  version: number;
  from: S;
  to: S;
}

interface Current<S extends string> {
  id: number;
  version: number;
  status: S;
  owner: Owner;
  /** The last step's time: a new step cannot be earlier. */
  since: Date;
}

interface StepGuard<S extends string> {
  id: number;
  version: number;
  status: S;
}

interface MachineSpec<S extends string> {
  entity: string;
  machine: StateMachine<S>;
  load(tx: Tx, id: number): Promise<Current<S> | null>;
  /** Rules beyond the edge itself; an issue refuses the step. */
  check?(tx: Tx, ctx: WriteContext, current: Current<S>, to: S, note: string | null): Promise<Issue | null>;
  /** The column each status stamps with the step's time. */
  stamps: Partial<Record<S, string>>;
  /** The stamp columns are `date`s: they take the step's Asia/Shanghai day. */
  stampsDay?: boolean;
  /**
   * Runs the conditional update prepared by transition(): `guard` holds id, version and
   * status, `step` the new status, stamp, version and updatedAt. Returns the rows changed
   * (0: someone else moved first).
   */
  update(
    tx: Tx,
    guard: StepGuard<S>,
    step: Record<string, unknown>,
    to: S,
    note: string | null,
  ): Promise<number>;
  after?(tx: Tx, ctx: WriteContext, current: Current<S>, to: S, at: Date, note: string | null): Promise<void>;
}

const MAX_NOTE = 4000;

/** A `date` column's day starts at 00:00 in Asia/Shanghai (no daylight saving since 1991). */
const startOfDay = (day: Date) => new Date(day.getTime() - 8 * 3_600_000);

/** The Asia/Shanghai calendar day of an instant, as a `date` column holds it. */
function shanghaiDay(at: Date): Date {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

function latest(...instants: Array<Date | null>): Date {
  return new Date(Math.max(...instants.map((instant) => instant?.getTime() ?? 0)));
}

async function transition<S extends string>(
  ctx: WriteContext,
  spec: MachineSpec<S>,
  args: TransitionArgs<S>,
): Promise<TransitionResult<S>> {
  const note = args.note?.trim() || null;
  if (note && note.length > MAX_NOTE) {
    throw refuse({ path: ['note'], code: 'BAD_USER_INPUT', message: `说明不能超过 ${MAX_NOTE} 个字符` });
  }
  const { label } = spec.machine;
  return inTransaction(ctx, async (tx) => {
    const current = await spec.load(tx, args.id);
    if (!current) throw refuse({ path: ['id'], code: 'NOT_FOUND', message: `${label}不存在` });
    const forbidden = scopeIssue(ctx, current.owner, ['id'], label);
    if (forbidden) throw refuse(forbidden);
    if (current.version !== args.expectedVersion) {
      throw refuse(
        {
          path: ['expectedVersion'],
          code: 'VERSION_CONFLICT',
          message: `${label}已被修改：当前版本为 ${current.version}，不是 ${args.expectedVersion}，请重新读取后再提交`,
        },
        { currentVersion: current.version, currentStatus: current.status },
      );
    }
    if (!canStep(spec.machine, current.status, args.to)) {
      throw refuse(
        {
          path: ['to'],
          code: 'INVALID_TRANSITION',
          message: transitionMessage(spec.machine, current.status, args.to),
        },
        { currentStatus: current.status, allowed: spec.machine.edges[current.status] },
      );
    }
    const now = ctx.clock();
    const at = args.at ?? now;
    if (at > now) throw refuse({ path: ['at'], code: 'BAD_USER_INPUT', message: '办理时间不能晚于当前时间' });
    if (at < current.since) {
      throw refuse({
        path: ['at'],
        code: 'BAD_USER_INPUT',
        message: `办理时间不能早于上一步的时间（${current.since.toISOString()}）`,
      });
    }
    const issue = await spec.check?.(tx, ctx, current, args.to, note);
    if (issue) throw refuse(issue);

    const stamp = spec.stamps[args.to] ?? null;
    const stampValue = spec.stampsDay ? shanghaiDay(at) : at;
    const changed = await spec.update(
      tx,
      { id: current.id, version: current.version, status: current.status },
      {
        status: args.to,
        ...(stamp ? { [stamp]: stampValue } : {}),
        version: { increment: 1 },
        updatedAt: ctx.clock(),
      },
      args.to,
      note,
    );
    if (changed !== 1) {
      throw refuse({
        path: ['expectedVersion'],
        code: 'VERSION_CONFLICT',
        message: `${label}刚被另一请求修改，请重新读取后再提交`,
      });
    }
    await audit(tx, ctx, {
      action: 'TRANSITION',
      entity: spec.entity,
      entityId: current.id,
      before: { status: current.status, version: current.version },
      after: {
        status: args.to,
        version: current.version + 1,
        ...(stamp ? { [stamp]: spec.stampsDay ? dayText(stampValue) : at.toISOString() } : {}),
        ...(note ? { note } : {}),
      },
    });
    await spec.after?.(tx, ctx, current, args.to, at, note);
    return { id: current.id, version: current.version + 1, from: current.status, to: args.to };
  });
}

const slipSpec: MachineSpec<SlipStatus> = {
  entity: 'AssignmentSlip',
  machine: slipMachine,
  async load(tx, id) {
    const slip = await tx.assignmentSlip.findUnique({
      where: { id },
      select: {
        id: true,
        version: true,
        status: true,
        departmentId: true,
        sourceSystem: true,
        issuedOn: true,
        acknowledgedAt: true,
        repliedAt: true,
        verifiedAt: true,
        problem: { select: { region: { select: { path: true } } } },
      },
    });
    return (
      slip && {
        id: slip.id,
        version: slip.version,
        status: slip.status,
        owner: {
          departmentId: slip.departmentId,
          regionPath: slip.problem.region?.path ?? null,
          sourceSystem: slip.sourceSystem,
        },
        since: latest(startOfDay(slip.issuedOn), slip.acknowledgedAt, slip.repliedAt, slip.verifiedAt),
      }
    );
  },
  // The department signs for and answers a slip; the office checks the answer and closes it.
  async check(_tx, ctx, _current, to, note) {
    const role = ctx.principal?.role;
    if ((to === 'VERIFIED' || to === 'CLOSED') && role !== 'ADMIN' && role !== 'STAFF') {
      return {
        path: ['to'],
        code: 'FORBIDDEN',
        message: '交办单的核实与办结由营商办工作人员（STAFF/ADMIN）办理',
      };
    }
    if (to === 'REPLIED' && !note) {
      return { path: ['note'], code: 'BAD_USER_INPUT', message: '回复交办单须在 note 中填写回复内容' };
    }
    return null;
  },
  stamps: slipStamps,
  update: async (tx, where, step, to, note) =>
    (
      await tx.assignmentSlip.updateMany({
        where,
        data: {
          ...step,
          ...(to === 'REPLIED' ? { reply: note } : {}),
        } as Prisma.AssignmentSlipUpdateManyMutationInput,
      })
    ).count,
};

const caseSpec: MachineSpec<CaseStatus> = {
  entity: 'ServiceCase',
  machine: caseMachine,
  async load(tx, id) {
    const found = await tx.serviceCase.findUnique({
      where: { id },
      select: {
        id: true,
        version: true,
        status: true,
        sourceSystem: true,
        submittedAt: true,
        acceptedAt: true,
        approvedAt: true,
        item: { select: { departmentId: true } },
        region: { select: { path: true } },
      },
    });
    return (
      found && {
        id: found.id,
        version: found.version,
        status: found.status,
        owner: {
          departmentId: found.item.departmentId,
          regionPath: found.region.path,
          sourceSystem: found.sourceSystem,
        },
        since: latest(found.submittedAt, found.acceptedAt, found.approvedAt),
      }
    );
  },
  stamps: caseStamps,
  update: async (tx, where, step) =>
    (await tx.serviceCase.updateMany({ where, data: step as Prisma.ServiceCaseUpdateManyMutationInput }))
      .count,
};

const problemSpec: MachineSpec<ProblemStatus> = {
  entity: 'Problem',
  machine: problemMachine,
  async load(tx, id) {
    const problem = await tx.problem.findUnique({
      where: { id },
      select: {
        id: true,
        version: true,
        status: true,
        ownerDepartmentId: true,
        sourceSystem: true,
        reportedOn: true,
        resolvedAt: true,
        region: { select: { path: true } },
      },
    });
    return (
      problem && {
        id: problem.id,
        version: problem.version,
        status: problem.status,
        owner: {
          departmentId: problem.ownerDepartmentId,
          regionPath: problem.region?.path ?? null,
          sourceSystem: problem.sourceSystem,
        },
        since: latest(startOfDay(problem.reportedOn), problem.resolvedAt),
      }
    );
  },
  // A problem is closed (销号) only when every slip on it is.
  async check(tx, _ctx, current, to) {
    if (to !== 'CLOSED') return null;
    const open = await tx.assignmentSlip.count({
      where: { problemId: current.id, status: { not: 'CLOSED' } },
    });
    return open === 0
      ? null
      : { path: ['to'], code: 'INVALID_TRANSITION', message: `问题尚有 ${open} 张交办单未办结，不能销号` };
  },
  stamps: problemStamps,
  update: async (tx, where, step) =>
    (await tx.problem.updateMany({ where, data: step as Prisma.ProblemUpdateManyMutationInput })).count,
};

const repairSpec: MachineSpec<RepairStatus> = {
  entity: 'CreditRepair',
  machine: repairMachine,
  async load(tx, id) {
    const repair = await tx.creditRepair.findUnique({
      where: { id },
      select: {
        id: true,
        version: true,
        status: true,
        sourceSystem: true,
        appliedOn: true,
        subject: { select: { region: { select: { path: true } } } },
        blacklistEntry: { select: { sourceDepartmentId: true } },
      },
    });
    return (
      repair && {
        id: repair.id,
        version: repair.version,
        status: repair.status,
        owner: {
          departmentId: repair.blacklistEntry?.sourceDepartmentId ?? null,
          regionPath: repair.subject.region.path,
          sourceSystem: repair.sourceSystem,
        },
        since: startOfDay(repair.appliedOn),
      }
    );
  },
  stamps: { APPROVED: 'decidedOn', REJECTED: 'decidedOn' },
  stampsDay: true,
  update: async (tx, where, step) =>
    (await tx.creditRepair.updateMany({ where, data: step as Prisma.CreditRepairUpdateManyMutationInput }))
      .count,
  // An approved repair takes the firm off the list: its entry is removed on the decision's day.
  async after(tx, ctx, current, to, at, note) {
    if (to !== 'APPROVED') return;
    const repair = await tx.creditRepair.findUniqueOrThrow({
      where: { id: current.id },
      select: {
        blacklistEntry: { select: { id: true, version: true, removedOn: true, removalReason: true } },
      },
    });
    const entry = repair.blacklistEntry;
    if (!entry || entry.removedOn) return;
    const removedOn = shanghaiDay(at);
    const removalReason = note ? `信用修复通过：${note}` : '信用修复通过';
    await tx.blacklistEntry.update({
      where: { id: entry.id },
      data: { removedOn, removalReason, version: { increment: 1 }, updatedAt: ctx.clock() },
    });
    await audit(tx, ctx, {
      action: 'REMOVE',
      entity: 'BlacklistEntry',
      entityId: entry.id,
      before: { removedOn: null, removalReason: entry.removalReason, version: entry.version },
      after: {
        removedOn: dayText(removedOn),
        removalReason,
        version: entry.version + 1,
        creditRepairId: current.id,
      },
    });
  },
};

export const transitionAssignmentSlip = (ctx: WriteContext, args: TransitionArgs<SlipStatus>) =>
  transition(ctx, slipSpec, args);

export const transitionServiceCase = (ctx: WriteContext, args: TransitionArgs<CaseStatus>) =>
  transition(ctx, caseSpec, args);

export const transitionProblem = (ctx: WriteContext, args: TransitionArgs<ProblemStatus>) =>
  transition(ctx, problemSpec, args);

export const transitionCreditRepair = (ctx: WriteContext, args: TransitionArgs<RepairStatus>) =>
  transition(ctx, repairSpec, args);
