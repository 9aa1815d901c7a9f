import type { DataSource } from 'typeorm';
import { boundingBox } from '@linkway/domain';
import { preparedQuery } from './prepared';
import type { IndexFilter, IndexHit } from './search-index';

/** Haversine in SQL, km; $lat/$lng are the origin's parameters. */
export const haversineSql = (lat: string, lng: string) =>
  `(2 * 6371.0088 * asin(least(1, sqrt(power(sin(radians(l.latitude - ${lat}) / 2), 2) +
     cos(radians(${lat})) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - ${lng}) / 2), 2)))))`;

/**
 * The search index's filters in one query, plus full-text search: what search uses for a
 * text query and whenever the in-memory index cannot be trusted (its listener is down).
 */
export async function filterInSql(
  db: DataSource,
  filter: IndexFilter & { text?: string },
): Promise<IndexHit[]> {
  // $1, when a need is given: the wanted terms with their children
  const params: unknown[] = filter.termIds.length ? [filter.termIds] : [];
  const where = [`s.status = 'active'`];
  if (filter.termIds.length)
    where.push(`EXISTS (SELECT 1 FROM attributes a WHERE a.link_entity = 'service' AND a.link_id = s.id
      AND a.taxonomy_term_id = ANY($1))`);
  if (filter.text) {
    params.push(filter.text);
    where.push(`s.search @@ websearch_to_tsquery('english', $${params.length})`);
  }
  if (filter.age != null) {
    params.push(filter.age);
    where.push(`(s.minimum_age IS NULL OR s.minimum_age <= $${params.length})
      AND (s.maximum_age IS NULL OR s.maximum_age >= $${params.length})`);
  }
  let nearest = `NULL::text AS location_id, NULL::float8 AS distance_km`;
  let join = '';
  if (filter.near) {
    const { origin, radiusKm } = filter.near;
    const box = boundingBox(origin, radiusKm);
    params.push(
      origin.latitude,
      origin.longitude,
      box.minLatitude,
      box.maxLatitude,
      box.minLongitude,
      box.maxLongitude,
      radiusKm,
    );
    const n = params.length;
    const [lat, lng, minLat, maxLat, minLng, maxLng, r] = [n - 6, n - 5, n - 4, n - 3, n - 2, n - 1, n].map(
      (i) => `$${i}`,
    );
    join = `JOIN LATERAL (
        SELECT l.id, ${haversineSql(`${lat}::float8`, `${lng}::float8`)} AS distance_km
        FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
        WHERE sal.service_id = s.id AND l.latitude BETWEEN ${minLat} AND ${maxLat} AND l.longitude BETWEEN ${minLng} AND ${maxLng}
        ORDER BY distance_km LIMIT 1) near ON near.distance_km <= ${r}`;
    nearest = `near.id AS location_id, near.distance_km`;
  }
  return preparedQuery<IndexHit>(
    db,
    `SELECT s.id, ${nearest} FROM services s ${join} WHERE ${where.join(' AND ')} LIMIT ${Math.floor(filter.limit)}`,
    params,
  );
}
