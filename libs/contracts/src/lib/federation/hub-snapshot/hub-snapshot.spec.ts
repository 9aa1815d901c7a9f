import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { HOME_ENVIRONMENT_STEPS, HubSnapshotV1, hubSnapshotSubject } from './index';

const validSnapshot = (): Record<string, unknown> => ({
  hubId: 'hub1',
  hubName: 'Northfield Community Links',
  archetype: 'pcn_link_workers',
  integrationModel: 'embedded_specialist',
  population: 52000,
  period: { kind: 'month', key: '2026-11', start: '2026-11-01', end: '2026-11-30' },
  version: 1,
  builtAt: '2026-11-22T01:00:00.000Z',
  referrals: {
    bySource: [{ key: 'gp', count: 40 }],
    byNeed: [{ key: 'loneliness', count: 12 }],
    received: 40,
    accepted: 30,
    declined: 5,
    signposted: 5,
  },
  cases: { opened: 30, closed: 20, contactsSum: 160, closedWithContacts: 20 },
  outcomes: [{ measure: 'swemwbs', nPaired: 18, sumChange: 45.5, sumSquares: 210.25, nImproved: 13 }],
  healthUse: [{ kind: 'gp_consultations', nPaired: 18, baselineSum: 40, followUpSum: 28, nReduced: 9 }],
  homeEnvironment: HOME_ENVIRONMENT_STEPS.map((step, i) => ({ step, reached: 20 - i * 3 })),
  partnerFeedback: { sent: 25, answered: 19, responseDays: [{ days: 3, count: 19 }] },
});

const errorsOf = (plain: Record<string, unknown>) =>
  validateSync(plainToInstance(HubSnapshotV1, plain), { whitelist: true, forbidNonWhitelisted: true }).map(
    (e) => e.property,
  );

describe(HubSnapshotV1.name, () => {
  it('accepts a complete aggregate snapshot', () => {
    expect(errorsOf(validSnapshot())).toEqual([]);
  });

  it('refuses any field outside the contract, so no person-level field can ride along', () => {
    expect(errorsOf({ ...validSnapshot(), nhsNumbers: ['9434765919'] })).toEqual(['nhsNumbers']);
  });

  it.each([
    [
      'a negative count',
      { cases: { opened: -1, closed: 0, contactsSum: 0, closedWithContacts: 0 } },
      'cases',
    ],
    [
      'a fractional count',
      { referrals: { bySource: [], byNeed: [], received: 1.5, accepted: 0, declined: 0, signposted: 0 } },
      'referrals',
    ],
    ['version 0', { version: 0 }, 'version'],
    [
      'an unknown pathway step',
      { homeEnvironment: [{ step: 'moved_house', reached: 1 }] },
      'homeEnvironment',
    ],
    [
      'a bad period key',
      { period: { kind: 'month', key: '2026-13', start: '2026-11-01', end: '2026-11-30' } },
      'period',
    ],
    ['an upper-case hub id', { hubId: 'Hub1' }, 'hubId'],
  ])('refuses %s', (_, patch, field) => {
    expect(errorsOf({ ...validSnapshot(), ...patch })).toContain(field);
  });

  it('puts each hub on its own subject under fed.>', () => {
    expect(hubSnapshotSubject('hub3')).toBe('fed.snapshot.hub3');
  });
});
