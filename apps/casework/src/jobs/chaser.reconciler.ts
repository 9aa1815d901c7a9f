import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RepeatingPass } from '@linkway/platform';
import { DataSource } from 'typeorm';
import { ONWARD_RELEASES_CAPACITY } from '@linkway/domain';
import type { CaseworkConfig } from '../config/casework.config';
import { ChaserProducer } from './chaser.producer';
import { ChaserJob } from './queues';

const PAGE = 500;

interface PendingRow {
  id: string;
  sent_at: Date;
  status: string;
  nudged: boolean;
}

/**
 * Postgres is the truth, Redis only wakes us up: a machine crash can take Redis's last second
 * of AOF (everysec) and with it chasers the inbox consumer had already acked. At start and then
 * every CASEWORK_RECONCILE_EVERY_S this re-adds, under the same deterministic ids, the chasers
 * of every onward referral that still needs one:
 * - still `sent`: the expiry, and the nudge unless its task exists (the nudge's effect);
 * - answered but its place never marked released: the expiry, whose run only finishes the
 *   release (it is the release's retry after a failed one too).
 * No lock: every replica may run it at once, since a known id is ignored by BullMQ and each
 * effect is idempotent in OnwardService; one page of ids per round trip keeps the cost small.
 * A job that exhausted its attempts is kept as failed and left alone until BullMQ drops it (30 days).
 */
@Injectable()
export class ChaserReconciler extends RepeatingPass {
  protected readonly logger = new Logger(ChaserReconciler.name);

  constructor(
    private readonly db: DataSource,
    private readonly chasers: ChaserProducer,
    config: ConfigService,
  ) {
    super(
      'chaser reconcile',
      config.getOrThrow<CaseworkConfig>('casework').CASEWORK_RECONCILE_EVERY_S * 1000,
    );
  }

  async reconcile(): Promise<{ scanned: number; recreated: number }> {
    const started = Date.now();
    let scanned = 0;
    let recreated = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.db.query<PendingRow[]>(
        `SELECT o.id, o.sent_at, o.status,
                EXISTS (SELECT 1 FROM case_task t WHERE t.kind = 'onward_nudge' AND t.onward_referral_id = o.id) AS nudged
           FROM onward_referral o
          WHERE o.id > $1
            AND (o.status = 'sent'
                 OR (o.status = ANY($2) AND o.reservation_id IS NOT NULL AND o.capacity_released_at IS NULL))
          ORDER BY o.id
          LIMIT $3`,
        [after, ONWARD_RELEASES_CAPACITY, PAGE],
      );
      if (!rows.length) break;
      scanned += rows.length;
      after = rows[rows.length - 1].id;
      recreated += await this.chasers.ensureChasers(
        rows.flatMap((row) => {
          const base = { onwardReferralId: row.id, sentAt: new Date(row.sent_at) };
          return row.status === 'sent' && !row.nudged
            ? [
                { ...base, job: ChaserJob.Nudge as const },
                { ...base, job: ChaserJob.Expire as const },
              ]
            : [{ ...base, job: ChaserJob.Expire as const }];
        }),
      );
      if (rows.length < PAGE) break;
    }
    this.logger.log({ msg: 'chasers reconciled', scanned, recreated, ms: Date.now() - started });
    return { scanned, recreated };
  }
}
