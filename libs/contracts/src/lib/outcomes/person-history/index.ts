import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { type OutcomeTimepoint, OutcomesActorV1 } from '../shared';

/** Request/reply: a person's outcome history with change from baseline, per case. */
export const OUTCOMES_PERSON_HISTORY_V1 = 'outcomes.person.history.v1' as const;

export class GetPersonOutcomesV1 {
  @ValidateNested() @Type(() => OutcomesActorV1) actor!: OutcomesActorV1;
  @IsUUID() personId!: string;
  /**
   * Only these cases of the person (the caller's own, from casework.case.access.v1); left out,
   * every case (hub staff who see all of the hub's cases).
   */
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsUUID('all', { each: true }) caseIds?: string[];
}

export interface MeasureAtTimepointV1 {
  timepoint: OutcomeTimepoint;
  score: number;
  detail: Record<string, unknown>;
  recordedBy: string;
  recordedAt: string;
  /** score − baseline score; null at baseline or without one. */
  changeFromBaseline: number | null;
  /** improved / worse / same from baseline, honouring the measure's direction (SWEMWBS: ≥ 1 metric point). */
  movement: 'improved' | 'worse' | 'same' | null;
  /** ONS4 items: band at baseline → band now, and the move. */
  band?: string;
  bandMove?: 'improved' | 'worse' | 'same' | null;
  /** SWEMWBS: whether the change is at least 1 metric point (either way). */
  atLeastOneMetricPoint?: boolean | null;
}

export interface CaseOutcomesV1 {
  caseId: string;
  referralId: string | null;
  status: 'open' | 'closed';
  measures: Record<string, MeasureAtTimepointV1[]>;
  due: Array<{ timepoint: OutcomeTimepoint; dueAt: string; status: string }>;
}

export interface PersonOutcomesV1 {
  personId: string;
  cases: CaseOutcomesV1[];
}
