import { type HubProfile, validateHubProfile } from './hub-profile';
import { HUB_PRESETS, HUB_PRESET_KEYS, type HubPresetKey, hubProfileFromPreset } from './presets';
import {
  ageInYears,
  checkEligibility,
  checkReferrer,
  firstYearEnds,
  isReferrerAccepted,
  routeHomeEnvironmentCase,
} from './rules';
import { ARCHETYPES, INTEGRATION_MODELS, REFERRER_TYPES } from './vocabulary';

const profile = (
  key: HubPresetKey = 'community_centre',
  overrides: Partial<HubProfile> = {},
): HubProfile => ({
  ...hubProfileFromPreset(key, { hubId: 'demo-hub', name: 'Demo Hub' }),
  ...overrides,
});

const at = (isoDate: string): Date => new Date(`${isoDate}T12:00:00Z`);

describe('HUB_PRESETS', () => {
  it.each(HUB_PRESET_KEYS)('%s is a valid profile once given an identity', (key) => {
    expect(validateHubProfile(profile(key))).toEqual({ valid: true, value: profile(key) });
  });

  it('covers every archetype and every home-environment model', () => {
    const presets = Object.values(HUB_PRESETS);
    expect(new Set(presets.map((p) => p.archetype))).toEqual(new Set(ARCHETYPES));
    expect(new Set(presets.map((p) => p.homeEnvironment.integrationModel))).toEqual(
      new Set(INTEGRATION_MODELS),
    );
  });

  it('sets what the reference table says each archetype sets', () => {
    expect(HUB_PRESETS.pcn_link_workers.referrals.firstYearGpOnly).toBe(true);
    expect(HUB_PRESETS.community_centre.referrals.accepted).toContain('self');
    expect(HUB_PRESETS.volunteer_navigators.practitioners).toMatchObject({
      types: ['volunteer_navigator'],
      supervisionRequired: true,
    });
    expect(HUB_PRESETS.frail_elderly_navigation.eligibility).toEqual({
      minAge: 75,
      requiredFlags: ['frail'],
    });
    expect(HUB_PRESETS.frail_elderly_navigation.outcomes.measures).toContain('unscheduled_admissions');
    expect(HUB_PRESETS.self_funder_navigation.eligibility).toEqual({
      minAge: 18,
      requiredFlags: ['self_funder'],
    });
    expect(HUB_PRESETS.mental_health_recovery.eligibility.requiredFlags).toEqual(['mental_health_crisis']);
    expect(HUB_PRESETS.stroke_navigation.outcomes).toMatchObject({
      readmissionBaselineRate: 0.075,
      followUpDays: { six_week: 42, six_month: 182 },
    });
    expect(HUB_PRESETS.vcse_connector.outcomes.measures).toContain('health_use');
    expect(HUB_PRESETS.home_environment_embedded_specialist.practitioners.types).toContain(
      'specialist_navigator',
    );
  });

  it('hands out copies, so changing one hub never changes a preset', () => {
    const hub = profile('community_centre');
    hub.referrals.accepted.pop();
    expect(HUB_PRESETS.community_centre.referrals.accepted).toHaveLength(REFERRER_TYPES.length);
  });
});

describe(validateHubProfile.name, () => {
  const fieldsOf = (input: unknown): Array<string | undefined> => {
    const result = validateHubProfile(input);
    return result.valid ? [] : result.errors.map((e) => e.field);
  };

  it('refuses something that is not an object', () => {
    expect(fieldsOf(null)).toEqual(['profile']);
  });

  it('names a bad hub id, empty name and unknown archetype', () => {
    expect(
      fieldsOf(profile('community_centre', { hubId: 'Hub.One', name: ' ', archetype: 'x' as never })),
    ).toEqual(['hubId', 'name', 'archetype']);
  });

  it('requires a start date and gp_practice for the first-year GP-only rule', () => {
    const hub = profile('pcn_link_workers');
    hub.referrals = { accepted: ['vcse'], firstYearGpOnly: true, schemeStartDate: '2026-02-30' };
    const result = validateHubProfile(hub);
    expect(result).toEqual({
      valid: false,
      errors: [
        {
          field: 'referrals.schemeStartDate',
          reason: 'the first-year GP-only rule needs the scheme start date as YYYY-MM-DD',
        },
        {
          field: 'referrals.accepted',
          reason: 'a scheme taking GP referrals only in its first year must accept gp_practice',
        },
      ],
    });
  });

  it('lists unknown and repeated referrer types', () => {
    const hub = profile();
    hub.referrals = { accepted: ['gp_practice', 'dentist' as never], firstYearGpOnly: false };
    expect(validateHubProfile(hub)).toMatchObject({
      valid: false,
      errors: [{ field: 'referrals.accepted', reason: expect.stringContaining('unknown value(s) dentist') }],
    });
    hub.referrals = { accepted: ['self', 'self'], firstYearGpOnly: false };
    expect(fieldsOf(hub)).toEqual(['referrals.accepted']);
  });

  it('refuses a max age below the min age', () => {
    expect(
      fieldsOf(profile('community_centre', { eligibility: { minAge: 75, maxAge: 65, requiredFlags: [] } })),
    ).toEqual(['eligibility.maxAge']);
  });

  it('needs a partner for brokered referral and specialists for an embedded model', () => {
    const brokered = profile('home_environment_brokered_referral');
    brokered.homeEnvironment = { integrationModel: 'brokered_referral' };
    expect(fieldsOf(brokered)).toEqual(['homeEnvironment.brokerPartnerName']);
    const embedded = profile('home_environment_embedded_specialist');
    embedded.practitioners.types = ['link_worker'];
    expect(fieldsOf(embedded)).toEqual(['practitioners.types']);
  });

  it('checks follow-up intervals, measures and the readmission baseline', () => {
    const hub = profile('stroke_navigation');
    hub.outcomes = {
      ...hub.outcomes,
      followUpDays: { six_week: 90, end_of_support: 84 },
      readmissionBaselineRate: 7.5,
    };
    expect(fieldsOf(hub)).toEqual([
      'outcomes.followUpDays.end_of_support',
      'outcomes.readmissionBaselineRate',
    ]);
    hub.outcomes = { ...profile('stroke_navigation').outcomes, measures: [] };
    expect(fieldsOf(hub)).toEqual(['outcomes.measures']);
  });

  it('checks practitioner types, caseload and staleness', () => {
    const hub = profile('community_centre', { staleAfterDays: 0 });
    hub.practitioners = { types: [], supervisionRequired: true, maxOpenCasesPerPractitioner: 0 };
    expect(fieldsOf(hub)).toEqual([
      'practitioners.types',
      'practitioners.maxOpenCasesPerPractitioner',
      'staleAfterDays',
    ]);
  });
});

describe(checkReferrer.name, () => {
  const pcn = (): HubProfile => {
    const hub = profile('pcn_link_workers', { name: 'Wakefield West PCN' });
    hub.referrals.schemeStartDate = '2026-04-01';
    return hub;
  };

  it('takes only GP practice referrals in the first year of a new PCN scheme', () => {
    expect(checkReferrer(pcn(), 'gp_practice', at('2026-04-01'))).toEqual({ accepted: true });
    expect(checkReferrer(pcn(), 'pharmacy', at('2027-03-31'))).toEqual({
      accepted: false,
      reason:
        'Wakefield West PCN is in its first year and takes referrals from GP practices only until 2027-04-01',
    });
  });

  it('takes every listed referrer from the first anniversary on', () => {
    expect(isReferrerAccepted(pcn(), 'pharmacy', new Date('2027-04-01T00:00:00Z'))).toBe(true);
    expect(isReferrerAccepted(pcn(), 'pharmacy', new Date('2027-03-31T23:59:59Z'))).toBe(false);
  });

  it('refuses a referrer type the hub does not list, whatever the date', () => {
    const hub = profile('community_centre', { name: 'Hub' });
    hub.referrals.accepted = ['gp_practice'];
    expect(checkReferrer(hub, 'police', at('2030-01-01'))).toEqual({
      accepted: false,
      reason: 'Hub does not take referrals from: police',
    });
  });

  it('ends a scheme started on 29 February on 1 March the next year', () => {
    expect(firstYearEnds('2028-02-29').toISOString()).toBe('2029-03-01T00:00:00.000Z');
  });
});

describe(ageInYears.name, () => {
  it('counts completed years, turning on the birthday', () => {
    expect(ageInYears('1950-06-15', at('2025-06-14'))).toBe(74);
    expect(ageInYears('1950-06-15', at('2025-06-15'))).toBe(75);
    expect(ageInYears(new Date('2000-02-29T00:00:00Z'), at('2025-02-28'))).toBe(24);
    expect(ageInYears(new Date('2000-02-29T00:00:00Z'), at('2025-03-01'))).toBe(25);
  });
});

describe(checkEligibility.name, () => {
  const frail = (): HubProfile => profile('frail_elderly_navigation', { name: 'Cumbria Navigation' });

  it('accepts a frail person aged 75 on their birthday', () => {
    expect(
      checkEligibility(frail(), { dateOfBirth: '1950-06-15', flags: ['frail'] }, at('2025-06-15')),
    ).toEqual({
      eligible: true,
      reasons: [],
    });
  });

  it('gives every reason at once', () => {
    expect(checkEligibility(frail(), { dateOfBirth: '1950-06-15', flags: [] }, at('2025-06-14'))).toEqual({
      eligible: false,
      reasons: [
        'Cumbria Navigation supports people aged 75 or over; this person is 74',
        'Cumbria Navigation supports people living with frailty',
      ],
    });
  });

  it('refuses a date of birth in the future or not a date', () => {
    const hub = profile();
    expect(checkEligibility(hub, { dateOfBirth: '2030-01-01', flags: [] }, at('2026-01-01')).reasons).toEqual(
      ['the date of birth is in the future'],
    );
    expect(checkEligibility(hub, { dateOfBirth: 'soon', flags: [] }, at('2026-01-01')).reasons).toEqual([
      'the date of birth is not a valid date',
    ]);
  });

  it('applies a maximum age', () => {
    const hub = profile('community_centre', {
      name: 'Youth Hub',
      eligibility: { minAge: 16, maxAge: 25, requiredFlags: [] },
    });
    expect(checkEligibility(hub, { dateOfBirth: '1990-01-01', flags: [] }, at('2026-01-01')).reasons).toEqual(
      ['Youth Hub supports people aged 25 or under; this person is 36'],
    );
  });
});

describe(routeHomeEnvironmentCase.name, () => {
  it.each([
    ['home_environment_embedded_specialist', 'specialist_navigator_queue'],
    ['home_environment_universal_screening', 'any_link_worker'],
    ['home_environment_brokered_referral', 'onward_referral'],
    ['community_centre', 'not_offered'],
  ] as const)('%s routes to %s', (key, route) => {
    expect(routeHomeEnvironmentCase(profile(key))).toBe(route);
  });
});
