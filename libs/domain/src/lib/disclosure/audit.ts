import { type PublishedCount, SUPPRESSED, SUPPRESS_UP_TO } from './protect';

/*
 * What someone holding only the published table can work out about each figure. A published
 * table is a set of slots (cells and totals) and sum constraints (each row or column adds up
 * to its total). Each published value pins its raw value to an interval; propagating the sums
 * narrows the intervals. A suppressed slot whose interval shrinks to one value is disclosed.
 * Bounds propagation is sound (never excludes the truth) but not complete: an attacker solving
 * the whole integer program over a large two-way table could sometimes learn more (see README).
 */

/**
 * primary_only: the attacker assumes every `*` is a count of 1–7, the strongest reading of the rule.
 * any_suppression: the attacker allows that a `*` may be a secondary suppression of any count ≥ 1.
 */
export type AttackerModel = 'primary_only' | 'any_suppression';

/** Slot indexes: `members` add up to `total`. */
export interface SumConstraint {
  members: readonly number[];
  total: number;
}

export interface Interval {
  lo: number;
  hi: number;
}

/** Raw values that publish as `value`: 0 → {0}; `*` → 1–7 (or 1–∞); v → v−2…v+2 (never below 8). */
export function publishedInterval(value: PublishedCount, model: AttackerModel): Interval {
  if (value === SUPPRESSED) return { lo: 1, hi: model === 'primary_only' ? SUPPRESS_UP_TO : Infinity };
  if (value === 0) return { lo: 0, hi: 0 };
  return { lo: Math.max(SUPPRESS_UP_TO + 1, value - 2), hi: value + 2 };
}

/**
 * The narrowest intervals bounds propagation reaches for every slot, or null when the published
 * values cannot all be true under the model (which tells the attacker the model is wrong).
 */
export function feasibleIntervals(
  values: readonly PublishedCount[],
  constraints: readonly SumConstraint[],
  model: AttackerModel,
): Interval[] | null {
  const bounds = values.map((value) => publishedInterval(value, model));
  // Integer bounds only ever narrow, so this settles; the cap is a guard, not a tuning knob.
  for (let round = 0; round < 10_000; round++) {
    let changed = false;
    for (const constraint of constraints) {
      const result = narrow(bounds, constraint);
      if (result === 'infeasible') return null;
      changed ||= result === 'changed';
    }
    if (!changed) return bounds;
  }
  return bounds;
}

/** One pass of Σ members = total over the bounds, in place. */
function narrow(bounds: Interval[], { members, total }: SumConstraint): 'changed' | 'same' | 'infeasible' {
  const lows = sumOf(members.map((m) => bounds[m].lo));
  const highs = sumOf(members.map((m) => bounds[m].hi));
  let changed = tighten(bounds, total, lows.total, highs.total);
  const t = bounds[total];
  for (const m of members) {
    const { lo, hi } = bounds[m];
    // member = total − Σ others; the others' sums exclude this member (Infinity-safe)
    changed = tighten(bounds, m, t.lo - highs.without(hi), t.hi - lows.without(lo)) || changed;
  }
  if (bounds.some((b) => b.lo > b.hi)) return 'infeasible';
  return changed ? 'changed' : 'same';
}

function tighten(bounds: Interval[], slot: number, lo: number, hi: number): boolean {
  const current = bounds[slot];
  const next = { lo: Math.max(current.lo, Math.ceil(lo)), hi: Math.min(current.hi, Math.floor(hi)) };
  if (next.lo === current.lo && next.hi === current.hi) return false;
  bounds[slot] = next;
  return true;
}

/** A sum that can leave one term out without ever computing ∞ − ∞. */
function sumOf(terms: readonly number[]): { total: number; without: (term: number) => number } {
  const infinite = terms.filter((t) => t === Infinity).length;
  const finite = terms.filter((t) => t !== Infinity).reduce((sum, t) => sum + t, 0);
  return {
    total: infinite > 0 ? Infinity : finite,
    without: (term) =>
      term === Infinity ? (infinite > 1 ? Infinity : finite) : infinite > 0 ? Infinity : finite - term,
  };
}

/**
 * Suppressed slots an attacker can pin to their true value: under any_suppression (always sound),
 * or under primary_only when that reading is consistent with the table and lands on the truth.
 */
export function disclosedSlots(
  raw: readonly number[],
  published: readonly PublishedCount[],
  constraints: readonly SumConstraint[],
): number[] {
  const sound = feasibleIntervals(published, constraints, 'any_suppression');
  const strict = feasibleIntervals(published, constraints, 'primary_only');
  const pinned = (bounds: Interval[] | null, slot: number): boolean =>
    bounds !== null && bounds[slot].lo === bounds[slot].hi && bounds[slot].lo === raw[slot];
  return published
    .map((value, slot) => ({ value, slot }))
    .filter(({ value, slot }) => value === SUPPRESSED && (pinned(sound, slot) || pinned(strict, slot)))
    .map(({ slot }) => slot);
}
