import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { configNamespace } from './load-config';

const SERVICE_URL = (scheme: string) => new RegExp(`^${scheme}://`);

/** Which hub this process serves. Inside a hub, subjects carry no hub id; this is for data and logs. */
export class HubConfig {
  @Matches(/^[a-z][a-z0-9-]{1,30}$/, { message: 'must be a lower-case slug such as "hub1" or "leeds-west"' })
  HUB_ID = 'hub1';

  @IsString()
  HUB_NAME = 'Demo hub 1';
}

/**
 * Which hub profile (libs/domain) this hub runs: referrers accepted, eligibility, the
 * home-environment model, outcome measures. Every hub service reads the same variables, so a
 * hub is configured once.
 */
export class HubProfileConfig {
  /** A preset key (libs/domain HUB_PRESET_KEYS); ignored when HUB_PROFILE_FILE is set. */
  @IsString()
  HUB_PROFILE = 'community_centre';

  /** Path of a JSON hub profile (a full HubProfile); wins over HUB_PROFILE. */
  @IsString()
  HUB_PROFILE_FILE = '';

  /** YYYY-MM-DD: when a preset with the first-year GP-only rule started here (its preset date otherwise). */
  @Matches(/^(\d{4}-\d{2}-\d{2})?$/, { message: 'must be a date as YYYY-MM-DD' })
  HUB_SCHEME_START_DATE = '';
}

export class DatabaseConfig {
  @Matches(SERVICE_URL('postgres(ql)?'), { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/linkway_hub1';

  /** Run pending migrations at start, under an advisory lock so replicas do not race. */
  @IsBoolean()
  DB_MIGRATE_ON_START = true;

  @IsInt()
  @Min(1)
  @Max(100)
  DB_POOL_SIZE = 10;

  @IsInt()
  @Min(100)
  DB_STATEMENT_TIMEOUT_MS = 15_000;
}

export class RedisConfig {
  @Matches(SERVICE_URL('rediss?'), { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Namespaces this hub's keys when hubs share one Redis (dev, tests). */
  @IsString()
  REDIS_PREFIX = 'linkway:hub1';
}

export class NatsConfig {
  @Matches(/^(nats|tls|ws|wss):\/\/[^,]+(,(nats|tls|ws|wss):\/\/[^,]+)*$/, {
    message: 'must be one or more nats:// URLs separated by commas',
  })
  NATS_URL = 'nats://127.0.0.1:4222';

  /** Request/reply timeout; a timeout is an error the gateway turns into 504. */
  @IsInt()
  @Min(50)
  @Max(120_000)
  NATS_REQUEST_TIMEOUT_MS = 5_000;

  /** The hub's JetStream domain; empty for a server without a domain. */
  @IsOptional()
  @IsString()
  NATS_JS_DOMAIN = '';
}

export class HttpConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @IsInt()
  @Min(1024)
  HTTP_BODY_LIMIT_BYTES = 1_048_576;

  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 300;
}

export class AuthConfig {
  @MinLength(32, { message: 'must be at least 32 characters; generate one with `openssl rand -hex 32`' })
  JWT_SECRET = 'linkway-demo-only-secret-change-me-0123456789abcdef';

  @IsInt()
  @Min(60)
  JWT_TTL_SECONDS = 3600;

  @IsString()
  JWT_ISSUER = 'linkway';
}

export class LogConfig {
  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL = 'log';

  /** JSON lines for machines; `pretty` for a person at a terminal. */
  @IsIn(['json', 'pretty'])
  LOG_FORMAT = 'json';
}

export const hubConfig = configNamespace('hub', HubConfig);
export const hubProfileConfig = configNamespace('hubProfile', HubProfileConfig);
export const databaseConfig = configNamespace('database', DatabaseConfig);
export const redisConfig = configNamespace('redis', RedisConfig);
export const natsConfig = configNamespace('nats', NatsConfig);
export const httpConfig = configNamespace('http', HttpConfig);
export const authConfig = configNamespace('auth', AuthConfig);
export const logConfig = configNamespace('log', LogConfig);
