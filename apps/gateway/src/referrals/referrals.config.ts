import { IsInt, Max, Min } from 'class-validator';
import { configNamespace } from '@linkway/config';

/** Gateway settings of the referral routes. */
export class ReferralsConfig {
  /** Public self-referral form: submissions per client address per minute (stricter than the general limit). */
  @IsInt()
  @Min(1)
  @Max(10_000)
  SELF_REFERRAL_RATE_LIMIT_PER_MINUTE = 5;

  /** CSV import through the API: rows in flight to referral-intake at once. */
  @IsInt()
  @Min(1)
  @Max(64)
  IMPORT_CONCURRENCY = 8;
}

export const referralsConfig = configNamespace('referrals', ReferralsConfig);
