import type { ServicePointKind, ServicePointsStreamSubscription } from '../graphql/generated/graphql.ts';
import { graphql } from '../graphql/generated/index.ts';
import { type LiveStream, useLiveStream } from './useLiveStream.ts';

const ServicePointsStreamDocument = graphql(`
  subscription ServicePointsStream($kind: ServicePointKind!, $limit: Int!) {
    live {
      points: servicePoints(kind: $kind, open: true, first: $limit) {
        edges { node { code name kind longitude latitude region { code } } }
      }
    }
  }
`);

export type ServicePoints = ServicePointsStreamSubscription['live']['points'];
export type ServicePointsStream = LiveStream<ServicePoints>;

export interface UseServicePointsStreamOptions {
  /** Which points: bank branches (政银合作网点), kiosks (自助终端) or village stations (村便民服务站). */
  kind: ServicePointKind;
  /**
   * How many points at most (one page of the connection).
   * @default 50
   */
  limit?: number;
}

/** The open service points of one kind (服务网点), for the map; each kind is its own stream. */
export function useServicePointsStream(options: UseServicePointsStreamOptions): ServicePointsStream {
  return useLiveStream(ServicePointsStreamDocument, {
    variables: { kind: options.kind, limit: options.limit ?? 50 },
    select: (data) => data.live.points,
    cadence: 'quiet',
  });
}
