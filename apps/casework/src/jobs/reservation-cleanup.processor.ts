import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { OnwardService } from '../onward/onward.service';
import type { ReservationCleanupJobData } from './queues';

/** ChaserJob.ReservationCleanup: delegates to OnwardService.cleanupReservation (idempotent). */
@Injectable()
export class ReservationCleanupProcessor {
  constructor(private readonly onward: OnwardService) {}

  process(job: Job<ReservationCleanupJobData>) {
    return this.onward.cleanupReservation(job.data.idempotencyKey, job.data.serviceId);
  }
}
