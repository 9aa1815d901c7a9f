import { periodContaining, periodFromKey, previousPeriod } from './periods';

const at = (iso: string) => new Date(iso);

describe(periodContaining.name, () => {
  it('gives the calendar month in UTC', () => {
    expect(periodContaining('month', at('2026-11-30T23:59:59Z'))).toMatchObject({
      key: '2026-11',
      start: '2026-11-01',
      end: '2026-11-30',
      to: at('2026-12-01T00:00:00Z'),
    });
  });

  it.each([
    ['2026-11-22T10:00:00Z', '2026-W47', '2026-11-16', '2026-11-22'],
    ['2026-11-23T00:00:00Z', '2026-W48', '2026-11-23', '2026-11-29'],
    // 1 January 2027 is a Friday: it belongs to the last ISO week of 2026
    ['2027-01-01T12:00:00Z', '2026-W53', '2026-12-28', '2027-01-03'],
    // 29 December 2025 is a Monday in ISO week 1 of 2026
    ['2025-12-29T00:00:00Z', '2026-W01', '2025-12-29', '2026-01-04'],
  ])('puts %s in ISO week %s (%s to %s)', (instant, key, start, end) => {
    expect(periodContaining('week', at(instant))).toMatchObject({ key, start, end });
  });
});

describe(periodFromKey.name, () => {
  it('round-trips week and month keys', () => {
    expect(periodFromKey('week', '2026-W53').start).toBe('2026-12-28');
    expect(periodFromKey('week', '2026-W01').start).toBe('2025-12-29');
    expect(periodFromKey('month', '2026-02').end).toBe('2026-02-28');
  });

  it('refuses keys that name no period', () => {
    expect(() => periodFromKey('month', '2026-13')).toThrow(RangeError);
    expect(() => periodFromKey('week', '2025-W53')).toThrow(/not a week of 2025/);
  });
});

describe(previousPeriod.name, () => {
  it('steps back across a year', () => {
    expect(previousPeriod(periodFromKey('month', '2026-01')).key).toBe('2025-12');
    expect(previousPeriod(periodFromKey('week', '2026-W01')).key).toBe('2025-W52');
  });
});
