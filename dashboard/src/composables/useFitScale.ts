import { type ComputedRef, computed, onScopeDispose, shallowRef } from 'vue';

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
  const size = shallowRef({ width: window.innerWidth, height: window.innerHeight });
  const onResize = () => {
    size.value = { width: window.innerWidth, height: window.innerHeight };
  };
  window.addEventListener('resize', onResize);
  onScopeDispose(() => window.removeEventListener('resize', onResize));
  return computed(() => Math.min(size.value.width / options.width(), size.value.height / options.height()));
}
