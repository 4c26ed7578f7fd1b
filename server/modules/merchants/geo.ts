/**
 * Distances for nearby search. Coordinates are integer micro-degrees. Within a city an
 * equirectangular projection is accurate to well under 1 %, and needs no trigonometry in SQL:
 * the cosine of the search latitude is computed here and passed in as a number.
 */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
/** Metres per micro-degree of latitude. */
export const M_PER_E6 = (EARTH_RADIUS_M * RAD) / 1e6;

export const toE6 = (deg: number) => Math.round(deg * 1e6);
export const fromE6 = (e6: number) => e6 / 1e6;

/** The search box: integer ranges an index can scan, and the longitude scale at this latitude. */
export function searchBox(latE6: number, lngE6: number, radiusM: number) {
  const cosLat = Math.max(0.01, Math.cos(fromE6(latE6) * RAD));
  const dLat = Math.ceil(radiusM / M_PER_E6);
  const dLng = Math.ceil(radiusM / (M_PER_E6 * cosLat));
  return { minLat: latE6 - dLat, maxLat: latE6 + dLat, minLng: lngE6 - dLng, maxLng: lngE6 + dLng, cosLat };
}

/** Metres on the equirectangular projection at the search latitude: what nearby search filters and orders by. */
export function projectedDistanceM(
  aLatE6: number,
  aLngE6: number,
  bLatE6: number,
  bLngE6: number,
  cosLat: number,
): number {
  const dy = bLatE6 - aLatE6;
  const dx = (bLngE6 - aLngE6) * cosLat;
  return Math.round(Math.sqrt(dy * dy + dx * dx) * M_PER_E6);
}

/** Great-circle distance in metres (haversine). */
export function distanceM(aLatE6: number, aLngE6: number, bLatE6: number, bLngE6: number): number {
  const φ1 = fromE6(aLatE6) * RAD;
  const φ2 = fromE6(bLatE6) * RAD;
  const dφ = φ2 - φ1;
  const dλ = (fromE6(bLngE6) - fromE6(aLngE6)) * RAD;
  const h = Math.sin(dφ / 2) ** 2 + Math.cos(φ1) * Math.cos(φ2) * Math.sin(dλ / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h)));
}
