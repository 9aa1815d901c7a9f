import type { ListAllocationQueueV1, QueuedCaseViewV1 } from './allocation-queue';
import type { CaseAccessV1, CheckCaseAccessV1 } from './case-access';
import type { AllocateCaseV1 } from './case-allocate';
import type { GetCaseV1 } from './case-get';
import type { ListCasesV1 } from './case-list';
import type { TransitionCaseV1 } from './case-transition';
import type { RecordContactV1 } from './contact-record';
import type { CreateOnwardReferralV1 } from './onward-referral-create';
import type { UpdateOnwardReferralV1 } from './onward-referral-update';
import type { ListPartnerReferralsV1 } from './partner-referral-list';
import type { UpdatePathwayHandoffV1 } from './pathway-handoff';
import type { GetPathwayMetricsV1 } from './pathway-metrics';
import type { RecordPathwayStepV1 } from './pathway-step';
import type { GetPlanHistoryV1 } from './plan-history';
import type { SavePlanV1 } from './plan-save';
import type { ListPractitionersV1 } from './practitioner-list';
import type { PairPractitionerV1 } from './practitioner-pair';
import type { SavePractitionerV1 } from './practitioner-save';
import type { AddTrainingV1 } from './practitioner-training';
import type { ListSchemesV1 } from './scheme-list';
import type { RecordSupervisionV1 } from './supervision-record';
import type { CompleteTaskV1 } from './task-complete';
import type { SaveWhatMattersV1 } from './what-matters-save';
import type {
  CaseSummaryViewV1,
  CaseViewV1,
  HomeSchemeViewV1,
  OnwardReferralViewV1,
  PartnerReferralViewV1,
  PathwayMetricsReportV1,
  PathwayViewV1,
  PlanVersionViewV1,
  PractitionerViewV1,
  SupervisionSessionViewV1,
} from './views';
import type { CaseClosedV1 } from './case-closed';
import type { CaseOpenedV1 } from './case-opened';
import type { CaseTransitionedV1 } from './case-transitioned';
import type { ContactRecordedV1 } from './contact-recorded';
import type { OnwardReferralNudgedV1 } from './onward-referral-nudged';
import type { OnwardReferralStatusChangedV1 } from './onward-referral-status-changed';
import type { PartnerFeedbackReceivedV1 } from './partner-feedback-received';
import type { PathwayStepRecordedV1 } from './pathway-step-recorded';
import type { GetPartnerResponsivenessV1, PartnerResponsivenessReportV1 } from './partner-responsiveness';

/** Casework's domain events, merged into EventMap (subject-map.ts). */
export interface CaseworkEvents {
  'evt.casework.case.opened.v1': CaseOpenedV1;
  'evt.casework.case.transitioned.v1': CaseTransitionedV1;
  'evt.casework.case.closed.v1': CaseClosedV1;
  'evt.casework.contact.recorded.v1': ContactRecordedV1;
  'evt.casework.onward_referral.status_changed.v1': OnwardReferralStatusChangedV1;
  'evt.casework.onward_referral.nudged.v1': OnwardReferralNudgedV1;
  'evt.casework.partner_feedback.received.v1': PartnerFeedbackReceivedV1;
  'evt.casework.pathway.step_recorded.v1': PathwayStepRecordedV1;
}

/** Casework's request/reply subjects, merged into RequestMap (subject-map.ts). */
export interface CaseworkRequests {
  'casework.practitioner.save.v1': { request: SavePractitionerV1; response: PractitionerViewV1 };
  'casework.practitioner.training.v1': { request: AddTrainingV1; response: PractitionerViewV1 };
  'casework.practitioner.list.v1': {
    request: ListPractitionersV1;
    response: { practitioners: PractitionerViewV1[]; queued: Record<string, number> };
  };
  'casework.practitioner.pair.v1': { request: PairPractitionerV1; response: PractitionerViewV1 };
  'casework.supervision.record.v1': { request: RecordSupervisionV1; response: SupervisionSessionViewV1 };
  'casework.case.list.v1': { request: ListCasesV1; response: { cases: CaseSummaryViewV1[] } };
  'casework.case.get.v1': { request: GetCaseV1; response: CaseViewV1 };
  'casework.case.access.v1': { request: CheckCaseAccessV1; response: CaseAccessV1 };
  'casework.case.transition.v1': { request: TransitionCaseV1; response: CaseViewV1 };
  'casework.case.allocate.v1': { request: AllocateCaseV1; response: CaseViewV1 };
  'casework.contact.record.v1': { request: RecordContactV1; response: CaseViewV1 };
  'casework.what_matters.save.v1': { request: SaveWhatMattersV1; response: CaseViewV1 };
  'casework.task.complete.v1': { request: CompleteTaskV1; response: CaseViewV1 };
  'casework.plan.save.v1': { request: SavePlanV1; response: PlanVersionViewV1 };
  'casework.plan.history.v1': { request: GetPlanHistoryV1; response: { versions: PlanVersionViewV1[] } };
  'casework.onward_referral.create.v1': { request: CreateOnwardReferralV1; response: OnwardReferralViewV1 };
  'casework.onward_referral.update.v1': { request: UpdateOnwardReferralV1; response: OnwardReferralViewV1 };
  'casework.partner_referral.list.v1': {
    request: ListPartnerReferralsV1;
    response: { referrals: PartnerReferralViewV1[] };
  };
  'casework.pathway.step.v1': { request: RecordPathwayStepV1; response: PathwayViewV1 };
  'casework.pathway.handoff.v1': { request: UpdatePathwayHandoffV1; response: PathwayViewV1 };
  'casework.pathway.metrics.v1': { request: GetPathwayMetricsV1; response: PathwayMetricsReportV1 };
  'casework.scheme.list.v1': { request: ListSchemesV1; response: { schemes: HomeSchemeViewV1[] } };
  'casework.allocation_queue.list.v1': {
    request: ListAllocationQueueV1;
    response: { cases: QueuedCaseViewV1[] };
  };
  'casework.partner_responsiveness.get.v1': {
    request: GetPartnerResponsivenessV1;
    response: PartnerResponsivenessReportV1;
  };
}
