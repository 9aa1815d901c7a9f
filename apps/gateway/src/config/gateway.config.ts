import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { configNamespace } from '@linkway/config';

/** Gateway-only settings; the shared concerns (hub, http, auth, ...) live in @linkway/config. */
export class GatewayConfig {
  /** Login attempts per client address per minute: slows password guessing well below the general limit. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  LOGIN_RATE_LIMIT_PER_MINUTE = 10;

  /**
   * Trust X-Forwarded-* from the proxy in front of the gateway, so rate limits count the real
   * client address. Leave off when clients reach the gateway directly: they could forge it.
   */
  @IsBoolean()
  TRUST_PROXY = false;

  /**
   * How long the JWT guard trusts an account it found enabled with the token's role, in ms.
   * A change made through this gateway takes effect at once; one made through another replica
   * or the CLI within this window. 0 checks Postgres on every request.
   */
  @IsInt()
  @Min(0)
  @Max(60_000)
  ACCOUNT_CHECK_CACHE_MS = 2_000;
}

export const gatewayConfig = configNamespace('gateway', GatewayConfig);
