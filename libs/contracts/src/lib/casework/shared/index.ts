/*
 * Casework's coded vocabulary, shared by its events, its requests, @linkway/domain's casework
 * rules and the outcomes service. Codes are stable (stored, filtered on, sent in events);
 * labels belong to the UI.
 */

/** Case lifecycle (issue 5). `closed` carries one of CLOSURE_REASONS. */
export const CASE_STATES = [
  'allocated',
  'first_contact',
  'what_matters_conversation',
  'plan_agreed',
  'support_in_progress',
  'follow_up',
  'closed',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CLOSURE_REASONS = ['completed', 'declined', 'did_not_engage', 'moved_away', 'died'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const CONTACT_MODES = ['home_visit', 'phone', 'video', 'in_person_venue', 'group'] as const;
export type ContactMode = (typeof CONTACT_MODES)[number];

/** Onward referral status trail; `expired` is set by the chaser when the partner never answers. */
export const ONWARD_REFERRAL_STATUSES = [
  'sent',
  'accepted',
  'declined',
  'started',
  'completed',
  'dropped_out',
  'expired',
  'cancelled',
] as const;
export type OnwardReferralStatus = (typeof ONWARD_REFERRAL_STATUSES)[number];

/** Home-environment navigation pathway steps, in order (issue 5). */
export const PATHWAY_STEPS = [
  'eligibility_check',
  'forms_completed',
  'council_contacted',
  'assessment_booked',
  'assessment_done',
  'decision',
  'intervention_scheduled',
  'intervention_delivered',
  'delivery_confirmed',
] as const;
export type PathwayStep = (typeof PATHWAY_STEPS)[number];

/** Who owns a pathway: the hub's practitioners, or the partner in the brokered-referral model. */
export const PATHWAY_OWNERS = ['hub', 'partner'] as const;
export type PathwayOwner = (typeof PATHWAY_OWNERS)[number];

/** Brokered model: where the hand-off to the housing-and-health partner stands. */
export const HANDOFF_STATUSES = ['pending', 'sent', 'accepted', 'declined', 'completed', 'dropped'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

export const PRACTITIONER_ROLES = [
  'link_worker',
  'specialist_navigator',
  'volunteer_navigator',
  'supervisor',
] as const;
export type PractitionerRole = (typeof PRACTITIONER_ROLES)[number];

/** Caseload queues allocation draws from; same values as @linkway/domain INTAKE_QUEUES. */
export const CASE_QUEUES = ['general', 'specialist_navigator', 'hub_manager'] as const;
export type CaseQueue = (typeof CASE_QUEUES)[number];
