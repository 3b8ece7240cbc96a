import { useEventListener, useUrlSearchParams } from '@vueuse/core';
import { computed, type Ref, shallowRef } from 'vue';
import { isScreenName, type MapKpi, mapKpis, type ScreenName } from '../config.ts';

export interface ScreenLocation {
  /** The named screen shown: /screen/<name>, `overview` at /. */
  screen: Readonly<Ref<ScreenName>>;
  /** The township the screen is filtered to (?region=<code>); null for the whole county. */
  region: Readonly<Ref<string | null>>;
  /** What the county map is coloured by (?kpi=cases|rate). */
  mapKpi: Readonly<Ref<MapKpi>>;
  /** Filters the screen to a township, or back to the county; a new history entry. */
  selectRegion(code: string | null): void;
  /** Shows another named screen, keeping the rest of the URL; no new history entry. */
  showScreen(name: ScreenName): void;
  /** Colours the map by another figure; a new history entry, like the township filter. */
  setMapKpi(kpi: MapKpi): void;
}

function screenOf(pathname: string): ScreenName {
  const name = /^\/screen\/([^/]+)\/?$/.exec(pathname)?.[1];
  return isScreenName(name) ? name : 'overview';
}

/**
 * The screen's state kept in its URL, so a reload, the playlist and the browser's back button
 * all come back to the same view. The query is vueuse's `useUrlSearchParams` (written as a new
 * history entry, read again on back); the screen's name is the path, which it does not keep.
 */
export function useScreenLocation(): ScreenLocation {
  const params = useUrlSearchParams<{ region?: string; kpi?: string }>('history', { writeMode: 'push' });
  const screen = shallowRef(screenOf(location.pathname));
  useEventListener(window, 'popstate', () => {
    screen.value = screenOf(location.pathname);
  });

  const region = computed(() => params.region || null);
  const mapKpi = computed<MapKpi>(() =>
    (mapKpis as readonly string[]).includes(params.kpi ?? '') ? (params.kpi as MapKpi) : 'cases',
  );

  return {
    screen,
    region,
    mapKpi,
    selectRegion: (code) => {
      if (code === null) delete params.region;
      else params.region = code;
    },
    showScreen: (name) => {
      history.replaceState(history.state, '', `/screen/${name}${location.search}${location.hash}`);
      screen.value = name;
    },
    setMapKpi: (kpi) => {
      if (kpi === 'cases') delete params.kpi;
      else params.kpi = kpi;
    },
  };
}
