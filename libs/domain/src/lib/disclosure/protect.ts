/*
 * NHS statistical disclosure control for anything published below national level
 * (domain-reference.md, "Publishing aggregates"):
 *   - 0 stays 0;
 *   - counts 1–7 are shown as `*`;
 *   - every other count is rounded to the nearest 5;
 *   - means, medians and rates over 1–7 people are not shown;
 *   - percentages are computed from the rounded counts;
 *   - totals are rounded independently (from raw values, never summed from rounded cells).
 *
 * Rounding ties: counts are whole numbers and 5 is odd, so a count is never exactly halfway
 * between two multiples of 5 (12 → 10, 13 → 15). Non-integer or negative "counts" are refused
 * rather than rounded, because they mean a bug upstream. For statistics shown to a number of
 * decimals, halves round away from zero (2.25 → 2.3, −2.25 → −2.3).
 */

export const SUPPRESSED = '*' as const;
export type Suppressed = typeof SUPPRESSED;

/** A count as it may be published: 0, a multiple of 5 (10 or more), or `*`. */
export type PublishedCount = number | Suppressed;

/** A mean, median, rate or percentage as published: the value, `*` (too few people) or null (no people). */
export type PublishedStatistic = number | Suppressed | null;

/** Counts from 1 to this are suppressed. */
export const SUPPRESS_UP_TO = 7;
export const ROUNDING_BASE = 5;

function assertCount(n: number, what = 'count'): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a ${what} must be a whole number ≥ 0; got ${n}`);
}

/** Nearest multiple of 5. Never a tie for whole numbers (see the note at the top of this file). */
export function roundToNearestFive(n: number): number {
  assertCount(n);
  return Math.round(n / ROUNDING_BASE) * ROUNDING_BASE;
}

/** 0 → 0, 1–7 → `*`, anything else to the nearest 5 (so the smallest non-zero figure shown is 10). */
export function protectCount(n: number): PublishedCount {
  assertCount(n);
  if (n === 0) return 0;
  if (n <= SUPPRESS_UP_TO) return SUPPRESSED;
  return roundToNearestFive(n);
}

export const isSuppressed = (value: PublishedCount | PublishedStatistic): value is Suppressed =>
  value === SUPPRESSED;

/** Rounds half away from zero to `decimals` places. */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // The small nudge absorbs binary representation error (2.675 is stored as 2.67499…).
  return (Math.sign(value) * Math.round(Math.abs(value) * factor + 1e-9)) / factor;
}

export interface StatisticOptions {
  /** Decimal places shown. Default 1. */
  decimals?: number;
}

/**
 * Any statistic summarising `n` people (a mean, a median, a confidence limit, a standard deviation):
 * null for nobody, `*` for 1–7 people, otherwise the value rounded for display.
 */
export function protectStatistic(
  value: number,
  n: number,
  options: StatisticOptions = {},
): PublishedStatistic {
  assertCount(n, 'number of people');
  if (n === 0) return null;
  if (n <= SUPPRESS_UP_TO) return SUPPRESSED;
  return roundHalfAwayFromZero(value, options.decimals ?? 1);
}

/** A mean, from the values or from an already computed `{ mean, n }`. */
export function protectMean(
  input: readonly number[] | { mean: number; n: number },
  options: StatisticOptions = {},
): PublishedStatistic {
  if (!isValueList(input)) return protectStatistic(input.mean, input.n, options);
  if (input.length === 0) return null;
  return protectStatistic(input.reduce((sum, v) => sum + v, 0) / input.length, input.length, options);
}

/** A median of the values (the mean of the middle two for an even count). */
export function protectMedian(values: readonly number[], options: StatisticOptions = {}): PublishedStatistic {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return protectStatistic(median, values.length, options);
}

export interface RateOptions extends StatisticOptions {
  /** 100 for a percentage (the default), 1000 for a rate per thousand, 1 for a proportion. */
  per?: number;
}

/**
 * A rate or percentage from raw counts: both counts are protected first and the rate is computed
 * from the rounded figures, so it can always be reproduced from the published counts. Null when the
 * denominator is 0; `*` when the denominator is 1–7 people or the numerator is itself suppressed.
 */
export function protectRate(
  numerator: number,
  denominator: number,
  options: RateOptions = {},
): PublishedStatistic {
  return publishedRate(protectCount(numerator), protectCount(denominator), options);
}

/** A rate or percentage from counts that are already published. */
export function publishedRate(
  numerator: PublishedCount,
  denominator: PublishedCount,
  options: RateOptions = {},
): PublishedStatistic {
  if (denominator === 0) return null;
  if (isSuppressed(denominator) || isSuppressed(numerator)) return SUPPRESSED;
  return roundHalfAwayFromZero((numerator / denominator) * (options.per ?? 100), options.decimals ?? 1);
}

function isValueList(input: readonly number[] | { mean: number; n: number }): input is readonly number[] {
  return Array.isArray(input);
}
