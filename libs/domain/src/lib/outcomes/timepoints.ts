import type { ErrorDetail } from '@linkway/util';
import { type Validated, invalidResult, validResult } from '../shared/validated';

/**
 * When outcomes are recorded. Baseline is first contact; end of support is the ~12-week follow-up
 * (domain-reference.md); six-week and six-month are used by some archetypes (e.g. stroke navigation).
 */
export const TIMEPOINTS = ['baseline', 'six_week', 'end_of_support', 'six_month'] as const;
export type Timepoint = (typeof TIMEPOINTS)[number];
export type FollowUpTimepoint = Exclude<Timepoint, 'baseline'>;

export const TIMEPOINT_LABELS: Readonly<Record<Timepoint, string>> = {
  baseline: 'Baseline (first contact)',
  six_week: '6 weeks',
  end_of_support: 'End of support (12 weeks)',
  six_month: '6 months',
};

/**
 * Days after first contact at which each follow-up is due. A hub leaves out a timepoint it does not
 * use. Days, not months: "6 months" as 182 days is the same length whatever the start date.
 */
export type FollowUpIntervals = Partial<Record<FollowUpTimepoint, number>>;

export const DEFAULT_FOLLOW_UP_INTERVALS: Readonly<FollowUpIntervals> = Object.freeze({
  six_week: 42,
  end_of_support: 84,
  six_month: 182,
});

export interface DueTimepoint {
  timepoint: Timepoint;
  dueAt: Date;
}

const DAY_MS = 86_400_000;

/**
 * Due dates for every timepoint a hub uses, baseline first. Days are counted in UTC, so a due date
 * never drifts by an hour across a clock change.
 */
export function computeDueDates(firstContact: Date, intervals: FollowUpIntervals): DueTimepoint[] {
  const checked = validateFollowUpIntervals(intervals);
  if (!checked.valid) throw new RangeError(checked.errors.map((e) => e.reason).join('; '));
  const followUps = TIMEPOINTS.filter(
    (t): t is FollowUpTimepoint => t !== 'baseline' && intervals[t] !== undefined,
  );
  return [
    { timepoint: 'baseline', dueAt: new Date(firstContact.getTime()) },
    ...followUps.map((timepoint) => ({
      timepoint,
      dueAt: new Date(firstContact.getTime() + (intervals[timepoint] as number) * DAY_MS),
    })),
  ];
}

/** Intervals must be whole days > 0 and come in timepoint order (6 weeks before end of support…). */
export function validateFollowUpIntervals(intervals: FollowUpIntervals): Validated<FollowUpIntervals> {
  const errors: ErrorDetail[] = [];
  let previous: { timepoint: FollowUpTimepoint; days: number } | undefined;
  for (const timepoint of TIMEPOINTS) {
    if (timepoint === 'baseline') continue;
    const days = intervals[timepoint];
    if (days === undefined) continue;
    if (!Number.isInteger(days) || days <= 0) {
      errors.push({
        field: timepoint,
        reason: `${timepoint} must be a whole number of days after first contact, above 0; got ${days}`,
      });
      continue;
    }
    if (previous && days <= previous.days) {
      errors.push({
        field: timepoint,
        reason: `${timepoint} (${days} days) must come after ${previous.timepoint} (${previous.days} days)`,
      });
    }
    previous = { timepoint, days };
  }
  return errors.length > 0 ? invalidResult(errors) : validResult(intervals);
}

export type DueStatus = 'not_yet_due' | 'due' | 'overdue';

/**
 * Whether a recording is not yet due, due, or overdue at `at`. The grace period is the hub's
 * choice; reminders go out at "due" and again at "overdue".
 */
export function dueStatus(dueAt: Date, at: Date, overdueAfterDays: number): DueStatus {
  if (at.getTime() < dueAt.getTime()) return 'not_yet_due';
  return at.getTime() - dueAt.getTime() > overdueAfterDays * DAY_MS ? 'overdue' : 'due';
}
