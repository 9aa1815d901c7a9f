import {
  DEFAULT_FOLLOW_UP_INTERVALS,
  computeDueDates,
  dueStatus,
  validateFollowUpIntervals,
} from './timepoints';

const at = (iso: string): Date => new Date(iso);

describe(computeDueDates.name, () => {
  it('puts baseline at first contact and follow-ups at the default intervals', () => {
    expect(computeDueDates(at('2026-01-05T10:00:00Z'), DEFAULT_FOLLOW_UP_INTERVALS)).toEqual([
      { timepoint: 'baseline', dueAt: at('2026-01-05T10:00:00Z') },
      { timepoint: 'six_week', dueAt: at('2026-02-16T10:00:00Z') },
      { timepoint: 'end_of_support', dueAt: at('2026-03-30T10:00:00Z') },
      { timepoint: 'six_month', dueAt: at('2026-07-06T10:00:00Z') },
    ]);
  });

  it('schedules only the timepoints a hub uses', () => {
    const result = computeDueDates(at('2026-03-01T00:00:00Z'), { end_of_support: 84 });
    expect(result.map((r) => r.timepoint)).toEqual(['baseline', 'end_of_support']);
  });

  it('keeps the time of day across the UK clock change', () => {
    // 29 March 2026 is the spring clock change; UTC days do not notice.
    const [, sixWeek] = computeDueDates(at('2026-03-20T09:00:00Z'), { six_week: 42 });
    expect(sixWeek.dueAt.toISOString()).toBe('2026-05-01T09:00:00.000Z');
  });

  it('throws on intervals a profile validator would refuse', () => {
    expect(() => computeDueDates(at('2026-01-01T00:00:00Z'), { six_week: 90, end_of_support: 84 })).toThrow(
      RangeError,
    );
  });
});

describe(validateFollowUpIntervals.name, () => {
  it('refuses zero, fractions and out-of-order intervals, naming the timepoint', () => {
    expect(validateFollowUpIntervals({ six_week: 0, end_of_support: 84.5 })).toMatchObject({
      valid: false,
      errors: [{ field: 'six_week' }, { field: 'end_of_support' }],
    });
    expect(validateFollowUpIntervals({ six_week: 42, end_of_support: 42 })).toEqual({
      valid: false,
      errors: [
        { field: 'end_of_support', reason: 'end_of_support (42 days) must come after six_week (42 days)' },
      ],
    });
  });
});

describe(dueStatus.name, () => {
  const due = at('2026-02-16T10:00:00Z');

  it('moves from not yet due to due to overdue', () => {
    expect(dueStatus(due, at('2026-02-16T09:59:59Z'), 7)).toBe('not_yet_due');
    expect(dueStatus(due, due, 7)).toBe('due');
    expect(dueStatus(due, at('2026-02-23T10:00:00Z'), 7)).toBe('due');
    expect(dueStatus(due, at('2026-02-23T10:00:01Z'), 7)).toBe('overdue');
  });
});
