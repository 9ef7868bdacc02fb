/**
 * What a map shows: entities as map places, and the rule for drawing a map at all. A place is a
 * point (a town: its coordinates), an area (a region: coordinates inside it and `radiusKm`,
 * drawn as an approximate dashed circle, since the atlas has no sub-national outlines) or a
 * country (an entity without coordinates named as its `country` is: drawn as its outline).
 */
import type { Entity } from "../content/model.ts";

export interface MapPlace {
  id: string;
  name: string;
  href: string;
  /** A point's or an area's position; absent for a country, drawn by its outline. */
  lat?: number;
  lon?: number;
  /** An area's approximate radius, in kilometres. */
  radiusKm?: number;
  /** A country: its name in the atlas. */
  countryName?: string;
}

const regionNames = new Intl.DisplayNames("en", { type: "region" });

/** The English name of an entity's country, when the entity is that country (and has no coordinates). */
function countryOf(e: Pick<Entity, "type" | "name" | "coordinates" | "country">): string | undefined {
  if (e.type !== "place" || e.coordinates || !e.country) return undefined;
  const name = regionNames.of(e.country);
  return name === e.name ? name : undefined;
}

/** Whether an entity can be shown on a map. */
export const onMap = (e: Pick<Entity, "type" | "name" | "coordinates" | "country">) =>
  e.type === "place" && (!!e.coordinates || !!countryOf(e));

export function mapPlace(e: Entity): MapPlace {
  if (e.coordinates)
    return {
      id: e.id,
      name: e.name,
      href: e.href,
      lat: e.coordinates[0],
      lon: e.coordinates[1],
      ...(e.radiusKm ? { radiusKm: e.radiusKm } : {}),
    };
  return { id: e.id, name: e.name, href: e.href, countryName: countryOf(e) };
}

/**
 * The rule: a story's map needs two places with a position (one dot says nothing a sentence
 * would not); a place's own page always maps it, in its country (with the inset), or, for a
 * country, when one place named with it has a position.
 */
export function mapShown(places: MapPlace[], here?: MapPlace): boolean {
  const located = places.filter((p) => p.lat !== undefined).length;
  if (here) return here.lat !== undefined || located >= 1;
  return located >= 2;
}
