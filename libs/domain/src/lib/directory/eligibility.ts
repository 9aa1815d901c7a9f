/** A service's age bounds as ORUK holds them: either may be absent (no bound). */
export interface AgeRange {
  minimumAge?: number | null;
  maximumAge?: number | null;
}

/** Whether a person of `age` (whole years) is within a service's age bounds, both inclusive. */
export function isAgeEligible(range: AgeRange, age: number): boolean {
  if (range.minimumAge != null && age < range.minimumAge) return false;
  if (range.maximumAge != null && age > range.maximumAge) return false;
  return true;
}

/**
 * ORUK `minimum_age`/`maximum_age` query semantics: a service matches when its range overlaps
 * the asked range (a service for 18–64 matches `minimum_age=60`, not `minimum_age=70`).
 */
export function overlapsAgeQuery(range: AgeRange, query: AgeRange): boolean {
  if (query.minimumAge != null && range.maximumAge != null && range.maximumAge < query.minimumAge)
    return false;
  if (query.maximumAge != null && range.minimumAge != null && range.minimumAge > query.maximumAge)
    return false;
  return true;
}
