import fc from 'fast-check';
import {
  SWEMWBS_METRIC_TABLE,
  hasEnoughPairsForComparison,
  scoreSwemwbs,
  swemwbsChange,
  swemwbsMetricScore,
} from './swemwbs';

/** Seven answers adding up to `raw`, spread as evenly as the 1–5 scale allows. */
const itemsForRaw = (raw: number): number[] =>
  Array.from({ length: 7 }, (_, i) => Math.floor(raw / 7) + (i < raw % 7 ? 1 : 0));

describe(swemwbsMetricScore.name, () => {
  // Every cell of the table, written out again here (not read from the code) so a typo shows up.
  const expected: Array<[number, number]> = [
    [7, 7.0],
    [8, 9.51],
    [9, 11.25],
    [10, 12.4],
    [11, 13.33],
    [12, 14.08],
    [13, 14.75],
    [14, 15.32],
    [15, 15.84],
    [16, 16.36],
    [17, 16.88],
    [18, 17.43],
    [19, 17.98],
    [20, 18.59],
    [21, 19.25],
    [22, 19.98],
    [23, 20.73],
    [24, 21.54],
    [25, 22.35],
    [26, 23.21],
    [27, 24.11],
    [28, 25.03],
    [29, 26.02],
    [30, 27.03],
    [31, 28.13],
    [32, 29.31],
    [33, 30.7],
    [34, 32.55],
    [35, 35.0],
  ];

  it('has 29 cells', () => {
    expect(SWEMWBS_METRIC_TABLE).toHaveLength(29);
    expect(expected).toHaveLength(29);
  });

  it.each(expected)('converts raw %i to %d', (raw, metric) => {
    expect(swemwbsMetricScore(raw)).toBe(metric);
  });

  it.each(expected)('scores seven answers totalling %i as %d', (raw, metric) => {
    expect(scoreSwemwbs(itemsForRaw(raw))).toEqual({
      valid: true,
      value: { items: itemsForRaw(raw), raw, metric },
    });
  });

  it('rises strictly with the raw score', () => {
    for (let i = 1; i < SWEMWBS_METRIC_TABLE.length; i++) {
      expect(SWEMWBS_METRIC_TABLE[i]).toBeGreaterThan(SWEMWBS_METRIC_TABLE[i - 1]);
    }
  });

  it.each([[6], [36], [20.5]])('throws on raw %p', (raw) => {
    expect(() => swemwbsMetricScore(raw)).toThrow(RangeError);
  });
});

describe(scoreSwemwbs.name, () => {
  it('is invalid with one item missing, naming the item', () => {
    expect(scoreSwemwbs([3, 3, 3, undefined, 3, 3, 3])).toEqual({
      valid: false,
      errors: [
        { field: 'item4', reason: 'SWEMWBS item 4 is missing; answer with a whole number from 1 to 5' },
      ],
    });
    expect(scoreSwemwbs([3, 3, 3, 3, 3, 3])).toMatchObject({ valid: false, errors: [{ field: 'item7' }] });
  });

  it('names every item out of range', () => {
    const result = scoreSwemwbs([0, 3, 6, 3, 2.5, 3, 3]);
    expect(result.valid).toBe(false);
    if (!result.valid) {
      expect(result.errors.map((e) => e.field)).toEqual(['item1', 'item3', 'item5']);
      expect(result.errors[0].reason).toBe('SWEMWBS item 1 must be a whole number from 1 to 5; got 0');
    }
  });

  it('refuses more than seven answers', () => {
    expect(scoreSwemwbs([3, 3, 3, 3, 3, 3, 3, 3])).toMatchObject({
      valid: false,
      errors: [{ field: 'items' }],
    });
  });

  it('always lands on a table value for any valid answers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 7, maxLength: 7 }), (items) => {
        const result = scoreSwemwbs(items);
        expect(result.valid && SWEMWBS_METRIC_TABLE.includes(result.value.metric)).toBe(true);
      }),
    );
  });
});

describe(swemwbsChange.name, () => {
  it('flags a rise of exactly one metric point despite floating point', () => {
    expect(swemwbsChange(20.73, 21.73)).toEqual({
      metricChange: 1,
      direction: 'improved',
      atLeastOneMetricPoint: true,
      improvedByAtLeastOnePoint: true,
    });
  });

  it('does not flag a change under one point', () => {
    // raw 16 → 17 moves the metric score by only 0.52
    expect(swemwbsChange(16.36, 16.88)).toMatchObject({ metricChange: 0.52, atLeastOneMetricPoint: false });
  });

  it('flags a fall of a point or more, but not as an improvement', () => {
    expect(swemwbsChange(23.21, 21.54)).toEqual({
      metricChange: -1.67,
      direction: 'worse',
      atLeastOneMetricPoint: true,
      improvedByAtLeastOnePoint: false,
    });
  });

  it('reports no change as same', () => {
    expect(swemwbsChange(19.25, 19.25).direction).toBe('same');
  });
});

describe(hasEnoughPairsForComparison.name, () => {
  it('needs 30 paired scores', () => {
    expect(hasEnoughPairsForComparison(29)).toBe(false);
    expect(hasEnoughPairsForComparison(30)).toBe(true);
  });
});
