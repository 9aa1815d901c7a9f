import { ReferralEventV1 } from '../referral-event';

/** Event: a referral was accepted and routed to a caseload queue; casework opens a case. */
export const INTAKE_REFERRAL_ACCEPTED_V1 = 'evt.intake.referral.accepted.v1' as const;

export class ReferralAcceptedV1 extends ReferralEventV1 {}
