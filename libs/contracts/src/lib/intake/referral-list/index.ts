import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Max, Min } from 'class-validator';
import { IntakeActorV1, REFERRAL_STATUSES, type ReferralStatus, type ReferralViewV1 } from '../referral-view';

/** Request/reply: a page of referrals, newest first; a referrer only ever gets their own. */
export const INTAKE_REFERRAL_LIST_V1 = 'intake.referral.list.v1' as const;

export class ListReferralsV1 {
  @IsObject() actor!: IntakeActorV1;
  @IsOptional() @IsBoolean() mine?: boolean;
  @IsOptional() @IsIn(REFERRAL_STATUSES) status?: ReferralStatus;
  @IsOptional() @IsString() queue?: string;
  @IsInt() @Min(1) page!: number;
  @IsInt() @Min(1) @Max(200) perPage!: number;
}

export interface ReferralPageV1 {
  items: ReferralViewV1[];
  page: number;
  perPage: number;
  total: number;
}
