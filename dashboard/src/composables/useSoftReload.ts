import { onScopeDispose } from 'vue';

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
  let timer: ReturnType<typeof setTimeout>;
  const attempt = async () => {
    if (await healthy()) reload();
    else timer = setTimeout(attempt, retryMs);
  };
  timer = setTimeout(attempt, msUntilShanghaiTime(Date.now(), at));
  onScopeDispose(() => clearTimeout(timer));
}

/**
 * Remembers whether the screen is in full screen and goes back to it after a reload. Browsers
 * only grant full screen after a user gesture unless started in kiosk mode, so when the request
 * is refused the next click or key press makes it.
 */
export function useFullscreenMemory(): void {
  const remember = () => {
    if (document.fullscreenElement) sessionStorage.setItem(fullscreenKey, '1');
    else sessionStorage.removeItem(fullscreenKey);
  };
  document.addEventListener('fullscreenchange', remember);
  const restoreOnGesture = () => {
    document.documentElement.requestFullscreen().catch(() => {});
  };
  if (sessionStorage.getItem(fullscreenKey) && !document.fullscreenElement) {
    document.documentElement.requestFullscreen().catch(() => {
      window.addEventListener('pointerdown', restoreOnGesture, { once: true });
      window.addEventListener('keydown', restoreOnGesture, { once: true });
    });
  }
  onScopeDispose(() => {
    document.removeEventListener('fullscreenchange', remember);
    window.removeEventListener('pointerdown', restoreOnGesture);
    window.removeEventListener('keydown', restoreOnGesture);
  });
}
