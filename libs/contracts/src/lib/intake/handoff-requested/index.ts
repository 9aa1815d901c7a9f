import { IsString, IsUUID } from 'class-validator';

/** Event: a brokered-referral hub refers a person on to its housing-and-health partner. */
export const INTAKE_HANDOFF_REQUESTED_V1 = 'evt.intake.handoff.requested.v1' as const;

export class IntakeHandoffRequestedV1 {
  @IsUUID() handoffId!: string;
  @IsUUID() referralId!: string;
  @IsUUID() personId!: string;
  @IsString() hubId!: string;
  @IsString() partner!: string;
  @IsString({ each: true }) homeScreen!: string[];
  @IsString() occurredAt!: string;
}
