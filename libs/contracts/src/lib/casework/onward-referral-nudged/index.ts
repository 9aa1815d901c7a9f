import { IsInt, IsISO8601, IsString, IsUUID, Min } from 'class-validator';

/** Event: the chaser found an onward referral unanswered after the first window and nudged the partner. */
export const CASEWORK_ONWARD_REFERRAL_NUDGED_V1 = 'evt.casework.onward_referral.nudged.v1' as const;

export class OnwardReferralNudgedV1 {
  @IsUUID() onwardReferralId!: string;
  @IsUUID() caseId!: string;
  @IsString() hubId!: string;
  @IsString() directoryServiceId!: string;
  @IsString() partnerOrganisationId!: string;
  /** The task created for the case's link worker. */
  @IsUUID() taskId!: string;
  /** Days since the referral was sent (the hub's first window). */
  @IsInt() @Min(0) waitedDays!: number;
  @IsISO8601() occurredAt!: string;
}
