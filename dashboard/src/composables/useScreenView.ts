import { type InjectionKey, inject, provide, type Ref } from 'vue';
import type { ScreenLocation } from './useScreenLocation.ts';

/**
 * What the panels of the screen shown share, besides the runtime: the township filter and what
 * it is called, and what the county map is coloured by. Each panel opens its own stream with it.
 */
export interface ScreenView extends Pick<ScreenLocation, 'region' | 'mapKpi' | 'selectRegion' | 'setMapKpi'> {
  /** What the filtered panels cover: 全县, or the township's name. */
  scope: Readonly<Ref<string>>;
}

export const screenViewKey: InjectionKey<ScreenView> = Symbol('screen view');

export function provideScreenView(view: ScreenView): void {
  provide(screenViewKey, view);
}

export function useScreenView(): ScreenView {
  const view = inject(screenViewKey);
  if (!view) throw new Error('useScreenView() needs provideScreenView() in a parent');
  return view;
}
