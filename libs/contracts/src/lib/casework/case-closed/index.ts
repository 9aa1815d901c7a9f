import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Min,
} from 'class-validator';
import { CLOSURE_REASONS, type ClosureReason } from '../shared';

/**
 * Event: a case closed. Carries what outcomes needs for hub aggregates and the message back to
 * the GP and referrer without reading casework's tables: codes and counts, no free text.
 */
export const CASEWORK_CASE_CLOSED_V1 = 'evt.casework.case.closed.v1' as const;

export class CaseClosedV1 {
  @IsUUID() caseId!: string;
  @IsUUID() referralId!: string;
  @IsUUID() personId!: string;
  @IsString() hubId!: string;
  @IsIn(CLOSURE_REASONS) closureReason!: ClosureReason;
  @IsString() referrerType!: string;
  @IsArray() @IsString({ each: true }) needs!: string[];
  @IsOptional() @IsUUID() practitionerId!: string | null;
  @IsString() integrationModel!: string;
  @IsString() archetype!: string;
  @IsISO8601() openedAt!: string;
  @IsOptional() @IsISO8601() firstContactAt!: string | null;
  @IsOptional() @IsISO8601() planAgreedAt!: string | null;
  @IsInt() @Min(0) contactsAttended!: number;
  @IsInt() @Min(0) contactsDidNotAttend!: number;
  /** Directory service ids the person was referred on to, and those completed. */
  @IsArray() @IsString({ each: true }) onwardServiceIds!: string[];
  @IsArray() @IsString({ each: true }) onwardCompletedServiceIds!: string[];
  /** Home-environment pathway: reached intervention_delivered. */
  @IsBoolean() interventionDelivered!: boolean;
  @IsISO8601() closedAt!: string;
  @IsISO8601() occurredAt!: string;
}
