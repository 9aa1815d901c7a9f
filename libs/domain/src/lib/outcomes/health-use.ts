import type { ErrorDetail } from '@linkway/util';
import { type Validated, integerRangeError, invalidResult, validResult } from '../shared/validated';

/** Health and care use over a stated window (domain-reference.md): self-report or GP record. */
export const HEALTH_USE_ITEMS = [
  'gpConsultations',
  'aeAttendances',
  'outpatientAppointments',
  'inpatientAdmissions',
] as const;
export type HealthUseItem = (typeof HEALTH_USE_ITEMS)[number];

export const HEALTH_USE_ITEM_LABELS: Readonly<Record<HealthUseItem, string>> = {
  gpConsultations: 'GP consultations',
  aeAttendances: 'A&E attendances',
  outpatientAppointments: 'Outpatient appointments',
  inpatientAdmissions: 'Inpatient admissions',
};

export type HealthUse = Record<HealthUseItem, number> & {
  /** The window the counts cover, in whole months ("in the last 3 months" → 3). */
  windowMonths: number;
};

/** The window the outcomes issue asks for by default. */
export const DEFAULT_HEALTH_USE_WINDOW_MONTHS = 3;
export const MAX_HEALTH_USE_WINDOW_MONTHS = 24;

/**
 * Plausibility ceilings per month of window. Our own sanity limits, not clinical facts: they catch
 * typos (30 for 3, a year's count in a month's box) while leaving room for very frequent attenders.
 */
export const HEALTH_USE_MAX_PER_MONTH: Readonly<Record<HealthUseItem, number>> = {
  gpConsultations: 20,
  aeAttendances: 10,
  outpatientAppointments: 20,
  inpatientAdmissions: 10,
};

export function validateHealthUse(input: Partial<Record<keyof HealthUse, unknown>>): Validated<HealthUse> {
  const windowError = integerRangeError(
    'windowMonths',
    'The window in months',
    input.windowMonths,
    1,
    MAX_HEALTH_USE_WINDOW_MONTHS,
  );
  if (windowError) return invalidResult([windowError]);
  const windowMonths = input.windowMonths as number;
  const errors = HEALTH_USE_ITEMS.map((item) => healthUseItemError(item, input[item], windowMonths)).filter(
    (error): error is ErrorDetail => error !== undefined,
  );
  if (errors.length > 0) return invalidResult(errors);
  return validResult({ ...(pickItems(input) as Record<HealthUseItem, number>), windowMonths });
}

function healthUseItemError(
  item: HealthUseItem,
  value: unknown,
  windowMonths: number,
): ErrorDetail | undefined {
  const label = HEALTH_USE_ITEM_LABELS[item];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    const got = value === undefined || value === null ? 'nothing' : String(value);
    return { field: item, reason: `${label} must be a whole number of 0 or more; got ${got}` };
  }
  const ceiling = HEALTH_USE_MAX_PER_MONTH[item] * windowMonths;
  if (value > ceiling) {
    return {
      field: item,
      reason: `${label}: ${value} in ${windowMonths} month(s) is more than the plausible maximum of ${ceiling} (${HEALTH_USE_MAX_PER_MONTH[item]} a month); check the figure and the window`,
    };
  }
  return undefined;
}

function pickItems(
  input: Partial<Record<keyof HealthUse, unknown>>,
): Partial<Record<HealthUseItem, unknown>> {
  return Object.fromEntries(HEALTH_USE_ITEMS.map((item) => [item, input[item]]));
}

export interface HealthUseItemChange {
  baseline: number;
  followUp: number;
  /** followUp − baseline in counts; null when the two windows differ and counts are not comparable. */
  change: number | null;
  /** Change in the rate per month, comparable whatever the windows. Negative means less use. */
  changePerMonth: number;
}

/**
 * Change in each kind of use between baseline and follow-up. Less use is the hoped-for direction
 * (the reported effects are reductions), but we report the signed change and let the caller judge.
 */
export function healthUseChange(
  baseline: HealthUse,
  followUp: HealthUse,
): Record<HealthUseItem, HealthUseItemChange> {
  const sameWindow = baseline.windowMonths === followUp.windowMonths;
  return Object.fromEntries(
    HEALTH_USE_ITEMS.map((item) => [
      item,
      {
        baseline: baseline[item],
        followUp: followUp[item],
        change: sameWindow ? followUp[item] - baseline[item] : null,
        changePerMonth: roundTo(
          followUp[item] / followUp.windowMonths - baseline[item] / baseline.windowMonths,
          3,
        ),
      },
    ]),
  ) as Record<HealthUseItem, HealthUseItemChange>;
}

const roundTo = (value: number, decimals: number): number =>
  Math.round(value * 10 ** decimals) / 10 ** decimals;
