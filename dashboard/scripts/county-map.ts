// Writes src/map/demo-county.geo.json: the fictional county (示例县) and its twelve townships as
// GeoJSON for ECharts. The outline is a fixed wobbly curve and each township is the part of it
// nearest to the township's seat (a Voronoi cell clipped to the outline), so the shapes are
// plausible, deterministic and clearly invented. Coordinates sit near 0°N 0°E, in open sea,
// so nobody can mistake the map for a real place. Run: pnpm --filter @hub/dashboard map
import { writeFileSync } from 'node:fs';

type Point = [number, number];

/** Name, division code and seat of each township, in the seed's order (prisma/seed/places.ts). */
const TOWNSHIPS: ReadonlyArray<readonly [string, Point]> = [
  ['城关街道', [0.02, 0.01]],
  ['新城街道', [0.1, 0.06]],
  ['东城镇', [0.2, 0.0]],
  ['南桥镇', [0.04, -0.13]],
  ['北山镇', [0.0, 0.17]],
  ['青石镇', [-0.12, 0.05]],
  ['白沙镇', [0.2, -0.15]],
  ['龙溪镇', [-0.1, -0.12]],
  ['西岭乡', [-0.26, -0.02]],
  ['云峰乡', [-0.16, 0.22]],
  ['石门乡', [0.2, 0.2]],
  ['桃源乡', [-0.24, -0.22]],
];

/** The county's outline: a closed curve of 72 points around the origin, radius ≈ 0.33°. */
function outline(): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < 72; i++) {
    const a = (i / 72) * 2 * Math.PI;
    const r = 0.33 * (1 + 0.1 * Math.sin(3 * a + 1) + 0.06 * Math.sin(5 * a + 2) + 0.03 * Math.sin(11 * a));
    points.push([round(r * Math.cos(a) * 1.1), round(r * Math.sin(a) * 0.9)]);
  }
  return points;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Keeps the part of `polygon` where a·p ≤ b (one Sutherland–Hodgman step). */
function clip(polygon: Point[], a: Point, b: number): Point[] {
  const inside = (p: Point) => a[0] * p[0] + a[1] * p[1] <= b;
  const cross = (p: Point, q: Point): Point => {
    const fp = a[0] * p[0] + a[1] * p[1] - b;
    const fq = a[0] * q[0] + a[1] * q[1] - b;
    const t = fp / (fp - fq);
    return [round(p[0] + t * (q[0] - p[0])), round(p[1] + t * (q[1] - p[1]))];
  };
  const result: Point[] = [];
  polygon.forEach((current, i) => {
    const previous = polygon[(i + polygon.length - 1) % polygon.length] as Point;
    if (inside(current)) {
      if (!inside(previous)) result.push(cross(previous, current));
      result.push(current);
    } else if (inside(previous)) {
      result.push(cross(previous, current));
    }
  });
  return result;
}

function cell(index: number, boundary: Point[]): Point[] {
  const [, seat] = TOWNSHIPS[index] as (typeof TOWNSHIPS)[number];
  let polygon = boundary;
  TOWNSHIPS.forEach(([, other], j) => {
    if (j === index) return;
    // Nearer to `seat` than to `other`: (other − seat)·p ≤ (|other|² − |seat|²) / 2.
    const a: Point = [other[0] - seat[0], other[1] - seat[1]];
    const b = (other[0] ** 2 + other[1] ** 2 - seat[0] ** 2 - seat[1] ** 2) / 2;
    polygon = clip(polygon, a, b);
  });
  return polygon;
}

const boundary = outline();
const features = TOWNSHIPS.map(([name, seat], index) => {
  const ring = cell(index, boundary);
  return {
    type: 'Feature',
    properties: {
      name,
      code: `990121${String(index + 1).padStart(3, '0')}000`,
      cp: seat,
    },
    geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
  };
});

const target = new URL('../src/map/demo-county.geo.json', import.meta.url);
writeFileSync(target, `${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
console.log(`wrote ${features.length} townships to ${target.pathname}`);
