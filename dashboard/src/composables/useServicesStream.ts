import { type MaybeRefOrGetter, toValue } from 'vue';
import type { ServicesStreamSubscription } from '../graphql/generated/graphql.ts';
import { graphql } from '../graphql/generated/index.ts';
import { type LiveStream, useLiveStream } from './useLiveStream.ts';

const ServicesStreamDocument = graphql(`
  subscription ServicesStream($region: String) {
    live {
      overview(regionCode: $region) {
        asOf
        today
        yearElapsed
        region { code name level }
        casesToday
        casesThisMonth
        casesThisYear
        casesYearOnYearPercent
        oneNetworkRate { value target progress status }
        caseVolume { value target expectedToDate progress status }
        townshipCases { value target expectedToDate progress status }
        fundsPaidThisYear { wanYuan }
        fundBeneficiariesThisYear
      }
      channels: caseStatistics(regionCode: $region, groupBy: CHANNEL) {
        rows { key label current { cases } }
      }
    }
  }
`);

export type ServicesStream = LiveStream<ServicesStreamSubscription['live']>;

export interface UseServicesStreamOptions {
  /** A township's code to count its cases only; the whole county when null. */
  region: MaybeRefOrGetter<string | null>;
}

/** Government services (政务服务): cases today/month/year, the one-network rate, targets, channels. */
export function useServicesStream(options: UseServicesStreamOptions): ServicesStream {
  return useLiveStream(ServicesStreamDocument, {
    variables: () => ({ region: toValue(options.region) }),
    select: (data) => data.live,
  });
}
