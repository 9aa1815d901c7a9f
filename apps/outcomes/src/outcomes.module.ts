import { BullModule } from '@nestjs/bullmq';
import { Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NatsConnection } from 'nats';
import type { HubConfig, NatsConfig, RedisConfig } from '@linkway/config';
import { ensureFederationOut, federationOutSpec, jetStreamManager } from '@linkway/messaging';
import { NATS_CONNECTION } from '@linkway/platform';
import { hubProfileProvider } from '@linkway/platform';
import { DashboardService } from './dashboard/dashboard.service';
import { DueOutcomesController } from './due/due-outcomes.controller';
import { DueOutcomesService } from './due/due-outcomes.service';
import { GpMessageService } from './gp-message/gp-message.service';
import { OutcomesQueue } from './jobs/queues';
import { OutcomesReconciler } from './jobs/reconciler';
import { ReminderProcessor } from './jobs/reminder.processor';
import { SnapshotProcessor, SnapshotScheduler } from './jobs/snapshot.processor';
import { MeasuresService } from './measures/measures.service';
import { OutcomesController } from './outcomes.controller';
import { OutcomesEventConsumers } from './read-model/event-consumers';
import { ReadModelService } from './read-model/read-model.service';
import { ScheduleService } from './schedule/schedule.service';
import { SnapshotService } from './snapshots/snapshot.service';

/** FEDERATION_OUT (fed.*.<hubId>) must exist before the relay publishes a snapshot to it (docs/federation.md). */
@Injectable()
class FederationOutSetup implements OnModuleInit {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly config: ConfigService,
  ) {}

  async onModuleInit() {
    // only this hub's subjects (fed.*.<hubId>): hubs and the ICS share one account over the leaf links
    const jsm = await jetStreamManager(this.nats, this.config.getOrThrow<NatsConfig>('nats').NATS_JS_DOMAIN);
    await ensureFederationOut(
      jsm,
      federationOutSpec({ hubId: this.config.getOrThrow<HubConfig>('hub').HUB_ID }),
    );
  }
}

/** BullMQ on the hub's Redis, keys under REDIS_PREFIX so hubs (and test runs) sharing a Redis never meet. */
const bullRoot = BullModule.forRootAsync({
  inject: [ConfigService],
  useFactory: (config: ConfigService) => {
    const redis = config.getOrThrow<RedisConfig>('redis');
    const url = new URL(redis.REDIS_URL);
    return {
      prefix: redis.REDIS_PREFIX,
      connection: {
        host: url.hostname,
        port: Number(url.port || 6379),
        username: url.username || undefined,
        password: url.password ? decodeURIComponent(url.password) : undefined,
        db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
        tls: url.protocol === 'rediss:' ? {} : undefined,
        maxRetriesPerRequest: null,
      },
    };
  },
});

@Module({
  imports: [
    bullRoot,
    BullModule.registerQueue({ name: OutcomesQueue.Reminders }, { name: OutcomesQueue.Snapshots }),
  ],
  controllers: [OutcomesController, DueOutcomesController],
  providers: [
    hubProfileProvider,
    FederationOutSetup,
    MeasuresService,
    ScheduleService,
    ReadModelService,
    GpMessageService,
    DashboardService,
    DueOutcomesService,
    SnapshotService,
    OutcomesEventConsumers,
    ReminderProcessor,
    SnapshotProcessor,
    SnapshotScheduler,
    OutcomesReconciler,
  ],
})
export class OutcomesModule {}
