import { install as installUrql } from '@urql/vue';
import { type App, type InjectionKey, inject, type Ref } from 'vue';
import type { ScreenConfig } from '../config.ts';
import type { ConnectionStatus, ScreenClient } from '../graphql/client.ts';

/** What every stream and panel of a screen shares: its settings, socket and clock. */
export interface ScreenRuntime {
  config: ScreenConfig;
  connection: Readonly<Ref<ConnectionStatus>>;
  /** Epoch ms, ticking once a second: one timer for the clock and every staleness check. */
  now: Readonly<Ref<number>>;
}

const screenRuntimeKey: InjectionKey<ScreenRuntime> = Symbol('screen runtime');

/**
 * Gives the whole app the screen's urql client (for `useSubscription`) and runtime; both are
 * made before the app (main.ts), so they outlive any component.
 */
export function installScreen(
  app: App,
  screen: Pick<ScreenClient, 'client' | 'connection'>,
  options: { config: ScreenConfig; now: Readonly<Ref<number>> },
): void {
  installUrql(app, screen.client);
  app.provide(screenRuntimeKey, {
    config: options.config,
    connection: screen.connection,
    now: options.now,
  });
}

export function useScreenRuntime(): ScreenRuntime {
  const runtime = inject(screenRuntimeKey);
  if (!runtime) throw new Error('useScreenRuntime() needs installScreen() on the app');
  return runtime;
}
