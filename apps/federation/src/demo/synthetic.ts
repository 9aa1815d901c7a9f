import {
  HEALTH_USE_KINDS,
  HOME_ENVIRONMENT_STEPS,
  type HubArchetype,
  type HubSnapshotV1,
  type IntegrationModel,
} from '@linkway/contracts';

/*
 * Seeded synthetic hub snapshots for the demo, the tests and the bench. A hub's cases are
 * drawn one by one (so sums, sums of squares and histograms are consistent with some real
 * cohort), then reduced to the aggregates a real outcomes service would publish.
 */

export interface HubProfile {
  hubId: string;
  hubName: string;
  archetype: HubArchetype;
  integrationModel: IntegrationModel;
  population: number;
  /** Chance that a household identified for the home-environment pathway passes each step. */
  stepPass: number;
  /** Mean SWEMWBS change of a supported person. */
  wellbeingGain: number;
  /** Share of onward referrals a partner answers. */
  feedbackRate: number;
}

/** The three demo hubs: different archetypes and integration models, so comparisons differ. */
export const DEMO_HUBS: readonly HubProfile[] = [
  {
    hubId: 'hub1',
    hubName: 'Northfield Community Links',
    archetype: 'pcn_link_workers',
    integrationModel: 'embedded_specialist',
    population: 52_000,
    stepPass: 0.86,
    wellbeingGain: 2.9,
    feedbackRate: 0.82,
  },
  {
    hubId: 'hub2',
    hubName: 'Riverside Social Prescribing',
    archetype: 'community_centre',
    integrationModel: 'universal_screening',
    population: 61_000,
    stepPass: 0.78,
    wellbeingGain: 2.4,
    feedbackRate: 0.7,
  },
  {
    hubId: 'hub3',
    hubName: 'Moorland Connect',
    archetype: 'vcse_connector',
    integrationModel: 'brokered_referral',
    population: 38_000,
    stepPass: 0.62,
    wellbeingGain: 1.8,
    feedbackRate: 0.55,
  },
];

/** mulberry32: small, fast, seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SOURCES = [
  'gp',
  'practice_staff',
  'social_worker',
  'hospital_discharge',
  'pharmacy',
  'housing',
  'vcse',
  'self',
];
const NEEDS = [
  'loneliness',
  'housing',
  'debt',
  'mental_wellbeing',
  'physical_activity',
  'carer_support',
  'employment',
];
const MEASURES = ['swemwbs', 'ons4_life_satisfaction', 'ucla3'];

export const monthPeriod = (year: number, month: number) => {
  const mm = String(month).padStart(2, '0');
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return {
    kind: 'month' as const,
    key: `${year}-${mm}`,
    start: `${year}-${mm}-01`,
    end: `${year}-${mm}-${last}`,
  };
};

/** One hub's snapshot for one month built from `cases` synthetic cases. */
export function syntheticSnapshot(
  profile: HubProfile,
  opts: { year: number; month: number; cases: number; version?: number; seed?: number },
): HubSnapshotV1 {
  const rnd = seededRandom(
    opts.seed ?? hashSeed(`${profile.hubId}:${opts.year}-${opts.month}:${opts.version ?? 1}`),
  );
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const bySource = new Map<string, number>();
  const byNeed = new Map<string, number>();
  let accepted = 0,
    declined = 0,
    signposted = 0,
    closed = 0,
    contactsSum = 0;
  const measures = new Map(
    MEASURES.map((m) => [m, { nPaired: 0, sumChange: 0, sumSquares: 0, nImproved: 0 }]),
  );
  const health = new Map(
    HEALTH_USE_KINDS.map((k) => [k, { nPaired: 0, baselineSum: 0, followUpSum: 0, nReduced: 0 }]),
  );
  const funnel = HOME_ENVIRONMENT_STEPS.map(() => 0);
  let sent = 0,
    answered = 0;
  const days = new Map<number, number>();
  for (let i = 0; i < opts.cases; i++) {
    const source = profile.archetype === 'pcn_link_workers' && rnd() < 0.7 ? 'gp' : pick(SOURCES);
    bySource.set(source, (bySource.get(source) ?? 0) + 1);
    const need = pick(NEEDS);
    byNeed.set(need, (byNeed.get(need) ?? 0) + 1);
    const r = rnd();
    if (r < 0.72) accepted++;
    else if (r < 0.84) declined++;
    else {
      signposted++;
      continue;
    }
    if (r >= 0.72) continue;
    if (rnd() < 0.8) {
      closed++;
      contactsSum += 6 + Math.floor(rnd() * 7);
    }
    if (rnd() < 0.6) {
      for (const [measure, agg] of measures) {
        const change =
          Math.round((profile.wellbeingGain * (measure === 'ucla3' ? -0.3 : 1) + (rnd() - 0.5) * 6) * 100) /
          100;
        agg.nPaired++;
        agg.sumChange += change;
        agg.sumSquares += change * change;
        if (measure === 'ucla3' ? change < 0 : change > 0) agg.nImproved++;
      }
      for (const [, agg] of health) {
        const before = Math.floor(rnd() * 5);
        const after = Math.max(0, before - (rnd() < 0.4 ? 1 : 0));
        agg.nPaired++;
        agg.baselineSum += before;
        agg.followUpSum += after;
        if (after < before) agg.nReduced++;
      }
    }
    if (need === 'housing' || rnd() < 0.1) {
      let step = 0;
      funnel[0]++;
      while (step + 1 < funnel.length && rnd() < profile.stepPass) funnel[++step]++;
    }
    if (rnd() < 0.5) {
      sent++;
      if (rnd() < profile.feedbackRate) {
        answered++;
        const d = 1 + Math.floor(rnd() * 20);
        days.set(d, (days.get(d) ?? 0) + 1);
      }
    }
  }
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return {
    hubId: profile.hubId,
    hubName: profile.hubName,
    archetype: profile.archetype,
    integrationModel: profile.integrationModel,
    population: profile.population,
    period: monthPeriod(opts.year, opts.month),
    version: opts.version ?? 1,
    builtAt: new Date().toISOString(),
    referrals: {
      bySource: [...bySource].map(([key, count]) => ({ key, count })),
      byNeed: [...byNeed].map(([key, count]) => ({ key, count })),
      received: opts.cases,
      accepted,
      declined,
      signposted,
    },
    cases: { opened: accepted, closed, contactsSum, closedWithContacts: closed },
    outcomes: [...measures].map(([measure, a]) => ({
      measure,
      nPaired: a.nPaired,
      sumChange: round2(a.sumChange),
      sumSquares: round2(a.sumSquares),
      nImproved: a.nImproved,
    })),
    healthUse: [...health].map(([kind, a]) => ({ kind, ...a })),
    homeEnvironment: HOME_ENVIRONMENT_STEPS.map((step, i) => ({ step, reached: funnel[i] })),
    partnerFeedback: { sent, answered, responseDays: [...days].map(([d, count]) => ({ days: d, count })) },
  };
}

function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
