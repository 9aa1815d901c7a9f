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
    const sentAt = new Date(event.at).getTime();
    const data = { onwardReferralId: event.onwardReferralId };
    const opts = {
      attempts: 8,
      backoff: { type: 'exponential', delay: 1_000 },
      // completed jobs are kept a while so a late redelivery finds the id and adds nothing
      removeOnComplete: { age: 30 * 86_400 },
      removeOnFail: { age: 30 * 86_400 },
    };
    for (const [job, after] of [
      [ChaserJob.Nudge, this.hub.nudgeAfterSeconds],
      [ChaserJob.Expire, this.hub.expireAfterSeconds],
    ] as const) {
      await this.queue.add(job, data, {
        ...opts,
        jobId: chaserJobId(job, event.onwardReferralId),
        delay: Math.max(0, sentAt + after * 1000 - Date.now()),
      });
    }
    this.logger.log({ msg: 'chasers scheduled', onwardReferralId: event.onwardReferralId });
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
