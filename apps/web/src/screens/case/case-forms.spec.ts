import { chartPoints, checkContact, checkOns4, emptyOns4 } from './case-forms';

describe('checkOns4', () => {
  it('accepts four whole numbers from 0 to 10', () => {
    expect(checkOns4({ lifeSatisfaction: '6', worthwhile: '7', happiness: '0', anxiety: '10' })).toEqual({
      answers: { lifeSatisfaction: 6, worthwhile: 7, happiness: 0, anxiety: 10 },
      errors: {},
    });
  });

  it('names each blank, out-of-range or fractional item with the domain rule', () => {
    const { answers, errors } = checkOns4({
      ...emptyOns4(),
      worthwhile: '11',
      happiness: '2.5',
      anxiety: '3',
    });
    expect(answers).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual([
      'ons4-happiness',
      'ons4-lifeSatisfaction',
      'ons4-worthwhile',
    ]);
    expect(errors['ons4-worthwhile']).toMatch(/0.*10/);
  });
});

describe('checkContact', () => {
  it('needs a mode and a length in minutes', () => {
    expect(checkContact({ mode: '', durationMinutes: 'x', notes: '' })).toEqual({
      'contact-mode': 'Choose how you met',
      'contact-duration': 'Enter the length in minutes, from 1 to 600',
    });
    expect(checkContact({ mode: 'phone', durationMinutes: '30', notes: '' })).toEqual({});
  });
});

describe('chartPoints', () => {
  it('spreads points across the width and puts the scale top at the top', () => {
    const size = { width: 120, height: 60, padding: 10 };
    const points = chartPoints(
      [
        { label: 'baseline', value: 0 },
        { label: 'end', value: 10 },
      ],
      { min: 0, max: 10 },
      size,
    );
    expect(points.map(({ x, y }) => [x, y])).toEqual([
      [10, 50],
      [110, 10],
    ]);
  });

  it('centres a single point', () => {
    expect(
      chartPoints([{ label: 'b', value: 5 }], { min: 0, max: 10 }, { width: 100, height: 40, padding: 0 })[0],
    ).toMatchObject({ x: 50, y: 20 });
  });
});
