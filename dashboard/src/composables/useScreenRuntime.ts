import type { Client } from '@urql/vue';
import { type App, type InjectionKey, inject, type Ref } from 'vue';
import type { ScreenConfig } from '../config.ts';
import type { ConnectionStatus, ScreenClient } from '../graphql/client.ts';

/** What every stream and panel of a screen shares: its settings, socket and clock. */
export interface ScreenRuntime {
  /** urql over the screen's one WebSocket. */
  client: Client;
  config: ScreenConfig;
  connection: Readonly<Ref<ConnectionStatus>>;
  /** Epoch ms, ticking once a second: one timer for the clock and every staleness check. */
  now: Readonly<Ref<number>>;
}

const screenRuntimeKey: InjectionKey<ScreenRuntime> = Symbol('screen runtime');

/**
 * Gives the whole app the screen's client and runtime; both are made before the app (main.ts),
 * so they outlive any component.
 */
export function installScreen(
  app: App,
  screen: Pick<ScreenClient, 'client' | 'connection'>,
  options: { config: ScreenConfig; now: Readonly<Ref<number>> },
): void {
  app.provide(screenRuntimeKey, {
    client: screen.client,
    config: options.config,
    connection: screen.connection,
    now: options.now,
  });
}

export function useScreenRuntime(): ScreenRuntime {
  const runtime = inject(screenRuntimeKey);
  if (!runtime) throw new Error('useScreenRuntime() needs provideScreenRuntime() on the app');
  return runtime;
}
