import fc from 'fast-check';
import { type PairedObservation, meanChangeWithCi, shareImproved, tCritical95 } from './statistics';

const pairs = (...differences: number[]): PairedObservation[] =>
  differences.map((d, i) => ({ before: 10 + i, after: 10 + i + d }));

describe(tCritical95.name, () => {
  // Exact 0.975 quantiles from scipy.stats.t.ppf, independent of the table in the code.
  it.each([
    [1, 12.706205],
    [2, 4.302653],
    [5, 2.570582],
    [10, 2.228139],
    [29, 2.04523],
    [30, 2.042272],
    [31, 2.039513],
    [40, 2.021075],
    [60, 2.000298],
    [120, 1.97993],
    [1000, 1.962339],
  ])('df %i → %d', (df, expected) => {
    expect(tCritical95(df)).toBeCloseTo(expected, 5);
  });

  it('falls with df and stays above z', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), (df) => {
        expect(tCritical95(df + 1)).toBeLessThan(tCritical95(df));
        expect(tCritical95(df)).toBeGreaterThan(1.959963);
      }),
    );
  });

  it.each([[0], [2.5]])('refuses df %p', (df) => {
    expect(() => tCritical95(df)).toThrow(RangeError);
  });
});

describe(meanChangeWithCi.name, () => {
  it('matches a hand-worked paired t interval', () => {
    // differences 1,2,3,4,5: mean 3, sd √2.5, se √0.5, t(4) 2.776445 → ±1.963243
    const result = meanChangeWithCi(pairs(1, 2, 3, 4, 5));
    expect(result?.meanChange).toBe(3);
    expect(result?.sd).toBeCloseTo(Math.sqrt(2.5), 10);
    expect(result?.ci95?.lower).toBeCloseTo(1.036757, 5);
    expect(result?.ci95?.upper).toBeCloseTo(4.963243, 5);
  });

  it('has no interval for one pair and no result for none', () => {
    expect(meanChangeWithCi(pairs(2))).toEqual({ n: 1, meanChange: 2, sd: null, ci95: null });
    expect(meanChangeWithCi([])).toBeNull();
  });

  it('always contains the mean, and collapses when every difference is equal', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -10, max: 10 }), { minLength: 2, maxLength: 50 }),
        (differences) => {
          const result = meanChangeWithCi(pairs(...differences));
          expect(result?.ci95?.lower).toBeLessThanOrEqual(result?.meanChange ?? Number.NaN);
          expect(result?.ci95?.upper).toBeGreaterThanOrEqual(result?.meanChange ?? Number.NaN);
        },
      ),
    );
    expect(meanChangeWithCi(pairs(2, 2, 2))?.ci95).toEqual({ lower: 2, upper: 2 });
  });
});

describe(shareImproved.name, () => {
  it('counts rises as improved when higher is better', () => {
    expect(shareImproved(pairs(1, 0, -1, 2), 'higher_is_better')).toEqual({
      n: 4,
      improved: 2,
      same: 1,
      worse: 1,
      share: 0.5,
    });
  });

  it('counts falls as improved when lower is better (ONS4 anxiety, UCLA)', () => {
    expect(shareImproved(pairs(-3, 1), 'lower_is_better')).toMatchObject({ improved: 1, worse: 1 });
  });

  it('treats moves under the threshold as same', () => {
    // SWEMWBS 20.73 → 21.54 is 0.81: not a 1-point improvement; 21.54 → 22.54 is exactly 1
    const swemwbs = [
      { before: 20.73, after: 21.54 },
      { before: 21.54, after: 22.54 },
    ];
    expect(shareImproved(swemwbs, 'higher_is_better', 1)).toMatchObject({ improved: 1, same: 1 });
  });

  it('has no share for no pairs', () => {
    expect(shareImproved([], 'higher_is_better').share).toBeNull();
  });
});
