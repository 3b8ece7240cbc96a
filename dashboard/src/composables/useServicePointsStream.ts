import type { ServicePointKind, ServicePointsStreamSubscription } from '../graphql/generated/graphql.ts';
import { graphql } from '../graphql/generated/index.ts';
import { type LiveStream, useLiveStream } from './useLiveStream.ts';

// One kind per stream: the hub's static cost limit grows with depth (live → servicePoints →
// edges → node → region), and two such selections in one document exceed it.
const ServicePointsStreamDocument = graphql(`
  subscription ServicePointsStream($kind: ServicePointKind!) {
    live {
      points: servicePoints(kind: $kind, open: true, first: 50) {
        edges { node { code name kind longitude latitude region { code } } }
      }
    }
  }
`);

export type ServicePoints = ServicePointsStreamSubscription['live']['points'];
export type ServicePointsStream = LiveStream<ServicePoints>;

export interface UseServicePointsStreamOptions {
  /** Which points: bank branches (政银合作网点) or self-service kiosks (自助终端). */
  kind: ServicePointKind;
}

/** The open service points of one kind (服务网点), for the map. */
export function useServicePointsStream(options: UseServicePointsStreamOptions): ServicePointsStream {
  return useLiveStream(ServicePointsStreamDocument, {
    variables: { kind: options.kind },
    select: (data) => data.live.points,
  });
}
