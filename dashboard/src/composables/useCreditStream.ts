import type { CreditStreamSubscription } from '../graphql/generated/graphql.ts';
import { graphql } from '../graphql/generated/index.ts';
import { type LiveStream, useLiveStream } from './useLiveStream.ts';

/** The blacklist trend starts at the work summary's mid-2022 figure (3.23 %). */
export const BLACKLIST_TREND_FROM = '2022-06-01';

const CreditStreamDocument = graphql(`
  subscription CreditStream($blacklistFrom: Date) {
    live {
      blacklist: blacklistSeries(from: $blacklistFrom) {
        points {
          month
          listed
          base
          ratio
          departments { code name listed }
        }
      }
      repairs: creditRepairStatistics {
        applied
        averageDecisionDays
        byStatus { status label count }
      }
      publicity: publicityRates {
        totals { records timelinessRate accuracyRate completenessRate }
      }
    }
  }
`);

export type CreditStream = LiveStream<CreditStreamSubscription['live']>;

/** Credit (信用体系): the blacklist ratio since mid-2022, credit repairs, double-publicity rates. */
export function useCreditStream(): CreditStream {
  return useLiveStream(CreditStreamDocument, {
    variables: { blacklistFrom: BLACKLIST_TREND_FROM },
    select: (data) => data.live,
    cadence: 'quiet',
  });
}
