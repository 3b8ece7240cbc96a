// The live hub's sense of time passing: its throttle windows, patch delays, ticks, idle
// lifetimes and recipe freshness all read `now()` and wait through `setTimeout`, so a test can
// drive them step by step (test/server/live-client.ts ManualScheduler) instead of sleeping.
// Which day it is comes from the hub's calendar clock (`clock: () => Date`), like requests.

/** A pending callback, as setTimeout returned it. */
export type Timer = object;

export interface Scheduler {
  /** Milliseconds on a clock that only moves forward (epoch milliseconds by default). */
  now(): number;
  setTimeout(run: () => void, ms: number): Timer;
  clearTimeout(timer: Timer): void;
}

/** Node's timers; unref'd, so a pending recomputation never keeps a stopping process alive. */
export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout(run, ms) {
    const timer = setTimeout(run, ms);
    timer.unref();
    return timer;
  },
  clearTimeout(timer) {
    clearTimeout(timer as NodeJS.Timeout);
  },
};
