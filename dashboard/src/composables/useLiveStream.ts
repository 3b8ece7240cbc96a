import type { AnyVariables, CombinedError, DocumentInput, OperationResult } from '@urql/vue';
import {
  type ComputedRef,
  computed,
  type MaybeRefOrGetter,
  onScopeDispose,
  type Ref,
  type ShallowRef,
  shallowRef,
  toValue,
  watch,
} from 'vue';
import { useScreenRuntime } from './useScreenRuntime.ts';

/** Where a message stands in its stream: its number and whether it is a full snapshot. */
export interface StreamPosition {
  seq: number | null;
  snapshot: boolean;
}

/** Reads the position from `extensions.live` of a live query's message (hub contract). */
export function livePosition(result: Pick<OperationResult, 'extensions'>): StreamPosition {
  const live = result.extensions?.live as { seq?: unknown; snapshot?: unknown } | undefined;
  return {
    seq: typeof live?.seq === 'number' ? live.seq : null,
    // A message without the extension (a plain execution) is complete in itself.
    snapshot: live?.snapshot !== false,
  };
}

export interface UseLiveStreamOptions<Data, Variables extends AnyVariables, Value> {
  /**
   * The operation's variables; a ref or getter re-subscribes when they change.
   * @default {}
   */
  variables?: MaybeRefOrGetter<Variables>;
  /** Picks the value out of a message's data. */
  select: (data: Data) => Value;
  /**
   * The message's place in its stream.
   * @default livePosition (extensions.live)
   */
  position?: (result: OperationResult<Data, Variables>) => StreamPosition;
  /**
   * Folds a message that is not a snapshot into the value held.
   * @default the message replaces the value
   */
  merge?: (held: Value, next: Value) => Value;
  /**
   * How often the data changes: `quiet` for figures that move a few times a day at most, which
   * then turn stale after the screen's `staleQuiet` instead of its `stale` setting.
   * @default 'frequent'
   */
  cadence?: 'frequent' | 'quiet';
}

export interface LiveStream<Value> {
  /** The latest value; undefined until the first message. */
  value: Readonly<ShallowRef<Value | undefined>>;
  error: Readonly<ShallowRef<CombinedError | undefined>>;
  /** When the last message arrived (epoch ms), the panel's "data as of" (数据时间). */
  receivedAt: Readonly<ShallowRef<number | null>>;
  /** Data is held but the socket is down, or nothing arrived for the stale setting's time. */
  stale: ComputedRef<boolean>;
  /** Times the stream subscribed again after a gap in its numbers. */
  resyncs: Readonly<Ref<number>>;
}

/**
 * One live stream: a GraphQL subscription whose first message is a snapshot and whose later
 * messages are pushes. Tracks the numbers of the messages and subscribes again (getting a new
 * snapshot) when one went missing; tracks freshness against the screen's clock and socket.
 */
export function useLiveStream<Data, Variables extends AnyVariables, Value>(
  document: DocumentInput<Data, Variables>,
  options: UseLiveStreamOptions<Data, Variables, Value>,
): LiveStream<Value> {
  const runtime = useScreenRuntime();
  const { client } = runtime;
  const { select, position = livePosition, merge } = options;
  const staleAfterMs =
    options.cadence === 'quiet' ? runtime.config.quietStaleAfterMs : runtime.config.staleAfterMs;

  const value = shallowRef<Value>();
  const error = shallowRef<CombinedError>();
  const receivedAt = shallowRef<number | null>(null);
  const resyncs = shallowRef(0);
  let lastSeq: number | null = null;
  let held = '';
  let unsubscribe: (() => void) | undefined;

  function subscribe(variables: Variables): void {
    unsubscribe?.();
    lastSeq = null;
    const subscription = client.subscription(document, variables).subscribe((result) => {
      if (result.error) {
        error.value = result.error;
        return;
      }
      if (!result.data) return;
      const at = position(result);
      if (!at.snapshot && at.seq !== null && lastSeq !== null && at.seq !== lastSeq + 1) {
        // A push went missing: what we hold may be wrong. Start over from a snapshot.
        resyncs.value += 1;
        subscribe(variables);
        return;
      }
      lastSeq = at.seq;
      const selected = select(result.data);
      const next =
        !at.snapshot && merge && value.value !== undefined ? merge(value.value, selected) : selected;
      // A push that changes nothing (the hub recomputes whatever a write might touch) leaves the
      // panels alone: no re-render, no chart redrawn. It still says the data is current.
      const serialized = JSON.stringify(next);
      if (serialized !== held || value.value === undefined) {
        held = serialized;
        value.value = next;
      }
      error.value = undefined;
      receivedAt.value = Date.now();
    });
    unsubscribe = () => subscription.unsubscribe();
  }

  watch(
    () => toValue(options.variables) ?? ({} as Variables),
    (variables, previous) => {
      if (previous !== undefined && JSON.stringify(variables) === JSON.stringify(previous)) return;
      value.value = undefined;
      held = '';
      receivedAt.value = null;
      subscribe(variables);
    },
    { immediate: true },
  );

  onScopeDispose(() => unsubscribe?.());

  const stale = computed(
    () =>
      receivedAt.value !== null &&
      (runtime.connection.value !== 'connected' || runtime.now.value - receivedAt.value > staleAfterMs),
  );

  return { value, error, receivedAt, stale, resyncs };
}
