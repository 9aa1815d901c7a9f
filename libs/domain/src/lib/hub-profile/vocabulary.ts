/*
 * Coded lists a hub profile and a referral draw on. Codes are stable (stored, filtered on, sent
 * to the federation); labels are for people and may be reworded.
 */

/** Who may refer (domain-reference.md, NHS England model: "easy referral from all local agencies"). */
export const REFERRER_TYPES = [
  'gp_practice',
  'mdt',
  'social_worker',
  'allied_health_professional',
  'local_authority',
  'hospital_discharge',
  'police',
  'fire_service',
  'pharmacy',
  'job_centre',
  'housing_association',
  'vcse',
  'self',
] as const;
export type ReferrerType = (typeof REFERRER_TYPES)[number];

export const REFERRER_TYPE_LABELS: Readonly<Record<ReferrerType, string>> = {
  gp_practice: 'GP or practice staff',
  mdt: 'Multidisciplinary team member',
  social_worker: 'Social worker',
  allied_health_professional: 'Allied health professional',
  local_authority: 'Local authority',
  hospital_discharge: 'Hospital discharge team',
  police: 'Police',
  fire_service: 'Fire service',
  pharmacy: 'Pharmacy',
  job_centre: 'Job centre',
  housing_association: 'Housing association',
  vcse: 'Voluntary, community or social enterprise organisation',
  self: 'Self-referral',
};

/** Presenting needs a referral is coded with (the seeds' list, plus needs the archetypes focus on). */
export const PRESENTING_NEEDS = [
  { code: 'isolation', label: 'Social isolation or loneliness' },
  { code: 'low_mood_anxiety', label: 'Low mood or anxiety' },
  { code: 'long_term_conditions', label: 'Living with long-term conditions' },
  { code: 'housing_home_environment', label: 'Housing or home environment' },
  { code: 'money_debt', label: 'Money or debt' },
  { code: 'carer_strain', label: 'Carer strain' },
  { code: 'physical_activity', label: 'Physical activity' },
  { code: 'bereavement', label: 'Bereavement' },
  { code: 'employment', label: 'Employment, training or volunteering' },
  { code: 'daily_living', label: 'Daily living skills' },
  { code: 'mental_health_recovery', label: 'Recovery after a mental health crisis' },
  { code: 'stroke_recovery', label: 'Life after stroke' },
  { code: 'frailty', label: 'Frailty' },
  { code: 'arranging_care', label: 'Arranging and paying for care' },
  { code: 'other', label: 'Other' },
] as const;
export type PresentingNeedCode = (typeof PRESENTING_NEEDS)[number]['code'];
export const PRESENTING_NEED_CODES: readonly PresentingNeedCode[] = PRESENTING_NEEDS.map((n) => n.code);

/** Home-environment screening questions asked at intake (issue 3's list). */
export const HOME_ENVIRONMENT_RISKS = [
  { code: 'cold_or_damp', label: 'Cold or damp home' },
  { code: 'disrepair', label: 'Disrepair' },
  { code: 'falls_risk', label: 'Falls risk in the home' },
  { code: 'fuel_debt', label: 'Fuel debt' },
  { code: 'overcrowding', label: 'Overcrowding' },
] as const;
export type HomeEnvironmentRisk = (typeof HOME_ENVIRONMENT_RISKS)[number]['code'];

/** How a hub handles home-environment work (the seed article's three models, or none). */
export const INTEGRATION_MODELS = [
  'embedded_specialist',
  'universal_screening',
  'brokered_referral',
  'none',
] as const;
export type IntegrationModel = (typeof INTEGRATION_MODELS)[number];

export const PRACTITIONER_TYPES = ['link_worker', 'specialist_navigator', 'volunteer_navigator'] as const;
export type PractitionerType = (typeof PRACTITIONER_TYPES)[number];

/** Facts about a person that eligibility rules can require. */
export const ELIGIBILITY_FLAGS = ['frail', 'self_funder', 'mental_health_crisis', 'stroke'] as const;
export type EligibilityFlag = (typeof ELIGIBILITY_FLAGS)[number];

export const ELIGIBILITY_FLAG_LABELS: Readonly<Record<EligibilityFlag, string>> = {
  frail: 'living with frailty',
  self_funder: 'paying for their own social care',
  mental_health_crisis: 'in or recovering from an acute mental health crisis',
  stroke: 'had a stroke',
};

/** Outcome measures a hub can switch on. */
export const OUTCOME_MEASURES = [
  'ons4',
  'swemwbs',
  'ucla3',
  'ons_loneliness',
  'health_use',
  'unscheduled_admissions',
  'readmissions',
] as const;
export type OutcomeMeasureCode = (typeof OUTCOME_MEASURES)[number];

export const ARCHETYPES = [
  'pcn_link_workers',
  'community_centre',
  'volunteer_navigators',
  'frail_elderly_navigation',
  'self_funder_navigation',
  'mental_health_recovery',
  'stroke_navigation',
  'vcse_connector',
  'home_environment_navigation',
] as const;
export type Archetype = (typeof ARCHETYPES)[number];
