import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';

/**
 * Request/reply: how partner services answered this hub's onward referrals sent in the last
 * `days` days (hub manager). Codes and counts only, no person data.
 */
export const CASEWORK_PARTNER_RESPONSIVENESS_V1 = 'casework.partner_responsiveness.get.v1' as const;

export class GetPartnerResponsivenessV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  /** Window of referrals by sent date; default 90. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(730) days?: number;
}

export interface ServiceResponsivenessV1 {
  partnerOrganisationId: string;
  directoryServiceId: string;
  serviceName: string;
  sent: number;
  /** Accepted or declined (the first answer), whenever it came. */
  answered: number;
  /** Answered within the hub's nudge window of being sent. */
  answeredWithinNudge: number;
  declined: number;
  /** Still `sent`: no answer yet, not expired. */
  waiting: number;
  expired: number;
  /** Cancelled by the hub before any answer: left out of the rates. */
  cancelledUnanswered: number;
  /** null with no answer. */
  medianDaysToFirstAnswer: number | null;
  /** answeredWithinNudge / referrals whose nudge window has passed or that were answered (4 decimals). */
  answeredWithinNudgeRate: number | null;
  /** declined / answered (4 decimals). */
  declinedRate: number | null;
}

export interface PartnerResponsivenessReportV1 {
  days: number;
  from: string;
  nudgeAfterDays: number;
  services: ServiceResponsivenessV1[];
}
