/** Mean Earth radius in km (IUGG), the usual constant for haversine distances. */
export const EARTH_RADIUS_KM = 6371.0088;

export interface LatLng {
  latitude: number;
  longitude: number;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km between two points (haversine). Good to metres at city scale. */
export function haversineKm(a: LatLng, b: LatLng): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface BoundingBox {
  minLatitude: number;
  maxLatitude: number;
  minLongitude: number;
  maxLongitude: number;
}

/**
 * A box that contains every point within `radiusKm` of `centre`: a cheap index-friendly
 * pre-filter before the exact haversine test (never excludes a point inside the circle).
 */
export function boundingBox(centre: LatLng, radiusKm: number): BoundingBox {
  const dLat = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI);
  const cos = Math.max(Math.cos(rad(centre.latitude)), 1e-6);
  const dLng = Math.min(180, dLat / cos);
  return {
    minLatitude: centre.latitude - dLat,
    maxLatitude: centre.latitude + dLat,
    minLongitude: centre.longitude - dLng,
    maxLongitude: centre.longitude + dLng,
  };
}

// UK postcode: outward code (area, district) + inward code (sector digit, unit letters)
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;
const OUTWARD = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;

/** Upper case, one space before the inward code: the ONS `pcds` form ("LS6 1AA"); null if not a UK postcode. */
export function normalisePostcode(raw: string): string | null {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  const match = POSTCODE.exec(compact);
  return match ? `${match[1]} ${match[2]}` : null;
}

/** The outward code ("LS6") of a full postcode or of an outward code alone; null if neither. */
export function outwardCode(raw: string): string | null {
  const full = normalisePostcode(raw);
  if (full) return full.split(' ')[0] ?? null;
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  return OUTWARD.test(compact) ? compact : null;
}
