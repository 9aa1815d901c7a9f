import { type MeanChange, tCritical95 } from '../outcomes/statistics';

/**
 * Sufficient statistics of paired changes: n, Σd and Σd². Hubs and periods add up exactly, and
 * a database can compute them in one pass over a million rows without shipping the pairs.
 */
export interface ChangeSums {
  n: number;
  sumChange: number;
  sumSquares: number;
}

/**
 * The same paired-t mean change and 95% CI as meanChangeWithCi, from sums. The variance is
 * (Σd² − (Σd)²/n)/(n − 1), clamped at 0 against rounding when every difference is equal.
 */
export function meanChangeFromSums({ n, sumChange, sumSquares }: ChangeSums): MeanChange | null {
  if (n === 0) return null;
  const meanChange = sumChange / n;
  if (n < 2) return { n, meanChange, sd: null, ci95: null };
  const variance = Math.max(0, (sumSquares - (sumChange * sumChange) / n) / (n - 1));
  const sd = Math.sqrt(variance);
  const halfWidth = tCritical95(n - 1) * (sd / Math.sqrt(n));
  return { n, meanChange, sd, ci95: { lower: meanChange - halfWidth, upper: meanChange + halfWidth } };
}

/** Median of a histogram of whole values (e.g. response days); null for an empty one. */
export function medianOfHistogram(bins: ReadonlyArray<{ value: number; count: number }>): number | null {
  const sorted = [...bins].filter((b) => b.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return null;
  const at = (rank: number): number => {
    let seen = 0;
    for (const bin of sorted) {
      seen += bin.count;
      if (rank < seen) return bin.value;
    }
    return sorted[sorted.length - 1].value;
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/** part / whole, or null when there is no whole. */
export const rateOf = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
