/**
 * The locator map's layout, without a build: the view fitted to its places (a local story at
 * local scale, a minimum extent, the inset locating it), labels that never overlap (the dropped
 * ones reported, to be listed), the page's own place marked apart, areas and countries, and the
 * rule for drawing a map at all.
 */
import { referenceLocale } from "../src/content/locale.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { loadAtlas, type Atlas } from "../src/map/atlas.ts";
import { fitExtent, holds, LONE_SPAN_KM, MIN_SPAN_KM, spanKm } from "../src/map/extent.ts";
import { overlaps, placeLabels, type Box } from "../src/map/labels.ts";
import { mapFigure } from "../src/map/figure.ts";
import { drawLocatorMap } from "../src/map/locator-map.ts";
import { mapShown, type MapPlace } from "../src/map/places.ts";

const P = (id: string, name: string, lat: number, lon: number, radiusKm?: number): MapPlace => ({
  id,
  name,
  href: `/entities/${id}/`,
  lat,
  lon,
  ...(radiusKm ? { radiusKm } : {}),
});
// the border towns the finding names: 60 km apart at most, Sumy/Sudzha and Rylsk/Tetkino collided
const BORDER = [
  P("sumy", "Sumy", 50.9077, 34.7981),
  P("sudzha", "Sudzha", 51.1906, 35.2707),
  P("rylsk", "Rylsk", 51.5681, 34.6802),
  P("tetkino", "Tetkino", 51.2727, 34.2906),
  P("glushkovo", "Glushkovo", 51.3403, 34.6311),
];
const COUNTRY = (id: string, name: string): MapPlace => ({ id, name, href: `/entities/${id}/`, countryName: name });

let atlas: Atlas;
beforeAll(() => {
  atlas = loadAtlas();
});

const labelBoxes = (m: ReturnType<typeof drawLocatorMap>) => m.markers.flatMap((k) => (k.label ? [k.label] : []));
const noneOverlap = (boxes: Box[]) => boxes.every((a, i) => boxes.slice(i + 1).every((b) => !overlaps(a, b)));

describe("fitting the view to the places", () => {
  it("holds every place with padding, at the places' own scale: five border towns make a view of ~100 km, not a country", () => {
    const x = fitExtent(BORDER.map((p) => ({ lat: p.lat!, lon: p.lon! })));
    for (const p of BORDER) expect(holds(x, p.lat!, p.lon!), p.id).toBe(true);
    // padding: no place on the edge
    const lons = BORDER.map((p) => p.lon!);
    expect(Math.min(...lons) - x.west).toBeGreaterThan(0.1);
    expect(x.east - Math.max(...lons)).toBeGreaterThan(0.1);
    const { width, height } = spanKm(x);
    expect(width).toBeLessThan(120);
    expect(height).toBeLessThan(120);
  });

  it("never narrower than the minimum extent: two places 5 km apart do not fill the frame", () => {
    const x = fitExtent([
      { lat: 51.0, lon: 35.0 },
      { lat: 51.03, lon: 35.05 },
    ]);
    const { width, height } = spanKm(x);
    expect(width).toBeCloseTo(MIN_SPAN_KM, 0);
    expect(height).toBeCloseTo(MIN_SPAN_KM, 0);
    const map = drawLocatorMap(atlas, [P("a", "Alpha", 51.0, 35.0), P("b", "Bravo", 51.03, 35.05)], "Two");
    const [a, b] = map.markers;
    // 5 km on an 80 km view of 400 units: some 25 units apart, not across the frame
    expect(Math.hypot(a!.x - b!.x, a!.y - b!.y)).toBeLessThan(60);
  });

  it("a lone place gets a wider view (the borders near it), not the 80 km of a pair", () => {
    const { width, height } = spanKm(fitExtent([{ lat: 50.45, lon: 30.52 }]));
    expect(width).toBeCloseTo(LONE_SPAN_KM, 0);
    expect(height).toBeCloseTo(LONE_SPAN_KM, 0);
  });

  it("takes an area's radius into the view", () => {
    const x = fitExtent([{ lat: 51.63, lon: 36.14, radiusKm: 95 }]);
    expect(spanKm(x).height).toBeGreaterThan(190);
  });

  it("a local map has an inset with the main view's rectangle inside it; a country-wide one has none", () => {
    const local = drawLocatorMap(atlas, BORDER, "Border");
    expect(local.inset).toBeDefined();
    const { box, frame } = local.inset!;
    expect(
      frame.x >= box.x && frame.y >= box.y && frame.x + frame.w <= box.x + box.w && frame.y + frame.h <= box.y + box.h,
    ).toBe(true);
    expect(local.svg).toContain('class="map-inset-extent"');
    // the inset covers no marker
    for (const m of local.markers) expect(overlaps(box, { x: m.x - 5, y: m.y - 5, w: 10, h: 10 }), m.id).toBe(false);
    const wide = drawLocatorMap(atlas, [P("lisbon", "Lisbon", 38.72, -9.14), P("kyiv", "Kyiv", 50.45, 30.52)], "Wide");
    expect(wide.inset).toBeUndefined();
  });
});

describe("labels", () => {
  it("the border towns that collided are all labelled, no two labels overlap, none overlaps a marker", () => {
    const map = drawLocatorMap(atlas, BORDER, "Border");
    expect(map.dropped).toEqual([]);
    const labels = labelBoxes(map);
    expect(labels).toHaveLength(BORDER.length);
    expect(noneOverlap(labels)).toBe(true);
    for (const l of labels)
      for (const m of map.markers) expect(overlaps(l, { x: m.x - 5, y: m.y - 5, w: 10, h: 10 })).toBe(false);
  });

  it("tries right, left, above, below, and drops a label with no room (reported, never drawn over another)", () => {
    const frame = { x: 0, y: 0, w: 100, h: 100 };
    const req = (id: string, x: number, y: number) => ({ id, x, y, r: 5, w: 30, h: 14 });
    // alone, a label goes to the right; nine markers on one spot leave no room for some
    const one = placeLabels([req("a", 50, 50)], [], frame);
    expect(one.placed.get("a")!.x).toBeGreaterThan(50);
    const crowded = placeLabels(
      [
        req("a", 50, 50),
        req("b", 52, 50),
        req("c", 51, 51),
        req("d", 50, 52),
        req("e", 51, 50),
        req("f", 50, 51),
        req("g", 52, 52),
        req("h", 49, 50),
        req("i", 50, 49),
      ],
      [],
      frame,
    );
    expect(crowded.dropped.length).toBeGreaterThan(0);
    const boxes = [...crowded.placed.values()];
    expect(boxes.length + crowded.dropped.length).toBe(9);
    expect(noneOverlap(boxes)).toBe(true);
  });

  it("many places crowded together: every label drawn is apart; the dropped ones are named for the list", () => {
    const crowd = Array.from({ length: 24 }, (_, i) =>
      P(`p${i}`, `Place number ${i}`, 51 + (i % 5) * 0.02, 35 + Math.floor(i / 5) * 0.03),
    );
    const map = drawLocatorMap(atlas, crowd, "Crowd");
    expect(map.dropped.length).toBeGreaterThan(0);
    expect(map.dropped.length + labelBoxes(map).length).toBe(crowd.length);
    for (const id of map.dropped) expect(map.markers.find((m) => m.id === id)!.label).toBeUndefined();
    expect(noneOverlap(labelBoxes(map))).toBe(true);
    // the caption lists every place, and says which have no label on the drawing
    const figure = mapFigure(map, crowd, referenceLocale(), "Places:");
    for (const p of crowd) {
      const item = figure.match(
        new RegExp(`<li><a href="/entities/${p.id}/">${p.name}</a>[^<]*(<span class="map-note">[^<]*</span>)?</li>`),
      );
      expect(item, p.id).not.toBeNull();
      expect(item![0].includes("not labelled on the map: no room"), p.id).toBe(map.dropped.includes(p.id));
    }
  });
});

describe("the page's own place, areas and countries", () => {
  it("the page's own place is marked apart (a ringed marker, aria-current) and labelled first", () => {
    const map = drawLocatorMap(atlas, BORDER, "Border", "sudzha");
    expect(map.svg).toMatch(
      /<a href="\/entities\/sudzha\/" class="map-place map-here" aria-label="Sudzha" aria-current="page"><circle class="map-marker" [^>]*r="8"\/><text class="map-label"/,
    );
    expect((map.svg.match(/aria-current/g) ?? []).length).toBe(1);
  });

  it("a region is a dashed circle marked approximate; a country named by the story is its outline", () => {
    const map = drawLocatorMap(
      atlas,
      [
        P("kursk-region", "Kursk region", 51.63, 36.14, 95),
        P("sudzha", "Sudzha", 51.1906, 35.2707),
        COUNTRY("russia", "Russia"),
      ],
      "Areas",
    );
    expect(map.svg).toMatch(
      /<a href="\/entities\/kursk-region\/" class="map-place map-area" aria-label="Kursk region \(approximate area\)"><circle class="map-area-circle"/,
    );
    expect(map.svg).toMatch(/<path class="map-country map-home map-named" d="/);
    expect(map.svg).toContain(
      '<a href="/entities/russia/" class="map-place map-country-place" aria-label="Russia"><text class="map-label map-country-label"',
    );
  });
});

describe("when a map is drawn", () => {
  const kyiv = P("kyiv", "Kyiv", 50.45, 30.52);
  it("a story's map needs two places with a position", () => {
    expect(mapShown([])).toBe(false);
    expect(mapShown([kyiv])).toBe(false);
    expect(mapShown([kyiv, COUNTRY("ukraine", "Ukraine")])).toBe(false);
    expect(mapShown([kyiv, P("sumy", "Sumy", 50.9, 34.8)])).toBe(true);
  });
  it("a place's page maps its own place, even alone; a country's page when a place named with it has a position", () => {
    expect(mapShown([kyiv], kyiv)).toBe(true);
    const ukraine = COUNTRY("ukraine", "Ukraine");
    expect(mapShown([ukraine], ukraine)).toBe(false);
    expect(mapShown([ukraine, kyiv], ukraine)).toBe(true);
  });
});
