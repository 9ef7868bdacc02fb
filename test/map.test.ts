/**
 * Locator maps: markers inside their country's outline as drawn (and Simferopol inside Ukraine:
 * the atlas follows the UN's boundaries), inside the view, labels apart, small; and on the built
 * story and place pages, an accessible SVG with every place as a link and as a list of links.
 * Fitting, label placement and the rules are in map-layout.test.ts; Chromium in map-browser.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { geoContains } from "d3-geo";
import { beforeAll, describe, expect, it } from "vitest";
import { loadAtlas, type Atlas } from "../src/map/atlas.ts";
import { drawLocatorMap, type Box, type MapPlace } from "../src/map/locator-map.ts";
import { buildSample } from "./helpers/build-tree.ts";
import { SAMPLE, readHtml } from "./helpers/site.ts";

type Point = [number, number];
const regionNames = new Intl.DisplayNames("en", { type: "region" });

/** The rings of an SVG path made of M, L and Z commands (what d3-geo writes). */
function rings(d: string): Point[][] {
  return d
    .split("M")
    .filter(Boolean)
    .map((ring) =>
      ring
        .replace(/Z/g, "")
        .split("L")
        .map((pt) => pt.split(",").map(Number) as Point),
    );
}

/** Even-odd point in polygon over every ring: inside the shape as drawn. */
function insideDrawn(d: string, [x, y]: Point): boolean {
  let inside = false;
  for (const ring of rings(d)) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

interface EntityData {
  id: string;
  name: string;
  type: string;
  coordinates?: [number, number];
  country?: string;
}
const entities = JSON.parse(fs.readFileSync(path.join(SAMPLE, "_data", "entities.json"), "utf8")) as EntityData[];
const samplePlaces = entities.filter((e) => e.coordinates);
const asPlace = (e: EntityData): MapPlace => ({
  id: e.id,
  name: e.name,
  href: `/entities/${e.id}/`,
  lat: e.coordinates![0],
  lon: e.coordinates![1],
});

let atlas: Atlas;
beforeAll(() => {
  atlas = loadAtlas();
});

describe("the locator map of the sample's places", () => {
  it("has every place with coordinates and a country", () => {
    expect(samplePlaces.map((e) => e.id).sort()).toEqual([
      "donetsk-region",
      "kursk-region",
      "kyiv",
      "moscow",
      "sudzha",
      "sumy-region",
    ]);
    for (const e of samplePlaces) expect(e.country, e.id).toMatch(/^[A-Z]{2}$/);
  });

  it("puts each marker inside its country's outline, as the atlas has it and as it is drawn", () => {
    const map = drawLocatorMap(atlas, samplePlaces.map(asPlace), "Sample");
    expect(samplePlaces.length).toBeGreaterThan(1);
    for (const e of samplePlaces) {
      const country = regionNames.of(e.country!)!;
      const feature = atlas.fine.find((c) => c.properties.name === country)!;
      expect(geoContains(feature, [e.coordinates![1], e.coordinates![0]]), `${e.id} in ${country}`).toBe(true);
      const marker = map.markers.find((m) => m.id === e.id)!;
      const drawn = map.countries.find((c) => c.name === country)!;
      expect(insideDrawn(drawn.d, [marker.x, marker.y]), `${e.id}'s marker inside ${country} as drawn`).toBe(true);
      for (const other of map.countries.filter((c) => c.name !== country))
        expect(insideDrawn(other.d, [marker.x, marker.y]), `${e.id} not in ${other.name}`).toBe(false);
    }
  });

  it("draws Crimea inside Ukraine (the UN's boundaries): Simferopol's marker is in Ukraine", () => {
    const simferopol: MapPlace = { id: "simferopol", name: "Simferopol", href: "/x/", lat: 44.9521, lon: 34.1024 };
    const map = drawLocatorMap(atlas, [simferopol, ...samplePlaces.map(asPlace)], "With Simferopol");
    const marker = map.markers.find((m) => m.id === "simferopol")!;
    expect(insideDrawn(map.countries.find((c) => c.name === "Ukraine")!.d, [marker.x, marker.y])).toBe(true);
    expect(insideDrawn(map.countries.find((c) => c.name === "Russia")!.d, [marker.x, marker.y])).toBe(false);
    expect(geoContains(atlas.fine.find((c) => c.properties.name === "Ukraine")!, [34.1024, 44.9521])).toBe(true);
  });

  it("keeps markers and labels inside the view; no label overlaps another label or a marker; weighs at most 30 KB gzip", () => {
    for (const places of [
      samplePlaces.map(asPlace),
      samplePlaces.filter((e) => e.id !== "moscow").map(asPlace),
      [asPlace(samplePlaces[0]!)],
    ]) {
      const map = drawLocatorMap(atlas, places, "A map");
      const labels = map.markers.flatMap((m) => (m.label ? [m.label] : []));
      expect(labels.length).toBeGreaterThanOrEqual(Math.min(places.length, 5));
      for (const m of map.markers) {
        expect(m.x).toBeGreaterThan(0);
        expect(m.x).toBeLessThan(map.width);
        expect(m.y).toBeGreaterThan(0);
        expect(m.y).toBeLessThan(map.height);
      }
      for (const [i, a] of labels.entries()) {
        expect(a.x >= 0 && a.y >= 0 && a.x + a.w <= map.width && a.y + a.h <= map.height).toBe(true);
        for (const b of labels.slice(i + 1)) expect(overlap(a, b)).toBe(false);
        for (const m of map.markers) expect(overlap(a, { x: m.x - 5, y: m.y - 5, w: 10, h: 10 })).toBe(false);
      }
      expect(zlib.gzipSync(map.svg).length).toBeLessThanOrEqual(30 * 1024);
      expect(map.svg).not.toMatch(/<script|\son\w+=|style=/i);
    }
  });

  it("is the same drawing every time", () => {
    expect(drawLocatorMap(atlas, samplePlaces.map(asPlace), "A").svg).toBe(
      drawLocatorMap(loadAtlas(), samplePlaces.map(asPlace), "A").svg,
    );
  });
});

describe("maps on the built pages", () => {
  let dist: string;
  beforeAll(async () => {
    dist = await buildSample();
  });

  it("the story page shows its places: an SVG with a title, each marker a link, and the places as a list of links", () => {
    const $ = readHtml(dist, "/stories/ukraine-invites-un-icrc-to-kursk/");
    const svg = $("section.map-section svg.locator-map");
    // the drawing is an image with its title; the markers, links, sit beside it in the SVG
    expect(svg.attr("role")).toBe("group");
    expect(svg.find('g[role="img"] > title').text()).toMatch(/^Map of the places the reports of this story name: /);
    expect(svg.find('g[role="img"] a').length).toBe(0);
    const markers = svg
      .find("a.map-place")
      .map((_, a) => $(a).attr("href"))
      .get();
    const list = $("section.map-section .map-places a")
      .map((_, a) => $(a).attr("href"))
      .get();
    // every place with coordinates, and the two countries the reports name, drawn by their outlines
    expect(markers.sort()).toEqual(
      [...samplePlaces.map((e) => `/entities/${e.id}/`), "/entities/russia/", "/entities/ukraine/"].sort(),
    );
    expect(list.sort()).toEqual(markers.sort());
    expect(svg.find(".map-credit").text()).toContain("Natural Earth");
  });

  it("a place's page shows it and its neighbours; a person's page has no map", () => {
    const $ = readHtml(dist, "/entities/sudzha/");
    expect($("svg.locator-map a.map-place").length).toBe(samplePlaces.length + 2);
    expect($('.map-places a[aria-current="page"]').attr("href")).toBe("/entities/sudzha/");
    expect($('svg.locator-map a.map-here[aria-current="page"]').attr("href")).toBe("/entities/sudzha/");
    expect(readHtml(dist, "/entities/andrii-sybiha/")("svg.locator-map").length).toBe(0);
  });
});

describe("coordinates and country in entities.json", () => {
  it("are validated: latitude and longitude ranges, a real country code, coordinates only for places, an area's radius with its coordinates", async () => {
    const { contentTree } = await import("./helpers/fixture.ts");
    const { loadContent, defaultPaths } = await import("../src/content/pipeline.ts");
    const root = contentTree({
      files: {
        "_data/entities.json": JSON.stringify([
          { id: "a", name: "Alpha", type: "place", coordinates: [91, 10] },
          { id: "b", name: "Beta", type: "place", coordinates: [10, -181], country: "XX" },
          { id: "c", name: "Gamma", type: "person", coordinates: [10, 10] },
          { id: "d", name: "Delta", type: "place", coordinates: "51,35", country: "ua" },
          { id: "e", name: "Epsilon region", type: "place", radiusKm: 80 },
          { id: "f", name: "Zeta region", type: "place", coordinates: [50, 30], radiusKm: 0 },
        ]),
      },
    });
    const lines = loadContent(defaultPaths(root)).problems.map((p) => `${p.field}: ${p.message}`);
    expect(lines).toEqual([
      '[0] (id "a").coordinates[0]: latitude is at most 85: the locator map cannot draw nearer the North Pole; leave out coordinates for a place there',
      '[1] (id "b").coordinates[1]: longitude is at least -180',
      '[1] (id "b").country: expected an ISO 3166-1 alpha-2 code in capitals, such as UA or RU',
      '[2] (id "c").coordinates: only places have coordinates (this is a person)',
      '[3] (id "d").coordinates: expected [latitude, longitude] in degrees, e.g. [51.19, 35.27] (got "51,35")',
      '[3] (id "d").country: expected an ISO 3166-1 alpha-2 code in capitals, such as UA or RU',
      '[4] (id "e").radiusKm: an area needs coordinates: a point inside it, where the map centres its circle',
      '[5] (id "f").radiusKm: is more than 0',
    ]);
  });
});
