/**
 * The map's figure: the drawing and, as its caption, every place as a link, saying which is the
 * page's own, which are approximate areas or country outlines and which have no label on the
 * drawing (no room), so nothing the map leaves out is lost.
 */
import type { LocatorMap } from "./locator-map.ts";
import type { MapPlace } from "./places.ts";

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** `intro` leads the list; on a place's page (`here`) it is said which mark is the page's own place. */
export function mapFigure(map: LocatorMap, places: MapPlace[], intro?: string, here?: MapPlace): string {
  const dropped = new Set(map.dropped);
  intro ??= here
    ? `${here.name} is ${here.countryName ? "the outlined country" : "the ringed marker"}${places.length > 1 ? ", with the places named with it in the same stories:" : "."}`
    : "Places on the map:";
  const items = places.map((p) => {
    const own =
      p.id === here?.id ? `this page’s place, ${p.countryName ? "the outlined country" : "the ringed marker"}` : "";
    const notes = [
      own,
      p.radiusKm ? "approximate area" : "",
      p.countryName && !own ? "country outline" : "",
      dropped.has(p.id) ? "not labelled on the map: no room" : "",
    ].filter(Boolean);
    const current = own ? ' aria-current="page"' : "";
    return `<li><a href="${escapeHtml(p.href)}"${current}>${escapeHtml(p.name)}</a>${notes.length ? ` <span class="map-note">(${notes.join("; ")})</span>` : ""}</li>`;
  });
  const areas = places.some((p) => p.radiusKm)
    ? `<p class="map-note">Dashed circles are regions, drawn approximately: the atlas has only countries’ outlines.</p>`
    : "";
  return `<figure class="map-figure">${map.svg}<figcaption><p>${escapeHtml(intro)}</p><ul class="map-places">${items.join("")}</ul>${areas}</figcaption></figure>`;
}
