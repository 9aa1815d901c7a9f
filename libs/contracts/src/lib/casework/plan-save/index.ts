import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CaseworkActorV1 } from '../actor';

/** Request/reply: save the personalised care and support plan as a new version (every change kept). */
export const CASEWORK_PLAN_SAVE_V1 = 'casework.plan.save.v1' as const;

export const PLAN_GOAL_STATUSES = ['not_started', 'in_progress', 'achieved', 'dropped'] as const;

export class PlanGoalV1 {
  /** Absent on a new goal; kept across versions. */
  @IsOptional() @IsUUID() id?: string;
  @IsString() @Length(1, 2000) goal!: string;
  @IsString() @MaxLength(2000) whyItMatters!: string;
  @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @MaxLength(1000, { each: true }) steps!: string[];
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(200, { each: true }) whoHelps!: string[];
  @IsOptional() @IsISO8601() targetDate?: string | null;
  @IsIn(PLAN_GOAL_STATUSES) status!: (typeof PLAN_GOAL_STATUSES)[number];
}

export class SavePlanV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsUUID() caseId!: string;
  @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => PlanGoalV1) goals!: PlanGoalV1[];
  /** YYYY-MM-DD the plan was agreed with the person; null while a draft. */
  @IsOptional() @IsISO8601() agreedDate?: string | null;
}
