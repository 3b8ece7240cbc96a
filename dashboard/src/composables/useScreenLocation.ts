import { onScopeDispose, type Ref, shallowRef } from 'vue';
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
  setMapKpi(kpi: MapKpi): void;
}

function screenOf(pathname: string): ScreenName {
  const name = /^\/screen\/([^/]+)\/?$/.exec(pathname)?.[1];
  return isScreenName(name) ? name : 'overview';
}

/**
 * The screen's state kept in its URL, so a reload, the playlist and the browser's back button
 * all come back to the same view.
 */
export function useScreenLocation(): ScreenLocation {
  const screen = shallowRef<ScreenName>('overview');
  const region = shallowRef<string | null>(null);
  const mapKpi = shallowRef<MapKpi>('cases');

  function read(): void {
    const params = new URLSearchParams(location.search);
    screen.value = screenOf(location.pathname);
    region.value = params.get('region') || null;
    const kpi = params.get('kpi');
    mapKpi.value = (mapKpis as readonly string[]).includes(kpi ?? '') ? (kpi as MapKpi) : 'cases';
  }

  function write(mode: 'push' | 'replace', change: (url: URL) => void): void {
    const url = new URL(location.href);
    change(url);
    if (url.href === location.href) return;
    if (mode === 'push') history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    read();
  }

  const setParam = (url: URL, name: string, value: string | null) => {
    if (value === null) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  };

  read();
  window.addEventListener('popstate', read);
  onScopeDispose(() => window.removeEventListener('popstate', read));

  return {
    screen,
    region,
    mapKpi,
    selectRegion: (code) => write('push', (url) => setParam(url, 'region', code)),
    showScreen: (name) =>
      write('replace', (url) => {
        url.pathname = `/screen/${name}`;
      }),
    setMapKpi: (kpi) => write('replace', (url) => setParam(url, 'kpi', kpi === 'cases' ? null : kpi)),
  };
}
