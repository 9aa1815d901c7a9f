import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { configNamespace } from '@linkway/config';

export class FederationConfig {
  /** A hub whose newest snapshot was built longer ago than this is shown stale. */
  @IsInt()
  @Min(1)
  @Max(24 * 366)
  FEDERATION_STALE_AFTER_HOURS = 48;

  /**
   * Hubs registered at start when missing (comma-separated ids, e.g. `hub1,hub2,hub3`), with
   * placeholder details until an admin registers them properly; empty registers none.
   */
  @IsOptional()
  @IsString()
  @Matches(/^$|^[a-z][a-z0-9-]{1,30}(,[a-z][a-z0-9-]{1,30})*$/, {
    message: 'must be comma-separated hub ids',
  })
  FEDERATION_HUBS = '';

  /** Snapshots handled at once by the FEDERATION_IN consumer (they commute, so order does not matter). */
  @IsInt()
  @Min(1)
  @Max(64)
  FEDERATION_CONSUMER_CONCURRENCY = 4;

  /**
   * A delivery not acknowledged within this is redelivered (the app crashed or hung holding it).
   * Applying a snapshot takes milliseconds, so this can be short: it bounds recovery after a crash.
   */
  @IsInt()
  @Min(1_000)
  @Max(300_000)
  FEDERATION_ACK_WAIT_MS = 10_000;
}

export const federationConfig = configNamespace('federation', FederationConfig);
