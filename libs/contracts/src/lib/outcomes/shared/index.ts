import { IsIn, IsOptional, IsString } from 'class-validator';

/*
 * The outcomes service's coded vocabulary. Timepoint and measure codes are stored, filtered on and
 * sent to the federation: never rename one.
 */

/** When outcomes are recorded (same codes as @linkway/domain TIMEPOINTS). */
export const OUTCOME_TIMEPOINTS = ['baseline', 'six_week', 'end_of_support', 'six_month'] as const;
export type OutcomeTimepoint = (typeof OUTCOME_TIMEPOINTS)[number];

/**
 * Scalar measure codes: one stored row per code and timepoint, so a pair is two rows with the same
 * case and code. ONS4 and health use are four separate items each (ONS4 is never summed).
 */
export const OUTCOME_MEASURE_CODES = [
  'ons4_life_satisfaction',
  'ons4_worthwhile',
  'ons4_happiness',
  'ons4_anxiety',
  'swemwbs',
  'ucla3',
  'ons_loneliness',
  'health_gp_consultations',
  'health_ae_attendances',
  'health_outpatient_appointments',
  'health_inpatient_admissions',
  'readmission',
] as const;
export type OutcomeMeasureScalar = (typeof OUTCOME_MEASURE_CODES)[number];

/** Who asks: the gateway passes the caller so the service can record who recorded. */
export class OutcomesActorV1 {
  @IsString() accountId!: string;
  @IsString() role!: string;
}

/** Optional filter shared by the dashboard and the snapshot builder. */
export class OutcomeTimepointFilterV1 {
  @IsOptional() @IsIn(OUTCOME_TIMEPOINTS) timepoint?: OutcomeTimepoint;
}
