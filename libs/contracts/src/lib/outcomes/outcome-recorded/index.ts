import { IsArray, IsIn, IsString, IsUUID, IsISO8601 } from 'class-validator';
import { OUTCOME_TIMEPOINTS, type OutcomeTimepoint } from '../shared';

/** Event: measures were recorded for a case at a timepoint (codes only, no scores or names). */
export const OUTCOMES_RECORDED_V1 = 'evt.outcomes.outcome.recorded.v1' as const;

export class OutcomeRecordedV1 {
  @IsUUID() recordingId!: string;
  @IsUUID() caseId!: string;
  @IsUUID() personId!: string;
  @IsString() hubId!: string;
  @IsIn(OUTCOME_TIMEPOINTS) timepoint!: OutcomeTimepoint;
  @IsArray() @IsString({ each: true }) measures!: string[];
  @IsString() recordedBy!: string;
  @IsISO8601() occurredAt!: string;
}
