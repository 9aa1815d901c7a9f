import { disclosedSlots, feasibleIntervals, publishedInterval } from './audit';
import { SUPPRESSED } from './protect';

describe(publishedInterval.name, () => {
  it('maps each published figure to the raw values it can stand for', () => {
    expect(publishedInterval(0, 'primary_only')).toEqual({ lo: 0, hi: 0 });
    expect(publishedInterval(SUPPRESSED, 'primary_only')).toEqual({ lo: 1, hi: 7 });
    expect(publishedInterval(SUPPRESSED, 'any_suppression')).toEqual({ lo: 1, hi: Infinity });
    expect(publishedInterval(10, 'primary_only')).toEqual({ lo: 8, hi: 12 });
    expect(publishedInterval(15, 'primary_only')).toEqual({ lo: 13, hi: 17 });
  });
});

describe(feasibleIntervals.name, () => {
  // slots 0..2 are cells, slot 3 their total
  const column = [{ members: [0, 1, 2], total: 3 }];

  it('pins a * between two tens and a total of 15 to exactly 1', () => {
    // raw 1, 8, 8 → *, 10, 10; total 17 → 15. Tens are ≥ 8 each and the total ≤ 17, so * ≤ 1.
    const bounds = feasibleIntervals([SUPPRESSED, 10, 10, 15], column, 'primary_only');
    expect(bounds?.[0]).toEqual({ lo: 1, hi: 1 });
    expect(bounds?.[1]).toEqual({ lo: 8, hi: 8 });
  });

  it('leaves a * open when the sums allow several values', () => {
    // total ≤ 32, the others ≥ 8 + 18, so * ≤ 6; nothing bounds it from below beyond 1
    const bounds = feasibleIntervals([SUPPRESSED, 10, 20, 30], column, 'primary_only');
    expect(bounds?.[0]).toEqual({ lo: 1, hi: 6 });
  });

  it('reports a reading that cannot be true as null', () => {
    expect(feasibleIntervals([SUPPRESSED, SUPPRESSED, 0, 50], column, 'primary_only')).toBeNull();
    expect(feasibleIntervals([SUPPRESSED, SUPPRESSED, 0, 50], column, 'any_suppression')).not.toBeNull();
  });

  it('never computes ∞ − ∞ when several * are unbounded', () => {
    const bounds = feasibleIntervals([SUPPRESSED, SUPPRESSED, 10, 30], column, 'any_suppression');
    // each * ≤ 32 − (1 + 8); no lower bound beyond 1 because the other * is unbounded
    expect(bounds?.[0]).toEqual({ lo: 1, hi: 23 });
    expect(bounds?.[1]).toEqual({ lo: 1, hi: 23 });
  });
});

describe(disclosedSlots.name, () => {
  it('finds a * pinned to its true value', () => {
    expect(
      disclosedSlots([1, 8, 8, 17], [SUPPRESSED, 10, 10, 15], [{ members: [0, 1, 2], total: 3 }]),
    ).toEqual([0]);
  });

  it('ignores a pin on a wrong value: the attacker has learnt nothing true', () => {
    // Contract check with raw values chosen by hand: the published figures force 1 under
    // primary_only, but the true value is 2, so nothing true was learnt.
    expect(
      disclosedSlots([2, 8, 8, 17], [SUPPRESSED, 10, 10, 15], [{ members: [0, 1, 2], total: 3 }]),
    ).toEqual([]);
  });
});
