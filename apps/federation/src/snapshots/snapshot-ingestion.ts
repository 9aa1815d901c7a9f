import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { HUB_SNAPSHOT_ALL_HUBS, HubSnapshotV1, STREAMS } from '@linkway/contracts';
import type { NatsConfig } from '@linkway/config';
import { InboxConsumer } from '@linkway/messaging';
import { NATS_CONNECTION } from '@linkway/platform';
import type { FederationConfig } from '../config/federation.config';
import { HubsService } from '../hubs/hubs.service';
import { SnapshotStore } from './snapshot-store';

/** Durable consumer name on FEDERATION_IN; never rename (it holds the position). */
export const SNAPSHOT_CONSUMER = 'federation-snapshots';

/**
 * Brings FEDERATION_IN's sources up to date with the registry, then consumes it with a durable
 * consumer whose inbox (same transaction as the snapshot upsert) makes redelivery harmless.
 */
@Injectable()
export class SnapshotIngestion implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SnapshotIngestion.name);
  private consumer: InboxConsumer<HubSnapshotV1> | null = null;
  private started = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly config: ConfigService,
    private readonly hubs: HubsService,
    private readonly store: SnapshotStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.hubs.registerConfiguredHubs();
    const fed = this.config.getOrThrow<FederationConfig>('federation');
    this.consumer = new InboxConsumer<HubSnapshotV1>({
      name: SNAPSHOT_CONSUMER,
      stream: STREAMS.FEDERATION_IN.name,
      filterSubject: HUB_SNAPSHOT_ALL_HUBS,
      nats: this.nats,
      jsDomain: this.config.getOrThrow<NatsConfig>('nats').NATS_JS_DOMAIN || undefined,
      dataSource: this.dataSource,
      payloadClass: HubSnapshotV1,
      concurrency: fed.FEDERATION_CONSUMER_CONCURRENCY,
      ackWaitMs: fed.FEDERATION_ACK_WAIT_MS,
      handler: async (snapshot, { manager, subject }) => {
        if (subject !== `fed.snapshot.${snapshot.hubId}`) {
          // a hub may only speak for itself: the subject is where its leaf published
          throw new Error(`snapshot for ${snapshot.hubId} arrived on ${subject}`);
        }
        await this.store.apply(manager, snapshot);
      },
      afterCommit: ({ outcome }) => {
        if (outcome === 'applied') this.store.generation += 1;
      },
    });
    await this.startWhenHubsExist();
  }

  /**
   * JetStream refuses a consumer on a stream with neither subjects nor sources, so with an empty
   * registry the consumer waits (checked every 5 s) until a hub is registered, by the API or the CLI.
   */
  private async startWhenHubsExist(): Promise<void> {
    if (this.started || !this.consumer) return;
    if (!(await this.hubs.hasHubs())) {
      if (!this.retry) {
        this.logger.warn({
          msg: 'no hub registered yet; FEDERATION_IN consumer waits for the first registration',
        });
        this.retry = setInterval(() => {
          this.startWhenHubsExist().catch((error: Error) =>
            this.logger.error({ msg: 'consumer start failed', error: error.message }),
          );
        }, 5_000);
      }
      return;
    }
    this.started = true;
    if (this.retry) clearInterval(this.retry);
    this.retry = null;
    await this.hubs.syncSources();
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.retry) clearInterval(this.retry);
    await this.consumer?.stop();
  }

  get stats() {
    return this.consumer?.stats;
  }
}
