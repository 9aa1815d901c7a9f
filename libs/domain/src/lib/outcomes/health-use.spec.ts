import { type HealthUse, healthUseChange, validateHealthUse } from './health-use';

const healthUse = (overrides: Partial<HealthUse> = {}): HealthUse => ({
  windowMonths: 3,
  gpConsultations: 4,
  aeAttendances: 1,
  outpatientAppointments: 2,
  inpatientAdmissions: 0,
  ...overrides,
});

describe(validateHealthUse.name, () => {
  it('accepts non-negative whole counts within the plausible ceiling', () => {
    expect(validateHealthUse(healthUse({ gpConsultations: 60 }))).toEqual({
      valid: true,
      value: healthUse({ gpConsultations: 60 }),
    });
  });

  it('names a negative, fractional or missing count', () => {
    const result = validateHealthUse({
      ...healthUse({ gpConsultations: -1, aeAttendances: 1.5 }),
      inpatientAdmissions: undefined,
    });
    expect(result).toEqual({
      valid: false,
      errors: [
        { field: 'gpConsultations', reason: 'GP consultations must be a whole number of 0 or more; got -1' },
        { field: 'aeAttendances', reason: 'A&E attendances must be a whole number of 0 or more; got 1.5' },
        {
          field: 'inpatientAdmissions',
          reason: 'Inpatient admissions must be a whole number of 0 or more; got nothing',
        },
      ],
    });
  });

  it('explains an implausible count against the window', () => {
    expect(validateHealthUse(healthUse({ aeAttendances: 31 }))).toEqual({
      valid: false,
      errors: [
        {
          field: 'aeAttendances',
          reason:
            'A&E attendances: 31 in 3 month(s) is more than the plausible maximum of 30 (10 a month); check the figure and the window',
        },
      ],
    });
  });

  it.each([[0], [25], [1.5], [undefined]])('refuses a window of %p months', (windowMonths) => {
    expect(validateHealthUse({ ...healthUse(), windowMonths })).toMatchObject({
      valid: false,
      errors: [{ field: 'windowMonths' }],
    });
  });
});

describe(healthUseChange.name, () => {
  it('gives count changes when both windows match', () => {
    const result = healthUseChange(healthUse({ gpConsultations: 6 }), healthUse({ gpConsultations: 2 }));
    expect(result.gpConsultations).toEqual({ baseline: 6, followUp: 2, change: -4, changePerMonth: -1.333 });
    expect(result.inpatientAdmissions.change).toBe(0);
  });

  it('compares rates per month only when the windows differ', () => {
    const result = healthUseChange(
      healthUse({ windowMonths: 6, aeAttendances: 6 }),
      healthUse({ windowMonths: 3, aeAttendances: 1 }),
    );
    expect(result.aeAttendances).toEqual({ baseline: 6, followUp: 1, change: null, changePerMonth: -0.667 });
  });
});
