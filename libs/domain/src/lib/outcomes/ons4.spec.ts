import { type Ons4Answers, compareOns4, ons4Band, ons4Bands, validateOns4 } from './ons4';

const answers = (overrides: Partial<Ons4Answers> = {}): Ons4Answers => ({
  lifeSatisfaction: 5,
  worthwhile: 5,
  happiness: 5,
  anxiety: 5,
  ...overrides,
});

describe(ons4Band.name, () => {
  // Every score 0–10 with its band, so every band edge is pinned from both sides.
  const positive: Array<[number, string]> = [
    [0, 'low'],
    [1, 'low'],
    [2, 'low'],
    [3, 'low'],
    [4, 'low'],
    [5, 'medium'],
    [6, 'medium'],
    [7, 'high'],
    [8, 'high'],
    [9, 'very_high'],
    [10, 'very_high'],
  ];
  const anxiety: Array<[number, string]> = [
    [0, 'very_low'],
    [1, 'very_low'],
    [2, 'low'],
    [3, 'low'],
    [4, 'medium'],
    [5, 'medium'],
    [6, 'high'],
    [7, 'high'],
    [8, 'high'],
    [9, 'high'],
    [10, 'high'],
  ];

  describe.each(['lifeSatisfaction', 'worthwhile', 'happiness'] as const)('%s', (item) => {
    it.each(positive)('scores %i as %s', (score, band) => {
      expect(ons4Band(item, score)).toBe(band);
    });
  });

  it.each(anxiety)('scores anxiety %i as %s', (score, band) => {
    expect(ons4Band('anxiety', score)).toBe(band);
  });

  it.each([[-1], [11], [4.5]])('throws on %p, which validation never lets through', (score) => {
    expect(() => ons4Band('happiness', score)).toThrow(RangeError);
  });
});

describe(ons4Bands.name, () => {
  it('bands each item on its own scale', () => {
    expect(ons4Bands(answers({ lifeSatisfaction: 9, anxiety: 1 }))).toEqual({
      lifeSatisfaction: 'very_high',
      worthwhile: 'medium',
      happiness: 'medium',
      anxiety: 'very_low',
    });
  });
});

describe(validateOns4.name, () => {
  it('accepts four whole numbers 0–10', () => {
    expect(validateOns4(answers({ lifeSatisfaction: 0, anxiety: 10 }))).toEqual({
      valid: true,
      value: answers({ lifeSatisfaction: 0, anxiety: 10 }),
    });
  });

  it('names each bad item and the allowed range', () => {
    const result = validateOns4({ lifeSatisfaction: 11, worthwhile: 2.5, happiness: 3 });
    expect(result).toEqual({
      valid: false,
      errors: [
        {
          field: 'lifeSatisfaction',
          reason: 'Life satisfaction must be a whole number from 0 to 10; got 11',
        },
        { field: 'worthwhile', reason: 'Worthwhile must be a whole number from 0 to 10; got 2.5' },
        { field: 'anxiety', reason: 'Anxiety yesterday is missing; answer with a whole number from 0 to 10' },
      ],
    });
  });
});

describe(compareOns4.name, () => {
  it('reads a higher band as improved for the three positive items', () => {
    const result = compareOns4(answers({ lifeSatisfaction: 4 }), answers({ lifeSatisfaction: 7 }));
    expect(result.lifeSatisfaction).toEqual({
      before: 'low',
      after: 'high',
      bandMove: 'improved',
      scoreChange: 3,
    });
  });

  it('reads a lower anxiety band as improved, because less anxiety is better', () => {
    const result = compareOns4(answers({ anxiety: 8 }), answers({ anxiety: 1 }));
    expect(result.anxiety).toEqual({
      before: 'high',
      after: 'very_low',
      bandMove: 'improved',
      scoreChange: -7,
    });
  });

  it('reads a higher anxiety band as worse', () => {
    expect(compareOns4(answers({ anxiety: 3 }), answers({ anxiety: 4 })).anxiety.bandMove).toBe('worse');
  });

  it('calls a score change inside one band "same"', () => {
    const result = compareOns4(answers({ happiness: 5, anxiety: 6 }), answers({ happiness: 6, anxiety: 10 }));
    expect(result.happiness.bandMove).toBe('same');
    expect(result.anxiety.bandMove).toBe('same');
  });

  it('reads a lower band as worse for a positive item', () => {
    expect(compareOns4(answers({ worthwhile: 9 }), answers({ worthwhile: 8 })).worthwhile.bandMove).toBe(
      'worse',
    );
  });
});
