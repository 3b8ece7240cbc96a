import type { ServicePointsFiguresFragment } from '../graphql/generated/graphql.ts';
import { graphql } from '../graphql/generated/index.ts';
import { type LiveStream, useLiveStream } from './useLiveStream.ts';

graphql(`
  fragment ServicePointsFigures on Query {
    servicePoints(open: true, first: 200) {
      totalCount
      edges {
        node {
          code
          name
          kind
          longitude
          latitude
          region { code level parent { code } }
        }
      }
    }
  }
`);

const ServicePointsStreamDocument = graphql(`
  subscription ServicePointsStream {
    live { ...ServicePointsFigures }
  }
`);

export type ServicePointsStream = LiveStream<ServicePointsFiguresFragment>;

/** The open service points (服务网点) for the map: bank branches, village stations, kiosks. */
export function useServicePointsStream(): ServicePointsStream {
  return useLiveStream(ServicePointsStreamDocument, { select: (data) => data.live });
}
