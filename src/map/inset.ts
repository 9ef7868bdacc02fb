/**
 * The inset: a small map in a corner of the locator map that locates its area in its country:
 * the country outlines (1:110m), the places' countries lighter, and a rectangle of the main
 * map's extent. A country too large to show whole (Russia spans the antimeridian) gives way to
 * a window of INSET_WINDOW degrees around the main map.
 */
import { geoMercator, geoPath } from "d3-geo";
import type { Atlas, CountryFeature } from "./atlas.ts";
import type { Extent } from "./extent.ts";
import type { Box } from "./labels.ts";

const INSET_WINDOW = { lon: 30, lat: 18 };
/** The largest country box shown whole. */
const WHOLE = { lon: 45, lat: 30 };

type Bbox = [west: number, south: number, east: number, north: number];

/** The inset's extent: the places' countries, or a window around the main map; always holding the main map. */
function insetExtent(main: Extent, homes: CountryFeature[]): Extent {
  const boxes = homes.map((c) => c.bbox as Bbox);
  let x: Extent | undefined;
  if (boxes.length && boxes.every(([w, , e]) => w <= e)) {
    x = {
      west: Math.min(...boxes.map((b) => b[0])),
      south: Math.min(...boxes.map((b) => b[1])),
      east: Math.max(...boxes.map((b) => b[2])),
      north: Math.max(...boxes.map((b) => b[3])),
    };
    if (x.east - x.west > WHOLE.lon || x.north - x.south > WHOLE.lat) x = undefined;
  }
  if (!x) {
    const [cx, cy] = [(main.west + main.east) / 2, (main.south + main.north) / 2];
    x = {
      west: cx - INSET_WINDOW.lon / 2,
      east: cx + INSET_WINDOW.lon / 2,
      south: cy - INSET_WINDOW.lat / 2,
      north: cy + INSET_WINDOW.lat / 2,
    };
  }
  const pad = 0.08 * Math.max(x.east - x.west, x.north - x.south);
  return {
    west: Math.max(-180, Math.min(x.west, main.west) - pad),
    east: Math.min(180, Math.max(x.east, main.east) + pad),
    south: Math.max(-84, Math.min(x.south, main.south) - pad),
    north: Math.min(84, Math.max(x.north, main.north) + pad),
  };
}

const corners = (x: Extent) => ({
  type: "Feature" as const,
  properties: {},
  geometry: {
    type: "MultiPoint" as const,
    coordinates: [
      [x.west, x.south],
      [x.east, x.north],
      [x.west, x.north],
      [x.east, x.south],
    ],
  },
});

/** The inset's SVG, drawn in `box`; `frame` (the main map's extent as a rectangle) is returned for tests. */
export function drawInset(atlas: Atlas, main: Extent, homes: CountryFeature[], box: Box): { svg: string; frame: Box } {
  const x = insetExtent(main, homes);
  const projection = geoMercator().fitExtent(
    [
      [box.x + 2, box.y + 2],
      [box.x + box.w - 2, box.y + box.h - 2],
    ],
    corners(x),
  );
  projection.clipExtent([
    [box.x, box.y],
    [box.x + box.w, box.y + box.h],
  ]);
  const path = geoPath(projection).digits(1);
  const names = new Set(homes.map((c) => c.properties.name));
  const parts = [
    `<g class="map-inset"><rect class="map-inset-sea" x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}"/>`,
  ];
  for (const c of atlas.coarse) {
    const [w, s, e, n] = c.bbox as Bbox;
    if (w <= e && (e < x.west || w > x.east || n < x.south || s > x.north)) continue;
    const d = path(c);
    if (d)
      parts.push(`<path class="map-inset-land${names.has(c.properties.name) ? " map-inset-home" : ""}" d="${d}"/>`);
  }
  // the main map's extent, at least 5 units across so it shows
  const [x0, y0] = projection([main.west, main.north])!;
  const [x1, y1] = projection([main.east, main.south])!;
  const fw = Math.max(5, x1 - x0);
  const fh = Math.max(5, y1 - y0);
  const frame = { x: (x0 + x1) / 2 - fw / 2, y: (y0 + y1) / 2 - fh / 2, w: fw, h: fh };
  const r = (v: number) => Math.round(v * 10) / 10;
  parts.push(
    `<rect class="map-inset-extent" x="${r(frame.x)}" y="${r(frame.y)}" width="${r(frame.w)}" height="${r(frame.h)}"/>`,
  );
  parts.push(`<rect class="map-inset-border" x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}"/></g>`);
  return { svg: parts.join(""), frame };
}
