import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { HubSnapshotV1 } from '@linkway/contracts';
import { type SnapshotFacts, snapshotBody } from './snapshot.builder';

const hub = {
  hubId: 'hub1',
  hubName: 'Test Hub',
  archetype: 'stroke_navigation' as const,
  integrationModel: 'brokered_referral' as const,
  population: 48_000,
};
const period = { kind: 'month' as const, key: '2026-11', start: '2026-11-01', end: '2026-11-30' };

const facts = (overrides: Partial<SnapshotFacts> = {}): SnapshotFacts => ({
  referralsBySource: [
    { key: 'gp_practice', count: 3 },
    { key: 'Ada Lovelace', count: 1 },
  ],
  referralsByNeed: [
    { key: 'isolation', count: 2 },
    { key: '9434765919', count: 1 },
  ],
  referralsByStatus: { received: 1, accepted: 2, declined: 1 },
  cases: { opened: 2, closed: 1, contactsSum: 6, closedWithContacts: 1 },
  pairs: [
    {
      measure: 'swemwbs',
      n: 2,
      sumBaseline: 30,
      sumFollowUp: 34,
      sumChange: 4,
      sumSquares: 10,
      nUp: 1,
      nDown: 0,
    },
    {
      measure: 'ucla3',
      n: 2,
      sumBaseline: 14,
      sumFollowUp: 10,
      sumChange: -4,
      sumSquares: 8,
      nUp: 0,
      nDown: 2,
    },
    {
      measure: 'health_ae_attendances',
      n: 2,
      sumBaseline: 3,
      sumFollowUp: 1,
      sumChange: -2,
      sumSquares: 2,
      nUp: 0,
      nDown: 2,
    },
  ],
  homeEnvironment: [
    { screenedPositive: true, furthest: null },
    { screenedPositive: true, furthest: 'council_contacted' },
    { screenedPositive: false, furthest: 'delivery_confirmed' },
    { screenedPositive: false, furthest: null },
  ],
  partnerFeedback: { sent: 2, answered: 1, responseDays: [{ days: 3, count: 1 }] },
  ...overrides,
});

describe(snapshotBody.name, () => {
  const body = snapshotBody(hub, period, facts());

  it('is a valid HubSnapshotV1 with the federation archetype code', () => {
    const snapshot = plainToInstance(HubSnapshotV1, {
      ...body,
      version: 1,
      builtAt: '2026-11-22T01:00:00.000Z',
    });
    expect(validateSync(snapshot, { whitelist: true, forbidNonWhitelisted: true })).toEqual([]);
    expect(body.archetype).toBe('stroke');
  });

  it('passes only coded keys; anything else is counted as other', () => {
    expect(body.referrals.bySource).toEqual([
      { key: 'gp_practice', count: 3 },
      { key: 'other', count: 1 },
    ]);
    expect(body.referrals.byNeed).toEqual([
      { key: 'isolation', count: 2 },
      { key: 'other', count: 1 },
    ]);
    expect(body.referrals).toMatchObject({ received: 4, accepted: 2, declined: 1, signposted: 0 });
  });

  it('counts improvement in each measure’s direction and splits out health use', () => {
    expect(body.outcomes).toEqual([
      { measure: 'swemwbs', nPaired: 2, sumChange: 4, sumSquares: 10, nImproved: 1 },
      { measure: 'ucla3', nPaired: 2, sumChange: -4, sumSquares: 8, nImproved: 2 },
    ]);
    expect(body.healthUse).toEqual([
      { kind: 'ae_attendances', nPaired: 2, baselineSum: 3, followUpSum: 1, nReduced: 2 },
    ]);
  });

  it('folds casework pathway steps into the six-step funnel, each step counting those who went further', () => {
    expect(body.homeEnvironment).toEqual([
      { step: 'identified', reached: 3 },
      { step: 'screened', reached: 2 },
      { step: 'referred_on', reached: 2 },
      { step: 'assessed', reached: 1 },
      { step: 'decided', reached: 1 },
      { step: 'intervention_delivered', reached: 1 },
    ]);
  });
});
