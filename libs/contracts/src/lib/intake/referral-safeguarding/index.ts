import { ReferralEventV1 } from '../referral-event';

/** Event: a referral carries a safeguarding flag; the hub manager must look at once. */
export const INTAKE_REFERRAL_SAFEGUARDING_V1 = 'evt.intake.referral.safeguarding.v1' as const;

export class ReferralSafeguardingV1 extends ReferralEventV1 {}
