import { onScopeDispose, type Ref, type ShallowRef, shallowRef, watch } from 'vue';

export interface UseThrottledOptions {
  /**
   * The shortest time between two changes of the result.
   * @default 1000
   */
  intervalMs?: number;
}

/**
 * Follows `source` at most once per `intervalMs`: the first change shows at once, later ones at
 * the end of the interval with the newest value, so the last value always shows. Charts use it:
 * a chart redrawn once a second reads the same on a wall, and costs a fraction of four times.
 */
export function useThrottled<T>(
  source: Readonly<Ref<T>>,
  options: UseThrottledOptions = {},
): Readonly<ShallowRef<T>> {
  const intervalMs = options.intervalMs ?? 1000;
  const shown = shallowRef(source.value);
  let shownAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const show = () => {
    timer = undefined;
    shownAt = Date.now();
    shown.value = source.value;
  };
  watch(source, () => {
    if (timer !== undefined) return;
    const wait = shownAt + intervalMs - Date.now();
    if (wait <= 0) show();
    else timer = setTimeout(show, wait);
  });
  onScopeDispose(() => clearTimeout(timer));
  return shown;
}
