import fc from 'fast-check';
import {
  SUPPRESSED,
  protectCount,
  protectMean,
  protectMedian,
  protectRate,
  protectStatistic,
  publishedRate,
  roundHalfAwayFromZero,
  roundToNearestFive,
} from './protect';

describe(protectCount.name, () => {
  it.each([
    [0, 0],
    [1, SUPPRESSED],
    [7, SUPPRESSED],
    [8, 10],
    [9, 10],
    [10, 10],
    [12, 10],
    [13, 15],
    [17, 15],
    [18, 20],
    [102, 100],
    [103, 105],
  ])('publishes %i as %p', (raw, published) => {
    expect(protectCount(raw)).toBe(published);
  });

  it('never publishes 1–7, and publishes within 2 of the raw count otherwise', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000 }), (n) => {
        const published = protectCount(n);
        if (published === SUPPRESSED) expect(n >= 1 && n <= 7).toBe(true);
        else {
          expect(published % 5).toBe(0);
          expect(Math.abs(published - n)).toBeLessThanOrEqual(2);
          expect(published === 0 || published >= 10).toBe(true);
        }
      }),
    );
  });

  it.each([[-1], [12.5], [Number.NaN]])('refuses %p: counts are whole and never negative', (n) => {
    expect(() => protectCount(n)).toThrow(RangeError);
  });
});

describe(roundToNearestFive.name, () => {
  it('has no ties for whole numbers: 12 goes down, 13 goes up', () => {
    expect(roundToNearestFive(12)).toBe(10);
    expect(roundToNearestFive(13)).toBe(15);
  });
});

describe(roundHalfAwayFromZero.name, () => {
  it('rounds halves away from zero, despite binary representation', () => {
    expect(roundHalfAwayFromZero(2.25, 1)).toBe(2.3);
    expect(roundHalfAwayFromZero(-2.25, 1)).toBe(-2.3);
    expect(roundHalfAwayFromZero(2.675, 2)).toBe(2.68);
    expect(roundHalfAwayFromZero(0, 1)).toBe(0);
  });
});

describe(protectStatistic.name, () => {
  it('withholds a statistic over 1–7 people and shows it over 8', () => {
    expect(protectStatistic(3.14159, 0)).toBeNull();
    expect(protectStatistic(3.14159, 7)).toBe(SUPPRESSED);
    expect(protectStatistic(3.14159, 8)).toBe(3.1);
    expect(protectStatistic(3.14159, 8, { decimals: 2 })).toBe(3.14);
  });
});

describe(protectMean.name, () => {
  it('takes values or a computed mean', () => {
    expect(protectMean([1, 2, 3, 4, 5, 6, 7, 8])).toBe(4.5);
    expect(protectMean([1, 2, 3])).toBe(SUPPRESSED);
    expect(protectMean({ mean: 2.04, n: 40 })).toBe(2);
    expect(protectMean([])).toBeNull();
  });
});

describe(protectMedian.name, () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(protectMedian([9, 1, 2, 3, 4, 5, 6, 7, 8])).toBe(5);
    expect(protectMedian([1, 2, 3, 4, 5, 6, 7, 100])).toBe(4.5);
    expect(protectMedian([1, 2])).toBe(SUPPRESSED);
  });
});

describe(protectRate.name, () => {
  it('computes the percentage from the rounded counts', () => {
    // 12 of 48: raw 25%, published 10 of 50 = 20%
    expect(protectRate(12, 48)).toBe(20);
    // 33 of 97 is published as 35 of 95 = 36.84%
    expect(protectRate(33, 97, { decimals: 2 })).toBe(36.84);
  });

  it('withholds a rate over 1–7 people, or when the numerator is suppressed', () => {
    expect(protectRate(3, 7)).toBe(SUPPRESSED);
    expect(protectRate(3, 200)).toBe(SUPPRESSED);
    expect(protectRate(0, 200)).toBe(0);
    expect(protectRate(0, 0)).toBeNull();
  });

  it('gives rates per thousand', () => {
    expect(protectRate(15, 1000, { per: 1000 })).toBe(15);
  });
});

describe(publishedRate.name, () => {
  it('is reproducible from the published counts', () => {
    fc.assert(
      fc.property(fc.nat({ max: 5000 }), fc.nat({ max: 5000 }), (a, b) => {
        const [numerator, denominator] = [Math.min(a, b), Math.max(a, b)];
        expect(protectRate(numerator, denominator)).toBe(
          publishedRate(protectCount(numerator), protectCount(denominator)),
        );
      }),
    );
  });
});
