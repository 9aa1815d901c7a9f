import { IsObject, IsUUID } from 'class-validator';
import { IntakeActorV1 } from '../referral-view';

/** Request/reply: one referral; a referrer sees only their own (else NOT_FOUND). */
export const INTAKE_REFERRAL_GET_V1 = 'intake.referral.get.v1' as const;

export class GetReferralV1 {
  @IsObject() actor!: IntakeActorV1;
  @IsUUID() id!: string;
}
