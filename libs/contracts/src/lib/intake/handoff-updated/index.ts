import { IsIn, IsString, IsUUID } from 'class-validator';
import { INTAKE_HANDOFF_STATUSES, type IntakeHandoffStatus } from '../handoff-update';

/** Event: an onward home-environment referral moved on (acknowledged, completed or dropped). */
export const INTAKE_HANDOFF_UPDATED_V1 = 'evt.intake.handoff.updated.v1' as const;

export class IntakeHandoffUpdatedV1 {
  @IsUUID() handoffId!: string;
  @IsUUID() referralId!: string;
  @IsUUID() personId!: string;
  @IsString() hubId!: string;
  @IsString() partner!: string;
  @IsIn(INTAKE_HANDOFF_STATUSES) status!: IntakeHandoffStatus;
  @IsString() occurredAt!: string;
}
