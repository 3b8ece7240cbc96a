import { useWindowSize } from '@vueuse/core';
import { type ComputedRef, computed } from 'vue';

export interface UseFitScaleOptions {
  /** The design width in CSS pixels, e.g. 1920. */
  width: () => number;
  /** The design height in CSS pixels, e.g. 1080. */
  height: () => number;
}

/**
 * The scale that fits a design of width × height into the window without distortion: the
 * smaller of the two ratios, so the other axis gets bars (letterbox). 3840×2160 gives 2.
 */
export function useFitScale(options: UseFitScaleOptions): ComputedRef<number> {
  const window = useWindowSize({ includeScrollbar: true });
  return computed(() =>
    Math.min(window.width.value / options.width(), window.height.value / options.height()),
  );
}
