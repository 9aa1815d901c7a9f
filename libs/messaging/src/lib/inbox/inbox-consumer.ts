import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ConsumerMessages, JetStreamClient, JsMsg, NatsConnection } from 'nats';
import type { DataSource, EntityManager } from 'typeorm';
import { deadLetterSubject } from '@linkway/contracts';
import { sleep } from '@linkway/util';
import { backoffDelayMs, type BackoffPolicy } from '../support/backoff';
import { errorMessage } from '../support/errors';
import { isDatabaseUnavailable } from '../support/transient';
import { ensureDurableConsumer, jetStreamManager } from '../jetstream/jetstream-setup';
import { deadLetterHeaders, deadLetterMessageId } from './dead-letter';
import { decodePayload, UnprocessableMessageError } from './payload';

export interface InboxContext {
  /** The transaction the handler's effect must use; the inbox row commits with it. */
  manager: EntityManager;
  /** `Nats-Msg-Id` (the publisher's outbox id), or `<stream>:<seq>` when a publisher set none. */
  messageId: string;
  subject: string;
  /** 1 on first delivery. */
  deliveryCount: number;
}

export type InboxHandler<T> = (payload: T, ctx: InboxContext) => Promise<void>;

export interface InboxConsumerOptions<T extends object> {
  /** Durable consumer name and inbox key, e.g. `casework-referral-accepted`. */
  name: string;
  stream: string;
  filterSubject: string;
  nats: NatsConnection;
  jsDomain?: string;
  /** The consuming service's data source; its schema holds the inbox table. */
  dataSource: DataSource;
  handler: InboxHandler<T>;
  /** When given, payloads are validated; an invalid one is dead-lettered at once. */
  payloadClass?: new () => T;
  /** Deliveries before a message is dead-lettered. */
  maxAttempts?: number;
  /** Redelivery after a crash or hang; a handler must finish well within it. */
  ackWaitMs?: number;
  /** Delay before redelivery after a handler error (nak with delay). */
  retry?: BackoffPolicy;
  /** Prefixes the dead-letter subject; tests use their suite prefix. */
  deadLetterPrefix?: string;
  /**
   * Messages pulled ahead of the handler (default: 4 × concurrency, at least 8). Their ack
   * wait runs while they sit in the buffer, so prefetch × handler time must stay well under
   * `ackWaitMs`, or buffered messages are redelivered before they are handled.
   */
  prefetch?: number;
  /**
   * Messages handled at once by this process (default 1: in stream order). Raise it only
   * for handlers that do not care about order between messages.
   */
  concurrency?: number;
  /**
   * Called after the effect committed and before the ack. For metrics, and for tests that
   * crash a consumer in exactly that gap.
   */
  afterCommit?: (ctx: Omit<InboxContext, 'manager'> & { outcome: InboxOutcome }) => Promise<void> | void;
}

export type InboxOutcome = 'applied' | 'duplicate';

export interface InboxStats {
  applied: number;
  duplicates: number;
  /** Handler errors answered with a delayed nak. */
  retried: number;
  deadLettered: number;
  /** Transactions retried in place because the database was unreachable. */
  databaseRetries: number;
}

/**
 * Extra deliveries JetStream allows beyond `maxAttempts`. The consumer itself dead-letters
 * at `maxAttempts`; the headroom lets a message whose dead-lettering failed (NATS blip), or
 * whose last attempt crashed the process, come back once more to be dead-lettered instead
 * of being dropped silently by the server.
 */
const SERVER_DELIVERY_HEADROOM = 3;

/** In-place retries while the database is unreachable; capped further by a third of the ack wait. */
const DATABASE_RETRY: BackoffPolicy = { initialMs: 200, maxMs: 5_000, jitter: 0.2 };

/**
 * A durable pull consumer whose effects are exactly-once: the handler's effect and the inbox
 * row `(consumer, message id)` commit in one transaction, and a message already in the inbox
 * is acknowledged without running the handler. Handler errors are retried with back-off
 * (nak with delay, so later messages keep flowing); after `maxAttempts` the message goes to
 * the dead-letter subject with the reason in headers and is terminated.
 */
export class InboxConsumer<T extends object = Record<string, unknown>> implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InboxConsumer.name);
  private readonly maxAttempts: number;
  private readonly retry: BackoffPolicy;
  private readonly ackWaitMs: number;
  private js: JetStreamClient | null = null;
  private messages: ConsumerMessages | null = null;
  private loop: Promise<void> | null = null;
  readonly stats: InboxStats = { applied: 0, duplicates: 0, retried: 0, deadLettered: 0, databaseRetries: 0 };

  constructor(private readonly options: InboxConsumerOptions<T>) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retry = options.retry ?? { initialMs: 1_000, maxMs: 60_000, jitter: 0.2 };
    this.ackWaitMs = options.ackWaitMs ?? 30_000;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Ensures the durable consumer and starts pulling. */
  async start(): Promise<void> {
    if (this.loop) return;
    const { nats, jsDomain, stream, name } = this.options;
    const jsm = await jetStreamManager(nats, jsDomain);
    await ensureDurableConsumer(jsm, {
      stream,
      name,
      filterSubject: this.options.filterSubject,
      ackWaitMs: this.ackWaitMs,
      maxDeliver: this.maxAttempts + SERVER_DELIVERY_HEADROOM,
    });
    this.js = nats.jetstream(jsDomain ? { domain: jsDomain } : {});
    const consumer = await this.js.consumers.get(stream, name);
    const concurrency = Math.max(1, this.options.concurrency ?? 1);
    this.messages = await consumer.consume({ max_messages: this.options.prefetch ?? Math.max(8, concurrency * 4) });
    const messages = this.messages;
    this.loop = (async () => {
      const inFlight = new Set<Promise<void>>();
      for await (const m of messages) {
        const work: Promise<void> = this.handleSafely(m).finally(() => inFlight.delete(work));
        inFlight.add(work);
        if (inFlight.size >= concurrency) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    })();
    this.logger.log({ msg: 'inbox consumer started', consumer: name, stream, filterSubject: this.options.filterSubject });
  }

  /**
   * Stops pulling and waits for the message in hand. Prefetched messages that were not
   * handled are simply not acked; JetStream redelivers them after the ack wait.
   */
  async stop(): Promise<void> {
    const messages = this.messages;
    if (!messages) return;
    this.messages = null;
    messages.stop();
    await this.loop?.catch(() => undefined);
    this.loop = null;
    this.logger.log({ msg: 'inbox consumer stopped', consumer: this.options.name, ...this.stats });
  }

  private async handleSafely(m: JsMsg): Promise<void> {
    try {
      await this.handle(m);
    } catch (error) {
      // one bad message must not end the loop; it comes back after a delay
      m.nak(backoffDelayMs(m.info.deliveryCount, this.retry));
      this.logger.error({ msg: 'message handling failed', consumer: this.options.name, subject: m.subject, error: errorMessage(error) });
    }
  }

  /**
   * Runs handler and inbox insert in one transaction. While the database is unreachable the
   * same delivery is retried in place (telling JetStream we are still working), so an outage
   * stalls the consumer instead of burning the message's attempts into the dead letter.
   */
  private async applyOnce(payload: T, ctx: Omit<InboxContext, 'manager'>, m: JsMsg): Promise<InboxOutcome | 'stopped'> {
    for (let outage = 1; ; outage++) {
      try {
        return await this.options.dataSource.transaction(async (manager): Promise<InboxOutcome> => {
          // Inserting first makes a concurrent redelivery wait on our row lock, then skip.
          const inserted: unknown[] = await manager.query(
            `INSERT INTO inbox (consumer, message_id, subject) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING RETURNING message_id`,
            [this.options.name, ctx.messageId, ctx.subject],
          );
          if (inserted.length === 0) return 'duplicate';
          await this.options.handler(payload, { ...ctx, manager });
          return 'applied';
        });
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        if (!this.messages) return 'stopped';
        const delayMs = Math.min(backoffDelayMs(outage, DATABASE_RETRY), this.ackWaitMs / 3);
        this.stats.databaseRetries += 1;
        this.logger.warn({ msg: 'database unavailable; holding the message', consumer: this.options.name, subject: ctx.subject, messageId: ctx.messageId, retryInMs: delayMs, error: errorMessage(error) });
        m.working();
        await sleep(delayMs);
        m.working();
      }
    }
  }

  private async handle(m: JsMsg): Promise<void> {
    const started = Date.now();
    const ctx = {
      messageId: m.headers?.get('Nats-Msg-Id') || `${m.info.stream}:${m.seq}`,
      subject: m.subject,
      deliveryCount: m.info.deliveryCount,
    };
    const log = { consumer: this.options.name, subject: ctx.subject, messageId: ctx.messageId, deliveryCount: ctx.deliveryCount };

    if (ctx.deliveryCount > this.maxAttempts) {
      // The last attempt never answered. It may have committed and died before the ack:
      // then the message is done, not dead.
      if (await this.alreadyApplied(ctx.messageId)) {
        m.ack();
        this.stats.duplicates += 1;
        this.logger.log({ msg: 'duplicate message skipped', ...log, durationMs: Date.now() - started });
        return;
      }
      await this.deadLetter(m, ctx, `no acknowledgement after ${this.maxAttempts} attempts (handler crashed or exceeded the ack wait)`);
      return;
    }

    let payload: T;
    try {
      payload = await decodePayload(m.data, this.options.payloadClass);
    } catch (error) {
      await this.deadLetter(m, ctx, errorMessage(error));
      return;
    }

    let outcome: InboxOutcome | 'stopped';
    try {
      outcome = await this.applyOnce(payload, ctx, m);
    } catch (error) {
      if (error instanceof UnprocessableMessageError || ctx.deliveryCount >= this.maxAttempts) {
        await this.deadLetter(m, ctx, `handler failed on attempt ${ctx.deliveryCount}: ${errorMessage(error)}`);
        return;
      }
      const delayMs = backoffDelayMs(ctx.deliveryCount, this.retry);
      m.nak(delayMs);
      this.stats.retried += 1;
      this.logger.warn({ msg: 'message handler failed; will retry', ...log, retryInMs: delayMs, error: errorMessage(error) });
      return;
    }

    // stopping during a database outage: no ack, JetStream redelivers after the ack wait
    if (outcome === 'stopped') return;
    await this.options.afterCommit?.({ ...ctx, outcome });
    m.ack();
    if (outcome === 'applied') this.stats.applied += 1;
    else this.stats.duplicates += 1;
    this.logger.log({ msg: outcome === 'applied' ? 'message applied' : 'duplicate message skipped', ...log, durationMs: Date.now() - started });
  }

  private async alreadyApplied(messageId: string): Promise<boolean> {
    const rows: unknown[] = await this.options.dataSource.query(
      `SELECT 1 FROM inbox WHERE consumer = $1 AND message_id = $2`,
      [this.options.name, messageId],
    );
    return rows.length > 0;
  }

  private async deadLetter(m: JsMsg, ctx: Omit<InboxContext, 'manager'>, reason: string): Promise<void> {
    const subject = deadLetterSubject(this.options.name, ctx.subject, this.options.deadLetterPrefix);
    const headers = deadLetterHeaders(
      {
        consumer: this.options.name,
        subject: ctx.subject,
        messageId: ctx.messageId,
        deliveryCount: ctx.deliveryCount,
        reason,
        stream: m.info.stream,
        streamSequence: m.info.streamSequence,
      },
      m.headers,
    );
    const js = this.js;
    try {
      if (!js) throw new Error('consumer is not started');
      await js.publish(subject, m.data, {
        headers,
        msgID: deadLetterMessageId(this.options.name, ctx.messageId),
        timeout: 5_000,
      });
    } catch (error) {
      // keep the message: it comes back and dead-lettering is tried again
      m.nak(backoffDelayMs(1, this.retry));
      this.logger.error({ msg: 'dead-lettering failed', consumer: this.options.name, subject: ctx.subject, messageId: ctx.messageId, error: errorMessage(error) });
      return;
    }
    m.term();
    this.stats.deadLettered += 1;
    this.logger.error({ msg: 'message dead-lettered', consumer: this.options.name, subject: ctx.subject, messageId: ctx.messageId, deliveryCount: ctx.deliveryCount, deadLetterSubject: subject, reason });
  }
}
