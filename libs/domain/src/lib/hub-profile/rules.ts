import type { HubProfile } from './hub-profile';
import {
  ELIGIBILITY_FLAG_LABELS,
  type EligibilityFlag,
  REFERRER_TYPE_LABELS,
  type ReferrerType,
} from './vocabulary';

export type ReferrerCheck = { accepted: true } | { accepted: false; reason: string };

/** The first day the scheme is out of its first year (the anniversary of its start, UTC). */
export function firstYearEnds(schemeStartDate: string): Date {
  const end = new Date(`${schemeStartDate}T00:00:00Z`);
  end.setUTCFullYear(end.getUTCFullYear() + 1);
  return end;
}

/**
 * Whether the hub takes a referral from this kind of referrer at `at`. A PCN setting up a new
 * scheme takes referrals from GPs only in its first year (NHS England), whatever else it lists.
 */
export function checkReferrer(profile: HubProfile, referrerType: ReferrerType, at: Date): ReferrerCheck {
  const { accepted, firstYearGpOnly, schemeStartDate } = profile.referrals;
  if (firstYearGpOnly && schemeStartDate && referrerType !== 'gp_practice') {
    const ends = firstYearEnds(schemeStartDate);
    if (at.getTime() < ends.getTime()) {
      return {
        accepted: false,
        reason: `${profile.name} is in its first year and takes referrals from GP practices only until ${ends.toISOString().slice(0, 10)}`,
      };
    }
  }
  if (!accepted.includes(referrerType)) {
    return {
      accepted: false,
      reason: `${profile.name} does not take referrals from: ${REFERRER_TYPE_LABELS[referrerType].toLowerCase()}`,
    };
  }
  return { accepted: true };
}

export const isReferrerAccepted = (profile: HubProfile, referrerType: ReferrerType, at: Date): boolean =>
  checkReferrer(profile, referrerType, at).accepted;

export interface PersonForEligibility {
  /** YYYY-MM-DD or a Date (only the UTC calendar date is used). */
  dateOfBirth: string | Date;
  flags: readonly EligibilityFlag[];
}

export interface EligibilityCheck {
  eligible: boolean;
  /** Every reason the person is not eligible, each one a sentence a referrer can act on. */
  reasons: string[];
}

/** Age in completed years on `at`'s UTC date; someone born 29 February turns a year older on 1 March. */
export function ageInYears(dateOfBirth: string | Date, at: Date): number {
  const born = typeof dateOfBirth === 'string' ? new Date(`${dateOfBirth}T00:00:00Z`) : dateOfBirth;
  let age = at.getUTCFullYear() - born.getUTCFullYear();
  const birthdayPassed =
    at.getUTCMonth() > born.getUTCMonth() ||
    (at.getUTCMonth() === born.getUTCMonth() && at.getUTCDate() >= born.getUTCDate());
  if (!birthdayPassed) age -= 1;
  return age;
}

/** Checks a person against the hub's eligibility rules at `at`, collecting every reason. */
export function checkEligibility(
  profile: HubProfile,
  person: PersonForEligibility,
  at: Date,
): EligibilityCheck {
  const reasons: string[] = [];
  const born =
    typeof person.dateOfBirth === 'string' ? new Date(`${person.dateOfBirth}T00:00:00Z`) : person.dateOfBirth;
  if (Number.isNaN(born.getTime())) {
    reasons.push('the date of birth is not a valid date');
  } else if (born.getTime() > at.getTime()) {
    reasons.push('the date of birth is in the future');
  } else {
    const age = ageInYears(born, at);
    const { minAge, maxAge } = profile.eligibility;
    if (minAge !== undefined && age < minAge)
      reasons.push(`${profile.name} supports people aged ${minAge} or over; this person is ${age}`);
    if (maxAge !== undefined && age > maxAge)
      reasons.push(`${profile.name} supports people aged ${maxAge} or under; this person is ${age}`);
  }
  for (const flag of profile.eligibility.requiredFlags) {
    if (!person.flags.includes(flag))
      reasons.push(`${profile.name} supports people ${ELIGIBILITY_FLAG_LABELS[flag]}`);
  }
  return { eligible: reasons.length === 0, reasons };
}

export type HomeEnvironmentRoute =
  'specialist_navigator_queue' | 'any_link_worker' | 'onward_referral' | 'not_offered';

/**
 * Where a case with home-environment needs goes, per the hub's integration model (seed article):
 * embedded specialist → a specialist navigator; universal screening → any practitioner navigates;
 * brokered referral → an onward referral to the housing-and-health partner, whose hand-off is tracked.
 */
export function routeHomeEnvironmentCase(profile: HubProfile): HomeEnvironmentRoute {
  switch (profile.homeEnvironment.integrationModel) {
    case 'embedded_specialist':
      return 'specialist_navigator_queue';
    case 'universal_screening':
      return 'any_link_worker';
    case 'brokered_referral':
      return 'onward_referral';
    case 'none':
      return 'not_offered';
  }
}
