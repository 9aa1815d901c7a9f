import { type BeforeApplicationShutdown, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type JetStreamClient, type NatsConnection } from 'nats';
import type { DataSource } from 'typeorm';
import { backoffDelayMs, type BackoffPolicy, DEFAULT_BACKOFF } from '../support/backoff';
import { errorMessage } from '../support/errors';
import { WakeSignal } from '../support/wake-signal';
import { onOutboxCommit } from './commit-wake';
import { buildPublishHeaders } from './publish-headers';

export interface OutboxRelayOptions {
  /** The service's data source (its `search_path` is the service schema). */
  dataSource: DataSource;
  /** The service schema (names the relay in logs). */
  schema: string;
  nats: NatsConnection;
  /** The hub's JetStream domain, '' for none. */
  jsDomain?: string;
  /** Rows claimed per transaction. */
  batchSize?: number;
  /**
   * How often the relay looks for rows it was not woken for: rows written by another process
   * (a replica, a CLI run without its relay), or left behind by a failed round.
   */
  pollIntervalMs?: number;
  /** How long to wait for each JetStream ack. */
  publishTimeoutMs?: number;
  /** Per-row delay after a failed publish, so one bad row cannot hold up the rest. */
  rowRetry?: BackoffPolicy;
  /** Whole-relay delay after a failed round (database or NATS down). */
  relayRetry?: BackoffPolicy;
  /** Published rows older than this are deleted; 0 keeps them. */
  retainPublishedMs?: number;
  /** Label in logs and pg_stat_activity, e.g. `casework-relay`. */
  name?: string;
}

export interface RelayRound {
  claimed: number;
  published: number;
  failed: number;
  durationMs?: number;
}

export interface RelayStats {
  published: number;
  /** Acks JetStream marked duplicate: a row republished after a crash between ack and commit. */
  duplicates: number;
  failures: number;
  rounds: number;
}

interface OutboxRow {
  id: string;
  subject: string;
  payload: unknown;
  headers: Record<string, unknown> | null;
  attempts: number;
}

const PRUNE_EVERY_MS = 10 * 60_000;

/** JetStream answers a publish nobody captures with a bare "503": say what it means. */
export function publishErrorMessage(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '503') return 'no stream captures this subject (503 no responders)';
  if (code === 'TIMEOUT') return `no JetStream ack in time (${errorMessage(error)})`;
  return errorMessage(error);
}

/**
 * Publishes outbox rows to JetStream. Woken in process by the commit of every transaction on
 * its data source that enqueued events (`enqueueEvent` marks it), and polls for the rest. Each round claims a batch with `FOR UPDATE SKIP LOCKED` in one transaction,
 * publishes every row with `Nats-Msg-Id` = row id, and marks rows published in the same
 * transaction only after JetStream acked them. Consequences:
 *  - any number of relays (replicas) may run: locked rows are skipped, not waited for;
 *  - a row committed late with a smaller id is still found (no "id > last seen" cursor);
 *  - a crash between ack and commit republishes the row, which JetStream drops as a
 *    duplicate within the stream's duplicate window (and the consumers' inboxes beyond it).
 */
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly wake = new WakeSignal();
  private readonly opts: Required<Omit<OutboxRelayOptions, 'dataSource' | 'nats'>>;
  private js: JetStreamClient | null = null;
  private stopWaking: (() => void) | null = null;
  private stopStatus: (() => void) | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private lastPrune = 0;
  readonly stats: RelayStats = { published: 0, duplicates: 0, failures: 0, rounds: 0 };

  constructor(private readonly options: OutboxRelayOptions) {
    this.opts = {
      schema: options.schema,
      jsDomain: options.jsDomain ?? '',
      batchSize: options.batchSize ?? 100,
      pollIntervalMs: options.pollIntervalMs ?? 1_000,
      publishTimeoutMs: options.publishTimeoutMs ?? 5_000,
      rowRetry: options.rowRetry ?? DEFAULT_BACKOFF,
      relayRetry: options.relayRetry ?? { initialMs: 200, maxMs: 10_000, jitter: 0.2 },
      retainPublishedMs: options.retainPublishedMs ?? 7 * 24 * 3600_000,
      name: options.name ?? `${options.schema}-outbox-relay`,
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  /**
   * Before any module's onApplicationShutdown: TypeORM closes the data source in its own, and
   * a relay still running then failed every round with "Driver not Connected" until exit.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Starts listening and relaying; returns once the first round has been scheduled. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.js = this.options.nats.jetstream(this.opts.jsDomain ? { domain: this.opts.jsDomain } : {});
    this.stopWaking = onOutboxCommit(this.options.dataSource, () => this.wake.notify());
    void this.watchReconnects();
    this.wake.notify(); // rows written while no relay ran
    this.loop = this.run();
    this.logger.log({ msg: 'outbox relay started', relay: this.opts.name, schema: this.opts.schema });
  }

  /** Finishes the round in progress, then stops; unpublished rows wait for the next relay. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake.notify();
    await this.loop;
    this.stopWaking?.();
    this.stopWaking = null;
    this.stopStatus?.();
    this.stopStatus = null;
    this.logger.log({ msg: 'outbox relay stopped', relay: this.opts.name, ...this.stats });
  }

  /** One claim-publish-mark round. Public for tools and tests that relay on demand. */
  async relayOnce(): Promise<RelayRound> {
    const js = this.js ?? this.options.nats.jetstream(this.opts.jsDomain ? { domain: this.opts.jsDomain } : {});
    const runner = this.options.dataSource.createQueryRunner();
    await runner.connect();
    const round: RelayRound = { claimed: 0, published: 0, failed: 0 };
    try {
      await runner.startTransaction();
      const rows: OutboxRow[] = await runner.query(
        `SELECT id, subject, payload, headers, attempts FROM outbox
          WHERE published_at IS NULL AND next_attempt_at <= now()
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.opts.batchSize],
      );
      round.claimed = rows.length;
      const started = Date.now();
      // Publishes are pipelined on the one connection, so JetStream stores them in claim
      // order, and a NATS outage costs one timeout per round instead of one per row.
      const results = await Promise.allSettled(rows.map((row) => this.publishRow(js, row)));
      const published: string[] = [];
      const failed: { id: string; error: string; delayMs: number }[] = [];
      results.forEach((result, i) => {
        const row = rows[i];
        if (result.status === 'fulfilled') {
          published.push(row.id);
          if (result.value.duplicate) this.stats.duplicates += 1;
          return;
        }
        const error = publishErrorMessage(result.reason);
        const delayMs = backoffDelayMs(row.attempts + 1, this.opts.rowRetry);
        failed.push({ id: row.id, error: error.slice(0, 2000), delayMs });
        this.logger.warn({ msg: 'outbox publish failed', subject: row.subject, messageId: row.id, attempts: row.attempts + 1, retryInMs: delayMs, error });
      });
      if (failed.length) {
        // each failed row waits out its own back-off, so it cannot hold up the rows behind it
        await runner.query(
          `UPDATE outbox o SET attempts = o.attempts + 1, last_error = f.error,
                  next_attempt_at = now() + make_interval(secs => f.delay_ms / 1000)
             FROM unnest($1::uuid[], $2::text[], $3::double precision[]) AS f(id, error, delay_ms)
            WHERE o.id = f.id`,
          [failed.map((f) => f.id), failed.map((f) => f.error), failed.map((f) => f.delayMs)],
        );
        round.failed = failed.length;
        this.stats.failures += failed.length;
      }
      if (published.length) {
        await runner.query(
          `UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::uuid[])`,
          [published],
        );
      }
      await runner.commitTransaction();
      round.published = published.length;
      round.durationMs = Date.now() - started;
      this.stats.published += published.length;
      this.stats.rounds += 1;
      return round;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async publishRow(js: JetStreamClient, row: OutboxRow) {
    const { headers, dropped } = buildPublishHeaders(row.headers);
    if (dropped.length) this.logger.warn({ msg: 'outbox headers dropped', subject: row.subject, messageId: row.id, dropped });
    return js.publish(row.subject, Buffer.from(JSON.stringify(row.payload)), {
      msgID: row.id,
      timeout: this.opts.publishTimeoutMs,
      headers,
    });
  }

  private async run(): Promise<void> {
    let failedRounds = 0;
    while (this.running) {
      let round: RelayRound;
      try {
        round = await this.relayOnce();
        await this.pruneIfDue();
      } catch (error) {
        failedRounds += 1;
        const delayMs = backoffDelayMs(failedRounds, this.opts.relayRetry);
        this.logger.error({ msg: 'outbox relay round failed', relay: this.opts.name, retryInMs: delayMs, error: errorMessage(error) });
        await this.wake.wait(delayMs);
        continue;
      }
      if (round.published > 0) {
        this.logger.log({ msg: 'outbox batch published', relay: this.opts.name, published: round.published, failed: round.failed, durationMs: round.durationMs });
      }
      if (round.failed > 0 && round.published === 0) {
        // nothing got through: NATS is probably down, give it a moment
        failedRounds += 1;
        await this.wake.wait(backoffDelayMs(failedRounds, this.opts.relayRetry));
        continue;
      }
      failedRounds = 0;
      // a full batch means more rows are probably waiting
      if (round.claimed >= this.opts.batchSize) continue;
      await this.wake.wait(this.opts.pollIntervalMs);
    }
  }

  /**
   * Rows that failed while NATS was unreachable wait out their own back-off (seconds to
   * minutes after a long outage). When the connection comes back they are due at once: their
   * failures said nothing about the rows themselves (unlike a subject no stream captures).
   */
  private async watchReconnects(): Promise<void> {
    const status = this.options.nats.status() as AsyncIterable<{ type: string }> & { stop?: () => void };
    this.stopStatus = () => status.stop?.();
    for await (const event of status) {
      if (!this.running) break;
      if (event.type !== 'reconnect') continue;
      // a restarted server answers before JetStream has recovered its streams
      await this.untilJetStreamAnswers(10_000);
      try {
        const [, due] = (await this.options.dataSource.query(
          // rows JetStream refused outright (no stream for the subject) keep their back-off
          `UPDATE outbox SET next_attempt_at = now()
            WHERE published_at IS NULL AND next_attempt_at > now()
              AND coalesce(last_error, '') NOT LIKE 'no stream captures%'`,
        )) as [unknown, number];
        this.logger.log({ msg: 'NATS reconnected; backed-off rows due now', relay: this.opts.name, rows: due });
      } catch (error) {
        this.logger.warn({ msg: 'could not reset back-off after reconnect', relay: this.opts.name, error: errorMessage(error) });
      }
      this.wake.notify();
    }
  }

  private async untilJetStreamAnswers(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.running && Date.now() < deadline) {
      try {
        const jsm = await this.options.nats.jetstreamManager(this.opts.jsDomain ? { domain: this.opts.jsDomain } : {});
        await jsm.getAccountInfo();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  private async pruneIfDue(): Promise<void> {
    if (!this.opts.retainPublishedMs || Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    const result: [unknown[], number] = await this.options.dataSource.query(
      `DELETE FROM outbox WHERE published_at < now() - make_interval(secs => $1::double precision / 1000)`,
      [this.opts.retainPublishedMs],
    );
    if (result[1] > 0) this.logger.log({ msg: 'published outbox rows pruned', relay: this.opts.name, deleted: result[1] });
  }
}
