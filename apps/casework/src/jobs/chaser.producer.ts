import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { OnwardReferralStatusChangedV1 } from '@linkway/contracts';
import { HUB_SETTINGS, type HubSettings } from '../config/hub-settings';
import { BULL_CONNECTION, type BullConnection } from './bull-connection';
import {
  chaserJobId,
  ChaserJob,
  type ChaserJobData,
  CaseworkQueue,
  cleanupJobId,
  type ReservationCleanupJobData,
} from './queues';

/**
 * Schedules the two chasers of a sent onward referral. Called by the inbox consumer of
 * casework's own status event, so a referral committed just before a crash still gets its
 * chasers, and a redelivery adds nothing (deterministic job ids).
 */
@Injectable()
export class ChaserProducer implements OnApplicationShutdown {
  private readonly logger = new Logger(ChaserProducer.name);
  private readonly queue: Queue<ChaserJobData | ReservationCleanupJobData>;

  constructor(
    @Inject(BULL_CONNECTION) connection: BullConnection,
    @Inject(HUB_SETTINGS) private readonly hub: HubSettings,
  ) {
    this.queue = new Queue<ChaserJobData | ReservationCleanupJobData>(CaseworkQueue.OnwardChaser, {
      connection: connection.options,
      prefix: connection.prefix,
    });
  }

  async schedule(event: OnwardReferralStatusChangedV1): Promise<void> {
    if (event.status !== 'sent') return;
    const sentAt = new Date(event.at);
    for (const job of [ChaserJob.Nudge, ChaserJob.Expire] as const) {
      await this.queue.add(
        job,
        { onwardReferralId: event.onwardReferralId },
        this.chaserOpts(job, event.onwardReferralId, sentAt),
      );
    }
    this.logger.log({ msg: 'chasers scheduled', onwardReferralId: event.onwardReferralId });
  }

  /**
   * Adds the chasers among `wanted` that Redis does not hold (any state: waiting, delayed,
   * active, completed or failed), with the ids and delays `schedule` gives them. Returns how
   * many were missing. A job added by someone else between the check and the add is still
   * kept once (known id); it is then counted here too.
   */
  async ensureChasers(
    wanted: Array<{ job: ChaserJob.Nudge | ChaserJob.Expire; onwardReferralId: string; sentAt: Date }>,
  ): Promise<number> {
    if (!wanted.length) return 0;
    // sent together on the queue's one connection: a page costs about one round trip
    const states = await Promise.all(
      wanted.map((w) => this.queue.getJobState(chaserJobId(w.job, w.onwardReferralId))),
    );
    const missing = wanted.filter((_, i) => states[i] === 'unknown');
    if (missing.length) {
      await this.queue.addBulk(
        missing.map((w) => ({
          name: w.job,
          data: { onwardReferralId: w.onwardReferralId },
          opts: this.chaserOpts(w.job, w.onwardReferralId, w.sentAt),
        })),
      );
    }
    return missing.length;
  }

  private chaserOpts(job: ChaserJob.Nudge | ChaserJob.Expire, onwardReferralId: string, sentAt: Date) {
    const after = job === ChaserJob.Nudge ? this.hub.nudgeAfterSeconds : this.hub.expireAfterSeconds;
    return {
      jobId: chaserJobId(job, onwardReferralId),
      delay: Math.max(0, sentAt.getTime() + after * 1000 - Date.now()),
      attempts: 8,
      backoff: { type: 'exponential', delay: 1_000 },
      // completed jobs are kept a while so a late redelivery finds the id and adds nothing
      removeOnComplete: { age: 30 * 86_400 },
      removeOnFail: { age: 30 * 86_400 },
    };
  }

  /** Retried with back-off until the directory answers; one job per reservation key. */
  async scheduleReservationCleanup(idempotencyKey: string, serviceId: string): Promise<void> {
    await this.queue.add(
      ChaserJob.ReservationCleanup,
      { idempotencyKey, serviceId },
      {
        jobId: cleanupJobId(idempotencyKey),
        attempts: 20,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: { age: 86_400 },
        removeOnFail: { age: 30 * 86_400 },
      },
    );
    this.logger.warn({ msg: 'reservation cleanup scheduled', serviceId });
  }

  async onApplicationShutdown() {
    await this.queue.close();
  }
}
