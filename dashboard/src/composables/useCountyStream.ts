import type { CountyStreamSubscription } from '../graphql/generated/graphql.ts';
import { graphql } from '../graphql/generated/index.ts';
import { type LiveStream, useLiveStream } from './useLiveStream.ts';

const CountyStreamDocument = graphql(`
  subscription CountyStream {
    live {
      counties: regions(level: COUNTY) { code name isHome }
    }
  }
`);

export type CountyStream = LiveStream<CountyStreamSubscription['live']['counties'][number] | null>;

/**
 * The county the hub serves (本县), for the screen's title: read from the regions alone, so no
 * write but one to the regions moves it.
 */
export function useCountyStream(): CountyStream {
  return useLiveStream(CountyStreamDocument, {
    select: (data) => data.live.counties.find((county) => county.isHome) ?? null,
    cadence: 'quiet',
  });
}
