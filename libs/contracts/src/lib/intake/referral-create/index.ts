import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { IntakeActorV1, ReferralChannelIn, type ReferralChannel, ReferralDraftV1 } from '../referral-view';

/** Request/reply: create a referral from any channel (checked, de-duplicated, routed). */
export const INTAKE_REFERRAL_CREATE_V1 = 'intake.referral.create.v1' as const;

export class CreateReferralV1 {
  @IsObject() actor!: IntakeActorV1;
  @ReferralChannelIn() channel!: ReferralChannel;
  /**
   * Scoped by the caller (account, self-referral form, import file): a repeat with the same key
   * returns the first answer; the same key with a different referral is a conflict.
   */
  @IsOptional() @IsString() @MaxLength(300) idempotencyKey?: string;
  @IsObject() referral!: ReferralDraftV1;
}
