// The state machines of records whose status has an order. A transition mutation takes one
// edge; an upsert from a source system (a snapshot of the record) may move a record forward
// along several edges at once, never back.
import type { CaseStatus, ProblemStatus, RepairStatus, SlipStatus } from '../generated/prisma/enums.ts';

export interface StateMachine<S extends string> {
  /** The model, for messages. */
  label: string;
  initial: S;
  /** Chinese names of the states. */
  names: Record<S, string>;
  edges: Record<S, readonly S[]>;
}

export function canStep<S extends string>(machine: StateMachine<S>, from: S, to: S): boolean {
  return machine.edges[from].includes(to);
}

/** `to` is `from` or lies ahead of it. */
export function canReach<S extends string>(machine: StateMachine<S>, from: S, to: S): boolean {
  const seen = new Set<S>([from]);
  const queue: S[] = [from];
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    if (state === to) return true;
    for (const next of machine.edges[state]) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return false;
}

export function transitionMessage<S extends string>(machine: StateMachine<S>, from: S, to: S): string {
  const allowed = machine.edges[from].map((state) => `${machine.names[state]}（${state}）`);
  return `${machine.label}不能从「${machine.names[from]}」（${from}）变为「${machine.names[to]}」（${to}）${
    allowed.length > 0 ? `；下一步只能是 ${allowed.join('、')}` : '；已是终态'
  }`;
}

export const caseMachine: StateMachine<CaseStatus> = {
  label: '办件',
  initial: 'SUBMITTED',
  names: {
    SUBMITTED: '已申请',
    ACCEPTED: '已受理',
    APPROVED: '已审批',
    COMPLETED: '已办结',
    REJECTED: '不予受理/不予许可',
    WITHDRAWN: '已撤回',
  },
  edges: {
    SUBMITTED: ['ACCEPTED', 'REJECTED', 'WITHDRAWN'],
    ACCEPTED: ['APPROVED', 'REJECTED', 'WITHDRAWN'],
    APPROVED: ['COMPLETED'],
    COMPLETED: [],
    REJECTED: [],
    WITHDRAWN: [],
  },
};

/** The timestamp column each case status stamps. */
export const caseStamps = {
  ACCEPTED: 'acceptedAt',
  APPROVED: 'approvedAt',
  COMPLETED: 'completedAt',
  REJECTED: 'rejectedAt',
  WITHDRAWN: 'withdrawnAt',
} as const satisfies Partial<Record<CaseStatus, string>>;

export const slipMachine: StateMachine<SlipStatus> = {
  label: '交办单',
  initial: 'ISSUED',
  names: {
    ISSUED: '已交办',
    ACKNOWLEDGED: '已签收',
    REPLIED: '已回复',
    VERIFIED: '已核实',
    CLOSED: '已办结',
  },
  edges: {
    ISSUED: ['ACKNOWLEDGED'],
    ACKNOWLEDGED: ['REPLIED'],
    REPLIED: ['VERIFIED'],
    VERIFIED: ['CLOSED'],
    CLOSED: [],
  },
};

export const slipStamps = {
  ACKNOWLEDGED: 'acknowledgedAt',
  REPLIED: 'repliedAt',
  VERIFIED: 'verifiedAt',
  CLOSED: 'closedAt',
} as const satisfies Partial<Record<SlipStatus, string>>;

export const problemMachine: StateMachine<ProblemStatus> = {
  label: '问题',
  initial: 'OPEN',
  names: { OPEN: '待处理', ASSIGNED: '已交办', IN_PROGRESS: '办理中', RESOLVED: '已解决', CLOSED: '已销号' },
  edges: {
    OPEN: ['ASSIGNED'],
    ASSIGNED: ['IN_PROGRESS'],
    IN_PROGRESS: ['RESOLVED'],
    RESOLVED: ['CLOSED'],
    CLOSED: [],
  },
};

export const problemStamps = {
  RESOLVED: 'resolvedAt',
  CLOSED: 'closedAt',
} as const satisfies Partial<Record<ProblemStatus, string>>;

export const repairMachine: StateMachine<RepairStatus> = {
  label: '信用修复申请',
  initial: 'SUBMITTED',
  names: { SUBMITTED: '已申请', UNDER_REVIEW: '审核中', APPROVED: '已通过', REJECTED: '未通过' },
  edges: {
    SUBMITTED: ['UNDER_REVIEW'],
    UNDER_REVIEW: ['APPROVED', 'REJECTED'],
    APPROVED: [],
    REJECTED: [],
  },
};
