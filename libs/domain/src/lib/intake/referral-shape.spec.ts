import { hubProfileFromPreset } from '../hub-profile/presets';
import { checkReferral, type ReferralDraft } from './referral-rules';
import { checkDraftShape } from './referral-shape';

const good = (): Record<string, unknown> => ({
  referrerType: 'gp_practice',
  person: {
    nhsNumber: '943 476 5919',
    givenName: 'Ada',
    familyName: 'Lovelace',
    dateOfBirth: '1950-12-10',
    postcode: 'LS1 4AP',
    flags: ['frail'],
  },
  consent: { givenBy: 'person', method: 'verbal', recordedAt: '2026-11-20T10:00:00Z' },
  reasons: ['isolation'],
  homeScreen: ['cold_or_damp'],
  safeguarding: false,
  note: 'Lives alone',
});

describe(checkDraftShape.name, () => {
  it('passes a well-formed draft, and one without its optional fields', () => {
    expect(checkDraftShape(good())).toEqual([]);
    const bare = good();
    for (const optional of ['homeScreen', 'safeguarding', 'note']) delete bare[optional];
    delete (bare.person as Record<string, unknown>).nhsNumber;
    expect(checkDraftShape({ ...bare, note: null })).toEqual([]);
  });

  it('names every wrong field by its path at once', () => {
    const draft = {
      ...good(),
      person: {
        givenName: 5,
        familyName: '  ',
        dateOfBirth: '1950-12-10',
        postcode: 'LS1 4AP 1234',
        flags: 'frail',
      },
      consent: 'yes',
      reasons: ['isolation', 7],
      safeguarding: 'no',
      note: 'x'.repeat(2001),
    };
    expect(checkDraftShape(draft)).toEqual([
      { field: 'person.givenName', reason: 'must be a string' },
      { field: 'person.familyName', reason: 'must not be empty' },
      { field: 'person.postcode', reason: 'must be at most 10 characters' },
      { field: 'person.flags', reason: 'must be a list of codes (strings)' },
      { field: 'consent', reason: 'must be an object' },
      { field: 'reasons', reason: 'must be a list of codes (strings)' },
      { field: 'safeguarding', reason: 'must be true or false' },
      { field: 'note', reason: 'must be at most 2000 characters' },
    ]);
  });

  it('refuses unknown fields (a typo must not pass) and missing required ones', () => {
    const draft = good();
    delete draft.reasons;
    draft.reason = ['isolation'];
    (draft.person as Record<string, unknown>).postCode = 'LS1 4AP';
    delete (draft.person as Record<string, unknown>).postcode;
    expect(checkDraftShape(draft)).toEqual([
      { field: 'reason', reason: 'is not a field of a referral; remove it' },
      { field: 'person.postCode', reason: 'is not a field of a referral; remove it' },
      { field: 'person.postcode', reason: 'is required' },
      { field: 'reasons', reason: 'is required' },
    ]);
  });

  it('refuses what is not an object, and more than 15 presenting needs', () => {
    for (const body of [undefined, null, 'referral', [good()]])
      expect(checkDraftShape(body)).toEqual([{ field: 'referral', reason: 'must be a JSON object' }]);
    expect(checkDraftShape({ ...good(), reasons: Array.from({ length: 16 }, () => 'isolation') })).toEqual([
      { field: 'reasons', reason: 'must list at most 15' },
    ]);
  });

  it('is checked by checkReferral before the rules, so a malformed draft from any channel is a clear refusal', () => {
    const profile = hubProfileFromPreset('community_centre', { hubId: 'hub1', name: 'Test hub' });
    const draft = { ...good(), person: { ...(good().person as object), givenName: ['Ada'] } };
    expect(
      checkReferral(draft as unknown as ReferralDraft, profile, new Date('2026-11-22T12:00:00Z')),
    ).toEqual({
      valid: false,
      errors: [{ field: 'person.givenName', reason: 'must be a string' }],
    });
  });
});
