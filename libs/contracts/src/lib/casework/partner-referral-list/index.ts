import { Type } from 'class-transformer';
import { IsIn, IsOptional, ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';
import { ONWARD_REFERRAL_STATUSES, type OnwardReferralStatus } from '../shared';

/** Request/reply: the referrals sent to the caller's partner organisation. */
export const CASEWORK_PARTNER_REFERRAL_LIST_V1 = 'casework.partner_referral.list.v1' as const;

export class ListPartnerReferralsV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsOptional() @IsIn(ONWARD_REFERRAL_STATUSES) status?: OnwardReferralStatus;
}
