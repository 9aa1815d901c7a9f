import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { OutcomesConfig } from '../config/outcomes.config';
import { ScheduleService } from '../schedule/schedule.service';
import { SnapshotScheduler } from './snapshot.processor';

/**
 * Postgres is the truth, Redis only wakes us up: a machine crash can take Redis's last second
 * of AOF (everysec), and with it reminder jobs whose rows are committed, or the snapshot job
 * scheduler. At start and then every OUTCOMES_RECONCILE_EVERY_S this puts back what is
 * missing. No lock: every replica may run it, since known job ids are ignored by BullMQ, the
 * scheduler is an upsert, and the reminder processor re-checks its row.
 */
@Injectable()
export class OutcomesReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutcomesReconciler.name);
  private readonly everyMs: number;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly schedule: ScheduleService,
    private readonly snapshots: SnapshotScheduler,
    config: ConfigService,
  ) {
    this.everyMs = config.getOrThrow<OutcomesConfig>('outcomes').OUTCOMES_RECONCILE_EVERY_S * 1000;
  }

  onApplicationBootstrap() {
    // not awaited: a Redis that is still coming back must not hold up the service's start
    void this.round();
  }

  onApplicationShutdown() {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** One pass; the next is timed from its end, so passes never overlap. */
  private async round(): Promise<void> {
    try {
      await this.reconcile();
    } catch (error) {
      if (!this.stopped)
        this.logger.warn({ msg: 'outcomes reconcile failed', error: (error as Error).message });
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.round(), this.everyMs);
  }

  async reconcile() {
    const started = Date.now();
    const reminders = await this.schedule.reconcile();
    const snapshotScheduler = await this.snapshots.ensure();
    const summary = { ...reminders, snapshotScheduler };
    this.logger.log({ msg: 'outcome jobs reconciled', ...summary, ms: Date.now() - started });
    return summary;
  }
}
