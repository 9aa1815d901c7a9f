import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Min } from 'class-validator';
import { ONWARD_REFERRAL_STATUSES, type OnwardReferralStatus } from '../shared';

/** Event: an onward referral to a directory service changed status (sent, accepted, ..., expired). */
export const CASEWORK_ONWARD_REFERRAL_STATUS_CHANGED_V1 =
  'evt.casework.onward_referral.status_changed.v1' as const;

export class OnwardReferralStatusChangedV1 {
  @IsUUID() onwardReferralId!: string;
  @IsUUID() caseId!: string;
  @IsUUID() personId!: string;
  @IsString() hubId!: string;
  /** ORUK service id in the partner directory. */
  @IsString() directoryServiceId!: string;
  /** ORUK organization id of the partner. */
  @IsString() partnerOrganisationId!: string;
  @IsOptional() @IsIn(ONWARD_REFERRAL_STATUSES) from!: OnwardReferralStatus | null;
  @IsIn(ONWARD_REFERRAL_STATUSES) status!: OnwardReferralStatus;
  /** Coded reason for declined / dropped_out / expired / cancelled (no free text). */
  @IsOptional() @IsString() reasonCode!: string | null;
  /** Seconds from `sent` to the partner's first answer (accepted/declined); null otherwise. */
  @IsOptional() @IsInt() @Min(0) responseSeconds!: number | null;
  /** partner, link_worker, or system (the chaser). */
  @IsString() byRole!: string;
  @IsISO8601() at!: string;
  @IsISO8601() occurredAt!: string;
}
