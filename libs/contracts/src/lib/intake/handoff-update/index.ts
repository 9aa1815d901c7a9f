import { IsIn, IsObject, IsUUID } from 'class-validator';
import { IntakeActorV1 } from '../referral-view';

/** Request/reply: record what the housing-and-health partner did with an onward referral. */
export const INTAKE_HANDOFF_UPDATE_V1 = 'intake.handoff.update.v1' as const;

/** requested → acknowledged → completed; dropped from either when the hand-off fails. */
export const INTAKE_HANDOFF_STATUSES = ['requested', 'acknowledged', 'completed', 'dropped'] as const;
export type IntakeHandoffStatus = (typeof INTAKE_HANDOFF_STATUSES)[number];

export class UpdateIntakeHandoffV1 {
  @IsObject() actor!: IntakeActorV1;
  @IsUUID() referralId!: string;
  @IsIn(['acknowledged', 'completed', 'dropped']) status!: Exclude<IntakeHandoffStatus, 'requested'>;
}
