import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { CASEWORK_CASE_OPENED_V1, CASEWORK_CONTACT_RECORDED_V1 } from '@linkway/contracts';
import { testUrls, waitUntil } from '@linkway/testing';
import { caseOpened, contactRecorded } from '../test-fixtures/events';
import { type OutcomesStack, profileWith, startOutcomesStack } from '../test-fixtures/outcomes-stack';
import { OutcomesQueue, reminderJobId, SNAPSHOT_SCHEDULER_ID } from './queues';

/** One schedule "day": six_week is due at +8 s and overdue at +16 s, end_of_support at +16/+24 s. */
const DAY_MS = 800;

interface Summary {
  scanned: number;
  recreated: number;
  snapshotScheduler: string;
}

describe('OutcomesReconciler (real Postgres, Redis, private NATS JetStream)', () => {
  let stack: OutcomesStack;
  let redis: Redis;
  let reminders: Queue;
  let snapshots: Queue;

  beforeAll(async () => {
    stack = await startOutcomesStack(
      'outcomes-reconcile',
      profileWith('community_centre', {
        followUpDays: { six_week: 10, end_of_support: 20 },
        overdueAfterDays: 10,
      }),
      {
        OUTCOMES_DAY_MS: String(DAY_MS),
        OUTCOMES_RECONCILE_EVERY_S: '1',
        // registered, but not due again during the suite
        OUTCOMES_SNAPSHOT_EVERY_MS: '3600000',
      },
    );
    redis = new Redis(testUrls().redis);
  }, 60_000);

  afterAll(async () => {
    await reminders?.close();
    await snapshots?.close();
    redis?.disconnect();
    await stack?.close();
  });

  const summaries = () =>
    stack.service.lines
      .filter((line) => line.includes('"outcome jobs reconciled"'))
      .map((line) => (JSON.parse(line) as { message: Summary }).message);
  const sentReminders = (caseId: string) =>
    stack.seen
      .filter((e) => e.subject === 'evt.outcomes.reminder.v1' && e.payload.caseId === caseId)
      .map((e) => `${e.payload.timepoint}:${e.payload.kind}`)
      .sort();

  it('puts back the reminder jobs and the snapshot scheduler Redis lost; every due reminder fires once', async () => {
    const opened = caseOpened();
    await stack.publish(CASEWORK_CASE_OPENED_V1, opened);
    await stack.publish(CASEWORK_CONTACT_RECORDED_V1, contactRecorded(opened));
    await waitUntil(() => sentReminders(opened.caseId).includes('baseline:due'), { timeoutMs: 10_000 });

    // the service's Redis prefix is the suite's own: find it from this case's job key
    const [key] = await redis.keys(
      `test:*:${OutcomesQueue.Reminders}:reminder-${opened.caseId}-baseline-due`,
    );
    const prefix = key.slice(0, key.indexOf(`:${OutcomesQueue.Reminders}:`));
    reminders = new Queue(OutcomesQueue.Reminders, { connection: redis, prefix });
    snapshots = new Queue(OutcomesQueue.Snapshots, { connection: redis, prefix });
    expect(await snapshots.getJobScheduler(SNAPSHOT_SCHEDULER_ID)).toBeDefined();

    // Redis loses everything outcomes had queued, as after a crash that lost the AOF
    const lost = [
      ...(await redis.keys(`${prefix}:${OutcomesQueue.Reminders}:*`)),
      ...(await redis.keys(`${prefix}:${OutcomesQueue.Snapshots}:*`)),
    ];
    await redis.del(...lost);
    const lostAt = summaries().length;
    const pending = [
      'baseline-overdue',
      'six_week-due',
      'six_week-overdue',
      'end_of_support-due',
      'end_of_support-overdue',
    ];
    const ids = pending.map((p) => `reminder-${opened.caseId}-${p}`);
    await waitUntil(
      async () =>
        (await Promise.all(ids.map((id) => reminders.getJobState(id)))).every((s) => s !== 'unknown'),
      { timeoutMs: 10_000 },
    );
    await waitUntil(() => summaries().length > lostAt + 1, { timeoutMs: 10_000 });
    const afterLoss = summaries().slice(lostAt);
    // the sent baseline reminder is not re-added; the five still to come are, once
    expect(afterLoss.reduce((sum, s) => sum + s.recreated, 0)).toBe(ids.length);
    expect(afterLoss.map((s) => s.snapshotScheduler)).toContain('upserted');
    expect(afterLoss.at(-1)?.snapshotScheduler).toBe('present');
    expect(
      await reminders.getJobState(
        reminderJobId({ caseId: opened.caseId, timepoint: 'baseline', kind: 'due' }),
      ),
    ).toBe('unknown');
    expect((await snapshots.getJobScheduler(SNAPSHOT_SCHEDULER_ID))?.every).toBe(3_600_000);

    await waitUntil(() => sentReminders(opened.caseId).length === 6, { timeoutMs: 40_000 });
    // two more passes after the last one fired: nothing is re-added or sent twice
    const settled = summaries().length;
    await waitUntil(() => summaries().length >= settled + 2, { timeoutMs: 10_000 });
    expect(sentReminders(opened.caseId)).toEqual([
      'baseline:due',
      'baseline:overdue',
      'end_of_support:due',
      'end_of_support:overdue',
      'six_week:due',
      'six_week:overdue',
    ]);
    const { rows } = await stack.db.query(
      'SELECT count(*)::int AS n FROM outcome_reminder WHERE case_id = $1',
      [opened.caseId],
    );
    expect(rows[0].n).toBe(6);
    expect(
      summaries()
        .slice(settled)
        .every((s) => s.recreated === 0),
    ).toBe(true);
  }, 90_000);
});
