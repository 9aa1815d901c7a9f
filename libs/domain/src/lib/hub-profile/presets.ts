import { DEFAULT_FOLLOW_UP_INTERVALS } from '../outcomes/timepoints';
import type { HubProfile } from './hub-profile';
import { type Archetype, type IntegrationModel, REFERRER_TYPES } from './vocabulary';

/**
 * Ready-made profiles for the scheme archetypes in domain-reference.md, one per row of its table
 * (the home-environment row three times, once per integration model). The demo hubs start from
 * these; a real hub copies one and changes what differs.
 */
export const HUB_PRESET_KEYS = [
  'pcn_link_workers',
  'community_centre',
  'volunteer_navigators',
  'frail_elderly_navigation',
  'self_funder_navigation',
  'mental_health_recovery',
  'stroke_navigation',
  'vcse_connector',
  'home_environment_embedded_specialist',
  'home_environment_universal_screening',
  'home_environment_brokered_referral',
] as const;
export type HubPresetKey = (typeof HUB_PRESET_KEYS)[number];

/** A profile without the identity a real hub gives it. */
export type HubPreset = Omit<HubProfile, 'hubId' | 'name'>;

/** The NHS England standard model: easy referral from all local agencies, and self-referral. */
const ALL_REFERRERS = [...REFERRER_TYPES];

/** Measures for a general scheme: well-being, loneliness and health use at baseline and follow-up. */
const STANDARD_MEASURES: HubPreset['outcomes']['measures'] = [
  'ons4',
  'swemwbs',
  'ucla3',
  'ons_loneliness',
  'health_use',
];

const base = (archetype: Archetype, modelledOn: string): HubPreset => ({
  archetype,
  modelledOn,
  referrals: { accepted: ALL_REFERRERS, firstYearGpOnly: false },
  eligibility: { minAge: 18, requiredFlags: [] },
  focusNeeds: [],
  homeEnvironment: { integrationModel: 'none' },
  outcomes: {
    measures: STANDARD_MEASURES,
    // 6 weeks and end of support (12 weeks); six months only where an archetype asks for it
    followUpDays: {
      six_week: DEFAULT_FOLLOW_UP_INTERVALS.six_week,
      end_of_support: DEFAULT_FOLLOW_UP_INTERVALS.end_of_support,
    },
    healthUseWindowMonths: 3,
    overdueAfterDays: 14,
  },
  // A link worker holds around 40 open cases at once and is supervised by a GP.
  practitioners: { types: ['link_worker'], supervisionRequired: true, maxOpenCasesPerPractitioner: 40 },
  staleAfterDays: 3,
});

const homeEnvironment = (model: IntegrationModel): HubPreset => {
  const preset = base('home_environment_navigation', `seed article: ${model.replace('_', ' ')}`);
  return {
    ...preset,
    focusNeeds: ['housing_home_environment'],
    homeEnvironment: {
      integrationModel: model,
      ...(model === 'brokered_referral'
        ? { brokerPartnerName: 'Housing and Health Service (set per hub)' }
        : {}),
    },
    practitioners: {
      ...preset.practitioners,
      types: model === 'embedded_specialist' ? ['link_worker', 'specialist_navigator'] : ['link_worker'],
    },
  };
};

export const HUB_PRESETS: Readonly<Record<HubPresetKey, HubPreset>> = {
  pcn_link_workers: {
    ...base('pcn_link_workers', 'West Wakefield; Brighton & Hove pilot; Dundee'),
    // After its first year a PCN scheme takes referrals from all local agencies like any other;
    // in year one, GP practices only. schemeStartDate is set per hub (see hubProfileFromPreset).
    referrals: { accepted: ALL_REFERRERS, firstYearGpOnly: true, schemeStartDate: '2026-04-01' },
  },
  community_centre: {
    ...base('community_centre', 'Bromley-by-Bow'),
    referrals: { accepted: ALL_REFERRERS, firstYearGpOnly: false },
  },
  volunteer_navigators: {
    ...base('volunteer_navigators', 'Brighton & Hove navigator project'),
    practitioners: {
      types: ['volunteer_navigator'],
      supervisionRequired: true,
      maxOpenCasesPerPractitioner: 10,
    },
  },
  frail_elderly_navigation: {
    ...base('frail_elderly_navigation', 'Cumbria CCG pilot'),
    eligibility: { minAge: 75, requiredFlags: ['frail'] },
    focusNeeds: ['frailty', 'isolation'],
    outcomes: {
      ...base('frail_elderly_navigation', '').outcomes,
      measures: [...STANDARD_MEASURES, 'unscheduled_admissions'],
    },
  },
  self_funder_navigation: {
    ...base('self_funder_navigation', 'North Somerset'),
    eligibility: { minAge: 18, requiredFlags: ['self_funder'] },
    focusNeeds: ['arranging_care'],
  },
  mental_health_recovery: {
    ...base('mental_health_recovery', 'Bristol recovery navigators'),
    eligibility: { minAge: 18, requiredFlags: ['mental_health_crisis'] },
    focusNeeds: ['mental_health_recovery', 'daily_living'],
  },
  stroke_navigation: {
    ...base('stroke_navigation', 'Camden'),
    eligibility: { minAge: 18, requiredFlags: ['stroke'] },
    focusNeeds: ['stroke_recovery'],
    outcomes: {
      ...base('stroke_navigation', '').outcomes,
      measures: [...STANDARD_MEASURES, 'readmissions'],
      // readmissions are counted at 6 weeks and 6 months against a 7.5% baseline
      followUpDays: { ...DEFAULT_FOLLOW_UP_INTERVALS },
      readmissionBaselineRate: 0.075,
    },
  },
  vcse_connector: {
    ...base('vcse_connector', 'Rotherham (20+ VCSE organisations)'),
    outcomes: {
      ...base('vcse_connector', '').outcomes,
      // Health use before and after at 3–4 months: end of support at 15 weeks (~3.5 months).
      followUpDays: { end_of_support: 105 },
    },
  },
  home_environment_embedded_specialist: homeEnvironment('embedded_specialist'),
  home_environment_universal_screening: homeEnvironment('universal_screening'),
  home_environment_brokered_referral: homeEnvironment('brokered_referral'),
};

/** A full profile from a preset: the hub's identity plus whatever it changes. Validate the result. */
export function hubProfileFromPreset(
  key: HubPresetKey,
  identity: { hubId: string; name: string },
  overrides: Partial<HubPreset> = {},
): HubProfile {
  return structuredClone({ ...HUB_PRESETS[key], ...overrides, ...identity });
}
