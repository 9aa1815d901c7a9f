import { hubProfileFromPreset } from '../hub-profile/presets';
import type { HubProfile } from '../hub-profile/hub-profile';
import { CsvRowParser, checkImportHeader, importRowKey, importRowToDraft } from './csv-import';
import { checkReferral, type ReferralDraft, routeReferral } from './referral-rules';

const AT = new Date('2026-11-22T12:00:00Z');

const profile = (
  key: Parameters<typeof hubProfileFromPreset>[0],
  overrides: Partial<HubProfile> = {},
): HubProfile => hubProfileFromPreset(key, { hubId: 'hub1', name: 'Test hub' }, overrides);

const draft = (
  overrides: Partial<ReferralDraft> = {},
  person: Partial<ReferralDraft['person']> = {},
): ReferralDraft => ({
  referrerType: 'gp_practice',
  person: {
    nhsNumber: '943 476 5919',
    givenName: 'Ada',
    familyName: 'Lovelace',
    dateOfBirth: '1950-12-10',
    postcode: 'ls1 4ap',
    ...person,
  },
  consent: { givenBy: 'person', method: 'verbal', recordedAt: '2026-11-20T10:00:00Z' },
  reasons: ['isolation'],
  ...overrides,
});

describe(checkReferral.name, () => {
  const sut = (d: ReferralDraft, p = profile('community_centre')) => checkReferral(d, p, AT);

  it('accepts a good referral, normalising NHS number and postcode', () => {
    expect(sut(draft({ homeScreen: ['cold_or_damp'] }))).toEqual({
      valid: true,
      value: {
        referrerType: 'gp_practice',
        nhsNumber: '9434765919',
        identityFollowUp: false,
        postcode: 'LS1 4AP',
        reasons: ['isolation'],
        homeScreen: ['cold_or_damp'],
        flags: [],
      },
    });
  });

  it('flags identity follow-up when there is no NHS number', () => {
    const result = sut(draft({}, { nhsNumber: undefined }));
    expect(result.valid && result.value).toMatchObject({ nhsNumber: null, identityFollowUp: true });
  });

  it('names every broken rule at once', () => {
    const result = sut(
      draft(
        {
          reasons: [],
          consent: { givenBy: 'neighbour', method: 'telepathy', recordedAt: 'soon' },
          homeScreen: ['ghosts'],
        },
        { nhsNumber: '9434765918', dateOfBirth: '2027-01-01', postcode: '12345' },
      ),
    );
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.errors.map((e) => e.field)).toEqual([
      'person.nhsNumber',
      'person.dateOfBirth',
      'person.postcode',
      'consent.givenBy',
      'consent.method',
      'consent.recordedAt',
      'reasons',
      'homeScreen',
    ]);
  });

  it('applies the hub eligibility: frail elderly needs 75+ and frail', () => {
    const frail = profile('frail_elderly_navigation');
    const young = sut(draft({}, { dateOfBirth: '1970-01-01' }), frail);
    expect(!young.valid && young.errors.map((e) => e.field)).toEqual(['person.dateOfBirth', 'person.flags']);
    expect(sut(draft({}, { dateOfBirth: '1940-01-01', flags: ['frail'] }), frail).valid).toBe(true);
  });

  it('takes GP referrals only in the first year of a PCN scheme, then any accepted referrer', () => {
    const pcn = profile('pcn_link_workers', {
      referrals: {
        accepted: ['gp_practice', 'pharmacy'],
        firstYearGpOnly: true,
        schemeStartDate: '2026-06-01',
      },
    });
    const yearOne = sut(draft({ referrerType: 'pharmacy' }), pcn);
    expect(!yearOne.valid && yearOne.errors[0]).toMatchObject({
      field: 'referrerType',
      reason: expect.stringContaining('first year'),
    });
    expect(sut(draft(), pcn).valid).toBe(true);
    const later = checkReferral(draft({ referrerType: 'pharmacy' }), pcn, new Date('2027-06-02T00:00:00Z'));
    expect(later.valid).toBe(true);
  });
});

describe(routeReferral.name, () => {
  it.each([
    [
      'home_environment_embedded_specialist',
      ['fuel_debt'],
      false,
      { queue: 'specialist_navigator', handoff: false },
    ],
    ['home_environment_universal_screening', ['fuel_debt'], false, { queue: 'general', handoff: false }],
    ['home_environment_brokered_referral', ['fuel_debt'], false, { queue: 'general', handoff: true }],
    ['home_environment_brokered_referral', [], false, { queue: 'general', handoff: false }],
    ['home_environment_embedded_specialist', ['disrepair'], true, { queue: 'hub_manager', handoff: false }],
  ] as const)('%s with screen %j, safeguarding %s → %j', (key, homeScreen, safeguarding, expected) => {
    expect(routeReferral(profile(key), { safeguarding, homeScreen })).toEqual(expected);
  });
});

describe(CsvRowParser.name, () => {
  it('parses quotes, doubled quotes, CRLF and a missing final newline, whatever the chunking', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""",\n1,2,3';
    const expected = [
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', ''],
      ['1', '2', '3'],
    ];
    for (let size = 1; size <= text.length; size++) {
      const sut = new CsvRowParser();
      const rows: string[][] = [];
      for (let i = 0; i < text.length; i += size) rows.push(...sut.push(text.slice(i, i + size)));
      rows.push(...sut.end());
      expect(rows).toEqual(expected);
    }
  });
});

describe(importRowToDraft.name, () => {
  it('maps columns to a draft: reasons split on ;, yes/no screening answers to risk codes', () => {
    const header = [
      'source_id',
      'given_name',
      'family_name',
      'date_of_birth',
      'postcode',
      'referrer_type',
      'reasons',
      'consent_given_by',
      'consent_method',
      'consent_recorded_at',
      'cold_or_damp',
      'falls_risk',
      'frail',
    ];
    const row = [
      'S1',
      'Ada',
      'Lovelace',
      '1950-12-10',
      'LS1 4AP',
      'vcse',
      'isolation; money_debt',
      'person',
      'written',
      '2026-10-01',
      'yes',
      'no',
      'Y',
    ];
    expect(importRowToDraft(header, row)).toMatchObject({
      sourceId: 'S1',
      draft: {
        referrerType: 'vcse',
        reasons: ['isolation', 'money_debt'],
        homeScreen: ['cold_or_damp'],
        person: { flags: ['frail'] },
      },
    });
    expect(checkImportHeader(header)).toEqual([]);
  });
});

describe(importRowKey.name, () => {
  it('prefers the source id, else file key and row, else none', () => {
    expect(importRowKey('abc', 3, 'S9')).toBe('import:src:S9');
    expect(importRowKey('abc', 3, undefined)).toBe('import:abc:3');
    expect(importRowKey(undefined, 3, undefined)).toBeUndefined();
  });
});
