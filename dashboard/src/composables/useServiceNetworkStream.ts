import type { ServiceNetworkStreamSubscription } from '../graphql/generated/graphql.ts';
import { graphql } from '../graphql/generated/index.ts';
import { type LiveStream, useLiveStream } from './useLiveStream.ts';

const ServiceNetworkStreamDocument = graphql(`
  subscription ServiceNetworkStream {
    live {
      bankBranches: bankBranchStatistics { places items cases casesToDate since }
      crossProvince: crossProvinceStatistics { places items cases casesToDate since }
    }
  }
`);

export type ServiceNetworkStream = LiveStream<ServiceNetworkStreamSubscription['live']>;

/** Bank-branch service points (政银合作) and cross-province handling (跨省通办), this year and to date. */
export function useServiceNetworkStream(): ServiceNetworkStream {
  return useLiveStream(ServiceNetworkStreamDocument, { select: (data) => data.live });
}
