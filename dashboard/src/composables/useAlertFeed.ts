import { type MaybeRefOrGetter, toValue } from 'vue';
import type { AlertFieldsFragment } from '../graphql/generated/graphql.ts';
import { graphql } from '../graphql/generated/index.ts';
import { type LiveStream, useLiveStream } from './useLiveStream.ts';

graphql(`
  fragment AlertFields on AlertNotice {
    id
    kind
    level
    title
    regionName
    departmentName
    raisedAt
    acknowledgedAt
    resolvedAt
  }
`);

const AlertFeedDocument = graphql(`
  subscription AlertFeed($region: String, $limit: Int) {
    alertFeed(regionCode: $region, limit: $limit) {
      seq
      snapshot
      alerts { ...AlertFields }
    }
  }
`);

export type Alert = AlertFieldsFragment;
export type AlertFeed = LiveStream<Alert[]>;

/** Open alerts, newest first, at most `limit`: changes replace, resolved ones leave. */
export function mergeAlerts(held: readonly Alert[], changes: readonly Alert[], limit: number): Alert[] {
  const byId = new Map(held.map((alert) => [alert.id, alert]));
  for (const alert of changes) {
    if (alert.resolvedAt) byId.delete(alert.id);
    else byId.set(alert.id, alert);
  }
  return [...byId.values()].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt)).slice(0, limit);
}

export interface UseAlertFeedOptions {
  /** Only alerts of this township; the whole county when null. */
  region: MaybeRefOrGetter<string | null>;
  /**
   * How many open alerts are kept.
   * @default 50
   */
  limit?: number;
}

/** What is behind target or overdue (预警): indicators, slips, double publicity, newest first. */
export function useAlertFeed(options: UseAlertFeedOptions): AlertFeed {
  const limit = options.limit ?? 50;
  return useLiveStream(AlertFeedDocument, {
    variables: () => ({ region: toValue(options.region), limit }),
    select: (data) => data.alertFeed.alerts,
    cadence: 'quiet',
    position: (message) => ({
      seq: message.data.alertFeed.seq,
      snapshot: message.data.alertFeed.snapshot,
    }),
    merge: (held, changes) => mergeAlerts(held, changes, limit),
  });
}
