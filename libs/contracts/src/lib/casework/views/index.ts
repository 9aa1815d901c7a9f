import type {
  CaseQueue,
  CaseState,
  ClosureReason,
  ContactMode,
  HandoffStatus,
  OnwardReferralStatus,
  PathwayOwner,
  PathwayStep,
  PractitionerRole,
} from '../shared';

/* What casework answers with. Person-level views: the gateway audits every read of them. */

export interface TrainingRecordViewV1 {
  id: string;
  course: string;
  completedOn: string;
}

export interface PractitionerViewV1 {
  id: string;
  accountId: string;
  name: string;
  role: PractitionerRole;
  hoursPerWeek: number;
  caseloadCapacity: number;
  active: boolean;
  startedOn: string;
  supervisionCadenceDays: number;
  mentorId: string | null;
  isNew: boolean;
  homeEnvironmentTrained: boolean;
  training: TrainingRecordViewV1[];
  load: { openCases: number; caseloadCapacity: number; load: number; overCapacity: boolean };
  supervision: { lastSessionAt: string | null; dueAt: string; overdue: boolean; daysOverdue: number };
}

export interface CaseSummaryViewV1 {
  id: string;
  referralId: string;
  personId: string;
  queue: CaseQueue;
  practitionerId: string | null;
  state: CaseState;
  closureReason: ClosureReason | null;
  needs: string[];
  integrationModel: string;
  openedAt: string;
  noContactFlag: boolean;
  daysSinceContact: number;
  /** A partner answered an onward referral of the case since its practitioner last opened it. */
  partnerReplied: boolean;
}

export interface ContactViewV1 {
  id: string;
  at: string;
  mode: ContactMode;
  durationMinutes: number;
  notes: string | null;
  present: string[];
  didNotAttend: boolean;
  practitionerId: string;
}

export interface PlanGoalViewV1 {
  id: string;
  goal: string;
  whyItMatters: string;
  steps: string[];
  whoHelps: string[];
  targetDate: string | null;
  status: 'not_started' | 'in_progress' | 'achieved' | 'dropped';
}

export interface PlanVersionViewV1 {
  version: number;
  goals: PlanGoalViewV1[];
  agreedDate: string | null;
  changedBy: string;
  changedAt: string;
  diff: { added: string[]; removed: string[]; changed: Record<string, string[]>; agreedDateChanged: boolean };
}

export interface OnwardTrailEntryV1 {
  from: OnwardReferralStatus | null;
  to: OnwardReferralStatus;
  reason: string | null;
  note: string | null;
  byRole: string;
  at: string;
}

export interface OnwardReferralViewV1 {
  id: string;
  caseId: string;
  directoryServiceId: string;
  serviceName: string;
  partnerOrganisationId: string;
  contactName: string | null;
  contactRole: string | null;
  route: string | null;
  reservationId: string | null;
  status: OnwardReferralStatus;
  reason: string | null;
  sentAt: string;
  trail: OnwardTrailEntryV1[];
}

/** What a partner sees of a referral to their organisation: no case detail beyond it. */
export interface PartnerReferralViewV1 {
  id: string;
  directoryServiceId: string;
  serviceName: string;
  personId: string;
  status: OnwardReferralStatus;
  sentAt: string;
  trail: OnwardTrailEntryV1[];
}

export interface PathwayStepViewV1 {
  step: PathwayStep;
  at: string;
  by: string;
  decision: 'approved' | 'refused' | null;
  schemes: string[];
  councilContact: string | null;
  notes: string | null;
}

export interface PathwayViewV1 {
  id: string;
  owner: PathwayOwner;
  handoffStatus: HandoffStatus | null;
  steps: PathwayStepViewV1[];
  next: PathwayStep | null;
}

export interface CaseNoteItemV1 {
  id: string;
  kind: string;
  onwardReferralId: string | null;
  text: string;
  createdAt: string;
}

export interface CaseViewV1 extends CaseSummaryViewV1 {
  safeguarding: boolean;
  homeScreen: string[];
  referrerType: string;
  transitions: Array<{
    from: CaseState | null;
    to: CaseState;
    closureReason: ClosureReason | null;
    by: string;
    at: string;
  }>;
  allowedTransitions: CaseState[];
  allocations: Array<{ practitionerId: string; by: string; reason: string | null; at: string }>;
  contacts: ContactViewV1[];
  contactNorms: {
    attended: number;
    didNotAttend: number;
    norm: { min: number; max: number; weeks: number };
    weeksOpen: number;
    expectedByNow: number;
    pace: string;
    lastContactAt: string | null;
    daysSinceContact: number;
    noContactFlag: boolean;
  };
  whatMatters: {
    whatMatters: string;
    strengths: string;
    concerns: string;
    updatedBy: string;
    updatedAt: string;
  } | null;
  plan: PlanVersionViewV1 | null;
  onwardReferrals: OnwardReferralViewV1[];
  pathway: PathwayViewV1 | null;
  tasks: CaseNoteItemV1[];
  notifications: CaseNoteItemV1[];
}

export interface PathwayMetricsV1 {
  pathways: number;
  delivered: number;
  conversion: number | null;
  droppedBeforeFirstStep: number;
  steps: Array<{ step: PathwayStep; reached: number; droppedAfter: number }>;
  handoff: { sent: number; accepted: number; dropped: number; dropOff: number | null };
  medianDaysBetween: Array<{
    from: PathwayStep | 'referral';
    to: PathwayStep;
    medianDays: number | null;
    n: number;
  }>;
  medianDaysReferralToDelivered: number | null;
}

/** The hub manager's pathway report (computed by @linkway/domain pathwayMetricsReport). */
export interface PathwayMetricsReportV1 {
  all: PathwayMetricsV1;
  byIntegrationModel: Record<string, PathwayMetricsV1>;
  byTraining: { trained: PathwayMetricsV1; untrained: PathwayMetricsV1 };
}

export interface HomeSchemeViewV1 {
  code: string;
  label: string;
  eligibilityNotes: string;
}

export interface SupervisionSessionViewV1 {
  id: string;
  practitionerId: string;
  supervisorId: string;
  at: string;
  casesDiscussed: string[];
  actions: string[];
}
