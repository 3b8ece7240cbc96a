import type { CountyMapStreamSubscription } from '../graphql/generated/graphql.ts';
import { graphql } from '../graphql/generated/index.ts';
import { type LiveStream, useLiveStream } from './useLiveStream.ts';

const CountyMapStreamDocument = graphql(`
  subscription CountyMapStream {
    live {
      townships: caseStatistics(groupBy: CHILD_REGION) {
        region { code name }
        rows {
          key
          label
          current { cases oneNetworkRate }
        }
      }
    }
  }
`);

export type CountyMapStream = LiveStream<CountyMapStreamSubscription['live']>;

/** Every township's figures for the county map, whatever township the screen is filtered to. */
export function useCountyMapStream(): CountyMapStream {
  return useLiveStream(CountyMapStreamDocument, { select: (data) => data.live });
}
