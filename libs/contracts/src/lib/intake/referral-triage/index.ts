import { IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IntakeActorV1 } from '../referral-view';

/** Request/reply: a hub manager or link worker decides what happens to a referral. */
export const INTAKE_REFERRAL_TRIAGE_V1 = 'intake.referral.triage.v1' as const;

export const TRIAGE_OUTCOMES = ['accept', 'decline', 'signpost', 'await_info'] as const;
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

export const DECLINE_REASONS = [
  'person_declined',
  'not_eligible',
  'needs_met_elsewhere',
  'unable_to_contact',
  'other',
] as const;

export class TriageReferralV1 {
  @IsObject() actor!: IntakeActorV1;
  @IsUUID() id!: string;
  @IsIn(TRIAGE_OUTCOMES) outcome!: TriageOutcome;
  /** accept: the caseload queue (default: the one intake routed to). */
  @IsOptional() @IsString() queue?: string;
  /** decline: a coded reason; person_declined records SNOMED 871711000000103. */
  @IsOptional() @IsIn(DECLINE_REASONS) declineReason?: (typeof DECLINE_REASONS)[number];
  /** await_info: what is missing. */
  @IsOptional() @IsString() @MaxLength(500) awaitingInfo?: string;
  @IsOptional() @IsBoolean() safeguardingReviewed?: boolean;
}
