import { type DynamicModule, Module } from '@nestjs/common';
import { type ConfigFactory, ConfigModule, ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  type DatabaseConfig,
  databaseConfig,
  hubConfig,
  hubProfileConfig,
  httpConfig,
  logConfig,
  natsConfig,
  redisConfig,
} from '@linkway/config';
import { OutboxRelay, RequestClient } from '@linkway/messaging';
import {
  messagingEntities,
  messagingMigrations,
  runMigrationsLocked,
  serviceDataSourceOptions,
  type ServiceDataSourceSettings,
} from '@linkway/persistence';
import { DataSource } from 'typeorm';
import { SERVICE_NAMES, type ServiceName } from '@linkway/contracts';
import { ConnectionsModule, SERVICE_NAME } from './connections.module';
import { systemPingController } from './system-ping.controller';
import { HealthModule } from './health/health.module';
import { HubStreamsSetup, outboxRelayProvider, requestClientProvider } from './messaging.providers';

export interface ServicePlatformOptions {
  /** App name: the NATS queue group, the log context, the connection names. */
  service: ServiceName | 'gateway' | 'federation';
  /** The service's Postgres schema. */
  schema: string;
  entities: ServiceDataSourceSettings['entities'];
  migrations: ServiceDataSourceSettings['migrations'];
  /** Extra config namespaces the app reads (e.g. authConfig for the gateway). */
  config?: ConfigFactory[];
  /**
   * Hub messaging: the outbox and inbox tables, the hub's JetStream streams, the outbox relay
   * and a RequestClient. On for hub apps; the federation (ICS level) turns it off.
   */
  hubMessaging?: boolean;
}

/**
 * Everything a Linkway service needs before its own modules: validated config, its data
 * source (migrated at start under an advisory lock when DB_MIGRATE_ON_START), Redis and NATS
 * connections, and GET /health.
 */
@Module({})
export class ServicePlatformModule {
  static forRoot(options: ServicePlatformOptions): DynamicModule {
    // read in useFactory, used in dataSourceFactory: TypeORM's factory only sees the options
    let migrateOnStart = true;
    const isHubService = (SERVICE_NAMES as readonly string[]).includes(options.service);
    const hubMessaging = options.hubMessaging ?? true;
    const entities = hubMessaging ? [...messagingEntities, ...toArray(options.entities)] : options.entities;
    const migrations = hubMessaging
      ? [...messagingMigrations, ...toArray(options.migrations)]
      : options.migrations;
    return {
      module: ServicePlatformModule,
      global: true,
      controllers: isHubService ? [systemPingController(options.service as ServiceName)] : [],
      providers: hubMessaging
        ? [HubStreamsSetup, requestClientProvider(), outboxRelayProvider(options.schema)]
        : [],
      exports: hubMessaging ? [RequestClient, OutboxRelay] : [],
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          load: [
            hubConfig,
            hubProfileConfig,
            databaseConfig,
            redisConfig,
            natsConfig,
            httpConfig,
            logConfig,
            ...(options.config ?? []),
          ],
        }),
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => {
            const db = config.getOrThrow<DatabaseConfig>('database');
            migrateOnStart = db.DB_MIGRATE_ON_START;
            return serviceDataSourceOptions({
              url: db.DATABASE_URL,
              schema: options.schema,
              entities,
              migrations,
              applicationName: options.service,
              poolSize: db.DB_POOL_SIZE,
              statementTimeoutMs: db.DB_STATEMENT_TIMEOUT_MS,
            });
          },
          dataSourceFactory: async (dsOptions) => {
            if (!dsOptions) throw new Error('TypeORM gave no data source options');
            const dataSource = await new DataSource(dsOptions).initialize();
            if (migrateOnStart) await runMigrationsLocked(dataSource, options.schema);
            return dataSource;
          },
        }),
        {
          module: ServiceNameModule,
          global: true,
          providers: [{ provide: SERVICE_NAME, useValue: options.service }],
          exports: [SERVICE_NAME],
        },
        ConnectionsModule,
        HealthModule,
      ],
    };
  }
}

@Module({})
class ServiceNameModule {}

const toArray = <T>(list: T[] | Record<string, T>): T[] => (Array.isArray(list) ? list : Object.values(list));
