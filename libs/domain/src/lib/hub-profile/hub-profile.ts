import type { ErrorDetail } from '@linkway/util';
import { type FollowUpIntervals, validateFollowUpIntervals } from '../outcomes/timepoints';
import { MAX_HEALTH_USE_WINDOW_MONTHS } from '../outcomes/health-use';
import { type Validated, invalidResult, validResult } from '../shared/validated';
import {
  ARCHETYPES,
  type Archetype,
  ELIGIBILITY_FLAGS,
  type EligibilityFlag,
  INTEGRATION_MODELS,
  type IntegrationModel,
  OUTCOME_MEASURES,
  type OutcomeMeasureCode,
  PRACTITIONER_TYPES,
  PRESENTING_NEED_CODES,
  type PractitionerType,
  type PresentingNeedCode,
  REFERRER_TYPES,
  type ReferrerType,
} from './vocabulary';

/**
 * Everything that makes one social prescribing service behave differently from another. Data, not
 * code: a new hub is a new profile (JSON-safe: dates are ISO strings), never a new branch in a service.
 */
export interface HubProfile {
  /** Also the hub's JetStream domain, so lower-case letters, digits, "-" and "_" only. */
  hubId: string;
  name: string;
  archetype: Archetype;
  /** Where the model comes from, e.g. "Bromley-by-Bow"; shown beside comparisons. */
  modelledOn?: string;
  referrals: {
    accepted: ReferrerType[];
    /** A PCN setting up a new scheme takes referrals from GPs only in its first year. */
    firstYearGpOnly: boolean;
    /** YYYY-MM-DD; required when firstYearGpOnly is on. */
    schemeStartDate?: string;
  };
  eligibility: {
    minAge?: number;
    maxAge?: number;
    /** The person must have every one of these. */
    requiredFlags: EligibilityFlag[];
  };
  /** Needs the hub concentrates on (it still accepts others). */
  focusNeeds: PresentingNeedCode[];
  homeEnvironment: {
    integrationModel: IntegrationModel;
    /** The separate housing-and-health service a brokered-referral hub refers on to. */
    brokerPartnerName?: string;
  };
  outcomes: {
    measures: OutcomeMeasureCode[];
    /** Days after first contact; baseline is always at first contact. */
    followUpDays: FollowUpIntervals;
    healthUseWindowMonths: number;
    /** Days after a due date before a recording counts as overdue. */
    overdueAfterDays: number;
    /** Share (0–1) the readmissions measure is compared against, e.g. 0.075 for stroke navigation. */
    readmissionBaselineRate?: number;
  };
  practitioners: {
    types: PractitionerType[];
    /** Regular supervision (link workers by a GP; volunteers by a coordinator). */
    supervisionRequired: boolean;
    /** Open cases one practitioner holds at once (about 40 for a full-time link worker). */
    maxOpenCasesPerPractitioner: number;
  };
  /** The federation shows the hub as stale when its newest snapshot is older than this. */
  staleAfterDays: number;
}

const HUB_ID = /^[a-z][a-z0-9_-]{1,39}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a profile (typed or straight from JSON); every error names the field and what is allowed. */
export function validateHubProfile(input: unknown): Validated<HubProfile> {
  if (typeof input !== 'object' || input === null) {
    return invalidResult([{ field: 'profile', reason: 'a hub profile must be an object' }]);
  }
  const p = input as Partial<HubProfile>;
  const errors: ErrorDetail[] = [
    ...identityErrors(p),
    ...referralErrors(p.referrals),
    ...eligibilityErrors(p.eligibility),
    ...listErrors('focusNeeds', p.focusNeeds, PRESENTING_NEED_CODES, { allowEmpty: true }),
    ...homeEnvironmentErrors(p),
    ...outcomeErrors(p.outcomes),
    ...practitionerErrors(p),
    ...wholeNumberErrors('staleAfterDays', p.staleAfterDays, 1, 365),
  ];
  return errors.length > 0 ? invalidResult(errors) : validResult(p as HubProfile);
}

function identityErrors(p: Partial<HubProfile>): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (typeof p.hubId !== 'string' || !HUB_ID.test(p.hubId)) {
    errors.push({
      field: 'hubId',
      reason:
        'hubId must be 2–40 characters: a lower-case letter, then lower-case letters, digits, "-" or "_"',
    });
  }
  if (typeof p.name !== 'string' || p.name.trim() === '')
    errors.push({ field: 'name', reason: 'name is required' });
  if (!includes(ARCHETYPES, p.archetype)) {
    errors.push({ field: 'archetype', reason: `archetype must be one of ${ARCHETYPES.join(', ')}` });
  }
  return errors;
}

function referralErrors(referrals: HubProfile['referrals'] | undefined): ErrorDetail[] {
  if (!referrals) return [{ field: 'referrals', reason: 'referrals is required' }];
  const errors = listErrors('referrals.accepted', referrals.accepted, REFERRER_TYPES);
  if (referrals.firstYearGpOnly) {
    if (!isIsoDate(referrals.schemeStartDate)) {
      errors.push({
        field: 'referrals.schemeStartDate',
        reason: 'the first-year GP-only rule needs the scheme start date as YYYY-MM-DD',
      });
    }
    if (Array.isArray(referrals.accepted) && !referrals.accepted.includes('gp_practice')) {
      errors.push({
        field: 'referrals.accepted',
        reason: 'a scheme taking GP referrals only in its first year must accept gp_practice',
      });
    }
  }
  return errors;
}

function eligibilityErrors(eligibility: HubProfile['eligibility'] | undefined): ErrorDetail[] {
  if (!eligibility)
    return [{ field: 'eligibility', reason: 'eligibility is required (use {} fields for none)' }];
  const errors = [
    ...(eligibility.minAge === undefined
      ? []
      : wholeNumberErrors('eligibility.minAge', eligibility.minAge, 0, 120)),
    ...(eligibility.maxAge === undefined
      ? []
      : wholeNumberErrors('eligibility.maxAge', eligibility.maxAge, 0, 120)),
    ...listErrors('eligibility.requiredFlags', eligibility.requiredFlags, ELIGIBILITY_FLAGS, {
      allowEmpty: true,
    }),
  ];
  const { minAge, maxAge } = eligibility;
  if (minAge !== undefined && maxAge !== undefined && minAge > maxAge) {
    errors.push({
      field: 'eligibility.maxAge',
      reason: `maxAge (${maxAge}) must not be below minAge (${minAge})`,
    });
  }
  return errors;
}

function homeEnvironmentErrors(p: Partial<HubProfile>): ErrorDetail[] {
  const model = p.homeEnvironment?.integrationModel;
  if (!includes(INTEGRATION_MODELS, model)) {
    return [
      {
        field: 'homeEnvironment.integrationModel',
        reason: `integrationModel must be one of ${INTEGRATION_MODELS.join(', ')}`,
      },
    ];
  }
  const errors: ErrorDetail[] = [];
  if (model === 'brokered_referral' && !p.homeEnvironment?.brokerPartnerName?.trim()) {
    errors.push({
      field: 'homeEnvironment.brokerPartnerName',
      reason: 'a brokered-referral hub must name the housing-and-health service it refers on to',
    });
  }
  // Embedded specialists route home-environment cases to a specialist queue: someone must work it.
  if (model === 'embedded_specialist' && !p.practitioners?.types?.includes('specialist_navigator')) {
    errors.push({
      field: 'practitioners.types',
      reason: 'an embedded-specialist hub needs specialist_navigator among its practitioner types',
    });
  }
  return errors;
}

function outcomeErrors(outcomes: HubProfile['outcomes'] | undefined): ErrorDetail[] {
  if (!outcomes) return [{ field: 'outcomes', reason: 'outcomes is required' }];
  const errors = [
    ...listErrors('outcomes.measures', outcomes.measures, OUTCOME_MEASURES),
    ...wholeNumberErrors(
      'outcomes.healthUseWindowMonths',
      outcomes.healthUseWindowMonths,
      1,
      MAX_HEALTH_USE_WINDOW_MONTHS,
    ),
    ...wholeNumberErrors('outcomes.overdueAfterDays', outcomes.overdueAfterDays, 0, 90),
  ];
  const intervals = validateFollowUpIntervals(outcomes.followUpDays ?? {});
  if (!intervals.valid) {
    errors.push(...intervals.errors.map((e) => ({ ...e, field: `outcomes.followUpDays.${e.field}` })));
  }
  if (outcomes.measures?.includes('readmissions')) {
    const rate = outcomes.readmissionBaselineRate;
    if (typeof rate !== 'number' || !(rate > 0 && rate < 1)) {
      errors.push({
        field: 'outcomes.readmissionBaselineRate',
        reason: 'the readmissions measure needs a baseline rate between 0 and 1 (e.g. 0.075 for 7.5%)',
      });
    }
  }
  return errors;
}

function practitionerErrors(p: Partial<HubProfile>): ErrorDetail[] {
  const practitioners = p.practitioners;
  if (!practitioners) return [{ field: 'practitioners', reason: 'practitioners is required' }];
  return [
    ...listErrors('practitioners.types', practitioners.types, PRACTITIONER_TYPES),
    ...wholeNumberErrors(
      'practitioners.maxOpenCasesPerPractitioner',
      practitioners.maxOpenCasesPerPractitioner,
      1,
      500,
    ),
  ];
}

/** A non-empty (unless allowed), duplicate-free list of known codes. */
function listErrors(
  field: string,
  value: unknown,
  allowed: readonly string[],
  { allowEmpty = false }: { allowEmpty?: boolean } = {},
): ErrorDetail[] {
  if (!Array.isArray(value)) return [{ field, reason: `${field} must be a list of ${allowed.join(', ')}` }];
  if (!allowEmpty && value.length === 0)
    return [{ field, reason: `${field} must name at least one of ${allowed.join(', ')}` }];
  const unknown = value.filter((v) => !allowed.includes(v));
  if (unknown.length > 0) {
    return [
      {
        field,
        reason: `${field} has unknown value(s) ${unknown.join(', ')}; allowed: ${allowed.join(', ')}`,
      },
    ];
  }
  if (new Set(value).size !== value.length) return [{ field, reason: `${field} lists a value twice` }];
  return [];
}

function wholeNumberErrors(field: string, value: unknown, min: number, max: number): ErrorDetail[] {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return [];
  return [{ field, reason: `${field} must be a whole number from ${min} to ${max}; got ${String(value)}` }];
}

function isIsoDate(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    ISO_DATE.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
  );
}

const includes = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);
