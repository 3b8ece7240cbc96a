import { useIntervalFn } from '@vueuse/core';
import type { ScreenName } from '../config.ts';
import type { ScreenLocation } from './useScreenLocation.ts';

export interface UsePlaylistOptions {
  /** The named screens in turn; nothing rotates with fewer than two. */
  screens: readonly ScreenName[];
  /** How long each stays. */
  everyMs: number;
  location: Pick<ScreenLocation, 'screen' | 'showScreen'>;
}

/** Rotates the named screens of a playlist (?playlist=overview,credit&every=60) on a timer. */
export function usePlaylist(options: UsePlaylistOptions): void {
  const { screens, everyMs, location } = options;
  if (screens.length < 2) return;
  useIntervalFn(() => {
    const at = screens.indexOf(location.screen.value);
    location.showScreen(screens[(at + 1) % screens.length] as ScreenName);
  }, everyMs);
}
