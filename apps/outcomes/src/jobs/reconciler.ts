import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RepeatingPass } from '@linkway/platform';
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
export class OutcomesReconciler extends RepeatingPass {
  protected readonly logger = new Logger(OutcomesReconciler.name);

  constructor(
    private readonly schedule: ScheduleService,
    private readonly snapshots: SnapshotScheduler,
    config: ConfigService,
  ) {
    super(
      'outcomes reconcile',
      config.getOrThrow<OutcomesConfig>('outcomes').OUTCOMES_RECONCILE_EVERY_S * 1000,
    );
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
