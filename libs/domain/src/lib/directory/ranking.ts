import { type AcceptingState } from './capacity';

export interface RankCandidate {
  id: string;
  name: string;
  accepting: AcceptingState;
  /** null: unlimited. */
  placesLeft: number | null;
  /** null: no location known, or no origin given. */
  distanceKm: number | null;
  stale: boolean;
  waitingTimeDays: number | null;
}

export interface Ranked<T extends RankCandidate> {
  item: T;
  score: number;
}

/**
 * Orders search results for a link worker choosing where to refer someone:
 * 1. services that can take the referral now (accepting and a place left) before those that cannot;
 * 2. then a score: nearer is better (−2 per km), a known waiting time costs up to −20 (−1 per 3 days,
 *    capped at 60 days), a stale entry −10 (its details may be wrong);
 * 3. ties by name, then id, so the order is stable across pages.
 */
export function rankServices<T extends RankCandidate>(candidates: T[]): Ranked<T>[] {
  const scored = candidates.map((item) => ({ item, score: scoreOf(item), available: isAvailable(item) }));
  scored.sort(
    (a, b) =>
      Number(b.available) - Number(a.available) ||
      b.score - a.score ||
      a.item.name.localeCompare(b.item.name) ||
      a.item.id.localeCompare(b.item.id),
  );
  return scored.map(({ item, score }) => ({ item, score }));
}

export const isAvailable = (c: Pick<RankCandidate, 'accepting' | 'placesLeft'>) =>
  c.accepting === 'yes' && (c.placesLeft === null || c.placesLeft > 0);

function scoreOf(c: RankCandidate): number {
  let score = 100;
  if (c.distanceKm != null) score -= 2 * c.distanceKm;
  if (c.waitingTimeDays != null) score -= Math.min(c.waitingTimeDays, 60) / 3;
  if (c.stale) score -= 10;
  return Math.round(score * 100) / 100;
}
