import type { StaffStreamSubscription } from '../graphql/generated/graphql.ts';
import { graphql } from '../graphql/generated/index.ts';
import { type LiveStream, useLiveStream } from './useLiveStream.ts';

const StaffStreamDocument = graphql(`
  subscription StaffStream {
    live {
      workPoints: workPointRanking(holder: WINDOW) {
        month
        rows { code name hallName points rank rankChange }
      }
      redList {
        year
        months
        entries { month hallName note }
      }
    }
  }
`);

export type StaffStream = LiveStream<StaffStreamSubscription['live']>;

/** Staff and windows (队伍建设): windows ranked by work points (no personal data), the red list. */
export function useStaffStream(): StaffStream {
  return useLiveStream(StaffStreamDocument, { select: (data) => data.live, cadence: 'quiet' });
}
