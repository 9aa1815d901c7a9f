import type { ServiceResponsiveness } from '../../api/types';
import { byOrganisation, capacityOf, days, percent, windowOf } from './partner-responsiveness';

const service = (overrides: Partial<ServiceResponsiveness> = {}): ServiceResponsiveness => ({
  partnerOrganisationId: 'org-1',
  organisationName: 'Leeds Community Links',
  directoryServiceId: 'svc-1',
  serviceName: 'Walking football',
  sent: 4,
  answered: 3,
  answeredWithinNudge: 2,
  declined: 1,
  waiting: 1,
  expired: 0,
  cancelledUnanswered: 0,
  medianDaysToFirstAnswer: 1.5,
  answeredWithinNudgeRate: 0.6667,
  declinedRate: 0.3333,
  capacity: {
    status: 'active',
    accepting: 'yes',
    placesLeft: 3,
    maxNewPerWeek: 5,
    waitingTimeDays: null,
    available: true,
  },
  ...overrides,
});

describe('partner responsiveness figures', () => {
  it('reads the window from the address bar, 90 days unless one of the offered windows', () => {
    expect(windowOf('?days=30')).toBe(30);
    expect(windowOf('?days=31')).toBe(90);
    expect(windowOf('')).toBe(90);
  });

  it('shows rates as whole percentages and medians in days, with a dash for none', () => {
    expect(percent(0.6667)).toBe('67%');
    expect(percent(null)).toBe('–');
    expect(days(1)).toBe('1.0 day');
    expect(days(2.25)).toBe('2.3 days');
    expect(days(null)).toBe('–');
  });

  it.each([
    [{}, 'Accepting, 3 places left this week', 'green'],
    [{ placesLeft: 1 }, 'Accepting, 1 place left this week', 'green'],
    [{ placesLeft: 0, available: false }, 'Full this week (5 a week)', 'red'],
    [{ placesLeft: null }, 'Accepting, no weekly limit', 'green'],
    [{ accepting: 'paused' as const }, 'Paused', 'yellow'],
    [{ accepting: 'no' as const }, 'Not accepting', 'red'],
    [{ status: 'temporarily closed' }, 'Service temporarily closed', 'red'],
  ])('describes capacity %o as "%s"', (change, text, tone) => {
    const base = service();
    const capacity = base.capacity ? { ...base.capacity, ...change } : null;
    expect(capacityOf(service({ capacity }))).toEqual({ text, tone });
  });

  it('says when a service has left the directory', () => {
    expect(capacityOf(service({ capacity: null }))).toEqual({
      text: 'No longer in the directory',
      tone: 'grey',
    });
  });

  it('groups services by organisation name, both in name order', () => {
    const groups = byOrganisation([
      service({ directoryServiceId: 'b', serviceName: 'Walking netball' }),
      service({ directoryServiceId: 'z', organisationName: 'Age UK Leeds', serviceName: 'Befriending' }),
      service({ directoryServiceId: 'a', serviceName: 'Chair yoga' }),
      service({ directoryServiceId: 'x', organisationName: null }),
    ]);
    expect(groups.map((g) => [g.organisation, g.services.map((s) => s.directoryServiceId)])).toEqual([
      ['Age UK Leeds', ['z']],
      ['Leeds Community Links', ['a', 'b']],
      ['Organisation not in the directory', ['x']],
    ]);
  });
});
