import { HEALTH_USE_KINDS, HOME_ENVIRONMENT_STEPS, type HubSnapshotV1 } from '@linkway/contracts';
import { monthPeriod } from '../demo/synthetic';

/** A valid snapshot built now, with every figure 0 unless overridden; `month` is 1–12 of 2026. */
export function snapshotFactory(
  overrides: Partial<HubSnapshotV1> & { hubId: string; month?: number },
): HubSnapshotV1 {
  const { month = 11, ...rest } = overrides;
  return {
    hubName: `Hub ${overrides.hubId}`,
    archetype: 'community_centre',
    integrationModel: 'universal_screening',
    population: 50_000,
    period: monthPeriod(2026, month),
    version: 1,
    // now, not a fixed date: a hub whose newest snapshot is older than 48 h is reported stale
    builtAt: new Date().toISOString(),
    referrals: { bySource: [], byNeed: [], received: 0, accepted: 0, declined: 0, signposted: 0 },
    cases: { opened: 0, closed: 0, contactsSum: 0, closedWithContacts: 0 },
    outcomes: [],
    healthUse: HEALTH_USE_KINDS.map((kind) => ({
      kind,
      nPaired: 0,
      baselineSum: 0,
      followUpSum: 0,
      nReduced: 0,
    })),
    homeEnvironment: HOME_ENVIRONMENT_STEPS.map((step) => ({ step, reached: 0 })),
    partnerFeedback: { sent: 0, answered: 0, responseDays: [] },
    ...rest,
  };
}
