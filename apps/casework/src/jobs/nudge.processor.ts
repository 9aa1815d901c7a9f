import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { OnwardService } from '../onward/onward.service';
import type { ChaserJobData } from './queues';

/** ChaserJob.Nudge: delegates; the effect's idempotency lives in OnwardService.nudge. */
@Injectable()
export class NudgeProcessor {
  constructor(private readonly onward: OnwardService) {}

  process(job: Job<ChaserJobData>) {
    return this.onward.nudge(job.data.onwardReferralId);
  }
}
