/**
 * BullMQ queue names of the outcomes service, all in one place. NEVER RENAME ONE: jobs already
 * waiting in Redis under the old name would never run (a rename needs a drain-and-move migration).
 * One job kind per queue, one processor per queue, and the processor only delegates.
 */
export enum OutcomesQueue {
  /** Delayed jobs: an outcome recording falls due, then overdue; the link worker is reminded. */
  Reminders = 'outcomes-reminders',
  /** Repeating job: rebuild this and last week's and month's hub snapshots. */
  Snapshots = 'outcomes-snapshots',
}

export interface ReminderJob {
  caseId: string;
  timepoint: string;
  kind: 'due' | 'overdue';
}

export interface SnapshotJob {
  /** Set by an operator to rebuild one period; the repeating job rebuilds the current ones. */
  kind?: 'week' | 'month';
  key?: string;
}

/** Deterministic: a redelivered first-contact event schedules the same job, which BullMQ keeps once. */
export const reminderJobId = (job: ReminderJob): string =>
  `reminder-${job.caseId}-${job.timepoint}-${job.kind}`;

export const SNAPSHOT_SCHEDULER_ID = 'hub-snapshots';

/** The id BullMQ (5.x, JobScheduler.getSchedulerNextJobId) gives the scheduler's job due at `nextMillis`. */
export const snapshotSchedulerJobId = (nextMillis: number): string =>
  `repeat:${SNAPSHOT_SCHEDULER_ID}:${nextMillis}`;
