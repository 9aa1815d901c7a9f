import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NatsConnection } from 'nats';
import type { NatsConfig } from '@linkway/config';
import { RequestClient } from '@linkway/messaging';
import { NATS_CONNECTION } from '@linkway/platform';
import { SystemController } from './system.controller';
import { SystemService } from './system.service';

@Module({
  controllers: [SystemController],
  providers: [
    {
      // failures arrive typed: UnavailableError (503), TimeoutError (504), RemoteError (by its code)
      provide: RequestClient,
      inject: [NATS_CONNECTION, ConfigService],
      useFactory: (nats: NatsConnection, config: ConfigService) =>
        new RequestClient(nats, config.getOrThrow<NatsConfig>('nats')),
    },
    SystemService,
  ],
  exports: [RequestClient],
})
export class SystemModule {}
