import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Job, Worker } from 'bullmq';
import { BULL_CONNECTION, type BullConnection } from './bull-connection';
import { ExpireProcessor } from './expire.processor';
import { NudgeProcessor } from './nudge.processor';
import { ReservationCleanupProcessor } from './reservation-cleanup.processor';
import { ChaserJob, type ChaserJobData, CaseworkQueue, type ReservationCleanupJobData } from './queues';

/** Runs the chaser queue: one processor per job name, and start-up fails if a job has none. */
@Injectable()
export class ChaserWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChaserWorker.name);
  private worker?: Worker<ChaserJobData | ReservationCleanupJobData>;
  private readonly processors: Record<ChaserJob, { process(job: Job<never>): Promise<unknown> }>;

  constructor(
    @Inject(BULL_CONNECTION) private readonly connection: BullConnection,
    nudge: NudgeProcessor,
    expire: ExpireProcessor,
    cleanup: ReservationCleanupProcessor,
  ) {
    this.processors = {
      [ChaserJob.Nudge]: nudge,
      [ChaserJob.Expire]: expire,
      [ChaserJob.ReservationCleanup]: cleanup,
    };
    const missing = Object.values(ChaserJob).filter((name) => !this.processors[name]);
    if (missing.length) throw new Error(`chaser jobs without a processor: ${missing.join(', ')}`);
  }

  onApplicationBootstrap() {
    this.worker = new Worker<ChaserJobData | ReservationCleanupJobData>(
      CaseworkQueue.OnwardChaser,
      async (job) => {
        const started = Date.now();
        this.logger.log({
          msg: 'chaser job start',
          job: job.name,
          jobId: job.id,
          onwardReferralId: 'onwardReferralId' in job.data ? job.data.onwardReferralId : undefined,
          attempt: job.attemptsMade + 1,
        });
        const processor = this.processors[job.name as ChaserJob];
        if (!processor) throw new Error(`no processor for job ${job.name}`);
        const result = await processor.process(job as Job<never>);
        this.logger.log({
          msg: 'chaser job done',
          job: job.name,
          jobId: job.id,
          result,
          ms: Date.now() - started,
        });
        return result;
      },
      {
        connection: this.connection.options,
        prefix: this.connection.prefix,
        lockDuration: this.connection.lockMs,
        stalledInterval: this.connection.lockMs,
        maxStalledCount: 5,
        concurrency: 4,
      },
    );
    this.worker.on('failed', (job, error) =>
      this.logger.warn({ msg: 'chaser job failed', job: job?.name, jobId: job?.id, error: error.message }),
    );
  }

  async onApplicationShutdown() {
    await this.worker?.close();
  }
}
