/**
 * The main map's extent: the places it shows (an area with its radius), padded, and never
 * smaller than MIN_SPAN_KM across (LONE_SPAN_KM for a lone point), so a local story is drawn at
 * local scale and two places a few kilometres apart do not fill the frame. Longitudes are taken as they are (no map here crosses
 * the antimeridian).
 */

export interface Extent {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** A point to fit, with the radius (km) of the area around it, if it is one. */
export interface FitPoint {
  lat: number;
  lon: number;
  radiusKm?: number;
}

const KM_PER_DEGREE = 111.32;
/** The least width and height of a view, in kilometres. */
export const MIN_SPAN_KM = 80;
/** A lone point's view (a place's page naming no other place): wide enough to show the borders near it. */
export const LONE_SPAN_KM = 400;
/** Padding on each side: a share of the places' span, and at least this many kilometres. */
const PAD_SHARE = 0.12;
const PAD_KM = 12;

const kmPerLonDegree = (lat: number) => KM_PER_DEGREE * Math.max(0.05, Math.cos((lat * Math.PI) / 180));

/** Width and height of an extent in kilometres, measured at its middle latitude. */
export function spanKm(x: Extent): { width: number; height: number } {
  return {
    width: (x.east - x.west) * kmPerLonDegree((x.north + x.south) / 2),
    height: (x.north - x.south) * KM_PER_DEGREE,
  };
}

export function fitExtent(points: FitPoint[]): Extent {
  if (!points.length) throw new Error("fitExtent: no places");
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    const r = p.radiusKm ?? 0;
    west = Math.min(west, p.lon - r / kmPerLonDegree(p.lat));
    east = Math.max(east, p.lon + r / kmPerLonDegree(p.lat));
    south = Math.min(south, p.lat - r / KM_PER_DEGREE);
    north = Math.max(north, p.lat + r / KM_PER_DEGREE);
  }
  const mid = (north + south) / 2;
  const lonKm = kmPerLonDegree(mid);
  // padding, then the minimum span, both in kilometres around the middle
  const w = (east - west) * lonKm;
  const h = (north - south) * KM_PER_DEGREE;
  const least = points.length === 1 && !points[0]!.radiusKm ? LONE_SPAN_KM : MIN_SPAN_KM;
  const width = Math.max(least, w + 2 * Math.max(PAD_KM, w * PAD_SHARE));
  const height = Math.max(least, h + 2 * Math.max(PAD_KM, h * PAD_SHARE));
  const cx = (east + west) / 2;
  const dLon = width / lonKm / 2;
  const dLat = height / KM_PER_DEGREE / 2;
  return {
    west: Math.max(-180, cx - dLon),
    east: Math.min(180, cx + dLon),
    south: Math.max(-84, mid - dLat),
    north: Math.min(84, mid + dLat),
  };
}

/** Whether a point lies in an extent. */
export const holds = (x: Extent, lat: number, lon: number) =>
  lat >= x.south && lat <= x.north && lon >= x.west && lon <= x.east;
