import type { CountyMapFiguresFragment } from '../graphql/generated/graphql.ts';
import { graphql } from '../graphql/generated/index.ts';
import { type LiveStream, useLiveStream } from './useLiveStream.ts';

graphql(`
  fragment CountyMapFigures on Query {
    townships: caseStatistics(groupBy: CHILD_REGION) {
      region { code name }
      rows {
        key
        label
        current { cases oneNetworkRate }
      }
    }
  }
`);

const CountyMapStreamDocument = graphql(`
  subscription CountyMapStream {
    live { ...CountyMapFigures }
  }
`);

export type CountyMapStream = LiveStream<CountyMapFiguresFragment>;

/** Every township's figures for the county map, whatever township the screen is filtered to. */
export function useCountyMapStream(): CountyMapStream {
  return useLiveStream(CountyMapStreamDocument, { select: (data) => data.live });
}
