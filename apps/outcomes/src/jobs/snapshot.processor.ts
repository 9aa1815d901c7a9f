import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Job, Queue } from 'bullmq';
import type { OutcomesConfig } from '../config/outcomes.config';
import { SnapshotService } from '../snapshots/snapshot.service';
import { OutcomesQueue, SNAPSHOT_SCHEDULER_ID, type SnapshotJob, snapshotSchedulerJobId } from './queues';

/** One job kind: build hub snapshots (the current periods, or one period an operator named). Delegates. */
@Processor(OutcomesQueue.Snapshots)
export class SnapshotProcessor extends WorkerHost {
  private readonly logger = new Logger(SnapshotProcessor.name);

  constructor(private readonly snapshots: SnapshotService) {
    super();
  }

  async process(job: Job<SnapshotJob>) {
    const started = Date.now();
    const built =
      job.data.kind !== undefined
        ? [await this.snapshots.buildKey(job.data.kind, job.data.key)]
        : await this.snapshots.buildCurrent();
    this.logger.log({ msg: 'snapshot job done', jobId: job.id, built, ms: Date.now() - started });
    return built;
  }
}

/**
 * Registers the repeating snapshot job once per hub (a job scheduler is an upsert: replicas
 * agree), and again whenever Redis has lost it or its next job (`ensure`, from the reconciler).
 */
@Injectable()
export class SnapshotScheduler implements OnApplicationBootstrap {
  private readonly every: number;

  constructor(
    @InjectQueue(OutcomesQueue.Snapshots) private readonly queue: Queue<SnapshotJob>,
    config: ConfigService,
  ) {
    this.every = config.getOrThrow<OutcomesConfig>('outcomes').OUTCOMES_SNAPSHOT_EVERY_MS;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.every === 0) {
      await this.queue.removeJobScheduler(SNAPSHOT_SCHEDULER_ID);
      return;
    }
    await this.upsert();
  }

  /**
   * A scheduler only makes its next job when the current one finishes: if Redis lost that job,
   * the scheduler alone would never fire again, so a missing next job counts as missing too.
   */
  async ensure(): Promise<'off' | 'present' | 'upserted'> {
    if (this.every === 0) return 'off';
    const scheduler = await this.queue.getJobScheduler(SNAPSHOT_SCHEDULER_ID);
    if (
      scheduler?.next !== undefined &&
      (await this.queue.getJobState(snapshotSchedulerJobId(scheduler.next))) !== 'unknown'
    )
      return 'present';
    await this.upsert();
    return 'upserted';
  }

  private async upsert(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SNAPSHOT_SCHEDULER_ID,
      { every: this.every },
      {
        name: 'hub-snapshot',
        data: {},
        opts: {
          attempts: 3,
          backoff: { type: 'exponential', delay: 5_000 },
          removeOnComplete: 100,
          removeOnFail: 100,
        },
      },
    );
  }
}
