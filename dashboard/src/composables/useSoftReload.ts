import { useEventListener, useFullscreen, useTimeoutFn } from '@vueuse/core';
import { shallowRef, watch } from 'vue';

const shanghaiOffsetMs = 8 * 3600_000;
const dayMs = 24 * 3600_000;
const fullscreenKey = 'hub.screen.fullscreen';

/** Milliseconds from `now` to the next `HH:MM` on the Asia/Shanghai clock (UTC+8, no DST). */
export function msUntilShanghaiTime(now: number, at: string): number {
  const [hours, minutes] = at.split(':').map(Number) as [number, number];
  const dayStart = Math.floor((now + shanghaiOffsetMs) / dayMs) * dayMs - shanghaiOffsetMs;
  let next = dayStart + hours * 3600_000 + minutes * 60_000;
  if (next <= now) next += dayMs;
  return next - now;
}

export interface UseSoftReloadOptions {
  /** HH:MM in Asia/Shanghai; nothing is scheduled when null. */
  at: string | null;
  /**
   * Asked before reloading; a reload waits for the hub to answer, so a screen never reloads
   * into an error page.
   * @default GET /healthz
   */
  healthy?: () => Promise<boolean>;
  /** @default location.reload() */
  reload?: () => void;
  /**
   * How long to wait before asking again when the hub did not answer.
   * @default 60_000
   */
  retryMs?: number;
}

async function hubAnswers(): Promise<boolean> {
  try {
    return (await fetch('/healthz', { cache: 'no-store' })).ok;
  } catch {
    return false;
  }
}

/**
 * A daily soft reload (定时刷新) that returns to the same screen (the URL holds all of its state)
 * and to full screen (remembered in sessionStorage, which survives the reload).
 */
export function useSoftReload(options: UseSoftReloadOptions): void {
  const { at, healthy = hubAnswers, reload = () => location.reload(), retryMs = 60_000 } = options;
  if (at === null) return;
  const wait = shallowRef(msUntilShanghaiTime(Date.now(), at));
  const { start } = useTimeoutFn(
    async () => {
      if (await healthy()) return reload();
      wait.value = retryMs;
      start();
    },
    wait,
    { immediate: false },
  );
  start();
}

/**
 * Remembers whether the screen is in full screen and goes back to it after a reload. Browsers
 * only grant full screen after a user gesture unless started in kiosk mode, so when the request
 * is refused the next click or key press makes it.
 */
export function useFullscreenMemory(): { toggle: () => Promise<void> } {
  const { isFullscreen, enter, toggle } = useFullscreen();
  watch(isFullscreen, (on) => {
    if (on) sessionStorage.setItem(fullscreenKey, '1');
    else sessionStorage.removeItem(fullscreenKey);
  });
  if (sessionStorage.getItem(fullscreenKey) && !isFullscreen.value) {
    const restore = () => {
      if (!isFullscreen.value) enter().catch(() => {});
    };
    const stops = [
      useEventListener(window, 'pointerdown', restore),
      useEventListener(window, 'keydown', restore),
    ];
    const stopWatching = watch(isFullscreen, (on) => {
      if (!on) return;
      for (const stop of stops) stop();
      stopWatching();
    });
    restore();
  }
  return { toggle: () => toggle().catch(() => {}) };
}
