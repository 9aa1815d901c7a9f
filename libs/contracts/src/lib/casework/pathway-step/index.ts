import { Type } from 'class-transformer';
import {
  IsArray,
  IsISO8601,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CaseworkActorV1 } from '../actor';
import { PATHWAY_STEPS, type PathwayStep } from '../shared';

/** Request/reply: record the next home-environment pathway step (partner-owned in the brokered model). */
export const CASEWORK_PATHWAY_STEP_V1 = 'casework.pathway.step.v1' as const;

export class RecordPathwayStepV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsUUID() caseId!: string;
  @IsIn(PATHWAY_STEPS) step!: PathwayStep;
  /** When it happened; now when absent. */
  @IsOptional() @IsISO8601() at?: string;
  @IsOptional() @IsIn(['approved', 'refused']) decision?: 'approved' | 'refused';
  /** eligibility_check: scheme codes from the hub's list. */
  @IsOptional() @IsArray() @IsString({ each: true }) schemes?: string[];
  /** council_contacted: the named contact at the council team or assessor. */
  @IsOptional() @IsString() @MaxLength(200) councilContact?: string;
  @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}
