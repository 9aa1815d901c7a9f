import {
  HEALTH_USE_ITEMS,
  HEALTH_USE_SCALAR,
  type HubProfile,
  ONS4_ITEMS,
  ONS4_SCALAR,
  type OutcomeMeasureCode,
  ons4Band,
  onsLonelinessCode,
  scoreSwemwbs,
  scoreUcla3,
  validateHealthUse,
  validateOns4,
  validateOnsLoneliness,
} from '@linkway/domain';
import type { OutcomeTimepoint, RecordOutcomesV1 } from '@linkway/contracts';
import type { ErrorDetail } from '@linkway/util';

/** One stored number: a scalar measure at a timepoint, with what it was computed from. */
export interface ScalarRow {
  measure: string;
  score: number;
  detail: Record<string, unknown>;
}

export type RecordingCheck = { valid: true; rows: ScalarRow[] } | { valid: false; errors: ErrorDetail[] };

type Input = Pick<
  RecordOutcomesV1,
  'timepoint' | 'ons4' | 'swemwbs' | 'ucla3' | 'onsLoneliness' | 'healthUse' | 'readmission'
>;

/** Which recording field needs which hub-profile measure. */
const PROFILE_MEASURE: Record<Exclude<keyof Input, 'timepoint'>, OutcomeMeasureCode> = {
  ons4: 'ons4',
  swemwbs: 'swemwbs',
  ucla3: 'ucla3',
  onsLoneliness: 'ons_loneliness',
  healthUse: 'health_use',
  readmission: 'readmissions',
};

const READMISSION_TIMEPOINTS: readonly OutcomeTimepoint[] = ['six_week', 'six_month'];

const prefixed = (prefix: string, errors: ErrorDetail[]): ErrorDetail[] =>
  errors.map((e) => ({ field: `${prefix}.${e.field}`, reason: e.reason }));

/**
 * Checks a recording against the domain rules and the hub's profile, and turns it into scalar
 * rows. Every error names the item (`ons4.anxiety`, `swemwbs.item3`) and the allowed range; all
 * errors are reported at once.
 */
export function validateRecording(input: Input, profile: HubProfile): RecordingCheck {
  const errors: ErrorDetail[] = [];
  const rows: ScalarRow[] = [];
  const given = (Object.keys(PROFILE_MEASURE) as Array<keyof typeof PROFILE_MEASURE>).filter(
    (field) => input[field] !== undefined && input[field] !== null,
  );
  if (given.length === 0) {
    return {
      valid: false,
      errors: [
        {
          field: 'measures',
          reason: `record at least one measure; this hub uses ${profile.outcomes.measures.join(', ')}`,
        },
      ],
    };
  }
  for (const field of given) {
    if (!profile.outcomes.measures.includes(PROFILE_MEASURE[field])) {
      errors.push({
        field,
        reason: `${profile.name} does not record ${PROFILE_MEASURE[field]}; it records ${profile.outcomes.measures.join(', ')}`,
      });
    }
  }
  if (input.ons4 !== undefined) {
    const checked = validateOns4(input.ons4);
    if (!checked.valid) errors.push(...prefixed('ons4', checked.errors));
    else
      for (const item of ONS4_ITEMS) {
        const score = checked.value[item];
        rows.push({ measure: ONS4_SCALAR[item], score, detail: { band: ons4Band(item, score) } });
      }
  }
  if (input.swemwbs !== undefined) {
    const checked = scoreSwemwbs(Array.isArray(input.swemwbs) ? input.swemwbs : []);
    if (!checked.valid) errors.push(...prefixed('swemwbs', checked.errors));
    else
      rows.push({
        measure: 'swemwbs',
        score: checked.value.metric,
        detail: { items: checked.value.items, raw: checked.value.raw },
      });
  }
  if (input.ucla3 !== undefined) {
    const checked = scoreUcla3(input.ucla3);
    if (!checked.valid) errors.push(...prefixed('ucla3', checked.errors));
    else rows.push({ measure: 'ucla3', score: checked.value.total, detail: { items: checked.value.items } });
  }
  if (input.onsLoneliness !== undefined) {
    const checked = validateOnsLoneliness(input.onsLoneliness);
    if (!checked.valid) errors.push(...checked.errors);
    else
      rows.push({
        measure: 'ons_loneliness',
        score: onsLonelinessCode(checked.value),
        detail: { response: checked.value },
      });
  }
  if (input.healthUse !== undefined) {
    const checked = validateHealthUse({
      windowMonths: profile.outcomes.healthUseWindowMonths,
      ...input.healthUse,
    });
    if (!checked.valid) errors.push(...prefixed('healthUse', checked.errors));
    else
      for (const item of HEALTH_USE_ITEMS) {
        rows.push({
          measure: HEALTH_USE_SCALAR[item],
          score: checked.value[item],
          detail: { windowMonths: checked.value.windowMonths },
        });
      }
  }
  if (input.readmission !== undefined) {
    if (!READMISSION_TIMEPOINTS.includes(input.timepoint)) {
      errors.push({
        field: 'readmission',
        reason: `readmission is recorded at ${READMISSION_TIMEPOINTS.join(' and ')} only; got ${input.timepoint}`,
      });
    } else if (typeof input.readmission.readmitted !== 'boolean') {
      errors.push({
        field: 'readmission.readmitted',
        reason: `readmitted must be true or false; got ${String(input.readmission.readmitted)}`,
      });
    } else {
      rows.push({
        measure: 'readmission',
        score: input.readmission.readmitted ? 1 : 0,
        detail: { readmitted: input.readmission.readmitted },
      });
    }
  }
  return errors.length > 0 ? { valid: false, errors } : { valid: true, rows };
}
