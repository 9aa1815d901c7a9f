import { IsInt, Max, Min } from 'class-validator';
import { configNamespace } from '@linkway/config';

/** The outcomes service's settings; the hub profile comes from the platform (HUB_PROFILE…). */
export class OutcomesConfig {
  /**
   * Length of one "day" of the follow-up schedule in ms. A day in production; tests set a few
   * ms so a 42-day follow-up falls due in seconds.
   */
  @IsInt()
  @Min(1)
  @Max(86_400_000)
  OUTCOMES_DAY_MS = 86_400_000;

  /** How often the hub snapshot job rebuilds this and last week and month (0: never by itself). */
  @IsInt()
  @Min(0)
  OUTCOMES_SNAPSHOT_EVERY_MS = 3_600_000;

  /**
   * How often the reconciler re-adds, from Postgres, reminder jobs Redis lost and the snapshot
   * job scheduler if it is gone (it also runs at start).
   */
  @IsInt()
  @Min(1)
  @Max(86_400)
  OUTCOMES_RECONCILE_EVERY_S = 300;

  /** Registered population the hub serves, sent in snapshots as context. */
  @IsInt()
  @Min(0)
  HUB_POPULATION = 0;
}

export const outcomesConfig = configNamespace('outcomes', OutcomesConfig);
