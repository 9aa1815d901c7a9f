import { CONSENT_GIVEN_BY, CONSENT_METHODS, REFERRER_TYPES } from '@linkway/domain';
import { nhsNumberMessage } from '../../forms/nhs-number';

/** The referral form as typed; the gateway's CreateReferralRequest is built from it on submit. */
export interface ReferralForm {
  nhsNumber: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postcode: string;
  referrerType: string;
  reasons: string[];
  homeScreen: string[];
  safeguarding: boolean;
  note: string;
  consentAgreed: boolean;
  consentGivenBy: string;
  consentMethod: string;
}

export const EMPTY_REFERRAL_FORM: ReferralForm = {
  nhsNumber: '',
  givenName: '',
  familyName: '',
  dateOfBirth: '',
  postcode: '',
  referrerType: '',
  reasons: [],
  homeScreen: [],
  safeguarding: false,
  note: '',
  consentAgreed: false,
  consentGivenBy: 'person',
  consentMethod: 'verbal',
};

/** Referrer types an agency can pick (self-referral has its own public form). */
export const AGENCY_REFERRER_TYPES = REFERRER_TYPES.filter((type) => type !== 'self');

const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;

/**
 * Messages by form field id, in form order. The NHS number rule is libs/domain's; the hub's own
 * rules (eligibility, who may refer) are checked by referral-intake and come back as details.
 */
export function referralFormErrors(form: ReferralForm, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const nhs = nhsNumberMessage(form.nhsNumber);
  if (nhs) errors.nhsNumber = nhs;
  if (!form.givenName.trim()) errors.givenName = 'Enter the person’s first name';
  if (!form.familyName.trim()) errors.familyName = 'Enter the person’s last name';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.dateOfBirth)) errors.dateOfBirth = 'Enter the person’s date of birth';
  else if (form.dateOfBirth > today) errors.dateOfBirth = 'Date of birth must be in the past';
  if (!form.postcode.trim()) errors.postcode = 'Enter the person’s postcode';
  else if (!UK_POSTCODE.test(form.postcode.trim())) errors.postcode = 'Enter a real postcode, like LS1 4AP';
  if (!(AGENCY_REFERRER_TYPES as readonly string[]).includes(form.referrerType))
    errors.referrerType = 'Choose who you are referring as';
  if (form.reasons.length === 0) errors.reasons = 'Choose at least one reason for the referral';
  if (!form.consentAgreed) errors.consentAgreed = 'The person must agree to the referral before you send it';
  if (!(CONSENT_GIVEN_BY as readonly string[]).includes(form.consentGivenBy))
    errors.consentGivenBy = 'Choose who gave consent';
  if (!(CONSENT_METHODS as readonly string[]).includes(form.consentMethod))
    errors.consentMethod = 'Choose how consent was given';
  return errors;
}

/** The body of POST /api/v1/referrals. */
export function referralRequest(form: ReferralForm, now: Date) {
  return {
    person: {
      ...(form.nhsNumber.trim() ? { nhsNumber: form.nhsNumber.replace(/[\s-]/g, '') } : {}),
      givenName: form.givenName.trim(),
      familyName: form.familyName.trim(),
      dateOfBirth: form.dateOfBirth,
      postcode: form.postcode.trim().toUpperCase(),
    },
    consent: { givenBy: form.consentGivenBy, method: form.consentMethod, recordedAt: now.toISOString() },
    referrerType: form.referrerType,
    reasons: form.reasons,
    ...(form.homeScreen.length ? { homeScreen: form.homeScreen } : {}),
    ...(form.safeguarding ? { safeguarding: true } : {}),
    ...(form.note.trim() ? { note: form.note.trim() } : {}),
  };
}

/** Server details name nested fields (`person.nhsNumber`); the form's ids are flat. */
export function formFieldOf(serverField: string): string {
  const last = serverField.split('.').pop() ?? serverField;
  if (serverField.startsWith('consent.'))
    return last === 'givenBy' ? 'consentGivenBy' : last === 'method' ? 'consentMethod' : 'consentAgreed';
  return last;
}
