import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID } from 'class-validator';
import { PATHWAY_OWNERS, PATHWAY_STEPS, type PathwayOwner, type PathwayStep } from '../shared';

/** Event: a home-environment navigation pathway step was recorded on a case. */
export const CASEWORK_PATHWAY_STEP_RECORDED_V1 = 'evt.casework.pathway.step_recorded.v1' as const;

export class PathwayStepRecordedV1 {
  @IsUUID() pathwayId!: string;
  @IsUUID() caseId!: string;
  @IsString() hubId!: string;
  @IsIn(PATHWAY_STEPS) step!: PathwayStep;
  /** Decision step only: approved or refused. */
  @IsOptional() @IsIn(['approved', 'refused']) decision!: 'approved' | 'refused' | null;
  /** Scheme codes considered at eligibility (hub's configurable list). */
  @IsString({ each: true }) schemes!: string[];
  @IsString() integrationModel!: string;
  @IsIn(PATHWAY_OWNERS) owner!: PathwayOwner;
  /** Whether the case's practitioner had completed home-environment schemes training by then. */
  @IsBoolean() practitionerTrained!: boolean;
  /** When the step happened (may be back-dated by the recorder). */
  @IsISO8601() at!: string;
  @IsString() by!: string;
  @IsISO8601() occurredAt!: string;
}
