import type { ProblemsFiguresFragment } from '../graphql/generated/graphql.ts';
import { graphql } from '../graphql/generated/index.ts';
import { type LiveStream, useLiveStream } from './useLiveStream.ts';

graphql(`
  fragment ProblemsFigures on Query {
    byStatus: problemStatistics(groupBy: STATUS) {
      total
      rows { key label count open overdue }
    }
    bySource: problemStatistics(groupBy: SOURCE) {
      total
      rows { key label count open overdue }
    }
    slips: slipStatistics {
      totals { issued open overdue closed closedOnTime closedLate onTimeRate }
    }
    projects: investmentProjectStatistics(historical: true) {
      total
      byStatus { status label count }
    }
    funds: policyFundStatistics(groupBy: MECHANISM) {
      totals { amount { wanYuan } beneficiaries payments }
      rows { key label amount { wanYuan } beneficiaries }
    }
  }
`);

const ProblemsStreamDocument = graphql(`
  subscription ProblemsStream {
    live { ...ProblemsFigures }
  }
`);

export type ProblemsStream = LiveStream<ProblemsFiguresFragment>;

/** Problems and investment (清障行动, 招商引资): problems, slips, the 17 projects, policy funds. */
export function useProblemsStream(): ProblemsStream {
  return useLiveStream(ProblemsStreamDocument, { select: (data) => data.live });
}
