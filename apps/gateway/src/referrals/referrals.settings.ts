import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ReferralsConfig } from './referrals.config';

// @Throttle limits are resolved per request from here; set once at boot from validated config.
let selfLimit = 5;

export const selfReferralLimit = () => selfLimit;

/** Reads the referral routes' config at boot (validated by the config namespace). */
@Injectable()
export class ReferralsSettings {
  readonly config: ReferralsConfig;

  constructor(@Inject(ConfigService) config: ConfigService) {
    this.config = config.getOrThrow<ReferralsConfig>('referrals');
    selfLimit = this.config.SELF_REFERRAL_RATE_LIMIT_PER_MINUTE;
  }
}
