import {
  type Ucla3Item,
  compareOnsLoneliness,
  onsLonelinessCode,
  scoreUcla3,
  ucla3Change,
  validateOnsLoneliness,
} from './loneliness';

const uclaAnswers = (
  overrides: Partial<Record<Ucla3Item, unknown>> = {},
): Partial<Record<Ucla3Item, unknown>> => ({
  lackCompanionship: 'hardly_ever',
  leftOut: 'hardly_ever',
  isolated: 'hardly_ever',
  ...overrides,
});

describe(scoreUcla3.name, () => {
  it('scores all "hardly ever" as 3, the least lonely', () => {
    expect(scoreUcla3(uclaAnswers())).toMatchObject({ valid: true, value: { total: 3 } });
  });

  it('scores all "often" as 9, the loneliest', () => {
    const often = uclaAnswers({ lackCompanionship: 'often', leftOut: 'often', isolated: 'often' });
    expect(scoreUcla3(often)).toMatchObject({ valid: true, value: { total: 9 } });
  });

  it('accepts numeric scores 1–3 and returns response keys', () => {
    expect(scoreUcla3({ lackCompanionship: 1, leftOut: 2, isolated: 3 })).toEqual({
      valid: true,
      value: {
        items: { lackCompanionship: 'hardly_ever', leftOut: 'some_of_the_time', isolated: 'often' },
        total: 6,
      },
    });
  });

  it('names each unanswered or unknown item', () => {
    const result = scoreUcla3({ lackCompanionship: 4, leftOut: 'never' });
    expect(result.valid).toBe(false);
    if (!result.valid)
      expect(result.errors.map((e) => e.field)).toEqual(['lackCompanionship', 'leftOut', 'isolated']);
  });
});

describe(ucla3Change.name, () => {
  it('reads a falling total as improved', () => {
    expect(ucla3Change(8, 5)).toEqual({ change: -3, direction: 'improved' });
    expect(ucla3Change(5, 6)).toEqual({ change: 1, direction: 'worse' });
  });
});

describe(validateOnsLoneliness.name, () => {
  it('accepts keys and codes', () => {
    expect(validateOnsLoneliness('occasionally')).toEqual({ valid: true, value: 'occasionally' });
    expect(validateOnsLoneliness(1)).toEqual({ valid: true, value: 'often_always' });
  });

  it('lists the allowed answers on error', () => {
    expect(validateOnsLoneliness('sometimes')).toEqual({
      valid: false,
      errors: [
        {
          field: 'onsLoneliness',
          reason:
            '"How often do you feel lonely?" must be one of often_always (1), some_of_the_time (2), occasionally (3), hardly_ever (4), never (5); got sometimes',
        },
      ],
    });
  });
});

describe(onsLonelinessCode.name, () => {
  it('codes often/always 1 through never 5', () => {
    expect(onsLonelinessCode('often_always')).toBe(1);
    expect(onsLonelinessCode('never')).toBe(5);
  });
});

describe(compareOnsLoneliness.name, () => {
  it('reads a move towards "never" as improved', () => {
    expect(compareOnsLoneliness('often_always', 'occasionally')).toBe('improved');
    expect(compareOnsLoneliness('never', 'hardly_ever')).toBe('worse');
    expect(compareOnsLoneliness('occasionally', 'occasionally')).toBe('same');
  });
});
