// The bundled map of the fictional county (demo-county.geo.json, written by scripts/county-map.ts)
// and where a service point without coordinates is drawn on it.
import countyGeoJson from './demo-county.geo.json' with { type: 'json' };

export const COUNTY_MAP = 'demo-county';
export { countyGeoJson };

type Point = [number, number];

interface TownshipShape {
  name: string;
  code: string;
  seat: Point;
  ring: Point[];
}

export const townshipShapes: TownshipShape[] = countyGeoJson.features.map((feature) => ({
  name: feature.properties.name,
  code: feature.properties.code,
  seat: feature.properties.cp as Point,
  ring: feature.geometry.coordinates[0] as Point[],
}));

export const townshipByCode = new Map(townshipShapes.map((t) => [t.code, t]));
export const townshipByName = new Map(townshipShapes.map((t) => [t.name, t]));

function contains(ring: Point[], [x, y]: Point): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Point;
    const [xj, yj] = ring[j] as Point;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * A number in [0, 1) from a string, the same on every screen: FNV-1a, then MurmurHash3's final
 * mix, so codes that differ in their last digit (WD0053, WD0054) land far apart.
 */
function hash(text: string, salt: number): number {
  let h = 0x811c9dc5 ^ salt;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

/**
 * Where to draw a service point: its own coordinates when it has them, else a spot inside its
 * township that depends only on its code (points of the county level go to the county seat's
 * township). Null when the township is not on the map.
 */
export function servicePointPosition(point: {
  code: string;
  longitude: string | null;
  latitude: string | null;
  townshipCode: string | null;
}): Point | null {
  if (point.longitude !== null && point.latitude !== null) {
    return [Number(point.longitude), Number(point.latitude)];
  }
  const township = townshipByCode.get(point.townshipCode ?? '') ?? townshipShapes[0];
  if (!township) return null;
  for (let attempt = 0; attempt < 12; attempt++) {
    const angle = hash(point.code, attempt * 2) * 2 * Math.PI;
    const radius = 0.012 + hash(point.code, attempt * 2 + 1) * 0.05;
    const candidate: Point = [
      township.seat[0] + radius * Math.cos(angle),
      township.seat[1] + radius * Math.sin(angle),
    ];
    if (contains(township.ring, candidate)) return candidate;
  }
  return township.seat;
}
