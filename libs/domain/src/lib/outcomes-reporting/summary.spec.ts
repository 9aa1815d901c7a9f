import { meanChangeWithCi, type PairedObservation } from '../outcomes/statistics';
import { median } from '../casework/pathway';
import { meanChangeFromSums, medianOfHistogram, rateOf } from './summary';

const pairs = (...diffs: number[]): PairedObservation[] =>
  diffs.map((d, i) => ({ before: 10 + i, after: 10 + i + d }));
const sumsOf = (list: PairedObservation[]) => ({
  n: list.length,
  sumChange: list.reduce((s, p) => s + (p.after - p.before), 0),
  sumSquares: list.reduce((s, p) => s + (p.after - p.before) ** 2, 0),
});

describe(meanChangeFromSums.name, () => {
  it.each([[[2]], [[1, 3]], [[2.5, -1, 4, 0, 3.25]], [[1, 1, 1, 1]]])(
    'agrees with meanChangeWithCi on the pairs %j',
    (diffs) => {
      const list = pairs(...diffs);
      const fromSums = meanChangeFromSums(sumsOf(list));
      const direct = meanChangeWithCi(list);
      expect(fromSums?.meanChange).toBeCloseTo(direct?.meanChange as number, 10);
      if (direct?.ci95) {
        expect(fromSums?.ci95?.lower).toBeCloseTo(direct.ci95.lower, 9);
        expect(fromSums?.ci95?.upper).toBeCloseTo(direct.ci95.upper, 9);
      } else expect(fromSums?.ci95).toBeNull();
    },
  );

  it('gives a zero-width interval when every change is equal, and null for no pairs', () => {
    expect(meanChangeFromSums({ n: 3, sumChange: 3, sumSquares: 3 })).toEqual({
      n: 3,
      meanChange: 1,
      sd: 0,
      ci95: { lower: 1, upper: 1 },
    });
    expect(meanChangeFromSums({ n: 0, sumChange: 0, sumSquares: 0 })).toBeNull();
  });
});

describe(medianOfHistogram.name, () => {
  it('matches the median of the expanded values', () => {
    const bins = [
      { value: 7, count: 1 },
      { value: 2, count: 2 },
      { value: 3, count: 1 },
    ];
    expect(medianOfHistogram(bins)).toBe(median([2, 2, 3, 7]));
    expect(medianOfHistogram([{ value: 4, count: 0 }])).toBeNull();
  });
});

describe(rateOf.name, () => {
  it('divides, and has no rate without a whole', () => {
    expect(rateOf(1, 4)).toBe(0.25);
    expect(rateOf(0, 0)).toBeNull();
  });
});
