import { type App, type InjectionKey, inject, type Ref, shallowRef } from 'vue';
import type { ScreenConfig } from '../config.ts';
import type { ConnectionStatus } from '../graphql/client.ts';

/** What every stream and panel of a screen shares: its settings, socket and clock. */
export interface ScreenRuntime {
  config: ScreenConfig;
  connection: Readonly<Ref<ConnectionStatus>>;
  /** Epoch ms, ticking once a second: one timer for the clock and every staleness check. */
  now: Readonly<Ref<number>>;
}

const screenRuntimeKey: InjectionKey<ScreenRuntime> = Symbol('screen runtime');

/** Makes the runtime available to the whole app (it is created before the app, in main.ts). */
export function provideScreenRuntime(app: App, runtime: ScreenRuntime): void {
  app.provide(screenRuntimeKey, runtime);
}

export function useScreenRuntime(): ScreenRuntime {
  const runtime = inject(screenRuntimeKey);
  if (!runtime) throw new Error('useScreenRuntime() needs provideScreenRuntime() on the app');
  return runtime;
}

/** Epoch ms, updated every `intervalMs`, for as long as the page lives. */
export function createClock(intervalMs = 1000): { now: Readonly<Ref<number>>; stop(): void } {
  const now = shallowRef(Date.now());
  const timer = setInterval(() => {
    now.value = Date.now();
  }, intervalMs);
  return { now, stop: () => clearInterval(timer) };
}
