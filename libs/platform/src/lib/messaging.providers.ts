import { Inject, Injectable, Logger, type OnModuleInit, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import type { NatsConfig } from '@linkway/config';
import { ensureHubStreams, jetStreamManager, OutboxRelay, RequestClient } from '@linkway/messaging';
import { NATS_CONNECTION } from './health/indicators';

/**
 * Creates the hub's streams before anything publishes or consumes: module init runs before
 * the relay and consumers start in onApplicationBootstrap. Idempotent, so every replica runs it.
 */
@Injectable()
export class HubStreamsSetup implements OnModuleInit {
  private readonly logger = new Logger(HubStreamsSetup.name);

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(ConfigService) private readonly config: ConfigService,
  ) {}

  async onModuleInit() {
    const domain = this.config.getOrThrow<NatsConfig>('nats').NATS_JS_DOMAIN;
    await ensureHubStreams(await jetStreamManager(this.nats, domain));
    this.logger.log({ msg: 'hub streams ready', jsDomain: domain || '(none)' });
  }
}

export function requestClientProvider(): Provider {
  return {
    provide: RequestClient,
    inject: [NATS_CONNECTION, ConfigService],
    useFactory: (nc: NatsConnection, config: ConfigService) =>
      new RequestClient(nc, config.getOrThrow<NatsConfig>('nats')),
  };
}

/** The service's outbox relay: publishes what its transactions wrote to the outbox. */
export function outboxRelayProvider(schema: string): Provider {
  return {
    provide: OutboxRelay,
    inject: [DataSource, NATS_CONNECTION, ConfigService],
    useFactory: (dataSource: DataSource, nc: NatsConnection, config: ConfigService) =>
      new OutboxRelay({
        dataSource,
        schema,
        nats: nc,
        jsDomain: config.getOrThrow<NatsConfig>('nats').NATS_JS_DOMAIN,
      }),
  };
}
