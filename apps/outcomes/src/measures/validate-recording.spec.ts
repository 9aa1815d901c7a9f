import { type HubProfile, hubProfileFromPreset } from '@linkway/domain';
import { validateRecording } from './validate-recording';

const hub = (preset: 'community_centre' | 'stroke_navigation' = 'community_centre'): HubProfile =>
  hubProfileFromPreset(preset, { hubId: 'hub1', name: 'Test Hub' });

const ons4 = (overrides: Record<string, unknown> = {}) => ({
  lifeSatisfaction: 6,
  worthwhile: 7,
  happiness: 9,
  anxiety: 1,
  ...overrides,
});

const errorsOf = (input: Parameters<typeof validateRecording>[0], profile = hub()) => {
  const result = validateRecording(input, profile);
  return result.valid ? [] : result.errors;
};

describe(validateRecording.name, () => {
  it('turns ONS4 into four banded rows, never a sum', () => {
    const result = validateRecording({ timepoint: 'baseline', ons4: ons4() }, hub());
    expect(result).toEqual({
      valid: true,
      rows: [
        { measure: 'ons4_life_satisfaction', score: 6, detail: { band: 'medium' } },
        { measure: 'ons4_worthwhile', score: 7, detail: { band: 'high' } },
        { measure: 'ons4_happiness', score: 9, detail: { band: 'very_high' } },
        { measure: 'ons4_anxiety', score: 1, detail: { band: 'very_low' } },
      ],
    });
  });

  it('scores SWEMWBS on the metric table and refuses a missing item by number', () => {
    const ok = validateRecording({ timepoint: 'baseline', swemwbs: [3, 3, 3, 3, 3, 3, 3] }, hub());
    expect(ok).toMatchObject({
      valid: true,
      rows: [{ measure: 'swemwbs', score: 19.25, detail: { raw: 21 } }],
    });
    expect(errorsOf({ timepoint: 'baseline', swemwbs: [3, 3, 6, 3, 3, 3] })).toEqual([
      { field: 'swemwbs.item3', reason: 'SWEMWBS item 3 must be a whole number from 1 to 5; got 6' },
      {
        field: 'swemwbs.item7',
        reason: 'SWEMWBS item 7 is missing; answer with a whole number from 1 to 5',
      },
    ]);
  });

  it('names each bad item with its range, across measures, all at once', () => {
    const fields = errorsOf({
      timepoint: 'baseline',
      ons4: ons4({ anxiety: 11 }),
      ucla3: { lackCompanionship: 'often', leftOut: 4, isolated: 'often' },
      onsLoneliness: 'sometimes',
      healthUse: { gpConsultations: -1, aeAttendances: 0, outpatientAppointments: 0, inpatientAdmissions: 0 },
    });
    expect(fields).toEqual([
      { field: 'ons4.anxiety', reason: 'Anxiety yesterday must be a whole number from 0 to 10; got 11' },
      { field: 'ucla3.leftOut', reason: expect.stringContaining('(or 1–3); got 4') },
      { field: 'onsLoneliness', reason: expect.stringContaining('got sometimes') },
      {
        field: 'healthUse.gpConsultations',
        reason: 'GP consultations must be a whole number of 0 or more; got -1',
      },
    ]);
  });

  it('takes the health-use window from the hub profile when not given', () => {
    const result = validateRecording(
      {
        timepoint: 'baseline',
        healthUse: {
          gpConsultations: 4,
          aeAttendances: 1,
          outpatientAppointments: 0,
          inpatientAdmissions: 0,
        },
      },
      hub(),
    );
    expect(result.valid && result.rows[0]).toEqual({
      measure: 'health_gp_consultations',
      score: 4,
      detail: { windowMonths: 3 },
    });
    expect(result.valid && result.rows.map((r) => r.measure)).toHaveLength(4);
  });

  it('refuses a measure the hub does not use, and no measure at all', () => {
    expect(errorsOf({ timepoint: 'six_week', readmission: { readmitted: true } })).toEqual([
      { field: 'readmission', reason: expect.stringContaining('Test Hub does not record readmissions') },
    ]);
    expect(errorsOf({ timepoint: 'baseline' })[0].field).toBe('measures');
  });

  it('records stroke readmissions at 6 weeks and 6 months only', () => {
    const stroke = hub('stroke_navigation');
    expect(validateRecording({ timepoint: 'six_month', readmission: { readmitted: true } }, stroke)).toEqual({
      valid: true,
      rows: [{ measure: 'readmission', score: 1, detail: { readmitted: true } }],
    });
    expect(
      errorsOf({ timepoint: 'baseline', readmission: { readmitted: false } }, stroke)[0].reason,
    ).toContain('six_week and six_month only');
    expect(errorsOf({ timepoint: 'six_week', readmission: { readmitted: 'yes' } }, stroke)).toEqual([
      { field: 'readmission.readmitted', reason: 'readmitted must be true or false; got yes' },
    ]);
  });
});
