import { ReferralEventV1 } from '../referral-event';

/** Event: triage needs more information before deciding. */
export const INTAKE_REFERRAL_AWAITING_INFO_V1 = 'evt.intake.referral.awaiting_info.v1' as const;

export class ReferralAwaitingInfoV1 extends ReferralEventV1 {}
