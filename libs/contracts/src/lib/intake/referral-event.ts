import { IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import {
  REFERRAL_CHANNELS,
  REFERRAL_STATUSES,
  type ReferralChannel,
  type ReferralStatus,
} from './referral-view';

/**
 * What every referral event carries: what casework needs to open and route a case, coded, and
 * no free text (no notes, names or addresses: consumers ask intake.referral.get.v1 for those).
 */
export class ReferralEventV1 {
  @IsUUID() referralId!: string;
  @IsUUID() personId!: string;
  @IsString() hubId!: string;
  @IsIn(REFERRAL_STATUSES) status!: ReferralStatus;
  @IsIn(REFERRAL_CHANNELS) channel!: ReferralChannel;
  @IsOptional() @IsString() queue!: string | null;
  @IsArray() @IsString({ each: true }) needs!: string[];
  @IsString() referrerType!: string;
  /** Home-environment risks screened positive (empty: screened negative). */
  @IsArray() @IsString({ each: true }) homeScreen!: string[];
  @IsString() integrationModel!: string;
  @IsBoolean() safeguarding!: boolean;
  @IsBoolean() identityFollowUp!: boolean;
  @IsArray() @IsString({ each: true }) snomedCodes!: string[];
  @IsOptional() @IsString() declineReason!: string | null;
  @IsString() occurredAt!: string;
}
