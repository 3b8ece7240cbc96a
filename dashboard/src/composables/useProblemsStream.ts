import type { ProblemsStreamSubscription } from '../graphql/generated/graphql.ts';
import { graphql } from '../graphql/generated/index.ts';
import { type LiveStream, useLiveStream } from './useLiveStream.ts';

const ProblemsStreamDocument = graphql(`
  subscription ProblemsStream {
    live {
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
      openAlerts: openAlertCounts {
        counts { kind level count }
      }
    }
  }
`);

export type ProblemsStream = LiveStream<ProblemsStreamSubscription['live']>;

/**
 * Problems and investment (清障行动, 招商引资): problems, slips and their open alerts, the 17
 * projects, policy funds.
 */
export function useProblemsStream(): ProblemsStream {
  return useLiveStream(ProblemsStreamDocument, { select: (data) => data.live, cadence: 'quiet' });
}
