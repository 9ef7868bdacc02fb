/**
 * The locator map of a story or a place page (src/map/):
 * - `{% if places | mapShown(here) %}`: whether the page has a map (src/map/places.ts: two
 *   places with a position on a story page; a place page maps its own place);
 * - `{% locatorMap places, "title", here, "intro" %}` (`here`: the page's own place, or none):
 *   the figure (src/map/figure.ts: the SVG and, as its caption, every place as a link, with what
 *   the drawing leaves out).
 * The atlas is read once, on the first map; maps with the same places are drawn once, and a
 * rebuild (npm start) reuses the maps of the build before it.
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Locale } from "../content/locale.ts";
import type { Entity } from "../content/model.ts";
import { loadAtlas, type Atlas } from "../map/atlas.ts";
import { drawLocatorMap, mapKey } from "../map/locator-map.ts";
import { mapFigure } from "../map/figure.ts";
import { mapPlace, mapShown, onMap } from "../map/places.ts";

const placesOf = (entities: Entity[]) => entities.filter(onMap).map(mapPlace);

export default function mapsPlugin(eleventyConfig: UserConfig, options: { locale: () => Locale }): void {
  let atlas: Atlas | undefined;
  // a map depends only on its key (places, links, title, own place): kept for one build more, so watch memory stays bounded
  let drawn = new Map<string, string>();
  let previous = new Map<string, string>();
  eleventyConfig.on("eleventy.before", () => {
    previous = drawn;
    drawn = new Map();
  });
  eleventyConfig.addFilter("mapShown", (entities: Entity[], here?: Entity | null) => {
    const own = here && onMap(here) ? mapPlace(here) : undefined;
    if (here && !own) return false;
    return mapShown(placesOf(entities), own);
  });
  eleventyConfig.addShortcode(
    "locatorMap",
    (entities: Entity[], title: string, here?: Entity | null, intro?: string) => {
      const places = placesOf(entities);
      const own = here && onMap(here) ? mapPlace(here) : undefined;
      if (!mapShown(places, own)) return "";
      const key = mapKey(places, `${title}\u0000${intro ?? ""}\u0000${options.locale().signature}`, own?.id);
      let html = drawn.get(key) ?? previous.get(key);
      if (html === undefined) {
        const map = drawLocatorMap((atlas ??= loadAtlas()), places, title, own?.id);
        html = mapFigure(map, places, options.locale(), intro, own);
      }
      drawn.set(key, html);
      return html;
    },
  );
}
