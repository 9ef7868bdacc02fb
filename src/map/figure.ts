/**
 * The map's figure: the drawing and, as its caption, every place as a link, saying which is the
 * page's own, which are approximate areas or country outlines and which have no label on the
 * drawing (no room), so nothing the map leaves out is lost.
 */
import type { Locale } from "../content/locale.ts";
import type { LocatorMap } from "./locator-map.ts";
import type { MapPlace } from "./places.ts";

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** `intro` leads the list; on a place's page (`here`) it is said which mark is the page's own place. */
export function mapFigure(
  map: LocatorMap,
  places: MapPlace[],
  locale: Locale,
  intro?: string,
  here?: MapPlace,
): string {
  const dropped = new Set(map.dropped);
  const t = (key: string, values?: Record<string, string>) => locale.text(`map.${key}`, values);
  intro ??= here
    ? t(`${here.countryName ? "hereCountry" : "hereMarker"}${places.length > 1 ? "With" : ""}`, { name: here.name })
    : t("placesOnMap");
  const items = places.map((p) => {
    const own = p.id === here?.id ? t(p.countryName ? "ownCountry" : "ownMarker") : "";
    const notes = [
      own,
      p.radiusKm ? t("area") : "",
      p.countryName && !own ? t("countryOutline") : "",
      dropped.has(p.id) ? t("noRoom") : "",
    ].filter(Boolean);
    const current = own ? ' aria-current="page"' : "";
    const note = notes.length
      ? ` <span class="map-note">${escapeHtml(t("notes", { notes: notes.join(t("noteSeparator")) }))}</span>`
      : "";
    return `<li><a href="${escapeHtml(p.href)}"${current}>${escapeHtml(p.name)}</a>${note}</li>`;
  });
  const areas = places.some((p) => p.radiusKm) ? `<p class="map-note">${escapeHtml(t("areas"))}</p>` : "";
  return `<figure class="map-figure">${map.svg}<figcaption><p>${escapeHtml(intro)}</p><ul class="map-places">${items.join("")}</ul>${areas}</figcaption></figure>`;
}
