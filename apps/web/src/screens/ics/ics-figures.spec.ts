import { anySuppressed, columnLabel, groupLabel, showFigure } from './ics-figures';

describe('showFigure', () => {
  it('keeps a suppressed cell as *, shows no people as a dash, rounds other numbers', () => {
    expect(showFigure('*')).toBe('*');
    expect(showFigure(null)).toBe('–');
    expect(showFigure(1234)).toBe('1,234');
    expect(showFigure(42.345, '%')).toBe('42.3%');
  });

  it('says whether a table holds any suppressed cell', () => {
    expect(anySuppressed([5, '*', null])).toBe(true);
    expect(anySuppressed([5, 0, null])).toBe(false);
  });

  it('names columns and groups in words', () => {
    expect(columnLabel('homeDelivered')).toBe('Home intervention delivered');
    expect(groupLabel('universal_screening')).toBe('Universal screening');
    expect(groupLabel('some_new_model')).toBe('some new model');
  });
});
