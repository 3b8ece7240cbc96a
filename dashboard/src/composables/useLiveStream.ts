import { type AnyVariables, type CombinedError, type DocumentInput, useSubscription } from '@urql/vue';
import {
  type ComputedRef,
  computed,
  type MaybeRefOrGetter,
  nextTick,
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

/** One message of a stream: its data and the extensions beside it. */
export interface StreamMessage<Data> {
  data: Data;
  extensions?: Record<string, unknown> | undefined;
}

/** Reads the position from `extensions.live` of a live query's message (hub contract). */
export function livePosition(message: Pick<StreamMessage<unknown>, 'extensions'>): StreamPosition {
  const live = message.extensions?.live as { seq?: unknown; snapshot?: unknown } | undefined;
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
  position?: (message: StreamMessage<Data>) => StreamPosition;
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
  /** The last message's error; cleared by the next message that carries data. */
  error: Readonly<Ref<CombinedError | undefined>>;
  /** When the last message arrived (epoch ms), the panel's "data as of" (数据时间). */
  receivedAt: Readonly<ShallowRef<number | null>>;
  /** Data is held but the socket is down, or nothing arrived for the stale setting's time. */
  stale: ComputedRef<boolean>;
  /** Times the stream subscribed again after a gap in its numbers. */
  resyncs: Readonly<Ref<number>>;
}

/**
 * One live stream: urql's `useSubscription` over the screen's one socket, whose first message is
 * a snapshot and whose later messages are pushes. On top it tracks the numbers of the messages
 * and subscribes again (getting a new snapshot) when one went missing, skips pushes that change
 * nothing, and tracks freshness against the screen's clock and socket.
 *
 * urql runs one subscription for every stream of the same document and variables (the panels
 * of a domain share theirs). A stream opened while another of the same operation is already
 * running gets no snapshot of its own, so the screen opens a screen's panels together, after
 * closing the previous screen's (ScreenLayout is keyed by the screen).
 */
export function useLiveStream<Data, Variables extends AnyVariables, Value>(
  document: DocumentInput<Data, Variables>,
  options: UseLiveStreamOptions<Data, Variables, Value>,
): LiveStream<Value> {
  const runtime = useScreenRuntime();
  const { select, position = livePosition, merge } = options;
  const staleAfterMs =
    options.cadence === 'quiet' ? runtime.config.quietStaleAfterMs : runtime.config.staleAfterMs;

  const value = shallowRef<Value>();
  const receivedAt = shallowRef<number | null>(null);
  const resyncs = shallowRef(0);
  let lastSeq: number | null = null;
  let awaitingSnapshot = false;
  let held = '';

  const variables = () => toValue(options.variables) ?? ({} as Variables);

  function receive(data: Data): void {
    const at = position({ data, extensions: subscription.extensions.value });
    if (awaitingSnapshot && !at.snapshot) return;
    if (!at.snapshot && at.seq !== null && lastSeq !== null && at.seq !== lastSeq + 1) {
      resync();
      return;
    }
    awaitingSnapshot = false;
    lastSeq = at.seq;
    const selected = select(data);
    const next = !at.snapshot && merge && value.value !== undefined ? merge(value.value, selected) : selected;
    // A push that changes nothing (the hub recomputes whatever a write might touch) leaves the
    // panels alone: no re-render, no chart redrawn. It still says the data is current.
    const serialized = JSON.stringify(next);
    if (serialized !== held || value.value === undefined) {
      held = serialized;
      value.value = next;
    }
    receivedAt.value = Date.now();
  }

  /**
   * A push went missing: what we hold may be wrong. Leave the subscription and take it again on
   * the next tick, when every stream sharing it (they all saw the same gap) has left too, so
   * urql ends it and the hub sends a new snapshot. Pushes until then are dropped.
   */
  function resync(): void {
    resyncs.value += 1;
    lastSeq = null;
    awaitingSnapshot = true;
    subscription.pause();
    nextTick().then(subscription.resume);
  }

  const subscription = useSubscription<Data, Data, Variables>(
    { query: document, variables } as Parameters<typeof useSubscription<Data, Data, Variables>>[0],
    (_held, data) => {
      receive(data);
      return data;
    },
  );

  watch(
    () => JSON.stringify(variables()),
    () => {
      value.value = undefined;
      held = '';
      lastSeq = null;
      awaitingSnapshot = false;
      receivedAt.value = null;
    },
  );

  const stale = computed(
    () =>
      receivedAt.value !== null &&
      (runtime.connection.value !== 'connected' || runtime.now.value - receivedAt.value > staleAfterMs),
  );

  return { value, error: subscription.error, receivedAt, stale, resyncs };
}
