import { ReferralEventV1 } from '../referral-event';

/** Event: a referral was received (checked, not a duplicate) and awaits triage. */
export const INTAKE_REFERRAL_RECEIVED_V1 = 'evt.intake.referral.received.v1' as const;

export class ReferralReceivedV1 extends ReferralEventV1 {}
