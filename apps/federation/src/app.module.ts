import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { authConfig } from '@linkway/config';
import { ServicePlatformModule } from '@linkway/platform';
import { AccountsService } from './auth/accounts.service';
import { AuthController } from './auth/auth.controller';
import { AdminGuard, IcsAuthGuard } from './auth/auth.guard';
import { federationConfig } from './config/federation.config';
import { entities, migrations, SCHEMA } from './database';
import { HubsController } from './hubs/hubs.controller';
import { HubsService } from './hubs/hubs.service';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { SnapshotIngestion } from './snapshots/snapshot-ingestion';
import { SnapshotStore } from './snapshots/snapshot-store';
import { WebModule } from './web/web.module';

@Module({
  imports: [
    ServicePlatformModule.forRoot({
      service: 'federation',
      schema: SCHEMA,
      entities,
      migrations,
      config: [authConfig, federationConfig],
      // ICS level: no hub outbox; snapshots arrive through FEDERATION_IN
      hubMessaging: false,
    }),
    JwtModule.register({}),
    WebModule,
  ],
  controllers: [AuthController, HubsController, ReportsController],
  providers: [
    AccountsService,
    HubsService,
    SnapshotStore,
    SnapshotIngestion,
    ReportsService,
    { provide: APP_GUARD, useClass: IcsAuthGuard },
    { provide: APP_GUARD, useClass: AdminGuard },
  ],
})
export class AppModule {}
