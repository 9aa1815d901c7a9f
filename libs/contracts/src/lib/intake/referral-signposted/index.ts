import { ReferralEventV1 } from '../referral-event';

/** Event: a referral was redirected to active signposting (light touch). */
export const INTAKE_REFERRAL_SIGNPOSTED_V1 = 'evt.intake.referral.signposted.v1' as const;

export class ReferralSignpostedV1 extends ReferralEventV1 {}
