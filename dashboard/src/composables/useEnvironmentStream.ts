import type { EnvironmentStreamSubscription } from '../graphql/generated/graphql.ts';
import { graphql } from '../graphql/generated/index.ts';
import { type LiveStream, useLiveStream } from './useLiveStream.ts';

const EnvironmentStreamDocument = graphql(`
  subscription EnvironmentStream {
    live {
      evaluation: businessEvaluation {
        years { year score rank rankOf firstTierCount bestInProvinceCount }
      }
      indicators: indicatorBoard(category: EVALUATION) {
        figures { code name parentCode value unit tier status rank rankOf rankChange bestInProvince year }
      }
      monitoring: passiveMonitoring {
        indicatorName
        unit
        points {
          periodStart
          rank
          rankOf
          rankChange
          value
          counties { code name rank value home }
        }
      }
    }
  }
`);

export type EnvironmentStream = LiveStream<EnvironmentStreamSubscription['live']>;

/** Business environment (营商环境): the yearly evaluation, its 18 indicators, passive monitoring. */
export function useEnvironmentStream(): EnvironmentStream {
  return useLiveStream(EnvironmentStreamDocument, { select: (data) => data.live, cadence: 'quiet' });
}
