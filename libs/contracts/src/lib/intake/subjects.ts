import type { CreateReferralV1 } from './referral-create';
import type { GetReferralV1 } from './referral-get';
import type { ListReferralsV1, ReferralPageV1 } from './referral-list';
import type { TriageReferralV1 } from './referral-triage';
import type { ReferralCreatedV1, ReferralViewV1 } from './referral-view';
import type { ReferralAcceptedV1 } from './referral-accepted';
import type { ReferralAwaitingInfoV1 } from './referral-awaiting-info';
import type { ReferralDeclinedV1 } from './referral-declined';
import type { ReferralReceivedV1 } from './referral-received';
import type { ReferralSafeguardingV1 } from './referral-safeguarding';
import type { ReferralSignpostedV1 } from './referral-signposted';
import type { IntakeHandoffRequestedV1 } from './handoff-requested';
import type { UpdateIntakeHandoffV1 } from './handoff-update';
import type { IntakeHandoffUpdatedV1 } from './handoff-updated';

/** Intake's request/reply subjects, merged into RequestMap (subject-map.ts). */
export interface IntakeRequests {
  'intake.referral.create.v1': { request: CreateReferralV1; response: ReferralCreatedV1 };
  'intake.referral.get.v1': { request: GetReferralV1; response: ReferralViewV1 };
  'intake.referral.list.v1': { request: ListReferralsV1; response: ReferralPageV1 };
  'intake.referral.triage.v1': { request: TriageReferralV1; response: ReferralViewV1 };
  'intake.handoff.update.v1': { request: UpdateIntakeHandoffV1; response: ReferralViewV1 };
}

/** Intake's domain events, merged into EventMap (subject-map.ts). */
export interface IntakeEvents {
  'evt.intake.referral.received.v1': ReferralReceivedV1;
  'evt.intake.referral.accepted.v1': ReferralAcceptedV1;
  'evt.intake.referral.declined.v1': ReferralDeclinedV1;
  'evt.intake.referral.signposted.v1': ReferralSignpostedV1;
  'evt.intake.referral.awaiting_info.v1': ReferralAwaitingInfoV1;
  'evt.intake.referral.safeguarding.v1': ReferralSafeguardingV1;
  'evt.intake.handoff.requested.v1': IntakeHandoffRequestedV1;
  'evt.intake.handoff.updated.v1': IntakeHandoffUpdatedV1;
}
