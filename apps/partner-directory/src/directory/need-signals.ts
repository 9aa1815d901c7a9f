import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** How often buffered need signals are written. */
const FLUSH_EVERY_MS = 1000;

/**
 * Needs searched for (term ids and time, no person data), for the gap report. Buffered in
 * memory and written once a second in one insert, so a search does not pay for a commit of
 * its own; a crash loses at most the last second of signals, which the report can afford.
 * The gap report flushes first, so it always sees this replica's searches.
 */
@Injectable()
export class NeedSignals implements OnApplicationShutdown {
  private readonly logger = new Logger(NeedSignals.name);
  private buffer: Array<{ termId: string; at: Date }> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: DataSource) {}

  record(termIds: string[]): void {
    const at = new Date();
    for (const termId of termIds) this.buffer.push({ termId, at });
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS).unref();
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    if (!batch.length) return;
    try {
      await this.db.query(
        `INSERT INTO need_signals (taxonomy_term_id, at) SELECT * FROM unnest($1::text[], $2::timestamptz[])`,
        [batch.map((s) => s.termId), batch.map((s) => s.at)],
      );
    } catch (error) {
      this.logger.error({
        msg: 'need signals not written',
        count: batch.length,
        error: (error as Error).message,
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
