import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { OnwardService } from '../onward/onward.service';
import type { ChaserJobData } from './queues';

/** ChaserJob.Expire: delegates; the effect's idempotency lives in OnwardService.expire. */
@Injectable()
export class ExpireProcessor {
  constructor(private readonly onward: OnwardService) {}

  process(job: Job<ChaserJobData>) {
    return this.onward.expire(job.data.onwardReferralId);
  }
}
