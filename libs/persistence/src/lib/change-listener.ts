import { Logger } from '@nestjs/common';
import { Client, type ClientConfig, type Pool } from 'pg';
import type { DataSource } from 'typeorm';

export interface ChangeListenerHandlers {
  /** A committed change was announced on the channel. */
  onChange(payload: string | undefined): void;
  /** Notifications may have been missed (the connection dropped): whatever they guard is stale. */
  onGap(): void;
}

const RETRY_MIN_MS = 200;
const RETRY_MAX_MS = 10_000;

/**
 * LISTENs on one channel over a connection of its own (a pooled connection would lose the
 * LISTEN when returned), with the data source's connection settings. While it is not
 * listening, `listening` is false and callers must not trust anything it guards; on every
 * drop it reports a gap and reconnects with back-off.
 */
export class ChangeListener {
  private readonly logger = new Logger(ChangeListener.name);
  private client?: Client;
  private stopped = false;
  private retryMs = RETRY_MIN_MS;
  private retryTimer?: NodeJS.Timeout;
  listening = false;

  constructor(
    private readonly db: DataSource,
    private readonly channel: string,
    private readonly handlers: ChangeListenerHandlers,
  ) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`Channel name "${channel}" is not allowed`);
  }

  /** Resolves once listening, or after the first failed attempt (it keeps retrying in the background). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.listening = false;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const pool = (this.db.driver as unknown as { master: Pool & { options: ClientConfig } }).master;
    const client = new Client({
      ...pool.options,
      application_name: `${pool.options.application_name ?? 'linkway'}-listen`,
    });
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.handlers.onChange(message.payload);
    });
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      this.listening = true;
      this.retryMs = RETRY_MIN_MS;
      // changes made while we were not listening are unknown: report them as one gap
      this.handlers.onGap();
    } catch (error) {
      this.dropped(client, error as Error);
    }
  }

  private dropped(client: Client, error?: Error) {
    if (client !== this.client) return;
    this.client = undefined;
    this.listening = false;
    this.handlers.onGap();
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.logger.warn({
      msg: 'change listener lost its connection',
      channel: this.channel,
      retryInMs: this.retryMs,
      error: error?.message,
    });
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
  }
}
