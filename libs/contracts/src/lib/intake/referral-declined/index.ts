import { ReferralEventV1 } from '../referral-event';

/** Event: a referral was declined (coded reason). */
export const INTAKE_REFERRAL_DECLINED_V1 = 'evt.intake.referral.declined.v1' as const;

export class ReferralDeclinedV1 extends ReferralEventV1 {}
