import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import type { HubConfig } from '@linkway/config';
import { OUTCOMES_REMINDER_V1, type OutcomeTimepoint } from '@linkway/contracts';
import { computeDueDates, type HubProfile } from '@linkway/domain';
import { enqueueEvent } from '@linkway/messaging';
import { HUB_PROFILE } from '@linkway/platform';
import type { OutcomesConfig } from '../config/outcomes.config';
import { OutcomesQueue, type ReminderJob, reminderJobId } from '../jobs/queues';

const REAL_DAY_MS = 86_400_000;
/** Pending follow-ups per reconcile query (and per batch of job look-ups in Redis). */
const RECONCILE_PAGE = 500;

/** Work to run once the caller's transaction has committed (Redis is not part of it). */
export type AfterCommit = Array<() => Promise<unknown>>;

interface DueRow {
  case_id: string;
  timepoint: OutcomeTimepoint;
  due_at: Date;
  overdue_at: Date;
}

/**
 * Outcome follow-ups: due dates from first contact at the hub's intervals, a reminder when each
 * falls due and another when it is overdue, cancelled when the case closes. The database row
 * is the truth; BullMQ jobs only wake us up (deterministic ids, and the processor re-checks the
 * row, so a duplicate, late or orphan job does nothing).
 */
@Injectable()
export class ScheduleService {
  private readonly logger = new Logger(ScheduleService.name);
  private readonly dayMs: number;
  private readonly hubId: string;

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(OutcomesQueue.Reminders) private readonly reminders: Queue<ReminderJob>,
    @Inject(HUB_PROFILE) private readonly profile: HubProfile,
    config: ConfigService,
  ) {
    this.dayMs = config.getOrThrow<OutcomesConfig>('outcomes').OUTCOMES_DAY_MS;
    this.hubId = config.getOrThrow<HubConfig>('hub').HUB_ID;
  }

  /**
   * Re-adds the reminder jobs Redis does not hold (a crash between a commit and its add, or a
   * Redis that lost its last second of AOF) for every pending follow-up whose reminder of that
   * kind was not sent yet. Same ids and delays as `onFirstContact`; a job added meanwhile by
   * someone else is kept once (known id) and then counted here too. Run by the reconciler.
   */
  async reconcile(): Promise<{ scanned: number; recreated: number }> {
    let scanned = 0;
    let recreated = 0;
    let after = { caseId: '00000000-0000-0000-0000-000000000000', timepoint: '' };
    for (;;) {
      const rows = await this.dataSource.query<Array<DueRow & { sent: ReminderJob['kind'][] }>>(
        `SELECT d.case_id, d.timepoint, d.due_at, d.overdue_at,
                ARRAY(SELECT r.kind FROM outcome_reminder r
                       WHERE r.case_id = d.case_id AND r.timepoint = d.timepoint) AS sent
           FROM outcome_due d
          WHERE d.status = 'pending' AND (d.case_id, d.timepoint) > ($1::uuid, $2)
          ORDER BY d.case_id, d.timepoint
          LIMIT $3`,
        [after.caseId, after.timepoint, RECONCILE_PAGE],
      );
      if (!rows.length) break;
      scanned += rows.length;
      const last = rows[rows.length - 1];
      after = { caseId: last.case_id, timepoint: last.timepoint };
      const wanted = rows.flatMap((row) =>
        (['due', 'overdue'] as const)
          .filter((kind) => !row.sent.includes(kind))
          .map((kind) => ({ row, kind })),
      );
      const states = await Promise.all(
        wanted.map(({ row, kind }) =>
          this.reminders.getJobState(reminderJobId({ caseId: row.case_id, timepoint: row.timepoint, kind })),
        ),
      );
      const missing = wanted.filter((_, i) => states[i] === 'unknown');
      await this.addJobs(missing);
      recreated += missing.length;
      if (rows.length < RECONCILE_PAGE) break;
    }
    return { scanned, recreated };
  }

  /**
   * First attended contact: baseline due now, follow-ups at the hub's intervals. Rows in the
   * event's transaction; jobs once it has committed (`afterCommit`), so a job never runs before
   * its row is visible. A crash in between is healed by `reconcile`.
   */
  async onFirstContact(
    manager: EntityManager,
    caseId: string,
    personId: string,
    firstContact: Date,
    afterCommit: AfterCommit,
  ) {
    const overdueAfterMs = this.profile.outcomes.overdueAfterDays * this.dayMs;
    const due = computeDueDates(firstContact, this.profile.outcomes.followUpDays).map(
      ({ timepoint, dueAt }) => {
        // the domain counts real days; OUTCOMES_DAY_MS rescales them (tests run a 42-day follow-up in seconds)
        const offset = ((dueAt.getTime() - firstContact.getTime()) / REAL_DAY_MS) * this.dayMs;
        const at = new Date(firstContact.getTime() + offset);
        return { timepoint, dueAt: at, overdueAt: new Date(at.getTime() + overdueAfterMs) };
      },
    );
    const rows: DueRow[] = [];
    for (const d of due) {
      const inserted = await manager.query<DueRow[]>(
        `INSERT INTO outcome_due (case_id, timepoint, person_id, due_at, overdue_at, status)
         VALUES ($1, $2, $3, $4, $5,
           CASE WHEN EXISTS (SELECT 1 FROM outcome_record WHERE case_id = $1 AND timepoint = $2)
                THEN 'recorded' ELSE 'pending' END)
         ON CONFLICT (case_id, timepoint) DO NOTHING
         RETURNING case_id, timepoint, due_at, overdue_at`,
        [caseId, d.timepoint, personId, d.dueAt, d.overdueAt],
      );
      rows.push(...inserted);
    }
    afterCommit.push(() =>
      this.addJobs(rows.flatMap((row) => (['due', 'overdue'] as const).map((kind) => ({ row, kind })))),
    );
    this.logger.log({
      msg: 'outcome follow-ups scheduled',
      caseId,
      timepoints: rows.map((r) => r.timepoint),
    });
  }

  /** A recording at a timepoint settles it: no more reminders for it. */
  async markRecorded(manager: EntityManager, caseId: string, timepoint: OutcomeTimepoint): Promise<void> {
    await manager.query(
      `UPDATE outcome_due SET status = 'recorded' WHERE case_id = $1 AND timepoint = $2 AND status = 'pending'`,
      [caseId, timepoint],
    );
  }

  /** The case closed: every pending follow-up is cancelled, and its jobs removed (best effort). */
  async cancel(manager: EntityManager, caseId: string, afterCommit: AfterCommit): Promise<void> {
    const cancelled = await manager.query<Array<{ timepoint: string }>>(
      `UPDATE outcome_due SET status = 'cancelled' WHERE case_id = $1 AND status = 'pending' RETURNING timepoint`,
      [caseId],
    );
    // rows decide, not jobs: a job that survives removal finds its row cancelled and does nothing
    afterCommit.push(async () => {
      for (const row of cancelled) {
        for (const kind of ['due', 'overdue'] as const) {
          await this.reminders
            .remove(reminderJobId({ caseId, timepoint: row.timepoint, kind }))
            .catch(() => 0);
        }
      }
    });
    if (cancelled.length)
      this.logger.log({ msg: 'outcome follow-ups cancelled', caseId, count: cancelled.length });
  }

  /** The reminder job: still pending → one reminder event per (case, timepoint, kind), through the outbox. */
  async remind(job: ReminderJob): Promise<'sent' | 'skipped'> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<
        Array<DueRow & { person_id: string; status: string; practitioner_id: string | null }>
      >(
        `SELECT d.case_id, d.timepoint, d.person_id, d.due_at, d.overdue_at, d.status, c.practitioner_id
           FROM outcome_due d JOIN outcome_case c ON c.case_id = d.case_id
          WHERE d.case_id = $1 AND d.timepoint = $2 FOR UPDATE OF d`,
        [job.caseId, job.timepoint],
      );
      if (!row || row.status !== 'pending') return 'skipped';
      const inserted = await manager.query<unknown[]>(
        `INSERT INTO outcome_reminder (case_id, timepoint, kind, practitioner_id, sent_at)
         VALUES ($1, $2, $3, $4, now()) ON CONFLICT DO NOTHING RETURNING case_id`,
        [job.caseId, job.timepoint, job.kind, row.practitioner_id],
      );
      if (inserted.length === 0) return 'skipped';
      await enqueueEvent(manager, OUTCOMES_REMINDER_V1, {
        caseId: row.case_id,
        personId: row.person_id,
        hubId: this.hubId,
        practitionerId: row.practitioner_id,
        timepoint: row.timepoint,
        kind: job.kind,
        dueAt: new Date(row.due_at).toISOString(),
        occurredAt: new Date().toISOString(),
      });
      return 'sent';
    });
  }

  private async addJobs(jobs: Array<{ row: DueRow; kind: ReminderJob['kind'] }>): Promise<void> {
    const now = Date.now();
    for (const { row, kind } of jobs) {
      const data: ReminderJob = { caseId: row.case_id, timepoint: row.timepoint, kind };
      const at = new Date(kind === 'due' ? row.due_at : row.overdue_at).getTime();
      await this.reminders.add('outcome-reminder', data, {
        jobId: reminderJobId(data),
        delay: Math.max(0, at - now),
        attempts: 5,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: { age: 30 * 86_400 },
        removeOnFail: { age: 30 * 86_400 },
      });
    }
  }
}
