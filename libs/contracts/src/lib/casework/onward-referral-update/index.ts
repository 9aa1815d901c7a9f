import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';
import { ONWARD_REFERRAL_STATUSES, type OnwardReferralStatus } from '../shared';

/** Request/reply: a partner (or the link worker) moves an onward referral along its status trail. */
export const CASEWORK_ONWARD_REFERRAL_UPDATE_V1 = 'casework.onward_referral.update.v1' as const;

export class UpdateOnwardReferralV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsUUID() onwardReferralId!: string;
  @IsIn(ONWARD_REFERRAL_STATUSES) status!: OnwardReferralStatus;
  /** Coded reason, required for declined and dropped_out. */
  @IsOptional() @IsString() @Length(1, 100) reason?: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
