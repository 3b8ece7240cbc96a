import type { ServiceNetworkFiguresFragment } from '../graphql/generated/graphql.ts';
import { graphql } from '../graphql/generated/index.ts';
import { type LiveStream, useLiveStream } from './useLiveStream.ts';

graphql(`
  fragment ServiceNetworkFigures on Query {
    bankBranches: bankBranchStatistics { places items cases casesToDate since }
    crossProvince: crossProvinceStatistics { places items cases casesToDate since }
  }
`);

const ServiceNetworkStreamDocument = graphql(`
  subscription ServiceNetworkStream {
    live { ...ServiceNetworkFigures }
  }
`);

export type ServiceNetworkStream = LiveStream<ServiceNetworkFiguresFragment>;

/** Bank-branch service points (政银合作) and cross-province handling (跨省通办), this year and to date. */
export function useServiceNetworkStream(): ServiceNetworkStream {
  return useLiveStream(ServiceNetworkStreamDocument, { select: (data) => data.live });
}
