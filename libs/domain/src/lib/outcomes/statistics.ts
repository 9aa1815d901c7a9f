import { type Direction, movementOf } from '../shared/validated';

/**
 * Two-sided 95% critical values of Student's t (the 0.975 quantile) for df 1–30, to six decimals
 * (checked against scipy.stats.t.ppf). Index 0 is df 1.
 */
const T_975_TABLE: readonly number[] = [
  12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
  2.200985, 2.178813, 2.160369, 2.144787, 2.13145, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963, 2.079614,
  2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.04523, 2.042272,
];

/** The standard normal 0.975 quantile. */
const Z_975 = 1.959963984540054;

/**
 * t critical value for a two-sided 95% interval. A table for df 1–30; beyond, the Cornish–Fisher
 * expansion of t in powers of 1/df around z (Abramowitz & Stegun 26.7.5), which is within 1e-5 of the
 * exact value from df 31 up. Plain z (1.96) would make intervals at df 31 about 4% too narrow.
 */
export function tCritical95(df: number): number {
  if (!Number.isInteger(df) || df < 1)
    throw new RangeError(`degrees of freedom must be a whole number ≥ 1; got ${df}`);
  if (df <= T_975_TABLE.length) return T_975_TABLE[df - 1];
  const z = Z_975;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  const g4 = (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

export interface PairedObservation {
  before: number;
  after: number;
}

export interface MeanChange {
  /** Number of pairs. */
  n: number;
  /** Mean of (after − before). */
  meanChange: number;
  /** Sample standard deviation of the differences; null below 2 pairs. */
  sd: number | null;
  /** 95% confidence interval of the mean change (paired t); null below 2 pairs, where it is undefined. */
  ci95: { lower: number; upper: number } | null;
}

/**
 * Mean change with a 95% confidence interval for paired data (the paired t interval, as Warwick
 * advises for (S)WEMWBS, whose scores are close to normal). Returns null for no pairs.
 * Publish the result through protectMean: a mean over 1–7 people must not be shown.
 */
export function meanChangeWithCi(pairs: readonly PairedObservation[]): MeanChange | null {
  const n = pairs.length;
  if (n === 0) return null;
  const differences = pairs.map((p) => p.after - p.before);
  const meanChange = differences.reduce((sum, d) => sum + d, 0) / n;
  if (n < 2) return { n, meanChange, sd: null, ci95: null };
  const variance = differences.reduce((sum, d) => sum + (d - meanChange) ** 2, 0) / (n - 1);
  const sd = Math.sqrt(variance);
  const halfWidth = tCritical95(n - 1) * (sd / Math.sqrt(n));
  return { n, meanChange, sd, ci95: { lower: meanChange - halfWidth, upper: meanChange + halfWidth } };
}

export interface ShareImproved {
  n: number;
  improved: number;
  same: number;
  worse: number;
  /** improved / n, 0–1; null for no pairs. */
  share: number | null;
}

/**
 * How many of the pairs improved, honouring the measure's direction. `minChange` sets how far a
 * score must move to count (e.g. 1 metric point for SWEMWBS); smaller moves count as "same".
 */
export function shareImproved(
  pairs: readonly PairedObservation[],
  direction: Direction,
  minChange = Number.MIN_VALUE,
): ShareImproved {
  const counts = { improved: 0, same: 0, worse: 0 };
  for (const { before, after } of pairs) {
    // Rounded to hundredths so table-based scores compare exactly against the threshold.
    const difference = Math.round((after - before) * 100) / 100;
    counts[Math.abs(difference) < minChange ? 'same' : movementOf(difference, direction)] += 1;
  }
  const n = pairs.length;
  return { n, ...counts, share: n === 0 ? null : counts.improved / n };
}
