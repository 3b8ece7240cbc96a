import { type MaybeRefOrGetter, toValue } from 'vue';
import type { CaseTickFieldsFragment } from '../graphql/generated/graphql.ts';
import { graphql } from '../graphql/generated/index.ts';
import { type LiveStream, useLiveStream } from './useLiveStream.ts';

graphql(`
  fragment CaseTickFields on CaseTick {
    id
    kind
    itemName
    departmentName
    townshipName
    regionName
    channel
    oneNetwork
    status
    applicant
    submittedAt
    completedAt
  }
`);

const CaseTickerDocument = graphql(`
  subscription CaseTicker($region: String, $limit: Int) {
    caseTicker(regionCode: $region, limit: $limit) {
      seq
      snapshot
      cases { ...CaseTickFields }
    }
  }
`);

export type CaseTick = CaseTickFieldsFragment;
export type CaseTicker = LiveStream<CaseTick[]>;

/** A case received and the same case completed are two lines of the ticker. */
const tickKey = (tick: CaseTick) => `${tick.id}:${tick.kind}`;

/** The newest ticks first, each once, at most `limit`. */
export function mergeTicks(held: readonly CaseTick[], next: readonly CaseTick[], limit: number): CaseTick[] {
  const seen = new Set<string>();
  const merged: CaseTick[] = [];
  for (const tick of [...next, ...held]) {
    const key = tickKey(tick);
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(tick);
    if (merged.length === limit) break;
  }
  return merged;
}

export interface UseCaseTickerOptions {
  /** Only cases of this township; the whole county when null. */
  region: MaybeRefOrGetter<string | null>;
  /**
   * How many lines the ticker keeps.
   * @default 20
   */
  limit?: number;
}

/** The case ticker (办件动态): cases received and completed as they happen, applicants masked. */
export function useCaseTicker(options: UseCaseTickerOptions): CaseTicker {
  const limit = options.limit ?? 20;
  return useLiveStream(CaseTickerDocument, {
    variables: () => ({ region: toValue(options.region), limit }),
    select: (data) => data.caseTicker.cases,
    position: (message) => ({
      seq: message.data.caseTicker.seq,
      snapshot: message.data.caseTicker.snapshot,
    }),
    merge: (held, next) => mergeTicks(held, next, limit),
    // Events, not figures: an hour without a case (a night, a township) is no sign of trouble.
    // The socket's keep-alive shows the connection is alive; the live queries beside it are
    // confirmed by the hub every minute.
    cadence: 'quiet',
  });
}
