/**
 * `{% locatorMap places, "title" %}`: an inline SVG locator map of entities that have
 * coordinates (src/map/). The atlas is read once, on the first map; maps with the same places
 * are drawn once, and a rebuild (npm start) reuses the maps of the build before it.
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Entity } from "../content/model.ts";
import { loadAtlas, type Atlas } from "../map/atlas.ts";
import { drawLocatorMap, mapKey, type MapPlace } from "../map/locator-map.ts";

export default function mapsPlugin(eleventyConfig: UserConfig): void {
  let atlas: Atlas | undefined;
  // a map depends only on its key (places, links, title): kept for one build more, so watch memory stays bounded
  let drawn = new Map<string, string>();
  let previous = new Map<string, string>();
  eleventyConfig.on("eleventy.before", () => {
    previous = drawn;
    drawn = new Map();
  });
  eleventyConfig.addShortcode("locatorMap", (entities: Entity[], title: string) => {
    const places: MapPlace[] = entities
      .filter((e) => e.coordinates)
      .map((e) => ({ id: e.id, name: e.name, href: e.href, lat: e.coordinates![0], lon: e.coordinates![1] }));
    if (!places.length) return "";
    const key = mapKey(places, title);
    let svg = drawn.get(key) ?? previous.get(key);
    if (svg === undefined) svg = drawLocatorMap((atlas ??= loadAtlas()), places, title).svg;
    drawn.set(key, svg);
    return svg;
  });
}
