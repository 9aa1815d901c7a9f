import type { Direction } from '../shared/validated';
import { ONS4_DIRECTION, type Ons4Item } from '../outcomes/ons4';
import { SWEMWBS_CHANGE_THRESHOLD_METRIC_POINTS } from '../outcomes/swemwbs';
import type { HealthUseItem } from '../outcomes/health-use';

/*
 * Scalar outcome measures as stored and aggregated: one number per person, measure and timepoint.
 * ONS4 and health use are split into their items (ONS4 is never summed). The codes are stored and
 * sent to the federation: never rename one.
 */

export const ONS4_SCALAR: Readonly<Record<Ons4Item, string>> = {
  lifeSatisfaction: 'ons4_life_satisfaction',
  worthwhile: 'ons4_worthwhile',
  happiness: 'ons4_happiness',
  anxiety: 'ons4_anxiety',
};

export const HEALTH_USE_SCALAR: Readonly<Record<HealthUseItem, string>> = {
  gpConsultations: 'health_gp_consultations',
  aeAttendances: 'health_ae_attendances',
  outpatientAppointments: 'health_outpatient_appointments',
  inpatientAdmissions: 'health_inpatient_admissions',
};

export interface ScalarMeasureRule {
  direction: Direction;
  /** Smallest change that counts as improved or worse; smaller moves are "same". */
  minChange: number;
}

/** Any non-zero change counts, on scores kept to two decimals. */
const ANY_CHANGE = 0.005;

export const SCALAR_MEASURE_RULES: Readonly<Record<string, ScalarMeasureRule>> = {
  ...Object.fromEntries(
    (Object.keys(ONS4_SCALAR) as Ons4Item[]).map((item) => [
      ONS4_SCALAR[item],
      { direction: ONS4_DIRECTION[item], minChange: ANY_CHANGE },
    ]),
  ),
  swemwbs: { direction: 'higher_is_better', minChange: SWEMWBS_CHANGE_THRESHOLD_METRIC_POINTS },
  // UCLA total 3–9: lonelier is higher
  ucla3: { direction: 'lower_is_better', minChange: ANY_CHANGE },
  // ONS direct question coded 1 (often/always) to 5 (never)
  ons_loneliness: { direction: 'higher_is_better', minChange: ANY_CHANGE },
  ...Object.fromEntries(
    Object.values(HEALTH_USE_SCALAR).map((code) => [
      code,
      { direction: 'lower_is_better' as Direction, minChange: ANY_CHANGE },
    ]),
  ),
};

/** Measures whose baseline→follow-up change is summarised (readmission is a rate, not a change). */
export const CHANGE_MEASURES: readonly string[] = Object.keys(SCALAR_MEASURE_RULES);

export function scalarMeasureRule(code: string): ScalarMeasureRule {
  const rule = SCALAR_MEASURE_RULES[code];
  if (!rule) throw new RangeError(`unknown outcome measure "${code}"`);
  return rule;
}
