import {
  EMPTY_REFERRAL_FORM,
  formFieldOf,
  type ReferralForm,
  referralFormErrors,
  referralRequest,
} from './referral-form';

const TODAY = '2026-11-22';
const aForm = (overrides: Partial<ReferralForm> = {}): ReferralForm => ({
  ...EMPTY_REFERRAL_FORM,
  nhsNumber: '943 476 5919',
  givenName: 'Ada',
  familyName: 'Lovelace',
  dateOfBirth: '1950-12-10',
  postcode: 'ls1 4ap',
  referrerType: 'gp_practice',
  reasons: ['isolation'],
  consentAgreed: true,
  ...overrides,
});

describe('referralFormErrors', () => {
  it('accepts a complete form, with or without an NHS number', () => {
    expect(referralFormErrors(aForm(), TODAY)).toEqual({});
    expect(referralFormErrors(aForm({ nhsNumber: '' }), TODAY)).toEqual({});
  });

  it('checks the NHS number with the domain rule', () => {
    expect(referralFormErrors(aForm({ nhsNumber: '943 476 5918' }), TODAY).nhsNumber).toMatch(/check digit/);
  });

  it('requires consent and at least one reason', () => {
    expect(referralFormErrors(aForm({ consentAgreed: false, reasons: [] }), TODAY)).toEqual({
      reasons: expect.any(String),
      consentAgreed: 'The person must agree to the referral before you send it',
    });
  });

  it('names every missing field of an empty form in form order', () => {
    expect(Object.keys(referralFormErrors(EMPTY_REFERRAL_FORM, TODAY))).toEqual([
      'givenName',
      'familyName',
      'dateOfBirth',
      'postcode',
      'referrerType',
      'reasons',
      'consentAgreed',
    ]);
  });

  it('refuses a birth date in the future, a malformed postcode and self as an agency', () => {
    expect(
      Object.keys(
        referralFormErrors(
          aForm({ dateOfBirth: '2027-01-01', postcode: '12345', referrerType: 'self' }),
          TODAY,
        ),
      ),
    ).toEqual(['dateOfBirth', 'postcode', 'referrerType']);
  });
});

describe('referralRequest', () => {
  it('builds the gateway body with the NHS number unspaced and optional parts left out', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    expect(referralRequest(aForm(), now)).toEqual({
      person: {
        nhsNumber: '9434765919',
        givenName: 'Ada',
        familyName: 'Lovelace',
        dateOfBirth: '1950-12-10',
        postcode: 'LS1 4AP',
      },
      consent: { givenBy: 'person', method: 'verbal', recordedAt: '2026-11-22T10:00:00.000Z' },
      referrerType: 'gp_practice',
      reasons: ['isolation'],
    });
  });
});

describe('formFieldOf', () => {
  it('maps nested server fields to the form’s ids', () => {
    expect(['person.nhsNumber', 'consent.method', 'consent.recordedAt', 'reasons'].map(formFieldOf)).toEqual([
      'nhsNumber',
      'consentMethod',
      'consentAgreed',
      'reasons',
    ]);
  });
});
