import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

// TypeORM takes entity and migration classes as plain constructors.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityList = MixedList<Function | string | EntitySchema>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationList = MixedList<Function | string>;

export interface ServiceDataSourceSettings {
  /** postgres:// URL of the hub database. */
  url: string;
  /** The service's own schema; every table of the service lives here and nowhere else. */
  schema: string;
  entities: EntityList;
  migrations: MigrationList;
  /** Shown in pg_stat_activity, so a DBA can tell the services apart. */
  applicationName: string;
  poolSize?: number;
  statementTimeoutMs?: number;
}

/**
 * Options for one service's data source. `search_path` is pinned to the service schema at
 * connection start, so raw SQL and migrations use plain table names and can never reach
 * another service's tables by accident. Schema changes come only from migrations.
 */
export function serviceDataSourceOptions(settings: ServiceDataSourceSettings): PostgresConnectionOptions {
  assertSchemaName(settings.schema);
  return {
    type: 'postgres',
    url: settings.url,
    schema: settings.schema,
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    applicationName: settings.applicationName,
    extra: {
      max: settings.poolSize ?? 10,
      options: `-c search_path=${settings.schema} -c statement_timeout=${settings.statementTimeoutMs ?? 15_000}`,
      // a dead server must surface as an error, not a hang
      connectionTimeoutMillis: 5_000,
    },
  };
}

export function assertSchemaName(schema: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`Schema name "${schema}" must be lower-case letters, digits and underscores`);
  }
}

export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  return new DataSource(options).initialize();
}
