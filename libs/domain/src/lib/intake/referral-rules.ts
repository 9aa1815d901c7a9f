import type { ErrorDetail } from '@linkway/util';
import { SNOMED } from '../codes/snomed';
import { normalisePostcode } from '../directory/geo';
import type { HubProfile } from '../hub-profile/hub-profile';
import { checkEligibility, checkReferrer } from '../hub-profile/rules';
import {
  type EligibilityFlag,
  HOME_ENVIRONMENT_RISKS,
  type HomeEnvironmentRisk,
  PRESENTING_NEED_CODES,
  type PresentingNeedCode,
  REFERRER_TYPES,
  type ReferrerType,
} from '../hub-profile/vocabulary';
import { checkNhsNumber } from '../identity/nhs-number';
import { invalidResult, type Validated, validResult } from '../shared/validated';
import { checkDraftShape } from './referral-shape';

/** Recorded on acceptance (once per episode) and when the person declines. */
export const INTAKE_SNOMED_REFERRED = SNOMED.referralToSocialPrescribingService.code;
export const INTAKE_SNOMED_DECLINED = SNOMED.socialPrescribingDeclined.code;

export const CONSENT_GIVEN_BY = ['person', 'representative'] as const;
export const CONSENT_METHODS = ['verbal', 'written', 'electronic'] as const;

export const HOME_SCREEN_CODES: readonly HomeEnvironmentRisk[] = HOME_ENVIRONMENT_RISKS.map((r) => r.code);

/** A referral as any channel delivers it (JSON, self-referral form, FHIR, CSV row), before checks. */
export interface ReferralDraft {
  referrerType: string;
  person: {
    nhsNumber?: string;
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    postcode: string;
    /** Eligibility flags the referrer asserts (frail, self_funder, ...). */
    flags?: string[];
  };
  consent: { givenBy: string; method: string; recordedAt: string };
  reasons: string[];
  /** Home-environment screening answers: the risk codes answered "yes". */
  homeScreen?: string[];
  safeguarding?: boolean;
}

export interface CheckedReferral {
  referrerType: ReferrerType;
  nhsNumber: string | null;
  /** No NHS number: the person gets a local id and someone must confirm who they are. */
  identityFollowUp: boolean;
  postcode: string;
  reasons: PresentingNeedCode[];
  homeScreen: HomeEnvironmentRisk[];
  flags: EligibilityFlag[];
}

const isIsoDate = (value: unknown): value is string => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
};

const unknownCodes = (values: readonly string[], allowed: readonly string[]) =>
  values.filter((v) => !allowed.includes(v));

/**
 * Every intake rule on one referral, against the hub's profile, at a moment: first its form
 * (checkDraftShape; the draft may come straight off the wire), then the rules. All problems of
 * a stage are returned at once, each naming its field, so a referrer can fix the form in one go.
 */
export function checkReferral(
  draft: ReferralDraft,
  profile: HubProfile,
  at: Date,
): Validated<CheckedReferral> {
  const shape = checkDraftShape(draft);
  if (shape.length) return invalidResult(shape);
  const errors: ErrorDetail[] = [];
  if (!(REFERRER_TYPES as readonly string[]).includes(draft.referrerType)) {
    errors.push({ field: 'referrerType', reason: `must be one of ${REFERRER_TYPES.join(', ')}` });
  } else {
    const referrer = checkReferrer(profile, draft.referrerType as ReferrerType, at);
    if (!referrer.accepted) errors.push({ field: 'referrerType', reason: referrer.reason });
  }

  let nhsNumber: string | null = null;
  if (draft.person.nhsNumber != null && draft.person.nhsNumber !== '') {
    const check = checkNhsNumber(draft.person.nhsNumber);
    if (check.valid) nhsNumber = check.normalised;
    else errors.push({ field: 'person.nhsNumber', reason: `NHS number ${check.reason}` });
  }

  const flags = draft.person.flags ?? [];
  const badFlags = unknownCodes(flags, ['frail', 'self_funder', 'mental_health_crisis', 'stroke']);
  if (badFlags.length)
    errors.push({ field: 'person.flags', reason: `unknown flag(s) ${badFlags.join(', ')}` });
  if (!isIsoDate(draft.person.dateOfBirth)) {
    errors.push({ field: 'person.dateOfBirth', reason: 'must be a date YYYY-MM-DD' });
  } else if (draft.person.dateOfBirth > at.toISOString().slice(0, 10)) {
    errors.push({ field: 'person.dateOfBirth', reason: 'must not be in the future' });
  } else if (!badFlags.length) {
    const eligibility = checkEligibility(
      profile,
      { dateOfBirth: draft.person.dateOfBirth, flags: flags as EligibilityFlag[] },
      at,
    );
    for (const reason of eligibility.reasons) {
      const field = /aged/.test(reason) ? 'person.dateOfBirth' : 'person.flags';
      errors.push({ field, reason });
    }
  }

  const postcode = normalisePostcode(draft.person.postcode ?? '');
  if (!postcode) errors.push({ field: 'person.postcode', reason: 'must be a UK postcode, e.g. LS1 4AP' });

  if (!(CONSENT_GIVEN_BY as readonly string[]).includes(draft.consent?.givenBy))
    errors.push({
      field: 'consent.givenBy',
      reason: `consent to share must say who gave it: ${CONSENT_GIVEN_BY.join(', ')}`,
    });
  if (!(CONSENT_METHODS as readonly string[]).includes(draft.consent?.method))
    errors.push({
      field: 'consent.method',
      reason: `consent to share must say how it was given: ${CONSENT_METHODS.join(', ')}`,
    });
  const consentAt = Date.parse(draft.consent?.recordedAt ?? '');
  if (Number.isNaN(consentAt))
    errors.push({ field: 'consent.recordedAt', reason: 'must be the date-time consent was given' });
  else if (consentAt > at.getTime() + 5 * 60_000)
    errors.push({ field: 'consent.recordedAt', reason: 'must not be in the future' });

  if (!Array.isArray(draft.reasons) || draft.reasons.length === 0) {
    errors.push({ field: 'reasons', reason: 'give at least one presenting need' });
  } else {
    const bad = unknownCodes(draft.reasons, PRESENTING_NEED_CODES);
    if (bad.length)
      errors.push({
        field: 'reasons',
        reason: `unknown presenting need(s) ${bad.join(', ')}; use ${PRESENTING_NEED_CODES.join(', ')}`,
      });
  }
  const screen = draft.homeScreen ?? [];
  const badScreen = unknownCodes(screen, HOME_SCREEN_CODES);
  if (badScreen.length)
    errors.push({
      field: 'homeScreen',
      reason: `unknown screening answer(s) ${badScreen.join(', ')}; use ${HOME_SCREEN_CODES.join(', ')}`,
    });

  if (errors.length) return invalidResult(errors);
  return validResult({
    referrerType: draft.referrerType as ReferrerType,
    nhsNumber,
    identityFollowUp: nhsNumber === null,
    postcode: postcode as string,
    reasons: [...new Set(draft.reasons)] as PresentingNeedCode[],
    homeScreen: [...new Set(screen)] as HomeEnvironmentRisk[],
    flags: [...new Set(flags)] as EligibilityFlag[],
  });
}

/** Caseload queues a referral can be routed to. */
export const INTAKE_QUEUES = ['general', 'specialist_navigator', 'hub_manager'] as const;
export type IntakeQueue = (typeof INTAKE_QUEUES)[number];

export interface RoutingDecision {
  queue: IntakeQueue;
  /** Brokered referral with a positive home screen: an onward referral to the housing partner. */
  handoff: boolean;
}

/**
 * Where a referral goes: safeguarding goes to the hub manager at once; a positive home screen
 * goes to a specialist navigator (embedded specialist), any link worker (universal screening),
 * or any link worker plus an onward hand-off to the housing partner (brokered referral).
 */
export function routeReferral(
  profile: HubProfile,
  input: { safeguarding: boolean; homeScreen: readonly string[] },
): RoutingDecision {
  const positive = input.homeScreen.length > 0;
  const model = profile.homeEnvironment.integrationModel;
  const handoff = positive && model === 'brokered_referral';
  if (input.safeguarding) return { queue: 'hub_manager', handoff };
  if (positive && model === 'embedded_specialist') return { queue: 'specialist_navigator', handoff };
  return { queue: 'general', handoff };
}
