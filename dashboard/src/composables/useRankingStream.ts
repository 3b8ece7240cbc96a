import { type MaybeRefOrGetter, toValue } from 'vue';
import type { RankingStreamSubscription } from '../graphql/generated/graphql.ts';
import { graphql } from '../graphql/generated/index.ts';
import { type LiveStream, useLiveStream } from './useLiveStream.ts';

const RankingStreamDocument = graphql(`
  subscription RankingStream($region: String) {
    live {
      ranking: caseStatistics(regionCode: $region, groupBy: CHILD_REGION) {
        region { code name level }
        rows {
          key
          label
          rank
          rankChange
          current { cases oneNetworkRate }
        }
      }
    }
  }
`);

export type RankingStream = LiveStream<RankingStreamSubscription['live']>;

export interface UseRankingStreamOptions {
  /** Rank the villages of this township; the county's townships when null. */
  region: MaybeRefOrGetter<string | null>;
}

/** The ranking of the county's townships (or a township's villages) by cases this year (乡镇排名). */
export function useRankingStream(options: UseRankingStreamOptions): RankingStream {
  return useLiveStream(RankingStreamDocument, {
    variables: () => ({ region: toValue(options.region) }),
    select: (data) => data.live,
  });
}
