import { Type } from 'class-transformer';
import { IsArray, IsIn, IsISO8601, IsObject, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { OUTCOME_TIMEPOINTS, type OutcomeTimepoint, OutcomesActorV1 } from '../shared';

/**
 * Request/reply: record one or more measures for a case at a timepoint. Shapes only here: the
 * service checks every item against @linkway/domain and answers VALIDATION_FAILED naming the item
 * and its allowed range. Recording the same measure again at the same timepoint corrects it.
 */
export const OUTCOMES_RECORD_V1 = 'outcomes.recording.record.v1' as const;

export class RecordOutcomesV1 {
  @ValidateNested() @Type(() => OutcomesActorV1) actor!: OutcomesActorV1;
  @IsUUID() caseId!: string;
  @IsIn(OUTCOME_TIMEPOINTS) timepoint!: OutcomeTimepoint;
  /** When the answers were given (defaults to now). */
  @IsOptional() @IsISO8601() recordedAt?: string;
  /** { lifeSatisfaction, worthwhile, happiness, anxiety }, each 0–10. */
  @IsOptional() @IsObject() ons4?: Record<string, unknown>;
  /** Seven item answers 1–5, item 1 first. */
  @IsOptional() @IsArray() swemwbs?: unknown[];
  /** { lackCompanionship, leftOut, isolated }: hardly_ever | some_of_the_time | often (or 1–3). */
  @IsOptional() @IsObject() ucla3?: Record<string, unknown>;
  /** often_always | some_of_the_time | occasionally | hardly_ever | never (or 1–5). */
  @IsOptional() onsLoneliness?: unknown;
  /** { gpConsultations, aeAttendances, outpatientAppointments, inpatientAdmissions, windowMonths }. */
  @IsOptional() @IsObject() healthUse?: Record<string, unknown>;
  /** Stroke navigation: readmitted to hospital since discharge (six_week and six_month only). */
  @IsOptional() @IsObject() readmission?: { readmitted?: unknown };
}

export interface RecordedMeasureV1 {
  measure: string;
  score: number;
  detail: Record<string, unknown>;
}

export interface OutcomeRecordingV1 {
  recordingId: string;
  caseId: string;
  personId: string;
  timepoint: OutcomeTimepoint;
  recordedBy: string;
  recordedAt: string;
  measures: RecordedMeasureV1[];
}
