import { IsInt, IsString, Max, Min } from 'class-validator';
import { configNamespace } from '@linkway/config';

/** Casework settings, validated at boot; every one is in the README env table. */
export class CaseworkConfig {
  /** Onward referral unanswered this long after sending → nudge event and a task (hub default 7 days). */
  @IsInt()
  @Min(1)
  CASEWORK_CHASER_NUDGE_AFTER_SECONDS = 7 * 86_400;

  /** Still unanswered this long after sending → expire, release capacity, tell the link worker (14 days). */
  @IsInt()
  @Min(1)
  CASEWORK_CHASER_EXPIRE_AFTER_SECONDS = 14 * 86_400;

  /** BullMQ job lock; a job whose worker died is retried after about this long. */
  @IsInt()
  @Min(500)
  @Max(600_000)
  CASEWORK_CHASER_LOCK_MS = 30_000;

  /**
   * How often the chaser reconciler re-adds, from Postgres, chaser jobs Redis lost (it also runs
   * at start). Redis with AOF everysec can lose its last second of writes in a machine crash.
   */
  @IsInt()
  @Min(1)
  @Max(86_400)
  CASEWORK_RECONCILE_EVERY_S = 300;

  /** JSON file: [{ code, label, eligibilityNotes }], the hub's home-environment schemes (a default list otherwise). */
  @IsString()
  CASEWORK_HOME_SCHEMES_FILE = '';

  /** A case with no attended contact for this many days is flagged. */
  @IsInt()
  @Min(1)
  CASEWORK_NO_CONTACT_FLAG_DAYS = 14;
}

export const caseworkConfig = configNamespace('casework', CaseworkConfig);
