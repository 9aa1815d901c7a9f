import { CHANGE_MEASURES, scalarMeasureRule } from './measures';

describe(scalarMeasureRule.name, () => {
  it('knows which measures improve downwards', () => {
    expect(
      CHANGE_MEASURES.filter((code) => scalarMeasureRule(code).direction === 'lower_is_better').sort(),
    ).toEqual([
      'health_ae_attendances',
      'health_gp_consultations',
      'health_inpatient_admissions',
      'health_outpatient_appointments',
      'ons4_anxiety',
      'ucla3',
    ]);
  });

  it('counts a SWEMWBS change only from 1 metric point', () => {
    expect(scalarMeasureRule('swemwbs').minChange).toBe(1);
    expect(scalarMeasureRule('ons4_happiness').minChange).toBeLessThan(1);
  });

  it('refuses an unknown code', () => {
    expect(() => scalarMeasureRule('bmi')).toThrow(/unknown outcome measure "bmi"/);
  });
});
