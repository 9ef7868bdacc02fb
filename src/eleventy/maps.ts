/**
 * The locator map of a story or a place page (src/map/):
 * - `{% if places | mapShown(here) %}`: whether the page has a map (src/map/places.ts: two
 *   places with a position on a story page; a place page maps its own place);
 * - `{% locatorMap places, "title", here, "intro" %}` (`here`: the page's own place, or none): the figure, an inline SVG and, as its
 *   caption, every place as a link, saying which is the page's own, which are approximate areas
 *   and which have no label on the drawing (no room), so nothing the map leaves out is lost.
 * The atlas is read once, on the first map; maps with the same places are drawn once, and a
 * rebuild (npm start) reuses the maps of the build before it.
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Entity } from "../content/model.ts";
import { loadAtlas, type Atlas } from "../map/atlas.ts";
import { drawLocatorMap, mapKey } from "../map/locator-map.ts";
import { mapPlace, mapShown, onMap, type MapPlace } from "../map/places.ts";

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The figure's caption: the intro, then each place with what the drawing does not say. */
function caption(places: MapPlace[], dropped: Set<string>, intro: string | undefined, here?: MapPlace): string {
  // a place page says which mark is its own place
  intro ??= here ? `${here.name} is ${here.countryName ? "the outlined country" : "the ringed marker"}${places.length > 1 ? ", with the places named with it in the same stories:" : "."}` : "Places on the map:";
  const items = places.map((p) => {
    const own = p.id === here?.id ? `this page’s place, ${p.countryName ? "the outlined country" : "the ringed marker"}` : "";
    const notes = [own, p.radiusKm ? "approximate area" : "", p.countryName && !own ? "country outline" : "", dropped.has(p.id) ? "not labelled on the map: no room" : ""].filter(Boolean);
    const current = p.id === here?.id ? ' aria-current="page"' : "";
    return `<li><a href="${escapeHtml(p.href)}"${current}>${escapeHtml(p.name)}</a>${notes.length ? ` <span class="map-note">(${notes.join("; ")})</span>` : ""}</li>`;
  });
  const areas = places.some((p) => p.radiusKm) ? `<p class="map-note">Dashed circles are regions, drawn approximately: the atlas has only countries’ outlines.</p>` : "";
  return `<figcaption><p>${escapeHtml(intro)}</p><ul class="map-places">${items.join("")}</ul>${areas}</figcaption>`;
}

const placesOf = (entities: Entity[]) => entities.filter(onMap).map(mapPlace);

export default function mapsPlugin(eleventyConfig: UserConfig): void {
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
  eleventyConfig.addShortcode("locatorMap", (entities: Entity[], title: string, here?: Entity | null, intro?: string) => {
    const places = placesOf(entities);
    const own = here && onMap(here) ? mapPlace(here) : undefined;
    if (!mapShown(places, own)) return "";
    const key = mapKey(places, title + "\u0000" + (intro ?? ""), own?.id);
    let html = drawn.get(key) ?? previous.get(key);
    if (html === undefined) {
      const map = drawLocatorMap((atlas ??= loadAtlas()), places, title, own?.id);
      html = `<figure class="map-figure">${map.svg}${caption(places, new Set(map.dropped), intro, own)}</figure>`;
    }
    drawn.set(key, html);
    return html;
  });
}
